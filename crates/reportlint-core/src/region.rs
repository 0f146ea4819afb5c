//! The agency's administrative region and kind.
//!
//! The agency's name is read from the title, the opening (`现公布XX2022年度…`, `请与XX联系`) and
//! the closing block, and resolved to province › city › county › town with the embedded
//! divisions data of `reportlint-regions`. A name that fits several places stays unresolved:
//! rules that depend on the region skip their check rather than guess.

use std::sync::LazyLock;

use regex::Regex;

use crate::dates::SqueezedOpening;
use crate::names::{most_specific_place, place_rank};
use crate::text::normalize;
use crate::{Analysis, Document, Span};

pub use reportlint_regions::{
    area_code, lookup, lookup_candidates, not_found_message, postcode_fits_province,
    postcode_prefixes, resolve_agency, Division, Level, RegionPath, Resolution,
};

/// Where an agency's name was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    Title,
    /// `现公布XX2022年度…报告`, `XX现向社会公开…`.
    Opening,
    /// `请与XX联系`.
    Contact,
    /// The closing block's agency line.
    Closing,
}

/// One spelling of the agency's name found in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyName {
    pub name: String,
    pub span: Span,
    pub source: NameSource,
}

/// What kind of agency wrote the report; it decides the publication deadline
/// (report-format.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgencyKind {
    /// A county-or-higher people's government's consolidated report (`XX县人民政府`, `平潭综合实验区`):
    /// 3月31日.
    Government,
    /// A town or sub-district (`XX镇人民政府`, `XX街道办事处`): set locally, 1月31日 by default.
    Town,
    /// A department or office of a government (`XX局`, `XX人民政府办公室`): 1月31日.
    Department,
    /// No name to judge by.
    Unknown,
}

impl AgencyKind {
    /// The kind an agency's name suggests.
    pub fn of_name(name: &str) -> AgencyKind {
        let n = normalize(name);
        let n = n.trim_end_matches(['(', ')']);
        if n.is_empty() {
            return AgencyKind::Unknown;
        }
        let place = most_specific_place(n);
        let town_place = place.as_deref().is_some_and(|p| place_rank(p) == 3);
        if n.ends_with("街道办事处")
            || n.ends_with("街道")
            || n.ends_with("苏木")
            || ((n.ends_with('镇') || n.ends_with('乡')) && town_place)
        {
            return AgencyKind::Town;
        }
        if n.ends_with("人民政府") || n.ends_with("政府") {
            return if town_place {
                AgencyKind::Town
            } else {
                AgencyKind::Government
            };
        }
        // A bare place name stands for the whole region's consolidated report.
        if [
            "省",
            "市",
            "县",
            "区",
            "旗",
            "州",
            "盟",
            "自治区",
            "实验区",
            "新区",
        ]
        .iter()
        .any(|s| n.ends_with(s))
        {
            return AgencyKind::Government;
        }
        AgencyKind::Department
    }
}

/// The agency's region and kind.
#[derive(Debug, Clone)]
pub struct AgencyRegion {
    /// Every spelling of the agency's name found, title first.
    pub names: Vec<AgencyName>,
    /// The name the region was resolved from (the first that resolved, else the first).
    pub name: Option<AgencyName>,
    pub resolution: Resolution,
    pub kind: AgencyKind,
}

impl AgencyRegion {
    /// The place, when it is known for certain.
    pub fn path(&self) -> Option<&RegionPath> {
        self.resolution.found()
    }

    /// The telephone area code of the place, when both are known.
    pub fn area_code(&self) -> Option<&'static str> {
        self.path().and_then(area_code)
    }
}

const AGENCY: &str = r"[\p{Han}（）()]+?(?:人民政府办公室|人民政府办公厅|人民政府|街道办事处|管理委员会|管委会|办事处|办公室|办公厅|委员会|政府|局|厅|委|院|镇|乡|街道|中心|实验区)";

/// `(?:公布|发布|公开)《?(?P<a>{AGENCY})[0-9]{4}年`: the name before the year of the report
/// announced (`现公布XX镇人民政府2022年度…`). Read by [`announced_names`]; the regex stays for
/// the tests that compare the two.
#[cfg(test)]
static ANNOUNCED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:公布|发布|公开)《?(?P<a>{AGENCY})[0-9]{{4}}年"
    ))
    .unwrap()
});

/// The patterns of `OPENING_NAMES` after the first, `ANNOUNCED_NAME`, which is read by hand.
static OTHER_NAMES: LazyLock<[(Regex, NameSource); 2]> = LazyLock::new(|| {
    [
        (
            Regex::new(&format!(
                r"[,，。)）](?P<a>{AGENCY})(?:现|特)(?:向社会)?(?:公布|发布|公开)"
            ))
            .unwrap(),
            NameSource::Opening,
        ),
        (
            Regex::new(&format!(
                r"请(?:与|和|联系)[:：]?(?P<a>{AGENCY})(?:联系|[,，(（])"
            ))
            .unwrap(),
            NameSource::Contact,
        ),
    ]
});

/// The three name patterns, in the order `agency_in` numbers them (tests).
#[cfg(test)]
static OPENING_NAMES: LazyLock<Vec<(Regex, NameSource)>> = LazyLock::new(|| {
    let mut v = vec![(ANNOUNCED_NAME.clone(), NameSource::Opening)];
    v.extend(OTHER_NAMES.iter().cloned());
    v
});

/// The `Han` script (Unicode's Script property, as the regex crate's `\p{Han}` has it: not
/// Script_Extensions, so `、`, `。` and `，` are not in it), as ranges of code points.
const HAN: [(u32, u32); 22] = [
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x3005, 0x3005),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303B),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9),
    (0x16FE2, 0x16FE3),
    (0x16FF0, 0x16FF1),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B739),
    (0x2B740, 0x2B81D),
    (0x2B820, 0x2CEA1),
    (0x2CEB0, 0x2EBE0),
    (0x2EBF0, 0x2EE5D),
    (0x2F800, 0x2FA1D),
    (0x30000, 0x3134A),
    (0x31350, 0x323AF),
];

/// Whether `c` is in AGENCY's name class `[\p{Han}（）()]`.
fn in_name_class(c: char) -> bool {
    let c = u32::from(c);
    if (0x4E00..=0x9FFF).contains(&c) {
        return true;
    }
    matches!(c, 0x28 | 0x29 | 0xFF08 | 0xFF09)
        || HAN
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// AGENCY's endings, the words its name part is followed by.
const AGENCY_ENDINGS: [&str; 20] = [
    "人民政府办公室",
    "人民政府办公厅",
    "人民政府",
    "街道办事处",
    "管理委员会",
    "管委会",
    "办事处",
    "办公室",
    "办公厅",
    "委员会",
    "政府",
    "局",
    "厅",
    "委",
    "院",
    "镇",
    "乡",
    "街道",
    "中心",
    "实验区",
];

/// The matches of `ANNOUNCED_NAME` in `t`, in order, read without a regex (its lazy DFA over
/// the Han class cost more than the rest of the region).
///
/// Neither a digit nor `《` is in the name's class, and every ending is made of it: a match is a
/// verb, `《` or not, and the rest of a run of the class up to a `dddd年`, which must end in an
/// ending with at least one character before it. So the matches are read from the years, which
/// are few, rather than from the verbs (`公开` is everywhere): back from each year over the run
/// of the class before it, to the leftmost verb that starts a name there.
fn announced_names(t: &str) -> Vec<std::ops::Range<usize>> {
    const VERBS: [&str; 3] = ["公布", "发布", "公开"];
    let b = t.as_bytes();
    let verb_at = |p: usize| b.len() >= p + 6 && VERBS.iter().any(|v| &b[p..p + 6] == v.as_bytes());
    let mut out = Vec::new();
    let mut from = 0;
    for n in memchr::memmem::find_iter(b, "年".as_bytes()) {
        let Some(y) = n.checked_sub(4) else {
            continue;
        };
        if !b[y..n].iter().all(u8::is_ascii_digit) {
            continue;
        }
        // A name must be longer than the shortest ending it ends with.
        let Some(shortest) = AGENCY_ENDINGS
            .iter()
            .filter(|e| t[..y].ends_with(**e))
            .map(|e| e.len())
            .min()
        else {
            continue;
        };
        let names = |s: usize| s + shortest < y;
        // The run of the class that ends at the year.
        let run = t[..y]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_name_class(c))
            .last()
            .map_or(y, |(i, _)| i);
        // A verb and `《` just before the run come first; then the verbs inside it, from the
        // left (a later one leaves a shorter name).
        let before = run
            .checked_sub("公布《".len())
            .filter(|&p| p >= from && &b[run - "《".len()..run] == "《".as_bytes() && verb_at(p));
        let found = before.filter(|_| names(run)).or_else(|| {
            // Both are character boundaries.
            let mut p = run.max(from);
            while names(p + "公布".len()) {
                if verb_at(p) {
                    return Some(p);
                }
                p += t[p..].chars().next().map_or(1, char::len_utf8);
            }
            None
        });
        if let Some(p) = found {
            from = n + "年".len();
            out.push(p..from);
        }
    }
    out
}

/// The `a` group of a match of `OPENING_NAMES[pattern]`, relative to the match `m`. The words
/// around the name leave no choice: none of them can be part of the name where they stand.
///
/// * `(?:公布|发布|公开)《?` before it: two characters, and `《` is not in the name's class;
///   `[0-9]{4}年` after it.
/// * One character before it; `(?:现|特)(?:向社会)?(?:公布|发布|公开)` after it, where `向社会`
///   ends in `会`, not `现` or `特`.
/// * `请(?:与|和|联系)[:：]?` before it (`:` is not in the class); `联系` after it, or one
///   character from `[,，(（]` (which `系` is not).
fn agency_in(pattern: usize, m: &str) -> std::ops::Range<usize> {
    let strip = |s: &str, p: &str| s.strip_prefix(p).map_or(0, |_| p.len());
    match pattern {
        0 => {
            let verb = "公布".len();
            let start = verb + strip(&m[verb..], "《");
            start..m.len() - "2022年".len()
        }
        1 => {
            let start = m.chars().next().map_or(0, char::len_utf8);
            let rest = &m[..m.len() - "公布".len()];
            let rest = if rest.ends_with(['现', '特']) {
                rest
            } else {
                &rest[..rest.len() - "向社会".len()]
            };
            start..rest.len() - "现".len()
        }
        _ => {
            let mut start = "请".len();
            start += if m[start..].starts_with("联系") {
                "联系".len()
            } else {
                "与".len()
            };
            start += strip(&m[start..], ":").max(strip(&m[start..], "："));
            let end = if m.ends_with("联系") {
                m.len() - "联系".len()
            } else {
                m.len() - m.chars().next_back().map_or(0, char::len_utf8)
            };
            start..end
        }
    }
}

/// Whether `t` may hold a match of `OPENING_NAMES[1]`: `现`/`特`, `向社会` or not, and `公布`,
/// `发布` or `公开`, right after the last character of one of the agency words. Most openings
/// hold none (`，现公布…` names no agency), and the regex, whose leading class matches every
/// comma, costs far more than this search.
fn may_announce(t: &str) -> bool {
    const AGENCY_ENDS: &str = "室厅府处会局委院镇乡道心区";
    let verbs = ["公布", "发布", "公开"];
    ["现", "特"].iter().any(|word| {
        memchr::memmem::find_iter(t.as_bytes(), word.as_bytes()).any(|at| {
            let after = &t[at + word.len()..];
            let after = after.strip_prefix("向社会").unwrap_or(after);
            verbs.iter().any(|v| after.starts_with(v))
                && t[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| AGENCY_ENDS.contains(c))
        })
    })
}

/// Names remembered per thread at most by [`resolve_agency_memo`]: past that the memo starts
/// afresh.
const RESOLVED_MEMO_CAP: usize = 4096;

thread_local! {
    /// The same agency names come back in report after report of a batch (a county's towns and
    /// offices, year after year), and resolving one walks the division table from each of its
    /// characters (about 6,000 instructions): each name is resolved once per thread.
    static RESOLVED_MEMO: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Resolution>> =
        std::cell::RefCell::default();
}

/// [`resolve_agency`], remembered per thread for each name (it depends on the name alone).
fn resolve_agency_memo(name: &str) -> Resolution {
    RESOLVED_MEMO.with_borrow_mut(|memo| {
        if let Some(r) = memo.get(name) {
            return r.clone();
        }
        let r = resolve_agency(name);
        if memo.len() >= RESOLVED_MEMO_CAP {
            memo.clear();
        }
        memo.insert(name.into(), r.clone());
        r
    })
}

impl Analysis for AgencyRegion {
    fn compute(doc: &Document) -> Self {
        let mut names = Vec::new();
        if let Some(a) = doc.title().and_then(|t| t.agency.as_ref()) {
            names.push(AgencyName {
                name: a.name.clone(),
                span: a.span,
                source: NameSource::Title,
            });
        }
        let squeezed = doc.analysis::<SqueezedOpening>();
        let sq = &squeezed.0;
        let mut found: Vec<AgencyName> = Vec::new();
        let announced = announced_names(&sq.text);
        let others = OTHER_NAMES.iter().enumerate().map(|(i, (re, source))| {
            // The announcing pattern only where it may match; its place in the order stays
            // (`agency_in` reads a match by its pattern's number).
            let ranges: Vec<_> = if i == 0 && !may_announce(&sq.text) {
                Vec::new()
            } else {
                re.find_iter(&sq.text).map(|m| m.range()).collect()
            };
            (ranges, *source)
        });
        let matches = [(announced, NameSource::Opening)].into_iter().chain(others);
        for (i, (ranges, source)) in matches.enumerate() {
            for m in ranges {
                // The name is read off the match: a capture search runs a backtracker over the
                // large automaton the Han class makes.
                let a = agency_in(i, &sq.text[m.clone()]);
                let a = m.start + a.start..m.start + a.end;
                let name = &sq.text[a.clone()];
                // At most 30 characters: a bounded repetition of a Han class makes the regex's
                // automaton large and slow, so the bound is checked here instead.
                if !(3..=37).contains(&name.chars().count()) {
                    continue;
                }
                found.push(AgencyName {
                    name: name.to_owned(),
                    span: sq.span(a.start, a.end),
                    source,
                });
            }
        }
        found.sort_by_key(|n| n.span.start);
        names.extend(found);
        if let Some(span) = doc.closing().and_then(|c| c.agency) {
            names.push(AgencyName {
                name: doc.slice(span).trim().to_owned(),
                span,
                source: NameSource::Closing,
            });
        }

        let mut chosen: Option<(usize, RegionPath)> = None;
        let mut first_ambiguous: Option<(usize, Resolution)> = None;
        // The title, the opening and the closing block usually name the agency alike: resolve
        // each distinct name once.
        let mut resolved: Vec<(&str, Resolution)> = Vec::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            let r = match resolved.iter().find(|(name, _)| *name == n.name) {
                Some((_, r)) => r.clone(),
                None => {
                    let r = resolve_agency_memo(&n.name);
                    resolved.push((&n.name, r.clone()));
                    r
                }
            };
            match r {
                Resolution::Found(p) => match &chosen {
                    None => chosen = Some((i, p)),
                    // A later, more specific spelling of the same place refines it.
                    Some((_, c)) if c.contains(&p) && *c != p => chosen = Some((i, p)),
                    _ => {}
                },
                r @ Resolution::Ambiguous(_) if first_ambiguous.is_none() => {
                    first_ambiguous = Some((i, r));
                }
                _ => {}
            }
        }
        let (name, resolution) = match (chosen, first_ambiguous) {
            (Some((i, p)), _) => (Some(names[i].clone()), Resolution::Found(p)),
            (None, Some((i, r))) => (Some(names[i].clone()), r),
            (None, None) => (names.first().cloned(), Resolution::Unknown),
        };
        // The kind comes from the agency's own name: the title's, else the closing block's,
        // else the first found (a contact office such as `党政办` says nothing of the agency).
        let kind_name = names
            .iter()
            .find(|n| n.source == NameSource::Title)
            .or_else(|| names.iter().find(|n| n.source == NameSource::Closing))
            .or_else(|| names.iter().find(|n| n.source == NameSource::Opening))
            .or_else(|| names.first());
        let kind = kind_name.map_or(AgencyKind::Unknown, |n| AgencyKind::of_name(&n.name));
        AgencyRegion {
            names,
            name,
            resolution,
            kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(text: &str) -> std::sync::Arc<AgencyRegion> {
        Document::parse("t.txt", text).analysis::<AgencyRegion>()
    }

    #[test]
    fn the_announcement_gate_lets_every_match_through() {
        let cases = [
            "根据要求，威海市文登区人民政府现公布2022年度报告。",
            "。文登区人民政府办公室特向社会发布本报告",
            "，区统计局现向社会公开",
            "）南京市卫生健康委员会现发布",
            "要求，现公布本机关2022年度报告。",
            "，区政府现将报告公布如下",
            "，特此公布",
            "现公布",
            "",
        ];
        let re = &OTHER_NAMES[0].0;
        for t in cases {
            if re.is_match(t) {
                assert!(may_announce(t), "{t}");
            }
        }
        assert!(may_announce(cases[0]) && may_announce(cases[1]) && may_announce(cases[2]));
        assert!(!may_announce(cases[4]) && !may_announce(cases[5]) && !may_announce(cases[6]));
    }

    #[test]
    fn seed_agencies_resolve() {
        let r = region(
            "威海市文登区宋村镇人民政府\n\n2022年政府信息公开工作年度报告\n根据……\n一、总体情况\n",
        );
        assert_eq!(
            r.path().unwrap().to_string(),
            "山东省 › 威海市 › 文登区 › 宋村镇"
        );
        assert_eq!(r.area_code(), Some("0631"));
        assert_eq!(r.kind, AgencyKind::Town);

        let r = region("招远市金岭镇人民政府 2022年度政府信息公开工作年度报告\n\n一、总体情况\n");
        assert_eq!(
            r.path().unwrap().to_string(),
            "山东省 › 烟台市 › 招远市 › 金岭镇"
        );
        assert_eq!(r.area_code(), Some("0535"));

        // Seed 003: no agency in the title; the opening names it.
        let r = region(" 2021年政府信息公开工作年度报告\n根据《条例》的规定要求，现公布威海市文登区侯家镇人民政府2021年度政府信息公开工作报告。如对本报告有疑问，请与威海市文登区侯家镇人民政府党政办联系（地址：略）。\n一、总体情况\n");
        assert_eq!(
            r.path().unwrap().to_string(),
            "山东省 › 威海市 › 文登区 › 侯家镇"
        );
        assert_eq!(r.name.as_ref().unwrap().source, NameSource::Opening);
        assert_eq!(r.kind, AgencyKind::Town);
    }

    #[test]
    fn a_contact_name_without_an_announcement_is_read() {
        let r = region("2022年政府信息公开工作年度报告\n根据要求，现公布本机关年度报告。如有疑问请联系:如皋市市场监督管理局政府信息公开办公室,电话略。\n一、总体情况\n");
        let names: Vec<_> = r
            .names
            .iter()
            .map(|n| (n.name.as_str(), n.source))
            .collect();
        assert_eq!(
            names,
            [(
                "如皋市市场监督管理局政府信息公开办公室",
                NameSource::Contact
            )]
        );
    }

    #[test]
    fn ambiguous_town_names_stay_unknown() {
        let r = region("金岭镇人民政府2022年政府信息公开工作年度报告\n根据……\n一、总体情况\n");
        assert!(r.resolution.is_ambiguous());
        assert!(r.path().is_none());
        assert_eq!(r.area_code(), None);
        let r = region("2022年政府信息公开工作年度报告\n根据……\n一、总体情况\n");
        assert_eq!(r.resolution, Resolution::Unknown);
        assert_eq!(r.kind, AgencyKind::Unknown);
    }

    #[test]
    fn names_read_off_matches_agree_with_the_capture_groups() {
        let pieces = [
            "公布",
            "发布",
            "公开",
            "《",
            "2022年",
            "2022",
            "人民政府",
            "镇",
            "局",
            "现",
            "特",
            "向社会",
            ",",
            "。",
            ")",
            "(",
            "（",
            "）",
            "请",
            "与",
            "联系",
            ":",
            "：",
            "威海市",
            "办公室",
            "街道",
            "中心",
            "实验区",
            "会",
            "系",
            "a",
            "现向社会公布",
            "特公开",
            "现发布",
            "请与",
            "请和",
            "请联系：",
            "联系，",
            "人民政府（",
            "局联系",
        ];
        let mut g = crate::dates::test_gen::Gen::new(3);
        let mut texts: Vec<String> = [
            "现公布《威海市文登区宋村镇人民政府2022年度",
            "。威海市人民政府现向社会公布",
            "，宋村镇向社会现公布",
            "请联系：宋村镇党政办联系",
            "请与宋村镇（办公室）联系，",
            "请和（宋村镇局（",
        ]
        .map(String::from)
        .to_vec();
        for n in 0..6000 {
            texts.push(g.pieces(&pieces, 2 + n % 20));
        }
        let mut seen = [0; 3];
        for t in &texts {
            for (i, (re, _)) in OPENING_NAMES.iter().enumerate() {
                for c in re.captures_iter(t) {
                    let m = c.get(0).unwrap();
                    let a = agency_in(i, m.as_str());
                    let a = m.start() + a.start..m.start() + a.end;
                    assert_eq!(a, c.name("a").unwrap().range(), "{i} {t}");
                    seen[i] += 1;
                }
                assert_eq!(re.find_iter(t).count(), re.captures_iter(t).count());
            }
        }
        assert!(seen.iter().all(|&n| n > 20), "{seen:?}");
    }

    #[test]
    fn the_name_class_is_the_patterns() {
        let all: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        let re = Regex::new(r"[\p{Han}（）()]").unwrap();
        let mut from_re = re.find_iter(&all).map(|m| m.start()).peekable();
        for (i, c) in all.char_indices() {
            let by_re = from_re.next_if_eq(&i).is_some();
            assert_eq!(in_name_class(c), by_re, "{:x}", u32::from(c));
        }
    }

    #[test]
    fn announced_names_are_the_patterns_matches() {
        let pieces = [
            "公布",
            "发布",
            "公开",
            "公",
            "《",
            "》",
            "2022年",
            "2022",
            "20221年",
            "2",
            "年",
            "人民政府",
            "政府",
            "镇",
            "局",
            "乡",
            "中心",
            "实验区",
            "街道办事处",
            "办事处",
            "威海市",
            "〇",
            "々",
            "（",
            "）",
            "(",
            ")",
            "、",
            "，",
            "。",
            "a",
            " ",
            "\n",
            "𠀀",
            "の",
            "：",
            "公布威海市",
            "镇2022年",
            "局2023年",
            "发布《",
            "公开（",
            "人民政府2021年",
        ];
        let mut g = crate::dates::test_gen::Gen::new(5);
        let mut texts: Vec<String> = [
            "现公布《威海市文登区宋村镇人民政府2022年度",
            "公布公开镇2022年",
            "公布镇2022年",
            "公布《镇人民政府2022年公开（乡）2023年",
        ]
        .map(String::from)
        .to_vec();
        for n in 0..8000 {
            texts.push(g.pieces(&pieces, 2 + n % 24));
        }
        let mut seen = 0;
        for t in &texts {
            let want: Vec<_> = ANNOUNCED_NAME.find_iter(t).map(|m| m.range()).collect();
            assert_eq!(announced_names(t), want, "{t}");
            seen += want.len();
        }
        assert!(seen > 500, "{seen}");
    }

    #[test]
    fn remembered_resolutions_are_the_resolutions() {
        let names = [
            "招远市金岭镇人民政府",
            "金岭镇人民政府",
            "市场监督管理局",
            "威海市文登区宋村镇人民政府",
            "",
        ];
        // Twice: the second round reads the memo.
        for name in names.iter().chain(names.iter()) {
            assert_eq!(resolve_agency_memo(name), resolve_agency(name), "{name}");
        }
    }

    #[test]
    fn kinds_of_agency() {
        for (name, kind) in [
            ("威海市人民政府", AgencyKind::Government),
            ("平潭综合实验区", AgencyKind::Government),
            ("威海市文登区人民政府办公室", AgencyKind::Department),
            ("上海市人民政府办公厅", AgencyKind::Department),
            ("岐山县教育体育局", AgencyKind::Department),
            ("桂花街道办事处", AgencyKind::Town),
            ("下湿壕镇政府", AgencyKind::Town),
            ("西街街道", AgencyKind::Town),
            ("招远市金岭镇人民政府", AgencyKind::Town),
        ] {
            assert_eq!(AgencyKind::of_name(name), kind, "{name}");
        }
    }
}
