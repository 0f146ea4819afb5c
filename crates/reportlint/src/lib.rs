//! The reportlint command line, as a library.
//!
//! `reportlint`'s own `main` is [`main`]. A user who writes rule crates of their own builds a
//! binary of their own with the same entry point:
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     // my_rules::link();   // keep the user's rule crate linked
//!     reportlint::main()
//! }
//! ```
//!
//! Every rule registered through `inventory` by a linked crate is then available to `check`,
//! `rules` and `explain`.

mod clap_zh;
pub mod cli;
mod compare;
pub mod discover;
pub mod docs;
pub mod fix;
pub mod isolate;
pub mod lint;
pub mod output;
mod pipeline;
pub mod platform;
pub mod pseudo;
pub mod read;
pub mod serve;
mod source_code;
mod warm_up;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::FromArgMatches;
use reportlint_core::{registered_rules, selector_matches, Rule, Settings};

use crate::cli::{CheckArgs, Cli, ColorChoice, Command, ListFormat, OutputFormat};
use crate::discover::{discover_counting, Input};
use crate::lint::{failure, Filter, Linter};
use crate::output::{
    Concise, Csv, Emitter, Github, Html, Json, Junit, Pretty, Sarif, Statistics, Totals, Xlsx,
};
use reportlint_config::{Config, Discovery};

/// Exit code: no finding at error level.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at error level (or too many warnings).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the run itself failed (bad arguments, unreadable path or file).
pub const EXIT_FAILURE: u8 = 2;

/// Links the built-in rule crates, so that their `inventory` registrations are kept.
pub fn link_builtin_rules() {
    reportlint_rules_structure::link();
    reportlint_rules_dates::link();
    reportlint_rules_contact::link();
    reportlint_rules_tables::link();
    reportlint_rules_style::link();
    reportlint_rules_content::link();
    reportlint_rules_compare::link();
}

/// Runs reportlint with the process's arguments and standard streams.
/// Set by [`main`]: the process ends when the command returns, so what a command holds to its
/// end need not be freed piece by piece (the system takes it back at once).
static PROCESS_ENDS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `discovery.config_for_file` for the inputs in their order, asked once per folder: the files
/// of a folder come one after another, and finding a folder's configuration takes its path
/// apart and hashes it.
fn configs_by_folder(
    discovery: &reportlint_config::Discovery,
) -> impl FnMut(&std::path::Path) -> reportlint_config::Found + '_ {
    let mut last: Option<(Vec<u8>, reportlint_config::Found)> = None;
    let walk_up = matches!(discovery, reportlint_config::Discovery::WalkUp { .. });
    move |file| {
        if !walk_up {
            // One configuration for every file, or none.
            return discovery.config_for_file(file);
        }
        let bytes = file.as_os_str().as_encoded_bytes();
        // The folder's part of the path, up to its last separator; a name of `.` or `..` (not
        // a file's) is asked for itself.
        let cut = bytes
            .iter()
            .rposition(|&c| std::path::is_separator(c.into()))
            .map_or(0, |i| i + 1);
        let (folder, name) = bytes.split_at(cut);
        let folder = (!matches!(name, b"" | b"." | b"..")).then_some(folder);
        match (&last, folder) {
            (Some((f, found)), Some(folder)) if f.as_slice() == folder => found.clone(),
            _ => {
                let found = discovery.config_for_file(file);
                last = folder.map(|f| (f.to_vec(), found.clone()));
                found
            }
        }
    }
}

/// Drops `value`, or leaves it to the system when the process ends right after the command:
/// freeing the summaries of 10,000 compared reports, long out of the caches, cost 8 ms at the
/// end of a run. In-process callers of [`run`] (tests) free as usual.
fn drop_at_end<T>(value: T) {
    if PROCESS_ENDS.load(std::sync::atomic::Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        drop(value);
    }
}

pub fn main() -> ExitCode {
    PROCESS_ENDS.store(true, std::sync::atomic::Ordering::Relaxed);
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // A worker process that reads binary formats for `check` (crate::isolate).
    if args.get(1).is_some_and(|a| a == isolate::WORKER_COMMAND) {
        return ExitCode::from(isolate::worker_main(&args[2..]));
    }
    if let Ok(exe) = std::env::current_exe() {
        isolate::set_worker_exe(exe);
    }
    clap_zh::use_terminal_width();
    // No arguments and no terminal (a double-click in a file manager; on Windows always, as a
    // double-click opens a fresh console): start the page in the browser instead of the help.
    if args.len() == 1 && serve::no_terminal() {
        link_builtin_rules();
        if let Ok(Cli {
            command: Command::Serve(args),
        }) = clap_zh::command()
            .try_get_matches_from(["reportlint", "serve"])
            .and_then(|m| Cli::from_arg_matches(&m))
        {
            let code = serve::run(
                args,
                serve::Launch::DoubleClick,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            );
            return ExitCode::from(code.unwrap_or(EXIT_FAILURE));
        }
    }
    let stdout = std::io::stdout();
    // Standard error is not locked for the whole run: worker threads write to it too (the
    // progress bar, the message of a panic caught in a rule), and would wait for the lock
    // while this thread waits for them.
    let mut stderr = std::io::stderr();
    let tty = stdout.is_terminal();
    let color = tty && std::env::var_os("NO_COLOR").is_none();
    // Pretty output as wide as the terminal (or `COLUMNS`); 100 columns into a file or a pipe.
    let columns = std::env::var("COLUMNS").ok();
    let terminal = tty
        .then(|| terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0)))
        .flatten();
    if let Some(width) = output::width_from(columns.as_deref(), terminal) {
        output::set_terminal_width(width);
    }
    let code = if tty {
        // Line by line, as findings come.
        run(args, &mut stdout.lock(), &mut stderr, None, color)
    } else {
        // To a file or a pipe: in large writes, not one system call per line of JSON.
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
        run(args, &mut out, &mut stderr, None, color)
    };
    ExitCode::from(code)
}

/// Runs reportlint with `args` (the first is the program name), writing to `out` and `err`.
/// `stdin` stands in for standard input (tests); `tty_color` says whether `--color auto` colours.
/// Returns the exit code.
pub fn run<I, T>(
    args: I,
    out: &mut dyn Write,
    err: &mut dyn Write,
    stdin: Option<&[u8]>,
    tty_color: bool,
) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    link_builtin_rules();
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    // clap's help and errors in Chinese (crate::clap_zh); the exit codes are clap's.
    let parsed = clap_zh::command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_FAILURE
            } else {
                EXIT_OK
            };
            let text = clap_zh::render(&e, &clap_zh::program(&args));
            if e.use_stderr() {
                let _ = err.write_all(text.as_bytes());
            } else {
                let _ = out.write_all(text.as_bytes());
            }
            return code;
        }
    };
    // A reader that goes away (`reportlint check … | head`) does not end the run: the rest of
    // the output is dropped, the files are still checked, and the exit code is the one the
    // findings call for.
    let mut out = PipeGuard {
        inner: out,
        closed: false,
    };
    let out: &mut dyn Write = &mut out;
    let result = match cli.command {
        Command::Check(args) => check(*args, out, err, stdin, tty_color),
        Command::Rules(args) => list_rules(args.format, out),
        Command::Explain(args) => match args.rule {
            Some(id) => explain(&id, out, err),
            None => explain_index(out),
        },
        Command::Config(args) => show_config(args, out, err),
        Command::Serve(args) => serve::run(args, serve::Launch::Command, out, err),
        Command::Completions(args) => completions(args.shell, out),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                err,
                "reportlint: 输出失败：{}",
                reportlint_config::messages::io_error(&e)
            );
            EXIT_FAILURE
        }
    }
}

/// Standard output that turns into a sink once its reader has gone (a broken pipe), so that a
/// run piped into `head` ends with the exit code its findings call for.
struct PipeGuard<'a> {
    inner: &'a mut dyn Write,
    closed: bool,
}

impl PipeGuard<'_> {
    fn guard<T>(&mut self, r: std::io::Result<T>, or: T) -> std::io::Result<T> {
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(or)
            }
            r => r,
        }
    }
}

impl Write for PipeGuard<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let r = self.inner.write(buf);
        self.guard(r, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.flush();
        self.guard(r, ())
    }
}

/// The rules a `check` run uses: all registered rules, narrowed by `--select`, `--extend-select`
/// and `--ignore`. Unknown selectors are an error.
pub fn select_rules(
    select: &[String],
    extend: &[String],
    ignore: &[String],
) -> Result<Vec<&'static dyn Rule>, String> {
    let all = registered_rules();
    for sel in select.iter().chain(extend).chain(ignore) {
        // `local/…` rules come from configuration files, known only once they are read.
        let custom = sel == "local" || sel.starts_with("local/");
        let pseudo = pseudo::ALL.iter().any(|m| selector_matches(sel, m.id));
        if !custom && !pseudo && !all.iter().any(|r| selector_matches(sel, r.meta().id)) {
            let ids = all
                .iter()
                .map(|r| r.meta().id)
                .chain(pseudo::ALL.iter().map(|m| m.id));
            let hint = reportlint_core::suggest::unknown_rule_hint(sel, ids);
            return Err(format!("未知的规则或规则组“{sel}”{hint}"));
        }
    }
    Ok(all
        .into_iter()
        .filter(|r| selection_allows(select, extend, ignore, r.meta().id))
        .collect())
}

/// Whether `--select`, `--extend-select` and `--ignore` leave rule `id` on.
pub fn selection_allows(select: &[String], extend: &[String], ignore: &[String], id: &str) -> bool {
    // The tool's own findings (`format/*`, `directive/*`, `io`, …) are no rules a selection of
    // rules leaves out: only a selection that names one of them (or `--ignore`) decides.
    let reader = pseudo::ALL.iter().any(|m| m.id == id);
    let names_readers = || {
        select
            .iter()
            .any(|s| s != "ALL" && pseudo::ALL.iter().any(|m| selector_matches(s, m.id)))
    };
    let selected = select.is_empty()
        || select.iter().any(|s| selector_matches(s, id))
        || (reader && !names_readers());
    let extended = extend.iter().any(|s| selector_matches(s, id));
    let ignored = ignore.iter().any(|s| selector_matches(s, id));
    (selected || extended) && !ignored
}

/// The configuration discovery and region override that `--config`, `--isolated` and
/// `--region` ask for.
fn config_source(
    source: &cli::ConfigSource,
) -> Result<(Discovery, Option<reportlint_core::region::RegionPath>), String> {
    let known: Vec<&'static reportlint_core::RuleMeta> = registered_rules()
        .into_iter()
        .map(|r| r.meta())
        .chain(pseudo::ALL)
        .collect();
    let discovery = if source.isolated {
        Discovery::Isolated
    } else if let Some(path) = &source.config {
        Discovery::Fixed(Config::load(path, &known).map_err(|e| e.to_string())?)
    } else {
        Discovery::walk_up(known)
    };
    let region = match &source.region {
        None => None,
        Some(name) => Some(reportlint_core::region::lookup(name).ok_or_else(|| {
            format!(
                "--region：{}",
                reportlint_core::region::not_found_message(name)
            )
        })?),
    };
    Ok((discovery, region))
}

fn check(
    args: CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    stdin: Option<&[u8]>,
    tty_color: bool,
) -> std::io::Result<u8> {
    let rules = match select_rules(&args.select, &args.extend_select, &args.ignore) {
        Ok(r) => r,
        Err(msg) => {
            writeln!(err, "reportlint: {msg}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    let mut settings = Settings::default();
    if let Some(day) = &args.today {
        match day.parse::<reportlint_core::jiff::civil::Date>() {
            Ok(d) => settings.today = Some(d),
            Err(_) => {
                writeln!(
                    err,
                    "reportlint: --today 需要 YYYY-MM-DD 格式的日期，收到“{day}”"
                )?;
                return Ok(EXIT_FAILURE);
            }
        }
    }
    // One date for the whole run: reading the clock and the time zone costs more than a rule.
    settings.today = Some(settings.today());
    let (discovery, region) = match config_source(&args.source) {
        Ok(x) => x,
        Err(msg) => {
            writeln!(err, "reportlint: {msg}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    settings.region = region;
    let selected = |id: &str| selection_allows(&args.select, &args.extend_select, &args.ignore, id);
    let paths = if args.paths.is_empty() && args.stdin_filename.is_some() {
        // `--stdin-filename` names what comes on standard input: that is the input.
        vec![std::path::PathBuf::from("-")]
    } else if args.paths.is_empty() {
        vec![std::path::PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // The files are found on another thread while this one builds the rules' patterns.
    let walk = discover::Walk {
        follow_links: args.follow_links,
    };
    let (mut inputs, discover_errors, unsupported) =
        warm_up::while_finding(&rules, &settings, || discover_counting(&paths, walk));
    // `exclude` in reportlint.toml: files found in a folder that the configuration leaves out
    // (a file named on the command line is always checked).
    let before = inputs.len();
    let mut config_of = configs_by_folder(&discovery);
    inputs.retain(|i| match i {
        Input::File(p) => {
            !config_of(p).ok().flatten().is_some_and(|c| c.excludes(p)) || paths.contains(p)
        }
        _ => true,
    });
    let excluded = before - inputs.len();
    // `--ignore io`: no warning for the paths skipped on purpose (a failure stays).
    let mut discover_errors = discover_errors;
    discover_errors.retain(|e| !e.skipped || selected("io"));
    if inputs.is_empty() && discover_errors.is_empty() {
        // Nothing to lint is no clean result: say so, and fail the run.
        writeln!(
            err,
            "reportlint: 在 {} 中没有找到可检查的报告（支持 {}{}{}）；没有检查任何文件",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("、"),
            discover::EXTENSIONS
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(" "),
            if unsupported.total() > 0 {
                format!("；跳过了格式不支持的文件：{}", unsupported.describe())
            } else {
                String::new()
            },
            if excluded > 0 {
                format!("；另有 {excluded} 个文件被配置文件的 exclude 排除")
            } else {
                String::new()
            }
        )?;
        return Ok(EXIT_FAILURE);
    }

    // Files of other formats in the folders are said once (a report sent as .xlsx or .ofd would
    // otherwise go unchecked unnoticed), not reported as findings.
    if unsupported.total() > 0 {
        writeln!(
            err,
            "reportlint: 提醒：文件夹中有 {} 个文件不是支持的报告格式，未检查：{}",
            unsupported.total(),
            unsupported.describe()
        )?;
    }
    // `check - --fix` (as ruff): the fixed text goes to standard output, the findings that
    // remain to standard error.
    let stdin_fix = args.fix && inputs.contains(&Input::Stdin);
    if stdin_fix && inputs.len() + discover_errors.len() > 1 {
        writeln!(
            err,
            "reportlint: --fix 修复标准输入（-）时只能检查这一份，修复后的文本输出到标准输出；其他文件请另行检查"
        )?;
        return Ok(EXIT_FAILURE);
    }
    let stdin_owned: Option<Vec<u8>> = match (stdin_fix, stdin) {
        (false, _) => None,
        (true, Some(b)) => Some(b.to_vec()),
        (true, None) => {
            let mut buf = Vec::new();
            if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf) {
                writeln!(
                    err,
                    "reportlint: 无法读取标准输入：{}",
                    crate::discover::io_message(&e)
                )?;
                return Ok(EXIT_FAILURE);
            }
            Some(buf)
        }
    };
    let stdin = stdin_owned.as_deref().or(stdin);
    // A broken reportlint.toml is reported once, with the reports it affects; those reports
    // are not linted (and not counted as unreadable files).
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "-".to_owned());
    let mut broken: Vec<(reportlint_config::ConfigError, Vec<String>)> = Vec::new();
    let mut config_of = configs_by_folder(&discovery);
    inputs.retain(|i| {
        let config_path = match i {
            Input::File(p) => p.as_path(),
            Input::Stdin => std::path::Path::new(&stdin_name),
        };
        let Err(e) = config_of(config_path) else {
            return true;
        };
        let shown = match i {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => stdin_name.clone(),
        };
        match broken.iter_mut().find(|(b, _)| *b == e) {
            Some((_, files)) => files.push(shown),
            None => broken.push((e, vec![shown])),
        }
        false
    });

    // Reports are compared when there is something to compare with: several reports, or last
    // year's named. Then outcomes are held until every report is read.
    let cross = compare::cross_rules(&rules);
    let not_linted: usize = broken.iter().map(|(_, files)| files.len()).sum();
    if args.previous.is_some() && inputs.len() + discover_errors.len() + not_linted != 1 {
        writeln!(
            err,
            "reportlint: --previous 只能与一份报告对照；检查多个年度时，把各年报告放在一起检查即可自动配对"
        )?;
        return Ok(EXIT_FAILURE);
    }
    // A single report is compared too when its configuration names history folders.
    let compare_on = !args.no_compare
        && !cross.is_empty()
        && (inputs.len() > 1
            || args.previous.is_some()
            || inputs.iter().any(|i| match i {
                Input::File(p) => discovery
                    .config_for_file(p)
                    .ok()
                    .flatten()
                    .is_some_and(|c| !c.history().is_empty()),
                Input::Stdin => false,
            }));
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty_color,
    };
    let mut emitter: Box<dyn Emitter> = match args.format {
        OutputFormat::Pretty => Box::new(Pretty::new(color, output::pretty_width())),
        OutputFormat::Json => Box::new(Json::new()),
        OutputFormat::Concise => Box::new(Concise),
        OutputFormat::Sarif => Box::new(Sarif::new(&registered_rules())),
        OutputFormat::Github => Box::new(Github),
        OutputFormat::Junit => Box::new(Junit::new(args.max_warnings.is_some())),
        OutputFormat::Html => Box::new(Html::new()),
        OutputFormat::Csv => Box::new(Csv::new(args.csv_kind)),
        OutputFormat::Xlsx => Box::new(Xlsx::default()),
    };
    if args.statistics {
        emitter = Box::new(Statistics::default());
    }
    // `-o FILE`: the output goes there (a workbook must: it is no text for a terminal).
    let mut file_out = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Some(std::io::BufWriter::new(f)),
            Err(e) => {
                writeln!(
                    err,
                    "reportlint: 无法写入输出文件 {}：{}",
                    path.display(),
                    crate::discover::io_message(&e)
                )?;
                return Ok(EXIT_FAILURE);
            }
        },
        None if args.format == OutputFormat::Xlsx && !args.statistics => {
            writeln!(
                err,
                "reportlint: xlsx 是 Excel 文件，不能输出到终端；请用 -o 指定文件，如 -o 检查结果.xlsx"
            )?;
            return Ok(EXIT_FAILURE);
        }
        None => None,
    };
    let mut fixed_stdout: Option<Vec<u8>> = None;
    let mut findings_for_stderr: Vec<u8> = Vec::new();
    let text_out = out;
    let out: &mut dyn Write = match &mut file_out {
        Some(f) => f,
        None if stdin_fix => &mut findings_for_stderr,
        None => &mut *text_out,
    };
    let linter = Linter {
        rules: &rules,
        settings: &settings,
        filter: Filter { quiet: args.quiet },
        keep_source: emitter.needs_source(),
        stdin_name: stdin_name.clone(),
        selected: &selected,
        discovery: &discovery,
        region,
        report_unused_directives: args.report_unused_directives,
        io: lint::IoOptions {
            limits: read::Limits {
                max_file_bytes: args.max_file_size.saturating_mul(1024 * 1024),
                ..read::Limits::default()
            },
            fix: fix::FixOptions {
                mode: if args.diff {
                    fix::FixMode::Diff
                } else if args.fix {
                    fix::FixMode::Fix
                } else {
                    fix::FixMode::Off
                },
                unsafe_fixes: args.unsafe_fixes,
            },
            keep_all_sources: args.format == OutputFormat::Html,
            extractor: isolate::Extractor::for_run(std::time::Duration::from_secs(args.timeout)),
        },
        compare: compare_on,
    };
    if args.diff {
        // `--diff` shows the fixes instead of the findings.
        emitter = Box::new(fix::DiffEmitter);
    }
    let progress = (!args.no_progress && inputs.len() >= 50 && std::io::stderr().is_terminal())
        .then(|| {
            let bar = indicatif::ProgressBar::new(inputs.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 个文件 {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });

    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });

    let mut totals = Totals::default();
    let mut fixes = fix::FixTotals::default();
    emitter.begin(out, inputs.len() + discover_errors.len() + broken.len())?;
    for (e, files) in &broken {
        const SHOWN: usize = 10;
        let mut list = files
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("、");
        if files.len() > SHOWN {
            list.push_str(&format!("等 {} 份", files.len()));
        }
        writeln!(
            err,
            "reportlint: 配置文件有误：{e}\n  受影响的 {} 份报告未检查：{list}",
            files.len()
        )?;
        let mut outcome = lint::config_failure(e.path.display().to_string(), e.clone());
        outcome.findings[0].diag.message = format!(
            "配置文件有误：{}；受影响的 {} 份报告未检查：{list}",
            e.message,
            files.len()
        );
        if e.line > 0 {
            let at = reportlint_core::LineCol {
                line: e.line,
                column: e.column,
            };
            outcome.findings[0].start = at;
            outcome.findings[0].end = at;
        }
        totals.errors += 1;
        totals.not_linted += files.len();
        output::emit_guarded(emitter.as_mut(), out, &outcome)?;
    }
    for e in &discover_errors {
        let mut outcome = if e.skipped {
            lint::skipped(e.path.clone(), e.message.clone())
        } else {
            failure(e.path.clone(), e.message.clone())
        };
        outcome.path_bytes = e.path_bytes.clone();
        totals.add(&outcome);
        if output::emit_guarded(emitter.as_mut(), out, &outcome)? {
            totals.failed += 1;
        }
    }
    // Files are linted on `threads` threads, this one among them; this one also writes each
    // outcome once those before it are written, so the output is in input order and memory
    // stays bounded.
    // Inputs go to the threads in batches, each linted rule by rule (`Linter::lint_batch`):
    // up to 64 files, fewer when there are few for each thread.
    const WINDOW: usize = 256;
    let batch = inputs.len().div_ceil(threads.max(1) * 4).clamp(1, 64);
    let batches: Vec<&[Input]> = inputs.chunks(batch).collect();
    let window = (WINDOW / batch).max(2);
    let renderer = emitter.renderer();
    let lint_batch = |inputs: &&[Input]| {
        let mut outcomes = linter.lint_batch(inputs, stdin);
        if let Some(bar) = &progress {
            bar.inc(inputs.len() as u64);
        }
        if !compare_on {
            if let Some(render) = &renderer {
                outcomes
                    .iter_mut()
                    .for_each(|o| output::prerender(render, o));
            }
        }
        outcomes
    };
    let mut write = |outcome: &lint::FileOutcome| -> std::io::Result<()> {
        totals.add(outcome);
        if output::emit_guarded(emitter.as_mut(), out, outcome)? {
            // Its findings could not be written: the run fails, as for an unreadable file.
            totals.failed += 1;
        }
        if let Some(text) = outcome.fixed.as_ref().and_then(|f| f.stdout.clone()) {
            fixed_stdout = Some(text);
        }
        fix::report(err, outcome, &mut fixes)
    };
    if compare_on {
        // A report's findings may depend on any other report of the run: every outcome is held
        // until all are read (their summaries are small; texts only for formats that show them).
        let previous = match &args.previous {
            Some(path) => {
                let o = linter.lint(&Input::File(path.clone()), None);
                match o.meta.summary {
                    Some(s) if !o.failed => Some(*s),
                    _ => {
                        let why = o.findings.first().map_or("", |f| f.diag.message.as_str());
                        writeln!(
                            err,
                            "reportlint: 无法读取 --previous 指定的上一年度报告 {}：{why}",
                            path.display()
                        )?;
                        return Ok(EXIT_FAILURE);
                    }
                }
            }
            None => None,
        };
        let mut all: Vec<lint::FileOutcome> = Vec::with_capacity(inputs.len());
        pipeline::run_ordered(&batches, threads, window, lint_batch, |o| {
            all.extend(o);
            Ok::<(), std::io::Error>(())
        })?;
        if let (Some(prev), Some(path)) = (&previous, &args.previous) {
            for o in &all {
                if let Some(cur) = o.meta.summary.as_deref() {
                    if let Err(why) = compare::pairs_with(cur, prev) {
                        writeln!(
                            err,
                            "reportlint: --previous 指定的 {} 不能与 {} 对照：{why}",
                            path.display(),
                            o.path
                        )?;
                        return Ok(EXIT_FAILURE);
                    }
                }
            }
        }
        let history = if previous.is_none() {
            compare::history(&linter, &all)
        } else {
            Vec::new()
        };
        let comparison = compare::Comparison::new(&mut all, previous.as_ref(), &history, &cross);
        if let Some(bar) = &progress {
            bar.finish_and_clear();
        }
        // Each report's year-on-year findings are made (and its output rendered) on the
        // threads, in batches; this thread writes them in order, and each report is dropped
        // then. Before its first write, this thread runs the batch rules (they compare every
        // report with every other, on one thread) while the others go on ahead: a report with
        // batch findings gets them, and its output made again, as it is written.
        let slots: Vec<std::sync::Mutex<Option<lint::FileOutcome>>> = all
            .into_iter()
            .map(|o| std::sync::Mutex::new(Some(o)))
            .collect();
        let indices: Vec<std::ops::Range<usize>> = (0..slots.len())
            .step_by(batch)
            .map(|i| i..(i + batch).min(slots.len()))
            .collect();
        let shared = &comparison;
        let add = |range: &std::ops::Range<usize>| -> Vec<(usize, lint::FileOutcome)> {
            range
                .clone()
                .filter_map(|i| {
                    let mut o = slots[i].lock().unwrap_or_else(|e| e.into_inner()).take()?;
                    shared.add_year_findings(i, &mut o);
                    if let Some(render) = &renderer {
                        output::prerender(render, &mut o);
                    }
                    Some((i, o))
                })
                .collect()
        };
        // How far the threads may go ahead of the writer: about as many reports as they
        // finish while the batch rules run (ten thousand reports: about 10 ms).
        const AHEAD: usize = 1024;
        let mut batch_findings: Option<Vec<compare::Batch>> = None;
        pipeline::run_ordered(
            &indices,
            threads,
            (AHEAD / batch).max(window),
            add,
            |outcomes| {
                let found = batch_findings.get_or_insert_with(|| comparison.batch_findings());
                outcomes.into_iter().try_for_each(|(i, mut o)| {
                    let mine = std::mem::take(&mut found[i]);
                    if !mine.is_empty() {
                        comparison.add_batch_findings(i, mine, &mut o);
                        if let Some(render) = &renderer {
                            output::prerender(render, &mut o);
                        }
                    }
                    write(&o)
                })
            },
        )?;
        drop_at_end(comparison);
    } else {
        // With a progress bar, outcomes are written in batches, each with the bar hidden once.
        let mut held = Vec::new();
        let mut shown = std::time::Instant::now();
        pipeline::run_ordered(&batches, threads, window, lint_batch, |outcomes| {
            let Some(bar) = &progress else {
                return outcomes.iter().try_for_each(&mut write);
            };
            held.extend(outcomes);
            if held.len() < 64 && shown.elapsed() < std::time::Duration::from_millis(100) {
                return Ok(());
            }
            shown = std::time::Instant::now();
            bar.suspend(|| held.drain(..).try_for_each(|o| write(&o)))
        })?;
        if let Some(bar) = &progress {
            bar.suspend(|| held.drain(..).try_for_each(|o| write(&o)))?;
            bar.finish_and_clear();
        }
    }
    output::end_guarded(emitter.as_mut(), out, err, &totals)?;
    out.flush()?;
    if stdin_fix {
        // The text as fixed, or as it came when nothing could be fixed: never an empty output
        // that a redirection would take for the report.
        if let Some(text) = fixed_stdout.as_deref().or(stdin) {
            text_out.write_all(text)?;
        }
        text_out.flush()?;
        err.write_all(&findings_for_stderr)?;
    }
    writeln!(err, "{}", totals.summary())?;
    if let Some(line) = fixes.summary(linter.io.fix.mode) {
        writeln!(err, "{line}")?;
    }

    let code = if totals.failed > 0 || totals.not_linted > 0 || fixes.failed > 0 {
        EXIT_FAILURE
    } else if args.diff {
        // As `ruff --diff`: 1 when there are fixes to make.
        u8::from(fixes.files > 0)
    } else if args.exit_zero {
        EXIT_OK
    } else if totals.errors > 0 || args.max_warnings.is_some_and(|max| totals.warnings > max) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    Ok(code)
}

fn list_rules(format: ListFormat, out: &mut dyn Write) -> std::io::Result<u8> {
    // The rules, then the findings about reading a file in a worker (`format/…`).
    let rules: Vec<&reportlint_core::RuleMeta> = registered_rules()
        .into_iter()
        .map(|r| r.meta())
        .chain(pseudo::ALL)
        .collect();
    match format {
        ListFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id,
                        "severity": m.default_severity.as_str(),
                        "fixable": m.fix.is_fixable(),
                        "summary": m.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            let width = rules.iter().map(|m| m.id.len()).max().unwrap_or(0);
            for m in &rules {
                writeln!(
                    out,
                    "{:<width$}  {:<7}  {}  {}",
                    m.id,
                    m.default_severity.as_str(),
                    if m.fix.is_fixable() { "fix" } else { "   " },
                    m.summary
                )?;
            }
        }
    }
    Ok(EXIT_OK)
}

fn explain(id: &str, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let found = registered_rules()
        .into_iter()
        .map(|r| r.meta())
        .chain(pseudo::ALL)
        .find(|m| m.id == id);
    match found {
        Some(meta) => {
            write!(out, "{}", docs::rule_page(meta))?;
            Ok(EXIT_OK)
        }
        None => {
            let ids = registered_rules()
                .into_iter()
                .map(|r| r.meta().id)
                .chain(pseudo::ALL.iter().map(|m| m.id));
            let hint = reportlint_core::suggest::unknown_rule_hint(id, ids);
            writeln!(err, "reportlint: 没有规则“{id}”{hint}")?;
            Ok(EXIT_FAILURE)
        }
    }
}

/// `reportlint explain` without an id: how to ask for one rule, and the rules by group.
fn explain_index(out: &mut dyn Write) -> std::io::Result<u8> {
    let rules: Vec<&reportlint_core::RuleMeta> = registered_rules()
        .into_iter()
        .map(|r| r.meta())
        .chain(pseudo::ALL)
        .collect();
    write!(out, "{}", docs::explain_index(&rules))?;
    Ok(EXIT_OK)
}

/// `reportlint completions SHELL`: the shell's completion script, from the same (Chinese)
/// command line that parses the arguments.
fn completions(shell: cli::Shell, out: &mut dyn Write) -> std::io::Result<u8> {
    use clap_complete::Shell as S;
    let shell = match shell {
        cli::Shell::Bash => S::Bash,
        cli::Shell::Zsh => S::Zsh,
        cli::Shell::Fish => S::Fish,
        cli::Shell::Powershell => S::PowerShell,
    };
    let mut cmd = clap_zh::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "reportlint", &mut script);
    out.write_all(&script)?;
    Ok(EXIT_OK)
}

/// `reportlint config FILE`: the region, the configuration files, each rule's effective level.
fn show_config(
    args: cli::ConfigArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    use reportlint_core::region::{AgencyRegion, Resolution};
    let (discovery, region_override) = match config_source(&args.source) {
        Ok(x) => x,
        Err(msg) => {
            writeln!(err, "reportlint: {msg}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    let path = &args.file;
    // Read as `check` reads it: any input format, recognised by its content.
    let limits = read::Limits::default();
    let loaded = read::read_file(path, &limits)
        .and_then(|bytes| read::load(&path.display().to_string(), bytes, &limits));
    let doc = match loaded {
        Ok(read::Loaded::Doc(d, _)) => d,
        Ok(read::Loaded::NoTextLayer(pages)) => {
            writeln!(
                err,
                "reportlint: {}: PDF 没有文字层（{pages} 页，可能是扫描件），无法识别机关和区划",
                path.display()
            )?;
            return Ok(EXIT_FAILURE);
        }
        Err(e) => {
            writeln!(err, "reportlint: {}: {e}", path.display())?;
            return Ok(EXIT_FAILURE);
        }
    };
    let config = match discovery.config_for(path) {
        Ok(c) => c,
        Err(e) => {
            writeln!(err, "reportlint: 配置文件有误：{e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    writeln!(out, "报告：{}", path.display())?;
    let agency = doc.analysis::<AgencyRegion>();
    match &agency.name {
        Some(n) => writeln!(out, "机关：{}", n.name)?,
        None => writeln!(out, "机关：未能识别")?,
    }
    let region = match region_override {
        Some(r) => {
            writeln!(out, "行政区划：{r}（由 --region 指定）")?;
            Some(r)
        }
        None => {
            match &agency.resolution {
                Resolution::Found(r) => writeln!(out, "行政区划：{r}")?,
                Resolution::Ambiguous(c) => writeln!(
                    out,
                    "行政区划：未能确定（“{}”可能是 {}）；可用 --region 指定",
                    agency.name.as_ref().map_or("", |n| n.name.as_str()),
                    c.iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                        .join("，")
                )?,
                Resolution::Unknown => writeln!(out, "行政区划：未能确定；可用 --region 指定")?,
            }
            agency.path().copied()
        }
    };
    // The report `check` would compare this one with (`compare/*`).
    let summary = reportlint_core::compare::ReportSummary::of(&doc);
    match (&summary.agency, summary.year) {
        (Some(name), Some(year)) => {
            let history = config.as_deref().map_or(&[][..], |c| c.history());
            match compare::find_previous(&summary, path, history) {
                Some((prev, place)) => writeln!(
                    out,
                    "上一年度报告：{prev}（{place}；同一机关“{name}”，{} 年）",
                    year - 1
                )?,
                None => writeln!(
                    out,
                    "上一年度报告：未找到（同一文件夹和 [compare] history 中没有“{name}”{} 年的报告）；不作对照",
                    year - 1
                )?,
            }
        }
        _ => writeln!(out, "上一年度报告：无法配对（标题中没有机关名称或年度）")?,
    }
    let rules = registered_rules();
    let ids: Vec<&str> = rules.iter().map(|r| r.meta().id).collect();
    let resolved = reportlint_config::Resolved::new(config.as_deref(), path, region.as_ref(), &ids);
    if resolved.files.is_empty() {
        writeln!(out, "配置文件：无（使用默认设置）")?;
    } else {
        writeln!(out, "配置文件（按继承顺序）：")?;
        for f in &resolved.files {
            writeln!(out, "  {}", f.display())?;
        }
    }
    if let Some(c) = config.as_deref() {
        let patterns: Vec<&str> = c
            .chain()
            .iter()
            .flat_map(|c| c.exclude_patterns.iter().map(String::as_str))
            .collect();
        if !patterns.is_empty() {
            writeln!(
                out,
                "排除（exclude）：{}{}",
                patterns.join("、"),
                if c.excludes(path) {
                    "；此文件被排除：检查文件夹时跳过，直接指定时照常检查"
                } else {
                    ""
                }
            )?;
        }
    }
    if !resolved.regions_applied.is_empty() {
        writeln!(
            out,
            "适用的区划设置：{}",
            resolved
                .regions_applied
                .iter()
                .map(|k| format!("[regions.\"{k}\"]"))
                .collect::<Vec<_>>()
                .join(" › ")
        )?;
    }
    writeln!(out, "规则：")?;
    let all: Vec<&dyn Rule> = rules
        .iter()
        .map(|r| *r as &dyn Rule)
        .chain(
            resolved
                .custom_rules
                .iter()
                .map(|r| r.as_ref() as &dyn Rule),
        )
        .collect();
    let width = all.iter().map(|r| r.meta().id.len()).max().unwrap_or(0);
    for r in all {
        let m = r.meta();
        let (level, from) = match resolved.levels.get(m.id) {
            Some((level, origin)) => (level.as_str().to_owned(), origin.to_string()),
            None => (m.default_severity.as_str().to_owned(), "默认".to_owned()),
        };
        write!(out, "  {:<width$}  {level:<7}  {from}", m.id)?;
        if let Some(opts) = resolved.options(m.id) {
            write!(out, "  选项 {opts}")?;
        }
        writeln!(out)?;
    }
    for (sections, settings) in &resolved.section_settings {
        let names: Vec<&str> = sections.iter().map(|k| k.numeral()).collect();
        for s in settings {
            writeln!(
                out,
                "  第{}部分内：{} = {}  {}",
                names.join("、"),
                s.selector,
                s.level.map_or("（不变）", |l| l.as_str()),
                s.origin
            )?;
        }
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_s_configuration_is_asked_once_and_is_the_one_discovery_gives() {
        let dir = std::env::temp_dir().join(format!("reportlint-configs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::create_dir_all(dir.join("c")).unwrap();
        std::fs::write(dir.join("a/reportlint.toml"), "exclude = [\"x.txt\"]\n").unwrap();
        std::fs::write(dir.join("c/reportlint.toml"), "[rules\n").unwrap();
        let discovery = reportlint_config::Discovery::walk_up(Vec::new());
        let mut memo = configs_by_folder(&discovery);
        let files = [
            "a/x.txt",
            "a/y.txt",
            "a/b/x.txt",
            "a/b/y.txt",
            "a/z.txt",
            "c/x.txt",
            "c/y.txt",
            "d.txt",
            "a/x.txt",
        ];
        let describe = |f: reportlint_config::Found| match f {
            Ok(Some(c)) => format!("{:?}", c.exclude_patterns),
            Ok(None) => "none".to_owned(),
            Err(e) => format!("error {}", e.message),
        };
        for f in files {
            let p = dir.join(f);
            assert_eq!(
                describe(memo(&p)),
                describe(discovery.config_for_file(&p)),
                "{f}"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A rule crate that the binary never names is not linked, and its rules vanish silently:
    /// this list is the exact set the binary must register.
    #[test]
    fn registered_rule_ids() {
        link_builtin_rules();
        let ids: Vec<&str> = registered_rules().iter().map(|r| r.meta().id).collect();
        assert_eq!(
            ids,
            [
                "compare/carry-over",
                "compare/copied-report",
                "compare/copied-text",
                "compare/same-data",
                "compare/stock",
                "contact/phone",
                "contact/postcode",
                "contact/required",
                "contact/website",
                "content/fees",
                "content/government-items",
                "content/overview-topics",
                "content/problems-and-measures",
                "dates/publication-date",
                "dates/statistics-period",
                "dates/year-consistency",
                "structure/agency-consistency",
                "structure/document-number",
                "structure/parts-list",
                "structure/report-format",
                "structure/required-sections",
                "structure/section-numbering",
                "structure/self-reference",
                "structure/signature",
                "structure/subsection-numbering",
                "structure/text-cut-short",
                "structure/title",
                "style/debris",
                "style/doubled",
                "style/lookalike-chars",
                "style/pairs",
                "style/punctuation",
                "style/typos",
                "tables/application-prose",
                "tables/inline-sums",
                "tables/layout",
                "tables/present",
                "tables/sums",
                "tables/text-consistency",
                "tables/values",
            ]
        );
    }
}
