use reportlint_core::compare::{CrossFinding, CrossRule, Related, ReportSummary};
use reportlint_core::prelude::*;

use crate::util::{at, text, year_report};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// Y 年度表二中规章和行政规范性文件的 `现行有效件数`，应等于上年的 `现行有效件数` 加本年的
    /// `本年制发件数`、减 `本年废止件数`。
    ///
    /// ## 为什么重要（Why it matters）
    /// 现行有效的文件数逐年结转；对不上的数字，通常是抄错了年份，或统计口径不同。只作 warning：
    /// 修订也计入制发，机关清理旧文件也不一定逐件废止（例如上海2022年报：“规章13件（含新制定5件，
    /// 修改4件，废止4件）”）。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 2022年：行政规范性文件 现行有效 3
    /// 2023年：行政规范性文件 本年制发 1 本年废止 0 现行有效 5
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 2023年：行政规范性文件 本年制发 1 本年废止 0 现行有效 4
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 任一年度中有单元格不是数字（`/`、空白）的行；采用2019年格式的报告，其表二统计的是别的内容。
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
                at: current.at.place(),
                message: text!(
                    "“",
                    *label,
                    "”现行有效 ",
                    current.value,
                    "，按",
                    year_report(prev),
                    "现行有效 ",
                    before.value,
                    "（",
                    at(prev, &before.at.place()),
                    "）+ 本年制发 ",
                    made.value,
                    " − 本年废止 ",
                    repealed.value,
                    " 应为 ",
                    expected,
                ),
                help: Some(
                    "核对现行有效件数；修订视为新制发、集中清理未逐件废止的，可在报告中说明"
                        .to_owned(),
                ),
                related: vec![Related {
                    path: prev.path.clone(),
                    at: before.at.place(),
                    excerpt: prev.excerpt_at(&before.at.place()),
                    message: text!(year_report(prev), "的“", *label, "”现行有效件数"),
                }],
                labels: vec![
                    (made.at.place(), "本年制发".to_owned()),
                    (repealed.at.place(), "本年废止".to_owned()),
                ],
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
