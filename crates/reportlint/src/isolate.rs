//! Reading binary formats (.docx, .html, .pdf) in worker processes, so that a file that crashes,
//! aborts, overflows the stack, loops forever or exhausts memory in a reader takes down only its
//! worker, never the batch.
//!
//! The workers are the same binary run as `reportlint __extract` (a hidden subcommand, handled
//! by [`crate::main`] before the command line is parsed). Each lives for many files: a pool keeps
//! the idle ones, a linting thread takes one per file (or starts one), sends it the bytes and the
//! format, and reads back the extracted document. A worker limits its own address space
//! (`RLIMIT_AS`, [`WORKER_MEMORY`]; Unix only, see [`crate::platform::limit_memory`]) before
//! reading anything; the linting thread waits for the answer at most `--timeout` seconds (a
//! thread per worker reads its replies, the linting thread waits on a channel with a deadline:
//! the same code on Unix and Windows), then kills the worker. A worker that
//! died or was killed is not reused; the next file starts a fresh one. Plain text (.txt, .md) is
//! decoded in-process: that path is fuzzed and fast.
//!
//! The file whose reading failed gets one finding that names what happened — `format/crashed`,
//! `format/timeout`, `format/too-large` ([`crate::pseudo::ALL`]: listed by `reportlint rules`,
//! explained by `reportlint explain`, their level set in `reportlint.toml` like any rule).
//!
//! The protocol, over the worker's standard input and output:
//! - request: `u32` LE length, a JSON header (`{"format":…,"limits":…}`), `u64` LE length, the
//!   file's bytes;
//! - reply: one byte of kind (0 the document as JSON, 1 the reader's own error, 2 a budget the
//!   reader refused the file on, 3 a panic's message), `u64` LE length, the payload.
//!
//! The document crosses as JSON of [`reportlint_formats::Extracted`], so a field added there
//! travels without a change here.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use reportlint_config::{Level, Resolved};
use reportlint_core::{Diagnostic, FixAvailability, RuleMeta, Severity, Span};
use reportlint_formats::{Extracted, Format, FormatError, Limits};

use crate::discover::Input;
use crate::lint::{failure, FileOutcome, Finding, Linter};

/// The hidden subcommand that runs a worker.
pub const WORKER_COMMAND: &str = "__extract";

/// The per-file deadline when `--timeout` is not given, in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

/// The address space a worker may use (`RLIMIT_AS`), so that its resident memory stays below
/// it too. Reading an ordinary report takes a few tens of megabytes; the rest is headroom for
/// large files (and the 64 MiB stack reserved for the PDF reader's thread, which counts).
pub const WORKER_MEMORY: u64 = 256 * 1024 * 1024;

/// The binary that workers run: set by [`crate::main`] to the running executable. Callers of
/// [`crate::run`] (tests, embedders) read formats in-process unless they set it.
static WORKER_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Makes `check` read binary formats in workers that run `exe` (a binary whose `main` is
/// [`crate::main`]). The first call wins.
pub fn set_worker_exe(exe: PathBuf) {
    let _ = WORKER_EXE.set(exe);
}

// ---------------------------------------------------------------------------------------------
// The findings

macro_rules! pseudo_rule {
    ($name:ident, $id:literal, $summary:literal, $docs:literal) => {
        pub static $name: RuleMeta = RuleMeta {
            id: $id,
            summary: $summary,
            default_severity: Severity::Error,
            fix: FixAvailability::None,
            docs: $docs,
            options: None,
        };
    };
}

pseudo_rule!(
    CRASHED,
    "format/crashed",
    "读取文件时解析器崩溃",
    " ## 检查什么（What it checks）
 .docx、.html 和 .pdf 文件在单独的工作进程中读取。读取器在某个文件上崩溃时——结构嵌套过深导致
 栈溢出、异常中止、panic——该文件得到这一条问题，不再有别的问题；同一批次的其他文件照常检查。

 ## 为什么重要（Why it matters）
 一个损坏或恶意构造的文件，不能拖垮整个批次（及其 JSON 输出）；读不出来的文件，也不能当作没有问题
 而通过。

 ## 错误示例（Example: bad）
 ```text
 一个 120 KB 的 PDF，对象中嵌套了六万层数组：解析器栈溢出
 ```

 ## 正确示例（Example: good）
 ```text
 由 Word 或 WPS 直接导出的 PDF、.docx 或网页
 ```

 ## 不检查什么（What it does not check）
 文件的内容：读取失败，其他规则都没有运行，报告是否合格无从判断。崩溃的原因只按工作进程留下的信息
 转述，不再深究文件哪一处损坏。
"
);

pseudo_rule!(
    TIMEOUT,
    "format/timeout",
    "读取文件超时",
    " ## 检查什么（What it checks）
 读取 .docx、.html 或 .pdf 文件应在时限内完成（`--timeout`，默认30秒）。读取时间更长的文件——损坏的
 PDF 页面树中的死循环、使 HTML 解析耗时随大小按平方增长的网页——被放弃（结束其工作进程），得到这一条
 问题；其他文件照常检查。

 ## 为什么重要（Why it matters）
 一个恶意文件不能让几百份报告的一批卡住不动。

 ## 错误示例（Example: bad）
 ```text
 一个 430 字节的 PDF，页面树的 /Parent 指回自身：读取永不结束
 ```

 ## 正确示例（Example: good）
 ```text
 由 Word 或 WPS 直接导出的 PDF、.docx 或网页，通常在一秒内读完
 ```

 ## 不检查什么（What it does not check）
 文件的内容：超时的文件没有检查。时限按本机的运行时间计，机器繁忙时，本来能读完的大文件也可能超时，
 可用 `--timeout` 放宽。纯文本（.txt、.md）在本进程中读取，不受这一时限约束。
"
);

pseudo_rule!(
    TOO_LARGE,
    "format/too-large",
    "文件超出读取上限",
    " ## 检查什么（What it checks）
 读取文件不超出预算（docs/formats.md，“Limits”）：读取它的工作进程的内存、HTML 元素的个数、表格网格的
 大小、列表编号的长度。耗尽工作进程内存的文件，或读取器预先拒绝的文件，得到这一条 error，不做检查。
 只超过了读取器可以变通处理的上限的文件（嵌套过深的网页被拉平，荒唐的列表编号被截短，大到无法成网格
 的表格按文本保留），照常检查，并得到这一条 warning，说明截掉了什么。

 ## 为什么重要（Why it matters）
 一个 700 字节的 .docx 可以描述长达 8 GB 的列表编号，一个 2 MB 的 PDF 可以描述 2 GB 的数据流：没有
 预算，一个文件就能耗尽整台机器。这条问题说明文件没有（或没有完整）检查，而不是悄悄放行。

 ## 错误示例（Example: bad）
 ```text
 一个 700 字节的 .docx，编号起始值为 4294967295、格式为大写字母：列表标签长达 1.65 亿个字符
 ```

 ## 正确示例（Example: good）
 ```text
 由 Word 或 WPS 直接保存的 .docx，列表编号如“一、”“（一）”“1.”
 ```

 ## 不检查什么（What it does not check）
 被拒绝的文件的内容。作为 warning 照常检查的文件，被截掉或拉平的部分可能影响其他规则的判断，
 这里只说明截掉了什么。在 Windows 上工作进程的内存没有上限（系统没有相应的限制方式），只有文件
 大小上限（`--max-file-size`）和读取器自身的预算约束它。
"
);

pseudo_rule!(
    ENCRYPTED,
    "format/encrypted",
    "文件设有打开密码，无法读取",
    " ## 检查什么（What it checks）
 需要密码才能打开的 PDF（设有用户密码）没有密码就读不出来：该文件得到这一条问题，不再有别的问题。
 只限制复制或打印的 PDF（设有所有者密码）不用密码就能打开，照常读取。

 ## 为什么重要（Why it matters）
 设了密码发布的报告，它面向的公众读不到（条例：政府信息便于公众获取），其中的内容也一项都检查不了：
 不能当作没有问题而通过。

 ## 错误示例（Example: bad）
 ```text
 发布的年度报告 PDF 打开时要求输入密码
 ```

 ## 正确示例（Example: good）
 ```text
 无密码的 PDF，或仅限制复制、打印的 PDF
 ```

 ## 不检查什么（What it does not check）
 密码是否有人知道；加密的 Word 文件，它们作为无法读取的文件报告，并说明原因。
"
);

/// Why a file's document could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The reader refused the file (damaged, encrypted, unsupported, over the size limit): the
    /// message for an `io` finding.
    Unreadable(String),
    /// The reader went past a budget, or its worker ran out of memory (`format/too-large`).
    TooLarge(String),
    /// The reader crashed (`format/crashed`): what happened.
    Crashed(String),
    /// The reader did not finish within the deadline (`format/timeout`).
    Timeout(Duration),
    /// The file needs a password to open (`format/encrypted`).
    Encrypted(String),
}

impl Failure {
    fn from_format_error(e: FormatError) -> Failure {
        match e {
            FormatError::OverBudget(_) => Failure::TooLarge(e.to_string()),
            FormatError::EncryptedPdf => Failure::Encrypted(e.to_string()),
            FormatError::ReaderFailed(what) => Failure::Crashed(what),
            e => Failure::Unreadable(e.to_string()),
        }
    }

    /// The finding's rule id.
    pub fn rule(&self) -> &'static str {
        match self {
            Failure::Unreadable(_) => "io",
            Failure::TooLarge(_) => TOO_LARGE.id,
            Failure::Crashed(_) => CRASHED.id,
            Failure::Timeout(_) => TIMEOUT.id,
            Failure::Encrypted(_) => ENCRYPTED.id,
        }
    }

    /// The finding's message.
    pub fn message(&self) -> String {
        match self {
            Failure::Unreadable(m) => m.clone(),
            Failure::TooLarge(m) => format!("{m}；此文件未检查，其他文件照常检查"),
            Failure::Crashed(what) => {
                format!("读取此文件时解析器崩溃（{what}），此文件未检查；其他文件照常检查")
            }
            Failure::Timeout(d) => format!(
                "读取此文件超过 {} 秒仍未完成，已中止，此文件未检查；其他文件照常检查",
                d.as_secs()
            ),
            Failure::Encrypted(m) => format!("{m}；此文件未检查"),
        }
    }

    fn help(&self) -> &'static str {
        match self {
            Failure::Unreadable(_) => "确认路径正确、文件可读，且是文本格式（UTF-8 或 GBK）的报告",
            Failure::TooLarge(_) => {
                "文件可能已损坏或为恶意构造（如压缩炸弹）；请用原软件重新导出（另存为）后再检查"
            }
            Failure::Crashed(_) => {
                "文件可能已损坏或为恶意构造；请用原软件重新导出（另存为）后再检查。\
                 若文件在其他软件中显示正常，请附上文件报告问题"
            }
            Failure::Timeout(_) => {
                "文件结构可能异常（如 PDF 页面树循环）；请重新导出文件，或用 --timeout 放宽时限"
            }
            Failure::Encrypted(_) => "请发布或提供不设打开密码的版本（可以保留复制、打印限制）",
        }
    }
}

fn human_mib(n: u64) -> String {
    format!("{} MiB", n / (1024 * 1024))
}

// ---------------------------------------------------------------------------------------------
// Extraction, in-process or in a worker

/// How binary formats are extracted: in this process (tests, embedders, `--timeout` has no
/// effect) or by a pool of workers.
#[derive(Debug, Clone, Default)]
pub enum Extractor {
    #[default]
    InProcess,
    Pool(Arc<Pool>),
}

impl Extractor {
    /// The extractor for a `check` run: a pool of workers when the binary can be one (it was
    /// started through [`crate::main`]), else in-process.
    pub fn for_run(timeout: Duration) -> Extractor {
        // `REPORTLINT_ISOLATION=off`: in-process, for measuring what isolation costs and for
        // systems that forbid starting processes. A crash in a reader then ends the run.
        if std::env::var_os("REPORTLINT_ISOLATION").is_some_and(|v| v == "off") {
            return Extractor::InProcess;
        }
        match WORKER_EXE.get() {
            Some(exe) => Extractor::Pool(Arc::new(Pool::new(exe.clone(), timeout, WORKER_MEMORY))),
            None => Extractor::InProcess,
        }
    }

    /// Bytes and their format in, the extracted document out: the one interface through which
    /// the command line reads .docx, .html and .pdf.
    pub fn extract(
        &self,
        format: Format,
        bytes: &[u8],
        limits: &Limits,
    ) -> Result<Extracted, Failure> {
        match self {
            Extractor::InProcess => reportlint_formats::extract(format, bytes, limits)
                .map_err(Failure::from_format_error),
            Extractor::Pool(pool) => pool.extract(format, bytes, limits),
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    format: Format,
    limits: Limits,
}

const KIND_OK: u8 = 0;
const KIND_FORMAT_ERROR: u8 = 1;
const KIND_OVER_BUDGET: u8 = 2;
const KIND_PANIC: u8 = 3;
const KIND_ENCRYPTED: u8 = 4;

/// Worker processes kept between files.
pub struct Pool {
    exe: PathBuf,
    /// The worker's arguments: the hidden subcommand and its memory limit.
    args: Vec<OsString>,
    timeout: Duration,
    memory: u64,
    idle: Mutex<Vec<Worker>>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("exe", &self.exe)
            .field("timeout", &self.timeout)
            .field("memory", &self.memory)
            .finish_non_exhaustive()
    }
}

impl Pool {
    pub fn new(exe: PathBuf, timeout: Duration, memory: u64) -> Pool {
        Pool {
            exe,
            args: vec![
                WORKER_COMMAND.into(),
                "--memory".into(),
                memory.to_string().into(),
            ],
            timeout,
            memory,
            idle: Mutex::new(Vec::new()),
        }
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Worker>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Extracts one file in a worker: an idle one, or a new one. A reused worker that turns out
    /// to be dead (killed from outside between two files) is replaced and the file tried once
    /// more, so that its death is not blamed on this file.
    pub fn extract(
        &self,
        format: Format,
        bytes: &[u8],
        limits: &Limits,
    ) -> Result<Extracted, Failure> {
        let reused = self.idle().pop();
        let fresh = reused.is_none();
        let mut worker = match reused {
            Some(w) => w,
            None => self.spawn()?,
        };
        match self.run(&mut worker, format, bytes, limits) {
            Ok(reply) => {
                self.idle().push(worker);
                decode_reply(reply)
            }
            Err(Call::Timeout) => {
                drop(worker);
                Err(Failure::Timeout(self.timeout))
            }
            Err(Call::Died) if !fresh => {
                drop(worker);
                let mut worker = self.spawn()?;
                match self.run(&mut worker, format, bytes, limits) {
                    Ok(reply) => {
                        self.idle().push(worker);
                        decode_reply(reply)
                    }
                    Err(Call::Timeout) => Err(Failure::Timeout(self.timeout)),
                    Err(Call::Died) => Err(worker.reap(self.memory)),
                }
            }
            Err(Call::Died) => Err(worker.reap(self.memory)),
        }
    }

    fn run(
        &self,
        worker: &mut Worker,
        format: Format,
        bytes: &[u8],
        limits: &Limits,
    ) -> Result<(u8, Vec<u8>), Call> {
        let deadline = Instant::now() + self.timeout;
        worker.send(format, bytes, limits)?;
        worker.receive(deadline)
    }

    fn spawn(&self) -> Result<Worker, Failure> {
        let mut child = Command::new(&self.exe)
            .args(&self.args)
            // mimalloc reserves 1 GiB of address space up front; under the worker's RLIMIT_AS
            // that would leave no room for the PDF reader's thread stack. Reserve in small steps.
            .env("MIMALLOC_ARENA_RESERVE", "16MiB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| Failure::Crashed(format!("无法启动读取进程：{e}")))?;
        let (Some(stdin), Some(stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Failure::Crashed("无法连接读取进程".to_owned()));
        };
        // The last few kilobytes of the worker's standard error: how it died (the runtime's
        // message on a stack overflow or an allocation failure).
        let tail = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&tail);
        let (send, replies) = std::sync::mpsc::channel();
        let reader = std::thread::Builder::new()
            .name("reportlint-worker-stdout".to_owned())
            .spawn(move || {
                // Replies, one after the other, until the worker's output ends or the worker
                // is dropped (the channel is unbounded: sending never blocks).
                let mut stdout = stdout;
                loop {
                    let reply = read_reply(&mut stdout);
                    let end = reply.is_err();
                    if send.send(reply).is_err() || end {
                        return;
                    }
                }
            });
        let reader = match reader {
            Ok(r) => r,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::Crashed(format!("无法启动读取进程的读取线程：{e}")));
            }
        };
        let drain = std::thread::Builder::new()
            .name("reportlint-worker-stderr".to_owned())
            .spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n @ 1..) = stderr.read(&mut buf) {
                    let mut t = keep.lock().unwrap_or_else(|e| e.into_inner());
                    t.extend_from_slice(&buf[..n]);
                    if t.len() > 8192 {
                        let cut = t.len() - 8192;
                        t.drain(..cut);
                    }
                }
            })
            .ok();
        Ok(Worker {
            child,
            stdin: Some(stdin),
            replies,
            reader: Some(reader),
            tail,
            drain,
        })
    }
}

fn decode_reply((kind, payload): (u8, Vec<u8>)) -> Result<Extracted, Failure> {
    let text = || String::from_utf8_lossy(&payload).into_owned();
    match kind {
        KIND_OK => serde_json::from_slice(&payload)
            .map_err(|e| Failure::Crashed(format!("读取进程的回复无法解析：{e}"))),
        KIND_FORMAT_ERROR => Err(Failure::Unreadable(text())),
        KIND_OVER_BUDGET => Err(Failure::TooLarge(text())),
        KIND_PANIC => Err(Failure::Crashed(format!("内部错误：{}", text()))),
        KIND_ENCRYPTED => Err(Failure::Encrypted(text())),
        other => Err(Failure::Crashed(format!(
            "读取进程的回复类型未知（{other}）"
        ))),
    }
}

/// Why a call to a worker gave no reply.
enum Call {
    Timeout,
    Died,
}

struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    /// The replies read by the `reader` thread from the worker's standard output.
    replies: Receiver<std::io::Result<(u8, Vec<u8>)>>,
    reader: Option<std::thread::JoinHandle<()>>,
    tail: Arc<Mutex<Vec<u8>>>,
    drain: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    fn send(&mut self, format: Format, bytes: &[u8], limits: &Limits) -> Result<(), Call> {
        let header = serde_json::to_vec(&Header {
            format,
            limits: *limits,
        })
        .map_err(|_| Call::Died)?;
        let stdin = self.stdin.as_mut().ok_or(Call::Died)?;
        let header_len = u32::try_from(header.len()).map_err(|_| Call::Died)?;
        let mut head = Vec::with_capacity(header.len() + 12);
        head.extend_from_slice(&header_len.to_le_bytes());
        head.extend_from_slice(&header);
        head.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        stdin
            .write_all(&head)
            .and_then(|()| stdin.write_all(bytes))
            .and_then(|()| stdin.flush())
            .map_err(|_| Call::Died)
    }

    /// Waits for one reply at most until `deadline`.
    fn receive(&mut self, deadline: Instant) -> Result<(u8, Vec<u8>), Call> {
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.replies.recv_timeout(wait) {
            Ok(Ok(reply)) => Ok(reply),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(Call::Died),
            Err(RecvTimeoutError::Timeout) => Err(Call::Timeout),
        }
    }

    /// Waits for a worker that died, and says what killed it.
    fn reap(mut self, memory: u64) -> Failure {
        self.stdin = None;
        let status = self.child.wait();
        if let Some(drain) = self.drain.take() {
            let _ = drain.join();
        }
        let tail = self.tail.lock().unwrap_or_else(|e| e.into_inner()).clone();
        classify(status.ok(), &String::from_utf8_lossy(&tail), memory)
    }
}

/// Reads one reply from a worker's standard output (blocking: on the worker's reader thread).
fn read_reply(stdout: &mut ChildStdout) -> std::io::Result<(u8, Vec<u8>)> {
    let mut head = [0u8; 9];
    stdout.read_exact(&mut head)?;
    let mut len = [0u8; 8];
    len.copy_from_slice(&head[1..9]);
    let len = usize::try_from(u64::from_le_bytes(len))
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
    let mut payload = Vec::new();
    payload
        .try_reserve_exact(len)
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
    payload.resize(len, 0);
    stdout.read_exact(&mut payload)?;
    Ok((head[0], payload))
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Idle at the end of the run: closing its input ends it. Busy (a timeout): killed.
        self.stdin = None;
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        if let Some(drain) = self.drain.take() {
            let _ = drain.join();
        }
        // Its output has ended with the process: the reader thread has returned or returns.
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

/// What a dead worker's exit status and last words say.
fn classify(status: Option<ExitStatus>, stderr: &str, memory: u64) -> Failure {
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
        if !crate::platform::WORKER_MEMORY_CAPPED {
            return Failure::TooLarge(
                "读取此文件所需内存超过本机可用内存，读取进程已终止".to_owned(),
            );
        }
        return Failure::TooLarge(format!(
            "读取此文件所需内存超过上限 {}，读取进程已终止",
            human_mib(memory)
        ));
    }
    if stderr.contains("overflowed its stack") {
        return Failure::Crashed("栈溢出：文件结构嵌套过深".to_owned());
    }
    match status {
        Some(s) => Failure::Crashed(crate::platform::exit_cause(&s)),
        None => Failure::Crashed("读取进程意外退出".to_owned()),
    }
}

// ---------------------------------------------------------------------------------------------
// The worker

/// `reportlint __extract [--memory BYTES]`: reads requests from standard input until it closes,
/// answers each on standard output. Returns the exit code.
pub fn worker_main(args: &[OsString]) -> u8 {
    let memory = args
        .iter()
        .position(|a| a == "--memory")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.to_str())
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(WORKER_MEMORY);
    if memory > 0 {
        // Without the limit (Windows, or a refused setrlimit) the worker still isolates
        // crashes and hangs; memory is then only bounded by the readers' own budgets.
        let _ = crate::platform::limit_memory(memory);
    }
    // Panics are answered as such; nothing for standard error.
    std::panic::set_hook(Box::new(|_| {}));
    let mut input = std::io::stdin().lock();
    let mut output = std::io::stdout().lock();
    loop {
        let (header, bytes) = match read_request(&mut input) {
            Ok(Some(r)) => r,
            Ok(None) => return 0,
            Err(_) => return 2,
        };
        let run = std::panic::AssertUnwindSafe(|| {
            reportlint_formats::extract(header.format, &bytes, &header.limits)
        });
        let (kind, payload) = match std::panic::catch_unwind(run) {
            Ok(Ok(extracted)) => {
                drop(bytes);
                match serde_json::to_vec(&extracted) {
                    Ok(json) => (KIND_OK, json),
                    Err(e) => (KIND_PANIC, e.to_string().into_bytes()),
                }
            }
            Ok(Err(e @ FormatError::OverBudget(_))) => {
                (KIND_OVER_BUDGET, e.to_string().into_bytes())
            }
            Ok(Err(e @ FormatError::EncryptedPdf)) => (KIND_ENCRYPTED, e.to_string().into_bytes()),
            Ok(Err(FormatError::ReaderFailed(what))) => (KIND_PANIC, what.into_bytes()),
            Ok(Err(e)) => (KIND_FORMAT_ERROR, e.to_string().into_bytes()),
            Err(panic) => {
                let what = crate::output::panic_message(&*panic);
                (KIND_PANIC, what.as_bytes().to_vec())
            }
        };
        let written = output
            .write_all(&[kind])
            .and_then(|()| output.write_all(&(payload.len() as u64).to_le_bytes()))
            .and_then(|()| output.write_all(&payload))
            .and_then(|()| output.flush());
        if written.is_err() {
            return 2;
        }
    }
}

fn read_request(input: &mut impl Read) -> std::io::Result<Option<(Header, Vec<u8>)>> {
    let mut len = [0u8; 4];
    // End of input before a request: the pool is done with this worker.
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut header = vec![0u8; u32::from_le_bytes(len) as usize];
    input.read_exact(&mut header)?;
    let header: Header = serde_json::from_slice(&header)?;
    let mut len = [0u8; 8];
    input.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    // Room for the whole file at once: growing by doubling would hold up to twice its size
    // (and copy it) under the worker's memory limit. The length is the main process's, which
    // read the file within `--max-file-size`.
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(usize::try_from(len).unwrap_or(usize::MAX))
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
    input.take(len).read_to_end(&mut bytes)?;
    if (bytes.len() as u64) < len {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some((header, bytes)))
}

// ---------------------------------------------------------------------------------------------
// Findings for a file

impl Linter<'_> {
    /// The level the configuration gives a `format/…` finding for this file, if it sets one.
    pub(crate) fn pseudo_level(&self, input: &Input, id: &'static str) -> Option<Level> {
        let config_path = match input {
            Input::File(p) => p.as_path(),
            Input::Stdin => Path::new(&self.stdin_name),
        };
        // A broken configuration is reported for the file's other inputs; here the finding
        // keeps its default level.
        let config = self.discovery.config_for_file(config_path).ok()?;
        Resolved::new(config.as_deref(), config_path, self.region.as_ref(), &[id]).level(id)
    }

    /// The outcome of a file whose document could not be extracted.
    pub(crate) fn extract_failure(&self, input: &Input, path: String, f: Failure) -> FileOutcome {
        if let Failure::Unreadable(message) = f {
            return failure(path, message);
        }
        let mut outcome = failure(path, String::new());
        outcome.failed = false;
        outcome.findings.clear();
        let severity = match self.pseudo_level(input, f.rule()) {
            _ if !(self.selected)(f.rule()) => None,
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(s),
            None => Some(Severity::Error),
        };
        if let Some(severity) = severity {
            let mut diag = Diagnostic::error(Span::empty(0), f.message())
                .with_rule(f.rule())
                .with_help(f.help());
            diag.severity = severity;
            outcome.findings.push(Finding::at_file_start(diag));
        }
        outcome
    }

    /// A `format/too-large` warning for each limit the reader worked around (the text is still
    /// checked).
    pub(crate) fn limit_findings(&self, input: &Input, limited: &[String]) -> Vec<Diagnostic> {
        if limited.is_empty() {
            return Vec::new();
        }
        // The default level (error) is for a file that was not read at all; one read in part
        // warns, unless the configuration says otherwise.
        let severity = match self.pseudo_level(input, TOO_LARGE.id) {
            _ if !(self.selected)(TOO_LARGE.id) => return Vec::new(),
            Some(Level::Off) => return Vec::new(),
            Some(Level::On(s)) => s,
            None => Severity::Warning,
        };
        limited
            .iter()
            .map(|what| {
                let mut d = Diagnostic::warning(
                    Span::empty(0),
                    format!("{what}；其余内容照常检查，超出部分可能未完整检查"),
                )
                .with_rule(TOO_LARGE.id)
                .with_help("文件可能已损坏或为恶意构造；请用原软件重新导出（另存为）后再检查");
                d.severity = severity;
                d
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_worker_is_classified_by_its_last_words() {
        let oom = classify(
            None,
            "memory allocation of 660764204 bytes failed\n",
            512 << 20,
        );
        assert_eq!(oom.rule(), "format/too-large");
        if crate::platform::WORKER_MEMORY_CAPPED {
            assert!(oom.message().contains("512 MiB"), "{}", oom.message());
        }
        let stack = classify(
            None,
            "\nthread 'reportlint-pdf' has overflowed its stack\nfatal runtime error: stack overflow\n",
            1,
        );
        assert_eq!(stack.rule(), "format/crashed");
        assert!(stack.message().contains("栈溢出"), "{}", stack.message());
        let other = classify(None, "", 1);
        assert_eq!(other.rule(), "format/crashed");
    }

    #[test]
    fn requests_round_trip() {
        let header = Header {
            format: Format::Html,
            limits: Limits::default(),
        };
        let json = serde_json::to_vec(&header).unwrap();
        let mut wire = Vec::new();
        wire.extend_from_slice(&(json.len() as u32).to_le_bytes());
        wire.extend_from_slice(&json);
        wire.extend_from_slice(&5u64.to_le_bytes());
        wire.extend_from_slice(b"<p>x");
        // One byte short: an error, not a request with the wrong bytes.
        assert!(read_request(&mut wire.as_slice()).is_err());
        wire.push(b'>');
        let (h, bytes) = read_request(&mut wire.as_slice()).unwrap().unwrap();
        assert_eq!(h.format, Format::Html);
        assert_eq!(bytes, b"<p>x>");
        assert!(read_request(&mut &b""[..]).unwrap().is_none());
    }

    #[cfg(unix)]
    /// A pool whose workers are `sh -c SCRIPT` (the real worker is tested through the binary in
    /// tests/hostile.rs).
    fn shell_pool(script: &str, timeout: Duration) -> Pool {
        Pool {
            exe: "sh".into(),
            args: vec!["-c".into(), script.into()],
            timeout,
            memory: 256 << 20,
            idle: Mutex::new(Vec::new()),
        }
    }

    #[cfg(unix)]
    fn extract(pool: &Pool) -> Result<Extracted, Failure> {
        pool.extract(Format::Html, b"<p>x</p>", &Limits::default())
    }

    #[cfg(unix)]
    #[test]
    fn a_worker_that_never_answers_is_killed_at_the_deadline() {
        let pool = shell_pool("exec sleep 600", Duration::from_millis(200));
        let started = Instant::now();
        assert_eq!(
            extract(&pool).unwrap_err(),
            Failure::Timeout(Duration::from_millis(200))
        );
        // Killed, not waited for: well before the sleep would end.
        assert!(started.elapsed() < Duration::from_secs(300));
        assert!(pool.idle().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_worker_that_dies_is_a_crash_or_an_exhausted_memory() {
        let pool = shell_pool("kill -ABRT $$", Duration::from_secs(600));
        let crashed = extract(&pool).unwrap_err();
        assert_eq!(crashed.rule(), "format/crashed");
        assert!(
            crashed.message().contains("信号 6"),
            "{}",
            crashed.message()
        );
        let pool = shell_pool(
            "echo 'memory allocation of 4294967295 bytes failed' >&2; kill -ABRT $$",
            Duration::from_secs(600),
        );
        let oom = extract(&pool).unwrap_err();
        assert_eq!(oom.rule(), "format/too-large");
        assert!(oom.message().contains("256 MiB"), "{}", oom.message());
        let pool = shell_pool("exit 3", Duration::from_secs(600));
        let exited = extract(&pool).unwrap_err();
        assert!(
            exited.message().contains("退出码 3"),
            "{}",
            exited.message()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_worker_answers_with_the_document_and_a_dead_idle_worker_is_replaced() {
        // A worker that answers once with a document, as JSON, then exits.
        let json = r#"{"text":"一、总体情况\n","tables":[],"images":[]}"#;
        let script = format!(
            "head -c 4 >/dev/null; printf '\\000'; printf '\\{len:03o}\\000\\000\\000\\000\\000\\000\\000'; printf '%s' '{json}'",
            len = json.len()
        );
        let pool = shell_pool(&script, Duration::from_secs(600));
        let e = extract(&pool).unwrap();
        assert_eq!(e.text, "一、总体情况\n");
        assert!(e.limited.is_empty() && e.no_text_layer.is_none());
        // Kept for the next file; dead by then, so replaced, and the file is not blamed.
        assert_eq!(pool.idle().len(), 1);
        assert_eq!(extract(&pool).unwrap().text, "一、总体情况\n");
    }

    #[test]
    fn the_pseudo_rules_are_documented_in_the_rule_page_shape() {
        for m in [&CRASHED, &TIMEOUT, &TOO_LARGE, &ENCRYPTED] {
            assert_eq!(m.check_documentation(), Ok(()));
        }
    }
}
