//! What the comparing rules share.
//!
//! The pieces of messages are written straight into the message (they are `Display`), not
//! made into strings of their own first: a finding's message took five allocations and five
//! formatting passes.

use std::fmt;

use reportlint_core::compare::{Place, ReportSummary};

/// `2022.txt:88` — where a value stands in the other report (its file name: the full path is
/// in the finding's related location).
pub fn at<'a>(s: &'a ReportSummary, place: &Place) -> At<'a> {
    At {
        file: file_name(&s.path),
        line: place.start.line,
    }
}

/// See [`at`].
pub struct At<'a> {
    file: &'a str,
    line: usize,
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The last component of `path`.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `2022年报告` (or `上一年度报告` when the year is unknown).
pub fn year_report(s: &ReportSummary) -> YearReport {
    YearReport(s.year)
}

/// See [`year_report`].
pub struct YearReport(Option<i32>);

impl fmt::Display for YearReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(y) => write!(f, "{y}年报告"),
            None => f.write_str("上一年度报告"),
        }
    }
}

/// A column's name for a message: nothing for the 总计 column.
pub fn column(label: &str) -> Column<'_> {
    Column(label)
}

/// See [`column`].
pub struct Column<'a>(&'a str);

impl fmt::Display for Column<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == "总计" {
            Ok(())
        } else {
            write!(f, "（{}）", self.0)
        }
    }
}

/// `x` rounded to a whole number, as `{:.0}` writes it (ties to even), without the float
/// formatting machinery for the shares (0–100) messages give.
pub fn percent(x: f64) -> Percent {
    Percent(x)
}

/// See [`percent`].
pub struct Percent(f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if (0.0..1e15).contains(&x) {
            write!(f, "{}", x.round_ties_even() as u64)
        } else {
            write!(f, "{x:.0}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_messages() {
        let mut s = ReportSummary {
            path: "a/b\\2022.txt".to_owned(),
            year: Some(2022),
            ..ReportSummary::default()
        };
        let mut place = reportlint_core::compare::Place {
            span: reportlint_core::Span::new(0, 1),
            start: reportlint_core::LineCol {
                line: 88,
                column: 1,
            },
            end: reportlint_core::LineCol {
                line: 88,
                column: 2,
            },
            page: None,
        };
        assert_eq!(at(&s, &place).to_string(), "2022.txt:88");
        place.start.line = 7;
        assert_eq!(at(&s, &place).to_string(), "2022.txt:7");
        assert_eq!(year_report(&s).to_string(), "2022年报告");
        s.year = None;
        assert_eq!(year_report(&s).to_string(), "上一年度报告");
        assert_eq!(column("总计").to_string(), "");
        assert_eq!(column("自然人").to_string(), "（自然人）");
    }

    #[test]
    fn percent_writes_what_the_float_format_wrote() {
        let mut n = 0;
        for total in 1..=700u32 {
            for part in 0..=total {
                let x = part as f64 * 100.0 / total as f64;
                assert_eq!(percent(x).to_string(), format!("{x:.0}"), "{part}/{total}");
                n += 1;
            }
        }
        for x in [0.5, 1.5, 2.5, 12.5, 99.5, 100.0, -0.4, -2.5, 1e16, f64::NAN] {
            assert_eq!(percent(x).to_string(), format!("{x:.0}"), "{x}");
        }
        assert_eq!(n, 246_050);
    }
}
