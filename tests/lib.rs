//! Shared helpers for the snapshot and end-to-end tests.

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// `../shared/corpus` next to the workspace, when present (CI and developer machines).
pub fn corpus_root() -> Option<PathBuf> {
    let root = std::env::var_os("DOCS_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/corpus"));
    root.is_dir().then_some(root)
}
