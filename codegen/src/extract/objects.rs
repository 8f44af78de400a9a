//! Parameter tables → fields and object types, following the links from Type,
//! Description and name cells to nested tables (on the same or another page).

use super::columns::{Columns, Mandatory, TableKind, classify, parse_mandatory};
use super::labels::{TableId, Target};
use super::patterns::re;
use super::type_cell::{self, Shape};
use super::{Direction, Extractor};
use crate::doc::{Block, BlockKind, Cell, Inline, Row, Table, plain_text};
use crate::spec::{Constraints, Field, Origin, TypeDef, TypeRef};
use regex::Regex;
use std::sync::LazyLock;

/// One row of a parameter table, read but not yet turned into a field or parameter.
#[derive(Debug, Clone)]
pub struct RowData {
    pub line: u32,
    pub name: String,
    pub mandatory: Mandatory,
    pub ty: TypeRef,
    pub description: String,
    /// The `In`/`Location` cell.
    pub location: Option<String>,
    pub constraints: Constraints,
}

/// Why a row's link is read as another table ([`Extractor::link_redirect`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redirect {
    /// The link points at the table the row sits in.
    SelfLink,
    /// A description's link to an unnamed table, while a table is named after the field.
    Misdirected,
}

static SEE_TABLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:see|in|refer to)\s+table\s*(\d+)|表\s*(\d+)"));

/// `For details, see the **backup** field description.` (VBS, CSBS): a table
/// named by the heading `**backup** field description`.
static SEE_FIELD_DESCRIPTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bsee (?:the )?([A-Za-z_][A-Za-z0-9_.-]*) field descriptions?\b"));

/// The header cell texts of a table (its last header row).
pub fn header_texts(table: &Table) -> Vec<String> {
    table
        .header
        .last()
        .map(|r| r.cells.iter().map(|c| c.plain().into_owned()).collect())
        .unwrap_or_default()
}

/// The columns of a parameter table, if it is one.
pub fn parameter_columns(table: &Table) -> Option<Columns> {
    match classify(&header_texts(table)) {
        TableKind::Parameters(c) => Some(c),
        _ => None,
    }
}

impl<'a> Extractor<'a> {
    /// Reads the rows of a parameter table, resolving nested types.
    pub(super) fn read_rows(
        &mut self,
        id: TableId,
        cols: &Columns,
        dir: Direction,
        parent: &str,
    ) -> Vec<RowData> {
        let Some(entry) = self.index.table(id) else {
            return Vec::new();
        };
        let table = entry.table;
        let mut rows = Vec::new();
        for row in &table.rows {
            if let Some(r) = self.read_row(id.doc, row, cols, dir, parent) {
                rows.push(r);
            }
        }
        self.stats.rows += rows.len();
        rows
    }

    fn read_row(
        &mut self,
        doc: usize,
        row: &Row,
        cols: &Columns,
        dir: Direction,
        parent: &str,
    ) -> Option<RowData> {
        let swapped = swapped_columns(row, cols);
        let cols = swapped.as_ref().unwrap_or(cols);
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i));
        let name_cell = cell(cols.name)?;
        let name = clean_name(&name_cell.plain());
        let file = self.file(doc);
        if name.is_empty() {
            if row.cells.iter().any(|c| !c.plain().trim().is_empty()) {
                self.diags.warn(
                    &file,
                    row.line,
                    "row-without-name",
                    "table row has no parameter name; row skipped",
                );
            }
            return None;
        }
        let mandatory = cell(cols.mandatory).map_or(
            Mandatory {
                required: false,
                note: None,
                says_query: false,
            },
            |c| parse_mandatory(&c.plain()),
        );
        let mut description = describe(row, cols);
        if let Some(note) = name_annotation(&name_cell.plain()) {
            self.diags.note(
                &file,
                row.line,
                "name-annotated",
                format!("`{name}` is followed by `（{note}）` in its name cell; the wire name is `{name}`, the annotation goes to the description"),
            );
            description = format!("({note}) {description}");
        }
        let ty = self.row_type(doc, row, cols, &name, dir, parent);
        let (constraints, issues) = super::constraints::read(&description, &ty);
        for issue in issues {
            let message = format!("`{name}`: {}", issue.message);
            self.diags.warn(&file, row.line, issue.code, message);
        }
        Some(RowData {
            line: row.line,
            name,
            mandatory,
            ty,
            description,
            location: cell(cols.location).map(|c| c.plain().trim().to_lowercase()),
            constraints,
        })
    }

    /// The type of a row: its Type cell, bound to a nested table through any link in the row.
    fn row_type(
        &mut self,
        doc: usize,
        row: &Row,
        cols: &Columns,
        name: &str,
        dir: Direction,
        parent: &str,
    ) -> TypeRef {
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i));
        let file = self.file(doc);
        let shape = match cell(cols.ty) {
            Some(c) if let Some(shifted) = shifted_type(row, cols) => {
                self.diags.note(
                    &file,
                    c.line,
                    "type-cell-shifted",
                    format!("`{name}` has `{}` in its Type cell and a type opening its description: the row slipped one cell; typed by the description's first line", c.plain().trim()),
                );
                shifted
            }
            Some(c) => {
                let text = c.plain();
                match type_cell::parse(&text) {
                    Some(s) => s,
                    None if text.trim().is_empty() || text.trim() == "-" => {
                        Shape::Scalar(TypeRef::String)
                    }
                    None => {
                        let refs = refs_in(c);
                        if refs.is_empty() {
                            self.diags.warn(
                                &file,
                                c.line,
                                "type-unknown",
                                format!(
                                    "unknown type `{}` for `{name}`; using an untyped value",
                                    super::words::shorten(text.trim(), 120)
                                ),
                            );
                            Shape::Untyped
                        } else {
                            Shape::Named(String::new())
                        }
                    }
                }
            }
            // URI and header tables often have no Type column: a string, unless a link
            // says otherwise or the description says the value is a number.
            None => Shape::Scalar(untyped_scalar(&describe(row, cols))),
        };
        let leaf = shape.leaf().clone();
        let bound = match &leaf {
            Shape::Scalar(t) => {
                if cols.ty.is_none() {
                    // No Type column: a link in the name or description cell makes it an object.
                    match self.link_in_cells(doc, [cell(cols.name), cell(cols.description)]) {
                        Some(id) => {
                            return TypeRef::Ref {
                                id: self.object_type(id, dir, name, parent),
                            };
                        }
                        None => t.clone(),
                    }
                } else if let Shape::Scalar(_) = shape
                    && let Some((id, array)) =
                        self.string_cell_table(doc, t, cell(cols.description), name)
                {
                    let what = if array {
                        "a list of that object"
                    } else {
                        "that object"
                    };
                    self.diags.note(&file, row.line, "type-cell-object", format!("`{name}` is typed `String`, but its description points at the table named after it and the example shows it as an object; read as {what}"));
                    let object = TypeRef::Ref {
                        id: self.object_type(id, dir, name, parent),
                    };
                    return match array {
                        true => TypeRef::Array {
                            items: Box::new(object),
                        },
                        false => object,
                    };
                } else if let Some(id) =
                    self.map_list_table(doc, &shape, cell(cols.description), name)
                {
                    self.diags.note(&file, row.line, "type-cell-map-records", format!("`{name}` is typed a list of maps, but its description links the table named after it, which lists the keys of every map; read as a list of that object"));
                    return TypeRef::Array {
                        items: Box::new(TypeRef::Ref {
                            id: self.object_type(id, dir, name, parent),
                        }),
                    };
                } else {
                    t.clone()
                }
            }
            Shape::Untyped => match self.link_in_cells(
                doc,
                [cell(cols.ty), cell(cols.description), cell(cols.name)],
            ) {
                Some(id) => TypeRef::Ref {
                    id: self.object_type(id, dir, name, parent),
                },
                None => match self.see_table(doc, [cell(cols.ty), cell(cols.description)]) {
                    Some(id) => TypeRef::Ref {
                        id: self.object_type(id, dir, name, parent),
                    },
                    None => TypeRef::Any,
                },
            },
            Shape::Named(type_name) => {
                self.bind_named(doc, row, cols, type_name, name, dir, parent)
            }
            _ => TypeRef::Any,
        };
        // The whole description, as constraints are read from it: the width agrees with them.
        let bound = with_bits(bound, &describe(row, cols));
        to_type_ref(&shape, bound)
    }

    /// `X object`, `Array of X objects`: the link in the Type cell, else a table captioned X.
    #[allow(clippy::too_many_arguments)]
    fn bind_named(
        &mut self,
        doc: usize,
        row: &Row,
        cols: &Columns,
        type_name: &str,
        name: &str,
        dir: Direction,
        parent: &str,
    ) -> TypeRef {
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i));
        let file = self.file(doc);
        let type_cell = cell(cols.ty);
        let refs: Vec<&Inline> = type_cell.map(refs_in).unwrap_or_default();
        let mut prose_link = None;
        if let Some(target) = refs.first().and_then(|r| ref_target(r)) {
            match self.index.resolve(doc, target) {
                Some(Target::Table(id)) => {
                    let id = self.follow_link(doc, row, id, type_name, name, true);
                    return TypeRef::Ref {
                        id: self.object_type(id, dir, name, parent),
                    };
                }
                // A link to a page or section (often the page itself): the
                // description's link or a table captioned with the type's name
                // may still say which table it is.
                Some(Target::Prose { .. }) => prose_link = Some(target),
                None => {
                    // The link is broken, but a table captioned with the type's name may still exist.
                    if let Some(id) = self.index.by_caption(doc, type_name) {
                        self.diags.warn(&file, row.line, "ref-dangling", format!("type of `{name}` links `{target}`, which no page defines; bound to the table captioned `{type_name}` instead"));
                        return TypeRef::Ref {
                            id: self.object_type(id, dir, name, parent),
                        };
                    }
                    self.stats.unresolved_refs += 1;
                    self.diags.warn(&file, row.line, "ref-dangling", format!("type of `{name}` links `{target}`, which no page of the service defines; using an untyped value"));
                    return TypeRef::Any;
                }
            }
        }
        if let Some(id) = self.link_in_cells(doc, [cell(cols.description), cell(cols.name)]) {
            let id = self.follow_link(doc, row, id, type_name, name, false);
            return TypeRef::Ref {
                id: self.object_type(id, dir, name, parent),
            };
        }
        if let Some(id) = self.index.by_name_after(doc, type_name, row.line) {
            return TypeRef::Ref {
                id: self.object_type(id, dir, name, parent),
            };
        }
        if let Some(target) = prose_link {
            self.diags.warn(&file, row.line, "ref-not-a-table", format!("type of `{name}` links `{target}`, which labels no table; using an untyped value"));
            return TypeRef::Any;
        }
        if let Some((id, named)) = self.named_otherwise(doc, row.line, type_name, name, parent) {
            self.diags.note(&file, row.line, "type-named-otherwise", format!("type `{type_name}` of `{name}` names no table; bound to the table named `{named}` below it"));
            // Named after the field, like any table a row links: the page's
            // other tables may already be called `match` or `tag`.
            return TypeRef::Ref {
                id: self.object_type(id, dir, name, parent),
            };
        }
        self.stats.unresolved_refs += 1;
        self.diags.warn(&file, row.line, "type-unresolved", format!("type `{type_name}` of `{name}` names no table of the service; using an untyped value"));
        TypeRef::Any
    }

    /// The table a row's link means when it is not the one it names, and why.
    /// Binding ([`Self::bind_named`]) and link accounting (`linked_tables`)
    /// both ask this, so a redirected table is read and counted as linked alike.
    ///
    /// - A link to the table the row sits in is a clash of anchors, not a
    ///   recursive type: a Huawei page with two types of one name (`spec`) gives
    ///   both the anchor `#response_spec`. The next table captioned with the
    ///   type's name is meant, when there is another.
    /// - A description's `see Table 5` (not the Type cell's link) to a table no
    ///   name claims (`Node configuration parameters`), while a later table is
    ///   named after the field (`**auto_scaling_policy** parameter description`),
    ///   is a slip of the docs (MRS): the named table is the field's.
    pub(super) fn link_redirect(
        &self,
        doc: usize,
        row: &Row,
        link: TableId,
        type_name: &str,
        field: &str,
        in_type_cell: bool,
    ) -> Option<(TableId, Redirect)> {
        let own = self
            .index
            .table(link)
            .is_some_and(|e| e.table.rows.iter().any(|r| std::ptr::eq(r, row)));
        if own {
            let next = self.index.by_name_after(doc, type_name, row.line)?;
            return (next != link).then_some((next, Redirect::SelfLink));
        }
        if in_type_cell || self.index.is_named(link) {
            return None;
        }
        let named = self.index.named_after(doc, field, row.line)?;
        (named != link).then_some((named, Redirect::Misdirected))
    }

    /// [`Self::link_redirect`], reported where it applies.
    fn follow_link(
        &mut self,
        doc: usize,
        row: &Row,
        link: TableId,
        type_name: &str,
        name: &str,
        in_type_cell: bool,
    ) -> TableId {
        let Some((to, why)) = self.link_redirect(doc, row, link, type_name, name, in_type_cell)
        else {
            return link;
        };
        let (code, message) = match why {
            Redirect::SelfLink => (
                "ref-self-redirected",
                format!(
                    "type of `{name}` links the table it sits in (two `{type_name}` tables share one anchor); bound to the next table captioned `{type_name}`"
                ),
            ),
            Redirect::Misdirected => (
                "ref-misdirected",
                format!(
                    "`{name}`'s description links a table no name claims, while a later table is named after `{name}`; bound to the named table"
                ),
            ),
        };
        let file = self.file(doc);
        self.diags.note(&file, row.line, code, message);
        to
    }

    /// The first link in the cells that resolves to a table. Dangling links are reported.
    fn link_in_cells<const N: usize>(
        &mut self,
        doc: usize,
        cells: [Option<&Cell>; N],
    ) -> Option<TableId> {
        let file = self.file(doc);
        for cell in cells.into_iter().flatten() {
            for r in refs_in(cell) {
                let Some(target) = ref_target(r) else {
                    continue;
                };
                match self.index.resolve(doc, target) {
                    Some(Target::Table(id)) => return Some(id),
                    Some(Target::Prose { .. }) => {}
                    None => {
                        self.stats.unresolved_refs += 1;
                        self.diags.warn(
                            &file,
                            cell.line,
                            "ref-dangling",
                            format!("link to `{target}`, which no page of the service defines"),
                        );
                    }
                }
            }
        }
        None
    }

    /// A `String` row whose description links or cites (`请参考表4`) a parameter
    /// table that a caption or heading names after the field
    /// (`func_code参数说明`), while the page's example shows the field as an
    /// object: the Type cell slipped, the value is that object (FunctionGraph),
    /// or a list of it (OMS `links`). Returns the table and whether it is a list.
    fn string_cell_table(
        &self,
        doc: usize,
        ty: &TypeRef,
        description: Option<&Cell>,
        name: &str,
    ) -> Option<(TableId, bool)> {
        if *ty != TypeRef::String || name.is_empty() {
            return None;
        }
        let cell = description?;
        let id = self.fields_table_of(doc, cell, name)?;
        // The example is the wire format: ModelArts' `model_metric_list` cites
        // its table, yet goes over the wire as a JSON string; OMS's `links` is
        // a list.
        let array = example_object_shape(&self.docs[doc].blocks, name)?;
        Some((id, array))
    }

    /// The table a description links or cites (`see Table 4`) when a caption
    /// or heading names it after the field and it lists typed fields. A table
    /// of values named after the field (`tls_ciphers_policy`: policy, versions,
    /// suites) documents what a string may be, not an object.
    fn fields_table_of(&self, doc: usize, description: &Cell, name: &str) -> Option<TableId> {
        let linked = refs_in(description).into_iter().find_map(|r| {
            match self.index.resolve(doc, ref_target(r)?) {
                Some(Target::Table(id)) => Some(id),
                _ => None,
            }
        });
        let fields_table = |id: TableId| {
            self.index
                .table(id)
                .and_then(|e| parameter_columns(e.table))
                .is_some_and(|c| c.ty.is_some())
        };
        linked
            .or_else(|| self.see_table(doc, [Some(description)]))
            .filter(|&id| self.index.names(id, name) && fields_table(id))
    }

    /// A list of maps (`list<map<String, String>>`) whose description links
    /// the table named after the field: the table lists the keys every map
    /// has, so the items are records of those fields (EVS `links`,
    /// `attachments`). A bare map stays a map: its table names well-known keys
    /// of an open set (`metadata`).
    fn map_list_table(
        &self,
        doc: usize,
        shape: &Shape,
        description: Option<&Cell>,
        name: &str,
    ) -> Option<TableId> {
        match shape {
            Shape::Array(inner) if matches!(inner.as_ref(), Shape::Map(_)) && !name.is_empty() => {
                self.fields_table_of(doc, description?, name)
            }
            _ => None,
        }
    }

    /// A plain-text `see Table N` / `表N` on the same page, or `see the X field
    /// description` naming a table by its heading or caption.
    fn see_table<const N: usize>(&self, doc: usize, cells: [Option<&Cell>; N]) -> Option<TableId> {
        cells.into_iter().flatten().find_map(|c| {
            let text = c.plain();
            if let Some(caps) = SEE_TABLE.captures(&text) {
                let n = caps.get(1).or_else(|| caps.get(2))?.as_str();
                return self.index.by_number(doc, n);
            }
            let caps = SEE_FIELD_DESCRIPTION.captures(&text)?;
            self.index.by_caption(doc, &caps[1])
        })
    }

    /// A table the page names otherwise than the Type cell does: the element
    /// of a plural list type (`Array of tags` documented as "Description of
    /// the **tag** field"), or the row's dotted path (the field `user` of
    /// `role_assignments` documented as `role_assignments.user`). Only a table
    /// of the same page below the row: a name that matches nothing there is
    /// no evidence elsewhere.
    fn named_otherwise(
        &self,
        doc: usize,
        line: u32,
        type_name: &str,
        name: &str,
        parent: &str,
    ) -> Option<(TableId, String)> {
        let dotted = (!parent.is_empty() && !name.is_empty()).then(|| format!("{parent}.{name}"));
        singular(type_name)
            .into_iter()
            .chain(dotted)
            .find_map(|n| self.index.named_after(doc, &n, line).map(|id| (id, n)))
    }

    /// The object type read from a table, built once per table and direction.
    pub(super) fn object_type(
        &mut self,
        id: TableId,
        dir: Direction,
        field: &str,
        parent: &str,
    ) -> String {
        if let Some(existing) = self.memo.get(&(id, dir)) {
            return existing.clone();
        }
        let provisional = format!("#{}", self.types.len());
        self.memo.insert((id, dir), provisional.clone());
        self.used.insert(id);
        let Some(entry) = self.index.table(id) else {
            return provisional;
        };
        let table = entry.table;
        let file = self.file(id.doc);
        let name = type_name(table, field, parent);
        let origin = self.origin(id);
        // Reserve the slot first so cyclic links resolve to it.
        self.types.push((
            provisional.clone(),
            TypeDef {
                name: name.clone(),
                description: String::new(),
                fields: Vec::new(),
                origins: vec![origin],
            },
        ));
        let slot = self.types.len() - 1;
        let fields = match self.columns(id, table) {
            Some(cols) => {
                let rows = self.read_rows(id, &cols, dir, &name);
                let rows = self.dedup_rows(id.doc, rows);
                rows.into_iter().map(|r| to_field(r, dir)).collect()
            }
            None => {
                self.diags.warn(
                    &file,
                    entry.line,
                    "nested-table-not-parameters",
                    format!(
                        "linked table has header `{}`, not a parameter table; the type stays empty",
                        header_texts(table).join(" | ")
                    ),
                );
                Vec::new()
            }
        };
        self.types[slot].1.fields = fields;
        self.note_placeholder_map(&file, id.line, slot);
        provisional
    }

    /// A name listed twice in one table keeps its first row; a differing repeat is reported.
    pub(super) fn dedup_rows(&mut self, doc: usize, rows: Vec<RowData>) -> Vec<RowData> {
        let mut out: Vec<RowData> = Vec::new();
        for r in rows {
            if let Some(prev) = out.iter().find(|p| p.name == r.name) {
                if prev.ty != r.ty || prev.description != r.description {
                    let file = self.file(doc);
                    self.diags.warn(
                        &file,
                        r.line,
                        "row-duplicate",
                        format!(
                            "`{}` is listed again with different content; the first row is kept",
                            r.name
                        ),
                    );
                }
                continue;
            }
            out.push(r);
        }
        out
    }

    pub(super) fn origin(&self, id: TableId) -> Origin {
        let file = self.docs[id.doc].file.clone();
        let table = self
            .index
            .table(id)
            .map(|e| table_origin_name(e.table, e.labels))
            .filter(|name| !name.is_empty());
        Origin { file, table }
    }
}

/// A row whose Type cell holds `Yes`/`No` and whose Mandatory cell holds a type
/// (the two columns swapped in that row): the columns with the two exchanged.
fn swapped_columns(row: &Row, cols: &Columns) -> Option<Columns> {
    let (ty, mandatory) = (cols.ty?, cols.mandatory?);
    let ty_text = row.cells.get(ty)?.plain();
    let mandatory_text = row.cells.get(mandatory)?.plain();
    let is_type = |t: &str| {
        matches!(
            type_cell::parse(t),
            Some(Shape::Scalar(_) | Shape::Array(_) | Shape::Map(_))
        )
    };
    (is_flag(&ty_text) && !is_flag(&mandatory_text) && is_type(&mandatory_text)).then(|| Columns {
        ty: Some(mandatory),
        mandatory: Some(ty),
        ..cols.clone()
    })
}

/// A row that slipped one cell (CCE's `containerBaseSize | No | Integer …`):
/// the Type cell holds a flag (`Yes`/`No`), and the description's first line
/// is a type (a scalar, list or map, not merely a name): that type.
fn shifted_type(row: &Row, cols: &Columns) -> Option<Shape> {
    let flag = row.cells.get(cols.ty?)?.plain();
    if !is_flag(&flag) {
        return None;
    }
    let description = row.cells.get(cols.description?)?.plain();
    let first = description.trim_start().lines().next()?;
    type_cell::parse(first)
        .filter(|s| matches!(s, Shape::Scalar(_) | Shape::Array(_) | Shape::Map(_)))
}

/// `Yes`, `No`, `Mandatory`, …: what a Mandatory cell says.
fn is_flag(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().trim_end_matches(['.', '。']),
        "yes" | "no" | "是" | "否" | "true" | "false" | "mandatory" | "optional"
    )
}

/// Label if present, else `Table N Caption`.
pub fn table_origin_name(table: &Table, labels: &[String]) -> String {
    if let Some(l) = labels.first() {
        return l.clone();
    }
    match &table.caption {
        Some(c) => {
            let text = plain_text(&c.text);
            match &c.number {
                Some(n) => format!("Table {n} {}", text.trim()),
                None => text.trim().to_string(),
            }
        }
        None => String::new(),
    }
}

pub fn to_field(r: RowData, dir: Direction) -> Field {
    let (required, required_note) = match dir {
        Direction::Request => (r.mandatory.required, r.mandatory.note),
        Direction::Response => (false, None),
    };
    Field {
        name: r.name,
        required,
        required_note,
        ty: r.ty,
        description: r.description,
        constraints: r.constraints,
    }
}

/// The singular of an English plural (`tags` → `tag`, `matches` → `match`,
/// `policies` → `policy`), or `None` when the word is not one.
fn singular(word: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix("ies") {
        return (!stem.is_empty()).then(|| format!("{stem}y"));
    }
    for ending in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(ending) {
            return Some(word[..word.len() - 2].to_string());
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => Some(stem.to_string()),
        _ => None,
    }
}

/// The name of the type a table describes: its caption when that names a type
/// (`CreateJobReq`, `**volume** field description`), else the field it is linked from.
pub fn type_name(table: &Table, field: &str, parent: &str) -> String {
    if let Some(n) = table
        .caption
        .as_ref()
        .and_then(|c| caption_type_name(&c.text))
    {
        return n;
    }
    if field.is_empty() {
        parent.to_string()
    } else {
        field.to_string()
    }
}

static FIELD_IN_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:parameters? in (?:the )?|(?:data structure )?description of (?:the )?(?:field )?|data structure of (?:the )?)?([A-Za-z_](?:[A-Za-z0-9_.:-]*[A-Za-z0-9_])?)\s*(?:field|object|parameter|structure|字段|对象)?\b",
    )
});

/// `The Result object has the following attributes.`
static THE_X_OBJECT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^the ([A-Za-z_][A-Za-z0-9_.-]*) (?:object|field|structure)\b"));

/// `edgesetPath和vertexsetPath属性列表`, `A and B parameter description`: a
/// caption naming two fields that share the table.
static TWO_FIELDS_IN_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^([A-Za-z_][A-Za-z0-9_.]*)\s*(?:和|与|及|、|,| and )\s*([A-Za-z_][A-Za-z0-9_.]*)")
});

/// The names a caption gives its table: [`caption_type_name`]'s, and the
/// second of two fields joined by `和` / `and` when it names one.
pub fn caption_type_names(text: &[Inline]) -> Vec<String> {
    let Some(first) = caption_type_name(text) else {
        return Vec::new();
    };
    let plain = plain_text(text);
    let second = TWO_FIELDS_IN_CAPTION
        .captures(plain.trim())
        .filter(|c| c[1] == first)
        .map(|c| c[2].to_string());
    std::iter::once(first).chain(second).collect()
}

/// A type name from a caption, or `None` for generic captions (`Request body parameters`).
pub fn caption_type_name(text: &[Inline]) -> Option<String> {
    let plain = plain_text(text);
    let plain = plain.trim();
    if plain.is_empty() {
        return None;
    }
    if let Some(Inline::Strong { text } | Inline::Literal { text }) = text
        .iter()
        .find(|i| matches!(i, Inline::Strong { .. } | Inline::Literal { .. }))
    {
        return Some(text.trim().to_string());
    }
    if !plain.contains(' ')
        && plain.is_ascii()
        && plain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
    {
        return Some(plain.to_string());
    }
    let lower = plain.to_lowercase();
    let generic = [
        "request",
        "response",
        "parameter description",
        "parameters",
        "query",
        "header",
        "path",
        "uri",
    ];
    let names_field = [
        "parameters in",
        "parameter in",
        "description of",
        "data structure of",
        "data structure description of",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    if !names_field && generic.iter().any(|g| lower.starts_with(g)) {
        return None;
    }
    // Only a caption that mentions a field or object names one (checked
    // before the regex, which every table's caption would otherwise run).
    let mentions = lower.contains(" field")
        || lower.contains(" parameter description")
        || lower.contains("object")
        || lower.contains("structure")
        || lower.contains("字段")
        || lower.contains("对象")
        || lower.contains("参数")
        || lower.contains("数据结构")
        || lower.contains("元素")
        // GES: `schemaPath属性列表` (the attributes of `schemaPath`),
        // `GesQuotaResp类型` (the type `GesQuotaResp`).
        || lower.contains("属性")
        || lower.contains("类型")
        || lower.contains("说明");
    if !mentions {
        return None;
    }
    let c = THE_X_OBJECT
        .captures(plain)
        .or_else(|| FIELD_IN_CAPTION.captures(plain))?;
    let word = &c[1];
    (!generic.contains(&word.to_lowercase().as_str())).then(|| word.to_string())
}

/// Name cells keep escapes and stray spaces (`scaling\_ configuration \_id`):
/// a space next to punctuation is an artefact and goes. A space between two
/// letters or digits is part of the name (`project id`) and stays, as one
/// space: the wire name must be exact.
pub fn clean_name(text: &str) -> String {
    split_annotation(&cleaned(text)).0.to_string()
}

/// The name cell's first line without escapes, stray spaces and markup.
fn cleaned(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("").trim();
    let chars: Vec<char> = first_line.chars().collect();
    let mut name = String::with_capacity(first_line.len());
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_whitespace() {
            name.push(c);
            continue;
        }
        let before = name.chars().next_back();
        let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
        let inside_word =
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(|c| c.is_alphanumeric());
        if inside_word && before != Some(' ') {
            name.push(' ');
        }
    }
    name.trim_matches(['*', '`', ':', '：']).to_string()
}

/// A name cell's trailing annotation in parentheses, which is not part of the
/// wire name: GES writes the version that added a field (`delimiter（2.2.8）`)
/// or the edition it belongs to (`cause（一千亿边（公测版））`).
pub fn name_annotation(text: &str) -> Option<String> {
    split_annotation(&cleaned(text)).1.map(str::to_string)
}

/// `name（annotation）` → (`name`, `annotation`) when the name before the
/// parentheses is identifier-like; otherwise the text as it stands.
fn split_annotation(name: &str) -> (&str, Option<&str>) {
    let Some(last) = name.chars().next_back().filter(|c| matches!(c, ')' | '）')) else {
        return (name, None);
    };
    let mut depth = 0usize;
    for (at, c) in name.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            let head = name[..at].trim_end();
            let identifier = !head.is_empty()
                && (head.chars()).all(|c| c.is_ascii_alphanumeric() || "_-.:@$".contains(c));
            let inner = &name[at + c.len_utf8()..name.len() - last.len_utf8()];
            return match identifier {
                true => (head, Some(inner.trim())),
                false => (name, None),
            };
        }
    }
    (name, None)
}

fn describe(row: &Row, cols: &Columns) -> String {
    let mut out = String::new();
    let columns = cols
        .description
        .into_iter()
        .chain(cols.extra.iter().copied());
    for c in columns.filter_map(|i| row.cells.get(i)) {
        let text = c.plain();
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(text);
    }
    out
}

/// How the page's code blocks show `"name"`: `Some(false)` for `"name": {`,
/// `Some(true)` for `"name": [`, and `None` when they never show it as an
/// object or show it once as a string (`"name": "…"`): positive evidence that
/// the field is an object on the wire, and whether it is a list of them.
fn example_object_shape(blocks: &[Block], name: &str) -> Option<bool> {
    let key = format!("\"{name}\"");
    let mut shape = None;
    let mut stack: Vec<&Block> = blocks.iter().collect();
    while let Some(b) = stack.pop() {
        stack.extend(b.children());
        let BlockKind::Code { text, .. } = &b.kind else {
            continue;
        };
        for (at, _) in text.match_indices(&key) {
            let rest = text[at + key.len()..].trim_start();
            let Some(value) = rest.strip_prefix(':').map(str::trim_start) else {
                continue;
            };
            match value.chars().next() {
                Some('{') => shape = shape.or(Some(false)),
                Some('[') => shape = Some(true),
                Some('"') => return None,
                _ => {}
            }
        }
    }
    shape
}

fn refs_in(cell: &Cell) -> Vec<&Inline> {
    cell.inlines()
        .into_iter()
        .filter(|i| matches!(i, Inline::Ref { .. }))
        .collect()
}

fn ref_target(r: &Inline) -> Option<&str> {
    match r {
        Inline::Ref { target, .. } => Some(target),
        _ => None,
    }
}

fn to_type_ref(shape: &Shape, leaf: TypeRef) -> TypeRef {
    match shape {
        Shape::Array(inner) => TypeRef::Array {
            items: Box::new(to_type_ref(inner, leaf)),
        },
        Shape::Map(inner) => TypeRef::Map {
            values: Box::new(to_type_ref(inner, leaf)),
        },
        _ => leaf,
    }
}

/// A value that says it is a number (`必须为数字`, `不能为负数`, `分页页码`, `must be an integer`).
static NUMBER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)必须为(?:数字|整数)|不能为负数|分页页码|页数偏移量|页偏移量|(?:正|非负)整数|\b(?:must be an? (?:integer|number)|(?:non-negative|positive) integer)\b",
    )
});

/// Words that make a documented range a length, a size or a date, not the value.
static TEXT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)字符|长度|字节|时间|日期|格式|\b(?:characters?|length|bytes|date|time|format)\b")
});

/// A row without a Type column: an integer when its description documents an
/// integer range of the value (`取值范围[1, 100]`, `最小值为1，最大值为100`,
/// `Value range: 1-1000`) or says it is a number, else a string (a query string
/// carries text).
fn untyped_scalar(description: &str) -> TypeRef {
    if TEXT_WORDS.is_match(description) {
        return TypeRef::String;
    }
    if super::constraints::int_range(description).is_some() || NUMBER_WORDS.is_match(description) {
        TypeRef::Integer { bits: 64 }
    } else {
        TypeRef::String
    }
}

/// Integers are i64 unless the description documents a range that fits i32.
fn with_bits(ty: TypeRef, description: &str) -> TypeRef {
    match ty {
        TypeRef::Integer { .. } => match super::constraints::int_range(description) {
            Some((lo, hi)) if lo >= i32::MIN as i64 && hi <= i32::MAX as i64 => {
                TypeRef::Integer { bits: 32 }
            }
            _ => TypeRef::Integer { bits: 64 },
        },
        ty => ty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_captions() {
        let t = |s: &str| vec![Inline::Text { text: s.into() }];
        assert_eq!(
            caption_type_name(&t("CreateJobReq")).as_deref(),
            Some("CreateJobReq")
        );
        assert_eq!(caption_type_name(&t("Request body parameters")), None);
        assert_eq!(caption_type_name(&t("Response Parameters")), None);
        assert_eq!(caption_type_name(&t("Parameter description")), None);
        assert_eq!(
            caption_type_name(&t("volume field data structure description")).as_deref(),
            Some("volume")
        );
        assert_eq!(
            caption_type_name(&t("Parameters in the server field")).as_deref(),
            Some("server")
        );
        // Huawei captions run the name into Chinese text (a Unicode `\b`
        // found no boundary there, so none of these was named).
        for (caption, name) in [
            ("routes字段数据结构说明", "routes"),
            ("route字段说明", "route"),
            ("list_file对象说明", "list_file"),
        ] {
            assert_eq!(caption_type_name(&t(caption)).as_deref(), Some(name));
        }
        assert_eq!(caption_type_name(&t("请求参数")), None);
        assert_eq!(caption_type_names(&t("schemaPath属性列表")), ["schemaPath"]);
        assert_eq!(caption_type_names(&t("GesQuotaResp类型")), ["GesQuotaResp"]);
        assert_eq!(caption_type_names(&t("参数类型")), Vec::<String>::new());
        for caption in [
            "edgesetPath和vertexsetPath属性列表",
            "edgesetPath and vertexsetPath parameter description",
        ] {
            assert_eq!(
                caption_type_names(&t(caption)),
                ["edgesetPath", "vertexsetPath"],
                "{caption}"
            );
        }
        for (caption, name) in [
            (
                "Data structure description of the image_tag field",
                "image_tag",
            ),
            ("The Result object has the following attributes.", "Result"),
            (
                "Data structure description of field flavor_groups",
                "flavor_groups",
            ),
            ("results parameter description", "results"),
            (
                "os:scheduler_hints字段数据结构说明（响应参数）",
                "os:scheduler_hints",
            ),
            ("Parameters in the volume field:", "volume"),
        ] {
            assert_eq!(caption_type_name(&t(caption)).as_deref(), Some(name));
        }
        let strong = vec![
            Inline::Text {
                text: "Parameters in the ".into(),
            },
            Inline::Strong {
                text: "volume".into(),
            },
            Inline::Text {
                text: " field".into(),
            },
        ];
        assert_eq!(caption_type_name(&strong).as_deref(), Some("volume"));
    }

    #[test]
    fn names_cleaned() {
        assert_eq!(
            clean_name("scaling_ configuration _id"),
            "scaling_configuration_id"
        );
        assert_eq!(clean_name("X-Auth-Token"), "X-Auth-Token");
        assert_eq!(clean_name("delimiter（2.2.8）"), "delimiter");
        assert_eq!(clean_name("cause（一千亿边（公测版））"), "cause");
        assert_eq!(clean_name("limit (2.2.23)"), "limit");
        assert_eq!(
            name_annotation("cause（一千亿边（公测版））").as_deref(),
            Some("一千亿边（公测版）")
        );
        assert_eq!(name_annotation("delimiter"), None);
        // Not a name followed by a note: kept whole.
        assert_eq!(clean_name("参数（x）"), "参数（x）");
        assert_eq!(clean_name("（2.2.8）"), "（2.2.8）");
        assert_eq!(clean_name("a)b)"), "a)b)");
        assert_eq!(clean_name("project id"), "project id");
        assert_eq!(clean_name(" project   id "), "project id");
        assert_eq!(clean_name("__system__encrypted"), "__system__encrypted");
    }

    #[test]
    fn singulars() {
        for (plural, one) in [
            ("tags", Some("tag")),
            ("resource_tags", Some("resource_tag")),
            ("matches", Some("match")),
            ("policies", Some("policy")),
            ("boxes", Some("box")),
            ("addresses", Some("address")),
            ("status", Some("statu")),
            ("class", None),
            ("tag", None),
            ("s", None),
        ] {
            assert_eq!(singular(plural).as_deref(), one, "{plural}");
        }
    }
}
