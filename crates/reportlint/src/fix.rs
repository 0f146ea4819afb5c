//! `--fix`, `--unsafe-fixes` and `--diff`: applying the fixes that rules attach to findings.
//!
//! Edits are byte ranges into the decoded text. The fixes of one pass that do not overlap are
//! applied from the end of the text backwards; the text is linted again (fixes may uncover
//! others) for a few passes. Only .txt and .md files are written, atomically (a temporary file in
//! the same folder, then a rename), in the encoding they came in — a GBK file stays GBK, a BOM is
//! kept — and with their line endings (edits never touch line breaks). A file whose bytes would
//! not survive decoding and re-encoding unchanged is not written.

use std::io::Write;
use std::path::Path;

use reportlint_core::source::Encoding;
use reportlint_core::{Applicability, Diagnostic};

/// What `check` does with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Only report.
    #[default]
    Off,
    /// Write the fixed files.
    Fix,
    /// Show the fixes as a unified diff; write nothing.
    Diff,
}

/// Which fixes are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FixOptions {
    pub mode: FixMode,
    /// Apply unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

impl FixOptions {
    pub fn applies(&self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::Suggestion => false,
        }
    }
}

/// What fixing one file did.
#[derive(Debug, Clone, Default)]
pub struct FixSummary {
    /// `rule：message` of every fix applied, in text order.
    pub applied: Vec<String>,
    /// `--diff`: the unified diff of the fixes.
    pub diff: Option<String>,
    /// The file was rewritten.
    pub written: bool,
    /// Why the fixes could not be written.
    pub error: Option<String>,
    /// `check - --fix`: the fixed text, in the input's encoding and line endings, for standard
    /// output (standard input is never written back anywhere).
    pub stdout: Option<Vec<u8>>,
}

/// Applies the applicable fixes of `diags` that do not overlap each other. Returns the new text
/// and the fixes applied, or `None` when nothing applies.
pub fn apply<'d>(
    text: &str,
    diags: &'d [Diagnostic],
    opts: &FixOptions,
) -> Option<(String, Vec<&'d Diagnostic>)> {
    let mut candidates: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| {
            d.fix.as_ref().is_some_and(|f| {
                opts.applies(f.applicability)
                    && !f.edits.is_empty()
                    && f.edits.iter().all(|e| {
                        e.span.end <= text.len()
                            && text.is_char_boundary(e.span.start)
                            && text.is_char_boundary(e.span.end)
                    })
            })
        })
        .collect();
    candidates.sort_by_key(|d| {
        d.fix
            .as_ref()
            .map(|f| f.edits.iter().map(|e| e.span.start).min())
    });
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut chosen = Vec::new();
    for d in candidates {
        let edits = &d.fix.as_ref().expect("filtered").edits;
        let overlaps = edits.iter().any(|e| {
            taken.iter().any(|&(s, t)| {
                // Two insertions at one point, or an edit inside another, overlap.
                e.span.start < t && s < e.span.end
                    || (e.span.start == s && (e.span.is_empty() || s == t))
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(edits.iter().map(|e| (e.span.start, e.span.end)));
        chosen.push(d);
    }
    if chosen.is_empty() {
        return None;
    }
    let mut edits: Vec<_> = chosen
        .iter()
        .flat_map(|d| &d.fix.as_ref().expect("filtered").edits)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_owned();
    for e in edits {
        out.replace_range(e.span.range(), &e.replacement);
    }
    Some((out, chosen))
}

/// `text` in `encoding`, with the BOM it had.
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
    }
}

/// The prefix of the temporary files `--fix` writes next to a file: `.reportlint-fix-PID-…`.
/// A run that is killed may leave one; the next `--fix` in that folder removes those whose
/// process is gone.
pub const TEMP_PREFIX: &str = ".reportlint-fix-";

/// Why a fixed file was not written: a sentence in Chinese, for `路径：…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn refused(what: impl Into<String>) -> Refused {
    Refused(what.into())
}

fn write_error(e: &std::io::Error) -> Refused {
    Refused(format!(
        "写入失败：{}",
        crate::discover::io_write_message(e)
    ))
}

/// Writes `bytes` in place of the file at `path`, whose content was `original` when it was read.
///
/// The file is replaced atomically — a temporary file in its folder, then an exchange of the two
/// names — and only when that keeps what the file is:
///
/// - a symbolic link is followed: the file it points to is fixed, the link stays a link;
/// - a read-only file (no write permission bit), a file this user cannot open for writing, or a
///   file with more than one hard link (replacing it would split the links) is not written;
/// - the new file gets the old one's permissions and owner; when the owner cannot be kept (a
///   file of another user), nothing is written;
/// - when the file's content is no longer `original` (edited while reportlint ran), or the file
///   is gone (deleted meanwhile), nothing is written, and a deleted file is never created again:
///   the exchange (`renameat2(RENAME_EXCHANGE)`) fails when there is no file to exchange with,
///   and the content it takes out is checked once more (an edit in the last instant is put back);
/// - the temporary file is named `.reportlint-fix-PID-…`; one left by a killed run is removed by
///   the next run that writes into that folder.
pub fn write_checked(path: &Path, original: &[u8], bytes: &[u8]) -> Result<(), Refused> {
    let gone = || refused("文件在检查期间被删除，未写入（也不会重新创建）");
    let real = match std::fs::canonicalize(path) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(gone()),
        Err(e) => return Err(write_error(&e)),
    };
    let meta = match std::fs::metadata(&real) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(gone()),
        Err(e) => return Err(write_error(&e)),
    };
    if !meta.is_file() {
        return Err(refused("不是普通文件，未写入"));
    }
    if let Some(why) = crate::platform::refuse_write(&meta) {
        return Err(refused(why));
    }
    if let Some(links @ 2..) = crate::platform::hard_links(&meta) {
        return Err(refused(format!(
            "文件有 {links} 个硬链接，替换它会拆开这些链接，未写入；可用 --diff 查看修改后手工修改"
        )));
    }
    // Writable by this user? (Opening for writing changes nothing.)
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(&real) {
        return Err(write_error(&e));
    }
    match std::fs::read(&real) {
        Ok(now) if now == original => {}
        Ok(_) => return Err(changed()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(gone()),
        Err(e) => return Err(write_error(&e)),
    }
    let dir = match real.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    remove_stale_temps(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| write_error(&e))?;
    tmp.write_all(bytes).map_err(|e| write_error(&e))?;
    let file = tmp.as_file();
    crate::platform::keep_attributes(file, &meta).map_err(|e| match e {
        crate::platform::KeepError::Io(e) => write_error(&e),
        crate::platform::KeepError::Refused(why) => refused(why),
    })?;
    file.sync_all().map_err(|e| write_error(&e))?;
    // The temporary file is removed when `tmp` is dropped, whatever happens below.
    exchange(tmp, &real, original)
}

fn changed() -> Refused {
    refused("文件在检查期间被修改，未写入（以免覆盖新的内容）；请重新运行")
}

/// Puts `tmp` in the place of `real` when `real` still holds `original`; `tmp` then holds the
/// old file (removed with it).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(tmp: tempfile::NamedTempFile, real: &Path, original: &[u8]) -> Result<(), Refused> {
    use nix::errno::Errno;
    use nix::fcntl::{renameat2, RenameFlags, AT_FDCWD};
    match renameat2(
        AT_FDCWD,
        tmp.path(),
        AT_FDCWD,
        real,
        RenameFlags::RENAME_EXCHANGE,
    ) {
        Ok(()) => {
            // `tmp` now names the old file: it must be what was read.
            if std::fs::read(tmp.path()).is_ok_and(|old| old == original) {
                return Ok(());
            }
            // Changed in the last instant: put it back.
            match renameat2(
                AT_FDCWD,
                tmp.path(),
                AT_FDCWD,
                real,
                RenameFlags::RENAME_EXCHANGE,
            ) {
                Ok(()) => Err(changed()),
                Err(e) => {
                    // The edited file is under the temporary name: keep it, and say where.
                    let kept = tmp
                        .keep()
                        .map_or_else(|_| "（未知）".to_owned(), |(_, p)| p.display().to_string());
                    Err(refused(format!(
                        "文件在写入的瞬间被修改，且未能还原（{}）；修改后的原文件保存在 {kept}",
                        crate::discover::io_write_message(&e.into())
                    )))
                }
            }
        }
        Err(Errno::ENOENT) => Err(refused("文件在检查期间被删除，未写入（也不会重新创建）")),
        // A file system without the exchange: the checks above, then a plain rename.
        Err(Errno::EINVAL | Errno::ENOSYS | Errno::EOPNOTSUPP) => rename_over(tmp, real, original),
        Err(e) => Err(write_error(&e.into())),
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(tmp: tempfile::NamedTempFile, real: &Path, original: &[u8]) -> Result<(), Refused> {
    rename_over(tmp, real, original)
}

/// Replaces `real` by `tmp` with a rename, after checking once more that `real` is unchanged.
fn rename_over(tmp: tempfile::NamedTempFile, real: &Path, original: &[u8]) -> Result<(), Refused> {
    match std::fs::read(real) {
        Ok(now) if now == original => {}
        Ok(_) => return Err(changed()),
        Err(_) => return Err(refused("文件在检查期间被删除，未写入（也不会重新创建）")),
    }
    tmp.persist(real)
        .map(drop)
        .map_err(|e| write_error(&e.error))
}

/// Removes the temporary files of `--fix` runs that were killed: `.reportlint-fix-PID-….tmp`
/// files in `dir` whose process no longer runs.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = name
            .strip_prefix(TEMP_PREFIX)
            .filter(|rest| rest.ends_with(".tmp"))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let stale = entry
            .metadata()
            .is_ok_and(|m| m.is_file() && crate::platform::stale_temp(pid, &m));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A unified diff of `old` → `new` for `path`, three lines of context.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reportlint_core::{Edit, Fix, Span};

    fn d(start: usize, end: usize, rep: &str, a: Applicability) -> Diagnostic {
        let fix = Fix {
            message: format!("改为“{rep}”"),
            edits: vec![Edit::replace(Span::new(start, end), rep)],
            applicability: a,
        };
        Diagnostic::error(Span::new(start, end), "x").with_fix(fix)
    }

    #[test]
    fn non_overlapping_fixes_from_the_end() {
        let text = "2、主动公开\n3、申请";
        let diags = [
            d(0, 1, "二", Applicability::Safe),
            d(0, 4, "X", Applicability::Safe), // overlaps the first: skipped
            d(17, 18, "三", Applicability::Safe),
            d(4, 7, "?", Applicability::Unsafe),
        ];
        let opts = FixOptions {
            mode: FixMode::Fix,
            unsafe_fixes: false,
        };
        let (out, applied) = apply(text, &diags, &opts).unwrap();
        assert_eq!(out, "二、主动公开\n三、申请");
        assert_eq!(applied.len(), 2);
    }

    fn folder() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    #[test]
    fn writes_in_place_keeping_mode_and_owner() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = folder();
        let p = dir.path().join("r.txt");
        std::fs::write(&p, "2、旧").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        let before = std::fs::metadata(&p).unwrap();
        write_checked(&p, "2、旧".as_bytes(), "二、新".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "二、新");
        let after = std::fs::metadata(&p).unwrap();
        assert_eq!(after.permissions().mode() & 0o7777, 0o640);
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        assert_eq!(names(dir.path()), ["r.txt"], "no temporary file left");
    }

    /// R27 as root: a file of another user keeps its owner.
    #[cfg(unix)]
    #[test]
    fn a_file_of_another_user_keeps_its_owner_or_is_refused() {
        use std::os::unix::fs::MetadataExt;
        let dir = folder();
        let p = dir.path().join("r.txt");
        std::fs::write(&p, "旧").unwrap();
        // As root this hands the file to `nobody`; as anyone else it fails and the file stays ours.
        let _ = std::os::unix::fs::chown(&p, Some(65534), Some(65534));
        let owner = std::fs::metadata(&p).map(|m| (m.uid(), m.gid())).unwrap();
        match write_checked(&p, "旧".as_bytes(), "新".as_bytes()) {
            Ok(()) => assert_eq!(std::fs::read_to_string(&p).unwrap(), "新"),
            Err(why) => {
                assert!(why.0.contains("所有者"), "{why}");
                assert_eq!(std::fs::read_to_string(&p).unwrap(), "旧");
            }
        }
        let m = std::fs::metadata(&p).unwrap();
        assert_eq!((m.uid(), m.gid()), owner);
    }

    /// R27: a read-only file is refused, even for root.
    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = folder();
        let p = dir.path().join("r.txt");
        std::fs::write(&p, "旧").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        let why = write_checked(&p, "旧".as_bytes(), "新".as_bytes()).unwrap_err();
        assert!(why.0.contains("只读") && why.0.contains("0444"), "{why}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "旧");
    }

    /// R27: replacing a file with two names would split them; it is refused.
    #[test]
    fn a_hard_linked_file_is_refused() {
        let dir = folder();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "旧").unwrap();
        std::fs::hard_link(&p, dir.path().join("twin.txt")).unwrap();
        let why = write_checked(&p, "旧".as_bytes(), "新".as_bytes()).unwrap_err();
        assert!(why.0.contains("硬链接"), "{why}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("twin.txt")).unwrap(),
            "旧"
        );
        assert_eq!(names(dir.path()), ["a.txt", "twin.txt"]);
    }

    /// R27: a symbolic link stays a link; the file it points to is fixed.
    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_and_kept() {
        let dir = folder();
        let target = dir.path().join("target.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&target, "旧").unwrap();
        std::os::unix::fs::symlink("target.txt", &link).unwrap();
        write_checked(&link, "旧".as_bytes(), "新".as_bytes()).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "新");
        assert_eq!(names(dir.path()), ["link.txt", "target.txt"]);
    }

    /// R30: an edit made while reportlint ran is kept, and the fix is not written.
    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let dir = folder();
        let p = dir.path().join("r.txt");
        std::fs::write(&p, "旧\n用户追加的一行\n").unwrap();
        let why = write_checked(&p, "旧\n".as_bytes(), "新\n".as_bytes()).unwrap_err();
        assert!(why.0.contains("被修改"), "{why}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "旧\n用户追加的一行\n");
        assert_eq!(names(dir.path()), ["r.txt"]);
    }

    /// R30: a file deleted while reportlint ran is not created again.
    #[cfg(unix)]
    #[test]
    fn a_deleted_file_is_never_created_again() {
        let dir = folder();
        let p = dir.path().join("r.txt");
        let why = write_checked(&p, "旧".as_bytes(), "新".as_bytes()).unwrap_err();
        assert!(why.0.contains("被删除"), "{why}");
        assert!(names(dir.path()).is_empty());
        // Through a dangling link as well.
        std::os::unix::fs::symlink("gone.txt", dir.path().join("link.txt")).unwrap();
        let why = write_checked(
            &dir.path().join("link.txt"),
            "旧".as_bytes(),
            "新".as_bytes(),
        )
        .unwrap_err();
        assert!(why.0.contains("被删除"), "{why}");
        assert_eq!(names(dir.path()), ["link.txt"]);
    }

    /// The temporary file of a killed run (its process gone) is removed by the next run; one of
    /// a running process (this one) is left alone.
    #[test]
    fn temporary_files_of_killed_runs_are_removed() {
        let dir = folder();
        let p = dir.path().join("r.txt");
        std::fs::write(&p, "旧").unwrap();
        // Above the largest pid Linux allows (2^22): no such process.
        let stale = format!("{TEMP_PREFIX}4294967-AbC123.tmp");
        let live = format!("{TEMP_PREFIX}{}-XyZ789.tmp", std::process::id());
        let other = ".reportlint-fix-notes.txt".to_owned();
        for n in [&stale, &live, &other] {
            std::fs::write(dir.path().join(n), "半截").unwrap();
        }
        write_checked(&p, "旧".as_bytes(), "新".as_bytes()).unwrap();
        let mut want = vec![other, live, "r.txt".to_owned()];
        want.sort();
        assert_eq!(names(dir.path()), want);
    }

    #[test]
    fn encodings_round_trip() {
        let text = "二、主动公开\r\n电话：0631-8898088";
        for enc in [
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
            Encoding::Gb18030,
        ] {
            let bytes = encode(text, enc);
            let (back, e) = reportlint_core::source::decode(&bytes).unwrap();
            assert_eq!((back.as_str(), e), (text, enc));
        }
    }
}

/// Counts for the closing line of a `--fix` or `--diff` run.
#[derive(Debug, Default, Clone, Copy)]
pub struct FixTotals {
    /// Files changed (or that `--diff` would change).
    pub files: usize,
    pub fixes: usize,
    /// Files whose fixes could not be written.
    pub failed: usize,
}

impl FixTotals {
    pub fn summary(&self, mode: FixMode) -> Option<String> {
        match mode {
            FixMode::Off => None,
            FixMode::Fix => Some(format!(
                "修复了 {} 个文件中的 {} 处问题{}",
                self.files,
                self.fixes,
                if self.failed > 0 {
                    format!("；{} 个文件未能写入", self.failed)
                } else {
                    String::new()
                }
            )),
            FixMode::Diff => Some(format!(
                "可修复 {} 个文件中的 {} 处问题（未写入；去掉 --diff、加上 --fix 以写入）",
                self.files, self.fixes
            )),
        }
    }
}

/// Says on `err` what fixing a file did: `已修复 path（3 处）：` and one line per fix.
pub fn report(
    err: &mut dyn Write,
    outcome: &crate::lint::FileOutcome,
    totals: &mut FixTotals,
) -> std::io::Result<()> {
    let Some(s) = &outcome.fixed else {
        return Ok(());
    };
    if s.applied.is_empty() {
        return Ok(());
    }
    if let Some(e) = &s.error {
        totals.failed += 1;
        return writeln!(err, "{}：{e}", outcome.path);
    }
    totals.files += 1;
    totals.fixes += s.applied.len();
    if s.written {
        writeln!(err, "已修复 {}（{} 处）：", outcome.path, s.applied.len())?;
        for a in &s.applied {
            writeln!(err, "  {a}")?;
        }
    }
    Ok(())
}

/// `--diff`: the fixes of each file as a unified diff, instead of the findings.
#[derive(Default)]
pub struct DiffEmitter;

impl crate::output::Emitter for DiffEmitter {
    fn file(
        &mut self,
        out: &mut dyn Write,
        outcome: &crate::lint::FileOutcome,
    ) -> std::io::Result<()> {
        if let Some(diff) = outcome.fixed.as_ref().and_then(|f| f.diff.as_ref()) {
            out.write_all(diff.as_bytes())?;
        }
        Ok(())
    }
}
