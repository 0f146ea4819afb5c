use super::*;
use reportlint_core::tables::LEAVES_2021;
use reportlint_core::testing::{check, flagged};

/// Table 三 values by row (2021 order), all relations holding, every cell one digit.
fn good() -> Vec<[i64; 7]> {
    let mut rows = vec![[0i64; 7]; 25];
    rows[0] = [2, 1, 0, 0, 0, 0, 3]; // 一
    rows[1] = [1, 0, 0, 0, 0, 0, 1]; // 二
    rows[2] = [1, 0, 0, 0, 0, 0, 1]; // （一）
    rows[3] = [1, 0, 0, 0, 0, 0, 1]; // （二）
    rows[12] = [0, 1, 0, 0, 0, 0, 1]; // （四）1
    rows[23] = [2, 1, 0, 0, 0, 0, 3]; // （七）
    rows[24] = [1, 0, 0, 0, 0, 0, 1]; // 四
    rows
}

#[derive(Clone, Copy, Debug)]
enum L {
    Tabs,
    CellPerLine,
    Pipes,
    RunTogether,
}

const LAYOUTS: [L; 4] = [L::Tabs, L::CellPerLine, L::Pipes, L::RunTogether];

fn label(i: usize) -> String {
    let k = LEAVES_2021[i];
    match k {
        RowKey::Withheld(1) => "（三）不予公开 1.属于国家秘密".to_owned(),
        RowKey::Unable(1) => "（四）无法提供 1.本机关不掌握相关政府信息".to_owned(),
        RowKey::Disclosed => "三、本年度办理结果 （一）予以公开".to_owned(),
        k => k.label().to_owned(),
    }
}

/// A report with Table 三 in layout `l` (plus `extra` rows after row index `after`).
fn report(rows: &[[i64; 7]], l: L, extra: Option<(usize, &str, [i64; 7])>) -> String {
    let mut t = String::from("一、总体情况\n2022年……\n三、收到和处理政府信息公开申请情况\n");
    let header = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    let cols = "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计";
    let mut all: Vec<(String, [i64; 7])> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        all.push((label(i), *r));
        if let Some((after, l, v)) = extra {
            if after == i {
                all.push((l.to_owned(), v));
            }
        }
    }
    let num = |v: &[i64; 7], sep: &str| {
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(sep)
    };
    match l {
        L::Tabs => {
            t.push_str(&format!(
                "{header}\t\t申请人情况\n\t\t{}\n",
                cols.replace(' ', "\t")
            ));
            for (lab, v) in &all {
                t.push_str(&format!("{lab}\t\t{}\t\n", num(v, "\t")));
            }
        }
        L::CellPerLine => {
            t.push_str(&format!("\t{header}\n\t申请人情况\n\n"));
            for c in cols.split(' ') {
                t.push_str(&format!("\t{c}\n"));
            }
            t.push('\n');
            for (lab, v) in &all {
                t.push_str(&format!("\t{lab}\n"));
                for x in v {
                    t.push_str(&format!("\t{x}\n"));
                }
                t.push('\n');
            }
        }
        L::Pipes => {
            t.push_str(&format!(
                "| {header} | {} |\n|---|---|---|---|---|---|---|---|\n",
                cols.replace(' ', " | ")
            ));
            for (lab, v) in &all {
                t.push_str(&format!("| {lab} | {} |\n", num(v, " | ")));
            }
        }
        L::RunTogether => {
            t.push_str(&format!("{header}申请人情况{}", cols.replace(' ', "")));
            for (lab, v) in &all {
                t.push_str(&format!("{lab}{}", num(v, "")));
            }
            t.push('\n');
        }
    }
    t.push_str("四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n");
    t
}

fn messages(text: &str) -> Vec<String> {
    check(&Sums, text).into_iter().map(|d| d.message).collect()
}

#[test]
fn a_consistent_table_passes_in_every_layout() {
    for l in LAYOUTS {
        let text = report(&good(), l, None);
        assert!(
            messages(&text).is_empty(),
            "{l:?}: {:?}\n{text}",
            messages(&text)
        );
        let doc = reportlint_core::Document::parse("t.txt", &text);
        let tables = doc.analysis::<reportlint_core::tables::Tables>();
        let t = tables
            .requests
            .as_ref()
            .and_then(|f| f.table())
            .expect("table");
        assert!(t.is_complete(), "{l:?}: {t:?}");
    }
}

#[test]
fn t3_1_fails_in_every_layout() {
    let mut rows = good();
    rows[24] = [0; 7]; // 四 = 0: 一+二 = 3 ≠ （七）+四 = 2
    for l in LAYOUTS {
        let text = report(&rows, l, None);
        let m = messages(&text);
        assert!(
            m.contains(
                &"表三“自然人”列：一+二 = 2+1 = 3，（七）总计+四 = 2+0 = 2，两者应相等".to_owned()
            ),
            "{l:?}: {m:?}"
        );
        assert_eq!(m.len(), 2, "{l:?}: {m:?}"); // 自然人 and 总计
    }
}

#[test]
fn t3_1_message_shows_the_arithmetic() {
    let mut rows = good();
    rows[0] = [21, 0, 0, 0, 0, 0, 21];
    rows[1] = [0; 7];
    rows[24] = [0; 7];
    rows[2] = [27, 0, 0, 0, 0, 0, 27];
    rows[3] = [0; 7];
    rows[12] = [0; 7];
    rows[23] = [27, 0, 0, 0, 0, 0, 27];
    let text = report(&rows, L::Tabs, None);
    let d = check(&Sums, &text);
    assert_eq!(
        d[0].message,
        "表三“自然人”列：一+二 = 21+0 = 21，（七）总计+四 = 27+0 = 27，两者应相等"
    );
    assert_eq!(flagged(&text, &d[..1]), ["27"]);
    assert!(d[0].help.as_deref().unwrap().contains(T3_NOTE));
    assert_eq!(d[0].labels.len(), 3);
}

#[test]
fn t3_2_fails_in_every_layout() {
    let mut rows = good();
    rows[1] = [1, 0, 0, 0, 0, 1, 1]; // 二: 1+1 ≠ 1
    for l in LAYOUTS {
        let text = report(&rows, l, None);
        let m = messages(&text);
        assert!(
            m.contains(&"表三“二、上年结转政府信息公开申请数量”行：自然人与法人或其他组织各列之和 = 1+0+0+0+0+1 = 2，“总计”为1".to_owned()),
            "{l:?}: {m:?}"
        );
    }
}

#[test]
fn t3_3_fails_in_every_layout() {
    let mut rows = good();
    rows[23] = [3, 1, 0, 0, 0, 0, 4];
    rows[24] = [0; 7];
    for l in LAYOUTS {
        let text = report(&rows, l, None);
        let m = messages(&text);
        assert_eq!(
            m,
            [
                "表三“自然人”列：（一）至（六）各分项之和 = 1+1 = 2，“（七）总计”为3",
                "表三“总计”列：（一）至（六）各分项之和 = 1+1+1 = 3，“（七）总计”为4"
            ],
            "{l:?}"
        );
    }
}

#[test]
fn t3_4_subtotal_rows_are_checked_and_tolerated() {
    for l in LAYOUTS {
        // an added subtotal row that holds: silent
        let text = report(
            &good(),
            l,
            Some((14, "（四）无法提供小计", [0, 1, 0, 0, 0, 0, 1])),
        );
        assert!(messages(&text).is_empty(), "{l:?}: {:?}", messages(&text));
        let text = report(
            &good(),
            l,
            Some((14, "（四）无法提供小计", [0, 2, 0, 0, 0, 0, 2])),
        );
        let m = messages(&text);
        assert!(
            m.contains(
                &"表三“商业企业”列：（四）无法提供1至3项之和 = 1 = 1，小计行“（四）无法提供”为2"
                    .to_owned()
            ),
            "{l:?}: {m:?}"
        );
    }
}

fn t4(values: &[i64; 15], l: L) -> String {
    let head = "四、政府信息公开行政复议、行政诉讼情况\n";
    let num = |sep: &str| {
        values
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let body = match l {
        L::Tabs => format!("行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n{}\n", num("\t")),
        L::CellPerLine => format!("\t行政复议\n\t行政诉讼\n\n\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n\n{}\n", values.iter().map(|v| format!("\t{v}\n")).collect::<String>()),
        L::Pipes => format!("行政复议: 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 || 行政诉讼\n{}\n", num(" | ")),
        L::RunTogether => format!("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉{}\n", num("")),
    };
    format!("一、总体情况\n……\n{head}{body}五、存在的主要问题及改进情况\n无。\n")
}

#[test]
fn t4_1_in_every_layout() {
    let good = [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    let mut bad = good;
    bad[9] = 2;
    for l in LAYOUTS {
        assert!(
            messages(&t4(&good, l)).is_empty(),
            "{l:?}: {:?}",
            messages(&t4(&good, l))
        );
        let text = t4(&bad, l);
        let d = check(&Sums, &text);
        assert_eq!(
            d.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
            ["表四“行政诉讼（未经复议直接起诉）”：结果维持+结果纠正+其他结果+尚未审结 = 1+0+0+0 = 1，“总计”为2"],
            "{l:?}"
        );
        assert_eq!(flagged(&text, &d), ["2"]);
    }
}

#[test]
fn blank_totals_are_not_summed() {
    // Shanghai 2019: the 总计 column is blank in the outcome rows; the columns still add up.
    let text = "一、总体情况\n……\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况: 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计\n一、本年新收政府信息公开申请数量 | 5 | 1 |  |  |  |  | 6\n二、上年结转政府信息公开申请数量 | 1 |  |  |  |  |  | 1\n三、本年度办理结果 （一）予以公开 | 4 | 1 |  |  |  |  | \n（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 |  |  |  |  |  | \n（六）其他处理 |  |  |  |  |  |  | \n（七）总计 | 5 | 1 |  |  |  |  | 6\n四、结转下年度继续办理 | 1 |  |  |  |  |  | 1\n四、政府信息公开行政复议、行政诉讼情况\n";
    assert!(messages(text).is_empty(), "{:?}", messages(text));
}

#[test]
fn fixtures_001_and_003_hold() {
    for text in [
        include_str!("../../../../tests/fixtures/001_78480d18d66647dc.txt"),
        include_str!("../../../../tests/fixtures/003_0fdc335fd3bbd9c3.txt"),
    ] {
        assert!(messages(text).is_empty());
        let doc = reportlint_core::Document::parse("t.txt", text);
        let t = doc.analysis::<reportlint_core::tables::Tables>();
        let pro = t.proactive.as_ref().and_then(|f| f.table()).unwrap();
        assert_eq!(pro.clauses(), [1, 5, 6, 8]);
        assert!(pro.is_complete());
        let req = t.requests.as_ref().and_then(|f| f.table()).unwrap();
        assert!(req.is_complete());
        assert_eq!((req.rows.len(), req.columns().len()), (25, 7));
        let app = t.appeals.as_ref().and_then(|f| f.table()).unwrap();
        assert_eq!(app.cells.as_ref().map(|c| c.len()), Some(15));
    }
}

/// A pre-2019 report whose statistics table (one column, tab-separated) holds `rows`.
fn old_report(rows: &str) -> String {
    format!("某县2014年政府信息公开工作年度报告\n一、概述\n正文。\n四、政府信息公开的收费及减免情况\n无。\n七、统计表\n指标名称\t计量单位\t本年度\n{rows}")
}

#[test]
fn old_table_sums_hold() {
    for rows in [
        "受理政府信息公开申请总数\t件\t12\n其中：1.当面申请数\t件\t2\n2.网上申请数\t件\t9\n3.信函申请数\t件\t1\n",
        "对申请的答复总数\t件\t11\n其中：1.同意公开答复数\t件\t9\n2.同意部分公开答复数\t件\t1\n3.不予公开答复数\t件\t1\n4.其他类型答复数\t件\t0\n",
        "收到申请数\t件\t3\n1、当面申请数\t件\t1\n2、传真申请数\t件\t0\n3、网络申请数\t件\t1\n4、信函申请数\t件\t1\n",
        // A `其中` of one channel among others is no sum.
        "主动公开政府信息数\t条\t300\n其中：1.政府网站公开数\t条\t280\n2.政府公报公开数\t条\t5\n",
    ] {
        let text = old_report(rows);
        assert!(messages(&text).is_empty(), "{rows}: {:?}", messages(&text));
        let crlf = text.replace('\n', "\r\n");
        assert!(messages(&crlf).is_empty(), "{rows}");
    }
    // Pingtan 2015 and 2016: run-together digits that split one way only, and they add up.
    for text in [
        include_str!(
            "../../../../tests/fixtures/real/changwu__pingtan-gov-zwgk-archive__2015_page.txt"
        ),
        include_str!(
            "../../../../tests/fixtures/real/changwu__pingtan-gov-zwgk-archive__2016_page.txt"
        ),
    ] {
        assert!(messages(text).is_empty(), "{:?}", messages(text));
    }
}

#[test]
fn old_table_sums_that_fail() {
    let text = old_report("受理政府信息公开申请总数\t件\t12\n其中：1.当面申请数\t件\t2\n2.网上申请数\t件\t8\n3.信函、传真申请数\t件\t1\n");
    assert_eq!(
        messages(&text),
        ["统计表“受理政府信息公开申请总数”应为各申请方式之和 2+8+1 = 11，表中为12"]
    );
    let text = old_report("对申请的答复总数\t件\t10\n其中：1.同意公开答复数\t件\t9\n2.同意部分公开答复数\t件\t1\n3.不予公开答复数\t件\t1\n");
    assert_eq!(
        messages(&text),
        ["统计表“对申请的答复总数”应为各类答复之和 9+1+1 = 11，表中为10"]
    );
    // Two columns, run together as crawler text leaves them.
    let text = "某区2016年度政府信息公开工作年度报告\n一、概述\n七、统计表 指标名称计量单位2016年度历年累计受理依申请公开信息总数条02其中：1、当面申请数条002、网上申请数条003、信函、传真申请数条01对申请的答复总数条01其中：1、同意公开答复数条012、同意部分公开答复数条003、不予公开答复数条004、其他类型答复数条00\n";
    assert_eq!(
        messages(text),
        ["统计表“受理依申请公开信息总数”第2列应为各申请方式之和 0+0+1 = 1，表中为2"]
    );
}
