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

use super::model::{Cell, CellValue};
use crate::text::ascii_digit;
use crate::Span;

/// Ways (capped at 2) to cut `digits` into `parts` numbers without leading zeros.
fn ways(digits: &[u8], parts: usize) -> (u8, Vec<usize>) {
    let len = digits.len();
    if parts == 0 || parts > len {
        return (0, Vec::new());
    }
    // w[i][p]: ways to cut digits[i..] into p parts (capped at 2); first cut recorded for p.
    let mut w = vec![vec![0u8; parts + 1]; len + 1];
    let mut first = vec![vec![0usize; parts + 1]; len + 1];
    w[len][0] = 1;
    for i in (0..len).rev() {
        for p in 1..=parts {
            let mut total = 0u8;
            let mut cut = 0;
            // a part starting at i: "0" alone, or a digit 1-9 followed by any digits
            let max_end = if digits[i] == 0 { i + 1 } else { len };
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
    let n = w[0][parts];
    if n != 1 {
        return (n, Vec::new());
    }
    let mut cuts = Vec::with_capacity(parts);
    let (mut i, mut p) = (0, parts);
    while p > 0 {
        let e = first[i][p];
        cuts.push(e);
        i = e;
        p -= 1;
    }
    (1, cuts)
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
                Group {
                    digits,
                    offsets,
                    end: c.span.end,
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
                Some(gr) => (1..=gr.digits.len().min(n - k))
                    .map(|p| (p, ways(&gr.digits, p).0))
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
                let (_, cuts) = ways(&gr.digits, parts[gi]);
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
}
