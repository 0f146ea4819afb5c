//! Summaries of made-up reports for the rules' tests.

use reportlint_core::compare::ReportSummary;
use reportlint_core::Document;

/// A 2021-format report of `agency` on `year`, with Table 二's 规范性文件 row `normative`
/// (制发, 废止, 现行), Table 三's rows 一, 二 and 四 in the 自然人 and 总计 columns, and part
/// 五's text.
pub fn report(
    agency: &str,
    year: i32,
    normative: [i64; 3],
    t3: [[i64; 2]; 3],
    five: &str,
) -> String {
    let row = |label: &str, v: [i64; 2]| format!("{label}\t{}\t0\t0\t0\t0\t0\t{}\n", v[0], v[1]);
    let [new, carried, carry_over] = t3;
    let done = [
        new[0] + carried[0] - carry_over[0],
        new[1] + carried[1] - carry_over[1],
    ];
    format!(
        "{agency}{year}年政府信息公开工作年度报告\n\
一、总体情况\n{year}年，本机关认真贯彻落实政府信息公开条例，扎实推进政务公开工作，公开质量进一步提高。全年通过门户网站发布各类信息{n}条，办理依申请公开{new}件。\n\
二、主动公开政府信息情况\n\
第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t{}\t{}\t{}\n\
第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t1\n\
第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t0\n行政强制\t0\n\
第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n\
三、收到和处理政府信息公开申请情况\n\
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\
申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n\
{}{}三、本年度办理结果\n{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}\
四、政府信息公开行政复议、行政诉讼情况\n\
行政复议\t0\t0\t0\t0\t0\t行政诉讼\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n\
五、存在的主要问题及改进情况\n{five}\n\
六、其他需要报告的事项\n本年度未收取信息处理费。\n\
{agency}\n{next}年1月16日\n",
        normative[0],
        normative[1],
        normative[2],
        row("一、本年新收政府信息公开申请数量", new),
        row("二、上年结转政府信息公开申请数量", carried),
        row("（一）予以公开", done),
        row("（二）部分公开", [0, 0]),
        row("（三）不予公开\t1.属于国家秘密", [0, 0]),
        row("2.其他法律行政法规禁止公开", [0, 0]),
        row("3.危及“三安全一稳定”", [0, 0]),
        row("4.保护第三方合法权益", [0, 0]),
        row("5.属于三类内部事务信息", [0, 0]),
        row("6.属于四类过程性信息", [0, 0]),
        row("7.属于行政执法案卷", [0, 0]),
        row("8.属于行政查询事项", [0, 0]),
        row("（四）无法提供\t1.本机关不掌握相关政府信息", [0, 0]),
        row("2.没有现成信息需要另行制作", [0, 0]),
        row("3.补正后申请内容仍不明确", [0, 0]),
        row("（五）不予处理\t1.信访举报投诉类申请", [0, 0]),
        row("2.重复申请", [0, 0]),
        row("3.要求提供公开出版物", [0, 0]),
        row("4.无正当理由大量反复申请", [0, 0]),
        row("5.要求行政机关确认或重新出具已获取信息", [0, 0]),
        row("（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [0, 0]),
        row("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0, 0]),
        row("3.其他", [0, 0]),
        row("（七）总计", done),
        row("四、结转下年度继续办理", carry_over),
        next = year + 1,
        n = 100 + year,
        new = new[1],
    )
}

pub fn summary(path: &str, text: &str) -> ReportSummary {
    ReportSummary::of(&Document::parse(path, text))
}
