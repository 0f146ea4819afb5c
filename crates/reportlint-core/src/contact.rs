//! Contact details: address, postcode, telephone and fax, e-mail, website (report-format.md
//! §7.3–§7.5), with spans, wherever the report gives them — mostly the opening, sometimes a
//! sentence near the end. Computed once per document through [`Contact`].

use std::sync::LazyLock;

use regex::Regex;

use crate::text::ascii_digit;
use crate::{Analysis, Document, Span};

/// A labelled field (`地址：…`, `邮编：…`, `电子邮箱：…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The label with its colon (`邮编：`).
    pub label: Span,
    /// The value, trimmed.
    pub value: Span,
}

/// What kind of number a telephone number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// Area code + 7–8 digits.
    Fixed,
    /// `1[3-9]` + 9 digits.
    Mobile,
    /// Service numbers: `12345`, `12315`, `400…`, `95…`.
    Service,
    /// 7–8 digits with no area code.
    Local,
    /// Not a well-formed number.
    Malformed,
}

/// One telephone or fax number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The number as written (with brackets and separators).
    pub span: Span,
    /// All its digits, ASCII.
    pub digits: String,
    pub kind: PhoneKind,
    /// The area code (with its leading 0) and its span, for fixed-line numbers.
    pub area_code: Option<(String, Span)>,
    /// The local number's digits.
    pub local: String,
    /// The separator between area code and local number, with its span.
    pub separator: Option<(char, Span)>,
    /// The label calls it a fax (`传真`).
    pub fax: bool,
    /// Why it is malformed, in Chinese.
    pub problem: Option<String>,
}

/// A web address as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Website {
    pub span: Span,
    /// The host part, as written (`www.wendeng.gov.cn`).
    pub host: String,
    /// What is wrong with it, in Chinese; `None` when well formed.
    pub problem: Option<String>,
    /// A corrected spelling when the problem is one of writing (full-width dots, `http//`).
    pub corrected: Option<String>,
    /// The host is neither `www.…` nor a government domain.
    pub non_gov: bool,
}

/// The contact details of one document.
#[derive(Debug, Clone, Default)]
pub struct Contact {
    /// The sentences the details were read from.
    pub sentences: Vec<Span>,
    pub addresses: Vec<Field>,
    pub postcodes: Vec<Field>,
    pub phones: Vec<Phone>,
    pub emails: Vec<Field>,
    pub websites: Vec<Website>,
    /// A website named in words where the report is published (`在龙泉市人民政府网站公布`).
    /// Looked for only until a web address is found: with an address it is not needed.
    pub website_named: Option<Span>,
}

impl Contact {
    pub fn has_phone(&self) -> bool {
        self.phones.iter().any(|p| !p.fax)
    }

    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
            && self.postcodes.is_empty()
            && self.phones.is_empty()
            && self.emails.is_empty()
    }

    /// Reads the contact details in `span` of `doc` (tests and tools).
    pub fn read(text: &str, span: Span) -> Contact {
        let mut c = Contact::default();
        read_into(text, span, &mut c);
        c
    }
}

/// `pattern` with up to three spaces allowed between its CJK characters: justified text spreads
/// short labels over the line's width (`邮 编：`, `电  话：`, `联 系 电 话`). ASCII words and
/// regex syntax are left alone.
fn letter_spaced(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 4);
    let mut prev_cjk = false;
    let (mut escaped, mut in_class) = (false, false);
    for c in pattern.chars() {
        let cjk = !escaped && !in_class && ('\u{4e00}'..='\u{9fff}').contains(&c);
        if cjk && prev_cjk {
            out.push_str(r"[\x20\u{3000}]{0,3}");
        }
        out.push(c);
        prev_cjk = cjk;
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => in_class = true,
            ']' => in_class = false,
            _ => {}
        }
    }
    out
}

/// The labels, as a pattern (the letter-spaced variant is built from it).
const LABEL_PATTERN: &str = r"(?ix)
        (?P<addr>(?:联系|通讯|通信|办公|单位)?地址)
        |(?P<post>邮政编码|邮编)
        |(?P<phone>(?:联系|咨询|办公|值班|服务)?电话(?:号码)?(?:\s*[/／、及和]\s*传真)?|(?:Tel|TEL|电\s话))
        |(?P<fax>传真(?:电话|号码)?|Fax)
        |(?P<mail>电子邮箱|电子信箱|电子邮件|邮箱|E-?mail)
        |(?P<web>网址|网站地址)
        ";

static LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(LABEL_PATTERN).unwrap());

/// [`LABEL`] with spaces allowed between the characters of each word (`邮 编`, `联 系 电 话`).
/// Slower (its words are no literals to search for): used only on text that has a label's
/// first character followed by a space.
static LABEL_SPACED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&letter_spaced(LABEL_PATTERN)).unwrap());

/// Whether `s` has a label's first character followed by a space: text that may hold a
/// letter-spaced label. Found from the spaces (few in Chinese text), not by a search for each
/// character.
fn may_hold_spaced_label(s: &str) -> bool {
    let firsts = [
        '联', '通', '办', '单', '地', '邮', '咨', '值', '服', '电', '传', '网',
    ];
    let before_is_first = |at: usize| {
        s[..at]
            .chars()
            .next_back()
            .is_some_and(|c| firsts.contains(&c))
    };
    memchr::memchr_iter(b' ', s.as_bytes()).any(before_is_first)
        || memchr::memmem::find_iter(s.as_bytes(), "\u{3000}".as_bytes()).any(before_is_first)
}

/// The characters a match of [`LABEL`] or [`LABEL_SPACED`] can begin with (the words' first
/// characters; `Tel`, `Fax` and `E-mail` in either case).
const LABEL_FIRSTS: [char; 18] = [
    '联', '通', '办', '单', '地', '邮', '咨', '值', '服', '电', '传', '网', 'T', 't', 'F', 'f',
    'E', 'e',
];

/// Whether `s` may hold a label: it has a character a label begins with.
fn may_hold_label(s: &str) -> bool {
    s.contains(LABEL_FIRSTS)
}

/// The label pattern for `s`: the letter-spaced one only where it can matter.
fn label_re(s: &str) -> &'static Regex {
    if may_hold_spaced_label(s) {
        &LABEL_SPACED
    } else {
        &LABEL
    }
}

/// A label as matched, without the spaces of letter-spaced text (`邮 编` is `邮编`).
fn squeezed(label: &str) -> std::borrow::Cow<'_, str> {
    if label.contains([' ', '\u{3000}']) {
        label
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{3000}'))
            .collect::<String>()
            .into()
    } else {
        label.into()
    }
}

/// The group of LABEL that matched `label`, read off the label itself (a capture search costs
/// several times the search): the groups match disjoint sets of words. Only `web` and `addr`
/// words end in `地址`, only `fax` words begin with `传真` or are `fax`, only `mail` words end in
/// `邮箱`, `信箱`, `邮件` or `mail`; `phone` words are the rest.
fn label_kind(label: &str) -> &'static str {
    let b = label.as_bytes();
    if label == "网址" || label == "网站地址" {
        "web"
    } else if label.ends_with("地址") {
        "addr"
    } else if label == "邮政编码" || label == "邮编" {
        "post"
    } else if label.starts_with("传真") || label.eq_ignore_ascii_case("fax") {
        "fax"
    } else if ["邮箱", "信箱", "邮件"].iter().any(|w| label.ends_with(w))
        || b.len() >= 4 && b[b.len() - 4..].eq_ignore_ascii_case(b"mail")
    {
        "mail"
    } else {
        "phone"
    }
}

/// A colon after a label (`：`, `:`), with spaces.
fn colon_len(s: &str) -> usize {
    let t = s.trim_start_matches([' ', '\u{3000}']);
    let pre = s.len() - t.len();
    if let Some(r) = t.strip_prefix(['：', ':']) {
        let r2 = r.trim_start_matches([' ', '\u{3000}']);
        pre + (t.len() - r.len()) + (r.len() - r2.len())
    } else {
        0
    }
}

/// The longest value a field may have, in characters. Real values (an address, a list of phone
/// numbers with office hours) are well under it; the cap keeps a line of thousands of labels
/// and no separator (R02 in the reliability issue) linear: each label reads at most this far.
const MAX_VALUE_CHARS: usize = 300;

#[cfg(test)]
thread_local! {
    /// Characters the value scans read (tests bound the work with it).
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Where a field's value ends: a sentence or field separator, or a closing bracket that closes
/// a bracket opened before the value; at most [`MAX_VALUE_CHARS`] characters on.
fn value_end(s: &str, stop_at_comma: bool) -> usize {
    let mut depth = 0i32;
    for (n, (i, c)) in s.char_indices().enumerate() {
        #[cfg(test)]
        WORK.with(|w| w.set(w.get() + 1));
        if n == MAX_VALUE_CHARS {
            return i;
        }
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
            }
            '。' | '；' | ';' | '\n' | '\r' => return i,
            '，' | ',' | '、' if stop_at_comma => return i,
            _ => {}
        }
    }
    s.len()
}

static PHONE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[（(]?[0-9０-９]{2,5}[）)]?(?:[ \u{3000}]*[-—–－]{1,2}[ \u{3000}]*|[ \u{3000}])?[0-9０-９]{3,9}(?:[ \u{3000}]*(?:[-—–－]|转)[ \u{3000}]*[0-9０-９]{1,5})?(?:[-—–－][0-9０-９]{4})?|[0-9０-９]{3,12}",
    )
    .unwrap()
});

static SERVICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:12[0-9]{3}|11[0-9]|95[0-9]{3,4}|96[0-9]{3,4}|400[0-9]{7}|800[0-9]{7})$")
        .unwrap()
});

fn digits_of(s: &str) -> String {
    s.chars()
        .filter_map(ascii_digit)
        .filter_map(|d| char::from_digit(d, 10))
        .collect()
}

/// Parses one number token at `base`.
fn parse_phone(tok: &str, base: usize, fax: bool) -> Phone {
    let digits = digits_of(tok);
    let mut p = Phone {
        span: Span::new(base, base + tok.len()),
        digits: digits.clone(),
        kind: PhoneKind::Malformed,
        area_code: None,
        local: String::new(),
        separator: None,
        fax,
        problem: None,
    };
    // Digit groups with their spans.
    let mut groups: Vec<(String, Span)> = Vec::new();
    let mut seps: Vec<(char, Span)> = Vec::new();
    let mut cur: Option<(String, usize, usize)> = None;
    for (i, c) in tok.char_indices() {
        if let Some(d) = ascii_digit(c) {
            let e = cur.get_or_insert_with(|| (String::new(), i, i));
            e.0.push(char::from_digit(d, 10).unwrap_or('0'));
            e.2 = i + c.len_utf8();
        } else {
            if let Some((g, a, b)) = cur.take() {
                groups.push((g, Span::new(base + a, base + b)));
            }
            if matches!(c, '-' | '—' | '–' | '－') && groups.len() == 1 && seps.is_empty() {
                seps.push((c, Span::new(base + i, base + i + c.len_utf8())));
            }
        }
    }
    if let Some((g, a, b)) = cur.take() {
        groups.push((g, Span::new(base + a, base + b)));
    }
    let mobile =
        |d: &str| d.len() == 11 && d.starts_with('1') && matches!(d.as_bytes()[1], b'3'..=b'9');
    if mobile(&digits) {
        p.kind = PhoneKind::Mobile;
        return p;
    }
    if SERVICE.is_match(&digits) {
        p.kind = PhoneKind::Service;
        return p;
    }
    let area_ok = |a: &str| {
        a.starts_with('0')
            && ((a.len() == 3 && (a == "010" || a.starts_with("02")))
                || (a.len() == 4 && !a.starts_with("01") && !a.starts_with("02")))
    };
    let local_ok = |l: &str| (7..=8).contains(&l.len()) && !l.starts_with(['0', '1']);
    match groups.as_slice() {
        [(g, _)] if g.starts_with('0') => {
            // Undivided: 06318898088.
            let k = if g.starts_with("010") || g.starts_with("02") {
                3
            } else {
                4
            };
            if g.len() > k && local_ok(&g[k..]) {
                p.kind = PhoneKind::Fixed;
                let s = groups[0].1;
                p.area_code = Some((g[..k].to_owned(), Span::new(s.start, s.start + k)));
                p.local = g[k..].to_owned();
            } else {
                p.problem = Some(format!("“{g}”不是有效的号码：区号后应为7～8位号码"));
            }
        }
        [(g, _)] => {
            if local_ok(g) {
                p.kind = PhoneKind::Local;
                p.local = g.clone();
            } else {
                p.problem = Some(format!("“{g}”不是有效的号码：固定电话为区号加7～8位号码"));
            }
        }
        [(a, aspan), (l, _), rest @ ..] => {
            if !area_ok(a) {
                p.problem = Some(format!(
                    "区号“{a}”不是有效的长途区号（应以0开头，共3～4位）"
                ));
            } else if !local_ok(l) {
                p.problem = Some(format!("区号{a}后的号码“{l}”有{}位，应为7～8位", l.len()));
            } else if rest.len() > 1 || rest.first().is_some_and(|(e, _)| e.len() > 5) {
                p.problem = Some("号码后多出数字".to_owned());
            } else {
                p.kind = PhoneKind::Fixed;
                p.area_code = Some((a.clone(), *aspan));
                p.local = l.clone();
                p.separator = seps.first().copied();
            }
        }
        [] => p.problem = Some("没有号码".to_owned()),
    }
    p
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:h[ ]?t[ ]?t[ ]?p[ ]?s?[ ]?[:：;；]?[ ]?[/／\\]{1,2}[ ]?|w{2,4}[.．。,，])(?:[A-Za-z0-9\-_~%/?#=&:.]|[．。][A-Za-z])+",
    )
    .unwrap()
});

static NAMED_SITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:在|从|通过|于|登录|访问)[^。；;\n]{0,40}?(?:网站|门户网|网|专栏|平台)[^。；;\n]{0,30}?(?:查阅|下载|公布|公开|发布|获取|查看)")
        .unwrap()
});

/// Where the first match of [`URL`] in `s` can begin: its branches begin with `h` or `w`, in
/// either case (no other character folds to them), and `find_at` from there finds the match
/// a search from the start would.
fn url_start(s: &[u8]) -> Option<usize> {
    let h = memchr::memchr2(b'h', b'H', s);
    memchr::memchr2(b'w', b'W', &s[..h.unwrap_or(s.len())]).or(h)
}

/// Checks a URL as written.
pub fn parse_website(s: &str, base: usize) -> Website {
    let trimmed = s.trim_end_matches(['.', '。', '．', '/']);
    let s = if trimmed.len() < s.len() && s.ends_with('/') {
        &s[..s.trim_end_matches(['.', '。', '．']).len()]
    } else {
        trimmed
    };
    if s.is_ascii() {
        parse_ascii_website(s, base)
    } else {
        parse_written_website(s, base)
    }
}

/// [`parse_written_website`] for an address of ASCII characters (nearly all of them): no
/// lowercase copies, no copy at all when no punctuation is to be mapped. In ASCII, lowercasing
/// keeps every byte where it is, so the positions found here are those the general version
/// finds in its lowercase copy (a test compares the two).
fn parse_ascii_website(s: &str, base: usize) -> Website {
    let span = Span::new(base, base + s.len());
    let mut problems = Vec::new();
    // Spaces and punctuation used for `.`, `:` and `/`.
    let ascii: std::borrow::Cow<'_, str> = if s.contains([' ', ',', ';', '\\']) {
        problems.push("网址中有全角标点、空格或错用的标点");
        s.chars()
            .filter(|c| *c != ' ')
            .map(|c| match c {
                ',' => '.',
                ';' => ':',
                '\\' => '/',
                c => c,
            })
            .collect::<String>()
            .into()
    } else {
        s.into()
    };
    let ascii = &*ascii;
    let starts_h = ascii
        .as_bytes()
        .first()
        .is_some_and(|b| b.eq_ignore_ascii_case(&b'h'));
    let (scheme, rest) = match ascii.find("//") {
        Some(i) if starts_h => (&ascii[..i], &ascii[i + 2..]),
        _ if starts_h => {
            let i = ascii.find(['/', 'w', 'W']).unwrap_or(0);
            (&ascii[..i], &ascii[i..])
        }
        _ => ("", ascii),
    };
    let mut fixed_scheme = "";
    if !scheme.is_empty() {
        if !scheme.eq_ignore_ascii_case("http:") && !scheme.eq_ignore_ascii_case("https:") {
            problems.push("协议部分应为“http://”或“https://”");
        }
        fixed_scheme = if starts_with_ignore_case(scheme, "https") {
            "https://"
        } else {
            "http://"
        };
    }
    let rest = rest.trim_start_matches('/');
    let host_end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let (mut labels, mut all_ok, mut last) = (0, true, "");
    for l in host.split('.') {
        labels += 1;
        all_ok &= label_ok(l);
        last = l;
    }
    let host_ok =
        labels >= 2 && all_ok && last.len() >= 2 && last.chars().all(|c| c.is_ascii_alphabetic());
    if !host_ok {
        problems.push("域名不完整或含有非法字符");
    }
    if starts_with_ignore_case(host, "ww.") || starts_with_ignore_case(host, "wwww.") {
        problems.push("“www”拼写有误");
    }
    let ends_with = |suffix: &str| {
        host.len() >= suffix.len()
            && host.as_bytes()[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    let non_gov = host_ok
        && !starts_with_ignore_case(host, "www.")
        && !ends_with(".gov.cn")
        && !ends_with(".gov")
        && !host
            .as_bytes()
            .windows(5)
            .any(|w| w.eq_ignore_ascii_case(b".gov."));
    let corrected = (!problems.is_empty() && host_ok).then(|| format!("{fixed_scheme}{rest}"));
    Website {
        span,
        host: host.to_owned(),
        problem: (!problems.is_empty()).then(|| problems.join("；")),
        corrected,
        non_gov,
    }
}

/// Whether `s` begins with the ASCII `prefix`, in either case.
fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// `s` in lowercase where lowercasing keeps a character's length, so that positions found in
/// it are positions in `s`: the Kelvin sign `K` (which the URL pattern's `(?i)` accepts)
/// lowercases to a one-byte `k`, and slicing the text at positions found in `to_lowercase`'s
/// copy panicked (`http:/K//x.gov.cn`). Such characters stay as written; the words looked for
/// (`//`, `h`, `w`) hold none of them.
fn lowercase_in_place(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// Checks a URL as written, with characters outside ASCII (full-width punctuation, the Kelvin
/// sign `K` that the URL pattern's `(?i)` accepts): positions are found in a lowercase copy and
/// used in the text as written, as they always were.
fn parse_written_website(s: &str, base: usize) -> Website {
    let span = Span::new(base, base + s.len());
    let mut problems = Vec::new();
    // Full-width punctuation and spaces.
    let ascii: String = s
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| match c {
            '．' | '。' | '，' | ',' => '.',
            '：' | ';' | '；' => ':',
            '／' | '\\' => '/',
            c => c,
        })
        .collect();
    if ascii != s {
        problems.push("网址中有全角标点、空格或错用的标点");
    }
    let lower_ascii = lowercase_in_place(&ascii);
    let (scheme, rest) = match lower_ascii.find("//") {
        Some(i) if lower_ascii.starts_with('h') => (&ascii[..i], &ascii[i + 2..]),
        _ if lower_ascii.starts_with('h') => {
            let i = lower_ascii.find(['/', 'w']).unwrap_or(0);
            (&ascii[..i], &ascii[i..])
        }
        _ => ("", &ascii[..]),
    };
    let mut fixed_scheme = String::new();
    if !scheme.is_empty() {
        let sch = scheme.to_lowercase();
        if sch != "http:" && sch != "https:" {
            problems.push("协议部分应为“http://”或“https://”");
        }
        fixed_scheme = if sch.starts_with("https") {
            "https://".to_owned()
        } else {
            "http://".to_owned()
        };
    }
    let rest = rest.trim_start_matches('/');
    let host_end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let host_ok = labels.len() >= 2
        && labels.iter().all(|l| label_ok(l))
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
    if !host_ok {
        problems.push("域名不完整或含有非法字符");
    }
    let host_l = host.to_lowercase();
    if host_l.starts_with("ww.") || host_l.starts_with("wwww.") {
        problems.push("“www”拼写有误");
    }
    let non_gov = host_ok
        && !host_l.starts_with("www.")
        && !host_l.ends_with(".gov.cn")
        && !host_l.ends_with(".gov")
        && !host_l.contains(".gov.");
    let corrected = (!problems.is_empty() && host_ok).then(|| format!("{fixed_scheme}{rest}"));
    Website {
        span,
        host: host.to_owned(),
        problem: (!problems.is_empty()).then(|| problems.join("；")),
        corrected,
        non_gov,
    }
}

/// Sentences outside the opening that give contact details.
const CONTACT_SENTENCE_PATTERN: &str = r"请(?:与|和)[^。\n]{0,40}?联系|请联系|联系方式|(?:联系|咨询)电话[ \u{3000}]*[:：]|(?:地址|电话|邮编)[ \u{3000}]*[:：][^。\n]{0,60}?(?:地址|电话|邮编)[ \u{3000}]*[:：]";
static CONTACT_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(CONTACT_SENTENCE_PATTERN).unwrap());
/// [`CONTACT_SENTENCE`] for letter-spaced labels.
static CONTACT_SENTENCE_SPACED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&letter_spaced(CONTACT_SENTENCE_PATTERN)).unwrap());

fn read_into(text: &str, span: Span, c: &mut Contact) {
    let s = &text[span.range()];
    let base = span.start;
    let mut any = false;
    let label_re = label_re(s);
    for label in label_re.find_iter(s) {
        let after = &s[label.end()..];
        let kind = label_kind(&squeezed(label.as_str()));
        let mut colon = colon_len(after);
        // `联系电话 0631-…`: a number after spaces, without a colon, is the label's value.
        if colon == 0 && matches!(kind, "phone" | "fax" | "post") {
            let t = after.trim_start_matches([' ', '\u{3000}']);
            if t.len() < after.len() && t.starts_with(|ch: char| ascii_digit(ch).is_some()) {
                colon = after.len() - t.len();
            }
        }
        let vstart = label.end() + colon;
        let rest = &s[vstart..];
        // Without a colon, a label must be directly followed by its value (`地址XX路`,
        // `电话0631-…`) and not be part of prose (`办公地址、办公时间等信息`).
        if colon == 0 {
            let first = rest.chars().next();
            let ok = match kind {
                "phone" | "fax" | "post" => {
                    first.is_some_and(|ch| ascii_digit(ch).is_some() || ch == '（' || ch == '(')
                }
                "addr" => {
                    // `地址：` is normal; `（地址…；` after an opening bracket also is.
                    let before = s[..label.start()].chars().next_back();
                    matches!(before, Some('（' | '(' | '；' | ';' | '，' | ','))
                        && first.is_some_and(|ch| {
                            !matches!(ch, '、' | '，' | ',' | '等' | '和' | '及' | '。')
                        })
                }
                _ => false,
            };
            if !ok {
                continue;
            }
        }
        let end = value_end(
            rest,
            kind != "addr" && kind != "web" && kind != "phone" && kind != "fax",
        );
        let mut value = &rest[..end];
        // A following label ends the value (`地址：XX路 邮编：264400`). Most values (numbers,
        // addresses) have no label's first character: no search then.
        if let Some(next) = may_hold_label(value)
            .then(|| label_re.find(value))
            .flatten()
        {
            if next.start() > 0 && colon_len(&value[next.end()..]) > 0 {
                value = &value[..next.start()];
            }
        }
        let value_t =
            value.trim_end_matches(|ch: char| crate::text::is_space(ch) || ch == '，' || ch == ',');
        if value_t.is_empty() {
            continue;
        }
        let lspan = Span::new(base + label.start(), base + vstart);
        let vspan = Span::new(base + vstart, base + vstart + value_t.len());
        any = true;
        match kind {
            "addr" => c.addresses.push(Field {
                label: lspan,
                value: vspan,
            }),
            "post" => c.postcodes.push(Field {
                label: lspan,
                value: vspan,
            }),
            "mail" => c.emails.push(Field {
                label: lspan,
                value: vspan,
            }),
            "web" => {}
            _ => {
                let fax = kind == "fax";
                for t in PHONE_TOKEN.find_iter(value_t) {
                    c.phones
                        .push(parse_phone(t.as_str(), vspan.start + t.start(), fax));
                }
            }
        }
    }
    // `URL.find_iter(s)`, each search started at the next place a match can begin, and none
    // after the last: the rest of an opening after its address is searched no more.
    let mut at = 0;
    while let Some(start) = url_start(&s.as_bytes()[at..]) {
        let Some(m) = URL.find_at(s, at + start) else {
            break;
        };
        c.websites.push(parse_website(m.as_str(), base + m.start()));
        at = m.end();
    }
    // A website named in words only matters when no address is written (every reader asks
    // for `websites.is_empty() && website_named.is_none()`): most openings give an address,
    // and the named-website search is the dearest of the opening's after the labels.
    if c.website_named.is_none() && c.websites.is_empty() {
        if let Some(m) = NAMED_SITE.find(s) {
            c.website_named = Some(Span::new(base + m.start(), base + m.end()));
        }
    }
    if any {
        c.sentences.push(span);
    }
}

/// The first paragraph of the first section, when it introduces the report (`本年度报告依据…`).
fn section_intro(doc: &Document) -> Option<Span> {
    let first = doc.sections().first()?;
    let (_, line) = doc
        .lines_in(first.body)
        .find(|(_, l)| !l.is_blank() && l.content.start >= first.body.start)?;
    let s = doc.slice(line.content);
    (s.contains("本报告") || s.contains("本年度报告") || s.contains("本年报"))
        .then_some(line.content)
}

impl Analysis for Contact {
    fn compute(doc: &Document) -> Self {
        let text = doc.text();
        let mut c = Contact::default();
        let opening = doc.opening();
        if !opening.is_empty() {
            read_into(text, opening, &mut c);
        }
        // Some reports put the introduction inside 一、总体情况: read its first paragraph when it
        // speaks of the report itself.
        if let Some(intro) = section_intro(doc) {
            if c.is_empty() || (c.websites.is_empty() && c.website_named.is_none()) {
                read_into(text, intro, &mut c);
            }
        }
        if c.is_empty() {
            // Sometimes the details come at the end, or inside 总体情况: read the sentences that
            // are about contacting the agency. Each sentence once: a match inside the sentence
            // read last would read it again (and a line of such matches, again and again).
            let rest_start = opening.end;
            let mut read_until = rest_start;
            let rest = &text[rest_start..];
            let sentence_re: &Regex = if may_hold_spaced_label(rest) {
                &CONTACT_SENTENCE_SPACED
            } else {
                &CONTACT_SENTENCE
            };
            for m in sentence_re.find_iter(rest) {
                let at = rest_start + m.start();
                if at < read_until {
                    continue;
                }
                let start = text[..at].rfind(['。', '\n']).map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
                let start = start.max(rest_start);
                let end = text[at..].find(['。', '\n']).map_or(text.len(), |i| at + i);
                read_until = end;
                // Sentences are read in text order: only the last one read can hold `at`.
                if c.sentences
                    .last()
                    .is_some_and(|s| s.covers(Span::new(at, at)))
                {
                    continue;
                }
                read_into(text, Span::new(start, end), &mut c);
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Contact {
        Contact::read(s, Span::new(0, s.len()))
    }

    /// Characters the value scans read for `s`, and the phones found.
    fn work(s: &str) -> (u64, usize) {
        WORK.with(|w| w.set(0));
        let c = read(s);
        (WORK.with(|w| w.get()), c.phones.len())
    }

    /// R02: a 1.4 MB line of `电话：0631-8898088，` once read the rest of the line for every
    /// label. Each label now reads at most MAX_VALUE_CHARS: four times the labels, four times
    /// the work.
    #[test]
    fn a_line_of_labels_costs_linear_work() {
        let line = |n: usize| "电话：0631-8898088，".repeat(n);
        let (w1, p1) = work(&line(1000));
        let (w4, p4) = work(&line(4000));
        assert!(p1 >= 1000 && p4 >= 4000, "{p1} {p4}");
        // (the last labels of a line read less than the cap: a constant at the end)
        let edge = (MAX_VALUE_CHARS * MAX_VALUE_CHARS) as u64;
        assert!(w4 <= 4 * w1 + edge, "{w1} → {w4}");
        assert!(w4 <= 4000 * (MAX_VALUE_CHARS as u64 + 1));
        // The same through the whole document (the opening is the one long line).
        let doc = crate::Document::parse("t.txt", line(4000));
        WORK.with(|w| w.set(0));
        let _ = doc.analysis::<Contact>();
        assert!(WORK.with(|w| w.get()) <= 2 * 4000 * (MAX_VALUE_CHARS as u64 + 1));
    }

    #[test]
    fn label_kinds_agree_with_the_pattern_groups() {
        let pieces = [
            "联系",
            "通讯",
            "通信",
            "办公",
            "单位",
            "地址",
            "邮政编码",
            "邮编",
            "咨询",
            "值班",
            "服务",
            "电话",
            "号码",
            " ",
            "\u{3000}",
            "/",
            "／",
            "、",
            "及",
            "和",
            "传真",
            "Tel",
            "TEL",
            "tel",
            "电",
            "话",
            "电 话",
            "Fax",
            "FAX",
            "fax",
            "电子邮箱",
            "电子信箱",
            "电子邮件",
            "邮箱",
            "E-mail",
            "Email",
            "e-MAIL",
            "网址",
            "网站地址",
            "网站",
            "：",
            "a",
            "1",
            "\n",
            "电子",
        ];
        let mut g = crate::dates::test_gen::Gen::new(5);
        let mut seen = 0;
        for n in 0..3000 {
            let t = g.pieces(&pieces, 1 + n % 12);
            for c in LABEL.captures_iter(&t) {
                let kind = ["addr", "post", "phone", "fax", "mail", "web"]
                    .into_iter()
                    .find(|k| c.name(k).is_some())
                    .unwrap();
                assert_eq!(label_kind(c.get(0).unwrap().as_str()), kind, "{t:?}");
                seen += 1;
            }
            assert_eq!(LABEL.find_iter(&t).count(), LABEL.captures_iter(&t).count());
            // The gate before the search for a following label.
            for m in LABEL.find_iter(&t).chain(LABEL_SPACED.find_iter(&t)) {
                assert!(may_hold_label(m.as_str()), "{t:?}");
            }
        }
        assert!(seen > 3000, "{seen}");
    }

    #[test]
    fn letter_spaced_labels() {
        let cases = [
            "（地 址：某县人民路1号；邮 编：264400；电  话：0631-8898088）",
            "地\u{3000}址：某县人民路1号\n邮\u{3000}\u{3000}编：264400\n电\u{3000}话：0631-8898088",
            "联 系 地 址：某县人民路1号，邮政编码：264400，联 系 电 话：0631-8898088",
            "地  址：某县人民路1号；邮   编：264400；联系电话 0631-8898088",
            "地 址:某县人民路1号  邮 编:264400  电 话:0631-8898088\r\n",
        ];
        for s in cases {
            let c = read(s);
            assert_eq!(c.addresses.len(), 1, "{s}");
            assert_eq!(c.postcodes.len(), 1, "{s}");
            assert_eq!(c.phones.len(), 1, "{s}");
            assert_eq!(&s[c.postcodes[0].value.range()], "264400", "{s}");
            assert_eq!(c.phones[0].problem, None, "{s}");
        }
        // Spaces between words of prose are not a label.
        assert!(read("主动公开机构职能、办公 地 址、办公时间等信息。")
            .addresses
            .is_empty());
    }

    #[test]
    fn weihai_form_with_em_dash() {
        let s = "如对本报告有疑问，请与威海市文登区宋村镇人民政府办公室联系（地址：威海市文登区宋村镇昌阳路10号，邮编：264400，电话：0631—8898088）。";
        let c = read(s);
        assert_eq!(
            &s[c.addresses[0].value.range()],
            "威海市文登区宋村镇昌阳路10号"
        );
        assert_eq!(&s[c.postcodes[0].value.range()], "264400");
        let p = &c.phones[0];
        assert_eq!(&s[p.span.range()], "0631—8898088");
        assert_eq!(p.kind, PhoneKind::Fixed);
        assert_eq!(p.area_code.as_ref().unwrap().0, "0631");
        assert_eq!(p.separator.unwrap().0, '—');
    }

    #[test]
    fn semicolons_fax_email_and_several_numbers() {
        let s = "联系地址：平潭综合实验区北厝金井湾片区管委会大楼主楼14层；邮编：350400；电话/传真：0591-23165370、（0591）23165371；电子邮箱：pzxxgkb@163.com。";
        let c = read(s);
        assert_eq!(c.addresses.len(), 1);
        assert_eq!(c.phones.len(), 2, "{:?}", c.phones);
        assert!(c.phones.iter().all(|p| p.kind == PhoneKind::Fixed));
        assert_eq!(&s[c.emails[0].value.range()], "pzxxgkb@163.com");
    }

    #[test]
    fn mobile_service_local_and_malformed() {
        let s = "（电话：13812345678，12345，7128700，0631-889808，0631-８８９８０８８）";
        let c = read(s);
        let kinds: Vec<_> = c.phones.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                PhoneKind::Mobile,
                PhoneKind::Service,
                PhoneKind::Local,
                PhoneKind::Malformed,
                PhoneKind::Fixed
            ]
        );
    }

    #[test]
    fn prose_is_not_contact() {
        let c = read("主动公开机构职能、办公地址、办公时间等信息，热线电话11通。");
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn websites() {
        let w = parse_website("http://www.wendeng.gov.cn", 0);
        assert!(w.problem.is_none() && !w.non_gov);
        let w = parse_website("www.pingtan.gov.cn", 0);
        assert!(w.problem.is_none());
        let w = parse_website("http//www.wendeng.gov.cn", 0);
        assert!(w.problem.is_some());
        assert_eq!(w.corrected.as_deref(), Some("http://www.wendeng.gov.cn"));
        let w = parse_website("www．wendeng．gov．cn", 0);
        assert_eq!(w.corrected.as_deref(), Some("www.wendeng.gov.cn"));
        let w = parse_website("http://sthj.sh.gov.cn", 0);
        assert!(w.problem.is_none() && !w.non_gov);
        let w = parse_website("http://xxgk.example.com", 0);
        assert!(w.problem.is_none() && w.non_gov);
    }

    /// The ASCII reader of web addresses agrees with the general one (lowercase copies, the
    /// text as written sliced at their positions) on generated addresses.
    #[test]
    fn ascii_websites_read_as_before() {
        let pieces = [
            "h", "H", "t", "T", "p", "P", "s", "S", "http", "https", "HTTP", "hTtPs", ":", "//",
            "/", "\\", ";", ",", " ", ".", "w", "W", "ww", "www", "WWW", "wwww", "ww.", "gov",
            "GOV", ".gov", ".Gov.", ".cn", "cn", "-", "a", "x1", "9", "?", "#", "=", "&", "_", "%",
            "~", "com",
        ];
        let mut g = crate::dates::test_gen::Gen::new(11);
        let mut problems = 0;
        for n in 0..20_000 {
            let s = g.pieces(&pieces, 1 + n % 14);
            let trimmed = s.trim_end_matches(['.', '/']);
            let t = if trimmed.len() < s.len() && s.ends_with('/') {
                &s[..s.trim_end_matches('.').len()]
            } else {
                trimmed
            };
            let w = parse_ascii_website(t, 7);
            assert_eq!(w, parse_written_website(t, 7), "{t:?}");
            assert_eq!(parse_website(&s, 7), w, "{s:?}");
            problems += usize::from(w.problem.is_some());
        }
        // (both outcomes drawn often enough: 19,470 with a problem)
        assert!(problems > 1000 && problems < 19_700, "{problems}");
        // Outside ASCII, the general reader (its slicing kept as it was).
        let w = parse_website("http://www．wendeng．gov．cn。", 0);
        assert_eq!(w, parse_written_website("http://www．wendeng．gov．cn", 0));
    }

    /// A character whose lowercase is shorter (the Kelvin sign) before the `//` once made the
    /// reader slice inside it and panic.
    #[test]
    fn a_kelvin_sign_in_an_address_does_not_panic() {
        let s = "见http:/\u{212A}//x.gov.cn。也见http:/\u{212A}ab//x.gov.cn";
        let c = read(s);
        assert_eq!(c.websites.len(), 2);
        assert_eq!(c.websites[0].host, "x.gov.cn");
        assert!(c.websites.iter().all(|w| w.problem.is_some()));
        assert_eq!(
            lowercase_in_place("HTTP:/\u{212A}İ//Ab"),
            "http:/\u{212A}İ//ab"
        );
    }

    /// The URL search from the places a match can begin finds what `find_iter` finds.
    #[test]
    fn url_search_from_its_first_letters() {
        let pieces = [
            "h",
            "H",
            "t",
            "T",
            "p",
            "s",
            "ſ",
            "K",
            "http",
            "https://",
            "：",
            "/",
            "／",
            "\\",
            " ",
            ".",
            "．",
            "。",
            "，",
            "w",
            "W",
            "ww",
            "www",
            "wwww",
            "gov",
            ".cn",
            "a",
            "1",
            "网站",
            "（",
            "）",
            "\n",
            "电话：",
        ];
        let mut g = crate::dates::test_gen::Gen::new(17);
        let mut seen = 0;
        for n in 0..8_000 {
            let s = g.pieces(&pieces, 1 + n % 24);
            let c = read(&s);
            let expected: Vec<Span> = URL
                .find_iter(&s)
                .map(|m| parse_website(m.as_str(), m.start()).span)
                .collect();
            let got: Vec<Span> = c.websites.iter().map(|w| w.span).collect();
            assert_eq!(got, expected, "{s:?}");
            seen += expected.len();
        }
        assert!(seen > 3000, "{seen}");
    }

    #[test]
    fn details_at_the_end_are_found() {
        let text = "某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n略。\n六、其他需要报告的事项\n如有疑问，请与某镇党政办联系（电话：0631-8727088）。\n";
        let doc = Document::parse("t.txt", text);
        let c = doc.analysis::<Contact>();
        assert_eq!(c.phones.len(), 1);
    }
}
