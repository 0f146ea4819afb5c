use std::sync::LazyLock;

use reportlint_core::aho_corasick::packed::Searcher;
use reportlint_core::names::{most_specific_place, place_rank, same_agency};
use reportlint_core::prelude::*;
use reportlint_core::region::{AgencyRegion, NameSource};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告每处自称的机关应当一致：标题、开头（`现公布××2022年度政府信息公开工作报告`、`请与××联系`）和落款。
    /// 简称（`金岭镇人民政府` 之于 `招远市金岭镇人民政府`）或本机关的办公室（`××镇人民政府办公室`）
    /// 视为同一机关；别的镇、街道则不是。
    ///
    /// 报告自称之处出现同类别的另一机关名称（`××镇人民政府`），也会报告：无论是在开头，还是作句子的主语
    /// （`2022年，××镇人民政府始终坚持…`）。这是从别家报告照抄时留下的痕迹。
    ///
    /// ## 为什么重要（Why it matters）
    /// 年度报告由各机关分别编制、公布（《中华人民共和国政府信息公开条例》第四十九条、第五十条）。
    /// 评估时会专门检查机关之间互相抄袭，报告里出现别的镇的名称，是抄袭最确凿的证据。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 威海市文登区宋村镇人民政府
    /// 2022年政府信息公开工作年度报告
    /// 2022年，威海市文登区侯家镇人民政府始终坚持……
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 威海市文登区宋村镇人民政府
    /// 2022年政府信息公开工作年度报告
    /// 2022年，威海市文登区宋村镇人民政府始终坚持……
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 名称是否为机关的规范全称、该机关是否存在，超出区划数据便无从得知。不同地方的报告互相抄袭，
    /// 本规则只能在留下了别家名称时发现；同一批次中整篇照抄的报告由 `compare/copied-report` 比对。
    pub struct AgencyConsistency {
        id: "structure/agency-consistency",
        summary: "标题、开头和落款中的机关名称应一致，不应出现其他机关的名称",
        severity: Error,
        fix: None,
    }
}

/// `…镇人民政府`, `…乡政府`, `…街道办事处` in `text`, with the (up to twelve) Han characters
/// before the ending that make the name: (start, end) byte ranges.
fn town_agencies(text: &str) -> Vec<(usize, usize)> {
    // Each place word with each ending it takes, in one packed search. The words begin with 镇,
    // 乡 or 街, which none of them holds further on, so no place of one begins inside another's
    // and the search finds every place of each. (`政府` alone is in every other sentence of a
    // report: searching for it and looking at the word before cost several times more.)
    const WORDS: [(&str, &str); 8] = [
        ("镇人民", "政府"),
        ("乡人民", "政府"),
        ("街道人民", "政府"),
        ("镇", "政府"),
        ("乡", "政府"),
        ("街道", "办事处"),
        ("镇", "办事处"),
        ("乡", "办事处"),
    ];
    static SEARCHER: LazyLock<Searcher> = LazyLock::new(|| {
        Searcher::new(WORDS.map(|(place, word)| format!("{place}{word}"))).expect("plain words")
    });
    let mut out = Vec::new();
    for m in SEARCHER.find_iter(text.as_bytes()) {
        let (place, word) = WORDS[m.pattern().as_usize()];
        let at = m.end() - word.len();
        // The name runs up to the place word's last character (镇, 乡, 道).
        let place_char = if place.starts_with("街道") {
            "街道"
        } else {
            &place[..3]
        };
        let name_end = at - place.len() + place_char.len();
        let mut start = name_end - place_char.len();
        for (n, c) in text[..start].chars().rev().enumerate() {
            if n == 12 || !is_han(c) {
                break;
            }
            start -= c.len_utf8();
        }
        if start < name_end - place_char.len() {
            out.push((start, at + word.len()));
        }
    }
    out.sort_unstable();
    out
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2ebef}' | '〇')
}

impl Rule for AgencyConsistency {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let title = doc
            .title()
            .and_then(|t| t.agency.as_ref())
            .map(|a| (a.span, "标题"));
        let closing = doc.closing().and_then(|c| c.agency).map(|a| (a, "落款"));
        let opening = opening_name(doc).map(|a| (a, "开头"));

        // The reference is the title's agency, else the closing block's.
        let reference = title.or(closing);
        let mut reported = Vec::new();
        if let Some((ref_span, ref_where)) = reference {
            let ref_name = doc.slice(ref_span);
            for (span, place) in [opening, closing].into_iter().flatten() {
                if span == ref_span {
                    continue;
                }
                let name = doc.slice(span);
                if same_agency(ref_name, name) == Some(false) {
                    ctx.report(
                        Diagnostic::error(
                            span,
                            format!("{place}的机关名称“{name}”与{ref_where}中的“{ref_name}”不一致"),
                        )
                        .with_label(ref_span, format!("{ref_where}中的机关"))
                        .with_help("同一份报告中机关名称应一致；核对是否沿用了其他机关的报告"),
                    );
                    reported.push(span);
                }
            }
        }

        // Another town's government speaking for this one.
        let own = reference
            .map(|(s, _)| doc.slice(s))
            .and_then(most_specific_place)
            .filter(|p| place_rank(p) == 3);
        let Some(own) = own else {
            return;
        };
        let searched: Vec<Span> = std::iter::once(doc.opening())
            .chain(doc.sections().iter().map(|s| s.body))
            .collect();
        // A report names the same towns again and again: each name's place is read once.
        let mut places: Vec<(&str, Option<String>)> = Vec::new();
        for region in searched {
            let text = doc.slice(region);
            for (m_start, m_end) in town_agencies(text) {
                let found = &text[m_start..m_end];
                let lead = leading_words(found);
                let name = &found[lead..];
                let span = Span::new(region.start + m_start + lead, region.start + m_end);
                if reported.contains(&span) {
                    continue;
                }
                // `我镇`, `本镇`, `各镇`: the report's own words, not a name.
                let pronoun =
                    name.starts_with(['我', '本', '该', '各', '全', '每', '其', '此', '乡', '镇']);
                if pronoun {
                    continue;
                }
                let i = places
                    .iter()
                    .position(|(n, _)| *n == name)
                    .unwrap_or_else(|| {
                        places.push((name, most_specific_place(name)));
                        places.len() - 1
                    });
                let Some(place) = places[i].1.as_deref() else {
                    continue;
                };
                // `今年镇政府`, `同时乡政府`: words before a bare 镇/乡, not a town's name.
                if !is_town_name(place) {
                    continue;
                }
                if place_rank(place) != 3
                    || place == own
                    || place.ends_with(own.as_str())
                    || own.ends_with(place)
                {
                    continue;
                }
                let in_opening = region == doc.opening();
                // `侯家镇人民政府到我镇交流`: another town named beside the report's own voice;
                // `侯家镇人民政府、宋村镇人民政府联合…`, `侯家镇人民政府来…`: named in passing.
                if names_us_after(doc.text(), span.end) || in_passing_after(doc.text(), span.end) {
                    continue;
                }
                if in_opening || speaks_as_subject(doc.text(), span.start) {
                    ctx.report(
                        Diagnostic::error(span, format!("出现了其他机关的名称“{name}”"))
                            .with_span_label(format!("本报告的机关是“{own}”"))
                            .with_help("这通常是套用其他机关的报告后没有改净；改为本机关名称"),
                    );
                }
            }
        }
    }
}

/// The agency the opening names as the reporter (`现公布××2022年度…`, `请与××联系`).
fn opening_name(doc: &Document) -> Option<Span> {
    // The agency-region analysis has read the names the opening gives (`现公布××2022年度…`,
    // `请与××联系`); the first one that reads as an agency's name speaks for the report.
    let region = doc.analysis::<AgencyRegion>();
    let opening = doc.opening();
    region
        .names
        .iter()
        .filter(|n| matches!(n.source, NameSource::Opening | NameSource::Contact))
        .find(|n| opening.covers(n.span) && reportlint_core::names::is_agency_like(&n.name))
        .map(|n| n.span)
}

/// Bytes of verbs and prepositions that the name pattern may have taken in before the name
/// (`现公布`, `协助`, `与`).
fn leading_words(s: &str) -> usize {
    const LEADS: &[&str] = &[
        "现予公布",
        "现将",
        "现公布",
        "现发布",
        "公布",
        "请与",
        "协助",
        "配合",
        "联合",
        "会同",
        "指导",
        "督促",
        "由",
        "对",
        "向",
        "与",
        "和",
        "及",
        "经",
        "在",
        "为",
        "是",
        "将",
        "把",
        "被",
    ];
    let mut off = 0;
    'outer: loop {
        for lead in LEADS {
            if s[off..].starts_with(lead) && s[off + lead.len()..].chars().count() > 4 {
                off += lead.len();
                continue 'outer;
            }
        }
        return off;
    }
}

/// Whether `place` (`宋村镇`, `桂花街道`) reads as a town's name rather than words that happen to
/// end in 镇 or 乡 (`今年镇`, `同时乡`, `全县各乡`): no time, function or quantity words in it.
fn is_town_name(place: &str) -> bool {
    const NOT_IN_NAMES: [char; 24] = [
        '年', '月', '日', '时', '的', '了', '和', '与', '及', '在', '对', '为', '把', '被', '将',
        '从', '向', '由', '各', '全', '个', '该', '其', '等',
    ];
    let base = place
        .strip_suffix("街道")
        .or_else(|| place.strip_suffix('镇'))
        .or_else(|| place.strip_suffix('乡'))
        .unwrap_or(place);
    !base.is_empty() && !base.contains(NOT_IN_NAMES) && !base.ends_with(['乡', '镇'])
}

/// Whether the rest of the sentence after `end` speaks as the report (`我镇`, `本镇`, `我街道`):
/// then the name before it is another body, not the report's own voice.
fn names_us_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let stop = rest.find(['。', '；', '\n']).unwrap_or(rest.len()).min(240);
    let mut stop = stop;
    while !rest.is_char_boundary(stop) {
        stop -= 1;
    }
    let clause = &rest[..stop];
    ["我镇", "本镇", "我乡", "本乡", "我街道", "本街道", "我们"]
        .iter()
        .any(|w| clause.contains(w))
}

/// Whether the words right after a name make it one of several bodies or the object of the
/// sentence rather than its speaker (`、`, `和`, `与`, `联合`, `到`, `来`).
fn in_passing_after(text: &str, end: usize) -> bool {
    const NEXT: [&str; 10] = [
        "、", "和", "与", "及", "联合", "共同", "会同", "到", "来", "赴",
    ];
    let rest = &text[end..];
    NEXT.iter().any(|w| rest.starts_with(w))
}

/// Whether the name at `start` begins a sentence or follows `2022年，`: the report speaking.
fn speaks_as_subject(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\u{3000}']);
    match before.chars().next_back() {
        None | Some('\n' | '\r' | '。' | '；') => true,
        Some('，') => before[..before.len() - '，'.len_utf8()].ends_with('年'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, summarize};

    const HEAD: &str = "威海市文登区宋村镇人民政府\n\n2022年政府信息公开工作年度报告\n";

    /// The search for `政府` and `办事处` this rule made before its packed search.
    fn former_town_agencies(text: &str) -> Vec<(usize, usize)> {
        const ENDINGS: [(&str, &[&str]); 2] = [
            ("政府", &["镇人民", "乡人民", "街道人民", "镇", "乡"]),
            ("办事处", &["街道", "镇", "乡"]),
        ];
        // Built once: building a searcher costs more than searching a section's body with it.
        static FINDERS: LazyLock<[reportlint_core::memchr::memmem::Finder<'static>; 2]> =
            LazyLock::new(|| {
                ENDINGS
                    .map(|(word, _)| reportlint_core::memchr::memmem::Finder::new(word.as_bytes()))
            });
        let mut out = Vec::new();
        for ((word, places), finder) in ENDINGS.iter().zip(FINDERS.iter()) {
            for at in finder.find_iter(text.as_bytes()) {
                // Every place word ends in 民, 镇, 乡 or 道: one comparison of the character before
                // turns most hits (`政府信息`, `区政府`) away before the words are compared.
                let before = at.checked_sub(3).map(|b| &text.as_bytes()[b..at]);
                if !before.is_some_and(|b| {
                    [&"民", &"镇", &"乡", &"道"]
                        .iter()
                        .any(|c| c.as_bytes() == b)
                }) {
                    continue;
                }
                let Some(place) = places.iter().find(|p| text[..at].ends_with(*p)) else {
                    continue;
                };
                // The name runs up to the place word's last character (镇, 乡, 道).
                let place_char = if place.starts_with("街道") {
                    "街道"
                } else {
                    &place[..3]
                };
                let name_end = at - place.len() + place_char.len();
                let mut start = name_end - place_char.len();
                for (n, c) in text[..start].chars().rev().enumerate() {
                    if n == 12 || !is_han(c) {
                        break;
                    }
                    start -= c.len_utf8();
                }
                if start < name_end - place_char.len() {
                    out.push((start, at + word.len()));
                }
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn the_packed_search_finds_what_the_ending_search_found() {
        let texts = [
            "威海市文登区宋村镇人民政府、侯家镇政府和大水泊乡政府，桂花街道办事处、西街街道人民政府",
            "乡镇政府，镇乡人民政府，街道政府，乡镇办事处，镇街道办事处，政府信息公开，区人民政府",
            "我镇政府、本乡人民政府，镇政府，乡政府，a镇人民政府，（侯家镇）人民政府",
            "",
            "镇",
        ];
        for t in texts {
            assert_eq!(town_agencies(t), former_town_agencies(t), "{t}");
        }
        let doubled: String = texts.concat().repeat(3);
        assert_eq!(town_agencies(&doubled), former_town_agencies(&doubled));
        assert!(!town_agencies(texts[0]).is_empty());
    }

    #[test]
    fn consistent_names_pass() {
        let text = format!(
            "{HEAD}根据《条例》，现公布威海市文登区宋村镇人民政府2022年度政府信息公开工作报告。如对本报告有疑问，请与威海市文登区宋村镇人民政府办公室联系。\n\
             一、总体情况\n2022年，威海市文登区宋村镇人民政府始终坚持……协助威海市文登区侯家镇人民政府开展培训。\n\
             六、其他需要报告的事项\n无。\n威海市文登区宋村镇人民政府\n\n2023年1月16日\n"
        );
        assert!(
            check(&AgencyConsistency, &text).is_empty(),
            "{:?}",
            check(&AgencyConsistency, &text)
        );
    }

    #[test]
    fn short_forms_are_the_same_agency() {
        let text = "招远市金岭镇人民政府 2022年度政府信息公开工作年度报告\n一、总体情况\n2022年，金岭镇人民政府坚持……\n六、其他需要报告的事项\n无。\n金岭镇人民政府\n2023年1月10日\n";
        assert!(check(&AgencyConsistency, text).is_empty());
    }

    #[test]
    fn own_words_and_bodies_named_in_passing_are_not_another_agency() {
        for body in [
            "2022年，我镇政府始终坚持……",
            "本镇政府高度重视政府信息公开工作。",
            "镇政府主要负责人亲自部署。",
            "今年镇政府共主动公开信息30条。",
            "同时镇政府办公室加强审核。",
            "全年乡镇政府信息公开工作有序推进。",
            "在区政府的领导下，我镇扎实推进政务公开。",
            "配合市生态环境局开展执法信息公开。",
            "按照市政府办公室要求，及时更新专栏。",
            "威海市文登区侯家镇人民政府到我镇交流政务公开工作。",
            "2022年，威海市文登区侯家镇人民政府与我镇联合开展培训。",
            "威海市文登区侯家镇人民政府、威海市文登区宋村镇人民政府联合开展政务公开培训。",
            "威海市文登区侯家镇人民政府到我镇调研。",
        ] {
            let text = format!(
                "{HEAD}现公布威海市文登区宋村镇人民政府2022年度政府信息公开工作报告。\r\n一、总体情况\r\n{body}\r\n六、其他需要报告的事项\r\n无。\r\n威海市文登区宋村镇人民政府\r\n2023年1月16日\r\n"
            );
            let d = check(&AgencyConsistency, &text);
            assert!(d.is_empty(), "{body}: {}", summarize(&text, &d).join("\n"));
        }
        // A 区政府办公室 report calls itself 区政府办公室 and 本办.
        let text = "某某市某某区人民政府办公室\n2023年政府信息公开工作年度报告\n一、总体情况\n2023年，区政府办公室坚持……本委、本办高度重视。\n六、其他需要报告的事项\n无。\n某某市某某区人民政府办公室\n2024年1月20日\n";
        assert!(check(&AgencyConsistency, text).is_empty());
    }

    #[test]
    fn another_town_in_the_closing_block() {
        let text = format!("{HEAD}一、总体情况\n正文。\n六、其他需要报告的事项\n无。\n威海市文登区侯家镇人民政府\n2023年1月16日\n");
        assert_eq!(
            summarize(&text, &check(&AgencyConsistency, &text)),
            ["error 8:1 「威海市文登区侯家镇人民政府」 落款的机关名称“威海市文登区侯家镇人民政府”与标题中的“威海市文登区宋村镇人民政府”不一致"]
        );
    }

    #[test]
    fn another_town_speaking_as_we() {
        let text = format!("{HEAD}现公布威海市文登区侯家镇人民政府2022年度政府信息公开工作报告。\n一、总体情况\n2022年，威海市文登区侯家镇人民政府始终坚持……\n");
        let d = check(&AgencyConsistency, &text);
        assert_eq!(
            summarize(&text, &d),
            [
                "error 4:4 「威海市文登区侯家镇人民政府」 开头的机关名称“威海市文登区侯家镇人民政府”与标题中的“威海市文登区宋村镇人民政府”不一致",
                "error 6:7 「威海市文登区侯家镇人民政府」 出现了其他机关的名称“威海市文登区侯家镇人民政府”",
            ]
        );
    }
}
