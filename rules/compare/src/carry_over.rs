use reportlint_core::compare::{CrossFinding, CrossRule, Related, ReportSummary};
use reportlint_core::prelude::*;

use crate::util::{at, column, year_report};

declare_rule! {
    /// ## What it checks
    /// Table 三's `二、上年结转政府信息公开申请数量` of year Y equals `四、结转下年度继续办理` of the
    /// same agency's report on Y−1, column by column (checklist E1). The message shows both numbers
    /// and where the other one stands. Checked when last year's report is in the same run (a folder
    /// holding several years), named with `--previous`, or found in `[compare] history`.
    ///
    /// ## Why it matters
    /// What was carried into next year in one report is what was carried over from last year in the
    /// next; a difference means one of the two tables is wrong — evaluators check this relation
    /// first when they have both years.
    ///
    /// ## Example (bad)
    /// ```text
    /// 2023年报告：二、上年结转政府信息公开申请数量 … 3
    /// 2022年报告：四、结转下年度继续办理 … 2
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 2023年报告：二、上年结转政府信息公开申请数量 … 2
    /// 2022年报告：四、结转下年度继续办理 … 2
    /// ```
    ///
    /// ## What it does not check
    /// A report whose last year's report is not at hand; columns whose cells could not be told
    /// apart in either report (flattened crawler text, see `tables/layout`).
    pub struct CarryOver {
        id: "compare/carry-over",
        summary: "表三“上年结转”应等于上一年度报告的“结转下年度继续办理”",
        severity: Error,
        fix: None,
    }
}

crate::cross_rule!(CarryOver);

impl CrossRule for CarryOver {
    fn check_years(&self, cur: &ReportSummary, prev: &ReportSummary, out: &mut Vec<CrossFinding>) {
        for (label, now) in &cur.carried {
            let Some((_, before)) = prev.carry_over.iter().find(|(l, _)| l == label) else {
                continue;
            };
            if now.value == before.value {
                continue;
            }
            out.push(CrossFinding {
                severity: Severity::Error,
                at: now.at,
                message: format!(
                    "上年结转{} {}，{}“结转下年度继续办理”为 {}（{}）",
                    column(label),
                    now.value,
                    year_report(prev),
                    before.value,
                    at(prev, &before.at)
                ),
                help: Some(
                    "本年“上年结转”应与上一年度报告“结转下年度继续办理”相同；核对两年的台账，改正有误的一方"
                        .to_owned(),
                ),
                related: vec![Related {
                    path: prev.path.clone(),
                    at: before.at,
                    excerpt: prev.excerpt_at(&before.at),
                    message: format!("{}的“结转下年度继续办理”", year_report(prev)),
                }],
                labels: Vec::new(),
                ratio: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{report, summary};

    const FIVE: &str = "一是公开内容不够丰富。下一步将加强培训。";

    #[test]
    fn the_carry_over_must_match() {
        let prev = summary(
            "2022.txt",
            &report(
                "某镇人民政府",
                2022,
                [1, 0, 3],
                [[5, 5], [0, 0], [2, 2]],
                FIVE,
            ),
        );
        assert_eq!(prev.carry_over.len(), 7, "{:?}", prev.carry_over);
        let good = summary(
            "2023.txt",
            &report(
                "某镇人民政府",
                2023,
                [1, 0, 4],
                [[6, 6], [2, 2], [0, 0]],
                FIVE,
            ),
        );
        let mut out = Vec::new();
        CarryOver.check_years(&good, &prev, &mut out);
        assert!(out.is_empty(), "{out:?}");

        let bad = summary(
            "2023.txt",
            &report(
                "某镇人民政府",
                2023,
                [1, 0, 4],
                [[6, 6], [3, 3], [1, 1]],
                FIVE,
            ),
        );
        CarryOver.check_years(&bad, &prev, &mut out);
        // 自然人 and 总计 differ.
        assert_eq!(out.len(), 2, "{out:?}");
        let total = out
            .iter()
            .find(|f| f.message.starts_with("上年结转 "))
            .unwrap();
        assert!(
            total
                .message
                .starts_with("上年结转 3，2022年报告“结转下年度继续办理”为 2（2022.txt:"),
            "{}",
            total.message
        );
        assert_eq!(total.related[0].path, "2022.txt");
    }
}
