//! HTML content (table cells and stray HTML blocks) → blocks and inlines.
//!
//! Works on the scraper/html5ever tree. Block elements (`<p>`, `<ul>`,
//! `<div class="note">`, `<pre>`, `<table>`) become blocks; text and inline
//! elements between them become paragraphs through the same [`InlineBuf`]
//! the Markdown reader uses, so `<a href="#x">` and `[x](#x)` end up alike.

use super::Ctx;
use super::html_table::{self, TagLines};
use super::inline::{Fmt, InlineBuf};
use crate::doc::{Block, BlockKind, Inline, ListItem};
use ego_tree::NodeRef;
use scraper::{Html, Node};
use std::borrow::Cow;

/// Nesting deeper than this (lists in tables in lists…) is flattened to text.
const MAX_DEPTH: usize = 32;

/// State of one walk over an HTML block.
pub(crate) struct Walk<'c, 'a> {
    pub ctx: &'c mut Ctx<'a>,
    /// Source lines of `<table>`/`<tr>`/`<td>` tags, consumed in document order.
    pub tags: TagLines,
    /// The line given to blocks (html5ever keeps no positions): the enclosing cell's.
    pub line: u32,
    /// `<a name>` anchors met in inline runs (used for blocks outside tables).
    pub labels: Vec<String>,
    depth: usize,
}

impl<'c, 'a> Walk<'c, 'a> {
    pub fn new(ctx: &'c mut Ctx<'a>, tags: TagLines, line: u32) -> Self {
        Walk {
            ctx,
            tags,
            line,
            labels: Vec::new(),
            depth: 0,
        }
    }

    /// The children of `parent` as blocks.
    pub fn blocks(&mut self, parent: NodeRef<Node>) -> Vec<Block> {
        if self.depth >= MAX_DEPTH {
            return self.flattened(parent);
        }
        self.depth += 1;
        // Room for one: most cells hold a single block.
        let mut out = Vec::with_capacity(1);
        let mut buf = InlineBuf::default();
        for child in parent.children() {
            match child.value() {
                Node::Text(t) => buf.text(&collapse(t)),
                Node::Element(e) if is_block(e.name()) => {
                    self.flush(&mut buf, &mut out);
                    out.extend(self.block_element(child, e.name()));
                }
                Node::Element(_) => self.inline_element(&mut buf, child),
                _ => {}
            }
        }
        self.flush(&mut buf, &mut out);
        self.depth -= 1;
        // Most cells hold one block: no room for more is kept (see `rst::blocks`).
        out.shrink_to_fit();
        out
    }

    fn flattened(&mut self, node: NodeRef<Node>) -> Vec<Block> {
        self.ctx.warn(
            self.line,
            "md-too-deep",
            "HTML nesting too deep; kept as text",
        );
        let text: String = node
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| collapse(t)))
            .collect();
        let text = super::inline::trim_inlines(vec![Inline::Text { text }]);
        if text.is_empty() {
            return Vec::new();
        }
        vec![Block::new(self.line, BlockKind::Paragraph { text })]
    }

    /// Ends the current inline run as a paragraph (if it has text).
    fn flush(&mut self, buf: &mut InlineBuf, out: &mut Vec<Block>) {
        let run = std::mem::take(buf).finish();
        self.labels.extend(run.labels);
        if !run.inlines.is_empty() {
            out.push(Block::new(
                self.line,
                BlockKind::Paragraph { text: run.inlines },
            ));
        }
    }

    fn block_element(&mut self, node: NodeRef<Node>, name: &str) -> Vec<Block> {
        let line = self.line;
        match name {
            "ul" | "ol" => vec![self.list(node, name == "ol")],
            "pre" => vec![Block::new(
                line,
                BlockKind::Code {
                    language: None,
                    text: pre_text(node),
                },
            )],
            "table" => vec![html_table::table(self, node)],
            "hr" => Vec::new(),
            "div" => match note_kind(node) {
                Some(kind) => {
                    let blocks = self.blocks(node);
                    vec![Block::new(line, BlockKind::Admonition { kind, blocks })]
                }
                None => self.blocks(node),
            },
            "blockquote" => {
                let blocks = self.blocks(node);
                vec![Block::new(line, BlockKind::Quote { blocks })]
            }
            // `<p>`, headings, `<dd>`…: their content, as blocks.
            _ => self.blocks(node),
        }
    }

    fn list(&mut self, node: NodeRef<Node>, ordered: bool) -> Block {
        let mut items = Vec::new();
        for child in node.children() {
            // Whitespace between `<li>`s is not content.
            if child.value().as_text().is_some_and(|t| t.trim().is_empty()) {
                continue;
            }
            let blocks = match child.value() {
                Node::Element(e) if e.name() == "li" => self.blocks(child),
                Node::Element(_) | Node::Text(_) => self.blocks_of_one(child),
                _ => continue,
            };
            items.push(ListItem {
                line: self.line,
                labels: Vec::new(),
                blocks,
            });
        }
        Block::new(self.line, BlockKind::List { ordered, items })
    }

    /// A stray non-`<li>` child of a list, kept as an item of its own.
    fn blocks_of_one(&mut self, node: NodeRef<Node>) -> Vec<Block> {
        let mut out = Vec::new();
        let mut buf = InlineBuf::default();
        match node.value() {
            Node::Text(t) => buf.text(&collapse(t)),
            Node::Element(e) if is_block(e.name()) => {
                out.extend(self.block_element(node, e.name()))
            }
            _ => self.inline_element(&mut buf, node),
        }
        self.flush(&mut buf, &mut out);
        out
    }

    /// An inline element: spans map onto the buffer, anything else keeps its text.
    /// Inline nesting deeper than [`MAX_DEPTH`] keeps only its text.
    fn inline_element(&mut self, buf: &mut InlineBuf, node: NodeRef<Node>) {
        let Some(e) = node.value().as_element() else {
            return;
        };
        if self.depth >= MAX_DEPTH {
            return self.inline_flattened(buf, node);
        }
        self.depth += 1;
        self.inline_markup(buf, node, e);
        self.depth -= 1;
    }

    fn inline_flattened(&mut self, buf: &mut InlineBuf, node: NodeRef<Node>) {
        self.ctx.warn(
            self.line,
            "md-too-deep",
            "HTML nesting too deep; kept as text",
        );
        for d in node.descendants() {
            if let Some(t) = d.value().as_text() {
                buf.text(&collapse(t));
            }
        }
    }

    fn inline_markup(
        &mut self,
        buf: &mut InlineBuf,
        node: NodeRef<Node>,
        e: &scraper::node::Element,
    ) {
        match e.name() {
            "a" => match e.attr("href") {
                Some(href) => {
                    buf.open_link(href);
                    self.inline_children(buf, node);
                    buf.close_link();
                }
                None => {
                    if let Some(name) = e.attr("name").or(e.attr("id")) {
                        buf.label(name);
                    }
                    self.inline_children(buf, node);
                }
            },
            "strong" | "b" => self.fmt(buf, node, Fmt::Strong),
            "em" | "i" => self.fmt(buf, node, Fmt::Emphasis),
            "code" | "tt" | "kbd" | "samp" => self.fmt(buf, node, Fmt::Literal),
            "br" => buf.text("\n"),
            "img" | "script" | "style" => {}
            "span" if has_class(node, "notetitle") => {}
            _ => self.inline_children(buf, node),
        }
    }

    fn fmt(&mut self, buf: &mut InlineBuf, node: NodeRef<Node>, kind: Fmt) {
        buf.open_fmt(kind);
        self.inline_children(buf, node);
        buf.close_fmt();
    }

    /// Children of an inline element; block elements inside it only keep their text.
    fn inline_children(&mut self, buf: &mut InlineBuf, node: NodeRef<Node>) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => buf.text(&collapse(t)),
                Node::Element(_) => self.inline_element(buf, child),
                _ => {}
            }
        }
    }
}

/// A non-table HTML block → its blocks and the anchors it holds.
pub(crate) fn html_blocks(ctx: &mut Ctx, html: &str, line: u32) -> (Vec<Block>, Vec<String>) {
    let doc = super::html_inline::parse_bounded(ctx, html, line);
    let mut walk = Walk::new(ctx, TagLines::scan(html, line), line);
    let blocks = walk.blocks(*doc.root_element());
    let labels = std::mem::take(&mut walk.labels);
    (blocks, labels)
}

/// html5ever's tree of `html` after slimming, with nesting cut at
/// [`super::html_slim::MAX_NESTING`] (reported).
pub(crate) fn parse_bounded(ctx: &mut Ctx, html: &str, line: u32) -> Html {
    let (slim, dropped) = super::html_slim::slim_bounded(html);
    if dropped > 0 {
        ctx.warn(
            line,
            "md-too-deep",
            format!(
                "HTML nested deeper than {} elements: {dropped} tag(s) beyond that dropped, their text kept",
                super::html_slim::MAX_NESTING
            ),
        );
    }
    Html::parse_fragment(&slim)
}

/// Elements that start a new block inside a cell (lower-case names).
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "ul"
            | "ol"
            | "pre"
            | "table"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "dl"
            | "dt"
            | "dd"
            | "hr"
            | "section"
            | "li"
            | "center"
            | "html"
            | "body"
    )
}

fn has_class(node: NodeRef<Node>, class: &str) -> bool {
    node.value()
        .as_element()
        .and_then(|e| e.attr("class"))
        .is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

/// `<div class="note">` (also notice/caution/warning/danger/tip) → its kind.
fn note_kind(node: NodeRef<Node>) -> Option<String> {
    let class = node.value().as_element()?.attr("class")?;
    class
        .split_whitespace()
        .find(|c| {
            matches!(
                *c,
                "note" | "notice" | "caution" | "warning" | "danger" | "tip"
            )
        })
        .map(str::to_string)
}

/// The verbatim text of a `<pre>`, with `<br>` as newlines.
fn pre_text(node: NodeRef<Node>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match d.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            _ => {}
        }
    }
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

/// HTML whitespace: runs of spaces, tabs and newlines (and NBSP) become one space.
fn collapse(t: &str) -> Cow<'_, str> {
    let b = t.as_bytes();
    // NBSP is C2 A0; most text has no NBSP, no control whitespace and no double space.
    let plain = !b
        .iter()
        .any(|&c| matches!(c, b'\t' | b'\n' | b'\r' | 0x0c | 0xC2))
        && !b.windows(2).any(|w| w == b"  ");
    if plain {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if c.is_ascii_whitespace() || c == '\u{a0}' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    Cow::Owned(out)
}
