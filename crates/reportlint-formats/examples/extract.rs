//! Prints the text reportlint reads from a file: `cargo run -p reportlint-formats --example extract -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let format = reportlint_formats::Format::detect(&path, &bytes);
    match reportlint_formats::extract(format, &bytes, &reportlint_formats::Limits::default()) {
        Ok(e) => {
            print!("{}", e.text);
            eprintln!(
                "{} tables, {} pictures, no text layer: {:?}",
                e.tables.len(),
                e.images.len(),
                e.no_text_layer
            );
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
