use std::sync::{LazyLock, OnceLock};

use reportlint_core::aho_corasick::packed::Searcher;

use reportlint_core::memchr::memmem::Finder;
use reportlint_core::names::{most_specific_place, place_rank};
use reportlint_core::prelude::*;
use reportlint_core::region::{AgencyKind, AgencyRegion};
use reportlint_core::tables::Tables;
use reportlint_core::text::normalize;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告的自称应与机关相符。镇的报告说 `我镇`，局的报告说 `我局`；镇的报告里出现 `我局`，局的报告里
    /// 出现 `我镇` 或 `本委`，或县直部门把 `全市` 当作自己的工作范围（`2023年，全市共主动公开…`、
    /// `加强对全市政府信息公开工作的督导`），都是从别的机关的报告照抄时遗留的。
    ///
    /// - warning，标在该词上：机关名称中没有“局”“委”，却自称 `我局`/`本局`、`我委`/`本委`；
    ///   镇、街道和部门的报告中，机关并非该镇，却自称 `我镇`、`我乡`、`我街道`（及 `本…`）；
    ///   县、区的报告（`××县××局`、`××区人民政府`）中，`全市` 作句子主语，或作
    ///   `对/推进/加强/统筹/指导/督导…全市（政府）信息公开工作` 的宾语。
    ///
    /// 读开头和各部分正文，不读统计表。
    /// 这些字指别的意思时不报告（`基本局面`、`委托`、`本乡镇`、`乡村`、`全市政务公开工作会议`、
    /// `在全市考核中`）；从名称看不出机关类别时不报告；人民政府的报告不报告（它代表本行政区域各机关）。
    ///
    /// ## 为什么重要（Why it matters）
    /// 年度报告由各机关分别编制（《中华人民共和国政府信息公开条例》第四十九条、第五十条），评估时专门查
    /// 机关之间互相抄袭（《法治蓝皮书：中国法治发展报告（2017）》：“一些年报出现大范围的跨区域抄袭”）。
    /// 自称错误正是这种抄袭留下的痕迹：名称换了，代称没换。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 某某县某某镇人民政府2023年政府信息公开工作年度报告
    /// 一、总体情况
    /// 2023年，我局坚持以习近平新时代中国特色社会主义思想为指导……
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 某某县某某镇人民政府2023年政府信息公开工作年度报告
    /// 一、总体情况
    /// 2023年，我镇坚持以习近平新时代中国特色社会主义思想为指导……
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 统计表中的自称；从名称看不出类别的机关；`全市` 不作本年度公开工作的主语或宾语时（县直机关完全
    /// 可能谈到全市的工作）；引用别的机关的原话。
    pub struct SelfReference {
        id: "structure/self-reference",
        summary: "报告自称（我局、我镇、全市）应与本机关的类别和层级相符",
        severity: Warning,
        fix: Sometimes,
    }
}

/// The words an agency calls itself by after 我 or 本, with the characters that, following
/// them, make another word (`局限`, `委托`, `乡村`, `镇静`).
const SELF_WORDS: [(&str, &[char]); 5] = [
    ("局", &['限', '面', '势', '部', '促', '外']),
    ("委", &['托', '员', '派', '屈', '婉', '实', '身']),
    ("镇", &['静', '压', '守', '定', '住']),
    ("乡", &['镇', '村', '愁', '亲', '土', '音', '下', '里']),
    ("街道", &[]),
];

/// Characters after which `本` starts a self-reference (`结合本镇`, `由本局`); after other Han
/// characters it ends a word (`基本`, `成本`, `资本`, `日本`).
const BEFORE_BEN: &[char] = &[
    '年', '月', '日', '由', '在', '为', '经', '对', '向', '与', '和', '及', '是', '将', '让', '使',
    '请', '据', '按', '照', '时', '后', '中', '前', '以', '了', '但', '并', '而', '合', '于', '从',
    '把', '被', '给',
];

/// What the report may call itself.
struct Own {
    /// The agency's name as written.
    name: String,
    /// Normalised.
    norm: String,
    kind: AgencyKind,
    /// The agency's own self word (`镇`, `局`), when its name gives one.
    word: Option<&'static str>,
}

impl Own {
    fn new(name: &str, kind: AgencyKind) -> Own {
        let norm = normalize(name);
        let place = most_specific_place(&norm);
        let word = if kind == AgencyKind::Town {
            place
                .as_deref()
                .and_then(|p| ["街道", "镇", "乡"].into_iter().find(|w| p.ends_with(w)))
        } else if norm.ends_with('局') {
            Some("局")
        } else if norm.ends_with("委员会") && !norm.ends_with("管理委员会") || norm.ends_with('委')
        {
            Some("委")
        } else {
            None
        };
        Own {
            name: name.to_owned(),
            norm,
            kind,
            word,
        }
    }

    /// Whether `word` after 我/本 cannot be this agency speaking.
    fn is_foreign(&self, word: &str) -> bool {
        if self.norm.contains(word) {
            return false;
        }
        match self.kind {
            // A town's report: another kind of town, or a department.
            AgencyKind::Town => true,
            // A department's report: a town, or a department of the other kind (局 vs 委) when
            // its own kind is known.
            AgencyKind::Department => matches!(word, "镇" | "乡" | "街道") || self.word.is_some(),
            AgencyKind::Government | AgencyKind::Unknown => false,
        }
    }

    /// Whether the agency is a county's or a district's (not a city's): then `全市` is not its
    /// own field.
    fn is_county_level(&self) -> bool {
        most_specific_place(&self.norm).is_some_and(|p| {
            place_rank(&p) == 2 && (p.ends_with('县') || p.ends_with('区') || p.ends_with('旗'))
        })
    }
}

impl Rule for SelfReference {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let name = doc
            .title()
            .and_then(|t| t.agency.as_ref())
            .map(|a| a.name.clone())
            .or_else(|| {
                doc.closing()
                    .and_then(|c| c.agency)
                    .map(|a| doc.slice(a).to_owned())
            })
            .or_else(|| {
                let region = doc.analysis::<AgencyRegion>();
                region.name.as_ref().map(|n| n.name.clone())
            });
        let Some(name) = name else {
            return;
        };
        let own = Own::new(&name, AgencyKind::of_name(&name));
        if own.kind == AgencyKind::Unknown {
            return;
        }
        let county = own.is_county_level();
        // The self words that cannot be this agency's: the search looks for them, then for the
        // `我`/`本` before them (those two characters are everywhere in a report, the foreign
        // self words are rare).
        let foreign: Vec<usize> = (0..SELF_WORDS.len())
            .filter(|&k| own.is_foreign(SELF_WORDS[k].0))
            .collect();
        if foreign.is_empty() && !county {
            return;
        }
        // The tables are left out: half the report, and no prose about the agency. The tables'
        // analysis is shared with the table rules.
        let tables = doc.analysis::<Tables>().regions();
        let mut regions: Vec<Span> = Vec::new();
        for part in std::iter::once(doc.opening()).chain(doc.sections().iter().map(|s| s.body)) {
            without(part, &tables, &mut regions);
        }
        let (Some(first), Some(last)) = (regions.first(), regions.last()) else {
            return;
        };
        // The words are searched for from the first region's start to the last one's end; a hit
        // counts when it lies in a region (searchers built once: building one costs more than a
        // short search).
        static WHOLE_CITY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("全市"));
        let base = first.start;
        let text = &doc.text()[..last.end];
        let bytes = &text.as_bytes()[base..];
        let in_regions = |at: usize, len: usize| {
            let k = regions.partition_point(|r| r.end <= at);
            regions
                .get(k)
                .is_some_and(|r| r.start <= at && at + len <= r.end)
        };
        // The foreign words in one pass: a searcher per set of words, built once (32 sets at
        // most). No word begins inside another's place, so every place of each is found; the
        // findings are sorted by place below, as they were when each word had its own search.
        static SEARCHERS: [OnceLock<Searcher>; 1 << SELF_WORDS.len()] =
            [const { OnceLock::new() }; 1 << SELF_WORDS.len()];
        let set = foreign.iter().fold(0usize, |set, &k| set | 1 << k);
        let mut found = Vec::new();
        if set != 0 {
            let searcher = SEARCHERS[set].get_or_init(|| {
                Searcher::new(foreign.iter().map(|&k| SELF_WORDS[k].0)).expect("a few plain words")
            });
            for m in searcher.find_iter(bytes) {
                let word = SELF_WORDS[foreign[m.pattern().as_usize()]].0;
                let w = base + m.start();
                let Some(lead) = ["我", "本"].into_iter().find(|l| text[..w].ends_with(l)) else {
                    continue;
                };
                let at = w - lead.len();
                if !in_regions(at, lead.len() + word.len()) {
                    continue;
                }
                if let Some(len) = foreign_pronoun(text, at, lead, &own) {
                    found.push((Span::new(at, at + len), false));
                }
            }
        }
        if county {
            for at in WHOLE_CITY.find_iter(bytes) {
                let at = base + at;
                let r = regions[regions
                    .partition_point(|r| r.end <= at)
                    .min(regions.len() - 1)];
                if r.start <= at && at + "全市".len() <= r.end {
                    let local = &text[r.start..r.end];
                    if whole_city_at(local, at - r.start) {
                        found.push((Span::new(at, at + "全市".len()), true));
                    }
                }
            }
        }
        found.sort_by_key(|(span, _)| span.start);
        for (span, city) in found {
            let said = doc.slice(span).to_owned();
            let d = if city {
                Diagnostic::warning(
                    span,
                    format!(
                        "本报告是“{}”的报告，却把“全市”当作本机关的工作范围",
                        own.name
                    ),
                )
                .with_span_label("县（区）级机关的报告")
                .with_help("这通常是套用市级机关的报告后没有改净；改为本县（区）或本机关")
            } else {
                let mut d = Diagnostic::warning(
                    span,
                    format!("本报告是“{}”的报告，文中却自称“{said}”", own.name),
                )
                .with_help("这通常是套用其他机关的报告后没有改净；改为本机关的自称");
                if let Some(w) = own.word {
                    let right = format!("{}{w}", &said[..'我'.len_utf8()]);
                    d = d
                        .with_span_label(format!("应为“{right}”"))
                        .with_fix(Fix::suggestion(
                            format!("改为“{right}”"),
                            vec![Edit::replace(span, right)],
                        ));
                }
                d
            };
            ctx.report(d);
        }
    }
}

/// The length of the self-reference `lead` + self word at `at` in `text` (`我局`, `本街道`), when
/// it is one and cannot be the agency's.
fn foreign_pronoun(text: &str, at: usize, lead: &str, own: &Own) -> Option<usize> {
    let after = &text[at + lead.len()..];
    let &(word, not_next) = SELF_WORDS.iter().find(|(w, _)| after.starts_with(w))?;
    if after[word.len()..]
        .chars()
        .next()
        .is_some_and(|c| not_next.contains(&c))
    {
        return None;
    }
    let prev = text[..at].chars().next_back();
    let word_start = match lead {
        // `自我`, `忘我`: part of a word.
        "我" => !matches!(prev, Some('自' | '忘' | '唯' | '无')),
        _ => prev.is_none_or(|c| !is_han(c) || BEFORE_BEN.contains(&c)),
    };
    (word_start && own.is_foreign(word)).then_some(lead.len() + word.len())
}

/// Whether the `全市` at `at` in `text` speaks of the report's own field of work:
/// the subject of a sentence that counts or describes the year's work (`2023年，全市共主动公开`),
/// or the object of steering the information work (`加强对全市政府信息公开工作的督导`).
fn whole_city_at(text: &str, at: usize) -> bool {
    const STEER: [&str; 9] = [
        "对", "推进", "加强", "统筹", "指导", "督导", "督促", "规范", "部署",
    ];
    const WORK: [&str; 4] = [
        "政府信息公开工作",
        "信息公开工作",
        "政务公开工作",
        "政府信息公开",
    ];
    const SUBJECT_VERBS: [&str; 16] = [
        "共主动公开",
        "共受理",
        "共收到",
        "共办结",
        "共发布",
        "共公开",
        "累计公开",
        "累计发布",
        "主动公开",
        "收到",
        "受理",
        "办结",
        "新收",
        "政府信息公开工作",
        "信息公开工作",
        "政务公开工作",
    ];
    // Words after `全市…工作` that make it the city's event the report took part in.
    const EVENT: [&str; 9] = [
        "会议",
        "培训",
        "考核",
        "评估",
        "现场会",
        "推进会",
        "要点",
        "部署",
        "评议",
    ];
    let before = &text[..at];
    let after = &text[at + "全市".len()..];
    let subject = {
        let b = before.trim_end_matches([' ', '\u{3000}']);
        match b.chars().next_back() {
            None | Some('\n' | '\r' | '。' | '；') => true,
            Some(c @ ('，' | ',')) => b[..b.len() - c.len_utf8()].ends_with('年'),
            _ => false,
        }
    };
    let clause_end = after
        .find(['，', '。', '；', ',', '\n'])
        .unwrap_or(after.len());
    let clause = &after[..clause_end];
    // The report speaking for itself in the same clause (`全市…中我局…`) is not this case.
    if clause.contains('我') || clause.contains('本') {
        return false;
    }
    let steered =
        STEER.iter().any(|s| before.ends_with(s)) && WORK.iter().any(|w| after.starts_with(w));
    let counted = subject && SUBJECT_VERBS.iter().any(|v| after.starts_with(v));
    if !(steered || counted) {
        return false;
    }
    let work_end = WORK
        .iter()
        .find(|w| after.starts_with(*w))
        .map_or(0, |w| w.len());
    !EVENT.iter().any(|e| after[work_end..].starts_with(e))
}

/// Pushes onto `out` the pieces of `part` outside every span of `holes`.
fn without(part: Span, holes: &[Span], out: &mut Vec<Span>) {
    let mut inside: Vec<Span> = holes
        .iter()
        .filter(|h| h.start < part.end && h.end > part.start)
        .copied()
        .collect();
    inside.sort_by_key(|h| h.start);
    let mut from = part.start;
    for h in inside {
        if h.start > from {
            out.push(Span::new(from, h.start));
        }
        from = from.max(h.end);
    }
    if from < part.end {
        out.push(Span::new(from, part.end));
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2ebef}' | '〇')
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, summarize};

    fn report(agency: &str, body: &str) -> String {
        format!(
            "{agency}\r\n2023年政府信息公开工作年度报告\r\n根据《条例》，编制本报告。\r\n一、总体情况\r\n{body}\r\n六、其他需要报告的事项\r\n无。\r\n{agency}\r\n2024年1月20日\r\n"
        )
    }

    #[test]
    fn a_bureau_word_in_a_town_report() {
        let text = report(
            "某某县宋村镇人民政府",
            "2023年，我局坚持依法公开。结合本局实际，制定计划。",
        );
        let d = check(&SelfReference, &text);
        assert_eq!(
            summarize(&text, &d),
            [
                "warning 5:7 「我局」 本报告是“某某县宋村镇人民政府”的报告，文中却自称“我局”",
                "warning 5:18 「本局」 本报告是“某某县宋村镇人民政府”的报告，文中却自称“本局”",
            ]
        );
        assert!(apply_fixes(&text, &d).contains("2023年，我镇坚持依法公开。结合本镇实际"));
        for body in [
            "截至12月31日，我局共办结行政许可事项9件。",
            "为做好信息公开工作，我局成立了领导小组。",
            "由本局办公室负责政府信息公开日常工作。",
            "2023年我委扎实推进政务公开工作。",
            "及时在我局门户网站公开相关信息。",
        ] {
            for town in [
                "某某县宋村镇人民政府",
                "某某区西街街道办事处",
                "某某县新添乡人民政府",
            ] {
                let text = report(town, body);
                let d = check(&SelfReference, &text);
                assert_eq!(d.len(), 1, "{town} {body}");
            }
        }
    }

    #[test]
    fn a_town_word_in_a_bureau_report() {
        for body in [
            "2023年，我镇持续强化组织领导。",
            "进一步建立健全我镇政务公开工作机制。",
            "全年我街道向政府网站上传信息。",
            "本委高度重视政府信息公开工作。",
        ] {
            let text = report("某某县教育体育局", body);
            let d = check(&SelfReference, &text);
            assert_eq!(d.len(), 1, "{body}");
            assert!(d[0].message.contains("文中却自称"), "{body}");
            assert!(apply_fixes(&text, &d).contains('局'), "{body}");
        }
        // Another kind of town in a town's report.
        let text = report("某某县新添乡人民政府", "2023年，我镇强化政府信息公开工作。");
        assert_eq!(check(&SelfReference, &text).len(), 1);
    }

    #[test]
    fn the_whole_city_in_a_county_report_more_phrasings() {
        for body in [
            "2023年，全市主动公开政府信息3500条。",
            "全市共受理政府信息公开申请45件。",
            "2016年，全市政府信息公开工作取得新成效。",
            "进一步推进全市政务公开工作向纵深发展。",
            "统筹全市政府信息公开工作，定期通报。",
        ] {
            for agency in [
                "某某县教育体育局",
                "某某市某某区人民政府",
                "某某旗生态环境局",
            ] {
                let text = report(agency, body);
                assert_eq!(check(&SelfReference, &text).len(), 1, "{agency} {body}");
            }
        }
    }

    #[test]
    fn the_whole_city_in_a_county_bureau_report() {
        let text = report(
            "某某市某某区市场监督管理局",
            "2023年，全市共主动公开政府信息120条。继续加强对全市信息公开工作动态管理和统筹督导工作。",
        );
        let d = check(&SelfReference, &text);
        assert_eq!(
            summarize(&text, &d),
            [
                "warning 5:7 「全市」 本报告是“某某市某某区市场监督管理局”的报告，却把“全市”当作本机关的工作范围",
                "warning 5:28 「全市」 本报告是“某某市某某区市场监督管理局”的报告，却把“全市”当作本机关的工作范围",
            ]
        );
    }

    #[test]
    fn pieces_outside_the_tables() {
        let mut out = Vec::new();
        without(
            Span::new(0, 100),
            &[Span::new(10, 20), Span::new(150, 160), Span::new(90, 120)],
            &mut out,
        );
        assert_eq!(out, [Span::new(0, 10), Span::new(20, 90)]);
    }

    #[test]
    fn own_words_and_other_words_pass() {
        for (agency, body) in [
            (
                "某某县宋村镇人民政府",
                "2023年，我镇政府始终坚持……本镇政府、镇政府高度重视。",
            ),
            (
                "某某县宋村镇人民政府",
                "提高居民对本乡镇有关信息的知晓率，推进我乡村振兴信息公开。",
            ),
            (
                "某某县宋村镇人民政府",
                "在县政府和县教育局的指导下，配合县生态环境局开展工作。",
            ),
            (
                "某某县教育局",
                "我局政府信息公开工作取得成效，围绕我县教育重点工作。",
            ),
            (
                "某某县教育局",
                "形成了基本局面；按照本局部署；克服自我局限；委托第三方。",
            ),
            (
                "某某县教育局",
                "参加全市政务公开工作会议，在全市政务公开工作考核中名列前茅。",
            ),
            (
                "某某县教育局",
                "2023年，全市政务公开工作考核中我局获评优秀。",
            ),
            (
                "某某县教育局",
                "2023年，全市共评选出优秀案例10个，我县2个入选。",
            ),
            ("某某县教育局", "全市政务公开工作会议召开后，及时传达学习。"),
            ("某某市教育局", "2023年，全市共主动公开政府信息1200条。"),
            (
                "如皋市市场监督管理局",
                "2024年，全市共办结行政许可事项9件。",
            ),
            (
                "某某区人民政府办公室",
                "本委、本办高度重视；区政府办公室统筹推进全区工作。",
            ),
            (
                "某某县人民政府",
                "全县各乡镇、我县各部门积极推进，我镇、我局的做法得到推广。",
            ),
            ("平潭综合实验区管委会", "我区管委会办公室负责。"),
            ("某某县发展和改革委员会", "我委（局）认真贯彻《条例》。"),
        ] {
            let text = report(agency, body);
            let d = check(&SelfReference, &text);
            assert!(
                d.is_empty(),
                "{agency} {body}: {}",
                summarize(&text, &d).join("\n")
            );
        }
    }
}
