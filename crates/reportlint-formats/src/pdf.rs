//! PDF: the text layer with positions, page by page, laid out by `pdf_layout`.
//!
//! `lopdf` parses the file (and decrypts one that opens without a password: an owner password
//! only, RC4 or AES); `pdf-extract`'s content-stream interpreter decodes the fonts (ToUnicode
//! maps, CID fonts, simple encodings) and reports every glyph with its position
//! (`pdf_glyphs`); the layout (lines, words, paragraphs, page furniture, tables) is our own.
//! The comparison of the libraries measured is in docs/formats.md.
//!
//! Memory and time: lopdf parses the whole file into objects (a patched lopdf, see
//! vendor/lopdf/VENDORED.md, in time linear in the file's size); pictures are emptied as they
//! are parsed, so the parsed document does not hold a second copy of them; the pages' content
//! streams stay compressed and are inflated one page at a time as the page is read.
//!
//! Guard rails: before interpretation every Flate stream is checked within a budget per stream
//! and in total (a page's content by inflating it into nothing; the rest, read again on every
//! page — fonts, character maps, forms — is inflated for good; a deflate bomb is refused, not
//! inflated), pictures are emptied (their data is never decoded), the number of objects, pages
//! and glyphs is capped, and Form XObjects that draw themselves (directly or in a cycle) or nest
//! too deep are cut off. The interpreter panics on some malformed files; it runs on a thread of
//! its own with a large stack, its panics are caught and become [`FormatError::BadPdf`], and the
//! panic message is not printed (a quiet panic hook for that thread only).
//!
//! Extraction is a pure function of the bytes: [`extract`] gives an [`Extracted`] (serde
//! serializable) and touches nothing else, so that it can run in a worker process.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::Once;

use pdf_extract::{Dictionary, Document, Object, ObjectId};

use crate::pdf_glyphs::Collector;
use crate::{Extracted, FormatError};

/// Most bytes one stream may inflate to.
const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes all streams together may inflate to.
const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Most objects in a file.
const MAX_OBJECTS: usize = 2_000_000;
/// Most pages read.
const MAX_PAGES: usize = 5_000;
/// Most glyphs read in a file (about 6 MB of text).
const MAX_GLYPHS: usize = 3_000_000;
/// Deepest nesting of Form XObjects.
const MAX_FORM_DEPTH: usize = 8;
/// How many `Parent` links up the page tree is followed; real trees are a few levels deep.
const MAX_TREE_DEPTH: usize = 64;

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
    let failed = |_| {
        Err(FormatError::ReaderFailed(
            "PDF 结构异常，解析器出错".to_owned(),
        ))
    };
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .name("reportlint-pdf".to_owned())
            .stack_size(64 * 1024 * 1024)
            .spawn_scoped(s, || {
                QUIET.with(|q| q.set(true));
                read(bytes)
            });
        match spawned {
            Ok(handle) => handle.join().unwrap_or_else(failed),
            // No room for the deep stack (a worker process under its memory limit whose
            // earlier files left little address space): read on this thread. A stack overflow
            // here ends the worker, and the file gets `format/crashed`; a panic is caught.
            Err(_) => {
                QUIET.with(|q| q.set(true));
                let r = std::panic::catch_unwind(|| read(bytes)).unwrap_or_else(failed);
                QUIET.with(|q| q.set(false));
                r
            }
        }
    })
}

fn read(bytes: &[u8]) -> Result<Extracted, FormatError> {
    // lopdf's `Document::load_mem` without a filter would hold every picture's data until the
    // whole file is parsed; the filter empties each picture as soon as it is parsed.
    let reader = pdf_extract::Reader {
        buffer: bytes,
        document: Document::new(),
        encryption_state: None,
        raw_objects: Default::default(),
    };
    let mut doc = reader.read(Some(drop_unused_data)).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => FormatError::EncryptedPdf,
        e => FormatError::BadPdf(e.to_string()),
    })?;
    // lopdf opens a file that needs no password to open (an owner password only) by itself;
    // one that still has no key needs the user password.
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(FormatError::EncryptedPdf);
    }
    if doc.objects.len() > MAX_OBJECTS {
        return Err(FormatError::OverBudget(format!(
            "PDF 对象数 {} 超过上限 {MAX_OBJECTS}，可能是恶意构造的文件",
            doc.objects.len()
        )));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(FormatError::BadPdf("文件中没有页面".to_owned()));
    }
    if pages.len() > MAX_PAGES {
        return Err(FormatError::OverBudget(format!(
            "PDF 页数 {} 超过上限 {MAX_PAGES}",
            pages.len()
        )));
    }
    let page_count = pages.len();
    prepare_streams(&mut doc)?;
    cut_parent_cycles(&mut doc);
    cut_form_cycles(&mut doc);
    let mut collector = Collector::new(MAX_GLYPHS);
    // The file was decrypted on loading: the interpreter reads it as plain.
    doc.trailer.remove(b"Encrypt");
    pdf_extract::output_doc(&doc, &mut collector)
        .map_err(|e| FormatError::BadPdf(e.to_string()))?;
    // Ruling lines, for the rows of tables.
    for (page, id) in collector
        .pages
        .iter_mut()
        .zip(doc.get_pages().into_values())
    {
        let Ok(content) = doc.get_page_content(id) else {
            continue;
        };
        let Ok(content) = pdf_extract::content::Content::decode(&content) else {
            continue;
        };
        let (origin, height) = page_box(&doc, id);
        (page.rules, page.vrules) = crate::pdf_glyphs::rules(&content.operations, origin, height);
    }
    drop(doc);
    if collector.over_budget {
        return Err(FormatError::OverBudget(format!(
            "PDF 文字超过 {MAX_GLYPHS} 个字符的上限"
        )));
    }
    let mut extracted = crate::pdf_layout::layout(&collector.pages);
    let meaningful = extracted
        .text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .count();
    if meaningful < 10 {
        extracted.no_text_layer = Some(page_count);
    }
    Ok(extracted)
}

/// The filter lopdf applies to each object as it parses it: pictures lose their data (never
/// decoded), so that the parsed document does not hold a second copy of them beside the file.
///
/// lopdf keeps the object changed in place for the objects of the file and the returned one for
/// the objects of an object stream (which are never streams): a stream is changed in place, any
/// other object returned as it is.
fn drop_unused_data(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    match object {
        Object::Stream(stream) => {
            if is_image(stream) {
                stream.set_plain_content(Vec::new());
            }
            Some((id, Object::Null))
        }
        other => Some((id, other.clone())),
    }
}

fn is_image(stream: &pdf_extract::Stream) -> bool {
    stream
        .dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Image")
}

/// The lower-left corner and height of a page's media box (inherited from the page tree).
fn page_box(doc: &Document, id: ObjectId) -> ((f64, f64), f64) {
    let mut node = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let Some(dict) = node else { break };
        if let Ok(Object::Array(a)) = dict.get(b"MediaBox").map(|o| match o {
            Object::Reference(r) => doc.get_object(*r).unwrap_or(o),
            o => o,
        }) {
            let n: Vec<f64> = a
                .iter()
                .map(|o| match o {
                    Object::Integer(i) => *i as f64,
                    Object::Real(r) => *r as f64,
                    _ => 0.0,
                })
                .collect();
            if n.len() == 4 {
                return ((n[0], n[1]), n[3] - n[1]);
            }
        }
        node = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|p| doc.get_dictionary(p))
            .ok();
    }
    ((0.0, 0.0), 842.0)
}

/// Checks every Flate stream against the budgets before anything inflates it (a deflate bomb is
/// refused, not inflated), empties the data nothing reads (pictures, TrueType font programs),
/// and inflates once the small streams read again and again (fonts, character maps).
///
/// The pages' content streams stay compressed: each is inflated when its page is read, one page
/// at a time, so a long document never holds all its pages' inflated content at once. Their size
/// is checked here by inflating into nothing, and counts in the total once for every page that
/// draws it.
fn prepare_streams(doc: &mut Document) -> Result<(), FormatError> {
    let contents: Vec<Vec<ObjectId>> = doc
        .get_pages()
        .into_values()
        .map(|page| doc.get_page_contents(page))
        .collect();
    let drawn: HashSet<ObjectId> = contents.iter().flatten().copied().collect();
    // Inflated sizes of the pages' content streams, counted in the total once per page that
    // draws them.
    let mut sizes: HashMap<ObjectId, u64> = HashMap::new();
    // pdf-extract reads a TrueType font's program (`FontFile2`) on every page and throws it
    // away: it takes glyph widths from the font dictionary and text from the encoding.
    let unused: HashSet<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => d.get(b"FontFile2").and_then(Object::as_reference).ok(),
            _ => None,
        })
        .collect();
    let mut total = 0u64;
    for (id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if is_image(stream) || unused.contains(id) {
            stream.set_plain_content(Vec::new());
            continue;
        }
        let flate_only = stream
            .filters()
            .is_ok_and(|f| f.len() == 1 && f[0] == b"FlateDecode");
        if !flate_only || stream.dict.has(b"DecodeParms") {
            continue; // left to lopdf: rare in text and content streams
        }
        let budget = MAX_STREAM_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(total));
        let too_big = || {
            FormatError::OverBudget(format!(
                "PDF 数据流解压后超过上限 {} MiB，可能是压缩炸弹",
                budget / (1024 * 1024)
            ))
        };
        if drawn.contains(id) {
            let mut decoder =
                flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(budget + 1);
            // A damaged stream is inflated below (what inflated before the damage is kept,
            // as lopdf would when drawing it).
            if let Ok(n) = std::io::copy(&mut decoder, &mut std::io::sink()) {
                if n > budget {
                    return Err(too_big());
                }
                sizes.insert(*id, n);
                continue;
            }
        }
        let mut out = Vec::with_capacity(stream.content.len().saturating_mul(4));
        let mut decoder =
            flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(budget + 1);
        // A damaged stream keeps what inflated before the damage, as readers do.
        let _ = decoder.read_to_end(&mut out);
        if out.len() as u64 > budget {
            return Err(too_big());
        }
        total += out.len() as u64;
        stream.set_plain_content(out);
    }
    let drawn_total: u64 = contents
        .iter()
        .flatten()
        .filter_map(|id| sizes.get(id))
        .sum();
    if total.saturating_add(drawn_total) > MAX_TOTAL_BYTES {
        return Err(FormatError::OverBudget(format!(
            "PDF 数据流解压后共超过上限 {} MiB，可能是压缩炸弹",
            MAX_TOTAL_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Removes the `Parent` link that closes a loop in the page tree (a page whose parent's parent is
/// the page again), and any past [`MAX_TREE_DEPTH`] links up: the interpreter looks up inherited
/// attributes (resources, media box) by following `Parent` without end, so such a file hung until
/// `--timeout` ended its worker.
fn cut_parent_cycles(doc: &mut Document) {
    let mut cuts: Vec<ObjectId> = Vec::new();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for page in pages {
        let mut path = vec![page];
        let mut id = page;
        while let Some(parent) = doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"Parent").ok())
            .and_then(|o| o.as_reference().ok())
        {
            if path.contains(&parent) || path.len() > MAX_TREE_DEPTH {
                cuts.push(id);
                break;
            }
            path.push(parent);
            id = parent;
        }
    }
    for id in cuts {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            d.remove(b"Parent");
        }
    }
}

/// Removes references from Form XObjects to forms that draw them again (a cycle) or that nest
/// deeper than [`MAX_FORM_DEPTH`]: the interpreter would recurse without end.
fn cut_form_cycles(doc: &mut Document) {
    // Each form's (or page's) XObject names → referenced ids.
    fn xobjects(doc: &Document, resources: &Dictionary) -> Vec<(Vec<u8>, ObjectId)> {
        let dict = match resources.get(b"XObject") {
            Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        dict.map(|d| {
            d.iter()
                .filter_map(|(k, v)| v.as_reference().ok().map(|id| (k.clone(), id)))
                .collect()
        })
        .unwrap_or_default()
    }
    fn resources_of(doc: &Document, id: ObjectId) -> Option<&Dictionary> {
        let dict = match doc.get_object(id).ok()? {
            Object::Stream(s) => &s.dict,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        match dict.get(b"Resources").ok()? {
            Object::Reference(r) => doc.get_dictionary(*r).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        }
    }
    let mut cuts: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    let mut done = HashSet::new();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for page in pages {
        // Depth-first over forms, with the path so far.
        let mut stack: Vec<(ObjectId, usize, Vec<ObjectId>)> = vec![(page, 0, vec![page])];
        while let Some((id, depth, path)) = stack.pop() {
            let Some(res) = resources_of(doc, id) else {
                continue;
            };
            for (name, child) in xobjects(doc, res) {
                if path.contains(&child) || depth + 1 > MAX_FORM_DEPTH {
                    cuts.push((id, name));
                    continue;
                }
                if done.insert((id, child)) {
                    let mut p = path.clone();
                    p.push(child);
                    stack.push((child, depth + 1, p));
                }
            }
        }
    }
    for (owner, name) in cuts {
        // The XObject dictionary of the owner's resources (wherever it lives) loses the entry,
        // and the form is replaced by an empty one so the name still resolves.
        let empty = doc.add_object(pdf_extract::Stream::new(
            pdf_extract::dictionary! { "Type" => "XObject", "Subtype" => "Form" },
            Vec::new(),
        ));
        let target = resources_of(doc, owner).and_then(|res| match res.get(b"XObject") {
            Ok(Object::Reference(r)) => Some(Ok(*r)),
            Ok(Object::Dictionary(_)) => Some(Err(())),
            _ => None,
        });
        match target {
            Some(Ok(dict_id)) => {
                if let Ok(d) = doc.get_dictionary_mut(dict_id) {
                    d.set(name, Object::Reference(empty));
                }
            }
            Some(Err(())) => {
                let res_ref = match doc.get_object(owner) {
                    Ok(Object::Stream(s)) => s.dict.get(b"Resources").ok().cloned(),
                    Ok(Object::Dictionary(d)) => d.get(b"Resources").ok().cloned(),
                    _ => None,
                };
                let res = match res_ref {
                    Some(Object::Reference(r)) => doc.get_dictionary_mut(r).ok(),
                    Some(Object::Dictionary(_)) => match doc.get_object_mut(owner) {
                        Ok(Object::Stream(s)) => s
                            .dict
                            .get_mut(b"Resources")
                            .ok()
                            .and_then(|o| o.as_dict_mut().ok()),
                        Ok(Object::Dictionary(d)) => d
                            .get_mut(b"Resources")
                            .ok()
                            .and_then(|o| o.as_dict_mut().ok()),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(Ok(x)) =
                    res.map(|r| r.get_mut(b"XObject").and_then(Object::as_dict_mut))
                {
                    x.set(name, Object::Reference(empty));
                }
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A one-page PDF whose page content is `content` (already encoded, with `filter`), with
    /// extra objects appended (numbered from 5) and `resources` for the page.
    fn pdf(content: &[u8], filter: &str, resources: &str, extra: &[&str]) -> Vec<u8> {
        let mut objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << {resources} >> /Contents 4 0 R >>").into_bytes(),
        ];
        let mut stream = format!("<< /Length {} {filter} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
        objects.extend(extra.iter().map(|e| e.as_bytes().to_vec()));
        assemble(&objects)
    }

    /// A PDF of `objects`, numbered from 1 (the first one the catalog), with its xref table.
    fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
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

    #[test]
    fn a_deflate_bomb_is_refused_not_inflated() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..(MAX_STREAM_BYTES >> 20) + 1 {
            z.write_all(&zeros).unwrap();
        }
        let bomb = z.finish().unwrap();
        assert!(bomb.len() < 1 << 20);
        let e = extract(&pdf(&bomb, "/Filter /FlateDecode", "", &[])).unwrap_err();
        assert!(e.to_string().contains("压缩炸弹"), "{e}");
    }

    #[test]
    fn a_content_stream_drawn_by_many_pages_counts_once_a_page() {
        // 60 MiB inflated (under the limit per stream), drawn by ten pages: 600 MiB to inflate
        // page by page, over the total limit.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..60 {
            z.write_all(&spaces).unwrap();
        }
        let shared = z.finish().unwrap();
        let kids: String = (0..10).map(|i| format!("{} 0 R ", 4 + i)).collect();
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            format!("<< /Type /Pages /Kids [{kids}] /Count 10 >>").into_bytes(),
        ];
        let mut stream = format!(
            "<< /Length {} /Filter /FlateDecode >>\nstream\n",
            shared.len()
        )
        .into_bytes();
        stream.extend_from_slice(&shared);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
        for _ in 0..10 {
            objects.push(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>".to_vec(),
            );
        }
        // Refused on the total (the stream alone is within its own limit).
        let e = extract(&assemble(&objects)).unwrap_err();
        assert!(e.to_string().contains("共超过上限 512 MiB"), "{e}");
    }

    #[test]
    fn a_loop_in_the_page_tree_is_cut_not_followed() {
        // The pages node's parent is the page, whose parent is the pages node (hostile file R16).
        let bytes = assemble(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            b"<< /Length 22 >>\nstream\nBT /F1 10 Tf (x) Tj ET\nendstream".to_vec(),
        ]);
        let mut doc = Document::load_mem(&bytes).unwrap();
        cut_parent_cycles(&mut doc);
        // Up from the page: the pages node, then no further link.
        let pages = doc.get_dictionary((2, 0)).unwrap();
        assert!(pages.get(b"Parent").is_err());
        let page = doc.get_dictionary((3, 0)).unwrap();
        assert_eq!(page.get(b"Parent").unwrap().as_reference().unwrap(), (2, 0));
        // And the whole file is read (it used to hang until the worker's time limit).
        let _ = extract(&bytes);
    }

    /// The real PDF's three tables (docs/formats.md: 二, 三, 四) are read whole, each row with
    /// all its numbers, so that every relation between them can be checked.
    #[test]
    fn the_real_pdf_tables_are_read_completely() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/real/zxj6827111-blip__govnianbao__szfgs2024.pdf"
        ))
        .unwrap();
        let e = extract(&bytes).unwrap();
        assert_eq!(e.tables.len(), 3);
        let numbers = |row: &[crate::Cell]| -> Vec<f64> {
            row.iter().filter_map(|c| c.text.parse().ok()).collect()
        };
        // Table 二: every figure in a row of its own.
        let two: Vec<Vec<f64>> = e.tables[0].rows.iter().map(|r| numbers(r)).collect();
        for want in [
            &[1.0, 0.0, 11.0][..],
            &[8.0, 26.0, 66.0],
            &[447_228.0],
            &[3_985_758.0],
            &[88_283.0],
            &[96_171.6],
        ] {
            assert!(two.iter().any(|r| r == want), "{want:?} in {two:?}");
        }
        // Table 三: 25 rows of seven numbers, each row's total the sum of its six columns, and
        // new plus carried over = handled plus carried forward.
        let three: Vec<Vec<f64>> = e.tables[1]
            .rows
            .iter()
            .map(|r| numbers(r))
            .filter(|n| !n.is_empty())
            .collect();
        assert_eq!(three.len(), 25, "{three:?}");
        for row in &three {
            assert_eq!(row.len(), 7, "{row:?}");
            assert_eq!(row[..6].iter().sum::<f64>(), row[6], "{row:?}");
        }
        assert_eq!(three[0][6] + three[1][6], three[23][6] + three[24][6]);
        // Table 四: one row of fifteen numbers, in three groups with their totals.
        let four: Vec<Vec<f64>> = e.tables[2]
            .rows
            .iter()
            .map(|r| numbers(r))
            .filter(|n| !n.is_empty())
            .collect();
        assert_eq!(four.len(), 1);
        let four = &four[0];
        assert_eq!(four.len(), 15);
        for group in [0..5, 5..10, 10..15] {
            let g = &four[group];
            assert_eq!(g[..4].iter().sum::<f64>(), g[4], "{g:?}");
        }
    }

    #[test]
    fn a_form_that_draws_itself_is_cut_off() {
        let form = "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm1 5 0 R >> >> /Length 8 >>\nstream\n/Fm1 Do\nendstream";
        let bytes = pdf(b"/Fm1 Do", "", "/XObject << /Fm1 5 0 R >>", &[form]);
        // No endless recursion: the file reads (as one without text).
        let e = extract(&bytes).unwrap();
        assert_eq!(e.no_text_layer, Some(1));
    }

    #[test]
    fn the_extracted_document_round_trips_through_serde() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/real/zxj6827111-blip__govnianbao__szfgs2024.pdf"
        ))
        .unwrap();
        let e = extract(&bytes).unwrap();
        let json = serde_json::to_string(&e).unwrap();
        let back: Extracted = serde_json::from_str(&json).unwrap();
        assert_eq!(back.text, e.text);
        assert_eq!(back.tables, e.tables);
        assert_eq!(back.pages, e.pages);
        assert_eq!(e.pages.as_ref().unwrap().count, 6);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [
            &b"%PDF-1.4\n1 0 obj << /Type /Catalog"[..],
            b"not a pdf",
            b"%PDF-",
        ] {
            assert!(extract(bytes).is_err());
        }
    }
}
