//! The OpenAPI 3.1 document of a service, from its spec: paths, parameters,
//! request bodies, responses per status, components from the object types,
//! constraints as JSON Schema keywords, descriptions and examples.
//!
//! What OpenAPI cannot say is kept in `x-codegen-*` extensions: the source
//! page and table of every operation, parameter and type, the documented URI,
//! the spec's type id (component names are restricted to `[A-Za-z0-9._-]`),
//! the docs' requirement notes, the meaning of enum values, and anything the
//! docs state that would make the document invalid (a second operation on
//! the same method and path, a path parameter missing from the template).
//! Every collection is ordered, so the output is byte-identical across runs.

use crate::spec::{
    Constraints, Example, ExampleKind, Location, Operation, Origin, Parameter, Response,
    ServiceSpec, TypeDef, TypeRef,
};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// HTTP methods a path item may hold.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The export's file name below `specs/openapi/`: the spec's file name.
pub fn file_name(spec: &ServiceSpec) -> String {
    let path = crate::rust::spec_path(spec);
    path.trim_start_matches("specs/").to_string()
}

/// The pretty-printed document with a trailing newline.
pub fn render(spec: &ServiceSpec) -> String {
    let mut s = serde_json::to_string_pretty(&document(spec)).unwrap_or_default();
    s.push('\n');
    s
}

/// Component names: type ids with characters OpenAPI does not allow replaced
/// by `_`, made unique in id order.
struct Names(BTreeMap<String, String>);

impl Names {
    fn new(spec: &ServiceSpec) -> Names {
        let mut taken = BTreeSet::new();
        let mut map = BTreeMap::new();
        for id in spec.types.keys() {
            let base: String = id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let base = if base.is_empty() {
                "_".to_string()
            } else {
                base
            };
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{base}_{n}");
                n += 1;
            }
            map.insert(id.clone(), name);
        }
        Names(map)
    }

    fn reference(&self, id: &str) -> Value {
        match self.0.get(id) {
            Some(name) => json!({ "$ref": format!("#/components/schemas/{name}") }),
            // A dangling reference (the spec links a type it does not hold).
            None => json!({ "x-codegen-unresolved-type": id }),
        }
    }
}

fn schema(ty: &TypeRef, names: &Names) -> Value {
    match ty {
        TypeRef::String => json!({ "type": "string" }),
        TypeRef::Integer { bits } => {
            let format = if *bits <= 32 { "int32" } else { "int64" };
            json!({ "type": "integer", "format": format })
        }
        TypeRef::Number => json!({ "type": "number" }),
        TypeRef::Boolean => json!({ "type": "boolean" }),
        TypeRef::Any => json!({}),
        TypeRef::Array { items } => json!({ "type": "array", "items": schema(items, names) }),
        TypeRef::Map { values } => {
            json!({ "type": "object", "additionalProperties": schema(values, names) })
        }
        TypeRef::Ref { id } => names.reference(id),
    }
}

fn insert(map: &mut Map<String, Value>, key: &str, value: Value) {
    map.insert(key.to_string(), value);
}

/// Adds the constraints as JSON Schema keywords. On arrays the item counts
/// apply to the array and the value keywords to its (scalar) items.
fn apply_constraints(target: &mut Value, c: &Constraints) {
    let Value::Object(map) = target else {
        return;
    };
    if let Some(n) = c.min_items {
        insert(map, "minItems", json!(n));
    }
    if let Some(n) = c.max_items {
        insert(map, "maxItems", json!(n));
    }
    let values = match map.get_mut("items") {
        Some(Value::Object(items)) if !items.contains_key("$ref") => items,
        Some(_) => return,
        None => map,
    };
    if !c.values.is_empty() {
        insert(values, "enum", Value::Array(c.values.clone()));
    }
    if let Some(n) = c.min_length {
        insert(values, "minLength", json!(n));
    }
    if let Some(n) = c.max_length {
        insert(values, "maxLength", json!(n));
    }
    if let Some(n) = c.minimum {
        insert(values, "minimum", json!(n));
    }
    if let Some(n) = c.maximum {
        insert(values, "maximum", json!(n));
    }
    if let Some(p) = &c.pattern {
        insert(values, "pattern", json!(p));
    }
    if let Some(d) = &c.default {
        // A default the docs contradict (`1000` with at most 3 characters)
        // would make the document invalid: kept, but as an extension.
        let key = if default_fits(d, values, c) {
            "default"
        } else {
            "x-codegen-default"
        };
        insert(values, key, d.clone());
    }
    if !c.enum_descriptions.is_empty() {
        insert(
            values,
            "x-codegen-enum-descriptions",
            json!(c.enum_descriptions),
        );
    }
    if !c.sources.is_empty() {
        insert(values, "x-codegen-constraint-sources", json!(c.sources));
    }
}

/// Whether `d` satisfies the schema's type and the constraints.
fn default_fits(d: &Value, schema: &Map<String, Value>, c: &Constraints) -> bool {
    let typed = match schema.get("type").and_then(Value::as_str) {
        Some("string") => d.is_string(),
        Some("integer") => d.is_i64() || d.is_u64(),
        Some("number") => d.is_number(),
        Some("boolean") => d.is_boolean(),
        Some(_) => false,
        None => true,
    };
    let chars = d.as_str().map(|s| s.chars().count() as u64);
    let in_enum = c.values.is_empty() || c.values.contains(d);
    let long_enough = match (chars, c.min_length) {
        (Some(n), Some(min)) => n >= min,
        _ => true,
    };
    let short_enough = match (chars, c.max_length) {
        (Some(n), Some(max)) => n <= max,
        _ => true,
    };
    let n = d.as_f64();
    let above = match (n, c.minimum) {
        (Some(v), Some(min)) => v >= min as f64,
        _ => true,
    };
    let below = match (n, c.maximum) {
        (Some(v), Some(max)) => v <= max as f64,
        _ => true,
    };
    let pattern = match (d.as_str(), &c.pattern) {
        (Some(s), Some(p)) => regex::Regex::new(p).is_ok_and(|r| r.is_match(s)),
        _ => true,
    };
    typed && in_enum && long_enough && short_enough && above && below && pattern
}

/// A field's or parameter's schema: its type, description and constraints.
fn value_schema(ty: &TypeRef, description: &str, c: &Constraints, names: &Names) -> Value {
    let mut s = schema(ty, names);
    if let Value::Object(map) = &mut s
        && !description.is_empty()
    {
        insert(map, "description", json!(description));
    }
    apply_constraints(&mut s, c);
    s
}

fn origin(o: &Origin) -> Value {
    match &o.table {
        Some(t) => json!({ "file": o.file, "table": t }),
        None => json!({ "file": o.file }),
    }
}

fn component(id: &str, def: &TypeDef, names: &Names) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in &def.fields {
        let mut s = value_schema(&f.ty, &f.description, &f.constraints, names);
        if let (Value::Object(map), Some(note)) = (&mut s, &f.required_note) {
            insert(map, "x-codegen-required-note", json!(note));
        }
        // A repeated wire name keeps its first row (the generator does the same).
        if !properties.contains_key(&f.name) {
            properties.insert(f.name.clone(), s);
            if f.required {
                required.push(f.name.clone());
            }
        }
    }
    let mut c = Map::new();
    insert(&mut c, "type", json!("object"));
    insert(&mut c, "title", json!(def.name));
    if !def.description.is_empty() {
        insert(&mut c, "description", json!(def.description));
    }
    insert(&mut c, "properties", Value::Object(properties));
    if !required.is_empty() {
        insert(&mut c, "required", json!(required));
    }
    insert(&mut c, "x-codegen-type-id", json!(id));
    insert(
        &mut c,
        "x-codegen-sources",
        Value::Array(def.origins.iter().map(origin).collect()),
    );
    Value::Object(c)
}

fn location(l: Location) -> &'static str {
    match l {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
    }
}

/// The `{name}`s of a path template, in order.
fn template_names(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

fn parameter(p: &Parameter, names: &Names) -> Value {
    let mut m = Map::new();
    insert(&mut m, "name", json!(p.name));
    insert(&mut m, "in", json!(location(p.location)));
    // OpenAPI requires path parameters to be required.
    let required = p.required || p.location == Location::Path;
    insert(&mut m, "required", json!(required));
    if required != p.required {
        insert(&mut m, "x-codegen-documented-required", json!(p.required));
    }
    if !p.description.is_empty() {
        insert(&mut m, "description", json!(p.description));
    }
    insert(
        &mut m,
        "schema",
        value_schema(&p.ty, "", &p.constraints, names),
    );
    if let Some(note) = &p.required_note {
        insert(&mut m, "x-codegen-required-note", json!(note));
    }
    insert(&mut m, "x-codegen-source", origin(&p.origin));
    Value::Object(m)
}

/// The operation's parameters, made valid: one per name and location, every
/// template name declared (undocumented ones added as strings), path
/// parameters that the template lacks moved to an extension.
fn parameters(op: &Operation, names: &Names) -> (Vec<Value>, Vec<Value>) {
    let template = template_names(&op.path);
    let mut seen = BTreeSet::new();
    let (mut valid, mut set_aside) = (Vec::new(), Vec::new());
    for p in &op.parameters {
        let fresh = seen.insert((p.location, p.name.clone()));
        if fresh && (p.location != Location::Path || template.contains(&p.name)) {
            valid.push(parameter(p, names));
        } else {
            set_aside.push(parameter(p, names));
        }
    }
    for name in template {
        if seen.insert((Location::Path, name.clone())) {
            valid.push(json!({
                "name": name,
                "in": "path",
                "required": true,
                "schema": { "type": "string" },
                "x-codegen-undocumented": true,
            }));
        }
    }
    (valid, set_aside)
}

fn example_value(e: &Example) -> Value {
    let mut m = Map::new();
    if !e.title.is_empty() {
        insert(&mut m, "summary", json!(e.title));
    }
    match serde_json::from_str::<Value>(&e.text) {
        Ok(v) => insert(&mut m, "value", v),
        Err(_) => {
            insert(&mut m, "value", json!(e.text));
            insert(&mut m, "x-codegen-not-json", json!(true));
        }
    }
    Value::Object(m)
}

fn examples_map(examples: &[&Example]) -> Value {
    let mut m = Map::new();
    for (i, e) in examples.iter().enumerate() {
        m.insert(format!("example-{}", i + 1), example_value(e));
    }
    Value::Object(m)
}

fn json_content(schema: Value, examples: &[&Example]) -> Value {
    let mut media = Map::new();
    insert(&mut media, "schema", schema);
    if !examples.is_empty() {
        insert(&mut media, "examples", examples_map(examples));
    }
    json!({ "application/json": Value::Object(media) })
}

fn response(r: &Response, examples: &[&Example], names: &Names) -> Value {
    let mut m = Map::new();
    let description = if r.description.is_empty() {
        format!("Status {}", r.status)
    } else {
        r.description.clone()
    };
    insert(&mut m, "description", json!(description));
    if !r.headers.is_empty() {
        let mut headers = Map::new();
        for h in &r.headers {
            let mut hm = Map::new();
            if !h.description.is_empty() {
                insert(&mut hm, "description", json!(h.description));
            }
            insert(
                &mut hm,
                "schema",
                value_schema(&h.ty, "", &h.constraints, names),
            );
            headers.entry(h.name.clone()).or_insert(Value::Object(hm));
        }
        insert(&mut m, "headers", Value::Object(headers));
    }
    match &r.body {
        Some(b) => insert(
            &mut m,
            "content",
            json_content(schema(&b.ty, names), examples),
        ),
        None if !examples.is_empty() => {
            insert(&mut m, "x-codegen-examples", examples_map(examples))
        }
        None => {}
    }
    Value::Object(m)
}

/// A status key OpenAPI accepts: `default`, a code, or a `2XX` range.
fn valid_status(s: &str) -> bool {
    s == "default"
        || (s.len() == 3
            && s.as_bytes()[0].is_ascii_digit()
            && (s[1..].bytes().all(|b| b.is_ascii_digit()) || &s[1..] == "XX"))
}

fn operation(op: &Operation, names: &Names) -> Value {
    let mut m = Map::new();
    insert(&mut m, "operationId", json!(op.id));
    insert(&mut m, "summary", json!(op.title));
    if let Some(s) = &op.summary {
        insert(&mut m, "description", json!(s));
    }
    if op.deprecated {
        insert(&mut m, "deprecated", json!(true));
    }
    let (params, set_aside) = parameters(op, names);
    if !params.is_empty() {
        insert(&mut m, "parameters", Value::Array(params));
    }
    let requests: Vec<&Example> = op
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Request)
        .collect();
    let mut leftover: Vec<&Example> = Vec::new();
    match &op.request_body {
        Some(b) => insert(
            &mut m,
            "requestBody",
            json!({ "required": true, "content": json_content(schema(&b.ty, names), &requests) }),
        ),
        None => leftover.extend(&requests),
    }
    let mut responses = Map::new();
    let mut statuses = BTreeSet::new();
    for r in &op.responses {
        let examples: Vec<&Example> = op
            .examples
            .iter()
            .filter(|e| e.kind == ExampleKind::Response && e.status.as_deref() == Some(&r.status))
            .collect();
        if valid_status(&r.status) && statuses.insert(r.status.clone()) {
            responses.insert(r.status.clone(), response(r, &examples, names));
        } else {
            leftover.extend(examples);
        }
    }
    leftover.extend(op.examples.iter().filter(|e| {
        e.kind == ExampleKind::Response
            && !e.status.as_deref().is_some_and(|s| statuses.contains(s))
    }));
    if responses.is_empty() {
        responses.insert(
            "default".to_string(),
            json!({ "description": "No response documented", "x-codegen-undocumented": true }),
        );
    }
    insert(&mut m, "responses", Value::Object(responses));
    insert(&mut m, "x-codegen-source", origin(&op.origin));
    insert(&mut m, "x-codegen-uri", json!(op.uri));
    if !set_aside.is_empty() {
        insert(
            &mut m,
            "x-codegen-invalid-parameters",
            Value::Array(set_aside),
        );
    }
    if !leftover.is_empty() {
        insert(&mut m, "x-codegen-examples", examples_map(&leftover));
    }
    Value::Object(m)
}

/// The OpenAPI 3.1 document of `spec`.
pub fn document(spec: &ServiceSpec) -> Value {
    let names = Names::new(spec);
    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for op in &spec.operations {
        let method = op.method.to_ascii_lowercase();
        let path = if op.path.starts_with('/') {
            op.path.clone()
        } else {
            format!("/{}", op.path)
        };
        let item = paths.entry(path).or_default();
        // Operations are in id order: the first keeps the slot, others are kept aside.
        if METHODS.contains(&method.as_str()) && !item.contains_key(&method) {
            item.insert(method, operation(op, &names));
        } else {
            let aside = item
                .entry("x-codegen-more-operations")
                .or_insert_with(|| json!([]));
            if let Value::Array(list) = aside {
                let mut o = operation(op, &names);
                if let Value::Object(m) = &mut o {
                    insert(m, "x-codegen-method", json!(op.method));
                }
                list.push(o);
            }
        }
    }
    let mut schemas = Map::new();
    for (id, def) in &spec.types {
        schemas.insert(names.0[id].clone(), component(id, def, &names));
    }
    let mut info = Map::new();
    insert(
        &mut info,
        "title",
        json!(format!("{} ({})", spec.service, spec.cloud)),
    );
    let commit = spec.provenance.as_ref().and_then(|p| p.commit.clone());
    insert(
        &mut info,
        "version",
        json!(
            commit
                .as_deref()
                .map_or("unversioned".to_string(), |c| format!("docs-{c}"))
        ),
    );
    insert(
        &mut info,
        "description",
        json!(format!(
            "Exported by codegen from {}, which was read from the service's API reference documentation.",
            crate::rust::spec_path(spec)
        )),
    );
    let mut doc = Map::new();
    insert(&mut doc, "openapi", json!(OPENAPI_VERSION));
    insert(&mut doc, "info", Value::Object(info));
    insert(
        &mut doc,
        "paths",
        Value::Object(
            paths
                .into_iter()
                .map(|(k, v)| (k, Value::Object(v)))
                .collect(),
        ),
    );
    insert(
        &mut doc,
        "components",
        json!({ "schemas": Value::Object(schemas) }),
    );
    if let Some(p) = &spec.provenance {
        insert(&mut doc, "x-codegen-docs", json!(p));
    }
    if !spec.unsupported.is_empty() {
        insert(&mut doc, "x-codegen-unsupported", json!(spec.unsupported));
    }
    Value::Object(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_are_read_in_order() {
        assert_eq!(
            template_names("/v3/{project_id}/jobs/{job_id}"),
            ["project_id", "job_id"]
        );
        assert!(template_names("/v3/{unclosed").is_empty());
    }

    #[test]
    fn status_keys() {
        assert!(valid_status("200"));
        assert!(valid_status("2XX"));
        assert!(valid_status("default"));
        assert!(!valid_status("200 OK"));
        assert!(!valid_status("20"));
    }
}
