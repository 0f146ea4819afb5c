use std::sync::LazyLock;

use reportlint_core::memchr;
use reportlint_core::prelude::*;
use reportlint_core::regex::Regex;

use crate::prose::{self, is_han};

declare_rule! {
    /// ## What it checks
    /// Leftovers of a conversion published as text, outside the statistics tables:
    ///
    /// - markers of a Word-to-text conversion: `[bookmark: _Toc123]`, `[image: 图片 1]`;
    /// - Word's HTML debris: `<!--[if !supportLists]-->`, `<!--[endif]-->`, tags such as `<br>`,
    ///   `<o:p></o:p>`, `<span …>`;
    /// - HTML entities left undecoded: `&nbsp;`, `&amp;`, `&ldquo;`, `&#12288;`;
    /// - the replacement character `�` (U+FFFD: a character lost in decoding) and characters of
    ///   the private use area (a font's own symbols, which show as boxes elsewhere);
    /// - a tab inside a sentence of prose (`全年主动公开\t政府信息`).
    ///
    /// Markers and tags are removed by a safe fix; entities are replaced by their character.
    ///
    /// ## Why it matters
    /// Debris tells a reader that nobody read the published text; a lost character (`�`) may be
    /// a figure or a name.
    ///
    /// ## Example (bad)
    /// ```text
    /// <!--[if !supportLists]-->7、<!--[endif]-->加强政策解读[bookmark: _Toc5]
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 7、加强政策解读
    /// ```
    ///
    /// ## What it does not check
    /// Debris inside the statistics tables (`tables/present` reports a table pasted as an
    /// image); `reportlint` directive comments, which are not debris; what a lost character was.
    pub struct Debris {
        id: "style/debris",
        summary: "正文中不应留有格式转换的残留（书签、图片标记、HTML 代码、乱码字符）",
        severity: Warning,
        fix: Sometimes,
    }
}

static DEBRIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\[(?:bookmark|image|图片): ?[^\]\n]{0,80}\]",
        r"|<!--\[(?:if [^\]\n]{1,40}|endif)\]-->",
        r"|</?(?:br|p|span|div|font|o:p|b|strong)\b[^<>\n]{0,200}>",
        r"|&(?:nbsp|amp|lt|gt|quot|ldquo|rdquo|lsquo|rsquo|mdash|hellip|middot|emsp|ensp);",
        r"|&#(?:\d{2,6}|x[0-9a-fA-F]{2,5});",
        r"|[\u{FFFD}\u{E000}-\u{F8FF}]+",
    ))
    .expect("valid pattern")
});

/// The character an entity stands for.
fn entity(e: &str) -> Option<String> {
    let named = match e {
        "&nbsp;" | "&emsp;" | "&ensp;" => " ",
        "&amp;" => "&",
        "&lt;" => "<",
        "&gt;" => ">",
        "&quot;" => "\"",
        "&ldquo;" => "“",
        "&rdquo;" => "”",
        "&lsquo;" => "‘",
        "&rsquo;" => "’",
        "&mdash;" => "—",
        "&hellip;" => "…",
        "&middot;" => "·",
        _ => "",
    };
    if !named.is_empty() {
        return Some(named.to_owned());
    }
    let n = e.strip_prefix("&#")?.strip_suffix(';')?;
    let code = match n.strip_prefix('x') {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => n.parse().ok()?,
    };
    char::from_u32(code)
        .filter(|c| !c.is_control())
        .map(String::from)
}

impl Rule for Debris {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let text = doc.text();
        let prose = prose::lines(doc);
        // The gate reads bytes, once over the whole text (a search per line costs more to start
        // than to run): what the pattern starts with, `[`, `<`, `&`, and U+FFFD (EF BF BD) and
        // the private use area (EE 80 80 – EF A3 BF). Directive comments (`<!-- reportlint-… -->`)
        // and plain text pass it. Tabs, for the check below, are found the same way.
        let bytes = text.as_bytes();
        let mut starts: Vec<usize> = memchr::memchr3_iter(b'[', b'<', b'&', bytes).collect();
        starts.extend(memchr::memchr_iter(0xEE, bytes));
        starts.extend(
            memchr::memchr_iter(0xEF, bytes)
                .filter(|&i| bytes.get(i + 1).is_some_and(|&n| n <= 0xA3 || n == 0xBF)),
        );
        starts.sort_unstable();
        let tabs: Vec<usize> = memchr::memchr_iter(b'\t', bytes).collect();
        let in_line = |found: &[usize], line: Span| {
            let i = found.partition_point(|&at| at < line.start);
            found.get(i).is_some_and(|&at| at < line.end)
        };
        for &line in &prose.with_rows {
            let t = &text[line.range()];
            let gate = in_line(&starts, line);
            let tab = in_line(&tabs, line);
            if !gate && !tab {
                continue;
            }
            // The pattern needs what the gate looks for; a tab alone is for the check below.
            for m in gate.then(|| DEBRIS.find_iter(t)).into_iter().flatten() {
                let span = Span::new(line.start + m.start(), line.start + m.end());
                let found = m.as_str();
                let d = if found.starts_with('&') {
                    let with = entity(found).unwrap_or_default();
                    let shown = if with == " " {
                        "空格".to_owned()
                    } else {
                        format!("“{with}”")
                    };
                    Diagnostic::warning(span, format!("HTML 实体“{found}”未转换"))
                        .with_help(format!("改为{shown}"))
                        .with_fix(Fix::safe(
                            format!("把“{found}”改为{shown}"),
                            vec![Edit::replace(span, with)],
                        ))
                } else if found
                    .chars()
                    .all(|c| c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c))
                {
                    Diagnostic::warning(span, "乱码字符：原文此处的字符在转换中丢失或无法显示")
                        .with_help("对照原件补上正确的字（可能是数字或名称）")
                } else {
                    Diagnostic::warning(span, format!("格式转换残留“{found}”"))
                        .with_help("删除这段残留")
                        .with_fix(Fix::safe(
                            format!("删除“{found}”"),
                            vec![Edit::delete(span)],
                        ))
                };
                ctx.report(d);
            }
            // A tab in a sentence of prose, between two Chinese characters, in a line that is
            // not a table row (it ends a sentence and has a single tab run).
            if !tab {
                continue;
            }
            let runs = t.split('\t').filter(|p| !p.is_empty()).count();
            if runs == 2 && t.trim_end().ends_with('。') {
                if let Some(tab) = t.find('\t') {
                    let end = tab + t[tab..].find(|c| c != '\t').unwrap_or(t.len() - tab);
                    let before = t[..tab].chars().next_back();
                    let after = t[end..].chars().next();
                    if before.is_some_and(is_han) && after.is_some_and(is_han) {
                        let span = Span::new(line.start + tab, line.start + end);
                        ctx.report(
                            Diagnostic::warning(span, "句子中间有制表符")
                                .with_help("删除制表符")
                                .with_fix(Fix::safe("删除制表符", vec![Edit::delete(span)])),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, flagged};

    #[test]
    fn debris_is_found() {
        // 平潭 2016's Word list debris, 侯家镇's bookmark, entities from a saved page.
        let text = "一、总体情况\n\
            <!--[if !supportLists]-->7、<!--[endif]-->加强政策解读[bookmark: _Toc5]\n\
            全年主动公开&nbsp;政府信息&ldquo;123&rdquo;条。\n\
            [image: 图片 1]\n\
            收到申请\u{FFFD}件。\n\
            全年主动公开\t政府信息。\n";
        let d = check(&Debris, text);
        assert_eq!(
            flagged(text, &d),
            [
                "<!--[if !supportLists]-->",
                "<!--[endif]-->",
                "[bookmark: _Toc5]",
                "&nbsp;",
                "&ldquo;",
                "&rdquo;",
                "[image: 图片 1]",
                "\u{FFFD}",
                "\t"
            ]
        );
        let fixed = apply_fixes(text, &d);
        assert!(fixed.contains("7、加强政策解读\n"));
        assert!(fixed.contains("全年主动公开 政府信息“123”条。"));
        assert!(fixed.contains("全年主动公开政府信息。"));
        assert!(
            fixed.contains("收到申请\u{FFFD}件。"),
            "no fix for a lost character"
        );
    }

    #[test]
    fn clean_text_and_directives_pass() {
        for text in [
            "<!-- reportlint-disable-next-line contact/phone -->\n电话：0631-1234567。\n",
            "根据〔2021〕30号文件[1]要求，全年公开信息&其他。\n",
            "行政许可\t3\t4\t5\n",
            "一、总体情况\n正文。\n",
            "网址：https://www.example.gov.cn/index.html?a=1&b=2\n",
        ] {
            assert!(check(&Debris, text).is_empty(), "{text}");
        }
    }
}
