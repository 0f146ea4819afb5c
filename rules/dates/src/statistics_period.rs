use reportlint_core::completeness::Completeness;
use reportlint_core::dates::{opening_anchor, Dates, PeriodForm, YearSource};
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告应写明数据的统计期限，且统计期限正好是报告年度 Y：
    /// `本报告中所列数据的统计期限自{Y}年1月1日起至{Y}年12月31日止`。实际报告中见过的各种写法都接受
    /// （`统计期限为…至…`、`统计期限为：…`、`统计时限为…`、`从…到…止`、不带“起”的 `自…至…止`、
    /// `自…始至…止`、`使用数据统计期限为…`、`2023.1.1-2023.12.31`、`2023年度（1月1日至12月31日）`，
    /// 日期之间用至、到、`-`、`—`、`－`、`–`、`~` 或 `～` 连接，结束日期不写年份，带空格或全角数字）。
    ///
    /// - error：没有统计期限的句子；统计期限不是 Y-01-01 至 Y-12-31；日期不存在（`2月30日`）；句子中只有
    ///   一个日期；句子残缺（`统计期限为 2023 11日到1231日`），并说明能读懂的部分。
    ///
    /// Y 取标题中的年度；标题没有年度时，只检查统计期限本身是否为一个完整的自然年。
    ///
    /// ## 为什么重要（Why it matters）
    /// 三张统计表的数字离开统计期限就没有意义；2021年格式（国办公开办函〔2021〕30号）规定报告按自然年
    /// 编制，四川省地方标准 DB51/T 2660—2019 也规定统计时间段为上一年度1月1日至12月31日。沿用上年报告
    /// 的统计期限（如2022年报中写“统计期限为2021年1月1日至2021年12月31日”）是审核退回的常见问题。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告
    /// 本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告
    /// 本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 表格中的数字是否真的覆盖所写的期限，无从得知。文本给出几个期限时，只判断第一个写成起止范围的，
    /// 其余不判断。标题没有年度时，只检查期限是否为一个完整的自然年。文本在第一部分之前就中断时
    /// （见 `structure/text-cut-short`），不报告缺少统计期限的句子：开头可能在截断处之后继续。
    pub struct StatisticsPeriod {
        id: "dates/statistics-period",
        summary: "统计期限应写明且为报告年度的1月1日至12月31日",
        severity: Error,
        fix: Sometimes,
    }
}

fn canonical(y: i32) -> String {
    format!("{y}年1月1日至{y}年12月31日")
}

impl Rule for StatisticsPeriod {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let dates = doc.analysis::<Dates>();
        let year = dates.report_year;
        let Some(p) = dates.period() else {
            // A text cut short before its first part may state the period after the cut.
            if doc.analysis::<Completeness>().hides_opening() {
                return;
            }
            let example = year.map_or_else(
                || "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止".to_owned(),
                |y| {
                    let y = y.value;
                    format!("本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止")
                },
            );
            ctx.report(
                Diagnostic::error(opening_anchor(doc), "报告开头缺少统计期限的说明")
                    .with_span_label("此处之后应说明数据的统计期限")
                    .with_help(format!("在开头部分写明“{example}。”")),
            );
            return;
        };
        let written = doc.slice(p.dates).to_owned();
        // The year the period should cover: the title's, else the period's own.
        let expected = match year {
            Some(y) if y.source == YearSource::Title => Some(y.value),
            _ => p.start_year(),
        };
        let title_label = |d: Diagnostic| match year {
            Some(y) if y.source == YearSource::Title => {
                d.with_label(y.span, format!("标题年度为{}年", y.value))
            }
            _ => d,
        };
        match &p.form {
            PeriodForm::Garbled { .. } => {
                let understood = p.understood();
                let msg = match &understood {
                    Some(u) => format!("统计期限写法残缺：原文“{written}”，只能理解为{u}"),
                    None => format!("无法识别统计期限“{written}”"),
                };
                let mut d =
                    Diagnostic::error(p.dates, msg).with_span_label("缺少“年”“月”或日期不全");
                if let Some(y) = expected {
                    let right = canonical(y);
                    d = d
                        .with_help(format!("写作“{right}”"))
                        .with_fix(Fix::suggestion(
                            format!("改为“{right}”"),
                            vec![Edit::replace(p.dates, right)],
                        ));
                }
                // The title's year is worth showing only when the garbled period disagrees.
                if p.start_year() != expected {
                    d = title_label(d);
                }
                ctx.report(d);
            }
            PeriodForm::Incomplete { start } => {
                let what = start.map_or_else(|| written.clone(), |s| s.display());
                let mut d = Diagnostic::error(
                    p.dates,
                    format!("统计期限不完整：只写了“{what}”，缺少起止日期之一"),
                );
                if let Some(y) = expected {
                    d = d.with_help(format!("写作“{}”", canonical(y)));
                }
                ctx.report(d);
            }
            PeriodForm::Range { start, end } => {
                let Some((a, b)) = p.bounds() else {
                    // A date that does not exist.
                    let y = start.year.unwrap_or(2000);
                    let bad = if start.date_in(y).is_none() {
                        start
                    } else {
                        end
                    };
                    ctx.report(
                        Diagnostic::error(
                            bad.span,
                            format!("统计期限中的日期“{}”不存在", bad.display()),
                        )
                        .with_help(expected.map_or_else(
                            || "统计期限应为报告年度的1月1日至12月31日".to_owned(),
                            |y| format!("写作“{}”", canonical(y)),
                        )),
                    );
                    return;
                };
                self.check_bounds(ctx, p.dates, &written, (a, b), expected, title_label);
            }
            PeriodForm::WholeYear { .. } => {
                if let Some(bounds) = p.bounds() {
                    self.check_bounds(ctx, p.dates, &written, bounds, expected, title_label);
                }
            }
        }
    }
}

impl StatisticsPeriod {
    fn check_bounds(
        &self,
        ctx: &mut Context<'_>,
        at: Span,
        written: &str,
        (a, b): (jiff::civil::Date, jiff::civil::Date),
        expected: Option<i32>,
        title_label: impl Fn(Diagnostic) -> Diagnostic,
    ) {
        let Some(y) = expected else { return };
        let Ok(yy) = i16::try_from(y) else { return };
        let (Ok(first), Ok(last)) = (
            jiff::civil::Date::new(yy, 1, 1),
            jiff::civil::Date::new(yy, 12, 31),
        ) else {
            return;
        };
        if (a, b) == (first, last) {
            return;
        }
        let said = format!(
            "{}年{}月{}日至{}年{}月{}日",
            a.year(),
            a.month(),
            a.day(),
            b.year(),
            b.month(),
            b.day()
        );
        let right = canonical(y);
        let d = Diagnostic::error(at, format!("统计期限应为{right}，报告写的是{said}"))
            .with_span_label(format!("原文“{written}”"))
            .with_help(format!("统计期限应覆盖报告年度全年：“{right}”"))
            .with_fix(Fix::suggestion(
                format!("改为“{right}”"),
                vec![Edit::replace(at, right.clone())],
            ));
        ctx.report(title_label(d));
    }
}

use reportlint_core::jiff;

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, summarize};

    const TITLE: &str = "某县某某局2022年政府信息公开工作年度报告\n";

    fn doc(opening: &str) -> String {
        format!("{TITLE}{opening}\n一、总体情况\n2022年，我局……\n")
    }

    #[test]
    fn variants_pass() {
        for o in [
            "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
            "报告中所列数据统计期限从2022年1月1日到12月31日止。",
            "本年度报告中所列数据统计期限为2022年1月1日至12月31日。",
            "本报告所列数据统计期自 2022 年 1 月 1 日至 2022 年 12 月 31 日。",
            "本报告所列数据的统计期限自2022年1月1日至2022年12月31日止。",
            "本报告中使用数据统计期限为２０２２年１月１日至１２月３１日。",
            "本报告数据统计时限为2022年1月1日至12月31日。",
            "本报告中所列数据的统计期限为：2022年1月1日-2022年12月31日。",
            "本报告所列数据统计期限自2022年1月1日始至2022年12月31日止。",
            "统计时间为2022年1月1日—12月31日。",
            "本报告统计期限为2022.1.1-2022.12.31。",
            "本报告所列数据统计期限为2022年度（1月1日至12月31日）。",
            "本年度报告中所列数据统计期限从2022年1月1日到12月31日止。",
            "统计期限为2022年1月1日－2022年12月31日。",
            "统计期限为2022年1月1日–2022年12月31日。",
            "统计期限为2022年1月1日～2022年12月31日。",
            "统计期限为2022年1月1日~12月31日。",
            "统计期限为2022年1月1日−2022年12月31日。",
        ] {
            let t = doc(o);
            assert!(check(&StatisticsPeriod, &t).is_empty(), "{o}");
        }
        // CRLF line ends.
        let t = doc("本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。")
            .replace('\n', "\r\n");
        assert!(check(&StatisticsPeriod, &t).is_empty());
    }

    #[test]
    fn missing_sentence_is_reported_at_the_opening() {
        let t = doc("根据《条例》规定，现公布本局2022年度政府信息公开工作报告。");
        assert_eq!(
            summarize(&t, &check(&StatisticsPeriod, &t)),
            ["error 2:1 「根据《条例》规定，现公布本局2022年度政府信息公开工作报告」 报告开头缺少统计期限的说明"]
        );
    }

    #[test]
    fn stale_period_is_an_error_with_what_was_written() {
        let t = doc("本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。");
        let d = check(&StatisticsPeriod, &t);
        assert_eq!(
            summarize(&t, &d),
            ["error 2:15 「2021年1月1日起至2021年12月31日止」 统计期限应为2022年1月1日至2022年12月31日，报告写的是2021年1月1日至2021年12月31日"]
        );
        assert!(apply_fixes(&t, &d).contains("统计期限自2022年1月1日至2022年12月31日。"));
    }

    #[test]
    fn garbled_period_is_reported_with_what_was_understood() {
        let t = "清水县教育局2023年度政府信息公开工作年度报告\n报告中所列数据统计期限为 2023 11日到1231日。\n一、总体情况\n";
        assert_eq!(
            summarize(t, &check(&StatisticsPeriod, t)),
            ["error 2:14 「2023 11日到1231日」 统计期限写法残缺：原文“2023 11日到1231日”，只能理解为2023年1月1日至12月31日"]
        );
    }

    #[test]
    fn impossible_dates_and_half_periods() {
        let t = doc("统计期限自2022年1月1日起至2022年2月30日止。");
        assert_eq!(
            summarize(&t, &check(&StatisticsPeriod, &t)),
            ["error 2:17 「2022年2月30日」 统计期限中的日期“2022年2月30日”不存在"]
        );
        let t = doc("统计期限为2022年1月1日。");
        let d = check(&StatisticsPeriod, &t);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.starts_with("统计期限不完整"), "{:?}", d[0]);
        let t = doc("统计期限自2022年1月1日起至2022年6月30日止。");
        assert!(check(&StatisticsPeriod, &t)[0]
            .message
            .contains("报告写的是2022年1月1日至2022年6月30日"));
    }

    #[test]
    fn newer_wordings_still_catch_a_wrong_year_or_day() {
        let t = doc("本报告中所列数据的统计期限为：2021年1月1日-2021年12月31日。")
            .replace('\n', "\r\n");
        assert_eq!(
            summarize(&t, &check(&StatisticsPeriod, &t)),
            ["error 2:16 「2021年1月1日-2021年12月31日」 统计期限应为2022年1月1日至2022年12月31日，报告写的是2021年1月1日至2021年12月31日"]
        );
        let t = doc("本报告所列数据统计期限自2022年1月1日始至2022年12月30日止。");
        assert_eq!(
            summarize(&t, &check(&StatisticsPeriod, &t)),
            ["error 2:13 「2022年1月1日始至2022年12月30日止」 统计期限应为2022年1月1日至2022年12月31日，报告写的是2022年1月1日至2022年12月30日"]
        );
        let t = doc("统计时间为2022年1月1日～11月30日。");
        assert_eq!(check(&StatisticsPeriod, &t).len(), 1);
    }
}
