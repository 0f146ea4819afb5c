//! Prints the statistics tables found in a report: `cargo run -p reportlint-core --example tables -- FILE…`

use reportlint_core::tables::{Found, Tables};
use reportlint_core::Document;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let doc = Document::from_bytes(path.clone(), &bytes).expect("decode");
        let t = doc.analysis::<Tables>();
        let text = doc.text();
        let show = |s: reportlint_core::Span| {
            let lc = doc.line_col(s.start);
            format!(
                "{}:{} {:?}",
                lc.line,
                lc.column,
                text[s.range()].chars().take(30).collect::<String>()
            )
        };
        println!("== {path}");
        match &t.proactive {
            None => println!("二: no section"),
            Some(Found::Missing { image, .. }) => {
                println!("二: MISSING image={:?}", image.map(show))
            }
            Some(Found::Unreadable { .. }) => println!("二: UNREADABLE"),
            Some(Found::Table(p)) => {
                println!(
                    "二: {:?} {:?} clauses={:?} rows={} missing={:?} complete={}",
                    p.layout,
                    p.format,
                    p.clauses(),
                    p.rows.len(),
                    p.missing,
                    p.is_complete()
                );
                for r in &p.rows {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .flatten()
                        .map(|c| format!("{:?}", c.value))
                        .collect();
                    println!("   {:?} {}", r.key, cells.join(" "));
                }
                for u in &p.unverifiable {
                    println!(
                        "   unverifiable {} {:?} {:?}",
                        show(u.span),
                        u.row,
                        u.reason
                    );
                }
            }
        }
        match &t.requests {
            None => println!("三: no section"),
            Some(Found::Missing { image, .. }) => {
                println!("三: MISSING image={:?}", image.map(show))
            }
            Some(Found::Unreadable { .. }) => println!("三: UNREADABLE"),
            Some(Found::Table(r)) => {
                println!(
                    "三: {:?} {:?} rows={} cols={} missing={:?} complete={}",
                    r.layout,
                    r.format,
                    r.rows.len(),
                    r.columns().len(),
                    r.missing,
                    r.is_complete()
                );
                for row in &r.rows {
                    let cells: Vec<String> = row
                        .cells
                        .iter()
                        .flatten()
                        .map(|c| match c.value {
                            reportlint_core::tables::CellValue::Int(v) => v.to_string(),
                            v => format!("{v:?}"),
                        })
                        .collect();
                    println!(
                        "   {:<22} {} {}",
                        row.key.short(),
                        if row.label.is_none() { "(pos)" } else { "" },
                        cells.join(" ")
                    );
                }
                for u in &r.unverifiable {
                    println!(
                        "   unverifiable {} {:?} {:?}",
                        show(u.span),
                        u.row,
                        u.reason
                    );
                }
            }
        }
        match &t.appeals {
            None => println!("四: no section"),
            Some(Found::Missing { image, .. }) => {
                println!("四: MISSING image={:?}", image.map(show))
            }
            Some(Found::Unreadable { .. }) => println!("四: UNREADABLE"),
            Some(Found::Table(a)) => {
                let cells: Vec<String> = a
                    .cells
                    .iter()
                    .flatten()
                    .map(|c| match c.value {
                        reportlint_core::tables::CellValue::Int(v) => v.to_string(),
                        v => format!("{v:?}"),
                    })
                    .collect();
                println!(
                    "四: {:?} cells={} [{}] unverifiable={:?}",
                    a.layout,
                    cells.len(),
                    cells.join(" "),
                    a.unverifiable.as_ref().map(|u| u.reason)
                );
            }
        }
    }
}
