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
        lint.services.push(ServiceLint {
            cloud,
            service: name,
            examples: s.examples,
            parsed: s.examples_parsed,
            round_tripped: s.examples_round_tripped,
            findings: s.doc_findings.len(),
        });
        lint.findings.extend(s.doc_findings);
    }
    Ok(lint)
}

impl Lint {
    /// One line per finding (`file:line: kind: path: message; the table: …`),
    /// then one line per service with its counts.
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
                "{}/{}: {} examples, {} parsed, {} round-tripped, {} findings\n",
                s.cloud, s.service, s.examples, s.parsed, s.round_tripped, s.findings
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
