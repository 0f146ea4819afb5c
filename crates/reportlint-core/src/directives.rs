//! Directive comments that switch rules off for a region of the document:
//!
//! ```text
//! <!-- reportlint-disable tables/sums -->          … until the matching enable (or the end)
//! <!-- reportlint-enable tables/sums -->
//! <!-- reportlint-disable-next-line contact/phone -- 分机号码，格式无误 -->
//! <!-- reportlint-disable-file structure/signature -->
//! ```
//!
//! Each sits on a line of its own, in .txt and .md alike; a reason may follow ` -- `. With no rule
//! named, a directive applies to all rules. Rules may be named by id or crate prefix.

use std::sync::LazyLock;

use regex::Regex;

use crate::{selector_matches, Diagnostic, Document, Span};

/// Rule id of the finding for a directive that names an unknown rule.
pub const UNKNOWN_RULE: &str = "directive/unknown-rule";
/// Rule id of the finding for a directive that suppressed nothing.
pub const UNUSED: &str = "directive/unused";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

impl DirectiveKind {
    fn name(self) -> &'static str {
        match self {
            DirectiveKind::Disable => "reportlint-disable",
            DirectiveKind::Enable => "reportlint-enable",
            DirectiveKind::DisableNextLine => "reportlint-disable-next-line",
            DirectiveKind::DisableFile => "reportlint-disable-file",
        }
    }
}

/// One directive comment.
#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The comment, `<!--` to `-->`.
    pub span: Span,
    /// The rules named, with their spans; empty for "all rules".
    pub rules: Vec<(String, Span)>,
    pub reason: Option<String>,
    /// 0-based line of the comment.
    pub line: usize,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^<!--\s*reportlint-(?P<kind>disable-next-line|disable-file|disable|enable)(?P<rest>(?:\s.*?)?)\s*-->$")
        .unwrap()
});

/// Whether a line's content is a comment that the layout should see as blank.
pub fn is_comment_line(content: &str) -> bool {
    content.starts_with("<!--") && content.ends_with("-->")
}

/// Every directive in the document, in order.
pub fn parse(doc: &Document) -> Vec<Directive> {
    let text = doc.text();
    let mut out = Vec::new();
    // Most reports hold no comment at all: one search instead of trimming every line.
    if memchr::memmem::find(text.as_bytes(), b"<!--").is_none() {
        return out;
    }
    for (line_no, line) in doc.lines().iter().enumerate() {
        let (off, content) = crate::text::trim_with_offset(&text[line.span.range()]);
        if !content.starts_with("<!--") {
            continue;
        }
        let Some(c) = DIRECTIVE.captures(content) else {
            continue;
        };
        let base = line.span.start + off;
        let kind = match &c["kind"] {
            "disable" => DirectiveKind::Disable,
            "enable" => DirectiveKind::Enable,
            "disable-next-line" => DirectiveKind::DisableNextLine,
            _ => DirectiveKind::DisableFile,
        };
        let rest = c.name("rest").unwrap();
        let (list, reason) = match rest.as_str().find(" -- ") {
            Some(i) => (
                &rest.as_str()[..i],
                Some(rest.as_str()[i + 4..].trim().to_owned()),
            ),
            None => (rest.as_str(), None),
        };
        let mut rules = Vec::new();
        let mut pos = 0;
        for part in list.split(|ch: char| ch.is_whitespace() || ch == ',') {
            let at = list[pos..].find(part).map_or(pos, |i| pos + i);
            pos = at + part.len();
            if !part.is_empty() {
                let start = base + rest.start() + at;
                rules.push((part.to_owned(), Span::new(start, start + part.len())));
            }
        }
        out.push(Directive {
            kind,
            span: Span::new(base, base + content.len()),
            rules,
            reason,
            line: line_no,
        });
    }
    out
}

/// A byte range in which some rules are off, and the directive (and rule entry) that says so.
struct Range {
    span: Span,
    /// `None`: all rules.
    selector: Option<String>,
    directive: usize,
    entry: Option<usize>,
}

/// Applies the document's directives to `diags`: drops suppressed findings, and adds findings for
/// directives that name unknown rules (`known(id)` says whether a selector names any rule) and,
/// when `report_unused`, for directives that suppressed nothing.
pub fn apply(
    doc: &Document,
    diags: Vec<Diagnostic>,
    known: &dyn Fn(&str) -> bool,
    report_unused: bool,
) -> Vec<Diagnostic> {
    let directives = parse(doc);
    if directives.is_empty() {
        return diags;
    }
    let ranges = ranges(doc, &directives);
    // used[directive][entry or 0]
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.rules.len().max(1)])
        .collect();
    let mut kept = Vec::with_capacity(diags.len());
    for d in diags {
        let mut suppressed = false;
        for r in &ranges {
            let in_range = r.span.contains(d.span.start)
                || (r.span.end == doc.text().len() && d.span.start == r.span.end);
            let applies = r
                .selector
                .as_deref()
                .is_none_or(|s| selector_matches(s, &d.rule));
            if in_range && applies && !d.rule.starts_with("directive/") {
                suppressed = true;
                used[r.directive][r.entry.unwrap_or(0)] = true;
            }
        }
        if !suppressed {
            kept.push(d);
        }
    }
    for (i, dir) in directives.iter().enumerate() {
        for (j, (rule, span)) in dir.rules.iter().enumerate() {
            if !known(rule) {
                kept.push(
                    Diagnostic::warning(*span, format!("{}指令中的规则“{rule}”不存在", dir.kind.name()))
                        .with_rule(UNKNOWN_RULE)
                        .with_help("用 `reportlint rules` 查看规则编号；可写完整编号（tables/sums）或规则组（tables）"),
                );
                used[i][j] = true;
            }
        }
        if report_unused && dir.kind != DirectiveKind::Enable {
            if dir.rules.is_empty() {
                if !used[i][0] {
                    kept.push(unused(dir.span, dir.kind, None));
                }
            } else {
                for (j, (rule, span)) in dir.rules.iter().enumerate() {
                    if !used[i][j] {
                        kept.push(unused(*span, dir.kind, Some(rule)));
                    }
                }
            }
        }
    }
    crate::sort_diagnostics(&mut kept);
    kept
}

fn unused(span: Span, kind: DirectiveKind, rule: Option<&str>) -> Diagnostic {
    let what = rule.map_or_else(
        || "没有屏蔽任何问题".to_owned(),
        |r| format!("没有屏蔽“{r}”的任何问题"),
    );
    Diagnostic::warning(span, format!("{}指令{what}", kind.name()))
        .with_rule(UNUSED)
        .with_help("删除这条指令，或改正其中的规则编号")
}

fn ranges(doc: &Document, directives: &[Directive]) -> Vec<Range> {
    let end = doc.text().len();
    let mut out = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        let entries: Vec<(Option<String>, Option<usize>)> = if d.rules.is_empty() {
            vec![(None, None)]
        } else {
            d.rules
                .iter()
                .enumerate()
                .map(|(j, (r, _))| (Some(r.clone()), Some(j)))
                .collect()
        };
        let span = match d.kind {
            DirectiveKind::Enable => continue,
            DirectiveKind::DisableFile => Span::new(0, end),
            DirectiveKind::DisableNextLine => {
                // The next line with content (directives and blank lines skipped).
                let next = doc.lines()[d.line + 1..]
                    .iter()
                    .find(|l| !l.is_blank() && !is_comment_line(doc.slice(l.content)));
                match next {
                    Some(l) => l.span,
                    None => continue,
                }
            }
            DirectiveKind::Disable => {
                let start = d.span.end;
                let mut stop = end;
                for e in &directives[i + 1..] {
                    if e.kind != DirectiveKind::Enable {
                        continue;
                    }
                    let reenables = e.rules.is_empty()
                        || d.rules.is_empty()
                        || e.rules
                            .iter()
                            .any(|(r, _)| d.rules.iter().any(|(x, _)| x == r));
                    if reenables {
                        stop = e.span.start;
                        break;
                    }
                }
                Span::new(start, stop)
            }
        };
        for (selector, entry) in entries {
            out.push(Range {
                span,
                selector,
                directive: i,
                entry,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn diag(doc: &Document, rule: &'static str, needle: &str) -> Diagnostic {
        let at = doc.text().find(needle).unwrap();
        Diagnostic::new(Severity::Warning, Span::new(at, at + needle.len()), "x").with_rule(rule)
    }

    fn known(id: &str) -> bool {
        [
            "contact",
            "contact/phone",
            "tables",
            "tables/sums",
            "structure/title",
        ]
        .contains(&id)
    }

    #[test]
    fn parses_kinds_rules_and_reasons() {
        let doc = Document::parse(
            "t.txt",
            "甲\n<!-- reportlint-disable-next-line contact/phone, tables -- 分机号码 -->\n乙\n  <!--reportlint-enable-->\n",
        );
        let ds = parse(&doc);
        assert_eq!(ds.len(), 2);
        assert_eq!(ds[0].kind, DirectiveKind::DisableNextLine);
        let names: Vec<&str> = ds[0].rules.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(names, ["contact/phone", "tables"]);
        assert_eq!(doc.slice(ds[0].rules[1].1), "tables");
        assert_eq!(ds[0].reason.as_deref(), Some("分机号码"));
        assert_eq!(ds[1].kind, DirectiveKind::Enable);
        assert!(ds[1].rules.is_empty());
    }

    #[test]
    fn disable_enable_region() {
        let doc = Document::parse(
            "t.txt",
            "一\n<!-- reportlint-disable tables/sums -->\n二\n<!-- reportlint-enable tables/sums -->\n三\n",
        );
        let diags = vec![
            diag(&doc, "tables/sums", "一"),
            diag(&doc, "tables/sums", "二"),
            diag(&doc, "contact/phone", "二"),
            diag(&doc, "tables/sums", "三"),
        ];
        let kept = apply(&doc, diags, &known, true);
        let kept: Vec<(&str, &str)> = kept.iter().map(|d| (&*d.rule, doc.slice(d.span))).collect();
        assert_eq!(
            kept,
            [
                ("tables/sums", "一"),
                ("contact/phone", "二"),
                ("tables/sums", "三")
            ]
        );
    }

    #[test]
    fn next_line_file_prefixes_and_all_rules() {
        let doc = Document::parse(
            "t.txt",
            "<!-- reportlint-disable-file structure/title -->\n标题\n<!-- reportlint-disable-next-line tables -->\n\n表格\n表格后\n<!-- reportlint-disable -->\n尾\n",
        );
        let diags = vec![
            diag(&doc, "structure/title", "标题"),
            diag(&doc, "tables/sums", "表格"),
            diag(&doc, "tables/sums", "表格后"),
            diag(&doc, "contact/phone", "尾"),
        ];
        let kept = apply(&doc, diags, &known, false);
        let kept: Vec<&str> = kept.iter().map(|d| doc.slice(d.span)).collect();
        assert_eq!(kept, ["表格后"]);
    }

    #[test]
    fn unknown_and_unused_directives_are_reported() {
        let doc = Document::parse(
            "t.txt",
            "<!-- reportlint-disable-next-line contact/phone tables/sumz -->\n电话\n<!-- reportlint-disable-file structure/title -->\n",
        );
        let kept = apply(&doc, vec![], &known, true);
        let got: Vec<(&str, &str)> = kept.iter().map(|d| (&*d.rule, doc.slice(d.span))).collect();
        assert_eq!(
            got,
            [
                (UNUSED, "contact/phone"),
                (UNKNOWN_RULE, "tables/sumz"),
                (UNUSED, "structure/title"),
            ]
        );
        // Without --report-unused-directives only the unknown rule is reported.
        assert_eq!(apply(&doc, vec![], &known, false).len(), 1);
    }
}
