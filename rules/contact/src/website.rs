use reportlint_core::contact::Contact;
use reportlint_core::prelude::*;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 联系方式和开头中的网址格式正确：写了协议的，协议为 `http://` 或 `https://`；主机名是完整的域名，
    /// 用半角字符；主机名为 `www.…` 或政府网站域名（`….gov.cn`）。
    ///
    /// - warning：网址格式错误（`http//www.wendeng.gov.cn`、`www．wendeng．gov．cn`、`www.wendeng`），
    ///   属于书写错误的，给出建议的改法；
    /// - warning：主机名既不是 `www.…`，也不是政府网站域名。
    ///
    /// ## 为什么重要（Why it matters）
    /// 公众通过这个网址找到报告及其更新；网址无法输入或点击，或者指向政府网站以外，公众就找不到。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 本报告的电子版可在威海市文登区人民政府门户网站（http//www.wendeng.gov.cn）查阅。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 本报告的电子版可在威海市文登区人民政府门户网站（http://www.wendeng.gov.cn）查阅。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 只检查网址的格式：网站是否存在、能否访问、上面是否有这份报告，都不检查（reportlint 从不联网）；
    /// 政府网站域名是否属于本机关而不是别的地区，也不检查。电子邮箱不检查。
    pub struct Website {
        id: "contact/website",
        summary: "网址格式正确且为政府网站",
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for Website {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let c = doc.analysis::<Contact>();
        for w in &c.websites {
            let written = doc.slice(w.span);
            if let Some(problem) = &w.problem {
                let mut d =
                    Diagnostic::warning(w.span, format!("网址“{written}”格式有误：{problem}"))
                        .with_help("网址写作“http://www.××.gov.cn”，用半角字符");
                if let Some(fixed) = &w.corrected {
                    d = d.with_fix(Fix::suggestion(
                        format!("改为“{fixed}”"),
                        vec![Edit::replace(w.span, fixed.clone())],
                    ));
                }
                ctx.report(d);
            } else if w.non_gov {
                ctx.report(
                    Diagnostic::warning(
                        w.span,
                        format!("网址“{written}”不是政府网站域名（应为www.…或….gov.cn）"),
                    )
                    .with_help("核对网址：年度报告应在本机关或本级政府的门户网站公布"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{apply_fixes, check, summarize};

    fn doc(url: &str) -> String {
        format!("某局2022年政府信息公开工作年度报告\n本报告的电子版可在门户网站（{url}）查阅。\n一、总体情况\n")
    }

    #[test]
    fn good_addresses_pass() {
        for u in [
            "http://www.wendeng.gov.cn",
            "www.pingtan.gov.cn",
            "https://sthj.sh.gov.cn/",
            "http://www.rugao.gov.cn/",
        ] {
            let t = doc(u).replace('\n', "\r\n");
            assert!(check(&Website, &t).is_empty(), "{u}");
        }
    }

    #[test]
    fn malformed_and_non_government() {
        let t = doc("http//www.wendeng.gov.cn");
        let d = check(&Website, &t);
        assert_eq!(
            summarize(&t, &d),
            ["warning 2:15 「http//www.wendeng.gov.cn」 网址“http//www.wendeng.gov.cn”格式有误：协议部分应为“http://”或“https://”"]
        );
        assert!(apply_fixes(&t, &d).contains("（http://www.wendeng.gov.cn）"));
        let t = doc("www．wendeng．gov．cn");
        let d = check(&Website, &t);
        assert!(
            apply_fixes(&t, &d).contains("（www.wendeng.gov.cn）"),
            "{d:?}"
        );
        let t = doc("http://xxgk.example.com");
        assert_eq!(
            check(&Website, &t)[0].message,
            "网址“http://xxgk.example.com”不是政府网站域名（应为www.…或….gov.cn）"
        );
    }
}
