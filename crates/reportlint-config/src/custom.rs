//! `[[custom-rules]]`: rules written in the configuration, without Rust.

use reportlint_core::regex::Regex;
use reportlint_core::{
    Context, Diagnostic, FixAvailability, Rule, RuleMeta, SectionKind, Severity, Span,
};

/// A rule from `[[custom-rules]]`: every match of `pattern` (compiled once, when the file is
/// loaded) is a finding with `message`; `{match}` in the message stands for the matched text.
#[derive(Debug)]
pub struct CustomRule {
    meta: RuleMeta,
    regex: Regex,
    message: String,
    sections: Option<Vec<SectionKind>>,
    help: Option<String>,
}

/// Strings of a rule's metadata live as long as the program: a configuration is loaded once.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

impl CustomRule {
    pub(crate) fn new(
        id: String,
        regex: Regex,
        message: String,
        severity: Severity,
        sections: Option<Vec<SectionKind>>,
        help: Option<String>,
        origin: String,
    ) -> Self {
        let docs = format!(
            " ## 检查什么（What it checks）\n 自定义规则（定义于 {origin}）：正则表达式 `{}` 的每处匹配{}。\n\n ## 为什么重要（Why it matters）\n 由配置文件的作者规定。\n\n ## 错误示例（Example: bad）\n 匹配该正则表达式的文字。\n\n ## 正确示例（Example: good）\n 不匹配的文字。\n\n ## 不检查什么（What it does not check）\n 正则表达式之外的一切：写法稍有不同、不匹配的文字不报告。\n",
            regex.as_str(),
            sections.as_ref().map_or(String::new(), |s| format!(
                "（仅限第{}部分）",
                s.iter().map(|k| k.numeral()).collect::<Vec<_>>().join("、")
            ))
        );
        CustomRule {
            meta: RuleMeta {
                id: leak(id),
                summary: leak(message.clone()),
                default_severity: severity,
                fix: FixAvailability::None,
                docs: leak(docs),
                options: None,
            },
            regex,
            message,
            sections,
            help,
        }
    }

    pub fn id(&self) -> &'static str {
        self.meta.id
    }

    pub(crate) fn meta_ref(&self) -> &RuleMeta {
        &self.meta
    }
}

impl Rule for CustomRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        for m in self.regex.find_iter(doc.text()) {
            if m.as_str().is_empty() {
                continue;
            }
            if let Some(sections) = &self.sections {
                let inside = doc
                    .section_at(m.start())
                    .is_some_and(|s| sections.contains(&s.kind));
                if !inside {
                    continue;
                }
            }
            let message = self.message.replace("{match}", m.as_str());
            let mut d = Diagnostic::new(
                self.meta.default_severity,
                Span::new(m.start(), m.end()),
                message,
            );
            if let Some(h) = &self.help {
                d = d.with_help(h.clone());
            }
            ctx.report(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custom_rule_is_documented_in_the_rule_page_shape() {
        let regex = Regex::new("花饽饽小镇").unwrap();
        for sections in [None, Some(vec![SectionKind::Overview])] {
            let rule = CustomRule::new(
                "local/x".to_owned(),
                regex.clone(),
                "m".to_owned(),
                Severity::Warning,
                sections,
                None,
                "reportlint.toml".to_owned(),
            );
            assert_eq!(rule.meta().check_documentation(), Ok(()));
        }
    }
}
