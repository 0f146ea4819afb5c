use reportlint_core::prelude::*;

use crate::util::{heading, prose_mentions, report_year, whole_part};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 2021年度及以后的报告，应说明是否依《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）
    /// 收取了信息处理费：2021年格式把它放在第六部分——`本年度未收取信息处理费`，或写明金额和件数。
    /// 报告正文中任何谈到信息处理费或收费（收费、收取…费用、免费）的句子都接受，不论在哪里；
    /// 都没有找到时，warning 标在第六部分的标题上。
    ///
    /// ## 为什么重要（Why it matters）
    /// 自2021年起，对申请数量、频次明显超过合理范围的，机关可以收取信息处理费，2021年格式要求每份报告
    /// 说明是否收取；审核时在第六部分查看。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 六、其他需要报告的事项
    /// 无其他需要报告的事项。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 六、其他需要报告的事项
    /// 本年度未收取信息处理费。无其他需要报告的事项。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 2021年以前年度的报告（当时还没有这项收费）；金额是否与表二的收费单元格一致；找不到第六部分或第六
    /// 部分可能被截断的报告。
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
