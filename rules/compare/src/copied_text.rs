use rustc_hash::FxHashMap;

use reportlint_core::compare::{CrossFinding, CrossRule, Fingerprint, Related, ReportSummary};
use reportlint_core::prelude::*;
use reportlint_core::serde;

use crate::util::{percent, text, year_report};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告自己写的正文——第一、五、六部分的句子，不含标题、表格和每份报告都必须有的句子（统计期限、
    /// 联系方式的句子…）——有多少与同一机关上年报告相同。句子只在数字、空格和标点上不同
    /// （`2022年…120条` 与 `2023年…135条`）也算相同。超过阈值（50%，选项 `threshold`）时给出 warning，
    /// 提示中写明比例（JSON 中为 `ratio`），并标出最长的几段照抄文字。另外单独检查：第五部分的问题
    /// 有80%以上与上年相同，即“问题年年一样”。
    ///
    /// ## 为什么重要（Why it matters）
    /// 与上年重复超过一半的报告，评估时要扣分（宿迁市政务公开监测指标：“与上年度重复率大于50%的，
    /// 扣0.5分”）；《法治蓝皮书：中国法治发展报告（2017）》指出“部分年报与去年的重复率竟达90%”。
    /// 每年都一样的问题，说明没有改进。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 2022年与2023年报告第一、五、六部分除数字外逐句相同
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 2023年报告写了本年度新的工作和问题，只有模板要求的句子与上年相同
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 改写过措辞的句子（不算照抄）；第二至第四部分，它们按模板填写；手上没有上年报告的报告。
    pub struct CopiedText {
        id: "compare/copied-text",
        summary: "报告正文不应大量照抄上一年度报告",
        severity: Warning,
        fix: None,
        options: CopiedTextOptions,
    }
}

/// Options of `compare/copied-text`.
#[derive(Debug, serde::Deserialize)]
#[serde(crate = "reportlint_core::serde", deny_unknown_fields)]
pub struct CopiedTextOptions {
    /// The share of copied prose (0–1) above which the rule warns.
    #[serde(default = "half")]
    pub threshold: f64,
}

fn half() -> f64 {
    0.5
}

impl Default for CopiedTextOptions {
    fn default() -> Self {
        CopiedTextOptions { threshold: half() }
    }
}

/// Below this many characters of own prose a share says little.
const MIN_PROSE: usize = 150;

crate::cross_rule!(CopiedText);

/// The sentences of `cur` found in `prev`; and those of its part 五 found in part 五 of `prev`.
/// One look-up table of `prev` serves both (a set each, and a copy of each part 五, cost more
/// than the comparison).
fn copied<'a>(
    cur: &'a [Fingerprint],
    prev: &[Fingerprint],
) -> (Vec<&'a Fingerprint>, Vec<&'a Fingerprint>) {
    // Each sentence of `prev`, and whether it stands in part 五 there.
    let mut seen: FxHashMap<u64, bool> =
        FxHashMap::with_capacity_and_hasher(prev.len(), Default::default());
    for f in prev {
        *seen.entry(f.hash).or_default() |= f.part == 5;
    }
    let (mut same, mut five) = (Vec::with_capacity(cur.len()), Vec::new());
    for f in cur {
        if let Some(&in_five) = seen.get(&f.hash) {
            same.push(f);
            if in_five && f.part == 5 {
                five.push(f);
            }
        }
    }
    (same, five)
}

/// The characters of `sentences`.
fn chars_of<'a>(sentences: impl IntoIterator<Item = &'a Fingerprint>) -> usize {
    sentences.into_iter().map(|f| f.chars).sum()
}

impl CrossRule for CopiedText {
    fn check_years(&self, cur: &ReportSummary, prev: &ReportSummary, out: &mut Vec<CrossFinding>) {
        let options: CopiedTextOptions = cur.options(Self::META.id);
        let (same, same5) = copied(&cur.prose, &prev.prose);
        let (chars, total) = (chars_of(same.iter().copied()), chars_of(&cur.prose));
        let first_in_prev = |f: &Fingerprint| prev.prose.iter().find(|p| p.hash == f.hash).copied();
        if total >= MIN_PROSE && chars > 0 {
            let ratio = chars as f64 / total as f64;
            if ratio > options.threshold {
                // The three longest, longest first (by place among equals): the three chosen
                // before they are sorted.
                let order = |a: &&Fingerprint, b: &&Fingerprint| {
                    b.chars
                        .cmp(&a.chars)
                        .then(a.at.offset().cmp(&b.at.offset()))
                };
                let mut longest = same.clone();
                if longest.len() > 3 {
                    longest.select_nth_unstable_by(2, order);
                    longest.truncate(3);
                }
                longest.sort_by(order);
                let first = same[0];
                out.push(CrossFinding {
                    severity: Severity::Warning,
                    at: first.at.place(),
                    message: text!(
                        "正文（第一、五、六部分）有 ",
                        percent(ratio * 100.0),
                        "% 与",
                        year_report(prev),
                        "相同（",
                        total,
                        " 字中 ",
                        chars,
                        " 字，数字不计）",
                    ),
                    help: Some(
                        "年度报告应写本年度的工作、问题和改进；照抄上年报告会被扣分".to_owned(),
                    ),
                    related: first_in_prev(first)
                        .map(|p| Related {
                            path: prev.path.clone(),
                            at: p.at.place(),
                            excerpt: prev.excerpt_at(&p.at.place()),
                            message: text!(year_report(prev), "中的同一句"),
                        })
                        .into_iter()
                        .collect(),
                    labels: longest
                        .iter()
                        .map(|f| (f.at.place(), "与上年相同".to_owned()))
                        .collect(),
                    ratio: Some(ratio),
                });
            }
        }
        // Part 五: the same problems as last year.
        let cur5 = || cur.prose.iter().filter(|f| f.part == 5);
        let (chars5, total5) = (chars_of(same5.iter().copied()), chars_of(cur5()));
        if cur5().count() >= 2 && total5 > 0 && chars5 * 5 >= total5 * 4 {
            let first = same5[0];
            out.push(CrossFinding {
                severity: Severity::Warning,
                at: first.at.place(),
                message: text!(
                    "第五部分的问题和改进措施与",
                    year_report(prev),
                    "基本相同（",
                    percent(chars5 as f64 * 100.0 / total5 as f64),
                    "%）：问题年年一样",
                ),
                help: Some("写明本年度新发现的问题，并说明上年所列问题的改进情况".to_owned()),
                related: first_in_prev(first)
                    .map(|p| Related {
                        path: prev.path.clone(),
                        at: p.at.place(),
                        excerpt: prev.excerpt_at(&p.at.place()),
                        message: text!(year_report(prev), "第五部分"),
                    })
                    .into_iter()
                    .collect(),
                labels: Vec::new(),
                ratio: Some(chars5 as f64 / total5 as f64),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{report, summary};

    const FIVE_A: &str = "一是政务公开的深度和广度还有差距，群众关切回应不够及时。二是基层工作人员业务水平有待提高，培训覆盖面不足。三是政务新媒体更新频率不高，互动功能发挥不充分。下一步将加强培训，完善发布审核机制，提升新媒体运营水平。";
    const FIVE_B: &str = "一是政策解读形式较为单一，图解视频解读数量偏少。二是依申请公开答复文书不够规范，说理不充分。三是公开栏更新不及时，部分内容已过时效。下一步将丰富解读形式，规范答复文书，定期更新公开栏。";

    #[test]
    fn a_copy_of_last_year() {
        let prev = summary(
            "2022.txt",
            &report(
                "某镇人民政府",
                2022,
                [1, 0, 3],
                [[5, 5], [0, 0], [0, 0]],
                FIVE_A,
            ),
        );
        let cur = summary(
            "2023.txt",
            &report(
                "某镇人民政府",
                2023,
                [1, 0, 4],
                [[6, 6], [0, 0], [0, 0]],
                FIVE_A,
            ),
        );
        let mut out = Vec::new();
        CopiedText.check_years(&cur, &prev, &mut out);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(
            out[0].message.contains("% 与2022年报告相同"),
            "{}",
            out[0].message
        );
        assert!(out[0].ratio.unwrap() > 0.9);
        assert!(out[1].message.contains("问题年年一样"));
    }

    #[test]
    fn new_text_passes() {
        let prev = summary(
            "2022.txt",
            &report(
                "某镇人民政府",
                2022,
                [1, 0, 3],
                [[5, 5], [0, 0], [0, 0]],
                FIVE_A,
            ),
        );
        let cur = summary(
            "2023.txt",
            &report(
                "某镇人民政府",
                2023,
                [1, 0, 4],
                [[6, 6], [0, 0], [0, 0]],
                FIVE_B,
            ),
        );
        let mut out = Vec::new();
        CopiedText.check_years(&cur, &prev, &mut out);
        // Part 一 is the same apart from its figures, but it is less than half the prose.
        assert!(out.is_empty(), "{out:?}");
    }
}
