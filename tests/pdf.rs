//! PDFs as agencies publish them: the real 淮安 PDF (tests/fixtures/real) and PDFs made with
//! LibreOffice from the .docx fixtures (tests/fixtures/pdf, made by make_pdfs.py there): a
//! Word-like export with ruled tables, a WPS-like one (narrow label cells, numbers centred
//! vertically), copy-protected copies (owner password only: RC4, AES-128, AES-256), one with page
//! numbers in every usual form and a running header, and one that needs a password to open.

use reportlint_tests::{check_json as json, fixture, run};
use serde_json::Value;

/// (rule, message) of every finding, sorted: what a PDF and the .txt of the same report must
/// share. Lines differ (a PDF's paragraphs and table rows are laid out by the reader).
fn rules_and_messages(v: &Value) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    f.sort();
    f
}

const MADE: &[(&str, &str)] = &[
    ("001_78480d18d66647dc.word.pdf", "001_78480d18d66647dc.txt"),
    ("003_0fdc335fd3bbd9c3.wps.pdf", "003_0fdc335fd3bbd9c3.txt"),
    (
        "000_532e0a7d93c60b5e.pagenum.pdf",
        "000_532e0a7d93c60b5e.txt",
    ),
    (
        "001_78480d18d66647dc.protected-rc4.pdf",
        "001_78480d18d66647dc.txt",
    ),
    (
        "001_78480d18d66647dc.protected-aes128.pdf",
        "001_78480d18d66647dc.txt",
    ),
    (
        "001_78480d18d66647dc.protected-aes256.pdf",
        "001_78480d18d66647dc.txt",
    ),
];

#[test]
fn made_pdfs_give_the_same_findings_as_the_text() {
    for (pdf, txt) in MADE {
        let (_, expected, _) = json(&[&fixture(txt)]);
        let (code, got, stderr) = json(&[&fixture(&format!("pdf/{pdf}"))]);
        assert!(code <= 1, "{pdf}: {stderr}");
        let expected = rules_and_messages(&expected);
        assert!(!expected.is_empty());
        assert_eq!(rules_and_messages(&got), expected, "{pdf}");
        // Every finding of a PDF says on which page and line of the page it is.
        for d in got["diagnostics"].as_array().unwrap() {
            assert!(d["page"].as_u64().is_some_and(|p| p >= 1), "{pdf}: {d}");
            assert!(
                d["page_line"].as_u64().is_some_and(|l| l >= 1),
                "{pdf}: {d}"
            );
        }
    }
}

#[test]
fn text_files_have_no_pages() {
    let (_, v, _) = json(&[&fixture("001_78480d18d66647dc.txt")]);
    for d in v["diagnostics"].as_array().unwrap() {
        assert!(d["page"].is_null() && d["page_line"].is_null(), "{d}");
    }
}

/// The real PDF (README §F of the shared reports): every table read and checked, page numbers
/// and wrapped lines no cause of findings. What remains are the true findings: no web site
/// named, nothing said of last year's problems, and no signature at the end.
#[test]
fn real_published_pdf_reads_completely() {
    let path = fixture("real/zxj6827111-blip__govnianbao__szfgs2024.pdf");
    let (_, v, stderr) = json(&[&path]);
    let f: Vec<(String, String, u64, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
                d["page"].as_u64().unwrap(),
                d["page_line"].as_u64().unwrap(),
            )
        })
        .collect();
    let rules: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(
        rules,
        [
            "contact/required",
            "content/problems-and-measures",
            "structure/signature"
        ],
        "{f:#?}\n{stderr}"
    );
    // Part 五 (page 5) names this year's problems and measures but not how last year's were
    // dealt with (an info).
    assert_eq!(f[1].2, 5);
    // The missing signature is pointed at the last line of the text, on page 6.
    assert_eq!(f[2].2, 6);
}

#[test]
fn concise_output_names_the_page_and_line() {
    let path = fixture("real/zxj6827111-blip__govnianbao__szfgs2024.pdf");
    let out = run(&["check", "--format", "concise", &path]);
    assert!(
        out.stdout
            .contains("szfgs2024.pdf（第6页第12行）: warning [structure/signature]"),
        "{}",
        out.stdout
    );
    let out = run(&["check", "--format", "sarif", &path]);
    assert!(
        out.stdout.contains("\"page\": 6") || out.stdout.contains("\"page\":6"),
        "{}",
        out.stdout
    );
    let out = run(&["check", "--format", "html", &path]);
    assert!(
        out.stdout.contains("第 6 页第 12 行"),
        "page shown in the HTML page"
    );
}

#[test]
fn a_pdf_that_needs_a_password_says_so() {
    // A finding for the file, not a failed run: the batch and its exit code go on.
    let (code, v, _) = json(&[&fixture("pdf/needs-password.pdf")]);
    assert_eq!(code, 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "format/encrypted");
    assert!(d["message"].as_str().unwrap().contains("打开密码"), "{d}");
}
