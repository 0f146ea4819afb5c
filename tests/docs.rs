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
fn every_rule_documents_its_five_parts() {
    reportlint::link_builtin_rules();
    for r in registered_rules() {
        let m = r.meta();
        let docs = m.documentation();
        for part in [
            "## What it checks",
            "## Why it matters",
            "## Example (bad)",
            "## Example (good)",
            "## What it does not check",
        ] {
            assert!(
                docs.contains(part),
                "{}: documentation lacks “{part}”",
                m.id
            );
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
}
