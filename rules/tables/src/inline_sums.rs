use std::sync::LazyLock;

use reportlint_core::aho_corasick::{self, packed};
use reportlint_core::memchr;
use reportlint_core::prelude::*;
use reportlint_core::regex::Regex;
use reportlint_core::sentences::{Sentence, Sentences};
use reportlint_core::tables::Tables;
use reportlint_core::text::parse_uint;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 正文中的总数与其分项应一致：`公开政府信息597篇，其中微信公众号526条，政府网站71条`
    /// （526 + 71 = 597）；`从内容分类看，公示公告4条，机构职能3条，…` 与它所分解的总数一致——这个总数
    /// 不一定是它前面最近的那个数：在 `共发布549条，其中微信公众号478条，政府网站71条，从内容分类看，…`
    /// 中，按内容的分项可能分解71，也可能分解549，两种都接受。
    ///
    /// 分项之和，或前几项之和（句子可能接着谈别的数字），等于它可能对应的某个总数时，即为正确。否则，
    /// 在分项表明自己是完整的——`从内容分类看`、`分别为`，或有收拢其余部分的 `其他…` 一项——或者分项之和
    /// 超过总数时，报告。普通的 `其中` 列举，分项之和不足时不报告：`其中` 也用来引出一部分
    /// （`共公开文件46件，其中失效4件，废止2件`）。约数（`2万余次`、`200余条`、`约50条`）、以“万”为单位的
    /// 数和百分比从不相加。列举在以下位置结束：句子或分句的末尾（`；`，除非 `其中：` 用它分隔各项）、
    /// 带序号的标题、单位不同的一项（条和篇是同一单位；件、个、次、份…是别的单位）、不是分项占比的百分比
    /// （`同比增长20%`）、按内容分项之后出现的新渠道（`通过微信公众号发布…`），以及后跟 `等` 的一项之后。
    /// 因 `；`、百分比、别的单位或 `等` 而中断的列举，不视为完整：只报告分项超过总数的情况。
    ///
    /// ## 为什么重要（Why it matters）
    /// 分项加起来不等于总数，是读者一眼就能看出的数据错误（“数据失准”：广东省人民政府办公厅
    /// 粤办函〔2010〕249号通报指出年报“出现了数据失准等一些不应有的错漏”）。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 公开政府信息597篇，其中通过微信公众号发布526条，通过政府网站发布80条。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 公开政府信息597篇，其中通过微信公众号发布526条，通过政府网站发布71条。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 约数（`余`、`约`）、以“万”为单位的数和百分比从不相加；`其中` 列举的分项之和不足时不报告（可能只列了
    /// 一部分）。不在同一句中的总数和分项、数字是否真实，都不检查。
    pub struct InlineSums {
        id: "tables/inline-sums",
        summary: "正文中的总数应等于其分项之和",
        severity: Error,
        fix: None,
    }
}

static CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"从(?:公开)?(?:内容|类别|类型|信息类别|信息内容|发布内容)(?:分类|类别|上|方面)?(?:来)?看|按(?:内容|类别|类型)(?:分类|划分|分)?|分别为|分别是").unwrap()
});

/// The parts of one COUNT match, in the order of its groups: the match is found with the fast
/// search, and its few parts are then read off it (a capture search cost about 2,600
/// instructions a count, and a sentence can hold dozens). A test checks this against the groups.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CountParts<'a> {
    /// `约`, `近`, `超过`, `逾`, `大约`, `将近` or `第`.
    prefix: Option<&'a str>,
    /// The number's byte range in the match.
    number: std::ops::Range<usize>,
    /// `余` or `多` after the number.
    more: bool,
    /// `万`, `千` or `百` after the number.
    magnitude: bool,
    unit: &'a str,
}

impl<'a> CountParts<'a> {
    #[cfg(test)]
    fn of(m: &'a str) -> CountParts<'a> {
        let digit = |c: char| matches!(c, '0'..='9' | '０'..='９');
        let first = m.find(digit).unwrap_or(0);
        let prefix = m[..first].trim_end_matches(char::is_whitespace);
        let run = |from: usize| {
            from + m[from..]
                .find(|c: char| !digit(c))
                .unwrap_or(m.len() - from)
        };
        let mut end = run(first);
        if let Some(dot) = m[end..].chars().next().filter(|c| matches!(c, '.' | '．')) {
            let after = end + dot.len_utf8();
            if m[after..].starts_with(digit) {
                end = run(after);
            }
        }
        let mut rest = m[end..].trim_start_matches(char::is_whitespace);
        let more = rest.starts_with(['余', '多']);
        if more {
            rest = rest[3..].trim_start_matches(char::is_whitespace);
        }
        let magnitude = rest.starts_with(['万', '千', '百']);
        if magnitude {
            rest = rest[3..].trim_start_matches(char::is_whitespace);
        }
        CountParts {
            prefix: (!prefix.is_empty()).then_some(prefix),
            number: first..end,
            more,
            magnitude,
            unit: rest,
        }
    }
}

/// The matches of the pattern of a count, found by hand:
///
/// ```text
/// (约|近|超过|逾|大约|将近|第)?\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(余|多)?\s*(万|千|百)?\s*(人次|条|篇|件|个|项|份|部|批|次|人|家|场)
/// ```
///
/// The regex search cost about 1,000 instructions a sentence before it read a byte. Every
/// match holds a run of digits, and the pattern leaves no choice once the run is found: the
/// number runs to the run's end (a digit could follow nothing else), takes a decimal part when
/// a dot and a digit follow (without it the dot could follow nothing), and what follows it is
/// read in order (spaces, `余`, spaces, `万`, spaces, a unit, `人次` before `人`). If that fails,
/// no match holds this run as its first; else the match starts as early as it can: at a prefix
/// before the run's leading spaces, or at those spaces. A test checks this against the regex.
struct CountMatches<'a> {
    s: &'a str,
    /// Where the search goes on: the end of the last match.
    pos: usize,
}

impl<'a> Iterator for CountMatches<'a> {
    /// The match, and its parts as `CountParts::of` reads them off it.
    type Item = (std::ops::Range<usize>, CountParts<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let (s, b) = (self.s, self.s.as_bytes());
        let mut i = self.pos;
        loop {
            let d = next_digit(b, i)?;
            let len = if b[d] < 0x80 { 1 } else { 3 };
            let mut e = digit_run_end(b, d + len);
            i = e;
            let dot = match b.get(e) {
                Some(b'.') => 1,
                Some(0xef) if b.get(e + 1..e + 3) == Some(&[0xbc, 0x8e]) => 3,
                _ => 0,
            };
            if dot > 0 {
                if let Some(len) = digit_len(b, e + dot) {
                    e = digit_run_end(b, e + dot + len);
                }
            }
            let Some((more, magnitude, unit)) = tail(s, e) else {
                continue;
            };
            let before = s[self.pos..d].trim_end_matches(char::is_whitespace);
            let spaces = self.pos + before.len();
            let start = ["大约", "将近", "约", "近", "超过", "逾", "第"]
                .iter()
                .find(|p| before.ends_with(*p))
                .map_or(spaces, |p| spaces - p.len());
            self.pos = unit.end;
            // The parts are those found on the way, not read again off the match.
            let parts = CountParts {
                prefix: (start < spaces).then(|| &s[start..spaces]),
                number: d - start..e - start,
                more,
                magnitude,
                unit: &s[unit.clone()],
            };
            return Some((start..unit.end, parts));
        }
    }
}

/// Where the first digit (`0`-`9`, `０`-`９`) at or after byte `from` of `b` starts.
///
/// Sixteen bytes are tested at a time, by a loop without an early exit that the compiler turns
/// into a few vector instructions: a byte at a time cost about six instructions a byte.
pub(crate) fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let is_digit = |i: usize| digit_len(b, i).is_some();
    let mut i = from;
    while let Some(w) = b.get(i..i + 18) {
        let mut hit = false;
        for k in 0..16 {
            hit |= w[k].is_ascii_digit()
                | ((w[k] == 0xef) & (w[k + 1] == 0xbc) & (w[k + 2].wrapping_sub(0x90) < 10));
        }
        if hit {
            if let Some(k) = (i..i + 16).find(|&k| is_digit(k)) {
                return Some(k);
            }
        }
        i += 16;
    }
    (i..b.len()).find(|&k| is_digit(k))
}

/// The length of the digit (`0`-`9`, `０`-`９`) at byte `i` of `b`, if one is there.
fn digit_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i..) {
        Some([c, ..]) if c.is_ascii_digit() => Some(1),
        Some([0xef, 0xbc, 0x90..=0x99, ..]) => Some(3),
        _ => None,
    }
}

/// The end of the run of digits from byte `i` of `b`.
fn digit_run_end(b: &[u8], mut i: usize) -> usize {
    while let Some(len) = digit_len(b, i) {
        i += len;
    }
    i
}

/// What follows a count's number, which ends at byte `e` of `s`: spaces, `余` or `多`, spaces,
/// `万`, `千` or `百`, spaces, and its unit. Whether the `余` or `多` and the `万`, `千` or `百` are
/// there, and the unit's range; `None` without a unit.
fn tail(s: &str, e: usize) -> Option<(bool, bool, std::ops::Range<usize>)> {
    let mut i = skip_spaces(s, e);
    let more = s[i..].starts_with(['余', '多']);
    if more {
        i = skip_spaces(s, i + 3);
    }
    let magnitude = s[i..].starts_with(['万', '千', '百']);
    if magnitude {
        i = skip_spaces(s, i + 3);
    }
    let rest = &s[i..];
    let unit = if rest.starts_with("人次") {
        6
    } else if rest.starts_with([
        '条', '篇', '件', '个', '项', '份', '部', '批', '次', '人', '家', '场',
    ]) {
        3
    } else {
        return None;
    };
    Some((more, magnitude, i..i + unit))
}

/// Where the white space (`\s`, `char::is_whitespace`) from byte `i` of `s` ends.
///
/// A white space character starts with one of the bytes tested first (`\t`-`\r`, space, and
/// the first bytes of U+0085, U+00A0, U+1680, U+2000-U+205F and U+3000): other characters, most
/// of those here, are turned away without being decoded.
fn skip_spaces(s: &str, mut i: usize) -> usize {
    while let Some(&c) = s.as_bytes().get(i) {
        if !matches!(c, b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3) {
            break;
        }
        match s[i..].chars().next() {
            Some(c) if c.is_whitespace() => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

#[derive(Debug, Clone, Copy)]
struct Count {
    value: i64,
    /// The number.
    span: Span,
    /// Number and unit.
    whole: Span,
    class: u8,
    approx: bool,
    depth: u32,
    /// Preceded by 共/合计/总计/累计.
    led: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Qizhong,
    Content,
    Paren,
}

/// The unit's class: counts of different classes are never summed together. 条 and 篇 both
/// count pieces of information (`公开信息597篇，其中…526条`); 件 counts documents or cases, 个
/// things, 次 times: a list that changes from one to another has ended.
fn class(unit: &str) -> u8 {
    match unit {
        "次" => 1,
        "人次" => 2,
        "人" => 3,
        "家" => 4,
        "场" => 5,
        "件" => 6,
        "个" => 7,
        "项" => 8,
        "份" => 9,
        "部" => 10,
        "批" => 11,
        _ => 0,
    }
}

/// Words that name a channel of publication: a list of content items (`公示公告4条，…`) has
/// ended where one of them begins the next item (`通过微信公众号发布信息200条`).
const CHANNEL_WORDS: [&str; 16] = [
    "通过",
    "微信",
    "微博",
    "公众号",
    "网站",
    "新媒体",
    "抖音",
    "头条",
    "视频号",
    "公开栏",
    "公告栏",
    "电子屏",
    "报刊",
    "电视",
    "广播",
    "客户端",
];

/// What the words between two items of a list say about the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListEnd {
    /// The list goes on.
    Goes,
    /// The list has ended: what came before is all of it (the end of a sentence, a numbered
    /// heading, a new channel after content items).
    Ends,
    /// The list has ended, but what came before may not be all of it (`；`, a percentage).
    Cut,
}

/// Whether the words between two items of a list (`gap`) end the list: the end of a sentence, a
/// numbered heading (`（二）`, `2.加强…`), a new channel after content items (`通过微信公众号…`),
/// or — cutting it short — the end of a clause (`；`, unless the list was opened by a colon and
/// uses `；` between its items) or a percentage that is not the share of the item before it
/// (`同比增长20%`; `占51.85%` is).
fn gap_ends_list(gap: &str, colon_list: bool) -> ListEnd {
    // One pass over the bytes, not three over decoded characters: every character looked for is
    // ASCII or starts with `E3` or `EF`, and the pass steps from character to character (over
    // the continuation bytes of a two-byte character, which match none of them). A terminator or
    // a heading anywhere gives `Ends` whatever else the gap holds; else a cut anywhere gives `Cut`.
    let b = gap.as_bytes();
    let mut end = ListEnd::Goes;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match (c, b.get(i + 1..i + 3)) {
            (b'\n' | b'\r', _) => return ListEnd::Ends,
            // `。`, `！`, `？`
            (0xe3, Some([0x80, 0x82])) | (0xef, Some([0xbc, 0x81 | 0x9f])) => return ListEnd::Ends,
            // `;`, `；`
            (b';', _) | (0xef, Some([0xbc, 0x9b])) if !colon_list => end = ListEnd::Cut,
            // `（二）`, `(二)` start another part of the text.
            (b'(', _) | (0xef, Some([0xbc, 0x88]))
                if numbered_paren(&gap[i + if c == b'(' { 1 } else { 3 }..]) =>
            {
                return ListEnd::Ends
            }
            // So does `2.加强`.
            (b'0'..=b'9', _) if numbered_item(gap, i) => return ListEnd::Ends,
            // `%`, `％`
            (b'%', _) | (0xef, Some([0xbc, 0x85])) => {
                let before = gap[..i].trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
                if !(before.ends_with('占') || before.ends_with("占比")) {
                    end = ListEnd::Cut;
                }
            }
            _ => {}
        }
        i += match c {
            0xf0.. => 4,
            0xe0.. => 3,
            _ => 1,
        };
    }
    end
}

/// Whether `rest`, the text after an opening parenthesis, is a Chinese numeral and the closing
/// parenthesis (`二）`).
fn numbered_paren(rest: &str) -> bool {
    let inner = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    inner > 0
        && rest
            .chars()
            .nth(inner)
            .is_some_and(|c| matches!(c, '）' | ')'))
}

/// Whether the ASCII digit at byte `i` of `gap` begins a run of digits that numbers an item
/// (`2.加强`, `3、`, then an ideograph).
fn numbered_item(gap: &str, i: usize) -> bool {
    let rest = &gap[i..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[digits..].chars().next();
    let next = rest[digits..].chars().nth(1);
    let start_of_run = gap[..i]
        .chars()
        .next_back()
        .is_none_or(|p| !p.is_ascii_digit());
    start_of_run
        && matches!(after, Some('.' | '、' | '．'))
        && next.is_some_and(|n| ('\u{4e00}'..='\u{9fff}').contains(&n))
}

impl Rule for InlineSums {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let text = doc.text();
        let regions = doc.analysis::<Tables>().regions();
        let sentences = doc.analysis::<Sentences>();
        // A breakdown needs a marker (`其中`, a parenthesis, or the first word of `CONTENT`):
        // one search over the text finds the few sentences that hold one, and the others, which
        // `check_sentence` would turn away at once, are never looked at.
        static MARKERS: LazyLock<packed::Searcher> =
            LazyLock::new(|| packed::Searcher::new(["其中", "（", "从", "按", "分别"]).unwrap());
        let all = sentences.all();
        let last = all.len() - 1;
        // The text is searched outside the tables' sentences only (a table is half a report):
        // the searched parts are whole sentences, and no marker holds a terminator, so each
        // marker found lies in a sentence that is looked at, and every such marker is found.
        let searched = outside_tables(all, &regions, text.len());
        let bytes = text.as_bytes();
        let mut marked = marked_sentences(&sentences, bytes, &searched, &MARKERS);
        // `(`, one byte long, would make the searcher stop at every byte: memchr finds it.
        marked.extend(sentences.holding(
            searched.iter().flat_map(|p| {
                memchr::memchr_iter(b'(', &bytes[p.range()]).map(move |i| p.start + i)
            }),
        ));
        marked.sort_unstable();
        marked.dedup();
        for i in marked {
            let s = all[i].span;
            // Sentences inside a table are left out, but for the last one.
            if i == last || !regions.iter().any(|r| r.covers(s)) {
                check_sentence(ctx, text, s);
            }
        }
    }
}

/// The indices of the sentences in which `markers` finds a marker inside one of the parts
/// `searched` of `bytes` (whole sentences, ascending): ascending, each once.
///
/// After a marker the search goes on from the end of its sentence, which is marked already: each
/// search costs some 350 instructions, and a marked sentence often holds several markers.
fn marked_sentences(
    sentences: &Sentences,
    bytes: &[u8],
    searched: &[Span],
    markers: &packed::Searcher,
) -> Vec<usize> {
    let all = sentences.all();
    let mut out = Vec::new();
    for p in searched {
        let mut at = p.start;
        while let Some(m) = markers.find_in(bytes, aho_corasick::Span::from(at..p.end)) {
            let i = sentences.index_of(m.start());
            out.push(i);
            at = all[i].end.max(m.end()).min(p.end);
        }
    }
    out
}

/// The parts of a text of `len` bytes outside the sentences `all` that lie inside one of
/// `regions` (but for the last sentence, which is always looked at): whole sentences, ascending.
fn outside_tables(all: &[Sentence], regions: &[Span], len: usize) -> Vec<Span> {
    let last = all.len() - 1;
    // The sentences a region covers are consecutive: from the first that starts in it up to
    // the first that ends past it.
    let mut inside: Vec<(usize, usize)> = regions
        .iter()
        .filter_map(|r| {
            let a = all.partition_point(|s| s.span.start < r.start);
            let b = (a + all[a..].partition_point(|s| s.span.end <= r.end)).min(last);
            (a < b).then(|| (all[a].span.start, all[b - 1].end))
        })
        .collect();
    inside.sort_unstable();
    let mut out = Vec::with_capacity(inside.len() + 1);
    let mut pos = 0;
    for (start, end) in inside {
        if start > pos {
            out.push(Span::new(pos, start));
        }
        pos = pos.max(end);
    }
    if pos < len {
        out.push(Span::new(pos, len));
    }
    out
}

fn check_sentence(ctx: &mut Context<'_>, text: &str, sentence: Span) {
    let s = &text[sentence.range()];
    // A total and a breakdown of two items are three counts, each with a run of digits of its
    // own (a count ends with its unit, so two never share one): skip the regexes otherwise.
    if !has_number_runs(s, 3) {
        return;
    }
    if qizhong(s).next().is_none() && !s.contains('（') && !s.contains('(') && !CONTENT.is_match(s)
    {
        return;
    }
    let mut counts: Vec<Count> = CountMatches { s, pos: 0 }
        .filter_map(|(m, c)| {
            if c.prefix == Some("第") {
                return None;
            }
            let num = m.start + c.number.start..m.start + c.number.end;
            let value = parse_uint(&s[num.clone()]).map(|v| v as i64);
            let approx = c.prefix.is_some() || c.more || c.magnitude || value.is_none();
            let led = ["共", "合计", "总计", "累计", "共计"]
                .iter()
                .any(|w| s[..m.start].ends_with(w));
            Some(Count {
                value: value.unwrap_or(0),
                span: Span::new(sentence.start + num.start, sentence.start + num.end),
                whole: Span::new(sentence.start + num.start, sentence.start + m.end),
                class: class(c.unit),
                approx,
                depth: 0, // below, once the sentence is known to need depths
                led,
            })
        })
        .collect();
    if counts.len() < 3 {
        return;
    }
    // The parentheses are looked for only in sentences with counts enough for a breakdown
    // (most sentences that get this far hold dates and other figures without a unit).
    let depths = Depths::new(s);
    let depth_at = |i: usize| depths.at(i);
    for c in &mut counts {
        c.depth = depth_at(c.span.start - sentence.start);
    }
    // Markers: (position after the marker, position of the marker, kind, list depth).
    let mut markers: Vec<(usize, usize, Kind, u32)> = Vec::new();
    for pos in qizhong(s) {
        markers.push((pos + "其中".len(), pos, Kind::Qizhong, depth_at(pos)));
    }
    for m in CONTENT.find_iter(s) {
        markers.push((m.end(), m.start(), Kind::Content, depth_at(m.start())));
    }
    // A parenthesis right after a count: `197条（政府预决算32条、部门预决算公开165条）`.
    for c in &counts {
        let after = c.whole.end - sentence.start;
        let rest = &s[after..];
        let open = rest.chars().next().map_or(0, char::len_utf8);
        if rest.starts_with(['（', '(']) && !rest[open..].trim_start().starts_with("其中") {
            let p = after + open;
            markers.push((p, after, Kind::Paren, c.depth + 1));
        }
    }
    markers.sort_by_key(|m| m.1);
    let first = counts.iter().find(|c| !c.approx);
    let qizhong_total = |at: usize| -> Option<Count> {
        let at_abs = sentence.start + at;
        counts
            .iter()
            .rev()
            .find(|c| c.whole.end <= at_abs && !c.approx)
            .copied()
            .filter(|c| {
                at_abs - c.whole.end <= 45 && !text[c.whole.end..at_abs].contains(['；', ';'])
            })
    };
    for (mi, &(list_start, marker_at, kind, list_depth)) in markers.iter().enumerate() {
        let outer = depth_at(marker_at);
        // Where the list ends: the next marker at this depth or outside, or the paren closing.
        let next_marker = markers[mi + 1..]
            .iter()
            .find(|m| m.1 >= list_start && depth_at(m.1) <= list_depth && m.2 != Kind::Paren)
            .map_or(s.len(), |m| m.1);
        let mut end = next_marker;
        // The first character from the list's start on at a shallower depth. Every byte of a
        // character has the depth of its first byte, so the first such byte starts one.
        let shallower = if kind == Kind::Qizhong {
            list_depth.max(outer)
        } else {
            list_depth
        };
        if let Some(i) = depths.first_below(list_start, s.len(), shallower) {
            end = end.min(i);
        }
        let in_list = |c: &&Count| {
            let p = c.span.start - sentence.start;
            p >= list_start
                && p < end
                && c.depth == list_depth.max(depth_at(list_start.min(s.len())))
        };
        let items: Vec<&Count> = counts.iter().filter(in_list).collect();
        // The totals this list may break down.
        let mut candidates: Vec<Count> = Vec::new();
        match kind {
            Kind::Paren => {
                if let Some(c) = counts
                    .iter()
                    .find(|c| c.whole.end - sentence.start == marker_at)
                {
                    candidates.push(*c);
                }
            }
            Kind::Qizhong | Kind::Content => {
                if let Some(c) = qizhong_total(marker_at) {
                    candidates.push(c);
                }
                if kind == Kind::Content {
                    for (_, at, k, _) in &markers[..mi] {
                        if *k == Kind::Qizhong {
                            if let Some(c) = qizhong_total(*at) {
                                candidates.push(c);
                            }
                        }
                    }
                }
                if let Some(f) = first {
                    if f.whole.end - sentence.start <= marker_at {
                        candidates.push(*f);
                    }
                }
                for c in &counts {
                    if c.led && !c.approx && c.whole.end - sentence.start <= marker_at {
                        candidates.push(*c);
                    }
                }
            }
        }
        let Some(&total) = candidates.first() else {
            continue;
        };
        // The items up to where the list ends: the end of a clause, a change of unit, a new
        // channel after content items, an item followed by `等` (then the list is not complete).
        let colon_list = s[list_start.min(s.len())..]
            .trim_start()
            .starts_with(['：', ':']);
        let mut kept: Vec<&Count> = Vec::with_capacity(items.len());
        let mut prev_end = list_start;
        let mut channel_list = false;
        let mut open_ended = false;
        for c in items {
            let at = c.span.start - sentence.start;
            let gap = &s[prev_end.min(at)..at];
            match gap_ends_list(gap, colon_list) {
                ListEnd::Goes => {}
                ListEnd::Ends => break,
                ListEnd::Cut => {
                    open_ended = true;
                    break;
                }
            }
            if c.class != total.class {
                // Another unit: the list has ended, but what came before may not be all of it.
                open_ended = true;
                break;
            }
            if c.approx {
                // An approximate figure (`200余条`, `1.2万条`) in the list: it cannot be checked.
                kept.clear();
                break;
            }
            static CHANNELS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
                aho_corasick::AhoCorasick::new(CHANNEL_WORDS).expect("fixed words")
            });
            let channel = CHANNELS.is_match(gap);
            if kept.is_empty() {
                channel_list = channel;
            } else if channel && !channel_list {
                break;
            }
            kept.push(c);
            prev_end = c.whole.end - sentence.start;
            if s[prev_end..].starts_with('等') {
                open_ended = true;
                break;
            }
        }
        let items = kept;
        if items.len() < 2 {
            continue;
        }
        let mut sum = 0;
        let mut matched = false;
        for (i, c) in items.iter().enumerate() {
            sum += c.value;
            if i >= 1
                && candidates
                    .iter()
                    .any(|t| t.value == sum && t.class == total.class)
            {
                matched = true;
                break;
            }
        }
        if matched {
            continue;
        }
        let full: i64 = items.iter().map(|c| c.value).sum();
        let mut prev = sentence.start + list_start;
        let mut catch_all = false;
        for c in &items {
            let name = &text[prev.min(c.span.start)..c.span.start];
            if name.contains("其他") || name.contains("其它") {
                catch_all = true;
            }
            prev = c.whole.end;
        }
        let exhaustive = !open_ended && (kind == Kind::Content || catch_all);
        let max = candidates
            .iter()
            .map(|c| c.value)
            .max()
            .unwrap_or(total.value);
        let terms = items
            .iter()
            .map(|c| c.value.to_string())
            .collect::<Vec<_>>()
            .join("+");
        let unit = &text[total.span.end..total.whole.end].trim();
        let d = if exhaustive {
            Diagnostic::error(
                total.span,
                format!(
                    "各分项之和 {terms} = {full}，与总数{}{unit}不符",
                    total.value
                ),
            )
        } else if full > max && kind != Kind::Content {
            Diagnostic::error(
                total.span,
                format!("分项之和 {terms} = {full}，超过总数{}{unit}", total.value),
            )
        } else {
            continue;
        };
        let mut d = d
            .with_span_label(format!("总数：{}", total.value))
            .with_help("总数应等于其分项之和；约数（如“200余条”）不作核对");
        for c in &items {
            d = d.with_label(c.whole, "分项");
        }
        ctx.report(d);
    }
}

/// Where `其中` starts in `s`, ascending: `s.match_indices("其中")`, whose searcher cost more to
/// build than searching a sentence. `中`'s last byte is found with memchr and the five bytes
/// before it compared (`其中` cannot overlap itself: its first character is not its last).
fn qizhong(s: &str) -> impl Iterator<Item = usize> + '_ {
    const W: &[u8] = "其中".as_bytes();
    let b = s.as_bytes();
    memchr::memchr_iter(W[5], b)
        .filter(move |&i| i >= 5 && b[i - 5..=i] == *W)
        .map(|i| i - 5)
}

/// Whether `s` holds at least `n` runs of digits (ASCII or full-width).
///
/// Read a character at a time by its first byte, which also gives its length: a full-width
/// digit is `EF BC 90` to `EF BC 99`. Most characters are CJK ideographs and punctuation, three
/// bytes long and first bytes `E0` to `EE`, which start no digit: one test steps over them.
fn has_number_runs(s: &str, n: usize) -> bool {
    if n == 0 {
        return true;
    }
    let b = s.as_bytes();
    let (mut runs, mut in_run) = (0, false);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.wrapping_sub(0xe0) < 15 {
            i += 3;
            in_run = false;
            continue;
        }
        let digit = if c < 0x80 {
            i += 1;
            c.is_ascii_digit()
        } else if c < 0xe0 {
            i += 2;
            false
        } else if c < 0xf0 {
            let fw = c == 0xef && b[i + 1] == 0xbc && matches!(b[i + 2], 0x90..=0x99);
            i += 3;
            fw
        } else {
            i += 4;
            false
        };
        if digit && !in_run {
            runs += 1;
            if runs >= n {
                return true;
            }
        }
        in_run = digit;
    }
    false
}

/// The depth of parentheses (`（`, `(`) at the bytes of a sentence and at its end: at a
/// parenthesis itself, the depth before it; every byte of a character has the depth of its
/// first byte.
///
/// Kept as the places where the depth changes (after each parenthesis), not as a depth for every
/// byte: filling in a vector four times the sentence's length cost more than the rule's other
/// per-sentence work, and a sentence holds few parentheses.
struct Depths {
    /// Where each parenthesis ends, ascending, and the depth from there on.
    changes: Vec<(usize, u32)>,
}

impl Depths {
    /// The parentheses are found by searching for their first bytes (`（` is `EF BC 88`, `）`
    /// `EF BC 89`).
    fn new(s: &str) -> Depths {
        let b = s.as_bytes();
        let mut changes = Vec::new();
        let mut d = 0u32;
        for i in memchr::memchr3_iter(b'(', b')', 0xef, b) {
            let (open, len) = match (b[i], b.get(i + 1..i + 3)) {
                (b'(', _) => (true, 1),
                (b')', _) => (false, 1),
                (_, Some([0xbc, 0x88])) => (true, 3),
                (_, Some([0xbc, 0x89])) => (false, 3),
                _ => continue,
            };
            d = if open { d + 1 } else { d.saturating_sub(1) };
            changes.push((i + len, d));
        }
        Depths { changes }
    }

    /// The depth at byte `i`.
    fn at(&self, i: usize) -> u32 {
        match self.changes.partition_point(|&(at, _)| at <= i) {
            0 => 0,
            k => self.changes[k - 1].1,
        }
    }

    /// The first byte in `from..to` at a depth below `depth`.
    fn first_below(&self, from: usize, to: usize, depth: u32) -> Option<usize> {
        if from >= to {
            return None;
        }
        if self.at(from) < depth {
            return Some(from);
        }
        self.changes
            .iter()
            .filter(|&&(at, _)| at > from)
            .take_while(|&&(at, _)| at < to)
            .find(|&&(_, d)| d < depth)
            .map(|&(at, _)| at)
    }
}

/// The depth at every byte of `s` and at its end, as `Depths` tells it.
#[cfg(test)]
fn paren_depths(s: &str) -> Vec<u32> {
    let depths = Depths::new(s);
    (0..=s.len()).map(|i| depths.at(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, flagged};

    static COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(约|近|超过|逾|大约|将近|第)?\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(余|多)?\s*(万|千|百)?\s*(人次|条|篇|件|个|项|份|部|批|次|人|家|场)").unwrap()
    });

    /// [`gap_ends_list`] as it was before it read the gap in one pass over its bytes.
    fn gap_ends_list_reference(gap: &str, colon_list: bool) -> ListEnd {
        if gap.contains(['。', '！', '？', '\n', '\r']) {
            return ListEnd::Ends;
        }
        let mut end = ListEnd::Goes;
        if !colon_list && gap.contains(['；', ';']) {
            end = ListEnd::Cut;
        }
        // `（二）`, `(二)` and `2.加强` start another part of the text.
        for (i, c) in gap.char_indices() {
            if matches!(c, '（' | '(') {
                let rest = &gap[i + c.len_utf8()..];
                let inner = rest
                    .chars()
                    .take_while(|c| "一二三四五六七八九十".contains(*c))
                    .count();
                if inner > 0
                    && rest
                        .chars()
                        .nth(inner)
                        .is_some_and(|c| matches!(c, '）' | ')'))
                {
                    return ListEnd::Ends;
                }
            }
            if c.is_ascii_digit() {
                let rest = &gap[i..];
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                let after = rest[digits..].chars().next();
                let next = rest[digits..].chars().nth(1);
                let start_of_run = gap[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_ascii_digit());
                if start_of_run
                    && matches!(after, Some('.' | '、' | '．'))
                    && next.is_some_and(|n| ('\u{4e00}'..='\u{9fff}').contains(&n))
                {
                    return ListEnd::Ends;
                }
            }
            if matches!(c, '%' | '％') {
                let before = gap[..i].trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
                if !(before.ends_with('占') || before.ends_with("占比")) {
                    end = ListEnd::Cut;
                }
            }
        }
        end
    }

    #[test]
    fn gap_ends_list_agrees_with_its_reference() {
        let pieces = [
            "。", "！", "？", "\n", "\r", "；", ";", "（", "(", "）", ")", "二", "十", "一二", "2",
            "12", ".", "．", "、", "加强", "%", "％", "占", "占比", "，", "条", "é", "𠀀", " ",
            "其中", "微信", "\u{3000}", "5.5",
        ];
        let mut next = reportlint_core::testing::lcg(99u64);
        for _ in 0..20000 {
            let gap: String = (0..next(7)).map(|_| pieces[next(pieces.len())]).collect();
            for colon_list in [false, true] {
                assert_eq!(
                    gap_ends_list(&gap, colon_list),
                    gap_ends_list_reference(&gap, colon_list),
                    "{gap:?} {colon_list}"
                );
            }
        }
    }

    #[test]
    fn qizhong_is_found_where_match_indices_finds_it() {
        for t in [
            "",
            "其中",
            "其中其中",
            "共1条，其中2条、3条其中",
            "其其中中",
            "中其中",
            "其",
            "a其中b（其中）",
            "甲中乙其丙",
        ] {
            let found: Vec<usize> = qizhong(t).collect();
            let expected: Vec<usize> = t.match_indices("其中").map(|(i, _)| i).collect();
            assert_eq!(found, expected, "{t:?}");
        }
    }

    #[test]
    fn count_matches_agree_with_the_pattern() {
        let pieces = [
            "约", "近", "超过", "逾", "大约", "将近", "第", "大", "将", "超", "过", " ",
            "\u{3000}", "\t", "\n", "1", "23", "０", "９", "4５", ".", "．", "余", "多", "万",
            "千", "百", "人次", "人", "次", "条", "篇", "件", "个", "项", "份", "部", "批", "家",
            "场", "，", "x", "其中", "（", "）", "共", "\u{85}", "\u{ff1a}", "\u{ff0f}", "\u{a0}",
            "\u{1680}", "\u{2028}", "\u{205f}", "\u{2002}", "\u{200b}", "\u{feff}", "\u{3001}",
        ];
        let mut random = reportlint_core::testing::xorshift(0x2545_f491_4f6c_dd1d_u64);
        let mut next = |n: usize| (random() % n as u64) as usize;
        let mut texts = vec![
            "约 12条、近3 余 万人次，超过1.5万件，逾２０ 多 篇、大约7个，将近8 项，第3次，\
             12.件，０．５千份，4 部 5批6家7场，8人9次"
                .to_owned(),
            "1.2.3条，1..2条 .5条 大约 约5人 余5人".to_owned(),
        ];
        for _ in 0..50_000 {
            let len = next(16);
            texts.push((0..len).map(|_| pieces[next(pieces.len())]).collect());
        }
        for text in &texts {
            let by_hand: Vec<_> = CountMatches { s: text, pos: 0 }.collect();
            let by_regex: Vec<_> = COUNT.find_iter(text).map(|m| m.range()).collect();
            let ranges: Vec<_> = by_hand.iter().map(|(m, _)| m.clone()).collect();
            assert_eq!(ranges, by_regex, "{text:?}");
            for (m, parts) in by_hand {
                assert_eq!(parts, CountParts::of(&text[m]), "{text:?}");
            }
        }
    }

    #[test]
    fn count_parts_agree_with_the_pattern_groups() {
        let text = "约 12条、近3 余 万人次，超过1.5万件，逾２０ 多 篇、大约7个，将近8 项，第3次，\
                    12.件，０．５千份，4 部 5批6家7场，8人9次";
        for c in COUNT.captures_iter(text) {
            let m = c.get(0).unwrap();
            let parts = CountParts::of(m.as_str());
            let num = c.get(2).unwrap();
            assert_eq!(
                parts.prefix,
                c.get(1).map(|p| p.as_str()),
                "{:?}",
                m.as_str()
            );
            assert_eq!(
                parts.number,
                num.start() - m.start()..num.end() - m.start(),
                "{:?}",
                m.as_str()
            );
            assert_eq!(parts.more, c.get(3).is_some(), "{:?}", m.as_str());
            assert_eq!(parts.magnitude, c.get(4).is_some(), "{:?}", m.as_str());
            assert_eq!(parts.unit, &c[5], "{:?}", m.as_str());
        }
        // `12.件` is no count: a dot must be followed by digits.
        assert_eq!(COUNT.find_iter(text).count(), 14);
    }

    const SCANNED: &[&str] = &[
        "",
        "1",
        "12",
        "1a2b3",
        "１２３",
        "1２3",
        "共1条，其中2条、3条",
        "１，２，３",
        "（1（2）3）)4(",
        "）)）(",
        "((((()",
        "a（b）c(d)e",
        "𠀀1𠀀2𠀀3",
        "٣٣ ٣",
        "\u{ff10}\u{ff19}\u{ff1a}0",
        "公开政府信息597篇，其中通过微信公众号发布526条（含转发12条），通过政府网站发布80条。",
    ];

    #[test]
    fn byte_scans_agree_with_walks_over_the_chars() {
        for s in SCANNED {
            // number runs, a character at a time
            let mut runs = 0;
            let mut in_run = false;
            for c in s.chars() {
                let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
                if digit && !in_run {
                    runs += 1;
                }
                in_run = digit;
            }
            for n in 0..6 {
                assert_eq!(has_number_runs(s, n), runs >= n, "{s:?} {n}");
            }
            // paren depths, a character at a time
            let mut depth_at = Vec::new();
            let mut d = 0u32;
            for c in s.chars() {
                let here = d;
                match c {
                    '（' | '(' => d += 1,
                    '）' | ')' => d = d.saturating_sub(1),
                    _ => {}
                }
                for _ in 0..c.len_utf8() {
                    depth_at.push(here);
                }
            }
            depth_at.push(d);
            assert_eq!(paren_depths(s), depth_at, "{s:?}");
        }
    }

    #[test]
    fn the_first_byte_below_a_depth_agrees_with_the_depths() {
        for s in SCANNED {
            let depths = Depths::new(s);
            let all = paren_depths(s);
            for from in 0..=s.len() {
                for depth in 0..4 {
                    let walked = all[from..s.len()]
                        .iter()
                        .position(|&d| d < depth)
                        .map(|i| from + i);
                    assert_eq!(
                        depths.first_below(from, s.len(), depth),
                        walked,
                        "{s:?} {from} {depth}"
                    );
                }
            }
        }
    }

    #[test]
    fn searching_outside_the_tables_finds_the_sentences_looked_at() {
        let text = "共1条，其中2条（3条）。\n规章\t0（一）\n其中\t1\n从内容看，按类别分别为\n(甲)乙。\n表（二）\t3\n末尾其中";
        let sentences = Sentences::new(text);
        let all = sentences.all();
        let last = all.len() - 1;
        let markers = packed::Searcher::new(["其中", "（", "从", "按", "分别"]).unwrap();
        let line = |n: usize| {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            starts[n.min(starts.len() - 1)]
        };
        let regions_sets: Vec<Vec<Span>> = vec![
            vec![],
            vec![Span::new(line(1), line(3))],
            vec![Span::new(line(1), line(3) - 1)],
            vec![Span::new(line(1) + 3, line(4))],
            vec![Span::new(line(3), text.len())],
            vec![Span::new(0, text.len())],
            vec![Span::new(line(5), line(6)), Span::new(line(1), line(2))],
            vec![Span::new(line(1), line(4)), Span::new(line(2), line(5))],
        ];
        for regions in regions_sets {
            let looked_at = |marked: Vec<usize>| -> Vec<usize> {
                marked
                    .into_iter()
                    .filter(|&i| i == last || !regions.iter().any(|r| r.covers(all[i].span)))
                    .collect()
            };
            let mut whole = sentences.holding(markers.find_iter(text).map(|m| m.start()));
            whole.extend(sentences.holding(memchr::memchr_iter(b'(', text.as_bytes())));
            whole.sort_unstable();
            whole.dedup();
            let bytes = text.as_bytes();
            let searched = outside_tables(all, &regions, text.len());
            let mut parts = sentences.holding(searched.iter().flat_map(|p| {
                markers
                    .find_iter(&bytes[p.range()])
                    .map(move |m| p.start + m.start())
            }));
            parts.extend(sentences.holding(searched.iter().flat_map(|p| {
                memchr::memchr_iter(b'(', &bytes[p.range()]).map(move |i| p.start + i)
            })));
            parts.sort_unstable();
            parts.dedup();
            assert_eq!(looked_at(parts), looked_at(whole), "{regions:?}");
        }
    }

    #[test]
    fn skipping_to_the_sentence_end_marks_the_same_sentences() {
        let markers = packed::Searcher::new(["其中", "（", "从", "按", "分别"]).unwrap();
        for text in [
            "共1条，其中2条（3条）其中从按。\n规章\t0（一）\n其中\t1\n从内容看，按类别分别为\n(甲)乙。\n表（二）\t3\n末尾其中",
            "",
            "其中",
            "其中。其中其中！（\n（（。分别",
            "甲。乙\n丙",
        ] {
            let sentences = Sentences::new(text);
            let all = sentences.all();
            let bytes = text.as_bytes();
            let regions_sets = vec![
                vec![],
                vec![Span::new(0, text.len())],
                vec![Span::new(0, text.len() / 2)],
                vec![Span::new(text.len() / 3, text.len())],
            ];
            for regions in regions_sets {
                let searched = outside_tables(all, &regions, text.len());
                let walked = sentences.holding(searched.iter().flat_map(|p| {
                    markers
                        .find_iter(&bytes[p.range()])
                        .map(move |m| p.start + m.start())
                }));
                assert_eq!(
                    marked_sentences(&sentences, bytes, &searched, &markers),
                    walked,
                    "{text:?} {regions:?}"
                );
            }
        }
    }

    fn wrap(s: &str) -> String {
        format!("一、总体情况\n{s}\n二、主动公开政府信息情况\n")
    }

    #[test]
    fn breakdowns_that_add_up_pass() {
        for s in [
            // 000: 597 = 526 + 71; 71 = 4+3+11+30+2+5+11+5
            "本年度，威海市文登区宋村镇人民政府通过各类媒体渠道公开政府信息597篇，其中通过“历史风韵 文化宋村”微信公众号发布消息526条，总阅读量50万；通过威海市文登区人民政府网站发布动态政务信息71条，从内容分类看，公示公告4条，机构职能3条，人事信息11条，工作动态30条，政策文件2条，政策解读5条，重点领域信息公开11条，政务公开组织推进5条。",
            // 003: 329 = 235+35+59; 59 = 4+36+3+5+5+3+3
            "2021年度通过各类渠道公开政府信息329条，其中通过“花饽饽小镇”微信公众号发布消息235条，在文登大众、各级电视台、文登发布等新媒体发表报道35篇，通过威海市文登区人民政府网站发布动态政务信息59篇，从内容分类看，机构职能4条，工作动态36条，政策文件3条，政策解读5条，重点领域信息公开5条，政务公开组织推进3条，执行公开3条。",
            // the content breakdown breaks down the last item …
            "共发布549条，其中微信公众号478条，政府网站71条，从内容分类看，政务动态40条，通知公告31条。",
            // … or the total
            "共发布549条，其中微信公众号478条，政府网站71条，从内容分类看，政务动态300条，通知公告249条。",
            // the other order
            "共发布549条，从内容分类看，政务动态300条，通知公告249条，其中微信公众号478条，政府网站71条。",
            // a nested breakdown in parentheses, and one in parentheses after the total
            "今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、“三公”经费27条、债券发行4条。",
            "公开工作信息1261条(其中:网站390条、微信公众号871条)。",
            // the list goes on to other figures
            "办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。",
            // a part, not a partition
            "规范性文件栏目共公开文件46件,其中失效4件,废止2件。",
            // approximate figures are never summed
            "共发布信息300条，其中网站200余条，微信公众号120条。",
            // other units are left out
            "共发布信息30条，其中网站20条，浏览2万余次，微信公众号10条。",
        ] {
            let text = wrap(s);
            let d = check(&InlineSums, &text);
            assert!(d.is_empty(), "{s}\n{:?}", d.iter().map(|d| &d.message).collect::<Vec<_>>());
        }
    }

    /// Issue 13: where a list ends. Each of these was summed past its end before.
    #[test]
    fn lists_stop_where_they_end() {
        for s in [
            // `等`: the list is not complete.
            "全年主动公开政府信息171条，从内容看，基层政务公开领域信息124条，工作动态34条等。",
            "共公开政府信息350条，分别为机构职能10条、政策文件40条、工作动态200条等。",
            "通过门户网站发布信息120条，从内容分类看，政策文件30条、工作动态50条等。",
            "公开财政信息86条，按类别分，预算信息12条，决算信息8条，三公经费信息40条等，均按时公开。",
            "共发布信息95条，从发布内容看，通知公告20条，人事信息5条，政策解读30条等内容。",
            // `；`: the next clause counts something else.
            "主动公开信息200条，其中网站发布120条；微信公众号发布150条。",
            "办理人大代表建议15件，其中主办10件；办理政协提案12件，其中主办9件。",
            "全年受理行政复议申请6件，其中维持4件；提起行政诉讼3件。",
            "共收到申请20件，其中网上申请8件；办结申请21件，其中上年结转5件。",
            "公开规范性文件30件，其中新制定12件；清理规范性文件45件。",
            // another unit: 个, 件 against 条, 份, 万
            "共公开信息50条，其中规范性文件30件、涉及部门60个。",
            "全年更新专栏信息40条，其中政策文件25条、涉及45个事项。",
            "全年公开政府信息150条，其中通过网站公开100条、设立公开栏5个、发放宣传资料60份。",
            "发布政策解读20篇，其中图文解读15篇，阅读量1.2万次，视频解读8个。",
            "共受理申请12件，其中当面申请4件，涉及信息30条，网上申请10件。",
            // a percentage that is not the item's share
            "共公开信息100条，其中网站发布60条，同比增长10%，增加15条，微信公众号40条。",
            "主动公开信息300条，其中政策文件100条，较上年增长25％，新增50条。",
            "共办结申请40件，其中予以公开30件，公开率75%，较上年多10件。",
            "共发布信息500条，其中网站280条，增幅12.5%，较去年增加80条，公众号200条。",
            "公开信息260条，其中工作动态150条，提高20%，多出50条，通知公告100条。",
            // a new channel after content items
            "共发布信息100条，其中政策文件40条，工作动态50条，通过微信公众号推送信息150条。",
            "公开信息60条，其中通知公告20条，工作动态30条，通过政务微博发布信息80条。",
            "共发布信息90条，其中政策解读20条，人事信息30条，在抖音平台发布短视频45条。",
            "全年公开信息70条，其中机构职能5条，工作动态50条，政府网站转载信息40条。",
            "共发布信息45条，其中预决算10条，工作动态20条，依托公开栏张贴信息30条。",
            // the next sentence, and the next numbered part, are never added
            "共发布信息30条，其中网站10条，微信公众号15条。2.加强平台建设，新建专栏20条。",
            "共发布信息30条，其中网站10条，微信公众号15条（二）依申请公开情况受理申请20条。",
        ] {
            let text = wrap(s).replace('\n', "\r\n");
            let d = check(&InlineSums, &text);
            assert!(d.is_empty(), "{s}\n{:?}", d.iter().map(|d| &d.message).collect::<Vec<_>>());
        }
        // The lists still count what they hold.
        for (s, flag) in [
            ("主动公开信息200条，其中网站发布150条，微信公众号发布80条；办结申请3件。", "200"),
            ("全年公开政府信息150条，其中通过网站公开100条，通过公开栏公开70条，发放宣传资料60份。", "150"),
            ("通过政府网站发布信息71条，从内容分类看，公示公告40条，工作动态30条，通过微信公众号发布信息200条。", "71"),
            ("办结依申请公开81件，其中：予以公开42件，占51.85%；不予公开50件，占61.7%。", "81"),
        ] {
            let text = wrap(s);
            let d = check(&InlineSums, &text);
            assert_eq!(flagged(&text, &d), [flag], "{s}");
        }
    }

    #[test]
    fn breakdowns_that_do_not_add_up_fail() {
        let text = wrap("本年度通过各类媒体渠道公开政府信息597篇，其中通过微信公众号发布消息526条，通过政府网站发布动态政务信息80条。");
        let d = check(&InlineSums, &text);
        assert_eq!(flagged(&text, &d), ["597"]);
        assert_eq!(d[0].message, "分项之和 526+80 = 606，超过总数597篇");

        // the content breakdown matches neither the 71 nor the 549
        let text = wrap("共发布549条，其中微信公众号478条，政府网站71条，从内容分类看，政务动态40条，通知公告30条。");
        let d = check(&InlineSums, &text);
        assert_eq!(flagged(&text, &d), ["71"]);
        assert_eq!(d[0].message, "各分项之和 40+30 = 70，与总数71条不符");

        // a catch-all item says the list is complete
        let text = wrap("共公布政府信息2599条，(其中机构职能类信息25条，规划计划类信息28条，其他应主动公开政府信息856条)。");
        let d = check(&InlineSums, &text);
        assert_eq!(flagged(&text, &d), ["2599"]);
    }
}
