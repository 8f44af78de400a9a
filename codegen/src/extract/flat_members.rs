//! Member rows listed flat beside their parent row.
//!
//! Older VBS and CSBS pages document a nested object in the same table as its
//! parent: the row `scheduled_policy | dict` is followed by rows `start_time`,
//! `frequency`, …, which are its members, then `tags | list<dict>` by `key` and
//! `value`. Classic VPN pages list a whole request flat, the wrapper row last
//! (`name`, …, `lifetime | Object`, `value`, `units`, `ikepolicy | Object`)
//! while the example nests `{"ikepolicy": {…, "lifetime": {"value": …}}}`.
//! The table alone cannot say where the members go; the example can: when it
//! nests keys that the table lists as siblings under an untyped object field,
//! and none of those keys stands at the top of the example, those rows are that
//! field's type. Levels are read top-down, so a member that is itself an
//! untyped object (`lifetime`) takes its own members from the same table.
//! Each such reading is a documentation finding, reported where the example
//! nests them.

use super::examples::{self, Source};
use super::operation::{leaf, untyped_object};
use super::patterns::re;
use super::{Extractor, example_json, provisional};
use crate::spec::{Example, ExampleKind, Field, Operation, TypeDef, TypeRef};
use regex::Regex;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// A quoted key of an example's text (`"error_msg":`), read without parsing
/// it: the example may not be JSON.
static KEY: LazyLock<Regex> = LazyLock::new(|| re(r#""([^"\\\n]{1,200})"\s*:"#));

impl Extractor<'_> {
    /// Moves flat member rows under their untyped parent field, as `op`'s examples nest them.
    pub(super) fn nest_flat_members(&mut self, op: &Operation, sources: &[Source]) {
        let mut named_keys: Vec<(ExampleKind, BTreeSet<&str>)> = Vec::new();
        for (example, source) in op.examples.iter().zip(sources) {
            let Some(TypeRef::Ref { id }) = examples::target(op, example) else {
                continue;
            };
            let Some(root) = provisional(id).filter(|n| *n < self.types.len()) else {
                continue;
            };
            let Ok(parsed) = example_json::read(&example.text) else {
                continue;
            };
            let Value::Object(top) = &parsed.value else {
                continue;
            };
            let Some(wrapper) = self.nest_levels(root, top, &parsed, *source) else {
                continue;
            };
            // A key an example of this side shows elsewhere (often one whose
            // JSON does not parse: MRS's failed-submission `error_msg`) may
            // stand at the top after all. Read once per side: a page of many
            // examples must not make this quadratic.
            let side = match named_keys.iter().position(|(k, _)| *k == example.kind) {
                Some(i) => i,
                None => {
                    named_keys.push((example.kind, keys_named(&op.examples, example.kind)));
                    named_keys.len() - 1
                }
            };
            self.wrap_unshown(root, &wrapper, &named_keys[side].1, *source, &parsed);
        }
    }

    /// Nests the rows the example `top` nests, level by level from the
    /// table's type in `root`; returns the object wrapper the example shows
    /// alone at the top, if it nested one.
    fn nest_levels(
        &mut self,
        root: usize,
        top: &Map<String, Value>,
        parsed: &example_json::Parsed,
        source: Source,
    ) -> Option<Wrapper> {
        // (type slot, its example object, its JSON pointer); every level
        // pushed is a type this loop created, so the walk is bounded by the
        // table's rows.
        let mut levels = vec![(root, top, String::new())];
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut wrapper = None;
        while let Some((level, shown, pointer)) = levels.pop() {
            let pool = (level != root).then(|| &self.types[root].1);
            let found = flat_members(&self.types[level].1, pool, shown, top, &mut taken);
            for (parent, members) in found {
                let at = format!("{pointer}/{parent}");
                let (noun, verb, them) = match members.len() {
                    1 => ("row", "is listed", "it"),
                    _ => ("rows", "are listed", "them"),
                };
                let list = backticked(&members);
                let message = format!(
                    "{noun} {list} {verb} beside `{parent}` in the table, and the example nests {them} under it: read as its fields"
                );
                self.note_at(source, parsed, &at, message);
                let slot = self.nest(root, level, &parent, &members);
                // A list's leftover rows are the list's siblings (Cinder's
                // `count` beside `backups`), not its items'.
                if level == root && top.len() == 1 && top[&parent].is_object() {
                    wrapper = Some(Wrapper {
                        slot,
                        parent: parent.clone(),
                        at: at.clone(),
                        shown_members: members.len(),
                    });
                }
                if let Some(child) = shown.get(&parent).and_then(first_object) {
                    levels.push((slot, child, at));
                }
            }
        }
        wrapper
    }

    /// The example shows the object wrapper `parent` alone at the top, and
    /// the table still lists plain values beside it that the example leaves
    /// out (optional `description`, `tenant_id`): they are the wrapper's too,
    /// as its shown members were. An untyped object left beside it may be a
    /// sibling the example omits (`os:scheduler_hints`) and stays.
    fn wrap_unshown(
        &mut self,
        root: usize,
        wrapper: &Wrapper,
        elsewhere: &BTreeSet<&str>,
        source: Source,
        parsed: &example_json::Parsed,
    ) {
        let Wrapper {
            slot,
            ref parent,
            ref at,
            shown_members,
        } = *wrapper;
        // A member object the example fills but no rows could type
        // (`backup` under `shared`, its keys shared with `shared`'s own) is
        // where the leftover rows may belong: leave them.
        let wrapped = parsed.value.get(parent.as_str());
        let unread = self.types[slot].1.fields.iter().any(|f| {
            untyped_object(&f.ty)
                && wrapped
                    .and_then(|w| w.get(&f.name))
                    .and_then(examples::shown_object)
                    .is_some_and(|(keys, _)| !keys.is_empty())
        });
        if unread {
            return;
        }
        let unshown: BTreeSet<String> = (self.types[root].1.fields.iter())
            .filter(|f| {
                f.name != *parent
                    && !untyped_object(&f.ty)
                    && !matches!(leaf(&f.ty), TypeRef::Ref { .. })
            })
            .filter(|f| !elsewhere.contains(f.name.as_str()))
            .map(|f| f.name.clone())
            .collect();
        // The example must be the rule and the left-out rows the exception:
        // an update example showing one member (`encryption_algorithm`) says
        // nothing of where eight others go (`value`, `units` are `lifetime`'s).
        if unshown.is_empty() || unshown.len() >= shown_members {
            return;
        }
        let list = backticked(&unshown);
        let message = format!(
            "the example shows `{parent}` alone and leaves out {list}, listed beside it in the table: read as its fields too"
        );
        self.note_at(source, parsed, at, message);
        let moved = self.take_fields(root, &unshown);
        self.types[slot].1.fields.extend(moved);
    }

    /// A `flat-rows-nested` note where the example shows `at`.
    fn note_at(
        &mut self,
        source: Source,
        parsed: &example_json::Parsed,
        at: &str,
        message: String,
    ) {
        let line = parsed.locate(at).map_or(1, |p| p.line);
        let line = self.example_line(source, line);
        let file = self.file(source.doc);
        self.diags.note(&file, line, "flat-rows-nested", message);
    }

    /// Removes the fields named `names` from the type in `slot`, in table order.
    fn take_fields(&mut self, slot: usize, names: &BTreeSet<String>) -> Vec<Field> {
        let def = &mut self.types[slot].1;
        let (moved, kept): (Vec<Field>, Vec<Field>) = std::mem::take(&mut def.fields)
            .into_iter()
            .partition(|f| names.contains(&f.name));
        def.fields = kept;
        moved
    }

    /// A new type `parent` holding `members`, moved out of the table's type in
    /// `root`; the field `parent` of the type in `level` becomes it. Returns
    /// the new type's slot.
    fn nest(
        &mut self,
        root: usize,
        level: usize,
        parent: &str,
        members: &BTreeSet<String>,
    ) -> usize {
        let origins = self.types[root].1.origins.clone();
        let moved = self.take_fields(root, members);
        let slot = self.types.len();
        let inner = TypeRef::Ref {
            id: format!("#{slot}"),
        };
        if let Some(field) = self.types[level]
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
            format!("#{slot}"),
            TypeDef {
                name: parent.to_string(),
                description: String::new(),
                fields: moved,
                origins,
            },
        ));
        slot
    }
}

/// The quoted keys of the `kind` examples' texts, whether or not they parse.
fn keys_named(examples: &[Example], kind: ExampleKind) -> BTreeSet<&str> {
    (examples.iter())
        .filter(|e| e.kind == kind)
        .flat_map(|e| KEY.captures_iter(&e.text).filter_map(|c| c.get(1)))
        .map(|m| m.as_str())
        .collect()
}

/// An object the example shows alone at the top, nested from the table's rows.
struct Wrapper {
    /// The slot of its new type.
    slot: usize,
    parent: String,
    /// Its JSON pointer in the example.
    at: String,
    /// How many rows the example nested under it.
    shown_members: usize,
}

/// `` `a`, `b` `` for a note.
fn backticked(names: &BTreeSet<String>) -> String {
    names
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The object an example value shows: itself, or a list's first item.
fn first_object(value: &Value) -> Option<&Map<String, Value>> {
    match value {
        Value::Object(map) => Some(map),
        Value::Array(items) => items.first()?.as_object(),
        _ => None,
    }
}

/// The untyped object fields of `def` (`dict`, `list<dict>`) whose example
/// value nests only keys the table lists as rows of its own, none of which
/// the example has at its top (or, below the top, at the field's own level):
/// (field, those keys). At the top (`pool` is `None`, the rows are `def`'s)
/// the members must follow their parent row, unless the parent is the only
/// key the example shows there (a wrapper, listed after what it wraps, whose
/// example may show a few keys the table does not list).
/// Below the top the members come from `pool`, the table's remaining rows.
fn flat_members(
    def: &TypeDef,
    pool: Option<&TypeDef>,
    shown: &Map<String, Value>,
    top: &Map<String, Value>,
    taken: &mut BTreeSet<String>,
) -> Vec<(String, BTreeSet<String>)> {
    let mut found = Vec::new();
    let wrapper = pool.is_none() && shown.len() == 1;
    for (i, field) in def.fields.iter().enumerate() {
        if !untyped_object(&field.ty) {
            continue;
        }
        let Some((keys, _)) = shown.get(&field.name).and_then(examples::shown_object) else {
            continue;
        };
        let rows: BTreeSet<&str> = match pool {
            Some(pool) => pool.fields.iter().map(|f| f.name.as_str()).collect(),
            None if wrapper => def.fields.iter().map(|f| f.name.as_str()).collect(),
            None => def.fields[i + 1..]
                .iter()
                .map(|f| f.name.as_str())
                .collect(),
        };
        let member = |k: &str| {
            k != field.name
                && rows.contains(k)
                && !top.contains_key(k)
                && !(pool.is_some() && shown.contains_key(k))
                && !taken.contains(k)
        };
        let members: BTreeSet<String> = keys
            .iter()
            .filter(|k| member(k))
            .map(|k| k.to_string())
            .collect();
        // Every key the example nests is a row; a wrapper's example may also
        // show a few keys the table omits (`prepay_connection_num`), reported
        // by the example check: three in four of at least two are rows.
        let fits = (!keys.is_empty() && members.len() == keys.len())
            || (wrapper && members.len() >= 2 && members.len() * 4 >= keys.len() * 3);
        if fits {
            taken.extend(members.iter().cloned());
            found.push((field.name.clone(), members));
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

    /// The members a top-level example `json` nests.
    fn members(d: &TypeDef, json: &str) -> Vec<(String, BTreeSet<String>)> {
        let shown = top(json);
        flat_members(d, None, &shown, &shown, &mut BTreeSet::new())
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
        let found = members(
            &d,
            r#"{"name": "p", "scheduled_policy": {"start_time": "12:00", "status": "ON"},
                 "tags": [{"key": "k", "value": "v"}], "time_zone": "UTC"}"#,
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
        assert!(members(&d, r#"{"policy": {"start_time": 1}, "start_time": 2}"#).is_empty());
        // A key the table does not list: the object is not these rows.
        assert!(members(&d, r#"{"policy": {"start_time": 1, "x": 2}}"#).is_empty());
        // A row before the parent is not its member, unless the parent wraps
        // the whole example.
        let d = def(&[
            ("start_time", TypeRef::String),
            ("name", TypeRef::String),
            ("policy", TypeRef::Any),
        ]);
        assert!(members(&d, r#"{"policy": {"start_time": 1}, "name": "p"}"#).is_empty());
        let found = members(&d, r#"{"policy": {"start_time": 1, "name": "p"}}"#);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1,
            BTreeSet::from(["name".to_string(), "start_time".to_string()])
        );
    }

    #[test]
    fn a_wrapper_listed_last_and_a_member_object_with_its_own_members() {
        // Classic VPN: every row flat, the wrapper last; `lifetime` is a
        // member of `ikepolicy` whose own members `value` and `units` follow.
        let d = def(&[
            ("name", TypeRef::String),
            ("lifetime", TypeRef::Any),
            ("pfs", TypeRef::String),
            ("value", TypeRef::String),
            ("units", TypeRef::String),
            ("ikepolicy", TypeRef::Any),
        ]);
        let shown = top(r#"{"ikepolicy": {"name": "p", "pfs": "group5",
                "lifetime": {"units": "seconds", "value": 7200}}}"#);
        let mut taken = BTreeSet::new();
        let found = flat_members(&d, None, &shown, &shown, &mut taken);
        let names: Vec<(&str, Vec<&str>)> = found
            .iter()
            .map(|(p, m)| (p.as_str(), m.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(names, [("ikepolicy", vec!["lifetime", "name", "pfs"])]);
        // The next level: `ikepolicy`'s type, its members taken from the rest of the table.
        let level = def(&[
            ("name", TypeRef::String),
            ("lifetime", TypeRef::Any),
            ("pfs", TypeRef::String),
        ]);
        let inner = shown["ikepolicy"].as_object().unwrap();
        let found = flat_members(&level, Some(&d), inner, &shown, &mut taken);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "lifetime");
        assert_eq!(
            found[0].1,
            BTreeSet::from(["units".to_string(), "value".to_string()])
        );
    }
}
