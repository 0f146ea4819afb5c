//! `--fix`, `--unsafe-fixes` and `--diff`: applying the fixes that rules attach to findings.
//!
//! Edits are byte ranges into the decoded text. The fixes of one pass that do not overlap are
//! applied from the end of the text backwards; the text is linted again (fixes may uncover
//! others) for a few passes. Only .txt and .md files are written, atomically (a temporary file in
//! the same folder, then a rename), in the encoding they came in — a GBK file stays GBK, a BOM is
//! kept — and with their line endings (edits never touch line breaks). A file whose bytes would
//! not survive decoding and re-encoding unchanged is not written.

use std::io::Write;
use std::path::Path;

use reportlint_core::source::Encoding;
use reportlint_core::{Applicability, Diagnostic};

/// What `check` does with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Only report.
    #[default]
    Off,
    /// Write the fixed files.
    Fix,
    /// Show the fixes as a unified diff; write nothing.
    Diff,
}

/// Which fixes are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FixOptions {
    pub mode: FixMode,
    /// Apply unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

impl FixOptions {
    pub fn applies(&self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::Suggestion => false,
        }
    }
}

/// What fixing one file did.
#[derive(Debug, Clone, Default)]
pub struct FixSummary {
    /// `rule：message` of every fix applied, in text order.
    pub applied: Vec<String>,
    /// `--diff`: the unified diff of the fixes.
    pub diff: Option<String>,
    /// The file was rewritten.
    pub written: bool,
    /// Why the fixes could not be written.
    pub error: Option<String>,
}

/// Applies the applicable fixes of `diags` that do not overlap each other. Returns the new text
/// and the fixes applied, or `None` when nothing applies.
pub fn apply<'d>(
    text: &str,
    diags: &'d [Diagnostic],
    opts: &FixOptions,
) -> Option<(String, Vec<&'d Diagnostic>)> {
    let mut candidates: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| {
            d.fix.as_ref().is_some_and(|f| {
                opts.applies(f.applicability)
                    && !f.edits.is_empty()
                    && f.edits.iter().all(|e| {
                        e.span.end <= text.len()
                            && text.is_char_boundary(e.span.start)
                            && text.is_char_boundary(e.span.end)
                    })
            })
        })
        .collect();
    candidates.sort_by_key(|d| {
        d.fix
            .as_ref()
            .map(|f| f.edits.iter().map(|e| e.span.start).min())
    });
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut chosen = Vec::new();
    for d in candidates {
        let edits = &d.fix.as_ref().expect("filtered").edits;
        let overlaps = edits.iter().any(|e| {
            taken.iter().any(|&(s, t)| {
                // Two insertions at one point, or an edit inside another, overlap.
                e.span.start < t && s < e.span.end
                    || (e.span.start == s && (e.span.is_empty() || s == t))
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(edits.iter().map(|e| (e.span.start, e.span.end)));
        chosen.push(d);
    }
    if chosen.is_empty() {
        return None;
    }
    let mut edits: Vec<_> = chosen
        .iter()
        .flat_map(|d| &d.fix.as_ref().expect("filtered").edits)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_owned();
    for e in edits {
        out.replace_range(e.span.range(), &e.replacement);
    }
    Some((out, chosen))
}

/// `text` in `encoding`, with the BOM it had.
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, keeping
/// the file's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".reportlint-fix-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff of `old` → `new` for `path`, three lines of context.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::{Edit, Fix, Span};

    fn d(start: usize, end: usize, rep: &str, a: Applicability) -> Diagnostic {
        let fix = Fix {
            message: format!("改为“{rep}”"),
            edits: vec![Edit::replace(Span::new(start, end), rep)],
            applicability: a,
        };
        Diagnostic::error(Span::new(start, end), "x").with_fix(fix)
    }

    #[test]
    fn non_overlapping_fixes_from_the_end() {
        let text = "2、主动公开\n3、申请";
        let diags = [
            d(0, 1, "二", Applicability::Safe),
            d(0, 4, "X", Applicability::Safe), // overlaps the first: skipped
            d(17, 18, "三", Applicability::Safe),
            d(4, 7, "?", Applicability::Unsafe),
        ];
        let opts = FixOptions {
            mode: FixMode::Fix,
            unsafe_fixes: false,
        };
        let (out, applied) = apply(text, &diags, &opts).unwrap();
        assert_eq!(out, "二、主动公开\n三、申请");
        assert_eq!(applied.len(), 2);
    }

    #[test]
    fn encodings_round_trip() {
        let text = "二、主动公开\r\n电话：0631-8898088";
        for enc in [
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
            Encoding::Gb18030,
        ] {
            let bytes = encode(text, enc);
            let (back, e) = reportlint_core::source::decode(&bytes).unwrap();
            assert_eq!((back.as_str(), e), (text, enc));
        }
    }
}

/// Counts for the closing line of a `--fix` or `--diff` run.
#[derive(Debug, Default, Clone, Copy)]
pub struct FixTotals {
    /// Files changed (or that `--diff` would change).
    pub files: usize,
    pub fixes: usize,
    /// Files whose fixes could not be written.
    pub failed: usize,
}

impl FixTotals {
    pub fn summary(&self, mode: FixMode) -> Option<String> {
        match mode {
            FixMode::Off => None,
            FixMode::Fix => Some(format!(
                "修复了 {} 个文件中的 {} 处问题{}",
                self.files,
                self.fixes,
                if self.failed > 0 {
                    format!("；{} 个文件未能写入", self.failed)
                } else {
                    String::new()
                }
            )),
            FixMode::Diff => Some(format!(
                "可修复 {} 个文件中的 {} 处问题（未写入；去掉 --diff、加上 --fix 以写入）",
                self.files, self.fixes
            )),
        }
    }
}

/// Says on `err` what fixing a file did: `已修复 path（3 处）：` and one line per fix.
pub fn report(
    err: &mut dyn Write,
    outcome: &crate::lint::FileOutcome,
    totals: &mut FixTotals,
) -> std::io::Result<()> {
    let Some(s) = &outcome.fixed else {
        return Ok(());
    };
    if s.applied.is_empty() {
        return Ok(());
    }
    if let Some(e) = &s.error {
        totals.failed += 1;
        return writeln!(err, "{}：{e}", outcome.path);
    }
    totals.files += 1;
    totals.fixes += s.applied.len();
    if s.written {
        writeln!(err, "已修复 {}（{} 处）：", outcome.path, s.applied.len())?;
        for a in &s.applied {
            writeln!(err, "  {a}")?;
        }
    }
    Ok(())
}

/// `--diff`: the fixes of each file as a unified diff, instead of the findings.
#[derive(Default)]
pub struct DiffEmitter;

impl crate::output::Emitter for DiffEmitter {
    fn file(
        &mut self,
        out: &mut dyn Write,
        outcome: &crate::lint::FileOutcome,
    ) -> std::io::Result<()> {
        if let Some(diff) = outcome.fixed.as_ref().and_then(|f| f.diff.as_ref()) {
            out.write_all(diff.as_bytes())?;
        }
        Ok(())
    }
}
