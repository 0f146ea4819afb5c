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
    pub fn new(span: Span, text: &str) -> Cell {
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
    pub fn with_value(span: Span, value: CellValue) -> Cell {
        Cell {
            span,
            value,
            row_span: 1,
            col_span: 1,
        }
    }

    /// The integer the cell holds.
    pub fn int(&self) -> Option<i64> {
        match self.value {
            CellValue::Int(v) => Some(v),
            _ => None,
        }
    }

    /// The number the cell holds, integer or decimal.
    pub fn number(&self) -> Option<f64> {
        match self.value {
            CellValue::Int(v) => Some(v as f64),
            CellValue::Decimal(v) => Some(v),
            _ => None,
        }
    }

    /// Blank, `/` or a dash: a cell the template wants a number in.
    pub fn is_missing(&self) -> bool {
        matches!(
            self.value,
            CellValue::Blank | CellValue::Slash | CellValue::Dash
        )
    }

    /// A value cell of any kind (not a label).
    pub fn is_value(&self) -> bool {
        !matches!(self.value, CellValue::Text)
    }

    pub fn is_text(&self) -> bool {
        matches!(self.value, CellValue::Text)
    }
}

/// Classifies a trimmed cell text.
pub fn classify(t: &str) -> CellValue {
    let b = t.as_bytes();
    let Some(&first) = b.first() else {
        return CellValue::Blank;
    };
    // Most cells are small ASCII numbers or labels: decided without the slow path.
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
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// A grid from rows of cells (an importer's table, or a layout reader's output).
    pub fn from_cells(rows: Vec<Vec<Cell>>) -> Grid {
        Grid { rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
