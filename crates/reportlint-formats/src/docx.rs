//! Word documents (.docx): a zip archive whose `word/document.xml` holds the body.
//!
//! Read: paragraphs in order, with list numbers as Word shows them (from `word/numbering.xml`,
//! directly on the paragraph or through its style), line breaks and tabs; tables as grids
//! (`gridSpan`, `vMerge`, the older `hMerge`, `gridBefore`); text boxes where they are anchored
//! (their paragraphs before the rest of the anchoring paragraph; the VML fallback copy of
//! alternate content is not read again); pictures as placeholders. Left out: deleted and
//! moved-away revisions, hidden text, field codes (their results are read), the text of shapes
//! and charts, headers and footers (other parts of the archive), footnotes and comments.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::budget::{self, MAX_LEVEL_TEXT, MAX_LIST_COUNTER, MAX_LIST_LABEL, MAX_SPAN};
use crate::builder::{RawCell, TextBuilder};
use crate::{Extracted, FormatError, Limits};

const DOCUMENT: &str = "word/document.xml";
const NUMBERING: &str = "word/numbering.xml";
const STYLES: &str = "word/styles.xml";

pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, FormatError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FormatError::Unsupported(
            "这是旧版 Word（.doc）或 WPS 文件，请另存为 .docx 后再检查".to_owned(),
        ));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| FormatError::BadArchive(e.to_string()))?;
    if zip.len() > limits.max_zip_entries {
        return Err(FormatError::TooManyEntries {
            entries: zip.len(),
            limit: limits.max_zip_entries,
        });
    }
    // The headers' sizes first: an archive that claims to inflate to gigabytes is refused outright.
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let size = zip
            .by_index_raw(i)
            .map_err(|e| FormatError::BadArchive(e.to_string()))?
            .size();
        declared = declared.saturating_add(size);
        if declared > limits.max_unzipped_bytes {
            return Err(FormatError::TooMuchData {
                limit: limits.max_unzipped_bytes,
            });
        }
    }
    let mut budget = limits.max_read_bytes;
    let document =
        read_part(&mut zip, DOCUMENT, &mut budget)?.ok_or_else(|| not_a_word_archive(&zip))?;
    let numbering = match read_part(&mut zip, NUMBERING, &mut budget)? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let style_numbers = match read_part(&mut zip, STYLES, &mut budget)? {
        Some(xml) => parse_style_numbers(&xml)?,
        None => HashMap::new(),
    };
    Body::new(numbering, style_numbers).read(&document)
}

/// Why a zip archive without `word/document.xml` cannot be read: what it is, by the parts it has.
fn not_a_word_archive<R: Read + std::io::Seek>(zip: &zip::ZipArchive<R>) -> FormatError {
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("xl/workbook.xml") {
        return crate::not_the_report("Excel 工作簿（.xlsx）");
    }
    if has("ppt/presentation.xml") {
        return crate::not_the_report("PowerPoint 演示文稿（.pptx）");
    }
    let what = if has("content.xml") && has("mimetype") {
        "这是 OpenDocument 文档（.odt 等），不是 Word 文档"
    } else if has("OFD.xml") {
        return FormatError::Unsupported(
            "这是 OFD 版式文件，reportlint 不能读取；请提供 PDF、.docx 或网页版本，或用 OFD 阅读器另存为 PDF"
                .to_owned(),
        );
    } else {
        return FormatError::MissingPart(DOCUMENT);
    };
    FormatError::Unsupported(format!(
        "{what}，请用 Word 或 WPS 打开后另存为 .docx 再检查"
    ))
}

/// Inflates one part, counting the bytes actually inflated against `budget` (a header may lie).
fn read_part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, FormatError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(FormatError::BadArchive(e.to_string())),
    };
    let mut out = Vec::new();
    let read = file
        .take(budget.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| FormatError::BadArchive(format!("{name}: {e}")))?;
    if read as u64 > *budget {
        return Err(FormatError::TooMuchData {
            limit: *budget + out.len() as u64 - read as u64,
        });
    }
    *budget -= read as u64;
    Ok(Some(out))
}

fn xml_error(part: &'static str, e: impl std::fmt::Display, pos: u64) -> FormatError {
    FormatError::BadXml {
        part,
        detail: format!("第 {pos} 字节：{e}"),
    }
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            a.unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    })
}

// ---------------------------------------------------------------------------------------------
// numbering

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    suffix: String,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → levels by ilvl
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl)
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    /// A level text longer than [`MAX_LEVEL_TEXT`] was cut.
    cut_level_text: bool,
}

impl Numbering {
    fn parse(xml: &[u8]) -> Result<Numbering, FormatError> {
        let mut n = Numbering::default();
        let mut reader = Reader::from_reader(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut override_level: Option<u8> = None;
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| xml_error("word/numbering.xml", e, reader.buffer_position()))?;
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"abstractNum" => abstract_id = attr(&e, b"abstractNumId"),
                    b"num" => {
                        num_id = attr(&e, b"numId");
                    }
                    b"abstractNumId" => {
                        if let (Some(id), Some(a)) = (&num_id, attr(&e, b"val")) {
                            n.nums.entry(id.clone()).or_default().0 = a;
                        }
                    }
                    b"lvlOverride" => {
                        override_level = attr(&e, b"ilvl").and_then(|v| v.parse().ok())
                    }
                    b"startOverride" => {
                        if let (Some(id), Some(l), Some(v)) = (
                            &num_id,
                            override_level,
                            attr(&e, b"val").and_then(|v| v.parse().ok()),
                        ) {
                            n.nums.entry(id.clone()).or_default().1.insert(l, v);
                        }
                    }
                    b"lvl" if abstract_id.is_some() && num_id.is_none() => {
                        let ilvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                suffix: "tab".to_owned(),
                                ..Level::default()
                            },
                        ));
                    }
                    b"start" => {
                        if let (Some((_, l)), Some(v)) =
                            (&mut level, attr(&e, b"val").and_then(|v| v.parse().ok()))
                        {
                            l.start = v;
                        }
                    }
                    b"numFmt" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, attr(&e, b"val")) {
                            l.format = v;
                        }
                    }
                    b"lvlText" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, attr(&e, b"val")) {
                            l.text = v;
                            n.cut_level_text |= budget::truncate(&mut l.text, MAX_LEVEL_TEXT);
                        }
                    }
                    b"suff" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, attr(&e, b"val")) {
                            l.suffix = v;
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(a), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            n.abstracts.entry(a.clone()).or_default().insert(ilvl, l);
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => num_id = None,
                    b"lvlOverride" => override_level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(n)
    }

    fn level(&self, num_id: &str, ilvl: u8) -> Option<(&Level, Option<u32>)> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let level = self.abstracts.get(abs)?.get(&ilvl)?;
        Some((level, overrides.get(&ilvl).copied()))
    }
}

/// styleId → (numId, ilvl) for paragraph styles that carry numbering.
fn parse_style_numbers(xml: &[u8]) -> Result<HashMap<String, (String, u8)>, FormatError> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_reader(xml);
    let mut style: Option<String> = None;
    let mut num: (Option<String>, u8) = (None, 0);
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| xml_error("word/styles.xml", e, reader.buffer_position()))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"style" => {
                    style = attr(&e, b"styleId");
                    num = (None, 0);
                }
                b"numId" if style.is_some() => num.0 = attr(&e, b"val"),
                b"ilvl" if style.is_some() => {
                    num.1 = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0)
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"style" => {
                if let (Some(s), Some(id)) = (style.take(), num.0.take()) {
                    out.insert(s, (id, num.1));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A number in one of Word's formats.
pub(crate) fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "taiwaneseCountingThousand"
        | "ideographDigital" => {
            if format == "ideographDigital" {
                return n
                    .to_string()
                    .chars()
                    .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
                    .collect();
            }
            chinese_number(n)
        }
        "ideographTraditional" => {
            const STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
            STEMS[(n.max(1) as usize - 1) % 10].to_owned()
        }
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let k = (n.max(1) - 1) as usize;
            let c = (base + (k % 26) as u8) as char;
            c.to_string().repeat(k / 26 + 1)
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return D[0].to_owned();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let (q, b, s, g) = (n / 1000, n / 100 % 10, n / 10 % 10, n % 10);
    let mut out = String::new();
    if q > 0 {
        out.push_str(D[q as usize]);
        out.push('千');
    }
    if b > 0 {
        out.push_str(D[b as usize]);
        out.push('百');
    } else if q > 0 && (s > 0 || g > 0) {
        out.push('零');
    }
    if s > 0 {
        if !(s == 1 && n < 20) {
            out.push_str(D[s as usize]);
        }
        out.push('十');
    } else if (q > 0 || b > 0) && g > 0 && !out.ends_with('零') {
        out.push('零');
    }
    if g > 0 {
        out.push_str(D[g as usize]);
    }
    out
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// body

struct Body {
    numbering: Numbering,
    style_numbers: HashMap<String, (String, u8)>,
    /// numId → counters by level
    counters: HashMap<String, [Option<u32>; 9]>,
    out: TextBuilder,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    images: Vec<String>,
}

/// A table being read (tables nest: a stack of them).
#[derive(Default)]
struct TableState {
    rows: Vec<Vec<RawCell>>,
    row: Vec<RawCell>,
    cell: Option<RawCell>,
    cell_paras: Vec<String>,
    /// The cell being read continues a horizontal merge (`<w:hMerge/>`).
    cell_hmerged: bool,
    /// Grid columns left empty before the row's first cell (`<w:gridBefore>`).
    grid_before: usize,
}

/// A drawing, or a text box in one, open where the body is being read.
enum Frame {
    /// `image`: a picture placeholder was added to the paragraph for it.
    Drawing { depth: usize, image: bool },
    /// The paragraph that anchors the box, set aside while the box's own paragraphs are read;
    /// the number of tables open when it began.
    TextBox {
        depth: usize,
        outer: Option<Para>,
        tables: usize,
    },
}

impl Body {
    fn new(numbering: Numbering, style_numbers: HashMap<String, (String, u8)>) -> Self {
        let mut out = TextBuilder::new();
        if numbering.cut_level_text {
            out.limit(format!(
                "列表编号格式（lvlText）超过 {MAX_LEVEL_TEXT} 字节，已截断"
            ));
        }
        Body {
            numbering,
            style_numbers,
            counters: HashMap::new(),
            out,
        }
    }

    /// The list number Word shows before a paragraph, if it has one.
    fn list_label(&mut self, p: &Para) -> String {
        let (num_id, ilvl) = match (&p.num_id, p.style.as_ref()) {
            (Some(id), _) => (id.clone(), p.ilvl.unwrap_or(0)),
            (None, Some(style)) => match self.style_numbers.get(style) {
                Some((id, l)) => (id.clone(), p.ilvl.unwrap_or(*l)),
                None => return String::new(),
            },
            _ => return String::new(),
        };
        if num_id == "0" || ilvl > 8 {
            return String::new(); // numbering removed
        }
        let Some((level, start_override)) = self.numbering.level(&num_id, ilvl) else {
            return String::new();
        };
        let level = level.clone();
        if level.format == "bullet" || level.format == "none" {
            return String::new();
        }
        let counters = self.counters.entry(num_id.clone()).or_insert([None; 9]);
        let l = ilvl as usize;
        let start = start_override.unwrap_or(level.start);
        counters[l] = Some(counters[l].map_or(start, |c| c.saturating_add(1)));
        for c in counters.iter_mut().skip(l + 1) {
            *c = None;
        }
        let snapshot = *counters;
        let mut label = level.text.clone();
        for k in (0..=l).rev() {
            let pat = format!("%{}", k + 1);
            if label.contains(&pat) {
                let fmt = self
                    .numbering
                    .level(&num_id, k as u8)
                    .map(|(lv, _)| lv.format.clone())
                    .unwrap_or_default();
                let start_k = self
                    .numbering
                    .level(&num_id, k as u8)
                    .map_or(1, |(lv, _)| lv.start);
                let value = snapshot[k].unwrap_or(start_k);
                // Past Word's own maximum a letter or Roman number would be a huge string
                // (`upperLetter` of 4294967295 is 165 million letters): digits instead.
                let number = if value > MAX_LIST_COUNTER {
                    self.out.limit(format!(
                        "列表编号 {value} 超过上限 {MAX_LIST_COUNTER}，按阿拉伯数字读取"
                    ));
                    value.to_string()
                } else {
                    format_number(value, &fmt)
                };
                label = label.replace(&pat, &number);
            }
        }
        if budget::truncate(&mut label, MAX_LIST_LABEL) {
            self.out
                .limit(format!("列表编号标签超过 {MAX_LIST_LABEL} 字节，已截断"));
        }
        // Word shows a tab stop after the number by default; in text the number runs into
        // the heading.
        if level.suffix == "space" {
            label.push(' ');
        }
        label
    }

    fn read(mut self, xml: &[u8]) -> Result<Extracted, FormatError> {
        let mut reader = Reader::from_reader(xml);
        let mut para: Option<Para> = None;
        let mut tables: Vec<TableState> = Vec::new();
        let mut in_text = false;
        // Depth inside parts whose text is not part of the body (deleted text, field codes,
        // the fallback copy of alternate content).
        let mut skip = 0usize;
        let mut in_ppr = false;
        let mut depth = 0usize;
        // Drawings and the text boxes in them, innermost last: a drawing's own content (shape
        // geometry, DrawingML text of charts) is not read; a text box in it is, in place.
        let mut frames: Vec<Frame> = Vec::new();
        // The skipped element is a run's properties; the run is hidden text (`w:vanish`).
        let mut skip_is_rpr = false;
        let mut run_hidden = false;
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| xml_error(DOCUMENT, e, reader.buffer_position()))?;
            let in_drawing = matches!(frames.last(), Some(Frame::Drawing { .. }));
            match ev {
                Event::Start(e) => {
                    depth += 1;
                    let name = e.local_name();
                    let name = name.as_ref();
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    if name == b"txbxContent" {
                        // A text box: its paragraphs are read where it is anchored, before the
                        // rest of the anchoring paragraph; it is not a picture.
                        if let Some(Frame::Drawing { image, .. }) = frames.last_mut() {
                            if std::mem::take(image) {
                                if let Some(p) = &mut para {
                                    p.images.pop();
                                }
                            }
                        }
                        frames.push(Frame::TextBox {
                            depth,
                            outer: para.take(),
                            tables: tables.len(),
                        });
                        continue;
                    }
                    if in_drawing {
                        continue;
                    }
                    match name {
                        b"del" | b"moveFrom" | b"instrText" | b"Fallback"
                        | b"footnoteReference" | b"commentReference" | b"rPr" => {
                            skip = 1;
                            skip_is_rpr = name == b"rPr" && !in_ppr;
                        }
                        b"r" => run_hidden = false,
                        b"drawing" | b"pict" | b"object" => {
                            let image = para.is_some();
                            if let Some(p) = &mut para {
                                p.images.push(String::new());
                            }
                            frames.push(Frame::Drawing { depth, image });
                        }
                        b"p" => para = Some(Para::default()),
                        b"pPr" => in_ppr = true,
                        b"t" => in_text = true,
                        b"tbl" => tables.push(TableState::default()),
                        b"tr" => {
                            if let Some(t) = tables.last_mut() {
                                t.row.clear();
                            }
                        }
                        b"tc" => {
                            if let Some(t) = tables.last_mut() {
                                t.cell = Some(RawCell {
                                    row_span: 1,
                                    col_span: 1,
                                    ..RawCell::default()
                                });
                                t.cell_paras.clear();
                                t.cell_hmerged = false;
                            }
                        }
                        _ => self.property(&e, name, &mut para, &mut tables, in_ppr),
                    }
                }
                Event::Empty(e) => {
                    if skip > 0 {
                        if skip == 1
                            && skip_is_rpr
                            && matches!(e.local_name().as_ref(), b"vanish" | b"specVanish")
                        {
                            run_hidden =
                                !matches!(attr(&e, b"val").as_deref(), Some("0" | "false" | "off"));
                        }
                        continue;
                    }
                    let name = e.local_name();
                    let name = name.as_ref();
                    if in_drawing {
                        // A picture's description (alternative text, else its name).
                        if name == b"docPr" {
                            if let Some(last) = para.as_mut().and_then(|p| p.images.last_mut()) {
                                if last.is_empty() {
                                    *last = attr(&e, b"descr")
                                        .filter(|d| !d.trim().is_empty())
                                        .or_else(|| attr(&e, b"name"))
                                        .unwrap_or_default();
                                }
                            }
                        }
                        continue;
                    }
                    match name {
                        b"drawing" | b"pict" | b"object" => {
                            if let Some(p) = &mut para {
                                p.images.push(String::new());
                            }
                        }
                        b"tab" if !in_ppr => {
                            if let Some(p) = &mut para {
                                p.text.push('\t');
                            }
                        }
                        b"br" | b"cr" => {
                            if let Some(p) = &mut para {
                                p.text.push('\n');
                            }
                        }
                        b"p" => {
                            // An empty paragraph: an empty line.
                            self.end_paragraph(Para::default(), &mut tables);
                        }
                        _ => self.property(&e, name, &mut para, &mut tables, in_ppr),
                    }
                }
                Event::Text(t) if skip == 0 && in_text && !in_drawing && !run_hidden => {
                    if let Some(p) = &mut para {
                        let s = t
                            .unescape()
                            .map_err(|e| xml_error(DOCUMENT, e, reader.buffer_position()))?;
                        p.text.push_str(&s);
                    }
                }
                Event::CData(t) if skip == 0 && in_text && !in_drawing && !run_hidden => {
                    if let Some(p) = &mut para {
                        p.text.push_str(&String::from_utf8_lossy(&t));
                    }
                }
                Event::End(e) => {
                    let closing = depth;
                    depth = depth.saturating_sub(1);
                    if skip > 0 {
                        skip -= 1;
                        if skip == 0 {
                            skip_is_rpr = false;
                        }
                        continue;
                    }
                    match frames.last() {
                        Some(Frame::Drawing { depth: d, .. }) if *d == closing => {
                            frames.pop();
                            continue;
                        }
                        Some(Frame::TextBox { depth: d, .. }) if *d == closing => {
                            if let Some(Frame::TextBox {
                                outer, tables: n, ..
                            }) = frames.pop()
                            {
                                // A box cut short (tables left open): its rows are dropped.
                                tables.truncate(n);
                                para = outer;
                            }
                            continue;
                        }
                        Some(Frame::Drawing { .. }) => continue,
                        _ => {}
                    }
                    match e.local_name().as_ref() {
                        b"t" => in_text = false,
                        b"pPr" => in_ppr = false,
                        b"p" => {
                            if let Some(p) = para.take() {
                                self.end_paragraph(p, &mut tables);
                            }
                        }
                        b"tc" => {
                            if let Some(t) = tables.last_mut() {
                                if let Some(mut c) = t.cell.take() {
                                    c.text = t.cell_paras.join(" ");
                                    // `hMerge` (older Word, WPS): the cell widens the one
                                    // before it.
                                    match t.row.last_mut() {
                                        Some(prev) if t.cell_hmerged => {
                                            prev.col_span = prev
                                                .col_span
                                                .max(1)
                                                .saturating_add(c.col_span.max(1));
                                        }
                                        _ => t.row.push(c),
                                    }
                                }
                            }
                        }
                        b"tr" => {
                            if let Some(t) = tables.last_mut() {
                                let mut row = std::mem::take(&mut t.row);
                                // `gridBefore`: the row starts that many grid columns in.
                                if t.grid_before > 0 {
                                    let empty = RawCell {
                                        row_span: 1,
                                        col_span: t.grid_before.min(64),
                                        ..RawCell::default()
                                    };
                                    row.insert(0, empty);
                                    t.grid_before = 0;
                                }
                                t.rows.push(row);
                            }
                        }
                        b"tbl" => {
                            if let Some(t) = tables.pop() {
                                let rows = resolve_vmerge(t.rows);
                                match tables.last_mut() {
                                    // A table in a table: its text joins the outer cell.
                                    Some(outer) => {
                                        for row in rows {
                                            let line: Vec<String> =
                                                row.into_iter().map(|c| c.text).collect();
                                            outer.cell_paras.push(line.join(" "));
                                        }
                                    }
                                    None => self.out.table(rows),
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if depth > 0 || skip > 0 || !tables.is_empty() {
            return Err(xml_error(
                DOCUMENT,
                "文档在元素闭合之前结束",
                reader.buffer_position(),
            ));
        }
        Ok(self.out.finish())
    }

    /// Paragraph and cell properties: style, numbering, spans, merges, picture descriptions.
    fn property(
        &mut self,
        e: &BytesStart<'_>,
        name: &[u8],
        para: &mut Option<Para>,
        tables: &mut [TableState],
        in_ppr: bool,
    ) {
        match name {
            b"pStyle" if in_ppr => {
                if let Some(p) = para {
                    p.style = attr(e, b"val");
                }
            }
            b"numId" if in_ppr => {
                if let Some(p) = para {
                    p.num_id = attr(e, b"val");
                }
            }
            b"ilvl" if in_ppr => {
                if let Some(p) = para {
                    p.ilvl = attr(e, b"val").and_then(|v| v.parse().ok());
                }
            }
            b"gridSpan" => {
                if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    let span = attr(e, b"val")
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .unwrap_or(1)
                        .max(1);
                    if span > MAX_SPAN as u64 {
                        self.out.limit(format!(
                            "表格单元格横跨 {span} 列，超过上限 {MAX_SPAN}，按 {MAX_SPAN} 列读取"
                        ));
                    }
                    c.col_span = span.min(MAX_SPAN as u64) as usize;
                }
            }
            b"vMerge" => {
                if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    // `restart` opens a merge; no value continues the one above.
                    c.merged_up = attr(e, b"val").as_deref() != Some("restart");
                }
            }
            b"hMerge" => {
                if let Some(t) = tables.last_mut().filter(|t| t.cell.is_some()) {
                    t.cell_hmerged = attr(e, b"val").as_deref() != Some("restart");
                }
            }
            b"gridBefore" => {
                if let Some(t) = tables.last_mut().filter(|t| t.cell.is_none()) {
                    t.grid_before = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self, p: Para, tables: &mut [TableState]) {
        let label = if p.text.trim().is_empty() {
            String::new()
        } else {
            self.list_label(&p)
        };
        let text = format!("{label}{}", p.text);
        match tables.last_mut() {
            Some(t) if t.cell.is_some() => {
                if !text.is_empty() {
                    t.cell_paras.push(text.replace('\n', " "));
                }
            }
            _ => {
                if !text.trim().is_empty() || p.images.is_empty() {
                    self.out.paragraph(&text);
                }
                for d in &p.images {
                    self.out.image(d);
                }
            }
        }
    }
}

/// Word marks a vertical merge on every cell it covers; the grid wants a row span on the first.
/// One pass over the rows: for each grid column, the cell that opened the merge running down it
/// (a cell that continues a merge with no opener above is left as it is).
pub(crate) fn resolve_vmerge(mut rows: Vec<Vec<RawCell>>) -> Vec<Vec<RawCell>> {
    // Grid column → (row, index) of the opener of the merge that reaches the previous row.
    let mut open: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut next: HashMap<usize, (usize, usize)> = HashMap::new();
    for r in 0..rows.len() {
        next.clear();
        let mut col = 0usize;
        for i in 0..rows[r].len() {
            let at = col;
            col = col.saturating_add(rows[r][i].col_span.max(1));
            if !rows[r][i].merged_up {
                next.insert(at, (r, i));
            } else if let Some(&(ur, ui)) = open.get(&at) {
                let opener = &mut rows[ur][ui];
                opener.row_span = opener.row_span.max(1) + 1;
                next.insert(at, (ur, ui));
            }
        }
        std::mem::swap(&mut open, &mut next);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 6, 10, 11, 20, 21, 100, 105, 110]
            .iter()
            .map(|&n| chinese_number(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "六",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十"
            ]
        );
        assert_eq!(format_number(3, "decimalEnclosedParen"), "⑶");
        assert_eq!(format_number(2, "upperLetter"), "B");
    }

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn numbering(start: &str, fmt: &str, lvl_text: &str) -> Numbering {
        let xml = format!(
            r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        );
        Numbering::parse(xml.as_bytes()).unwrap()
    }

    fn body(inner: &str) -> Vec<u8> {
        format!(r#"<w:document xmlns:w="{W}"><w:body>{inner}</w:body></w:document>"#).into_bytes()
    }

    fn numbered(text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    #[test]
    fn ordinary_list_labels_are_unchanged() {
        let n = numbering("1", "chineseCounting", "%1、");
        let e = Body::new(n, HashMap::new())
            .read(&body(
                &(numbered("总体情况") + &numbered("主动公开政府信息情况")),
            ))
            .unwrap();
        assert_eq!(e.text, "一、总体情况\n二、主动公开政府信息情况\n");
        assert!(e.limited.is_empty());
    }

    #[test]
    fn a_letter_label_past_the_counter_limit_is_written_in_digits() {
        // R04/R31: upperLetter from 4294967295 would be 165 million letters, and the next
        // paragraph's counter would overflow.
        let n = numbering("4294967295", "upperLetter", "%1.");
        let e = Body::new(n, HashMap::new())
            .read(&body(&numbered("甲").repeat(3)))
            .unwrap();
        assert_eq!(e.text, "4294967295.甲\n4294967295.甲\n4294967295.甲\n");
        assert_eq!(e.limited.len(), 1, "{:?}", e.limited);
        assert!(e.limited[0].contains("32767"), "{}", e.limited[0]);
        // At the limit, letters as Word writes them.
        let n = numbering("27", "upperLetter", "%1.");
        let e = Body::new(n, HashMap::new())
            .read(&body(&numbered("乙")))
            .unwrap();
        assert_eq!(e.text, "AA.乙\n");
    }

    #[test]
    fn a_long_level_text_and_label_are_cut() {
        // R05/R06: the level text repeated, expanded once per paragraph.
        let n = numbering("1", "decimal", &"%1".repeat(100_000));
        let e = Body::new(n, HashMap::new())
            .read(&body(&numbered("丙").repeat(1000)))
            .unwrap();
        assert!(
            e.text.len() < 1000 * (MAX_LIST_LABEL + 8),
            "{}",
            e.text.len()
        );
        assert!(
            e.limited.iter().any(|l| l.contains("lvlText")),
            "{:?}",
            e.limited
        );
        let n = numbering("3000", "upperRoman", &"%1".repeat(100));
        let e = Body::new(n, HashMap::new())
            .read(&body(&numbered("丁")))
            .unwrap();
        assert_eq!(e.text, "M".repeat(MAX_LIST_LABEL) + "丁\n");
        assert!(
            e.limited.iter().any(|l| l.contains("标签")),
            "{:?}",
            e.limited
        );
    }

    fn cell(props: &str, text: &str) -> String {
        format!(r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
    }

    #[test]
    fn a_huge_grid_span_is_capped() {
        // R32: gridSpan of usize::MAX overflowed the column arithmetic.
        let row = format!(
            "<w:tr>{}{}</w:tr>",
            cell(r#"<w:gridSpan w:val="18446744073709551615"/>"#, "合计"),
            cell("", "5")
        );
        let e = Body::new(Numbering::default(), HashMap::new())
            .read(&body(&format!("<w:tbl>{row}{row}</w:tbl>")))
            .unwrap();
        assert_eq!(e.tables.len(), 1);
        // Read as 64 columns; the grid then drops the columns no cell starts at (both rows
        // span the same 64), so the label spans one column of the compacted grid.
        assert_eq!(e.tables[0].rows[0][0].col_span, 1);
        assert_eq!(e.tables[0].to_grid()[0].len(), 2);
        assert!(
            e.limited[0].contains("18446744073709551615"),
            "{:?}",
            e.limited
        );
    }

    #[test]
    fn vertical_merges_take_one_pass() {
        let restart = r#"<w:vMerge w:val="restart"/>"#;
        let cont = "<w:vMerge/>";
        let rows = format!(
            "<w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr>",
            cell(restart, "信息内容"),
            cell("", "1"),
            cell(cont, ""),
            cell("", "2"),
            cell(cont, ""),
            cell("", "3"),
        );
        let e = Body::new(Numbering::default(), HashMap::new())
            .read(&body(&format!("<w:tbl>{rows}</w:tbl>")))
            .unwrap();
        let t = &e.tables[0];
        assert_eq!(t.rows[0][0].row_span, 3);
        assert_eq!(t.to_grid()[2], ["信息内容", "3"]);
        // R07: a long chain of continuations without an opener is read in linear time (the
        // old walk up every row for every cell took minutes on 300,000 rows).
        let chain = format!("<w:tr>{}</w:tr>", cell(cont, "")).repeat(20_000);
        let e = Body::new(Numbering::default(), HashMap::new())
            .read(&body(&format!("<w:tbl>{chain}</w:tbl>")))
            .unwrap();
        assert!(e.tables.is_empty());
    }
}
