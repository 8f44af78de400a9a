//! `codegen diff` on the command line: two files, the exit codes of
//! `--fail-on`, an error, and a git revision of a project's `specs/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn drs() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/data-replication-service.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("DRS spec")).expect("JSON")
}

/// The DRS spec and a copy with a response field removed (breaking).
fn pair() -> (String, String) {
    let old = drs();
    let mut new = old.clone();
    new["types"]["QueryJobResp"]["fields"]
        .as_array_mut()
        .expect("QueryJobResp")
        .retain(|f| f["name"] != "failed_reason");
    let show = |v: &serde_json::Value| serde_json::to_string_pretty(v).expect("JSON") + "\n";
    (show(&old), show(&new))
}

fn codegen(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("codegen runs")
}

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
    path.to_path_buf()
}

#[test]
fn files_and_fail_on_exit_codes() {
    let (old, new) = pair();
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(&dir.path().join("old.json"), &old);
    let b = write(&dir.path().join("new.json"), &new);
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = codegen(&["diff", a, b, "--fail-on", "breaking"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "response-property-removed [major]: field `failed_reason` of `QueryJobResp` removed"
        ),
        "{text}"
    );
    assert_eq!(codegen(&["diff", a, b], dir.path()).status.code(), Some(0));
    assert_eq!(
        codegen(&["diff", a, a, "--fail-on", "any"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        codegen(&["diff", b, a, "--fail-on", "potential"], dir.path())
            .status
            .code(),
        Some(0),
        "adding a response field is non-breaking"
    );
    assert_eq!(
        codegen(&["diff", b, a, "--fail-on", "any"], dir.path())
            .status
            .code(),
        Some(1)
    );
    let err = codegen(&["diff", a, "/nonexistent/x.json"], dir.path());
    assert_eq!(err.status.code(), Some(2));
}

#[test]
fn git_revision_against_the_working_tree() {
    let (old, new) = pair();
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(&root.join("specs/sources.toml"), "");
    write(&root.join("specs/data-replication-service.json"), &old);
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(root)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    write(&root.join("specs/data-replication-service.json"), &new);
    let out = codegen(
        &["diff", "HEAD", "--format", "json", "--fail-on", "breaking"],
        root,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert_eq!(report["summary"]["breaking"], 1);
    assert_eq!(report["summary"]["semver"], "major");
    assert_eq!(
        report["services"][0]["changes"][0]["rule"],
        "response-property-removed"
    );
    // The same revision on both sides: nothing.
    let out = codegen(&["diff", "HEAD", "HEAD", "--fail-on", "any"], root);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        codegen(&["diff", "no-such-rev"], root).status.code(),
        Some(2)
    );
}
