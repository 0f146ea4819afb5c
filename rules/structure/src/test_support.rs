//! Texts shared by the rules' tests.

/// A report skeleton with the six sections, correctly numbered.
pub const GOOD: &str = "某镇人民政府2022年政府信息公开工作年度报告\n\
    一、总体情况\n正文。\n二、主动公开政府信息情况\n表。\n三、收到和处理政府信息公开申请情况\n表。\n\
    四、政府信息公开行政复议、行政诉讼情况\n表。\n五、存在的主要问题及改进情况\n正文。\n六、其他需要报告的事项\n无。\n";
