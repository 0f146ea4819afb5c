//! Fixed-line telephone area codes (长途区号).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::RegionPath;

const AREA_CODES: &str = include_str!("../data/area_codes.csv");

/// Rows of `data/area_codes.csv` as `(division code, name, area code)`,
/// comments and header skipped.
pub(crate) fn rows() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    AREA_CODES
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("code,"))
        .filter_map(|l| {
            let mut it = l.splitn(3, ',');
            Some((it.next()?, it.next()?, it.next()?))
        })
}

static TABLE: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| rows().map(|(code, _, area)| (code, area)).collect());

/// The fixed-line telephone area code (区号, with the leading `0`) of a region.
///
/// The table in `data/area_codes.csv` is consulted for the county, then the
/// prefecture, then the province of `path` (towns use their county's code);
/// the first row found decides. Returns `None` when no row applies or the row
/// marks the code as uncertain: callers should then skip any check rather
/// than guess. Several prefectures share a code (长沙、株洲、湘潭 all use
/// `0731`); municipalities have one code (`010`, `021`, `022`, `023`), and so
/// has 海南省 (`0898`).
///
/// ```
/// use reportlint_regions::{area_code, lookup};
///
/// assert_eq!(area_code(&lookup("威海市文登区").unwrap()), Some("0631"));
/// assert_eq!(area_code(&lookup("上海市浦东新区").unwrap()), Some("021"));
/// ```
pub fn area_code(path: &RegionPath) -> Option<&'static str> {
    let table = &*TABLE;
    let found = [path.county, path.city, Some(path.province)]
        .into_iter()
        .flatten()
        .find_map(|d| table.get(d.code).copied())?;
    (found != "-").then_some(found)
}
