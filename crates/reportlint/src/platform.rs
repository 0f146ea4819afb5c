//! Everything that differs between Unix and Windows, in one place: the rest of the crate calls
//! these functions and has no `#[cfg(unix)]` / `#[cfg(windows)]` of its own (docs/windows.md
//! lists what each one does on each system).
//!
//! - reading a file: opened only when it is a regular file ([`open_regular`], [`special_kind`]);
//! - the reader workers: their memory cap ([`limit_memory`], Unix only) and how a dead one
//!   ended ([`exit_cause`]);
//! - `--fix`: what makes a file unwritable ([`refuse_write`]), keeping its permissions and owner
//!   ([`keep_attributes`]), whether a killed run's temporary file is stale ([`stale_temp`]);
//! - paths shown to people ([`display_path`]);
//! - the peak memory and CPU time of child processes, for the benchmark and the tests
//!   ([`children_peak_rss_kib`], [`children_cpu_secs`]).

use std::fs::{File, FileType, Metadata};
use std::path::Path;
use std::process::ExitStatus;

/// Whether a worker's memory is capped by the system ([`limit_memory`]): on Unix through
/// `RLIMIT_AS`; Windows has no equivalent in the standard library (a job object would need
/// `unsafe` code), so there only the readers' own budgets and `--max-file-size` bound it.
pub const WORKER_MEMORY_CAPPED: bool = cfg!(unix);

/// Opens `path` for reading only when it is a regular file: a pipe, device or socket (what a
/// FIFO put in place of a report would be) is refused without blocking on it. Returns the open
/// file and its metadata, or the kind of special file it is.
pub fn open_regular(path: &Path) -> std::io::Result<Result<(File, Metadata), &'static str>> {
    #[cfg(unix)]
    let file = {
        // Opening a FIFO without O_NONBLOCK waits for a writer; with it, the open returns and
        // the metadata below says what the file is.
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(nix::libc::O_NONBLOCK)
            .open(path)?
    };
    #[cfg(windows)]
    let file = {
        // No non-blocking open in the standard library: the path's metadata is checked before
        // it is opened (a named pipe or device such as `\\.\pipe\x`, `COM1` is not a file),
        // and the open file's once more below.
        let before = std::fs::metadata(path)?;
        if let Some(kind) = special_kind(before.file_type()) {
            return Ok(Err(kind));
        }
        File::open(path)?
    };
    let meta = file.metadata()?;
    Ok(match special_kind(meta.file_type()) {
        Some(kind) => Err(kind),
        None => Ok((file, meta)),
    })
}

/// What kind of special file `t` is, when it is not a regular file, a folder or a link.
pub fn special_kind(t: FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            Some("命名管道（FIFO）")
        } else if t.is_socket() {
            Some("套接字")
        } else if t.is_char_device() {
            Some("字符设备")
        } else if t.is_block_device() {
            Some("块设备")
        } else {
            None
        }
    }
    #[cfg(not(unix))]
    {
        (!t.is_file() && !t.is_dir() && !t.is_symlink()).then_some("设备或管道")
    }
}

/// Caps the address space of this process (a reader worker) at `bytes`. Returns whether a cap
/// is in force: never on Windows ([`WORKER_MEMORY_CAPPED`]).
pub fn limit_memory(bytes: u64) -> bool {
    #[cfg(unix)]
    {
        use nix::sys::resource::{setrlimit, Resource};
        setrlimit(Resource::RLIMIT_AS, bytes, bytes).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = bytes;
        false
    }
}

/// How a worker that ended unexpectedly ended, in words for the `format/crashed` finding.
pub fn exit_cause(status: &ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        match (status.signal(), status.code()) {
            (Some(sig), _) => format!("读取进程被信号 {sig} 终止"),
            (None, Some(code)) => format!("读取进程意外退出，退出码 {code}"),
            (None, None) => "读取进程意外退出".to_owned(),
        }
    }
    #[cfg(not(unix))]
    {
        match status.code() {
            // An NTSTATUS (0xC…): what the system says ended the process.
            Some(code) if (code as u32) >= 0xC000_0000 => {
                let code = code as u32;
                let what = match code {
                    0xC000_00FD => "栈溢出",
                    0xC000_0005 => "访问违规",
                    0xC000_0017 | 0xC000_009A => "内存不足",
                    0xC000_0409 => "异常中止",
                    0xC000_013A => "被 Ctrl+C 中断",
                    _ => "异常",
                };
                format!("读取进程{what}终止（状态码 0x{code:08X}）")
            }
            Some(code) => format!("读取进程意外退出，退出码 {code}"),
            None => "读取进程意外退出".to_owned(),
        }
    }
}

/// Why `--fix` may not write a file with these metadata (a read-only file), if it may not.
pub fn refuse_write(meta: &Metadata) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o7777;
        (mode & 0o222 == 0).then(|| {
            format!("文件是只读的（权限 {mode:04o}），未修改；确需修复时先加上写权限（chmod u+w）")
        })
    }
    #[cfg(not(unix))]
    {
        meta.permissions()
            .readonly()
            .then(|| "文件是只读的，未修改；确需修复时先在文件的“属性”中取消“只读”".to_owned())
    }
}

/// How many names (hard links) the file has, when the system tells (Unix). On Windows the
/// standard library does not say, so a hard-linked file is not recognised there.
pub fn hard_links(meta: &Metadata) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(meta.nlink())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Gives `file` (the new content, about to replace the old file) the permissions and owner of
/// the old file (`meta`); an error message when the owner cannot be kept. On Windows the
/// read-only attribute is the only permission in the standard library; the new file has the
/// folder's inherited access rights, and the owner is the user running reportlint.
pub fn keep_attributes(file: &File, meta: &Metadata) -> Result<(), KeepError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mode = meta.permissions().mode() & 0o7777;
        file.set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(KeepError::Io)?;
        let (uid, gid) = (meta.uid(), meta.gid());
        let _ = std::os::unix::fs::fchown(file, Some(uid), Some(gid));
        let now = file.metadata().map_err(KeepError::Io)?;
        if (now.uid(), now.gid()) != (uid, gid) {
            return Err(KeepError::Refused(format!(
                "无法保留文件的所有者（uid {uid}，gid {gid}），未写入；请以文件所有者的身份运行"
            )));
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        file.set_permissions(meta.permissions())
            .map_err(KeepError::Io)
    }
}

/// Why [`keep_attributes`] failed.
#[derive(Debug)]
pub enum KeepError {
    Io(std::io::Error),
    Refused(String),
}

/// Whether a temporary file left by `--fix` run `pid` (with these metadata) is stale: that
/// process no longer runs. On Linux `/proc` tells; elsewhere a process cannot be looked up
/// without `unsafe` code, so a temporary file counts as stale once it is a day old (a write
/// takes milliseconds).
pub fn stale_temp(pid: u32, meta: &Metadata) -> bool {
    if pid == std::process::id() {
        return false;
    }
    if cfg!(target_os = "linux") {
        return !Path::new(&format!("/proc/{pid}")).exists();
    }
    meta.modified()
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(24 * 60 * 60))
}

/// A path as people read it: on Windows without the `\\?\` prefix that
/// [`std::fs::canonicalize`] adds (`\\?\C:\报告` → `C:\报告`, `\\?\UNC\服务器\共享` →
/// `\\服务器\共享`); elsewhere as it is.
pub fn display_path(path: &Path) -> String {
    let shown = path.display().to_string();
    if !cfg!(windows) {
        return shown;
    }
    if let Some(unc) = shown.strip_prefix(r"\\?\UNC\") {
        return format!(r"\\{unc}");
    }
    match shown.strip_prefix(r"\\?\") {
        Some(rest) if rest.as_bytes().get(1) == Some(&b':') => rest.to_owned(),
        _ => shown,
    }
}

/// The peak resident memory of this process's finished child processes, in KiB (Unix
/// `getrusage(RUSAGE_CHILDREN)`); `None` on Windows, where the standard library cannot tell.
pub fn children_peak_rss_kib() -> Option<u64> {
    #[cfg(unix)]
    {
        use nix::sys::resource::{getrusage, UsageWho};
        getrusage(UsageWho::RUSAGE_CHILDREN)
            .ok()
            .map(|u| u64::try_from(u.max_rss()).unwrap_or(0))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The CPU time (user and system) of this process's finished child processes, in seconds (Unix
/// `getrusage(RUSAGE_CHILDREN)`); `None` on Windows.
pub fn children_cpu_secs() -> Option<f64> {
    #[cfg(unix)]
    {
        use nix::sys::resource::{getrusage, UsageWho};
        let secs = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
        getrusage(UsageWho::RUSAGE_CHILDREN)
            .ok()
            .map(|u| secs(u.user_time()) + secs(u.system_time()))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_opens_and_a_folder_is_not_special() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.txt");
        std::fs::write(&p, "一").unwrap();
        let (_, meta) = open_regular(&p).unwrap().unwrap();
        assert_eq!(meta.len(), 3);
        let folder = std::fs::metadata(dir.path()).unwrap();
        assert_eq!(special_kind(folder.file_type()), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.txt");
        nix::unistd::mkfifo(&p, nix::sys::stat::Mode::S_IRWXU).unwrap();
        assert_eq!(open_regular(&p).unwrap().unwrap_err(), "命名管道（FIFO）");
    }

    #[test]
    fn a_read_only_file_is_refused_and_a_writable_one_not() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.txt");
        std::fs::write(&p, "一").unwrap();
        assert_eq!(refuse_write(&std::fs::metadata(&p).unwrap()), None);
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
        let why = refuse_write(&std::fs::metadata(&p).unwrap()).unwrap();
        assert!(why.contains("只读"), "{why}");
    }

    #[test]
    fn verbatim_prefixes_are_not_shown() {
        let shown = display_path(Path::new(r"\\?\C:\报告\a.txt"));
        if cfg!(windows) {
            assert_eq!(shown, r"C:\报告\a.txt");
            assert_eq!(
                display_path(Path::new(r"\\?\UNC\服务器\共享\a.txt")),
                r"\\服务器\共享\a.txt"
            );
        } else {
            // A backslash is an ordinary character in a Unix file name.
            assert_eq!(shown, r"\\?\C:\报告\a.txt");
        }
        assert_eq!(display_path(Path::new("报告/a.txt")), "报告/a.txt");
    }

    #[test]
    fn a_temporary_file_of_this_process_is_never_stale() {
        let dir = tempfile::tempdir().unwrap();
        let meta = std::fs::metadata(dir.path()).unwrap();
        assert!(!stale_temp(std::process::id(), &meta));
    }
}
