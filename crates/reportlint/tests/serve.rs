//! `reportlint serve` end to end: the real binary serves on a free loopback port; plain HTTP
//! requests (std's TcpStream) check the page, the limits, the loopback rule and bad requests;
//! headless Chromium, driven over the DevTools protocol, uploads a .docx and a .pdf through the
//! page and the findings it shows are those of `check --format json` for the same files.
//!
//! No sleeps: every wait is a blocking read or a poll with a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_reportlint");
const TODAY: &str = "2026-11-22";

/// As `missing_tool` in tests/lib.rs: under CI a missing tool fails the test.
fn missing_tool(what: &str) {
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0") {
        panic!("CI: {what}");
    }
    eprintln!("note: {what}");
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("reportlint-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A running server, stopped when dropped.
struct Served {
    child: Child,
    port: u16,
    /// What it printed before serving.
    banner: Vec<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary with `args` in `dir` and reads what it prints up to its last line before
/// serving (`按 Ctrl+C 停止` or the double-click line naming `--help`).
fn start(args: &[&str], dir: &Path) -> Served {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("REPORTLINT_NO_BROWSER", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    let mut banner = Vec::new();
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).unwrap() == 0 {
            let mut err = String::new();
            let _ = child.stderr.take().unwrap().read_to_string(&mut err);
            panic!("the server stopped: {banner:?}\n{err}");
        }
        let line = line.trim_end().to_owned();
        let last = line.contains("Ctrl+C");
        banner.push(line);
        if last {
            break;
        }
    }
    let url = banner
        .iter()
        .find_map(|l| l.strip_prefix("reportlint 网页版已启动："))
        .unwrap_or_else(|| panic!("no address in {banner:?}"));
    let port = url
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .unwrap_or_else(|_| panic!("{url}"));
    Served {
        child,
        port,
        banner,
    }
}

struct Answer {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or("").to_owned()
    }
}

/// Sends `head` (request line and headers, without the blank line) and `body`; reads the answer
/// by its Content-Length or its chunks.
fn http(port: u16, head: &str, body: &[u8]) -> Answer {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let request = format!("{head}\r\nConnection: close\r\n\r\n");
    s.write_all(request.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut r = BufReader::new(s);
    let mut status_line = String::new();
    r.read_line(&mut status_line).unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("status line {status_line:?}"));
    let mut headers = String::new();
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        headers.push_str(&line);
    }
    let chunked = headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let mut body = Vec::new();
    if chunked {
        // tiny_http sends large answers in chunks.
        loop {
            let mut size = String::new();
            r.read_line(&mut size).unwrap();
            let size = usize::from_str_radix(size.trim(), 16)
                .unwrap_or_else(|_| panic!("chunk size {size:?}"));
            let mut chunk = vec![0; size + 2];
            r.read_exact(&mut chunk).unwrap();
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        let length: usize = headers
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or_else(|| panic!("no Content-Length in {headers}"));
        body.resize(length, 0);
        r.read_exact(&mut body).unwrap();
    }
    Answer {
        status,
        headers,
        body,
    }
}

fn get(port: u16, path: &str) -> Answer {
    http(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}"),
        b"",
    )
}

fn post(port: u16, body: &[u8]) -> Answer {
    http(
        port,
        &format!(
            "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Reportlint: 1\r\nContent-Length: {}",
            body.len()
        ),
        body,
    )
}

/// One record of the upload body, as the page makes it.
fn record(kind: u8, name: &str, data: &[u8]) -> Vec<u8> {
    let mut v = vec![kind];
    v.extend_from_slice(&(name.len() as u32).to_le_bytes());
    v.extend_from_slice(name.as_bytes());
    v.extend_from_slice(&(data.len() as u32).to_le_bytes());
    v.extend_from_slice(data);
    v
}

/// `reportlint check --format json --today TODAY ARGS…` by the binary.
fn check_json(args: &[&str], dir: &Path) -> Value {
    let out = Command::new(BIN)
        .args(["check", "--format", "json", "--today", TODAY])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// (rule, severity) of every finding, sorted: what the page can show of each.
fn rule_severities(v: &Value) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    all.sort();
    all
}

const REPORT: &str = "某某镇人民政府2024年政府信息公开工作年度报告\n\
一、总体情况\n本年度共主动公开政府信息12条，，联系电话：1234。\n";

#[test]
fn page_limits_and_bad_requests_over_plain_http() {
    let dir = scratch("http");
    let s = start(
        &[
            "serve",
            "--max-upload",
            "1",
            "--max-files",
            "2",
            "--today",
            TODAY,
        ],
        &dir,
    );
    assert!(
        s.banner.iter().any(|l| l.contains("没有 reportlint.toml")),
        "{:?}",
        s.banner
    );
    let port = s.port;

    let page = get(port, "/");
    assert_eq!(page.status, 200);
    let html = String::from_utf8(page.body.clone()).unwrap();
    assert!(html.contains("政府信息公开工作年度报告检查") && html.contains("id=\"file-input\""));
    // Nothing on the page comes from elsewhere, and the browser is told so.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(page
        .headers
        .contains("Content-Security-Policy: default-src 'self'"));

    let info = get(port, "/api/info").json();
    assert_eq!(info["max_files"], 2);
    assert_eq!(info["max_upload_bytes"], 1024 * 1024);

    let missing = get(port, "/nothing-here");
    assert_eq!(missing.status, 404);
    assert!(missing.error().contains("没有这个页面"));
    assert_eq!(get(port, "/api/check").status, 405);

    // Another site's page, through a DNS name pointed at 127.0.0.1, gets nothing.
    let rebound = http(port, "GET / HTTP/1.1\r\nHost: evil.example:80", b"");
    assert_eq!(rebound.status, 403);
    assert!(rebound.error().contains("不是本机地址"));

    let body = record(b'F', "甲.txt", REPORT.as_bytes());
    // Without the page's header (a form posted by another site): refused.
    let forged = http(
        port,
        &format!(
            "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}",
            body.len()
        ),
        &body,
    );
    assert_eq!(forged.status, 403);

    // Over the upload limit: refused from the Content-Length, before the body is read.
    let big = http(
        port,
        &format!(
            "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Reportlint: 1\r\nContent-Length: {}",
            3 * 1024 * 1024
        ),
        b"",
    );
    assert_eq!(big.status, 413);
    assert!(
        big.error().contains("超过了一次上传 1 MiB 的上限"),
        "{}",
        big.error()
    );

    let mut three = Vec::new();
    for n in ["a.txt", "b.txt", "c.txt"] {
        three.extend(record(b'F', n, REPORT.as_bytes()));
    }
    let too_many = post(port, &three);
    assert_eq!(too_many.status, 413);
    assert!(too_many.error().contains("一次最多检查 2 个文件"));

    let cut = post(port, &body[..body.len() - 3]);
    assert_eq!(cut.status, 400);
    assert!(cut.error().contains("不完整"), "{}", cut.error());

    let mut region = body.clone();
    region.extend(record(b'R', "甲.txt", "火星市".as_bytes()));
    let bad_region = post(port, &region);
    assert_eq!(bad_region.status, 400);
    assert!(bad_region.error().contains("找不到行政区划“火星市”"));

    let mut config = body.clone();
    config.extend(record(b'C', "reportlint.toml", b"[rules\n"));
    let bad_config = post(port, &config);
    assert_eq!(bad_config.status, 400);
    assert!(
        bad_config.error().contains("配置文件有误"),
        "{}",
        bad_config.error()
    );

    // A good upload: the counts of `check` for the same file, the page and the workbook.
    let ok = post(port, &body);
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    let got = ok.json();
    std::fs::write(dir.join("甲.txt"), REPORT).unwrap();
    let want = check_json(&["--isolated", "甲.txt"], &dir);
    for key in ["files", "errors", "warnings", "infos", "failed"] {
        assert_eq!(got[key], want["totals"][key], "{key}");
    }
    assert!(
        want["totals"]["errors"].as_u64().unwrap() + want["totals"]["warnings"].as_u64().unwrap()
            > 0
    );
    let page = got["html"].as_str().unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("甲.txt"));
    // A zip (xlsx) in base64: `PK\x03\x04` is `UEsDB`.
    assert!(got["xlsx"].as_str().unwrap().starts_with("UEsDB"));
    assert_eq!(got["reports"][0]["name"], "甲.txt");
    // 某某镇 is no place: the page is told, and the region chosen for the report applies as
    // `--region` does.
    assert_eq!(got["reports"][0]["region"], Value::Null);
    assert_eq!(got["reports"][0]["region_chosen"], false);
    let mut chosen = body.clone();
    chosen.extend(record(b'R', "甲.txt", "威海市文登区".as_bytes()));
    let got = post(port, &chosen).json();
    assert!(got["reports"][0]["region"]
        .as_str()
        .is_some_and(|r| r.contains("文登区")));
    assert_eq!(got["reports"][0]["region_chosen"], true);
    let want = check_json(&["--isolated", "--region", "威海市文登区", "甲.txt"], &dir);
    for key in ["errors", "warnings", "infos"] {
        assert_eq!(got[key], want["totals"][key], "{key}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file over `--max-file-size` gets the finding `check` gives it, the others are checked; a
/// batch while `--max-batches` are being read or checked gets 503, and the next one is served.
#[test]
fn file_size_limit_as_check_and_batches_at_once() {
    let dir = scratch("busy");
    let s = start(
        &[
            "serve",
            "--max-file-size",
            "1",
            "--max-batches",
            "1",
            "--today",
            TODAY,
        ],
        &dir,
    );
    let port = s.port;
    let big = REPORT.repeat(1024 * 1024 / REPORT.len() + 1);
    std::fs::write(dir.join("大.txt"), &big).unwrap();
    std::fs::write(dir.join("甲.txt"), REPORT).unwrap();
    let want = check_json(
        &["--isolated", "--max-file-size", "1", "大.txt", "甲.txt"],
        &dir,
    );
    let mut body = record(b'F', "大.txt", big.as_bytes());
    body.extend(record(b'F', "甲.txt", REPORT.as_bytes()));
    let got = post(port, &body).json();
    assert_eq!(got["failed"], 1);
    for key in ["files", "errors", "warnings", "infos", "failed"] {
        assert_eq!(got[key], want["totals"][key], "{key}");
    }
    assert_eq!(got["reports"][0]["failed"], true);

    // A batch whose body is still coming holds the one slot (a body this large is handed over
    // before it is read; tiny_http reads small ones itself).
    let one = record(b'F', "甲.txt", REPORT.repeat(500).as_bytes());
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        slow,
        "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Reportlint: 1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        one.len()
    )
    .unwrap();
    slow.write_all(&one[..10]).unwrap();
    slow.flush().unwrap();
    // Until the server has taken that request, another batch may still get the slot.
    let deadline = Instant::now() + Duration::from_secs(60);
    let busy = loop {
        assert!(Instant::now() < deadline, "no 503 while a batch was held");
        let a = post(port, &one);
        if a.status == 503 {
            break a;
        }
        assert_eq!(a.status, 200);
    };
    assert!(busy.error().contains("服务器正忙"));
    slow.write_all(&one[10..]).unwrap();
    let mut answer = Vec::new();
    slow.read_to_end(&mut answer).unwrap();
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer[..answer.len().min(300)])
    );
    assert_eq!(post(port, &one).status, 200);
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The folder served holds a reportlint.toml: it applies, as `check --config` applies it.
#[test]
fn the_served_folders_configuration_applies() {
    let dir = scratch("config");
    std::fs::write(dir.join("甲.txt"), REPORT).unwrap();
    let all = check_json(&["--isolated", "甲.txt"], &dir);
    let first_rule = all["diagnostics"][0]["rule"].as_str().unwrap().to_owned();
    std::fs::write(
        dir.join("reportlint.toml"),
        format!("[rules]\n\"{first_rule}\" = \"off\"\n"),
    )
    .unwrap();
    let want = check_json(&["--config", "reportlint.toml", "甲.txt"], &dir);
    let s = start(&["serve", "--today", TODAY, "."], &dir);
    assert!(
        s.banner.iter().any(|l| l.contains("使用配置文件")),
        "{:?}",
        s.banner
    );
    let got = post(s.port, &record(b'F', "甲.txt", REPORT.as_bytes())).json();
    assert!(got["config"].as_str().unwrap().contains("reportlint.toml"));
    for key in ["errors", "warnings", "infos"] {
        assert_eq!(got[key], want["totals"][key], "{key}");
    }
    let html = got["html"].as_str().unwrap();
    // The rule switched off is nowhere in the page's data (ids may be written with `\/`).
    for spelt in [first_rule.clone(), first_rule.replace('/', "\\/")] {
        assert!(!html.contains(&format!("\"r\":\"{spelt}\"")), "{spelt}");
    }
    assert!(
        html.contains("\"r\":\""),
        "the page carries its findings as data"
    );
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A port already taken: a Chinese message and exit code 2, not a panic.
#[test]
fn a_port_in_use_is_a_clear_error() {
    let dir = scratch("port");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(BIN)
        .args(["serve", "--port", &port])
        .current_dir(&dir)
        .env("REPORTLINT_NO_BROWSER", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "无法在 127.0.0.1:{port} 上启动网页服务：端口已被占用"
        )),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Run with no arguments and no terminal (a double-click): the page starts, and the console
/// says how to stop it and where the command-line help is.
#[test]
fn no_arguments_without_a_terminal_starts_the_page() {
    let dir = scratch("double-click");
    let s = start(&[], &dir);
    assert!(
        s.banner.iter().any(|l| l.contains("reportlint --help")),
        "{:?}",
        s.banner
    );
    let page = get(s.port, "/");
    assert_eq!(page.status, 200);
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// headless Chromium over the DevTools protocol

struct Browser {
    child: Child,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

struct Devtools {
    ws: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next: u64,
}

impl Devtools {
    /// Sends a command and waits for its answer (events in between are passed over).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.try_call(method, params)
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// As `call`, with the protocol's error (a page that navigated while a command ran).
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next += 1;
        let id = self.next;
        let msg = json!({ "id": id, "method": method, "params": params }).to_string();
        self.ws.send(tungstenite::Message::text(msg)).unwrap();
        loop {
            let msg = self.ws.read().unwrap();
            let Ok(text) = msg.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            if v["id"] == id {
                return match v.get("error") {
                    Some(e) => Err(e.clone()),
                    None => Ok(v["result"].clone()),
                };
            }
        }
    }

    /// Evaluates `expr` in the page, awaiting a promise; its value, or None on an exception
    /// (as while the page is still loading).
    fn eval(&mut self, expr: &str) -> Option<Value> {
        let r = self
            .try_call(
                "Runtime.evaluate",
                json!({ "expression": expr, "awaitPromise": true, "returnByValue": true }),
            )
            .ok()?;
        if r.get("exceptionDetails").is_some() {
            return None;
        }
        Some(r["result"]["value"].clone())
    }
}

/// Waits in the page until the check is done or failed: [state, the status line].
const WAIT_DONE: &str = "new Promise(function (ok) { (function poll() { \
    var s = document.getElementById('status'); var st = s.getAttribute('data-state'); \
    if (st === 'done' || st === 'error') ok([st, s.textContent]); \
    else setTimeout(poll, 50); })(); })";

fn find_browser() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Starts headless Chromium on about:blank with the DevTools protocol on a free port; returns
/// it and the protocol's port (from the line it prints on standard error).
fn launch(browser: &str, profile: PathBuf) -> (Browser, u16) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--remote-debugging-port=0",
            "--remote-allow-origins=*",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let port = loop {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap() == 0 {
            panic!("chromium stopped:\n{seen}");
        }
        if let Some(rest) = line
            .trim()
            .strip_prefix("DevTools listening on ws://127.0.0.1:")
        {
            break rest.split('/').next().unwrap().parse::<u16>().unwrap();
        }
        seen.push_str(&line);
    };
    // Chromium goes on writing to standard error: drain it so that it never blocks.
    std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
    (Browser { child, profile }, port)
}

/// The DevTools websocket of the browser's page, polled for until the page is listed.
fn page_socket(devtools_port: u16, deadline: Instant) -> String {
    loop {
        assert!(
            Instant::now() < deadline,
            "no page in chromium's target list"
        );
        let list = get(devtools_port, "/json/list");
        if let Ok(Value::Array(targets)) = serde_json::from_slice::<Value>(&list.body) {
            if let Some(url) = targets
                .iter()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            {
                return url.to_owned();
            }
        }
    }
}

/// Chromium opens the page, a .docx and a .pdf are chosen in its file input, 开始检查 is
/// clicked; the result page shown in the page holds exactly the findings of `check --format
/// json` for the same two files, and the status line the same totals.
#[test]
fn browser_uploads_a_docx_and_a_pdf_and_sees_the_findings_of_check() {
    let Some(browser) = find_browser() else {
        missing_tool("chromium is not installed; browser test skipped (.ci/run installs it)");
        return;
    };
    let dir = scratch("browser");
    let docx = fixtures().join("formats/000_532e0a7d93c60b5e.docx");
    let pdf = fixtures().join("pdf/001_78480d18d66647dc.word.pdf");
    let docx = docx.canonicalize().unwrap();
    let pdf = pdf.canonicalize().unwrap();
    let served = start(&["serve", "--today", TODAY], &dir);
    let (_browser, devtools_port) = launch(browser, dir.join("profile"));
    let deadline = Instant::now() + Duration::from_secs(180);
    let ws_url = page_socket(devtools_port, deadline);
    let (ws, _) = tungstenite::connect(ws_url.as_str()).unwrap();
    let mut dt = Devtools { ws, next: 0 };
    dt.call(
        "Page.navigate",
        json!({ "url": format!("http://127.0.0.1:{}/", served.port) }),
    );
    // The page is ready once its script has read the server's limits.
    let ready = "new Promise(function (ok) { (function poll() { \
        if (document.body && document.body.getAttribute('data-ready') === 'yes') ok(location.href); \
        else setTimeout(poll, 20); })(); })";
    loop {
        assert!(Instant::now() < deadline, "the page did not get ready");
        if let Some(Value::String(href)) = dt.eval(ready) {
            if href.starts_with("http://127.0.0.1") {
                break;
            }
        }
    }
    let root = dt.call("DOM.getDocument", json!({ "depth": 0 }))["root"]["nodeId"].clone();
    let input = dt.call(
        "DOM.querySelector",
        json!({ "nodeId": root, "selector": "#file-input" }),
    )["nodeId"]
        .clone();
    dt.call(
        "DOM.setFileInputFiles",
        json!({ "nodeId": input, "files": [docx.display().to_string(), pdf.display().to_string()] }),
    );
    // The page takes files from the input's change event (sent again here: the page ignores
    // a file it already has).
    let picked = dt
        .eval(
            "(function () { var i = document.getElementById('file-input'); \
             i.dispatchEvent(new Event('change')); \
             document.getElementById('check').click(); \
             return document.getElementById('picked').textContent; })()",
        )
        .unwrap();
    assert!(
        picked.as_str().unwrap().contains("已选择 2 个文件"),
        "{picked}"
    );
    let state = dt.eval(WAIT_DONE).unwrap();
    assert_eq!(state[0], "done", "{state}");
    // The result page (the dashboard) marks the end of its drawing with `data-ready="yes"`; its
    // findings are the page's embedded data, its counts the numbers drawn at the top.
    let ready = dt
        .eval(
            "new Promise(function (ok) { (function poll() { \
             var d = document.getElementById('result').contentDocument; \
             if (d && d.body && d.body.getAttribute('data-ready') === 'yes') ok(true); \
             else setTimeout(poll, 50); })(); })",
        )
        .unwrap();
    assert_eq!(ready, json!(true));
    let shown = dt
        .eval(
            "(function () { var d = document.getElementById('result').contentDocument; \
             var s = document.getElementById('status'); \
             var data = JSON.parse(d.getElementById('data').textContent); \
             var findings = []; data.reports.forEach(function (r) { \
                 r.f.forEach(function (f) { findings.push([f.r, f.s]); }); }); \
             return { findings: findings, \
               reports: data.reports.map(function (r) { return r.path; }), \
               drawn: [d.getElementById('count-error').textContent, \
                 d.getElementById('count-warning').textContent, d.getElementById('count-info').textContent], \
               errors: s.getAttribute('data-errors'), warnings: s.getAttribute('data-warnings'), \
               infos: s.getAttribute('data-infos'), files: s.getAttribute('data-files'), \
               xlsx: document.getElementById('download-xlsx').href }; })()",
        )
        .unwrap();

    // The same two files, under the same names, through `check`.
    std::fs::copy(&docx, dir.join(docx.file_name().unwrap())).unwrap();
    std::fs::copy(&pdf, dir.join(pdf.file_name().unwrap())).unwrap();
    let want = check_json(
        &[
            "--isolated",
            docx.file_name().unwrap().to_str().unwrap(),
            pdf.file_name().unwrap().to_str().unwrap(),
        ],
        &dir,
    );
    let mut got: Vec<(String, String)> = shown["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f[0].as_str().unwrap().to_owned(),
                f[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    got.sort();
    let expected = rule_severities(&want);
    assert!(!expected.is_empty(), "the fixtures have findings to show");
    assert_eq!(got, expected);
    assert_eq!(
        shown["reports"],
        json!([
            docx.file_name().unwrap().to_str().unwrap(),
            pdf.file_name().unwrap().to_str().unwrap()
        ])
    );
    for (key, attr) in [
        ("files", "files"),
        ("errors", "errors"),
        ("warnings", "warnings"),
        ("infos", "infos"),
    ] {
        assert_eq!(
            shown[attr].as_str().unwrap(),
            want["totals"][key].to_string(),
            "{key}"
        );
    }
    assert_eq!(
        shown["drawn"],
        json!([
            want["totals"]["errors"].to_string(),
            want["totals"]["warnings"].to_string(),
            want["totals"]["infos"].to_string()
        ])
    );
    assert!(shown["xlsx"].as_str().unwrap().starts_with("blob:"));

    // A report whose region is not detected: the page asks for one, and checks again with it.
    let txt = dir.join("某某镇.txt");
    std::fs::write(&txt, REPORT).unwrap();
    dt.eval("document.getElementById('clear').click()").unwrap();
    dt.call(
        "DOM.setFileInputFiles",
        json!({ "nodeId": input, "files": [txt.display().to_string()] }),
    );
    dt.eval(
        "(function () { document.getElementById('file-input').dispatchEvent(new Event('change')); \
         document.getElementById('check').click(); })()",
    );
    let state = dt.eval(WAIT_DONE).unwrap();
    assert_eq!(state[0], "done", "{state}");
    let asked = dt
        .eval(
            "(function () { var i = document.querySelector('#region-list input[data-report]'); \
             if (document.getElementById('regions').hidden || !i) return null; \
             i.value = '371003'; document.getElementById('recheck').click(); \
             return i.getAttribute('data-report'); })()",
        )
        .unwrap();
    assert_eq!(asked, "某某镇.txt");
    let state = dt.eval(WAIT_DONE).unwrap();
    assert_eq!(state[0], "done", "{state}");
    let note = dt
        .eval("document.getElementById('region-list').textContent")
        .unwrap();
    assert!(
        note.as_str().unwrap().contains("已按所填区划检查：")
            && note.as_str().unwrap().contains("文登区"),
        "{note}"
    );
    drop(dt);
    drop(served);
    let _ = std::fs::remove_dir_all(&dir);
}
