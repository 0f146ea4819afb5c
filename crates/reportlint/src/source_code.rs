//! A miette [`SourceCode`] backed by the document's line index.
//!
//! miette's own implementation for strings rescans the text from the start for every label and
//! counts columns in bytes. This one finds lines by binary search and reports character columns,
//! and shows a window around the finding when a line is very long (crawler text often puts a whole
//! report on one line).

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use reportlint_core::LineIndex;

/// Lines longer than this (in bytes) are shown as a window around the finding.
const LONG_LINE: usize = 480;
/// Characters of context on each side of the finding in a long line.
const WINDOW_CHARS: usize = 40;
/// Most bytes shown as one line: columns stay far below what a format width holds (u16).
const MAX_SHOWN: usize = 16 * 1024;

pub struct IndexedSource<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
}

impl IndexedSource<'_> {
    fn char_column(&self, line: usize, offset: usize) -> usize {
        let start = self.index.line_start(line);
        self.text[start..offset.max(start)].chars().count()
    }

    /// Byte offset `n` characters before `offset`, not before `floor`.
    fn back_chars(&self, offset: usize, n: usize, floor: usize) -> usize {
        self.text[floor..offset]
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(floor, |(i, _)| floor + i)
    }

    /// Byte offset `n` characters after `offset`, not after `ceil`.
    fn fwd_chars(&self, offset: usize, n: usize, ceil: usize) -> usize {
        self.text[offset..ceil]
            .char_indices()
            .nth(n)
            .map_or(ceil, |(i, _)| offset + i)
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
        let line_span = self.index.line_span(first);

        if first == last && line_span.len() > LONG_LINE {
            // A window around the finding, presented as if it were the whole line.
            let from = self.back_chars(start, WINDOW_CHARS, line_span.start);
            let to = self.fwd_chars(end, WINDOW_CHARS, line_span.end);
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
                || !(first..=last).all(|l| self.showable(l)))
        {
            return Err(MietteError::OutOfBounds);
        }
        let (data_from, line, column) = if context_lines_before == 0 {
            (start, first, self.char_column(first, start))
        } else {
            // Context lines before: none cut off by a lone CR, none huge.
            let mut l = first.saturating_sub(context_lines_before);
            while l < first && !(l..first).all(|k| self.showable(k) && !self.ends_with_lone_cr(k)) {
                l += 1;
            }
            (self.index.line_start(l), l, 0)
        };
        let mut last_line = (last + context_lines_after).min(self.index.line_count() - 1);
        while last_line > last
            && !(last..last_line).all(|k| !self.ends_with_lone_cr(k) && self.showable(k + 1))
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
