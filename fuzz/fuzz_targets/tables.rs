//! The table readers: layout detection and reading over any text, and the statistics tables
//! analysis of a document (under the headings of the three table sections when the first byte
//! asks for them, so that the template matching runs).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reportlint_core::tables::{readers, Tables};
use reportlint_core::{Document, Span};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let text = match mode % 4 {
        0 => body.to_owned(),
        1 => format!("二、主动公开政府信息情况\n{body}\n三、收到和处理政府信息公开申请情况\n"),
        2 => format!(
            "三、收到和处理政府信息公开申请情况\n{body}\n四、政府信息公开行政复议、行政诉讼情况\n"
        ),
        _ => format!(
            "四、政府信息公开行政复议、行政诉讼情况\n{body}\n五、存在的主要问题及改进情况\n"
        ),
    };
    let whole = Span::new(0, text.len());
    let layout = readers::detect(&text, whole);
    let _ = readers::read(&text, whole, layout);
    let doc = Document::parse("fuzz.txt", text);
    let _ = doc.analysis::<Tables>();
});
