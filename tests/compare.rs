//! Comparing reports end to end: several years in one run, `--previous`, a report copied from
//! another agency; the related locations in JSON, SARIF and the pretty output.

use reportlint_tests::{run, scratch, TODAY};

/// A complete, clean 2024 report of 泰州市兴化市米山镇人民政府 (the built-in warm-up report).
const Y2024: &str = include_str!("../crates/reportlint/src/warm_up_report.txt");

/// The same report on 2025 with nothing changed but the years: its text, tables and carry-over
/// are last year's.
fn copied_2025() -> String {
    Y2024
        .replace("2025年1月5日", "2026年1月5日")
        .replace("2025年", "2026年")
        .replace("2024年", "2025年")
        .replace("2024 年", "2025 年")
}

fn json(args: &[&str]) -> (u8, serde_json::Value, String) {
    let mut all = vec!["check", "--isolated", "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    let out = run(&all);
    let v = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stderr));
    (out.code, v, out.stderr)
}

fn compare_findings(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("compare/"))
        .map(|d| {
            (
                d["path"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn years_in_one_run_are_paired() {
    let dir = scratch("compare-years");
    std::fs::write(dir.join("米山镇2024.txt"), Y2024).unwrap();
    std::fs::write(dir.join("米山镇2025.txt"), copied_2025()).unwrap();
    let (_, v, err) = json(&[dir.to_str().unwrap()]);
    let found = compare_findings(&v);
    let rules: Vec<&str> = found.iter().map(|(_, r, _)| r.as_str()).collect();
    // Only the 2025 report is compared (with 2024); 2023 is not in the run.
    assert!(
        found.iter().all(|(p, ..)| p == "米山镇2025.txt"),
        "{found:?}\n{err}"
    );
    for rule in [
        "compare/carry-over",
        "compare/stock",
        "compare/copied-text",
        "compare/same-data",
    ] {
        assert!(rules.contains(&rule), "{rule}: {found:?}");
    }
    let carry = found
        .iter()
        .find(|(_, r, m)| r == "compare/carry-over" && m.starts_with("上年结转 0，"))
        .unwrap();
    assert!(
        carry.2.contains("2024年报告“结转下年度继续办理”为 1（"),
        "{}",
        carry.2
    );
    assert!(carry.2.contains("米山镇2024.txt:67）"), "{}", carry.2);
    let stock = found.iter().find(|(_, r, _)| r == "compare/stock").unwrap();
    assert!(
        stock.2.contains("现行有效 9，按2024年报告现行有效 9"),
        "{}",
        stock.2
    );
    assert!(stock.2.ends_with("应为 12"), "{}", stock.2);

    // The related location and the ratio in the JSON.
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "compare/carry-over")
        .unwrap();
    let related = &d["related"][0];
    assert!(related["path"]
        .as_str()
        .unwrap()
        .ends_with("米山镇2024.txt"));
    assert_eq!(related["line"], 67);
    assert!(related["excerpt"]
        .as_str()
        .unwrap()
        .starts_with("四、结转下年度继续办理"));
    let copied = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "compare/copied-text")
        .unwrap();
    assert!(copied["ratio"].as_f64().unwrap() > 0.9);
    // Other findings carry no added field.
    let other = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| !d["rule"].as_str().unwrap().starts_with("compare/"));
    if let Some(other) = other {
        assert!(other.get("related").is_none() && other.get("ratio").is_none());
    }
}

#[test]
fn pretty_and_sarif_show_the_other_report() {
    let dir = scratch("compare-outputs");
    std::fs::write(dir.join("米山镇2024.txt"), Y2024).unwrap();
    std::fs::write(dir.join("米山镇2025.txt"), copied_2025()).unwrap();
    let d = dir.to_str().unwrap();
    let out = run(&[
        "check",
        "--isolated",
        "--today",
        TODAY,
        "--color",
        "never",
        "--select",
        "compare/carry-over",
        d,
    ]);
    // Both excerpts: this year's row under the finding, last year's quoted with its place.
    assert!(
        out.stdout.contains("二、上年结转政府信息公开申请数量"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("米山镇2024.txt:67:"), "{}", out.stdout);
    assert!(
        out.stdout.contains("四、结转下年度继续办理"),
        "{}",
        out.stdout
    );
    let out = run(&[
        "check",
        "--isolated",
        "--today",
        TODAY,
        "--format",
        "sarif",
        "--select",
        "compare",
        d,
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "compare/carry-over")
        .unwrap();
    let loc = &r["relatedLocations"][0]["physicalLocation"];
    assert!(loc["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("2024.txt"));
    assert_eq!(loc["region"]["startLine"], 67);
}

#[test]
fn previous_names_last_years_report() {
    let dir = scratch("compare-previous");
    let prev = dir.join("去年.txt");
    let cur = dir.join("今年.txt");
    std::fs::write(&prev, Y2024).unwrap();
    std::fs::write(&cur, copied_2025()).unwrap();
    let (_, v, err) = json(&["--previous", prev.to_str().unwrap(), cur.to_str().unwrap()]);
    let found = compare_findings(&v);
    assert!(
        found.iter().any(|(_, r, _)| r == "compare/carry-over"),
        "{found:?}\n{err}"
    );
    // The previous report is read, not linted: no finding of its own.
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["path"].as_str().unwrap().ends_with("今年.txt")));

    // Not last year's: another agency, or not the year before.
    let other = dir.join("别的镇.txt");
    std::fs::write(&other, Y2024.replace("米山镇", "戴窑镇")).unwrap();
    let out = run(&[
        "check",
        "--isolated",
        "--previous",
        other.to_str().unwrap(),
        cur.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("不是同一机关"), "{}", out.stderr);
    let out = run(&[
        "check",
        "--isolated",
        "--previous",
        prev.to_str().unwrap(),
        prev.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("上一年度报告应是 2023 年的，实为 2024 年的"),
        "{}",
        out.stderr
    );
    // Nothing to compare without it, or with --no-compare.
    let (_, v, _) = json(&[cur.to_str().unwrap()]);
    assert!(compare_findings(&v).is_empty());
    let (_, v, _) = json(&[
        "--no-compare",
        prev.to_str().unwrap(),
        cur.to_str().unwrap(),
    ]);
    assert!(compare_findings(&v).is_empty());
}

#[test]
fn a_report_copied_from_another_agency() {
    let dir = scratch("compare-peers");
    std::fs::write(dir.join("米山镇.txt"), Y2024).unwrap();
    std::fs::write(dir.join("戴窑镇.txt"), Y2024.replace("米山镇", "戴窑镇")).unwrap();
    let (_, v, _) = json(&["--select", "compare", dir.to_str().unwrap()]);
    let found = compare_findings(&v);
    let on: Vec<&str> = found
        .iter()
        .filter(|(_, r, _)| r == "compare/copied-report")
        .map(|(p, ..)| p.as_str())
        .collect();
    assert_eq!(on.len(), 2, "reported on both: {found:?}");
    assert!(found
        .iter()
        .any(|(p, _, m)| p == "戴窑镇.txt" && m.contains("米山镇人民政府的报告")));

    // A directive that suppresses the finding: none in that report, and the directive is used.
    std::fs::write(
        dir.join("戴窑镇.txt"),
        format!(
            "<!-- reportlint-disable-file compare/copied-report -->\n{}",
            Y2024.replace("米山镇", "戴窑镇")
        ),
    )
    .unwrap();
    let (_, v, _) = json(&["--report-unused-directives", dir.to_str().unwrap()]);
    let found = compare_findings(&v);
    assert!(
        found
            .iter()
            .any(|(p, r, _)| p == "米山镇.txt" && r == "compare/copied-report"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(p, _, _)| p == "戴窑镇.txt"),
        "{found:?}"
    );
    let unused: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "directive/unused")
        .collect();
    assert!(unused.is_empty(), "{unused:?}");
}

#[test]
fn history_folders_hold_last_years_reports() {
    let dir = scratch("compare-history");
    let archive = dir.join("存档").join("2024");
    let work = dir.join("今年");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(archive.join("米山镇2024.txt"), Y2024).unwrap();
    std::fs::write(work.join("米山镇2025.txt"), copied_2025()).unwrap();
    std::fs::write(
        work.join("reportlint.toml"),
        "[compare]\nhistory = [\"../存档/**\"]\n",
    )
    .unwrap();
    let cur = work.join("米山镇2025.txt");
    let out = run(&[
        "check",
        "--format",
        "json",
        "--today",
        TODAY,
        cur.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let found = compare_findings(&v);
    assert!(
        found
            .iter()
            .any(|(_, r, m)| r == "compare/carry-over" && m.contains("米山镇2024.txt")),
        "{found:?}\n{}",
        out.stderr
    );
    // The history report is read, not linted.
    assert!(found.iter().all(|(p, ..)| p == "米山镇2025.txt"));
    assert_eq!(v["files"], 1);

    // `reportlint config` says which report it would be compared with, and why.
    let out = run(&["config", cur.to_str().unwrap()]);
    assert!(
        out.stdout.contains("上一年度报告：")
            && out
                .stdout
                .contains("米山镇2024.txt（在 [compare] history 中；同一机关"),
        "{}",
        out.stdout
    );

    // A history pattern that is no valid glob is a configuration error.
    std::fs::write(
        work.join("reportlint.toml"),
        "[compare]\nhistory = [\"[\"]\n",
    )
    .unwrap();
    let out = run(&["check", "--today", TODAY, cur.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.stdout);
}

/// The pretty output of a comparing finding, whole: this year's row under the finding, last
/// year's quoted with its place; and the HTML page links the other report.
#[test]
fn pretty_snapshot_and_html_links() {
    let dir = scratch("compare-snapshot");
    std::fs::write(dir.join("米山镇2024.txt"), Y2024).unwrap();
    std::fs::write(dir.join("米山镇2025.txt"), copied_2025()).unwrap();
    let d = dir.to_str().unwrap();
    let args = [
        "--isolated",
        "--today",
        TODAY,
        "--select",
        "compare/carry-over",
        d,
    ];
    let out = run(&[&["check", "--color", "never"][..], &args].concat());
    let shown = out.stdout.replace(&format!("{d}/"), "");
    insta::assert_snapshot!("compare_pretty_carry_over", shown);
    let out = run(&[&["check", "--format", "html"][..], &args].concat());
    // The page's data: the finding names the other report, which is on the page (its script
    // links the two).
    let open = "<script type=\"application/json\" id=\"data\">";
    let data = &out.stdout[out.stdout.find(open).expect("the page's data") + open.len()..];
    let data: serde_json::Value =
        serde_json::from_str(&data[..data.find("</script>").unwrap()]).unwrap();
    let reports = data["reports"].as_array().unwrap();
    let other = reports
        .iter()
        .flat_map(|r| r["f"].as_array().unwrap())
        .find_map(|f| f["rel"][0]["path"].as_str())
        .expect("a finding naming the other report");
    assert_eq!(other, format!("{d}/米山镇2024.txt"));
    assert!(reports.iter().any(|r| r["path"] == other));
}

/// The rules a report's comparing findings come from, with their severities.
fn compare_rules_of(v: &serde_json::Value, file: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["rule"].as_str().unwrap().starts_with("compare/")
                && d["path"].as_str().unwrap().ends_with(file)
        })
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    out.dedup();
    out
}

/// The report's own directive comments and the configuration's per-part levels apply to the
/// comparing findings as to every other (issue 14): they are judged where they stand.
#[test]
fn directives_and_part_settings_apply_to_comparing_findings() {
    let dir = scratch("compare-directives");
    std::fs::write(dir.join("米山镇2024.txt"), Y2024).unwrap();
    let file = dir.join("米山镇2025.txt");
    let dir_s = dir.to_str().unwrap();
    // Unchanged: every comparing rule fires on 2025 (as `years_in_one_run_are_paired` shows).
    std::fs::write(&file, copied_2025()).unwrap();
    let (_, v, err) = json(&["--report-unused-directives", dir_s]);
    let before = compare_rules_of(&v, "米山镇2025.txt");
    for rule in ["compare/carry-over", "compare/stock", "compare/same-data"] {
        assert!(
            before.iter().any(|(r, _)| r == rule),
            "{rule}: {before:?}\n{err}"
        );
    }

    // A file-wide directive switches compare/carry-over off; a disabled region around Table 二
    // switches compare/stock off there. Neither directive is then reported as unused.
    let text = copied_2025()
        .replacen(
            "二、主动公开政府信息情况",
            "<!-- reportlint-disable compare/stock -->\n二、主动公开政府信息情况",
            1,
        )
        .replacen(
            "三、收到和处理政府信息公开申请情况",
            "<!-- reportlint-enable compare/stock -->\n三、收到和处理政府信息公开申请情况",
            1,
        );
    std::fs::write(
        &file,
        format!("<!-- reportlint-disable-file compare/carry-over -->\n{text}"),
    )
    .unwrap();
    let (_, v, err) = json(&["--report-unused-directives", dir_s]);
    let after = compare_rules_of(&v, "米山镇2025.txt");
    assert!(
        !after
            .iter()
            .any(|(r, _)| r == "compare/carry-over" || r == "compare/stock"),
        "{after:?}\n{err}"
    );
    assert!(
        after.iter().any(|(r, _)| r == "compare/same-data"),
        "{after:?}"
    );
    let unused: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "directive/unused")
        .collect();
    assert!(unused.is_empty(), "{unused:?}");

    // A directive that suppresses no comparing finding is still reported unused.
    std::fs::write(
        &file,
        format!(
            "<!-- reportlint-disable-file compare/copied-report -->\n{}",
            copied_2025()
        ),
    )
    .unwrap();
    let (_, v, _) = json(&["--report-unused-directives", dir_s]);
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "directive/unused"
                && d["path"].as_str().unwrap().ends_with("米山镇2025.txt")),
        "{v}"
    );

    // Per-part levels: compare/same-data (it points at Table 三) off in part 三, and
    // compare/stock (Table 二) an error in part 二; compare/carry-over keeps its level.
    std::fs::write(&file, copied_2025()).unwrap();
    std::fs::write(
        dir.join("reportlint.toml"),
        "[[overrides]]\nsections = [\"三\"]\nrules = { \"compare/same-data\" = \"off\" }\n\n[[overrides]]\nsections = [\"二\"]\nrules = { \"compare/stock\" = \"error\" }\n",
    )
    .unwrap();
    let all = vec!["check", "--format", "json", "--today", TODAY, dir_s];
    let out = run(&all);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let parts = compare_rules_of(&v, "米山镇2025.txt");
    assert!(
        !parts.iter().any(|(r, _)| r == "compare/same-data"),
        "{parts:?}\n{}",
        out.stderr
    );
    assert!(
        parts
            .iter()
            .any(|(r, s)| r == "compare/stock" && s == "error"),
        "{parts:?}"
    );
    assert!(
        parts
            .iter()
            .any(|(r, s)| r == "compare/carry-over" && s == "error"),
        "{parts:?}"
    );
}
