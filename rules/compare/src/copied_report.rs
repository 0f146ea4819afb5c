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

/// Which reports hold each sentence: every distinct sentence of a batch numbered, and the
/// reports holding it (each once, in order) as one slice of a flat list.
struct SentenceIndex {
    /// The number of each fingerprint of each report, report after report.
    of_fingerprint: Vec<u32>,
    /// Where each report's fingerprints start in `of_fingerprint`.
    report_start: Vec<usize>,
    /// Where the holders of each sentence start in `holders` (one more entry than sentences).
    holder_start: Vec<usize>,
    holders: Vec<u32>,
}

impl SentenceIndex {
    /// One hash look-up per fingerprint; the lists of holders are laid out by counting (no list
    /// per sentence to grow).
    fn new(reports: &[&ReportSummary]) -> SentenceIndex {
        let total = reports.iter().map(|r| r.prose.len()).sum();
        let mut number: FxHashMap<u64, u32> = FxHashMap::default();
        number.reserve(total);
        let mut of_fingerprint = Vec::with_capacity(total);
        let mut report_start = Vec::with_capacity(reports.len() + 1);
        // For each sentence, how many reports hold it, and the last report seen holding it (the
        // reports come in order: a report's repeated sentence is counted once).
        let mut count: Vec<usize> = Vec::new();
        let mut last: Vec<u32> = Vec::new();
        for (i, r) in reports.iter().enumerate() {
            report_start.push(of_fingerprint.len());
            for f in &r.prose {
                let next = count.len() as u32;
                let n = *number.entry(f.hash).or_insert(next);
                if n == next {
                    count.push(0);
                    last.push(u32::MAX);
                }
                if last[n as usize] != i as u32 {
                    last[n as usize] = i as u32;
                    count[n as usize] += 1;
                }
                of_fingerprint.push(n);
            }
        }
        report_start.push(of_fingerprint.len());
        let mut holder_start = Vec::with_capacity(count.len() + 1);
        let mut at = 0;
        for n in &count {
            holder_start.push(at);
            at += n;
        }
        holder_start.push(at);
        // The same walk again, each report written into the room counted for it.
        let mut holders = vec![0; at];
        let mut fill = holder_start.clone();
        last.fill(u32::MAX);
        for i in 0..reports.len() {
            for &n in &of_fingerprint[report_start[i]..report_start[i + 1]] {
                let n = n as usize;
                if last[n] != i as u32 {
                    last[n] = i as u32;
                    holders[fill[n]] = i as u32;
                    fill[n] += 1;
                }
            }
        }
        SentenceIndex {
            of_fingerprint,
            report_start,
            holder_start,
            holders,
        }
    }

    /// The reports holding the `k`-th fingerprint of report `i`.
    fn holders(&self, i: usize, k: usize) -> &[u32] {
        let n = self.of_fingerprint[self.report_start[i] + k] as usize;
        &self.holders[self.holder_start[n]..self.holder_start[n + 1]]
    }
}

impl CrossRule for CopiedReport {
    fn check_batch(&self, reports: &[&ReportSummary], out: &mut Vec<(usize, CrossFinding)>) {
        let index = SentenceIndex::new(reports);
        let totals: Vec<usize> = reports.iter().map(|r| r.prose_chars()).collect();
        let common = 5.max(reports.len() / 20);
        // Each report's agency as a number (`None`: no agency read): reports of the same agency
        // are passed over before their shared characters are counted, which most sentences
        // naming the agency are shared with.
        let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
        let agency: Vec<Option<u32>> = reports
            .iter()
            .map(|r| {
                let next = numbers.len() as u32;
                r.key
                    .as_ref()
                    .map(|k| *numbers.entry(k.name.as_str()).or_insert(next))
            })
            .collect();
        // Characters shared with each other report, and the reports with some: kept between
        // reports (and emptied after each) rather than a map made per report.
        let mut shared: Vec<usize> = vec![0; reports.len()];
        let mut partners: Vec<u32> = Vec::new();
        for (i, r) in reports.iter().enumerate() {
            let Some(own) = agency[i] else { continue };
            let total = totals[i];
            if total < MIN_SHARED {
                continue;
            }
            for (k, f) in r.prose.iter().enumerate() {
                let holders = index.holders(i, k);
                if holders.len() > common {
                    continue;
                }
                for &j in holders {
                    // Another agency's report (report `i` is of its own agency).
                    if agency[j as usize].is_some_and(|a| a != own) {
                        // (A report sharing only sentences of 0 characters may be listed
                        // twice: it shares too little to be reported either time.)
                        if shared[j as usize] == 0 {
                            partners.push(j);
                        }
                        shared[j as usize] += f.chars;
                    }
                }
            }
            partners.sort_unstable();
            for j in partners.drain(..) {
                let chars = std::mem::take(&mut shared[j as usize]);
                let other = reports[j as usize];
                let other_total = totals[j as usize];
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
                    .map(|o| o.at.place());
                let name = other.agency.as_deref().unwrap_or("另一机关");
                out.push((
                    i,
                    CrossFinding {
                        severity: Severity::Warning,
                        at: first.at.place(),
                        message: format!(
                            "正文有 {}% 与{name}的报告（{}）相同：疑为照抄其他机关的报告",
                            crate::util::percent(chars as f64 * 100.0 / total as f64),
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

    /// The former batch check (a map of lists per sentence, a map per report), which the
    /// counting one must equal finding for finding.
    fn check_batch_before(reports: &[&ReportSummary], out: &mut Vec<(usize, CrossFinding)>) {
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
                    .map(|o| o.at.place());
                let name = other.agency.as_deref().unwrap_or("另一机关");
                out.push((
                    i,
                    CrossFinding {
                        severity: Severity::Warning,
                        at: first.at.place(),
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

    /// A made-up batch: reports of a few agencies whose sentences are drawn from a small pool
    /// (some held by many reports, some repeated within a report), with the pool's sentences
    /// of varied length.
    fn batch(n: usize, seed: u64) -> Vec<ReportSummary> {
        use reportlint_core::compare::{AgencyKey, Fingerprint, Place};
        use reportlint_core::LineCol;
        let mut below = reportlint_core::testing::lcg(seed);
        let mut next = move |m: u64| below(m as usize) as u64;
        let at = |line: usize| Place {
            span: Span::new(line * 10, line * 10 + 5),
            start: LineCol { line, column: 1 },
            end: LineCol { line, column: 6 },
            page: None,
        };
        let mut reports: Vec<ReportSummary> = Vec::new();
        for i in 0..n {
            let copy_of = (i > 0 && next(4) == 0).then(|| next(i as u64) as usize);
            let mut r = {
                let agency = format!("机关{}", next(n as u64 / 2 + 1));
                let sentences = 5 + next(30) as usize;
                ReportSummary {
                    path: format!("{i}.txt"),
                    key: (next(20) > 0).then(|| AgencyKey {
                        region_code: None,
                        name: agency.clone(),
                    }),
                    agency: Some(agency),
                    prose: (0..sentences)
                        .map(|k| {
                            let pool = if next(2) == 0 { 40 } else { 4000 };
                            let hash = next(pool);
                            Fingerprint {
                                hash,
                                at: at(k + 1).into(),
                                chars: 12 + (hash % 50) as usize,
                                part: 1,
                            }
                        })
                        .collect(),
                    excerpts: (1..=40).map(|l| (l, format!("第{l}行"))).collect(),
                    ..ReportSummary::default()
                }
            };
            // A copy of an earlier report, with a sentence of its own.
            if let Some(j) = copy_of {
                let own = r.prose[0];
                r.prose = reports[j].prose.clone();
                r.prose.push(own);
            }
            reports.push(r);
        }
        reports
    }

    #[test]
    fn the_counting_batch_check_is_the_former_one() {
        let mut found = 0;
        for (n, seed) in [(3, 1), (40, 2), (200, 3), (600, 4)] {
            let reports = batch(n, seed);
            let refs: Vec<&ReportSummary> = reports.iter().collect();
            let (mut now, mut before) = (Vec::new(), Vec::new());
            CopiedReport.check_batch(&refs, &mut now);
            check_batch_before(&refs, &mut before);
            assert_eq!(format!("{now:?}"), format!("{before:?}"), "{n} reports");
            found += now.len();
        }
        // The batches do hold copied reports.
        assert!(found > 0);
    }
}
