use reportlint_core::prelude::*;

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
        for &line in &prose.lines {
            scan_line(text, line, &mut found);
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

/// The last characters of a line, newest first, with their offsets: a repeat of up to four
/// characters is seen in the last nine, so a line is read once, without collecting it. A ring:
/// a push moves nothing.
struct Recent {
    buf: [(usize, char); 16],
    /// Characters pushed so far.
    len: usize,
}

impl Recent {
    fn push(&mut self, at: usize, c: char) {
        self.buf[self.len % 16] = (at, c);
        self.len += 1;
    }

    /// The character `back` places before the newest (0: the newest).
    fn get(&self, back: usize) -> Option<(usize, char)> {
        (back < self.len.min(9)).then(|| self.buf[(self.len - 1 - back) % 16])
    }
}

/// Finds the repeats in `line`: (span of the second copy, its length in characters).
fn scan_line(text: &str, line: Span, found: &mut Vec<(Span, usize)>) {
    let t = &text[line.range()];
    let mut recent = Recent {
        buf: [(0, '\0'); 16],
        len: 0,
    };
    // Where the last repeat reported ends: a repeat overlapping it is the same slip (`的的的`).
    let mut reported_end = 0usize;
    let mut check = |recent: &Recent, next: Option<char>, end: usize| {
        // The newest character of `recent` ends the repeat; `end` is where it ends, `next` the
        // character after it.
        for len in (1..=4).rev() {
            let Some(first_start) = recent.get(2 * len - 1) else {
                continue;
            };
            // The last characters of the two copies first: most places differ there.
            if recent.get(0).map(|x| x.1) != recent.get(len).map(|x| x.1) {
                continue;
            }
            if first_start.0 < reported_end {
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
                reported_end = end;
                return;
            }
        }
    };
    // Whether the newest character is Han and equals one of the four before it: every repeat
    // `check` finds ends so (its first tests), and most characters of prose do not, so `check`
    // runs only there. The four are kept in their own small window (`'\0'` before the line's
    // start, which no Han character equals).
    let mut window = ['\0'; 4];
    let mut candidate = false;
    for (at, c) in t.char_indices() {
        // The repeats that end just before `c` (which decides `的的确确` and the like).
        if candidate && recent.len >= 2 {
            check(&recent, Some(c), line.start + at);
        }
        candidate = is_han(c) && window.contains(&c);
        window = [c, window[0], window[1], window[2]];
        recent.push(at, c);
    }
    if candidate && recent.len >= 2 {
        check(&recent, None, line.end);
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

    #[test]
    fn a_triple_is_one_finding() {
        let text = "进一步规范了的的的发布流程。\n";
        let d = check(&Doubled, text);
        assert_eq!(d.len(), 1);
    }
}
