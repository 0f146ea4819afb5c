//! What the page sends: the files of one batch, framed in one request body, and their linting.
//!
//! The body is a sequence of records, each `kind (1 byte)`, `name length (u32, little-endian)`,
//! `name (UTF-8)`, `data length (u32, little-endian)`, `data`. Kinds: `F` a report file (name:
//! its path relative to what was dropped), `C` a `reportlint.toml` (name: its file name), `R` the
//! region the user chose for a report (name: the report's name, data: a region name or code).
//! One request, no multipart parsing, nothing written to disk.

use std::collections::HashMap;
use std::path::Path;

use reportlint_config::{Config, Discovery};
use reportlint_core::{registered_rules, Settings};

use crate::discover::Input;
use crate::lint::{FileOutcome, Filter, IoOptions, Linter};
use crate::output::{self, Html, Totals, Xlsx};

/// The longest file name accepted (bytes).
const MAX_NAME: usize = 4096;

/// One batch as uploaded.
#[derive(Debug, Default)]
pub struct Upload {
    pub files: Vec<(String, Vec<u8>)>,
    /// A configuration chosen in the page: its name and text.
    pub config: Option<(String, String)>,
    /// Regions chosen in the page, by report name.
    pub regions: HashMap<String, String>,
}

/// Why an upload is refused; each becomes an HTTP status with a Chinese message.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// 400: the body is not what the page sends.
    Bad(String),
    /// 413: more files than allowed.
    TooMany(String),
}

/// Splits a request body into its records. `max_files`: the most report files accepted.
pub fn parse(body: &[u8], max_files: usize) -> Result<Upload, Refused> {
    let bad = |why: &str| {
        Refused::Bad(format!(
            "上传的数据不完整或格式不对（{why}）；请刷新页面后重试"
        ))
    };
    let mut upload = Upload::default();
    let mut rest = body;
    let take = |rest: &mut &[u8], n: usize| -> Option<Vec<u8>> {
        if rest.len() < n {
            return None;
        }
        let (head, tail) = rest.split_at(n);
        *rest = tail;
        Some(head.to_vec())
    };
    let u32_at = |rest: &mut &[u8]| -> Option<usize> {
        let b = take(rest, 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    while let Some((&kind, tail)) = rest.split_first() {
        rest = tail;
        let name_len = u32_at(&mut rest).ok_or_else(|| bad("名称长度缺失"))?;
        if name_len > MAX_NAME {
            return Err(bad("文件名过长"));
        }
        let name = take(&mut rest, name_len).ok_or_else(|| bad("文件名不完整"))?;
        let name = String::from_utf8(name).map_err(|_| bad("文件名不是 UTF-8"))?;
        let data_len = u32_at(&mut rest).ok_or_else(|| bad("内容长度缺失"))?;
        let data = take(&mut rest, data_len).ok_or_else(|| bad("文件内容不完整"))?;
        match kind {
            b'F' => {
                if name.is_empty() || name.chars().any(char::is_control) {
                    return Err(bad("文件名为空或含控制字符"));
                }
                if upload.files.len() == max_files {
                    return Err(Refused::TooMany(format!(
                        "一次最多检查 {max_files} 个文件；请分批上传（启动时可用 --max-files 调整）"
                    )));
                }
                upload.files.push((name, data));
            }
            b'C' => {
                let text = String::from_utf8(data)
                    .map_err(|_| Refused::Bad(format!("配置文件 {name} 不是 UTF-8 编码的文本")))?;
                upload.config = Some((name, text));
            }
            b'R' => {
                let region = String::from_utf8(data).map_err(|_| bad("行政区划不是 UTF-8"))?;
                let region = region.trim();
                if !region.is_empty() {
                    upload.regions.insert(name, region.to_owned());
                }
            }
            _ => return Err(bad("未知的记录类型")),
        }
    }
    if upload.files.is_empty() {
        return Err(Refused::Bad(
            "没有收到要检查的文件；请先拖入或选择报告文件".to_owned(),
        ));
    }
    Ok(upload)
}

/// What the server holds for the whole time it runs.
pub struct Context {
    /// The folder served: its `reportlint.toml`, if any, applies unless the page sends one.
    pub config_file: Option<std::path::PathBuf>,
    pub io: IoOptions,
    pub threads: usize,
    pub today: Option<reportlint_core::jiff::civil::Date>,
}

/// What one batch gave: the page and the workbook of `check --format html|xlsx`, the totals,
/// and each report's particulars (for choosing a region where detection failed).
pub struct Checked {
    pub html: Vec<u8>,
    pub xlsx: Vec<u8>,
    pub totals: Totals,
    pub reports: Vec<ReportLine>,
    /// Which configuration applied, for people.
    pub config: Option<String>,
}

pub struct ReportLine {
    pub name: String,
    pub agency: Option<String>,
    pub region: Option<String>,
    /// The region was chosen in the page, not detected.
    pub region_chosen: bool,
    pub failed: bool,
}

/// Lints a batch as `check` lints files: the same rules, limits, worker processes and
/// comparison of reports, with each file's bytes in memory. Errors are for the whole batch
/// (a broken configuration, an unknown region): a file's own problem is its finding.
pub fn check(upload: Upload, ctx: &Context) -> Result<Checked, String> {
    let rules = crate::select_rules(&[], &[], &[])?;
    let known: Vec<&'static reportlint_core::RuleMeta> = registered_rules()
        .into_iter()
        .map(|r| r.meta())
        .chain(crate::pseudo::ALL)
        .collect();
    let (discovery, config) = match (&upload.config, &ctx.config_file) {
        (Some((name, text)), _) => {
            let c = Config::parse(Path::new(name), text, &known)
                .map_err(|e| format!("配置文件有误：{e}"))?;
            (Discovery::Fixed(c), Some(format!("{name}（在页面中选择）")))
        }
        (None, Some(path)) => {
            let c = Config::load(path, &known).map_err(|e| format!("配置文件有误：{e}"))?;
            (Discovery::Fixed(c), Some(path.display().to_string()))
        }
        (None, None) => (Discovery::Isolated, None),
    };
    let mut regions = HashMap::new();
    for (name, text) in &upload.regions {
        let r = reportlint_core::region::lookup(text).ok_or_else(|| {
            format!("找不到行政区划“{text}”（{name}）；可写“威海市文登区”这样的名称或“371003”这样的代码")
        })?;
        regions.insert(name.as_str(), r);
    }
    let mut settings = Settings::default();
    settings.today = Some(ctx.today.unwrap_or_else(|| settings.today()));
    let cross = crate::compare::cross_rules(&rules);
    let compare_on = upload.files.len() > 1 && !cross.is_empty();
    let selected = |_: &str| true;
    let inputs: Vec<(&str, &[u8])> = upload
        .files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let lint_one = |(name, bytes): &(&str, &[u8])| {
        let region = regions.get(name).copied();
        let mut settings = settings.clone();
        settings.region = region;
        let linter = Linter {
            rules: &rules,
            settings: &settings,
            filter: Filter::default(),
            keep_source: true,
            stdin_name: (*name).to_owned(),
            selected: &selected,
            discovery: &discovery,
            region,
            report_unused_directives: false,
            io: ctx.io.clone(),
            compare: compare_on,
        };
        linter.lint_guarded(&Input::Stdin, Some(bytes))
    };
    let mut all: Vec<FileOutcome> = Vec::with_capacity(inputs.len());
    crate::pipeline::run_ordered(&inputs, ctx.threads, 256, lint_one, |o| {
        all.push(o);
        Ok::<(), ()>(())
    })
    .map_err(|()| "检查中断".to_owned())?;
    drop(upload.files);
    // As `check` does: pair the batch's reports, then make each one's comparing findings.
    let comparison =
        compare_on.then(|| crate::compare::Comparison::new(&mut all, None, &[], &cross));
    let mut html = Html::new();
    let mut xlsx = Xlsx::default();
    let (mut html_out, mut xlsx_out) = (Vec::new(), Vec::new());
    let mut totals = Totals::default();
    let mut reports = Vec::with_capacity(all.len());
    let io_err = |e: std::io::Error| format!("生成检查结果失败：{e}");
    let mut batches = comparison
        .as_ref()
        .map(|c| c.batch_findings())
        .unwrap_or_default()
        .into_iter();
    for (i, mut o) in all.into_iter().enumerate() {
        if let Some(c) = comparison.as_ref() {
            c.add_findings(i, batches.next().unwrap_or_default(), &mut o);
        }
        o.meta.summary = None;
        totals.add(&o);
        let a = output::emit_guarded(&mut html, &mut html_out, &o).map_err(io_err)?;
        let b = output::emit_guarded(&mut xlsx, &mut xlsx_out, &o).map_err(io_err)?;
        if a || b {
            totals.failed += 1;
        }
        reports.push(ReportLine {
            region_chosen: regions.contains_key(o.path.as_str()),
            name: o.path,
            agency: o.agency,
            region: o.region,
            failed: o.failed,
        });
    }
    let mut sink = Vec::new();
    output::end_guarded(&mut html, &mut html_out, &mut sink, &totals).map_err(io_err)?;
    output::end_guarded(&mut xlsx, &mut xlsx_out, &mut sink, &totals).map_err(io_err)?;
    Ok(Checked {
        html: html_out,
        xlsx: xlsx_out,
        totals,
        reports,
        config,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u8, name: &str, data: &[u8]) -> Vec<u8> {
        let mut v = vec![kind];
        v.extend_from_slice(&(name.len() as u32).to_le_bytes());
        v.extend_from_slice(name.as_bytes());
        v.extend_from_slice(&(data.len() as u32).to_le_bytes());
        v.extend_from_slice(data);
        v
    }

    #[test]
    fn records_are_split_into_files_config_and_regions() {
        let mut body = record(b'F', "乡镇/甲.txt", "一、总体情况".as_bytes());
        body.extend(record(b'C', "reportlint.toml", b"[rules]\n"));
        body.extend(record(b'R', "乡镇/甲.txt", " 371003 ".as_bytes()));
        body.extend(record(b'F', "乙.pdf", b"%PDF-1.4"));
        let u = parse(&body, 10).unwrap();
        assert_eq!(u.files.len(), 2);
        assert_eq!(u.files[0].0, "乡镇/甲.txt");
        assert_eq!(u.files[1].1, b"%PDF-1.4");
        assert_eq!(u.config.as_ref().unwrap().1, "[rules]\n");
        assert_eq!(u.regions["乡镇/甲.txt"], "371003");
    }

    #[test]
    fn truncated_or_unknown_records_are_refused_with_a_reason() {
        let body = record(b'F', "甲.txt", b"abc");
        for cut in 1..body.len() {
            match parse(&body[..cut], 10) {
                Err(Refused::Bad(why)) => {
                    assert!(why.contains("不完整") || why.contains("缺失"), "{why}")
                }
                other => panic!("{cut}: {other:?}"),
            }
        }
        assert!(matches!(
            parse(&record(b'X', "a", b""), 10),
            Err(Refused::Bad(_))
        ));
        assert!(matches!(
            parse(&record(b'F', "a\nb", b""), 10),
            Err(Refused::Bad(_))
        ));
        assert!(matches!(parse(b"", 10), Err(Refused::Bad(w)) if w.contains("没有收到")));
        let mut three = Vec::new();
        for n in ["a.txt", "b.txt", "c.txt"] {
            three.extend(record(b'F', n, b"x"));
        }
        assert!(
            matches!(parse(&three, 2), Err(Refused::TooMany(w)) if w.contains("最多检查 2 个"))
        );
    }
}
