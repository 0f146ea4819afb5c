use reportlint_core::prelude::*;
use reportlint_core::tables::{
    AppealsTable, Cell, Col, Found, Group, OldGroup, OldStatsTable, RequestsTable, RowKey, Tables,
    APPEAL_COLS, APPEAL_GROUPS,
};

use crate::util::{addend, shown, terms};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 统计表的算术关系：
    ///
    /// - T3-1，表三每一列（模板自带的说明）：一 + 二 = （七）总计 + 四；
    /// - T3-2，每一行：总计 = 自然人 + 五类法人或其他组织各列（另加的 `法人或其他组织小计` 列 = 这五列之和）；
    /// - T3-3，每一列：（七）总计 = （一）至（六）各办理结果行之和；
    /// - T3-4，机关另加了小计行的：（三）= 1–8，（四）= 1–3，（五）= 1–5，（六）= 1–3；
    /// - T4-1，表四三组中的每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结；
    /// - 2019年以前报告的统计表（以指标名称·计量单位为行），每一列：收到的申请 = 各渠道之和（当面 + 网上 +
    ///   信函、传真…），答复 = 各类之和（同意公开 + 同意部分公开 + 不予公开 + 其他…）。只有紧接在总数下面、
    ///   带序号的分项才算；其他行的 `其中` 列举（政府网站公开数）不是求和关系；连在一起的数字只在拆分方式
    ///   唯一时使用。
    ///
    /// 提示中列出算式；主位置是对不上的单元格，标签标出与之比较的单元格。空白、`/` 和 `-` 单元格作为加数
    /// 按0计（由 `tables/layout` 报告）；总数单元格不是数字的关系不核对，单元格无法区分的行也不核对。
    ///
    /// ## 为什么重要（Why it matters）
    /// 数字算不平（数据失准、勾稽关系错误）是审核人员最常见的意见（广东省人民政府办公厅粤办函〔2010〕249号
    /// 通报：“出现了数据失准等一些不应有的错漏”）。表三自己印有这一关系：
    /// （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 一、本年新收政府信息公开申请数量	21	0	0	0	0	0	21
    /// 二、上年结转政府信息公开申请数量	0	0	0	0	0	0	0
    /// …
    /// （七）总计	27	0	0	0	0	0	27
    /// 四、结转下年度继续办理	0	0	0	0	0	0	0
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 一、本年新收政府信息公开申请数量	21	0	0	0	0	0	21
    /// 二、上年结转政府信息公开申请数量	0	0	0	0	0	0	0
    /// …
    /// （七）总计	21	0	0	0	0	0	21
    /// 四、结转下年度继续办理	0	0	0	0	0	0	0
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 单元格无法区分的行、总数单元格不是数字的关系，不核对。跨年度的关系需要上年报告，不在本规则中检查：
    /// 表三二（上年结转）与上年的四（结转下年度）、表二现行有效件数与上年的存量，上年报告在手时分别由
    /// `compare/carry-over` 和 `compare/stock` 核对。数字是否真实，无从得知。
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
            let rows = Lookup::new(t);
            t3_1(ctx, &rows);
            t3_2(ctx, t);
            t3_3(ctx, &rows);
            t3_4(ctx, &rows);
        }
        if let Some(Found::Table(t)) = &tables.appeals {
            t4_1(ctx, t);
        }
        if ctx.doc().is_pre_2019() {
            old_sums(ctx);
        }
    }
}

/// The pre-2019 statistics table: each total of applications or replies against its parts, in
/// every column whose cells all hold a number.
fn old_sums(ctx: &mut Context<'_>) {
    let doc = ctx.doc();
    let table = doc.analysis::<OldStatsTable>();
    for sum in &table.sums {
        let Some(total) = &sum.total.cells else {
            continue;
        };
        for (col, t) in total.iter().enumerate() {
            let Some(tv) = t.int() else { continue };
            let parts: Option<Vec<(&Cell, i64)>> = sum
                .parts
                .iter()
                .map(|p| {
                    let c = p.cells.as_ref()?.get(col)?;
                    Some((c, c.int()?))
                })
                .collect();
            let Some(parts) = parts else { continue };
            let values: Vec<i64> = parts.iter().map(|(_, v)| *v).collect();
            let sum_v: i64 = values.iter().sum();
            if sum_v == tv {
                continue;
            }
            let name = |s: Span| {
                let l = doc.slice(s).trim();
                let l = l.trim_start_matches("其中").trim_start_matches(['：', ':']);
                l.trim_end_matches(['条', '件', '个', '次']).to_owned()
            };
            let what = match sum.group {
                OldGroup::Applications => "各申请方式",
                OldGroup::Replies => "各类答复",
            };
            let column = if table.columns > 1 {
                format!("第{}列", col + 1)
            } else {
                String::new()
            };
            let d = Diagnostic::error(
                t.span,
                format!(
                    "统计表“{}”{column}应为{what}之和 {} = {sum_v}，表中为{tv}",
                    name(sum.total.label),
                    terms(&values)
                ),
            )
            .with_span_label(format!("表中为{tv}"))
            .with_help("核对统计表：总数应等于其下各分项之和");
            let labelled: Vec<(String, &Cell)> = sum
                .parts
                .iter()
                .zip(&parts)
                .map(|(p, (c, _))| (name(p.label), *c))
                .collect();
            ctx.report(with_labels(d, &labelled));
        }
    }
}

/// Table 三's rows by key, found once per check: the relations look up a few hundred cells, each
/// of which [`RequestsTable::cell`] would find by a search through the rows.
struct Lookup<'t> {
    t: &'t RequestsTable,
    cols: &'static [Col],
    /// By [`slot`]: the cells of the first row with that key (`Some(None)`: found, cells not
    /// told apart).
    rows: [Option<Option<&'t [Cell]>>; SLOTS],
}

const SLOTS: usize = 30;

/// A place of its own for every key the matcher gives a row.
fn slot(key: RowKey) -> Option<usize> {
    let sub = |n: u8, len: u8| (1..=len).contains(&n).then_some(usize::from(n) - 1);
    Some(match key {
        RowKey::New => 0,
        RowKey::Carried => 1,
        RowKey::Disclosed => 2,
        RowKey::Partial => 3,
        RowKey::Withheld(n) => 4 + sub(n, 8)?,
        RowKey::Unable(n) => 12 + sub(n, 3)?,
        RowKey::NotProcessed(n) => 15 + sub(n, 5)?,
        RowKey::OtherHandling(n) => 20 + sub(n, 3)?,
        RowKey::OtherHandlingSingle => 23,
        RowKey::Subtotal(Group::Withheld) => 24,
        RowKey::Subtotal(Group::Unable) => 25,
        RowKey::Subtotal(Group::NotProcessed) => 26,
        RowKey::Subtotal(Group::OtherHandling) => 27,
        RowKey::Total => 28,
        RowKey::CarryOver => 29,
    })
}

impl<'t> Lookup<'t> {
    fn new(t: &'t RequestsTable) -> Self {
        let mut rows = [None; SLOTS];
        for r in &t.rows {
            if let Some(s) = slot(r.key) {
                rows[s].get_or_insert(r.cells.as_deref());
            }
        }
        Lookup {
            t,
            cols: t.columns(),
            rows,
        }
    }

    /// The cells of [`RequestsTable::row`] (`Some(None)`: the row, its cells not told apart).
    fn row(&self, key: RowKey) -> Option<Option<&'t [Cell]>> {
        match slot(key) {
            Some(s) => self.rows[s],
            None => self.t.row(key).map(|r| r.cells.as_deref()),
        }
    }

    /// What [`RequestsTable::cell`] gives for the column at `i` of `cols`. The relations go
    /// through the columns in order, so the column's place is known and not searched for on
    /// every cell (the columns differ from one another).
    fn cell(&self, key: RowKey, i: usize) -> Option<&'t Cell> {
        let Some(s) = slot(key) else {
            return self.t.cell(key, self.cols[i]);
        };
        self.rows[s]??.get(i)
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

fn t3_1(ctx: &mut Context<'_>, rows: &Lookup<'_>) {
    for (i, &col) in rows.cols.iter().enumerate() {
        let get = |k| rows.cell(k, i);
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
    let pos = |c: Col| cols.iter().position(|&x| x == c);
    // Both column sets hold 自然人, the five organisation columns and 总计.
    let (Some(total_i), Some(natural_i)) = (pos(Col::Total), pos(Col::Natural)) else {
        return;
    };
    let mut org_i = [0usize; 5];
    for (i, &c) in org_i.iter_mut().zip(&Col::ORGS) {
        let Some(p) = pos(c) else { return };
        *i = p;
    }
    let sub_i = pos(Col::OrgSubtotal);
    for row in &t.rows {
        let Some(cells) = &row.cells else { continue };
        let total = &cells[total_i];
        // (Written out: `org_i.map` was a call of its own for every row.)
        let [a, b, c, d, e] = org_i;
        let orgs: [&Cell; 5] = [&cells[a], &cells[b], &cells[c], &cells[d], &cells[e]];
        let natural = &cells[natural_i];
        // The sums are checked without allocating; messages are made only for a relation that
        // fails.
        let mut org_values = [0i64; 5];
        if !orgs
            .iter()
            .zip(&mut org_values)
            .all(|(c, v)| addend(c).map(|a| *v = a).is_some())
        {
            continue;
        }
        let Some(nv) = addend(natural) else { continue };
        // Named only for a relation that fails.
        let name = || row.key.label();
        // The added 小计 column: 小计 = the five organisation columns.
        if let Some(sub) = sub_i.map(|i| &cells[i]) {
            if let Some(sv) = sub.int() {
                let sum: i64 = org_values.iter().sum();
                if sv != sum {
                    let d = Diagnostic::error(
                        sub.span,
                        format!(
                            "表三“{}”行：法人或其他组织各列之和 = {} = {sum}，“法人或其他组织小计”为{sv}",
                            name(),
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
        let sum: i64 = nv + org_values.iter().sum::<i64>();
        if sum == tv {
            continue;
        }
        let mut values = vec![nv];
        values.extend(&org_values);
        let d = Diagnostic::error(
            total.span,
            format!(
                "表三“{}”行：自然人与法人或其他组织各列之和 = {} = {sum}，“总计”为{tv}",
                name(),
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

/// The cells of each row of `parts`: `None` where one is missing or its cells were not told
/// apart (then no column of theirs is summed). Found once for all columns: each column's sum
/// then reads its cells without looking the rows up again.
fn part_cells<'t>(rows: &Lookup<'t>, parts: &[RowKey]) -> Option<Vec<&'t [Cell]>> {
    // (A loop, not `collect` into an `Option`, which cost three times as much.)
    let mut cells = Vec::with_capacity(parts.len());
    for &k in parts {
        cells.push(rows.row(k).flatten()?);
    }
    Some(cells)
}

/// The sum of the parts whose cells are `parts` ([`part_cells`]) in the column at `col`; `None`
/// where a part is no number, or all parts are blank. Checked without allocating: the addends
/// are listed only for a relation that fails.
fn sum_of(parts: &[&[Cell]], col: usize) -> Option<i64> {
    let (mut sum, mut all_missing) = (0i64, true);
    for cells in parts {
        let c = cells.get(col)?;
        sum += addend(c)?;
        all_missing &= c.is_missing();
    }
    (!all_missing).then_some(sum)
}

/// The （七）总计 cell of the column at `col` and the sum of `parts` in it.
fn column_sum<'t>(rows: &Lookup<'t>, col: usize, parts: &[&[Cell]]) -> Option<(&'t Cell, i64)> {
    let sum = sum_of(parts, col)?;
    Some((rows.cell(RowKey::Total, col)?, sum))
}

/// The addends of a relation that fails (every one is known to be a number).
fn items<'t>(rows: &Lookup<'t>, col: usize, parts: &[RowKey]) -> Items<'t> {
    parts
        .iter()
        .filter_map(|&k| {
            let c = rows.cell(k, col)?;
            Some((k, c, addend(c)?))
        })
        .collect()
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

fn t3_3(ctx: &mut Context<'_>, rows: &Lookup<'_>) {
    let t = rows.t;
    let parts = outcome_rows(t);
    let Some(cells) = part_cells(rows, &parts) else {
        return;
    };
    for (i, &col) in rows.cols.iter().enumerate() {
        let Some((total, sum)) = column_sum(rows, i, &cells) else {
            continue;
        };
        let Some(tv) = total.int() else { continue };
        if sum == tv {
            continue;
        }
        let (shown_terms, labels) = nonzero_terms(&items(rows, i, &parts));
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

fn t3_4(ctx: &mut Context<'_>, rows: &Lookup<'_>) {
    for g in Group::ALL {
        let key = RowKey::Subtotal(g);
        // No subtotal row (most tables), or one whose cells could not be told apart.
        let Some(Some(_)) = rows.row(key) else {
            continue;
        };
        let Some(leaves) = part_cells(rows, g.leaves()) else {
            continue;
        };
        for (i, &col) in rows.cols.iter().enumerate() {
            let Some(sub) = rows.cell(key, i) else {
                continue;
            };
            let Some(sv) = sub.int() else { continue };
            let Some(sum) = sum_of(&leaves, i) else {
                continue;
            };
            if sum == sv {
                continue;
            }
            let (shown_terms, labels) = nonzero_terms(&items(rows, i, g.leaves()));
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
        let mut values = [0i64; 4];
        if !parts
            .iter()
            .zip(&mut values)
            .all(|(c, v)| addend(c).map(|a| *v = a).is_some())
        {
            continue;
        }
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
