//! The two sides of `codegen diff`: a spec file, a directory of specs, or a
//! git revision of the project's `specs/`.

use crate::spec::ServiceSpec;
use std::path::Path;
use std::process::Command;

/// Files in `specs/` that are not service specs.
fn is_spec_file(name: &str) -> bool {
    name.ends_with(".json") && name != "spec.schema.json"
}

fn parse(text: &str, shown: &str) -> Result<ServiceSpec, String> {
    ServiceSpec::from_json(text).map_err(|e| format!("{shown}: invalid spec: {e}"))
}

/// Loads one side. `arg` is tried as a path (relative to the current
/// directory), then as a git revision of `root`'s `specs/`.
pub fn load_side(root: &Path, arg: &str) -> Result<Vec<ServiceSpec>, String> {
    let path = Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{arg}: {e}"))?;
        return Ok(vec![parse(&text, arg)?]);
    }
    if path.is_dir() {
        return load_dir(path);
    }
    load_revision(root, arg)
}

/// Every service spec directly in `dir`, by file name.
pub fn load_dir(dir: &Path) -> Result<Vec<ServiceSpec>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_spec_file(n))
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| {
            let p = dir.join(n);
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            parse(&text, &p.display().to_string())
        })
        .collect()
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    String::from_utf8(out.stdout).map_err(|e| format!("git output: {e}"))
}

/// The service specs of `specs/` at git revision `rev` of the repository at `root`.
pub fn load_revision(root: &Path, rev: &str) -> Result<Vec<ServiceSpec>, String> {
    if rev.starts_with('-') {
        return Err(format!("{rev}: not a file, directory or git revision"));
    }
    let tree = format!("{rev}:specs");
    let listing = git(root, &["ls-tree", "--name-only", &tree])
        .map_err(|e| format!("{rev}: not a file, directory or git revision with specs/ ({e})"))?;
    let mut specs = Vec::new();
    for name in listing.lines().filter(|n| is_spec_file(n)) {
        let object = format!("{rev}:specs/{name}");
        let text = git(root, &["show", &object])?;
        specs.push(parse(&text, &object)?);
    }
    Ok(specs)
}
