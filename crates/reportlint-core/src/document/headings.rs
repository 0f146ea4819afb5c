//! Top-level headings: the six template sections, their variants, and how they are numbered.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{
    cn_numeral_value, ends_sentence, is_heading_numeral, normalized, parse_uint, prefix_len,
};
use crate::Span;

/// The six sections of the 2021 template (report-format.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionKind {
    Overview,
    Proactive,
    Requests,
    Appeals,
    Problems,
    Other,
}

impl SectionKind {
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::Proactive,
        SectionKind::Requests,
        SectionKind::Appeals,
        SectionKind::Problems,
        SectionKind::Other,
    ];

    /// 1..=6.
    pub fn number(self) -> u32 {
        self as u32 + 1
    }

    pub fn from_number(n: u32) -> Option<SectionKind> {
        Self::ALL.get((n as usize).checked_sub(1)?).copied()
    }

    /// `一`…`六`.
    pub fn numeral(self) -> &'static str {
        ["一", "二", "三", "四", "五", "六"][self as usize]
    }

    /// The template heading without its number.
    pub fn canonical_title(self) -> &'static str {
        match self {
            SectionKind::Overview => "总体情况",
            SectionKind::Proactive => "主动公开政府信息情况",
            SectionKind::Requests => "收到和处理政府信息公开申请情况",
            SectionKind::Appeals => "政府信息公开行政复议、行政诉讼情况",
            SectionKind::Problems => "存在的主要问题及改进情况",
            SectionKind::Other => "其他需要报告的事项",
        }
    }

    /// The template heading with its number, e.g. `二、主动公开政府信息情况`.
    pub fn canonical_heading(self) -> String {
        format!("{}、{}", self.numeral(), self.canonical_title())
    }

    /// Whether the section holds a statistics table (二, 三, 四).
    pub fn has_table(self) -> bool {
        matches!(
            self,
            SectionKind::Proactive | SectionKind::Requests | SectionKind::Appeals
        )
    }
}

/// How a heading's number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `一、` — the template's style.
    ChineseComma,
    /// `一.` / `一．` — Chinese numeral with a dot.
    ChineseDot,
    /// `2、`, `2.` — an Arabic number.
    Arabic,
}

/// The number in front of a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingNumber {
    /// The numeral and its separator (`2、`), without following spaces.
    pub span: Span,
    /// The numeral and separator plus any spaces before the title.
    pub span_with_space: Span,
    pub value: u32,
    pub style: NumberStyle,
}

/// A top-level heading (or a candidate for one).
#[derive(Debug, Clone)]
pub struct Heading {
    pub kind: SectionKind,
    /// Number and title.
    pub span: Span,
    pub number: Option<HeadingNumber>,
    /// The title text without its number.
    pub title: Span,
    /// Found inside a line of running text (crawler output) rather than on a line of its own.
    pub inline: bool,
    /// A pre-2019 heading (`概述`, …).
    pub old_format: bool,
}

impl Heading {
    /// Numbered `一、`…`六、` exactly as the template wants, for its kind.
    pub fn is_correctly_numbered(&self) -> bool {
        matches!(self.number, Some(n) if n.style == NumberStyle::ChineseComma && n.value == self.kind.number())
    }

    /// How sure the parser is that this is the section's heading: 0 = correctly numbered,
    /// 1 = numbered in another style but with the right value, 2 = unnumbered, 3 = a Chinese
    /// numeral of another section, 4 = an Arabic number of another section (`1、主动公开…` is
    /// more likely an item of a list than a misnumbered heading; never chosen).
    pub(crate) fn rank(&self) -> u8 {
        match self.number {
            Some(n) if n.value == self.kind.number() && n.style == NumberStyle::ChineseComma => 0,
            Some(n) if n.value == self.kind.number() => 1,
            None => 2,
            Some(n) if n.style == NumberStyle::Arabic => 4,
            Some(_) => 3,
        }
    }
}

/// Phrases that begin a heading, for headings found inside running text.
const PHRASE_PATTERNS: [&str; 6] = [
    r"^(?:[0-9０-９]{4}年度?)?(?:政府信息公开(?:工作)?)?(?:总体情况|概述)",
    r"^(?:行政机关)?主动公开(?:政府信息)?(?:的)?(?:工作)?情况",
    r"^(?:行政机关)?(?:收到和处理|收到及处理|受理和处理)(?:政府信息公开申请|依申请公开政府信息|政府信息公开|依申请公开)?(?:申请)?(?:的)?情况",
    r"^(?:因)?(?:政府信息公开(?:工作)?)?(?:被申请|申请)?行政法?复议[、，和及与]?(?:提起)?行政诉讼(?:的)?情况",
    r"^(?:政府信息公开(?:工作)?)?存在的?(?:主要)?问题(?:及|和|与)(?:改进|整改)(?:情况|措施)",
    r"^(?:其他需要?报告的?事项|其他事项)",
];
static PHRASES: LazyLock<[Regex; 6]> =
    LazyLock::new(|| PHRASE_PATTERNS.map(|p| Regex::new(p).unwrap()));
/// All six at once: one search says which phrase (if any) begins the text, where trying each
/// regex in turn cost six searches.
static PHRASE_SET: LazyLock<regex::RegexSet> =
    LazyLock::new(|| regex::RegexSet::new(PHRASE_PATTERNS).unwrap());

/// The key words of section titles, found in one overlapping automaton pass (a title is short,
/// and a substring search per word paid a searcher's set-up each time). Each word's bit is named
/// below in pinyin.
const TITLE_WORDS: [&str; 17] = [
    "复议",
    "诉讼",
    "问题",
    "改进",
    "措施",
    "整改",
    "其他",
    "事项",
    "其他需要报告",
    "收到",
    "处理",
    "办理",
    "受理",
    "申请",
    "依申请公开政府信息情况",
    "主动公开",
    "总体情况",
];
const FUYI: u32 = 1 << 0;
const SUSONG: u32 = 1 << 1;
const WENTI: u32 = 1 << 2;
const GAIJIN: u32 = 1 << 3;
const CUOSHI: u32 = 1 << 4;
const ZHENGGAI: u32 = 1 << 5;
const QITA: u32 = 1 << 6;
const SHIXIANG: u32 = 1 << 7;
const QITA_XUYAO_BAOGAO: u32 = 1 << 8;
const SHOUDAO: u32 = 1 << 9;
const CHULI: u32 = 1 << 10;
const BANLI: u32 = 1 << 11;
const SHOULI: u32 = 1 << 12;
const SHENQING: u32 = 1 << 13;
const YISHENQING_QINGKUANG: u32 = 1 << 14;
const ZHUDONG_GONGKAI: u32 = 1 << 15;
const ZONGTI_QINGKUANG: u32 = 1 << 16;

static TITLE_AC: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(TITLE_WORDS)
        .unwrap()
});

/// Which of [`TITLE_WORDS`] occur in `t`, as bits.
fn title_words(t: &str) -> u32 {
    TITLE_AC
        .find_overlapping_iter(t)
        .fold(0, |bits, m| bits | 1 << m.pattern().as_u32())
}

/// Classifies a heading title (without its number) by its key words (report-format.md §1.3).
/// Returns the kind and whether it is a pre-2019 heading.
pub fn classify_title(title: &str) -> Option<(SectionKind, bool)> {
    let t = normalized(title);
    let words = title_words(&t);
    let has = |bits: u32| words & bits != 0;
    if has(FUYI) && has(SUSONG) {
        return Some((SectionKind::Appeals, false));
    }
    if has(WENTI) && has(GAIJIN | CUOSHI | ZHENGGAI) {
        return Some((SectionKind::Problems, false));
    }
    if (has(QITA) && has(SHIXIANG)) || has(QITA_XUYAO_BAOGAO) {
        return Some((SectionKind::Other, false));
    }
    if has(SHOUDAO | CHULI | BANLI | SHOULI) && has(SHENQING) {
        return Some((
            SectionKind::Requests,
            has(YISHENQING_QINGKUANG) && !has(SHOUDAO),
        ));
    }
    if has(ZHUDONG_GONGKAI) && !has(SHENQING) {
        return Some((SectionKind::Proactive, false));
    }
    if has(ZONGTI_QINGKUANG) {
        return Some((SectionKind::Overview, false));
    }
    if t == "概述" || t.ends_with("概述") && t.chars().count() <= 8 {
        return Some((SectionKind::Overview, true));
    }
    None
}

/// What the heading finder reads off a short line's title: its kind, and whether it ends like a
/// heading (`情况`, `事项`, `措施`, `概述`).
#[derive(Clone, Copy)]
struct TitleFacts {
    class: Option<(SectionKind, bool)>,
    heading_ending: bool,
}

/// Titles remembered per thread at most: past that the memo starts afresh (lines that only
/// look like titles could otherwise fill it).
const TITLE_MEMO_CAP: usize = 4096;

thread_local! {
    /// Reports word their headings alike: classifying a title (normalising it and searching it
    /// for key words, about 1,400 instructions) is done once per thread for each title text.
    static TITLE_MEMO: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, TitleFacts>> =
        std::cell::RefCell::default();
}

impl TitleFacts {
    fn of(title: &str) -> TitleFacts {
        TITLE_MEMO.with_borrow_mut(|memo| {
            if let Some(&facts) = memo.get(title) {
                return facts;
            }
            let t = normalized(title);
            let facts = TitleFacts {
                class: classify_title(title),
                heading_ending: ["情况", "事项", "措施", "概述"]
                    .iter()
                    .any(|s| t.ends_with(s)),
            };
            if memo.len() >= TITLE_MEMO_CAP {
                memo.clear();
            }
            memo.insert(title.into(), facts);
            facts
        })
    }
}

/// Parses `2、` / `一．` / `二、` at the start of `s`.
pub(crate) fn parse_number(s: &str, base: usize) -> Option<(HeadingNumber, usize)> {
    // Most lines start with neither a numeral nor a digit.
    let first = s.chars().next()?;
    if !(crate::text::is_cn_numeral_char(first) || crate::text::ascii_digit(first).is_some()) {
        return None;
    }
    // `^(?:[一-十]{1,2}|[0-9０-９]{1,2})[ \t\u{3000}]*[、．.，,][ \t\u{3000}]*`, read by hand: this
    // runs on every line that starts with a digit (table cells among them), where a regex's
    // set-up costs more than the reading.
    let space = |c: char| matches!(c, ' ' | '\t' | '\u{3000}');
    let cn_len = prefix_len(s, 2, is_heading_numeral);
    let num_len = if cn_len > 0 {
        cn_len
    } else {
        prefix_len(s, 2, |c| crate::text::ascii_digit(c).is_some())
    };
    if num_len == 0 {
        return None;
    }
    let sep_at = num_len + prefix_len(&s[num_len..], usize::MAX, space);
    let sep = s[sep_at..]
        .chars()
        .next()
        .filter(|c| matches!(c, '、' | '．' | '.' | '，' | ','))?;
    let sep_end = sep_at + sep.len_utf8();
    let whole_end = sep_end + prefix_len(&s[sep_end..], usize::MAX, space);
    let num = &s[..num_len];
    let (value, style) = if cn_len > 0 {
        let style = if sep == '、' {
            NumberStyle::ChineseComma
        } else {
            NumberStyle::ChineseDot
        };
        (cn_numeral_value(num)?, style)
    } else {
        // `1.5万` or `2,000`: a number, not a heading number.
        if matches!(sep, '.' | '．' | ',' | '，')
            && s[sep_end..].starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        (parse_uint(num)? as u32, NumberStyle::Arabic)
    };
    Some((
        HeadingNumber {
            span: Span::new(base, base + sep_end),
            span_with_space: Span::new(base, base + whole_end),
            value,
            style,
        },
        whole_end,
    ))
}

/// Every heading, on its own line or inline, holds one of these words.
///
/// Leftmost-first: only the leftmost kinds use the SIMD (Teddy) searcher; the standard kind walks
/// its automaton a byte at a time. No word's end is another's start, so the non-overlapping
/// matches over a whole text find every line that holds one.
static HEADING_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build([
            "复议",
            "问题",
            "其他",
            "申请",
            "处理",
            "主动公开",
            "总体",
            "概述",
        ])
        .unwrap()
});

/// Where the first heading word at or after byte `from` of `text` starts. The layout asks once
/// per line that may hold one and then goes on from the next line: the words after the first on a
/// line (table rows name `申请` and `处理` several times) are never handed out, and a search runs
/// across the lines that hold none, where a search per line paid its set-up on every short row.
pub(crate) fn next_heading_word(text: &str, from: usize) -> Option<usize> {
    let input = aho_corasick::Input::new(text).span(from..text.len());
    HEADING_WORDS.find(input).map(|m| m.start())
}

/// Where heading words start in `text`, in order (what [`next_heading_word`] is checked against).
#[cfg(test)]
pub(crate) fn heading_word_starts(text: &str) -> Vec<usize> {
    HEADING_WORDS.find_iter(text).map(|m| m.start()).collect()
}

/// Heading candidates on one line whose content (trimmed) is `content` at byte offset `base`.
#[cfg(test)]
pub(crate) fn line_candidates(content: &str, base: usize, out: &mut Vec<Heading>) {
    if HEADING_WORDS.is_match(content) {
        candidates_with_words(content, base, out);
    }
}

/// [`line_candidates`] on a line known to hold a heading word.
pub(crate) fn candidates_with_words(content: &str, base: usize, out: &mut Vec<Heading>) {
    if !could_hold_heading(content) {
        return;
    }
    let number = parse_number(content, base);
    let rest_off = number.map_or(0, |(_, off)| off);
    let rest = &content[rest_off..];
    let mut found_at_start = false;
    // A heading on a line of its own: short, not a sentence, no table row. The cheap byte tests
    // come first: most lines that get here are table rows (`1.申请人…\t0\t0`), which the tab
    // rules out before their characters are counted.
    let numbered = number.is_some();
    // One scan of a short rest for a tab or pipe and for the lead byte E3 of `。` and `、` (a long
    // rest is no heading of its own, and may hold `、`).
    let short = rest.len() <= 36 * 4;
    let (tab_or_pipe, e3) = if short {
        crate::text::tab_or_pipe_and_e3(rest.as_bytes())
    } else {
        (false, true)
    };
    let heading_like = short
        && {
            let full_stop = e3 && crate::text::find_char(rest, '。').is_some();
            !(tab_or_pipe || full_stop)
        }
        && !ends_sentence(rest)
        && {
            // Every character takes a byte at least: a rest of at most 30 bytes is short
            // enough without counting its characters.
            let (within_36, within_30) = if rest.len() <= 30 {
                (true, true)
            } else {
                let n = crate::text::char_len(rest);
                (n <= 36, n <= 30)
            };
            within_36 && (numbered || within_30 && !starts_with_sub_marker(rest))
        };
    let cn_numbered = number.is_some_and(|(n, _)| n.style == NumberStyle::ChineseComma);
    let caption = heading_like && is_table_caption(rest, cn_numbered);
    if heading_like && !rest.is_empty() && !caption {
        let facts = TitleFacts::of(rest);
        if let Some((kind, old)) = facts.class {
            // Unnumbered lines must read like headings, not like chart captions or sentences.
            let right_number = number.is_some_and(|(n, _)| n.value == kind.number());
            if right_number || facts.heading_ending {
                out.push(Heading {
                    kind,
                    span: Span::new(base, base + content.len()),
                    number: number.map(|(n, _)| n),
                    title: Span::new(base + rest_off, base + content.len()),
                    inline: false,
                    old_format: old,
                });
                found_at_start = true;
            }
        }
    }
    if !found_at_start && !caption {
        if let Some((n, off)) = number {
            if n.style == NumberStyle::ChineseComma {
                if let Some(h) = phrase_heading(content, off, base, Some(n)) {
                    out.push(h);
                }
            }
        }
    }
    // Headings inside running text (crawler output: `…发展。 二、主动公开政府信息情况第二十条…`).
    // `一、` to `六、`, found as the `、`s that follow one of those numerals. The `、` of the line's
    // own number never counts (its numeral starts the line, or follows another numeral), so a
    // rest without the lead byte E3 holds none (most table rows: `1.属于国家秘密\t0\t0`).
    if !e3 {
        return;
    }
    for comma in crate::text::char_offsets(content, '、') {
        let Some(numeral) = content[..comma].chars().next_back() else {
            continue;
        };
        if !matches!(numeral, '一' | '二' | '三' | '四' | '五' | '六') {
            continue;
        }
        let start = comma - numeral.len_utf8();
        if start == 0 {
            continue;
        }
        let cn_end = comma;
        let Some(value) = cn_numeral_value(&content[start..cn_end]) else {
            continue;
        };
        let after = comma + "、".len();
        let end = after
            + prefix_len(&content[after..], usize::MAX, |c| {
                c == ' ' || c == '\u{3000}'
            });
        let prev = content[..start].chars().next_back();
        // `十一、` or `第一、` is not a section number, nor the `表二、` of a table caption.
        if matches!(prev, Some(c) if crate::text::is_cn_numeral_char(c) || c == '第' || c == '表')
        {
            continue;
        }
        let sep_end = cn_end + "、".len();
        let n = HeadingNumber {
            span: Span::new(base + start, base + sep_end),
            span_with_space: Span::new(base + start, base + end),
            value,
            style: NumberStyle::ChineseComma,
        };
        if let Some(mut h) = phrase_heading(content, end, base, Some(n)) {
            if h.kind.number() == value {
                h.span.start = base + start;
                h.inline = true;
                out.push(h);
            }
        }
    }
}

/// Whether a heading can be found on `content` at all, judged on bytes before any search for key
/// words. A heading starts the line (after a numeral or a digit, or on a line short enough to be a
/// title: 36 characters are at most 144 bytes), or sits inside running text after a numeral and
/// `、` (`…发展。 二、主动公开…`). Long prose lines are most of a report's bytes; for them only the
/// second case can hold, and `memchr` finds the `、`s far faster than the key-word automaton
/// scans the line.
fn could_hold_heading(content: &str) -> bool {
    let Some(first) = content.chars().next() else {
        return false;
    };
    if content.len() <= 36 * 4
        || crate::text::is_cn_numeral_char(first)
        || crate::text::ascii_digit(first).is_some()
    {
        return true;
    }
    crate::text::char_offsets(content, '、').any(|i| {
        content[..i]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '一' | '二' | '三' | '四' | '五' | '六'))
    })
}

/// A table's caption (`表二：主动公开政府信息情况`, `表三 收到和处理政府信息公开申请情况`,
/// `附表`, `主动公开政府信息情况统计表`) or a table row that reads like a title
/// (`其他对外管理服务事项`, a row of the 2019 trial format's Table 二): never a part heading.
/// A title ending in `统计表` after a part number (`二、主动公开政府信息情况统计表`) is still
/// read as the part's heading.
fn is_table_caption(rest: &str, cn_numbered: bool) -> bool {
    let mut chars = rest.chars();
    let first = chars.next();
    let second = chars.next();
    let table_number = |c: Option<char>| {
        c.is_some_and(|c| matches!(c, '一' | '二' | '三' | '四' | '1'..='4' | '１'..='４'))
    };
    (first == Some('表') && table_number(second))
        || rest.starts_with("附表")
        || !cn_numbered
            && ["统计表", "情况表", "一览表"]
                .iter()
                .any(|e| rest.ends_with(e))
        || crate::text::contains_word(rest, "对外管理服务")
}

fn starts_with_sub_marker(s: &str) -> bool {
    s.starts_with(['（', '(']) || s.starts_with(|c: char| c.is_ascii_digit())
}

/// A heading whose title is one of the known phrases, starting at `content[off..]`.
fn phrase_heading(
    content: &str,
    off: usize,
    base: usize,
    number: Option<HeadingNumber>,
) -> Option<Heading> {
    let rest = &content[off..];
    // The first phrase that matches, as the loop over them in order found it.
    if let Some(i) = PHRASE_SET.matches(rest).iter().next() {
        if let Some(m) = PHRASES[i].find(rest) {
            let kind = SectionKind::ALL[i];
            let end = base + off + m.end();
            return Some(Heading {
                kind,
                span: Span::new(number.map_or(base + off, |n| n.span.start), end),
                number,
                title: Span::new(base + off, end),
                inline: false,
                old_format: m.as_str().ends_with("概述"),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cands(line: &str) -> Vec<(SectionKind, Option<u32>, bool)> {
        let mut out = Vec::new();
        line_candidates(line, 0, &mut out);
        out.iter()
            .map(|h| (h.kind, h.number.map(|n| n.value), h.inline))
            .collect()
    }

    /// The number grammar `parse_number` reads by hand, as a regex: the two must agree.
    const NUMBER: &str = r"^(?:(?P<cn>[一二三四五六七八九十]{1,2})|(?P<ar>[0-9０-９]{1,2}))[ \t\u{3000}]*(?P<sep>[、．.，,])[ \t\u{3000}]*";

    #[test]
    fn number_reading_agrees_with_the_grammar() {
        let re = Regex::new(NUMBER).unwrap();
        let cases = [
            "一、总体情况",
            "二．主动公开",
            "十一、其他",
            "十一十、太长",
            "三 、 收到",
            "四\u{3000}，行政复议",
            "2、 主动公开",
            "６．其他",
            "12、十二",
            "123、不是",
            "1.5万",
            "2,000件",
            "2022年",
            "〇、不是",
            "五",
            "",
        ];
        for case in cases {
            let by_hand = parse_number(case, 3).map(|(n, end)| (n.span, n.span_with_space, end));
            let by_regex = re.captures(case).and_then(|c| {
                let sep = c.name("sep").unwrap();
                let number_like = c.name("ar").is_some()
                    && matches!(sep.as_str(), "." | "．" | "," | "，")
                    && case[sep.end()..].starts_with(|ch: char| ch.is_ascii_digit());
                let end = c.get(0).unwrap().end();
                (!number_like).then(|| (Span::new(3, 3 + sep.end()), Span::new(3, 3 + end), end))
            });
            assert_eq!(by_hand, by_regex, "{case:?}");
        }
        let (n, _) = parse_number("十一、其他", 0).unwrap();
        assert_eq!((n.value, n.style), (11, NumberStyle::ChineseComma));
        let (n, _) = parse_number("６．其他", 0).unwrap();
        assert_eq!((n.value, n.style), (6, NumberStyle::Arabic));
    }

    #[test]
    fn the_phrase_set_picks_the_phrase_tried_first() {
        let texts = [
            "2022年度政府信息公开总体情况",
            "总体情况第一条",
            "概述",
            "行政机关主动公开政府信息情况",
            "主动公开情况",
            "收到和处理政府信息公开申请情况",
            "受理和处理依申请公开情况",
            "政府信息公开行政复议、行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "存在问题与整改措施",
            "其他需要报告的事项",
            "其他事项",
            "政府信息公开工作",
            "情况说明",
            "",
        ];
        for t in texts {
            let by_loop = PHRASES.iter().position(|re| re.is_match(t));
            assert_eq!(PHRASE_SET.matches(t).iter().next(), by_loop, "{t}");
        }
    }

    #[test]
    fn remembered_title_facts_agree_with_classifying_afresh() {
        let titles = [
            "总体情况",
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项",
            "概述",
            "全区概述",
            "图表说明",
            "主动 公开情况",
        ];
        // Past the cap the memo starts afresh; every answer stays the same.
        let fillers: Vec<String> = (0..TITLE_MEMO_CAP + 10)
            .map(|i| format!("标题{i}"))
            .collect();
        for round in 0..3 {
            for t in titles
                .iter()
                .copied()
                .chain(fillers.iter().map(String::as_str))
            {
                let facts = TitleFacts::of(t);
                assert_eq!(facts.class, classify_title(t), "{t} (round {round})");
                let ending = ["情况", "事项", "措施", "概述"]
                    .iter()
                    .any(|e| normalized(t).ends_with(e));
                assert_eq!(facts.heading_ending, ending, "{t}");
            }
        }
        TITLE_MEMO.with_borrow(|memo| assert!(memo.len() <= TITLE_MEMO_CAP));
    }

    #[test]
    fn the_next_word_from_a_line_agrees_with_all_words() {
        let text =
            "一、总体情况\n\t申请人\t处理\t其他\n问\n题\n## 五、存在的主要问题\n复议复议\n无\n概述";
        let all = heading_word_starts(text);
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.len();
            let by_all = all.iter().any(|&w| start <= w && w < end);
            let next = next_heading_word(text, start);
            assert_eq!(next.is_some_and(|w| w < end), by_all, "{line:?}");
            assert_eq!(next, all.iter().copied().find(|&w| w >= start), "{line:?}");
            start = end + 1;
        }
    }

    #[test]
    fn template_and_variant_headings() {
        use SectionKind::*;
        assert_eq!(cands("一、总体情况"), [(Overview, Some(1), false)]);
        assert_eq!(
            cands("二、行政机关主动公开政府信息的情况"),
            [(Proactive, Some(2), false)]
        );
        assert_eq!(
            cands("2、 主动公开政府信息情况"),
            [(Proactive, Some(2), false)]
        );
        assert_eq!(
            cands("四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况"),
            [(Appeals, Some(4), false)]
        );
        assert_eq!(
            cands("四、政府信息公开行政法复议、行政诉讼情况"),
            [(Appeals, Some(4), false)]
        );
        assert_eq!(
            cands("政府信息公开工作存在的主要问题及改进情况"),
            [(Problems, None, false)]
        );
        assert_eq!(cands("6、 其他需要报告的事项"), [(Other, Some(6), false)]);
        assert_eq!(
            cands("一、2020年政府信息公开总体情况"),
            [(Overview, Some(1), false)]
        );
    }

    #[test]
    fn table_rows_and_sentences_are_not_headings() {
        assert!(cands("一、本年新收政府信息公开申请数量").is_empty());
        assert!(cands("三、本年度办理结果").is_empty());
        assert!(cands("四、结转下年度继续办理").is_empty());
        assert!(cands("依申请公开情况").is_empty());
        assert!(cands("（六）本行政机关认为需要报告的其他事项").is_empty());
        assert!(cands("2022年没有受理依申请公开情况。").is_empty());
        assert!(cands("宋村镇2022年各类栏目信息发布数量统计图").is_empty());
    }

    #[test]
    fn table_captions_and_row_labels_are_not_headings() {
        for line in [
            "表二：主动公开政府信息情况",
            "表三 收到和处理政府信息公开申请情况",
            "表四\u{3000}政府信息公开行政复议、行政诉讼情况",
            "表2 主动公开政府信息情况",
            "附表：收到和处理政府信息公开申请情况",
            "主动公开政府信息情况统计表",
            "收到和处理政府信息公开申请情况表",
            "其他对外管理服务事项",
            "行政许可、其他对外管理服务事项",
        ] {
            assert!(cands(line).is_empty(), "{line}: {:?}", cands(line));
        }
        // The caption's `表二、` is no inline section number either.
        assert!(cands("本部分情况见下表。表二、主动公开政府信息情况").is_empty());
        // A part heading that names its table is still a heading.
        assert_eq!(
            cands("二、主动公开政府信息情况统计表"),
            [(SectionKind::Proactive, Some(2), false)]
        );
    }

    #[test]
    fn inline_headings_in_crawler_text() {
        use SectionKind::*;
        let line = "发展。 二、主动公开政府信息情况第二十条第（一）项信息内容640020470三、收到和处理政府信息公开申请情况（本列";
        assert_eq!(
            cands(line),
            [(Proactive, Some(2), true), (Requests, Some(3), true)]
        );
        // A heading at the start of a long line, followed by its text.
        assert_eq!(
            cands("一、总体情况 2023年，平潭综合实验区坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻。"),
            [(Overview, Some(1), false)]
        );
    }
}
