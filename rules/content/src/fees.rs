use reportlint_core::prelude::*;

use crate::util::{heading, prose_mentions, report_year, whole_part};

declare_rule! {
    /// ## What it checks
    /// A report on 2021 or later says whether 信息处理费 was charged under
    /// 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）: the 2021 format puts it in part
    /// 六 — `本年度未收取信息处理费`, or the amount and the number of cases. Any sentence of the
    /// report's prose about 信息处理费 or about charging (收费, 收取…费用, 免费) is accepted,
    /// wherever it stands; the warning points at part 六's heading when none is found.
    ///
    /// ## Why it matters
    /// Since 2021 agencies may charge for heavy or frequent requests, and the 2021 format asks
    /// each report to say whether they did; reviewers check it in part 六.
    ///
    /// ## Example (bad)
    /// ```text
    /// 六、其他需要报告的事项
    /// 无其他需要报告的事项。
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 六、其他需要报告的事项
    /// 本年度未收取信息处理费。无其他需要报告的事项。
    /// ```
    ///
    /// ## What it does not check
    /// Reports on years before 2021 (no such fee yet); whether the amount agrees with Table 二's
    /// fee cell; a report whose part 六 was not found or may be cut short.
    pub struct Fees {
        id: "content/fees",
        summary: "2021年及以后的报告应说明是否收取信息处理费",
        severity: Warning,
        fix: None,
    }
}

static SEARCHER: std::sync::LazyLock<reportlint_core::aho_corasick::packed::Searcher> =
    std::sync::LazyLock::new(|| crate::util::searcher(&FEE_WORDS));

const FEE_WORDS: [&str; 6] = ["信息处理费", "收费", "收取", "免费", "费用", "不收"];

impl Rule for Fees {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        if report_year(doc).is_none_or(|y| y < 2021) {
            return;
        }
        if whole_part(doc, SectionKind::Other).is_none() {
            return;
        }
        let Some(head) = heading(doc, SectionKind::Other) else {
            return;
        };
        // The whole report's prose: some reports say it in part 三 or in part 一. Table 二's row
        // label `行政事业性收费` is no word about fees, wherever a table is flattened into the text.
        if prose_mentions(
            doc,
            &SEARCHER,
            &FEE_WORDS,
            &["行政事业性收费"],
            SectionKind::Other,
        ) {
            return;
        }
        ctx.report(
            Diagnostic::warning(head, "报告没有说明本年度是否收取信息处理费")
                .with_span_label("应在第六部分说明")
                .with_help("按国办函〔2020〕109号，在第六部分写明收取信息处理费的情况，如“本年度未收取信息处理费”，或收费金额和件数"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::report;
    use reportlint_core::testing::{check, summarize};

    fn run(six: &str) -> Vec<String> {
        let text = report(
            "某镇人民政府",
            ["正文。", "表。", "表。", "表。", "问题。", six],
        );
        summarize(&text, &check(&Fees, &text))
    }

    #[test]
    fn silence_on_fees_is_a_warning() {
        for six in [
            "无其他需要报告的事项。",
            "本机关无其他需要报告的事项。",
            "无。",
        ] {
            let got = run(six);
            assert_eq!(got.len(), 1, "{six}");
            assert!(got[0].contains("六、其他需要报告的事项") && got[0].contains("信息处理费"));
        }
    }

    #[test]
    fn real_phrasings_pass() {
        for six in [
            "本年度未收取信息处理费。",
            "2022年度，我镇未发生收取信息处理费的情况。",
            "本机关依申请公开政府信息未收取任何费用。",
            "按照《政府信息公开信息处理费管理办法》，本年度共收取信息处理费0.1万元，涉及2件申请。",
            "本年度没有收费情况。",
            "依申请公开均免费提供。",
        ] {
            assert!(run(six).is_empty(), "{six}");
        }
    }

    #[test]
    fn earlier_years_and_cut_text_are_not_checked() {
        let text = report(
            "某镇人民政府",
            ["正文。", "表。", "表。", "表。", "问题。", "无。"],
        )
        .replace("2022年", "2020年");
        assert!(check(&Fees, &text).is_empty());
        let cut = "某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n六、其他需要报告的事项\n无";
        assert!(check(&Fees, cut).is_empty());
    }
}
