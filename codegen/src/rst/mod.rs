//! RST reader: Sphinx reStructuredText pages → [`crate::doc::Document`].
//!
//! The reader is a small, forgiving subset of docutils: it knows the forms the
//! OTC API reference really uses (see `shared/guide/doc-formats.md`) and turns
//! anything else into paragraphs, quotes or diagnostics instead of failing.
//! Every stage works on [`Line`]s that keep their original 1-based number, so
//! content cut out of tables and list items still points at the right line.
//!
//! Diagnostic codes (all warnings unless noted):
//! - `rst-unknown-directive` (note): a directive kept as `Directive` uninterpreted;
//! - `rst-dangling-label` (note): labels at the end of a body, pointing at nothing;
//! - `rst-grid-partial-separator`: a `+---` line that does not match the top
//!   border (a span); it is treated as a full row separator;
//! - `rst-grid-misaligned`: a row line whose `|`s are not at the border's
//!   boundaries, or text past the right edge (appended to the last cell);
//! - `rst-grid-second-header`: a second `+===+` line;
//! - `rst-simple-table-overflow`: text in the gap between simple-table columns;
//! - `rst-unclosed-table`: a grid table without a closing border, or a simple
//!   table without a closing `===` line (it then ends at the first blank line);
//! - `rst-table-without-table` / `rst-table-extra-content`: `.. table::` bodies
//!   that are not exactly one table (nothing is dropped);
//! - `rst-missing-literal`: `::` with no indented block after it;
//! - `rst-too-deep`: nesting beyond the recursion bound, kept as verbatim code.

mod blocks;
mod directive;
mod grid_table;
mod inline;
mod simple_table;

use crate::diag::Diagnostics;
use crate::doc::Document;
use std::borrow::Cow;

pub use inline::parse_inlines;

/// One physical source line after normalisation. Its text borrows from the
/// page wherever it can: nested bodies (list items, table cells) are cut out
/// of their parent's lines at every level, and copying them each time was a
/// large share of the reader's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the original file.
    pub no: u32,
    /// Text with tabs expanded, NBSP replaced and trailing whitespace removed.
    pub text: Cow<'a, str>,
}

impl<'a> Line<'a> {
    pub fn new(no: u32, text: impl Into<Cow<'a, str>>) -> Self {
        Line {
            no,
            text: text.into(),
        }
    }

    /// Drops the first `n` bytes (indentation); a blank line stays blank.
    pub fn cut_front(&mut self, n: usize) {
        match &mut self.text {
            Cow::Borrowed(s) => *s = s.get(n..).unwrap_or(""),
            Cow::Owned(s) => {
                s.drain(..n.min(s.len()));
            }
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Leading spaces (tabs are already expanded).
    pub fn indent(&self) -> usize {
        let b = self.text.as_bytes();
        let mut n = 0;
        while b.get(n..n + 8) == Some(SPACES) {
            n += 8;
        }
        n + b[n..].iter().take_while(|&&c| c == b' ').count()
    }
}

/// Shared state of one page parse.
pub(crate) struct Ctx<'a> {
    pub file: &'a str,
    pub diags: &'a mut Diagnostics,
    /// Section adornment styles (char, has overline) in order of first use;
    /// the index + 1 is the section level, as in docutils.
    pub styles: Vec<(char, bool)>,
}

impl Ctx<'_> {
    pub fn warn(&mut self, line: u32, code: &'static str, msg: impl Into<String>) {
        self.diags.warn(self.file, line, code, msg);
    }

    pub fn note(&mut self, line: u32, code: &'static str, msg: impl Into<String>) {
        self.diags.note(self.file, line, code, msg);
    }
}

/// Parses one RST page. Never panics; odd input yields diagnostics.
pub fn parse(file: &str, text: &str, diags: &mut Diagnostics) -> Document {
    let text = crate::source::unify_newlines(text);
    let mut lines = normalise(&text);
    let original_name = take_original_name(&mut lines);
    let mut ctx = Ctx {
        file,
        diags,
        styles: Vec::new(),
    };
    let blocks = blocks::parse_page(&mut ctx, &lines);
    Document {
        file: file.to_string(),
        original_name,
        blocks,
    }
}

/// Splits text whose newlines are unified ([`crate::source::unify_newlines`])
/// into lines, normalising NBSP and tabs (8-column stops).
pub(crate) fn normalise(text: &str) -> Vec<Line<'_>> {
    // `split('\n')`, with the memchr crate's vectorised search.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    ends.map(|end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
    .enumerate()
    .map(|(i, raw)| Line::new(u32::try_from(i + 1).unwrap_or(u32::MAX), clean_line(raw)))
    .collect()
}

fn clean_line(raw: &str) -> Cow<'_, str> {
    // NBSP is C2 A0 in UTF-8; most lines have neither it nor a tab.
    if memchr::memchr2(b'\t', 0xC2, raw.as_bytes()).is_none() {
        return Cow::Borrowed(trim_end(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut col = 0usize;
    for c in raw.chars() {
        match c {
            '\t' => {
                let n = 8 - col % 8;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\u{a0}' => {
                out.push(' ');
                col += 1;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out.truncate(out.trim_end().len());
    Cow::Owned(out)
}

/// `s.trim_end()`; the padding spaces that fill table cells and line ends
/// are skipped bytewise first (see [`SPACES`]): decoding them was costly.
pub(crate) fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    while end >= 8 && b[end - 8..end] == *SPACES {
        end -= 8;
    }
    while end > 0 && b[end - 1] == b' ' {
        end -= 1;
    }
    s[..end].trim_end()
}

/// Eight spaces: padding is skipped a word at a time (grid-table cells are
/// padded to the widest cell of their column, often a hundred spaces).
const SPACES: &[u8; 8] = b"        ";

/// `s.trim()`, see [`trim_end`].
pub(crate) fn trim(s: &str) -> &str {
    trim_end(s).trim_start()
}

/// Removes a leading `:original_name: X` field and returns `X`.
fn take_original_name(lines: &mut [Line<'_>]) -> Option<String> {
    let first = lines.iter_mut().find(|l| !l.is_blank())?;
    let value = first
        .text
        .strip_prefix(":original_name:")?
        .trim()
        .to_string();
    first.text = Cow::Borrowed("");
    Some(value)
}

/// Removes the common indentation of non-blank lines.
pub(crate) fn dedent<'s>(lines: &'s [Line<'_>]) -> Vec<Line<'s>> {
    let min = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(Line::indent)
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| Line::new(l.no, l.text.get(min..).unwrap_or("")))
        .collect()
}

/// [`dedent`] and [`trim_blank`] without copying the lines.
pub(crate) fn dedent_owned(mut lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let end = lines
        .iter()
        .rposition(|l| !l.is_blank())
        .map_or(0, |e| e + 1);
    lines.truncate(end);
    let start = lines
        .iter()
        .position(|l| !l.is_blank())
        .unwrap_or(lines.len());
    lines.drain(..start);
    let min = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(Line::indent)
        .min()
        .unwrap_or(0);
    if min > 0 {
        for l in &mut lines {
            l.cut_front(min);
        }
    }
    lines
}

/// Drops blank lines at both ends.
pub(crate) fn trim_blank<'s, 'a>(lines: &'s [Line<'a>]) -> &'s [Line<'a>] {
    let start = lines
        .iter()
        .position(|l| !l.is_blank())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_blank())
        .map_or(start, |e| e + 1);
    &lines[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_line_endings_tabs_and_nbsp() {
        let text = crate::source::unify_newlines("a\r\nb\rc\n\tx\u{a0}y  \nab\tc");
        let lines = normalise(&text);
        let texts: Vec<&str> = lines.iter().map(|l| &*l.text).collect();
        assert_eq!(texts, ["a", "b", "c", "        x y", "ab      c"]);
        assert_eq!(lines[3].no, 4);
    }

    #[test]
    fn trims_like_std() {
        let long = format!("| a{}|{}", " ".repeat(17), " ".repeat(9));
        for s in [
            "",
            "   ",
            "a  ",
            " a b \u{3000} ",
            "x\t ",
            "é  ",
            "\u{a0}",
            &long,
        ] {
            assert_eq!(trim_end(s), s.trim_end(), "{s:?}");
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
        for n in [0, 3, 8, 12, 16, 17] {
            let line = Line::new(1, format!("{}x ", " ".repeat(n)));
            assert_eq!(line.indent(), n);
        }
        assert_eq!(Line::new(1, " ".repeat(9)).indent(), 9);
    }

    #[test]
    fn cut_front_borrows_or_drains() {
        let text = "    code";
        let mut borrowed = Line::new(1, text);
        borrowed.cut_front(4);
        assert!(matches!(borrowed.text, Cow::Borrowed("code")));
        let mut owned = Line::new(2, text.to_string());
        owned.cut_front(2);
        assert_eq!(owned.text, "  code");
        let mut blank = Line::new(3, "");
        blank.cut_front(4);
        assert!(blank.is_blank());
    }

    #[test]
    fn reads_original_name() {
        let mut d = Diagnostics::default();
        let doc = parse("f.rst", ":original_name: x_01.html\n\nText\n", &mut d);
        assert_eq!(doc.original_name.as_deref(), Some("x_01.html"));
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].line, 3);
    }

    #[test]
    fn never_panics_on_garbage() {
        let inputs = [
            "",
            "\n\n",
            "+",
            "+--+\n| a",
            "+--+--+\n|é|ü\n+==+\n",
            "====\n",
            "== ==\nü a\n",
            ".. ",
            "..",
            "-",
            "#.",
            "**",
            "`",
            "``",
            ":ref:`",
            "a::",
            "\u{a0}\t\r",
            ".. table::",
            ".. code-block::",
            "   +--+\n   |x|\n",
            "x\n=\n",
            "=\nx\n=\n",
        ];
        for input in inputs {
            let mut d = Diagnostics::default();
            let _ = parse("g.rst", input, &mut d);
        }
        let deep: String = (0..400)
            .map(|i| format!("{}- x\n", " ".repeat(i * 3)))
            .collect();
        let mut d = Diagnostics::default();
        let _ = parse("deep.rst", &deep, &mut d);
    }

    /// Random documents built from markup fragments must never panic.
    #[test]
    fn random_markup_never_panics() {
        const FRAGMENTS: &[&str] = &[
            "+",
            "-",
            "=",
            "|",
            " ",
            "   ",
            "\n",
            "\n\n",
            "..",
            "::",
            "`",
            "``",
            "*",
            "**",
            ":ref:",
            "\\",
            "_",
            "#.",
            "1.",
            "é",
            "\t",
            "\r",
            "a",
            "word",
            ".. table:: ",
            ".. note::",
            ".. code-block::",
            ".. _l:",
            "<",
            ">",
            "==  ==",
            "+--+--+",
            "+==+==+",
            "|  |  |",
            "-  ",
            "\u{a0}",
            "~~~",
            "__",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 120) as usize;
            let doc: String = (0..len)
                .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
                .collect();
            let mut d = Diagnostics::default();
            let _ = parse("fuzz.rst", &doc, &mut d);
        }
    }

    #[test]
    fn huge_lines_parse_quickly() {
        let long = "a **b** `c <d>`_ :ref:`e` ``f`` *g ".repeat(30_000);
        let table_row = format!("| {} | x |\n", "y".repeat(200_000));
        let border = format!("+{}+---+\n", "-".repeat(200_002));
        let doc = format!(
            "{long}\n\n{border}{table_row}{border}\n{}",
            "* ".repeat(100_000)
        );
        let mut d = Diagnostics::default();
        let out = parse("huge.rst", &doc, &mut d);
        assert_eq!(out.blocks.len(), 3);
    }
}
