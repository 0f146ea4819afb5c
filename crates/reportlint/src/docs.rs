//! Rule documentation pages, generated from each rule's metadata and doc comment. `explain`
//! prints the same text that docs/rules/ holds; a test keeps the two in step. The pages are in
//! Chinese: the doc comment's five headings are [`reportlint_core::DOC_SECTIONS`].

use reportlint_core::{FixAvailability, Rule, RuleMeta};

/// Whether the rule can fix what it finds, in words.
fn fix_zh(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "否",
        FixAvailability::Sometimes => "部分问题可以（`--fix`）",
        FixAvailability::Always => "是（`--fix`）",
    }
}

/// The Markdown page of one rule (docs/rules/<crate>/<rule>.md).
pub fn rule_page(m: &RuleMeta) -> String {
    let options = m.options.map_or(String::new(), |_| {
        format!(
            "- 配置选项：有，见下文；在 `reportlint.toml` 的 `[rules]` 中设置，\
             如 `\"{}\" = {{ severity = \"warning\", … }}`\n",
            m.id
        )
    });
    format!(
        "# {id}\n\n{summary}\n\n- 默认级别：{sev_zh}（`{sev}`）\n- 可自动修复：{fix}\n{options}\n{docs}",
        id = m.id,
        summary = m.summary,
        sev_zh = m.default_severity.label_zh(),
        sev = m.default_severity.as_str(),
        fix = fix_zh(m.fix),
        docs = rule_docs(m).trim_end().to_owned() + "\n",
    )
}

/// Whether `c` is full-width punctuation, which never takes a space beside it.
fn is_zh_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ffef}'
        | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Whether `c` is a Chinese (CJK) character.
fn is_han(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{2fff}' | '\u{3040}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Whether a line break between `a` and `b` is dropped when the lines are joined: between
/// Chinese characters, beside full-width punctuation, and between a Chinese character and a
/// digit (`2021年`). A Latin word or a code span keeps a space from Chinese text (`的 PDF`).
fn joins_tight(a: char, b: char) -> bool {
    is_zh_punct(a)
        || is_zh_punct(b)
        || (is_han(a) && (is_han(b) || b.is_ascii_digit()))
        || (is_han(b) && a.is_ascii_digit())
}

/// The doc comment with each paragraph (and list item) on one line. The source wraps lines at
/// 100 columns; Markdown renders such a line break between two Chinese characters as a space,
/// and a terminal narrower than the source wraps each line again. Code blocks, headings, list
/// items and table rows start lines of their own; a break is dropped or becomes a space as
/// [`joins_tight`] says.
fn unwrap_paragraphs(docs: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut in_code = false;
    // Whether the last line may take a continuation.
    let mut open = false;
    for line in docs.lines() {
        let t = line.trim_start();
        if t.starts_with("```") {
            in_code = !in_code;
            lines.push(line.to_owned());
            open = false;
            continue;
        }
        let starts_block = in_code
            || t.is_empty()
            || t.starts_with('#')
            || t.starts_with('|')
            || t.starts_with("- ")
            || t.starts_with("* ")
            || t.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        match lines.last_mut() {
            Some(last) if open && !starts_block => {
                let tight = match (last.chars().last(), t.chars().next()) {
                    (Some(a), Some(b)) => joins_tight(a, b),
                    _ => true,
                };
                if !tight {
                    last.push(' ');
                }
                last.push_str(t.trim_end());
            }
            _ => {
                lines.push(line.trim_end().to_owned());
                open = !in_code && !t.is_empty() && !t.starts_with('#');
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// A rule's documentation as people read it (the rule page, SARIF's help): its doc comment with
/// each paragraph on one line.
pub fn rule_docs(m: &RuleMeta) -> String {
    unwrap_paragraphs(&m.documentation())
}

/// The path of a rule's page relative to docs/rules/.
pub fn rule_page_path(m: &RuleMeta) -> String {
    format!("{}.md", m.id)
}

/// The groups of rules (the crate part of the id), in the order a reviewer reads a report, with
/// their Chinese names.
const GROUPS: [(&str, &str); 8] = [
    ("structure", "结构与格式"),
    ("dates", "年度与日期"),
    ("contact", "联系方式"),
    ("content", "内容要素"),
    ("tables", "统计表"),
    ("style", "文字与标点"),
    ("compare", "报告之间的比较"),
    ("format", "文件读取"),
];

/// The Chinese name of a group of rules, if it is one of reportlint's own.
pub fn group_zh(group: &str) -> Option<&'static str> {
    GROUPS
        .iter()
        .find(|(g, _)| *g == group)
        .map(|(_, name)| *name)
}

/// The groups of `rules`, reportlint's own in [`GROUPS`] order, then the others (a custom rule
/// crate's) by name.
fn groups_in_order<'a>(rules: impl Iterator<Item = &'a RuleMeta>) -> Vec<&'a str> {
    let mut groups: Vec<&str> = Vec::new();
    for m in rules {
        if !groups.contains(&m.group()) {
            groups.push(m.group());
        }
    }
    groups.sort_by_key(|g| {
        (
            GROUPS
                .iter()
                .position(|(own, _)| own == g)
                .unwrap_or(GROUPS.len()),
            *g,
        )
    });
    groups
}

/// docs/rules/README.md: every rule with its severity and summary, by group.
pub fn rules_index(rules: &[&dyn Rule]) -> String {
    let mut s = String::from(
        "# 规则一览\n\n\
         每条规则一页：检查什么、为什么重要、错误示例、正确示例、不检查什么。\
         命令行中 `reportlint explain 规则` 显示同样的内容，`reportlint rules` 列出全部规则。\
         规则的级别和选项在 `reportlint.toml` 中设置（见 [configuration.md](../configuration.md)）。\n\n\
         级别：错误（`error`）报告有误，审核会退回；警告（`warning`）很可能有误或不规范；\
         提示（`info`）值得看一眼。\n\n\
         本目录由规则源代码中的说明生成，`cargo test -p reportlint-tests --test docs` 检查二者一致；\
         更新：`REPORTLINT_BLESS=1 cargo test -p reportlint-tests --test docs`。\n",
    );
    for group in groups_in_order(rules.iter().map(|r| r.meta())) {
        let name = group_zh(group).unwrap_or(group);
        s.push_str(&format!(
            "\n## {name}（`{group}`）\n\n| 规则 | 默认级别 | 可修复 | 说明 |\n|---|---|---|---|\n"
        ));
        for m in rules
            .iter()
            .map(|r| r.meta())
            .filter(|m| m.group() == group)
        {
            s.push_str(&format!(
                "| [`{}`]({}) | {} | {} | {} |\n",
                m.id,
                rule_page_path(m),
                m.default_severity.label_zh(),
                match m.fix {
                    FixAvailability::None => "",
                    FixAvailability::Sometimes => "部分",
                    FixAvailability::Always => "是",
                },
                m.summary
            ));
        }
    }
    s
}

/// What `reportlint explain` prints without an id: how to ask for one rule's page, then every
/// rule by group with its level and summary (plain text, for a terminal).
pub fn explain_index(rules: &[&RuleMeta]) -> String {
    let mut s = String::from(
        "用 `reportlint explain 规则` 查看一条规则的说明，例如：reportlint explain structure/title\n",
    );
    let width = rules.iter().map(|m| m.id.len()).max().unwrap_or(0);
    for group in groups_in_order(rules.iter().copied()) {
        let name = group_zh(group).unwrap_or(group);
        s.push_str(&format!("\n{name}（{group}）\n"));
        for m in rules.iter().filter(|m| m.group() == group) {
            s.push_str(&format!(
                "  {:<width$}  {}  {}  {}\n",
                m.id,
                m.default_severity.label_zh(),
                if m.fix.is_fixable() {
                    "可修复"
                } else {
                    "      "
                },
                m.summary
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::unwrap_paragraphs;

    #[test]
    fn paragraphs_and_list_items_are_joined_code_blocks_are_not() {
        let docs = "## 检查什么（What it checks）\n报告的标题写明\n机关和年度，见 `a`\nand `b`，\n2021\n年的 PDF，损坏的\nPDF\n\n- error：没有\n  标题；\n- info：其他\n\n```text\n第一行\n第二行\n```\n";
        assert_eq!(
            unwrap_paragraphs(docs),
            "## 检查什么（What it checks）\n报告的标题写明机关和年度，见 `a` and `b`，2021年的 PDF，损坏的 PDF\n\n- error：没有标题；\n- info：其他\n\n```text\n第一行\n第二行\n```\n"
        );
    }
}
