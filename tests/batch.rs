//! The batch summaries for the people who receive a batch: CSV, the workbook, `--statistics`,
//! `-o`, and the JSON's per-report objects and totals.

use std::io::Read;

use reportlint_tests::{check_json, fixture, run, scratch, TODAY};

/// The seeds, a real page and a file that cannot be read.
fn inputs() -> Vec<String> {
    vec![
        fixture("000_532e0a7d93c60b5e.txt"),
        fixture("001_78480d18d66647dc.txt"),
        fixture("real/changwu__pingtan-gov-zwgk-archive__2023_page.txt"),
        fixture("no-such-report.txt"),
    ]
}

fn args<'a>(extra: &[&'a str], inputs: &'a [String]) -> Vec<&'a str> {
    let mut v = vec!["check", "--isolated", "--today", TODAY];
    v.extend_from_slice(extra);
    v.extend(inputs.iter().map(String::as_str));
    v
}

/// A small CSV reader (RFC 4180: quoted fields, doubled quotes, line breaks in quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_of_reports_opens_in_excel_and_agrees_with_the_json() {
    let inputs = inputs();
    let out = run(&args(&["--format", "csv"], &inputs));
    assert_eq!(
        out.code, 2,
        "an unreadable file makes the run fail: {}",
        out.stderr
    );
    assert!(
        out.stdout.starts_with('\u{feff}'),
        "Excel needs the BOM to read UTF-8"
    );
    assert!(out.stdout.contains("\r\n"));
    let rows = parse_csv(out.stdout.trim_start_matches('\u{feff}'));
    assert_eq!(
        rows[0][..7],
        [
            "文件",
            "机关",
            "行政区划",
            "区划代码",
            "报告年度",
            "格式",
            "结果"
        ]
    );
    assert_eq!(rows.len(), 1 + inputs.len());
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{rows:?}");

    let (_, json, _) = check_json(&["--isolated", &inputs[0], &inputs[1], &inputs[2], &inputs[3]]);
    let reports = json["reports"].as_array().unwrap();
    for (row, report) in rows[1..].iter().zip(reports) {
        assert_eq!(row[0], report["path"].as_str().unwrap());
        assert_eq!(row[7], report["errors"].to_string());
        assert_eq!(row[8], report["warnings"].to_string());
        assert_eq!(row[9], report["infos"].to_string());
    }
    let song = rows.iter().find(|r| r[0].contains("000_")).unwrap();
    assert_eq!(song[1], "威海市文登区宋村镇人民政府");
    assert_eq!(song[3], "371003106");
    assert_eq!(song[4], "2022");
    assert_eq!(song[5], "text");
    assert_eq!(song[6], "不通过");
    // Each rule that fired, with its first message on a line of its own.
    assert!(song[10].contains("tables/present"));
    assert!(
        song[11]
            .lines()
            .any(|l| l.starts_with("tables/present：本部分缺少")),
        "{}",
        song[11]
    );
    let missing = rows.iter().find(|r| r[0].contains("no-such")).unwrap();
    assert_eq!(missing[6], "无法读取");
}

#[test]
fn csv_of_findings_has_a_line_per_finding() {
    let inputs = inputs();
    let out = run(&args(
        &["--format", "csv", "--csv-kind", "findings"],
        &inputs,
    ));
    let rows = parse_csv(out.stdout.trim_start_matches('\u{feff}'));
    assert_eq!(
        rows[0],
        ["文件", "行", "列", "规则", "级别", "问题", "修改建议"]
    );
    let (_, json, _) = check_json(&["--isolated", &inputs[0], &inputs[1], &inputs[2], &inputs[3]]);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(rows.len() - 1, diagnostics.len());
    for (row, d) in rows[1..].iter().zip(diagnostics) {
        assert_eq!(row[1], d["line"].to_string());
        assert_eq!(row[3], d["rule"].as_str().unwrap());
        assert_eq!(row[5], d["message"].as_str().unwrap());
    }
    assert!(rows[1..].iter().any(|r| r[4] == "错误") && rows[1..].iter().any(|r| r[4] == "警告"));
}

/// The text of one part of the workbook (an xlsx is a zip of XML parts).
fn part(path: &std::path::Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_workbook_has_a_sheet_of_reports_and_one_of_findings() {
    let dir = scratch("xlsx");
    let book = dir.join("检查结果.xlsx");
    let inputs = inputs();
    let book_arg = book.to_str().unwrap().to_owned();
    let out = run(&args(&["--format", "xlsx", "-o", &book_arg], &inputs));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "the workbook goes to the file only");
    let workbook = part(&book, "xl/workbook.xml");
    assert!(
        workbook.contains("name=\"报告\"") && workbook.contains("name=\"问题\""),
        "{workbook}"
    );
    let strings = part(&book, "xl/sharedStrings.xml");
    for s in [
        "威海市文登区宋村镇人民政府",
        "不通过",
        "无法读取",
        "tables/present",
        "各规则的第一条问题",
    ] {
        assert!(strings.contains(s), "{s}");
    }
    let reports = part(&book, "xl/worksheets/sheet1.xml");
    // Header frozen, filters on, one row per report plus the header and the summary line.
    assert!(reports.contains("<pane ") && reports.contains("state=\"frozen\""));
    assert!(reports.contains("<autoFilter "));
    assert_eq!(reports.matches("<row ").count(), 1 + inputs.len() + 1);
    let findings = part(&book, "xl/worksheets/sheet2.xml");
    let (_, json, _) = check_json(&["--isolated", &inputs[0], &inputs[1], &inputs[2], &inputs[3]]);
    let n = json["diagnostics"].as_array().unwrap().len();
    assert_eq!(findings.matches("<row ").count(), 1 + n);
    // Pass and fail have fills of their own.
    let styles = part(&book, "xl/styles.xml");
    assert!(
        styles.contains("FFC6EFCE") && styles.contains("FFFFC7CE"),
        "{styles}"
    );
}

#[test]
fn a_workbook_needs_an_output_file() {
    let inputs = inputs();
    let out = run(&args(&["--format", "xlsx"], &inputs[..1]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("-o"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn output_goes_to_the_file_named_for_every_format() {
    let dir = scratch("output");
    let inputs = inputs();
    for format in [
        "json", "concise", "csv", "sarif", "junit", "html", "github", "pretty",
    ] {
        let path = dir.join(format!("out.{format}"));
        let p = path.to_str().unwrap().to_owned();
        let out = run(&args(&["--format", format, "-o", &p], &inputs[..2]));
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{format}");
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains("000_532e0a7d93c60b5e"), "{format}");
    }
    // A file that cannot be created: a clear message, exit 2.
    let bad = dir.join("no-such-folder").join("out.json");
    let out = run(&args(
        &["--format", "json", "-o", bad.to_str().unwrap()],
        &inputs[..1],
    ));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("无法写入输出文件"), "{}", out.stderr);
}

#[test]
fn statistics_count_each_rule() {
    let inputs = inputs();
    let out = run(&args(&["--statistics"], &inputs[..3]));
    let (_, json, _) = check_json(&["--isolated", &inputs[0], &inputs[1], &inputs[2]]);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let mut total = 0;
    let mut last = usize::MAX;
    for line in out.stdout.lines() {
        let mut words = line.split_whitespace();
        let n: usize = words.next().unwrap().parse().unwrap();
        let rule = words.next().unwrap();
        let severity = match words.next().unwrap() {
            "错误" => "error",
            "警告" => "warning",
            _ => "info",
        };
        assert!(n <= last, "most frequent first");
        last = n;
        let expected = diagnostics
            .iter()
            .filter(|d| d["rule"] == rule && d["severity"] == severity)
            .count();
        assert_eq!(n, expected, "{rule} {severity}");
        total += n;
    }
    assert_eq!(total, diagnostics.len());
    let present = out.stdout.lines().find(|l| l.contains("tables/present "));
    assert!(
        present.is_some_and(|l| l.contains(" 错误 ")),
        "{}",
        out.stdout
    );
}

#[test]
fn the_json_gives_each_report_and_the_totals() {
    let inputs = inputs();
    let (_, json, _) = check_json(&["--isolated", &inputs[0], &inputs[1], &inputs[2], &inputs[3]]);
    let reports = json["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 4);
    let song = reports
        .iter()
        .find(|r| r["path"] == inputs[0].as_str())
        .unwrap();
    assert_eq!(song["agency"], "威海市文登区宋村镇人民政府");
    assert_eq!(song["region_code"], "371003106");
    assert_eq!(song["year"], 2022);
    assert_eq!(song["format"], "text");
    assert_eq!(song["result"], "fail");
    let missing = reports
        .iter()
        .find(|r| r["path"] == inputs[3].as_str())
        .unwrap();
    assert_eq!(missing["result"], "unreadable");
    let totals = &json["totals"];
    let count = |s: &str| {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == s)
            .count()
    };
    assert_eq!(totals["files"], 4);
    assert_eq!(totals["errors"], count("error"));
    assert_eq!(totals["warnings"], count("warning"));
    assert_eq!(totals["infos"], count("info"));
    assert_eq!(totals["failed"], 1);
}
