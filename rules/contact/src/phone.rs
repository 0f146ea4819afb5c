use reportlint_core::contact::{Contact, PhoneKind};
use reportlint_core::prelude::*;
use reportlint_core::region::area_code;

declare_rule! {
    /// ## What it checks
    /// The telephone and fax numbers of the contact details are well formed (report-format.md
    /// §7.4): an area code (`0` + 2–3 digits) and a 7–8-digit local number, a mobile number
    /// (`1[3-9]` + 9 digits), or a service number such as `12345`. The area code may be in
    /// brackets (`（0631）8898088`); several numbers may be given.
    ///
    /// - error: a malformed number (`0631-889808`, `631-8898088`);
    /// - warning: the area code belongs to another region than the agency's (checked only when
    ///   the agency's place and its area code are both known for certain — the table ships with
    ///   the regions data and names its sources), or a fixed-line number with no area code;
    /// - info, with a safe fix: a dash other than `-` between area code and number
    ///   (`0631—8898088`, `0631–…`, `0631－…`).
    ///
    /// ## Why it matters
    /// The number is how the public asks about the report; a digit too few, or a code copied from
    /// another city's report, leaves the public with no way to reach the agency.
    ///
    /// ## Example (bad)
    /// ```text
    /// 如对本报告有疑问，请与威海市文登区宋村镇人民政府办公室联系（电话：0535-889808）。
    /// ```
    ///
    /// ## Example (good)
    /// ```text
    /// 如对本报告有疑问，请与威海市文登区宋村镇人民政府办公室联系（电话：0631-8898088）。
    /// ```
    ///
    /// ## What it does not check
    /// The numbers are checked for their shape only: whether a number is in service, or is the
    /// agency's, cannot be known from the text. The area code is compared with the agency's place
    /// only when both are known for certain, so a wrong code goes unreported for an agency whose place
    /// is not in the regions data. Numbers outside the contact details (a hotline such as 12345 named
    /// in the body) are not checked.
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
