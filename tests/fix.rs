//! `--fix`, `--diff` and `--unsafe-fixes`: safe fixes written atomically in the file's own
//! encoding and line endings; nothing written for --diff or for .docx/.html.

use reportlint_tests::{fixture, run, tests_dir, TODAY};

const SEED: &str = "003_0fdc335fd3bbd9c3.txt"; // "2、" where "二、" belongs: a safe fix

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("reportlint-fix-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn seed_text() -> String {
    std::fs::read_to_string(tests_dir().join(fixture(SEED))).unwrap()
}

fn rules_of(path: &str) -> Vec<String> {
    let out = run(&["check", "--format", "json", "--today", TODAY, path]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn fix_writes_safe_fixes_and_says_what_changed() {
    let dir = scratch("utf8");
    let path = dir.join("r.txt");
    std::fs::write(&path, seed_text()).unwrap();
    let p = path.to_str().unwrap();
    assert!(rules_of(p).contains(&"structure/section-numbering".to_owned()));
    let out = run(&["check", "--fix", "--format", "concise", "--today", TODAY, p]);
    assert!(out.stderr.contains("已修复"), "{}", out.stderr);
    assert!(
        out.stderr.contains("structure/section-numbering"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("修复了 1 个文件"), "{}", out.stderr);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("\n二、"), "the heading was renumbered");
    assert!(!rules_of(p).contains(&"structure/section-numbering".to_owned()));
    // Only the temporary file's rename touched the folder: nothing left behind.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}

#[test]
fn gbk_crlf_file_stays_gbk_with_crlf() {
    let dir = scratch("gbk");
    let path = dir.join("gbk.txt");
    // GBK has no non-breaking space.
    let text = seed_text().replace('\u{a0}', " ").replace('\n', "\r\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(&path, &gbk).unwrap();
    let out = run(&["check", "--fix", "--today", TODAY, path.to_str().unwrap()]);
    assert!(out.stderr.contains("已修复"), "{}", out.stderr);
    let bytes = std::fs::read(&path).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "still GBK, not UTF-8");
    let (back, _, errors) = encoding_rs::GBK.decode(&bytes);
    assert!(!errors);
    assert!(back.contains("\r\n二、"));
    assert_eq!(back.matches("\r\n").count(), text.matches("\r\n").count());
    assert_eq!(
        back.matches('\n').count(),
        text.matches('\n').count(),
        "no bare LF added"
    );
}

#[test]
fn bom_is_kept() {
    let dir = scratch("bom");
    let path = dir.join("bom.txt");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(seed_text().as_bytes());
    std::fs::write(&path, &bytes).unwrap();
    run(&["check", "--fix", "--today", TODAY, path.to_str().unwrap()]);
    let after = std::fs::read(&path).unwrap();
    assert!(after.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert_ne!(after, bytes);
}

#[test]
fn diff_shows_fixes_without_writing() {
    let dir = scratch("diff");
    let path = dir.join("r.txt");
    std::fs::write(&path, seed_text()).unwrap();
    let p = path.to_str().unwrap();
    let out = run(&["check", "--diff", "--today", TODAY, p]);
    assert_eq!(out.code, 1, "fixes to make: exit 1 as ruff --diff");
    assert!(out.stdout.contains(&format!("--- a/{p}")), "{}", out.stdout);
    assert!(
        out.stdout.lines().any(|l| l.starts_with("-2、")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.lines().any(|l| l.starts_with("+二、")),
        "{}",
        out.stdout
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), seed_text());
    assert!(out.stderr.contains("未写入"), "{}", out.stderr);
}

#[test]
fn unsafe_fixes_only_when_asked() {
    let dir = scratch("unsafe");
    let path = dir.join("r.txt");
    std::fs::write(&path, seed_text()).unwrap();
    let p = path.to_str().unwrap();
    let safe = run(&["check", "--diff", "--today", TODAY, p]).stdout;
    let all = run(&["check", "--diff", "--unsafe-fixes", "--today", TODAY, p]).stdout;
    assert!(
        all.lines().filter(|l| l.starts_with('+')).count()
            >= safe.lines().filter(|l| l.starts_with('+')).count()
    );
}

#[test]
fn docx_and_html_are_never_written() {
    let dir = scratch("docx");
    for ext in ["docx", "html"] {
        let src = tests_dir().join(fixture(&format!(
            "formats/{}.{ext}",
            SEED.trim_end_matches(".txt")
        )));
        let path = dir.join(format!("r.{ext}"));
        std::fs::copy(&src, &path).unwrap();
        let before = std::fs::read(&path).unwrap();
        let out = run(&["check", "--fix", "--today", TODAY, path.to_str().unwrap()]);
        assert!(!out.stderr.contains("已修复"), "{}", out.stderr);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}

/// The style rules' safe fixes round-trip through `--fix`: a GBK file with CRLF line ends stays
/// GBK with CRLF, and the half-width marks, the doubled full stop and the Word debris are gone.
/// A look-alike radical (no GBK character) is fixed in a UTF-8 file.
#[test]
fn style_fixes_keep_encoding_and_line_ends() {
    let dir = scratch("style");
    let body = "某镇人民政府2022年政府信息公开工作年度报告\r\n一、总体情况\r\n\
        健全工作机制,强化责任落实。。\r\n\
        <!--[if !supportLists]-->1、<!--[endif]-->加强政策解读。\r\n";
    let path = dir.join("gbk.txt");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(body);
    assert!(!unmappable);
    std::fs::write(&path, &gbk).unwrap();
    let p = path.to_str().unwrap();
    let before = rules_of(p);
    assert!(
        before.iter().any(|r| r == "style/punctuation"),
        "{before:?}"
    );
    assert!(before.iter().any(|r| r == "style/debris"), "{before:?}");
    let out = run(&["check", "--fix", "--select", "style", "--today", TODAY, p]);
    assert!(out.stderr.contains("已修复"), "{}", out.stderr);
    let bytes = std::fs::read(&path).unwrap();
    let (back, _, errors) = encoding_rs::GBK.decode(&bytes);
    assert!(!errors && std::str::from_utf8(&bytes).is_err(), "still GBK");
    assert!(
        back.contains("\r\n健全工作机制，强化责任落实。\r\n"),
        "{back}"
    );
    assert!(back.contains("\r\n1、加强政策解读。\r\n"), "{back}");
    assert_eq!(back.matches("\r\n").count(), body.matches("\r\n").count());
    assert_eq!(back.matches('\n').count(), body.matches('\n').count());
    let after = rules_of(p);
    assert!(
        !after
            .iter()
            .any(|r| r == "style/punctuation" || r == "style/debris"),
        "{after:?}"
    );

    let path = dir.join("utf8.txt");
    std::fs::write(&path, "⼀、总体情况\r\n本年度主动公开信息⼆百余条。\r\n").unwrap();
    let p = path.to_str().unwrap();
    run(&[
        "check",
        "--fix",
        "--select",
        "style/lookalike-chars",
        "--today",
        TODAY,
        p,
    ]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "一、总体情况\r\n本年度主动公开信息二百余条。\r\n"
    );
}
