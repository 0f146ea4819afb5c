//! Chinese for the messages of the libraries a configuration goes through: the TOML parser,
//! serde, regex, and the operating system. Users read these; the library's English words are
//! kept in parentheses only where they add a detail (an OS error code, a regex position).

use std::io::ErrorKind;

/// An operating system error in Chinese, with the OS's own words in parentheses.
pub fn io_error(e: &std::io::Error) -> String {
    let what = match e.kind() {
        ErrorKind::NotFound => "文件或文件夹不存在",
        ErrorKind::PermissionDenied => "没有访问权限",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中的一段不是文件夹",
        ErrorKind::AlreadyExists => "文件已存在",
        ErrorKind::InvalidData => "内容无效（文字须为 UTF-8 编码）",
        ErrorKind::InvalidInput => "路径或参数无效",
        ErrorKind::UnexpectedEof => "文件意外结束（可能不完整）",
        ErrorKind::StorageFull => "磁盘空间已满",
        ErrorKind::ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => "文件正被其他程序占用",
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的",
        ErrorKind::TimedOut => "操作超时",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::OutOfMemory => "内存不足",
        ErrorKind::BrokenPipe => "输出管道已关闭",
        ErrorKind::Unsupported => "系统不支持这个操作",
        ErrorKind::TooManyLinks => "符号链接太多",
        ErrorKind::CrossesDevices => "不能跨磁盘操作",
        _ => "系统错误",
    };
    format!("{what}（{e}）")
}

/// The serde or TOML message `msg` in Chinese. Known shapes are rewritten (`missing field`,
/// `unknown field`, `invalid type`, `duplicate key`, the TOML parser's syntax errors); anything
/// else is kept after a Chinese sentence.
pub fn serde_message(msg: &str) -> String {
    let msg = msg.trim();
    let first = msg.lines().next().unwrap_or_default().trim();
    if let Some(rest) = first.strip_prefix("unknown field ") {
        let (field, expected) = split_expected(rest);
        let mut out = format!("未知的配置项 {}", unquote(field));
        if let Some(list) = expected {
            let names: Vec<&str> = list.iter().map(|s| unquote(s)).collect();
            if let Some(guess) = closest_word(unquote(field), &names) {
                out.push_str(&format!("；是否指 {guess}？"));
            }
            out.push_str(&format!("（可用的配置项：{}）", names.join("、")));
        }
        return out;
    }
    if let Some(rest) = first.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        let mut out = format!("取值 {} 无效", unquote(value));
        if let Some(list) = expected {
            let names: Vec<&str> = list.iter().map(|s| unquote(s)).collect();
            out.push_str(&format!("（可用的值：{}）", names.join("、")));
        }
        return out;
    }
    if let Some(rest) = first.strip_prefix("missing field ") {
        return format!("缺少必需的配置项 {}", unquote(rest));
    }
    if let Some(rest) = first.strip_prefix("duplicate field ") {
        return format!("配置项 {} 重复", unquote(rest));
    }
    if let Some(rest) = first.strip_prefix("duplicate key ") {
        let key = rest.split(" in ").next().unwrap_or(rest);
        return format!("键 {} 重复", unquote(key));
    }
    if let Some(rest) = first.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "类型不对：应为{}，实际是{}",
                kind_zh(expected),
                kind_zh(found)
            );
        }
    }
    if let Some(rest) = first.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "取值无效：应为{}，实际是{}",
                kind_zh(expected),
                kind_zh(found)
            );
        }
    }
    if let Some(rest) = first.strip_prefix("invalid length ") {
        if let Some((n, expected)) = rest.split_once(", expected ") {
            return format!("长度 {n} 不对：应为{}", kind_zh(expected));
        }
    }
    match syntax_zh(first) {
        Some(zh) => format!("TOML 语法错误：{zh}"),
        None => format!("配置文件格式错误（{}）", msg.replace('\n', "；")),
    }
}

/// `"`x`, expected one of `a`, `b`"` → (`x`, [a, b]).
fn split_expected(rest: &str) -> (&str, Option<Vec<&str>>) {
    match rest.split_once(", expected ") {
        None => (rest.trim(), None),
        Some((field, list)) => {
            let list = list.strip_prefix("one of ").unwrap_or(list);
            let items = list
                .split(", ")
                .flat_map(|s| s.split(" or "))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            (field.trim(), Some(items))
        }
    }
}

fn unquote(s: &str) -> &str {
    s.trim().trim_matches('`')
}

/// The word of `words` closest to `word` (a misspelt field name), if any is close.
fn closest_word<'a>(word: &str, words: &[&'a str]) -> Option<&'a str> {
    // The rule-id suggester works on any words: a field name is a rule id without a group.
    let found = reportlint_core::suggest::closest(word, words.iter().copied())?;
    words.iter().copied().find(|w| *w == found)
}

/// serde's names of kinds of values, in Chinese.
fn kind_zh(s: &str) -> String {
    let s = s.trim();
    let known = [
        ("a string", "文字（用引号括起）"),
        ("string", "文字（用引号括起）"),
        ("a boolean", "true 或 false"),
        ("boolean", "true 或 false"),
        ("a sequence", "数组（[ … ]）"),
        ("sequence", "数组（[ … ]）"),
        ("a map", "表（{ … } 或 [表名]）"),
        ("map", "表（{ … } 或 [表名]）"),
        ("an integer", "整数"),
        ("integer", "整数"),
        ("a float", "数字"),
        ("floating point", "数字"),
        ("a table", "表（{ … } 或 [表名]）"),
        ("an array", "数组（[ … ]）"),
        ("a datetime", "日期时间"),
        ("a character", "单个字符"),
        ("a unit value", "空值"),
    ];
    for (en, zh) in known {
        if s == en {
            return zh.to_owned();
        }
    }
    // `string "x"`, `integer `3``, `boolean `true``: the kind, then the value.
    for (en, zh) in [
        ("string ", "文字 "),
        ("integer ", "整数 "),
        ("boolean ", ""),
        ("floating point ", "数字 "),
    ] {
        if let Some(v) = s.strip_prefix(en) {
            return format!("{zh}{}", v.trim_matches('`'));
        }
    }
    s.to_owned()
}

/// The TOML parser's syntax messages (toml_parser), in Chinese.
fn syntax_zh(msg: &str) -> Option<&'static str> {
    let table: &[(&str, &str)] = &[
        ("invalid table header", "表头（[…]）写法有误"),
        ("unclosed table", "表头缺少右方括号“]”"),
        ("unclosed array table", "表头缺少右方括号“]]”"),
        ("unclosed array", "数组缺少右方括号“]”"),
        ("unclosed inline table", "内联表缺少右花括号“}”"),
        ("missing value for key", "键后面缺少值"),
        ("key with no value", "键后面缺少“=”和值"),
        ("missing value", "缺少值"),
        (
            "missing assignment between key-value pairs",
            "键和值之间缺少“=”",
        ),
        ("extra assignment between key-value pairs", "多了一个“=”"),
        ("extra `=`", "多了一个“=”"),
        (
            "string values must be quoted",
            "文字值必须用引号括起，如 \"error\"",
        ),
        (
            "invalid unquoted key",
            "键含有不能直接写的字符，请用引号括起，如 \"structure/title\"",
        ),
        ("invalid key", "键写法有误（含 / 或中文的键要用引号括起）"),
        ("unquoted keys cannot be empty", "键不能为空"),
        (
            "missing comma between array elements",
            "数组元素之间缺少逗号",
        ),
        (
            "missing comma between key-value pairs",
            "内联表的键值对之间缺少逗号",
        ),
        ("extra comma in array", "数组中多了一个逗号"),
        ("extra comma in inline table", "内联表中多了一个逗号"),
        ("missing opening quote", "缺少左引号"),
        (
            "invalid basic string",
            "双引号文字写法有误（缺少右引号或转义有误）",
        ),
        ("invalid literal string", "单引号文字写法有误（缺少右引号）"),
        (
            "invalid escape",
            "转义字符无效（反斜杠后只能是 \\ \" n t u 等）",
        ),
        ("missing escaped value", "反斜杠后缺少转义的字符"),
        (
            "unexpected content between comment and newline",
            "注释之后有多余的内容",
        ),
        (
            "unexpected content",
            "这里有多余的内容（一行只能写一个键值对）",
        ),
        ("unexpected key or value", "这里不应有键或值"),
        ("invalid value", "值写法有误"),
        ("invalid key-value pair", "键值对写法有误"),
        ("invalid inline table element", "内联表的元素写法有误"),
        ("missing key for inline table element", "内联表的元素缺少键"),
        ("invalid comment character", "注释中有不允许的控制字符"),
        (
            "carriage return must be followed by newline",
            "回车符后面必须是换行符",
        ),
        (
            "cannot recurse further; max recursion depth met",
            "嵌套层次太深",
        ),
        ("unexpected leading zero", "数字不能以 0 开头"),
    ];
    table
        .iter()
        .find(|(en, _)| msg == *en || msg.starts_with(&format!("{en},")))
        .map(|(_, zh)| *zh)
}

/// A regex syntax error in Chinese, with the position in the pattern.
pub fn regex_message(pattern: &str, e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => {
            format!("正则表达式“{pattern}”太大（编译后超过 {limit} 字节），请简化")
        }
        regex::Error::Syntax(text) => {
            // The last line holds the reason (`error: unclosed group`); the ones before, the
            // pattern and a caret under the mistake.
            let reason = text
                .lines()
                .rev()
                .find_map(|l| l.trim().strip_prefix("error: "))
                .unwrap_or(text.trim());
            let zh = match reason {
                "unclosed group" => "括号“(”没有配对的“)”",
                "unopened group" => "括号“)”没有配对的“(”",
                "unclosed character class" => "方括号“[”没有配对的“]”",
                "repetition operator missing expression" => "重复符号（* + ? {…}）前面缺少内容",
                "incomplete escape sequence, reached end of pattern prematurely" => {
                    "表达式以反斜杠结尾"
                }
                "unrecognized escape sequence" => "无法识别的转义（反斜杠后的字符无效）",
                "invalid character class range, the start must be <= the end" => {
                    "字符范围无效：开始字符必须不大于结束字符"
                }
                "unclosed counted repetition" => "重复次数“{…}”没有右花括号",
                "invalid repetition count range, the start must be <= the end" => {
                    "重复次数范围无效：最小值必须不大于最大值"
                }
                "look-around, including look-ahead and look-behind, is not supported" => {
                    "不支持前瞻和后顾（(?=…)、(?!…)、(?<=…)、(?<!…)）"
                }
                "backreferences are not supported" => "不支持反向引用（\\1 等）",
                "empty character classes are not allowed" => "字符类“[]”不能为空",
                "duplicate capture group name" => "捕获组名称重复",
                "unrecognized flag" => "无法识别的标志（(?…) 中的字母）",
                _ => "",
            };
            let position = text
                .lines()
                .find(|l| l.trim_start().starts_with('^'))
                .and_then(|l| {
                    // The caret line is indented as the pattern line above it.
                    let lines: Vec<&str> = text.lines().collect();
                    let i = lines.iter().position(|x| x == &l)?;
                    let above = lines.get(i.checked_sub(1)?)?;
                    let indent = above.len() - above.trim_start().len();
                    // regex puts the caret one column per character of the pattern.
                    Some(l.find('^')?.checked_sub(indent)? + 1)
                });
            let at = position.map_or(String::new(), |p| format!("第 {p} 个字符处"));
            if zh.is_empty() {
                format!("正则表达式“{pattern}”{at}有误（{reason}）")
            } else {
                format!("正则表达式“{pattern}”{at}有误：{zh}")
            }
        }
        _ => format!("正则表达式“{pattern}”无效（{e}）"),
    }
}

/// Why a glob of `files` is invalid, in Chinese.
pub fn glob_message(kind: &globset::ErrorKind) -> String {
    use globset::ErrorKind as K;
    match kind {
        K::InvalidRecursive => "“**”只能单独作为路径的一段，如“乡镇/**/*.txt”".to_owned(),
        K::UnclosedClass => "方括号“[”没有配对的“]”".to_owned(),
        K::InvalidRange(a, b) => format!("字符范围“{a}-{b}”无效：开始字符必须不大于结束字符"),
        K::UnopenedAlternates => "花括号“}”没有配对的“{”".to_owned(),
        K::UnclosedAlternates => "花括号“{”没有配对的“}”".to_owned(),
        K::NestedAlternates => "花括号“{…}”不能嵌套".to_owned(),
        K::DanglingEscape => "通配符以反斜杠结尾".to_owned(),
        other => format!("写法有误（{other}）"),
    }
}

/// The key a configuration error at byte `offset` of `source` is about: the `[table]` header in
/// force there and the key on the line (`rules."structure/title"`), when the line has one.
pub fn key_at(source: &str, offset: usize) -> Option<String> {
    let offset = offset.min(source.len());
    let mut start = offset;
    while start > 0 && !source.is_char_boundary(start) {
        start -= 1;
    }
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[line_start..line_end].trim();
    let header = |l: &str| -> Option<String> {
        let l = l.trim();
        let inner = l
            .strip_prefix("[[")
            .and_then(|x| x.split("]]").next())
            .or_else(|| l.strip_prefix('[').and_then(|x| x.split(']').next()))?;
        Some(inner.trim().to_owned())
    };
    if line.starts_with('[') {
        return header(line);
    }
    let table = source[..line_start]
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('['))
        .and_then(header);
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim())
        .filter(|k| !k.is_empty() && !k.starts_with('#'));
    match (table, key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (None, Some(k)) => Some(k.to_owned()),
        (Some(t), None) => Some(t),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages() {
        assert_eq!(
            serde_message("unknown field `rulez`, expected one of `extends`, `rules`, `overrides`"),
            "未知的配置项 rulez；是否指 rules？（可用的配置项：extends、rules、overrides）"
        );
        assert_eq!(
            serde_message("unknown field `town-deadlin`, expected `town-deadline`"),
            "未知的配置项 town-deadlin；是否指 town-deadline？（可用的配置项：town-deadline）"
        );
        assert_eq!(
            serde_message("missing field `files`"),
            "缺少必需的配置项 files"
        );
        assert_eq!(
            serde_message("invalid type: string \"x\", expected a sequence"),
            "类型不对：应为数组（[ … ]），实际是文字 \"x\""
        );
        assert_eq!(
            serde_message("invalid type: integer `3`, expected a string"),
            "类型不对：应为文字（用引号括起），实际是整数 3"
        );
        assert_eq!(
            serde_message("string values must be quoted, expected literal string"),
            "TOML 语法错误：文字值必须用引号括起，如 \"error\""
        );
        assert_eq!(
            serde_message("duplicate key `x` in table `rules`"),
            "键 x 重复"
        );
        assert!(serde_message("something new").starts_with("配置文件格式错误（something new"));
    }

    #[test]
    fn regex_messages() {
        // The patterns come from a variable, as from a configuration file.
        let bad = |p: &str| regex::Regex::new(p).unwrap_err();
        let e = bad("年度(报告");
        assert_eq!(
            regex_message("年度(报告", &e),
            "正则表达式“年度(报告”第 3 个字符处有误：括号“(”没有配对的“)”"
        );
        let e = bad("*年");
        assert_eq!(
            regex_message("*年", &e),
            "正则表达式“*年”第 1 个字符处有误：重复符号（* + ? {…}）前面缺少内容"
        );
    }

    #[test]
    fn glob_messages() {
        let kind = |g: &str| globset::Glob::new(g).unwrap_err().kind().clone();
        assert_eq!(glob_message(&kind("乡镇/[")), "方括号“[”没有配对的“]”");
        assert_eq!(glob_message(&kind("{a,b")), "花括号“{”没有配对的“}”");
    }

    #[test]
    fn os_errors() {
        let e = std::io::Error::from(ErrorKind::NotFound);
        assert!(io_error(&e).starts_with("文件或文件夹不存在（"));
        let e = std::io::Error::from(ErrorKind::PermissionDenied);
        assert!(io_error(&e).starts_with("没有访问权限（"));
    }

    #[test]
    fn keys() {
        let src = "[rules]\n\"structure/title\" = \"fatal\"\n[[overrides]]\nfiles = 3\n";
        let at = |needle: &str| key_at(src, src.find(needle).unwrap());
        assert_eq!(at("fatal").as_deref(), Some("rules.\"structure/title\""));
        assert_eq!(at("3").as_deref(), Some("overrides.files"));
        assert_eq!(at("[rules]").as_deref(), Some("rules"));
        assert_eq!(key_at("x = 1", 2).as_deref(), Some("x"));
    }
}
