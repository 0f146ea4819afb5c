//! A miette [`SourceCode`] backed by the document's line index.
//!
//! miette's own implementation for strings rescans the text from the start for every label and
//! counts columns in bytes. This one finds lines by binary search and reports character columns,
//! and keeps every line it shows within the output's width: a finding in a line wider than that
//! is shown as a window of the line around it (crawler text often puts a whole report on one
//! line, and a paragraph of a report is wider than a terminal), and a context line wider than
//! that is left out, so that the underline stays under the text (a terminal that wraps a line
//! moves everything after the wrap). Widths are display columns: a CJK character takes two.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use reportlint_core::LineIndex;
use unicode_width::UnicodeWidthChar;

/// Most bytes shown as one line: columns stay far below what a format width holds (u16).
const MAX_SHOWN: usize = 16 * 1024;
/// The columns a tab may take (miette expands tabs to stops of four).
const TAB: usize = 4;

/// The display columns of `c`, as miette counts them (a tab at most [`TAB`]).
fn char_columns(c: char) -> usize {
    if c == '\t' {
        TAB
    } else {
        c.width().unwrap_or(0)
    }
}

/// The display columns of `s`.
pub fn text_columns(s: &str) -> usize {
    s.chars().map(char_columns).sum()
}

pub struct IndexedSource<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
    /// The display columns a line's text may take (the output's width less miette's gutter).
    pub columns: usize,
}

impl IndexedSource<'_> {
    fn char_column(&self, line: usize, offset: usize) -> usize {
        let start = self.index.line_start(line);
        self.text[start..offset.max(start)].chars().count()
    }

    /// Whether `line` fits in [`Self::columns`] as it is.
    fn fits(&self, line: usize) -> bool {
        let span = self.index.line_span(line);
        // Bytes bound columns from above but for tabs (a CJK character: 3 bytes, 2 columns).
        span.len() <= self.columns || text_columns(&self.text[span.range()]) <= self.columns
    }

    /// The byte range of `line` shown around `start..end`: at most [`Self::columns`] columns,
    /// the finding with as much text on each side as fits (the finding whole if it is wider).
    fn window(&self, line: usize, start: usize, end: usize) -> (usize, usize) {
        let span = self.index.line_span(line);
        let finding = text_columns(&self.text[start..end]);
        if finding >= self.columns {
            return (start, end);
        }
        // Half the room before the finding, then as much as fits after it.
        let mut before = (self.columns - finding) / 2;
        let mut from = start;
        for (i, c) in self.text[span.start..start].char_indices().rev() {
            let w = char_columns(c);
            if w > before {
                break;
            }
            before -= w;
            from = span.start + i;
        }
        let mut room = self.columns - text_columns(&self.text[from..end]);
        let mut to = end;
        for (i, c) in self.text[end..span.end].char_indices() {
            let w = char_columns(c);
            if w > room {
                break;
            }
            room -= w;
            to = end + i + c.len_utf8();
        }
        // Room left at the end of the line goes before the finding.
        for (i, c) in self.text[span.start..from].char_indices().rev() {
            let w = char_columns(c);
            if w > room {
                break;
            }
            room -= w;
            from = span.start + i;
        }
        (from, to)
    }

    /// Whether `line` ends with a lone `\r`. The line index breaks lines there; miette does
    /// not, and would measure a column from the start of the line before (R25: a lone CR after
    /// a 70 KB line put a column past what a format width can hold, and miette panicked).
    fn ends_with_lone_cr(&self, line: usize) -> bool {
        let end = self.index.line_span(line).end;
        self.text.as_bytes().get(end) == Some(&b'\r')
            && self.text.as_bytes().get(end + 1) != Some(&b'\n')
    }

    /// Whether `line` may be shown whole as context, or as part of a finding over several lines:
    /// its columns stay far below what a format width holds.
    fn showable(&self, line: usize) -> bool {
        self.index.line_span(line).len() <= MAX_SHOWN
    }

    /// End of `line` including its terminator.
    fn line_end_with_terminator(&self, line: usize) -> usize {
        if line + 1 < self.index.line_count() {
            self.index.line_start(line + 1)
        } else {
            self.text.len()
        }
    }
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.index.line_of(start);
        let last = self.index.line_of(end.saturating_sub(1).max(start));

        if first == last && !self.fits(first) {
            // A window around the finding, presented as if it were the whole line, without
            // context lines (they are other bytes of the text).
            let (from, to) = self.window(first, start, end);
            if to - from > MAX_SHOWN {
                // A finding over most of a huge line: no excerpt (the message says where).
                return Err(MietteError::OutOfBounds);
            }
            let column = if context_lines_before == 0 {
                self.char_column(first, start)
            } else {
                self.char_column(first, from)
            };
            let data_from = if context_lines_before == 0 {
                start
            } else {
                from
            };
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.to_owned(),
                &self.text.as_bytes()[data_from..to],
                (data_from, to - data_from).into(),
                first,
                column,
                1,
            )));
        }

        // A finding over several lines is shown whole only when miette sees the same lines
        // (no lone CR between them) and none is huge.
        if first != last
            && ((first..last).any(|l| self.ends_with_lone_cr(l))
                || !(first..=last).all(|l| self.showable(l) && self.fits(l)))
        {
            return Err(MietteError::OutOfBounds);
        }
        let (data_from, line, column) = if context_lines_before == 0 {
            (start, first, self.char_column(first, start))
        } else {
            // Context lines before: none cut off by a lone CR, none huge.
            let mut l = first.saturating_sub(context_lines_before);
            while l < first
                && !(l..first)
                    .all(|k| self.showable(k) && self.fits(k) && !self.ends_with_lone_cr(k))
            {
                l += 1;
            }
            (self.index.line_start(l), l, 0)
        };
        let mut last_line = (last + context_lines_after).min(self.index.line_count() - 1);
        while last_line > last
            && !(last..last_line)
                .all(|k| !self.ends_with_lone_cr(k) && self.showable(k + 1) && self.fits(k + 1))
        {
            last_line -= 1;
        }
        let to = self.line_end_with_terminator(last_line).max(data_from);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            &self.text.as_bytes()[data_from..to],
            (data_from, to - data_from).into(),
            line,
            column,
            last_line - line + 1,
        )))
    }
}
