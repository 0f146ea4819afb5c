//! Command-line arguments.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// reportlint：政府信息公开工作年度报告检查工具。
///
/// Lints Chinese government annual reports on open government information work (政府信息公开工作
/// 年度报告) for missing or misnumbered sections, wrong statistics periods, missing contact
/// details, tables that do not add up, and more.
#[derive(Debug, Parser)]
#[command(name = "reportlint", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint report files and folders (folders are searched for .txt, .md, .docx, .doc, .wps,
    /// .html, .htm, .shtml, .xhtml, .mht, .mhtml and .pdf files; a file named here is recognised
    /// by its content).
    Check(Box<CheckArgs>),
    /// List every rule: id, default severity, whether it can fix, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain(ExplainArgs),
    /// Show the settings in force for a report: its region, the configuration files that apply,
    /// and each rule's effective severity with where it comes from.
    Config(ConfigArgs),
    /// 在浏览器中检查：在本机启动网页服务，把报告拖到页面上即可检查。
    ///
    /// 检查结果与 --format html 相同，并可下载 Excel 工作簿和 HTML 结果页；文件只在内存中检查，不会离开本机。说明见 docs/serve.md。
    Serve(crate::serve::ServeArgs),
}

/// Where the configuration comes from.
#[derive(Debug, Args, Clone)]
pub struct ConfigSource {
    /// Use this configuration file for every report instead of the closest `reportlint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,

    /// The administrative region of the reports' agency (a name such as `威海市文登区` or a code such
    /// as `371003`), when detection from the agency's name fails or is wrong.
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The report file.
    pub file: PathBuf,

    #[command(flatten)]
    pub source: ConfigSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// miette's graphical report with the source excerpt (the default).
    Pretty,
    /// One JSON object for the whole run (a stable contract; see docs/output.md).
    Json,
    /// One line per finding: `path:line:col: severity [rule] message`.
    Concise,
    /// SARIF 2.1.0 (code scanning, IDEs): every rule in `tool.driver.rules`.
    Sarif,
    /// GitHub Actions workflow annotations (`::error file=…,line=…::…`).
    Github,
    /// JUnit XML: one test case per file, one failure per finding.
    Junit,
    /// One self-contained HTML page for the batch: summary, charts, each report's text with its
    /// findings highlighted.
    Html,
    /// CSV that Excel opens (UTF-8 with BOM): one line per report, or per finding with
    /// `--csv-kind findings`.
    Csv,
    /// An Excel workbook: sheet 报告 (one row per report: agency, region, year, result, counts,
    /// the rules that fired) and sheet 问题 (every finding). Needs `-o FILE`.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The largest `--max-file-size`: 1 TiB, in MiB (its bytes fit a u64 many times over).
pub const MAX_FILE_SIZE_MB: u64 = 1 << 20;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to lint; `-` reads standard input. Default: the current folder.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Pretty)]
    pub format: OutputFormat,

    /// Only these rules: ids or crate prefixes, comma-separated (`tables,structure/title`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,

    /// Add these rules to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,

    /// Leave out these rules: ids or crate prefixes, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,

    /// Write the output to FILE instead of standard output (any format; needed for xlsx).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// With `--format csv`: a line per report (the default) or per finding.
    #[arg(long, value_enum, default_value_t = crate::output::CsvKind::Reports)]
    pub csv_kind: crate::output::CsvKind,

    /// Last year's report of the same agency, to compare a single report with (carry-over,
    /// stock, copied text). Without it, reports of several years in one run are paired by
    /// agency and year.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,

    /// Do not compare reports with one another (the `compare/*` rules).
    #[arg(long, conflicts_with = "previous")]
    pub no_compare: bool,

    /// Print how many findings each rule made (most first) instead of the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Report errors only.
    #[arg(short, long)]
    pub quiet: bool,

    /// Exit with 0 even when errors are found (a failed run still exits with 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// Exit with 1 when more than this many warnings are found.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// The file name to show for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// When to colour the pretty output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Treat DATE (YYYY-MM-DD) as today, for rules about deadlines. Default: the system clock's
    /// date in China Standard Time (UTC+8).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,

    /// Number of threads (default: one per core; 1 to 1024).
    #[arg(long, short = 'j', value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=1024).map(usize::from))]
    pub threads: Option<usize>,

    #[command(flatten)]
    pub source: ConfigSource,

    /// Report directive comments (`<!-- reportlint-disable … -->`) that suppressed nothing.
    #[arg(long)]
    pub report_unused_directives: bool,

    /// Apply safe fixes to .txt and .md files (written in place, in their own encoding).
    #[arg(long)]
    pub fix: bool,

    /// Show the fixes as a unified diff instead of writing them.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// With --fix or --diff, apply unsafe fixes too (check them before you publish).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Skip files larger than this many megabytes (MiB) with an error (1 to 1048576).
    #[arg(long, value_name = "MB", default_value_t = 50,
          value_parser = clap::value_parser!(u64).range(1..=MAX_FILE_SIZE_MB))]
    pub max_file_size: u64,

    /// Give up reading a .docx, .html or .pdf file after this many seconds (it gets a
    /// `format/timeout` finding; the other files are checked as usual).
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,

    /// In folders, follow symbolic links wherever they point. Without it a link is linted only
    /// when it points to a file inside the folder given; links out of the folder are reported
    /// and skipped, links to folders are not entered.
    #[arg(long)]
    pub follow_links: bool,

    /// Never show a progress bar (it is shown on a terminal for batches of 50 files or more).
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `structure/title`; without one, the rules by group.
    pub rule: Option<String>,
}
