//! reportlint's core: the document model of a 政府信息公开工作年度报告, the [`Rule`] trait and its
//! registry, and the one [`Diagnostic`] type all rules report.
//!
//! A rule crate depends on this crate alone: it declares rules with [`declare_rule!`], which
//! registers them through the re-exported [`inventory`], and exports a `link()` function that the
//! binary calls so that the linker keeps the crate.

pub mod compare;
pub mod completeness;
pub mod contact;
pub mod dates;
pub mod diagnostic;
pub mod directives;
pub mod document;
pub mod line_index;
pub mod names;
pub mod pages;
pub mod region;
pub mod rule;
pub mod sentences;
pub mod source;
pub mod span;
pub mod suggest;
pub mod tables;
pub mod testing;
pub mod text;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use document::{Analysis, Document, Section, SectionKind};
pub use line_index::{LineCol, LineIndex};
pub use pages::{PageMap, PagePos};
pub use rule::{
    check_document, check_document_with, registered_rules, selector_matches, sort_diagnostics,
    Context, FixAvailability, OptionsSchema, Rule, RuleEntry, RuleMeta, RuleRun, Settings,
    DOC_SECTIONS,
};
pub use span::Span;

/// Re-exported for rules that look for many words at once.
pub use aho_corasick;
/// Re-exported so that rule crates register rules without depending on `inventory` themselves.
pub use inventory;
/// Re-exported for rules that need calendar dates.
pub use jiff;
/// Re-exported for rules that look for one word fast.
pub use memchr;
/// Re-exported so that rule crates share the core's regex engine version.
pub use regex;
/// Re-exported for rule options (`Context::options`) and their validation.
pub use serde;
pub use serde_json;

/// What a rule file needs: `use reportlint_core::prelude::*;`.
pub mod prelude {
    pub use crate::declare_rule;
    pub use crate::document::{Heading, SubHeading};
    pub use crate::{
        Analysis, Context, Diagnostic, Document, Edit, Fix, Rule, RuleMeta, Section, SectionKind,
        Severity, Span,
    };
}
