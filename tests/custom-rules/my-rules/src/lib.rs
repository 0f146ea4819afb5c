//! An example rule crate of a user's own (see docs/custom-rules.md). It depends on
//! `reportlint-core` alone: the core re-exports `inventory`, `regex` and the rule API.

use std::sync::LazyLock;

use reportlint_core::prelude::*;
use reportlint_core::regex::Regex;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告模板中留在正文里的占位文字：`（文字描述）`、`××`、`XX镇`、`（此处填写……）`。
    ///
    /// ## 为什么重要（Why it matters）
    /// 发布的报告里留有占位文字，说明这一部分根本没有写。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 五、存在的主要问题及改进情况
    /// （文字描述）
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 五、存在的主要问题及改进情况
    /// 2023年，我镇政府信息公开工作仍存在公开内容不够丰富等问题。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 列举之外的占位写法；占位文字被换成了空话套话的部分。
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
    fn the_documentation_follows_the_rule_page_convention() {
        assert_eq!(Placeholder::META.check_documentation(), Ok(()));
    }

    #[test]
    fn real_text_passes() {
        let text = "五、存在的主要问题及改进情况\n2023年，我镇政府信息公开工作仍存在不足。\n";
        assert!(check(&Placeholder, text).is_empty());
    }
}
