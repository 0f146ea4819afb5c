use reportlint_core::completeness::Completeness;
use reportlint_core::contact::Contact;
use reportlint_core::dates::opening_anchor;
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告应告诉公众如何咨询：至少有电话和地址，通常在开头
    /// （`如对本报告有疑问，请与XX联系（地址：…，邮编：…，电话：…）`），有时在末尾；
    /// 还应说明报告在哪里发布（网址，或用文字写明的网站）。
    ///
    /// - warning：完全没有联系方式，或缺电话、缺地址；
    /// - info：没有写明可查阅报告的网站；文本的后半部分（五、六和落款）不在，也没有联系方式，
    ///   联系方式可能在被截掉的部分里。
    ///
    /// 只认带标签的写法（`地址：`、`电话：`、`联系电话`、`（地址…；电话…）`）；正文中出现“地址”
    /// “电话”字样不算。
    ///
    /// ## 为什么重要（Why it matters）
    /// 公众从报告开头得知向谁咨询。北京大学公众参与研究与支持中心《中国省部两级行政机关年度报告格式范本》
    /// （2012）要求写明联系部门、地址和电话，以及发布报告的网址。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 招远市金岭镇人民政府 2022年度政府信息公开工作年度报告
    /// 一、总体情况
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告
    /// 本报告的电子版可在威海市文登区人民政府门户网站（http://www.wendeng.gov.cn）查阅。如对本报告有疑问，请与宋村镇人民政府办公室联系（地址：威海市文登区宋村镇昌阳路10号，电话：0631-8898088）。
    /// 一、总体情况
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 联系方式是否正确——电话能否打通、地址是否现行、所说的网站上是否真有这份报告——从文本无从得知。
    /// 只在正文中提及、没有标签的联系方式识别不出。文本明显中断时（见 `structure/text-cut-short`），
    /// 不报告完全没有联系方式或没有网站：它们可能写在截断处之后；截断前找到的联系方式照常检查
    /// （有电话没有地址）。本规则只看到给它的文本：提前中断的副本（网页节选、不完整的文件）与没写联系
    /// 方式的报告无法区分，缺失部分中的联系方式看不到。
    pub struct Required {
        id: "contact/required",
        summary: "报告应写明联系电话、地址和发布网站",
        severity: Warning,
        fix: None,
    }
}

impl Rule for Required {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let c = doc.analysis::<Contact>();
        let anchor = opening_anchor(doc);
        let has_phone = c.has_phone();
        let has_addr = !c.addresses.is_empty();
        // Details written at the end may lie after the point where a cut-short text breaks off
        // (`structure/text-cut-short` says so).
        let cut = doc.analysis::<Completeness>().is_cut();
        // Contact details may also come at the end of a report: when neither 五, 六 nor a closing
        // block is in the text, its end was cut off and the details cannot be said to be missing.
        let end_visible = doc.closing().is_some()
            || doc
                .sections()
                .iter()
                .any(|s| matches!(s.kind, SectionKind::Problems | SectionKind::Other));
        if !has_phone && !has_addr && !cut && !end_visible {
            ctx.report(
                Diagnostic::info(anchor, "未能核对联系方式：可见的文本中没有，而报告的结尾（第五、六部分和落款）不在文本中")
                    .with_span_label("开头部分没有联系方式")
                    .with_help(
                        "联系方式通常写在开头（“如对本报告有疑问，请与××联系（地址：…，电话：…）”），也可能在结尾；请检查完整的报告",
                    ),
            );
        } else if !has_phone && !has_addr && !cut {
            ctx.report(
                Diagnostic::warning(anchor, "报告没有给出联系方式（地址、电话）")
                    .with_span_label("开头部分应写明咨询联系方式")
                    .with_help(
                        "在开头部分写明“如对本报告有疑问，请与××联系（地址：…，邮编：…，电话：…）”",
                    ),
            );
        } else if has_phone || has_addr {
            // Point at the details that are there.
            let at = c
                .phones
                .first()
                .map(|p| p.span)
                .or_else(|| c.addresses.first().map(|a| a.value))
                .unwrap_or(anchor);
            if !has_phone {
                ctx.report(
                    Diagnostic::warning(at, "联系方式缺少电话")
                        .with_help("在联系方式中写明电话，如“电话：0631-8898088”"),
                );
            }
            if !has_addr {
                ctx.report(
                    Diagnostic::warning(at, "联系方式缺少地址")
                        .with_help("在联系方式中写明地址，如“地址：××市××路10号”"),
                );
            }
        }
        if c.websites.is_empty() && c.website_named.is_none() && !cut {
            ctx.report(
                Diagnostic::info(anchor, "报告没有写明在哪个网站公布")
                    .with_help("写明“本报告的电子版可在××门户网站（网址：…）查阅或下载”"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, summarize};

    #[test]
    fn complete_contact_passes() {
        for o in [
            "本报告的电子版可在威海市文登区人民政府门户网站（http://www.wendeng.gov.cn）查阅。如对本报告有疑问，请与宋村镇人民政府办公室联系（地址：威海市文登区宋村镇昌阳路10号，邮编：264400，电话：0631—8898088）。",
            "本报告全文在龙泉市人民政府网站公布，欢迎查阅。如对本报告有疑问，可与西街街道党政办联系(地址:龙泉市中山东路92号,邮编:323700,电话:0578-7128700)。",
            "本报告电子版可从www.pingtan.gov.cn下载。联系地址：平潭综合实验区商务营运中心7号楼14层；邮编：350400；电话：0591-23165385。",
        ] {
            let t = format!("某镇人民政府2022年政府信息公开工作年度报告\r\n{o}\r\n一、总体情况\r\n");
            assert!(check(&Required, &t).is_empty(), "{o}: {:?}", check(&Required, &t));
        }
    }

    #[test]
    fn no_contact_at_all() {
        let t = "招远市金岭镇人民政府 2022年度政府信息公开工作年度报告\n\n一、总体情况\n2022年，我镇主动公开机构职能、办公地址、办公时间等信息。\n六、其他需要报告的事项\n无。\n";
        assert_eq!(
            summarize(t, &check(&Required, t)),
            [
                "info 1:1 「招远市金岭镇人民政府 2022年度政府信息公开工作年度报告」 报告没有写明在哪个网站公布",
                "warning 1:1 「招远市金岭镇人民政府 2022年度政府信息公开工作年度报告」 报告没有给出联系方式（地址、电话）",
            ]
        );
    }

    #[test]
    fn a_text_cut_short_is_not_said_to_lack_contact_details() {
        for t in [
            "某镇人民政府2022年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n一、总体情况\n2022年，我镇……\n（一）主动公开情况。全年主动公开政府信息171条。",
            "一、总体情况\r\n2024年,市市场监管局坚持以习近平新时代中国特色社会主义思想为指导。\r\n二、主动公开政府信息情况\r\n",
            "东安区人民政府办公室2021年政府信息公开工作年度报告\n一、总体情况 \n本年度报告中所列数据的统计期限为2021年1月1日至12月31日。\n三、收到和处理政府信息公开申请情况\n",
            "2020年上海市生态环境局政府信息公开工作年度报告\n本年度报告在上海环境网(http://sthj.sh.gov.cn)公布。\n一、2020年政府信息公开总体情况\n2020年我局……",
            "根据《条例》，现公布荷塘区桂花街道办事处2019年政府信息公开工作年度报告。\n2019年，桂花街道办事处……全年公开信息77条",
        ] {
            let d = check(&Required, t);
            assert!(
                d.iter().all(|d| d.severity == Severity::Info),
                "{t}: {:?}",
                summarize(t, &d)
            );
            // Said here, or (a text that visibly breaks off) by `structure/text-cut-short`.
            let cut = reportlint_core::Document::parse("t.txt", t)
                .analysis::<Completeness>()
                .is_cut();
            assert!(
                cut || d.iter().any(|d| d.message.starts_with("未能核对联系方式")),
                "{t}"
            );
        }
        // The whole report, without them: a warning.
        let t = "某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n五、存在的主要问题及改进情况\n正文。\n六、其他需要报告的事项\n无。\n";
        assert!(check(&Required, t)
            .iter()
            .any(|d| d.severity == Severity::Warning
                && d.message == "报告没有给出联系方式（地址、电话）"));
    }

    #[test]
    fn phone_only() {
        let t = "某局2023年政府信息公开工作年度报告\n报告电子版可在“岐山县人民政府网”(http://www.qishan.gov.cn/)下载。如对本报告有异议，请联系岐山县教体局（电话：0917-8212435）。\n一、总体情况\n";
        assert_eq!(
            summarize(t, &check(&Required, t)),
            ["warning 2:70 「0917-8212435」 联系方式缺少地址"]
        );
    }
}
