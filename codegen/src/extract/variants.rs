//! A second table on a page for a field that is already typed.
//!
//! - The field links a table of **another page** (the *create* page's table, a
//!   list page's item) while this page documents the field in its own table:
//!   this page's table describes what this operation sends or returns, so it
//!   wins; when the two disagree the conflict is reported (`type-link-conflict`).
//! - The field is already typed by **another table of this page**: the page
//!   documents one field with a table per action (`instance` for creating a
//!   single instance / for creating a read replica, `entities` per task kind).
//!   The field's type becomes the union of the tables' fields; a field missing
//!   from one of them is optional; a note (`table-variant-merged`) and the
//!   type's description say so.

use super::Direction;
use super::Extractor;
use super::labels::TableId;
use super::objects::{table_origin_name, to_field};
use super::operation::leaf;
use super::provisional;
use crate::spec::TypeRef;

impl Extractor<'_> {
    /// The table `id` of page `doc` names `field`, which is already typed by
    /// the table behind `types[t].fields[f]`. True when it was bound here (and
    /// reported); false leaves it to the caller (a copy, shadowed).
    pub(super) fn bind_field_variant(
        &mut self,
        doc: usize,
        line: u32,
        id: TableId,
        dir: Direction,
        field: &str,
        (t, f): (usize, usize),
    ) -> bool {
        let TypeRef::Ref { id: bound_ty } = leaf(&self.types[t].1.fields[f].ty).clone() else {
            return false;
        };
        let Some(bound) = self.table_of_type(&bound_ty, dir) else {
            return false;
        };
        if bound == id || self.index.table(id).is_none() {
            return false;
        }
        // Only a field of a type this page reads (not of another page's type it links).
        let owner = self.table_of_type(&self.types[t].0, dir);
        if owner.is_none_or(|o| o.doc != doc) {
            return false;
        }
        let file = self.file(doc);
        let bound_fields = self.field_names(&bound_ty);
        if bound.doc != doc {
            // Mechanism 3: this page's own table beats a link to another page.
            let local = self.object_type(id, dir, field, "");
            let local_fields = self.field_names(&local);
            if local_fields.is_empty() {
                return false;
            }
            let ty = &mut self.types[t].1.fields[f].ty;
            *ty = replace_ref(ty, &local);
            let sorted = |v: &[String]| {
                let mut v = v.to_vec();
                v.sort();
                v
            };
            if sorted(&local_fields) != sorted(&bound_fields) {
                let other = self.origin(bound).file;
                let only_here: Vec<&str> = local_fields
                    .iter()
                    .filter(|n| !bound_fields.contains(n))
                    .map(String::as_str)
                    .collect();
                let only_there: Vec<&str> = bound_fields
                    .iter()
                    .filter(|n| !local_fields.contains(n))
                    .map(String::as_str)
                    .collect();
                self.diags.warn(
                    &file,
                    line,
                    "type-link-conflict",
                    format!(
                        "field `{field}` links a table of `{other}`, but this page documents it in this table; using this page's table (only here: {}; only there: {})",
                        list(&only_here),
                        list(&only_there)
                    ),
                );
            }
            return true;
        }
        // Mechanism 8: a second table of this page for the same field: the union.
        let Some(first_label) = self
            .index
            .table(bound)
            .map(|e| label_or_line(table_origin_name(e.table, e.labels), bound))
        else {
            return false;
        };
        self.merge_variant(doc, line, id, dir, &bound_ty, &first_label, Some(field))
    }

    /// A second body table of a part that no field links, listing mostly the
    /// fields of the body (`使用云服务器制作镜像时的请求参数` / `使用OBS桶中的
    /// 外部镜像文件时的请求参数`): one table per case of the whole body.
    pub(super) fn bind_body_variant(
        &mut self,
        doc: usize,
        line: u32,
        id: TableId,
        dir: Direction,
        body: &TypeRef,
    ) -> bool {
        let TypeRef::Ref { id: body_ty } = body else {
            return false;
        };
        let Some(bound) = self.table_of_type(body_ty, dir) else {
            return false;
        };
        if bound.doc != doc || bound == id {
            return false;
        }
        let Some(entry) = self.index.table(id) else {
            return false;
        };
        let table = entry.table;
        let Some(cols) = self.columns(id, table) else {
            return false;
        };
        let Some(name_col) = cols.name else {
            return false;
        };
        let names: Vec<String> = table
            .rows
            .iter()
            .filter_map(|r| r.cells.get(name_col))
            .map(|c| super::objects::clean_name(&c.plain()))
            .filter(|n| !n.is_empty())
            .collect();
        let body_fields = self.field_names(body_ty);
        let shared = names.iter().filter(|n| body_fields.contains(n)).count();
        // Mostly the same object: at least three shared fields, and half of the smaller table
        // (a two-row element table sharing `type` and `location` is not a case of the body).
        if shared < 3 || shared * 2 < names.len().min(body_fields.len()) {
            return false;
        }
        let first_label = self
            .index
            .table(bound)
            .map(|e| label_or_line(table_origin_name(e.table, e.labels), bound))
            .unwrap_or_default();
        self.merge_variant(doc, line, id, dir, body_ty, &first_label, None)
    }

    /// Merges the rows of table `id` into the type `bound_ty` as one more case.
    #[allow(clippy::too_many_arguments)]
    fn merge_variant(
        &mut self,
        doc: usize,
        line: u32,
        id: TableId,
        dir: Direction,
        bound_ty: &str,
        first_label: &str,
        field: Option<&str>,
    ) -> bool {
        let file = self.file(doc);
        let Some(n) = provisional(bound_ty) else {
            return false;
        };
        let bound_fields = self.field_names(bound_ty);
        let Some(entry) = self.index.table(id) else {
            return false;
        };
        let table = entry.table;
        let label = label_or_line(table_origin_name(table, entry.labels), id);
        let Some(cols) = self.columns(id, table) else {
            return false;
        };
        let type_name = self.types[n].1.name.clone();
        let rows = self.read_rows(id, &cols, dir, &type_name);
        let rows = self.dedup_rows(doc, rows);
        let new: Vec<_> = rows.into_iter().map(|r| to_field(r, dir)).collect();
        if new.is_empty() {
            return false;
        }
        let new_names: Vec<String> = new.iter().map(|f| f.name.clone()).collect();
        if new_names == bound_fields {
            // The same table again (a repeated copy): nothing to merge.
            return false;
        }
        let origin = self.origin(id);
        let def = &mut self.types[n].1;
        for existing in &mut def.fields {
            if !new_names.contains(&existing.name) {
                existing.required = false;
            }
        }
        for field_new in new {
            match def.fields.iter_mut().find(|e| e.name == field_new.name) {
                Some(e) => e.required &= field_new.required,
                None => def.fields.push(crate::spec::Field {
                    required: false,
                    ..field_new
                }),
            }
        }
        if !def.origins.contains(&origin) {
            def.origins.push(origin);
        }
        let note = format!(
            "Union of the tables `{first_label}` and `{label}`, which document this object for different cases; a field not in every table is optional."
        );
        if def.description.is_empty() {
            def.description = note;
        } else if !def.description.contains(&label) {
            def.description = format!("{} {note}", def.description);
        }
        self.used.insert(id);
        self.memo.insert((id, dir), bound_ty.to_string());
        let what = field.map_or("the body".to_string(), |f| format!("field `{f}`"));
        self.diags.note(
            &file,
            line,
            "table-variant-merged",
            format!(
                "second table for {what} (`{label}`, after `{first_label}`): one table per case; the type is the union of their fields"
            ),
        );
        true
    }

    /// The table a provisional type id was read from.
    fn table_of_type(&self, ty: &str, dir: Direction) -> Option<TableId> {
        self.memo
            .iter()
            .find(|((_, d), v)| *d == dir && v.as_str() == ty)
            .map(|((t, _), _)| *t)
    }

    /// The field names of the provisional type `ty`.
    pub(super) fn field_names(&self, ty: &str) -> Vec<String> {
        self.types
            .iter()
            .find(|(p, _)| p == ty)
            .map(|(_, d)| d.fields.iter().map(|f| f.name.clone()).collect())
            .unwrap_or_default()
    }
}

/// The type with its innermost reference replaced (arrays and maps kept).
fn replace_ref(ty: &TypeRef, id: &str) -> TypeRef {
    match ty {
        TypeRef::Array { items } => TypeRef::Array {
            items: Box::new(replace_ref(items, id)),
        },
        TypeRef::Map { values } => TypeRef::Map {
            values: Box::new(replace_ref(values, id)),
        },
        TypeRef::Ref { .. } => TypeRef::Ref { id: id.to_string() },
        other => other.clone(),
    }
}

/// A table's label or caption, else where it is (`table at line 63`).
fn label_or_line(label: String, id: TableId) -> String {
    if label.is_empty() {
        format!("table at line {}", id.line)
    } else {
        label
    }
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "-".to_string()
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
