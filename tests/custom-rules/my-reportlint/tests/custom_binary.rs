//! Runs the custom binary as a user would: the custom rule fires beside the built-in ones and is
//! listed by `rules`.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_my-reportlint"))
}

fn fixture_with_placeholder() -> std::path::PathBuf {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = here.join("../../fixtures/000_532e0a7d93c60b5e.txt");
    let text = std::fs::read_to_string(seed).unwrap().replace(
        "2022年我镇未收到人大代表建议和政协委员提案。",
        "（文字描述）",
    );
    let dir = std::env::temp_dir().join(format!("my-reportlint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("宋村镇.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn custom_rule_fires_beside_built_in_rules() {
    let out = bin()
        .args(["check", "--isolated", "--format", "json"])
        .arg(fixture_with_placeholder())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"example/placeholder"), "{rules:?}");
    assert!(
        rules.iter().any(|r| r.starts_with("structure/")),
        "{rules:?}"
    );
}

#[test]
fn custom_rule_is_listed_and_explained() {
    let out = bin().args(["rules"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("example/placeholder"));
    assert!(text.contains("structure/title"));
    let out = bin()
        .args(["explain", "example/placeholder"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("## 为什么重要（Why it matters）"));
}
