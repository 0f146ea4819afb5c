use std::sync::LazyLock;

use reportlint_core::memchr;
use reportlint_core::prelude::*;

use crate::prose::{self, at_least_chars, is_han, PartSearch, Prose};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 正文中的标点，均附安全修复：
    ///
    /// - 两个汉字之间的半角 `,` `;` `:` `?` `!`（`工作机制,强化`）；一份报告中超过三处时，视为全篇的习惯，
    ///   只在第一处报告一次，用一个修复改正全部；
    /// - 句子中括住中文的半角圆括号（`条例(以下简称…)`）；小标题的 `(一)` 由
    ///   `structure/subsection-numbering` 负责，这里不管；
    /// - 重复的 `。。` 或 `，，`；
    /// - 一段正文（带逗号、三十字以上的句子）结尾没有句号（建议修复：这一段也可能是被断成两半的句子，
    ///   应与下一行合并）。只有报告的每一行是一个段落时才做这项检查：逐行折行的文本（从 PDF 复制的）不检查。
    ///
    /// ## 为什么重要（Why it matters）
    /// 半角全角标点混用，是从别的系统粘贴文本的痕迹；GB/T 15834《标点符号用法》要求中文文本使用全角标点。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 健全工作机制,强化责任落实。。
    /// 根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求，编制本报告
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 健全工作机制，强化责任落实。
    /// 根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，编制本报告。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 统计表、标题、报告标题和落款；数字或拉丁字母旁的标点（`1,234`、`http://`、`电话:0631`）；
    /// 逗号是否应为分号。
    pub struct Punctuation {
        id: "style/punctuation",
        summary: "中文语句应使用全角标点，段末应有句号",
        severity: Info,
        fix: Sometimes,
    }
}

/// The doubled marks reported, each with its searcher (built once: `str::match_indices`
/// builds one per line), which looks for the last byte of the first copy and the first of the
/// second (`82 E3`, `8C EF`): rare in Chinese text, while every byte of the mark alone is not.
static DOUBLED: LazyLock<[(&str, PartSearch); 2]> =
    LazyLock::new(|| ["。。", "，，"].map(|m| (m, PartSearch::new(m, 2, 2))));

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

impl Rule for Punctuation {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let text = doc.text();
        let prose = prose::lines(doc);
        // Spans that are not running text: headings (with their inline ones), sub-headings, the
        // title, the closing block.
        let mut structural: Vec<Span> = Vec::with_capacity(prose::headings_count(doc) + 2);
        structural.extend(doc.heading_candidates().iter().map(|h| h.span));
        for s in doc.sections() {
            structural.extend(s.subheadings.iter().map(|h| h.marker.cover(h.title)));
        }
        structural.extend(doc.title().map(|t| t.span()));
        structural.extend(doc.closing().map(|c| c.span));
        let mut overlaps = Overlaps::new(&mut structural);
        let long: Vec<(Span, bool)> = prose
            .lines
            .iter()
            .filter(|l| at_least_chars(&text[l.range()], 30) && !overlaps.test(**l))
            .map(|&l| (l, text[l.range()].chars().next_back().is_some_and(is_han)))
            .collect();
        let open_ended = long.iter().filter(|l| l.1).count();
        let paragraphs = !long.is_empty() && open_ended * 4 <= long.len();
        // Half-width marks between Chinese characters: reported one by one when they are slips,
        // once for the whole report (with one fix for all) when they are the report's habit.
        let mut half_width: Vec<(Span, char, char)> = Vec::new();
        let mut brackets: Vec<(Span, Span)> = Vec::new();
        for (at, line) in ascii_marks(text, &prose) {
            let t = &text[line.range()];
            let i = at - line.start;
            let prev = t[..i].chars().next_back();
            let next = t[i + 1..].chars().next();
            let c = char::from(text.as_bytes()[at]);
            if let Some(fw) = full_width(c) {
                if prev.is_some_and(is_han) && next.is_some_and(is_han) {
                    half_width.push((Span::new(at, at + 1), c, fw));
                }
            } else if let Some(prev) = prev {
                if let Some(pair) = half_width_brackets(line.start, t, i, prev) {
                    brackets.push(pair);
                }
            }
        }
        // Doubled marks: one search over each stretch of prose (a search per line costs more to
        // start than to run). Only `。` and `，` make up a match, so none runs over a line's
        // end or its spaces, and those inside the lines are what a search of each finds.
        for (mark, finder) in DOUBLED.iter() {
            for &stretch in &prose.stretches {
                for i in finder.find_iter(&text.as_bytes()[stretch.range()]) {
                    let at = stretch.start + i;
                    if prose.line_holding(Span::new(at, at + 6)).is_none() {
                        continue;
                    }
                    let c = &mark[..3];
                    let second = Span::new(at + 3, at + 6);
                    ctx.report(
                        Diagnostic::info(second, format!("“{c}”重复"))
                            .with_help(format!("删除多余的“{c}”"))
                            .with_fix(Fix::safe(
                                format!("删除多余的“{c}”"),
                                vec![Edit::delete(second)],
                            )),
                    );
                }
            }
        }
        // A paragraph without a full stop: a long line of running text, open-ended, with a
        // comma (a sentence, not a name or a label).
        for &(line, open) in long.iter().filter(|_| paragraphs) {
            let t = &text[line.range()];
            if !open || !t.contains('，') {
                continue;
            }
            let end = line.end;
            let last = t
                .char_indices()
                .next_back()
                .map_or(end, |(o, _)| line.start + o);
            ctx.report(
                Diagnostic::info(Span::new(last, end), "段落末尾缺少句号")
                    .with_help("在段末加上“。”；如果这一段是在句子中间被断开的，应与下一段合并")
                    .with_fix(Fix::suggestion(
                        "在段末加上“。”",
                        vec![Edit::insert(end, "。")],
                    )),
            );
        }
        report_half_width(ctx, &half_width, &brackets);
    }
}

/// Whether lines, given in text order, overlap any of some spans: the spans are sorted by start
/// once (the lists they come from are each in order: a stable sort merges them), and the lines
/// tested in one sweep. A line overlaps a span when, of the spans that start before the line
/// ends, one ends after the line starts.
struct Overlaps<'a> {
    /// The spans not yet known to start before the last line tested ends.
    later: std::iter::Peekable<std::slice::Iter<'a, Span>>,
    /// The furthest end of the others.
    furthest_end: usize,
}

impl<'a> Overlaps<'a> {
    fn new(spans: &'a mut [Span]) -> Self {
        spans.sort_by_key(|s| s.start);
        Overlaps {
            later: spans.iter().peekable(),
            furthest_end: 0,
        }
    }

    /// Whether `line` overlaps a span; `line` ends after every line tested before.
    fn test(&mut self, line: Span) -> bool {
        while let Some(s) = self.later.next_if(|s| s.start < line.end) {
            self.furthest_end = self.furthest_end.max(s.end);
        }
        self.furthest_end > line.start
    }
}

/// The half-width marks this rule reads (`, ; : ? ! (`) in the prose lines, in order, each with
/// its line. Found on the bytes, over each stretch of prose at once: most lines of Chinese prose
/// have none.
fn ascii_marks(text: &str, prose: &Prose) -> Vec<(usize, Span)> {
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, Span)> = Vec::new();
    for &stretch in &prose.stretches {
        let s = &bytes[stretch.range()];
        let first = found.len();
        let hits = memchr::memchr3_iter(b',', b';', b':', s)
            .chain(memchr::memchr3_iter(b'?', b'!', b'(', s));
        for i in hits {
            let at = stretch.start + i;
            if let Some(line) = prose.line_holding(Span::new(at, at + 1)) {
                found.push((at, line));
            }
        }
        found[first..].sort_unstable_by_key(|m| m.0);
    }
    found
}

/// More half-width marks than this in one report are its habit, reported once.
const HABIT: usize = 3;

fn report_half_width(
    ctx: &mut Context<'_>,
    marks: &[(Span, char, char)],
    brackets: &[(Span, Span)],
) {
    let bracket_fix =
        |&(open, shut): &(Span, Span)| [Edit::replace(open, "（"), Edit::replace(shut, "）")];
    if marks.len() + brackets.len() > HABIT {
        let first = marks
            .first()
            .map(|m| m.0)
            .into_iter()
            .chain(brackets.first().map(|b| b.0))
            .min_by_key(|s| s.start)
            .unwrap_or(Span::empty(0));
        let mut kinds: Vec<char> = marks.iter().map(|&(_, c, _)| c).collect();
        if !brackets.is_empty() {
            kinds.push('(');
            kinds.push(')');
        }
        kinds.sort_unstable();
        kinds.dedup();
        let kinds: String = kinds.into_iter().collect();
        let count = marks.len() + brackets.len();
        let mut edits: Vec<Edit> = marks
            .iter()
            .map(|&(span, _, fw)| Edit::replace(span, fw.to_string()))
            .collect();
        edits.extend(brackets.iter().flat_map(bracket_fix));
        edits.sort_by_key(|e| e.span.start);
        ctx.report(
            Diagnostic::info(
                first,
                format!("全文有 {count} 处中文语句使用了半角标点（{kinds}），这是第一处"),
            )
            .with_help("中文语句应使用全角标点“，；：？！（）”；可自动修复全部")
            .with_fix(Fix::safe(format!("把 {count} 处半角标点改为全角"), edits)),
        );
        return;
    }
    for &(span, c, fw) in marks {
        ctx.report(
            Diagnostic::info(span, format!("中文语句中使用了半角“{c}”"))
                .with_help(format!("改为全角“{fw}”"))
                .with_fix(Fix::safe(
                    format!("把“{c}”改为“{fw}”"),
                    vec![Edit::replace(span, fw.to_string())],
                )),
        );
    }
    for b in brackets {
        ctx.report(
            Diagnostic::info(b.0.cover(b.1), "中文语句中使用了半角括号“()”")
                .with_help("改为全角括号“（）”")
                .with_fix(Fix::safe("把“()”改为“（）”", bracket_fix(b).to_vec())),
        );
    }
}

/// `(` at byte `i` of the line `t` (not at its start, where it marks a sub-heading; `prev` is
/// the character before it) that opens Chinese words closed by `)` in the same line: the two
/// brackets.
fn half_width_brackets(base: usize, t: &str, i: usize, prev: char) -> Option<(Span, Span)> {
    let rest = &t[i + 1..];
    let close = rest.find([')', '(', '（', '）'])?;
    if !rest[close..].starts_with(')') {
        return None;
    }
    let han_inside = rest[..close].chars().any(is_han);
    let han_outside = is_han(prev) || prev == '》';
    if !(han_inside && han_outside) {
        return None;
    }
    let open = Span::new(base + i, base + i + 1);
    let at = base + i + 1 + close;
    Some((open, Span::new(at, at + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, flagged};

    #[test]
    fn half_width_between_chinese() {
        // Real slips: `工作机制,强化` (平潭 2016), `;` and `:` pasted from other systems.
        let text = "一、总体情况\n健全工作机制,强化责任落实。\n一是加强领导;二是完善制度。\n主要做法如下:一是公开。\n";
        let d = check(&Punctuation, text);
        assert_eq!(flagged(text, &d), [",", ";", ":"]);
        assert_eq!(
            apply_fixes(text, &d),
            "一、总体情况\n健全工作机制，强化责任落实。\n一是加强领导；二是完善制度。\n主要做法如下：一是公开。\n"
        );
    }

    #[test]
    fn brackets_and_doubled_marks() {
        let text =
            "一、总体情况\n根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求。。\n";
        let d = check(&Punctuation, text);
        assert_eq!(
            apply_fixes(text, &d),
            "一、总体情况\n根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求。\n"
        );
    }

    #[test]
    fn runs_of_marks_are_counted_as_a_substring_search_counts() {
        // `。。。` is one doubled mark, `，，，，` two, and a mark at a line's end is not doubled
        // by the next line's first.
        let text = "一、总体情况\n完成。。。\n其中，，，，包括。\n。下一行。\n";
        let d = check(&Punctuation, text);
        let at: Vec<usize> = d.iter().map(|d| d.span.start).collect();
        let line2 = text.find("完成").unwrap() + 6;
        let line3 = text.find("其中").unwrap() + 6;
        assert_eq!(at, [line2 + 3, line3 + 3, line3 + 9]);
    }

    #[test]
    fn digits_latin_and_headings_pass() {
        for text in [
            "一、总体情况\n全年发布信息1,234条，网址http://www.example.gov.cn。\n",
            "联系电话:0631-8451234。\n",
            "(一)主动公开情况\n正文。\n",
            "一、总体情况\n办结申请5件（其中2件为上年结转），见附表(1)。\n",
            "Email: gov@example.cn\n",
        ] {
            assert!(check(&Punctuation, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn missing_full_stop_only_in_paragraph_text() {
        let para = "本机关认真贯彻落实政府信息公开条例，扎实推进政务公开工作，取得了明显成效";
        let good = "本机关认真贯彻落实政府信息公开条例，扎实推进政务公开工作，取得了明显成效。";
        let text = format!("一、总体情况\n{para}\n{good}\n{good}\n{good}\n{good}\n");
        let d = check(&Punctuation, &text);
        assert_eq!(flagged(&text, &d), ["效"]);
        assert_eq!(apply_fixes(&text, &d).lines().nth(1), Some(good));
        // Text wrapped line by line, as copied from a PDF: not checked.
        let wrapped = "一、总体情况\n本机关认真贯彻落实政府信息公开条例，扎实推进政务公开\n工作，取得了明显成效，全年主动公开政府信息一千余条，\n办理依申请公开十余件，均在法定期限内答复，未发生行政\n复议和行政诉讼。\n";
        assert!(check(&Punctuation, wrapped).is_empty());
    }
}

#[cfg(test)]
mod overlap_tests {
    use super::*;

    #[test]
    fn the_sweep_agrees_with_a_test_of_every_span() {
        let mut random = reportlint_core::testing::xorshift(0x2545_f491_4f6c_dd1du64);
        let mut next = move |n: u64| (random() % n) as usize;
        for _ in 0..500 {
            let mut spans: Vec<Span> = (0..next(12))
                .map(|_| {
                    let start = next(200);
                    Span::new(start, start + next(30))
                })
                .collect();
            let mut lines: Vec<Span> = Vec::new();
            let mut at = 0;
            while at < 220 {
                let start = at + next(8);
                let end = start + 1 + next(20);
                lines.push(Span::new(start, end));
                at = end + 1;
            }
            let want: Vec<bool> = lines
                .iter()
                .map(|l| spans.iter().any(|s| s.start < l.end && l.start < s.end))
                .collect();
            // Only some lines are tested, as only the long ones are.
            let tested: Vec<bool> = lines.iter().map(|_| next(3) > 0).collect();
            let mut sweep = Overlaps::new(&mut spans);
            for (i, &l) in lines.iter().enumerate() {
                if tested[i] {
                    assert_eq!(sweep.test(l), want[i], "{l:?}");
                }
            }
        }
    }
}

#[cfg(test)]
mod habit_tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check};

    #[test]
    fn a_habit_is_one_finding_with_one_fix() {
        // Text typed with half-width punctuation throughout, as on many county sites.
        let text = "一、总体情况\n2022年,我镇持续强化组织领导,严格按照要求,扎实推进政务公开;稳步提升质量。\n";
        let d = check(&Punctuation, text);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("全文有 4 处"), "{}", d[0].message);
        assert_eq!(
            apply_fixes(text, &d),
            "一、总体情况\n2022年，我镇持续强化组织领导，严格按照要求，扎实推进政务公开；稳步提升质量。\n"
        );
    }
}
