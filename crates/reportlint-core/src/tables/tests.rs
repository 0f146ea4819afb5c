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
