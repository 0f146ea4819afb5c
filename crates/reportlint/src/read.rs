//! Reading one input in any format into a [`Document`]: the format is recognised by content
//! first (`Format::detect`), then text files go through the core's decoder and .docx, .doc/.wps,
//! .html and .pdf through `reportlint-formats`. The size limit is checked before a file is
//! read; every failure is a per-file message, never a panic.

use std::io::Read;
use std::path::Path;

use reportlint_core::document::{ImportedCell, ImportedTable};
use reportlint_core::{Document, Span};
pub use reportlint_formats::{Format, Limits};

use crate::discover::io_message;

/// What reading an input gave.
pub enum Loaded {
    Doc(Box<Document>, Format),
    /// A PDF without a text layer: its page count.
    NoTextLayer(usize),
}

/// Reads a file, refusing one over the size limit before reading it. The file is opened
/// without blocking and read only when it is a regular file: a pipe, device or socket put in
/// its place after the folder was searched is refused, never read ([`crate::platform::open_regular`]).
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, String> {
    let (file, meta) = match crate::platform::open_regular(path).map_err(|e| io_message(&e))? {
        Ok(opened) => opened,
        Err(kind) => return Err(format!("这是{kind}，不是普通文件：已跳过，未读取")),
    };
    let size = meta.len();
    reportlint_formats::check_size(size, limits).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // `take`: a file that grows while it is read is still bounded (one byte past the limit
    // tells that it grew past it).
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    reportlint_formats::check_size(bytes.len() as u64, limits).map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Parses `bytes` (from the file shown as `path`) as the format its name or content says.
pub fn load(path: &str, bytes: Vec<u8>, limits: &Limits) -> Result<Loaded, String> {
    load_with(path, bytes, limits, &crate::isolate::Extractor::InProcess)
        .map(|(loaded, _)| loaded)
        .map_err(|f| f.message())
}

/// As [`load`], reading binary formats through `extractor` (a worker process in `check`);
/// also returns the reading limits the file reached (docs/formats.md, "Limits").
pub fn load_with(
    path: &str,
    bytes: Vec<u8>,
    limits: &Limits,
    extractor: &crate::isolate::Extractor,
) -> Result<(Loaded, Vec<String>), crate::isolate::Failure> {
    use crate::isolate::Failure;
    reportlint_formats::check_size(bytes.len() as u64, limits)
        .map_err(|e| Failure::Unreadable(e.to_string()))?;
    let format = Format::detect(path, &bytes);
    if format.is_plain_text() {
        let doc = Document::from_vec(path.to_owned(), bytes)
            .map_err(|e| Failure::Unreadable(e.to_string()))?;
        return Ok((Loaded::Doc(Box::new(doc), format), Vec::new()));
    }
    let mut extracted = extractor.extract(format, &bytes, limits)?;
    drop(bytes);
    let limited = std::mem::take(&mut extracted.limited);
    if let Some(pages) = extracted.no_text_layer {
        return Ok((Loaded::NoTextLayer(pages), limited));
    }
    let tables = extracted
        .tables
        .iter()
        .map(|t| ImportedTable {
            span: Span::new(t.span.start, t.span.end),
            rows: t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| ImportedCell {
                            span: Span::new(c.span.start, c.span.end),
                            row_span: c.row_span,
                            col_span: c.col_span,
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    let pages = extracted.pages.map(|p| {
        reportlint_core::PageMap::new(
            p.count,
            p.lines
                .iter()
                .map(|l| reportlint_core::pages::PageLine {
                    offset: l.offset,
                    page: l.page,
                    line: l.line,
                })
                .collect(),
        )
    });
    let mut doc = Document::parse(path.to_owned(), extracted.text).with_imported_tables(tables);
    if let Some(pages) = pages {
        doc = doc.with_page_map(pages);
    }
    Ok((Loaded::Doc(Box::new(doc), format), limited))
}
