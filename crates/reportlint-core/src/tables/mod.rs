//! The three statistics tables (report-format.md §2–§4): a layout-free model, layout readers for
//! text, one template matcher, and the [`Tables`] analysis that rules share.
//!
//! # Model
//! A [`Grid`] is rows of [`Cell`]s; a cell has its span in the document's text and a
//! [`CellValue`]: a number (integer, or decimal for the fee in 万元), blank, `/`, a dash, text, or
//! [`CellValue::Digits`] — digits whose cell boundaries the text lost. Importers of .docx and
//! .html build a grid of cells with [`Grid::from_cells`]; the text readers in [`readers`] build it
//! from the layouts people produce:
//!
//! - [`Layout::Tabs`]: tab-separated rows, header cells spanning rows and columns (a Word table
//!   pasted as text);
//! - [`Layout::CellPerLine`]: one cell per line behind a tab, blank lines between rows, labels
//!   broken over lines (a Word export);
//! - [`Layout::Pipes`]: Markdown pipe rows, `||` between column groups, blank cells kept;
//! - [`Layout::Flowing`]: cells separated by spaces or line breaks, or run together without any
//!   separator (crawler text: `一、本年新收政府信息公开申请数量640020470`).
//!
//! # Matching
//! [`match_requests`], [`match_appeals`] and [`match_proactive`] map a grid onto the template by
//! label (normalized: widths, quotes and spaces do not matter, `商业\n企业` is `商业企业`), accept
//! added subtotal rows and a `法人或其他组织小计` column, place rows whose label was lost by their
//! position between labelled rows (and only when the positions agree), and recognise the 2019
//! trial format. Digits run together are split only where the split is certain (see [`split`]);
//! otherwise the row is [`Unverifiable`] and no arithmetic is done on it.

pub mod model;
pub mod old;
pub mod readers;
pub mod split;
pub mod template;

pub use model::{classify, Cell, CellValue, Grid, Layout};
pub use old::{OldGroup, OldRow, OldStatsTable, OldSum};
pub use template::{
    match_appeals, match_proactive, match_requests, AppealsTable, Col, Format, Group, ProRowKey,
    ProactiveRow, ProactiveTable, Reason, RequestRow, RequestsTable, RowKey, Unverifiable,
    APPEAL_COLS, APPEAL_GROUPS, LEAVES_2019, LEAVES_2021,
};

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::document::{Analysis, Document, ImportedTable, Line, SectionKind};
use crate::text::is_space;
use crate::Span;

/// What a section holds in place of its table.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<T> {
    /// The table, matched to the template.
    Table(T),
    /// No table in the section's text. `image` is where a picture or OCR debris stands in for it.
    Missing { heading: Span, image: Option<Span> },
    /// The table's header is there but no data row could be read (a layout no reader knows, or
    /// text cut off after the header).
    Unreadable { heading: Span, region: Span },
}

impl<T> Found<T> {
    pub fn table(&self) -> Option<&T> {
        match self {
            Found::Table(t) => Some(t),
            Found::Missing { .. } | Found::Unreadable { .. } => None,
        }
    }
}

/// The statistics tables of a document, computed once ([`Document::analysis`]). `None`: the
/// section itself was not found (`structure/required-sections` reports that), or the report
/// follows the pre-2019 content list ([`Document::is_pre_2019`]), which has none of these three
/// tables (its one statistics table of 指标名称·计量单位 rows is not read as them).
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    pub proactive: Option<Found<ProactiveTable>>,
    pub requests: Option<Found<RequestsTable>>,
    pub appeals: Option<Found<AppealsTable>>,
}

impl Tables {
    /// The text the tables occupy (for rules that read only the prose).
    pub fn regions(&self) -> Vec<Span> {
        let mut v = Vec::with_capacity(3);
        if let Some(Found::Table(t)) = &self.proactive {
            v.push(t.span);
        }
        if let Some(Found::Table(t)) = &self.requests {
            v.push(t.span);
        }
        if let Some(Found::Table(t)) = &self.appeals {
            v.push(t.span);
        }
        v
    }

    /// Whether `span` lies inside one of the tables.
    pub fn in_table(&self, span: Span) -> bool {
        self.regions().iter().any(|r| r.covers(span))
    }
}

impl Analysis for Tables {
    fn compute(doc: &Document) -> Self {
        if doc.is_pre_2019() {
            return Tables {
                proactive: None,
                requests: None,
                appeals: None,
            };
        }
        // Page numbers and running headers (text copied from a PDF) are read as spaces: a page
        // number is never glued to a table's last row, nor a header to a label. Spans stay the
        // same, as every byte of them becomes a space.
        let masked;
        let text = match doc.page_furniture() {
            [] => doc.text(),
            furniture => {
                masked = mask(doc.text(), furniture);
                masked.as_str()
            }
        };
        // The document's lines are the readers' lines where nothing was masked and no `\r`
        // ends a line (the line index also ends a line at a lone `\r`; the readers do not):
        // then the readers take them instead of searching the tables' text for line breaks
        // again, twice (once to tell the layout, once to read it).
        let doc_lines = (doc.page_furniture().is_empty()
            && memchr::memchr(b'\r', text.as_bytes()).is_none())
        .then(|| doc.lines());
        let source = Source {
            text,
            imported: doc.imported_tables(),
            doc_lines,
        };
        let section = |kind| doc.section(kind).map(|s| (s.heading.span, s.body));
        Tables {
            proactive: section(SectionKind::Proactive)
                .map(|(h, body)| extract(&source, h, body, &PROACTIVE_ANCHORS, match_proactive)),
            requests: section(SectionKind::Requests)
                .map(|(h, body)| extract(&source, h, body, &REQUEST_ANCHORS, match_requests)),
            appeals: section(SectionKind::Appeals)
                .map(|(h, body)| extract(&source, h, body, &APPEAL_ANCHORS, match_appeals)),
        }
    }
}

/// `text` with every byte of `spans` replaced by a space.
fn mask(text: &str, spans: &[Span]) -> String {
    // Spans of whole characters (all of them, as the page furniture is found) are replaced in
    // place, with no second check of the whole text for UTF-8: a span of spaces as long as the
    // span keeps every other character where it was.
    if spans
        .iter()
        .all(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end))
    {
        let mut masked = text.to_owned();
        for s in spans {
            masked.replace_range(s.range(), &" ".repeat(s.len()));
        }
        return masked;
    }
    let mut bytes = text.as_bytes().to_vec();
    for s in spans {
        bytes[s.range()].fill(b' ');
    }
    // Whole characters were replaced by ASCII spaces: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// The grid of the tables an importer (.docx, .html) read inside `region`, taken as they are:
/// each imported cell becomes one cell, and the slots a merged cell covers become blank cells,
/// so that columns line up as the template matcher expects. No text is re-read.
fn imported_grid(text: &str, imported: &[ImportedTable], region: Span) -> Option<Grid> {
    let tables: Vec<&ImportedTable> = imported
        .iter()
        // A table whose first rows (a header) come before the anchor line still overlaps it.
        .filter(|t| t.span.start < region.end && region.start < t.span.end)
        .collect();
    if tables.is_empty() {
        return None;
    }
    let mut rows = Grid::default();
    for t in tables {
        // Slots of later rows that a cell above covers (its row span).
        let mut covered: Vec<Vec<bool>> = vec![Vec::new(); t.rows.len()];
        for (r, row) in t.rows.iter().enumerate() {
            let mut out: Vec<Cell> = Vec::new();
            let mut col = 0;
            for c in row {
                while covered[r].get(col).copied().unwrap_or(false) {
                    out.push(Cell::with_value(
                        Span::empty(c.span.start),
                        CellValue::Blank,
                    ));
                    col += 1;
                }
                let mut cell = Cell::new(c.span, &text[c.span.range()]);
                let (rs, cs) = (c.row_span.clamp(1, 64), c.col_span.clamp(1, 64));
                cell.row_span = rs as u16;
                cell.col_span = cs as u16;
                out.push(cell);
                for _ in 1..cs {
                    out.push(Cell::with_value(
                        Span::empty(cell.span.end),
                        CellValue::Blank,
                    ));
                }
                for below in covered.iter_mut().skip(r + 1).take(rs - 1) {
                    if below.len() < col + cs {
                        below.resize(col + cs, false);
                    }
                    below[col..col + cs].iter_mut().for_each(|b| *b = true);
                }
                col += cs;
            }
            rows.push_row(&out);
        }
    }
    Some(rows)
}

/// Words that begin each table, found in one pass; the leftmost one starts the table's region.
fn anchors(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(words)
        .expect("anchors are plain words")
}

static PROACTIVE_ANCHORS: LazyLock<AhoCorasick> =
    LazyLock::new(|| anchors(&["第二十条", "信息内容", "规章", "行政许可"]));
static REQUEST_ANCHORS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    anchors(&[
        "勾稽关系",
        "申请人情况",
        "本年新收",
        "新收政府信息公开申请",
        "上年结转",
    ])
});
static APPEAL_ANCHORS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    anchors(&[
        "结果维持",
        "结果 维持",
        "结果\n维持",
        "尚未审结",
        "尚未\n审结",
        "尚未 审结",
        "复议后起诉",
        "直接起诉",
    ])
});

/// What the tables are read from.
struct Source<'a> {
    /// The document's text, page furniture masked.
    text: &'a str,
    imported: &'a [ImportedTable],
    /// The document's lines, when they are the lines [`readers::lines`] finds in `text`.
    doc_lines: Option<&'a [Line]>,
}

impl Source<'_> {
    /// The layout of `region`, and its grid read with that layout's reader.
    fn read(&self, region: Span) -> (Layout, Grid) {
        let text = self.text;
        match self.doc_lines {
            Some(all) => {
                let (n, lines) = region_lines(all, region);
                let layout = readers::detect_in(text, region, lines.clone(), n);
                let grid = readers::read_in(text, region, layout, lines);
                (layout, grid)
            }
            None => {
                let layout = readers::detect(text, region);
                (layout, readers::read(text, region, layout))
            }
        }
    }
}

/// The lines of `region` as [`readers::lines`] finds them, taken from the document's lines
/// `all` (of a text without `\r`): each line cut to the region, from the one that holds its
/// start (or ends where it starts) up to the last that starts before its end. With how many
/// they are.
fn region_lines(all: &[Line], region: Span) -> (usize, impl Iterator<Item = Span> + Clone + '_) {
    let first = all.partition_point(|l| l.span.end < region.start);
    // A line's start cut to the region grows from line to line: the lines that start before
    // the region's end come first.
    let n = all[first..].partition_point(|l| l.span.start.max(region.start) < region.end);
    let lines = all[first..first + n]
        .iter()
        .map(move |l| clip(l.span, region));
    (n, lines)
}

/// `line` cut to `region`.
fn clip(line: Span, region: Span) -> Span {
    Span::new(line.start.max(region.start), line.end.min(region.end))
}

/// Finds the table of a section in `body` and matches it with `matcher`.
fn extract<T>(
    source: &Source<'_>,
    heading: Span,
    body: Span,
    anchors: &AhoCorasick,
    matcher: fn(&str, &Grid, Layout, Span) -> Option<T>,
) -> Found<T> {
    let (text, imported) = (source.text, source.imported);
    let missing = || Found::Missing {
        heading,
        image: find_image(text, body),
    };
    let Some(region) = table_region(text, body, anchors) else {
        return missing();
    };
    // An importer's grid is taken as it is; the table's text is read only when there is none
    // (or when the grid does not match the template at all).
    if let Some(grid) = imported_grid(text, imported, region) {
        if let Some(t) = matcher(text, &grid, Layout::Grid, region) {
            return Found::Table(t);
        }
    }
    let (layout, grid) = source.read(region);
    match matcher(text, &grid, layout, region) {
        Some(t) => Found::Table(t),
        None => Found::Unreadable { heading, region },
    }
}

/// From the line of the earliest anchor to the end of the body.
fn table_region(text: &str, body: Span, anchors: &AhoCorasick) -> Option<Span> {
    let b = &text[body.range()];
    let pos = anchors.find(b)?.start();
    let line_start = b[..pos].rfind('\n').map_or(0, |i| i + 1);
    Some(Span::new(body.start + line_start, body.end))
}

/// A picture standing in for a table: `[image: …]`, `![…](…)`, `<img …>`, or OCR debris (a line
/// of single characters separated by spaces, such as `结 结 其 尚`).
fn find_image(text: &str, body: Span) -> Option<Span> {
    let b = &text[body.range()];
    for pat in ["[image", "[图片", "![", "<img", "[Image"] {
        if let Some(pos) = b.find(pat) {
            let end = b[pos..]
                .find([']', '>', '\n'])
                .map_or(b.len(), |e| pos + e + 1)
                .min(b.len());
            return Some(Span::new(body.start + pos, body.start + end));
        }
    }
    let mut offset = 0;
    for line in b.split_inclusive('\n') {
        let t = line.trim_matches(is_space);
        let tokens: Vec<&str> = t.split(is_space).filter(|s| !s.is_empty()).collect();
        let singles = tokens.iter().filter(|s| s.chars().count() == 1).count();
        if tokens.len() >= 4 && singles * 4 >= tokens.len() * 3 {
            let lead = line.len() - line.trim_start_matches(is_space).len();
            let s = body.start + offset + lead;
            return Some(Span::new(s, s + t.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests;
