//! reportlint's structure rules: the report's skeleton (title, the six sections and their
//! numbering, sub-heading numbering, the agency's name, the closing block).

mod title;

pub use title::TitleRule;

/// Keeps this crate linked into the binary so that its `inventory` registrations are seen.
/// Call it once from `main` (reportlint's own `main` does).
pub fn link() {}
