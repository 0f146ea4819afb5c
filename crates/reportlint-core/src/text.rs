//! Small text helpers shared by the document model and the rules.

/// Whitespace as it appears in reports: ASCII, the ideographic space U+3000, NBSP and friends.
pub fn is_space(c: char) -> bool {
    // ASCII and CJK are decided without the Unicode tables: above U+3000 only U+FEFF is a space.
    match c {
        '\0'..='\u{7f}' => matches!(c, '\t'..='\r' | ' '),
        '\u{3001}'.. => c == '\u{feff}',
        _ => c.is_whitespace() || c == '\u{a0}',
    }
}

/// `s` without leading and trailing [`is_space`] characters, with the byte offset it starts at.
///
/// Most lines and cells begin and end with a visible ASCII character or a CJK character: those
/// are decided on their bytes, without decoding.
pub fn trim_with_offset(s: &str) -> (usize, &str) {
    let b = s.as_bytes();
    let start = if starts_visible(b) {
        0
    } else {
        s.len() - s.trim_start_matches(is_space).len()
    };
    let rest = &s[start..];
    let t = if ends_visible(rest.as_bytes()) {
        rest
    } else {
        rest.trim_end_matches(is_space)
    };
    (start, t)
}

/// Whether the text `b` starts with a character that is no [`is_space`]: a visible ASCII
/// character or a character of U+3000..=U+FFFF other than U+3000 and U+FEFF. `false` says
/// nothing.
pub(crate) fn starts_visible(b: &[u8]) -> bool {
    b.first().is_some_and(u8::is_ascii_graphic) || b.get(..3).is_some_and(cjk)
}

/// Whether the text `b` ends with a character that is no [`is_space`]: a visible ASCII
/// character, or a character of U+3000..=U+FFFF other than U+3000 and U+FEFF (a byte from E3
/// to EF leads a three-byte character, so three bytes starting with one are one character).
/// `false` says nothing.
pub(crate) fn ends_visible(b: &[u8]) -> bool {
    match b {
        [.., c] if c.is_ascii_graphic() => true,
        [.., 0xe3, 0x80, 0x80] | [.., 0xef, 0xbb, 0xbf] => false,
        [.., 0xe3..=0xef, _, _] => true,
        _ => false,
    }
}

/// Whether `c` (three bytes) is a whole character of U+3000..=U+FFFF other than the spaces
/// U+3000 and U+FEFF: CJK ideographs and punctuation, full-width forms. (A byte from E3 to EF
/// leads a three-byte character, so three bytes starting with one are exactly one character.)
fn cjk(c: &[u8]) -> bool {
    match c {
        [0xe3, 0x80, 0x80] | [0xef, 0xbb, 0xbf] => false,
        [0xe3..=0xef, ..] => true,
        _ => false,
    }
}

/// Normalises text for matching labels and headings: drops all whitespace, maps full-width ASCII
/// to half-width, unifies quotes and brackets. Not for display.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(&mut out, s);
    out
}

/// [`normalize`], borrowing `s` when it needs no change (most labels and headings).
pub fn normalized(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| is_space(c) || normalize_char(c) != c) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(normalize(s))
}

/// Appends [`normalize`]`(s)` to `out`: runs of characters that need no change are copied as
/// they are (the table matcher normalises every row label into one reused buffer).
pub fn normalize_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        match b[i] {
            // ASCII: whitespace (`char::is_whitespace`) is dropped, `'` becomes `"`.
            b'\t'..=b'\r' | b' ' | b'\'' => {}
            0..=0x7f => {
                i += 1;
                continue;
            }
            // U+4000..=U+EFFF (CJK ideographs among them): neither whitespace nor mapped.
            0xe4..=0xee => {
                i += 3;
                continue;
            }
            _ => {}
        }
        let c = s[i..].chars().next().expect("i is on a char boundary");
        let len = c.len_utf8();
        if !is_space(c) && normalize_char(c) == c {
            i += len;
            continue;
        }
        out.push_str(&s[run..i]);
        if !is_space(c) {
            out.push(normalize_char(c));
        }
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
}

/// One character of [`normalize`].
pub fn normalize_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '“' | '”' | '‘' | '’' | '\'' | '「' | '」' | '『' | '』' => '"',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        _ => c,
    }
}

/// Maps a full-width digit to its ASCII digit.
pub fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Value of a Chinese numeral from 〇/零 to 九十九 (`十二`, `二十`, `二十三`).
pub fn cn_numeral_value(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    }
    let mut it = s.chars();
    match (it.next(), it.next(), it.next(), it.next()) {
        (None, ..) => None,
        (Some('十'), None, ..) => Some(10),
        (Some(c), None, ..) => digit(c),
        (Some('十'), Some(u), None, _) => Some(10 + digit(u)?),
        (Some(t), Some('十'), None, _) => Some(digit(t)? * 10),
        (Some(t), Some('十'), Some(u), None) => Some(digit(t)? * 10 + digit(u)?),
        _ => None,
    }
}

/// The Chinese numeral for 1..=99.
pub fn cn_numeral(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        _ if n % 10 == 0 && n < 100 => format!("{}十", D[(n / 10) as usize]),
        _ if n < 100 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// Whether `c` is a Chinese numeral character used in headings.
pub fn is_cn_numeral_char(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '〇' | '零'
    )
}

/// `一` to `十`: the numerals of heading and sub-heading numbers.
pub fn is_heading_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The byte length of the longest prefix of `s` of at most `max` characters that all satisfy
/// `pred`.
///
/// One pass, stopping at the first character that fails or at character `max`: this reads the
/// numbers of headings and sub-headings on every line that starts with a digit or a numeral.
#[inline]
pub fn prefix_len(s: &str, max: usize, pred: impl Fn(char) -> bool) -> usize {
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n == max || !pred(c) {
            return i;
        }
    }
    s.len()
}

/// Parses an ASCII or full-width decimal integer.
pub fn parse_uint(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut v: u64 = 0;
    for c in s.chars() {
        v = v.checked_mul(10)?.checked_add(ascii_digit(c)? as u64)?;
    }
    Some(v)
}

/// Whether a line ends a sentence (so it is prose, not a heading).
pub fn ends_sentence(s: &str) -> bool {
    s.ends_with(['。', '；', ';', '，', ',', '：', ':', '！', '？'])
}

/// Number of characters in `s` (see [`count_chars`]).
pub fn char_len(s: &str) -> usize {
    count_chars(s.as_bytes())
}

/// The number of characters in `b` (valid UTF-8, or a slice of it): its bytes that do not
/// continue a character (continuation bytes are 0x80..=0xBF, below -64 as signed bytes).
/// Thirty-two bytes at a step with a byte-wide sum, which the compiler turns into vector code;
/// the standard library's count went through the short lines and cells this is asked about
/// mostly a byte at a time.
pub(crate) fn count_chars(b: &[u8]) -> usize {
    let starts = |x: &u8| (*x as i8) >= -64;
    let mut chunks = b.chunks_exact(32);
    let mut n = 0;
    for chunk in &mut chunks {
        let in_chunk = chunk
            .iter()
            .fold(0u8, |sum, x| sum.wrapping_add(u8::from(starts(x))));
        n += usize::from(in_chunk);
    }
    n + chunks.remainder().iter().filter(|x| starts(x)).count()
}

/// The byte offsets of `c` in `s`, in order. For a short haystack such as a line this is
/// cheaper than `memchr::memmem::find_iter`, which builds a searcher on every call (about 280
/// instructions), and than `str::find(char)`, which scans for the character's last byte: in
/// Chinese text a continuation byte such as `0x81` (the end of `、`) is everywhere, while the
/// lead byte `0xE3` (CJK punctuation such as `、` and `。`) is rare. Not for characters whose
/// lead byte is common: `0xEF` starts every full-width comma and colon, `0xE4`–`0xE9` the Han
/// characters; a `memchr::memmem::Finder` built once suits those.
pub fn char_offsets(s: &str, c: char) -> impl Iterator<Item = usize> + '_ {
    let mut buf = [0u8; 4];
    let len = c.encode_utf8(&mut buf).len();
    let bytes = s.as_bytes();
    // In valid UTF-8 a lead byte starts a character, so the lead byte and the bytes after it
    // matching means the character is there.
    memchr::memchr_iter(buf[0], bytes).filter(move |&i| bytes[i..].starts_with(&buf[..len]))
}

/// The byte offset of the first `c` in `s` (see [`char_offsets`]).
pub fn find_char(s: &str, c: char) -> Option<usize> {
    char_offsets(s, c).next()
}

/// Whether `s` holds `word`, for a short `s` such as a sentence. `str::contains` and
/// `memchr::memmem::find` build a searcher on every call, which costs more than searching a
/// sentence; this looks for the word's last byte with memchr and compares the bytes before it.
/// In Chinese text the last byte of a character is one of 64 continuation bytes, so it rarely
/// stops where the word is not.
pub fn contains_word(s: &str, word: &str) -> bool {
    let (h, w) = (s.as_bytes(), word.as_bytes());
    let Some((&last, head)) = w.split_last() else {
        return true;
    };
    memchr::memchr_iter(last, h).any(|i| i >= head.len() && &h[i - head.len()..i] == head)
}

/// The ordinary character a look-alike stands for: a Kangxi radical or CJK radical with a
/// compatibility form (`⼀` U+2F00 for `一`), or a CJK compatibility ideograph, as PDF and Word
/// conversion produce them. `None` for every other character (and for the twelve unified
/// ideographs inside the compatibility block).
pub fn ordinary_char(c: char) -> Option<char> {
    use unicode_normalization::char::{decompose_canonical, decompose_compatible};
    let cp = c as u32;
    let compatible = matches!(cp, 0x2E80..=0x2EF3 | 0x2F00..=0x2FD5);
    let canonical = matches!(cp, 0xF900..=0xFAFF | 0x2F800..=0x2FA1F);
    if !compatible && !canonical {
        return None;
    }
    let mut out = None;
    let mut count = 0;
    let mut take = |d: char| {
        count += 1;
        out = Some(d);
    };
    if compatible {
        decompose_compatible(c, &mut take);
    } else {
        decompose_canonical(c, &mut take);
    }
    out.filter(|&d| {
        count == 1 && d != c && matches!(d, '\u{3400}'..='\u{9FFF}' | '\u{20000}'..='\u{3134F}')
    })
}

/// Whether a short `b` (a line, a heading's words) holds a tab or a pipe (a table row), and
/// whether it holds the lead byte E3 (CJK punctuation: `。`, `、`). Sixteen bytes at a step
/// without branching, the last step overlapping the one before: two `memchr` calls cost their
/// set-up (55–70 instructions each) on every line, more than this scan of the whole line.
pub(crate) fn tab_or_pipe_and_e3(b: &[u8]) -> (bool, bool) {
    let step = |(t, e): (u8, u8), &x: &u8| {
        (
            t | u8::from(x == b'\t') | u8::from(x == b'|'),
            e | u8::from(x == 0xE3),
        )
    };
    let (t, e) = match b.last_chunk::<16>() {
        None => b.iter().fold((0, 0), step),
        Some(last) => b
            .as_chunks::<16>()
            .0
            .iter()
            .chain([last])
            .fold((0, 0), |acc, chunk| {
                let (t, e) = chunk.iter().fold((0, 0), step);
                (acc.0 | t, acc.1 | e)
            }),
    };
    (t != 0, e != 0)
}

/// Whether some byte of a short `b` satisfies `pred`, which must not hold for 0. Sixteen bytes at a
/// step without branching (the last step overlapping the one before; a shorter `b` is padded
/// with zeros), for the short words and lines where a `memchr` paid its set-up on each call.
pub(crate) fn any_byte(b: &[u8], pred: impl Fn(u8) -> bool) -> bool {
    let any = |chunk: &[u8; 16]| chunk.iter().fold(0u8, |acc, &x| acc | u8::from(pred(x))) != 0;
    match b.last_chunk::<16>() {
        None => {
            let mut padded = [0u8; 16];
            padded[..b.len()].copy_from_slice(b);
            any(&padded)
        }
        Some(last) => b.as_chunks::<16>().0.iter().any(any) || any(last),
    }
}

/// Whether the bytes `a`, `b` start a character that may be a look-alike: U+2E80..=U+2FFF
/// (E2 BA–BF) or U+F900..=U+FAFF (EF A4–AB).
fn is_lookalike_lead(a: u8, b: u8) -> bool {
    (a == 0xE2) & (b.wrapping_sub(0xBA) < 6) | (a == 0xEF) & (b.wrapping_sub(0xA4) < 8)
}

/// Whether some byte pair of `bytes` is [`is_lookalike_lead`]. Tested 32 pairs at a step without
/// branching (the compiler vectorises it): a `memchr2` for E2/EF stops at every full-width
/// comma, colon and bracket (EF BC ..) and pays its set-up again after each.
fn has_lookalike_lead(bytes: &[u8]) -> bool {
    let Some(last) = bytes.len().checked_sub(1) else {
        return false;
    };
    let (firsts, seconds) = (&bytes[..last], &bytes[1..]);
    let (a_chunks, a_rest) = firsts.as_chunks::<32>();
    let (b_chunks, b_rest) = seconds.as_chunks::<32>();
    for (a, b) in a_chunks.iter().zip(b_chunks) {
        let any = a
            .iter()
            .zip(b)
            .fold(0u8, |acc, (&x, &y)| acc | u8::from(is_lookalike_lead(x, y)));
        if any != 0 {
            return true;
        }
    }
    a_rest
        .iter()
        .zip(b_rest)
        .any(|(&x, &y)| is_lookalike_lead(x, y))
}

/// `text` with its look-alike characters ([`ordinary_char`]) replaced by the ordinary ones where
/// both take the same number of bytes, so that every offset stays valid: the layout reads
/// `⼀、总体情况` as part 一. Borrowed when there is nothing to replace (the usual case: one
/// search for the lead bytes E2 BA–BF and EF A4–AB).
pub fn ordinary_forms(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    if !has_lookalike_lead(bytes) {
        return std::borrow::Cow::Borrowed(text);
    }
    let candidate = |i: usize| {
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        is_lookalike_lead(bytes[i], next)
    };
    let hits = memchr::memchr2_iter(0xE2, 0xEF, bytes).filter(|&i| candidate(i));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for i in hits {
        if i < pos || !text.is_char_boundary(i) {
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        if let Some(o) = ordinary_char(c).filter(|o| o.len_utf8() == c.len_utf8()) {
            out.push_str(&text[pos..i]);
            out.push(o);
            pos = i + c.len_utf8();
        }
    }
    out.push_str(&text[pos..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalike_pre_test_agrees_with_a_search_per_lead_byte() {
        let by_search = |b: &[u8]| {
            memchr::memchr2_iter(0xE2, 0xEF, b)
                .any(|i| is_lookalike_lead(b[i], b.get(i + 1).copied().unwrap_or(0)))
        };
        let mut texts: Vec<Vec<u8>> = vec![Vec::new(), vec![0xE2], vec![0xEF, 0xA4]];
        for len in [1, 31, 32, 33, 34, 63, 64, 65, 100] {
            for at in 0..len {
                for pair in [
                    [0xE2, 0xBA],
                    [0xE2, 0xBF],
                    [0xE2, 0xC0],
                    [0xE2, 0xB9],
                    [0xEF, 0xA4],
                    [0xEF, 0xAB],
                    [0xEF, 0xAC],
                    [0xEF, 0xA3],
                    [0xEF, 0xBC],
                ] {
                    let mut t = vec![b'a'; len];
                    t[at] = pair[0];
                    if at + 1 < len {
                        t[at + 1] = pair[1];
                    }
                    texts.push(t);
                }
            }
        }
        for t in &texts {
            assert_eq!(has_lookalike_lead(t), by_search(t), "{t:x?}");
        }
        assert_eq!(
            ordinary_forms("⼀、总体情况，（一）"),
            "一、总体情况，（一）"
        );
        assert!(matches!(
            ordinary_forms("一、总体情况，（一）“”"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn any_byte_agrees_with_iter_any() {
        let mut next = crate::testing::xorshift(7);
        for len in 0..80 {
            for _ in 0..40 {
                let b: Vec<u8> = (0..len)
                    .map(|_| {
                        [b'a', 0xe4, 0xb8, 0xe3, b',', b'\t', 0xef, 0x80][(next() % 8) as usize]
                    })
                    .collect();
                for stop in [b',', 0xe3, 0xef, b'\t'] {
                    assert_eq!(
                        any_byte(&b, |x| x == stop),
                        b.contains(&stop),
                        "{b:x?} {stop:x}"
                    );
                }
            }
        }
    }

    #[test]
    fn tab_pipe_and_e3_agree_with_searches() {
        let mut texts: Vec<Vec<u8>> = Vec::new();
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 47, 100] {
            texts.push(vec![b'a'; len]);
            for at in 0..len {
                for x in [b'\t', b'|', 0xE3, 0xE4] {
                    let mut t = vec![b'a'; len];
                    t[at] = x;
                    texts.push(t);
                }
            }
        }
        for t in &texts {
            let by_search = (
                memchr::memchr2(b'\t', b'|', t).is_some(),
                memchr::memchr(0xE3, t).is_some(),
            );
            assert_eq!(tab_or_pipe_and_e3(t), by_search, "{t:x?}");
        }
    }

    #[test]
    fn contains_word_agrees_with_str_contains() {
        let texts = [
            "",
            "件",
            "共收到政府信息公开申请3件，办结2件。",
            "结转至下一年度1件",
            "abc件def",
            "CRLF\r\n申请\r\n",
            "予以公开及部分公开的申请共12件",
        ];
        for t in texts {
            for w in [
                "",
                "件",
                "申请",
                "结转",
                "下一年",
                "公开",
                "c件d",
                "\r\n",
                "不在",
                "件件",
            ] {
                assert_eq!(contains_word(t, w), t.contains(w), "{w:?} in {t:?}");
            }
        }
    }

    #[test]
    fn char_offsets_agree_with_str_match_indices() {
        let texts = [
            "",
            "、",
            "一、总体情况、二、主动公开",
            "（一）（二）(三)（",
            "abc、def。ghi（jkl）",
            "全角（）半角()混排、。，；：",
            "\u{3001}\u{3002}\u{ff08}\u{4e00}\u{3000}",
            "CRLF\r\n、\r\n。",
        ];
        for t in texts {
            for c in ['、', '。', '（', '）', '(', '是', 'a', '\u{3000}'] {
                let want: Vec<usize> = t.match_indices(c).map(|(i, _)| i).collect();
                let got: Vec<usize> = char_offsets(t, c).collect();
                assert_eq!(got, want, "{c:?} in {t:?}");
                assert_eq!(find_char(t, c), want.first().copied(), "{c:?} in {t:?}");
            }
        }
    }

    #[test]
    fn is_space_is_unicode_whitespace_plus_three() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let reference =
                c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}';
            assert_eq!(is_space(c), reference, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn trim_with_offset_matches_trimming_by_characters() {
        for s in [
            "",
            " ",
            "\u{3000}",
            "\u{feff}标题",
            "标题\u{3000}",
            "  12 ",
            "中",
            "中 ",
            "中\u{a0}",
            "ab中\u{2003}",
            "𠀀",
            " 𠀀 ",
            "１２",
            "\t（一）\r",
            "\t\t12",
            "\t 12\t",
            "\t\u{3000}中\t",
            " \u{feff}",
            "\t中\u{2003} \t",
            "\t\t",
        ] {
            let start = s.len() - s.trim_start_matches(is_space).len();
            let reference = (start, s[start..].trim_end_matches(is_space));
            assert_eq!(trim_with_offset(s), reference, "{s:?}");
        }
    }

    #[test]
    fn normalize_drops_spaces_and_maps_widths() {
        // The reference: a character at a time.
        let reference = |s: &str| -> String {
            s.chars()
                .filter(|&c| !is_space(c))
                .map(normalize_char)
                .collect()
        };
        for s in [
            "",
            "本年新收 政府信息公开申请数量",
            "（一）予以公开\t12",
            "“其他”处理\u{3000}决定",
            "ＡＢＣ１２３　ｘ",
            "〔2023〕【通知】'引号'「」『』",
            "\u{feff}\u{a0}\u{2003}末尾 ",
            "𠀀扩展区汉字 and ASCII",
        ] {
            assert_eq!(normalize(s), reference(s), "{s:?}");
            assert_eq!(normalized(s), reference(s), "{s:?}");
            let mut buf = "前缀".to_owned();
            normalize_into(&mut buf, s);
            assert_eq!(buf, format!("前缀{}", reference(s)), "{s:?}");
        }
    }

    #[test]
    fn numerals_round_trip() {
        for n in 1..=99 {
            assert_eq!(cn_numeral_value(&cn_numeral(n)), Some(n), "{n}");
        }
        assert_eq!(cn_numeral_value("五"), Some(5));
        assert_eq!(cn_numeral_value("十五"), Some(15));
        assert_eq!(cn_numeral_value("五五"), None);
    }

    #[test]
    fn normalize_widths_quotes_spaces() {
        assert_eq!(
            normalize("（一）　危及“三安全 一稳定”"),
            "(一)危及\"三安全一稳定\""
        );
        assert_eq!(normalize("０６３１－１２"), "0631-12");
        assert_eq!(parse_uint("０６３１"), Some(631));
    }

    #[test]
    fn trim_reports_offset() {
        assert_eq!(
            trim_with_offset("\u{3000} 一、总体情况 \t"),
            (4, "一、总体情况")
        );
    }

    #[test]
    fn prefix_len_agrees_with_taking_characters() {
        // What `prefix_len` computed before its one-pass loop.
        fn former(s: &str, max: usize, pred: impl Fn(char) -> bool) -> usize {
            s.char_indices()
                .take(max)
                .find(|&(_, c)| !pred(c))
                .map_or_else(
                    || s.char_indices().nth(max).map_or(s.len(), |(i, _)| i),
                    |(i, _)| i,
                )
        }
        let texts = [
            "",
            "一",
            "十一、其他",
            "１２．",
            "  \t\u{3000}x",
            "12345",
            "二十三",
            "a",
        ];
        for t in texts {
            for max in [0, 1, 2, 3, 4, usize::MAX] {
                assert_eq!(
                    prefix_len(t, max, is_heading_numeral),
                    former(t, max, is_heading_numeral)
                );
                let digit = |c: char| ascii_digit(c).is_some();
                assert_eq!(
                    prefix_len(t, max, digit),
                    former(t, max, digit),
                    "{t:?} {max}"
                );
                assert_eq!(prefix_len(t, max, is_space), former(t, max, is_space));
            }
        }
    }
}
