//! Example conformance: does each JSON example fit the body type the spec gives it?
//!
//! Every example attached to an operation is read with the lenient
//! [`example_json`](super::example_json) reader and checked against its
//! target: a request example against the operation's request body; a
//! response example against the body of the response with its status, or,
//! when it has none (or `2XX`) or no response has that status, the one 2xx
//! (or `default`) response with a body.
//!
//! An example **round-trips** when it parsed, has a target, and checking finds
//! nothing. Then deserialising it into the generated type and serialising it
//! back yields the same JSON up to (a) `null` members of optional fields,
//! which are dropped, (b) the order of `Map` keys (a `BTreeMap`), and (c) the
//! spelling of numbers (`1.50` → `1.5`). The checks are exactly what would
//! break that:
//!
//! - `example-field-unknown`: a key that is not a field of the object type
//!   (serde ignores it, so it would not come back);
//! - `example-type-mismatch`: a value of the wrong JSON type, an integer that
//!   does not fit the field's bits, or `null` where no `Option` is generated
//!   (array items, map values): deserialising fails;
//! - `example-field-missing`: a required request field that is absent or
//!   `null`: deserialising fails.
//!
//! `Any` accepts everything; a `Ref` to a type the spec lacks is not checked.
//! Findings are notes: the docs' examples are often sloppy, and the spec (not
//! the example) is the contract. Blocks that are not JSON (XML, prose, curl,
//! a request line without a body) are counted and not reported.

use super::Extractor;
use super::example_json::{self, Failure, Parsed, RepairKind};
use crate::diag::{Diagnostic, Severity};
use crate::spec::{Body, Example, ExampleKind, Operation, Response, TypeDef, TypeRef};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Where an example's code block is: the page and the block's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub doc: usize,
    pub line: u32,
}

impl Source {
    pub fn all(doc: usize, lines: Vec<u32>) -> Vec<Source> {
        lines.into_iter().map(|line| Source { doc, line }).collect()
    }
}

/// A documentation finding about an example, for `codegen lint`: where it
/// is, what kind, the field's JSON pointer in the example, and what the
/// tables say instead.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocFinding {
    pub file: String,
    pub line: u32,
    /// The diagnostic code (`example-field-unknown`, `example-json-invalid`, …).
    pub kind: &'static str,
    /// The operation the example belongs to.
    pub operation: String,
    /// JSON pointer of the field in the example (`/jobs/0/name`); empty for the whole block.
    pub path: String,
    pub message: String,
    /// What the table documents there.
    pub table_says: String,
}

/// The status an example's block states on its first line
/// (`HTTP/1.1 404 Not Found`): the example belongs to that status.
pub fn status_line(text: &str) -> Option<String> {
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim();
    if let Some(code) = status_code_line(first) {
        return Some(code);
    }
    let rest = first.strip_prefix("HTTP/")?;
    let (version, rest) = rest.split_once(' ')?;
    if !version.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let rest = rest.trim_start();
    let code = rest.get(..3)?;
    // `4040` is no status.
    let after = rest[3..].chars().next();
    (code.bytes().all(|b| b.is_ascii_digit()) && after.is_none_or(|c| !c.is_ascii_digit()))
        .then(|| code.to_string())
}

/// `Http Status Code: 200` (GES), `Status Code: 404`, `状态码：200` opening an
/// example: the status of the response it shows.
fn status_code_line(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let rest = ["http status code", "status code", "状态码"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let rest = rest
        .trim_start()
        .strip_prefix([':', '：'])
        .unwrap_or(rest)
        .trim();
    (rest.len() == 3 && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.to_string())
}

/// One reason an example does not round-trip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    UnknownField {
        pointer: String,
        type_name: String,
    },
    TypeMismatch {
        pointer: String,
        expected: String,
        found: &'static str,
    },
    MissingField {
        /// The object lacking the field.
        pointer: String,
        field: String,
    },
}

impl Finding {
    pub fn code(&self) -> &'static str {
        match self {
            Finding::UnknownField { .. } => "example-field-unknown",
            Finding::TypeMismatch { .. } => "example-type-mismatch",
            Finding::MissingField { .. } => "example-field-missing",
        }
    }

    /// The JSON pointer whose key the diagnostic points at.
    fn pointer(&self) -> &str {
        match self {
            Finding::UnknownField { pointer, .. }
            | Finding::TypeMismatch { pointer, .. }
            | Finding::MissingField { pointer, .. } => pointer,
        }
    }

    /// What the table documents where the finding is.
    fn table_says(&self, types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> String {
        match self {
            Finding::UnknownField { pointer, type_name } => {
                let key = pointer.rsplit('/').next().unwrap_or("");
                let key = key.replace("~1", "/").replace("~0", "~");
                let fields: Vec<&str> = field_names(types, ty, pointer);
                let near = fields.iter().find(|f| {
                    f.eq_ignore_ascii_case(&key)
                        || f.replace('_', "")
                            .eq_ignore_ascii_case(&key.replace('_', ""))
                });
                match near {
                    Some(f) => format!("`{type_name}` has `{f}`"),
                    None if fields.is_empty() => format!("`{type_name}` has no such field"),
                    None => {
                        let mut shown: Vec<String> =
                            fields.iter().take(8).map(|f| format!("`{f}`")).collect();
                        if fields.len() > 8 {
                            shown.push("…".into());
                        }
                        format!("`{type_name}` has {}", shown.join(", "))
                    }
                }
            }
            Finding::TypeMismatch { expected, .. } => expected.clone(),
            Finding::MissingField { field, .. } => format!("`{field}` is mandatory"),
        }
    }

    fn message(&self) -> String {
        match self {
            Finding::UnknownField { pointer, type_name } => {
                format!("`{pointer}` is not a field of `{type_name}`; it would be dropped")
            }
            Finding::TypeMismatch {
                pointer,
                expected,
                found,
            } => format!("`{}` is {found}, the spec says {expected}", root(pointer)),
            Finding::MissingField { pointer, field } => {
                format!("`{}` lacks required field `{field}`", root(pointer))
            }
        }
    }
}

/// The field names of the object type holding `pointer`'s last segment, found
/// by walking `ty` along the pointer (bounded by the pointer's length).
fn field_names<'a>(
    types: &'a BTreeMap<String, TypeDef>,
    ty: &'a TypeRef,
    pointer: &str,
) -> Vec<&'a str> {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let Some((_, parents)) = segments.split_last() else {
        return Vec::new();
    };
    let mut at = ty;
    for seg in parents {
        at = match at {
            TypeRef::Array { items } => items,
            TypeRef::Map { values } => values,
            TypeRef::Ref { id } => {
                let key = seg.replace("~1", "/").replace("~0", "~");
                match types
                    .get(id)
                    .and_then(|d| d.fields.iter().find(|f| f.name == key))
                {
                    Some(f) => &f.ty,
                    None => return Vec::new(),
                }
            }
            _ => return Vec::new(),
        };
    }
    match at {
        TypeRef::Ref { id } => types
            .get(id)
            .map(|d| d.fields.iter().map(|f| f.name.as_str()).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn root(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

/// Checks `value` against `ty`; findings in document order.
pub fn check(value: &Value, ty: &TypeRef, types: &BTreeMap<String, TypeDef>) -> Vec<Finding> {
    let mut out = Vec::new();
    check_value(value, ty, types, &mut String::new(), &mut out);
    out
}

/// `pointer` is the value's JSON pointer; children push their segment onto
/// it and take it off again (most values have no finding to name).
fn check_value(
    value: &Value,
    ty: &TypeRef,
    types: &BTreeMap<String, TypeDef>,
    pointer: &mut String,
    out: &mut Vec<Finding>,
) {
    let fits = match (ty, value) {
        (TypeRef::Any, _) => true,
        (TypeRef::String, Value::String(_)) => true,
        (TypeRef::Boolean, Value::Bool(_)) => true,
        (TypeRef::Number, Value::Number(_)) => true,
        (TypeRef::Integer { bits }, Value::Number(n)) => integer_fits(n, *bits),
        (TypeRef::Array { items }, Value::Array(values)) => {
            for (i, v) in values.iter().enumerate() {
                let len = pointer.len();
                let _ = write!(pointer, "/{i}");
                check_value(v, items, types, pointer, out);
                pointer.truncate(len);
            }
            true
        }
        (TypeRef::Map { values }, Value::Object(map)) => {
            for (k, v) in map {
                let len = push_segment(pointer, k);
                check_value(v, values, types, pointer, out);
                pointer.truncate(len);
            }
            true
        }
        (TypeRef::Ref { id }, value) => match types.get(id) {
            None => true,
            Some(def) => match value {
                Value::Object(map) => {
                    check_object(map, def, types, pointer, out);
                    true
                }
                _ => false,
            },
        },
        _ => false,
    };
    if !fits {
        out.push(Finding::TypeMismatch {
            pointer: pointer.clone(),
            expected: describe(ty, types),
            found: json_kind(value),
        });
    }
}

fn check_object(
    map: &serde_json::Map<String, Value>,
    def: &TypeDef,
    types: &BTreeMap<String, TypeDef>,
    pointer: &mut String,
    out: &mut Vec<Finding>,
) {
    for (key, value) in map {
        let len = push_segment(pointer, key);
        match def.fields.iter().find(|f| &f.name == key) {
            None => out.push(Finding::UnknownField {
                pointer: pointer.clone(),
                type_name: def.name.clone(),
            }),
            // `null` is `None` for an optional field; a required one is checked below.
            Some(_) if value.is_null() => {}
            Some(field) => check_value(value, &field.ty, types, pointer, out),
        }
        pointer.truncate(len);
    }
    // Only request types have required fields.
    for field in def.fields.iter().filter(|f| f.required) {
        if map.get(&field.name).is_none_or(Value::is_null) {
            out.push(Finding::MissingField {
                pointer: pointer.clone(),
                field: field.name.clone(),
            });
        }
    }
}

fn integer_fits(n: &serde_json::Number, bits: u8) -> bool {
    match n.as_i64() {
        Some(i) if bits <= 32 => i32::try_from(i).is_ok(),
        Some(_) => true,
        None => false,
    }
}

/// Appends `/key` (RFC 6901 escaped) to `pointer`; returns its length before.
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

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn describe(ty: &TypeRef, types: &BTreeMap<String, TypeDef>) -> String {
    match ty {
        TypeRef::String => "a string".into(),
        TypeRef::Integer { bits } => format!("an integer ({bits} bits)"),
        TypeRef::Number => "a number".into(),
        TypeRef::Boolean => "a boolean".into(),
        TypeRef::Any => "any value".into(),
        TypeRef::Array { .. } => "an array".into(),
        TypeRef::Map { .. } => "an object (map)".into(),
        TypeRef::Ref { id } => match types.get(id) {
            Some(def) => format!("an object (`{}`)", def.name),
            None => "an object".into(),
        },
    }
}

/// The body's one array-of-objects field and its item type, when `value` is an
/// object without that field: the example may show one item (`{"name": …}`
/// for a body `{"jobs": [{"name": …}]}`).
fn as_one_item<'a>(
    value: &Value,
    body: &'a TypeRef,
    types: &'a BTreeMap<String, TypeDef>,
) -> Option<(&'a str, &'a TypeRef)> {
    let TypeRef::Ref { id } = body else {
        return None;
    };
    let def = types.get(id)?;
    let mut arrays = def.fields.iter().filter(
        |f| matches!(&f.ty, TypeRef::Array { items } if matches!(**items, TypeRef::Ref { .. })),
    );
    let (field, None) = (arrays.next()?, arrays.next()) else {
        return None;
    };
    let TypeRef::Array { items } = &field.ty else {
        return None;
    };
    let map = value.as_object()?;
    (!map.contains_key(&field.name)).then_some((field.name.as_str(), &**items))
}

/// The body an example shows, if the spec documents one.
pub fn target<'a>(op: &'a Operation, example: &Example) -> Option<&'a TypeRef> {
    match example.kind {
        ExampleKind::Request => op.request_body.as_ref().map(|b| &b.ty),
        // `Example response (request failed)` without a status: not the success body.
        ExampleKind::Response if example.status.is_none() && names_failure(&example.title) => None,
        ExampleKind::Response => response_target(&op.responses, example.status.as_deref()),
    }
}

/// A heading that presents a failed request's response
/// (`Example response (request failed)`, `Example of a failed response`, `异常响应`).
fn names_failure(title: &str) -> bool {
    let t = title.to_lowercase();
    t.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        matches!(
            w,
            "failed" | "failure" | "error" | "abnormal" | "unsuccessful"
        )
    }) || t.contains("异常")
        || t.contains("失败")
}

/// A body with nothing in it (`{}`, `""`): what an operation that documents no
/// body sends or returns, so it agrees with tables that document none.
/// The keys an example shows for an object field: an object's keys, or those
/// of every item of a non-empty list of objects; and whether it is a list.
/// Wrappers, flat member rows and tables named after a field all ask this of
/// the example.
pub(super) fn shown_object(value: &Value) -> Option<(std::collections::BTreeSet<&str>, bool)> {
    match value {
        Value::Object(map) => Some((map.keys().map(String::as_str).collect(), false)),
        Value::Array(items) if !items.is_empty() => {
            let mut keys = std::collections::BTreeSet::new();
            for item in items {
                keys.extend(item.as_object()?.keys().map(String::as_str));
            }
            Some((keys, true))
        }
        _ => None,
    }
}

pub fn is_empty_body(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.is_empty(),
        Value::String(text) => text.is_empty(),
        _ => false,
    }
}

fn response_target<'a>(responses: &'a [Response], status: Option<&str>) -> Option<&'a TypeRef> {
    let body = |r: &'a Response| r.body.as_ref().map(|b: &'a Body| &b.ty);
    if let Some(exact) = responses.iter().find(|r| Some(r.status.as_str()) == status) {
        return body(exact);
    }
    // No status, `2XX`, or a success status the tables do not split out.
    if !status.is_none_or(|s| s.starts_with('2')) {
        return None;
    }
    let mut ok = responses
        .iter()
        .filter(|r| r.status.starts_with('2') || r.status == "default")
        .filter_map(body);
    match (ok.next(), ok.next()) {
        (Some(ty), None) => Some(ty),
        _ => None,
    }
}

/// Counts of one service's examples.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub parsed: usize,
    pub round_tripped: usize,
    pub findings: usize,
    pub not_json: usize,
    pub untargeted: usize,
}

impl Extractor<'_> {
    /// Reads and checks every example of `op`; `sources` is parallel to `op.examples`.
    pub(super) fn check_examples(
        &mut self,
        op: &Operation,
        sources: &[Source],
        types: &BTreeMap<String, TypeDef>,
    ) {
        for (example, source) in op.examples.iter().zip(sources) {
            let tally = self.check_example(op, example, *source, types);
            let s = &mut self.stats;
            s.examples_parsed += tally.parsed;
            s.examples_round_tripped += tally.round_tripped;
            s.example_findings += tally.findings;
            s.examples_not_json += tally.not_json;
            s.examples_untargeted += tally.untargeted;
        }
    }

    fn check_example(
        &mut self,
        op: &Operation,
        example: &Example,
        source: Source,
        types: &BTreeMap<String, TypeDef>,
    ) -> Tally {
        let what = describe_example(op, example);
        let parsed = match example_json::read_value(&example.text) {
            Ok(parsed) => parsed,
            Err(Failure::NotJson { .. }) => {
                return Tally {
                    not_json: 1,
                    ..Tally::default()
                };
            }
            Err(Failure::Invalid { pos, message }) => {
                let line = self.example_line(source, pos.line);
                let file = self.file(source.doc);
                let msg = format!("{what} is not JSON even leniently read: {message}");
                self.stats.doc_findings.push(DocFinding {
                    file: file.to_string(),
                    line,
                    kind: "example-json-invalid",
                    operation: op.id.clone(),
                    path: String::new(),
                    message: msg.clone(),
                    table_says: "a JSON body".into(),
                });
                self.diags.note(&file, line, "example-json-invalid", msg);
                return Tally::default();
            }
        };
        let Some(body) = target(op, example) else {
            return self.check_untargeted(op, example, &what, source, &parsed.value);
        };
        let broken = self.report_repairs(op, &what, source, &parsed);
        let mut ty = body;
        let mut what = what;
        let mut findings = check(&parsed.value, ty, types);
        let item = match example.kind {
            ExampleKind::Request if !findings.is_empty() => as_one_item(&parsed.value, body, types),
            _ => None,
        };
        if let Some((field, item_ty)) = item {
            let item_findings = check(&parsed.value, item_ty, types);
            if item_findings.len() < findings.len() {
                self.report_one_item(op, &what, source, body, field, types);
                what = format!("{what} (read as one item of `{field}`)");
                findings = item_findings;
                ty = item_ty;
            }
        }
        let item_shown = !std::ptr::eq(ty, body);
        if !findings.is_empty() {
            // The same text read again, now with the keys' locations.
            let located = example_json::read(&example.text).unwrap_or(parsed);
            self.report_findings(&what, source, &located, &findings);
            let file = self.file(source.doc);
            for f in &findings {
                let block_line = located.locate(f.pointer()).map_or(1, |p| p.line);
                self.stats.doc_findings.push(DocFinding {
                    file: file.to_string(),
                    line: self.example_line(source, block_line),
                    kind: f.code(),
                    operation: op.id.clone(),
                    path: f.pointer().to_string(),
                    message: format!("{what}: {}", f.message()),
                    table_says: f.table_says(types, ty),
                });
            }
        }
        let extra = usize::from(item_shown) + broken;
        Tally {
            parsed: 1,
            round_tripped: usize::from(findings.is_empty() && extra == 0),
            findings: findings.len() + extra,
            ..Tally::default()
        }
    }

    /// An example body where the tables document none: empty, it agrees with
    /// them; otherwise it is a finding (`example-body-undocumented`): the
    /// generated code keeps such a body as untyped JSON.
    fn check_untargeted(
        &mut self,
        op: &Operation,
        example: &Example,
        what: &str,
        source: Source,
        value: &Value,
    ) -> Tally {
        if is_empty_body(value) {
            return Tally {
                parsed: 1,
                round_tripped: 1,
                untargeted: 1,
                ..Tally::default()
            };
        }
        let table_says = match (example.kind, example.status.as_deref()) {
            (ExampleKind::Request, _) => "no request body".to_owned(),
            (ExampleKind::Response, Some(s)) => format!("no body for status {s}"),
            (ExampleKind::Response, None) if names_failure(&example.title) => {
                "no body for a failed request".to_owned()
            }
            (ExampleKind::Response, None) => "no single success body".to_owned(),
        };
        let message = format!("{what}: a body the tables do not document");
        let file = self.file(source.doc);
        let line = self.example_line(source, 1);
        self.stats.doc_findings.push(DocFinding {
            file: file.to_string(),
            line,
            kind: "example-body-undocumented",
            operation: op.id.clone(),
            path: String::new(),
            message: message.clone(),
            table_says,
        });
        self.diags
            .note(&file, line, "example-body-undocumented", message);
        Tally {
            parsed: 1,
            findings: 1,
            untargeted: 1,
            ..Tally::default()
        }
    }

    /// Reports the repairs that are documentation bugs rather than a style
    /// of writing examples (`""description"`); returns how many.
    fn report_repairs(
        &mut self,
        op: &Operation,
        what: &str,
        source: Source,
        parsed: &Parsed,
    ) -> usize {
        let file = self.file(source.doc);
        let mut n = 0;
        for r in parsed
            .repairs
            .iter()
            .filter(|r| r.kind == RepairKind::QuoteDoubled)
        {
            let line = self.example_line(source, r.pos.line);
            let message =
                format!("{what}: a key opens with a doubled quote (`\"\"`); read with one");
            self.stats.doc_findings.push(DocFinding {
                file: file.to_string(),
                line,
                kind: "example-json-broken",
                operation: op.id.clone(),
                path: String::new(),
                message: message.clone(),
                table_says: "valid JSON".into(),
            });
            self.diags.note(&file, line, "example-json-broken", message);
            n += 1;
        }
        n
    }

    /// Reports a request example that shows one item of the body's array.
    fn report_one_item(
        &mut self,
        op: &Operation,
        what: &str,
        source: Source,
        body: &TypeRef,
        field: &str,
        types: &BTreeMap<String, TypeDef>,
    ) {
        let file = self.file(source.doc);
        let line = self.example_line(source, 1);
        let message = format!("{what} shows one item of `{field}`, not the request body");
        let body_name = match body {
            TypeRef::Ref { id } => types.get(id).map_or("the body", |d| d.name.as_str()),
            _ => "the body",
        };
        self.stats.doc_findings.push(DocFinding {
            file: file.to_string(),
            line,
            kind: "example-body-item",
            operation: op.id.clone(),
            path: String::new(),
            message: message.clone(),
            table_says: format!("`{body_name}` holds `{field}`, an array of such items"),
        });
        self.diags.note(&file, line, "example-body-item", message);
    }

    fn report_findings(
        &mut self,
        what: &str,
        source: Source,
        parsed: &Parsed,
        findings: &[Finding],
    ) {
        let file = self.file(source.doc);
        for f in findings {
            let block_line = parsed.locate(f.pointer()).map_or(1, |p| p.line);
            let line = self.example_line(source, block_line);
            let message = format!("{what}: {}", f.message());
            self.diags.add(Diagnostic::new(
                &*file,
                line,
                Severity::Note,
                f.code(),
                message,
            ));
        }
    }

    /// The page line of line `n` (1-based) of an example's block. The spec has
    /// no lines; the block's own line is that of the `.. code-block::`
    /// directive (RST: content after one blank line) or the opening fence
    /// (Markdown), the common forms. A `::` literal block or an indented
    /// Markdown block starts on its own line, so the line is then 1–2 late.
    pub(super) fn example_line(&self, source: Source, n: u32) -> u32 {
        let markdown = self
            .docs
            .get(source.doc)
            .is_some_and(|d| d.file.ends_with(".md"));
        let lead = if markdown { 1 } else { 2 };
        source
            .line
            .saturating_add(lead)
            .saturating_add(n.saturating_sub(1))
    }
}

/// `request example of `CreateJob``, `response example (200) of `ListJobs``.
fn describe_example(op: &Operation, example: &Example) -> String {
    match (example.kind, example.status.as_deref()) {
        (ExampleKind::Request, _) => format!("request example of `{}`", op.id),
        (ExampleKind::Response, Some(s)) => format!("response example ({s}) of `{}`", op.id),
        (ExampleKind::Response, None) => format!("response example of `{}`", op.id),
    }
}

#[cfg(test)]
mod tests;
