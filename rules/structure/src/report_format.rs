use reportlint_core::document::FormatEra;
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告采用的是哪一版格式，依据只有某一版才有的用语判断：
    ///
    /// - 2007年条例下2019年以前的内容清单（概述 / 主动公开政府信息情况 / 依申请公开 / 收费及减免 /
    ///   复议诉讼 / 问题和改进 / 以 `指标名称`·`计量单位` 为行的统计表、`历年累计`），以及2018年及以前
    ///   年度的任何报告；
    /// - 2019年试行格式（国办公开办函〔2019〕60号）：表二含 `本年新制作数量`、`本年新公开数量`、
    ///   `对外公开总数量`、`上一年项目数量`，有 `第二十条第（九）项` 子表；
    /// - 2021年格式（国办公开办函〔2021〕30号）：`本年制发件数`、`现行有效件数`、`本年处理决定数量`。
    ///
    /// 采用旧格式的报告得到一条指明格式的提示：按报告年度应当采用新格式时（2021年度起用2021年格式，
    /// 2019、2020年度用试行格式）为 warning，否则为 info，说明未按2021年格式检查各部分和表格。
    /// 为2021年格式编写的规则（六个部分、部分序号、三张统计表）对2019年以前的报告不再逐项报告缺失；
    /// 标题、统计期限、联系方式和落款照常检查。
    ///
    /// ## 为什么重要（Why it matters）
    /// 审核首先看是否采用现行格式：2021年度及以后的报告仍用试行格式或旧的内容清单，会被退回
    /// （国办公开办函〔2021〕30号；常见表现如“使用旧版表格（本年新制作数量、第二十条第（九）项）”、
    /// 沿用“概述”“收费及减免情况”等旧标题）。对旧报告，这条提示说明为何没有做2021年格式的检查，
    /// 而不是报出一连串“缺少”——那些部分和表格在它自己的格式里并不缺。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 某县2022年政府信息公开工作年度报告
    /// ……
    /// 第二十条第（一）项
    /// 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 某县2022年政府信息公开工作年度报告
    /// ……
    /// 第二十条第（一）项
    /// 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 报告中没有任何一版格式独有的用语时（文本在表格之前被截断，表格是图片），按2021年格式处理。
    /// 对旧格式，提示中列明未检查的内容（六个部分、部分序号、三张统计表）；2019年以前的统计表只检查
    /// 申请和答复两组的合计。
    pub struct ReportFormat {
        id: "structure/report-format",
        summary: "报告应使用其年度适用的年度报告格式",
        severity: Warning,
        fix: None,
    }
}

impl Rule for ReportFormat {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let evidence = doc.format_evidence();
        let era = evidence.era;
        if era == FormatEra::Y2021 {
            return;
        }
        // The report year as the title, the crawler's header or the opening gives it.
        let year = doc
            .analysis::<reportlint_core::dates::Dates>()
            .year()
            .or_else(|| doc.title_year());
        let at = evidence
            .sign
            .or_else(|| doc.title().filter(|t| !t.from_header).map(|t| t.span()))
            .or_else(|| {
                doc.lines()
                    .iter()
                    .find(|l| !l.is_blank())
                    .map(|l| l.content)
            })
            .unwrap_or(Span::empty(0));
        let what = match era {
            FormatEra::Pre2019 => {
                "本报告按2019年以前的年度报告内容（概述、依申请公开、收费及减免、统计表等）编写"
            }
            _ => "本报告使用2019年试行格式（国办公开办函〔2019〕60号）的统计表",
        };
        let expected = year.map(FormatEra::for_year);
        let d = match (year, expected) {
            (Some(y), Some(want)) if want > era => {
                let msg = format!("{what}，而{y}年度报告应使用{}", want.name());
                let help = match want {
                    FormatEra::Y2021 => "2021年度起按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编写：六个部分，表二为本年制发件数、本年废止件数、现行有效件数等栏目，表三“（六）其他处理”分三项",
                    _ => "2019、2020年度报告按国办公开办函〔2019〕60号附的年度报告格式（试行）编写：六个部分和三张统计表",
                };
                Diagnostic::warning(at, msg)
                    .with_span_label(format!("{}的栏目", era.name()))
                    .with_help(help)
            }
            _ => {
                let unchecked = match era {
                    FormatEra::Pre2019 => "未按2021年格式核对六个部分、部分序号和三张统计表",
                    _ => "统计表按试行格式的栏目核对",
                };
                let msg = match year {
                    Some(y) => format!("{what}（{y}年度报告适用的格式）；{unchecked}"),
                    None => format!("{what}；{unchecked}"),
                };
                Diagnostic::info(at, msg)
                    .with_help("2021年度起的报告应按国办公开办函〔2021〕30号规定的格式编写")
            }
        };
        ctx.report(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, summarize};

    use crate::test_support::GOOD;

    #[test]
    fn the_2021_format_passes() {
        assert!(check(&ReportFormat, GOOD).is_empty());
        let text = format!("{GOOD}信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n");
        assert!(check(&ReportFormat, &text).is_empty());
    }

    #[test]
    fn old_reports_get_one_info() {
        let cases = [
            "平潭综合实验区2016年度政府信息公开工作年度报告\n一、概述\n正文。\n七、统计表\n指标名称计量单位2016年度历年累计主动公开文件数条346085376\n",
            "某县2015年政府信息公开工作年度报告\r\n一、概述\r\n四、政府信息公开的收费及减免情况\r\n无。\r\n",
            "某市民政局２０１２年政府信息公开年度报告\n（一）概述\n正文。\n",
            "某镇2018年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n指标名称\t计量单位\t数量\n",
            "某局2013年度政府信息公开工作报告\n一、概述\n五、政府信息公开收费和减免情况\n",
        ];
        for text in cases {
            let d = check(&ReportFormat, text);
            assert_eq!(d.len(), 1, "{text}");
            assert_eq!(d[0].severity, Severity::Info, "{text}");
            assert!(d[0].message.contains("2019年以前"), "{}", d[0].message);
        }
        let d = check(&ReportFormat, cases[0]);
        assert_eq!(
            summarize(cases[0], &d),
            ["info 5:1 「指标名称」 本报告按2019年以前的年度报告内容（概述、依申请公开、收费及减免、统计表等）编写（2016年度报告适用的格式）；未按2021年格式核对六个部分、部分序号和三张统计表"]
        );
    }

    #[test]
    fn trial_format_in_its_own_years_is_info() {
        for year in ["2019", "2020", "２０２０"] {
            let text = format!("某区{year}年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n");
            let d = check(&ReportFormat, &text);
            assert_eq!(d.len(), 1, "{text}");
            assert_eq!(d[0].severity, Severity::Info);
        }
    }

    #[test]
    fn old_formats_in_2021_and_later_warn() {
        let cases = [
            (
                "某县2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量\n",
                "本年新制作数量",
            ),
            (
                "西咸新区太平镇2021年度政府信息公开工作年度报告\n第二十条第(九)项\n政府集中采购 采购项目数量 采购总金额\n",
                "第二十条第(九)项",
            ),
            (
                "某局2023年政府信息公开工作年度报告\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n",
                "上一年项目数量",
            ),
            (
                "某镇2022年政府信息公开工作年度报告\n一、概述\n三、政府信息公开的收费及减免情况\n指标名称 计量单位 本年度\n",
                "收费及减免",
            ),
            (
                "某镇2020年政府信息公开工作年度报告\r\n一、概述\r\n七、统计表\r\n指标名称\t计量单位\t本年度\t历年累计\r\n",
                "指标名称",
            ),
        ];
        for (text, sign) in cases {
            let d = check(&ReportFormat, text);
            assert_eq!(d.len(), 1, "{text}");
            assert_eq!(d[0].severity, Severity::Warning, "{text}");
            assert_eq!(&text[d[0].span.range()], sign);
        }
        let d = check(&ReportFormat, cases[0].0);
        assert!(
            d[0].message
                .ends_with("2022年度报告应使用2021年格式（国办公开办函〔2021〕30号）"),
            "{}",
            d[0].message
        );
        let d = check(&ReportFormat, cases[4].0);
        assert!(d[0].message.contains("2019年试行格式"), "{}", d[0].message);
    }
}
