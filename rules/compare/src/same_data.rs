use reportlint_core::compare::{CrossFinding, CrossRule, Related, ReportSummary};
use reportlint_core::prelude::*;

use crate::util::{at, year_report};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// - **warning**：表三、表四与上年逐格相同，而上年的表中至少有三个不为0的数字（数据是照抄的，
    ///   不是统计的）。小机关常见的全为0的表格不报告。
    /// - **info**：本年新收申请（表三 `一、本年新收…` 的总计）是上年的五倍以上或不到五分之一，
    ///   且较大的一个至少为10：值得看一眼，常常是录入错误。
    ///
    /// ## 为什么重要（Why it matters）
    /// “从2008年开始，连续三年的信息公开工作报告所用数据完全一样”（新京报，2011）：表格完全相同，
    /// 说明数字没有统计过；从12件跳到980件，通常是手误。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 2022年与2023年的表三、表四每一格都相同，且有多格不为0
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 2023年表三、表四按本年实际办理情况填写
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 任一报告中有单元格读不出的表格；表二，其中的存量数字本来就会重复（由 `compare/stock` 检查）。
    pub struct SameData {
        id: "compare/same-data",
        summary: "表三、表四的数据不应与上一年度完全相同",
        severity: Warning,
        fix: None,
    }
}

crate::cross_rule!(SameData);

impl CrossRule for SameData {
    fn check_years(&self, cur: &ReportSummary, prev: &ReportSummary, out: &mut Vec<CrossFinding>) {
        if let (Some((now, at_now)), Some((before, at_before))) = (&cur.data, &prev.data) {
            let nonzero = before.nonzero;
            if now == before && nonzero >= 3 {
                out.push(CrossFinding {
                    severity: Severity::Warning,
                    at: *at_now,
                    message: format!(
                        "表三、表四的 {} 个数字与{}完全相同（其中 {nonzero} 个不为0）：疑为照抄上年数据",
                        now.cells,
                        year_report(prev)
                    ),
                    help: Some("按本年度实际收到和办理的申请、复议和诉讼填写".to_owned()),
                    related: vec![Related {
                        path: prev.path.clone(),
                        at: *at_before,
                        excerpt: prev.excerpt_at(at_before),
                        message: format!("{}的表三", year_report(prev)),
                    }],
                    labels: Vec::new(),
                    ratio: None,
                });
            }
        }
        if let (Some(now), Some(before)) = (cur.new_total, prev.new_total) {
            let (a, b) = (now.value, before.value);
            let jump = a.max(b) >= 10 && (a > 5 * b || 5 * a < b);
            if jump {
                out.push(CrossFinding {
                    severity: Severity::Info,
                    at: now.at.place(),
                    message: format!(
                        "本年新收申请 {a} 件，{}为 {b} 件（{}）：变化超过五倍，请核对",
                        year_report(prev),
                        at(prev, &before.at.place())
                    ),
                    help: Some("数字无误的，可在报告中说明变化的原因".to_owned()),
                    related: vec![Related {
                        path: prev.path.clone(),
                        at: before.at.place(),
                        excerpt: prev.excerpt_at(&before.at.place()),
                        message: format!("{}的本年新收申请", year_report(prev)),
                    }],
                    labels: Vec::new(),
                    ratio: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{report, summary};

    const FIVE: &str = "一是公开内容不够丰富。下一步将加强培训。";

    #[test]
    fn copied_tables_and_jumps() {
        let prev = summary(
            "2022.txt",
            &report(
                "某镇人民政府",
                2022,
                [1, 0, 3],
                [[5, 5], [1, 1], [0, 0]],
                FIVE,
            ),
        );
        assert!(prev.data.is_some());
        let same = summary(
            "2023.txt",
            &report(
                "某镇人民政府",
                2023,
                [1, 0, 4],
                [[5, 5], [1, 1], [0, 0]],
                FIVE,
            ),
        );
        let mut out = Vec::new();
        SameData.check_years(&same, &prev, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].message.contains("完全相同"));

        let jump = summary(
            "2023.txt",
            &report(
                "某镇人民政府",
                2023,
                [1, 0, 4],
                [[60, 60], [0, 0], [0, 0]],
                FIVE,
            ),
        );
        out.clear();
        SameData.check_years(&jump, &prev, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].severity, Severity::Info);
        assert!(out[0]
            .message
            .starts_with("本年新收申请 60 件，2022年报告为 5 件"));
    }

    #[test]
    fn zero_tables_and_ordinary_change_pass() {
        let zero = |p, y| {
            summary(
                p,
                &report("某镇人民政府", y, [1, 0, 3], [[0, 0], [0, 0], [0, 0]], FIVE),
            )
        };
        let mut out = Vec::new();
        SameData.check_years(&zero("2023.txt", 2023), &zero("2022.txt", 2022), &mut out);
        let a = summary(
            "2022.txt",
            &report(
                "某镇人民政府",
                2022,
                [1, 0, 3],
                [[5, 5], [1, 1], [0, 0]],
                FIVE,
            ),
        );
        let b = summary(
            "2023.txt",
            &report(
                "某镇人民政府",
                2023,
                [1, 0, 4],
                [[9, 9], [0, 0], [0, 0]],
                FIVE,
            ),
        );
        SameData.check_years(&b, &a, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
