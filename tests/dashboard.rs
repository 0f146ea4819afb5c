//! The HTML page as a triage dashboard (`--format html`): its counts against the JSON output of
//! the same run, its filters and per-report views in headless Chromium (through the DOM the
//! page's script draws, opened by the address's fragment), screenshots for 3 and 1,000 reports in
//! `target/test-artifacts/`, and nothing from a report's name or text can add markup or script.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use reportlint_tests::{fixture, run, scratch, tests_dir, workspace_root, TODAY};
use serde_json::Value;

const FILES: [&str; 3] = [
    "000_532e0a7d93c60b5e.txt",
    "001_78480d18d66647dc.txt",
    "003_0fdc335fd3bbd9c3.txt",
];

/// `check --format FORMAT --today TODAY ARGS…`: its stdout.
fn check(format: &str, args: &[&str]) -> String {
    let mut all = vec!["check", "--format", format, "--today", TODAY];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.code <= 1, "{}", out.stderr);
    out.stdout
}

fn fixtures() -> Vec<String> {
    FILES.iter().map(|f| fixture(f)).collect()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The data the page embeds (`<script type="application/json" id="data">`).
fn page_data(page: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"data\">";
    let at = page.find(open).expect("the data element") + open.len();
    let end = at + page[at..].find("</script>").unwrap();
    serde_json::from_str(&page[at..end]).expect("the data is JSON")
}

/// The number in `<b id="ID">N</b>` (or after any other marker).
fn number_after(page: &str, marker: &str) -> usize {
    let at = page
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not on the page"))
        + marker.len();
    page[at..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// A report in the JSON output: path, result, its rules, its errors, warnings and infos.
type Report = (String, String, BTreeSet<String>, [usize; 3]);

/// What the JSON output says of the batch: (path, result, rules) per report, and the findings
/// by severity.
struct Expected {
    reports: Vec<Report>,
    severities: [usize; 3],
}

fn expected(json: &str) -> Expected {
    let v: Value = serde_json::from_str(json).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let sev = |s: &str| diags.iter().filter(|d| d["severity"] == s).count();
    let reports = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let path = r["path"].as_str().unwrap().to_owned();
            let rules = diags
                .iter()
                .filter(|d| d["path"] == path.as_str())
                .map(|d| d["rule"].as_str().unwrap().to_owned())
                .collect();
            let n = |k: &str| r[k].as_u64().unwrap() as usize;
            (
                path,
                r["result"].as_str().unwrap().to_owned(),
                rules,
                [n("errors"), n("warnings"), n("infos")],
            )
        })
        .collect();
    Expected {
        reports,
        severities: [sev("error"), sev("warning"), sev("info")],
    }
}

#[test]
fn counts_and_data_match_json() {
    let files = fixtures();
    let page = check("html", &strs(&files));
    let want = expected(&check("json", &strs(&files)));
    let result = |r: &str| want.reports.iter().filter(|x| x.1 == r).count();
    assert_eq!(number_after(&page, "id=\"count-reports\""), FILES.len());
    assert_eq!(number_after(&page, "id=\"count-pass\""), result("pass"));
    assert_eq!(number_after(&page, "id=\"count-fail\""), result("fail"));
    assert_eq!(
        number_after(&page, "id=\"count-unreadable\""),
        result("unreadable")
    );
    assert!(result("fail") > 0 && result("fail") < FILES.len() + 1);
    let [e, w, i] = want.severities;
    assert_eq!(number_after(&page, "id=\"count-error\""), e);
    assert_eq!(number_after(&page, "id=\"count-warning\""), w);
    assert_eq!(number_after(&page, "id=\"count-info\""), i);
    // The data holds every finding, report by report, in the JSON's order.
    let data = page_data(&page);
    let reports = data["reports"].as_array().unwrap();
    assert_eq!(reports.len(), want.reports.len());
    for (r, (path, result, rules, counts)) in reports.iter().zip(&want.reports) {
        assert_eq!(r["path"], path.as_str());
        assert_eq!(r["result"], result.as_str());
        let f = r["f"].as_array().unwrap();
        assert_eq!(f.len(), counts.iter().sum::<usize>(), "{path}");
        let seen: BTreeSet<String> = f
            .iter()
            .map(|x| x["r"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(&seen, rules);
    }
    // The ten most frequent problems in Chinese, the rule id beside.
    let top = &page[page.find("id=\"top-problems\"").unwrap()..];
    let top = &top[..top.find("</table>").unwrap()];
    assert!(top.matches("<tr data-rule=").count() <= 10);
    reportlint::link_builtin_rules();
    let first = data["rules"][0]["id"].as_str().unwrap();
    let meta = reportlint_core::registered_rules()
        .into_iter()
        .find(|r| r.meta().id == first)
        .unwrap()
        .meta();
    assert!(
        top.contains(&format!("{}</a> <code>{first}</code>", meta.summary)),
        "{top}"
    );
    assert!(page.contains("id=\"by-region\"") && page.contains("id=\"by-agency\""));
    // The self-check line is gone; nothing is fetched from the network.
    assert!(!page.contains("页面核对"));
    // (The reports' texts, in the JSON elements, name their web sites.)
    let mut shell = page.as_str().to_owned();
    while let Some(at) = shell.find("<script type=\"application/json\"") {
        let end = at + shell[at..].find("</script>").unwrap() + "</script>".len();
        shell.replace_range(at..end, "");
    }
    for bad in [
        "http:", "https:", "src=", "<link", "<img", "url(", "@import",
    ] {
        assert!(!shell.contains(bad), "{bad} on the page");
    }
}

/// A file name and a text that try to close the script element and run their own.
#[test]
fn report_names_and_text_cannot_inject() {
    let dir = scratch("dashboard-inject");
    let evil = "</script><img src=x onerror=document.body.setAttribute('data-pwned','1')>";
    // A file name cannot hold `/`: the `<` is a folder, the rest the file's name.
    let folder = dir.join("<");
    std::fs::create_dir_all(&folder).unwrap();
    let name = "script><img src=x onerror=document.body.setAttribute('data-pwned','1')>.txt";
    let good = std::fs::read_to_string(tests_dir().join(fixture(FILES[0]))).unwrap();
    let text = format!("{good}\n{evil}<!-- <script>alert(1)</script> &amp; \u{2028}\n");
    std::fs::write(folder.join(name), text).unwrap();
    let page = check("html", &[dir.to_str().unwrap()]);
    assert!(page.contains("onerror"), "the name is on the page");
    assert!(!page.contains("<img"), "a tag from the report");
    assert!(!page.contains("<!-- <script>"));
    // Every `</script>` closes an element the page opened.
    assert_eq!(
        page.matches("</script>").count(),
        page.matches("<script").count()
    );
    // The text is on the page compressed: none of it is there as it is.
    assert!(!page.contains("alert(1)"));
    let data = page_data(&page);
    assert!(data["reports"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/</{name}")));

    let Some(browser) = chromium() else { return };
    let html = dir.join("page.html");
    std::fs::write(&html, &page).unwrap();
    for fragment in ["", "#report=1&text=1", "#q=%3Cimg"] {
        let dom = browser.dump_dom(&html, fragment);
        assert!(!dom.contains("data-pwned=\""), "{fragment}: injected");
        assert!(
            !dom.contains("<img"),
            "{fragment}: an element from the report"
        );
    }
    let dom = browser.dump_dom(&html, "#report=1&text=1");
    assert!(dom.contains("data-text-ms=\""), "the text is inflated");
    assert!(
        dom.contains("&lt;/script&gt;&lt;img src=x onerror="),
        "the text shown as text"
    );
    assert!(dom.contains("<mark class=\"sev-"), "the text is drawn");
    let dom = browser.dump_dom(&html, "#q=%3Cimg");
    assert_eq!(number_after(&dom, "id=\"shown-count\">"), 1);
}

// ---------------------------------------------------------------------------------------------
// headless Chromium

struct Chromium {
    bin: &'static str,
    profile: PathBuf,
}

/// Headless Chromium, or `None` (a note; under CI a failure) when it is not installed.
fn chromium() -> Option<Chromium> {
    let Some(bin) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        reportlint_tests::missing_tool(
            "chromium is not installed; browser test skipped (.ci/run installs it)",
        );
        return None;
    };
    Some(Chromium {
        bin,
        profile: scratch("dashboard-chromium-profile"),
    })
}

impl Chromium {
    fn command(&self) -> Command {
        let mut c = Command::new(self.bin);
        c.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ]);
        // A profile of its own for every start: tests run in parallel, and Chromium refuses a
        // profile another instance still holds (its SingletonLock).
        static STARTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = STARTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        c.arg(format!(
            "--user-data-dir={}",
            self.profile.join(n.to_string()).display()
        ));
        c
    }

    /// The DOM once the page has loaded (the script runs while it loads), with its view opened
    /// by `fragment`. The page marks the end of its drawing with `data-ready="yes"`.
    ///
    /// A report's text is inflated after the page has loaded (asynchronously): for a view that
    /// opens one, Chromium runs on virtual time with a budget, and dumps the DOM only once the
    /// budget is spent, which virtual time reaches only when the page has no more work queued:
    /// the text is drawn by then. (Virtual time jumps ahead when idle: no real waiting.)
    fn dump_dom(&self, page: &Path, fragment: &str) -> String {
        let mut command = self.command();
        if fragment.contains("text=1") {
            command.arg("--virtual-time-budget=60000");
        }
        let out = command
            .arg("--dump-dom")
            .arg(format!("file://{}{fragment}", page.display()))
            .output()
            .unwrap();
        let dom = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            dom.contains("data-ready=\"yes\""),
            "{fragment}: the page's script did not finish:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dom
    }

    /// A screenshot of the page's first screen into the tests' artefacts.
    fn screenshot(&self, page: &Path, fragment: &str, name: &str) -> PathBuf {
        let to = artefacts().join(name);
        let _ = std::fs::remove_file(&to);
        let mut command = self.command();
        if fragment.contains("text=1") {
            // As in `dump_dom`: the text is drawn before the picture is taken.
            command.arg("--virtual-time-budget=60000");
        }
        let out = command
            .arg(format!("--screenshot={}", to.display()))
            .arg("--window-size=1280,1600")
            .arg(format!("file://{}{fragment}", page.display()))
            .output()
            .unwrap();
        let png = std::fs::read(&to).unwrap_or_else(|_| {
            panic!(
                "no screenshot {}:\n{}",
                to.display(),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{name}");
        to
    }

    /// The page opened by `fragment`, printed to PDF (A4 by the page's print style): its
    /// number of pages.
    fn printed_pages(&self, page: &Path, fragment: &str, name: &str) -> usize {
        let to = artefacts().join(name);
        let _ = std::fs::remove_file(&to);
        let out = self
            .command()
            .arg("--no-pdf-header-footer")
            .arg(format!("--print-to-pdf={}", to.display()))
            .arg(format!("file://{}{fragment}", page.display()))
            .output()
            .unwrap();
        let pdf = std::fs::read(&to).unwrap_or_else(|_| {
            panic!(
                "no PDF {}:\n{}",
                to.display(),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        // The page tree's root counts the pages (`/Count N`; the largest count in the file).
        let pdf = String::from_utf8_lossy(&pdf);
        pdf.match_indices("/Count ")
            .map(|(at, m)| number_after(&pdf[at..], m))
            .max()
            .expect("a page count in the PDF")
    }
}

/// `target/test-artifacts/` (not committed).
fn artefacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| {
            if t.is_absolute() {
                t
            } else {
                workspace_root().join(t)
            }
        })
        .unwrap_or_else(|| workspace_root().join("target"));
    let dir = target.join("test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The part of the DOM the page's script drew (what comes before its data and its own source).
fn drawn(dom: &str) -> &str {
    &dom[..dom
        .find("<script type=\"application/json\" id=\"data\">")
        .expect("the data element")]
}

/// The bytes of the page's text elements (`<script … id="text-N">…</script>`).
fn texts_size(page: &str) -> usize {
    page.match_indices("<script type=\"application/json\" id=\"text-")
        .map(|(at, _)| page[at..].find("</script>").unwrap() + "</script>".len())
        .sum()
}

/// The rows of the table as drawn: each row's `data-report` number.
fn rows(dom: &str) -> Vec<usize> {
    let body = &dom[dom.find("<table id=\"reports\">").unwrap()..];
    let body = &body[..body.find("</table>").unwrap()];
    body.match_indices("data-report=\"")
        .map(|(at, m)| number_after(&body[at..], m))
        .collect()
}

/// The three fixtures: counts, every filter against the JSON output, a report's 问题清单 and its
/// annotated text, the printed list on one A4 page, and a screenshot.
#[test]
fn three_reports_in_chromium() {
    let Some(browser) = chromium() else { return };
    let files = fixtures();
    let page = check("html", &strs(&files));
    let want = expected(&check("json", &strs(&files)));
    let dir = scratch("dashboard-three");
    let html = dir.join("三份报告.html");
    std::fs::write(&html, &page).unwrap();

    let dom = browser.dump_dom(&html, "");
    assert_eq!(number_after(&dom, "id=\"shown-count\">"), 3);
    assert_eq!(rows(&dom), [1, 2, 3]);
    assert!(!dom.contains("页面核对"));

    // Each filter, and two together, against what the JSON output says.
    let count = |keep: &dyn Fn(&Report) -> bool| want.reports.iter().filter(|r| keep(r)).count();
    let rule = want
        .reports
        .iter()
        .flat_map(|r| r.2.iter())
        .find(|rule| count(&|r| r.2.contains(*rule)) == 2)
        .expect("a rule in two of the three reports")
        .clone();
    let cases: Vec<(String, usize)> = vec![
        ("#result=fail".into(), count(&|r| r.1 == "fail")),
        ("#result=pass".into(), count(&|r| r.1 == "pass")),
        ("#severity=warning".into(), count(&|r| r.3[1] > 0)),
        ("#severity=info".into(), count(&|r| r.3[2] > 0)),
        (
            format!("#rule={}", rule.replace('/', "%2F")),
            count(&|r| r.2.contains(&rule)),
        ),
        (
            format!("#rule={}&result=fail", rule.replace('/', "%2F")),
            count(&|r| r.2.contains(&rule) && r.1 == "fail"),
        ),
        ("#q=003_".into(), 1),
        ("#year=1999".into(), 0),
    ];
    for (fragment, n) in &cases {
        let dom = browser.dump_dom(&html, fragment);
        assert_eq!(number_after(&dom, "id=\"shown-count\">"), *n, "{fragment}");
        assert_eq!(rows(&dom).len(), *n, "{fragment}");
    }
    // Sorted by errors, most first.
    let dom = browser.dump_dom(&html, "#sort=e&desc=1");
    let errors: Vec<usize> = rows(&dom)
        .iter()
        .map(|k| want.reports[k - 1].3[0])
        .collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");

    // A report: its 问题清单, one row a finding; its text with every finding marked.
    for (k, (path, _, _, counts)) in want.reports.iter().enumerate() {
        let n: usize = counts.iter().sum();
        let dom = browser.dump_dom(&html, &format!("#report={}", k + 1));
        let dom = drawn(&dom);
        assert!(dom.contains("data-view=\"report\""));
        let list = &dom[dom.find("<table class=\"checklist\">").unwrap()..];
        assert_eq!(list.matches("<tr data-severity=").count(), n, "{path}");
        assert!(
            !dom.contains("<div class=\"text\">"),
            "the text waits for a click"
        );
        let dom = browser.dump_dom(&html, &format!("#report={}&text=1", k + 1));
        let dom = drawn(&dom);
        if n == 0 {
            // Nothing to mark: the text is not on the page, and no link offers it.
            assert!(!dom.contains("id=\"toggle-text\""), "{path}");
            continue;
        }
        assert!(
            dom.contains("data-text-ms=\""),
            "{path}: the text is inflated"
        );
        assert!(!dom.contains("正在载入"), "{path}");
        assert_eq!(dom.matches("data-finding=\"\"").count(), n, "{path}");
        assert_eq!(dom.matches("<mark class=\"sev-").count(), n, "{path}");
    }
    // What a finding says is shown: the Chinese name with the rule id beside it, the place, the
    // quoted text and the fix.
    reportlint::link_builtin_rules();
    let summary = reportlint_core::registered_rules()
        .into_iter()
        .find(|r| r.meta().id == "tables/present")
        .unwrap()
        .meta()
        .summary;
    let dom = browser.dump_dom(&html, "#report=1");
    assert!(dom.contains(&format!("{summary} <code>tables/present</code>")));
    assert!(dom.contains("<td class=\"at\">第 36 行第 1 列</td>"));
    assert_eq!(
        number_after(&dom, "<b id=\"report-e\">"),
        want.reports[0].3[0]
    );

    // The 问题清单 of the report with the most findings prints on one A4 page.
    let (most, _) = want
        .reports
        .iter()
        .enumerate()
        .max_by_key(|(_, r)| r.3.iter().sum::<usize>())
        .unwrap();
    let pages = browser.printed_pages(&html, &format!("#report={}", most + 1), "问题清单.pdf");
    assert_eq!(pages, 1, "the printed list takes {pages} pages");

    browser.screenshot(&html, "", "dashboard-3-reports.png");
    browser.screenshot(&html, "#report=3&text=1", "dashboard-report.png");
}

/// 1,000 reports (the fixtures copied into folders by year): the table shows one page of 50,
/// the counts and a filter hold, and a screenshot.
#[test]
fn a_thousand_reports_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = scratch("dashboard-thousand");
    let texts: Vec<String> = FILES
        .iter()
        .map(|f| std::fs::read_to_string(tests_dir().join(fixture(f))).unwrap())
        .collect();
    for n in 0..1000 {
        let folder = dir.join(format!("批次{:02}", n / 50));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{n:04}.txt")), &texts[n % 3]).unwrap();
    }
    let d = dir.to_str().unwrap();
    let page = check("html", &[d]);
    let want = expected(&check("json", &[d]));
    assert_eq!(want.reports.len(), 1000);
    let html = dir.join("一千份报告.html");
    std::fs::write(&html, &page).unwrap();

    let dom = browser.dump_dom(&html, "");
    assert_eq!(number_after(&dom, "id=\"count-reports\""), 1000);
    assert_eq!(number_after(&dom, "id=\"shown-count\">"), 1000);
    assert_eq!(rows(&dom).len(), 50, "one page of the table");
    let fail = want.reports.iter().filter(|r| r.1 == "fail").count();
    let dom = browser.dump_dom(&html, "#result=fail&page=3");
    assert_eq!(number_after(&dom, "id=\"shown-count\">"), fail);
    assert_eq!(number_after(&dom, "id=\"page-no\">"), 3);
    let shown = rows(&dom);
    assert_eq!(shown.len(), 50.min(fail - 100));
    assert!(shown.iter().all(|k| want.reports[k - 1].1 == "fail"));
    let dom = browser.dump_dom(&html, "#q=%E6%89%B9%E6%AC%A107%2F");
    assert_eq!(number_after(&dom, "id=\"shown-count\">"), 50);
    browser.screenshot(&html, "", "dashboard-1000-reports.png");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The load time for 10,000 reports and over 100,000 findings (the fixtures copied, each with four
/// more paragraphs that give two to four findings), as recorded in docs/output.md. Not a timed test: it
/// prints the page's size and the times the page marks (`data-ready-ms`: the summary and the table
/// drawn; `data-loaded-ms`: the whole page, the compressed texts included, read; both from the
/// start of navigation; `data-text-ms`: a report's text inflated and drawn, from its opening),
/// three times. Run it with
/// `cargo test -p reportlint-tests --test dashboard -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement: 10,000 reports take minutes to lint in a debug build"]
fn load_time_of_ten_thousand_reports() {
    let Some(browser) = chromium() else { return };
    let dir = scratch("dashboard-ten-thousand");
    let extra = "我们坚持公开为常态,不公开为例外。\n\n咨询电话：0631—8898001。\n\n\
                 监督电话：0631—8898002。\n\n按照《条例》要求（详见附件。\n\n";
    let texts: Vec<String> = FILES
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(tests_dir().join(fixture(f))).unwrap();
            // After the opening paragraphs.
            let at = text.match_indices('\n').nth(7).map_or(0, |(at, _)| at + 1);
            format!("{}{extra}{}", &text[..at], &text[at..])
        })
        .collect();
    for n in 0..10_000 {
        let folder = dir.join(format!("批次{:03}", n / 100));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{n:05}.txt")), &texts[n % 3]).unwrap();
    }
    // Not in the folder linted.
    let html = scratch("dashboard-ten-thousand-page").join("一万份报告.html");
    let out = run(&[
        "check",
        "--format",
        "html",
        "--today",
        TODAY,
        "-o",
        html.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert!(out.code <= 1, "{}", out.stderr);
    let page = std::fs::read_to_string(&html).unwrap();
    let data = page_data(&page);
    let reports = data["reports"].as_array().unwrap();
    let findings: usize = reports
        .iter()
        .map(|r| r["f"].as_array().unwrap().len())
        .sum();
    assert_eq!(reports.len(), 10_000);
    assert!(findings >= 100_000, "{findings} findings");
    println!(
        "{} reports, {findings} findings, page {:.1} MB (data {:.1} MB)",
        reports.len(),
        page.len() as f64 / 1e6,
        serde_json::to_string(&data).unwrap().len() as f64 / 1e6
    );
    println!(
        "texts on the page: {} ({:.1} MB)",
        page.matches("<script type=\"application/json\" id=\"text-")
            .count(),
        texts_size(&page) as f64 / 1e6
    );
    // Three times: the machine is shared, the figures vary; docs/output.md gives the range.
    for round in 1..=3 {
        println!("round {round}");
        for fragment in ["", "#rule=style%2Fpunctuation&sort=e&desc=1&page=7"] {
            let dom = browser.dump_dom(&html, fragment);
            println!(
                "{fragment:?}: ready {} ms, loaded {} ms, shown {}",
                number_after(&dom, "data-ready-ms=\""),
                number_after(&dom, "data-loaded-ms=\""),
                number_after(&dom, "id=\"shown-count\">")
            );
        }
        // A report's text opened by the address: inflated and drawn (`data-text-ms`, from the
        // opening to the drawn text), once the page is read.
        let fragment = "#report=5000&text=1";
        let dom = browser.dump_dom(&html, fragment);
        println!(
            "{fragment:?}: text drawn in {} ms (ready {} ms, loaded {} ms)",
            number_after(&dom, "data-text-ms=\""),
            number_after(&dom, "data-ready-ms=\""),
            number_after(&dom, "data-loaded-ms=\""),
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(html.parent().unwrap());
}
