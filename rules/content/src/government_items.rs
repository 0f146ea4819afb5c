use reportlint_core::prelude::*;
use reportlint_core::region::{AgencyKind, AgencyRegion};
use reportlint_core::serde;

use crate::util::{heading, prose_mentions, whole_part};

declare_rule! {
    /// ## What it checks
    /// A people's government's report (the agency's name ends in `人民政府` or `政府`: a county,
    /// city or province, and by default a town) reports the results of 工作考核、社会评议和责任追究
    /// (条例第五十条第四项). The rule warns when none of the three is mentioned anywhere in the
    /// prose (考核, 评议, 测评, 满意度, 责任追究, 追责, 问责).
    ///
    /// Departments, offices (`…人民政府办公室`), sub-districts (`街道办事处`) and
    /// management committees are not people's governments and are not checked. Where local rules
    /// do not ask this of towns, the option `towns = false` (per region, in `[regions."…"]`) leaves
    /// towns out.
    ///
    /// ## Why it matters
    /// The 条例 asks people's governments, and only them, for these three results; evaluators look
    /// for them in part 一 or part 六.
    ///
    /// ## Example (bad)
    /// ```text
    /// 文登区人民政府2022年政府信息公开工作年度报告
    /// ……（全文没有工作考核、社会评议和责任追究的内容）
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 六、其他需要报告的事项
    /// 本年度将政务公开纳入全区综合考核，开展社会评议1次，未发生责任追究情况。
    /// ```
    ///
    /// ## What it does not check
    /// Whether the three results are each reported fully (one mention is taken as enough); a
    /// report whose part 六 was not found or may be cut short; an agency whose kind cannot be
    /// told from its name.
    pub struct GovernmentItems {
        id: "content/government-items",
        summary: "人民政府的报告应说明工作考核、社会评议和责任追究结果",
        severity: Warning,
        fix: None,
        options: GovernmentItemsOptions,
    }
}

/// Options of `content/government-items`.
#[derive(Debug, serde::Deserialize)]
#[serde(crate = "reportlint_core::serde", deny_unknown_fields)]
pub struct GovernmentItemsOptions {
    /// Check town governments too (`XX镇人民政府`).
    #[serde(default = "yes")]
    pub towns: bool,
}

fn yes() -> bool {
    true
}

impl Default for GovernmentItemsOptions {
    fn default() -> Self {
        GovernmentItemsOptions { towns: true }
    }
}

static SEARCHER: std::sync::LazyLock<reportlint_core::aho_corasick::packed::Searcher> =
    std::sync::LazyLock::new(|| crate::util::searcher(&WORDS));

const WORDS: [&str; 8] = [
    "考核",
    "评议",
    "测评",
    "满意度",
    "追究",
    "追责",
    "问责",
    "评估",
];

impl Rule for GovernmentItems {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let options: GovernmentItemsOptions = ctx.options();
        let doc = ctx.doc();
        let region = doc.analysis::<AgencyRegion>();
        let Some(name) = region.name.as_ref() else {
            return;
        };
        let n = name.name.as_str();
        let government = n.ends_with("政府");
        let counted = match region.kind {
            AgencyKind::Government => true,
            AgencyKind::Town => options.towns,
            AgencyKind::Department | AgencyKind::Unknown => false,
        };
        if !government || !counted {
            return;
        }
        if whole_part(doc, SectionKind::Other).is_none() {
            return;
        }
        let Some(head) = heading(doc, SectionKind::Other) else {
            return;
        };
        if prose_mentions(doc, &SEARCHER, &WORDS, &[], SectionKind::Other) {
            return;
        }
        ctx.report(
            Diagnostic::warning(
                head,
                format!("{n}是人民政府，报告应说明工作考核、社会评议和责任追究结果，全文未提及"),
            )
            .with_span_label("可在此部分说明")
            .with_help("按条例第五十条第四项，写明政府信息公开工作考核、社会评议和责任追究的结果（没有的也应写明）"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::report;
    use reportlint_core::testing::{check, summarize};

    fn run(agency: &str, six: &str) -> Vec<String> {
        let text = report(agency, ["正文。", "表。", "表。", "表。", "问题。", six]);
        summarize(&text, &check(&GovernmentItems, &text))
    }

    #[test]
    fn a_government_silent_on_the_three_results() {
        for agency in [
            "威海市文登区人民政府",
            "招远市金岭镇人民政府",
            "岐山县人民政府",
        ] {
            let got = run(agency, "无其他需要报告的事项。");
            assert_eq!(got.len(), 1, "{agency}");
            assert!(got[0].contains("工作考核、社会评议和责任追究"), "{got:?}");
        }
    }

    #[test]
    fn real_phrasings_pass() {
        for six in [
            "本年度将政务公开纳入全区综合考核。",
            "开展社会评议1次，群众满意度98%。",
            "本年度未发生政府信息公开责任追究情况。",
            "政务公开工作考核结果为优秀，无追责问责情况。",
            "聘请第三方开展政务公开测评。",
        ] {
            assert!(run("文登区人民政府", six).is_empty(), "{six}");
        }
    }

    #[test]
    fn other_agencies_are_not_checked() {
        for agency in [
            "威海市文登区人民政府办公室",
            "岐山县交通运输局",
            "株洲市荷塘区桂花街道办事处",
            "上海市生态环境局",
        ] {
            assert!(run(agency, "无其他需要报告的事项。").is_empty(), "{agency}");
        }
    }

    #[test]
    fn towns_can_be_left_out() {
        let text = report(
            "招远市金岭镇人民政府",
            ["正文。", "表。", "表。", "表。", "问题。", "无。"],
        );
        let doc = reportlint_core::Document::parse("t.txt", text.as_str());
        let options = reportlint_core::serde_json::json!({ "towns": false });
        let d = reportlint_core::check_document_with(
            &doc,
            &[reportlint_core::RuleRun {
                rule: &GovernmentItems,
                options: Some(&options),
            }],
            &reportlint_core::Settings::default(),
        );
        assert!(d.is_empty());
    }
}
