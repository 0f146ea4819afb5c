use std::sync::LazyLock;

use reportlint_core::memchr;
use reportlint_core::prelude::*;
use reportlint_core::regex::Regex;

use crate::prose::{self, is_han, Prose};
use crate::rare;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 统计表以外，转换后作为文本发布时留下的残留：
    ///
    /// - Word 转文本留下的标记：`[bookmark: _Toc123]`、`[image: 图片 1]`；
    /// - Word 生成 HTML 的残留：`<!--[if !supportLists]-->`、`<!--[endif]-->`，以及 `<br>`、
    ///   `<o:p></o:p>`、`<span …>` 等标签；
    /// - 未解码的 HTML 实体：`&nbsp;`、`&amp;`、`&ldquo;`、`&#12288;`；
    /// - 替换字符 `�`（U+FFFD：解码时丢失的字符）和私用区字符（字体自带的符号，换个环境就显示为方框）；
    /// - 正文句子中的制表符（`全年主动公开\t政府信息`）。
    ///
    /// 标记和标签用安全修复删除；实体替换为对应的字符。
    ///
    /// ## 为什么重要（Why it matters）
    /// 残留告诉读者，发布的文本没有人读过；丢失的字符（`�`）可能是一个数字或一个名称。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// <!--[if !supportLists]-->7、<!--[endif]-->加强政策解读[bookmark: _Toc5]
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 7、加强政策解读
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 统计表中的残留（表格贴成图片由 `tables/present` 报告）；`reportlint` 指令注释，它们不是残留；
    /// 丢失的字符原本是什么。
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
        for (line, gate, tab) in marked_lines(doc, &prose) {
            let t = &text[line.range()];
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

/// The lines (of `prose.with_rows`) this rule must read, in order, with whether each holds what
/// the pattern starts with (`[`, `<`, `&`, U+FFFD (EF BF BD) and the private use area (EE 80 80 –
/// EF A3 BF)) and whether it holds a tab. Found on the bytes, over each stretch of lines at once
/// (a search per line costs more to start than to run), the wide characters in the search of
/// the whole text shared with style/lookalike-chars: most lines have none. Directive
/// comments (`<!-- reportlint-… -->`) are not in the lines.
fn marked_lines(doc: &Document, prose: &Prose) -> Vec<(Span, bool, bool)> {
    let bytes = doc.text().as_bytes();
    // (index of the line in `with_rows`, gate, tab)
    let mut hits: Vec<(usize, bool, bool)> = Vec::new();
    let mut hit = |at: usize, gate: bool| {
        let i = prose.with_rows.partition_point(|l| l.end <= at);
        if prose.with_rows.get(i).is_some_and(|l| l.start <= at) {
            hits.push((i, gate, !gate));
        }
    };
    for &stretch in &prose.row_stretches {
        let s = &bytes[stretch.range()];
        for i in memchr::memchr3_iter(b'[', b'<', b'&', s) {
            hit(stretch.start + i, true);
        }
        for i in memchr::memchr_iter(b'\t', s) {
            hit(stretch.start + i, false);
        }
    }
    // U+FFFD and the private use area (EE 80 80 – EF A3 BF) among the rare wide characters of
    // the whole text, found once for this rule and style/lookalike-chars; `hit` keeps those in
    // the lines.
    for &at in &rare::of(doc).starts {
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        if bytes[at] == 0xEE || (bytes[at] == 0xEF && (next <= 0xA3 || next == 0xBF)) {
            hit(at, true);
        }
    }
    hits.sort_unstable_by_key(|h| h.0);
    let mut out: Vec<(Span, bool, bool)> = Vec::new();
    let mut last = None;
    for (i, gate, tab) in hits {
        match out.last_mut() {
            Some(o) if last == Some(i) => {
                o.1 |= gate;
                o.2 |= tab;
            }
            _ => out.push((prose.with_rows[i], gate, tab)),
        }
        last = Some(i);
    }
    out
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
