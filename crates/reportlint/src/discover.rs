//! Finding the files to lint.

use std::path::{Path, PathBuf};

/// One input: a file on disk or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// A path that could not be searched, or that was left out on purpose.
#[derive(Debug)]
pub struct DiscoverError {
    pub path: String,
    /// The path's bytes, when they are not UTF-8 (`path` shows them lossily).
    pub path_bytes: Option<Vec<u8>>,
    pub message: String,
    /// Left out on purpose (a symbolic link out of the folder, a pipe or device found in a
    /// folder): a warning, not a failure of the run.
    pub skipped: bool,
}

impl DiscoverError {
    fn new(path: &Path, message: String, skipped: bool) -> DiscoverError {
        DiscoverError {
            path: path.display().to_string(),
            path_bytes: non_utf8_bytes(path),
            message,
            skipped,
        }
    }
}

/// The bytes of `path` when it is not valid UTF-8 (so that JSON can carry it losslessly).
pub fn non_utf8_bytes(path: &Path) -> Option<Vec<u8>> {
    // On Unix the name's own bytes; on Windows (a name with an unpaired UTF-16 surrogate) its
    // WTF-8 encoding.
    path.to_str()
        .is_none()
        .then(|| path.as_os_str().as_encoded_bytes().to_vec())
}

/// How folders are searched.
#[derive(Debug, Clone, Copy, Default)]
pub struct Walk {
    /// Follow symbolic links, wherever they point (`--follow-links`). Without it a link is
    /// linted only when it points to a file inside the folder given; links to folders are not
    /// entered.
    pub follow_links: bool,
}

/// Extensions linted when a folder is searched.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "docx", "doc", "wps", "html", "htm", "shtml", "xhtml", "mht", "mhtml", "pdf",
];

/// What kind of special file `t` is, when it is not a regular file, a folder or a link.
pub fn special_kind(t: std::fs::FileType) -> Option<&'static str> {
    crate::platform::special_kind(t)
}

fn special_message(kind: &str) -> String {
    format!("这是{kind}，不是普通文件：已跳过，未打开读取")
}

/// Expands `paths` (files, folders, `-`) into inputs in a stable order: each argument's files
/// sorted by path, arguments in the order given. Hidden folders and `target/` are skipped.
/// Files named explicitly are linted whatever their extension (a pipe, device or socket named
/// is an error, never opened). In folders, symbolic links are followed only as `walk` says.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<DiscoverError>) {
    discover_with(paths, Walk::default())
}

/// [`discover`] with the folder-walking options.
pub fn discover_with(paths: &[PathBuf], walk: Walk) -> (Vec<Input>, Vec<DiscoverError>) {
    let (inputs, errors, _) = discover_counting(paths, walk);
    (inputs, errors)
}

/// Files found in folders that were left out because their extension is not a report's:
/// how many of each extension (lower case, `.xls`; `无扩展名` for none). Hidden files are not
/// counted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Unsupported(pub std::collections::BTreeMap<String, usize>);

impl Unsupported {
    /// How many files in all.
    pub fn total(&self) -> usize {
        self.0.values().sum()
    }

    /// `.xls 2 个、.jpg 1 个`, the most frequent first.
    pub fn describe(&self) -> String {
        let mut v: Vec<(&String, &usize)> = self.0.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.iter()
            .map(|(e, n)| format!("{e} {n} 个"))
            .collect::<Vec<_>>()
            .join("、")
    }

    fn add(&mut self, p: &Path) {
        if p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
        {
            return;
        }
        let ext = p
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
            .unwrap_or_else(|| "无扩展名".to_owned());
        *self.0.entry(ext).or_insert(0) += 1;
    }
}

/// [`discover_with`], also counting the files left out for their extension.
pub fn discover_counting(
    paths: &[PathBuf],
    walk: Walk,
) -> (Vec<Input>, Vec<DiscoverError>, Unsupported) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut unsupported = Unsupported::default();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => errors.push(DiscoverError::new(path, io_message(&e), false)),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk_folder(path, walk, &mut found, &mut errors, &mut unsupported);
                inputs.extend(found.into_iter().map(Input::File));
            }
            Ok(m) => match special_kind(m.file_type()) {
                Some(kind) => errors.push(DiscoverError::new(path, special_message(kind), false)),
                None => inputs.push(Input::File(path.clone())),
            },
        }
    }
    (inputs, errors, unsupported)
}

fn walk_folder(
    root: &Path,
    walk: Walk,
    found: &mut Vec<PathBuf>,
    errors: &mut Vec<DiscoverError>,
    unsupported: &mut Unsupported,
) {
    // Where links may point: inside the folder as it really is.
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Links to files inside, with their targets: linted unless the target is found itself.
    let mut links: Vec<(PathBuf, PathBuf)> = Vec::new();
    let first = found.len();
    // Each folder's entries by name, so that files come in `Path`'s order. Entries of a folder
    // are its path joined with their names: comparing the paths' bytes compares the names,
    // without taking each path apart at every comparison as `sort_by_file_name` does (that
    // was half the cost of searching a folder of 10,000 reports).
    let walker = walkdir::WalkDir::new(root)
        .follow_links(walk.follow_links)
        .sort_by(|a, b| {
            a.path()
                .as_os_str()
                .as_encoded_bytes()
                .cmp(b.path().as_os_str().as_encoded_bytes())
        })
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skipped_dir(e));
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().unwrap_or(root);
                let message = e.io_error().map_or_else(|| e.to_string(), io_message);
                errors.push(DiscoverError::new(at, message, false));
                continue;
            }
        };
        let t = e.file_type();
        if t.is_dir() {
            continue;
        }
        if t.is_symlink() {
            // Not followed by the walk: a link to a file inside the folder is linted (under
            // the link's name); a link out of the folder, or to a folder, is not.
            let target = std::fs::canonicalize(e.path());
            let meta = std::fs::metadata(e.path());
            let wanted = has_report_extension(e.path());
            match (target, meta) {
                (Ok(t), Ok(m)) if m.is_file() && t.starts_with(&real_root) && wanted => {
                    links.push((e.into_path(), t));
                }
                (Ok(t), Ok(m)) if !t.starts_with(&real_root) && (m.is_dir() || wanted) => {
                    errors.push(DiscoverError::new(
                        e.path(),
                        format!(
                            "符号链接指向所给文件夹之外（{}），未跟随；确需检查时加 --follow-links",
                            crate::platform::display_path(&t)
                        ),
                        true,
                    ));
                }
                // Links to folders inside are not entered (their files are found anyway);
                // broken links and links to special files are left out.
                _ => {}
            }
            continue;
        }
        if !has_report_extension(e.path()) {
            if t.is_file() {
                unsupported.add(e.path());
            }
            continue;
        }
        if t.is_file() {
            found.push(e.into_path());
        } else if let Some(kind) = special_kind(t) {
            errors.push(DiscoverError::new(e.path(), special_message(kind), true));
        }
    }
    if links.is_empty() {
        return;
    }
    // A file found both by its own name and through a link is linted once (so `--fix` does not
    // write it twice).
    let real: std::collections::HashSet<PathBuf> = found[first..]
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok().map(|r| real_root.join(r)))
        .collect();
    found.extend(
        links
            .into_iter()
            .filter(|(_, target)| !real.contains(target))
            .map(|(link, _)| link),
    );
    // The walk found the files in order; the links join them in it.
    found[first..].sort();
}

fn skipped_dir(e: &walkdir::DirEntry) -> bool {
    e.file_type().is_dir()
        && e.file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
}

/// Whether the file name of `p` ends in one of [`EXTENSIONS`] (in any case), as
/// `p.extension()` would say; read off the path's bytes, without taking the path apart.
fn has_report_extension(p: &Path) -> bool {
    let b = p.as_os_str().as_encoded_bytes();
    let name = match b.iter().rposition(|&c| std::path::is_separator(c.into())) {
        Some(i) => &b[i + 1..],
        None => b,
    };
    // `extension()`: after the last dot, unless the dot starts the name (`.txt` has none).
    match name.iter().rposition(|&c| c == b'.') {
        Some(dot) if dot > 0 => {
            let ext = &name[dot + 1..];
            EXTENSIONS
                .iter()
                .any(|x| x.as_bytes().eq_ignore_ascii_case(ext))
        }
        _ => false,
    }
}

/// An I/O error in Chinese, with the OS's own words after it.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let what = match e.kind() {
        NotFound => "路径不存在",
        PermissionDenied => "没有读取权限",
        IsADirectory => "这是一个文件夹",
        _ => return format!("无法读取：{}", reportlint_config::messages::io_error(e)),
    };
    format!("{what}（{e}）")
}

/// An error writing a file, in Chinese, with the OS's own words after it.
pub fn io_write_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let what = match e.kind() {
        NotFound => "路径不存在",
        PermissionDenied => "没有写入权限",
        IsADirectory => "这是一个文件夹",
        _ => return format!("无法写入：{}", reportlint_config::messages::io_error(e)),
    };
    format!("{what}（{e}）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_is_read_as_path_extension_reads_it() {
        for p in [
            "a.txt",
            "a.TXT",
            "a.Pdf",
            "dir.pdf/a",
            "a.tar.docx",
            ".txt",
            "a.",
            "a",
            "a.txt.bak",
            "报告.doc",
            "x/.pdf",
            "x/y.md",
            "a.html",
            "a.xls",
            "a. txt",
            "a.txt ",
        ] {
            let p = Path::new(p);
            let expected = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
            assert_eq!(has_report_extension(p), expected, "{}", p.display());
        }
    }

    #[test]
    fn a_folder_s_files_come_in_path_order() {
        let dir = std::env::temp_dir().join(format!("reportlint-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for f in [
            "b/x.txt",
            "b.txt",
            "b-c.txt",
            "a/z.pdf",
            "a/c/d.md",
            "报告.docx",
            "c.xls",
        ] {
            let f = dir.join(f);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(&f, "x").unwrap();
        }
        let (inputs, errors, unsupported) =
            discover_counting(std::slice::from_ref(&dir), Walk::default());
        let _ = std::fs::remove_dir_all(&dir);
        assert!(errors.is_empty());
        assert_eq!(unsupported.total(), 1);
        let found: Vec<String> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => p.strip_prefix(&dir).unwrap().display().to_string(),
                Input::Stdin => unreachable!(),
            })
            .collect();
        let mut sorted = inputs.clone();
        sorted.sort();
        assert_eq!(inputs, sorted);
        let sep = std::path::MAIN_SEPARATOR;
        assert_eq!(
            found,
            [
                format!("a{sep}c{sep}d.md"),
                format!("a{sep}z.pdf"),
                format!("b{sep}x.txt"),
                "b-c.txt".to_owned(),
                "b.txt".to_owned(),
                "报告.docx".to_owned(),
            ]
        );
    }
}
