//! One operation page → an [`Operation`]: URI, parameters by location, request and
//! response bodies per status, status descriptions and examples.

use super::columns::{Columns, TableKind, classify};
use super::labels::TableId;
use super::objects::{RowData, caption_type_names, header_texts};
use super::page::{PageParts, Role, TableItem};
use super::{Direction, Extractor, provisional, type_cell, uri};
use crate::diag::Diagnostics;
use crate::doc::{Cell, plain_text};
use crate::spec::{
    Body, Example, ExampleKind, Location, Operation, Origin, Parameter, Response, TypeRef,
};
use std::collections::BTreeMap;

/// Where a parameter table's rows go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    Params(Option<Location>),
    RequestBody,
    ResponseBody,
    ResponseHeaders,
}

/// Bodies collected per side while reading a page: status → candidate tables.
#[derive(Default)]
struct Bodies {
    request: Vec<usize>,
    responses: BTreeMap<String, Vec<usize>>,
    /// Object rows of a URI table on a request with a body (DC's
    /// `direct_connect | Dictionary`): the body's wrapper, not query parameters.
    uri_objects: Vec<RowData>,
}

impl<'a> Extractor<'a> {
    pub(super) fn operation(&mut self, doc: usize, parts: &PageParts) -> Option<Operation> {
        let uri = uri::find_in_lines(parts.uri_lines.iter().map(|(_, l)| l.as_str()))
            .or_else(|| uri_from_example_request(parts));
        let file = self.file(doc);
        let Some(uri) = uri else {
            if parts.has_uri_section {
                self.diags.note(
                    &file,
                    parts.title_line,
                    "uri-missing",
                    "page has a URI section but no `METHOD /path` line; not an operation",
                );
            }
            return None;
        };
        let d = &self.docs[doc];
        let first_type = self.types.len();
        let mut op = Operation {
            id: d.original_name.clone().unwrap_or_default(),
            title: parts.title.clone(),
            summary: (!parts.summary.is_empty()).then(|| parts.summary.join("\n")),
            method: uri.method.clone(),
            path: uri.path.clone(),
            uri: uri.raw.clone(),
            deprecated: is_deprecated(&d.file, &parts.title),
            origin: Origin {
                file: d.file.clone(),
                table: None,
            },
            parameters: Vec::new(),
            request_body: None,
            responses: Vec::new(),
            examples: Vec::new(),
        };
        let mut bodies = Bodies::default();
        let mut statuses: BTreeMap<String, String> = BTreeMap::new();
        for (n, item) in parts.tables.iter().enumerate() {
            self.place_table(doc, n, item, &uri, &mut op, &mut bodies, &mut statuses);
        }
        self.add_template_params(doc, parts, &uri, &mut op);
        // Body types are named after the title; a Chinese title gives way to the page id
        // (`oms_api_0040 Request Body`), so Rust names stay meaningful.
        let title = match (&d.original_name, parts.title.is_ascii()) {
            (Some(id), false) if id.is_ascii() && !id.is_empty() => {
                id.trim_end_matches(".html").to_string()
            }
            _ => parts.title.clone(),
        };
        if let Some((first, rest)) = bodies.request.split_first() {
            let ty = self.body(
                doc,
                parts,
                *first,
                rest,
                Direction::Request,
                &format!("{title} Request Body"),
                first_type,
            );
            op.request_body = Some(Body { ty });
        } else if let Some(id) = self.prose_body(doc, parts, Role::Request, None) {
            let ty = self.body_type(id, Direction::Request, &format!("{title} Request Body"));
            op.request_body = Some(Body { ty });
        }
        let objects = std::mem::take(&mut bodies.uri_objects);
        self.wrap_in_uri_objects(doc, objects, &mut op);
        let mut responses: BTreeMap<String, Response> = BTreeMap::new();
        for (status, items) in &bodies.responses {
            let name = if status.starts_with(['4', '5']) || status == "default" {
                format!("{title} Error Body")
            } else {
                format!("{title} Response Body")
            };
            if let Some((first, rest)) = items.split_first() {
                let ty = self.body(
                    doc,
                    parts,
                    *first,
                    rest,
                    Direction::Response,
                    &name,
                    first_type,
                );
                responses
                    .entry(status.clone())
                    .or_insert_with(|| empty_response(status))
                    .body = Some(Body { ty });
            }
        }
        if responses.is_empty() {
            for status in prose_statuses(parts) {
                let Some(id) = self.prose_body(doc, parts, Role::Response, status.as_deref())
                else {
                    continue;
                };
                let key = status.unwrap_or_else(|| UNSPLIT.into());
                let name = format!("{title} Response Body");
                let ty = self.body_type(id, Direction::Response, &name);
                responses
                    .entry(key.clone())
                    .or_insert_with(|| empty_response(&key))
                    .body = Some(Body { ty });
            }
        }
        self.bind_prose_fields(doc, parts, first_type);
        self.response_headers(doc, parts, &mut responses);
        resolve_normal_status(&mut responses, &statuses, &parts.normal_codes, "2XX", "2XX");
        resolve_normal_status(
            &mut responses,
            &statuses,
            &parts.normal_codes,
            UNSPLIT,
            "2XX",
        );
        for (code, description) in statuses {
            responses
                .entry(code.clone())
                .or_insert_with(|| empty_response(&code))
                .description = description;
        }
        op.responses = responses.into_values().collect();
        op.examples = examples(parts).into_iter().map(|(e, _)| e).collect();
        Some(op)
    }

    #[allow(clippy::too_many_arguments)]
    fn place_table(
        &mut self,
        doc: usize,
        n: usize,
        item: &TableItem,
        uri: &uri::Uri,
        op: &mut Operation,
        bodies: &mut Bodies,
        statuses: &mut BTreeMap<String, String>,
    ) {
        let id = TableId {
            doc,
            line: item.block.line,
        };
        // A table linked from this page is a nested type. One that only other
        // pages link (or read) is still this page's own body when it is the
        // first body table of its side: checked once its placement is known.
        let from_here = self.linked_from_page(id, doc);
        let taken = self.linked.contains_key(&id) || self.used.contains(&id);
        if from_here {
            return;
        }
        // APIG's method table gave the operation line (read with the page).
        if item.gives_uri {
            self.used.insert(id);
            return;
        }
        let file = self.file(doc);
        let headers = header_texts(item.table);
        let cols = match classify(&headers) {
            TableKind::Parameters(cols) => cols,
            _ if taken => return,
            TableKind::StatusCodes { code, description } => {
                read_statuses(item, code, description, statuses);
                self.used.insert(id);
                return;
            }
            TableKind::ErrorCodes => {
                self.diags.note(
                    &file,
                    item.block.line,
                    "error-codes-table",
                    "error-code table is not modelled",
                );
                self.reported.insert(id);
                return;
            }
            TableKind::Other => {
                self.diags.note(
                    &file,
                    item.block.line,
                    "table-not-parameters",
                    format!(
                        "table with header `{}` holds no parameters; not modelled",
                        headers.join(" | ")
                    ),
                );
                self.reported.insert(id);
                return;
            }
        };
        let mut placed = placement(item);
        if placed == Some(Placement::RequestBody)
            && no_request_body(&uri.method)
            && flat_rows(item.table, &cols)
        {
            // GET and HEAD send no body: a request table that says nothing
            // of its location holds query parameters (EVS `Request filter
            // parameters`, TMS, CSBS and VBS list pages).
            self.diags.note(
                &file,
                item.block.line,
                "request-table-as-query",
                format!(
                    "{} request without a body: its request parameter table is read as query parameters",
                    uri.method
                ),
            );
            placed = Some(Placement::Params(Some(Location::Query)));
        }
        if taken {
            let first_body = match placed {
                Some(Placement::RequestBody) => bodies.request.is_empty(),
                Some(Placement::ResponseBody) => {
                    let status = item.ctx.status.as_deref().unwrap_or(UNSPLIT);
                    bodies.responses.get(status).is_none_or(Vec::is_empty)
                }
                _ => false,
            };
            if !first_body {
                return;
            }
        }
        match placed {
            Some(Placement::Params(loc)) => {
                let objects = self.params(doc, id, &cols, loc, uri, op);
                bodies.uri_objects.extend(objects);
            }
            Some(Placement::RequestBody) => bodies.request.push(n),
            Some(Placement::ResponseBody) => {
                let status = item.ctx.status.clone().unwrap_or_else(|| UNSPLIT.into());
                bodies.responses.entry(status).or_default().push(n);
            }
            // Read once the bodies exist, so that each header table lands on its status.
            Some(Placement::ResponseHeaders) => {}
            None => {
                self.diags.warn(
                    &file,
                    item.block.line,
                    "table-out-of-place",
                    format!(
                        "parameter table in section `{}` belongs to no request or response part",
                        item.ctx.section
                    ),
                );
                self.reported.insert(id);
            }
        }
    }

    /// Path, query and header parameters from one table. Returns the rows that
    /// would be object-typed query parameters of a request with a body: such a
    /// row names the body's wrapper ([`Self::wrap_in_uri_objects`]).
    fn params(
        &mut self,
        doc: usize,
        id: TableId,
        cols: &Columns,
        loc: Option<Location>,
        uri: &uri::Uri,
        op: &mut Operation,
    ) -> Vec<RowData> {
        let mut objects = Vec::new();
        self.used.insert(id);
        let rows = self.read_rows(id, cols, Direction::Request, &op.title);
        let rows = self.dedup_rows(doc, rows);
        let placeholders = uri::path_placeholders(&uri.path);
        let origin = self.origin(id);
        for row in rows {
            let location = row_location(&row, loc, &placeholders);
            if location == Location::Query
                && matches!(uri.method.as_str(), "POST" | "PUT" | "PATCH")
                && matches!(
                    row.ty,
                    TypeRef::Any | TypeRef::Ref { .. } | TypeRef::Map { .. }
                )
            {
                objects.push(row);
                continue;
            }
            let row = RowData {
                ty: string_items(row.ty, location),
                ..row
            };
            if op
                .parameters
                .iter()
                .any(|p| p.name == row.name && p.location == location)
            {
                continue;
            }
            op.parameters.push(to_param(row, location, origin.clone()));
        }
        objects
    }

    /// A URI table's object row on a request with a body (`direct_connect |
    /// Dictionary`, the body tables documenting its contents) is the body's
    /// wrapper: the body becomes `{"direct_connect": {…}}`. Without a body
    /// table, or when the body already has that field, the row stays a query
    /// parameter as documented.
    fn wrap_in_uri_objects(&mut self, doc: usize, rows: Vec<RowData>, op: &mut Operation) {
        let file = self.file(doc);
        let mut wrapped = false;
        for row in rows {
            let body = op.request_body.as_ref().map(|b| b.ty.clone());
            let slot = match &body {
                Some(TypeRef::Ref { id }) => provisional(id).filter(|n| *n < self.types.len()),
                _ => None,
            };
            let fits = !wrapped
                && slot.is_some_and(|n| !self.types[n].1.fields.iter().any(|f| f.name == row.name));
            if let (true, Some(n), Some(TypeRef::Ref { id })) = (fits, slot, &body) {
                self.diags.note(
                    &file,
                    row.line,
                    "uri-row-body-wrapper",
                    format!(
                        "URI table row `{}` is an object on a {} request: read as the body's wrapper {{\"{}\": {{…}}}}, the body tables documenting its contents",
                        row.name, op.method, row.name
                    ),
                );
                let name = self.types[n].1.name.clone();
                let description = row.description.clone();
                let ty = self.wrap_body(n, id, &row.name, &name, description);
                op.request_body = Some(Body { ty });
                wrapped = true;
                continue;
            }
            op.parameters
                .push(to_param(row, Location::Query, op.origin.clone()));
        }
    }

    /// Placeholders of the template that no table documents are still parameters.
    fn add_template_params(
        &mut self,
        doc: usize,
        parts: &PageParts,
        uri: &uri::Uri,
        op: &mut Operation,
    ) {
        let file = self.file(doc);
        let line = parts
            .uri_lines
            .first()
            .map_or(parts.title_line, |(l, _)| *l);
        let origin = Origin {
            file: op.origin.file.clone(),
            table: None,
        };
        for name in uri::path_placeholders(&uri.path) {
            if let Some(p) = op.parameters.iter_mut().find(|p| p.name == name) {
                p.location = Location::Path;
                p.required = true;
                continue;
            }
            self.diags.note(
                &file,
                line,
                "path-param-undocumented",
                format!(
                    "path placeholder `{{{name}}}` has no table row; typed as a required string"
                ),
            );
            op.parameters.push(Parameter {
                name,
                location: Location::Path,
                required: true,
                required_note: None,
                ty: TypeRef::String,
                description: String::new(),
                constraints: Default::default(),
                origin: origin.clone(),
            });
        }
        for name in &uri.query {
            if !op.parameters.iter().any(|p| &p.name == name) {
                op.parameters.push(Parameter {
                    name: name.clone(),
                    location: Location::Query,
                    required: false,
                    required_note: None,
                    ty: TypeRef::String,
                    description: String::new(),
                    constraints: Default::default(),
                    origin: origin.clone(),
                });
            }
        }
    }

    /// The body type from the first table; later tables bind to fields by name or repeat it.
    #[allow(clippy::too_many_arguments)]
    fn body(
        &mut self,
        doc: usize,
        parts: &PageParts,
        first: usize,
        rest: &[usize],
        dir: Direction,
        name: &str,
        first_type: usize,
    ) -> TypeRef {
        let id = TableId {
            doc,
            line: parts.tables[first].block.line,
        };
        let ty = self.body_type(id, dir, name);
        if let [only] = rest {
            let other = TableId {
                doc,
                line: parts.tables[*only].block.line,
            };
            if !self.used.contains(&other)
                && let Some(bound) = self.bare_body_object(doc, parts, other, dir, &ty, name)
            {
                return bound;
            }
        }
        for item in rest.iter().map(|&n| &parts.tables[n]) {
            let other = TableId {
                doc,
                line: item.block.line,
            };
            if self.used.contains(&other) {
                continue;
            }
            let sole = rest.len() == 1;
            self.bind_extra_table(doc, parts, item, other, dir, first_type, &ty, sole);
        }
        self.type_same_named(doc, parts, &ty);
        self.type_open_values_by_example(doc, parts, &ty, dir);
        ty
    }

    /// A body table: a single `-` row, or one whose name is bracketed (`[items]`,
    /// `[Array element]`, `[数组]`: the array itself), means the body is a bare
    /// value, not an object with that key.
    fn body_type(&mut self, id: TableId, dir: Direction, name: &str) -> TypeRef {
        let Some(entry) = self.index.table(id) else {
            return TypeRef::Any;
        };
        let cols = self.columns(id, entry.table).unwrap_or_default();
        let bare = entry.table.rows.len() == 1
            && cols
                .name
                .and_then(|i| entry.table.rows[0].cells.get(i))
                .is_some_and(|c| {
                    let name = c.plain();
                    let name = name.trim();
                    name == "-" || (name.starts_with('[') && name.ends_with(']'))
                });
        if bare {
            self.used.insert(id);
            let rows = self.read_rows(id, &cols, dir, name);
            return rows.into_iter().next().map_or(TypeRef::Any, |r| r.ty);
        }
        let read_before = self.memo.contains_key(&(id, dir))
            && super::objects::type_name(entry.table, "", name) == name;
        let ty = self.object_type(id, dir, "", name);
        // Another page read this table first (a list page's `servers` linking the
        // single-item page's response table): the type is this page's body and
        // takes its name, unless its caption names it.
        if read_before
            && let Some(n) = provisional(&ty)
            && let Some((_, def)) = self.types.get_mut(n)
        {
            def.name = name.to_string();
        }
        TypeRef::Ref { id: ty }
    }

    /// `Parameters in the **volume** field` after the body table: bind it to that
    /// untyped field. `sole`: it is the part's only table after the body.
    #[allow(clippy::too_many_arguments)]
    fn bind_extra_table(
        &mut self,
        doc: usize,
        parts: &PageParts,
        item: &TableItem,
        id: TableId,
        dir: Direction,
        first_type: usize,
        body: &TypeRef,
        sole: bool,
    ) {
        let file = self.file(doc);
        let names = match item
            .table
            .caption
            .as_ref()
            .map(|c| caption_type_names(&c.text))
        {
            Some(names) if !names.is_empty() => names,
            _ => item.ctx.heading_names.iter().cloned().collect(),
        };
        let field = names.first().cloned();
        // Before the copy checks: every status's `error` takes its own copy.
        if sole
            && let Some(name) = &field
            && !self.names_a_field(first_type, name)
            && self.bind_sole_object(doc, parts, id, dir, body, name)
        {
            return;
        }
        if let Some(field) = &field {
            match self.find_field(first_type, field) {
                Some((t, f, true)) => {
                    let nested = self.object_type(id, dir, field, "");
                    let ty = &mut self.types[t].1.fields[f].ty;
                    *ty = replace_any(ty, &nested);
                    // A caption naming two fields (`edgesetPath和vertexsetPath属性列表`)
                    // types both.
                    for other in &names[1..] {
                        if let Some((t, f, true)) = self.find_field(first_type, other) {
                            let ty = &mut self.types[t].1.fields[f].ty;
                            *ty = replace_any(ty, &nested);
                        }
                    }
                    return;
                }
                Some((t, f, false))
                    if self.bind_field_variant(doc, item.block.line, id, dir, field, (t, f)) =>
                {
                    return;
                }
                Some((_, _, false)) => {
                    self.diags.note(&file, item.block.line, "table-shadowed", format!("field `{field}` already links a table (often on another page); this copy is not read"));
                    self.reported.insert(id);
                    return;
                }
                None => {}
            }
        }
        if self.same_as_used_table(doc, item) {
            self.used.insert(id);
            return;
        }
        if self.bind_body_variant(doc, item.block.line, id, dir, body) {
            return;
        }
        if let Some(field) = &field
            && self.field_by_example(doc, parts, item, id, dir, body, field)
        {
            return;
        }
        // Only once nothing else claims the table: an example says which field it is.
        if self.type_by_example_keys(doc, parts, id, dir, first_type) {
            return;
        }
        let what = field.map_or(String::new(), |f| format!(" (names `{f}`)"));
        self.diags.warn(
            &file,
            item.block.line,
            "table-unbound",
            format!("second body table{what} is linked from no field; not modelled"),
        );
        self.reported.insert(id);
    }

    /// A field with the given name among the types created for this page, untyped ones first:
    /// (type, field, whether it is untyped).
    pub(super) fn find_field(&self, first_type: usize, name: &str) -> Option<(usize, usize, bool)> {
        let lower = field_key(name);
        let find = |untyped: bool| {
            (first_type..self.types.len()).find_map(|t| {
                self.types[t]
                    .1
                    .fields
                    .iter()
                    .position(|f| f.name.to_lowercase() == lower && leaf_is_any(&f.ty) == untyped)
                    .map(|f| (t, f, untyped))
            })
        };
        // A field already typed by a table of that name (`fixed_ips: Array of fixed_ip`,
        // linked to another page) makes this table a copy.
        let typed_as = || {
            (first_type..self.types.len()).find_map(|t| {
                self.types[t]
                    .1
                    .fields
                    .iter()
                    .position(|f| match leaf(&f.ty) {
                        TypeRef::Ref { id } => self
                            .type_name(id)
                            .is_some_and(|n| n.to_lowercase() == lower),
                        _ => false,
                    })
                    .map(|f| (t, f, false))
            })
        };
        find(true)
            .or_else(|| {
                find(false).filter(|&(t, f, _)| {
                    matches!(leaf(&self.types[t].1.fields[f].ty), TypeRef::Ref { .. })
                })
            })
            .or_else(typed_as)
    }

    /// Whether a type created for this page has a field called `name`.
    fn names_a_field(&self, first_type: usize, name: &str) -> bool {
        let lower = field_key(name);
        (self.types[first_type.min(self.types.len())..].iter())
            .any(|(_, def)| def.fields.iter().any(|f| f.name.to_lowercase() == lower))
    }

    /// The docs name of a type by its provisional id (`#n`).
    fn type_name(&self, id: &str) -> Option<&str> {
        self.types
            .get(provisional(id)?)
            .map(|(_, d)| d.name.as_str())
    }

    /// Repeated tables (the error body under every status, a Kubernetes page's
    /// object tables under 200, 201 and 202) are used by their first copy. A copy
    /// under the same caption whose descriptions drifted (a full stop more or
    /// less) is still a copy: every other cell must match. Without a caption the
    /// descriptions are all that tell two one-row tables apart (`id`: the
    /// listener's, the pool's).
    fn same_as_used_table(&self, doc: usize, item: &TableItem) -> bool {
        let id = TableId {
            doc,
            line: item.block.line,
        };
        let description = self.columns(id, item.table).and_then(|c| c.description);
        let caption = |t: &crate::doc::Table| t.caption.as_ref().map(|c| plain_text(&c.text));
        self.used.iter().filter(|u| u.doc == doc).any(|u| {
            self.index.table(*u).is_some_and(|e| {
                let named_alike = caption(item.table)
                    .is_some_and(|c| !c.trim().is_empty() && Some(&c) == caption(e.table).as_ref());
                let skip = description.filter(|_| named_alike);
                same_text(&e.table.header, &item.table.header, None)
                    && same_text(&e.table.rows, &item.table.rows, skip)
            })
        })
    }

    /// Header tables in response sections, attached to the status they sit under.
    fn response_headers(
        &mut self,
        doc: usize,
        parts: &PageParts,
        responses: &mut BTreeMap<String, Response>,
    ) {
        for item in &parts.tables {
            let id = TableId {
                doc,
                line: item.block.line,
            };
            if self.used.contains(&id)
                || self.reported.contains(&id)
                || self.linked.contains_key(&id)
            {
                continue;
            }
            if placement(item) != Some(Placement::ResponseHeaders) {
                continue;
            }
            let Some(cols) = self.columns(id, item.table) else {
                continue;
            };
            self.used.insert(id);
            let status = item.ctx.status.clone().unwrap_or_else(|| UNSPLIT.into());
            let rows = self.read_rows(id, &cols, Direction::Response, "");
            let origin = self.origin(id);
            let resp = responses
                .entry(status.clone())
                .or_insert_with(|| empty_response(&status));
            for row in rows {
                resp.headers.push(to_param(
                    RowData {
                        mandatory: super::columns::Mandatory {
                            required: false,
                            note: None,
                            says_query: false,
                        },
                        ..row
                    },
                    Location::Header,
                    origin.clone(),
                ));
            }
        }
    }
}

/// The statuses under which response prose links sit, in page order, once each.
fn prose_statuses(parts: &PageParts) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = Vec::new();
    for l in parts
        .prose_links
        .iter()
        .filter(|l| l.ctx.role == Role::Response)
    {
        if !out.contains(&l.ctx.status) {
            out.push(l.ctx.status.clone());
        }
    }
    out
}

/// Methods whose requests carry no body.
fn no_request_body(method: &str) -> bool {
    matches!(method, "GET" | "HEAD")
}

/// Every row's type cell is a scalar or an array of scalars (or a bare
/// `Array`): the rows can be query parameters. An object, map or untyped row
/// keeps the table a body.
fn flat_rows(table: &crate::doc::Table, cols: &Columns) -> bool {
    let Some(ty) = cols.ty else {
        return false;
    };
    !table.rows.is_empty()
        && table.rows.iter().all(|row| {
            let text = row.cells.get(ty).map(|c| c.plain()).unwrap_or_default();
            match type_cell::parse(&text) {
                Some(type_cell::Shape::Scalar(_)) => true,
                // A bare `Array` in a query is an array of strings (`string_items`).
                Some(type_cell::Shape::Array(items)) => match *items {
                    type_cell::Shape::Scalar(_) => true,
                    type_cell::Shape::Untyped => {
                        matches!(text.trim().to_ascii_lowercase().as_str(), "array" | "list")
                    }
                    _ => false,
                },
                _ => false,
            }
        })
}

/// Decides where a parameter table's rows go from its section, caption and heading.
fn placement(item: &TableItem) -> Option<Placement> {
    let caption = item
        .table
        .caption
        .as_ref()
        .map(|c| crate::doc::plain_text(&c.text))
        .unwrap_or_default();
    let hint = format!("{} {}", caption, item.ctx.heading.as_deref().unwrap_or("")).to_lowercase();
    let says = |w: &str| hint.contains(w);
    let loc = if says("header") || says("请求头") || says("消息头") {
        Some(Location::Header)
    } else if says("query") || says("查询参数") {
        Some(Location::Query)
    } else if says("path") || says("uri") || says("路径参数") {
        Some(Location::Path)
    } else {
        None
    };
    match item.ctx.role {
        Role::Uri => Some(Placement::Params(loc.or(Some(Location::Path)))),
        Role::Request => match loc {
            Some(l) => Some(Placement::Params(Some(l))),
            None => Some(Placement::RequestBody),
        },
        Role::Response => match loc {
            Some(Location::Header) => Some(Placement::ResponseHeaders),
            _ => Some(Placement::ResponseBody),
        },
        _ => None,
    }
}

/// A URI-table row is a path parameter when its name is a placeholder, else a query parameter.
fn row_location(row: &RowData, table_loc: Option<Location>, placeholders: &[String]) -> Location {
    if let Some(l) = row.location.as_deref() {
        if l.contains("path") {
            return Location::Path;
        }
        if l.contains("query") {
            return Location::Query;
        }
        if l.contains("header") {
            return Location::Header;
        }
    }
    if placeholders.iter().any(|p| p == &row.name) {
        return Location::Path;
    }
    // `X-Auth-Token` or `Content-Type` in a URI or query table is a header.
    let name = row.name.to_ascii_lowercase();
    if name.starts_with("x-") || name == "content-type" {
        return Location::Header;
    }
    match table_loc {
        Some(Location::Header) => Location::Header,
        Some(Location::Query) => Location::Query,
        _ => Location::Query,
    }
}

/// A query or header string carries strings: an `Array` parameter without an
/// element type is an array of strings (the SDKs' `list[str]`).
fn string_items(ty: TypeRef, location: Location) -> TypeRef {
    match ty {
        TypeRef::Array { items } if *items == TypeRef::Any && location != Location::Path => {
            TypeRef::Array {
                items: Box::new(TypeRef::String),
            }
        }
        ty => ty,
    }
}

fn to_param(row: RowData, location: Location, origin: Origin) -> Parameter {
    let required = location == Location::Path || row.mandatory.required;
    Parameter {
        name: row.name,
        location,
        required,
        required_note: row
            .mandatory
            .note
            .filter(|n| !n.eq_ignore_ascii_case("(query parameter)")),
        ty: row.ty,
        description: row.description,
        constraints: row.constraints,
        origin,
    }
}

fn read_statuses(
    item: &TableItem,
    code: usize,
    description: Option<usize>,
    out: &mut BTreeMap<String, String>,
) {
    for row in &item.table.rows {
        let text = row.cells.get(code).map(Cell::plain).unwrap_or_default();
        let digits: String = text
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.len() != 3 {
            continue;
        }
        let desc = description
            .and_then(|i| row.cells.get(i))
            .map(Cell::plain)
            .unwrap_or_default();
        let rest = text.trim()[3..].trim();
        let desc = if desc.trim().is_empty() {
            rest.to_string()
        } else {
            desc.trim().to_string()
        };
        out.entry(digits).or_insert(desc);
    }
}

/// Response parts under no status line: the success response when the page documents
/// one success code, else `default`.
const UNSPLIT: &str = "";

/// A `2XX` body (from a `Normal response` heading) or an unsplit one (key [`UNSPLIT`])
/// takes the documented success code when there is exactly one, else `fallback`.
fn resolve_normal_status(
    responses: &mut BTreeMap<String, Response>,
    statuses: &BTreeMap<String, String>,
    normal: &[String],
    key: &str,
    fallback: &str,
) {
    let Some(resp) = responses.remove(key) else {
        return;
    };
    let mut success: Vec<&String> = normal.iter().collect();
    if success.is_empty() {
        success = statuses.keys().filter(|c| c.starts_with('2')).collect();
    }
    let status = match success.as_slice() {
        [one] => (*one).clone(),
        _ => fallback.to_string(),
    };
    let slot = responses
        .entry(status.clone())
        .or_insert_with(|| empty_response(&status));
    if slot.body.is_none() {
        slot.body = resp.body;
    }
    slot.headers.extend(resp.headers);
}

fn empty_response(status: &str) -> Response {
    Response {
        status: status.to_string(),
        description: String::new(),
        body: None,
        headers: Vec::new(),
    }
}

/// Code blocks under example headings, with their side and status.
/// The code block line of each example [`examples`] takes from the page, in order.
pub(super) fn example_lines(parts: &PageParts) -> Vec<u32> {
    examples(parts).into_iter().map(|(_, line)| line).collect()
}

/// The page's examples, each with its code block's line.
pub(super) fn examples(parts: &PageParts) -> Vec<(Example, u32)> {
    let mut out = Vec::new();
    for code in &parts.code {
        let heading_role = code
            .ctx
            .heading
            .as_deref()
            .and_then(super::page::classify_heading);
        // A heading that names the side wins; a generic `Example …` heading keeps the section's side.
        let role = match (heading_role, code.ctx.role) {
            (Some(r @ (Role::ExampleRequest | Role::ExampleResponse)), _) => r,
            (Some(Role::Example), r @ (Role::ExampleRequest | Role::ExampleResponse)) => r,
            (Some(Role::Example), _) => Role::Example,
            (_, r) => r,
        };
        // `HTTP/1.1 404 Not Found` opening the block: a response, with that status.
        let status_line = super::examples::status_line(code.text);
        let kind = match role {
            _ if status_line.is_some() => ExampleKind::Response,
            Role::ExampleRequest => ExampleKind::Request,
            Role::ExampleResponse => ExampleKind::Response,
            Role::Example => {
                if uri::parse_method_line(code.text.lines().next().unwrap_or("")).is_some() {
                    ExampleKind::Request
                } else {
                    ExampleKind::Response
                }
            }
            _ => continue,
        };
        let example = Example {
            kind,
            // A block that opens with a status line belongs to that status.
            status: if kind == ExampleKind::Response {
                status_line.or_else(|| code.ctx.status.clone())
            } else {
                None
            },
            title: code.ctx.heading.clone().unwrap_or_default(),
            text: code.text.to_string(),
        };
        out.push((example, code.line));
    }
    out
}

/// A page whose URI section gives no `METHOD /path` line but whose example
/// request opens with one: the operation's line is the example's.
fn uri_from_example_request(parts: &PageParts) -> Option<uri::Uri> {
    if !parts.has_uri_section {
        return None;
    }
    parts
        .code
        .iter()
        .filter(|c| c.ctx.role == Role::ExampleRequest)
        .find_map(|c| {
            let first = c.text.lines().map(str::trim).find(|l| !l.is_empty())?;
            uri::parse_method_line(first)
        })
}

fn is_deprecated(file: &str, title: &str) -> bool {
    let f = file.to_lowercase();
    let t = title.to_lowercase();
    [
        "out-of-date",
        "unrecommended",
        "to_be_discarded",
        "outdated",
        "unavailable_soon",
        "historical",
        "deprecated",
        "discarded",
    ]
    .iter()
    .any(|w| f.contains(w))
        || t.contains("discarded")
        || t.contains("deprecated")
}

/// How a caption's name is matched to field names: `token.project.domain`
/// names the `domain` field of a nested type; case does not matter.
fn field_key(name: &str) -> String {
    name.rsplit('.').next().unwrap_or(name).to_lowercase()
}

fn leaf_is_any(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Any => true,
        TypeRef::Array { items } => leaf_is_any(items),
        TypeRef::Map { values } => leaf_is_any(values),
        _ => false,
    }
}

pub(super) fn leaf(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Array { items } => leaf(items),
        TypeRef::Map { values } => leaf(values),
        other => other,
    }
}

pub(super) fn replace_any(ty: &TypeRef, id: &str) -> TypeRef {
    match ty {
        TypeRef::Any => TypeRef::Ref { id: id.to_string() },
        TypeRef::Array { items } => TypeRef::Array {
            items: Box::new(replace_any(items, id)),
        },
        TypeRef::Map { values } => TypeRef::Map {
            values: Box::new(replace_any(values, id)),
        },
        other => other.clone(),
    }
}

/// `Object` or a list of them, not a map (whose values a table of fields would
/// not describe): a field a table may still type.
pub(super) fn untyped_object(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Any => true,
        TypeRef::Array { items } => untyped_object(items),
        _ => false,
    }
}

/// An untyped `ty` typed by the object `id`; a bare `Any` that the example
/// shows as a list (`listed`) becomes a list of it.
pub(super) fn typed_by(ty: &TypeRef, id: &str, listed: bool) -> TypeRef {
    match (listed, ty) {
        (true, TypeRef::Any) => TypeRef::Array {
            items: Box::new(TypeRef::Ref { id: id.to_string() }),
        },
        _ => replace_any(ty, id),
    }
}

/// Rows with the same cell text, but for column `skip` (cells and rows carry their
/// own source lines, so two copies of one table never compare equal as values).
fn same_text(a: &[crate::doc::Row], b: &[crate::doc::Row], skip: Option<usize>) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.cells.len() == y.cells.len()
                && (x.cells.iter().zip(&y.cells).enumerate())
                    .all(|(i, (c, d))| Some(i) == skip || c.plain() == d.plain())
        })
}

/// Operation ids: `:original_name:` without `.html` when it is an identifier, else
/// the page path; duplicates get a numeric suffix in page order and a diagnostic.
pub(super) fn assign_ids(ops: &mut [Operation], diags: &mut Diagnostics, display_root: &str) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for op in ops.iter_mut() {
        let original = op.id.trim().trim_end_matches(".html").to_string();
        let mut id = if is_identifier(&original) {
            original
        } else if op.origin.file.is_ascii() {
            id_from_path(&op.origin.file)
        } else {
            // Chinese page names: the anchor made an identifier (`ZH-CN_TOPIC_1` → `ZH_CN_TOPIC_1`),
            // else a stable hash of the path.
            let cleaned = sanitise(&original);
            if is_identifier(&cleaned) {
                cleaned
            } else {
                format!("page_{:08x}", fnv1a(&op.origin.file))
            }
        };
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let file = format!("{}/{}", display_root.trim_end_matches('/'), op.origin.file);
            diags.warn(
                &file,
                1,
                "operation-id-duplicate",
                format!("operation id `{id}` is already used; this page gets `{id}_{n}`"),
            );
            id = format!("{id}_{n}");
        }
        op.id = id;
    }
}

fn sanitise(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    mapped.trim_matches('_').to_string()
}

/// 32-bit FNV-1a: a stable, platform-independent hash for derived ids.
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `api/backups/creating_a_backup.rst` → `api_backups_creating_a_backup`.
fn id_from_path(file: &str) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let mut id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert(0, 'p');
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_identifier("drs_03_0104"));
        assert!(is_identifier("CreateMigrationTask"));
        assert!(!is_identifier("dcs-api-0312045"));
        assert_eq!(
            id_from_path("api/x/creating_a_backup.rst"),
            "api_x_creating_a_backup"
        );
    }

    #[test]
    fn status_lines_in_examples() {
        assert_eq!(
            super::super::examples::status_line("HTTP/1.1 404 Not Found\n\n{}").as_deref(),
            Some("404")
        );
        assert_eq!(
            super::super::examples::status_line("\n  HTTP/2 200\n").as_deref(),
            Some("200")
        );
        assert_eq!(super::super::examples::status_line("{\"a\": 1}"), None);
        assert_eq!(super::super::examples::status_line("HTTP/1.1 4040"), None);
        assert_eq!(
            super::super::examples::status_line("GET /v1/x HTTP/1.1"),
            None
        );
    }

    #[test]
    fn deprecated_paths() {
        assert!(is_deprecated("out-of-date_apis/api_v2/x.rst", "Creating"));
        assert!(is_deprecated("api/x.rst", "Querying Quotas (Discarded)"));
        assert!(!is_deprecated("api/x.rst", "Creating"));
    }
}
