//! Splitting digits that crawler text ran together (`640020470`), where — and only where — the
//! split is certain.
//!
//! The rule: a row's value groups (separated by spaces or line breaks, or not at all) must be cut
//! into exactly the number of cells the template gives the row. Table cells never carry leading
//! zeros, so a `0` is a cell of its own unless it ends a longer number. A split is accepted only
//! when it is the *only* one under these constraints: every digit its own cell (as many digits as
//! cells), a row of zeros, or spaces that already separate every cell. Anything else (`640020470`
//! into seven cells: `64|0|0|2|0|4|70` or `6|40|0|2|0|4|70` or …) is reported as unverifiable;
//! the arithmetic is never used to choose among splits.
//!
//! A cell holds at most [`MAX_CELL_DIGITS`] digits (as [`Cell::new`] reads a number): a longer run
//! cannot be one count, and a group longer than that many digits per cell has no split at all.
//! The work is linear in the row: a group's split counts for every number of parts are found in
//! one pass of `digits × parts × MAX_CELL_DIGITS` steps, and only for groups short enough to be
//! cut into at most `n` cells.

use super::model::{Cell, CellValue};
use crate::text::ascii_digit;
use crate::Span;

/// The most digits one cell may have: 18 digits always fit an `i64` (as in [`Cell::new`]).
pub const MAX_CELL_DIGITS: usize = 18;

#[cfg(test)]
thread_local! {
    /// Steps of the split's dynamic programs (tests bound the work with it).
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline]
fn tick(_n: usize) {
    #[cfg(test)]
    WORK.with(|w| w.set(w.get() + _n as u64));
}

/// Split counts of `digits` for every number of parts up to `max_parts`.
struct Ways {
    /// `w[i][p]`: ways (capped at 2) to cut `digits[i..]` into `p` numbers without leading zeros
    /// of at most [`MAX_CELL_DIGITS`] digits.
    w: Vec<Vec<u8>>,
    /// `first[i][p]`: the end of the first part of one such cut.
    first: Vec<Vec<usize>>,
}

impl Ways {
    /// `None` when `digits` cannot be cut into `max_parts` cells or fewer (too long).
    fn new(digits: &[u8], max_parts: usize) -> Option<Ways> {
        let len = digits.len();
        if max_parts == 0 || len > max_parts.saturating_mul(MAX_CELL_DIGITS) {
            return None;
        }
        let parts = max_parts.min(len);
        let mut w = vec![vec![0u8; parts + 1]; len + 1];
        let mut first = vec![vec![0usize; parts + 1]; len + 1];
        w[len][0] = 1;
        for i in (0..len).rev() {
            // a part starting at i: "0" alone, or a digit 1-9 followed by at most 17 digits
            let max_end = if digits[i] == 0 {
                i + 1
            } else {
                len.min(i + MAX_CELL_DIGITS)
            };
            for p in 1..=parts {
                let mut total = 0u8;
                let mut cut = 0;
                tick(max_end - i);
                for (end, row) in w.iter().enumerate().take(max_end + 1).skip(i + 1) {
                    let sub = row[p - 1];
                    if sub > 0 {
                        if total == 0 {
                            cut = end;
                        }
                        total = (total + sub).min(2);
                    }
                }
                w[i][p] = total;
                first[i][p] = cut;
            }
        }
        Some(Ways { w, first })
    }

    /// Ways (capped at 2) to cut the whole run into `parts` numbers.
    fn count(&self, parts: usize) -> u8 {
        self.w[0].get(parts).copied().unwrap_or(0)
    }

    /// The cut ends of the one cut into `parts` numbers (when there is exactly one).
    fn cuts(&self, parts: usize) -> Vec<usize> {
        let mut cuts = Vec::with_capacity(parts);
        let (mut i, mut p) = (0, parts);
        while p > 0 {
            let e = self.first[i][p];
            cuts.push(e);
            i = e;
            p -= 1;
        }
        cuts
    }
}

/// Splits the value cells of one row into exactly `n` cells. `Digits` cells are cut where the cut
/// is certain; other cells stay whole. `None` when no split, or more than one, exists.
pub fn split_row(text: &str, cells: &[Cell], n: usize) -> Option<Vec<Cell>> {
    if !cells.iter().any(|c| c.value == CellValue::Digits) {
        return (cells.len() == n).then(|| cells.to_vec());
    }
    // Per group: digit values and byte offsets.
    struct Group {
        digits: Vec<u8>,
        offsets: Vec<usize>,
        end: usize,
        /// `None`: too long to be cut into `n` cells or fewer.
        ways: Option<Ways>,
    }
    let groups: Vec<Option<Group>> = cells
        .iter()
        .map(|c| {
            (c.value == CellValue::Digits).then(|| {
                let s = &text[c.span.range()];
                let mut digits = Vec::with_capacity(s.len());
                let mut offsets = Vec::with_capacity(s.len());
                for (o, ch) in s.char_indices() {
                    digits.push(ascii_digit(ch).unwrap_or(0) as u8);
                    offsets.push(c.span.start + o);
                }
                let ways = Ways::new(&digits, n);
                Group {
                    digits,
                    offsets,
                    end: c.span.end,
                    ways,
                }
            })
        })
        .collect();
    // DP over groups: total ways (capped) to reach k parts, and the per-group part counts.
    let g = cells.len();
    let mut table = vec![vec![0u8; n + 1]; g + 1];
    let mut choice = vec![vec![0usize; n + 1]; g + 1];
    table[0][0] = 1;
    for (gi, grp) in groups.iter().enumerate() {
        for k in 0..=n {
            if table[gi][k] == 0 {
                continue;
            }
            let options: Vec<(usize, u8)> = match grp {
                None => vec![(1, 1)],
                Some(Group { ways: None, .. }) => Vec::new(),
                Some(Group {
                    ways: Some(ways),
                    digits,
                    ..
                }) => (1..=digits.len().min(n - k))
                    .map(|p| (p, ways.count(p)))
                    .filter(|&(_, w)| w > 0)
                    .collect(),
            };
            for (p, w) in options {
                if k + p > n {
                    continue;
                }
                let add = (table[gi][k].saturating_mul(w)).min(2);
                if table[gi + 1][k + p] == 0 {
                    choice[gi + 1][k + p] = p;
                }
                table[gi + 1][k + p] = (table[gi + 1][k + p] + add).min(2);
            }
        }
    }
    if table[g][n] != 1 {
        return None;
    }
    // Reconstruct the parts per group.
    let mut parts = vec![0usize; g];
    let mut k = n;
    for gi in (0..g).rev() {
        let p = choice[gi + 1][k];
        parts[gi] = p;
        k -= p;
    }
    let mut out = Vec::with_capacity(n);
    for (gi, cell) in cells.iter().enumerate() {
        match &groups[gi] {
            None => out.push(*cell),
            Some(gr) => {
                // A part count was chosen for this group, so it has its split counts.
                let cuts = gr
                    .ways
                    .as_ref()
                    .map_or_else(Vec::new, |w| w.cuts(parts[gi]));
                let mut start = 0;
                for end in cuts {
                    let s = gr.offsets[start];
                    let e = gr.offsets.get(end).copied().unwrap_or(gr.end);
                    let v = gr.digits[start..end]
                        .iter()
                        .fold(0i64, |a, &d| a * 10 + d as i64);
                    out.push(Cell::with_value(Span::new(s, e), CellValue::Int(v)));
                    start = end;
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(text: &str, n: usize) -> Option<Vec<i64>> {
        let cells: Vec<Cell> = text
            .split(' ')
            .scan(0, |pos, piece| {
                let s = Span::new(*pos, *pos + piece.len());
                *pos += piece.len() + 1;
                Some(if piece.len() > 1 {
                    Cell::with_value(s, CellValue::Digits)
                } else {
                    Cell::new(s, piece)
                })
            })
            .collect();
        split_row(text, &cells, n).map(|v| v.iter().map(|c| c.int().unwrap()).collect())
    }

    #[test]
    fn unique_splits_only() {
        assert_eq!(digits("7000007", 7), Some(vec![7, 0, 0, 0, 0, 0, 7]));
        assert_eq!(digits("0000000", 7), Some(vec![0; 7]));
        assert_eq!(digits("0 0 00 00 0", 7), Some(vec![0; 7]));
        assert_eq!(digits("500000 5", 7), Some(vec![5, 0, 0, 0, 0, 0, 5]));
        assert_eq!(digits("640020470", 7), None);
        assert_eq!(digits("10203120001200000", 15), None);
        assert_eq!(digits("110024001510102", 15).unwrap().len(), 15);
        assert_eq!(digits("12 3 45", 3), Some(vec![12, 3, 45]));
        // "1000001" as seven cells is certain; "100001" as two is not (10|0001 invalid, 1|00001
        // invalid, 100|001 invalid, 1000|01 invalid, 10000|1 valid…) — exactly one: accepted.
        assert_eq!(digits("100001", 2), Some(vec![10000, 1]));
        assert_eq!(digits("1234", 2), None);
    }

    fn work_of(f: impl FnOnce()) -> u64 {
        WORK.with(|w| w.set(0));
        f();
        WORK.with(|w| w.get())
    }

    /// R01: a run of 40,000 digits in a row of seven cells once took an O(L² × parts) program
    /// per part count. The work now does not grow with the run's length past what seven cells
    /// can hold, and stays linear below it.
    #[test]
    fn long_digit_runs_cost_linear_work() {
        for n in [7, 15] {
            let long = |len: usize| work_of(|| drop(digits(&"7".repeat(len), n)));
            assert_eq!(long(10_000), 0, "too long for {n} cells: no program at all");
            assert_eq!(long(40_000), 0);
            assert_eq!(digits(&"7".repeat(40_000), n), None);
            // Runs short enough to split: at most cells × 18 steps per digit, at any length.
            for len in [n, 2 * n, n * MAX_CELL_DIGITS / 2, n * MAX_CELL_DIGITS] {
                let w = long(len);
                assert!(
                    w <= (len * n * MAX_CELL_DIGITS) as u64,
                    "{w} steps for {len} digits"
                );
            }
        }
    }

    /// R22: a 20-digit run is no count (it wrapped an i64 once); the row has no certain split.
    #[test]
    fn a_cell_longer_than_an_i64_holds_is_no_split() {
        assert_eq!(digits("2 1 7 1 0 0 99999999999999999999", 7), None);
        assert_eq!(digits("99999999999999999999", 1), None);
        assert_eq!(
            digits("999999999999999999", 1),
            Some(vec![999_999_999_999_999_999])
        );
        assert_eq!(digits("1 2 3 4 5 6 1234567890123456789", 7), None);
    }
}
