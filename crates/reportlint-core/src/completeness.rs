//! Whether the text is cut short, and where.
//!
//! Many texts users lint are not whole reports: a web page saved or crawled part-way, an
//! excerpt, a copy that stops at a page break. What comes after the cut — the later parts, the
//! rest of a table, contact details written at the end, the closing block — is missing from the
//! text, not necessarily from the report. Rules that report absence ask [`Completeness`] first
//! and leave unchecked what would lie after the cut; `structure/text-cut-short` says once, as
//! information, where the text breaks off and what could therefore not be checked.
//!
//! The judgement is conservative. A text is cut only when it has no closing block and its last
//! line visibly breaks off:
//!
//! - **inside a statistics table**: the last line is in the table of the section the text ends
//!   in and that table is incomplete (rows missing, or a header with no data read); or the last
//!   line is a table row whose last cell is a label, not a number (`商业企业 | 科研机`,
//!   `信息内容 | 本年收费金额(单位:万`); or a short label line right after table rows;
//! - **in the middle of a sentence**: the text after the last sentence-final mark (`。！？；…`)
//!   holds a clause mark (`，`, `、` other than a numbering `一、`) or ends on one
//!   (`…全域无垃圾67条`, `…政府集`, `…不断满足`);
//! - **in the middle of a word**: a bracket, quote or title mark opened and never closed
//!   (`（地址：某某路`, `《中华人民共和国政府`), or a broken character (U+FFFD) at the end;
//! - **right after a part's heading** (`三、收到和处理政府信息公开申请情况`) with no text after it.
//!
//! A text that ends on a full sentence (`。`, `！`, `？`, `；`, `…`, or a closing `）`/`”`), on a
//! heading, or on a short phrase without clause marks (`无其他需要报告的事项`, `附件下载`) is not
//! cut: whether anything followed cannot be told, so rules report as usual. Page numbers at the
//! very end (`- 3 -`, `第3页 共6页`, `3/6`) are skipped.
//!
//! Computed once per document from its last few lines; asks the [`Tables`] analysis only when
//! the last line may lie in a table (so [`Tables`] must never ask for this analysis).

use crate::document::{Analysis, Document, Line, SectionKind};
use crate::tables::{Found, Tables};
use crate::text::{char_len, is_heading_numeral, is_space};
use crate::Span;

/// How the text breaks off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CutKind {
    /// Inside a statistics table.
    Table,
    /// In the middle of a sentence: no sentence-final mark after the last clause.
    Sentence,
    /// In the middle of a word or phrase: a bracket or quote never closed, a broken character.
    Word,
    /// Right after the heading of one of the six parts, before any of its text.
    Heading,
}

impl CutKind {
    /// How the text breaks off, in Chinese.
    pub fn describe(self) -> &'static str {
        match self {
            CutKind::Table => "停在统计表中间",
            CutKind::Sentence => "停在句子中间，没有句末标点",
            CutKind::Word => "停在词语中间，括号或引号没有闭合",
            CutKind::Heading => "停在部分标题之后，没有正文",
        }
    }
}

/// Where the text breaks off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// The last text before the cut: the last clause, or the last table cell.
    pub span: Span,
    pub kind: CutKind,
}

/// Whether the text is cut short ([`Document::analysis`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completeness {
    cut: Option<Cut>,
    /// The highest-numbered of the six parts found (all of them come before the cut).
    last_part: Option<SectionKind>,
}

impl Analysis for Completeness {
    fn compute(doc: &Document) -> Self {
        Completeness {
            cut: find_cut(doc),
            last_part: doc.sections().iter().map(|s| s.kind).max(),
        }
    }
}

impl Completeness {
    /// Where the text breaks off, if it visibly does.
    pub fn cut(&self) -> Option<&Cut> {
        self.cut.as_ref()
    }

    pub fn is_cut(&self) -> bool {
        self.cut.is_some()
    }

    /// Whether part `kind`, when it is not found, would come after the cut: the text is cut and
    /// no part numbered `kind` or higher was found. A part missing before the last part found is
    /// missing from the report, cut or not.
    pub fn hides_part(&self, kind: SectionKind) -> bool {
        self.cut.is_some() && self.last_part.is_none_or(|last| kind > last)
    }

    /// Whether the text is cut before any of the six parts was found: even the opening (the
    /// statistics period, the contact details) may continue after the cut.
    pub fn hides_opening(&self) -> bool {
        self.cut.is_some() && self.last_part.is_none()
    }

    /// Whether the text breaks off inside the section that holds `offset` (so what that section
    /// would hold after the cut, such as its table, cannot be checked).
    pub fn cut_in_section_at(&self, doc: &Document, offset: usize) -> bool {
        self.cut.is_some_and(|c| {
            doc.section_at(offset)
                .is_some_and(|s| s.span().contains(c.span.start))
        })
    }
}

/// Marks that end a sentence.
const FINAL: [char; 10] = ['。', '！', '？', '!', '?', '；', ';', '…', '．', '.'];
/// Closing brackets and quotes, which may follow a sentence's end (`。”`) or end a line of their
/// own accord (`（无）`).
const CLOSERS: [char; 13] = [
    '”', '’', '」', '』', '）', ')', '】', '》', '〕', ']', '〉', '"', '\'',
];
/// Brackets and quotes that must be closed: (opener, closer).
const PAIRS: [(char, char); 8] = [
    ('（', '）'),
    ('(', ')'),
    ('《', '》'),
    ('“', '”'),
    ('【', '】'),
    ('〔', '〕'),
    ('「', '」'),
    ('‘', '’'),
];

fn find_cut(doc: &Document) -> Option<Cut> {
    if doc.closing().is_some() {
        return None;
    }
    let lines = doc.lines();
    let body_start = doc.header().map_or(0, |h| h.span.end);
    // The last line of text, a few page numbers after it skipped.
    let mut furniture = 0;
    let mut i = lines.len();
    let last = loop {
        i = i.checked_sub(1)?;
        let l = &lines[i];
        if l.is_blank() {
            continue;
        }
        if furniture < 3 && is_page_number(doc.slice(l.content)) {
            furniture += 1;
            continue;
        }
        break i;
    };
    let line = &lines[last];
    if line.content.start < body_start {
        return None;
    }
    let s = doc.slice(line.content);
    let bare = s.trim_end_matches(CLOSERS);
    if bare.ends_with(FINAL) {
        return None;
    }
    // A part's heading with nothing after it: no report ends so.
    if let Some(sec) = doc.sections().last() {
        let h = sec.heading.span;
        // The heading alone: no words run on after its title (`六、其他需要报告的事项 无`).
        let title = doc.slice(sec.heading.title);
        let alone = char_len(title) <= 30
            && !title.contains(|c: char| is_space(c) || matches!(c, '，' | ',' | '。'));
        if !sec.heading.inline && alone && line.content.covers(h) && h.end == line.content.end {
            return Some(Cut {
                span: h,
                kind: CutKind::Heading,
            });
        }
    }
    match table_cut(doc, lines, last) {
        TableEnd::Cut(span) => {
            return Some(Cut {
                span,
                kind: CutKind::Table,
            })
        }
        TableEnd::Whole => return None,
        TableEnd::NotTable => {}
    }
    if bare.len() < s.len() {
        // `（无）`, `“……”`: a closing bracket or quote ends the text well enough.
        return None;
    }
    prose_cut(doc, lines, last)
}

/// What the last line says about a table.
enum TableEnd {
    /// The text breaks off in a table: the last cell.
    Cut(Span),
    /// A table row that may be the table's last (its last cell a number or empty).
    Whole,
    NotTable,
}

fn is_row(s: &str) -> bool {
    s.contains(['|', '\t'])
}

/// A cell's value rather than a label: a number, or a sign for "none".
fn is_value(s: &str) -> bool {
    let s = s.trim_matches(is_space);
    !s.is_empty()
        && (s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '．' || ('０'..='９').contains(&c))
            || matches!(s, "/" | "／" | "-" | "—" | "－" | "——" | "无" | "0.00"))
}

/// The last non-empty cell of a table row line (the whole line when it has no separator), and
/// whether the row ends with an empty cell (`… | 0 |`).
fn last_cell(doc: &Document, line: &Line) -> (Span, bool) {
    let s = doc.slice(line.content);
    let mut end = s.len();
    let mut trailing_empty = false;
    loop {
        let start = s[..end].rfind(['|', '\t']).map_or(0, |i| i + 1);
        let cell = &s[start..end];
        let lead = cell.len() - cell.trim_start_matches(is_space).len();
        let t = cell.trim_matches(is_space);
        if !t.is_empty() {
            let at = line.content.start + start + lead;
            return (Span::new(at, at + t.len()), trailing_empty);
        }
        if start == 0 {
            return (line.content, trailing_empty);
        }
        trailing_empty = true;
        end = start - 1;
    }
}

/// The previous non-blank line before `i`.
fn prev_line(lines: &[Line], i: usize) -> Option<usize> {
    lines[..i].iter().rposition(|l| !l.is_blank())
}

fn table_cut(doc: &Document, lines: &[Line], last: usize) -> TableEnd {
    let line = &lines[last];
    let s = doc.slice(line.content);
    // Inside the incomplete table of the section the text ends in.
    if let Some(sec) = doc.section_at(line.content.start) {
        if sec.kind.has_table() {
            let tables = doc.analysis::<Tables>();
            let start = match sec.kind {
                SectionKind::Proactive => open_table(tables.proactive.as_ref(), |t| {
                    (t.span, t.missing.is_empty() && t.unverifiable.is_empty())
                }),
                SectionKind::Requests => {
                    open_table(tables.requests.as_ref(), |t| (t.span, t.is_complete()))
                }
                _ => open_table(tables.appeals.as_ref(), |t| (t.span, t.cells.is_some())),
            };
            if start.is_some_and(|start| start <= line.content.start) {
                return TableEnd::Cut(last_cell(doc, line).0);
            }
        }
    }
    if is_row(s) {
        let (cell, trailing_empty) = last_cell(doc, line);
        return if trailing_empty || is_value(doc.slice(cell)) {
            TableEnd::Whole
        } else {
            TableEnd::Cut(cell)
        };
    }
    // A row label on a line of its own right after table rows (`一、本年新收政府`), with no data.
    let after_rows = prev_line(lines, last).is_some_and(|p| {
        let ps = doc.slice(lines[p].content);
        is_row(ps)
            || (is_value(ps)
                && prev_line(lines, p).is_some_and(|q| {
                    let qs = doc.slice(lines[q].content);
                    is_row(qs) || is_value(qs)
                }))
    });
    if after_rows && char_len(s) <= 40 && !is_value(s) && !s.contains(['，', ',']) {
        return TableEnd::Cut(line.content);
    }
    TableEnd::NotTable
}

/// Where the table of a section starts, when the text may break off in it: a table read but
/// incomplete, or a header with no data read.
fn open_table<T>(found: Option<&Found<T>>, what: impl Fn(&T) -> (Span, bool)) -> Option<usize> {
    match found? {
        Found::Table(t) => {
            let (span, complete) = what(t);
            (!complete).then_some(span.start)
        }
        Found::Unreadable { region, .. } => Some(region.start),
        Found::Missing { .. } => None,
    }
}

/// `、` after a numeral numbers a heading or an item (`六、`, `2、`); it is not a clause mark.
fn is_clause_mark(prev: Option<char>, c: char) -> bool {
    match c {
        '，' | ',' => true,
        '、' => !prev.is_some_and(|p| {
            is_heading_numeral(p) || p.is_ascii_digit() || ('０'..='９').contains(&p)
        }),
        _ => false,
    }
}

fn prose_cut(doc: &Document, lines: &[Line], last: usize) -> Option<Cut> {
    let line = &lines[last];
    // A paragraph wrapped over lines (text from a PDF): long lines above that do not end a
    // sentence belong to the last one.
    let mut first = last;
    for _ in 0..2 {
        let Some(p) = prev_line(lines, first) else {
            break;
        };
        let ps = doc.slice(lines[p].content);
        if char_len(ps) < 15 || ps.ends_with(FINAL) || ps.ends_with(CLOSERS) || is_row(ps) {
            break;
        }
        first = p;
    }
    let text = doc.text();
    let para = &text[lines[first].content.start..line.content.end];
    // The unfinished sentence: after the last sentence-final mark.
    let tail_start = para.rfind(FINAL).map_or(0, |i| {
        i + para[i..].chars().next().map_or(1, char::len_utf8)
    });
    let tail = &para[tail_start..];
    let chars = char_len(tail);
    if tail.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        // A number last: the last value of a table written as running text (`行政诉讼数件00`)
        // as likely as a sentence cut after a figure.
        return None;
    }
    let kind = if tail.ends_with('\u{fffd}') || unclosed(tail) {
        Some(CutKind::Word)
    } else {
        let mut prev = None;
        let mut clauses = 0;
        let mut last_char = None;
        for c in tail.chars() {
            if is_clause_mark(prev, c) {
                clauses += 1;
            }
            if !is_space(c) {
                prev = Some(c);
                last_char = Some(c);
            }
        }
        let dangling = last_char.is_some_and(|c| {
            clauses > 0 && matches!(c, '，' | ',' | '、') || (matches!(c, '：' | ':') && chars >= 8)
        });
        (dangling || (clauses > 0 && chars >= 6)).then_some(CutKind::Sentence)
    }?;
    Some(Cut {
        span: last_clause(doc, line),
        kind,
    })
}

/// Whether `s` opens a bracket, quote or title mark that it never closes.
fn unclosed(s: &str) -> bool {
    PAIRS.iter().any(|&(open, close)| {
        let mut depth = 0u32;
        for c in s.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth = depth.saturating_sub(1);
            }
        }
        depth > 0
    })
}

/// The last clause of `line`: after its last punctuation mark (one that ends the line is kept
/// with the words before it).
fn last_clause(doc: &Document, line: &Line) -> Span {
    let s = doc.slice(line.content);
    let marks = |c: char| FINAL.contains(&c) || matches!(c, '，' | ',' | '、' | '：' | ':');
    let body = s.trim_end_matches(marks);
    let start = body.rfind(marks).map_or(0, |i| {
        i + body[i..].chars().next().map_or(1, char::len_utf8)
    });
    let lead = s[start..].len() - s[start..].trim_start_matches(is_space).len();
    let span = Span::new(line.content.start + start + lead, line.content.end);
    if span.is_empty() {
        line.content
    } else {
        span
    }
}

/// A page number on its own line: `- 3 -`, `— 3 —`, `第3页`, `第3页 共6页`, `3/6`.
fn is_page_number(s: &str) -> bool {
    if s.len() > 40 {
        return false;
    }
    let s: String = s.chars().filter(|&c| !is_space(c)).collect();
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let t = s.trim_matches(['-', '—', '－', '–']);
    if t.len() < s.len() && digits(t) {
        return true;
    }
    if let Some((a, b)) = s.split_once('/') {
        return digits(a) && digits(b);
    }
    if let Some(rest) = s.strip_prefix('第') {
        if let Some((n, after)) = rest.split_once('页') {
            return digits(n)
                && (after.is_empty()
                    || after
                        .strip_prefix('共')
                        .and_then(|a| a.strip_suffix('页'))
                        .is_some_and(digits));
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut_of(text: &str) -> Option<(CutKind, String, usize)> {
        let doc = Document::parse("t.txt", text);
        let c = doc.analysis::<Completeness>();
        c.cut().map(|c| {
            (
                c.kind,
                doc.slice(c.span).to_owned(),
                doc.line_col(c.span.start).line,
            )
        })
    }

    const HEAD: &str = "某镇人民政府2022年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n一、总体情况\n2022年，我镇认真贯彻落实《条例》，主动公开政府信息。\n";

    #[test]
    fn mid_sentence() {
        for (end, clause) in [
            ("全年主动公开政务信息382条，包括政府网站、妇联32条、全域无垃圾67条", "全域无垃圾67条"),
            ("2020年未产生行政事业收费,政府集", "政府集"),
            ("扩大公众参与，增强公开实效，不断满足", "不断满足"),
            ("主动公开方面:2023年,盂县教育科技局主动公开各类文件、工作动态等领域信息共50余积极回应群众关注的热点问题", "盂县教育科技局主动公开各类文件"),
            ("我镇坚持公开为常态、", "我镇坚持公开为常态、"),
        ] {
            let text = format!("{HEAD}{end}\n");
            let got = cut_of(&text);
            assert_eq!(got.as_ref().map(|g| g.0), Some(CutKind::Sentence), "{end}");
            let got = got.unwrap();
            assert_eq!(got.2, 5, "{end}");
            if end.contains("盂县") {
                assert_eq!(got.1, "工作动态等领域信息共50余积极回应群众关注的热点问题");
            } else {
                assert_eq!(got.1, clause, "{end}");
            }
        }
    }

    #[test]
    fn mid_word() {
        for end in [
            "如对本报告有疑问，请与镇党政办联系（地址：某镇人民路",
            "根据《中华人民共和国政府信息公开",
            "主动公开政府信息\u{fffd}",
        ] {
            let text = format!("{HEAD}{end}\n");
            assert_eq!(cut_of(&text).map(|g| g.0), Some(CutKind::Word), "{end}");
        }
    }

    #[test]
    fn inside_a_table() {
        // A pipe row whose last cell is a label fragment.
        let text = format!("{HEAD}二、主动公开政府信息情况\n第二十条第(一)项 | |||\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 0 |\n第二十条第(八)项 | |||\n信息内容 | 本年收费金额(单位:万\n");
        assert_eq!(
            cut_of(&text),
            Some((CutKind::Table, "本年收费金额(单位:万".to_owned(), 10))
        );
        // A table header with no data (the requests table unreadable).
        let text = format!("{HEAD}三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |\n自然人 | 法人或\n");
        assert_eq!(
            cut_of(&text).map(|g| (g.0, g.1)),
            Some((CutKind::Table, "法人或".to_owned()))
        );
        // A row label on its own line after the rows, no section heading at all.
        let text = "现公布本街道2019年报告\n商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n一、本年新收政府\n";
        assert_eq!(
            cut_of(text).map(|g| (g.0, g.1)),
            Some((CutKind::Table, "一、本年新收政府".to_owned()))
        );
        // One cell per line, the table stops after a row of values.
        let mut text = format!("{HEAD}三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n一、本年新收政府信息公开申请数量\n");
        text.push_str(&"0\n\n".repeat(7));
        text.push_str("二、上年结转政府信息公开申请数量\n");
        text.push_str(&"0\n\n".repeat(7));
        let got = cut_of(&text).unwrap();
        assert_eq!((got.0, got.1.as_str()), (CutKind::Table, "0"));
    }

    #[test]
    fn right_after_a_part_heading() {
        let text = format!("{HEAD}二、主动公开政府信息情况\n规章 | 0 | 0 | 0 |\n\n三、收到和处理政府信息公开申请情况\n\n");
        assert_eq!(
            cut_of(&text),
            Some((
                CutKind::Heading,
                "三、收到和处理政府信息公开申请情况".to_owned(),
                8
            ))
        );
        // A sub-heading last may close a list; not judged.
        let text = format!("{HEAD}（二）本年度无其他需要报告的事项\n");
        assert_eq!(cut_of(&text), None);
    }

    #[test]
    fn a_whole_sentence_is_not_a_cut() {
        for end in [
            "2024年无因政府信息公开工作被申请行政复议、提起行政诉讼。",
            "全年网站总访问量21万余人次！",
            "我局将继续做好政府信息公开工作；",
            "（三）其他（无）",
            "如对本报告有疑问，请联系“县政府办公室”",
            "六、其他需要报告的事项 无其他需要报告的事项",
            "附件下载",
            "（三）继续加强督导协调工作",
            "分享到：",
            "规章 | 0 | 0 | 0 |",
            "总计\t0\t0\t0",
            "全年公开信息220余条，依申请公开0件。\n- 3 -",
            "全年公开信息220余条，依申请公开0件。\n第3页 共6页\n",
            // An old-format table written as running text ends on its last value.
            "对申请的答复总数条01其中：1、同意公开答复数条01、信函、传真申请数条00",
        ] {
            let text = format!("{HEAD}{end}\n");
            assert_eq!(cut_of(&text), None, "{end}");
        }
    }

    #[test]
    fn a_complete_report_is_not_cut() {
        let text = format!("{HEAD}六、其他需要报告的事项\n本年度无其他需要报告的事项\n\n某镇人民政府\n2023年1月16日\n");
        assert_eq!(cut_of(&text), None);
        // The closing block is there: what follows it is trailing text, not a cut.
        let text = format!(
            "{HEAD}某镇人民政府\n2023年1月16日\n主动公开政府信息情况\n2021年\t政府网站\t59\n"
        );
        assert_eq!(cut_of(&text), None);
    }

    #[test]
    fn crlf_and_wrapped_lines() {
        let text = format!("{HEAD}进一步提升信息开放的透明度，取得了积极的工作成效，政府门户网站公示\r\n行政许可55条\r\n").replace('\n', "\r\n").replace("\r\r\n", "\r\n");
        let got = cut_of(&text).unwrap();
        assert_eq!(
            (got.0, got.1.as_str(), got.2),
            (CutKind::Sentence, "行政许可55条", 6)
        );
        let text = format!("{HEAD}全年公开信息220余条。\r\n")
            .replace('\n', "\r\n")
            .replace("\r\r\n", "\r\n");
        assert_eq!(cut_of(&text), None);
    }

    #[test]
    fn parts_after_the_cut() {
        let text = format!("{HEAD}二、主动公开政府信息情况\n四、政府信息公开行政复议、行政诉讼情况\n本年度无行政复议，无行政诉讼案件，也没有");
        let doc = Document::parse("t.txt", text);
        let c = doc.analysis::<Completeness>();
        assert!(c.is_cut() && !c.hides_opening());
        assert!(!c.hides_part(SectionKind::Requests));
        assert!(!c.hides_part(SectionKind::Appeals));
        assert!(c.hides_part(SectionKind::Problems) && c.hides_part(SectionKind::Other));
        let appeals = doc.section(SectionKind::Appeals).unwrap();
        assert!(c.cut_in_section_at(&doc, appeals.heading.span.start));
        let proactive = doc.section(SectionKind::Proactive).unwrap();
        assert!(!c.cut_in_section_at(&doc, proactive.heading.span.start));
        // Not cut: nothing is hidden.
        let doc = Document::parse("t.txt", format!("{HEAD}二、主动公开政府信息情况\n无。\n"));
        let c = doc.analysis::<Completeness>();
        assert!(!c.hides_part(SectionKind::Other) && !c.hides_opening());
    }

    #[test]
    fn page_numbers() {
        for s in ["- 3 -", "— 12 —", "3/6", "第3页", "第3页 共6页", "-3-"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["3", "0", "第三部分", "2023/1/16", "行政许可"] {
            assert!(!is_page_number(s), "{s}");
        }
    }
}
