//! Linting one input: read, decode, parse, run the rules, resolve positions.

use std::io::Read;

use reportlint_core::{
    check_document, Diagnostic, Document, LineCol, LineIndex, Rule, Settings, Severity, Span,
};

use crate::discover::{io_message, Input};

/// A finding with its positions resolved for people (1-based line, character column).
#[derive(Debug, Clone)]
pub struct Finding {
    pub diag: Diagnostic,
    pub start: LineCol,
    pub end: LineCol,
}

/// A file's text, kept for output formats that show excerpts.
#[derive(Debug)]
pub struct SourceText {
    pub text: String,
    pub index: LineIndex,
}

/// What linting one input produced.
#[derive(Debug)]
pub struct FileOutcome {
    pub path: String,
    pub findings: Vec<Finding>,
    /// The text, when the output format needs it and there is something to show.
    pub source: Option<SourceText>,
    /// The file could not be read or decoded (its one finding has rule id `io`).
    pub failed: bool,
}

/// How findings are filtered after the rules ran.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub quiet: bool,
}

pub struct Linter<'a> {
    pub rules: &'a [&'static dyn Rule],
    pub settings: &'a Settings,
    pub filter: Filter,
    pub keep_source: bool,
    pub stdin_name: String,
}

impl Linter<'_> {
    pub fn display_path(&self, input: &Input) -> String {
        match input {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => self.stdin_name.clone(),
        }
    }

    pub fn lint(&self, input: &Input, stdin: Option<&[u8]>) -> FileOutcome {
        let path = self.display_path(input);
        let bytes = match input {
            Input::File(p) => std::fs::read(p).map_err(|e| io_message(&e)),
            Input::Stdin => match stdin {
                Some(b) => Ok(b.to_vec()),
                None => {
                    let mut buf = Vec::new();
                    std::io::stdin()
                        .read_to_end(&mut buf)
                        .map(|_| buf)
                        .map_err(|e| io_message(&e))
                }
            },
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(message) => return failure(path, message),
        };
        let doc = match Document::from_bytes(path.clone(), &bytes) {
            Ok(d) => d,
            Err(e) => return failure(path, e.to_string()),
        };
        drop(bytes);
        let mut diags = check_document(&doc, self.rules, self.settings);
        if self.filter.quiet {
            diags.retain(|d| d.severity == Severity::Error);
        }
        let findings: Vec<Finding> = diags
            .into_iter()
            .map(|d| Finding {
                start: doc.line_col(d.span.start),
                end: doc.line_col(d.span.end),
                diag: d,
            })
            .collect();
        let source = (self.keep_source && !findings.is_empty()).then(|| SourceText {
            index: doc.line_index().clone(),
            text: doc.text().to_owned(),
        });
        FileOutcome {
            path,
            findings,
            source,
            failed: false,
        }
    }
}

/// The outcome of a file that could not be linted: one `io` finding.
pub fn failure(path: String, message: String) -> FileOutcome {
    let diag = Diagnostic::error(Span::empty(0), message)
        .with_rule("io")
        .with_help("确认路径正确、文件可读，且是文本格式（UTF-8 或 GBK）的报告");
    let at = LineCol { line: 1, column: 1 };
    FileOutcome {
        path,
        findings: vec![Finding {
            diag,
            start: at,
            end: at,
        }],
        source: None,
        failed: true,
    }
}
