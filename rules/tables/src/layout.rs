use reportlint_core::prelude::*;
use reportlint_core::tables::{
    Cell, CellValue, Found, ProRowKey, Tables, Unverifiable, APPEAL_COLS, APPEAL_GROUPS,
};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 每张统计表都应具备模板的行和列（国办公开办函〔2021〕30号所附表二、表三、表四），每个单元格都有数字：
    ///
    /// - warning：缺少模板中的某一行；单元格空白，或填 `/`、`-`（模板要求填 `0`；没有规章制定权的机关在
    ///   规章一行填 `/` 只给 info）。采用2019年试行格式的表格按试行格式读（它的列，以及不分项的
    ///   `（六）其他处理` 一行）；2021年度及以后的报告应采用2021年格式，由 `structure/report-format` 指出一次；
    /// - info：一行的单元格无法区分，因而无法核对算术关系——典型的是抓取得到的文本中几个单元格的数字连在
    ///   一起（`…申请数量640020470`）。只在拆分方式确定时才拆开（数字个数等于单元格数、整行为0、每格之间
    ///   都有空格），从不猜测。
    ///
    /// ## 为什么重要（Why it matters）
    /// 空白单元格和无法读取的表格是审核人员最常指出的问题之一（如上海市政府办公厅2019年报表三“总计”列
    /// 除（七）外全部空白）：空白不等于0，读不出的表格也无法核对。2021年格式（国办公开办函〔2021〕30号）
    /// 自2021年度报告起取代了2019年试行格式。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 二、上年结转政府信息公开申请数量 | 18 |  |  |  |  |  | 18
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 二、上年结转政府信息公开申请数量 | 18 | 0 | 0 | 0 | 0 | 0 | 18
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 几个单元格连在一起的数字从不靠猜测拆分：这样的行报告为未检查（info），不核对其算术关系。数字对该机关
    /// 是否合理、发布的表格是否有可见的边框，从文本无从判断。以图片形式给出的表格没有行可查（由
    /// `tables/present` 报告）。文本在某张表所在部分中断时（见 `structure/text-cut-short`），截断处之后的行
    /// 不报告缺失，表格也不报告为无法读取。
    pub struct TableLayout {
        id: "tables/layout",
        summary: "统计表应符合模板的行列，每格填写数字",
        severity: Warning,
        fix: None,
    }
}

/// Cells the template wants a number in, by row: (row anchor, row name, [(column, cell)]).
type Gaps<'a> = Vec<(Span, String, Vec<(&'a str, Cell)>)>;

impl Rule for TableLayout {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let tables = doc.analysis::<Tables>();
        let first_line = |s: Span| {
            let t = doc.slice(s);
            let t = t.trim_end_matches(['\n', '\r']);
            let end = t.find('\n').unwrap_or(t.len());
            Span::new(s.start, s.start + end)
        };

        // A text cut short inside a table's section (see `structure/text-cut-short`): the rows
        // after the cut are missing from the text, not from the report.
        let cut = doc.analysis::<reportlint_core::completeness::Completeness>();
        let cut_off = |at: Span| cut.cut_in_section_at(doc, at.start);
        let unreadable = [
            (tables.proactive.as_ref().map(unreadable_of), "表二"),
            (tables.requests.as_ref().map(unreadable_of), "表三"),
            (tables.appeals.as_ref().map(unreadable_of), "表四"),
        ];
        for (u, name) in unreadable {
            if let Some(Some(region)) = u {
                if !cut_off(region) {
                    ctx.report(
                        Diagnostic::info(
                            first_line(region),
                            format!("{name}没有读出数据行，无法核对"),
                        )
                        .with_help(
                            "统计表应以表格或制表符、竖线分隔的文字给出，每行写明行标签和数字",
                        ),
                    );
                }
            }
        }

        if let Some(Found::Table(t)) = &tables.proactive {
            if !t.missing.is_empty() && !cut_off(t.span) {
                let names: Vec<String> = t
                    .missing
                    .iter()
                    .map(|k| format!("“{}”", k.label()))
                    .collect();
                ctx.report(
                    Diagnostic::warning(first_line(t.span), format!("表二缺少{}行", names.join("")))
                        .with_help("表二应有第二十条第（一）（五）（六）（八）项四个分表：规章、行政规范性文件、行政许可、行政处罚、行政强制、行政事业性收费"),
                );
            }
            let mut gaps: Gaps = Vec::new();
            let mut slash_rules = None;
            for r in &t.rows {
                let Some(cells) = &r.cells else { continue };
                // Most rows are filled in: nothing to gather.
                if !cells.iter().any(Cell::is_missing) {
                    continue;
                }
                let cols = r.key.columns(t.format);
                let missing: Vec<(&str, Cell)> = cells
                    .iter()
                    .zip(cols)
                    .filter(|(c, _)| c.is_missing())
                    .map(|(c, n)| (*n, *c))
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                if r.key == ProRowKey::Rules
                    && missing.len() == cells.len()
                    && missing.iter().all(|(_, c)| c.value == CellValue::Slash)
                {
                    slash_rules = Some(r.label);
                    continue;
                }
                gaps.push((r.label, r.key.label().to_owned(), missing));
            }
            if let Some(at) = slash_rules {
                ctx.report(
                    Diagnostic::info(at, "表二“规章”行填写“/”")
                        .with_help("没有规章制定权的机关可以填“/”，但模板要求填写数字，填0更规范"),
                );
            }
            report_gaps(ctx, "表二", gaps);
            for u in &t.unverifiable {
                report_unverifiable(ctx, "表二", u);
            }
        }

        if let Some(Found::Table(t)) = &tables.requests {
            if !t.missing.is_empty() && !cut_off(t.span) {
                let names: Vec<String> = t
                    .missing
                    .iter()
                    .map(|k| format!("“{}”", k.label()))
                    .collect();
                ctx.report(
                    Diagnostic::warning(
                        first_line(t.span),
                        format!("表三缺少{}行：{}", t.missing.len(), names.join("")),
                    )
                    .with_help("表三应有25行：一、二，三下的（一）（二）、（三）1-8、（四）1-3、（五）1-5、（六）1-3、（七）总计，以及四"),
                );
            }
            let cols = t.columns();
            let mut gaps: Gaps = Vec::new();
            for r in &t.rows {
                let Some(cells) = &r.cells else { continue };
                if !cells.iter().any(Cell::is_missing) {
                    continue;
                }
                let missing: Vec<(&str, Cell)> = cells
                    .iter()
                    .zip(cols)
                    .filter(|(c, _)| c.is_missing())
                    .map(|(c, col)| (col.label(), *c))
                    .collect();
                if !missing.is_empty() {
                    gaps.push((r.anchor(), r.key.label().to_owned(), missing));
                }
            }
            report_gaps(ctx, "表三", gaps);
            for u in &t.unverifiable {
                report_unverifiable(ctx, "表三", u);
            }
        }

        if let Some(Found::Table(t)) = &tables.appeals {
            if let Some(cells) = &t.cells {
                let missing: Vec<(&str, Cell)> = cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.is_missing())
                    .map(|(i, c)| (APPEAL_COLS[i % 5], *c))
                    .collect();
                if !missing.is_empty() {
                    let groups: Vec<&str> = cells
                        .chunks(5)
                        .zip(APPEAL_GROUPS)
                        .filter(|(g, _)| g.iter().any(|c| c.is_missing()))
                        .map(|(_, n)| n)
                        .collect();
                    report_gaps(ctx, "表四", vec![(t.values, groups.join("、"), missing)]);
                }
            }
            if let Some(u) = &t.unverifiable {
                report_unverifiable(ctx, "表四", u);
            }
        }
    }
}

fn unreadable_of<T>(f: &Found<T>) -> Option<Span> {
    match f {
        Found::Unreadable { region, .. } => Some(*region),
        _ => None,
    }
}

fn what(c: &Cell) -> &'static str {
    match c.value {
        CellValue::Slash => "“/”",
        CellValue::Dash => "“-”",
        _ => "空白",
    }
}

/// One finding per table: how many cells hold no number, with a label on each row concerned.
fn report_gaps(ctx: &mut Context<'_>, table: &str, gaps: Gaps) {
    if gaps.is_empty() {
        return;
    }
    let count: usize = gaps.iter().map(|g| g.2.len()).sum();
    let mut kinds: Vec<&str> = gaps
        .iter()
        .flat_map(|g| g.2.iter().map(|(_, c)| what(c)))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let total_col = gaps
        .iter()
        .filter(|g| g.2.iter().any(|(n, _)| *n == "总计"))
        .count();
    let mut message = format!(
        "{table}有{count}个单元格为{}，没有填写数字",
        kinds.join("或")
    );
    if total_col > 1 && table == "表三" {
        message.push_str(&format!("（其中“总计”列{total_col}处）"));
    }
    let mut d = Diagnostic::warning(gaps[0].0, message).with_span_label(format!(
        "“{}”：{}",
        gaps[0].1,
        describe_row(&gaps[0].2)
    ));
    for (anchor, name, cells) in gaps.iter().skip(1).take(11) {
        d = d.with_label(*anchor, format!("“{name}”：{}", describe_row(cells)));
    }
    if gaps.len() > 12 {
        d = d.with_label(gaps[12].0, format!("……另有{}行", gaps.len() - 12));
    }
    ctx.report(d.with_help(
        "模板要求每格填写数字，没有发生的填0；空白、“/”或“-”无法与0区分，也无法核对勾稽关系",
    ));
}

fn describe_row(cells: &[(&str, Cell)]) -> String {
    let names: Vec<String> = cells
        .iter()
        .map(|(n, c)| format!("{n}{}", what(c)))
        .collect();
    names.join("、")
}

fn report_unverifiable(ctx: &mut Context<'_>, table: &str, u: &Unverifiable) {
    let row = u.row.map_or(String::new(), |r| format!("“{r}”行"));
    ctx.report(
        Diagnostic::info(u.span, format!("{table}{row}无法核对：{}", u.reason.describe()))
            .with_help("各单元格应分开书写（以表格、制表符或空格分隔）；本工具不猜测数字的分界，该行的勾稽关系未核对"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, summarize};

    fn t4(values: &str) -> String {
        format!("一、总体情况\n……\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n{values}\n五、存在的主要问题及改进情况\n无。\n")
    }

    #[test]
    fn blank_cells_warn() {
        let text = t4("5 |  |  | 2 | 7 || 8 | 0 | 0 | 1 | 9 || 0 | 0 | 0 | 0 | 0");
        let d = check(&TableLayout, &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.starts_with("表四有2个单元格为空白"),
            "{}",
            d[0].message
        );
        assert!(check(
            &TableLayout,
            &t4("5 | 0 | 0 | 2 | 7 || 8 | 0 | 0 | 1 | 9 || 0 | 0 | 0 | 0 | 0")
        )
        .is_empty());
    }

    #[test]
    fn run_together_digits_are_unverifiable_not_guessed() {
        let text = "一、总体情况\n……\n四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计10203120001200000 五、存在的主要问题及改进情况 无。\n";
        let d = check(&TableLayout, text);
        assert_eq!(
            summarize(text, &d),
            ["info 3:96 「10203120001200000」 表四无法核对：各单元格的数字连写在一起，无法确定分界，无法核对"]
        );
        // every cell one digit: certain
        let text = text.replace("10203120001200000", "110024001510102");
        assert!(check(&TableLayout, &text).is_empty());
    }

    #[test]
    fn old_format_tables_are_read_in_their_own_format() {
        // `structure/report-format` names the format once; this rule says nothing of it and
        // finds no missing 2021 rows in a trial-format Table 二.
        let text = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n……\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量\n规章 | 0 | 0 | 0\n规范性文件 | 1 | 1 | 5\n三、收到和处理政府信息公开申请情况\n";
        let d = check(&TableLayout, text);
        assert!(!d.iter().any(|d| d.message.contains("试行格式")), "{d:?}");
    }
}
