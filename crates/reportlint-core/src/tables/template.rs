//! The template matcher: maps a [`Grid`]'s rows and columns onto the three statistics tables of
//! the format (report-format.md §2–§4), by label, with a positional fallback where labels were
//! lost. One matcher for every layout: the readers and importers only build the grid.

use std::cell::RefCell;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::model::{Cell, CellValue, Grid, Layout};
use super::split::split_row;
#[cfg(test)]
use crate::text::normalize;
use crate::text::{is_space, normalize_into};
use crate::Span;

/// Which edition of the format a table follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// 国办公开办函〔2021〕30号, from the 2021 reports on.
    Y2021,
    /// The 2019 trial format (国办公开办函〔2019〕60号): Table 二 with 本年新制作数量…, Table 三
    /// with a single （六）其他处理 row.
    Y2019,
}

/// A row of the template that the text's cells could not be mapped onto with certainty.
#[derive(Debug, Clone, PartialEq)]
pub struct Unverifiable {
    /// The row's label (or its values, when the label was lost).
    pub span: Span,
    /// The template row, where known.
    pub row: Option<&'static str>,
    pub reason: Reason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Digits run together (`640020470`) can be cut into the row's cells in more than one way.
    RunTogether,
    /// The row has `found` value cells where the template has `expected`.
    CellCount { found: usize, expected: usize },
    /// The row's label was lost and its position does not say which row it is.
    LostLabel,
}

impl Reason {
    pub fn describe(self) -> String {
        match self {
            Reason::RunTogether => "各单元格的数字连写在一起，无法确定分界，无法核对".to_owned(),
            Reason::CellCount { found, expected } => {
                format!("该行有{found}个数值单元格，模板为{expected}个，无法确定对应关系")
            }
            Reason::LostLabel => "该行缺少行标签，无法确定对应模板的哪一行".to_owned(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Table 三

/// A row of Table 三.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKey {
    /// 一、本年新收政府信息公开申请数量
    New,
    /// 二、上年结转政府信息公开申请数量
    Carried,
    /// （一）予以公开
    Disclosed,
    /// （二）部分公开
    Partial,
    /// （三）不予公开 1–8
    Withheld(u8),
    /// （四）无法提供 1–3
    Unable(u8),
    /// （五）不予处理 1–5
    NotProcessed(u8),
    /// （六）其他处理 1–3
    OtherHandling(u8),
    /// （六）其他处理 as one row (2019 format)
    OtherHandlingSingle,
    /// A subtotal row for a group (not in the template; some agencies add them)
    Subtotal(Group),
    /// （七）总计
    Total,
    /// 四、结转下年度继续办理
    CarryOver,
}

/// The groups of outcomes under 三、本年度办理结果.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Withheld,
    Unable,
    NotProcessed,
    OtherHandling,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Withheld => "（三）不予公开",
            Group::Unable => "（四）无法提供",
            Group::NotProcessed => "（五）不予处理",
            Group::OtherHandling => "（六）其他处理",
        }
    }

    pub fn leaves(self) -> &'static [RowKey] {
        &LEAVES_2021[match self {
            Group::Withheld => 4..12,
            Group::Unable => 12..15,
            Group::NotProcessed => 15..20,
            Group::OtherHandling => 20..23,
        }]
    }

    pub const ALL: [Group; 4] = [
        Group::Withheld,
        Group::Unable,
        Group::NotProcessed,
        Group::OtherHandling,
    ];
}

use RowKey::*;

/// The 25 data rows of the 2021 template, in order.
pub const LEAVES_2021: [RowKey; 25] = [
    New,
    Carried,
    Disclosed,
    Partial,
    Withheld(1),
    Withheld(2),
    Withheld(3),
    Withheld(4),
    Withheld(5),
    Withheld(6),
    Withheld(7),
    Withheld(8),
    Unable(1),
    Unable(2),
    Unable(3),
    NotProcessed(1),
    NotProcessed(2),
    NotProcessed(3),
    NotProcessed(4),
    NotProcessed(5),
    OtherHandling(1),
    OtherHandling(2),
    OtherHandling(3),
    Total,
    CarryOver,
];

/// The 23 data rows of the 2019 trial format, in order.
pub const LEAVES_2019: [RowKey; 23] = [
    New,
    Carried,
    Disclosed,
    Partial,
    Withheld(1),
    Withheld(2),
    Withheld(3),
    Withheld(4),
    Withheld(5),
    Withheld(6),
    Withheld(7),
    Withheld(8),
    Unable(1),
    Unable(2),
    Unable(3),
    NotProcessed(1),
    NotProcessed(2),
    NotProcessed(3),
    NotProcessed(4),
    NotProcessed(5),
    OtherHandlingSingle,
    Total,
    CarryOver,
];

const WITHHELD: [&str; 8] = [
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
];
const UNABLE: [&str; 3] = [
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
];
const NOT_PROCESSED: [&str; 5] = [
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
];
const OTHER_HANDLING: [&str; 3] = [
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
];

impl RowKey {
    /// The template's label.
    pub fn label(self) -> &'static str {
        let i = |n: u8| (n as usize).saturating_sub(1);
        match self {
            New => "一、本年新收政府信息公开申请数量",
            Carried => "二、上年结转政府信息公开申请数量",
            Disclosed => "（一）予以公开",
            Partial => "（二）部分公开",
            Withheld(n) => WITHHELD[i(n).min(7)],
            Unable(n) => UNABLE[i(n).min(2)],
            NotProcessed(n) => NOT_PROCESSED[i(n).min(4)],
            OtherHandling(n) => OTHER_HANDLING[i(n).min(2)],
            OtherHandlingSingle => "（六）其他处理",
            Subtotal(g) => g.label(),
            Total => "（七）总计",
            CarryOver => "四、结转下年度继续办理",
        }
    }

    /// A short name for arithmetic: `一`, `（三）1`, `（七）总计`.
    pub fn short(self) -> String {
        match self {
            New => "一".into(),
            Carried => "二".into(),
            Disclosed => "（一）".into(),
            Partial => "（二）".into(),
            Withheld(n) => format!("（三）{n}"),
            Unable(n) => format!("（四）{n}"),
            NotProcessed(n) => format!("（五）{n}"),
            OtherHandling(n) => format!("（六）{n}"),
            OtherHandlingSingle => "（六）".into(),
            Subtotal(g) => g.label()[..9].to_owned(),
            Total => "（七）总计".into(),
            CarryOver => "四".into(),
        }
    }

    /// Index in the 2021 order (subtotals and the 2019 single row have none).
    pub fn leaf_index(self) -> Option<usize> {
        // LEAVES_2021's order, told without a search: the matcher asks for every row.
        let sub = |n: u8, count: u8, base: usize| {
            (1..=count).contains(&n).then(|| base + usize::from(n) - 1)
        };
        match self {
            New => Some(0),
            Carried => Some(1),
            Disclosed => Some(2),
            Partial => Some(3),
            Withheld(n) => sub(n, 8, 4),
            Unable(n) => sub(n, 3, 12),
            NotProcessed(n) => sub(n, 5, 15),
            OtherHandling(n) => sub(n, 3, 20),
            Total => Some(23),
            CarryOver => Some(24),
            OtherHandlingSingle | Subtotal(_) => None,
        }
    }

    /// A bit of its own for each row the matcher can place (leaves, the 2019 single row,
    /// subtotals): sets of rows are masks.
    fn bit(self) -> u32 {
        let slot = match self {
            OtherHandlingSingle => 25,
            Subtotal(g) => 26 + g as usize,
            // Sub-items out of the template's range are never keys of a label.
            k => k.leaf_index().unwrap_or(30),
        };
        1 << slot
    }
}

/// Label fragments (normalized) that identify a row of Table 三. The match that ends last in a
/// label wins, so that `（三）不予公开1.属于国家秘密` is the leaf, not the group.
const REQUEST_KEYS: &[(&str, RowKey)] = &[
    ("新收", New),
    ("上年结转", Carried),
    ("上年度结转", Carried),
    ("予以公开", Disclosed),
    ("部分公开", Partial),
    ("不予公开", Subtotal(Group::Withheld)),
    ("国家秘密", Withheld(1)),
    ("禁止公开", Withheld(2)),
    ("三安全", Withheld(3)),
    ("第三方", Withheld(4)),
    ("内部事务", Withheld(5)),
    ("过程性", Withheld(6)),
    ("执法案卷", Withheld(7)),
    ("查询事项", Withheld(8)),
    ("无法提供", Subtotal(Group::Unable)),
    ("不掌握", Unable(1)),
    ("另行制作", Unable(2)),
    ("不明确", Unable(3)),
    ("不予处理", Subtotal(Group::NotProcessed)),
    ("信访", NotProcessed(1)),
    ("重复申请", NotProcessed(2)),
    ("出版物", NotProcessed(3)),
    ("大量反复", NotProcessed(4)),
    ("重新出具", NotProcessed(5)),
    ("其他处理", Subtotal(Group::OtherHandling)),
    ("不补正", OtherHandling(1)),
    ("缴纳费用", OtherHandling(2)),
    ("3.其他", OtherHandling(3)),
    ("3、其他", OtherHandling(3)),
    ("(七)", Total),
    ("七、总计", Total),
    ("结转下年", CarryOver),
    ("转入下年", CarryOver),
];

/// The row a (normalized) label names, by the last key in it.
fn request_key(label: &str) -> Option<RowKey> {
    // The key that ends last, then the longest, wins: found by one search of the label reversed.
    static KEYS: LazyLock<AhoCorasick> =
        LazyLock::new(|| reversed_keys(REQUEST_KEYS, MatchKind::LeftmostLongest));
    // `3.其他` only as the end of a label (not `其他处理` nor the column `其他`).
    match last_key(&KEYS, REQUEST_KEYS, label) {
        Some((end, OtherHandling(3))) if end != label.len() => None,
        Some((_, k)) => Some(k),
        None => None,
    }
}

/// The columns of Table 三.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Natural,
    Business,
    Research,
    NonProfit,
    Legal,
    OtherOrg,
    /// 法人或其他组织小计 (not in the template; some agencies add it).
    OrgSubtotal,
    Total,
}

impl Col {
    pub fn label(self) -> &'static str {
        match self {
            Col::Natural => "自然人",
            Col::Business => "商业企业",
            Col::Research => "科研机构",
            Col::NonProfit => "社会公益组织",
            Col::Legal => "法律服务机构",
            Col::OtherOrg => "其他",
            Col::OrgSubtotal => "法人或其他组织小计",
            Col::Total => "总计",
        }
    }

    /// The five 法人或其他组织 columns.
    pub const ORGS: [Col; 5] = [
        Col::Business,
        Col::Research,
        Col::NonProfit,
        Col::Legal,
        Col::OtherOrg,
    ];
}

const COLS_7: [Col; 7] = [
    Col::Natural,
    Col::Business,
    Col::Research,
    Col::NonProfit,
    Col::Legal,
    Col::OtherOrg,
    Col::Total,
];
const COLS_8: [Col; 8] = [
    Col::Natural,
    Col::Business,
    Col::Research,
    Col::NonProfit,
    Col::Legal,
    Col::OtherOrg,
    Col::OrgSubtotal,
    Col::Total,
];

/// One data row of Table 三.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRow {
    pub key: RowKey,
    /// The label as written (`None` when it was lost and the row was placed by position).
    pub label: Option<Span>,
    /// Label and values.
    pub span: Span,
    /// One cell per column of [`RequestsTable::columns`]; `None` when the cells could not be
    /// told apart (see [`RequestsTable::unverifiable`]).
    pub cells: Option<Vec<Cell>>,
}

impl RequestRow {
    /// Where to point at the row: its label, else its span.
    pub fn anchor(&self) -> Span {
        self.label.unwrap_or(self.span)
    }
}

/// Table 三 as found.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestsTable {
    pub span: Span,
    pub layout: Layout,
    pub format: Format,
    /// Whether a `法人或其他组织小计` column is present.
    pub org_subtotal: bool,
    /// Data rows (template rows and any subtotal rows), in the text's order.
    pub rows: Vec<RequestRow>,
    /// Template rows not found at all.
    pub missing: Vec<RowKey>,
    pub unverifiable: Vec<Unverifiable>,
}

impl RequestsTable {
    pub fn columns(&self) -> &'static [Col] {
        if self.org_subtotal {
            &COLS_8
        } else {
            &COLS_7
        }
    }

    pub fn row(&self, key: RowKey) -> Option<&RequestRow> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// The cell at (`key`, `col`), if the row was found and its cells told apart.
    pub fn cell(&self, key: RowKey, col: Col) -> Option<&Cell> {
        let i = self.columns().iter().position(|&c| c == col)?;
        self.row(key)?.cells.as_ref()?.get(i)
    }

    /// The template's data rows for this table's format.
    pub fn leaves(&self) -> &'static [RowKey] {
        match self.format {
            Format::Y2021 => &LEAVES_2021,
            Format::Y2019 => &LEAVES_2019,
        }
    }

    /// Every template row found with all its cells told apart.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
            && self.unverifiable.is_empty()
            && self
                .leaves()
                .iter()
                .all(|&k| self.row(k).is_some_and(|r| r.cells.is_some()))
    }
}

// ---------------------------------------------------------------------------------------------
// Shared row handling

/// A grid row split into its label and its value cells.
struct RowParts<'g> {
    /// Where the label is, as its cells cover it: [`tighten`] it before pointing at it.
    label: Option<Span>,
    /// The cells the label is made of (up to the row's last text cell).
    labels: &'g [Cell],
    values: &'g [Cell],
    span: Span,
}

/// A row's label cells (up to its last text cell) and its value cells.
fn split_label(row: &[Cell]) -> (&[Cell], &[Cell]) {
    match row.iter().rposition(|c| c.is_text()) {
        Some(i) => row.split_at(i + 1),
        None => row.split_at(0),
    }
}

fn parts(row: &[Cell]) -> Option<RowParts<'_>> {
    let first = row.first()?;
    let (labels, values) = split_label(row);
    let label = labels
        .iter()
        .filter(|c| !c.span.is_empty())
        .map(|c| c.span)
        .reduce(Span::cover);
    let span = row.iter().fold(first.span, |a, c| a.cover(c.span));
    Some(RowParts {
        label,
        labels,
        values,
        span,
    })
}

impl RowParts<'_> {
    /// The label normalized (widths, quotes, spaces), in `buf`: made only for the rows whose
    /// label is looked at, into a buffer the matcher reuses from row to row.
    fn label_norm<'n>(&self, text: &str, buf: &'n mut String) -> &'n str {
        buf.clear();
        for c in self.labels.iter().filter(|c| !c.span.is_empty()) {
            normalize_into(buf, &text[c.span.range()]);
        }
        buf
    }

    /// [`sentence_like`] of the normalized label, read off the label's text: normalizing drops
    /// whitespace and maps every other character to one character, `。` to itself.
    fn sentence_like(&self, text: &str) -> bool {
        let mut n = 0usize;
        for c in self.labels.iter().filter(|c| !c.span.is_empty()) {
            let s = &text[c.span.range()];
            let b = s.as_bytes();
            let mut i = 0;
            while i < b.len() {
                // Most characters are of U+4000..=U+EFFF (first byte E4 to EE): three bytes,
                // neither a space nor `。`, counted without being decoded.
                if (0xe4..=0xee).contains(&b[i]) {
                    i += 3;
                    n += 1;
                } else {
                    let Some(ch) = s[i..].chars().next() else {
                        break;
                    };
                    if ch == '。' {
                        return true;
                    }
                    n += usize::from(!is_space(ch));
                    i += ch.len_utf8();
                }
                if n > 80 {
                    return true;
                }
            }
        }
        false
    }
}

/// What a matcher reads off one row label, remembered by the label as written.
///
/// Reports follow one template, so the same labels come back report after report: normalising
/// a label and searching it for keys (about 800 instructions) is done once per thread for each
/// label text, and a hash lookup answers after that. The label cells' texts are the memo's key,
/// joined by a tab: normalising drops the tab and maps each character on its own, so equal keys
/// have equal normalized labels.
struct LabelMemo<V> {
    /// Where each label's entry is in `entries`.
    ///
    /// (rustc-hash's Fx hash: SipHash is several times slower on these short keys, and no key
    /// comes from an adversary who could gain by collisions.)
    map: rustc_hash::FxHashMap<Box<str>, usize>,
    entries: Vec<MemoEntry<V>>,
    /// The entry of the label looked up last in this table ([`NO_ENTRY`] at a table's start).
    last: usize,
    /// The joined key of a label of several cells.
    joined: String,
}

/// A label remembered, and the label that came after it the last time it was looked up.
struct MemoEntry<V> {
    key: Box<str>,
    value: V,
    /// The entry looked up next that time, or [`NO_ENTRY`].
    next: usize,
}

const NO_ENTRY: usize = usize::MAX;

/// Labels remembered at most: past that the memo starts afresh (text that only looks like a
/// table could otherwise fill it).
const MEMO_CAP: usize = 4096;

impl<V> Default for LabelMemo<V> {
    fn default() -> Self {
        LabelMemo::new()
    }
}

impl<V> LabelMemo<V> {
    fn new() -> Self {
        LabelMemo {
            map: rustc_hash::FxHashMap::default(),
            entries: Vec::new(),
            last: NO_ENTRY,
            joined: String::new(),
        }
    }

    /// A table begins: the label looked up before is no longer the one before the next.
    fn start_table(&mut self) {
        self.last = NO_ENTRY;
    }
}

impl<V: Copy> LabelMemo<V> {
    /// `facts(normalized label)` for the row's label cells.
    ///
    /// Tables follow one template, so a label tends to follow the same label as last time: the
    /// label after that one is compared first, and the hash lookup is made only when it is
    /// another.
    fn get(
        &mut self,
        text: &str,
        p: &RowParts<'_>,
        norm: &mut String,
        facts: impl FnOnce(&str) -> V,
    ) -> V {
        let mut cells = p.labels.iter().filter(|c| !c.span.is_empty());
        let key: &str = match (cells.next(), cells.next()) {
            (None, _) => "",
            (Some(c), None) => &text[c.span.range()],
            (Some(a), Some(b)) => {
                self.joined.clear();
                for c in [a, b].into_iter().chain(cells) {
                    self.joined.push_str(&text[c.span.range()]);
                    self.joined.push('\t');
                }
                &self.joined
            }
        };
        let expected = match self.entries.get(self.last) {
            Some(e) => e.next,
            None => NO_ENTRY,
        };
        if let Some(e) = self.entries.get(expected) {
            if *e.key == *key {
                self.last = expected;
                return e.value;
            }
        }
        let at = match self.map.get(key) {
            Some(&at) => at,
            None => {
                let value = facts(p.label_norm(text, norm));
                if self.entries.len() >= MEMO_CAP {
                    self.map.clear();
                    self.entries.clear();
                    self.last = NO_ENTRY;
                }
                self.map.insert(key.into(), self.entries.len());
                self.entries.push(MemoEntry {
                    key: key.into(),
                    value,
                    next: NO_ENTRY,
                });
                self.entries.len() - 1
            }
        };
        if let Some(e) = self.entries.get_mut(self.last) {
            e.next = at;
        }
        self.last = at;
        self.entries[at].value
    }
}

/// What Table 三's matcher reads off a normalized label.
#[derive(Clone, Copy)]
struct RequestLabel {
    key: Option<RowKey>,
    /// Ends with `其他` (the third sub-item of （六） when its number was lost).
    ends_other: bool,
    sentence: bool,
}

impl RequestLabel {
    fn of(norm: &str) -> RequestLabel {
        RequestLabel {
            key: request_key(norm),
            ends_other: norm.ends_with("其他"),
            sentence: sentence_like(norm),
        }
    }
}

/// What Table 二's matcher reads off a normalized label.
#[derive(Clone, Copy)]
struct ProactiveLabel {
    key: Option<ProRowKey>,
    sentence: bool,
}

thread_local! {
    static REQUEST_LABELS: RefCell<LabelMemo<RequestLabel>> = RefCell::new(LabelMemo::new());
    static PROACTIVE_LABELS: RefCell<LabelMemo<ProactiveLabel>> = RefCell::new(LabelMemo::new());
}

/// The key of `keys` whose match in `label` ends last, and where it ends. `ac` holds the keys
/// with their bytes reversed and is searched on `label` reversed: its leftmost match is the
/// match that ends last; among those ending at the same place `ac`'s match kind chooses
/// (leftmost-longest: the longest; leftmost-first: the first listed).
fn last_key<K: Copy>(ac: &AhoCorasick, keys: &[(&str, K)], label: &str) -> Option<(usize, K)> {
    let mut stack = [0u8; 256];
    let mut heap: Vec<u8>;
    let rev: &mut [u8] = if label.len() <= stack.len() {
        &mut stack[..label.len()]
    } else {
        heap = vec![0; label.len()];
        &mut heap
    };
    for (r, b) in rev.iter_mut().zip(label.bytes().rev()) {
        *r = b;
    }
    let m = ac.find(&*rev)?;
    Some((label.len() - m.start(), keys[m.pattern().as_usize()].1))
}

/// An automaton for [`last_key`].
fn reversed_keys<K>(keys: &[(&str, K)], kind: MatchKind) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(kind)
        .build(
            keys.iter()
                .map(|(p, _)| p.bytes().rev().collect::<Vec<u8>>()),
        )
        .expect("keys are plain words")
}

fn has_number(values: &[Cell]) -> bool {
    values.iter().any(|c| {
        matches!(
            c.value,
            CellValue::Int(_) | CellValue::Decimal(_) | CellValue::Digits
        )
    })
}

fn has_value(values: &[Cell]) -> bool {
    values.iter().any(|c| c.value != CellValue::Blank)
}

/// The row's value cells cut to exactly `n` cells, or why that cannot be done with certainty.
fn resolve(text: &str, values: &[Cell], n: usize) -> Result<Vec<Cell>, Reason> {
    if values.iter().any(|c| c.value == CellValue::Digits) {
        return split_row(text, values, n).ok_or(Reason::RunTogether);
    }
    let len = values.len();
    if len == n {
        return Ok(values.to_vec());
    }
    let count = Reason::CellCount {
        found: values
            .iter()
            .filter(|c| c.value != CellValue::Blank)
            .count(),
        expected: n,
    };
    if len < n {
        return Err(count);
    }
    // Separators at the ends (a label spanning two columns, a trailing tab) leave blank cells
    // there: drop them, but only where which ones to drop is certain.
    let Some(first) = values.iter().position(|c| c.value != CellValue::Blank) else {
        return Ok(values[..n].to_vec());
    };
    let last = values
        .iter()
        .rposition(|c| c.value != CellValue::Blank)
        .unwrap_or(first);
    let core = last - first + 1;
    let (lead, trail) = (first, len - 1 - last);
    let drop = len - n;
    if core > n {
        return Err(count);
    }
    let start = if core == n {
        first
    } else if lead == 0 {
        0
    } else if trail == 0 {
        drop
    } else {
        return Err(count);
    };
    if lead + trail < drop {
        return Err(count);
    }
    Ok(values[start..start + n].to_vec())
}

/// The part of a row's span after its label (the values), or the label if nothing follows it.
fn values_or(span: Span, label: Option<Span>) -> Span {
    match label {
        Some(l) if l.end < span.end => Span::new(l.end, span.end),
        Some(l) => l,
        None => span,
    }
}

/// A label that swallowed the header before it (flowing text) is cut back to the last row
/// marker (`一、`, `（一）`, `1.`) before its end.
fn tighten(text: &str, label: Span) -> Span {
    let s = &text[label.range()];
    // At most 40 characters: no more than 40 bytes is certain, more than 160 bytes certainly not.
    if s.len() <= 40 || s.len() <= 160 && s.chars().count() <= 40 {
        return label;
    }
    let mut best = None;
    for (i, c) in s.char_indices() {
        let next = s[i + c.len_utf8()..].chars().next();
        let marker = matches!(c, '（' | '(')
            || (crate::text::is_cn_numeral_char(c) && next == Some('、'))
            || (c.is_ascii_digit() && matches!(next, Some('.' | '．' | '、')));
        if marker {
            best = Some(i);
        }
    }
    match best {
        Some(i) if s.len() - i >= 3 => Span::new(label.start + i, label.end),
        _ => label,
    }
}

fn sentence_like(norm: &str) -> bool {
    norm.contains('。') || norm.chars().count() > 80
}

// ---------------------------------------------------------------------------------------------
// Matching Table 三

/// Maps `grid` onto Table 三. `None` if no row of the table was recognised.
pub fn match_requests(
    text: &str,
    grid: &Grid,
    layout: Layout,
    region: Span,
) -> Option<RequestsTable> {
    // A `法人或其他组织小计` column: named so in the header, or a 小计 heading and rows of eight.
    // Only the words are looked for, spaces allowed between their characters (PDF text): no
    // copy of the whole table is normalised for it.
    // `组织小计` holds `小计`: most tables, which hold neither, are searched once.
    let raw = &text[region.range()];
    let org_subtotal = contains_spaced(raw, "小计")
        && (contains_spaced(raw, "组织小计") || {
            let widths = grid.rows().map(|r| {
                split_label(r)
                    .1
                    .iter()
                    .filter(|c| c.value != CellValue::Blank)
                    .count()
            });
            let (mut eight, mut seven) = (0, 0);
            for w in widths {
                match w {
                    8 => eight += 1,
                    7 => seven += 1,
                    _ => {}
                }
            }
            eight > seven
        });
    let n = if org_subtotal { 8 } else { 7 };
    let mut rows: Vec<RequestRow> = Vec::with_capacity(32);
    let mut unverifiable: Vec<Unverifiable> = Vec::new();
    // Unlabelled rows waiting for the next labelled row to confirm their position.
    let mut pending: Vec<(Span, Result<Vec<Cell>, Reason>)> = Vec::new();
    let mut cursor: Option<usize> = None;
    let mut end = region.start;
    let mut seen_any = false;

    // The rows placed so far, as a mask of `RowKey::bit`s.
    let mut placed = 0u32;
    let place = |key: RowKey,
                 label: Option<Span>,
                 span: Span,
                 cells: Result<Vec<Cell>, Reason>,
                 rows: &mut Vec<RequestRow>,
                 placed: &mut u32,
                 unverifiable: &mut Vec<Unverifiable>| {
        if *placed & key.bit() != 0 {
            return false;
        }
        *placed |= key.bit();
        let cells = match cells {
            Ok(c) => Some(c),
            Err(reason) => {
                unverifiable.push(Unverifiable {
                    span: values_or(span, label),
                    row: Some(key.label()),
                    reason,
                });
                None
            }
        };
        rows.push(RequestRow {
            key,
            label,
            span,
            cells,
        });
        true
    };

    let mut norm = String::with_capacity(256);
    // The thread's memo, taken for the table's rows (not borrowed again for each row).
    let mut memo = REQUEST_LABELS.take();
    memo.start_table();
    for row in grid.rows() {
        let Some(p) = parts(row) else { continue };
        if p.values.is_empty() {
            continue; // a header or group label: every case below passes over it
        }
        let facts = memo.get(text, &p, &mut norm, RequestLabel::of);
        let key = p.label.is_some().then_some(facts.key).flatten();
        let key = match key {
            // `其他` alone, right after （六）2: the third sub-item.
            None if facts.ends_other && cursor == OtherHandling(2).leaf_index() => {
                Some(OtherHandling(3))
            }
            k => k,
        };
        if key.is_none() {
            if !has_value(p.values) {
                continue; // a header row
            }
            if p.label.is_some() && (facts.sentence || !has_number(p.values)) {
                if seen_any {
                    // prose after the table
                    if facts.sentence {
                        break;
                    }
                }
                continue;
            }
            if !seen_any && cursor.is_none() && !has_number(p.values) {
                continue;
            }
            let cells = resolve(text, p.values, n);
            if p.label.is_none() && matches!(cells, Err(Reason::CellCount { .. })) {
                continue; // stray values (a cell broken over lines), not a row
            }
            pending.push((p.span, cells));
            end = end.max(p.span.end);
            continue;
        }
        let key = key.unwrap_or(New);
        if !has_value(p.values) && !matches!(key, OtherHandlingSingle | Subtotal(_)) {
            // A label without values: a group label (三、本年度办理结果) or header.
            if p.values.is_empty() {
                continue;
            }
        }
        if p.values.is_empty() || (!has_value(p.values) && p.values.len() < n) {
            continue; // a group label row such as `（三）不予公开` above its sub-items
        }
        seen_any = true;
        let cells = resolve(text, p.values, n);
        if let Some(idx) = key.leaf_index() {
            let expected_start = cursor.map_or(0, |c| c + 1);
            let fits = expected_start + pending.len() == idx;
            for (i, (span, cells)) in pending.drain(..).enumerate() {
                if fits {
                    place(
                        LEAVES_2021[expected_start + i],
                        None,
                        span,
                        cells,
                        &mut rows,
                        &mut placed,
                        &mut unverifiable,
                    );
                } else {
                    unverifiable.push(Unverifiable {
                        span,
                        row: None,
                        reason: Reason::LostLabel,
                    });
                }
            }
            cursor = Some(idx);
        }
        let label = p.label.map(|l| tighten(text, l));
        if place(
            key,
            label,
            p.span,
            cells,
            &mut rows,
            &mut placed,
            &mut unverifiable,
        ) {
            end = end.max(p.span.end);
        } else if key.leaf_index().is_some() {
            // The same row again: the table is over (a summary or a second table follows).
            break;
        }
    }
    REQUEST_LABELS.set(memo);
    // Unlabelled rows at the end: placed only if they fill the template to its end.
    if !pending.is_empty() {
        let start = cursor.map_or(0, |c| c + 1);
        let fits = start + pending.len() == LEAVES_2021.len();
        for (i, (span, cells)) in pending.drain(..).enumerate() {
            if fits {
                place(
                    LEAVES_2021[start + i],
                    None,
                    span,
                    cells,
                    &mut rows,
                    &mut placed,
                    &mut unverifiable,
                );
            } else {
                unverifiable.push(Unverifiable {
                    span,
                    row: None,
                    reason: Reason::LostLabel,
                });
            }
        }
    }
    if rows.is_empty() {
        return None;
    }
    // A （六）其他处理 row with values and no sub-items is the 2019 format's single row.
    let has_other_leaves = rows.iter().any(|r| matches!(r.key, OtherHandling(_)));
    let mut format = Format::Y2021;
    if !has_other_leaves {
        if let Some(r) = rows
            .iter_mut()
            .find(|r| r.key == Subtotal(Group::OtherHandling))
        {
            r.key = OtherHandlingSingle;
            format = Format::Y2019;
        }
    }
    let leaves: &[RowKey] = match format {
        Format::Y2021 => &LEAVES_2021,
        Format::Y2019 => &LEAVES_2019,
    };
    let found = rows.iter().fold(0, |m, r| m | r.key.bit());
    let missing = leaves
        .iter()
        .copied()
        .filter(|k| found & k.bit() == 0)
        .collect();
    let span = Span::new(region.start, end.max(region.start));
    Some(RequestsTable {
        span,
        layout,
        format,
        org_subtotal,
        rows,
        missing,
        unverifiable,
    })
}

// ---------------------------------------------------------------------------------------------
// Table 四

/// The three groups of Table 四.
pub const APPEAL_GROUPS: [&str; 3] = [
    "行政复议",
    "行政诉讼（未经复议直接起诉）",
    "行政诉讼（复议后起诉）",
];
/// The five columns of each group.
pub const APPEAL_COLS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// Table 四 as found.
#[derive(Debug, Clone, PartialEq)]
pub struct AppealsTable {
    pub span: Span,
    pub layout: Layout,
    /// The 15 cells, group by group; `None` when they could not be told apart.
    pub cells: Option<Vec<Cell>>,
    /// The values as written.
    pub values: Span,
    pub unverifiable: Option<Unverifiable>,
}

impl AppealsTable {
    /// The cell of `group` (0..3) and column (0..5).
    pub fn cell(&self, group: usize, col: usize) -> Option<&Cell> {
        self.cells.as_ref()?.get(group * 5 + col)
    }

    /// Group totals that are numbers: (复议总计, 诉讼总计 = both lawsuit totals).
    pub fn totals(&self) -> Option<(i64, i64)> {
        let t = |g| self.cell(g, 4).and_then(|c| c.int());
        Some((t(0)?, t(1)? + t(2)?))
    }
}

/// Maps `grid` onto Table 四.
pub fn match_appeals(
    text: &str,
    grid: &Grid,
    layout: Layout,
    region: Span,
) -> Option<AppealsTable> {
    let mut gathered: Vec<Cell> = Vec::new();
    let mut values_span: Option<Span> = None;
    for row in grid.rows() {
        let Some(p) = parts(row) else { continue };
        if p.label.is_some() && p.sentence_like(text) {
            if values_span.is_some() {
                break;
            }
            continue;
        }
        let candidate = has_number(p.values) || (p.label.is_none() && p.values.len() >= 15);
        if !candidate {
            if values_span.is_some() {
                break;
            }
            continue;
        }
        let vs = p
            .values
            .iter()
            .fold(p.values[0].span, |a, c| a.cover(c.span));
        values_span = Some(values_span.map_or(vs, |s| s.cover(vs)));
        gathered.extend_from_slice(p.values);
        if gathered.len() >= 15 || gathered.iter().any(|c| c.value == CellValue::Digits) {
            break;
        }
    }
    let values = values_span?;
    let (cells, unverifiable) = match resolve(text, &gathered, 15) {
        Ok(c) => (Some(c), None),
        Err(reason) => (
            None,
            Some(Unverifiable {
                span: values,
                row: None,
                reason,
            }),
        ),
    };
    Some(AppealsTable {
        span: Span::new(region.start.min(values.start), values.end),
        layout,
        cells,
        values,
        unverifiable,
    })
}

// ---------------------------------------------------------------------------------------------
// Table 二

/// A row of Table 二.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProRowKey {
    Rules,
    Normative,
    Licensing,
    /// 其他对外管理服务事项 (2019 format)
    OtherServices,
    Penalty,
    Coercion,
    Fees,
    /// 政府集中采购 (2019 format)
    Procurement,
}

impl ProRowKey {
    pub fn label(self) -> &'static str {
        match self {
            ProRowKey::Rules => "规章",
            ProRowKey::Normative => "行政规范性文件",
            ProRowKey::Licensing => "行政许可",
            ProRowKey::OtherServices => "其他对外管理服务事项",
            ProRowKey::Penalty => "行政处罚",
            ProRowKey::Coercion => "行政强制",
            ProRowKey::Fees => "行政事业性收费",
            ProRowKey::Procurement => "政府集中采购",
        }
    }

    /// The clause of 条例 Art.20 whose sub-table holds the row: 1, 5, 6, 8 (9 in 2019).
    pub fn clause(self) -> u8 {
        match self {
            ProRowKey::Rules | ProRowKey::Normative => 1,
            ProRowKey::Licensing | ProRowKey::OtherServices => 5,
            ProRowKey::Penalty | ProRowKey::Coercion => 6,
            ProRowKey::Fees => 8,
            ProRowKey::Procurement => 9,
        }
    }

    /// The row's value columns in `format`.
    pub fn columns(self, format: Format) -> &'static [&'static str] {
        match (format, self.clause()) {
            (_, 1) if format == Format::Y2021 => &["本年制发件数", "本年废止件数", "现行有效件数"],
            (_, 1) => &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
            (Format::Y2021, 5 | 6) => &["本年处理决定数量"],
            (Format::Y2021, _) => &["本年收费金额（单位：万元）"],
            (Format::Y2019, 5 | 6) => &["上一年项目数量", "本年增/减", "处理决定数量"],
            (Format::Y2019, 8) => &["上一年项目数量", "本年增/减"],
            (Format::Y2019, _) => &["采购项目数量", "采购总金额"],
        }
    }

    pub const Y2021: [ProRowKey; 6] = [
        ProRowKey::Rules,
        ProRowKey::Normative,
        ProRowKey::Licensing,
        ProRowKey::Penalty,
        ProRowKey::Coercion,
        ProRowKey::Fees,
    ];
    pub const Y2019: [ProRowKey; 8] = [
        ProRowKey::Rules,
        ProRowKey::Normative,
        ProRowKey::Licensing,
        ProRowKey::OtherServices,
        ProRowKey::Penalty,
        ProRowKey::Coercion,
        ProRowKey::Fees,
        ProRowKey::Procurement,
    ];
}

const PRO_KEYS: &[(&str, ProRowKey)] = &[
    ("规章", ProRowKey::Rules),
    ("规范性文件", ProRowKey::Normative),
    ("行政许可", ProRowKey::Licensing),
    ("对外管理服务", ProRowKey::OtherServices),
    ("行政处罚", ProRowKey::Penalty),
    ("行政强制", ProRowKey::Coercion),
    ("事业性收费", ProRowKey::Fees),
    ("集中采购", ProRowKey::Procurement),
];

/// Strings that only the 2019 trial format's Table 二 has (report-format.md §2.4).
pub const OLD_FORMAT_SIGNS: [&str; 7] = [
    "本年新制作",
    "本年新公开",
    "对外公开总数",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务",
    "集中采购",
];

/// A data row of Table 二.
#[derive(Debug, Clone, PartialEq)]
pub struct ProactiveRow {
    pub key: ProRowKey,
    pub label: Span,
    /// One cell per column of [`ProRowKey::columns`]; `None` when they could not be told apart.
    pub cells: Option<Vec<Cell>>,
}

/// Table 二 (its sub-tables flattened into rows) as found.
#[derive(Debug, Clone, PartialEq)]
pub struct ProactiveTable {
    pub span: Span,
    pub layout: Layout,
    pub format: Format,
    /// Where the text shows the old format (the first 2019-only label).
    pub old_format_sign: Option<Span>,
    pub rows: Vec<ProactiveRow>,
    pub missing: Vec<ProRowKey>,
    pub unverifiable: Vec<Unverifiable>,
}

impl ProactiveTable {
    pub fn row(&self, key: ProRowKey) -> Option<&ProactiveRow> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// The sub-tables (clauses) present, in order.
    pub fn clauses(&self) -> Vec<u8> {
        let mut v: Vec<u8> = self.rows.iter().map(|r| r.key.clause()).collect();
        v.dedup();
        v
    }

    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
            && self.unverifiable.is_empty()
            && self.rows.iter().all(|r| r.cells.is_some())
    }
}

/// Maps `grid` onto Table 二.
pub fn match_proactive(
    text: &str,
    grid: &Grid,
    layout: Layout,
    region: Span,
) -> Option<ProactiveTable> {
    // The first 2019-only label in the region (among signs starting at the same place, the first
    // listed): one search for all of them.
    static SIGNS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(OLD_FORMAT_SIGNS)
            .expect("signs are plain words")
    });
    let old_format_sign = SIGNS
        .find(&text[region.range()])
        .map(|m| Span::new(region.start + m.start(), region.start + m.end()));
    let format = if old_format_sign.is_some() {
        Format::Y2019
    } else {
        Format::Y2021
    };
    let mut rows: Vec<ProactiveRow> = Vec::with_capacity(8);
    let mut unverifiable = Vec::new();
    let mut end = region.start;
    let mut norm = String::with_capacity(256);
    // The key that ends last wins; among keys ending at the same place, the first listed.
    static KEYS: LazyLock<AhoCorasick> =
        LazyLock::new(|| reversed_keys(PRO_KEYS, MatchKind::LeftmostFirst));
    let mut memo = PROACTIVE_LABELS.take();
    memo.start_table();
    for row in grid.rows() {
        let Some(p) = parts(row) else { continue };
        let Some(label) = p.label else { continue };
        if p.values.is_empty() || !has_value(p.values) && p.values.len() < 3 {
            continue;
        }
        let label = tighten(text, label);
        let facts = memo.get(text, &p, &mut norm, |norm| ProactiveLabel {
            key: last_key(&KEYS, PRO_KEYS, norm).map(|(_, k)| k),
            sentence: sentence_like(norm),
        });
        let Some(key) = facts.key else {
            if !rows.is_empty() && facts.sentence {
                break;
            }
            continue;
        };
        if rows.iter().any(|r| r.key == key) {
            break;
        }
        let n = key.columns(format).len();
        let cells = match resolve(text, p.values, n) {
            Ok(c) => Some(c),
            Err(reason) => {
                unverifiable.push(Unverifiable {
                    span: values_or(p.span, Some(label)),
                    row: Some(key.label()),
                    reason,
                });
                None
            }
        };
        end = end.max(p.span.end);
        rows.push(ProactiveRow { key, label, cells });
    }
    PROACTIVE_LABELS.set(memo);
    if rows.is_empty() {
        return None;
    }
    let expected: &[ProRowKey] = match format {
        Format::Y2021 => &ProRowKey::Y2021,
        Format::Y2019 => &ProRowKey::Y2019,
    };
    let missing = expected
        .iter()
        .copied()
        .filter(|k| !rows.iter().any(|r| r.key == *k))
        .collect();
    Some(ProactiveTable {
        span: Span::new(region.start, end),
        layout,
        format,
        old_format_sign,
        rows,
        missing,
        unverifiable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row key, with sub-item numbers out of the template's range.
    fn all_keys() -> Vec<RowKey> {
        let mut v = vec![
            New,
            Carried,
            Disclosed,
            Partial,
            OtherHandlingSingle,
            Total,
            CarryOver,
        ];
        for n in 0..=10 {
            v.extend([Withheld(n), Unable(n), NotProcessed(n), OtherHandling(n)]);
        }
        v.extend(Group::ALL.map(Subtotal));
        v
    }

    #[test]
    fn leaf_index_is_the_position_in_the_2021_order() {
        for k in all_keys() {
            assert_eq!(
                k.leaf_index(),
                LEAVES_2021.iter().position(|&l| l == k),
                "{k:?}"
            );
        }
    }

    #[test]
    fn keys_of_labels_have_bits_of_their_own() {
        let keys: Vec<RowKey> = LEAVES_2021
            .iter()
            .copied()
            .chain([OtherHandlingSingle])
            .chain(Group::ALL.map(Subtotal))
            .collect();
        let all = keys.iter().fold(0u32, |m, k| {
            assert_eq!(m & k.bit(), 0, "{k:?}");
            m | k.bit()
        });
        assert_eq!(all.count_ones() as usize, keys.len());
        // Every key a label can name is among them.
        for (_, k) in REQUEST_KEYS {
            assert!(keys.contains(k), "{k:?}");
        }
    }

    #[test]
    fn remembered_labels_agree_with_reading_them() {
        // Labels as one cell or several, each read twice (the second time from the memo).
        let rows: [&[&str]; 8] = [
            &["（一）予以公开"],
            &["（三）不予公开", "1.属于国家秘密"],
            &["（三）不予公开\t1.属于国家秘密"],
            &["（六）其他处理", "3.其他"],
            &["法律服务机构", "其他"],
            &["其他"],
            &["本年度，我单位共收到政府信息公开申请5件。"],
            &["５.要求行政机关确认或重新", "出具已获取信息"],
        ];
        let mut memo = LabelMemo::new();
        // In order, again (each label the one expected after the one before), in another order
        // (none expected), in order again, across a table's start, and in a memo restarted when
        // full.
        let order: Vec<usize> = (0..rows.len()).collect();
        let other: Vec<usize> = [3, 0, 7, 1, 1, 6, 2, 5, 4].into();
        let passes = [&order, &order, &other, &order, &other, &order];
        for (pass, order) in passes.into_iter().enumerate() {
            if pass == 3 {
                memo.start_table();
            }
            if pass == 5 {
                for k in 0..MEMO_CAP {
                    let text = format!("标签{k}");
                    let cells = [
                        Cell::with_value(Span::new(0, text.len()), CellValue::Text),
                        Cell::with_value(Span::empty(text.len()), CellValue::Int(0)),
                    ];
                    memo.get(
                        &text,
                        &parts(&cells).unwrap(),
                        &mut String::new(),
                        RequestLabel::of,
                    );
                }
            }
            for labels in order.iter().map(|&i| rows[i]) {
                let (text, cells) = label_cells(labels, "\n");
                let p = parts(&cells).unwrap();
                let mut norm = String::new();
                let got = memo.get(&text, &p, &mut norm, RequestLabel::of);
                let want = RequestLabel::of(&normalize(&labels.concat()));
                assert_eq!(
                    (got.key, got.ends_other, got.sentence),
                    (want.key, want.ends_other, want.sentence),
                    "{labels:?}"
                );
            }
        }
    }

    /// A row of `labels` (one text cell each, `sep` between them) and a count cell of 0 after
    /// them: the row's text and its cells.
    fn label_cells(labels: &[&str], sep: &str) -> (String, Vec<Cell>) {
        let text = labels.join(sep);
        let mut cells = Vec::new();
        let mut at = 0;
        for l in labels {
            cells.push(Cell::with_value(
                Span::new(at, at + l.len()),
                CellValue::Text,
            ));
            at += l.len() + sep.len();
        }
        cells.push(Cell::with_value(Span::empty(text.len()), CellValue::Int(0)));
        (text, cells)
    }

    #[test]
    fn sentence_like_labels_agree_with_their_normalized_text() {
        let long = "一、本年新收政府信息公开申请数量".repeat(5);
        let spaced = format!("{}\u{3000}", "规 章 ".repeat(14));
        let (a80, a81) = ("a".repeat(80), "a".repeat(81));
        let mixed = "结果维持\u{a0}结果纠正\u{3000}其他结果\u{feff}尚未审结 总计 ".repeat(6);
        let labels: [&[&str]; 12] = [
            &["（一）予以公开"],
            &["本年度，我单位共收到政府信息公开申请5件。"],
            &["本年度", "共收到申请5件。"],
            &[&long],
            &[&long[..long.len() - 6], "件"],
            &[&long, "。"],
            &[&spaced],
            &[&spaced, "规章规章规章"],
            &[&a80],
            &[&a81],
            &[&mixed],
            &[&mixed[..mixed.len() / 2], "𠀀ａ—。"],
        ];
        for labels in labels {
            let (text, cells) = label_cells(labels, "\t");
            let p = parts(&cells).unwrap();
            let want = sentence_like(&normalize(&labels.concat()));
            assert_eq!(p.sentence_like(&text), want, "{labels:?}");
        }
    }

    #[test]
    fn keys_pick_the_most_specific_label() {
        let k = |s: &str| request_key(&normalize(s));
        assert_eq!(k("三、本年度办理结果 （一）予以公开"), Some(Disclosed));
        assert_eq!(k("（三）不予公开 1.属于国家秘密"), Some(Withheld(1)));
        assert_eq!(k("3.危及“三安全一稳定”"), Some(Withheld(3)));
        assert_eq!(
            k("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            Some(Partial)
        );
        assert_eq!(
            k("(六) 其他处理\t1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            Some(OtherHandling(1))
        );
        assert_eq!(k("3. 其他"), Some(OtherHandling(3)));
        assert_eq!(k("法律服务机构其他"), None);
        assert_eq!(
            k("申请人情况自然人法人或其他组织总计商业企业其他一、本年新收政府信息公开申请数量"),
            Some(New)
        );
        assert_eq!(k("（七）总计"), Some(Total));
        assert_eq!(k("四、结转下年度继续办理"), Some(CarryOver));
        assert_eq!(
            k("5.要求行政机关确认或重新\n出具已获取信息"),
            Some(NotProcessed(5))
        );
    }
}

/// Whether `hay` holds `word`, with any whitespace allowed between its characters.
fn contains_spaced(hay: &str, word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    let rest: Vec<char> = chars.collect();
    // The first character's bytes, searched as a whole: searching for one byte of a CJK
    // character stops at nearly every character.
    let mut buf = [0u8; 4];
    let first = first.encode_utf8(&mut buf).as_bytes();
    memchr::memmem::find_iter(hay.as_bytes(), first).any(|i| {
        let mut it = hay[i + first.len()..]
            .chars()
            .filter(|c| !crate::text::is_space(*c));
        rest.iter().all(|w| it.next() == Some(*w))
    })
}

#[cfg(test)]
mod spaced_tests {
    #[test]
    fn words_with_spaces_between_their_characters() {
        assert!(super::contains_spaced(
            "法人或其他组织 小 计\t总计",
            "组织小计"
        ));
        assert!(super::contains_spaced("小计", "小计"));
        assert!(!super::contains_spaced("小额合计", "小计"));
    }
}
