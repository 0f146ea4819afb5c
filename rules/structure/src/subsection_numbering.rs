use reportlint_core::document::{Bracket, MarkerStyle, SubHeading};
use reportlint_core::prelude::*;
use reportlint_core::text::{cn_numeral, cn_numeral_value, ends_sentence, normalize};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 每个部分内的小标题 `（一）（二）（三）…` 应依次连续、样式统一：
    ///
    /// - 跳号（`（一）` 之后是 `（三）`）；跳过的小标题其实在、只是缺序号时（`依申请公开情况` 位于 `（一）`
    ///   和 `（三）` 之间），报告那一行；
    /// - 重号或顺序颠倒（`（二）（二）`）；
    /// - 中文序号中夹着阿拉伯数字（`（四）` 之后的 `（5）`，以 `(1)` 开头、接着是 `（二）（三）`）——
    ///   修复为 `（五）`；
    /// - 全篇用 `（一）`，个别用半角括号 `(七)`——修复为 `（七）`；
    /// - 正文中的列举 `一是…二是…三是…` 跳号或重号（`一是…三是…三是`）。条目中嵌套的列举
    ///   （`三是推进公共资源配置信息公开。一是…二是…四是推进…`）单独计算，外层列举在其后接续。
    ///
    /// 重新从 `（一）` 开始的列举（先列问题，再列措施）是新的一组，不算错；`（一）` 之下的 `（1）` 和
    /// `1.` 属于下一层级，这里不检查。采用2019年以前内容清单的报告只检查正文列举：它的部分不是那六个，
    /// 无法按部分区分小标题。
    ///
    /// ## 为什么重要（Why it matters）
    /// 小标题序号错乱是这类报告最常见的编辑疏漏，说明文本是从上年报告或几个人的稿子拼起来的，没有通读。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// （三）政府信息管理情况
    /// （四）政府信息公开平台建设情况
    /// （5） 监督保障情况
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// （三）政府信息管理情况
    /// （四）政府信息公开平台建设情况
    /// （五）监督保障情况
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 下一层级（`（一）` 之下的 `（1）`、`1.`），以及总体情况的小标题是否涵盖格式要求的五项内容。
    /// 报告用同样的标记在列举中再嵌套列举时（`一是…` 中又有 `一是…`），无法从文本区分层级。
    pub struct SubsectionNumbering {
        id: "structure/subsection-numbering",
        summary: "各部分内的小标题序号（一）（二）……应连续、写法统一",
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for SubsectionNumbering {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let full_width_used = doc
            .sections()
            .iter()
            .flat_map(|s| &s.subheadings)
            .any(|h| h.style == MarkerStyle::CnParen && h.bracket == Bracket::Full);
        // The pre-2019 content list has parts the model does not take as sections (收费及减免,
        // 主要问题和改进措施, 统计表): their （一）（二） would be read as one part's sub-headings.
        let markers = !doc.is_pre_2019();
        for section in doc.sections() {
            if markers {
                check_markers(ctx, section, full_width_used);
            }
            check_enumerations(ctx, section);
        }
    }
}

fn full_marker(n: u32) -> String {
    format!("（{}）", cn_numeral(n))
}

fn check_markers(ctx: &mut Context<'_>, section: &Section, full_width_used: bool) {
    let doc = ctx.doc();
    let mut expected = 1;
    let mut prev_end = section.body.start;
    for sub in &section.subheadings {
        let written = doc.slice(sub.marker);
        match sub.style {
            MarkerStyle::CnParen => {
                if sub.value == expected || (sub.value == 1 && expected > 1) {
                    // In sequence, or a new list starting again at （一）.
                } else if sub.value > expected {
                    report_gap(ctx, sub, expected, prev_end);
                } else {
                    ctx.report(
                        Diagnostic::warning(
                            sub.marker,
                            format!(
                                "小标题序号“{written}”重复或顺序颠倒，此处应为“{}”",
                                full_marker(expected)
                            ),
                        )
                        .with_help("小标题应按（一）（二）（三）……依次编号")
                        .with_fix(Fix::unsafe_(
                            format!("改为“{}”", full_marker(expected)),
                            vec![Edit::replace(sub.marker, full_marker(expected))],
                        )),
                    );
                    expected = expected.max(sub.value);
                }
                if sub.value >= expected || sub.value == 1 {
                    expected = sub.value + 1;
                }
                if sub.bracket != Bracket::Full && full_width_used && sub.value != 0 {
                    ctx.report(
                        Diagnostic::warning(sub.marker, format!("小标题“{written}”使用了半角括号"))
                            .with_help("全文小标题统一使用全角括号，如“（一）”")
                            .with_fix(Fix::safe(
                                format!("改为“{}”", full_marker(sub.value)),
                                vec![Edit::replace(sub.marker, full_marker(sub.value))],
                            )),
                    );
                }
            }
            MarkerStyle::ArabicParen if sub.value == expected => {
                ctx.report(
                    Diagnostic::warning(
                        sub.marker,
                        format!("小标题序号“{written}”应为“{}”", full_marker(expected)),
                    )
                    .with_help("同一层级的小标题统一用中文数字编号：（一）（二）（三）……")
                    .with_fix(Fix::safe(
                        format!("改为“{}”", full_marker(expected)),
                        vec![Edit::replace(
                            trim_marker_space(doc, sub),
                            full_marker(expected),
                        )],
                    )),
                );
                expected += 1;
            }
            // `（1）` and `1.` under a `（一）` heading: a lower level.
            MarkerStyle::ArabicParen | MarkerStyle::ArabicDot => continue,
        }
        prev_end = sub.title.end.max(sub.marker.end);
    }
}

/// The marker with the spaces after it (`（5） ` → `（五）`).
fn trim_marker_space(doc: &Document, sub: &SubHeading) -> Span {
    let after = &doc.text()[sub.marker.end..sub.title.start.max(sub.marker.end)];
    if after.chars().all(reportlint_core::text::is_space) {
        Span::new(sub.marker.start, sub.title.start.max(sub.marker.end))
    } else {
        sub.marker
    }
}

/// `（三）` where `（二）` was expected: report the heading that lost its number if it can be
/// seen, else the skip.
fn report_gap(ctx: &mut Context<'_>, sub: &SubHeading, expected: u32, prev_end: usize) {
    let doc = ctx.doc();
    let missing = full_marker(expected);
    if sub.value == expected + 1 {
        if let Some(line) = unnumbered_heading(doc, Span::new(prev_end, sub.marker.start)) {
            ctx.report(
                Diagnostic::warning(line, format!("小标题缺少序号“{missing}”"))
                    .with_label(sub.marker, "下一个小标题")
                    .with_help(format!("在“{}”前加上“{missing}”", doc.slice(line)))
                    .with_fix(Fix::unsafe_(
                        format!("加上“{missing}”"),
                        vec![Edit::insert(line.start, missing.clone())],
                    )),
            );
            return;
        }
    }
    let written = doc.slice(sub.marker);
    let skipped: Vec<String> = (expected..sub.value).map(full_marker).collect();
    ctx.report(
        Diagnostic::warning(
            sub.marker,
            format!("小标题序号不连续：“{written}”之前缺少{}", skipped.join("")),
        )
        .with_help("小标题应按（一）（二）（三）……依次编号；补上缺少的小标题或改正序号"),
    );
}

/// The last short, heading-like line without a number between two sub-headings.
fn unnumbered_heading(doc: &Document, between: Span) -> Option<Span> {
    if between.is_empty() {
        return None;
    }
    doc.lines_in(between)
        .map(|(_, l)| l.content)
        .filter(|c| !c.is_empty() && between.covers(*c))
        .filter(|c| {
            let t = doc.slice(*c);
            let n = normalize(t);
            n.chars().count() <= 30
                && !ends_sentence(t)
                && !t.contains(['。', '\t', '|'])
                && !n.ends_with('图')
                && !n.contains("统计图")
                && [
                    "情况", "方面", "工作", "建设", "管理", "保障", "事项", "措施",
                ]
                .iter()
                .any(|w| n.ends_with(w))
                && !t.starts_with(|ch: char| ch.is_ascii_digit() || ch == '（' || ch == '(')
        })
        .last()
}

/// Characters that make `一是` part of a word (`统一是`, `第一是`, `其一是`) rather than an item.
fn joins_word(prev: Option<char>) -> bool {
    matches!(
        prev,
        Some(
            '第' | '统'
                | '唯'
                | '其'
                | '之'
                | '同'
                | '万'
                | '十'
                | '百'
                | '千'
                | '零'
                | '专'
                | '如'
                | '归'
                | '划'
                | '合'
                | '不'
                | '初'
                | '单'
                | '均'
                | '逐'
        )
    ) || prev.is_some_and(reportlint_core::text::is_cn_numeral_char)
}

/// `一是…二是…三是…` in the section's text. A list may nest: an item whose words are a short
/// title (`三是推进公共资源配置信息公开。`) followed at once by `一是` opens a list inside it, and
/// the outer list goes on after the inner one (`…三是…。四是推进政府采购信息公开`). A number
/// that goes on either list is not reported.
fn check_enumerations(ctx: &mut Context<'_>, section: &Section) {
    let doc = ctx.doc();
    let body = doc.slice(section.body);
    // The next number each open list expects, outermost first.
    let mut levels: Vec<u32> = Vec::new();
    // Where the last item's `是` ended.
    let mut last_item_end: Option<usize> = None;
    // Every `是` found by substring search; the numeral (one or two characters) before it.
    // memmem, not a lead-byte search: `是`'s lead byte 0xE6 starts a sixth of all Han characters.
    // The searcher is built once: building one per section cost as much as the search.
    static SHI: std::sync::LazyLock<reportlint_core::memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| reportlint_core::memchr::memmem::Finder::new("是"));
    for at in SHI.find_iter(body.as_bytes()) {
        let before = &body[..at];
        let mut start = at;
        for c in before.chars().rev().take(2) {
            if !reportlint_core::text::is_cn_numeral_char(c) || c == '〇' || c == '零' {
                break;
            }
            start -= c.len_utf8();
        }
        if start == at || joins_word(body[..start].chars().next_back()) {
            continue;
        }
        let Some(value) = cn_numeral_value(&body[start..at]) else {
            continue;
        };
        let item_end = at + "是".len();
        // Only a `一是` can open a nested list: the text before it is read for that alone.
        let after_title = value == 1
            && last_item_end.is_some_and(|e| {
                let between = &body[e..start];
                between.len() <= 40 * 3
                    && reportlint_core::text::char_len(between) <= 40
                    && between
                        .chars()
                        .filter(|c| matches!(c, '。' | '；' | ';' | '：' | ':'))
                        .count()
                        <= 1
                    && !between.contains('\n')
            });
        last_item_end = Some(item_end);
        if value == 1 {
            if after_title && !levels.is_empty() && levels.len() < 3 {
                levels.push(2);
            } else {
                levels.clear();
                levels.push(2);
            }
            continue;
        }
        let Some(&expected) = levels.last() else {
            continue;
        };
        if value == expected {
            *levels.last_mut().unwrap() += 1;
            continue;
        }
        // The outer list goes on after an inner one.
        if let Some(k) = levels.iter().rposition(|&e| e == value) {
            levels.truncate(k + 1);
            levels[k] += 1;
            continue;
        }
        let span = Span::new(section.body.start + start, section.body.start + item_end);
        let want = format!("{}是", cn_numeral(expected));
        ctx.report(
            Diagnostic::warning(
                span,
                format!(
                    "列举序号不连续：此处应为“{want}”，实为“{}”",
                    doc.slice(span)
                ),
            )
            .with_help("“一是……二是……三是……”应依次编号")
            .with_fix(Fix::unsafe_(
                format!("改为“{want}”"),
                vec![Edit::replace(span, want.clone())],
            )),
        );
        *levels.last_mut().unwrap() += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, summarize};

    fn report(one: &str, six: &str) -> String {
        format!(
            "某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n{one}二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
             四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n正文。\n六、其他需要报告的事项\n{six}"
        )
    }

    #[test]
    fn sequences_in_one_style_pass() {
        let text = report(
            "（一）主动公开\n正文。\n（二）依申请公开\n1.受理情况\n2.办理情况\n（三）政府信息管理\n",
            "（一）收费情况\n一是加强领导。二是完善制度。\n（二）其他事项\n无。\n",
        );
        assert!(
            check(&SubsectionNumbering, &text).is_empty(),
            "{:?}",
            check(&SubsectionNumbering, &text)
        );
    }

    #[test]
    fn lists_may_start_again() {
        let text = report(
            "（一）存在问题\n（二）改进措施\n（一）加强学习\n（二）完善机制\n",
            "",
        );
        assert!(check(&SubsectionNumbering, &text).is_empty());
    }

    #[test]
    fn arabic_among_chinese_is_fixed() {
        let text = report(
            "（一）主动公开\n（二）依申请公开\n（三）管理\n（四）平台建设\n（5） 监督保障情况\n",
            "（1） 收取信息处理费的情况\n（二）落实要点\n（三）建议提案\n（4） 创新情况\n",
        );
        let d = check(&SubsectionNumbering, &text);
        assert_eq!(
            summarize(&text, &d),
            [
                "warning 7:1 「（5）」 小标题序号“（5）”应为“（五）”",
                "warning 14:1 「（1）」 小标题序号“（1）”应为“（一）”",
                "warning 17:1 「（4）」 小标题序号“（4）”应为“（四）”",
            ]
        );
        let fixed = apply_fixes(&text, &d);
        assert!(fixed.contains("\n（五）监督保障情况\n") && fixed.contains("\n（四）创新情况"));
    }

    #[test]
    fn unnumbered_heading_in_a_gap_is_pointed_at() {
        let text = report(
            "（一）政府信息主动公开情况\n正文。\n 宋村镇2022年各类栏目信息发布数量统计图\n\n依申请公开情况\n\n2022年没有受理依申请公开情况。\n（三）政府信息管理情况\n",
            "",
        );
        let d = check(&SubsectionNumbering, &text);
        assert_eq!(
            summarize(&text, &d),
            ["warning 7:1 「依申请公开情况」 小标题缺少序号“（二）”"]
        );
        assert!(apply_fixes(&text, &d).contains("\n（二）依申请公开情况\n"));
    }

    #[test]
    fn skipped_and_repeated_numbers() {
        let text = report(
            "（一）甲情况\n正文。\n（三）乙情况\n正文。\n",
            "（一）收费\n（二）要点\n（二）建议\n",
        );
        assert_eq!(
            summarize(&text, &check(&SubsectionNumbering, &text)),
            [
                "warning 5:1 「（三）」 小标题序号不连续：“（三）”之前缺少（二）",
                "warning 15:1 「（二）」 小标题序号“（二）”重复或顺序颠倒，此处应为“（三）”",
            ]
        );
    }

    #[test]
    fn half_width_brackets_among_full_width() {
        let text = report("（一）甲情况\n", "（一）收费情况\n(二)其他事项\n");
        let d = check(&SubsectionNumbering, &text);
        assert_eq!(
            summarize(&text, &d),
            ["warning 11:1 「(二)」 小标题“(二)”使用了半角括号"]
        );
        assert!(apply_fixes(&text, &d).contains("（二）其他事项"));
        // A report that uses half-width brackets throughout is consistent.
        let text = report("(一)甲情况\n(二)乙情况\n", "");
        assert!(check(&SubsectionNumbering, &text).is_empty());
    }

    #[test]
    fn nested_enumerations_are_two_lists() {
        for one in [
            // Pingtan 2015: items whose title opens a list of their own.
            "一是推进行政权力清单公开。一是按照要求公开清单。二是按照部署公开。二是推进财政资金信息公开。要求公开预算。三是推进公共资源配置信息公开。一是大力推进征地拆迁信息公开。二是坚持做好房屋征收。三是通过电视台公开。四是推进政府采购信息公开。五是推进公共服务信息公开。一是公开招生信息。二是公开医疗信息。六是推动公共监管信息公开。\n",
            "一是加强组织领导：一是成立领导小组；二是明确分工。二是完善制度建设。\n",
            "一是强化培训。一是集中培训；二是以会代训；三是个别指导。二是加强考核。三是主动接受监督。\r\n",
        ] {
            let text = report(one, "");
            let d = check(&SubsectionNumbering, &text);
            assert!(d.is_empty(), "{one}: {:?}", summarize(&text, &d));
        }
        // A skip inside an inner list is still one.
        let text = report(
            "一是强化培训。一是集中培训；三是个别指导。二是加强考核。\n",
            "",
        );
        let d = check(&SubsectionNumbering, &text);
        assert_eq!(d.len(), 1, "{:?}", summarize(&text, &d));
        assert!(d[0].message.contains("此处应为“二是”，实为“三是”"));
        // A new list in a later paragraph starts afresh.
        let text = report("一是甲。二是乙。三是丙。\n另外，一是丁。三是戊。\n", "");
        assert_eq!(check(&SubsectionNumbering, &text).len(), 1);
    }

    #[test]
    fn pre_2019_sub_headings_are_not_checked() {
        let text = "某区2015年度政府信息公开工作年度报告\n一、概述\n（一）加强领导\n二、主动公开政府信息情况\n（一）数量\n（二）类别\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n六、主要问题和改进措施\n(一)存在问题\n（二）改进措施\n一是加强培训。三是加强考核。\n";
        let d = check(&SubsectionNumbering, text);
        assert_eq!(
            summarize(text, &d),
            ["warning 12:8 「三是」 列举序号不连续：此处应为“二是”，实为“三是”"]
        );
    }

    #[test]
    fn enumerations_that_skip() {
        let text = report("", "").replace(
            "正文。",
            "存在的问题主要有：一是栏目信息噪音；三是开拓创新不够；三是解读质量有待提高。",
        );
        assert_eq!(
            summarize(&text, &check(&SubsectionNumbering, &text)),
            ["warning 7:19 「三是」 列举序号不连续：此处应为“二是”，实为“三是”"]
        );
    }
}
