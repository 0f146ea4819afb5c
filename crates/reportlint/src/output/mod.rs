//! Output formats: pretty (miette), json and concise here; sarif, github, junit and html in
//! their own files.

pub mod batch;
pub mod github;
pub mod html;
pub mod junit;
pub mod sarif;

pub use batch::{Csv, CsvKind, Statistics, Xlsx};
pub use github::Github;
pub use html::Html;
pub use junit::Junit;
pub use sarif::Sarif;

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use reportlint_core::{Diagnostic, Severity};
use serde::Serialize;

use crate::lint::{FileOutcome, Finding};
use crate::source_code::IndexedSource;

/// Counts for the summary line and the exit code.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be read or decoded.
    pub failed: usize,
    /// Files not linted because their configuration file is broken (reported once per
    /// configuration file, not per report).
    pub not_linted: usize,
}

impl Totals {
    pub fn add(&mut self, outcome: &FileOutcome) {
        self.files += 1;
        if outcome.failed {
            self.failed += 1;
        }
        for f in &outcome.findings {
            match f.diag.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// `检查了 3 个文件：错误 7，警告 4，提示 1`
    pub fn summary(&self) -> String {
        let mut s = format!(
            "检查了 {} 个文件：错误 {}，警告 {}，提示 {}",
            self.files, self.errors, self.warnings, self.infos
        );
        if self.failed > 0 {
            s.push_str(&format!("；{} 个文件无法读取", self.failed));
        }
        if self.not_linted > 0 {
            s.push_str(&format!("；{} 个文件因配置文件有误未检查", self.not_linted));
        }
        s
    }
}

/// Writes one run's findings in some format, file by file, in order.
pub trait Emitter {
    fn begin(&mut self, _out: &mut dyn Write, _files: usize) -> io::Result<()> {
        Ok(())
    }
    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()>;
    fn end(&mut self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }
    /// Whether the emitter needs each file's text (to show excerpts).
    fn needs_source(&self) -> bool {
        false
    }
    /// A function that makes a file's output from its outcome alone, without the emitter's
    /// state, so that worker threads make it while this thread writes ([`prerender`]); `file`
    /// then writes what it made. `None`: `file` makes the output as it writes.
    fn renderer(&self) -> Option<Renderer> {
        None
    }
    /// Whether `file` makes the whole of `outcome`'s output before it writes any of it, in one
    /// `write_all` at the end: a panic while it makes it then leaves `out` untouched, and
    /// [`emit_guarded`] lets it write to `out` directly instead of through a buffer (a copy of
    /// every byte of the output: 42 MB for a compared batch of ten thousand reports).
    fn writes_whole(&self, _outcome: &FileOutcome) -> bool {
        false
    }
}

/// See [`Emitter::renderer`].
pub type Renderer = std::sync::Arc<dyn Fn(&FileOutcome) -> Vec<u8> + Send + Sync>;

/// Makes `outcome`'s output with `render` ahead of writing. A panic leaves it unmade: the
/// emitter then makes it again as it writes, where [`emit_guarded`] turns the panic into an
/// `internal` finding for the file.
pub fn prerender(render: &Renderer, outcome: &mut FileOutcome) {
    let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(outcome)));
    outcome.rendered = made.ok();
}

/// The message of a caught panic.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("未知错误")
}

/// Writes one file's outcome with `emitter`, guarded: the emitter writes into a buffer (or
/// straight to `out` when it makes the whole output first, [`Emitter::writes_whole`]), and a
/// panic while it does (a renderer's bug on some odd text) becomes an `internal` finding for
/// that file, written instead; the other files are written as usual. Every emitter takes its
/// counts only once a file's part is made, so an abandoned part leaves no trace. Returns whether
/// the outcome had to be replaced (the run then fails, as for an unreadable file).
pub fn emit_guarded(
    emitter: &mut dyn Emitter,
    out: &mut dyn Write,
    outcome: &FileOutcome,
) -> io::Result<bool> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let made = if emitter.writes_whole(outcome) {
        catch_unwind(AssertUnwindSafe(|| emitter.file(out, outcome)))
    } else {
        emit_buffered(emitter, out, outcome)
    };
    let panic = match made {
        Ok(result) => return result.map(|()| false),
        Err(panic) => panic,
    };
    let mut internal = crate::lint::failure(
        outcome.path.clone(),
        format!(
            "reportlint 输出此文件的结果时出现内部错误（{}）；其他文件不受影响",
            panic_message(&*panic)
        ),
    );
    internal.path_bytes = outcome.path_bytes.clone();
    internal.findings[0].diag.rule = std::borrow::Cow::Borrowed("internal");
    internal.findings[0].diag.help = Some(
        "这是 reportlint 的缺陷，请附上此文件报告问题；换用 --format json 可看到其余结果"
            .to_owned(),
    );
    let mut buf = Vec::new();
    if let Ok(result) = catch_unwind(AssertUnwindSafe(|| emitter.file(&mut buf, &internal))) {
        result?;
        out.write_all(&buf)?;
    }
    Ok(true)
}

/// `emitter.file` into a buffer, then the buffer to `out`: a panic in `file` leaves `out`
/// untouched (`Err` with the panic).
fn emit_buffered(
    emitter: &mut dyn Emitter,
    out: &mut dyn Write,
    outcome: &FileOutcome,
) -> std::thread::Result<io::Result<()>> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    thread_local! {
        /// The buffer an outcome is made in, kept from one outcome to the next: a batch's
        /// outputs are made one after another on the same thread, each a few kilobytes.
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut buf = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    buf.clear();
    let result = catch_unwind(AssertUnwindSafe(|| emitter.file(&mut buf, outcome)))?;
    let written = result.and_then(|()| out.write_all(&buf));
    // An unusually large output is not kept for the next.
    if buf.capacity() <= 1 << 20 {
        SCRATCH.with(|s| *s.borrow_mut() = buf);
    }
    Ok(written)
}

/// Ends the output, guarded: a panic while the emitter writes its whole-run part is reported on
/// `err` as an I/O error of the run (exit code 2), not a crash.
pub fn end_guarded(
    emitter: &mut dyn Emitter,
    out: &mut dyn Write,
    err: &mut dyn Write,
    totals: &Totals,
) -> io::Result<()> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let mut buf = Vec::new();
    match catch_unwind(AssertUnwindSafe(|| emitter.end(&mut buf, totals))) {
        Ok(result) => {
            result?;
            out.write_all(&buf)
        }
        Err(panic) => {
            let what = panic_message(&*panic).to_owned();
            let _ = writeln!(err, "reportlint: 生成输出时出现内部错误（{what}）");
            Err(io::Error::other(format!("内部错误：{what}")))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// pretty

pub struct Pretty {
    handler: GraphicalReportHandler,
    width: usize,
}

/// The width of pretty output when standard output is no terminal (a file, a pipe, a test).
pub const DEFAULT_WIDTH: usize = 100;

/// The narrowest width pretty output takes (a `COLUMNS=5` would leave no room for text).
pub const MIN_WIDTH: usize = 40;

/// The width [`crate::main`] found for pretty output, when standard output is a terminal or
/// `COLUMNS` is set.
static TERMINAL_WIDTH: std::sync::OnceLock<usize> = std::sync::OnceLock::new();

/// Sets the width of pretty output for this process (the first call wins).
pub fn set_terminal_width(width: usize) {
    let _ = TERMINAL_WIDTH.set(width.max(MIN_WIDTH));
}

/// The width of pretty output: what [`set_terminal_width`] set, else [`DEFAULT_WIDTH`].
pub fn pretty_width() -> usize {
    TERMINAL_WIDTH.get().copied().unwrap_or(DEFAULT_WIDTH)
}

/// The width for pretty output from `COLUMNS` (when it is a number) or the terminal's size (when
/// standard output is one); `None`: no terminal, [`DEFAULT_WIDTH`] applies.
pub fn width_from(columns: Option<&str>, terminal: Option<usize>) -> Option<usize> {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or(terminal.filter(|&c| c > 0))
        .map(|c| c.max(MIN_WIDTH))
}

impl Pretty {
    /// Writes `outcome`'s findings, each with its excerpt.
    fn render(&self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        for finding in &outcome.findings {
            // In a PDF the excerpt is headed with the page and line on the page.
            let name = match finding.page {
                Some(p) => format!("{}（第{}页第{}行）", outcome.path, p.page, p.line),
                None => outcome.path.clone(),
            };
            let source = outcome.source.as_ref().and_then(|s| {
                // The I/O finding has no source to show.
                (finding.diag.rule != "io").then(|| IndexedSource {
                    name: &name,
                    text: &s.text,
                    index: &s.index,
                    // miette's gutter: ` 123 │ ` for the last line number shown.
                    columns: self
                        .width
                        .saturating_sub((finding.start.line + 1).to_string().len() + 4),
                })
            });
            let report = Report {
                finding,
                source,
                path: &outcome.path,
            };
            let mut rendered = String::new();
            if self.handler.render_report(&mut rendered, &report).is_err() {
                // No excerpt (the source could not be shown): the message with its place.
                let bare = Report {
                    source: None,
                    ..report
                };
                rendered = String::new();
                if self.handler.render_report(&mut rendered, &bare).is_err() {
                    rendered = format!("{bare}\n");
                }
            }
            out.write_all(rendered.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Pretty output `width` display columns wide: messages wrap there, and a line of the
    /// report shown wider than that is shown as a window around the finding.
    pub fn new(color: bool, width: usize) -> Self {
        let width = width.max(MIN_WIDTH);
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Pretty {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(width)
                .with_context_lines(1)
                .with_links(false),
            width,
        }
    }
}

/// One finding as a miette diagnostic.
struct Report<'a> {
    finding: &'a Finding,
    source: Option<IndexedSource<'a>>,
    path: &'a str,
}

impl std::fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.finding.diag.message)
    }
}

impl std::fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = &self.finding.diag;
        if self.source.is_some() {
            f.write_str(&d.message)
        } else {
            // No excerpt, so no header with the location: say where in the message.
            write!(f, "{}: {}", self.finding.location(self.path), d.message)
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}[{}]",
            self.finding.diag.severity.as_str(),
            self.finding.diag.rule
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        let d = &self.finding.diag;
        let fix = d.fix.as_ref().map(|fix| match fix.applicability {
            reportlint_core::Applicability::Safe => format!("可自动修复：{}", fix.message),
            _ => format!("建议：{}", fix.message),
        });
        // The other report's text, for a finding that compares reports.
        let related: Vec<String> = self
            .finding
            .related
            .iter()
            .map(|r| {
                let name = r.path.rsplit(['/', '\\']).next().unwrap_or(&r.path);
                let at = match r.at.page {
                    Some(p) => format!("{name}（第{}页第{}行）", p.page, p.line),
                    None => format!("{name}:{}:{}", r.at.start.line, r.at.start.column),
                };
                format!("对照 {at}（{}）：{}", r.message, r.excerpt)
            })
            .collect();
        let lines: Vec<String> = d.help.iter().cloned().chain(fix).chain(related).collect();
        (!lines.is_empty()).then(|| Box::new(lines.join("\n")) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let d = &self.finding.diag;
        let primary =
            LabeledSpan::new_primary_with_span(d.span_label.clone(), (d.span.start, d.span.len()));
        let rest = d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(Some(l.message.clone()), (l.span.start, l.span.len()))
        });
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}

impl Emitter for Pretty {
    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        match &outcome.rendered {
            Some(buf) => out.write_all(buf),
            None => self.render(out, outcome),
        }
    }

    fn renderer(&self) -> Option<Renderer> {
        let pretty = Pretty {
            handler: self.handler.clone(),
            width: self.width,
        };
        Some(std::sync::Arc::new(move |outcome: &FileOutcome| {
            let mut buf = Vec::new();
            // Writing into a `Vec` does not fail.
            let _ = pretty.render(&mut buf, outcome);
            buf
        }))
    }

    fn needs_source(&self) -> bool {
        true
    }

    fn writes_whole(&self, outcome: &FileOutcome) -> bool {
        // Made on a thread ahead of writing; else `render` writes piece by piece.
        outcome.rendered.is_some()
    }
}

// ---------------------------------------------------------------------------------------------
// json

/// The JSON contract, version 1 (docs/output.md). Fields may be added, never removed or changed.
pub struct Json {
    first: bool,
    /// One object per input, written after the diagnostics: each is made as its input's
    /// diagnostics are written (`\n{…}`, then `,\n{…}`), so that the end has only to copy them.
    reports: Vec<u8>,
    /// The object being made for the current input, kept from one input to the next.
    report: Vec<u8>,
}

impl Json {
    pub fn new() -> Self {
        Json {
            first: true,
            reports: Vec::new(),
            report: Vec::new(),
        }
    }
}

/// A report's particulars and counts (the `reports` array).
#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub path: &'a str,
    pub agency: Option<&'a str>,
    pub region: Option<&'a str>,
    pub region_code: Option<&'static str>,
    pub year: Option<i32>,
    pub format: Option<&'static str>,
    /// `"pass"`, `"fail"` (errors) or `"unreadable"`.
    pub result: &'static str,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl<'a> JsonReport<'a> {
    pub fn new(o: &'a FileOutcome) -> JsonReport<'a> {
        let (mut errors, mut warnings, mut infos) = (0, 0, 0);
        for f in &o.findings {
            match f.diag.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Info => infos += 1,
            }
        }
        JsonReport {
            path: &o.path,
            agency: o.agency.as_deref(),
            region: o.region.as_deref(),
            region_code: o.meta.region_code,
            year: o.meta.year,
            format: o.meta.format,
            result: match batch::result(o, errors) {
                "通过" => "pass",
                "不通过" => "fail",
                _ => "unreadable",
            },
            errors,
            warnings,
            infos,
        }
    }

    /// Appends the report as `serde_json::to_writer` would (a test compares them).
    fn write(&self, buf: &mut Vec<u8>) {
        use json_write::{int, opt_int, opt_str, str};
        buf.extend_from_slice(b"{\"path\":");
        str(buf, self.path);
        buf.extend_from_slice(b",\"agency\":");
        opt_str(buf, self.agency);
        buf.extend_from_slice(b",\"region\":");
        opt_str(buf, self.region);
        buf.extend_from_slice(b",\"region_code\":");
        opt_str(buf, self.region_code);
        buf.extend_from_slice(b",\"year\":");
        opt_int(buf, self.year);
        buf.extend_from_slice(b",\"format\":");
        opt_str(buf, self.format);
        buf.extend_from_slice(b",\"result\":");
        str(buf, self.result);
        buf.extend_from_slice(b",\"errors\":");
        int(buf, self.errors);
        buf.extend_from_slice(b",\"warnings\":");
        int(buf, self.warnings);
        buf.extend_from_slice(b",\"infos\":");
        int(buf, self.infos);
        buf.push(b'}');
    }
}

impl Default for Json {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    /// The path's bytes, only when it is not UTF-8 (`path` then shows it lossily).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<&'a [u8]>,
    pub rule: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Page (1-based) of a paged document (PDF); null for other formats.
    pub page: Option<u32>,
    /// Line on that page (1-based, every printed line counted from the top); null for other
    /// formats.
    pub page_line: Option<u32>,
    pub offset: usize,
    pub length: usize,
    pub labels: Vec<JsonLabel<'a>>,
    pub fix: Option<JsonFix<'a>>,
    /// For a finding that compares reports: the places in the other report (added field;
    /// absent for other findings).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated<'a>>,
    /// The share a comparing rule measured, 0–1 (added field; absent for other findings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
}

#[derive(Serialize)]
pub struct JsonRelated<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    /// The page in a paged document (PDF), else `null`.
    pub page: Option<u32>,
    pub message: &'a str,
    pub excerpt: &'a str,
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub message: &'a str,
    pub offset: usize,
    pub length: usize,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub message: &'a str,
    pub applicability: &'a str,
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub offset: usize,
    pub length: usize,
    pub replacement: &'a str,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(path: &'a str, f: &'a Finding) -> Self {
        let d: &Diagnostic = &f.diag;
        JsonDiagnostic {
            path,
            path_bytes: None,
            rule: &d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            help: d.help.as_deref(),
            line: f.start.line,
            column: f.start.column,
            end_line: f.end.line,
            end_column: f.end.column,
            page: f.page.map(|p| p.page),
            page_line: f.page.map(|p| p.line),
            offset: d.span.start,
            length: d.span.len(),
            labels: d
                .labels
                .iter()
                .map(|l| JsonLabel {
                    message: &l.message,
                    offset: l.span.start,
                    length: l.span.len(),
                })
                .collect(),
            fix: d.fix.as_ref().map(|fix| JsonFix {
                message: &fix.message,
                applicability: fix.applicability.as_str(),
                edits: fix
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        offset: e.span.start,
                        length: e.span.len(),
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
            related: f
                .related
                .iter()
                .map(|r| JsonRelated {
                    path: &r.path,
                    line: r.at.start.line,
                    column: r.at.start.column,
                    page: r.at.page.map(|p| p.page),
                    message: &r.message,
                    excerpt: &r.excerpt,
                })
                .collect(),
            ratio: f.ratio,
        }
    }
}

/// A file's diagnostics as JSON, each as `,\n{…}`.
fn json_diagnostics(outcome: &FileOutcome) -> Vec<u8> {
    let mut buf = Vec::with_capacity(640 * outcome.findings.len());
    for f in &outcome.findings {
        buf.extend_from_slice(b",\n");
        write_diagnostic(&mut buf, &outcome.path, outcome.path_bytes.as_deref(), f);
    }
    buf
}

/// JSON written by hand, byte for byte what `serde_json` makes of the same structs (a test
/// compares them): every diagnostic of a batch is written, and `serde_json` escapes strings a
/// byte at a time, while most of these strings need no escape at all.
mod json_write {
    /// Appends `s` as a JSON string.
    pub fn str(buf: &mut Vec<u8>, s: &str) {
        if !needs_escape(s.as_bytes()) {
            buf.reserve(s.len() + 2);
            buf.push(b'"');
            buf.extend_from_slice(s.as_bytes());
            buf.push(b'"');
        } else if serde_json::to_writer(&mut *buf, s).is_err() {
            // Writing a string into a `Vec` does not fail.
            buf.extend_from_slice(b"null");
        }
    }

    /// Whether JSON escapes a byte of `s`: a control character, `"` or `\\`. All but the last
    /// few bytes in one pass the compiler vectorises; those (up to seven: most strings written
    /// are short, paths and rule ids) by a table, a load each instead of three comparisons.
    fn needs_escape(s: &[u8]) -> bool {
        const ESCAPED: [bool; 256] = {
            let mut t = [false; 256];
            let mut b = 0;
            while b < 0x20 {
                t[b] = true;
                b += 1;
            }
            t[b'"' as usize] = true;
            t[b'\\' as usize] = true;
            t
        };
        let (head, rest) = s.split_at(s.len() & !7);
        let in_head = head.iter().fold(false, |any, &b| {
            any | (b < 0x20) | (b == b'"') | (b == b'\\')
        });
        in_head
            | rest
                .iter()
                .fold(false, |any, &b| any | ESCAPED[usize::from(b)])
    }

    pub fn opt_str(buf: &mut Vec<u8>, s: Option<&str>) {
        match s {
            Some(s) => str(buf, s),
            None => buf.extend_from_slice(b"null"),
        }
    }

    pub fn int(buf: &mut Vec<u8>, n: impl itoa::Integer) {
        buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    pub fn opt_int(buf: &mut Vec<u8>, n: Option<impl itoa::Integer>) {
        match n {
            Some(n) => int(buf, n),
            None => buf.extend_from_slice(b"null"),
        }
    }

    /// `[item,item,…]`.
    pub fn list<T>(buf: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
        buf.push(b'[');
        for (i, t) in items.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            item(buf, t);
        }
        buf.push(b']');
    }
}

/// Appends finding `f` of the file at `path` as `serde_json::to_writer` writes its
/// [`JsonDiagnostic`] (a test compares them), straight from the finding: the `JsonDiagnostic`
/// would first collect its labels and related places into vectors of their own. Each key comes
/// with the comma before it as one literal.
fn write_diagnostic(buf: &mut Vec<u8>, path: &str, path_bytes: Option<&[u8]>, f: &Finding) {
    use json_write::{int, list, opt_int, opt_str, str};
    let d = &f.diag;
    buf.extend_from_slice(b"{\"path\":");
    str(buf, path);
    if let Some(bytes) = path_bytes {
        buf.extend_from_slice(b",\"path_bytes\":");
        list(buf, bytes, |buf, b| int(buf, *b));
    }
    buf.extend_from_slice(b",\"rule\":");
    str(buf, &d.rule);
    buf.extend_from_slice(b",\"severity\":");
    str(buf, d.severity.as_str());
    buf.extend_from_slice(b",\"message\":");
    str(buf, &d.message);
    buf.extend_from_slice(b",\"help\":");
    opt_str(buf, d.help.as_deref());
    buf.extend_from_slice(b",\"line\":");
    int(buf, f.start.line);
    buf.extend_from_slice(b",\"column\":");
    int(buf, f.start.column);
    buf.extend_from_slice(b",\"end_line\":");
    int(buf, f.end.line);
    buf.extend_from_slice(b",\"end_column\":");
    int(buf, f.end.column);
    buf.extend_from_slice(b",\"page\":");
    opt_int(buf, f.page.map(|p| p.page));
    buf.extend_from_slice(b",\"page_line\":");
    opt_int(buf, f.page.map(|p| p.line));
    buf.extend_from_slice(b",\"offset\":");
    int(buf, d.span.start);
    buf.extend_from_slice(b",\"length\":");
    int(buf, d.span.len());
    buf.extend_from_slice(b",\"labels\":");
    list(buf, &d.labels, |buf, l| {
        buf.extend_from_slice(b"{\"message\":");
        str(buf, &l.message);
        buf.extend_from_slice(b",\"offset\":");
        int(buf, l.span.start);
        buf.extend_from_slice(b",\"length\":");
        int(buf, l.span.len());
        buf.push(b'}');
    });
    buf.extend_from_slice(b",\"fix\":");
    match &d.fix {
        None => buf.extend_from_slice(b"null"),
        Some(fix) => {
            buf.extend_from_slice(b"{\"message\":");
            str(buf, &fix.message);
            buf.extend_from_slice(b",\"applicability\":");
            str(buf, fix.applicability.as_str());
            buf.extend_from_slice(b",\"edits\":");
            list(buf, &fix.edits, |buf, e| {
                buf.extend_from_slice(b"{\"offset\":");
                int(buf, e.span.start);
                buf.extend_from_slice(b",\"length\":");
                int(buf, e.span.len());
                buf.extend_from_slice(b",\"replacement\":");
                str(buf, &e.replacement);
                buf.push(b'}');
            });
            buf.push(b'}');
        }
    }
    if !f.related.is_empty() {
        buf.extend_from_slice(b",\"related\":");
        list(buf, &f.related, |buf, r| {
            buf.extend_from_slice(b"{\"path\":");
            str(buf, &r.path);
            buf.extend_from_slice(b",\"line\":");
            int(buf, r.at.start.line);
            buf.extend_from_slice(b",\"column\":");
            int(buf, r.at.start.column);
            buf.extend_from_slice(b",\"page\":");
            opt_int(buf, r.at.page.map(|p| p.page));
            buf.extend_from_slice(b",\"message\":");
            str(buf, &r.message);
            buf.extend_from_slice(b",\"excerpt\":");
            str(buf, &r.excerpt);
            buf.push(b'}');
        });
    }
    if let Some(ratio) = f.ratio {
        buf.extend_from_slice(b",\"ratio\":");
        // `serde_json`'s own float format (and `null` for what JSON cannot hold).
        if serde_json::to_writer(&mut *buf, &ratio).is_err() {
            buf.extend_from_slice(b"null");
        }
    }
    buf.push(b'}');
}

impl Emitter for Json {
    fn begin(&mut self, out: &mut dyn Write, files: usize) -> io::Result<()> {
        write!(out, "{{\"version\":1,\"files\":{files},\"diagnostics\":[")
    }

    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        // Made whole before anything is written or `first` changes (see `emit_guarded`): it
        // writes to `out` directly (`writes_whole`).
        let made;
        let buf = match &outcome.rendered {
            Some(buf) => buf,
            None => {
                made = json_diagnostics(outcome);
                &made
            }
        };
        // Each diagnostic comes as `,\n{…}`; the array's first has no comma.
        let buf = match buf.split_first() {
            Some((b',', rest)) if self.first => rest,
            _ => buf,
        };
        let report = &mut self.report;
        report.clear();
        report.extend_from_slice(if self.reports.is_empty() {
            b"\n"
        } else {
            b",\n"
        });
        JsonReport::new(outcome).write(report);
        out.write_all(buf)?;
        self.first &= buf.is_empty();
        self.reports.extend_from_slice(&self.report);
        Ok(())
    }

    fn renderer(&self) -> Option<Renderer> {
        Some(std::sync::Arc::new(json_diagnostics))
    }

    fn writes_whole(&self, _outcome: &FileOutcome) -> bool {
        true
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        out.write_all(b"\n],\n\"reports\":[")?;
        out.write_all(&self.reports)?;
        write!(
            out,
            "\n],\n\"totals\":{{\"files\":{},\"errors\":{},\"warnings\":{},\"infos\":{},\"failed\":{},\"not_linted\":{}}}}}\n",
            totals.files, totals.errors, totals.warnings, totals.infos, totals.failed, totals.not_linted
        )
    }
}

// ---------------------------------------------------------------------------------------------
// concise

/// `path:line:col: severity [rule] message`; in a PDF `path（第3页第12行）: severity [rule] message`.
pub struct Concise;

impl Emitter for Concise {
    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        match &outcome.rendered {
            Some(buf) => out.write_all(buf),
            None => out.write_all(&concise_lines(outcome)),
        }
    }

    fn renderer(&self) -> Option<Renderer> {
        Some(std::sync::Arc::new(concise_lines))
    }

    fn writes_whole(&self, _outcome: &FileOutcome) -> bool {
        true
    }
}

/// A file's findings, one line each.
fn concise_lines(outcome: &FileOutcome) -> Vec<u8> {
    let mut buf = Vec::new();
    for f in &outcome.findings {
        // Writing into a `Vec` does not fail.
        let _ = writeln!(
            buf,
            "{}: {} [{}] {}",
            f.location(&outcome.path),
            f.diag.severity,
            f.diag.rule,
            f.diag.message
        );
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written JSON is byte for byte `serde_json`'s, on every kind of field: escapes,
    /// control characters, nulls, labels, fixes, related places, ratios, a path that is not
    /// UTF-8.
    #[test]
    fn hand_written_json_is_serde_json() {
        use reportlint_core::compare::{Place, Related};
        use reportlint_core::{Edit, Fix, LineCol, PagePos, Span};
        let at = |line, column| LineCol { line, column };
        let plain = Finding {
            diag: Diagnostic::new(Severity::Warning, Span::new(3, 9), "合计应为 65，表中为 54")
                .with_rule("tables/sums"),
            start: at(2, 1),
            end: at(2, 7),
            related: Vec::new(),
            ratio: None,
            page: None,
        };
        let mut rich = plain.clone();
        rich.diag = Diagnostic::new(
            Severity::Error,
            Span::new(0, 120),
            "“引号” \"直引号\" 反斜杠\\ 换行\n制表\t回车\r \u{8}\u{c}\u{1}\u{1f}\u{7f} 〔2021〕",
        )
        .with_rule("compare/copied-text")
        .with_help("核对：合计 = 1 + 2；</script>")
        .with_label(Span::new(1, 2), "与上年相同")
        .with_label(Span::new(40, 44), "第二处\"")
        .with_fix(Fix::safe(
            "改为“〔2021〕30号”",
            vec![
                Edit {
                    span: Span::new(5, 9),
                    replacement: "〔2021〕".into(),
                },
                Edit {
                    span: Span::new(9, 9),
                    replacement: String::new(),
                },
            ],
        ));
        rich.page = Some(PagePos { page: 3, line: 12 });
        rich.ratio = Some(0.8299445471349353);
        rich.related = vec![Related {
            path: "二〇二三/报告 \"旧\".txt".into(),
            at: Place {
                span: Span::new(7, 8),
                start: at(11, 1),
                end: at(11, 2),
                page: None,
            },
            message: "2023年报告中的同一句".into(),
            excerpt: "| 行政规范性文件 | 0 | 2 | 8 |".into(),
        }];
        let mut whole = rich.clone();
        whole.ratio = Some(1.0);
        whole.diag.fix = Some(Fix::suggestion("无编辑", Vec::new()));
        let mut odd = plain.clone();
        odd.ratio = Some(f64::NAN);
        for f in [&plain, &rich, &whole, &odd] {
            for path_bytes in [None, Some(&[0xff_u8, 0x41, 0][..])] {
                let mut d = JsonDiagnostic::new("目录/报告\t1.txt", f);
                d.path_bytes = path_bytes;
                let mut mine = Vec::new();
                write_diagnostic(&mut mine, "目录/报告\t1.txt", path_bytes, f);
                let serde = serde_json::to_vec(&d).unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&mine),
                    String::from_utf8_lossy(&serde)
                );
            }
        }
    }

    /// The escape test finds each byte that JSON escapes at every place of strings of every
    /// length up to 40 (in the vectorised part and in the last bytes), and passes the others.
    #[test]
    fn escaped_bytes_are_found_anywhere() {
        for len in 0..40 {
            for at in 0..len {
                for b in 0..=255_u8 {
                    let mut s = vec![b'a'; len];
                    s[at] = b;
                    let Ok(text) = std::str::from_utf8(&s) else {
                        continue;
                    };
                    let mut mine = Vec::new();
                    json_write::str(&mut mine, text);
                    assert_eq!(mine, serde_json::to_vec(text).unwrap(), "{len} {at} {b}");
                }
            }
        }
    }

    /// The `reports` objects written by hand are byte for byte `serde_json`'s: nulls, escapes,
    /// a negative year, each result, counts of each severity.
    #[test]
    fn hand_written_reports_are_serde_json() {
        let unreadable = failure("目录/坏\"文件\".pdf".to_owned(), "无法读取".to_owned());
        let read = |year| {
            let mut o = failure("a\\b\n.txt".to_owned(), "x".to_owned());
            o.failed = false;
            o.agency = Some("某镇人民政府\t“办公室”\u{1}".to_owned());
            o.region = Some("山东省".to_owned());
            o.meta.region_code = Some("371003106");
            o.meta.year = Some(year);
            o.meta.format = Some("pdf");
            o
        };
        let mut warning = unreadable.findings[0].clone();
        warning.diag.severity = Severity::Warning;
        let mut info = warning.clone();
        info.diag.severity = Severity::Info;
        let mut full = read(2023);
        full.findings
            .extend([warning.clone(), warning.clone(), info]);
        let mut passing = read(-1);
        passing.findings = vec![warning];
        passing.region = None;
        for o in [&unreadable, &full, &passing] {
            let report = JsonReport::new(o);
            let mut mine = Vec::new();
            report.write(&mut mine);
            assert_eq!(
                String::from_utf8_lossy(&mine),
                String::from_utf8_lossy(&serde_json::to_vec(&report).unwrap())
            );
        }
        let results: Vec<_> = [&unreadable, &full, &passing]
            .map(|o| JsonReport::new(o).result)
            .into();
        assert_eq!(results, ["unreadable", "fail", "pass"]);
    }

    use crate::lint::failure;

    /// Writes a line per finding, but panics halfway through a file named `bad.txt` (unless the
    /// finding is the `internal` one that replaces it).
    struct Panicky;

    impl Emitter for Panicky {
        fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
            out.write_all(b"half of ")?;
            if outcome.path == "bad.txt" && outcome.findings[0].diag.rule != "internal" {
                panic!("渲染出错");
            }
            writeln!(out, "{} [{}]", outcome.path, outcome.findings[0].diag.rule)
        }
    }

    #[test]
    fn a_panic_in_one_files_output_becomes_an_internal_finding() {
        let mut out = Vec::new();
        let mut em = Panicky;
        let mut replaced = Vec::new();
        for path in ["a.txt", "bad.txt", "c.txt"] {
            let o = failure(path.to_owned(), "x".to_owned());
            replaced.push(emit_guarded(&mut em, &mut out, &o).unwrap());
        }
        assert_eq!(replaced, [false, true, false]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "half of a.txt [io]\nhalf of bad.txt [internal]\nhalf of c.txt [io]\n",
            "nothing of the abandoned part is written"
        );
    }

    /// A file with one finding on `needle`, its text kept, as `check` makes it.
    fn outcome_with(text: &str, needle: &str) -> FileOutcome {
        let index = reportlint_core::LineIndex::new(text);
        let start = text.find(needle).unwrap();
        let end = start + needle.len();
        let diag = reportlint_core::Diagnostic::error(
            reportlint_core::Span::new(start, end),
            "错别字“需要”".to_owned(),
        )
        .with_rule("style/typos");
        let mut o = failure("报告.txt".to_owned(), String::new());
        o.failed = false;
        o.findings = vec![crate::lint::Finding {
            start: index.line_col(text, start),
            end: index.line_col(text, end),
            diag,
            page: None,
            related: Vec::new(),
            ratio: None,
        }];
        o.source = Some(Box::new(crate::lint::SourceText {
            text: text.to_owned(),
            index,
        }));
        o
    }

    fn pretty(width: usize, o: &FileOutcome) -> String {
        let mut out = Vec::new();
        Pretty::new(false, width).file(&mut out, o).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The display column where `needle` starts in `line`.
    fn column_of(line: &str, needle: &str) -> usize {
        crate::source_code::text_columns(&line[..line.find(needle).unwrap()])
    }

    /// Item 9 of issue 16's new user: at 80 and 120 columns no line of the excerpt is wider than
    /// the output, and the underline stays under the finding (CJK characters take two columns).
    #[test]
    fn pretty_output_fits_its_width_and_the_underline_stays_under_the_text() {
        let long = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，".repeat(6);
        let text = format!(
            "一、总体情况\n{long}\n{long}按照要求需要公开的信息及时公开，{long}\n{long}\n短的一行\n"
        );
        let needle = "需要公开";
        for width in [80, 120] {
            let shown = pretty(width, &outcome_with(&text, needle));
            for line in shown.lines() {
                assert!(
                    crate::source_code::text_columns(line) <= width,
                    "{width}: {} columns: {line}\n{shown}",
                    crate::source_code::text_columns(line)
                );
            }
            let lines: Vec<&str> = shown.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("{width}: the finding is shown\n{shown}"));
            let under = lines[at + 1];
            let mark = under.find(['─', '┬', '▲']).expect("an underline");
            assert_eq!(
                crate::source_code::text_columns(&under[..mark]),
                column_of(lines[at], needle),
                "{width}:\n{shown}"
            );
            // The window is as wide as the room allows, not a fixed number of characters.
            let line_width = crate::source_code::text_columns(lines[at]);
            assert!(line_width + 2 >= width, "{width}: {line_width}\n{shown}");
        }
        // A short line with short context lines is shown whole, context and all.
        let text = "一、总体情况\n按照要求需要公开的信息及时公开。\n二、主动公开政府信息情况\n";
        for width in [80, 120] {
            let shown = pretty(width, &outcome_with(text, needle));
            assert!(shown.contains("一、总体情况"), "{shown}");
            assert!(shown.contains("二、主动公开政府信息情况"), "{shown}");
        }
    }

    #[test]
    fn the_width_comes_from_columns_or_the_terminal() {
        assert_eq!(width_from(Some("132"), Some(80)), Some(132));
        assert_eq!(width_from(None, Some(80)), Some(80));
        assert_eq!(width_from(Some("宽"), Some(90)), Some(90));
        assert_eq!(width_from(Some("10"), None), Some(MIN_WIDTH));
        assert_eq!(width_from(None, None), None);
        assert_eq!(width_from(Some("0"), None), None);
    }
}
