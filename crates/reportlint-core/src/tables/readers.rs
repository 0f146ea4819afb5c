//! Layout readers: text → [`Grid`]. Each is one linear pass over the table's region.

use super::model::{Cell, CellValue, Grid, Layout};
use crate::text::{ascii_digit, char_len, ends_sentence, ends_visible, is_space};
use crate::Span;

/// Lines of `text` inside `region`, as spans without the line terminator (`\n`, and any `\r`
/// before it).
pub(crate) fn lines(text: &str, region: Span) -> impl Iterator<Item = Span> + '_ {
    let bytes = text[region.range()].as_bytes();
    let base = region.start;
    // One search over the region for the line breaks, not one per line.
    let mut breaks = memchr::memchr_iter(b'\n', bytes);
    let mut start = 0usize;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        // The line ends at the break found, less any `\r` before it: no other `\n` can stand
        // there, as the search finds the first one after the line's start.
        let (next, mut end) = match breaks.next() {
            Some(i) => (i + 1, i),
            None => (bytes.len(), bytes.len()),
        };
        while end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let line = Span::new(base + start, base + end);
        start = next;
        Some(line)
    })
}

/// Which reader fits the text of `region` (its first 400 lines).
pub fn detect(text: &str, region: Span) -> Layout {
    // No more lines than line breaks, and one after the last.
    let n = memchr::memchr_iter(b'\n', text[region.range()].as_bytes()).count() + 1;
    detect_in(text, region, lines(text, region), n)
}

/// The lines [`detect`] reads at most.
const DETECT_LINES: usize = 400;

/// [`detect`] over `lines`, the lines of `region` as [`lines`] finds them (given by the caller
/// when it knows them already), of which there are no more than `n`.
#[inline(never)]
pub(crate) fn detect_in(
    text: &str,
    region: Span,
    lines: impl Iterator<Item = Span>,
    n: usize,
) -> Layout {
    let (mut pipes, mut mid_tabs, mut lead_tabs) = (0usize, 0usize, 0usize);
    let bytes = text[region.range()].as_bytes();
    // Tab-separated and one-cell-per-line text has no pipe at all: one search over the region
    // spares one per line.
    let any_pipe = memchr::memchr(b'|', bytes).is_some();
    // The first tab (or pipe) at or after `from`, searched for over the rest of the region:
    // the lines before it hold none and are passed over without a search of their own.
    let find_mark = |from: usize| {
        let rest = &bytes[from..];
        let found = if any_pipe {
            memchr::memchr2(b'\t', b'|', rest)
        } else {
            memchr::memchr(b'\t', rest)
        };
        found.map_or(usize::MAX, |i| from + i)
    };
    let mut mark = find_mark(0);
    // Lines not read yet, at most: each may add one to either count of tabs.
    let mut left = n.min(DETECT_LINES);
    for line in lines.take(DETECT_LINES) {
        left = left.saturating_sub(1);
        let (start, end) = (line.start - region.start, line.end - region.start);
        if mark < start {
            // A line of one cell per line starts with its tab: found without a search.
            mark = if bytes.get(start) == Some(&b'\t') {
                start
            } else {
                find_mark(start)
            };
        }
        if mark >= end {
            continue; // neither a tab nor a pipe in the line
        }
        let b = &bytes[start..end];
        let first = mark - start;
        let two_pipes = any_pipe
            && match memchr::memchr(b'|', &b[first..]) {
                Some(p) => memchr::memchr(b'|', &b[first + p + 1..]).is_some(),
                None => false,
            };
        if two_pipes {
            pipes += 1;
            if pipes >= 2 {
                return Layout::Pipes; // nothing that follows can change the answer
            }
        }
        let first_tab = if b[first] == b'\t' {
            first
        } else {
            match memchr::memchr(b'\t', &b[first..]) {
                Some(t) => first + t,
                None => continue,
            }
        };
        // The last tab before the line's trailing whitespace: a tab between cells, unless it is
        // the line's leading one (after spaces).
        let trimmed = if ends_visible(b) {
            b.len()
        } else {
            text[line.range()].trim_end_matches(is_space).len()
        };
        let last = b[..trimmed].iter().rposition(|&c| c == b'\t');
        if b[..first_tab].iter().all(|&c| c == b' ') {
            if last.is_some_and(|q| q > first_tab) {
                mid_tabs += 1;
            } else {
                lead_tabs += 1;
            }
        } else if last.is_some() {
            mid_tabs += 1;
        }
        // Without a pipe, the lines left can no longer change the answer once the tabs between
        // cells outnumber those that lead lines by more than those lines (tabs), or the reverse
        // (one cell per line, with three lines at least).
        if !any_pipe {
            if mid_tabs >= 2 && mid_tabs >= lead_tabs + left {
                return Layout::Tabs;
            }
            if lead_tabs >= 3 && (mid_tabs + left < 2 || mid_tabs + left < lead_tabs) {
                return Layout::CellPerLine;
            }
        }
    }
    if pipes >= 2 {
        Layout::Pipes
    } else if mid_tabs >= 2 && mid_tabs >= lead_tabs {
        Layout::Tabs
    } else if lead_tabs >= 3 {
        Layout::CellPerLine
    } else {
        Layout::Flowing
    }
}

/// Reads `region` with the reader for `layout` ([`Layout::Grid`] is not a text layout: it reads
/// as [`Layout::Flowing`]).
pub fn read(text: &str, region: Span, layout: Layout) -> Grid {
    read_in(text, region, layout, lines(text, region))
}

/// [`read`] with `lines`, the lines of `region` as [`lines`] finds them (given by the caller when
/// it knows them already).
pub(crate) fn read_in(
    text: &str,
    region: Span,
    layout: Layout,
    lines: impl Iterator<Item = Span>,
) -> Grid {
    match layout {
        Layout::Tabs => read_separated(text, lines, Sep::Tab),
        Layout::Pipes => read_separated(text, lines, Sep::Pipe),
        Layout::CellPerLine => read_cell_per_line(text, lines),
        Layout::Flowing | Layout::Grid => read_flowing(text, region),
    }
}

/// Whether `s` is nothing but [`is_space`] characters (decided on the first byte for most lines).
fn is_blank(s: &str) -> bool {
    match s.bytes().find(|b| !matches!(b, b'\t'..=b'\r' | b' ')) {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => s.trim_start_matches(is_space).is_empty(),
    }
}

/// A line of running prose, which ends a table.
fn is_prose(s: &str) -> bool {
    let t = s.trim_matches(is_space);
    ends_sentence(t) && char_len(t) > 12 || char_len(t) > 60
}

#[derive(Clone, Copy, PartialEq)]
enum Sep {
    Tab,
    Pipe,
}

/// Tab-separated or pipe-separated rows: one line, one row.
fn read_separated(text: &str, lines: impl Iterator<Item = Span>, sep: Sep) -> Grid {
    let sep_b = if sep == Sep::Tab { b'\t' } else { b'|' };
    // The cells go straight into the grid: no row of its own for each line.
    let mut grid = Grid::with_capacity(64, 512);
    for line in lines {
        let l = &text[line.range()];
        let bytes = l.as_bytes();
        let Some(first_sep) = memchr::memchr(sep_b, bytes) else {
            if is_blank(l) {
                continue;
            }
            if is_prose(l) {
                if grid.is_empty() {
                    continue;
                }
                break;
            }
            grid.push_row(&[Cell::new(line, l)]);
            continue;
        };
        if sep == Sep::Pipe
            && l.chars()
                .all(|c| matches!(c, '|' | '-' | ':' | '+') || is_space(c))
        {
            continue; // Markdown's |---|---| line
        }
        // Where the cell after the separator at `i` starts: `||` separates groups of columns in
        // some renderings, as one separator.
        let after = |i: usize| {
            if sep == Sep::Pipe && i + 1 < bytes.len() && bytes[i + 1] == b'|' {
                i + 2
            } else {
                i + 1
            }
        };
        // A row written `| a | b |` has nothing but spaces before its first pipe: that blank
        // cell is no cell of the table. It is passed over, not read and then removed (which
        // moved every cell of the row).
        let lead_pipe = sep == Sep::Pipe && l[..first_sep].chars().all(is_space);
        let row_start = grid.cells.len();
        let mut start = if lead_pipe { after(first_sep) } else { 0 };
        loop {
            // Most cells are one digit, alone (`\t0\t`) or with a space on each side (`| 0 |`):
            // read at once, as the loop below would read them.
            let d = start + usize::from(bytes.get(start) == Some(&b' '));
            if let Some(&c @ b'0'..=b'9') = bytes.get(d) {
                let i = d + 1 + usize::from(bytes.get(d + 1) == Some(&b' '));
                if i == bytes.len() || bytes.get(i) == Some(&sep_b) {
                    let span = Span::new(line.start + d, line.start + d + 1);
                    grid.cells
                        .push(Cell::with_value(span, CellValue::Int(i64::from(c - b'0'))));
                    if i == bytes.len() {
                        break;
                    }
                    start = after(i);
                    continue;
                }
            }
            // Else most cells are blank or a small number, with at most spaces around: read in
            // one pass up to the separator after them, as `Cell::new` would read them.
            let mut j = start;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            let digits_start = j;
            let mut v: i64 = 0;
            while j < bytes.len() && bytes[j].is_ascii_digit() && j - digits_start < 18 {
                v = v * 10 + i64::from(bytes[j] - b'0');
                j += 1;
            }
            let digits_end = j;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            let i = if j == bytes.len() || bytes[j] == sep_b {
                let at = line.start + digits_start;
                grid.cells.push(if digits_end == digits_start {
                    // nothing but spaces: blank where they end
                    Cell::with_value(Span::empty(line.start + j), CellValue::Blank)
                } else {
                    Cell::with_value(Span::new(at, line.start + digits_end), CellValue::Int(v))
                });
                j
            } else {
                // A label, or a value of another kind: up to the separator (the line's first,
                // found already, for a label that leads the line).
                let i = if j <= first_sep {
                    first_sep
                } else {
                    memchr::memchr(sep_b, &bytes[j..]).map_or(bytes.len(), |p| j + p)
                };
                grid.cells.push(Cell::new(
                    Span::new(line.start + start, line.start + i),
                    &l[start..i],
                ));
                i
            };
            if i == bytes.len() {
                break;
            }
            start = after(i);
        }
        // Such a row's blank cell after its last pipe is no cell either.
        if lead_pipe
            && grid.cells[row_start..]
                .last()
                .is_some_and(|c| c.value == CellValue::Blank)
            && l.trim_end_matches(is_space).ends_with('|')
        {
            grid.cells.pop();
        }
        grid.end_row();
    }
    grid
}

/// One cell per line, each cell's line starting with a tab; blank lines (or a line starting with
/// spaces then a tab, where Word lost the row's first cell) begin a row; a line without a tab
/// continues the label before it (`商业\n企业`).
#[inline(never)]
fn read_cell_per_line(text: &str, lines: impl Iterator<Item = Span>) -> Grid {
    // The cells go straight into the grid, the row being read after the rows ended: no row of
    // its own to copy into the grid at each row's end.
    let mut rows = Grid::with_capacity(64, 512);
    let mut cell: Option<Span> = None;
    let flush_cell = |cell: &mut Option<Span>, rows: &mut Grid| {
        if let Some(c) = cell.take() {
            rows.cells.push(Cell::new(c, &text[c.range()]));
        }
    };
    for line in lines {
        let b = &text.as_bytes()[line.range()];
        // Most lines are a cell: a tab, then a visible ASCII character or one of U+4000..=U+EFFF
        // (no space): told on their first two bytes, as the tests below would tell them.
        if let [b'\t', c, ..] = b {
            if c.is_ascii_graphic() || (0xe4..=0xee).contains(c) {
                flush_cell(&mut cell, &mut rows);
                cell = Some(Span::new(line.start + 1, line.end));
                continue;
            }
        }
        let l = &text[line.range()];
        if is_blank(l) {
            flush_cell(&mut cell, &mut rows);
            if rows.row_open() {
                rows.end_row();
            }
            continue;
        }
        let lead = b.iter().take_while(|&&c| c == b' ').count();
        if b.get(lead) == Some(&b'\t') {
            flush_cell(&mut cell, &mut rows);
            if lead > 0 && rows.row_open() {
                rows.end_row();
            }
            cell = Some(Span::new(line.start + lead + 1, line.end));
            continue;
        }
        // A line without a leading tab: continues a label, or ends the table.
        match cell {
            Some(c) if classify_span(text, c) == CellValue::Text && !is_prose(l) => {
                cell = Some(Span::new(c.start, line.end));
            }
            _ => {
                flush_cell(&mut cell, &mut rows);
                if is_prose(l) {
                    if !rows.is_empty() || rows.row_open() {
                        break;
                    }
                    continue;
                }
                if rows.row_open() {
                    rows.end_row();
                }
                cell = Some(line);
            }
        }
    }
    flush_cell(&mut cell, &mut rows);
    if rows.row_open() {
        rows.end_row();
    }
    rows
}

fn classify_span(text: &str, s: Span) -> CellValue {
    super::model::classify(text[s.range()].trim_matches(is_space))
}

fn is_digit(c: char) -> bool {
    ascii_digit(c).is_some()
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '－')
}

fn is_slash(c: char) -> bool {
    matches!(c, '/' | '／')
}

/// Cells separated by spaces or line breaks, or not at all (crawler text). Each row is its label
/// (all text since the last number) followed by its value groups; a group of several digits is a
/// [`CellValue::Digits`] cell that the matcher may split. A list marker glued to the digits before
/// it (`00000002.其他…`) goes to the next label: sub-item numbers have one digit.
#[inline(never)]
fn read_flowing(text: &str, region: Span) -> Grid {
    let s = &text[region.range()];
    let base = region.start;
    let mut rows = Grid::default();
    let mut label: Option<Span> = None;
    let mut values: Vec<Cell> = Vec::new();
    let flush = |label: &mut Option<Span>, values: &mut Vec<Cell>, rows: &mut Grid| {
        let start = rows.cells.len();
        if let Some(l) = label.take() {
            rows.cells.push(Cell::with_value(l, CellValue::Text));
        }
        rows.cells.append(values);
        if rows.cells.len() > start {
            rows.end_row();
        }
    };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let off = |k: usize| chars.get(k).map_or(s.len(), |&(o, _)| o);
    let mut k = 0;
    while k < n {
        let c = chars[k].1;
        if is_digit(c) {
            let mut j = k;
            while j < n && is_digit(chars[j].1) {
                j += 1;
            }
            let mut decimal = false;
            if matches!(at(j), Some('.' | '．')) && at(j + 1).is_some_and(is_digit) {
                decimal = true;
                j += 1;
                while j < n && is_digit(chars[j].1) {
                    j += 1;
                }
            }
            let marker = !decimal
                && matches!(at(j), Some('.' | '．' | '、'))
                && at(j + 1).is_some_and(|d| !is_digit(d) && !is_space(d));
            let end = if marker { j - 1 } else { j };
            if end > k {
                if label.is_some() && !values.is_empty() {
                    // cannot happen: text after values flushes the row
                }
                let span = Span::new(base + off(k), base + off(end));
                let value = if decimal {
                    super::model::classify(&s[off(k)..off(end)])
                } else if end - k == 1 {
                    CellValue::Int(ascii_digit(chars[k].1).unwrap_or(0) as i64)
                } else {
                    CellValue::Digits
                };
                values.push(Cell::with_value(span, value));
            }
            if marker {
                if !values.is_empty() {
                    flush(&mut label, &mut values, &mut rows);
                }
                let start = base + off(end);
                label = Some(match label {
                    Some(l) => Span::new(l.start, base + off(j)),
                    None => Span::new(start, base + off(j)),
                });
            }
            k = j;
            continue;
        }
        if is_space(c) {
            k += 1;
            continue;
        }
        if is_slash(c) || is_dash(c) {
            let prev = k.checked_sub(1).and_then(&at);
            let next = at(k + 1);
            let valueish = |x: Option<char>| match x {
                None => true,
                Some(x) => is_space(x) || is_digit(x) || is_slash(x) || is_dash(x),
            };
            if valueish(prev) || valueish(next) {
                // a dash between two dashes is one cell (`——`)
                let mut j = k + 1;
                if is_dash(c) {
                    while j < n && is_dash(chars[j].1) && chars[j].1 == c {
                        j += 1;
                    }
                }
                let span = Span::new(base + off(k), base + off(j));
                let value = if is_slash(c) {
                    CellValue::Slash
                } else {
                    CellValue::Dash
                };
                // A dash right before digits is a minus sign.
                if is_dash(c) && at(j).is_some_and(is_digit) && valueish(prev) {
                    k = j;
                    continue;
                }
                values.push(Cell::with_value(span, value));
                k = j;
                continue;
            }
        }
        if c == '。' && (!rows.is_empty() || !values.is_empty()) {
            break;
        }
        // Text: a new label begins once values have been seen.
        if !values.is_empty() {
            flush(&mut label, &mut values, &mut rows);
        }
        let end = base + off(k + 1);
        label = Some(match label {
            Some(l) => Span::new(l.start, end),
            None => Span::new(base + off(k), end),
        });
        k += 1;
    }
    flush(&mut label, &mut values, &mut rows);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str, layout: Layout) -> Vec<Vec<String>> {
        let g = read(text, Span::new(0, text.len()), layout);
        g.rows()
            .map(|r| r.iter().map(|c| text[c.span.range()].to_owned()).collect())
            .collect()
    }

    /// [`read_separated`] as it was before it read plain cells in one pass: every cell found
    /// with a scan for the separator, then made by `Cell::new`.
    fn read_separated_reference(text: &str, region: Span, sep: Sep) -> Vec<Vec<Cell>> {
        let sep_b = if sep == Sep::Tab { b'\t' } else { b'|' };
        let mut rows = Vec::new();
        for line in lines(text, region) {
            let l = &text[line.range()];
            let bytes = l.as_bytes();
            let Some(first_sep) = memchr::memchr(sep_b, bytes) else {
                if is_blank(l) {
                    continue;
                }
                if is_prose(l) {
                    if rows.is_empty() {
                        continue;
                    }
                    break;
                }
                rows.push(vec![Cell::new(line, l)]);
                continue;
            };
            if sep == Sep::Pipe
                && l.chars()
                    .all(|c| matches!(c, '|' | '-' | ':' | '+') || is_space(c))
            {
                continue;
            }
            let mut row = Vec::new();
            let mut start = 0usize;
            let mut next_sep = Some(first_sep);
            loop {
                let i = next_sep.unwrap_or(bytes.len());
                row.push(Cell::new(
                    Span::new(line.start + start, line.start + i),
                    &l[start..i],
                ));
                if i == bytes.len() {
                    break;
                }
                start = if sep == Sep::Pipe && i + 1 < bytes.len() && bytes[i + 1] == b'|' {
                    i + 2
                } else {
                    i + 1
                };
                next_sep = bytes[start..]
                    .iter()
                    .position(|&b| b == sep_b)
                    .map(|p| start + p);
            }
            let mut cells = &row[..];
            if sep == Sep::Pipe {
                let trimmed = l.trim_matches(is_space);
                if trimmed.starts_with('|')
                    && cells.first().is_some_and(|c| c.value == CellValue::Blank)
                {
                    cells = &cells[1..];
                    if trimmed.ends_with('|')
                        && cells.last().is_some_and(|c| c.value == CellValue::Blank)
                    {
                        cells = &cells[..cells.len() - 1];
                    }
                }
            }
            rows.push(cells.to_vec());
        }
        rows
    }

    #[test]
    fn separated_rows_agree_with_their_reference() {
        let texts = [
            "规章\t0\t0\t0\n行政规范性文件\t4\t1\t9\n",
            "\t\t商业企业\t科研机构\n一、本年新收\t17\t6\t 0 \t0\t\t23\t\n",
            "a\t 12 \t12a\t1 2\t  \t\u{3000}3\t-3\t1.5\t/\t——\t１２\r\n",
            "123456789012345678\t1234567890123456789\t0000000000000000000000\n",
            "本年度共收到政府信息公开申请3件，予以公开3件，被申请行政复议1件。\n规章\t0\n",
            "规章\t0\n本年度共收到政府信息公开申请3件，予以公开3件，被申请行政复议1件。\n行政\t1\n",
            "| 规章 | 0 | / |\n|---|---|---|\n| | 1 | |\n|  |\n||\n|\n",
            "\u{3000}| 0 |\u{3000}\n \t|| 1 | 2 |\t\n|||\n| | |\n||| x\n\u{feff}|a\n|\t\n",
            "5 |  |  | 2 | 7 || 8 |  |  | 1 | 9 ||  |  |  |  | \n",
            " | 0 | 1 | \n|0|12|x 1|\n| 0 0 | 3 |\t|\n规章 | 0\n",
            "\t\n\n \n\t0\t\n0\t",
            "| 0 |1|  2 | 3  | 4\u{3000}| 5 6 | 7 || 8 ||9| 0\n0 \t 1\t\t2  \t3 \n\t0 \n9",
            "|0||1|| 2 ||\n| 0 | 0 |\n| 0 |  \n 0 | 0\n",
            "",
            "|",
            "\t",
        ];
        for t in texts {
            // The region at the text's start, and after a line before it.
            for prefix in ["", "前言\n"] {
                let text = &format!("{prefix}{t}");
                let region = Span::new(prefix.len(), text.len());
                for sep in [Sep::Tab, Sep::Pipe] {
                    let grid = read_separated(text, lines(text, region), sep);
                    let rows: Vec<Vec<Cell>> = grid.rows().map(<[Cell]>::to_vec).collect();
                    assert_eq!(
                        rows,
                        read_separated_reference(text, region, sep),
                        "{text:?}"
                    );
                }
            }
        }
    }

    /// [`detect`] as it was before it passed over lines without a tab or a pipe.
    fn detect_reference(text: &str, region: Span) -> Layout {
        let (mut pipes, mut mid_tabs, mut lead_tabs) = (0usize, 0usize, 0usize);
        // Tab-separated and one-cell-per-line text has no pipe at all: one search over the region
        // spares one per line.
        let any_pipe = memchr::memchr(b'|', text[region.range()].as_bytes()).is_some();
        for line in lines(text, region).take(400) {
            let l = &text[line.range()];
            let b = l.as_bytes();
            // Most lines hold neither a tab nor a pipe, or one of them early: one search finds it.
            let found = if any_pipe {
                memchr::memchr2(b'\t', b'|', b)
            } else {
                memchr::memchr(b'\t', b)
            };
            let Some(first) = found else {
                continue;
            };
            let two_pipes = any_pipe
                && match memchr::memchr(b'|', &b[first..]) {
                    Some(p) => memchr::memchr(b'|', &b[first + p + 1..]).is_some(),
                    None => false,
                };
            if two_pipes {
                pipes += 1;
                if pipes >= 2 {
                    return Layout::Pipes; // nothing that follows can change the answer
                }
            }
            let first_tab = if b[first] == b'\t' {
                first
            } else {
                match memchr::memchr(b'\t', &b[first..]) {
                    Some(t) => first + t,
                    None => continue,
                }
            };
            // The last tab before the line's trailing whitespace: a tab between cells, unless it is
            // the line's leading one (after spaces).
            let trimmed = l.trim_end_matches(is_space).len();
            let last = b[..trimmed].iter().rposition(|&c| c == b'\t');
            if b[..first_tab].iter().all(|&c| c == b' ') {
                if last.is_some_and(|q| q > first_tab) {
                    mid_tabs += 1;
                } else {
                    lead_tabs += 1;
                }
            } else if last.is_some() {
                mid_tabs += 1;
            }
        }
        if pipes >= 2 {
            Layout::Pipes
        } else if mid_tabs >= 2 && mid_tabs >= lead_tabs {
            Layout::Tabs
        } else if lead_tabs >= 3 {
            Layout::CellPerLine
        } else {
            Layout::Flowing
        }
    }

    #[test]
    fn detect_agrees_with_its_reference() {
        let pieces = [
            "a\tb\tc",
            "\t0",
            "  \t1",
            " \t",
            "\t",
            "|a|b|",
            "a | b",
            "x|",
            "规章\t0\t0\t0",
            "一、本年新收\t17\t6\t0",
            "本年度共收到政府信息公开申请3件。",
            "",
            "\u{3000}\t",
            "a\t\u{3000}",
            "a\t \t",
            "\t\t商业企业\t科研机构",
            "a\t\u{feff}",
            "中\t文",
            "\t规章\r",
            "||",
            "0\t|",
        ];
        // Texts of pieces chosen by a small generator, with `\n` or `\r\n` between them.
        let mut next = crate::testing::lcg(12345u64);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..3000 {
            let mut text = String::from("前言\n");
            for _ in 0..next(12) {
                text.push_str(pieces[next(pieces.len())]);
                text.push_str(if next(4) == 0 { "\r\n" } else { "\n" });
            }
            if next(2) == 0 {
                text.push_str(pieces[next(pieces.len())]);
            }
            let region = Span::new("前言\n".len(), text.len());
            let layout = detect(&text, region);
            assert_eq!(layout, detect_reference(&text, region), "{text:?}");
            seen.insert(layout);
        }
        assert_eq!(seen.len(), 4, "{seen:?}");
        // Only the first 400 lines count: marks before and after the 400th line.
        for (before, after) in [(397, 10), (398, 10), (399, 10), (400, 10), (0, 500)] {
            let mut text = "正文。\n".repeat(before);
            text.push_str(&"\t0\n".repeat(after));
            text.push_str("a\tb\tc\n");
            let region = Span::new(0, text.len());
            assert_eq!(
                detect(&text, region),
                detect_reference(&text, region),
                "{before}"
            );
        }
    }

    #[test]
    fn lines_lose_their_terminators() {
        let t = "前\na\r\r\nb\r\n\r\n\n\rc\r";
        let region = Span::new("前\n".len(), t.len());
        let got: Vec<&str> = lines(t, region).map(|l| &t[l.range()]).collect();
        assert_eq!(got, ["a", "b", "", "", "\rc"]);
        let t = "a\nb";
        let got: Vec<&str> = lines(t, Span::new(0, t.len()))
            .map(|l| &t[l.range()])
            .collect();
        assert_eq!(got, ["a", "b"]);
    }

    #[test]
    fn detects_layouts() {
        let t = "a\tb\tc\nd\te\tf\n";
        assert_eq!(detect(t, Span::new(0, t.len())), Layout::Tabs);
        let t = "\t规章\n\t0\n\t0\n\n\t行政\n\t0\n";
        assert_eq!(detect(t, Span::new(0, t.len())), Layout::CellPerLine);
        let t = "规章 | 0 | 1\n规范 | 2 | 3\n";
        assert_eq!(detect(t, Span::new(0, t.len())), Layout::Pipes);
        let t = "规章000行政规范性文件693665";
        assert_eq!(detect(t, Span::new(0, t.len())), Layout::Flowing);
    }

    #[test]
    fn flowing_rows_and_markers() {
        let t =
            "（三）不予公开1.属于国家秘密00000002.其他法律 0 0 0 0 0 0 0（六）其他处理0 0 0 0 0 00";
        let rows = cells(t, Layout::Flowing);
        assert_eq!(rows[0], ["（三）不予公开1.属于国家秘密", "0000000"]);
        assert_eq!(rows[1][0], "2.其他法律");
        assert_eq!(rows[1].len(), 8);
        assert_eq!(rows[2], ["（六）其他处理", "0", "0", "0", "0", "0", "00"]);
    }

    #[test]
    fn pipes_keep_blank_cells() {
        let t = "5 |  |  | 2 | 7 || 8 |  |  | 1 | 9 ||  |  |  |  | \n";
        let g = read(t, Span::new(0, t.len()), Layout::Pipes);
        assert_eq!(g.row(0).len(), 15);
        let t = "| 规章 | 0 | / |\n|---|---|---|\n";
        assert_eq!(cells(t, Layout::Pipes), [["规章", "0", "/"]]);
    }

    /// [`read_cell_per_line`] as it was before it told a cell's line on its first two bytes.
    fn read_cell_per_line_reference(text: &str, region: Span) -> Grid {
        let mut rows = Grid::with_capacity(64, 512);
        let mut cell: Option<Span> = None;
        let flush_cell = |cell: &mut Option<Span>, rows: &mut Grid| {
            if let Some(c) = cell.take() {
                rows.cells.push(Cell::new(c, &text[c.range()]));
            }
        };
        for line in lines(text, region) {
            let l = &text[line.range()];
            if is_blank(l) {
                flush_cell(&mut cell, &mut rows);
                if rows.row_open() {
                    rows.end_row();
                }
                continue;
            }
            let lead = l.len() - l.trim_start_matches(' ').len();
            if l[lead..].starts_with('\t') {
                flush_cell(&mut cell, &mut rows);
                if lead > 0 && rows.row_open() {
                    rows.end_row();
                }
                cell = Some(Span::new(line.start + lead + 1, line.end));
                continue;
            }
            match cell {
                Some(c) if classify_span(text, c) == CellValue::Text && !is_prose(l) => {
                    cell = Some(Span::new(c.start, line.end));
                }
                _ => {
                    flush_cell(&mut cell, &mut rows);
                    if is_prose(l) {
                        if !rows.is_empty() || rows.row_open() {
                            break;
                        }
                        continue;
                    }
                    if rows.row_open() {
                        rows.end_row();
                    }
                    cell = Some(line);
                }
            }
        }
        flush_cell(&mut cell, &mut rows);
        if rows.row_open() {
            rows.end_row();
        }
        rows
    }

    #[test]
    fn cell_per_line_agrees_with_its_reference() {
        let pieces = [
            "\t0",
            "\t12",
            "\t规章",
            "  \t0",
            " \t",
            "\t",
            "\t\t",
            "\t \t",
            "\t\u{3000}",
            "\t\u{3000}1",
            "\t\u{feff}1",
            "\t\u{a0}",
            "\t\u{1}",
            "\tａ",
            "\t一",
            "\t—",
            "\t㐀",
            "\t 0 ",
            "商业",
            "企业",
            "",
            "  ",
            "0",
            "本年度共收到政府信息公开申请3件，予以公开3件，被申请行政复议1件。",
        ];
        let mut next = crate::testing::lcg(987654321u64);
        for _ in 0..3000 {
            let mut text = String::from("前言\n");
            for _ in 0..next(14) {
                text.push_str(pieces[next(pieces.len())]);
                text.push_str(if next(5) == 0 { "\r\n" } else { "\n" });
            }
            if next(2) == 0 {
                text.push_str(pieces[next(pieces.len())]);
            }
            let region = Span::new("前言\n".len(), text.len());
            let got = read_cell_per_line(&text, lines(&text, region));
            let want = read_cell_per_line_reference(&text, region);
            let rows = |g: &Grid| g.rows().map(<[Cell]>::to_vec).collect::<Vec<_>>();
            assert_eq!(rows(&got), rows(&want), "{text:?}");
        }
    }

    #[test]
    fn cell_per_line_rows() {
        let t = "\t信息内容\n\t本年\n制发\n\n\t规章\n\t0\n \t0\n\t1\n";
        assert_eq!(
            cells(t, Layout::CellPerLine),
            vec![
                vec!["信息内容", "本年\n制发"],
                vec!["规章", "0"],
                vec!["0", "1"]
            ]
        );
    }
}
