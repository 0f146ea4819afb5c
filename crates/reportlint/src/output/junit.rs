//! JUnit XML: one `<testsuite>` per file, one `<testcase>` per finding (a `<failure>`, or an
//! `<error>` when the file could not be read); a clean file is one passing test case.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Emitter, Totals};
use crate::lint::FileOutcome;

#[derive(Default)]
pub struct Junit {
    suites: String,
    tests: usize,
    failures: usize,
    errors: usize,
    /// Whether warnings fail (`--max-warnings` makes them count); errors always do, infos
    /// never: an info is a test case that passes, with the finding in its output.
    warnings_fail: bool,
}

impl Junit {
    /// `warnings_fail`: `--max-warnings` was given, so warnings count as failures too.
    pub fn new(warnings_fail: bool) -> Junit {
        Junit {
            warnings_fail,
            ..Junit::default()
        }
    }
}

/// Escapes text for XML content and attribute values; drops characters XML cannot hold.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

impl Emitter for Junit {
    fn file(&mut self, _out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        let path = xml_escape(&outcome.path);
        let n = outcome.findings.len().max(1);
        let fails = |d: &reportlint_core::Diagnostic| match d.severity {
            reportlint_core::Severity::Error => true,
            reportlint_core::Severity::Warning => self.warnings_fail,
            reportlint_core::Severity::Info => false,
        };
        let (failures, errors) = if outcome.failed {
            (0, outcome.findings.len())
        } else {
            (
                outcome.findings.iter().filter(|f| fails(&f.diag)).count(),
                0,
            )
        };
        // The suite is made first and counted after (see `output::emit_guarded`).
        let mut suite = String::new();
        let _ = writeln!(
            suite,
            "  <testsuite name=\"{path}\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">"
        );
        if outcome.findings.is_empty() {
            let _ = writeln!(
                suite,
                "    <testcase name=\"{path}\" classname=\"{path}\"/>"
            );
        }
        for f in &outcome.findings {
            let d = &f.diag;
            let tag = if outcome.failed {
                "error"
            } else if fails(d) {
                "failure"
            } else {
                "system-out"
            };
            let name = xml_escape(&format!(
                "{}:{}:{} {}",
                outcome.path, f.start.line, f.start.column, d.rule
            ));
            let mut body = format!(
                "{}:{}:{}: {} [{}] {}",
                outcome.path, f.start.line, f.start.column, d.severity, d.rule, d.message
            );
            if let Some(h) = &d.help {
                body.push('\n');
                body.push_str(h);
            }
            let _ = writeln!(
                suite,
                "    <testcase name=\"{name}\" classname=\"{path}\">\n      {}\n    </testcase>",
                if tag == "system-out" {
                    format!("<system-out>{}</system-out>", xml_escape(&body))
                } else {
                    format!(
                        "<{tag} message=\"{}\" type=\"{}\">{}</{tag}>",
                        xml_escape(&d.message),
                        xml_escape(&format!("{} {}", d.severity, d.rule)),
                        xml_escape(&body),
                    )
                },
            );
        }
        suite.push_str("  </testsuite>\n");
        self.tests += n;
        self.failures += failures;
        self.errors += errors;
        self.suites.push_str(&suite);
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"reportlint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            self.tests, self.failures, self.errors
        )?;
        out.write_all(self.suites.as_bytes())?;
        writeln!(out, "</testsuites>")
    }
}
