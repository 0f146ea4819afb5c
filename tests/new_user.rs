//! What a new user hit (issue 16, "What a new user hit"): each item's behaviour, spelt the ways
//! a user spells it.

use std::io::Write;
use std::path::Path;

use reportlint_tests::{run, run_with_stdin, scratch};

/// A report whose title names no agency: one `structure/title` error.
const BAD: &str = "一、总体情况\n";

/// Standard output whose reader has gone after `left` bytes (`reportlint check … | head`).
struct ClosedAfter {
    left: usize,
    written: Vec<u8>,
}

impl Write for ClosedAfter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.left == 0 {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        Ok(())
    }
}

/// Item 8: a closed pipe keeps the exit code the findings call for (it was 0).
#[test]
fn a_broken_pipe_keeps_the_exit_code_of_the_findings() {
    for left in [0, 10] {
        let mut out = ClosedAfter {
            left,
            written: Vec::new(),
        };
        let mut err = Vec::new();
        let args = [
            "reportlint",
            "check",
            "--isolated",
            "--format",
            "concise",
            "--select",
            "structure/title",
            "-",
        ];
        let code = reportlint::run(args, &mut out, &mut err, Some(BAD.as_bytes()), false);
        let err = String::from_utf8(err).unwrap();
        assert_eq!(code, 1, "{left} bytes: {err}");
        assert_eq!(out.written.len(), left);
        // The summary still goes to standard error, and no write failure is reported.
        assert!(err.contains("检查了 1 个文件"), "{err}");
        assert!(!err.contains("输出失败"), "{err}");
    }
    // A clean report behind a closed pipe still exits 0.
    let good = "威海市文登区宋村镇人民政府\n2022年政府信息公开工作年度报告\n";
    let mut out = ClosedAfter {
        left: 0,
        written: Vec::new(),
    };
    let args = [
        "reportlint",
        "check",
        "--isolated",
        "--select",
        "structure/title",
        "-",
    ];
    let code = reportlint::run(
        args,
        &mut out,
        &mut Vec::new(),
        Some(good.as_bytes()),
        false,
    );
    assert_eq!(code, 0);
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

fn stdin(args: &[&str], text: &str) -> reportlint_tests::RunOutput {
    run_with_stdin(args, Some(text.as_bytes()))
}

fn plain(args: &[&str]) -> reportlint_tests::RunOutput {
    run(args)
}

/// The files of a concise run that got a `structure/title` finding, by the path as printed.
fn flagged(out: &reportlint_tests::RunOutput) -> Vec<String> {
    let mut v: Vec<String> = out
        .stdout
        .lines()
        .filter(|l| l.contains("[structure/title]"))
        .map(|l| l.split(":1:1:").next().unwrap().to_owned())
        .collect();
    v.sort();
    v
}

/// Item 1: `[[overrides]] files` and `exclude` match relative to the configuration's folder,
/// whatever the working directory and however the path is spelt. The only test here that
/// changes the working directory; the others use absolute paths (or none).
#[test]
fn overrides_and_exclude_match_however_the_path_is_spelt() {
    let root = scratch("spelt").canonicalize().unwrap();
    let d = root.join("报告");
    write(
        &d.join("reportlint.toml"),
        "exclude = [\"说明.md\", \"./旧稿/**\"]\n\n\
         [[overrides]]\nfiles = [\"乡镇/**\", \"县直\\\\草稿\\\\*.txt\"]\n\
         rules = { \"structure/title\" = \"off\" }\n",
    );
    for f in [
        "乡镇/宋村镇.txt",
        "乡镇/村/某村.txt",
        "县直/草稿/某局.txt",
        "县直/某局.txt",
        "说明.md",
        "旧稿/2021.txt",
    ] {
        write(&d.join(f), BAD);
    }
    let check = |cwd: &Path, paths: &[&str]| {
        std::env::set_current_dir(cwd).unwrap();
        let mut args = vec![
            "check",
            "--format",
            "concise",
            "--select",
            "structure/title",
        ];
        args.extend_from_slice(paths);
        let out = plain(&args);
        assert!(out.code <= 1, "{paths:?}: {}", out.stderr);
        out
    };
    let before = std::env::current_dir().unwrap();
    // The whole folder, spelt five ways from three working directories: only 县直/某局.txt is
    // flagged; 说明.md and 旧稿/ are not even read.
    let abs = d.to_str().unwrap();
    for (cwd, arg, shown) in [
        (&d, ".", "./县直/某局.txt"),
        (&d, "./", ".//县直/某局.txt"),
        (&root, "报告", "报告/县直/某局.txt"),
        (&root, "./报告/../报告", "./报告/../报告/县直/某局.txt"),
        (&d.join("乡镇"), "..", "../县直/某局.txt"),
        (&d.join("县直/草稿"), abs, &format!("{abs}/县直/某局.txt")),
    ] {
        let out = check(cwd, &[arg]);
        let got = flagged(&out);
        assert_eq!(got.len(), 1, "{cwd:?} {arg}: {}", out.stdout);
        assert!(
            Path::new(&got[0]) == Path::new(shown) || got[0].ends_with("县直/某局.txt"),
            "{cwd:?} {arg}: {got:?}"
        );
        assert!(
            out.stderr.contains("检查了 4 个文件"),
            "{cwd:?} {arg}: {}",
            out.stderr
        );
    }
    // One file, spelt every way: the override applies.
    let town = d.join("乡镇/宋村镇.txt");
    for (cwd, arg) in [
        (&d, "乡镇/宋村镇.txt".to_owned()),
        (&d, "./乡镇/宋村镇.txt".to_owned()),
        (&d, "./乡镇/../乡镇/村/某村.txt".to_owned()),
        (&d.join("乡镇"), "宋村镇.txt".to_owned()),
        (&d.join("乡镇/村"), "某村.txt".to_owned()),
        (&d.join("县直"), "../乡镇/宋村镇.txt".to_owned()),
        (&root, "报告/乡镇/宋村镇.txt".to_owned()),
        (&root, town.to_str().unwrap().to_owned()),
        (&d, "县直/草稿/某局.txt".to_owned()),
    ] {
        let out = check(cwd, &[&arg]);
        assert_eq!(flagged(&out), Vec::<String>::new(), "{cwd:?} {arg}");
    }
    // Standard input named with Windows separators (`--stdin-filename 乡镇\宋村镇.txt`).
    std::env::set_current_dir(&d).unwrap();
    for name in [
        "乡镇\\宋村镇.txt",
        ".\\乡镇\\村\\某村.txt",
        "县直\\草稿\\某局.txt",
    ] {
        let out = stdin(
            &[
                "check",
                "--format",
                "concise",
                "--select",
                "structure/title",
                "--stdin-filename",
                name,
                "-",
            ],
            BAD,
        );
        assert_eq!(out.code, 0, "{name}: {}", out.stdout);
    }
    // The control: a file no override names is flagged, named directly too.
    let out = check(&d, &["县直/某局.txt"]);
    assert_eq!(flagged(&out).len(), 1);
    // A file named on the command line is checked even if `exclude` matches it.
    let out = check(&d, &["说明.md"]);
    assert_eq!(flagged(&out), ["说明.md"]);
    // `config` says which globs exclude, and whether this file is one of them.
    let out = plain(&["config", "说明.md"]);
    assert!(
        out.stdout
            .contains("排除（exclude）：说明.md、./旧稿/**；此文件被排除"),
        "{}",
        out.stdout
    );
    // A folder holding only excluded files is "nothing to lint", and says why.
    let out = plain(&["check", "旧稿"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("1 个文件被配置文件的 exclude 排除"),
        "{}",
        out.stderr
    );
    std::env::set_current_dir(before).unwrap();
    let _ = std::fs::remove_dir_all(root);
}

/// Every id the tool prints that no rule crate registers.
const OWN_IDS: [&str; 10] = [
    "io",
    "config",
    "internal",
    "format/no-text-layer",
    "format/crashed",
    "format/timeout",
    "format/too-large",
    "format/encrypted",
    "directive/unused",
    "directive/unknown-rule",
];

/// Item 3: the ids the tool itself prints are listed, explained in Chinese, and taken by
/// `--select`, `--ignore` and `[rules]`.
#[test]
fn the_tools_own_ids_are_listable_explainable_and_configurable() {
    let out = plain(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let listed: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let text = plain(&["rules"]).stdout;
    for id in OWN_IDS {
        assert!(listed.contains(&id), "rules --format json lacks {id}");
        assert!(text.lines().any(|l| l.starts_with(id)), "rules lacks {id}");
        let page = plain(&["explain", id]);
        assert_eq!(page.code, 0, "explain {id}: {}", page.stderr);
        assert!(page.stdout.starts_with(&format!("# {id}\n")), "{id}");
        assert!(
            page.stdout.contains("## 为什么重要（Why it matters）"),
            "{id}"
        );
        for flag in ["--select", "--ignore", "--extend-select"] {
            let out = stdin(&["check", "--isolated", flag, id, "-"], BAD);
            assert!(out.code <= 1, "{flag} {id}: {}", out.stderr);
        }
        let dir = scratch(&format!("own-{}", id.replace('/', "-")));
        let toml = format!("[rules]\n\"{id}\" = \"warning\"\n");
        write(&dir.join("reportlint.toml"), &toml);
        let out = plain(&[
            "config",
            "--config",
            dir.join("reportlint.toml").to_str().unwrap(),
            &reportlint_tests::tests_dir()
                .join("fixtures/003_0fdc335fd3bbd9c3.txt")
                .to_string_lossy(),
        ]);
        assert_eq!(out.code, 0, "[rules] {id}: {}", out.stderr);
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Item 3: the directives' findings follow `--ignore`, `--select` and `[rules]` levels.
#[test]
fn directive_findings_follow_the_selection_and_the_configured_level() {
    let text = "<!-- reportlint-disable-next-line contact/phon -->\n\
                <!-- reportlint-disable-next-line contact/phone -->\n\
                一、总体情况\n";
    let dir = scratch("directives");
    let file = dir.join("报告.txt");
    write(&file, text);
    let file = file.to_str().unwrap();
    let rules = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "concise", "--report-unused-directives"];
        if !extra.contains(&"--config") {
            args.push("--isolated");
        }
        args.extend_from_slice(extra);
        args.push(file);
        let out = plain(&args);
        let mut got: Vec<String> = out
            .stdout
            .lines()
            .filter_map(|l| l.split_once(" ["))
            .filter(|(_, b)| b.starts_with("directive/"))
            .map(|(a, b)| {
                let sev = a.rsplit(' ').next().unwrap();
                format!("{sev} {}", b.split(']').next().unwrap())
            })
            .collect();
        got.sort();
        got
    };
    assert_eq!(
        rules(&[]),
        ["warning directive/unknown-rule", "warning directive/unused"]
    );
    assert_eq!(
        rules(&["--ignore", "directive/unused"]),
        ["warning directive/unknown-rule"]
    );
    assert_eq!(rules(&["--ignore", "directive"]), Vec::<String>::new());
    // A selection of rules that names none of the tool's ids keeps them.
    assert_eq!(rules(&["--select", "structure"]).len(), 2);
    assert_eq!(
        rules(&["--select", "directive/unknown-rule"]),
        ["warning directive/unknown-rule"]
    );
    write(
        &dir.join("reportlint.toml"),
        "[rules]\n\"directive/unused\" = \"error\"\n\"directive/unknown-rule\" = \"off\"\n",
    );
    let toml = dir.join("reportlint.toml");
    assert_eq!(
        rules(&["--config", toml.to_str().unwrap()]),
        ["error directive/unused"]
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Item 3: `format/no-text-layer` is selectable and its level is configurable.
#[test]
fn no_text_layer_is_selectable_and_configurable() {
    let pdf = reportlint_tests::tests_dir().join("fixtures/formats/scanned.pdf");
    let pdf = pdf.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "concise"];
        args.extend_from_slice(extra);
        args.push(pdf);
        plain(&args)
    };
    let out = run(&["--isolated"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("error [format/no-text-layer]"),
        "{}",
        out.stdout
    );
    let out = run(&["--isolated", "--ignore", "format/no-text-layer"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        !out.stdout.contains("format/no-text-layer"),
        "{}",
        out.stdout
    );
    let dir = scratch("no-text-layer");
    write(
        &dir.join("reportlint.toml"),
        "[rules]\n\"format/no-text-layer\" = \"warning\"\n",
    );
    let out = run(&["--config", dir.join("reportlint.toml").to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout.contains("warning [format/no-text-layer]"),
        "{}",
        out.stdout
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Item 5: an ambiguous region key lists every place it fits, with full chains and codes.
#[test]
fn an_ambiguous_region_key_lists_its_candidates() {
    let dir = scratch("ambiguous");
    let toml = dir.join("reportlint.toml");
    write(
        &toml,
        "[regions.\"金岭镇\"]\nrules = { \"contact/phone\" = \"off\" }\n",
    );
    let report = dir.join("报告.txt");
    write(&report, BAD);
    let out = plain(&[
        "check",
        "--config",
        toml.to_str().unwrap(),
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("行政区划“金岭镇”有"), "{all}");
    assert!(
        all.contains("山东省 › 烟台市 › 招远市 › 金岭镇（370685"),
        "{all}"
    );
    assert!(all.contains("山东省 › 淄博市"), "{all}");
    assert!(all.contains("请带上上级名称"), "{all}");
    // `--region` says the same.
    let out = stdin(&["check", "--isolated", "--region", "金岭镇", "-"], BAD);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("--region：行政区划“金岭镇”有"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("招远市 › 金岭镇（370685"),
        "{}",
        out.stderr
    );
    // An unknown name still says what a key may be.
    let out = stdin(&["check", "--isolated", "--region", "火星市", "-"], BAD);
    assert!(
        out.stderr.contains("找不到行政区划“火星市”"),
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Item 4: a broken reportlint.toml is reported once, with the reports it affects, which count
/// as not linted (not as unreadable files); the run fails with exit code 2 as before.
#[test]
fn a_broken_config_is_reported_once_with_the_files_it_affects() {
    let dir = scratch("broken-config");
    write(
        &dir.join("reportlint.toml"),
        "[rules]\n\"structure/titel\" = \"off\"\n",
    );
    for f in ["甲镇.txt", "乙镇.txt", "丙镇.txt"] {
        write(&dir.join(f), BAD);
    }
    let folder = dir.to_str().unwrap();
    let out = plain(&["check", "--format", "concise", folder]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stdout);
    assert!(
        lines[0].contains("reportlint.toml:2:1: error [config]"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("受影响的 3 份报告未检查"), "{}", lines[0]);
    assert_eq!(
        out.stderr.matches("reportlint: 配置文件有误").count(),
        1,
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("丙镇.txt"), "{}", out.stderr);
    assert!(
        out.stderr.contains("3 个文件因配置文件有误未检查"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("无法读取"), "{}", out.stderr);
    let out = plain(&["check", "--format", "json", folder]);
    assert_eq!(out.code, 2);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(v["diagnostics"][0]["rule"], "config");
    assert_eq!(v["totals"]["not_linted"], 3);
    assert_eq!(v["totals"]["failed"], 0);
    // A report elsewhere, beside the broken folder, is linted as usual.
    let other = scratch("broken-config-other");
    write(&other.join("丁镇.txt"), BAD);
    let out = plain(&[
        "check",
        "--format",
        "concise",
        folder,
        other.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("丁镇.txt:1:1: error [structure/title]"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("检查了 1 个文件"), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(other);
}

/// Runs `reportlint ARGS…` with `input` on standard input: (exit code, stdout bytes, stderr).
fn run_bytes(args: &[&str], input: &[u8]) -> (u8, Vec<u8>, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("reportlint").chain(args.iter().copied());
    let code = reportlint::run(argv, &mut out, &mut err, Some(input), false);
    (code, out, String::from_utf8(err).unwrap())
}

/// The real report whose "2、" (where "二、" belongs) is a safe fix.
fn seed_text() -> String {
    std::fs::read_to_string(reportlint_tests::tests_dir().join("fixtures/003_0fdc335fd3bbd9c3.txt"))
        .unwrap()
}

/// Item 2: `cat r.txt | reportlint check - --fix` prints the fixed text on standard output and
/// the findings that remain on standard error; no file is touched, not even one named by
/// `--stdin-filename`.
#[test]
fn stdin_fix_prints_the_fixed_text_and_the_remaining_findings() {
    let text = seed_text();
    let dir = scratch("stdin-fix");
    let named = dir.join("r.txt");
    write(&named, "不要改动\n");
    let args = [
        "check",
        "--isolated",
        "--today",
        reportlint_tests::TODAY,
        "--format",
        "concise",
        "--fix",
        "--stdin-filename",
        named.to_str().unwrap(),
        "-",
    ];
    let (code, out, err) = run_bytes(&args, text.as_bytes());
    let fixed = String::from_utf8(out).unwrap();
    assert!(
        fixed.contains("\n二、"),
        "the heading is renumbered on stdout"
    );
    // The same text as `--fix` writes into a file.
    let copy = dir.join("copy.txt");
    write(&copy, &text);
    let out = plain(&[
        "check",
        "--isolated",
        "--today",
        reportlint_tests::TODAY,
        "--fix",
        copy.to_str().unwrap(),
    ]);
    assert!(out.stderr.contains("已修复"), "{}", out.stderr);
    assert_eq!(fixed, std::fs::read_to_string(&copy).unwrap());
    // The remaining findings, on standard error; the fixed one is gone.
    assert!(err.contains(&format!("{}:", named.display())), "{err}");
    assert!(!err.contains("[structure/section-numbering]"), "{err}");
    assert!(err.contains("已修复"), "{err}");
    assert!(err.contains("检查了 1 个文件"), "{err}");
    assert!(code <= 1, "{err}");
    assert_eq!(std::fs::read_to_string(&named).unwrap(), "不要改动\n");
    // GBK with CRLF: the same encoding and line endings on standard output.
    let crlf = text.replace('\u{a0}', " ").replace('\n', "\r\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&crlf);
    assert!(!unmappable);
    let (_, out, err) = run_bytes(&args, &gbk);
    assert!(std::str::from_utf8(&out).is_err(), "still GBK: {err}");
    let (back, _, errors) = encoding_rs::GBK.decode(&out);
    assert!(!errors);
    assert!(back.contains("\r\n二、"), "{err}");
    assert_eq!(back.matches("\r\n").count(), crlf.matches("\r\n").count());
    assert_eq!(back.matches('\n').count(), crlf.matches('\n').count());
    // Nothing to fix: the text comes back unchanged (a redirection never gets an empty file).
    let good = "威海市文登区宋村镇人民政府\n2022年政府信息公开工作年度报告\n";
    let (code, out, _) = run_bytes(
        &[
            "check",
            "--isolated",
            "--select",
            "structure/title",
            "--fix",
            "-",
        ],
        good.as_bytes(),
    );
    assert_eq!((code, out.as_slice()), (0, good.as_bytes()));
    // Unfixable findings stay on standard error with the exit code they call for.
    let (code, out, err) = run_bytes(
        &[
            "check",
            "--isolated",
            "--select",
            "structure/title",
            "--fix",
            "--format",
            "concise",
            "-",
        ],
        BAD.as_bytes(),
    );
    assert_eq!(code, 1);
    assert_eq!(out, BAD.as_bytes());
    assert!(err.contains("-:1:1: error [structure/title]"), "{err}");
    // A broken configuration for the name given: the text comes back unchanged, the run fails.
    let broken = dir.join("坏");
    write(
        &broken.join("reportlint.toml"),
        "[rules]\n\"structure/titel\" = \"off\"\n",
    );
    let name = broken.join("r.txt");
    let (code, out, err) = run_bytes(
        &[
            "check",
            "--fix",
            "--stdin-filename",
            name.to_str().unwrap(),
            "-",
        ],
        text.as_bytes(),
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, text.as_bytes());
    assert!(err.contains("受影响的 1 份报告未检查"), "{err}");
    // Standard input with other files is refused.
    let (code, _, err) = run_bytes(
        &["check", "--isolated", "--fix", "-", named.to_str().unwrap()],
        BAD.as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("只能检查这一份"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Item 6: an empty folder, or one holding only other formats, fails (exit 2) and names what was
/// skipped by extension; files of other formats beside reports are mentioned once.
#[test]
fn nothing_to_lint_names_what_was_skipped_by_extension() {
    let dir = scratch("skipped");
    let empty = dir.join("空");
    std::fs::create_dir_all(&empty).unwrap();
    let out = plain(&["check", "--isolated", empty.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("没有找到可检查的报告"),
        "{}",
        out.stderr
    );
    let others = dir.join("附件");
    for f in ["统计表.xls", "汇总.xls", "照片.JPG", ".DS_Store", "说明"] {
        write(&others.join(f), "x");
    }
    let out = plain(&["check", "--isolated", others.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("跳过了格式不支持的文件：.xls 2 个、.jpg 1 个、无扩展名 1 个"),
        "{}",
        out.stderr
    );
    write(&others.join("报告.txt"), BAD);
    let out = plain(&[
        "check",
        "--isolated",
        "--format",
        "concise",
        others.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("有 4 个文件不是支持的报告格式，未检查：.xls 2 个、.jpg 1 个、无扩展名 1 个"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("检查了 1 个文件"), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(dir);
}
