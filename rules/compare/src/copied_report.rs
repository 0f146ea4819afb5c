use rustc_hash::FxHashMap;

use reportlint_core::compare::{CrossFinding, CrossRule, Related, ReportSummary};
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 同一次运行中，两个不同机关的报告，自己写的正文（第一、五、六部分，不含模板规定的句子）大部分相同：
    /// 这是换了机关名称、照抄别家的报告。相同的句子占各自正文的60%以上、且不少于200字时，两份报告都报告，
    /// 并互相指向对方。一批报告中许多份都有的句子（超过5份，或超过这一批的二十分之一）视为通用模板，
    /// 不计在内。
    ///
    /// 报告按句子的指纹建立索引，不做两两比对，所以几千份的一批也很快。
    ///
    /// ## 为什么重要（Why it matters）
    /// “一些年报出现大范围的跨区域抄袭”（《法治蓝皮书：中国法治发展报告（2017）》）：抄来的报告写的是
    /// 别的机关的工作，其中的数字也很少是本机关的。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 甲镇和乙镇的报告除机关名称和数字外逐句相同
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 两个镇的报告只在模板要求的句子上相同
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 同一机关的报告（同一机关各年度之间由 `compare/copied-text` 负责）；不在同一次运行中的报告；
    /// 改写过措辞的抄袭。
    pub struct CopiedReport {
        id: "compare/copied-report",
        summary: "不同机关的报告不应相互抄袭",
        severity: Warning,
        fix: None,
    }
}

crate::cross_rule!(CopiedReport);

const SHARE: f64 = 0.6;
const MIN_SHARED: usize = 200;

impl CrossRule for CopiedReport {
    fn check_batch(&self, reports: &[&ReportSummary], out: &mut Vec<(usize, CrossFinding)>) {
        // Sentence → the reports holding it (each once).
        let mut index: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (i, r) in reports.iter().enumerate() {
            for f in &r.prose {
                let list = index.entry(f.hash).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        let common = 5.max(reports.len() / 20);
        for (i, r) in reports.iter().enumerate() {
            let Some(key) = &r.key else { continue };
            let total = r.prose_chars();
            if total < MIN_SHARED {
                continue;
            }
            // Characters shared with each other report.
            let mut shared: FxHashMap<u32, usize> = FxHashMap::default();
            for f in &r.prose {
                let holders = &index[&f.hash];
                if holders.len() > common {
                    continue;
                }
                for &j in holders {
                    if j as usize != i {
                        *shared.entry(j).or_default() += f.chars;
                    }
                }
            }
            let mut partners: Vec<(u32, usize)> = shared.into_iter().collect();
            partners.sort_unstable();
            for (j, chars) in partners {
                let other = reports[j as usize];
                let Some(other_key) = &other.key else {
                    continue;
                };
                if other_key.name == key.name {
                    continue;
                }
                let other_total = other.prose_chars();
                let enough = chars >= MIN_SHARED
                    && chars as f64 >= SHARE * total as f64
                    && chars as f64 >= SHARE * other_total as f64;
                if !enough {
                    continue;
                }
                let Some(first) = r
                    .prose
                    .iter()
                    .find(|f| other.prose.iter().any(|o| o.hash == f.hash))
                else {
                    continue;
                };
                let theirs = other
                    .prose
                    .iter()
                    .find(|o| o.hash == first.hash)
                    .map(|o| o.at);
                let name = other.agency.as_deref().unwrap_or("另一机关");
                out.push((
                    i,
                    CrossFinding {
                        severity: Severity::Warning,
                        at: first.at,
                        message: format!(
                            "正文有 {:.0}% 与{name}的报告（{}）相同：疑为照抄其他机关的报告",
                            chars as f64 * 100.0 / total as f64,
                            crate::util::file_name(&other.path)
                        ),
                        help: Some(
                            "报告应写本机关本年度的工作；核对机关名称、数据和事例是否属于本机关"
                                .to_owned(),
                        ),
                        related: theirs
                            .map(|at| Related {
                                path: other.path.clone(),
                                excerpt: other.excerpt_at(&at),
                                at,
                                message: format!("{name}报告中的同一句"),
                            })
                            .into_iter()
                            .collect(),
                        labels: Vec::new(),
                        ratio: Some(chars as f64 / total as f64),
                    },
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{report, summary};

    const FIVE: &str = "一是政务公开的深度和广度还有差距，群众关切回应不够及时。二是基层工作人员业务水平有待提高，培训覆盖面不足。三是政策解读形式较为单一，图解视频解读数量偏少。四是依申请公开答复文书不够规范，说理不充分。下一步将加强培训，完善发布审核机制，丰富解读形式，规范答复文书。针对上年度报告指出的公开栏更新不及时问题，已建立每月检查制度，问题已整改到位。";
    const OTHER: &str = "一是信息发布的时效性不强，部分栏目更新滞后。二是公开平台整合不到位，信息分散在多个网站。三是监督考核机制有待健全，考核结果运用不够。下一步将整合平台，健全考核，确保栏目及时更新，提升群众满意度和获得感。";

    #[test]
    fn a_report_copied_with_the_name_swapped() {
        let a = summary(
            "甲镇.txt",
            &report(
                "甲镇人民政府",
                2023,
                [1, 0, 3],
                [[5, 5], [0, 0], [0, 0]],
                FIVE,
            ),
        );
        let b = summary(
            "乙镇.txt",
            &report(
                "乙镇人民政府",
                2023,
                [0, 0, 2],
                [[1, 1], [0, 0], [0, 0]],
                FIVE,
            ),
        );
        let c = summary(
            "丙镇.txt",
            &report(
                "丙镇人民政府",
                2023,
                [0, 0, 2],
                [[1, 1], [0, 0], [0, 0]],
                OTHER,
            ),
        );
        let mut out = Vec::new();
        CopiedReport.check_batch(&[&a, &b, &c], &mut out);
        let on: Vec<usize> = out.iter().map(|(i, _)| *i).collect();
        assert_eq!(on, [0, 1], "{out:?}");
        assert!(
            out[0]
                .1
                .message
                .contains("与乙镇人民政府的报告（乙镇.txt）相同"),
            "{}",
            out[0].1.message
        );
        assert_eq!(out[1].1.related[0].path, "甲镇.txt");
    }

    #[test]
    fn the_same_agency_and_shared_template_pass() {
        let a = summary(
            "2022.txt",
            &report(
                "甲镇人民政府",
                2022,
                [1, 0, 3],
                [[5, 5], [0, 0], [0, 0]],
                FIVE,
            ),
        );
        let b = summary(
            "2023.txt",
            &report(
                "甲镇人民政府",
                2023,
                [1, 0, 3],
                [[5, 5], [0, 0], [0, 0]],
                FIVE,
            ),
        );
        let c = summary(
            "丙镇.txt",
            &report(
                "丙镇人民政府",
                2023,
                [0, 0, 2],
                [[1, 1], [0, 0], [0, 0]],
                OTHER,
            ),
        );
        let mut out = Vec::new();
        CopiedReport.check_batch(&[&a, &b, &c], &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
