//! The layout-free table model: a grid of cells, each with its span and, where it holds one, its
//! number. Layout readers (text) and, later, the .docx/.html importers build a [`Grid`]; the
//! template matcher reads the statistics tables out of it.

use crate::text::{ascii_digit, is_space};
use crate::Span;

/// What a cell holds. Blank, `/` and dashes are kept apart from 0: the template wants `0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue {
    /// A whole number (`0`, `821`; `-3` in the 2019 format's `本年增/减`).
    Int(i64),
    /// A decimal number (the fee cell of Table 二 is in 万元: `9116.36`).
    Decimal(f64),
    /// Nothing but whitespace.
    Blank,
    /// `/` or `／`.
    Slash,
    /// `-`, `—`, `–`, `－`, `——`.
    Dash,
    /// Several digits whose cell boundaries the text lost (crawler text: `640020470`). Only the
    /// template matcher, knowing how many cells the row has, may split them, and only where the
    /// split is unique.
    Digits,
    /// Anything else: a label, a header, prose.
    Text,
}

/// One cell of a grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// The cell's text in the document, without surrounding whitespace (empty for a blank cell:
    /// then it marks where the cell is).
    pub span: Span,
    pub value: CellValue,
    /// Rows and columns the cell covers (1 unless a grid source knows better, e.g. .docx).
    pub row_span: u16,
    pub col_span: u16,
}

impl Cell {
    /// A cell whose text is `text`, found at `span` (`text` is the document's text at `span`; it
    /// may carry surrounding whitespace, which the cell's span leaves out).
    #[inline]
    pub fn new(span: Span, text: &str) -> Cell {
        // Most cells of a text table are empty (two separators in a row) or a small number
        // in ASCII digits, with at most ASCII spaces around (`| 0 |`): told at once. Trimming
        // those spaces alone trims such a cell as much as trimming every space would, as the
        // digits are no spaces.
        let b = text.as_bytes();
        // A lone digit (`0`: most value cells of a one-cell-per-line table) at once.
        if let [d @ b'0'..=b'9'] = b {
            return Cell::with_value(span, CellValue::Int(i64::from(d - b'0')));
        }
        let lead = b.iter().take_while(|&&c| c == b' ').count();
        let core = &b[lead..];
        let core = &core[..core.len() - core.iter().rev().take_while(|&&c| c == b' ').count()];
        let start = span.start + lead;
        if core.is_empty() {
            return Cell::with_value(Span::empty(start), CellValue::Blank);
        }
        if core.len() <= 18 && core.iter().all(u8::is_ascii_digit) {
            let v = core.iter().fold(0, |v, &d| v * 10 + i64::from(d - b'0'));
            return Cell::with_value(Span::new(start, start + core.len()), CellValue::Int(v));
        }
        // Most other cells are labels (`规章`, `（一）予以公开`, `1.属于国家秘密`): a character of
        // U+3000..=U+FFFF first that is no space and that no value begins with, or a sub-item's
        // number, and a visible character last. Such a cell needs no more trimming and is text,
        // as `trimmed` would find: told on its bytes, without decoding it.
        if (label_first(core) || numbered_label(core)) && crate::text::ends_visible(core) {
            return Cell::with_value(Span::new(start, start + core.len()), CellValue::Text);
        }
        // Trimming what is left after the ASCII spaces trims as much as trimming `text`.
        let end = lead + core.len();
        Cell::trimmed(Span::new(start, span.start + end), &text[lead..end])
    }

    /// [`Cell::new`] for text that may need trimming.
    #[inline(never)]
    fn trimmed(span: Span, text: &str) -> Cell {
        let (lead, t) = crate::text::trim_with_offset(text);
        let span = Span::new(span.start + lead, span.start + lead + t.len());
        Cell {
            span,
            value: classify(t),
            row_span: 1,
            col_span: 1,
        }
    }

    /// A cell with a value already known (importers, split digits).
    #[inline]
    pub fn with_value(span: Span, value: CellValue) -> Cell {
        Cell {
            span,
            value,
            row_span: 1,
            col_span: 1,
        }
    }

    /// The integer the cell holds.
    #[inline]
    pub fn int(&self) -> Option<i64> {
        match self.value {
            CellValue::Int(v) => Some(v),
            _ => None,
        }
    }

    /// The number the cell holds, integer or decimal.
    #[inline]
    pub fn number(&self) -> Option<f64> {
        match self.value {
            CellValue::Int(v) => Some(v as f64),
            CellValue::Decimal(v) => Some(v),
            _ => None,
        }
    }

    /// Blank, `/` or a dash: a cell the template wants a number in.
    #[inline]
    pub fn is_missing(&self) -> bool {
        matches!(
            self.value,
            CellValue::Blank | CellValue::Slash | CellValue::Dash
        )
    }

    /// A value cell of any kind (not a label).
    #[inline]
    pub fn is_value(&self) -> bool {
        !matches!(self.value, CellValue::Text)
    }

    #[inline]
    pub fn is_text(&self) -> bool {
        matches!(self.value, CellValue::Text)
    }
}

/// Whether `b` begins with a character of U+3000..=U+FFFF (a byte from E3 to EF leads a
/// three-byte character) that is no [`is_space`] (U+3000, U+FEFF) and with which [`classify`]
/// tells a text at once: not a full-width digit, `－`, `／`, nor `一` (which begins the dash `一一`).
fn label_first(b: &[u8]) -> bool {
    match b {
        [0xe3, 0x80, 0x80, ..] | [0xef, 0xbb, 0xbf, ..] => false, // U+3000, U+FEFF
        [0xe4, 0xb8, 0x80, ..] => false,                          // 一
        [0xef, 0xbc, 0x8d | 0x8f | 0x90..=0x99, ..] => false,     // －, ／, ０..９
        [0xe3..=0xef, _, _, ..] => true,
        _ => false,
    }
}

/// Whether `b` begins with a sub-item's number: ASCII digits, then `、`, or `.` and a character
/// of U+3000..=U+EFFF (no full-width digit). [`parse_number`] reads no number on past either,
/// so [`classify`] finds text.
fn numbered_label(b: &[u8]) -> bool {
    let k = b.iter().take_while(|c| c.is_ascii_digit()).count();
    k > 0 && matches!(&b[k..], [b'.', 0xe3..=0xee, ..] | [0xe3, 0x80, 0x81, ..])
}

/// Classifies a trimmed cell text.
pub fn classify(t: &str) -> CellValue {
    let b = t.as_bytes();
    let Some(&first) = b.first() else {
        return CellValue::Blank;
    };
    // Most cells are small ASCII numbers or labels: decided without the slow path.
    if !first.is_ascii() {
        // A label (`（一）…`, `规章`) is told by its first character. `一` begins labels
        // (`一、本年新收…`), and no value but the dash `一一`: no number begins with it.
        match t.chars().next() {
            Some('０'..='９' | '－' | '／' | '—' | '–') => {}
            Some('一') if t != "一一" => return CellValue::Text,
            Some('一') => return CellValue::Dash,
            _ => return CellValue::Text,
        }
    } else if b.len() <= 18 && b.iter().all(u8::is_ascii_digit) {
        return CellValue::Int(b.iter().fold(0, |v, &d| v * 10 + i64::from(d - b'0')));
    }
    if !may_be_value(t, first) {
        return CellValue::Text;
    }
    match t {
        "/" | "／" | "\\" => return CellValue::Slash,
        "-" | "—" | "–" | "－" | "——" | "--" | "一一" => return CellValue::Dash,
        _ => {}
    }
    parse_number(t).unwrap_or(CellValue::Text)
}

/// Whether a cell text whose first byte is `first` can be anything but [`CellValue::Text`]:
/// numbers begin with a digit or a minus sign, and the slashes and dashes of [`classify`] with
/// one of their characters.
fn may_be_value(t: &str, first: u8) -> bool {
    if first.is_ascii() {
        return first.is_ascii_digit() || matches!(first, b'-' | b'/' | b'\\');
    }
    matches!(
        t.chars().next(),
        Some('０'..='９' | '－' | '／' | '—' | '–' | '一')
    )
}

/// `821`, `０`, `-3`, `9116.36`, `251000元`, `1,234`.
fn parse_number(t: &str) -> Option<CellValue> {
    let t = t
        .strip_suffix("万元")
        .or_else(|| t.strip_suffix('元'))
        .or_else(|| t.strip_suffix('件'))
        .unwrap_or(t)
        .trim_end_matches(is_space);
    let (neg, body) = match t.strip_prefix(['-', '－']) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    if body.is_empty() {
        return None;
    }
    let mut int: i64 = 0;
    let mut digits = 0usize;
    let mut frac: Option<(i64, u32)> = None;
    for c in body.chars() {
        if let Some(d) = ascii_digit(c) {
            digits += 1;
            match &mut frac {
                Some((f, n)) => {
                    *f = f.checked_mul(10)?.checked_add(d as i64)?;
                    *n += 1;
                }
                None => int = int.checked_mul(10)?.checked_add(d as i64)?,
            }
        } else if (c == '.' || c == '．') && frac.is_none() && digits > 0 {
            frac = Some((0, 0));
        } else if c == ',' && frac.is_none() && digits > 0 {
            // thousands separator
        } else {
            return None;
        }
    }
    let sign = if neg { -1 } else { 1 };
    Some(match frac {
        Some((_, 0)) => return None,
        Some((f, n)) => {
            CellValue::Decimal(sign as f64 * (int as f64 + f as f64 / 10f64.powi(n as i32)))
        }
        None => CellValue::Int(sign * int),
    })
}

/// How a table was written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Tab-separated rows (a Word table pasted as text).
    Tabs,
    /// One cell per line, each cell starting with a tab, blank lines between rows (Word export).
    CellPerLine,
    /// Markdown-style pipe rows.
    Pipes,
    /// Cells separated by spaces or line breaks, or run together without separators (crawler
    /// text).
    Flowing,
    /// A real grid of cells (.docx, .html).
    Grid,
}

impl Layout {
    pub fn describe(self) -> &'static str {
        match self {
            Layout::Tabs => "制表符分隔",
            Layout::CellPerLine => "每格一行",
            Layout::Pipes => "竖线分隔",
            Layout::Flowing => "空格分隔或连写",
            Layout::Grid => "表格",
        }
    }
}

/// Rows of cells, as a layout reader or an importer found them. Rows may differ in length.
///
/// The cells of all rows are kept in one vector, each row a range of it: a reader pushes a
/// table's cells without allocating once per row.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The cells of the rows ended so far, and of the row being built after them.
    pub(crate) cells: Vec<Cell>,
    /// Where each row ends in `cells` (its start is where the row before it ends).
    ends: Vec<usize>,
}

impl Grid {
    /// A grid from rows of cells (an importer's table, or a layout reader's output).
    pub fn from_cells(rows: Vec<Vec<Cell>>) -> Grid {
        let mut g = Grid::with_capacity(rows.len(), rows.iter().map(Vec::len).sum());
        for r in &rows {
            g.push_row(r);
        }
        g
    }

    /// An empty grid with room for `rows` rows of `cells` cells in all.
    pub fn with_capacity(rows: usize, cells: usize) -> Grid {
        Grid {
            cells: Vec::with_capacity(cells),
            ends: Vec::with_capacity(rows),
        }
    }

    /// Adds a row.
    pub fn push_row(&mut self, row: &[Cell]) {
        self.cells.extend_from_slice(row);
        self.end_row();
    }

    /// Ends the row being built: the cells pushed to `cells` since the last row ended.
    pub(crate) fn end_row(&mut self) {
        self.ends.push(self.cells.len());
    }

    /// Whether cells were pushed to `cells` since the last row ended (a row is being built).
    #[inline]
    pub(crate) fn row_open(&self) -> bool {
        self.cells.len() > self.ends.last().copied().unwrap_or(0)
    }

    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Row `i`.
    #[inline]
    pub fn row(&self, i: usize) -> &[Cell] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.cells[start..self.ends[i]]
    }

    /// The rows, in order.
    #[inline]
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[Cell]> + Clone + '_ {
        (0..self.ends.len()).map(|i| self.row(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`classify`] as it was before its fast paths.
    fn classify_reference(t: &str) -> CellValue {
        let b = t.as_bytes();
        let Some(&first) = b.first() else {
            return CellValue::Blank;
        };
        if b.len() <= 18 && b.iter().all(u8::is_ascii_digit) {
            return CellValue::Int(b.iter().fold(0, |v, &d| v * 10 + i64::from(d - b'0')));
        }
        if !may_be_value(t, first) {
            return CellValue::Text;
        }
        match t {
            "/" | "／" | "\\" => return CellValue::Slash,
            "-" | "—" | "–" | "－" | "——" | "--" | "一一" => return CellValue::Dash,
            _ => {}
        }
        parse_number(t).unwrap_or(CellValue::Text)
    }

    const SAMPLES: &[&str] = &[
        "",
        " ",
        "   ",
        "0",
        " 0 ",
        "  12  ",
        "12 ",
        " 12",
        "\t0",
        "0\r",
        "\u{3000}0\u{3000}",
        " 0 0 ",
        "123456789012345678",
        " 123456789012345678 ",
        "1234567890123456789",
        "-3",
        " -3 ",
        "1.5",
        "9116.36",
        "1.",
        "/",
        " / ",
        "／",
        "\\",
        "-",
        "—",
        " — ",
        "——",
        "–",
        "－",
        "－3",
        "--",
        "一",
        "一一",
        "一一一",
        "一、本年新收政府信息公开申请数量",
        "８２１",
        "０．５",
        "８２１件",
        " 规章 ",
        "信息内容",
        "（一）予以公开",
        "0元",
        "251000元",
        "3万元",
        " 1,234 ",
        "\u{a0}",
        "\u{3000}",
        "𠀀",
        "é",
        "1.属于国家秘密",
    ];

    #[test]
    fn classify_agrees_with_its_reference() {
        for t in SAMPLES {
            assert_eq!(classify(t), classify_reference(t), "{t:?}");
        }
    }

    #[test]
    fn cells_agree_with_trimming_then_classifying() {
        // The reference: what `Cell::new` did before its fast path.
        let reference = |span: Span, text: &str| {
            let (lead, t) = crate::text::trim_with_offset(text);
            Cell::with_value(
                Span::new(span.start + lead, span.start + lead + t.len()),
                classify_reference(t),
            )
        };
        // Every sample, with the spaces around cells that the fast path must handle.
        for text in SAMPLES.iter().copied() {
            for start in [0, 7] {
                let span = Span::new(start, start + text.len());
                assert_eq!(Cell::new(span, text), reference(span, text), "{text:?}");
            }
        }
    }

    #[test]
    fn label_cells_agree_with_trimming_then_classifying() {
        // Cells at the edges of the label fast path: spaces and values that begin or end with a
        // three-byte character, and labels with something to trim after them.
        let samples = [
            "规章",
            " 规章 ",
            "（一）予以公开",
            "、",
            "ａ",
            "规章\t",
            "规章\r",
            "规章\u{3000}",
            "规章\u{feff}",
            "\u{3000}规章",
            "\u{feff}规章",
            "规章\u{a0}",
            "规章 1",
            "一",
            "一一",
            "一、本年新收",
            "０",
            "１２件",
            "－",
            "－3",
            "／",
            "——",
            "—1",
            "件",
            "３万元",
            "龥",
            "\u{fffd}",
            "㐀x",
            "1.属于国家秘密",
            " 12.其他 ",
            "2、其他",
            "3.\u{3000}其他",
            "1.５",
            "1.5",
            "1.",
            "1.件",
            "1.万元",
            "1..其他",
            "1,其他",
            "1.其他\t",
            "123456789012345678901.其他",
            "-1.其他",
        ];
        for text in samples {
            for start in [0, 7] {
                let span = Span::new(start, start + text.len());
                let (lead, t) = crate::text::trim_with_offset(text);
                let reference = Cell::with_value(
                    Span::new(span.start + lead, span.start + lead + t.len()),
                    classify_reference(t),
                );
                assert_eq!(Cell::new(span, text), reference, "{text:?}");
            }
        }
    }

    #[test]
    fn classify_cells() {
        assert_eq!(classify("0"), CellValue::Int(0));
        assert_eq!(classify("８２１"), CellValue::Int(821));
        assert_eq!(classify("9116.36"), CellValue::Decimal(9116.36));
        assert_eq!(classify("/"), CellValue::Slash);
        assert_eq!(classify("—"), CellValue::Dash);
        assert_eq!(classify(""), CellValue::Blank);
        assert_eq!(classify("-3"), CellValue::Int(-3));
        assert_eq!(classify("251000元"), CellValue::Int(251000));
        assert_eq!(classify("规章"), CellValue::Text);
        assert_eq!(classify("1."), CellValue::Text);
    }
}
