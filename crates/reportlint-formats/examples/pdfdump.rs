//! Prints what reportlint reads from a PDF: the text, and with `--pages` the page map;
//! `--plain`: pdf-extract's own text output instead, for comparison.
fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: pdfdump FILE.pdf [--pages]");
    let bytes = std::fs::read(&path).expect("readable file");
    let t = std::time::Instant::now();
    if std::env::args().any(|a| a == "--plain") {
        // pdf-extract's own text output, for comparison (docs/formats.md).
        match pdf_extract::extract_text_from_mem(&bytes) {
            Ok(t) => print!("{t}"),
            Err(e) => println!("error: {e}"),
        }
        eprintln!("{:?}", t.elapsed());
        return;
    }
    let e = reportlint_formats::extract(
        reportlint_formats::Format::Pdf,
        &bytes,
        &reportlint_formats::Limits::default(),
    );
    eprintln!("{:?}", t.elapsed());
    match e {
        Ok(e) => {
            print!("{}", e.text);
            if std::env::args().any(|a| a == "--pages") {
                for l in e.pages.iter().flat_map(|p| &p.lines) {
                    println!("{} p{} l{}", l.offset, l.page, l.line);
                }
            }
        }
        Err(e) => println!("error: {e}"),
    }
}
