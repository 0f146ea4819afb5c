//! SARIF 2.1.0: one run, every rule in `tool.driver.rules` with its documentation as help, one
//! result per finding. Columns count Unicode code points (`columnKind`), as the other formats do.

use std::io::{self, Write};

use reportlint_core::{Rule, Severity};
use serde_json::{json, Value};

use super::{Emitter, Totals};
use crate::lint::FileOutcome;

pub struct Sarif {
    rules: Vec<Value>,
    ids: Vec<String>,
    results: Vec<Value>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: `/` separators, everything but unreserved characters
/// percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Sarif {
    pub fn new(rules: &[&'static dyn Rule]) -> Self {
        let mut ids = Vec::new();
        let mut list = Vec::new();
        // The rules, then the tool's own findings (`io`, `config`, `format/*`, `directive/*`).
        let metas = rules.iter().map(|r| r.meta()).chain(crate::pseudo::ALL);
        for m in metas {
            let docs = crate::docs::rule_docs(m);
            ids.push(m.id.to_owned());
            list.push(json!({
                "id": m.id,
                "name": m.id.replace(['/', '-'], "_"),
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": format!("{}\n\n{}", m.summary, docs.trim()), "markdown": docs.trim() },
                "defaultConfiguration": { "level": level(m.default_severity) },
                "properties": { "fixable": m.fix.is_fixable() },
            }));
        }
        Sarif {
            rules: list,
            ids,
            results: Vec::new(),
        }
    }
}

impl Emitter for Sarif {
    fn file(&mut self, _out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        // Made first, added after (see `output::emit_guarded`).
        let mut results = Vec::with_capacity(outcome.findings.len());
        for f in &outcome.findings {
            let d = &f.diag;
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push('\n');
                message.push_str(h);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&outcome.path) },
                        "region": {
                            "startLine": f.start.line,
                            "startColumn": f.start.column,
                            "endLine": f.end.line.max(f.start.line),
                            "endColumn": if f.end.line > f.start.line { f.end.column } else { f.end.column.max(f.start.column) },
                        }
                    }
                }],
            });
            if let Some(i) = self.ids.iter().position(|id| *id == d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if !f.related.is_empty() {
                let related: Vec<_> = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(k, r)| {
                        json!({
                            "id": k,
                            "message": { "text": r.message },
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri(&r.path) },
                                "region": {
                                    "startLine": r.at.start.line,
                                    "startColumn": r.at.start.column,
                                    "endLine": r.at.end.line.max(r.at.start.line),
                                    "endColumn": if r.at.end.line > r.at.start.line { r.at.end.column } else { r.at.end.column.max(r.at.start.column) },
                                }
                            }
                        })
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if let Some(fix) = &d.fix {
                result["properties"] = json!({
                    "fix": { "message": fix.message, "applicability": fix.applicability.as_str() }
                });
            }
            if let Some(p) = f.page {
                // SARIF regions have no pages: the page goes into the message and the
                // properties.
                result["message"]["text"] =
                    json!(format!("（第{}页第{}行）{}", p.page, p.line, message));
                if !result["properties"].is_object() {
                    result["properties"] = json!({});
                }
                result["properties"]["page"] = json!(p.page);
                result["properties"]["pageLine"] = json!(p.line);
            }
            results.push(result);
        }
        self.results.extend(results);
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "reportlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://example.invalid/reportlint",
                    "rules": self.rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}
