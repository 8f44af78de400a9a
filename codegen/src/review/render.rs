//! `codegen diff` output: text (terminal), Markdown (a pull request
//! description) and JSON (tools). All three list the same changes in the
//! same order: services by cloud and name, then by level (breaking first),
//! then in the diff's order (operations by id, then types).

use super::diff::{Change, Report, ServiceDiff};
use super::rules::Level;
use serde_json::json;
use std::fmt::Write;

const LEVELS: [Level; 3] = [
    Level::Breaking,
    Level::PotentiallyBreaking,
    Level::NonBreaking,
];

/// How many operation ids a change lists before "and N more".
const USED_BY_SHOWN: usize = 3;

fn used_by(c: &Change) -> String {
    if c.used_by.is_empty() {
        return String::new();
    }
    let shown: Vec<&str> = c
        .used_by
        .iter()
        .take(USED_BY_SHOWN)
        .map(String::as_str)
        .collect();
    let more = c.used_by.len().saturating_sub(USED_BY_SHOWN);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(" (used by {}{tail})", shown.join(", "))
}

fn short(commit: &Option<String>) -> String {
    commit
        .as_deref()
        .map_or("unknown".to_string(), |c| c.chars().take(12).collect())
}

fn docs_line(s: &ServiceDiff) -> Option<String> {
    if s.old_commit.is_none() && s.new_commit.is_none() {
        return None;
    }
    if s.old_commit == s.new_commit {
        return Some(format!("docs {}", short(&s.new_commit)));
    }
    Some(format!(
        "docs {} → {}",
        short(&s.old_commit),
        short(&s.new_commit)
    ))
}

/// One sentence on the whole report.
pub fn verdict(report: &Report) -> String {
    let counts = format!(
        "{} breaking, {} potentially breaking, {} non-breaking",
        report.count(Level::Breaking),
        report.count(Level::PotentiallyBreaking),
        report.count(Level::NonBreaking)
    );
    match report.semver() {
        None => "no API changes".to_string(),
        Some(semver) => format!(
            "{counts}: the generated crate needs a {} version bump",
            semver.as_str()
        ),
    }
}

pub fn text(report: &Report) -> String {
    let mut out = String::new();
    for s in &report.services {
        let docs = docs_line(s).map_or(String::new(), |d| format!(", {d}"));
        let _ = writeln!(out, "{} ({}{docs})", s.service, s.cloud);
        if s.changes.is_empty() {
            let _ = writeln!(out, "  no API change");
        }
        for level in LEVELS {
            let changes: Vec<&Change> = s.changes.iter().filter(|c| c.level == level).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {} ({}):", level.as_str(), changes.len());
            for c in changes {
                let _ = writeln!(
                    out,
                    "    {} [{}]: {}{}",
                    c.id,
                    c.semver.as_str(),
                    c.message,
                    used_by(c)
                );
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", verdict(report));
    out
}

/// Markdown with the text of changes escaped for table cells.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(report: &Report) -> String {
    let mut out = String::from("## API changes\n\n");
    let _ = writeln!(out, "**{}**\n", verdict(report));
    if report.services.is_empty() {
        return out;
    }
    out.push_str("| service | breaking | potentially breaking | non-breaking | semver |\n");
    out.push_str("|---|---:|---:|---:|---|\n");
    for s in &report.services {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            s.service,
            s.count(Level::Breaking),
            s.count(Level::PotentiallyBreaking),
            s.count(Level::NonBreaking),
            s.semver().map_or("", |v| v.as_str())
        );
    }
    for s in &report.services {
        let _ = writeln!(out, "\n### {} ({})\n", s.service, s.cloud);
        if let Some(d) = docs_line(s) {
            let _ = writeln!(out, "{}\n", d.replace("docs ", "Docs commit "));
        }
        if s.changes.is_empty() {
            out.push_str("No API change.\n");
            continue;
        }
        out.push_str("| level | rule | change | semver |\n|---|---|---|---|\n");
        for level in LEVELS {
            for c in s.changes.iter().filter(|c| c.level == level) {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} | {} |",
                    level.as_str(),
                    c.id,
                    cell(&format!("{}{}", c.message, used_by(c))),
                    c.semver.as_str()
                );
            }
        }
    }
    out
}

pub fn json(report: &Report) -> String {
    let mut services = Vec::new();
    for s in &report.services {
        let mut value = serde_json::to_value(s).unwrap_or_default();
        if let Some(changes) = value.get_mut("changes").and_then(|c| c.as_array_mut()) {
            // Same order as the other formats: by level, breaking first.
            changes.sort_by_key(|c| {
                let level = c.get("level").and_then(|l| l.as_str()).unwrap_or("");
                match level {
                    "breaking" => 0,
                    "potentially-breaking" => 1,
                    _ => 2,
                }
            });
        }
        services.push(value);
    }
    let doc = json!({
        "summary": {
            "breaking": report.count(Level::Breaking),
            "potentially_breaking": report.count(Level::PotentiallyBreaking),
            "non_breaking": report.count(Level::NonBreaking),
            "semver": report.semver().map(|s| s.as_str()),
        },
        "services": services,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// A one-line summary per service, for `codegen sync`.
pub fn summary_lines(report: &Report) -> Vec<String> {
    report
        .services
        .iter()
        .map(|s| {
            let docs = docs_line(s).map_or(String::new(), |d| format!(", {d}"));
            format!(
                "{}: {} breaking, {} potentially breaking, {} non-breaking ({}{docs})",
                s.service,
                s.count(Level::Breaking),
                s.count(Level::PotentiallyBreaking),
                s.count(Level::NonBreaking),
                s.semver().map_or("no API change", |v| v.as_str())
            )
        })
        .collect()
}
