//! reportlint's table rules: the three statistics tables (二, 三, 四) are present as text, follow
//! the template, add up (勾稽关系), and agree with the prose; totals in the prose agree with their
//! breakdowns.

mod application_prose;
mod inline_sums;
mod layout;
mod present;
mod sums;
mod text_consistency;
mod util;
mod values;

pub use application_prose::ApplicationProse;
pub use inline_sums::InlineSums;
pub use layout::TableLayout;
pub use present::Present;
pub use sums::Sums;
pub use text_consistency::TextConsistency;
pub use values::Values;

/// Keeps this crate linked into the binary so that its `inventory` registrations are seen.
/// Call it once from `main` (reportlint's own `main` does).
pub fn link() {}
