//! Untyped fields named like a field the body types by a table.
//!
//! A page documents a structure once and uses it under several parents: APIG's
//! *注册API* has one `backend_params参数说明` table, while `backend_params`
//! (`字典数据类型`) sits in the body and again in `policy_https`,
//! `policy_mocks` and `policy_functions`. The first field takes the table; the
//! others, with no link and no table of their own, are the same structure.
//! Only within one body (request or response: the types its fields reach),
//! only when every typed field of that name has the one type named after it,
//! and only when no example shows an object under that name with a key the
//! type lacks: ECS's `root_volume.metadata` (`__system__encrypted`) is not the
//! server's `metadata`, DataArts' nested `params` not the outer `params`.

use super::Extractor;
use super::labels::TableId;
use super::operation::{leaf, replace_any, untyped_object};
use super::page::PageParts;
use crate::spec::TypeRef;
use std::collections::{BTreeMap, BTreeSet};

impl Extractor<'_> {
    /// Types the untyped object fields of `body`'s types that share their
    /// name with a field typed by the table named after it.
    pub(super) fn type_same_named(&mut self, doc: usize, parts: &PageParts, body: &TypeRef) {
        let slots = super::reach::reached_slots([body], &self.types);
        let wanted: BTreeSet<String> = (slots.iter())
            .flat_map(|&slot| &self.types[slot].1.fields)
            .filter(|f| untyped_object(&f.ty))
            .map(|f| f.name.to_lowercase())
            .collect();
        if wanted.is_empty() {
            return;
        }
        // The tables each type was read from, looked up once per body that
        // has candidates, not once per field.
        let mut tables: BTreeMap<&str, Vec<TableId>> = BTreeMap::new();
        for ((t, _), v) in &self.memo {
            tables.entry(v.as_str()).or_default().push(*t);
        }
        // field name (lower case) → the type ids its typed fields have
        let mut typed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for &slot in &slots {
            for f in &self.types[slot].1.fields {
                let lower = f.name.to_lowercase();
                // The table itself must be named after the field (a caption
                // or heading), not merely its type named after the field
                // that happened to link it first.
                if wanted.contains(&lower)
                    && let TypeRef::Ref { id } = leaf(&f.ty)
                    && (tables.get(id.as_str()).into_iter().flatten())
                        .any(|t| self.index.names(*t, &f.name))
                {
                    typed.entry(lower).or_default().insert(id.clone());
                }
            }
        }
        if typed.is_empty() {
            return;
        }
        let shown = self.shown_keys(doc, parts);
        for &slot in &slots {
            for i in 0..self.types[slot].1.fields.len() {
                let f = &self.types[slot].1.fields[i];
                if !untyped_object(&f.ty) {
                    continue;
                }
                let Some(ids) = typed
                    .get(&f.name.to_lowercase())
                    .filter(|ids| ids.len() == 1)
                else {
                    continue;
                };
                let id = ids.iter().next().expect("one id").clone();
                let names: BTreeSet<String> = self.field_names(&id).into_iter().collect();
                if !shown.only_holding(&f.name, &names) {
                    continue;
                }
                let (name, parent) = (f.name.clone(), self.types[slot].1.name.clone());
                // Located at the table of the type holding the field.
                let (at_doc, line) = self.slot_location(slot, doc);
                let file = self.file(at_doc);
                self.diags.note(&file, line, "type-same-name", format!("`{name}` of `{parent}` has no table of its own; typed like the body's other `{name}`, by the table named after it"));
                let f = &mut self.types[slot].1.fields[i];
                f.ty = replace_any(&f.ty, &id);
            }
        }
    }
}
