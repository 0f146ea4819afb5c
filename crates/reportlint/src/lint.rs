//! Linting one input: read, decode, parse, run the rules, resolve positions.

use std::io::Read;

use std::path::Path;

use reportlint_config::{Discovery, Level, Resolved};
use reportlint_core::region::{AgencyRegion, RegionPath};
use reportlint_core::{
    check_document_with, directives, selector_matches, Diagnostic, Document, LineCol, LineIndex,
    Rule, RuleRun, Settings, Severity, Span,
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
    /// The built-in and linked rules selected on the command line.
    pub rules: &'a [&'static dyn Rule],
    /// Whether the command line's selection takes a rule id (for custom rules of the config).
    pub selected: &'a (dyn Fn(&str) -> bool + Sync),
    pub settings: &'a Settings,
    pub filter: Filter,
    pub keep_source: bool,
    pub stdin_name: String,
    pub discovery: &'a Discovery,
    /// `--region`: the region of every report, instead of detection.
    pub region: Option<RegionPath>,
    pub report_unused_directives: bool,
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
        let config_path = match input {
            Input::File(p) => p.as_path(),
            Input::Stdin => Path::new(&self.stdin_name),
        };
        let config = match self.discovery.config_for(config_path) {
            Ok(c) => c,
            Err(e) => return config_failure(path, e),
        };
        let region = self
            .region
            .or_else(|| doc.analysis::<AgencyRegion>().path().copied());
        let ids: Vec<&str> = self.rules.iter().map(|r| r.meta().id).collect();
        let resolved = Resolved::new(config.as_deref(), config_path, region.as_ref(), &ids);
        let mut diags = self.run_rules(&doc, &resolved);
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

impl Linter<'_> {
    /// Runs the rules the configuration leaves on, with their options; applies configured
    /// severities (per section where asked) and the document's directive comments.
    fn run_rules(&self, doc: &Document, resolved: &Resolved) -> Vec<Diagnostic> {
        let custom: Vec<&dyn Rule> = resolved
            .custom_rules
            .iter()
            .filter(|r| (self.selected)(r.id()))
            .map(|r| r.as_ref() as &dyn Rule)
            .collect();
        let runs: Vec<RuleRun<'_>> = self
            .rules
            .iter()
            .map(|r| *r as &dyn Rule)
            .chain(custom.iter().copied())
            .filter(|r| resolved.runs(r.meta().id))
            .map(|rule| RuleRun {
                rule,
                options: resolved.options(rule.meta().id),
            })
            .collect();
        let mut diags = check_document_with(doc, &runs, self.settings);
        diags.retain_mut(|d| {
            let section = doc.section_at(d.span.start).map(|s| s.kind);
            match resolved.level_in(&d.rule, section) {
                Some(Level::Off) => false,
                Some(Level::On(sev)) => {
                    d.severity = sev;
                    true
                }
                None => true,
            }
        });
        let known = |sel: &str| {
            self.rules
                .iter()
                .any(|r| selector_matches(sel, r.meta().id))
                || resolved
                    .custom_rules
                    .iter()
                    .any(|r| selector_matches(sel, r.id()))
        };
        directives::apply(doc, diags, &known, self.report_unused_directives)
    }
}

/// The outcome of a file whose configuration is broken: one `config` finding naming the
/// configuration file, line and column.
pub fn config_failure(path: String, e: reportlint_config::ConfigError) -> FileOutcome {
    let mut outcome = failure(path, format!("配置文件有误：{e}"));
    outcome.findings[0].diag.rule = std::borrow::Cow::Borrowed("config");
    outcome.findings[0].diag.help =
        Some("改正配置文件后重试；`reportlint config 文件` 可显示生效的设置".to_owned());
    outcome
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
