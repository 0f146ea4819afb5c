//! Which format a report was written in: the pre-2019 content list of the 2007 条例, the 2019
//! trial format (国办公开办函〔2019〕60号) or the 2021 format (国办公开办函〔2021〕30号).
//!
//! The model decides this once, from the words only one format uses (report-format.md §1.4,
//! §2.4): rules written for the 2021 format stand down for an older one instead of reporting
//! every part and table as missing.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::Span;

/// The format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormatEra {
    /// The content list of the 2007 条例 (国务院令第492号): 概述 / 主动公开政府信息情况 /
    /// 依申请公开 / 收费及减免 / 复议诉讼 / 问题和改进 / 统计表 of 指标名称·计量单位 rows.
    /// Reports on 2018 and earlier.
    Pre2019,
    /// The 2019 trial format (国办公开办函〔2019〕60号): the six parts, with Table 二's
    /// 本年新制作数量 / 本年新公开数量 / 对外公开总数量 columns. Reports on 2019 and 2020.
    Trial2019,
    /// The 2021 format (国办公开办函〔2021〕30号). Reports on 2021 and later; also what a report
    /// is taken to follow when nothing says otherwise.
    Y2021,
}

impl FormatEra {
    /// The format a report on `year` must follow.
    pub fn for_year(year: i32) -> FormatEra {
        match year {
            ..=2018 => FormatEra::Pre2019,
            2019 | 2020 => FormatEra::Trial2019,
            _ => FormatEra::Y2021,
        }
    }

    /// The format's name in a message.
    pub fn name(self) -> &'static str {
        match self {
            FormatEra::Pre2019 => "2019年以前的年度报告格式（《政府信息公开条例》2007年版）",
            FormatEra::Trial2019 => "2019年试行格式（国办公开办函〔2019〕60号）",
            FormatEra::Y2021 => "2021年格式（国办公开办函〔2021〕30号）",
        }
    }
}

/// What the model read about the format: the era and the text that shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatEvidence {
    pub era: FormatEra,
    /// The first word only that format uses (`指标名称`, `本年新制作数量`, …); `None` when the era
    /// was inferred from the report's year alone, or for the 2021 format with no table seen.
    pub sign: Option<Span>,
}

/// Words that only one format uses, with the format. The trial format's words are Table 二's
/// column headers and its （九） sub-table; the 2021 format's are its own Table 二 headers; the
/// pre-2019 words are the old statistics table's header and the old fourth part.
const SIGNS: [(&str, FormatEra); 17] = [
    ("本年新制作数量", FormatEra::Trial2019),
    ("本年新公开数量", FormatEra::Trial2019),
    ("对外公开总数量", FormatEra::Trial2019),
    ("上一年项目数量", FormatEra::Trial2019),
    ("第二十条第（九）项", FormatEra::Trial2019),
    ("第二十条第(九)项", FormatEra::Trial2019),
    ("采购项目数量", FormatEra::Trial2019),
    ("本年制发件数", FormatEra::Y2021),
    ("本年废止件数", FormatEra::Y2021),
    ("现行有效件数", FormatEra::Y2021),
    ("本年处理决定数量", FormatEra::Y2021),
    ("指标名称", FormatEra::Pre2019),
    ("计量单位", FormatEra::Pre2019),
    ("历年累计", FormatEra::Pre2019),
    ("收费及减免", FormatEra::Pre2019),
    ("收费和减免", FormatEra::Pre2019),
    ("受理依申请公开信息总数", FormatEra::Pre2019),
];

static SIGN_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(SIGNS.map(|(w, _)| w))
        .expect("signs are plain words")
});

/// Decides the format of `text` (one pass over it). `old_heading` is where a pre-2019 heading
/// (`一、概述`) was chosen as a section; `year` is the title's report year.
pub(crate) fn detect(text: &str, old_heading: Option<Span>, year: Option<i32>) -> FormatEvidence {
    let mut first: [Option<Span>; 3] = [None; 3];
    let mut pre_words = 0u32;
    for m in SIGN_AC.find_iter(text) {
        let (_, era) = SIGNS[m.pattern().as_usize()];
        let slot = &mut first[era as usize];
        if slot.is_none() {
            *slot = Some(Span::new(m.start(), m.end()));
        }
        match era {
            FormatEra::Pre2019 => pre_words |= 1 << m.pattern().as_u32(),
            // Table 二's columns decide: the rest of the text need not be read.
            FormatEra::Trial2019 | FormatEra::Y2021 => break,
        }
    }
    let [pre, trial, y2021] = first;
    // Table 二's columns settle it, the first one found (the old content list has no Table 二).
    if trial.is_some() {
        return FormatEvidence {
            era: FormatEra::Trial2019,
            sign: trial,
        };
    }
    if y2021.is_some() {
        return FormatEvidence {
            era: FormatEra::Y2021,
            sign: y2021,
        };
    }
    // One old word alone (`计量单位` in prose) is not enough: two of them, or one with an old
    // heading or an old year.
    let old_year = year.is_some_and(|y| (2000..=2018).contains(&y));
    if pre.is_some() && (pre_words.count_ones() >= 2 || old_heading.is_some() || old_year) {
        return FormatEvidence {
            era: FormatEra::Pre2019,
            sign: pre,
        };
    }
    if old_year {
        return FormatEvidence {
            era: FormatEra::Pre2019,
            sign: pre.or(old_heading),
        };
    }
    FormatEvidence {
        era: FormatEra::Y2021,
        sign: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn era(text: &str, year: Option<i32>) -> FormatEra {
        detect(text, None, year).era
    }

    #[test]
    fn old_statistics_table_is_pre_2019() {
        let t =
            "七、政府信息公开情况统计表 指标名称计量单位2016年度历年累计主动公开文件数条346085376";
        let e = detect(t, None, Some(2016));
        assert_eq!(e.era, FormatEra::Pre2019);
        assert_eq!(&t[e.sign.unwrap().range()], "指标名称");
        assert_eq!(
            era(
                "四、政府信息公开的收费及减免情况\n本年度未收取费用。\n指标名称\t计量单位\t数量",
                None
            ),
            FormatEra::Pre2019
        );
        // A report on 2016 is in the old format even when no old word is seen.
        assert_eq!(era("一、概况\n……", Some(2016)), FormatEra::Pre2019);
    }

    #[test]
    fn trial_format_tables() {
        for t in [
            "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
            "信息内容 上一年项目数量 本年增/减 处理决定数量",
            "第二十条第(九)项\n政府集中采购\t采购项目数量\t采购总金额",
            "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        ] {
            assert_eq!(era(t, Some(2022)), FormatEra::Trial2019, "{t}");
        }
    }

    #[test]
    fn current_format_and_unknown() {
        let t = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0";
        assert_eq!(era(t, Some(2022)), FormatEra::Y2021);
        assert_eq!(era("一、总体情况\n正文。", Some(2023)), FormatEra::Y2021);
        assert_eq!(era("一、总体情况\n正文。", None), FormatEra::Y2021);
        // One old word in prose of a new report is not an old format.
        assert_eq!(
            era("按计量单位统计，本年度共公开信息。", Some(2022)),
            FormatEra::Y2021
        );
        // 2021 tables win over a stray old word before them.
        assert_eq!(
            era("收费及减免情况\n本年制发件数", Some(2016)),
            FormatEra::Y2021
        );
    }

    #[test]
    fn expected_format_by_year() {
        assert_eq!(FormatEra::for_year(2015), FormatEra::Pre2019);
        assert_eq!(FormatEra::for_year(2018), FormatEra::Pre2019);
        assert_eq!(FormatEra::for_year(2019), FormatEra::Trial2019);
        assert_eq!(FormatEra::for_year(2020), FormatEra::Trial2019);
        assert_eq!(FormatEra::for_year(2021), FormatEra::Y2021);
    }
}
