//! Shared helpers for the snapshot and end-to-end tests.

use codegen::spec::{Field, Operation, ServiceSpec, TypeDef, TypeRef};
use std::path::{Path, PathBuf};

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

/// The operation with this method and path; panics naming it when absent.
pub fn op<'a>(spec: &'a ServiceSpec, method: &str, path: &str) -> &'a Operation {
    spec.operations
        .iter()
        .find(|o| o.method == method && o.path == path)
        .unwrap_or_else(|| panic!("{}: no {method} {path}", spec.service))
}

/// The named object type behind `ty` (through arrays); panics on anything else.
pub fn type_of<'a>(spec: &'a ServiceSpec, ty: &TypeRef) -> &'a TypeDef {
    let mut ty = ty;
    while let TypeRef::Array { items } = ty {
        ty = items;
    }
    match ty {
        TypeRef::Ref { id } => &spec.types[id],
        other => panic!("not a named type: {other:?}"),
    }
}

/// The field `name` of `ty`; panics naming the type when absent.
pub fn field<'a>(ty: &'a TypeDef, name: &str) -> &'a Field {
    ty.fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{}: no field {name}", ty.name))
}

/// The service directories of `<corpus>/<cloud>`, sorted.
pub fn service_dirs(corpus: &Path, cloud: &str) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus.join(cloud))
        .unwrap_or_else(|e| panic!("corpus/{cloud}: {e}"))
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    dirs
}
