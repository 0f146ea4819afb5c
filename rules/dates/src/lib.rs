//! reportlint's date rules: the statistics period, the publication deadline, and the years the
//! report uses for itself. The facts come from the core's `dates` and `region` analyses.

mod publication_date;
mod statistics_period;
mod year_consistency;

pub use publication_date::PublicationDate;
pub use statistics_period::StatisticsPeriod;
pub use year_consistency::YearConsistency;

/// Keeps this crate linked into the binary so that its `inventory` registrations are seen.
/// Call it once from `main` (reportlint's own `main` does).
pub fn link() {}
