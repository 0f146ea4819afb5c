use reportlint_core::completeness::Completeness;
use reportlint_core::dates::{Dates, PublicationSource};
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告以落款结束：一行写机关全称，下一行写日期（`2023年1月16日`；从 PDF 取出的文本中间带空格也可以）。
    /// 落款之后只能有附件（`附件`、`附表`）。报告：
    ///
    /// - 完全没有落款（网页在标题下或抓取的页头中给出了发布日期的，以此代替落款，不报告）；
    /// - 有日期，但上面没有机关名称；
    /// - 落款之后有不属于附件的文字（图表数据、Word 转换的残留）。
    ///
    /// ## 为什么重要（Why it matters）
    /// 落款说明报告由谁、在何时发布；公布时限（条例第四十九条）就是拿这个日期来核对的。落款后的文字
    /// 通常是残留，读者会误以为是报告的一部分。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// （七）其他有关文件专门要求通过政府信息公开工作年度报告予以报告的事项
    /// 金岭镇无其他有关文件专门要求通过政府信息公开工作年度报告予以报告的事项。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// （七）其他有关文件专门要求通过政府信息公开工作年度报告予以报告的事项
    /// 金岭镇无其他有关文件专门要求通过政府信息公开工作年度报告予以报告的事项。
    ///
    /// 招远市金岭镇人民政府
    /// 2023年1月20日
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 落款中的名称是否为机关的完整、正确名称，由 `structure/agency-consistency` 检查；日期是否在时限内，
    /// 由 `dates/publication-date` 检查。以图片形式给出的公章或签名在文本中看不到。文本明显中断时
    /// （表格中间、句子中间，见 `structure/text-cut-short`），不报告缺少落款：落款可能在截断处之后。
    /// 本规则只看到给它的文本：提前中断的副本与没有落款的报告无法区分。
    pub struct Signature {
        id: "structure/signature",
        summary: "报告末尾应有落款：机关全称和日期，其后只能是附件",
        severity: Warning,
        fix: None,
    }
}

impl Rule for Signature {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let Some(closing) = doc.closing() else {
            // A web page's date (`发布日期：…` under its title or in a crawler's header).
            let dated_page = doc
                .analysis::<Dates>()
                .publication
                .as_ref()
                .is_some_and(|p| p.source == PublicationSource::Page);
            // A text cut short may have its closing block after the cut.
            if dated_page || doc.analysis::<Completeness>().is_cut() {
                return;
            }
            let Some(last) = doc.lines().iter().rev().find(|l| !l.is_blank()) else {
                return;
            };
            ctx.report(
                Diagnostic::warning(last.content, "报告末尾缺少落款（机关全称和日期）")
                    .with_span_label("落款应在这之后")
                    .with_help("在正文之后另起两行写明机关全称和成文日期，如“招远市金岭镇人民政府 / 2023年1月20日”"),
            );
            return;
        };
        if closing.agency.is_none() {
            if let Some(date) = closing.date {
                ctx.report(
                    Diagnostic::warning(date, "落款缺少机关名称")
                        .with_span_label("日期上一行应写机关全称")
                        .with_help("落款为两行：机关全称，然后是日期"),
                );
            }
        }
        if let Some(trailing) = doc.trailing() {
            let text = doc.slice(trailing);
            let is_attachment =
                text.starts_with("附件") || text.starts_with("附表") || text.starts_with("附：");
            if !is_attachment {
                let first_line = doc
                    .lines_in(trailing)
                    .map(|(_, l)| l.content)
                    .find(|c| !c.is_empty())
                    .unwrap_or(trailing);
                let first_line = Span::new(
                    first_line.start.max(trailing.start),
                    first_line.end.min(trailing.end),
                );
                ctx.report(
                    Diagnostic::warning(first_line, "落款之后还有不属于报告的内容")
                        .with_label(closing.span, "落款")
                        .with_help(
                            "落款之后只应有附件；删除图表数据等残留内容，或移入正文相应位置",
                        ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, summarize};

    const BODY: &str = "某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n六、其他需要报告的事项\n无。\n";

    #[test]
    fn closing_block_passes() {
        for end in [
            "某镇人民政府\n2023年1月16日\n",
            "某镇人民政府\n\n2023 年 1 月 16 日      \n",
            "某镇人民政府\n2023年1月16日\n附件：统计表\n",
            "某镇人民政府\n二〇二三年一月十六日\n",
        ] {
            let text = format!("{BODY}{end}");
            assert!(check(&Signature, &text).is_empty(), "{end}");
        }
    }

    #[test]
    fn missing_closing_block() {
        assert_eq!(
            summarize(BODY, &check(&Signature, BODY)),
            ["warning 5:1 「无。」 报告末尾缺少落款（机关全称和日期）"]
        );
        // A crawled web page dates itself in its header.
        let page = format!("标题: 某镇2022年报告\n发布时间: 2023-01-16\n=====\n{BODY}");
        assert!(check(&Signature, &page).is_empty());
    }

    #[test]
    fn date_without_agency_and_trailing_debris() {
        let text = format!("{BODY}2023年1月16日\n");
        assert_eq!(
            summarize(&text, &check(&Signature, &text)),
            ["warning 6:1 「2023年1月16日」 落款缺少机关名称"]
        );
        let text = format!(
            "{BODY}某镇人民政府\n2023年1月16日\n主动公开政府信息情况\n2021年\t政府网站\t59\n"
        );
        assert_eq!(
            summarize(&text, &check(&Signature, &text)),
            ["warning 8:1 「主动公开政府信息情况」 落款之后还有不属于报告的内容"]
        );
    }
}
