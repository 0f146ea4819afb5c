use reportlint_core::completeness::Completeness;
use reportlint_core::prelude::*;
use reportlint_core::tables::{Found, Tables};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 第二、三、四部分各自以文本形式包含其统计表：表二（主动公开，四个子表）、表三（收到和处理政府信息
    /// 公开申请，25行×7列）和表四（行政复议、行政诉讼，15个单元格）。某部分的表格缺失，或以图片
    /// （`[image: …]`）、OCR 残留（`结 结 其 尚`）代替，就在该部分的标题处报告。采用2019年以前内容清单的
    /// 报告没有这几张表（它只有一张不同的统计表）：不报告，由 `structure/report-format` 指明其格式。
    ///
    /// ## 为什么重要（Why it matters）
    /// 《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）规定了这三张表；审核人员和
    /// 公众就是靠它们在机关之间、年度之间作比较。漏掉的表格，或以图片发布的表格，无法阅读、检索和核对。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 二、主动公开政府信息情况
    /// 三、收到和处理政府信息公开申请情况
    /// 四、政府信息公开行政复议、行政诉讼情况
    /// 五、存在的主要问题及改进情况
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 四、政府信息公开行政复议、行政诉讼情况
    /// 行政复议	行政诉讼
    /// 结果维持	结果纠正	其他结果	尚未审结	总计	未经复议直接起诉	复议后起诉
    /// 0	0	0	0	0	0	0	0	0	0	0	0	0	0	0
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 以图片给出的表格会报告，但其内容读不出来：reportlint 不做 OCR。已有的表格是否具备模板的行和单元格，
    /// 由 `tables/layout` 检查；其算术关系由 `tables/sums` 检查。文本在第二、三或四部分中断时
    /// （见 `structure/text-cut-short`），该部分的表格不报告缺失：它可能在截断处之后。
    pub struct Present {
        id: "tables/present",
        summary: "第二、三、四部分应以文字表格列出统计表",
        severity: Error,
        fix: None,
    }
}

impl Rule for Present {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let tables = ctx.doc().analysis::<Tables>();
        let cut = ctx.doc().analysis::<Completeness>();
        let found = [
            (
                missing(tables.proactive.as_ref()),
                "主动公开政府信息情况统计表（表二）",
            ),
            (
                missing(tables.requests.as_ref()),
                "收到和处理政府信息公开申请情况统计表（表三）",
            ),
            (
                missing(tables.appeals.as_ref()),
                "行政复议、行政诉讼情况统计表（表四）",
            ),
        ];
        for (m, name) in found {
            let Some((heading, image)) = m else { continue };
            // The part where a cut-short text breaks off may have its table after the cut.
            if image.is_none() && cut.cut_in_section_at(ctx.doc(), heading.start) {
                continue;
            }
            let d = match image {
                Some(img) => Diagnostic::error(heading, format!("{name}以图片代替，无法核对"))
                    .with_label(img, "此处是图片或识别残留，不是文字表格")
                    .with_help("以文字表格发布统计表，便于检索和核对数据"),
                None => Diagnostic::error(heading, format!("本部分缺少{name}"))
                    .with_help("按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）在本部分列出统计表，没有发生的事项填0"),
            };
            ctx.report(d);
        }
    }
}

fn missing<T>(f: Option<&Found<T>>) -> Option<(Span, Option<Span>)> {
    match f {
        Some(Found::Missing { heading, image }) => Some((*heading, *image)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, flagged};

    const EMPTY: &str = "一、总体情况\n2022年，我镇……\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n";

    #[test]
    fn missing_tables_are_errors_at_the_heading() {
        let d = check(&Present, EMPTY);
        assert_eq!(
            flagged(EMPTY, &d),
            [
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况"
            ]
        );
    }

    #[test]
    fn a_picture_is_not_a_table() {
        let text = "一、总体情况\n……\n四、政府信息公开行政复议、行政诉讼情况\n[image: 表四.png]\n五、存在的主要问题及改进情况\n无。\n";
        let d = check(&Present, text);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("图片"), "{:?}", d[0]);
        let text = "一、总体情况\n……\n四、政府信息公开行政复议、行政诉讼情况\n结 结 其 尚 总\n五、存在的主要问题及改进情况\n无。\n";
        assert!(check(&Present, text)[0].message.contains("图片"));
    }

    #[test]
    fn pre_2019_reports_have_none_of_the_three_tables() {
        for text in [
            "某区2016年政府信息公开工作年度报告\n一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n七、统计表\n指标名称\t计量单位\t本年度\n",
            "某县2015年度政府信息公开工作年度报告\r\n一、概述\r\n二、主动公开政府信息情况\r\n四、政府信息公开的收费及减免情况\r\n无。\r\n",
            "某局2013年政府信息公开年度报告\n一、概述\n二、主动公开政府信息情况\n三、依申请公开政府信息情况\n四、因政府信息公开申请行政复议、提起行政诉讼的情况\n",
            "某镇２０１７年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息的情况\n三、政府信息公开的收费和减免情况\n",
            "某街道2022年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n三、政府信息公开的收费及减免情况\n指标名称 计量单位 本年度\n",
        ] {
            assert!(check(&Present, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn tables_as_text_pass() {
        let text = "一、总体情况\n……\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n五、存在的主要问题及改进情况\n无。\n";
        assert!(check(&Present, text).is_empty());
    }
}
