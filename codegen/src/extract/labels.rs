//! The label namespace of one service: `.. _x:` (and Markdown anchors) → what they
//! label. Matched case-insensitively, as docutils does. A label on a list item
//! or section stands for the first table inside it, when there is one.

use crate::doc::{Block, BlockKind, Document, Table, plain_text};
use std::collections::BTreeMap;

/// A table's identity within a service: page index and the table's first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TableId {
    pub doc: usize,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Table(TableId),
    /// A page, section or paragraph: a link to prose (another API), not a type.
    Prose {
        doc: usize,
        line: u32,
    },
}

/// A table with what names it.
#[derive(Debug)]
pub struct TableEntry<'a> {
    pub table: &'a Table,
    pub labels: &'a [String],
    pub line: u32,
}

#[derive(Debug, Default)]
pub struct LabelIndex<'a> {
    /// Service-wide labels (RST: one namespace per service; first definition wins).
    labels: BTreeMap<String, Target>,
    /// Per page: the labels and anchors defined on it (Markdown anchors are page-local).
    page_labels: Vec<BTreeMap<String, Target>>,
    /// Per page: caption number → table, and caption text (lower-cased) → table.
    by_number: Vec<BTreeMap<String, TableId>>,
    by_caption: Vec<BTreeMap<String, TableId>>,
    /// Per page: the type a heading before a table names (`**volume** field description`).
    by_heading: Vec<BTreeMap<String, TableId>>,
    /// Per page, in line order: every table a caption or heading names
    /// (`**表 6** external_gateway_info对象` → `external_gateway_info`); one name
    /// can head a request and a response table.
    named: Vec<Vec<(String, TableId)>>,
    /// Service-wide: caption or heading name → on how many pages (of either map) it
    /// names a table, and the first such table. Keeps [`LabelIndex::by_caption`]'s
    /// fallback a lookup instead of a scan of every page.
    caption_pages: BTreeMap<String, (usize, TableId)>,
    tables: BTreeMap<TableId, TableEntry<'a>>,
    /// Page paths (`api/x.rst`) and H1/page labels, for `page.md#anchor` links.
    pages: BTreeMap<String, usize>,
    /// Page index → its path.
    files: Vec<String>,
    /// File name → page index, for links that give only the name.
    by_name: BTreeMap<String, usize>,
}

impl<'a> LabelIndex<'a> {
    pub fn build(docs: &'a [Document]) -> Self {
        let mut index = LabelIndex::default();
        for (i, doc) in docs.iter().enumerate() {
            index.by_number.push(BTreeMap::new());
            index.by_caption.push(BTreeMap::new());
            index.page_labels.push(BTreeMap::new());
            index.by_heading.push(BTreeMap::new());
            index.named.push(Vec::new());
            index.pages.insert(doc.file.clone(), i);
            index.files.push(doc.file.clone());
            let name = doc.file.rsplit('/').next().unwrap_or(&doc.file).to_string();
            index.by_name.entry(name).or_insert(i);
            for b in &doc.blocks {
                index.visit(i, b);
            }
        }
        index
    }

    fn visit(&mut self, doc: usize, block: &'a Block) {
        // Only labelled blocks need their first table; computing it for every
        // block would rescan each subtree once per ancestor.
        let first_table = if block.labels.is_empty() {
            None
        } else {
            first_table_in(block)
        };
        for label in &block.labels {
            let target = match first_table {
                Some(line)
                    if matches!(block.kind, BlockKind::Table(_) | BlockKind::List { .. }) =>
                {
                    Target::Table(TableId { doc, line })
                }
                _ => Target::Prose {
                    doc,
                    line: block.line,
                },
            };
            self.define(doc, label, target);
        }
        match &block.kind {
            BlockKind::Table(table) => self.add_table(doc, block, table),
            BlockKind::List { items, .. } => {
                for item in items {
                    let target = item
                        .blocks
                        .iter()
                        .find_map(first_table_in)
                        .map(|line| Target::Table(TableId { doc, line }))
                        .unwrap_or(Target::Prose {
                            doc,
                            line: item.line,
                        });
                    // An anchor on the item's lead line (`-  <a name="li…"></a>volumes参数说明`)
                    // labels the item, so it stands for the item's table too.
                    let lead = item
                        .blocks
                        .first()
                        .filter(|b| matches!(b.kind, BlockKind::Paragraph { .. }));
                    for label in item
                        .labels
                        .iter()
                        .chain(lead.into_iter().flat_map(|b| &b.labels))
                    {
                        self.define(doc, label, target);
                    }
                    item.blocks.iter().for_each(|b| self.visit(doc, b));
                }
            }
            _ => block.children().for_each(|b| self.visit(doc, b)),
        }
    }

    fn add_table(&mut self, doc: usize, block: &'a Block, table: &'a Table) {
        let id = TableId {
            doc,
            line: block.line,
        };
        if let Some(caption) = &table.caption {
            if let Some(n) = &caption.number {
                self.by_number[doc].entry(n.clone()).or_insert(id);
            }
            let text = plain_text(&caption.text).trim().to_lowercase();
            if let std::collections::btree_map::Entry::Vacant(e) =
                self.by_caption[doc].entry(text.clone())
            {
                e.insert(id);
                count_caption(&mut self.caption_pages, text, id);
            }
            // A caption that names a field (`Description of field **X**`,
            // `X字段数据结构说明`) names the table as a heading would.
            for name in super::objects::caption_type_names(&caption.text) {
                self.add_heading_name(id, &name);
            }
        }
        self.tables.insert(
            id,
            TableEntry {
                table,
                labels: &block.labels,
                line: block.line,
            },
        );
        // Tables nested in cells can be labelled too.
        for row in table.header.iter().chain(&table.rows) {
            for cell in &row.cells {
                cell.blocks.iter().for_each(|b| self.visit(doc, b));
            }
        }
    }

    /// Resolves a `:ref:` target or a Markdown anchor (`page.md#anchor`, `#anchor`).
    fn define(&mut self, doc: usize, label: &str, target: Target) {
        let key = label.to_lowercase();
        self.labels.entry(key.clone()).or_insert(target);
        if let Some(m) = self.page_labels.get_mut(doc) {
            m.entry(key).or_insert(target);
        }
    }

    /// Resolves a `:ref:` label or a link target (`#anchor`, `page.md#anchor`, `page.md`).
    /// Anchors resolve on their page first, then service-wide.
    pub fn resolve(&self, from_doc: usize, target: &str) -> Option<Target> {
        let (page, anchor) = match target.rsplit_once('#') {
            Some((page, anchor)) => (page, anchor),
            None if is_page_path(target) => (target, ""),
            None => ("", target),
        };
        let anchor = anchor.to_lowercase();
        let on = |doc: usize| self.page_labels.get(doc)?.get(&anchor).copied();
        // A Markdown `#anchor` links into its own page; an RST label is service-wide.
        let markdown = self.files.get(from_doc).is_some_and(|f| f.ends_with(".md"));
        if page.is_empty() && markdown {
            return on(from_doc);
        }
        if page.is_empty() {
            return on(from_doc).or_else(|| self.labels.get(&anchor).copied());
        }
        let doc = self.page(from_doc, page)?;
        if anchor.is_empty() {
            return Some(Target::Prose { doc, line: 1 });
        }
        on(doc)
    }

    /// A page by link path, relative to the linking page's directory, else by file name.
    fn page(&self, from_doc: usize, page: &str) -> Option<usize> {
        let dir = self
            .files
            .get(from_doc)
            .and_then(|p| p.rsplit_once('/'))
            .map(|(d, _)| d);
        let joined = dir.map(|d| format!("{d}/{page}"));
        joined
            .and_then(|j| self.pages.get(&j).copied())
            .or_else(|| self.pages.get(page).copied())
            .or_else(|| self.by_name.get(page.rsplit('/').next()?).copied())
    }

    /// `Table 3` on the given page.
    pub fn by_number(&self, doc: usize, number: &str) -> Option<TableId> {
        self.by_number.get(doc)?.get(number).copied()
    }

    /// A table whose caption is exactly `name` (case-insensitive), first on the page, then in the service.
    pub fn by_caption(&self, doc: usize, name: &str) -> Option<TableId> {
        let key = name.trim().to_lowercase();
        let on_page =
            |m: &Vec<BTreeMap<String, TableId>>| m.get(doc).and_then(|m| m.get(&key)).copied();
        if let Some(id) = on_page(&self.by_caption).or_else(|| on_page(&self.by_heading)) {
            return Some(id);
        }
        // Only a service-wide unique caption is a safe match.
        match self.caption_pages.get(&key) {
            Some(&(1, id)) => Some(id),
            _ => None,
        }
    }

    /// The table named `name` on page `doc` nearest after `line` (a response
    /// row's type is documented below it, not in the request part above), else
    /// [`LabelIndex::by_caption`].
    pub fn by_name_after(&self, doc: usize, name: &str, line: u32) -> Option<TableId> {
        let key = name.trim().to_lowercase();
        self.named
            .get(doc)
            .and_then(|named| {
                named
                    .iter()
                    .filter(|(n, id)| *n == key && id.line > line)
                    .map(|(_, id)| *id)
                    .min_by_key(|id| id.line)
            })
            .or_else(|| self.by_caption(doc, name))
    }

    /// The table a caption or heading names `name` on page `doc`, nearest after
    /// `line`; no caption fallback.
    pub fn named_after(&self, doc: usize, name: &str, line: u32) -> Option<TableId> {
        let key = name.trim().to_lowercase();
        self.named
            .get(doc)?
            .iter()
            .filter(|(n, id)| *n == key && id.line > line)
            .map(|(_, id)| *id)
            .min_by_key(|id| id.line)
    }

    /// Whether a caption or heading names the table (a type or field name).
    pub fn is_named(&self, id: TableId) -> bool {
        self.named
            .get(id.doc)
            .is_some_and(|named| named.iter().any(|(_, t)| *t == id))
    }

    /// Whether a caption or heading names the table `name`.
    pub fn names(&self, id: TableId, name: &str) -> bool {
        let key = name.trim().to_lowercase();
        self.named
            .get(id.doc)
            .is_some_and(|named| named.iter().any(|(n, t)| *t == id && *n == key))
    }

    /// Records that a heading before a table names a type or field.
    pub fn add_heading_name(&mut self, id: TableId, name: &str) {
        if let Some(named) = self.named.get_mut(id.doc) {
            let key = name.trim().to_lowercase();
            if !named.iter().any(|(n, t)| *n == key && *t == id) {
                named.push((key, id));
            }
        }
        if let Some(m) = self.by_heading.get_mut(id.doc) {
            let key = name.trim().to_lowercase();
            if let std::collections::btree_map::Entry::Vacant(e) = m.entry(key.clone()) {
                e.insert(id);
                count_caption(&mut self.caption_pages, key, id);
            }
        }
    }

    pub fn table(&self, id: TableId) -> Option<&TableEntry<'a>> {
        self.tables.get(&id)
    }

    pub fn tables(&self) -> impl Iterator<Item = (&TableId, &TableEntry<'a>)> {
        self.tables.iter()
    }
}

/// One more page map naming a table `key`; the first one is kept.
fn count_caption(counts: &mut BTreeMap<String, (usize, TableId)>, key: String, id: TableId) {
    counts.entry(key).or_insert((0, id)).0 += 1;
}

fn is_page_path(target: &str) -> bool {
    target.ends_with(".md") || target.ends_with(".rst") || target.ends_with(".html")
}

/// The line of the first table at or inside a block (pre-order), not looking into cells.
fn first_table_in(block: &Block) -> Option<u32> {
    match &block.kind {
        BlockKind::Table(_) => Some(block.line),
        _ => block.children().find_map(first_table_in),
    }
}
