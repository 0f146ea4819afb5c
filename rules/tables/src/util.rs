//! Small helpers shared by the table rules.

use reportlint_core::tables::{Cell, CellValue};

/// A cell's value as an addend: numbers as they are, blank, `/` and dashes as 0 (reported by
/// `tables/layout`), anything else unknown.
pub fn addend(c: &Cell) -> Option<i64> {
    match c.value {
        CellValue::Int(v) => Some(v),
        CellValue::Blank | CellValue::Slash | CellValue::Dash => Some(0),
        _ => None,
    }
}

/// `21+0+3`.
pub fn terms(values: &[i64]) -> String {
    if values.is_empty() {
        return "0".to_owned();
    }
    values
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// How a cell is shown in a message: its number, or what stands in its place.
pub fn shown(c: &Cell) -> String {
    match c.value {
        CellValue::Int(v) => v.to_string(),
        CellValue::Blank => "空白".to_owned(),
        CellValue::Slash => "“/”".to_owned(),
        CellValue::Dash => "“-”".to_owned(),
        _ => "?".to_owned(),
    }
}
