//! docs/rules/ is generated from the rules' metadata; this test keeps it in step.
//! Run with `REPORTLINT_BLESS=1` to rewrite the pages.

use reportlint::docs::{rule_page, rule_page_path, rules_index};
use reportlint_core::registered_rules;

#[test]
fn rule_pages_are_in_step_with_the_code() {
    reportlint::link_builtin_rules();
    let rules = registered_rules();
    let dir = reportlint_tests::workspace_root().join("docs/rules");
    let bless = std::env::var_os("REPORTLINT_BLESS").is_some();
    let mut stale = Vec::new();
    let mut pages: Vec<(std::path::PathBuf, String)> = rules
        .iter()
        .map(|r| (dir.join(rule_page_path(r.meta())), rule_page(r.meta())))
        .collect();
    pages.push((dir.join("README.md"), rules_index(&rules)));
    for (path, want) in &pages {
        let have = std::fs::read_to_string(path).unwrap_or_default();
        if have != *want {
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, want).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    // No page for a rule that no longer exists.
    for group in std::fs::read_dir(&dir).unwrap() {
        let group = group.unwrap().path();
        if group.is_dir() {
            for page in std::fs::read_dir(&group).unwrap() {
                let page = page.unwrap().path();
                if !pages.iter().any(|(p, _)| *p == page) {
                    if bless {
                        std::fs::remove_file(&page).unwrap();
                    } else {
                        stale.push(format!("{} (no such rule)", page.display()));
                    }
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is out of step with the code; run REPORTLINT_BLESS=1 cargo test -p reportlint-tests --test docs\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_rule_documents_its_five_parts_in_chinese() {
    reportlint::link_builtin_rules();
    let rules = registered_rules();
    // And every id the tool itself reports (`io`, `config`, `format/*`, `directive/*`, …).
    let pseudo = reportlint::pseudo::ALL;
    let mut wrong = Vec::new();
    for m in rules.iter().map(|r| r.meta()).chain(pseudo) {
        // The five Chinese headings of the rule-page convention, in order, each with text.
        if let Err(e) = m.check_documentation() {
            wrong.push(e);
        }
        // The tool's own ids (`io`, `config`, `internal`) are single words; rules are `<crate>/<rule>`.
        if ["io", "config", "internal"].contains(&m.id) {
            continue;
        }
        let id_ok = m.id.split_once('/').is_some_and(|(c, n)| {
            [c, n].iter().all(|s| {
                !s.is_empty()
                    && s.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
            })
        });
        assert!(
            id_ok,
            "rule id {} is not <crate>/<rule> in kebab-case",
            m.id
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The pages are written in Chinese: beyond the headings, a page's prose is not English left
/// untranslated. Code spans, code blocks, rule ids and option names stay ASCII and are skipped.
#[test]
fn rule_pages_are_written_in_chinese() {
    reportlint::link_builtin_rules();
    let rules = registered_rules();
    let pseudo = reportlint::pseudo::ALL;
    let mut english = Vec::new();
    for m in rules.iter().map(|r| r.meta()).chain(pseudo) {
        let docs = m.documentation();
        let mut in_code = false;
        for line in docs.lines() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if in_code || line.starts_with("## ") {
                continue;
            }
            // The line without its code spans.
            let prose: String = line.split('`').step_by(2).collect();
            let ascii_words = prose
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 4)
                .count();
            let han = prose
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count();
            if ascii_words >= 4 && han < 2 * ascii_words {
                english.push(format!("{}: {line}", m.id));
            }
        }
    }
    assert!(
        english.is_empty(),
        "rule pages with English prose:\n{}",
        english.join("\n")
    );
}
