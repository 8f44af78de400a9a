//! HTML `<table>` blocks → [`Table`]s with a rectangular grid.
//!
//! html5ever builds the tree (and recovers from unclosed tags); it keeps no
//! source positions, so the lines of `<table>`, `<tr>` and `<td>`/`<th>` tags
//! are found by scanning the raw block once ([`TagLines`]) and handed out in
//! document order while the tree is walked in the same order.
//! `rowspan`/`colspan` are expanded by copying the spanned cell into every
//! slot it covers; rows are then fitted to the header's width.

use super::Ctx;
use super::html_inline::Walk;
use crate::doc::{Block, BlockKind, Caption, Cell, Row, Table, TableForm};
use ego_tree::NodeRef;
use scraper::Node;
use std::collections::VecDeque;

/// Upper bounds from the HTML standard; they also bound the work per table.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;

/// Whether an HTML block holds a table.
pub(crate) fn contains_table(html: &str) -> bool {
    count_tags(html, b"<table") > 0
}

/// Occurrences of `tag` (lower case, e.g. `<table`) in `html`, in any case.
fn count_tags(html: &str, tag: &[u8]) -> usize {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes)
        .filter(|&i| {
            bytes
                .get(i..i + tag.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(tag))
        })
        .count()
}

/// Source lines of the table tags of one HTML block, in document order.
#[derive(Debug, Default)]
pub(crate) struct TagLines {
    tables: VecDeque<u32>,
    rows: VecDeque<u32>,
    cells: VecDeque<u32>,
    /// Returned when a queue runs dry (tags html5ever implied, e.g. a `<tr>`).
    last: u32,
}

impl TagLines {
    /// Scans `html`, whose first line is `first_line` of the page.
    pub fn scan(html: &str, first_line: u32) -> Self {
        let mut tags = TagLines {
            last: first_line,
            ..TagLines::default()
        };
        let bytes = html.as_bytes();
        let mut line = first_line;
        for i in memchr::memchr2_iter(b'\n', b'<', bytes) {
            if bytes[i] == b'\n' {
                line = line.saturating_add(1);
            } else {
                match tag_name(&bytes[i + 1..]) {
                    Some(TagKind::Table) => tags.tables.push_back(line),
                    Some(TagKind::Row) => tags.rows.push_back(line),
                    Some(TagKind::Cell) => tags.cells.push_back(line),
                    None => {}
                }
            }
        }
        tags
    }

    fn take(queue: &mut VecDeque<u32>, last: &mut u32) -> u32 {
        if let Some(l) = queue.pop_front() {
            *last = l;
        }
        *last
    }

    pub fn table(&mut self) -> u32 {
        Self::take(&mut self.tables, &mut self.last)
    }

    fn row(&mut self) -> u32 {
        Self::take(&mut self.rows, &mut self.last)
    }

    fn cell(&mut self) -> u32 {
        Self::take(&mut self.cells, &mut self.last)
    }
}

enum TagKind {
    Table,
    Row,
    Cell,
}

/// The kind of an opening tag starting right after a `<`.
fn tag_name(rest: &[u8]) -> Option<TagKind> {
    let end = rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    // `<table` at the very end of the block still counts as a tag.
    let terminated = rest
        .get(end)
        .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
    if !terminated {
        return None;
    }
    let name = &rest[..end];
    if name.eq_ignore_ascii_case(b"table") {
        Some(TagKind::Table)
    } else if name.eq_ignore_ascii_case(b"tr") {
        Some(TagKind::Row)
    } else if name.eq_ignore_ascii_case(b"td") || name.eq_ignore_ascii_case(b"th") {
        Some(TagKind::Cell)
    } else {
        None
    }
}

/// Parses an HTML block that holds a table (and possibly anchors or text
/// around it) into blocks; `line` is the block's first line.
pub(crate) fn parse_block(ctx: &mut Ctx, html: &str, line: u32) -> Vec<Block> {
    if count_tags(html, b"<table") > count_tags(html, b"</table") {
        ctx.warn(
            line,
            "md-html-unclosed-table",
            "<table> without </table>; closed at the end of the HTML block",
        );
    }
    let doc = super::html_inline::parse_bounded(ctx, html, line);
    let mut walk = Walk::new(ctx, TagLines::scan(html, line), line);
    let mut blocks = walk.blocks(*doc.root_element());
    // Anchors beside the table in the same block label the first block.
    if let Some(first) = blocks.first_mut() {
        first.labels.append(&mut walk.labels);
    }
    blocks
}

/// A cell before span expansion.
#[derive(Clone)]
struct RawCell {
    cell: Cell,
    rowspan: usize,
    colspan: usize,
}

struct RawRow {
    line: u32,
    cells: Vec<RawCell>,
}

/// Reads one `<table>` element (the walk is positioned on it in document order).
pub(crate) fn table(walk: &mut Walk, node: NodeRef<Node>) -> Block {
    let line = walk.tags.table();
    let outer_line = walk.line;
    // Anchors inside cells (`<p id>` doubles) label nothing the model keeps.
    let outer_labels = walk.labels.len();
    let mut header = Vec::new();
    let mut body = Vec::new();
    let mut caption = None;
    for child in node.children() {
        let Some(e) = child.value().as_element() else {
            continue;
        };
        match e.name() {
            "thead" => header.extend(rows_of(walk, child)),
            "tbody" | "tfoot" => body.extend(rows_of(walk, child)),
            "tr" => body.push(row(walk, child)),
            "caption" => caption = caption_of(walk, child),
            _ => {}
        }
    }
    walk.line = outer_line;
    walk.labels.truncate(outer_labels);
    // Without `<thead>` the first row is the header.
    let header_count = if header.is_empty() {
        body.len().min(1)
    } else {
        header.len()
    };
    header.append(&mut body);
    let (mut rows, cut) = expand_spans(header);
    if cut {
        walk.ctx.warn(
            line,
            "md-span-budget",
            format!(
                "rowspan/colspan copies exceed {} KiB in this table; the rest are not expanded (each cell kept once)",
                SPAN_BUDGET / 1024
            ),
        );
    }
    fit_width(walk.ctx, &mut rows);
    let body = rows.split_off(header_count.min(rows.len()));
    let table = Table {
        caption,
        form: TableForm::Html,
        header: rows,
        rows: body,
    };
    Block::new(line, BlockKind::Table(table))
}

fn rows_of(walk: &mut Walk, group: NodeRef<Node>) -> Vec<RawRow> {
    group
        .children()
        .filter(|c| c.value().as_element().is_some_and(|e| e.name() == "tr"))
        .map(|tr| row(walk, tr))
        .collect()
}

fn row(walk: &mut Walk, tr: NodeRef<Node>) -> RawRow {
    let line = walk.tags.row();
    let mut cells = Vec::new();
    for child in tr.children() {
        let Some(e) = child.value().as_element() else {
            continue;
        };
        if !matches!(e.name(), "td" | "th") {
            continue;
        }
        let cell_line = walk.tags.cell();
        walk.line = cell_line;
        let blocks = walk.blocks(child);
        cells.push(RawCell {
            cell: Cell {
                line: cell_line,
                blocks,
            },
            rowspan: span(e.attr("rowspan"), MAX_ROWSPAN),
            colspan: span(e.attr("colspan"), MAX_COLSPAN),
        });
    }
    RawRow { line, cells }
}

/// A span attribute: missing, zero or junk count as 1.
fn span(value: Option<&str>, max: usize) -> usize {
    value
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

fn caption_of(walk: &mut Walk, node: NodeRef<Node>) -> Option<Caption> {
    let blocks = walk.blocks(node);
    let text = blocks.into_iter().find_map(|b| match b.kind {
        BlockKind::Paragraph { text } => Some(text),
        _ => None,
    })?;
    Some(Caption { number: None, text })
}

/// What the copies of spanned cells may cost in one table, in bytes of text
/// (each copy also counts [`SLOT_COST`]): one `rowspan × colspan` cell of a
/// small page could otherwise ask for millions of copies (680 MB were seen).
/// Parameter tables of the corpus span a few cells of a few rows.
const SPAN_BUDGET: usize = 8 << 20;
const SLOT_COST: usize = 64;

/// The spans' budget: what is left, and whether some copy was refused.
struct Budget {
    left: usize,
    cut: bool,
}

impl Budget {
    /// Charges one copy of a cell of `weight`; false once the budget is spent.
    fn charge(&mut self, weight: usize) -> bool {
        if self.cut || self.left < weight {
            self.cut = true;
            return false;
        }
        self.left -= weight;
        true
    }
}

fn weight(cell: &Cell) -> usize {
    SLOT_COST + cell.plain().len()
}

/// Expands `rowspan`/`colspan` into a grid: a spanned cell is copied into
/// every slot it covers, within [`SPAN_BUDGET`] (true when it ran out: the
/// remaining spans count as 1). Row spans never reach past the last row.
fn expand_spans(raw: Vec<RawRow>) -> (Vec<Row>, bool) {
    let mut budget = Budget {
        left: SPAN_BUDGET,
        cut: false,
    };
    let total = raw.len();
    // Per column: rows still covered by a cell from above, and that cell.
    let mut carry: Vec<Option<(usize, Cell, usize)>> = Vec::new();
    let mut out = Vec::with_capacity(total);
    for (r, raw_row) in raw.into_iter().enumerate() {
        let mut cells: Vec<Cell> = Vec::new();
        let mut pending = raw_row.cells.into_iter();
        let mut col = 0;
        loop {
            if let Some((cell, w)) = take_carry(&mut carry, col) {
                if budget.charge(w) {
                    cells.push(cell);
                    col += 1;
                    continue;
                }
                carry.clear();
            }
            let Some(raw_cell) = pending.next() else {
                // Cells carried down into columns past this row's own cells.
                if carry[col.min(carry.len())..].iter().any(Option::is_some) {
                    cells.push(Cell {
                        line: raw_row.line,
                        blocks: Vec::new(),
                    });
                    col += 1;
                    continue;
                }
                break;
            };
            let rows_left = total - r;
            let rowspan = raw_cell.rowspan.min(rows_left);
            let spans = rowspan > 1 || raw_cell.colspan > 1;
            let w = if spans { weight(&raw_cell.cell) } else { 0 };
            // Copies for the spanned slots; the cell itself goes in the last one.
            let mut width = 1;
            while width < raw_cell.colspan && budget.charge(w) {
                cells.push(raw_cell.cell.clone());
                width += 1;
            }
            if rowspan > 1 && !budget.cut {
                if carry.len() < col + width {
                    carry.resize(col + width, None);
                }
                for slot in &mut carry[col..col + width] {
                    *slot = Some((rowspan - 1, raw_cell.cell.clone(), w));
                }
            }
            cells.push(raw_cell.cell);
            col += width;
        }
        out.push(Row {
            line: raw_row.line,
            cells,
        });
    }
    (out, budget.cut)
}

/// The cell carried down into `col` (a copy) and its weight.
fn take_carry(carry: &mut [Option<(usize, Cell, usize)>], col: usize) -> Option<(Cell, usize)> {
    let slot = carry.get_mut(col)?;
    let (left, cell, w) = slot.as_mut()?;
    let out = (cell.clone(), *w);
    *left -= 1;
    if *left == 0 {
        *slot = None;
    }
    Some(out)
}

/// Fits every row to the first row's width: short rows get empty cells,
/// extra cells are merged into the last one (text is never dropped).
fn fit_width(ctx: &mut Ctx, rows: &mut [Row]) {
    let Some(width) = rows.first().map(|r| r.cells.len()) else {
        return;
    };
    for row in rows.iter_mut() {
        let len = row.cells.len();
        if len == width || width == 0 {
            continue;
        }
        let msg = format!("row has {len} cells, header has {width}");
        ctx.warn(row.line, "md-html-row-width", msg);
        if len < width {
            let line = row.line;
            row.cells.resize_with(width, || Cell {
                line,
                blocks: Vec::new(),
            });
        } else {
            let extra: Vec<Block> = row.cells.drain(width..).flat_map(|c| c.blocks).collect();
            if let Some(last) = row.cells.last_mut() {
                last.blocks.extend(extra);
            }
        }
    }
}
