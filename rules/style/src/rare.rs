//! The rare wide characters two rules look for in the whole text, found in one search shared by
//! them: `style/lookalike-chars` (Kangxi and CJK radicals, CJK compatibility ideographs) and
//! `style/debris` (the private use area and U+FFFD). A search for their lead bytes stops at every
//! full-width comma (EF BC 8C) and quote (E2 80 9C) of the text, which costs more than the rest
//! of either rule: done once, not twice.

use std::sync::Arc;

use reportlint_core::memchr;
use reportlint_core::{Analysis, Document};

/// Where such characters may start, in text order: every E2 BA–BF (U+2E80–U+2FFF), EE (U+E000–
/// U+EFFF), EF 80–AB or EF BF (U+F000–U+FAFF, U+FFC0–U+FFFF) and F0 AF (U+2F800–U+2FFFF). Each
/// rule tests the second byte for its own characters (the byte after a lead byte at the text's
/// end reads as 0).
#[derive(Debug)]
pub struct RareChars {
    pub starts: Vec<usize>,
}

impl Analysis for RareChars {
    fn compute(doc: &Document) -> Self {
        let bytes = doc.text().as_bytes();
        let next = |i: usize| bytes.get(i + 1).copied().unwrap_or(0);
        let mut starts: Vec<usize> = memchr::memchr3_iter(0xE2, 0xEE, 0xEF, bytes)
            .filter(|&i| match bytes[i] {
                0xE2 => (0xBA..=0xBF).contains(&next(i)),
                0xEE => true,
                _ => next(i) <= 0xAB || next(i) == 0xBF,
            })
            .collect();
        // Four-byte characters are rare in these reports: a search of their own, then merged.
        let three = starts.len();
        starts.extend(memchr::memchr_iter(0xF0, bytes).filter(|&i| next(i) == 0xAF));
        if starts.len() > three {
            starts.sort_unstable();
        }
        RareChars { starts }
    }
}

/// The rare wide characters of `doc` (see [`RareChars`]), found once and shared.
pub fn of(doc: &Document) -> Arc<RareChars> {
    doc.analysis::<RareChars>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lead_byte_with_its_second_is_found_in_order() {
        let alphabet: Vec<char> =
            "⼀⽇⺀⻓\u{F9B5}﨎\u{2F800}\u{E000}\u{F8FF}\u{FFFD}\u{FFE5}，（“”—…𠀀😀公开a1 \n"
                .chars()
                .collect();
        let mut next = reportlint_core::testing::xorshift(0x9e37_79b9_7f4a_7c15u64);
        for _ in 0..500 {
            let text: String = (0..(next() % 300))
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let b = text.as_bytes();
            let want: Vec<usize> = (0..b.len())
                .filter(|&i| {
                    let n = b.get(i + 1).copied().unwrap_or(0);
                    match b[i] {
                        0xE2 => (0xBA..=0xBF).contains(&n),
                        0xEE => true,
                        0xEF => n <= 0xAB || n == 0xBF,
                        0xF0 => n == 0xAF,
                        _ => false,
                    }
                })
                .collect();
            let doc = Document::parse("t.txt", text.as_str());
            assert_eq!(of(&doc).starts, want, "{text:?}");
        }
    }
}
