//! The division tables built from their CSV text. The build script builds them once and writes
//! them into the crate as static arrays (`data.rs` includes them): parsing the 45,000 rows and
//! indexing their names cost 21 M instructions at every start of the program. The tests build
//! them again from the same text and compare.

use std::collections::HashMap;

/// Marker for "no node".
pub const NONE: u32 = u32::MAX;

/// The length of a code at each level (province, city, county, town).
const CODE_LEN: [usize; 4] = [2, 4, 6, 9];

/// All divisions, provinces first, then cities, counties and towns; each level's rows sorted by
/// code, as in the tables.
pub struct Table<'a> {
    /// Code, name and level (0 province … 3 town) of each node.
    pub rows: Vec<(&'a str, &'a str, usize)>,
    /// Parent of each node (`NONE` for provinces).
    pub parent: Vec<u32>,
    /// Start of each level's rows, and the total length at index 4.
    pub level_start: [usize; 5],
    /// Whether the node is a placeholder that never appears in a path (see `data.rs`).
    pub placeholder: Vec<bool>,
    /// Each indexed name (placeholders are not) with the first node in code order carrying it,
    /// sorted by name.
    pub by_name: Vec<(&'a str, u32)>,
    /// Next node with the same name as this one (`NONE` ends the chain).
    pub next_same_name: Vec<u32>,
    /// Length in `char`s of the longest indexed name.
    pub max_name_chars: usize,
}

/// The names used by the source data for city-level rows that are not real prefecture-level
/// divisions.
pub fn is_pseudo_city(name: &str) -> bool {
    matches!(
        name,
        "市辖区" | "县" | "省直辖县级行政区划" | "自治区直辖县级行政区划"
    )
}

/// Rows of a trimmed `code,name` table, header skipped: what
/// `table.lines().skip(1).filter_map(|line| line.split_once(','))` gives, in one pass over the
/// bytes.
pub fn rows(table: &str) -> impl Iterator<Item = (&str, &str)> {
    let b = table.as_bytes();
    let mut i = 0;
    let mut header = true;
    std::iter::from_fn(move || loop {
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && b[i] != b',' && b[i] != b'\n' {
            i += 1;
        }
        let comma = (i < b.len() && b[i] == b',').then_some(i);
        if comma.is_some() {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        }
        let mut end = i;
        if i < b.len() && end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        i += 1;
        if std::mem::take(&mut header) {
            continue;
        }
        if let Some(c) = comma.filter(|&c| c < end) {
            return Some((&table[start..c], &table[c + 1..end]));
        }
    })
}

/// The node of `level` with this exact code, among the rows read so far.
fn find_code(
    rows: &[(&str, &str, usize)],
    level_start: &[usize; 5],
    level: usize,
    code: &str,
) -> Option<u32> {
    let start = level_start[level];
    // While reading, later levels' starts are not yet known; the slice then ends at the rows
    // read so far, which is right because parents are read before children.
    let end = if level < 3 && level_start[level + 1] > start {
        level_start[level + 1]
    } else {
        rows.len()
    };
    rows[start..end]
        .binary_search_by(|r| r.0.cmp(code))
        .ok()
        .map(|i| (start + i) as u32)
}

/// Builds the tables from the provinces', cities', counties' and towns' CSV text.
pub fn build(tables: [&str; 4]) -> Table<'_> {
    let mut rows: Vec<(&str, &str, usize)> = Vec::new();
    let mut parent: Vec<u32> = Vec::new();
    let mut level_start = [0; 5];
    for (level, table) in tables.into_iter().enumerate() {
        level_start[level] = rows.len();
        // Rows are sorted by code, so the parent is usually the previous row's parent; a
        // binary search finds it when it changes.
        let mut last = NONE;
        for (code, name) in self::rows(table) {
            let p = if level == 0 {
                NONE
            } else {
                let prefix = &code[..CODE_LEN[level - 1]];
                if last == NONE || rows[last as usize].0 != prefix {
                    last = find_code(&rows, &level_start, level - 1, prefix).unwrap_or(NONE);
                }
                last
            };
            rows.push((code, name, level));
            parent.push(p);
        }
    }
    level_start[4] = rows.len();

    // A pseudo city, or a row repeating its parent's name (county 441900 东莞市 under city 4419
    // 东莞市).
    let placeholder: Vec<bool> = rows
        .iter()
        .zip(&parent)
        .map(|(r, &p)| {
            (r.2 == 1 && is_pseudo_city(r.1)) || (p != NONE && rows[p as usize].1 == r.1)
        })
        .collect();
    let mut heads: HashMap<&str, u32> = HashMap::new();
    let mut next_same_name = vec![NONE; rows.len()];
    let mut max_name_chars = 0;
    // In reverse, so that each chain lists nodes in code order.
    for (i, r) in rows.iter().enumerate().rev() {
        if placeholder[i] {
            continue;
        }
        if let Some(head) = heads.insert(r.1, i as u32) {
            next_same_name[i] = head;
        }
        max_name_chars = max_name_chars.max(r.1.chars().count());
    }
    let mut by_name: Vec<(&str, u32)> = heads.into_iter().collect();
    by_name.sort_unstable();
    Table {
        rows,
        parent,
        level_start,
        placeholder,
        by_name,
        next_same_name,
        max_name_chars,
    }
}
