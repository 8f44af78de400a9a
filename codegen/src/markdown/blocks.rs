//! Block structure: pulldown-cmark events → blocks, then sections.
//!
//! The events are collected once with their byte ranges and walked by a
//! cursor; every container (list item, quote) is read by the same [`Walker::body`]
//! loop, which stops at the container's `End` event. Labels, captions and
//! note blockquotes are then bound over each body's block list.

use super::html_table;
use super::inline::{self, InlineBuf, InlineRun};
use super::{Ctx, html_inline};
use crate::doc::{
    Block, BlockKind, Caption, Cell, Inline, Inlines, ListItem, Row, SectionTree, Table, TableForm,
};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Nesting deeper than this is flattened to text, which bounds recursion.
const MAX_DEPTH: usize = 48;

/// A parsed unit before labels, captions and sections are bound.
enum Node {
    Heading {
        line: u32,
        labels: Vec<String>,
        level: u8,
        title: Inlines,
    },
    /// A paragraph that is only `<a name>` anchors: labels for the next node.
    Anchors(Vec<String>),
    /// `![](…icon-note.gif) **说明：** rest`: opens an admonition when first in a quote.
    NoteHead {
        kind: String,
        para: Block,
        rest: Inlines,
    },
    Block(Block),
}

impl Node {
    fn labels_mut(&mut self) -> Option<&mut Vec<String>> {
        match self {
            Node::Heading { labels, .. } => Some(labels),
            Node::NoteHead { para, .. } => Some(&mut para.labels),
            Node::Block(b) => Some(&mut b.labels),
            Node::Anchors(_) => None,
        }
    }
}

type Events<'t> = Vec<(Event<'t>, Range<usize>)>;

/// Parses a whole page and nests its sections.
pub(crate) fn parse_page(ctx: &mut Ctx, text: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Events = Parser::new_ext(text, options).into_offset_iter().collect();
    let mut walker = Walker {
        ctx,
        text,
        events,
        pos: 0,
        depth: 0,
    };
    let mut nodes = Vec::new();
    while walker.pos < walker.events.len() {
        // A stray top-level `End` (never emitted by pulldown) must not stop the page.
        nodes.extend(walker.body());
    }
    let nodes = walker.bind(nodes);
    nest_sections(nodes)
}

struct Walker<'c, 'a, 't> {
    ctx: &'c mut Ctx<'a>,
    text: &'t str,
    events: Events<'t>,
    pos: usize,
    depth: usize,
}

impl<'t> Walker<'_, '_, 't> {
    fn line_at(&self, offset: usize) -> u32 {
        self.ctx.lines.line(offset)
    }

    /// The current event's line.
    fn line(&self) -> u32 {
        let offset = self
            .events
            .get(self.pos)
            .map_or(self.text.len(), |e| e.1.start);
        self.line_at(offset)
    }

    /// Reads nodes until the enclosing container's `End` (consumed) or the end.
    fn body(&mut self) -> Vec<Node> {
        let mut nodes = Vec::new();
        while let Some((ev, _)) = self.events.get(self.pos) {
            match ev {
                Event::End(_) => {
                    self.pos += 1;
                    break;
                }
                Event::Start(tag) => {
                    let tag = tag.clone();
                    self.start(tag, &mut nodes);
                }
                Event::Rule | Event::TaskListMarker(_) => self.pos += 1,
                Event::Html(h) => {
                    let line = self.line();
                    let html = h.to_string();
                    self.pos += 1;
                    nodes.extend(self.html(&html, line));
                }
                // Tight list items hold inline events without a paragraph.
                _ => nodes.extend(self.paragraph(false)),
            }
        }
        nodes
    }

    fn start(&mut self, tag: Tag<'t>, nodes: &mut Vec<Node>) {
        match tag {
            Tag::Paragraph => nodes.extend(self.paragraph(true)),
            Tag::Heading { level, .. } => nodes.push(self.heading(level)),
            Tag::List(first) => nodes.push(self.list(first.is_some())),
            Tag::CodeBlock(kind) => nodes.push(self.code(&kind)),
            Tag::BlockQuote(_) => nodes.push(self.quote()),
            Tag::HtmlBlock => nodes.extend(self.html_block()),
            Tag::Table(_) => nodes.push(self.pipe_table()),
            // Inline starts outside a paragraph (tight list items).
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. } => nodes.extend(self.paragraph(false)),
            // Anything else (footnotes, items out of place): transparent.
            _ => {
                self.pos += 1;
                let inner = self.nested(Self::body);
                nodes.extend(inner);
            }
        }
    }

    /// Runs `f` one level deeper, or flattens the container to text past
    /// [`MAX_DEPTH`] (the cursor stands on the container's first inner event).
    fn nested(&mut self, f: fn(&mut Self) -> Vec<Node>) -> Vec<Node> {
        if self.depth >= MAX_DEPTH {
            return self.flatten();
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    fn flatten(&mut self) -> Vec<Node> {
        let line = self.line();
        self.ctx
            .warn(line, "md-too-deep", "nesting too deep; kept as text");
        let mut text = String::new();
        let mut open = 1usize;
        while let Some((ev, _)) = self.events.get(self.pos) {
            self.pos += 1;
            match ev {
                Event::Start(_) => open += 1,
                Event::End(_) => open -= 1,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => text.push(' '),
            }
            if open == 0 {
                break;
            }
        }
        let text = vec![Inline::Text { text }];
        vec![Node::Block(Block::new(
            line,
            BlockKind::Paragraph {
                text: inline::trim_inlines(text),
            },
        ))]
    }

    /// Collects inline events; `wrapped` when inside `Paragraph` (its `End` is consumed).
    fn inline_run(&mut self, wrapped: bool) -> InlineRun {
        let mut buf = InlineBuf::default();
        while let Some((ev, _)) = self.events.get(self.pos) {
            if wrapped && matches!(ev, Event::End(TagEnd::Paragraph)) {
                self.pos += 1;
                break;
            }
            if !inline::feed_event(&mut buf, ev) {
                break;
            }
            self.pos += 1;
        }
        buf.finish()
    }

    fn paragraph(&mut self, wrapped: bool) -> Option<Node> {
        let line = self.line();
        if wrapped {
            self.pos += 1;
        }
        let run = self.inline_run(wrapped);
        if run.inlines.is_empty() {
            return (!run.labels.is_empty()).then_some(Node::Anchors(run.labels));
        }
        let note = note_kind(&run);
        let mut para = Block::new(line, BlockKind::Paragraph { text: run.inlines });
        para.labels = run.labels;
        Some(match note {
            Some((kind, rest)) => Node::NoteHead { kind, para, rest },
            None => Node::Block(para),
        })
    }

    fn heading(&mut self, level: HeadingLevel) -> Node {
        let line = self.line();
        self.pos += 1;
        let mut buf = InlineBuf::default();
        while let Some((ev, _)) = self.events.get(self.pos) {
            self.pos += 1;
            if matches!(ev, Event::End(TagEnd::Heading(_))) {
                break;
            }
            inline::feed_event(&mut buf, ev);
        }
        let run = buf.finish();
        Node::Heading {
            line,
            labels: run.labels,
            level: level as u8,
            title: unbold(run.inlines),
        }
    }

    fn list(&mut self, ordered: bool) -> Node {
        let line = self.line();
        self.pos += 1;
        let mut items = Vec::new();
        while let Some((ev, _)) = self.events.get(self.pos) {
            match ev {
                Event::Start(Tag::Item) => {
                    let line = self.line();
                    self.pos += 1;
                    let nodes = self.nested(Self::body);
                    let blocks = self.bind_body(nodes);
                    items.push(ListItem {
                        line,
                        labels: Vec::new(),
                        blocks,
                    });
                }
                Event::End(_) => {
                    self.pos += 1;
                    break;
                }
                // pulldown only puts items in lists; anything else is skipped.
                _ => self.pos += 1,
            }
        }
        Node::Block(Block::new(line, BlockKind::List { ordered, items }))
    }

    fn code(&mut self, kind: &CodeBlockKind) -> Node {
        let line = self.line();
        self.pos += 1;
        let mut text = String::new();
        while let Some((ev, _)) = self.events.get(self.pos) {
            self.pos += 1;
            match ev {
                Event::Text(t) | Event::Html(t) => text.push_str(t),
                Event::End(_) => break,
                _ => {}
            }
        }
        if text.ends_with('\n') {
            text.pop();
        }
        if swallows_markup(&text) {
            let msg = "code block holds a heading and a <table>: an unclosed fence?";
            self.ctx.warn(line, "md-fence-swallows-markup", msg);
        }
        let language = match kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().map(str::to_string),
            CodeBlockKind::Indented => None,
        };
        Node::Block(Block::new(line, BlockKind::Code { language, text }))
    }

    /// A note blockquote becomes an admonition, any other a quote.
    fn quote(&mut self) -> Node {
        let line = self.line();
        self.pos += 1;
        let mut nodes = self.nested(Self::body);
        if let Some(Node::NoteHead { kind, para, rest }) = nodes.first_mut() {
            let kind = std::mem::take(kind);
            let head = (!rest.is_empty()).then(|| Block {
                line: para.line,
                labels: std::mem::take(&mut para.labels),
                kind: BlockKind::Paragraph {
                    text: std::mem::take(rest),
                },
            });
            nodes.remove(0);
            let mut blocks: Vec<Block> = head.into_iter().collect();
            blocks.extend(self.bind_body(nodes));
            return Node::Block(Block::new(line, BlockKind::Admonition { kind, blocks }));
        }
        let blocks = self.bind_body(nodes);
        Node::Block(Block::new(line, BlockKind::Quote { blocks }))
    }

    fn html_block(&mut self) -> Vec<Node> {
        let line = self.line();
        self.pos += 1;
        let mut html = String::new();
        while let Some((ev, _)) = self.events.get(self.pos) {
            self.pos += 1;
            match ev {
                Event::Html(t) | Event::Text(t) => html.push_str(t),
                Event::End(_) => break,
                _ => {}
            }
        }
        self.html(&html, line)
    }

    /// An HTML block: tables are read by [`html_table`], anything else as cell content.
    fn html(&mut self, html: &str, line: u32) -> Vec<Node> {
        if html_table::contains_table(html) {
            return html_table::parse_block(self.ctx, html, line)
                .into_iter()
                .map(Node::Block)
                .collect();
        }
        let (blocks, labels) = html_inline::html_blocks(self.ctx, html, line);
        if blocks.is_empty() {
            return if labels.is_empty() {
                Vec::new()
            } else {
                vec![Node::Anchors(labels)]
            };
        }
        self.ctx
            .note(line, "md-html-not-table", "HTML block read as text");
        let mut nodes: Vec<Node> = blocks.into_iter().map(Node::Block).collect();
        if let Some(b) = nodes.first_mut().and_then(Node::labels_mut) {
            b.extend(labels);
        }
        nodes
    }

    /// A GFM pipe table; rows whose source has a different cell count are
    /// reported, and extra cells (which pulldown drops) are appended to the last cell.
    fn pipe_table(&mut self) -> Node {
        let line = self.line();
        self.pos += 1;
        let mut header = Vec::new();
        let mut rows = Vec::new();
        while let Some((ev, range)) = self.events.get(self.pos) {
            let range = range.clone();
            match ev {
                Event::Start(Tag::TableHead) => header.push(self.pipe_row(range).0),
                Event::Start(Tag::TableRow) => rows.push(self.pipe_row(range)),
                Event::End(_) => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        let width = header.first().map_or(0, |r: &Row| r.cells.len());
        let rows = rows
            .into_iter()
            .map(|(mut row, raw)| {
                self.fix_row_width(&mut row, raw, width);
                row
            })
            .collect();
        let table = Table {
            caption: None,
            form: TableForm::Pipe,
            header,
            rows,
        };
        Node::Block(Block::new(line, BlockKind::Table(table)))
    }

    /// One row and its source line.
    fn pipe_row(&mut self, range: Range<usize>) -> (Row, &'t str) {
        let line = self.line_at(range.start);
        let text: &'t str = self.text;
        let raw = text.get(range).unwrap_or("").lines().next().unwrap_or("");
        self.pos += 1;
        let mut cells = Vec::new();
        while let Some((ev, _)) = self.events.get(self.pos) {
            match ev {
                Event::Start(Tag::TableCell) => {
                    self.pos += 1;
                    let run = self.inline_run(false);
                    // The cell's own `End`.
                    self.pos += 1;
                    let blocks = if run.inlines.is_empty() {
                        Vec::new()
                    } else {
                        vec![Block::new(line, BlockKind::Paragraph { text: run.inlines })]
                    };
                    cells.push(Cell { line, blocks });
                }
                Event::End(_) => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        (Row { line, cells }, raw)
    }

    fn fix_row_width(&mut self, row: &mut Row, raw: &str, width: usize) {
        let source_cells = split_pipe_row(raw);
        if source_cells.len() == width || width == 0 {
            return;
        }
        let msg = format!("row has {} cells, header has {width}", source_cells.len());
        self.ctx.warn(row.line, "md-pipe-row-width", msg);
        row.cells.resize_with(width, || Cell {
            line: row.line,
            blocks: Vec::new(),
        });
        if source_cells.len() > width {
            let extra = format!("|{}", source_cells[width..].join("|"));
            append_to_cell(row.cells.last_mut(), inline::parse_text(&extra), row.line);
        }
    }

    /// Binds anchors, note heads and captions over one body.
    fn bind_body(&mut self, nodes: Vec<Node>) -> Vec<Block> {
        self.bind(nodes)
            .into_iter()
            .map(|n| match n {
                Node::Block(b) => b,
                Node::Heading {
                    line,
                    labels,
                    title,
                    ..
                } => Block {
                    line,
                    labels,
                    kind: BlockKind::Paragraph { text: title },
                },
                Node::Anchors(_) | Node::NoteHead { .. } => unreachable_node(),
            })
            .collect()
    }

    /// Moves anchor labels onto the next node, turns stray note heads back
    /// into paragraphs and binds `**表 N**  Name` captions to the next table.
    fn bind(&mut self, nodes: Vec<Node>) -> Vec<Node> {
        let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
        let mut pending: Vec<String> = Vec::new();
        for node in nodes {
            let mut node = match node {
                Node::Anchors(labels) => {
                    pending.extend(labels);
                    continue;
                }
                Node::NoteHead { para, .. } => Node::Block(para),
                other => other,
            };
            if let Some(labels) = node.labels_mut() {
                let mut all = std::mem::take(&mut pending);
                all.append(labels);
                *labels = all;
            }
            if let Node::Block(table) = &mut node
                && let Some(Node::Block(list)) = out.last_mut()
            {
                bind_list_caption(list, table);
            }
            if let Node::Block(table) = &mut node
                && let Some(Node::Block(prev)) = out.last()
                && let Some(caption) = caption_for(prev, table)
            {
                let Some(Node::Block(mut prev)) = out.pop() else {
                    continue;
                };
                let mut labels = std::mem::take(&mut prev.labels);
                labels.append(&mut table.labels);
                table.labels = labels;
                if let BlockKind::Table(t) = &mut table.kind {
                    t.caption = Some(caption);
                }
                // The note before an indented caption stays, without the caption's line.
                if let Some(rest) = before_caption(prev) {
                    out.push(Node::Block(rest));
                }
            }
            out.push(node);
        }
        if !pending.is_empty() {
            let line = self.line();
            let msg = format!("label(s) {} point at no block", pending.join(", "));
            self.ctx.note(line, "md-dangling-label", msg);
        }
        out
    }
}

/// A code block that contains a page heading and an HTML table is almost
/// certainly a mis-paired fence in the source (`huawei/cce/创建PV.md`).
fn swallows_markup(text: &str) -> bool {
    let heading = text
        .lines()
        .any(|l| l.starts_with("## ") && l.contains("<a name="));
    heading && text.contains("<table")
}

/// `bind` removes anchors and note heads, so they never reach the output.
fn unreachable_node() -> Block {
    Block::new(0, BlockKind::Paragraph { text: Vec::new() })
}

/// The caption `prev` gives `table`, if `prev` is `**表 N**  Name` and
/// `table` is a table without one.
fn caption_for(prev: &Block, table: &Block) -> Option<Caption> {
    let BlockKind::Table(t) = &table.kind else {
        return None;
    };
    if t.caption.is_some() {
        return None;
    }
    match &prev.kind {
        BlockKind::Paragraph { text } => parse_caption(text),
        // ims and bms indent captions of top-level tables by four spaces, which
        // makes them indented code blocks: alone, or as the last line of one
        // that an indented note before it opened (`    >![](…icon-note.gif)…`).
        BlockKind::Code {
            language: None,
            text,
        } => {
            let last = text.lines().rev().find(|l| !l.trim().is_empty())?.trim();
            let single = !text.trim().contains('\n');
            let after_note = text.trim_start().starts_with('>');
            if last.starts_with("**") && (single || after_note) {
                parse_caption(&inline::parse_text(last))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// What an indented code block held before its last line, the caption
/// [`caption_for`] took: `None` when that line was all of it.
fn before_caption(prev: Block) -> Option<Block> {
    let BlockKind::Code { language, text } = prev.kind else {
        return None;
    };
    let text = text.trim_end();
    let (rest, _) = text.rsplit_once('\n')?;
    let rest = rest.trim_end();
    (!rest.is_empty()).then(|| {
        Block::new(
            prev.line,
            BlockKind::Code {
                language,
                text: rest.to_string(),
            },
        )
    })
}

/// ims writes the caption indented in a list item and the table after the
/// list at column 0: the caption still belongs to the table.
fn bind_list_caption(list: &mut Block, table: &mut Block) {
    let BlockKind::List { items, .. } = &mut list.kind else {
        return;
    };
    let Some(item) = items.last_mut() else { return };
    let Some(prev) = item.blocks.last() else {
        return;
    };
    let Some(caption) = caption_for(prev, table) else {
        return;
    };
    let Some(prev) = item.blocks.pop() else {
        return;
    };
    let mut labels = prev.labels;
    labels.append(&mut table.labels);
    table.labels = labels;
    if let BlockKind::Table(t) = &mut table.kind {
        t.caption = Some(caption);
    }
}

/// `**表 3**  RedisConfig` → number "3", text "RedisConfig" (also `**Table 3**`).
pub(crate) fn parse_caption(text: &[Inline]) -> Option<Caption> {
    let Some(Inline::Strong { text: head }) = text.first() else {
        return None;
    };
    let head = head.trim();
    let number = head
        .strip_prefix('表')
        .or_else(|| head.strip_prefix("Table"))?
        .trim();
    let is_number = !number.is_empty()
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !is_number {
        return None;
    }
    Some(Caption {
        number: Some(number.to_string()),
        text: inline::trim_inlines(text[1..].to_vec()),
    })
}

/// Note icons and labels: `![](public_sys-resources/icon-note.gif) **说明：** …`.
fn note_kind(run: &InlineRun) -> Option<(String, Inlines)> {
    let icon = run.images.first().and_then(|src| icon_kind(src));
    let label = match run.inlines.first() {
        Some(Inline::Strong { text }) => label_kind(text),
        _ => None,
    };
    let kind = icon.or(label)?;
    let rest = if label.is_some() {
        inline::trim_inlines(run.inlines[1..].to_vec())
    } else {
        run.inlines.clone()
    };
    Some((kind.to_string(), rest))
}

fn icon_kind(src: &str) -> Option<&'static str> {
    let name = src.rsplit('/').next()?;
    let stem = name.strip_prefix("icon-")?.split('.').next()?;
    Some(match stem {
        "note" => "note",
        "notice" => "notice",
        "caution" => "caution",
        "warning" => "warning",
        "danger" => "danger",
        "tip" => "tip",
        _ => "note",
    })
}

/// Huawei's admonition titles (`说明：`, `须知：`, …), with either colon.
pub(crate) fn label_kind(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_end_matches(['：', ':']);
    Some(match t {
        "说明" => "note",
        "须知" => "notice",
        "注意" => "caution",
        "警告" => "warning",
        "危险" => "danger",
        _ => return None,
    })
}

/// Heading text loses its `**` wrappers (`## **URI**` → `URI`).
fn unbold(title: Inlines) -> Inlines {
    let plain = title.into_iter().map(|i| match i {
        Inline::Strong { text } => Inline::Text { text },
        other => other,
    });
    inline::trim_inlines(plain.collect())
}

/// Cells of one pipe-table source line, split at unescaped `|` as GFM does.
fn split_pipe_row(raw: &str) -> Vec<String> {
    let raw = raw
        .trim_start_matches(|c: char| c.is_whitespace() || c == '>')
        .trim_end();
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in raw.chars() {
        if c == '|' && !escaped {
            cells.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    cells.push(cur);
    // Leading and trailing pipes delimit, they do not open cells.
    if raw.starts_with('|') {
        cells.remove(0);
    }
    if raw.len() > 1 && raw.ends_with('|') && !raw.ends_with("\\|") {
        cells.pop();
    }
    cells
}

fn append_to_cell(cell: Option<&mut Cell>, extra: Inlines, line: u32) {
    let Some(cell) = cell else { return };
    if let Some(Block {
        kind: BlockKind::Paragraph { text },
        ..
    }) = cell.blocks.last_mut()
    {
        text.extend(extra);
        *text = inline::trim_inlines(std::mem::take(text));
    } else {
        cell.blocks
            .push(Block::new(line, BlockKind::Paragraph { text: extra }));
    }
}

fn nest_sections(nodes: Vec<Node>) -> Vec<Block> {
    let mut tree = SectionTree::default();
    for node in nodes {
        match node {
            Node::Heading {
                line,
                labels,
                level,
                title,
            } => tree.heading(line, labels, level, title),
            Node::Block(b) => tree.push(b),
            Node::NoteHead { para, .. } => tree.push(para),
            Node::Anchors(_) => {}
        }
    }
    tree.finish()
}
