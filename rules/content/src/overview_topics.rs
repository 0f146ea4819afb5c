use reportlint_core::prelude::*;

use crate::util::{prose_of, report_year, whole_part};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 2021年度及以后报告的第一部分（总体情况）应涵盖2021年格式列出的五项内容：主动公开、依申请公开、
    /// 政府信息管理、政府信息公开平台建设、监督保障。每项按其常用词语识别（如管理：规范性文件、审查、
    /// 清理、目录；平台：网站、新媒体、公开栏；监督保障：监督、考核、培训、领导、机制）。完全没有提到的
    /// 每一项给一条 info。
    ///
    /// ## 为什么重要（Why it matters）
    /// 国办公开办函〔2021〕30号按这五项组织总体情况；漏掉的一项通常是没有报告的工作，评估时逐项打分。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 一、总体情况
    /// 2022年，我镇全年主动公开政府信息120条，收到政府信息公开申请3件。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 一、总体情况
    /// （一）主动公开……（二）依申请公开……（三）政府信息管理……（四）平台建设……（五）监督保障……
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 每项写得好不好；2021年以前年度的报告（旧格式列的是别的内容）；找不到第一部分或第一部分可能被截断
    /// 的报告。
    pub struct OverviewTopics {
        id: "content/overview-topics",
        summary: "第一部分应涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障五方面",
        severity: Info,
        fix: None,
    }
}

/// The five topics: name, and the words that show the topic is covered.
const TOPICS: [(&str, &[&str]); 5] = [
    ("主动公开", &["主动公开"]),
    ("依申请公开", &["依申请", "申请公开", "公开申请"]),
    (
        "政府信息管理",
        &[
            "信息管理",
            "规范性文件",
            "审查",
            "清理",
            "目录",
            "动态调整",
            "属性",
            "公文",
        ],
    ),
    (
        "政府信息公开平台建设",
        &[
            "平台",
            "网站",
            "新媒体",
            "公开栏",
            "专栏",
            "微信",
            "微博",
            "公报",
            "查阅点",
            "公开厅",
        ],
    ),
    (
        "监督保障",
        &[
            "监督", "保障", "考核", "培训", "领导", "机制", "评议", "责任",
        ],
    ),
];

impl Rule for OverviewTopics {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        if report_year(doc).is_none_or(|y| y < 2021) {
            return;
        }
        let Some(body) = whole_part(doc, SectionKind::Overview) else {
            return;
        };
        let Some(section) = doc.section(SectionKind::Overview) else {
            return;
        };
        let text = prose_of(doc, body);
        let missing: Vec<&str> = TOPICS
            .iter()
            .filter(|(_, words)| !words.iter().any(|w| text.contains(w)))
            .map(|(name, _)| *name)
            .collect();
        if missing.is_empty() {
            return;
        }
        ctx.report(
            Diagnostic::info(
                section.heading.span,
                format!("第一部分“总体情况”没有提到：{}", missing.join("、")),
            )
            .with_help("按国办公开办函〔2021〕30号的格式，总体情况应分主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五方面介绍"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::report;
    use reportlint_core::testing::{check, summarize};

    fn run(one: &str) -> Vec<String> {
        let text = report(
            "某镇人民政府",
            [one, "表。", "表。", "表。", "问题。", "无。"],
        );
        summarize(&text, &check(&OverviewTopics, &text))
    }

    #[test]
    fn missing_topics_are_named() {
        let got = run("2022年，我镇全年主动公开政府信息120条，收到政府信息公开申请3件。");
        assert_eq!(got.len(), 1);
        assert!(
            got[0].contains("没有提到：政府信息管理、政府信息公开平台建设、监督保障"),
            "{got:?}"
        );
    }

    #[test]
    fn real_phrasings_pass() {
        for one in [
            "（一）主动公开\n全年主动公开信息120条。\n（二）依申请公开\n收到申请3件。\n（三）政府信息管理\n开展规范性文件清理。\n（四）政府信息公开平台建设\n优化政府网站专栏。\n（五）监督保障\n加强培训和考核。",
            "主动公开政府信息1234条；办理依申请公开3件；对公开属性进行源头认定；依托门户网站和政务新媒体发布；将政务公开纳入考核。",
            "我局主动公开各类信息。依法办理政府信息公开申请。严格落实保密审查。完善公开栏。强化组织领导。",
            "聚焦主动公开，规范依申请公开办理，加强政府信息管理，推进平台建设，强化监督保障。",
            "主动公开：全年发布信息50条。依申请公开：无。信息管理：动态调整目录。平台：微信公众号。保障：健全工作机制。",
        ] {
            assert!(run(one).is_empty(), "{one}: {:?}", run(one));
        }
    }

    #[test]
    fn earlier_years_are_not_checked() {
        let text = report(
            "某镇人民政府",
            ["无。", "表。", "表。", "表。", "问题。", "无。"],
        )
        .replace("2022年", "2020年");
        assert!(check(&OverviewTopics, &text).is_empty());
    }
}
