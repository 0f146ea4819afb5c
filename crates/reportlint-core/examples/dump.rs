//! Prints the document model of report files: `cargo run -p reportlint-core --example dump -- FILE…`.

use reportlint_core::Document;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let doc = match Document::from_bytes(path.clone(), &bytes) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let show = |s: reportlint_core::Span| -> String {
            let t = doc.slice(s);
            let t: String = t.chars().take(40).collect();
            let lc = doc.line_col(s.start);
            format!("{}:{} {:?}", lc.line, lc.column, t)
        };
        println!("== {path} ({})", doc.encoding().name());
        if let Some(h) = doc.header() {
            println!("header: {} fields, ends {}", h.fields.len(), show(h.span));
        }
        match doc.title() {
            Some(t) => println!(
                "title: {:?} year={:?} agency={:?} parts={} header={}",
                t.text,
                t.year.map(|y| y.value),
                t.agency.as_ref().map(|a| a.name.as_str()),
                t.parts.len(),
                t.from_header
            ),
            None => println!("title: none"),
        }
        println!("opening: {}", show(doc.opening()));
        for s in doc.sections() {
            println!(
                "section {:?}: {} number={:?} inline={}",
                s.kind,
                show(s.heading.span),
                s.heading.number.map(|n| (n.value, n.style)),
                s.heading.inline
            );
            for sub in &s.subheadings {
                println!(
                    "    sub {:?} {:?} {} {} inline={}",
                    sub.style,
                    sub.bracket,
                    sub.value,
                    show(sub.marker.cover(sub.title)),
                    sub.inline
                );
            }
        }
        let chosen: Vec<_> = doc.sections().iter().map(|s| s.heading.span).collect();
        for c in doc.heading_candidates() {
            if !chosen.contains(&c.span) {
                println!("  (unchosen {:?}: {})", c.kind, show(c.span));
            }
        }
        match doc.closing() {
            Some(c) => println!(
                "closing: agency={:?} date={:?}",
                c.agency.map(|a| doc.slice(a)),
                c.date.map(|d| doc.slice(d))
            ),
            None => println!("closing: none"),
        }
        if let Some(t) = doc.trailing() {
            println!("trailing: {}", show(t));
        }
    }
}
