//! One batch with the hostile files of issue 17 that the reading budgets (reportlint-formats) and
//! the isolation of readers in worker processes (src/isolate.rs) handle, among ordinary
//! reports: each hostile file gets a finding of its own within the deadline, the whole batch
//! stays under 256 MiB, and the ordinary reports come out exactly as when they are checked alone.
//!
//! The files are made here as `make_repros.py` (the reliability notes of the project) makes them;
//! R31 and R32 are copied in tests/fixtures/hostile/. The binary runs as a child process (a crash
//! of a reader must not take the test down), and its memory is read from `getrusage`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        z.start_file(*name, options).unwrap();
        z.write_all(data.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn doc_xml(body: &str) -> String {
    format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#)
}

fn para_num(num: usize) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#
    )
}

fn numbering(nums: usize, start: &str, fmt: &str, lvl_text: &str) -> String {
    let lvl = format!(
        r#"<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/></w:lvl>"#
    );
    let ns: String = (1..=nums)
        .map(|k| format!(r#"<w:num w:numId="{k}"><w:abstractNumId w:val="0"/></w:num>"#))
        .collect();
    format!(
        r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">{lvl}</w:abstractNum>{ns}</w:numbering>"#
    )
}

fn build_pdf(objs: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(data: &[u8], extra: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} ", data.len()).into_bytes();
    s.extend_from_slice(extra);
    s.extend_from_slice(b" >>\nstream\n");
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

const TOUNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end";

fn text_pdf(content: &[u8], content_extra: &[u8], tounicode: &[u8]) -> Vec<u8> {
    build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream(content, content_extra),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /CIDToGIDMap /Identity >>".to_vec(),
        stream(tounicode, b""),
    ])
}

/// A zlib stream of `total` zero bytes, about a thousandth of that size: one deflated MiB of
/// zeros, repeated (the block refers only to itself), then an empty final block.
fn flate_zeros(total: usize) -> Vec<u8> {
    let chunk = 1 << 20;
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&vec![0u8; chunk]).unwrap();
    enc.flush().unwrap();
    let block = enc.get_ref().clone();
    let mut out = vec![0x78, 0x9c];
    for _ in 0..total / chunk {
        out.extend_from_slice(&block);
    }
    out.extend_from_slice(&[0x03, 0x00, 0, 0, 0, 1]);
    out
}

/// What a hostile file must give.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Read within a budget: a `format/too-large` warning, and the file is checked.
    Budget,
    /// Refused by a budget: a `format/too-large` error and nothing else.
    Refused,
    /// Read as usual, in linear time: the rules' findings.
    Read,
    /// A reader that crashes, loops or exhausts memory: one `format/…` finding (or `io`, for a
    /// reader that refuses the file by itself), and nothing else.
    Isolated,
    /// A bomb the reader defuses by itself: no text it can read, or refused by its budget.
    Defused,
}

fn reproducers() -> Vec<(&'static str, Vec<u8>, Expect)> {
    use Expect::*;
    let docx = |doc: String, num: Option<String>| {
        let mut parts = vec![("word/document.xml", doc)];
        if let Some(n) = num {
            parts.push(("word/numbering.xml", n));
        }
        zip(&parts)
    };
    let hostile = |name: &str| {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/hostile")
                .join(name),
        )
        .unwrap()
    };
    let s = |s: String| s.into_bytes();
    vec![
        (
            "R04_docx_numbering_label_8GB.docx",
            docx(
                doc_xml(&(1..=20).map(para_num).collect::<String>()),
                Some(numbering(20, "4294967295", "upperLetter", "%1")),
            ),
            Budget,
        ),
        (
            "R05_docx_numbering_label_4x.docx",
            docx(
                doc_xml(&para_num(1)),
                Some(numbering(1, "4294967295", "upperLetter", "%1%1%1%1")),
            ),
            Budget,
        ),
        (
            "R06_docx_lvltext_x_paragraphs.docx",
            docx(
                doc_xml(&para_num(1).repeat(10_000)),
                Some(numbering(1, "1", "decimal", &"%1".repeat(100_000))),
            ),
            Budget,
        ),
        (
            "R07_docx_vmerge_chain.docx",
            docx(
                doc_xml(
                    &("<w:tbl>".to_owned()
                        + &"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
                            .repeat(300_000)
                        + "</w:tbl>"),
                ),
                None,
            ),
            Read,
        ),
        (
            "R08_html_nested_divs.html",
            s("<html><body>".to_owned()
                + &"<div>".repeat(150_000)
                + "正文"
                + &"</div>".repeat(150_000)
                + "</body></html>"),
            Budget,
        ),
        ("R09_html_nested_li.html", s("<ul><li>".repeat(100_000)), Budget),
        (
            "R10_html_formatting_reconstruct.html",
            s((0..50_000).map(|i| format!(r#"<b class="c{i}">"#)).collect::<String>()
                + &"x<p>y</p>".repeat(1000)),
            Budget,
        ),
        (
            "R11_html_rowspan_colspan_grid.html",
            s("<table>".to_owned()
                + &("<tr>".to_owned() + &r#"<td rowspan="64" colspan="64">1</td>"#.repeat(200) + "</tr>")
                    .repeat(200)
                + "</table>"),
            Budget,
        ),
        ("R12_html_50mb_of_tags.html", s("<span>x</span>".repeat(3_500_000)), Refused),
        (
            "R13_html_500k_directive_comments.html",
            s("<!DOCTYPE html><html><body>".to_owned()
                + &"<!-- reportlint-disable -->".repeat(500_000)
                + "<p>一、总体情况</p></body></html>"),
            Refused,
        ),
        (
            "R14_pdf_nested_arrays_stack_overflow.pdf",
            build_pdf(&[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
                b"<< /Type /Page /Parent 2 0 R >>".to_vec(),
                [b"[".repeat(60_000), b"]".repeat(60_000)].concat(),
            ]),
            Isolated,
        ),
        (
            "R15_pdf_nested_arrays_in_content.pdf",
            text_pdf(
                &[b"[".repeat(100_000), b"]".repeat(100_000), b" BT /F1 10 Tf <4E00> Tj ET".to_vec()].concat(),
                b"",
                TOUNICODE,
            ),
            Isolated,
        ),
        (
            "R16_pdf_page_parent_loop.pdf",
            build_pdf(&[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>".to_vec(),
                b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec(),
                stream(b"BT /F1 10 Tf (x) Tj ET", b""),
            ]),
            Isolated,
        ),
        (
            "R17_pdf_xref_stream_huge_w.pdf",
            b"%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 99999999999 /W [4294967295 1 1] /Root 1 0 R /Length 6 >>\nstream\n\x00\x00\x00\x01\x00\x00\nendstream\nendobj\nstartxref\n9\n%%EOF\n".to_vec(),
            Isolated,
        ),
        (
            "R18_pdf_tounicode_bfrange_4G.pdf",
            text_pdf(
                b"BT /F1 10 Tf <4E00> Tj ET",
                b"",
                b"begincmap 1 beginbfrange <00000000> <FFFFFFFF> <0000> endbfrange endcmap",
            ),
            Isolated,
        ),
        (
            "R19_pdf_q_nesting.pdf",
            text_pdf(&[b"q ".repeat(1_000_000), b" BT /F1 10 Tf <4E00> Tj ET".to_vec()].concat(), b"", TOUNICODE),
            Isolated,
        ),
        (
            "R20_pdf_flate_bomb_2g.pdf",
            text_pdf(&flate_zeros(2 << 30), b"/Filter /FlateDecode", TOUNICODE),
            Defused,
        ),
        (
            "R21_pdf_200k_objects.pdf",
            build_pdf(
                &[
                    vec![
                        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
                        b"<< /Type /Page /Parent 2 0 R >>".to_vec(),
                    ],
                    vec![b"null".to_vec(); 200_000],
                ]
                .concat(),
            ),
            Isolated,
        ),
        ("R31_docx_counter_overflow.docx", hostile("R31_docx_counter_overflow.docx"), Budget),
        ("R32_docx_gridspan_usize_max.docx", hostile("R32_docx_gridspan_usize_max.docx"), Budget),
    ]
}

/// The ordinary reports of the batch: the format fixtures and a text report.
fn ordinary() -> Vec<PathBuf> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures.join("formats"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.push(fixtures.join("000_532e0a7d93c60b5e.txt"));
    files
}

const TIMEOUT_SECS: u64 = 60;

/// Runs the binary on `files` (JSON output, in the order given); returns the findings by path.
fn check(files: &[PathBuf]) -> (std::collections::BTreeMap<String, Vec<Value>>, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .args([
            "check",
            "--isolated",
            "--format",
            "json",
            "--today",
            "2026-06-01",
            "-j",
            "2",
        ])
        .args(["--timeout", &TIMEOUT_SECS.to_string()])
        .args(files)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "status {:?}; stderr: {stderr}",
        out.status
    );
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON output: {e}; stderr: {stderr}"));
    let mut by_path = std::collections::BTreeMap::<String, Vec<Value>>::new();
    for d in json["diagnostics"].as_array().unwrap() {
        by_path
            .entry(d["path"].as_str().unwrap().to_owned())
            .or_default()
            .push(d.clone());
    }
    (by_path, json)
}

#[test]
fn a_batch_with_every_hostile_file_is_checked_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let repros = reproducers();
    let ordinary = ordinary();
    // Hostile files between ordinary ones.
    let mut batch = Vec::new();
    for (k, (name, bytes, _)) in repros.iter().enumerate() {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        batch.push(path);
        if let Some(o) = ordinary.get(k) {
            batch.push(o.clone());
        }
    }
    batch.extend(ordinary.iter().skip(repros.len()).cloned());
    drop(repros);
    let repros = reproducers()
        .into_iter()
        .map(|(name, _, expect)| (name, expect))
        .collect::<Vec<_>>();

    let started = std::time::Instant::now();
    let (found, json) = check(&batch);
    let elapsed = started.elapsed();
    // Every file of the batch in the count.
    assert_eq!(json["files"], batch.len(), "{json}");

    for (name, expect) in &repros {
        let path = dir.path().join(name).display().to_string();
        let diags = found.get(&path).cloned().unwrap_or_default();
        let rules: Vec<(&str, &str)> = diags
            .iter()
            .map(|d| (d["rule"].as_str().unwrap(), d["severity"].as_str().unwrap()))
            .collect();
        let format_findings: Vec<&(&str, &str)> = rules
            .iter()
            .filter(|(r, _)| r.starts_with("format/"))
            .collect();
        match expect {
            Expect::Budget => {
                assert!(
                    format_findings.contains(&&("format/too-large", "warning")),
                    "{name}: {rules:?}"
                );
                // Still checked: the rules ran (these files are no reports: sections missing).
                assert!(
                    rules.iter().any(|(r, _)| r.starts_with("structure/")),
                    "{name}: {rules:?}"
                );
            }
            Expect::Refused => assert_eq!(rules, [("format/too-large", "error")], "{name}"),
            Expect::Read => {
                assert!(format_findings.is_empty(), "{name}: {rules:?}");
                assert!(!rules.is_empty(), "{name}: no finding");
            }
            // The reader inflates within its budget and finds no text it can read: the file is
            // said to have no text layer, quickly and within the memory limit.
            Expect::Defused => assert!(
                rules == [("format/no-text-layer", "error")]
                    || rules == [("format/too-large", "error")],
                "{name}: {rules:?}"
            ),
            Expect::Isolated => {
                assert_eq!(rules.len(), 1, "{name}: {rules:?}");
                assert!(
                    ["format/crashed", "format/timeout", "format/too-large", "io"]
                        .contains(&rules[0].0),
                    "{name}: {rules:?}"
                );
                // A message that says what happened, for this file.
                let message = diags[0]["message"].as_str().unwrap();
                assert!(!message.is_empty());
            }
        }
    }

    // The ordinary reports come out as when they are checked on their own.
    let (alone, _) = check(&ordinary);
    for path in &ordinary {
        let p = path.display().to_string();
        assert_eq!(found.get(&p), alone.get(&p), "{p}");
        assert!(
            alone
                .get(&p)
                .is_none_or(|d| d.iter().all(|d| d["rule"] != "io")),
            "{p}"
        );
    }

    // Within the deadline: each hostile file at most one deadline (two threads).
    assert!(
        elapsed.as_secs() <= TIMEOUT_SECS * repros.len() as u64,
        "{elapsed:?}"
    );
    // Memory: the largest process of the run (the binary or one of its workers); Windows does
    // not tell (`platform::children_peak_rss_kib`), nor caps a worker's memory.
    let peak = reportlint::platform::children_peak_rss_kib();
    assert!(peak.is_some() || cfg!(windows), "getrusage failed");
    let Some(peak_kib) = peak else { return };
    eprintln!(
        "hostile batch: {} files ({} hostile) in {elapsed:?}, peak RSS {} MiB",
        batch.len(),
        repros.len(),
        peak_kib / 1024
    );
    assert!(peak_kib < 256 * 1024, "peak RSS {peak_kib} KiB");
}

#[test]
fn isolation_does_not_change_what_ordinary_files_give() {
    // The same run in-process (the library's `run`, with no worker binary set) and through the
    // workers of the binary: the documents crossing the pipe lose nothing.
    let files = ordinary();
    let (isolated, _) = check(&files);
    let mut args: Vec<String> = [
        "reportlint",
        "check",
        "--isolated",
        "--format",
        "json",
        "--today",
        "2026-06-01",
    ]
    .map(str::to_owned)
    .to_vec();
    args.extend(files.iter().map(|f| f.display().to_string()));
    let mut out = Vec::new();
    reportlint::run(args, &mut out, &mut Vec::new(), None, false);
    let json: Value = serde_json::from_slice(&out).unwrap();
    let mut in_process = std::collections::BTreeMap::<String, Vec<Value>>::new();
    for d in json["diagnostics"].as_array().unwrap() {
        in_process
            .entry(d["path"].as_str().unwrap().to_owned())
            .or_default()
            .push(d.clone());
    }
    assert_eq!(isolated, in_process);
    assert!(!isolated.is_empty());
}

fn run(args: &[&str]) -> (u8, String) {
    let mut out = Vec::new();
    let code = reportlint::run(
        std::iter::once("reportlint").chain(args.iter().copied()),
        &mut out,
        &mut Vec::new(),
        None,
        false,
    );
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn format_findings_are_listed_explained_and_configurable() {
    let (_, rules) = run(&["rules"]);
    for id in ["format/crashed", "format/timeout", "format/too-large"] {
        assert!(rules.contains(id), "{rules}");
        let (code, page) = run(&["explain", id]);
        assert_eq!(code, 0);
        assert!(page.starts_with(&format!("# {id}\n")), "{page}");
        assert!(page.contains("## 为什么重要（Why it matters）"), "{page}");
    }
    // A page too deep (read, flattened: a warning) and one with too many elements (refused: an
    // error), under a configuration that changes both levels or turns the finding off.
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("深.html");
    std::fs::write(
        &deep,
        "<div>".repeat(300) + "一、总体情况" + &"</div>".repeat(300),
    )
    .unwrap();
    let many = dir.path().join("多.html");
    std::fs::write(&many, "<span>x</span>".repeat(300_001)).unwrap();
    let levels = |config: Option<&str>| {
        let toml = dir.path().join("reportlint.toml");
        match config {
            Some(c) => std::fs::write(&toml, format!("[rules]\n{c}\n")).unwrap(),
            None => {
                let _ = std::fs::remove_file(&toml);
            }
        }
        let paths = [deep.display().to_string(), many.display().to_string()];
        let (_, out) = run(&["check", "--format", "json", &paths[0], &paths[1]]);
        let json: Value = serde_json::from_str(&out).unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "format/too-large")
            .map(|d| {
                let path = d["path"].as_str().unwrap();
                let file = Path::new(path)
                    .file_name()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_owned();
                (file, d["severity"].as_str().unwrap().to_owned())
            })
            .collect::<Vec<_>>()
    };
    let pair = |a: &str, b: &str| {
        vec![
            ("深.html".to_owned(), a.to_owned()),
            ("多.html".to_owned(), b.to_owned()),
        ]
    };
    assert_eq!(levels(None), pair("warning", "error"));
    assert_eq!(
        levels(Some(r#""format/too-large" = "info""#)),
        pair("info", "info")
    );
    assert_eq!(levels(Some(r#"format = "error""#)), pair("error", "error"));
    assert_eq!(levels(Some(r#""format/too-large" = "off""#)), vec![]);
}
