//! reportlint.toml: discovery, inheritance, overrides, regions, `--region`, directives, section
//! scoping, configuration errors and custom rules, through the command line.

use std::path::{Path, PathBuf};

use reportlint_tests::{run, tests_dir, TODAY};
use serde_json::Value;

const SONGCUN: &str = "000_532e0a7d93c60b5e.txt"; // 威海市文登区宋村镇
const JINLING: &str = "001_78480d18d66647dc.txt"; // 烟台市招远市金岭镇
const HOUJIA: &str = "003_0fdc335fd3bbd9c3.txt"; // 威海市文登区侯家镇

/// A fresh folder for one test.
fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("reportlint-config-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn copy_fixture(name: &str, to: &Path) {
    let text = std::fs::read_to_string(tests_dir().join("fixtures").join(name)).unwrap();
    write(to, &text);
}

fn check(args: &[&str]) -> (u8, Value, String) {
    let mut all = vec!["check", "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    let out = run(&all);
    let v = serde_json::from_str(&out.stdout).unwrap_or(Value::Null);
    (out.code, v, out.stderr)
}

/// (rule, severity, line) of every finding.
fn findings(v: &Value) -> Vec<(String, String, u64)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn rules_of(v: &Value) -> Vec<String> {
    findings(v).into_iter().map(|f| f.0).collect()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn one_run_finds_each_folders_closest_file() {
    // Folders searched without finding a file are remembered, but a nested file is still found.
    let dir = workspace("one-run");
    copy_fixture(HOUJIA, &dir.join("a.txt"));
    copy_fixture(HOUJIA, &dir.join("c.txt"));
    write(
        &dir.join("sub/reportlint.toml"),
        "[rules]\n\"structure/title\" = \"off\"\n",
    );
    copy_fixture(HOUJIA, &dir.join("sub/b.txt"));
    let (_, v, _) = check(&[p(&dir)]);
    let titled: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "structure/title")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(titled.len(), 2, "{titled:?}");
    assert!(titled.iter().all(|p| !p.contains("sub")), "{titled:?}");
}

#[test]
fn closest_file_wins_and_extends_inherits() {
    let dir = workspace("discovery");
    write(
        &dir.join("reportlint.toml"),
        "[rules]\n\"structure/title\" = \"off\"\n",
    );
    copy_fixture(HOUJIA, &dir.join("a.txt"));
    // A closer file without `extends` replaces the outer one.
    write(
        &dir.join("plain/reportlint.toml"),
        "[rules]\n\"structure/signature\" = \"off\"\n",
    );
    copy_fixture(HOUJIA, &dir.join("plain/b.txt"));
    // With `extends` it inherits.
    write(
        &dir.join("child/reportlint.toml"),
        "extends = \"../reportlint.toml\"\n[rules]\n\"structure/signature\" = \"off\"\n",
    );
    copy_fixture(HOUJIA, &dir.join("child/c.txt"));

    let (_, a, _) = check(&[p(&dir.join("a.txt"))]);
    assert!(!rules_of(&a).contains(&"structure/title".into()));
    assert!(rules_of(&a).contains(&"structure/signature".into()));

    let (_, b, _) = check(&[p(&dir.join("plain/b.txt"))]);
    assert!(
        rules_of(&b).contains(&"structure/title".into()),
        "no silent merging"
    );
    assert!(!rules_of(&b).contains(&"structure/signature".into()));

    let (_, c, _) = check(&[p(&dir.join("child/c.txt"))]);
    assert!(!rules_of(&c).contains(&"structure/title".into()));
    assert!(!rules_of(&c).contains(&"structure/signature".into()));

    // --isolated ignores them all; --config uses one file for everything.
    let (_, iso, _) = check(&["--isolated", p(&dir.join("a.txt"))]);
    assert!(rules_of(&iso).contains(&"structure/title".into()));
    let (_, fixed, _) = check(&[
        "--config",
        p(&dir.join("plain/reportlint.toml")),
        p(&dir.join("a.txt")),
    ]);
    assert!(rules_of(&fixed).contains(&"structure/title".into()));
    assert!(!rules_of(&fixed).contains(&"structure/signature".into()));
}

#[test]
fn severities_and_path_overrides() {
    let dir = workspace("overrides");
    write(
        &dir.join("reportlint.toml"),
        "[rules]\n\"structure/title\" = \"error\"\n\n[[overrides]]\nfiles = [\"乡镇/**\"]\nrules = { structure = \"info\" }\n",
    );
    copy_fixture(HOUJIA, &dir.join("部门/a.txt"));
    copy_fixture(HOUJIA, &dir.join("乡镇/侯家镇.txt"));
    let (_, a, _) = check(&[p(&dir.join("部门/a.txt"))]);
    assert!(
        findings(&a).contains(&("structure/title".into(), "error".into(), 1)),
        "a warning raised to error"
    );
    let (code, b, _) = check(&[p(&dir.join("乡镇/侯家镇.txt"))]);
    assert!(findings(&b)
        .iter()
        .all(|f| !f.0.starts_with("structure/") || f.1 == "info"));
    assert!(!findings(&b).is_empty());
    assert!(findings(&b).iter().all(|f| f.1 != "error") || code == 1);
}

#[test]
fn region_settings_apply_to_reports_in_the_region() {
    let dir = workspace("regions");
    write(
        &dir.join("reportlint.toml"),
        "[regions.\"山东省\"]\nrules = { \"structure/signature\" = \"info\" }\n\n\
         [regions.\"威海市\"]\nrules = { \"structure/subsection-numbering\" = \"off\" }\n\n\
         [regions.\"371003\"]\nrules = { \"structure/signature\" = \"error\" }\n",
    );
    copy_fixture(SONGCUN, &dir.join("songcun.txt"));
    copy_fixture(JINLING, &dir.join("jinling.txt"));
    copy_fixture(HOUJIA, &dir.join("houjia.txt"));

    // 宋村镇 is in 威海市: the 威海市 setting applies.
    let (_, songcun, _) = check(&[p(&dir.join("songcun.txt"))]);
    assert!(!rules_of(&songcun).contains(&"structure/subsection-numbering".into()));
    // 金岭镇 is in 烟台市 (山东省, not 威海市): only the 山东省 setting applies.
    let (_, jinling, _) = check(&[p(&dir.join("jinling.txt"))]);
    assert!(rules_of(&jinling).contains(&"structure/subsection-numbering".into()));
    assert!(findings(&jinling).contains(&("structure/signature".into(), "info".into(), 122)));
    // 侯家镇 is in 文登区 (371003): the most specific setting wins over 山东省's.
    let (_, houjia, _) = check(&[p(&dir.join("houjia.txt"))]);
    assert!(findings(&houjia)
        .iter()
        .any(|f| f.0 == "structure/signature" && f.1 == "error"));

    // --region replaces detection.
    let (_, moved, _) = check(&["--region", "威海市", p(&dir.join("jinling.txt"))]);
    assert!(!rules_of(&moved).contains(&"structure/subsection-numbering".into()));
    let out = run(&["check", "--region", "火星市", p(&dir.join("jinling.txt"))]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("火星市"));
}

#[test]
fn config_command_shows_region_files_and_levels() {
    let dir = workspace("show");
    write(
        &dir.join("reportlint.toml"),
        "[regions.\"烟台市\"]\nrules = { \"structure/title\" = \"off\" }\n",
    );
    copy_fixture(JINLING, &dir.join("jinling.txt"));
    let out = run(&["config", p(&dir.join("jinling.txt"))]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("山东省 › 烟台市 › 招远市 › 金岭镇"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(p(&dir.join("reportlint.toml"))));
    let title = out
        .stdout
        .lines()
        .find(|l| l.contains("structure/title"))
        .unwrap();
    assert!(
        title.contains("off") && title.contains("[regions.\"烟台市\"]"),
        "{title}"
    );
    let sig = out
        .stdout
        .lines()
        .find(|l| l.contains("structure/signature"))
        .unwrap();
    assert!(sig.contains("warning") && sig.contains("默认"), "{sig}");
}

#[test]
fn configuration_mistakes_name_file_line_and_column() {
    let dir = workspace("errors");
    write(
        &dir.join("reportlint.toml"),
        "[rules]\n\"structure/titel\" = \"off\"\n",
    );
    copy_fixture(HOUJIA, &dir.join("a.txt"));
    let out = run(&["check", "--format", "concise", p(&dir.join("a.txt"))]);
    assert_eq!(out.code, 2);
    let want = format!(
        "{}:2:1: error [config] 配置文件有误：未知的规则或规则组“structure/titel”",
        dir.join("reportlint.toml").display()
    );
    assert!(out.stdout.contains(&want), "{}", out.stdout);

    let bad = dir.join("bad.toml");
    for (text, at, what) in [
        (
            "[rules]\n\"structure/title\" = \"fatal\"\n",
            ":2:21:",
            "级别“fatal”无效",
        ),
        ("rulez = 1\n", ":1:1:", "未知的配置项"),
        ("[[overrides]]\nfiles = [\"a/[\"]\n", ":2:10:", "通配符"),
        (
            "[[custom-rules]]\nid = \"local/x\"\npattern = \"(\"\nmessage = \"m\"\n",
            ":3:11:",
            "正则表达式",
        ),
    ] {
        write(&bad, text);
        let out = run(&["check", "--config", p(&bad), p(&dir.join("a.txt"))]);
        assert_eq!(out.code, 2, "{text}");
        assert!(
            out.stderr.contains(&format!("{}{at}", bad.display())) && out.stderr.contains(what),
            "{}",
            out.stderr
        );
    }
}

/// 003 with directive comments inserted before given lines.
fn houjia_with(dir: &Path, inserts: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(tests_dir().join("fixtures").join(HOUJIA)).unwrap();
    for (before, directive) in inserts {
        let at = text.find(before).unwrap();
        text.insert_str(at, &format!("{directive}\n"));
    }
    let path = dir.join("houjia.txt");
    write(&path, &text);
    path
}

#[test]
fn directives_switch_rules_off_for_regions_of_the_document() {
    let dir = workspace("directives");
    let plain = houjia_with(&dir, &[]);
    let (_, before, _) = check(&["--isolated", p(&plain)]);
    let count = |v: &Value, rule: &str| rules_of(v).iter().filter(|r| *r == rule).count();
    assert_eq!(count(&before, "structure/section-numbering"), 2);
    assert_eq!(count(&before, "structure/subsection-numbering"), 3);

    let path = houjia_with(
        &dir,
        &[
            (
                "2、 主动公开政府信息情况",
                "<!-- reportlint-disable-next-line structure/section-numbering -- 原文如此 -->",
            ),
            (
                "6、 其他需要报告的事项",
                "<!-- reportlint-disable structure/subsection-numbering -->",
            ),
            (
                "威海市文登区侯家镇人民政府 \u{a0}\n",
                "<!-- reportlint-enable structure/subsection-numbering -->",
            ),
        ],
    );
    let (_, after, _) = check(&["--isolated", p(&path)]);
    assert_eq!(
        count(&after, "structure/section-numbering"),
        1,
        "only the 2、 line is spared"
    );
    assert_eq!(
        count(&after, "structure/subsection-numbering"),
        1,
        "（1）（4） in 六 are spared, （5） in 一 is not"
    );

    let path = houjia_with(
        &dir,
        &[(
            " 2021年政府信息公开工作年度报告",
            "<!-- reportlint-disable-file structure -->",
        )],
    );
    let (_, file_off, _) = check(&["--isolated", p(&path)]);
    assert!(
        rules_of(&file_off)
            .iter()
            .all(|r| !r.starts_with("structure/")),
        "{:?}",
        rules_of(&file_off)
    );
}

#[test]
fn unknown_and_unused_directives() {
    let dir = workspace("unused");
    let path = houjia_with(
        &dir,
        &[
            (
                "一、总体情况",
                "<!-- reportlint-disable-next-line structure/title contact/fax -->",
            ),
            (
                "2、 主动公开政府信息情况",
                "<!-- reportlint-disable-next-line structure/section-numbering -->",
            ),
        ],
    );
    let (_, v, _) = check(&["--isolated", p(&path)]);
    assert_eq!(
        rules_of(&v)
            .iter()
            .filter(|r| *r == "directive/unknown-rule")
            .count(),
        1
    );
    assert!(!rules_of(&v).contains(&"directive/unused".into()));
    let (_, v, _) = check(&["--isolated", "--report-unused-directives", p(&path)]);
    let unused: Vec<_> = findings(&v)
        .into_iter()
        .filter(|f| f.0 == "directive/unused")
        .collect();
    assert_eq!(
        unused.len(),
        1,
        "structure/title on the 一、 line suppressed nothing: {unused:?}"
    );
}

#[test]
fn section_scoped_overrides() {
    let dir = workspace("sections");
    write(
        &dir.join("reportlint.toml"),
        "[[overrides]]\nsections = [\"六\"]\nrules = { \"structure/subsection-numbering\" = \"off\" }\n",
    );
    copy_fixture(HOUJIA, &dir.join("houjia.txt"));
    let (_, v, _) = check(&[p(&dir.join("houjia.txt"))]);
    let lines: Vec<u64> = findings(&v)
        .into_iter()
        .filter(|f| f.0 == "structure/subsection-numbering")
        .map(|f| f.2)
        .collect();
    assert_eq!(
        lines,
        [16],
        "（5） in 一 stays; （1） and （4） in 六 are off"
    );
}

#[test]
fn custom_regex_rules() {
    let dir = workspace("custom");
    write(
        &dir.join("reportlint.toml"),
        "[[custom-rules]]\nid = \"local/in-one\"\npattern = \"花饽饽小镇\"\nmessage = \"公众号“{match}”应写全称\"\nseverity = \"info\"\nsections = [\"一\"]\nhelp = \"按本区规范书写\"\n\n\
         [[custom-rules]]\nid = \"local/in-six\"\npattern = \"花饽饽小镇\"\nmessage = \"m\"\nsections = [\"六\"]\n\n\
         [[custom-rules]]\nid = \"local/weixin\"\npattern = \"微信公众号\"\nmessage = \"写作“微信公众号”时请注明名称\"\n",
    );
    copy_fixture(HOUJIA, &dir.join("houjia.txt"));
    let (_, v, _) = check(&[p(&dir.join("houjia.txt"))]);
    let of = |rule: &str| -> Vec<Value> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == rule)
            .cloned()
            .collect()
    };
    // 花饽饽小镇 appears twice, both in 一.
    let one = of("local/in-one");
    assert_eq!(one.len(), 2, "{one:?}");
    assert!(
        of("local/in-six").is_empty(),
        "sections = [\"六\"] keeps none"
    );
    assert_eq!(one[0]["severity"], "info");
    assert_eq!(one[0]["message"], "公众号“花饽饽小镇”应写全称");
    assert_eq!(one[0]["help"], "按本区规范书写");
    assert_eq!(
        of("local/weixin")[0]["severity"],
        "warning",
        "the default severity"
    );
    // Custom rules obey --select/--ignore like built-in ones.
    let (_, v, _) = check(&["--ignore", "local/weixin", p(&dir.join("houjia.txt"))]);
    assert!(!rules_of(&v).contains(&"local/weixin".into()));
    let (_, v, _) = check(&["--select", "local", p(&dir.join("houjia.txt"))]);
    assert!(rules_of(&v).iter().all(|r| r.starts_with("local/")) && !rules_of(&v).is_empty());
    let out = run(&["config", p(&dir.join("houjia.txt"))]);
    assert!(out.stdout.contains("local/in-one"), "{}", out.stdout);
}

#[test]
fn region_option_reaches_the_rules_that_use_the_region() {
    let path = tests_dir().join("fixtures").join(SONGCUN);
    // 宋村镇's number 0631—8898088 fits 威海市; told that the agency is in 烟台市 (0535), the
    // area code no longer fits.
    let (_, v, _) = check(&["--isolated", "--select", "contact/phone", p(&path)]);
    assert!(
        findings(&v).iter().all(|f| f.1 == "info"),
        "{:?}",
        findings(&v)
    );
    let (_, v, _) = check(&[
        "--isolated",
        "--select",
        "contact/phone",
        "--region",
        "烟台市",
        p(&path),
    ]);
    let msgs: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("0631") && m.contains("0535")),
        "{msgs:?}"
    );
}

#[test]
fn rule_options_from_the_configuration() {
    let dir = workspace("options");
    // 宋村镇 signed its 2022 report on 2023-01-16: late if the town deadline is 01-10.
    write(&dir.join("reportlint.toml"), "[regions.\"威海市\"]\nrules = { \"dates/publication-date\" = { town-deadline = \"01-10\" } }\n");
    copy_fixture(SONGCUN, &dir.join("songcun.txt"));
    let (_, v, _) = check(&[
        "--select",
        "dates/publication-date",
        p(&dir.join("songcun.txt")),
    ]);
    assert_eq!(rules_of(&v), ["dates/publication-date"]);
    let (_, v, _) = check(&[
        "--isolated",
        "--select",
        "dates/publication-date",
        p(&dir.join("songcun.txt")),
    ]);
    assert!(rules_of(&v).is_empty());
    write(
        &dir.join("reportlint.toml"),
        "[rules]\n\"dates/publication-date\" = { town-deadline = \"13-01\" }\n",
    );
    let (code, _, _) = check(&[p(&dir.join("songcun.txt"))]);
    assert_eq!(code, 2, "a bad option value is a configuration error");
}
