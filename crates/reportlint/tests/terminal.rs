//! The real binary in a terminal, where it draws a progress bar from its worker threads.

use std::process::Command;

/// A run over 60 reports in a pseudo-terminal (from script(1)) draws the progress bar from the
/// worker threads. It used to hang: the calling thread held standard error's lock for the whole
/// run while waiting for workers that waited for that lock to draw the bar.
#[test]
fn a_run_in_a_terminal_with_a_progress_bar_finishes() {
    let dir = std::env::temp_dir().join(format!("reportlint-terminal-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..60 {
        std::fs::write(
            dir.join(format!("{i:02}.txt")),
            "某某镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n本年度共主动公开政府信息12条。\n",
        )
        .unwrap();
    }
    let inner = format!(
        "{} check --isolated --format concise -j2 {} > /dev/null",
        env!("CARGO_BIN_EXE_reportlint"),
        dir.display()
    );
    // timeout(1) turns a hang into exit code 124 instead of a test that never ends.
    let out = Command::new("timeout")
        .args(["120", "script", "-qec", &inner, "/dev/null"])
        .output()
        .expect("timeout (coreutils) and script (util-linux) are installed");
    let _ = std::fs::remove_dir_all(&dir);
    let terminal = String::from_utf8_lossy(&out.stdout);
    assert_ne!(out.status.code(), Some(124), "the run hung:\n{terminal}");
    assert!(
        terminal.contains("个文件") && terminal.contains("检查了 60 个文件"),
        "{:?}\n{terminal}",
        out.status
    );
}
