//! .pdf extraction with the default limits: any bytes give text or a per-file error, never a
//! panic, a hang or an allocation past the limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reportlint_formats::{extract, Format, Limits};

fuzz_target!(|data: &[u8]| {
    if let Ok(e) = extract(Format::Pdf, data, &Limits::default()) {
        for t in &e.tables {
            assert!(t.span.end <= e.text.len());
        }
    }
});
