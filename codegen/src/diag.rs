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
        self.items.push(Diagnostic {
            file: file.to_string(),
            line,
            severity,
            code,
            message: message.into(),
        });
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
