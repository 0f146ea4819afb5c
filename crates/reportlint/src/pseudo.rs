//! The ids the tool itself prints that no rule crate registers: a file that could not be read
//! (`io`), a broken configuration (`config`), an error of reportlint's own (`internal`), a PDF
//! without text (`format/no-text-layer`), directive comments (`directive/unused`,
//! `directive/unknown-rule`), and the readers' findings of [`crate::isolate`] (`format/crashed`,
//! `format/timeout`, `format/too-large`, `format/encrypted`).
//!
//! Each is listed by `reportlint rules`, explained by `reportlint explain`, taken by `--select`,
//! `--ignore` and `[rules]`. `io`, `config` and `internal` say that a file was not checked: they
//! cannot be switched off for a file that failed (the run still fails); `--ignore io` leaves out
//! only the warnings about paths skipped on purpose.

use reportlint_core::{FixAvailability, RuleMeta, Severity};

macro_rules! pseudo_rule {
    ($name:ident, $id:expr, $severity:expr, $summary:literal, $docs:literal) => {
        pub static $name: RuleMeta = RuleMeta {
            id: $id,
            summary: $summary,
            default_severity: $severity,
            fix: FixAvailability::None,
            docs: $docs,
            options: None,
        };
    };
}

pseudo_rule!(
    IO,
    "io",
    Severity::Error,
    "文件无法读取或解码",
    " ## 检查什么（What it checks）
 要检查的文件能否打开、读出并解码：路径是否存在，有没有读取权限，是否超过 `--max-file-size`，
 压缩包、XML 或 PDF 结构是否完好，文字编码能否识别（UTF-8 或 GBK）。读不出来的文件得到这条
 错误，不再检查内容；同一批的其他文件照常检查。

 在文件夹中遇到不该打开的路径（指向文件夹外的快捷方式、命名管道等）时，也用这个编号给出一条
 警告，说明已跳过。

 ## 为什么重要（Why it matters）
 读不出来的报告无法检查，不能当作“没有问题”放过：本次运行以退出码 2 结束，汇总中计为
 “无法读取”。

 ## 错误示例（Example: bad）
 ```text
 2023年度报告.docx：压缩包已损坏，无法读取
 ```

 ## 正确示例（Example: good）
 ```text
 由 Word 或 WPS 直接保存的 .docx，或 UTF-8、GBK 编码的 .txt
 ```

 ## 不检查什么（What it does not check）
 报告内容。未能读取的文件不能用 `--ignore io` 或 `[rules]` 关闭，否则等于放过未检查的文件；
 `--ignore io` 只去掉“已跳过”的路径警告。
"
);

pseudo_rule!(
    CONFIG,
    "config",
    Severity::Error,
    "配置文件有误",
    " ## 检查什么（What it checks）
 报告适用的 `reportlint.toml`（及其 `extends` 继承的文件）能否读取：TOML 写法、键名、规则编号、
 级别、通配符、正则表达式、行政区划名称。配置文件有误时，报错一次，指出文件、行和列，并列出
 受影响的报告；这些报告计为“未检查”。

 ## 为什么重要（Why it matters）
 配置写错时若照常检查，关掉的规则会照样报错，或该报的问题被放过。先改正配置，结论才可靠。

 ## 错误示例（Example: bad）
 ```text
 [rules]
 \"structure/titel\" = \"off\"
 ```

 ## 正确示例（Example: good）
 ```text
 [rules]
 \"structure/title\" = \"off\"
 ```

 ## 不检查什么（What it does not check）
 设置是否合理。这条结论不能用 `--ignore config` 或 `[rules]` 关闭；`reportlint config 文件` 可显示
 某份报告实际生效的设置。
"
);

pseudo_rule!(
    INTERNAL,
    "internal",
    Severity::Error,
    "reportlint 内部错误",
    " ## 检查什么（What it checks）
 检查某个文件时 reportlint 自身出错（程序缺陷）。这个文件没有检查结果，计为“未检查”；
 同一批的其他文件照常检查。

 ## 为什么重要（Why it matters）
 出错的文件不能当作“没有问题”放过；这条结论也提醒把文件报告给维护者。

 ## 错误示例（Example: bad）
 ```text
 某镇2024年报.docx：error[internal] 内部错误（index out of bounds），此文件没有结果；其他文件不受影响
 ```

 ## 正确示例（Example: good）
 ```text
 检查了 1 个文件：0 个错误，0 个警告，0 个提示
 ```

 ## 不检查什么（What it does not check）
 报告内容。这条结论不能关闭；请附上文件报告问题。
"
);

pseudo_rule!(
    NO_TEXT_LAYER,
    "format/no-text-layer",
    Severity::Error,
    "PDF 没有文字层",
    " ## 检查什么（What it checks）
 PDF 只有页面图像（扫描件、截图拼成的 PDF），没有可以选中和复制的文字。这样的文件得到这条
 结论，内容无法检查。

 ## 为什么重要（Why it matters）
 《政府信息公开条例》要求公开的信息便于公众获取。扫描件无法检索、无法复制，读屏软件也读不出，
 公众和评估人员都难以使用。

 ## 错误示例（Example: bad）
 ```text
 把盖章后的纸质年度报告扫描成 PDF 发布，共 8 页，全是图像
 ```

 ## 正确示例（Example: good）
 ```text
 由 Word 或 WPS 直接导出的 PDF；需要盖章件时，同时发布 .docx 或网页版本
 ```

 ## 不检查什么（What it does not check）
 图像中的文字（不做文字识别）；有文字层但个别页是图像的 PDF 照常检查其文字。
"
);

pseudo_rule!(
    DIRECTIVE_UNUSED,
    reportlint_core::directives::UNUSED,
    Severity::Warning,
    "没有屏蔽任何结论的指令注释",
    " ## 检查什么（What it checks）
 加了 `--report-unused-directives` 时，找出没有屏蔽任何结论的指令注释
 （`<!-- reportlint-disable … -->` 等）：规则在那里本来就不报，或问题已经改正。

 ## 为什么重要（Why it matters）
 多余的指令会在以后屏蔽真正的问题。问题改正后，指令也应删去。

 ## 错误示例（Example: bad）
 ```text
 <!-- reportlint-disable-next-line contact/phone -->
 联系电话：0631-5512345
 ```

 ## 正确示例（Example: good）
 ```text
 联系电话：0631-5512345
 ```

 ## 不检查什么（What it does not check）
 指令写的理由是否充分。不加 `--report-unused-directives` 时不检查。
"
);

pseudo_rule!(
    DIRECTIVE_UNKNOWN_RULE,
    reportlint_core::directives::UNKNOWN_RULE,
    Severity::Warning,
    "指令注释中的规则不存在",
    " ## 检查什么（What it checks）
 指令注释（`<!-- reportlint-disable … -->` 等）中写的规则编号或规则组不存在，通常是拼写错误。
 这样的指令不屏蔽任何结论。

 ## 为什么重要（Why it matters）
 写错编号的指令看起来生效，实际什么也没屏蔽，或本想屏蔽的结论照样出现，让人误以为工具出错。

 ## 错误示例（Example: bad）
 ```text
 <!-- reportlint-disable-next-line contact/phon -->
 ```

 ## 正确示例（Example: good）
 ```text
 <!-- reportlint-disable-next-line contact/phone -- 分机号码，格式无误 -->
 ```

 ## 不检查什么（What it does not check）
 规则编号以外的内容；`reportlint rules` 列出全部编号。
"
);

/// The ids of the tool's own findings, listed after the rules by `reportlint rules`.
pub static ALL: [&RuleMeta; 10] = [
    &IO,
    &CONFIG,
    &INTERNAL,
    &NO_TEXT_LAYER,
    &crate::isolate::CRASHED,
    &crate::isolate::TIMEOUT,
    &crate::isolate::TOO_LARGE,
    &crate::isolate::ENCRYPTED,
    &DIRECTIVE_UNUSED,
    &DIRECTIVE_UNKNOWN_RULE,
];

/// Whether `id` is one of the tool's own findings.
pub fn is_pseudo(id: &str) -> bool {
    ALL.iter().any(|m| m.id == id)
}

/// Ids whose findings say a file was not checked: never switched off for a failed file.
pub const NOT_CHECKED: [&str; 3] = ["io", "config", "internal"];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page uses the Chinese headings of the rule pages, in order.
    #[test]
    fn pages_use_the_chinese_headings_in_order() {
        for m in ALL {
            let docs = m.documentation();
            let mut at = 0;
            for heading in [
                "## 检查什么（What it checks）",
                "## 为什么重要（Why it matters）",
                "## 错误示例（Example: bad）",
                "## 正确示例（Example: good）",
                "## 不检查什么（What it does not check）",
            ] {
                let found = docs[at..].find(heading);
                assert!(found.is_some(), "{}: {heading}", m.id);
                at += found.unwrap() + heading.len();
            }
        }
        let mut ids: Vec<&str> = ALL.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());
    }
}
