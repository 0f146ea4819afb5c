//! The sentences of a report: its text cut after each `。`, `！`, `？` and line break.
//!
//! Rules that read figures in the prose (`收到申请5件`, `共发布549条，其中…`) look at one sentence
//! at a time, and only at the few sentences that hold their key words. [`Sentences`] cuts the text
//! once per document; [`Sentences::holding`] maps the offsets of key words, found by one search
//! over the text, to the sentences that hold them, so that no rule walks the text sentence by
//! sentence.

use std::sync::LazyLock;

use aho_corasick::packed;

use crate::{Analysis, Document, Span};

/// One sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence without its terminator.
    pub span: Span,
    /// Where the next sentence starts: after the terminator (the text's end for the last
    /// sentence, which has none).
    pub end: usize,
}

/// The text cut after each `。`, `！`, `？` and `\n`, in order: the sentences and their
/// terminators cover the text, and the last sentence runs to its end (it may be empty). A `\r`
/// is no terminator: it stays in its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentences {
    sentences: Vec<Sentence>,
}

impl Analysis for Sentences {
    fn compute(doc: &Document) -> Self {
        // The document has found the line breaks already: each line but the first starts after
        // one (or after a `\r`, which is no terminator).
        let bytes = doc.text().as_bytes();
        let breaks = doc.lines()[1..]
            .iter()
            .map(|l| l.span.start - 1)
            .filter(|&i| bytes[i] == b'\n');
        // Room for a sentence per line and one per 48 bytes: growing the vector, copying it,
        // cost more than the room.
        Sentences::cut(doc.text(), breaks, doc.lines().len() + bytes.len() / 48 + 1)
    }
}

impl Sentences {
    /// Cuts `text` into sentences.
    pub fn new(text: &str) -> Sentences {
        Sentences::cut(
            text,
            memchr::memchr_iter(b'\n', text.as_bytes()),
            text.len() / 32 + 1,
        )
    }

    /// Cuts `text` at its line breaks, `breaks` (ascending), and at its punctuation.
    fn cut(text: &str, breaks: impl Iterator<Item = usize>, capacity: usize) -> Sentences {
        // Line breaks are most of the terminators; the punctuation is found by one SIMD search
        // over the text, and the two ascending streams are merged.
        static PUNCTUATION: LazyLock<packed::Searcher> =
            LazyLock::new(|| packed::Searcher::new(["。", "！", "？"]).unwrap());
        let bytes = text.as_bytes();
        let mut sentences = Vec::with_capacity(capacity);
        let mut start = 0;
        let mut punctuation = PUNCTUATION.find_iter(bytes);
        let mut cut = |at: usize, end: usize| {
            sentences.push(Sentence {
                span: Span::new(start, at),
                end,
            });
            start = end;
        };
        // The next punctuation is held in a plain variable, not peeked at: a line break that
        // comes first (most do) then costs one comparison.
        let mut next = punctuation.next().map_or(usize::MAX, |m| m.start());
        for nl in breaks {
            while next < nl {
                // Each terminator is three bytes long.
                cut(next, next + 3);
                next = punctuation.next().map_or(usize::MAX, |m| m.start());
            }
            cut(nl, nl + 1);
        }
        while next != usize::MAX {
            cut(next, next + 3);
            next = punctuation.next().map_or(usize::MAX, |m| m.start());
        }
        sentences.push(Sentence {
            span: Span::new(start, bytes.len()),
            end: bytes.len(),
        });
        Sentences { sentences }
    }

    /// All sentences, in order.
    pub fn all(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The index of the sentence holding byte `offset` (a terminator belongs to the sentence
    /// it ends; the text's end to the last sentence).
    pub fn index_of(&self, offset: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= offset)
            .min(self.sentences.len() - 1)
    }

    /// The indices of the sentences holding `offsets`, which must ascend: ascending, each once.
    pub fn holding(&self, offsets: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut from = 0;
        for offset in offsets {
            // Offsets ascend: look from the last sentence found on.
            from += self.sentences[from..].partition_point(|s| s.end <= offset);
            from = from.min(self.sentences.len() - 1);
            if out.last() != Some(&from) {
                out.push(from);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<(&str, &str)> {
        Sentences::new(text)
            .all()
            .iter()
            .map(|s| (&text[s.span.range()], &text[s.span.end..s.end]))
            .collect()
    }

    #[test]
    fn cuts_after_each_terminator() {
        assert_eq!(
            cut("共收到申请5件。其中！答复？\n表\r\n尾"),
            [
                ("共收到申请5件", "。"),
                ("其中", "！"),
                ("答复", "？"),
                ("", "\n"),
                ("表\r", "\n"),
                ("尾", ""),
            ]
        );
        assert_eq!(cut(""), [("", "")]);
        assert_eq!(cut("一。"), [("一", "。"), ("", "")]);
        assert_eq!(cut("\n\n"), [("", "\n"), ("", "\n"), ("", "")]);
    }

    #[test]
    fn agrees_with_a_walk_over_the_chars() {
        let text =
            "一、总体情况\n本年度共收到申请3件。予以公开3件！是否？\r\n\n（一）主动公开。。末尾";
        let mut walked = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if matches!(c, '。' | '！' | '？' | '\n') {
                walked.push(Sentence {
                    span: Span::new(start, i),
                    end: i + c.len_utf8(),
                });
                start = i + c.len_utf8();
            }
        }
        walked.push(Sentence {
            span: Span::new(start, text.len()),
            end: text.len(),
        });
        assert_eq!(Sentences::new(text).all(), walked);
    }

    #[test]
    fn the_analysis_agrees_with_new() {
        for text in ["", "一\n二。三\r\n四\r五\n", "甲。\n\n乙！丙？", "\r\n\r"] {
            let doc = Document::parse("t.txt", text);
            assert_eq!(
                *doc.analysis::<Sentences>(),
                Sentences::new(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn maps_offsets_to_sentences() {
        let text = "甲件。乙。丙件件\n丁";
        let s = Sentences::new(text);
        let offsets: Vec<usize> = text.match_indices('件').map(|(i, _)| i).collect();
        assert_eq!(s.holding(offsets), [0, 2]);
        assert_eq!(s.index_of(0), 0);
        assert_eq!(s.index_of(text.find('。').unwrap()), 0);
        assert_eq!(s.index_of(text.find('乙').unwrap()), 1);
        assert_eq!(s.index_of(text.len()), 3);
        assert_eq!(s.holding([]), Vec::<usize>::new());
    }
}
