//! The format-neutral document model.
//!
//! Both readers (RST in `rst/`, Markdown/HTML later) end here; extraction only
//! ever sees these types. Every block keeps its 1-based source line; the file
//! is held once by [`Document`].

use serde::Serialize;
use std::borrow::Cow;

/// One page of documentation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Path relative to the service's docs directory, with `/` separators.
    pub file: String,
    /// `:original_name:` (OTC) or the H1 anchor (Huawei), verbatim.
    pub original_name: Option<String>,
    /// The top-level blocks; sections nest their own content.
    pub blocks: Vec<Block>,
}

/// A block with its line and the labels (`.. _x:`, `<a name>`) that point at it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub line: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading and everything up to the next heading of the same or a higher level.
    /// Level 1 is the page title.
    Section {
        level: u8,
        title: Inlines,
        blocks: Vec<Block>,
    },
    Paragraph {
        text: Inlines,
    },
    List {
        ordered: bool,
        items: Vec<ListItem>,
    },
    Table(Table),
    Code {
        language: Option<String>,
        text: String,
    },
    /// `.. note::`, `.. important::`, a Huawei `说明` blockquote, …
    Admonition {
        kind: String,
        blocks: Vec<Block>,
    },
    /// A block quote (indented text that is none of the above).
    Quote {
        blocks: Vec<Block>,
    },
    /// A directive the reader keeps but does not interpret (figure, toctree, …).
    Directive {
        name: String,
        argument: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    pub line: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// `**Table 3** Name` → number 3, name "Name" (Huawei: `**表 3**  名称`).
    pub caption: Option<Caption>,
    pub form: TableForm,
    /// Header rows (usually one). Each row has one cell per column.
    pub header: Vec<Row>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caption {
    pub number: Option<String>,
    pub text: Inlines,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableForm {
    Grid,
    Simple,
    Html,
    Pipe,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub line: u32,
    pub blocks: Vec<Block>,
}

/// Inline content: text runs and marked-up spans.
pub type Inlines = Vec<Inline>;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Strong {
        text: String,
    },
    Emphasis {
        text: String,
    },
    Literal {
        text: String,
    },
    /// A cross reference to a label: RST `:ref:`, Markdown `[表3](#table3)`,
    /// HTML `<a href="page.md#x">`. `target` is the label (page part kept for
    /// cross-page links, e.g. `page.md#anchor`); `text` is the shown title if any.
    Ref {
        target: String,
        text: Option<String>,
    },
    /// An external hyperlink.
    Link {
        url: String,
        text: String,
    },
}

impl Inline {
    /// The text a reader sees for this span.
    pub fn plain(&self) -> &str {
        match self {
            Inline::Text { text }
            | Inline::Strong { text }
            | Inline::Emphasis { text }
            | Inline::Literal { text }
            | Inline::Link { text, .. } => text,
            Inline::Ref { target, text } => text.as_deref().unwrap_or(target),
        }
    }
}

/// The plain text of a run of inlines.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut text = String::new();
    push_inlines(inlines, &mut text);
    text
}

impl Block {
    pub fn new(line: u32, kind: BlockKind) -> Self {
        Block {
            line,
            labels: Vec::new(),
            kind,
        }
    }

    /// The blocks directly nested in this one (sections, list items, admonitions, quotes).
    pub fn children(&self) -> impl Iterator<Item = &Block> {
        let (blocks, items): (&[Block], &[ListItem]) = match &self.kind {
            BlockKind::Section { blocks, .. }
            | BlockKind::Admonition { blocks, .. }
            | BlockKind::Quote { blocks } => (blocks, &[]),
            BlockKind::List { items, .. } => (&[], items),
            _ => (&[], &[]),
        };
        blocks
            .iter()
            .chain(items.iter().flat_map(|i| i.blocks.iter()))
    }
}

impl Cell {
    /// The cell's paragraphs as plain text, joined by newlines.
    /// [`blocks_plain`] of the cell; most cells are one run of text, which
    /// is borrowed (cells are read many times: headers, names, descriptions).
    pub fn plain(&self) -> Cow<'_, str> {
        if let [block] = self.blocks.as_slice()
            && let BlockKind::Paragraph { text } = &block.kind
            && let [one] = text.as_slice()
        {
            return Cow::Borrowed(one.plain());
        }
        Cow::Owned(blocks_plain(&self.blocks))
    }

    /// Every inline of the cell, in order (paragraphs, list items, notes).
    pub fn inlines(&self) -> Vec<&Inline> {
        let mut out = Vec::new();
        collect_inlines(&self.blocks, &mut out);
        out
    }
}

/// Plain text of a block sequence: one line per paragraph, list items prefixed by `- `.
pub fn blocks_plain(blocks: &[Block]) -> String {
    let mut out = Plain::default();
    blocks.iter().for_each(|b| push_plain(b, &mut out));
    out.text
}

/// Newline-separated pieces written into one buffer (this runs for every cell
/// of every table, so it avoids a `Vec<String>` and a join per call).
#[derive(Default)]
struct Plain {
    text: String,
    started: bool,
}

impl Plain {
    /// The buffer, after the separator for a new piece.
    fn piece(&mut self) -> &mut String {
        if self.started {
            self.text.push('\n');
        }
        self.started = true;
        &mut self.text
    }
}

fn push_plain(block: &Block, out: &mut Plain) {
    match &block.kind {
        BlockKind::Paragraph { text } => push_inlines(text, out.piece()),
        BlockKind::Section { title, blocks, .. } => {
            push_inlines(title, out.piece());
            blocks.iter().for_each(|b| push_plain(b, out));
        }
        BlockKind::List { items, .. } => {
            for item in items {
                let text = blocks_plain(&item.blocks);
                let buf = out.piece();
                buf.push_str("- ");
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        buf.push_str("\n  ");
                    }
                    buf.push_str(line);
                }
            }
        }
        BlockKind::Code { text, .. } => out.piece().push_str(text),
        BlockKind::Admonition { blocks, .. } | BlockKind::Quote { blocks } => {
            blocks.iter().for_each(|b| push_plain(b, out))
        }
        BlockKind::Table(t) => {
            for row in t.header.iter().chain(&t.rows) {
                let buf = out.piece();
                for (i, cell) in row.cells.iter().enumerate() {
                    if i > 0 {
                        buf.push_str(" | ");
                    }
                    buf.push_str(&cell.plain());
                }
            }
        }
        BlockKind::Directive { .. } => {}
    }
}

fn push_inlines(inlines: &[Inline], buf: &mut String) {
    inlines.iter().for_each(|i| buf.push_str(i.plain()));
}

fn collect_inlines<'a>(blocks: &'a [Block], out: &mut Vec<&'a Inline>) {
    for b in blocks {
        match &b.kind {
            BlockKind::Paragraph { text } => out.extend(text.iter()),
            BlockKind::Section { title, blocks, .. } => {
                out.extend(title.iter());
                collect_inlines(blocks, out);
            }
            BlockKind::List { items, .. } => {
                items.iter().for_each(|i| collect_inlines(&i.blocks, out))
            }
            BlockKind::Admonition { blocks, .. } | BlockKind::Quote { blocks } => {
                collect_inlines(blocks, out)
            }
            BlockKind::Table(t) => t
                .header
                .iter()
                .chain(&t.rows)
                .flat_map(|r| &r.cells)
                .for_each(|c| collect_inlines(&c.blocks, out)),
            BlockKind::Code { .. } | BlockKind::Directive { .. } => {}
        }
    }
}

/// Builds the section tree from a flat run of headings and blocks: each heading
/// owns what follows it up to the next heading of the same or a higher level.
/// Shared by the readers, so both nest sections the same way.
#[derive(Debug, Default)]
pub struct SectionTree {
    /// Open sections, outermost first: (level, section block under construction).
    open: Vec<(u8, Block)>,
    root: Vec<Block>,
}

impl SectionTree {
    /// Opens a section, closing those of the same or a deeper level first.
    pub fn heading(&mut self, line: u32, labels: Vec<String>, level: u8, title: Inlines) {
        while self.open.last().is_some_and(|(l, _)| *l >= level) {
            self.close();
        }
        let kind = BlockKind::Section {
            level,
            title,
            blocks: Vec::new(),
        };
        self.open.push((level, Block { line, labels, kind }));
    }

    /// Adds a block to the innermost open section (or the top level).
    pub fn push(&mut self, block: Block) {
        match self.open.last_mut() {
            Some((
                _,
                Block {
                    kind: BlockKind::Section { blocks, .. },
                    ..
                },
            )) => blocks.push(block),
            _ => self.root.push(block),
        }
    }

    pub fn finish(mut self) -> Vec<Block> {
        while !self.open.is_empty() {
            self.close();
        }
        self.root
    }

    fn close(&mut self) {
        if let Some((_, done)) = self.open.pop() {
            self.push(done);
        }
    }
}
