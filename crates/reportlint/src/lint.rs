//! Linting one input: read, decode, parse, run the rules, resolve positions.

use std::io::Read;

use std::path::Path;

use reportlint_config::{Discovery, Level, Resolved};
use reportlint_core::region::{AgencyRegion, RegionPath};
use reportlint_core::{
    check_document_with, directives, selector_matches, Diagnostic, Document, LineCol, LineIndex,
    PagePos, Rule, RuleRun, Settings, Severity, Span,
};

use crate::discover::{io_message, Input};

/// A finding with its positions resolved for people (1-based line, character column).
#[derive(Debug, Clone)]
pub struct Finding {
    pub diag: Diagnostic,
    pub start: LineCol,
    pub end: LineCol,
    /// For a finding that compares reports: where the other report's text stands.
    pub related: Vec<reportlint_core::compare::Related>,
    /// A share the machine-readable outputs carry (the copied share of `compare/copied-text`).
    pub ratio: Option<f64>,
    /// For a paged document (PDF): the page and the line on the page where the finding starts.
    pub page: Option<PagePos>,
}

impl Finding {
    /// A finding about the file as a whole, at its first line and column (`io`, `format/*`).
    pub fn at_file_start(diag: Diagnostic) -> Finding {
        let at = LineCol { line: 1, column: 1 };
        Finding {
            diag,
            start: at,
            end: at,
            page: None,
            related: Vec::new(),
            ratio: None,
        }
    }

    /// Where the finding is, for people: `report.pdf（第3页第12行）` in a paged document,
    /// `report.txt:12:5` elsewhere.
    pub fn location(&self, path: &str) -> String {
        match self.page {
            Some(p) => format!("{path}（第{}页第{}行）", p.page, p.line),
            None => format!("{path}:{}:{}", self.start.line, self.start.column),
        }
    }
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
    /// The text, when the output format needs it and there is something to show. (Boxed, as
    /// `fixed`: a compared run holds every outcome, and moves each a few times.)
    pub source: Option<Box<SourceText>>,
    /// The file could not be read or decoded (its one finding has rule id `io`).
    pub failed: bool,
    /// The agency named in the title, and the region it resolved to (for the HTML summary).
    pub agency: Option<String>,
    pub region: Option<String>,
    /// What `--fix` or `--diff` did to the file.
    pub fixed: Option<Box<crate::fix::FixSummary>>,
    /// The path's bytes when they are not UTF-8 (`path` shows them lossily; JSON gives both).
    pub path_bytes: Option<Vec<u8>>,
    /// What the batch summaries (workbook, CSV, JSON `reports`) show of the report.
    pub meta: ReportMeta,
    /// The output format's text for this outcome, made on a worker thread
    /// ([`crate::output::Emitter::renderer`]); `None` when the emitter makes it as it writes.
    pub rendered: Option<Vec<u8>>,
}

/// A report's particulars for the batch summaries.
#[derive(Debug, Clone, Default)]
pub struct ReportMeta {
    /// The year the report is on (from its title).
    pub year: Option<i32>,
    /// The input format (`text`, `docx`, `pdf`, …).
    pub format: Option<&'static str>,
    /// The statistical code of the agency's region (`371003106`).
    pub region_code: Option<&'static str>,
    /// What the comparing rules need of the report, when reports are compared.
    pub summary: Option<Box<reportlint_core::compare::ReportSummary>>,
    /// `[compare] history` of the report's configuration: where last year's report may be.
    pub history: Vec<String>,
    /// Whether and how the comparing rules' findings stand in this report (configuration and
    /// directive comments), when reports are compared.
    pub gate: Option<Box<crate::compare::Gate>>,
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
    /// Input formats, their limits, and fixing.
    pub io: IoOptions,
    /// Keep what the comparing rules need of each report (`ReportMeta::summary`).
    pub compare: bool,
}

/// How inputs are read and fixed.
#[derive(Debug, Clone, Default)]
pub struct IoOptions {
    pub limits: crate::read::Limits,
    pub fix: crate::fix::FixOptions,
    /// Keep the text of every file, not only of files with findings (the HTML page shows all).
    pub keep_all_sources: bool,
    /// How .docx, .html and .pdf are read: in worker processes, or in-process.
    pub extractor: crate::isolate::Extractor,
}

impl Linter<'_> {
    pub fn display_path(&self, input: &Input) -> String {
        match input {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => self.stdin_name.clone(),
        }
    }

    /// Lints one input; a panic in a rule or a reader becomes an `internal` finding for this
    /// file, and the other files are still linted.
    pub fn lint_guarded(&self, input: &Input, stdin: Option<&[u8]>) -> FileOutcome {
        let mut outcome = self.lint_guarded_inner(input, stdin);
        if let Input::File(p) = input {
            outcome.path_bytes = crate::discover::non_utf8_bytes(p);
        }
        outcome
    }

    fn lint_guarded_inner(&self, input: &Input, stdin: Option<&[u8]>) -> FileOutcome {
        let run = std::panic::AssertUnwindSafe(|| self.lint(input, stdin));
        std::panic::catch_unwind(run)
            .unwrap_or_else(|panic| internal_failure(self.display_path(input), &*panic))
    }

    /// Lints several inputs, as `lint_guarded` does each, but rule by rule: every rule runs over
    /// all the batch's documents before the next rule starts. The outcomes are the same as one
    /// by one (each document's findings are sorted alike); the work is faster by about a third,
    /// because one rule's code, patterns and automata stay in the processor's caches across
    /// documents instead of being evicted by forty other rules' for each one. A panic fails
    /// only the document it happened on. Documents are held at most [`BATCH_TEXT`] bytes of text
    /// at a time, so a batch of long PDFs does not hold them all.
    pub fn lint_batch(&self, inputs: &[Input], stdin: Option<&[u8]>) -> Vec<FileOutcome> {
        let mut outcomes: Vec<Option<FileOutcome>> = Vec::with_capacity(inputs.len());
        let mut held: Vec<(usize, Prepared)> = Vec::new();
        let mut held_text = 0;
        for (k, input) in inputs.iter().enumerate() {
            outcomes.push(None);
            let prepare = std::panic::AssertUnwindSafe(|| self.prepare(input, stdin));
            match std::panic::catch_unwind(prepare) {
                Ok(Ok(p)) => {
                    held_text += p.doc.text().len();
                    held.push((k, p));
                }
                Ok(Err(outcome)) => outcomes[k] = Some(*outcome),
                Err(panic) => {
                    outcomes[k] = Some(internal_failure(self.display_path(input), &*panic));
                }
            }
            if held_text >= BATCH_TEXT || k + 1 == inputs.len() {
                for (k, outcome) in self.finish_batch(inputs, std::mem::take(&mut held)) {
                    outcomes[k] = Some(outcome);
                }
                held_text = 0;
            }
        }
        inputs
            .iter()
            .zip(outcomes)
            .map(|(input, outcome)| {
                // Every input got its outcome above; an `io` failure stands in, not a panic.
                let mut outcome =
                    outcome.unwrap_or_else(|| failure(self.display_path(input), String::new()));
                if let Input::File(p) = input {
                    outcome.path_bytes = crate::discover::non_utf8_bytes(p);
                }
                outcome
            })
            .collect()
    }

    /// Runs the rules over the prepared documents rule by rule, then finishes each.
    fn finish_batch(
        &self,
        inputs: &[Input],
        held: Vec<(usize, Prepared)>,
    ) -> Vec<(usize, FileOutcome)> {
        use std::panic::{catch_unwind, AssertUnwindSafe};
        let mut found: Vec<Vec<Diagnostic>> = held.iter().map(|_| Vec::new()).collect();
        let mut panicked: Vec<Option<FileOutcome>> = held.iter().map(|_| None).collect();
        let run = |rule: &dyn Rule, p: &Prepared, out: &mut Vec<Diagnostic>| {
            let id = rule.meta().id;
            if !p.resolved.runs(id) {
                return;
            }
            let mut ctx = reportlint_core::Context::new(&p.doc, self.settings, rule.meta(), out)
                .with_options(p.resolved.options(id));
            rule.check(&mut ctx);
        };
        let mut guarded =
            |j: usize, out: &mut Vec<Diagnostic>, f: &dyn Fn(&mut Vec<Diagnostic>)| {
                if panicked[j].is_some() {
                    return;
                }
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| f(out))) {
                    let path = self.display_path(&inputs[held[j].0]);
                    panicked[j] = Some(internal_failure(path, &*panic));
                }
            };
        for rule in self.rules {
            for (j, (_, p)) in held.iter().enumerate() {
                guarded(j, &mut found[j], &|out| run(*rule, p, out));
            }
        }
        // The configuration's own rules, document by document (they differ between documents).
        for (j, (_, p)) in held.iter().enumerate() {
            guarded(j, &mut found[j], &|out| {
                for custom in p.resolved.custom_rules.iter() {
                    if (self.selected)(custom.id()) {
                        run(custom.as_ref(), p, out);
                    }
                }
            });
        }
        held.into_iter()
            .zip(found)
            .zip(panicked)
            .map(|(((k, p), mut diags), panicked)| {
                if let Some(outcome) = panicked {
                    return (k, outcome);
                }
                let finish = AssertUnwindSafe(|| {
                    reportlint_core::sort_diagnostics(&mut diags);
                    let diags = self.judge(&p.doc, &p.resolved, diags);
                    self.finish(&inputs[k], p, diags)
                });
                let outcome = catch_unwind(finish).unwrap_or_else(|panic| {
                    internal_failure(self.display_path(&inputs[k]), &*panic)
                });
                (k, outcome)
            })
            .collect()
    }

    pub fn lint(&self, input: &Input, stdin: Option<&[u8]>) -> FileOutcome {
        match self.prepare(input, stdin) {
            Ok(p) => {
                let diags = self.run_rules(&p.doc, &p.resolved);
                self.finish(input, p, diags)
            }
            Err(outcome) => *outcome,
        }
    }

    /// Reads, decodes and parses an input and resolves its configuration: everything before
    /// the rules run. `Err` is the outcome of an input that goes no further.
    fn prepare(&self, input: &Input, stdin: Option<&[u8]>) -> Result<Prepared, Box<FileOutcome>> {
        let path = self.display_path(input);
        let bytes = match input {
            Input::File(p) => crate::read::read_file(p, &self.io.limits),
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
            Err(message) => return Err(Box::new(failure(path, message))),
        };
        // Kept for `--fix`, to check that the file survives re-encoding unchanged.
        let original = (self.io.fix.mode != crate::fix::FixMode::Off
            && reportlint_formats::Format::detect(&path, &bytes).is_plain_text())
        .then(|| bytes.clone());
        // Binary formats are read in a worker process (crate::isolate): a crash, a hang or an
        // exhausted memory there is this file's finding, not the batch's end.
        let (loaded, limited) =
            match crate::read::load_with(&path, bytes, &self.io.limits, &self.io.extractor) {
                Ok(x) => x,
                Err(f) => return Err(Box::new(self.extract_failure(input, path, f))),
            };
        let (doc, format) = match loaded {
            crate::read::Loaded::Doc(d, format) => (*d, format),
            crate::read::Loaded::NoTextLayer(pages) => {
                let mut outcome = no_text_layer(path, pages);
                let id = crate::pseudo::NO_TEXT_LAYER.id;
                match self.pseudo_level(input, id) {
                    _ if !(self.selected)(id) => outcome.findings.clear(),
                    Some(Level::Off) => outcome.findings.clear(),
                    Some(Level::On(s)) => outcome.findings[0].diag.severity = s,
                    None => {}
                }
                return Err(Box::new(outcome));
            }
        };
        let config_path = match input {
            Input::File(p) => p.as_path(),
            Input::Stdin => Path::new(&self.stdin_name),
        };
        let config = match self.discovery.config_for_file(config_path) {
            Ok(c) => c,
            Err(e) => return Err(Box::new(config_failure(path, e))),
        };
        let region = self
            .region
            .or_else(|| doc.analysis::<AgencyRegion>().path().copied());
        // The tool's own ids too: `[rules]` may set the level of `directive/unused`.
        let ids: Vec<&str> = self
            .rules
            .iter()
            .map(|r| r.meta().id)
            .chain(crate::pseudo::ALL.iter().map(|m| m.id))
            .collect();
        let resolved = Resolved::new(config.as_deref(), config_path, region.as_ref(), &ids);
        Ok(Prepared {
            path,
            doc,
            format,
            limited,
            original,
            config,
            region,
            resolved,
        })
    }

    /// Everything after the rules ran on a prepared input: fixes, positions, the particulars
    /// of the report and what comparing needs of it.
    fn finish(&self, input: &Input, p: Prepared, mut diags: Vec<Diagnostic>) -> FileOutcome {
        let Prepared {
            path,
            doc,
            format,
            limited,
            original,
            config,
            region,
            resolved,
        } = p;
        diags.splice(0..0, self.limit_findings(input, &limited));
        let mut doc = doc;
        let mut fixed = None;
        if let Some(original) = original {
            let (d, summary) = self.fix(input, doc, diags, &original, &resolved);
            (doc, diags, fixed) = (d.0, d.1, Some(Box::new(summary)));
        }
        if self.filter.quiet {
            diags.retain(|d| d.severity == Severity::Error);
        }
        let findings: Vec<Finding> = diags
            .into_iter()
            .map(|d| Finding {
                start: doc.line_col(d.span.start),
                end: doc.line_col(d.span.end),
                page: doc.page_pos(d.span.start),
                diag: d,
                related: Vec::new(),
                ratio: None,
            })
            .collect();
        // A report with no finding of its own may still get one from a comparison.
        let keep = self.io.keep_all_sources
            || (self.keep_source && (!findings.is_empty() || self.compare));
        let source = keep.then(|| {
            Box::new(SourceText {
                index: doc.line_index().clone(),
                text: doc.text().to_owned(),
            })
        });
        let agency = doc
            .title()
            .and_then(|t| t.agency.as_ref())
            .map(|a| a.name.clone());
        let gate = self.compare.then(|| {
            crate::compare::Gate::of(
                &doc,
                &resolved,
                self.rules
                    .iter()
                    .filter(|r| r.as_cross().is_some())
                    .map(|r| r.meta().id),
            )
        });
        let meta = ReportMeta {
            year: doc.title_year(),
            format: Some(format.name()),
            region_code: region.map(|r| r.code()),
            summary: self
                .compare
                .then(|| Box::new(self.summary(&doc, &resolved, &gate))),
            gate: gate.map(Box::new),
            history: match (&config, self.compare) {
                (Some(c), true) => c.history().to_vec(),
                _ => Vec::new(),
            },
        };
        let region = region.map(|r| r.to_string());
        FileOutcome {
            path,
            findings,
            source,
            failed: false,
            agency,
            region,
            fixed,
            meta,
            path_bytes: None,
            rendered: None,
        }
    }

    /// Applies fixes pass by pass (linting again after each), then writes the file or makes the
    /// diff. Returns the final document with its findings.
    fn fix(
        &self,
        input: &Input,
        doc: Document,
        diags: Vec<Diagnostic>,
        original: &[u8],
        resolved: &Resolved,
    ) -> ((Document, Vec<Diagnostic>), crate::fix::FixSummary) {
        use crate::fix::{apply, encode, unified_diff, write_checked, FixMode, FixSummary};
        let mut summary = FixSummary::default();
        let encoding = doc.encoding();
        let first_text = doc.text().to_owned();
        let (mut doc, mut diags) = (doc, diags);
        for _pass in 0..4 {
            let Some((text, applied)) = apply(doc.text(), &diags, &self.io.fix) else {
                break;
            };
            summary.applied.extend(
                applied
                    .iter()
                    .map(|d| format!("{}：{}", d.rule, d.fix.as_ref().map_or("", |f| &f.message))),
            );
            let next = Document::parse(doc.path().to_owned(), text);
            diags = self.run_rules(&next, resolved);
            doc = next;
        }
        if summary.applied.is_empty() {
            return ((doc, diags), summary);
        }
        match self.io.fix.mode {
            FixMode::Diff => {
                summary.diff = Some(unified_diff(doc.path(), &first_text, doc.text()));
            }
            FixMode::Fix => {
                if encode(&first_text, encoding) != original {
                    summary.error = Some(format!(
                        "未写入：按原编码（{}）重新编码后与原文件不一致，为免损坏文件不作修改",
                        encoding.name()
                    ));
                } else if let Input::File(p) = input {
                    match write_checked(p, original, &encode(doc.text(), encoding)) {
                        Ok(()) => summary.written = true,
                        Err(why) => summary.error = Some(why.0),
                    }
                } else {
                    // Standard input: the fixed text goes to standard output (as ruff does).
                    summary.stdout = Some(encode(doc.text(), encoding));
                    summary.written = true;
                }
            }
            FixMode::Off => {}
        }
        ((doc, diags), summary)
    }
}

/// The outcome of a PDF without a text layer: one finding that says so.
pub fn no_text_layer(path: String, pages: usize) -> FileOutcome {
    let diag = Diagnostic::error(
        Span::empty(0),
        format!("PDF 没有文字层（共 {pages} 页，可能是扫描件），无法检查其内容"),
    )
    .with_rule("format/no-text-layer")
    .with_help(
        "《政府信息公开条例》要求公开的信息便于公众获取；请发布带文字层的 PDF（由 Word 直接导出），\
         或同时发布 .docx 或网页版本",
    );
    let mut outcome = failure(path, String::new());
    outcome.findings[0].diag = diag;
    outcome.failed = false;
    outcome
}

impl Linter<'_> {
    /// What the comparing rules need of `doc`, with the comparing rules its configuration runs
    /// and their options.
    fn summary(
        &self,
        doc: &Document,
        resolved: &Resolved,
        gate: &Option<crate::compare::Gate>,
    ) -> reportlint_core::compare::ReportSummary {
        let mut s = reportlint_core::compare::ReportSummary::of(doc);
        if let Some(gate) = gate {
            s.rules = gate.file_levels().collect();
        }
        for (id, _) in &s.rules {
            if let Some(options) = resolved.options(id) {
                s.options.push((id, options.clone()));
            }
        }
        s
    }

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
        let diags = check_document_with(doc, &runs, self.settings);
        self.judge(doc, resolved, diags)
    }

    /// Applies configured severities (per section where asked) and the document's directive
    /// comments to the rules' findings, sorted by position.
    fn judge(
        &self,
        doc: &Document,
        resolved: &Resolved,
        mut diags: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
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
        // Every rule the binary has, not only those selected: a directive that names a rule
        // left out by `--select` names a real rule.
        let known = |sel: &str| {
            self.rules
                .iter()
                .any(|r| selector_matches(sel, r.meta().id))
                || reportlint_core::registered_rules()
                    .iter()
                    .any(|r| selector_matches(sel, r.meta().id))
                || resolved
                    .custom_rules
                    .iter()
                    .any(|r| selector_matches(sel, r.id()))
        };
        let mut diags = directives::apply(doc, diags, &known, self.report_unused_directives);
        // The directives' own findings follow `--select`/`--ignore` and `[rules]` like a rule's.
        diags.retain_mut(|d| {
            if !d.rule.starts_with("directive/") {
                return true;
            }
            if !(self.selected)(&d.rule) {
                return false;
            }
            match resolved.level(&d.rule) {
                Some(Level::Off) => false,
                Some(Level::On(sev)) => {
                    d.severity = sev;
                    true
                }
                None => true,
            }
        });
        diags
    }
}

/// How much text [`Linter::lint_batch`] holds at most before it runs the rules over what it
/// read. A batch of 64 ordinary reports is about 0.4 MB; a 600-page PDF's text is about 1 MB
/// and its model several times that, so long documents go through nearly one at a time and
/// memory stays what linting one of them takes.
const BATCH_TEXT: usize = 1 << 20;

/// An input read, parsed and configured, waiting for its rules.
struct Prepared {
    path: String,
    doc: Document,
    format: reportlint_formats::Format,
    limited: Vec<String>,
    original: Option<Vec<u8>>,
    config: Option<std::sync::Arc<reportlint_config::Config>>,
    region: Option<RegionPath>,
    resolved: Resolved,
}

/// The outcome of an input on which reportlint itself panicked: one `internal` finding.
fn internal_failure(path: String, panic: &(dyn std::any::Any + Send)) -> FileOutcome {
    let what = crate::output::panic_message(panic);
    let mut outcome = failure(
        path,
        format!("reportlint 检查此文件时出现内部错误（{what}）；其他文件不受影响"),
    );
    outcome.findings[0].diag.rule = std::borrow::Cow::Borrowed("internal");
    outcome.findings[0].diag.help = Some("这是 reportlint 的缺陷，请附上此文件报告问题".to_owned());
    outcome
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
    FileOutcome {
        path,
        findings: vec![Finding::at_file_start(diag)],
        source: None,
        failed: true,
        agency: None,
        region: None,
        fixed: None,
        meta: ReportMeta::default(),
        path_bytes: None,
        rendered: None,
    }
}

/// The outcome of a path left out on purpose (a symbolic link out of the folder, a pipe or a
/// device found in a folder): one `io` warning that says why; the run does not fail.
pub fn skipped(path: String, message: String) -> FileOutcome {
    let mut outcome = failure(path, message);
    outcome.findings[0].diag.severity = Severity::Warning;
    outcome.findings[0].diag.help =
        Some("这类路径不会被检查；需要时直接指定要检查的文件".to_owned());
    outcome.failed = false;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::{Context, FixAvailability, RuleMeta};

    struct Panics;

    static PANICS: RuleMeta = RuleMeta {
        id: "test/panics",
        summary: "总是出错",
        default_severity: Severity::Error,
        fix: FixAvailability::None,
        docs: "",
        options: None,
    };

    impl Rule for Panics {
        fn meta(&self) -> &RuleMeta {
            &PANICS
        }
        fn check(&self, _: &mut Context<'_>) {
            panic!("规则内部出错");
        }
    }

    /// Panics on a document that holds `坏`, else reports each `一、` heading.
    struct PanicsOnBad;

    static PANICS_ON_BAD: RuleMeta = RuleMeta {
        id: "test/panics-on-bad",
        summary: "遇“坏”出错",
        default_severity: Severity::Warning,
        fix: FixAvailability::None,
        docs: "",
        options: None,
    };

    impl Rule for PanicsOnBad {
        fn meta(&self) -> &RuleMeta {
            &PANICS_ON_BAD
        }
        fn check(&self, ctx: &mut Context<'_>) {
            let text = ctx.doc().text();
            assert!(!text.contains('坏'), "规则遇到“坏”字");
            if let Some(at) = text.find("一、") {
                ctx.report(reportlint_core::Diagnostic::warning(
                    Span::new(at, at + "一、".len()),
                    "一级标题",
                ));
            }
        }
    }

    fn files(dir: &Path, texts: &[&str]) -> Vec<Input> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let p = dir.join(format!("{i}.txt"));
                std::fs::write(&p, t).unwrap();
                Input::File(p)
            })
            .collect()
    }

    #[test]
    fn a_batch_gives_each_file_the_outcome_it_gets_alone() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = files(
            dir.path(),
            &[
                "一、总体情况\r\n本年度……\r\n",
                "二、主动公开\n",
                "前言\n一、总体情况\n",
                "",
            ],
        );
        let rules: [&'static dyn Rule; 1] = [&PanicsOnBad];
        let selected = |_: &str| true;
        let linter = test_linter(&rules, &selected);
        let batch = linter.lint_batch(&inputs, None);
        assert_eq!(batch.len(), inputs.len());
        for (input, got) in inputs.iter().zip(&batch) {
            let alone = linter.lint_guarded(input, None);
            assert_eq!(got.path, alone.path);
            assert_eq!(got.failed, alone.failed);
            let show = |o: &FileOutcome| {
                o.findings
                    .iter()
                    .map(|f| {
                        (
                            f.diag.rule.to_string(),
                            f.diag.span,
                            f.start.line,
                            f.start.column,
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(show(got), show(&alone), "{}", got.path);
        }
        assert_eq!(batch[0].findings.len(), 1);
        assert_eq!(batch[2].findings[0].start.line, 2);
    }

    #[test]
    fn a_panic_in_a_batch_fails_only_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = files(
            dir.path(),
            &["一、总体情况\n", "一、坏的报告\n", "一、总体情况\n"],
        );
        let rules: [&'static dyn Rule; 1] = [&PanicsOnBad];
        let selected = |_: &str| true;
        let linter = test_linter(&rules, &selected);
        let batch = linter.lint_batch(&inputs, None);
        assert!(!batch[0].failed && !batch[2].failed);
        assert_eq!(batch[0].findings[0].diag.rule, "test/panics-on-bad");
        assert_eq!(batch[2].findings[0].diag.rule, "test/panics-on-bad");
        assert!(batch[1].failed);
        assert_eq!(batch[1].findings.len(), 1);
        assert_eq!(batch[1].findings[0].diag.rule, "internal");
        assert!(batch[1].findings[0].diag.message.contains("坏"));
    }

    fn test_linter<'a>(
        rules: &'a [&'static dyn Rule],
        selected: &'a (dyn Fn(&str) -> bool + Sync),
    ) -> Linter<'a> {
        static SETTINGS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();
        Linter {
            rules,
            selected,
            settings: SETTINGS.get_or_init(Settings::default),
            filter: Filter::default(),
            keep_source: false,
            stdin_name: "-".to_owned(),
            discovery: &Discovery::Isolated,
            region: None,
            report_unused_directives: false,
            io: IoOptions::default(),
            compare: false,
        }
    }

    #[test]
    fn a_panicking_rule_becomes_an_internal_finding_for_that_file() {
        let rules: [&'static dyn Rule; 1] = [&Panics];
        let selected = |_: &str| true;
        let linter = Linter {
            rules: &rules,
            selected: &selected,
            settings: &Settings::default(),
            filter: Filter::default(),
            keep_source: false,
            stdin_name: "报告.txt".to_owned(),
            discovery: &Discovery::Isolated,
            region: None,
            report_unused_directives: false,
            io: IoOptions::default(),
            compare: false,
        };
        let outcome = linter.lint_guarded(&Input::Stdin, Some("一、总体情况\n".as_bytes()));
        assert!(outcome.failed);
        assert_eq!(outcome.path, "报告.txt");
        assert_eq!(outcome.findings.len(), 1);
        let diag = &outcome.findings[0].diag;
        assert_eq!(diag.rule, "internal");
        assert!(diag.message.contains("规则内部出错"), "{}", diag.message);
    }
}
