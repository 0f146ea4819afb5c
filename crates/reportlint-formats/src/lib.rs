//! Reading reports as they are published — Word (.docx, and .doc/.wps of Word 97–2003 and WPS),
//! web pages (.html/.htm, or any page recognised by its content) and PDF — into
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
mod doc;
mod docx;
mod html;
mod mhtml;
mod pdf;
pub mod pdf_glyphs;
mod pdf_layout;

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
    /// An OLE2 compound file: Word 97–2003 (.doc) and WPS (.wps) documents are read; other
    /// kinds (encrypted documents, spreadsheets…) are named in the error.
    Doc,
    Html,
    /// A web page saved as one file (.mht, .mhtml): a MIME message holding the page.
    Mhtml,
    Pdf,
    /// Rich Text Format: recognised, not read (the error asks for a .docx).
    Rtf,
}

/// The first bytes of an OLE2 compound file (Word 97–2003, WPS, Excel 97–2003, encrypted
/// Office documents…).
pub(crate) const OLE2_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Format {
    /// The format of a file from its extension (case-insensitive); `None` for other extensions.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "docx" | "docm" | "dotx" | "wpsx" => Format::Docx,
            "doc" | "dot" | "wps" | "wpt" => Format::Doc,
            "html" | "htm" | "xhtml" | "shtml" | "jhtml" => Format::Html,
            "mht" | "mhtml" => Format::Mhtml,
            "pdf" => Format::Pdf,
            "rtf" => Format::Rtf,
            _ => return None,
        })
    }

    /// The format of a file: its content first (`%PDF-`, a zip archive, an OLE2 compound file,
    /// `{\rtf`, a web page), then its extension, else text. The one place where a format is
    /// decided, for `check` and `config` alike.
    ///
    /// A page saved as `.shtml`, `.aspx` or `.txt`, a Word file named `.doc` or `.wps` or
    /// without an extension, are all recognised by what they hold. An extension naming a binary
    /// format whose content does not match still goes to that format's reader, which says
    /// what is wrong with the file (`文件开头没有 %PDF- 标记`…).
    pub fn detect(path: &str, bytes: &[u8]) -> Format {
        if let Some(f) = Format::sniff_binary(bytes) {
            return f;
        }
        let ext = std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        // Markdown may hold markup of its own: its extension is believed.
        if ext != Some(Format::Markdown) && html::sniff(bytes) {
            return Format::Html;
        }
        ext.unwrap_or(Format::Text)
    }

    /// The format from the content alone (for standard input and unknown extensions).
    pub fn sniff(bytes: &[u8]) -> Format {
        if let Some(f) = Format::sniff_binary(bytes) {
            return f;
        }
        if html::sniff(bytes) {
            return Format::Html;
        }
        Format::Text
    }

    /// The binary formats, by their magic bytes.
    fn sniff_binary(bytes: &[u8]) -> Option<Format> {
        // A PDF may have a few bytes of junk before its header (readers accept 1 KiB).
        if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
            return Some(Format::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Some(Format::Docx);
        }
        if bytes.starts_with(&OLE2_MAGIC) {
            return Some(Format::Doc);
        }
        if bytes.starts_with(b"{\\rtf") {
            return Some(Format::Rtf);
        }
        if mhtml::sniff(bytes) {
            return Some(Format::Mhtml);
        }
        None
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
            Format::Doc => "doc",
            Format::Html => "html",
            Format::Mhtml => "mhtml",
            Format::Pdf => "pdf",
            Format::Rtf => "rtf",
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
    /// The reader failed on the file in a way it did not foresee (a panic in the parser): the
    /// file gets `format/crashed`, as when its worker dies.
    ReaderFailed(String),
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
            FormatError::EncryptedPdf => write!(
                f,
                "无法读取 PDF：文件设有打开密码（用户密码），不输入密码无法读取；请提供未加密的版本（仅限制复制、打印的 PDF 可以直接读取）"
            ),
            FormatError::Unsupported(what) => write!(f, "不支持的文件格式：{what}"),
            FormatError::OverBudget(what) => write!(f, "拒绝读取：{what}"),
            FormatError::ReaderFailed(what) => write!(f, "{what}"),
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
    /// For a paged format (PDF): where each line of the text sits on its page.
    pub pages: Option<PageMap>,
}

/// Where the text of a paged document sits on its pages: for each line of the text (or part
/// of a line: a paragraph joined from several printed lines has one entry per printed line),
/// the byte offset where it starts, its page and its line on that page.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageMap {
    /// Number of pages.
    pub count: u32,
    /// Sorted by offset.
    pub lines: Vec<PageLine>,
}

/// One printed line: the byte offset in [`Extracted::text`] where its text starts, its page
/// (1-based) and its line on the page (1-based, counting every printed line from the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageLine {
    pub offset: usize,
    pub page: u32,
    pub line: u32,
}

/// Reads `bytes` as `format`. `.txt` and `.md` are not read here (the core decodes them).
pub fn extract(format: Format, bytes: &[u8], limits: &Limits) -> Result<Extracted, FormatError> {
    check_size(bytes.len() as u64, limits)?;
    match format {
        Format::Docx => docx::extract(bytes, limits),
        Format::Html => html::extract(bytes),
        Format::Pdf => pdf::extract(bytes),
        Format::Doc => doc::extract(bytes, limits),
        Format::Mhtml => mhtml::extract(bytes),
        Format::Rtf => Err(FormatError::Unsupported(
            "这是 RTF 文件，请用 Word 或 WPS 打开后另存为 .docx 再检查".to_owned(),
        )),
        Format::Text | Format::Markdown => Err(FormatError::Unsupported(
            "纯文本由 reportlint-core 直接解码".to_owned(),
        )),
    }
}

/// A file of another kind than a report (a spreadsheet, a presentation): what it is, and what
/// to check instead.
pub(crate) fn not_the_report(what: &str) -> FormatError {
    FormatError::Unsupported(format!(
        "这是 {what}，不是 Word 文档；请检查报告本身（.docx、.doc、PDF 或网页）"
    ))
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
