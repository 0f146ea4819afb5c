//! What a person reads from the command line is Chinese: `--help`, clap's errors, "did you mean"
//! for rule ids, configuration and OS errors; and the shell completions.

use std::path::Path;
use std::process::Command;

use reportlint_tests::{fixture, missing_tool, run, run_with_stdin, scratch, tests_dir};

#[test]
fn help_is_chinese() {
    let out = run(&["--help"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("help_root", out.stdout);
    let out = run(&["check", "--help"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("help_check_long", out.stdout);
    let out = run(&["check", "-h"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("help_check_short", out.stdout);
    // Every subcommand's help: no English heading or built-in text left.
    for sub in ["check", "rules", "explain", "config", "completions", "help"] {
        for flag in ["-h", "--help"] {
            // `help` is clap's subcommand: `reportlint help check`.
            let args = if sub == "help" {
                [sub, "check"]
            } else {
                [sub, flag]
            };
            let out = run(&args);
            assert_eq!(out.code, 0, "{sub} {flag}");
            for english in [
                "Usage",
                "Options:",
                "Arguments:",
                "Commands:",
                "Print",
                "[default",
                "possible",
                "[OPTIONS]",
                "COMMAND",
            ] {
                assert!(
                    !out.stdout.contains(english),
                    "{sub} {flag}: {english}\n{}",
                    out.stdout
                );
            }
            // Wrapped to 100 columns (Chinese characters take two).
            for line in out.stdout.lines() {
                let width: usize = line
                    .chars()
                    .map(|c| if c > '\u{2e7f}' { 2 } else { 1 })
                    .sum();
                assert!(width <= 100, "{sub} {flag}: {line}");
            }
        }
    }
}

#[test]
fn no_arguments_show_the_help_and_fail() {
    let out = run(&[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("reportlint：政府信息公开工作年度报告检查工具。"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("用法：reportlint <命令>"),
        "{}",
        out.stderr
    );
}

#[test]
fn version() {
    let out = run(&["--version"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("reportlint "), "{}", out.stdout);
}

/// clap's mistakes, each in Chinese with clap's exit code (2) and nothing on standard output.
#[test]
fn clap_errors_are_chinese() {
    let cases: &[(&str, &[&str])] = &[
        ("error_unknown_subcommand", &["chek"]),
        ("error_unknown_argument", &["check", "--formt", "json"]),
        ("error_invalid_value", &["check", "--format", "jsn"]),
        ("error_out_of_range", &["check", "-j", "0"]),
        ("error_not_a_number", &["check", "--max-warnings", "十"]),
        ("error_missing_argument", &["config"]),
        ("error_conflict", &["check", "--fix", "--diff"]),
        ("error_missing_value", &["check", "--format"]),
        ("error_unexpected_value", &["check", "--quiet=3"]),
        ("error_completions_shell", &["completions", "cmd"]),
    ];
    for (name, args) in cases {
        let out = run(args);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(out.stderr.starts_with("错误："), "{args:?}: {}", out.stderr);
        assert!(
            !out.stderr.contains("error")
                && !out.stderr.contains("Usage")
                && !out.stderr.contains("tip"),
            "{args:?}: {}",
            out.stderr
        );
        insta::assert_snapshot!(*name, out.stderr);
    }
}

#[test]
fn misspelt_rule_ids_get_a_suggestion() {
    let houjia = fixture("003_0fdc335fd3bbd9c3.txt");
    let out = run(&["check", "--select", "structure/titel", &houjia]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("未知的规则或规则组“structure/titel”，是否指 structure/title？"),
        "{}",
        out.stderr
    );
    let out = run(&["check", "--ignore", "tabels", &houjia]);
    assert!(out.stderr.contains("是否指 tables？"), "{}", out.stderr);
    // A bare name, without its group.
    let out = run(&["check", "--extend-select", "signatur", &houjia]);
    assert!(
        out.stderr.contains("是否指 structure/signature？"),
        "{}",
        out.stderr
    );
    // The ids the tool prints itself are suggested too.
    let out = run(&["explain", "format/timout"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("是否指 format/timeout？"),
        "{}",
        out.stderr
    );
    let out = run(&["explain", "titel"]);
    assert!(
        out.stderr.contains("是否指 structure/title？"),
        "{}",
        out.stderr
    );
    // Nothing close: no guess.
    let out = run(&["explain", "完全不同"]);
    assert!(
        out.stderr
            .contains("没有规则“完全不同”；用 `reportlint rules` 查看全部规则"),
        "{}",
        out.stderr
    );
}

#[test]
fn configuration_keys_and_directives_get_a_suggestion() {
    let dir = scratch("zh-config");
    let report = dir.join("a.txt");
    std::fs::copy(
        tests_dir().join("fixtures/003_0fdc335fd3bbd9c3.txt"),
        &report,
    )
    .unwrap();
    std::fs::write(
        dir.join("reportlint.toml"),
        "[rules]\n\"contact/phnoe\" = \"off\"\n",
    )
    .unwrap();
    let out = run(&["check", "--format", "concise", p(&report)]);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout
            .contains("未知的规则或规则组“contact/phnoe”，是否指 contact/phone？"),
        "{}\n{}",
        out.stdout,
        out.stderr
    );

    // A directive naming a misspelt rule: the finding's help suggests the id.
    let text = std::fs::read_to_string(&report).unwrap();
    let text = format!("<!-- reportlint-disable-file tables/sumz -->\n{text}");
    let out = run_with_stdin(
        &["check", "--isolated", "--format", "json", "-"],
        Some(text.as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let unknown: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "directive/unknown-rule")
        .collect();
    assert_eq!(unknown.len(), 1, "{}", out.stdout);
    assert!(
        unknown[0]["help"]
            .as_str()
            .unwrap()
            .starts_with("是否指 tables/sums？"),
        "{}",
        unknown[0]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn configuration_and_os_errors_are_chinese() {
    let dir = scratch("zh-errors");
    let report = dir.join("a.txt");
    std::fs::copy(
        tests_dir().join("fixtures/003_0fdc335fd3bbd9c3.txt"),
        &report,
    )
    .unwrap();
    let bad = dir.join("bad.toml");
    for (text, want) in [
        // TOML syntax: the line, the key and a Chinese reason.
        ("[rules]\nstructure/title = \"off\"\n", ":2:"),
        (
            "[rules]\n\"structure/title\" = off\n",
            "rules.\"structure/title\"：TOML 语法错误：文字值必须用引号括起",
        ),
        // serde: a wrong type, named with its key.
        (
            "[[overrides]]\nfiles = \"乡镇/*.txt\"\n",
            "overrides.files：类型不对：应为数组",
        ),
        // An unknown key, with the closest one.
        ("[rule]\n", "未知的配置项 rule；是否指 rules？"),
        // regex: where in the pattern, and why.
        (
            "[[custom-rules]]\nid = \"local/x\"\npattern = \"年度(报告\"\nmessage = \"m\"\n",
            "正则表达式“年度(报告”第 3 个字符处有误：括号“(”没有配对的“)”",
        ),
    ] {
        std::fs::write(&bad, text).unwrap();
        let out = run(&["check", "--config", p(&bad), p(&report)]);
        assert_eq!(out.code, 2, "{text}");
        assert!(out.stderr.contains(p(&bad)), "{text}: {}", out.stderr);
        assert!(out.stderr.contains(want), "{text}: {}", out.stderr);
        assert!(
            !out.stderr.contains("invalid") && !out.stderr.contains("expected"),
            "{text}: {}",
            out.stderr
        );
    }
    // OS errors: the kind in Chinese, the system's words after it.
    let missing = dir.join("没有这个文件.toml");
    let out = run(&["check", "--config", p(&missing), p(&report)]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("无法读取配置文件：文件或文件夹不存在（"),
        "{}",
        out.stderr
    );
    let out = run(&["check", "--config", p(&dir), p(&report)]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("无法读取配置文件："), "{}", out.stderr);
    assert!(
        out.stderr.contains("这是一个文件夹") || out.stderr.contains("系统错误"),
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn completions_name_every_subcommand() {
    let subcommands = ["check", "rules", "explain", "config", "completions"];
    for (shell, marker) in [
        ("bash", "complete -F _reportlint"),
        ("zsh", "#compdef reportlint"),
        ("fish", "complete -c reportlint"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains(marker), "{shell}");
        for sub in subcommands {
            assert!(out.stdout.contains(sub), "{shell}: {sub}");
        }
        for option in ["format", "select", "stdin-filename"] {
            let spelt = if shell == "fish" {
                format!("-l {option}")
            } else {
                format!("--{option}")
            };
            assert!(out.stdout.contains(&spelt), "{shell}: {spelt}");
        }
        // The shells that are installed check the script's syntax.
        let check: Option<(&str, &[&str])> = match shell {
            "bash" => Some(("bash", &["-n"])),
            "zsh" => Some(("zsh", &["-n"])),
            "fish" => Some(("fish", &["--no-execute"])),
            _ => None,
        };
        let Some((program, args)) = check else {
            continue;
        };
        let dir = scratch(&format!("completions-{shell}"));
        let script = dir.join(format!("reportlint.{shell}"));
        std::fs::write(&script, &out.stdout).unwrap();
        match Command::new(program).args(args).arg(&script).output() {
            Ok(o) => assert!(
                o.status.success(),
                "{shell} rejects the script: {}",
                String::from_utf8_lossy(&o.stderr)
            ),
            // bash is everywhere CI runs; zsh and fish are checked where they are installed.
            Err(_) if shell == "bash" => missing_tool("bash is needed to check the completions"),
            Err(_) => eprintln!("note: {program} not installed; its completions are not parsed"),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    // bash loads the script and completes the subcommands.
    let dir = scratch("completions-run");
    let script = dir.join("reportlint.bash");
    std::fs::write(&script, run(&["completions", "bash"]).stdout).unwrap();
    let probe = format!(
        "source '{}'; COMP_WORDS=(reportlint ch); COMP_CWORD=1; _reportlint reportlint ch reportlint; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    match Command::new("bash").arg("-c").arg(&probe).output() {
        Ok(o) => {
            let got = String::from_utf8_lossy(&o.stdout);
            assert!(
                got.lines().any(|l| l == "check"),
                "{got}\n{}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        Err(_) => missing_tool("bash is needed to check the completions"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}
