use reportlint_core::compare::{CrossFinding, CrossRule, Related, ReportSummary};
use reportlint_core::prelude::*;

use crate::util::{at, year_report};

declare_rule! {
    /// ## What it checks
    /// - **warning**: Tables 三 and 四 are identical to last year's, cell for cell, although last
    ///   year's hold at least three figures other than 0 (data copied, not counted; checklist E4).
    ///   All-zero tables, common for small agencies, are not reported.
    /// - **info**: the year's new applications (Table 三 `一、本年新收…`, 总计) more than five times
    ///   or less than a fifth of last year's, where the larger is at least 10 (checklist E6): worth
    ///   a look, often a typing error.
    ///
    /// ## Why it matters
    /// "从2008年开始，连续三年的信息公开工作报告所用数据完全一样" (新京报, 2011): identical tables
    /// mean the figures were not counted; a jump from 12 to 980 is usually a slip of the keyboard.
    ///
    /// ## Example (bad)
    /// ```text
    /// 2022年与2023年的表三、表四每一格都相同，且有多格不为0
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 2023年表三、表四按本年实际办理情况填写
    /// ```
    ///
    /// ## What it does not check
    /// Tables whose cells could not all be read in either report; Table 二, whose stock figures
    /// legitimately repeat (`compare/stock` checks them).
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
                    at: now.at,
                    message: format!(
                        "本年新收申请 {a} 件，{}为 {b} 件（{}）：变化超过五倍，请核对",
                        year_report(prev),
                        at(prev, &before.at)
                    ),
                    help: Some("数字无误的，可在报告中说明变化的原因".to_owned()),
                    related: vec![Related {
                        path: prev.path.clone(),
                        at: before.at,
                        excerpt: prev.excerpt_at(&before.at),
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
