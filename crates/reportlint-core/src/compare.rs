//! Comparing reports: this year's against last year's of the same agency, and report against
//! report within a batch.
//!
//! A report that takes part in a comparison is reduced to a [`ReportSummary`] while it is linted:
//! its agency and year (the key it is paired by), the few table values the year-on-year relations
//! need, and fingerprints of its own prose — never its whole text, so a batch of ten thousand
//! reports keeps a few kilobytes per report. Cross-report rules ([`CrossRule`]) read summaries
//! only; the command line pairs them (`reportlint check` over several years, `--previous`,
//! `[compare] history`).

use std::hash::{Hash, Hasher};

use crate::region::AgencyRegion;
use crate::tables::{Col, Found, ProRowKey, RowKey, Tables};
use crate::text::normalize;
use crate::{Document, LineCol, SectionKind, Severity, Span};

/// A place in a report: the span and its line and column (1-based, columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    /// The page and the line on it, in a paged document (PDF).
    pub page: Option<crate::pages::PagePos>,
}

impl Place {
    pub fn of(doc: &Document, span: Span) -> Place {
        Place {
            span,
            start: doc.line_col(span.start),
            end: doc.line_col(span.end),
            page: doc.page_pos(span.start),
        }
    }
}

/// A [`Place`] as a summary keeps it, in half the room: a batch keeps tens of thousands until
/// every report is read, and the memory each new page of them takes is a page fault. Offsets,
/// lines and columns past `u32::MAX` (no report has them) are kept as `u32::MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    span: [u32; 2],
    start: [u32; 2],
    end: [u32; 2],
    /// The page and its line; page 0 (pages count from 1) for a document without pages.
    page: [u32; 2],
}

impl Spot {
    /// The place kept.
    pub fn place(&self) -> Place {
        let wide = |x: u32| x as usize;
        Place {
            span: Span::new(wide(self.span[0]), wide(self.span[1])),
            start: LineCol {
                line: wide(self.start[0]),
                column: wide(self.start[1]),
            },
            end: LineCol {
                line: wide(self.end[0]),
                column: wide(self.end[1]),
            },
            page: (self.page[0] > 0).then_some(crate::pages::PagePos {
                page: self.page[0],
                line: self.page[1],
            }),
        }
    }

    /// Where the place starts: its byte offset.
    pub fn offset(&self) -> usize {
        self.span[0] as usize
    }

    /// The line the place starts on (1-based).
    pub fn line(&self) -> usize {
        self.start[0] as usize
    }
}

impl From<Place> for Spot {
    fn from(p: Place) -> Spot {
        let narrow = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        let page = p.page.map_or([0, 0], |p| [p.page, p.line]);
        Spot {
            span: [narrow(p.span.start), narrow(p.span.end)],
            start: [narrow(p.start.line), narrow(p.start.column)],
            end: [narrow(p.end.line), narrow(p.end.column)],
            page,
        }
    }
}

/// [`Place::of`] for offsets that mostly come in order (the sentences of a part, the cells of a
/// row): a column is counted on from the last offset when it stands on the same line, instead of
/// from the line's start after a search for the line.
struct Locator<'d> {
    doc: &'d Document,
    /// The last offset located, when it stands within its line's content: its 0-based line, the
    /// end of that line's content, the offset and its 0-based column.
    last: Option<(usize, usize, usize, usize)>,
}

impl<'d> Locator<'d> {
    fn new(doc: &'d Document) -> Self {
        Locator { doc, last: None }
    }

    fn place(&mut self, span: Span) -> Place {
        Place {
            span,
            start: self.line_col(span.start),
            end: self.line_col(span.end),
            page: self.doc.page_pos(span.start),
        }
    }

    /// What [`Document::line_col`] gives for `offset`.
    fn line_col(&mut self, offset: usize) -> LineCol {
        if let Some((line, end, from, column)) = &mut self.last {
            if *from <= offset && offset <= *end {
                *column += self.doc.text()[*from..offset].chars().count();
                *from = offset;
                return LineCol {
                    line: *line + 1,
                    column: *column + 1,
                };
            }
        }
        let at = self.doc.line_col(offset);
        let end = self.doc.line_index().line_span(at.line - 1).end;
        // An offset in a line's terminator has a column past the content's: not counted on from.
        self.last = (offset <= end).then_some((at.line - 1, end, offset, at.column - 1));
        at
    }
}

/// The cells of Tables 三 and 4 in the template's order, kept as what the comparison needs:
/// a hash of the figures, how many there are and how many are not 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableData {
    pub hash: u64,
    pub cells: usize,
    pub nonzero: usize,
}

impl TableData {
    pub fn of(values: &[i64]) -> TableData {
        let mut data = TableDataBuilder::default();
        for &v in values {
            data.push(v);
        }
        data.finish()
    }
}

/// A [`TableData`] read cell by cell, without a list of the figures.
#[derive(Default)]
struct TableDataBuilder {
    hash: rustc_hash::FxHasher,
    cells: usize,
    nonzero: usize,
}

impl TableDataBuilder {
    fn push(&mut self, value: i64) {
        value.hash(&mut self.hash);
        self.cells += 1;
        self.nonzero += usize::from(value != 0);
    }

    fn finish(&self) -> TableData {
        TableData {
            // The number of cells is hashed too: figures followed by 0s differ from the figures.
            hash: {
                let mut h = self.hash.clone();
                self.cells.hash(&mut h);
                h.finish()
            },
            cells: self.cells,
            nonzero: self.nonzero,
        }
    }
}

/// A number read from a table cell, and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value {
    pub value: i64,
    pub at: Spot,
}

/// At most this many characters of a line are kept to quote it in the other report's finding.
const EXCERPT: usize = 40;

/// The first characters of the line at `span` (trimmed), to quote it.
pub fn excerpt(doc: &Document, span: Span) -> String {
    line_excerpt(doc, doc.line_col(span.start).line)
}

/// The first characters of line `line` (1-based), trimmed, to quote it.
fn line_excerpt(doc: &Document, line: usize) -> String {
    let l = doc.lines()[line - 1];
    let text = doc.slice(l.content);
    // Exactly the room needed: a batch keeps thousands of these.
    let end = text
        .char_indices()
        .nth(EXCERPT)
        .map_or(text.len(), |(i, _)| i);
    let mut out = String::with_capacity(end + if end < text.len() { 3 } else { 0 });
    out.push_str(&text[..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

/// The quoted lines of a [`ReportSummary`], by line number: one string for all of them, not one
/// allocation each (a batch keeps them for every report until the last is read).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Excerpts {
    text: String,
    /// Each line's number and where its text ends in `text`, by number.
    lines: Vec<(u32, u32)>,
}

impl Excerpts {
    /// The text quoted for line `line`, if it was kept.
    pub fn get(&self, line: usize) -> Option<&str> {
        let line = u32::try_from(line).ok()?;
        let i = self.lines.binary_search_by_key(&line, |&(l, _)| l).ok()?;
        let start = match i {
            0 => 0,
            _ => self.lines[i - 1].1 as usize,
        };
        self.text.get(start..self.lines[i].1 as usize)
    }
}

/// Lines and their texts, in ascending line order.
impl FromIterator<(usize, String)> for Excerpts {
    fn from_iter<I: IntoIterator<Item = (usize, String)>>(iter: I) -> Excerpts {
        let mut e = Excerpts::default();
        for (line, text) in iter {
            let (Ok(line), Ok(end)) = (
                u32::try_from(line),
                u32::try_from(e.text.len() + text.len()),
            ) else {
                continue;
            };
            e.text.push_str(&text);
            e.lines.push((line, end));
        }
        e.text.shrink_to_fit();
        e.lines.shrink_to_fit();
        e
    }
}

/// One sentence of the report's own prose, as a fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// The hash of the normalised sentence (spaces and punctuation dropped, digit runs as one
    /// placeholder, so that a sentence copied with this year's figures still matches).
    pub hash: u64,
    pub at: Spot,
    /// Characters of the normalised sentence.
    pub chars: usize,
    /// The part it stands in (1, 5 or 6).
    pub part: u8,
}

/// How a report is paired: its agency and its region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgencyKey {
    /// The statistical code of the agency's region, when it resolved.
    pub region_code: Option<&'static str>,
    /// The agency's name, normalised (full-width forms folded, spaces dropped).
    pub name: String,
}

/// What a comparison needs of one report.
#[derive(Debug, Clone, Default)]
pub struct ReportSummary {
    pub path: String,
    /// The agency's name as written.
    pub agency: Option<String>,
    pub key: Option<AgencyKey>,
    /// The year the report is on.
    pub year: Option<i32>,
    /// Table 三 `二、上年结转…`, by column (the column's label, its value).
    pub carried: Vec<(&'static str, Value)>,
    /// Table 三 `四、结转下年度继续办理`, by column.
    pub carry_over: Vec<(&'static str, Value)>,
    /// Table 三 `一、本年新收…` in the 总计 column.
    pub new_total: Option<Value>,
    /// Table 二 `规章` and `行政规范性文件`: 本年制发, 本年废止, 现行有效.
    pub stock: Vec<(&'static str, [Option<Value>; 3])>,
    /// Every cell of Tables 三 and 四, in the template's order, when all were read; and the span
    /// of Table 三 to point at.
    pub data: Option<(TableData, Place)>,
    /// Fingerprints of the sentences of parts 一, 五 and 六 (headings, tables and boiler-plate
    /// left out).
    pub prose: Vec<Fingerprint>,
    /// The rules of the report's configuration: each cross-report rule that runs for it, with
    /// the severity its configuration sets (`None`: the default).
    pub rules: Vec<(&'static str, Option<Severity>)>,
    /// The text at each table value's place (its line's first characters), by the line's
    /// number (each line once: a table row's values share it), to quote it in the other
    /// report's findings. Sentences are not quoted: their text is not kept.
    pub excerpts: Excerpts,
    /// The options the report's configuration gives the cross-report rules, by rule id.
    pub options: Vec<(&'static str, serde_json::Value)>,
}

/// Sentences shorter than this (normalised characters) are too common to say anything.
const MIN_SENTENCE: usize = 12;

/// Phrases of the sentences every report must contain: the template's, not the agency's words.
const BOILERPLATE: [&str; 12] = [
    "统计期限",
    "统计时限",
    "统计时间",
    "如对本报告",
    "有任何疑问",
    "电子版",
    "本报告由",
    "编制本报告",
    "特编制",
    "现予公布",
    "无其他需要报告",
    "勾稽关系",
];

impl ReportSummary {
    /// Reads the summary off a linted document.
    pub fn of(doc: &Document) -> ReportSummary {
        let region = doc.analysis::<AgencyRegion>();
        let agency = doc
            .title()
            .and_then(|t| t.agency.as_ref())
            .map(|a| a.name.clone())
            .or_else(|| region.name.as_ref().map(|n| n.name.clone()));
        let key = agency.as_ref().map(|a| AgencyKey {
            region_code: region.path().map(|p| p.code()),
            name: normalize(a)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
        });
        let mut s = ReportSummary {
            path: doc.path().to_owned(),
            agency,
            key,
            year: doc.title_year(),
            ..ReportSummary::default()
        };
        s.read_tables(doc);
        s.read_prose(doc);
        let mut lines: Vec<usize> = s
            .carried
            .iter()
            .chain(&s.carry_over)
            .map(|(_, v)| v.at.line())
            .chain(s.new_total.map(|v| v.at.line()))
            .chain(
                s.stock
                    .iter()
                    .flat_map(|(_, v)| v.iter().flatten().map(|v| v.at.line())),
            )
            .chain(s.data.as_ref().map(|(_, p)| p.start.line))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        s.excerpts = lines
            .into_iter()
            .map(|line| (line, line_excerpt(doc, line)))
            .collect();
        // A batch keeps a summary per report until every report is read: no spare room.
        s.prose.shrink_to_fit();
        s.carried.shrink_to_fit();
        s.carry_over.shrink_to_fit();
        s.stock.shrink_to_fit();
        s
    }

    /// The text quoted for `place` (see [`ReportSummary::excerpts`]).
    pub fn excerpt_at(&self, place: &Place) -> String {
        self.excerpts
            .get(place.start.line)
            .unwrap_or_default()
            .to_owned()
    }

    fn read_tables(&mut self, doc: &Document) {
        let tables = doc.analysis::<Tables>();
        let mut locator = Locator::new(doc);
        let mut value = |cell: &crate::tables::Cell| {
            cell.int().map(|v| Value {
                value: v,
                at: locator.place(cell.span).into(),
            })
        };
        if let Some(Found::Table(t)) = &tables.requests {
            let cols = t.columns();
            let mut row = |key: RowKey| -> Vec<(&'static str, Value)> {
                let Some(cells) = t.row(key).and_then(|r| r.cells.as_ref()) else {
                    return Vec::new();
                };
                cols.iter()
                    .zip(cells)
                    .filter_map(|(c, cell)| Some((c.label(), value(cell)?)))
                    .collect()
            };
            self.carried = row(RowKey::Carried);
            self.carry_over = row(RowKey::CarryOver);
            self.new_total = t.cell(RowKey::New, Col::Total).and_then(&mut value);
            if t.is_complete() {
                let mut data = TableDataBuilder::default();
                let mut all = true;
                for r in &t.rows {
                    for c in r.cells.iter().flatten() {
                        match c.int() {
                            Some(v) => data.push(v),
                            None if c.is_missing() => data.push(0),
                            None => all = false,
                        }
                    }
                }
                if let Some(Found::Table(a)) = &tables.appeals {
                    match &a.cells {
                        Some(cells) => {
                            for c in cells {
                                data.push(c.int().unwrap_or(0));
                            }
                        }
                        None => all = false,
                    }
                }
                if all {
                    self.data = Some((data.finish(), Place::of(doc, t.span)));
                }
            }
        }
        if let Some(Found::Table(t)) = &tables.proactive {
            for key in [ProRowKey::Rules, ProRowKey::Normative] {
                if let Some(cells) = t.row(key).and_then(|r| r.cells.as_ref()) {
                    if cells.len() == 3 && t.format == crate::tables::Format::Y2021 {
                        self.stock
                            .push((key.label(), [0, 1, 2].map(|i| value(&cells[i]))));
                    }
                }
            }
        }
    }

    fn read_prose(&mut self, doc: &Document) {
        let tables = doc.analysis::<Tables>();
        let regions = tables.regions();
        let sentences = doc.analysis::<crate::sentences::Sentences>();
        let mut locator = Locator::new(doc);
        for (kind, part) in [
            (SectionKind::Overview, 1u8),
            (SectionKind::Problems, 5),
            (SectionKind::Other, 6),
        ] {
            let Some(section) = doc.section(kind) else {
                continue;
            };
            let body = section.body;
            // Where the template's phrases start in the body, in order: a sentence holding one
            // is left out. (No phrase holds a sentence's terminator, so each match lies within
            // one sentence, and a phrase that overlaps a match lies within the same.)
            let template: Vec<usize> = TEMPLATE
                .find_iter(doc.slice(body))
                .map(|m| body.start + m.start())
                .collect();
            let mut phrase = template.iter().copied().peekable();
            // The sentences that reach into the body (they are in order and do not overlap).
            let all = sentences.all();
            let from = all.partition_point(|s| s.span.end <= body.start);
            let to = all.partition_point(|s| s.span.start < body.end).max(from);
            for s in &all[from..to] {
                // The part of the sentence inside the body: an inline heading (`。一、总体情况
                // 2021年，…`) is no part of the sentence after it.
                let (start, end) = (s.span.start.max(body.start), s.span.end.min(body.end));
                if start >= end {
                    continue;
                }
                let span = Span::new(start, end);
                if regions
                    .iter()
                    .any(|r| r.start <= span.start && span.start < r.end)
                {
                    continue;
                }
                while phrase.next_if(|&p| p < span.start).is_some() {}
                if phrase.peek().is_some_and(|&p| p < span.end) {
                    continue;
                }
                let (hash, chars) = fingerprint(doc.slice(span));
                if chars < MIN_SENTENCE {
                    continue;
                }
                self.prose.push(Fingerprint {
                    hash,
                    at: locator.place(span).into(),
                    chars,
                    part,
                });
            }
        }
    }

    /// The options of rule `id` for this report; the defaults when none are configured (they
    /// were validated when the configuration was loaded).
    pub fn options<T: serde::de::DeserializeOwned + Default>(&self, id: &str) -> T {
        self.options
            .iter()
            .find(|(r, _)| *r == id)
            .and_then(|(_, v)| T::deserialize(v).ok())
            .unwrap_or_default()
    }

    /// Characters of the report's own prose (the fingerprinted sentences).
    pub fn prose_chars(&self) -> usize {
        self.prose.iter().map(|f| f.chars).sum()
    }
}

/// The phrases of [`BOILERPLATE`], found in one search over a part's body.
static TEMPLATE: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(BOILERPLATE)
        .expect("the template's phrases make an automaton")
});

/// The hash of a sentence without spaces, punctuation, sub-heading markers and list words
/// (`一是`), with each run of digits as one placeholder; and its length in characters.
pub fn fingerprint(sentence: &str) -> (u64, usize) {
    let mut h = ByteHash::default();
    let chars = letters(sentence, &mut h);
    (h.finish(), chars)
}

/// The [`fingerprint`] of a sentence of the report's own words; `None` for a sentence of the
/// template (it holds a phrase of [`BOILERPLATE`]).
#[cfg(test)]
fn own_fingerprint(sentence: &str) -> Option<(u64, usize)> {
    (!TEMPLATE.is_match(sentence)).then(|| fingerprint(sentence))
}

/// Where fingerprinted bytes go: a hash, or (in tests) a list.
trait Letters {
    fn put(&mut self, bytes: &[u8]);
}

/// [`rustc_hash::FxHasher`] over a stream of bytes given in pieces, eight at a time: the hash
/// depends on the bytes only, not on how they were cut into pieces. A run of ideographs goes in
/// a word at a time, not a character at a time.
#[derive(Default)]
struct ByteHash {
    hash: rustc_hash::FxHasher,
    /// Bytes not yet hashed (fewer than eight), from the lowest.
    word: u64,
    filled: u32,
}

impl ByteHash {
    /// Adds `k` bytes (1 to 8), held from the lowest byte of `x` up.
    fn word(&mut self, x: u64, k: u32) {
        let f = self.filled;
        self.word |= x << (8 * f);
        if f + k < 8 {
            self.filled = f + k;
            return;
        }
        self.hash.write_u64(self.word);
        // The bytes of `x` that did not fit (none when `f` is 0).
        self.word = if f == 0 { 0 } else { x >> (8 * (8 - f)) };
        self.filled = f + k - 8;
    }

    fn finish(mut self) -> u64 {
        self.hash.write_u64(self.word);
        self.hash.write_u32(self.filled);
        self.hash.finish()
    }
}

impl Letters for ByteHash {
    fn put(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.word(u64::from_le_bytes(c.try_into().expect("8 bytes")), 8);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut x = [0; 8];
            x[..rest.len()].copy_from_slice(rest);
            self.word(u64::from_le_bytes(x), rest.len() as u32);
        }
    }
}

#[cfg(test)]
impl Letters for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Whether a common ideograph (U+4E00–U+9FFF: `E4 B8 ..` to `E9 .. ..`) starts at `i`.
fn ideograph_at(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(0xe5..=0xe9) => true,
        Some(0xe4) => b.get(i + 1).is_some_and(|&m| m >= 0xb8),
        _ => false,
    }
}

/// Gives `out` the UTF-8 of what a fingerprint is made of: the letters of the sentence
/// (full-width forms folded) and `#` for each run of digits (a Chinese numeral right after
/// digits belongs to the number: `20万`); spaces and punctuation are left out. Returns how many
/// characters that is. A run of common ideographs, most of a report, goes out at once.
fn letters(sentence: &str, out: &mut impl Letters) -> usize {
    let b = sentence.as_bytes();
    let mut chars = 0;
    let mut in_digits = false;
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        if lead < 0x80 {
            if lead.is_ascii_digit() {
                if !in_digits {
                    out.put(b"#");
                    chars += 1;
                }
                in_digits = true;
            } else {
                in_digits = false;
                if lead.is_ascii_alphanumeric() {
                    out.put(&[lead]);
                    chars += 1;
                }
            }
            i += 1;
            continue;
        }
        if ideograph_at(b, i) {
            if in_digits {
                let numeral = sentence[i..].chars().next().is_some_and(is_numeral);
                if numeral {
                    i += 3;
                    continue;
                }
                in_digits = false;
            }
            let start = i;
            i += 3;
            while ideograph_at(b, i) {
                i += 3;
            }
            let run = &b[start..i.min(b.len())];
            out.put(run);
            chars += run.len() / 3;
            continue;
        }
        // The commonest punctuation, told on its bytes without decoding: full-width `，；：（）`
        // and the like (`EF BC 81`–`8F`, `9A`–`A0`), the general punctuation `“”—…` (`E2 80 ..`),
        // and `、。《》「」【】〔〕` (`E3 80 80`–`84`, `88`–`9F`). None is a letter or a numeral.
        if let Some(&[l, m, t]) = b.get(i..i + 3) {
            let punctuation = match (l, m) {
                (0xef, 0xbc) => matches!(t, 0x81..=0x8f | 0x9a..=0xa0),
                (0xe2, 0x80) => true,
                (0xe3, 0x80) => matches!(t, 0x80..=0x84 | 0x88..=0x9f),
                _ => false,
            };
            if punctuation {
                in_digits = false;
                i += 3;
                continue;
            }
        }
        let Some(c) = sentence.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        let c = crate::text::normalize_char(c);
        if c.is_ascii_digit() || in_digits && is_numeral(c) {
            if !in_digits {
                out.put(b"#");
                chars += 1;
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if c.is_alphanumeric() && !c.is_ascii_punctuation() {
            let mut utf8 = [0; 4];
            out.put(c.encode_utf8(&mut utf8).as_bytes());
            chars += 1;
        }
    }
    chars
}

/// The Chinese numerals that continue a number written in digits.
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
    )
}

/// A finding of a cross-report rule, in the current report, pointing at the other.
#[derive(Debug, Clone)]
pub struct CrossFinding {
    pub severity: Severity,
    pub at: Place,
    pub message: String,
    pub help: Option<String>,
    /// Where in the other report(s) the compared text stands.
    pub related: Vec<Related>,
    /// Further places in the current report (the copied passages).
    pub labels: Vec<(Place, String)>,
    /// A number the machine-readable outputs carry (the copied share, as a ratio 0–1).
    pub ratio: Option<f64>,
}

/// A place in another report.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub path: String,
    pub at: Place,
    pub message: String,
    /// The other report's text there (its line's first characters), to quote.
    pub excerpt: String,
}

/// A rule that compares reports. It is also a [`Rule`](crate::Rule) (so that it is listed,
/// documented, selected and configured like every rule) whose per-document check finds nothing;
/// [`Rule::as_cross`](crate::Rule::as_cross) gives the comparison.
pub trait CrossRule: crate::Rule {
    /// Compares `current` (year Y) with `previous` (year Y−1) of the same agency.
    fn check_years(
        &self,
        _current: &ReportSummary,
        _previous: &ReportSummary,
        _out: &mut Vec<CrossFinding>,
    ) {
    }

    /// Compares the reports of a batch with one another: findings as (report index, finding).
    fn check_batch(&self, _reports: &[&ReportSummary], _out: &mut Vec<(usize, CrossFinding)>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_figures_spaces_and_punctuation() {
        let a = fingerprint("2022年，我镇通过政府网站主动公开政府信息120条。");
        let b = fingerprint("2023 年,我镇通过政府网站主动公开政府信息 1350 条");
        assert_eq!(a, b);
        assert_ne!(
            a.0,
            fingerprint("2023年，我镇通过政务新媒体主动公开政府信息135条").0
        );
    }

    /// The characters of the former fingerprint (a substring search per character, each
    /// character hashed), which the fast reading must give.
    fn letters_before(sentence: &str) -> (String, usize) {
        let mut out = String::new();
        let mut chars = 0;
        let mut in_digits = false;
        for c in sentence.chars().map(crate::text::normalize_char) {
            if c.is_ascii_digit() || "〇零一二三四五六七八九十百千万".contains(c) && in_digits
            {
                if !in_digits {
                    out.push('#');
                    chars += 1;
                }
                in_digits = true;
                continue;
            }
            in_digits = false;
            if c.is_alphanumeric() && !c.is_ascii_punctuation() {
                out.push(c);
                chars += 1;
            }
        }
        (out, chars)
    }

    #[test]
    fn the_fast_reading_gives_the_former_letters() {
        let pieces = [
            "2022年",
            "，",
            "我镇",
            "20万",
            "一是",
            "十二",
            "３千",
            "Ａ",
            "abc",
            "〔2021〕30号",
            "（一）",
            "“",
            "！",
            " ",
            "\t",
            "零",
            "〇",
            "鿿",
            "㐀",
            "𠀀",
            "ⅷ",
            "½",
            "_",
            "—",
            "。",
            "、",
            "《",
            "…",
            "丁",
            "䷿",
            "政府信息公开工作",
            "；",
            "：",
            "）",
            "＋",
            "０",
            "ｚ",
            "々",
            "〆",
            "〡",
            "〒",
            "」",
            "】",
            "〕",
            "\u{3000}",
            "‘",
            "\u{2028}",
            "※",
            "\u{fe0f}",
            "Ⅻ",
            "①",
        ];
        let mut n = 0u64;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    let mut bytes = Vec::new();
                    let chars = letters(&s, &mut bytes);
                    let expected = letters_before(&s);
                    assert_eq!((String::from_utf8(bytes.clone()).unwrap(), chars), expected);
                    // The fingerprint is the hash of exactly these bytes.
                    let mut h = ByteHash::default();
                    h.put(&bytes);
                    assert_eq!(fingerprint(&s), (h.finish(), chars), "{s}");
                    n += 1;
                }
            }
        }
        assert_eq!(n, 51 * 51 * 51);
    }

    #[test]
    fn the_punctuation_told_on_its_bytes_is_never_a_letter() {
        let ranges = [
            0xff01..=0xff0f,
            0xff1a..=0xff20,
            0x2000..=0x203f,
            0x3000..=0x3004,
            0x3008..=0x301f,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let n = crate::text::normalize_char(c);
            assert!(
                !n.is_alphanumeric() && !is_numeral(n),
                "{c} U+{:04X}",
                c as u32
            );
            assert_eq!(letters(&c.to_string(), &mut Vec::new()), 0, "{c}");
        }
    }

    #[test]
    fn the_byte_hash_is_the_same_however_the_bytes_are_cut() {
        let text = "2022年，我镇通过政府网站主动公开政府信息120条。abc".as_bytes();
        let whole = {
            let mut h = ByteHash::default();
            h.put(text);
            h.finish()
        };
        let mut x = crate::testing::xorshift(7);
        for _ in 0..200 {
            let mut h = ByteHash::default();
            let mut at = 0;
            while at < text.len() {
                let k = 1 + (x() % 20) as usize;
                let end = (at + k).min(text.len());
                h.put(&text[at..end]);
                at = end;
            }
            assert_eq!(h.finish(), whole);
        }
        // And different bytes hash differently: a byte less, a byte changed, a zero byte added.
        let hash = |b: &[u8]| {
            let mut h = ByteHash::default();
            h.put(b);
            h.finish()
        };
        assert_ne!(hash(&text[..text.len() - 1]), whole);
        assert_ne!(hash(b"abcdefgh"), hash(b"abcdefgi"));
        assert_ne!(hash(b"abc"), hash(b"abc\0"));
        assert_ne!(hash(b""), hash(b"\0"));
    }

    #[test]
    fn a_part_s_template_sentences_are_left_out_of_its_fingerprints() {
        let own = "本镇通过政府网站主动公开政府信息120条，方便群众查询";
        let own2 = "二是解读形式较为单一，今后将加强图解和视频解读";
        let text = format!(
            "某镇人民政府2022年政府信息公开工作年度报告\n\
             一、总体情况\n\
             本报告统计期限为2022年1月1日至12月31日，特此说明如下。{own}。\
             编制本报告由本镇党政办公室负责完成并公开发布。\n\
             五、存在的主要问题及改进情况\n\
             一是公开内容还不够全面及时准确，仍需加强。{own2}。\n"
        );
        let doc = Document::parse("a.txt", &text);
        let s = ReportSummary::of(&doc);
        let got: Vec<u64> = s.prose.iter().map(|f| f.hash).collect();
        let want: Vec<u64> = [own, "一是公开内容还不够全面及时准确，仍需加强", own2]
            .iter()
            .map(|t| fingerprint(t).0)
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn own_fingerprints_leave_out_every_template_phrase() {
        let pieces = [
            "统计期限",
            "统计期",
            "计期限",
            "本报告由",
            "本报告",
            "如对本报告",
            "有任何疑问",
            "电子版",
            "勾稽关系",
            "勾稽",
            "现予公布",
            "特编制",
            "编制本报告",
            "无其他需要报告",
            "无其他",
            "2022年",
            "，",
            "我镇",
            "鿟",
            "𠀀",
            " ",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    let template = BOILERPLATE.iter().any(|p| s.contains(p));
                    let expected = (!template).then(|| fingerprint(&s));
                    assert_eq!(own_fingerprint(&s), expected, "{s}");
                }
            }
        }
    }

    #[test]
    fn a_spot_keeps_its_place_in_half_the_room() {
        let places = [
            Place {
                span: Span::new(3, 9),
                start: LineCol { line: 1, column: 4 },
                end: LineCol { line: 2, column: 1 },
                page: None,
            },
            Place {
                span: Span::new(70_000, 70_003),
                start: LineCol {
                    line: 900,
                    column: 12,
                },
                end: LineCol {
                    line: 900,
                    column: 13,
                },
                page: Some(crate::pages::PagePos { page: 3, line: 41 }),
            },
        ];
        for p in places {
            let spot = Spot::from(p);
            assert_eq!(spot.place(), p);
            assert_eq!((spot.offset(), spot.line()), (p.span.start, p.start.line));
        }
        assert!(std::mem::size_of::<Spot>() * 2 <= std::mem::size_of::<Place>());
        assert!(std::mem::size_of::<Fingerprint>() <= 56);
    }

    #[test]
    fn excerpts_are_found_by_line() {
        let e: Excerpts = [
            (3, "| 一、本年新收 | 1 |".to_owned()),
            (7, String::new()),
            (12, "四、结转…".to_owned()),
        ]
        .into_iter()
        .collect();
        assert_eq!(e.get(3), Some("| 一、本年新收 | 1 |"));
        assert_eq!(e.get(7), Some(""));
        assert_eq!(e.get(12), Some("四、结转…"));
        assert_eq!(e.get(4), None);
        assert_eq!(e.get(usize::MAX), None);
        assert_eq!(Excerpts::default().get(1), None);
    }

    #[test]
    fn the_locator_agrees_with_place_of() {
        let text = "标题\r\n一、总体情况\r\n2022年，我镇公开信息120条。办理申请3件。\n\n\
                    五、存在的问题\n一是公开不够。二是解读单一。\rabc";
        let doc = Document::parse("a.txt", text);
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.push(text.len());
        // In order, in reverse, and pairs that jump back and forth.
        let mut locator = Locator::new(&doc);
        for &at in &offsets {
            assert_eq!(locator.line_col(at), doc.line_col(at), "{at}");
        }
        let mut locator = Locator::new(&doc);
        for &at in offsets.iter().rev() {
            assert_eq!(locator.line_col(at), doc.line_col(at), "{at}");
        }
        let mut locator = Locator::new(&doc);
        for w in offsets.windows(7) {
            for &at in [w[3], w[6], w[0], w[5]].iter() {
                assert_eq!(locator.line_col(at), doc.line_col(at), "{at}");
            }
        }
        let span = Span::new(offsets[5], offsets[20]);
        assert_eq!(Locator::new(&doc).place(span), Place::of(&doc, span));
    }

    #[test]
    fn table_data_is_equal_for_equal_figures_only() {
        let of = TableData::of;
        assert_eq!(of(&[1, 0, 3]), of(&[1, 0, 3]));
        assert_eq!(of(&[1, 0, 3]).nonzero, 2);
        assert_ne!(of(&[1, 0, 3]).hash, of(&[1, 3, 0]).hash);
        assert_ne!(of(&[1, 0]).hash, of(&[1, 0, 0]).hash);
    }
}
