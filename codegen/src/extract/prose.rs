//! Bodies and field types given by a prose link instead of a table of the
//! part: `Table 26 <link> describes the response parameters` in a response
//! part with no table of its own, and `For details about the **virtual_gateway**
//! field, see Table 1 <link>` under a body table whose `virtual_gateway` row
//! is untyped (the table often sits on an overview page, with extra
//! `CRUD`/`Default Value`/`Constraint` columns kept as description text).

use super::labels::{TableId, Target};
use super::page::{PageParts, ProseLink, Role};
use super::{Direction, Extractor};

impl Extractor<'_> {
    /// The parameter table of another page that a prose link of `role` (and
    /// `status`, for responses) names without naming a field.
    pub(super) fn prose_body(
        &self,
        doc: usize,
        parts: &PageParts,
        role: Role,
        status: Option<&str>,
    ) -> Option<TableId> {
        parts
            .prose_links
            .iter()
            .filter(|l| l.ctx.role == role && l.field.is_none())
            .filter(|l| role != Role::Response || l.ctx.status.as_deref() == status)
            .find_map(|l| self.linked_parameter_table(doc, l).filter(|t| t.doc != doc))
    }

    /// Types the untyped fields that prose links name (`**virtual_gateway**`)
    /// with the table they link, among the types made for this page.
    pub(super) fn bind_prose_fields(&mut self, doc: usize, parts: &PageParts, first_type: usize) {
        for link in &parts.prose_links {
            let Some(field) = &link.field else {
                continue;
            };
            let dir = match link.ctx.role {
                Role::Request => Direction::Request,
                _ => Direction::Response,
            };
            let Some(table) = self.linked_parameter_table(doc, link) else {
                continue;
            };
            if let Some((t, f, true)) = self.find_field(first_type, field) {
                let nested = self.object_type(table, dir, field, "");
                let ty = &mut self.types[t].1.fields[f].ty;
                *ty = super::operation::replace_any(ty, &nested);
            }
        }
    }

    /// The first link of the paragraph that resolves to a parameter table.
    fn linked_parameter_table(&self, doc: usize, link: &ProseLink) -> Option<TableId> {
        if link.headers {
            return None;
        }
        link.targets
            .iter()
            .find_map(|target| match self.index.resolve(doc, target)? {
                Target::Table(id) => {
                    let entry = self.index.table(id)?;
                    // A table of headers is no body.
                    let caption = entry
                        .table
                        .caption
                        .as_ref()
                        .map(|c| crate::doc::plain_text(&c.text).to_lowercase())
                        .unwrap_or_default();
                    if caption.contains("header") || caption.contains('头') {
                        return None;
                    }
                    self.columns(id, entry.table).map(|_| id)
                }
                Target::Prose { .. } => None,
            })
    }
}
