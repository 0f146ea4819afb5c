use reportlint_core::dates::{Dates, PublicationSource};
use reportlint_core::jiff::civil::Date;
use reportlint_core::prelude::*;
use reportlint_core::region::{AgencyKind, AgencyRegion};
use reportlint_core::serde;

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 报告的签发日期（落款日期）——网页没有落款的，用其 `发布日期`/`发布时间`——应在报告年度 Y 结束之后、
    /// 不晚于今天，并且不晚于该类机关的法定时限：
    ///
    /// - 政府部门或办公室（`XX局`、`XX人民政府办公室`）：Y+1 年1月31日；
    /// - 县级以上人民政府的本级年度报告（`XX县人民政府`，或只写地名）：Y+1 年3月31日；
    /// - 乡镇、街道（`XX镇人民政府`、`XX街道办事处`）：默认 Y+1 年1月31日（条例未作规定，由地方规定）；
    /// - 看不出类别的机关：3月31日，即较晚的时限；
    /// - 2018年度及以前的报告，不论何种机关：Y+1 年3月31日（2007年条例第三十一条；2019年修订后
    ///   部门的时限提前了两个月）。
    ///
    /// 所有问题都是 warning。“今天”取本次运行的 `--today`，未给出时取系统时钟在中国标准时间（UTC+8）
    /// 的日期。
    ///
    /// 选项（`reportlint.toml`），均为报告年度次年的月日 `"MM-DD"`：`department-deadline`
    /// （默认 `"01-31"`）、`town-deadline`（默认 `"01-31"`；各地规定不同，如 `"02-15"`）、
    /// `government-deadline`（默认 `"03-31"`）：
    ///
    /// ```toml
    /// [regions."威海市"]
    /// rules = { "dates/publication-date" = { town-deadline = "01-20" } }
    /// ```
    ///
    /// ## 为什么重要（Why it matters）
    /// 《中华人民共和国政府信息公开条例》第四十九条规定了时限：部门在1月31日前，本级人民政府的报告在
    /// 3月31日前。未按时发布，评估时要扣分（如宿迁市的评估规则：“未在3月31日前发布上年度报告扣1分”）。
    /// 日期在年度结束之前，说明数据不可能完整（烟台市人民政府2017年度报告于2017年3月20日发布，却称数据
    /// 统计至2017年12月31日）。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 岐山县教育体育局2022年政府信息公开工作年度报告
    /// ……
    /// 岐山县教育体育局
    /// 2023年3月15日
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 岐山县教育体育局2022年政府信息公开工作年度报告
    /// ……
    /// 岐山县教育体育局
    /// 2023年1月16日
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 评估看的是报告在网上发布的日期，而这个日期通常不在报告里：以落款日期（或网页的发布日期）代替。
    /// 机关类别从名称判断；乡镇、街道的时限各地不同，只有在 `reportlint.toml` 中设置了才知道。
    /// 是否已报送上级主管部门，无从得知。
    pub struct PublicationDate {
        id: "dates/publication-date",
        summary: "落款（发布）日期应在报告年度结束之后、法定期限之前",
        severity: Warning,
        fix: None,
        options: PublicationDateOptions,
    }
}

/// Options of `dates/publication-date`: the deadlines, as month and day of the year after the
/// report year.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(
    crate = "reportlint_core::serde",
    deny_unknown_fields,
    rename_all = "kebab-case"
)]
pub struct PublicationDateOptions {
    pub department_deadline: Option<MonthDay>,
    pub town_deadline: Option<MonthDay>,
    pub government_deadline: Option<MonthDay>,
}

/// A month and day written `"MM-DD"` (or `"M月D日"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub month: i8,
    pub day: i8,
}

impl MonthDay {
    const fn new(month: i8, day: i8) -> Self {
        MonthDay { month, day }
    }

    fn parse(s: &str) -> Option<MonthDay> {
        let t = s.trim().trim_end_matches('日');
        let (m, d) = t.split_once(['-', '月', '/'])?;
        let (month, day): (i8, i8) = (m.trim().parse().ok()?, d.trim().parse().ok()?);
        // Valid in every year (so 02-29 is refused).
        Date::new(2023, month, day).ok()?;
        Some(MonthDay { month, day })
    }

    fn in_year(self, year: i16) -> Option<Date> {
        Date::new(year, self.month, self.day).ok()
    }
}

impl<'de> serde::Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        MonthDay::parse(&s).ok_or_else(|| {
            <D::Error as serde::de::Error>::custom(format!(
                "“{s}”不是有效的月日，应写作 \"MM-DD\"，如 \"01-31\""
            ))
        })
    }
}

fn zh(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

impl Rule for PublicationDate {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let dates = doc.analysis::<Dates>();
        let Some(p) = dates.publication else { return };
        let what = match p.source {
            PublicationSource::Signature => "落款日期",
            PublicationSource::Page => "发布日期",
        };
        let Some(date) = p.date else {
            ctx.report(
                Diagnostic::warning(
                    p.span,
                    format!("{what}“{}”不是有效日期", p.written.display()),
                )
                .with_help("核对落款日期的月、日"),
            );
            return;
        };
        let Some(y) = dates.year() else { return };
        let Ok(y1) = i16::try_from(y + 1) else { return };
        let kind = doc.analysis::<AgencyRegion>().kind;
        let opts: PublicationDateOptions = ctx.options();
        // Before the 2019 revision (reports on 2018 and earlier), the 2007 条例 art. 31 gave
        // every agency until 3月31日; the options describe today's local rules.
        let old_rules = y <= 2018;
        let (deadline, who) = match kind {
            _ if old_rules => (MonthDay::new(3, 31), "各级行政机关"),
            AgencyKind::Department => (
                opts.department_deadline.unwrap_or(MonthDay::new(1, 31)),
                "政府部门",
            ),
            AgencyKind::Town => (
                opts.town_deadline.unwrap_or(MonthDay::new(1, 31)),
                "乡镇、街道",
            ),
            AgencyKind::Government => (
                opts.government_deadline.unwrap_or(MonthDay::new(3, 31)),
                "县级以上人民政府",
            ),
            // The later of the deadlines, so that an unknown kind raises no false alarm.
            AgencyKind::Unknown => (
                [
                    opts.department_deadline,
                    opts.town_deadline,
                    opts.government_deadline,
                ]
                .into_iter()
                .flatten()
                .chain([MonthDay::new(3, 31)])
                .max_by_key(|m| (m.month, m.day))
                .unwrap_or(MonthDay::new(3, 31)),
                "各级行政机关",
            ),
        };
        let Some(deadline) = deadline.in_year(y1) else {
            return;
        };
        let Ok(year_end) = Date::new(y1 - 1, 12, 31) else {
            return;
        };
        let today = ctx.settings().today();
        if date <= year_end {
            ctx.report(
                Diagnostic::warning(
                    p.span,
                    format!("{what}{}早于报告年度的结束（{}）", zh(date), zh(year_end)),
                )
                .with_help(format!(
                    "{y}年度的报告应在{}之后落款发布；核对日期或报告年度",
                    zh(year_end)
                )),
            );
        } else if date > today {
            ctx.report(
                Diagnostic::warning(
                    p.span,
                    format!("{what}{}晚于今天（{}）", zh(date), zh(today)),
                )
                .with_help("落款日期不应是将来的日期；核对年份"),
            );
        } else if date > deadline {
            let days = (date - deadline).get_days();
            let help = if old_rules {
                "2007年《条例》第三十一条：各级行政机关应当在每年3月31日前公布本行政机关的政府信息公开工作年度报告"
            } else if kind == AgencyKind::Town {
                "《条例》第四十九条：县级以上人民政府部门1月31日前公布；乡镇、街道按本地规定（默认1月31日）"
            } else {
                "《条例》第四十九条：县级以上人民政府部门1月31日前公布；县级以上地方人民政府3月31日前公布本级政府年度报告"
            };
            ctx.report(
                Diagnostic::warning(
                    p.span,
                    format!(
                        "{who}的{y}年度报告应在{}前公布，{what}为{}",
                        zh(deadline),
                        zh(date)
                    ),
                )
                .with_span_label(if days > 0 {
                    format!("超过期限{days}天")
                } else {
                    "超过期限".to_owned()
                })
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::jiff::civil::date;
    use reportlint_core::testing::{check_with, summarize};
    use reportlint_core::Settings;

    fn settings() -> Settings {
        let mut s = Settings::default();
        s.today = Some(date(2024, 6, 1));
        s
    }

    fn report(agency: &str, signed: &str) -> String {
        format!("{agency}2022年政府信息公开工作年度报告\n根据……\n一、总体情况\n略。\n六、其他需要报告的事项\n无。\n{agency}\n{signed}\n")
    }

    #[test]
    fn on_time_reports_pass() {
        for (agency, signed) in [
            ("威海市文登区宋村镇人民政府", "2023年1月16日"),
            ("岐山县教育体育局", "2023 年 1 月 31 日"),
            ("威海市人民政府", "2023年3月7日"),
            ("平潭综合实验区", "２０２３年３月３１日"),
        ] {
            let t = report(agency, signed);
            assert!(
                check_with(&PublicationDate, &t, &settings()).is_empty(),
                "{agency} {signed}"
            );
        }
        // CRLF
        let t = report("岐山县教育体育局", "2023年1月16日").replace('\n', "\r\n");
        assert!(check_with(&PublicationDate, &t, &settings()).is_empty());
    }

    #[test]
    fn late_department_report() {
        let t = report("岐山县教育体育局", "2023年3月15日");
        assert_eq!(
            summarize(&t, &check_with(&PublicationDate, &t, &settings())),
            ["warning 8:1 「2023年3月15日」 政府部门的2022年度报告应在2023年1月31日前公布，落款日期为2023年3月15日"]
        );
        // The same date is on time for a county government.
        let t = report("岐山县人民政府", "2023年3月15日");
        assert!(check_with(&PublicationDate, &t, &settings()).is_empty());
        // Towns default to 1月31日.
        let t = report("威海市文登区宋村镇人民政府", "2023年2月16日");
        assert_eq!(check_with(&PublicationDate, &t, &settings()).len(), 1);
    }

    #[test]
    fn before_2019_every_agency_had_until_march_31() {
        let old = |agency: &str, year: &str, signed: &str| {
            format!("{agency}{year}年政府信息公开工作年度报告\n根据……\n一、概述\n略。\n{agency}\n{signed}\n")
        };
        for (agency, year, signed) in [
            ("岐山县教育体育局", "2016", "2017年3月15日"),
            ("威海市文登区宋村镇人民政府", "2015", "2016年2月20日"),
            ("平潭综合实验区管委会办公室", "2018", "2019年3月31日"),
            ("某市民政局", "２０１２", "２０１３年３月２８日"),
            ("某区统计局", "2017", "2018 年 3 月 1 日"),
        ] {
            let t = old(agency, year, signed);
            assert!(
                check_with(&PublicationDate, &t, &settings()).is_empty(),
                "{agency} {signed}"
            );
            let t = t.replace('\n', "\r\n");
            assert!(check_with(&PublicationDate, &t, &settings()).is_empty());
        }
        let t = old("岐山县教育体育局", "2016", "2017年4月9日");
        let d = check_with(&PublicationDate, &t, &settings());
        assert_eq!(
            summarize(&t, &d),
            ["warning 6:1 「2017年4月9日」 各级行政机关的2016年度报告应在2017年3月31日前公布，落款日期为2017年4月9日"]
        );
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("2007年《条例》第三十一条"));
        // From the 2019 reports on, departments have until 1月31日.
        let t = old("岐山县教育体育局", "2019", "2020年3月15日");
        assert_eq!(check_with(&PublicationDate, &t, &settings()).len(), 1);
    }

    #[test]
    fn deadlines_are_options() {
        use reportlint_core::serde_json::json;
        use reportlint_core::testing::check_with_options;
        // A town whose local rule allows until 2月20日.
        let t = report("威海市文登区宋村镇人民政府", "2023年2月16日");
        let opts = json!({ "town-deadline": "02-20" });
        assert!(check_with_options(&PublicationDate, &t, &settings(), &opts).is_empty());
        let opts = json!({ "town-deadline": "02-10" });
        let d = check_with_options(&PublicationDate, &t, &settings(), &opts);
        assert!(d[0].message.contains("2023年2月10日前"), "{d:?}");
        // Bad values are refused when the configuration is loaded.
        let validate = PublicationDate::META.options.unwrap().validate;
        assert!(validate(&json!({ "town-deadline": "02-30" })).is_err());
        assert!(validate(&json!({ "town-deadlin": "02-01" })).is_err());
        assert!(validate(&json!({ "government-deadline": "3月31日" })).is_ok());
    }

    #[test]
    fn too_early_future_and_invalid() {
        let t = report("岐山县教育体育局", "2022年12月20日");
        let d = check_with(&PublicationDate, &t, &settings());
        assert!(d[0].message.contains("早于报告年度的结束"), "{d:?}");
        let mut s = settings();
        s.today = Some(date(2023, 1, 10));
        let t = report("岐山县教育体育局", "2023年1月16日");
        let d = check_with(&PublicationDate, &t, &s);
        assert!(d[0].message.contains("晚于今天（2023年1月10日）"), "{d:?}");
        let t = report("岐山县教育体育局", "2023年2月30日");
        let d = check_with(&PublicationDate, &t, &settings());
        assert!(d[0].message.contains("不是有效日期"), "{d:?}");
    }

    #[test]
    fn page_date_stands_in_for_a_signature() {
        let t = "盂县教育科技局2023年政府信息公开工作年度报告\n发布日期:2024-02-10\n\n根据条例，现公布本报告，供查阅。\n一、总体情况\n";
        let d = check_with(&PublicationDate, t, &settings());
        assert_eq!(
            summarize(t, &d),
            ["warning 2:6 「2024-02-10」 政府部门的2023年度报告应在2024年1月31日前公布，发布日期为2024年2月10日"]
        );
    }
}
