use reportlint_core::contact::{Contact, PhoneKind};
use reportlint_core::prelude::*;
use reportlint_core::region::area_code;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 联系方式中的电话和传真号码格式正确：区号（`0` 加2至3位数字）加7至8位本地号码、手机号码
    /// （`1[3-9]` 加9位数字），或 `12345` 这类服务号码。区号可以加括号（`（0631）8898088`），
    /// 也可以写多个号码。
    ///
    /// - error：号码格式错误（`0631-889808`、`631-8898088`）；
    /// - warning：区号属于机关所在地以外的地区（仅在机关所在地及其区号都确定时检查——区号表随区划数据
    ///   提供，并注明来源），或固定电话没有区号；
    /// - info，附安全修复：区号与号码之间用的不是 `-`（`0631—8898088`、`0631–…`、`0631－…`）。
    ///
    /// ## 为什么重要（Why it matters）
    /// 电话是公众咨询报告的途径；少一位数字，或照抄了别的城市的区号，公众就无法联系到机关。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 如对本报告有疑问，请与威海市文登区宋村镇人民政府办公室联系（电话：0535-889808）。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 如对本报告有疑问，请与威海市文登区宋村镇人民政府办公室联系（电话：0631-8898088）。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 只检查号码的格式：号码是否在用、是否属于该机关，从文本无从得知。只有在双方都确定时才将区号与机关
    /// 所在地比对，所以机关所在地不在区划数据中时，区号错了也不会报告。联系方式以外的号码（正文中提到的
    /// 12345 热线等）不检查。
    pub struct Phone {
        id: "contact/phone",
        summary: "电话号码格式正确，区号与机关所在地相符",
        severity: Error,
        fix: Sometimes,
    }
}

impl Rule for Phone {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let c = doc.analysis::<Contact>();
        let region = ctx.region();
        let expected = region.as_ref().and_then(area_code);
        let place = region.as_ref().map(|p| p.to_string());
        for p in &c.phones {
            let written = doc.slice(p.span);
            match p.kind {
                PhoneKind::Malformed => {
                    let why = p.problem.clone().unwrap_or_default();
                    ctx.report(
                        Diagnostic::error(p.span, format!("电话号码“{written}”格式有误：{why}"))
                            .with_help("固定电话写作“区号-号码”（如0631-8898088），手机为11位"),
                    );
                }
                PhoneKind::Local => {
                    let help = match (expected, &place) {
                        (Some(code), Some(pl)) => {
                            format!("加上区号：{pl}的区号是{code}，写作“{code}-{}”", p.local)
                        }
                        _ => "加上长途区号，写作“区号-号码”".to_owned(),
                    };
                    ctx.report(
                        Diagnostic::warning(p.span, format!("电话号码“{written}”缺少区号"))
                            .with_help(help),
                    );
                }
                PhoneKind::Fixed => {
                    if let (Some((code, code_span)), Some(want), Some(pl)) =
                        (&p.area_code, expected, &place)
                    {
                        if code != want {
                            ctx.report(
                                Diagnostic::warning(
                                    *code_span,
                                    format!("电话区号{code}与机关所在地不符：{pl}的区号是{want}"),
                                )
                                .with_span_label("疑为其他地区的号码")
                                .with_help(format!("核对号码；本地固定电话应为“{want}-”开头")),
                            );
                        }
                    }
                    if let Some((sep, span)) = p.separator {
                        if sep != '-' {
                            ctx.report(
                                Diagnostic::info(span, format!("电话号码中的“{sep}”应为连字符“-”"))
                                    .with_help("区号与号码之间用半角连字符“-”")
                                    .with_fix(Fix::safe("改为“-”", vec![Edit::replace(span, "-")])),
                            );
                        }
                    }
                }
                PhoneKind::Mobile | PhoneKind::Service => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, flagged, summarize};

    const TITLE: &str = "威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告\n";

    fn doc(contact: &str) -> String {
        format!("{TITLE}如对本报告有疑问，请与宋村镇人民政府办公室联系（地址：宋村镇昌阳路10号，{contact}）。\n一、总体情况\n")
    }

    #[test]
    fn good_numbers_pass() {
        for c in [
            "电话：0631-8898088",
            "电话：（0631）8898088",
            "电话：0631-8898088、13812345678",
            "联系电话：12345",
            "电话/传真：0631-88980881",
            "电话：０６３１－８８９８０８８",
        ] {
            let t = doc(c);
            let d: Vec<_> = check(&Phone, &t)
                .into_iter()
                .filter(|d| d.severity != Severity::Info)
                .collect();
            assert!(d.is_empty(), "{c}: {d:?}");
        }
        // A town name that fits several places: the area code is not checked.
        let t = "金岭镇人民政府2022年政府信息公开工作年度报告\n请与金岭镇党政办联系（电话：0535-2345678）。\n一、总体情况\n";
        assert!(check(&Phone, t).is_empty());
    }

    #[test]
    fn em_dash_is_info_with_a_safe_fix() {
        let t = doc("电话：0631—8898088");
        let d = check(&Phone, &t);
        assert_eq!(
            summarize(&t, &d),
            ["info 2:45 「—」 电话号码中的“—”应为连字符“-”"]
        );
        assert_eq!(
            d[0].fix.as_ref().unwrap().applicability,
            reportlint_core::Applicability::Safe
        );
        assert!(apply_fixes(&t, &d).contains("电话：0631-8898088"));
        for dash in ['–', '－'] {
            let t = doc(&format!("电话：0631{dash}8898088"));
            assert_eq!(flagged(&t, &check(&Phone, &t)), [dash.to_string().as_str()]);
        }
    }

    #[test]
    fn malformed_foreign_and_missing_area_code() {
        let t = doc("电话：0631-889808");
        assert_eq!(
            summarize(&t, &check(&Phone, &t)),
            ["error 2:41 「0631-889808」 电话号码“0631-889808”格式有误：区号0631后的号码“889808”有6位，应为7～8位"]
        );
        let t = doc("电话：0535-8898088");
        assert_eq!(
            summarize(&t, &check(&Phone, &t)),
            ["warning 2:41 「0535」 电话区号0535与机关所在地不符：山东省 › 威海市 › 文登区 › 宋村镇的区号是0631"]
        );
        let t = doc("电话：8898088");
        let d = check(&Phone, &t);
        assert_eq!(d[0].message, "电话号码“8898088”缺少区号");
        assert!(d[0].help.as_deref().unwrap().contains("0631-8898088"));
    }
}
