//! Word 97–2003 (.doc) and WPS (.wps) documents: an OLE2 compound file whose `WordDocument`
//! stream holds the text and whose table stream (`0Table`/`1Table`) says where it is.
//!
//! Read ([MS-DOC]): the File Information Block (FIB) gives the length of the main text and the
//! place of the piece table (CLX); each piece is text stored as UTF-16 or, "compressed", as one
//! byte per character (Windows-1252). Field codes (`HYPERLINK "…"`, `PAGE`) are dropped and their
//! results kept. Paragraph properties (the PAPX pages the `PlcBtePapx` points at) tell a cell end
//! from a row end; the row's table definition (`sprmTDefTable`: cell boundaries and vertical
//! merges) gives each cell its column and row span, so tables come out as grids like a .docx's.
//! A table inside a cell is read as text of that cell. Automatic list numbers (`一、`, `（一）`)
//! are read as Word shows them, from the list tables (`PlfLst`, `PlfLfo`), set on the paragraph
//! or through its style (`STSH`). Text boxes are read where they are anchored (the anchor's
//! shape found in `PlcSpaMom`, its text in the text box subdocument through `PlcftxbxTxt`).
//! Deleted revisions not yet accepted and hidden text (marked in the character properties, the
//! CHPX pages) are left out. Inline pictures become `[图片]` lines.
//!
//! Left out: headers, footers, footnotes and comments (kept in other parts of the text, after
//! the body's).
//!
//! WPS Office saves .wps (and .doc) in this same structure, so such files read like Word's.
//! What cannot be read gets a message naming what it is and asking for a .docx: a document with
//! an opening password, a Word 6/95 file, a Microsoft Works or Kingsoft WPS 2000-era file, an
//! Excel or PowerPoint file, an encrypted .docx (which is an OLE2 container too).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use crate::builder::{RawCell, TextBuilder};
use crate::docx::{format_number, resolve_vmerge};
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
                crate::not_the_report("Excel 工作簿（.xls）")
            } else if has(&cfb, "PowerPoint Document") {
                crate::not_the_report("PowerPoint 演示文稿（.ppt）")
            } else if has(&cfb, "CONTENTS") || has(&cfb, "MatOST") {
                unsupported("这是 Microsoft Works 文档（.wps），无法读取")
            } else {
                unsupported(
                "这是 OLE2 复合文档，但没有 Word 正文部分（WordDocument），可能是旧版 WPS（2003 及更早）或其他程序的文件，无法读取",
            )
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
    let lists = Lists::parse(&table, &fib);
    let styles = Styles::parse(&table, fib.fc_stshf, fib.lcb_stshf);
    let mut reader = Reader::new(&clx, &papx, lists, styles);
    reader.hidden = hidden_runs(&word, &table, fib.fc_bte_chpx, fib.lcb_bte_chpx);
    reader.boxes = TextBoxes::new(&table, &fib);
    Ok(reader.run(&word, fib.ccp_text))
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
    /// Where the text boxes' text starts: after the body, footnotes, headers, macros,
    /// comments and endnotes.
    cp_txbx: u32,
    fc_plc_spa_mom: u32,
    lcb_plc_spa_mom: u32,
    fc_plcf_txbx_txt: u32,
    lcb_plcf_txbx_txt: u32,
    fc_clx: u32,
    lcb_clx: u32,
    fc_bte_chpx: u32,
    lcb_bte_chpx: u32,
    fc_bte_papx: u32,
    lcb_bte_papx: u32,
    fc_stshf: u32,
    lcb_stshf: u32,
    fc_plf_lst: u32,
    lcb_plf_lst: u32,
    fc_plf_lfo: u32,
    lcb_plf_lfo: u32,
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
        let cp_txbx = (4..=8)
            .map(|i| u32_at(w, rg_lw + i * 4).unwrap_or(0))
            .fold(ccp_text, u32::saturating_add);
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
        let (fc_stshf, lcb_stshf) = pair(1)?;
        let (fc_bte_chpx, lcb_bte_chpx) = pair(12)?;
        let (fc_bte_papx, lcb_bte_papx) = pair(13)?;
        let (fc_clx, lcb_clx) = pair(33)?;
        // The list tables (absent from the FIB of a document that never had a list).
        let (fc_plf_lst, lcb_plf_lst) = pair(73).unwrap_or((0, 0));
        let (fc_plc_spa_mom, lcb_plc_spa_mom) = pair(40).unwrap_or((0, 0));
        let (fc_plcf_txbx_txt, lcb_plcf_txbx_txt) = pair(56).unwrap_or((0, 0));
        let (fc_plf_lfo, lcb_plf_lfo) = pair(74).unwrap_or((0, 0));
        Ok(Fib {
            which_table: flags & 0x0200 != 0,
            ccp_text,
            cp_txbx,
            fc_plc_spa_mom,
            lcb_plc_spa_mom,
            fc_plcf_txbx_txt,
            lcb_plcf_txbx_txt,
            fc_clx,
            lcb_clx,
            fc_bte_chpx,
            lcb_bte_chpx,
            fc_bte_papx,
            lcb_bte_papx,
            fc_stshf,
            lcb_stshf,
            fc_plf_lst,
            lcb_plf_lst,
            fc_plf_lfo,
            lcb_plf_lfo,
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
    /// The list the paragraph is numbered in (1-based index of its list format override; 0:
    /// none) and its level.
    ilfo: Option<u16>,
    ilvl: Option<u8>,
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

    /// The style and property modifiers of the paragraph whose mark is at byte `fc`.
    fn grpprl(&self, fc: u32) -> Option<(u16, &'a [u8])> {
        // The pages are in text order: a binary search, not a scan per paragraph.
        let i = self.pages.partition_point(|(_, b, _)| *b <= fc);
        let &(a, _, pn) = self.pages.get(i)?;
        if a > fc {
            return None;
        }
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
        let istd = u16_at(fkp, start)?;
        Some((istd, fkp.get(start + 2..(start + len).min(512))?))
    }

    fn props(&self, fc: u32, piece_sprms: &[u8], styles: &Styles) -> ParaProps {
        let mut p = ParaProps::default();
        if let Some((istd, g)) = self.grpprl(fc) {
            self.apply(&mut p, g, true);
            // Numbering through the paragraph's style (a heading style tied to a list), unless
            // the paragraph sets its own.
            if let Some((ilfo, ilvl)) = styles.numbering(istd) {
                if p.ilfo.is_none() {
                    p.ilfo = Some(ilfo);
                    p.ilvl = p.ilvl.or(ilvl);
                }
            }
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
                0x460B => p.ilfo = u16_at(op, 0),
                0x260A => p.ilvl = op.first().copied(),
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

/// Byte ranges of the text whose character properties mark it deleted (a revision not yet
/// accepted: `sprmCFRMarkDel`) or hidden (`sprmCFVanish`), from the CHPX pages.
fn hidden_runs(word: &[u8], table: &[u8], fc: u32, lcb: u32) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    let Some(plc) = slice(table, fc, lcb) else {
        return out;
    };
    let n = plc.len().saturating_sub(4) / 8;
    for i in 0..n {
        let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
            break;
        };
        let at = (pn & 0x003F_FFFF) as usize * 512;
        let Some(fkp) = word.get(at..at + 512) else {
            continue;
        };
        let crun = (fkp[511] as usize).min(101);
        for j in 0..crun {
            let (Some(a), Some(b)) = (u32_at(fkp, j * 4), u32_at(fkp, j * 4 + 4)) else {
                break;
            };
            let offset = fkp.get((crun + 1) * 4 + j).copied().unwrap_or(0) as usize * 2;
            if offset == 0 {
                continue;
            }
            let Some(&cb) = fkp.get(offset) else { continue };
            let g = fkp
                .get(offset + 1..(offset + 1 + cb as usize).min(512))
                .unwrap_or(&[]);
            let hidden = Sprms(g).any(|(sprm, op)| {
                matches!(sprm, 0x0800 | 0x083C) && op.first().is_some_and(|&v| v == 1 || v == 0x81)
            });
            if hidden && a < b {
                out.push((a, b));
            }
        }
    }
    out.sort_unstable();
    out
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
    /// How many of them are (so that the test is not a walk over all of them per character).
    in_code: usize,
    cache: HashMap<u32, ParaProps>,
    lists: Lists,
    styles: Styles,
    /// Byte ranges of text not shown: deleted revisions and hidden text, sorted.
    hidden: Vec<(u32, u32)>,
    boxes: TextBoxes,
}

impl<'a> Reader<'a> {
    fn new(clx: &'a Clx, papx: &'a Papx<'a>, lists: Lists, styles: Styles) -> Self {
        Reader {
            lists,
            styles,
            hidden: Vec::new(),
            boxes: TextBoxes::default(),
            clx,
            papx,
            out: TextBuilder::new(),
            line: String::new(),
            images: Vec::new(),
            table: None,
            fields: Vec::new(),
            in_code: 0,
            cache: HashMap::new(),
        }
    }

    fn run(mut self, word: &[u8], ccp_text: u32) -> Extracted {
        let clx = self.clx;
        // Each character is stored once: pieces that claim more text than the stream holds
        // (overlapping, in a hostile file) stop there.
        let mut budget = word.len();
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
                let cp = piece.cp_start + i;
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
                if c == '\u{8}' && !self.in_code() && !self.is_hidden(fc as u32) {
                    self.text_box(word, cp);
                }
                self.char(c, fc as u32, piece);
                i += 1;
                budget = budget.saturating_sub(width);
                if budget == 0 {
                    break;
                }
            }
            if budget == 0 {
                break;
            }
        }
        if !self.line.is_empty() || !self.images.is_empty() {
            self.end_paragraph(ParaProps::default(), false);
        }
        self.flush_table();
        self.out.finish()
    }

    fn in_code(&self) -> bool {
        self.in_code > 0
    }

    /// The text box anchored at `cp`, if the drawn object there is one: its paragraphs where it
    /// is anchored, before the rest of the anchoring paragraph (as the .docx reader does).
    fn text_box(&mut self, word: &[u8], cp: u32) {
        let Some((start, end)) = self.boxes.story_at(cp) else {
            return;
        };
        let text = story_text(self.clx, word, start, end, &self.hidden);
        let lines = text.split('\n').map(str::trim).filter(|l| !l.is_empty());
        match &mut self.table {
            Some(t) => t.cell_paras.extend(lines.map(str::to_owned)),
            None => {
                for l in lines {
                    self.out.paragraph(l);
                }
            }
        }
    }

    fn is_hidden(&self, fc: u32) -> bool {
        let i = self.hidden.partition_point(|&(_, end)| end <= fc);
        self.hidden.get(i).is_some_and(|&(start, _)| start <= fc)
    }

    fn char(&mut self, c: char, fc: u32, piece: &Piece) {
        // Deleted and hidden text is not read, but its paragraph and cell marks still end
        // paragraphs and cells (Word shows a deleted mark's paragraph joined to the next only
        // once the deletion is accepted).
        if !matches!(c, '\r' | '\u{7}') && self.is_hidden(fc) {
            return;
        }
        match c {
            '\r' | '\u{7}' => {
                let props = match self.cache.get(&fc) {
                    Some(p) => p.clone(),
                    None => {
                        let p = self
                            .papx
                            .props(fc, self.clx.piece_sprms(piece), &self.styles);
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
            '\u{13}' => {
                self.fields.push(true);
                self.in_code += 1;
            }
            '\u{14}' => {
                if let Some(top) = self.fields.last_mut() {
                    if std::mem::replace(top, false) {
                        self.in_code -= 1;
                    }
                }
            }
            '\u{15}' => {
                if self.fields.pop() == Some(true) {
                    self.in_code -= 1;
                }
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
        let mut text = std::mem::take(&mut self.line);
        if let (Some(ilfo @ 1..), false) = (props.ilfo, text.trim().is_empty()) {
            let label = self.lists.label(ilfo, props.ilvl.unwrap_or(0));
            text.insert_str(0, &label);
        }
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
        columns
            .partition_point(|&c| c <= x + SLACK)
            .saturating_sub(1)
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
                        prev.col_span = prev.col_span.saturating_add(span);
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

// ---------------------------------------------------------------------------------------------
// Lists

/// One level of a list: where it starts, its number format and its number text (`%1、` is
/// stored as the level's index, 0, followed by `、`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    nfc: u8,
    text: Vec<u16>,
    /// What follows the number: 0 a tab, 1 a space, 2 nothing.
    follow: u8,
}

/// The document's lists (`PlfLst`) and list format overrides (`PlfLfo`), and the counters
/// Word keeps while it numbers paragraphs.
#[derive(Debug, Default)]
struct Lists {
    /// lsid → levels
    lists: HashMap<i32, Vec<Level>>,
    /// ilfo - 1 → (lsid, start overrides by level)
    overrides: Vec<(i32, HashMap<u8, u32>)>,
    counters: HashMap<i32, [Option<u32>; 9]>,
}

impl Lists {
    fn parse(table: &[u8], fib: &Fib) -> Lists {
        let mut out = Lists::default();
        if fib.lcb_plf_lst >= 2 {
            let at = fib.fc_plf_lst as usize;
            let n = u16_at(table, at).unwrap_or(0) as usize;
            // The LSTFs, then every list's levels one after the other.
            let mut lvl_at = at + 2 + n * 28;
            for i in 0..n {
                let lstf = at + 2 + i * 28;
                let (Some(lsid), Some(&flags)) =
                    (u32_at(table, lstf).map(|v| v as i32), table.get(lstf + 26))
                else {
                    break;
                };
                let count = if flags & 1 == 1 { 1 } else { 9 };
                let mut levels = Vec::with_capacity(count);
                for _ in 0..count {
                    match parse_level(table, lvl_at) {
                        Some((level, next)) => {
                            levels.push(level);
                            lvl_at = next;
                        }
                        None => break,
                    }
                }
                out.lists.insert(lsid, levels);
            }
        }
        if fib.lcb_plf_lfo >= 4 {
            let at = fib.fc_plf_lfo as usize;
            let n = (u32_at(table, at).unwrap_or(0) as usize).min(table.len() / 16);
            let mut data_at = at + 4 + n * 16;
            for i in 0..n {
                let lfo = at + 4 + i * 16;
                let lsid = u32_at(table, lfo).unwrap_or(0) as i32;
                let clfolvl = table.get(lfo + 12).copied().unwrap_or(0) as usize;
                let mut starts = HashMap::new();
                // LFOData: a CP, then the level overrides.
                data_at += 4;
                for _ in 0..clfolvl {
                    let (Some(start), Some(flags)) =
                        (u32_at(table, data_at), u32_at(table, data_at + 4))
                    else {
                        break;
                    };
                    data_at += 8;
                    let ilvl = (flags & 0xF) as u8;
                    if flags & 0x10 != 0 {
                        starts.insert(ilvl, start);
                    }
                    if flags & 0x20 != 0 {
                        // fFormatting: a whole level follows.
                        match parse_level(table, data_at) {
                            Some((_, next)) => data_at = next,
                            None => break,
                        }
                    }
                }
                out.overrides.push((lsid, starts));
            }
        }
        out
    }

    /// The number Word shows before a paragraph of list `ilfo` at level `ilvl`, counting it.
    fn label(&mut self, ilfo: u16, ilvl: u8) -> String {
        // 0xF801: numbering explicitly removed; other values past the overrides: none.
        let Some((lsid, starts)) = self.overrides.get((ilfo as usize).wrapping_sub(1)) else {
            return String::new();
        };
        let Some(levels) = self.lists.get(lsid) else {
            return String::new();
        };
        let l = (ilvl as usize).min(levels.len().saturating_sub(1));
        let Some(level) = levels.get(l) else {
            return String::new();
        };
        if level.nfc == 23 || level.nfc == 0xFF {
            return String::new(); // a bullet, or no number
        }
        let start_of = |k: usize| {
            starts
                .get(&(k as u8))
                .copied()
                .unwrap_or_else(|| levels.get(k).map_or(1, |lv| lv.start))
        };
        let counters = self.counters.entry(*lsid).or_insert([None; 9]);
        counters[l] = Some(counters[l].map_or(start_of(l), |c| c.saturating_add(1)));
        for c in counters.iter_mut().skip(l + 1) {
            *c = None;
        }
        let mut label = String::new();
        for u in char::decode_utf16(level.text.iter().copied()) {
            let Ok(c) = u else { continue };
            let k = c as usize;
            if k < 9 {
                let value = counters[k].unwrap_or_else(|| start_of(k));
                let nfc = levels.get(k).map_or(0, |lv| lv.nfc);
                label.push_str(&format_number(value, nfc_name(nfc)));
            } else {
                label.push(c);
            }
        }
        if level.follow == 1 {
            label.push(' ');
        }
        label
    }
}

/// An LVL at `at`: the level and where the next one starts.
fn parse_level(table: &[u8], at: usize) -> Option<(Level, usize)> {
    let lvlf = table.get(at..at + 28)?;
    let start = u32_at(lvlf, 0)?;
    let nfc = lvlf[4];
    let follow = lvlf[15];
    let (chpx, papx) = (lvlf[24] as usize, lvlf[25] as usize);
    let xst = at + 28 + papx + chpx;
    let cch = u16_at(table, xst)? as usize;
    let text: Vec<u16> = (0..cch)
        .map(|i| u16_at(table, xst + 2 + i * 2))
        .collect::<Option<_>>()?;
    Some((
        Level {
            start,
            nfc,
            text,
            follow,
        },
        xst + 2 + cch * 2,
    ))
}

/// Word's number formats (`nfc`, the same list as OOXML's `ST_NumberFormat`) by the names the
/// .docx reader formats.
fn nfc_name(nfc: u8) -> &'static str {
    match nfc {
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        10 => "ideographDigital",
        14 | 19 => "decimalFullWidth",
        18 => "decimalEnclosedCircle",
        22 => "decimalZero",
        26 => "decimalEnclosedFullstop",
        27 => "decimalEnclosedParen",
        28 => "decimalEnclosedCircleChinese",
        30 => "ideographTraditional",
        33 | 35 => "taiwaneseCountingThousand",
        37 => "chineseCounting",
        38 => "chineseLegalSimplified",
        39 => "chineseCountingThousand",
        _ => "decimal",
    }
}

// ---------------------------------------------------------------------------------------------
// Styles

/// The numbering paragraph styles carry (`STSH`): by style index, the list format override and
/// level a style sets, resolved through the styles it is based on.
#[derive(Debug, Default)]
struct Styles {
    /// istd → (ilfo, ilvl), as the style's own properties set them
    own: Vec<(Option<u16>, Option<u8>, u16)>,
}

impl Styles {
    fn parse(table: &[u8], fc: u32, lcb: u32) -> Styles {
        let mut out = Styles::default();
        let Some(stsh) = slice(table, fc, lcb) else {
            return out;
        };
        let (Some(cb_stshi), Some(cstd), Some(cb_base)) =
            (u16_at(stsh, 0), u16_at(stsh, 2), u16_at(stsh, 4))
        else {
            return out;
        };
        let cb_base = cb_base as usize;
        let mut at = 2 + cb_stshi as usize;
        for _ in 0..cstd {
            let Some(cb) = u16_at(stsh, at) else { break };
            let std = stsh.get(at + 2..at + 2 + cb as usize).unwrap_or(&[]);
            at += 2 + cb as usize;
            let mut entry = (None, None, 0x0FFF);
            if let (Some(stk_base), Some(cch)) = (u16_at(std, 2), u16_at(std, cb_base)) {
                entry.2 = stk_base >> 4;
                // A paragraph style: its first UPX holds its paragraph properties (istd, then
                // the modifiers), after the name (length, characters, a terminating zero).
                if stk_base & 0xF == 1 {
                    let upx = cb_base + 2 + cch as usize * 2 + 2;
                    if let Some(len) = u16_at(std, upx) {
                        let g = std.get(upx + 4..upx + 2 + len as usize).unwrap_or(&[]);
                        for (sprm, op) in Sprms(g) {
                            match sprm {
                                0x460B => entry.0 = u16_at(op, 0),
                                0x260A => entry.1 = op.first().copied(),
                                _ => {}
                            }
                        }
                    }
                }
            }
            out.own.push(entry);
        }
        out
    }

    /// The list format override and level style `istd` numbers its paragraphs with, if any.
    fn numbering(&self, istd: u16) -> Option<(u16, Option<u8>)> {
        let (mut ilfo, mut ilvl) = (None, None);
        let mut at = istd as usize;
        // A chain of bases, bounded: a loop in a hostile file ends.
        for _ in 0..16 {
            let Some(&(f, l, base)) = self.own.get(at) else {
                break;
            };
            ilfo = ilfo.or(f);
            ilvl = ilvl.or(l);
            if ilfo.is_some() || base == 0x0FFF {
                break;
            }
            at = base as usize;
        }
        ilfo.map(|f| (f, ilvl))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A style sheet as Word writes it: a header, then each style's length and STD (base,
    /// name, paragraph UPX).
    fn stsh(styles: &[(u16, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let cb_base: u16 = 0x12;
        // cbStshi, then Stshi: cstd, cbSTDBaseInFile, and padding to its 18 bytes.
        out.extend_from_slice(&18u16.to_le_bytes());
        out.extend_from_slice(&(styles.len() as u16).to_le_bytes());
        out.extend_from_slice(&cb_base.to_le_bytes());
        out.extend_from_slice(&[0; 14]);
        for (base, grpprl) in styles {
            let mut std = vec![0u8; cb_base as usize];
            // stk 1 (paragraph), istdBase
            std[2..4].copy_from_slice(&((base << 4) | 1).to_le_bytes());
            // name "s": length, character, terminator
            std.extend_from_slice(&1u16.to_le_bytes());
            std.extend_from_slice(&(b's' as u16).to_le_bytes());
            std.extend_from_slice(&0u16.to_le_bytes());
            // UPX: cbUpx, istd, modifiers
            std.extend_from_slice(&((2 + grpprl.len()) as u16).to_le_bytes());
            std.extend_from_slice(&0u16.to_le_bytes());
            std.extend_from_slice(grpprl);
            out.extend_from_slice(&(std.len() as u16).to_le_bytes());
            out.extend_from_slice(&std);
        }
        out
    }

    #[test]
    fn numbering_through_a_style_and_its_base() {
        // 0: Normal; 1: a heading style on list 1; 2: based on 1, level 2.
        let sheet = stsh(&[
            (0x0FFF, &[]),
            (0, &[0x0B, 0x46, 1, 0]),
            (1, &[0x0A, 0x26, 1]),
        ]);
        let styles = Styles::parse(&sheet, 0, sheet.len() as u32);
        assert_eq!(styles.numbering(0), None);
        assert_eq!(styles.numbering(1), Some((1, None)));
        assert_eq!(styles.numbering(2), Some((1, Some(1))));
        // A base chain that loops ends.
        let sheet = stsh(&[(1, &[]), (0, &[])]);
        assert_eq!(
            Styles::parse(&sheet, 0, sheet.len() as u32).numbering(0),
            None
        );
    }

    #[test]
    fn sprms_with_every_operand_size() {
        // sprmPFInTable (1 byte), sprmPIlfo (2), sprmPItap (4), sprmTDefTable (length + 1).
        let g = [
            0x16, 0x24, 1, 0x0B, 0x46, 2, 0, 0x49, 0x66, 1, 0, 0, 0, 0x08, 0xD6, 2, 0, 9, 9, 9,
        ];
        let got: Vec<(u16, usize)> = Sprms(&g).map(|(s, o)| (s, o.len())).collect();
        assert_eq!(got, [(0x2416, 1), (0x460B, 2), (0x6649, 4), (0xD608, 3)]);
        // Cut short: stops, no panic.
        assert_eq!(Sprms(&g[..5]).count(), 1);
    }

    #[test]
    fn not_an_ole2_file_is_an_error_not_a_panic() {
        let l = Limits::default();
        assert!(extract(b"", &l).is_err());
        let mut b = OLE2_MAGIC.to_vec();
        b.extend_from_slice(&[0xFF; 600]);
        let e = extract(&b, &l).unwrap_err().to_string();
        assert!(e.contains("另存为 .docx"), "{e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Text boxes

/// Where each text box's text is: the drawn objects anchored in the body (`PlcSpaMom`: the CP
/// of each anchor and its shape id) and the stories of the text box subdocument
/// (`PlcftxbxTxt`: CP ranges and the shape each belongs to).
#[derive(Debug, Default)]
struct TextBoxes {
    /// (anchor cp, shape id, rank among the anchors that hold a text box), by cp
    anchors: Vec<(u32, u32, Option<usize>)>,
    /// (start, end) in document CPs, in order
    stories: Vec<(u32, u32)>,
    /// shape id → story
    by_shape: HashMap<u32, usize>,
}

impl TextBoxes {
    fn new(table: &[u8], fib: &Fib) -> TextBoxes {
        let mut out = TextBoxes::default();
        if let Some(plc) = slice(table, fib.fc_plc_spa_mom, fib.lcb_plc_spa_mom) {
            let n = plc.len().saturating_sub(4) / 30;
            let mut with_box = Vec::new();
            for i in 0..n {
                let fspa = (n + 1) * 4 + i * 26;
                if let (Some(cp), Some(spid), Some(ctxbx)) = (
                    u32_at(plc, i * 4),
                    u32_at(plc, fspa),
                    u32_at(plc, fspa + 22),
                ) {
                    with_box.push((cp, spid, ctxbx != 0));
                }
            }
            with_box.sort_unstable();
            let mut rank = 0;
            for (cp, spid, has_box) in with_box {
                out.anchors.push((cp, spid, has_box.then_some(rank)));
                rank += usize::from(has_box);
            }
        }
        if let Some(plc) = slice(table, fib.fc_plcf_txbx_txt, fib.lcb_plcf_txbx_txt) {
            let n = plc.len().saturating_sub(4) / 26;
            for i in 0..n {
                let (Some(a), Some(b), Some(lid)) = (
                    u32_at(plc, i * 4),
                    u32_at(plc, i * 4 + 4),
                    u32_at(plc, (n + 1) * 4 + i * 22 + 14),
                ) else {
                    break;
                };
                out.by_shape.entry(lid).or_insert(out.stories.len());
                out.stories
                    .push((fib.cp_txbx.saturating_add(a), fib.cp_txbx.saturating_add(b)));
            }
        }
        out
    }

    /// The story of the text box whose shape is anchored at `cp`: by its shape id, else (a
    /// writer that numbers them otherwise) by its rank among the anchors that hold text boxes.
    fn story_at(&self, cp: u32) -> Option<(u32, u32)> {
        let i = self.anchors.binary_search_by_key(&cp, |a| a.0).ok()?;
        let (_, spid, rank) = self.anchors[i];
        let story = self.by_shape.get(&spid).copied().or(rank)?;
        self.stories.get(story).copied()
    }
}

/// The text of the CP range `start..end`, paragraphs as lines: field codes, hidden text and
/// control characters left out, cell marks as spaces.
fn story_text(clx: &Clx, word: &[u8], start: u32, end: u32, hidden: &[(u32, u32)]) -> String {
    let mut out = String::new();
    let mut fields: Vec<bool> = Vec::new();
    // A text box holds a few lines: a bound keeps a hostile range short.
    let end = end.min(start.saturating_add(4096));
    for p in &clx.pieces {
        let (a, b) = (p.cp_start.max(start), p.cp_end.min(end));
        for cp in a..b.max(a) {
            let i = (cp - p.cp_start) as usize;
            let (c, fc) = if p.compressed {
                let fc = p.fc as usize + i;
                match word.get(fc) {
                    Some(&b) => (compressed_char(b), fc),
                    None => break,
                }
            } else {
                let fc = p.fc as usize + i * 2;
                match u16_at(word, fc) {
                    Some(u) => (char::from_u32(u as u32).unwrap_or('\u{fffd}'), fc),
                    None => break,
                }
            };
            let shown = {
                let k = hidden.partition_point(|&(_, e)| e as usize <= fc);
                hidden.get(k).is_none_or(|&(s, _)| s as usize > fc)
            };
            match c {
                '\u{13}' => fields.push(true),
                '\u{14}' => {
                    if let Some(top) = fields.last_mut() {
                        *top = false;
                    }
                }
                '\u{15}' => {
                    fields.pop();
                }
                '\r' | '\u{b}' | '\u{c}' => out.push('\n'),
                _ if fields.last() == Some(&true) || !shown => {}
                '\u{7}' | '\t' => out.push(' '),
                c if (c as u32) < 0x20 => {}
                c => out.push(c),
            }
        }
    }
    out
}
