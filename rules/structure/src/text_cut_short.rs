use reportlint_core::completeness::{Completeness, CutKind};
use reportlint_core::contact::Contact;
use reportlint_core::dates::Dates;
use reportlint_core::prelude::*;
use reportlint_core::tables::{Found, Tables};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 文本是否在报告结束前明显中断，以及因此哪些内容没法检查。节选、只保存或抓取了一部分的网页、
    /// 在分页处中断的副本都很常见；截断处之后的内容是文本里没有，不一定是报告里没有。只有在文本没有落款、
    /// 且最后一行停在以下位置时，才认为被截断：
    ///
    /// - 统计表中间：一行的最后一格是半截标签（`自然人 | 法人或`、`信息内容 | 本年收费金额(单位:万`），
    ///   只有表头没有数据，或最后一行之后缺了若干行；
    /// - 句子中间：最后一个 `。！？；` 之后还有一段带 `，` 或 `、` 而没有句末标点的文字
    ///   （`…全域无垃圾67条`、`…2020年未产生行政事业收费,政府集`）；
    /// - 词语中间：括号、引号或 `《` 没有闭合，字符残缺；
    /// - 六个部分之一的标题之后，再无文字。
    ///
    /// 这时给出一条 info，说明文本在哪一行中断，并列出无法检查的内容：最后找到的部分之后的各部分、
    /// 该部分表格的其余部分、截断前未出现的统计期限和联系方式、落款。报告“缺少”的规则
    /// （`structure/required-sections`、`structure/signature`、`contact/required`、`tables/present`、
    /// `dates/statistics-period`）对这些内容不再报告；截断前出现的内容照常检查，最后找到的部分之前缺少的
    /// 部分仍然报告。
    ///
    /// ## 为什么重要（Why it matters）
    /// 把看不到的内容报告为缺少（“缺少第四部分”“报告末尾缺少落款”），对节选来说是误报，一连串误报还会
    /// 淹没真正要紧的问题。说明一次文本被截断，读者就知道这些部分为何没有检查；如果文件本应是全文，
    /// 也知道该去哪里找。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 二、主动公开政府信息情况
    /// 第二十条第(一)项 | |||
    /// 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    /// 规章 | 0 | 0 | 0 |
    /// 第二十条第(八)项 | |||
    /// 信息内容 | 本年收费金额(单位:万
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 六、其他需要报告的事项
    /// 本年度无其他需要报告的事项。
    ///
    /// 某镇人民政府
    /// 2023年1月16日
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 文本停在完整的句子上（`……有力地保障了公众的知情权。`）、停在不带逗号顿号的短语上、停在数字之后
    /// （以正文形式写出的表格的最后一个数值）、停在小标题上（`（二）本年度无其他需要报告的事项`
    /// 可能就是列举的末尾）时，无法知道文本被截断：按原样对待，其他规则照常报告没有找到的内容。
    /// 开头被截掉的文本（没有标题、没有开头部分）不在这里判断。
    pub struct TextCutShort {
        id: "structure/text-cut-short",
        summary: "文本中途中断时说明无法检查的内容（其后的部分、联系方式、落款）",
        severity: Info,
        fix: None,
    }
}

impl Rule for TextCutShort {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let completeness = doc.analysis::<Completeness>();
        let Some(cut) = completeness.cut() else {
            return;
        };
        let mut unseen: Vec<String> = Vec::new();
        let hidden: Vec<SectionKind> = SectionKind::ALL
            .into_iter()
            .filter(|&k| doc.section(k).is_none() && completeness.hides_part(k))
            .collect();
        if hidden.len() == SectionKind::ALL.len() {
            unseen.push("六个部分（中断前未找到任何部分的标题）".to_owned());
        } else if !hidden.is_empty() {
            let numerals: Vec<&str> = hidden.iter().map(|k| k.numeral()).collect();
            unseen.push(format!("第{}部分", numerals.join("、")));
        }
        if let Some(section) = doc.section_at(cut.span.start) {
            let tables = doc.analysis::<Tables>();
            let (name, missing) = match section.kind {
                SectionKind::Proactive => ("表二", is_missing(tables.proactive.as_ref())),
                SectionKind::Requests => ("表三", is_missing(tables.requests.as_ref())),
                SectionKind::Appeals => ("表四", is_missing(tables.appeals.as_ref())),
                _ => ("", false),
            };
            if missing {
                unseen.push(format!(
                    "第{}部分的统计表（{name}）",
                    section.kind.numeral()
                ));
            } else if cut.kind == CutKind::Table && !name.is_empty() {
                unseen.push(format!("{name}中断处之后的各行"));
            }
        }
        if completeness.hides_opening() && doc.analysis::<Dates>().period().is_none() {
            unseen.push("统计期限".to_owned());
        }
        let contact = doc.analysis::<Contact>();
        if !contact.has_phone() && contact.addresses.is_empty() {
            unseen.push("联系方式".to_owned());
        }
        if contact.websites.is_empty() && contact.website_named.is_none() {
            unseen.push("发布网站".to_owned());
        }
        unseen.push("落款".to_owned());
        let line = doc.line_col(cut.span.start).line;
        ctx.report(
            Diagnostic::info(
                cut.span,
                format!(
                    "文本在第{line}行中断（{}），其后的内容无法检查：{}",
                    cut.kind.describe(),
                    unseen.join("；")
                ),
            )
            .with_span_label("文本到此为止")
            .with_help("如果这是完整的报告，补全中断处之后的内容；如果只是节选或网页片段，请检查完整的报告"),
        );
    }
}

fn is_missing<T>(f: Option<&Found<T>>) -> bool {
    matches!(f, Some(Found::Missing { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, summarize};

    use crate::test_support::GOOD;

    const HEAD: &str = "某镇人民政府2022年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。如对本报告有疑问，请与镇党政办联系（地址：某镇人民路1号，电话：0631-8898088）。\n一、总体情况\n2022年，我镇认真贯彻落实《条例》，主动公开政府信息。\n";

    #[test]
    fn a_whole_report_is_not_cut() {
        assert!(check(&TextCutShort, GOOD).is_empty());
        let text = format!("{GOOD}\n某镇人民政府\n2023年1月16日\n");
        assert!(check(&TextCutShort, &text).is_empty());
        // Ends on a full sentence without a closing block: cannot be told.
        let text = format!("{HEAD}全年网站总访问量21万余人次。\n");
        assert!(check(&TextCutShort, &text).is_empty());
    }

    #[test]
    fn stopped_mid_sentence() {
        let text = format!("{HEAD}（一）主动公开情况\n全年主动公开政务信息382条，包括政府网站、妇联32条、全域无垃圾67条\n");
        assert_eq!(
            summarize(&text, &check(&TextCutShort, &text)),
            ["info 6:29 「全域无垃圾67条」 文本在第6行中断（停在句子中间，没有句末标点），其后的内容无法检查：第二、三、四、五、六部分；发布网站；落款"]
        );
    }

    #[test]
    fn stopped_mid_table() {
        let text = format!("{HEAD}二、主动公开政府信息情况\n第二十条第(一)项 | |||\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 0 |\n第二十条第(八)项 | |||\n信息内容 | 本年收费金额(单位:万\n");
        assert_eq!(
            summarize(&text, &check(&TextCutShort, &text)),
            ["info 10:8 「本年收费金额(单位:万」 文本在第10行中断（停在统计表中间），其后的内容无法检查：第三、四、五、六部分；表二中断处之后的各行；发布网站；落款"]
        );
    }

    #[test]
    fn stopped_mid_word_before_any_part() {
        let text = "某街道2019年政府信息公开工作年度报告\r\n根据《中华人民共和国政府信息公开条例》要求，现公布本街道报告。报告由总体情况、主动公开政府信息情况等部分组成。根据《中华人民共和国政府\r\n";
        assert_eq!(
            summarize(text, &check(&TextCutShort, text)),
            ["info 2:56 「根据《中华人民共和国政府」 文本在第2行中断（停在词语中间，括号或引号没有闭合），其后的内容无法检查：六个部分（中断前未找到任何部分的标题）；统计期限；联系方式；发布网站；落款"]
        );
    }

    #[test]
    fn a_part_before_the_cut_without_its_table() {
        let text = format!(
            "{HEAD}二、主动公开政府信息情况\n2022年，我镇主动公开政府信息382条，其中政策文件12条、"
        );
        let d = check(&TextCutShort, &text);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .contains("第三、四、五、六部分；第二部分的统计表（表二）"),
            "{}",
            d[0].message
        );
    }
}
