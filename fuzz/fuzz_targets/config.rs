//! The configuration parser (`reportlint.toml`): any text gives a configuration or an error
//! with its place, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    reportlint::link_builtin_rules();
    let known: Vec<&'static reportlint_core::RuleMeta> = reportlint_core::registered_rules()
        .into_iter()
        .map(|r| r.meta())
        .collect();
    let _ =
        reportlint_config::Config::parse(std::path::Path::new("reportlint.toml"), source, &known);
});
