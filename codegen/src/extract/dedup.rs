//! Final type ids: identical types (same name, same fields, same nested types) are
//! merged; types sharing a name but differing get `Name@page` ids.
//!
//! Merging is a partition refinement (as in DFA minimisation), so identical
//! cyclic types merge too and the result does not depend on creation order.

use crate::spec::{Field, Operation, TypeDef, TypeRef};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Provisional id → final id.
pub type Renames = BTreeMap<String, String>;

pub fn finish(types: Vec<(String, TypeDef)>) -> (BTreeMap<String, TypeDef>, Renames) {
    let classes = refine(&types);
    let ids = final_ids(&types, &classes);
    let renames: Renames = types
        .iter()
        .enumerate()
        .map(|(i, (prov, _))| (prov.clone(), ids[classes[i]].clone()))
        .collect();
    let mut out: BTreeMap<String, TypeDef> = BTreeMap::new();
    for (i, (_, def)) in types.into_iter().enumerate() {
        let id = &ids[classes[i]];
        let mut def = def;
        for f in &mut def.fields {
            f.ty = rename(&f.ty, &renames);
        }
        match out.get_mut(id) {
            Some(existing) => {
                existing.origins.extend(def.origins);
                existing.origins.sort();
                existing.origins.dedup();
            }
            None => {
                out.insert(id.clone(), def);
            }
        }
    }
    (out, renames)
}

/// Class number per type, refined until stable.
///
/// A type's shape (field names, flags, descriptions, type structure) is fixed; only
/// the classes of the types it refers to change between rounds. So the shape is
/// numbered once, and a round compares `(class, shape, classes of referenced types)`.
fn refine(types: &[(String, TypeDef)]) -> Vec<usize> {
    refine_counted(types).0
}

/// [`refine`] and the number of refinement rounds it took.
fn refine_counted(types: &[(String, TypeDef)]) -> (Vec<usize>, usize) {
    let position: BTreeMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (p.as_str(), i))
        .collect();
    let mut refs: Vec<Vec<usize>> = Vec::with_capacity(types.len());
    let shapes: Vec<String> = types
        .iter()
        .map(|(_, d)| {
            let mut r = Vec::new();
            let key = shape_key(&d.fields, &position, &mut r);
            refs.push(r);
            key
        })
        .collect();
    let shapes = number(shapes);
    // Start with one class per name.
    let mut classes = number(types.iter().map(|(_, d)| d.name.clone()).collect());
    let mut rounds = 0;
    loop {
        rounds += 1;
        let keys: Vec<Vec<usize>> = (0..types.len())
            .map(|i| {
                let mut key = Vec::with_capacity(refs[i].len() + 2);
                key.push(classes[i]);
                key.push(shapes[i]);
                key.extend(refs[i].iter().map(|&j| classes[j]));
                key
            })
            .collect();
        let next = number(keys);
        let count = |c: &[usize]| c.iter().max().map_or(0, |m| m + 1);
        if count(&next) == count(&classes) {
            return (next, rounds);
        }
        classes = next;
    }
}

/// Dense class numbers in order of first appearance.
fn number<K: Ord>(keys: Vec<K>) -> Vec<usize> {
    let mut seen: BTreeMap<K, usize> = BTreeMap::new();
    keys.into_iter()
        .map(|k| {
            let n = seen.len();
            *seen.entry(k).or_insert(n)
        })
        .collect()
}

/// The fixed part of a type's key; references to types being merged become `#`
/// placeholders, whose positions are pushed to `refs` in order.
fn shape_key(fields: &[Field], position: &BTreeMap<&str, usize>, refs: &mut Vec<usize>) -> String {
    let mut key = String::new();
    for f in fields {
        let ty = rename_with(&f.ty, &mut |id| match position.get(id) {
            Some(&i) => {
                refs.push(i);
                "\u{0}".to_string()
            }
            None => id.to_string(),
        });
        let _ = write!(
            key,
            "{}|{}|{:?}|{:?}|{}\u{1}",
            f.name, f.required, f.required_note, ty, f.description
        );
    }
    key
}

/// `Name` when one class has that name, else `Name@<page>` by the class's first origin.
fn final_ids(types: &[(String, TypeDef)], classes: &[usize]) -> Vec<String> {
    let n = classes.iter().max().map_or(0, |m| m + 1);
    let mut first: Vec<Option<&TypeDef>> = vec![None; n];
    let mut origin: Vec<String> = vec![String::new(); n];
    for (i, (_, d)) in types.iter().enumerate() {
        let c = classes[i];
        first[c].get_or_insert(d);
        let page = d
            .origins
            .iter()
            .map(|o| page_key(&o.file))
            .min()
            .unwrap_or_default();
        if origin[c].is_empty() || page < origin[c] {
            origin[c] = page;
        }
    }
    let mut per_name: BTreeMap<&str, usize> = BTreeMap::new();
    for d in first.iter().flatten() {
        *per_name.entry(d.name.as_str()).or_insert(0) += 1;
    }
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    // Assign in a canonical order so suffixes do not depend on creation order.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| {
        (first[*a].map(|d| &d.name), &origin[*a], a).cmp(&(
            first[*b].map(|d| &d.name),
            &origin[*b],
            b,
        ))
    });
    let mut ids = vec![String::new(); n];
    for c in order {
        let name = first[c].map_or("", |d| d.name.as_str());
        let base = if per_name.get(name).copied().unwrap_or(0) > 1 {
            format!("{name}@{}", origin[c])
        } else {
            name.to_string()
        };
        let k = taken.entry(base.clone()).or_insert(0);
        *k += 1;
        ids[c] = if *k > 1 { format!("{base}~{k}") } else { base };
    }
    ids
}

/// `api/backups/creating_a_backup.rst` → `creating_a_backup`.
fn page_key(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

fn rename(ty: &TypeRef, renames: &Renames) -> TypeRef {
    rename_with(ty, &mut |id| {
        renames.get(id).cloned().unwrap_or_else(|| id.to_string())
    })
}

fn rename_with(ty: &TypeRef, f: &mut dyn FnMut(&str) -> String) -> TypeRef {
    match ty {
        TypeRef::Ref { id } => TypeRef::Ref { id: f(id) },
        TypeRef::Array { items } => TypeRef::Array {
            items: Box::new(rename_with(items, f)),
        },
        TypeRef::Map { values } => TypeRef::Map {
            values: Box::new(rename_with(values, f)),
        },
        other => other.clone(),
    }
}

pub fn rename_operation(op: &mut Operation, renames: &Renames) {
    for p in &mut op.parameters {
        p.ty = rename(&p.ty, renames);
    }
    if let Some(b) = &mut op.request_body {
        b.ty = rename(&b.ty, renames);
    }
    for r in &mut op.responses {
        if let Some(b) = &mut r.body {
            b.ty = rename(&b.ty, renames);
        }
        for h in &mut r.headers {
            h.ty = rename(&h.ty, renames);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Origin;

    fn def(name: &str, file: &str, fields: Vec<(&str, TypeRef)>) -> TypeDef {
        TypeDef {
            name: name.into(),
            description: String::new(),
            fields: fields
                .into_iter()
                .map(|(n, ty)| Field {
                    name: n.into(),
                    required: false,
                    required_note: None,
                    ty,
                    description: String::new(),
                    constraints: Default::default(),
                })
                .collect(),
            origins: vec![Origin {
                file: file.into(),
                table: None,
            }],
        }
    }

    fn r(id: &str) -> TypeRef {
        TypeRef::Ref { id: id.into() }
    }

    #[test]
    fn identical_types_merge_and_differing_names_split() {
        let types = vec![
            (
                "#0".into(),
                def("Error", "a.rst", vec![("code", TypeRef::String)]),
            ),
            (
                "#1".into(),
                def("Error", "b.rst", vec![("code", TypeRef::String)]),
            ),
            (
                "#2".into(),
                def("Tag", "a.rst", vec![("key", TypeRef::String)]),
            ),
            (
                "#3".into(),
                def(
                    "Tag",
                    "b.rst",
                    vec![("key", TypeRef::String), ("value", TypeRef::String)],
                ),
            ),
        ];
        let (out, renames) = finish(types);
        assert_eq!(
            out.keys().collect::<Vec<_>>(),
            vec!["Error", "Tag@a", "Tag@b"]
        );
        assert_eq!(out["Error"].origins.len(), 2);
        assert_eq!(renames["#1"], "Error");
        assert_eq!(renames["#3"], "Tag@b");
    }

    /// Refinement takes one round per level of nesting that tells types apart (plus
    /// one to see it is stable), not one per type: the corpus's largest service
    /// (about 650 types) takes 3 rounds, the deepest 4.
    #[test]
    fn refinement_rounds_follow_nesting_depth() {
        let depth = 6;
        let mut types = Vec::new();
        for side in ["a", "b"] {
            for level in 0..depth {
                let base = types.len();
                let fields = if level + 1 < depth {
                    vec![("x", r(&format!("#{}", base + 1)))]
                } else {
                    let leaf = if side == "a" {
                        TypeRef::String
                    } else {
                        TypeRef::Boolean
                    };
                    vec![("k", leaf)]
                };
                types.push((
                    format!("#{base}"),
                    def(&format!("T{level}"), &format!("{side}.rst"), fields),
                ));
            }
        }
        // 200 identical unrelated types do not add rounds.
        for i in 0..200 {
            let n = types.len();
            types.push((
                format!("#{n}"),
                def("Tag", &format!("p{i}.rst"), vec![("k", TypeRef::String)]),
            ));
        }
        let (classes, rounds) = refine_counted(&types);
        assert!(rounds <= depth + 1, "{rounds} rounds");
        assert_ne!(
            classes[0], classes[depth],
            "differing leaves split the chains"
        );
        assert_eq!(classes[2 * depth], classes[types.len() - 1]);
    }

    #[test]
    fn cyclic_types_merge() {
        let types = vec![
            ("#0".into(), def("Node", "a.rst", vec![("next", r("#0"))])),
            ("#1".into(), def("Node", "b.rst", vec![("next", r("#1"))])),
        ];
        let (out, _) = finish(types);
        assert_eq!(out.len(), 1);
        assert_eq!(out["Node"].fields[0].ty, r("Node"));
    }

    #[test]
    fn nested_difference_splits_parents() {
        let types = vec![
            ("#0".into(), def("Outer", "a.rst", vec![("x", r("#1"))])),
            (
                "#1".into(),
                def("Inner", "a.rst", vec![("k", TypeRef::String)]),
            ),
            ("#2".into(), def("Outer", "b.rst", vec![("x", r("#3"))])),
            (
                "#3".into(),
                def("Inner", "b.rst", vec![("k", TypeRef::Boolean)]),
            ),
        ];
        let (out, _) = finish(types);
        assert_eq!(
            out.keys().collect::<Vec<_>>(),
            vec!["Inner@a", "Inner@b", "Outer@a", "Outer@b"]
        );
    }
}
