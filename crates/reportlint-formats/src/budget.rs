//! Reading budgets: limits on what a file may make the readers build, so that a small hostile
//! file cannot make a huge one (docs/formats.md, "Limits"). Past a limit a reader either refuses
//! the file ([`crate::FormatError::OverBudget`]) or works around it (cuts a list label short,
//! flattens nesting, keeps a table as text) and says so in [`crate::Extracted::limited`].

use std::borrow::Cow;

use crate::builder::Spanned;

/// Largest row or column span of a table cell (more is read as this).
pub const MAX_SPAN: usize = 64;

/// Most slots (rows × columns, spans expanded) a table's grid may have; a larger table is kept
/// as text (tab-separated rows) without a grid.
pub const MAX_GRID_CELLS: usize = 250_000;

/// Largest list counter of a .docx (Word's own maximum start value is 32,767); a larger one is
/// written in decimal digits.
pub const MAX_LIST_COUNTER: u32 = 32_767;

/// Longest level text (`lvlText`, such as `第%1章`) of a .docx list, in bytes; longer is cut.
pub const MAX_LEVEL_TEXT: usize = 256;

/// Longest list label of a .docx after its numbers are filled in, in bytes; longer is cut.
pub const MAX_LIST_LABEL: usize = 256;

/// Most elements (start tags) and comments a web page may have; a page with more is refused.
pub const MAX_HTML_ELEMENTS: usize = 300_000;

/// Deepest nesting of elements in a web page; tags deeper than this are dropped (their text is
/// kept).
pub const MAX_HTML_DEPTH: usize = 128;

/// Cuts `s` to at most `max` bytes, on a character boundary. Whether it cut.
pub fn truncate(s: &mut String, max: usize) -> bool {
    if s.len() <= max {
        return false;
    }
    let mut at = max;
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    s.truncate(at);
    true
}

/// The rows × columns of the grid that [`crate::builder::layout`] would build, or `None` when it
/// would have more than [`MAX_GRID_CELLS`] slots. Does not allocate the grid: one counter per
/// column says until which row the column is taken by a cell above.
pub fn grid_size<C: Spanned>(rows: &[Vec<C>]) -> Option<(usize, usize)> {
    let height = rows.len();
    if height == 0 {
        return Some((0, 0));
    }
    // The first row that is free in each column.
    let mut free_from: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while free_from.get(col).is_some_and(|&f| f > r) {
                col += 1;
            }
            let rs = cell.row_span().clamp(1, MAX_SPAN);
            let cs = cell.col_span().clamp(1, MAX_SPAN);
            let end = col + cs;
            if end.saturating_mul(height) > MAX_GRID_CELLS {
                return None;
            }
            if free_from.len() < end {
                free_from.resize(end, 0);
            }
            for f in &mut free_from[col..end] {
                *f = r + rs;
            }
            col = end;
        }
    }
    Some((height, free_from.len()))
}

/// Elements whose end tag may be left out, or that have none: they do not count towards the
/// nesting depth (the parser closes them itself).
fn not_nesting(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        // void
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"basefont",
        b"bgsound",
        b"frame",
        b"keygen",
        // optional end tags (list items, cells and rows nest: their next sibling closes them)
        b"p",
        b"option",
        b"optgroup",
        b"thead",
        b"tbody",
        b"tfoot",
        b"rb",
        b"rt",
        b"rtc",
        b"rp",
        b"colgroup",
        b"caption",
        b"html",
        b"head",
        b"body",
    ];
    NAMES.contains(&name)
}

/// Elements whose content is raw text up to their end tag.
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"plaintext"
    )
}

/// What [`html_budget`] found.
#[derive(Debug, PartialEq, Eq)]
pub struct HtmlBudget<'a> {
    /// The page, with the tags nested deeper than [`MAX_HTML_DEPTH`] removed.
    pub page: Cow<'a, str>,
    /// How many tags were removed.
    pub dropped: usize,
}

/// Counts the elements of a page and drops tags nested deeper than [`MAX_HTML_DEPTH`], in one
/// pass over the text and before the parser builds anything (html5ever's tree builder scans its
/// stack of open elements per tag: quadratic in the depth). Errs with the number of elements
/// when there are more than [`MAX_HTML_ELEMENTS`].
///
/// The depth follows the open elements roughly as the parser does: elements whose end tag may
/// be left out (`<p>`, `<li>`, `<td>`…) and void ones do not nest; an end tag closes the
/// elements left open inside its element (an unclosed `<font>` in a cell does not stay open for
/// the rest of the page); a new cell, row or list item closes what was left open in the
/// previous one. Only tags past the limit are dropped, with their own end tags; their text stays.
pub fn html_budget(page: &str) -> Result<HtmlBudget<'_>, usize> {
    let b = page.as_bytes();
    let mut elements = 0usize;
    // The open elements that nest, by name (at most MAX_HTML_DEPTH); the dropped ones still
    // open, by name.
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut beyond: std::collections::HashMap<Vec<u8>, usize> = Default::default();
    let mut out: Option<String> = None;
    let mut copied = 0usize; // bytes of `page` already in `out`
    let mut dropped = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr_lt(&b[i..]) {
        let at = i + off;
        i = at + 1;
        let rest = &b[at..];
        if rest.starts_with(b"<!--") {
            // A comment is a node of the tree too (and each may be a directive).
            elements += 1;
            if elements > MAX_HTML_ELEMENTS {
                return Err(elements);
            }
            i = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = find(b, at + 2, b">").map_or(b.len(), |e| e + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = at + 1 + usize::from(closing);
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            continue; // a `<` in text
        }
        let name_end = b[name_at..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
            .map_or(b.len(), |p| name_at + p);
        let end = tag_end(b, name_end);
        let name = b[name_at..name_end].to_ascii_lowercase();
        let self_closing = end >= 2 && b[end - 2] == b'/';
        i = end;
        let drop = if closing {
            match beyond.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => {
                    if let Some(k) = open.iter().rposition(|o| *o == name) {
                        open.truncate(k);
                    }
                    false
                }
            }
        } else {
            elements += 1;
            if elements > MAX_HTML_ELEMENTS {
                return Err(elements);
            }
            // A new cell closes the previous one, a new row the previous row, a new item the
            // previous item (and what was left open in them).
            let container: &[&[u8]] = match name.as_slice() {
                b"td" | b"th" => &[b"tr", b"table"],
                b"tr" => &[b"table"],
                b"li" => &[b"ul", b"ol", b"menu"],
                b"dt" | b"dd" => &[b"dl"],
                _ => &[],
            };
            if let Some(k) = open.iter().rposition(|o| container.contains(&o.as_slice())) {
                open.truncate(k + 1);
            }
            let drop = if not_nesting(&name) || self_closing {
                false
            } else if open.len() < MAX_HTML_DEPTH {
                open.push(name.clone());
                false
            } else {
                *beyond.entry(name.clone()).or_default() += 1;
                true
            };
            if raw_text(&name) && !drop {
                // Its content is text up to `</name`: skip it whole.
                let mut close = b"</".to_vec();
                close.extend_from_slice(&name);
                i = find_ignore_case(b, end, &close).unwrap_or(b.len());
            }
            drop
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(page.len()));
            o.push_str(&page[copied..at]);
            copied = end;
            dropped += 1;
        }
    }
    let page = match out {
        Some(mut o) => {
            o.push_str(&page[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(page),
    };
    Ok(HtmlBudget { page, dropped })
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ignore_case(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// The end (one past `>`) of a tag whose name ends at `from`; quoted attribute values may hold
/// `>`.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'>' => return i + 1,
            b'=' => {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                    i = b[i + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |p| i + 1 + p + 1);
                    continue;
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_as_they_are() {
        let page = r#"<!doctype html><html><head><title>a<b</title><script>if (a<b) {}</script>
<style>p>b{}</style></head><body><div class="x>y"><p>一、总体情况<p>二<br><img src=a.png>
<!-- <div><div> --><table><tr><td>1<td>2</table></div></body></html>"#;
        let b = html_budget(page).unwrap();
        assert_eq!(b.dropped, 0);
        assert!(matches!(b.page, Cow::Borrowed(_)));
    }

    #[test]
    fn tags_deeper_than_the_limit_are_dropped_and_their_text_kept() {
        let n = MAX_HTML_DEPTH + 100;
        let page = "<div>".repeat(n) + "正文" + &"</div>".repeat(n);
        let b = html_budget(&page).unwrap();
        assert_eq!(b.dropped, 200);
        assert_eq!(
            b.page,
            "<div>".repeat(MAX_HTML_DEPTH) + "正文" + &"</div>".repeat(MAX_HTML_DEPTH)
        );
        // Unclosed list items and paragraphs do not nest.
        let page = "<ul>".to_owned() + &"<li>项".repeat(10_000) + "</ul>";
        assert_eq!(html_budget(&page).unwrap().dropped, 0);
        let page = "<p>段".repeat(10_000);
        assert_eq!(html_budget(&page).unwrap().dropped, 0);
        // Nested lists do, an item and its list a level each; past the limit the lists are
        // dropped and their items become items of the deepest list kept.
        let page = "<ul><li>".repeat(MAX_HTML_DEPTH);
        assert_eq!(html_budget(&page).unwrap().dropped, MAX_HTML_DEPTH / 2);
        // Nor do formatting tags left open in cells and items of an old page.
        let cells = "<tr><td><font size=2>1<td><font size=2><b>2</td>".repeat(MAX_HTML_DEPTH);
        let items = "<li><font color=red>项</li>".repeat(MAX_HTML_DEPTH);
        let page = format!("<table>{cells}</table><ul>{items}</ul><div><p>正文</div>");
        assert_eq!(html_budget(&page).unwrap().dropped, 0);
    }

    #[test]
    fn too_many_elements_are_refused() {
        let page = "<span>x</span>".repeat(MAX_HTML_ELEMENTS + 1);
        assert_eq!(html_budget(&page), Err(MAX_HTML_ELEMENTS + 1));
        let page = "<!-- reportlint-disable -->".repeat(MAX_HTML_ELEMENTS + 1);
        assert_eq!(html_budget(&page), Err(MAX_HTML_ELEMENTS + 1));
    }

    struct C(usize, usize);
    impl Spanned for C {
        fn row_span(&self) -> usize {
            self.0
        }
        fn col_span(&self) -> usize {
            self.1
        }
    }

    #[test]
    fn grid_size_is_what_the_layout_builds() {
        let rows = vec![
            vec![C(2, 1), C(1, 2)],
            vec![C(1, 1), C(1, 1)],
            vec![C(1, 1), C(1, 1), C(1, 1)],
        ];
        assert_eq!(grid_size(&rows), Some((3, 3)));
        let grid = crate::builder::layout(&rows, |_| 1, 0);
        assert_eq!((grid.len(), grid[0].len()), (3, 3));
        // Cells pushed right by row spans above.
        let rows: Vec<Vec<C>> = (0..200)
            .map(|_| (0..200).map(|_| C(64, 64)).collect())
            .collect();
        assert_eq!(grid_size(&rows), None);
    }

    #[test]
    fn truncation_keeps_characters_whole() {
        let mut s = "一二三".to_owned();
        assert!(truncate(&mut s, 4));
        assert_eq!(s, "一");
        assert!(!truncate(&mut s, 4));
    }
}
