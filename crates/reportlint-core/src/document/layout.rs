//! The report's layout: crawler header, title, opening, sections, sub-headings, closing block.

use std::sync::LazyLock;

use regex::Regex;

use super::furniture::is_cell_values;
use super::headings::{
    candidates_with_words, next_heading_word, Heading, HeadingNumber, NumberStyle, SectionKind,
};
use super::{Line, Section};
use crate::names::is_agency_like;
use crate::text::{
    char_len, cn_numeral_value, contains_word, ends_sentence, is_heading_numeral, parse_uint,
    prefix_len,
};
use crate::Span;

/// A web crawler's header block before the report body.
#[derive(Debug, Clone)]
pub struct HeaderBlock {
    pub span: Span,
    /// `(key, value)` pairs such as `("标题", span of the title)`.
    pub fields: Vec<(String, Span)>,
}

impl HeaderBlock {
    pub fn get(&self, key: &str) -> Option<Span> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

/// A four-digit year with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year {
    pub value: i32,
    pub span: Span,
}

/// The agency as the title names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleAgency {
    pub name: String,
    pub span: Span,
}

/// The report's title, possibly over two lines.
#[derive(Debug, Clone)]
pub struct Title {
    /// The lines (trimmed) that make up the title, in order.
    pub parts: Vec<Span>,
    /// The parts joined, without line breaks.
    pub text: String,
    pub year: Option<Year>,
    pub agency: Option<TitleAgency>,
    /// Taken from the crawler header's `标题:` field because the body has none.
    pub from_header: bool,
}

impl Title {
    pub fn span(&self) -> Span {
        let first = self.parts[0];
        first.cover(*self.parts.last().unwrap())
    }

    /// Whether the title says what the document is (`…报告`).
    pub fn names_report(&self) -> bool {
        self.text.contains("报告")
    }
}

/// The closing block: agency, then date.
#[derive(Debug, Clone)]
pub struct Closing {
    pub span: Span,
    pub agency: Option<Span>,
    pub date: Option<Span>,
}

/// The kind of bracket around a sub-heading number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bracket {
    /// `（一）`
    Full,
    /// `(一)`
    Half,
    /// `（一)` or `(一）`
    Mixed,
    /// No bracket (`1.`).
    None,
}

/// How a sub-heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerStyle {
    /// `（一）`
    CnParen,
    /// `（1）`
    ArabicParen,
    /// `1.`, `1、`, `1．`
    ArabicDot,
}

/// A numbered sub-heading inside a section.
#[derive(Debug, Clone)]
pub struct SubHeading {
    /// The number with its brackets or separator (`（一）`, `(5)`, `1.`).
    pub marker: Span,
    pub style: MarkerStyle,
    pub bracket: Bracket,
    pub value: u32,
    /// The heading's words after the marker (up to the end of the line or the first `。`).
    pub title: Span,
    /// Found after a sentence inside a line rather than at the start of a line.
    pub inline: bool,
}

pub(crate) struct Layout {
    pub header: Option<HeaderBlock>,
    pub title: Option<Title>,
    pub opening: Span,
    pub sections: Vec<Section>,
    pub candidates: Vec<Heading>,
    pub closing: Option<Closing>,
    pub trailing: Option<Span>,
    pub restarts: Vec<NumberingRestart>,
}

/// A second `一、二、三` sequence inside a part (the topics of 总体情况 numbered like the six
/// parts) after which the parts' numbering resumes: a sub-list, not new parts.
#[derive(Debug, Clone)]
pub struct NumberingRestart {
    /// The part whose body holds the sub-list.
    pub within: SectionKind,
    /// The sub-list's numbers (`一、`, `二、`, …), in order.
    pub numbers: Vec<HeadingNumber>,
    /// The sub-list's lines, first to last.
    pub span: Span,
}

/// The sub-list numbered `一、二、…` right after the `一、总体情况` heading, when the parts'
/// numbering resumes with `二、` after it. Reads the lines after the heading only until the
/// numbering settles it (most reports: the first numbered line is `二、`).
fn overview_restart(
    text: &str,
    lines: &[Line],
    from: usize,
    limit: usize,
    candidates: &[Heading],
) -> Option<NumberingRestart> {
    let overview = candidates
        .iter()
        .find(|c| c.kind == SectionKind::Overview && c.rank() == 0 && !c.inline)?;
    let start = from + lines[from..].partition_point(|l| l.span.end <= overview.span.start);
    // The own-line `一、` … `十、` numbers after the heading, in order.
    let mut numbered = lines[start + 1..]
        .iter()
        .take_while(|l| l.content.start < limit)
        .filter_map(|line| {
            let c = &text[line.content.range()];
            if !c.starts_with(crate::text::is_cn_numeral_char) {
                return None;
            }
            let (n, _) = super::headings::parse_number(c, line.content.start)?;
            (n.style != NumberStyle::Arabic && n.value <= 10).then_some((line.content, n))
        });
    let first = numbered.next()?;
    if first.1.value != 1 {
        return None;
    }
    let mut run = vec![first];
    for item in numbered {
        let prev = run[run.len() - 1].1.value;
        if item.1.value == prev + 1 {
            run.push(item);
            continue;
        }
        if run.len() < 2 || item.1.value != 2 {
            return None;
        }
        return Some(NumberingRestart {
            within: SectionKind::Overview,
            numbers: run.iter().map(|(_, n)| *n).collect(),
            span: run[0].0.cover(run[run.len() - 1].0),
        });
    }
    None
}

pub(crate) fn analyse(text: &str, lines: &[Line]) -> Layout {
    let (header, body_line) = detect_header(text, lines);
    let body_start = lines.get(body_line).map_or(text.len(), |l| l.span.start);
    let closing = detect_closing(text, lines, body_line);
    let limit = closing.as_ref().map_or(text.len(), |c| c.span.start);

    let mut candidates = Vec::new();
    // Words cut by the closing block do not count; no word spans two lines.
    let words_in = &text[..limit.max(body_start)];
    let mut next_word = NextAt::new(|from| next_heading_word(words_in, from).map(|at| at - from));
    for (n, line) in lines[body_line..].iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        if line.content.start >= limit {
            break;
        }
        // Only lines holding a heading word can hold a heading.
        if next_word.within(line.content) {
            let before = candidates.len();
            candidates_with_words(
                &text[line.content.range()],
                line.content.start,
                &mut candidates,
            );
            // An unnumbered line followed by a line of cell values is a table row (`其他事项` /
            // `0`), not a heading: a heading there would cut the table in two.
            if candidates.len() > before
                && lines[body_line + n + 1..]
                    .iter()
                    .find(|l| !l.is_blank())
                    .is_some_and(|l| is_cell_values(&text[l.content.range()]))
            {
                let at = line.content.start;
                candidates.retain(|c| !(c.span.start == at && c.number.is_none() && !c.inline));
            }
        }
    }
    // A sub-list numbered like the parts inside 总体情况: its items are not part headings.
    let restart = overview_restart(text, lines, body_line, limit, &candidates);
    if let Some(r) = &restart {
        candidates.retain(|c| !r.span.contains(c.span.start));
    }
    let chosen = choose_sections(&candidates);
    let first_heading = chosen.first().map(|&i| candidates[i].span.start);

    let title_limit = first_heading.unwrap_or(limit);
    let title = find_title(text, lines, body_line, title_limit).or_else(|| {
        header
            .as_ref()
            .and_then(|h| h.get("标题"))
            .map(|span| title_from_parts(text, vec![span], true))
    });
    let opening_start = match &title {
        Some(t) if !t.from_header => t.span().end,
        _ => body_start,
    };
    let opening_end = first_heading.unwrap_or(limit).max(opening_start);
    let opening = Span::new(opening_start, opening_end);

    let mut sections: Vec<Section> = Vec::with_capacity(chosen.len());
    for (n, &i) in chosen.iter().enumerate() {
        let heading = candidates[i].clone();
        let end = chosen
            .get(n + 1)
            .map_or(limit, |&j| candidates[j].span.start);
        let body = Span::new(heading.span.end, end.max(heading.span.end));
        let subheadings = find_subheadings(text, lines, heading.kind, body);
        sections.push(Section {
            kind: heading.kind,
            heading,
            body,
            subheadings,
        });
    }

    let trailing = closing.as_ref().and_then(|c| {
        let rest = &text[c.span.end..];
        let (off, t) = crate::text::trim_with_offset(rest);
        (!t.is_empty()).then(|| Span::new(c.span.end + off, c.span.end + off + t.len()))
    });

    Layout {
        header,
        title,
        opening,
        sections,
        candidates,
        closing,
        trailing,
        restarts: restart.into_iter().collect(),
    }
}

static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[=\-—_*]{3,}(?:.*[=\-—_*]{3,})?$").unwrap());
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:•\s*)?(?P<k>[^\s:：]{1,10}|索\s*引\s*号)\s*[:：]\s*(?P<v>.*)$").unwrap()
});

/// A crawler's `key: value` block closed by a rule line (`=====`, `----`).
fn detect_header(text: &str, lines: &[Line]) -> (Option<HeaderBlock>, usize) {
    let mut fields = Vec::new();
    let mut others = 0;
    for (i, line) in lines.iter().enumerate().take(24) {
        if line.is_blank() {
            continue;
        }
        let content = &text[line.content.range()];
        // Byte tests before each regex (whose set-up costs more than these short lines): a rule
        // line starts with one of `=-_*` or the lead byte E2 of `—`; a field holds `:` or the
        // lead byte EF of `：`.
        let may_rule = matches!(content.as_bytes()[0], b'=' | b'-' | b'_' | b'*' | 0xe2);
        if may_rule && SEPARATOR.is_match(content) {
            if fields.len() >= 2 && others <= fields.len() / 2 {
                let span = Span::new(0, line.span.end);
                return (Some(HeaderBlock { span, fields }), i + 1);
            }
            break;
        }
        let may_field = memchr::memchr2(b':', 0xef, content.as_bytes()).is_some();
        if let Some(c) = may_field.then(|| KEY_VALUE.captures(content)).flatten() {
            let v = c.name("v").unwrap();
            let key: String = c["k"].chars().filter(|c| !c.is_whitespace()).collect();
            let base = line.content.start;
            fields.push((key, Span::new(base + v.start(), base + v.end())));
        } else {
            others += 1;
            if others > 2 {
                break;
            }
        }
    }
    (None, 0)
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日|[〇零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)$").unwrap()
});
static AGENCY_AND_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<a>\S.{1,38}?)[\s\u{3000}]{2,}(?P<d>[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日)$").unwrap()
});

/// The closing block: the last date on a line of its own, with the agency's name on the line
/// before it.
fn detect_closing(text: &str, lines: &[Line], body_line: usize) -> Option<Closing> {
    let body = &lines[body_line.min(lines.len())..];
    // Only the last third of the report can hold the closing block.
    let min_start = text.len() / 3;
    for (i, line) in body.iter().enumerate().rev() {
        if line.is_blank() {
            continue;
        }
        if line.content.start < min_start {
            break;
        }
        let content = &text[line.content.range()];
        // Both forms end with the date's `日`.
        if !content.ends_with('日') {
            continue;
        }
        if DATE_LINE.is_match(content) {
            let agency = body[..i]
                .iter()
                .rev()
                .find(|l| !l.is_blank())
                .filter(|l| is_agency_like(&text[l.content.range()]))
                .map(|l| l.content);
            let start = agency.map_or(line.content.start, |a| a.start);
            return Some(Closing {
                span: Span::new(start, line.content.end),
                agency,
                date: Some(line.content),
            });
        }
        if let Some(c) = AGENCY_AND_DATE.captures(content) {
            let a = c.name("a").unwrap();
            if is_agency_like(a.as_str()) {
                let d = c.name("d").unwrap();
                let base = line.content.start;
                return Some(Closing {
                    span: line.content,
                    agency: Some(Span::new(base + a.start(), base + a.end())),
                    date: Some(Span::new(base + d.start(), base + d.end())),
                });
            }
        }
    }
    None
}

/// Picks one heading per section: correctly numbered headings in order first, then the best
/// remaining candidate between its neighbours.
fn choose_sections(cands: &[Heading]) -> Vec<usize> {
    let mut chosen: [Option<usize>; 6] = [None; 6];
    let mut pos = 0;
    for kind in SectionKind::ALL {
        if let Some(i) = cands
            .iter()
            .position(|c| c.kind == kind && c.rank() == 0 && c.span.start >= pos)
        {
            chosen[kind as usize] = Some(i);
            pos = cands[i].span.end;
        }
    }
    for kind in SectionKind::ALL {
        let k = kind as usize;
        if chosen[k].is_some() {
            continue;
        }
        let lo = chosen[..k]
            .iter()
            .rev()
            .flatten()
            .next()
            .map_or(0, |&i| cands[i].span.end);
        let hi = chosen[k + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(usize::MAX, |&i| cands[i].span.start);
        chosen[k] = cands
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.kind == kind && c.rank() < 4 && c.span.start >= lo && c.span.start < hi
            })
            .min_by_key(|(_, c)| (c.rank(), c.span.start))
            .map(|(i, _)| i);
    }
    chosen.into_iter().flatten().collect()
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<y>[0-9０-９]{4})\s*年\s*度?").unwrap());
static REPORT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"政府信息公开|政务信息公开|政务公开|信息公开|政府信息|公开工作|工作年度报告|年度报告|工作报告|年报").unwrap()
});

// The title tests run on every line before the first heading; `contains_word` looks for a
// word's last byte with memchr where `str::contains` builds a searcher for each call.
fn is_title_line(s: &str) -> bool {
    contains_word(s, "报告")
        && contains_word(s, "公开")
        && char_len(s) <= 60
        && !ends_sentence(s)
        && !s.contains(['：', ':', '。'])
        && !s.starts_with("根据")
        && !s.starts_with("本")
        && !contains_word(s, "现公布")
}

fn is_title_part(s: &str) -> bool {
    char_len(s) <= 40
        && !ends_sentence(s)
        && !s.contains(['：', ':', '。', '，', '>'])
        && !["发布", "来源", "浏览", "当前位置", "日期", "字体", "字号"]
            .iter()
            .any(|w| contains_word(s, w))
}

/// The title: the first title-like line before the first section, joined with the line(s)
/// before it that carry the agency or the year.
fn find_title(text: &str, lines: &[Line], body_line: usize, limit: usize) -> Option<Title> {
    let mut first: Option<Title> = None;
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate().skip(body_line) {
        if line.content.start >= limit || seen > 30 {
            break;
        }
        if line.is_blank() {
            continue;
        }
        seen += 1;
        let content = &text[line.content.range()];
        let mut parts = vec![line.content];
        if !is_title_line(content) {
            // A title wrapped mid-phrase: `…2023年政府信息公开工作年度` / `报告`.
            match wrapped_title_end(text, lines, i, limit) {
                Some(next) => parts.push(next),
                None => continue,
            }
        }
        // Join the agency / year line(s) above, allowing one blank line between.
        let mut j = i;
        while parts.len() < 3 && j > body_line {
            let mut k = j - 1;
            if lines[k].is_blank() && k > body_line {
                k -= 1;
            }
            let prev = lines[k];
            if prev.is_blank() {
                break;
            }
            let p = &text[prev.content.range()];
            let so_far = title_from_parts(text, parts.clone(), false);
            let cur = &text[parts[0].range()];
            let joins = is_title_part(p)
                && !is_title_line(p)
                && (is_agency_like(p) && so_far.agency.is_none()
                    || YEAR.is_match(p) && char_len(p) <= 20 && so_far.year.is_none()
                    || p.ends_with("政府信息") && cur.starts_with("公开"));
            if !joins {
                break;
            }
            parts.insert(0, prev.content);
            j = k;
        }
        let title = title_from_parts(text, parts, false);
        if title.agency.is_some() && title.year.is_some() {
            return Some(title);
        }
        if first.is_none() {
            first = Some(title);
        }
    }
    first
}

/// The short line (`报告`, `工作年度报告`) after line `i` that completes a title wrapped
/// mid-phrase: line `i` names 公开 but not 报告, the next non-blank line (one blank line allowed
/// between) is a title fragment of at most 12 characters that holds 报告, and the two together
/// read as a title line.
fn wrapped_title_end(text: &str, lines: &[Line], i: usize, limit: usize) -> Option<Span> {
    let content = &text[lines[i].content.range()];
    if !contains_word(content, "公开") || contains_word(content, "报告") || !is_title_part(content)
    {
        return None;
    }
    let next = lines[i + 1..].iter().take(2).find(|l| !l.is_blank())?;
    if next.content.end > limit {
        return None;
    }
    let frag = &text[next.content.range()];
    let joined = format!("{content}{frag}");
    (contains_word(frag, "报告")
        && char_len(frag) <= 12
        && is_title_part(frag)
        && is_title_line(&joined))
    .then_some(next.content)
}

fn title_from_parts(text: &str, parts: Vec<Span>, from_header: bool) -> Title {
    let joined: String = parts.iter().map(|s| &text[s.range()]).collect();
    let mut year = None;
    let mut agency = None;
    for &part in &parts {
        let s = &text[part.range()];
        let y = YEAR.find(s);
        if year.is_none() {
            if let Some(m) = y {
                // The `y` group is the match's first four characters (digits): read off the
                // match rather than by a capture search.
                let digits = m.as_str().char_indices().nth(4).map_or(m.len(), |(i, _)| i);
                if let Some(v) = parse_uint(&m.as_str()[..digits]) {
                    year = Some(Year {
                        value: v as i32,
                        span: Span::new(part.start + m.start(), part.start + m.start() + digits),
                    });
                }
            }
        }
        if agency.is_none() {
            agency = agency_in(s, y, part.start);
        }
    }
    Title {
        parts,
        text: joined,
        year,
        agency,
        from_header,
    }
}

/// The agency's words in one title part: before the year, or between the year and the report
/// words.
fn agency_in(s: &str, year: Option<regex::Match<'_>>, base: usize) -> Option<TitleAgency> {
    let report = REPORT_WORDS.find(s).map_or(s.len(), |m| m.start());
    let (from, to) = match year {
        Some(y) if y.start() > 0 && y.start() <= report => (0, y.start()),
        // The year after the report words (`××局政府信息公开工作2023年度报告`): the agency is
        // before them.
        Some(y) if y.start() > report => (0, report),
        Some(y) => (y.end(), report.max(y.end())),
        None => (0, report),
    };
    let raw = &s[from..to];
    let (off, t) = crate::text::trim_with_offset(raw);
    let t = t.trim_matches(['《', '》', '“', '”']);
    if char_len(t) < 2 {
        return None;
    }
    let start = base + from + off + raw[off..].find(t).unwrap_or(0);
    Some(TitleAgency {
        name: t.to_owned(),
        span: Span::new(start, start + t.len()),
    })
}

/// Words of the statistics tables' row labels: a `（一）予以公开` in section 三 is a table row, not
/// a sub-heading.
const TABLE_WORDS: &[&str] = &[
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "总计",
    "属于",
    "不掌握",
    "另行制作",
    "补正",
    "信访",
    "重复申请",
    "出版物",
    "反复申请",
    "重新出具",
    "申请人",
    "其他法律",
    "危及",
    "第三方",
];

fn find_subheadings(text: &str, lines: &[Line], kind: SectionKind, body: Span) -> Vec<SubHeading> {
    let mut at_start = Vec::new();
    let mut inline = Vec::new();
    // Searched for over the rest of the body, not line by line: most lines hold none of them,
    // and a search's set-up cost more than the short lines it scanned.
    let bytes = &text.as_bytes()[..body.end];
    let mut tab_or_pipe = NextAt::new(|from| memchr::memchr2(b'\t', b'|', &bytes[from..]));
    let mut half_paren = NextAt::new(|from| memchr::memchr(b'(', &bytes[from..]));
    let mut full_paren = NextAt::new(|from| OPEN_PAREN.find(&bytes[from..]));
    let first = lines.partition_point(|l| l.span.end < body.start);
    for (n, line) in lines[first..].iter().enumerate() {
        if line.content.start >= body.end {
            break;
        }
        if line.is_blank() {
            continue;
        }
        let span = Span::new(
            line.content.start.max(body.start),
            line.content.end.min(body.end),
        );
        let content = &text[span.range()];
        // A table cell on a line of its own (`12`, a third of the lines of a table printed one
        // cell per line): no marker and no bracket. Decided before the tab search, which for a
        // cell indented by a tab would find that tab before the cell and search again.
        if content.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if has_tab_or_pipe(&mut tab_or_pipe, content.as_bytes(), span) {
            continue;
        }
        let is_table_row = |sub: &SubHeading| {
            if !kind.has_table() {
                return false;
            }
            let words = &text[sub.title.range()];
            // A table's caption (`（一）主动公开政府信息情况统计表`) is no sub-heading either.
            if sub.style == MarkerStyle::ArabicDot
                || words.is_empty()
                || TABLE_WORDS.iter().any(|w| words.contains(w))
                || ["统计表", "情况表"].iter().any(|e| words.ends_with(e))
            {
                return true;
            }
            // A row label wrapped inside its cell (`（三）不` / `予公开`, `（六）其他` / `处理`):
            // its words run on at the start of the next line (past the single characters of a
            // label printed vertically, `本` `年` `度`, in PDF text).
            sub.title.end == span.end
                && char_len(words) <= 8
                && lines[first + n + 1..]
                    .iter()
                    .filter(|l| !l.is_blank())
                    .take(3)
                    .find(|l| char_len(&text[l.content.range()]) > 1)
                    .filter(|l| l.content.start < body.end)
                    .is_some_and(|next| {
                        let next = &text[next.content.range()];
                        let head_end = next.char_indices().nth(8).map_or(next.len(), |(i, _)| i);
                        let head = &next[..head_end];
                        let joined = format!("{words}{head}");
                        TABLE_WORDS.iter().any(|w| joined.contains(w))
                    })
        };
        // Every marker has a bracket or an Arabic digit.
        let has_bracket = half_paren.within(span) || full_paren.within(span);
        let starts_with_digit =
            content.starts_with(|c: char| crate::text::ascii_digit(c).is_some());
        if !has_bracket && !starts_with_digit {
            continue;
        }
        let starts_like_marker = content.starts_with(['（', '(']) || starts_with_digit;
        if span.start == line.content.start && starts_like_marker {
            if let Some(sub) = marker_at(content, span.start) {
                if !is_table_row(&sub) {
                    at_start.push(sub);
                }
            }
        } else if span.start == body.start {
            // A sub-heading right after an inline section heading: `…改进情况（一）存在问题…`.
            if let Some(mut sub) = marker_at(content, span.start) {
                sub.inline = true;
                if sub.style == MarkerStyle::CnParen && !is_table_row(&sub) {
                    inline.push(sub);
                }
            }
        }
        if !has_bracket {
            continue;
        }
        for m in inline_markers(content) {
            let Some(value) = cn_numeral_value(m.numerals) else {
                continue;
            };
            let marker = Span::new(span.start + m.start, span.start + m.end);
            let sub = SubHeading {
                marker,
                style: MarkerStyle::CnParen,
                bracket: bracket(m.open, m.close),
                value,
                title: title_after(text, marker.end, span.end),
                inline: true,
            };
            if !is_table_row(&sub) {
                inline.push(sub);
            }
        }
    }
    let has_cn_at_start = at_start.iter().any(|s| s.style == MarkerStyle::CnParen);
    if !has_cn_at_start && !inline.is_empty() {
        at_start.extend(inline);
        at_start.sort_by_key(|s| s.marker.start);
    }
    at_start
}

/// Whether the line `content` at `span` holds a tab or a pipe (a table row), with `search` the
/// search for them over the section's body.
///
/// The search runs again only for a line past the tab it found last, which in a table is every
/// row (the tab found last lies in the row before), and paid its set-up on each. A row mostly
/// ends with a short cell after a tab or a pipe (`一、本年新收…\t17\t6`, `| 5 | / |`), seen in
/// its last bytes; a short line (a label of a table printed one cell per line) is read whole.
/// Only longer lines, mostly prose, are searched from their start.
fn has_tab_or_pipe(
    search: &mut NextAt<impl Fn(usize) -> Option<usize>>,
    content: &[u8],
    span: Span,
) -> bool {
    if !search.is_behind(span) {
        return search.within(span);
    }
    let tab_or_pipe = |x: u8| (x == b'\t') | (x == b'|');
    if content.len() <= 48 {
        return crate::text::any_byte(content, tab_or_pipe);
    }
    let tail = &content[content.len() - 16..];
    crate::text::any_byte(tail, tab_or_pipe) || search.within(span)
}

/// Where something next occurs in a text, for spans visited in order: `find(from)` (relative to
/// `from`) runs again only once a span starts past the occurrence last found.
struct NextAt<F> {
    /// The occurrence last found (`usize::MAX`: none after it); `None` before the first search.
    at: Option<usize>,
    find: F,
}

impl<F: Fn(usize) -> Option<usize>> NextAt<F> {
    fn new(find: F) -> Self {
        NextAt { at: None, find }
    }

    /// Whether the occurrence last found lies before `span` (or none was looked for yet): then
    /// [`within`](Self::within) searches again.
    fn is_behind(&self, span: Span) -> bool {
        self.at.is_none_or(|at| at < span.start)
    }

    /// Whether an occurrence starts inside `span`.
    fn within(&mut self, span: Span) -> bool {
        let at = match self.at {
            Some(at) if at >= span.start => at,
            _ => {
                let at = (self.find)(span.start).map_or(usize::MAX, |i| span.start + i);
                self.at = Some(at);
                at
            }
        };
        at < span.end
    }
}

/// A `（一）` inside a line.
struct InlineMarker<'a> {
    start: usize,
    end: usize,
    open: char,
    close: char,
    numerals: &'a str,
}

/// `（`, searched for in every line of every section. Its lead byte 0xEF also starts every
/// full-width comma, colon and semicolon, so a lead-byte search would stop at each of those; a
/// substring searcher built once keys on its rarer bytes.
static OPEN_PAREN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("（"));

/// The `（一）`s of `content` that follow a full stop, a semicolon, a colon or a space: the
/// matches of `[。；;：:\s]([（(][一-十]{1,3}[）)])`, found from the brackets (memchr) rather than by
/// a regex search over every line that holds a bracket.
fn inline_markers(content: &str) -> Vec<InlineMarker<'_>> {
    let bytes = content.as_bytes();
    // Both brackets in one pass over the line, in order: `(`, and the lead byte EF of `（`
    // checked against the character's other two bytes. A line is short, so stopping at its
    // other full-width punctuation costs less than building a substring searcher for it.
    let opens = memchr::memchr2_iter(b'(', 0xef, bytes)
        .filter(|&at| bytes[at] == b'(' || bytes[at..].starts_with("（".as_bytes()));
    let mut out: Vec<InlineMarker<'_>> = Vec::new();
    for at in opens {
        let Some(prev) = content[..at].chars().next_back() else {
            continue;
        };
        let after_stop = matches!(prev, '。' | '；' | ';' | '：' | ':') || prev.is_whitespace();
        // Matches do not overlap: this one's leading character must follow the last one.
        if !after_stop || out.last().is_some_and(|m| at - prev.len_utf8() < m.end) {
            continue;
        }
        let open = if bytes[at] == b'(' { '(' } else { '（' };
        let num_at = at + open.len_utf8();
        let n = prefix_len(&content[num_at..], 3, is_heading_numeral);
        let Some(close) = content[num_at + n..]
            .chars()
            .next()
            .filter(|c| n > 0 && matches!(c, '）' | ')'))
        else {
            continue;
        };
        out.push(InlineMarker {
            start: at,
            end: num_at + n + close.len_utf8(),
            open,
            close,
            numerals: &content[num_at..num_at + n],
        });
    }
    out
}

fn bracket(open: char, close: char) -> Bracket {
    match (open, close) {
        ('（', '）') => Bracket::Full,
        ('(', ')') => Bracket::Half,
        _ => Bracket::Mixed,
    }
}

/// A sub-heading marker at the start of `content` (a line's trimmed text at offset `base`):
/// `（一）`, `(1)` (spaces allowed inside the brackets) or `1.` / `1、`.
///
/// Read by hand rather than by a regex: this runs on every line that starts with a bracket or a
/// digit, table cells among them, and a regex search's set-up cost more than the reading.
fn marker_at(content: &str, base: usize) -> Option<SubHeading> {
    let space = |c: char| matches!(c, ' ' | '\u{3000}');
    let digit = |c: char| crate::text::ascii_digit(c).is_some();
    let (end, style, value, br) = match content.chars().next()? {
        open @ ('（' | '(') => {
            let at = open.len_utf8();
            let at = at + prefix_len(&content[at..], usize::MAX, space);
            let cn_len = prefix_len(&content[at..], 3, is_heading_numeral);
            let (style, num_len) = if cn_len > 0 {
                (MarkerStyle::CnParen, cn_len)
            } else {
                (
                    MarkerStyle::ArabicParen,
                    prefix_len(&content[at..], 2, digit),
                )
            };
            if num_len == 0 {
                return None;
            }
            let num = &content[at..at + num_len];
            let at = at + num_len;
            let at = at + prefix_len(&content[at..], usize::MAX, space);
            let close = content[at..]
                .chars()
                .next()
                .filter(|c| matches!(c, '）' | ')'))?;
            let value = match style {
                MarkerStyle::CnParen => cn_numeral_value(num)?,
                _ => parse_uint(num)? as u32,
            };
            (at + close.len_utf8(), style, value, bracket(open, close))
        }
        // A table cell on a line of its own, `12`: a number, and no marker.
        _ if content.bytes().all(|b| b.is_ascii_digit()) => return None,
        c if digit(c) => {
            let num_len = prefix_len(content, 2, digit);
            let sep = content[num_len..]
                .chars()
                .next()
                .filter(|c| matches!(c, '.' | '．' | '、'))?;
            let end = num_len + sep.len_utf8();
            // `1.5万`, `2022.1`: numbers, not markers.
            if content[end..].starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            let value = parse_uint(&content[..num_len])? as u32;
            (end, MarkerStyle::ArabicDot, value, Bracket::None)
        }
        _ => return None,
    };
    let marker = Span::new(base, base + end);
    let title = title_after(content, end, content.len());
    Some(SubHeading {
        marker,
        style,
        bracket: br,
        value,
        title: Span::new(base + title.start, base + title.end),
        inline: false,
    })
}

/// The heading words after a marker: spaces skipped, up to the first full stop or comma (at most
/// 40 characters), or the end.
///
/// The words mostly start and end with a visible character, decided on bytes before any
/// character is decoded for the trims.
fn title_after(text: &str, from: usize, end: usize) -> Span {
    let rest = &text[from..end];
    let skip = if crate::text::starts_visible(rest.as_bytes()) {
        0
    } else {
        rest.len() - rest.trim_start_matches(crate::text::is_space).len()
    };
    let rest = &rest[skip..];
    let stop = title_stop(rest.as_bytes());
    let t = &rest[..stop];
    let t = if crate::text::ends_visible(t.as_bytes()) {
        t
    } else {
        t.trim_end_matches(crate::text::is_space)
    };
    Span::new(from + skip, from + skip + t.len())
}

/// Where a sub-heading's words end in `b` (valid UTF-8): at the first `。，；：,;:` or at the 41st
/// character. Read on bytes, a character at a step by its lead byte, without decoding (this runs
/// for every sub-heading marker, table captions and numbered cells among them).
fn title_stop(b: &[u8]) -> usize {
    // Most sub-headings' words are short and hold none of the stops: when at most 40 bytes (so at
    // most 40 characters) hold no byte that starts one (`,;:`, the lead bytes E3 of `。` and EF of
    // `，；：`), the words run to the end. Tested without a branch per byte.
    // (Equalities joined by `|`: the compiler vectorises them, not a `matches!`.)
    let may_stop = |x: u8| (x == b',') | (x == b';') | (x == b':') | (x == 0xe3) | (x == 0xef);
    if b.len() <= 40 && !crate::text::any_byte(b, may_stop) {
        return b.len();
    }
    let mut i = 0;
    let mut n = 0;
    while i < b.len() {
        if n >= 40 {
            return i;
        }
        let len = match b[i] {
            b',' | b';' | b':' => return i,
            0..=0x7f => 1,
            0xc0..=0xdf => 2,
            // `。` is E3 80 82; `，` `；` `：` are EF BC 8C, EF BC 9B, EF BC 9A.
            0xe3 if b[i + 1] == 0x80 && b[i + 2] == 0x82 => return i,
            0xef if b[i + 1] == 0xbc && matches!(b[i + 2], 0x8c | 0x9b | 0x9a) => return i,
            0xe0..=0xef => 3,
            _ => 4,
        };
        i += len;
        n += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_stop_agrees_with_reading_characters() {
        let by_chars = |s: &str| {
            s.char_indices()
                .enumerate()
                .find(|(n, (_, ch))| {
                    matches!(ch, '。' | '，' | '；' | '：' | ',' | ';' | ':') || *n >= 40
                })
                .map_or(s.len(), |(_, (i, _))| i)
        };
        let cases = [
            "",
            "主动公开情况",
            "组织领导。加强培训",
            "平台建设，其他",
            "a,b",
            "x;y",
            "时间:2022",
            "甲；乙",
            "甲：乙",
            "é𠀀ü，",
            "〇。",
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二",
            "abcdefghijabcdefghijabcdefghijabcdefghijab",
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
            "ＡＢＣ｛｝＂，",
            "\u{feff}空白\u{3000}后",
            "予以公开",
            "予以公开（含）",
            "一二三四五六七八九十一二三",
            "一二三四五六七八九十一二三四",
            "abcdefghijabcdefghijabcdefghijabcdefghij",
            "abcdefghijabcdefghijabcdefghijabcdefghi:",
            "abcdefghijabcdefghijabcdefghijabcdefghijk",
            "属于国家秘密，",
        ];
        for case in cases {
            assert_eq!(title_stop(case.as_bytes()), by_chars(case), "{case:?}");
        }
    }

    #[test]
    fn tab_or_pipe_test_agrees_with_a_search_per_line() {
        let long = "一是强化组织领导，明确分管领导和工作机构，配备2名工作人员。";
        let lines = [
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数".to_string(),
            "规章\t0\t0\t0".into(),
            "商业企业".into(),
            "\t0".into(),
            long.into(),
            format!("{long}\t12"),
            format!("{long}\t{long}"),
            format!("| {long} | 5 |"),
            "| 5 | / |".into(),
            "第二十条第（五）项".into(),
            String::new(),
            format!("{long}{long}"),
            "行政许可\t13".into(),
            "a|b".into(),
        ];
        // Every order of a few of them, so that the search's last find lies before, in or
        // after each line.
        let mut next = crate::testing::xorshift(11);
        for _ in 0..300 {
            let picked: Vec<&String> = (0..8)
                .map(|_| &lines[(next() % lines.len() as u64) as usize])
                .collect();
            let text = picked
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let bytes = text.as_bytes();
            let mut search = NextAt::new(|from| memchr::memchr2(b'\t', b'|', &bytes[from..]));
            let mut start = 0;
            for line in &picked {
                let span = Span::new(start, start + line.len());
                start = span.end + 1;
                if line.is_empty() {
                    continue;
                }
                let expected = line.contains(['\t', '|']);
                let got = has_tab_or_pipe(&mut search, line.as_bytes(), span);
                assert_eq!(got, expected, "{line:?} in {text:?}");
            }
        }
    }

    #[test]
    fn title_after_agrees_with_trimming_characters() {
        // What `title_after` computed before its byte tests for the ends.
        let former = |text: &str, from: usize, end: usize| {
            let rest = &text[from..end];
            let skip = rest.len() - rest.trim_start_matches(crate::text::is_space).len();
            let rest = &rest[skip..];
            let stop = title_stop(rest.as_bytes());
            let t = rest[..stop].trim_end_matches(crate::text::is_space);
            Span::new(from + skip, from + skip + t.len())
        };
        let cases = [
            "（一）主动公开情况",
            "（一） 主动公开情况 ",
            "（一）\u{3000}组织领导。加强培训",
            "（一）\u{feff}空白\u{3000}，后",
            "1.\t本机关 ，其他",
            "(2)",
            "(2) \u{a0}\u{3000}",
            "（三）é𠀀ü ；",
            "（四）ＡＢＣ\u{3000}\u{3000}",
            "（五）一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十 一二",
        ];
        for case in cases {
            for from in (0..=case.len()).filter(|&i| case.is_char_boundary(i)) {
                assert_eq!(
                    title_after(case, from, case.len()),
                    former(case, from, case.len()),
                    "{case:?} from {from}"
                );
            }
        }
    }

    /// The marker grammar `marker_at` reads by hand, as a regex: the two must agree.
    const MARKER: &str = r"^(?:(?P<open>[（(])[ \u{3000}]*(?:(?P<cn>[一二三四五六七八九十]{1,3})|(?P<ap>[0-9０-９]{1,2}))[ \u{3000}]*(?P<close>[）)])|(?P<ad>[0-9０-９]{1,2})(?P<sep>[.．、]))";

    fn doc(text: &str) -> crate::Document {
        crate::Document::parse("t.txt", text)
    }

    #[test]
    fn wrapped_row_labels_are_not_subheadings() {
        let wraps = [
            "（三）不\n予公开\n1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n",
            "（四）无\n法提供\n1.本机关不掌握\n相关政府信息\t1\t0\t0\t0\t0\t0\t1\n",
            "（五）不\n予处理\n1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0\n",
            "（六）其他\n处理\n3.其他\t0\t0\t0\t0\t0\t0\t0\n",
            "（六）其\n他处理\n3.其他\t0\t0\t0\t0\t0\t0\t0\n",
            "(三)不\n予公开 0 0 0 0 0 0 0\n",
            "      （三）不\n理\n      予公开\n             5.属于三类内部事务信息        7          1\n",
        ];
        for w in wraps {
            for eol in ["\n", "\r\n"] {
                let text = format!("某县2023年政府信息公开工作年度报告\n一、总体情况\n略。\n三、收到和处理政府信息公开申请情况\n{w}四、政府信息公开行政复议、行政诉讼情况\n").replace('\n', eol);
                let d = doc(&text);
                let s = d.section(SectionKind::Requests).unwrap();
                assert!(s.subheadings.is_empty(), "{w:?}: {:?}", s.subheadings);
            }
        }
        // Captions of the tables in their part.
        let text = "某县2023年政府信息公开工作年度报告\n一、总体情况\n略。\n二、主动公开政府信息情况\n（一）主动公开政府信息情况统计表\n信息内容\t本年制发件数\n（二）其他说明\n";
        let d = doc(text);
        let subs = &d.section(SectionKind::Proactive).unwrap().subheadings;
        assert_eq!(subs.len(), 1, "{subs:?}");
        // A short sub-heading in a part without a table is still one.
        let text = "某县2023年政府信息公开工作年度报告\n一、总体情况\n（一）其他\n处理得当。\n";
        assert_eq!(doc(text).sections()[0].subheadings.len(), 1);
    }

    #[test]
    fn a_table_row_never_cuts_a_table() {
        // A cut-off page: the 2019 trial table's row `其他对外管理服务事项` (followed by its
        // values) and the captions are not part headings.
        for table in [
            "表二：主动公开政府信息情况\n第二十条第（五）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n行政许可\n5\n0\n3\n其他对外管理服务事项\n0\n0\n0\n第二十条第（六）项\n行政处罚\n1\n0\n1\n",
            "## 表二 主动公开政府信息情况\n信息内容 本年处理决定数量\n行政许可\n12\n其他事项\n0\n行政处罚\n3\n",
        ] {
            let text = format!("某县2020年政府信息公开工作年度报告\n一、总体情况\n略。\n二、主动公开政府信息情况\n{table}");
            let d = doc(&text);
            let kinds: Vec<SectionKind> = d.sections().iter().map(|s| s.kind).collect();
            assert_eq!(kinds, [SectionKind::Overview, SectionKind::Proactive], "{table}");
        }
    }

    #[test]
    fn title_year_is_read_off_the_year_match() {
        for (line, year, digits) in [
            ("2022年度威海市文登区政府信息公开工作年度报告", 2022, "2022"),
            (
                "２０２３年 度文登区政府信息公开工作年度报告",
                2023,
                "２０２３",
            ),
            ("文登区20222年政府信息公开工作年度报告", 222, "0222"),
        ] {
            let title = title_from_parts(line, vec![Span::new(0, line.len())], false);
            let y = title.year.expect(line);
            assert_eq!((y.value, &line[y.span.range()]), (year, digits), "{line}");
        }
        let title = title_from_parts("政府信息公开工作年度报告", vec![Span::new(0, 36)], false);
        assert!(title.year.is_none());
    }

    #[test]
    fn next_occurrence_agrees_with_a_search_per_span() {
        let text = "a\tb\n\n（一）c\nd|e\nfff\n(1)\n";
        let mut tabs = NextAt::new(|from| memchr::memchr2(b'\t', b'|', &text.as_bytes()[from..]));
        let mut parens = NextAt::new(|from| OPEN_PAREN.find(&text.as_bytes()[from..]));
        let mut start = 0;
        for line in text.split('\n') {
            let span = Span::new(start, start + line.len());
            assert_eq!(tabs.within(span), line.contains(['\t', '|']), "{line:?}");
            assert_eq!(parens.within(span), line.contains('（'), "{line:?}");
            start += line.len() + 1;
        }
    }

    #[test]
    fn inline_markers_agree_with_the_grammar() {
        let re = Regex::new(
            r"[。；;：:\s](?P<m>(?P<open>[（(])(?P<cn>[一二三四五六七八九十]{1,3})(?P<close>[）)]))",
        )
        .unwrap();
        let lines = [
            "工作情况如下：（一）主动公开。（二）依申请公开；(三)平台建设",
            "（一）开头的不算。 （二）空格后的算",
            "。（一）（二）连着的；（十一）十一；（十一十）太长：(四）混用",
            "无标记（一）前面不是句号",
            "：（）；(",
            "。(1)阿拉伯数字不算",
            "说明：(一)半角；（二）全角，“引号”。(三)再半角：（四）",
        ];
        for line in lines {
            let by_regex: Vec<(usize, usize, &str)> = re
                .captures_iter(line)
                .map(|c| {
                    let m = c.name("m").unwrap();
                    (m.start(), m.end(), c.name("cn").unwrap().as_str())
                })
                .collect();
            let by_hand: Vec<(usize, usize, &str)> = inline_markers(line)
                .iter()
                .map(|m| (m.start, m.end, m.numerals))
                .collect();
            assert_eq!(by_hand, by_regex, "{line:?}");
        }
    }

    #[test]
    fn marker_reading_agrees_with_the_grammar() {
        let re = Regex::new(MARKER).unwrap();
        let cases = [
            "（一）主动公开情况",
            "(二)依申请公开",
            "（ 三 ）平台建设",
            "（\u{3000}十二）其他",
            "（十一十）太长",
            "（1）第一项",
            "(12)第十二项",
            "（123）不是",
            "1.组织领导",
            "１、加强培训",
            "12、第十二",
            "123.不是",
            "1.5万条",
            "2022年",
            "0",
            "12",
            "2022",
            "（一",
            "（）",
            "（一)混用",
            "(１）混用",
            "一、不是小标题",
            "",
        ];
        for case in cases {
            let by_hand = marker_at(case, 7);
            let by_regex = re.captures(case).and_then(|c| {
                let end = c.get(0).unwrap().end();
                // What the regex's caller then checked: `1.5万` (a digit right after the
                // separator) is a number, and `十一十` is no numeral.
                let number = c.name("ad").is_some()
                    && case[end..].starts_with(|ch: char| ch.is_ascii_digit());
                let bad_numeral = c
                    .name("cn")
                    .is_some_and(|cn| cn_numeral_value(cn.as_str()).is_none());
                (!number && !bad_numeral).then_some(end)
            });
            assert_eq!(
                by_hand.as_ref().map(|m| m.marker),
                by_regex.map(|end| Span::new(7, 7 + end)),
                "{case:?}"
            );
        }
        let m = marker_at("（ 三 ）平台建设", 0).unwrap();
        assert_eq!(
            (m.style, m.value, m.bracket),
            (MarkerStyle::CnParen, 3, Bracket::Full)
        );
        let m = marker_at("(１）混用", 0).unwrap();
        assert_eq!(
            (m.style, m.value, m.bracket),
            (MarkerStyle::ArabicParen, 1, Bracket::Mixed)
        );
        let m = marker_at("12、第十二", 0).unwrap();
        assert_eq!((m.style, m.value), (MarkerStyle::ArabicDot, 12));
    }
}
