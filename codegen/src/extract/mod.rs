//! Extraction: the document models of one service's pages → its [`ServiceSpec`].
//!
//! Pages are read in path order; every table on an operation page ends up
//! either used (parameters, a body, a nested type, status codes) or reported
//! by a located diagnostic.

pub mod char_sets;
mod columns;
mod constraints;
mod dedup;
pub mod depth;
mod example_fields;
pub mod example_json;
pub mod examples;
mod flat_members;
mod item_counts;
mod label_layout;
mod labels;
mod objects;
mod one_sided;
mod open_values;
mod operation;
mod page;
mod patterns;
mod placeholder_maps;
mod prose;
mod reach;
mod same_name;
mod sole_object;
mod type_cell;
mod unread;
pub mod uri;
mod value_lists;
mod variants;
mod words;
mod workflow;
mod wrappers;

use crate::diag::Diagnostics;
use crate::doc::Document;
use crate::spec::{Operation, SPEC_VERSION, ServiceSpec, TypeDef, Unsupported};
use labels::{LabelIndex, TableId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// Which side of the wire a type describes: response fields are never required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    Request,
    Response,
}

impl Direction {
    /// The side of the examples that show this direction's bodies.
    pub(crate) fn example_kind(self) -> crate::spec::ExampleKind {
        match self {
            Direction::Request => crate::spec::ExampleKind::Request,
            Direction::Response => crate::spec::ExampleKind::Response,
        }
    }
}

/// Counts for the corpus test and the report.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub pages: usize,
    /// Pages with a URI line (method and path).
    pub operation_pages: usize,
    pub operations: usize,
    pub tables_on_operation_pages: usize,
    pub tables_used: usize,
    pub tables_reported: usize,
    pub rows: usize,
    /// Fields over all object types of the spec (after merging identical types).
    pub fields: usize,
    pub types: usize,
    pub examples: usize,
    /// Examples taken from workflow pages and attached to the operation they show.
    pub workflow_examples: usize,
    pub unresolved_refs: usize,
    pub unsupported_pages: usize,
    /// Fields (of the merged types) and parameters (of operations and response
    /// headers) with any documented constraint, then by kind.
    pub constrained: usize,
    pub ranges: usize,
    pub lengths: usize,
    pub enums: usize,
    pub defaults: usize,
    /// With an item count (`min_items`/`max_items`).
    pub items: usize,
    /// With a pattern.
    pub patterns: usize,
    /// Of `enums`, those with a meaning for some value.
    pub enum_descriptions: usize,
    /// Fields and parameters whose description still states a limit in a form
    /// not read (see `extract::unread`), then by kind.
    pub unread_limits: usize,
    pub unread_ranges: usize,
    pub unread_lengths: usize,
    pub unread_enums: usize,
    pub unread_defaults: usize,
    pub unread_items: usize,
    /// Examples the lenient JSON reader recovered a value from.
    pub examples_parsed: usize,
    /// Of `examples_parsed`, those with a body type and no finding (see `extract::examples`).
    pub examples_round_tripped: usize,
    /// Findings (unknown field, wrong type, missing required field) over all examples.
    pub example_findings: usize,
    /// Examples that are not JSON (XML, prose, curl, a request line without body).
    pub examples_not_json: usize,
    /// Of `examples_parsed`, those with no body type to check against.
    pub examples_untargeted: usize,
    /// Every documentation finding about an example, in check order (`codegen lint`).
    pub doc_findings: Vec<examples::DocFinding>,
}

/// Extracts one service. `display_root` prefixes page paths in diagnostics.
pub fn extract_service(
    service: &str,
    cloud: &str,
    display_root: &str,
    docs: &[Document],
) -> (ServiceSpec, Stats, Diagnostics) {
    let pages: Vec<page::PageParts> = docs.iter().map(page::walk).collect();
    let mut ex = Extractor::new(docs, display_root, &pages);
    ex.stats.pages = docs.len();
    let mut operations = Vec::new();
    let mut unsupported = Vec::new();
    let mut op_pages = Vec::new();
    let mut other_pages = Vec::new();
    // The code block of each example, parallel to `operations` (the spec keeps no lines).
    let mut example_sources: Vec<Vec<examples::Source>> = Vec::new();
    for (i, (doc, parts)) in docs.iter().zip(pages).enumerate() {
        match ex.operation(i, &parts) {
            Some(op) => {
                let lines = operation::example_lines(&parts);
                example_sources.push(examples::Source::all(i, lines));
                op_pages.push((i, parts));
                operations.push(op);
            }
            None => {
                if let Some(reason) = ex.unsupported_reason(i, &parts) {
                    unsupported.push(Unsupported {
                        file: doc.file.clone(),
                        reason,
                    });
                }
                other_pages.push((i, parts));
            }
        }
    }
    let keys = workflow::op_keys(&operations);
    for (i, parts) in &other_pages {
        let attached = workflow::attach(&docs[*i], parts, &mut operations, &keys);
        ex.stats.workflow_examples += attached.len();
        for (op, line) in attached {
            example_sources[op].push(examples::Source { doc: *i, line });
        }
    }
    ex.stats.operation_pages = op_pages.len();
    ex.stats.operations = operations.len();
    ex.stats.unsupported_pages = unsupported.len();
    operation::assign_ids(&mut operations, &mut ex.diags, display_root);
    for (op, sources) in operations.iter_mut().zip(&example_sources) {
        ex.reconcile_wrappers(op, sources);
        ex.nest_flat_members(op, sources);
    }
    ex.drop_unreachable(&operations);
    for (i, parts) in &op_pages {
        ex.account_tables(*i, parts);
    }
    ex.apply_placeholder_maps(&mut operations);
    let (mut types, renames) = dedup::finish(std::mem::take(&mut ex.types));
    depth::bound(&mut types, display_root, &mut ex.diags);
    for op in &mut operations {
        dedup::rename_operation(op, &renames);
    }
    for (op, sources) in operations.iter().zip(&example_sources) {
        ex.check_examples(op, sources, &types);
    }
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    ex.stats.types = types.len();
    ex.stats.fields = types.values().map(|t| t.fields.len()).sum();
    ex.stats.examples = operations.iter().map(|o| o.examples.len()).sum();
    count_constraints(&mut ex.stats, &operations, &types);
    let spec = ServiceSpec {
        spec_version: SPEC_VERSION,
        service: service.to_string(),
        cloud: cloud.to_string(),
        operations,
        types,
        unsupported,
        provenance: None,
    };
    (spec, ex.stats, ex.diags)
}

impl Extractor<'_> {
    /// Where the type in `slot` was read: the page and line of its table,
    /// else line 1 of page `doc` (for notes about the type's fields).
    fn slot_location(&self, slot: usize, doc: usize) -> (usize, u32) {
        let slot_id = format!("#{slot}");
        (self.memo.iter())
            .find(|(_, v)| **v == slot_id)
            .map_or((doc, 1), |((t, _), _)| (t.doc, t.line))
    }
}

/// The slot of a provisional type id (`#12` → 12) in `Extractor::types`;
/// final ids are given only when the service's types are finished.
fn provisional(id: &str) -> Option<usize> {
    id.strip_prefix('#')?.parse().ok()
}

/// A page path as shown in diagnostics: below `display_root` when there is one.
fn shown_path(display_root: &str, rel: &str) -> Rc<str> {
    if display_root.is_empty() {
        Rc::from(rel)
    } else {
        Rc::from(format!("{}/{}", display_root.trim_end_matches('/'), rel))
    }
}

/// Counts the fields and parameters with constraints, in total and by kind.
fn count_constraints(
    stats: &mut Stats,
    operations: &[Operation],
    types: &BTreeMap<String, TypeDef>,
) {
    let fields = types
        .values()
        .flat_map(|t| &t.fields)
        .map(|f| (&f.description, &f.ty, &f.constraints));
    let params = operations
        .iter()
        .flat_map(|o| {
            o.parameters
                .iter()
                .chain(o.responses.iter().flat_map(|r| &r.headers))
        })
        .map(|p| (&p.description, &p.ty, &p.constraints));
    for (description, ty, c) in fields.chain(params) {
        stats.constrained += usize::from(!c.is_empty());
        stats.ranges += usize::from(c.has_range());
        stats.lengths += usize::from(c.has_length());
        stats.enums += usize::from(!c.values.is_empty());
        stats.defaults += usize::from(c.default.is_some());
        stats.items += usize::from(c.has_items());
        stats.patterns += usize::from(c.pattern.is_some());
        stats.enum_descriptions += usize::from(!c.enum_descriptions.is_empty());
        let u = unread::unread(description, ty, c);
        stats.unread_limits += usize::from(u.any());
        stats.unread_ranges += usize::from(u.range);
        stats.unread_lengths += usize::from(u.length);
        stats.unread_enums += usize::from(u.values);
        stats.unread_defaults += usize::from(u.default);
        stats.unread_items += usize::from(u.items);
    }
}

/// The state of one service's extraction.
pub(crate) struct Extractor<'a> {
    docs: &'a [Document],
    /// Each page's path as shown in diagnostics, made once: it is asked for per table.
    shown: Vec<Rc<str>>,
    index: LabelIndex<'a>,
    diags: Diagnostics,
    stats: Stats,
    /// Object types in creation order, keyed by provisional id (`#n`).
    types: Vec<(String, TypeDef)>,
    memo: BTreeMap<(TableId, Direction), String>,
    /// Tables consumed (parameters, bodies, nested types, status codes).
    used: BTreeSet<TableId>,
    /// Tables reported by a diagnostic.
    reported: BTreeSet<TableId>,
    /// Tables linked from some parameter table, with the tables linking them:
    /// nested types, not top-level bodies (unless only other pages link them,
    /// or only the table's own nested types link back to it).
    linked: BTreeMap<TableId, BTreeSet<TableId>>,
    /// Provisional ids of types whose one row names a placeholder key
    /// (`placeholder_maps`): read as maps once the tables are accounted for.
    placeholder_maps: Vec<String>,
    /// [`Self::linked`] the other way round: the tables each table links.
    links_out: BTreeMap<TableId, Vec<TableId>>,
    /// Each indexed table's parameter columns, classified once (they are
    /// asked for several times per table).
    columns: BTreeMap<TableId, Option<columns::Columns>>,
    /// The objects the current page's examples show under each key, read once
    /// per page (asked per unbound table and per body with untyped fields).
    shown_keys: Option<(usize, Rc<example_fields::ShownKeys>)>,
}

impl<'a> Extractor<'a> {
    fn new(docs: &'a [Document], display_root: &str, pages: &[page::PageParts]) -> Self {
        let mut index = LabelIndex::build(docs);
        for (doc, parts) in pages.iter().enumerate() {
            for item in &parts.tables {
                let id = TableId {
                    doc,
                    line: item.block.line,
                };
                if let Some(name) = &item.ctx.heading_names {
                    index.add_heading_name(id, name);
                }
                // A caption naming a type (`JobParam data structure description`)
                // is found by that name, like a heading before the table.
                let caption = item.table.caption.as_ref();
                for name in caption.map_or_else(Vec::new, |c| objects::caption_type_names(&c.text))
                {
                    index.add_heading_name(id, &name);
                }
            }
        }
        let mut ex = Extractor {
            docs,
            shown: docs
                .iter()
                .map(|d| shown_path(display_root, &d.file))
                .collect(),
            index,
            diags: Diagnostics::default(),
            stats: Stats::default(),
            types: Vec::new(),
            memo: BTreeMap::new(),
            used: BTreeSet::new(),
            reported: BTreeSet::new(),
            linked: BTreeMap::new(),
            links_out: BTreeMap::new(),
            placeholder_maps: Vec::new(),
            columns: BTreeMap::new(),
            shown_keys: None,
        };
        ex.columns = ex
            .index
            .tables()
            .map(|(id, entry)| (*id, objects::parameter_columns(entry.table)))
            .collect();
        ex.linked = ex.linked_tables();
        for (to, sources) in &ex.linked {
            for from in sources {
                ex.links_out.entry(*from).or_default().push(*to);
            }
        }
        ex
    }

    /// The parameter columns of table `id` (`table` itself when the index
    /// holds another table under that id).
    fn columns(&self, id: TableId, table: &crate::doc::Table) -> Option<columns::Columns> {
        match (self.index.table(id), self.columns.get(&id)) {
            (Some(entry), Some(cols)) if std::ptr::eq(entry.table, table) => cols.clone(),
            _ => objects::parameter_columns(table),
        }
    }

    /// The path shown in diagnostics.
    fn file(&self, doc: usize) -> Rc<str> {
        self.shown.get(doc).cloned().unwrap_or_else(|| Rc::from(""))
    }

    /// Every table that a parameter table links to (by `:ref:`, anchor, `see Table N` or caption name).
    /// Only rows whose type can be an object link types: a link in the description of a
    /// `String` row ("when `task_type` in Table 2 is …") points back at prose, not at a type.
    fn linked_tables(&self) -> BTreeMap<TableId, BTreeSet<TableId>> {
        let mut linked: BTreeMap<TableId, BTreeSet<TableId>> = BTreeMap::new();
        for (id, entry) in self.index.tables() {
            let Some(Some(cols)) = self.columns.get(id) else {
                continue;
            };
            for row in &entry.table.rows {
                let shape = cols
                    .ty
                    .and_then(|i| row.cells.get(i))
                    .map(|c| type_cell::parse(&c.plain()).map(|s| s.leaf().clone()));
                let linkable = match &shape {
                    None => true,
                    Some(Some(type_cell::Shape::Scalar(_))) => false,
                    Some(_) => true,
                };
                if !linkable {
                    continue;
                }
                // The same order binding uses: the first table link of the Type, Description, then name cell.
                let link_in = |cells: &[Option<usize>]| {
                    cells
                        .iter()
                        .flatten()
                        .filter_map(|&i| row.cells.get(i))
                        .flat_map(|c| c.inlines())
                        .find_map(|inline| match inline {
                            crate::doc::Inline::Ref { target, .. } => {
                                match self.index.resolve(id.doc, target) {
                                    Some(labels::Target::Table(t)) => Some(t),
                                    _ => None,
                                }
                            }
                            _ => None,
                        })
                };
                let from_type = link_in(&[cols.ty]);
                let in_type_cell = from_type.is_some();
                let first = from_type.or_else(|| link_in(&[cols.description, cols.name]));
                let (type_name, by_name) = match &shape {
                    Some(Some(type_cell::Shape::Named(n))) => {
                        (Some(n), self.index.by_name_after(id.doc, n, row.line))
                    }
                    _ => (None, None),
                };
                // A self-link or a misdirected description link means another
                // table, as binding reads it (`Extractor::link_redirect`).
                let field = cols.name.and_then(|i| row.cells.get(i)).map(|c| c.plain());
                let first = match (first, type_name) {
                    (Some(t), Some(n)) => self
                        .link_redirect(
                            id.doc,
                            row,
                            t,
                            n,
                            field.as_deref().unwrap_or(""),
                            in_type_cell,
                        )
                        .map_or(Some(t), |(to, _)| Some(to)),
                    (first, _) => first,
                };
                if let Some(t) = first.or(by_name)
                    && t != *id
                {
                    linked.entry(t).or_default().insert(*id);
                }
            }
        }
        linked
    }

    /// Whether a table of page `doc` other than `id`'s own nested types links
    /// `id`. A job's `status.subJobs` linking back to the job table (CCE
    /// *Reading Job Progress*) is a recursive type, not a sign that the job
    /// table is nested: only a link from outside the table's own tree counts.
    fn linked_from_page(&self, id: TableId, doc: usize) -> bool {
        let Some(sources) = self.linked.get(&id) else {
            return false;
        };
        let mut on_page = sources.iter().filter(|s| s.doc == doc).peekable();
        if on_page.peek().is_none() {
            return false;
        }
        let below = self.nested_tables(id);
        on_page.any(|s| !below.contains(s))
    }

    /// The tables `id` links, directly or through its nested tables.
    fn nested_tables(&self, id: TableId) -> BTreeSet<TableId> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![id];
        while let Some(t) = todo.pop() {
            for child in self.links_out.get(&t).into_iter().flatten() {
                if seen.insert(*child) {
                    todo.push(*child);
                }
            }
        }
        seen
    }

    /// Every table of an operation page is used or reported; anything else gets reported now.
    fn account_tables(&mut self, doc: usize, parts: &page::PageParts) {
        for item in &parts.tables {
            let id = TableId {
                doc,
                line: item.block.line,
            };
            self.stats.tables_on_operation_pages += 1;
            if self.used.contains(&id) {
                self.stats.tables_used += 1;
                continue;
            }
            if !self.reported.contains(&id) {
                let file = self.file(doc);
                let what = if self.linked.contains_key(&id) {
                    "is linked only from tables that were not read".to_string()
                } else {
                    format!("in section `{}` was not read", item.ctx.section)
                };
                self.diags.warn(
                    &file,
                    item.block.line,
                    "table-unused",
                    format!("table `{}` {what}", table_label(item.table, item.block)),
                );
                self.reported.insert(id);
            }
            self.stats.tables_reported += 1;
        }
    }

    /// Pages that document an operation in a form we do not model.
    fn unsupported_reason(&mut self, doc: usize, parts: &page::PageParts) -> Option<String> {
        let s3 = parts.section_titles.iter().any(|t| t == "request syntax");
        if !s3 {
            return None;
        }
        let file = self.file(doc);
        self.diags.note(
            &file,
            parts.title_line,
            "page-unsupported",
            "S3-style page (Request Syntax, XML bodies) is not modelled",
        );
        Some("S3-style page: method and path only in a `Request Syntax` block, XML bodies".into())
    }
}

/// A short human name for a table in diagnostics.
fn table_label(table: &crate::doc::Table, block: &crate::doc::Block) -> String {
    let name = objects::table_origin_name(table, &block.labels);
    if name.is_empty() {
        objects::header_texts(table).join(" | ")
    } else {
        name
    }
}
