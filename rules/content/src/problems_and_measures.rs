use reportlint_core::prelude::*;
use reportlint_core::serde;

use std::sync::LazyLock;

use reportlint_core::aho_corasick::packed::Searcher;

use crate::util::{heading, prose_of, report_year, searcher, whole_part};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 第五部分（存在的主要问题及改进情况）应言之有物：既写发现的问题（问题、不足、短板、差距、薄弱、
    /// 有待…），也写已采取或准备采取的措施（改进、措施、下一步、将…、加强、完善…）。
    ///
    /// - **error**：这一部分为空，或只写 `无` / `暂无` / `无。`；
    /// - **warning**：只写问题没有措施，或只写措施没有问题；
    /// - **info**：没有说明上年问题的整改情况（上年、去年、整改、报告年度的前一年）。选项
    ///   `last-year = false` 关闭这一项。
    ///
    /// ## 为什么重要（Why it matters）
    /// 条例第五十条要求每份报告写明存在的问题及改进情况；评估人员最先看这一部分，写 `无` 或用成绩代替
    /// 问题要扣分。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 五、存在的主要问题及改进情况
    /// 无。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 五、存在的主要问题及改进情况
    /// 上年度提出的政策解读形式单一问题已通过图解、视频解读整改。本年度仍存在主动公开的深度不够等不足。
    /// 下一步，我镇将加强业务培训，完善信息发布审核机制。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 问题是否真实、措施是否得当（这要靠人读）；找不到第五部分，或第五部分可能被截断（其后没有别的部分）
    /// 时，完全不读。
    pub struct ProblemsAndMeasures {
        id: "content/problems-and-measures",
        summary: "第五部分应写明存在的问题和改进措施",
        severity: Warning,
        fix: None,
        options: ProblemsOptions,
    }
}

/// Options of `content/problems-and-measures`.
#[derive(Debug, serde::Deserialize)]
#[serde(
    crate = "reportlint_core::serde",
    deny_unknown_fields,
    rename_all = "kebab-case"
)]
pub struct ProblemsOptions {
    /// Report (info) a part 五 that says nothing of last year's problems.
    #[serde(default = "yes")]
    pub last_year: bool,
}

fn yes() -> bool {
    true
}

impl Default for ProblemsOptions {
    fn default() -> Self {
        ProblemsOptions { last_year: true }
    }
}

const PROBLEM_WORDS: [&str; 18] = [
    "问题",
    "不足",
    "短板",
    "差距",
    "薄弱",
    "欠缺",
    "有待",
    "不够",
    "不高",
    "不强",
    "不到位",
    "不平衡",
    "滞后",
    "困难",
    "单一",
    "不及时",
    "不规范",
    "弱项",
];

const MEASURE_WORDS: [&str; 17] = [
    "改进",
    "措施",
    "下一步",
    "将",
    "加强",
    "完善",
    "提升",
    "强化",
    "推进",
    "持续",
    "计划",
    "拟",
    "整改",
    "健全",
    "加大",
    "进一步",
    "努力",
];

const LAST_YEAR_WORDS: [&str; 7] = ["上年", "上一年", "去年", "以往", "往年", "整改", "前一年"];

// Each word list is searched for in one pass, by a searcher built once: `str::contains` builds a
// searcher per word and per report (42 of them), which cost more than the searches.
static PROBLEMS: LazyLock<Searcher> = LazyLock::new(|| searcher(&PROBLEM_WORDS));
static MEASURES: LazyLock<Searcher> = LazyLock::new(|| searcher(&MEASURE_WORDS));
static LAST_YEAR: LazyLock<Searcher> = LazyLock::new(|| searcher(&LAST_YEAR_WORDS));

/// Whether the text is empty or a token: `无`, `暂无。`, `没有`.
fn is_token(t: &str) -> bool {
    let mut core = String::new();
    for (n, c) in t
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !"。，；：、！".contains(*c))
        .enumerate()
    {
        // A fifth character makes it no token: the rest of the part is not read (copying the
        // whole part's characters cost more than the rest of the rule).
        if n == 4 {
            return false;
        }
        core.push(c);
    }
    ["", "无", "暂无", "没有", "不存在", "本年度无", "无问题"].contains(&core.as_str())
}

impl Rule for ProblemsAndMeasures {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let options: ProblemsOptions = ctx.options();
        let doc = ctx.doc();
        let Some(body) = whole_part(doc, SectionKind::Problems) else {
            return;
        };
        let Some(head) = heading(doc, SectionKind::Problems) else {
            return;
        };
        let text = prose_of(doc, body);
        if is_token(&text) {
            let shown = text.trim();
            let (span, what) = if shown.is_empty() {
                (
                    head,
                    "第五部分“存在的主要问题及改进情况”没有内容".to_owned(),
                )
            } else {
                (
                    trimmed(doc, body),
                    format!("第五部分“存在的主要问题及改进情况”只写了“{shown}”"),
                )
            };
            ctx.report(Diagnostic::error(span, what).with_help(
                "写明本年度工作中存在的主要问题，以及已采取和将采取的改进措施（条例第五十条）",
            ));
            return;
        }
        // A search finds a match as soon as one word is anywhere in the text.
        let problems = PROBLEMS.find(&text).is_some();
        let measures = MEASURES.find(&text).is_some();
        match (problems, measures) {
            (true, true) => {}
            (false, _) => ctx.report(
                Diagnostic::warning(head, "第五部分没有写明存在的问题")
                    .with_help("写明本年度工作中存在的主要问题、不足或差距，而不只是成绩和打算"),
            ),
            (true, false) => ctx.report(
                Diagnostic::warning(head, "第五部分写了问题，但没有写改进措施")
                    .with_help("针对所列问题写明已采取或下一步将采取的改进措施"),
            ),
        }
        if options.last_year && problems && measures {
            let prior = report_year(doc).map(|y| format!("{}年", y - 1));
            let mentioned =
                LAST_YEAR.find(&text).is_some() || prior.is_some_and(|p| text.contains(&p));
            if !mentioned {
                ctx.report(
                    Diagnostic::info(head, "第五部分没有说明上一年度报告所列问题的改进情况")
                        .with_help("说明上年度报告中的问题整改得怎样；不需要此项检查时可在配置中设 last-year = false"),
                );
            }
        }
    }
}

/// `span` without the blank lines and spaces around its text.
fn trimmed(doc: &Document, span: Span) -> Span {
    let t = doc.slice(span);
    let start = span.start + (t.len() - t.trim_start().len());
    let end = span.start + t.trim_end().len();
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::report;
    use reportlint_core::testing::{check, summarize};

    fn run(five: &str) -> Vec<String> {
        let text = report(
            "某镇人民政府",
            ["正文。", "表。", "表。", "表。", five, "无。"],
        );
        summarize(&text, &check(&ProblemsAndMeasures, &text))
    }

    #[test]
    fn tokens_agree_with_the_whole_copy() {
        let former = |t: &str| {
            let core: String = t
                .chars()
                .filter(|c| {
                    !c.is_whitespace() && !c.is_ascii_punctuation() && !"。，；：、！".contains(*c)
                })
                .collect();
            core.chars().count() <= 4
                && ["", "无", "暂无", "没有", "不存在", "本年度无", "无问题"]
                    .contains(&core.as_str())
        };
        for t in [
            "",
            "无",
            " 无。 ",
            "暂无。",
            "没有",
            "不存在",
            "本年度无",
            "本年度无。",
            "本年度无问题",
            "无问题",
            "无问题。无",
            "无 问 题",
            "一是不足",
            "一是不足。二是",
            "，。、！",
            "a无",
            "本 年 度 无 。\n",
        ] {
            assert_eq!(is_token(t), former(t), "{t:?}");
        }
    }

    #[test]
    fn empty_or_token_is_an_error() {
        for five in ["无。", "暂无", "无", "  无。  "] {
            let got = run(five);
            assert_eq!(got.len(), 1, "{five}");
            assert!(
                got[0].starts_with("error") && got[0].contains("只写了"),
                "{got:?}"
            );
        }
        let got = run("");
        assert!(got[0].contains("没有内容"), "{got:?}");
    }

    #[test]
    fn one_side_missing_is_a_warning() {
        assert!(
            run("2022年，我镇政府信息公开工作取得了显著成效，得到群众好评。")[0]
                .contains("没有写明存在的问题")
        );
        assert!(run("一是公开内容不够全面；二是政策解读形式单一。")[0].contains("没有写改进措施"));
    }

    #[test]
    fn real_phrasings_pass() {
        for five in [
            "（一）存在的问题\n一是信息公开的及时性有待提高；二是政策解读形式较为单一。\n（二）改进措施\n下一步，我镇将加强业务培训。\n针对上年度问题，已完成整改。",
            "主要问题：部分信息更新不够及时。改进情况：对2021年报告中指出的问题已逐项整改，下一步将进一步完善审核机制。",
            "存在不足：政务公开专业人员欠缺。2023年，我局将强化队伍建设。上年存在的问题已全部整改到位。",
            "一是主动公开的深度和广度还有差距。二是基层公开标准化规范化有短板。针对以上问题，我们将持续推进标准化建设。去年提出的问题均已改进。",
            "2022年度工作中仍存在一些薄弱环节。2021年度存在的问题已按计划改进。下一步拟加大公开力度。",
        ] {
            assert!(run(five).is_empty(), "{five}: {:?}", run(five));
        }
    }

    #[test]
    fn last_year_unmentioned_is_info_and_can_be_turned_off() {
        let five = "一是信息公开的及时性有待提高。下一步将加强培训。";
        let got = run(five);
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("info"), "{got:?}");
        let text = report(
            "某镇人民政府",
            ["正文。", "表。", "表。", "表。", five, "无。"],
        );
        let doc = reportlint_core::Document::parse("t.txt", text.as_str());
        let options = reportlint_core::serde_json::json!({ "last-year": false });
        let d = reportlint_core::check_document_with(
            &doc,
            &[reportlint_core::RuleRun {
                rule: &ProblemsAndMeasures,
                options: Some(&options),
            }],
            &reportlint_core::Settings::default(),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn a_part_that_may_be_cut_short_is_not_read() {
        let text = "某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n五、存在的主要问题及改进情况\n无";
        assert!(check(&ProblemsAndMeasures, text).is_empty());
    }
}
