//! Reviewed expectations: every real report in `fixtures/` (the seeds, their `formats/` copies,
//! the PDFs and `real/`) has next to it a file `NAME.expected` that lists each finding it gets,
//! with a verdict a person gave after reading the report at that line and one line of why.
//!
//! One finding a line (`#` starts a comment, blank lines are ignored):
//!
//! ```text
//! RULE LINE SEVERITY MESSAGE-START | VERDICT: WHY
//! tables/sums 88 error 表三（七）总计… | true: 表三（七）总计 21 ≠ 27
//! ```
//!
//! `MESSAGE-START` is the start of the message (a trailing `…` is dropped before comparing).
//! `VERDICT` is `true` (the finding is right), `false` (a false alarm: it must not fire; the entry
//! stays as a guard once the rule is fixed) or `unreviewed` (written by the bless mode; never
//! accepted). The test fails on a finding that is not listed (at any severity), on a `true` entry
//! that no longer fires, on a `false` entry that fires, and on any `unreviewed` entry.
//!
//! `REPORTLINT_BLESS_EXPECTED=1 cargo test -p reportlint-tests --test expectations` adds each
//! unlisted finding as `unreviewed` (and creates missing files); it removes only `unreviewed`
//! entries that no longer fire. The test still fails until a person has reviewed every new line,
//! so blessing cannot hide a finding. See docs/precision-review.md.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use reportlint_tests::{fixture, run, tests_dir, TODAY};

const BLESS_VAR: &str = "REPORTLINT_BLESS_EXPECTED";
const EXTENSIONS: [&str; 6] = ["txt", "md", "docx", "html", "htm", "pdf"];
/// How many characters of a message bless writes (the rest becomes `…`).
const MESSAGE_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    True,
    False,
    Unreviewed,
}

impl Verdict {
    fn word(self) -> &'static str {
        match self {
            Verdict::True => "true",
            Verdict::False => "false",
            Verdict::Unreviewed => "unreviewed",
        }
    }
}

/// One line of an `.expected` file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    rule: String,
    line: u64,
    severity: String,
    message: String,
    verdict: Verdict,
    why: String,
    /// Comment lines written just above this entry (kept by bless).
    comments: Vec<String>,
    /// Line in the `.expected` file (1-based), for messages.
    at: usize,
}

impl Entry {
    fn matches(&self, f: &Finding) -> bool {
        self.rule == f.rule
            && self.line == f.line
            && self.severity == f.severity
            && f.message.starts_with(&self.message)
    }

    fn render(&self) -> String {
        let mut out = String::new();
        for c in &self.comments {
            out.push_str(c);
            out.push('\n');
        }
        let msg = if self.message.chars().count() >= MESSAGE_CHARS {
            format!("{}…", self.message)
        } else {
            self.message.clone()
        };
        let _ = write!(
            out,
            "{} {} {} {} | {}",
            self.rule,
            self.line,
            self.severity,
            msg,
            self.verdict.word()
        );
        if !self.why.is_empty() {
            let _ = write!(out, ": {}", self.why);
        }
        out.push('\n');
        out
    }
}

/// A finding of a run.
#[derive(Debug, Clone)]
struct Finding {
    rule: String,
    line: u64,
    severity: String,
    message: String,
}

impl Finding {
    fn show(&self) -> String {
        format!(
            "line {} {} [{}] {}",
            self.line, self.severity, self.rule, self.message
        )
    }

    fn as_entry(&self, verdict: Verdict) -> Entry {
        Entry {
            rule: self.rule.clone(),
            line: self.line,
            severity: self.severity.clone(),
            message: self.message.chars().take(MESSAGE_CHARS).collect(),
            verdict,
            why: String::new(),
            comments: Vec::new(),
            at: 0,
        }
    }
}

/// A parsed `.expected` file: its leading comment block, its entries, and a trailing comment block.
#[derive(Debug, Default)]
struct Expected {
    header: Vec<String>,
    entries: Vec<Entry>,
    trailer: Vec<String>,
}

fn parse(text: &str) -> Result<Expected, String> {
    let mut exp = Expected::default();
    let mut pending: Vec<String> = Vec::new();
    let mut seen_entry = false;
    for (i, raw) in text.lines().enumerate() {
        let at = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            // A blank line ends the header block.
            if !seen_entry && !pending.is_empty() {
                exp.header.append(&mut pending);
                exp.header.push(String::new());
            }
            continue;
        }
        if line.trim_start().starts_with('#') {
            pending.push(line.to_owned());
            continue;
        }
        let (finding, judgement) = line
            .split_once(" | ")
            .ok_or_else(|| format!("line {at}: no “ | ” between the finding and the verdict"))?;
        let mut parts = finding.trim().splitn(4, ' ');
        let rule = parts.next().unwrap_or_default().to_owned();
        let line_no = parts.next().unwrap_or_default();
        let severity = parts.next().unwrap_or_default().to_owned();
        let message = parts.next().unwrap_or_default().trim();
        let message = message.strip_suffix('…').unwrap_or(message).trim_end();
        if !rule.contains('/') {
            return Err(format!("line {at}: “{rule}” is not a rule id"));
        }
        let line_no: u64 = line_no
            .parse()
            .map_err(|_| format!("line {at}: “{line_no}” is not a line number"))?;
        if !["error", "warning", "info"].contains(&severity.as_str()) {
            return Err(format!(
                "line {at}: “{severity}” is not error, warning or info"
            ));
        }
        if message.is_empty() {
            return Err(format!("line {at}: the start of the message is missing"));
        }
        let (word, why) = match judgement.split_once(':') {
            Some((w, why)) => (w.trim(), why.trim()),
            None => (judgement.trim(), ""),
        };
        let verdict = match word {
            "true" => Verdict::True,
            "false" => Verdict::False,
            "unreviewed" => Verdict::Unreviewed,
            other => {
                return Err(format!(
                    "line {at}: verdict “{other}” is not true, false or unreviewed"
                ))
            }
        };
        if verdict != Verdict::Unreviewed && why.is_empty() {
            return Err(format!(
                "line {at}: a “{word}” verdict needs one line of why after “{word}:”"
            ));
        }
        seen_entry = true;
        exp.entries.push(Entry {
            rule,
            line: line_no,
            severity,
            message: message.to_owned(),
            verdict,
            why: why.to_owned(),
            comments: std::mem::take(&mut pending),
            at,
        });
    }
    if seen_entry {
        exp.trailer = pending;
    } else {
        exp.header.append(&mut pending);
    }
    while exp.header.last().is_some_and(|l| l.is_empty()) {
        exp.header.pop();
    }
    Ok(exp)
}

fn render(exp: &Expected) -> String {
    let mut out = String::new();
    for h in &exp.header {
        out.push_str(h);
        out.push('\n');
    }
    if !exp.header.is_empty() {
        out.push('\n');
    }
    for e in &exp.entries {
        out.push_str(&e.render());
    }
    for t in &exp.trailer {
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// What comparing one report's findings with its list found wrong.
#[derive(Debug, Default)]
struct Outcome {
    problems: Vec<String>,
    /// Findings that no entry lists (for bless).
    unlisted: Vec<Finding>,
    /// Indices of entries that matched a finding.
    matched: Vec<bool>,
}

/// Pairs findings with entries one to one (an entry covers one finding) and judges the result.
fn compare(report: &str, expected_file: &str, exp: &Expected, findings: &[Finding]) -> Outcome {
    let mut out = Outcome {
        matched: vec![false; exp.entries.len()],
        ..Outcome::default()
    };
    for f in findings {
        let hit = exp
            .entries
            .iter()
            .enumerate()
            .find(|(i, e)| !out.matched[*i] && e.matches(f));
        match hit {
            Some((i, e)) => {
                out.matched[i] = true;
                match e.verdict {
                    Verdict::True => {}
                    Verdict::False => out.problems.push(format!(
                        "{report}: a false alarm still fires: {}\n    reviewed as false in {expected_file}:{} ({}).\n    Fix the rule (or the reader) so it no longer fires; keep the entry as a guard.",
                        f.show(),
                        e.at,
                        e.why
                    )),
                    Verdict::Unreviewed => out.problems.push(format!(
                        "{report}: finding not reviewed yet: {}\n    Read {report} at line {}, then in {expected_file}:{} replace “unreviewed” by “true: <why>” or “false: <why>”.",
                        f.show(),
                        f.line,
                        e.at
                    )),
                }
            }
            None => {
                out.problems.push(format!(
                    "{report}: finding not listed: {}\n    Read {report} at line {}, then add to {expected_file} the line\n        {}    with “true: <why>” (the defect is real) or “false: <why>” (a false alarm: fix the rule),\n    or run {BLESS_VAR}=1 cargo test -p reportlint-tests --test expectations to add it as “unreviewed” and review it there.",
                    f.show(),
                    f.line,
                    f.as_entry(Verdict::Unreviewed).render().replace("| unreviewed", "| true: …")
                ));
                out.unlisted.push(f.clone());
            }
        }
    }
    for (i, e) in exp.entries.iter().enumerate() {
        if out.matched[i] {
            continue;
        }
        match e.verdict {
            Verdict::False => {} // the false alarm is fixed: the entry guards against its return
            Verdict::True => out.problems.push(format!(
                "{report}: a reviewed finding no longer fires: {expected_file}:{}: line {} {} [{}] {}… ({})\n    If it moved to another line, change the line number; if the change in the rule is intended and the defect\n    is really not there, delete the entry after reading the report. A true finding must not be lost silently.",
                e.at, e.line, e.severity, e.rule, e.message, e.why
            )),
            Verdict::Unreviewed => out.problems.push(format!(
                "{report}: an unreviewed entry no longer fires: {expected_file}:{}: line {} [{}] {}…\n    Delete it (or run {BLESS_VAR}=1 …).",
                e.at, e.line, e.rule, e.message
            )),
        }
    }
    out
}

/// Every report in `fixtures/`, `fixtures/formats/` and `fixtures/real/`, relative to `fixtures/`.
fn reports() -> Vec<String> {
    let mut names = Vec::new();
    for sub in ["", "formats/", "real/"] {
        let dir = tests_dir().join("fixtures").join(sub);
        for e in std::fs::read_dir(dir).unwrap() {
            let name = e.unwrap().file_name().into_string().unwrap();
            let ext = Path::new(&name)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            if EXTENSIONS.contains(&ext.as_str()) {
                names.push(format!("{sub}{name}"));
            }
        }
    }
    names.sort();
    names
}

fn expected_path(report: &str) -> PathBuf {
    tests_dir()
        .join("fixtures")
        .join(format!("{report}.expected"))
}

fn findings_of(report: &str) -> Vec<Finding> {
    let path = fixture(report);
    let out = run(&[
        "check",
        "--isolated",
        "--format",
        "json",
        "--today",
        TODAY,
        &path,
    ]);
    assert!(out.code <= 1, "{report}: {}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{report}: {e}\n{}", out.stdout));
    v["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| Finding {
            rule: d["rule"].as_str().unwrap().to_owned(),
            line: d["line"].as_u64().unwrap(),
            severity: d["severity"].as_str().unwrap().to_owned(),
            message: d["message"].as_str().unwrap().to_owned(),
        })
        .collect()
}

fn header_for(report: &str) -> Vec<String> {
    vec![
        format!("# Reviewed findings of tests/fixtures/{report}"),
        format!("# (reportlint check --isolated --today {TODAY}). One finding a line:"),
        "#   RULE LINE SEVERITY MESSAGE-START | VERDICT: WHY".to_owned(),
        "# VERDICT: true (right), false (a false alarm: must not fire), unreviewed (review it)."
            .to_owned(),
        "# See docs/precision-review.md.".to_owned(),
    ]
}

/// Blesses one file: keeps every reviewed entry, drops unreviewed entries that no longer fire,
/// and adds each unlisted finding as `unreviewed`, in line order.
fn bless(report: &str, exp: Option<Expected>, outcome: &Outcome) -> Expected {
    let mut exp = exp.unwrap_or_else(|| Expected {
        header: header_for(report),
        ..Expected::default()
    });
    let entries = std::mem::take(&mut exp.entries);
    let mut kept: Vec<Entry> = entries
        .into_iter()
        .zip(&outcome.matched)
        .filter(|(e, m)| **m || e.verdict != Verdict::Unreviewed)
        .map(|(e, _)| e)
        .collect();
    kept.extend(
        outcome
            .unlisted
            .iter()
            .map(|f| f.as_entry(Verdict::Unreviewed)),
    );
    // Stable: entries of one line keep their order.
    kept.sort_by_key(|e| e.line);
    exp.entries = kept;
    exp
}

#[test]
fn every_real_report_matches_its_reviewed_expectations() {
    let blessing = std::env::var_os(BLESS_VAR).is_some();
    let mut problems = Vec::new();
    for report in reports() {
        let path = expected_path(&report);
        let shown = format!("tests/fixtures/{report}.expected");
        let findings = findings_of(&report);
        let exp = match std::fs::read_to_string(&path) {
            Ok(text) => match parse(&text) {
                Ok(e) => Some(e),
                Err(e) => {
                    problems.push(format!("{shown}: {e}"));
                    continue;
                }
            },
            Err(_) => None,
        };
        let outcome = compare(
            &report,
            &shown,
            exp.as_ref().unwrap_or(&Expected::default()),
            &findings,
        );
        if exp.is_none() && !blessing {
            problems.push(format!(
                "{report}: no reviewed expectations ({shown} is missing).\n    Run {BLESS_VAR}=1 cargo test -p reportlint-tests --test expectations to write it with every finding “unreviewed”, then review each line."
            ));
            continue;
        }
        if blessing
            && (exp.is_none()
                || !outcome.unlisted.is_empty()
                || outcome
                    .matched
                    .iter()
                    .zip(&exp.as_ref().unwrap().entries)
                    .any(|(m, e)| !m && e.verdict == Verdict::Unreviewed))
        {
            let new = bless(&report, exp, &outcome);
            let text = render(&new);
            std::fs::write(&path, &text).unwrap();
            // Judge the file as written: the new entries are unreviewed and still fail.
            let again = compare(&report, &shown, &parse(&text).unwrap(), &findings);
            problems.extend(again.problems);
        } else {
            problems.extend(outcome.problems);
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) with the reviewed expectations of the real reports (docs/precision-review.md):\n{}\n\n{}\n",
        problems.len(),
        tally(&problems),
        problems.join("\n\n")
    );
}

/// One line that counts the problems by kind, so that a long failure reads at a glance.
fn tally(problems: &[String]) -> String {
    [
        ("false alarm still fires", "false alarms still firing"),
        ("finding not listed", "findings not listed"),
        ("a reviewed finding no longer fires", "true findings gone"),
        (
            "an unreviewed entry no longer fires",
            "stale unreviewed entries",
        ),
        ("not reviewed yet", "unreviewed"),
        ("no reviewed expectations", "reports without a list"),
    ]
    .iter()
    .map(|(key, name)| {
        let n = problems.iter().filter(|p| p.contains(key)).count();
        format!("{name}: {n}")
    })
    .collect::<Vec<_>>()
    .join(", ")
}

/// An `.expected` file next to a file that is not a report is a leftover.
#[test]
fn no_expectations_without_a_report() {
    for sub in ["", "formats/", "real/"] {
        let dir = tests_dir().join("fixtures").join(sub);
        for e in std::fs::read_dir(dir).unwrap() {
            let name = e.unwrap().file_name().into_string().unwrap();
            if let Some(report) = name.strip_suffix(".expected") {
                let p = tests_dir().join("fixtures").join(sub).join(report);
                assert!(
                    p.is_file(),
                    "fixtures/{sub}{name} has no report fixtures/{sub}{report}: delete it or rename it with the report"
                );
            }
        }
    }
}

#[cfg(test)]
mod harness {
    use super::*;

    fn finding(rule: &str, line: u64, severity: &str, message: &str) -> Finding {
        Finding {
            rule: rule.into(),
            line,
            severity: severity.into(),
            message: message.into(),
        }
    }

    const FILE: &str = "# head\n\n\
        tables/sums 88 error 表三（七）总计… | true: 表三（七）总计 21 ≠ 27\n\
        # a note\n\
        structure/title 1 warning 标题缺少机关名称 | false: 标题第二行有机关名称\n";

    #[test]
    fn parses_and_renders_back() {
        let exp = parse(FILE).unwrap();
        assert_eq!(exp.header, vec!["# head".to_owned()]);
        assert_eq!(exp.entries.len(), 2);
        assert_eq!(exp.entries[0].message, "表三（七）总计");
        assert_eq!(exp.entries[0].why, "表三（七）总计 21 ≠ 27");
        assert_eq!(exp.entries[1].verdict, Verdict::False);
        assert_eq!(exp.entries[1].comments, vec!["# a note".to_owned()]);
        assert_eq!(exp.entries[1].at, 5);
        let again = parse(&render(&exp)).unwrap();
        assert_eq!(again.entries, exp.entries);
    }

    #[test]
    fn rejects_a_verdict_without_why_and_bad_fields() {
        assert!(parse("a/b 3 error 消息 | true\n").is_err());
        assert!(parse("a/b 3 error 消息 | maybe: x\n").is_err());
        assert!(parse("a/b x error 消息 | true: x\n").is_err());
        assert!(parse("a/b 3 fatal 消息 | true: x\n").is_err());
        assert!(parse("a/b 3 error 消息 true: x\n").is_err());
        assert!(parse("a/b 3 error  | true: x\n").is_err());
        assert!(parse("a/b 3 error 消息 | unreviewed\n").is_ok());
    }

    #[test]
    fn judges_unlisted_false_true_and_unreviewed() {
        let exp = parse(FILE).unwrap();
        // The true finding fires, the false one does not: clean.
        let ok = [finding(
            "tables/sums",
            88,
            "error",
            "表三（七）总计应为27，表中为21",
        )];
        assert!(compare("r", "r.expected", &exp, &ok).problems.is_empty());
        // The true finding is gone.
        let out = compare("r", "r.expected", &exp, &[]);
        assert_eq!(out.problems.len(), 1);
        assert!(out.problems[0].contains("no longer fires"));
        // The false alarm fires, and an info nobody listed.
        let bad = [
            finding("tables/sums", 88, "error", "表三（七）总计应为27，表中为21"),
            finding("structure/title", 1, "warning", "标题缺少机关名称"),
            finding("contact/phone", 9, "info", "电话号码中的“—”应为连字符“-”"),
        ];
        let out = compare("r", "r.expected", &exp, &bad);
        assert_eq!(out.problems.len(), 2, "{:?}", out.problems);
        assert!(out.problems[0].contains("false alarm still fires"));
        assert!(out.problems[1].contains("not listed"));
        assert_eq!(out.unlisted.len(), 1);
        // The same finding at another severity or line is not the listed one.
        let moved = [finding(
            "tables/sums",
            87,
            "error",
            "表三（七）总计应为27，表中为21",
        )];
        assert_eq!(compare("r", "r.expected", &exp, &moved).problems.len(), 2);
        // One entry covers one finding.
        let twice = [ok[0].clone(), ok[0].clone()];
        assert_eq!(compare("r", "r.expected", &exp, &twice).problems.len(), 1);
    }

    #[test]
    fn blessing_adds_unreviewed_entries_that_still_fail() {
        let exp = parse(FILE).unwrap();
        let findings = [
            finding("tables/sums", 88, "error", "表三（七）总计应为27，表中为21"),
            finding(
                "contact/phone",
                9,
                "info",
                "电话号码中的“—”应为连字符“-”，这一句很长很长很长很长很长很长很长很长很长很长",
            ),
        ];
        let out = compare("r", "r.expected", &exp, &findings);
        let blessed = bless("r", Some(exp), &out);
        let text = render(&blessed);
        assert!(text.contains("contact/phone 9 info 电话号码中的"), "{text}");
        assert!(text.contains("… | unreviewed"), "{text}");
        // The false entry stays as a guard; entries are in line order.
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(lines[1].starts_with("structure/title 1 "), "{text}");
        assert!(lines[2].starts_with("contact/phone 9 "), "{text}");
        let again = compare("r", "r.expected", &parse(&text).unwrap(), &findings);
        assert_eq!(again.problems.len(), 1);
        assert!(again.problems[0].contains("not reviewed yet"));
    }
}
