//! A body whose one untyped object field is described by the one other table of
//! its part (DEW's error bodies: `error | Object | 错误信息返回体。` followed by a
//! table captioned `ErrorDetail`; APIG's `vpc_instances | 字典数据类型` followed
//! by `后端实例详情`), and a body that is one bare untyped value followed by one
//! table (APIG's `- | 字典数据类型`).
//!
//! A table whose caption names a type is bound unless an example shows the
//! field holding other keys. A table no caption names is left to the examples
//! ([`Self::type_by_example_keys`]): MRS's `Node configuration parameters`
//! after a body whose only untyped field is `tags` is not `tags`.

use super::labels::TableId;
use super::operation::{typed_by, untyped_object};
use super::page::PageParts;
use super::{Direction, Extractor, provisional};
use crate::spec::TypeRef;

impl<'a> Extractor<'a> {
    /// Binds `id`, the only table after the body of its part, captioned with a
    /// type name no field has (`caption`), to the body's only untyped field: an
    /// `Object` or a list of them. A single object the example shows as a list
    /// is read as a list.
    pub(super) fn bind_sole_object(
        &mut self,
        doc: usize,
        parts: &PageParts,
        id: TableId,
        dir: Direction,
        body: &TypeRef,
        caption: &str,
    ) -> bool {
        let TypeRef::Ref { id: body_id } = body else {
            return false;
        };
        let Some(slot) = provisional(body_id).filter(|&s| s < self.types.len()) else {
            return false;
        };
        let mut untyped = (self.types[slot].1.fields.iter().enumerate())
            .filter(|(_, f)| untyped_object(&f.ty))
            .map(|(i, _)| i);
        let (Some(field), None) = (untyped.next(), untyped.next()) else {
            return false;
        };
        let name = self.types[slot].1.fields[field].name.clone();
        let listed = match self.example_holds(parts, None, &name, id) {
            Some(Some(list)) => list,
            None => false,
            Some(None) => return false,
        };
        let listed = listed && self.types[slot].1.fields[field].ty == TypeRef::Any;
        // Named by the table's caption (`ErrorDetail`), else after the field.
        let nested = self.object_type(id, dir, &name, "");
        let def = &mut self.types[slot].1.fields[field];
        def.ty = typed_by(&def.ty, &nested, listed);
        let list = if listed {
            " (a list of it: the example shows a list)"
        } else {
            ""
        };
        let file = self.file(doc);
        self.diags.note(
            &file,
            id.line,
            "table-sole-object",
            format!("`{name}` is the body's only untyped object and the table `{caption}` the only other table of the part, linked from no field; read as `{name}`'s type{list}"),
        );
        true
    }

    /// A body that is one bare untyped value followed by exactly one table,
    /// which the side's example shows as the body: that table is the body's
    /// object, or a list of it.
    pub(super) fn bare_body_object(
        &mut self,
        doc: usize,
        parts: &PageParts,
        id: TableId,
        dir: Direction,
        body: &TypeRef,
        name: &str,
    ) -> Option<TypeRef> {
        if !untyped_object(body) {
            return None;
        }
        let listed = self.example_holds(parts, Some(dir.example_kind()), "", id)??;
        let nested = self.object_type(id, dir, "", name);
        let file = self.file(doc);
        let list = if listed {
            ", a list of it as the example shows"
        } else {
            ""
        };
        self.diags.note(
            &file,
            id.line,
            "table-sole-object",
            format!("the body is one untyped value and this the only other table of the part, linked from no field; read as the body{list}"),
        );
        Some(typed_by(body, &nested, listed))
    }
}
