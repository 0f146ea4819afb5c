//! Helpers for testing rules: run one rule over a text and look at what it found.

use crate::{check_document, Diagnostic, Document, Rule, Settings};

/// Runs `rule` over `text` with default settings.
pub fn check(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    check_with(rule, text, &Settings::default())
}

/// Runs `rule` over `text` with `settings`.
pub fn check_with(rule: &dyn Rule, text: &str, settings: &Settings) -> Vec<Diagnostic> {
    let doc = Document::parse("test.txt", text);
    check_document(&doc, &[rule], settings)
}

/// A compact view of findings for assertions: `severity line:col 「flagged text」 message`.
pub fn summarize(text: &str, diags: &[Diagnostic]) -> Vec<String> {
    let doc = Document::parse("test.txt", text);
    diags
        .iter()
        .map(|d| {
            let lc = doc.line_col(d.span.start);
            format!(
                "{} {}:{} 「{}」 {}",
                d.severity,
                lc.line,
                lc.column,
                &text[d.span.range()],
                d.message
            )
        })
        .collect()
}

/// The texts flagged by `diags` (primary spans).
pub fn flagged<'t>(text: &'t str, diags: &[Diagnostic]) -> Vec<&'t str> {
    diags.iter().map(|d| &text[d.span.range()]).collect()
}

/// Applies the fixes of `diags` (any applicability) to `text`, for testing fixes.
pub fn apply_fixes(text: &str, diags: &[Diagnostic]) -> String {
    let mut edits: Vec<_> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        if e.span.start < pos {
            continue;
        }
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Runs `rule` over `text` with `settings` and the rule options `options` (as a configuration
/// file would give them).
pub fn check_with_options(
    rule: &dyn Rule,
    text: &str,
    settings: &Settings,
    options: &serde_json::Value,
) -> Vec<Diagnostic> {
    if let Some(schema) = rule.meta().options {
        if let Err(e) = (schema.validate)(options) {
            panic!("invalid options for {}: {e}", rule.meta().id);
        }
    }
    let doc = Document::parse("test.txt", text);
    crate::check_document_with(
        &doc,
        &[crate::RuleRun {
            rule,
            options: Some(options),
        }],
        settings,
    )
}

/// A small deterministic generator (xorshift64) for the tests that compare a fast reader with
/// the plain one on generated text: the same seed gives the same numbers on every machine.
/// `seed` must not be 0.
pub fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// A small deterministic generator (the PCG multiplier's linear congruence) of numbers below a
/// bound, for the tests that draw pieces of generated text: `below(n)` is in `0..n` (`n > 0`),
/// and the same seed gives the same numbers on every machine.
pub fn lcg(mut state: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    }
}
