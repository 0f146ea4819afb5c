//! reportlint's comparing rules. Each compares [`ReportSummary`]s — this year's report with last
//! year's of the same agency, or the reports of a batch with one another — and is a rule like any
//! other for listing, documentation and configuration; its per-document check finds nothing.
//!
//! [`ReportSummary`]: reportlint_core::compare::ReportSummary

/// The `Rule` side of a comparing rule: its metadata, a per-document check that finds nothing
/// (the rule compares reports), and the comparison through `Rule::as_cross`.
#[macro_export]
macro_rules! cross_rule {
    ($name:ident) => {
        impl reportlint_core::Rule for $name {
            fn meta(&self) -> &reportlint_core::RuleMeta {
                &Self::META
            }

            fn check(&self, _ctx: &mut reportlint_core::Context<'_>) {}

            fn as_cross(&self) -> Option<&dyn reportlint_core::compare::CrossRule> {
                Some(self)
            }
        }
    };
}

mod carry_over;
mod copied_report;
mod copied_text;
mod same_data;
mod stock;
#[cfg(test)]
mod test_support;
mod util;

pub use carry_over::CarryOver;
pub use copied_report::CopiedReport;
pub use copied_text::CopiedText;
pub use same_data::SameData;
pub use stock::Stock;

/// Keeps this crate linked into the binary so that its `inventory` registrations are seen.
/// Call it once from `main` (reportlint's own `main` does).
pub fn link() {}
