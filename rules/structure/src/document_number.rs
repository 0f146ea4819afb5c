use std::sync::LazyLock;

use reportlint_core::memchr::memmem;
use reportlint_core::prelude::*;
use reportlint_core::regex::Regex;
use reportlint_core::sentences::Sentences;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告引用的发文字号应按 GB/T 9704-2012 书写：发文机关代字，年份用六角括号〔〕括入，再写序号和“号”，
    /// 序号前不加“第”（`国办公开办函〔2021〕30号`）。以下写法会报告，并给出改为 `〔2021〕30号` 的修复：
    ///
    /// - 年份用了别的括号：`(2021)30号`、`（2021）30号`、`[2021]30号`、`【2021】30号`、`〔2021）30号`；
    /// - 漏了一个括号：`〔202130号`、`2021〕30号`（这种修复要拆分年份和序号，作为不安全修复提供）；
    /// - 序号前加了“第”：`〔2021〕第30号`。
    ///
    /// 2021年及以后的报告，如把已被替代的国办公开办函〔2019〕60号作为编制依据
    /// （`根据…（国办公开办函〔2019〕60号）要求，编制本报告`），也会报告：自2021年度报告起适用的格式是
    /// 国办公开办函〔2021〕30号。
    ///
    /// ## 为什么重要（Why it matters）
    /// 文号写错是审核公文时最常标出的错误之一，也让人难以查到所引文件。报告自称依据2019年试行格式，
    /// 往好里说也是套用了旧模板，审核时会被退回：2022、2023年仍有报告引用“国办公开办函〔2019〕60号”
    /// （如西咸新区太平镇2022年报、盂县教科局2023年报）。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 根据《…年度报告格式〉的通知》(国办公开办函[2021]30号)要求编制本报告。
    /// 根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，编制2022年度报告。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 根据《…年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制本报告。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 文号是否真实存在、是否就是所引的那份文件；发文机关代字本身（`国办公开办函`）。小写形式的括号
    /// `﹝2021﹞` 与 `〔2021〕` 外观相同、是其兼容等价字符，予以接受。完全没有括号的写法（`2021年30号`）
    /// 不当作文号。2019年的通知只在句子把它作为依据（`根据`、`按照`、`依据`…）时报告，作为沿革提及或
    /// 与2021年通知并列时不报告，且仅在标题写明报告年度时检查。
    pub struct DocumentNumber {
        id: "structure/document-number",
        summary: "发文字号应写作“〔年份〕序号号”，年度报告格式依据应为国办公开办函〔2021〕30号",
        severity: Warning,
        fix: Sometimes,
    }
}

/// A year in brackets (or with one bracket) and a number ending in `号`, right after a Han
/// character of the issuing code, at the end of the haystack.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\p{Han}[ \u3000]*(?P<open>[(（\[【〔﹝［〖｛{])?[ \u3000]*(?P<year>[12１２][09０９][0-9０-９]{2})[ \u3000]*(?P<close>[)）\]】〕﹞］〗｝}])?[ \u3000]*(?P<di>第)?[ \u3000]*(?P<num>[0-9０-９]{1,5})[ \u3000]*号\z",
    )
    .unwrap()
});

/// The 2019 notice, with any brackets (a malformed bracket is reported by the first check).
static NOTICE_2019: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"公开办函[ \u3000]*[(（\[【〔﹝［]?[ \u3000]*2019[ \u3000]*[)）\]】〕﹞］]?[ \u3000]*60[ \u3000]*号\z")
        .unwrap()
});
static NOTICE_2021: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"公开办函[ \u3000]*[(（\[【〔﹝［]?[ \u3000]*2021[ \u3000]*[)）\]】〕﹞］]?[ \u3000]*30[ \u3000]*号")
        .unwrap()
});

/// Words that make a sentence cite a document as its basis.
const BASIS: [&str; 7] = ["根据", "依据", "按照", "依照", "遵照", "参照", "按《"];
/// Words that make a mention of the 2019 notice history rather than the basis.
const HISTORY: [&str; 9] = [
    "废止",
    "不再",
    "取代",
    "替代",
    "此前",
    "曾经",
    "已被",
    "旧版",
    "原格式",
];

impl Rule for DocumentNumber {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let text = doc.text();
        let year = doc.title_year();
        let mut sentences: Option<std::sync::Arc<Sentences>> = None;
        for pos in memmem::find_iter(text.as_bytes(), "号".as_bytes()) {
            let end = pos + "号".len();
            // A window of up to 24 characters ending with 号 holds any document number.
            let mut start = end.saturating_sub(72);
            while !text.is_char_boundary(start) {
                start += 1;
            }
            let window = &text[start..end];
            // A document number to check has a bracket (or 第) before 号.
            let bracketed = window.chars().any(|c| {
                matches!(
                    c,
                    '(' | '（'
                        | '['
                        | '【'
                        | '〔'
                        | '﹝'
                        | '［'
                        | '〖'
                        | '｛'
                        | '{'
                        | ')'
                        | '）'
                        | ']'
                        | '】'
                        | '〕'
                        | '﹞'
                        | '］'
                        | '〗'
                        | '｝'
                        | '}'
                )
            });
            if !bracketed {
                continue;
            }
            if let Some(c) = NUMBER.captures(window) {
                if let Some(d) = malformed(text, start, &c) {
                    ctx.report(d);
                }
            }
            if year.is_some_and(|y| y >= 2021) && NOTICE_2019.is_match(window) {
                let m = NOTICE_2019.find(window).map(|m| m.start()).unwrap_or(0);
                let cited = Span::new(start + m, end);
                let sentences = sentences.get_or_insert_with(|| doc.analysis::<Sentences>());
                let s = sentences.all()[sentences.index_of(cited.start)];
                let sentence = &text[s.span.start..s.end.max(cited.end).min(text.len())];
                let before = &text[s.span.start..cited.start];
                let basis = BASIS.iter().any(|w| before.contains(w));
                let history = HISTORY.iter().any(|w| sentence.contains(w));
                if basis && !history && !NOTICE_2021.is_match(sentence) {
                    let y = year.unwrap_or_default();
                    let number = cited.start + "公开办函".len();
                    ctx.report(
                        Diagnostic::warning(
                            Span::new(number, cited.end),
                            format!(
                                "{y}年度报告以已被取代的国办公开办函〔2019〕60号为依据：2021年度起的年度报告应按国办公开办函〔2021〕30号的格式编制"
                            ),
                        )
                        .with_help("改为依据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号），并核对表格是否为2021年格式"),
                    );
                }
            }
        }
    }
}

/// The finding for a document number whose brackets or `第` are wrong, or `None` when it is
/// written right.
fn malformed(
    text: &str,
    base: usize,
    c: &reportlint_core::regex::Captures<'_>,
) -> Option<Diagnostic> {
    let open = c.name("open").map(|m| m.as_str());
    let close = c.name("close").map(|m| m.as_str());
    let di = c.name("di");
    let good_open = matches!(open, Some("〔" | "﹝"));
    let good_close = matches!(close, Some("〕" | "﹞"));
    if open.is_none() && close.is_none() {
        // No bracket at all: not read as a document number.
        return None;
    }
    if good_open && good_close && di.is_none() {
        return None;
    }
    let year = digits(c.name("year")?.as_str());
    let num = digits(c.name("num")?.as_str());
    let from = c.name("open").or(c.name("year"))?.start();
    let to = c.name("num")?.end();
    // The written number up to 号, from its first bracket (or the year).
    let span = Span::new(base + from, base + c.get(0)?.end());
    let written = &text[span.range()];
    let want = format!("〔{year}〕{num}号");
    let edit = Edit::replace(
        Span::new(base + from, base + to),
        format!("〔{year}〕{num}"),
    );
    let (what, fix) = if open.is_none() || close.is_none() {
        (
            "年份缺少一侧括号",
            Fix::unsafe_(format!("改为“{want}”"), vec![edit]),
        )
    } else if !(good_open && good_close) {
        (
            "年份的括号不对，应为六角括号〔〕",
            Fix::safe(format!("改为“{want}”"), vec![edit]),
        )
    } else {
        (
            "序号前不加“第”",
            Fix::safe(format!("改为“{want}”"), vec![edit]),
        )
    };
    Some(
        Diagnostic::warning(span, format!("发文字号“{written}”写法不规范：{what}，应为“{want}”"))
            .with_help("发文字号由发文机关代字、年份和序号组成，年份用六角括号〔〕括入，序号不加“第”字、不编虚位（GB/T 9704-2012）")
            .with_fix(fix),
    )
}

/// Full-width digits as ASCII.
fn digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, summarize};
    use reportlint_core::Applicability;

    fn report(year: u32, body: &str) -> String {
        format!("某县教育局{year}年政府信息公开工作年度报告\n{body}\n一、总体情况\n正文。\n")
    }

    #[test]
    fn well_written_numbers_pass() {
        for body in [
            "根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）等文件要求编制。",
            "组织学习《关于做好政府信息公开信息处理费收入收缴管理有关事项的通知》（闽财非税函〔2021〕1号）。",
            "贯彻落实《2020年政务公开工作要点》(国办发﹝2020﹞17号)和(沪府办﹝2020﹞20号)各项要求。",
            "《中华人民共和国政府信息公开条例》（国务院令第711号）",
            "行政诉讼（2021）京0105行初123号案已审结。",
            "2021年30号文件",
            "电话号码：0631-1234567，邮编264400号",
        ] {
            let text = report(2022, body);
            assert!(check(&DocumentNumber, &text).is_empty(), "{body}: {:?}", check(&DocumentNumber, &text));
        }
    }

    #[test]
    fn wrong_brackets_are_fixed() {
        let body = "依据(国办公开办函(2021)30号)、国办公开办函[2021]30号、国办公开办函【2021】30号、闽政办（2022） 5号和国办公开办函〔2021）30号要求。";
        let text = report(2022, body);
        let d = check(&DocumentNumber, &text);
        assert_eq!(
            summarize(&text, &d),
            [
                "warning 2:10 「(2021)30号」 发文字号“(2021)30号”写法不规范：年份的括号不对，应为六角括号〔〕，应为“〔2021〕30号”",
                "warning 2:27 「[2021]30号」 发文字号“[2021]30号”写法不规范：年份的括号不对，应为六角括号〔〕，应为“〔2021〕30号”",
                "warning 2:43 「【2021】30号」 发文字号“【2021】30号”写法不规范：年份的括号不对，应为六角括号〔〕，应为“〔2021〕30号”",
                "warning 2:56 「（2022） 5号」 发文字号“（2022） 5号”写法不规范：年份的括号不对，应为六角括号〔〕，应为“〔2022〕5号”",
                "warning 2:72 「〔2021）30号」 发文字号“〔2021）30号”写法不规范：年份的括号不对，应为六角括号〔〕，应为“〔2021〕30号”",
            ]
        );
        assert!(d
            .iter()
            .all(|d| d.fix.as_ref().unwrap().applicability == Applicability::Safe));
        assert_eq!(
            apply_fixes(&text, &d),
            report(2022, "依据(国办公开办函〔2021〕30号)、国办公开办函〔2021〕30号、国办公开办函〔2021〕30号、闽政办〔2022〕5号和国办公开办函〔2021〕30号要求。")
        );
    }

    #[test]
    fn missing_bracket_and_di() {
        let text = report(2023, "按照国办公开办函〔202130号和国办公开办函〔2021〕第30号的要求，\r\n以及岚综管办2021〕39号。");
        let d = check(&DocumentNumber, &text);
        assert_eq!(
            summarize(&text, &d),
            [
                "warning 2:9 「〔202130号」 发文字号“〔202130号”写法不规范：年份缺少一侧括号，应为“〔2021〕30号”",
                "warning 2:24 「〔2021〕第30号」 发文字号“〔2021〕第30号”写法不规范：序号前不加“第”，应为“〔2021〕30号”",
                "warning 3:7 「2021〕39号」 发文字号“2021〕39号”写法不规范：年份缺少一侧括号，应为“〔2021〕39号”",
            ]
        );
        assert_eq!(
            d[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        assert_eq!(
            d[1].fix.as_ref().unwrap().applicability,
            Applicability::Safe
        );
        assert!(apply_fixes(&text, &d).contains("国办公开办函〔2021〕30号和国办公开办函〔2021〕30号的要求，\r\n以及岚综管办〔2021〕39号"));
    }

    #[test]
    fn superseded_notice_as_basis() {
        let bad = [
            "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)及《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》(国办公开办函〔2019〕60号)的要求,编制本报告。",
            "根据《中华人民共和国政府信息公开条例》规定和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》(国办公开办函〔2019〕60号)要求,现发布本报告。",
            "本报告按照国办公开办函﹝2019﹞60号文件格式编制。",
        ];
        for body in bad {
            let text = report(2022, body);
            let d = check(&DocumentNumber, &text);
            assert_eq!(d.len(), 1, "{body}: {d:?}");
            assert!(
                d[0].message
                    .starts_with("2022年度报告以已被取代的国办公开办函〔2019〕60号为依据"),
                "{}",
                d[0].message
            );
        }
        // The same sentences in a 2019 or 2020 report, history, and both notices cited.
        for (year, body) in [
            (2019, bad[0]),
            (2020, bad[1]),
            (2022, "自2021年起，年度报告格式由国办公开办函〔2021〕30号取代此前的国办公开办函〔2019〕60号。"),
            (2022, "根据国办公开办函〔2019〕60号和国办公开办函〔2021〕30号要求编制。"),
            (2023, "2019年，国务院办公厅印发国办公开办函〔2019〕60号。"),
        ] {
            let text = report(year, body);
            assert!(check(&DocumentNumber, &text).is_empty(), "{year} {body}");
        }
    }
}
