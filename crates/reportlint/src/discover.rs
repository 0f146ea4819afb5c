//! Finding the files to lint.

use std::path::{Path, PathBuf};

/// One input: a file on disk or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// A path that could not be searched.
#[derive(Debug)]
pub struct DiscoverError {
    pub path: String,
    pub message: String,
}

/// Extensions linted when a folder is searched.
pub const EXTENSIONS: &[&str] = &["txt", "md", "docx", "html", "htm", "pdf"];

/// Expands `paths` (files, folders, `-`) into inputs in a stable order: each argument's files
/// sorted by path, arguments in the order given. Hidden folders and `target/` are skipped.
/// Files named explicitly are linted whatever their extension.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<DiscoverError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => errors.push(DiscoverError {
                path: path.display().to_string(),
                message: io_message(&e),
            }),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                let walker = walkdir::WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !skipped_dir(e));
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() && has_report_extension(e.path()) => {
                            found.push(e.into_path())
                        }
                        Ok(_) => {}
                        Err(e) => errors.push(DiscoverError {
                            path: e.path().map_or_else(
                                || path.display().to_string(),
                                |p| p.display().to_string(),
                            ),
                            message: e.io_error().map_or_else(|| e.to_string(), io_message),
                        }),
                    }
                }
                found.sort();
                inputs.extend(found.into_iter().map(Input::File));
            }
            Ok(_) => inputs.push(Input::File(path.clone())),
        }
    }
    (inputs, errors)
}

fn skipped_dir(e: &walkdir::DirEntry) -> bool {
    e.file_type().is_dir()
        && e.file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
}

fn has_report_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// An I/O error in Chinese, with the OS's own words after it.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let what = match e.kind() {
        NotFound => "路径不存在",
        PermissionDenied => "没有读取权限",
        IsADirectory => "这是一个文件夹",
        _ => "无法读取",
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
        _ => "无法写入",
    };
    format!("{what}（{e}）")
}
