use std::sync::LazyLock;

use reportlint_core::document::classify_title;
use reportlint_core::memchr::memmem;
use reportlint_core::prelude::*;
use reportlint_core::regex::Regex;
use reportlint_core::text::{cn_numeral_value, is_heading_numeral, is_space, parse_uint};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 开头列举报告组成部分的句子（`本报告由总体情况、…、其他需要报告的事项等六部分组成`、
    /// `报告包括…等6个部分`、`本报告共分6个部分：…`）应前后一致，并与报告的标题一致：
    ///
    /// - 所说的部分数（`六部分`、`6个部分`、`四大部分`）等于实际列出的部分数（末尾提到的统计表或附表
    ///   计入与否均可）；
    /// - 没有重复列出的部分；
    /// - 报告中找到的每个部分标题都在列举之中。
    ///
    /// 列举的名称用识别部分标题的同一方法来读，所以 `政府信息公开行政复议、行政诉讼情况` 是一个部分，
    /// `…改进情况和其他需要报告的事项` 是两个部分；旧格式的部分（`概述`、`收费及减免情况`、`统计表`）
    /// 也算部分：2019年以前列举七个部分的报告，按它自己的标题判断，而不是按2021年格式的六个部分。
    ///
    /// ## 为什么重要（Why it matters）
    /// 这段列举就是读者看到的目录。说六个部分却只列五个，或漏列报告里有的部分，说明开头是照抄的或没有
    /// 复核。实际报告中就有这类问题：某区统计局2023年报称“由…等六部分组成”，却只列了五部分；
    /// 鄂尔多斯市生态环境局2020年报称报告由四部分组成。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 报告包括总体情况，主动公开政府信息情况，收到和处理政府信息公开申请情况，政府信息公开行政复议、行政诉讼情况，存在的主要问题及改进情况等6个部分。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等6个部分。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 列举是否符合2021年格式（六个部分、模板名称）：标题本身由 `structure/required-sections` 检查，
    /// 列举了却找不到标题的部分也交给它（文本可能被截断）。列举的顺序。列举中含有无法识别为部分名称的，
    /// 只检查重复。只读第二部分标题之前的文字（开头和第一部分），别处的列举看不到。
    pub struct PartsList {
        id: "structure/parts-list",
        summary: "开头所列的报告组成部分应与所述部分数和正文标题一致",
        severity: Warning,
        fix: None,
    }
}

/// The count of parts: `六部分`, `6个部分`, `四大部分`, or `部分组成` without a number.
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?P<n>[一二三四五六七八九十两0-9０-９]{1,2})[ \u3000]*(?:个|大)?[ \u3000]*部分|部分(?:组成|构成))").unwrap()
});

/// The `n` group of a match of COUNT, relative to the match, read off the match (a capture
/// search cost more than the rest of the rule): the numerals it starts with, when it starts with
/// one (the other alternative starts with `部分`, and none of the numerals is a space, `个`,
/// `大` or `部`, so the leftmost match's numerals are all those before them, one or two).
fn count_group(m: &str) -> Option<std::ops::Range<usize>> {
    let is_numeral = |c: char| "一二三四五六七八九十两0123456789０１２３４５６７８９".contains(c);
    let len: usize = m
        .chars()
        .take_while(|&c| is_numeral(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then_some(0..len)
}

/// The full stop that ends the sentence holding the count.
const STOP: &str = "。";
static STOP_FORWARD: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(STOP));
static STOP_BACK: LazyLock<memmem::FinderRev<'static>> =
    LazyLock::new(|| memmem::FinderRev::new(STOP));

/// Words that introduce the list.
const TRIGGERS: [&str; 8] = [
    "由",
    "包括",
    "包含",
    "分为",
    "分成",
    "共分",
    "涵盖",
    "主要有",
];

/// Where the last of the [`TRIGGERS`] in `text` ends.
///
/// The text is walked back a character at a time, and only a trigger's last character is
/// looked at further: eight reverse substring searches over the text (`str::rfind` builds a
/// two-way searcher each time) cost several times more, as the sentence before the count is
/// often long.
fn last_trigger_end(text: &str) -> Option<usize> {
    text.char_indices().rev().find_map(|(i, c)| {
        let end = i + c.len_utf8();
        (matches!(c, '由' | '括' | '含' | '为' | '成' | '分' | '盖' | '有')
            && TRIGGERS.iter().any(|t| text[..end].ends_with(t)))
        .then_some(end)
    })
}

/// One part named in the list.
#[derive(Debug, Clone)]
struct Item {
    span: Span,
    kind: Option<SectionKind>,
    /// A part of the old content list that no 2021 section matches (收费及减免, 咨询).
    old_part: bool,
    /// A statistics table or annex named as a part.
    table: bool,
}

impl Item {
    fn new(text: &str, span: Span) -> Item {
        let t = &text[span.range()];
        let mut kind = classify_title(t).map(|(k, _)| k);
        if kind.is_none() && t.contains("依申请公开") {
            kind = Some(SectionKind::Requests);
        }
        let table = kind.is_none() && (t.contains("统计表") || t.contains("附表"));
        let old_part = kind.is_none() && ["收费", "减免", "咨询"].iter().any(|w| t.contains(w));
        Item {
            span,
            kind,
            old_part,
            table,
        }
    }

    fn recognised(&self) -> bool {
        self.kind.is_some() || self.old_part || self.table
    }
}

impl Rule for PartsList {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let text = doc.text();
        let end = doc
            .sections()
            .iter()
            .find(|s| s.kind != SectionKind::Overview)
            .map_or(text.len(), |s| s.heading.span.start);
        let region = &text[..end];
        // Only sentences with `N部分`, `N个部分`, `N大部分` or `部分组成` are read: one search
        // for 部分 over the region, and a look at its neighbours (`部分公开` is turned away
        // without a regex).
        let mut done_until = 0;
        for at in memmem::find_iter(region.as_bytes(), "部分".as_bytes()) {
            if at < done_until || !counts_parts(region, at) {
                continue;
            }
            // Searchers built once (`memmem::rfind` builds one per call, which costs more than
            // the search) rather than `str::rfind('。')`, whose char searcher stops at every
            // 0x82 byte (the last of `。`, and of one Han character in 64).
            let bytes = region.as_bytes();
            let start = STOP_BACK.rfind(&bytes[..at]).map_or(0, |i| i + STOP.len());
            let stop = STOP_FORWARD.find(&bytes[at..]).map_or(end, |i| at + i);
            done_until = stop;
            if let Some(list) = find_list(text, Span::new(start, stop)) {
                check_list(ctx, doc, &list);
            }
        }
    }
}

/// Whether the 部分 at `at` counts the report's parts: a number, 个 or 大 before it, or 组成 /
/// 构成 after it.
fn counts_parts(text: &str, at: usize) -> bool {
    let after = &text[at + "部分".len()..];
    if after.starts_with("组成") || after.starts_with("构成") {
        return true;
    }
    text[..at].chars().next_back().is_some_and(|c| {
        matches!(c, '个' | '大' | '两' | '0'..='9' | '０'..='９') || is_heading_numeral(c)
    })
}

/// A list of parts found in a sentence.
struct List {
    items: Vec<Item>,
    /// Where the items are written.
    span: Span,
    /// The number stated, and where.
    count: Option<(u32, Span)>,
}

fn find_list(text: &str, sentence: Span) -> Option<List> {
    let s = &text[sentence.range()];
    for m in COUNT.find_iter(s) {
        let count = count_group(m.as_str()).and_then(|n| {
            let n = m.start() + n.start..m.start() + n.end;
            let v = cn_numeral_value(&s[n.clone()])
                .or_else(|| parse_uint(&s[n.clone()]).map(|v| v as u32))?;
            Some((v, sentence.sub(n.start, n.end)))
        });
        // `共分6个部分：A、B…`: the list follows a colon.
        let after = &s[m.end()..];
        let after = after
            .strip_prefix("组成")
            .or_else(|| after.strip_prefix("内容"))
            .unwrap_or(after);
        let before = s[..m.start()].trim_end_matches(|c: char| is_space(c) || c == '共');
        if count.is_some() && TRIGGERS.iter().any(|t| before.ends_with(t)) {
            if let Some(rest) = after.strip_prefix(['：', ':']) {
                let start = sentence.end - rest.len();
                let list = Span::new(start, sentence.end);
                if let Some(l) = list_items(text, list, count) {
                    return Some(l);
                }
            }
        }
        // `由A、B…等六部分组成`: the list runs from the last trigger word to the count.
        let Some(t_end) = last_trigger_end(before) else {
            continue;
        };
        let mut list_end = before.len();
        for tail in ["等", "共", "计", "合计", "总计", "共计", "在内"] {
            if let Some(b) = s[t_end..list_end].strip_suffix(tail) {
                list_end = t_end + b.trim_end_matches(is_space).len();
            }
        }
        if list_end <= t_end {
            continue;
        }
        let list = Span::new(sentence.start + t_end, sentence.start + list_end);
        if let Some(l) = list_items(text, list, count) {
            return Some(l);
        }
    }
    None
}

/// Separators between the names of a list.
fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '／')
}

/// The parts named in `list`, or `None` when it does not read as a list of parts (fewer than
/// two names of sections).
///
/// Reports copy the template's sentence, so the items of a list text are remembered per thread
/// (relative to the list's start): reading the names classifies each several times.
fn list_items(text: &str, list: Span, count: Option<(u32, Span)>) -> Option<List> {
    /// Lists remembered per thread at most: past that the memo starts afresh.
    const CAP: usize = 256;
    type Items = Option<Vec<Item>>;
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, Items>> =
            std::cell::RefCell::default();
    }
    let key = &text[list.range()];
    let items = MEMO.with_borrow_mut(|memo| {
        if let Some(found) = memo.get(key) {
            return found.clone();
        }
        let found = read_items(key, Span::new(0, key.len()));
        if memo.len() >= CAP {
            memo.clear();
        }
        memo.insert(key.into(), found.clone());
        found
    })?;
    let shift = |s: Span| Span::new(s.start + list.start, s.end + list.start);
    Some(List {
        items: items
            .into_iter()
            .map(|i| Item {
                span: shift(i.span),
                ..i
            })
            .collect(),
        span: list,
        count,
    })
}

/// The items of `list` inside `text`, or `None` when it is no list of parts.
fn read_items(text: &str, list: Span) -> Option<Vec<Item>> {
    let l = &text[list.range()];
    let mut raw = Vec::new();
    let mut start = 0;
    for (i, c) in l.char_indices().chain(std::iter::once((l.len(), '、'))) {
        if is_separator(c) {
            if let Some(span) = trimmed(text, list.sub(start, i)) {
                raw.push(span);
            }
            start = i + c.len_utf8();
        }
    }
    // Names run together (`总体情况主动公开政府信息情况`, `…改进情况和其他需要报告的事项`)
    // are cut where both halves name different sections.
    let mut items: Vec<Item> = Vec::new();
    for span in raw {
        split_into(text, span, &mut items);
    }
    // `行政复议、行政诉讼情况`, `行政复议、行政诉讼、举报投诉情况`: one part with 、 inside.
    let mut merged: Vec<Item> = Vec::new();
    for item in items {
        if let Some(prev) = merged.last_mut() {
            let t = &text[item.span.range()];
            let p = &text[prev.span.range()];
            let piece = ["复议", "诉讼", "举报", "投诉", "申诉"]
                .iter()
                .any(|w| t.contains(w));
            if !item.recognised()
                && piece
                && (p.contains("复议") || p.contains("诉讼"))
                && matches!(prev.kind, None | Some(SectionKind::Appeals))
            {
                *prev = Item::new(text, prev.span.cover(item.span));
                continue;
            }
        }
        merged.push(item);
    }
    let kinds = merged.iter().filter(|i| i.kind.is_some()).count();
    if merged.len() < 2 || kinds < 2 {
        return None;
    }
    Some(merged)
}

/// `span` without spaces, line breaks and leading conjunctions; `None` when nothing is left.
fn trimmed(text: &str, span: Span) -> Option<Span> {
    let mut s = span;
    loop {
        let t = &text[s.range()];
        let t2 = t.trim_matches(|c: char| is_space(c) || c == '\u{200b}');
        let lead = t.len()
            - t.trim_start_matches(|c: char| is_space(c) || c == '\u{200b}')
                .len();
        s = Span::new(s.start + lead, s.start + lead + t2.len());
        let t = &text[s.range()];
        match ["以及", "及", "和", "与", "还有"]
            .iter()
            .find(|w| t.starts_with(**w) && t.len() > w.len())
        {
            Some(w) => s = Span::new(s.start + w.len(), s.end),
            None => break,
        }
    }
    let t = &text[s.range()];
    let t2 = t.strip_suffix('等').unwrap_or(t);
    s = Span::new(s.start, s.start + t2.len());
    (!s.is_empty()).then_some(s)
}

/// Pushes the parts of `span`, cut where two section names run together.
fn split_into(text: &str, span: Span, out: &mut Vec<Item>) {
    let whole = Item::new(text, span);
    let t = &text[span.range()];
    // One name ends once (`…情况`); two names run together end twice.
    let endings: usize = ["情况", "概述", "事项", "措施", "统计表", "附表"]
        .iter()
        .map(|w| t.matches(w).count())
        .sum();
    if endings < 2 {
        out.push(whole);
        return;
    }
    // Cut points: after 情况/概述/事项/措施, and around 和/及/以及/与.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for w in ["情况", "概述", "事项", "措施"] {
        for (i, _) in t.match_indices(w) {
            let e = i + w.len();
            if e < t.len() {
                cuts.push((e, e));
            }
        }
    }
    for w in ["以及", "和", "及", "与"] {
        for (i, _) in t.match_indices(w) {
            if i > 0 && i + w.len() < t.len() {
                cuts.push((i, i + w.len()));
            }
        }
    }
    cuts.sort();
    for (l_end, r_start) in cuts {
        let left = Item::new(text, Span::new(span.start, span.start + l_end));
        let right = Item::new(text, Span::new(span.start + r_start, span.end));
        let cut = match (left.kind, right.kind) {
            (Some(a), Some(b)) => a.number() < b.number(),
            // `…改进情况和政府信息公开情况统计表`
            (Some(_), None) => right.table,
            _ => false,
        };
        if cut {
            out.push(left);
            split_into(text, right.span, out);
            return;
        }
    }
    out.push(whole);
}

fn check_list(ctx: &mut Context<'_>, doc: &Document, list: &List) {
    let text = doc.text();
    let name = |i: &Item| text[i.span.range()].replace(['\n', '\r'], "");
    let all_known = list.items.iter().all(Item::recognised);
    // Sections with a heading in the report that the list leaves out.
    let unlisted: Vec<&Section> = if all_known {
        doc.sections()
            .iter()
            .filter(|s| !list.items.iter().any(|i| i.kind == Some(s.kind)))
            .collect()
    } else {
        Vec::new()
    };
    let unlisted_note = unlisted
        .iter()
        .map(|s| format!("“{}”", doc.slice(s.heading.span)))
        .collect::<Vec<_>>()
        .join("、");
    let m = list.items.len() as u32;
    let tables = list.items.iter().filter(|i| i.table).count() as u32;
    let mut reported = false;
    if let Some((n, at)) = list.count {
        if all_known && n != m && n + tables != m {
            let names = list.items.iter().map(name).collect::<Vec<_>>().join("、");
            let mut msg = format!("开头称报告共{n}个部分，但列出的是{m}个：{names}");
            if !unlisted.is_empty() {
                msg.push_str(&format!("；正文中的{unlisted_note}未列出"));
            }
            ctx.report(
                Diagnostic::warning(at, msg)
                    .with_label(list.span, format!("列出{m}个部分"))
                    .with_help("所述部分数、所列部分名称应与报告正文的各部分一致"),
            );
            reported = true;
        }
    }
    if !reported && !unlisted.is_empty() {
        ctx.report(
            Diagnostic::warning(
                list.span,
                format!("开头所列的报告组成部分中没有正文中的{unlisted_note}"),
            )
            .with_help("所列部分名称应与报告正文的各部分一致"),
        );
    }
    for (i, item) in list.items.iter().enumerate() {
        let Some(kind) = item.kind else { continue };
        if let Some(first) = list.items[..i].iter().find(|p| p.kind == Some(kind)) {
            ctx.report(
                Diagnostic::warning(
                    item.span,
                    format!(
                        "开头所列的报告组成部分重复：“{}”与“{}”都是第{}部分“{}”",
                        name(first),
                        name(item),
                        kind.numeral(),
                        kind.canonical_title()
                    ),
                )
                .with_label(first.span, "前面已列出")
                .with_help("每个部分只列一次"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, flagged, summarize};

    use crate::test_support::GOOD;

    #[test]
    fn the_trigger_walk_agrees_with_a_search_for_each_trigger() {
        // The former reading: the end of each trigger's last place, the greatest of them.
        let former = |t: &str| {
            TRIGGERS
                .iter()
                .filter_map(|w| t.rfind(w).map(|i| i + w.len()))
                .max()
        };
        // Every trigger ends with one of the characters the walk looks at.
        for t in TRIGGERS {
            let last = t.chars().next_back().unwrap();
            assert_eq!(last_trigger_end(t), Some(t.len()), "{t}");
            assert!("由括含为成分盖有".contains(last), "{t}");
        }
        // Strings drawn from the triggers' characters and their neighbours, with full-width
        // and ASCII forms, spaces and line breaks.
        let pieces = [
            "由", "包", "括", "含", "分", "为", "成", "共", "涵", "盖", "主", "要", "有", "部",
            "a", " ", "\r\n", "　", "，", "、", "等", "六", "𠀀",
        ];
        let mut next = reportlint_core::testing::xorshift(0x2545_f491_4f6c_dd1d_u64);
        for _ in 0..20_000 {
            let mut t = String::new();
            let seed = next();
            let len = (seed % 12) as usize;
            for k in 0..len {
                t.push_str(pieces[((seed >> (k * 5)) % pieces.len() as u64) as usize]);
            }
            assert_eq!(last_trigger_end(&t), former(&t), "{t:?}");
        }
    }

    #[test]
    fn counts_read_off_matches_agree_with_the_capture_groups() {
        let texts = [
            "由总体情况等六部分组成",
            "共分6个部分：",
            "四大部分",
            "二十六部分",
            "十 个 部分",
            "１２个部分",
            "部分组成，部分构成",
            "1 2部分",
            "一二三部分",
            "两个大部分",
            "三个 大部分",
            "共 七　部分组成",
            "部分公开",
        ];
        let mut seen = 0;
        for t in texts {
            for c in COUNT.captures_iter(t) {
                let m = c.get(0).unwrap();
                let n = count_group(m.as_str()).map(|n| m.start() + n.start..m.start() + n.end);
                assert_eq!(n, c.name("n").map(|n| n.range()), "{t}");
                seen += 1;
            }
            assert_eq!(COUNT.find_iter(t).count(), COUNT.captures_iter(t).count());
        }
        assert!(seen >= 10, "{seen}");
    }

    fn with_opening(opening: &str) -> String {
        GOOD.replacen('\n', &format!("\n{opening}\n"), 1)
    }

    const SIX: &str = "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项";

    #[test]
    fn agreeing_lists_pass() {
        for opening in [
            format!("本报告由{SIX}等六部分组成。"),
            format!("本报告共分6个部分：{SIX}。"),
            "报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需报告的事项等6个部分。".to_owned(),
            "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开申请行政复议、提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况和其他需要报告的事项等六个部分。".to_owned(),
            "本报告由总体情况主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。".to_owned(),
            "本报告由总体情况，行政机关主动公开政府信息的情况，行政机关收到和处理政府信息公开申请的情况，因政府信息公开工作被申请行政复议、\n提起行政诉讼的情况，政府信息公开工作存在的主要问题及改进情况，其他需要报告的事项共六部分组成。".to_owned(),
            "本报告由总体情况、主动公开政府信息情况，收到和处理依申请公开政府信息情况，政府信息公开相关的行政复议、行政诉讼、举报投诉情况，存在的主要问题和改进措施，其他需要报告的事项等部分组成。".to_owned(),
            format!("本报告由{SIX}，以及相关指标统计附表等六个部分组成。"),
            "予以公开及部分公开42件，占51.85%。".to_owned(),
            format!("本报告共分为六个部分：\r\n{SIX}。"),
        ] {
            let text = with_opening(&opening);
            assert!(check(&PartsList, &text).is_empty(), "{opening}: {:?}", summarize(&text, &check(&PartsList, &text)));
        }
    }

    #[test]
    fn five_listed_six_said() {
        let text = with_opening("报告包括总体情况,主动公开政府信息情况,收到和处理政府信息公开申请情况,因政府信息公开工作被申请行政复议、提起行政诉讼情况,政府信息公开工作存在的主要问题及改进情况等6个部分。");
        let d = check(&PartsList, &text);
        assert_eq!(
            summarize(&text, &d),
            ["warning 2:84 「6」 开头称报告共6个部分，但列出的是5个：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议、提起行政诉讼情况、政府信息公开工作存在的主要问题及改进情况；正文中的“六、其他需要报告的事项”未列出"]
        );
    }

    #[test]
    fn a_remembered_list_points_into_each_report() {
        let opening = "报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况等6个部分。";
        for prefix in ["", "根据《条例》要求编制本报告。", "前言\r\n"] {
            let text = with_opening(&format!("{prefix}{opening}"));
            let d = check(&PartsList, &text);
            assert_eq!(flagged(&text, &d), ["6"], "{prefix}");
            assert_eq!(
                &text[d[0].labels[0].span.range()],
                &opening[12..opening.len() - 16],
                "{prefix}"
            );
        }
    }

    #[test]
    fn six_listed_five_said_and_repeats() {
        let text = with_opening(&format!("本报告由{SIX}五个部分组成。"));
        let d = check(&PartsList, &text);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .starts_with("开头称报告共5个部分，但列出的是6个"),
            "{}",
            d[0].message
        );

        let text = with_opening("本报告由总体情况、主动公开政府信息情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况等六部分组成。");
        let d = check(&PartsList, &text);
        let s = summarize(&text, &d);
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(
            s[0].contains("开头所列的报告组成部分中没有正文中的“六、其他需要报告的事项”"),
            "{s:?}"
        );
        assert!(
            s[1].contains("重复：“主动公开政府信息情况”与“主动公开政府信息情况”都是第二部分"),
            "{s:?}"
        );
    }

    #[test]
    fn old_format_lists_are_judged_against_their_own_headings() {
        let text = "平潭综合实验区2015年度政府信息公开工作年度报告\n本报告由概述、主动公开政府信息情况、政府信息依申请公开工作情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况和政府信息公开情况统计表共七个部分组成。\n一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n";
        assert!(
            check(&PartsList, text).is_empty(),
            "{:?}",
            summarize(text, &check(&PartsList, text))
        );
        let text = "某局2020年政府信息公开工作年度报告\n本报告由概述,主动公开政府信息的情况,政府信息依申请公开办理情况,因政府信息公开申请行政复议、提起行政诉讼的情况四大部分组成。\n一、概述\n正文。\n二、主动公开政府信息情况\n";
        assert!(check(&PartsList, text).is_empty());
        let text = "某局2020年政府信息公开工作年度报告\n本报告由概述,主动公开政府信息的情况,政府信息依申请公开办理情况三大部分组成。\n一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n";
        let d = check(&PartsList, text);
        assert_eq!(
            summarize(text, &d),
            ["warning 2:5 「概述,主动公开政府信息的情况,政府信息依申请公开办理情况」 开头所列的报告组成部分中没有正文中的“四、政府信息公开行政复议、行政诉讼情况”"]
        );
    }
}
