//! What the comparing rules share.
//!
//! The pieces of messages are written straight into the message, not made into strings of
//! their own first (a finding's message took five allocations and five formatting passes), and
//! the messages of the year-on-year rules, made for tens of thousands of findings in a large
//! batch, are put together with [`text!`] rather than `format!`: its machinery cost about 1,300
//! instructions a message of five arguments, pushing the pieces a few hundred.

use std::fmt::{self, Write};

/// A piece of a message: text, a number or one of the pieces below.
pub trait Piece {
    fn write_to(&self, out: &mut impl Write) -> fmt::Result;
}

impl Piece for &str {
    fn write_to(&self, out: &mut impl Write) -> fmt::Result {
        out.write_str(self)
    }
}

macro_rules! integer_piece {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn write_to(&self, out: &mut impl Write) -> fmt::Result {
                out.write_str(itoa::Buffer::new().format(*self))
            }
        }
    )*};
}
integer_piece!(i32, i64, usize);

/// The pieces one after another in a new `String`, as `format!` with `{}` for each would write
/// them (a test compares the two).
macro_rules! text {
    ($($piece:expr),+ $(,)?) => {{
        let mut text = String::with_capacity(160);
        $(
            // Writing into a `String` does not fail.
            let _ = $crate::util::Piece::write_to(&$piece, &mut text);
        )+
        text
    }};
}
pub(crate) use text;

/// `Display` through [`Piece`], for the pieces that `format!` also takes.
macro_rules! display_by_piece {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.write_to(f)
            }
        }
    )*};
}
display_by_piece!(At<'_>, YearReport, Column<'_>, Percent);

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

impl Piece for At<'_> {
    fn write_to(&self, out: &mut impl Write) -> fmt::Result {
        out.write_str(self.file)?;
        out.write_char(':')?;
        self.line.write_to(out)
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

impl Piece for YearReport {
    fn write_to(&self, out: &mut impl Write) -> fmt::Result {
        match self.0 {
            Some(y) => {
                y.write_to(out)?;
                out.write_str("年报告")
            }
            None => out.write_str("上一年度报告"),
        }
    }
}

/// A column's name for a message: nothing for the 总计 column.
pub fn column(label: &str) -> Column<'_> {
    Column(label)
}

/// See [`column`].
pub struct Column<'a>(&'a str);

impl Piece for Column<'_> {
    fn write_to(&self, out: &mut impl Write) -> fmt::Result {
        if self.0 == "总计" {
            Ok(())
        } else {
            out.write_str("（")?;
            out.write_str(self.0)?;
            out.write_str("）")
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

impl Piece for Percent {
    fn write_to(&self, out: &mut impl Write) -> fmt::Result {
        let x = self.0;
        if (0.0..1e15).contains(&x) {
            (x.round_ties_even() as i64).write_to(out)
        } else {
            write!(out, "{x:.0}")
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
    fn text_writes_what_format_wrote() {
        let s = ReportSummary {
            path: "目录/2022.txt".to_owned(),
            year: Some(2022),
            ..ReportSummary::default()
        };
        let place = reportlint_core::compare::Place {
            span: reportlint_core::Span::new(0, 1),
            start: reportlint_core::LineCol {
                line: 1088,
                column: 1,
            },
            end: reportlint_core::LineCol {
                line: 1088,
                column: 2,
            },
            page: None,
        };
        for n in [0_i64, 7, -3, 10, 99, 1_000, i64::MAX, i64::MIN] {
            let label = if n % 2 == 0 { "总计" } else { "自然人" };
            assert_eq!(
                text!(
                    "上年结转",
                    column(label),
                    " ",
                    n,
                    "，",
                    year_report(&s),
                    "为 ",
                    n / 3,
                    "（",
                    at(&s, &place),
                    "）"
                ),
                format!(
                    "上年结转{} {n}，{}为 {}（{}）",
                    column(label),
                    year_report(&s),
                    n / 3,
                    at(&s, &place)
                )
            );
        }
        let none = ReportSummary::default();
        for (x, k) in [
            (12.5, 0_usize),
            (99.5, 1),
            (f64::NAN, 250),
            (-0.4, usize::MAX),
        ] {
            assert_eq!(
                text!(percent(x), "% ", k, year_report(&none), -7_i32),
                format!("{x:.0}% {k}{}-7", year_report(&none))
            );
        }
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
