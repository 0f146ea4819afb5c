//! A minimal .docx writer for tests and fixtures: paragraphs (optionally numbered through
//! `word/numbering.xml`), tables with spans, and pictures. The archive is deterministic (fixed
//! timestamps), so fixtures made from it are stable.

use std::io::Write;

/// One block of a document to write.
#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(String),
    /// A paragraph numbered by Word: the text without its number, the list (1 = Chinese
    /// `一、`, 2 = `（一）`), the level.
    Numbered(String, u32),
    /// Rows of (text, row span, column span).
    Table(Vec<Vec<(String, usize, usize)>>),
    /// A picture with its alternative text.
    Picture(String),
    /// A floating text box holding these paragraphs, anchored in an empty paragraph, written as
    /// Word 2010 and later write it: DrawingML with a VML fallback copy.
    TextBox(Vec<String>),
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn run(text: &str) -> String {
    let mut s = String::new();
    for (i, part) in text.split('\t').enumerate() {
        if i > 0 {
            s.push_str("<w:r><w:tab/></w:r>");
        }
        if !part.is_empty() {
            s.push_str(&format!(
                "<w:r><w:rPr><w:rFonts w:eastAsia=\"仿宋\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                esc(part)
            ));
        }
    }
    s
}

fn paragraph(text: &str) -> String {
    if text.is_empty() {
        return "<w:p/>".to_owned();
    }
    format!("<w:p>{}</w:p>", run(text))
}

/// The XML of `word/document.xml` for `blocks`.
pub fn document_xml(blocks: &[Block]) -> String {
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Paragraph(t) => body.push_str(&paragraph(t)),
            Block::Numbered(t, list) => body.push_str(&format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{list}\"/></w:numPr></w:pPr>{}</w:p>",
                run(t)
            )),
            Block::Picture(alt) => body.push_str(&format!(
                "<w:p><w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"图片 1\" descr=\"{}\"/></wp:inline></w:drawing></w:r></w:p>",
                esc(alt)
            )),
            Block::TextBox(paras) => {
                let inner: String = paras.iter().map(|p| paragraph(p)).collect();
                body.push_str(&format!(
                    "<w:p><w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" xmlns:v=\"urn:schemas-microsoft-com:vml\"><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><wp:docPr id=\"2\" name=\"文本框 2\"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
                ));
            }
            Block::Table(rows) => {
                body.push_str("<w:tbl><w:tblPr/>");
                // Row spans become vMerge restart/continue cells.
                let mut pending: Vec<(usize, usize, usize)> = Vec::new(); // (col, rows left, colspan)
                for row in rows {
                    body.push_str("<w:tr>");
                    let mut col = 0;
                    let mut cells = row.iter().peekable();
                    loop {
                        if let Some(p) = pending.iter_mut().find(|p| p.0 == col && p.1 > 0) {
                            p.1 -= 1;
                            let span = p.2;
                            body.push_str(&format!(
                                "<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/><w:vMerge/></w:tcPr><w:p/></w:tc>"
                            ));
                            col += span;
                            continue;
                        }
                        let Some((text, rs, cs)) = cells.next() else { break };
                        let mut pr = format!("<w:gridSpan w:val=\"{cs}\"/>");
                        if *rs > 1 {
                            pr.push_str("<w:vMerge w:val=\"restart\"/>");
                            pending.push((col, rs - 1, *cs));
                        }
                        body.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", paragraph(text)));
                        col += cs;
                    }
                    pending.retain(|p| p.1 > 0);
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// A zip archive of `parts` (name, content), deflated, with fixed timestamps.
pub fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, data) in parts {
        // Writing to memory cannot fail.
        let _ = zip.start_file(*name, options);
        let _ = zip.write_all(data);
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// A .docx file holding `blocks`.
pub fn docx(blocks: &[Block]) -> Vec<u8> {
    let doc = document_xml(blocks);
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
    ])
}

/// Lines of `text` grouped: runs of lines holding tabs (a table pasted as text) as tables,
/// the other lines as paragraphs.
///
/// A Word export with one cell per line (`\t0` lines, a blank line after each row, as in seed
/// 003) becomes a table with one row per group of cell lines, as the Word file it came from had.
pub fn blocks_of(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    // Cells of the row being collected from one-cell-per-line text.
    let mut cell_row: Vec<(String, usize, usize)> = Vec::new();
    let lines: Vec<&str> = text
        .strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .collect();
    let is_cell_line = |l: &str| {
        let l = l.trim_start_matches(' ');
        l.starts_with('\t') && !l[1..].contains('\t')
    };
    let flush = |blocks: &mut Vec<Block>, row: &mut Vec<(String, usize, usize)>| {
        if row.is_empty() {
            return;
        }
        let mut row = std::mem::take(row);
        if let Some(Block::Table(rows)) = blocks.last_mut() {
            // A row whose label cells the export lost (merged cells in Word): empty cells in
            // front, so that its numbers stand under the previous row's numbers.
            let prev = rows.last().map_or(0, Vec::len);
            let starts_with_number =
                row[0].0.trim().chars().all(|c| c.is_ascii_digit()) && !row[0].0.trim().is_empty();
            if starts_with_number && row.len() < prev {
                let pad = prev - row.len();
                row.splice(0..0, std::iter::repeat_n((String::new(), 1, 1), pad));
            }
            rows.push(row);
        } else {
            blocks.push(Block::Table(vec![row]));
        }
    };
    for (i, &line) in lines.iter().enumerate() {
        if is_cell_line(line) {
            // ` \t` (a space before the tab) starts a row whose first cells the export lost.
            if line.starts_with(' ') {
                flush(&mut blocks, &mut cell_row);
            }
            cell_row.push((line.trim_start_matches(' ')[1..].to_owned(), 1, 1));
            continue;
        }
        if line.trim().is_empty() && !cell_row.is_empty() {
            // The row ends; the table goes on if cell lines follow.
            flush(&mut blocks, &mut cell_row);
            if lines.get(i + 1).is_some_and(|n| is_cell_line(n)) {
                continue;
            }
            blocks.push(Block::Paragraph(String::new()));
            continue;
        }
        if !cell_row.is_empty() {
            // A label broken over two lines (`5.要求行政机关确认或重新` / `出具已获取信息`).
            if let Some(last) = cell_row.last_mut() {
                last.0.push_str(line);
                continue;
            }
        }
        if line.contains('\t') {
            let row: Vec<(String, usize, usize)> =
                line.split('\t').map(|c| (c.to_owned(), 1, 1)).collect();
            if let Some(Block::Table(rows)) = blocks.last_mut() {
                rows.push(row);
                continue;
            }
            blocks.push(Block::Table(vec![row]));
        } else {
            blocks.push(Block::Paragraph(line.to_owned()));
        }
    }
    flush(&mut blocks, &mut cell_row);
    blocks
}

/// A .docx with one paragraph per line of `text`; lines with tabs become Word tables.
pub fn docx_from_text(text: &str) -> Vec<u8> {
    docx(&blocks_of(text))
}

/// An HTML page with one paragraph per line of `text`, inside site furniture that a reader must
/// drop (navigation, a script, a style, a footer).
pub fn html_from_text(title: &str, text: &str) -> String {
    let mut body = String::new();
    // Spaces as &nbsp; so that the page shows them as the text file has them.
    let cell = |s: &str| esc(s).replace(' ', "&nbsp;");
    for block in blocks_of(text) {
        match block {
            Block::Table(rows) => {
                body.push_str("<table border=\"1\">\n");
                for row in rows {
                    body.push_str("<tr>");
                    for (c, _, _) in row {
                        body.push_str(&format!("<td>{}</td>", cell(&c)));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</table>\n");
            }
            Block::Paragraph(line) => body.push_str(&format!("<p>{}</p>\n", cell(&line))),
            _ => {}
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{t}</title>\n<style>body {{ font-family: serif; }}</style>\n<script>var nav = ['首页', '政务公开'];</script></head>\n<body>\n<div class=\"header\"><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/zwgk/\">政务公开</a> <a href=\"/zfxxgk/\">政府信息公开</a></div></div>\n<div class=\"position\">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>\n<div class=\"TRS_Editor\">\n{body}</div>\n<div class=\"footer\">主办单位：某某人民政府办公室 网站标识码 0000000000</div>\n<script>document.title = '{t}';</script>\n</body></html>\n",
        t = esc(title)
    )
}

/// A one-page PDF whose text layer holds `lines` (Chinese included: a Type0 font with an
/// identity CMap and a ToUnicode map, so any BMP character can be shown without embedding a
/// font). `None` gives a page with no text at all, as a scan has.
pub fn pdf(lines: Option<&[&str]>) -> Vec<u8> {
    let mut content = String::new();
    if let Some(lines) = lines {
        content.push_str("BT /F1 10 Tf 12 TL 40 800 Td\n");
        for line in lines {
            let hex: String = line.encode_utf16().map(|u| format!("{u:04X}")).collect();
            content.push_str(&format!("<{hex}> Tj T*\n"));
        }
        content.push_str("ET\n");
    } else {
        content.push_str("q 500 0 0 700 40 60 cm 0.5 g 0 0 1 1 re f Q\n");
    }
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 /CIDToGIDMap /Identity >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len() + 1),
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
