//! Texts cut short: the rules that report absence leave what lies after the cut alone, and
//! `structure/text-cut-short` says once what could not be checked. Each cut text is checked
//! against the same text ending cleanly, where the absences are reported as usual.

use reportlint_tests::{run_with_stdin, TODAY};

/// (rule, line, message) of every finding of the whole linter on `text`.
fn lint(text: &str) -> Vec<(String, u64, String)> {
    let out = run_with_stdin(
        &[
            "check",
            "--isolated",
            "--format",
            "json",
            "--today",
            TODAY,
            "-",
        ],
        Some(text.as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn of_rule<'a>(found: &'a [(String, u64, String)], rule: &str) -> Vec<&'a str> {
    found
        .iter()
        .filter(|f| f.0 == rule)
        .map(|f| f.2.as_str())
        .collect()
}

/// No contact details, no website, no period: an opening that says little.
const TITLE: &str = "某县某镇人民政府2022年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》要求，现公布本镇2022年政府信息公开工作年度报告。\n";

const OVERVIEW: &str =
    "一、总体情况\n2022年，某镇认真贯彻落实《条例》，主动公开政府信息，积极回应社会关切。\n";

#[test]
fn stopped_mid_sentence_in_the_first_part() {
    let cut = format!(
        "{TITLE}{OVERVIEW}（一）主动公开情况\n全年主动公开政务信息382条，包括政府网站、妇联32条、全域无垃圾67条\n"
    );
    let found = lint(&cut);
    assert_eq!(
        of_rule(&found, "structure/required-sections"),
        Vec::<&str>::new()
    );
    assert_eq!(of_rule(&found, "structure/signature"), Vec::<&str>::new());
    assert_eq!(of_rule(&found, "contact/required"), Vec::<&str>::new());
    let info = of_rule(&found, "structure/text-cut-short");
    assert_eq!(info.len(), 1, "{found:?}");
    assert!(
        info[0].starts_with("文本在第6行中断（停在句子中间，没有句末标点）")
            && info[0].contains("第二、三、四、五、六部分")
            && info[0].contains("联系方式")
            && info[0].contains("落款"),
        "{}",
        info[0]
    );
    // The opening was read in full: its missing period is still reported.
    assert_eq!(
        of_rule(&found, "dates/statistics-period"),
        ["报告开头缺少统计期限的说明"]
    );

    // The same text ending on a full sentence: nothing says it is cut, so what is not there is
    // reported.
    let clean = cut.replace("全域无垃圾67条\n", "全域无垃圾67条。\n");
    let found = lint(&clean);
    assert!(of_rule(&found, "structure/text-cut-short").is_empty());
    assert_eq!(of_rule(&found, "structure/required-sections").len(), 5);
    assert_eq!(
        of_rule(&found, "structure/signature"),
        ["报告末尾缺少落款（机关全称和日期）"]
    );
    assert_eq!(of_rule(&found, "contact/required").len(), 2);
}

#[test]
fn stopped_mid_table_keeps_the_parts_before_it() {
    // 第二部分 is missing before 第三部分, where the text breaks off inside Table 三.
    let cut = format!(
        "{TITLE}{OVERVIEW}三、收到和处理政府信息公开申请情况\r\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |\r\n自然人 | 法人或\r\n"
    );
    let found = lint(&cut);
    assert_eq!(
        of_rule(&found, "structure/required-sections"),
        ["缺少第二部分“二、主动公开政府信息情况”"]
    );
    assert!(of_rule(&found, "structure/signature").is_empty());
    assert!(of_rule(&found, "tables/present").is_empty(), "{found:?}");
    assert!(of_rule(&found, "tables/layout").is_empty(), "{found:?}");
    let info = of_rule(&found, "structure/text-cut-short");
    assert_eq!(info.len(), 1, "{found:?}");
    assert!(
        info[0].starts_with("文本在第7行中断（停在统计表中间）")
            && info[0].contains("第四、五、六部分")
            && info[0].contains("表三中断处之后的各行"),
        "{}",
        info[0]
    );
}

#[test]
fn rows_after_the_cut_are_not_missing() {
    let table = "三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | | | | | | |\n| 自然人 | 法人或其他组织 | | | | | 总计 |\n| | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n三、本年度办理结果 |\n";
    let cut = format!("{TITLE}{OVERVIEW}{table}");
    let found = lint(&cut);
    assert!(of_rule(&found, "tables/layout").is_empty(), "{found:?}");
    assert_eq!(of_rule(&found, "structure/text-cut-short").len(), 1);
    // The same rows, then a full sentence: the text may end there, and the missing rows are
    // reported.
    let clean = format!("{cut}本年度未收到政府信息公开申请。\n");
    let found = lint(&clean);
    assert!(of_rule(&found, "structure/text-cut-short").is_empty());
    let layout = of_rule(&found, "tables/layout");
    assert!(
        layout.iter().any(|m| m.starts_with("表三缺少")),
        "{found:?}"
    );
}

#[test]
fn a_part_before_the_cut_is_checked_in_full() {
    // Table 二 is missing from 第二部分, and the text breaks off in 第三部分's prose: the
    // missing table lies before the cut and is reported; 第三部分's own table may follow.
    let cut = format!(
        "{TITLE}{OVERVIEW}二、主动公开政府信息情况\n本年度主动公开信息382条。\n三、收到和处理政府信息公开申请情况\n本年度共收到申请10件，其中自然人申请8件、"
    );
    let found = lint(&cut);
    assert_eq!(
        of_rule(&found, "tables/present"),
        ["本部分缺少主动公开政府信息情况统计表（表二）"]
    );
    let info = of_rule(&found, "structure/text-cut-short");
    assert!(
        info.len() == 1 && info[0].contains("第三部分的统计表（表三）"),
        "{found:?}"
    );
}

#[test]
fn stopped_right_after_a_part_heading() {
    let cut = format!("{TITLE}{OVERVIEW}二、主动公开政府信息情况\n\n");
    let found = lint(&cut);
    for rule in [
        "structure/required-sections",
        "structure/signature",
        "tables/present",
    ] {
        assert!(of_rule(&found, rule).is_empty(), "{rule}: {found:?}");
    }
    let info = of_rule(&found, "structure/text-cut-short");
    assert!(
        info.len() == 1
            && info[0].starts_with("文本在第5行中断（停在部分标题之后，没有正文）")
            && info[0].contains("第三、四、五、六部分；第二部分的统计表（表二）"),
        "{found:?}"
    );
}

#[test]
fn stopped_in_the_opening() {
    let cut = "某县某镇人民政府2022年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》要求，现公布本镇报告。本报告由总体情况、主动公开政府信息情况等六部分组成，报告中所列数据的统计\n";
    let found = lint(cut);
    for rule in [
        "structure/required-sections",
        "structure/signature",
        "contact/required",
        "dates/statistics-period",
    ] {
        assert!(of_rule(&found, rule).is_empty(), "{rule}: {found:?}");
    }
    let info = of_rule(&found, "structure/text-cut-short");
    assert!(
        info.len() == 1 && info[0].contains("六个部分") && info[0].contains("统计期限"),
        "{found:?}"
    );
}

#[test]
fn a_complete_report_is_not_cut() {
    let text = std::fs::read_to_string(
        reportlint_tests::tests_dir().join("fixtures/000_532e0a7d93c60b5e.txt"),
    )
    .unwrap();
    assert!(of_rule(&lint(&text), "structure/text-cut-short").is_empty());
    // Its closing block taken away, it ends on a full sentence: the missing closing block is
    // reported, not a cut.
    let end = text
        .find("威海市文登区宋村镇人民政府\n\n2023年1月16日")
        .unwrap();
    let found = lint(&text[..end]);
    assert!(of_rule(&found, "structure/text-cut-short").is_empty());
    assert_eq!(
        of_rule(&found, "structure/signature"),
        ["报告末尾缺少落款（机关全称和日期）"]
    );
}
