fn main() {
    let path = std::env::args().nth(1).unwrap();
    let page: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let y0: f32 = std::env::args().nth(3).unwrap().parse().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let doc = pdf_extract::Document::load_mem(&bytes).unwrap();
    let mut c = reportlint_formats::pdf_glyphs::Collector::new(usize::MAX);
    pdf_extract::output_doc(&doc, &mut c).unwrap();
    for g in &c.pages[page].glyphs {
        if (g.y - y0).abs() < 3.0 || y0 < 0.0 {
            println!("{:?}", g);
        }
    }
}
