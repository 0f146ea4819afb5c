//! Command-line arguments.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// reportlint：政府信息公开工作年度报告检查工具。
///
/// 检查政府信息公开工作年度报告：缺少或编号有误的部分、统计期间错误、缺少联系方式、表格数据对不上等问题。
#[derive(Debug, Parser)]
#[command(name = "reportlint", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查报告文件和文件夹（在文件夹中查找 .txt、.md、.docx、.doc、.wps、.html、.htm、.shtml、.xhtml、.mht、.mhtml 和 .pdf 文件；直接指定的文件按内容识别格式）。
    Check(Box<CheckArgs>),
    /// 列出全部规则：编号、默认级别、能否自动修正、简介。
    Rules(RulesArgs),
    /// 显示一条规则的说明。
    Explain(ExplainArgs),
    /// 显示一份报告适用的设置：行政区划、适用的配置文件，以及每条规则的实际级别和设置来源。
    Config(ConfigArgs),
    /// 在浏览器中检查：在本机启动网页服务，把报告拖到页面上即可检查。
    ///
    /// 检查结果与 --format html 相同，并可下载 Excel 工作簿和 HTML 结果页；文件只在内存中检查，不会离开本机。说明见 docs/serve.md。
    Serve(crate::serve::ServeArgs),
    /// 生成命令行自动补全脚本（bash、zsh、fish、powershell），输出到标准输出。
    ///
    /// 例如 bash：`reportlint completions bash > ~/.local/share/bash-completion/completions/reportlint`；PowerShell：`reportlint completions powershell >> $PROFILE`。
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// 终端（shell）的种类。
    #[arg(value_enum, value_name = "终端")]
    pub shell: Shell,
}

/// The shells `completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash（Linux 和 macOS 上常用的终端）。
    Bash,
    /// Zsh（macOS 的默认终端）。
    Zsh,
    /// Fish（一种交互友好的终端）。
    Fish,
    /// PowerShell（Windows 的终端）。
    Powershell,
}

/// 配置从哪里来。
#[derive(Debug, Args, Clone)]
pub struct ConfigSource {
    /// 所有报告都使用这个配置文件，而不是离报告最近的 `reportlint.toml`。
    #[arg(long, value_name = "文件", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// 不使用任何配置文件。
    #[arg(long)]
    pub isolated: bool,

    /// 报告机关所在的行政区划（名称如 `威海市文登区`，或代码如 `371003`），用于无法从机关名称识别或识别有误时。
    #[arg(long, value_name = "区划")]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// 报告文件。
    #[arg(value_name = "文件")]
    pub file: PathBuf,

    #[command(flatten)]
    pub source: ConfigSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// 带原文摘录的图形化输出（默认）。
    Pretty,
    /// 整次运行输出一个 JSON 对象（格式稳定，见 docs/output.md）。
    Json,
    /// 每个问题一行：`路径:行:列: 级别 [规则] 说明`。
    Concise,
    /// SARIF 2.1.0（代码扫描平台、编辑器）：全部规则列在 `tool.driver.rules` 中。
    Sarif,
    /// GitHub Actions 工作流标注（`::error file=…,line=…::…`）。
    Github,
    /// JUnit XML：每个文件一个测试用例，每个问题一个失败项。
    Junit,
    /// 整批报告一个独立的 HTML 页面：汇总（通过与不通过、最常见的问题、按地区和机关）、可筛选排序的报告表、每份报告可打印的问题清单和标出问题的原文。
    Html,
    /// Excel 可直接打开的 CSV（带 BOM 的 UTF-8）：每份报告一行，或用 `--csv-kind findings` 每个问题一行。
    Csv,
    /// Excel 工作簿：“报告”表（每份报告一行：机关、区划、年度、结果、问题数、触发的规则）和“问题”表（全部问题）。须用 `-o 文件` 指定输出文件。
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// 输出到终端时着色（默认；设置了 NO_COLOR 环境变量时不着色）。
    Auto,
    /// 总是着色。
    Always,
    /// 从不着色。
    Never,
}

/// The largest `--max-file-size`: 1 TiB, in MiB (its bytes fit a u64 many times over).
pub const MAX_FILE_SIZE_MB: u64 = 1 << 20;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 要检查的文件或文件夹；`-` 表示从标准输入读取。默认：当前文件夹。
    #[arg(value_name = "路径")]
    pub paths: Vec<PathBuf>,

    /// 输出格式。
    #[arg(long, value_enum, value_name = "格式", default_value_t = OutputFormat::Pretty)]
    pub format: OutputFormat,

    /// 只用这些规则：规则编号或规则组，用逗号分隔（如 `tables,structure/title`）。
    #[arg(long, value_delimiter = ',', value_name = "规则")]
    pub select: Vec<String>,

    /// 在已选规则之外再加上这些规则。
    #[arg(long, value_delimiter = ',', value_name = "规则")]
    pub extend_select: Vec<String>,

    /// 不用这些规则：规则编号或规则组，用逗号分隔。
    #[arg(long, value_delimiter = ',', value_name = "规则")]
    pub ignore: Vec<String>,

    /// 把结果写入文件而不是标准输出（任何格式都可以；xlsx 必须指定）。
    #[arg(short = 'o', long, value_name = "文件")]
    pub output: Option<PathBuf>,

    /// 配合 `--format csv`：每份报告一行（默认）或每个问题一行。
    #[arg(long, value_enum, value_name = "类型", default_value_t = crate::output::CsvKind::Reports)]
    pub csv_kind: crate::output::CsvKind,

    /// 同一机关上一年度的报告，用来与单份报告对照（结转数、存量、照抄的文字）。不指定时，一次检查多个年度的报告会按机关和年度自动配对。
    #[arg(long, value_name = "文件")]
    pub previous: Option<PathBuf>,

    /// 不对照各报告（不用 `compare/*` 规则）。
    #[arg(long, conflicts_with = "previous")]
    pub no_compare: bool,

    /// 不列出问题，而是统计每条规则发现的问题数（多的在前）。
    #[arg(long)]
    pub statistics: bool,

    /// 只报告错误级别的问题。
    #[arg(short, long)]
    pub quiet: bool,

    /// 发现错误也以 0 退出（运行失败仍以 2 退出）。
    #[arg(long)]
    pub exit_zero: bool,

    /// 警告多于这个数目时以 1 退出。
    #[arg(long, value_name = "数目")]
    pub max_warnings: Option<usize>,

    /// 标准输入显示的文件名。
    #[arg(long, value_name = "文件名")]
    pub stdin_filename: Option<String>,

    /// 何时给 pretty 输出着色。
    #[arg(long, value_enum, value_name = "何时", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// 把这个日期（YYYY-MM-DD）当作今天，供与期限有关的规则使用。默认：系统时钟的北京时间（UTC+8）日期。
    #[arg(long, value_name = "日期")]
    pub today: Option<String>,

    /// 线程数（默认：每个 CPU 核一个；1 到 1024）。
    #[arg(long, short = 'j', value_name = "数目",
          value_parser = clap::value_parser!(u16).range(1..=1024).map(usize::from))]
    pub threads: Option<usize>,

    #[command(flatten)]
    pub source: ConfigSource,

    /// 报告没有屏蔽任何问题的指令注释（`<!-- reportlint-disable … -->`）。
    #[arg(long)]
    pub report_unused_directives: bool,

    /// 对 .txt 和 .md 文件做安全的自动修正（直接写回原文件，保持原编码）。
    #[arg(long)]
    pub fix: bool,

    /// 以统一差异格式（diff）显示修正，不写入文件。
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// 配合 --fix 或 --diff，也做不安全的修正（发布前请人工核对）。
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// 跳过大于这么多兆字节（MiB）的文件并报错（1 到 1048576）。
    #[arg(long, value_name = "MB", default_value_t = 50,
          value_parser = clap::value_parser!(u64).range(1..=MAX_FILE_SIZE_MB))]
    pub max_file_size: u64,

    /// 读取一个 .docx、.html 或 .pdf 文件超过这么多秒就放弃（该文件报告 `format/timeout`，其他文件照常检查）。
    #[arg(long, value_name = "秒数", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,

    /// 在文件夹中跟随符号链接，不论指向哪里。不加此选项时，只检查指向所给文件夹内文件的链接；指向文件夹外的链接会报告并跳过，指向文件夹的链接不进入。
    #[arg(long)]
    pub follow_links: bool,

    /// 不显示进度条（在终端上检查 50 个或更多文件时会显示）。
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// 输出格式。
    #[arg(long, value_enum, value_name = "格式", default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// 每条规则一行的文字列表。
    Text,
    /// JSON 数组（字段 id、severity、fixable、summary）。
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// 规则编号，如 `structure/title`；不写则按组列出全部规则。
    #[arg(value_name = "规则")]
    pub rule: Option<String>,
}
