//! The one table of change rules: every change `codegen diff` reports has a
//! stable id from here, and its level and semver consequence come only from
//! here.
//!
//! The verdicts are for the generated crate as it is built (the API shape
//! decided for the generator, see [`Shape`]): object and body structs are
//! `#[non_exhaustive]` with `new(<required fields>)` and a `with_<field>`
//! setter per optional field; documented value sets are `#[non_exhaustive]`
//! enums with an `Unknown(..)` variant; request types are validated
//! client-side before sending; response enums (one variant per status) are
//! `#[non_exhaustive]`. A rule whose verdict depends on one of those choices
//! also records the verdict for a generator without it ([`Rule::without`]),
//! so the compile tests can check the table against whichever generator
//! they run.
//!
//! Ids follow oasdiff's (`new-required-request-property`,
//! `response-property-enum-value-added`, …) where oasdiff has the change.

use serde::Serialize;
use std::sync::LazyLock;

/// How much a change can break code written against the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Code that compiled still compiles and behaves as before.
    NonBreaking,
    /// Code still compiles, but what it does at run time may change
    /// (a value now rejected by validation, an `Unknown` now a named variant).
    PotentiallyBreaking,
    /// Some code that compiled no longer compiles.
    Breaking,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::NonBreaking => "non-breaking",
            Level::PotentiallyBreaking => "potentially breaking",
            Level::Breaking => "breaking",
        }
    }
}

/// The version bump of the generated crate a change calls for (semver:
/// on a `0.y.z` crate a major bump is `0.(y+1).0` and a minor one `0.y.(z+1)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    /// Documentation or behaviour fixes only: no API added or removed.
    Patch,
    /// API added (or behaviour changed in a way callers must review).
    Minor,
    /// API removed or changed incompatibly.
    Major,
}

impl Semver {
    pub fn as_str(self) -> &'static str {
        match self {
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }
}

/// A choice of the generator's API shape a verdict depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// Object and body structs (and request structs) are `#[non_exhaustive]`,
    /// built with `new(<required fields>)` and `with_<field>` setters.
    BuiltStructs,
    /// Documented value sets are `#[non_exhaustive]` enums with `Unknown(..)`.
    OpenEnums,
    /// Response enums (one variant per status) are `#[non_exhaustive]`.
    OpenResponses,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::BuiltStructs, Shape::OpenEnums, Shape::OpenResponses];

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::BuiltStructs => "built-structs",
            Shape::OpenEnums => "open-enums",
            Shape::OpenResponses => "open-responses",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable id (kebab-case).
    pub id: String,
    pub level: Level,
    pub semver: Semver,
    /// What the change does to the generated crate and its users.
    pub why: String,
    /// The verdict when the generator lacks this shape choice (today's
    /// generator or a partial merge); `None` when the verdict holds for any shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without: Option<(Shape, Level, Semver)>,
}

impl Rule {
    /// The verdict for a generator that has the shape choices in `shapes`.
    pub fn verdict_for(&self, shapes: &[Shape]) -> (Level, Semver) {
        match self.without {
            Some((shape, level, semver)) if !shapes.contains(&shape) => (level, semver),
            _ => (self.level, self.semver),
        }
    }
}

use Level::{Breaking as B, NonBreaking as N, PotentiallyBreaking as P};
use Semver::{Major, Minor, Patch};

type Row = (
    &'static str,
    Level,
    Semver,
    &'static str,
    Option<(Shape, Level, Semver)>,
);

/// Rules about operations, request bodies, responses, types and docs.
#[rustfmt::skip]
const FIXED: &[Row] = &[
    ("service-added", N, Minor, "a new module behind a new Cargo feature", None),
    ("service-removed", B, Major, "a module and its Cargo feature disappear", None),
    ("endpoint-added", N, Minor, "a new request struct and response enum", None),
    ("endpoint-removed", B, Major, "its request struct and response enum disappear", None),
    ("endpoint-method-changed", P, Minor, "`METHOD` changes: the same code now sends another method", None),
    ("endpoint-path-changed", P, Minor, "`PATH` changes: the same code now calls another path (path parameters are reported on their own)", None),
    ("endpoint-deprecated", N, Patch, "the docs mark it deprecated: a rustdoc note only", None),
    ("endpoint-reactivated", N, Patch, "no longer marked deprecated: a rustdoc note only", None),
    ("request-body-added", B, Major, "the request struct gains a required `body` (a new argument of `new`)", None),
    ("request-body-removed", B, Major, "the request struct loses its `body` field", None),
    ("request-body-type-changed", B, Major, "the `body` field changes type", None),
    ("response-success-status-added", P, Minor, "a new variant of the `#[non_exhaustive]` response enum: a status that was an undocumented-status error now parses", Some((Shape::OpenResponses, B, Major))),
    ("response-non-success-status-added", P, Minor, "a new variant of the `#[non_exhaustive]` response enum: a status that was an undocumented-status error now parses", Some((Shape::OpenResponses, B, Major))),
    ("response-success-status-removed", B, Major, "a variant of the response enum disappears", None),
    ("response-non-success-status-removed", B, Major, "a variant of the response enum disappears", None),
    ("response-body-added", B, Major, "the status's variant changes from an untyped JSON value to a struct", None),
    ("response-body-removed", B, Major, "the status's variant changes from a struct to an untyped JSON value", None),
    ("response-body-type-changed", B, Major, "the status's variant holds another type", None),
    ("response-header-added", N, Minor, "a documented header more (headers are not yet typed)", None),
    ("response-header-removed", P, Minor, "a documented header less (headers are not yet typed)", None),
    ("type-added", N, Minor, "a new public struct", None),
    ("type-removed", B, Major, "a public struct disappears", None),
    ("type-renamed", B, Major, "the struct keeps its fields but changes its Rust name: code naming it breaks", None),
    ("type-id-changed", N, Patch, "the type moved to a new spec id; its Rust name and fields stay", None),
    ("documentation-changed", N, Patch, "titles, descriptions, sources or notes changed: rustdoc only", None),
    ("example-changed", N, Patch, "a documented example was added, removed or changed: rustdoc only", None),
    ("unsupported-page-changed", N, Patch, "a page the extractor cannot model appeared or went: no code changes", None),
];

/// The subjects of field-level rules, with the verdicts that differ by side.
/// Request fields are built by the caller and validated before sending;
/// response fields are read by the caller and never validated.
const SUBJECTS: &[&str] = &["request-parameter", "request-property", "response-property"];

/// Field-level rules: `(suffix, request verdict, response verdict)`; the id is
/// `<subject>-<suffix>` except for the `new-…` rows, whose id embeds the subject.
type FieldRow = (&'static str, Row, Row);

const fn r(
    level: Level,
    semver: Semver,
    why: &'static str,
    without: Option<(Shape, Level, Semver)>,
) -> Row {
    ("", level, semver, why, without)
}

const TIGHTER_REQ: &str = "compiles; `validate()` now rejects values it accepted before sending";
const LOOSER_REQ: &str = "compiles; `validate()` now accepts more values";
const RESP_CONSTRAINT: &str = "response values are not validated: rustdoc only";

#[rustfmt::skip]
const FIELD: &[FieldRow] = &[
    ("removed", r(B, Major, "the field (and its setter) disappear", None), r(B, Major, "the field disappears", None)),
    ("became-required", r(B, Major, "`T` instead of `Option<T>`, and a new argument of `new`", None), r(B, Major, "`T` instead of `Option<T>`", None)),
    ("became-optional", r(B, Major, "`Option<T>` instead of `T`, and an argument of `new` less", None), r(B, Major, "`Option<T>` instead of `T`", None)),
    ("type-changed", r(B, Major, "the field changes Rust type", None), r(B, Major, "the field changes Rust type", None)),
    ("enum-value-added", r(N, Minor, "a new variant of a `#[non_exhaustive]` enum", Some((Shape::OpenEnums, N, Patch))), r(P, Minor, "a value that arrived as `Unknown(..)` now arrives as a new variant", Some((Shape::OpenEnums, N, Patch)))),
    ("enum-value-removed", r(B, Major, "a variant of the enum disappears", Some((Shape::OpenEnums, P, Minor))), r(B, Major, "a variant of the enum disappears", Some((Shape::OpenEnums, N, Patch)))),
    ("enum-added", r(B, Major, "the field becomes an enum instead of a string or number", Some((Shape::OpenEnums, P, Minor))), r(B, Major, "the field becomes an enum instead of a string or number", Some((Shape::OpenEnums, N, Patch)))),
    ("enum-removed", r(B, Major, "the field becomes a string or number instead of an enum", Some((Shape::OpenEnums, N, Patch))), r(B, Major, "the field becomes a string or number instead of an enum", Some((Shape::OpenEnums, N, Patch)))),
    ("max-length-decreased", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-length-increased", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-length-set", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-length-unset", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-length-increased", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-length-decreased", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-length-set", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-length-unset", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-decreased", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-increased", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-set", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-unset", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-increased", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-decreased", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-set", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-unset", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-items-decreased", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-items-increased", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-items-set", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("max-items-unset", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-items-increased", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-items-decreased", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-items-set", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("min-items-unset", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("pattern-added", r(P, Minor, TIGHTER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("pattern-changed", r(P, Minor, "compiles; `validate()` checks another pattern", None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("pattern-removed", r(N, Patch, LOOSER_REQ, None), r(N, Patch, RESP_CONSTRAINT, None)),
    ("default-value-changed", r(P, Minor, "compiles; the server fills an omitted value differently", None), r(N, Patch, "rustdoc only", None)),
    ("default-value-added", r(N, Patch, "rustdoc only: the server's behaviour is now documented", None), r(N, Patch, "rustdoc only", None)),
    ("default-value-removed", r(P, Minor, "compiles; the server may no longer fill an omitted value", None), r(N, Patch, "rustdoc only", None)),
];

/// Added fields: the one place where requiredness decides the verdict.
#[rustfmt::skip]
const ADDED: &[(&str, Row)] = &[
    ("new-required-request-parameter", r(B, Major, "a new argument of the request's `new`", None)),
    ("new-optional-request-parameter", r(N, Minor, "a new `with_` setter on a `#[non_exhaustive]` struct", Some((Shape::BuiltStructs, B, Major)))),
    ("new-required-request-property", r(B, Major, "a new argument of `new`", None)),
    ("new-optional-request-property", r(N, Minor, "a new `with_` setter on a `#[non_exhaustive]` struct", Some((Shape::BuiltStructs, B, Major)))),
    ("response-property-added", r(N, Minor, "a new field of a `#[non_exhaustive]` struct", Some((Shape::BuiltStructs, B, Major)))),
];

fn row(id: String, (_, level, semver, why, without): Row) -> Rule {
    Rule {
        id,
        level,
        semver,
        why: why.to_string(),
        without,
    }
}

/// Every rule, in table order (operations, bodies, responses, types and docs,
/// then field rules per subject).
pub static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let mut rules: Vec<Rule> = FIXED.iter().map(|r| row(r.0.to_string(), *r)).collect();
    rules.extend(ADDED.iter().map(|(id, r)| row(id.to_string(), *r)));
    for subject in SUBJECTS {
        for (suffix, request, response) in FIELD {
            let verdict = if subject.starts_with("request") {
                *request
            } else {
                *response
            };
            rules.push(row(format!("{subject}-{suffix}"), verdict));
        }
    }
    rules
});

/// The rule with this id. Panics on an unknown id: ids are literals of this
/// crate, and a test checks that every id the diff emits is in the table.
pub fn rule(id: &str) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no rule `{id}` in review::rules"))
}

/// The rule table as Markdown (the body of codegen/REVIEW.md's rule list).
pub fn table_markdown() -> String {
    let mut out = String::from(
        "| rule id | level | semver | why | without the shape choice |\n|---|---|---|---|---|\n",
    );
    for r in RULES.iter() {
        let without = r.without.map_or(String::new(), |(shape, level, semver)| {
            format!(
                "without {}: {}, {}",
                shape.as_str(),
                level.as_str(),
                semver.as_str()
            )
        });
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.id,
            r.level.as_str(),
            r.semver.as_str(),
            r.why.replace('|', "\\|"),
            without
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule id");
        for id in ids {
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
        }
    }

    #[test]
    fn shape_dependent_verdicts_differ_only_without_the_shape() {
        let r = rule("new-optional-request-property");
        assert_eq!(r.verdict_for(&Shape::ALL), (N, Minor));
        assert_eq!(r.verdict_for(&[]), (B, Major));
        let r = rule("response-property-enum-value-added");
        assert_eq!(r.verdict_for(&Shape::ALL), (P, Minor));
        assert_eq!(r.verdict_for(&[Shape::BuiltStructs]), (N, Patch));
    }
}
