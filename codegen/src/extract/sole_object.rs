//! A body whose one untyped object field is described by the one other table of
//! its part, a table that names a type but no field (DEW's error bodies:
//! `error | Object | 错误信息返回体。` followed by a table captioned `ErrorDetail`).

use super::labels::TableId;
use super::operation::replace_any;
use super::{Direction, Extractor, provisional};
use crate::spec::TypeRef;

impl<'a> Extractor<'a> {
    /// Binds `id`, the only table after the body of its part, captioned `type_name`
    /// (which no field is called), to the body's only untyped field: an `Object`
    /// or a list of them. Nothing else on the part can be the field's type, and
    /// nothing else can claim the table, so the pairing loses nothing and is noted.
    pub(super) fn bind_sole_object(
        &mut self,
        doc: usize,
        line: u32,
        id: TableId,
        dir: Direction,
        body: &TypeRef,
        type_name: &str,
    ) -> bool {
        let TypeRef::Ref { id: body_id } = body else {
            return false;
        };
        let Some(slot) = provisional(body_id).filter(|&s| s < self.types.len()) else {
            return false;
        };
        let mut untyped = (self.types[slot].1.fields.iter().enumerate())
            .filter(|(_, f)| object_or_list(&f.ty))
            .map(|(i, _)| i);
        let (Some(field), None) = (untyped.next(), untyped.next()) else {
            return false;
        };
        // Named by the table's caption (`ErrorDetail`), else after the field.
        let name = self.types[slot].1.fields[field].name.clone();
        let nested = self.object_type(id, dir, &name, "");
        let def = &mut self.types[slot].1.fields[field];
        def.ty = replace_any(&def.ty, &nested);
        let file = self.file(doc);
        self.diags.note(
            &file,
            line,
            "table-sole-object",
            format!("`{name}` is the body's only untyped object and the table `{type_name}` the only other table of the part, linked from no field; read as `{name}`'s type"),
        );
        true
    }
}

/// `Object` or a list of `Object`, not a map (whose values a table of fields
/// would not describe).
fn object_or_list(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Any => true,
        TypeRef::Array { items } => object_or_list(items),
        _ => false,
    }
}
