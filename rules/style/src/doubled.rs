use reportlint_core::prelude::*;

use crate::blocks::{self, BLOCK};
use crate::prose::{self, is_han};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 正文中误打两遍的字或词：`的的`、`在在`、`工作工作`、`政府信息公开公开`、`主动公开主动公开`。报告：
    ///
    /// - 汉语中从不重叠的虚词（`的 在 是 对 将 把 被 从 向 于 以 并 及 与 和 或 为 其 该 已 之 而 但`）；
    /// - 这类报告中的常用词连写两遍（`工作工作`、`审核审核`：用常见双字词表判断，因为两个字跨词界也会
    ///   重复，如 `同时适时适地`），以及任何连写两遍的三字、四字串。
    ///
    /// 真正的叠词不报告：`常常`、`一一`、`人人`、`各个`、`层层`、`年年`、`事事`、`的的确确`、`是是非非`，
    /// `一` 后的量词（`一项项`、`一步一步`），以及少数有意重叠的动词（`研究研究`）。建议修复删除重复部分。
    ///
    /// ## 为什么重要（Why it matters）
    /// 重字是发布的报告中最常见、也最先被读者看到的疏漏；评估时会据此认为报告不够严谨。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 全年通过政府网站主动公开公开政府信息1234条，进一步规范了的的发布流程。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 全年通过政府网站主动公开政府信息1234条，进一步规范了发布流程。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 统计表（拉平的表格本来就会重复标签）；被换行或标点隔开的重复；超过四个字的重复。
    pub struct Doubled {
        id: "style/doubled",
        summary: "不应有误重复的字或词（如“的的”“公开公开”）",
        severity: Warning,
        fix: Sometimes,
    }
}

/// Function characters that are never doubled in standard Chinese.
const NEVER_DOUBLED: &str = "的在是对将把被从向于以并及与和或为其该已之而但";

/// Doubles that are words: `的的确确`, `是是非非`, `和和气气`, `和和美美`, `为为`…
fn legitimate_single(prev: Option<char>, c: char, next: Option<char>) -> bool {
    // Measure words after 一 (`一对对`).
    prev == Some('一')
        || matches!(
            (c, next),
            ('的', Some('确')) | ('是', Some('非')) | ('和', Some('气' | '美'))
        )
}

/// Two-character words of these reports that are never doubled on purpose (verbs such as
/// `研究研究` are, and are not listed).
const REPORT_WORDS: [&str; 48] = [
    "工作", "公开", "信息", "政府", "情况", "申请", "政务", "办理", "平台", "网站", "管理", "文件",
    "年度", "报告", "政策", "解读", "要求", "规定", "制度", "机制", "建设", "服务", "群众", "问题",
    "答复", "数据", "开展", "完善", "落实", "审核", "发布", "审查", "推进", "加强", "提升", "规范",
    "公示", "公告", "专栏", "栏目", "目录", "指南", "部门", "单位", "机关", "全年", "主动", "依法",
];

impl Rule for Doubled {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let text = doc.text();
        let prose = prose::lines(doc);
        let mut found: Vec<(Span, usize)> = Vec::new();
        // The line of the last candidate, and where the last repeat reported in it ends.
        let mut current: Option<(Span, usize)> = None;
        for &stretch in &prose.stretches {
            candidates(text.as_bytes(), stretch, |at| {
                let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
                    return;
                };
                if !is_han(c) || !may_repeat(text.as_bytes(), at + 3) {
                    return;
                }
                let end = at + c.len_utf8();
                let Some(line) = prose.line_holding(Span::new(at, end)) else {
                    return;
                };
                let reported_end = match &mut current {
                    Some((l, r)) if *l == line => r,
                    _ => &mut current.insert((line, 0)).1,
                };
                let recent = Recent::before(text, line, end);
                let next = text[end..line.end].chars().next();
                check_at(&recent, next, end, line, reported_end, &mut found);
            });
        }
        for (span, len) in found {
            let word = &text[span.range()];
            let what = if len == 1 { "字" } else { "词" };
            ctx.report(
                Diagnostic::warning(span, format!("“{word}”重复了一次，疑为误重复的{what}"))
                    .with_span_label("多余的重复")
                    .with_help(format!("删除重复的“{word}”"))
                    .with_fix(Fix::suggestion(
                        format!("删除重复的“{word}”"),
                        vec![Edit::delete(span)],
                    )),
            );
        }
    }
}

/// Where a Han character may repeat one of the four characters before it, in `span` of the
/// text: the positions of a Han character's lead byte (E3–E9) whose three bytes equal the three
/// 3, 6, 9 or 12 bytes before. Every repeat [`check_at`] reports is made of Han characters,
/// three bytes each, so its last character is found so; most characters of prose are not, and a block of 16 positions is
/// tested at once. `found` gets the positions in order; it must still check that a character
/// starts there (and a position near the span's start may repeat bytes before it).
fn candidates(bytes: &[u8], span: Span, mut found: impl FnMut(usize)) {
    const DISTANCES: [usize; 4] = [3, 6, 9, 12];
    let repeats_at = |q: usize| {
        (0xE3..=0xE9).contains(&bytes[q])
            && DISTANCES
                .iter()
                .any(|&d| q >= span.start + d && bytes[q..q + 3] == bytes[q - d..q - d + 3])
    };
    // Positions with a byte three before them in the span and three bytes from them in it.
    let last = span.end.saturating_sub(3);
    let mut p = span.start + 3;
    while p <= last {
        let block_end = (p + BLOCK).min(last + 1);
        // The block's test reads from 12 bytes before `p` to 18 after it.
        if p >= 12 && p + BLOCK + 2 <= bytes.len() {
            if let Some(hit) = block_repeats(bytes, p) {
                (p..block_end)
                    .filter(|&q| hit[q - p] != 0)
                    .for_each(&mut found);
            }
        } else {
            (p..block_end)
                .filter(|&q| repeats_at(q))
                .for_each(&mut found);
        }
        p = block_end;
    }
}

/// Which of the 16 positions from `p` start three bytes that equal the three 3, 6, 9 or 12 bytes
/// before, with the lead byte of a Han character (E3–E9), if any (`p >= 12`, and 18 bytes from
/// `p` in `bytes`).
#[inline(always)]
fn block_repeats(bytes: &[u8], p: usize) -> Option<blocks::Flags> {
    // One fixed window, so that every test below has constant offsets (and no bounds checks).
    let w: &[u8; 30] = bytes[p - 12..p + 18].try_into().expect("30 bytes");
    let mut hit = [0; BLOCK];
    // Most bytes equal to the bytes before them are digits and tabs of table rows.
    let han_lead = blocks::within(&w[12..], 0xE3, 0xE9);
    for d in [3, 6, 9, 12] {
        let same = blocks::and(
            blocks::and(
                blocks::eq(&w[12..], &w[12 - d..]),
                blocks::eq(&w[13..], &w[13 - d..]),
            ),
            blocks::eq(&w[14..], &w[14 - d..]),
        );
        hit = blocks::or(hit, same);
    }
    let hit = blocks::and(hit, han_lead);
    // Tested here, while the flags are in a register (most blocks have none).
    blocks::any(hit).then_some(hit)
}

/// Whether the 3, 6, 9 or 12 bytes that end at `end` equal as many before them: what a repeat
/// of one to four Han characters (three bytes each) ending there needs. Most candidates (a
/// character equal to one of the four before it) fail this, and are then left without the
/// character-by-character look of [`check_at`].
fn may_repeat(bytes: &[u8], end: usize) -> bool {
    [3, 6, 9, 12]
        .iter()
        .any(|&n| end >= 2 * n && bytes.get(end - 2 * n..end - n) == bytes.get(end - n..end))
}

/// The last characters of a line before some point, newest first, with their offsets in the
/// line: a repeat of up to four characters, and the character before it, are seen in the last
/// nine.
struct Recent {
    buf: [(usize, char); 9],
    /// How many there are (fewer than nine at the start of a line).
    len: usize,
}

impl Recent {
    /// The (up to) nine characters of `line` that end at `end`.
    fn before(text: &str, line: Span, end: usize) -> Recent {
        let mut recent = Recent {
            buf: [(0, '\0'); 9],
            len: 0,
        };
        for (at, c) in text[line.start..end].char_indices().rev().take(9) {
            recent.buf[recent.len] = (at, c);
            recent.len += 1;
        }
        recent
    }

    /// The character `back` places before the newest (0: the newest).
    fn get(&self, back: usize) -> Option<(usize, char)> {
        (back < self.len).then(|| self.buf[back])
    }
}

/// Finds the repeat that ends with the newest character of `recent` (at `end` in the text; `next`
/// is the character after it in `line`), if any: (span of the second copy, its length in
/// characters) goes to `found`. `reported_end` is where the last repeat reported in the line
/// ends: a repeat overlapping it is the same slip (`的的的`).
fn check_at(
    recent: &Recent,
    next: Option<char>,
    end: usize,
    line: Span,
    reported_end: &mut usize,
    found: &mut Vec<(Span, usize)>,
) {
    for len in (1..=4).rev() {
        let Some(first_start) = recent.get(2 * len - 1) else {
            continue;
        };
        // The last characters of the two copies first: most places differ there.
        if recent.get(0).map(|x| x.1) != recent.get(len).map(|x| x.1) {
            continue;
        }
        // (`first_start` is an offset in the line, `reported_end` one in the text.)
        if line.start + first_start.0 < *reported_end {
            continue;
        }
        let same = (0..len).all(|k| {
            let (a, b) = (recent.get(k), recent.get(len + k));
            matches!((a, b), (Some((_, a)), Some((_, b))) if a == b && is_han(a))
        });
        if !same {
            continue;
        }
        let prev = recent.get(2 * len).map(|(_, c)| c);
        let word: String = (0..len)
            .rev()
            .filter_map(|k| recent.get(k).map(|(_, c)| c))
            .collect();
        let ok = match len {
            1 => {
                let c = first_start.1;
                NEVER_DOUBLED.contains(c) && !legitimate_single(prev, c, next)
            }
            // Two characters repeat across word boundaries too (`同时适时适地`: `时适时适`),
            // so only the words these reports are made of count.
            2 => REPORT_WORDS.contains(&word.as_str()),
            _ => !word.starts_with('一'),
        };
        if ok {
            let Some((second_start, _)) = recent.get(len - 1) else {
                return;
            };
            found.push((Span::new(line.start + second_start, end), len));
            *reported_end = end;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, flagged};

    #[test]
    fn accidental_repeats() {
        let text = "一、总体情况\n\
            全年主动公开公开政府信息1234条。\n\
            进一步规范了的的发布流程。\n\
            做好政府信息公开工作工作。\n\
            本机关在在门户网站设立专栏。\n\
            通过主动公开主动公开专栏发布。\n\
            依申请公开工作是是做好的。\n";
        let d = check(&Doubled, text);
        assert_eq!(
            flagged(text, &d),
            ["公开", "的", "工作", "在", "主动公开", "是"]
        );
        assert!(apply_fixes(text, &d).contains("全年主动公开政府信息1234条。"));
        assert!(d[0].message.contains("“公开”重复了一次"));
    }

    #[test]
    fn two_slips_in_one_line_are_both_found() {
        let text = "一、总体情况\n\
            进一步规范了的的发布流程，做好政府信息公开工作工作，在在门户网站发布。\n";
        let d = check(&Doubled, text);
        assert_eq!(flagged(text, &d), ["的", "工作", "在"]);
    }

    #[test]
    fn genuine_reduplication_passes() {
        for text in [
            "常常深入基层，一一答复，人人参与。\n",
            "各个部门层层落实，年年开展，事事有回音。\n",
            "的的确确做到了是是非非分明。\n",
            "一项项措施一步一步落实，一点一点推进。\n",
            "请大家研究研究，商量商量。\n",
            "同时适时适地公布审计结果。\n",
            "天天更新，家家户户知晓。\n",
            "2022年，2023年。\n",
        ] {
            assert!(check(&Doubled, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn tables_are_not_read() {
        let text = "二、主动公开政府信息情况\n行政许可\t行政许可\t3\n";
        assert!(check(&Doubled, text).is_empty());
    }

    /// The former scan, character by character over each prose line: the reference the
    /// block scan must agree with.
    fn reference(text: &str) -> Vec<(Span, usize)> {
        let doc = reportlint_core::Document::parse("t.txt", text);
        let mut found = Vec::new();
        for &line in &prose::lines(&doc).lines {
            let t = &text[line.range()];
            let mut ring: Vec<(usize, char)> = Vec::new();
            let mut reported_end = 0usize;
            let mut window = ['\0'; 4];
            let mut candidate = false;
            let mut run =
                |ring: &Vec<(usize, char)>, next: Option<char>, end: usize, r: &mut usize| {
                    let mut recent = Recent {
                        buf: [(0, '\0'); 9],
                        len: 0,
                    };
                    for &x in ring.iter().rev().take(9) {
                        recent.buf[recent.len] = x;
                        recent.len += 1;
                    }
                    check_at(&recent, next, end, line, r, &mut found);
                };
            for (at, c) in t.char_indices() {
                if candidate && ring.len() >= 2 {
                    run(&ring, Some(c), line.start + at, &mut reported_end);
                }
                candidate = is_han(c) && window.contains(&c);
                window = [c, window[0], window[1], window[2]];
                ring.push((at, c));
            }
            if candidate && ring.len() >= 2 {
                run(&ring, None, line.end, &mut reported_end);
            }
        }
        found
    }

    #[test]
    fn block_scan_agrees_with_the_character_scan() {
        // Lines made at random from characters that repeat, marks, digits and spaces, some
        // long enough for whole blocks, at offsets that put them across block edges.
        let alphabet: Vec<char> = "的的在公开公开工作一项主动信息是非确2a，。 \t|（）"
            .chars()
            .collect();
        let mut next = reportlint_core::testing::xorshift(0x2545_f491_4f6c_dd1du64);
        let mut reports = 0;
        for _ in 0..1000 {
            let mut text = String::from("一、总体情况\n");
            for _ in 0..(next() % 12) {
                for _ in 0..(next() % 70) {
                    text.push(alphabet[(next() % alphabet.len() as u64) as usize]);
                }
                text.push('\n');
            }
            let got: Vec<Span> = check(&Doubled, &text).iter().map(|d| d.span).collect();
            let want: Vec<Span> = reference(&text).into_iter().map(|f| f.0).collect();
            assert_eq!(got, want, "{text}");
            reports += want.len();
        }
        assert!(reports > 100, "the test text has repeats: {reports}");
    }

    #[test]
    fn a_triple_is_one_finding() {
        let text = "进一步规范了的的的发布流程。\n";
        let d = check(&Doubled, text);
        assert_eq!(d.len(), 1);
    }
}
