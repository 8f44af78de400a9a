//! `codegen lint`: every documentation finding about the docs' examples
//! (an unknown or misspelt field, a wrong type, a missing mandatory field,
//! a block that is not JSON), with its place, the field's path in the
//! example and what the table says, and per service how many examples
//! there are, parsed and round-tripped.

use crate::extract::examples::DocFinding;
use crate::{pipeline, report};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Example counts of one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceLint {
    pub cloud: String,
    pub service: String,
    pub examples: usize,
    pub parsed: usize,
    pub round_tripped: usize,
    pub findings: usize,
    /// JSON bodies: the parsed examples and those broken beyond repair
    /// (`example-json-invalid`); the other examples are not JSON.
    pub bodies: usize,
    /// Bodies that do not round-trip: each has at least one listed finding.
    pub bodies_with_findings: usize,
}

/// The whole lint run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lint {
    pub services: Vec<ServiceLint>,
    /// Every finding, by service then in the order the examples were checked.
    pub findings: Vec<DocFinding>,
}

/// The services under `docs`: a corpus root (`otc/`, `huawei/`) or one service
/// directory. `only` keeps the service of that name.
fn services(docs: &Path, only: Option<&str>) -> Result<Vec<(String, String, PathBuf)>, String> {
    let is_root = report::CLOUDS.iter().any(|c| docs.join(c).is_dir());
    let all = if is_root {
        report::service_dirs(docs)?
    } else {
        let name = match only {
            Some(n) => n.to_string(),
            None => docs
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .ok_or_else(|| {
                    format!(
                        "{}: cannot name the service; pass --service",
                        docs.display()
                    )
                })?,
        };
        let cloud = pipeline::infer_cloud(docs).to_string();
        return Ok(vec![(cloud, name, docs.to_path_buf())]);
    };
    let kept: Vec<_> = all
        .into_iter()
        .filter(|(_, name, _)| only.is_none_or(|o| o == name))
        .collect();
    if kept.is_empty() {
        return Err(format!(
            "{}: no service `{}`",
            docs.display(),
            only.unwrap_or("")
        ));
    }
    Ok(kept)
}

/// Extracts each service and collects its example findings.
pub fn run(docs: &Path, only: Option<&str>) -> Result<Lint, String> {
    let mut lint = Lint {
        services: Vec::new(),
        findings: Vec::new(),
    };
    for (cloud, name, dir) in services(docs, only)? {
        let ex = pipeline::extract_dir(&dir, &name, &cloud)?;
        let s = ex.stats;
        let invalid = s
            .doc_findings
            .iter()
            .filter(|f| f.kind == "example-json-invalid")
            .count();
        let bodies = s.examples_parsed + invalid;
        lint.services.push(ServiceLint {
            cloud,
            service: name,
            examples: s.examples,
            parsed: s.examples_parsed,
            round_tripped: s.examples_round_tripped,
            findings: s.doc_findings.len(),
            bodies,
            bodies_with_findings: bodies - s.examples_round_tripped,
        });
        lint.findings.extend(s.doc_findings);
    }
    Ok(lint)
}

impl Lint {
    /// The share of JSON bodies that round-trip or have a listed finding.
    pub fn covered(&self) -> (usize, usize) {
        let bodies: usize = self.services.iter().map(|s| s.bodies).sum();
        let covered = self
            .services
            .iter()
            .map(|s| s.round_tripped + s.bodies_with_findings)
            .sum();
        (covered, bodies)
    }

    /// One line per finding (`file:line: kind: path: message; the table: …`),
    /// then one line per service with its counts and a total.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let path = if f.path.is_empty() { "/" } else { &f.path };
            out.push_str(&format!(
                "{}:{}: {}: {}: {}; the table: {}\n",
                f.file, f.line, f.kind, path, f.message, f.table_says
            ));
        }
        for s in &self.services {
            out.push_str(&format!(
                "{}/{}: {} examples, {} parsed, {} round-tripped, {} findings ({} JSON bodies, {} with a finding)\n",
                s.cloud,
                s.service,
                s.examples,
                s.parsed,
                s.round_tripped,
                s.findings,
                s.bodies,
                s.bodies_with_findings
            ));
        }
        if self.services.len() > 1 {
            let sum = |f: fn(&ServiceLint) -> usize| self.services.iter().map(f).sum::<usize>();
            let (covered, bodies) = self.covered();
            out.push_str(&format!(
                "total: {} examples, {} parsed, {} round-tripped, {} findings ({} JSON bodies, {} with a finding); round-tripped or with a listed finding: {:.1}%\n",
                sum(|s| s.examples),
                sum(|s| s.parsed),
                sum(|s| s.round_tripped),
                sum(|s| s.findings),
                bodies,
                sum(|s| s.bodies_with_findings),
                100.0 * covered as f64 / bodies.max(1) as f64
            ));
        }
        out
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("lint serializes");
        s.push('\n');
        s
    }
}
