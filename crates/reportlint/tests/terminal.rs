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

/// Pretty output in a terminal 80 or 120 columns wide (stty in a pseudo-terminal from
/// script(1), `COLUMNS` unset): no line is wider than the terminal, so the terminal never wraps
/// one and the underline stays under the text; the window of a long line is as wide as the room.
/// `COLUMNS` wins over the terminal's size; into a pipe the width is 100.
#[test]
fn pretty_output_is_as_wide_as_the_terminal() {
    use unicode_width::UnicodeWidthStr;
    let report = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/003_0fdc335fd3bbd9c3.txt"
    );
    let widest = |columns: u16, env: &str| {
        let inner = format!(
            "stty cols {columns} rows 40; {env} NO_COLOR=1 {} check --isolated --today 2026-11-22 \
             --select style/punctuation,structure/section-numbering {report} 2>/dev/null",
            env!("CARGO_BIN_EXE_reportlint"),
        );
        let out = Command::new("timeout")
            .args(["120", "script", "-qec", &inner, "/dev/null"])
            .env_remove("COLUMNS")
            .output()
            .expect("timeout (coreutils) and script (util-linux) are installed");
        let terminal = String::from_utf8_lossy(&out.stdout).replace('\r', "");
        assert!(terminal.contains("中文语句中使用了半角“,”"), "{terminal}");
        // The excerpts' lines (the header names the file: as long as its path).
        terminal
            .lines()
            .filter(|l| !l.contains("╭─["))
            .map(|l| l.width())
            .max()
            .unwrap_or(0)
    };
    let at_80 = widest(80, "");
    assert!((70..=80).contains(&at_80), "{at_80}");
    let at_120 = widest(120, "");
    assert!((110..=120).contains(&at_120), "{at_120}");
    let forced = widest(120, "COLUMNS=90");
    assert!((80..=90).contains(&forced), "{forced}");
    // Into a pipe: 100 columns whatever the terminal says.
    let piped = Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .args([
            "check",
            "--isolated",
            "--today",
            "2026-11-22",
            "--select",
            "style/punctuation",
            report,
        ])
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&piped.stdout);
    let max = text
        .lines()
        .filter(|l| !l.contains("╭─["))
        .map(|l| l.width())
        .max()
        .unwrap_or(0);
    assert!((90..=100).contains(&max), "{max}\n{text}");
}
