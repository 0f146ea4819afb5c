//! Input formats at the command line: the same report as .txt, .docx and .html gives the same
//! findings; PDFs; and every guard rail gives a per-file error while the batch goes on.

mod formats_support;

use reportlint_formats::write;
use reportlint_tests::{check_json as json, findings, fixture, scratch, tests_dir};

#[test]
fn committed_format_fixtures_are_up_to_date() {
    let dir = tests_dir().join("fixtures/formats");
    let bless = std::env::var_os("REPORTLINT_BLESS").is_some();
    for (name, bytes) in formats_support::generated() {
        let path = dir.join(&name);
        if bless {
            std::fs::write(&path, &bytes).unwrap();
        } else {
            let committed = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{name}: {e}; run with REPORTLINT_BLESS=1"));
            assert!(
                committed == bytes,
                "{name} is stale; run with REPORTLINT_BLESS=1"
            );
        }
    }
}

#[test]
fn same_findings_from_txt_docx_and_html() {
    for seed in formats_support::SEEDS {
        let stem = seed.trim_end_matches(".txt");
        let (_, txt, _) = json(&[&fixture(seed)]);
        let expected = findings(&txt);
        assert!(!expected.is_empty(), "{seed} has findings to compare");
        for ext in ["docx", "html"] {
            let path = fixture(&format!("formats/{stem}.{ext}"));
            let (code, v, stderr) = json(&[&path]);
            assert!(code <= 1, "{path}: {stderr}");
            // A table written one cell per line in the text file is one row per line in the Word
            // or HTML table, so lines after it move up: compare everything but the line number,
            // and the line numbers up to the first table.
            let strip = |f: &[(String, String, u64, u64)]| -> Vec<(String, String, u64)> {
                f.iter()
                    .map(|(r, m, _, c)| (r.clone(), m.clone(), *c))
                    .collect()
            };
            let got = findings(&v);
            assert_eq!(strip(&got), strip(&expected), "{path}");
            // No seed has a table before line 19.
            let before_tables = |f: &[(String, String, u64, u64)]| -> Vec<(String, u64)> {
                f.iter()
                    .filter(|x| x.2 < 19)
                    .map(|x| (x.0.clone(), x.2))
                    .collect()
            };
            assert_eq!(before_tables(&got), before_tables(&expected), "{path}");
            // The output names the original file.
            assert!(v["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d["path"] == path.as_str()));
        }
    }
}

#[test]
fn folders_are_searched_for_every_format() {
    let (_, v, _) = json(&[&fixture("formats")]);
    let paths: std::collections::BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    for ext in [".docx", ".html", ".pdf"] {
        assert!(paths.iter().any(|p| p.ends_with(ext)), "{ext}: {paths:?}");
    }
}

#[test]
fn pdf_with_text_layer_is_linted() {
    let (_, v, stderr) = json(&[&fixture("formats/text-layer.pdf")]);
    let f = findings(&v);
    assert!(!f.is_empty(), "{stderr}");
    assert!(
        f.iter()
            .all(|(rule, ..)| rule != "io" && rule != "format/no-text-layer"),
        "{f:?}"
    );
    // The title was read: no complaint that the title is missing its agency or year.
    // The body was read up to its last heading (where this short file stops: a cut).
    assert!(
        f.iter()
            .any(|(rule, ..)| rule == "structure/required-sections"
                || rule == "structure/text-cut-short"),
        "{f:?}"
    );
}

#[test]
fn scanned_pdf_is_a_finding_not_an_empty_pass() {
    let (code, v, _) = json(&[&fixture("formats/scanned.pdf")]);
    let f = findings(&v);
    assert_eq!(code, 1);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "format/no-text-layer");
    assert!(f[0].1.contains("没有文字层"), "{}", f[0].1);
}

#[test]
fn picture_instead_of_a_statistics_table_in_html() {
    let text =
        std::fs::read_to_string(tests_dir().join(fixture("001_78480d18d66647dc.txt"))).unwrap();
    let dir = scratch("img");
    // Replace section 四's table by a picture of it.
    let start = text.find("四、因政府").expect("section four");
    let end = text[start..]
        .find("\n五、")
        .map_or(text.len(), |e| start + e);
    let heading_end = start + text[start..].find('\n').unwrap();
    let page = write::html_from_text("t", &text[..heading_end + 1])
        .replace(
            "</div>\n<div class=\"footer\">",
            &format!(
                "<p><img src=\"/upload/2023/biao4.png\" alt=\"行政复议行政诉讼情况统计表\"></p>\n{}</div>\n<div class=\"footer\">",
                text[end..]
                    .lines()
                    .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;").replace('<', "&lt;")))
                    .collect::<String>()
            ),
        );
    let path = dir.join("img.html");
    std::fs::write(&path, page).unwrap();
    let (_, v, _) = json(&["--select", "tables/present", path.to_str().unwrap()]);
    let d = v["diagnostics"].as_array().unwrap();
    assert!(
        d.iter().any(|d| d["rule"] == "tables/present"
            && d["severity"] == "error"
            && d["message"].as_str().unwrap().contains("图片")),
        "{d:#?}"
    );
}

/// Every guard rail gives its own error for its file, and the good file beside it is still
/// linted in the same run.
#[test]
fn guard_rails_fail_per_file_and_the_batch_goes_on() {
    let dir = scratch("guards");
    let good = std::fs::read(tests_dir().join(fixture("003_0fdc335fd3bbd9c3.txt"))).unwrap();
    std::fs::write(dir.join("0-good.txt"), &good).unwrap();
    // A zip bomb: 200 MB of zeros as the document part.
    let zeros = vec![0u8; 200 * 1024 * 1024];
    std::fs::write(
        dir.join("bomb.docx"),
        write::zip_parts(&[("word/document.xml", &zeros)]),
    )
    .unwrap();
    drop(zeros);
    std::fs::write(dir.join("not-a-zip.docx"), b"PK\x03\x04 garbage").unwrap();
    std::fs::write(
        dir.join("broken-xml.docx"),
        write::zip_parts(&[("word/document.xml", b"<w:document><w:body><w:p>")]),
    )
    .unwrap();
    let pdf = write::pdf(Some(&["一、总体情况"]));
    std::fs::write(dir.join("truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    std::fs::write(dir.join("big.html"), vec![b'x'; 1024 * 1024 + 1]).unwrap();

    let (code, v, stderr) = json(&["--max-file-size", "1", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    let d = v["diagnostics"].as_array().unwrap();
    let message = |file: &str| -> String {
        d.iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(file) && d["rule"] == "io")
            .map(|d| d["message"].as_str().unwrap().to_owned())
            .next()
            .unwrap_or_else(|| panic!("no io finding for {file}: {d:#?}"))
    };
    assert!(message("bomb.docx").contains("压缩炸弹"));
    assert!(message("not-a-zip.docx").contains("压缩包已损坏"));
    assert!(message("broken-xml.docx").contains("不是有效的 XML"));
    assert!(message("truncated.pdf").contains("PDF"));
    assert!(message("big.html").contains("文件过大"));
    // The good file's findings are all there.
    let good_findings = d
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with("0-good.txt"))
        .count();
    let (_, alone, _) = json(&[&fixture("003_0fdc335fd3bbd9c3.txt")]);
    assert_eq!(good_findings, findings(&alone).len());
    assert!(stderr.contains("5 个文件无法读取"), "{stderr}");
}
