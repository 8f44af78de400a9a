//! Markdown reader: Huawei Cloud pages (Chinese Markdown with embedded HTML
//! `<table>` blocks and some GFM pipe tables) → [`crate::doc::Document`].
//!
//! Markdown structure comes from pulldown-cmark (with offsets, so every block
//! keeps its 1-based line); HTML tables are parsed by a real HTML parser
//! (`scraper`, i.e. html5ever), which recovers from unclosed tags. The mapping
//! onto the model is the same as the RST reader's: `#` headings nest as
//! sections, `<a name>` anchors become labels, `**表 N**  Name` paragraphs
//! become table captions, note blockquotes become admonitions.
//!
//! Modules: [`blocks`] turns pulldown events into blocks and sections,
//! [`inline`] turns inline events into [`crate::doc::Inline`]s, [`html_table`]
//! reads `<table>` blocks and [`html_inline`] the content of their cells.
//!
//! Diagnostic codes (all warnings unless noted):
//! - `md-html-unclosed-table`: a `<table>` HTML block without `</table>`
//!   (html5ever closes it; text after a blank line is read as Markdown);
//! - `md-html-not-table` (note): an HTML block that is not a table, read as
//!   cell-like content;
//! - `md-pipe-row-width`: a pipe-table row whose cell count differs from the
//!   header's; short rows are padded, extra cells are appended to the last one;
//! - `md-dangling-label` (note): `<a name>` anchors at the end of a body,
//!   pointing at no block;
//! - `md-fence-swallows-markup`: a code block holding a `## ` heading and a
//!   `<table>`, the mark of a mis-paired fence in the source (kept verbatim);
//! - `md-html-row-width`: an HTML table row whose expanded width differs from
//!   the header row's; padded with empty cells or merged into the last cell;
//! - `md-too-deep`: nesting beyond the recursion bound (content kept as text).

mod blocks;
mod html_inline;
mod html_slim;
mod html_table;
mod inline;

use crate::diag::Diagnostics;
use crate::doc::{Block, BlockKind, Document};

/// Shared state of one page parse.
pub(crate) struct Ctx<'a> {
    pub file: &'a str,
    pub diags: &'a mut Diagnostics,
    pub lines: LineIndex,
}

impl Ctx<'_> {
    pub fn warn(&mut self, line: u32, code: &'static str, msg: impl Into<String>) {
        self.diags.warn(self.file, line, code, msg);
    }

    pub fn note(&mut self, line: u32, code: &'static str, msg: impl Into<String>) {
        self.diags.note(self.file, line, code, msg);
    }
}

/// Byte offset → 1-based line, by binary search over line starts.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> u32 {
        let idx = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(idx.max(1)).unwrap_or(u32::MAX)
    }
}

/// Parses one Markdown page. Never panics; odd input yields diagnostics.
pub fn parse(file: &str, text: &str, diags: &mut Diagnostics) -> Document {
    // CRLF and lone CR become LF (files mix them); tabs are kept because they
    // only occur in code fences, whose text stays verbatim.
    let text = crate::source::unify_newlines(text);
    let mut ctx = Ctx {
        file,
        diags,
        lines: LineIndex::new(&text),
    };
    let blocks = blocks::parse_page(&mut ctx, &text);
    Document {
        file: file.to_string(),
        original_name: original_name(&blocks),
        blocks,
    }
}

/// The first label of the first level-1 section (`# 标题<a name="x"></a>`).
fn original_name(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Section { level: 1, .. } => b.labels.first().cloned(),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
