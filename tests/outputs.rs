//! Output formats at the command line: sarif (validated against the SARIF 2.1.0 schema), github,
//! junit and concise. The html page has its own tests (tests/dashboard.rs).

use std::io::Write;
use std::process::{Command, Stdio};

use reportlint_tests::{fixture, run, tests_dir, TODAY};
use serde_json::Value;

const FILES: [&str; 3] = [
    "000_532e0a7d93c60b5e.txt",
    "001_78480d18d66647dc.txt",
    "003_0fdc335fd3bbd9c3.txt",
];

fn check(format: &str) -> (u8, String) {
    let mut args = vec!["check", "--format", format, "--today", TODAY];
    let files: Vec<String> = FILES.iter().map(|f| fixture(f)).collect();
    args.extend(files.iter().map(String::as_str));
    let out = run(&args);
    (out.code, out.stdout)
}

/// Counts by severity in the JSON output of the same run.
fn json_counts() -> (usize, usize, usize, usize) {
    let (_, out) = check("json");
    let v: Value = serde_json::from_str(&out).unwrap();
    let d = v["diagnostics"].as_array().unwrap();
    let n = |s: &str| d.iter().filter(|d| d["severity"] == s).count();
    (d.len(), n("error"), n("warning"), n("info"))
}

#[test]
fn sarif_is_valid_and_lists_every_rule() {
    let (code, out) = check("sarif");
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    reportlint::link_builtin_rules();
    for r in reportlint_core::registered_rules() {
        let id = r.meta().id;
        let entry = rules
            .iter()
            .find(|x| x["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(!entry["help"]["text"].as_str().unwrap().is_empty());
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), json_counts().0);
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }

    // The schema, offline, with Python's jsonschema.
    let script = tests_dir().join("validate_sarif.py");
    let probe = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        reportlint_tests::missing_tool(
            "python3 with jsonschema is not installed; SARIF schema validation skipped (.ci/run installs it)",
        );
        return;
    }
    let mut child = Command::new("python3")
        .arg(&script)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(out.as_bytes())
        .unwrap();
    let result = child.wait_with_output().unwrap();
    assert!(
        result.status.success(),
        "SARIF does not validate:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn github_annotations() {
    let (_, out) = check("github");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), json_counts().0);
    let first = lines
        .iter()
        .find(|l| {
            l.contains("003_0fdc335fd3bbd9c3.txt") && l.contains("structure/section-numbering")
        })
        .unwrap();
    assert!(
        first.starts_with("::error file=fixtures/003_0fdc335fd3bbd9c3.txt,line=18,col=1,"),
        "{first}"
    );
    assert!(
        first.contains("title=reportlint structure/section-numbering::"),
        "{first}"
    );
    // A message over several lines stays on one line.
    assert!(lines.iter().all(|l| l.starts_with("::")));
}

#[test]
fn junit_xml() {
    let (_, out) = check("junit");
    let (total, errors, _, infos) = json_counts();
    assert!(out.starts_with("<?xml"));
    // Errors fail; warnings only with --max-warnings; infos never (their text is output).
    assert!(
        out.contains(&format!("failures=\"{errors}\"")),
        "{}",
        &out[..300]
    );
    assert_eq!(out.matches("<failure ").count(), errors);
    assert_eq!(out.matches("<system-out>").count(), total - errors);
    assert!(infos > 0, "the sample has infos to pass");
    assert_eq!(out.matches("<testsuite ").count(), FILES.len());
    // Well-formed: every element closed (a light check without an XML parser).
    assert_eq!(
        out.matches("<testcase ").count(),
        out.matches("</testcase>").count() + out.matches("\"/>").count()
    );
}

#[test]
fn concise_lines() {
    let (_, out) = check("concise");
    assert_eq!(out.lines().count(), json_counts().0);
    assert!(
        out.contains("fixtures/003_0fdc335fd3bbd9c3.txt:18:1: error [structure/section-numbering]")
    );
}
