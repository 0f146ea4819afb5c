//! Decoding a file's bytes into text.
//!
//! Reports are published as UTF-8 (with or without a byte-order mark) or in the Chinese national
//! encodings GBK/GB18030, and now and then as UTF-16 with a BOM. Everything downstream works on one
//! decoded UTF-8 `String`; spans are byte offsets into it.

use std::fmt;

/// The encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// Why bytes could not be read as a report's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes hold NUL or other control bytes that no text file has.
    Binary { offset: usize },
    /// Neither valid UTF-8 nor valid GB18030.
    UnknownEncoding,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => write!(
                f,
                "不是文本文件：第 {offset} 字节处出现二进制内容（NUL 或控制字符）"
            ),
            DecodeError::UnknownEncoding => {
                write!(
                    f,
                    "无法识别文件编码：既不是有效的 UTF-8，也不是有效的 GBK/GB18030"
                )
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a report file. UTF-8 is tried first (it is self-validating, so a GBK file is almost never
/// valid UTF-8), then GB18030, a superset of GBK and GB2312.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if enc == encoding_rs::UTF_8 {
            let text = utf8(body).ok_or(DecodeError::UnknownEncoding)?;
            check_text(text)?;
            return Ok((text.to_owned(), Encoding::Utf8Bom));
        }
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::UnknownEncoding);
        }
        check_text(&text)?;
        let which = if enc == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        return Ok((text.into_owned(), which));
    }
    if let Some(offset) = binary_offset(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    decode_utf8_or_gb18030(bytes)
}

/// `bytes` as UTF-8 text, if they are valid UTF-8. The standard library's check goes a byte at a
/// time through Chinese text (every character is three bytes above ASCII), and was a tenth of the
/// time of building a document; `simdutf8` checks 32 bytes at a step. Copying the validated text
/// afterwards (a `memcpy`) costs far less than validating it.
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

fn decode_utf8_or_gb18030(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    match utf8(bytes) {
        Some(text) => Ok((text.to_owned(), Encoding::Utf8)),
        None => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(DecodeError::UnknownEncoding);
            }
            Ok((text.into_owned(), Encoding::Gb18030))
        }
    }
}

/// The offset of the first byte that no text file holds: NUL anywhere, or a C0 control other
/// than tab, line feed, carriage return, form feed and escape in the first kilobyte (where every
/// binary format puts its header). Checking only the head keeps this off the hot path.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Some(pos);
    }
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b | 0x0b);
    let head = &bytes[..bytes.len().min(1024)];
    // Thirty-two bytes at a time without a branch per byte (the compiler makes it vector code);
    // a byte at a time only in the chunk that holds one.
    let mut chunks = head.chunks_exact(32);
    for (i, chunk) in (&mut chunks).enumerate() {
        // Controls other than 0x09–0x0D and 0x1B: below 0x09, or 0x0E–0x1F but 0x1B.
        let flags = chunk.iter().fold(0u8, |any, &b| {
            any | u8::from(b < 0x09) | (u8::from(b.wrapping_sub(0x0e) < 0x12) & u8::from(b != 0x1b))
        });
        if flags != 0 {
            return chunk.iter().position(|&b| control(b)).map(|at| i * 32 + at);
        }
    }
    let rest = chunks.remainder();
    rest.iter()
        .position(|&b| control(b))
        .map(|at| head.len() - rest.len() + at)
}

fn check_text(text: &str) -> Result<(), DecodeError> {
    match binary_offset(text.as_bytes()) {
        Some(offset) => Err(DecodeError::Binary { offset }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        let (t, e) = decode("一、总体情况".as_bytes()).unwrap();
        assert_eq!((t.as_str(), e), ("一、总体情况", Encoding::Utf8));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("报告".as_bytes());
        let (t, e) = decode(&b).unwrap();
        assert_eq!((t.as_str(), e), ("报告", Encoding::Utf8Bom));
    }

    #[test]
    fn gbk_is_decoded() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("二、主动公开政府信息情况\r\n电话：0631－8898088");
        let (t, e) = decode(&bytes).unwrap();
        assert_eq!(e, Encoding::Gb18030);
        assert_eq!(t, "二、主动公开政府信息情况\r\n电话：0631－8898088");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "年度报告".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&b).unwrap(),
            ("年度报告".to_owned(), Encoding::Utf16Le)
        );
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00abc"),
            Err(DecodeError::Binary { offset: 4 })
        );
        assert!(decode(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]).is_err());
    }

    #[test]
    fn control_bytes_are_found_in_every_chunk_of_the_head() {
        let byte_at_a_time = |b: &[u8]| {
            b[..b.len().min(1024)]
                .iter()
                .position(|&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b | 0x0b))
        };
        let text = "一、总体情况\r\n\t本机关\x0c\x1b\x0b。\n".repeat(40);
        for at in [
            0,
            1,
            31,
            32,
            33,
            100,
            1000,
            1023,
            1024,
            1100,
            text.len() - 1,
        ] {
            for control in [0x01u8, 0x08, 0x0e, 0x1a, 0x1c, 0x1f] {
                let mut b = text.clone().into_bytes();
                b[at] = control;
                assert_eq!(binary_offset(&b), byte_at_a_time(&b), "{at} {control}");
                assert_eq!(binary_offset(&b[..at + 1]), byte_at_a_time(&b[..at + 1]));
            }
        }
        assert_eq!(binary_offset(text.as_bytes()), None);
    }
}
