//! Web pages (.html/.htm): the report's main content, as the reader sees it.
//!
//! The page is decoded (BOM, then UTF-8 if valid, then `<meta charset>` in the head, then
//! GB18030), parsed with
//! html5ever (through `scraper`), and the main content is chosen: `<article>`, `<main>` or a
//! content container that the publishing systems of government sites use (`TRS_Editor`, `zoom`,
//! `content`…), whichever holds most of the page's text; otherwise the whole `<body>` without its
//! header, footer, navigation and sidebars. Scripts, styles and forms are always dropped.
//!
//! Block elements (`<p>`, `<div>`, headings, list items…) and `<br>` end lines; `<table>`
//! becomes a grid (unless it is a layout table that wraps the page); `<img>` becomes a
//! placeholder line. `<!-- reportlint-… -->` comments are kept as lines, so that directives work
//! in web pages too. The tree is walked without recursion, so deep nesting cannot overflow the
//! stack.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::builder::{RawCell, TextBuilder};
use crate::Extracted;

pub fn extract(bytes: &[u8]) -> Extracted {
    let text = decode(bytes);
    let html = Html::parse_document(&text);
    let body = html
        .tree
        .root()
        .descendants()
        .find(|n| is_element(n, "body"))
        .unwrap_or_else(|| html.tree.root());
    let (root, whole_body) = main_content(body);
    let mut walker = Walker {
        out: TextBuilder::new(),
        line: String::new(),
        whole_body,
    };
    walker.walk(root);
    walker.flush(false);
    walker.out.finish()
}

/// Decodes a page: a BOM wins; then a `<meta>` charset declared in the head, unless the page is
/// valid UTF-8 that the declaration would misread (a GBK declaration on a UTF-8 page is a
/// common mistake of copied templates); then UTF-8 if valid, else GB18030. As browsers do
/// (WHATWG), a declared UTF-16 is read as UTF-8: a page whose bytes the declaration could
/// describe starts with a BOM.
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    let declared = meta_charset(bytes).map(|enc| {
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            enc
        }
    });
    match (declared, utf8) {
        (_, Some(s)) => s.to_owned(),
        (Some(enc), None) if enc != encoding_rs::UTF_8 => {
            enc.decode_without_bom_handling(bytes).0.into_owned()
        }
        _ => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The charset a `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` declares, looked for only in `<meta>` tags before the body (the first 8 KiB at
/// most, comments skipped): the word `charset` in the page's text declares nothing.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(8192)];
    let lower = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(lt) = lower[at..].iter().position(|&b| b == b'<').map(|i| at + i) {
        let rest = &lower[lt..];
        if rest.starts_with(b"<!--") {
            at = find_bytes(&rest[4..], b"-->").map_or(lower.len(), |i| lt + 4 + i + 3);
            continue;
        }
        if rest.starts_with(b"<body") || rest.starts_with(b"</head") {
            return None;
        }
        let end = rest
            .iter()
            .position(|&b| b == b'>')
            .map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        at = lt + end;
        if !(tag.starts_with(b"<meta") && tag.get(5).is_some_and(|c| c.is_ascii_whitespace())) {
            continue;
        }
        let Some(c) = find_bytes(tag, b"charset") else {
            continue;
        };
        let value = tag[c + 7..]
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .collect::<Vec<_>>();
        if value.first() != Some(&&b'=') {
            continue;
        }
        let label: Vec<u8> = value[1..]
            .iter()
            .map(|b| **b)
            .skip_while(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .collect();
        if let Some(enc) = encoding_rs::Encoding::for_label(&label) {
            return Some(enc);
        }
    }
    None
}

/// Where `needle` first occurs in `hay`.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn element_name<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    match n.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn is_element(n: &NodeRef<'_, Node>, name: &str) -> bool {
    element_name(n) == Some(name)
}

/// Elements never read.
fn always_dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "canvas"
            | "select"
            | "button"
            | "input"
            | "textarea"
            | "nav"
            | "audio"
            | "video"
            | "map"
    )
}

/// Id and class words of site furniture (navigation, header, footer, sidebars, share bars).
fn furniture(n: &NodeRef<'_, Node>) -> bool {
    let Node::Element(e) = n.value() else {
        return false;
    };
    if matches!(e.name(), "header" | "footer" | "aside" | "form") {
        return true;
    }
    const WORDS: [&str; 12] = [
        "nav",
        "menu",
        "breadcrumb",
        "crumb",
        "footer",
        "header",
        "sidebar",
        "topbar",
        "share",
        "position",
        "location",
        "dqwz",
    ];
    let words = e.id().into_iter().chain(e.classes());
    words.map(|w| w.to_ascii_lowercase()).any(|w| {
        WORDS.iter().any(|k| {
            w == *k
                || w.starts_with(&format!("{k}-"))
                || w.starts_with(&format!("{k}_"))
                || w.ends_with(&format!("-{k}"))
                || w.ends_with(&format!("_{k}"))
                || (w.starts_with(k) && w.len() <= k.len() + 2)
        })
    })
}

/// Ids and classes of the content containers of common publishing systems.
fn content_container(n: &NodeRef<'_, Node>) -> bool {
    let Node::Element(e) = n.value() else {
        return false;
    };
    if matches!(e.name(), "article" | "main") || e.attr("role") == Some("main") {
        return true;
    }
    const WORDS: [&str; 14] = [
        "trs_editor",
        "zoom",
        "content",
        "article",
        "article-content",
        "article_content",
        "art_con",
        "news_content",
        "pages_content",
        "contxt",
        "con_txt",
        "xxgk_content",
        "detail",
        "main-content",
    ];
    let words = e.id().into_iter().chain(e.classes());
    words
        .map(|w| w.to_ascii_lowercase())
        .any(|w| WORDS.contains(&w.as_str()))
}

/// Characters of readable text under `n` (scripts and styles left out).
fn text_len(n: NodeRef<'_, Node>) -> usize {
    let mut len = 0;
    let mut skip = 0usize;
    for edge in n.traverse() {
        match edge {
            Edge::Open(c) => {
                if skip > 0 || element_name(&c).is_some_and(always_dropped) {
                    skip += 1;
                    continue;
                }
                if let Node::Text(t) = c.value() {
                    len += t.trim().chars().count();
                }
            }
            Edge::Close(_) => skip = skip.saturating_sub(1),
        }
    }
    len
}

/// The node holding the report, and whether it is the whole body (then furniture is dropped).
fn main_content(body: NodeRef<'_, Node>) -> (NodeRef<'_, Node>, bool) {
    let total = text_len(body);
    let best = body
        .descendants()
        .filter(content_container)
        .take(64)
        .map(|n| (text_len(n), n))
        .max_by_key(|(len, _)| *len);
    match best {
        Some((len, n)) if total > 0 && len * 10 >= total * 4 => (n, false),
        _ => (body, true),
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "section"
            | "article"
            | "main"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "center"
            | "address"
            | "hr"
            | "table"
            | "tr"
            | "caption"
            | "body"
            | "header"
            | "footer"
    )
}

struct Walker {
    out: TextBuilder,
    line: String,
    whole_body: bool,
}

impl Walker {
    /// Ends the current line. `force`: even when it is empty (an empty paragraph, a `<br>`).
    fn flush(&mut self, force: bool) {
        let line = collapse(&self.line);
        if !line.is_empty() || force {
            self.out.paragraph(&line);
        }
        self.line.clear();
    }

    fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut skip = 0usize;
        // For each open <p>: the output length when it opened (an empty <p> is an empty line).
        let mut paragraphs: Vec<usize> = Vec::new();
        for edge in root.traverse() {
            match edge {
                Edge::Open(n) => {
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    match n.value() {
                        Node::Text(t) => self.line.push_str(t),
                        Node::Comment(c) => {
                            let c = c.trim();
                            if c.starts_with("reportlint-") {
                                self.flush(false);
                                self.out.paragraph(&format!("<!-- {c} -->"));
                            }
                        }
                        Node::Element(e) => {
                            let name = e.name();
                            if always_dropped(name) || (self.whole_body && furniture(&n)) {
                                skip = 1;
                                continue;
                            }
                            match name {
                                "br" => self.flush(true),
                                "img" if !tiny(e) => {
                                    self.flush(false);
                                    let d = e
                                        .attr("alt")
                                        .filter(|a| !a.trim().is_empty())
                                        .or_else(|| e.attr("title"))
                                        .map(str::to_owned)
                                        .or_else(|| {
                                            e.attr("src").map(|s| {
                                                s.rsplit('/').next().unwrap_or(s).to_owned()
                                            })
                                        })
                                        .unwrap_or_default();
                                    self.out.image(&d);
                                }
                                "table" if !layout_table(n) => {
                                    self.flush(false);
                                    self.out.table(read_table(n));
                                    skip = 1;
                                }
                                "td" | "th" => self.line.push(' '),
                                "p" => {
                                    self.flush(false);
                                    paragraphs.push(self.out.len());
                                }
                                _ if is_block(name) => self.flush(false),
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if let Some(name) = element_name(&n) {
                        if name == "p" {
                            let opened_at = paragraphs.pop().unwrap_or(usize::MAX);
                            let empty = collapse(&self.line).is_empty();
                            self.flush(empty && self.out.len() == opened_at);
                        } else if is_block(name) {
                            self.flush(false);
                        }
                    }
                }
            }
        }
    }
}

/// Whitespace as a browser shows it: runs of ASCII whitespace become one space, and the line is
/// trimmed of it; non-breaking spaces are kept (as spaces).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(if c == '\u{a0}' { ' ' } else { c });
        }
    }
    out
}

/// Icons and spacers (width or height under 32 pixels) are not pictures of anything.
fn tiny(e: &scraper::node::Element) -> bool {
    ["width", "height"].iter().any(|a| {
        e.attr(a)
            .and_then(|v| v.trim_end_matches("px").trim().parse::<u32>().ok())
            .is_some_and(|v| v < 32)
    })
}

/// A table used to lay out the page rather than to hold data: it holds another table, or a cell
/// with long running text.
fn layout_table(table: NodeRef<'_, Node>) -> bool {
    table.descendants().skip(1).any(|n| is_element(&n, "table"))
        || table
            .descendants()
            .filter(|n| is_element(n, "td") || is_element(n, "th"))
            .any(|cell| text_len(cell) > 400)
}

/// The rows of a data table, with row and column spans.
fn read_table(table: NodeRef<'_, Node>) -> Vec<Vec<RawCell>> {
    let mut rows = Vec::new();
    for tr in table.descendants().filter(|n| is_element(n, "tr")) {
        let mut row = Vec::new();
        for cell in tr.children() {
            let Node::Element(e) = cell.value() else {
                continue;
            };
            if !matches!(e.name(), "td" | "th") {
                continue;
            }
            let span = |a: &str| {
                e.attr(a)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1)
            };
            let mut text = String::new();
            let mut skip = 0usize;
            for edge in cell.traverse() {
                match edge {
                    Edge::Open(n) => {
                        if skip > 0 || element_name(&n).is_some_and(always_dropped) {
                            skip += 1;
                            continue;
                        }
                        match n.value() {
                            Node::Text(t) => text.push_str(t),
                            Node::Element(e) if e.name() == "br" || is_block(e.name()) => {
                                text.push(' ')
                            }
                            _ => {}
                        }
                    }
                    Edge::Close(_) => skip = skip.saturating_sub(1),
                }
            }
            row.push(RawCell {
                text: collapse(&text),
                row_span: span("rowspan"),
                col_span: span("colspan"),
                merged_up: false,
            });
        }
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_content_without_furniture_scripts_and_styles() {
        let page = r#"<!doctype html><html><head><title>x</title><style>p{}</style></head>
<body><div class="nav"><a>首页</a><a>政务公开</a></div>
<script>var a = "一、总体情况";</script>
<div class="TRS_Editor"><p>某某县人民政府2023年政府信息公开工作年度报告</p>
<p>一、总体情况</p><p></p><p>&nbsp;&nbsp;本年度……<br>第二行</p>
<table><tr><th rowspan="2">信息内容</th><th colspan="2">本年制发件数</th></tr>
<tr><td>规章</td><td>0</td></tr></table>
<p><img src="/pic/tongji.png" alt="统计表"></p></div>
<div class="footer">版权所有</div></body></html>"#;
        let e = extract(page.as_bytes());
        assert_eq!(
            e.text,
            "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n\n  本年度……\n第二行\n\
             信息内容\t本年制发件数\t\n\t规章\t0\n[图片：统计表]\n"
        );
        assert_eq!(e.tables.len(), 1);
        assert_eq!(e.images.len(), 1);
        assert_eq!(&e.text[e.images[0].span.clone()], "[图片：统计表]");
    }

    #[test]
    fn gbk_page_with_meta_charset() {
        let (bytes, _, _) = encoding_rs::GBK.encode(
            "<html><head><meta charset=\"gb2312\"></head><body><p>年度报告</p></body></html>",
        );
        assert_eq!(extract(&bytes).text, "年度报告\n");
    }

    #[test]
    fn gbk_page_with_http_equiv_content_type() {
        let (bytes, _, _) = encoding_rs::GBK.encode(
            "<html><head><!-- <meta charset=\"utf-8\"> --><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\"></head><body><p>年度报告</p></body></html>",
        );
        assert_eq!(extract(&bytes).text, "年度报告\n");
        // Undeclared GBK: not UTF-8, so GB18030.
        let (bytes, _, _) = encoding_rs::GBK.encode("<p>年度报告</p>");
        assert_eq!(extract(&bytes).text, "年度报告\n");
    }

    /// R23a: the word `charset` in the page's text declares nothing.
    #[test]
    fn charset_in_the_text_is_no_declaration() {
        let page = "<html><head><title>报告</title></head><body><p>页面编码说明：charset=gbk 年度报告</p></body></html>";
        assert_eq!(
            extract(page.as_bytes()).text,
            "页面编码说明：charset=gbk 年度报告\n"
        );
        assert_eq!(meta_charset(page.as_bytes()), None);
        assert_eq!(
            meta_charset(b"<head><script>var charset='gbk';</script></head>"),
            None
        );
        assert_eq!(
            meta_charset(b"<head><!-- <meta charset=gbk> --></head>"),
            None
        );
        assert_eq!(
            meta_charset(b"<head><meta charset='GBK'></head>"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(
            meta_charset(b"<meta http-equiv=content-type content=\"text/html;charset=big5\">"),
            Some(encoding_rs::BIG5)
        );
    }

    /// R23b: a declaration that contradicts valid UTF-8 loses (UTF-16 declared on a UTF-8 page,
    /// or a GBK template header on a page saved as UTF-8).
    #[test]
    fn a_declaration_that_contradicts_valid_utf8_loses() {
        for meta in ["utf-16", "UTF-16LE", "gbk", "gb2312"] {
            let page = format!(
                "<html><head><meta charset=\"{meta}\"></head><body><p>年度报告</p></body></html>"
            );
            assert_eq!(extract(page.as_bytes()).text, "年度报告\n", "{meta}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = "<div>".repeat(3_000) + "正文" + &"</div>".repeat(3_000);
        assert!(extract(page.as_bytes()).text.contains("正文"));
    }
}
