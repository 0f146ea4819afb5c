use reportlint_core::names::is_abbreviated_agency;
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告以标题开头，标题写明机关、年度和报告类别：`{机关}{YYYY}年政府信息公开工作年度报告`。
    /// 标题可以分两行（第一行写机关，第二行写年度和“报告”），也可以在网页的页头之后。标题中的年度就是
    /// 报告年度，日期类规则以它为准。
    ///
    /// - error：没有标题，标题没有年度，或没有说明是“报告”；
    /// - info：没有标题行，但开头以带年度的名称称呼本报告（`现发布《××2022年政府信息公开工作年度报告》`、
    ///   `现将××2019年度政府信息公开工作报告如下`）：网页的文本常从页面标题下方开始，标题可能只是
    ///   文本里没有；
    /// - warning：缺少机关，或用不带地名的简称（`县政府办`、`区府办`：落款写了全称时给出建议），
    ///   或用语与 `政府信息公开工作年度报告` 不同。
    ///
    /// 在词组中间换行的标题（`…2023年政府信息公开工作年度` / `报告`）和年度写在报告用语之后的标题
    /// （`××局政府信息公开工作2023年度报告`）都读作一个标题；各类机关（管委会、办事处、委员会、管理区、
    /// 街道办事处）都能识别。
    ///
    /// ## 为什么重要（Why it matters）
    /// 《中华人民共和国政府信息公开条例》第五十条和2021年格式（国办公开办函〔2021〕30号）使年度报告成为
    /// 一个机关、一个年度的法定文件；标题没有机关或年度，就无法归档、检索，也无法与上年报告对照。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 2021年政府信息公开工作年度报告
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 威海市文登区侯家镇人民政府
    /// 2021年政府信息公开工作年度报告
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 标题中的机关是否为真实存在的机关的规范全称，超出区划数据便无从得知。标题只在网页页头或图片中、
    /// 不在所给文本中的，看不到。标题年度与统计期限是否一致，由 `dates/statistics-period` 检查。
    pub struct TitleRule {
        id: "structure/title",
        summary: "标题应写明机关名称、年度和“政府信息公开工作年度报告”",
        severity: Error,
        fix: Sometimes,
    }
}

impl Rule for TitleRule {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let Some(title) = doc.title() else {
            if let Some(named) = opening_names_the_report(doc) {
                // A web page's text often starts below the page's own heading: the report is
                // named, and the title line may only be missing from the text.
                ctx.report(
                    Diagnostic::info(named, "文本中没有标题行；开头称本报告为此处的名称")
                        .with_span_label("开头对本报告的称呼")
                        .with_help("网页或封面上的标题可能未包含在文本中；如果报告确实没有标题，在正文开头写明“{机关}{YYYY}年政府信息公开工作年度报告”"),
                );
                return;
            }
            let at = doc
                .lines()
                .iter()
                .find(|l| {
                    !l.is_blank() && l.content.start >= doc.header().map_or(0, |h| h.span.end)
                })
                .map_or(Span::empty(0), |l| first_chars(doc, l.content, 20));
            ctx.report(Diagnostic::error(at, "报告缺少标题").with_help(
                "在正文开头写明标题，如“××县人民政府办公室2023年政府信息公开工作年度报告”",
            ));
            return;
        };
        // A crawler's `标题:` field stands in for a body without its own title line.
        let span = title.span();
        if title.year.is_none() {
            ctx.report(
                Diagnostic::error(span, "标题缺少年度")
                    .with_span_label("应写明报告年度，如“2023年”")
                    .with_help("标题格式为“{机关}{YYYY}年政府信息公开工作年度报告”"),
            );
        }
        let text = &title.text;
        if !title.names_report() {
            ctx.report(
                Diagnostic::error(span, "标题没有写明“年度报告”")
                    .with_help("标题应以“政府信息公开工作年度报告”结尾"),
            );
        } else if !text.contains("政府信息公开") {
            ctx.report(
                Diagnostic::warning(span, "标题用语不规范，应为“政府信息公开工作年度报告”")
                    .with_help("按《中华人民共和国政府信息公开工作年度报告格式》，标题为“{机关}{YYYY}年政府信息公开工作年度报告”"),
            );
        }
        if let Some(agency) = title
            .agency
            .as_ref()
            .filter(|a| is_abbreviated_agency(&a.name))
        {
            // `县政府办2023年…`: the agency is named, but by a short form without its place.
            let full = doc
                .closing()
                .and_then(|c| c.agency)
                .map(|a| doc.slice(a))
                .filter(|full| full.chars().count() > agency.name.chars().count())
                .filter(|full| !is_abbreviated_agency(full) && expands(&agency.name, full));
            let mut d = Diagnostic::warning(
                agency.span,
                format!("标题中的机关名称“{}”是简称，应写机关全称", agency.name),
            )
            .with_span_label("简称");
            match full {
                Some(full) => {
                    d = d
                        .with_help(format!(
                            "落款机关为“{full}”；标题应写作“{full}”而不是“{}”",
                            agency.name
                        ))
                        .with_fix(Fix::suggestion(
                            format!("改为“{full}”"),
                            vec![Edit::replace(agency.span, full)],
                        ));
                }
                None => {
                    d = d.with_help("标题应写明机关全称，如“××县人民政府办公室”而不是“县政府办”");
                }
            }
            ctx.report(d);
        }
        if title.agency.is_none() && !title.from_header {
            let known = doc
                .closing()
                .and_then(|c| c.agency)
                .map(|a| doc.slice(a).to_owned());
            let mut d =
                Diagnostic::warning(span, "标题缺少机关名称").with_span_label("此处应写明机关全称");
            match known {
                Some(agency) => {
                    let start = title.parts[0].start;
                    d = d
                        .with_help(format!("落款机关为“{agency}”；标题应为“{agency}{text}”"))
                        .with_fix(Fix::suggestion(
                            format!("在标题前加上“{agency}”"),
                            vec![Edit::insert(start, agency)],
                        ));
                }
                None => {
                    d = d.with_help(
                        "在标题开头写明机关全称，如“××镇人民政府2023年政府信息公开工作年度报告”",
                    );
                }
            }
            ctx.report(d);
        }
    }
}

/// Where the opening names the report with its agency or its year, as a web page's body does
/// below the page's heading: `现发布《临洮县新添镇2022年政府信息公开工作年度报告》`,
/// `现公布荷塘区桂花街道办事处2019年政府信息公开工作年度报告`, `现将河西街道2019年度政府信息公开工作
/// 报告如下`. The words from the verb to 报告, within the opening's first 400 bytes' sentences.
fn opening_names_the_report(doc: &Document) -> Option<Span> {
    const VERBS: [&str; 8] = [
        "现发布",
        "现公布",
        "现予公布",
        "向社会公布",
        "向社会公开",
        "编制发布",
        "现将",
        "特编制",
    ];
    let opening = doc.opening();
    let text = doc.slice(opening);
    let mut end = text.len().min(600);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    for verb in VERBS {
        let Some(v) = head.find(verb) else { continue };
        let rest = &head[v + verb.len()..];
        let stop = rest.find(['。', '\n']).unwrap_or(rest.len());
        let clause = &rest[..stop];
        let Some(r) = clause.find("报告") else {
            continue;
        };
        let named = &clause[..r + "报告".len()];
        let has_year = named.char_indices().any(|(i, _)| {
            named[i..].len() > 4 && named.as_bytes()[i..i + 4].iter().all(u8::is_ascii_digit)
        });
        if has_year && named.contains("公开") {
            let trimmed = named.trim_start_matches(['《', '“']);
            let start = opening.start + v + verb.len() + (named.len() - trimmed.len());
            return Some(Span::new(start, start + trimmed.len()));
        }
    }
    None
}

/// Whether `full` can be the full name of the short form `short`: the same level word (县, 区,
/// 市 …) and the same kind of body at the end (`县政府办` → `××县人民政府办公室`, `县教体局` →
/// `××县教育体育局`), not another agency that signed the report.
fn expands(short: &str, full: &str) -> bool {
    let level = short.chars().next();
    let last = short.chars().next_back();
    let same_end = match last {
        Some('办') => full.ends_with('办') || full.ends_with("办公室"),
        Some('府') => full.ends_with("政府"),
        Some(c) => full.ends_with(c),
        None => false,
    };
    same_end && level.is_some_and(|l| full.contains(l))
}

/// The first `n` characters of `span`.
fn first_chars(doc: &Document, span: Span, n: usize) -> Span {
    let s = doc.slice(span);
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    Span::new(span.start, span.start + end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, summarize};

    #[test]
    fn good_titles_pass() {
        for text in [
            "威海市文登区宋村镇人民政府\n\n2022年政府信息公开工作年度报告\n根据……\n一、总体情况\n",
            "招远市金岭镇人民政府 2022年度政府信息公开工作年度报告\n\n一、总体情况\n",
            "2019年西街街道\n政府信息公开工作年度报告\n本年度报告……\n一、总体情况\n",
            "标题: 平潭综合实验区2023年度政府信息公开工作年度报告\n发布时间: 2024-03-08\n==== 正文 ====\n本报告根据……一、总体情况 2023年，\n",
        ] {
            assert!(check(&TitleRule, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn title_without_agency_warns_and_suggests_the_signature() {
        let text = " 2021年政府信息公开工作年度报告\n根据……\n一、总体情况\n……\n六、其他需要报告的事项\n无。\n威海市文登区侯家镇人民政府\n2022年1月26日\n";
        let d = check(&TitleRule, text);
        assert_eq!(
            summarize(text, &d),
            ["warning 1:2 「2021年政府信息公开工作年度报告」 标题缺少机关名称"]
        );
        let fixed = reportlint_core::testing::apply_fixes(text, &d);
        assert!(fixed.starts_with(" 威海市文登区侯家镇人民政府2021年政府信息公开工作年度报告"));
    }

    #[test]
    fn missing_year_and_missing_title_are_errors() {
        let text = "某某镇人民政府政府信息公开工作年度报告\n一、总体情况\n";
        assert_eq!(
            summarize(text, &check(&TitleRule, text)),
            ["error 1:1 「某某镇人民政府政府信息公开工作年度报告」 标题缺少年度"]
        );
        let text = "一、总体情况\n2022年，我镇……\n";
        assert_eq!(
            summarize(text, &check(&TitleRule, text)),
            ["error 1:1 「一、总体情况」 报告缺少标题"]
        );
    }

    #[test]
    fn wrapped_titles_and_late_years_are_read() {
        for text in [
            "某某县人民政府办公室2023年政府信息公开工作年度\n报告\n根据……\n一、总体情况\n",
            "某某县人民政府办公室\n2023年政府信息公开工作年度\n报告\n根据……\n一、总体情况\n",
            "某某县人民政府办公室2023年政府信息公开\r\n工作年度报告\r\n根据……\r\n一、总体情况\r\n",
            "某某县教育局政府信息公开工作2023年度报告\n根据……\n一、总体情况\n",
            "某某县教育局政府信息公开2023年度工作报告\n一、总体情况\n",
            "平潭综合实验区管理委员会\n2023年政府信息公开工作年度报告\n一、总体情况\n",
            "某某农场管理区\n2023年政府信息公开工作年度报告\n一、总体情况\n",
            "某某经济开发区管委会\n２０２３年政府信息公开工作年度报告\n一、总体情况\n",
            "株洲市荷塘区桂花街道办事处\n2019年度政府信息公开工作年度报告\n一、总体情况\n",
            "某某县发展和改革委员会\n2023年政府信息公开工作年度报告\n一、总体情况\n",
        ] {
            let d = check(&TitleRule, text);
            assert!(d.is_empty(), "{text}: {}", summarize(text, &d).join("\n"));
            let doc = Document::parse("t.txt", text);
            let title = doc.title().expect(text);
            let want = if text.contains("2019") { 2019 } else { 2023 };
            assert_eq!(title.year.map(|y| y.value), Some(want), "{text}");
            assert!(title.agency.is_some(), "{text}");
        }
        // A sentence that ends in 报告 is not a wrapped title.
        let text = "根据条例要求，现将本局政府信息公开工作情况\n报告如下。\n一、总体情况\n";
        assert!(Document::parse("t.txt", text).title().is_none());
    }

    #[test]
    fn abbreviated_agency_warns_with_the_full_name() {
        let text = "县政府办2023年政府信息公开工作年度报告\n根据……\n一、总体情况\n……\n六、其他需要报告的事项\n无。\n某某县人民政府办公室\n2024年1月20日\n";
        let d = check(&TitleRule, text);
        assert_eq!(
            summarize(text, &d),
            ["warning 1:1 「县政府办」 标题中的机关名称“县政府办”是简称，应写机关全称"]
        );
        assert!(d[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("某某县人民政府办公室"));
        let fixed = reportlint_core::testing::apply_fixes(text, &d);
        assert!(fixed.starts_with("某某县人民政府办公室2023年"), "{fixed}");
        // A closing block of another kind of body is not offered as the full name.
        let text = "县政府办2023年政府信息公开工作年度报告\n一、总体情况\n……\n六、其他需要报告的事项\n无。\n某某县教育局\n2024年1月20日\n";
        let d = check(&TitleRule, text);
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_none() && !d[0].help.as_deref().unwrap_or("").contains("某某县教育局"));
        // Without a closing block, the warning still names what is wrong.
        for text in [
            "区府办2023年政府信息公开工作年度报告\n一、总体情况\n",
            "县教体局\n2023年度政府信息公开工作年度报告\n一、总体情况\n",
            "市政府办公室2023年政府信息公开工作年度报告\r\n一、总体情况\r\n",
        ] {
            let d = check(&TitleRule, text);
            assert_eq!(d.len(), 1, "{text}");
            assert!(d[0].message.contains("是简称"), "{text}");
        }
        // Full names, and names without a level word, are not short forms.
        for text in [
            "某某市市场监督管理局2023年政府信息公开工作年度报告\n一、总体情况\n",
            "国家统计局2023年政府信息公开工作年度报告\n一、总体情况\n",
        ] {
            assert!(check(&TitleRule, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_body_that_names_the_report_has_lost_only_its_title_line() {
        for text in [
            "根据《中华人民共和国政府信息公开条例》要求,现发布《临洮县新添镇2022年政府信息公开工作年度报告》。本报告由……组成。\n一、总体情况\n",
            "根据《条例》要求,现公布荷塘区桂花街道办事处2019年政府信息公开工作年度报告。\r\n一、总体情况\r\n",
            "根据《中华人民共和国政府信息公开条例》要求,岐山县教育体育局现向社会公开《2023年政府信息公开工作年度报告》。\n一、总体情况\n",
            "根据《条例》,现特向社会公布2024年度如皋市市场监督管理局信息公开工作年度报告。\n一、总体情况\n",
            "根据……要求,现将河西街道2019年度政府信息公开工作报告如下。\n一、总体情况\n",
            "根据……,结合福建省市场监管局政府信息公开年度工作情况,编制发布福建省市场监管局2024年度政府信息公开报告。\n一、总体情况\n",
        ] {
            let d = check(&TitleRule, text);
            assert_eq!(d.len(), 1, "{text}");
            assert_eq!(d[0].severity, Severity::Info, "{text}");
        }
        // Without such words, the title is missing.
        let text = "根据《条例》要求，结合工作实际，编制本报告。\n一、总体情况\n";
        assert_eq!(check(&TitleRule, text)[0].severity, Severity::Error);
    }

    #[test]
    fn non_standard_words_warn() {
        let text = "下湿壕镇政府2022年信息公开工作年度报告\n一、总体情况\n";
        assert_eq!(
            summarize(text, &check(&TitleRule, text)),
            ["warning 1:1 「下湿壕镇政府2022年信息公开工作年度报告」 标题用语不规范，应为“政府信息公开工作年度报告”"]
        );
    }
}
