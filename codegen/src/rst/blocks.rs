//! Block structure: sections, paragraphs, lists, quotes, literal blocks and
//! the dispatch to directives and tables.
//!
//! Every nested body (list item, quote, directive content, table cell) is
//! dedented and parsed again by [`parse_body`], so indentation is always
//! relative to column 0 here.

use super::{
    Ctx, Line, dedent, directive, grid_table, inline::parse_inlines, simple_table, trim_blank,
};
use crate::doc::{Block, BlockKind, Inlines, ListItem, SectionTree};
use std::borrow::Cow;

/// Nesting deeper than this is kept as verbatim code, which bounds recursion.
const MAX_DEPTH: usize = 48;

/// A parsed unit before sections are nested.
enum Node {
    Heading {
        line: u32,
        labels: Vec<String>,
        level: u8,
        title: Inlines,
    },
    Block(Block),
}

/// Parses a whole page and nests its sections.
pub(crate) fn parse_page(ctx: &mut Ctx, lines: &[Line]) -> Vec<Block> {
    let mut parser = BlockParser {
        ctx,
        depth: 0,
        top: true,
    };
    let nodes = parser.nodes(lines);
    nest_sections(nodes)
}

/// Parses a nested body (already dedented); headings are not recognised here.
pub(crate) fn parse_body(ctx: &mut Ctx, lines: &[Line], depth: usize) -> Vec<Block> {
    if depth > MAX_DEPTH {
        return too_deep(ctx, lines);
    }
    let mut parser = BlockParser {
        ctx,
        depth,
        top: false,
    };
    let mut blocks: Vec<Block> = parser
        .nodes(lines)
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
        })
        .collect();
    // Most bodies (table cells) hold one block; a growing Vec holds room for
    // four, and the documents of a service are all kept until it is extracted.
    blocks.shrink_to_fit();
    blocks
}

fn too_deep(ctx: &mut Ctx, lines: &[Line]) -> Vec<Block> {
    let lines = trim_blank(lines);
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    ctx.warn(
        first.no,
        "rst-too-deep",
        "nesting too deep; kept as verbatim text",
    );
    vec![Block::new(
        first.no,
        BlockKind::Code {
            language: None,
            text: join_text(lines),
        },
    )]
}

/// Builds the section tree: each heading owns the nodes up to the next
/// heading of the same or a higher level.
fn nest_sections(nodes: Vec<Node>) -> Vec<Block> {
    let mut tree = SectionTree::default();
    for node in nodes {
        match node {
            Node::Block(b) => tree.push(b),
            Node::Heading {
                line,
                labels,
                level,
                title,
            } => tree.heading(line, labels, level, title),
        }
    }
    tree.finish()
}

struct BlockParser<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    depth: usize,
    top: bool,
}

impl BlockParser<'_, '_> {
    fn nodes(&mut self, lines: &[Line]) -> Vec<Node> {
        // Room for one: most bodies (table cells) hold a single block.
        let mut out = Vec::with_capacity(1);
        let mut labels: Vec<String> = Vec::new();
        let mut label_line = 0;
        let mut i = 0;
        while i < lines.len() {
            if lines[i].is_blank() {
                i += 1;
                continue;
            }
            if let Some(label) = label_name(&lines[i].text) {
                label_line = lines[i].no;
                labels.push(label);
                i += 1;
                continue;
            }
            let first = out.len();
            let next = self.node(lines, i, &mut out);
            i = next.max(i + 1);
            for node in &mut out[first..] {
                match node {
                    Node::Block(b) => b.labels.append(&mut labels),
                    Node::Heading { labels: l, .. } => l.append(&mut labels),
                }
            }
        }
        if !labels.is_empty() {
            let msg = format!("label(s) {} point at no block", labels.join(", "));
            self.ctx.note(label_line, "rst-dangling-label", msg);
        }
        out
    }

    /// Parses the construct at `i` (non-blank) into `out`; returns the next
    /// line index. (Pushing into the caller's list spares a `Vec` per block.)
    fn node(&mut self, lines: &[Line], i: usize, out: &mut Vec<Node>) -> usize {
        let line = &lines[i];
        let (next, block) = if line.indent() > 0 {
            self.quote(lines, i)
        } else if self.top
            && let Some((next, heading)) = self.heading(lines, i)
        {
            out.extend(heading);
            return next;
        } else {
            let text: &str = &line.text;
            if text.starts_with("..") && (text.len() == 2 || text[2..].starts_with(' ')) {
                let (next, blocks) = directive::parse(self.ctx, lines, i, self.depth);
                out.extend(blocks.into_iter().map(Node::Block));
                return next;
            }
            if grid_table::is_border(text) {
                grid_table::parse(self.ctx, lines, i, self.depth)
            } else if simple_table::is_border(text) {
                simple_table::parse(self.ctx, lines, i, self.depth)
            } else if let Some(marker) = list_marker(text) {
                self.list(lines, i, marker)
            } else if is_transition(lines, i) {
                return i + 1;
            } else {
                return self.paragraph(lines, i, out);
            }
        };
        out.push(Node::Block(block));
        next
    }

    /// An indented block that belongs to nothing else.
    fn quote(&mut self, lines: &[Line], i: usize) -> (usize, Block) {
        let end = indented_end(lines, i + 1);
        let body = dedent(trim_blank(&lines[i..end]));
        let blocks = parse_body(self.ctx, &body, self.depth + 1);
        (end, Block::new(lines[i].no, BlockKind::Quote { blocks }))
    }

    /// Underlined or over- and underlined titles (top level only).
    fn heading(&mut self, lines: &[Line], i: usize) -> Option<(usize, Vec<Node>)> {
        let text = &lines[i].text;
        let at = |k: usize| lines.get(k).map(|l| &*l.text);
        if let Some(over) = adornment_char(text) {
            let title = at(i + 1)?.trim();
            let under = at(i + 2)?;
            if title.is_empty()
                || adornment_char(under) != Some(over)
                || adornment_char(title).is_some()
            {
                return None;
            }
            let node = self.make_heading(&lines[i + 1], (over, true));
            return Some((i + 3, vec![node]));
        }
        let under = at(i + 1)?;
        let c = adornment_char(under)?;
        let (tw, uw) = (text.chars().count(), under.chars().count());
        if uw < tw && uw < 4 {
            return None;
        }
        Some((i + 2, vec![self.make_heading(&lines[i], (c, false))]))
    }

    fn make_heading(&mut self, title: &Line, style: (char, bool)) -> Node {
        let idx = match self.ctx.styles.iter().position(|s| *s == style) {
            Some(p) => p,
            None => {
                self.ctx.styles.push(style);
                self.ctx.styles.len() - 1
            }
        };
        Node::Heading {
            line: title.no,
            labels: Vec::new(),
            level: u8::try_from(idx + 1).unwrap_or(u8::MAX),
            title: parse_inlines(title.text.trim()),
        }
    }

    /// Consecutive lines at column 0; a trailing `::` starts a literal block.
    fn paragraph(&mut self, lines: &[Line], i: usize, out: &mut Vec<Node>) -> usize {
        let mut end = i + 1;
        while end < lines.len() && !lines[end].is_blank() && lines[end].indent() == 0 {
            end += 1;
        }
        // Most paragraphs (table cells) are one line: no joined copy then.
        let mut text: Cow<str> = match &lines[i..end] {
            [one] => Cow::Borrowed(&one.text),
            many => Cow::Owned(join_with(many, ' ')),
        };
        let literal = text.ends_with("::");
        if literal {
            text = Cow::Owned(literal_marker_text(&text));
        }
        if !text.is_empty() {
            let para = BlockKind::Paragraph {
                text: parse_inlines(&text),
            };
            out.push(Node::Block(Block::new(lines[i].no, para)));
        }
        if !literal {
            return end;
        }
        let (next, code) = self.literal_after(lines, end);
        out.extend(code.map(Node::Block));
        next
    }

    /// The indented literal block after a `::` paragraph ending at `end`.
    fn literal_after(&mut self, lines: &[Line], end: usize) -> (usize, Option<Block>) {
        let first = (end..lines.len()).find(|&k| !lines[k].is_blank());
        let Some(first) = first.filter(|&k| lines[k].indent() > 0) else {
            let line = lines[end - 1].no;
            self.ctx.warn(
                line,
                "rst-missing-literal",
                "`::` is not followed by an indented literal block",
            );
            return (end, None);
        };
        let stop = indented_end(lines, first + 1);
        let body = dedent(trim_blank(&lines[first..stop]));
        let code = BlockKind::Code {
            language: None,
            text: join_text(&body),
        };
        (stop, Some(Block::new(lines[first].no, code)))
    }

    /// Lists: consecutive items with the same kind of marker.
    fn list(&mut self, lines: &[Line], i: usize, marker: Marker) -> (usize, Block) {
        let mut items = Vec::new();
        let mut k = i;
        loop {
            let (end, item) = self.list_item(lines, k, marker.width_at(&lines[k].text));
            items.push(item);
            let next = (end..lines.len()).find(|&n| !lines[n].is_blank());
            match next.and_then(|n| {
                list_marker(&lines[n].text)
                    .filter(|m| m.same_list(&marker))
                    .map(|_| n)
            }) {
                Some(n) if lines[n].indent() == 0 => k = n,
                _ => {
                    k = end;
                    break;
                }
            }
        }
        let kind = BlockKind::List {
            ordered: marker.ordered(),
            items,
        };
        (k, Block::new(lines[i].no, kind))
    }

    fn list_item(&mut self, lines: &[Line], i: usize, marker_width: usize) -> (usize, ListItem) {
        let first = &lines[i];
        let rest = first.text.get(marker_width..).unwrap_or("");
        let content_indent = if rest.trim().is_empty() {
            // Marker alone: the item's indentation is that of its next line.
            (i + 1..lines.len())
                .find(|&k| !lines[k].is_blank())
                .map(|k| lines[k].indent())
                .filter(|&n| n > 0)
                .unwrap_or(marker_width)
        } else {
            marker_width + (rest.len() - rest.trim_start().len())
        };
        let end = indented_end(lines, i + 1);
        let mut body = vec![Line::new(
            first.no,
            first
                .text
                .get(content_indent..)
                .unwrap_or(rest.trim_start()),
        )];
        for l in &lines[i + 1..end] {
            let cut = l.indent().min(content_indent);
            body.push(Line::new(l.no, l.text.get(cut..).unwrap_or("")));
        }
        let body = trim_blank(&body);
        let (labels, body) = leading_labels(body);
        let blocks = parse_body(self.ctx, body, self.depth + 1);
        (
            end,
            ListItem {
                line: first.no,
                labels,
                blocks,
            },
        )
    }
}

/// Labels stacked at the start of a list item body (`-  .. _x:`).
fn leading_labels<'s, 'a>(body: &'s [Line<'a>]) -> (Vec<String>, &'s [Line<'a>]) {
    let mut labels = Vec::new();
    let mut k = 0;
    while k < body.len() {
        if body[k].is_blank() {
            k += 1;
            continue;
        }
        match label_name(&body[k].text) {
            Some(l) if body[k].indent() == 0 => {
                labels.push(l);
                k += 1;
            }
            _ => break,
        }
    }
    if labels.is_empty() {
        return (labels, body);
    }
    (labels, &body[k..])
}

/// `.. _name:` → `name` (external targets `.. _x: url` are not labels).
pub(crate) fn label_name(text: &str) -> Option<String> {
    let rest = text.strip_prefix(".. _")?;
    let name = rest.strip_suffix(':')?;
    let name = name
        .strip_prefix('`')
        .and_then(|n| n.strip_suffix('`'))
        .unwrap_or(name);
    if name.is_empty() || name.contains(": ") {
        return None;
    }
    Some(name.to_string())
}

/// Index of the first non-blank line at column 0 at or after `from`.
pub(crate) fn indented_end(lines: &[Line], from: usize) -> usize {
    (from..lines.len())
        .find(|&k| !lines[k].is_blank() && lines[k].indent() == 0)
        .unwrap_or(lines.len())
}

/// Joins lines with `\n`.
pub(crate) fn join_text(lines: &[Line]) -> String {
    join_with(lines, '\n')
}

fn join_with(lines: &[Line], sep: char) -> String {
    let len = lines.iter().map(|l| l.text.len() + 1).sum();
    let mut out = String::with_capacity(len);
    for (n, l) in lines.iter().enumerate() {
        if n > 0 {
            out.push(sep);
        }
        out.push_str(&l.text);
    }
    out
}

/// `Example::` → `Example:`; `text ::` → `text`; `::` → ``.
fn literal_marker_text(text: &str) -> String {
    let body = &text[..text.len() - 2];
    if body.is_empty() || body.ends_with(' ') {
        body.trim_end().to_string()
    } else {
        format!("{body}:")
    }
}

/// The character of a section adornment line (one repeated punctuation char).
fn adornment_char(text: &str) -> Option<char> {
    let c = text.chars().next()?;
    let ok = c.is_ascii_punctuation() && text.chars().all(|x| x == c);
    ok.then_some(c)
}

/// A lone adornment line between blank lines.
fn is_transition(lines: &[Line], i: usize) -> bool {
    adornment_char(&lines[i].text).is_some() && lines[i].text.len() >= 4
}

#[derive(Clone, Copy, Debug)]
enum Marker {
    Bullet(char),
    Enumerated,
}

impl Marker {
    fn ordered(&self) -> bool {
        matches!(self, Marker::Enumerated)
    }

    fn same_list(&self, other: &Marker) -> bool {
        match (self, other) {
            (Marker::Bullet(a), Marker::Bullet(b)) => a == b,
            (Marker::Enumerated, Marker::Enumerated) => true,
            _ => false,
        }
    }

    /// Width of the marker itself on `text` (e.g. `-` → 1, `12.` → 3).
    fn width_at(&self, text: &str) -> usize {
        match self {
            Marker::Bullet(_) => 1,
            Marker::Enumerated => text.find(' ').unwrap_or(text.len()),
        }
    }
}

/// `- x`, `* x`, `+ x`, `#. x`, `1. x`, `a. x`, `1) x`, `(1) x`.
fn list_marker(text: &str) -> Option<Marker> {
    let mut chars = text.chars();
    let c = chars.next()?;
    let after = chars.next();
    if matches!(c, '-' | '*' | '+') && matches!(after, None | Some(' ')) {
        return Some(Marker::Bullet(c));
    }
    let token = text.split(' ').next()?;
    is_enumerator(token).then_some(Marker::Enumerated)
}

fn is_enumerator(token: &str) -> bool {
    let inner = if let Some(t) = token.strip_prefix('(') {
        t.strip_suffix(')')
    } else {
        token.strip_suffix('.').or_else(|| token.strip_suffix(')'))
    };
    let Some(inner) = inner else { return false };
    inner == "#"
        || (!inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()))
        || (inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use crate::diag::Diagnostics;
    use crate::doc::{Block, BlockKind, Inline, blocks_plain, plain_text};

    fn parse(src: &str) -> (Vec<Block>, Diagnostics) {
        let mut d = Diagnostics::default();
        let doc = crate::rst::parse("t.rst", src, &mut d);
        (doc.blocks, d)
    }

    /// A compact outline: kind and line per block, nested with indentation.
    fn outline(blocks: &[Block]) -> String {
        let mut out = String::new();
        walk(blocks, 0, &mut out);
        out
    }

    fn walk(blocks: &[Block], depth: usize, out: &mut String) {
        for b in blocks {
            let pad = "  ".repeat(depth);
            let labels = if b.labels.is_empty() {
                String::new()
            } else {
                format!(" {:?}", b.labels)
            };
            let head = match &b.kind {
                BlockKind::Section { level, title, .. } => {
                    format!("section{level} {}", plain_text(title))
                }
                BlockKind::Paragraph { text } => format!("p {}", plain_text(text)),
                BlockKind::List { ordered, items } => {
                    let item_labels: Vec<&Vec<String>> = items
                        .iter()
                        .map(|i| &i.labels)
                        .filter(|l| !l.is_empty())
                        .collect();
                    format!(
                        "list ordered={ordered} items={} {item_labels:?}",
                        items.len()
                    )
                }
                BlockKind::Table(t) => format!(
                    "table {:?} caption={:?} rows={}",
                    t.form,
                    t.caption
                        .as_ref()
                        .map(|c| (c.number.clone(), plain_text(&c.text))),
                    t.rows.len()
                ),
                BlockKind::Code { language, text } => format!("code {language:?} {text:?}"),
                BlockKind::Admonition { kind, .. } => format!("admonition {kind}"),
                BlockKind::Quote { .. } => "quote".to_string(),
                BlockKind::Directive { name, argument } => format!("directive {name} {argument}"),
            };
            out.push_str(&format!("{pad}{}: {head}{labels}\n", b.line));
            if let BlockKind::List { items, .. } = &b.kind {
                for item in items {
                    walk(&item.blocks, depth + 1, out);
                }
            } else {
                let children: Vec<Block> = b.children().cloned().collect();
                walk(&children, depth + 1, out);
            }
        }
    }

    #[test]
    fn sections_nest_by_first_appearance_of_style() {
        let (blocks, _) = parse(
            ".. _page:\n\nTitle\n=====\n\nIntro.\n\nA\n-\n\nBody a.\n\nA.1\n~~~\n\ndeep\n\nB\n---\n\n.. _b_label:\n\nbody b\n",
        );
        assert_eq!(
            outline(&blocks),
            "3: section1 Title [\"page\"]\n  6: p Intro.\n  8: section2 A\n    11: p Body a.\n    13: section3 A.1\n      16: p deep\n  18: section2 B\n    23: p body b [\"b_label\"]\n"
        );
    }

    #[test]
    fn overline_titles_get_their_own_level() {
        let (blocks, _) = parse("=====\nTop\n=====\n\nSub\n===\n\ntext\n");
        assert_eq!(
            outline(&blocks),
            "2: section1 Top\n  5: section2 Sub\n    8: p text\n"
        );
    }

    #[test]
    fn pseudo_heading_items_hold_uri_lines_and_tables() {
        let src = "URI\n---\n\n-  URI format\n\n   POST /v3/{project_id}/tags/action\n\n-  Parameter description\n\n   ========== =========\n   Parameter  Mandatory\n   ========== =========\n   project_id Yes\n   ========== =========\n";
        let (blocks, _) = parse(src);
        assert_eq!(
            outline(&blocks),
            "1: section1 URI\n  4: list ordered=false items=2 []\n    4: p URI format\n    6: p POST /v3/{project_id}/tags/action\n    8: p Parameter description\n    10: table Simple caption=None rows=1\n"
        );
    }

    #[test]
    fn labels_on_list_items() {
        let src = "-  .. _evs_li1:\n\n   Parameters in the **resource_tag** field\n\n   +---+\n   | a |\n   +===+\n   | b |\n   +---+\n\n#. .. _obs_li2:\n\n   Step one\n";
        let (blocks, _) = parse(src);
        assert_eq!(
            outline(&blocks),
            "1: list ordered=false items=1 [[\"evs_li1\"]]\n  3: p Parameters in the resource_tag field\n  5: table Grid caption=None rows=1\n11: list ordered=true items=1 [[\"obs_li2\"]]\n  13: p Step one\n"
        );
    }

    #[test]
    fn literal_blocks() {
        let src = "Example::\n\n   {\n     \"a\": 1\n   }\n\nText ::\n\n    x\n\n::\n\n    y\n";
        let (blocks, _) = parse(src);
        assert_eq!(
            outline(&blocks),
            "1: p Example:\n3: code None \"{\\n  \\\"a\\\": 1\\n}\"\n7: p Text\n9: code None \"x\"\n13: code None \"y\"\n"
        );
    }

    #[test]
    fn directives_admonitions_and_comments() {
        let src = ".. note::\n\n   Be careful.\n\n.. important:: Inline start\n   and more.\n\n.. code-block:: text\n\n   GET /v1/x\n\n.. figure:: /_static/a.png\n   :width: 10\n\n   Caption text\n\n.. toctree::\n   :hidden:\n\n   page_a\n\n.. this is a comment\n   still comment\n\n.. mystery:: arg\n\n.. table:: **Table 3** Query Parameters\n\n   ===== ====\n   a     b\n   ===== ====\n   c     d\n   ===== ====\n";
        let (blocks, d) = parse(src);
        assert_eq!(
            outline(&blocks),
            "1: admonition note\n  3: p Be careful.\n5: admonition important\n  5: p Inline start and more.\n8: code Some(\"text\") \"GET /v1/x\"\n12: directive figure /_static/a.png\n17: directive toctree \n25: directive mystery arg\n27: table Simple caption=Some((Some(\"3\"), \"Query Parameters\")) rows=1\n"
        );
        assert_eq!(d.by_code().get("rst-unknown-directive"), Some(&1));
    }

    #[test]
    fn quotes_and_field_lists() {
        let (blocks, _) = parse(":field: value\n\n   quoted text\n");
        assert_eq!(
            outline(&blocks),
            "1: p :field: value\n3: quote\n  3: p quoted text\n"
        );
    }

    #[test]
    fn nested_lists_and_enumerations() {
        let (blocks, _) = parse("-  a\n\n   -  b\n   -  c\n\n-  d\n\n1. one\n2. two\n\n* star\n");
        assert_eq!(
            outline(&blocks),
            "1: list ordered=false items=2 []\n  1: p a\n  3: list ordered=false items=2 []\n    3: p b\n    4: p c\n  6: p d\n8: list ordered=true items=2 []\n  8: p one\n  9: p two\n11: list ordered=false items=1 []\n  11: p star\n"
        );
        let (blocks, _) = parse("-  x\n-  y\n");
        let BlockKind::List { items, .. } = &blocks[0].kind else {
            panic!()
        };
        assert_eq!(blocks_plain(&items[1].blocks), "y");
    }

    #[test]
    fn paragraph_lines_join_with_spaces() {
        let (blocks, _) = parse("one\ntwo **b**\n");
        let BlockKind::Paragraph { text } = &blocks[0].kind else {
            panic!()
        };
        assert_eq!(
            text,
            &vec![
                Inline::Text {
                    text: "one two ".into()
                },
                Inline::Strong { text: "b".into() }
            ]
        );
    }
}
