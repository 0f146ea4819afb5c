use super::*;
use crate::Document;

fn tables(text: &str) -> std::sync::Arc<Tables> {
    Document::parse("t.txt", text).analysis::<Tables>()
}

#[test]
fn no_section_no_table() {
    let t = tables("一、总体情况\n无\n");
    assert!(t.requests.is_none());
}

#[test]
fn shanghai_2019_pipes_in_the_trial_format() {
    let t = tables(include_str!(
        "../../../../tests/fixtures/real/unknown-repo__shanghai-gov-js__2019_shanghai_zfbgt_rendered.txt"
    ));
    let pro = t.proactive.as_ref().and_then(|f| f.table()).unwrap();
    assert_eq!(
        (pro.format, pro.clauses()),
        (Format::Y2019, vec![1, 5, 6, 8, 9])
    );
    let req = t.requests.as_ref().and_then(|f| f.table()).unwrap();
    assert_eq!((req.layout, req.format), (Layout::Pipes, Format::Y2019));
    assert!(req.is_complete());
    assert_eq!(
        req.cell(RowKey::Disclosed, Col::Total).unwrap().value,
        CellValue::Blank
    );
    assert_eq!(
        req.cell(RowKey::Total, Col::Total).unwrap().int(),
        Some(805)
    );
    let app = t.appeals.as_ref().and_then(|f| f.table()).unwrap();
    assert_eq!(app.cell(0, 4).unwrap().int(), Some(7));
    assert_eq!(app.cell(1, 4).unwrap().int(), Some(9));
    assert!(app.cell(2, 4).unwrap().is_missing());
}

#[test]
fn pingtan_run_together_is_split_only_where_certain() {
    let t = tables(include_str!(
        "../../../../tests/fixtures/real/changwu__pingtan-gov-zwgk-archive__2021_page.txt"
    ));
    let req = t.requests.as_ref().and_then(|f| f.table()).unwrap();
    assert_eq!(req.layout, Layout::Flowing);
    // `640020470` as seven cells: several splits, so unknown
    assert!(req.row(RowKey::New).unwrap().cells.is_none());
    // `500000 5`: certain
    let partial: Vec<i64> = req
        .row(RowKey::Partial)
        .unwrap()
        .cells
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| c.int().unwrap())
        .collect();
    assert_eq!(partial, [5, 0, 0, 0, 0, 0, 5]);
    let app = t.appeals.as_ref().and_then(|f| f.table()).unwrap();
    assert!(app.cells.is_none() && app.unverifiable.is_some());
}

/// An importer's (.docx) tables: every line of `text` after the heading with a tab is a table
/// row, its cells at their spans, merged header cells once with their spans.
fn with_imported(text: &str) -> Document {
    use crate::document::{ImportedCell, ImportedTable};
    let doc = Document::parse("t.docx", text);
    let mut rows = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if content.contains('\t') {
            start.get_or_insert(offset);
            let mut cells = Vec::new();
            let mut at = offset;
            for (i, cell) in content.split('\t').enumerate() {
                // As in Word: 行政复议 spans five columns, 行政诉讼 ten, the two kinds of
                // lawsuit five each; the five review columns span two rows, so the third row
                // has no cells of its own under them.
                let (row_span, col_span) = match (rows.len(), i) {
                    (0, 0) => (1, 5),
                    (0, 1) => (1, 10),
                    (1, 0..=4) => (2, 1),
                    (1, 5 | 6) => (1, 5),
                    _ => (1, 1),
                };
                if rows.len() != 2 || !cell.is_empty() {
                    cells.push(ImportedCell {
                        span: crate::Span::new(at, at + cell.len()),
                        row_span,
                        col_span,
                    });
                }
                at += cell.len() + 1;
            }
            rows.push(cells);
        }
        offset += line.len();
    }
    let span = crate::Span::new(start.unwrap(), offset);
    doc.with_imported_tables(vec![ImportedTable { span, rows }])
}

#[test]
fn imported_grids_are_taken_as_tables() {
    let text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n\
        结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n\
        \t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n\
        5\t0\t0\t2\t7\t8\t0\t0\t1\t9\t0\t0\t0\t0\t0\n";
    let doc = with_imported(text);
    let t = doc.analysis::<Tables>();
    let appeals = t.appeals.as_ref().and_then(|f| f.table()).unwrap();
    assert_eq!(
        appeals.layout,
        Layout::Grid,
        "read from the importer's grid, not the text"
    );
    let cells = appeals.cells.as_ref().unwrap();
    assert_eq!(
        cells.iter().map(|c| c.int().unwrap()).collect::<Vec<_>>(),
        [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0]
    );
    // Without the importer's grid the same text is read as tab-separated rows.
    let plain = tables(text);
    assert_eq!(
        plain
            .appeals
            .as_ref()
            .and_then(|f| f.table())
            .unwrap()
            .layout,
        Layout::Tabs
    );
}

#[test]
fn page_furniture_is_not_part_of_a_row() {
    let table = "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n0 1 0 0 1 0 0 0 0 0 0 0 0 0 0\n";
    for furniture in [
        "- 5 -\n",
        "— 5 —\n",
        "第5页 共6页\n",
        "5/6\n",
        "5\n\u{c}",
        "－5－\r\n",
    ] {
        let text = format!("某县统计局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n{table}{furniture}五、存在的主要问题及改进情况\n无。\n");
        let t = tables(&text);
        let app = t
            .appeals
            .as_ref()
            .and_then(|f| f.table())
            .unwrap_or_else(|| panic!("{furniture:?}"));
        assert!(
            app.unverifiable.is_none(),
            "{furniture:?}: {:?}",
            app.unverifiable
        );
        assert_eq!(app.cell(0, 4).unwrap().int(), Some(1), "{furniture:?}");
    }
}

#[test]
fn a_running_header_inside_a_table_is_skipped() {
    let h = "某县统计局2023年政府信息公开工作年度报告";
    let text = format!("{h}\n一、总体情况\n正文。\n- 2 -\n{h}\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n- 3 -\n{h}\n行政规范性文件 1 0 3\n- 4 -\n{h}\n三、收到和处理政府信息公开申请情况\n");
    let t = tables(&text);
    let pro = t.proactive.as_ref().and_then(|f| f.table()).unwrap();
    let row = pro.row(ProRowKey::Normative).unwrap();
    let cells: Vec<i64> = row
        .cells
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| c.int().unwrap())
        .collect();
    assert_eq!(cells, [1, 0, 3]);
}

#[test]
fn the_documents_lines_are_the_readers_lines() {
    for text in [
        "",
        "\n",
        "a",
        "规章\t0\n\n行政\t1\n",
        "一、总体情况\n\n\t规章\n\t0\n \t0\n\n正文。",
        "\n\n|a|b|\n|---|\nx",
        "表\n\t规章\n\t0\n\n\t行政\n\t1\n \t2\n正文\t。\n",
        "a\tb\tc\n\nd\te\n正文。\n| x | y |\n|z|",
    ] {
        let doc = Document::parse("t.txt", text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &start in &bounds {
            for &end in bounds.iter().filter(|&&e| e >= start) {
                let region = Span::new(start, end);
                let (n, lines) = region_lines(doc.lines(), region);
                let got: Vec<Span> = lines.clone().collect();
                assert_eq!(n, got.len());
                let want: Vec<Span> = readers::lines(text, region).collect();
                assert_eq!(got, want, "{text:?} {start}..{end}");
                // The layout told from them, knowing how many they are.
                let layout = readers::detect_in(text, region, lines, n);
                assert_eq!(
                    layout,
                    readers::detect(text, region),
                    "{text:?} {start}..{end}"
                );
            }
        }
    }
}

#[test]
fn masking_replaces_each_byte_with_a_space() {
    let text = "表二\n- 5 -\n规章\t0\n第5页 共6页\n";
    let reference = |spans: &[Span]| {
        let mut bytes = text.as_bytes().to_vec();
        for s in spans {
            bytes[s.range()].fill(b' ');
        }
        String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
    };
    let page = text.find("- 5 -").unwrap();
    let footer = text.find("第5页").unwrap();
    for spans in [
        vec![],
        vec![Span::new(page, page + 5)],
        vec![Span::new(page, page + 5), Span::new(footer, text.len() - 1)],
        vec![
            Span::new(footer, footer + 6),
            Span::new(footer + 3, footer + 9),
        ],
        // Not on character boundaries: the text is read unmasked.
        vec![Span::new(1, 4)],
        vec![
            Span::new(footer + 1, footer + 3),
            Span::new(footer + 3, footer + 5),
        ],
    ] {
        assert_eq!(mask(text, &spans), reference(&spans), "{spans:?}");
    }
}
