//! An example rule crate of a user's own (see docs/custom-rules.md). It depends on
//! `reportlint-core` alone: the core re-exports `inventory`, `regex` and the rule API.

use std::sync::LazyLock;

use reportlint_core::prelude::*;
use reportlint_core::regex::Regex;

declare_rule! {
    /// ## What it checks
    /// Words of the report template left in the text: `（文字描述）`, `××`, `XX镇`,
    /// `（此处填写……）`.
    ///
    /// ## Why it matters
    /// A placeholder in a published report shows that a section was never written.
    ///
    /// ## Example (bad)
    /// ```text
    /// 五、存在的主要问题及改进情况
    /// （文字描述）
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 五、存在的主要问题及改进情况
    /// 2023年，我镇政府信息公开工作仍存在公开内容不够丰富等问题。
    /// ```
    pub struct Placeholder {
        id: "example/placeholder",
        summary: "报告中不应留有模板的占位文字",
        severity: Error,
        fix: None,
    }
}

/// Compiled once, on first use, and shared by every check.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"（文字描述）|××+|XX(?:镇|乡|街道|县|区|市|局)|[（(]此处填写[^）)]*[）)]").unwrap()
});

impl Rule for Placeholder {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        for m in PLACEHOLDER.find_iter(doc.text()) {
            ctx.report(
                Diagnostic::error(
                    Span::new(m.start(), m.end()),
                    format!("留有模板占位文字“{}”", m.as_str()),
                )
                .with_help("写入实际内容，或删除这段占位文字"),
            );
        }
    }
}

/// Call from `main` so that the linker keeps this crate and its rules.
pub fn link() {}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, flagged};

    #[test]
    fn placeholders_are_found() {
        let text = "五、存在的主要问题及改进情况\n（文字描述）\nXX镇人民政府\n";
        assert_eq!(
            flagged(text, &check(&Placeholder, text)),
            ["（文字描述）", "XX镇"]
        );
    }

    #[test]
    fn real_text_passes() {
        let text = "五、存在的主要问题及改进情况\n2023年，我镇政府信息公开工作仍存在不足。\n";
        assert!(check(&Placeholder, text).is_empty());
    }
}
