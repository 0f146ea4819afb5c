//! Dates in a report: date expressions, the statistics-period sentence, the report year Y, the
//! publication (signature) date, and the places where the report speaks of its own year.
//!
//! Everything here is computed once per document through [`Dates`] (`doc.analysis::<Dates>()`).
//! Matching works on a *squeezed* copy of the text (spaces removed, full-width ASCII made
//! half-width) whose offsets map back to the original, so `2023 年 1 月 16 日` and
//! `２０２３年１月１６日` read like `2023年1月16日` while spans still point into the source.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::document::{Document, SectionKind};
use crate::text::{ascii_digit, is_space};
use crate::{Analysis, Span};

// ---------------------------------------------------------------------------------------------
// Squeezed text with an offset map

/// A copy of some text with spaces removed and full-width ASCII made half-width, with a map from
/// its byte offsets back to the original's.
#[derive(Debug, Clone)]
pub struct Squeezed {
    pub text: String,
    /// The map back to the original, in pieces: each piece is copied verbatim from `orig` on (a
    /// byte of `text` at `sq + k` came from `orig + k`), or is one full-width character made
    /// half-width (`full`: one byte in `text` for three in the original). Pieces are in order of
    /// `sq`; a piece ends where the next begins. Most characters are copied as they are, so a
    /// piece holds many of them and squeezing copies bytes instead of mapping each one (`u32`:
    /// the input size limit keeps offsets far below 4 GB).
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    sq: u32,
    orig: u32,
    full: bool,
}

/// What squeezing does with one character, decided on its bytes.
enum Squeeze {
    Keep,
    Drop,
    /// A full-width ASCII character (three bytes), made the ASCII byte.
    Half(u8),
}

/// How `c` (the character `b` starts with, `len` bytes long) is squeezed: spaces
/// ([`is_space`]) go, full-width ASCII (U+FF01–U+FF5E) is made half-width, the rest stays.
fn squeeze_char(b: &[u8], len: usize) -> Squeeze {
    match (b[0], len) {
        (b'\t'..=b'\r' | b' ', _) => Squeeze::Drop,
        (_, 1) => Squeeze::Keep,
        // U+4000–U+9FFF (the common Han characters): kept.
        (0xe4..=0xe9, _) => Squeeze::Keep,
        // U+3000 is a space; the rest of U+3000–U+3FFF (CJK punctuation and the like) is kept.
        (0xe3, _) => {
            if b[1] == 0x80 && b[2] == 0x80 {
                Squeeze::Drop
            } else {
                Squeeze::Keep
            }
        }
        // U+F000–U+FFFF: U+FEFF is a space, U+FF01–U+FF5E is full-width ASCII.
        (0xef, _) => {
            let c = (u32::from(b[1] & 0x3f) << 6) | u32::from(b[2] & 0x3f) | 0xf000;
            match c {
                0xfeff => Squeeze::Drop,
                // The half-width character is ASCII (U+0021–U+007E).
                0xff01..=0xff5e => Squeeze::Half((c - 0xfee0) as u8),
                _ => Squeeze::Keep,
            }
        }
        _ => {
            // `b` starts with a whole character of valid UTF-8.
            let c = std::str::from_utf8(&b[..len])
                .ok()
                .and_then(|s| s.chars().next())
                .unwrap_or('\0');
            if is_space(c) {
                Squeeze::Drop
            } else {
                Squeeze::Keep
            }
        }
    }
}

/// The opening paragraphs squeezed, once per document: the dates, the agency's name and its
/// region are all read from them.
#[derive(Debug, Clone)]
pub struct SqueezedOpening(pub Squeezed);

impl Analysis for SqueezedOpening {
    fn compute(doc: &Document) -> Self {
        let opening = doc.opening();
        SqueezedOpening(Squeezed::new(doc.slice(opening), opening.start))
    }
}

impl Squeezed {
    /// Squeezes `s`, whose first byte is at `base` in the document.
    pub fn new(s: &str, base: usize) -> Squeezed {
        Self::squeeze::<false>(s, base, usize::MAX)
    }

    /// Squeezes at most the first `max_chars` characters of `s` that are kept.
    fn with_limit(s: &str, base: usize, max_chars: usize) -> Squeezed {
        Self::squeeze::<true>(s, base, max_chars)
    }

    /// Squeezes `s`, at most its first `max_chars` kept characters when `LIMITED` (else all of
    /// it): the whole texts squeezed (the opening, headings, bodies) then do not count their
    /// characters, most of the loop's work per character.
    fn squeeze<const LIMITED: bool>(s: &str, base: usize, max_chars: usize) -> Squeezed {
        let b = s.as_bytes();
        let mut text = String::with_capacity(s.len());
        let mut pieces: Vec<Piece> = Vec::new();
        // The characters from `copy` to `i` are kept as they are and not yet copied.
        let mut copy = 0;
        let mut i = 0;
        let mut kept = 0;
        let flush = |text: &mut String, pieces: &mut Vec<Piece>, from: usize, to: usize| {
            if from < to {
                pieces.push(Piece {
                    sq: text.len() as u32,
                    orig: (base + from) as u32,
                    full: false,
                });
                text.push_str(&s[from..to]);
            }
        };
        while i < b.len() && (!LIMITED || kept < max_chars) {
            // Most characters are common Han ones (U+4000–U+9FFF), kept as they are.
            if (0xe4..=0xe9).contains(&b[i]) {
                i += 3;
                kept += 1;
                continue;
            }
            // ASCII but spaces and controls (`\t`–`\r`, ` `): kept.
            if (0x21..0x80).contains(&b[i]) {
                i += 1;
                kept += 1;
                continue;
            }
            let len = match b[i] {
                0..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            match squeeze_char(&b[i..], len) {
                Squeeze::Keep => kept += 1,
                Squeeze::Drop => {
                    flush(&mut text, &mut pieces, copy, i);
                    copy = i + len;
                }
                Squeeze::Half(h) => {
                    flush(&mut text, &mut pieces, copy, i);
                    pieces.push(Piece {
                        sq: text.len() as u32,
                        orig: (base + i) as u32,
                        full: true,
                    });
                    text.push(char::from(h));
                    copy = i + len;
                    kept += 1;
                }
            }
            i += len;
        }
        flush(&mut text, &mut pieces, copy, i);
        Squeezed { text, pieces }
    }

    /// The original start and end of the character that byte `at` of `text` belongs to.
    fn origin(&self, at: usize) -> (usize, usize) {
        let mut cs = at;
        while !self.text.is_char_boundary(cs) {
            cs -= 1;
        }
        let r = self.pieces[self.pieces.partition_point(|r| r.sq as usize <= cs) - 1];
        let start = r.orig as usize + (cs - r.sq as usize);
        let len = if r.full {
            3
        } else {
            self.text[cs..].chars().next().map_or(1, char::len_utf8)
        };
        (start, start + len)
    }

    /// The original span of the squeezed range `start..end` (non-empty).
    pub fn span(&self, start: usize, end: usize) -> Span {
        if start >= end || self.text.is_empty() {
            let at = if self.text.is_empty() {
                0
            } else if start < self.text.len() {
                self.origin(start).0
            } else {
                self.origin(self.text.len() - 1).1
            };
            return Span::empty(at);
        }
        Span::new(self.origin(start).0, self.origin(end - 1).1)
    }
}

// ---------------------------------------------------------------------------------------------
// Date expressions

/// A date as written: `2022年1月1日`, `12月31日` (year left out), `2023 年 1 月 16 日`. The
/// numbers are kept as written, so `2月30日` is a `DateExpr` whose [`date`](Self::date) is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateExpr {
    pub span: Span,
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl DateExpr {
    /// The calendar date, if the year is given and the date exists.
    pub fn date(&self) -> Option<Date> {
        self.date_in(self.year?)
    }

    /// The calendar date in `year` (for a month-day without its own year).
    pub fn date_in(&self, year: i32) -> Option<Date> {
        let y = i16::try_from(self.year.unwrap_or(year)).ok()?;
        let m = i8::try_from(self.month).ok()?;
        let d = i8::try_from(self.day).ok()?;
        Date::new(y, m, d).ok()
    }

    /// Whether month and day make a date (in a leap year when the year is left out).
    pub fn is_valid(&self) -> bool {
        self.date_in(self.year.unwrap_or(2000)).is_some()
    }

    /// As written, normalised: `2022年1月1日` or `12月31日`.
    pub fn display(&self) -> String {
        match self.year {
            Some(y) => format!("{y}年{}月{}日", self.month, self.day),
            None => format!("{}月{}日", self.month, self.day),
        }
    }
}

/// `2022年1月1日`, `12月31日` and `2022.1.1` in squeezed text.
const DATE_PAT: &str = r"(?:(?P<y>[0-9]{4})年)?(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日|(?P<y2>[0-9]{4})[./](?P<m2>[0-9]{1,2})[./](?P<d2>[0-9]{1,2})";

static DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(DATE_PAT).unwrap());

fn date_from_caps(sq: &Squeezed, c: &regex::Captures<'_>) -> DateExpr {
    let m0 = c.get(0).unwrap();
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (year, month, day) = if c.name("m").is_some() {
        (
            num("y").map(|y| y as i32),
            num("m").unwrap_or(0),
            num("d").unwrap_or(0),
        )
    } else {
        (
            num("y2").map(|y| y as i32),
            num("m2").unwrap_or(0),
            num("d2").unwrap_or(0),
        )
    };
    DateExpr {
        span: sq.span(m0.start(), m0.end()),
        year,
        month,
        day,
    }
}

/// Every date expression in `s` (which starts at `base` in the document), in order.
pub fn find_dates(s: &str, base: usize) -> Vec<DateExpr> {
    let sq = Squeezed::new(s, base);
    DATE.captures_iter(&sq.text)
        .map(|c| date_from_caps(&sq, &c))
        .collect()
}

/// `s` read as exactly one date (spaces and full-width digits allowed), starting at `base`.
pub fn parse_date(s: &str, base: usize) -> Option<DateExpr> {
    let sq = Squeezed::new(s, base);
    let (year, month, day) = whole_date(&sq.text)?;
    Some(DateExpr {
        span: sq.span(0, sq.text.len()),
        year,
        month,
        day,
    })
}

/// Year, month and day when all of `t` is one match of DATE (then DATE's leftmost match is all
/// of `t`: the character after the first run of digits picks the alternative, and the greedy
/// year and day take what is written), read by hand rather than by a capture search.
fn whole_date(t: &str) -> Option<(Option<i32>, u32, u32)> {
    let b = t.as_bytes();
    // The number of 1 to `max` digits at `i`, and their value.
    let num = |i: usize, max: usize| {
        let n = b
            .get(i..)?
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count();
        (1..=max)
            .contains(&n)
            .then(|| (n, t[i..i + n].parse::<u32>().unwrap_or(0)))
    };
    let after = |i: usize, w: &str| b.get(i..)?.starts_with(w.as_bytes()).then_some(i + w.len());
    // `2022.1.1`, `2022/1/1`
    if let Some((4, y)) = num(0, 4) {
        if matches!(b.get(4), Some(b'.' | b'/')) {
            let (nm, m) = num(5, 2)?;
            let i = 5 + nm;
            if !matches!(b.get(i), Some(b'.' | b'/')) {
                return None;
            }
            let (nd, d) = num(i + 1, 2)?;
            return (i + 1 + nd == b.len()).then_some((Some(y as i32), m, d));
        }
    }
    // `2022年1月1日`, `1月1日`
    let (year, i) = match num(0, 4) {
        Some((4, y)) if after(4, "年").is_some() => (Some(y as i32), 4 + "年".len()),
        _ => (None, 0),
    };
    let (nm, m) = num(i, 2)?;
    let i = after(i + nm, "月")?;
    let (nd, d) = num(i, 2)?;
    let i = after(i + nd, "日")?;
    (i == b.len()).then_some((year, m, d))
}

// ---------------------------------------------------------------------------------------------
// The statistics-period sentence

/// One end of a period as understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodEnd {
    /// The text this end was read from.
    pub span: Span,
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl PeriodEnd {
    pub fn date_in(&self, year: i32) -> Option<Date> {
        DateExpr {
            span: self.span,
            year: self.year,
            month: self.month,
            day: self.day,
        }
        .date_in(year)
    }

    pub fn display(&self) -> String {
        match self.year {
            Some(y) => format!("{y}年{}月{}日", self.month, self.day),
            None => format!("{}月{}日", self.month, self.day),
        }
    }
}

/// How the dates of a statistics-period sentence were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodForm {
    /// Two dates joined by 至/到/—: `自2022年1月1日起至2022年12月31日止`, `2022年1月1日至12月31日`.
    Range { start: PeriodEnd, end: PeriodEnd },
    /// A whole year in one phrase: `2022年度`, `2022年全年`, `2022年1—12月`.
    WholeYear { year: i32 },
    /// Meant as a period but garbled (`2023 11日到1231日`): what could be understood, if anything.
    Garbled {
        start: Option<PeriodEnd>,
        end: Option<PeriodEnd>,
    },
    /// Only one date, or none: `统计期限为2022年1月1日`.
    Incomplete { start: Option<PeriodEnd> },
}

/// The sentence that gives the statistics period (report-format.md §7.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatPeriod {
    /// From `统计` to the end of the dates (including `止`).
    pub span: Span,
    /// The words that introduce it (`统计期限`, `统计时限`, `统计数据`).
    pub keyword: Span,
    /// The dates part: the smallest text to point at when the dates are wrong.
    pub dates: Span,
    pub form: PeriodForm,
}

impl StatPeriod {
    /// The first and last day, when both are understood (a missing year in the end date is taken
    /// from the start).
    pub fn bounds(&self) -> Option<(Date, Date)> {
        match &self.form {
            PeriodForm::Range { start, end }
            | PeriodForm::Garbled {
                start: Some(start),
                end: Some(end),
            } => {
                let y = start.year?;
                Some((start.date_in(y)?, end.date_in(end.year.unwrap_or(y))?))
            }
            PeriodForm::WholeYear { year } => {
                let y = i16::try_from(*year).ok()?;
                Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?))
            }
            _ => None,
        }
    }

    /// The year the period covers, when it is exactly one calendar year.
    pub fn year(&self) -> Option<i32> {
        let (a, b) = self.bounds()?;
        (a.year() == b.year() && (a.month(), a.day()) == (1, 1) && (b.month(), b.day()) == (12, 31))
            .then_some(a.year() as i32)
    }

    /// The year written first in the period (even when the period is wrong).
    pub fn start_year(&self) -> Option<i32> {
        match &self.form {
            PeriodForm::Range { start, .. } => start.year,
            PeriodForm::WholeYear { year } => Some(*year),
            PeriodForm::Garbled { start, .. } | PeriodForm::Incomplete { start } => {
                start.and_then(|s| s.year)
            }
        }
    }

    /// What was understood, in words: `2021年1月1日至2021年12月31日`.
    pub fn understood(&self) -> Option<String> {
        match &self.form {
            PeriodForm::Range { start, end }
            | PeriodForm::Garbled {
                start: Some(start),
                end: Some(end),
            } => Some(format!("{}至{}", start.display(), end.display())),
            PeriodForm::WholeYear { year } => Some(format!("{year}年全年")),
            PeriodForm::Incomplete { start: Some(s) } => Some(s.display()),
            _ => None,
        }
    }
}

/// The words that introduce a statistics period, in squeezed text, ending where the dates begin:
/// what [`period_key`] reads.
#[cfg(test)]
static PERIOD_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<key>统计(?:数据)?的?(?P<noun>期限|时限|时间段|时间|期间|区间|周期|范围|时段|期)?)(?:均|统一)?(?:为|是|:|：)?(?:为|是|:|：)?(?P<from>自|从|由)?",
    )
    .unwrap()
});

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let d = |n: &str| {
        format!(
            r"(?:(?P<{n}y>[0-9]{{4}})年)?(?P<{n}m>[0-9]{{1,2}})月(?P<{n}d>[0-9]{{1,2}})日|(?P<{n}y2>[0-9]{{4}})[./](?P<{n}m2>[0-9]{{1,2}})[./](?P<{n}d2>[0-9]{{1,2}})"
        )
    };
    Regex::new(&format!(
        r"^(?:{})(?:起|始)?(?:至|到|—{{1,2}}|-|–|−|~|〜)(?:{})止?",
        d("a"),
        d("b")
    ))
    .unwrap()
});

static WHOLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<y>[0-9]{4})(?:年度|年全年|全年|年1(?:月)?(?:至|到|—{1,2}|-|–|−|~|〜)12月|年)(?:全年)?",
    )
    .unwrap()
});

/// The capture-group names of RANGE's start (`a`) and end (`b`) dates, in the order
/// y, m, d, y2, m2, d2: what [`range_groups`] reads.
#[cfg(test)]
const RANGE_A: [&str; 6] = ["ay", "am", "ad", "ay2", "am2", "ad2"];
#[cfg(test)]
const RANGE_B: [&str; 6] = ["by", "bm", "bd", "by2", "bm2", "bd2"];

/// The groups of one date of RANGE (y, m, d, y2, m2, d2), as byte ranges in the match.
type DateGroups = [Option<std::ops::Range<usize>>; 6];

/// RANGE's groups for the start (`a`) and end (`b`) dates, read off its match `m` (which
/// starts the text searched): a capture search cost more than the rest of reading the period.
/// The pattern leaves no choice: the character after a date's first run of digits picks its
/// form (`年` or `月`: written; `.` or `/`: numeric), each number runs up to the `年`, `月`, `日`
/// or separator after it, `起` cannot start the joining word nor `—` a date, and the greedy last
/// number takes at most two digits.
fn range_groups(m: &str) -> [DateGroups; 2] {
    let b = m.as_bytes();
    let digits = |i: usize| {
        b.get(i..)
            .map_or(0, |r| r.iter().take_while(|d| d.is_ascii_digit()).count())
    };
    let date = |i: usize| -> (DateGroups, usize) {
        let n = digits(i);
        let after = i + n;
        if n == 4 && matches!(b.get(after), Some(b'.' | b'/')) {
            let mi = after + 1;
            let nm = digits(mi);
            let di = mi + nm + 1;
            let nd = digits(di).min(2);
            let g = [
                None,
                None,
                None,
                Some(i..after),
                Some(mi..mi + nm),
                Some(di..di + nd),
            ];
            return (g, di + nd);
        }
        let (y, mi) = if n == 4 && b[after..].starts_with("年".as_bytes()) {
            (Some(i..after), after + "年".len())
        } else {
            (None, i)
        };
        let nm = digits(mi);
        let di = mi + nm + "月".len();
        let nd = digits(di);
        let g = [y, Some(mi..mi + nm), Some(di..di + nd), None, None, None];
        (g, di + nd + "日".len())
    };
    let (start, mut i) = date(0);
    // `起` and `始` are both three bytes.
    if b[i..].starts_with("起".as_bytes()) || b[i..].starts_with("始".as_bytes()) {
        i += "起".len();
    }
    i += ["——", "—", "至", "到", "-", "–", "−", "~", "〜"]
        .iter()
        .find(|w| b[i..].starts_with(w.as_bytes()))
        .map_or(0, |w| w.len());
    let (end, _) = date(i);
    [start, end]
}

/// One end of a RANGE match made on `sq.text[at..]`, from its groups.
fn range_end(sq: &Squeezed, at: usize, groups: &DateGroups) -> PeriodEnd {
    let [y1, m1, d1, y2, m2, d2] = groups;
    let num = |g: &Option<std::ops::Range<usize>>| {
        g.as_ref()
            .and_then(|r| sq.text[at + r.start..at + r.end].parse::<u32>().ok())
    };
    let (y, m, d) = if m1.is_some() {
        (num(y1), num(m1), num(d1))
    } else {
        (num(y2), num(m2), num(d2))
    };
    let (start, end) = [y1, m1, y2, m2]
        .iter()
        .filter_map(|g| g.as_ref())
        .map(|r| r.start)
        .min()
        .zip(
            [d1, d2]
                .iter()
                .filter_map(|g| g.as_ref())
                .map(|r| r.end)
                .max(),
        )
        .unwrap_or((0, 0));
    let (start, end) = (at + start, at + end);
    // Include the 日 that follows the day number.
    let end = if sq.text[end..].starts_with('日') {
        end + '日'.len_utf8()
    } else {
        end
    };
    PeriodEnd {
        span: sq.span(start, end),
        year: y.map(|y| y as i32),
        month: m.unwrap_or(0),
        day: d.unwrap_or(0),
    }
}

/// Finds the statistics-period sentences in `s` (starting at `base`).
///
/// Every sentence starts with `统计`, so only a window after each occurrence of it is squeezed
/// and searched: the rest of the report is never copied.
pub fn find_periods(s: &str, base: usize) -> Vec<StatPeriod> {
    /// Bytes after `统计` that can hold the key words and the 40-character clause, spaces included.
    const WINDOW: usize = 480;
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(s.as_bytes(), "统计".as_bytes()) {
        let mut end = (at + WINDOW).min(s.len());
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        period_at(&s[at..end], base + at, &mut out);
    }
    out
}

/// Whether the dates can follow the `统计` that starts `s`: the period's key words (`统计数据的时间
///段均为自`…) are followed by a digit, spaces aside. Most `统计`s in a report (`统计图`, `统计
/// 表`, `据统计，`) fail this at once, before anything is copied or searched.
fn digits_follow_key(s: &str) -> bool {
    let first = s
        .chars()
        .filter(|&c| !is_space(c))
        .find(|&c| !"统计数据的期限时间段区周范围均一为是自从由:：".contains(c));
    first.is_some_and(|c| ascii_digit(c).is_some())
}

/// PERIOD_KEY's match at the start of a text: the `key` group, whether `noun` and `from` took
/// part, and the end.
#[derive(Debug, PartialEq, Eq)]
struct PeriodKey {
    key: std::ops::Range<usize>,
    noun: bool,
    from: bool,
    end: usize,
}

/// PERIOD_KEY matched at the start of `t` by hand (a capture search cost more than the rest of
/// the sentence's reading). Everything after `统计` is optional, so nothing after a part can
/// fail and make the regex give the part up: each part takes its first alternative that is
/// there, in the pattern's order.
fn period_key(t: &str) -> Option<PeriodKey> {
    let mut i = "统计".len();
    if !t.starts_with("统计") {
        return None;
    }
    // Moves `i` past the first of `words` there, if any.
    let take = |i: &mut usize, words: &[&str]| {
        let w = words.iter().find(|w| t[*i..].starts_with(**w));
        *i += w.map_or(0, |w| w.len());
        w.is_some()
    };
    take(&mut i, &["数据"]);
    take(&mut i, &["的"]);
    let noun = take(
        &mut i,
        &[
            "期限",
            "时限",
            "时间段",
            "时间",
            "期间",
            "区间",
            "周期",
            "范围",
            "时段",
            "期",
        ],
    );
    let key = 0..i;
    take(&mut i, &["均", "统一"]);
    // `为`, `：`, or both (`统计期限为：2023年…`, `统计时间：为…`).
    take(&mut i, &["为", "是", ":", "："]);
    take(&mut i, &["为", "是", ":", "："]);
    let from = take(&mut i, &["自", "从", "由"]);
    Some(PeriodKey {
        key,
        noun,
        from,
        end: i,
    })
}

/// The statistics-period sentence whose key words start `s`, if it is one.
fn period_at(s: &str, base: usize, out: &mut Vec<StatPeriod>) {
    // PERIOD_KEY matches only these characters, and the clause after it must start with a digit.
    if !digits_follow_key(s) {
        return;
    }
    // The key words (at most 12 characters), the clause (at most 40) and a `日` after it are all
    // that is read.
    let sq = Squeezed::with_limit(s, base, 64);
    let t = sq.text.as_str();
    let Some(k) = period_key(t) else {
        return;
    };
    {
        let key = k.key;
        let rest_at = k.end;
        let rest = &t[rest_at..];
        // The clause the dates are in: up to the end of the sentence, at most 40 characters.
        let clause_len = rest
            .char_indices()
            .take(40)
            .find(|&(_, ch)| matches!(ch, '。' | '；' | ';' | '，' | ',' | '\n'))
            .map_or_else(
                || rest.char_indices().nth(40).map_or(rest.len(), |(i, _)| i),
                |(i, _)| i,
            );
        let clause = &rest[..clause_len];
        let starts_with_digit = clause.starts_with(|ch: char| ch.is_ascii_digit());
        let (has_noun, has_from) = (k.noun, k.from);
        let has_conn = clause.contains(['至', '到']);
        // `统计` alone is a common verb; only a period noun or `自/从…至/到` makes it a period.
        if !starts_with_digit || !(has_noun || (has_from && has_conn)) {
            return;
        }
        let keyword = sq.span(key.start, key.end);
        if let Some(m) = RANGE.find(clause) {
            let [a, b] = range_groups(m.as_str());
            let start = range_end(&sq, rest_at, &a);
            let end = range_end(&sq, rest_at, &b);
            out.push(StatPeriod {
                span: sq.span(key.start, rest_at + m.end()),
                keyword,
                dates: sq.span(rest_at, rest_at + m.end()),
                form: PeriodForm::Range { start, end },
            });
            return;
        }
        if let Some(w) = WHOLE_YEAR.captures(clause) {
            let m = w.get(0).unwrap();
            // `2022年` followed by a month is not a whole year: that is a garbled or partial date.
            let after = &clause[m.end()..];
            if !(m.as_str().ends_with('年') && after.starts_with(|ch: char| ch.is_ascii_digit())) {
                out.push(StatPeriod {
                    span: sq.span(key.start, rest_at + m.end()),
                    keyword,
                    dates: sq.span(rest_at, rest_at + m.end()),
                    form: PeriodForm::WholeYear {
                        year: w["y"].parse().unwrap_or(0),
                    },
                });
                return;
            }
        }
        // Not well formed: read what can be read from the original text.
        let clause_trim = clause.trim_end_matches(['止', '。']);
        let dates = sq.span(rest_at, rest_at + clause_trim.len());
        let original = &s[dates.start - base..dates.end - base];
        let form = understand_garbled(original, dates.start);
        out.push(StatPeriod {
            span: sq.span(key.start, rest_at + clause_trim.len()),
            keyword,
            dates,
            form,
        });
    }
}

/// One run of digits in a garbled date, with the unit character that follows it.
#[derive(Debug, Clone)]
struct Run {
    digits: String,
    unit: Option<char>,
    span: Span,
}

fn runs(s: &str, base: usize) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut cur: Option<(String, usize, usize)> = None;
    for (i, c) in s.char_indices() {
        if let Some(d) = ascii_digit(c) {
            let e = cur.get_or_insert_with(|| (String::new(), i, i));
            e.0.push(char::from_digit(d, 10).unwrap_or('0'));
            e.2 = i + c.len_utf8();
            continue;
        }
        if let Some((digits, a, b)) = cur.take() {
            let unit = matches!(c, '年' | '月' | '日').then_some(c);
            let end = if unit.is_some() { i + c.len_utf8() } else { b };
            out.push(Run {
                digits,
                unit,
                span: Span::new(base + a, base + end),
            });
        }
    }
    if let Some((digits, a, b)) = cur {
        out.push(Run {
            digits,
            unit: None,
            span: Span::new(base + a, base + b),
        });
    }
    out
}

/// Reads `2023 11日到1231日` as well as it can: the year, then month and day with the 月/年 lost.
fn understand_garbled(s: &str, base: usize) -> PeriodForm {
    let split = s
        .char_indices()
        .find(|&(_, c)| matches!(c, '至' | '到' | '—' | '－' | '–' | '−' | '~' | '～' | '〜'));
    let (left, right) = match split {
        Some((i, c)) => (
            (&s[..i], base),
            Some((&s[i + c.len_utf8()..], base + i + c.len_utf8())),
        ),
        None => ((s, base), None),
    };
    let start = read_side(left.0, left.1, None);
    let end = right.and_then(|(r, b)| read_side(r, b, start.and_then(|s| s.year)));
    match (start, end, right.is_some()) {
        (Some(_), None, false) => PeriodForm::Incomplete { start },
        _ => PeriodForm::Garbled { start, end },
    }
}

/// One side of a garbled period: an optional 4-digit year, then month and day.
fn read_side(s: &str, base: usize, _year_hint: Option<i32>) -> Option<PeriodEnd> {
    let rs = runs(s, base);
    if rs.is_empty() {
        return None;
    }
    let mut i = 0;
    let mut year = None;
    if rs[0].digits.len() == 4 && matches!(rs[0].unit, None | Some('年')) && rs.len() > 1 {
        year = rs[0].digits.parse().ok();
        i = 1;
    } else if rs[0].digits.len() > 4 && rs[0].unit != Some('月') {
        // `202311日`: the year run together with what follows.
        let (y, rest) = rs[0].digits.split_at(4);
        let (m, d) = split_month_day(rest)?;
        return Some(PeriodEnd {
            span: rs[0].span,
            year: y.parse().ok(),
            month: m,
            day: d,
        });
    }
    let rest = &rs[i..];
    let span = rs[0].span.cover(rs.last()?.span);
    let (month, day) = match rest {
        [m, d, ..] if m.unit == Some('月') || m.unit.is_none() => {
            (m.digits.parse().ok()?, d.digits.parse().ok()?)
        }
        [md] => split_month_day(&md.digits)?,
        _ => return None,
    };
    let e = PeriodEnd {
        span,
        year,
        month,
        day,
    };
    e.date_in(year.unwrap_or(2000))?;
    Some(e)
}

/// `11` → 1月1日, `1231` → 12月31日, `131` → 1月31日; `None` when more than one reading is a date.
fn split_month_day(d: &str) -> Option<(u32, u32)> {
    let valid = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
    let mut found = None;
    for k in 1..d.len() {
        let (m, dd) = d.split_at(k);
        if m.len() > 2 || dd.len() > 2 {
            continue;
        }
        let (Ok(m), Ok(dd)) = (m.parse(), dd.parse()) else {
            continue;
        };
        if valid(m, dd) {
            if found.is_some() {
                return None;
            }
            found = Some((m, dd));
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// The report's own year, publication date

/// Where the report year Y was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Title,
    Period,
    Opening,
}

/// The report year Y.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportYear {
    pub value: i32,
    pub source: YearSource,
    pub span: Span,
}

/// Where the report speaks of its own year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearContext {
    /// `现公布…2022年度政府信息公开工作报告` in the opening.
    Opening,
    /// The first words of 总体情况 (`2022年，我镇…`) or its heading (`一、2020年…总体情况`).
    Overview,
}

/// A year the report uses for itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnYear {
    pub value: i32,
    /// The four digits.
    pub span: Span,
    pub context: YearContext,
}

/// Where a publication date was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicationSource {
    /// The date of the closing block (落款).
    Signature,
    /// A web page's `发布时间`/`发布日期`.
    Page,
}

/// The date the report was signed or published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publication {
    pub span: Span,
    /// `None` when the date as written does not exist (`2023年2月30日`).
    pub date: Option<Date>,
    pub written: DateExpr,
    pub source: PublicationSource,
}

/// The dates of one document.
#[derive(Debug, Clone, Default)]
pub struct Dates {
    /// Every statistics-period sentence, in order.
    pub periods: Vec<StatPeriod>,
    /// The report year Y: the title's, else the period's, else the opening's.
    pub report_year: Option<ReportYear>,
    pub publication: Option<Publication>,
    /// The places where the report names its own year.
    pub own_years: Vec<OwnYear>,
}

impl Dates {
    /// The statistics period: the first well-formed one, else the first found.
    pub fn period(&self) -> Option<&StatPeriod> {
        self.periods
            .iter()
            .find(|p| {
                matches!(
                    p.form,
                    PeriodForm::Range { .. } | PeriodForm::WholeYear { .. }
                )
            })
            .or_else(|| self.periods.first())
    }

    /// Y as a number.
    pub fn year(&self) -> Option<i32> {
        self.report_year.map(|y| y.value)
    }
}

/// `(?:公布|发布|公开|编制|编写|形成)[^。；;，,\n]{0,40}?(?P<y>[0-9]{4})年度?[^。；;\n]{0,30}?(?:政府信息公开|政务公开|信息公开)[^。；;\n]{0,12}?报告`:
/// where the opening names its own year. Read by [`opening_years`]; the regex stays for the
/// tests that compare the two.
#[cfg(test)]
static OPENING_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:公布|发布|公开|编制|编写|形成)[^。；;，,\n]{0,40}?(?P<y>[0-9]{4})年度?[^。；;\n]{0,30}?(?:政府信息公开|政务公开|信息公开)[^。；;\n]{0,12}?报告",
    )
    .unwrap()
});
/// `结合(?P<y>[0-9]{4})年度?[^。；;，,\n]{0,30}?(?:政府信息公开|政务公开|信息公开)工作`: read by
/// [`work_years`].
#[cfg(test)]
static WORK_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"结合(?P<y>[0-9]{4})年度?[^。；;，,\n]{0,30}?(?:政府信息公开|政务公开|信息公开)工作",
    )
    .unwrap()
});
static OVERVIEW_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日)?(?P<y>[0-9]{4})年度?(?:[,，]|我|全|本|[^[0-9]月]{0,30}?(?:政府信息公开|政务公开)总体情况)").unwrap()
});
static PAGE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发布|公开|成文)(?:日期|时间)[:：]\[?(?P<y>[0-9]{4})[-/.年](?P<m>[0-9]{1,2})[-/.月](?P<d>[0-9]{1,2})")
        .unwrap()
});

/// Whether `b` holds four ASCII digits and `年` at `at`.
fn year_at(b: &[u8], at: usize) -> bool {
    b.get(at..at + 4)
        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && b.get(at + 4..at + 7) == Some("年".as_bytes())
}

/// `[^。；;，,\n]`: what the patterns' gaps within a clause may hold.
fn ends_clause(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '，' | ',' | '\n')
}

/// `[^。；;\n]`: what the patterns' gaps within a sentence may hold.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '\n')
}

/// A lazy gap of at most `max` characters from `at` that `stop` does not hold
/// (`[^…]{0,max}?`), followed by what `rest` reads: `rest` is tried after no character, then
/// after one more at a time, and its first success is the regex's (leftmost-first) choice.
fn lazy_gap<R>(
    t: &str,
    at: usize,
    max: usize,
    stop: fn(char) -> bool,
    mut rest: impl FnMut(usize) -> Option<R>,
) -> Option<R> {
    let mut i = at;
    for n in 0..=max {
        if let Some(r) = rest(i) {
            return Some(r);
        }
        match t[i..].chars().next() {
            Some(c) if n < max && !stop(c) => i += c.len_utf8(),
            _ => return None,
        }
    }
    None
}

/// `度?` at `at` (after a year's `年`), then a lazy gap of at most `max` characters that
/// `stop` does not hold and one of `政府信息公开`, `政务公开`, `信息公开`, then what `rest`
/// reads: the end of the whole, in the patterns' order of preference (`度` taken when there).
fn year_then_publicity(
    t: &str,
    at: usize,
    max: usize,
    stop: fn(char) -> bool,
    rest: impl Fn(usize) -> Option<usize>,
) -> Option<usize> {
    const WORDS: [&str; 3] = ["政府信息公开", "政务公开", "信息公开"];
    let du = t[at..].starts_with('度').then_some(at + "度".len());
    du.into_iter().chain([at]).find_map(|from| {
        lazy_gap(t, from, max, stop, |i| {
            WORDS
                .iter()
                .filter(|w| t[i..].starts_with(**w))
                .find_map(|w| rest(i + w.len()))
        })
    })
}

/// The positions of every `dddd年` in `t` (of the four digits), in order.
fn years_in(t: &str) -> impl Iterator<Item = usize> + '_ {
    let b = t.as_bytes();
    memchr::memmem::find_iter(b, "年".as_bytes())
        .filter_map(|n| n.checked_sub(4))
        .filter(move |&y| year_at(b, y))
}

/// The matches of `OPENING_YEAR` in `t` (`现公布2022年度政府信息公开工作报告`), in order, as
/// (match, `y` group), read without a regex: its lazy DFA over the bounded gaps cost more than
/// the rest of the dates.
///
/// Read from the years, which are few, rather than from the verbs, which are many (`公开`):
/// the years the rest of the pattern follows, then the verbs that end at most 40 characters
/// before one in the same clause. A verb's match is its first such year (the gap is lazy);
/// the matches are those of the verbs from the left, each after the last match's end.
fn opening_years(t: &str) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    const VERBS: [&str; 6] = ["公布", "发布", "公开", "编制", "编写", "形成"];
    let b = t.as_bytes();
    // (year, end of the match) for each year that the pattern's rest follows.
    let years: Vec<(usize, usize)> = years_in(t)
        .filter_map(|y| {
            let end = year_then_publicity(t, y + "2022年".len(), 30, ends_sentence, |i| {
                lazy_gap(t, i, 12, ends_sentence, |j| {
                    t[j..].starts_with("报告").then_some(j + "报告".len())
                })
            })?;
            Some((y, end))
        })
        .collect();
    // (verb, index of its year) for each verb that reaches a year, the first year first.
    let mut verbs: Vec<(usize, usize)> = Vec::new();
    for (k, &(y, _)) in years.iter().enumerate() {
        // Back from the year over the gap: a verb may end at each place passed.
        let mut q = y;
        for n in 0..=40 {
            // Each verb is two three-byte characters.
            if q >= 6 && VERBS.iter().any(|v| &b[q - 6..q] == v.as_bytes()) {
                verbs.push((q - 6, k));
            }
            match t[..q].chars().next_back() {
                Some(c) if n < 40 && !ends_clause(c) => q -= c.len_utf8(),
                _ => break,
            }
        }
    }
    // By verb, each verb's first year kept (the sort is stable).
    verbs.sort_by_key(|&(v, _)| v);
    verbs.dedup_by_key(|&mut (v, _)| v);
    let mut out = Vec::new();
    let mut from = 0;
    for (v, k) in verbs {
        if v >= from {
            let (y, end) = years[k];
            from = end;
            out.push((v..end, y..y + 4));
        }
    }
    out
}

/// The matches of `WORK_YEAR` in `t` (`结合2022年度政务公开工作`), in order, as (match, `y`
/// group): the four digits after `结合`.
fn work_years(t: &str) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for at in memchr::memmem::find_iter(b, "结合".as_bytes()) {
        if at < from {
            continue;
        }
        let y = at + "结合".len();
        if !year_at(b, y) {
            continue;
        }
        let end = year_then_publicity(t, y + "2022年".len(), 30, ends_clause, |i| {
            t[i..].starts_with("工作").then_some(i + "工作".len())
        });
        if let Some(end) = end {
            from = end;
            out.push((at..end, y..y + 4));
        }
    }
    out
}

/// The `y` group of OVERVIEW_YEAR's match `m`: after a leading `dddd年d月d日` when one is there
/// (the optional date is greedy, and without it a year followed by a month fails the pattern),
/// else the first four digits.
fn overview_year(m: regex::Match<'_>) -> std::ops::Range<usize> {
    let b = m.as_str().as_bytes();
    let digits = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count()
    };
    let date_len = (|| {
        if !year_at(b, 0) {
            return None;
        }
        let mut at = 7;
        let month = digits(at);
        if !(1..=2).contains(&month) || !b[at + month..].starts_with("月".as_bytes()) {
            return None;
        }
        at += month + 3;
        let day = digits(at);
        if !(1..=2).contains(&day) || !b[at + day..].starts_with("日".as_bytes()) {
            return None;
        }
        at += day + 3;
        year_at(b, at).then_some(at)
    })();
    let at = m.start() + date_len.unwrap_or(0);
    at..at + 4
}

impl Analysis for Dates {
    fn compute(doc: &Document) -> Self {
        let text = doc.text();
        let periods = find_periods(text, 0);

        let mut own_years = Vec::new();
        let squeezed = doc.analysis::<SqueezedOpening>();
        let sq = &squeezed.0;
        let opening_matches = opening_years(&sq.text);
        let work_matches = work_years(&sq.text);
        for (_, y) in opening_matches.into_iter().chain(work_matches) {
            own_years.push(OwnYear {
                value: sq.text[y.clone()].parse().unwrap_or(0),
                span: sq.span(y.start, y.end),
                context: YearContext::Opening,
            });
        }
        if let Some(s) = doc.section(SectionKind::Overview) {
            // The heading (`一、2020年政府信息公开总体情况`) and the first words of the body.
            let h = &s.heading;
            let hs = Squeezed::new(doc.slice(h.span), h.span.start);
            if let Some(i) = hs.text.find("年") {
                let digits = i.checked_sub(4).and_then(|a| hs.text.get(a..i));
                if let Some(d) = digits.filter(|d| d.bytes().all(|b| b.is_ascii_digit())) {
                    let start = i - 4;
                    own_years.push(OwnYear {
                        value: d.parse().unwrap_or(0),
                        span: hs.span(start, i),
                        context: YearContext::Overview,
                    });
                }
            }
            let body = Span::new(s.body.start, s.body.end.min(s.body.start + 200));
            let mut body_end = body.end;
            while !text.is_char_boundary(body_end) {
                body_end -= 1;
            }
            let body = Span::new(body.start, body_end);
            // Skip a sub-heading that opens the body (`（一）主动公开` has no year).
            let bs = Squeezed::new(doc.slice(body), body.start);
            if let Some(m) = OVERVIEW_YEAR.find(&bs.text) {
                let y = overview_year(m);
                own_years.push(OwnYear {
                    value: bs.text[y.clone()].parse().unwrap_or(0),
                    span: bs.span(y.start, y.end),
                    context: YearContext::Overview,
                });
            }
        }
        own_years.sort_by_key(|y| y.span.start);
        own_years.dedup_by_key(|y| y.span);

        let period = periods
            .iter()
            .find(|p| {
                matches!(
                    p.form,
                    PeriodForm::Range { .. } | PeriodForm::WholeYear { .. }
                )
            })
            .or_else(|| periods.first());
        let report_year = doc
            .title()
            .and_then(|t| t.year)
            .map(|y| ReportYear {
                value: y.value,
                source: YearSource::Title,
                span: y.span,
            })
            .or_else(|| {
                let p = period?;
                Some(ReportYear {
                    value: p.start_year()?,
                    source: YearSource::Period,
                    span: p.dates,
                })
            })
            .or_else(|| {
                own_years
                    .iter()
                    .find(|y| y.context == YearContext::Opening)
                    .map(|y| ReportYear {
                        value: y.value,
                        source: YearSource::Opening,
                        span: y.span,
                    })
            });

        let publication = signature_date(doc).or_else(|| page_date(doc));
        Dates {
            periods,
            report_year,
            publication,
            own_years,
        }
    }
}

fn signature_date(doc: &Document) -> Option<Publication> {
    let span = doc.closing()?.date?;
    let written = parse_date(doc.slice(span), span.start)
        .or_else(|| find_dates(doc.slice(span), span.start).into_iter().next())?;
    Some(Publication {
        span: written.span,
        date: written.date(),
        written,
        source: PublicationSource::Signature,
    })
}

/// `发布时间: 2024-03-08` in a crawler's header, or `发布日期:2024-01-29` at the top of a page.
fn page_date(doc: &Document) -> Option<Publication> {
    let mut places: Vec<Span> = Vec::new();
    if let Some(h) = doc.header() {
        places.push(h.span);
    }
    // The page chrome between the title and the report's first sentence.
    let o = doc.opening();
    let first_lines = doc
        .lines_in(o)
        .take(6)
        .map(|(_, l)| l.span)
        .reduce(|a, b| a.cover(b));
    places.extend(first_lines);
    for p in places {
        let sq = Squeezed::new(doc.slice(p), p.start);
        if let Some(c) = PAGE_DATE.captures(&sq.text) {
            let (y, m, d) = (c.name("y")?, c.name("m")?, c.name("d")?);
            let span = sq.span(y.start(), d.end());
            let written = DateExpr {
                span,
                year: y.as_str().parse().ok(),
                month: m.as_str().parse().ok()?,
                day: d.as_str().parse().ok()?,
            };
            return Some(Publication {
                span,
                date: written.date(),
                written,
                source: PublicationSource::Page,
            });
        }
    }
    None
}

/// Where to point when something the opening should say is missing: the opening's first
/// sentence (at most 40 characters), else the title, else the first heading, else the first
/// line. Never empty unless the document is.
pub fn opening_anchor(doc: &Document) -> Span {
    let text = doc.text();
    for (_, line) in doc.lines_in(doc.opening()) {
        let c =
            line.content.start.max(doc.opening().start)..line.content.end.min(doc.opening().end);
        if c.is_empty() {
            continue;
        }
        let s = &text[c.clone()];
        // Page chrome (`发布日期:…`, `[ 字体: ]`) is not the opening's prose.
        if !s.contains(['。', '，', ',']) || s.chars().count() < 15 {
            continue;
        }
        let end = s.find('。').unwrap_or(s.len());
        let end = s[..end].char_indices().nth(40).map_or(end, |(i, _)| i);
        return Span::new(c.start, c.start + end);
    }
    if let Some(t) = doc.title() {
        return t.span();
    }
    if let Some(s) = doc.sections().first() {
        return s.heading.span;
    }
    doc.lines()
        .iter()
        .find(|l| !l.is_blank())
        .map_or(Span::empty(0), |l| l.content)
}

#[cfg(test)]
pub(crate) mod test_gen {
    /// A small deterministic generator of awkward texts for comparing fast paths with the
    /// slower code they replace.
    pub(crate) struct Gen(u64);

    impl Gen {
        pub(crate) fn new(seed: u64) -> Gen {
            Gen(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
        }

        pub(crate) fn next(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        /// `len` pieces drawn from `pieces`.
        pub(crate) fn pieces(&mut self, pieces: &[&str], len: usize) -> String {
            (0..len).map(|_| pieces[self.next(pieces.len())]).collect()
        }

        /// `len` characters drawn from `alphabet`.
        pub(crate) fn text(&mut self, alphabet: &[char], len: usize) -> String {
            (0..len)
                .map(|_| alphabet[self.next(alphabet.len())])
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_gen::Gen;
    use super::*;

    /// The squeezing this module did before pieces replaced the per-byte map.
    fn former_squeeze(s: &str, base: usize, max_chars: usize) -> (String, Vec<(u32, u32)>) {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len());
        let mut kept = 0;
        for (i, c) in s.char_indices() {
            if kept == max_chars {
                break;
            }
            let start = (base + i) as u32;
            if c.is_ascii() {
                if !c.is_ascii_whitespace() && c != '\u{b}' {
                    text.push(c);
                    map.push((start, start + 1));
                    kept += 1;
                }
                continue;
            }
            if is_space(c) {
                continue;
            }
            let n = match c {
                '\u{ff01}'..='\u{ff5e}' => crate::text::normalize_char(c),
                _ => c,
            };
            text.push(n);
            let span = (start, start + c.len_utf8() as u32);
            for _ in 0..n.len_utf8() {
                map.push(span);
            }
            kept += 1;
        }
        (text, map)
    }

    fn former_span(map: &[(u32, u32)], start: usize, end: usize) -> Span {
        if start >= end || map.is_empty() {
            let at = map
                .get(start)
                .map_or_else(|| map.last().map_or(0, |m| m.1), |m| m.0);
            return Span::empty(at as usize);
        }
        Span::new(map[start].0 as usize, map[end - 1].1 as usize)
    }

    #[test]
    fn range_groups_agree_with_the_pattern() {
        let parts: [&[&str]; 5] = [
            &[
                "2022年1月1日",
                "1月1日",
                "2022.1.1",
                "2022/12/31",
                "2022年12月31",
                "2022.1.",
                "202年1月1日",
            ],
            &["", "起", "始"],
            &[
                "至",
                "到",
                "—",
                "——",
                "-",
                "–",
                "−",
                "~",
                "〜",
                "———",
                "起",
                "始",
            ],
            &[
                "2022年12月31日",
                "12月31日",
                "2022.12.31",
                "2022.12.311",
                "2022/1/1",
                "2022年1月",
                "—1月1日",
            ],
            &["", "止", "日", "1", "。"],
        ];
        let mut combos = vec![String::new()];
        for options in parts {
            combos = combos
                .iter()
                .flat_map(|c| options.iter().map(move |o| format!("{c}{o}")))
                .collect();
        }
        let mut seen = 0;
        for t in &combos {
            let Some(c) = RANGE.captures(t) else {
                continue;
            };
            let got = range_groups(c.get(0).unwrap().as_str());
            for (names, got) in [RANGE_A, RANGE_B].iter().zip(got) {
                let want = names.map(|n| c.name(n).map(|m| m.range()));
                assert_eq!(got, want, "{t}");
            }
            seen += 1;
        }
        assert!(seen > 500, "{seen}");
    }

    #[test]
    fn period_keys_agree_with_the_pattern() {
        let pieces = [
            "统计",
            "数据",
            "的",
            "期限",
            "时限",
            "时间段",
            "时间",
            "期间",
            "区间",
            "周期",
            "范围",
            "时段",
            "期",
            "均",
            "统一",
            "为",
            "是",
            ":",
            "：",
            "自",
            "从",
            "由",
            "2",
            "年",
            "数",
            "时",
            "段",
            "统",
        ];
        let mut g = Gen::new(17);
        for n in 0..5000 {
            let t = format!("统计{}", g.pieces(&pieces, n % 8));
            let want = PERIOD_KEY
                .captures(&t)
                .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
                .map(|c| PeriodKey {
                    key: c.name("key").unwrap().range(),
                    noun: c.name("noun").is_some(),
                    from: c.name("from").is_some(),
                    end: c.get(0).unwrap().end(),
                });
            assert_eq!(period_key(&t), want, "{t}");
        }
        assert_eq!(period_key("据统计"), None);
    }

    #[test]
    fn whole_dates_agree_with_the_pattern() {
        /// `parse_date` before `whole_date`.
        fn former(t: &str) -> Option<(Option<i32>, u32, u32)> {
            let sq = Squeezed::new(t, 0);
            let c = DATE.captures(&sq.text)?;
            let m = c.get(0)?;
            (m.start() == 0 && m.end() == sq.text.len()).then(|| {
                let d = date_from_caps(&sq, &c);
                (d.year, d.month, d.day)
            })
        }
        let pieces = [
            "2022", "2023", "年", "1", "12", "123", "0", "月", "日", ".", "/", " ", "１", "０",
            "-", "a", "止",
        ];
        let mut g = Gen::new(13);
        let mut seen = 0;
        for n in 0..20000 {
            let t = g.pieces(&pieces, 1 + n % 9);
            let want = former(&t);
            let sq = Squeezed::new(&t, 0);
            assert_eq!(whole_date(&sq.text), want, "{t:?}");
            seen += usize::from(want.is_some());
        }
        for t in [
            "2023年1月16日",
            "1月16日",
            "2022.12.31",
            "2022/1/1",
            "２０２３ 年 １ 月 ６ 日",
        ] {
            assert!(former(t).is_some());
            assert_eq!(whole_date(&Squeezed::new(t, 0).text), former(t), "{t}");
        }
        // Every combination of parts that come close to a date.
        let parts: [&[&str]; 5] = [
            &[
                "2022年",
                "2022",
                "",
                "20221年",
                "2022.",
                "2022/",
                "２０２２ 年",
                "202年",
            ],
            &["1", "12", "123", "0", "", "１"],
            &["月", ".", "/", "", "年"],
            &["1", "31", "311", "", " 3"],
            &["日", "", "止", "日日"],
        ];
        let mut combos = vec![String::new()];
        for options in parts {
            combos = combos
                .iter()
                .flat_map(|c| options.iter().map(move |o| format!("{c}{o}")))
                .collect();
        }
        for t in &combos {
            let want = former(t);
            assert_eq!(whole_date(&Squeezed::new(t, 0).text), want, "{t:?}");
            seen += usize::from(want.is_some());
        }
        assert!(seen > 50, "{seen}");
    }

    #[test]
    fn years_read_off_matches_agree_with_the_capture_groups() {
        let pieces = [
            "公布",
            "发布",
            "公开",
            "编制",
            "形成",
            "结合",
            "现",
            "2022年",
            "2021",
            "20233",
            "年",
            "度",
            "1月",
            "12月",
            "123月",
            "31日",
            "1日",
            "3",
            "月",
            "日",
            "政府信息公开",
            "政务公开",
            "信息公开",
            "工作",
            "报告",
            "总体情况",
            "我",
            "全",
            "本",
            "，",
            ",",
            "。",
            "；",
            "\n",
            "镇",
            "人民政府",
            "的",
            "2022年1月1日",
            "2023年12月31日",
            "《",
            "》",
            "结合2022年",
            "结合2021年度",
            "信息公开工作",
        ];
        let mut g = Gen::new(11);
        let mut texts: Vec<String> = [
            "现公布2022年度政府信息公开工作报告",
            "现公布编制2021年2022年度政府信息公开工作报告",
            "公布2021年的2022年政府信息公开报告，结合2022年度政务公开工作",
            "2022年1月1日2022年，我镇",
            "2022年1月1日2022年1月",
            "2022年12月31日2022年度政务公开总体情况",
        ]
        .map(String::from)
        .to_vec();
        for n in 0..3000 {
            texts.push(g.pieces(&pieces, 2 + n % 30));
        }
        // Long stretches between the words, to reach the gaps' bounds.
        let long = [
            "公布",
            "公开",
            "编写",
            "2022年",
            "年度",
            "度",
            "政务公开",
            "信息公开",
            "报告",
            "，",
            "。",
            "\n",
            "各项工作",
            "一二三四五六七八九十",
            "甲乙丙",
            "a",
            "结合2023年",
        ];
        for n in 0..3000 {
            texts.push(g.pieces(&long, 4 + n % 40));
        }
        let mut seen = [0; 3];
        for t in &texts {
            let groups = |re: &Regex| -> Vec<_> {
                re.captures_iter(t)
                    .map(|c| (c.get(0).unwrap().range(), c.name("y").unwrap().range()))
                    .collect()
            };
            let opening = groups(&OPENING_YEAR);
            assert_eq!(opening_years(t), opening, "{t}");
            seen[0] += opening.len();
            let work = groups(&WORK_YEAR);
            assert_eq!(work_years(t), work, "{t}");
            seen[1] += work.len();
            for t in [
                t.clone(),
                format!("2022年{t}"),
                format!("2022年1月31日2021年{t}"),
            ] {
                if let Some(c) = OVERVIEW_YEAR.captures(&t) {
                    let y = c.name("y").unwrap().range();
                    assert_eq!(overview_year(c.get(0).unwrap()), y, "{t}");
                    seen[2] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&n| n > 20), "{seen:?}");
    }

    #[test]
    fn squeezing_agrees_with_the_former_per_byte_map() {
        let alphabet: Vec<char> =
            "2年a \t\r\n\u{b}\u{c}\u{3000}\u{a0}\u{85}\u{2003}\u{2028}\u{202f}\u{205f}\
            \u{1680}\u{feff}\u{fefe}\u{ff00}\u{ff01}\u{ff5e}\u{ff5f}１，：（）。、\u{3fff}\u{4000}\
            \u{9fff}é€😀\u{20000}统计—～ｗ\u{e000}\u{fffd}"
                .chars()
                .collect();
        let mut g = Gen::new(7);
        let mut texts: Vec<String> = vec![
            String::new(),
            " ".into(),
            "\u{3000}\u{3000}".into(),
            "２０２３ 年 1 月 16 日".into(),
            "统计期限：２０２２年１月１日至１２月３１日。".into(),
        ];
        for n in 0..400 {
            texts.push(g.text(&alphabet, n % 40));
        }
        // Runs of common Han characters broken by the rest.
        let han_heavy: Vec<char> =
            "统计期限一二三\u{4000}\u{9fff}统计期限统计期限\u{3fff}１ \u{3000}a，"
                .chars()
                .collect();
        for n in 0..150 {
            texts.push(g.text(&han_heavy, n % 40));
        }
        for t in &texts {
            for base in [0, 5] {
                for limit in [usize::MAX, 0, 1, 3, 4, 5, 8, 13, 64] {
                    let new = Squeezed::with_limit(t, base, limit);
                    let (text, map) = former_squeeze(t, base, limit);
                    assert_eq!(new.text, text, "{t:?} {limit}");
                    for a in 0..=text.len() + 1 {
                        for b in a.saturating_sub(1)..=text.len() {
                            assert_eq!(
                                new.span(a, b),
                                former_span(&map, a, b),
                                "{t:?} {limit} {a}..{b}"
                            );
                        }
                    }
                }
            }
        }
    }

    fn period(s: &str) -> StatPeriod {
        let mut p = find_periods(s, 0);
        assert_eq!(p.len(), 1, "{s}: {p:?}");
        p.remove(0)
    }

    #[test]
    fn dates_with_spaces_full_width_and_no_year() {
        let s = "落款 2023 年 1 月 16 日，又见１２月３１日与2月30日";
        let d = find_dates(s, 0);
        assert_eq!(d.len(), 3);
        assert_eq!(&s[d[0].span.range()], "2023 年 1 月 16 日");
        assert_eq!(d[0].date(), Some(jiff::civil::date(2023, 1, 16)));
        assert_eq!(d[1].year, None);
        assert_eq!((d[1].month, d[1].day), (12, 31));
        assert_eq!(&s[d[1].span.range()], "１２月３１日");
        assert!(!d[2].is_valid());
        assert_eq!(d[2].date_in(2022), None);
        assert!(parse_date("2023年1月16日", 0).is_some());
        assert!(parse_date("2023年1月16日止", 0).is_none());
    }

    #[test]
    fn period_variants_are_understood() {
        for s in [
            "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
            "报告中所列数据统计期限从2022年1月1日到12月31日止。",
            "本年度报告中所列数据统计期限为2022年1月1日至12月31日。",
            "本报告所列数据统计期自 2022 年 1 月 1 日至 2022 年 12 月 31 日",
            "本报告统计数据从2022年1月1日至2022年12月31日止",
            "统计时限自2022年1月1日至2022年12月31日",
            "本报告中使用数据统计时间为2022年1月1日至12月31日。",
            "本报告所列数据的统计期限自2022年1月1日至2022年12月31日止。",
            "数据统计时限为２０２２年１月１日至１２月３１日。",
            "统计期限为2022年度。",
            "统计期限：2022.1.1-2022.12.31。",
            // Issue 13: colon after 为, 始…止, and every dash and tilde.
            "本报告中所列数据的统计期限为：2022年1月1日-2022年12月31日。",
            "本报告所列数据统计期限自2022年1月1日始至2022年12月31日止。",
            "统计时间为2022年1月1日—12月31日。",
            "本报告统计期限为2022.1.1-2022.12.31。",
            "本报告所列数据统计期限为2022年度（1月1日至12月31日）。",
            "本报告数据统计时限为2022年1月1日至12月31日。",
            "本报告中所列数据统计期限从2022年1月1日到12月31日止。",
            "统计期限为2022年1月1日－2022年12月31日。",
            "统计期限为2022年1月1日–2022年12月31日。",
            "统计期限为2022年1月1日~2022年12月31日。",
            "统计期限为2022年1月1日～2022年12月31日。",
            "统计期限为2022年1月1日——2022年12月31日。",
            "统计期限是：自2022年1月1日起至2022年12月31日止。",
            "统计时段为2022年1月1日起至12月31日止。",
            "统计期限为２０２２年１月１日－１２月３１日",
            "统计期限为2022年1月1日−2022年12月31日",
            "统计期限为2022年1月1日〜2022年12月31日",
            "统计期限为2022年1－12月",
            "统计时间为2022年1月至12月",
        ] {
            let p = period(s);
            assert_eq!(p.year(), Some(2022), "{s}: {p:?}");
        }
    }

    #[test]
    fn statistics_as_a_verb_is_not_a_period() {
        assert!(
            find_periods("每月按时对政府信息公开情况进行统计,对公开的信息审查。", 0).is_empty()
        );
        assert!(find_periods("统计2022年全年公开信息。", 0).is_empty());
    }

    #[test]
    fn garbled_period_is_understood() {
        let s = "报告中所列数据统计期限为 2023 11日到1231日。";
        let p = period(s);
        assert_eq!(&s[p.dates.range()], "2023 11日到1231日");
        assert!(matches!(p.form, PeriodForm::Garbled { .. }));
        assert_eq!(p.understood().as_deref(), Some("2023年1月1日至12月31日"));
        assert_eq!(p.start_year(), Some(2023));
    }

    #[test]
    fn wrong_and_partial_periods() {
        let p = period("统计期限自2021年1月1日起至2021年12月31日止");
        assert_eq!(p.year(), Some(2021));
        let p = period("统计期限自2022年1月1日起至2022年6月30日止");
        assert_eq!(p.year(), None);
        assert!(p.bounds().is_some());
        let p = period("统计期限为2022年1月1日。");
        assert!(matches!(p.form, PeriodForm::Incomplete { .. }), "{p:?}");
        let p = period("统计期限自2022年2月30日起至2022年12月31日止");
        assert_eq!(p.bounds(), None);
        // The newer wordings still carry a wrong year or day.
        let p = period("统计期限为：2021年1月1日-2021年12月31日。");
        assert_eq!(p.year(), Some(2021));
        let p = period("统计期限自2022年1月1日始至2022年12月30日止。");
        assert_eq!(p.year(), None);
        assert_eq!(
            &"统计期限自2022年1月1日始至2022年12月30日止。"[p.dates.range()],
            "2022年1月1日始至2022年12月30日止"
        );
        let p = period("统计时间为2022年1月1日～11月30日。");
        assert_eq!(p.year(), None);
    }

    #[test]
    fn report_year_and_signature() {
        let text = "威海市文登区宋村镇人民政府\n2022年政府信息公开工作年度报告\n现公布威海市文登区宋村镇人民政府2021年度政府信息公开工作报告。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n一、总体情况\n2022年，我镇……\n六、其他需要报告的事项\n无。\n威海市文登区宋村镇人民政府\n2023 年 1 月 16 日\n";
        let doc = Document::parse("t.txt", text);
        let d = doc.analysis::<Dates>();
        assert_eq!(d.year(), Some(2022));
        assert_eq!(d.report_year.unwrap().source, YearSource::Title);
        let p = d.publication.unwrap();
        assert_eq!(p.date, Some(jiff::civil::date(2023, 1, 16)));
        assert_eq!(p.source, PublicationSource::Signature);
        let years: Vec<_> = d.own_years.iter().map(|y| (y.value, y.context)).collect();
        assert_eq!(
            years,
            [(2021, YearContext::Opening), (2022, YearContext::Overview)]
        );
    }

    #[test]
    fn report_year_falls_back_to_the_period() {
        let text = "根据条例，现公布本报告。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n";
        let doc = Document::parse("t.txt", text);
        let d = doc.analysis::<Dates>();
        assert_eq!(d.year(), Some(2023));
        assert_eq!(d.report_year.unwrap().source, YearSource::Period);
    }

    #[test]
    fn page_dates() {
        let text = "盂县教育科技局2023年政府信息公开工作年度报告\n发布日期:2024-01-10\n\n根据条例，现公布本报告。\n一、总体情况\n";
        let doc = Document::parse("t.txt", text);
        let p = doc.analysis::<Dates>().publication.unwrap();
        assert_eq!(p.date, Some(jiff::civil::date(2024, 1, 10)));
        assert_eq!(p.source, PublicationSource::Page);
    }
}
