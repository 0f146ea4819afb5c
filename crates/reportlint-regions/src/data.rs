//! The embedded division tables, written into the crate by the build script (`build.rs`,
//! `table.rs`) as static arrays: nothing is parsed or indexed at run time.

use crate::name_hash::name_hash;
use crate::{Division, Level};

/// Index of a division in [`Data::nodes`].
pub(crate) type NodeId = u32;

/// Marker for "no node".
pub(crate) const NONE: NodeId = NodeId::MAX;

// NODES, PARENT, PLACEHOLDER, NEXT_SAME_NAME, BY_NAME, NAME_SLOTS, LEVEL_START, MAX_NAME_CHARS.
include!(concat!(env!("OUT_DIR"), "/divisions.rs"));

/// All divisions, provinces first, then cities, counties and towns; each
/// level's slice is sorted by code.
pub(crate) struct Data {
    pub(crate) nodes: &'static [Division],
    /// Parent of each node (`NONE` for provinces). The parent of a county in a
    /// municipality is the pseudo city (市辖区, 县, 省直辖县级行政区划 …).
    pub(crate) parent: &'static [NodeId],
    /// Start of each level's slice in `nodes`, indexed by `Level as usize`,
    /// plus the total length at index 4.
    pub(crate) level_start: [usize; 5],
    /// Whether the node is a placeholder that never appears in a path: a
    /// pseudo city (see [`is_pseudo_city`]) or a row repeating its parent's
    /// name (e.g. county 441900 东莞市 under city 4419 东莞市).
    pub(crate) placeholder: &'static [bool],
    /// Each indexed name (placeholders are not) with the first node carrying it, sorted by name.
    by_name: &'static [(&'static str, NodeId)],
    /// An open-addressed table of `by_name` by [`name_hash`] (a power of two long, linear
    /// probing): each slot holds an index in `by_name`, or `NONE`.
    name_slots: &'static [NodeId],
    /// Next node with the same name as this one (`NONE` ends the chain).
    next_same_name: &'static [NodeId],
    /// Length in `char`s of the longest indexed name.
    pub(crate) max_name_chars: usize,
}

/// The names used by the source data for city-level rows that are not real
/// prefecture-level divisions. They never appear in a [`crate::RegionPath`].
#[cfg(test)]
pub(crate) fn is_pseudo_city(name: &str) -> bool {
    crate::table::is_pseudo_city(name)
}

static DATA: Data = Data {
    nodes: &NODES,
    parent: &PARENT,
    level_start: LEVEL_START,
    placeholder: &PLACEHOLDER,
    by_name: &BY_NAME,
    name_slots: &NAME_SLOTS,
    next_same_name: &NEXT_SAME_NAME,
    max_name_chars: MAX_NAME_CHARS,
};

/// The tables.
pub(crate) fn data() -> &'static Data {
    &DATA
}

impl Data {
    /// Every indexed name.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_name.iter().map(|(n, _)| *n)
    }

    /// The first node named exactly `name`, or `NONE`.
    fn first_named(&self, name: &str) -> NodeId {
        let mask = self.name_slots.len() - 1;
        let mut i = name_hash(name) & mask;
        loop {
            let k = self.name_slots[i];
            if k == NONE {
                return NONE;
            }
            let (n, first) = self.by_name[k as usize];
            if n == name {
                return first;
            }
            i = (i + 1) & mask;
        }
    }

    /// Nodes named exactly `name`, in code order.
    pub(crate) fn named(&self, name: &str) -> impl Iterator<Item = NodeId> + '_ {
        let mut cur = self.first_named(name);
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
        find_code(self.nodes, &self.level_start, level, code)
    }

    pub(crate) fn node(&self, id: NodeId) -> &Division {
        &self.nodes[id as usize]
    }
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
    use crate::table;

    const TABLES: [&str; 4] = [
        include_str!("../data/provinces.csv"),
        include_str!("../data/cities.csv"),
        include_str!("../data/counties.csv"),
        include_str!("../data/towns.csv"),
    ];

    #[test]
    fn rows_are_the_lines_split_at_their_first_comma() {
        for t in TABLES {
            let former: Vec<_> = t
                .lines()
                .skip(1)
                .filter_map(|line| line.split_once(','))
                .collect();
            assert_eq!(table::rows(t).collect::<Vec<_>>(), former);
        }
        let odd = "code,name\r\n1,a\r\n\r\nno comma\n2,b,c\r\r\n,\n\n3,x\r";
        let former: Vec<_> = odd
            .lines()
            .skip(1)
            .filter_map(|line| line.split_once(','))
            .collect();
        assert_eq!(table::rows(odd).collect::<Vec<_>>(), former);
    }

    /// The arrays the build script wrote are the tables built from the CSV text.
    #[test]
    fn the_generated_tables_are_the_csv_files() {
        let t = table::build(TABLES);
        let d = data();
        let levels = [Level::Province, Level::City, Level::County, Level::Town];
        let rows: Vec<_> = t
            .rows
            .iter()
            .map(|&(code, name, level)| Division {
                code,
                name,
                level: levels[level],
            })
            .collect();
        assert_eq!(d.nodes, &rows[..]);
        assert_eq!(d.parent, &t.parent[..]);
        assert_eq!(d.level_start, t.level_start);
        assert_eq!(d.placeholder, &t.placeholder[..]);
        assert_eq!(d.by_name, &t.by_name[..]);
        assert_eq!(d.next_same_name, &t.next_same_name[..]);
        assert_eq!(d.max_name_chars, t.max_name_chars);
    }

    /// The index finds every name as the former hash map of names did: each name's nodes, in
    /// code order, placeholders left out.
    #[test]
    fn names_find_their_nodes_in_code_order() {
        let d = data();
        let mut want: std::collections::HashMap<&str, Vec<NodeId>> = Default::default();
        for (i, n) in d.nodes.iter().enumerate() {
            let placeholder = (n.level == Level::City && is_pseudo_city(n.name))
                || (d.parent[i] != NONE && d.nodes[d.parent[i] as usize].name == n.name);
            assert_eq!(d.placeholder[i], placeholder, "{}", n.code);
            if !placeholder {
                want.entry(n.name).or_default().push(i as NodeId);
            }
        }
        assert_eq!(d.names().count(), want.len());
        for (name, ids) in &want {
            assert_eq!(&d.named(name).collect::<Vec<_>>(), ids, "{name}");
        }
        assert_eq!(d.named("不是地名").count(), 0);
        let longest = want.keys().map(|n| n.chars().count()).max();
        assert_eq!(Some(d.max_name_chars), longest);
    }
}
