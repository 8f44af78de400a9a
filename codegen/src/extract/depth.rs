//! A bound on how deeply object types nest through their fields.
//!
//! A chain of object tables, each the type of a field of the one before, is a
//! chain of nested Rust structs. rustc checks auto traits and drop glue
//! through such chains recursively: about 60–120 levels exceed its recursion
//! limit and the generated crate no longer compiles (and a thousand levels made
//! our own passes slow). The corpus nests at most a dozen levels. A field whose
//! type would make its struct nest deeper than [`MAX_TYPE_DEPTH`] becomes an
//! untyped JSON value, reported at the table that declares it.
//!
//! Heights are computed without recursion (an explicit stack), ignoring edges
//! that close a cycle (cycles are boxed by the Rust generator and cost rustc
//! nothing per level).

use crate::diag::Diagnostics;
use crate::spec::{TypeDef, TypeRef};
use std::collections::BTreeMap;

/// The deepest nesting of object types kept: a struct, its field's struct, … .
pub const MAX_TYPE_DEPTH: usize = 32;

/// Cuts fields whose type nests too deep (see the module docs); returns how many.
pub fn bound(
    types: &mut BTreeMap<String, TypeDef>,
    display_root: &str,
    diags: &mut Diagnostics,
) -> usize {
    let heights: BTreeMap<String, usize> = heights(types)
        .into_iter()
        .map(|(id, h)| (id.to_owned(), h))
        .collect();
    let mut cut = 0;
    for (id, def) in types.iter_mut() {
        let file = def
            .origins
            .first()
            .map(|o| super::shown_path(display_root, &o.file).to_string())
            .unwrap_or_default();
        let table = def
            .origins
            .first()
            .and_then(|o| o.table.clone())
            .unwrap_or_default();
        for field in &mut def.fields {
            let Some(target) = ref_target(&field.ty) else {
                continue;
            };
            if heights.get(target).is_some_and(|&h| h >= MAX_TYPE_DEPTH) {
                diags.warn(
                    &file,
                    0,
                    "type-too-deep",
                    format!(
                        "field `{}` of `{id}` ({table}) would nest object types more than {MAX_TYPE_DEPTH} levels deep; kept as an untyped value",
                        field.name
                    ),
                );
                field.ty = TypeRef::Any;
                cut += 1;
            }
        }
    }
    cut
}

/// The object type a field holds, through arrays and maps.
fn ref_target(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Ref { id } => Some(id),
        TypeRef::Array { items: inner } | TypeRef::Map { values: inner } => ref_target(inner),
        _ => None,
    }
}

/// Each type's height: 1 for a type with no object fields, else 1 + the
/// highest of its fields' types (edges back into the current path skipped).
pub fn heights(types: &BTreeMap<String, TypeDef>) -> BTreeMap<&str, usize> {
    let mut height: BTreeMap<&str, usize> = BTreeMap::new();
    let mut on_path: BTreeMap<&str, bool> = BTreeMap::new();
    for root in types.keys() {
        if height.contains_key(root.as_str()) {
            continue;
        }
        // (type, index of the next field to visit)
        let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
        on_path.insert(root, true);
        while let Some((id, next)) = stack.pop() {
            let fields = &types[id].fields;
            let child = fields[next.min(fields.len())..]
                .iter()
                .position(|f| {
                    ref_target(&f.ty).is_some_and(|t| {
                        types.contains_key(t) && !height.contains_key(t) && !on_path.contains_key(t)
                    })
                })
                .map(|p| next + p);
            match child {
                Some(i) => {
                    let target = ref_target(&fields[i].ty).expect("a ref");
                    let target = types.get_key_value(target).expect("known").0.as_str();
                    stack.push((id, i + 1));
                    on_path.insert(target, true);
                    stack.push((target, 0));
                }
                None => {
                    let below = fields
                        .iter()
                        .filter_map(|f| ref_target(&f.ty))
                        .filter_map(|t| height.get(t))
                        .max()
                        .copied()
                        .unwrap_or(0);
                    height.insert(id, below + 1);
                    on_path.remove(id);
                }
            }
        }
    }
    height
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Field, Origin};

    fn chain(n: usize) -> BTreeMap<String, TypeDef> {
        (0..n)
            .map(|i| {
                let ty = if i + 1 < n {
                    TypeRef::Ref {
                        id: format!("T{:05}", i + 1),
                    }
                } else {
                    TypeRef::String
                };
                let field = Field {
                    name: "child".into(),
                    required: false,
                    required_note: None,
                    ty,
                    description: String::new(),
                    constraints: Default::default(),
                };
                let def = TypeDef {
                    name: format!("T{i}"),
                    description: String::new(),
                    fields: vec![field],
                    origins: vec![Origin {
                        file: "chain.rst".into(),
                        table: None,
                    }],
                };
                (format!("T{i:05}"), def)
            })
            .collect()
    }

    #[test]
    fn heights_of_a_chain_and_a_cycle() {
        let types = chain(5);
        let h = heights(&types);
        assert_eq!(h["T00000"], 5);
        assert_eq!(h["T00004"], 1);
        let mut cyclic = chain(3);
        cyclic.get_mut("T00002").unwrap().fields[0].ty = TypeRef::Array {
            items: Box::new(TypeRef::Ref {
                id: "T00000".into(),
            }),
        };
        let h = heights(&cyclic);
        assert_eq!(h.len(), 3);
        assert!(h.values().all(|&v| v <= 3));
    }

    #[test]
    fn long_chains_are_cut_and_reported() {
        let mut types = chain(5000);
        let mut diags = Diagnostics::default();
        let cut = bound(&mut types, "", &mut diags);
        assert!(cut > 0);
        assert_eq!(diags.items.len(), cut);
        assert!(heights(&types).values().all(|&h| h <= MAX_TYPE_DEPTH));
        // Short chains are untouched.
        let mut short = chain(MAX_TYPE_DEPTH);
        assert_eq!(bound(&mut short, "", &mut Diagnostics::default()), 0);
    }
}
