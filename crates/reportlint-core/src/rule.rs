//! The `Rule` trait, rule metadata, registration through `inventory`, and the checking context.

use crate::{Diagnostic, Document, Severity};

/// Whether a rule offers fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn is_fixable(self) -> bool {
        self != FixAvailability::None
    }
}

/// What every rule declares about itself.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// `crate/rule`, kebab-case: `structure/title`.
    pub id: &'static str,
    /// One line, in Chinese.
    pub summary: &'static str,
    pub default_severity: Severity,
    pub fix: FixAvailability,
    /// The rule's documentation (its doc comment), in Chinese, under the five headings of
    /// [`DOC_SECTIONS`] in that order; [`RuleMeta::check_documentation`] says what is amiss.
    pub docs: &'static str,
    /// The options the rule takes in `reportlint.toml`, if any.
    pub options: Option<OptionsSchema>,
}

/// The headings of every rule page, in this order and no others at this level: a rule's doc
/// comment (and a pseudo-rule's page) has Chinese text under each. `reportlint explain` and
/// docs/rules/ show them as written; tests/docs.rs requires them of every registered rule.
pub const DOC_SECTIONS: [&str; 5] = [
    "## 检查什么（What it checks）",
    "## 为什么重要（Why it matters）",
    "## 错误示例（Example: bad）",
    "## 正确示例（Example: good）",
    "## 不检查什么（What it does not check）",
];

/// A rule's typed options: how to check them when a configuration file is loaded.
#[derive(Debug, Clone, Copy)]
pub struct OptionsSchema {
    /// Deserialises the options into the rule's options type; the error says what is wrong.
    pub validate: fn(&serde_json::Value) -> Result<(), String>,
    /// The options type's name, for documentation.
    pub type_name: &'static str,
}

/// The validator for options of type `T` (used by [`declare_rule!`](crate::declare_rule)).
pub fn validate_options<T: serde::de::DeserializeOwned>(
    v: &serde_json::Value,
) -> Result<(), String> {
    T::deserialize(v).map(|_| ()).map_err(|e| e.to_string())
}

impl RuleMeta {
    /// The crate part of the id (`structure`).
    pub fn group(&self) -> &'static str {
        self.id.split_once('/').map_or(self.id, |(g, _)| g)
    }

    /// The documentation with the one leading space of each doc-comment line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// Whether the documentation follows the rule-page convention: the `## ` headings (outside
    /// code blocks) are exactly [`DOC_SECTIONS`], in order, each with text under it. The error
    /// names the rule and what is amiss, in Chinese.
    pub fn check_documentation(&self) -> Result<(), String> {
        let docs = self.documentation();
        // Each heading, and whether anything stands under it before the next.
        let mut headings: Vec<(&str, bool)> = Vec::new();
        let mut in_code = false;
        for line in docs.lines() {
            let line = line.trim_end();
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
            } else if !in_code && line.starts_with("## ") {
                headings.push((line, false));
                continue;
            }
            if !line.trim().is_empty() {
                if let Some(h) = headings.last_mut() {
                    h.1 = true;
                }
            }
        }
        let found: Vec<&str> = headings.iter().map(|h| h.0).collect();
        if found != DOC_SECTIONS {
            let found = if found.is_empty() {
                "（没有二级标题）".to_owned()
            } else {
                found.join(" / ")
            };
            return Err(format!(
                "{}：文档的二级标题应依次为 {}；实为 {found}",
                self.id,
                DOC_SECTIONS.join(" / ")
            ));
        }
        match headings.iter().find(|h| !h.1) {
            Some((h, _)) => Err(format!("{}：“{h}”下没有内容", self.id)),
            None => Ok(()),
        }
    }
}

/// A lint rule. Implementations are unit structs declared with [`declare_rule!`](crate::declare_rule)
/// and registered with `inventory`.
pub trait Rule: Sync + 'static {
    fn meta(&self) -> &RuleMeta;

    /// Checks one document and reports findings through `ctx`.
    fn check(&self, ctx: &mut Context<'_>);

    /// The comparison, for a rule that compares reports (its `check` finds nothing in one
    /// document alone).
    fn as_cross(&self) -> Option<&dyn crate::compare::CrossRule> {
        None
    }
}

/// One registered rule.
pub struct RuleEntry {
    pub rule: &'static dyn Rule,
}

impl RuleEntry {
    pub const fn new(rule: &'static dyn Rule) -> Self {
        RuleEntry { rule }
    }
}

inventory::collect!(RuleEntry);

/// Every rule registered by the linked rule crates, sorted by id.
pub fn registered_rules() -> Vec<&'static dyn Rule> {
    let mut rules: Vec<&'static dyn Rule> = inventory::iter::<RuleEntry>
        .into_iter()
        .map(|e| e.rule)
        .collect();
    rules.sort_by_key(|r| r.meta().id);
    rules.dedup_by_key(|r| r.meta().id);
    rules
}

/// Whether `selector` (a full id or a crate prefix such as `tables`) selects rule `id`.
pub fn selector_matches(selector: &str, id: &str) -> bool {
    let selector = selector.trim_end_matches('/');
    selector == "ALL"
        || id == selector
        || (id.len() > selector.len()
            && id.starts_with(selector)
            && id.as_bytes()[selector.len()] == b'/')
}

/// Settings that hold for a whole run.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Settings {
    /// "Today", for rules about deadlines and future dates. `None`: the system clock's date in
    /// China Standard Time (UTC+8), where the reports' deadlines fall.
    pub today: Option<jiff::civil::Date>,
    /// The administrative region of every report's agency, set by the user (`--region`) when
    /// detection from the agency's name fails or is wrong. `None`: detect it per report.
    pub region: Option<reportlint_regions::RegionPath>,
}

impl Settings {
    pub fn today(&self) -> jiff::civil::Date {
        // A fixed offset, not the machine's time zone: China has kept UTC+8 all year since
        // 1991, and reading the system's zone made jiff list the whole zoneinfo directory
        // before the first file was read.
        self.today.unwrap_or_else(|| {
            jiff::tz::offset(8)
                .to_datetime(jiff::Timestamp::now())
                .date()
        })
    }
}

/// What a rule sees while it checks a document.
pub struct Context<'a> {
    doc: &'a Document,
    settings: &'a Settings,
    meta: &'a RuleMeta,
    options: Option<&'a serde_json::Value>,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        settings: &'a Settings,
        meta: &'a RuleMeta,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Context {
            doc,
            settings,
            meta,
            options: None,
            out,
        }
    }

    /// The same context with the rule's options from the configuration.
    pub fn with_options(mut self, options: Option<&'a serde_json::Value>) -> Self {
        self.options = options;
        self
    }

    /// The rule's options, deserialised; the defaults when none are configured. Options are
    /// validated when the configuration is loaded, so a failure here falls back to the defaults.
    pub fn options<T: serde::de::DeserializeOwned + Default>(&self) -> T {
        self.options
            .and_then(|v| T::deserialize(v).ok())
            .unwrap_or_default()
    }

    pub fn doc(&self) -> &'a Document {
        self.doc
    }

    pub fn settings(&self) -> &'a Settings {
        self.settings
    }

    /// The region of the report's agency: the user's `--region`, else the one detected from the
    /// agency's name, when it is certain.
    pub fn region(&self) -> Option<reportlint_regions::RegionPath> {
        self.settings.region.or_else(|| {
            self.doc
                .analysis::<crate::region::AgencyRegion>()
                .path()
                .cloned()
        })
    }

    pub fn meta(&self) -> &'a RuleMeta {
        self.meta
    }

    /// Reports a finding. Every span must fall on `char` boundaries of the document's text: a span
    /// inside a multi-byte character is a bug in the rule (checked in debug builds; in release
    /// builds the span is widened to the enclosing characters so that output never breaks).
    pub fn report(&mut self, mut diagnostic: Diagnostic) {
        let text = self.doc.text();
        if !diagnostic.spans_valid_in(text) {
            debug_assert!(
                false,
                "{}: span not on char boundaries: {:?}",
                self.meta.id, diagnostic
            );
            snap_spans(&mut diagnostic, text);
        }
        diagnostic.rule = std::borrow::Cow::Borrowed(self.meta.id);
        self.out.push(diagnostic);
    }
}

fn snap_spans(d: &mut Diagnostic, text: &str) {
    let snap = |s: &mut crate::Span| {
        let mut start = s.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = s.end.clamp(start, text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        *s = crate::Span::new(start, end);
    };
    snap(&mut d.span);
    d.labels.iter_mut().for_each(|l| snap(&mut l.span));
    // A fix with a broken span is dropped rather than applied.
    if d.fix
        .as_ref()
        .is_some_and(|f| f.edits.iter().any(|e| !e.span.is_valid_in(text)))
    {
        d.fix = None;
    }
}

/// Runs `rules` over `doc` and returns the findings in document order.
pub fn check_document(doc: &Document, rules: &[&dyn Rule], settings: &Settings) -> Vec<Diagnostic> {
    let runs: Vec<RuleRun<'_>> = rules
        .iter()
        .map(|&rule| RuleRun {
            rule,
            options: None,
        })
        .collect();
    check_document_with(doc, &runs, settings)
}

/// A rule to run, with its configured options.
#[derive(Clone, Copy)]
pub struct RuleRun<'a> {
    pub rule: &'a dyn Rule,
    pub options: Option<&'a serde_json::Value>,
}

/// Runs each rule with its options over `doc`; findings in document order.
pub fn check_document_with(
    doc: &Document,
    runs: &[RuleRun<'_>],
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for run in runs {
        let mut ctx =
            Context::new(doc, settings, run.rule.meta(), &mut out).with_options(run.options);
        run.rule.check(&mut ctx);
    }
    sort_diagnostics(&mut out);
    out
}

/// The stable order of findings in a file: position, then rule id, then message.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
}

/// Declares a rule: a unit struct with its metadata, registered with `inventory`. The doc comment
/// becomes the rule's documentation (`reportlint explain`, docs/rules/): Chinese text under the
/// five headings of [`DOC_SECTIONS`], in that order (see [`RuleMeta::check_documentation`]).
///
/// ```ignore
/// declare_rule! {
///     /// ## 检查什么（What it checks）
///     /// …
///     /// ## 为什么重要（Why it matters）
///     /// …
///     /// ## 错误示例（Example: bad）
///     /// …
///     /// ## 正确示例（Example: good）
///     /// …
///     /// ## 不检查什么（What it does not check）
///     /// …
///     pub struct Title {
///         id: "structure/title",
///         summary: "标题应写明机关名称和年度",
///         severity: Error,
///         fix: None,
///     }
/// }
/// impl Rule for Title {
///     fn meta(&self) -> &RuleMeta { &Self::META }
///     fn check(&self, ctx: &mut Context<'_>) { /* … */ }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            id: $id:literal,
            summary: $summary:literal,
            severity: $sev:ident,
            fix: $fix:ident,
            options: $opt:ty $(,)?
        }
    ) => {
        $crate::declare_rule!(@emit [$($doc)*] $vis $name $id $summary $sev $fix
            (Some($crate::rule::OptionsSchema {
                validate: $crate::rule::validate_options::<$opt>,
                type_name: stringify!($opt),
            })));
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            id: $id:literal,
            summary: $summary:literal,
            severity: $sev:ident,
            fix: $fix:ident $(,)?
        }
    ) => {
        $crate::declare_rule!(@emit [$($doc)*] $vis $name $id $summary $sev $fix (None));
    };
    (@emit [$($doc:literal)*] $vis:vis $name:ident $id:literal $summary:literal $sev:ident $fix:ident ($options:expr)) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                id: $id,
                summary: $summary,
                default_severity: $crate::Severity::$sev,
                fix: $crate::FixAvailability::$fix,
                docs: concat!($($doc, "\n"),*),
                options: $options,
            };
        }

        $crate::inventory::submit! {
            $crate::RuleEntry::new(&$name)
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_with_docs(docs: &'static str) -> RuleMeta {
        RuleMeta {
            id: "test/docs",
            summary: "测试",
            default_severity: Severity::Warning,
            fix: FixAvailability::None,
            docs,
            options: None,
        }
    }

    const GOOD_DOCS: &str = " ## 检查什么（What it checks）
 报告的标题。

 ## 为什么重要（Why it matters）
 标题写明机关和年度。

 ## 错误示例（Example: bad）
 ```text
 ## 代码块中的行不是标题
 2021年政府信息公开工作年度报告
 ```

 ## 正确示例（Example: good）
 ```text
 某镇人民政府2021年政府信息公开工作年度报告
 ```

 ## 不检查什么（What it does not check）
 机关是否存在。
";

    #[test]
    fn documentation_with_the_five_chinese_headings_in_order_passes() {
        assert_eq!(meta_with_docs(GOOD_DOCS).check_documentation(), Ok(()));
    }

    #[test]
    fn documentation_with_english_missing_reordered_or_empty_sections_fails() {
        let english = GOOD_DOCS
            .replace("## 检查什么（What it checks）", "## What it checks")
            .leak();
        let err = meta_with_docs(english).check_documentation().unwrap_err();
        assert!(err.contains("## What it checks"), "{err}");
        let missing = GOOD_DOCS
            .replace(
                " ## 不检查什么（What it does not check）\n 机关是否存在。\n",
                "",
            )
            .leak();
        assert!(meta_with_docs(missing).check_documentation().is_err());
        let reordered = GOOD_DOCS
            .replace("## 检查什么（What it checks）", "## 临时")
            .replace(
                "## 为什么重要（Why it matters）",
                "## 检查什么（What it checks）",
            )
            .replace("## 临时", "## 为什么重要（Why it matters）")
            .leak();
        assert!(meta_with_docs(reordered).check_documentation().is_err());
        let doubled =
            format!("{GOOD_DOCS} ## 不检查什么（What it does not check）\n 又一节。\n").leak();
        assert!(meta_with_docs(doubled).check_documentation().is_err());
        let empty = GOOD_DOCS.replace(" 机关是否存在。\n", "").leak();
        let err = meta_with_docs(empty).check_documentation().unwrap_err();
        assert!(err.contains("下没有内容"), "{err}");
    }

    #[test]
    fn today_is_the_date_in_china_unless_given() {
        let given: jiff::civil::Date = "2025-01-20".parse().unwrap();
        let settings = Settings {
            today: Some(given),
            ..Settings::default()
        };
        assert_eq!(settings.today(), given);
        // UTC+8: the UTC date, or the next day from 16:00 UTC on.
        let before = jiff::Timestamp::now();
        let today = Settings::default().today();
        let after = jiff::Timestamp::now();
        let in_china = |t: jiff::Timestamp| {
            t.to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
                .date()
        };
        assert!(today == in_china(before) || today == in_china(after));
    }

    #[test]
    fn selectors() {
        assert!(selector_matches("tables", "tables/sums"));
        assert!(selector_matches("tables/", "tables/sums"));
        assert!(selector_matches("tables/sums", "tables/sums"));
        assert!(!selector_matches("table", "tables/sums"));
        assert!(!selector_matches("tables/sum", "tables/sums"));
        assert!(selector_matches("ALL", "dates/publication-date"));
    }
}
