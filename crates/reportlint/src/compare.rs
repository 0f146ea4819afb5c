//! Comparing the reports of a run: pairing each report with last year's of the same agency
//! (in the run, or named with `--previous`), running the comparing rules, and adding their
//! findings to the reports' outcomes before they are written.

use rustc_hash::FxHashMap;

use reportlint_config::Level;
use reportlint_core::compare::{CrossFinding, CrossRule, ReportSummary};
use reportlint_core::directives::{Suppressions, UNUSED};
use reportlint_core::{Diagnostic, Label, Rule, SectionKind, Severity};

use crate::discover::{discover, Input};
use crate::lint::{FileOutcome, Finding, Linter};

/// The comparing rules among `rules`.
pub fn cross_rules<'r>(rules: &[&'r dyn Rule]) -> Vec<&'r dyn CrossRule> {
    rules.iter().filter_map(|r| r.as_cross()).collect()
}

/// What decides, in one report, whether a comparing rule's finding stands and at what severity:
/// the configuration's level of each comparing rule for the whole file and in each part
/// (`[[overrides]]` with `sections`), and the report's directive comments. Kept from the lint,
/// since the findings come once every report is read.
#[derive(Debug, Clone, Default)]
pub struct Gate {
    /// Each part's span (its heading's start to its body's end), as `Document::section_at`.
    sections: Vec<(usize, usize, SectionKind)>,
    /// Each comparing rule that runs for the report: its level outside any part, then in each
    /// part (in `SectionKind::ALL`'s order).
    levels: Vec<(&'static str, [Option<Level>; 7])>,
    suppressions: Suppressions,
}

impl Gate {
    pub fn of(
        doc: &reportlint_core::Document,
        resolved: &reportlint_config::Resolved,
        ids: impl Iterator<Item = &'static str>,
    ) -> Gate {
        let levels = ids
            .filter(|id| resolved.runs(id))
            .map(|id| {
                let mut l = [None; 7];
                l[0] = resolved.level_in(id, None);
                for (k, kind) in SectionKind::ALL.into_iter().enumerate() {
                    l[k + 1] = resolved.level_in(id, Some(kind));
                }
                (id, l)
            })
            .collect();
        let sections = if resolved.section_settings.is_empty() {
            Vec::new()
        } else {
            doc.sections()
                .iter()
                .map(|s| (s.heading.span.start, s.body.end, s.kind))
                .collect()
        };
        Gate {
            sections,
            levels,
            suppressions: Suppressions::of(doc),
        }
    }

    /// The rules the report runs, with the severity set for the whole file.
    pub fn file_levels(&self) -> impl Iterator<Item = (&'static str, Option<Severity>)> + '_ {
        self.levels
            .iter()
            .filter(|(_, l)| l[0] != Some(Level::Off) || l[1..].iter().any(|x| *x != l[0]))
            .map(|(id, l)| {
                let sev = match l[0] {
                    Some(Level::On(sev)) => Some(sev),
                    _ => None,
                };
                (*id, sev)
            })
    }

    /// What happens to a finding of `id` at byte `at`: `Err` with the directives that suppress
    /// it, `Ok(None)` when the configuration turns the rule off there, else `Ok(Some(level))`
    /// with the configured severity (`None`: the rule's own).
    fn judge(
        &self,
        id: &str,
        at: usize,
    ) -> Result<Option<Option<Severity>>, Vec<reportlint_core::Span>> {
        let Some((_, levels)) = self.levels.iter().find(|(r, _)| *r == id) else {
            return Ok(None);
        };
        let part = self
            .sections
            .iter()
            .find(|(from, to, _)| *from <= at && at < *to)
            .and_then(|(_, _, kind)| SectionKind::ALL.iter().position(|k| k == kind));
        let level = match part {
            Some(k) => levels[k + 1],
            None => levels[0],
        };
        let sev = match level {
            Some(Level::Off) => return Ok(None),
            Some(Level::On(sev)) => Some(sev),
            None => None,
        };
        let by = self.suppressions.suppressing(id, at);
        if by.is_empty() {
            Ok(Some(sev))
        } else {
            Err(by)
        }
    }
}

/// Why two reports are a pair: the same agency, one year apart.
pub fn pairs_with(current: &ReportSummary, previous: &ReportSummary) -> Result<(), String> {
    let (Some(a), Some(b)) = (&current.key, &previous.key) else {
        return Err("至少一份报告的标题里没有机关名称，无法确认是同一机关".to_owned());
    };
    if a.name != b.name || matches!((a.region_code, b.region_code), (Some(x), Some(y)) if x != y) {
        return Err(format!(
            "两份报告不是同一机关的（“{}”与“{}”）",
            current.agency.as_deref().unwrap_or(""),
            previous.agency.as_deref().unwrap_or("")
        ));
    }
    match (current.year, previous.year) {
        (Some(y), Some(p)) if p == y - 1 => Ok(()),
        (Some(y), Some(p)) => Err(format!("上一年度报告应是 {} 年的，实为 {p} 年的", y - 1)),
        _ => Err("至少一份报告的标题里没有年度，无法确认是上一年度的报告".to_owned()),
    }
}

/// Last year's reports from the `[compare] history` of the reports' configurations: each folder
/// or glob searched once, each report found read and summarised (its findings are not shown).
/// Only reports that are not in the run and only when some report of the run has no pair in it.
pub fn history(linter: &Linter<'_>, outcomes: &[FileOutcome]) -> Vec<ReportSummary> {
    let mut patterns: Vec<&str> = outcomes
        .iter()
        .flat_map(|o| o.meta.history.iter().map(String::as_str))
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let in_run: Vec<&str> = outcomes.iter().map(|o| o.path.as_str()).collect();
    let mut files = Vec::new();
    for p in patterns {
        let (base, glob) = split_glob(p);
        let (inputs, _) = discover(&[base]);
        files.extend(inputs.into_iter().filter_map(|i| match i {
            Input::File(f) if glob.as_ref().is_none_or(|g| g.is_match(&f)) => Some(f),
            _ => None,
        }));
    }
    files.sort();
    files.dedup();
    files
        .into_iter()
        .filter(|f| !in_run.contains(&f.to_string_lossy().as_ref()))
        .filter_map(|f| {
            let o = linter.lint(&Input::File(f), None);
            (!o.failed).then_some(o.meta.summary).flatten().map(|s| *s)
        })
        .collect()
}

/// A history pattern's folder to search and, when it has wildcards, the glob files must match.
fn split_glob(pattern: &str) -> (std::path::PathBuf, Option<globset::GlobMatcher>) {
    let path = std::path::Path::new(pattern);
    let mut base = std::path::PathBuf::new();
    for c in path.components() {
        if c.as_os_str()
            .to_string_lossy()
            .contains(['*', '?', '[', '{'])
        {
            let glob = globset::Glob::new(pattern)
                .ok()
                .map(|g| g.compile_matcher());
            return (base, glob);
        }
        base.push(c);
    }
    (base, None)
}

/// The batch rules' findings of one report, each with its rule id.
pub type Batch = Vec<(&'static str, CrossFinding)>;

/// The comparison of a run's reports, made once every report is read: which report is each
/// one's last year's. Each report's comparing findings are made when it is about to be written
/// ([`Comparison::add_year_findings`], [`Comparison::add_batch_findings`]), so that only a few
/// reports' are held at a time (a batch of ten thousand reports of four years each gets tens of
/// thousands).
pub struct Comparison<'a> {
    /// Each report's summary and gate, by output index (taken out of the outcomes).
    summaries: Vec<Option<Box<ReportSummary>>>,
    gates: Vec<Option<Box<Gate>>>,
    /// Each report's last year's report: in the run (`Ok`, by index) or from `--previous` or
    /// `[compare] history` (`Err`).
    previous: Vec<Option<Result<usize, &'a ReportSummary>>>,
    rules: Vec<&'a dyn CrossRule>,
}

impl<'a> Comparison<'a> {
    /// Pairs the reports of `outcomes` (in output order). `previous`: last year's report named
    /// with `--previous`, for every outcome; `history`: last year's reports found through
    /// `[compare] history`, for reports with no pair in the run.
    pub fn new(
        outcomes: &mut [FileOutcome],
        previous: Option<&'a ReportSummary>,
        history: &'a [ReportSummary],
        rules: &[&'a dyn CrossRule],
    ) -> Comparison<'a> {
        let summaries: Vec<Option<Box<ReportSummary>>> =
            outcomes.iter_mut().map(|o| o.meta.summary.take()).collect();
        let gates = outcomes.iter_mut().map(|o| o.meta.gate.take()).collect();
        let mut cmp = Comparison {
            previous: vec![None; summaries.len()],
            summaries,
            gates,
            rules: rules.to_vec(),
        };
        if rules.is_empty() {
            return cmp;
        }
        // Each report's last year's report: named, or found in the run by agency and year.
        let mut by_key: FxHashMap<(&str, i32), usize> = FxHashMap::default();
        for (i, s) in cmp.summaries.iter().enumerate() {
            if let Some(s) = s {
                if let (Some(k), Some(y)) = (&s.key, s.year) {
                    by_key.entry((k.name.as_str(), y)).or_insert(i);
                }
            }
        }
        for (i, s) in cmp.summaries.iter().enumerate() {
            let Some(cur) = s.as_deref() else { continue };
            cmp.previous[i] = match previous {
                Some(p) => Some(Err(p)),
                None => cur
                    .key
                    .as_ref()
                    .and_then(|k| by_key.get(&(k.name.as_str(), cur.year? - 1)).copied())
                    .filter(|&j| {
                        cmp.summaries[j]
                            .as_deref()
                            .is_some_and(|p| pairs_with(cur, p).is_ok())
                    })
                    .map(Ok)
                    .or_else(|| history.iter().find(|p| pairs_with(cur, p).is_ok()).map(Err)),
            };
        }
        cmp
    }

    /// Runs the batch rules (which compare every report with every other) and gives their
    /// findings by report, by output index; each rule's in the order it made them. It needs
    /// only the summaries, so it may run while other threads make the year-on-year findings.
    pub fn batch_findings(&self) -> Vec<Batch> {
        let mut by_report: Vec<Batch> = self.summaries.iter().map(|_| Vec::new()).collect();
        let present: Vec<usize> = (0..self.summaries.len())
            .filter(|&i| self.summaries[i].is_some())
            .collect();
        if present.len() < 2 {
            return by_report;
        }
        let batch: Vec<&ReportSummary> = present
            .iter()
            .filter_map(|&i| self.summaries[i].as_deref())
            .collect();
        for rule in &self.rules {
            let mut out = Vec::new();
            rule.check_batch(&batch, &mut out);
            for (k, f) in out {
                by_report[present[k]].push((rule.meta().id, f));
            }
        }
        by_report
    }

    /// Adds the year-on-year findings of report `i` (compared with last year's report) to its
    /// outcome. Then [`Comparison::add_batch_findings`]: the two give what adding both lists
    /// at once gives (see [`Comparison::add`]).
    pub fn add_year_findings(&self, i: usize, outcome: &mut FileOutcome) {
        let mut found: Vec<(&'static str, CrossFinding)> = Vec::new();
        if let (Some(cur), Some(prev)) = (self.summaries[i].as_deref(), self.previous[i]) {
            let prev = match prev {
                Ok(j) => self.summaries[j].as_deref(),
                Err(p) => Some(p),
            };
            if let Some(prev) = prev {
                let mut out = Vec::new();
                for rule in &self.rules {
                    rule.check_years(cur, prev, &mut out);
                    let id = rule.meta().id;
                    found.extend(out.drain(..).map(|f| (id, f)));
                }
            }
        }
        self.add(i, found, outcome);
    }

    /// Adds the batch rules' findings of report `i` (from [`Comparison::batch_findings`]) to
    /// its outcome.
    pub fn add_batch_findings(&self, i: usize, batch: Batch, outcome: &mut FileOutcome) {
        self.add(i, batch, outcome);
    }

    /// Adds all the comparing findings of report `i`: its year-on-year findings and the batch
    /// rules' (`batch`, its part of [`Comparison::batch_findings`]).
    pub fn add_findings(&self, i: usize, batch: Batch, outcome: &mut FileOutcome) {
        self.add_year_findings(i, outcome);
        self.add_batch_findings(i, batch, outcome);
    }

    /// Adds comparing findings `found` to report `i`'s outcome, each at the severity the
    /// report's configuration gives the rule where it stands; none where the configuration
    /// turns the rule off or a directive comment of the report does (which then no longer
    /// counts as unused). The findings are then sorted (a stable sort by place, rule and
    /// message), so that adding a list and then another gives what adding the two at once
    /// gives: the added findings are never `unused-directive` ones, which are all that a
    /// suppression removes.
    fn add(&self, i: usize, found: Batch, outcome: &mut FileOutcome) {
        if found.is_empty() {
            return;
        }
        let Some(gate) = self.gates[i].as_deref() else {
            return;
        };
        // Room for them at once: a `Finding` is a few hundred bytes, and growing the vector
        // for each moved all of them again.
        outcome.findings.reserve(found.len());
        let mut added = false;
        for (id, mut f) in found {
            match gate.judge(id, f.at.span.start) {
                Ok(Some(level)) => {
                    if let Some(sev) = level {
                        f.severity = sev;
                    }
                    outcome.findings.push(finding(id, f));
                    added = true;
                }
                Ok(None) => {}
                Err(by) => {
                    for span in by {
                        outcome
                            .findings
                            .retain(|f| !(f.diag.rule == UNUSED && f.diag.span == span));
                    }
                }
            }
        }
        if added {
            outcome.findings.sort_by(|a, b| {
                (a.diag.span.start, &a.diag.rule, &a.diag.message).cmp(&(
                    b.diag.span.start,
                    &b.diag.rule,
                    &b.diag.message,
                ))
            });
        }
    }
}

fn finding(id: &'static str, f: CrossFinding) -> Finding {
    let mut diag = Diagnostic::new(f.severity, f.at.span, f.message).with_rule(id);
    diag.help = f.help;
    diag.labels = f
        .labels
        .into_iter()
        .map(|(p, message)| Label {
            span: p.span,
            message,
        })
        .collect();
    Finding {
        diag,
        start: f.at.start,
        end: f.at.end,
        page: f.at.page,
        related: f.related,
        ratio: f.ratio,
    }
}

/// Where `reportlint config` finds last year's report of `file` (summarised as `cur`): a report
/// in the same folder (a check of the folder pairs them), else one found through the
/// configuration's `[compare] history`. The path, and where it was found.
pub fn find_previous(
    cur: &ReportSummary,
    file: &std::path::Path,
    history: &[String],
) -> Option<(String, &'static str)> {
    const MAX_CANDIDATES: usize = 5_000;
    let limits = crate::read::Limits::default();
    let summary = |p: &std::path::Path| -> Option<ReportSummary> {
        let shown = p.display().to_string();
        let bytes = crate::read::read_file(p, &limits).ok()?;
        match crate::read::load(&shown, bytes, &limits).ok()? {
            crate::read::Loaded::Doc(doc, _) => Some(ReportSummary::of(&doc)),
            crate::read::Loaded::NoTextLayer(_) => None,
        }
    };
    let same = |p: &std::path::Path| p.canonicalize().ok() == file.canonicalize().ok();
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty());
    let mut siblings: Vec<std::path::PathBuf> =
        std::fs::read_dir(folder.unwrap_or(std::path::Path::new(".")))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        crate::discover::EXTENSIONS
                            .iter()
                            .any(|x| x.eq_ignore_ascii_case(e))
                    })
            })
            .take(MAX_CANDIDATES)
            .collect();
    siblings.sort();
    for p in siblings.iter().filter(|p| !same(p)) {
        if summary(p).is_some_and(|prev| pairs_with(cur, &prev).is_ok()) {
            return Some((p.display().to_string(), "在同一文件夹中"));
        }
    }
    for pattern in history {
        let (base, glob) = split_glob(pattern);
        let (inputs, _) = discover(&[base]);
        for input in inputs.into_iter().take(MAX_CANDIDATES) {
            let Input::File(p) = input else { continue };
            if glob.as_ref().is_some_and(|g| !g.is_match(&p)) || same(&p) {
                continue;
            }
            if summary(&p).is_some_and(|prev| pairs_with(cur, &prev).is_ok()) {
                return Some((p.display().to_string(), "在 [compare] history 中"));
            }
        }
    }
    None
}
