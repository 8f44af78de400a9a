//! `codegen report`: extraction counts for every service of a docs corpus.
//!
//! The corpus is `<root>/otc/<service>/` and `<root>/huawei/<service>/`. Each
//! service is extracted as `extract` would; the report holds its [`Counts`] and
//! the total. The JSON form is stable: its schema is in `codegen/REPORT.md`
//! (and [`json_schema`]); new fields are only ever added.

use crate::diag::{Diagnostics, Severity};
use crate::extract::Stats;
use crate::pipeline;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The version of the JSON document; bumped only on an incompatible change.
pub const REPORT_VERSION: u32 = 1;

/// The clouds a corpus root holds, in report order.
pub const CLOUDS: &[&str] = &["otc", "huawei"];

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    pub report_version: u32,
    /// One entry per service directory, by cloud (`otc`, `huawei`) then name.
    pub services: Vec<ServiceReport>,
    /// The sum of every service's counts.
    pub total: Counts,
}

/// One service directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceReport {
    /// `otc` or `huawei`: the directory below the docs root.
    pub cloud: String,
    /// The service directory's name.
    pub service: String,
    pub counts: Counts,
}

/// Counts of one service, or of all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Counts {
    /// Pages read (`.rst`, `.md`).
    pub pages: usize,
    /// Pages that yield an operation (a method and path).
    pub operation_pages: usize,
    /// Operations in the spec.
    pub operations: usize,
    /// Tables on operation pages; always `tables_used + tables_reported`.
    pub tables_on_operation_pages: usize,
    /// Tables read as parameters, bodies, nested types or status codes.
    pub tables_used: usize,
    /// Tables not read, each reported by a diagnostic.
    pub tables_reported: usize,
    /// Table rows read as fields or parameters.
    pub rows: usize,
    /// Fields over all object types of the spec.
    pub fields: usize,
    /// Object types of the spec.
    pub types: usize,
    /// Request and response examples attached to operations.
    pub examples: usize,
    /// Of `examples`, those taken from workflow pages.
    pub workflow_examples: usize,
    /// Type references that resolved to no table (the field stays untyped).
    pub unresolved_refs: usize,
    /// Pages listed as `unsupported` in the spec (S3-style pages).
    pub unsupported_pages: usize,
    /// Fields and parameters with any documented constraint (`constraints` in the spec).
    #[serde(default)]
    pub constrained: usize,
    /// Of those, with a value range (`minimum`/`maximum`).
    #[serde(default)]
    pub ranges: usize,
    /// With a length bound (`min_length`/`max_length`).
    #[serde(default)]
    pub lengths: usize,
    /// With enumeration values (`enum`).
    #[serde(default)]
    pub enums: usize,
    /// With a default.
    #[serde(default)]
    pub defaults: usize,
    /// With an item count (`min_items`/`max_items`, arrays).
    #[serde(default)]
    pub items: usize,
    /// With a `pattern`.
    #[serde(default)]
    pub patterns: usize,
    /// Of `enums`, those with a documented meaning for some value (`enum_descriptions`).
    #[serde(default)]
    pub enum_descriptions: usize,
    /// Fields and parameters whose description still states a limit in a form
    /// nobody reads: a signal of a kind of limit and no constraint of that kind
    /// (an upper bound; see `codegen/REPORT.md`).
    #[serde(default)]
    pub unread_limits: usize,
    /// Of `unread_limits`, by kind: value range (integer and number fields).
    #[serde(default)]
    pub unread_ranges: usize,
    /// Length (string fields).
    #[serde(default)]
    pub unread_lengths: usize,
    /// Value set (string and integer fields).
    #[serde(default)]
    pub unread_enums: usize,
    /// Default.
    #[serde(default)]
    pub unread_defaults: usize,
    /// Item count (array fields).
    #[serde(default)]
    pub unread_items: usize,
    /// Of `examples`, those the lenient JSON reader recovered a value from.
    #[serde(default)]
    pub examples_parsed: usize,
    /// Of `examples_parsed`, those that fit their body type with no finding.
    #[serde(default)]
    pub examples_round_tripped: usize,
    /// Findings of the example check (unknown field, wrong type, missing required field).
    #[serde(default)]
    pub example_findings: usize,
    /// Of `examples`, those that are not JSON (XML, prose, curl, a bare request line).
    #[serde(default)]
    pub examples_not_json: usize,
    /// Of `examples_parsed`, those with no documented body to check against.
    #[serde(default)]
    pub examples_untargeted: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Diagnostics per code, notes included.
    pub diagnostics: BTreeMap<String, usize>,
}

impl Counts {
    pub fn of(stats: &Stats, diags: &Diagnostics) -> Counts {
        let severity = |s: Severity| diags.items.iter().filter(|d| d.severity == s).count();
        Counts {
            pages: stats.pages,
            operation_pages: stats.operation_pages,
            operations: stats.operations,
            tables_on_operation_pages: stats.tables_on_operation_pages,
            tables_used: stats.tables_used,
            tables_reported: stats.tables_reported,
            rows: stats.rows,
            fields: stats.fields,
            types: stats.types,
            examples: stats.examples,
            workflow_examples: stats.workflow_examples,
            unresolved_refs: stats.unresolved_refs,
            unsupported_pages: stats.unsupported_pages,
            constrained: stats.constrained,
            ranges: stats.ranges,
            lengths: stats.lengths,
            enums: stats.enums,
            defaults: stats.defaults,
            items: stats.items,
            patterns: stats.patterns,
            enum_descriptions: stats.enum_descriptions,
            unread_limits: stats.unread_limits,
            unread_ranges: stats.unread_ranges,
            unread_lengths: stats.unread_lengths,
            unread_enums: stats.unread_enums,
            unread_defaults: stats.unread_defaults,
            unread_items: stats.unread_items,
            examples_parsed: stats.examples_parsed,
            examples_round_tripped: stats.examples_round_tripped,
            example_findings: stats.example_findings,
            examples_not_json: stats.examples_not_json,
            examples_untargeted: stats.examples_untargeted,
            errors: severity(Severity::Error),
            warnings: severity(Severity::Warning),
            notes: severity(Severity::Note),
            diagnostics: diags
                .by_code()
                .into_iter()
                .map(|(c, n)| (c.to_string(), n))
                .collect(),
        }
    }

    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &Counts) {
        self.pages += other.pages;
        self.operation_pages += other.operation_pages;
        self.operations += other.operations;
        self.tables_on_operation_pages += other.tables_on_operation_pages;
        self.tables_used += other.tables_used;
        self.tables_reported += other.tables_reported;
        self.rows += other.rows;
        self.fields += other.fields;
        self.types += other.types;
        self.examples += other.examples;
        self.workflow_examples += other.workflow_examples;
        self.unresolved_refs += other.unresolved_refs;
        self.unsupported_pages += other.unsupported_pages;
        self.constrained += other.constrained;
        self.ranges += other.ranges;
        self.lengths += other.lengths;
        self.enums += other.enums;
        self.defaults += other.defaults;
        self.items += other.items;
        self.patterns += other.patterns;
        self.enum_descriptions += other.enum_descriptions;
        self.unread_limits += other.unread_limits;
        self.unread_ranges += other.unread_ranges;
        self.unread_lengths += other.unread_lengths;
        self.unread_enums += other.unread_enums;
        self.unread_defaults += other.unread_defaults;
        self.unread_items += other.unread_items;
        self.examples_parsed += other.examples_parsed;
        self.examples_round_tripped += other.examples_round_tripped;
        self.example_findings += other.example_findings;
        self.examples_not_json += other.examples_not_json;
        self.examples_untargeted += other.examples_untargeted;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.notes += other.notes;
        for (code, n) in &other.diagnostics {
            *self.diagnostics.entry(code.clone()).or_insert(0) += n;
        }
    }
}

/// A report and the diagnostics behind it (per service, in report order).
#[derive(Debug)]
pub struct ReportRun {
    pub report: Report,
    pub diags: Vec<Diagnostics>,
}

/// Every service directory of the corpus: (cloud, name, path), in report order.
pub fn service_dirs(docs_root: &Path) -> Result<Vec<(String, String, PathBuf)>, String> {
    let mut out = Vec::new();
    for cloud in CLOUDS {
        let dir = docs_root.join(cloud);
        if !dir.is_dir() {
            continue;
        }
        let mut names: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .map(|p| {
                (
                    p.file_name().unwrap_or_default().to_string_lossy().into(),
                    p,
                )
            })
            .collect();
        names.sort();
        out.extend(names.into_iter().map(|(n, p)| (cloud.to_string(), n, p)));
    }
    if out.is_empty() {
        return Err(format!(
            "{}: no service directories under otc/ or huawei/",
            docs_root.display()
        ));
    }
    Ok(out)
}

/// Extracts every service under `docs_root`. `progress` is called with each
/// service's `cloud/name` and the number of services before it is extracted.
pub fn build(docs_root: &Path, mut progress: impl FnMut(&str, usize)) -> Result<ReportRun, String> {
    let dirs = service_dirs(docs_root)?;
    let count = dirs.len();
    let mut services = Vec::with_capacity(dirs.len());
    let mut all_diags = Vec::with_capacity(dirs.len());
    let mut total = Counts::default();
    for (cloud, name, dir) in dirs {
        progress(&format!("{cloud}/{name}"), count);
        let ex = pipeline::extract_dir(&dir, &name, &cloud)?;
        let counts = Counts::of(&ex.stats, &ex.diags);
        total.add(&counts);
        services.push(ServiceReport {
            cloud,
            service: name,
            counts,
        });
        all_diags.push(ex.diags);
    }
    Ok(ReportRun {
        report: Report {
            report_version: REPORT_VERSION,
            services,
            total,
        },
        diags: all_diags,
    })
}

impl Report {
    /// The stable JSON form, with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("report serializes");
        s.push('\n');
        s
    }

    pub fn from_json(text: &str) -> Result<Report, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The aligned table printed by `codegen report`.
    pub fn to_table(&self) -> String {
        let head = [
            "service", "pages", "oppgs", "ops", "tables", "used", "reportd", "rows", "fields",
            "types", "exmpl", "parsed", "rtrip", "findg", "unres", "constr", "enums", "unread",
            "warn", "note",
        ];
        let row = |name: String, c: &Counts| -> Vec<String> {
            let mut v = vec![name];
            v.extend(
                [
                    c.pages,
                    c.operation_pages,
                    c.operations,
                    c.tables_on_operation_pages,
                    c.tables_used,
                    c.tables_reported,
                    c.rows,
                    c.fields,
                    c.types,
                    c.examples,
                    c.examples_parsed,
                    c.examples_round_tripped,
                    c.example_findings,
                    c.unresolved_refs,
                    c.constrained,
                    c.enums,
                    c.unread_limits,
                    c.warnings,
                    c.notes,
                ]
                .map(|n| n.to_string()),
            );
            v
        };
        let mut rows: Vec<(Vec<String>, String)> = vec![(
            head.iter().map(ToString::to_string).collect(),
            "diagnostics".to_string(),
        )];
        for s in &self.services {
            rows.push((
                row(format!("{}/{}", s.cloud, s.service), &s.counts),
                by_code(&s.counts.diagnostics),
            ));
        }
        rows.push((row("total".into(), &self.total), String::new()));
        let mut widths = vec![0; head.len()];
        for (cells, _) in &rows {
            for (w, c) in widths.iter_mut().zip(cells) {
                *w = (*w).max(c.chars().count());
            }
        }
        let mut out = String::new();
        for (i, (cells, codes)) in rows.iter().enumerate() {
            if i + 1 == rows.len() {
                let rule: usize = widths.iter().sum::<usize>() + widths.len() - 1;
                out.push_str(&"-".repeat(rule));
                out.push('\n');
            }
            let mut line = String::new();
            for (j, (c, w)) in cells.iter().zip(&widths).enumerate() {
                if j == 0 {
                    line.push_str(&format!("{c:<w$}"));
                } else {
                    line.push_str(&format!(" {c:>w$}"));
                }
            }
            if !codes.is_empty() {
                line.push_str("  ");
                line.push_str(codes);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push_str("\ndiagnostics in total:\n");
        for (code, n) in &self.total.diagnostics {
            out.push_str(&format!("  {code:<28} {n:>6}\n"));
        }
        out
    }
}

fn by_code(m: &BTreeMap<String, usize>) -> String {
    if m.is_empty() {
        return "none".into();
    }
    m.iter()
        .map(|(c, n)| format!("{c}={n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The JSON Schema of the report document.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Report);
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        let mut a = Counts {
            pages: 3,
            operation_pages: 2,
            operations: 2,
            tables_on_operation_pages: 5,
            tables_used: 4,
            tables_reported: 1,
            rows: 20,
            fields: 12,
            types: 3,
            examples: 2,
            warnings: 1,
            notes: 1,
            ..Counts::default()
        };
        a.diagnostics.insert("table-unused".into(), 1);
        a.diagnostics.insert("uri-missing".into(), 1);
        let mut total = Counts::default();
        total.add(&a);
        total.add(&a);
        Report {
            report_version: REPORT_VERSION,
            services: vec![
                ServiceReport {
                    cloud: "otc".into(),
                    service: "a".into(),
                    counts: a.clone(),
                },
                ServiceReport {
                    cloud: "huawei".into(),
                    service: "b".into(),
                    counts: a,
                },
            ],
            total,
        }
    }

    #[test]
    fn json_round_trip() {
        let r = sample();
        let json = r.to_json();
        assert_eq!(Report::from_json(&json).unwrap(), r);
    }

    #[test]
    fn json_shape() {
        let v: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        assert_eq!(v["report_version"], 1);
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["report_version", "services", "total"]);
        let s = &v["services"][0];
        assert_eq!(s["cloud"], "otc");
        assert_eq!(s["service"], "a");
        let counts: Vec<&str> = s["counts"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            counts,
            [
                "pages",
                "operation_pages",
                "operations",
                "tables_on_operation_pages",
                "tables_used",
                "tables_reported",
                "rows",
                "fields",
                "types",
                "examples",
                "workflow_examples",
                "unresolved_refs",
                "unsupported_pages",
                "constrained",
                "ranges",
                "lengths",
                "enums",
                "defaults",
                "items",
                "patterns",
                "enum_descriptions",
                "unread_limits",
                "unread_ranges",
                "unread_lengths",
                "unread_enums",
                "unread_defaults",
                "unread_items",
                "examples_parsed",
                "examples_round_tripped",
                "example_findings",
                "examples_not_json",
                "examples_untargeted",
                "errors",
                "warnings",
                "notes",
                "diagnostics"
            ]
        );
        assert_eq!(v["total"]["pages"], 6);
        assert_eq!(v["total"]["diagnostics"]["table-unused"], 2);
    }

    #[test]
    fn table_is_aligned() {
        let t = sample().to_table();
        let lines: Vec<&str> = t.lines().take(4).collect();
        assert!(lines[0].starts_with("service "), "{t}");
        assert!(lines[1].starts_with("otc/a "), "{t}");
        assert!(lines[1].ends_with("table-unused=1 uri-missing=1"), "{t}");
        // The numeric columns end at the same offsets.
        let end = |l: &str, col: &str| l.find(col).map(|i| i + col.len());
        assert_eq!(end(lines[0], "pages"), end(lines[1], " 3"));
        assert!(t.contains("\ntotal "), "{t}");
    }

    #[test]
    fn schema_names_every_field() {
        let s = json_schema();
        for f in ["tables_on_operation_pages", "diagnostics", "report_version"] {
            assert!(s.contains(f), "{f}");
        }
    }
}
