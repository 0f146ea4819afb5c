use reportlint_core::prelude::*;
use reportlint_core::text::ordinary_char as ordinary;

use crate::rare;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 外形与普通汉字相同、编码却不同的字符，由 PDF 和 Word 转换产生：康熙部首（U+2F00–U+2FD5，
    /// `⼀` 冒充 `一`，`⽇` 冒充 `日`）、有兼容形式的中日韩部首（`⻓` 冒充 `长`），以及中日韩兼容表意文字
    /// （U+F900–U+FAFF、U+2F800–U+2FA1F）。连续的一串只报告一次，附改为普通汉字的安全修复。
    ///
    /// ## 为什么重要（Why it matters）
    /// 文本在屏幕上看着没错，其实是错的：搜索 `一、总体情况` 或机关名称会搜不到，读屏软件会读出部首的
    /// 名称，复制到别的系统中也会带着错字。reportlint 自己会把这样的标题读作普通标题，但别的工具不会。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// ⼀、总体情况
    /// 2022年，本机关主动公开政府信息⼆百余条。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 一、总体情况
    /// 2022年，本机关主动公开政府信息二百余条。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 文档模型把这样的标题读作普通标题（`⼀、总体情况` 就是第一部分），其他规则不会被误导；本规则只说明
    /// 文本本身是错的。
    ///
    /// 两个都是普通汉字、只是形近的（`己`/`已`、`末`/`未`：`style/typos` 收录了其中确定的固定搭配），
    /// 以及没有对应普通汉字的部首（`⺀`），不处理。
    pub struct LookalikeChars {
        id: "style/lookalike-chars",
        summary: "不应使用外观相同的康熙部首或兼容汉字代替普通汉字",
        severity: Warning,
        fix: Always,
    }
}

impl Rule for LookalikeChars {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let text = doc.text();
        let bytes = text.as_bytes();
        let mut found: Vec<(usize, usize, String)> = Vec::new();
        // Every look-alike starts with E2 BA–BF (U+2E80–U+2FFF), EF A4–AB (U+F900–U+FAFF) or
        // F0 AF (U+2F800–): among the rare wide characters of the text, found in a search
        // shared with style/debris.
        let rare = rare::of(doc);
        for &i in &rare.starts {
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            let candidate = match bytes[i] {
                0xE2 => (0xBA..=0xBF).contains(&next),
                0xEF => (0xA4..=0xAB).contains(&next),
                0xF0 => next == 0xAF,
                _ => false,
            };
            if !candidate || !text.is_char_boundary(i) {
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                continue;
            };
            let Some(o) = ordinary(c) else {
                continue;
            };
            match found.last_mut() {
                Some((_, end, s)) if *end == i => {
                    *end = i + c.len_utf8();
                    s.push(o);
                }
                _ => found.push((i, i + c.len_utf8(), o.to_string())),
            }
        }
        for (start, end, replacement) in found {
            let span = Span::new(start, end);
            let original = &text[span.range()];
            ctx.report(
                Diagnostic::warning(
                    span,
                    format!("“{original}”是外观相同的部首或兼容字符，不是普通汉字“{replacement}”"),
                )
                .with_help("多由 PDF 或 Word 转换产生；改为普通汉字，检索和复制才不出错")
                .with_fix(Fix::safe(
                    format!("把“{original}”改为“{replacement}”"),
                    vec![Edit::replace(span, replacement)],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, flagged};

    #[test]
    fn lookalikes_are_found_and_fixed() {
        // Real shapes from converted reports: Kangxi radicals in headings and dates, a
        // compatibility ideograph in a name.
        let text = "⼀、总体情况\n⼆、主动公开政府信息情况\n2023年1⽉16⽇\n本机关全年收到申请⼗件。\n\u{F9B5}\n";
        let d = check(&LookalikeChars, text);
        assert_eq!(
            flagged(text, &d),
            ["⼀", "⼆", "⽉", "⽇", "⼗", "\u{F9B5}"]
        );
        assert_eq!(
            apply_fixes(text, &d),
            "一、总体情况\n二、主动公开政府信息情况\n2023年1月16日\n本机关全年收到申请十件。\n例\n"
        );
        assert!(d[0].message.contains("“⼀”") && d[0].message.contains("“一”"));
    }

    #[test]
    fn a_run_is_one_finding() {
        let text = "⽇⽉\n";
        let d = check(&LookalikeChars, text);
        assert_eq!(flagged(text, &d), ["⽇⽉"]);
        assert_eq!(apply_fixes(text, &d), "日月\n");
    }

    #[test]
    fn ordinary_text_passes() {
        for text in [
            "一、总体情况\n二、主动公开政府信息情况\n",
            "2023年1月16日\n（一）主动公开\n〔2021〕30号\n",
            "﨎﨏\n", // unified ideographs in the compatibility block
            "⺀\n",   // a radical with no ordinary character
        ] {
            assert!(check(&LookalikeChars, text).is_empty(), "{text}");
        }
    }
}

#[cfg(test)]
mod model_tests {
    use reportlint_core::{Document, SectionKind};

    #[test]
    fn the_model_reads_lookalike_headings_as_ordinary() {
        let text = "某镇人民政府2022年政府信息公开工作年度报告\n⼀、总体情况\n正文。\n⼆、主动公开政府信息情况\n正文。\n";
        let doc = Document::parse("t.txt", text);
        let kinds: Vec<SectionKind> = doc.sections().iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SectionKind::Overview, SectionKind::Proactive]);
        // Offsets are the text's own: the heading's span still reads the look-alike.
        assert!(doc.slice(doc.sections()[0].heading.span).starts_with('⼀'));
    }
}
