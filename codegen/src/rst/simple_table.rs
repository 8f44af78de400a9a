//! Simple tables (`=====  =====` borders).
//!
//! Columns come from the runs of `=` in the top border; the last column may
//! run past its border. A line whose first column is blank continues the
//! previous row (docutils' multi-line rows). Rows before the second border
//! form the header; the table ends at a border followed by a blank line.

use super::grid_table::{Cutter, cell};
use super::{Ctx, Line, trim, trim_end};
use crate::doc::{Block, BlockKind, Row, Table, TableForm};

/// `===  ===` at column 0 with at least two columns.
pub(crate) fn is_border(text: &str) -> bool {
    text.starts_with('=') && text.bytes().all(|b| b == b'=' || b == b' ') && runs(text).len() >= 2
}

/// `---  ---` row separators inside the body.
fn is_rule(text: &str) -> bool {
    text.starts_with('-') && text.bytes().all(|b| b == b'-' || b == b' ')
}

/// (start, end) character positions of each run of `=`.
fn runs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (n, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        match (c == '=', start) {
            (true, None) => start = Some(n),
            (false, Some(s)) => {
                out.push((s, n));
                start = None;
            }
            _ => {}
        }
    }
    out
}

struct RawRow<'s> {
    line: u32,
    cols: Vec<Vec<Line<'s>>>,
}

/// Parses the simple table starting at `i`; returns the next line index.
pub(crate) fn parse(ctx: &mut Ctx, lines: &[Line], i: usize, depth: usize) -> (usize, Block) {
    let cols = runs(&lines[i].text);
    let end = table_end(ctx, lines, i);
    let mut header: Option<Vec<RawRow<'_>>> = None;
    let mut rows: Vec<RawRow<'_>> = Vec::new();
    let mut overflow_reported = false;
    for (k, line) in lines.iter().enumerate().take(end).skip(i + 1) {
        if is_border(&line.text) {
            if header.is_none() && k + 1 < end {
                header = Some(std::mem::take(&mut rows));
            }
            continue;
        }
        if is_rule(&line.text) {
            continue;
        }
        let cut = Cutter::new(&line.text);
        let starts_row =
            line.is_blank() || !trim(cut.slice(0, cols[1].0)).is_empty() || rows.is_empty();
        if starts_row && !line.is_blank() {
            rows.push(RawRow {
                line: line.no,
                cols: vec![Vec::new(); cols.len()],
            });
        }
        let Some(row) = rows.last_mut() else { continue };
        for (n, col) in row.cols.iter_mut().enumerate() {
            let to = cols.get(n + 1).map_or(usize::MAX, |c| c.0);
            col.push(Line::new(line.no, trim_end(cut.slice(cols[n].0, to))));
        }
        let crosses = cols
            .windows(2)
            .any(|w| !trim(cut.slice(w[0].1, w[1].0)).is_empty());
        if crosses && !overflow_reported {
            overflow_reported = true;
            let msg = "text crosses a column boundary; kept in the column on its left";
            ctx.warn(line.no, "rst-simple-table-overflow", msg);
        }
    }
    let mut finish = |rows: Vec<RawRow<'_>>| -> Vec<Row> {
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
    };
    let table = Table {
        caption: None,
        form: TableForm::Simple,
        header: finish(header.unwrap_or_default()),
        rows: finish(rows),
    };
    (end, Block::new(lines[i].no, BlockKind::Table(table)))
}

/// One past the closing border: a border followed by a blank line or the end.
/// Without one, the table ends at the first blank line (reported).
fn table_end(ctx: &mut Ctx, lines: &[Line], i: usize) -> usize {
    let closing = (i + 1..lines.len())
        .find(|&k| is_border(&lines[k].text) && lines.get(k + 1).is_none_or(Line::is_blank));
    if let Some(k) = closing {
        return k + 1;
    }
    ctx.warn(
        lines[i].no,
        "rst-unclosed-table",
        "simple table has no closing border",
    );
    (i + 1..lines.len())
        .find(|&k| lines[k].is_blank())
        .unwrap_or(lines.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::doc::blocks_plain;
    use crate::rst::normalise;

    fn table(src: &str) -> (Table, Diagnostics, usize) {
        let mut diags = Diagnostics::default();
        let mut ctx = Ctx {
            file: "t.rst",
            diags: &mut diags,
            styles: Vec::new(),
        };
        let lines = normalise(src);
        let (next, block) = parse(&mut ctx, &lines, 0, 0);
        match block.kind {
            BlockKind::Table(t) => (t, diags, next),
            other => panic!("not a table: {other:?}"),
        }
    }

    fn texts(row: &Row) -> Vec<String> {
        row.cells.iter().map(|c| blocks_plain(&c.blocks)).collect()
    }

    #[test]
    fn header_rows_and_long_last_column() {
        let (t, d, next) = table(
            "========== ========= ======\n\
             Parameter  Mandatory Description\n\
             ========== ========= ======\n\
             project_id Yes       Project ID of a tenant in a region\n\
             volume_id  Yes       The disk ID.\n\
             ========== ========= ======\n\
             \n\
             after\n",
        );
        assert!(d.items.is_empty());
        assert_eq!(next, 6);
        assert_eq!(
            texts(&t.header[0]),
            ["Parameter", "Mandatory", "Description"]
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            texts(&t.rows[0]),
            ["project_id", "Yes", "Project ID of a tenant in a region"]
        );
        assert_eq!(t.rows[1].line, 5);
    }

    #[test]
    fn multi_line_cells_continue_the_row() {
        let (t, _, _) = table(
            "=====  ==========\n\
             Code   Meaning\n\
             =====  ==========\n\
             200    OK and\n\
             \x20      more text\n\
             \n\
             \x20      - a list\n\
             404    Not found\n\
             =====  ==========\n",
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(texts(&t.rows[0]), ["200", "OK and more text\n- a list"]);
        assert_eq!(texts(&t.rows[1]), ["404", "Not found"]);
        assert_eq!(t.rows[1].line, 8);
    }

    #[test]
    fn no_header_when_only_two_borders() {
        let (t, _, _) = table("===  ===\na    b\nc    d\n===  ===\n");
        assert!(t.header.is_empty());
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn unclosed_table_reports_and_stops_at_blank() {
        let (t, d, next) = table("===  ===\na    b\n===  ===\nc    d\n\nnot table\n");
        assert_eq!(d.items[0].code, "rst-unclosed-table");
        assert_eq!(next, 4);
        assert_eq!(t.rows.len(), 1);
    }
}
