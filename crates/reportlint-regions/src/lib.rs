//! China's administrative divisions for reportlint.
//!
//! This crate answers three questions about the agency that published a
//! 政府信息公开工作年度报告:
//!
//! * **Where is it?** [`resolve_agency`] reads an agency name as written in a
//!   report (`威海市文登区宋村镇人民政府`) and finds the most specific division
//!   it names with certainty (`山东省 › 威海市 › 文登区 › 宋村镇`). Names that
//!   fit several places (`金岭镇人民政府`) give [`Resolution::Ambiguous`] with
//!   every candidate; the crate never guesses.
//! * **Which telephone area code?** [`area_code`] gives the fixed-line 区号
//!   of a region (`0631` for 威海市), or `None` when it is not known with
//!   confidence.
//! * **Which postcodes?** [`postcode_prefixes`] and [`postcode_fits_province`]
//!   check the first two digits of a 6-digit postcode against the province.
//!
//! [`lookup`] resolves configuration keys: names (`威海市`, `威海市文登区`,
//! `文登区` when unique) and codes (`37`, `3710`, `371003`, `371003106`).
//!
//! # Data
//!
//! The division tables (31 provinces, 342 prefectures, 2,978 counties and
//! 41,352 towns; National Bureau of Statistics codes as of 2023-06-30) are
//! embedded in the binary as static arrays, built from `data/*.csv` by the build script
//! (nothing is parsed at run time, nothing is read from disk).
//! See `data/README.md` in the crate for the sources.

mod area;
mod data;
mod name_hash;
mod postcode;
#[cfg(test)]
mod table;

use std::fmt;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use data::{data, Data, NodeId, NONE};

pub use area::area_code;
pub use postcode::{postcode_fits_province, postcode_prefixes};

/// The level of an administrative division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 省级: province, autonomous region or municipality (2-digit code).
    Province = 0,
    /// 地级: prefecture-level city, 地区, 自治州 or 盟 (4-digit code).
    City = 1,
    /// 县级: district, county, county-level city or 旗 (6-digit code).
    County = 2,
    /// 乡级: town, township or sub-district (9-digit code).
    Town = 3,
}

impl Level {
    /// Number of digits of a code at this level (2, 4, 6 or 9).
    pub const fn code_len(self) -> usize {
        match self {
            Level::Province => 2,
            Level::City => 4,
            Level::County => 6,
            Level::Town => 9,
        }
    }

    /// The level whose code has `len` digits.
    pub const fn from_code_len(len: usize) -> Option<Level> {
        match len {
            2 => Some(Level::Province),
            4 => Some(Level::City),
            6 => Some(Level::County),
            9 => Some(Level::Town),
            _ => None,
        }
    }

    /// The level directly above this one.
    pub const fn parent(self) -> Option<Level> {
        match self {
            Level::Province => None,
            Level::City => Some(Level::Province),
            Level::County => Some(Level::City),
            Level::Town => Some(Level::County),
        }
    }
}

/// One administrative division, borrowed from the embedded tables.
///
/// Codes are the statistical division codes without trailing zeros, so the
/// code of every division starts with the code of each of its ancestors:
/// 山东省 `37` › 威海市 `3710` › 文登区 `371003` › 宋村镇 `371003106`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Division {
    /// Statistical code: 2, 4, 6 or 9 digits depending on the level.
    pub code: &'static str,
    /// Official full name, e.g. `威海市`, `文登区`, `宋村镇`.
    pub name: &'static str,
    /// Level of the division.
    pub level: Level,
}

impl fmt::Display for Division {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A place in the hierarchy: a province and, as far as known, the city,
/// county and town within it.
///
/// Levels that do not exist for a place are `None`: the districts of the
/// municipalities (北京市 › 朝阳区) and the county-level units administered
/// directly by a province (河南省 › 济源市) have no city. Placeholder rows of
/// the source data (市辖区, 县, 省直辖县级行政区划, and county rows repeating
/// the city name such as 东莞市 › 东莞市) never appear in a path.
///
/// `Display` joins the names with ` › ` (U+203A): `山东省 › 威海市 › 文登区 › 宋村镇`.
/// Two paths are equal when they denote the same division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegionPath {
    /// The province, autonomous region or municipality.
    pub province: &'static Division,
    /// The prefecture-level division, if any.
    pub city: Option<&'static Division>,
    /// The county-level division, if any.
    pub county: Option<&'static Division>,
    /// The town-level division, if any.
    pub town: Option<&'static Division>,
}

impl RegionPath {
    fn from_node(data: &'static Data, id: NodeId) -> RegionPath {
        let mut levels: [Option<&'static Division>; 4] = [None; 4];
        let mut cur = id;
        while cur != NONE {
            if !data.placeholder[cur as usize] {
                let d = data.node(cur);
                levels[d.level as usize] = Some(d);
            }
            cur = data.parent[cur as usize];
        }
        RegionPath {
            province: levels[0].expect("every division has a province"),
            city: levels[1],
            county: levels[2],
            town: levels[3],
        }
    }

    /// The most specific division of the path.
    pub fn division(&self) -> &'static Division {
        self.town
            .or(self.county)
            .or(self.city)
            .unwrap_or(self.province)
    }

    /// Code of the most specific division, e.g. `371003106` for 宋村镇.
    pub fn code(&self) -> &'static str {
        self.division().code
    }

    /// Name of the most specific division, e.g. `宋村镇`.
    pub fn name(&self) -> &'static str {
        self.division().name
    }

    /// Level of the most specific division.
    pub fn level(&self) -> Level {
        self.division().level
    }

    /// The divisions from the province down to the most specific one.
    pub fn divisions(&self) -> impl Iterator<Item = &'static Division> {
        [Some(self.province), self.city, self.county, self.town]
            .into_iter()
            .flatten()
    }

    /// The names from the province down, e.g. `山东省`, `威海市`, `文登区`, `宋村镇`.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        self.divisions().map(|d| d.name)
    }

    /// Whether `other` lies within this region (or is the same region).
    ///
    /// `威海市` contains `威海市 › 文登区 › 宋村镇`; `上海市` contains `上海市 › 浦东新区`.
    pub fn contains(&self, other: &RegionPath) -> bool {
        other.code().starts_with(self.code())
    }

    /// Whether this region lies within the region named by `code_or_name`
    /// (anything [`lookup`] accepts). `false` when the key does not resolve.
    pub fn is_within(&self, code_or_name: &str) -> bool {
        lookup(code_or_name).is_some_and(|outer| outer.contains(self))
    }

    /// The path of the enclosing division one level up (skipping missing
    /// levels), or `None` for a province.
    pub fn parent(&self) -> Option<RegionPath> {
        let mut p = *self;
        if p.town.take().is_some() || p.county.take().is_some() || p.city.take().is_some() {
            Some(p)
        } else {
            None
        }
    }
}

impl fmt::Display for RegionPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.names().enumerate() {
            if i > 0 {
                f.write_str(" \u{203a} ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

/// Result of [`resolve_agency`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The name designates exactly one place.
    Found(RegionPath),
    /// The name fits several places equally well; all candidates, in code order.
    Ambiguous(Vec<RegionPath>),
    /// No place name was recognised.
    Unknown,
}

impl Resolution {
    /// The place, if the resolution is unambiguous.
    pub fn found(&self) -> Option<&RegionPath> {
        match self {
            Resolution::Found(p) => Some(p),
            _ => None,
        }
    }

    /// The candidates: one for `Found`, several for `Ambiguous`, none for `Unknown`.
    pub fn candidates(&self) -> &[RegionPath] {
        match self {
            Resolution::Found(p) => std::slice::from_ref(p),
            Resolution::Ambiguous(v) => v,
            Resolution::Unknown => &[],
        }
    }

    /// Whether the name fitted several places.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self, Resolution::Ambiguous(_))
    }
}

/// Names that are not division names but designate one division exactly.
const ALIASES: &[(&str, &str)] = &[
    // 平潭综合实验区 administers the whole of 平潭县 (福州市).
    ("平潭综合实验区", "350128"),
];

/// Finds the place an agency name designates.
///
/// The name is scanned for a run of consecutive official division names
/// (`山东省` `威海市` `文登区` `宋村镇` …), each one a descendant of the
/// previous; levels may be skipped (`威海市宋村镇`, `文登区`). The run starts
/// at the first recognised name and ends at the first text that is not a
/// division inside the place found so far, so department names such as
/// `市场监督管理局` are never read as places. Among alternative readings the
/// longest run wins.
///
/// A run that fits exactly one place gives [`Resolution::Found`]; one that fits
/// several (`金岭镇` exists in 淄博市 and in 招远市) gives
/// [`Resolution::Ambiguous`] listing them all.
///
/// To keep generic words from being read as places, the first name of a run
/// must be a province, a prefecture, a county other than the two-character
/// `城区`/`郊区`/`矿区`, or a town whose name ends in 镇, 乡, 街道 or 苏木.
/// Other town-level units (农场, 开发区 …) are recognised only after their county.
///
/// ```
/// use reportlint_regions::{resolve_agency, Resolution};
///
/// let r = resolve_agency("招远市金岭镇人民政府");
/// assert_eq!(r.found().unwrap().to_string(), "山东省 › 烟台市 › 招远市 › 金岭镇");
/// assert!(resolve_agency("金岭镇人民政府").is_ambiguous());
/// assert_eq!(resolve_agency("市场监督管理局"), Resolution::Unknown);
/// ```
pub fn resolve_agency(name: &str) -> Resolution {
    let m = Matcher::new(name, Mode::Agency);
    for start in 0..m.len() {
        let (end, ids) = m.extend(start, &[]);
        if end > start {
            return to_resolution(ids);
        }
    }
    Resolution::Unknown
}

/// Resolves a configuration key: a name or a code.
///
/// * Names: one or more consecutive official names (`山东省`, `威海市`,
///   `威海市文登区`, `山东省威海市文登区宋村镇`), which must cover the whole
///   key and designate exactly one place (`文登区` works because it is unique,
///   `朝阳区` does not). Short province names (`山东`, `内蒙古`, `广西`) are
///   accepted too.
/// * Codes: 2, 4, 6 or 9 digits (`37`, `3710`, `371003`, `371003106`), the
///   12-digit statistical form (`371003106000`), and the 6-digit GB/T 2260
///   form of provinces and cities (`370000`, `371000`).
///
/// Surrounding whitespace is ignored. Returns `None` for unknown or
/// ambiguous keys.
///
/// ```
/// use reportlint_regions::lookup;
///
/// assert_eq!(lookup("3710").unwrap().to_string(), "山东省 › 威海市");
/// assert_eq!(lookup("威海市文登区").unwrap().code(), "371003");
/// assert!(lookup("朝阳区").is_none());
/// ```
pub fn lookup(query: &str) -> Option<RegionPath> {
    let q = query.trim();
    if q.is_empty() {
        return None;
    }
    let data = data();
    if q.bytes().all(|b| b.is_ascii_digit()) {
        let code = match q.len() {
            12 if q.ends_with("000") => &q[..9],
            6 if data.by_code(q).is_none() && q.ends_with("0000") => &q[..2],
            6 if data.by_code(q).is_none() && q.ends_with("00") => &q[..4],
            _ => q,
        };
        return data.by_code(code).map(|id| RegionPath::from_node(data, id));
    }
    let m = Matcher::new(q, Mode::Lookup);
    let (end, ids) = m.extend(0, &[]);
    match (end == m.len(), ids.as_slice()) {
        (true, &[id]) => Some(RegionPath::from_node(data, id)),
        _ => None,
    }
}

/// The places a name key fits when [`lookup`] finds it ambiguous (`金岭镇` exists in 淄博市 and in
/// 招远市): every candidate, in code order. Empty for a key that is unknown, a code, or unique.
///
/// ```
/// use reportlint_regions::lookup_candidates;
///
/// let c = lookup_candidates("金岭镇");
/// assert!(c.len() >= 2);
/// assert!(c.iter().any(|p| p.to_string() == "山东省 › 烟台市 › 招远市 › 金岭镇"));
/// assert!(lookup_candidates("威海市文登区").is_empty());
/// ```
pub fn lookup_candidates(query: &str) -> Vec<RegionPath> {
    let q = query.trim();
    if q.is_empty() || q.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let data = data();
    let m = Matcher::new(q, Mode::Lookup);
    let (end, ids) = m.extend(0, &[]);
    if end != m.len() || ids.len() < 2 {
        return Vec::new();
    }
    let mut paths: Vec<RegionPath> = ids
        .iter()
        .map(|&id| RegionPath::from_node(data, id))
        .collect();
    paths.sort_by_key(|p| p.code());
    paths
}

/// Says in Chinese why a region key was not found: for an ambiguous name, every place it fits
/// (full chain and code) and how to write one of them; else what a key may be.
pub fn not_found_message(query: &str) -> String {
    let candidates = lookup_candidates(query);
    if candidates.is_empty() {
        return format!(
            "找不到行政区划“{}”：请写区划名称（如“威海市”“威海市文登区”）或区划代码（如“371003”）",
            query.trim()
        );
    }
    let list: Vec<String> = candidates
        .iter()
        .map(|p| format!("{p}（{}）", p.code()))
        .collect();
    let example = &candidates[0];
    let qualified: String = example
        .parent()
        .map(|p| format!("{}{}", p.name(), example.name()))
        .unwrap_or_else(|| example.name().to_owned());
    format!(
        "行政区划“{}”有 {} 处同名，无法确定是哪一个：{}。请带上上级名称（如“{qualified}”）或写区划代码（如“{}”）",
        query.trim(),
        candidates.len(),
        list.join("；"),
        example.code()
    )
}

fn to_resolution(ids: Vec<NodeId>) -> Resolution {
    let data = data();
    match ids.as_slice() {
        [] => Resolution::Unknown,
        &[id] => Resolution::Found(RegionPath::from_node(data, id)),
        _ => Resolution::Ambiguous(
            ids.iter()
                .map(|&id| RegionPath::from_node(data, id))
                .collect(),
        ),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Free text: the first name of a run must pass [`first_token_ok`].
    Agency,
    /// A configuration key: any name may start a run; province short names.
    Lookup,
}

/// Scans text for runs of nested division names.
struct Matcher<'a> {
    text: &'a str,
    /// Byte offset of every char boundary, including the end.
    bounds: Vec<usize>,
    mode: Mode,
    data: &'static Data,
}

impl<'a> Matcher<'a> {
    fn new(text: &'a str, mode: Mode) -> Self {
        let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bounds.push(text.len());
        Matcher {
            text,
            bounds,
            mode,
            data: data(),
        }
    }

    /// Length of the text in chars.
    fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Divisions named `s` that may follow `current` (any, if `current` is empty).
    fn candidates(&self, s: &str, current: &[NodeId]) -> Vec<NodeId> {
        let data = self.data;
        let first = current.is_empty();
        let accept = |id: NodeId| {
            if first {
                self.mode == Mode::Lookup || first_token_ok(data.node(id))
            } else {
                let code = data.node(id).code;
                current.iter().any(|&c| {
                    let anc = data.node(c).code;
                    code.len() > anc.len() && code.starts_with(anc)
                })
            }
        };
        let mut out: Vec<NodeId> = data.named(s).filter(|&id| accept(id)).collect();
        if out.is_empty() {
            let alias = ALIASES
                .iter()
                .find(|(name, _)| *name == s)
                .map(|(_, code)| *code)
                .or_else(|| match self.mode {
                    Mode::Lookup if first => province_short_name(s),
                    _ => None,
                });
            if let Some(id) = alias.and_then(|code| data.by_code(code)) {
                if accept(id) || (first && data.node(id).level == Level::Province) {
                    out.push(id);
                }
            }
        }
        out
    }

    /// The lengths (in chars) of the names that start with the char at `pos`, as bits.
    fn name_lengths_at(&self, pos: usize) -> u64 {
        let first = self.text[self.bounds[pos]..].chars().next();
        first.map_or(0, |c| NAME_LENGTHS.get(&c).copied().unwrap_or(0))
    }

    /// Longest run of nested names starting at char `pos` below `current`.
    /// Returns the end of the run (in chars) and the candidates for the
    /// last name of the run (`current` itself if nothing matched).
    fn extend(&self, pos: usize, current: &[NodeId]) -> (usize, Vec<NodeId>) {
        let mut best = (pos, current.to_vec());
        let max = self.data.max_name_chars.min(self.len() - pos);
        // Only the lengths some name starting with this char has are looked up: most chars of
        // an agency's name start no place name at all.
        let lengths = self.name_lengths_at(pos);
        for n in (1..=max).rev() {
            if lengths & (1 << n.min(63)) == 0 {
                continue;
            }
            let s = &self.text[self.bounds[pos]..self.bounds[pos + n]];
            let next = self.candidates(s, current);
            if next.is_empty() {
                continue;
            }
            let found = self.extend(pos + n, &next);
            if found.0 > best.0 {
                best = found;
            }
        }
        best
    }
}

/// For each char that starts a name (of a division, an alias or a province's short name): bit
/// `n` is set when such a name has `n` chars (bit 63: 63 chars or more).
/// (The Fx hash: SipHash made building this table of 45,000 names 11M instructions.)
static NAME_LENGTHS: LazyLock<FxHashMap<char, u64>> = LazyLock::new(|| {
    let data = data();
    let provinces = &data.nodes[data.level_start[0]..data.level_start[1]];
    let shorts = provinces.iter().map(|p| province_short_name_of(p.name));
    let mut out: FxHashMap<char, u64> = FxHashMap::default();
    for name in data
        .names()
        .chain(ALIASES.iter().map(|a| a.0))
        .chain(shorts)
    {
        if let Some(first) = name.chars().next() {
            *out.entry(first).or_default() |= 1 << name.chars().count().min(63);
        }
    }
    out
});

/// Whether a division may start a run in free text (see [`resolve_agency`]).
fn first_token_ok(d: &Division) -> bool {
    match d.level {
        Level::Province | Level::City => true,
        Level::County => !(d.name.chars().count() <= 2 && d.name.ends_with('区')),
        Level::Town => ["镇", "乡", "街道", "苏木"]
            .iter()
            .any(|suffix| d.name.ends_with(suffix)),
    }
}

/// Province code for a short province name such as `山东`, `内蒙古` or `广西`.
fn province_short_name(s: &str) -> Option<&'static str> {
    let data = data();
    let provinces = &data.nodes[data.level_start[0]..data.level_start[1]];
    provinces
        .iter()
        .find_map(|p| (province_short_name_of(p.name) == s).then_some(p.code))
}

/// `山东` for `山东省`, `广西` for `广西壮族自治区`.
fn province_short_name_of(name: &str) -> &str {
    name.trim_end_matches('省')
        .trim_end_matches('市')
        .trim_end_matches("自治区")
        .trim_end_matches("壮族")
        .trim_end_matches("回族")
        .trim_end_matches("维吾尔")
}

#[cfg(test)]
mod tests;
