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
use crate::{Extracted, FormatError};

pub fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let text = decode(bytes);
    // Budgets before the parser builds anything (docs/formats.md, "Limits").
    let budget = crate::budget::html_budget(&text).map_err(|n| {
        FormatError::OverBudget(format!(
            "网页含有超过 {} 个元素和注释（已数到 {n} 个），可能是恶意构造的页面",
            crate::budget::MAX_HTML_ELEMENTS
        ))
    })?;
    let html = Html::parse_document(&budget.page);
    let dropped = budget.dropped;
    drop(budget);
    drop(text);
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
        link_lists: if whole_body {
            link_lists(root)
        } else {
            Default::default()
        },
    };
    if !whole_body {
        // The content block often starts below the title, which the page sets in an `<h1>`,
        // a title cell of a layout table, or only in `<title>`.
        if let Some(title) = title_outside(&html, body, root) {
            walker.out.paragraph(&title);
        }
    }
    if dropped > 0 {
        walker.out.limit(format!(
            "网页元素嵌套超过 {} 层，更深的 {} 个标签已去除（文字保留）",
            crate::budget::MAX_HTML_DEPTH,
            dropped
        ));
    }
    walker.walk(root);
    walker.flush(false);
    Ok(walker.out.finish())
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

/// Whether `bytes` are a web page, whatever the file is called: after a BOM, white space,
/// comments (`<!-- saved from url=… -->`, a publishing system's stamp), an XML declaration or
/// processing instructions, the first thing is a doctype or an HTML element.
///
/// A text report that starts with a `<!-- reportlint-… -->` directive stays text: after the
/// comment comes its title, not markup.
pub fn sniff(bytes: &[u8]) -> bool {
    const WINDOW: usize = 64 * 1024;
    let head = &bytes[..bytes.len().min(WINDOW)];
    // UTF-16 pages: the markup is ASCII, so look at it through the decoded text.
    let decoded;
    let mut s: &[u8] = match encoding_rs::Encoding::for_bom(head) {
        Some((enc, bom)) if enc != encoding_rs::UTF_8 => {
            decoded = enc.decode_without_bom_handling(&head[bom..]).0.into_owned();
            decoded.as_bytes()
        }
        Some((_, bom)) => &head[bom..],
        None => head,
    };
    loop {
        while let Some((c, rest)) = s.split_first() {
            if c.is_ascii_whitespace() {
                s = rest;
            } else {
                break;
            }
        }
        if starts_with_ci(s, b"<!--") {
            match find(s, b"-->") {
                Some(end) => s = &s[end + 3..],
                None => return false,
            }
        } else if starts_with_ci(s, b"<?") {
            match find(s, b"?>") {
                Some(end) => s = &s[end + 2..],
                None => return false,
            }
        } else {
            break;
        }
    }
    if starts_with_ci(s, b"<!doctype") {
        let decl = &s[..find(s, b">").unwrap_or(s.len()).min(256)];
        return find_ci(decl, b"html").is_some();
    }
    let Some(rest) = s.strip_prefix(b"<") else {
        return false;
    };
    let name: Vec<u8> = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase)
        .collect();
    // The tag must end there: `<html>`, `<html lang=…>`, `<br/>`.
    let ends = rest
        .get(name.len())
        .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/');
    const TAGS: [&[u8]; 24] = [
        b"html",
        b"head",
        b"body",
        b"meta",
        b"title",
        b"link",
        b"base",
        b"script",
        b"style",
        b"div",
        b"table",
        b"p",
        b"h1",
        b"h2",
        b"h3",
        b"center",
        b"font",
        b"span",
        b"a",
        b"b",
        b"br",
        b"form",
        b"iframe",
        b"frameset",
    ];
    // And the tag must close: `>` before any other `<`.
    let closes = rest
        .iter()
        .take(2048)
        .position(|&c| c == b'>' || c == b'<')
        .is_some_and(|i| rest[i] == b'>');
    ends && closes && TAGS.contains(&name.as_slice())
}

fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(s: &[u8], needle: &[u8]) -> Option<usize> {
    s.windows(needle.len()).position(|w| w == needle)
}

fn find_ci(s: &[u8], needle: &[u8]) -> Option<usize> {
    s.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
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

/// Whether a line could be a report's title: short, and names a report (政府信息公开工作年度报告,
/// …报告). Navigation links and breadcrumbs are not passed here.
fn title_like(line: &str) -> bool {
    let n = line.chars().count();
    (6..=80).contains(&n) && line.contains("报告") && !line.ends_with(['。', '；', '，'])
}

/// The lines of one block of text, for [`title_outside`].
#[derive(Default)]
struct Block {
    lines: Vec<String>,
    line: String,
}

impl Block {
    fn end_line(&mut self) {
        let l = collapse(&self.line);
        if !l.is_empty() {
            self.lines.push(l);
        }
        self.line.clear();
    }

    /// Ends the block; a block that reads as a title becomes `best`.
    fn end(&mut self, best: &mut Option<String>) {
        self.end_line();
        if title_like(&self.lines.concat()) {
            *best = Some(self.lines.join("\n"));
        }
        self.lines.clear();
    }
}

/// The report's title when it stands before the content block `root` and not in it: the last
/// block of text before the block that names a report (an `<h1>`, a title `<div>`, a cell of a
/// layout table), outside links and site furniture; else the page's `<title>` without the
/// site's name. `None` when the block starts with a title of its own.
fn title_outside(html: &Html, body: NodeRef<'_, Node>, root: NodeRef<'_, Node>) -> Option<String> {
    // The block's own first lines (three at most): a title of its own may be one line or two
    // (`某某镇人民政府` / `2023年政府信息公开工作年度报告`).
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut visible = 0usize;
    for edge in root.traverse() {
        let Edge::Open(n) = edge else { continue };
        if let Node::Text(t) = n.value() {
            visible += t.chars().filter(|c| !c.is_whitespace()).count();
            line.push_str(t);
        } else if element_name(&n).is_some_and(|e| is_block(e) || e == "br") {
            let l = collapse(&line);
            line.clear();
            if !l.is_empty() {
                lines.push(l);
            }
        }
        if lines.len() >= 3 || visible > 300 {
            break;
        }
    }
    let l = collapse(&line);
    if !l.is_empty() {
        lines.push(l);
    }
    let own_title = (0..lines.len().min(3)).any(|i| {
        title_like(&lines[i]) || (i > 0 && title_like(&format!("{}{}", lines[i - 1], lines[i])))
    });
    if own_title {
        return None;
    }
    // Text before the block, by the block elements that hold it; `<br>` breaks a title in two
    // lines (`某某镇人民政府<br>2023年政府信息公开工作年度报告`).
    let mut best: Option<String> = None;
    let mut block = Block::default();
    let mut skip = 0usize;
    for edge in body.traverse() {
        match edge {
            Edge::Open(n) => {
                if n.id() == root.id() {
                    break;
                }
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match n.value() {
                    Node::Text(t) => block.line.push_str(t),
                    Node::Element(e) => {
                        if always_dropped(e.name()) || e.name() == "a" || furniture(&n) {
                            skip = 1;
                        } else if e.name() == "br" {
                            block.end_line();
                        } else if is_block(e.name()) || matches!(e.name(), "td" | "th") {
                            block.end(&mut best);
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
                if element_name(&n).is_some_and(|e| is_block(e) || matches!(e, "td" | "th")) {
                    block.end(&mut best);
                }
            }
        }
    }
    best.or_else(|| {
        let title = html
            .tree
            .root()
            .descendants()
            .find(|n| is_element(n, "title"))?;
        let text: String = title
            .descendants()
            .filter_map(|n| match n.value() {
                Node::Text(t) => Some(&**t),
                _ => None,
            })
            .collect();
        // `报告标题_某某县人民政府`, `报告标题 - 某某网`, `报告标题|…`: the title is the part
        // that names the report.
        let text = collapse(&text);
        text.split(['_', '|', '｜'])
            .flat_map(|p| p.split(" - "))
            .flat_map(|p| p.split(" — "))
            .map(str::trim)
            .find(|p| title_like(p))
            .map(str::to_owned)
    })
}

/// The blocks under `root` that are lists of links: a menu column of an old layout table, a
/// sidebar, a "相关链接" box. At least three links, at least 60% of the block's text in them, and
/// no table inside (a data table is never a menu). One pass over the tree, counting each
/// block's text and link text as its elements close.
fn link_lists(root: NodeRef<'_, Node>) -> std::collections::HashSet<ego_tree::NodeId> {
    #[derive(Default, Clone, Copy)]
    struct Count {
        text: usize,
        linked: usize,
        links: usize,
        table: bool,
    }
    let mut out = std::collections::HashSet::new();
    let mut stack: Vec<Count> = vec![Count::default()];
    let mut in_link = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Text(t) => {
                    let len = t.chars().filter(|c| !c.is_whitespace()).count();
                    if let Some(top) = stack.last_mut() {
                        top.text += len;
                        if in_link > 0 {
                            top.linked += len;
                        }
                    }
                }
                Node::Element(e) => {
                    if e.name() == "a" {
                        in_link += 1;
                    }
                    stack.push(Count::default());
                }
                _ => {}
            },
            Edge::Close(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                let Some(mut c) = stack.pop() else { break };
                if e.name() == "a" {
                    in_link = in_link.saturating_sub(1);
                    c.links += 1;
                }
                let is_list = c.links >= 3
                    && !c.table
                    && c.linked * 10 >= c.text * 6
                    && matches!(e.name(), "td" | "th" | "ul" | "ol" | "div" | "table" | "dl");
                if is_list {
                    out.insert(n.id());
                }
                c.table |= e.name() == "table";
                if let Some(parent) = stack.last_mut() {
                    parent.text += c.text;
                    parent.linked += c.linked;
                    parent.links += c.links;
                    parent.table |= c.table;
                }
            }
        }
    }
    out
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
    /// Blocks that are lists of links (menus, sidebars, "related articles"), dropped with the
    /// other furniture when the whole body is read.
    link_lists: std::collections::HashSet<ego_tree::NodeId>,
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
                            if always_dropped(name)
                                || (self.whole_body
                                    && (furniture(&n) || self.link_lists.contains(&n.id())))
                            {
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

/// A table used to lay out the page rather than to hold data: one column only, or it holds
/// another table, or a cell with long running text.
fn layout_table(table: NodeRef<'_, Node>) -> bool {
    // One column only (a title in a box, a date line): no statistics table is.
    let one_column = table
        .descendants()
        .filter(|n| is_element(n, "tr"))
        .all(|tr| {
            tr.children()
                .filter(|c| is_element(c, "td") || is_element(c, "th"))
                .count()
                <= 1
        });
    one_column
        || table.descendants().skip(1).any(|n| is_element(&n, "table"))
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
        let e = extract(page.as_bytes()).unwrap();
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
        assert_eq!(extract(&bytes).unwrap().text, "年度报告\n");
    }

    #[test]
    fn old_layout_table_keeps_the_title_and_drops_the_menu_column() {
        let page = r#"<html><body><table width="980"><tr><td colspan="2"><img src="logo.gif" width="980" height="20"></td></tr>
<tr><td width="200" valign="top"><a href="/1">政府信息公开指南</a><br><a href="/2">政府信息公开制度</a><br><a href="/3">政府信息公开年报</a></td>
<td valign="top"><table width="100%"><tr><td align="center"><font size="5"><b>某某县人民政府2023年政府信息公开工作年度报告</b></font></td></tr></table>
<p>一、总体情况</p><p>本年度，我县……详见<a href="/x">专栏</a>。</p>
<table border="1"><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table>
</td></tr><tr><td colspan="2">主办：某某县人民政府办公室</td></tr></table></body></html>"#;
        let e = extract(page.as_bytes()).unwrap();
        assert!(
            e.text
                .starts_with("某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度，我县……详见专栏。\n"),
            "{}",
            e.text
        );
        assert!(!e.text.contains("公开指南"), "{}", e.text);
        assert_eq!(e.tables.len(), 1, "{}", e.text);
    }

    #[test]
    fn title_in_an_h1_above_the_content_block_or_only_in_title() {
        let page = r#"<!-- saved from url=(0040)http://www.example.gov.cn/art/1.html -->
<html><head><title>某某县2023年政府信息公开工作年度报告_某某县人民政府</title></head><body>
<div class="nav"><a>首页</a></div><div class="crumb"><a>政务公开</a> &gt; <a>年度报告</a></div>
<h1 class="art-title">某某县人民政府<br>2023年政府信息公开工作年度报告</h1><div class="info">发布时间：2024-01-20 来源：县政府办</div>
<div class="TRS_Editor"><p>一、总体情况</p><p>本年度，我县认真贯彻……全面推进政务公开工作，现将有关情况报告如下。</p></div></body></html>"#;
        let e = extract(page.as_bytes()).unwrap();
        assert!(
            e.text
                .starts_with("某某县人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n"),
            "{}",
            e.text
        );
        // No heading outside: the page's <title>, without the site's name.
        let page = page.replace(
            "<h1 class=\"art-title\">某某县人民政府<br>2023年政府信息公开工作年度报告</h1>",
            "",
        );
        let e = extract(page.as_bytes()).unwrap();
        assert!(
            e.text
                .starts_with("某某县2023年政府信息公开工作年度报告\n一、总体情况\n"),
            "{}",
            e.text
        );
        // The block has its own title: nothing is added.
        let page = page.replace(
            "<p>一、总体情况</p>",
            "<p>某某县2023年政府信息公开工作年度报告</p><p>一、总体情况</p>",
        );
        let e = extract(page.as_bytes()).unwrap();
        assert_eq!(e.text.matches("年度报告").count(), 1, "{}", e.text);
    }

    #[test]
    fn gbk_page_with_http_equiv_content_type() {
        let (bytes, _, _) = encoding_rs::GBK.encode(
            "<html><head><!-- <meta charset=\"utf-8\"> --><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\"></head><body><p>年度报告</p></body></html>",
        );
        assert_eq!(extract(&bytes).unwrap().text, "年度报告\n");
        // Undeclared GBK: not UTF-8, so GB18030.
        let (bytes, _, _) = encoding_rs::GBK.encode("<p>年度报告</p>");
        assert_eq!(extract(&bytes).unwrap().text, "年度报告\n");
    }

    /// R23a: the word `charset` in the page's text declares nothing.
    #[test]
    fn charset_in_the_text_is_no_declaration() {
        let page = "<html><head><title>报告</title></head><body><p>页面编码说明：charset=gbk 年度报告</p></body></html>";
        assert_eq!(
            extract(page.as_bytes()).unwrap().text,
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
            assert_eq!(
                extract(page.as_bytes()).unwrap().text,
                "年度报告\n",
                "{meta}"
            );
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = "<div>".repeat(3_000) + "正文" + &"</div>".repeat(3_000);
        assert!(extract(page.as_bytes()).unwrap().text.contains("正文"));
    }
}
