//! Making the format fixtures: each seed report as .docx, .html and (text layer) .pdf, written by
//! `reportlint_formats::write`. `REPORTLINT_BLESS=1 cargo test -p reportlint-tests --test formats`
//! rewrites them; otherwise a test checks that the committed files are what the writer makes.

use reportlint_formats::write;

/// The seed reports converted to each format (relative to `fixtures/`).
pub const SEEDS: &[&str] = &[
    "000_532e0a7d93c60b5e.txt",
    "001_78480d18d66647dc.txt",
    "003_0fdc335fd3bbd9c3.txt",
];

/// (file name under fixtures/formats/, bytes) of every generated fixture.
pub fn generated() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for seed in SEEDS {
        let text =
            std::fs::read_to_string(reportlint_tests::tests_dir().join("fixtures").join(seed))
                .expect("seed fixture");
        let stem = seed.trim_end_matches(".txt");
        out.push((format!("{stem}.docx"), write::docx_from_text(&text)));
        out.push((
            format!("{stem}.html"),
            write::html_from_text(stem, &text).into_bytes(),
        ));
    }
    // A short report as a PDF with a text layer, and a scan without one.
    let pdf_lines = [
        "威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告",
        "一、总体情况",
        "二、主动公开政府信息情况",
    ];
    out.push(("text-layer.pdf".to_owned(), write::pdf(Some(&pdf_lines))));
    out.push(("scanned.pdf".to_owned(), write::pdf(None)));
    out
}
