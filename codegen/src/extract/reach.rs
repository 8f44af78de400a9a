//! Table accounting by reachability: a table read as an object type counts as
//! used only when some operation's parameters or bodies reach that type. A type
//! no operation reaches (a response body superseded by another of the same
//! status, a table read from a field that was retyped later) is dropped from
//! the spec, and its table is reported (`table-unreachable`) instead of being
//! counted as used.

use super::labels::TableId;
use super::{Extractor, provisional};
use crate::spec::{Operation, TypeDef, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

impl Extractor<'_> {
    /// Drops the types no operation reaches and reports the tables read only as them.
    pub(super) fn drop_unreachable(&mut self, operations: &[Operation]) {
        let reached = reachable(operations, &self.types);
        let mut by_table: BTreeMap<TableId, bool> = BTreeMap::new();
        for ((table, _), ty) in &self.memo {
            *by_table.entry(*table).or_default() |= reached.contains(ty.as_str());
        }
        for (table, _) in by_table.into_iter().filter(|(_, r)| !r) {
            if !self.used.remove(&table) || self.reported.contains(&table) {
                continue;
            }
            let Some(entry) = self.index.table(table) else {
                continue;
            };
            let mut label = super::objects::table_origin_name(entry.table, entry.labels);
            if label.is_empty() {
                label = super::objects::header_texts(entry.table).join(" | ");
            }
            let name = self
                .memo
                .iter()
                .find(|((t, _), _)| *t == table)
                .and_then(|(_, ty)| self.types.iter().find(|(p, _)| p == ty))
                .map_or(String::new(), |(_, d)| d.name.clone());
            let file = self.file(table.doc);
            self.diags.warn(
                &file,
                entry.line,
                "table-unreachable",
                format!(
                    "table `{label}` is read as type `{name}`, which no operation's parameters or bodies reach; not modelled"
                ),
            );
            self.reported.insert(table);
        }
        self.types.retain(|(p, _)| reached.contains(p.as_str()));
    }
}

/// The provisional ids of the types reachable from the operations.
fn reachable(operations: &[Operation], types: &[(String, TypeDef)]) -> BTreeSet<String> {
    let mut roots: Vec<&TypeRef> = Vec::new();
    for op in operations {
        roots.extend(op.parameters.iter().map(|p| &p.ty));
        roots.extend(op.request_body.iter().map(|b| &b.ty));
        for r in &op.responses {
            roots.extend(r.body.iter().map(|b| &b.ty));
            roots.extend(r.headers.iter().map(|h| &h.ty));
        }
    }
    (reached_slots(roots, types).into_iter())
        .map(|n| types[n].0.clone())
        .collect()
}

/// The slots of the types `roots` reach. Until the unreached types are
/// dropped, the type with provisional id `#n` sits in slot `n`.
pub(super) fn reached_slots<'a>(
    roots: impl IntoIterator<Item = &'a TypeRef>,
    types: &'a [(String, TypeDef)],
) -> BTreeSet<usize> {
    let mut todo: Vec<&TypeRef> = roots.into_iter().collect();
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    // Each type is expanded once, so the walk ends after at most one visit per type.
    while let Some(ty) = todo.pop() {
        match ty {
            TypeRef::Array { items } => todo.push(items),
            TypeRef::Map { values } => todo.push(values),
            TypeRef::Ref { id } => {
                if let Some(n) =
                    provisional(id).filter(|&n| types.get(n).is_some_and(|t| t.0 == *id))
                    && seen.insert(n)
                {
                    todo.extend(types[n].1.fields.iter().map(|f| &f.ty));
                }
            }
            _ => {}
        }
    }
    seen
}
