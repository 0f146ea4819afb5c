//! Summaries of a batch for the people who receive it: a workbook (`--format xlsx`), CSV files
//! Excel opens (`--format csv`, UTF-8 with BOM), and per-rule counts (`--statistics`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use reportlint_core::{registered_rules, Severity};
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::{Emitter, Totals};
use crate::lint::FileOutcome;

/// One report's line in the summaries.
pub struct ReportRow {
    pub path: String,
    pub agency: String,
    pub region: String,
    pub region_code: String,
    pub year: String,
    pub format: String,
    /// `通过`, `不通过` (errors) or `无法读取`.
    pub result: &'static str,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The rules that fired, in order of first finding.
    pub rules: String,
    /// Each rule's first message, one per line: `rule：message`.
    pub first_messages: String,
}

impl ReportRow {
    pub fn new(o: &FileOutcome) -> ReportRow {
        let count = |s| o.findings.iter().filter(|f| f.diag.severity == s).count();
        let errors = count(Severity::Error);
        let mut firsts: Vec<(&str, &str)> = Vec::new();
        for f in &o.findings {
            if !firsts.iter().any(|(r, _)| *r == f.diag.rule) {
                firsts.push((&f.diag.rule, &f.diag.message));
            }
        }
        ReportRow {
            path: o.path.clone(),
            agency: o.agency.clone().unwrap_or_default(),
            region: o.region.clone().unwrap_or_default(),
            region_code: o.meta.region_code.unwrap_or_default().to_owned(),
            year: o.meta.year.map(|y| y.to_string()).unwrap_or_default(),
            format: o.meta.format.unwrap_or_default().to_owned(),
            result: result(o, errors),
            errors,
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            rules: firsts
                .iter()
                .map(|(r, _)| *r)
                .collect::<Vec<_>>()
                .join("、"),
            first_messages: firsts
                .iter()
                .map(|(r, m)| format!("{r}：{m}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// `通过` when no finding is an error, `不通过` otherwise, `无法读取` for a file not linted.
pub fn result(o: &FileOutcome, errors: usize) -> &'static str {
    if o.failed {
        "无法读取"
    } else if errors > 0 {
        "不通过"
    } else {
        "通过"
    }
}

const REPORT_HEADER: [&str; 12] = [
    "文件",
    "机关",
    "行政区划",
    "区划代码",
    "报告年度",
    "格式",
    "结果",
    "错误",
    "警告",
    "提示",
    "触发的规则",
    "各规则的第一条问题",
];

const FINDING_HEADER: [&str; 7] = ["文件", "行", "列", "规则", "级别", "问题", "修改建议"];

fn finding_fields(o: &FileOutcome) -> impl Iterator<Item = [String; 7]> + '_ {
    o.findings.iter().map(move |f| {
        [
            o.path.clone(),
            f.start.line.to_string(),
            f.start.column.to_string(),
            f.diag.rule.to_string(),
            f.diag.severity.label_zh().to_owned(),
            f.diag.message.clone(),
            f.diag.help.clone().unwrap_or_default(),
        ]
    })
}

fn report_fields(r: &ReportRow) -> [String; 12] {
    [
        r.path.clone(),
        r.agency.clone(),
        r.region.clone(),
        r.region_code.clone(),
        r.year.clone(),
        r.format.clone(),
        r.result.to_owned(),
        r.errors.to_string(),
        r.warnings.to_string(),
        r.infos.to_string(),
        r.rules.clone(),
        r.first_messages.clone(),
    ]
}

// ---------------------------------------------------------------------------------------------
// csv

/// What `--format csv` writes: a line per report, or a line per finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvKind {
    /// 每份报告一行：机关、区划、年度、结果、问题数、触发的规则。
    #[default]
    Reports,
    /// 每个问题一行：文件、行、列、规则、级别、说明、修改建议。
    Findings,
}

/// CSV as Excel opens it: UTF-8 with a byte order mark, CRLF line ends, fields quoted when
/// they hold a comma, a quote or a line break.
pub struct Csv {
    kind: CsvKind,
}

impl Csv {
    pub fn new(kind: CsvKind) -> Self {
        Csv { kind }
    }
}

fn csv_line(out: &mut dyn Write, fields: &[String]) -> io::Result<()> {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if f.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", f.replace('"', "\"\""))?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

impl Emitter for Csv {
    fn begin(&mut self, out: &mut dyn Write, _files: usize) -> io::Result<()> {
        out.write_all("\u{feff}".as_bytes())?;
        let header: Vec<String> = match self.kind {
            CsvKind::Reports => REPORT_HEADER.iter().map(|s| s.to_string()).collect(),
            CsvKind::Findings => FINDING_HEADER.iter().map(|s| s.to_string()).collect(),
        };
        csv_line(out, &header)
    }

    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        match self.kind {
            CsvKind::Reports => csv_line(out, &report_fields(&ReportRow::new(outcome))),
            CsvKind::Findings => {
                for fields in finding_fields(outcome) {
                    csv_line(out, &fields)?;
                }
                Ok(())
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// xlsx

/// A workbook with two sheets: 报告 (one row per report) and 问题 (every finding). Header rows
/// frozen, filters on, columns sized, the result coloured.
#[derive(Default)]
pub struct Xlsx {
    reports: Vec<[String; 12]>,
    findings: Vec<[String; 7]>,
}

impl Emitter for Xlsx {
    fn file(&mut self, _out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        self.reports.push(report_fields(&ReportRow::new(outcome)));
        self.findings.extend(finding_fields(outcome));
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let bytes = self
            .workbook(totals)
            .map_err(|e| io::Error::other(format!("生成 xlsx 文件失败：{e}")))?;
        out.write_all(&bytes)
    }
}

/// Columns holding counts (written as numbers, so that Excel sums and sorts them).
const NUMERIC: [usize; 4] = [4, 7, 8, 9];

impl Xlsx {
    fn workbook(&self, totals: &Totals) -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_align(FormatAlign::Center);
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let pass = Format::new()
            .set_background_color(Color::RGB(0xC6EFCE))
            .set_font_color(Color::RGB(0x006100));
        let fail = Format::new()
            .set_background_color(Color::RGB(0xFFC7CE))
            .set_font_color(Color::RGB(0x9C0006));
        let unread = Format::new()
            .set_background_color(Color::RGB(0xEDEDED))
            .set_font_color(Color::RGB(0x595959));

        let sheet = wb.add_worksheet();
        sheet.set_name("报告")?;
        write_header(sheet, &REPORT_HEADER, &header)?;
        for (i, r) in self.reports.iter().enumerate() {
            let row = (i + 1) as u32;
            for (c, v) in r.iter().enumerate() {
                let col = c as u16;
                if NUMERIC.contains(&c) {
                    if let Ok(n) = v.parse::<f64>() {
                        sheet.write_number(row, col, n)?;
                        continue;
                    }
                }
                match (c, v.as_str()) {
                    (6, "通过") => sheet.write_string_with_format(row, col, v, &pass)?,
                    (6, "不通过") => sheet.write_string_with_format(row, col, v, &fail)?,
                    (6, _) => sheet.write_string_with_format(row, col, v, &unread)?,
                    (11, _) => sheet.write_string_with_format(row, col, v, &wrap)?,
                    _ => sheet.write_string(row, col, v)?,
                };
            }
        }
        size_columns(sheet, &REPORT_HEADER, &self.reports, 60)?;
        finish(sheet, self.reports.len(), REPORT_HEADER.len())?;
        let last = self.reports.len() as u32 + 2;
        sheet.write_string(last, 0, totals.summary())?;

        let sheet = wb.add_worksheet();
        sheet.set_name("问题")?;
        write_header(sheet, &FINDING_HEADER, &header)?;
        for (i, f) in self.findings.iter().enumerate() {
            let row = (i + 1) as u32;
            for (c, v) in f.iter().enumerate() {
                let col = c as u16;
                match (c, v.parse::<f64>()) {
                    (1 | 2, Ok(n)) => sheet.write_number(row, col, n)?,
                    (5 | 6, _) => sheet.write_string_with_format(row, col, v, &wrap)?,
                    _ => sheet.write_string(row, col, v)?,
                };
            }
        }
        size_columns(sheet, &FINDING_HEADER, &self.findings, 50)?;
        finish(sheet, self.findings.len(), FINDING_HEADER.len())?;
        wb.save_to_buffer()
    }
}

fn write_header(sheet: &mut Worksheet, names: &[&str], format: &Format) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, format)?;
    }
    Ok(())
}

/// Header frozen and filters on over the rows written.
fn finish(sheet: &mut Worksheet, rows: usize, cols: usize) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.max(1) as u32, (cols - 1) as u16)?;
    Ok(())
}

/// Each column as wide as its widest line (a CJK character counts two), capped at `max`.
fn size_columns<const N: usize>(
    sheet: &mut Worksheet,
    header: &[&str],
    rows: &[[String; N]],
    max: usize,
) -> Result<(), XlsxError> {
    let width = |s: &str| {
        s.lines()
            .map(|l| {
                l.chars()
                    .map(|c| if c.is_ascii() { 1 } else { 2 })
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(0)
    };
    for (c, h) in header.iter().enumerate() {
        let w = rows
            .iter()
            .map(|r| width(&r[c]))
            .chain([width(h) + 2])
            .max()
            .unwrap_or(8)
            .clamp(6, max);
        sheet.set_column_width(c as u16, w as f64 + 1.0)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// --statistics

/// Counts per rule and severity, most frequent first, instead of the findings (as
/// `ruff --statistics`).
#[derive(Default)]
pub struct Statistics {
    counts: BTreeMap<(String, &'static str), (usize, bool)>,
}

impl Emitter for Statistics {
    fn file(&mut self, _out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        for f in &outcome.findings {
            let key = (f.diag.rule.to_string(), f.diag.severity.label_zh());
            let e = self.counts.entry(key).or_insert((0, false));
            e.0 += 1;
            e.1 |= f.diag.fix.is_some();
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        let summaries: BTreeMap<&str, &str> = registered_rules()
            .iter()
            .map(|r| (r.meta().id, r.meta().summary))
            .collect();
        let mut rows: Vec<_> = self.counts.iter().collect();
        rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        let width = rows.iter().map(|((r, _), _)| r.len()).max().unwrap_or(0);
        for ((rule, severity), (n, fixable)) in rows {
            let summary = summaries.get(rule.as_str()).copied().unwrap_or("");
            let fix = if *fixable { "[可修复] " } else { "" };
            writeln!(out, "{n:>6}  {rule:<width$}  {severity}  {fix}{summary}")?;
        }
        Ok(())
    }
}
