use reportlint_core::prelude::*;
use reportlint_core::tables::{
    AppealsTable, Cell, Col, Found, Group, RequestsTable, RowKey, Tables, APPEAL_COLS,
    APPEAL_GROUPS,
};

use crate::util::{addend, shown, terms};

declare_rule! {
    /// ## What it checks
    /// The arithmetic of the statistics tables (report-format.md §3.3, §4.2):
    ///
    /// - T3-1, in every column of Table 三 (the template's own note): 一 + 二 = （七）总计 + 四;
    /// - T3-2, in every row: 总计 = 自然人 + the five 法人或其他组织 columns (and an added
    ///   `法人或其他组织小计` column = the five columns);
    /// - T3-3, in every column: （七）总计 = the sum of all outcome rows （一） to （六）;
    /// - T3-4, where an agency added subtotal rows: （三） = 1–8, （四） = 1–3, （五） = 1–5,
    ///   （六） = 1–3;
    /// - T4-1, in each of the three groups of Table 四: 总计 = 结果维持 + 结果纠正 + 其他结果 +
    ///   尚未审结.
    ///
    /// The message shows the arithmetic; the primary span is the cell that disagrees and labels
    /// mark the cells it was compared with. Blank, `/` and `-` cells count as 0 among the
    /// addends (`tables/layout` reports them); a relation whose total cell holds no number is not
    /// checked, nor is a row whose cells could not be told apart.
    ///
    /// ## Why it matters
    /// Figures that do not add up (数据失准, 勾稽关系错误) are the reviewers' most common finding
    /// (report-format.md §6, E2). Table 三 prints its own relation:
    /// （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）.
    ///
    /// ## Example (bad)
    /// ```text
    /// 一、本年新收政府信息公开申请数量	21	0	0	0	0	0	21
    /// 二、上年结转政府信息公开申请数量	0	0	0	0	0	0	0
    /// …
    /// （七）总计	27	0	0	0	0	0	27
    /// 四、结转下年度继续办理	0	0	0	0	0	0	0
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 一、本年新收政府信息公开申请数量	21	0	0	0	0	0	21
    /// 二、上年结转政府信息公开申请数量	0	0	0	0	0	0	0
    /// …
    /// （七）总计	21	0	0	0	0	0	21
    /// 四、结转下年度继续办理	0	0	0	0	0	0	0
    /// ```
    pub struct Sums {
        id: "tables/sums",
        summary: "统计表的勾稽关系应成立",
        severity: Error,
        fix: None,
    }
}

/// The note printed in Table 三.
pub const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

impl Rule for Sums {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let tables = ctx.doc().analysis::<Tables>();
        if let Some(Found::Table(t)) = &tables.requests {
            t3_1(ctx, t);
            t3_2(ctx, t);
            t3_3(ctx, t);
            t3_4(ctx, t);
        }
        if let Some(Found::Table(t)) = &tables.appeals {
            t4_1(ctx, t);
        }
    }
}

/// Labels on the cells compared, skipping zero-width (blank) ones.
fn with_labels(mut d: Diagnostic, cells: &[(String, &Cell)]) -> Diagnostic {
    for (name, c) in cells {
        if !c.span.is_empty() {
            d = d.with_label(c.span, format!("{name}：{}", shown(c)));
        }
    }
    d
}

fn t3_1(ctx: &mut Context<'_>, t: &RequestsTable) {
    for &col in t.columns() {
        let get = |k| t.cell(k, col);
        let (Some(a), Some(b), Some(total), Some(d)) = (
            get(RowKey::New),
            get(RowKey::Carried),
            get(RowKey::Total),
            get(RowKey::CarryOver),
        ) else {
            continue;
        };
        let Some(tv) = total.int() else { continue };
        let carry = d;
        let (Some(av), Some(bv), Some(dv)) = (addend(a), addend(b), addend(carry)) else {
            continue;
        };
        if av + bv == tv + dv {
            continue;
        }
        let msg = format!(
            "表三“{}”列：一+二 = {av}+{bv} = {}，（七）总计+四 = {tv}+{dv} = {}，两者应相等",
            col.label(),
            av + bv,
            tv + dv
        );
        let d = Diagnostic::error(total.span, msg)
            .with_span_label(format!("（七）总计：{tv}"))
            .with_help(format!("表三注明：{T3_NOTE}"));
        let d = with_labels(
            d,
            &[
                ("一".to_owned(), a),
                ("二".to_owned(), b),
                ("四".to_owned(), carry),
            ],
        );
        ctx.report(d);
    }
}

fn t3_2(ctx: &mut Context<'_>, t: &RequestsTable) {
    let cols = t.columns();
    for row in &t.rows {
        let Some(cells) = &row.cells else { continue };
        let cell = |c: Col| cols.iter().position(|&x| x == c).map(|i| &cells[i]);
        let Some(total) = cell(Col::Total) else {
            continue;
        };
        let orgs: Vec<&Cell> = Col::ORGS.iter().filter_map(|&c| cell(c)).collect();
        let Some(natural) = cell(Col::Natural) else {
            continue;
        };
        let Some(org_values) = orgs.iter().map(|c| addend(c)).collect::<Option<Vec<i64>>>() else {
            continue;
        };
        let Some(nv) = addend(natural) else { continue };
        let name = row.key.label();
        // The added 小计 column: 小计 = the five organisation columns.
        if let Some(sub) = cell(Col::OrgSubtotal) {
            if let Some(sv) = sub.int() {
                let sum: i64 = org_values.iter().sum();
                if sv != sum {
                    let d = Diagnostic::error(
                        sub.span,
                        format!(
                            "表三“{name}”行：法人或其他组织各列之和 = {} = {sum}，“法人或其他组织小计”为{sv}",
                            terms(&org_values)
                        ),
                    )
                    .with_help("“法人或其他组织小计”应等于商业企业、科研机构、社会公益组织、法律服务机构、其他五列之和");
                    let labelled: Vec<(String, &Cell)> = Col::ORGS
                        .iter()
                        .zip(&orgs)
                        .map(|(c, cell)| (c.label().to_owned(), *cell))
                        .collect();
                    ctx.report(with_labels(d, &labelled));
                }
            }
        }
        let Some(tv) = total.int() else { continue };
        let all_missing = natural.is_missing() && orgs.iter().all(|c| c.is_missing());
        if all_missing {
            continue;
        }
        let mut values = vec![nv];
        values.extend(&org_values);
        let sum: i64 = values.iter().sum();
        if sum == tv {
            continue;
        }
        let d = Diagnostic::error(
            total.span,
            format!(
                "表三“{name}”行：自然人与法人或其他组织各列之和 = {} = {sum}，“总计”为{tv}",
                terms(&values)
            ),
        )
        .with_span_label(format!("总计：{tv}"))
        .with_help(
            "“总计”列应等于自然人与商业企业、科研机构、社会公益组织、法律服务机构、其他各列之和",
        );
        let mut labelled: Vec<(String, &Cell)> = vec![(Col::Natural.label().to_owned(), natural)];
        labelled.extend(
            Col::ORGS
                .iter()
                .zip(&orgs)
                .map(|(c, cell)| (c.label().to_owned(), *cell)),
        );
        ctx.report(with_labels(d, &labelled));
    }
}

/// The outcome rows that （七）总计 adds up, for the table's format.
fn outcome_rows(t: &RequestsTable) -> Vec<RowKey> {
    t.leaves()
        .iter()
        .copied()
        .filter(|k| {
            !matches!(
                k,
                RowKey::New | RowKey::Carried | RowKey::Total | RowKey::CarryOver
            )
        })
        .collect()
}

/// Addends by name, cell and value.
type Items<'t> = Vec<(RowKey, &'t Cell, i64)>;

/// The （七）总计 cell of `col`, the sum of `parts` in it, and the addends.
fn column_sum<'t>(
    t: &'t RequestsTable,
    col: Col,
    parts: &[RowKey],
) -> Option<(&'t Cell, i64, Items<'t>)> {
    let mut items = Vec::with_capacity(parts.len());
    for &k in parts {
        let c = t.cell(k, col)?;
        items.push((k, c, addend(c)?));
    }
    if items.iter().all(|(_, c, _)| c.is_missing()) {
        return None;
    }
    let sum: i64 = items.iter().map(|i| i.2).sum();
    Some((t.cell(RowKey::Total, col)?, sum, items))
}

fn nonzero_terms<'c>(items: &[(RowKey, &'c Cell, i64)]) -> (String, Vec<(String, &'c Cell)>) {
    let nz: Vec<&(RowKey, &Cell, i64)> = items.iter().filter(|i| i.2 != 0).collect();
    let shown = if nz.is_empty() {
        "0".to_owned()
    } else {
        nz.iter()
            .map(|i| i.2.to_string())
            .collect::<Vec<_>>()
            .join("+")
    };
    // Row names are made only for a relation that fails.
    let labels = nz.iter().map(|i| (i.0.short(), i.1)).collect();
    (shown, labels)
}

fn t3_3(ctx: &mut Context<'_>, t: &RequestsTable) {
    let parts = outcome_rows(t);
    for &col in t.columns() {
        let Some((total, sum, items)) = column_sum(t, col, &parts) else {
            continue;
        };
        let Some(tv) = total.int() else { continue };
        if sum == tv {
            continue;
        }
        let (shown_terms, labels) = nonzero_terms(&items);
        let range = if t.leaves().contains(&RowKey::OtherHandlingSingle) {
            "（一）至（六）"
        } else {
            "（一）至（六）各分项"
        };
        let d = Diagnostic::error(
            total.span,
            format!(
                "表三“{}”列：{range}之和 = {shown_terms} = {sum}，“（七）总计”为{tv}",
                col.label()
            ),
        )
        .with_span_label(format!("（七）总计：{tv}"))
        .with_help("“（七）总计”应等于本年度办理结果（一）至（六）全部分项之和（各分项为0的未列出）；部分公开的申请只计一次");
        ctx.report(with_labels(d, &labels));
    }
}

fn t3_4(ctx: &mut Context<'_>, t: &RequestsTable) {
    for g in Group::ALL {
        let Some(row) = t.row(RowKey::Subtotal(g)) else {
            continue;
        };
        if row.cells.is_none() {
            continue;
        }
        for &col in t.columns() {
            let Some(sub) = t.cell(RowKey::Subtotal(g), col) else {
                continue;
            };
            let Some(sv) = sub.int() else { continue };
            let mut items = Vec::new();
            let mut ok = true;
            for &k in g.leaves() {
                match t.cell(k, col).and_then(|c| addend(c).map(|v| (k, c, v))) {
                    Some(i) => items.push(i),
                    None => ok = false,
                }
            }
            if !ok || items.iter().all(|i| i.1.is_missing()) {
                continue;
            }
            let sum: i64 = items.iter().map(|i| i.2).sum();
            if sum == sv {
                continue;
            }
            let (shown_terms, labels) = nonzero_terms(&items);
            let n = g.leaves().len();
            let d = Diagnostic::error(
                sub.span,
                format!(
                    "表三“{}”列：{}1至{n}项之和 = {shown_terms} = {sum}，小计行“{}”为{sv}",
                    col.label(),
                    g.label(),
                    g.label()
                ),
            )
            .with_help(format!("小计行“{}”应等于其1至{n}项之和", g.label()));
            ctx.report(with_labels(d, &labels));
        }
    }
}

fn t4_1(ctx: &mut Context<'_>, t: &AppealsTable) {
    let Some(cells) = &t.cells else { return };
    for (g, group) in cells.chunks(5).zip(APPEAL_GROUPS) {
        let total = &g[4];
        let Some(tv) = total.int() else { continue };
        let parts = &g[..4];
        if parts.iter().all(|c| c.is_missing()) {
            continue;
        }
        let Some(values) = parts.iter().map(addend).collect::<Option<Vec<i64>>>() else {
            continue;
        };
        let sum: i64 = values.iter().sum();
        if sum == tv {
            continue;
        }
        let d = Diagnostic::error(
            total.span,
            format!(
                "表四“{group}”：结果维持+结果纠正+其他结果+尚未审结 = {} = {sum}，“总计”为{tv}",
                terms(&values)
            ),
        )
        .with_span_label(format!("总计：{tv}"))
        .with_help("表四每组的“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和");
        let labelled: Vec<(String, &Cell)> = APPEAL_COLS[..4]
            .iter()
            .zip(parts)
            .map(|(n, c)| ((*n).to_owned(), c))
            .collect();
        ctx.report(with_labels(d, &labelled));
    }
}

#[cfg(test)]
mod tests;
