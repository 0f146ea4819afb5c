use reportlint_core::compare::{CrossFinding, CrossRule, Related, ReportSummary};
use reportlint_core::prelude::*;

use crate::util::{at, year_report};

declare_rule! {
    /// ## What it checks
    /// Table 二's `现行有效件数` of year Y, for 规章 and for 行政规范性文件, equals last year's
    /// `现行有效件数` + this year's `本年制发件数` − `本年废止件数` (checklist E2).
    ///
    /// ## Why it matters
    /// The stock of rules in force carries from year to year; a figure that does not follow is
    /// usually copied from the wrong year or counted differently. A warning only: revisions are
    /// counted as new, and agencies clean up old documents without repealing them one by one.
    ///
    /// ## Example (bad)
    /// ```text
    /// 2022年：行政规范性文件 现行有效 3
    /// 2023年：行政规范性文件 本年制发 1 本年废止 0 现行有效 5
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 2023年：行政规范性文件 本年制发 1 本年废止 0 现行有效 4
    /// ```
    ///
    /// ## What it does not check
    /// Rows with a cell that holds no number (`/`, blank) in either year; reports on the 2019
    /// format, whose Table 二 counts other things.
    pub struct Stock {
        id: "compare/stock",
        summary: "表二现行有效件数应等于上年现行有效件数加本年制发减本年废止",
        severity: Warning,
        fix: None,
    }
}

crate::cross_rule!(Stock);

impl CrossRule for Stock {
    fn check_years(&self, cur: &ReportSummary, prev: &ReportSummary, out: &mut Vec<CrossFinding>) {
        for (label, [made, repealed, current]) in &cur.stock {
            let Some((_, [_, _, Some(before)])) = prev.stock.iter().find(|(l, _)| l == label)
            else {
                continue;
            };
            let (Some(made), Some(repealed), Some(current)) = (made, repealed, current) else {
                continue;
            };
            let expected = before.value + made.value - repealed.value;
            if current.value == expected {
                continue;
            }
            out.push(CrossFinding {
                severity: Severity::Warning,
                at: current.at,
                message: format!(
                    "“{label}”现行有效 {}，按{}现行有效 {}（{}）+ 本年制发 {} − 本年废止 {} 应为 {expected}",
                    current.value,
                    year_report(prev),
                    before.value,
                    at(prev, &before.at),
                    made.value,
                    repealed.value,
                ),
                help: Some("核对现行有效件数；修订视为新制发、集中清理未逐件废止的，可在报告中说明".to_owned()),
                related: vec![Related {
                    path: prev.path.clone(),
                    at: before.at,
                    excerpt: prev.excerpt_at(&before.at),
                    message: format!("{}的“{label}”现行有效件数", year_report(prev)),
                }],
                labels: vec![(made.at, "本年制发".to_owned()), (repealed.at, "本年废止".to_owned())],
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
    fn stock_follows_from_last_year() {
        let prev = summary(
            "2022.txt",
            &report(
                "某镇人民政府",
                2022,
                [1, 0, 3],
                [[5, 5], [0, 0], [0, 0]],
                FIVE,
            ),
        );
        let good = summary(
            "2023.txt",
            &report(
                "某镇人民政府",
                2023,
                [2, 1, 4],
                [[5, 5], [0, 0], [0, 0]],
                FIVE,
            ),
        );
        let mut out = Vec::new();
        Stock.check_years(&good, &prev, &mut out);
        assert!(out.is_empty(), "{out:?}");
        let bad = summary(
            "2023.txt",
            &report(
                "某镇人民政府",
                2023,
                [1, 0, 5],
                [[5, 5], [0, 0], [0, 0]],
                FIVE,
            ),
        );
        Stock.check_years(&bad, &prev, &mut out);
        assert_eq!(out.len(), 1);
        assert!(
            out[0]
                .message
                .contains("现行有效 5，按2022年报告现行有效 3（2022.txt:"),
            "{}",
            out[0].message
        );
        assert!(
            out[0].message.ends_with("+ 本年制发 1 − 本年废止 0 应为 4"),
            "{}",
            out[0].message
        );
    }
}
