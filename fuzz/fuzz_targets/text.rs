//! The decoder, the document model, every rule and the JSON output, on any bytes given as a
//! text report (through the command line's own entry point, as `check -`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let args = [
        "reportlint",
        "check",
        "--isolated",
        "--format",
        "json",
        "--today",
        "2026-11-22",
        "--stdin-filename",
        "fuzz.txt",
        "-",
    ];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = reportlint::run(args, &mut out, &mut err, Some(data), false);
    assert!(code <= 2);
    let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    let Ok((text, _)) = reportlint_core::source::decode(data) else {
        return;
    };
    for d in v["diagnostics"].as_array().expect("diagnostics") {
        // A panic in a rule is caught and reported as `internal`: for the fuzzer, a crash.
        assert_ne!(d["rule"], "internal", "{}", d["message"]);
        if d["rule"] == "io" {
            continue;
        }
        let start = d["offset"].as_u64().unwrap() as usize;
        let end = start + d["length"].as_u64().unwrap() as usize;
        assert!(end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end));
    }
});
