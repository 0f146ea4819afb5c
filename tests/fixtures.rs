//! Whole-report snapshots: the pretty output (no colour, 100 columns) and the JSON of every
//! fixture. A change in a message, a span or a rule's reach shows in review.

use reportlint_tests::{fixture, run, TODAY};

/// Every `.txt` and `.pdf` fixture, relative to `fixtures/`: the seeds, then `real/…` (the
/// Word and web copies of the seeds are in `formats/`, tested by `formats.rs`).
fn fixtures() -> Vec<String> {
    let mut names = Vec::new();
    for sub in ["", "real/"] {
        let dir = reportlint_tests::tests_dir().join("fixtures").join(sub);
        for e in std::fs::read_dir(dir).unwrap() {
            let name = e.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".txt") || name.ends_with(".pdf") {
                names.push(format!("{sub}{name}"));
            }
        }
    }
    names.sort();
    names
}

fn snapshot_name(name: &str) -> String {
    // `x.pdf` → `x_pdf`: a PDF never shares a snapshot with a text of the same stem.
    name.trim_end_matches(".txt")
        .replace('.', "_")
        .replace('/', "__")
}

#[test]
fn pretty_output_of_every_fixture() {
    for name in fixtures() {
        let out = run(&[
            "check",
            "--isolated",
            "--color",
            "never",
            "--today",
            TODAY,
            &fixture(&name),
        ]);
        assert!(out.code <= 1, "{name}: {}", out.stderr);
        insta::assert_snapshot!(format!("pretty__{}", snapshot_name(&name)), out.stdout);
    }
}

#[test]
fn json_output_of_every_fixture() {
    for name in fixtures() {
        let out = run(&[
            "check",
            "--isolated",
            "--format",
            "json",
            "--today",
            TODAY,
            &fixture(&name),
        ]);
        assert!(out.code <= 1, "{name}: {}", out.stderr);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        insta::assert_json_snapshot!(format!("json__{}", snapshot_name(&name)), v);
    }
}
