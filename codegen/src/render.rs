//! Showing diagnostics: the one-line form (`file:line: warning[code]: message`)
//! or a rustc-style snippet rendered with annotate-snippets:
//!
//! ```text
//! warning[ref-dangling]: `:ref:` to `Table 9` resolves to nothing
//!   --> otc/…/creating_a_job.rst:112:13
//!     |
//! 112 |    | job | Yes | :ref:`Table 9 <x>` | …
//!     |             ^^^^^^^^^^^^^^^^^^^^^^^^^^
//!     = help: check the label; labels match case-insensitively within the service
//! ```
//!
//! Source lines are read from the diagnostic's file (cached per [`Renderer`]);
//! when the file cannot be read or the line does not exist, the one-line form
//! is used instead. Rendering never panics.

use crate::diag::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Level, Snippet};
use std::collections::HashMap;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `file:line: severity[code]: message`, one line each.
    Short,
    /// rustc-style: header, location, the source line with a `^` marker, `help:`.
    #[default]
    Rich,
}

/// Renders diagnostics, caching file contents for the run.
#[derive(Debug, Default)]
pub struct Renderer {
    format: Format,
    color: bool,
    /// File path → its lines (`None`: unreadable).
    cache: HashMap<String, Option<Vec<String>>>,
}

impl Renderer {
    pub fn new(format: Format, color: bool) -> Self {
        Renderer {
            format,
            color,
            cache: HashMap::new(),
        }
    }

    /// Whether this renderer prints the multi-line form (callers separate them by a blank line).
    pub fn is_rich(&self) -> bool {
        self.format == Format::Rich
    }

    /// One diagnostic, without a trailing newline.
    pub fn render(&mut self, d: &Diagnostic) -> String {
        match self.format {
            Format::Short => d.to_string(),
            Format::Rich => self.rich(d).unwrap_or_else(|| d.to_string()),
        }
    }

    /// The rich form, or `None` when the source line is not available.
    fn rich(&mut self, d: &Diagnostic) -> Option<String> {
        let line = self.source_line(&d.file, d.line)?.to_string();
        let span = marker_span(&line, d.col);
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let snippet = Snippet::source(line.as_str())
            .line_start(d.line as usize)
            .path(d.file.as_str())
            .annotation(AnnotationKind::Primary.span(span));
        let mut group = level
            .primary_title(d.message.as_str())
            .id(d.code)
            .element(snippet);
        if let Some(help) = d.help_text() {
            group = group.element(Level::HELP.message(help));
        }
        let renderer = if self.color {
            annotate_snippets::Renderer::styled()
        } else {
            annotate_snippets::Renderer::plain()
        };
        Some(renderer.render(&[group]))
    }

    /// Line `line` (1-based) of `file`, without its line ending.
    fn source_line(&mut self, file: &str, line: u32) -> Option<&str> {
        let lines = self
            .cache
            .entry(file.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(file).ok()?;
                let text = String::from_utf8_lossy(&bytes);
                Some(
                    text.lines()
                        .map(|l| l.trim_end_matches('\r').to_string())
                        .collect(),
                )
            })
            .as_ref()?;
        let i = usize::try_from(line).ok()?.checked_sub(1)?;
        lines.get(i).map(String::as_str)
    }
}

/// The byte range to mark: from the column (1-based, in characters) to the end
/// of the word there; without a column, the line's text without its indentation.
fn marker_span(line: &str, col: Option<u32>) -> std::ops::Range<usize> {
    let indent = line.len() - line.trim_start().len();
    let end_of_text = line.trim_end().len().max(indent);
    let start = match col {
        Some(c) if c > 0 => line
            .char_indices()
            .nth(c as usize - 1)
            .map_or(end_of_text, |(i, _)| i),
        _ => indent,
    };
    let end = if col.is_some() {
        line[start..]
            .char_indices()
            .find(|(_, ch)| ch.is_whitespace())
            .map_or(line.len(), |(i, _)| start + i)
    } else {
        end_of_text
    };
    // An empty line (or a column at its end) still gets one `^`.
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Severity};
    use std::io::Write;

    fn page() -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        write!(
            f,
            "Title\r\n=====\r\n\r\n   | job | Object | See :ref:`Table 9 <x>`. |\r\n"
        )
        .unwrap();
        f
    }

    fn diag(file: &str, line: u32, code: &'static str) -> Diagnostic {
        Diagnostic::new(file, line, Severity::Warning, code, "something is off")
    }

    #[test]
    fn rich_with_default_help() {
        let f = page();
        let path = f.path().to_string_lossy().to_string();
        let d = diag(&path, 4, "ref-dangling");
        let out = Renderer::new(Format::Rich, false).render(&d);
        let marks = "^".repeat("| job | Object | See :ref:`Table 9 <x>`. |".len());
        let want = format!(
            "warning[ref-dangling]: something is off\n \
             --> {path}:4:4\n  \
             |\n\
             4 |    | job | Object | See :ref:`Table 9 <x>`. |\n  \
             |    {marks}\n  \
             |\n  \
             = help: check the label; labels match case-insensitively within the service"
        );
        assert_eq!(out, want, "\n{out}");
    }

    #[test]
    fn rich_with_column_and_own_help() {
        let f = page();
        let path = f.path().to_string_lossy().to_string();
        let d = diag(&path, 4, "no-fix-known")
            .with_col(25)
            .with_help("link table 9");
        let out = Renderer::new(Format::Rich, false).render(&d);
        assert!(out.starts_with("warning[no-fix-known]: something is off\n"));
        assert!(out.contains(&format!("--> {path}:4:25")), "{out}");
        assert!(out.contains("  ^^^^^^^^^^^\n"), "{out}");
        assert!(out.ends_with("= help: link table 9"), "{out}");
    }

    #[test]
    fn rich_without_help() {
        let f = page();
        let path = f.path().to_string_lossy().to_string();
        let d = diag(&path, 1, "no-fix-known");
        let out = Renderer::new(Format::Rich, false).render(&d);
        assert!(out.contains("1 | Title\n"), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(!out.contains("help"), "{out}");
    }

    #[test]
    fn unreadable_file_falls_back_to_one_line() {
        let d = diag("/no/such/dir/page.rst", 3, "ref-dangling");
        let out = Renderer::new(Format::Rich, false).render(&d);
        assert_eq!(
            out,
            "/no/such/dir/page.rst:3: warning[ref-dangling]: something is off"
        );
    }

    #[test]
    fn line_past_eof_or_zero_falls_back() {
        let f = page();
        let path = f.path().to_string_lossy().to_string();
        let mut r = Renderer::new(Format::Rich, false);
        for line in [0, 5, 999] {
            let d = diag(&path, line, "type-unknown");
            assert_eq!(r.render(&d), d.to_string());
        }
        // An empty line still renders, with one marker.
        let out = r.render(&diag(&path, 3, "type-unknown"));
        assert!(out.contains("3 |"), "{out}");
    }

    #[test]
    fn column_past_end_of_line_does_not_panic() {
        let f = page();
        let path = f.path().to_string_lossy().to_string();
        let out =
            Renderer::new(Format::Rich, true).render(&diag(&path, 1, "table-unused").with_col(80));
        assert!(out.contains("table-unused"), "{out}");
    }

    #[test]
    fn short_form() {
        let d = diag("a.rst", 2, "uri-missing");
        assert_eq!(
            Renderer::new(Format::Short, false).render(&d),
            "a.rst:2: warning[uri-missing]: something is off"
        );
    }

    #[test]
    fn marker_spans() {
        assert_eq!(marker_span("   abc def  ", None), 3..10);
        assert_eq!(marker_span("   abc def", Some(8)), 7..10);
        assert_eq!(marker_span("ab", Some(9)), 2..2);
        assert_eq!(marker_span("", None), 0..0);
        assert_eq!(marker_span("表格 x", Some(2)), 3..6);
    }
}
