//! The intermediate schema ("spec") of one service.
//!
//! This is the committed, reviewable contract in `specs/<service>.json`. It holds
//! no Rust concerns (no Rust names, no casing): only what the docs say, where
//! they say it, in a stable order. Line numbers are deliberately absent: they
//! would churn on every unrelated docs edit. Fields that later capabilities
//! fill (constraints, parsed examples, client details) are optional and
//! skipped when empty, so adding them does not rewrite existing specs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped when the spec format changes incompatibly.
pub const SPEC_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    pub spec_version: u32,
    /// The service's directory name in the docs, e.g. `data-replication-service`.
    pub service: String,
    /// Which documentation family the service comes from: `otc` or `huawei`.
    pub cloud: String,
    /// Operations, sorted by id.
    pub operations: Vec<Operation>,
    /// Object types, keyed by a stable type id (sorted).
    pub types: BTreeMap<String, TypeDef>,
    /// Pages that describe operations the extractor cannot model (e.g. S3-style XML APIs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsupported: Vec<Unsupported>,
}

/// Where a piece of the spec was read from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// Page path relative to the service directory.
    pub file: String,
    /// The table's label or caption (`Table 4 CreateJobReq`), when the item comes from a table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Stable, unique within the service: from `:original_name:` when it is an
    /// identifier, else derived from the page path.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Upper-case HTTP method.
    pub method: String,
    /// Path template without query, e.g. `/v3/{project_id}/jobs`.
    pub path: String,
    /// The URI exactly as documented (after markup removal), for review.
    pub uri: String,
    /// The page sits in a deprecated folder or its title says so.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<Body>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// The wire name.
    pub name: String,
    #[serde(rename = "in")]
    pub location: Location,
    pub required: bool,
    /// A conditional requirement kept verbatim (`Yes when X is set`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_note: Option<String>,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    pub origin: Origin,
}

/// A request or response body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    #[serde(rename = "type")]
    pub ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// `200`, `400`, …; `default` when the page does not split by status.
    pub status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Parameter>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub kind: ExampleKind,
    /// The status code heading the example, for responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The caption or list-item heading above the block, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The code block verbatim.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExampleKind {
    Request,
    Response,
}

/// An object type read from a parameter table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// The name the docs give (a table caption such as `CreateJobReq`), or the
    /// field/role it was derived from when the caption is generic.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub fields: Vec<Field>,
    /// Every table this type was read from (identical tables are merged).
    pub origins: Vec<Origin>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The wire name.
    pub name: String,
    /// `false` for response fields: the docs give no requiredness for them.
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_note: Option<String>,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

/// What the description documents about a scalar field's or parameter's values,
/// read from its text (`Value range: 1-100`, `Enumeration values: - A - B`,
/// `长度为1-64个字符`, `Default value: 10`). Only unambiguous statements are read;
/// the description stays the authority. Arrays get item counts only; objects and
/// untyped values get none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// The smallest allowed value, inclusive (integer and number fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// The largest allowed value, inclusive (integer and number fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// The fewest characters allowed (string fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// The most characters allowed (string fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// The documented values, in the docs' order: strings for string fields,
    /// numbers for integer and number fields.
    #[serde(rename = "enum", default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<serde_json::Value>,
    /// The meaning the docs give each enumeration value (`0 (permit)`,
    /// `- ACTIVE: running`), keyed by the value as written (a string value,
    /// or an integer's decimal text). Values without a meaning are absent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub enum_descriptions: BTreeMap<String, String>,
    /// The documented default, typed like the field (string, number or boolean).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// The fewest items allowed (array fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// The most items allowed (array fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// A regular expression (Rust `regex` syntax, anchored `^…$`) the whole
    /// value matches; only from a sentence that states the allowed characters
    /// and length exactly (string fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The sentences the constraints above were read from, verbatim, in
    /// description order (for review: each constraint traces to its text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }

    /// `min_items` or `max_items` is set.
    pub fn has_items(&self) -> bool {
        self.min_items.is_some() || self.max_items.is_some()
    }

    /// `minimum` or `maximum` is set.
    pub fn has_range(&self) -> bool {
        self.minimum.is_some() || self.maximum.is_some()
    }

    /// `min_length` or `max_length` is set.
    pub fn has_length(&self) -> bool {
        self.min_length.is_some() || self.max_length.is_some()
    }
}

/// A field or parameter type.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TypeRef {
    String,
    /// `bits` is 64 unless a documented range fits in 32 bits.
    Integer {
        bits: u8,
    },
    Number,
    Boolean,
    /// An untyped JSON value (untyped objects/arrays, unresolved links).
    Any,
    Array {
        items: Box<TypeRef>,
    },
    /// A JSON object with string keys and uniform values.
    Map {
        values: Box<TypeRef>,
    },
    /// A named object type from [`ServiceSpec::types`].
    Ref {
        id: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unsupported {
    pub file: String,
    pub reason: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl ServiceSpec {
    /// Pretty JSON with a trailing newline: the committed form.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("spec serialises");
        s.push('\n');
        s
    }

    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// The JSON Schema of the spec format, as committed in `specs/spec.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ServiceSpec);
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serialises");
    s.push('\n');
    s
}
