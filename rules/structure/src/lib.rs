//! reportlint's structure rules: the report's skeleton (title, the six sections and their
//! numbering, sub-heading numbering, the agency's name, the closing block), and what could not
//! be checked when the text is cut short.

mod agency_consistency;
mod document_number;
mod parts_list;
mod report_format;
mod required_sections;
mod section_numbering;
mod self_reference;
mod signature;
mod subsection_numbering;
mod text_cut_short;
mod title;

#[cfg(test)]
mod test_support;

pub use agency_consistency::AgencyConsistency;
pub use document_number::DocumentNumber;
pub use parts_list::PartsList;
pub use report_format::ReportFormat;
pub use required_sections::RequiredSections;
pub use section_numbering::SectionNumbering;
pub use self_reference::SelfReference;
pub use signature::Signature;
pub use subsection_numbering::SubsectionNumbering;
pub use text_cut_short::TextCutShort;
pub use title::TitleRule;

/// Keeps this crate linked into the binary so that its `inventory` registrations are seen.
/// Call it once from `main` (reportlint's own `main` does).
pub fn link() {}
