//! Lists whose type cell names no item type, typed by the items the page's
//! examples show.
//!
//! ELB's *Adding a Listener* types `sni_container_refs` only `Array` ("Lists
//! the IDs of SNI certificates …"), and its example request sends
//! `"sni_container_refs": ["5882…", "e15d…"]`; WAF's `sip_header_list`,
//! VPN's `endpoints` and RMS's `regions` are written the same way. A list of
//! untyped JSON makes a client build `serde_json::Value`s for what are
//! strings. When the examples of the body's side show the field, at its place
//! in the body, holding lists whose items are all of one scalar kind, the list
//! is a list of that kind. Items of mixed kinds, objects, nested lists, or the
//! field shown as anything but a list leave it open. Each reading is a note.

use super::operation::examples as page_examples;
use super::page::PageParts;
use super::{Direction, Extractor, example_json, provisional};
use crate::spec::TypeRef;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// How deep into an example (and the body's types) items are looked for.
const MAX_DEPTH: usize = 16;

/// What an example shows in a list or in place of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shown {
    String,
    Integer,
    Number,
    Boolean,
    /// An object, a nested list, or a value where a list belongs.
    Other,
}

/// A field of a type slot: (slot, index of the field).
type FieldAt = (usize, usize);

impl Extractor<'_> {
    /// Types the open lists (`Array` of untyped values) of `body`'s types by
    /// the items the page's examples of `dir`'s side show there.
    pub(super) fn type_list_items_by_example(
        &mut self,
        doc: usize,
        parts: &PageParts,
        body: &TypeRef,
        dir: Direction,
    ) {
        let slots = super::reach::reached_slots([body], &self.types);
        let open = |&slot: &usize| self.types[slot].1.fields.iter().any(|f| open_list(&f.ty));
        if !slots.iter().any(open) {
            return;
        }
        let mut shown: BTreeMap<FieldAt, BTreeSet<Shown>> = BTreeMap::new();
        for (example, _) in page_examples(parts) {
            let success = example.status.as_deref().is_none_or(|s| s.starts_with('2'));
            if example.kind != dir.example_kind() || !success {
                continue;
            }
            if let Ok(parsed) = example_json::read_value(&example.text) {
                self.collect_items(&parsed.value, body, &mut shown, 0);
            }
        }
        for ((slot, i), kinds) in shown {
            let Some(item) = one_kind(&kinds) else {
                continue;
            };
            let (name, parent) = (
                self.types[slot].1.fields[i].name.clone(),
                self.types[slot].1.name.clone(),
            );
            let slot_id = format!("#{slot}");
            let (at_doc, line) = (self.memo.iter())
                .find(|(_, v)| **v == slot_id)
                .map_or((doc, 1), |((t, _), _)| (t.doc, t.line));
            let file = self.file(at_doc);
            let kind = item_name(&item);
            self.diags.note(
                &file,
                line,
                "list-items-by-example",
                format!("`{name}` of `{parent}` is a list with no item type; the examples show lists of {kind}s: read as a list of {kind}s"),
            );
            self.types[slot].1.fields[i].ty = TypeRef::Array {
                items: Box::new(item),
            };
        }
    }

    /// Walks `value` along `ty`, recording what each open list field holds.
    fn collect_items(
        &self,
        value: &Value,
        ty: &TypeRef,
        out: &mut BTreeMap<FieldAt, BTreeSet<Shown>>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        match (ty, value) {
            (TypeRef::Array { items }, Value::Array(values)) => {
                for v in values {
                    self.collect_items(v, items, out, depth + 1);
                }
            }
            (TypeRef::Map { values }, Value::Object(map)) => {
                for v in map.values() {
                    self.collect_items(v, values, out, depth + 1);
                }
            }
            (TypeRef::Ref { id }, Value::Object(map)) => {
                let Some(slot) = provisional(id).filter(|&s| s < self.types.len()) else {
                    return;
                };
                for (i, field) in self.types[slot].1.fields.iter().enumerate() {
                    match map.get(&field.name) {
                        None | Some(Value::Null) => {}
                        Some(v) if open_list(&field.ty) => {
                            let kinds = out.entry((slot, i)).or_default();
                            match v {
                                Value::Array(items) => kinds.extend(items.iter().filter_map(shown)),
                                _ => {
                                    kinds.insert(Shown::Other);
                                }
                            }
                        }
                        Some(v) => self.collect_items(v, &field.ty, out, depth + 1),
                    }
                }
            }
            _ => {}
        }
    }
}

/// A list of untyped values (one level: `Array`, not `Array of Array`).
fn open_list(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Array { items } if **items == TypeRef::Any)
}

/// What a list item is; `None` for `null`, which says nothing of the kind.
fn shown(value: &Value) -> Option<Shown> {
    Some(match value {
        Value::Null => return None,
        Value::String(_) => Shown::String,
        Value::Bool(_) => Shown::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => Shown::Integer,
        Value::Number(_) => Shown::Number,
        Value::Array(_) | Value::Object(_) => Shown::Other,
    })
}

/// The item type when every item shown is of one scalar kind (integers
/// beside fractions are numbers); `None` when none is shown or they differ.
fn one_kind(kinds: &BTreeSet<Shown>) -> Option<TypeRef> {
    let kinds: Vec<Shown> = kinds.iter().copied().collect();
    Some(match kinds[..] {
        [Shown::String] => TypeRef::String,
        [Shown::Integer] => TypeRef::Integer { bits: 64 },
        [Shown::Number] | [Shown::Integer, Shown::Number] => TypeRef::Number,
        [Shown::Boolean] => TypeRef::Boolean,
        _ => return None,
    })
}

fn item_name(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String => "string",
        TypeRef::Integer { .. } => "integer",
        TypeRef::Number => "number",
        _ => "boolean",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds_of(value: Value) -> BTreeSet<Shown> {
        value.as_array().unwrap().iter().filter_map(shown).collect()
    }

    #[test]
    fn one_scalar_kind_types_the_list() {
        assert_eq!(
            one_kind(&kinds_of(json!(["a", "b", null]))),
            Some(TypeRef::String)
        );
        assert_eq!(
            one_kind(&kinds_of(json!([1, 2]))),
            Some(TypeRef::Integer { bits: 64 })
        );
        assert_eq!(one_kind(&kinds_of(json!([1, 2.5]))), Some(TypeRef::Number));
        assert_eq!(one_kind(&kinds_of(json!([true]))), Some(TypeRef::Boolean));
    }

    #[test]
    fn mixed_objects_or_nothing_leave_the_list_open() {
        assert_eq!(one_kind(&kinds_of(json!(["a", 1]))), None);
        assert_eq!(one_kind(&kinds_of(json!([{"k": "v"}]))), None);
        assert_eq!(one_kind(&kinds_of(json!([["a"]]))), None);
        assert_eq!(one_kind(&kinds_of(json!([]))), None);
        assert_eq!(one_kind(&kinds_of(json!([null]))), None);
    }

    #[test]
    fn only_untyped_lists_are_open() {
        let open = TypeRef::Array {
            items: Box::new(TypeRef::Any),
        };
        assert!(open_list(&open));
        assert!(!open_list(&TypeRef::Any));
        assert!(!open_list(&TypeRef::Array {
            items: Box::new(TypeRef::String)
        }));
        assert!(!open_list(&TypeRef::Array {
            items: Box::new(open)
        }));
    }
}
