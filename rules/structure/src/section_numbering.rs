use reportlint_core::document::NumberStyle;
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 六个部分的标题依次编号 `一、` 至 `六、`。报告：缺序号的标题（应为 `五、…` 处只写
    /// `政府信息公开工作存在的主要问题及改进情况`）、阿拉伯数字或其他错误序号（`2、`、`6、`、`一．`），
    /// 以及跳号、重号。修复写入正确的序号。另外报告一次：总体情况下的各项内容用 `一、二、三` 编号，
    /// 与部分标题相同（在第一部分内重新从 `一、` 开始的第二套序号，之后各部分又从 `二、` 接续）；
    /// 这些按小标题而不是部分来读，修复建议改为 `（一）（二）（三）`。采用2019年以前内容清单的报告，
    /// 部分编号不同（`五、因政府信息公开申请行政复议…`、`七、统计表`），交给 `structure/report-format`。
    ///
    /// ## 为什么重要（Why it matters）
    /// 2021年格式将六个部分编为一至六；审核人员和评估人员按序号找各部分，序号错了，报告显得没有校对过。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 2、 主动公开政府信息情况
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 二、主动公开政府信息情况
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 标题的文字由 `structure/required-sections` 检查，小标题的序号由 `structure/subsection-numbering`
    /// 检查。完全找不到的标题（缺少该部分，或文本提前中断）没有序号可查。
    pub struct SectionNumbering {
        id: "structure/section-numbering",
        summary: "六个部分的标题应依次编号“一、”至“六、”",
        severity: Error,
        fix: Always,
    }
}

impl Rule for SectionNumbering {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        // The pre-2019 content list numbers other parts (四、收费及减免, 七、统计表): its
        // numbering is not the six parts'. `structure/report-format` names the format.
        if doc.is_pre_2019() {
            return;
        }
        for r in doc.numbering_restarts() {
            let Some(first) = r.numbers.first() else {
                continue;
            };
            let written: Vec<&str> = r.numbers.iter().map(|n| doc.slice(n.span)).collect();
            let edits = r
                .numbers
                .iter()
                .map(|n| {
                    let numeral = doc.slice(n.span);
                    let numeral = &numeral
                        [..numeral.len() - numeral.chars().last().map_or(0, char::len_utf8)];
                    Edit::replace(n.span_with_space, format!("（{}）", numeral.trim()))
                })
                .collect();
            ctx.report(
                Diagnostic::warning(
                    first.span,
                    format!(
                        "“{}”中的{}项子标题又从“一、”起编号（{}），与六个部分的序号混在一起",
                        r.within.canonical_title(),
                        r.numbers.len(),
                        written.join("")
                    ),
                )
                .with_label(r.span, "这些是本部分内的子标题，不是报告的部分")
                .with_help("部分内的子标题用“（一）（二）（三）”编号，“一、”至“六、”只用于六个部分")
                .with_fix(Fix::suggestion("把子标题的序号改为“（一）（二）……”", edits)),
            );
        }
        for s in doc.sections() {
            let h = &s.heading;
            let want = format!("{}、", s.kind.numeral());
            match h.number {
                None => {
                    ctx.report(
                        Diagnostic::error(
                            h.title,
                            format!("第{}部分标题缺少序号“{want}”", s.kind.numeral()),
                        )
                        .with_help(format!("应为“{}”", s.kind.canonical_heading()))
                        .with_fix(Fix::safe(
                            format!("加上序号“{want}”"),
                            vec![Edit::insert(h.title.start, want.clone())],
                        )),
                    );
                }
                Some(n) if n.value != s.kind.number() || n.style != NumberStyle::ChineseComma => {
                    let written = doc.slice(n.span);
                    let what = if n.value == s.kind.number() {
                        "写法不对"
                    } else if doc.sections().iter().any(|o| {
                        o.kind != s.kind && o.heading.number.is_some_and(|m| m.value == n.value)
                    }) {
                        "重复"
                    } else {
                        "不对"
                    };
                    ctx.report(
                        Diagnostic::error(
                            n.span,
                            format!(
                                "第{}部分标题的序号{what}：应为“{want}”，实为“{written}”",
                                s.kind.numeral()
                            ),
                        )
                        .with_help("六个部分依次用中文数字加顿号编号：一、二、三、四、五、六、")
                        .with_fix(Fix::safe(
                            format!("把“{written}”改为“{want}”"),
                            vec![Edit::replace(n.span_with_space, want.clone())],
                        )),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, summarize};

    use crate::test_support::GOOD;

    #[test]
    fn correct_numbering_passes() {
        assert!(check(&SectionNumbering, GOOD).is_empty());
    }

    #[test]
    fn arabic_numbers_are_replaced() {
        let text = GOOD
            .replace("二、主动", "2、 主动")
            .replace("六、其他", "6、 其他");
        let d = check(&SectionNumbering, &text);
        assert_eq!(
            summarize(&text, &d),
            [
                "error 4:1 「2、」 第二部分标题的序号写法不对：应为“二、”，实为“2、”",
                "error 12:1 「6、」 第六部分标题的序号写法不对：应为“六、”，实为“6、”",
            ]
        );
        assert_eq!(apply_fixes(&text, &d), GOOD);
    }

    #[test]
    fn missing_number_is_inserted() {
        let text = GOOD.replace("五、存在", "政府信息公开工作存在");
        let d = check(&SectionNumbering, &text);
        assert_eq!(
            summarize(&text, &d),
            ["error 10:1 「政府信息公开工作存在的主要问题及改进情况」 第五部分标题缺少序号“五、”"]
        );
        assert!(apply_fixes(&text, &d).contains("\n五、政府信息公开工作存在的主要问题及改进情况\n"));
    }

    #[test]
    fn a_restarted_sequence_inside_the_overview_is_one_finding() {
        let subs = [
            "一、主动公开政府信息情况\n正文。\n二、依申请公开情况\n正文。\n三、政府信息管理情况\n正文。\n",
            "一、主动公开\n正文。\n二、依申请公开\n正文。\n三、政府信息管理\n正文。\n四、平台建设\n正文。\n五、监督保障\n正文。\n",
            "一、加强组织领导\n正文。\n二、主动公开政府信息情况\n正文。\n",
            "一．主动公开工作\n正文。\n二．依申请公开工作\n正文。\n",
            "一、主动公开情况。全年公开信息120条。\n二、依申请公开情况。全年收到申请6件。\n三、其他事项\n无。\n",
        ];
        for sub in subs {
            for eol in ["\n", "\r\n"] {
                let text = GOOD
                    .replace("一、总体情况\n正文。\n", &format!("一、总体情况\n{sub}"))
                    .replace('\n', eol);
                let d = check(&SectionNumbering, &text);
                assert_eq!(d.len(), 1, "{sub}: {d:?}");
                assert!(
                    d[0].message.starts_with("“总体情况”中的"),
                    "{}",
                    d[0].message
                );
                assert_eq!(d[0].severity, Severity::Warning);
                // The parts are still the six parts.
                let doc = Document::parse("t.txt", &text);
                assert_eq!(doc.sections().len(), 6, "{sub}");
                assert!(doc
                    .sections()
                    .iter()
                    .all(|s| s.heading.is_correctly_numbered()));
            }
        }
        let text = GOOD.replace(
            "一、总体情况\n正文。\n",
            &format!("一、总体情况\n{}", subs[0]),
        );
        let d = check(&SectionNumbering, &text);
        assert_eq!(
            apply_fixes(&text, &d),
            GOOD.replace("一、总体情况\n正文。\n", "一、总体情况\n（一）主动公开政府信息情况\n正文。\n（二）依申请公开情况\n正文。\n（三）政府信息管理情况\n正文。\n")
        );
        // One item alone is no sequence; nor is a list the parts do not resume after.
        let text = GOOD.replace(
            "一、总体情况\n正文。\n",
            "一、总体情况\n一、加强领导\n正文。\n",
        );
        assert!(check(&SectionNumbering, &text).is_empty());
    }

    #[test]
    fn pre_2019_numbering_is_not_the_six_parts() {
        for text in [
            "某区2016年政府信息公开工作年度报告\n一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、政府信息依申请公开工作情况\n无。\n四、政府信息公开的收费及减免情况\n无。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n六、主要问题和改进措施\n正文。\n",
            "某县2014年政府信息公开工作年度报告\r\n一、概述\r\n二、主动公开政府信息情况\r\n三、依申请公开政府信息情况\r\n四、因政府信息公开申请行政复议、提起行政诉讼的情况\r\n五、政府信息公开的收费及减免情况\r\n",
            "某局2013年度政府信息公开工作报告\n一、概述\n二、主动公开政府信息情况\n三、依申请公开情况\n四、咨询处理情况\n五、复议、诉讼和申诉情况\n六、存在的主要问题及改进措施\n",
            "某镇2018年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息的情况\n五、行政复议、行政诉讼情况\n",
            "某街道２０１７年度政府信息公开工作年度报告\n一、概述\n三、政府信息公开的收费及减免情况\n四、因政府信息公开申请行政复议、提起行政诉讼的情况\n",
        ] {
            assert!(check(&SectionNumbering, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn repeated_and_dotted_numbers() {
        let text = GOOD
            .replace("四、政府", "三、政府")
            .replace("一、总体", "一．总体");
        let d = check(&SectionNumbering, &text);
        assert_eq!(
            summarize(&text, &d),
            [
                "error 2:1 「一．」 第一部分标题的序号写法不对：应为“一、”，实为“一．”",
                "error 8:1 「三、」 第四部分标题的序号重复：应为“四、”，实为“三、”",
            ]
        );
    }
}
