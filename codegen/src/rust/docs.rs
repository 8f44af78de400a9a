//! Doc comments from documented prose.
//!
//! Documentation is untrusted input: whatever a page says must reach rustdoc
//! as text and nothing else — never as a code block (a doctest runs code),
//! HTML, a link, an image, a heading or a table. Descriptions are therefore
//! not passed through as Markdown. We recognise the little structure they have
//! (paragraphs, `- ` / `1. ` list items with their indented continuation lines,
//! fenced literal blocks) and write that structure ourselves; every piece of
//! their text is escaped so that Markdown reads it literally:
//! - every character that can open markup (`` ` `` `\` `[` `]` `<` `>` `&` `*`
//!   `~` `|`, and `_` at a word edge) is backslash-escaped, so no code span,
//!   link, HTML tag, entity, emphasis, strike-through or table can start;
//! - `'` and `"` are escaped too, and `--` and `...`, because rustdoc's smart
//!   punctuation would turn them into curly quotes, dashes and an ellipsis
//!   (`!<>'&"\` must stay `!<>'&"\`);
//! - what means something only at a line start (`#`, `=`, `+`, `-`, `1.`) is
//!   escaped there; lines are trimmed, so no indentation makes a code block;
//! - bare URLs become code spans (inert, and no `rustdoc::bare_urls` warning);
//! - a fenced block in the docs becomes a ```` ```text ```` block whose fence
//!   is longer than any backtick run inside it, so nothing in it can close it;
//!   `text` blocks are never doctests (and the generated crate sets
//!   `doctest = false` as a second wall);
//! - a plain line after a list item ends the list (a blank line is inserted)
//!   instead of being merged into the last item; indented lines continue it
//!   (`clippy::doc_lazy_continuation`).
//!
//! Code spans that the generator writes around doc-derived values (paths,
//! wire names, file names) are built by [`code`], which picks a delimiter the
//! value cannot close.

use proc_macro2::TokenStream;
use quote::quote;

/// The rendered lines of `text` (no leading space yet), without leading,
/// trailing or repeated blank lines.
pub fn render_lines(text: &str) -> Vec<String> {
    let mut out = Renderer::default();
    let cleaned = clean(text);
    let mut lines = cleaned.lines();
    while let Some(raw) = lines.next() {
        let line = raw.trim();
        if let Some(fence) = fence_opener(line) {
            out.literal_block(fence, &mut lines);
        } else if line.is_empty() {
            out.blank();
        } else if let Some(width) = list_marker_width(line) {
            out.list_item(raw, line, width);
        } else {
            out.plain(raw, line);
        }
    }
    out.finish()
}

#[derive(Default)]
struct Renderer {
    out: Vec<String>,
    /// Content indent of the list item the previous line belongs to, and
    /// whether that item is nested under another.
    item: Option<(usize, bool)>,
    /// Content indent of the enclosing top-level item while inside a nested one.
    outer: usize,
}

impl Renderer {
    fn blank(&mut self) {
        if self.out.last().is_some_and(|l| !l.is_empty()) {
            self.out.push(String::new());
        }
        self.item = None;
    }

    fn list_item(&mut self, raw: &str, line: &str, width: usize) {
        let (marker, rest) = line.split_at(width);
        // `*`/`+` items become `-`; `1)` becomes `1.`.
        let marker = if marker.starts_with(['-', '*', '+']) {
            "- ".to_owned()
        } else {
            format!("{}. ", &marker[..marker.len() - 2])
        };
        let text = escape_line_start(&escape_inline(rest.trim_start()));
        let indented = raw.starts_with(' ');
        match self.item {
            Some((content, nested)) if indented => {
                // An indented item under an item: one level of nesting (deeper
                // levels are flattened to it, which rustdoc renders the same).
                let outer = if nested { self.outer } else { content };
                self.outer = outer;
                self.out
                    .push(format!("{}{marker}{text}", " ".repeat(outer)));
                self.item = Some((outer + marker.len(), true));
            }
            _ => {
                self.end_list_before_item(&marker);
                self.out.push(format!("{marker}{text}"));
                self.item = Some((marker.len(), false));
            }
        }
    }

    /// A `-` or `1.` item may interrupt a paragraph; any other number would be
    /// read as the paragraph's continuation, so it gets a blank line first.
    fn end_list_before_item(&mut self, marker: &str) {
        let interrupts = marker == "- " || marker == "1. ";
        if self.item.is_none() && !interrupts {
            self.blank();
        }
    }

    fn plain(&mut self, raw: &str, line: &str) {
        match self.item {
            Some((content, _)) if raw.starts_with(' ') => {
                let text = escape_line_start(&escape_inline(line));
                self.out.push(format!("{}{text}", " ".repeat(content)));
            }
            Some(_) => {
                // A note after a list is a paragraph of its own.
                self.out.push(String::new());
                self.item = None;
                self.out.push(escape_line_start(&escape_inline(line)));
            }
            None => self.out.push(escape_line_start(&escape_inline(line))),
        }
    }

    /// Copies a fenced block's lines verbatim inside a fence of our own.
    fn literal_block<'a>(&mut self, open: Fence, lines: &mut impl Iterator<Item = &'a str>) {
        let mut body = Vec::new();
        for raw in lines.by_ref() {
            if open.closed_by(raw.trim()) {
                break;
            }
            body.push(raw.trim_end().to_owned());
        }
        while body.last().is_some_and(|l| l.is_empty()) {
            body.pop();
        }
        let ticks = body.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
        let fence = "`".repeat((ticks + 1).max(3));
        self.blank();
        self.out.push(format!("{fence}text"));
        self.out.extend(body);
        self.out.push(fence);
        self.out.push(String::new());
    }

    fn finish(mut self) -> Vec<String> {
        while self.out.last().is_some_and(|l| l.is_empty()) {
            self.out.pop();
        }
        let lead = self.out.iter().take_while(|l| l.is_empty()).count();
        self.out.drain(..lead);
        self.out
    }
}

/// Line ends normalised, tabs to spaces (`clippy::tabs_in_doc_comments`), and
/// bidirectional-override code points dropped: rustc denies them in comments
/// (`text_direction_codepoint_in_comment`).
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c == '\r' || c == '\t' { ' ' } else { c })
        .collect()
}

/// A Markdown code fence as the docs wrote it: ```` ``` ```` or `~~~`, three or more.
#[derive(Clone, Copy)]
struct Fence {
    char: char,
    len: usize,
}

impl Fence {
    fn closed_by(self, line: &str) -> bool {
        let run = line.chars().take_while(|&c| c == self.char).count();
        run >= self.len && line.chars().skip(run).all(char::is_whitespace)
    }
}

fn fence_opener(line: &str) -> Option<Fence> {
    let char = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = line.chars().take_while(|&c| c == char).count();
    (len >= 3).then_some(Fence { char, len })
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// `- `, `* `, `+ ` or `1. `/`1) ` at the line start: the marker's width.
fn list_marker_width(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = &line[digits..];
    (digits > 0 && digits <= 9 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// Characters that mean something only at the start of a Markdown line
/// (headings, setext underlines, list markers, thematic breaks), escaped there.
/// `escape_inline` already escaped `*`, `|`, `>` and `--`.
fn escape_line_start(line: &str) -> String {
    match line.chars().next() {
        Some('#' | '=' | '+' | '-') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line[digits..].chars().next() {
                Some('.' | ')') => format!("{}\\{}", &line[..digits], &line[digits..]),
                _ => line.to_owned(),
            }
        }
        _ => line.to_owned(),
    }
}

/// Escapes one line of doc text so that Markdown reads it literally; bare
/// URLs become code spans.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        out.push_str(&escape_chars(&rest[..start]));
        let len = url_len(&rest[start..]);
        out.push_str(&code(&rest[start..start + len]));
        rest = &rest[start + len..];
    }
    out.push_str(&escape_chars(rest));
    out
}

fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '[' | ']' | '<' | '>' | '&' | '*' | '~' | '|' | '\'' | '"' => true,
            // A run of `_` between letters or digits (`project_id`,
            // `drs_03__request`) never opens or closes emphasis.
            '_' => !intraword_underscores(&chars, i),
            // Smart punctuation: `--` → en dash, `...` → ellipsis.
            '-' => prev == Some('-') || next == Some('-'),
            '.' => prev == Some('.') || next == Some('.'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the run of `_` around `chars[i]` sits between two letters or digits.
fn intraword_underscores(chars: &[char], i: usize) -> bool {
    let start = chars[..i]
        .iter()
        .rposition(|&c| c != '_')
        .map_or(0, |p| p + 1);
    let end = chars[i..]
        .iter()
        .position(|&c| c != '_')
        .map_or(chars.len(), |p| i + p);
    start > 0
        && chars[start - 1].is_alphanumeric()
        && chars.get(end).is_some_and(|c| c.is_alphanumeric())
}

/// A code span showing `text` literally: the delimiter is one backtick longer
/// than any run inside, padded when the text starts or ends with one; line
/// breaks become spaces.
pub fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.trim().is_empty() {
        return format!("`{}`", "\u{a0}".repeat(text.len().max(1)));
    }
    let ticks = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

fn find_url(text: &str) -> Option<usize> {
    let http = text.find("http://");
    let https = text.find("https://");
    match (http, https) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The URL's length: up to whitespace or a character that cannot sit in a
/// URL, minus trailing punctuation that belongs to the sentence.
fn url_len(text: &str) -> usize {
    let end = text
        .find(|c: char| c.is_whitespace() || "<>\"`[]{}|\\^".contains(c) || !c.is_ascii())
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', ')', '(', '\'', '!', '?']);
    url.len()
}

/// `#[doc = " line"]` attributes for the lines of `text`.
pub fn doc_attrs(text: &str) -> TokenStream {
    lines_to_attrs(&render_lines(text))
}

/// `#[doc]` attributes for already-rendered lines.
pub fn lines_to_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        // Safety net for lines built outside `render_lines` (names, paths):
        // a line break would turn the attribute into a `/** */` block.
        let line = clean(line).replace('\n', " ");
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// Joins paragraphs (each already rendered) with a blank line between them.
pub fn paragraphs(parts: Vec<Vec<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(part);
    }
    out
}

#[cfg(test)]
mod tests;

/// Checks that rendered doc lines are inert as rustdoc reads them: parsed with
/// the Markdown options rustdoc enables (tables, footnotes, strike-through,
/// smart punctuation, task lists) and a link resolver that accepts every
/// `[…]` (as intra-doc links do), the only structure allowed is paragraphs,
/// lists, soft breaks, code spans, `**` strong text the generator writes, and
/// ```` ```text ```` blocks; no HTML, link, image, heading, table, footnote,
/// other code block, or smart-punctuation character that the text did not
/// hold. Used by the tests and the fuzz targets; the error names the first
/// offending event.
pub fn check_inert(lines: &[String]) -> Result<(), String> {
    use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
    let text = lines.join("\n");
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_TASKLISTS;
    let mut accept_all = |_: pulldown_cmark::BrokenLink<'_>| Some(("x".into(), "".into()));
    let parser = Parser::new_with_broken_link_callback(&text, options, Some(&mut accept_all));
    for event in parser {
        let bad = match &event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::List(_) | Tag::Item | Tag::Strong => false,
                Tag::CodeBlock(CodeBlockKind::Fenced(info)) => info.as_ref() != "text",
                _ => true,
            },
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => true,
            Event::TaskListMarker(_) | Event::Rule => true,
            Event::Text(t) => t.chars().any(|c| {
                matches!(
                    c,
                    '\u{2018}'
                        | '\u{2019}'
                        | '\u{201C}'
                        | '\u{201D}'
                        | '\u{2013}'
                        | '\u{2014}'
                        | '\u{2026}'
                ) && !text.contains(c)
            }),
            _ => false,
        };
        if bad {
            return Err(format!("{event:?} in {text:?}"));
        }
    }
    Ok(())
}
