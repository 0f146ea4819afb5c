//! A synthetic corpus of varied, realistic reports: agencies of several kinds, years, the table
//! layouts users produce (tab-separated, one cell per line, Markdown pipes), numbers that add up,
//! and now and then the defects reviewers find.

use std::fmt::Write as _;

/// A small deterministic generator (SplitMix64): the same seed gives the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// (city, county, telephone area code, postcode prefix) — real places.
const PLACES: &[(&str, &str, &str, &str)] = &[
    ("威海市", "文登区", "0631", "2644"),
    ("威海市", "荣成市", "0631", "2643"),
    ("烟台市", "招远市", "0535", "2654"),
    ("烟台市", "莱阳市", "0535", "2652"),
    ("济南市", "章丘区", "0531", "2502"),
    ("泰州市", "兴化市", "0523", "2257"),
    ("株洲市", "芦淞区", "0731", "4120"),
    ("宝鸡市", "岐山县", "0917", "7224"),
    ("南平市", "建阳区", "0599", "3542"),
    ("宣城市", "宁国市", "0563", "2423"),
    ("广元市", "利州区", "0839", "6280"),
    ("丽水市", "龙泉市", "0578", "3237"),
];

const TOWN_WORDS: &[&str] = &[
    "宋村",
    "侯家",
    "金岭",
    "大水泊",
    "张家产",
    "界石",
    "高村",
    "泽头",
    "小观",
    "葛家",
    "米山",
    "汪疃",
    "石岛",
    "港西",
    "夏村",
    "蔄山",
    "辛安",
    "阜山",
    "玲珑",
    "毕郭",
];

const DEPARTMENTS: &[&str] = &[
    "教育和体育局",
    "财政局",
    "自然资源局",
    "生态环境分局",
    "市场监督管理局",
    "统计局",
    "民政局",
    "交通运输局",
    "卫生健康局",
    "人民政府办公室",
];

const TOPICS: &[&str] = &[
    "机构职能",
    "工作动态",
    "政策文件",
    "政策解读",
    "公示公告",
    "人事信息",
    "重点领域信息公开",
    "政务公开组织推进",
    "财政预决算",
    "执行公开",
];

/// Table 三's row label as the template writes it (the core's labels, with 部分公开's note).
fn row3_label(key: reportlint_core::tables::RowKey) -> &'static str {
    match key {
        reportlint_core::tables::RowKey::Partial => {
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        }
        k => k.label(),
    }
}

#[derive(Clone, Copy)]
enum Layout {
    Tabs,
    CellPerLine,
    Pipes,
}

/// One generated report.
pub fn report(rng: &mut Rng, index: usize) -> String {
    let (city, county, area, post) = *rng.pick(PLACES);
    let town = rng.below(3) > 0;
    let agency = if town {
        format!("{city}{county}{}镇人民政府", rng.pick(TOWN_WORDS))
    } else {
        format!("{county}{}", rng.pick(DEPARTMENTS))
    };
    let year = 2021 + rng.below(4) as i32;
    let layout = *rng.pick(&[Layout::Tabs, Layout::CellPerLine, Layout::Pipes]);
    let mut s = String::with_capacity(12_000);

    // Title: one line or two.
    if rng.chance(50) {
        let _ = writeln!(s, "{agency}\n\n{year}年政府信息公开工作年度报告");
    } else {
        let _ = writeln!(s, "{agency}{year}年度政府信息公开工作年度报告");
    }
    let _ = writeln!(
        s,
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定要求，现公布{agency}{year}年度政府信息公开工作报告。"
    );
    let _ = writeln!(s, "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项共六部分组成。");
    if !rng.chance(5) {
        let period = match rng.below(3) {
            0 => format!("本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"),
            1 => format!("报告中所列数据统计期限从{year}年1月1日到12月31日止。"),
            _ => format!("本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。"),
        };
        s.push_str(&period);
        s.push('\n');
    }
    let dash = if rng.chance(10) { "—" } else { "-" };
    let _ = writeln!(
        s,
        "本报告的电子版可在{city}{county}人民政府门户网站（http://www.example.gov.cn）政府信息公开专栏查阅。如对本报告有疑问，请与{agency}办公室联系（地址：{city}{county}人民路{}号，邮编：{post}00，电话：{area}{dash}{}）。",
        1 + rng.below(200),
        5_000_000 + rng.below(4_000_000)
    );

    // 一、总体情况 with a total and its breakdown that add up.
    let _ = writeln!(s, "\n一、总体情况\n");
    let _ = writeln!(s, "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和上级有关要求，进一步深化政务公开，不断提高行政效率和政府公信力。");
    let subs = [
        "政府信息主动公开情况",
        "依申请公开情况",
        "政府信息管理情况",
        "平台建设情况",
        "监督保障情况",
    ];
    for (i, sub) in subs.iter().enumerate() {
        let mark = if i == 3 && rng.chance(8) {
            format!("（{}）", i + 1)
        } else {
            format!("（{}）", ["一", "二", "三", "四", "五"][i])
        };
        let _ = writeln!(s, "{mark}{sub}");
        if i == 0 {
            let parts: Vec<u64> = (0..4 + rng.below(4)).map(|_| 1 + rng.below(60)).collect();
            let web: u64 = parts.iter().sum();
            let wechat = 50 + rng.below(500);
            let _ = write!(
                s,
                "{year}年，我单位通过各类渠道公开政府信息{}条，其中通过微信公众号发布消息{wechat}条，通过政府网站发布动态政务信息{web}条，从内容分类看，",
                web + wechat
            );
            for (k, n) in parts.iter().enumerate() {
                let sep = if k + 1 == parts.len() { "。" } else { "，" };
                let _ = write!(s, "{}{n}条{sep}", TOPICS[k % TOPICS.len()]);
            }
            s.push('\n');
        } else {
            let _ = writeln!(s, "一是强化组织领导，明确分管领导和工作机构，配备{}名工作人员。二是深化制度建设，规范信息发布流程，坚持“先审查、后公开”。三是加强培训，全年开展业务培训{}次。", 1 + rng.below(3), 1 + rng.below(6));
        }
    }

    // 二、三、四: the tables.
    let heading2 = if rng.chance(5) {
        "2、 主动公开政府信息情况"
    } else {
        "二、主动公开政府信息情况"
    };
    let _ = writeln!(s, "\n{heading2}");
    table2(&mut s, rng, layout);
    let _ = writeln!(s, "\n三、收到和处理政府信息公开申请情况");
    let received = table3(&mut s, rng, layout);
    let _ = writeln!(s, "\n四、政府信息公开行政复议、行政诉讼情况");
    table4(&mut s, rng, layout);

    let _ = writeln!(s, "\n五、存在的主要问题及改进情况");
    let _ = writeln!(s, "{year}年，我单位政府信息公开工作取得了一定成效，但也存在一些不足：一是公开内容不够丰富；二是政策解读形式较为单一。{}年，我单位将进一步加强学习培训，丰富公开形式，提升公开质量。", year + 1);
    let _ = writeln!(s, "\n六、其他需要报告的事项\n（一）收取信息处理费情况\n本年度未收取信息处理费。\n（二）落实上级年度政务公开工作要点情况\n按照上级要求完成各项任务。");
    if received == 0 {
        let _ = writeln!(s, "（三）人大代表建议和政协提案办理结果公开情况\n{year}年度未收到人大代表建议和政协提案。");
    }
    let _ = writeln!(
        s,
        "\n{agency}\n{}年1月{}日",
        year + 1,
        5 + (index as u64 % 20)
    );
    s
}

fn row(s: &mut String, layout: Layout, cells: &[String]) {
    match layout {
        Layout::Tabs => {
            s.push_str(&cells.join("\t"));
            s.push('\n');
        }
        Layout::CellPerLine => {
            for c in cells {
                s.push('\t');
                s.push_str(c);
                s.push('\n');
            }
            s.push('\n');
        }
        Layout::Pipes => {
            s.push_str("| ");
            s.push_str(&cells.join(" | "));
            s.push_str(" |\n");
        }
    }
}

fn cells(items: &[&str]) -> Vec<String> {
    items.iter().map(|c| (*c).to_owned()).collect()
}

fn table2(s: &mut String, rng: &mut Rng, layout: Layout) {
    row(s, layout, &cells(&["第二十条第（一）项"]));
    row(
        s,
        layout,
        &cells(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
    );
    row(s, layout, &cells(&["规章", "0", "0", "0"]));
    let (made, gone) = (rng.below(5), rng.below(3));
    row(
        s,
        layout,
        &[
            "行政规范性文件".into(),
            made.to_string(),
            gone.to_string(),
            (made + 3 + rng.below(10)).to_string(),
        ],
    );
    for (clause, rows) in [
        ("（五）", &["行政许可"][..]),
        ("（六）", &["行政处罚", "行政强制"][..]),
    ] {
        row(s, layout, &[format!("第二十条第{clause}项")]);
        row(s, layout, &cells(&["信息内容", "本年处理决定数量"]));
        for r in rows {
            row(s, layout, &[(*r).to_owned(), rng.below(30).to_string()]);
        }
    }
    row(s, layout, &cells(&["第二十条第（八）项"]));
    row(
        s,
        layout,
        &cells(&["信息内容", "本年收费金额（单位：万元）"]),
    );
    row(s, layout, &cells(&["行政事业性收费", "0"]));
}

/// Table 三 with every relation holding (now and then one broken); returns 一's total.
fn table3(s: &mut String, rng: &mut Rng, layout: Layout) -> u64 {
    row(
        s,
        layout,
        &cells(&[
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "申请人情况",
        ]),
    );
    row(s, layout, &cells(&["", "自然人", "法人或其他组织", "总计"]));
    row(
        s,
        layout,
        &cells(&[
            "",
            "",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]),
    );
    // Outcomes per column: 21 leaf rows; new + carried = outcomes + carried over.
    let mut grid = vec![[0u64; 6]; 25];
    for col in 0..6 {
        let active = col == 0 || rng.chance(30);
        if !active {
            continue;
        }
        for row in &mut grid[2..23] {
            if rng.chance(25) {
                row[col] = rng.below(if col == 0 { 8 } else { 2 }) + 1;
            }
        }
        let total: u64 = grid[2..23].iter().map(|r| r[col]).sum();
        let carried_in = rng.below(2);
        let carried_out = rng.below(2);
        grid[23][col] = total;
        grid[24][col] = carried_out;
        grid[1][col] = carried_in;
        grid[0][col] = (total + carried_out).saturating_sub(carried_in);
        if total + carried_out < carried_in {
            grid[1][col] = 0;
            grid[0][col] = total + carried_out;
        }
    }
    if rng.chance(5) {
        grid[0][0] += 1; // a defect: T3-1 no longer holds
    }
    for (r, key) in reportlint_core::tables::LEAVES_2021.iter().enumerate() {
        let mut line = vec![row3_label(*key).to_owned()];
        let sum: u64 = grid[r].iter().sum();
        line.extend(grid[r].iter().map(|v| v.to_string()));
        line.push(sum.to_string());
        row(s, layout, &line);
    }
    grid[0].iter().sum()
}

fn table4(s: &mut String, rng: &mut Rng, layout: Layout) {
    row(s, layout, &cells(&["行政复议", "行政诉讼"]));
    row(
        s,
        layout,
        &cells(&[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "复议后起诉",
        ]),
    );
    let mut header = cells(&["", "", "", "", ""]);
    for _ in 0..2 {
        header.extend(cells(&[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ]));
    }
    row(s, layout, &header);
    let mut values = Vec::with_capacity(15);
    for _ in 0..3 {
        let parts: Vec<u64> = (0..4).map(|_| if rng.chance(15) { 1 } else { 0 }).collect();
        values.extend(parts.iter().map(u64::to_string));
        values.push(parts.iter().sum::<u64>().to_string());
    }
    row(s, layout, &values);
}
