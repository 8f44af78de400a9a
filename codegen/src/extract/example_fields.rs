//! A body table named after a field that no row declares.
//!
//! MRS *Configuring an Auto Scaling Rule* documents its request in two tables:
//! `**node_group** parameter description` (the top-level `node_group` row) and
//! `**auto_scaling_policy** parameter description`, but no row says that the
//! body has an `auto_scaling_policy` field. The example does: `{"node_group":
//! …, "auto_scaling_policy": {"auto_scaling_enable": …}}`. When the page's
//! example of the same side shows the named key holding an object (or a list
//! of objects) whose keys are mostly the table's fields, under an object this
//! page's types describe, the key becomes an optional field of that type,
//! typed by the table. Each such reading is a documentation finding.

use super::examples;
use super::labels::TableId;
use super::operation::{examples as page_examples, typed_by, untyped_object};
use super::page::{PageParts, TableItem};
use super::{Direction, Extractor, example_json, objects, provisional};
use crate::spec::{ExampleKind, Field, TypeRef};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// How deep into an example the named key is looked for.
const MAX_DEPTH: usize = 8;

impl Extractor<'_> {
    /// Adds `field`, typed by table `id`, to the type under `body` at the
    /// place the page's example shows it; false when no example shows it so.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn field_by_example(
        &mut self,
        doc: usize,
        parts: &PageParts,
        item: &TableItem,
        id: TableId,
        dir: Direction,
        body: &TypeRef,
        field: &str,
    ) -> bool {
        let names = self.row_names(id);
        if names.is_empty() {
            return false;
        }
        let side = dir.example_kind();
        for (example, _) in page_examples(parts) {
            let success = example.status.as_deref().is_none_or(|s| s.starts_with('2'));
            if example.kind != side || !success {
                continue;
            }
            let Ok(parsed) = example_json::read_value(&example.text) else {
                continue;
            };
            let mut path = Vec::new();
            let Some(array) = find_key(&parsed.value, field, &names, &mut path, 0) else {
                continue;
            };
            let Some(slot) = self.type_at(body, &path) else {
                continue;
            };
            if self.types[slot].1.fields.iter().any(|f| f.name == field) {
                return false;
            }
            let nested = TypeRef::Ref {
                id: self.object_type(id, dir, field, ""),
            };
            let ty = match array {
                true => TypeRef::Array {
                    items: Box::new(nested),
                },
                false => nested,
            };
            let parent = self.types[slot].1.name.clone();
            let description = item
                .table
                .caption
                .as_ref()
                .map(|c| crate::doc::plain_text(&c.text).trim().to_string())
                .unwrap_or_default();
            self.types[slot].1.fields.push(Field {
                name: field.to_string(),
                required: false,
                required_note: None,
                ty,
                description,
                constraints: Default::default(),
            });
            let file = self.file(doc);
            self.diags.note(
                &file,
                item.block.line,
                "table-field-by-example",
                format!(
                    "no row declares `{field}`, but the example shows it in `{parent}` holding this table's fields: read as an optional field of `{parent}`"
                ),
            );
            return true;
        }
        false
    }

    /// What the page's examples (of `side`, or any) say of `field` holding
    /// table `id`'s rows: `Some(Some(list))` when one shows it holding mostly
    /// those fields, `Some(None)` when one shows `field` otherwise, `None` when
    /// none shows it. `field` empty: the whole example is the table's object
    /// (or a list of it).
    pub(super) fn example_holds(
        &self,
        parts: &PageParts,
        side: Option<ExampleKind>,
        field: &str,
        id: TableId,
    ) -> Option<Option<bool>> {
        holds(&page_examples(parts), side, field, &self.row_names(id))
    }

    /// [`ShownKeys`] of page `doc`, read once per page.
    pub(super) fn shown_keys(&mut self, doc: usize, parts: &PageParts) -> Rc<ShownKeys> {
        if let Some((d, keys)) = &self.shown_keys
            && *d == doc
        {
            return keys.clone();
        }
        let keys = Rc::new(ShownKeys::read(&page_examples(parts)));
        self.shown_keys = Some((doc, keys.clone()));
        keys
    }

    /// The names of a parameter table's rows.
    fn row_names(&self, id: TableId) -> BTreeSet<String> {
        let Some(entry) = self.index.table(id) else {
            return BTreeSet::new();
        };
        let Some(name) = self.columns(id, entry.table).and_then(|c| c.name) else {
            return BTreeSet::new();
        };
        entry
            .table
            .rows
            .iter()
            .filter_map(|r| r.cells.get(name))
            .map(|c| objects::clean_name(&c.plain()))
            .filter(|n| !n.is_empty())
            .collect()
    }

    /// An untyped object field of this page's types (from `first_type` on)
    /// that the page's example shows holding mostly table `id`'s fields, when
    /// exactly one does (APIG's `vpc_health_config | 字典数据类型` and
    /// `vpc_instances | 字典数据类型`, then tables captioned `健康检查详情` and
    /// `后端实例详情`): the table is its type, a list of it when the example
    /// shows a list.
    pub(super) fn type_by_example_keys(
        &mut self,
        doc: usize,
        parts: &PageParts,
        id: TableId,
        dir: Direction,
        first_type: usize,
    ) -> bool {
        let untyped: Vec<(usize, usize)> = (first_type..self.types.len())
            .flat_map(|t| {
                (self.types[t].1.fields.iter().enumerate())
                    .filter(|(_, def)| untyped_object(&def.ty))
                    .map(move |(f, _)| (t, f))
            })
            .collect();
        if untyped.is_empty() {
            return false;
        }
        let shown = self.shown_keys(doc, parts);
        let names = self.row_names(id);
        let found: Vec<(usize, usize, bool)> = (untyped.into_iter())
            .filter_map(|(t, f)| {
                let field = &self.types[t].1.fields[f].name;
                Some((t, f, shown.holding(field, &names)?))
            })
            .collect();
        let [(t, f, list)] = found[..] else {
            return false;
        };
        let name = self.types[t].1.fields[f].name.clone();
        let listed = list && self.types[t].1.fields[f].ty == TypeRef::Any;
        let nested = self.object_type(id, dir, &name, "");
        let def = &mut self.types[t].1.fields[f];
        def.ty = typed_by(&def.ty, &nested, listed);
        let file = self.file(doc);
        self.diags.note(
            &file,
            id.line,
            "table-typed-by-example",
            format!("no field links this table, but the example shows the untyped `{name}` holding its fields; read as `{name}`'s type{}", if listed { " (a list of it, as the example shows)" } else { "" }),
        );
        true
    }

    /// The type reached from `body` along the example's keys (lists transparent).
    fn type_at(&self, body: &TypeRef, path: &[String]) -> Option<usize> {
        let mut slot = ref_slot(body)?;
        for key in path {
            let field = self
                .types
                .get(slot)?
                .1
                .fields
                .iter()
                .find(|f| &f.name == key)?;
            slot = ref_slot(&field.ty)?;
        }
        (slot < self.types.len()).then_some(slot)
    }
}

/// The provisional slot of an object type, through lists and maps.
fn ref_slot(ty: &TypeRef) -> Option<usize> {
    match ty {
        TypeRef::Array { items } => ref_slot(items),
        TypeRef::Map { values } => ref_slot(values),
        TypeRef::Ref { id } => provisional(id),
        _ => None,
    }
}

/// Where `value` holds `key` with an object (or a list of objects) whose keys
/// are mostly `names` (at least one, and at least half): the keys leading to
/// the object holding it go to `path`; returns whether the value is a list.
fn find_key(
    value: &Value,
    key: &str,
    names: &BTreeSet<String>,
    path: &mut Vec<String>,
    depth: usize,
) -> Option<bool> {
    if depth > MAX_DEPTH {
        return None;
    }
    match value {
        Value::Object(map) => {
            if let Some(found) = map.get(key).and_then(|v| table_shaped(v, names)) {
                return Some(found);
            }
            for (k, v) in map {
                path.push(k.clone());
                if let Some(found) = find_key(v, key, names, path, depth + 1) {
                    return Some(found);
                }
                path.pop();
            }
            None
        }
        Value::Array(items) => find_key(items.first()?, key, names, path, depth + 1),
        _ => None,
    }
}

/// The objects a page's examples show under each key (an object's keys, or
/// those of a list of objects, and whether it is a list), down to
/// [`MAX_DEPTH`], lists through their first item as [`find_key`] reads them.
/// Built once per page, so binding tables by example stays linear in the
/// page however many tables and untyped fields it has.
#[derive(Default)]
pub(super) struct ShownKeys(BTreeMap<String, Vec<(BTreeSet<String>, bool)>>);

impl ShownKeys {
    fn read(examples: &[(crate::spec::Example, u32)]) -> Self {
        let mut keys = ShownKeys::default();
        for (example, _) in examples {
            if let Ok(parsed) = example_json::read_value(&example.text) {
                keys.add(&parsed.value, 0);
            }
        }
        keys
    }

    fn add(&mut self, value: &Value, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    if let Some((shown, list)) = examples::shown_object(v) {
                        let shown = shown.into_iter().map(str::to_string).collect();
                        self.0.entry(k.clone()).or_default().push((shown, list));
                    }
                }
                map.values().for_each(|v| self.add(v, depth + 1));
            }
            Value::Array(items) => {
                if let Some(first) = items.first() {
                    self.add(first, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// Whether every object the examples show under `key` holds only keys of
    /// `names` (true when none shows `key`).
    pub(super) fn only_holding(&self, key: &str, names: &BTreeSet<String>) -> bool {
        (self.0.get(key).into_iter().flatten()).all(|(keys, _)| keys.is_subset(names))
    }

    /// Whether an example shows `key` holding mostly `names`, and as a list.
    fn holding(&self, key: &str, names: &BTreeSet<String>) -> Option<bool> {
        (self.0.get(key)?.iter()).find_map(|(keys, list)| {
            mostly(keys.iter().map(String::as_str), names).then_some(*list)
        })
    }
}

/// What `examples` (of `side`, or any) say of `field` holding a table with
/// rows `names`: see [`Extractor::example_holds`].
fn holds(
    examples: &[(crate::spec::Example, u32)],
    side: Option<ExampleKind>,
    field: &str,
    names: &BTreeSet<String>,
) -> Option<Option<bool>> {
    let key = format!("\"{field}\"");
    let mut seen = None;
    for (example, _) in examples {
        if side.is_some_and(|k| k != example.kind)
            || (!field.is_empty() && !example.text.contains(&key))
        {
            continue;
        }
        let Ok(parsed) = example_json::read_value(&example.text) else {
            continue;
        };
        let shaped = match field {
            "" => table_shaped(&parsed.value, names),
            _ => find_key(&parsed.value, field, names, &mut Vec::new(), 0),
        };
        if shaped.is_some() {
            return Some(shaped);
        }
        seen = Some(None);
    }
    seen
}

/// `Some(false)` for an object whose keys are mostly `names`, `Some(true)` for
/// a list of them.
fn table_shaped(value: &Value, names: &BTreeSet<String>) -> Option<bool> {
    let (keys, array) = examples::shown_object(value)?;
    mostly(keys.into_iter(), names).then_some(array)
}

/// Keys that are mostly `names`: at least one, and at least half.
fn mostly<'k>(keys: impl ExactSizeIterator<Item = &'k str>, names: &BTreeSet<String>) -> bool {
    let all = keys.len();
    let known = keys.filter(|k| names.contains(*k)).count();
    known > 0 && known * 2 >= all
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names(n: &[&str]) -> BTreeSet<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_key_is_found_where_it_holds_the_tables_fields() {
        let n = names(&["auto_scaling_enable", "min_capacity"]);
        let body = json!({"node_group": "task", "auto_scaling_policy": {"auto_scaling_enable": true, "min_capacity": 1}});
        let mut path = Vec::new();
        assert_eq!(
            find_key(&body, "auto_scaling_policy", &n, &mut path, 0),
            Some(false)
        );
        assert!(path.is_empty());
        let nested =
            json!({"cluster": {"policies": [{"auto_scaling_policy": [{"min_capacity": 1}]}]}});
        let mut path = Vec::new();
        assert_eq!(
            find_key(&nested, "auto_scaling_policy", &n, &mut path, 0),
            Some(true)
        );
        assert_eq!(path, ["cluster", "policies"]);
        // Not the table's fields, not an object, or deeper than the bound: not found.
        for other in [
            json!({"auto_scaling_policy": {"other": 1, "more": 2}}),
            json!({"auto_scaling_policy": "on"}),
        ] {
            assert_eq!(
                find_key(&other, "auto_scaling_policy", &n, &mut Vec::new(), 0),
                None
            );
        }
        let mut deep = json!({"auto_scaling_policy": {"min_capacity": 1}});
        for _ in 0..=MAX_DEPTH {
            deep = json!({ "x": deep });
        }
        assert_eq!(
            find_key(&deep, "auto_scaling_policy", &n, &mut Vec::new(), 0),
            None
        );
    }
}
