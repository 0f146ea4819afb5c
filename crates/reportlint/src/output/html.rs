//! One self-contained HTML page for a batch: no external resources, no network.
//!
//! A summary (files, findings by severity and by rule, charts of findings by region and by
//! agency), then each report's text with its findings highlighted and explained under the line
//! they concern. A small inline script counts the findings on the page and fills in the
//! `#page-check` line, so that a browser test can see that the page renders and that what is on
//! it matches the summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use reportlint_core::Severity;

use super::junit::xml_escape as esc;
use super::{Emitter, Totals};
use crate::lint::{FileOutcome, Finding};

#[derive(Default)]
pub struct Html {
    reports: String,
    by_rule: BTreeMap<String, (usize, Severity)>,
    by_region: BTreeMap<String, usize>,
    by_agency: BTreeMap<String, usize>,
    index: usize,
    /// Files without a resolved region (shown as “未识别地区”).
    files: Vec<(String, usize, usize, usize, bool)>,
}

impl Html {
    pub fn new() -> Self {
        Self::default()
    }
}

fn sev_class(s: Severity) -> &'static str {
    s.as_str()
}

/// The region shown in the chart: province and city (`山东省 › 威海市`).
fn region_group(region: &str) -> String {
    region.split(" › ").take(2).collect::<Vec<_>>().join(" › ")
}

/// An anchor for the report at `path`, so that a finding comparing two reports links the other.
fn path_anchor(path: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    path.hash(&mut h);
    format!("path-{:016x}", h.finish())
}

fn explain(f: &Finding) -> String {
    let d = &f.diag;
    let mut s = format!(
        "<div class=\"explain sev-{sev}\" data-finding data-severity=\"{sev}\" data-rule=\"{rule}\"><span class=\"badge\">{label}</span> <code>{rule}</code> {at}：{msg}",
        sev = sev_class(d.severity),
        label = d.severity.label_zh(),
        rule = esc(&d.rule),
        at = match f.page {
            Some(p) => format!("第 {} 页第 {} 行", p.page, p.line),
            None => format!("第 {} 行第 {} 列", f.start.line, f.start.column),
        },
        msg = esc(&d.message),
    );
    if let Some(h) = &d.help {
        let _ = write!(s, "<div class=\"help\">{}</div>", esc(h));
    }
    for r in &f.related {
        let at = match r.at.page {
            Some(p) => format!("第 {} 页第 {} 行", p.page, p.line),
            None => format!("第 {} 行", r.at.start.line),
        };
        let _ = write!(
            s,
            "<div class=\"help related\">对照：<a href=\"#{anchor}\">{path}</a> {at}（{msg}）{excerpt}</div>",
            anchor = path_anchor(&r.path),
            path = esc(&r.path),
            msg = esc(&r.message),
            excerpt = if r.excerpt.is_empty() {
                String::new()
            } else {
                format!("：{}", esc(&r.excerpt))
            },
        );
    }
    if let Some(fix) = &d.fix {
        let what = if fix.applicability == reportlint_core::Applicability::Safe {
            "可自动修复"
        } else {
            "建议"
        };
        let _ = write!(s, "<div class=\"help\">{what}：{}</div>", esc(&fix.message));
    }
    s.push_str("</div>");
    s
}

impl Html {
    /// Counts a file's findings and adds its section.
    fn commit(&mut self, outcome: &FileOutcome, (e, w, i): (usize, usize, usize), section: &str) {
        self.files
            .push((outcome.path.clone(), e, w, i, outcome.failed));
        for f in &outcome.findings {
            let entry = self
                .by_rule
                .entry(f.diag.rule.to_string())
                .or_insert((0, f.diag.severity));
            entry.0 += 1;
            entry.1 = entry.1.max(f.diag.severity);
        }
        let n = outcome.findings.len();
        *self
            .by_region
            .entry(
                outcome
                    .region
                    .as_deref()
                    .map_or_else(|| "未识别地区".to_owned(), region_group),
            )
            .or_default() += n;
        *self
            .by_agency
            .entry(
                outcome
                    .agency
                    .clone()
                    .unwrap_or_else(|| "未识别机关".to_owned()),
            )
            .or_default() += n;

        self.reports.push_str(section);
    }
}

impl Emitter for Html {
    fn file(&mut self, _out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        self.index += 1;
        let id = self.index;
        let count = |s: Severity| {
            outcome
                .findings
                .iter()
                .filter(|f| f.diag.severity == s)
                .count()
        };
        let (e, w, i) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
        // The section is made first and the counts taken after it: a panic while making it
        // (caught by the output's guard) leaves no trace of this file.
        let mut section = String::new();
        let r = &mut section;
        let _ = write!(
            r,
            "<section class=\"report\" id=\"report-{id}\"><a id=\"{anchor}\"></a><h2>{path}</h2><p class=\"meta\">机关：{agency}　地区：{region}　错误 {e}　警告 {w}　提示 {i}</p>",
            anchor = path_anchor(&outcome.path),
            path = esc(&outcome.path),
            agency = esc(outcome.agency.as_deref().unwrap_or("未识别")),
            region = esc(outcome.region.as_deref().unwrap_or("未识别")),
        );
        let Some(src) = &outcome.source else {
            // Nothing to show but the findings (a file that could not be read).
            r.push_str("<div class=\"file-findings\">");
            for f in &outcome.findings {
                r.push_str(&explain(f));
            }
            r.push_str("</div></section>\n");
            self.commit(outcome, (e, w, i), &section);
            return Ok(());
        };
        let text = &src.text;
        // Findings by the line they start on, in order.
        let mut by_line: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
        for f in &outcome.findings {
            let start = f.diag.span.start.min(text.len());
            by_line.entry(src.index.line_of(start)).or_default().push(f);
        }
        r.push_str("<div class=\"text\">");
        for line in 0..src.index.line_count() {
            let span = src.index.line_span(line);
            let s = &text[span.range()];
            let mut html = String::new();
            let mut at = span.start;
            let findings = by_line.get(&line);
            if let Some(fs) = findings {
                let mut marks: Vec<&Finding> = fs.clone();
                marks.sort_by_key(|f| (f.diag.span.start, f.diag.span.end));
                for f in marks {
                    let start = f.diag.span.start.max(at);
                    let end = f.diag.span.end.min(span.end).max(start);
                    if start > span.end
                        || !text.is_char_boundary(start)
                        || !text.is_char_boundary(end)
                    {
                        continue;
                    }
                    html.push_str(&esc(&text[at..start]));
                    let _ = write!(
                        html,
                        "<mark class=\"sev-{}\" title=\"{} {}\">{}</mark>",
                        sev_class(f.diag.severity),
                        esc(&f.diag.rule),
                        esc(&f.diag.message),
                        if start == end {
                            "▲".to_owned()
                        } else {
                            esc(&text[start..end])
                        }
                    );
                    at = end;
                }
            }
            html.push_str(&esc(&text[at.min(span.end)..span.end]));
            let _ = s;
            let _ = write!(
                r,
                "<div class=\"line\"><span class=\"ln\">{}</span>{}</div>",
                line + 1,
                html
            );
            if let Some(fs) = findings {
                for f in fs {
                    r.push_str(&explain(f));
                }
            }
        }
        r.push_str("</div></section>\n");
        self.commit(outcome, (e, w, i), &section);
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let mut page = String::with_capacity(self.reports.len() + 16 * 1024);
        page.push_str(HEAD);
        let _ = write!(
            page,
            "<h1>政府信息公开工作年度报告检查结果</h1>\n<section id=\"summary\"><h2>概览</h2>\
             <p class=\"totals\">检查了 <b id=\"count-files\">{}</b> 个文件，\
             错误 <b id=\"count-error\">{}</b>，警告 <b id=\"count-warning\">{}</b>，\
             提示 <b id=\"count-info\">{}</b>，无法读取 <b id=\"count-failed\">{}</b></p>\
             <p id=\"page-check\">页面核对：尚未运行脚本</p>",
            totals.files, totals.errors, totals.warnings, totals.infos, totals.failed
        );
        // By rule
        page.push_str("<h3>按规则</h3><table class=\"rules\"><tr><th>规则</th><th>级别</th><th>数量</th></tr>");
        let mut rules: Vec<_> = self.by_rule.iter().collect();
        rules.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        for (rule, (n, sev)) in rules {
            let _ = write!(
                page,
                "<tr><td><code>{}</code></td><td class=\"sev-{}\">{}</td><td class=\"num\" data-rule-count=\"{}\">{n}</td></tr>",
                esc(rule),
                sev_class(*sev),
                sev.label_zh(),
                esc(rule)
            );
        }
        page.push_str("</table>");
        chart(&mut page, "按地区", "region", &self.by_region);
        chart(&mut page, "按机关", "agency", &self.by_agency);
        // Files
        page.push_str("<h3>文件</h3><table class=\"files\"><tr><th>文件</th><th>错误</th><th>警告</th><th>提示</th></tr>");
        for (k, (path, e, w, i, failed)) in self.files.iter().enumerate() {
            let _ = write!(
                page,
                "<tr{}><td><a href=\"#report-{}\">{}</a></td><td class=\"num\">{e}</td><td class=\"num\">{w}</td><td class=\"num\">{i}</td></tr>",
                if *failed { " class=\"failed\"" } else { "" },
                k + 1,
                esc(path)
            );
        }
        page.push_str("</table></section>\n");
        page.push_str(&self.reports);
        page.push_str(SCRIPT);
        page.push_str("</body></html>\n");
        out.write_all(page.as_bytes())
    }

    fn needs_source(&self) -> bool {
        true
    }
}

/// A horizontal bar chart in plain HTML and CSS (no script, no images).
fn chart(page: &mut String, title: &str, kind: &str, data: &BTreeMap<String, usize>) {
    let mut rows: Vec<_> = data.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    rows.truncate(30);
    let max = rows.iter().map(|r| *r.1).max().unwrap_or(0).max(1);
    let _ = write!(
        page,
        "<h3>{title}</h3><div class=\"chart\" id=\"chart-{kind}\">"
    );
    for (label, n) in rows {
        let _ = write!(
            page,
            "<div class=\"bar-row\"><span class=\"bar-label\">{}</span><span class=\"bar\" style=\"width:{}%\"></span><span class=\"bar-n\">{n}</span></div>",
            esc(label),
            n * 100 / max
        );
    }
    page.push_str("</div>");
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>reportlint 检查结果</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .5em 0 1em; } td, th { border: 1px solid #ddd; padding: .2em .6em; }
td.num { text-align: right; } tr.failed td { color: #a00; }
.sev-error { color: #b00020; } .sev-warning { color: #a15c00; } .sev-info { color: #1a5fb4; }
mark.sev-error { background: #ffd6dc; color: inherit; } mark.sev-warning { background: #ffe8b3; color: inherit; } mark.sev-info { background: #d6e8ff; color: inherit; }
.chart { margin: .5em 0 1em; } .bar-row { display: flex; align-items: center; margin: 2px 0; }
.bar-label { width: 18em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar { display: inline-block; height: 1em; background: #5b8def; min-width: 2px; margin-right: .5em; max-width: 30em; }
.text { font-family: "Noto Serif CJK SC", "SimSun", serif; line-height: 1.7; }
.line { white-space: pre-wrap; word-break: break-all; } .ln { display: inline-block; width: 3.5em; color: #999; user-select: none; font-size: .8em; }
.explain { margin: .2em 0 .6em 3.5em; padding: .3em .6em; border-left: 4px solid currentColor; background: #fafafa; font-family: sans-serif; font-size: .9em; }
.explain .help { color: #444; margin-top: .2em; } .badge { font-weight: bold; }
.meta { color: #555; }
</style></head><body>
"#;

const SCRIPT: &str = r#"<script>
(function () {
  var sev = ["error", "warning", "info"], seen = {};
  sev.forEach(function (s) {
    seen[s] = document.querySelectorAll('[data-finding][data-severity="' + s + '"]').length;
  });
  var ok = sev.every(function (s) {
    return String(seen[s]) === document.getElementById("count-" + s).textContent;
  });
  var el = document.getElementById("page-check");
  el.textContent = "页面核对：页面上的错误 " + seen.error + "，警告 " + seen.warning + "，提示 " + seen.info + (ok ? "，与概览一致" : "，与概览不一致");
  el.setAttribute("data-errors", seen.error);
  el.setAttribute("data-warnings", seen.warning);
  el.setAttribute("data-infos", seen.info);
  el.setAttribute("data-consistent", ok ? "yes" : "no");
})();
</script>
"#;
