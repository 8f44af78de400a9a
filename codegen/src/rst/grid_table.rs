//! Grid tables (`+---+---+` borders).
//!
//! Column boundaries come from the top border; every row line is cut by
//! character position, never split on `|`, because cells contain literal `|`s.
//! Cell text is dedented and parsed again as blocks. The corpus has no spans;
//! partial separators and misaligned boundaries are reported and the table is
//! still cut by the border's columns, so no text is lost.

use super::blocks::parse_body;
use super::{Ctx, Line, dedent_owned, trim, trim_end};
use crate::doc::{Block, BlockKind, Cell, Row, Table, TableForm};

/// `+---+===+` at column 0.
pub(crate) fn is_border(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 3
        && b[0] == b'+'
        && matches!(b[1], b'-' | b'=')
        && b[b.len() - 1] == b'+'
        && b.iter().all(|c| matches!(c, b'+' | b'-' | b'='))
}

/// A row under construction: one line list per column.
struct RawRow<'s> {
    line: u32,
    cols: Vec<Vec<Line<'s>>>,
}

struct GridParser<'c, 'a, 's> {
    ctx: &'c mut Ctx<'a>,
    bounds: Vec<usize>,
    header: Option<Vec<RawRow<'s>>>,
    rows: Vec<RawRow<'s>>,
    current: Option<RawRow<'s>>,
    misaligned_reported: bool,
}

/// Parses the grid table starting at `i`; returns the next line index.
pub(crate) fn parse(ctx: &mut Ctx, lines: &[Line], i: usize, depth: usize) -> (usize, Block) {
    let end = (i + 1..lines.len())
        .find(|&k| !matches!(lines[k].text.as_bytes().first(), Some(b'+' | b'|')))
        .unwrap_or(lines.len());
    let bounds = plus_positions(&lines[i].text);
    let mut p = GridParser {
        ctx,
        bounds,
        header: None,
        rows: Vec::new(),
        current: None,
        misaligned_reported: false,
    };
    for line in &lines[i + 1..end] {
        p.line(line);
    }
    if let Some(row) = p.current.take() {
        let last = lines[end - 1].no;
        p.ctx.warn(
            last,
            "rst-unclosed-table",
            "grid table ends without a closing border",
        );
        p.rows.push(row);
    }
    let (header, rows) = (
        p.header.take().unwrap_or_default(),
        std::mem::take(&mut p.rows),
    );
    let table = Table {
        caption: None,
        form: TableForm::Grid,
        header: finish_rows(p.ctx, header, depth),
        rows: finish_rows(p.ctx, rows, depth),
    };
    (end, Block::new(lines[i].no, BlockKind::Table(table)))
}

impl<'s> GridParser<'_, '_, 's> {
    fn line(&mut self, line: &'s Line<'_>) {
        if line.text.starts_with('+') {
            self.separator(line);
        } else {
            self.content(line);
        }
    }

    /// `+---+` ends a row; `+===+` also ends the header.
    fn separator(&mut self, line: &Line) {
        let text = &line.text;
        let full = is_border(text) && plus_positions(text) == self.bounds;
        if !full {
            let msg = "partial or misaligned row separator (spans are not supported); treated as a full separator";
            self.ctx.warn(line.no, "rst-grid-partial-separator", msg);
        }
        if let Some(row) = self.current.take() {
            self.rows.push(row);
        }
        if text.contains('=') {
            if self.header.is_some() {
                self.ctx.warn(
                    line.no,
                    "rst-grid-second-header",
                    "second header separator; later rows kept as body",
                );
            } else {
                self.header = Some(std::mem::take(&mut self.rows));
            }
        }
    }

    /// A `| a | b |` line: cut by the border's column positions.
    fn content(&mut self, line: &'s Line<'_>) {
        let cols = self.bounds.len().saturating_sub(1);
        let row = self.current.get_or_insert_with(|| RawRow {
            line: line.no,
            cols: vec![Vec::new(); cols],
        });
        let cut = Cutter::new(&line.text);
        // Text that sits on a boundary of a misaligned line is not a `|`: it
        // stays with the cell on its left (the first boundary's, with the first
        // cell) instead of falling between two cells.
        let on_bound = |b: usize| usize::from(!matches!(cut.char_at(b), Some('|' | '+') | None));
        for (k, col) in row.cols.iter_mut().enumerate() {
            let (b, next) = (self.bounds[k], self.bounds[k + 1]);
            let from = if k == 0 { b + 1 - on_bound(b) } else { b + 1 };
            let text = cut.slice(from, next + on_bound(next));
            col.push(Line::new(line.no, trim_end(text)));
        }
        let aligned = self
            .bounds
            .iter()
            .all(|&b| matches!(cut.char_at(b), Some('|' | '+')));
        let overflow = self
            .bounds
            .last()
            .map_or("", |&b| trim(cut.slice(b + 1, usize::MAX)));
        if !overflow.is_empty()
            && let Some(last) = row.cols.last_mut().and_then(|c| c.last_mut())
        {
            let text = last.text.to_mut();
            text.push(' ');
            text.push_str(overflow);
        }
        if (!aligned || !overflow.is_empty()) && !self.misaligned_reported {
            self.misaligned_reported = true;
            let msg = "row line does not match the border's column boundaries; cut by position";
            self.ctx.warn(line.no, "rst-grid-misaligned", msg);
        }
    }
}

/// Character positions of the `+`s (borders are ASCII; other text is counted in chars).
fn plus_positions(text: &str) -> Vec<usize> {
    if text.is_ascii() {
        return memchr::memchr_iter(b'+', text.as_bytes()).collect();
    }
    text.chars()
        .enumerate()
        .filter(|(_, c)| *c == '+')
        .map(|(n, _)| n)
        .collect()
}

fn finish_rows(ctx: &mut Ctx, rows: Vec<RawRow<'_>>, depth: usize) -> Vec<Row> {
    rows.into_iter()
        .map(|r| Row {
            line: r.line,
            cells: r
                .cols
                .into_iter()
                .map(|c| cell(ctx, r.line, c, depth))
                .collect(),
        })
        .collect()
}

/// A cell's lines → blocks; its line is that of its first content line.
pub(crate) fn cell(ctx: &mut Ctx, row_line: u32, lines: Vec<Line<'_>>, depth: usize) -> Cell {
    let body = dedent_owned(lines);
    let line = body.first().map_or(row_line, |l| l.no);
    Cell {
        line,
        blocks: parse_body(ctx, &body, depth + 1),
    }
}

/// Cuts a line by character position (byte position when ASCII).
pub(crate) struct Cutter<'a> {
    text: &'a str,
    /// Byte offset of each char, plus the end; None for ASCII lines.
    offsets: Option<Vec<usize>>,
}

impl<'a> Cutter<'a> {
    pub fn new(text: &'a str) -> Self {
        let offsets = (!text.is_ascii()).then(|| {
            let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            v.push(text.len());
            v
        });
        Cutter { text, offsets }
    }

    fn chars(&self) -> usize {
        self.offsets
            .as_ref()
            .map_or(self.text.len(), |o| o.len() - 1)
    }

    fn byte(&self, pos: usize) -> usize {
        let pos = pos.min(self.chars());
        self.offsets.as_ref().map_or(pos, |o| o[pos])
    }

    /// Characters `[from, to)`, clamped to the line.
    pub fn slice(&self, from: usize, to: usize) -> &'a str {
        let (a, b) = (self.byte(from), self.byte(to));
        if a >= b { "" } else { &self.text[a..b] }
    }

    pub fn char_at(&self, pos: usize) -> Option<char> {
        self.slice(pos, pos + 1).chars().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::doc::{BlockKind, blocks_plain};
    use crate::rst::normalise;

    fn table(src: &str) -> (Table, Diagnostics) {
        let mut diags = Diagnostics::default();
        let mut ctx = Ctx {
            file: "t.rst",
            diags: &mut diags,
            styles: Vec::new(),
        };
        let lines = normalise(src);
        let (_, block) = parse(&mut ctx, &lines, 0, 0);
        match block.kind {
            BlockKind::Table(t) => (t, diags),
            other => panic!("not a table: {other:?}"),
        }
    }

    fn texts(row: &Row) -> Vec<String> {
        row.cells.iter().map(|c| blocks_plain(&c.blocks)).collect()
    }

    #[test]
    fn pipes_inside_cells_stay_in_the_cell() {
        let (t, d) = table(
            "+------+-------------------+\n\
             | Name | Rule              |\n\
             +======+===================+\n\
             | tag  | no =*<>\\,|/ chars |\n\
             |      | | chpasswd -e     |\n\
             +------+-------------------+\n",
        );
        assert!(d.items.is_empty(), "{:?}", d.items);
        assert_eq!(texts(&t.header[0]), ["Name", "Rule"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(texts(&t.rows[0]), ["tag", "no =*<>,|/ chars | chpasswd -e"]);
        assert_eq!(t.rows[0].line, 4);
        assert_eq!(t.rows[0].cells[1].line, 4);
    }

    #[test]
    fn bullets_notes_and_blank_lines_in_cells() {
        let (t, _) = table(
            "+---+------------------------+\n\
             | A | B                      |\n\
             +===+========================+\n\
             | x | First.                 |\n\
             |   |                        |\n\
             |   | -  **one**             |\n\
             |   | -  two                 |\n\
             |   |                        |\n\
             |   |    -  nested           |\n\
             |   |                        |\n\
             |   | .. note::              |\n\
             |   |                        |\n\
             |   |    Careful.            |\n\
             +---+------------------------+\n\
             |   | second row             |\n\
             +---+------------------------+\n",
        );
        assert_eq!(t.rows.len(), 2);
        let cell = &t.rows[0].cells[1];
        let kinds: Vec<&str> = cell
            .blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Paragraph { .. } => "p",
                BlockKind::List { .. } => "list",
                BlockKind::Admonition { .. } => "note",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["p", "list", "note"]);
        let BlockKind::List { items, .. } = &cell.blocks[1].kind else {
            unreachable!()
        };
        assert_eq!(items.len(), 2);
        assert!(matches!(items[1].blocks[1].kind, BlockKind::List { .. }));
        assert_eq!(cell.blocks[2].line, 11);
        assert_eq!(t.rows[1].cells[0].blocks.len(), 0);
        assert_eq!(t.rows[1].cells[0].line, 15);
    }

    #[test]
    fn code_block_in_cell() {
        let (t, _) = table(
            "+---+--------------------+\n\
             | A | B                  |\n\
             +===+====================+\n\
             | x | Example:           |\n\
             |   |                    |\n\
             |   | .. code-block::    |\n\
             |   |                    |\n\
             |   |    {               |\n\
             |   |      \"a\": 1        |\n\
             |   |    }               |\n\
             +---+--------------------+\n",
        );
        let cell = &t.rows[0].cells[1];
        assert_eq!(
            cell.blocks[1].kind,
            BlockKind::Code {
                language: None,
                text: "{\n  \"a\": 1\n}".into()
            }
        );
    }

    #[test]
    fn partial_separator_and_unclosed_table_report() {
        let (t, d) = table(
            "+---+---+\n\
             | A | B |\n\
             +===+===+\n\
             | x | y |\n\
             +---+   +\n\
             | z | w |\n",
        );
        let codes: Vec<&str> = d.items.iter().map(|x| x.code).collect();
        assert_eq!(codes, ["rst-grid-partial-separator", "rst-unclosed-table"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(texts(&t.rows[1]), ["z", "w"]);
    }

    #[test]
    fn non_ascii_and_misaligned_lines() {
        let (t, d) = table(
            "+-----+-----+\n\
             | é   | ü   |\n\
             +=====+=====+\n\
             | ab  | cd  | extra\n\
             +-----+-----+\n",
        );
        assert_eq!(texts(&t.header[0]), ["é", "ü"]);
        assert_eq!(texts(&t.rows[0]), ["ab", "cd extra"]);
        assert_eq!(d.items[0].code, "rst-grid-misaligned");
    }

    #[test]
    fn text_on_a_boundary_is_kept() {
        let (t, d) = table(
            "+------+------+\n\
             | Name | Type |\n\
             +======+======+\n\
             | a    | String  overflow\n\
             | bbbbbbb| c  |\n\
             +------+------+\n",
        );
        // Before, the `g` of `String` and one `b` sat on boundaries and were lost.
        assert_eq!(texts(&t.rows[0]), ["a bbbbbb", "String overflow\nb| c"]);
        assert_eq!(d.items[0].code, "rst-grid-misaligned");
    }
}
