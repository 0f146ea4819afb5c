//! Comparing the reports of a run: pairing each report with last year's of the same agency
//! (in the run, or named with `--previous`), running the comparing rules, and adding their
//! findings to the reports' outcomes before they are written.

use rustc_hash::FxHashMap;

use reportlint_core::compare::{CrossFinding, CrossRule, ReportSummary};
use reportlint_core::{Diagnostic, Label, Rule};

use crate::discover::{discover, Input};
use crate::lint::{FileOutcome, Finding, Linter};

/// The comparing rules among `rules`.
pub fn cross_rules<'r>(rules: &[&'r dyn Rule]) -> Vec<&'r dyn CrossRule> {
    rules.iter().filter_map(|r| r.as_cross()).collect()
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

/// Runs the comparing rules over `outcomes` (in output order) and adds their findings.
/// `previous`: last year's report named with `--previous`, for every outcome; `history`: last
/// year's reports found through `[compare] history`, for reports with no pair in the run.
pub fn compare(
    outcomes: &mut [FileOutcome],
    previous: Option<&ReportSummary>,
    history: &[ReportSummary],
    rules: &[&dyn CrossRule],
) {
    if rules.is_empty() {
        return;
    }
    let summaries: Vec<Option<&ReportSummary>> =
        outcomes.iter().map(|o| o.meta.summary.as_deref()).collect();
    // Each report's last year's report: named, or found in the run by agency and year.
    let mut by_key: FxHashMap<(&str, i32), usize> = FxHashMap::default();
    for (i, s) in summaries.iter().enumerate() {
        if let Some(s) = s {
            if let (Some(k), Some(y)) = (&s.key, s.year) {
                by_key.entry((k.name.as_str(), y)).or_insert(i);
            }
        }
    }
    let mut found: Vec<(usize, &'static str, CrossFinding)> = Vec::new();
    for (i, s) in summaries.iter().enumerate() {
        let Some(cur) = s else { continue };
        let prev = previous
            .or_else(|| {
                let k = cur.key.as_ref()?;
                let j = *by_key.get(&(k.name.as_str(), cur.year? - 1))?;
                summaries[j].filter(|p| pairs_with(cur, p).is_ok())
            })
            .or_else(|| history.iter().find(|p| pairs_with(cur, p).is_ok()));
        let Some(prev) = prev else { continue };
        for rule in rules {
            let mut out = Vec::new();
            rule.check_years(cur, prev, &mut out);
            found.extend(out.into_iter().map(|f| (i, rule.meta().id, f)));
        }
    }
    let present: Vec<usize> = (0..summaries.len())
        .filter(|&i| summaries[i].is_some())
        .collect();
    let batch: Vec<&ReportSummary> = present.iter().filter_map(|&i| summaries[i]).collect();
    if batch.len() > 1 {
        for rule in rules {
            let mut out = Vec::new();
            rule.check_batch(&batch, &mut out);
            found.extend(
                out.into_iter()
                    .map(|(k, f)| (present[k], rule.meta().id, f)),
            );
        }
    }
    // Each finding at the severity the report's configuration gives the rule; none where it
    // turns the rule off.
    let additions: Vec<(usize, Finding)> = found
        .into_iter()
        .filter_map(|(i, id, mut f)| {
            let (_, level) = summaries[i]?.rules.iter().find(|(r, _)| *r == id)?;
            if let Some(sev) = level {
                f.severity = *sev;
            }
            Some((i, finding(id, f)))
        })
        .collect();
    let mut touched: Vec<usize> = Vec::new();
    for (i, f) in additions {
        outcomes[i].findings.push(f);
        touched.push(i);
    }
    touched.dedup();
    for i in touched {
        outcomes[i].findings.sort_by(|a, b| {
            (a.diag.span.start, &a.diag.rule, &a.diag.message).cmp(&(
                b.diag.span.start,
                &b.diag.rule,
                &b.diag.message,
            ))
        });
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
