//! Page furniture in text copied from a PDF: page numbers (`- 3 -`, `— 3 —`, `第3页 共6页`,
//! `3/6`, a bare page number on its own line) and running headers repeated on every page. The
//! model makes these lines invisible to the layout (they are never a title, a heading or part of
//! a table row); the table readers skip them.

use rustc_hash::FxHashMap;

use super::Line;
use crate::text::{char_len, is_space};

/// A page number written as page furniture, with its value: `- 3 -`, `—3—`, `第 3 页`,
/// `第3页 共6页`, `共6页 第3页`, `3/6`, `3 / 6`. `None` for anything else (a bare `3` among them:
/// see [`bare_number`]).
fn page_number(s: &str) -> Option<u32> {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '―');
    let digits = |s: &str| -> Option<(u32, usize)> {
        let t = s.trim_start_matches(is_space);
        let skip = s.len() - t.len();
        let n = t.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 3 {
            return None;
        }
        Some((t[..n].parse().ok()?, skip + n))
    };
    // `- 3 -`
    if s.starts_with(dash) {
        let t = s.trim_start_matches(dash);
        let (v, n) = digits(t)?;
        let rest = t[n..].trim_matches(is_space);
        return (!rest.is_empty() && rest.chars().all(dash)).then_some(v);
    }
    // `第3页`, `第3页 共6页`, `第3页/共6页`
    let page_of = |s: &str| -> Option<(u32, usize)> {
        let t = s.strip_prefix('第')?;
        let (v, n) = digits(t)?;
        let rest = t[n..].trim_start_matches(is_space);
        let rest = rest.strip_prefix('页')?;
        Some((v, s.len() - rest.len()))
    };
    let total_of = |s: &str| -> Option<(u32, usize)> {
        let t = s.strip_prefix('共')?;
        let (v, n) = digits(t)?;
        let rest = t[n..].trim_start_matches(is_space);
        let rest = rest.strip_prefix('页')?;
        Some((v, s.len() - rest.len()))
    };
    if let Some((v, n)) = page_of(s) {
        let rest = sep(&s[n..]);
        if rest.is_empty() {
            return Some(v);
        }
        let (total, m) = total_of(rest)?;
        return (v <= total && rest[m..].trim_matches(is_space).is_empty()).then_some(v);
    }
    if let Some((total, n)) = total_of(s) {
        let rest = sep(&s[n..]);
        let (v, m) = page_of(rest)?;
        return (v <= total && rest[m..].trim_matches(is_space).is_empty()).then_some(v);
    }
    // `3/6`
    let (v, n) = digits(s)?;
    let rest = s[n..].trim_start_matches(is_space);
    let rest = rest.strip_prefix(['/', '／'])?;
    let (total, m) = digits(rest)?;
    (v >= 1 && v <= total && rest[m..].trim_matches(is_space).is_empty()).then_some(v)
}

/// `s` without the separators between `第3页` and `共6页`.
fn sep(s: &str) -> &str {
    s.trim_start_matches(|c: char| is_space(c) || matches!(c, ',' | '，' | '/' | '、'))
}

/// A line of one to three digits.
fn bare_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 3 {
        return None;
    }
    s.bytes().try_fold(0u32, |v, b| {
        b.is_ascii_digit().then(|| v * 10 + u32::from(b - b'0'))
    })
}

/// Numbers, `/` and dashes only: a row of table cells (`0`, `12 0 3`, `| 5 | / |`).
pub(crate) fn is_cell_values(s: &str) -> bool {
    let mut any = false;
    for c in s.chars() {
        match c {
            '0'..='9' | '０'..='９' | '/' | '／' => any = true,
            '.' | '-' | '—' | '－' | '|' | ' ' | '\t' | '\u{3000}' => {}
            _ => return false,
        }
    }
    any
}

fn content_of<'t>(text: &'t str, l: &Line) -> &'t str {
    &text[l.content.range()]
}

/// Whether line `i` is next to a form feed (a page break that pdftotext writes).
fn next_to_form_feed(text: &str, lines: &[Line], i: usize) -> bool {
    let before = text[..lines[i].span.start].trim_end_matches(['\n', '\r', ' ']);
    let after = text[lines[i].span.end..].trim_start_matches(['\n', '\r', ' ']);
    before.ends_with('\u{c}')
        || after.starts_with('\u{c}')
        || text[lines[i].span.range()].contains('\u{c}')
}

/// The indexes of the lines (from `first`) that are page furniture, in order.
pub(crate) fn detect(text: &str, lines: &[Line], first: usize) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    // pdftotext ends each page with a form feed.
    let form_feeds = memchr::memchr(b'\x0c', text.as_bytes()).is_some();
    let numbers_all = page_numbers(text, lines, first, form_feeds);
    // Bare numbers among cells are cells, unless a form feed marks them.
    let numbers: Vec<(usize, u32, bool, bool)> = numbers_all
        .iter()
        .copied()
        .filter(|&(_, _, sure, alone)| sure || alone)
        .collect();
    for &(i, _, sure, alone) in &numbers_all {
        if !sure && !alone && form_feeds && next_to_form_feed(text, lines, i) {
            found.push(i);
        }
    }
    for (n, &(i, v, sure, _)) in numbers.iter().enumerate() {
        // A bare number is a page number next to a form feed, or when the page numbers before
        // or after it run on from it (…, 2, 3, … with at most one page between).
        let form_feed = || form_feeds && next_to_form_feed(text, lines, i);
        let runs_on = || {
            let prev = n.checked_sub(1).map(|p| numbers[p].1);
            let next = numbers.get(n + 1).map(|x| x.1);
            prev.is_some_and(|p| p < v && v - p <= 2) || next.is_some_and(|x| x > v && x - v <= 2)
        };
        if sure || form_feed() || runs_on() {
            found.push(i);
        }
    }
    // Running headers: the same short line of the agency or the report's title on three pages
    // or more, in text that shows its pages (page numbers or form feeds). The first one stays
    // (it may be the title itself).
    if found.is_empty() && !form_feeds {
        return found;
    }
    running_headers(text, lines, first, &mut found);
    found.sort_unstable();
    found.dedup();
    found
}

/// Page numbers among the lines from `first`: the sure forms, and bare numbers, each with
/// whether it stands alone between lines of text (not among cells), as (line, value, a sure
/// form, alone), in order. A bare number among cells only counts next to a form feed: without
/// `form_feeds` in the text, it is left out.
fn page_numbers(
    text: &str,
    lines: &[Line],
    first: usize,
    form_feeds: bool,
) -> Vec<(usize, u32, bool, bool)> {
    let content = |i: usize| &text[lines[i].content.range()];
    let mut numbers: Vec<(usize, u32, bool, bool)> = Vec::new();
    let mut prev_nonblank: Option<usize> = None;
    // Whether that line is a bare number: a cell of a table printed one cell per line (a third
    // of such a table's lines) is mostly preceded by another, whose text need not be read again.
    let mut prev_bare = false;
    let body = &lines[first.min(lines.len())..];
    for (k, line) in body.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let i = first + k;
        // Every form is short and starts with a digit, a dash, `第` or `共`: the length and the
        // first byte (a digit, `-`, or the lead byte E2 of `—–―`, EF of `－`, E7 of `第`, E5 of
        // `共`) rule out most lines before their text is sliced.
        let might_start = || {
            matches!(
                text.as_bytes()[line.content.start],
                b'0'..=b'9' | b'-' | 0xe2 | 0xef | 0xe7 | 0xe5
            )
        };
        if line.content.len() > 30 || !might_start() {
            prev_nonblank = Some(i);
            prev_bare = false;
            continue;
        }
        let s = content(i);
        let starts = |s: &str| {
            s.as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_digit() || *b == b'-')
                || s.starts_with(['—', '–', '－', '―', '第', '共'])
        };
        let mut bare = false;
        if starts(s) {
            // Bare numbers first: most such lines are table cells, one per line.
            if let Some(v) = bare_number(s) {
                bare = true;
                let alone = |j: Option<usize>| {
                    j.is_none_or(|j| {
                        let t = content(j);
                        !is_cell_values(t) && bare_number(t).is_none()
                    })
                };
                // The next line is looked for only when the line before leaves the number alone:
                // in a table printed one cell per line, it is a cell. (A bare number before
                // never does: its digits are cell values.)
                let alone = !prev_bare
                    && alone(prev_nonblank)
                    && alone(
                        body[k + 1..]
                            .iter()
                            .position(|l| !l.is_blank())
                            .map(|n| i + 1 + n),
                    );
                if alone || form_feeds {
                    numbers.push((i, v, false, alone));
                }
            } else if let Some(v) = page_number(s) {
                numbers.push((i, v, true, true));
            }
        }
        prev_nonblank = Some(i);
        prev_bare = bare;
    }
    numbers
}

/// Adds to `found` the running headers among the lines from `first`: the same short line of the
/// agency or the report's title on three pages or more, but for the first.
fn running_headers(text: &str, lines: &[Line], first: usize, found: &mut Vec<usize>) {
    let content = |i: usize| &text[lines[i].content.range()];
    let body = &lines[first.min(lines.len())..];
    let mut seen: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (k, line) in body.iter().enumerate() {
        if line.is_blank() || line.content.len() > 50 * 3 {
            continue;
        }
        let s = content(first + k);
        // The report's title or an agency's name: cheap tests on the words first.
        let agency_end = [
            '局', '府', '委', '室', '会', '处', '办', '院', '镇', '道', '区', '县', '市',
        ];
        if !(crate::text::contains_word(s, "报告") || s.ends_with(agency_end)) {
            continue;
        }
        if (6..=50).contains(&char_len(s)) {
            seen.entry(s).or_default().push(first + k);
        }
    }
    for (s, at) in seen {
        if at.len() >= 3
            && !crate::text::ends_sentence(s)
            && (crate::text::contains_word(s, "报告") || crate::names::is_agency_like(s))
        {
            // The agency's name over the date is the signature, not a header.
            let signs = |i: usize| {
                lines[i + 1..]
                    .iter()
                    .find(|l| !l.is_blank())
                    .is_some_and(|l| {
                        let t = content_of(text, l);
                        t.ends_with('日') && char_len(t) <= 20
                    })
            };
            found.extend(at[1..].iter().filter(|&&i| !signs(i)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_number_forms() {
        for (s, v) in [
            ("- 3 -", 3),
            ("-3-", 3),
            ("— 12 —", 12),
            ("－3－", 3),
            ("——3——", 3),
            ("第3页", 3),
            ("第 3 页 共 6 页", 3),
            ("第3页/共6页", 3),
            ("第3页，共6页", 3),
            ("共6页 第3页", 3),
            ("3/6", 3),
            ("3 / 6", 3),
        ] {
            assert_eq!(page_number(s), Some(v), "{s}");
        }
        for s in [
            "3",
            "-3",
            "3-",
            "- 3",
            "7/3",
            "0/0",
            "第3页共2页",
            "第三页",
            "12345/67890",
            "3/6件",
            "第3项",
            "- 2023 -",
            "-",
        ] {
            assert_eq!(page_number(s), None, "{s}");
        }
    }

    fn furniture(text: &str) -> Vec<String> {
        let doc = crate::Document::parse("t.txt", text);
        doc.page_furniture()
            .iter()
            .map(|s| doc.slice(*s).to_owned())
            .collect()
    }

    #[test]
    fn bare_numbers_only_in_a_run_of_pages() {
        let text = "标题\n正文第一页。\n1\n正文第二页。\n2\n正文第三页。\n3\n";
        assert_eq!(furniture(text), ["1", "2", "3"]);
        // A lone number between two labels is a table cell.
        let text = "行政许可\n5\n行政处罚\n3\n";
        assert!(furniture(text).is_empty());
        // Cells one per line are not page numbers.
        let text = "正文。\n1\n2\n3\n正文。\n";
        assert!(furniture(text).is_empty());
        // Next to a form feed.
        let text = "正文。\n7\n\u{c}正文。\n";
        assert_eq!(furniture(text), ["7"]);
        // Among cells, a number after a number is a cell, and after a label too; next to a
        // form feed, a page number all the same.
        let text = "正文。\n行政许可\n5\n\n6\n行政处罚\n3\n正文。\n";
        assert!(furniture(text).is_empty());
        let text = "正文。\n1\n2\n\u{c}3\n正文。\n";
        assert_eq!(furniture(text), ["2", "3"]);
        let text = "正文。\n行政许可\n5\n\u{c}\n6\n正文。\n";
        assert_eq!(furniture(text), ["5", "6"]);
        // A number after a line of cell values that is no bare number (`12 0 3`) is a cell.
        let text = "正文一。\n12 0 3\n4\n正文二。\n5\n正文三。\n6\n";
        assert_eq!(furniture(text), ["5", "6"]);
    }

    #[test]
    fn running_headers_after_the_first() {
        let h = "某县统计局2023年政府信息公开工作年度报告";
        let text = format!("{h}\n一、总体情况\n正文。\n- 2 -\n{h}\n正文。\n- 3 -\n{h}\r\n正文。\n");
        assert_eq!(furniture(&text), ["- 2 -", h, "- 3 -", h]);
        let text = format!("{h}\n一、总体情况\n正文。\n\x0c{h}\n正文。\n\x0c{h}\r\n正文。\n");
        assert_eq!(furniture(&text), [h, h]);
        // Without pages, a repeated title is left alone.
        let text = format!("{h}\n正文。\n{h}\n正文。\n{h}\n");
        assert!(furniture(&text).is_empty());
        // An agency's name as the running header, on pages.
        let a = "淮安市人民政府办公室";
        let text = format!("{a}\n正文一。\n- 1 -\n{a}\n正文二。\n- 2 -\n{a}\n正文三。\n");
        assert_eq!(furniture(&text), ["- 1 -", a, "- 2 -", a]);
        // …but not where it signs the report.
        let text = format!(
            "{a}\n正文一。\n- 1 -\n{a}\n正文二。\n- 2 -\n{a}\n正文三。\n{a}\n2024年1月20日\n"
        );
        assert_eq!(furniture(&text), ["- 1 -", a, "- 2 -", a]);
        // Without pages, the agency's name three times (title, text, signature) stays.
        let text =
            format!("{a}\n2023年政府信息公开工作年度报告\n{a}\n正文。\n{a}\n2024年1月20日\n");
        assert!(furniture(&text).is_empty());
        // Twice is not a running header.
        let text = format!("{h}\n正文。\n{h}\n");
        assert!(furniture(&text).is_empty());
    }
}
