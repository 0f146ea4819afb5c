//! Paying the one-time costs of a run while the files are being found.
//!
//! The first report of a run compiles the rules' patterns (about 40 M instructions) and builds
//! the division lookup's indexes (the tables themselves are compiled in): time in which the other
//! threads would wait on the same lazily built values. So the files are searched for on a second
//! thread while the calling thread lints a small built-in report, which builds every pattern the
//! rules use, and a third thread resolves one agency, which builds the division indexes. Searching
//! a folder of 10,000 reports takes a third of the patterns' time: the second thread then lints
//! the built-in report too, from the last rule back, and the two meet in the middle. (A regex's
//! cache has a fast path for the thread that searched with it first; the other threads take a
//! lock per search. A report runs a few dozen regex searches, so which thread gets the fast path
//! hardly matters.)

use std::sync::atomic::{AtomicBool, Ordering};

use reportlint_core::{check_document, Document, Rule, Settings};

/// A synthetic report (from the benchmark's generator) with every section and table, so that
/// every analysis and rule builds its patterns.
const REPORT: &str = include_str!("warm_up_report.txt");

/// Runs `find` on another thread while this one lints the built-in report with `rules` (the
/// findings are thrown away) and a third builds the division indexes; returns what `find` found.
/// Once `find` is done (a folder is searched faster than the patterns are built), its thread
/// lints the built-in report too, the rules in reverse order, until this thread is done: each
/// pattern is built by whichever thread comes to it first.
pub fn while_finding<T: Send>(
    rules: &[&'static dyn Rule],
    settings: &Settings,
    find: impl FnOnce() -> T + Send,
) -> T {
    // Taken by the thread that runs it; still here if no thread could be started.
    let find = std::sync::Mutex::new(Some(find));
    let take = || find.lock().ok().and_then(|mut f| f.take());
    let warmed = AtomicBool::new(false);
    let rules: Vec<&dyn Rule> = rules.iter().map(|&r| r as &dyn Rule).collect();
    std::thread::scope(|scope| {
        // Without these threads the run still works: it pays the costs as it goes.
        let _regions = std::thread::Builder::new()
            .name("warm-up-regions".to_owned())
            .spawn_scoped(scope, || {
                reportlint_core::region::resolve_agency("威海市文登区宋村镇人民政府")
            });
        let found = std::thread::Builder::new()
            .name("find-files".to_owned())
            .spawn_scoped(scope, || {
                let found = take().map(|f| f());
                let doc = Document::parse("warm-up.txt", REPORT);
                for rule in rules.iter().rev() {
                    if warmed.load(Ordering::Relaxed) {
                        break;
                    }
                    check_document(&doc, &[*rule], settings);
                }
                found
            });
        check_document(&Document::parse("warm-up.txt", REPORT), &rules, settings);
        warmed.store(true, Ordering::Relaxed);
        let found = found.ok().and_then(|handle| {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        match found {
            Some(found) => found,
            None => take()
                .map(|f| f())
                .expect("find runs on one thread or the other"),
        }
    })
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
