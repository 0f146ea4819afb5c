use std::collections::BTreeMap;
use std::sync::LazyLock;

use reportlint_core::aho_corasick::{AhoCorasick, MatchKind};
use reportlint_core::prelude::*;
use reportlint_core::serde;

use crate::prose::{self, PartSearch};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 这类报告中常见的错用词语，依据 reportlint 自带的词表（`rules/style/src/typos.tsv`：每条附改法和说明）：
    /// `残差不齐`（参差不齐）、`提前行政诉讼`（提起）、`行政法复议`（行政复议）、`不与公开`（不予公开）、
    /// `台帐`（台账）、`登陆网站`（登录）、`截止2023年12月31日`（截至：用于时间点之前）等。只收录在报告中
    /// 不可能有正确读法的写法；的、地、得只收录确定的搭配。每条问题都附建议修复。
    ///
    /// 用户可在 `reportlint.toml` 中添加自己的词语：
    ///
    /// ```toml
    /// [rules."style/typos"]
    /// words = { "政务公开栏" = "政务公开专栏" }
    /// ```
    ///
    /// ## 为什么重要（Why it matters）
    /// 发布的政府报告中，法律术语（`行政法复议`）或成语（`残差不齐`）写错字，每个读者都看得到，评估时也会
    /// 计入。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 政务公开工作水平残差不齐，本年度未发生提前行政诉讼的情况。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 政务公开工作水平参差不齐，本年度未发生提起行政诉讼的情况。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 要看句意才能判断对错的词（一般的 `的`/`地`/`得`、`权利`/`权力`、`必须`/`必需`）；统计表。
    pub struct Typos {
        id: "style/typos",
        summary: "不应有常见错别字和误用词",
        severity: Warning,
        fix: Always,
        options: TyposOptions,
    }
}

/// Options of `style/typos`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(crate = "reportlint_core::serde", deny_unknown_fields)]
pub struct TyposOptions {
    /// More words: the wrong writing and its correction.
    #[serde(default)]
    pub words: BTreeMap<String, String>,
}

struct Entry {
    wrong: String,
    right: String,
    note: String,
}

/// The built-in list, read from `typos.tsv` (wrong, right, note; `#` starts a comment).
fn builtin() -> &'static (Vec<Entry>, AhoCorasick) {
    static LIST: LazyLock<(Vec<Entry>, AhoCorasick)> = LazyLock::new(|| {
        let entries: Vec<Entry> = include_str!("typos.tsv")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some(Entry {
                    wrong: f.next()?.to_owned(),
                    right: f.next()?.to_owned(),
                    note: f.next().unwrap_or("").to_owned(),
                })
            })
            .collect();
        let ac = automaton(entries.iter().map(|e| e.wrong.as_str()));
        (entries, ac)
    });
    &LIST
}

fn automaton<'a>(words: impl IntoIterator<Item = &'a str>) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
        .expect("word list builds")
}

/// The searcher for `截止`, built once (`str::match_indices` builds one per line): it looks for
/// the last two bytes of `截` (`88 AA`), which few other characters have.
static DEADLINE: LazyLock<PartSearch> = LazyLock::new(|| PartSearch::new("截止", 1, 2));

/// `截止` right before a date or a year (`截止2023年12月31日`, `截止12月底`): the point in time
/// takes `截至`. `截止日期`, `申请截止` and the like are not matched.
fn deadline_before_date(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() || ('０'..='９').contains(&c) => true,
        Some('二') => chars.next() == Some('〇'),
        Some('到') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

impl Rule for Typos {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let options: TyposOptions = ctx.options();
        let (entries, ac) = builtin();
        let user: Vec<Entry> = options
            .words
            .into_iter()
            .filter(|(w, _)| !w.is_empty())
            .map(|(wrong, right)| Entry {
                wrong,
                right,
                note: "reportlint.toml 中配置的词".to_owned(),
            })
            .collect();
        let user_ac = (!user.is_empty()).then(|| automaton(user.iter().map(|e| e.wrong.as_str())));
        let doc = ctx.doc();
        let text = doc.text();
        let mut found: Vec<(Span, String, String, String)> = Vec::new();
        let prose = prose::lines(doc);
        // The built-in words and `截止`: one search over each stretch of prose rather than one
        // per line (starting a search costs more than a line). The words are Han characters
        // only, so no match runs over a line's end or its spaces and marks, and the matches
        // inside the lines are those a search of each line finds.
        let bytes = text.as_bytes();
        for &stretch in &prose.stretches {
            for m in ac.find_iter(&bytes[stretch.range()]) {
                let span = Span::new(stretch.start + m.start(), stretch.start + m.end());
                if prose.line_holding(span).is_some() {
                    let e = &entries[m.pattern().as_usize()];
                    found.push((span, e.wrong.clone(), e.right.clone(), e.note.clone()));
                }
            }
        }
        // Users' words may hold anything: searched line by line.
        if let Some(user_ac) = &user_ac {
            for &line in &prose.lines {
                for m in user_ac.find_iter(&text[line.range()]) {
                    let e = &user[m.pattern().as_usize()];
                    let span = Span::new(line.start + m.start(), line.start + m.end());
                    found.push((span, e.wrong.clone(), e.right.clone(), e.note.clone()));
                }
            }
        }
        for &stretch in &prose.stretches {
            for i in DEADLINE.find_iter(&bytes[stretch.range()]) {
                let at = stretch.start + i;
                let span = Span::new(at, at + "截止".len());
                let Some(line) = prose.line_holding(span) else {
                    continue;
                };
                let rest = &text[span.end..line.end];
                if deadline_before_date(rest) && !rest.starts_with("到目前") {
                    found.push((
                        span,
                        "截止".to_owned(),
                        "截至".to_owned(),
                        "时间点前用“截至”，“截止”指到时停止（如“截止日期”）".to_owned(),
                    ));
                }
            }
        }
        found.sort_by_key(|(s, ..)| (s.start, s.end));
        found.dedup_by_key(|(s, ..)| s.start);
        for (span, wrong, right, note) in found {
            ctx.report(
                Diagnostic::warning(span, format!("“{wrong}”应为“{right}”"))
                    .with_help(note)
                    .with_fix(Fix::suggestion(
                        format!("把“{wrong}”改为“{right}”"),
                        vec![Edit::replace(span, right)],
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::serde_json;
    use reportlint_core::testing::{apply_fixes, check, flagged};
    use reportlint_core::{check_document_with, Document, RuleRun, Settings};

    #[test]
    fn real_slips_are_found() {
        // 平潭 2019 `残差不齐`, 平潭 2022 `行政法复议`, 平潭 2024 `仍在不足`, and common ones.
        let text = "一、总体情况\n\
            各部门工作水平残差不齐。\n\
            未发生提前行政诉讼的情况。\n\
            政府信息公开行政法复议情况良好。\n\
            工作中仍在不足。\n\
            建立政务公开台帐，申请均不与公开。\n\
            截止2023年12月31日，共收到申请5件。\n\
            群众可登陆网站查阅。\n";
        let d = check(&Typos, text);
        assert_eq!(
            flagged(text, &d),
            [
                "残差不齐",
                "提前行政诉讼",
                "行政法复议",
                "仍在不足",
                "台帐",
                "不与公开",
                "截止",
                "登陆网站"
            ]
        );
        assert!(apply_fixes(text, &d).contains("截至2023年12月31日"));
        assert_eq!(d[0].message, "“残差不齐”应为“参差不齐”");
    }

    #[test]
    fn right_words_pass() {
        for text in [
            "各部门工作水平参差不齐，未发生提起行政诉讼的情况。\n",
            "申请截止日期为2023年1月31日；截止时间已过。\n",
            "截至2023年12月31日，共收到申请5件。\n",
            "坚持以经济建设为中心，采取的措施取得了实效。\n",
            "群众可登录网站查阅，建立工作台账。\n",
            "行政复议、行政诉讼情况：无。\n",
        ] {
            assert!(check(&Typos, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn users_add_words() {
        let text = "设立政务公开栏。\n";
        let doc = Document::parse("t.txt", text);
        let options = serde_json::json!({ "words": { "政务公开栏": "政务公开专栏" } });
        let run = RuleRun {
            rule: &Typos,
            options: Some(&options),
        };
        let d = check_document_with(&doc, &[run], &Settings::default());
        assert_eq!(flagged(text, &d), ["政务公开栏"]);
        assert!(d[0].help.as_deref().unwrap().contains("reportlint.toml"));
        // Unknown keys are refused when the configuration is loaded.
        let validate = Typos::META.options.unwrap().validate;
        assert!(validate(&serde_json::json!({ "word": {} })).is_err());
    }

    #[test]
    fn the_list_is_well_formed() {
        let (entries, _) = builtin();
        assert!(entries.len() >= 30);
        for e in entries {
            assert_ne!(e.wrong, e.right);
            // The built-in words are searched over runs of lines (see `check`).
            assert!(e.wrong.chars().all(crate::prose::is_han), "{}", e.wrong);
            assert!(!e.note.is_empty(), "{}", e.wrong);
        }
    }
}
