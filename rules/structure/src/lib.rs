//! reportlint's structure rules: the report's skeleton (title, the six sections and their
//! numbering, sub-heading numbering, the agency's name, the closing block).

mod agency_consistency;
mod required_sections;
mod section_numbering;
mod self_reference;
mod signature;
mod subsection_numbering;
mod title;

#[cfg(test)]
mod test_support;

pub use agency_consistency::AgencyConsistency;
pub use required_sections::RequiredSections;
pub use section_numbering::SectionNumbering;
pub use self_reference::SelfReference;
pub use signature::Signature;
pub use subsection_numbering::SubsectionNumbering;
pub use title::TitleRule;

/// Keeps this crate linked into the binary so that its `inventory` registrations are seen.
/// Call it once from `main` (reportlint's own `main` does).
pub fn link() {}
