use std::sync::LazyLock;

use reportlint_core::aho_corasick::packed;
use reportlint_core::memchr;
use reportlint_core::prelude::*;

use crate::prose::{self, Prose};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 引号 `“”` `‘’`、括号 `（）` `〔〕` `【】` `〈〉` 和书名号 `《》` 在一段之内应成对：每个前标号都有
    /// 后标号，顺序正确，没有单独出现的后标号。中文文本中的直引号 `"` 也算：一段中有奇数个，就有一个
    /// 没有配对。半角、全角圆括号在这里可以互相配对（宽度混用由 `style/punctuation` 负责），`1）`、`a)`
    /// 这类序号不算不成对的括号。一段指一行，或在句子中间换行的几行（从 PDF 取出的文本）。
    ///
    /// ## 为什么重要（Why it matters）
    /// 引号或书名号没有闭合，读者就猜不出名称或文件名到哪里结束——`“架起政民互动“连心桥”`——通常还意味着
    /// 编辑时丢了字。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 开展“政府开放日活动，架起政民互动“连心桥”。
    /// 根据《中华人民共和国政府信息公开条例要求，编制本报告。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 开展“政府开放日”活动，架起政民互动“连心桥”。
    /// 根据《中华人民共和国政府信息公开条例》要求，编制本报告。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 统计表；跨越几段的引文（按中文惯例，每段开头用前引号，只在最后一段用后引号——会报告为未闭合，
    /// 这样的报告可以用行内指令关闭本规则）；ASCII 方括号。
    pub struct Pairs {
        id: "style/pairs",
        summary: "引号、括号和书名号应在段落内成对出现",
        severity: Warning,
        fix: None,
    }
}

fn closer_of(open: char) -> Option<&'static [char]> {
    Some(match open {
        '“' => &['”'],
        '‘' => &['’'],
        '（' | '(' => &['）', ')'],
        '〔' => &['〕'],
        '【' => &['】'],
        '《' => &['》'],
        '〈' => &['〉'],
        _ => return None,
    })
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '）' | ')' | '〕' | '】' | '》' | '〉')
}

fn name(c: char) -> &'static str {
    match c {
        '“' | '”' | '‘' | '’' | '"' => "引号",
        '《' | '》' | '〈' | '〉' => "书名号",
        _ => "括号",
    }
}

/// Whether a closer ends a list marker (`1）`, `a)`, `三）`) at the start of the paragraph or
/// after a space or punctuation: `recent` holds the characters before it, newest first, and
/// `seen` how many there were in the paragraph.
fn is_list_marker(recent: &[char; 4], seen: usize) -> bool {
    let marker = |c: char| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c);
    let k = recent
        .iter()
        .take(3.min(seen))
        .take_while(|&&c| marker(c))
        .count();
    k > 0
        && (k == seen || {
            let c = recent[k];
            c.is_whitespace() || "。；;，,：:、".contains(c)
        })
}

/// The marks of three bytes (every mark but `"`, `(` and `)`): searched together by a packed
/// (Teddy) searcher, which tells them from `。`, `、`, `，` and the other marks that share their
/// first bytes without stopping at each, as a search for those first bytes must (Chinese prose
/// has one every few characters). `None` where the searcher is not available (no SIMD): the
/// first bytes are searched then.
static WIDE: LazyLock<Option<packed::Searcher>> = LazyLock::new(|| {
    let marks = "“”‘’（）〔〕【】《》〈〉";
    packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(marks.chars().map(|c| c.to_string()))
        .build()
});

/// The marks this rule reads in the prose (quotes, brackets, book-title marks), in order, with
/// their offsets in the text: found over each stretch of prose at once (a search per line costs
/// more to start than to run). Marks between the prose lines are found too: the caller keeps
/// those in its lines.
fn marks(text: &str, prose: &Prose) -> Vec<(usize, char)> {
    let bytes = text.as_bytes();
    // About one mark in 64 bytes of prose: room for most reports without growing.
    let prose_len: usize = prose.stretches.iter().map(|s| s.end - s.start).sum();
    let mut out: Vec<(usize, char)> = Vec::with_capacity(prose_len / 64);
    for &stretch in &prose.stretches {
        let s = &bytes[stretch.range()];
        let first = out.len();
        wide_marks(WIDE.as_ref(), s, |i, c| out.push((stretch.start + i, c)));
        out.extend(
            memchr::memchr3_iter(b'"', b'(', b')', s)
                .map(|i| (stretch.start + i, char::from(s[i]))),
        );
        out[first..].sort_unstable_by_key(|m| m.0);
    }
    out
}

/// The marks of three bytes in `s` (UTF-8 from a character boundary), in order, with their
/// offsets in `s`, found by `searcher` (or by their first bytes without one).
fn wide_marks(searcher: Option<&packed::Searcher>, s: &[u8], mut found: impl FnMut(usize, char)) {
    let mut at = |i: usize| {
        // A lead byte of three (the text is UTF-8): the character is these three bytes.
        let Some(&[b0, b1, b2]) = s.get(i..i + 3) else {
            return;
        };
        let code =
            (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        if let Some(c) = char::from_u32(code).filter(|&c| closer_of(c).is_some() || is_closer(c)) {
            found(i, c);
        }
    };
    match searcher {
        Some(searcher) => searcher.find_iter(s).for_each(|m| at(m.start())),
        // Each mark starts with `E2`, `E3` or `EF`, while most characters of Chinese prose
        // start with `E4`–`E9`.
        None => memchr::memchr3_iter(0xE2, 0xE3, 0xEF, s).for_each(at),
    }
}

/// The (up to) four characters before `at` in a paragraph whose lines up to `at`'s are
/// `lines`, newest first (`'\0'` where the paragraph has fewer), and how many there are: what
/// [`is_list_marker`] reads (it tells three characters from more, no further).
fn before(text: &str, lines: &[Span], at: usize) -> ([char; 4], usize) {
    let mut recent = ['\0'; 4];
    let mut seen = 0usize;
    for (k, l) in lines.iter().rev().enumerate() {
        let end = if k == 0 { at } else { l.end };
        for c in text[l.start..end].chars().rev() {
            if seen == 4 {
                return (recent, seen);
            }
            recent[seen] = c;
            seen += 1;
        }
    }
    (recent, seen)
}

impl Rule for Pairs {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let text = doc.text();
        let prose = prose::lines(doc);
        let all = marks(text, &prose);
        // The next mark to read: paragraphs and their lines come in order, as the marks do.
        let mut next = 0usize;
        let mut found: Vec<(usize, char, &'static str)> = Vec::new();
        // Open marks and straight quotes of a paragraph (kept between paragraphs, emptied: one
        // allocation for all).
        let mut stack: Vec<(usize, char)> = Vec::new();
        let mut straight: Vec<usize> = Vec::new();
        for paragraph in prose::paragraphs(doc, &prose) {
            let paragraph = &prose.lines[paragraph];
            stack.clear();
            straight.clear();
            for (li, l) in paragraph.iter().enumerate() {
                while all.get(next).is_some_and(|m| m.0 < l.start) {
                    next += 1;
                }
                while let Some(&(at, c)) = all.get(next).filter(|m| m.0 < l.end) {
                    next += 1;
                    if c == '"' {
                        straight.push(at);
                    } else if closer_of(c).is_some() {
                        stack.push((at, c));
                    } else if is_closer(c) {
                        let depth = stack
                            .iter()
                            .rposition(|&(_, o)| closer_of(o).is_some_and(|cl| cl.contains(&c)));
                        match depth {
                            Some(d) => {
                                for &(o_at, o) in &stack[d + 1..] {
                                    found.push((o_at, o, "没有对应的后半个"));
                                }
                                stack.truncate(d);
                            }
                            None if matches!(c, '）' | ')') && {
                                let (recent, seen) = before(text, &paragraph[..=li], at);
                                is_list_marker(&recent, seen)
                            } => {}
                            None => found.push((at, c, "没有对应的前半个")),
                        }
                    }
                }
            }
            for &(at, o) in &stack {
                found.push((at, o, "没有对应的后半个"));
            }
            if straight.len() % 2 == 1 {
                if let Some(&last) = straight.last() {
                    found.push((last, '"', "没有配对（半角引号个数为奇数）"));
                }
            }
        }
        found.sort_by_key(|&(at, ..)| at);
        for (at, c, what) in found {
            let span = Span::new(at, at + c.len_utf8());
            ctx.report(
                Diagnostic::warning(span, format!("{}“{c}”{what}", name(c)))
                    .with_span_label("不成对")
                    .with_help(format!(
                        "检查这一段的{}：补上缺少的一半，或删除多余的一个",
                        name(c)
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, flagged, summarize};

    #[test]
    fn unbalanced_marks() {
        // The seed report's real slip: an opening quote where a closing one belongs.
        let text = "一、总体情况\n\
            开展“政府开放日活动，架起政民互动“连心桥”。\n\
            根据《中华人民共和国政府信息公开条例要求，编制本报告。\n\
            按照国办公开办函〔2021〕30号）要求。\n\
            本机关（含下属单位】全年收到申请5件。\n\
            设置\"政务公开专栏，方便群众查阅。\n";
        let d = check(&Pairs, text);
        assert_eq!(flagged(text, &d), ["“", "《", "）", "（", "】", "\""]);
        assert_eq!(
            summarize(text, &d[..1]),
            ["warning 2:3 「“」 引号““”没有对应的后半个"]
        );
    }

    #[test]
    fn balanced_marks_pass() {
        for text in [
            "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，编制本报告。\n",
            "按照国办公开办函〔2021〕30号要求，开展“政府开放日”活动。\n",
            "群众称之为“‘家门口’的政务服务”。\n",
            "1）完善制度；2）加强培训；a) 其他。\n",
            "（一)主动公开情况。(二）依申请公开情况。\n",
            "设置\"政务公开\"专栏，方便群众查阅。\n",
            "本机关认真贯彻《中华人民共和国政府\n信息公开条例》，扎实推进政务公开。\n",
        ] {
            assert!(check(&Pairs, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn paragraphs_are_separate() {
        // A quote left open in one paragraph is not closed by the next.
        let text = "开展“政府开放日活动。\n活动”取得实效。\n";
        assert_eq!(flagged(text, &check(&Pairs, text)), ["“", "”"]);
    }

    #[test]
    fn marks_are_the_characters_of_the_lines() {
        // Every mark and characters that share its first bytes (`。、，：—…`), at random, the
        // text's end included.
        let alphabet: Vec<char> = "“”‘’（）〔〕【】《》〈〉\"()。、，：；—…·公开a1 \t"
            .chars()
            .collect();
        let mut next = reportlint_core::testing::xorshift(0x9e37_79b9_7f4a_7c15u64);
        for _ in 0..500 {
            let mut text = String::new();
            for _ in 0..(1 + next() % 6) {
                for _ in 0..(next() % 50) {
                    text.push(alphabet[(next() % alphabet.len() as u64) as usize]);
                }
                text.push('\n');
            }
            if next() % 2 == 0 {
                text.pop();
            }
            let doc = reportlint_core::Document::parse("t.txt", text.as_str());
            let prose = prose::lines(&doc);
            let in_lines = |at: usize| prose.line_holding(Span::new(at, at + 1)).is_some();
            let got: Vec<(usize, char)> = marks(&text, &prose)
                .into_iter()
                .filter(|m| in_lines(m.0))
                .collect();
            let want: Vec<(usize, char)> = text
                .char_indices()
                .filter(|&(at, c)| {
                    in_lines(at) && (c == '"' || closer_of(c).is_some() || is_closer(c))
                })
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn the_searcher_finds_what_the_first_bytes_find() {
        let alphabet: Vec<char> = "“”‘’（）〔〕【】《》〈〉。、，：；—…·「」『』公开a1 "
            .chars()
            .collect();
        let mut next = reportlint_core::testing::xorshift(0x2545_f491_4f6c_dd1du64);
        let searcher = WIDE.as_ref().expect("a searcher on this machine");
        for _ in 0..500 {
            let text: String = (0..(next() % 300))
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let (mut got, mut want) = (Vec::new(), Vec::new());
            wide_marks(Some(searcher), text.as_bytes(), |i, c| got.push((i, c)));
            wide_marks(None, text.as_bytes(), |i, c| want.push((i, c)));
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn tables_are_not_read() {
        let text = "三、收到和处理政府信息公开申请情况\n（三）不予公开\t1\t2\n";
        assert!(check(&Pairs, text).is_empty());
    }
}
