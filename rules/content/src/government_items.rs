use reportlint_core::prelude::*;
use reportlint_core::region::{AgencyKind, AgencyRegion};
use reportlint_core::serde;

use crate::util::{heading, prose_mentions, whole_part};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 人民政府的报告（机关名称以 `人民政府` 或 `政府` 结尾：县、市、省，默认也包括镇）应报告工作考核、
    /// 社会评议和责任追究结果情况（条例第五十条第四项）。正文中三者一项都没有提到时（考核、评议、测评、
    /// 满意度、责任追究、追责、问责），给出 warning。
    ///
    /// 部门、办公室（`…人民政府办公室`）、街道（`街道办事处`）和管委会不是人民政府，不检查。
    /// 地方未要求乡镇报告这些内容的，可用选项 `towns = false`（按地区，在 `[regions."…"]` 中）
    /// 不检查乡镇。
    ///
    /// ## 为什么重要（Why it matters）
    /// 条例只要求人民政府报告这三项结果；评估人员在第一部分或第六部分中查找。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 文登区人民政府2022年政府信息公开工作年度报告
    /// ……（全文没有工作考核、社会评议和责任追究的内容）
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 六、其他需要报告的事项
    /// 本年度将政务公开纳入全区综合考核，开展社会评议1次，未发生责任追究情况。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 三项结果是否各自报告完整（提到一次即视为有）；找不到第六部分或可能被截断的报告；从名称看不出类别
    /// 的机关。
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
