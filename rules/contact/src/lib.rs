//! reportlint's contact rules: how the public reaches the agency (address, telephone, postcode,
//! website). The facts come from the core's `contact` and `region` analyses.

mod phone;
mod postcode;
mod required;
mod website;

pub use phone::Phone;
pub use postcode::Postcode;
pub use required::Required;
pub use website::Website;

/// Keeps this crate linked into the binary so that its `inventory` registrations are seen.
/// Call it once from `main` (reportlint's own `main` does).
pub fn link() {}
