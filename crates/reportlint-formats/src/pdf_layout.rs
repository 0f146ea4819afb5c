//! Layout from glyph positions: lines, words, paragraphs, page furniture and tables.
//!
//! One linear pass per step, page by page:
//! 1. glyphs → lines: glyphs whose baselines lie within a fraction of the font size form a line,
//!    read left to right; a gap wider than [`CELL_GAP`] font sizes splits the line into segments
//!    (table cells); letter-spaced runs of single characters (`邮 编 ：`) are one segment.
//! 2. page furniture: page numbers (`- 3 -`, `第3页 共6页`, `3/6`, a bare number) in the top or
//!    bottom band of a page, and lines repeated at the same place on most pages (running headers
//!    and footers), are dropped.
//! 3. tables: runs of lines with two or more segments (and the single-segment lines between
//!    them in the same font size that start at a column) form a table. Columns come from the
//!    left edges of the segments (centred numbers from overlapping extents), rows from the lines
//!    that hold numbers; text wrapped inside a cell (lines a cell-height apart in one column) is
//!    joined and attached to the row it sits beside.
//! 4. paragraphs: a line that reaches the right margin continues into the next line when that
//!    one starts at the left margin in the same font size (also across a page break); a short
//!    line, an indented line or a change of font size starts a new paragraph; consecutive
//!    centred lines in a larger font (a title set over two lines) are one line.
//!
//! Every line of the output records the page and the line within the page where it starts, for
//! the page map.

use crate::builder::{RawCell, TextBuilder};
use crate::pdf_glyphs::{Glyph, Page, Rule, VRule};
use crate::{Extracted, PageLine, PageMap};

/// A gap between glyphs wider than this many font sizes separates two cells.
const CELL_GAP: f32 = 1.3;

#[derive(Debug, Clone)]
struct Seg {
    x0: f32,
    x1: f32,
    /// Baseline of the segment's first glyph.
    y: f32,
    text: String,
}

impl Seg {
    fn is_number(&self) -> bool {
        let t = self.text.trim_end_matches(['%', '％']);
        !t.is_empty()
            && t.chars().any(|c| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '—' | '－'))
    }
}

#[derive(Debug, Clone)]
struct Line {
    /// 0-based page.
    page: usize,
    /// 1-based line on its page (every line counted, furniture too).
    page_line: usize,
    y: f32,
    size: f32,
    x0: f32,
    x1: f32,
    /// Whether the line holds CJK text (else its size says little: digits are often set in
    /// another font at another size).
    cjk: bool,
    segs: Vec<Seg>,
}

impl Line {
    fn text(&self) -> String {
        let mut s = String::new();
        for (i, seg) in self.segs.iter().enumerate() {
            if i > 0 {
                let prev = self.segs[i - 1].text.chars().last().unwrap_or(' ');
                let next = seg.text.chars().next().unwrap_or(' ');
                let gap = seg.x0 - self.segs[i - 1].x1;
                if !(is_cjk(prev) || is_cjk(next)) || gap > 4.0 * self.size {
                    s.push(' ');
                }
            }
            s.push_str(&seg.text);
        }
        s
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Sizes of glyphs are rounded to this for comparisons.
fn close(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() <= tol * a.max(b)
}

// ---------------------------------------------------------------------------------------------
// 1. glyphs → lines

/// The right edge of a glyph. Widths from fonts are sometimes wrong (a default width where the
/// font has none): a glyph is taken to be at most a font size wide (CJK) or
/// 0.6 of one (digits, letters).
fn right(g: &Glyph) -> f32 {
    let most = if is_cjk(g.ch) { 1.05 } else { 0.6 };
    g.x + g.w.clamp(0.0, most * g.size)
}

fn page_lines(page_no: usize, page: &Page) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| g.size > 0.5 && g.size < 500.0)
        .collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut clusters: Vec<Vec<&Glyph>> = Vec::new();
    let mut ref_y = f32::NAN;
    let mut ref_size = 0.0f32;
    for g in glyphs {
        let tol = 0.45 * g.size.min(ref_size.max(0.1));
        if clusters.is_empty() || (g.y - ref_y).abs() > tol {
            clusters.push(Vec::new());
            ref_y = g.y;
            ref_size = g.size;
        }
        clusters.last_mut().expect("pushed").push(g);
    }
    let mut lines = Vec::with_capacity(clusters.len());
    for mut c in clusters {
        c.sort_by(|a, b| a.x.total_cmp(&b.x));
        // Text drawn twice at nearly the same place (fake bold) is read once.
        c.dedup_by(|b, a| b.ch == a.ch && (b.x - a.x).abs() < 0.3 * a.size.max(1.0));
        // The size of the text's own characters: digits and Latin letters are often set in
        // another font at another size.
        let mut sizes: Vec<f32> = c.iter().filter(|g| is_cjk(g.ch)).map(|g| g.size).collect();
        let cjk = !sizes.is_empty();
        if sizes.is_empty() {
            sizes = c.iter().map(|g| g.size).collect();
        }
        sizes.sort_by(f32::total_cmp);
        let size = sizes[sizes.len() / 2];
        let y = c.iter().map(|g| g.y).fold(f32::MIN, f32::max);
        if c.iter().all(|g| g.ch.is_whitespace()) {
            continue;
        }
        let mut segs: Vec<Seg> = Vec::new();
        let mut prev: Option<&Glyph> = None;
        // Space glyphs only mark word breaks between Latin words.
        let mut space = false;
        for g in c {
            if g.ch.is_whitespace() {
                space = prev.is_some();
                continue;
            }
            let gap = prev.map_or(f32::MAX, |p| g.x - right(p));
            let sz = prev.map_or(g.size, |p| p.size.max(g.size));
            // Between digits and letters a gap of a font size is already a cell gap; CJK text
            // may be spread wider by justification.
            let latin = !is_cjk(g.ch) && !prev.is_some_and(|p| is_cjk(p.ch));
            let limit = if latin { 1.0 } else { CELL_GAP };
            if prev.is_none() || gap > limit * sz {
                segs.push(Seg {
                    x0: g.x,
                    x1: right(g),
                    y: g.y,
                    text: String::new(),
                });
            } else if (space || gap > 0.5 * sz)
                && !is_cjk(g.ch)
                && !prev.is_some_and(|p| is_cjk(p.ch))
            {
                segs.last_mut().expect("pushed").text.push(' ');
            }
            space = false;
            let seg = segs.last_mut().expect("pushed");
            seg.text.push(g.ch);
            seg.x1 = seg.x1.max(right(g));
            prev = Some(g);
        }
        let segs = merge_letter_spaced(segs, size);
        let x0 = segs.first().map_or(0.0, |s| s.x0);
        let x1 = segs.iter().map(|s| s.x1).fold(x0, f32::max);
        lines.push(Line {
            page: page_no,
            page_line: 0,
            y,
            size,
            x0,
            x1,
            cjk,
            segs,
        });
    }
    for (i, l) in lines.iter_mut().enumerate() {
        l.page_line = i + 1;
    }
    lines
}

/// One CJK character, perhaps with punctuation after it: a piece of letter-spaced text.
fn is_single(s: &Seg) -> bool {
    let mut chars = s
        .text
        .chars()
        .filter(|c| !matches!(c, '：' | ':' | '，' | '、'));
    matches!((chars.next(), chars.next()), (Some(c), None) if is_cjk(c))
}

/// Runs of three or more single characters at even gaps (`邮 编 ：`, `目  录`), and a line of
/// just two such pieces, are letter-spaced words, not cells.
fn merge_letter_spaced(segs: Vec<Seg>, size: f32) -> Vec<Seg> {
    if segs.len() < 2 {
        return segs;
    }
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        if is_single(&segs[i]) {
            let gap0 = segs.get(i + 1).map(|s| s.x0 - segs[i].x1);
            while j < segs.len() && is_single(&segs[j]) || (j < segs.len() && j == i + 1) {
                let gap = segs[j].x0 - segs[j - 1].x1;
                let even = gap0.is_some_and(|g0| close(gap, g0, 0.25));
                if !even || gap > 4.0 * size {
                    break;
                }
                j += 1;
                if !is_single(&segs[j - 1]) {
                    break; // `邮 编：223001`: the run ends with the word it spells out
                }
            }
            let run = j - i;
            let whole_line = i == 0 && j == segs.len();
            if run >= 3 || (run == 2 && whole_line) {
                let mut seg = segs[i].clone();
                for s in &segs[i + 1..j] {
                    seg.text.push_str(&s.text);
                    seg.x1 = s.x1;
                }
                out.push(seg);
                i = j;
                continue;
            }
            j = i + 1;
        }
        out.extend(segs[i..j].iter().cloned());
        i = j;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 2. page furniture

/// `- 3 -`, `— 3 —`, `第3页`, `第3页 共6页`, `第 3 页/共 6 页`, `3/6`, `3`, `Page 3 of 6`.
pub(crate) fn is_page_number(text: &str) -> bool {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.trim_matches(|c: char| {
        matches!(
            c,
            '-' | '－' | '—' | '–' | '_' | '~' | '·' | '•' | '〔' | '〕' | '[' | ']' | '(' | ')'
        )
    });
    let digits = |t: &str| !t.is_empty() && t.len() <= 5 && t.chars().all(|c| c.is_ascii_digit());
    if digits(s) {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let rest = rest.replace("of", "/");
        return rest.split('/').all(digits);
    }
    if let Some((a, b)) = s.split_once('/') {
        if digits(a) && digits(b) {
            return true;
        }
    }
    // 第3页, 第3页共6页, 第3页/共6页, 第3页，共6页, 共6页第3页
    let mut rest = s;
    let mut parts = 0;
    while !rest.is_empty() {
        let Some(r) = rest.strip_prefix('第').or_else(|| rest.strip_prefix('共')) else {
            return false;
        };
        let end = r.find('页').unwrap_or(r.len());
        if !digits(&r[..end]) || end == r.len() {
            return false;
        }
        rest = r[end + '页'.len_utf8()..].trim_start_matches(['/', '，', ',', '、', '|']);
        parts += 1;
    }
    parts > 0
}

/// Drops page numbers and running headers and footers.
fn remove_furniture(pages: &mut [Vec<Line>], heights: &[f32]) {
    let band = |l: &Line| -> Option<bool> {
        let h = heights[l.page].max(1.0);
        if l.y < 0.12 * h {
            Some(true)
        } else if l.y > 0.85 * h {
            Some(false)
        } else {
            None
        }
    };
    // Running headers and footers: the same text (digits aside) at the same height in the same
    // band on most pages.
    let key = |l: &Line| -> String {
        l.text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut counts: std::collections::HashMap<(bool, i32, String), usize> = Default::default();
    for page in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for l in edge_lines(page) {
            if let Some(top) = band(l) {
                let k = (top, (l.y / 6.0).round() as i32, key(l));
                if seen.insert(k.clone()) {
                    *counts.entry(k).or_default() += 1;
                }
            }
        }
    }
    let n = pages.len();
    let repeated = |l: &Line| -> bool {
        if n < 3 {
            return false;
        }
        let Some(top) = band(l) else { return false };
        let k = key(l);
        let near = (l.y / 6.0).round() as i32;
        let count: usize = (near - 1..=near + 1)
            .filter_map(|y| counts.get(&(top, y, k.clone())))
            .max()
            .copied()
            .unwrap_or(0);
        count * 2 >= n && count >= 3
    };
    for page in pages.iter_mut() {
        let edge: Vec<usize> = edge_line_indices(page);
        let drop: Vec<usize> = edge
            .into_iter()
            .filter(|&i| {
                let l = &page[i];
                band(l).is_some() && (is_page_number(&l.text()) || repeated(l))
            })
            .collect();
        for i in drop.into_iter().rev() {
            page.remove(i);
        }
    }
}

/// The first two and last two lines of a page: where headers, footers and page numbers sit.
fn edge_line_indices(page: &[Line]) -> Vec<usize> {
    let n = page.len();
    let mut v: Vec<usize> = (0..n.min(2)).chain(n.saturating_sub(2)..n).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn edge_lines(page: &[Line]) -> impl Iterator<Item = &Line> {
    edge_line_indices(page).into_iter().map(move |i| &page[i])
}

// ---------------------------------------------------------------------------------------------
// 3. tables

/// Lines `start..end` of the stream form a table.
fn table_end(lines: &[Line], start: usize) -> usize {
    let size = lines[start].size;
    let mut end = start + 1;
    let mut starts: Vec<f32> = lines[start].segs.iter().map(|s| s.x0).collect();
    let mut j = start + 1;
    while j < lines.len() {
        let l = &lines[j];
        if l.cjk && !close(l.size, size, 0.12) {
            break;
        }
        if l.segs.len() >= 2 {
            starts.extend(l.segs.iter().map(|s| s.x0));
            end = j + 1;
            j += 1;
            continue;
        }
        // A single-segment line belongs to the table if it starts at a column (a caption, a
        // label) or is a short piece inside the table (a wrapped header cell), and a line of
        // cells follows within a few lines.
        let at_column = starts.iter().any(|&x| (x - l.x0).abs() <= 0.6 * size);
        let (left, right) = lines[start..end]
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), m| (a.min(m.x0), b.max(m.x1)));
        let inside =
            l.x0 > left + size && l.x1 <= right + size && (l.x1 - l.x0) <= 0.4 * (right - left);
        if !(at_column || inside) {
            break;
        }
        let follows = lines[j + 1..]
            .iter()
            .take(10)
            .take_while(|m| !m.cjk || close(m.size, size, 0.12))
            .any(|m| m.segs.len() >= 2);
        if !follows {
            break;
        }
        j += 1;
    }
    end
}

struct Piece {
    line: usize,
    page: usize,
    y: f32,
    col: usize,
    seg: Seg,
    number: bool,
}

/// Column starts: left edges within half a font size of each other are one column; columns of
/// numbers whose extents overlap (centred numbers) are one column.
fn columns<'a>(lines: impl Iterator<Item = &'a Line>, size: f32) -> Vec<Column> {
    let mut items: Vec<(f32, f32, bool)> = lines
        .flat_map(|l| l.segs.iter().map(|s| (s.x0, s.x1, s.is_number())))
        .collect();
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    // (start, max right edge of its numbers, all numbers)
    // (start, last left edge, right edge of its numbers, all numbers, right edge)
    let mut cols: Vec<(f32, f32, f32, bool, f32)> = Vec::new();
    for (x0, x1, num) in items {
        if let Some(last) = cols.last_mut() {
            let chained = x0 - last.1 <= 0.5 * size;
            let overlapping = num && last.3 && x0 < last.2;
            if chained || overlapping {
                last.1 = x0;
                if num {
                    last.2 = last.2.max(x1);
                }
                last.3 &= num;
                last.4 = last.4.max(x1);
                continue;
            }
        }
        cols.push((x0, x0, if num { x1 } else { x0 }, num, x1));
    }
    cols.into_iter()
        .map(|c| Column {
            start: c.0,
            end: c.4,
            numbers: c.3,
        })
        .collect()
}

/// A column of a table: the left edge of its first segment, the right edge of its widest.
#[derive(Debug, Clone, Copy)]
struct Column {
    start: f32,
    end: f32,
    numbers: bool,
}

/// The column a segment belongs to: the one it starts at; else the column of numbers its
/// centre falls in (a header centred over numbers); else the last column starting before it.
fn column_of(cols: &[Column], seg: &Seg, size: f32) -> usize {
    let tol = 0.5 * size;
    if let Some(i) = cols.iter().position(|c| (c.start - seg.x0).abs() <= tol) {
        return i;
    }
    let mid = (seg.x0 + seg.x1) / 2.0;
    let distance = |c: &Column| (c.start - tol - mid).max(mid - c.end - tol).max(0.0);
    if let Some((i, d)) = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| c.numbers)
        .map(|(i, c)| (i, distance(c)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
    {
        if d < 2.0 * size {
            return i;
        }
    }
    cols.iter()
        .rposition(|c| c.start <= seg.x0 + tol)
        .unwrap_or(0)
}

/// The rows of a table.
struct TableRow {
    /// Index of the first line of the row (for the page map).
    line: usize,
    /// Which table of the region (ruled tables one above another are separate tables).
    table: usize,
    /// Not a table row: a line of text between two ruled tables.
    para: bool,
    y: f32,
    page: usize,
    cells: Vec<String>,
}

/// The ruled band (the ruling lines above and below, both crossing `x`) that a piece of text
/// at `x`, baseline `y`, sits in.
fn band(rules: &[Rule], x: f32, y: f32, size: f32) -> Option<(f32, f32)> {
    let mid = y - 0.35 * size;
    let mut top = None::<f32>;
    let mut bottom = None::<f32>;
    for r in rules {
        if r.x0 - 1.0 > x || r.x1 + 1.0 < x {
            continue;
        }
        if r.y < mid {
            top = Some(top.map_or(r.y, |t| t.max(r.y)));
        } else {
            bottom = Some(bottom.map_or(r.y, |b| b.min(r.y)));
        }
    }
    Some((top?, bottom?))
}

/// Rows from ruling lines: the text between the same two horizontal rules and the same two
/// vertical rules is one cell; a merged cell (a band holding several rows) goes to the first row
/// it covers, as Word and web tables write it. Rows whose rules do not touch (a gap between two
/// ruled tables) start a new table; each table's columns are the left borders of its cells.
fn ruled_rows(pieces: &[Piece], bands: &[(f32, f32)], vrules: &[Vec<VRule>]) -> Vec<TableRow> {
    let mut rows: Vec<(usize, f32, f32)> = pieces
        .iter()
        .zip(bands)
        .map(|(p, b)| (p.page, b.0, b.1))
        .collect();
    rows.sort_by(|a, b| {
        (a.0, a.1, a.2)
            .partial_cmp(&(b.0, b.1, b.2))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    rows.dedup_by(|b, a| a.0 == b.0 && (a.1 - b.1).abs() < 1.0 && (a.2 - b.2).abs() < 1.0);
    // Elementary bands (holding no smaller band) are the rows.
    let elementary: Vec<(usize, f32, f32)> = rows
        .iter()
        .filter(|r| {
            !rows.iter().any(|o| {
                o.0 == r.0
                    && o.1 >= r.1 - 0.5
                    && o.2 <= r.2 + 0.5
                    && (o.2 - o.1) < (r.2 - r.1) - 1.0
            })
        })
        .copied()
        .collect();
    // Each row's cells: the intervals between the vertical rules crossing its middle.
    let borders: Vec<Vec<f32>> = elementary
        .iter()
        .map(|&(page, top, bottom)| {
            let mid = (top + bottom) / 2.0;
            let mut xs: Vec<f32> = vrules
                .get(page)
                .into_iter()
                .flatten()
                .filter(|r| r.y0 - 1.0 <= mid && mid <= r.y1 + 1.0)
                .map(|r| r.x)
                .collect();
            xs.sort_by(f32::total_cmp);
            xs.dedup_by(|b, a| (*b - *a).abs() <= 1.5);
            xs
        })
        .collect();
    // A row with no cells is text between two tables (a heading, a caption).
    let unruled: Vec<bool> = borders.iter().map(|b| b.len() < 2).collect();
    let mut group = vec![0usize; elementary.len()];
    for i in 1..elementary.len() {
        let (a, b) = (elementary[i - 1], elementary[i]);
        let touching = (a.0 != b.0 || b.1 <= a.2 + 1.5) && !unruled[i] && !unruled[i - 1];
        group[i] = group[i - 1] + usize::from(!touching);
    }
    // Rows are aligned on their last cell (the numbers); a label spanning several columns
    // leaves blank cells before it, as a merged cell does in a Word table.
    let groups = group.last().map_or(0, |g| g + 1);
    let mut width = vec![1usize; groups];
    for (i, b) in borders.iter().enumerate() {
        width[group[i]] = width[group[i]].max(b.len().saturating_sub(1));
    }
    let mut out: Vec<TableRow> = elementary
        .iter()
        .enumerate()
        .map(|(i, r)| TableRow {
            line: usize::MAX,
            y: r.1,
            page: r.0,
            table: group[i],
            para: unruled[i],
            cells: vec![String::new(); width[group[i]]],
        })
        .collect();
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&pieces[a], &pieces[b]);
        (pa.page, pa.y, pa.seg.x0)
            .partial_cmp(&(pb.page, pb.y, pb.seg.x0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for i in order {
        let (p, b) = (&pieces[i], bands[i]);
        let row = elementary
            .iter()
            .position(|e| e.0 == p.page && e.1 >= b.0 - 0.5 && e.2 <= b.1 + 0.5)
            .unwrap_or(0);
        let xs = &borders[row];
        let cells = xs.len().saturating_sub(1).max(1);
        let idx = xs
            .partition_point(|&x| x <= p.seg.x0 + 1.0)
            .saturating_sub(1)
            .min(cells - 1);
        let w = width[group[row]];
        let col = (w + idx).saturating_sub(cells).min(w - 1);
        let r = &mut out[row];
        r.line = r.line.min(p.line);
        append(&mut r.cells[col], &p.seg.text);
    }
    out.retain(|r| r.line != usize::MAX);
    out
}

fn build_table(
    lines: &[Line],
    first: usize,
    rules: &[Vec<Rule>],
    vrules: &[Vec<VRule>],
) -> Vec<TableRow> {
    let size = {
        let mut s: Vec<f32> = lines.iter().map(|l| l.size).collect();
        s.sort_by(f32::total_cmp);
        s[s.len() / 2]
    };
    let with_numbers = lines.iter().filter(|l| l.segs.iter().any(Seg::is_number));
    let mut cols = columns(with_numbers, size);
    if cols.is_empty() {
        cols = columns(lines.iter(), size);
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        for s in &l.segs {
            pieces.push(Piece {
                line: i,
                page: l.page,
                y: s.y,
                col: column_of(&cols, s, size),
                number: s.is_number(),
                seg: s.clone(),
            });
        }
    }
    // Ruled tables: rows from the ruling lines.
    let bands: Vec<Option<(f32, f32)>> = pieces
        .iter()
        .map(|p| {
            let x = (p.seg.x0 + p.seg.x1) / 2.0;
            rules.get(p.page).and_then(|r| band(r, x, p.y, size))
        })
        .collect();
    if !pieces.is_empty() && bands.iter().all(Option::is_some) {
        let bands: Vec<(f32, f32)> = bands.into_iter().flatten().collect();
        let mut rows = ruled_rows(&pieces, &bands, vrules);
        for r in &mut rows {
            r.line += first;
        }
        return rows;
    }
    // Rows: the lines that hold a number.
    let anchors: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.segs.iter().any(Seg::is_number))
        .map(|(i, _)| i)
        .collect();
    // Stacks: text pieces of one column on lines a wrapped line apart (same page), not across a
    // line with a number in that column.
    let wrap = 2.5 * size;
    let mut stacks: Vec<Vec<usize>> = Vec::new();
    let mut open: Vec<Option<usize>> = vec![None; cols.len().max(1)];
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by(|&a, &b| {
        (pieces[a].page, pieces[a].y)
            .partial_cmp(&(pieces[b].page, pieces[b].y))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for &p in &order {
        let piece = &pieces[p];
        let c = piece.col.min(open.len() - 1);
        if piece.number {
            stacks.push(vec![p]);
            open[c] = None;
            continue;
        }
        if let Some(s) = open[c] {
            let last = &pieces[*stacks[s].last().expect("non-empty")];
            if last.page == piece.page && piece.y - last.y <= wrap {
                stacks[s].push(p);
                continue;
            }
        }
        open[c] = Some(stacks.len());
        stacks.push(vec![p]);
    }
    // Each stack goes to the row (anchor line) it sits beside; stacks beside no row form rows
    // of their own (headers, captions), grouped by overlapping heights.
    let mut rows: Vec<TableRow> = Vec::new();
    let mut row_of_anchor: std::collections::HashMap<usize, usize> = Default::default();
    let mut free: Vec<(usize, f32, f32, usize)> = Vec::new(); // (page, top, bottom, stack)
    for (si, st) in stacks.iter().enumerate() {
        let top = &pieces[st[0]];
        let bottom = &pieces[*st.last().expect("non-empty")];
        let (page, y0, y1) = (top.page, top.y, bottom.y);
        let mid = (y0 + y1) / 2.0;
        let pad = 1.5 * size;
        let best = anchors
            .iter()
            .filter(|&&a| lines[a].page == page && lines[a].y >= y0 - pad && lines[a].y <= y1 + pad)
            .min_by(|&&a, &&b| {
                (lines[a].y - mid)
                    .abs()
                    .total_cmp(&(lines[b].y - mid).abs())
            })
            .copied();
        match best {
            Some(a) => {
                let r = *row_of_anchor.entry(a).or_insert_with(|| {
                    rows.push(TableRow {
                        line: a,
                        table: 0,
                        para: false,
                        y: lines[a].y,
                        page,
                        cells: vec![String::new(); cols.len().max(1)],
                    });
                    rows.len() - 1
                });
                let row = &mut rows[r];
                row.line = row.line.min(top.line);
                add_stack(&mut row.cells, &pieces, st);
            }
            None => free.push((page, y0, y1, si)),
        }
    }
    free.sort_by(|a, b| {
        (a.0, a.1)
            .partial_cmp(&(b.0, b.1))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut k = 0;
    while k < free.len() {
        let (page, y0, mut y1, _) = free[k];
        let mut group = vec![free[k].3];
        let mut m = k + 1;
        while m < free.len() && free[m].0 == page && free[m].1 <= y1 + 0.4 * size {
            y1 = y1.max(free[m].2);
            group.push(free[m].3);
            m += 1;
        }
        let mut cells = vec![String::new(); cols.len().max(1)];
        for &s in &group {
            add_stack(&mut cells, &pieces, &stacks[s]);
        }
        let line = group
            .iter()
            .map(|&s| pieces[stacks[s][0]].line)
            .min()
            .unwrap_or(0);
        rows.push(TableRow {
            line,
            table: 0,
            para: false,
            y: y0,
            page,
            cells,
        });
        k = m;
    }
    rows.sort_by(|a, b| {
        (a.page, a.y)
            .partial_cmp(&(b.page, b.y))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for r in &mut rows {
        r.line += first;
    }
    rows
}

fn add_stack(cells: &mut [String], pieces: &[Piece], stack: &[usize]) {
    let c = pieces[stack[0]].col.min(cells.len() - 1);
    for &p in stack {
        append(&mut cells[c], &pieces[p].seg.text);
    }
}

/// Appends a piece of a cell's text (a wrapped line): a space only between two Latin words.
fn append(cell: &mut String, text: &str) {
    let (prev, next) = (cell.chars().last(), text.chars().next());
    if let (Some(a), Some(b)) = (prev, next) {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            cell.push(' ');
        }
    }
    cell.push_str(text);
}

// ---------------------------------------------------------------------------------------------
// 4. paragraphs, and the whole document

/// The text block of the document: the most common left edge and the right margin.
struct Block {
    left: f32,
    right: f32,
    body_size: f32,
    width: f32,
}

fn block(lines: &[Line], page_width: f32) -> Block {
    let mut size_count: std::collections::HashMap<i32, usize> = Default::default();
    let mut left_count: std::collections::HashMap<i32, usize> = Default::default();
    for l in lines {
        let chars: usize = l.segs.iter().map(|s| s.text.chars().count()).sum();
        *size_count.entry((l.size * 2.0).round() as i32).or_default() += chars;
        *left_count.entry(l.x0.round() as i32).or_default() += 1;
    }
    let body_size = size_count
        .iter()
        .max_by_key(|(k, v)| (**v, **k))
        .map_or(12.0, |(k, _)| *k as f32 / 2.0);
    let left = left_count
        .iter()
        .max_by_key(|(k, v)| (**v, -**k))
        .map_or(0.0, |(k, _)| *k as f32);
    let mut rights: Vec<f32> = lines
        .iter()
        .filter(|l| close(l.size, body_size, 0.1))
        .map(|l| l.x1)
        .collect();
    rights.sort_by(f32::total_cmp);
    let right = rights
        .get(rights.len().saturating_sub(1) * 9 / 10)
        .copied()
        .unwrap_or(page_width);
    Block {
        left,
        right,
        body_size,
        width: page_width,
    }
}

/// Lays the pages out as text with a page map.
pub fn layout(pages: &[Page]) -> Extracted {
    let mut per_page: Vec<Vec<Line>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| page_lines(i, p))
        .collect();
    let heights: Vec<f32> = pages.iter().map(|p| p.height).collect();
    remove_furniture(&mut per_page, &heights);
    let lines: Vec<Line> = per_page.into_iter().flatten().collect();
    let page_width = pages.first().map_or(595.0, |p| p.width);
    let blk = block(&lines, page_width);

    let rules: Vec<Vec<Rule>> = pages.iter().map(|p| p.rules.clone()).collect();
    let vrules: Vec<Vec<VRule>> = pages.iter().map(|p| p.vrules.clone()).collect();
    let mut out = TextBuilder::new();
    let mut map: Vec<PageLine> = Vec::with_capacity(lines.len());
    let mut para = String::new();
    let mut para_start: Option<&Line> = None;
    let mut prev: Option<&Line> = None;
    let mut i = 0;
    let flush = |out: &mut TextBuilder,
                 map: &mut Vec<PageLine>,
                 para: &mut String,
                 starts: &mut Vec<(usize, &Line)>| {
        if para.is_empty() && starts.is_empty() {
            return;
        }
        let base = out.len();
        for (off, l) in starts.drain(..) {
            map.push(PageLine {
                offset: base + off,
                page: l.page as u32 + 1,
                line: l.page_line as u32,
            });
        }
        out.paragraph(para.trim_end());
        para.clear();
    };
    let mut starts: Vec<(usize, &Line)> = Vec::new();
    while i < lines.len() {
        let l = &lines[i];
        if std::env::var_os("PDF_DEBUG").is_some() {
            eprintln!(
                "p{} y{:.1} s{:.1} x{:.0}-{:.0} {:?}",
                l.page,
                l.y,
                l.size,
                l.x0,
                l.x1,
                l.segs
                    .iter()
                    .map(|s| (s.x0 as i32, s.x1 as i32, s.text.as_str()))
                    .collect::<Vec<_>>()
            );
        }
        if l.segs.len() >= 2 {
            let end = table_end(&lines, i);
            let tabular = lines[i..end].iter().filter(|m| m.segs.len() >= 2).count();
            if tabular >= 2 {
                flush(&mut out, &mut map, &mut para, &mut starts);
                para_start = None;
                prev = None;
                let rows = build_table(&lines[i..end], i, &rules, &vrules);
                for table in rows.chunk_by(|a, b| a.table == b.table) {
                    if table[0].para {
                        for r in table {
                            let l = &lines[r.line];
                            map.push(PageLine {
                                offset: out.len(),
                                page: l.page as u32 + 1,
                                line: l.page_line as u32,
                            });
                            out.paragraph(&r.cells.concat());
                        }
                        continue;
                    }
                    let start = out.len();
                    let raw: Vec<Vec<RawCell>> = table
                        .iter()
                        .map(|r| {
                            r.cells
                                .iter()
                                .map(|c| RawCell {
                                    text: c.clone(),
                                    row_span: 1,
                                    col_span: 1,
                                    merged_up: false,
                                })
                                .collect()
                        })
                        .collect();
                    out.table(raw);
                    // One text line per row.
                    let mut offset = start;
                    let text = out.text();
                    for r in table {
                        let l = &lines[r.line];
                        map.push(PageLine {
                            offset,
                            page: l.page as u32 + 1,
                            line: l.page_line as u32,
                        });
                        offset = text[offset..]
                            .find('\n')
                            .map_or(text.len(), |n| offset + n + 1);
                    }
                }
                i = end;
                continue;
            }
        }
        let text = l.text();
        let joins = match (prev, para_start) {
            (Some(p), Some(s)) => continues(p, l, s, &blk) && !starts_heading(&text),
            _ => false,
        };
        if !joins {
            flush(&mut out, &mut map, &mut para, &mut starts);
            para_start = Some(l);
        } else if let Some(last) = para.chars().last() {
            // A line break between two Latin words is a space, except in Chinese text, where
            // Latin runs are addresses (`http://w` / `ww.gov.cn`) broken anywhere.
            let first = text.chars().next().unwrap_or(' ');
            let chinese = para.chars().any(is_cjk);
            if !chinese && last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() {
                para.push(' ');
            }
        }
        starts.push((para.len(), l));
        para.push_str(&text);
        prev = Some(l);
        i += 1;
    }
    flush(&mut out, &mut map, &mut para, &mut starts);
    let mut extracted = out.finish();
    let mut page_starts = vec![usize::MAX; pages.len()];
    for pl in &map {
        let p = (pl.page - 1) as usize;
        page_starts[p] = page_starts[p].min(pl.offset);
    }
    extracted.pages = Some(PageMap {
        count: pages.len() as u32,
        lines: map,
    });
    let _ = page_starts;
    extracted
}

/// Whether line `l` continues the paragraph whose previous line is `p` (and first line `s`).
fn continues(p: &Line, l: &Line, s: &Line, blk: &Block) -> bool {
    if !close(p.size, l.size, 0.1) {
        return false;
    }
    let size = l.size;
    let same_page = p.page == l.page;
    if same_page && (l.y - p.y) > 2.2 * size.max(p.size) {
        return false; // a blank line's worth of space between
    }
    if !same_page && l.page != p.page + 1 {
        return false;
    }
    let larger = size > blk.body_size * 1.15;
    let centred = |m: &Line| {
        let mid = (m.x0 + m.x1) / 2.0;
        let centre = (blk.left + blk.right) / 2.0;
        (mid - centre).abs() < 2.0 * m.size && m.x0 > blk.left + 2.0 * m.size
    };
    if larger && close(p.size, l.size, 0.05) && (centred(p) || centred(l)) && l.page == p.page {
        return true; // a title over two lines in a larger font, centred
    }
    if larger || centred(p) && !reaches_right(p, blk) {
        return false;
    }
    // The previous line fills the measure and this one starts at the left margin.
    let full = reaches_right(p, blk);
    let at_left = l.x0 <= blk.left.max(s.x0.min(blk.left)) + 0.8 * size;
    let _ = blk.width;
    full && at_left
}

/// A line that starts with a heading number (`三、`, `（二）`) starts a new paragraph even where
/// the line before it is full: joining a heading into the paragraph before would lose a section,
/// while splitting a sentence that happens to wrap before `三、` costs nothing.
fn starts_heading(text: &str) -> bool {
    const NUM: &str = "一二三四五六七八九十";
    let rest = text.strip_prefix('（').or_else(|| text.strip_prefix('('));
    let body = rest.unwrap_or(text);
    let digits = body.chars().take_while(|c| NUM.contains(*c)).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let after = body.chars().nth(digits);
    match rest {
        Some(_) => matches!(after, Some('）' | ')')),
        None => after == Some('、'),
    }
}

fn reaches_right(l: &Line, blk: &Block) -> bool {
    l.x1 >= blk.right - 1.5 * l.size
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Puts `s` on `page` from `x` at baseline `y`: CJK a font size wide, the rest half.
    fn put(page: &mut Page, x: f32, y: f32, size: f32, s: &str) {
        let mut x = x;
        for ch in s.chars() {
            let w = if is_cjk(ch) { size } else { size / 2.0 };
            page.glyphs.push(Glyph { x, y, w, size, ch });
            x += w;
        }
    }

    fn page() -> Page {
        Page {
            width: 595.0,
            height: 842.0,
            ..Page::default()
        }
    }

    /// A body line of 26 characters from the left margin (72 pt) to the right one.
    const FULL: &str = "政府信息公开工作按照条例要求认真组织实施并且不断完善制度机制";

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for s in [
            "- 3 -",
            "-3-",
            "— 3 —",
            "第3页",
            "第 3 页",
            "第3页 共6页",
            "第3页/共6页",
            "3/6",
            "3",
            "Page 3 of 6",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in [
            "2024年",
            "一、总体情况",
            "第三十条",
            "3.5",
            "第3项",
            "共计3件",
        ] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn wrapped_paragraph_is_one_line_and_a_heading_stays_its_own() {
        let mut p = page();
        let size = 16.0;
        put(&mut p, 104.0, 100.0, size, "一、总体情况");
        let line = &FULL[..FULL.char_indices().nth(28).map_or(FULL.len(), |(i, _)| i)];
        put(&mut p, 104.0, 128.0, size, &line[6..]); // indented first line
        put(&mut p, 72.0, 156.0, size, line);
        put(&mut p, 72.0, 184.0, size, "二是加强培训。");
        put(&mut p, 104.0, 212.0, size, "二、主动公开政府信息情况");
        let e = layout(&[p]);
        let lines: Vec<&str> = e.text.lines().collect();
        assert_eq!(lines.len(), 3, "{}", e.text);
        assert_eq!(lines[0], "一、总体情况");
        assert!(lines[1].ends_with("二是加强培训。"), "{}", lines[1]);
        assert_eq!(lines[2], "二、主动公开政府信息情况");
        // The page map: the joined paragraph starts on line 2 of page 1, its last printed line
        // is line 4.
        let map = e.pages.unwrap();
        assert_eq!(map.count, 1);
        let at = |needle: &str| {
            let off = e.text.find(needle).unwrap();
            map.lines
                .iter()
                .rev()
                .find(|l| l.offset <= off)
                .copied()
                .unwrap()
        };
        assert_eq!((at("二是").page, at("二是").line), (1, 4));
        assert_eq!(at("二、主动").line, 5);
    }

    #[test]
    fn a_heading_after_a_full_line_stays_its_own_line() {
        let mut p = page();
        let line = &FULL[..FULL.char_indices().nth(28).map_or(FULL.len(), |(i, _)| i)];
        put(&mut p, 72.0, 100.0, 16.0, line);
        put(&mut p, 72.0, 128.0, 16.0, line);
        put(
            &mut p,
            72.0,
            156.0,
            16.0,
            "三、收到和处理政府信息公开申请情况",
        );
        put(&mut p, 72.0, 184.0, 16.0, "（一）予以公开情况");
        let e = layout(&[p]);
        let lines: Vec<&str> = e.text.lines().collect();
        assert_eq!(lines.len(), 3, "{}", e.text);
        assert_eq!(lines[1], "三、收到和处理政府信息公开申请情况");
        assert!(
            starts_heading("（二）部分公开")
                && !starts_heading("三是加强")
                && !starts_heading("二〇二四年")
        );
    }

    #[test]
    fn letter_spaced_words_are_one_word() {
        let mut p = page();
        // `邮   编：223001`, the two characters spread over four character widths.
        put(&mut p, 72.0, 100.0, 16.0, "邮");
        put(&mut p, 72.0 + 48.0, 100.0, 16.0, "编：223001");
        // `目  录` centred.
        put(&mut p, 250.0, 140.0, 16.0, "目");
        put(&mut p, 290.0, 140.0, 16.0, "录");
        let e = layout(&[p]);
        assert_eq!(e.text, "邮编：223001\n目录\n");
    }

    #[test]
    fn page_numbers_and_running_headers_are_removed() {
        let forms = ["- 1 -", "— 2 —", "第3页 共4页", "4/4"];
        let pages: Vec<Page> = forms
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let mut p = page();
                put(&mut p, 200.0, 50.0, 10.5, "某某县人民政府信息公开年报");
                put(&mut p, 72.0, 300.0, 16.0, FULL);
                put(&mut p, 72.0, 328.0, 16.0, &format!("第{}段正文。", i + 1));
                put(&mut p, 280.0, 800.0, 14.0, form);
                p
            })
            .collect();
        let e = layout(&pages);
        let expected: String = (1..=4).map(|i| format!("{FULL}第{i}段正文。\n")).collect();
        assert_eq!(e.text, expected);
        // Line 2 of each page: the running header is line 1.
        let map = e.pages.unwrap();
        let lines: Vec<(u32, u32)> = map.lines.iter().map(|l| (l.page, l.line)).collect();
        assert_eq!(
            lines,
            [
                (1, 2),
                (1, 3),
                (2, 2),
                (2, 3),
                (3, 2),
                (3, 3),
                (4, 2),
                (4, 3)
            ]
        );
    }

    #[test]
    fn table_columns_from_positions_with_blank_cells_kept() {
        let mut p = page();
        let s = 10.0;
        put(&mut p, 79.0, 100.0, s, "信息内容");
        put(&mut p, 249.0, 100.0, s, "本年制发件数");
        put(&mut p, 342.0, 100.0, s, "本年废止件数");
        put(&mut p, 421.0, 100.0, s, "现行有效件数");
        put(&mut p, 79.0, 135.0, s, "规章");
        put(&mut p, 262.0, 135.0, s, "1");
        put(&mut p, 434.0, 135.0, s, "11");
        put(&mut p, 79.0, 170.0, s, "行政规范性文件");
        put(&mut p, 262.0, 170.0, s, "8");
        put(&mut p, 355.0, 170.0, s, "26");
        put(&mut p, 434.0, 170.0, s, "66");
        let e = layout(&[p]);
        assert_eq!(
            e.text,
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t\t11\n行政规范性文件\t8\t26\t66\n"
        );
        assert_eq!(e.tables.len(), 1);
        assert_eq!(e.tables[0].rows.len(), 3);
    }

    #[test]
    fn a_label_wrapped_around_its_numbers_is_one_cell() {
        let mut p = page();
        let s = 7.5;
        put(&mut p, 101.0, 100.0, s, "（一）予以公开");
        for (x, n) in [(260.0, "1288"), (300.0, "21"), (340.0, "1362")] {
            put(&mut p, x, 102.0, s, n);
        }
        put(
            &mut p,
            101.0,
            124.0,
            s,
            "（二）部分公开（区分处理的，只计这一情",
        );
        for (x, n) in [(262.0, "447"), (302.0, "7"), (340.0, "454")] {
            put(&mut p, x, 133.0, s, n);
        }
        put(&mut p, 101.0, 139.0, s, "形，不计其他情形）");
        put(&mut p, 101.0, 163.0, s, "（三）不予公开");
        for (x, n) in [(262.0, "2"), (302.0, "0"), (340.0, "2")] {
            put(&mut p, x, 165.0, s, n);
        }
        let e = layout(&[p]);
        let rows: Vec<&str> = e.text.lines().collect();
        assert_eq!(
            rows,
            [
                "（一）予以公开\t1288\t21\t1362",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t447\t7\t454",
                "（三）不予公开\t2\t0\t2",
            ]
        );
    }
}
