use std::sync::LazyLock;

use reportlint_core::prelude::*;
use reportlint_core::regex::Regex;
use reportlint_core::tables::{Cell, Found, RequestsTable, RowKey, Tables};
use reportlint_core::text::parse_uint;

use crate::text_consistency::{
    leading_number, negated, prose_matches, row_total, trailing_number, word_bit, words, Candidate,
    Candidates, Pattern, CARRIED, CARRY_OVER, RECEIVED,
};

declare_rule! {
    /// ## 检查什么（What it checks）
    /// 概述本年度依申请公开情况的句子应能算平，并在表格未体现的地方与表三一致：
    ///
    /// - 收到的加上年结转的，等于办结（办结、答复）的加结转下年度的：`收到申请78件，办结75件`，而两头都
    ///   没有结转，就报告（`收到78件＋上年结转0件 = 78，而办结75件＋结转下年度0件 = 75`）；句子没写的结转数，
    ///   在读到表三时从表三取（二、上年结转，四、结转下年度继续办理）；
    /// - 有一头不知道时，仍必须成立的关系：没有上年结转，`办结171件` 却多于 `受理117件`；`收到10件`，
    ///   而 `答复0件`，也没有结转下年度；
    /// - `办结N件` 等于表三（七）总计（句子只计本年新收申请时，等于（七）减二）；
    /// - 句子说明含上年结转的收到数（`收到申请81件（含上年结转3件）`）等于表三一加二，说明是新收的
    ///   （`本年新收申请78件`）等于一。
    ///
    /// 收到数可能含、也可能不含上年结转的，两种读法都试，都算不平时才报告。提示中列出算式。
    ///
    /// ## 为什么重要（Why it matters）
    /// 收到的每件申请，要么当年办结，要么结转下年度：表三印在表中的说明就是这样写的（第一项加第二项之和，
    /// 等于第三项加第四项之和）。概述的句子算不平，就告诉读者其中有个数字是错的。核对正文数字与表格、
    /// “均已办结”的说法与结转下年度的件数，是年报核查的常规项目。
    ///
    /// ## 错误示例（Example: bad）
    /// ```text
    /// 2022年共收到政府信息公开申请78件，办结75件，无结转。
    /// ```
    ///
    /// ## 正确示例（Example: good）
    /// ```text
    /// 2022年共收到政府信息公开申请78件，办结75件，3件结转下年度继续办理。
    /// ```
    ///
    /// ## 不检查什么（What it does not check）
    /// 无法确定读法的句子：一句中有两个不同的收到数或办结数；撤回、终止的申请单独计数（`撤回`、`终止`）；
    /// 按答复方式计数（`书面答复15件`）；数字分散在两句以上或分在几行（从 PDF 逐行折行的文本，在读取时
    /// 重新接上之前）；谈其他请求的句子（人大建议、信访、行政许可申请…）。既没有表三、正文也没写结转数时，
    /// 办结数大于收到数可能是因为含上年的申请，不报告。收到数单独与表三一核对、结转数与二和四核对，
    /// 由 `tables/text-consistency` 负责。
    pub struct ApplicationProse {
        id: "tables/application-prose",
        summary: "依申请公开的收到、办结、结转件数应相互吻合，并与表三一致",
        severity: Error,
        fix: None,
    }
}

/// `收到…申请N件` as [`RECEIVED`] reads it, with room for a longer description of the
/// applications between (`接收通过邮寄、网络提交的各类政府信息公开申请共计81件`).
static RECEIVED_WIDE: Pattern = Pattern {
    re: LazyLock::new(|| {
        Regex::new(r"(?:收到|受理|接收|新收|接到)[^，,。；;：:\d（(]{0,24}?申请\s*(?:共|总计|合计|共计)?\s*(\d+)\s*件").unwrap()
    }),
    figure: true,
    all: words(&["申请", "件"]),
    any: &[words(&["收到", "受理", "接收", "新收", "接到"])],
    relaxed: None,
};

/// `收到70件申请`: the figure before 申请 (`收到…申请N件` is [`RECEIVED`]).
static RECEIVED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:收到|受理|接收|新收|接到)[^，,。；;：:0-9０-９（(]{0,8}?(?P<n>[0-9０-９]+)\s*件[^，,。；;0-9０-９]{0,12}?申请").unwrap()
});

/// Applications closed: `办结69件`, `答复政府信息公开申请805件`, `75件已办结`.
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:办结|答复|办理完毕|办理完成|处理完毕|已办理)[^，,。；;：:0-9０-９（(率]{0,12}?(?:共|共计|合计)?\s*(?P<a>[0-9０-９]+)\s*件|(?P<b>[0-9０-９]+)\s*件[^，,。；;0-9０-９]{0,8}?(?:已|均已|已经|已全部)(?:办结|答复|办理完毕|作出答复)").unwrap()
});

/// Applications still open at the year's end, in words other than 结转下年度.
static IN_PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:正在办理|仍在办理|尚在办理|办理中|尚未办结|未办结)[^，,。；;0-9０-９]{0,6}?(?P<a>[0-9０-９]+)\s*件|(?P<b>[0-9０-９]+)\s*件[^，,。；;0-9０-９]{0,8}?(?:正在办理|仍在办理|尚在办理|办理中|尚未办结|未办结)").unwrap()
});

/// Words that begin another subject: the counts after them are not the applications'.
const OTHER_TOPIC: [&str; 15] = [
    "建议", "提案", "留言", "信访", "咨询", "投诉", "举报", "来电", "来信", "来访", "诉求", "热线",
    "复议", "诉讼", "许可",
];

/// Words before 答复 or 办结 that make its figure one kind of answer only.
const KIND_OF_ANSWER: [&str; 10] = [
    "公开", "提供", "处理", "告知", "书面", "当场", "网上", "电话", "邮寄", "电子",
];

/// Outcomes the sentence may count apart from 办结 (the arithmetic cannot be read).
const APART: [&str; 4] = ["撤回", "不再处理", "终止", "中止"];

/// A figure in the prose: its value and where its digits are.
#[derive(Debug, Clone, Copy)]
struct Figure {
    value: i64,
    span: Span,
    /// The words the figure was read from (`收到政府信息公开申请78件`).
    phrase: Span,
}

/// A carry-over, from the prose or from Table 三.
#[derive(Debug, Clone, Copy)]
struct Carry<'a> {
    value: i64,
    from_table: bool,
    cell: Option<&'a Cell>,
}

impl Carry<'_> {
    fn source(&self) -> &'static str {
        if self.from_table {
            "（表三）"
        } else {
            ""
        }
    }
}

impl Rule for ApplicationProse {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc();
        let text = doc.text();
        let tables = doc.analysis::<Tables>();
        let prose = doc.analysis::<Candidates>();
        let prose = prose.0.as_slice();
        let table = match &tables.requests {
            Some(Found::Table(t)) => Some(t),
            _ => None,
        };
        for (i, s) in prose.iter().enumerate() {
            if !s.figure || s.words(text) & word_bit("申请") == 0 {
                continue;
            }
            let figures = received(text, s);
            let Some(&r) = figures.first() else { continue };
            if figures.iter().any(|x| x.value != r.value) {
                continue;
            }
            // The statement: from the received figure to the end of the sentence, and the next
            // sentence of the paragraph when it gives no received figure of its own.
            let mut end = s.span.end;
            if let Some(next) = prose.get(i + 1) {
                let between = &text[s.span.end.min(next.span.start)..next.span.start];
                if !between.contains('\n')
                    && between.chars().count() <= 1
                    && received(text, next).is_empty()
                {
                    end = next.span.end;
                }
            }
            if let Some(cut) = OTHER_TOPIC
                .iter()
                .filter_map(|w| text[r.span.end..end].find(w))
                .min()
            {
                end = r.span.end + cut;
            }
            let statement = Span::new(s.span.start, end);
            let st = &text[statement.range()];
            let phrase = &text[r.phrase.range()];
            if APART.iter().any(|w| st.contains(w))
                || OTHER_TOPIC.iter().any(|w| phrase.contains(w))
                || !about_requests(doc, text, s.span, r.span)
            {
                continue;
            }
            let Some(facts) = Facts::read(text, statement, r) else {
                continue;
            };
            if let Some(d) = balance(&facts, table) {
                ctx.report(d);
                continue;
            }
            if let Some(t) = table {
                if let Some(d) = against_table(&facts, t) {
                    ctx.report(d);
                }
            }
        }
    }
}

/// The received figures of a sentence: `收到…申请N件`, `收到N件申请`.
fn received(text: &str, s: &Candidate) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    for whole in prose_matches(&RECEIVED, text, std::slice::from_ref(s))
        .into_iter()
        .chain(prose_matches(&RECEIVED_WIDE, text, std::slice::from_ref(s)))
    {
        if negated(text, whole.start) {
            continue;
        }
        let span = trailing_number(text, whole);
        if out.iter().any(|f| f.span == span) {
            continue;
        }
        if let Some(value) = count(&text[span.range()]) {
            out.push(Figure {
                value,
                span,
                phrase: whole,
            });
        }
    }
    let hay = &text[..s.span.end];
    for c in RECEIVED_BEFORE.captures_iter(&hay[s.span.start..]) {
        let (Some(m), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        if negated(text, s.span.start + m.start()) {
            continue;
        }
        let span = s.span.sub(n.start(), n.end());
        if let Some(value) = count(n.as_str()) {
            if !out.iter().any(|f| f.span == span) {
                out.push(Figure {
                    value,
                    span,
                    phrase: s.span.sub(m.start(), m.end()),
                });
            }
        }
    }
    out.sort_by_key(|f| f.span);
    out
}

/// Counts above this are no counts of applications (and would overflow the sums).
const MAX_COUNT: i64 = 1_000_000_000_000;

/// A figure of the prose as a count.
fn count(s: &str) -> Option<i64> {
    parse_uint(s)
        .and_then(|v| i64::try_from(v).ok())
        .filter(|v| *v <= MAX_COUNT)
}

/// A row's 总计 in Table 三, when it is a plausible count.
fn total(t: &RequestsTable, key: RowKey) -> Option<(i64, Option<&Cell>)> {
    row_total(t, key).filter(|(v, _)| (0..=MAX_COUNT).contains(v))
}

/// Whether the sentence speaks of applications for government information: it says 公开
/// before the figure, or stands in part 三, or under a sub-heading about applications.
fn about_requests(doc: &Document, text: &str, sentence: Span, figure: Span) -> bool {
    if text[sentence.start..figure.start].contains("公开") {
        return true;
    }
    let Some(section) = doc.section_at(figure.start) else {
        return false;
    };
    if section.kind == SectionKind::Requests {
        return true;
    }
    section
        .subheadings
        .iter()
        .rev()
        .find(|h| h.marker.start < figure.start)
        .is_some_and(|h| doc.slice(h.title).contains("申请"))
}

/// What a statement says.
#[derive(Debug)]
struct Facts {
    received: Figure,
    /// The received figure includes last year's applications (`（含上年结转3件）`, `其中上年结转`).
    inclusive: bool,
    /// The received figure is called new (`本年新收`).
    new: bool,
    done: Option<Figure>,
    carried: Option<Figure>,
    carry_over: Option<Figure>,
}

impl Facts {
    /// `None` when the statement gives two different figures for the same thing.
    fn read(text: &str, statement: Span, r: Figure) -> Option<Facts> {
        let st = &text[statement.range()];
        let hay = &text[..statement.end];
        let cand = Candidate::new(statement, true);
        let one = |v: Vec<Figure>| -> Option<Option<Figure>> {
            match v.first() {
                Some(f) if v.iter().any(|x| x.value != f.value) => None,
                first => Some(first.copied()),
            }
        };
        // Closed, after the received figure.
        let mut done = Vec::new();
        for c in DONE.captures_iter(&hay[r.span.end..]) {
            let Some(n) = c.name("a").or_else(|| c.name("b")) else {
                continue;
            };
            let m = c.get(0)?;
            let before = &text[..r.span.end + m.start()];
            if ["延期", "延长", "逾期", "按时", "及时率"]
                .iter()
                .any(|w| before.ends_with(w))
            {
                continue;
            }
            // `不予公开答复3件`, `书面答复15件`: a kind of answer, not all that were closed.
            let clause = before
                .rfind(['，', ',', '；', ';', '。', '：', ':'])
                .map_or(before, |i| &before[i..]);
            if KIND_OF_ANSWER.iter().any(|w| clause.contains(w)) {
                continue;
            }
            let span = Span::new(r.span.end + n.start(), r.span.end + n.end());
            done.push(Figure {
                value: count(n.as_str())?,
                span,
                phrase: span,
            });
        }
        let done = one(done)?;
        let mut carried = Vec::new();
        for whole in prose_matches(&CARRIED, text, std::slice::from_ref(&cand)) {
            let span = trailing_number(text, whole);
            carried.push(Figure {
                value: count(&text[span.range()])?,
                span,
                phrase: whole,
            });
        }
        for w in ["无上年结转", "上年无结转", "没有上年结转", "上年度无结转"]
        {
            if let Some(i) = st.find(w) {
                let span = statement.sub(i, i + w.len());
                carried.push(Figure {
                    value: 0,
                    span,
                    phrase: span,
                });
            }
        }
        let carried = one(carried)?;
        let mut over = Vec::new();
        for whole in prose_matches(&CARRY_OVER, text, std::slice::from_ref(&cand)) {
            let span = if text[whole.range()].ends_with('年') {
                leading_number(text, whole)
            } else {
                trailing_number(text, whole)
            };
            over.push(Figure {
                value: count(&text[span.range()])?,
                span,
                phrase: whole,
            });
        }
        for c in IN_PROGRESS.captures_iter(st) {
            let Some(n) = c.name("a").or_else(|| c.name("b")) else {
                continue;
            };
            let span = statement.sub(n.start(), n.end());
            if !over.iter().any(|f: &Figure| f.span == span) {
                over.push(Figure {
                    value: count(n.as_str())?,
                    span,
                    phrase: span,
                });
            }
        }
        // `无结转`, `没有结转下年度的申请`: nothing carried over to next year (`上年无结转` is
        // last year's, read above).
        for w in ["无结转", "没有结转", "未有结转"] {
            for (i, _) in st.match_indices(w) {
                let before = &st[..i];
                let after = &st[i + w.len()..];
                if before.ends_with("上年")
                    || before.ends_with("上年度")
                    || before.ends_with("上一年度")
                    || after.starts_with("上年")
                    || after.starts_with("的上年")
                {
                    continue;
                }
                let span = statement.sub(i, i + w.len());
                over.push(Figure {
                    value: 0,
                    span,
                    phrase: span,
                });
            }
        }
        let carry_over = one(over)?;
        // 含/其中 right after the received figure: the figure includes last year's.
        let inclusive = carried.is_some_and(|c| {
            c.span.start > r.span.end && done.is_none_or(|d| d.span.start > c.span.start) && {
                let between = text[r.span.end..c.span.start].trim_start_matches(['件', ' ']);
                [
                    "（含",
                    "(含",
                    "，含",
                    "，其中",
                    "（其中",
                    "(其中",
                    "，包括",
                    "（包括",
                    "含",
                    "其中",
                    "包括",
                ]
                .iter()
                .any(|w| between.starts_with(w))
            }
        });
        let lead = &text[statement.start..r.span.start];
        let new = lead.contains("新收") || lead.contains("本年新");
        Some(Facts {
            received: r,
            inclusive,
            new: new && !inclusive,
            done,
            carried,
            carry_over,
        })
    }
}

/// The carry-overs: the prose's, else Table 三's.
fn carries<'a>(
    f: &Facts,
    table: Option<&'a RequestsTable>,
) -> (Option<Carry<'a>>, Option<Carry<'a>>) {
    let from = |fig: Option<Figure>, key: RowKey| -> Option<Carry<'a>> {
        if let Some(x) = fig {
            return Some(Carry {
                value: x.value,
                from_table: false,
                cell: None,
            });
        }
        let (value, cell) = total(table?, key)?;
        Some(Carry {
            value,
            from_table: true,
            cell,
        })
    };
    (
        from(f.carried, RowKey::Carried),
        from(f.carry_over, RowKey::CarryOver),
    )
}

/// received + carried = closed + carried over, or what must hold when one side is unknown.
fn balance(f: &Facts, table: Option<&RequestsTable>) -> Option<Diagnostic> {
    let d = f.done?;
    let r = f.received.value;
    let (c, k) = carries(f, table);
    let help = "依申请公开的件数应满足：本年新收＋上年结转＝办结（表三“（七）总计”）＋结转下年度继续办理（表三的勾稽关系：第一项加第二项之和，等于第三项加第四项之和）";
    let msg = match (c, k) {
        (Some(c), Some(k)) => {
            let out = d.value + k.value;
            // A received figure not said to include last year's is read both ways (and a
            // closed figure may count this year's applications only: received = closed +
            // carried over then).
            let both = if f.inclusive {
                vec![r]
            } else {
                vec![r + c.value, r]
            };
            if both.contains(&out) {
                return None;
            }
            let recv = if f.inclusive {
                format!("收到{r}件（含上年结转{}件）", c.value)
            } else if c.value == 0 {
                format!(
                    "收到{r}件＋上年结转{}件{} = {}",
                    c.value,
                    c.source(),
                    r + c.value
                )
            } else {
                format!(
                    "收到{r}件＋上年结转{}件{} = {}（不计上年结转为{r}）",
                    c.value,
                    c.source(),
                    r + c.value
                )
            };
            format!(
                "依申请公开的件数对不上：{recv}，而办结{}件＋结转下年度{}件{} = {out}",
                d.value,
                k.value,
                k.source()
            )
        }
        (Some(c), None) => {
            let most = if f.inclusive { r } else { r + c.value };
            if d.value <= most {
                return None;
            }
            let recv = if f.inclusive {
                format!("收到{r}件（含上年结转）")
            } else {
                format!("收到{r}件＋上年结转{}件{} = {most}", c.value, c.source())
            };
            format!(
                "办结{}件多于{recv}：办结的件数不能超过收到与上年结转之和",
                d.value
            )
        }
        (None, Some(k)) => {
            let out = d.value + k.value;
            if out >= r && !(f.inclusive && out != r) {
                return None;
            }
            format!(
                "依申请公开的件数对不上：收到{r}件，而办结{}件＋结转下年度{}件{} = {out}，少于收到的件数：收到的申请应办结或结转下年度",
                d.value,
                k.value,
                k.source()
            )
        }
        (None, None) => {
            if !(f.inclusive && d.value > r) {
                return None;
            }
            format!("办结{}件多于收到（含上年结转）的{r}件", d.value)
        }
    };
    let mut diag = Diagnostic::error(d.span, msg)
        .with_span_label(format!("办结：{}", d.value))
        .with_label(f.received.span, format!("收到：{r}"))
        .with_help(help);
    for (carry, fig, what) in [(c, f.carried, "上年结转"), (k, f.carry_over, "结转下年度")]
    {
        if let Some(x) = fig.filter(|x| !x.span.is_empty()) {
            diag = diag.with_label(x.span, format!("{what}：{}", x.value));
        } else if let Some(cell) = carry.and_then(|c| c.cell).filter(|c| !c.span.is_empty()) {
            diag = diag.with_label(
                cell.span,
                format!("表三{what}：{}", carry.map_or(0, |c| c.value)),
            );
        }
    }
    Some(diag)
}

/// The statement against Table 三: 办结 against （七）总计; a received figure that includes (or
/// excludes) last year's against 一 + 二 (or 一), where `tables/text-consistency`, which accepts
/// either, lets it pass.
fn against_table(f: &Facts, t: &RequestsTable) -> Option<Diagnostic> {
    let new = total(t, RowKey::New);
    let carried = total(t, RowKey::Carried);
    if let Some(d) = f.done {
        if let Some((total, cell)) = total(t, RowKey::Total) {
            let only_new = carried.map(|(c, _)| total - c);
            if d.value != total && Some(d.value) != only_new {
                let mut diag = Diagnostic::error(
                    d.span,
                    format!("正文称办结{}件，表三“（七）总计”为{total}", d.value),
                )
                .with_span_label(format!("正文：{}", d.value))
                .with_help("正文中办结（答复）的件数应等于表三“三、本年度办理结果”的“（七）总计”");
                if let Some(c) = cell.filter(|c| !c.span.is_empty()) {
                    diag = diag.with_label(c.span, format!("表中：{total}"));
                }
                return Some(diag);
            }
        }
    }
    let ((n, n_cell), (c, _)) = (new?, carried?);
    let r = f.received.value;
    let (msg, label) = if f.inclusive && r == n && n + c != r {
        (
            format!(
                "正文称收到申请{r}件（含上年结转），表三一＋二 = {n}＋{c} = {}",
                n + c
            ),
            "表三 一",
        )
    } else if f.new && r == n + c && c != 0 {
        (
            format!("正文称本年新收申请{r}件，表三“一、本年新收”为{n}（{r}是一＋二 = {n}＋{c}）"),
            "表三 一",
        )
    } else {
        return None;
    };
    let mut diag = Diagnostic::error(f.received.span, msg)
        .with_span_label(format!("正文：{r}"))
        .with_help("含上年结转的收到件数应等于表三第一项加第二项，本年新收的件数应等于第一项");
    if let Some(cell) = n_cell.filter(|c| !c.span.is_empty()) {
        diag = diag.with_label(cell.span, format!("{label}：{n}"));
    }
    Some(diag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::testing::{check, flagged, summarize};

    /// A report whose Table 三 has `new` in 一, `carried` in 二, `total` in （七） and `over` in 四
    /// (予以公开 takes （七）).
    fn report(prose: &str, new: i64, carried: i64, total: i64, over: i64) -> String {
        let mut t = format!("某局2022年政府信息公开工作年度报告\n一、总体情况\n（二）依申请公开\n{prose}\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n");
        for (i, k) in reportlint_core::tables::LEAVES_2021.iter().enumerate() {
            let v = match i {
                0 => new,
                1 => carried,
                2 | 23 => total,
                24 => over,
                _ => 0,
            };
            t.push_str(&format!("{}\t{v}\t0\t0\t0\t0\t0\t{v}\n", k.label()));
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n正文。\n");
        t
    }

    /// The same prose in a report without Table 三.
    fn prose_only(prose: &str) -> String {
        format!("某局2022年政府信息公开工作年度报告\n一、总体情况\n（二）依申请公开\n{prose}\n二、主动公开政府信息情况\n正文。\n")
    }

    #[test]
    fn statements_that_add_up_pass() {
        let cases: [(&str, [i64; 4]); 9] = [
            ("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。", [70, 0, 69, 1]),
            ("……市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。", [859, 18, 805, 72]),
            ("2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。", [75, 0, 75, 0]),
            ("2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件。", [81, 0, 81, 0]),
            ("共收到政府信息公开申请81件（含上年结转3件），办结78件，结转下年度3件。", [78, 3, 78, 3]),
            ("共收到政府信息公开申请81件，办结78件。", [78, 3, 78, 3]),
            ("本年新收政府信息公开申请78件，上年结转3件已全部办结，本年新收的申请办结75件。", [78, 3, 78, 3]),
            ("全年受理信息公开申请12件。已全部办结12件，无结转。", [12, 0, 12, 0]),
            ("收到政府信息公开申请5件，办结5件；办理人大代表建议10件，办结8件。", [5, 0, 5, 0]),
        ];
        for (prose, [n, c, t, o]) in cases {
            let text = report(prose, n, c, t, o);
            let d = check(&ApplicationProse, &text);
            assert!(d.is_empty(), "{prose}: {:?}", summarize(&text, &d));
        }
    }

    #[test]
    fn statements_that_do_not_add_up() {
        // 78 + 0 ≠ 75 + 0
        let text = report("2022年共收到政府信息公开申请78件，办结75件。", 78, 0, 78, 0);
        let d = check(&ApplicationProse, &text);
        assert_eq!(
            summarize(&text, &d),
            ["error 4:23 「75」 依申请公开的件数对不上：收到78件＋上年结转0件（表三） = 78，而办结75件＋结转下年度0件（表三） = 75"]
        );
        // 171 > 117 + 0, Table 三 not read.
        let text = prose_only("本年度受理政府信息公开申请117件，上年无结转，办结171件。");
        let d = check(&ApplicationProse, &text);
        assert_eq!(
            summarize(&text, &d),
            ["error 4:27 「171」 办结171件多于收到117件＋上年结转0件 = 117：办结的件数不能超过收到与上年结转之和"]
        );
        // 收到10件, 答复0件, nothing carried over.
        let text = report(
            "全年共收到依申请公开申请10件，已答复0件，无结转下年度的申请。",
            10,
            0,
            10,
            0,
        );
        let d = check(&ApplicationProse, &text);
        assert_eq!(flagged(&text, &d), ["0"]);
        // A long description of the applications; the closed figure in the next sentence.
        let text = report("2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。办结依申请公开80件，其中：予以公开及部分公开42件。", 81, 0, 81, 0);
        let d = check(&ApplicationProse, &text);
        assert_eq!(flagged(&text, &d), ["80"]);
        // 无结转: nothing carried over to next year.
        let text = prose_only("2022年共收到政府信息公开申请78件，办结75件，无结转。");
        let d = check(&ApplicationProse, &text);
        assert_eq!(
            summarize(&text, &d),
            ["error 4:23 「75」 依申请公开的件数对不上：收到78件，而办结75件＋结转下年度0件 = 75，少于收到的件数：收到的申请应办结或结转下年度"]
        );
        // A closed figure in the next paragraph (CRLF) is not read; in the next sentence of the
        // paragraph it is (full-width digits).
        let text = prose_only("本年度新收政府信息公开申请２０件，上年结转2件。\r\n已办结15件，2件结转下年度继续办理。");
        assert!(check(&ApplicationProse, &text).is_empty());
        let text = prose_only(
            "本年度新收政府信息公开申请２０件，上年结转2件。已办结15件，2件结转下年度继续办理。",
        );
        let d = check(&ApplicationProse, &text);
        assert_eq!(
            summarize(&text, &d),
            ["error 4:28 「15」 依申请公开的件数对不上：收到20件＋上年结转2件 = 22（不计上年结转为20），而办结15件＋结转下年度2件 = 17"]
        );
    }

    #[test]
    fn statements_against_table_three() {
        // 办结 against （七）总计.
        let text = report(
            "共收到政府信息公开申请70件，办结69件，1件结转下年度。",
            70,
            0,
            68,
            1,
        );
        let d = check(&ApplicationProse, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "正文称办结69件，表三“（七）总计”为68");
        // Including last year's: must be 一 + 二.
        let text = report(
            "共收到政府信息公开申请78件（含上年结转3件），办结78件。",
            78,
            3,
            81,
            0,
        );
        let d = check(&ApplicationProse, &text);
        assert_eq!(
            d.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
            ["正文称收到申请78件（含上年结转），表三一＋二 = 78＋3 = 81"]
        );
        let text = report(
            "共收到政府信息公开申请78件（含上年结转3件），办结75件，结转下年度3件。",
            78,
            3,
            78,
            3,
        );
        let d = check(&ApplicationProse, &text);
        assert_eq!(
            d[0].message,
            "正文称收到申请78件（含上年结转），表三一＋二 = 78＋3 = 81"
        );
        // Called new: must be 一.
        let text = report(
            "本年新收政府信息公开申请81件，办结78件，结转下年度3件。",
            78,
            3,
            78,
            3,
        );
        let d = check(&ApplicationProse, &text);
        assert_eq!(d.len(), 1, "{:?}", summarize(&text, &d));
    }

    #[test]
    fn unclear_statements_are_left_alone() {
        for prose in [
            // Other requests.
            "全年共受理行政许可申请1200件，办结1180件。",
            "收到人大代表建议申请10件，办结8件。",
            "收到群众来信、来访和政府信息公开申请共50件，办结60件，上年无结转。",
            // Withdrawn applications counted apart.
            "收到政府信息公开申请78件，申请人撤回3件，办结75件。",
            // Two closed figures.
            "收到政府信息公开申请78件，办结75件，其中按时办结70件。",
            // Extended answers are no closed figure, nor one kind of answer.
            "收到政府信息公开申请78件，延期答复3件。",
            "收到政府信息公开申请20件，其中予以公开12件，作出不予公开答复3件。",
            "收到政府信息公开申请20件，书面答复15件。",
            // Figures too large to be counts.
            "收到政府信息公开申请9999999999999999999件，上年结转9000000000000000000件，办结9999999999999999999件，结转下年度9000000000000000000件。",
            // Nothing carried in the prose, no Table 三: 办结 above 收到 may be last year's.
            "收到政府信息公开申请78件，办结80件。",
        ] {
            let text = prose_only(prose);
            let d = check(&ApplicationProse, &text);
            assert!(d.is_empty(), "{prose}: {:?}", summarize(&text, &d));
        }
    }
}
