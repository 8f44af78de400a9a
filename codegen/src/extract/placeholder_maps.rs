//! Tables whose one row names a placeholder, not a key.
//!
//! ECS *Querying the Networks of a Specified ECS* documents `addresses` by a
//! table whose only row is `Network address of the ECS | Array of objects`:
//! the key is each network's name, so `addresses` is a map from network name
//! to a list of addresses, not an object with a field called "Network address
//! of the ECS". The same for `{User defined key}` (FunctionGraph, CCE, API
//! Gateway), `<operator>` (IAM) and `User-defined field key and value pair`
//! (BMS metadata). Such a type is read as a map to the row's type; the table
//! stays used (its row types the map's values).

use super::Extractor;
use crate::spec::{Operation, TypeRef};
use std::collections::BTreeMap;

impl Extractor<'_> {
    /// Notes a type just read from table rows when its one field is a placeholder.
    pub(super) fn note_placeholder_map(&mut self, file: &str, line: u32, slot: usize) {
        let def = &self.types[slot].1;
        let [field] = def.fields.as_slice() else {
            return;
        };
        if !is_placeholder(&field.name) {
            return;
        }
        let message = format!(
            "the one row of `{}` names a placeholder (`{}`), not a key: read as a map from such keys to its type",
            def.name, field.name
        );
        let id = self.types[slot].0.clone();
        self.diags.note(file, line, "placeholder-key-map", message);
        self.placeholder_maps.push(id);
    }

    /// Replaces every reference to a placeholder type by a map to its row's
    /// type, and drops those types. Runs after table accounting, so that their
    /// tables count as used.
    pub(super) fn apply_placeholder_maps(&mut self, operations: &mut [Operation]) {
        let mut maps: BTreeMap<String, TypeRef> = BTreeMap::new();
        for (id, def) in &self.types {
            if self.placeholder_maps.contains(id)
                && let [field] = def.fields.as_slice()
            {
                maps.insert(id.clone(), field.ty.clone());
            }
        }
        if maps.is_empty() {
            return;
        }
        // Values that are other placeholder types (`<operator>` → `<attribute>`)
        // resolve to nested maps; a cycle among them keeps its back edge a
        // reference, and the type it names stays.
        let mut resolved: BTreeMap<String, TypeRef> = BTreeMap::new();
        for id in maps.keys() {
            let ty = resolve(id, &maps, &mut Vec::new());
            resolved.insert(id.clone(), ty);
        }
        let mut kept = std::collections::BTreeSet::new();
        for ty in resolved.values() {
            collect_refs(ty, &mut kept);
        }
        let resolved: BTreeMap<String, TypeRef> = resolved
            .into_iter()
            .filter(|(id, _)| !kept.contains(id))
            .collect();
        for (_, def) in self.types.iter_mut() {
            for f in &mut def.fields {
                substitute(&mut f.ty, &resolved);
            }
        }
        for op in operations.iter_mut() {
            for p in &mut op.parameters {
                substitute(&mut p.ty, &resolved);
            }
            if let Some(b) = &mut op.request_body {
                substitute(&mut b.ty, &resolved);
            }
            for r in &mut op.responses {
                if let Some(b) = &mut r.body {
                    substitute(&mut b.ty, &resolved);
                }
            }
        }
        self.types.retain(|(id, _)| !resolved.contains_key(id));
    }
}

/// The map values of placeholder type `id`, with the placeholder types inside
/// resolved in turn; one already on `path` (a cycle) stays a reference.
fn resolve(id: &str, maps: &BTreeMap<String, TypeRef>, path: &mut Vec<String>) -> TypeRef {
    let Some(values) = maps.get(id) else {
        return TypeRef::Ref { id: id.to_string() };
    };
    path.push(id.to_string());
    let ty = resolve_in(values, maps, path);
    path.pop();
    ty
}

fn resolve_in(ty: &TypeRef, maps: &BTreeMap<String, TypeRef>, path: &mut Vec<String>) -> TypeRef {
    match ty {
        TypeRef::Array { items } => TypeRef::Array {
            items: Box::new(resolve_in(items, maps, path)),
        },
        TypeRef::Map { values } => TypeRef::Map {
            values: Box::new(resolve_in(values, maps, path)),
        },
        TypeRef::Ref { id } if maps.contains_key(id) && !path.contains(id) => TypeRef::Map {
            values: Box::new(resolve(id, maps, path)),
        },
        other => other.clone(),
    }
}

/// The type ids referenced inside `ty`.
fn collect_refs(ty: &TypeRef, out: &mut std::collections::BTreeSet<String>) {
    match ty {
        TypeRef::Array { items } => collect_refs(items, out),
        TypeRef::Map { values } => collect_refs(values, out),
        TypeRef::Ref { id } => {
            out.insert(id.clone());
        }
        _ => {}
    }
}

/// A row name that stands for any key: words with spaces, or `{…}` / `<…>`.
fn is_placeholder(name: &str) -> bool {
    let n = name.trim();
    let wrapped =
        (n.starts_with('{') && n.ends_with('}')) || (n.starts_with('<') && n.ends_with('>'));
    let words = n.split_whitespace().count() > 1 && !is_array_items(n);
    n.len() > 2 && (wrapped || words)
}

/// `Array elements`: a bare array's items (DLI batch bodies), not a map's keys.
fn is_array_items(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    n == "array elements" || n == "array element"
}

/// Replaces `Ref`s to a placeholder type by its (resolved) map.
fn substitute(ty: &mut TypeRef, maps: &BTreeMap<String, TypeRef>) {
    match ty {
        TypeRef::Array { items } => substitute(items, maps),
        TypeRef::Map { values } => substitute(values, maps),
        TypeRef::Ref { id } => {
            if let Some(values) = maps.get(id.as_str()) {
                *ty = TypeRef::Map {
                    values: Box::new(values.clone()),
                };
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for p in [
            "Network address of the ECS",
            "{User defined key}",
            "{自定义key}",
            "<operator>",
            "User-defined field key and value pair",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for k in ["addr", "OS-EXT-IPS:type", "Array elements", "{}", "key_1"] {
            assert!(!is_placeholder(k), "{k}");
        }
    }

    #[test]
    fn references_become_maps() {
        let maps = BTreeMap::from([("#3".to_string(), TypeRef::String)]);
        let mut ty = TypeRef::Array {
            items: Box::new(TypeRef::Ref { id: "#3".into() }),
        };
        substitute(&mut ty, &maps);
        let map = |v: TypeRef| TypeRef::Map {
            values: Box::new(v),
        };
        assert_eq!(
            ty,
            TypeRef::Array {
                items: Box::new(map(TypeRef::String))
            }
        );
        let mut other = TypeRef::Ref { id: "#4".into() };
        substitute(&mut other, &maps);
        assert_eq!(other, TypeRef::Ref { id: "#4".into() });
    }

    #[test]
    fn nested_placeholders_resolve_and_cycles_stay_references() {
        let r = |id: &str| TypeRef::Ref { id: id.into() };
        let map = |v: TypeRef| TypeRef::Map {
            values: Box::new(v),
        };
        let maps = BTreeMap::from([
            ("#1".to_string(), r("#2")),
            ("#2".to_string(), TypeRef::String),
            ("#5".to_string(), r("#5")),
        ]);
        assert_eq!(resolve("#1", &maps, &mut Vec::new()), map(TypeRef::String));
        // `#5`'s values are `#5` maps: one level, then the reference back.
        assert_eq!(resolve("#5", &maps, &mut Vec::new()), r("#5"));
    }
}
