//! One line index per file: byte offset → line and column.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`. Columns shown to people count characters, not bytes;
//! editors (LSP) count UTF-16 code units, so both are offered.

use crate::Span;

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `starts[0] == 0`.
    starts: Vec<usize>,
    /// Byte offset where each line's content ends (before its terminator).
    ends: Vec<usize>,
}

/// A position for people: 1-based line, 1-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
        let mut ends = Vec::with_capacity(bytes.len() / 40 + 1);
        starts.push(0);
        // One iterator over the whole text: a fresh search per line paid its set-up on every
        // (mostly short) line.
        // Most files have no carriage return: then a search for one byte (cheaper per line
        // than for either of two) finds every line end.
        if memchr::memchr(b'\r', bytes).is_none() {
            for at in memchr::memchr_iter(b'\n', bytes) {
                ends.push(at);
                starts.push(at + 1);
            }
            ends.push(bytes.len());
            return LineIndex { starts, ends };
        }
        let mut lf_of_crlf = usize::MAX;
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if at == lf_of_crlf {
                continue;
            }
            ends.push(at);
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                lf_of_crlf = at + 1;
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
        }
        ends.push(bytes.len());
        LineIndex { starts, ends }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line holding `offset` (an offset on a terminator belongs to the line it ends).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// The content of 0-based line `line`, without its terminator.
    pub fn line_span(&self, line: usize) -> Span {
        Span::new(self.starts[line], self.ends[line])
    }

    /// The content of every line, without terminators, in order.
    pub fn spans(&self) -> impl ExactSizeIterator<Item = Span> + '_ {
        self.starts
            .iter()
            .zip(&self.ends)
            .map(|(&start, &end)| Span::new(start, end))
    }

    /// Start of 0-based line `line`, terminator of the previous line excluded.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// 1-based line and character column of `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = self.starts[line];
        // An offset inside a terminator counts as the end of the line's content.
        let end = offset.min(self.ends[line]);
        // Counted 32 bytes at a step: the command line turns about a dozen findings a report
        // into lines and columns.
        let column = crate::text::count_chars(&text.as_bytes()[start..end]) + (offset - end);
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// 0-based UTF-16 column of `offset` (for editors).
    pub fn utf16_column(&self, text: &str, offset: usize) -> usize {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let end = offset.min(self.ends[line]);
        text[start..end].encode_utf16().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_count_agrees_with_chars() {
        let line = "电话：０６３１—𠀀x，2022年度政府信息公开工作年度报告 abc é ü \t";
        for n in 0..=line.len() {
            if line.is_char_boundary(n) {
                let s = &line[..n];
                assert_eq!(crate::text::char_len(s), s.chars().count(), "{s:?}");
                let long = s.repeat(5);
                assert_eq!(crate::text::char_len(&long), long.chars().count());
            }
        }
    }

    #[test]
    fn crlf_cr_and_cjk_columns() {
        let text = "标题\r\n一、总体情况\r二、主动公开\nabc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(&text[idx.line_span(0).range()], "标题");
        assert_eq!(&text[idx.line_span(1).range()], "一、总体情况");
        assert_eq!(&text[idx.line_span(2).range()], "二、主动公开");
        let off = text.find("总体").unwrap();
        assert_eq!(idx.line_col(text, off), LineCol { line: 2, column: 3 });
        let off = text.find("c").unwrap();
        assert_eq!(idx.line_col(text, off), LineCol { line: 4, column: 3 });
        assert_eq!(
            idx.line_col(text, text.len()),
            LineCol { line: 4, column: 4 }
        );
    }

    #[test]
    fn empty_lines_and_mixed_terminators() {
        let text = "a\r\n\r\nb\r\n\nc\r";
        let idx = LineIndex::new(text);
        let lines: Vec<&str> = (0..idx.line_count())
            .map(|i| &text[idx.line_span(i).range()])
            .collect();
        assert_eq!(lines, ["a", "", "b", "", "c", ""]);
        assert_eq!(idx.line_start(2), 5);
        assert_eq!(LineIndex::new("").line_count(), 1);
    }

    #[test]
    fn full_width_and_utf16() {
        let text = "电话：０６３１—𠀀x";
        let idx = LineIndex::new(text);
        let off = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, off).column, 10);
        assert_eq!(idx.utf16_column(text, off), 10);
    }
}
