//! Postcode (邮政编码) prefixes by province.

use crate::RegionPath;

/// First two digits of the 6-digit postcodes used in each province, by
/// province code.
///
/// Source: the public postcode scheme of 国家邮政局 / China Post, in which the
/// first two digits designate a province-level region (as tabulated in
/// 《全国邮政编码簿》 and Wikipedia "中华人民共和国邮政编码"): e.g. 山东 25–27,
/// 北京 10, 上海 20, 广东 51–52.
const PROVINCE_PREFIXES: &[(&str, &[&str])] = &[
    ("11", &["10"]),                   // 北京市
    ("12", &["30"]),                   // 天津市
    ("13", &["05", "06", "07"]),       // 河北省
    ("14", &["03", "04"]),             // 山西省
    ("15", &["01", "02"]),             // 内蒙古自治区
    ("21", &["11", "12"]),             // 辽宁省
    ("22", &["13"]),                   // 吉林省
    ("23", &["15", "16"]),             // 黑龙江省
    ("31", &["20"]),                   // 上海市
    ("32", &["21", "22"]),             // 江苏省
    ("33", &["31", "32"]),             // 浙江省
    ("34", &["23", "24"]),             // 安徽省
    ("35", &["35", "36"]),             // 福建省
    ("36", &["33", "34"]),             // 江西省
    ("37", &["25", "26", "27"]),       // 山东省
    ("41", &["45", "46", "47"]),       // 河南省
    ("42", &["43", "44"]),             // 湖北省
    ("43", &["41", "42"]),             // 湖南省
    ("44", &["51", "52"]),             // 广东省
    ("45", &["53", "54"]),             // 广西壮族自治区
    ("46", &["57"]),                   // 海南省
    ("50", &["40"]),                   // 重庆市
    ("51", &["61", "62", "63", "64"]), // 四川省
    ("52", &["55", "56"]),             // 贵州省
    ("53", &["65", "66", "67"]),       // 云南省
    ("54", &["85"]),                   // 西藏自治区
    ("61", &["71", "72"]),             // 陕西省
    ("62", &["73", "74"]),             // 甘肃省
    ("63", &["81"]),                   // 青海省
    ("64", &["75"]),                   // 宁夏回族自治区
    ("65", &["83", "84"]),             // 新疆维吾尔自治区
];

/// Prefectures whose postcodes partly fall in another province's range,
/// because their mail is routed through a neighbouring province.
const CITY_EXTRA_PREFIXES: &[(&str, &[&str])] = &[
    ("1522", &["13"]),       // 兴安盟: 乌兰浩特 137400 (吉林 range)
    ("1529", &["73", "75"]), // 阿拉善盟: 阿拉善左旗 750300, 阿拉善右旗 737300, 额济纳旗 735400
    ("5404", &["86"]),       // 林芝市: 860000
];

/// The two-digit postcode prefixes of a province, by its 2-digit code
/// (`"37"` → `["25", "26", "27"]`). Empty for unknown codes.
///
/// A few prefectures also use prefixes outside their province's range
/// (兴安盟, 阿拉善盟, 林芝市); [`postcode_fits_province`] accounts for them.
pub fn postcode_prefixes(province_code: &str) -> &'static [&'static str] {
    PROVINCE_PREFIXES
        .iter()
        .find(|(code, _)| *code == province_code)
        .map_or(&[], |(_, prefixes)| *prefixes)
}

/// Whether a postcode's first two digits fit the province of `path`.
///
/// Returns `Some(false)` for anything that is not six ASCII digits, and
/// `None` when no prefixes are known for the province.
///
/// ```
/// use reportlint_regions::{lookup, postcode_fits_province};
///
/// let weihai = lookup("威海市").unwrap();
/// assert_eq!(postcode_fits_province("264400", &weihai), Some(true));
/// assert_eq!(postcode_fits_province("100000", &weihai), Some(false));
/// ```
pub fn postcode_fits_province(postcode: &str, path: &RegionPath) -> Option<bool> {
    let prefixes = postcode_prefixes(path.province.code);
    if prefixes.is_empty() {
        return None;
    }
    let postcode = postcode.trim();
    if postcode.len() != 6 || !postcode.bytes().all(|b| b.is_ascii_digit()) {
        return Some(false);
    }
    let head = &postcode[..2];
    let extra = path
        .city
        .and_then(|c| CITY_EXTRA_PREFIXES.iter().find(|(code, _)| *code == c.code))
        .map_or(&[][..], |(_, p)| *p);
    Some(prefixes.iter().chain(extra).any(|p| *p == head))
}
