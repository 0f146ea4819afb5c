//! Throughput of reportlint's checking over a set of report files, held in memory so that the
//! figure measures decoding, parsing and the rules, not the disk.
//!
//! ```text
//! cargo run --release -p reportlint-bench -- [--seconds S] [PATH…]   (default: tests/fixtures)
//! ```
//!
//! Prints MB/s and files/s on one thread and on all threads.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use reportlint_core::{check_document, registered_rules, Document, Settings};

fn collect(path: &PathBuf, out: &mut Vec<(String, Vec<u8>)>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push((path.display().to_string(), bytes));
    }
}

fn main() {
    reportlint::link_builtin_rules();
    let mut seconds = 3.0_f64;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--seconds" {
            seconds = args
                .next()
                .and_then(|s| s.parse().ok())
                .expect("--seconds N");
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("tests/fixtures"));
    }
    let mut files = Vec::new();
    for p in &paths {
        collect(p, &mut files);
    }
    assert!(!files.is_empty(), "no .txt or .md files under {paths:?}");
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let rules = registered_rules();
    let settings = Settings::default();
    let lint = |(path, data): &(String, Vec<u8>)| -> usize {
        match Document::from_bytes(path.clone(), data) {
            Ok(doc) => check_document(&doc, &rules, &settings).len(),
            Err(_) => 1,
        }
    };
    let findings: usize = files.iter().map(lint).sum();
    println!(
        "{} files, {:.2} MB, {} rules, {} findings per pass",
        files.len(),
        bytes as f64 / 1e6,
        rules.len(),
        findings
    );
    let budget = Duration::from_secs_f64(seconds);
    for (label, parallel) in [("1 thread", false), ("all threads", true)] {
        let start = Instant::now();
        let mut passes = 0u64;
        while start.elapsed() < budget || passes == 0 {
            let n: usize = if parallel {
                files.par_iter().map(lint).sum()
            } else {
                files.iter().map(lint).sum()
            };
            std::hint::black_box(n);
            passes += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{label:>12}: {:8.1} MB/s  {:9.0} files/s  ({passes} passes in {secs:.2} s)",
            bytes as f64 * passes as f64 / secs / 1e6,
            files.len() as f64 * passes as f64 / secs,
        );
    }
}
