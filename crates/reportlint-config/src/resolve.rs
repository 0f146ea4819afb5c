//! The settings in force for one report.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use reportlint_core::{selector_matches, SectionKind, Severity};
use reportlint_regions::RegionPath;

use crate::custom::CustomRule;
use crate::file::{Config, RuleSetting};

/// A rule's level: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::On(s) => s.as_str(),
        }
    }
}

/// Where a setting came from: file, line, and the table it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    pub line: usize,
    pub scope: String,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} {}", self.path.display(), self.line, self.scope)
    }
}

/// The settings for one report.
#[derive(Debug, Default, Clone)]
pub struct Resolved {
    /// Levels set by the configuration, per rule id (a rule not here keeps its own severities).
    pub levels: HashMap<String, (Level, Origin)>,
    /// Each rule's options (a JSON object), merged along the way.
    pub options: HashMap<String, serde_json::Value>,
    /// `[[overrides]]` with `sections`: applied to each finding by the section it is in.
    pub section_settings: Vec<(Vec<SectionKind>, Vec<RuleSetting>)>,
    /// Rules from `[[custom-rules]]`.
    pub custom_rules: Vec<Arc<CustomRule>>,
    /// The `[regions.…]` keys that applied, least specific first.
    pub regions_applied: Vec<String>,
    /// The configuration files used, root of the `extends` chain first.
    pub files: Vec<PathBuf>,
}

impl Resolved {
    /// Resolves `config` for the report at `file` whose agency lies in `region`; `ids` are every
    /// rule the run knows (custom rules of the configuration are added).
    pub fn new(
        config: Option<&Config>,
        file: &Path,
        region: Option<&RegionPath>,
        ids: &[&str],
    ) -> Resolved {
        let mut r = Resolved::default();
        let Some(config) = config else {
            return r;
        };
        let chain = config.chain();
        r.files = chain.iter().map(|c| c.path.clone()).collect();
        r.custom_rules = config.all_custom_rules();
        let mut all_ids: Vec<&str> = ids.to_vec();
        all_ids.extend(r.custom_rules.iter().map(|c| c.id()));

        for c in &chain {
            for s in &c.rules {
                r.apply(s, &all_ids);
            }
        }
        if let Some(region) = region {
            let mut matching: Vec<(usize, usize, &crate::file::RegionRules)> = chain
                .iter()
                .enumerate()
                .flat_map(|(i, c)| c.regions.iter().map(move |rr| (i, rr)))
                .filter(|(_, rr)| rr.region.contains(region))
                .map(|(i, rr)| (rr.region.divisions().count(), i, rr))
                .collect();
            matching.sort_by_key(|(depth, i, _)| (*depth, *i));
            for (_, _, rr) in matching {
                r.regions_applied.push(rr.key.clone());
                for s in &rr.rules {
                    r.apply(s, &all_ids);
                }
            }
        }
        for c in &chain {
            for o in &c.overrides {
                if !o.matches_file(&c.dir, file) {
                    continue;
                }
                match &o.sections {
                    None => {
                        for s in &o.rules {
                            r.apply(s, &all_ids);
                        }
                    }
                    Some(sections) => r.section_settings.push((sections.clone(), o.rules.clone())),
                }
            }
        }
        r
    }

    fn apply(&mut self, s: &RuleSetting, ids: &[&str]) {
        for id in ids.iter().filter(|id| selector_matches(&s.selector, id)) {
            if let Some(level) = s.level {
                self.levels
                    .insert((*id).to_owned(), (level, s.origin.clone()));
            }
            if let Some(serde_json::Value::Object(new)) = &s.options {
                let entry = self
                    .options
                    .entry((*id).to_owned())
                    .or_insert_with(|| serde_json::Value::Object(Default::default()));
                if let serde_json::Value::Object(map) = entry {
                    map.extend(new.clone());
                }
            }
        }
    }

    /// The configured level of `id` for the whole file (`None`: the rule's own severities).
    pub fn level(&self, id: &str) -> Option<Level> {
        self.levels.get(id).map(|(l, _)| *l)
    }

    /// Whether a rule must run: on for the file, or turned on in some section.
    pub fn runs(&self, id: &str) -> bool {
        self.level(id) != Some(Level::Off)
            || self.section_settings.iter().any(|(_, rules)| {
                rules.iter().any(|s| {
                    selector_matches(&s.selector, id) && matches!(s.level, Some(Level::On(_)))
                })
            })
    }

    /// The level of a finding of `id` in `section` (`None`: the finding keeps its severity).
    pub fn level_in(&self, id: &str, section: Option<SectionKind>) -> Option<Level> {
        let mut level = self.level(id);
        if let Some(section) = section {
            for (sections, rules) in &self.section_settings {
                if !sections.contains(&section) {
                    continue;
                }
                for s in rules {
                    if selector_matches(&s.selector, id) && s.level.is_some() {
                        level = s.level;
                    }
                }
            }
        }
        level
    }

    pub fn options(&self, id: &str) -> Option<&serde_json::Value> {
        self.options.get(id)
    }
}
