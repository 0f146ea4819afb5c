//! What the comparing rules share.

use reportlint_core::compare::{Place, ReportSummary};

/// `2022.txt:88` — where a value stands in the other report (its file name: the full path is
/// in the finding's related location).
pub fn at(s: &ReportSummary, place: &Place) -> String {
    format!("{}:{}", file_name(&s.path), place.start.line)
}

/// The last component of `path`.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `2022年报告` (or `上一年度报告` when the year is unknown).
pub fn year_report(s: &ReportSummary) -> String {
    s.year
        .map_or_else(|| "上一年度报告".to_owned(), |y| format!("{y}年报告"))
}

/// A column's name for a message: nothing for the 总计 column.
pub fn column(label: &str) -> String {
    if label == "总计" {
        String::new()
    } else {
        format!("（{label}）")
    }
}
