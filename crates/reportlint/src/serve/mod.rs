//! `reportlint serve`: a page in the browser for reviewers without a terminal.
//!
//! A small synchronous HTTP server (tiny_http) on a loopback address serves one page (plain
//! HTML, CSS and JS embedded in the binary) and one endpoint, `POST /api/check`, that lints an
//! uploaded batch in memory as `check` would (the same rules, size and time limits, worker
//! processes) and answers with the page of `--format html` and the workbook of `--format xlsx`.
//! Nothing is written to disk and nothing is kept once the answer is sent. docs/serve.md
//! describes it for users.

mod upload;

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::{EXIT_FAILURE, EXIT_OK};

/// The page: plain HTML, CSS and JS, no build step, nothing fetched from elsewhere.
const PAGE: &str = include_str!("page.html");

/// Threads answering requests.
const HANDLERS: usize = 4;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 所服务的文件夹：其中的 reportlint.toml（如有）用于检查，除非在页面中另选配置文件。默认：当前文件夹。
    #[arg(value_name = "文件夹")]
    pub dir: Option<PathBuf>,

    /// 端口。默认：任选一个空闲端口（启动时显示）。
    #[arg(long, value_name = "端口")]
    pub port: Option<u16>,

    /// 监听的地址。默认 127.0.0.1，只有本机能访问；给出非本机地址（如 0.0.0.0）时会发出警告，并接受来自其他电脑的访问。
    #[arg(long, value_name = "地址")]
    pub host: Option<IpAddr>,

    /// 启动后在默认浏览器中打开页面。
    #[arg(long)]
    pub open: bool,

    /// 单个文件的大小上限（MiB），超过的文件报错，其余照常检查（1 到 1024）。
    #[arg(long, value_name = "MB", default_value_t = 50,
          value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_file_size: u64,

    /// 一次上传的总大小上限（MiB，1 到 4095）。
    #[arg(long, value_name = "MB", default_value_t = 512,
          value_parser = clap::value_parser!(u64).range(1..=4095))]
    pub max_upload: u64,

    /// 一次最多检查的文件数（1 到 100000）。
    #[arg(long, value_name = "数目", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_files: u64,

    /// 读取单个 .docx、.html 或 .pdf 文件的时限（秒），超时的文件得到 `format/timeout`。
    #[arg(long, value_name = "秒数", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,

    /// 同时检查的批次上限；更多的请求得到“服务器忙”（1 到 16）。
    #[arg(long, value_name = "数目", default_value_t = 2,
          value_parser = clap::value_parser!(u64).range(1..=16))]
    pub max_batches: u64,

    /// 把 DATE（YYYY-MM-DD）当作今天（用于与期限有关的规则）。默认：中国标准时间的当天日期。
    #[arg(long, value_name = "日期")]
    pub today: Option<String>,
}

/// The server's settings and state, shared by the handler threads.
struct State {
    ctx: upload::Context,
    /// The address was given with `--host`: peers and `Host` headers are not limited to loopback.
    open_host: bool,
    addr: SocketAddr,
    max_upload: u64,
    max_files: usize,
    max_file_size_mb: u64,
    max_batches: usize,
    busy: AtomicUsize,
}

/// Whether a request from `peer` is answered: loopback only, unless `--host` was given.
pub fn peer_allowed(peer: Option<&SocketAddr>, open_host: bool) -> bool {
    open_host || peer.is_some_and(|p| p.ip().is_loopback())
}

/// Whether a `Host` header names this server (at `addr`) by a loopback name or its address: a
/// page of another site whose DNS name was re-pointed to 127.0.0.1 gets no answer (DNS
/// rebinding).
pub fn host_allowed(host: Option<&str>, addr: SocketAddr, open_host: bool) -> bool {
    if open_host {
        return true;
    }
    let Some(host) = host else { return false };
    let port = addr.port();
    host.eq_ignore_ascii_case(&addr.to_string())
        || ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .any(|name| host.eq_ignore_ascii_case(&format!("{name}:{port}")))
}

/// The warning printed when `--host` names an address other machines can reach.
pub fn host_warning(host: IpAddr) -> Option<String> {
    (!host.is_loopback()).then(|| {
        format!(
            "警告：在 {host} 上监听，同一网络中的其他电脑也能打开此页面并上传文件检查；\
             仅在可信的网络中这样做。只供本机使用时不要加 --host。"
        )
    })
}

/// A slot among the batches checked at once; freed when dropped.
struct Slot<'a>(&'a AtomicUsize);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn try_slot(busy: &AtomicUsize, max: usize) -> Option<Slot<'_>> {
    busy.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
        (n < max).then_some(n + 1)
    })
    .ok()
    .map(|_| Slot(busy))
}

/// How the server was started: by `reportlint serve`, or by running the binary with no
/// arguments and no terminal (a double-click).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Launch {
    Command,
    DoubleClick,
}

/// Whether running with no arguments starts the page: on Windows always (a double-click
/// opens a fresh console), elsewhere when neither standard input nor output is a terminal.
pub fn no_terminal() -> bool {
    use std::io::IsTerminal;
    cfg!(windows) || (!std::io::stdin().is_terminal() && !std::io::stdout().is_terminal())
}

/// Runs the server until the process is stopped. Returns an exit code only when it cannot
/// start.
pub fn run(
    args: ServeArgs,
    launch: Launch,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let today = match &args.today {
        None => None,
        Some(day) => match day.parse::<reportlint_core::jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                writeln!(
                    err,
                    "reportlint: --today 需要 YYYY-MM-DD 格式的日期，收到“{day}”"
                )?;
                return Ok(EXIT_FAILURE);
            }
        },
    };
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    if !dir.is_dir() {
        writeln!(
            err,
            "reportlint: {} 不是文件夹；serve 需要一个文件夹（其中的 reportlint.toml 用于检查）",
            dir.display()
        )?;
        return Ok(EXIT_FAILURE);
    }
    let config_file = Some(dir.join("reportlint.toml")).filter(|p| p.is_file());
    let host = args.host.unwrap_or(IpAddr::from([127, 0, 0, 1]));
    let server = match Server::http(SocketAddr::new(host, args.port.unwrap_or(0))) {
        Ok(s) => s,
        Err(e) => {
            use std::io::ErrorKind::*;
            let why = match e.downcast_ref::<std::io::Error>().map(std::io::Error::kind) {
                Some(AddrInUse) => "端口已被占用；不加 --port 可自动选择空闲端口",
                Some(PermissionDenied) => "没有使用此端口的权限；请换一个大于 1024 的端口",
                Some(AddrNotAvailable) => "本机没有这个地址",
                _ => "无法监听此地址和端口",
            };
            writeln!(
                err,
                "reportlint: 无法在 {host}:{} 上启动网页服务：{why}（{e}）",
                args.port.unwrap_or(0)
            )?;
            return Ok(EXIT_FAILURE);
        }
    };
    let Some(addr) = server.server_addr().to_ip() else {
        writeln!(err, "reportlint: 网页服务没有得到网络地址")?;
        return Ok(EXIT_FAILURE);
    };
    // From here on the server is up: a closed standard output (a double-click on Linux) must
    // not stop it, so what is printed is best effort.
    if let Some(w) = args.host.and_then(host_warning) {
        let _ = writeln!(err, "reportlint: {w}");
    }
    let shown = match host {
        IpAddr::V4(h) if h.is_unspecified() => format!("http://127.0.0.1:{}/", addr.port()),
        IpAddr::V6(h) if h.is_unspecified() => format!("http://[::1]:{}/", addr.port()),
        _ => format!("http://{addr}/"),
    };
    let mut lines = vec![format!("reportlint 网页版已启动：{shown}")];
    lines.push(match &config_file {
        Some(p) => format!("使用配置文件：{}", p.display()),
        None => format!(
            "{} 中没有 reportlint.toml：使用默认设置（也可在页面中选择配置文件）",
            dir.display()
        ),
    });
    // `REPORTLINT_NO_BROWSER`: never open a browser (tests, machines without a desktop).
    let open = (args.open || launch == Launch::DoubleClick)
        && std::env::var_os("REPORTLINT_NO_BROWSER").is_none();
    if open {
        lines.push(match opener::open(&shown) {
            Ok(()) => "已在浏览器中打开此页面。".to_owned(),
            Err(e) => format!("未能自动打开浏览器（{e}）；请在浏览器中手动打开上面的地址。"),
        });
    }
    lines.push(match launch {
        Launch::DoubleClick => "关闭此窗口或按 Ctrl+C 即可停止。命令行用法：在终端中运行 reportlint --help（说明见 docs/serve.md）。".to_owned(),
        Launch::Command => "按 Ctrl+C 停止。".to_owned(),
    });
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();

    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let state = Arc::new(State {
        ctx: upload::Context {
            config_file,
            io: crate::lint::IoOptions {
                limits: crate::read::Limits {
                    max_file_bytes: args.max_file_size * 1024 * 1024,
                    ..crate::read::Limits::default()
                },
                fix: crate::fix::FixOptions::default(),
                keep_all_sources: true,
                extractor: crate::isolate::Extractor::for_run(Duration::from_secs(args.timeout)),
            },
            threads,
            today,
        },
        // `--host` with a loopback address changes the address, not who may connect.
        open_host: args.host.is_some_and(|h| !h.is_loopback()),
        addr,
        max_upload: args.max_upload * 1024 * 1024,
        max_files: usize::try_from(args.max_files).unwrap_or(usize::MAX),
        max_file_size_mb: args.max_file_size,
        max_batches: usize::try_from(args.max_batches).unwrap_or(1),
        busy: AtomicUsize::new(0),
    });
    let server = Arc::new(server);
    let handlers: Vec<_> = (0..HANDLERS)
        .map(|_| {
            let (server, state) = (server.clone(), state.clone());
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    // A failed answer (the browser went away) concerns that request only.
                    let _ = handle(request, &state);
                }
            })
        })
        .collect();
    for h in handlers {
        let _ = h.join();
    }
    Ok(EXIT_OK)
}

fn header(name: &str, value: &str) -> Header {
    // The names and values here are ASCII constants.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("an ASCII header")
}

fn request_header<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// An answer: `status`, a body and its type, and headers that keep the page to itself.
fn answer(request: Request, status: u16, content_type: &str, body: Vec<u8>) -> std::io::Result<()> {
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"))
        // Nothing on the page (nor in the result page shown in it) loads anything from
        // another address: nothing leaves the machine.
        .with_header(header(
            "Content-Security-Policy",
            "default-src 'self' 'unsafe-inline' data: blob:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
        ));
    request.respond(response)
}

/// An error as the page reads it: `{"error": "…"}` in Chinese.
fn error(request: Request, status: u16, message: &str) -> std::io::Result<()> {
    let body = serde_json::json!({ "error": message }).to_string();
    answer(
        request,
        status,
        "application/json; charset=utf-8",
        body.into_bytes(),
    )
}

fn handle(mut request: Request, state: &State) -> std::io::Result<()> {
    if !peer_allowed(request.remote_addr(), state.open_host) {
        return error(
            request,
            403,
            "只接受本机的访问（启动时用 --host 可允许其他电脑访问）",
        );
    }
    if !host_allowed(
        request_header(&request, "Host"),
        state.addr,
        state.open_host,
    ) {
        return error(
            request,
            403,
            "请求的主机名不是本机地址；请用启动时显示的地址打开页面",
        );
    }
    let path = request.url().split('?').next().unwrap_or("").to_owned();
    let method = request.method().clone();
    match (method, path.as_str()) {
        (Method::Get | Method::Head, "/") => answer(
            request,
            200,
            "text/html; charset=utf-8",
            PAGE.as_bytes().to_vec(),
        ),
        (Method::Get, "/api/info") => {
            let body = serde_json::json!({
                "version": env!("CARGO_PKG_VERSION"),
                "config": state.ctx.config_file.as_ref().map(|p| p.display().to_string()),
                "max_upload_bytes": state.max_upload,
                "max_files": state.max_files,
                "max_file_size_mb": state.max_file_size_mb,
                "extensions": crate::discover::EXTENSIONS,
            });
            answer(
                request,
                200,
                "application/json; charset=utf-8",
                body.to_string().into_bytes(),
            )
        }
        (Method::Post, "/api/check") => {
            let (status, body) = check_request(&mut request, state);
            answer(request, status, "application/json; charset=utf-8", body)
        }
        (_, "/" | "/api/info" | "/api/check") => error(request, 405, "不支持这种请求方法"),
        _ => error(request, 404, "没有这个页面；请打开首页"),
    }
}

/// `POST /api/check`: the status and JSON body of the answer. The batch's slot is freed before
/// the answer is sent: a slot bounds the work, not the writing of the answer.
fn check_request(request: &mut Request, state: &State) -> (u16, Vec<u8>) {
    let fail = |status: u16, message: &str| {
        (
            status,
            serde_json::json!({ "error": message })
                .to_string()
                .into_bytes(),
        )
    };
    // A custom header makes a browser ask first (CORS preflight) before another site's
    // page could post here; the preflight gets no permission.
    if request_header(request, "X-Reportlint") != Some("1") {
        return fail(
            403,
            "缺少 X-Reportlint 请求头：只接受 reportlint 页面发来的检查请求",
        );
    }
    let Some(len) = request.body_length() else {
        return fail(411, "请求缺少 Content-Length：请用 reportlint 页面上传文件");
    };
    if len as u64 > state.max_upload {
        let message = format!(
            "上传的文件共 {:.1} MiB，超过了一次上传 {} MiB 的上限；请分批上传（启动时可用 --max-upload 调整）",
            len as f64 / 1048576.0,
            state.max_upload / 1048576
        );
        return fail(413, &message);
    }
    // The slot is taken before the body is read: at most `--max-batches` uploads are
    // held in memory at once.
    let Some(_slot) = try_slot(&state.busy, state.max_batches) else {
        return fail(503, "服务器正忙于检查其他批次，请稍后再试");
    };
    let mut body = Vec::with_capacity(len);
    if let Err(e) = request
        .as_reader()
        .take(state.max_upload)
        .read_to_end(&mut body)
    {
        return fail(400, &format!("读取上传的数据失败：{e}"));
    }
    let upload = match upload::parse(&body, state.max_files) {
        Ok(u) => u,
        Err(upload::Refused::Bad(m)) => return fail(400, &m),
        Err(upload::Refused::TooMany(m)) => return fail(413, &m),
    };
    drop(body);
    match upload::check(upload, &state.ctx) {
        Ok(c) => {
            let t = &c.totals;
            let body = serde_json::json!({
                "files": t.files,
                "errors": t.errors,
                "warnings": t.warnings,
                "infos": t.infos,
                "failed": t.failed,
                "summary": t.summary(),
                "config": c.config,
                "reports": c.reports.iter().map(|r| serde_json::json!({
                    "name": r.name,
                    "agency": r.agency,
                    "region": r.region,
                    "region_chosen": r.region_chosen,
                    "failed": r.failed,
                })).collect::<Vec<_>>(),
                "html": String::from_utf8_lossy(&c.html),
                "xlsx": crate::output::html::base64(&c.xlsx),
            });
            (200, body.to_string().into_bytes())
        }
        Err(m) => fail(400, &m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_peers_unless_a_host_was_given() {
        let local: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let local6: SocketAddr = "[::1]:5000".parse().unwrap();
        let lan: SocketAddr = "192.168.1.20:5000".parse().unwrap();
        assert!(peer_allowed(Some(&local), false));
        assert!(peer_allowed(Some(&local6), false));
        assert!(!peer_allowed(Some(&lan), false));
        assert!(!peer_allowed(None, false));
        assert!(peer_allowed(Some(&lan), true));
    }

    #[test]
    fn host_header_must_name_this_server_on_loopback() {
        let at: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert!(host_allowed(Some("127.0.0.1:8080"), at, false));
        assert!(host_allowed(Some("localhost:8080"), at, false));
        assert!(host_allowed(Some("LOCALHOST:8080"), at, false));
        assert!(host_allowed(Some("[::1]:8080"), at, false));
        assert!(!host_allowed(Some("127.0.0.1:8081"), at, false));
        assert!(!host_allowed(Some("evil.example:8080"), at, false));
        assert!(!host_allowed(None, at, false));
        assert!(host_allowed(Some("evil.example:8080"), at, true));
        // Served on another loopback address (`--host 127.0.0.2`): that address too.
        let other: SocketAddr = "127.0.0.2:8080".parse().unwrap();
        assert!(host_allowed(Some("127.0.0.2:8080"), other, false));
        assert!(!host_allowed(Some("127.0.0.3:8080"), other, false));
    }

    #[test]
    fn a_host_other_machines_reach_is_warned_about() {
        assert!(host_warning("0.0.0.0".parse().unwrap()).is_some_and(|w| w.contains("其他电脑")));
        assert!(host_warning("192.168.1.2".parse().unwrap()).is_some());
        assert!(host_warning("127.0.0.1".parse().unwrap()).is_none());
        assert!(host_warning("::1".parse().unwrap()).is_none());
    }

    #[test]
    fn batches_at_once_are_bounded() {
        let busy = AtomicUsize::new(0);
        let a = try_slot(&busy, 2).unwrap();
        let b = try_slot(&busy, 2).unwrap();
        assert!(try_slot(&busy, 2).is_none());
        drop(a);
        let c = try_slot(&busy, 2);
        assert!(c.is_some());
        drop((b, c));
        assert_eq!(busy.load(Ordering::SeqCst), 0);
    }
}
