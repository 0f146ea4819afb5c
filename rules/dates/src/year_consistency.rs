use reportlint_core::dates::{Dates, YearContext, YearSource};
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告提到本年度之处——开头的 `现公布…{Y}年度政府信息公开工作报告`、
    /// `结合{Y}年…政府信息公开工作实际`，总体情况的标题和开头几个字（`一、{Y}年政府信息公开总体情况`、
    /// `{Y}年，我镇…`）——年份应为报告年度 Y。Y 取标题中的年度；标题没有年度时，依次取统计期限、开头中的
    /// 年度。这些地方出现别的年份，是从上年报告遗留下来的旧年份。
    ///
    /// 别处的年份（`2019年以来`、与上年数字的对比）不检查。统计期限的句子由 `dates/statistics-period` 检查。
    ///
    /// ## 为什么重要（Why it matters）
    /// 报告常常是在上年报告上修改出来的；开头遗留的年份使报告与自己的标题矛盾，审核时会被退回
    /// （如2023年报正文写“本单位2022年度通过门户网站主动公开…”）。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告
    /// 现公布威海市文登区宋村镇人民政府2021年度政府信息公开工作报告。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告
    /// 现公布威海市文登区宋村镇人民政府2022年度政府信息公开工作报告。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 正文其余部分的年份（`2019年以来`、用于对比的上年数字、下一年的计划）不检查；需要上年报告才能
    /// 判断的——原样照抄的文字或表格数字——也不在本规则中检查，上年报告在手时由 `compare/copied-text`、
    /// `compare/same-data` 比对。
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
