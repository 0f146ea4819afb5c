//! Reading and checking one `reportlint.toml`, following `extends`, and finding the file that
//! applies to a report.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};
use reportlint_core::{selector_matches, RuleMeta, SectionKind, Severity};
use reportlint_regions::RegionPath;
use serde::Deserialize;
use toml::Spanned;

use crate::custom::CustomRule;
use crate::resolve::{Level, Origin};
use crate::{parse_section, ConfigError};

/// The configuration file's name.
pub const CONFIG_FILE: &str = "reportlint.toml";

type RawRules = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    extends: Option<Spanned<String>>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    overrides: Vec<Spanned<RawOverride>>,
    #[serde(default)]
    regions: BTreeMap<Spanned<String>, Spanned<RawRegion>>,
    #[serde(default)]
    custom_rules: Vec<Spanned<RawCustomRule>>,
    compare: Option<RawCompare>,
    exclude: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompare {
    #[serde(default)]
    history: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Option<Vec<Spanned<String>>>,
    sections: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    rules: RawRules,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    #[serde(default)]
    rules: RawRules,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustomRule {
    id: Spanned<String>,
    pattern: Spanned<String>,
    message: String,
    severity: Option<Spanned<String>>,
    sections: Option<Vec<Spanned<String>>>,
    help: Option<String>,
}

/// One rule setting: a selector (id or crate prefix), a level, options.
#[derive(Debug, Clone)]
pub struct RuleSetting {
    pub selector: String,
    pub level: Option<Level>,
    /// The rule's own options (a JSON object), for a full rule id only.
    pub options: Option<serde_json::Value>,
    pub origin: Origin,
}

/// `[[overrides]]`: settings for some files, or for some sections of every report.
#[derive(Debug, Clone)]
pub struct Override {
    /// The globs as written, relative to the config file's folder.
    pub patterns: Vec<String>,
    globs: Option<GlobSet>,
    /// `None`: every section.
    pub sections: Option<Vec<SectionKind>>,
    pub rules: Vec<RuleSetting>,
}

impl Override {
    /// Whether the override's `files` (if any) match `file`, relative to `dir`.
    pub fn matches_file(&self, dir: &Path, file: &Path) -> bool {
        match &self.globs {
            None => true,
            Some(set) => glob_matches(set, dir, file),
        }
    }
}

/// Whether `set` (globs relative to folder `dir`) matches `file`, however the two are spelt:
/// relative to the current folder or absolute, with `.` and `..`, with `/` or `\` between
/// the names. A file outside `dir` is matched by its whole path only (`**/草稿/**`).
pub fn glob_matches(set: &GlobSet, dir: &Path, file: &Path) -> bool {
    let file = normalise(file);
    let dir = normalise(dir);
    match file.strip_prefix(&dir) {
        Ok(rel) => set.is_match(slashes(rel)),
        Err(_) => set.is_match(slashes(&file)),
    }
}

/// `path` made absolute against the current folder, without `.` and `..` (lexically: links
/// are not followed), and with a `\` read as a separator.
pub fn normalise(path: &Path) -> PathBuf {
    use std::path::Component;
    let spelt = path.to_string_lossy();
    let path = if spelt.contains('\\') {
        PathBuf::from(spelt.replace('\\', "/"))
    } else {
        path.to_path_buf()
    };
    let abs = if path.is_relative() {
        match std::env::current_dir() {
            Ok(cwd) => cwd.join(&path),
            Err(_) => path,
        }
    } else {
        path
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// A relative path with `/` between its names, as globs are written.
fn slashes(p: &Path) -> String {
    let names: Vec<String> = p
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    names.join("/")
}

/// A `files` or `exclude` glob as a reviewer may write it: `./乡镇/**`, `乡镇\**`.
fn glob_pattern(written: &str) -> String {
    let p = written.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_owned()
}

/// `[regions."…"]`: settings for reports of agencies in a region.
#[derive(Debug, Clone)]
pub struct RegionRules {
    pub key: String,
    pub region: RegionPath,
    pub rules: Vec<RuleSetting>,
}

/// A loaded, checked configuration file.
#[derive(Debug)]
pub struct Config {
    pub path: PathBuf,
    /// The folder `files` globs are relative to.
    pub dir: PathBuf,
    pub parent: Option<Arc<Config>>,
    pub rules: Vec<RuleSetting>,
    pub overrides: Vec<Override>,
    pub regions: Vec<RegionRules>,
    pub custom_rules: Vec<Arc<CustomRule>>,
    /// `[compare] history`: folders or globs where last year's reports are looked up, made
    /// absolute against this file's folder (`None`: the table is not in this file).
    pub history: Option<Vec<String>>,
    /// `exclude`: globs (relative to this file's folder) of files that searching a folder
    /// skips, as written.
    pub exclude_patterns: Vec<String>,
    exclude: Option<GlobSet>,
}

impl Config {
    /// The history patterns in force: this file's, else the closest file's it extends.
    pub fn history(&self) -> &[String] {
        match (&self.history, &self.parent) {
            (Some(h), _) => h,
            (None, Some(p)) => p.history(),
            (None, None) => &[],
        }
    }

    /// Loads `path` and the files it extends. `known` are the rules of the binary; custom rules
    /// declared in the chain are known too.
    pub fn load(path: &Path, known: &[&RuleMeta]) -> Result<Arc<Config>, ConfigError> {
        Self::load_chain(path, known, &mut Vec::new())
    }

    /// Parses a configuration from text (for tests and `--config -`-like uses).
    pub fn parse(
        path: &Path,
        source: &str,
        known: &[&RuleMeta],
    ) -> Result<Arc<Config>, ConfigError> {
        Self::build(path, source, known, None)
    }

    fn load_chain(
        path: &Path,
        known: &[&RuleMeta],
        seen: &mut Vec<PathBuf>,
    ) -> Result<Arc<Config>, ConfigError> {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if seen.contains(&canonical) {
            return Err(ConfigError::file(path, "extends 形成了循环引用"));
        }
        seen.push(canonical);
        let source = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::file(
                path,
                format!("无法读取配置文件：{}", crate::messages::io_error(&e)),
            )
        })?;
        let raw: RawConfig = toml::from_str(&source).map_err(|e| toml_error(path, &source, &e))?;
        let parent = match &raw.extends {
            Some(ext) => {
                let base = path.parent().unwrap_or(Path::new("."));
                let target = base.join(ext.get_ref());
                if !target.is_file() {
                    return Err(ConfigError::at(
                        path,
                        &source,
                        ext.span().start,
                        format!("extends 指向的文件不存在：{}", target.display()),
                    ));
                }
                Some(Self::load_chain(&target, known, seen)?)
            }
            None => None,
        };
        Self::from_raw(path, &source, raw, known, parent)
    }

    fn build(
        path: &Path,
        source: &str,
        known: &[&RuleMeta],
        parent: Option<Arc<Config>>,
    ) -> Result<Arc<Config>, ConfigError> {
        let raw: RawConfig = toml::from_str(source).map_err(|e| toml_error(path, source, &e))?;
        if let Some(ext) = &raw.extends {
            return Err(ConfigError::at(
                path,
                source,
                ext.span().start,
                "这里不能使用 extends",
            ));
        }
        Self::from_raw(path, source, raw, known, parent)
    }

    fn from_raw(
        path: &Path,
        source: &str,
        raw: RawConfig,
        known: &[&RuleMeta],
        parent: Option<Arc<Config>>,
    ) -> Result<Arc<Config>, ConfigError> {
        let err = |offset: usize, msg: String| ConfigError::at(path, source, offset, msg);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();

        // Custom rules first: they are rules the other tables may name.
        let mut custom_rules: Vec<Arc<CustomRule>> = Vec::new();
        for c in raw.custom_rules {
            let span = c.span();
            let c = c.into_inner();
            let id = c.id.get_ref().clone();
            let valid_id = id.strip_prefix("local/").is_some_and(|n| {
                !n.is_empty()
                    && n.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
            });
            if !valid_id {
                return Err(err(
                    c.id.span().start,
                    format!(
                        "自定义规则的编号“{id}”应为“local/小写-短横线”形式，如“local/placeholder”"
                    ),
                ));
            }
            if known.iter().any(|m| m.id == id) || custom_rules.iter().any(|r| r.id() == id) {
                return Err(err(c.id.span().start, format!("规则编号“{id}”重复")));
            }
            let regex = reportlint_core::regex::Regex::new(c.pattern.get_ref()).map_err(|e| {
                err(
                    c.pattern.span().start,
                    format!(
                        "pattern：{}",
                        crate::messages::regex_message(c.pattern.get_ref(), &e)
                    ),
                )
            })?;
            let severity = match &c.severity {
                None => Severity::Warning,
                Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
                    err(
                        s.span().start,
                        format!("级别“{}”无效，应为 info、warning 或 error", s.get_ref()),
                    )
                })?,
            };
            let sections = parse_sections(c.sections.as_deref(), &err)?;
            let line = ConfigError::at(path, source, span.start, "").line;
            custom_rules.push(Arc::new(CustomRule::new(
                id,
                regex,
                c.message,
                severity,
                sections,
                c.help,
                format!("{}:{line}", path.display()),
            )));
        }
        let mut all_custom: Vec<Arc<CustomRule>> = parent
            .as_ref()
            .map(|p| p.all_custom_rules())
            .unwrap_or_default();
        all_custom.extend(custom_rules.iter().cloned());
        let metas: Vec<&RuleMeta> = known
            .iter()
            .copied()
            .chain(all_custom.iter().map(|r| r.meta_ref()))
            .collect();

        let rules = parse_rules(&raw.rules, &metas, path, source, "[rules]")?;

        let mut overrides = Vec::new();
        for (n, o) in raw.overrides.into_iter().enumerate() {
            let o = o.into_inner();
            let mut patterns = Vec::new();
            let globs = match &o.files {
                None => None,
                Some(files) => {
                    let mut b = GlobSetBuilder::new();
                    for f in files {
                        let g = Glob::new(&glob_pattern(f.get_ref())).map_err(|e| {
                            err(
                                f.span().start,
                                format!(
                                    "files 中的通配符“{}”无效：{}",
                                    f.get_ref(),
                                    crate::messages::glob_message(e.kind())
                                ),
                            )
                        })?;
                        b.add(g);
                        patterns.push(f.get_ref().clone());
                    }
                    Some(b.build().map_err(|e| {
                        err(
                            0,
                            format!(
                                "files 通配符无效：{}",
                                crate::messages::glob_message(e.kind())
                            ),
                        )
                    })?)
                }
            };
            let sections = parse_sections(o.sections.as_deref(), &err)?;
            let scope = format!("[[overrides]] 第{}项", n + 1);
            overrides.push(Override {
                patterns,
                globs,
                sections,
                rules: parse_rules(&o.rules, &metas, path, source, &scope)?,
            });
        }

        let mut regions = Vec::new();
        for (key, r) in &raw.regions {
            let region = reportlint_regions::lookup(key.get_ref()).ok_or_else(|| {
                err(
                    key.span().start,
                    reportlint_regions::not_found_message(key.get_ref()),
                )
            })?;
            let scope = format!("[regions.\"{}\"]", key.get_ref());
            regions.push(RegionRules {
                key: key.get_ref().clone(),
                region,
                rules: parse_rules(&r.get_ref().rules, &metas, path, source, &scope)?,
            });
        }

        let history = match raw.compare {
            Some(c) => {
                let mut patterns = Vec::with_capacity(c.history.len());
                for h in c.history {
                    let pattern = h.get_ref();
                    if globset::Glob::new(pattern).is_err() {
                        return Err(err(
                            h.span().start,
                            format!("history 中的“{pattern}”不是有效的路径或通配符"),
                        ));
                    }
                    patterns.push(dir.join(pattern).to_string_lossy().into_owned());
                }
                Some(patterns)
            }
            None => None,
        };
        let mut exclude_patterns = Vec::new();
        let exclude = match raw.exclude {
            None => None,
            Some(globs) => {
                let mut b = GlobSetBuilder::new();
                for g in globs {
                    let glob = Glob::new(&glob_pattern(g.get_ref())).map_err(|e| {
                        err(
                            g.span().start,
                            format!("exclude 中的通配符“{}”无效：{}", g.get_ref(), e.kind()),
                        )
                    })?;
                    b.add(glob);
                    exclude_patterns.push(g.get_ref().clone());
                }
                Some(
                    b.build()
                        .map_err(|e| err(0, format!("exclude 通配符无效：{e}")))?,
                )
            }
        };
        Ok(Arc::new(Config {
            path: path.to_path_buf(),
            dir,
            parent,
            rules,
            overrides,
            regions,
            custom_rules,
            history,
            exclude_patterns,
            exclude,
        }))
    }

    /// Whether an `exclude` glob of this file or of a file it extends (each relative to its own
    /// folder) matches `file`: searching a folder skips it.
    pub fn excludes(&self, file: &Path) -> bool {
        self.chain().iter().any(|c| {
            c.exclude
                .as_ref()
                .is_some_and(|set| glob_matches(set, &c.dir, file))
        })
    }

    /// The files of the `extends` chain, root first, this one last.
    pub fn chain(&self) -> Vec<&Config> {
        let mut out = vec![self];
        let mut cur = self;
        while let Some(p) = &cur.parent {
            out.push(p);
            cur = p;
        }
        out.reverse();
        out
    }

    /// Custom rules declared anywhere in the chain.
    pub fn all_custom_rules(&self) -> Vec<Arc<CustomRule>> {
        self.chain()
            .iter()
            .flat_map(|c| c.custom_rules.iter().cloned())
            .collect()
    }
}

fn toml_error(path: &Path, source: &str, e: &toml::de::Error) -> ConfigError {
    let offset = e.span().map_or(0, |s| s.start);
    let msg = crate::messages::serde_message(e.message());
    // Name the key (or table) the mistake is in, unless the message already starts with it.
    let msg = match crate::messages::key_at(source, offset) {
        Some(key) if !msg.starts_with("未知的配置项") => format!("{key}：{msg}"),
        _ => msg,
    };
    ConfigError::at(path, source, offset, msg)
}

fn parse_sections(
    list: Option<&[Spanned<String>]>,
    err: &dyn Fn(usize, String) -> ConfigError,
) -> Result<Option<Vec<SectionKind>>, ConfigError> {
    let Some(list) = list else {
        return Ok(None);
    };
    list.iter()
        .map(|s| {
            parse_section(s.get_ref()).ok_or_else(|| {
                err(
                    s.span().start,
                    format!("未知的部分“{}”：应为“一”至“六”或部分标题", s.get_ref()),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn parse_rules(
    raw: &RawRules,
    known: &[&RuleMeta],
    path: &Path,
    source: &str,
    scope: &str,
) -> Result<Vec<RuleSetting>, ConfigError> {
    let err = |offset: usize, msg: String| ConfigError::at(path, source, offset, msg);
    let mut out = Vec::new();
    for (key, value) in raw {
        let selector = key.get_ref();
        let matched: Vec<&&RuleMeta> = known
            .iter()
            .filter(|m| selector_matches(selector, m.id))
            .collect();
        if matched.is_empty() {
            let hint =
                reportlint_core::suggest::unknown_rule_hint(selector, known.iter().map(|m| m.id));
            return Err(err(
                key.span().start,
                format!("未知的规则或规则组“{selector}”{hint}"),
            ));
        }
        let (level, options) = match value.get_ref() {
            toml::Value::String(s) => (
                Some(parse_level(s).ok_or_else(|| err(value.span().start, bad_level(s)))?),
                None,
            ),
            toml::Value::Table(t) => {
                let mut level = None;
                let mut options = serde_json::Map::new();
                for (k, v) in t {
                    if k == "severity" {
                        let s = v.as_str().unwrap_or_default();
                        level = Some(
                            parse_level(s).ok_or_else(|| err(value.span().start, bad_level(s)))?,
                        );
                    } else {
                        let json = serde_json::to_value(v).map_err(|e| {
                            err(
                                value.span().start,
                                crate::messages::serde_message(&e.to_string()),
                            )
                        })?;
                        options.insert(k.clone(), json);
                    }
                }
                let options = if options.is_empty() {
                    None
                } else {
                    let [meta] = matched.as_slice() else {
                        return Err(err(
                            key.span().start,
                            format!("规则选项只能写在单条规则上，“{selector}”是规则组"),
                        ));
                    };
                    let Some(schema) = meta.options else {
                        return Err(err(
                            value.span().start,
                            format!("规则“{}”没有可配置的选项（只能设置 severity）", meta.id),
                        ));
                    };
                    let v = serde_json::Value::Object(options);
                    (schema.validate)(&v).map_err(|e| {
                        err(
                            value.span().start,
                            format!(
                                "规则“{}”的选项有误：{}",
                                meta.id,
                                crate::messages::serde_message(&e.to_string())
                            ),
                        )
                    })?;
                    Some(v)
                };
                (level, options)
            }
            _ => return Err(err(value.span().start, bad_level("…"))),
        };
        let line = ConfigError::at(path, source, key.span().start, "").line;
        out.push(RuleSetting {
            selector: selector.clone(),
            level,
            options,
            origin: Origin {
                path: path.to_path_buf(),
                line,
                scope: scope.to_owned(),
            },
        });
    }
    // Prefixes before ids, so that an id's setting wins over its crate's.
    out.sort_by_key(|s| s.selector.contains('/'));
    Ok(out)
}

fn parse_level(s: &str) -> Option<Level> {
    if s == "off" {
        Some(Level::Off)
    } else {
        Severity::parse(s).map(Level::On)
    }
}

fn bad_level(s: &str) -> String {
    format!("级别“{s}”无效：应为 \"off\"、\"info\"、\"warning\"、\"error\"，或 {{ severity = …, 选项 … }}")
}

/// The configuration found for a folder or a report (cached by folder): none, or the one
/// found; or why the one found could not be read.
pub type Found = Result<Option<Arc<Config>>, ConfigError>;

/// How the configuration for each report is found.
pub enum Discovery {
    /// The closest `reportlint.toml` above each report.
    WalkUp {
        known: Vec<&'static RuleMeta>,
        /// What each folder searched so far found, with or without a file: the reports of one
        /// folder cost one search, not one per report.
        cache: Mutex<HashMap<PathBuf, Found>>,
        /// The current folder, read once, for relative paths.
        cwd: Option<PathBuf>,
    },
    /// One file for every report (`--config FILE`).
    Fixed(Arc<Config>),
    /// No configuration (`--isolated`).
    Isolated,
}

impl Discovery {
    pub fn walk_up(known: Vec<&'static RuleMeta>) -> Self {
        Discovery::WalkUp {
            known,
            cache: Mutex::default(),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// The configuration for a report at `file`, or for the reports in `file` if it is a folder
    /// (standard input: pass the current folder).
    pub fn config_for(&self, file: &Path) -> Found {
        if file.is_dir() {
            self.config_in(file)
        } else {
            self.config_for_file(file)
        }
    }

    /// The configuration for a report at `file`, known to be a file or a name that is not a
    /// folder (standard input's `--stdin-filename`): no need to ask the file system which.
    pub fn config_for_file(&self, file: &Path) -> Found {
        match self {
            // The file's folder is not needed (taking the path apart is most of the cost).
            Discovery::Isolated => Ok(None),
            Discovery::Fixed(c) => Ok(Some(c.clone())),
            Discovery::WalkUp { .. } => self.config_in(file.parent().unwrap_or(Path::new(""))),
        }
    }

    /// The configuration for reports in folder `dir`: the closest `reportlint.toml` in it or
    /// above it.
    fn config_in(&self, dir: &Path) -> Found {
        match self {
            Discovery::Isolated => Ok(None),
            Discovery::Fixed(c) => Ok(Some(c.clone())),
            Discovery::WalkUp { known, cache, cwd } => {
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                let joined;
                let abs = match cwd {
                    Some(cwd) if dir.is_relative() => {
                        joined = cwd.join(dir);
                        joined.as_path()
                    }
                    _ => dir,
                };
                let lock = || cache.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(found) = lock().get(abs) {
                    return found.clone();
                }
                let mut searched = Vec::new();
                let mut found = Ok(None);
                for dir in abs.ancestors() {
                    if let Some(f) = lock().get(dir) {
                        found = f.clone();
                        break;
                    }
                    searched.push(dir);
                    let candidate = dir.join(CONFIG_FILE);
                    if candidate.is_file() {
                        found = Config::load(&candidate, known).map(Some);
                        break;
                    }
                }
                let mut cache = lock();
                for dir in searched {
                    cache.insert(dir.to_path_buf(), found.clone());
                }
                found
            }
        }
    }
}
