//! Support for the loopback suite: a wiremock server on 127.0.0.1, the docs'
//! examples from `specs/`, and an independent AK/SK signature check.

#[path = "../runtime/tests/support/sigcheck.rs"]
pub mod sigcheck;

use serde_json::Value;
use std::path::PathBuf;

/// The spec of a service (`specs/<stem>.json`) as JSON.
pub fn spec(stem: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../specs")
        .join(format!("{stem}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("spec JSON")
}

/// The operation `id` of a spec.
pub fn operation<'s>(spec: &'s Value, id: &str) -> &'s Value {
    spec["operations"]
        .as_array()
        .and_then(|ops| ops.iter().find(|op| op["id"] == id))
        .unwrap_or_else(|| panic!("no operation {id}"))
}

/// The first JSON example of `kind` (`request` or `response`) of an operation.
pub fn example(op: &Value, kind: &str) -> Option<Value> {
    op["examples"].as_array()?.iter().find_map(|e| {
        let text = e["text"].as_str()?.trim();
        (e["kind"] == kind && text.starts_with(['{', '[']))
            .then(|| serde_json::from_str(text).ok())
            .flatten()
    })
}

/// The first documented success status (`2XX` → 200).
pub fn success_status(op: &Value) -> u16 {
    op["responses"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["status"].as_str())
        .find(|s| s.starts_with('2'))
        .map(|s| s.parse().unwrap_or(200))
        .unwrap_or(200)
}

/// Whether `part` is contained in `whole`: every object key of `part` is in
/// `whole` with a contained value (arrays item by item). A typed body read and
/// written again drops what its type does not model, so it is contained in
/// the example, not equal to it.
pub fn contained(part: &Value, whole: &Value) -> bool {
    match (part, whole) {
        (Value::Object(p), Value::Object(w)) => p
            .iter()
            .all(|(k, v)| v.is_null() || w.get(k).is_some_and(|wv| contained(v, wv))),
        (Value::Array(p), Value::Array(w)) => {
            p.len() == w.len() && p.iter().zip(w).all(|(a, b)| contained(a, b))
        }
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        _ => part == whole,
    }
}

pub use sigcheck::{received_headers as headers, verify_received as verify};
