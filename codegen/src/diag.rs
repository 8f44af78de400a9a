//! Located diagnostics: `file:line: warning[code]: message`.
//!
//! Every stage reports through a [`Diagnostics`] sink instead of failing, so one
//! odd page never stops a run. Codes are stable strings documented in
//! `codegen/DIAGNOSTICS.md`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path as given to the reader (service directory joined with the page path).
    pub file: String,
    pub line: u32,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    /// 1-based column of the finding on its line, when known.
    pub col: Option<u32>,
    /// A suggested fix, shown as `help:` by the rich renderer; see [`Diagnostic::help_text`].
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        file: impl Into<String>,
        line: u32,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            severity,
            code,
            message: message.into(),
            col: None,
            help: None,
        }
    }

    /// Sets the 1-based column.
    pub fn with_col(mut self, col: u32) -> Self {
        self.col = Some(col);
        self
    }

    /// Sets a help text that overrides the code's default.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The help to show: the diagnostic's own, else the default for its code.
    pub fn help_text(&self) -> Option<&str> {
        self.help.as_deref().or_else(|| default_help(self.code))
    }
}

/// The known fix for the common codes.
pub fn default_help(code: &str) -> Option<&'static str> {
    Some(match code {
        "ref-dangling" => "check the label; labels match case-insensitively within the service",
        "ref-not-a-table" => "link the table that documents the type, not a prose section",
        "type-unknown" => {
            "write a type the reader knows (String, Integer, Boolean, Object, Array, List<X>, X object)"
        }
        "type-unresolved" => {
            "link the type's table, or caption/head a table of this service with the type's name"
        }
        "table-unused" => {
            "move the table under the URI, request or response section, or link it from a field's Type cell"
        }
        "table-unbound" => {
            "link the table from the field it describes, or caption it with that field's name"
        }
        "table-unreachable" => {
            "link the table from a field of the body it belongs to, or remove the superseded copy"
        }
        "uri-missing" => "add a `METHOD /path` line under the URI section",
        "row-without-name" => "fill in the row's name cell",
        "nested-table-not-parameters" => {
            "link a parameter table (Parameter | Type | Description) from the Type cell"
        }
        _ => return None,
    })
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}]: {}",
            self.file, self.line, self.severity, self.code, self.message
        )
    }
}

/// Collects diagnostics; callers sort them before printing.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn warn(&mut self, file: &str, line: u32, code: &'static str, message: impl Into<String>) {
        self.push(file, line, Severity::Warning, code, message);
    }

    pub fn note(&mut self, file: &str, line: u32, code: &'static str, message: impl Into<String>) {
        self.push(file, line, Severity::Note, code, message);
    }

    pub fn error(&mut self, file: &str, line: u32, code: &'static str, message: impl Into<String>) {
        self.push(file, line, Severity::Error, code, message);
    }

    fn push(
        &mut self,
        file: &str,
        line: u32,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.items
            .push(Diagnostic::new(file, line, severity, code, message));
    }

    /// Adds a diagnostic built with [`Diagnostic::new`] and its builder methods.
    pub fn add(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// How many are warnings or errors.
    pub fn warnings(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity != Severity::Note)
            .count()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorted by file, line, then code, for deterministic output.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items
    }

    /// Count per code, sorted by code.
    pub fn by_code(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let mut m = std::collections::BTreeMap::new();
        for d in &self.items {
            *m.entry(d.code).or_insert(0) += 1;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// The families of diagnostic codes (the part before the first `-`, or a whole prefix).
    const FAMILIES: &[&str] = &[
        "source-",
        "rst-",
        "md-",
        "page-",
        "uri-",
        "operation-",
        "constraint-",
        "path-",
        "table-",
        "row-",
        "error-codes-",
        "nested-table-",
        "type-",
        "ref-",
        "example-",
    ];

    fn is_code(s: &str) -> bool {
        !s.is_empty()
            && s.contains('-')
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
            && !s.ends_with('-')
    }

    /// The string literals of `text` (no escapes needed for codes).
    fn literals(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut rest = text;
        let mut offset = 0;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find(['"', '\\', '\n']) else {
                break;
            };
            if after.as_bytes()[end] == b'"' {
                out.push((offset + start, &after[..end]));
                offset += start + end + 2;
                rest = &after[end + 1..];
            } else {
                offset += start + 1;
                rest = after;
            }
        }
        out
    }

    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                sources(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p.display().to_string(), text));
            }
        }
    }

    /// Codes in the source: literals of a known family, and the first code-like
    /// literal of every `.warn(`/`.note(`/`.error(`/`Diagnostic::new(` call.
    fn emitted_codes() -> BTreeSet<String> {
        let mut files = Vec::new();
        sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut codes = BTreeSet::new();
        for (path, text) in &files {
            // Tests make up codes of their own.
            let text = match text.find("#[cfg(test)]") {
                Some(i) => &text[..i],
                None => text.as_str(),
            };
            // Review rule ids (`type-renamed`, …) are not diagnostics.
            if path.ends_with("tests.rs") || path.contains("/review/") {
                continue;
            }
            let lits = literals(text);
            for (_, l) in &lits {
                if is_code(l) && FAMILIES.iter().any(|f| l.starts_with(f)) {
                    codes.insert(l.to_string());
                }
            }
            for call in [".warn(", ".note(", ".error(", "Diagnostic::new("] {
                for (at, _) in text.match_indices(call) {
                    let end = text[at..].find(';').map_or(text.len(), |e| at + e);
                    if let Some((_, l)) =
                        lits.iter().find(|(o, l)| *o > at && *o < end && is_code(l))
                    {
                        codes.insert(l.to_string());
                    }
                }
            }
        }
        codes
    }

    fn documented_codes() -> BTreeSet<String> {
        let doc = include_str!("../DIAGNOSTICS.md");
        doc.lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_code_is_documented() {
        let emitted = emitted_codes();
        assert!(emitted.len() >= 30, "scan found too few codes: {emitted:?}");
        let documented = documented_codes();
        let missing: Vec<_> = emitted.difference(&documented).collect();
        assert!(
            missing.is_empty(),
            "codes missing from codegen/DIAGNOSTICS.md: {missing:?}"
        );
        let stale: Vec<_> = documented.difference(&emitted).collect();
        assert!(
            stale.is_empty(),
            "codes in codegen/DIAGNOSTICS.md that the source never emits: {stale:?}"
        );
        let doc = include_str!("../DIAGNOSTICS.md");
        for code in &emitted {
            assert!(
                doc.contains(&format!("### `{code}`")),
                "no example for `{code}` in DIAGNOSTICS.md"
            );
        }
    }

    #[test]
    fn help_for_the_common_codes() {
        for code in [
            "ref-dangling",
            "type-unknown",
            "type-unresolved",
            "table-unused",
            "table-unbound",
            "uri-missing",
        ] {
            assert!(default_help(code).is_some(), "{code}");
        }
        let d = Diagnostic::new("f", 1, Severity::Warning, "ref-dangling", "m");
        assert!(d.help_text().unwrap().contains("case-insensitively"));
        assert_eq!(d.clone().with_help("x").help_text(), Some("x"));
        assert_eq!(d.with_col(3).col, Some(3));
        let mut ds = Diagnostics::default();
        ds.add(Diagnostic::new("f", 1, Severity::Note, "uri-missing", "m"));
        ds.warn("f", 2, "type-unknown", "m");
        assert_eq!(ds.warnings(), 1);
    }
}
