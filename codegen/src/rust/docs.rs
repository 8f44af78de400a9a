//! Doc comments from documented prose.
//!
//! Descriptions are plain text that may carry Markdown-looking characters. We
//! emit one `#[doc = " line"]` per line (prettyplease prints it as `///`) and
//! neutralise what rustdoc or clippy would misread:
//! - `[`/`]` would be tried as intra-doc links → escaped;
//! - `<tag>` text trips `rustdoc::invalid_html_tags` → `<`/`>` escaped, then
//!   bare URLs wrapped in `<…>` autolinks (`rustdoc::bare_urls`);
//! - leading indentation would start a code block (and a doctest) → trimmed;
//!   a line starting with `#` would be a heading, `>` a quote → escaped;
//! - a plain line right after a list item is indented under the item
//!   (`clippy::doc_lazy_continuation`);
//! - a bare ```` ``` ```` fence would be compiled as a doctest → ```` ```text ````.

use proc_macro2::TokenStream;
use quote::quote;

/// The rendered lines of `text` (no leading space yet), without leading,
/// trailing or repeated blank lines.
pub fn render_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    // Width of the list marker of the item the previous line belongs to.
    let mut list_indent: Option<usize> = None;
    for raw in clean(text).lines() {
        let line = raw.trim();
        if let Some(fence) = fence_line(line, &mut in_fence) {
            out.push(fence);
            list_indent = None;
            continue;
        }
        if in_fence {
            out.push(raw.trim_end().to_owned());
            continue;
        }
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            list_indent = None;
            continue;
        }
        if let Some(width) = list_marker_width(line) {
            list_indent = Some(width);
            // RST writes `-  item`: one space after the marker keeps the
            // continuation indent equal to the marker width.
            let (marker, rest) = line.split_at(width);
            out.push(format!("{marker}{}", escape_inline(rest.trim_start())));
        } else if let Some(width) = list_indent {
            out.push(format!("{}{}", " ".repeat(width), escape_inline(line)));
        } else {
            out.push(escape_line_start(&escape_inline(line)));
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
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

/// Handles a code fence line: toggles the state and returns the line to emit.
fn fence_line(line: &str, in_fence: &mut bool) -> Option<String> {
    let info = line.strip_prefix("```")?;
    let was_open = *in_fence;
    *in_fence = !was_open;
    if was_open {
        return Some("```".to_owned());
    }
    let info = info.trim();
    // Only bare and `rust` fences are compiled as doctests.
    let safe = if info.is_empty() || info.starts_with("rust") {
        "text"
    } else {
        info
    };
    Some(format!("```{}", safe.replace('`', "")))
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

/// Characters that mean something only at the start of a Markdown line.
fn escape_line_start(line: &str) -> String {
    match line.chars().next() {
        Some('#' | '=' | '|') => format!("\\{line}"),
        Some('-' | '*' | '+') if line.chars().all(|c| "-*+_ ".contains(c)) => format!("\\{line}"),
        _ => line.to_owned(),
    }
}

/// Escapes link brackets and angle brackets and autolinks bare URLs, leaving
/// code spans (matched backtick runs) verbatim: nothing in them is markup.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let ticks = rest[open..].len() - rest[open..].trim_start_matches('`').len();
        let body_start = open + ticks;
        match closing_run(&rest[body_start..], ticks) {
            Some(close) => {
                let end = body_start + close + ticks;
                out.push_str(&escape_text(&rest[..open]));
                out.push_str(&rest[open..end]);
                rest = &rest[end..];
            }
            None => {
                // An unmatched run is literal text.
                out.push_str(&escape_text(&rest[..body_start]));
                rest = &rest[body_start..];
            }
        }
    }
    out.push_str(&escape_text(rest));
    out
}

/// Offset of the next backtick run of exactly `ticks` backticks.
fn closing_run(text: &str, ticks: usize) -> Option<usize> {
    let mut offset = 0;
    while let Some(start) = text[offset..].find('`').map(|i| offset + i) {
        let len = text[start..].len() - text[start..].trim_start_matches('`').len();
        if len == ticks {
            return Some(start);
        }
        offset = start + len;
    }
    None
}

fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        out.push_str(&escape_chars(&rest[..start]));
        let len = url_len(&rest[start..]);
        out.push('<');
        out.push_str(&rest[start..start + len]);
        out.push('>');
        rest = &rest[start + len..];
    }
    out.push_str(&escape_chars(rest));
    out
}

fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn find_url(text: &str) -> Option<usize> {
    let http = text.find("http://");
    let https = text.find("https://");
    match (http, https) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The URL's length: up to whitespace or a character that cannot sit in an
/// autolink, minus trailing punctuation that belongs to the sentence.
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
mod tests {
    use super::*;

    #[test]
    fn rendering() {
        let cases: &[(&str, &[&str])] = &[
            ("plain", &["plain"]),
            ("see [Table 3]", &["see \\[Table 3\\]"]),
            ("Value <name> here", &["Value \\<name\\> here"]),
            (
                "See https://docs.otc.t-systems.com/api.html.",
                &["See <https://docs.otc.t-systems.com/api.html>."],
            ),
            ("(http://x.y/a)", &["(<http://x.y/a>)"]),
            ("  indented", &["indented"]),
            ("# not a heading", &["\\# not a heading"]),
            ("a\n\n\n\nb\n\n", &["a", "", "b"]),
            ("- item\ncontinued", &["- item", "  continued"]),
            ("-  **A**: a\n-  **B**: b", &["- **A**: a", "- **B**: b"]),
            ("1. one\nmore\n\nafter", &["1. one", "   more", "", "after"]),
            ("```\nfn x() {}\n```", &["```text", "fn x() {}", "```"]),
            ("```json\n{\"a\": [1]}", &["```json", "{\"a\": [1]}", "```"]),
            ("---", &["\\---"]),
            ("tab\there", &["tab here"]),
            ("rtl\u{202E}text\u{2066}", &["rtltext"]),
            ("中文描述。", &["中文描述。"]),
            ("use `a[0] <b>` or [c]", &["use `a[0] <b>` or \\[c\\]"]),
            ("odd ` tick [x]", &["odd ` tick \\[x\\]"]),
            ("``a ` b`` <c>", &["``a ` b`` \\<c\\>"]),
        ];
        for (input, want) in cases {
            assert_eq!(render_lines(input), *want, "render_lines({input:?})");
        }
    }
}
