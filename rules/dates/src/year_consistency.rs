use reportlint_core::dates::{Dates, YearContext, YearSource};
use reportlint_core::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Where the report speaks of its own year — `现公布…{Y}年度政府信息公开工作报告` and
    /// `结合{Y}年…政府信息公开工作实际` in the opening, the heading and first words of 总体情况
    /// (`一、{Y}年政府信息公开总体情况`, `{Y}年，我镇…`) — the year is the report year Y. Y is
    /// the title's year; without one, the statistics period's, then the opening's. A different
    /// year in one of these places is a stale year left from last year's report.
    ///
    /// Years elsewhere (`2019年以来`, last year's figures compared) are not checked. The period
    /// sentence is `dates/statistics-period`'s.
    ///
    /// ## Why it matters
    /// Reports are often made by editing last year's; a year left behind in the opening makes
    /// the report contradict its own title (report-format.md §6 E3, E4), and reviewers send such
    /// reports back.
    ///
    /// ## Example (bad)
    /// ```text
    /// 威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告
    /// 现公布威海市文登区宋村镇人民政府2021年度政府信息公开工作报告。
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告
    /// 现公布威海市文登区宋村镇人民政府2022年度政府信息公开工作报告。
    /// ```
    ///
    /// ## What it does not check
    /// Years in the rest of the text (`2019年以来`, last year's figures given for comparison, plans for
    /// next year) are not checked, and neither is anything that needs last year's report — text or
    /// table figures copied unchanged from it.
    pub struct YearConsistency {
        id: "dates/year-consistency",
        summary: "报告述及本年度之处的年份应与报告年度一致",
        severity: Error,
        fix: Sometimes,
    }
}

impl Rule for YearConsistency {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let dates = doc.analysis::<Dates>();
        let Some(y) = dates.report_year else { return };
        let from = match y.source {
            YearSource::Title => "标题",
            YearSource::Period => "统计期限",
            YearSource::Opening => "开头",
        };
        for own in &dates.own_years {
            if own.value == y.value || own.span == y.span {
                continue;
            }
            let place = match own.context {
                YearContext::Opening => "开头部分",
                YearContext::Overview => "“总体情况”开头",
            };
            let d = Diagnostic::error(
                own.span,
                format!(
                    "{place}写的是{}年，报告年度（{from}）为{}年",
                    own.value, y.value
                ),
            )
            .with_span_label("疑为沿用往年报告的年份")
            .with_label(y.span, format!("{from}的年度"))
            .with_help(format!("改为“{}”，或核对报告年度", y.value))
            .with_fix(Fix::suggestion(
                format!("改为{}", y.value),
                vec![Edit::replace(own.span, y.value.to_string())],
            ));
            ctx.report(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, summarize};

    #[test]
    fn matching_years_pass() {
        for t in [
            "威海市文登区宋村镇人民政府\n2022年政府信息公开工作年度报告\n现公布威海市文登区宋村镇人民政府2022年度政府信息公开工作报告。\n一、总体情况\n2022年，我镇……\n",
            "某局2022年政府信息公开工作年度报告\n根据……要求，结合2022年某局政府信息公开工作实际，编制本报告。\n一、总体情况\n2019年以来，我局……\n",
            "某局2022年政府信息公开工作年度报告\r\n现发布《某局２０２２年政府信息公开工作年度报告》。\r\n一、总体情况\r\n",
        ] {
            assert!(check(&YearConsistency, t).is_empty(), "{t}");
        }
    }

    #[test]
    fn stale_year_in_the_opening() {
        let t = "威海市文登区宋村镇人民政府\n2022年政府信息公开工作年度报告\n现公布威海市文登区宋村镇人民政府2021年度政府信息公开工作报告。\n一、总体情况\n2022年，我镇……\n";
        let d = check(&YearConsistency, t);
        assert_eq!(
            summarize(t, &d),
            ["error 3:17 「2021」 开头部分写的是2021年，报告年度（标题）为2022年"]
        );
        assert!(apply_fixes(t, &d).contains("人民政府2022年度政府信息公开工作报告"));
    }

    #[test]
    fn stale_year_in_the_overview_and_period_as_year() {
        let t = "根据条例，现公布本报告。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n一、2022年政府信息公开总体情况\n2022年，我局……\n";
        let d = check(&YearConsistency, t);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].message.contains("报告年度（统计期限）为2023年"));
    }
}
