//! PDF: the text layer, through `pdf-extract` (pure Rust, on top of `lopdf`).
//!
//! What text extraction cannot recover is listed in docs/formats.md: the text of a scan (no text
//! layer: reported as a finding), tables (their cells come out as runs of text, not grids),
//! glyphs without a Unicode mapping, and sometimes the reading order of multi-column pages.
//!
//! The extractor panics on some malformed files; it runs on a thread of its own with a large
//! stack, its panics are caught and become [`FormatError::BadPdf`], and the panic message is not
//! printed (a quiet panic hook for that thread only).

use std::cell::Cell;
use std::sync::Once;

use crate::builder::TextBuilder;
use crate::{Extracted, FormatError};

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that stays silent on threads that asked for quiet and defers
/// to the previous hook everywhere else.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(FormatError::BadPdf("文件开头没有 %PDF- 标记".to_owned()));
    }
    install_quiet_hook();
    let result = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("reportlint-pdf".to_owned())
            .stack_size(64 * 1024 * 1024)
            .spawn_scoped(s, || {
                QUIET.with(|q| q.set(true));
                read(bytes)
            })
            .map_err(|e| FormatError::BadPdf(format!("无法启动读取线程：{e}")))?
            .join()
            .unwrap_or_else(|_| {
                Err(FormatError::BadPdf(
                    "PDF 结构异常，解析器无法处理".to_owned(),
                ))
            })
    });
    result
}

fn read(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let doc =
        pdf_extract::Document::load_mem(bytes).map_err(|e| FormatError::BadPdf(e.to_string()))?;
    if doc.is_encrypted() {
        // pdf-extract opens files encrypted with an empty user password; others are refused.
        if pdf_extract::extract_text_from_mem(bytes).is_err() {
            return Err(FormatError::EncryptedPdf);
        }
    }
    let pages = doc.get_pages().len();
    if pages == 0 {
        return Err(FormatError::BadPdf("文件中没有页面".to_owned()));
    }
    drop(doc);
    let text = pdf_extract::extract_text_from_mem(bytes)
        .map_err(|e| FormatError::BadPdf(e.to_string()))?;
    let mut out = TextBuilder::new();
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        // Page breaks and layout leave runs of blank lines: keep at most one.
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.paragraph(line);
    }
    let mut extracted = out.finish();
    let meaningful = extracted
        .text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .count();
    if meaningful < 10 {
        extracted.no_text_layer = Some(pages);
    }
    Ok(extracted)
}
