//! Reading reports as they are published — Word (.docx), web pages (.html/.htm) and PDF — into
//! the text that reportlint's document model parses, plus each table as a grid of cells.
//!
//! Every reader is defensive: a file larger than [`Limits::max_file_bytes`] is refused before it
//! is parsed, a .docx archive with too many entries or too much data once inflated (a zip bomb)
//! is refused, and broken archives, broken XML and broken PDFs give a [`FormatError`] with a
//! Chinese message — never a panic. A PDF without a text layer (a scan) is not an error but
//! [`Extracted::no_text_layer`], so that the caller can report it as a finding.
//!
//! The extracted text keeps one paragraph per line. Tables are written as one line per row with
//! cells separated by tabs, and are also returned as grids ([`Table`]) with the byte span of each
//! cell in the text. Pictures in the body become a placeholder line `[图片：…]` so that findings
//! (a picture where a statistics table should be) can point at them.

mod budget;
mod builder;
mod docx;
mod html;
mod pdf;

use std::fmt;
use std::ops::Range;

pub use builder::TextBuilder;

/// The formats reportlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// Plain text (.txt), decoded by the core (UTF-8, GBK/GB18030, UTF-16).
    Text,
    /// Markdown (.md), read as text.
    Markdown,
    Docx,
    Html,
    Pdf,
}

impl Format {
    /// The format of a file from its extension (case-insensitive); `None` for other extensions.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "docx" => Format::Docx,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }

    /// The format of a file from its path: its extension, else its first bytes, else text.
    pub fn detect(path: &str, bytes: &[u8]) -> Format {
        let ext = std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        ext.unwrap_or_else(|| Format::sniff(bytes))
    }

    /// The format from the content alone (for standard input and unknown extensions).
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"%PDF-") {
            return Format::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Format::Docx;
        }
        let head = &bytes[..bytes.len().min(512)];
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            return Format::Html;
        }
        Format::Text
    }

    /// Whether the core decodes this format itself (and `--fix` may write it).
    pub fn is_plain_text(self) -> bool {
        matches!(self, Format::Text | Format::Markdown)
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// Guard rails against oversized and malicious files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Largest file read at all, in bytes (default 50 MiB).
    pub max_file_bytes: u64,
    /// Most entries a .docx archive may hold (default 5,000).
    pub max_zip_entries: usize,
    /// Most bytes the archive's entries may inflate to, by their headers (default 512 MiB), and
    /// most bytes actually inflated from the parts that are read (default 64 MiB, counted while
    /// inflating, so a lying header does not help).
    pub max_unzipped_bytes: u64,
    /// Most bytes inflated from the parts that are read.
    pub max_read_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_zip_entries: 5_000,
            max_unzipped_bytes: 512 * 1024 * 1024,
            max_read_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Why a file could not be read. Every message is for people, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// The file is larger than the limit.
    TooLarge { size: u64, limit: u64 },
    /// Not a zip archive, or a damaged one.
    BadArchive(String),
    /// More entries than the limit.
    TooManyEntries { entries: usize, limit: usize },
    /// The entries inflate to more than the limit (a zip bomb, or an absurdly large document).
    TooMuchData { limit: u64 },
    /// A .docx without `word/document.xml`.
    MissingPart(&'static str),
    /// Broken XML in a part of the archive.
    BadXml { part: &'static str, detail: String },
    /// A damaged or unreadable PDF.
    BadPdf(String),
    /// An encrypted PDF.
    EncryptedPdf,
    /// A format reportlint cannot read (an old binary .doc, say).
    Unsupported(String),
    /// The file goes past a reading budget that cannot be worked around (docs/formats.md,
    /// "Limits"): what, said for people.
    OverBudget(String),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::TooLarge { size, limit } => write!(
                f,
                "文件过大：{}，超过上限 {}（可用 --max-file-size 调整）",
                human_bytes(*size),
                human_bytes(*limit)
            ),
            FormatError::BadArchive(detail) => {
                write!(f, "不是有效的 .docx 文件：压缩包已损坏或不是 zip 格式（{detail}）")
            }
            FormatError::TooManyEntries { entries, limit } => write!(
                f,
                "拒绝读取：.docx 压缩包内有 {entries} 个条目，超过上限 {limit}，可能是恶意构造的文件"
            ),
            FormatError::TooMuchData { limit } => write!(
                f,
                "拒绝读取：.docx 解压后超过 {}，可能是压缩炸弹（zip bomb）",
                human_bytes(*limit)
            ),
            FormatError::MissingPart(part) => {
                write!(f, "不是有效的 .docx 文件：缺少正文部分 {part}")
            }
            FormatError::BadXml { part, detail } => {
                write!(f, ".docx 文件的 {part} 不是有效的 XML，文件可能已损坏（{detail}）")
            }
            FormatError::BadPdf(detail) => {
                write!(f, "无法读取 PDF：文件已损坏或被截断（{detail}）")
            }
            FormatError::EncryptedPdf => {
                write!(f, "无法读取 PDF：文件已加密，请提供未加密的版本")
            }
            FormatError::Unsupported(what) => write!(f, "不支持的文件格式：{what}"),
            FormatError::OverBudget(what) => write!(f, "拒绝读取：{what}"),
        }
    }
}

impl std::error::Error for FormatError {}

fn human_bytes(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} 字节")
    }
}

/// One cell of a table grid.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cell {
    pub text: String,
    /// Byte range of the cell's text in [`Extracted::text`] (empty for an empty cell).
    pub span: Range<usize>,
    pub row_span: usize,
    pub col_span: usize,
}

/// A table as a grid: rows of cells as written in the source (a cell spanning several columns
/// appears once, with its `col_span`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// Byte range of the table's rows in [`Extracted::text`].
    pub span: Range<usize>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table as a rectangular grid of texts, spans expanded: a cell spanning two columns
    /// fills both, a cell spanning two rows fills both.
    pub fn to_grid(&self) -> Vec<Vec<String>> {
        builder::layout(&self.rows, |c| c.text.clone(), String::new())
    }
}

/// A picture in the body, with the span of its placeholder line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Image {
    pub span: Range<usize>,
    /// The picture's alternative text or file name, if any.
    pub description: String,
}

/// What was read from a file.
///
/// Serializable, because extraction of binary formats runs in a worker process (the `reportlint`
/// crate's `isolate` module) and the result comes back over a pipe as JSON: a field added here
/// needs `Serialize`/`Deserialize` on its type; `#[serde(default)]` keeps older workers' output
/// readable.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Extracted {
    /// One paragraph per line; tables as tab-separated rows; pictures as `[图片：…]`.
    pub text: String,
    pub tables: Vec<Table>,
    pub images: Vec<Image>,
    /// For a PDF without a text layer: its number of pages.
    pub no_text_layer: Option<usize>,
    /// The reading limits this file reached, each said for people (in Chinese): what was cut
    /// short or flattened to stay within a budget (docs/formats.md, "Limits"). The text is still
    /// checked; the caller reports each as a `format/too-large` warning.
    pub limited: Vec<String>,
}

/// Reads `bytes` as `format`. `.txt` and `.md` are not read here (the core decodes them).
pub fn extract(format: Format, bytes: &[u8], limits: &Limits) -> Result<Extracted, FormatError> {
    check_size(bytes.len() as u64, limits)?;
    match format {
        Format::Docx => docx::extract(bytes, limits),
        Format::Html => html::extract(bytes),
        Format::Pdf => pdf::extract(bytes),
        Format::Text | Format::Markdown => Err(FormatError::Unsupported(
            "纯文本由 reportlint-core 直接解码".to_owned(),
        )),
    }
}

/// The per-file size limit, for callers that check before reading.
pub fn check_size(size: u64, limits: &Limits) -> Result<(), FormatError> {
    if size > limits.max_file_bytes {
        return Err(FormatError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    Ok(())
}

/// Writers used by tests and fixtures: a minimal .docx from paragraphs and tables.
pub mod write;
