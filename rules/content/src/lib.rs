//! reportlint's content rules: what the parts of the report say, beyond their headings — part
//! 五's problems and measures, the fee sentence, the items a people's government must report,
//! and the topics of part 一.
//!
//! Every rule reads a part only when the model found it whole (the next part follows it), so a
//! report cut short is never said to lack what was cut off.

mod fees;
mod government_items;
mod overview_topics;
mod problems_and_measures;
mod util;

pub use fees::Fees;
pub use government_items::GovernmentItems;
pub use overview_topics::OverviewTopics;
pub use problems_and_measures::ProblemsAndMeasures;

/// Keeps this crate linked into the binary so that its `inventory` registrations are seen.
/// Call it once from `main` (reportlint's own `main` does).
pub fn link() {}

#[cfg(test)]
mod test_support {
    /// A 2022 report skeleton with the six parts; `{1}` … `{6}` are the parts' bodies.
    pub fn report(agency: &str, bodies: [&str; 6]) -> String {
        format!(
            "{agency}2022年政府信息公开工作年度报告\n\
             一、总体情况\n{}\n二、主动公开政府信息情况\n{}\n三、收到和处理政府信息公开申请情况\n{}\n\
             四、政府信息公开行政复议、行政诉讼情况\n{}\n五、存在的主要问题及改进情况\n{}\n\
             六、其他需要报告的事项\n{}\n{agency}\n2023年1月16日\n",
            bodies[0], bodies[1], bodies[2], bodies[3], bodies[4], bodies[5]
        )
    }
}
