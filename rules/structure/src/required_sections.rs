use reportlint_core::completeness::Completeness;
use reportlint_core::document::Heading;
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告应具备2021年格式的六个部分，各出现一次，顺序正确：
    /// 一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；
    /// 四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。
    /// 标题的常见变体也接受（`行政机关主动公开政府信息的情况`、
    /// `因政府信息公开工作被申请行政复议、提起行政诉讼的情况`、`政府信息公开工作存在的主要问题及改进情况`、
    /// `其他事项`…）。标题缺序号或序号有误，在这里仍然算数（序号由 `structure/section-numbering` 报告）。
    /// 后两版格式的报告中出现 `概述` 这类2019年以前的标题，报告为旧标题。整篇按2019年以前内容清单编写的
    /// 报告（概述 / 收费及减免 / 以指标名称·计量单位为行的统计表）不按六个部分检查：
    /// 由 `structure/report-format` 指明一次其格式。
    ///
    /// ## 为什么重要（Why it matters）
    /// 《中华人民共和国政府信息公开条例》第五十条列明年度报告应当包括的内容，2021年格式
    /// （国办公开办函〔2021〕30号）将其固定为六个部分。缺少部分是报告被退回的头一条原因。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 一、总体情况
    /// 二、主动公开政府信息情况
    /// 三、收到和处理政府信息公开申请情况
    /// 四、政府信息公开行政复议、行政诉讼情况
    /// 五、存在的主要问题及改进情况
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 一、总体情况
    /// 二、主动公开政府信息情况
    /// 三、收到和处理政府信息公开申请情况
    /// 四、政府信息公开行政复议、行政诉讼情况
    /// 五、存在的主要问题及改进情况
    /// 六、其他需要报告的事项
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 各部分是否言之有物——第五部分只写 `无`、只列问题没有措施、总体情况写成一般工作总结——需要人来
    /// 判断，不检查。文本被截断时（节选或网页在表格中间、句子中间中断，见 `structure/text-cut-short`），
    /// 最后找到的部分之后的各部分不报告缺失：它们可能在截断处之后；最后找到的部分之前缺少的部分照常报告。
    /// 本规则只看到给它的文本：提前中断的副本（网页节选、不完整的文件）与漏写后面部分的报告无法区分。
    pub struct RequiredSections {
        id: "structure/required-sections",
        summary: "报告应包含格式规定的六个部分，各一次，顺序正确",
        severity: Error,
        fix: None,
    }
}

impl Rule for RequiredSections {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        // The pre-2019 content list has other parts (概述 … 收费及减免 … 统计表):
        // `structure/report-format` names the format once instead of six missing parts.
        if doc.is_pre_2019() {
            return;
        }
        let sections = doc.sections();
        // Parts after the point where the text breaks off are not missing: the text is cut short
        // (`structure/text-cut-short` says so).
        let cut = doc.analysis::<Completeness>();
        if sections.is_empty() {
            if cut.is_cut() {
                return;
            }
            let at = doc
                .title()
                .filter(|t| !t.from_header)
                .map(|t| t.span())
                .or_else(|| {
                    doc.lines()
                        .iter()
                        .find(|l| {
                            !l.is_blank()
                                && l.content.start >= doc.header().map_or(0, |h| h.span.end)
                        })
                        .map(|l| l.content)
                })
                .unwrap_or(Span::empty(0));
            ctx.report(
                Diagnostic::error(at, "未找到报告的六个部分（一、总体情况 至 六、其他需要报告的事项）")
                    .with_help("按《中华人民共和国政府信息公开工作年度报告格式》，正文分为六个部分，各以“一、”至“六、”编号的标题开头"),
            );
            return;
        }
        for kind in SectionKind::ALL {
            if doc.section(kind).is_some() {
                continue;
            }
            let misplaced = doc
                .heading_candidates()
                .iter()
                .find(|c| c.kind == kind && c.is_correctly_numbered() && !c.inline);
            if let Some(h) = misplaced {
                ctx.report(
                    Diagnostic::error(
                        h.span,
                        format!("第{}部分“{}”的位置不对", kind.numeral(), doc.slice(h.title)),
                    )
                    .with_help(order_help(kind)),
                );
                continue;
            }
            if cut.hides_part(kind) {
                continue;
            }
            let (at, label) = match sections.iter().find(|s| s.kind > kind) {
                Some(next) => (
                    next.heading.span,
                    format!("缺少的第{}部分应在此之前", kind.numeral()),
                ),
                None => {
                    let prev = sections.iter().rev().find(|s| s.kind < kind).unwrap();
                    (
                        prev.heading.span,
                        format!("缺少的第{}部分应在这一部分之后", kind.numeral()),
                    )
                }
            };
            ctx.report(
                Diagnostic::error(
                    at,
                    format!("缺少第{}部分“{}”", kind.numeral(), kind.canonical_heading()),
                )
                .with_span_label(label)
                .with_help(format!(
                    "补上“{}”一节；没有内容时也应保留标题并说明情况（如“本年度未发生……”）",
                    kind.canonical_heading()
                )),
            );
        }
        for s in sections {
            if s.heading.old_format {
                ctx.report(
                    Diagnostic::error(
                        s.heading.title,
                        format!("使用了旧格式的标题“{}”", doc.slice(s.heading.title)),
                    )
                    .with_help(format!(
                        "2021年起使用国办公开办函〔2021〕30号规定的格式，此处应为“{}”",
                        s.kind.canonical_heading()
                    ))
                    .with_fix(Fix::suggestion(
                        format!("改为“{}”", s.kind.canonical_title()),
                        vec![Edit::replace(s.heading.title, s.kind.canonical_title())],
                    )),
                );
            }
            for dup in repeats(doc, s) {
                ctx.report(
                    Diagnostic::error(
                        dup.span,
                        format!("第{}部分的标题重复出现", s.kind.numeral()),
                    )
                    .with_label(s.heading.span, "第一次出现在这里")
                    .with_help("每个部分只应有一个标题；删除重复的标题或改正其序号"),
                );
            }
        }
    }
}

/// Correctly numbered headings of `s`'s kind on lines of their own, other than the chosen one.
fn repeats<'d>(doc: &'d Document, s: &'d Section) -> impl Iterator<Item = &'d Heading> {
    doc.heading_candidates().iter().filter(move |c| {
        c.kind == s.kind && c.span != s.heading.span && c.is_correctly_numbered() && !c.inline
    })
}

fn order_help(kind: SectionKind) -> String {
    let prev = SectionKind::from_number(kind.number() - 1);
    let next = SectionKind::from_number(kind.number() + 1);
    match (prev, next) {
        (Some(p), Some(n)) => format!(
            "第{}部分应在“{}”之后、“{}”之前",
            kind.numeral(),
            p.canonical_heading(),
            n.canonical_heading()
        ),
        (None, Some(n)) => format!("第一部分应在“{}”之前", n.canonical_heading()),
        (Some(p), None) => format!("第六部分应在“{}”之后", p.canonical_heading()),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, summarize};

    use crate::test_support::GOOD;

    #[test]
    fn six_sections_pass() {
        assert!(check(&RequiredSections, GOOD).is_empty());
    }

    #[test]
    fn variants_and_unnumbered_headings_count() {
        let text = "某镇人民政府2022年政府信息公开工作年度报告\n\
            一、总体情况\n正文。\n二、行政机关主动公开政府信息的情况\n 三、行政机关收到和处理政府信息公开申请的情况\n\
            四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况\n政府信息公开工作存在的主要问题及改进情况\n正文。\n六、其他事项\n无。\n";
        assert!(check(&RequiredSections, text).is_empty());
    }

    #[test]
    fn missing_section_is_reported_where_it_belongs() {
        let text = GOOD.replace("六、其他需要报告的事项\n无。\n", "");
        assert_eq!(
            summarize(&text, &check(&RequiredSections, &text)),
            ["error 10:1 「五、存在的主要问题及改进情况」 缺少第六部分“六、其他需要报告的事项”"]
        );
        let text = GOOD.replace("四、政府信息公开行政复议、行政诉讼情况\n表。\n", "");
        assert_eq!(
            summarize(&text, &check(&RequiredSections, &text)),
            ["error 8:1 「五、存在的主要问题及改进情况」 缺少第四部分“四、政府信息公开行政复议、行政诉讼情况”"]
        );
    }

    #[test]
    fn old_format_and_repeats() {
        let text = GOOD.replace("一、总体情况", "一、概述");
        assert_eq!(
            summarize(&text, &check(&RequiredSections, &text)),
            ["error 2:3 「概述」 使用了旧格式的标题“概述”"]
        );
        let text = GOOD.replace(
            "五、存在的主要问题及改进情况\n",
            "五、存在的主要问题及改进情况\n五、存在的主要问题及改进情况\n",
        );
        assert_eq!(
            summarize(&text, &check(&RequiredSections, &text)),
            ["error 11:1 「五、存在的主要问题及改进情况」 第五部分的标题重复出现"]
        );
    }

    #[test]
    fn pre_2019_reports_are_not_checked_against_the_six_parts() {
        for text in [
            "某区2016年政府信息公开工作年度报告\n一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、政府信息依申请公开工作情况\n无。\n四、政府信息公开的收费及减免情况\n无。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n六、主要问题和改进措施\n正文。\n",
            "某县2015年度政府信息公开工作年度报告\r\n一、概述\r\n二、主动公开政府信息情况\r\n七、统计表\r\n指标名称\t计量单位\t数量\r\n",
            "某市民政局2012年政府信息公开年度报告\n（一）概述\n正文。\n（二）主动公开\n",
            "某镇２０１７年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n三、依申请公开政府信息情况\n四、政府信息公开的收费及减免情况\n",
            "某局2022年政府信息公开工作年度报告\n一、概述\n二、主动公开情况\n三、政府信息公开的收费和减免情况\n指标名称 计量单位 本年度\n",
        ] {
            assert!(check(&RequiredSections, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn no_sections_at_all() {
        let text = "某镇2022年政府信息公开工作年度报告\n今年我镇做了很多工作。\n";
        assert_eq!(
            summarize(text, &check(&RequiredSections, text)),
            ["error 1:1 「某镇2022年政府信息公开工作年度报告」 未找到报告的六个部分（一、总体情况 至 六、其他需要报告的事项）"]
        );
    }
}
