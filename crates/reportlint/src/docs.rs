//! Rule documentation pages, generated from each rule's metadata and doc comment. `explain`
//! prints the same text that docs/rules/ holds; a test keeps the two in step.

use reportlint_core::{Rule, RuleMeta};

/// The Markdown page of one rule (docs/rules/<crate>/<rule>.md).
pub fn rule_page(m: &RuleMeta) -> String {
    format!(
        "# {id}\n\n{summary}\n\n- 默认级别（default severity）：`{sev}`\n- 可自动修复（fixable）：{fix}\n\n{docs}",
        id = m.id,
        summary = m.summary,
        sev = m.default_severity.as_str(),
        fix = if m.fix.is_fixable() { "是" } else { "否" },
        docs = m.documentation().trim_end().to_owned() + "\n",
    )
}

/// The path of a rule's page relative to docs/rules/.
pub fn rule_page_path(m: &RuleMeta) -> String {
    format!("{}.md", m.id)
}

/// docs/rules/README.md: every rule with its severity and summary.
pub fn rules_index(rules: &[&dyn Rule]) -> String {
    let mut s = String::from(
        "# 规则一览 (rules)\n\n由 `cargo test -p reportlint-tests --test docs` 检查与代码一致；\
         更新：`REPORTLINT_BLESS=1 cargo test -p reportlint-tests --test docs`。\n\n\
         | 规则 | 默认级别 | 可修复 | 说明 |\n|---|---|---|---|\n",
    );
    for r in rules {
        let m = r.meta();
        s.push_str(&format!(
            "| [`{}`]({}) | {} | {} | {} |\n",
            m.id,
            rule_page_path(m),
            m.default_severity.as_str(),
            if m.fix.is_fixable() { "是" } else { "" },
            m.summary
        ));
    }
    s
}
