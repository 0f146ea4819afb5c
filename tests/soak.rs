//! A soak of the text path and the outputs: property tests that damage the fixtures — byte
//! flips, truncation, inserted control characters, long lines, deep brackets, CJK noise — and
//! lint the result. For every input: no panic (no `internal` finding), the JSON is valid, and
//! every span (finding, label, fix edit) lies inside the text, on character boundaries, with
//! line and column as an independent count from the offset gives. The cases are bounded so that
//! the test takes seconds; `PROPTEST_CASES=5000 cargo test -p reportlint-tests --test soak`
//! runs a longer soak.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use reportlint_tests::{run_with_stdin, tests_dir, TODAY};

/// The inputs damaged: text reports and web pages of the fixtures.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["fixtures", "fixtures/real", "fixtures/formats"] {
        let mut names: Vec<_> = std::fs::read_dir(tests_dir().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
            .collect();
        names.sort();
        for p in names {
            let ext = p.extension().unwrap().to_str().unwrap().to_owned();
            out.push((ext, std::fs::read(&p).unwrap()));
        }
    }
    out
}

/// One kind of damage, at a place given as a fraction of the input.
#[derive(Debug, Clone)]
enum Damage {
    FlipByte(f64, u8),
    Truncate(f64),
    Insert(f64, Vec<u8>),
}

fn noise() -> impl Strategy<Value = Vec<u8>> {
    let control = prop::sample::select(vec![
        "\0", "\r", "\r\r\n", "\x0b", "\x0c", "\x1b[31m", "\u{202e}", "\u{feff}", "\u{200b}",
        "\u{2028}", "\u{85}", "\t\t", "\r\n\r\n",
    ])
    .prop_map(|s| s.as_bytes().to_vec());
    let cjk = prop::collection::vec(
        prop::sample::select(vec![
            '一', '二', '三', '、', '（', '）', '：', '。', '；', '，', '合', '计', '总', '年',
            '月', '日', '电', '话', '０', '９', '—', '·', '\u{3000}', '表', '件', '申', '请', '0',
            '7', '-', '\n', ' ', '|',
        ]),
        1..200,
    )
    .prop_map(|cs| cs.into_iter().collect::<String>().into_bytes());
    let long_line = (
        prop::sample::select(vec!["7", "0", "电话：0631-8898088，", "x", "（"]),
        100..3000usize,
    )
        .prop_map(|(unit, n)| unit.repeat(n).into_bytes());
    let brackets = (
        prop::sample::select(vec![
            ("（", "）"),
            ("(", ")"),
            ("[", "]"),
            ("《", "》"),
            ("<div>", "</div>"),
        ]),
        1..2000usize,
    )
        .prop_map(|((open, close), n)| {
            format!("{}一、{}", open.repeat(n), close.repeat(n / 2)).into_bytes()
        });
    let directives = prop::sample::select(vec![
        "\n<!-- reportlint-disable -->\n",
        "\n<!-- reportlint-enable contact -->\n",
        "\n<!-- reportlint-disable-next-line tables/sums -->\n",
        "<!-- reportlint-disable-file",
    ])
    .prop_map(|s| s.as_bytes().to_vec());
    prop_oneof![control, cjk, long_line, brackets, directives]
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0.0..1.0f64, any::<u8>()).prop_map(|(at, b)| Damage::FlipByte(at, b)),
        (0.0..1.0f64).prop_map(Damage::Truncate),
        (0.0..1.0f64, noise()).prop_map(|(at, n)| Damage::Insert(at, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, damage: &[Damage]) -> Vec<u8> {
    let at = |f: f64, len: usize| ((len as f64 * f) as usize).min(len);
    for d in damage {
        match d {
            Damage::FlipByte(f, b) if !bytes.is_empty() => {
                let i = at(*f, bytes.len() - 1);
                bytes[i] ^= b | 1;
            }
            Damage::FlipByte(..) => {}
            Damage::Truncate(f) => {
                let i = at(*f, bytes.len());
                bytes.truncate(i);
            }
            Damage::Insert(f, n) => {
                let i = at(*f, bytes.len());
                bytes.splice(i..i, n.iter().copied());
            }
        }
    }
    bytes
}

/// The text that offsets refer to: the decoded text file, or the page's extracted text.
fn linted_text(ext: &str, bytes: &[u8]) -> Option<String> {
    if ext == "html" {
        let limits = reportlint_formats::Limits::default();
        return reportlint_formats::extract(reportlint_formats::Format::Html, bytes, &limits)
            .ok()
            .map(|e| e.text);
    }
    reportlint_core::source::decode(bytes).ok().map(|(t, _)| t)
}

/// Line and column (1-based, columns in characters) of `offset`, counted afresh: lines end at
/// `\n`, `\r\n` or a lone `\r`.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let (mut line, mut col) = (1u64, 1u64);
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    // An offset between `\r` and `\n` of a CRLF is on the line the CRLF ends.
    (line, col)
}

fn check_span(text: &str, what: &str, offset: u64, length: u64) -> Result<(), TestCaseError> {
    let (o, l) = (offset as usize, length as usize);
    prop_assert!(
        o + l <= text.len(),
        "{what}: {o}+{l} past the text ({})",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(o) && text.is_char_boundary(o + l),
        "{what}: {o}+{l} not on character boundaries"
    );
    Ok(())
}

fn lint_and_check(ext: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let name = format!("soak.{ext}");
    let out = run_with_stdin(
        &[
            "check",
            "--format",
            "json",
            "--today",
            TODAY,
            "--stdin-filename",
            &name,
            "-",
        ],
        Some(bytes),
    );
    prop_assert!(out.code <= 2, "exit code {}", out.code);
    let v: serde_json::Value = serde_json::from_str(&out.stdout)
        .map_err(|e| TestCaseError::fail(format!("invalid JSON: {e}")))?;
    let diags = v["diagnostics"].as_array().unwrap();
    let text = linted_text(ext, bytes);
    for d in diags {
        let rule = d["rule"].as_str().unwrap();
        prop_assert!(rule != "internal", "a panic: {}", d["message"]);
        if rule == "io" || rule.starts_with("format/") {
            continue;
        }
        let text = text
            .as_deref()
            .ok_or_else(|| TestCaseError::fail("findings for a text that does not decode"))?;
        let (offset, length) = (d["offset"].as_u64().unwrap(), d["length"].as_u64().unwrap());
        check_span(text, rule, offset, length)?;
        let (line, col) = line_col(text, offset as usize);
        prop_assert_eq!(
            (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()),
            (line, col),
            "{}",
            rule
        );
        let end = line_col(text, (offset + length) as usize);
        prop_assert_eq!(
            (
                d["end_line"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap()
            ),
            end,
            "{} end",
            rule
        );
        for l in d["labels"].as_array().unwrap() {
            check_span(
                text,
                "label",
                l["offset"].as_u64().unwrap(),
                l["length"].as_u64().unwrap(),
            )?;
        }
        if let Some(edits) = d["fix"]["edits"].as_array() {
            for e in edits {
                check_span(
                    text,
                    "edit",
                    e["offset"].as_u64().unwrap(),
                    e["length"].as_u64().unwrap(),
                )?;
            }
        }
    }
    Ok(())
}

#[test]
fn damaged_fixtures_lint_cleanly() {
    let seeds = seeds();
    assert!(seeds.len() >= 6);
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        config,
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let strategy = (0..seeds.len(), prop::collection::vec(damage(), 1..6));
    let result = runner.run(&strategy, |(seed, damage)| {
        let (ext, bytes) = &seeds[seed];
        lint_and_check(ext, &apply(bytes.clone(), &damage))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The undamaged fixtures pass the same checks (the checks themselves are sound).
#[test]
fn undamaged_fixtures_pass_the_checks() {
    for (ext, bytes) in seeds() {
        if let Err(e) = lint_and_check(&ext, &bytes) {
            panic!("{ext}: {e}");
        }
    }
}
