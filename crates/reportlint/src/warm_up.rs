//! Paying the one-time costs of a run on another thread while the files are being found.
//!
//! The first report of a run compiles the rules' patterns (about 40 M instructions) and parses
//! the embedded division table (about 28 M): some 25 ms in which the other threads wait on the
//! same lazily built values. Searching a folder of 10,000 reports takes about as long, on the
//! calling thread. Linting a small built-in report on a second thread meanwhile builds every
//! pattern and table the rules use, so the run starts with them ready.

use reportlint_core::{check_document, Document, Rule, Settings};

/// A synthetic report (from the benchmark's generator) with every section and table, so that
/// every analysis and rule builds its patterns.
const REPORT: &str = include_str!("warm_up_report.txt");

/// Starts linting the built-in report with `rules` on a thread of its own, and loading the
/// division table on another, and returns at once; the findings are thrown away.
pub fn start(rules: &[&'static dyn Rule], settings: &Settings) {
    let rules = rules.to_vec();
    let settings = settings.clone();
    let spawned = std::thread::Builder::new()
        .name("warm-up".to_owned())
        .spawn(move || {
            let rules: Vec<&dyn Rule> = rules.iter().map(|&r| r as &dyn Rule).collect();
            check_document(&Document::parse("warm-up.txt", REPORT), &rules, &settings)
        });
    // The division table is a third of the work: it gets a thread of its own, so that the
    // warm-up takes about as long as finding the files.
    let regions = std::thread::Builder::new()
        .name("warm-up-regions".to_owned())
        .spawn(|| reportlint_core::region::resolve_agency("威海市文登区宋村镇人民政府"));
    // Without these threads the run still works; it only pays the costs on its first report.
    drop((spawned, regions));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_report_is_a_clean_report_with_every_table() {
        crate::link_builtin_rules();
        let rules = reportlint_core::registered_rules();
        let rules: Vec<&dyn Rule> = rules.iter().map(|&r| r as &dyn Rule).collect();
        let doc = Document::parse("warm-up.txt", REPORT);
        let mut settings = Settings::default();
        settings.today = "2025-01-20".parse().ok();
        let findings = check_document(&doc, &rules, &settings);
        assert!(findings.is_empty(), "{findings:?}");
        let tables = doc.analysis::<reportlint_core::tables::Tables>();
        assert!(
            tables.proactive.is_some() && tables.requests.is_some() && tables.appeals.is_some()
        );
    }
}
