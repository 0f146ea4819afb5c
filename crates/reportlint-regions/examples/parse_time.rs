//! Measures the first-use cost of the embedded tables (the division tables are static arrays
//! written by the build script; the area codes are parsed on first use).
//!
//! `cargo run --release -p reportlint-regions --example parse_time`

use std::time::Instant;

fn main() {
    let t = Instant::now();
    let p = reportlint_regions::lookup("371003106").expect("宋村镇");
    let first = t.elapsed();
    let t = Instant::now();
    let r = reportlint_regions::resolve_agency("威海市文登区宋村镇人民政府");
    let resolve = t.elapsed();
    let t = Instant::now();
    let a = reportlint_regions::area_code(&p);
    let area = t.elapsed();
    println!("first lookup (the tables are built at compile time): {first:?} -> {p}");
    println!(
        "resolve_agency afterwards: {resolve:?} -> {:?}",
        r.found().map(ToString::to_string)
    );
    println!("first area_code (parses area_codes.csv): {area:?} -> {a:?}");
}
