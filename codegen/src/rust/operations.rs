//! Per-operation request and response types.
//!
//! Operation names: an id that already is an operation name (`CreateMigrationTask`)
//! is used as is; a doc id (`drs_03_0104`) yields to the title, with a leading
//! gerund turned imperative and articles dropped (`Creating Tasks in Batches` →
//! `CreateTasksInBatches`); a title without ASCII words (Huawei) falls back to
//! the PascalCase id. When several operations of a module get the same name,
//! each of them appends its PascalCase id; a remaining tie gets a counter, in id
//! order.
//!
//! `<Op>Request` is a Rust-side value, not wire JSON: it has no serde derives;
//! it holds the path, query and header parameters as fields (path parameters
//! always required) and `body` for the request body, plus `METHOD`, `PATH` and
//! `path()`. `<Op>Response` is an enum with one variant per documented status
//! (`Status200`, `Default`), holding the body type (struct bodies boxed, so
//! `clippy::large_enum_variant` never fires), or `serde_json::Value` when the
//! status documents no body.

use super::docs;
use super::names;
use super::types::{TypeSpace, field_doc, ident};
use crate::spec::{Location, Operation, Parameter, ServiceSpec, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

/// Operation id → Rust operation name (without the Request/Response suffix).
pub fn operation_names(spec: &ServiceSpec) -> BTreeMap<&str, String> {
    let base: BTreeMap<&str, String> = spec
        .operations
        .iter()
        .map(|op| (op.id.as_str(), names::to_operation_name(&op.id, &op.title)))
        .collect();
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for name in base.values() {
        *uses.entry(name).or_default() += 1;
    }
    let mut taken = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (id, name) in &base {
        if uses[name.as_str()] == 1 {
            taken.insert(name.clone());
            out.insert(*id, name.clone());
        }
    }
    for (id, name) in &base {
        if !out.contains_key(id) {
            let id_name = names::to_type_name(id);
            let derived = if name.ends_with(id_name.trim_end_matches('_')) {
                name.clone()
            } else {
                names::join_type_names(name, &id_name)
            };
            out.insert(*id, names::unique(derived, "", &mut taken));
        }
    }
    out
}

/// The type names operations occupy, so object types avoid them.
pub fn reserved_names(op_names: &BTreeMap<&str, String>) -> BTreeSet<String> {
    op_names
        .values()
        .flat_map(|n| [format!("{n}Request"), format!("{n}Response")])
        .collect()
}

/// All request/response items, ordered by operation name.
pub fn emit(
    spec: &ServiceSpec,
    op_names: &BTreeMap<&str, String>,
    types: &TypeSpace,
) -> TokenStream {
    let mut items: BTreeMap<&str, TokenStream> = BTreeMap::new();
    let mut needs_helper = false;
    for op in &spec.operations {
        let name = &op_names[op.id.as_str()];
        let request = emit_request(op, name, types);
        let (response, rejects_undocumented) = emit_response(op, name, types);
        needs_helper |= rejects_undocumented;
        items.insert(name, quote!(#request #response));
    }
    // Emitted only when used: an unused private fn would warn.
    let helper = needs_helper.then(|| {
        quote! {
            /// The error `from_json` returns for a status the operation does not document.
            fn undocumented_status(status: u16) -> ::serde_json::Error {
                <::serde_json::Error as ::serde::de::Error>::custom(::std::format!(
                    "HTTP status {status} is not documented for this operation"
                ))
            }
        }
    });
    let items = items.values();
    quote!(#(#items)* #helper)
}

/// One request field: its Rust name, type and docs.
struct RequestField {
    rust: String,
    ty: TokenStream,
    doc: Vec<String>,
}

fn emit_request(op: &Operation, name: &str, types: &TypeSpace) -> TokenStream {
    let (fields, path_fields) = request_fields(op, types);
    let doc = docs::lines_to_attrs(&operation_doc(op));
    let struct_name = ident(&format!("{name}Request"));
    let fields = fields.iter().map(|f| {
        let (doc, field, ty) = (docs::lines_to_attrs(&f.doc), ident(&f.rust), &f.ty);
        quote!(#doc pub #field: #ty,)
    });
    let method = op.method.to_ascii_uppercase();
    let template = &op.path;
    let path_body = path_expr(&op.path, &path_fields);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct #struct_name { #(#fields)* }

        impl #struct_name {
            /// The HTTP method.
            pub const METHOD: &str = #method;
            /// The documented path template.
            pub const PATH: &str = #template;

            /// The path with the path parameters filled in (not percent-encoded).
            pub fn path(&self) -> ::std::string::String { #path_body }
        }
    }
}

/// The request's fields (path, query, header parameters, then `body`) and the
/// map from path placeholder to field name.
fn request_fields(
    op: &Operation,
    types: &TypeSpace,
) -> (Vec<RequestField>, BTreeMap<String, String>) {
    let mut taken: BTreeSet<String> = BTreeSet::from(["body".to_owned()]);
    let mut fields = Vec::new();
    let mut path_fields = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut params: Vec<&Parameter> = op.parameters.iter().collect();
    params.sort_by_key(|p| p.location);
    for p in params {
        if !seen.insert((p.location, p.name.as_str())) {
            continue;
        }
        let rust = names::unique(names::to_field_name(&p.name), "_", &mut taken);
        if p.location == Location::Path {
            path_fields.insert(p.name.clone(), rust.clone());
        }
        fields.push(RequestField {
            ty: param_type(p, types),
            doc: param_doc(p),
            rust,
        });
    }
    // Placeholders the docs do not list still have to be filled.
    for placeholder in placeholders(&op.path) {
        if let Entry::Vacant(slot) = path_fields.entry(placeholder) {
            let rust = names::unique(names::to_field_name(slot.key()), "_", &mut taken);
            let doc = vec![format!(
                "Path parameter {} (in the path template, not in the docs\\' tables).",
                docs::code(slot.key())
            )];
            slot.insert(rust.clone());
            fields.push(RequestField {
                rust,
                ty: quote!(::std::string::String),
                doc,
            });
        }
    }
    if let Some(body) = &op.request_body {
        let ty = types.rust_type(&body.ty);
        fields.push(RequestField {
            rust: "body".into(),
            ty,
            doc: vec!["The request body.".into()],
        });
    }
    (fields, path_fields)
}

fn param_type(p: &Parameter, types: &TypeSpace) -> TokenStream {
    if p.location == Location::Path {
        // A path segment needs `Display`: scalars keep their type, others become text.
        return match &p.ty {
            TypeRef::Integer { .. } | TypeRef::Number | TypeRef::Boolean => types.rust_type(&p.ty),
            _ => quote!(::std::string::String),
        };
    }
    let ty = types.rust_type(&p.ty);
    if p.required {
        ty
    } else {
        quote!(::std::option::Option<#ty>)
    }
}

fn param_doc(p: &Parameter) -> Vec<String> {
    let place = match p.location {
        Location::Path => "Path",
        Location::Query => "Query",
        Location::Header => "Header",
    };
    let lead = vec![format!("{place} parameter {}.", docs::code(&p.name))];
    docs::paragraphs(vec![
        lead,
        field_doc(&p.description, p.required_note.as_deref()),
    ])
}

/// The `{name}` placeholders of a path template, in order.
fn placeholders(template: &str) -> Vec<String> {
    template_parts(template)
        .into_iter()
        .filter_map(|part| match part {
            Part::Param(p) => Some(p.to_owned()),
            Part::Literal(_) => None,
        })
        .collect()
}

enum Part<'t> {
    Literal(&'t str),
    Param(&'t str),
}

/// Splits a path template; an unmatched `{` stays literal.
fn template_parts(template: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        parts.push(Part::Literal(&rest[..open]));
        parts.push(Part::Param(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    parts.push(Part::Literal(rest));
    parts
}

/// `format!` of the template with the path fields, or the template itself.
fn path_expr(template: &str, path_fields: &BTreeMap<String, String>) -> TokenStream {
    let mut format = String::new();
    let mut args = Vec::new();
    for part in template_parts(template) {
        match part {
            Part::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            Part::Param(name) => {
                format.push_str("{}");
                let field = ident(&path_fields[name]);
                args.push(quote!(self.#field));
            }
        }
    }
    if args.is_empty() {
        quote!(::std::string::String::from(Self::PATH))
    } else {
        quote!(::std::format!(#format, #(#args),*))
    }
}

fn operation_doc(op: &Operation) -> Vec<String> {
    let mut title = docs::render_lines(&op.title);
    if op.deprecated {
        title.push(String::new());
        title.push("**Deprecated** in the docs.".into());
    }
    let summary = op
        .summary
        .as_deref()
        .map(docs::render_lines)
        .unwrap_or_default();
    let sends = vec![format!(
        "Sends a {} request to {}.",
        docs::code(&op.method.to_ascii_uppercase()),
        docs::code(&op.path)
    )];
    let source = vec![format!("Source: {}.", docs::code(&op.origin.file))];
    docs::paragraphs(vec![title, summary, sends, source])
}

/// The response enum and its `from_json`; `true` when that rejects
/// undocumented statuses through `undocumented_status`.
fn emit_response(op: &Operation, name: &str, types: &TypeSpace) -> (TokenStream, bool) {
    let enum_name = ident(&format!("{name}Response"));
    let mut taken = BTreeSet::new();
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for response in &op.responses {
        let variant = names::to_variant_name(&response.status);
        if !taken.insert(variant.clone()) {
            continue;
        }
        let ty = match response.body.as_ref().map(|b| &b.ty) {
            Some(ty @ TypeRef::Ref { .. }) => {
                let inner = types.rust_type(ty);
                quote!(::std::boxed::Box<#inner>)
            }
            Some(ty) => types.rust_type(ty),
            None => quote!(::serde_json::Value),
        };
        let lead = vec![format!("Status {}.", docs::code(&response.status))];
        let doc = docs::paragraphs(vec![lead, docs::render_lines(&response.description)]);
        let (doc, variant) = (docs::lines_to_attrs(&doc), ident(&variant));
        variants.push(quote!(#doc #variant(#ty),));
        if let Some(pattern) = status_pattern(&response.status) {
            arms.push((pattern, variant));
        }
    }
    if variants.is_empty() {
        variants.push(quote! {
            /// The docs list no responses; the body as JSON.
            Default(::serde_json::Value),
        });
        arms.push((StatusPattern::Any, ident("Default")));
    }
    let doc = format!(" Responses of [`{name}Request`], one variant per documented status.");
    let (from_json, rejects_undocumented) = from_json_fn(arms);
    let tokens = quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #enum_name { #(#variants)* }

        impl #enum_name { #from_json }
    };
    (tokens, rejects_undocumented)
}

/// Which HTTP statuses a documented status covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum StatusPattern {
    Exact(u16),
    /// `2xx`: the hundreds digit.
    Class(u16),
    /// `default`.
    Any,
}

fn status_pattern(status: &str) -> Option<StatusPattern> {
    let code = status.split_whitespace().next()?.to_ascii_lowercase();
    if code == "default" {
        return Some(StatusPattern::Any);
    }
    if let Some(class) = code.strip_suffix("xx") {
        return class
            .parse()
            .ok()
            .filter(|c| (1..=9).contains(c))
            .map(StatusPattern::Class);
    }
    code.parse().ok().map(StatusPattern::Exact)
}

/// `from_json(status, body)`: exact statuses first, then classes, then
/// `default`; an undocumented status is an error.
fn from_json_fn(mut arms: Vec<(StatusPattern, proc_macro2::Ident)>) -> (TokenStream, bool) {
    arms.sort_by_key(|(pattern, _)| *pattern);
    let parse =
        |variant: &proc_macro2::Ident| quote!(::serde_json::from_slice(body).map(Self::#variant));
    let undocumented = quote!(::std::result::Result::Err(undocumented_status(status)));
    let mut fallback = None;
    let mut tokens = Vec::new();
    for (pattern, variant) in &arms {
        match pattern {
            StatusPattern::Exact(code) => {
                let code = Literal::u16_unsuffixed(*code);
                let parse = parse(variant);
                tokens.push(quote!(#code => #parse,));
            }
            StatusPattern::Class(class) => {
                let ranges = class_ranges(*class, &arms);
                if ranges.is_empty() {
                    continue;
                }
                let parse = parse(variant);
                tokens.push(quote!(#(#ranges)|* => #parse,));
            }
            StatusPattern::Any => {
                fallback = Some(parse(variant));
                break;
            }
        }
    }
    let rejects_undocumented = fallback.is_none();
    let empty_is_null = quote!(let body: &[u8] = if body.is_empty() { b"null" } else { body };);
    // A lone wildcard arm would trip `clippy::match_single_binding`; an
    // unused parameter gets a `_` name.
    let (status, body_param, body) = match (tokens.is_empty(), fallback) {
        (true, Some(parse)) => (quote!(_status), quote!(body), quote!(#empty_is_null #parse)),
        (true, None) => (quote!(status), quote!(_body), undocumented),
        (false, fallback) => {
            let fallback = fallback.unwrap_or(undocumented);
            let matched = quote!(match status { #(#tokens)* _ => #fallback, });
            (
                quote!(status),
                quote!(body),
                quote!(#empty_is_null #matched),
            )
        }
    };
    let tokens = quote! {
        /// Reads a JSON response body by its HTTP status (an empty body reads as `null`).
        pub fn from_json(#status: u16, #body_param: &[u8]) -> ::std::result::Result<Self, ::serde_json::Error> {
            #body
        }
    };
    (tokens, rejects_undocumented)
}

/// The codes of a `Nxx` class not documented on their own, as range patterns
/// (overlapping arms trip `clippy::match_overlapping_arm`).
fn class_ranges(class: u16, arms: &[(StatusPattern, proc_macro2::Ident)]) -> Vec<TokenStream> {
    let exact: BTreeSet<u16> = arms
        .iter()
        .filter_map(|(p, _)| match p {
            StatusPattern::Exact(code) => Some(*code),
            _ => None,
        })
        .collect();
    let mut ranges = Vec::new();
    let mut start = None;
    for code in class * 100..=class * 100 + 100 {
        let free = code <= class * 100 + 99 && !exact.contains(&code);
        match (free, start) {
            (true, None) => start = Some(code),
            (false, Some(low)) => {
                let high = code - 1;
                let (l, h) = (Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high));
                ranges.push(if low == high {
                    quote!(#l)
                } else {
                    quote!(#l..=#h)
                });
                start = None;
            }
            _ => {}
        }
    }
    ranges
}
