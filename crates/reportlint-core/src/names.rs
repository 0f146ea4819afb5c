//! Agency names: recognising them and comparing two spellings of one agency.

use crate::text::{char_len, ends_sentence, normalize};

/// Endings of agency names, longest first.
const SUFFIXES: &[&str] = &[
    "人民政府办公室",
    "人民政府办公厅",
    "管理委员会",
    "街道办事处",
    "人民政府",
    "办事处",
    "办公室",
    "办公厅",
    "委员会",
    "管委会",
    "管理区",
    "开发区",
    "实验区",
    "新区",
    "园区",
    "政府",
    "街道",
    "局",
    "厅",
    "委",
    "院",
    "镇",
    "乡",
    "署",
    "中心",
    "办",
    "馆",
    "所",
    "站",
    "队",
    "处",
];

/// Whether `s` (one line) reads as an agency's name: short, no sentence punctuation, no year, and
/// ending like an agency.
pub fn is_agency_like(s: &str) -> bool {
    let s = s.trim_matches(crate::text::is_space);
    let n = char_len(s);
    (2..=40).contains(&n)
        && !ends_sentence(s)
        && !s.contains(['。', '，', ',', '；', '：', ':', '“', '”', '《'])
        && !s.contains('年')
        && SUFFIXES.iter().any(|suf| s.ends_with(suf))
}

/// Whether `name` is a short form that leaves out the place: a bare level word (`县`, `区`, `市`,
/// `镇`, `乡`, `旗`) followed by the government (`县政府办`, `区府办`, `市人民政府办公室`) or by a
/// short department name (`县教体局`, `区卫健委`). `市场监督管理局` and `市政管理处` are not short
/// forms of this kind; names of national bodies (`国家统计局`) do not start with a level word.
pub fn is_abbreviated_agency(name: &str) -> bool {
    let n = normalize(name);
    let mut chars = n.chars();
    if !matches!(chars.next(), Some('县' | '区' | '市' | '镇' | '乡' | '旗')) {
        return false;
    }
    let rest = chars.as_str();
    if rest.starts_with("政府") || rest.starts_with("人民政府") || rest.starts_with("府办")
    {
        return true;
    }
    !rest.starts_with(['场', '政', '级', '域', '属', '直', '辖'])
        && (2..=4).contains(&char_len(rest))
        && rest.ends_with(['局', '委', '办'])
}

/// Kinds of grass-roots and county units, as they end a place name: what [`places`] finds.
#[cfg(test)]
static PLACE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"[\p{Han}]{1,8}?(?:街道|镇|乡|苏木|县|区|市|旗|盟|州)").unwrap()
});

/// The most specific place named in an agency's name: `威海市文登区宋村镇人民政府` → `宋村镇`,
/// `招远市金岭镇人民政府` → `金岭镇`, `岐山县教育体育局` → `岐山县`.
pub fn most_specific_place(name: &str) -> Option<String> {
    PLACE_MEMO.with_borrow_mut(|memo| {
        if let Some(place) = memo.get(name) {
            return place.as_deref().map(str::to_owned);
        }
        let place = most_specific_place_uncached(name);
        if memo.len() >= PLACE_MEMO_CAP {
            memo.clear();
        }
        memo.insert(name.into(), place.as_deref().map(Box::from));
        place
    })
}

/// Names remembered per thread at most: past that the memo starts afresh.
const PLACE_MEMO_CAP: usize = 4096;

thread_local! {
    /// The same agency names come back in every report of a batch (title, opening, closing,
    /// several rules): reading a name's places (normalising it, then a loop over its characters,
    /// 1,000–2,000 instructions) is done once per thread for each name.
    static PLACE_MEMO: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Option<Box<str>>>> =
        std::cell::RefCell::default();
}

fn most_specific_place_uncached(name: &str) -> Option<String> {
    let n = normalize(name);
    let mut last: Option<&str> = None;
    let mut rank_last = 0;
    for m in places(&n) {
        let r = place_rank(m);
        if r >= rank_last {
            rank_last = r;
            last = Some(m);
        }
    }
    last.map(str::to_owned)
}

/// The matches of `PLACE` (`[\p{Han}]{1,8}?(?:街道|镇|乡|苏木|县|区|市|旗|盟|州)`) in `s`, leftmost
/// first as the regex crate finds them, but by hand: the regex search cost several times more
/// than a name is long. A match starts at the first character from which one to eight Han
/// characters are followed by a place ending; the fewest such characters win, and the endings
/// begin with different characters, so at most one fits.
fn places(s: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    // The length in characters of a place ending at character `j`.
    let ending = |j: usize| match at(j)? {
        '镇' | '乡' | '县' | '区' | '市' | '旗' | '盟' | '州' => Some(1),
        '街' if at(j + 1) == Some('道') => Some(2),
        '苏' if at(j + 1) == Some('木') => Some(2),
        _ => None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut end = None;
        for k in 1..=8 {
            if !at(i + k - 1).is_some_and(is_han_script) {
                break;
            }
            if let Some(len) = ending(i + k) {
                end = Some(i + k + len);
                break;
            }
        }
        match end {
            Some(e) => {
                out.push(&s[byte(i)..byte(e)]);
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether `c` is in the Han script: the class `\p{Han}` of the regex crate (Script=Han, not
/// its extensions; a test checks every character against the regex).
pub fn is_han_script(c: char) -> bool {
    const HAN: [(u32, u32); 22] = [
        (0x2e80, 0x2e99),
        (0x2e9b, 0x2ef3),
        (0x2f00, 0x2fd5),
        (0x3005, 0x3005),
        (0x3007, 0x3007),
        (0x3021, 0x3029),
        (0x3038, 0x303b),
        (0x3400, 0x4dbf),
        (0x4e00, 0x9fff),
        (0xf900, 0xfa6d),
        (0xfa70, 0xfad9),
        (0x16fe2, 0x16fe3),
        (0x16ff0, 0x16ff1),
        (0x20000, 0x2a6df),
        (0x2a700, 0x2b739),
        (0x2b740, 0x2b81d),
        (0x2b820, 0x2cea1),
        (0x2ceb0, 0x2ebe0),
        (0x2ebf0, 0x2ee5d),
        (0x2f800, 0x2fa1d),
        (0x30000, 0x3134a),
        (0x31350, 0x323af),
    ];
    let c = c as u32;
    if (0x4e00..=0x9fff).contains(&c) {
        return true;
    }
    if c < 0x2e80 {
        return false;
    }
    let i = HAN.partition_point(|&(_, end)| end < c);
    HAN.get(i).is_some_and(|&(start, _)| start <= c)
}

/// 3 = town level, 2 = county level, 1 = city level.
pub fn place_rank(place: &str) -> u8 {
    if place.ends_with("街道")
        || place.ends_with('镇')
        || place.ends_with('乡')
        || place.ends_with("苏木")
    {
        3
    } else if place.ends_with('县') || place.ends_with('区') || place.ends_with('旗') {
        2
    } else {
        1
    }
}

/// Compares two spellings of an agency's name. `Some(true)`: the same agency (one may be a
/// short form of the other); `Some(false)`: two different agencies; `None`: cannot tell.
pub fn same_agency(a: &str, b: &str) -> Option<bool> {
    let (na, nb) = (normalize(a), normalize(b));
    if na == nb || na.ends_with(&nb) || nb.ends_with(&na) || na.contains(&nb) || nb.contains(&na) {
        return Some(true);
    }
    let (pa, pb) = (most_specific_place(&na)?, most_specific_place(&nb)?);
    if place_rank(&pa) != place_rank(&pb) {
        return None;
    }
    // 宋村镇 vs 侯家镇: different places of the same level, different agencies.
    if pa != pb && !pa.ends_with(&pb) && !pb.ends_with(&pa) {
        return Some(false);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn agency_lines() {
        assert!(is_agency_like("威海市文登区宋村镇人民政府"));
        assert!(is_agency_like("平潭综合实验区管委会办公室"));
        assert!(!is_agency_like("2023年1月16日"));
        assert!(!is_agency_like("金岭镇无其他有关文件专门要求的事项。"));
        assert!(!is_agency_like("主动公开政府信息情况"));
        assert!(is_agency_like("某某农场管理区"));
        assert!(is_agency_like("某某经济技术开发区管理委员会"));
        assert!(is_agency_like("某某街道办事处"));
    }

    #[test]
    fn abbreviated_agencies() {
        for short in [
            "县政府办",
            "区府办",
            "市政府办公室",
            "县人民政府办公室",
            "县教体局",
            "区卫健委",
            "镇政府",
        ] {
            assert!(is_abbreviated_agency(short), "{short}");
        }
        for full in [
            "某某县人民政府办公室",
            "市场监督管理局",
            "市政管理处",
            "国家统计局",
            "平潭综合实验区管委会",
            "县",
            "区块链发展中心",
        ] {
            assert!(!is_abbreviated_agency(full), "{full}");
        }
    }

    #[test]
    fn han_script_is_the_regex_class() {
        let han = Regex::new(r"^\p{Han}$").unwrap();
        let mut buf = [0; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(
                is_han_script(c),
                han.is_match(c.encode_utf8(&mut buf)),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn places_agree_with_the_pattern() {
        let pieces = [
            "威海",
            "市",
            "文登",
            "区",
            "宋村",
            "镇",
            "乡",
            "街",
            "道",
            "街道",
            "苏",
            "木",
            "苏木",
            "县",
            "旗",
            "盟",
            "州",
            "人民政府",
            "办公室",
            "a",
            "1",
            "（",
            "）",
            "〇",
            "々",
            "、",
            "局",
            "教育",
            "体育",
        ];
        let mut g = crate::dates::test_gen::Gen::new(9);
        let mut seen = 0;
        for n in 0..5000 {
            let t = g.pieces(&pieces, 1 + n % 16);
            let want: Vec<&str> = PLACE.find_iter(&t).map(|m| m.as_str()).collect();
            let got = places(&t);
            assert_eq!(got, want, "{t:?}");
            seen += want.len();
        }
        assert!(seen > 5000, "{seen}");
    }

    #[test]
    fn remembered_places_agree_with_reading_afresh() {
        let names = [
            "威海市文登区宋村镇人民政府",
            "招远市金岭镇人民政府",
            "岐山县教育体育局",
            "某某街道办事处",
            "人民政府",
            "",
            "威海市文登区宋村镇人民政府",
            "岐山县教育体育局",
        ];
        for name in names.iter().chain(names.iter()) {
            assert_eq!(
                most_specific_place(name),
                most_specific_place_uncached(name),
                "{name}"
            );
        }
    }

    #[test]
    fn places_and_sameness() {
        assert_eq!(
            most_specific_place("威海市文登区宋村镇人民政府").as_deref(),
            Some("宋村镇")
        );
        assert_eq!(
            most_specific_place("招远市金岭镇人民政府").as_deref(),
            Some("金岭镇")
        );
        assert_eq!(
            same_agency("招远市金岭镇人民政府", "金岭镇人民政府"),
            Some(true)
        );
        assert_eq!(
            same_agency("威海市文登区宋村镇人民政府", "威海市文登区侯家镇人民政府"),
            Some(false)
        );
        assert_eq!(same_agency("岐山县教育体育局", "县教体局"), None);
    }
}
