//! Building the extracted text: paragraphs as lines, tables as tab-separated rows with their
//! grids, pictures as placeholder lines.

use crate::{Cell, Extracted, Image, Table};

/// A cell as a reader found it, before it has a place in the text.
#[derive(Debug, Clone, Default)]
pub struct RawCell {
    pub text: String,
    pub row_span: usize,
    pub col_span: usize,
    /// A cell that continues a vertical merge from the row above (Word's `vMerge` without
    /// `restart`): it takes no place of its own.
    pub merged_up: bool,
}

/// Accumulates the text of a document.
#[derive(Debug, Default)]
pub struct TextBuilder {
    out: Extracted,
}

/// Tidies one line: line breaks (and, in a table cell, tabs) inside become spaces.
fn clean_line(s: &str, keep_tabs: bool) -> String {
    s.chars()
        .map(|c| match c {
            '\t' if keep_tabs => c,
            '\t' | '\r' | '\n' | '\u{0b}' | '\u{0c}' => ' ',
            c => c,
        })
        .filter(|&c| c != '\u{0}' && c != '\u{feff}')
        .collect()
}

impl TextBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a paragraph (one line; line breaks inside it are kept as separate lines).
    pub fn paragraph(&mut self, text: &str) {
        for line in text.split('\n') {
            self.out.text.push_str(&clean_line(line, true));
            self.out.text.push('\n');
        }
    }

    /// Appends a placeholder line for a picture.
    pub fn image(&mut self, description: &str) {
        let description = clean_line(description, false).trim().to_owned();
        let start = self.out.text.len();
        if description.is_empty() {
            self.out.text.push_str("[图片]");
        } else {
            self.out.text.push_str(&format!("[图片：{description}]"));
        }
        let end = self.out.text.len();
        self.out.text.push('\n');
        self.out.images.push(Image {
            span: start..end,
            description,
        });
    }

    /// Appends a table: one line per row, cells separated by tabs, spans expanded with empty
    /// cells so that columns line up.
    pub fn table(&mut self, rows: Vec<Vec<RawCell>>) {
        let rows: Vec<Vec<RawCell>> = rows
            .into_iter()
            .map(|r| r.into_iter().filter(|c| !c.merged_up).collect::<Vec<_>>())
            .filter(|r| !r.is_empty())
            .collect();
        if rows.is_empty() {
            return;
        }
        if crate::budget::grid_size(&rows).is_none() {
            // Too large for a grid (docs/formats.md, "Limits"): the rows as text, no grid.
            self.limit(format!(
                "表格展开合并单元格后超过 {} 格，只作为文字读取，未按表格检查",
                crate::budget::MAX_GRID_CELLS
            ));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| clean_line(&c.text, false)).collect();
                self.out.text.push_str(&cells.join("\t"));
                self.out.text.push('\n');
            }
            return;
        }
        let rows = compact_columns(rows);
        let grid = layout(&rows, Some, None);
        let table_start = self.out.text.len();
        let mut out_rows: Vec<Vec<Cell>> = Vec::with_capacity(rows.len());
        let mut seen = std::collections::HashSet::new();
        for mut grid_row in grid {
            // Slots past the row's last cell are padding: no trailing tabs for them.
            while grid_row.last().is_some_and(Option::is_none) {
                grid_row.pop();
            }
            let mut cells = Vec::new();
            for (i, slot) in grid_row.into_iter().enumerate() {
                if i > 0 {
                    self.out.text.push('\t');
                }
                let Some(cell) = slot else { continue };
                let key = cell as *const RawCell as usize;
                if !seen.insert(key) {
                    continue; // a spanned slot: left empty in the text
                }
                let text = clean_line(&cell.text, false);
                let start = self.out.text.len();
                self.out.text.push_str(&text);
                cells.push(Cell {
                    span: start..self.out.text.len(),
                    text,
                    row_span: cell.row_span.max(1),
                    col_span: cell.col_span.max(1),
                });
            }
            self.out.text.push('\n');
            out_rows.push(cells);
        }
        let end = self.out.text.len().saturating_sub(1).max(table_start);
        self.out.tables.push(Table {
            span: table_start..end,
            rows: out_rows,
        });
    }

    /// The text so far ends with a complete line.
    pub fn len(&self) -> usize {
        self.out.text.len()
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.out.text
    }

    pub fn is_empty(&self) -> bool {
        self.out.text.is_empty()
    }

    /// Notes a reading limit the document reached (once per distinct message).
    pub fn limit(&mut self, what: String) {
        if !self.out.limited.contains(&what) {
            self.out.limited.push(what);
        }
    }

    pub fn finish(self) -> Extracted {
        self.out
    }
}

/// Places cells with row and column spans on a rectangular grid, filling every slot a cell
/// covers with `f(cell)` and the rest with `empty`. Spans are capped so that a hostile
/// `colspan="100000"` cannot blow up memory.
pub(crate) fn layout<'a, C, T: Clone>(
    rows: &'a [Vec<C>],
    f: impl Fn(&'a C) -> T,
    empty: T,
) -> Vec<Vec<T>>
where
    C: Spanned,
{
    use crate::budget::MAX_SPAN;
    let mut grid: Vec<Vec<Option<T>>> = vec![Vec::new(); rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while grid[r].get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            let rs = cell.row_span().clamp(1, MAX_SPAN);
            let cs = cell.col_span().clamp(1, MAX_SPAN);
            for line in grid.iter_mut().take((r + rs).min(rows.len())).skip(r) {
                if line.len() < col + cs {
                    line.resize(col + cs, None);
                }
                for slot in &mut line[col..col + cs] {
                    *slot = Some(f(cell));
                }
            }
            col += cs;
        }
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    grid.into_iter()
        .map(|mut line| {
            line.resize(width, None);
            line.into_iter()
                .map(|s| s.unwrap_or_else(|| empty.clone()))
                .collect()
        })
        .collect()
}

/// The grid column each cell starts at, placed as [`layout`] places them.
fn start_columns<C: Spanned>(rows: &[Vec<C>]) -> Vec<Vec<usize>> {
    const MAX_SPAN: usize = 64;
    // For each row, the slots that cells of rows above cover (their row span).
    let mut covered: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        let mut starts = Vec::with_capacity(row.len());
        for cell in row {
            while covered[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let rs = cell.row_span().clamp(1, MAX_SPAN);
            let cs = cell.col_span().clamp(1, MAX_SPAN);
            starts.push(col);
            for line in covered
                .iter_mut()
                .take((r + rs).min(rows.len()))
                .skip(r + 1)
            {
                if line.len() < col + cs {
                    line.resize(col + cs, false);
                }
                line[col..col + cs].iter_mut().for_each(|s| *s = true);
            }
            col += cs;
        }
        out.push(starts);
    }
    out
}

/// Drops grid columns at which no cell starts: a Word table whose column borders do not quite
/// line up has more grid columns than it shows, and a cell that spans two of them is still one
/// cell. Without this, the slot it covers reads as an extra blank cell in the row (a row of
/// seven numbers read as eight cells, one of them blank).
fn compact_columns(mut rows: Vec<Vec<RawCell>>) -> Vec<Vec<RawCell>> {
    let starts = start_columns(&rows);
    let width = rows
        .iter()
        .zip(&starts)
        .flat_map(|(row, s)| {
            row.iter()
                .zip(s)
                .map(|(c, &at)| at + c.col_span.clamp(1, 64))
        })
        .max()
        .unwrap_or(0);
    let mut kept = vec![false; width];
    for &at in starts.iter().flatten() {
        kept[at] = true;
    }
    if kept.iter().all(|&k| k) {
        return rows;
    }
    for (row, s) in rows.iter_mut().zip(&starts) {
        for (cell, &at) in row.iter_mut().zip(s) {
            let end = (at + cell.col_span.clamp(1, 64)).min(width);
            cell.col_span = kept[at..end].iter().filter(|&&k| k).count().max(1);
        }
    }
    rows
}

/// Cells with row and column spans.
pub(crate) trait Spanned {
    fn row_span(&self) -> usize;
    fn col_span(&self) -> usize;
}

impl Spanned for RawCell {
    fn row_span(&self) -> usize {
        self.row_span
    }
    fn col_span(&self) -> usize {
        self.col_span
    }
}

impl Spanned for Cell {
    fn row_span(&self) -> usize {
        self.row_span
    }
    fn col_span(&self) -> usize {
        self.col_span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(t: &str, rs: usize, cs: usize) -> RawCell {
        RawCell {
            text: t.to_owned(),
            row_span: rs,
            col_span: cs,
            merged_up: false,
        }
    }

    #[test]
    fn table_rows_are_tab_separated_and_spans_line_up() {
        let mut b = TextBuilder::new();
        b.paragraph("二、主动公开政府信息情况");
        b.table(vec![
            vec![cell("信息内容", 2, 1), cell("本年制发件数", 1, 2)],
            vec![cell("规章", 1, 1), cell("0", 1, 1)],
            vec![cell("规范性文件", 1, 1), cell("3", 1, 1), cell("1", 1, 1)],
        ]);
        let e = b.finish();
        assert_eq!(
            e.text,
            "二、主动公开政府信息情况\n信息内容\t本年制发件数\t\n\t规章\t0\n规范性文件\t3\t1\n"
        );
        let t = &e.tables[0];
        assert_eq!(t.rows.len(), 3);
        assert_eq!(&e.text[t.rows[1][0].span.clone()], "规章");
        assert_eq!(t.to_grid()[0], ["信息内容", "本年制发件数", "本年制发件数"]);
    }

    #[test]
    fn grid_columns_where_no_cell_starts_are_dropped() {
        // The last number spans two grid columns in every row (its right border is off the
        // header's): still one cell, no blank slot after it.
        let mut b = TextBuilder::new();
        b.table(vec![
            vec![cell("行政复议", 1, 2), cell("总计", 1, 2)],
            vec![cell("1", 1, 1), cell("2", 1, 1), cell("3", 1, 2)],
        ]);
        let e = b.finish();
        assert_eq!(e.text, "行政复议\t\t总计\n1\t2\t3\n");
        assert_eq!(e.tables[0].rows[1][2].col_span, 1);
        assert_eq!(e.tables[0].rows[0][1].col_span, 1);
        // Columns that a cell does start at are kept.
        let mut b = TextBuilder::new();
        b.table(vec![
            vec![cell("a", 2, 1), cell("b", 1, 2)],
            vec![cell("c", 1, 1), cell("d", 1, 1)],
        ]);
        assert_eq!(b.finish().tables[0].rows[0][1].col_span, 2);
    }

    #[test]
    fn huge_spans_are_capped() {
        let rows = vec![vec![cell("x", 1_000_000, 1_000_000)]];
        let g = layout(&rows, |c| c.text.clone(), String::new());
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].len(), 64);
    }
}
