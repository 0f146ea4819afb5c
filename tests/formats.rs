//! Input formats at the command line: the same report as .txt, .docx and .html gives the same
//! findings; PDFs; and every guard rail gives a per-file error while the batch goes on.

mod formats_support;

use reportlint_formats::write;
use reportlint_tests::{check_json as json, findings, fixture, scratch, tests_dir};

#[test]
fn committed_format_fixtures_are_up_to_date() {
    let dir = tests_dir().join("fixtures/formats");
    let bless = std::env::var_os("REPORTLINT_BLESS").is_some();
    for (name, bytes) in formats_support::generated() {
        let path = dir.join(&name);
        if bless {
            std::fs::write(&path, &bytes).unwrap();
        } else {
            let committed = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{name}: {e}; run with REPORTLINT_BLESS=1"));
            assert!(
                committed == bytes,
                "{name} is stale; run with REPORTLINT_BLESS=1"
            );
        }
    }
}

#[test]
fn same_findings_from_txt_docx_and_html() {
    for seed in formats_support::SEEDS {
        let stem = seed.trim_end_matches(".txt");
        let (_, txt, _) = json(&[&fixture(seed)]);
        let expected = findings(&txt);
        assert!(!expected.is_empty(), "{seed} has findings to compare");
        for ext in ["docx", "html"] {
            let path = fixture(&format!("formats/{stem}.{ext}"));
            let (code, v, stderr) = json(&[&path]);
            assert!(code <= 1, "{path}: {stderr}");
            // A table written one cell per line in the text file is one row per line in the Word
            // or HTML table, so lines after it move up: compare everything but the line number,
            // and the line numbers up to the first table.
            let strip = |f: &[(String, String, u64, u64)]| -> Vec<(String, String, u64)> {
                f.iter()
                    .map(|(r, m, _, c)| (r.clone(), m.clone(), *c))
                    .collect()
            };
            let got = findings(&v);
            assert_eq!(strip(&got), strip(&expected), "{path}");
            // No seed has a table before line 19.
            let before_tables = |f: &[(String, String, u64, u64)]| -> Vec<(String, u64)> {
                f.iter()
                    .filter(|x| x.2 < 19)
                    .map(|x| (x.0.clone(), x.2))
                    .collect()
            };
            assert_eq!(before_tables(&got), before_tables(&expected), "{path}");
            // The output names the original file.
            assert!(v["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d["path"] == path.as_str()));
        }
    }
}

/// Findings without their line numbers (a table written one cell per line in the text file is
/// one row per line in a Word or HTML table, so lines after it move up).
fn strip(f: &[(String, String, u64, u64)]) -> Vec<(String, String, u64)> {
    f.iter()
        .map(|(r, m, _, c)| (r.clone(), m.clone(), *c))
        .collect()
}

/// The same report converted to .doc by LibreOffice (from the .docx fixture; the made file is
/// committed) gives the same findings as its text, on the same lines as the .docx.
#[test]
fn same_findings_from_a_word_97_doc() {
    for seed in formats_support::SEEDS {
        let stem = seed.trim_end_matches(".txt");
        let (_, txt, _) = json(&[&fixture(seed)]);
        let (_, docx, _) = json(&[&fixture(&format!("formats/{stem}.docx"))]);
        let path = fixture(&format!("formats/{stem}.doc"));
        let (code, v, stderr) = json(&[&path]);
        assert!(code <= 1, "{path}: {stderr}");
        let got = findings(&v);
        assert!(!got.is_empty());
        assert_eq!(strip(&got), strip(&findings(&txt)), "{path}");
        assert_eq!(got, findings(&docx), "{path}");
        // The same file under another name, or none, is still read as Word.
        let dir = scratch(&format!("doc-{stem}"));
        for name in ["报告.wps", "报告", "报告.txt"] {
            let copy = dir.join(name);
            std::fs::copy(tests_dir().join(&path), &copy).unwrap();
            let (_, w, stderr) = json(&[copy.to_str().unwrap()]);
            assert_eq!(findings(&w), got, "{name}: {stderr}");
        }
    }
}

/// OLE2 files that are not readable Word documents say what they are and ask for a .docx.
#[test]
fn unreadable_ole2_files_say_what_they_are() {
    let doc = std::fs::read(tests_dir().join(fixture("formats/001_78480d18d66647dc.doc"))).unwrap();
    let dir = scratch("ole2");
    // The FIB's fEncrypted flag: a document with an opening password.
    let mut encrypted = doc.clone();
    let fib = find_word_document(&encrypted);
    encrypted[fib + 0x0B] |= 0x01;
    std::fs::write(dir.join("encrypted.doc"), &encrypted).unwrap();
    // An OLE2 file without a WordDocument stream (as .xls files are): the stream renamed.
    let mut other = doc.clone();
    let name: Vec<u8> = "WordDocument"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let at = other
        .windows(name.len())
        .position(|w| w == name.as_slice())
        .expect("directory entry");
    let book: Vec<u8> = "Workbook\0\0\0\0"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    other[at..at + book.len()].copy_from_slice(&book);
    other[at + 64] = 18; // the entry's name length in bytes, with its NUL
    std::fs::write(dir.join("sheet.doc"), &other).unwrap();
    std::fs::write(dir.join("truncated.doc"), &doc[..doc.len() / 3]).unwrap();
    std::fs::write(dir.join("old.wps"), b"\x00\x01WPS old binary \x00\x00").unwrap();
    let (code, v, _) = json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    let d = v["diagnostics"].as_array().unwrap();
    let message = |file: &str| -> String {
        d.iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(file))
            .map(|d| d["message"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{file}: {d:#?}"))
    };
    assert!(
        message("encrypted.doc").contains("加密"),
        "{}",
        message("encrypted.doc")
    );
    assert!(
        message("sheet.doc").contains("Excel"),
        "{}",
        message("sheet.doc")
    );
    assert!(
        message("truncated.doc").contains("损坏"),
        "{}",
        message("truncated.doc")
    );
    assert!(message("old.wps").contains("WPS"), "{}", message("old.wps"));
    assert!(
        message("sheet.doc").contains("不是 Word 文档"),
        "{}",
        message("sheet.doc")
    );
    for file in ["encrypted.doc", "truncated.doc", "old.wps"] {
        assert!(message(file).contains("另存为 .docx"), "{}", message(file));
    }
    for file in ["encrypted.doc", "sheet.doc", "truncated.doc", "old.wps"] {
        assert!(!message(file).contains("不是文本文件"), "{}", message(file));
    }
}

/// The byte offset of the WordDocument stream's FIB: its `wIdent` 0xA5EC at a sector start.
fn find_word_document(ole: &[u8]) -> usize {
    (512..ole.len())
        .step_by(512)
        .find(|&at| ole[at..].starts_with(&[0xEC, 0xA5]))
        .expect("a FIB")
}

/// Saved web pages under every name a site gives them, starting with a comment, a BOM, an XML
/// declaration or no doctype at all; the title in an `<h1>` before the content block, in a
/// layout table, or only in `<title>`: each gives the findings of the text of the same report.
#[test]
fn saved_web_pages_are_read_whatever_their_name() {
    for seed in formats_support::SEEDS {
        let stem = seed.trim_end_matches(".txt");
        let text = std::fs::read_to_string(tests_dir().join(fixture(seed))).unwrap();
        let (_, txt, _) = json(&[&fixture(seed)]);
        let expected = strip(&findings(&txt));
        let page = write::html_from_text(stem, &text);
        let doctype = "<!DOCTYPE html>\n";
        assert!(page.starts_with(doctype));
        let body = &page[doctype.len()..];
        // The title: its lines (one or two) up to the one naming the report; the content block
        // without them.
        let title_lines: Vec<&str> = {
            let mut lines = text.lines().filter(|l| !l.trim().is_empty());
            let mut out = Vec::new();
            for l in lines.by_ref() {
                out.push(l);
                if l.contains("报告") {
                    break;
                }
            }
            out
        };
        // As the text file has them (a leading space included, as `&nbsp;`).
        let title = title_lines
            .iter()
            .map(|l| l.trim_end().replace(' ', "&nbsp;"))
            .collect::<Vec<_>>()
            .join("<br>");
        let plain_title = title_lines.iter().map(|l| l.trim()).collect::<String>();
        let mut without_title = page.clone();
        for l in &title_lines {
            without_title =
                without_title.replacen(&format!("<p>{}</p>", l.replace(' ', "&nbsp;")), "", 1);
        }
        assert_eq!(
            without_title.len()
                + title_lines
                    .iter()
                    .map(|l| l.replace(' ', "&nbsp;").len() + 7)
                    .sum::<usize>(),
            page.len(),
            "{seed}: the title paragraphs"
        );
        let variants: Vec<(&str, String)> = vec![
            (
                "page.shtml",
                format!("<!-- saved from url=(0060)http://www.example.gov.cn/zfxxgk/nb/2023.shtml -->\n{body}"),
            ),
            (
                "page.jhtml",
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n{}",
                    body.replace("<html lang=\"zh-CN\">", "<html xmlns=\"http://www.w3.org/1999/xhtml\">")
                ),
            ),
            ("page.aspx", format!("\u{feff}<!--[if lt IE 9]><![endif]-->\r\n{page}")),
            (
                "page.php",
                without_title.replace(
                    "<div class=\"TRS_Editor\">",
                    &format!("<h1 class=\"art-title\">{title}</h1>\n<div class=\"info\">发布日期：2023-01-30</div>\n<div class=\"TRS_Editor\">"),
                ),
            ),
            (
                "page.asp",
                without_title
                    .replace(
                        "<div class=\"TRS_Editor\">",
                        &format!("<table width=\"760\" border=\"0\"><tr><td class=\"bt\" align=\"center\"><font size=\"5\"><b>{title}</b></font></td></tr>\n<tr><td id=\"zoom\">"),
                    )
                    .replace("</div>\n<div class=\"footer\">", "</td></tr></table>\n<div class=\"footer\">"),
            ),
            (
                "page.htm",
                without_title
                    .replace(
                        "<div class=\"TRS_Editor\">",
                        &format!("<table width=\"760\" align=\"center\"><tr><td height=\"40\" align=\"center\"><b>{title}</b></td></tr>\n<tr><td>"),
                    )
                    .replace("</div>\n<div class=\"footer\">", "</td></tr></table>\n<div class=\"footer\">"),
            ),
            (
                // Saved as one file by Internet Explorer or Word (MIME, the page in 8 bits).
                "page.mht",
                format!(
                    "From: <Saved by Windows Internet Explorer 11>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----=_NextPart_000_0000\"\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n------=_NextPart_000_0000\r\nContent-Type: text/html;\r\n\tcharset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{page}\r\n------=_NextPart_000_0000--\r\n"
                ),
            ),
            (
                // An old layout: a menu column of links beside the report, no class names.
                "page.html",
                without_title
                    .replace("<div class=\"header\">", "<div>")
                    .replace("<div class=\"nav\">", "<div>")
                    .replace("<div class=\"position\">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>", "")
                    .replace(
                        "<div class=\"TRS_Editor\">",
                        &format!("<table width=\"980\"><tr><td width=\"200\" valign=\"top\"><a href=\"/1\">政府信息公开指南</a><br><a href=\"/2\">政府信息公开制度</a><br><a href=\"/3\">法定主动公开内容</a><br><a href=\"/4\">政府信息公开年报</a></td>\n<td valign=\"top\"><p align=\"center\"><b>{title}</b></p>"),
                    )
                    .replace("</div>\n<div class=\"footer\">", "</td></tr></table>\n<div class=\"footer\">"),
            ),
            (
                "page",
                format!(
                    "<!-- 由内容管理系统生成 -->\n{}",
                    without_title.replace(
                        &format!("<title>{stem}</title>"),
                        &format!("<title>{plain_title}_某某县人民政府门户网站</title>")
                    )
                ),
            ),
        ];
        let dir = scratch(&format!("pages-{stem}"));
        for (name, content) in variants {
            let path = dir.join(name);
            std::fs::write(&path, content).unwrap();
            let (code, v, stderr) = json(&[path.to_str().unwrap()]);
            assert!(code <= 1, "{name}: {stderr}");
            let mut got = strip(&findings(&v));
            let mut want = expected.clone();
            if name == "page" {
                // A `<title>` has no leading space to keep: findings on the title may start a
                // column earlier.
                for f in got.iter_mut().chain(want.iter_mut()) {
                    if f.0 == "structure/title" {
                        f.2 = 0;
                    }
                }
            }
            assert_eq!(got, want, "{seed} as {name}");
        }
    }
}

#[test]
fn folders_are_searched_for_every_format() {
    let (_, v, _) = json(&[&fixture("formats")]);
    let paths: std::collections::BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    for ext in [".docx", ".doc", ".html", ".pdf"] {
        assert!(paths.iter().any(|p| p.ends_with(ext)), "{ext}: {paths:?}");
    }
}

#[test]
fn pdf_with_text_layer_is_linted() {
    let (_, v, stderr) = json(&[&fixture("formats/text-layer.pdf")]);
    let f = findings(&v);
    assert!(!f.is_empty(), "{stderr}");
    assert!(
        f.iter()
            .all(|(rule, ..)| rule != "io" && rule != "format/no-text-layer"),
        "{f:?}"
    );
    // The title was read: no complaint that the title is missing its agency or year.
    // The body was read up to its last heading (where this short file stops: a cut).
    assert!(
        f.iter()
            .any(|(rule, ..)| rule == "structure/required-sections"
                || rule == "structure/text-cut-short"),
        "{f:?}"
    );
}

#[test]
fn scanned_pdf_is_a_finding_not_an_empty_pass() {
    let (code, v, _) = json(&[&fixture("formats/scanned.pdf")]);
    let f = findings(&v);
    assert_eq!(code, 1);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "format/no-text-layer");
    assert!(f[0].1.contains("没有文字层"), "{}", f[0].1);
}

#[test]
fn picture_instead_of_a_statistics_table_in_html() {
    let text =
        std::fs::read_to_string(tests_dir().join(fixture("001_78480d18d66647dc.txt"))).unwrap();
    let dir = scratch("img");
    // Replace section 四's table by a picture of it.
    let start = text.find("四、因政府").expect("section four");
    let end = text[start..]
        .find("\n五、")
        .map_or(text.len(), |e| start + e);
    let heading_end = start + text[start..].find('\n').unwrap();
    let page = write::html_from_text("t", &text[..heading_end + 1])
        .replace(
            "</div>\n<div class=\"footer\">",
            &format!(
                "<p><img src=\"/upload/2023/biao4.png\" alt=\"行政复议行政诉讼情况统计表\"></p>\n{}</div>\n<div class=\"footer\">",
                text[end..]
                    .lines()
                    .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;").replace('<', "&lt;")))
                    .collect::<String>()
            ),
        );
    let path = dir.join("img.html");
    std::fs::write(&path, page).unwrap();
    let (_, v, _) = json(&["--select", "tables/present", path.to_str().unwrap()]);
    let d = v["diagnostics"].as_array().unwrap();
    assert!(
        d.iter().any(|d| d["rule"] == "tables/present"
            && d["severity"] == "error"
            && d["message"].as_str().unwrap().contains("图片")),
        "{d:#?}"
    );
}

/// Every guard rail gives its own error for its file, and the good file beside it is still
/// linted in the same run.
#[test]
fn guard_rails_fail_per_file_and_the_batch_goes_on() {
    let dir = scratch("guards");
    let good = std::fs::read(tests_dir().join(fixture("003_0fdc335fd3bbd9c3.txt"))).unwrap();
    std::fs::write(dir.join("0-good.txt"), &good).unwrap();
    // A zip bomb: 200 MB of zeros as the document part.
    let zeros = vec![0u8; 200 * 1024 * 1024];
    std::fs::write(
        dir.join("bomb.docx"),
        write::zip_parts(&[("word/document.xml", &zeros)]),
    )
    .unwrap();
    drop(zeros);
    std::fs::write(dir.join("not-a-zip.docx"), b"PK\x03\x04 garbage").unwrap();
    std::fs::write(
        dir.join("broken-xml.docx"),
        write::zip_parts(&[("word/document.xml", b"<w:document><w:body><w:p>")]),
    )
    .unwrap();
    let pdf = write::pdf(Some(&["一、总体情况"]));
    std::fs::write(dir.join("truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    std::fs::write(dir.join("big.html"), vec![b'x'; 1024 * 1024 + 1]).unwrap();

    let (code, v, stderr) = json(&["--max-file-size", "1", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    let d = v["diagnostics"].as_array().unwrap();
    let message = |file: &str| -> String {
        d.iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(file) && d["rule"] == "io")
            .map(|d| d["message"].as_str().unwrap().to_owned())
            .next()
            .unwrap_or_else(|| panic!("no io finding for {file}: {d:#?}"))
    };
    assert!(message("bomb.docx").contains("压缩炸弹"));
    assert!(message("not-a-zip.docx").contains("压缩包已损坏"));
    assert!(message("broken-xml.docx").contains("不是有效的 XML"));
    assert!(message("truncated.pdf").contains("PDF"));
    assert!(message("big.html").contains("文件过大"));
    // The good file's findings are all there.
    let good_findings = d
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with("0-good.txt"))
        .count();
    let (_, alone, _) = json(&[&fixture("003_0fdc335fd3bbd9c3.txt")]);
    assert_eq!(good_findings, findings(&alone).len());
    assert!(stderr.contains("5 个文件无法读取"), "{stderr}");
}

/// Table 三 as Word's template has it: the corner note over three rows and three columns, the
/// group labels merged down (`vMerge`), the row labels across two or three columns
/// (`gridSpan`). Numbers: one row given, the rest zero; `总计` column summed, except where
/// planted wrong.
///
/// `ragged`: the 科研机构 column is two grid columns wide in every row (a border drawn a little
/// off the others' in some row of the template once), so each of its cells spans two.
fn merged_table_three(new_row: [u32; 7], ragged: bool) -> write::Block {
    let c = |t: &str, rs: usize, cs: usize| (t.to_owned(), rs, cs);
    let w = if ragged { 2 } else { 1 };
    let nums = |v: [u32; 7]| {
        v.iter()
            .enumerate()
            .map(|(i, n)| c(&n.to_string(), 1, if i == 2 { w } else { 1 }))
            .collect::<Vec<_>>()
    };
    let zero = || nums([0; 7]);
    let mut rows = vec![
        vec![
            c(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                3,
                3,
            ),
            c("申请人情况", 1, 6 + w),
        ],
        vec![
            c("自然人", 2, 1),
            c("法人或其他组织", 1, 4 + w),
            c("总计", 2, 1),
        ],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .iter()
        .map(|t| c(t, 1, if *t == "科研机构" { w } else { 1 }))
        .collect(),
    ];
    let mut row = vec![c("一、本年新收政府信息公开申请数量", 1, 3)];
    row.extend(nums(new_row));
    rows.push(row);
    let mut row = vec![c("二、上年结转政府信息公开申请数量", 1, 3)];
    row.extend(zero());
    rows.push(row);
    let groups: [(&str, &[&str]); 7] = [
        ("（一）予以公开", &[]),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            &[],
        ),
        (
            "（三）不予公开",
            &[
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            &[
                "1.本机关不掌握相关政府信息",
                "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确",
            ],
        ),
        (
            "（五）不予处理",
            &[
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
        (
            "（六）其他处理",
            &[
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "3.其他",
            ],
        ),
        ("（七）总计", &[]),
    ];
    let result_rows: usize = groups.iter().map(|(_, items)| items.len().max(1)).sum();
    let mut first = true;
    for (group, items) in groups {
        let mut lead = Vec::new();
        if first {
            lead.push(c("三、本年度办理结果", result_rows, 1));
            first = false;
        }
        if items.is_empty() {
            let mut row = lead;
            row.push(c(group, 1, 2));
            // 予以公开 and 总计 carry the new requests: the year's sums hold.
            let v = if group.contains("予以公开") || group.contains("总计") {
                new_row
            } else {
                [0; 7]
            };
            row.extend(nums(v));
            rows.push(row);
            continue;
        }
        for (i, item) in items.iter().enumerate() {
            let mut row = if i == 0 {
                std::mem::take(&mut lead)
            } else {
                Vec::new()
            };
            if i == 0 {
                row.push(c(group, items.len(), 1));
            }
            row.push(c(item, 1, 1));
            row.extend(zero());
            rows.push(row);
        }
    }
    let mut row = vec![c("四、结转下年度继续办理", 1, 3)];
    row.extend(zero());
    rows.push(row);
    write::Block::Table(rows)
}

/// Merged cells in a Word table (the template's table 三) are read cell by cell: every row is
/// checked, and a wrong total is found with its arithmetic; no row is reported as unreadable.
#[test]
fn word_table_with_merged_cells_is_checked() {
    let text =
        std::fs::read_to_string(tests_dir().join(fixture("001_78480d18d66647dc.txt"))).unwrap();
    let mut blocks = Vec::new();
    let mut in_table_three = false;
    for line in text.lines() {
        if line.starts_with("三、收到和处理") {
            blocks.push(write::Block::Paragraph(line.to_owned()));
            in_table_three = true;
            continue;
        }
        if in_table_three {
            if line.starts_with("四、因政府") {
                // 总计 = 12 + 3 + 1 + 0 + 0 + 0 = 16, written 17.
                blocks.push(merged_table_three([12, 3, 1, 0, 0, 0, 17], false));
                in_table_three = false;
            } else {
                continue;
            }
        }
        blocks.push(write::Block::Paragraph(line.to_owned()));
    }
    let dir = scratch("merged");
    for ragged in [false, true] {
        let blocks: Vec<write::Block> = blocks
            .iter()
            .map(|b| match b {
                write::Block::Table(_) => merged_table_three([12, 3, 1, 0, 0, 0, 17], ragged),
                b => b.clone(),
            })
            .collect();
        let path = dir.join(format!("merged-{ragged}.docx"));
        std::fs::write(&path, write::docx(&blocks)).unwrap();
        let (_, v, stderr) = json(&[path.to_str().unwrap()]);
        let f = findings(&v);
        let unreadable: Vec<_> = f
            .iter()
            .filter(|x| x.1.contains("无法确定对应关系"))
            .collect();
        assert!(
            unreadable.is_empty(),
            "ragged {ragged}: {unreadable:#?}\n{stderr}"
        );
        assert!(
            f.iter().any(|x| x.1.contains("16") && x.1.contains("17")),
            "ragged {ragged}: {f:#?}"
        );
    }
}

/// A title set in a Word text box (DrawingML, with its VML fallback copy) is read where the box
/// is anchored, once: the findings are those of the text of the same report.
#[test]
fn title_in_a_word_text_box_is_read_in_place() {
    for seed in formats_support::SEEDS {
        let text = std::fs::read_to_string(tests_dir().join(fixture(seed))).unwrap();
        let (_, txt, _) = json(&[&fixture(seed)]);
        let mut blocks = write::blocks_of(&text);
        // The title's paragraphs: from the first with text to the one naming the report.
        let first = blocks
            .iter()
            .position(|b| matches!(b, write::Block::Paragraph(p) if !p.trim().is_empty()))
            .unwrap();
        let last = first
            + blocks[first..]
                .iter()
                .position(|b| matches!(b, write::Block::Paragraph(p) if p.contains("报告")))
                .unwrap();
        let lines: Vec<String> = blocks[first..=last]
            .iter()
            .filter_map(|b| match b {
                write::Block::Paragraph(p) if !p.trim().is_empty() => Some(p.clone()),
                _ => None,
            })
            .collect();
        blocks.splice(first..=last, [write::Block::TextBox(lines)]);
        let dir = scratch(&format!("textbox-{seed}"));
        let path = dir.join("textbox.docx");
        std::fs::write(&path, write::docx(&blocks)).unwrap();
        let (_, v, stderr) = json(&[path.to_str().unwrap()]);
        assert_eq!(
            strip(&findings(&v)),
            strip(&findings(&txt)),
            "{seed}: {stderr}"
        );
    }
}

/// Automatic list numbers in a .doc (Word's list tables, made by LibreOffice from a .docx whose
/// headings Word numbers `一、` and `（一）`) are read as Word shows them, as in the .docx.
#[test]
fn list_numbers_of_a_doc_are_read() {
    let bytes = std::fs::read(tests_dir().join(fixture("formats/numbered.doc"))).unwrap();
    let format = reportlint_formats::Format::detect("numbered.doc", &bytes);
    assert_eq!(format, reportlint_formats::Format::Doc);
    let e = reportlint_formats::extract(format, &bytes, &Default::default()).unwrap();
    assert_eq!(
        e.text,
        "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开\n（二）依申请公开\n\
         二、主动公开政府信息情况\n正文。\n三、收到和处理政府信息公开申请情况\n"
    );
}

/// Tracked deletions not yet accepted and hidden text are not part of the report as Word shows
/// it: left out of a .docx (`w:del`, `w:vanish`) and of the .doc LibreOffice made of it
/// (character properties `sprmCFRMarkDel`, `sprmCFVanish`).
#[test]
fn deleted_revisions_and_hidden_text_are_left_out() {
    for name in ["revisions.docx", "revisions.doc"] {
        let bytes = std::fs::read(tests_dir().join(fixture(&format!("formats/{name}")))).unwrap();
        let format = reportlint_formats::Format::detect(name, &bytes);
        let e = reportlint_formats::extract(format, &bytes, &Default::default()).unwrap();
        assert_eq!(
            e.text, "一、总体情况\n本年度共收到申请12件，均已办结。\n",
            "{name}"
        );
    }
}

/// Damaged .doc files — truncated, or with bytes changed anywhere (FIB, piece table, property
/// pages, list tables) — give a result or an error, never a panic or a hang.
#[test]
fn damaged_doc_files_are_errors_not_panics() {
    let doc = std::fs::read(tests_dir().join(fixture("formats/001_78480d18d66647dc.doc"))).unwrap();
    let limits = reportlint_formats::Limits::default();
    let read = |bytes: &[u8]| {
        let r = std::panic::catch_unwind(|| {
            reportlint_formats::extract(reportlint_formats::Format::Doc, bytes, &limits)
        });
        assert!(r.is_ok(), "a panic escaped");
    };
    for cut in (0..doc.len()).step_by(997) {
        read(&doc[..cut]);
    }
    // A fixed pseudo-random sequence: the same mutations on every run.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..300 {
        let mut bytes = doc.clone();
        for _ in 0..8 {
            let at = 512 + (next() as usize) % (bytes.len() - 512);
            bytes[at] = next() as u8;
        }
        read(&bytes);
    }
}

/// `reportlint config FILE` reads every input format as `check` does.
#[test]
fn config_reads_every_input_format() {
    for ext in ["docx", "doc", "html"] {
        let path = fixture(&format!("formats/001_78480d18d66647dc.{ext}"));
        let out = reportlint_tests::run(&["config", &path]);
        assert_eq!(out.code, 0, "{path}: {}", out.stderr);
        assert!(
            out.stdout.contains("机关：招远市金岭镇人民政府"),
            "{path}: {}",
            out.stdout
        );
    }
    let out = reportlint_tests::run(&["config", &fixture("formats/text-layer.pdf")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("机关："), "{}", out.stdout);
    // A scan has nothing to read the agency from: said so, not an empty pass.
    let out = reportlint_tests::run(&["config", &fixture("formats/scanned.pdf")]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("没有文字层"), "{}", out.stderr);
}

/// A title in a text box of a .doc (the text box subdocument, found through the anchor's shape)
/// is read where the box is anchored, as in the .docx it was made from.
#[test]
fn text_box_of_a_doc_is_read_in_place() {
    let bytes = std::fs::read(tests_dir().join(fixture("formats/textbox.doc"))).unwrap();
    let e =
        reportlint_formats::extract(reportlint_formats::Format::Doc, &bytes, &Default::default())
            .unwrap();
    let docx = write::docx(&[
        write::Block::TextBox(vec![
            "某某县人民政府".to_owned(),
            "2023年政府信息公开工作年度报告".to_owned(),
        ]),
        write::Block::Paragraph("一、总体情况".to_owned()),
        write::Block::Paragraph("正文。".to_owned()),
    ]);
    let from_docx =
        reportlint_formats::extract(reportlint_formats::Format::Docx, &docx, &Default::default())
            .unwrap();
    assert_eq!(e.text, from_docx.text);
    assert!(
        e.text
            .starts_with("某某县人民政府\n2023年政府信息公开工作年度报告\n"),
        "{}",
        e.text
    );
}
