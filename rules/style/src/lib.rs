//! reportlint's style rules: the typing and conversion errors that make a published report look
//! careless — look-alike characters from PDF and Word conversion, misused words, doubled
//! characters, unbalanced quotes and brackets, half-width punctuation in Chinese text and
//! conversion debris. Every rule reads only the report's prose (see [`prose`]): never the
//! statistics tables, where labels and figures follow their own rules.

mod blocks;
mod debris;
mod doubled;
mod lookalike_chars;
mod pairs;
pub mod prose;
mod punctuation;
mod rare;
mod typos;

pub use debris::Debris;
pub use doubled::Doubled;
pub use lookalike_chars::LookalikeChars;
pub use pairs::Pairs;
pub use punctuation::Punctuation;
pub use typos::Typos;

/// Keeps this crate linked into the binary so that its `inventory` registrations are seen.
/// Call it once from `main` (reportlint's own `main` does).
pub fn link() {}
