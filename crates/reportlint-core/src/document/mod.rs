//! The document model: built once per file, shared by every rule.
//!
//! Parsing is tolerant: a report with a misnumbered, unnumbered or inline heading still yields its
//! six sections, so that rules can say *what* is wrong instead of failing to find anything.

mod format;
mod furniture;
mod headings;
mod layout;

use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex, OnceLock};

use crate::line_index::{LineCol, LineIndex};
use crate::source::{decode, DecodeError, Encoding};
use crate::text::trim_with_offset;
use crate::Span;

pub use format::{FormatEra, FormatEvidence};
/// The section a heading's words name (for rules that read lists of part names).
pub use headings::classify_title;
pub use headings::{Heading, HeadingNumber, NumberStyle, SectionKind};
pub use layout::{
    Bracket, Closing, HeaderBlock, MarkerStyle, NumberingRestart, SubHeading, Title, TitleAgency,
    Year,
};

/// One line of the source, without its terminator.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// The whole line.
    pub span: Span,
    /// The line without leading and trailing whitespace (empty span for a blank line).
    pub content: Span,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.content.is_empty()
    }
}

/// A line's text without Markdown heading marks (`## `) and a bold wrapper (`**…**`), with the
/// bytes skipped at its start: `## 一、总体情况` is the heading `一、总体情况`.
/// Whether `line` has no space at either end and does not start with what [`strip_markdown`] or a
/// directive comment starts with (`#`, `*`, `_`, `<`): then its content is the whole line.
fn is_plain_line(line: &str) -> bool {
    // Characters from U+3001 to U+FEFE (CJK, full-width forms) are never spaces.
    let not_space = |c: char| ('\u{3001}'..'\u{feff}').contains(&c) || !crate::text::is_space(c);
    let first_ok = line
        .chars()
        .next()
        .is_some_and(|c| not_space(c) && !matches!(c, '#' | '*' | '_' | '<'));
    first_ok && line.chars().next_back().is_some_and(not_space)
}

/// The content of the line at `span`: trimmed, without Markdown marks, empty for a directive
/// comment. (Inlined into the loop over the lines: the call cost a fifth of the usual line's
/// reading.)
#[inline]
fn line_content(text: &str, span: Span) -> Span {
    let raw = &text.as_bytes()[span.range()];
    // Blank lines between table rows (one cell per line): nothing to read.
    let Some(&first) = raw.first() else {
        return Span::empty(span.start);
    };
    // Most lines, after the ASCII spaces or tabs that indent a table's cells, start with a visible
    // ASCII character other than a mark or with a character of U+3001..=U+FFFF (a lead byte
    // E3..EF; U+3000 and U+FEFF are spaces), and end with a visible character: nothing to trim at
    // the end and no mark to strip, decided on bytes without decoding.
    let ascii_space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let indent = if ascii_space(&first) {
        raw.iter().take_while(|b| ascii_space(b)).count()
    } else {
        0
    };
    let rest = &raw[indent..];
    let starts_plain = match rest {
        [0xe3, 0x80, 0x80, ..] | [0xef, 0xbb, 0xbf, ..] => false,
        [0xe3..=0xef, ..] => true,
        [b, ..] => b.is_ascii_graphic() && !matches!(b, b'#' | b'*' | b'_' | b'<'),
        [] => false,
    };
    if starts_plain && crate::text::ends_visible(rest) {
        return Span::new(span.start + indent, span.end);
    }
    let raw = &text[span.range()];
    if is_plain_line(raw) {
        return span;
    }
    let (off, t) = trim_with_offset(raw);
    // Directive comments are invisible to the layout.
    if t.is_empty() || crate::directives::is_comment_line(t) {
        return Span::empty(span.start);
    }
    let (skip, t) = strip_markdown(t);
    Span::new(span.start + off + skip, span.start + off + skip + t.len())
}

fn strip_markdown(t: &str) -> (usize, &str) {
    let mut skip = 0;
    let mut s = t;
    let hashes = s.len() - s.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && s[hashes..].starts_with([' ', '\u{3000}']) {
        let (sp, rest) = trim_with_offset(&s[hashes..]);
        skip += hashes + sp;
        s = rest;
    }
    for mark in ["**", "__"] {
        if s.len() > 2 * mark.len() && s.starts_with(mark) && s.ends_with(mark) {
            let inner = &s[mark.len()..s.len() - mark.len()];
            let (sp, rest) = trim_with_offset(inner);
            skip += mark.len() + sp;
            s = rest;
        }
    }
    (skip, s)
}

/// One of the six top-level sections as found in the text.
#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: Heading,
    /// From the end of the heading to the start of the next section (or the closing block).
    pub body: Span,
    /// Sub-headings (`（一）`, `(1)`, `1.`) found in the body, in order.
    pub subheadings: Vec<SubHeading>,
}

impl Section {
    /// Heading and body together.
    pub fn span(&self) -> Span {
        self.heading.span.cover(self.body)
    }
}

/// A parsed report.
#[derive(Debug)]
pub struct Document {
    path: String,
    text: String,
    encoding: Encoding,
    index: LineIndex,
    lines: Vec<Line>,
    header: Option<HeaderBlock>,
    title: Option<Title>,
    opening: Span,
    sections: Vec<Section>,
    heading_candidates: Vec<Heading>,
    closing: Option<Closing>,
    trailing: Option<Span>,
    /// The analyses computed so far.
    analyses: Analyses,
    imported_tables: Vec<ImportedTable>,
    /// Where the text sits on printed pages (PDF); `None` for unpaged formats.
    pages: Option<crate::pages::PageMap>,
    /// The report's format, decided on first use.
    format: OnceLock<FormatEvidence>,
    /// Page numbers and running headers (text copied from a PDF), in order.
    furniture: Vec<Span>,
    restarts: Vec<NumberingRestart>,
}

/// A table as an importer of .docx or .html found it, before any text reader: rows of cells as
/// written in the source (a merged cell appears once, with its spans). The table's rows are also
/// in the text, one line per row, cells separated by tabs; every span points there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedTable {
    pub span: Span,
    pub rows: Vec<Vec<ImportedCell>>,
}

/// One cell of an [`ImportedTable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCell {
    /// The cell's text in the document (empty span for an empty cell).
    pub span: Span,
    pub row_span: usize,
    pub col_span: usize,
}

/// Something derived from a document once and shared by every rule that needs it: the
/// statistics tables, the dates, the contact details, the agency's region. Layers of the core
/// and rule crates alike define analyses; [`Document::analysis`] computes each on first use.
pub trait Analysis: Any + Send + Sync + Sized {
    fn compute(doc: &Document) -> Self;
}

type Stored = Arc<dyn Any + Send + Sync>;

/// The analyses of one document, by type id: a dozen at most, looked up about fifty times per
/// report (every rule asks for the ones it reads). A small open-addressed table: a lookup reads
/// the slot the id hashes to and seldom the next, a load each and no lock, where a mutex around a
/// list cost two atomic read-modify-writes and a scan per lookup. A slot once filled never
/// changes, and an id goes to the first empty slot from its own, so two threads that store the
/// same analysis at once find each other's: the first one stored wins.
#[derive(Default)]
struct Analyses {
    /// Boxed: the document is moved about after it is built.
    slots: Box<[OnceLock<(TypeId, Stored)>; SLOTS]>,
    /// Analyses past a full table (there are a dozen), under a lock.
    more: Mutex<Vec<(TypeId, Stored)>>,
}

const SLOTS: usize = 32;

/// The slots in the order an id tries them: from the one its hash picks, round the table.
#[inline]
fn probe(key: TypeId) -> impl Iterator<Item = usize> {
    /// Keeps the 64 bits a type id hashes as (its own bits: it is a hash already).
    #[derive(Default)]
    struct Bits(u64);
    impl std::hash::Hasher for Bits {
        #[inline]
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = self.0.rotate_left(8) ^ u64::from(b);
            }
        }
        #[inline]
        fn write_u64(&mut self, n: u64) {
            self.0 ^= n;
        }
    }
    let mut bits = Bits::default();
    std::hash::Hash::hash(&key, &mut bits);
    let first = (bits.0 ^ bits.0 >> 32) as usize;
    (0..SLOTS).map(move |i| first.wrapping_add(i) % SLOTS)
}

impl std::fmt::Debug for Analyses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let filled = self.slots.iter().filter(|s| s.get().is_some()).count();
        f.debug_struct("Analyses")
            .field("computed", &filled)
            .finish_non_exhaustive()
    }
}

impl Analyses {
    /// The analysis stored under `key`.
    #[inline]
    fn get(&self, key: TypeId) -> Option<Stored> {
        for i in probe(key) {
            match self.slots[i].get() {
                Some((k, value)) if *k == key => return Some(value.clone()),
                Some(_) => {}
                // Nothing is stored under `key` past an empty slot.
                None => return None,
            }
        }
        let more = self.more.lock().unwrap_or_else(|e| e.into_inner());
        more.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())
    }

    /// Stores `value` under `key` unless an analysis is stored there already; returns the one
    /// stored.
    fn insert(&self, key: TypeId, value: Stored) -> Stored {
        for i in probe(key) {
            // The first empty slot takes it; a slot another thread filled meanwhile is read like
            // any other.
            let (k, stored) = self.slots[i].get_or_init(|| (key, value.clone()));
            if *k == key {
                return stored.clone();
            }
        }
        let mut more = self.more.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, stored)) = more.iter().find(|(k, _)| *k == key) {
            return stored.clone();
        }
        more.push((key, value.clone()));
        value
    }
}

impl Document {
    /// Decodes `bytes` (UTF-8, GBK/GB18030 or UTF-16 with BOM) and parses the report.
    pub fn from_bytes(path: impl Into<String>, bytes: &[u8]) -> Result<Document, DecodeError> {
        let (text, encoding) = decode(bytes)?;
        Ok(Self::build(path.into(), text, encoding))
    }

    /// Like [`from_bytes`](Self::from_bytes), for bytes the caller owns.
    pub fn from_vec(path: impl Into<String>, bytes: Vec<u8>) -> Result<Document, DecodeError> {
        Self::from_bytes(path, &bytes)
    }

    /// Parses already-decoded text.
    pub fn parse(path: impl Into<String>, text: impl Into<String>) -> Document {
        Self::build(path.into(), text.into(), Encoding::Utf8)
    }

    fn build(path: String, text: String, encoding: Encoding) -> Document {
        let index = LineIndex::new(&text);
        let lines = index
            .spans()
            .map(|span| Line {
                span,
                content: line_content(&text, span),
            })
            .collect::<Vec<_>>();
        // Page numbers and running headers copied from a PDF are invisible to the layout.
        let mut lines = lines;
        // The layout reads look-alike characters (`⼀、总体情况`, from PDF conversion) as the
        // ordinary ones; the replacements keep every offset.
        let ordinary = crate::text::ordinary_forms(&text);
        let furniture: Vec<Span> = furniture::detect(&ordinary, &lines, 0)
            .into_iter()
            .map(|i| {
                let c = lines[i].content;
                lines[i].content = Span::empty(lines[i].span.start);
                c
            })
            .collect();
        let layout = layout::analyse(&ordinary, &lines);
        drop(ordinary);
        Document {
            path,
            text,
            encoding,
            index,
            lines,
            header: layout.header,
            title: layout.title,
            opening: layout.opening,
            sections: layout.sections,
            heading_candidates: layout.candidates,
            closing: layout.closing,
            trailing: layout.trailing,
            analyses: Analyses::default(),
            imported_tables: Vec::new(),
            pages: None,
            format: OnceLock::new(),
            furniture,
            restarts: layout.restarts,
        }
    }

    /// The analysis `T` of this document, computed on first use and cached.
    #[inline]
    pub fn analysis<T: Analysis>(&self) -> Arc<T> {
        let found = self.analyses.get(TypeId::of::<T>());
        match found.and_then(|a| a.downcast::<T>().ok()) {
            Some(found) => found,
            None => self.compute_analysis::<T>(),
        }
    }

    /// The first request for `T`: kept out of line, so that the lookup, asked for about fifty
    /// times per report, stays small.
    #[cold]
    #[inline(never)]
    fn compute_analysis<T: Analysis>(&self) -> Arc<T> {
        // Computed outside any lock: an analysis may ask for other analyses.
        let value: Arc<T> = Arc::new(T::compute(self));
        // Another thread may have computed it meanwhile: the first one stored wins.
        self.analyses
            .insert(TypeId::of::<T>(), value.clone())
            .downcast::<T>()
            .unwrap_or(value)
    }

    /// The path (or `-` for standard input) as given on the command line.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Attaches the tables an importer (.docx, .html) read as grids, so that the table model can
    /// take them as they are instead of re-reading their text. Spans must lie in the text.
    pub fn with_imported_tables(mut self, tables: Vec<ImportedTable>) -> Document {
        self.imported_tables = tables;
        self
    }

    /// Attaches the page map of a paged document (PDF): offsets must index the text.
    pub fn with_page_map(mut self, pages: crate::pages::PageMap) -> Document {
        self.pages = Some(pages);
        self
    }

    /// The page map, for a paged document.
    pub fn page_map(&self) -> Option<&crate::pages::PageMap> {
        self.pages.as_ref()
    }

    /// The page and line on the page of a byte offset, for a paged document.
    pub fn page_pos(&self, offset: usize) -> Option<crate::pages::PagePos> {
        self.pages.as_ref()?.locate(offset)
    }

    /// Tables read as grids by an importer, in document order (empty for text files).
    pub fn imported_tables(&self) -> &[ImportedTable] {
        &self.imported_tables
    }

    /// The decoded text; every span indexes into it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text at `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.index
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.index.line_col(&self.text, offset)
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// Lines that overlap `span`, as (0-based line number, line).
    pub fn lines_in(&self, span: Span) -> impl Iterator<Item = (usize, &Line)> {
        let first = self.index.line_of(span.start);
        let last = if span.is_empty() {
            first
        } else {
            self.index.line_of(span.end - 1)
        };
        self.lines[first..=last]
            .iter()
            .enumerate()
            .map(move |(i, l)| (first + i, l))
    }

    /// A crawler's header block (`标题: …`, `发布时间: …`, then a rule line) before the body.
    pub fn header(&self) -> Option<&HeaderBlock> {
        self.header.as_ref()
    }

    pub fn title(&self) -> Option<&Title> {
        self.title.as_ref()
    }

    /// The report year Y as the title gives it.
    pub fn title_year(&self) -> Option<i32> {
        self.title.as_ref().and_then(|t| t.year).map(|y| y.value)
    }

    /// The format the report follows (pre-2019 content list, 2019 trial format or 2021 format),
    /// with the words that show it. Rules written for the 2021 format stand down for an older
    /// one; `structure/report-format` names it.
    pub fn format_evidence(&self) -> FormatEvidence {
        *self.format.get_or_init(|| {
            let old_heading = self
                .sections
                .iter()
                .find(|s| s.heading.old_format)
                .map(|s| s.heading.title);
            format::detect(&self.text, old_heading, self.title_year())
        })
    }

    /// The format the report follows; see [`format_evidence`](Self::format_evidence).
    pub fn format_era(&self) -> FormatEra {
        self.format_evidence().era
    }

    /// Whether the report follows the pre-2019 content list, whose parts and statistics table
    /// differ from the six parts and three tables of the later formats.
    pub fn is_pre_2019(&self) -> bool {
        self.format_era() == FormatEra::Pre2019
    }

    /// Lines of page furniture from a PDF — page numbers (`- 3 -`, `第3页 共6页`, `3/6`, a bare
    /// number in a run of page numbers) and running headers repeated on three pages or more —
    /// as their trimmed text, in order. Their [`Line::content`] is empty: the layout does not see
    /// them, and the table readers skip them.
    pub fn page_furniture(&self) -> &[Span] {
        &self.furniture
    }

    /// Sub-lists numbered like the parts (`一、二、三` inside 总体情况, after which the parts'
    /// `二、` follows): their items were not taken for part headings.
    pub fn numbering_restarts(&self) -> &[NumberingRestart] {
        &self.restarts
    }

    /// The opening paragraphs: after the title, before the first section.
    pub fn opening(&self) -> Span {
        self.opening
    }

    /// The sections found, in document order (missing ones are absent).
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// Every line or inline phrase that looked like a top-level heading, chosen or not.
    pub fn heading_candidates(&self) -> &[Heading] {
        &self.heading_candidates
    }

    /// The closing block: the agency's name, then the date.
    pub fn closing(&self) -> Option<&Closing> {
        self.closing.as_ref()
    }

    /// Non-blank text after the closing block.
    pub fn trailing(&self) -> Option<Span> {
        self.trailing
    }

    /// The section holding `offset`, if any.
    pub fn section_at(&self, offset: usize) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.heading.span.start <= offset && offset < s.body.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_are_their_own_content() {
        let lines = [
            "一、总体情况",
            "  缩进的行",
            "行尾有空格 ",
            "行尾全角空格\u{3000}",
            "\u{feff}带BOM",
            "## 二、主动公开",
            "**加粗**",
            "__下划__",
            "<!-- reportlint-disable -->",
            "#号开头",
            "abc",
            "（一）小标题",
            "０６３１",
            "",
        ];
        for line in lines {
            let (off, t) = trim_with_offset(line);
            let (skip, t) = strip_markdown(t);
            let whole = off + skip == 0 && t.len() == line.len() && !line.starts_with("<!--");
            if is_plain_line(line) {
                assert!(
                    whole,
                    "{line:?} is plain but its content is not the whole line"
                );
            }
        }
        let more = [
            "\t0",
            " \t\t商业企业\t0",
            "\t\u{3000}（一）",
            "\t## 二、主动公开",
            "  <!-- x -->",
            "\u{3000}（一）",
            "a\u{3000}",
            "**",
            "\t",
            "\x0b\x0c12",
        ];
        for line in lines.iter().chain(&more) {
            let text = format!("x\n{line}\ny");
            let span = Span::new(2, 2 + line.len());
            // What the model read before the byte test: the plain-line test, then trimming.
            let (off, t) = trim_with_offset(line);
            let former = if line.is_empty() || is_plain_line(line) {
                if line.is_empty() {
                    Span::empty(2)
                } else {
                    span
                }
            } else if t.is_empty() || crate::directives::is_comment_line(t) {
                Span::empty(2)
            } else {
                let (skip, t) = strip_markdown(t);
                Span::new(2 + off + skip, 2 + off + skip + t.len())
            };
            assert_eq!(line_content(&text, span), former, "{line:?}");
        }
        assert!(is_plain_line("一、总体情况") && is_plain_line("abc"));
        assert!(!is_plain_line("行尾有空格 ") && !is_plain_line("## 二、主动公开"));
    }
    use std::sync::atomic::{AtomicUsize, Ordering};

    static RUNS: AtomicUsize = AtomicUsize::new(0);

    struct LineCount(usize);

    impl Analysis for LineCount {
        fn compute(doc: &Document) -> Self {
            RUNS.fetch_add(1, Ordering::SeqCst);
            LineCount(doc.lines().len())
        }
    }

    #[test]
    fn markdown_heading_marks_are_not_part_of_the_heading() {
        let doc = Document::parse(
            "t.md",
            "# 某镇人民政府2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n**（一）主动公开**\n正文。\n## 二、主动公开政府信息情况\n",
        );
        let title = doc.title().unwrap();
        assert_eq!(title.agency.as_ref().unwrap().name, "某镇人民政府");
        let s = &doc.sections()[0];
        assert_eq!(doc.slice(s.heading.span), "一、总体情况");
        assert!(s.heading.is_correctly_numbered());
        assert_eq!(doc.slice(s.subheadings[0].marker), "（一）");
        assert_eq!(doc.sections().len(), 2);
    }

    #[test]
    fn analyses_are_computed_once() {
        let doc = Document::parse("t.txt", "一\n二\n三");
        assert_eq!(doc.analysis::<LineCount>().0, 3);
        assert_eq!(doc.analysis::<LineCount>().0, 3);
        assert_eq!(RUNS.load(Ordering::SeqCst), 1);
    }

    /// An analysis type per `N`, to fill more slots than the cache has.
    struct Nth<const N: usize>(usize);

    impl<const N: usize> Analysis for Nth<N> {
        fn compute(doc: &Document) -> Self {
            Nth(N + doc.lines().len())
        }
    }

    fn nth<const N: usize>(doc: &Document) -> (usize, usize) {
        let a = doc.analysis::<Nth<N>>();
        let b = doc.analysis::<Nth<N>>();
        assert!(Arc::ptr_eq(&a, &b), "Nth<{N}> computed twice");
        (a.0, Arc::as_ptr(&a) as usize)
    }

    #[test]
    fn more_analyses_than_slots_are_each_stored_once() {
        let doc = Document::parse("t.txt", "一\n二");
        macro_rules! each {
            ($($n:literal)*) => { [$(nth::<$n>(&doc)),*] };
        }
        // More types than the table has slots: the last ones go to the list past it.
        let firsts = each!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26
            27 28 29 30 31 32 33 34 35);
        assert!(firsts.len() > SLOTS);
        for (n, (value, _)) in firsts.iter().enumerate() {
            assert_eq!(*value, n + 2);
        }
        // Asked again in another order.
        let again = each!(35 3 34 0 17 33 31 32);
        for (got, n) in again.iter().zip([35, 3, 34, 0, 17, 33, 31, 32]) {
            assert_eq!(*got, firsts[n], "Nth<{n}>");
        }
    }

    #[test]
    fn threads_asking_at_once_share_one_analysis() {
        let doc = Document::parse("t.txt", "一\n二\n三");
        let got: Vec<(usize, usize)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4).map(|_| s.spawn(|| nth::<40>(&doc))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(got.iter().all(|g| *g == got[0]), "{got:?}");
        assert_eq!(got[0].0, 43);
    }
}
