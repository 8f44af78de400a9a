//! Snapshots of the Rust emitted for hand-made spec fixtures, and a compile
//! check of the crate generated from them.

use codegen::rust::{generate_crate, generate_module};
use codegen::spec::ServiceSpec;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &[&str] = &[
    "odd_names",
    "collisions",
    "cycles",
    "maps_arrays",
    "typed_values",
];

fn fixture(name: &str) -> ServiceSpec {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/specs/{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ServiceSpec::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn all_fixtures() -> Vec<ServiceSpec> {
    FIXTURES.iter().map(|name| fixture(name)).collect()
}

fn module(name: &str) -> String {
    generate_module(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn odd_names() {
    insta::assert_snapshot!(module("odd_names"));
}

#[test]
fn collisions() {
    insta::assert_snapshot!(module("collisions"));
}

#[test]
fn cycles() {
    insta::assert_snapshot!(module("cycles"));
}

#[test]
fn maps_arrays() {
    insta::assert_snapshot!(module("maps_arrays"));
}

/// Enums, constructors, default constants, validators and secret redaction.
#[test]
fn typed_values() {
    insta::assert_snapshot!(module("typed_values"));
}

/// The example bodies of the fixture as generated test cases.
#[test]
fn typed_values_examples() {
    let files = generate_crate(&[fixture("typed_values")]).expect("crate generates");
    insta::assert_snapshot!(files["tests/examples/otc_typed_values.rs"]);
}

/// The files around the modules (module sources are pinned above).
#[test]
fn crate_files() {
    let files = generate_crate(&all_fixtures()).expect("crate generates");
    let mut out = String::new();
    for (path, text) in &files {
        let shown = if path.ends_with("/mod.rs")
            || !path.starts_with("src/")
            || path == "src/lib.rs"
            || path == "src/validation.rs"
        {
            text.as_str()
        } else {
            "(module source, see the per-fixture snapshots)\n"
        };
        out.push_str(&format!("==> {path} <==\n{shown}\n"));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn output_is_deterministic() {
    let specs = all_fixtures();
    assert_eq!(
        generate_crate(&specs).unwrap(),
        generate_crate(&specs).unwrap()
    );
}

#[test]
fn missing_ref_is_an_error_naming_it() {
    let mut spec = fixture("cycles");
    spec.types.remove("Address");
    let err = generate_module(&spec).unwrap_err().to_string();
    assert!(err.contains("Company") && err.contains("Address"), "{err}");
}

#[test]
fn duplicate_module_is_an_error() {
    let spec = fixture("cycles");
    assert!(generate_crate(&[spec.clone(), spec]).is_err());
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Writes the crate generated from the fixtures into a scratch workspace and
/// runs clippy (`-D warnings`), rustdoc (`-D warnings`) and its doctests (there
/// must be none: descriptions must not turn into code). Offline; it reuses this
/// workspace's lock file and target dir (see [`nested_target_dir`]).
#[test]
#[ignore = "nested cargo clippy, doc and test of the fixture crate (over a minute cold); .ci/run runs it"]
fn fixture_crate_is_clippy_and_rustdoc_clean() {
    // `RUST_GEN_CHECK_DIR` keeps the scratch workspace for inspection.
    let dir = tempfile::tempdir().expect("tempdir");
    let kept = std::env::var_os("RUST_GEN_CHECK_DIR").map(PathBuf::from);
    let root = kept.as_deref().unwrap_or(dir.path());
    let mut specs = all_fixtures();
    // `RUST_GEN_EXTRA_SPECS=<dir>` adds every `*.json` spec there (e.g. `specs/`).
    if let Some(dir) = std::env::var_os("RUST_GEN_EXTRA_SPECS") {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("RUST_GEN_EXTRA_SPECS is a directory")
            .map(|e| e.expect("directory entry").path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "json") && !p.ends_with("spec.schema.json")
            })
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("spec readable");
            specs.push(
                ServiceSpec::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            );
        }
    }
    for (path, text) in generate_crate(&specs).expect("crate generates") {
        let path = root.join("scratch/generated").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    // The generated crate calls the hand-written runtime (`../runtime`).
    copy_dir(
        &workspace_root().join("runtime/src"),
        &root.join("scratch/runtime/src"),
    );
    std::fs::copy(
        workspace_root().join("runtime/Cargo.toml"),
        root.join("scratch/runtime/Cargo.toml"),
    )
    .unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        String::from(
            "[workspace]\nresolver = \"3\"\nmembers = [\"scratch/generated\", \"scratch/runtime\"]\n\n\
         [workspace.package]\nedition = \"2024\"\nlicense = \"Apache-2.0\"\npublish = false\n\n\
         [workspace.dependencies]\n\
         serde = { version = \"1\", features = [\"derive\"] }\n\
         serde_json = { version = \"1\", features = [\"preserve_order\"] }\n",
        ) + &profile_sections(),
    )
    .unwrap();
    std::fs::copy(workspace_root().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    let target = nested_target_dir();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = |args: &[&str]| {
        let mut cmd = Command::new(&cargo);
        cmd.args(args)
            .current_dir(root)
            .env("RUSTDOCFLAGS", "-D warnings")
            .stdin(std::process::Stdio::null());
        // The outer cargo's jobserver is not ours to use: its fds are not
        // passed down, so the numbers in these variables could name any
        // file the child happens to hold open.
        for var in ["CARGO_MAKEFLAGS", "MAKEFLAGS", "MFLAGS"] {
            cmd.env_remove(var);
        }
        // What the outer cargo set for this test (`CARGO_PKG_*`,
        // `CARGO_MANIFEST_DIR`, …) is not the scratch workspace's; build
        // scripts that watch such variables would rerun and rebuild the
        // shared dependencies for both workspaces.
        for (var, _) in std::env::vars_os() {
            let name = var.to_string_lossy();
            if name.starts_with("CARGO_") && name != "CARGO_HOME" && name != "CARGO_TERM_COLOR" {
                cmd.env_remove(&var);
            }
        }
        cmd.env("CARGO_TARGET_DIR", &target);
        let out = cmd.output().expect("cargo runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "cargo {args:?} failed:\n{stderr}{}",
            dev_null_hint(&stderr)
        );
    };
    run(&[
        "clippy",
        "--offline",
        "--all-features",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    run(&["doc", "--offline", "--all-features", "--no-deps"]);
    run(&["test", "--offline", "--all-features", "--doc"]);
    // The example cases: what the spec predicts is what the generated types do.
    run(&["test", "--offline", "--all-features", "--test", "examples"]);
    // Built without any feature, too: the cloud modules must still compile.
    run(&["clippy", "--offline", "--", "-D", "warnings"]);
}

/// This workspace's `[profile.*]` sections (the end of its `Cargo.toml`, from
/// the first `[profile.` header): with the same profiles the scratch
/// workspace reuses the dependencies built in the shared target dir.
fn profile_sections() -> String {
    let text = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
    match text.find("\n[profile.") {
        Some(at) => text[at..].to_string(),
        None => String::new(),
    }
}

/// The scratch workspace builds into this workspace's own target dir, so the
/// runtime's dependencies (reqwest, rustls, tokio, …) compiled by the outer
/// build are reused instead of being built a second time in a cold target
/// dir: the two workspaces share the lock file, and `.ci/run`'s `RUSTFLAGS`
/// reach both. The scratch `generated` and `runtime` packages sit under
/// `scratch/` (cargo hashes a path package by its path relative to its
/// workspace: at `generated/` they would share the workspace's hashes and
/// each run would rebuild the other's), so their artifacts never replace the
/// workspace's own. Cargo releases the build-dir lock before it runs test
/// binaries, so the nested run does not wait on the outer one.
///
/// Why this test once failed in two runs of three on a fresh clone, with
/// cargo's target probe (`rustc - --crate-name ___ --print=file-names …
/// -Wwarnings`) reporting `unknown start of token` on the text
/// `error[E0554]: #![feature] may not be used on the stable release channel`:
/// on that machine `/dev/null` was a regular file, not the null device.
/// Cargo runs the probe with `Stdio::null()` as stdin, which opens
/// `/dev/null`, and the probe reads the crate source from stdin (`-`). Build
/// scripts such as proc-macro2's compile a `#![feature]` probe with stderr
/// sent to `Stdio::null()`, which wrote that E0554 error into the same file
/// during the outer build; the next cargo run that probes reads it as Rust.
/// Cargo probes once per target dir and rustc fingerprint (the cache is
/// `<target>/.rustc_info.json`, and a `cargo clippy` run replaces a plain
/// run's entries, since clippy-driver wraps rustc), so a nested cargo in a
/// fresh target dir, and any alternation of clippy and plain builds, probes
/// again. Reproduced here by bind-mounting a regular file holding that text
/// over `/dev/null` in a private mount namespace (`unshare -m`): plain
/// `cargo check` in a new target dir fails the same way. No test can work
/// around it (the outer `cargo test` re-probes too); the fix is the machine's
/// `/dev/null`, and [`dev_null_hint`] says so when it happens. How it got
/// that way: on this machine a 0600 regular file (a temporary file's mode)
/// replaced `/dev/null` mid-session, as `codegen … -o /dev/null` run as root
/// would have while `output::write_atomic` renamed a temporary file over any
/// target (it now writes a device in place).
fn nested_target_dir() -> PathBuf {
    // `CARGO_TARGET_TMPDIR` is `<target>/tmp`.
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .to_path_buf()
}

/// A hint for a failed nested cargo run when `/dev/null` is not the null
/// device (see [`nested_target_dir`]).
fn dev_null_hint(stderr: &str) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let ok = std::fs::metadata("/dev/null").is_ok_and(|m| m.file_type().is_char_device());
        if !ok && stderr.contains("learn about target-specific information") {
            return "\nnote: /dev/null is not a character device on this machine: cargo's \
                    target probe reads it as Rust source (restore it: `rm /dev/null && \
                    mknod -m 666 /dev/null c 1 3`)"
                .to_owned();
        }
    }
    let _ = stderr;
    String::new()
}

#[test]
fn empty_spec_set_still_has_the_crate_skeleton() {
    let files = generate_crate(&[]).expect("crate generates");
    let paths: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "README.md",
            "rustfmt.toml",
            "src/lib.rs",
            "src/otc/mod.rs",
            "src/validation.rs"
        ]
    );
    assert!(files["Cargo.toml"].contains("full = []\n"));
}

/// Copies a directory tree (the runtime's sources into a scratch workspace).
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
