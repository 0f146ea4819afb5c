//! `reportlint.toml`: finding it, reading it, and resolving the settings for one report.
//!
//! ```toml
//! extends = "../reportlint.toml"          # inherit explicitly; nothing is merged silently
//!
//! [rules]
//! structure = "warning"                   # a crate prefix
//! "structure/signature" = "off"           # an id; ids beat prefixes
//! "dates/publication-date" = { severity = "error", town-deadline = "03-31" }
//!
//! [[overrides]]
//! files = ["乡镇/**"]                      # globs relative to this file's folder
//! rules = { "contact/website" = "off" }
//!
//! [[overrides]]
//! sections = ["二", "三", "四"]             # only for findings inside these sections
//! rules = { "tables/inline-sums" = "off" }
//!
//! [regions."威海市"]                        # reports of agencies in 威海市 (a name or a code)
//! rules = { "contact/postcode" = "warning" }
//!
//! [[custom-rules]]
//! id = "local/placeholder"
//! pattern = "××|XX镇"
//! message = "报告中留有占位符"
//! severity = "error"
//! ```
//!
//! Settings apply in this order, later ones winning: the `extends` chain from its root, each
//! file's `[rules]`; then `[regions.…]` from the least to the most specific place that contains
//! the report's agency; then `[[overrides]]` whose `files` match; then, per finding,
//! `[[overrides]]` with `sections`.

mod custom;
mod error;
mod file;
pub mod messages;
mod resolve;

pub use custom::CustomRule;
pub use error::ConfigError;
pub use file::{Config, Discovery, Found, Override, RegionRules, RuleSetting, CONFIG_FILE};
pub use resolve::{Level, Origin, Resolved};

/// Parses a section name as written in a config (`"二"`, `"2"`, `"主动公开政府信息情况"`).
pub fn parse_section(s: &str) -> Option<reportlint_core::SectionKind> {
    use reportlint_core::SectionKind;
    let t = s.trim().trim_end_matches('、');
    if let Some(n) = reportlint_core::text::cn_numeral_value(t) {
        return SectionKind::from_number(n);
    }
    if let Ok(n) = t.parse::<u32>() {
        return SectionKind::from_number(n);
    }
    SectionKind::ALL
        .into_iter()
        .find(|k| k.canonical_title() == t)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use reportlint_core::{FixAvailability, RuleMeta, SectionKind, Severity};

    use super::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    #[allow(dead_code)]
    struct DeadlineOptions {
        town_deadline: Option<String>,
    }

    const fn meta(id: &'static str) -> RuleMeta {
        RuleMeta {
            id,
            summary: "",
            default_severity: Severity::Warning,
            fix: FixAvailability::None,
            docs: "",
            options: None,
        }
    }

    static TITLE: RuleMeta = meta("structure/title");
    static SIGNATURE: RuleMeta = meta("structure/signature");
    static PHONE: RuleMeta = meta("contact/phone");
    static DEADLINE: RuleMeta = RuleMeta {
        options: Some(reportlint_core::OptionsSchema {
            validate: reportlint_core::rule::validate_options::<DeadlineOptions>,
            type_name: "DeadlineOptions",
        }),
        ..meta("dates/publication-date")
    };

    fn known() -> Vec<&'static RuleMeta> {
        vec![&TITLE, &SIGNATURE, &PHONE, &DEADLINE]
    }

    fn parse(src: &str) -> Result<std::sync::Arc<Config>, ConfigError> {
        Config::parse(Path::new("reportlint.toml"), src, &known())
    }

    fn error(src: &str) -> String {
        parse(src).unwrap_err().to_string()
    }

    const IDS: &[&str] = &[
        "structure/title",
        "structure/signature",
        "contact/phone",
        "dates/publication-date",
    ];

    #[test]
    fn levels_prefixes_and_ids() {
        let c =
            parse("[rules]\n\"structure/signature\" = \"off\"\nstructure = \"info\"\n").unwrap();
        let r = Resolved::new(Some(&c), Path::new("a.txt"), None, IDS);
        assert_eq!(r.level("structure/title"), Some(Level::On(Severity::Info)));
        assert_eq!(
            r.level("structure/signature"),
            Some(Level::Off),
            "an id beats its prefix"
        );
        assert_eq!(r.level("contact/phone"), None);
        assert!(!r.runs("structure/signature"));
    }

    #[test]
    fn typed_options_are_checked() {
        let c = parse("[rules]\n\"dates/publication-date\" = { severity = \"error\", town-deadline = \"03-31\" }\n").unwrap();
        let r = Resolved::new(Some(&c), Path::new("a.txt"), None, IDS);
        assert_eq!(
            r.options("dates/publication-date").unwrap()["town-deadline"],
            "03-31"
        );
        assert_eq!(
            r.level("dates/publication-date"),
            Some(Level::On(Severity::Error))
        );
        assert_eq!(
            error("[rules]\n\"dates/publication-date\" = { town-deadlin = \"03-31\" }\n"),
            "reportlint.toml:2:28: 规则“dates/publication-date”的选项有误：未知的配置项 town-deadlin；是否指 town-deadline？（可用的配置项：town-deadline）"
        );
        assert!(error("[rules]\n\"contact/phone\" = { area = 1 }\n").contains("没有可配置的选项"));
    }

    #[test]
    fn mistakes_name_line_and_column() {
        assert_eq!(
            error("[rules]\n\"structure/titel\" = \"error\"\n"),
            "reportlint.toml:2:1: 未知的规则或规则组“structure/titel”，是否指 structure/title？用 `reportlint rules` 查看全部规则"
        );
        assert!(error("[rules]\n\"structure/title\" = \"fatal\"\n")
            .starts_with("reportlint.toml:2:21: 级别“fatal”无效"));
        assert!(
            error("[rulez]\n").starts_with("reportlint.toml:1:2: 未知的配置项"),
            "{}",
            error("[rulez]\n")
        );
        assert!(error("[[overrides]]\nfiles = [\"乡镇/[\"]\n")
            .starts_with("reportlint.toml:2:10: files 中的通配符"));
        assert!(
            error("[[custom-rules]]\nid = \"local/x\"\npattern = \"(\"\nmessage = \"m\"\n")
                .starts_with("reportlint.toml:3:11: pattern：正则表达式“(”第 1 个字符处有误：括号“(”没有配对的“)”")
        );
        assert!(
            error("[[custom-rules]]\nid = \"mine\"\npattern = \"x\"\nmessage = \"m\"\n")
                .contains("local/")
        );
        assert!(error("[regions.\"火星市\"]\nrules = {}\n")
            .starts_with("reportlint.toml:1:10: 找不到行政区划“火星市”"));
        assert!(error("[[overrides]]\nsections = [\"七\"]\n").contains("未知的部分“七”"));
        assert!(error("[rules\n").starts_with("reportlint.toml:1:"));
    }

    #[test]
    fn regions_nest_most_specific_wins() {
        let src = "[regions.\"山东省\"]\nrules = { \"contact/phone\" = \"info\", \"structure/title\" = \"info\" }\n\
                   [regions.\"威海市\"]\nrules = { \"contact/phone\" = \"error\" }\n\
                   [regions.\"371003\"]\nrules = { \"structure/signature\" = \"off\" }\n";
        let c = parse(src).unwrap();
        let wendeng = reportlint_regions::lookup("威海市文登区宋村镇").unwrap();
        let r = Resolved::new(Some(&c), Path::new("a.txt"), Some(&wendeng), IDS);
        assert_eq!(r.level("contact/phone"), Some(Level::On(Severity::Error)));
        assert_eq!(r.level("structure/title"), Some(Level::On(Severity::Info)));
        assert_eq!(r.level("structure/signature"), Some(Level::Off));
        assert_eq!(r.regions_applied, ["山东省", "威海市", "371003"]);
        // 招远市 is in 山东省 but not in 威海市.
        let zhaoyuan = reportlint_regions::lookup("招远市").unwrap();
        let r = Resolved::new(Some(&c), Path::new("a.txt"), Some(&zhaoyuan), IDS);
        assert_eq!(r.level("contact/phone"), Some(Level::On(Severity::Info)));
        assert_eq!(r.level("structure/signature"), None);
    }

    #[test]
    fn file_and_section_overrides() {
        let src = "[[overrides]]\nfiles = [\"乡镇/**\"]\nrules = { \"structure/signature\" = \"off\" }\n\
                   [[overrides]]\nsections = [\"六\", \"二\"]\nrules = { \"structure/title\" = \"off\" }\n";
        let c = parse(src).unwrap();
        let r = Resolved::new(Some(&c), Path::new("乡镇/宋村镇.txt"), None, IDS);
        assert_eq!(r.level("structure/signature"), Some(Level::Off));
        let r = Resolved::new(Some(&c), Path::new("部门/统计局.txt"), None, IDS);
        assert_eq!(r.level("structure/signature"), None);
        assert_eq!(
            r.level_in("structure/title", Some(SectionKind::Other)),
            Some(Level::Off)
        );
        assert_eq!(
            r.level_in("structure/title", Some(SectionKind::Overview)),
            None
        );
        assert!(r.runs("structure/title"));
    }

    #[test]
    fn sections_by_numeral_number_or_title() {
        assert_eq!(parse_section("六"), Some(SectionKind::Other));
        assert_eq!(parse_section("2"), Some(SectionKind::Proactive));
        assert_eq!(
            parse_section("存在的主要问题及改进情况"),
            Some(SectionKind::Problems)
        );
        assert_eq!(parse_section("七"), None);
    }
}
