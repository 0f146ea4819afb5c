//! Chinese for what clap shows: the help's headings and built-in flags, and clap's own errors.
//!
//! The help texts of commands and options are the doc comments in [`crate::cli`], in Chinese.
//! What clap writes itself (headings, `-h/--help`, `[default: …]`, its error messages) is set or
//! rewritten here; exit codes stay clap's (2 for a mistake, 0 for `--help` and `--version`).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

/// The help layout: clap's default with a Chinese usage heading.
const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command line, with Chinese headings and built-in flags.
pub fn command() -> Command {
    // clap wraps at spaces only, which Chinese text has few of: the help is wrapped here
    // instead ([`help_text`]).
    localize(crate::cli::Cli::command(), true).term_width(0)
}

/// The terminal's width, when the binary's standard output is a terminal ([`use_terminal_width`]).
static TERMINAL_WIDTH: std::sync::OnceLock<usize> = std::sync::OnceLock::new();

/// Wraps help to the terminal's width, as clap would: called by the binary's `main` (a run in a
/// test, writing to a buffer, wraps to 100 columns whatever terminal the test runs in).
pub fn use_terminal_width() {
    if let Some((w, _)) = terminal_size::terminal_size() {
        let _ = TERMINAL_WIDTH.set(usize::from(w.0).max(40));
    }
}

/// The width to wrap help to: the terminal's, or clap's default of 100 columns.
fn help_width() -> usize {
    TERMINAL_WIDTH.get().copied().unwrap_or(100)
}

fn localize(cmd: Command, root: bool) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .mut_args(|a| {
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading("参数")
            } else {
                a.help_heading("选项")
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助（-h 显示摘要，--help 显示详细说明）")
                .help_heading("选项"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号")
                .help_heading("选项"),
        );
    }
    cmd.mut_subcommands(|s| localize(s, false))
}

/// The words clap writes in help texts that no setting changes, in Chinese.
const HELP_WORDS: &[(&str, &str)] = &[
    (
        "Print this message or the help of the given subcommand(s)",
        "显示帮助，或某个命令的帮助",
    ),
    ("Print help for the subcommand(s)", "显示某个命令的帮助"),
    ("[OPTIONS]", "[选项]"),
    ("[COMMAND]", "[命令]"),
    ("<COMMAND>", "<命令>"),
    ("Possible values:", "可选值："),
    ("[possible values: ", "[可选值："),
    ("[default: ", "[默认："),
    ("[aliases: ", "[别名："),
    ("[alias: ", "[别名："),
    ("Usage: ", "用法："),
];

/// Replaces clap's own English words in a help text or a usage line, and wraps lines of Chinese
/// (which clap, wrapping at spaces only, leaves whole) to the help's width.
pub fn help_text(text: &str, width: usize) -> String {
    let mut out = text.to_owned();
    for (en, zh) in HELP_WORDS {
        out = replace_spaced(&out, en, zh);
    }
    let mut wrapped = String::with_capacity(out.len());
    for line in out.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        // Headings: `命令:` → `命令：`.
        let body = match body {
            "命令:" | "选项:" | "参数:" => body.replace(':', "："),
            _ => body.to_owned(),
        };
        wrap_line(&body, width, &mut wrapped);
        wrapped.push_str(end);
    }
    wrapped
}

/// Replaces `en` in `text`, where clap may have wrapped it: each space of `en` matches any run of
/// white space (a line break and the next line's indent).
fn replace_spaced(text: &str, en: &str, zh: &str) -> String {
    let words: Vec<&str> = en.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'search: while let Some(at) = rest.find(words[0]) {
        let mut end = at + words[0].len();
        for w in &words[1..] {
            let after = &rest[end..];
            let trimmed = after.trim_start();
            let ws = after.len() - trimmed.len();
            if ws == 0 && !w.is_empty() || !trimmed.starts_with(w) {
                out.push_str(&rest[..at + words[0].len()]);
                rest = &rest[at + words[0].len()..];
                continue 'search;
            }
            end += ws + w.len();
        }
        // A trailing space of `en` (`[default: `) matched above as the empty last word.
        out.push_str(&rest[..at]);
        out.push_str(zh);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Writes `line` to `out`, broken before `width` display columns; continuation lines are
/// indented to where the line's text starts (after an option's name and its padding).
fn wrap_line(line: &str, width: usize, out: &mut String) {
    use unicode_width::UnicodeWidthStr;
    if line.width() <= width {
        out.push_str(line);
        return;
    }
    let lead = line.len() - line.trim_start().len();
    // `  -o, --output <文件>   text`: the text starts after the first run of two spaces.
    let text_start = line[lead..]
        .find("  ")
        .map(|i| {
            let after = &line[lead + i..];
            lead + i + (after.len() - after.trim_start().len())
        })
        .filter(|&i| i < line.len())
        .unwrap_or(lead);
    let hang = line[..text_start].width();
    if hang + 20 > width {
        out.push_str(line);
        return;
    }
    let mut col = 0;
    let mut current = String::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        // The next unbreakable piece: a run of non-CJK, non-space characters, or one CJK
        // character with the closing punctuation after it.
        let (start, c) = chars[i];
        let mut j = i + 1;
        if c == ' ' {
            // Spaces: kept inside a line, dropped at a break.
        } else if is_cjk(c) {
            // (A `.` after `、` starts the next word: `.txt、.md`.)
            while j < chars.len() && is_closing(chars[j].1) && !chars[j].1.is_ascii() {
                j += 1;
            }
        } else {
            // `[默认：50]`: a short bracket without spaces stays whole.
            let bracket = (c == '[')
                .then(|| {
                    chars[i..]
                        .iter()
                        .take(40)
                        .position(|&(_, x)| x == ']' || x == ' ')
                })
                .flatten()
                .filter(|&k| chars[i + k].1 == ']');
            match bracket {
                Some(k) => j = i + k + 1,
                None => {
                    while j < chars.len() && chars[j].1 != ' ' && !is_cjk(chars[j].1) {
                        j += 1;
                    }
                }
            }
            while j < chars.len() && is_closing(chars[j].1) && !chars[j].1.is_ascii() {
                j += 1;
            }
        }
        let end = chars.get(j).map_or(line.len(), |&(e, _)| e);
        let piece = &line[start..end];
        let w = piece.width();
        if col + w > width && col > hang && start > text_start && c != ' ' {
            // An opening bracket or quote goes to the next line with what it opens.
            let carried = match current.chars().next_back() {
                Some(o @ ('（' | '“' | '‘' | '《' | '「' | '【' | '(' | '[')) => {
                    current.pop();
                    Some(o)
                }
                _ => None,
            };
            out.push_str(current.trim_end());
            out.push('\n');
            current = " ".repeat(hang);
            col = hang;
            if let Some(o) = carried {
                current.push(o);
                col += o.to_string().width();
            }
        }
        if !(c == ' ' && col == hang && current.trim().is_empty() && start > text_start) {
            current.push_str(piece);
            col += w;
        }
        i = j;
    }
    out.push_str(current.trim_end());
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

/// Punctuation that must not start a line.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '”'
            | '’'
            | '》'
            | '」'
            | '】'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | ')'
            | ']'
    )
}

/// The text to show for a clap error (or for `--help` and `--version`, which clap reports as
/// errors), in Chinese. `program` is the command the user ran (`reportlint check`), for the
/// hint at the end.
pub fn render(e: &clap::Error, program: &str) -> String {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return help_text(&e.render().to_string(), help_width())
        }
        _ => {}
    }
    let mut out = String::from("错误：");
    out.push_str(&headline(e));
    let mut tips = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "命令"),
        (ContextKind::SuggestedArg, "参数"),
        (ContextKind::SuggestedValue, "值"),
    ] {
        if let Some(v) = e.get(kind) {
            let list = strings(v);
            if !list.is_empty() {
                tips.push(format!("有相近的{what}：是否指{}？", quote_list(&list)));
            }
        }
    }
    if let Some(ContextValue::Bool(true)) = e.get(ContextKind::TrailingArg) {
        if let Some(arg) = string(e.get(ContextKind::InvalidArg)) {
            tips.push(format!(
                "如果“{arg}”是要传入的值而不是选项，请写成“-- {arg}”"
            ));
        }
    }
    if !tips.is_empty() {
        out.push('\n');
        for t in tips {
            out.push_str("\n  提示：");
            out.push_str(&t);
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str("\n\n用法：");
        out.push_str(&help_text(usage, usize::MAX));
    }
    out.push_str(&format!("\n\n运行“{program} --help”查看说明。\n"));
    out
}

/// The first sentence: what is wrong.
fn headline(e: &clap::Error) -> String {
    let arg = string(e.get(ContextKind::InvalidArg)).map(|a| help_text(&a, usize::MAX));
    let value = string(e.get(ContextKind::InvalidValue));
    match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "未知的命令“{}”",
            string(e.get(ContextKind::InvalidSubcommand)).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => {
            format!("未知的参数“{}”", arg.unwrap_or_default())
        }
        ErrorKind::InvalidValue => {
            let arg = arg.unwrap_or_default();
            match value.as_deref() {
                None | Some("") => format!("参数“{arg}”需要一个值，但没有给出"),
                Some(v) => {
                    let mut s = format!("参数“{arg}”的值“{v}”无效");
                    if let Some(valid) = e.get(ContextKind::ValidValue) {
                        let list = strings(valid);
                        if !list.is_empty() {
                            s.push_str(&format!("\n  可选值：{}", list.join("、")));
                        }
                    }
                    s
                }
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| source_text(&s.to_string()))
                .unwrap_or_default();
            format!(
                "参数“{}”的值“{}”无效{why}",
                arg.unwrap_or_default(),
                value.unwrap_or_default()
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let list = e
                .get(ContextKind::InvalidArg)
                .map(strings)
                .unwrap_or_default();
            format!(
                "缺少必需的参数：{}",
                list.iter()
                    .map(|a| help_text(a, usize::MAX))
                    .collect::<Vec<_>>()
                    .join("、")
            )
        }
        ErrorKind::MissingSubcommand => {
            let valid = e
                .get(ContextKind::ValidSubcommand)
                .map(strings)
                .unwrap_or_default();
            format!(
                "“{}”需要一个命令，可用的命令：{}",
                string(e.get(ContextKind::InvalidSubcommand)).unwrap_or_default(),
                valid.join("、")
            )
        }
        ErrorKind::ArgumentConflict => {
            let prior = e
                .get(ContextKind::PriorArg)
                .map(strings)
                .unwrap_or_default();
            let with = if prior.is_empty() {
                "其他参数".to_owned()
            } else {
                quote_list(
                    &prior
                        .iter()
                        .map(|p| help_text(p, usize::MAX))
                        .collect::<Vec<_>>(),
                )
            };
            format!("参数“{}”不能与{with}同时使用", arg.unwrap_or_default())
        }
        ErrorKind::NoEquals => format!(
            "参数“{}”的值要用“=”连接，如 {}=值",
            arg.clone().unwrap_or_default(),
            arg.unwrap_or_default()
                .split([' ', '='])
                .next()
                .unwrap_or_default()
        ),
        ErrorKind::TooManyValues => format!(
            "参数“{}”不接受更多的值，多出了“{}”",
            arg.unwrap_or_default(),
            value.unwrap_or_default()
        ),
        ErrorKind::TooFewValues => format!(
            "参数“{}”至少需要 {} 个值，只给出了 {} 个",
            arg.unwrap_or_default(),
            number(e.get(ContextKind::MinValues)),
            number(e.get(ContextKind::ActualNumValues))
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "参数“{}”需要 {} 个值，给出了 {} 个",
            arg.unwrap_or_default(),
            number(e.get(ContextKind::ExpectedNumValues)),
            number(e.get(ContextKind::ActualNumValues))
        ),
        ErrorKind::InvalidUtf8 => "参数中有无效的 UTF-8 文字".to_owned(),
        _ => {
            // Kinds without a context of their own (I/O, formatting): clap's words, kept.
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or_default();
            format!(
                "命令行参数有误（{}）",
                first.strip_prefix("error: ").unwrap_or(first)
            )
        }
    }
}

/// A value parser's reason (`0 is not in 1..=1024`, `invalid digit found in string`), in
/// Chinese, after a `：`.
fn source_text(s: &str) -> String {
    if let Some((_, range)) = s.split_once(" is not in ") {
        if let Some((lo, hi)) = range.split_once("..=") {
            return format!("：应在 {lo} 到 {hi} 之间");
        }
        if let Some((lo, hi)) = range.split_once("..") {
            return format!("：应不小于 {lo}、小于 {hi}");
        }
    }
    let zh = match s {
        "invalid digit found in string" => "不是整数",
        "cannot parse integer from empty string" => "值为空",
        "number too large to fit in target type" => "数值太大",
        "number too small to fit in target type" => "数值太小",
        "invalid float literal" => "不是数字",
        _ => "",
    };
    if zh.is_empty() {
        format!("（{s}）")
    } else {
        format!("：{zh}")
    }
}

fn string(v: Option<&ContextValue>) -> Option<String> {
    match v? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Strings(list) => list.first().cloned(),
        _ => None,
    }
}

fn strings(v: &ContextValue) -> Vec<String> {
    match v {
        ContextValue::String(s) => vec![s.clone()],
        ContextValue::Strings(list) => list.clone(),
        ContextValue::StyledStr(s) => vec![s.to_string()],
        ContextValue::StyledStrs(list) => list.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

fn number(v: Option<&ContextValue>) -> String {
    match v {
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => "?".to_owned(),
    }
}

fn quote_list(list: &[String]) -> String {
    list.iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// `reportlint` and the subcommand named in `args` (the first is the program name), for the
/// `--help` hint of an error.
pub fn program<T: AsRef<std::ffi::OsStr>>(args: &[T]) -> String {
    let cmd = crate::cli::Cli::command();
    let sub = args.iter().skip(1).find_map(|a| {
        let a = a.as_ref().to_str()?;
        cmd.get_subcommands()
            .find(|s| s.get_name() == a)
            .map(|s| s.get_name().to_owned())
    });
    match sub {
        Some(s) => format!("reportlint {s}"),
        None => "reportlint".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(args: &[&str]) -> (String, i32) {
        let e = command().try_get_matches_from(args).unwrap_err();
        (render(&e, &program(args)), e.exit_code())
    }

    #[test]
    fn every_option_has_chinese_help() {
        fn check(cmd: &Command, path: &str) {
            if cmd.get_name() == "help" {
                // clap's own; its words are replaced in the text (HELP_WORDS).
                return;
            }
            let path = format!("{path} {}", cmd.get_name());
            assert!(
                cmd.get_about().is_some_and(|a| has_cjk(&a.to_string())),
                "{path} has no Chinese about"
            );
            for a in cmd.get_arguments() {
                let help = a.get_help().map(ToString::to_string).unwrap_or_default();
                assert!(has_cjk(&help), "{path} {}: {help:?}", a.get_id());
                let names = if a.get_action().takes_values() {
                    a.get_value_names().unwrap_or_default()
                } else {
                    &[]
                };
                for v in names {
                    assert!(
                        v.chars().all(|c| !c.is_ascii_uppercase()) || v.as_str() == "MB",
                        "{path} {}: value name {v} is English",
                        a.get_id()
                    );
                }
                for p in a.get_possible_values() {
                    if let Some(h) = p.get_help() {
                        assert!(has_cjk(&h.to_string()), "{path} {}: {h}", a.get_id());
                    }
                }
            }
            for s in cmd.get_subcommands() {
                check(s, &path);
            }
        }
        let mut cmd = command();
        cmd.build();
        check(&cmd, "");
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn errors_keep_their_exit_codes() {
        for args in [
            &["reportlint", "chek"][..],
            &["reportlint", "check", "--formt", "json"],
            &["reportlint", "check", "--format", "jsn"],
            &["reportlint", "check", "-j", "0"],
            &["reportlint", "config"],
            &["reportlint", "check", "--fix", "--diff"],
            &["reportlint", "check", "--quiet=3"],
        ] {
            let (text, code) = error(args);
            assert_eq!(code, 2, "{args:?}");
            assert!(text.starts_with("错误："), "{text}");
            assert!(
                !text.contains("error:") && !text.contains("Usage"),
                "{text}"
            );
        }
    }

    #[test]
    fn value_parser_reasons() {
        assert_eq!(source_text("0 is not in 1..=1024"), "：应在 1 到 1024 之间");
        assert_eq!(source_text("invalid digit found in string"), "：不是整数");
        assert_eq!(source_text("odd"), "（odd）");
    }

    #[test]
    fn chinese_lines_are_wrapped() {
        use unicode_width::UnicodeWidthStr;
        let head = "      --region <区划>  ";
        let hang = head.width();
        let line = format!(
            "{head}{}",
            "报告机关所在的行政区划，用于无法识别时。".repeat(8)
        );
        let mut out = String::new();
        wrap_line(&line, 60, &mut out);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 3, "{out}");
        for l in &lines {
            assert!(l.width() <= 60, "{l}");
        }
        // Continuation lines start under the text, never with a closing mark.
        for l in &lines[1..] {
            assert!(
                l.starts_with(&" ".repeat(hang)) && !l.starts_with(&" ".repeat(hang + 1)),
                "{l:?}"
            );
            assert!(!l.trim_start().starts_with(['，', '。']), "{l:?}");
        }
        assert_eq!(out.replace(&format!("\n{}", " ".repeat(hang)), ""), line);
    }

    #[test]
    fn wrapped_clap_words_are_replaced() {
        assert_eq!(
            help_text(
                "[default: reports] [possible\n          values: reports, findings]",
                100
            ),
            "[默认：reports] [可选值：reports, findings]"
        );
    }

    #[test]
    fn help_words() {
        assert_eq!(
            help_text(
                "Usage: reportlint check [OPTIONS] [路径]...\n  [default: pretty]",
                100
            ),
            "用法：reportlint check [选项] [路径]...\n  [默认：pretty]"
        );
    }
}
