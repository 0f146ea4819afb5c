//! The statistics table of the pre-2019 content list (`政府信息公开情况统计表`: rows of
//! 指标名称 · 计量单位 · 本年度 [· 历年累计]), read for its own sums: the applications received
//! equal their channels (当面 + 网上 + 信函、传真 …), the replies equal their kinds (同意公开 +
//! 同意部分公开 + 不予公开 + 其他 …).
//!
//! Only groups whose parts are a known partition are kept, and only cells whose digits split in
//! one way: a `其中` list that names some of the parts (`其中：政府网站公开数`) is no sum.

use super::model::{Cell, CellValue, Layout};
use super::{readers, split};
use crate::document::{Analysis, Document};
use crate::text::normalized;
use crate::Span;

/// What a total row counts, and the words of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OldGroup {
    /// 受理依申请公开信息总数 / 收到申请数: by channel.
    Applications,
    /// 对申请的答复总数 / 申请答复数: by kind of reply.
    Replies,
}

impl OldGroup {
    fn of_total(label: &str) -> Option<OldGroup> {
        let has = |w: &str| label.contains(w);
        if (has("受理") || has("收到")) && has("申请") && !has("其中") {
            Some(OldGroup::Applications)
        } else if has("答复") && (has("总数") || has("申请答复数")) && !has("其中") {
            Some(OldGroup::Replies)
        } else {
            None
        }
    }

    /// Whether a part's label is one of the group's partition.
    fn is_part(self, label: &str) -> bool {
        let words: &[&str] = match self {
            OldGroup::Applications => &["当面", "网上", "网络", "信函", "传真", "电子邮件", "其他"],
            OldGroup::Replies => &[
                "同意公开",
                "部分公开",
                "不予公开",
                "不同意公开",
                "其他",
                "已主动公开",
                "不属于",
                "不存在",
                "更改补充",
                "其他途径",
            ],
        };
        words.iter().any(|w| label.contains(w))
    }
}

/// One row of the old table.
#[derive(Debug, Clone, PartialEq)]
pub struct OldRow {
    pub label: Span,
    /// One cell per column; `None` when the digits could be split in more than one way.
    pub cells: Option<Vec<Cell>>,
}

/// A total row with its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct OldSum {
    pub group: OldGroup,
    pub total: OldRow,
    pub parts: Vec<OldRow>,
}

/// The old statistics table as found (only in pre-2019 reports).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OldStatsTable {
    pub span: Option<Span>,
    /// The column headers' count (本年度, 历年累计, …).
    pub columns: usize,
    pub sums: Vec<OldSum>,
}

impl Analysis for OldStatsTable {
    fn compute(doc: &Document) -> Self {
        if !doc.is_pre_2019() {
            return OldStatsTable::default();
        }
        let text = doc.text();
        let Some(at) = text.find("指标名称") else {
            return OldStatsTable::default();
        };
        let end = doc.closing().map_or(text.len(), |c| c.span.start).max(at);
        read(text, Span::new(at, end))
    }
}

/// Column headers: `本年度`, `2016年度`, `上年度`, `历年累计`, `累计`.
fn column_count(header: &str) -> usize {
    let n = header.matches("年度").count() + header.matches("累计").count();
    n.clamp(1, 4)
}

/// A part's label: numbered (`1、当面申请数`, `其中：1.网上申请数`).
fn numbered(label: &str) -> bool {
    let l = label
        .trim_start_matches("其中")
        .trim_start_matches(['：', ':']);
    let k = l.bytes().take_while(u8::is_ascii_digit).count();
    k > 0 && l[k..].starts_with(['、', '.', '．'])
}

fn read(text: &str, region: Span) -> OldStatsTable {
    // The header runs from `指标名称` to the first row's unit: the columns are named before the
    // first number of a data row.
    let head_end = text[region.range()]
        .find(['条', '件'])
        .map_or(region.end, |i| region.start + i);
    let columns = column_count(&text[region.start..head_end]);
    let layout = readers::detect(text, region);
    let grid = readers::read(text, region, layout);
    // Rows: a label, then its values split into the columns.
    let mut rows: Vec<(OldRow, String)> = Vec::new();
    for row in grid.rows() {
        let Some(label_at) = row.iter().rposition(Cell::is_text) else {
            continue;
        };
        let values = &row[label_at + 1..];
        if values.is_empty() {
            continue;
        }
        // The label is the first text cell that is not the unit (`件`, `条`, `元`).
        let Some(label) = row[..=label_at]
            .iter()
            .find(|c| c.is_text() && crate::text::char_len(text[c.span.range()].trim()) > 2)
            .map(|c| c.span)
        else {
            continue;
        };
        // A header's year (`2015年度`) ends up as a value before the next label: in a flowing
        // layout the label then starts with the rest of the header.
        let label = match text[label.range()].rfind("累计") {
            Some(i) if layout == Layout::Flowing => {
                Span::new(label.start + i + "累计".len(), label.end)
            }
            _ => label,
        };
        let norm = normalized(&text[label.range()]).into_owned();
        let cells = split::split_row(text, values, columns)
            .filter(|c| c.iter().all(|c| matches!(c.value, CellValue::Int(_))));
        rows.push((OldRow { label, cells }, norm));
    }
    let mut sums = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let Some(group) = OldGroup::of_total(&rows[i].1) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < rows.len() && numbered(&rows[j].1) && group.is_part(&rows[j].1) {
            j += 1;
        }
        // A list that goes on with parts of other kinds, or nested items, is not checked.
        let clean_end = rows
            .get(j)
            .is_none_or(|(_, l)| !numbered(l) && !l.starts_with("其中"));
        if j - i >= 2 && clean_end {
            sums.push(OldSum {
                group,
                total: rows[i].0.clone(),
                parts: rows[i + 1..j].iter().map(|(r, _)| r.clone()).collect(),
            });
        }
        i = j.max(i + 1);
    }
    OldStatsTable {
        span: Some(region),
        columns,
        sums,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> std::sync::Arc<OldStatsTable> {
        Document::parse("t.txt", text).analysis::<OldStatsTable>()
    }

    fn values(text: &str, r: &OldRow) -> Option<Vec<i64>> {
        let _ = text;
        r.cells
            .as_ref()
            .map(|c| c.iter().map(|c| c.int().unwrap()).collect())
    }

    #[test]
    fn pingtan_2015_run_together() {
        let text = include_str!(
            "../../../../tests/fixtures/real/changwu__pingtan-gov-zwgk-archive__2015_page.txt"
        );
        let t = table(text);
        assert_eq!(t.columns, 2);
        let groups: Vec<OldGroup> = t.sums.iter().map(|s| s.group).collect();
        assert_eq!(groups, [OldGroup::Applications, OldGroup::Replies]);
        let apps = &t.sums[0];
        assert_eq!(values(text, &apps.total), Some(vec![0, 1]));
        assert_eq!(apps.parts.len(), 3);
        assert_eq!(values(text, &apps.parts[2]), Some(vec![0, 1]));
        assert_eq!(t.sums[1].parts.len(), 4);
    }

    #[test]
    fn tab_separated_with_one_column() {
        let text = "某县2014年政府信息公开工作年度报告\n一、概述\n正文。\n七、统计表\n指标名称\t计量单位\t数量\n受理政府信息公开申请总数\t件\t12\n其中：1.当面申请数\t件\t2\n2.网上申请数\t件\t8\n3.信函申请数\t件\t1\n对申请的答复总数\t件\t11\n其中：1.同意公开答复数\t件\t9\n2.同意部分公开答复数\t件\t1\n3.不予公开答复数\t件\t1\n";
        let t = table(text);
        assert_eq!(t.columns, 1);
        assert_eq!(t.sums.len(), 2);
        assert_eq!(values(text, &t.sums[0].total), Some(vec![12]));
        assert_eq!(t.sums[0].parts.len(), 3);
        // CRLF
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(table(&crlf).sums.len(), 2);
    }

    #[test]
    fn subsets_and_new_reports_are_not_sums() {
        // `其中：政府网站公开数` names one channel among others: no sum.
        let text = "某县2014年政府信息公开工作年度报告\n一、概述\n七、统计表\n指标名称\t计量单位\t本年度\n主动公开政府信息数\t条\t300\n其中：1.政府网站公开数\t条\t280\n2.政府公报公开数\t条\t5\n";
        assert!(table(text).sums.is_empty());
        // A list that goes on with other kinds of parts is left alone.
        let text = "某县2014年政府信息公开工作年度报告\n一、概述\n七、统计表\n指标名称\t计量单位\t本年度\n申请答复数\t件\t10\n其中：1.同意公开答复数\t件\t5\n2.按时办结数\t件\t5\n";
        assert!(table(text).sums.is_empty());
        // Not read in a 2021-format report.
        let text = "某县2022年政府信息公开工作年度报告\n信息内容\t本年制发件数\n指标名称\t计量单位\t本年度\n受理申请总数\t件\t3\n其中：1.当面申请数\t件\t1\n2.网上申请数\t件\t1\n";
        assert!(table(text).sums.is_empty());
    }
}
