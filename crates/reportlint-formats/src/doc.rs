//! Word 97–2003 (.doc) and WPS (.wps) documents: an OLE2 compound file whose `WordDocument`
//! stream holds the text and whose table stream (`0Table`/`1Table`) says where it is.
//!
//! Read ([MS-DOC]): the File Information Block (FIB) gives the length of the main text and the
//! place of the piece table (CLX); each piece is text stored as UTF-16 or, "compressed", as one
//! byte per character (Windows-1252). Field codes (`HYPERLINK "…"`, `PAGE`) are dropped and their
//! results kept. Paragraph properties (the PAPX pages the `PlcBtePapx` points at) tell a cell end
//! from a row end; the row's table definition (`sprmTDefTable`: cell boundaries and vertical
//! merges) gives each cell its column and row span, so tables come out as grids like a .docx's.
//! A table inside a cell is read as text of that cell. Inline pictures become `[图片]` lines.
//!
//! Left out: automatic list numbers (they are not in the text; the caller is told through
//! [`Extracted`]'s text having none), headers, footers, footnotes, comments and text boxes
//! (kept in other parts of the stream), deleted revisions (still in the text: Word keeps them
//! until they are accepted).
//!
//! WPS Office saves .wps (and .doc) in this same structure, so such files read like Word's.
//! What cannot be read gets a message naming what it is and asking for a .docx: a document with
//! an opening password, a Word 6/95 file, a Microsoft Works or Kingsoft WPS 2000-era file, an
//! Excel or PowerPoint file, an encrypted .docx (which is an OLE2 container too).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use crate::builder::{RawCell, TextBuilder};
use crate::docx::resolve_vmerge;
use crate::{Extracted, FormatError, Limits, OLE2_MAGIC};

fn unsupported(what: &str) -> FormatError {
    FormatError::Unsupported(format!(
        "{what}，请用 Word 或 WPS 打开后另存为 .docx 再检查"
    ))
}

fn damaged(detail: &str) -> FormatError {
    FormatError::Unsupported(format!(
        "Word 97–2003（.doc）或 WPS 文件已损坏或被截断（{detail}），请用 Word 或 WPS 打开后另存为 .docx 再检查"
    ))
}

pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, FormatError> {
    if !bytes.starts_with(&OLE2_MAGIC) {
        return Err(unsupported(
            "不是 Word 97–2003（.doc）或 WPS 文件：文件开头没有 OLE2 复合文档标记（可能是 WPS 2000 之前的旧版 WPS 文件，或扩展名有误）",
        ));
    }
    // The container reader is not ours: a panic in it on a hostile file is one file's error.
    std::panic::catch_unwind(|| read(bytes, limits))
        .unwrap_or_else(|_| Err(damaged("复合文档结构异常")))
}

fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, FormatError> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| damaged(&format!("复合文档无法打开：{e}")))?;
    let has = |cfb: &cfb::CompoundFile<Cursor<&[u8]>>, name: &str| cfb.is_stream(name);
    if !has(&cfb, "WordDocument") {
        return Err(
            if has(&cfb, "EncryptedPackage") || has(&cfb, "EncryptionInfo") {
                unsupported("这是设置了打开密码的加密 Office 文档（.docx），无法读取；请取消密码")
            } else if has(&cfb, "Workbook") || has(&cfb, "Book") {
                unsupported("这是 Excel 工作簿（.xls），不是 Word 文档；请把报告")
            } else if has(&cfb, "PowerPoint Document") {
                unsupported("这是 PowerPoint 演示文稿（.ppt），不是 Word 文档；请把报告")
            } else if has(&cfb, "CONTENTS") || has(&cfb, "MatOST") {
                unsupported("这是 Microsoft Works 文档（.wps），无法读取")
            } else {
                unsupported("这是 OLE2 复合文档，但不是 Word 或 WPS 文档（没有 WordDocument 部分）")
            },
        );
    }
    let mut budget = limits.max_read_bytes;
    let word = read_stream(&mut cfb, "WordDocument", &mut budget)?;
    let fib = Fib::parse(&word)?;
    let table_name = if fib.which_table { "1Table" } else { "0Table" };
    if !has(&cfb, table_name) {
        return Err(damaged(&format!("缺少 {table_name} 部分")));
    }
    let table = read_stream(&mut cfb, table_name, &mut budget)?;
    let data = if has(&cfb, "Data") {
        read_stream(&mut cfb, "Data", &mut budget)?
    } else {
        Vec::new()
    };
    let clx = slice(&table, fib.fc_clx, fib.lcb_clx).ok_or_else(|| damaged("片段表越界"))?;
    let clx = Clx::parse(clx)?;
    let papx = Papx::new(&word, &table, &data, fib.fc_bte_papx, fib.lcb_bte_papx);
    Ok(Reader::new(&clx, &papx).run(&word, fib.ccp_text))
}

fn read_stream(
    cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Vec<u8>, FormatError> {
    let stream = cfb
        .open_stream(name)
        .map_err(|e| damaged(&format!("{name}：{e}")))?;
    let mut out = Vec::new();
    let read = stream
        .take(budget.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| damaged(&format!("{name}：{e}")))?;
    if read as u64 > *budget {
        return Err(FormatError::TooMuchData { limit: *budget });
    }
    *budget -= read as u64;
    Ok(out)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn slice(b: &[u8], at: u32, len: u32) -> Option<&[u8]> {
    let at = at as usize;
    b.get(at..at.checked_add(len as usize)?)
}

// ---------------------------------------------------------------------------------------------
// FIB

#[derive(Debug)]
struct Fib {
    which_table: bool,
    ccp_text: u32,
    fc_clx: u32,
    lcb_clx: u32,
    fc_bte_papx: u32,
    lcb_bte_papx: u32,
}

impl Fib {
    fn parse(w: &[u8]) -> Result<Fib, FormatError> {
        let short = || damaged("文件信息块（FIB）不完整");
        let ident = u16_at(w, 0).ok_or_else(short)?;
        let nfib = u16_at(w, 2).ok_or_else(short)?;
        if ident == 0xA5DC || (ident == 0xA5EC && nfib < 0x00C1) {
            return Err(unsupported(
                "这是 Word 6.0/95 格式的旧文档（早于 Word 97），无法读取",
            ));
        }
        if ident != 0xA5EC {
            return Err(damaged("文件信息块标识不对"));
        }
        let flags = u16_at(w, 0x0A).ok_or_else(short)?;
        if flags & 0x0100 != 0 {
            return Err(unsupported(
                "这是设置了打开密码的加密 Word 文档，无法读取；请取消密码",
            ));
        }
        // FibBase (32 bytes), then csw and FibRgW97, cslw and FibRgLw97, cbRgFcLcb and
        // FibRgFcLcb.
        let csw = u16_at(w, 32).ok_or_else(short)? as usize;
        let lw = 34 + csw * 2;
        let cslw = u16_at(w, lw).ok_or_else(short)? as usize;
        let rg_lw = lw + 2;
        let ccp_text = u32_at(w, rg_lw + 3 * 4).ok_or_else(short)?;
        let fc = rg_lw + cslw * 4;
        let cb_fclcb = u16_at(w, fc).ok_or_else(short)? as usize;
        let rg_fc = fc + 2;
        let pair = |i: usize| -> Result<(u32, u32), FormatError> {
            if i >= cb_fclcb {
                return Err(short());
            }
            Ok((
                u32_at(w, rg_fc + i * 8).ok_or_else(short)?,
                u32_at(w, rg_fc + i * 8 + 4).ok_or_else(short)?,
            ))
        };
        let (fc_bte_papx, lcb_bte_papx) = pair(13)?;
        let (fc_clx, lcb_clx) = pair(33)?;
        Ok(Fib {
            which_table: flags & 0x0200 != 0,
            ccp_text,
            fc_clx,
            lcb_clx,
            fc_bte_papx,
            lcb_bte_papx,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// The piece table

#[derive(Debug, Clone, Copy)]
struct Piece {
    cp_start: u32,
    cp_end: u32,
    /// Byte offset of the piece's text in the WordDocument stream.
    fc: u32,
    compressed: bool,
    prm: u16,
}

#[derive(Debug, Default)]
struct Clx {
    /// Property modifiers that pieces point at (`Prm` with `fComplex`).
    prcs: Vec<Vec<u8>>,
    pieces: Vec<Piece>,
}

impl Clx {
    fn parse(b: &[u8]) -> Result<Clx, FormatError> {
        let mut clx = Clx::default();
        let mut at = 0usize;
        while let Some(&kind) = b.get(at) {
            match kind {
                0x01 => {
                    let len = u16_at(b, at + 1).ok_or_else(|| damaged("片段表不完整"))? as i16;
                    let len = usize::try_from(len).map_err(|_| damaged("片段表长度为负"))?;
                    let grpprl = b
                        .get(at + 3..at + 3 + len)
                        .ok_or_else(|| damaged("片段表不完整"))?;
                    clx.prcs.push(grpprl.to_vec());
                    at += 3 + len;
                }
                0x02 => {
                    let lcb = u32_at(b, at + 1).ok_or_else(|| damaged("片段表不完整"))? as usize;
                    let plc = b
                        .get(at + 5..at.saturating_add(5).saturating_add(lcb))
                        .ok_or_else(|| damaged("片段表不完整"))?;
                    if lcb < 4 {
                        return Err(damaged("片段表为空"));
                    }
                    let n = (lcb - 4) / 12;
                    for i in 0..n {
                        let cp_start = u32_at(plc, i * 4).unwrap_or(0);
                        let cp_end = u32_at(plc, i * 4 + 4).unwrap_or(0);
                        let pcd = (n + 1) * 4 + i * 8;
                        let fc = u32_at(plc, pcd + 2).unwrap_or(0);
                        let prm = u16_at(plc, pcd + 6).unwrap_or(0);
                        let compressed = fc & 0x4000_0000 != 0;
                        let fc = fc & 0x3FFF_FFFF;
                        clx.pieces.push(Piece {
                            cp_start,
                            cp_end: cp_end.max(cp_start),
                            fc: if compressed { fc / 2 } else { fc },
                            compressed,
                            prm,
                        });
                    }
                    return Ok(clx);
                }
                _ => return Err(damaged("片段表格式不对")),
            }
        }
        Err(damaged("缺少片段表"))
    }

    /// The property modifiers a piece's `Prm` points at, if it points at a list of them.
    fn piece_sprms(&self, p: &Piece) -> &[u8] {
        if p.prm & 1 == 1 {
            self.prcs
                .get((p.prm >> 1) as usize)
                .map_or(&[], Vec::as_slice)
        } else {
            &[]
        }
    }
}

/// Decodes one byte of compressed text (Windows-1252, as [MS-DOC] maps it).
fn compressed_char(b: u8) -> char {
    if b < 0x80 {
        return b as char;
    }
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(std::slice::from_ref(&b));
    s.chars().next().unwrap_or('\u{fffd}')
}

// ---------------------------------------------------------------------------------------------
// Paragraph properties

/// What the reader needs to know of a paragraph.
#[derive(Debug, Default, Clone)]
struct ParaProps {
    in_table: bool,
    /// The row's end mark (table terminating paragraph).
    row_end: bool,
    /// Nesting depth of tables (1 for a table in the body).
    depth: u32,
    inner_cell: bool,
    inner_row_end: bool,
    /// The row's cells (for a row end): (left, right) boundaries in twips and vertical merge.
    cells: Vec<CellDef>,
}

#[derive(Debug, Default, Clone, Copy)]
struct CellDef {
    left: i16,
    right: i16,
    /// 0 none, 1 continues the cell above, 3 starts a merge.
    vmerge: u8,
    /// 0 none, 1 first of a horizontal merge, 2 merged into the cell before.
    hmerge: u8,
}

/// The paragraph property pages (PAPX FKPs), looked up by the position of a paragraph's mark.
struct Papx<'a> {
    word: &'a [u8],
    data: &'a [u8],
    /// (fc start, fc end, page number)
    pages: Vec<(u32, u32, u32)>,
}

impl<'a> Papx<'a> {
    fn new(word: &'a [u8], table: &'a [u8], data: &'a [u8], fc: u32, lcb: u32) -> Papx<'a> {
        let mut pages = Vec::new();
        if let Some(plc) = slice(table, fc, lcb) {
            let n = (plc.len().saturating_sub(4)) / 8;
            for i in 0..n {
                let (Some(a), Some(b), Some(pn)) = (
                    u32_at(plc, i * 4),
                    u32_at(plc, i * 4 + 4),
                    u32_at(plc, (n + 1) * 4 + i * 4),
                ) else {
                    break;
                };
                pages.push((a, b, pn & 0x003F_FFFF));
            }
        }
        Papx { word, data, pages }
    }

    /// The property modifiers of the paragraph whose mark is at byte `fc`.
    fn grpprl(&self, fc: u32) -> Option<&'a [u8]> {
        let &(_, _, pn) = self.pages.iter().find(|(a, b, _)| *a <= fc && fc < *b)?;
        let at = (pn as usize).checked_mul(512)?;
        let fkp = self.word.get(at..at + 512)?;
        let crun = fkp[511] as usize;
        let j = (0..crun).find(|&j| {
            let (a, b) = (u32_at(fkp, j * 4), u32_at(fkp, j * 4 + 4));
            matches!((a, b), (Some(a), Some(b)) if a <= fc && fc < b)
        })?;
        let bx = (crun + 1) * 4 + j * 13;
        let offset = *fkp.get(bx)? as usize * 2;
        if offset == 0 {
            return None;
        }
        let cb = *fkp.get(offset)? as usize;
        let (start, len) = if cb == 0 {
            (offset + 2, *fkp.get(offset + 1)? as usize * 2)
        } else {
            (offset + 1, cb * 2 - 1)
        };
        // The first two bytes are the paragraph's style.
        fkp.get(start + 2..(start + len).min(512))
    }

    fn props(&self, fc: u32, piece_sprms: &[u8]) -> ParaProps {
        let mut p = ParaProps::default();
        if let Some(g) = self.grpprl(fc) {
            self.apply(&mut p, g, true);
        }
        self.apply(&mut p, piece_sprms, false);
        if p.in_table && p.depth == 0 {
            p.depth = 1;
        }
        p
    }

    fn apply(&self, p: &mut ParaProps, grpprl: &[u8], huge_ok: bool) {
        for (sprm, op) in Sprms(grpprl) {
            match sprm {
                0x2416 => p.in_table = op.first().is_some_and(|&v| v != 0),
                0x2417 => p.row_end = op.first().is_some_and(|&v| v != 0),
                0x6649 => p.depth = u32_at(op, 0).unwrap_or(0),
                0x244B => p.inner_cell = op.first().is_some_and(|&v| v != 0),
                0x244C => p.inner_row_end = op.first().is_some_and(|&v| v != 0),
                0xD608 => p.cells = table_def(op),
                0xD62B => {
                    // cb, itc, flags
                    if let (Some(&itc), Some(&flags)) = (op.get(1), op.get(2)) {
                        if let Some(c) = p.cells.get_mut(itc as usize) {
                            c.vmerge = flags;
                        }
                    }
                }
                // sprmPHugePapx: the properties are in the Data stream.
                0x6646 if huge_ok => {
                    if let Some(at) = u32_at(op, 0) {
                        let at = at as usize;
                        if let Some(len) = u16_at(self.data, at) {
                            // A PrcData: the length, then the modifiers.
                            if let Some(g) = self.data.get(at + 2..at + 2 + len as usize) {
                                self.apply(p, g, false);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// `sprmTDefTable`: the cells' boundaries and merge flags.
fn table_def(op: &[u8]) -> Vec<CellDef> {
    // op: cb (2 bytes), itcMac, rgdxaCenter[itcMac + 1], rgTc80[…] of 20 bytes each.
    let Some(&n) = op.get(2) else {
        return Vec::new();
    };
    let n = n as usize;
    let centers: Vec<i16> = (0..=n)
        .map_while(|i| u16_at(op, 3 + i * 2).map(|v| v as i16))
        .collect();
    if centers.len() != n + 1 {
        return Vec::new();
    }
    let tc = 3 + (n + 1) * 2;
    (0..n)
        .map(|i| {
            let grf = u16_at(op, tc + i * 20).unwrap_or(0);
            CellDef {
                left: centers[i],
                right: centers[i + 1],
                hmerge: (grf & 0x3) as u8,
                vmerge: ((grf >> 5) & 0x3) as u8,
            }
        })
        .collect()
}

/// Iterates over (sprm, operand) of a list of property modifiers.
struct Sprms<'a>(&'a [u8]);

impl<'a> Iterator for Sprms<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.0;
        let sprm = u16_at(b, 0)?;
        let (start, len) = match sprm >> 13 {
            0 | 1 => (2, 1),
            2 | 4 | 5 => (2, 2),
            3 => (2, 4),
            7 => (2, 3),
            _ => match sprm {
                // sprmTDefTable: a two-byte length, counted with one of its own bytes.
                0xD608 => (2, (u16_at(b, 2)? as usize).saturating_add(1)),
                // sprmPChgTabs: a length of 255 says the real length is computed.
                0xC615 if b.get(2) == Some(&255) => {
                    let del = *b.get(3)? as usize;
                    let add = *b.get(4 + del * 4)? as usize;
                    (3, 1 + del * 4 + 1 + add * 3)
                }
                _ => (3, *b.get(2)? as usize),
            },
        };
        let op = b.get(start..start + len)?;
        self.0 = &b[start + len..];
        Some((sprm, op))
    }
}

// ---------------------------------------------------------------------------------------------
// The text

/// A table being read.
#[derive(Default)]
struct TableState {
    rows: Vec<(Vec<RawCell>, Vec<CellDef>)>,
    row: Vec<RawCell>,
    cell_paras: Vec<String>,
}

struct Reader<'a> {
    clx: &'a Clx,
    papx: &'a Papx<'a>,
    out: TextBuilder,
    line: String,
    images: Vec<String>,
    table: Option<TableState>,
    /// Open fields: whether each is still in its code (before the separator).
    fields: Vec<bool>,
    cache: HashMap<u32, ParaProps>,
}

impl<'a> Reader<'a> {
    fn new(clx: &'a Clx, papx: &'a Papx<'a>) -> Self {
        Reader {
            clx,
            papx,
            out: TextBuilder::new(),
            line: String::new(),
            images: Vec::new(),
            table: None,
            fields: Vec::new(),
            cache: HashMap::new(),
        }
    }

    fn run(mut self, word: &[u8], ccp_text: u32) -> Extracted {
        let clx = self.clx;
        for piece in &clx.pieces {
            if piece.cp_start >= ccp_text {
                break;
            }
            let end = piece.cp_end.min(ccp_text);
            let width = if piece.compressed { 1 } else { 2 };
            let mut i = 0u32;
            let count = end - piece.cp_start;
            while i < count {
                let fc = piece.fc as usize + i as usize * width;
                let c = if piece.compressed {
                    match word.get(fc) {
                        Some(&b) => compressed_char(b),
                        None => break,
                    }
                } else {
                    let Some(u) = u16_at(word, fc) else { break };
                    if (0xD800..0xDC00).contains(&u) {
                        // A surrogate pair.
                        let lo = u16_at(word, fc + 2).unwrap_or(0);
                        i += 1;
                        char::decode_utf16([u, lo])
                            .next()
                            .and_then(Result::ok)
                            .unwrap_or('\u{fffd}')
                    } else {
                        char::from_u32(u as u32).unwrap_or('\u{fffd}')
                    }
                };
                self.char(c, fc as u32, piece);
                i += 1;
            }
        }
        if !self.line.is_empty() || !self.images.is_empty() {
            self.end_paragraph(ParaProps::default(), false);
        }
        self.flush_table();
        self.out.finish()
    }

    fn in_code(&self) -> bool {
        self.fields.iter().any(|&code| code)
    }

    fn char(&mut self, c: char, fc: u32, piece: &Piece) {
        match c {
            '\r' | '\u{7}' => {
                let props = match self.cache.get(&fc) {
                    Some(p) => p.clone(),
                    None => {
                        let p = self.papx.props(fc, self.clx.piece_sprms(piece));
                        self.cache.insert(fc, p.clone());
                        p
                    }
                };
                let cell_mark = c == '\u{7}';
                if cell_mark && !props.in_table {
                    // A cell mark without table properties (the pages could not be read):
                    // still a cell.
                    let props = ParaProps {
                        in_table: true,
                        depth: 1,
                        ..props
                    };
                    return self.end_paragraph(props, true);
                }
                self.end_paragraph(props, cell_mark);
            }
            '\u{13}' => self.fields.push(true),
            '\u{14}' => {
                if let Some(top) = self.fields.last_mut() {
                    *top = false;
                }
            }
            '\u{15}' => {
                self.fields.pop();
            }
            _ if self.in_code() => {}
            '\u{1}' => self.images.push(String::new()),
            '\u{b}' => self.line.push('\n'),
            '\u{c}' | '\u{e}' => {
                // A page, section or column break: the paragraph goes on after it in Word,
                // but no line of text runs across it.
                if !self.line.trim().is_empty() {
                    self.line.push('\n');
                }
            }
            '\u{1e}' => self.line.push('-'),
            '\t' => self.line.push('\t'),
            c if (c as u32) < 0x20 => {}
            c => self.line.push(c),
        }
    }

    /// Ends a paragraph; `cell_mark`: it ended with a cell mark (`\u{7}`), not `\r`.
    fn end_paragraph(&mut self, props: ParaProps, cell_mark: bool) {
        let text = std::mem::take(&mut self.line);
        let images = std::mem::take(&mut self.images);
        if !props.in_table {
            self.flush_table();
            let text = text.trim_end_matches('\n');
            if !text.trim().is_empty() || images.is_empty() {
                self.out.paragraph(text);
            }
            for d in &images {
                self.out.image(d);
            }
            return;
        }
        let t = self.table.get_or_insert_with(TableState::default);
        let text = text.replace('\n', " ");
        if props.depth > 1 && !cell_mark {
            // A table in a cell: its text joins the outer cell; its row ends are empty.
            if !props.inner_row_end && !text.trim().is_empty() {
                t.cell_paras.push(text);
            }
            return;
        }
        if props.row_end {
            let row = std::mem::take(&mut t.row);
            t.cell_paras.clear();
            t.rows.push((row, props.cells));
            return;
        }
        if !text.trim().is_empty() {
            t.cell_paras.push(text.trim().to_owned());
        }
        for _ in &images {
            t.cell_paras.push("[图片]".to_owned());
        }
        if cell_mark {
            let paras = std::mem::take(&mut t.cell_paras);
            t.row.push(RawCell {
                text: paras.join(" "),
                row_span: 1,
                col_span: 1,
                merged_up: false,
            });
        }
    }

    fn flush_table(&mut self) {
        let Some(t) = self.table.take() else { return };
        let mut rows = t.rows;
        if !t.row.is_empty() {
            rows.push((t.row, Vec::new()));
        }
        if rows.is_empty() {
            return;
        }
        let rows = spans(rows);
        self.out.table(resolve_vmerge(rows));
    }
}

/// Column and row spans from the rows' cell boundaries: the table's columns are all the
/// boundaries of all its rows (as Word lays a table out), and a cell spans the columns between
/// its own boundaries. A cell merged into the one before it (`hmerge` 2) widens that one; a
/// cell that continues a vertical merge is marked for [`resolve_vmerge`].
fn spans(rows: Vec<(Vec<RawCell>, Vec<CellDef>)>) -> Vec<Vec<RawCell>> {
    // Boundaries a few twips apart are one (rows drawn by hand rarely line up exactly).
    const SLACK: i32 = 30;
    let mut xs: Vec<i32> = rows
        .iter()
        .filter(|(cells, defs)| defs.len() == cells.len())
        .flat_map(|(_, defs)| defs.iter().flat_map(|d| [d.left as i32, d.right as i32]))
        .collect();
    xs.sort_unstable();
    let mut columns: Vec<i32> = Vec::new();
    for x in xs {
        if columns.last().is_none_or(|&c| x - c > SLACK) {
            columns.push(x);
        }
    }
    let column = |x: i16| -> usize {
        let x = x as i32;
        columns.iter().rposition(|&c| c <= x + SLACK).unwrap_or(0)
    };
    rows.into_iter()
        .map(|(cells, defs)| {
            if defs.len() != cells.len() {
                return cells;
            }
            let mut out: Vec<RawCell> = Vec::with_capacity(cells.len());
            for (mut cell, def) in cells.into_iter().zip(defs) {
                let span = column(def.right).saturating_sub(column(def.left)).max(1);
                if def.hmerge == 2 {
                    if let Some(prev) = out.last_mut() {
                        prev.col_span += span;
                        if prev.text.is_empty() {
                            prev.text = cell.text;
                        }
                        continue;
                    }
                }
                cell.col_span = span;
                cell.merged_up = def.vmerge == 1;
                out.push(cell);
            }
            out
        })
        .collect()
}
