//! Member rows listed flat after their parent row.
//!
//! Older VBS and CSBS pages document a nested object in the same table as its
//! parent: the row `scheduled_policy | dict` is followed by rows `start_time`,
//! `frequency`, …, which are its members, then `tags | list<dict>` by `key` and
//! `value`. The table alone cannot say where the members end; the example can:
//! when it nests keys that the table lists as siblings under an untyped object
//! field (`"scheduled_policy": {"start_time": …}`), and none of those keys
//! stands at the top of the example, those rows are that field's type. Each
//! such reading is a documentation finding, reported where the example nests
//! them.

use super::examples::{self, Source};
use super::operation::untyped_object;
use super::{Extractor, example_json, provisional};
use crate::spec::{Field, Operation, TypeDef, TypeRef};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

impl Extractor<'_> {
    /// Moves flat member rows under their untyped parent field, as `op`'s examples nest them.
    pub(super) fn nest_flat_members(&mut self, op: &Operation, sources: &[Source]) {
        for (example, source) in op.examples.iter().zip(sources) {
            let Some(TypeRef::Ref { id }) = examples::target(op, example) else {
                continue;
            };
            let Some(slot) = provisional(id).filter(|n| *n < self.types.len()) else {
                continue;
            };
            let Ok(parsed) = example_json::read(&example.text) else {
                continue;
            };
            let Value::Object(top) = &parsed.value else {
                continue;
            };
            for (parent, members) in flat_members(&self.types[slot].1, top) {
                let line = parsed.locate(&format!("/{parent}")).map_or(1, |p| p.line);
                let line = self.example_line(*source, line);
                let file = self.file(source.doc);
                let list = members
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let (noun, verb, them) = match members.len() {
                    1 => ("row", "follows", "it"),
                    _ => ("rows", "follow", "them"),
                };
                self.diags.note(
                    &file,
                    line,
                    "flat-rows-nested",
                    format!(
                        "{noun} {list} {verb} `{parent}` in the table, and the example nests {them} under it: read as its fields"
                    ),
                );
                self.nest(slot, &parent, &members);
            }
        }
    }

    /// A new type `parent` holding `members` (moved out of the type in `slot`).
    fn nest(&mut self, slot: usize, parent: &str, members: &BTreeSet<String>) {
        let def = &mut self.types[slot].1;
        let origins = def.origins.clone();
        let (moved, kept): (Vec<Field>, Vec<Field>) = std::mem::take(&mut def.fields)
            .into_iter()
            .partition(|f| members.contains(&f.name));
        def.fields = kept;
        let provisional = format!("#{}", self.types.len());
        let inner = TypeRef::Ref {
            id: provisional.clone(),
        };
        if let Some(field) = self.types[slot]
            .1
            .fields
            .iter_mut()
            .find(|f| f.name == parent)
        {
            field.ty = match field.ty {
                TypeRef::Array { .. } => TypeRef::Array {
                    items: Box::new(inner),
                },
                _ => inner,
            };
        }
        self.types.push((
            provisional,
            TypeDef {
                name: parent.to_string(),
                description: String::new(),
                fields: moved,
                origins,
            },
        ));
    }
}

/// The untyped object fields of `def` (`dict`, `list<dict>`) whose example
/// value nests only keys that `def` lists after them as siblings, none of
/// which the example has at its top: (field, those keys).
fn flat_members(def: &TypeDef, top: &Map<String, Value>) -> Vec<(String, BTreeSet<String>)> {
    let mut found = Vec::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (i, field) in def.fields.iter().enumerate() {
        if !untyped_object(&field.ty) {
            continue;
        }
        let Some((keys, _)) = top.get(&field.name).and_then(examples::shown_object) else {
            continue;
        };
        let later: BTreeSet<&str> = def.fields[i + 1..]
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        let fits = !keys.is_empty()
            && keys
                .iter()
                .all(|k| later.contains(k) && !top.contains_key(*k) && !taken.contains(*k));
        if fits {
            let keys: BTreeSet<String> = keys.into_iter().map(str::to_string).collect();
            taken.extend(keys.iter().cloned());
            found.push((field.name.clone(), keys));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(fields: &[(&str, TypeRef)]) -> TypeDef {
        TypeDef {
            name: "Body".into(),
            description: String::new(),
            fields: fields
                .iter()
                .map(|(n, ty)| Field {
                    name: (*n).into(),
                    required: false,
                    required_note: None,
                    ty: ty.clone(),
                    description: String::new(),
                    constraints: Default::default(),
                })
                .collect(),
            origins: Vec::new(),
        }
    }

    fn top(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn members_follow_their_parent_and_the_example_nests_them() {
        let list = TypeRef::Array {
            items: Box::new(TypeRef::Any),
        };
        let d = def(&[
            ("name", TypeRef::String),
            ("scheduled_policy", TypeRef::Any),
            ("start_time", TypeRef::String),
            ("status", TypeRef::String),
            ("tags", list),
            ("key", TypeRef::String),
            ("value", TypeRef::String),
            ("time_zone", TypeRef::String),
        ]);
        let found = flat_members(
            &d,
            &top(
                r#"{"name": "p", "scheduled_policy": {"start_time": "12:00", "status": "ON"},
                     "tags": [{"key": "k", "value": "v"}], "time_zone": "UTC"}"#,
            ),
        );
        let names: Vec<(&str, Vec<&str>)> = found
            .iter()
            .map(|(p, m)| (p.as_str(), m.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            names,
            [
                ("scheduled_policy", vec!["start_time", "status"]),
                ("tags", vec!["key", "value"])
            ]
        );
    }

    #[test]
    fn no_nesting_when_the_example_has_a_key_at_the_top_or_an_unknown_key() {
        let d = def(&[("policy", TypeRef::Any), ("start_time", TypeRef::String)]);
        // The key is also at the top: the rows are the body's own.
        assert!(
            flat_members(
                &d,
                &top(r#"{"policy": {"start_time": 1}, "start_time": 2}"#)
            )
            .is_empty()
        );
        // A key the table does not list: the object is not these rows.
        assert!(flat_members(&d, &top(r#"{"policy": {"start_time": 1, "x": 2}}"#)).is_empty());
        // A row before the parent is not its member.
        let d = def(&[("start_time", TypeRef::String), ("policy", TypeRef::Any)]);
        assert!(flat_members(&d, &top(r#"{"policy": {"start_time": 1}}"#)).is_empty());
    }
}
