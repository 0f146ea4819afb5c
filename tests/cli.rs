//! The command line: exit codes, errors that name the file, encodings, selection, listing.

use reportlint_tests::{check_json, findings, fixture, run, run_with_stdin, scratch};

fn json(args: &[&str]) -> (u8, Value) {
    let (code, v, _) = check_json(args);
    (code, v)
}
use serde_json::Value;

const SEED_003: &str = "003_0fdc335fd3bbd9c3.txt";
const SEED_000: &str = "000_532e0a7d93c60b5e.txt";

#[test]
fn json_contract_fields() {
    let (_, v) = json(&[&fixture(SEED_003)]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"], 1);
    let d = &v["diagnostics"][0];
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "help",
        "line",
        "column",
        "end_line",
        "end_column",
        "offset",
        "length",
    ] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
}

#[test]
fn gbk_and_crlf_copies_give_the_same_findings() {
    let text =
        std::fs::read_to_string(reportlint_tests::tests_dir().join(fixture(SEED_000))).unwrap();
    let dir = scratch("encodings");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let gbk_path = dir.join("gbk.txt");
    std::fs::write(&gbk_path, &gbk).unwrap();
    let crlf_path = dir.join("crlf.txt");
    std::fs::write(&crlf_path, text.replace('\n', "\r\n")).unwrap();

    let (_, utf8) = json(&[&fixture(SEED_000)]);
    let (_, from_gbk) = json(&[gbk_path.to_str().unwrap()]);
    let (_, from_crlf) = json(&[crlf_path.to_str().unwrap()]);
    assert!(!findings(&utf8).is_empty());
    assert_eq!(findings(&utf8), findings(&from_gbk));
    assert_eq!(findings(&utf8), findings(&from_crlf));
    // Same decoded text, so the same byte offsets too.
    let offsets = |v: &Value| -> Vec<u64> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["offset"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(offsets(&utf8), offsets(&from_gbk));
}

#[test]
fn binary_file_is_reported_and_the_batch_goes_on() {
    let dir = scratch("binary");
    let bin = dir.join("scan.txt");
    // Not a format recognised by its content (a `%PDF-` header would make it a PDF).
    std::fs::write(&bin, b"GIF89a\x00\x01\x02binary").unwrap();
    let good = reportlint_tests::tests_dir().join(fixture(SEED_003));
    let (code, v) = json(&[bin.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(code, 2, "an unreadable file makes the run fail");
    let all = findings(&v);
    assert!(
        all.iter()
            .any(|f| f.0 == "io" && f.1.contains("不是文本文件")),
        "{all:?}"
    );
    assert!(
        all.iter().any(|f| f.0.starts_with("structure/")),
        "the other file is still linted"
    );
    assert_eq!(v["files"], 2);
}

#[test]
fn missing_path_names_the_path_and_exits_2() {
    let out = run(&["check", "--color", "never", "no/such/report.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("no/such/report.txt"), "{}", out.stdout);
    assert!(out.stdout.contains("路径不存在"), "{}", out.stdout);
    assert!(out.stderr.contains("1 个文件无法读取"), "{}", out.stderr);
}

#[test]
fn exit_codes_follow_error_findings() {
    let good = "威海市文登区宋村镇人民政府\n2022年政府信息公开工作年度报告\n";
    let out = run_with_stdin(
        &["check", "--select", "structure/title", "-"],
        Some(good.as_bytes()),
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    let bad = "一、总体情况\n";
    let out = run_with_stdin(
        &["check", "--select", "structure/title", "-"],
        Some(bad.as_bytes()),
    );
    assert_eq!(out.code, 1);
    let out = run_with_stdin(
        &["check", "--select", "structure/title", "--exit-zero", "-"],
        Some(bad.as_bytes()),
    );
    assert_eq!(out.code, 0);
}

#[test]
fn stdin_filename_names_standard_input() {
    let out = run_with_stdin(
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "乡镇/宋村镇.txt",
            "--select",
            "structure/title",
            "-",
        ],
        Some("一、总体情况\n".as_bytes()),
    );
    assert!(
        out.stdout
            .starts_with("乡镇/宋村镇.txt:1:1: error [structure/title] "),
        "{}",
        out.stdout
    );
}

#[test]
fn quiet_shows_errors_only() {
    let (_, all) = json(&[&fixture(SEED_003)]);
    let (_, quiet) = json(&["--quiet", &fixture(SEED_003)]);
    assert!(findings(&all).len() > findings(&quiet).len());
    assert!(quiet["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] == "error"));
}

#[test]
fn select_and_ignore_take_ids_and_prefixes() {
    let (_, v) = json(&[
        "--select",
        "structure",
        "--ignore",
        "structure/title",
        &fixture(SEED_003),
    ]);
    assert!(findings(&v)
        .iter()
        .all(|f| f.0.starts_with("structure/") && f.0 != "structure/title"));
    let out = run(&["check", "--select", "nosuch/rule", &fixture(SEED_003)]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nosuch/rule"));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(run(&["check", "--format", "xml"]).code, 2);
    assert_eq!(run(&["check", "--today", "2026-13-45", "x.txt"]).code, 2);
    assert_eq!(run(&["frobnicate"]).code, 2);
}

#[test]
fn rules_lists_every_rule_and_explain_prints_docs() {
    let out = run(&["rules", "--format", "json"]);
    assert_eq!(out.code, 0);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"structure/title"));
    let out = run(&["explain", "structure/title"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("## 为什么重要（Why it matters）"));
    assert!(
        out.stdout.contains("- 默认级别：错误（`error`）"),
        "{}",
        out.stdout
    );
    assert_eq!(run(&["explain", "structure/nope"]).code, 2);
}

#[test]
fn explain_without_an_id_says_how_and_lists_the_rules_by_group() {
    let out = run(&["explain"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out
        .stdout
        .starts_with("用 `reportlint explain 规则` 查看一条规则的说明"));
    assert!(
        out.stdout.contains("\n结构与格式（structure）\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\n文件读取（format）\n"),
        "{}",
        out.stdout
    );
    let title = out
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("structure/title "))
        .unwrap();
    assert!(
        title.contains("错误") && title.contains("可修复"),
        "{title}"
    );
    // Every rule that `rules` lists is there.
    let v: Value = serde_json::from_str(&run(&["rules", "--format", "json"]).stdout).unwrap();
    for r in v.as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        assert!(
            out.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{id} "))),
            "{id}"
        );
    }
}

#[test]
fn folders_are_searched_in_a_stable_order() {
    let (_, v) = json(&["fixtures"]);
    let paths: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(v["files"].as_u64().unwrap() >= 3);
}

#[test]
fn pretty_output_shows_character_columns_for_cjk() {
    // The title starts after one space: column 2, though it is byte 1 and the line is CJK.
    let out = run(&[
        "check",
        "--color",
        "never",
        "--select",
        "structure/title",
        &fixture(SEED_003),
    ]);
    assert!(
        out.stdout.contains(&format!("[{}:1:2]", fixture(SEED_003))),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("structure/title"));
}

/// The readers' own findings (`format/crashed`, `format/timeout`, `format/too-large`) are ids
/// `--select` and `--ignore` take; a selection of rules that does not name them keeps them.
#[test]
fn reader_findings_are_selectable() {
    let file = fixture("hostile/R32_docx_gridspan_usize_max.docx");
    let count = |extra: &[&str]| {
        let mut args = vec!["check", "--isolated", "--format", "concise"];
        args.extend_from_slice(extra);
        args.push(&file);
        let out = run(&args);
        assert!(out.code <= 1, "{extra:?}: {}", out.stderr);
        out.stdout.matches("[format/too-large]").count()
    };
    assert_eq!(count(&[]), 1);
    assert_eq!(count(&["--ignore", "format/too-large"]), 0);
    assert_eq!(count(&["--select", "structure"]), 1);
    assert_eq!(count(&["--select", "format/timeout"]), 0);
    assert_eq!(count(&["--select", "format"]), 1);
}

/// A folder with nothing to lint is a failed run that says what is supported (a new user's
/// empty folder passed in silence with exit 0).
#[test]
fn nothing_to_lint_is_said_and_fails() {
    let dir = scratch("nothing");
    std::fs::write(dir.join("统计表.xls"), b"not a report").unwrap();
    let out = run(&["check", "--isolated", dir.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("没有找到可检查的报告"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(".docx"), "{}", out.stderr);
}

/// `--stdin-filename` without a path reads standard input (it linted the current folder).
#[test]
fn stdin_filename_alone_reads_standard_input() {
    let text = "某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n";
    let out = run_with_stdin(
        &[
            "check",
            "--isolated",
            "--format",
            "concise",
            "--stdin-filename",
            "某镇.txt",
        ],
        Some(text.as_bytes()),
    );
    assert!(out.code <= 1, "{}", out.stderr);
    assert!(
        out.stdout.lines().all(|l| l.starts_with("某镇.txt:")),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("检查了 1 个文件"), "{}", out.stderr);
}
