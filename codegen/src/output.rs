//! Writing outputs atomically, and `--check` comparisons.
//!
//! Everything is rendered in memory first; files are then replaced one by one
//! through a temporary file and a rename, so a failed run never leaves a
//! half-written file, and a run that fails before writing changes nothing.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files under `dir` that differ from `files` (missing, changed, or stale extras under `owned`).
pub fn differences(dir: &Path, files: &BTreeMap<String, String>, owned: &[&str]) -> Vec<PathBuf> {
    // Specs and generated files are many and large: compare them in parallel.
    let mut out: Vec<PathBuf> = files
        .par_iter()
        .map(|(rel, content)| (dir.join(rel), content))
        .filter(|(path, content)| !same_on_disk(path, content))
        .map(|(path, _)| path)
        .collect();
    out.extend(stale(dir, files, owned));
    out
}

/// Whether `path` holds `content` (a checkout with CRLF line ends counts as the same).
pub fn same_on_disk(path: &Path, content: &str) -> bool {
    let Ok(disk) = fs::read(path) else {
        return false;
    };
    if disk == content.as_bytes() {
        return true;
    }
    memchr::memchr(b'\r', &disk).is_some()
        && String::from_utf8_lossy(&disk).replace("\r\n", "\n") == content
}

/// Files in the `owned` subdirectories of `dir` that the new output no longer contains.
fn stale(dir: &Path, files: &BTreeMap<String, String>, owned: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in owned {
        let mut found = Vec::new();
        walk(&dir.join(sub), &mut found);
        for path in found {
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if !files.contains_key(&rel) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Writes the changed files atomically and removes stale ones; returns what changed.
pub fn write_all(
    dir: &Path,
    files: &BTreeMap<String, String>,
    owned: &[&str],
) -> std::io::Result<Vec<PathBuf>> {
    let changed = differences(dir, files, owned);
    for (rel, content) in files {
        let path = dir.join(rel);
        if changed.contains(&path) {
            write_atomic(&path, content)?;
        }
    }
    for path in stale(dir, files, owned) {
        fs::remove_file(&path)?;
    }
    Ok(changed)
}

/// Writes through a temporary file in the same directory, then renames over the target.
///
/// A target that exists and is not a regular file (`-o /dev/null`, `-o
/// /dev/stdout`, a FIFO, or a symlink to one) is written in place instead: a
/// rename would replace the device node itself. Run as root, `codegen extract
/// -o /dev/null` left a 0600 regular file (the temporary file's mode) at
/// `/dev/null`, after which cargo's rustc probe, whose stdin is `/dev/null`,
/// read the text build scripts had written there as Rust source (see
/// `tests/rust_gen.rs`).
pub fn write_atomic(path: &Path, content: &str) -> std::io::Result<()> {
    if fs::metadata(path).is_ok_and(|m| !m.is_file()) && !path.is_dir() {
        return fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(content.as_bytes());
    }
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let mut tmp = tempfile::NamedTempFile::new_in(parent)?;
    tmp.write_all(content.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::same_on_disk;

    /// Writing to a path that names a device goes to the device; the path is
    /// not replaced. (A symlink to `/dev/null` in a scratch dir, so a
    /// regression replaces only the link, never the real device.)
    #[cfg(unix)]
    #[test]
    fn write_atomic_writes_through_to_a_device() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let link = dir.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &link).expect("symlink");
        super::write_atomic(&link, "spec").expect("written");
        let meta = std::fs::symlink_metadata(&link).expect("link still there");
        assert!(meta.file_type().is_symlink(), "the link was replaced");
        let target = std::fs::metadata(&link).expect("target");
        assert!(target.file_type().is_char_device());
    }

    #[test]
    fn same_on_disk_reads_crlf_checkouts_as_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.json");
        std::fs::write(&path, "{\r\n  \"a\": 1\r\n}\r\n").expect("write");
        assert!(same_on_disk(&path, "{\n  \"a\": 1\n}\n"));
        assert!(!same_on_disk(&path, "{\n  \"a\": 2\n}\n"));
        std::fs::write(&path, "x\n").expect("write");
        assert!(same_on_disk(&path, "x\n"));
        assert!(!same_on_disk(&path, "x"));
        assert!(!same_on_disk(&dir.path().join("missing"), ""));
    }
}
