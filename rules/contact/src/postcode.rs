use reportlint_core::contact::Contact;
use reportlint_core::prelude::*;
use reportlint_core::region::{postcode_fits_province, postcode_prefixes};
use reportlint_core::text::ascii_digit;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 联系方式中的邮政编码（`邮编：264400`、`邮政编码：…`）为六位数字，且前两位与机关所在省份相符
    /// （山东为25至27；仅在机关所在地确定时检查）。
    ///
    /// - error：不是六位数字（`邮编：26440`）；
    /// - warning：前两位属于别的省份；
    /// - info：给了联系方式，但没有邮编（近年很多报告不写邮编）。
    ///
    /// ## 为什么重要（Why it matters）
    /// 邮编少一位，或照抄了别的地方的邮编，信件就会寄错。邮编为六位数字、前两位代表省份，是邮政编码的
    /// 基本规则。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 请与宋村镇人民政府办公室联系（地址：威海市文登区宋村镇昌阳路10号，邮编：26440，电话：0631-8898088）。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 请与宋村镇人民政府办公室联系（地址：威海市文登区宋村镇昌阳路10号，邮编：264400，电话：0631-8898088）。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 只检查位数和省份（前两位，在机关所在地确定时）：邮编是否属于地址所在的街道或区县，无法判断。
    /// 联系方式中没有邮编只给 info，因为很多报告不写。
    pub struct Postcode {
        id: "contact/postcode",
        summary: "邮政编码为6位数字，且与机关所在省份相符",
        severity: Error,
        fix: None,
    }
}

impl Rule for Postcode {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let c = doc.analysis::<Contact>();
        if c.postcodes.is_empty() {
            if let Some(a) = c.addresses.first() {
                ctx.report(
                    Diagnostic::info(a.value, "联系方式写了地址，但没有邮政编码")
                        .with_help("可在地址后写明“邮编：××××××”"),
                );
            }
            return;
        }
        let region = ctx.region();
        for f in &c.postcodes {
            let written = doc.slice(f.value);
            // The digits at the start of the value (`264400`, `２６４４００`).
            let mut digits = String::new();
            let mut end = 0;
            for (i, ch) in written.char_indices() {
                match ascii_digit(ch) {
                    Some(d) => {
                        digits.push(char::from_digit(d, 10).unwrap_or('0'));
                        end = i + ch.len_utf8();
                    }
                    None => break,
                }
            }
            let rest = written[end..].trim();
            if digits.len() != 6 || !(rest.is_empty() || rest.starts_with(['）', ')'])) {
                ctx.report(
                    Diagnostic::error(f.value, format!("邮政编码“{written}”应为6位数字"))
                        .with_help("核对邮政编码，如“264400”"),
                );
                continue;
            }
            let Some(path) = region.as_ref() else {
                continue;
            };
            if postcode_fits_province(&digits, path) == Some(false) {
                let prefixes = postcode_prefixes(path.province.code).join("、");
                let span = Span::new(f.value.start, f.value.start + end);
                ctx.report(
                    Diagnostic::warning(
                        span,
                        format!(
                            "邮政编码{digits}与机关所在省份不符：{}的邮政编码以{prefixes}开头",
                            path.province.name
                        ),
                    )
                    .with_span_label(format!("机关所在地：{path}"))
                    .with_help("核对邮政编码，疑为沿用其他地方的报告"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, summarize};

    fn doc(fields: &str) -> String {
        format!("威海市文登区宋村镇人民政府2022年政府信息公开工作年度报告\n请与宋村镇人民政府办公室联系（{fields}）。\n一、总体情况\n")
    }

    #[test]
    fn good_postcodes_pass() {
        for f in [
            "地址：宋村镇昌阳路10号，邮编：264400，电话：0631-8898088",
            "地址：宋村镇昌阳路10号；邮政编码：２６４４００；电话：0631-8898088",
            "邮编:264400",
        ] {
            let t = doc(f);
            assert!(check(&Postcode, &t).is_empty(), "{f}");
        }
        // Another province's code is not checked when the place is unknown.
        let t = "金岭镇人民政府2022年政府信息公开工作年度报告\r\n请联系（地址：金岭镇，邮编：100000）。\r\n一、总体情况\r\n";
        assert!(check(&Postcode, t).is_empty());
    }

    #[test]
    fn malformed_foreign_and_missing() {
        let t = doc("地址：宋村镇昌阳路10号，邮编：26440，电话：0631-8898088");
        assert_eq!(
            summarize(&t, &check(&Postcode, &t)),
            ["error 2:32 「26440」 邮政编码“26440”应为6位数字"]
        );
        let t = doc("地址：宋村镇昌阳路10号，邮编：350400");
        assert_eq!(
            summarize(&t, &check(&Postcode, &t)),
            ["warning 2:32 「350400」 邮政编码350400与机关所在省份不符：山东省的邮政编码以25、26、27开头"]
        );
        let t = doc("地址：宋村镇昌阳路10号，电话：0631-8898088");
        assert_eq!(
            summarize(&t, &check(&Postcode, &t)),
            ["info 2:19 「宋村镇昌阳路10号」 联系方式写了地址，但没有邮政编码"]
        );
    }
}
