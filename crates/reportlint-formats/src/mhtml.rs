//! Web pages saved as one file (.mht, .mhtml — Internet Explorer's and Word's "single file web
//! page", sometimes named .doc): a MIME message whose first `text/html` part is the page.
//!
//! The part is decoded (quoted-printable or base64) and its declared charset applied, then read
//! as any web page. Pictures and style sheets in the other parts are not read.

use crate::{html, Extracted, FormatError};

/// Whether `bytes` are a MIME message holding a web page: `MIME-Version` and a `multipart/related`
/// content type among the first headers.
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let headers = match find(head, b"\r\n\r\n").or_else(|| find(head, b"\n\n")) {
        Some(end) => &head[..end],
        None => return false,
    };
    contains_ci(headers, b"mime-version:") && contains_ci(headers, b"multipart/related")
}

/// Whether `hay` holds `needle` (lower-case ASCII) in any case, without copying `hay`: every file
/// of a batch is sniffed, and its first header block may be a few kilobytes of text.
fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return false;
    };
    let mut from = 0;
    while let Some(i) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + i + 1;
        if hay
            .get(at..at + rest.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(rest))
        {
            return true;
        }
        from = at;
    }
    false
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let bad = |what: &str| {
        FormatError::Unsupported(format!(
            "单个文件网页（.mht）{what}，请在浏览器中打开后另存为 .html 再检查"
        ))
    };
    let (headers, body) = split_headers(bytes);
    let boundary = param(&unfold(headers), "boundary").ok_or_else(|| bad("缺少分隔符"))?;
    let delimiter = [b"--", boundary.as_bytes()].concat();
    let mut rest = body;
    while let Some(at) = find(rest, &delimiter) {
        rest = &rest[at + delimiter.len()..];
        if rest.starts_with(b"--") {
            break; // the closing delimiter
        }
        let end = find(rest, &delimiter).unwrap_or(rest.len());
        let part = &rest[..end];
        let (h, content) = split_headers(trim_line_start(part));
        let h = unfold(h);
        let kind = header(&h, "content-type").unwrap_or_default();
        if !kind.to_ascii_lowercase().starts_with("text/html") {
            continue;
        }
        let encoding = header(&h, "content-transfer-encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let raw = match encoding.trim() {
            "quoted-printable" => quoted_printable(content),
            "base64" => base64(content).ok_or_else(|| bad("的 base64 内容已损坏"))?,
            _ => content.to_vec(),
        };
        // The part's charset, where declared: the page is handed over as UTF-8 with a BOM, which
        // the page reader believes before any `<meta charset>`.
        let page = match param(&kind, "charset")
            .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
        {
            Some(enc) => {
                let (text, _, _) = enc.decode(&raw);
                let mut utf8 = b"\xEF\xBB\xBF".to_vec();
                utf8.extend_from_slice(text.as_bytes());
                utf8
            }
            None => raw,
        };
        return html::extract(&page);
    }
    Err(bad("中没有网页部分"))
}

fn find(s: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    memchr::memmem::find(s, needle)
}

fn trim_line_start(s: &[u8]) -> &[u8] {
    let s = s.strip_prefix(b"\r").unwrap_or(s);
    s.strip_prefix(b"\n").unwrap_or(s)
}

/// The headers (up to the first empty line) and what follows.
fn split_headers(b: &[u8]) -> (&[u8], &[u8]) {
    let crlf = find(b, b"\r\n\r\n").map(|i| (i, 4));
    let lf = find(b, b"\n\n").map(|i| (i, 2));
    match [crlf, lf].into_iter().flatten().min_by_key(|x| x.0) {
        Some((i, n)) => (&b[..i], &b[i + n..]),
        None => (b, &[]),
    }
}

/// Header lines, continuation lines joined to the line they continue.
fn unfold(h: &[u8]) -> String {
    let s = String::from_utf8_lossy(h);
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        let line = line.trim_end_matches('\r');
        if line.starts_with([' ', '\t']) {
            out.push(' ');
            out.push_str(line.trim());
        } else {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    out
}

fn header(headers: &str, name: &str) -> Option<String> {
    headers.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_owned())
    })
}

/// A parameter of a header value: `boundary="----=_NextPart…"`, `charset=gb2312`.
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        let k = k.trim();
        // `boundary` sits in the Content-Type line of the unfolded headers.
        let k = k.rsplit([' ', '\n']).next().unwrap_or(k);
        k.eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

fn quoted_printable(b: &[u8]) -> Vec<u8> {
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            match (b.get(i + 1), b.get(i + 2)) {
                // A soft line break.
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n'), _) => i += 2,
                (Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                    out.push(hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0));
                    i += 3;
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn base64(b: &[u8]) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(b.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in b {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            break;
        }
        acc = (acc << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_are_found_in_any_case() {
        assert!(contains_ci(b"MIME-Version: 1.0", b"mime-version:"));
        assert!(contains_ci(b"x: 1\nmime-VERSION: 1.0", b"mime-version:"));
        assert!(contains_ci(
            b"Content-Type: Multipart/Related;",
            b"multipart/related"
        ));
        // A near miss, a match cut short at the end, and text without the first letter.
        assert!(!contains_ci(b"MIME-Versio: 1.0", b"mime-version:"));
        assert!(!contains_ci(b"xx multipart/relate", b"multipart/related"));
        assert!(!contains_ci("统计期限".as_bytes(), b"mime-version:"));
        assert!(!contains_ci(b"", b"m"));
    }

    const PAGE: &str = "From: <Saved by Windows Internet Explorer 8>\r\nSubject: =?gb2312?B?xOqxqA==?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----=_NextPart_000_0000_01DA1234.5678ABCD\"\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n------=_NextPart_000_0000_01DA1234.5678ABCD\r\nContent-Type: text/html;\r\n\tcharset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: http://www.example.gov.cn/art/2024/1/1/1.html\r\n\r\n";

    #[test]
    fn quoted_printable_gb2312_page() {
        let html = "<html><head><meta charset=\"gb2312\"></head><body><div class=\"TRS_Editor\"><p>某某县2023年政府信息公开工作年度报告</p><p>一、总体情况</p></div></body></html>";
        let (gb, _, _) = encoding_rs::GBK.encode(html);
        let mut qp = String::new();
        for (i, b) in gb.iter().enumerate() {
            if i > 0 && i % 60 == 0 {
                qp.push_str("=\r\n");
            }
            if b.is_ascii_graphic() && *b != b'=' || *b == b' ' {
                qp.push(*b as char);
            } else {
                qp.push_str(&format!("={b:02X}"));
            }
        }
        let mht = format!(
            "{PAGE}{qp}\r\n\r\n------=_NextPart_000_0000_01DA1234.5678ABCD\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n\r\n------=_NextPart_000_0000_01DA1234.5678ABCD--\r\n"
        );
        assert!(sniff(mht.as_bytes()));
        let e = extract(mht.as_bytes()).unwrap();
        assert_eq!(
            e.text,
            "某某县2023年政府信息公开工作年度报告\n一、总体情况\n"
        );
    }

    #[test]
    fn base64_utf8_page_and_broken_files() {
        assert_eq!(
            base64(b"5LiA44CB\r\n5oC75L2T5oOF5Ya1").unwrap(),
            "一、总体情况".as_bytes()
        );
        let mht = PAGE
            .replace("charset=\"gb2312\"", "charset=\"utf-8\"")
            .replace("quoted-printable", "base64")
            + "PHA+5LiA44CB5oC75L2T5oOF5Ya1PC9wPg==\r\n";
        assert_eq!(extract(mht.as_bytes()).unwrap().text, "一、总体情况\n");
        assert!(extract(b"MIME-Version: 1.0\r\n\r\nno boundary").is_err());
        let cut = &PAGE[..PAGE.find("Content-Type: text/html").unwrap()];
        assert!(extract(cut.as_bytes()).is_err());
        assert!(!sniff("一、总体情况\n\n正文".as_bytes()));
    }
}
