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

use crate::{Diagnostic, Document, Span};

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
    let suppressed = suppressed(doc.text().len(), &ranges, &diags, &mut used);
    let mut kept = Vec::with_capacity(diags.len());
    for (d, off) in diags.into_iter().zip(suppressed) {
        if !off {
            kept.push(d);
        }
    }
    for (i, dir) in directives.iter().enumerate() {
        for (j, (rule, span)) in dir.rules.iter().enumerate() {
            if !known(rule) {
                let ids = crate::registered_rules();
                let guess = crate::suggest::closest(rule, ids.iter().map(|r| r.meta().id));
                let help = match guess {
                    Some(id) => format!("是否指 {id}？用 `reportlint rules` 查看规则编号"),
                    None => "用 `reportlint rules` 查看规则编号；可写完整编号（tables/sums）或规则组（tables）".to_owned(),
                };
                kept.push(
                    Diagnostic::warning(
                        *span,
                        format!("{}指令中的规则“{rule}”不存在", dir.kind.name()),
                    )
                    .with_rule(UNKNOWN_RULE)
                    .with_help(help),
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

/// Where a document's directive comments switch rules off, kept after the document is gone:
/// for findings that arrive later (the comparing rules' findings, made once every report of a
/// run is read). Empty, and free, for the many documents without a directive.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// (from, to, selector, the span of the `directive/unused` finding the range would get);
    /// a range that ends the text also holds the text's end, as in [`apply`].
    ranges: Vec<(usize, usize, Option<String>, Span)>,
    text_len: usize,
}

impl Suppressions {
    /// The ranges of `doc`'s directives.
    pub fn of(doc: &Document) -> Suppressions {
        let directives = parse(doc);
        if directives.is_empty() {
            return Suppressions::default();
        }
        let ranges = ranges(doc, &directives)
            .into_iter()
            .map(|r| {
                let dir = &directives[r.directive];
                let unused_at = r.entry.map_or(dir.span, |j| dir.rules[j].1);
                let selector = match r.selector.as_deref().map(|s| s.trim_end_matches('/')) {
                    None | Some("ALL") => None,
                    Some(s) => Some(s.to_owned()),
                };
                (r.span.start, r.span.end, selector, unused_at)
            })
            .collect();
        Suppressions {
            ranges,
            text_len: doc.text().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The directives that switch rule `id` off at byte `at`: for each, the span at which
    /// `apply` reports it unused when it suppressed nothing (so that a caller that drops a
    /// later finding can take that report back). Empty when the finding stands.
    pub fn suppressing(&self, id: &str, at: usize) -> Vec<Span> {
        self.ranges
            .iter()
            .filter(|(from, to, sel, _)| {
                let to = if *to == self.text_len { to + 1 } else { *to };
                *from <= at
                    && at < to
                    && sel
                        .as_deref()
                        .is_none_or(|s| crate::selector_matches(s, id))
            })
            .map(|r| r.3)
            .collect()
    }
}

#[cfg(test)]
thread_local! {
    /// Steps of the range passes (tests bound the work with it).
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline]
fn tick() {
    #[cfg(test)]
    WORK.with(|w| w.set(w.get() + 1));
}

/// The selectors that take rule `id`: all rules (`None`), `id` itself and its crate prefixes.
fn selectors_of(id: &str) -> impl Iterator<Item = Option<&str>> {
    let prefixes = id.match_indices('/').map(move |(i, _)| Some(&id[..i]));
    std::iter::once(None)
        .chain(prefixes)
        .chain(std::iter::once(Some(id)))
}

/// Which of `diags` a range suppresses; marks in `used` the ranges that suppress something.
///
/// A sweep in text order, not every finding against every range: per selector, the ranges
/// begun so far wait in a heap by their end, and those not yet used in a list that a finding
/// inside them empties (a range is marked used once). The work is (findings × the few
/// selectors a rule id has + ranges) × log, whatever the number of directives.
fn suppressed(
    text_len: usize,
    ranges: &[Range],
    diags: &[Diagnostic],
    used: &mut [Vec<bool>],
) -> Vec<bool> {
    use std::cmp::Reverse;
    use std::collections::{BinaryHeap, HashMap};
    // A range holds `start..end`; one that ends the text also holds the text's end.
    let end_of = |r: &Range| {
        if r.span.end == text_len {
            text_len + 1
        } else {
            r.span.end
        }
    };
    let key = |s: &Option<String>| -> Option<String> {
        match s.as_deref().map(|s| s.trim_end_matches('/')) {
            None | Some("ALL") => None,
            Some(s) => Some(s.to_owned()),
        }
    };
    #[derive(Default)]
    struct Active {
        /// Ends of the ranges begun, smallest first.
        ends: BinaryHeap<Reverse<usize>>,
        /// Ranges begun and not yet used.
        unused: Vec<usize>,
    }
    let mut by_start: Vec<usize> = (0..ranges.len()).collect();
    by_start.sort_by_key(|&i| ranges[i].span.start);
    let mut order: Vec<usize> = (0..diags.len()).collect();
    order.sort_by_key(|&i| diags[i].span.start);
    let mut active: HashMap<Option<String>, Active> = HashMap::new();
    let mut next = 0;
    let mut out = vec![false; diags.len()];
    for i in order {
        let d = &diags[i];
        let at = d.span.start;
        while let Some(&r) = by_start.get(next).filter(|&&r| ranges[r].span.start <= at) {
            tick();
            let a = active.entry(key(&ranges[r].selector)).or_default();
            a.ends.push(Reverse(end_of(&ranges[r])));
            a.unused.push(r);
            next += 1;
        }
        if d.rule.starts_with("directive/") {
            continue;
        }
        for sel in selectors_of(&d.rule) {
            tick();
            let Some(a) = active.get_mut(&sel.map(str::to_owned)) else {
                continue;
            };
            while a.ends.peek().is_some_and(|&Reverse(e)| e <= at) {
                tick();
                a.ends.pop();
            }
            if a.ends.is_empty() {
                continue;
            }
            out[i] = true;
            // Every range of this selector still open here is used; the ones closed before
            // `at` never will be (findings come in text order).
            for r in a.unused.drain(..) {
                tick();
                if end_of(&ranges[r]) > at {
                    used[ranges[r].directive][ranges[r].entry.unwrap_or(0)] = true;
                }
            }
        }
    }
    out
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
    let lines = doc.lines();
    // For each line, the first line at or after it with content (directives and blank lines
    // skipped): one pass from the end, only when some directive needs it.
    let next_content: Vec<Option<usize>> = if directives
        .iter()
        .any(|d| d.kind == DirectiveKind::DisableNextLine)
    {
        let mut v = vec![None; lines.len() + 1];
        for (i, l) in lines.iter().enumerate().rev() {
            tick();
            v[i] = if !l.is_blank() && !is_comment_line(doc.slice(l.content)) {
                Some(i)
            } else {
                v[i + 1]
            };
        }
        v
    } else {
        Vec::new()
    };
    // The enables, by what they re-enable: all rules, or each rule named (in text order).
    let mut enable_all: Vec<usize> = Vec::new();
    let mut enable_rule: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    let mut enable_any: Vec<usize> = Vec::new();
    for (i, e) in directives.iter().enumerate() {
        if e.kind == DirectiveKind::Enable {
            enable_any.push(i);
            if e.rules.is_empty() {
                enable_all.push(i);
            }
            for (r, _) in &e.rules {
                enable_rule.entry(r.as_str()).or_default().push(i);
            }
        }
    }
    // The first index in a sorted list after `i`.
    let after = |list: &[usize], i: usize| list.get(list.partition_point(|&j| j <= i)).copied();
    let mut out = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        tick();
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
                match next_content.get(d.line + 1).copied().flatten() {
                    Some(l) => lines[l].span,
                    None => continue,
                }
            }
            DirectiveKind::Disable => {
                let start = d.span.end;
                // The first later enable of all rules, or of every rule when this disables
                // all, or naming one of the rules this names.
                let stop = if d.rules.is_empty() {
                    after(&enable_any, i)
                } else {
                    d.rules
                        .iter()
                        .filter_map(|(r, _)| after(enable_rule.get(r.as_str())?, i))
                        .chain(after(&enable_all, i))
                        .min()
                };
                Span::new(start, stop.map_or(end, |e| directives[e].span.start))
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

    /// Steps of `apply` for `text` with a finding of `rule` on every line.
    fn work(text: &str, rule: &'static str) -> (u64, usize) {
        let doc = Document::parse("t.txt", text);
        let diags: Vec<Diagnostic> = doc
            .lines()
            .iter()
            .map(|l| Diagnostic::new(Severity::Warning, l.span, "x").with_rule(rule))
            .collect();
        WORK.with(|w| w.set(0));
        let kept = apply(&doc, diags, &known, true).len();
        (WORK.with(|w| w.get()), kept)
    }

    /// R03 and R13: thousands of directives once scanned every later line or directive each,
    /// and every finding was tested against every range. Four times the directives (and
    /// findings), about four times the work: no pass per directive over the rest of the file.
    #[test]
    fn many_directives_cost_linear_work() {
        let cases: [(&str, &str); 4] = [
            (
                "<!-- reportlint-disable-next-line contact/phone -->\n",
                "contact/phone",
            ),
            ("<!-- reportlint-disable -->\n", "tables/sums"),
            (
                "<!-- reportlint-disable tables/sums -->\n甲\n",
                "tables/sums",
            ),
            (
                "<!-- reportlint-disable contact -->\n<!-- reportlint-enable contact/phone -->\n",
                "contact/phone",
            ),
        ];
        for (unit, rule) in cases {
            let (w1, k1) = work(&unit.repeat(2000), rule);
            let (w4, k4) = work(&unit.repeat(8000), rule);
            assert!(w4 <= 5 * w1, "{unit:?}: {w1} → {w4} steps");
            assert!(k4 >= k1);
        }
        // What the sweep keeps is what testing every range kept.
        let text = "甲\n<!-- reportlint-disable contact contact/phone -->\n乙\n<!-- reportlint-enable contact/phone -->\n丙\n";
        let doc = Document::parse("t.txt", text);
        let diags = vec![
            diag(&doc, "contact/phone", "乙"),
            diag(&doc, "contact/phone", "丙"),
            diag(&doc, "contact/postcode", "丙"),
            diag(&doc, "tables/sums", "甲"),
        ];
        let kept = apply(&doc, diags, &known, true);
        let kept: Vec<(&str, &str)> = kept.iter().map(|d| (&*d.rule, doc.slice(d.span))).collect();
        // `enable contact/phone` ends the whole range of the directive that names it.
        assert_eq!(
            kept,
            [
                ("tables/sums", "甲"),
                ("contact/phone", "丙"),
                ("contact/postcode", "丙")
            ]
        );
    }

    /// Findings that arrive after the document is gone are suppressed as `apply` suppresses
    /// the document's own.
    #[test]
    fn suppressions_kept_for_later_findings_agree_with_apply() {
        let text = "甲\n<!-- reportlint-disable compare -->\n乙\n<!-- reportlint-enable compare -->\n丙\n<!-- reportlint-disable-next-line compare/copied-text -->\n丁\n<!-- reportlint-disable-file contact/phone -->\n";
        let doc = Document::parse("t.txt", text);
        let s = Suppressions::of(&doc);
        for (rule, needle) in [
            ("compare/carry-over", "甲"),
            ("compare/carry-over", "乙"),
            ("compare/copied-text", "乙"),
            ("compare/carry-over", "丙"),
            ("compare/copied-text", "丁"),
            ("compare/stock", "丁"),
            ("contact/phone", "甲"),
        ] {
            let d = diag(&doc, rule, needle);
            let by_apply = apply(&doc, vec![d.clone()], &|_| true, false).is_empty();
            let later = s.suppressing(rule, d.span.start);
            assert_eq!(!later.is_empty(), by_apply, "{rule} at {needle}");
        }
        // The span to take the unused report back from is the rule named.
        let d = diag(&doc, "compare/copied-text", "丁");
        let at = s.suppressing("compare/copied-text", d.span.start);
        assert_eq!(at.len(), 1);
        assert_eq!(doc.slice(at[0]), "compare/copied-text");
        assert!(Suppressions::of(&Document::parse("t.txt", "甲\n")).is_empty());
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
