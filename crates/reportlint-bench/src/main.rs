//! reportlint's benchmark (docs/performance.md).
//!
//! ```text
//! reportlint-bench gen DIR [--n 10000] [--seed 1]       write a synthetic corpus of N reports
//! reportlint-bench compare DIR [--rounds 5]            reportlint check --format json vs rg -c 统计期限
//! reportlint-bench pretty [--findings 10000]           one large report, pretty output
//! reportlint-bench throughput [PATH…] [--seconds S]    in-memory MB/s on 1 and all threads
//! reportlint-bench breakdown [PATH…] [--passes N]      one thread: time per stage, analysis, rule
//! reportlint-bench pdf-sizes [DIR] [--pages 1,10,100,600]  text PDFs of N pages: time, memory
//! ```
//!
//! `compare` and `pretty` run the release binary `target/release/reportlint` (build it first:
//! `cargo build --release`), or the one named by `REPORTLINT_BIN`.

mod corpus;
mod pdfs;

/// The same allocator as the `reportlint` binary, so that in-memory figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use reportlint_core::{check_document, registered_rules, Document, Settings};

fn main() {
    reportlint::link_builtin_rules();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = args
        .split_first()
        .map_or(("throughput", &[][..]), |(c, r)| (c.as_str(), r));
    match cmd {
        "gen" => gen(rest),
        "compare" => compare(rest),
        "pretty" => pretty(rest),
        "throughput" => throughput(rest),
        "breakdown" => breakdown(rest),
        "exec" => exec(rest),
        "pdf-sizes" => {
            let dir = positional(rest).first().map_or_else(
                || std::env::temp_dir().join("reportlint-pdf-sizes"),
                PathBuf::from,
            );
            let sizes: String = flag(rest, "--pages", "1,10,100,600".to_owned());
            let sizes: Vec<usize> = sizes.split(',').filter_map(|s| s.parse().ok()).collect();
            let bin = reportlint_bin();
            pdfs::series(&dir, &sizes, bin.to_str().unwrap());
        }
        // Paths without a subcommand: throughput over them.
        _ => throughput(&args),
    }
}

/// `--name value` from `args`.
fn flag<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}: cannot parse {v}"))
        })
        .unwrap_or(default)
}

/// Arguments that are not flags or flag values.
fn positional(args: &[String]) -> Vec<&String> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a == "--parse-only" || a == "--no-docx" {
        } else if a.starts_with("--") {
            skip = true;
        } else {
            out.push(a);
        }
    }
    out
}

fn gen(args: &[String]) {
    let dir = PathBuf::from(
        positional(args)
            .first()
            .map_or("target/bench-corpus", |s| s.as_str()),
    );
    let n: usize = flag(args, "--n", 10_000);
    let seed: u64 = flag(args, "--seed", 1);
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = corpus::Rng::new(seed);
    let mut bytes = 0;
    for i in 0..n {
        let text = corpus::report(&mut rng, i);
        bytes += text.len();
        // A hundred files per folder, as a province's reports sit in folders per county.
        let sub = dir.join(format!("{:03}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("report-{i:05}.txt")), text).unwrap();
    }
    println!(
        "wrote {n} reports, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        dir.display()
    );
}

fn reportlint_bin() -> PathBuf {
    std::env::var_os("REPORTLINT_BIN")
        .map_or_else(|| PathBuf::from("target/release/reportlint"), PathBuf::from)
}

/// Runs a command as a child of a fresh `reportlint-bench exec`, so that the peak memory reported
/// by `getrusage(RUSAGE_CHILDREN)` is this command's alone. Returns (seconds, peak RSS in MB).
fn measure(cmd: &[&str]) -> (f64, f64) {
    let me = std::env::current_exe().unwrap();
    let start = Instant::now();
    let out = Command::new(me)
        .arg("exec")
        .args(cmd)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("spawn");
    let secs = start.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&out.stderr);
    let rss_kb: f64 = err
        .lines()
        .find_map(|l| l.strip_prefix("maxrss_kb="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(f64::NAN);
    (secs, rss_kb / 1024.0)
}

/// `exec CMD…`: run CMD, then print its peak RSS.
fn exec(args: &[String]) {
    let status = Command::new(&args[0])
        .args(&args[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("spawn");
    match reportlint::platform::children_peak_rss_kib() {
        Some(kib) => eprintln!("maxrss_kb={kib}"),
        None => eprintln!("maxrss_kb unavailable on this system"),
    }
    if let Some(cpu) = reportlint::platform::children_cpu_secs() {
        eprintln!("cpu_s={cpu}");
    }
    std::process::exit(status.code().unwrap_or(0).min(1));
}

fn dir_stats(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for e in walk(dir) {
        files += 1;
        bytes += std::fs::metadata(&e).map(|m| m.len()).unwrap_or(0);
    }
    (files, bytes)
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x == "txt" || x == "md" || x == "docx")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Reads every report under `dir` (into the page cache), in parallel.
fn read_all(dir: &Path) {
    let bytes: usize = walk(dir)
        .par_iter()
        .map(|f| std::fs::read(f).map_or(0, |b| b.len()))
        .sum();
    std::hint::black_box(bytes);
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn compare(args: &[String]) {
    let dir = positional(args)
        .first()
        .map_or("target/bench-corpus".to_owned(), |s| s.to_string());
    let rounds: usize = flag(args, "--rounds", 5);
    let bin = reportlint_bin();
    assert!(
        bin.is_file(),
        "{} not found: run `cargo build --release` first",
        bin.display()
    );
    let (files, bytes) = dir_stats(Path::new(&dir));
    let mb = bytes as f64 / 1e6;
    println!("corpus: {dir}: {files} files, {mb:.1} MB");
    let rl = bin.to_str().unwrap();
    // `reportlint check --isolated --format json [-j N] DIR`
    let reportlint = |jobs: &[&'static str]| -> Vec<&str> {
        let mut c = vec![rl, "check", "--isolated", "--format", "json"];
        c.extend(jobs);
        c.push(&dir);
        c
    };
    let cmds: [(&str, Vec<&str>); 5] = [
        ("rg -c 统计期限", vec!["rg", "-c", "统计期限", &dir]),
        ("reportlint -j1", reportlint(&["-j", "1"])),
        ("reportlint -j2", reportlint(&["-j", "2"])),
        ("reportlint", reportlint(&[])),
        ("--no-compare", reportlint(&["--no-compare"])),
    ];
    // Warm the page cache, then alternate the commands round by round.
    for (_, c) in &cmds {
        measure(c);
    }
    let mut times = vec![Vec::new(); cmds.len()];
    let mut rss = vec![0.0f64; cmds.len()];
    for _ in 0..rounds {
        for (i, (_, c)) in cmds.iter().enumerate() {
            // Every command starts on a warm cache: a machine that reclaims pages not touched
            // for a few seconds (DAMON's pageout here) would otherwise send a longer-running
            // command's reads to the disk, and compare disks rather than programs.
            read_all(Path::new(&dir));
            let (t, m) = measure(c);
            times[i].push(t);
            rss[i] = rss[i].max(m);
        }
    }
    let med: Vec<f64> = times.into_iter().map(median).collect();
    for (i, (name, _)) in cmds.iter().enumerate() {
        println!(
            "{name:>16}: {:7.3} s  {:7.1} MB/s  {:8.0} files/s  peak RSS {:6.1} MB  ({:.2}× rg)",
            med[i],
            mb / med[i],
            files as f64 / med[i],
            rss[i],
            med[i] / med[0]
        );
    }
    println!("two threads vs one: {:.2}× faster", med[1] / med[2]);
    println!(
        "comparing reports costs {:+.0} % time, {:+.1} MB peak RSS",
        (med[3] / med[4] - 1.0) * 100.0,
        rss[3] - rss[4]
    );
    // The corpus holds several years of each agency: say how many reports were compared.
    let out = Command::new(rl)
        .args(reportlint(&[])[1..].iter())
        .stderr(Stdio::null())
        .output()
        .expect("spawn");
    let json = String::from_utf8_lossy(&out.stdout);
    let mut by_rule: Vec<(&str, usize)> = Vec::new();
    let mut reports: std::collections::BTreeSet<&str> = Default::default();
    for d in json
        .split("\n{")
        .filter(|d| d.contains("\"rule\":\"compare/"))
    {
        let field = |name: &str| {
            let key = format!("\"{name}\":\"");
            d.find(&key).map(|i| {
                let v = &d[i + key.len()..];
                &v[..v.find('"').unwrap_or(v.len())]
            })
        };
        if let (Some(rule), Some(path)) = (field("rule"), field("path")) {
            match by_rule.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, n)) => *n += 1,
                None => by_rule.push((rule, 1)),
            }
            reports.insert(path);
        }
    }
    by_rule.sort();
    println!(
        "comparing findings on {} reports: {}",
        reports.len(),
        by_rule
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

fn pretty(args: &[String]) {
    let findings: usize = flag(args, "--findings", 10_000);
    let dir = PathBuf::from("target/bench-pretty");
    std::fs::create_dir_all(&dir).unwrap();
    // One long report whose sub-headings skip numbers: `（一）` then `（三）` is one finding (the
    // skipped `（二）`), and the next `（一）` starts a new list.
    let mut text = String::from("某县某镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n");
    for i in 0..findings * 2 {
        text.push_str(&format!(
            "（{}）第{i}项工作情况\n本年度开展工作。\n",
            if i % 2 == 0 { "一" } else { "三" }
        ));
    }
    text.push_str("二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n");
    let file = dir.join("large.txt");
    std::fs::write(&file, &text).unwrap();
    let bin = reportlint_bin();
    let f = file.to_str().unwrap();
    let mut times = Vec::new();
    let mut count = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let out = Command::new(&bin)
            .args(["check", "--isolated", "--color", "never", f])
            .output()
            .expect("run reportlint");
        times.push(start.elapsed().as_secs_f64());
        count = String::from_utf8_lossy(&out.stdout)
            .matches("structure/subsection-numbering")
            .count();
    }
    println!(
        "pretty output: {count} findings in one {:.1} MB file: {:.3} s (median of 3)",
        text.len() as f64 / 1e6,
        median(times)
    );
}

fn collect(path: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    if path.is_dir() {
        for p in walk(path) {
            collect(&p, out);
        }
    } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push((path.display().to_string(), bytes));
    }
}

/// The .txt and .md reports under the positional arguments (tests/fixtures by default), read
/// into memory.
fn read_reports(args: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<PathBuf> = positional(args).into_iter().map(PathBuf::from).collect();
    if paths.is_empty() {
        paths.push(PathBuf::from("tests/fixtures"));
    }
    let mut files = Vec::new();
    for p in &paths {
        collect(p, &mut files);
    }
    assert!(!files.is_empty(), "no .txt or .md files under {paths:?}");
    files
}

fn throughput(args: &[String]) {
    let seconds: f64 = flag(args, "--seconds", 3.0);
    let files = read_reports(args);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    // `--parse-only`: decode and build the document model, run no rule.
    let rules = if args.iter().any(|a| a == "--parse-only") {
        Vec::new()
    } else {
        registered_rules()
    };
    let settings = Settings::default();
    // As `reportlint check` does: the files in batches, each rule over a whole batch before
    // the next rule (`--batch 1`: document by document, every rule on one before the next).
    let batch: usize = flag(args, "--batch", 64).max(1);
    let chunks: Vec<&[(String, Vec<u8>)]> = files.chunks(batch).collect();
    let lint = |chunk: &&[(String, Vec<u8>)]| -> usize {
        let docs: Vec<Option<Document>> = chunk
            .iter()
            .map(|(path, data)| Document::from_bytes(path.clone(), data).ok())
            .collect();
        let failed = docs.iter().filter(|d| d.is_none()).count();
        let found: usize = rules
            .iter()
            .map(|rule| {
                docs.iter()
                    .flatten()
                    .map(|d| check_document(d, &[*rule], &settings).len())
                    .sum::<usize>()
            })
            .sum();
        found + failed
    };
    let findings: usize = chunks.iter().map(lint).sum();
    println!(
        "{} files, {:.2} MB, {} rules, {} findings per pass, batches of {batch}",
        files.len(),
        bytes as f64 / 1e6,
        rules.len(),
        findings
    );
    let budget = Duration::from_secs_f64(seconds);
    time_passes("", &chunks, files.len(), lint, bytes, budget);
    if !args.iter().any(|a| a == "--no-docx") {
        docx_throughput(&files, &rules, &settings, budget);
    }
}

/// The same reports as .docx (made in memory with `reportlint_formats::write`): unzip, read the
/// XML, build the document, run the rules. MB/s counts the text, as for .txt, so the two figures
/// compare the cost per report.
fn docx_throughput(
    files: &[(String, Vec<u8>)],
    rules: &[&'static dyn reportlint_core::Rule],
    settings: &Settings,
    budget: Duration,
) {
    let docs: Vec<(String, Vec<u8>, usize)> = files
        .iter()
        .filter_map(|(path, data)| {
            let (text, _) = reportlint_core::source::decode(data).ok()?;
            let docx = reportlint_formats::write::docx_from_text(&text);
            Some((format!("{path}.docx"), docx, data.len()))
        })
        .collect();
    let text_bytes: usize = docs.iter().map(|d| d.2).sum();
    let docx_bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let limits = reportlint::read::Limits::default();
    let lint = |(path, data, _): &(String, Vec<u8>, usize)| -> usize {
        match reportlint::read::load(path, data.clone(), &limits) {
            Ok(reportlint::read::Loaded::Doc(doc, _)) => {
                check_document(&doc, rules, settings).len()
            }
            _ => 1,
        }
    };
    println!(
        ".docx: {} files, {:.2} MB as .docx ({:.2} MB of text)",
        docs.len(),
        docx_bytes as f64 / 1e6,
        text_bytes as f64 / 1e6
    );
    time_passes(".docx ", &docs, docs.len(), lint, text_bytes, budget);
}

/// Runs `lint` over `items` again and again for `budget`, on one thread and then on all, and
/// prints MB/s (of `bytes` per pass) and files/s.
fn time_passes<T: Sync>(
    prefix: &str,
    items: &[T],
    files: usize,
    lint: impl Fn(&T) -> usize + Sync,
    bytes: usize,
    budget: Duration,
) {
    for (label, parallel) in [("1 thread", false), ("all threads", true)] {
        let start = Instant::now();
        let mut passes = 0u64;
        while start.elapsed() < budget || passes == 0 {
            let n: usize = if parallel {
                items.par_iter().map(&lint).sum()
            } else {
                items.iter().map(&lint).sum()
            };
            std::hint::black_box(n);
            passes += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{:>17}: {:8.1} MB/s  {:9.0} files/s  ({passes} passes in {secs:.2} s)",
            format!("{prefix}{label}"),
            bytes as f64 * passes as f64 / secs / 1e6,
            files as f64 * passes as f64 / secs,
        );
    }
}

/// `breakdown`: on one thread, where the time of a pass goes (after a warm-up pass): decoding and
/// the document model, each shared analysis (computed in order, each on documents that have the
/// earlier ones), and each rule (run alone on documents whose analyses are all computed).
fn breakdown(args: &[String]) {
    use reportlint_core::{
        contact::Contact, dates, region::AgencyRegion, sentences::Sentences, tables::Tables,
    };
    let passes: u32 = flag(args, "--passes", 3);
    let files = read_reports(args);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let build = || -> Vec<Document> {
        files
            .iter()
            .filter_map(|(path, data)| Document::from_bytes(path.clone(), data).ok())
            .collect()
    };
    type Step = (&'static str, fn(&Document));
    let analyses: [Step; 6] = [
        ("analysis: squeezed opening", |d| {
            d.analysis::<dates::SqueezedOpening>();
        }),
        ("analysis: dates", |d| {
            d.analysis::<dates::Dates>();
        }),
        ("analysis: agency region", |d| {
            d.analysis::<AgencyRegion>();
        }),
        ("analysis: contact", |d| {
            d.analysis::<Contact>();
        }),
        ("analysis: tables", |d| {
            d.analysis::<Tables>();
        }),
        ("analysis: sentences", |d| {
            d.analysis::<Sentences>();
        }),
    ];
    let rules = registered_rules();
    let settings = Settings::default();
    let mut rows: Vec<(String, Duration)> = Vec::new();
    let add = |rows: &mut Vec<(String, Duration)>, name: &str, t: Duration| match rows
        .iter_mut()
        .find(|r| r.0 == name)
    {
        Some(r) => r.1 += t,
        None => rows.push((name.to_string(), t)),
    };
    // One pass more than counted: the first compiles every regex and automaton (once per
    // process), which a run over thousands of files does not notice.
    for pass in 0..=passes {
        if pass == 1 {
            rows.clear();
        }
        let start = Instant::now();
        let docs = build();
        add(&mut rows, "decode + document model", start.elapsed());
        for (name, step) in &analyses {
            let start = Instant::now();
            docs.iter().for_each(step);
            add(&mut rows, name, start.elapsed());
        }
        for rule in &rules {
            let start = Instant::now();
            let n: usize = docs
                .iter()
                .map(|d| check_document(d, &[*rule], &settings).len())
                .sum();
            std::hint::black_box(n);
            add(
                &mut rows,
                &format!("rule: {}", rule.meta().id),
                start.elapsed(),
            );
        }
    }
    let total: Duration = rows.iter().map(|r| r.1).sum();
    println!(
        "{} files, {:.2} MB, {passes} passes on one thread: {:.1} MB/s overall",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 * f64::from(passes) / total.as_secs_f64() / 1e6
    );
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    for (name, t) in rows {
        println!(
            "{:>6.1} %  {:>8.1} ms/pass  {name}",
            100.0 * t.as_secs_f64() / total.as_secs_f64(),
            t.as_secs_f64() * 1e3 / f64::from(passes)
        );
    }
}
