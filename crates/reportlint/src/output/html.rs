//! One self-contained HTML page for a batch, made for triage: no external resources, no network,
//! no build step.
//!
//! At the top, a summary made here (reports, how many pass, fail or could not be read; the ten
//! most frequent problems under their Chinese names; reports by region and by agency). Under it,
//! a table of the reports, sortable and filterable, and per report a printable 问题清单 and the
//! annotated text behind a click: both drawn by the inline script from the data embedded once as
//! JSON, so that a batch of 10,000 reports loads as fast as a small one (only one page of the
//! table is ever in the DOM; a report's text is turned into HTML only when it is opened).
//!
//! The texts are most of a batch's size, so each is stored compressed (zlib, then base64, in a
//! JSON string: nothing in it can close its element) and inflated by the browser's
//! `DecompressionStream` only when it is opened. A report without findings has nothing to mark,
//! and its text is left out; the 问题清单 quotes what each finding concerns, so it never needs
//! the text.
//!
//! The state of the view (filters, sort, page, open report) lives in the address's fragment
//! (`#rule=structure%2Ftitle&result=fail`, `#report=3&text=1`), so that a view can be bookmarked
//! and the browser tests open a filtered view by its address.
//!
//! [`render_page`] is the one entry point that makes the page for a batch; the `--format html`
//! emitter ([`Html`]) feeds it report by report.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use reportlint_core::{registered_rules, Applicability, Severity};
use serde::Serialize;

use super::junit::xml_escape as esc;
use super::{Emitter, Totals};
use crate::lint::{FileOutcome, Finding};

/// The dashboard page for a batch of outcomes, whole (`<!DOCTYPE html>` to `</html>`).
///
/// The outcomes need their text (`FileOutcome::source`) for the annotated view; an outcome
/// without it shows its findings without the text. Everything from the reports (paths, text,
/// messages) is escaped: nothing in a report can add markup or script to the page.
pub fn render_page(outcomes: &[FileOutcome]) -> String {
    let mut html = Html::new();
    let mut totals = Totals::default();
    for o in outcomes {
        html.add(o);
        totals.add(o);
    }
    html.page(&totals)
}

/// The `--format html` emitter: collects each report's data, and writes the page at the end.
#[derive(Default)]
pub struct Html {
    /// Each report's JSON object, comma-separated.
    reports: String,
    /// Messages, helps and fixes, each once (a batch repeats them): findings give their index.
    strings: Vec<String>,
    string_ids: HashMap<String, usize>,
    /// Each report's text, compressed, as `<script type="application/json">` elements.
    texts: String,
    count: usize,
    pass: usize,
    fail: usize,
    unreadable: usize,
    /// Rule id → (findings, reports with it, highest severity).
    by_rule: HashMap<String, (usize, usize, Severity)>,
    by_region: HashMap<String, Tally>,
    by_agency: HashMap<String, Tally>,
}

/// Reports, failing reports and findings of a region or agency.
#[derive(Default, Clone, Copy)]
struct Tally {
    reports: usize,
    fail: usize,
    findings: usize,
}

impl Html {
    pub fn new() -> Self {
        Self::default()
    }
}

/// The region shown in the summary and the filter: province and city (`山东省 › 威海市`).
fn region_group(region: &str) -> String {
    region.split(" › ").take(2).collect::<Vec<_>>().join(" › ")
}

const NO_REGION: &str = "未识别地区";
const NO_AGENCY: &str = "未识别机关";

/// The rule's name in Chinese: its summary, or for the ids the tool itself gives (not rules of
/// a rule crate) a name said here.
fn rule_name(id: &str, summaries: &HashMap<&'static str, &'static str>) -> String {
    if let Some(s) = summaries.get(id) {
        return (*s).to_owned();
    }
    match id {
        "io" => "文件无法读取",
        "config" => "配置文件有误",
        "internal" => "reportlint 内部错误",
        "format/no-text-layer" => "PDF 没有文字层（扫描件）",
        "format/encrypted" => "文件已加密",
        "format/timeout" => "读取文件超时",
        "format/too-large" => "文件过大或过于复杂",
        "format/crashed" => "读取文件时解析器崩溃",
        "directive/unused" => "多余的忽略指令",
        "directive/unknown-rule" => "忽略指令中的规则不存在",
        _ if id.starts_with("format/") => "文件格式问题",
        _ if id.starts_with("directive/") => "忽略指令有误",
        _ => id,
    }
    .to_owned()
}

/// JSON for inside a `<script>` element: `<`, `>` and `&` (which JSON has only inside strings)
/// written as `\u003c`…, so that no text can close the element or open a comment.
fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The text for the page: zlib-compressed (what `DecompressionStream("deflate")` reads), in
/// base64 (only `A–Z a–z 0–9 + / =`: nothing the HTML parser or JSON reads specially).
fn compressed(text: &str) -> String {
    use flate2::{write::ZlibEncoder, Compression};
    let mut z = ZlibEncoder::new(Vec::with_capacity(text.len() / 2), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(text.as_bytes());
    let bytes = z.finish().unwrap_or_default();
    base64(&bytes)
}

/// Standard base64 (RFC 4648, with `=` padding): the page's compressed texts, and the workbook
/// in `reportlint serve`'s answer.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (j, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if j <= chunk.len() {
                out.push(ABC[(n >> shift) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `%`-encoding for a value in the address's fragment (read back with `decodeURIComponent`).
fn fragment_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The largest char boundary at or before `at` (clamped to the text).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// UTF-16 offsets (what the page's script indexes strings by) of the byte offsets `at`.
fn utf16_offsets(text: &str, at: &[usize]) -> HashMap<usize, usize> {
    let mut wanted: Vec<usize> = at.iter().map(|&a| floor_boundary(text, a)).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = HashMap::with_capacity(wanted.len());
    let (mut byte, mut units) = (0, 0);
    for w in wanted {
        units += text[byte..w].encode_utf16().count();
        byte = w;
        out.insert(w, units);
    }
    out
}

/// At most `max` characters of `s`, with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

/// What a finding concerns, quoted for the 问题清单: the marked text, or for a mark without
/// width (a missing item) its line.
fn quote(outcome: &FileOutcome, f: &Finding) -> String {
    let Some(src) = &outcome.source else {
        return String::new();
    };
    let text = &src.text;
    let start = floor_boundary(text, f.diag.span.start);
    let end = floor_boundary(text, f.diag.span.end).max(start);
    let marked = text[start..end].trim();
    if !marked.is_empty() {
        return clip(marked, 60);
    }
    if text.is_empty() {
        return String::new();
    }
    let span = src.index.line_span(src.index.line_of(start));
    let line = &text[floor_boundary(text, span.start)..floor_boundary(text, span.end)];
    clip(line, 60)
}

#[derive(Serialize)]
struct ReportJson<'a> {
    path: &'a str,
    agency: Option<&'a str>,
    region: Option<&'a str>,
    /// Province › city, for the filter.
    group: String,
    year: Option<i32>,
    /// `pass`, `fail` or `unreadable`.
    result: &'static str,
    e: usize,
    w: usize,
    i: usize,
    /// Whether the text is on the page (`<script id="text-N">`: zlib, base64, in a JSON string).
    text: bool,
    f: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    /// Rule id.
    r: &'a str,
    /// Severity: `error`, `warning`, `info`.
    s: &'static str,
    /// The place: `第 3 页第 12 行` in a paged document (PDF), `第 12 行第 5 列` elsewhere.
    at: String,
    /// The marked span, in UTF-16 units of the text.
    a: usize,
    b: usize,
    /// Message and help (indices in `strings`).
    m: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    h: Option<usize>,
    /// The fix: its message (an index in `strings`), and whether `--fix` applies it.
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<usize>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    xs: bool,
    /// The quoted text.
    q: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rel: Vec<RelatedJson<'a>>,
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    path: &'a str,
    /// `第 3 页第 12 行` / `第 12 行`.
    at: String,
    m: &'a str,
    q: &'a str,
}

fn severity_counts(outcome: &FileOutcome) -> (usize, usize, usize) {
    let n = |s: Severity| {
        outcome
            .findings
            .iter()
            .filter(|f| f.diag.severity == s)
            .count()
    };
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}

impl Html {
    /// Adds one report. Its part is made whole before anything is counted, so that a panic
    /// while making it (caught by the output's guard) leaves no trace of it.
    fn add<'o>(&mut self, outcome: &'o FileOutcome) {
        let (e, w, i) = severity_counts(outcome);
        let result = super::batch::result(outcome, e);
        let result = match result {
            "通过" => "pass",
            "不通过" => "fail",
            _ => "unreadable",
        };
        let text = outcome.source.as_ref().map(|s| s.text.as_str());
        // Only a text with something to mark is shown (and stored).
        let shown = text.filter(|_| !outcome.findings.is_empty());
        let offsets = text.map(|t| {
            let at: Vec<usize> = outcome
                .findings
                .iter()
                .flat_map(|f| [f.diag.span.start, f.diag.span.end])
                .collect();
            utf16_offsets(t, &at)
        });
        let unit = |byte: usize| -> usize {
            match (text, &offsets) {
                (Some(t), Some(o)) => o.get(&floor_boundary(t, byte)).copied().unwrap_or(0),
                _ => 0,
            }
        };
        // Strings this report adds to the table: numbered after those already there, and added
        // only once the report's part is made.
        let mut added: Vec<&'o str> = Vec::new();
        let mut added_ids: HashMap<&'o str, usize> = HashMap::new();
        let known = &self.string_ids;
        let base = self.strings.len();
        let mut id = |s: &'o str| -> usize {
            if let Some(&k) = known.get(s) {
                return k;
            }
            *added_ids.entry(s).or_insert_with(|| {
                added.push(s);
                base + added.len() - 1
            })
        };
        let group = outcome
            .region
            .as_deref()
            .map_or_else(|| NO_REGION.to_owned(), region_group);
        let report = ReportJson {
            path: &outcome.path,
            agency: outcome.agency.as_deref(),
            region: outcome.region.as_deref(),
            group: group.clone(),
            year: outcome.meta.year,
            result,
            e,
            w,
            i,
            text: shown.is_some(),
            f: outcome
                .findings
                .iter()
                .map(|f| {
                    let d = &f.diag;
                    let a = unit(d.span.start);
                    FindingJson {
                        r: &d.rule,
                        s: d.severity.as_str(),
                        at: match f.page {
                            Some(p) => format!("第 {} 页第 {} 行", p.page, p.line),
                            None => format!("第 {} 行第 {} 列", f.start.line, f.start.column),
                        },
                        a,
                        b: unit(d.span.end).max(a),
                        m: id(&d.message),
                        h: d.help.as_deref().map(&mut id),
                        x: d.fix.as_ref().map(|x| id(&x.message)),
                        xs: d
                            .fix
                            .as_ref()
                            .is_some_and(|x| x.applicability == Applicability::Safe),
                        q: quote(outcome, f),
                        rel: f
                            .related
                            .iter()
                            .map(|r| RelatedJson {
                                path: &r.path,
                                at: match r.at.page {
                                    Some(p) => format!("第 {} 页第 {} 行", p.page, p.line),
                                    None => format!("第 {} 行", r.at.start.line),
                                },
                                m: &r.message,
                                q: &r.excerpt,
                            })
                            .collect(),
                    }
                })
                .collect(),
        };
        let json = script_json(&report);
        let index = self.count + 1;
        let text_element = shown.map(|t| {
            format!(
                "<script type=\"application/json\" id=\"text-{index}\">\"{}\"</script>\n",
                compressed(t)
            )
        });

        // Made: now counted.
        if !self.reports.is_empty() {
            self.reports.push_str(",\n");
        }
        self.reports.push_str(&json);
        for s in added {
            self.string_ids.insert(s.to_owned(), self.strings.len());
            self.strings.push(s.to_owned());
        }
        if let Some(t) = text_element {
            self.texts.push_str(&t);
        }
        self.count = index;
        match result {
            "pass" => self.pass += 1,
            "fail" => self.fail += 1,
            _ => self.unreadable += 1,
        }
        let mut seen: Vec<&str> = Vec::new();
        for f in &outcome.findings {
            let entry =
                self.by_rule
                    .entry(f.diag.rule.to_string())
                    .or_insert((0, 0, f.diag.severity));
            entry.0 += 1;
            entry.2 = entry.2.max(f.diag.severity);
            if !seen.contains(&&*f.diag.rule) {
                seen.push(&f.diag.rule);
                entry.1 += 1;
            }
        }
        let agency = outcome.agency.as_deref().unwrap_or(NO_AGENCY).to_owned();
        for (map, key) in [(&mut self.by_region, group), (&mut self.by_agency, agency)] {
            let t = map.entry(key).or_default();
            t.reports += 1;
            t.fail += usize::from(result == "fail");
            t.findings += outcome.findings.len();
        }
    }

    /// The page for the reports added.
    fn page(&self, totals: &Totals) -> String {
        let summaries: HashMap<&'static str, &'static str> = registered_rules()
            .iter()
            .map(|r| (r.meta().id, r.meta().summary))
            .collect();
        let mut page = String::with_capacity(self.reports.len() + self.texts.len() + 64 * 1024);
        page.push_str(HEAD);
        let _ = write!(
            page,
            "<header id=\"head\"><h1>政府信息公开工作年度报告检查结果</h1></header>\n\
             <section id=\"summary\">\
             <p class=\"totals\">共 <b id=\"count-reports\">{n}</b> 份报告：\
             通过 <b id=\"count-pass\" class=\"pass\">{pass}</b> 份，\
             有错误 <b id=\"count-fail\" class=\"sev-error\">{fail}</b> 份，\
             无法读取 <b id=\"count-unreadable\">{unreadable}</b> 份。\
             发现错误 <b id=\"count-error\" class=\"sev-error\">{e}</b> 处，\
             警告 <b id=\"count-warning\" class=\"sev-warning\">{w}</b> 处，\
             提示 <b id=\"count-info\" class=\"sev-info\">{i}</b> 处。</p>",
            n = self.count,
            pass = self.pass,
            fail = self.fail,
            unreadable = self.unreadable,
            e = totals.errors,
            w = totals.warnings,
            i = totals.infos,
        );
        // The ten most frequent problems: by the reports they occur in, then by count.
        let mut rules: Vec<_> = self.by_rule.iter().collect();
        rules.sort_by(|a, b| (b.1 .1, b.1 .0).cmp(&(a.1 .1, a.1 .0)).then(a.0.cmp(b.0)));
        page.push_str("<div class=\"boxes\"><div class=\"box\"><h2>最常见的十个问题</h2>");
        if rules.is_empty() {
            page.push_str("<p>未发现问题。</p>");
        } else {
            page.push_str(
                "<table id=\"top-problems\"><thead><tr><th>问题</th><th>级别</th><th>涉及报告</th><th>处数</th></tr></thead><tbody>",
            );
            for (rule, (n, reports, sev)) in rules.iter().take(10) {
                let _ = write!(
                    page,
                    "<tr data-rule=\"{id}\"><td><a href=\"#rule={link}\">{name}</a> <code>{id}</code></td>\
                     <td class=\"sev-{sev} nw\">{label}</td><td class=\"num\">{reports}</td><td class=\"num\">{n}</td></tr>",
                    id = esc(rule),
                    link = fragment_value(rule),
                    name = esc(&rule_name(rule, &summaries)),
                    sev = sev.as_str(),
                    label = sev.label_zh(),
                );
            }
            page.push_str("</tbody></table>");
        }
        page.push_str("</div>");
        tally(&mut page, "按地区", "region", &self.by_region);
        tally(&mut page, "按机关", "agency", &self.by_agency);
        page.push_str("</div></section>\n");
        page.push_str(BODY);
        // The rules seen, with their Chinese names, for the filter and the lists.
        let rule_table: Vec<serde_json::Value> = rules
            .iter()
            .map(|(id, (n, reports, sev))| {
                serde_json::json!({
                    "id": id,
                    "zh": rule_name(id, &summaries),
                    "sev": sev.as_str(),
                    "n": n,
                    "reports": reports,
                })
            })
            .collect();
        let _ = write!(
            page,
            "<script type=\"application/json\" id=\"data\">{{\"strings\":{},\"rules\":{},\"reports\":[\n{}\n]}}</script>\n",
            script_json(&self.strings),
            script_json(&rule_table),
            self.reports
        );
        page.push_str("<script>\n");
        page.push_str(SCRIPT);
        page.push_str("</script>\n");
        // The texts last: the table is drawn before the browser has read them.
        page.push_str(&self.texts);
        page.push_str("</body></html>\n");
        page
    }
}

/// Reports by region or agency: the 15 with the most failing reports, each a link that filters
/// the table.
fn tally(page: &mut String, title: &str, kind: &str, data: &HashMap<String, Tally>) {
    let mut rows: Vec<_> = data.iter().collect();
    rows.sort_by(|a, b| {
        (b.1.fail, b.1.reports, b.1.findings)
            .cmp(&(a.1.fail, a.1.reports, a.1.findings))
            .then(a.0.cmp(b.0))
    });
    let _ = write!(
        page,
        "<div class=\"box\"><h2>{title}</h2><table id=\"by-{kind}\"><thead><tr><th>{}</th><th>报告</th><th>有错误</th><th>问题</th></tr></thead><tbody>",
        if kind == "region" { "地区" } else { "机关" }
    );
    let max = rows.iter().map(|r| r.1.reports).max().unwrap_or(0).max(1);
    for (label, t) in rows.iter().take(15) {
        let _ = write!(
            page,
            "<tr><td><a href=\"#{kind}={link}\">{name}</a><span class=\"bar\" style=\"width:{pct}%\"></span></td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            t.reports,
            t.fail,
            t.findings,
            link = fragment_value(label),
            name = esc(label),
            pct = t.reports * 100 / max,
        );
    }
    page.push_str("</tbody></table>");
    if rows.len() > 15 {
        let _ = write!(
            page,
            "<p class=\"more\">另有 {} 个{}未列出，可在下方筛选。</p>",
            rows.len() - 15,
            if kind == "region" { "地区" } else { "机关" }
        );
    }
    page.push_str("</div>");
}

impl Emitter for Html {
    fn file(&mut self, _out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        self.add(outcome);
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        out.write_all(self.page(totals).as_bytes())
    }

    fn needs_source(&self) -> bool {
        true
    }
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>reportlint 检查结果</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em auto; max-width: 1200px; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; margin: 0 0 .5em; } h2 { font-size: 1.1em; margin: .2em 0 .5em; }
table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f3f4f6; } td.num, th.num { text-align: right; white-space: nowrap; }
code { font-size: .85em; color: #555; } .nw { white-space: nowrap; }
a { color: #1a5fb4; }
.sev-error { color: #b00020; } .sev-warning { color: #a15c00; } .sev-info { color: #1a5fb4; } .pass { color: #1b7f3b; }
.totals { font-size: 1.1em; } .totals b { font-size: 1.2em; }
.boxes { display: flex; flex-wrap: wrap; gap: 1em; } .box { flex: 1 1 30em; min-width: 0; }
.box table { width: 100%; } .bar { display: block; height: 3px; background: #5b8def; margin-top: 2px; }
.more { color: #666; font-size: .9em; }
#filters { display: flex; flex-wrap: wrap; gap: .4em .8em; align-items: center; margin: .5em 0; padding: .5em; background: #f6f7f9; border-radius: 4px; }
#filters label { white-space: nowrap; } #filters select, #filters input { max-width: 16em; }
#reports { width: 100%; } #reports th { cursor: pointer; user-select: none; } #reports th[aria-sort]::after { content: " ▲"; }
#reports th[aria-sort="descending"]::after { content: " ▼"; }
#reports td.path { word-break: break-all; }
.pager { margin: .5em 0; } .pager button { margin-right: .5em; }
tr.result-fail td.res { color: #b00020; } tr.result-pass td.res { color: #1b7f3b; } tr.result-unreadable td.res { color: #777; }
.actions { margin: .5em 0 1em; } .actions a, .actions button { margin-right: 1em; }
.checklist { width: 100%; } .checklist td.at { white-space: nowrap; } .checklist td.q { font-family: "Noto Serif CJK SC", "SimSun", serif; }
.checklist .msg { color: #333; } .checklist .fix { color: #1b5e20; }
.text { font-family: "Noto Serif CJK SC", "SimSun", serif; line-height: 1.7; margin-top: 1em; }
.line { white-space: pre-wrap; word-break: break-all; } .ln { display: inline-block; width: 3.5em; color: #999; user-select: none; font-size: .8em; }
mark.sev-error { background: #ffd6dc; color: inherit; } mark.sev-warning { background: #ffe8b3; color: inherit; } mark.sev-info { background: #d6e8ff; color: inherit; }
.explain { margin: .2em 0 .6em 3.5em; padding: .3em .6em; border-left: 4px solid currentColor; background: #fafafa; font-family: sans-serif; font-size: .9em; }
.explain .help { color: #444; margin-top: .2em; } .badge { font-weight: bold; }
.meta { color: #555; }
body.detail #summary, body.detail #list { display: none; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { margin: 0; max-width: none; padding: 0; font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
  body.detail #head, .no-print, #filters, .pager { display: none !important; }
  .checklist td, .checklist th { padding: 1.5pt 3pt; }
  .checklist tr { break-inside: avoid; }
}
</style></head><body>
"#;

const BODY: &str = r##"<noscript><p>请在浏览器中启用脚本，才能看到报告列表和每份报告的问题清单。</p></noscript>
<section id="list"><h2>报告列表</h2>
<div id="filters">
<label>文件 <input id="f-q" type="search" placeholder="文件名包含"></label>
<label>地区 <select id="f-region"><option value="">全部</option></select></label>
<label>机关 <input id="f-agency" type="search" list="agencies" placeholder="机关名称包含"></label><datalist id="agencies"></datalist>
<label>年度 <select id="f-year"><option value="">全部</option></select></label>
<label>级别 <select id="f-severity"><option value="">全部</option><option value="error">有错误</option><option value="warning">有警告</option><option value="info">有提示</option></select></label>
<label>问题 <select id="f-rule"><option value="">全部</option></select></label>
<label>结果 <select id="f-result"><option value="">全部</option><option value="pass">通过</option><option value="fail">不通过</option><option value="unreadable">无法读取</option></select></label>
<a href="#" id="f-clear">清除筛选</a>
</div>
<p id="list-status"></p>
<table id="reports"><thead><tr><th data-sort="path">文件</th><th data-sort="agency">机关</th><th data-sort="region">地区</th><th data-sort="year">年度</th><th data-sort="result">结果</th><th data-sort="e" class="num">错误</th><th data-sort="w" class="num">警告</th><th data-sort="i" class="num">提示</th></tr></thead><tbody></tbody></table>
<div class="pager"></div>
</section>
<section id="detail" hidden></section>
"##;

/// The page's script (plain JavaScript, no build step), inlined.
const SCRIPT: &str = include_str!("html_page.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_a_script_element_cannot_close_it() {
        let s = script_json("</script><!-- & \u{2028}");
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}");
    }

    #[test]
    fn the_script_holds_nothing_the_html_parser_reads_in_a_script() {
        let lower = SCRIPT.to_ascii_lowercase();
        for bad in ["</script", "<script", "<!--"] {
            assert!(!lower.contains(bad), "{bad} in html_page.js");
        }
    }

    #[test]
    fn utf16_offsets_of_byte_offsets() {
        // 政 is 3 bytes and 1 unit; 𠀀 4 bytes and 2 units.
        let text = "a政𠀀b";
        let o = utf16_offsets(text, &[0, 1, 4, 8, 9, 2, 100]);
        assert_eq!(o[&0], 0);
        assert_eq!(o[&1], 1);
        assert_eq!(o[&4], 2);
        assert_eq!(o[&8], 4);
        assert_eq!(o[&9], 5);
        // Inside a character: its start.
        assert_eq!(floor_boundary(text, 2), 1);
        assert_eq!(floor_boundary(text, 100), 9);
    }

    #[test]
    fn render_page_counts_an_unreadable_report() {
        let outcomes = [
            crate::lint::failure("甲/乙.txt".to_owned(), "无法读取：<b>".to_owned()),
            crate::lint::failure("丙.txt".to_owned(), "无法读取".to_owned()),
        ];
        let page = render_page(&outcomes);
        assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
        assert!(page.contains("<b id=\"count-reports\">2</b>"));
        assert!(page.contains("无法读取 <b id=\"count-unreadable\">2</b>"));
        assert!(page.contains(
            "<tr data-rule=\"io\"><td><a href=\"#rule=io\">文件无法读取</a> <code>io</code>"
        ));
        assert!(!page.contains("<b>"), "the message is escaped");
        assert!(!page.contains("id=\"text-"), "no text to show");
    }

    #[test]
    fn base64_of_every_length() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    #[test]
    fn a_compressed_text_inflates_back() {
        use std::io::Read;
        let text = "政府信息公开</script><!-- & \u{2028}\n".repeat(50);
        let b64 = compressed(&text);
        assert!(b64
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
        assert!(b64.len() < text.len() / 4, "compressed");
        // Back from base64, then inflated.
        let val = |c: u8| {
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                .iter()
                .position(|&x| x == c)
                .unwrap() as u32
        };
        let mut bytes = Vec::new();
        for q in b64.as_bytes().chunks(4) {
            let n = q
                .iter()
                .fold(0u32, |n, &c| (n << 6) | if c == b'=' { 0 } else { val(c) });
            let keep = 3 - q.iter().filter(|&&c| c == b'=').count();
            bytes.extend_from_slice(&n.to_be_bytes()[1..1 + keep]);
        }
        let mut back = String::new();
        flate2::read::ZlibDecoder::new(&bytes[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn fragment_values_are_percent_encoded() {
        assert_eq!(fragment_value("tables/present"), "tables%2Fpresent");
        assert_eq!(fragment_value("山东 &"), "%E5%B1%B1%E4%B8%9C%20%26");
    }
}
