//! Helpers for the workspace-level integration tests.

use std::path::{Path, PathBuf};

/// What one in-process run of the command line produced.
#[derive(Debug)]
pub struct RunOutput {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `reportlint ARGS…` in process (no colour), with `stdin` as standard input.
pub fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> RunOutput {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("reportlint").chain(args.iter().copied());
    let code = reportlint::run(argv, &mut out, &mut err, stdin, false);
    RunOutput {
        code,
        stdout: String::from_utf8(out).expect("stdout is UTF-8"),
        stderr: String::from_utf8(err).expect("stderr is UTF-8"),
    }
}

/// Runs `reportlint ARGS…` in process (no colour).
pub fn run(args: &[&str]) -> RunOutput {
    run_with_stdin(args, None)
}

/// The folder of this package (`tests/`), which holds `fixtures/`.
pub fn tests_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    tests_dir().parent().unwrap().to_path_buf()
}

/// A fixture's path relative to `tests/` (the test's working directory), for stable output.
pub fn fixture(name: &str) -> String {
    format!("fixtures/{name}")
}

/// A fixed "today" for runs whose findings depend on the date.
pub const TODAY: &str = "2026-11-22";

/// Runs `reportlint check --format json --today TODAY ARGS…`: (exit code, the JSON, stderr).
pub fn check_json(args: &[&str]) -> (u8, serde_json::Value, String) {
    let mut all = vec!["check", "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    let out = run(&all);
    let v = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr));
    (out.code, v, out.stderr)
}

/// (rule, message, line, column) of every finding of a JSON run, for comparing runs.
pub fn findings(v: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    v["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A fresh scratch folder for files a test makes.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("reportlint-tests-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A test that needs an outside tool which is not installed: on a developer's machine it says
/// so and skips; under CI (`CI` set, as `.ci/run` runs) it fails, so a missing install step can
/// never pass silently.
pub fn missing_tool(what: &str) {
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0") {
        panic!("CI: {what}");
    }
    eprintln!("note: {what}");
}
