use reportlint_core::prelude::*;
use reportlint_core::region::{AgencyKind, AgencyRegion, Level};
use reportlint_core::tables::{
    Cell, CellValue, Format, Found, ProRowKey, Tables, APPEAL_COLS, APPEAL_GROUPS,
};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 表二、表三、表四单元格中的数值：
    ///
    /// - **error**：件数不是非负整数——`-1`、`0.5`，或 `1,5`（不是千位分隔的逗号）。2019年格式的
    ///   `本年增/减` 列可以为负数，不检查；
    /// - **warning**：表二的收费单元格（`本年收费金额（单位：万元）`）小数超过四位（`24252.311082`：
    ///   很可能是以元为单位的金额，或公式的原始结果）；
    /// - **error**：不能制定规章的机关，在表二 `规章` 一行的 `本年制发件数` 或 `现行有效件数` 大于0——
    ///   只有省、自治区、直辖市和设区的市、自治州的人民政府可以制定规章（立法法第九十三条），其办公厅（室）
    ///   代为报告。乡镇、街道、县级人民政府或部门填规章大于0，是把行政规范性文件当成了规章。它们在这里填
    ///   `/`、`-` 或空白都可以。仅在机关的地区和类别都确定时检查；
    /// - **error**：规章或行政规范性文件的 `本年制发件数` 大于 `现行有效件数` + `本年废止件数`：上年末的
    ///   存量就成了负数。
    ///
    /// ## 为什么重要（Why it matters）
    /// 负数或小数的件数不可能正确，还让表中所有关系都变得可疑；乡镇报了规章，是评估中的典型问题
    /// （如桃江县松木塘镇2022年报：乡镇却报“规章 2件”）。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 桃江县松木塘镇人民政府2022年政府信息公开工作年度报告
    /// …
    /// 规章	2	0	2
    /// 行政规范性文件	1	0	-1
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 规章	0	0	0
    /// 行政规范性文件	1	0	3
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 无法区分的单元格（由 `tables/layout` 指出）；看似合理的整数是否正确；地区或类别不确定的机关的规章一行。
    pub struct Values {
        id: "tables/values",
        summary: "统计表中的件数应为非负整数，规章只有省和设区的市人民政府才能制定",
        severity: Error,
        fix: None,
    }
}

/// Whether the cell's text uses a comma that is no thousands separator (`1,5`, `12,34`).
fn bad_comma(text: &str) -> bool {
    if !text.contains([',', '，']) {
        return false;
    }
    let body = text.trim_start_matches(['-', '－']);
    let mut groups = body.split([',', '，']);
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    let rest_ok = groups.all(|g| {
        let int = g.split(['.', '．']).next().unwrap_or("");
        int.len() == 3 && int.bytes().all(|b| b.is_ascii_digit())
    });
    !(first_ok && rest_ok)
}

fn decimals(text: &str) -> usize {
    text.split_once(['.', '．']).map_or(0, |(_, f)| {
        f.chars().take_while(|c| c.is_ascii_digit()).count()
    })
}

struct Checker<'a, 'c> {
    ctx: &'a mut Context<'c>,
}

impl Checker<'_, '_> {
    /// A count cell: a non-negative whole number.
    /// `place` names the cell for the message; it is made only for a cell at fault (most cells
    /// of most reports are fine, and a name per cell cost more than the check).
    #[inline]
    fn count(&mut self, cell: &Cell, place: impl FnOnce() -> String) {
        // Most cells hold a small non-negative integer and nothing else. A text holding a comma
        // holds the number's digits besides it, so it is longer than the number has digits:
        // a cell no longer than that has no comma to check, and its text is not looked at.
        if let CellValue::Int(v) = cell.value {
            // (The length without `Span::len`, a call across crates in builds without LTO.)
            let len = cell.span.end - cell.span.start;
            if v >= 0 && (len <= 1 || len <= v.checked_ilog10().map_or(1, |d| d as usize + 1)) {
                return;
            }
        }
        self.count_other(cell, place);
    }

    /// [`Checker::count`] for a cell that is no plain small integer.
    #[inline(never)]
    fn count_other(&mut self, cell: &Cell, place: impl FnOnce() -> String) {
        let doc = self.ctx.doc();
        let problem = match cell.value {
            CellValue::Int(v) if v < 0 => Some(format!("为 {v}，件数不能为负数")),
            CellValue::Decimal(v) => Some(format!("为 {v}，件数应为整数")),
            CellValue::Int(_) if bad_comma(doc.slice(cell.span)) => Some(format!(
                "写作“{}”，不是有效的整数（逗号不是千位分隔符）",
                doc.slice(cell.span)
            )),
            _ => None,
        };
        if let Some(problem) = problem {
            self.ctx.report(
                Diagnostic::error(cell.span, format!("{}{problem}", place()))
                    .with_help("统计表中的件数应为0或正整数；核对原始台账后改正"),
            );
        }
    }
}

impl Rule for Values {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let tables = ctx.doc().analysis::<Tables>();
        let mut c = Checker { ctx };
        if let Some(Found::Table(t)) = &tables.proactive {
            for row in &t.rows {
                let Some(cells) = &row.cells else { continue };
                let columns = row.key.columns(t.format);
                for (cell, col) in cells.iter().zip(columns) {
                    let place = || format!("表二“{}”行“{col}”", row.key.label());
                    match (row.key, *col) {
                        (ProRowKey::Fees, _) if t.format == Format::Y2021 => {
                            fee(&mut c, cell, &place())
                        }
                        // The 2019 format's change column may be negative; its money columns
                        // hold amounts.
                        (_, "本年增/减" | "采购总金额") => {}
                        _ => c.count(cell, place),
                    }
                }
                if t.format == Format::Y2021
                    && matches!(row.key, ProRowKey::Rules | ProRowKey::Normative)
                {
                    stock(&mut c, row.key.label(), cells);
                }
            }
            if t.format == Format::Y2021 {
                if let Some(row) = t.row(ProRowKey::Rules) {
                    if let Some(cells) = &row.cells {
                        rules_maker(&mut c, cells);
                    }
                }
            }
        }
        if let Some(Found::Table(t)) = &tables.requests {
            let cols = t.columns();
            for row in &t.rows {
                let Some(cells) = &row.cells else { continue };
                for (cell, col) in cells.iter().zip(cols) {
                    c.count(cell, || {
                        format!("表三“{}”行“{}”列", row.key.short(), col.label())
                    });
                }
            }
        }
        if let Some(Found::Table(t)) = &tables.appeals {
            if let Some(cells) = &t.cells {
                for (i, cell) in cells.iter().enumerate() {
                    c.count(cell, || {
                        format!("表四“{}”的“{}”", APPEAL_GROUPS[i / 5], APPEAL_COLS[i % 5])
                    });
                }
            }
        }
    }
}

fn fee(c: &mut Checker<'_, '_>, cell: &Cell, place: &str) {
    let text = c.ctx.doc().slice(cell.span).to_owned();
    if cell.number().is_some_and(|v| v < 0.0) {
        c.ctx.report(
            Diagnostic::error(cell.span, format!("{place}为 {text}，金额不能为负数"))
                .with_help("核对收费金额后改正"),
        );
        return;
    }
    let n = decimals(&text);
    if n > 4 {
        c.ctx.report(
            Diagnostic::warning(
                cell.span,
                format!("{place}为 {text}，有 {n} 位小数：单位是万元，疑为按元填写或未取整"),
            )
            .with_help(
                "金额以万元为单位，一般保留至多四位小数（即精确到元）；按元填写的应除以 10000",
            ),
        );
    }
}

/// 本年制发 ≤ 现行有效 + 本年废止 (the stock at the end of last year is not negative).
fn stock(c: &mut Checker<'_, '_>, label: &str, cells: &[Cell]) {
    let [made, repealed, current] = [0, 1, 2].map(|i| cells.get(i).and_then(Cell::int));
    let (Some(made), Some(repealed), Some(current)) = (made, repealed, current) else {
        return;
    };
    if made < 0 || repealed < 0 || current < 0 {
        return;
    }
    if made > current + repealed {
        c.ctx.report(
            Diagnostic::error(
                cells[0].span,
                format!(
                    "表二“{label}”本年制发 {made} 件，大于现行有效 {current} 件与本年废止 {repealed} 件之和 {}：上年末现行有效件数将为 {}",
                    current + repealed,
                    current + repealed - made
                ),
            )
            .with_label(cells[2].span, "现行有效件数")
            .with_help("现行有效件数 = 上年末现行有效 + 本年制发 − 本年废止，应不小于本年制发 − 本年废止；核对三个数"),
        );
    }
}

/// 规章 > 0 in the report of an agency that cannot make 规章.
fn rules_maker(c: &mut Checker<'_, '_>, cells: &[Cell]) {
    let made = cells.first().and_then(Cell::int).unwrap_or(0);
    let current = cells.get(2).and_then(Cell::int).unwrap_or(0);
    if made <= 0 && current <= 0 {
        return;
    }
    let doc = c.ctx.doc();
    let region = doc.analysis::<AgencyRegion>();
    let (Some(path), Some(name)) = (region.path(), region.name.as_ref()) else {
        return;
    };
    let n = name.name.as_str();
    let government =
        n.ends_with("人民政府") || n.ends_with("人民政府办公室") || n.ends_with("人民政府办公厅");
    let level = path.level();
    let may_make = government
        && matches!(region.kind, AgencyKind::Government | AgencyKind::Department)
        && (level == Level::Province
            || (level == Level::City && !n.contains("地区") && !n.contains('盟')));
    if may_make || region.kind == AgencyKind::Unknown {
        return;
    }
    let who = match region.kind {
        AgencyKind::Town => "乡镇、街道",
        AgencyKind::Department => "政府部门",
        _ => "县级人民政府",
    };
    let cell = if made > 0 { cells[0] } else { cells[2] };
    let what = if made > 0 {
        "本年制发"
    } else {
        "现行有效"
    };
    let count = if made > 0 { made } else { current };
    c.ctx.report(
        Diagnostic::error(
            cell.span,
            format!("{n}是{who}，不能制定规章，表二“规章”{what}却为 {count} 件"),
        )
        .with_help("只有省、自治区、直辖市和设区的市、自治州的人民政府可以制定规章（立法法第九十三条）；本机关制发的文件应计入“行政规范性文件”，规章一行填 0"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, flagged};

    const T2_HEAD: &str = "二、主动公开政府信息情况\n\
        第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n";
    const T2_REST: &str = "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t12\n\
        第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t3\n行政强制\t0\n\
        第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t{FEE}\n\
        三、收到和处理政府信息公开申请情况\n正文。\n";

    fn report(agency: &str, rules: &str, normative: &str, fee: &str) -> String {
        format!(
            "{agency}2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n{T2_HEAD}规章\t{rules}\n行政规范性文件\t{normative}\n{}",
            T2_REST.replace("{FEE}", fee)
        )
    }

    #[test]
    fn negative_fractional_and_bad_commas() {
        for (normative, bad) in [
            ("1\t0\t-1", "-1"),
            ("0.5\t0\t3", "0.5"),
            ("1,5\t0\t20", "1,5"),
        ] {
            let text = report("威海市文登区人民政府", "0\t0\t0", normative, "0");
            let d = check(&Values, &text);
            assert_eq!(flagged(&text, &d), [bad], "{normative}");
        }
    }

    #[test]
    fn good_values_pass() {
        for (normative, fee) in [
            ("1\t0\t3", "0"),
            ("12\t2\t1,234", "9116.36"),
            ("0\t0\t0", "0.1"),
            ("/\t/\t5", "1.2345"),
            ("3\t1\t2", "0"),
        ] {
            let text = report("威海市文登区人民政府", "0\t0\t0", normative, fee);
            assert!(check(&Values, &text).is_empty(), "{normative} {fee}");
        }
    }

    #[test]
    fn a_fee_in_yuan() {
        let text = report(
            "平潭综合实验区管理委员会",
            "0\t0\t0",
            "1\t0\t3",
            "24252.311082",
        );
        let d = check(&Values, &text);
        assert_eq!(flagged(&text, &d), ["24252.311082"]);
        assert!(d[0].message.contains("有 6 位小数"));
    }

    #[test]
    fn negative_stock_last_year() {
        let text = report("威海市文登区人民政府", "0\t0\t0", "5\t1\t3", "0");
        let d = check(&Values, &text);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .contains("本年制发 5 件，大于现行有效 3 件与本年废止 1 件之和 4"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn who_may_make_rules() {
        // A town, a county-level government and a department may not.
        for agency in [
            "桃江县松木塘镇人民政府",
            "威海市文登区人民政府",
            "威海市生态环境局",
        ] {
            let text = report(agency, "2\t0\t2", "1\t0\t3", "0");
            let d = check(&Values, &text);
            assert_eq!(flagged(&text, &d), ["2"], "{agency}");
            assert!(d[0].message.contains("不能制定规章"), "{}", d[0].message);
        }
        // A province's and a 设区的市's government (and its office) may.
        for agency in ["山东省人民政府", "威海市人民政府", "威海市人民政府办公室"]
        {
            let text = report(agency, "2\t0\t2", "1\t0\t3", "0");
            assert!(check(&Values, &text).is_empty(), "{agency}");
        }
        // `/` and 0 are fine for everybody.
        let text = report("桃江县松木塘镇人民政府", "/\t/\t/", "1\t0\t3", "0");
        assert!(check(&Values, &text).is_empty());
    }
}
