use std::sync::{LazyLock, OnceLock};

use reportlint_core::aho_corasick::packed;
use reportlint_core::prelude::*;
use reportlint_core::regex::Regex;
use reportlint_core::sentences::Sentences;
use reportlint_core::tables::{Cell, Col, Found, Group, RequestsTable, RowKey, Tables};
use reportlint_core::text::parse_uint;

use crate::inline_sums::next_digit;
use reportlint_core::{Analysis, Document};

use crate::util::addend;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 正文中的数字应与表格一致：
    ///
    /// - `收到（受理）政府信息公开申请N件` 等于表三一（新收申请）或一 + 二（含上年结转）；`上年结转N件`
    ///   等于二；`结转下年度N件` 等于四；
    /// - `予以公开N件`、`部分公开N件`、`予以公开及部分公开N件`、`不予公开N件`、`无法提供N件`、
    ///   `不予处理N件`、`其他处理N件` 等于表三相应各行的总计；
    /// - `被申请行政复议N件` 等于表四行政复议的总计，`行政诉讼N件` 等于两组诉讼总计之和；
    /// - 写 `未收到…申请`，而表三一不为0；写 `未发生…行政复议、行政诉讼`，而表四不全为0。
    ///
    /// 只比较确定读出的数字：读不出的表格行跳过。
    ///
    /// ## 为什么重要（Why it matters）
    /// 正文和表格报告的是同一年的工作；两者不同，至少有一个是错的，读者却分不清是哪个。核对正文数字与表三、
    /// 表四，是年报核查的常规项目（如上海市政府办公厅2019年报，正文“予以公开及部分公开258件”与表三不符）。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 2022年共收到政府信息公开申请5件。
    /// …
    /// 一、本年新收政府信息公开申请数量	3	0	0	0	0	0	3
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 2022年共收到政府信息公开申请3件。
    /// …
    /// 一、本年新收政府信息公开申请数量	3	0	0	0	0	0	3
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 只比较上面列出的说法；正文中对应不到表格某一行的数字（`政策性文件11件` 与表二的 `行政规范性文件`）
    /// 不比较，读不出的表格行也不比较。数字本身是否真实，无从得知。
    pub struct TextConsistency {
        id: "tables/text-consistency",
        summary: "正文中的数字应与统计表一致",
        severity: Error,
        fix: None,
    }
}

/// A prose pattern, and what a sentence must hold for it to match there: each pattern runs only
/// over the sentences that do.
pub(crate) struct Pattern {
    pub(crate) re: LazyLock<Regex>,
    /// A figure in ASCII or full-width digits. `\d` also matches the digits of other scripts,
    /// but `parse_uint` reads none of them: in a sentence without these, a match yields no figure.
    pub(crate) figure: bool,
    /// Words the sentence holds, all of them.
    pub(crate) all: Words,
    /// Groups of words: the sentence holds one word of each group. Each group lists words of
    /// which every match of `re` holds one, so that a sentence without any is never searched
    /// (a search costs a few hundred instructions even where nothing matches).
    pub(crate) any: &'static [Words],
    /// A regex searched in place of `re`, whose build costs far less: `re` with `\d` left out of
    /// the class of its gap, `…[^…\d]{0,n}?…`, when nothing else in `re` can match a digit.
    /// Unicode's digits in that class made `re` cost some 8 M instructions to build, more than
    /// its searches in a thousand reports. See [`prose_matches`] for why the matches are `re`'s.
    pub(crate) relaxed: Option<LazyLock<Regex>>,
}

impl Pattern {
    /// Told by the words the sentence holds ([`Candidate::words`], found once per sentence):
    /// testing each pattern's words with `contains_word` cost more than a scan of the sentence.
    fn may_match(&self, s: &Candidate, text: &str) -> bool {
        if !s.figure && self.figure {
            return false;
        }
        let words = s.words(text);
        words & self.all.mask == self.all.mask
            && self.any.iter().all(|group| words & group.mask != 0)
    }
}

/// Every word a [`Pattern`] (or `tables/application-prose`) tests a sentence for: a sentence's
/// words are kept as a mask of bits, bit `k` for `WORDS[k]`. Each begins with a character of
/// three bytes (see [`words_in`]).
const WORDS: [&str; 20] = [
    "申请",
    "件",
    "收到",
    "受理",
    "接收",
    "新收",
    "接到",
    "结转",
    "顺延",
    "转入",
    "公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "行政复议",
    "起",
    "行政诉讼",
    "未",
    "没有",
    "无",
];

/// Words of [`WORDS`], as a mask.
pub(crate) struct Words {
    pub(crate) mask: u32,
}

/// `list` as [`Words`]; a word missing from [`WORDS`] fails the build.
pub(crate) const fn words(list: &[&str]) -> Words {
    let mut mask = 0;
    let mut i = 0;
    while i < list.len() {
        mask |= word_bit(list[i]);
        i += 1;
    }
    Words { mask }
}

/// The bit of `word` in a mask of [`WORDS`].
pub(crate) const fn word_bit(word: &str) -> u32 {
    let w = word.as_bytes();
    let mut k = 0;
    while k < WORDS.len() {
        let v = WORDS[k].as_bytes();
        if v.len() == w.len() {
            let mut i = 0;
            while i < w.len() && v[i] == w[i] {
                i += 1;
            }
            if i == w.len() {
                return 1 << k;
            }
        }
        k += 1;
    }
    panic!("a word missing from WORDS")
}

/// For each character of three bytes, by the low six bits of its second and third bytes, the
/// [`WORDS`] that may begin with it (those whose first character has the same two bytes: the
/// first byte is compared when one is found).
static FIRST_CHAR: [u32; 4096] = {
    let mut t = [0u32; 4096];
    let mut k = 0;
    while k < WORDS.len() {
        let w = WORDS[k].as_bytes();
        assert!(w.len() >= 3 && w[0] >= 0xe0 && w[0] < 0xf0);
        t[char_key(w[1], w[2])] |= 1 << k;
        k += 1;
    }
    t
};

/// The index into [`FIRST_CHAR`] of a character of three bytes whose last two are `b1`, `b2`.
const fn char_key(b1: u8, b2: u8) -> usize {
    ((b1 as usize & 0x3f) << 6) | (b2 as usize & 0x3f)
}

/// The [`WORDS`] that `b` (UTF-8) holds, as a mask: what `contains_word` says of each.
///
/// Every word begins with a character of three bytes, so it can only start where such a
/// character does: the scan steps from character to character (by the first byte's length)
/// and compares the words whose first character ends with the two bytes found there.
fn words_in(b: &[u8]) -> u32 {
    let mut found = 0u32;
    let mut i = 0;
    while i + 2 < b.len() {
        let c = b[i];
        if c < 0xe0 {
            i += if c < 0x80 { 1 } else { 2 };
            continue;
        }
        if c >= 0xf0 {
            i += 4;
            continue;
        }
        let mut maybe = FIRST_CHAR[char_key(b[i + 1], b[i + 2])] & !found;
        while maybe != 0 {
            let k = maybe.trailing_zeros() as usize;
            maybe &= maybe - 1;
            let w = WORDS[k].as_bytes();
            if w[0] == c && b[i + 3..].starts_with(&w[3..]) {
                found |= 1 << k;
            }
        }
        i += 3;
    }
    found
}

// `[^，。；…]` keeps a match inside one clause.
pub(crate) static RECEIVED: Pattern = Pattern {
    re: LazyLock::new(|| {
        Regex::new(r"(?:收到|受理|接收|新收)[^，,。；;：:\d（(]{0,14}?申请\s*(?:共|总计|合计|共计)?\s*(\d+)\s*件").unwrap()
    }),
    figure: true,
    all: words(&["申请", "件"]),
    any: &[words(&["收到", "受理", "接收", "新收"])],
    relaxed: None,
};
pub(crate) static CARRIED: Pattern = Pattern {
    re: LazyLock::new(|| Regex::new(r"上一?年度?结转[^，,。；;\d]{0,10}?(\d+)\s*件").unwrap()),
    figure: true,
    all: words(&["结转", "件"]),
    any: &[],
    relaxed: None,
};
pub(crate) static CARRY_OVER: Pattern = Pattern {
    re: LazyLock::new(|| {
        Regex::new(r"(?:结转|顺延|转入)(?:至|到)?下一?年度?[^，,。；;\d]{0,8}?(\d+)\s*件|(\d+)\s*件[^，,。；;\d]{0,12}?(?:结转|顺延|转入)(?:至|到)?下一?年").unwrap()
    }),
    figure: true,
    all: words(&["件"]),
    any: &[words(&["结转", "顺延", "转入"])],
    relaxed: None,
};
static OUTCOME: Pattern = Pattern {
    re: LazyLock::new(|| {
        Regex::new(r"(予以公开(?:及|和|与|、)部分公开|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)(?:的|申请|类)?\s*(?:共|为)?\s*(\d+)\s*件").unwrap()
    }),
    figure: true,
    all: words(&["件"]),
    any: &[words(&["公开", "无法提供", "不予处理", "其他处理"])],
    relaxed: None,
};
static REVIEW: Pattern = Pattern {
    re: LazyLock::new(|| {
        Regex::new(r"行政复议(?:案件)?\s*(?:共|共计|合计)?\s*(\d+)\s*(?:件|起)").unwrap()
    }),
    figure: true,
    all: words(&["行政复议"]),
    any: &[words(&["件", "起"])],
    relaxed: None,
};
static LAWSUIT: Pattern = Pattern {
    re: LazyLock::new(|| {
        Regex::new(r"行政诉讼(?:案件)?\s*(?:共|共计|合计)?\s*(\d+)\s*(?:件|起)").unwrap()
    }),
    figure: true,
    all: words(&["行政诉讼"]),
    any: &[words(&["件", "起"])],
    relaxed: None,
};
static NONE_RECEIVED: Pattern = Pattern {
    re: LazyLock::new(|| {
        Regex::new(r"(?:未|没有|无)(?:收到|受理|接到|接收)(?:过)?(?:任何)?(?:政府信息公开|依申请公开|信息公开)[^，,。；;]{0,4}?申请").unwrap()
    }),
    figure: false,
    all: words(&["申请", "公开"]),
    any: &[
        words(&["未", "没有", "无"]),
        words(&["收到", "受理", "接到", "接收"]),
    ],
    relaxed: None,
};
static NO_APPEALS: Pattern = Pattern {
    re: LazyLock::new(|| {
        Regex::new(r"(?:未发生|没有发生|未出现|没有出现|未有|未被|没有被)[^，,。；;\d]{0,20}?(?:行政复议|行政诉讼)").unwrap()
    }),
    figure: false,
    all: words(&[]),
    any: &[words(&["行政复议", "行政诉讼"]), words(&["未", "没有"])],
    relaxed: Some(LazyLock::new(|| {
        Regex::new(r"(?:未发生|没有发生|未出现|没有出现|未有|未被|没有被)[^，,。；;]{0,20}?(?:行政复议|行政诉讼)").unwrap()
    })),
};

impl Rule for TextConsistency {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let tables = doc.analysis::<Tables>();
        let text = doc.text();
        let regions = tables.regions();
        // The regexes run over the prose only: table text holds no sentences and is half the
        // report.
        let prose = doc.analysis::<Candidates>();
        let in_table = |s: usize| regions.iter().any(|r| r.contains(s));
        let num = |m: Span| (parse_uint(&text[m.range()]).map(|v| v as i64), m);

        if let Some(Found::Table(t)) = &tables.requests {
            let total = |k: RowKey| row_total(t, k);
            // 收到…申请N件: 一, or 一+二.
            for whole in prose_matches(&RECEIVED, text, &prose.0) {
                if in_table(whole.start) || negated(text, whole.start) {
                    continue;
                }
                let (Some(v), span) = num(trailing_number(text, whole)) else {
                    continue;
                };
                let (Some((new, new_cell)), Some((carried, _))) =
                    (total(RowKey::New), total(RowKey::Carried))
                else {
                    continue;
                };
                if v == new || v == new + carried {
                    continue;
                }
                let mut d = Diagnostic::error(
                    span,
                    format!("正文称收到申请{v}件，表三“一、本年新收政府信息公开申请数量”为{new}（加上年结转为{}）", new + carried),
                )
                .with_help("正文中收到申请的件数应等于表三第一项（本年新收），或第一项加第二项（含上年结转）");
                if let Some(c) = new_cell.filter(|c| !c.span.is_empty()) {
                    d = d.with_label(c.span, format!("表三 一 总计：{new}"));
                }
                ctx.report(d);
            }
            let simple: [(&Pattern, RowKey, &str); 2] = [
                (
                    &CARRIED,
                    RowKey::Carried,
                    "二、上年结转政府信息公开申请数量",
                ),
                (&CARRY_OVER, RowKey::CarryOver, "四、结转下年度继续办理"),
            ];
            for (re, key, name) in simple {
                for whole in prose_matches(re, text, &prose.0) {
                    if in_table(whole.start) {
                        continue;
                    }
                    // CARRY_OVER's second branch (`N件…结转下年`) is the one that ends with 年:
                    // its figure leads the match.
                    let m = if text[whole.range()].ends_with('年') {
                        leading_number(text, whole)
                    } else {
                        trailing_number(text, whole)
                    };
                    let (Some(v), span) = num(m) else { continue };
                    let Some((tv, cell)) = total(key) else {
                        continue;
                    };
                    if v != tv {
                        ctx.report(mismatch(span, v, &format!("表三“{name}”"), tv, cell));
                    }
                }
            }
            for whole in prose_matches(&OUTCOME, text, &prose.0) {
                if in_table(whole.start) {
                    continue;
                }
                let what = outcome_phrase(&text[whole.range()]);
                let before = &text[..whole.start];
                // `予以公开及部分公开`: the second half is not a figure of its own.
                if what == "部分公开" && before.ends_with(['及', '和', '与', '、']) {
                    continue;
                }
                let (Some(v), span) = num(trailing_number(text, whole)) else {
                    continue;
                };
                let (keys, name): (Vec<RowKey>, &str) = match what {
                    "予以公开" => (vec![RowKey::Disclosed], "（一）予以公开"),
                    "部分公开" => (vec![RowKey::Partial], "（二）部分公开"),
                    "不予公开" => (group_keys(t, Group::Withheld), "（三）不予公开"),
                    "无法提供" => (group_keys(t, Group::Unable), "（四）无法提供"),
                    "不予处理" => (group_keys(t, Group::NotProcessed), "（五）不予处理"),
                    "其他处理" => (group_keys(t, Group::OtherHandling), "（六）其他处理"),
                    _ => (
                        vec![RowKey::Disclosed, RowKey::Partial],
                        "（一）予以公开与（二）部分公开",
                    ),
                };
                let Some(tv) = keys
                    .iter()
                    .map(|&k| total(k).map(|x| x.0))
                    .sum::<Option<i64>>()
                else {
                    continue;
                };
                if v != tv {
                    let cell = if keys.len() == 1 {
                        total(keys[0]).and_then(|x| x.1)
                    } else {
                        None
                    };
                    ctx.report(mismatch(span, v, &format!("表三“{name}”"), tv, cell));
                }
            }
            if let Some((new, cell)) = total(RowKey::New) {
                if new > 0 {
                    for m in prose_matches(&NONE_RECEIVED, text, &prose.0) {
                        if in_table(m.start) {
                            continue;
                        }
                        let mut d = Diagnostic::error(
                            m,
                            format!(
                                "正文称未收到申请，但表三“一、本年新收政府信息公开申请数量”为{new}"
                            ),
                        )
                        .with_help("正文与表三应一致：若本年收到了申请，请写明件数");
                        if let Some(c) = cell.filter(|c| !c.span.is_empty()) {
                            d = d.with_label(c.span, format!("表三 一 总计：{new}"));
                        }
                        ctx.report(d);
                    }
                }
            }
        }

        if let Some(Found::Table(t)) = &tables.appeals {
            let Some(cells) = &t.cells else { return };
            let totals = [&cells[4], &cells[9], &cells[14]];
            let review = addend(totals[0]);
            let lawsuits = addend(totals[1]).zip(addend(totals[2])).map(|(a, b)| a + b);
            let pairs: [Compared<'_>; 2] = [
                (&REVIEW, review, "表四“行政复议”总计", Some(totals[0])),
                (&LAWSUIT, lawsuits, "表四两项“行政诉讼”总计之和", None),
            ];
            for (re, tv, name, cell) in pairs {
                let Some(tv) = tv else { continue };
                for whole in prose_matches(re, text, &prose.0) {
                    if in_table(whole.start) {
                        continue;
                    }
                    let (Some(v), span) = num(trailing_number(text, whole)) else {
                        continue;
                    };
                    if v != tv {
                        ctx.report(mismatch(span, v, name, tv, cell));
                    }
                }
            }
            if cells.iter().any(|c| c.int().is_some_and(|v| v > 0)) {
                for m in prose_matches(&NO_APPEALS, text, &prose.0) {
                    if in_table(m.start) {
                        continue;
                    }
                    ctx.report(
                        Diagnostic::error(m, "正文称未发生行政复议、行政诉讼，但表四有不为0的数字")
                            .with_label(t.values, "表四")
                            .with_help("正文与表四应一致"),
                    );
                }
            }
        }
    }
}

/// `未`/`没有` just before (`未收到申请…` is handled by its own pattern; this skips
/// `没有收到…申请5件` readings).
pub(crate) fn negated(text: &str, at: usize) -> bool {
    let before = &text[..at];
    before.ends_with('未') || before.ends_with("没有") || before.ends_with('无')
}

/// The 总计 of a row as a number, with its cell; a blank 总计 is the sum of the row's columns.
pub(crate) fn row_total(t: &RequestsTable, key: RowKey) -> Option<(i64, Option<&Cell>)> {
    let cell = t.cell(key, Col::Total)?;
    if let Some(v) = cell.int() {
        return Some((v, Some(cell)));
    }
    if !cell.is_missing() {
        return None;
    }
    let mut sum = 0;
    for c in std::iter::once(Col::Natural).chain(Col::ORGS) {
        sum += addend(t.cell(key, c)?)?;
    }
    Some((sum, None))
}

/// The rows of a group: its leaves, or the 2019 format's single （六） row.
fn group_keys(t: &RequestsTable, g: Group) -> Vec<RowKey> {
    if g == Group::OtherHandling && t.row(RowKey::OtherHandlingSingle).is_some() {
        return vec![RowKey::OtherHandlingSingle];
    }
    g.leaves().to_vec()
}

/// A prose pattern, the table's value, its name and cell.
type Compared<'a> = (&'a Pattern, Option<i64>, &'a str, Option<&'a Cell>);

fn mismatch(span: Span, v: i64, name: &str, tv: i64, cell: Option<&Cell>) -> Diagnostic {
    let mut d = Diagnostic::error(span, format!("正文为{v}件，{name}为{tv}"))
        .with_span_label(format!("正文：{v}"))
        .with_help("正文中的数字应与统计表一致");
    if let Some(c) = cell.filter(|c| !c.span.is_empty()) {
        d = d.with_label(c.span, format!("表中：{tv}"));
    }
    d
}

/// The parts of a text of `len` bytes outside `regions` (the tables).
pub(crate) fn prose_spans(len: usize, regions: &[Span]) -> Vec<Span> {
    let mut sorted = regions.to_vec();
    sorted.sort();
    let mut out = Vec::new();
    let mut pos = 0;
    for r in sorted {
        if r.start > pos {
            out.push(Span::new(pos, r.start));
        }
        pos = pos.max(r.end);
    }
    if pos < len {
        out.push(Span::new(pos, len));
    }
    out
}

/// The sentences of the prose that any of the regexes could match in: each needs a count
/// (`…件`, `…起`) or speaks of applications, reviews or lawsuits. Running the regexes over these
/// alone keeps them off most of the text. A sentence that runs into a table is cut at its edge.
pub(crate) fn candidate_sentences(
    text: &str,
    sentences: &Sentences,
    prose: &[Span],
) -> Vec<Candidate> {
    static WORDS: LazyLock<packed::Searcher> =
        LazyLock::new(|| packed::Searcher::new(["件", "起", "申请", "复议", "诉讼"]).unwrap());
    let all = sentences.all();
    let mut out = Vec::new();
    for p in prose {
        // One search over the prose finds the words; no word holds a terminator, so each lies
        // inside one sentence.
        let hits = WORDS
            .find_iter(&text[p.range()])
            .map(|m| p.start + m.start());
        for i in sentences.holding(hits) {
            let s = all[i];
            let span = Span::new(s.span.start.max(p.start), s.end.min(p.end));
            // A digit as `ascii_digit` reads one (ASCII or full-width), found sixteen bytes at a
            // time rather than by decoding each character.
            let figure = next_digit(text[span.range()].as_bytes(), 0).is_some();
            out.push(Candidate::new(span, figure));
        }
    }
    out
}

/// The [`candidate_sentences`] of a document's prose outside the tables, found once for the
/// rules that read them (this one and `tables/application-prose`).
pub(crate) struct Candidates(pub(crate) Vec<Candidate>);

impl Analysis for Candidates {
    fn compute(doc: &Document) -> Self {
        let text = doc.text();
        let regions = doc.analysis::<Tables>().regions();
        let sentences = doc.analysis::<Sentences>();
        Candidates(candidate_sentences(
            text,
            &sentences,
            &prose_spans(text.len(), &regions),
        ))
    }
}

/// A sentence of the prose (or its part outside the tables), whether it holds a figure, and
/// which [`WORDS`] it holds.
pub(crate) struct Candidate {
    pub(crate) span: Span,
    pub(crate) figure: bool,
    /// The [`WORDS`] the sentence holds, as a mask ([`word_bit`]): found when first asked for,
    /// as a sentence without a figure is never asked by most patterns.
    words: OnceLock<u32>,
}

impl Candidate {
    /// The sentence at `span`.
    pub(crate) fn new(span: Span, figure: bool) -> Candidate {
        Candidate {
            span,
            figure,
            words: OnceLock::new(),
        }
    }

    /// The [`WORDS`] the sentence holds (`text` is the document's text), as a mask.
    pub(crate) fn words(&self, text: &str) -> u32 {
        *self
            .words
            .get_or_init(|| words_in(text[self.span.range()].as_bytes()))
    }
}

/// The matches of `pattern` inside the `prose` sentences of `text`, as spans of `text`.
///
/// Only where a match is, not its groups, is searched for: a capture search ran the bounded
/// backtracker over every candidate sentence (about 3,000 instructions a call). The figures the
/// groups held are read off the match ([`trailing_number`], [`leading_number`],
/// [`outcome_phrase`]); a test checks them against the groups.
///
/// With a [`Pattern::relaxed`] regex, a match that holds no `\d` is `re`'s match: it starts as
/// far left as any of `re`'s can (each of `re`'s matches is one of its matches too), and its gap,
/// the shortest the relaxed class allows, is the shortest `re` allows. A match that holds one
/// is no match of `re`, and `re` has none starting there either (a longer gap holds the digit
/// too): the search goes on from the match's second character.
pub(crate) fn prose_matches(pattern: &Pattern, text: &str, prose: &[Candidate]) -> Vec<Span> {
    let mut out = Vec::new();
    let re = pattern.relaxed.as_ref().unwrap_or(&pattern.re);
    for s in prose.iter().filter(|s| pattern.may_match(s, text)) {
        let s = s.span;
        // The haystack ends with the span, so that no match runs into a table; it starts at 0,
        // so that offsets are the document's.
        let hay = &text[..s.end];
        let mut pos = s.start;
        while pos <= s.end {
            let Some(m) = re.find_at(hay, pos) else {
                break;
            };
            if pattern.relaxed.is_some() && m.as_str().chars().any(is_digit_class) {
                pos = m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            pos = if m.end() > m.start() {
                m.end()
            } else {
                m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8)
            };
            out.push(Span::new(m.start(), m.end()));
        }
    }
    out
}

/// Whether `c` is a `\d` of the patterns: a decimal digit of any script (Unicode `Nd`).
fn is_digit_class(c: char) -> bool {
    static ND: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\d\z").unwrap());
    c.is_ascii_digit() || !c.is_ascii() && ND.is_match(c.encode_utf8(&mut [0; 4]))
}

/// The figure of a match that ends `(\d+)\s*件` or `(\d+)\s*(?:件|起)`: the digits before the
/// last character and the spaces before it. In every such pattern what stands before the
/// digits is no digit (a word, a space, or a class without `\d`), so the group is the whole run
/// of digits there.
pub(crate) fn trailing_number(text: &str, whole: Span) -> Span {
    let m = &text[whole.range()];
    let before_unit = m.char_indices().next_back().map_or(0, |(i, _)| i);
    let end = m[..before_unit].trim_end_matches(char::is_whitespace).len();
    let start = m[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_digit_class(c))
        .last()
        .map_or(end, |(i, _)| i);
    Span::new(whole.start + start, whole.start + end)
}

/// The figure of a match that begins `(\d+)\s*件` (the second branch of `CARRY_OVER`): the run
/// of digits it starts with (a space or `件` follows them).
pub(crate) fn leading_number(text: &str, whole: Span) -> Span {
    let m = &text[whole.range()];
    let end = m
        .char_indices()
        .find(|&(_, c)| !is_digit_class(c))
        .map_or(m.len(), |(i, _)| i);
    Span::new(whole.start, whole.start + end)
}

/// The outcome an `OUTCOME` match names (its first group): `予以公开及部分公开` (or with 和, 与,
/// 、) where the match begins so — `予以公开` alone cannot be followed by those — else its first
/// four characters.
fn outcome_phrase(m: &str) -> &str {
    const BOTH: usize = "予以公开及部分公开".len();
    let both = m.starts_with("予以公开")
        && m["予以公开".len()..].starts_with(['及', '和', '与', '、'])
        && m.get(BOTH - "部分公开".len()..BOTH) == Some("部分公开");
    if both {
        &m[..BOTH]
    } else {
        &m[.."予以公开".len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, flagged};

    #[test]
    fn a_figure_is_a_digit_as_ascii_digit_reads_one() {
        let pieces = [
            "收到申请",
            "5",
            "１２",
            "٣",
            "①",
            "件。",
            "\u{ff0f}",
            "\u{ff1a}",
            "\u{ef}",
            "a",
            "。",
            "０",
            "９",
            "\u{ff0e}",
            "\u{fefe}",
        ];
        // Strings of pieces at every offset of the sixteen-byte blocks.
        for a in pieces {
            for b in pieces {
                for pad in 0..20 {
                    let s = format!("{}{a}{}{b}", "中".repeat(pad / 3), "x".repeat(pad % 3));
                    let want = s
                        .chars()
                        .any(|c| reportlint_core::text::ascii_digit(c).is_some());
                    assert_eq!(next_digit(s.as_bytes(), 0).is_some(), want, "{s:?}");
                }
            }
        }
    }

    /// Sentences for the patterns: each piece of each pattern, figures in several scripts
    /// (`１２` and `٣` are `\d`, `①` is not), spaces of several kinds.
    fn pattern_samples() -> Vec<String> {
        let heads = [
            "收到",
            "受理",
            "接收",
            "新收",
            "本年度共收到",
            "未收到",
            "上年结转",
            "上一年度结转",
            "结转下年度",
            "结转至下一年度",
            "顺延到下年",
            "转入下一年",
            "予以公开",
            "部分公开",
            "予以公开及部分公开",
            "予以公开和部分公开",
            "予以公开、部分公开",
            "不予公开",
            "无法提供",
            "不予处理",
            "其他处理",
            "行政复议",
            "行政复议案件",
            "行政诉讼",
            "行政诉讼案件",
            "未发生",
            "没有被",
        ];
        let mids = [
            "",
            "政府信息公开",
            "政府信息公开申请",
            "申请",
            "申请共",
            "申请 总计 ",
            "的",
            "类",
            "为",
            "共计",
            "合计",
            "继续办理",
            "①",
            "，",
            "：",
            "（",
        ];
        let figures = [
            "",
            "3",
            "12",
            " 5 ",
            "１２",
            "٣4",
            "①",
            "0",
            "\u{3000}7\u{3000}",
            "\t8",
        ];
        let tails = [
            "件",
            "起",
            "件，",
            "件结转下年度",
            "件转入下一年",
            " 件。",
            "条",
            "行政诉讼",
            "申请",
        ];
        let mut out = Vec::new();
        for h in heads {
            for m in mids {
                for f in figures {
                    for t in tails {
                        out.push(format!("本年{h}{m}{f}{t}"));
                    }
                }
            }
        }
        out.extend(
            [
                "共收到申请5件，其中予以公开3件，部分公开2件，上年结转1件，结转下年度0件。",
                "2件结转下年，3件结转下一年度",
                "上年结转12件12件",
                "被申请行政复议1件、行政诉讼2起",
                "行政复议案件共计 3 起，行政诉讼案件合计4件",
                "予以公开及部分公开42件，占51.85%",
                "部分公开的申请为 ７ 件",
            ]
            .map(String::from),
        );
        out
    }

    /// Every pattern, in the order the tests' indices name them.
    fn all_patterns() -> [&'static Pattern; 8] {
        [
            &RECEIVED,
            &CARRIED,
            &CARRY_OVER,
            &OUTCOME,
            &REVIEW,
            &LAWSUIT,
            &NONE_RECEIVED,
            &NO_APPEALS,
        ]
    }

    #[test]
    fn figures_read_off_matches_agree_with_the_groups() {
        let patterns = all_patterns();
        let mut matched = 0;
        for text in pattern_samples() {
            let prose = [Candidate::new(Span::new(0, text.len()), true)];
            for (k, p) in patterns.iter().enumerate() {
                // The former search: captures from each match's end on.
                let mut captures = Vec::new();
                let mut pos = 0;
                while pos <= text.len() {
                    let Some(c) = p.re.captures_at(&text, pos) else {
                        break;
                    };
                    let m = c.get(0).unwrap();
                    pos = if m.end() > m.start() {
                        m.end()
                    } else {
                        m.end() + text[m.end()..].chars().next().map_or(1, char::len_utf8)
                    };
                    captures.push(c);
                }
                if !p.may_match(&prose[0], &text) {
                    continue;
                }
                let spans: Vec<Span> = prose_matches(p, &text, &prose);
                assert_eq!(spans.len(), captures.len(), "{k} {text:?}");
                for (whole, c) in spans.iter().zip(&captures) {
                    matched += 1;
                    let g = |i: usize| c.get(i).map(|m| Span::new(m.start(), m.end()));
                    assert_eq!(Some(*whole), g(0), "{k} {text:?}");
                    let figure = match k {
                        // CARRY_OVER: whichever branch matched
                        2 => g(1).or_else(|| g(2)),
                        3 => g(2),
                        6 | 7 => None,
                        _ => g(1),
                    };
                    let derived = match k {
                        2 if text[whole.range()].ends_with('年') => {
                            Some(leading_number(&text, *whole))
                        }
                        6 | 7 => None,
                        _ => Some(trailing_number(&text, *whole)),
                    };
                    assert_eq!(derived, figure, "{k} {text:?}");
                    if k == 3 {
                        assert_eq!(
                            outcome_phrase(&text[whole.range()]),
                            c.get(1).unwrap().as_str(),
                            "{text:?}"
                        );
                    }
                }
            }
        }
        assert!(matched > 1000, "{matched}");
    }

    #[test]
    fn words_found_by_the_scan_are_those_contains_word_finds() {
        use reportlint_core::text::contains_word;
        let mut pieces: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
        // First characters alone, characters sharing a word's third byte, other widths.
        pieces.extend(WORDS.iter().map(|w| w[..3].to_string()));
        pieces.extend(
            [
                "请", "复", "诉", "讼", "中", "。", "1", "a", "é", "𠀀", "\n", "１", "\u{3000}",
            ]
            .map(String::from),
        );
        let mut texts = pattern_samples();
        let mut next = reportlint_core::testing::lcg(7u64);
        for _ in 0..3000 {
            texts.push(
                (0..next(9))
                    .map(|_| pieces[next(pieces.len())].as_str())
                    .collect(),
            );
        }
        for t in texts {
            let mask = words_in(t.as_bytes());
            for (k, w) in WORDS.iter().enumerate() {
                assert_eq!(mask & (1 << k) != 0, contains_word(&t, w), "{t:?} {w}");
            }
        }
        assert_eq!(word_bit("申请"), 1);
        assert_eq!(words(&["件", "无"]).mask, 2 | 1 << 19);
    }

    #[test]
    fn sentences_turned_away_hold_no_match() {
        let patterns = all_patterns();
        let mut texts = pattern_samples();
        texts.extend(
            [
                "未收到政府信息公开申请",
                "没有受理过任何依申请公开的申请",
                "无接到信息公开申请",
                "未接收过政府信息公开类申请",
                "没有被提起行政复议",
                "未出现行政诉讼",
                "新收政府信息公开申请 3 件",
                "接收公民申请共2件",
            ]
            .map(String::from),
        );
        for text in texts {
            let sentence = Candidate::new(Span::new(0, text.len()), true);
            for (k, p) in patterns.iter().enumerate() {
                if p.re.is_match(&text) {
                    assert!(p.may_match(&sentence, &text), "{k} {text:?}");
                }
            }
        }
    }

    #[test]
    fn relaxed_patterns_find_the_matches_of_the_patterns_as_written() {
        let texts = [
            "未被3未有行政复议",
            "未发生行政复议，未有1行政诉讼，没有被行政诉讼",
            "未出现１２起行政诉讼或行政复议",
            "没有发生٣行政复议没有出现①行政诉讼",
            "未有未被行政复议行政诉讼",
            "未发生一二三四五六七八九十一二三四五六七八九十行政复议",
            "未发生一二三四五六七八九十一二三四五六七八九十一行政复议",
            "未发生一二三四五六七八九十一二三四五六七八九十1行政复议",
            "未发生行政",
            "",
        ];
        for text in texts {
            let prose = [Candidate::new(Span::new(0, text.len()), true)];
            let written: Vec<Span> = NO_APPEALS
                .re
                .find_iter(text)
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
            assert_eq!(
                prose_matches(&NO_APPEALS, text, &prose),
                written,
                "{text:?}"
            );
        }
    }

    fn report(prose: &str, new: i64, review_total: i64) -> String {
        let mut t = format!("一、总体情况\n{prose}\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n");
        for (i, k) in reportlint_core::tables::LEAVES_2021.iter().enumerate() {
            let v = match i {
                0 | 2 | 23 => new,
                _ => 0,
            };
            t.push_str(&format!("{}\t{v}\t0\t0\t0\t0\t0\t{v}\n", k.label()));
        }
        t.push_str(&format!("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n{review_total}\t0\t0\t0\t{review_total}\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n五、存在的主要问题及改进情况\n无。\n"));
        t
    }

    #[test]
    fn agreeing_prose_passes() {
        for prose in [
            "本年度共收到政府信息公开申请3件，予以公开3件，被申请行政复议1件。",
            "2022年受理政府信息公开申请3件，上年结转0件，结转下年度0件。",
            "本年度我镇未收到人大代表建议。",
        ] {
            let text = report(prose, 3, 1);
            assert!(
                check(&TextConsistency, &text).is_empty(),
                "{prose}: {:?}",
                check(&TextConsistency, &text)
            );
        }
        let text = report(
            "2021年没有收到政府信息公开申请。未发生行政复议、行政诉讼。",
            0,
            0,
        );
        assert!(check(&TextConsistency, &text).is_empty());
    }

    #[test]
    fn disagreeing_prose_fails() {
        let text = report(
            "本年度共收到政府信息公开申请5件，予以公开4件，被申请行政复议2件。",
            3,
            1,
        );
        let d = check(&TextConsistency, &text);
        assert_eq!(flagged(&text, &d), ["5", "4", "2"]);
        let text = report("2021年没有收到政府信息公开申请。", 2, 0);
        assert_eq!(
            check(&TextConsistency, &text)[0].message,
            "正文称未收到申请，但表三“一、本年新收政府信息公开申请数量”为2"
        );
        let text = report("本年度未发生行政复议、行政诉讼案件。", 0, 1);
        assert_eq!(check(&TextConsistency, &text).len(), 1);
    }
}
