//! The embedded division tables and their lazily built indexes.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::{Division, Level};

const PROVINCES: &str = include_str!("../data/provinces.csv");
const CITIES: &str = include_str!("../data/cities.csv");
const COUNTIES: &str = include_str!("../data/counties.csv");
const TOWNS: &str = include_str!("../data/towns.csv");

/// Index of a division in [`Data::nodes`].
pub(crate) type NodeId = u32;

/// Marker for "no node".
pub(crate) const NONE: NodeId = NodeId::MAX;

/// All divisions, provinces first, then cities, counties and towns; each
/// level's slice is sorted by code.
pub(crate) struct Data {
    pub(crate) nodes: Vec<Division>,
    /// Parent of each node (`NONE` for provinces). The parent of a county in a
    /// municipality is the pseudo city (市辖区, 县, 省直辖县级行政区划 …).
    pub(crate) parent: Vec<NodeId>,
    /// Start of each level's slice in `nodes`, indexed by `Level as usize`,
    /// plus the total length at index 4.
    pub(crate) level_start: [usize; 5],
    /// Whether the node is a placeholder that never appears in a path: a
    /// pseudo city (see [`is_pseudo_city`]) or a row repeating its parent's
    /// name (e.g. county 441900 东莞市 under city 4419 东莞市).
    pub(crate) placeholder: Vec<bool>,
    /// First node carrying a given name (placeholders are not indexed).
    /// (The Fx hash: SipHash made building this index of 45,000 names several times slower.)
    by_name: FxHashMap<&'static str, NodeId>,
    /// Next node with the same name as this one (`NONE` ends the chain).
    next_same_name: Vec<NodeId>,
    /// Length in `char`s of the longest indexed name.
    pub(crate) max_name_chars: usize,
}

/// The names used by the source data for city-level rows that are not real
/// prefecture-level divisions. They never appear in a [`crate::RegionPath`].
pub(crate) fn is_pseudo_city(name: &str) -> bool {
    matches!(
        name,
        "市辖区" | "县" | "省直辖县级行政区划" | "自治区直辖县级行政区划"
    )
}

static DATA: LazyLock<Data> = LazyLock::new(Data::parse);

/// The parsed tables; parsed on first use.
pub(crate) fn data() -> &'static Data {
    &DATA
}

/// Rows of a trimmed `code,name` table, header skipped: what
/// `table.lines().skip(1).filter_map(|line| line.split_once(','))` gives, in one pass over the
/// bytes (that iterator searched each short line twice with a per-call set-up, a third of
/// parsing the tables).
fn rows(table: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    let b = table.as_bytes();
    let mut i = 0;
    let mut header = true;
    std::iter::from_fn(move || loop {
        if i >= b.len() {
            return None;
        }
        let start = i;
        // The code is short: up to its comma byte by byte, then to the line's end by words.
        while i < b.len() && b[i] != b',' && b[i] != b'\n' {
            i += 1;
        }
        let comma = (i < b.len() && b[i] == b',').then_some(i);
        if comma.is_some() {
            i = newline(b, i + 1);
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

/// The index of the first `\n` in `b` from `i` on (`b.len()` if none), eight bytes at a time.
fn newline(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    while let Some(word) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ (ONES * u64::from(b'\n'));
        // The lowest set high bit marks the first zero byte of `x`, the first `\n`.
        let zero = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero != 0 {
            return i + (zero.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] != b'\n' {
        i += 1;
    }
    i
}

impl Data {
    fn parse() -> Data {
        let capacity = TOWNS.len() / 20 + COUNTIES.len() / 16 + 512;
        let mut nodes = Vec::with_capacity(capacity);
        let mut parent = Vec::with_capacity(capacity);
        let mut level_start = [0; 5];

        for (level, table) in [
            (Level::Province, PROVINCES),
            (Level::City, CITIES),
            (Level::County, COUNTIES),
            (Level::Town, TOWNS),
        ] {
            level_start[level as usize] = nodes.len();
            let parent_level = level.parent();
            // Rows are sorted by code, so the parent is usually the previous
            // row's parent; fall back to a binary search when it changes.
            let mut last: NodeId = NONE;
            for (code, name) in rows(table) {
                let p = match parent_level {
                    None => NONE,
                    Some(pl) => {
                        let prefix = &code[..pl.code_len()];
                        if last != NONE && nodes_code(&nodes, last) == prefix {
                            last
                        } else {
                            last = find_code(&nodes, &level_start, pl, prefix).unwrap_or(NONE);
                            last
                        }
                    }
                };
                nodes.push(Division { code, name, level });
                parent.push(p);
            }
        }
        level_start[4] = nodes.len();

        let mut by_name: FxHashMap<&'static str, NodeId> =
            FxHashMap::with_capacity_and_hasher(nodes.len(), Default::default());
        let placeholder: Vec<bool> = nodes
            .iter()
            .zip(&parent)
            .map(|(d, &p)| {
                (d.level == Level::City && is_pseudo_city(d.name))
                    || (p != NONE && nodes[p as usize].name == d.name)
            })
            .collect();
        let mut next_same_name = vec![NONE; nodes.len()];
        let mut max_name_chars = 0;
        // Insert in reverse so that each chain lists nodes in code order.
        for (i, d) in nodes.iter().enumerate().rev() {
            if placeholder[i] {
                continue;
            }
            let id = i as NodeId;
            if let Some(head) = by_name.insert(d.name, id) {
                next_same_name[i] = head;
            }
            // A name has at most as many chars as bytes: count only when it
            // could raise the maximum.
            if d.name.len() > max_name_chars {
                max_name_chars = max_name_chars.max(d.name.chars().count());
            }
        }

        Data {
            nodes,
            parent,
            level_start,
            placeholder,
            by_name,
            next_same_name,
            max_name_chars,
        }
    }

    /// Every indexed name.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_name.keys().copied()
    }

    /// Nodes named exactly `name`, in code order.
    pub(crate) fn named(&self, name: &str) -> impl Iterator<Item = NodeId> + '_ {
        let mut cur = self.by_name.get(name).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            if cur == NONE {
                return None;
            }
            let id = cur;
            cur = self.next_same_name[id as usize];
            Some(id)
        })
    }

    /// The node with this exact code.
    pub(crate) fn by_code(&self, code: &str) -> Option<NodeId> {
        let level = Level::from_code_len(code.len())?;
        find_code(&self.nodes, &self.level_start, level, code)
    }

    pub(crate) fn node(&self, id: NodeId) -> &Division {
        &self.nodes[id as usize]
    }
}

fn nodes_code(nodes: &[Division], id: NodeId) -> &'static str {
    nodes[id as usize].code
}

fn find_code(
    nodes: &[Division],
    level_start: &[usize; 5],
    level: Level,
    code: &str,
) -> Option<NodeId> {
    let start = level_start[level as usize];
    // While parsing, later levels' starts are not yet known; the slice then
    // ends at the current end of `nodes`, which is correct because parents are
    // always parsed before children.
    let end = if (level as usize) < 3 && level_start[level as usize + 1] > start {
        level_start[level as usize + 1]
    } else {
        nodes.len()
    };
    let slice = &nodes[start..end];
    slice
        .binary_search_by(|d| d.code.cmp(code))
        .ok()
        .map(|i| (start + i) as NodeId)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_the_lines_split_at_their_first_comma() {
        for table in [PROVINCES, CITIES, COUNTIES, TOWNS] {
            let former: Vec<_> = table
                .lines()
                .skip(1)
                .filter_map(|line| line.split_once(','))
                .collect();
            assert_eq!(rows(table).collect::<Vec<_>>(), former);
        }
        for i in 0..40 {
            let t = "0123456789abcdef\n01234567\n89".as_bytes();
            let want = t[i.min(t.len())..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(t.len(), |p| p + i.min(t.len()));
            assert_eq!(newline(t, i.min(t.len())), want, "{i}");
        }
        let odd = "code,name\r\n1,a\r\n\r\nno comma\n2,b,c\r\r\n,\n\n3,x\r";
        let former: Vec<_> = odd
            .lines()
            .skip(1)
            .filter_map(|line| line.split_once(','))
            .collect();
        assert_eq!(rows(odd).collect::<Vec<_>>(), former);
    }
}
