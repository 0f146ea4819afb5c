//! The report's prose: the lines a style rule reads.
//!
//! Style rules look at running text only. Left out: a web crawler's header block, the statistics
//! tables (as found by the table analysis, readable or not), and lines that are table rows in a
//! text layout (cells separated by tabs or `|`). Table labels and figures follow the template,
//! not the rules of prose, and a flattened table's run-together cells would read as typos.

use std::ops::Range;
use std::sync::Arc;

use reportlint_core::memchr;
use reportlint_core::tables::{Found, Tables};
use reportlint_core::{Analysis, Document, Span};

/// The lines the style rules read, found once per document and shared by them.
#[derive(Debug)]
pub struct Prose {
    /// Prose lines: not in a table, not table rows.
    pub lines: Vec<Span>,
    /// Every line outside the header and the tables, table rows in text form included.
    pub with_rows: Vec<Span>,
    /// Stretches of text that hold every prose line: runs of prose lines with what little lies
    /// between them (blank lines, a short row). Searched in one go where a search per line
    /// would cost more to start than to run; a match must still be found inside a line.
    pub stretches: Vec<Span>,
    /// The same for `with_rows`.
    pub row_stretches: Vec<Span>,
}

/// Prose lines at most this many bytes apart share a stretch.
const STRETCH_GAP: usize = 256;

impl Analysis for Prose {
    fn compute(doc: &Document) -> Self {
        let with_rows = outside_tables(doc);
        let row_stretches = stretches(&with_rows);
        let lines = without_rows(doc.text(), &with_rows, &row_stretches);
        Prose {
            stretches: stretches(&lines),
            row_stretches,
            lines,
            with_rows,
        }
    }
}

/// The lines of `with_rows` that hold no tab and no `|` (table rows in a text layout), found by
/// a search over each of its stretches (`row_stretches`) rather than one per line: a search costs
/// more to start than to run, and most lines have neither. After a row, the search resumes at
/// its end (a row has many tabs).
fn without_rows(text: &str, with_rows: &[Span], row_stretches: &[Span]) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out: Vec<Span> = Vec::with_capacity(with_rows.len());
    // The first line not yet kept or left out.
    let mut next = 0usize;
    for &stretch in row_stretches {
        let mut from = stretch.start;
        while let Some(i) = memchr::memchr2(b'\t', b'|', &bytes[from..stretch.end]) {
            let at = from + i;
            // The lines that end before the mark have none.
            while with_rows.get(next).is_some_and(|l| l.end <= at) {
                out.push(with_rows[next]);
                next += 1;
            }
            match with_rows.get(next) {
                Some(l) if l.start <= at => {
                    from = l.end.max(at + 1);
                    next += 1;
                }
                // Between two lines.
                _ => from = at + 1,
            }
        }
    }
    out.extend_from_slice(with_rows.get(next..).unwrap_or_default());
    out
}

/// Runs of `lines` at most [`STRETCH_GAP`] bytes apart, each as one span.
fn stretches(lines: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for &l in lines {
        match out.last_mut() {
            Some(s) if l.start - s.end <= STRETCH_GAP => s.end = l.end,
            _ => out.push(l),
        }
    }
    out
}

impl Prose {
    /// The prose line that holds all of `span`, if any.
    pub fn line_holding(&self, span: Span) -> Option<Span> {
        let i = self.lines.partition_point(|l| l.end < span.end);
        self.lines
            .get(i)
            .copied()
            .filter(|l| l.start <= span.start && span.end <= l.end)
    }
}

/// The prose lines of `doc`: the content span (without surrounding spaces) of every line that is
/// not blank, not in the crawler header, not in a statistics table and not a table row.
pub fn lines(doc: &Document) -> Arc<Prose> {
    doc.analysis::<Prose>()
}

/// The content spans of the non-blank lines outside the crawler header and the statistics
/// tables, lines that look like table rows (tabs, `|`) included.
fn outside_tables(doc: &Document) -> Vec<Span> {
    let tables = doc.analysis::<Tables>();
    let mut skip: Vec<Span> = Vec::with_capacity(4);
    if let Some(h) = doc.header() {
        skip.push(h.span);
    }
    let regions = [
        tables.proactive.as_ref().map(found_span),
        tables.requests.as_ref().map(found_span),
        tables.appeals.as_ref().map(found_span),
    ];
    skip.extend(regions.into_iter().flatten().flatten());
    // A line is left out when its content starts in a skipped span. Contents start in line
    // order, so each span leaves out a run of lines, found by two binary searches; only the
    // lines between the runs are visited (the tables hold most of a report's lines).
    let all = doc.lines();
    let mut runs: Vec<(usize, usize)> = skip
        .iter()
        .map(|s| {
            let from = all.partition_point(|l| l.content.start < s.start);
            let to = all.partition_point(|l| l.content.start < s.end);
            (from, to)
        })
        .filter(|&(from, to)| from < to)
        .collect();
    runs.sort_unstable();
    let mut out: Vec<Span> = Vec::new();
    let mut keep = |lines: &[reportlint_core::document::Line]| {
        out.reserve(lines.len());
        out.extend(lines.iter().filter(|l| !l.is_blank()).map(|l| l.content));
    };
    let mut next = 0usize;
    for (from, to) in runs {
        if from > next {
            keep(&all[next..from]);
        }
        next = next.max(to);
    }
    keep(&all[next.min(all.len())..]);
    out
}

fn found_span<T: HasSpan>(f: &Found<T>) -> Option<Span> {
    match f {
        Found::Table(t) => Some(t.span()),
        Found::Unreadable { region, .. } => Some(*region),
        Found::Missing { .. } => None,
    }
}

trait HasSpan {
    fn span(&self) -> Span;
}

impl HasSpan for reportlint_core::tables::ProactiveTable {
    fn span(&self) -> Span {
        self.span
    }
}
impl HasSpan for reportlint_core::tables::RequestsTable {
    fn span(&self) -> Span {
        self.span
    }
}
impl HasSpan for reportlint_core::tables::AppealsTable {
    fn span(&self) -> Span {
        self.span
    }
}

/// How many headings and sub-headings the model found: room for a list of them.
pub fn headings_count(doc: &Document) -> usize {
    doc.heading_candidates().len()
        + doc
            .sections()
            .iter()
            .map(|s| s.subheadings.len())
            .sum::<usize>()
}

/// Paragraphs: runs of consecutive prose lines (no blank line, heading or table between them),
/// for rules whose marks may span a line break in text wrapped by a PDF. Each is a range of
/// indices into `prose.lines` (one list for all, not a list per paragraph).
pub fn paragraphs(doc: &Document, prose: &Prose) -> Vec<Range<usize>> {
    let text = doc.text();
    // Headings are paragraphs of their own, however they end. (Room for all from the start:
    // a list grown as it fills costs more than the rest of this function.)
    let mut headings: Vec<usize> = Vec::with_capacity(headings_count(doc) + 1);
    headings.extend(doc.heading_candidates().iter().map(|h| h.span.start));
    for s in doc.sections() {
        headings.extend(s.subheadings.iter().map(|h| h.marker.start));
    }
    headings.extend(doc.title().map(|t| t.span().start));
    headings.sort_unstable();
    // Whether a heading starts in the line (the first heading at or after its start).
    let is_heading = |l: Span| {
        let i = headings.partition_point(|&h| h < l.start);
        headings.get(i).is_some_and(|&h| h < l.end.max(l.start + 1))
    };
    let mut out: Vec<Range<usize>> = Vec::with_capacity(prose.lines.len());
    let mut last_end = None;
    let mut last_heading = false;
    for (i, &l) in prose.lines.iter().enumerate() {
        // Only a line break (and spaces, or one blank line, as text extracted from a PDF has
        // between its wrapped lines) between the two lines: the same paragraph when the first
        // does not end a sentence.
        let heading = is_heading(l);
        let joined = !heading
            && !last_heading
            && last_end.is_some_and(|end: usize| {
                let gap = &text[end..l.start];
                (1..=2).contains(&gap.chars().filter(|&c| c == '\n').count())
                    && gap.chars().all(char::is_whitespace)
                    && !text[..end].ends_with(['。', '！', '？', '：', '；'])
            });
        match out.last_mut() {
            Some(p) if joined => p.end = i + 1,
            _ => out.push(i..i + 1),
        }
        last_end = Some(l.end);
        last_heading = heading;
    }
    out
}

/// A search for a fixed string of Chinese text by a few of its bytes: a searcher for the whole
/// string picks the bytes it looks for by their frequency in English text, and those of `。。` or
/// `截止` are everywhere in Chinese text (the continuation bytes of `。` and of every other
/// character). `part` is chosen rare (`82 E3` where two `。` meet, `88 AA` of `截`); every
/// candidate is checked against the whole string.
pub struct PartSearch {
    needle: &'static [u8],
    part: memchr::memmem::Finder<'static>,
    /// Where `part` starts in `needle`.
    offset: usize,
}

impl PartSearch {
    /// `part` must not overlap itself (no end of it is also its start), so that the search for it
    /// finds every copy.
    pub fn new(needle: &'static str, offset: usize, len: usize) -> PartSearch {
        let needle = needle.as_bytes();
        PartSearch {
            needle,
            part: memchr::memmem::Finder::new(&needle[offset..offset + len]),
            offset,
        }
    }

    /// The starts of the string in `haystack`, leftmost first and not overlapping: what
    /// `memmem::find_iter` gives.
    pub fn find_iter<'a>(&'a self, haystack: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
        let mut end = 0;
        self.part.find_iter(haystack).filter_map(move |c| {
            let i = c.checked_sub(self.offset)?;
            let found = i >= end && haystack.get(i..i + self.needle.len()) == Some(self.needle);
            found.then(|| {
                end = i + self.needle.len();
                i
            })
        })
    }
}

/// Whether `s` has at least `n` characters, mostly without counting them: a character takes one
/// to four bytes.
pub fn at_least_chars(s: &str, n: usize) -> bool {
    if s.len() >= 4 * n {
        true
    } else if s.len() < n {
        false
    } else {
        // Every byte but the continuation bytes (`10xxxxxx`) starts a character. Counted in
        // chunks of 128 bytes with a one-byte counter, which the compiler turns into vector adds
        // (a count into a `usize` per byte it does not).
        let starts: usize = s
            .as_bytes()
            .chunks(128)
            .map(|c| usize::from(c.iter().fold(0u8, |k, &b| k + u8::from((b as i8) >= -0x40))))
            .sum();
        starts >= n
    }
}

/// A Han character (the CJK Unified Ideographs and their extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_rows_are_not_prose() {
        let text = "标题: 某镇2022年报告\n发布时间: 2023-01-16\n==================== 正文 ====================\n某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文一句。\n行政许可\t3\t4\n| 项目 | 数量 |\n";
        let doc = Document::parse("t.txt", text);
        let got: Vec<&str> = lines(&doc).lines.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(
            got,
            [
                "某镇人民政府2022年政府信息公开工作年度报告",
                "一、总体情况",
                "正文一句。"
            ]
        );
    }

    #[test]
    fn rows_are_found_as_a_search_per_line_finds_them() {
        let alphabet: Vec<char> = "正文，。\t|a1 \n\n\n".chars().collect();
        let mut next = reportlint_core::testing::xorshift(0x2545_f491_4f6c_dd1du64);
        for _ in 0..500 {
            let text: String = (0..(next() % 400))
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let doc = Document::parse("t.txt", text.as_str());
            let prose = lines(&doc);
            let want: Vec<Span> = prose
                .with_rows
                .iter()
                .copied()
                .filter(|l| !text[l.range()].contains(['\t', '|']))
                .collect();
            assert_eq!(prose.lines, want, "{text:?}");
        }
    }

    #[test]
    fn a_search_by_a_part_finds_what_a_whole_search_finds() {
        let alphabet: Vec<char> = "。，截止至、年a\u{4E02}\u{522A}\u{4E0C}".chars().collect();
        let mut next = reportlint_core::testing::xorshift(0x9e37_79b9_7f4a_7c15u64);
        let searches = [
            PartSearch::new("。。", 2, 2),
            PartSearch::new("，，", 2, 2),
            PartSearch::new("截止", 1, 2),
        ];
        for _ in 0..2000 {
            let text: String = (0..(next() % 200))
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let h = text.as_bytes();
            for s in &searches {
                let want: Vec<usize> = memchr::memmem::find_iter(h, s.needle).collect();
                let got: Vec<usize> = s.find_iter(h).collect();
                assert_eq!(got, want, "{text:?}");
            }
        }
    }

    #[test]
    fn characters_are_counted_exactly() {
        let text = "全年主动公开政府信息1234条，abc。".repeat(12);
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            let s = &text[..end];
            let count = s.chars().count();
            for n in [1, 10, 30, 100, count, count + 1] {
                assert_eq!(at_least_chars(s, n), count >= n, "{s} {n}");
            }
        }
    }

    #[test]
    fn wrapped_lines_make_one_paragraph() {
        let text =
            "一、总体情况\n本机关认真贯彻《中华人民共和国政府\n信息公开条例》。\n\n下一段。\n";
        let doc = Document::parse("t.txt", text);
        let sizes: Vec<usize> = paragraphs(&doc, &lines(&doc))
            .iter()
            .map(|p| p.len())
            .collect();
        assert_eq!(sizes, [1, 2, 1]);
    }
}
