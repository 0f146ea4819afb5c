use reportlint_core::compare::{CrossFinding, CrossRule, Related, ReportSummary};
use reportlint_core::prelude::*;

use crate::util::{at, column, text, year_report};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// Y 年度表三的 `二、上年结转政府信息公开申请数量`，应逐列等于同一机关 Y−1 年度报告的
    /// `四、结转下年度继续办理`。提示中给出两个数字，并指出另一个数字在哪里。上年报告在同一次运行中
    /// （一个文件夹里有几个年度的报告）、用 `--previous` 指定，或在 `[compare] history` 中找到时检查。
    ///
    /// ## 为什么重要（Why it matters）
    /// 上一年报告里结转下年度的，就是下一年报告里的上年结转；两者不同，说明两张表中有一张是错的。
    /// 这一关系由表三各项的定义而来；评估人员手上有两个年度的报告时，首先核对的就是它（公开的年报核查
    /// 工具 KIROGOVCOMPARE 也做这项跨年度核对）。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 2023年报告：二、上年结转政府信息公开申请数量 … 3
    /// 2022年报告：四、结转下年度继续办理 … 2
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 2023年报告：二、上年结转政府信息公开申请数量 … 2
    /// 2022年报告：四、结转下年度继续办理 … 2
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 手上没有上年报告的报告；任一报告中单元格无法区分的列（抓取得到的文本挤在一起，见 `tables/layout`）。
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
                at: now.at.place(),
                message: text!(
                    "上年结转",
                    column(label),
                    " ",
                    now.value,
                    "，",
                    year_report(prev),
                    "“结转下年度继续办理”为 ",
                    before.value,
                    "（",
                    at(prev, &before.at.place()),
                    "）",
                ),
                help: Some(
                    "本年“上年结转”应与上一年度报告“结转下年度继续办理”相同；核对两年的台账，改正有误的一方"
                        .to_owned(),
                ),
                related: vec![Related {
                    path: prev.path.clone(),
                    at: before.at.place(),
                    excerpt: prev.excerpt_at(&before.at.place()),
                    message: text!(year_report(prev), "的“结转下年度继续办理”"),
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
