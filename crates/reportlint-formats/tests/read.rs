//! Each reader on small documents made here, and each guard rail.

use reportlint_formats::write::{docx, pdf, zip_parts, Block};
use reportlint_formats::{extract, Format, FormatError, Limits};

fn p(s: &str) -> Block {
    Block::Paragraph(s.to_owned())
}

fn cell(s: &str) -> (String, usize, usize) {
    (s.to_owned(), 1, 1)
}

#[test]
fn docx_paragraphs_numbering_tables_and_pictures() {
    let bytes = docx(&[
        p("某某镇人民政府2023年政府信息公开工作年度报告"),
        Block::Numbered("总体情况".into(), 1),
        Block::Numbered("主动公开情况".into(), 2),
        Block::Numbered("依申请公开情况".into(), 2),
        p(""),
        Block::Numbered("主动公开政府信息情况".into(), 1),
        Block::Table(vec![
            vec![("信息内容".into(), 2, 1), ("本年制发件数".into(), 1, 2)],
            vec![cell("新制发"), cell("废止")],
            vec![cell("规章"), cell("0"), cell("1")],
        ]),
        Block::Picture("统计图".into()),
        p("第一段\t后面"),
    ]);
    let e = extract(Format::Docx, &bytes, &Limits::default()).unwrap();
    assert_eq!(
        e.text,
        "某某镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开情况\n（二）依申请公开情况\n\n\
         二、主动公开政府信息情况\n信息内容\t本年制发件数\t\n\t新制发\t废止\n规章\t0\t1\n[图片：统计图]\n第一段\t后面\n"
    );
    let t = &e.tables[0];
    assert_eq!(t.rows[0][0].row_span, 2);
    assert_eq!(t.rows[0][1].col_span, 2);
    assert_eq!(
        t.to_grid(),
        [
            ["信息内容", "本年制发件数", "本年制发件数"],
            ["信息内容", "新制发", "废止"],
            ["规章", "0", "1"],
        ]
    );
    assert_eq!(&e.text[t.rows[2][2].span.clone()], "1");
    assert_eq!(e.images[0].description, "统计图");
}

#[test]
fn per_file_size_limit() {
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let err = extract(Format::Html, &[b' '; 101], &limits).unwrap_err();
    assert!(matches!(
        err,
        FormatError::TooLarge {
            size: 101,
            limit: 100
        }
    ));
    assert!(err.to_string().contains("文件过大"), "{err}");
}

#[test]
fn zip_bomb_is_refused() {
    // 200 MB of zeros deflate to about 200 KB; with a 64 MiB budget for the parts read, the
    // reader stops inflating at the limit instead of filling memory.
    let zeros = vec![0u8; 200 * 1024 * 1024];
    let bomb = zip_parts(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    let err = extract(Format::Docx, &bomb, &Limits::default()).unwrap_err();
    assert!(matches!(err, FormatError::TooMuchData { .. }), "{err:?}");
    assert!(err.to_string().contains("压缩炸弹"), "{err}");

    // The headers' total is checked before anything is inflated.
    let limits = Limits {
        max_unzipped_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let two = vec![b'a'; 600 * 1024];
    let archive = zip_parts(&[("a.bin", &two), ("b.bin", &two)]);
    let err = extract(Format::Docx, &archive, &limits).unwrap_err();
    assert!(matches!(err, FormatError::TooMuchData { .. }), "{err:?}");
}

#[test]
fn zip_entry_count_limit() {
    let names: Vec<String> = (0..30).map(|i| format!("f{i}.xml")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"<a/>"[..])).collect();
    let archive = zip_parts(&parts);
    let limits = Limits {
        max_zip_entries: 20,
        ..Limits::default()
    };
    let err = extract(Format::Docx, &archive, &limits).unwrap_err();
    assert!(
        matches!(
            err,
            FormatError::TooManyEntries {
                entries: 30,
                limit: 20
            }
        ),
        "{err:?}"
    );
}

#[test]
fn malformed_archives_and_xml() {
    let l = Limits::default();
    let err = extract(Format::Docx, b"PK\x03\x04 this is not a zip", &l).unwrap_err();
    assert!(matches!(err, FormatError::BadArchive(_)), "{err:?}");
    let good = docx(&[p("一、总体情况")]);
    let err = extract(Format::Docx, &good[..good.len() / 2], &l).unwrap_err();
    assert!(matches!(err, FormatError::BadArchive(_)), "{err:?}");

    let no_body = zip_parts(&[("word/styles.xml", b"<w:styles/>")]);
    let err = extract(Format::Docx, &no_body, &l).unwrap_err();
    assert_eq!(err, FormatError::MissingPart("word/document.xml"));

    let broken = zip_parts(&[(
        "word/document.xml",
        b"<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>\xe4\xb8\x80</w:t></w:r></w:body>",
    )]);
    let err = extract(Format::Docx, &broken, &l).unwrap_err();
    assert!(matches!(err, FormatError::BadXml { .. }), "{err:?}");
    assert!(err.to_string().contains("不是有效的 XML"), "{err}");

    // Other zip archives say what they are.
    for (part, what) in [
        ("xl/workbook.xml", "Excel"),
        ("ppt/presentation.xml", "PowerPoint"),
        ("OFD.xml", "OFD"),
    ] {
        let err = extract(Format::Docx, &zip_parts(&[(part, b"<x/>")]), &l).unwrap_err();
        assert!(err.to_string().contains(what), "{err}");
        assert!(err.to_string().contains("PDF"), "{err}");
    }

    let old_doc = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let err = extract(Format::Docx, &old_doc, &l).unwrap_err();
    assert!(err.to_string().contains(".doc"), "{err}");
}

#[test]
fn pdf_text_layer_is_read() {
    let bytes = pdf(Some(&[
        "某某县人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
    ]));
    let e = extract(Format::Pdf, &bytes, &Limits::default()).unwrap();
    assert!(e.text.contains("一、总体情况"), "{:?}", e.text);
    assert!(e.text.contains("年度报告"), "{:?}", e.text);
    assert_eq!(e.no_text_layer, None);
}

#[test]
fn pdf_without_text_layer_is_flagged() {
    let e = extract(Format::Pdf, &pdf(None), &Limits::default()).unwrap();
    assert_eq!(e.no_text_layer, Some(1));
}

#[test]
fn truncated_and_garbage_pdfs_are_errors_not_panics() {
    let bytes = pdf(Some(&["一、总体情况"]));
    for cut in [20, bytes.len() / 3, bytes.len() / 2] {
        let r = extract(Format::Pdf, &bytes[..cut], &Limits::default());
        match r {
            Err(FormatError::BadPdf(_)) => {}
            Ok(e) => assert!(
                e.no_text_layer.is_some() || e.text.is_empty(),
                "{cut}: {:?}",
                e.text
            ),
            Err(e) => panic!("{cut}: {e:?}"),
        }
    }
    let err = extract(
        Format::Pdf,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >>",
        &Limits::default(),
    );
    assert!(err.is_err(), "{err:?}");
    let err = extract(Format::Pdf, b"not a pdf", &Limits::default()).unwrap_err();
    assert!(err.to_string().contains("PDF"), "{err}");
}

#[test]
fn formats_from_extension_and_content() {
    assert_eq!(Format::detect("a/报告.DOCX", b""), Format::Docx);
    assert_eq!(Format::detect("报告.htm", b""), Format::Html);
    assert_eq!(Format::detect("-", b"%PDF-1.4"), Format::Pdf);
    assert_eq!(Format::detect("x", b"<!DOCTYPE html><html>"), Format::Html);
    // Content first: what a file holds wins over its name.
    assert_eq!(Format::detect("x.txt", b"%PDF-"), Format::Pdf);
    let ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    for name in ["报告.doc", "报告.wps", "报告.docx", "报告", "报告.txt"] {
        assert_eq!(Format::detect(name, &ole2), Format::Doc, "{name}");
    }
    assert_eq!(Format::detect("报告.doc", b"{\\rtf1\\ansi"), Format::Rtf);
    // An extension naming a binary format sends a file that is not one to that format's
    // reader, which says what is wrong.
    assert_eq!(
        Format::detect("报告.pdf", "一、总体情况".as_bytes()),
        Format::Pdf
    );
    assert_eq!(
        Format::detect("报告.txt", "一、总体情况".as_bytes()),
        Format::Text
    );
    assert_eq!(Format::detect("报告.md", b"<div>x</div>"), Format::Markdown);
}

#[test]
fn web_pages_are_recognised_whatever_their_name() {
    let pages: [&[u8]; 9] = [
        b"<!-- saved from url=(0043)http://www.example.gov.cn/ -->\n<html><body>",
        b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
        b"\xEF\xBB\xBF<!DOCTYPE HTML>",
        b"\r\n\r\n  <HTML lang=zh>",
        b"<!--[if lt IE 9]><script src=x></script><![endif]-->\n<head><meta charset=gbk>",
        b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
        b"<table width=760><tr><td>",
        b"<div class=\"TRS_Editor\"><p>",
        b"\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00",
    ];
    for page in pages {
        for name in [
            "a.shtml", "a.jhtml", "a.aspx", "a.php", "a.asp", "a", "a.txt",
        ] {
            assert_eq!(
                Format::detect(name, page),
                Format::Html,
                "{name}: {}",
                String::from_utf8_lossy(page)
            );
        }
    }
    // Text reports stay text: a directive comment, then the title; angle brackets in prose.
    let texts: [&str; 4] = [
        "<!-- reportlint-disable structure/title -->\n某某县2023年政府信息公开工作年度报告",
        "<某某县人民政府>2023年报告",
        "<p 是一个字母",
        "<!-- 未闭合的注释",
    ];
    for t in texts {
        assert_eq!(Format::detect("a.txt", t.as_bytes()), Format::Text, "{t}");
        assert_eq!(Format::detect("-", t.as_bytes()), Format::Text, "{t}");
    }
}

#[test]
fn word_merges_with_absurd_spans_do_not_overflow() {
    let doc = r#"<w:document xmlns:w="x"><w:body><w:tbl>
<w:tr><w:trPr><w:gridBefore w:val="99999999999"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="18446744073709551615"/></w:tcPr><w:p><w:r><w:t>行政复议</w:t></w:r></w:p></w:tc>
<w:tc><w:tcPr><w:gridSpan w:val="18446744073709551615"/><w:hMerge/></w:tcPr><w:p/></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="18446744073709551615"/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl></w:body></w:document>"#;
    let bytes = zip_parts(&[("word/document.xml", doc.as_bytes())]);
    let e = extract(Format::Docx, &bytes, &Limits::default()).unwrap();
    assert!(e.text.contains("行政复议"), "{}", e.text);
    assert!(e.text.len() < 1000, "{}", e.text.len());
}
