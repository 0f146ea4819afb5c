//! GitHub Actions workflow annotations: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.

use std::io::{self, Write};

use reportlint_core::Severity;

use super::Emitter;
use crate::lint::FileOutcome;

pub struct Github;

/// Escapes a message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Emitter for Github {
    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        for f in &outcome.findings {
            let d = &f.diag;
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push('\n');
                message.push_str(h);
            }
            let mut props = format!(
                "file={},line={},col={}",
                escape_property(&outcome.path),
                f.start.line,
                f.start.column
            );
            if f.end.line >= f.start.line
                && (f.end.line, f.end.column) != (f.start.line, f.start.column)
            {
                props.push_str(&format!(
                    ",endLine={},endColumn={}",
                    f.end.line, f.end.column
                ));
            }
            writeln!(
                out,
                "::{kind} {props},title={}::{}",
                escape_property(&format!("reportlint {}", d.rule)),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}
