//! Every example body of a spec as a test case of the generated crate.
//!
//! Each JSON example with a target type (see [`examples::target`]) becomes a
//! case: its body (as the lenient reader recovered it, compact JSON), the
//! type, and the outcome predicted here from the spec alone. The generated
//! test reads the body into the type, writes it back and, for requests, runs
//! `validate()`; it lists what it saw in the same words and compares. An
//! empty list is a clean round trip; anything else is a documentation
//! finding the test pins down exactly, so a generator bug cannot hide among
//! doc bugs:
//!
//! - `does not deserialize`: a value of the wrong JSON type, an integer
//!   that does not fit, `null` or absence where the type needs a value;
//! - `dropped /pointer`: a member that is not a field of its type;
//! - `changed /pointer`: a value that came back different (an array read as
//!   a struct's fields);
//! - `violation <path> <rule>`: a request value breaking a documented
//!   constraint, or not among an enum's documented values;
//! - `not JSON`: a block broken beyond the lenient reader's repairs;
//! - `no documented body type`: a JSON body where the operation's tables
//!   document none (no request body, or no body for that status): the
//!   generated code keeps such a body as untyped `serde_json::Value`; an
//!   empty body (`{}`, `""`) there agrees with the tables and round-trips.
//!
//! Blocks that are not JSON (XML, prose, request lines) are not cases;
//! [`Coverage`] counts every kind.

use super::enums::{EnumDef, Values};
use super::types::TypeSpace;
use super::validate::{Check, char_set, checks};
use crate::extract::example_json::{self, Failure};
use crate::extract::examples;
use crate::spec::{ExampleKind, ServiceSpec, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;
use std::fmt::Write as _;

/// How a service's examples fare.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    /// Code blocks that are not JSON bodies (request lines, XML, prose).
    pub not_json: usize,
    /// JSON bodies (parsed or broken).
    pub bodies: usize,
    /// Bodies that round-trip cleanly (requests: and validate).
    pub round_trip: usize,
    /// Bodies asserted with their documentation findings.
    pub findings: usize,
    /// Of `bodies`, those with no documented body type to read them into:
    /// an empty one (`{}`) counts in `round_trip`, any other in `findings`
    /// (`no documented body type`, lint's `example-body-undocumented`).
    pub untargeted: usize,
}

/// One generated case.
pub struct Case {
    what: String,
    json: String,
    runner: TokenStream,
    expect: Vec<String>,
}

/// The cases of a service and its coverage.
pub fn cases(spec: &ServiceSpec, types: &TypeSpace) -> (Vec<Case>, Coverage) {
    let mut out = Vec::new();
    let mut cov = Coverage::default();
    for op in &spec.operations {
        for (n, example) in op.examples.iter().enumerate() {
            let kind = match example.kind {
                ExampleKind::Request => "request",
                ExampleKind::Response => "response",
            };
            let status = example
                .status
                .as_deref()
                .map(|s| format!(" {s}"))
                .unwrap_or_default();
            let what = format!("{} {kind}{status} example {}", op.id, n + 1);
            let parsed = match example_json::read_value(&example.text) {
                Ok(parsed) => parsed,
                Err(Failure::NotJson { .. }) => {
                    cov.not_json += 1;
                    continue;
                }
                Err(Failure::Invalid { .. }) => {
                    cov.bodies += 1;
                    cov.findings += 1;
                    out.push(Case {
                        what,
                        json: example.text.clone(),
                        runner: quote!(not_json),
                        expect: vec!["not JSON".to_owned()],
                    });
                    continue;
                }
            };
            cov.bodies += 1;
            let Some(ty) = examples::target(op, example) else {
                // The tables give this example no body type: empty, it agrees
                // with them; otherwise it is a finding.
                cov.untargeted += 1;
                let expect = if examples::is_empty_body(&parsed.value) {
                    cov.round_trip += 1;
                    Vec::new()
                } else {
                    cov.findings += 1;
                    vec!["no documented body type".to_owned()]
                };
                out.push(Case {
                    what,
                    json: compact(&parsed.value),
                    runner: quote!(untyped),
                    expect,
                });
                continue;
            };
            let request = example.kind == ExampleKind::Request;
            let expect = predict(&parsed.value, ty, types, spec, request);
            if expect.is_empty() {
                cov.round_trip += 1;
            } else {
                cov.findings += 1;
            }
            let rust = types.rust_type(ty);
            let runner = if request {
                quote!(request::<#rust>)
            } else {
                quote!(response::<#rust>)
            };
            out.push(Case {
                what,
                json: compact(&parsed.value),
                runner,
                expect,
            });
        }
    }
    (out, cov)
}

/// Compact JSON whose numbers print the same whatever serde_json features the
/// build unifies (`arbitrary_precision` keeps a number's source text,
/// `float_roundtrip` changes the last bit): integers as integers, other
/// numbers rounded to 15 significant digits.
fn compact(value: &Value) -> String {
    let mut out = String::new();
    write_compact(value, &mut out);
    out
}

fn write_compact(value: &Value, out: &mut String) {
    match value {
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => {
                let _ = write!(out, "{i}");
            }
            (None, Some(u), _) => {
                let _ = write!(out, "{u}");
            }
            (None, None, Some(f)) if f.is_finite() => {
                // 15 significant digits: serde_json's float parsing differs in
                // the last bit with and without `float_roundtrip`.
                let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
                let _ = write!(out, "{rounded:?}");
            }
            _ => out.push_str(&n.to_string()),
        },
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_compact(item, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The outcome lines of reading `value` as `ty`, sorted.
fn predict(
    value: &Value,
    ty: &TypeRef,
    types: &TypeSpace,
    spec: &ServiceSpec,
    request: bool,
) -> Vec<String> {
    let mut oracle = Oracle {
        types,
        spec,
        request,
        rejected: false,
        lines: Vec::new(),
    };
    oracle.walk(value, ty, None, &mut String::new(), &mut Vec::new());
    if oracle.rejected {
        return vec!["does not deserialize".to_owned()];
    }
    oracle.lines.sort();
    oracle.lines
}

/// A segment of a validation path.
#[derive(Clone)]
enum Seg<'v> {
    Name(&'v str),
    Index(usize),
}

/// What the generated code does with an example, predicted from the spec.
struct Oracle<'s> {
    types: &'s TypeSpace<'s>,
    spec: &'s ServiceSpec,
    request: bool,
    rejected: bool,
    lines: Vec<String>,
}

impl<'s> Oracle<'s> {
    /// `pointer` is the JSON pointer and `path` the validation path of `value`.
    fn walk<'v>(
        &mut self,
        value: &'v Value,
        ty: &TypeRef,
        enum_def: Option<&EnumDef>,
        pointer: &mut String,
        path: &mut Vec<Seg<'v>>,
    ) {
        if let Some(e) = enum_def {
            let listed = match (&e.values, value) {
                (Values::Str(values), Value::String(s)) => values.contains(s),
                (Values::Int(values), Value::Number(n)) => match n.as_i64() {
                    Some(i) => values.contains(&i),
                    None => return self.rejected = true,
                },
                _ => return self.rejected = true,
            };
            if !listed {
                self.violation(path, "enum");
            }
            return;
        }
        let fits = match (ty, value) {
            (TypeRef::Any, _) => true,
            (TypeRef::String, Value::String(_)) | (TypeRef::Boolean, Value::Bool(_)) => true,
            (TypeRef::Number, Value::Number(_)) => true,
            (TypeRef::Integer { bits }, Value::Number(n)) => match n.as_i64() {
                Some(i) => *bits > 32 || i32::try_from(i).is_ok(),
                None => false,
            },
            (TypeRef::Array { items }, Value::Array(values)) => {
                for (i, item) in values.iter().enumerate() {
                    let len = pointer.len();
                    let _ = write!(pointer, "/{i}");
                    path.push(Seg::Index(i));
                    self.member(item, items, None, false, pointer, path);
                    path.pop();
                    pointer.truncate(len);
                }
                true
            }
            (TypeRef::Map { values }, Value::Object(map)) => {
                for (key, item) in map {
                    let len = push_segment(pointer, key);
                    path.push(Seg::Name(key));
                    self.member(item, values, None, false, pointer, path);
                    path.pop();
                    pointer.truncate(len);
                }
                true
            }
            (TypeRef::Ref { id }, Value::Object(map)) => {
                self.object(id, map, pointer, path);
                true
            }
            (TypeRef::Ref { id }, Value::Array(items)) => {
                self.array_as_struct(id, items, pointer);
                true
            }
            _ => false,
        };
        if !fits {
            self.rejected = true;
        }
    }

    /// A value where `null` is `None` when `optional`, a JSON `null` for
    /// untyped values, and an error otherwise.
    fn member<'v>(
        &mut self,
        value: &'v Value,
        ty: &TypeRef,
        enum_def: Option<&EnumDef>,
        optional: bool,
        pointer: &mut String,
        path: &mut Vec<Seg<'v>>,
    ) {
        if value.is_null() {
            if !optional && (enum_def.is_some() || *ty != TypeRef::Any) {
                self.rejected = true;
            }
            return;
        }
        self.walk(value, ty, enum_def, pointer, path);
    }

    fn object<'v>(
        &mut self,
        id: &str,
        map: &'v serde_json::Map<String, Value>,
        pointer: &mut String,
        path: &mut Vec<Seg<'v>>,
    ) {
        let Some(def) = self.spec.types.get(id) else {
            return;
        };
        let fields = first_fields(&def.fields);
        for (key, value) in map {
            let len = push_segment(pointer, key);
            match fields.iter().find(|f| f.name == *key) {
                // A `null` member reads as absent either way.
                None if value.is_null() => {}
                None => self.lines.push(format!("dropped {pointer}")),
                Some(field) => {
                    let enum_def = self.types.enum_of(id, &field.name);
                    path.push(Seg::Name(key));
                    self.member(value, &field.ty, enum_def, !field.required, pointer, path);
                    if !value.is_null() {
                        self.own_checks(field, enum_def.is_some(), value, path);
                    }
                    path.pop();
                }
            }
            pointer.truncate(len);
        }
        if fields
            .iter()
            .any(|f| f.required && !map.contains_key(&f.name))
        {
            self.rejected = true;
        }
    }

    /// serde reads a JSON array into a struct's fields in order (missing
    /// trailing optional fields default); it comes back as an object.
    fn array_as_struct(&mut self, id: &str, items: &[Value], pointer: &str) {
        let Some(def) = self.spec.types.get(id) else {
            return;
        };
        let fields = first_fields(&def.fields);
        if items.len() > fields.len() {
            self.rejected = true;
            return;
        }
        for (i, field) in fields.iter().enumerate() {
            match items.get(i) {
                Some(item) => {
                    let enum_def = self.types.enum_of(id, &field.name);
                    let mut ptr = format!("{pointer}/{i}");
                    self.member(
                        item,
                        &field.ty,
                        enum_def,
                        !field.required,
                        &mut ptr,
                        &mut Vec::new(),
                    );
                }
                None if field.required => self.rejected = true,
                None => {}
            }
        }
        // Validation paths of such a struct are not predicted: no request
        // example in the corpus has one.
        self.lines.push(format!("changed {pointer}"));
    }

    /// The checks `validate()` makes of a field's own value (requests only).
    fn own_checks(
        &mut self,
        field: &crate::spec::Field,
        is_enum: bool,
        value: &Value,
        path: &[Seg<'_>],
    ) {
        if !self.request {
            return;
        }
        let c = &field.constraints;
        let below = |v: f64, min: Option<i64>| min.is_some_and(|m| v < m as f64);
        let above = |v: f64, max: Option<i64>| max.is_some_and(|m| v > m as f64);
        let below_u = |v: u64, min: Option<u64>| min.is_some_and(|m| v < m);
        let above_u = |v: u64, max: Option<u64>| max.is_some_and(|m| v > m);
        let mut broken = Vec::new();
        match (checks(&field.ty, c, is_enum), value) {
            (Some(Check::Length), Value::String(s)) => {
                let len = s.chars().count() as u64;
                if below_u(len, c.min_length) {
                    broken.push("min_length");
                }
                if above_u(len, c.max_length) {
                    broken.push("max_length");
                }
            }
            (Some(Check::Range), Value::Number(n)) => {
                let v = n.as_f64().unwrap_or_default();
                if below(v, c.minimum) {
                    broken.push("minimum");
                }
                if above(v, c.maximum) {
                    broken.push("maximum");
                }
            }
            (Some(Check::Items), Value::Array(items)) => {
                let len = items.len() as u64;
                if below_u(len, c.min_items) {
                    broken.push("min_items");
                }
                if above_u(len, c.max_items) {
                    broken.push("max_items");
                }
            }
            _ => {}
        }
        if let (Some(set), Value::String(s)) = (char_set(&field.ty, c, is_enum), value)
            && !set.matches(s)
        {
            broken.push("pattern");
        }
        for rule in broken {
            self.violation(path, rule);
        }
    }

    fn violation(&mut self, path: &[Seg<'_>], rule: &str) {
        if self.request {
            self.lines
                .push(format!("violation {} {rule}", render_path(path)));
        }
    }
}

/// Fields by first occurrence of their wire name (what the struct keeps).
fn first_fields(fields: &[crate::spec::Field]) -> Vec<&crate::spec::Field> {
    let mut seen = std::collections::BTreeSet::new();
    fields
        .iter()
        .filter(|f| seen.insert(f.name.as_str()))
        .collect()
}

/// A validation path as the generated `Path` prints it.
fn render_path(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for (i, seg) in path.iter().enumerate() {
        match seg {
            Seg::Name(name) if is_plain(name) => {
                if i > 0 {
                    out.push('.');
                }
                out.push_str(name);
            }
            Seg::Name(name) => {
                let _ = write!(out, "[{name:?}]");
            }
            Seg::Index(index) => {
                let _ = write!(out, "[{index}]");
            }
        }
    }
    if out.is_empty() {
        "(value)".to_owned()
    } else {
        out
    }
}

/// Mirrors `is_plain` of the generated `validation` module.
fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '@' | '$'))
}

/// Appends `/key` (RFC 6901 escaped); returns the length before.
fn push_segment(pointer: &mut String, key: &str) -> usize {
    let len = pointer.len();
    pointer.push('/');
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
    len
}

/// The test module of one service (`tests/examples/<cloud>_<module>.rs`).
pub fn emit_cases(cases: &[Case], module_path: &TokenStream) -> TokenStream {
    let items = cases.iter().map(|c| {
        let (what, json, runner) = (&c.what, &c.json, &c.runner);
        let expect = &c.expect;
        quote! {
            Case { what: #what, json: #json, run: #runner, expect: &[#(#expect),*] },
        }
    });
    quote! {
        #[allow(unused_imports)]
        use super::{Case, not_json, request, response, untyped};
        #[allow(unused_imports)]
        use #module_path::*;

        const CASES: &[Case] = &[#(#items)*];

        #[test]
        fn examples_round_trip_or_show_their_findings() {
            super::run(CASES);
        }
    }
}

/// The test harness (`tests/examples/main.rs`) without its module list.
pub const HARNESS: &str = include_str!("templates/examples_main.rs");
