//! Agency names: recognising them and comparing two spellings of one agency.

use std::sync::LazyLock;

use regex::Regex;

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

/// Kinds of grass-roots and county units, as they end a place name.
static PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{Han}]{1,8}?(?:街道|镇|乡|苏木|县|区|市|旗|盟|州)").unwrap());

/// The most specific place named in an agency's name: `威海市文登区宋村镇人民政府` → `宋村镇`,
/// `招远市金岭镇人民政府` → `金岭镇`, `岐山县教育体育局` → `岐山县`.
pub fn most_specific_place(name: &str) -> Option<String> {
    let n = normalize(name);
    let mut last: Option<&str> = None;
    let mut rank_last = 0;
    for m in PLACE.find_iter(&n) {
        let r = place_rank(m.as_str());
        if r >= rank_last {
            rank_last = r;
            last = Some(m.as_str());
        }
    }
    last.map(str::to_owned)
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

    #[test]
    fn agency_lines() {
        assert!(is_agency_like("威海市文登区宋村镇人民政府"));
        assert!(is_agency_like("平潭综合实验区管委会办公室"));
        assert!(!is_agency_like("2023年1月16日"));
        assert!(!is_agency_like("金岭镇无其他有关文件专门要求的事项。"));
        assert!(!is_agency_like("主动公开政府信息情况"));
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
