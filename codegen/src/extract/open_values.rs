//! Lists whose type cell names no item type, and key-value objects, typed by
//! what the page's examples show in them.
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
//!
//! An untyped object whose description says it holds key-value pairs (ECS and
//! BMS `metadata`, CCE `annotations` and `labels`, MRS `job_configs`) is a map;
//! when the examples show its values all of one scalar kind, a map to that
//! kind (`"metadata": {"key1": "value1"}`), so a client sends and reads
//! strings, not JSON values.

use super::operation::examples as page_examples;
use super::page::PageParts;
use super::{Direction, Extractor, example_json, provisional};
use crate::spec::{Field, TypeDef, TypeRef};
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

/// A field whose type is open but for the kind of what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `Array` of untyped values.
    List,
    /// An untyped object described as key-value pairs.
    Map,
}

impl Extractor<'_> {
    /// Types the open lists and key-value objects of `body`'s types by the
    /// items and values the page's examples of `dir`'s side show there.
    pub(super) fn type_open_values_by_example(
        &mut self,
        doc: usize,
        parts: &PageParts,
        body: &TypeRef,
        dir: Direction,
    ) {
        let slots = super::reach::reached_slots([body], &self.types);
        // Which fields are open, decided once (a description is read once,
        // however many objects the examples show).
        let open_at: BTreeMap<FieldAt, Open> = (slots.iter())
            .flat_map(|&slot| {
                let fields = self.types[slot].1.fields.iter().enumerate();
                fields.filter_map(move |(i, f)| Some(((slot, i), open(f)?)))
            })
            .collect();
        if open_at.is_empty() {
            return;
        }
        let mut walk = Walk {
            open_at: &open_at,
            kinds: BTreeMap::new(),
            keys: BTreeMap::new(),
        };
        for (example, _) in page_examples(parts) {
            let success = example.status.as_deref().is_none_or(|s| s.starts_with('2'));
            if example.kind != dir.example_kind() || !success {
                continue;
            }
            if let Ok(parsed) = example_json::read_value(&example.text) {
                walk.collect(&self.types, &parsed.value, body, 0);
            }
        }
        let Walk { kinds, keys, .. } = walk;
        for (at, kinds) in kinds {
            let Some(item) = one_kind(&kinds) else {
                continue;
            };
            // Keys the description names are a record's fields (EVS quotas:
            // "Sub-parameters include **reserved**, **limit** …, made up of
            // key-value pairs").
            let description = &self.types[at.0].1.fields[at.1].description;
            if keys.get(&at).is_some_and(|k| names_any(description, k)) {
                continue;
            }
            self.close_open_field(doc, at, open_at[&at], item);
        }
    }

    /// Types the open field `at` as a list or map of `item`, with a note
    /// located at the table of the type holding it.
    fn close_open_field(&mut self, doc: usize, (slot, i): FieldAt, open: Open, item: TypeRef) {
        let (name, parent) = (
            self.types[slot].1.fields[i].name.clone(),
            self.types[slot].1.name.clone(),
        );
        let (at_doc, line) = self.slot_location(slot, doc);
        let file = self.file(at_doc);
        let kind = item_name(&item);
        let field = &mut self.types[slot].1.fields[i];
        match open {
            Open::List => {
                field.ty = TypeRef::Array {
                    items: Box::new(item),
                };
                self.diags.note(
                    &file,
                    line,
                    "list-items-by-example",
                    format!("`{name}` of `{parent}` is a list with no item type; the examples show lists of {kind}s: read as a list of {kind}s"),
                );
            }
            Open::Map => {
                field.ty = TypeRef::Map {
                    values: Box::new(item),
                };
                self.diags.note(
                    &file,
                    line,
                    "map-values-by-example",
                    format!("`{name}` of `{parent}` is an untyped object of key-value pairs; the examples show {kind} values: read as a map to {kind}s"),
                );
            }
        }
    }
}

/// What the examples show in the open fields of a body, gathered in one walk.
struct Walk<'a> {
    open_at: &'a BTreeMap<FieldAt, Open>,
    /// The kinds of the items (lists) or values (maps) shown.
    kinds: BTreeMap<FieldAt, BTreeSet<Shown>>,
    /// The keys shown in a map field's objects.
    keys: BTreeMap<FieldAt, BTreeSet<String>>,
}

impl Walk<'_> {
    /// Walks `value` along `ty`, recording what each open field holds.
    fn collect(&mut self, types: &[(String, TypeDef)], value: &Value, ty: &TypeRef, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match (ty, value) {
            (TypeRef::Array { items }, Value::Array(values)) => {
                for v in values {
                    self.collect(types, v, items, depth + 1);
                }
            }
            (TypeRef::Map { values }, Value::Object(map)) => {
                for v in map.values() {
                    self.collect(types, v, values, depth + 1);
                }
            }
            (TypeRef::Ref { id }, Value::Object(map)) => {
                let Some(slot) = provisional(id).filter(|&s| s < types.len()) else {
                    return;
                };
                for (i, field) in types[slot].1.fields.iter().enumerate() {
                    let Some(v) = map.get(&field.name).filter(|v| !v.is_null()) else {
                        continue;
                    };
                    let Some(&open) = self.open_at.get(&(slot, i)) else {
                        self.collect(types, v, &field.ty, depth + 1);
                        continue;
                    };
                    let kinds = self.kinds.entry((slot, i)).or_default();
                    match (open, v) {
                        (Open::List, Value::Array(items)) => {
                            kinds.extend(items.iter().filter_map(shown));
                        }
                        (Open::Map, Value::Object(values)) => {
                            kinds.extend(values.values().filter_map(shown));
                            let keys = self.keys.entry((slot, i)).or_default();
                            keys.extend(values.keys().cloned());
                        }
                        _ => {
                            kinds.insert(Shown::Other);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether `field` is open: a list of untyped values (one level: `Array`,
/// not `Array of Array`), or an untyped value described as key-value pairs.
fn open(field: &Field) -> Option<Open> {
    match &field.ty {
        TypeRef::Array { items } if **items == TypeRef::Any => Some(Open::List),
        TypeRef::Any if holds_key_value_pairs(&field.description) => Some(Open::Map),
        _ => None,
    }
}

/// "key-value pairs", "key/value", "键值对": the description says the object
/// is a map, its keys chosen by the user, not a record of named fields.
fn holds_key_value_pairs(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    ["key-value", "key/value", "key value pair", "键值对"]
        .iter()
        .any(|p| lower.contains(p))
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

/// Whether `text` names one of `words` as a word of its own (not inside a
/// longer name): the text is split into words once.
fn names_any(text: &str, words: &BTreeSet<String>) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|w| !w.is_empty() && words.contains(w))
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
    fn words_stand_alone() {
        let text = "Sub-parameters include **reserved** and in_use.";
        let set = |words: &[&str]| words.iter().map(|w| w.to_string()).collect();
        assert!(names_any(text, &set(&["reserved"])));
        assert!(names_any(text, &set(&["limit", "in_use"])));
        assert!(!names_any(text, &set(&["use", "serve"])));
        assert!(!names_any(text, &set(&[""])));
    }

    fn field(ty: TypeRef, description: &str) -> Field {
        Field {
            name: "f".into(),
            required: false,
            required_note: None,
            ty,
            description: description.into(),
            constraints: Default::default(),
        }
    }

    #[test]
    fn untyped_lists_and_key_value_objects_are_open() {
        let list = TypeRef::Array {
            items: Box::new(TypeRef::Any),
        };
        assert_eq!(open(&field(list.clone(), "")), Some(Open::List));
        assert_eq!(open(&field(TypeRef::Any, "")), None);
        for said in [
            "The user-defined metadata key-value pair.",
            "in the format of key/value",
            "标签，键值对",
        ] {
            assert_eq!(open(&field(TypeRef::Any, said)), Some(Open::Map), "{said}");
        }
        let strings = TypeRef::Array {
            items: Box::new(TypeRef::String),
        };
        assert_eq!(open(&field(strings, "key-value pairs")), None);
        let nested = TypeRef::Array {
            items: Box::new(list),
        };
        assert_eq!(open(&field(nested, "")), None);
    }
}
