//! Per-operation request and response types, and the service client's methods.
//!
//! Operation names: an id that already is an operation name (`CreateMigrationTask`)
//! is used as is; a doc id (`drs_03_0104`) yields to the title, with a leading
//! gerund turned imperative and articles dropped (`Creating Tasks in Batches` →
//! `CreateTasksInBatches`); a title without ASCII words (Huawei) gives a name
//! from method and path as the Huawei SDKs name operations ([`op_names`]:
//! `POST /v2/{project_id}/tasks` → `CreateTask`). When several operations of a
//! module get the same name: for path-derived names the newest API version
//! keeps it and an older one appends `V1`; otherwise each appends its
//! PascalCase id; a remaining tie gets a counter, in id order. The method is
//! the snake-case name (`create_task`); request and response body types are
//! named after the operation (`CreateTaskRequestBody`), see [`with_body_names`].
//!
//! `<Op>Request` is a Rust-side value, not wire JSON: it has no serde derives;
//! it holds the path, query and header parameters as fields and `body` for the
//! request body; `new` takes the required ones. Headers the client owns
//! ([`CLIENT_HEADERS`]) are not fields. It implements `runtime::Request`: a
//! declaration (method, path template, how each field is sent, how answers
//! read) that the runtime executes. `<Op>Response` is an enum with one variant
//! per documented status (`Status200`, `Default`), holding the body type
//! (struct bodies boxed, so `clippy::large_enum_variant` never fires), or
//! `serde_json::Value` when the status documents no body; error statuses are
//! read into it for `runtime::ApiError::typed`.

use super::docs;
use super::names;
use super::op_names;
use super::types::{TypeSpace, field_doc, ident};
use crate::spec::{Location, Operation, Parameter, Response, ServiceSpec, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens as _, quote};
use std::collections::{BTreeMap, BTreeSet};

/// Headers the client sets itself (authentication, signing, body type): never
/// request fields.
pub const CLIENT_HEADERS: &[&str] = &[
    "x-auth-token",
    "content-type",
    "x-sdk-date",
    "authorization",
    "x-project-id",
    "x-domain-id",
    "x-security-token",
];

/// Path placeholders the client fills from its configuration when left empty.
const SCOPE_PARAMS: &[&str] = &["project_id", "domain_id", "tenant_id"];

/// Names of the generated service module's own items, which types must avoid.
pub const MODULE_ITEMS: &[&str] = &["Client", "SERVICE"];

/// Whether the operation's name comes from its method and path: no operation
/// id, and a title that is not English (it holds non-ASCII letters, as
/// Huawei's Chinese titles do, even when an `API` or `ID` is mixed in).
fn named_by_path(op: &Operation) -> bool {
    !names::is_operation_id(&op.id)
        && (op.title.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
            || names::title_to_operation_name(&op.title).is_none())
}

/// Operation id → Rust operation name (without the Request/Response suffix).
pub fn operation_names(spec: &ServiceSpec) -> BTreeMap<&str, String> {
    let base: BTreeMap<&str, String> = spec
        .operations
        .iter()
        .map(|op| {
            let name = if named_by_path(op) {
                op_names::from_method_and_path(&op.method, &op.path)
            } else {
                names::to_operation_name(&op.id, &op.title)
            };
            (op.id.as_str(), name)
        })
        .collect();
    let by_id: BTreeMap<&str, &Operation> = spec
        .operations
        .iter()
        .map(|op| (op.id.as_str(), op))
        .collect();
    let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, name) in &base {
        groups.entry(name).or_default().push(id);
    }
    let mut taken = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (id, name) in &base {
        if groups[name.as_str()].len() == 1 {
            taken.insert(name.clone());
            out.insert(*id, name.clone());
        }
    }
    // Path-derived ties: the newest API version keeps the name, an older one
    // that is alone at its version appends it (`CreateTaskV1`).
    for (name, ids) in &groups {
        if ids.len() < 2 || !ids.iter().all(|id| named_by_path(by_id[id])) {
            continue;
        }
        let version = |id: &str| op_names::path_version(&by_id[id].path);
        let newest = ids.iter().map(|id| version(id)).max().unwrap_or(0);
        for id in ids {
            let v = version(id);
            let alone = ids.iter().filter(|other| version(other) == v).count() == 1;
            if !alone || (v == 0 && v != newest) {
                continue;
            }
            let candidate = if v == newest {
                (*name).to_owned()
            } else {
                format!("{name}V{v}")
            };
            if taken.insert(candidate.clone()) {
                out.insert(*id, candidate);
            }
        }
    }
    // Title ties between API groups of one service (ECS's recommended and
    // native OpenStack APIs, RDS's v3 and discarded v1 APIs): each takes the
    // docs folder that sets its group apart, the way the docs' own contents
    // tell them apart (`ListEcsGroupsRecommended`, `ListEcsGroupsNativeOpenstackNova`).
    for (name, ids) in &groups {
        if ids.len() < 2 || ids.iter().any(|id| out.contains_key(id)) {
            continue;
        }
        let ops: Vec<&Operation> = ids.iter().map(|id| by_id[id]).collect();
        if let Some(qualifiers) = folder_qualifiers(&ops) {
            // An operation id the docs give (`:original_name:`) keeps its name.
            for (id, qualifier) in ids.iter().zip(qualifiers) {
                if names::is_operation_id(id) {
                    continue;
                }
                let candidate = names::join_type_names(name, &qualifier);
                out.insert(*id, names::unique(candidate, "", &mut taken));
            }
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

/// Words of a docs folder name that do not tell one API group from another.
const FOLDER_FILLER: &[&str] = &["api", "apis", "be", "to"];

/// For operations whose names tie, the folder of each page that sets it apart
/// (`apis_recommended` → `Recommended`, `native_openstack_nova_apis` →
/// `NativeOpenstackNova`, `api_v1_to_be_discarded` → `V1Discarded`): the
/// first folder level where the pages' folders differ. `None` unless every
/// operation gets a distinct, non-empty qualifier there.
fn folder_qualifiers(ops: &[&Operation]) -> Option<Vec<String>> {
    let folders: Vec<Vec<&str>> = ops
        .iter()
        .map(|op| {
            let mut parts: Vec<&str> = op.origin.file.split('/').collect();
            parts.pop();
            parts
        })
        .collect();
    let depth = folders.iter().map(Vec::len).min()?;
    let level = (0..depth).find(|&i| folders.iter().any(|f| f[i] != folders[0][i]))?;
    let mut qualifiers = Vec::with_capacity(ops.len());
    for folder in &folders {
        let words: Vec<&str> = folder[level]
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !FOLDER_FILLER.contains(&w.to_ascii_lowercase().as_str()))
            .collect();
        if words.is_empty() {
            return None;
        }
        qualifiers.push(names::to_type_name(&join_versions(&words)));
    }
    let distinct: BTreeSet<&String> = qualifiers.iter().collect();
    (distinct.len() == qualifiers.len()).then_some(qualifiers)
}

/// The words joined by spaces, except that adjacent versions stay one word
/// (`vpc v1 v2` → `vpc v1v2`): `VpcV1V2` would not survive the trip through
/// snake case that body type names take (`vpc_v1v2` → `VpcV1v2`).
fn join_versions(words: &[&str]) -> String {
    let is_version = op_names::is_version;
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 && !(is_version(word) && is_version(words[i - 1])) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The type names operations and the module's own items occupy, so object types avoid them.
pub fn reserved_names(op_names: &BTreeMap<&str, String>) -> BTreeSet<String> {
    op_names
        .values()
        .flat_map(|n| [format!("{n}Request"), format!("{n}Response")])
        .chain(MODULE_ITEMS.iter().map(|s| (*s).to_owned()))
        .collect()
}

/// The spec with each operation's body types named after the operation
/// (`CreateTasksInBatches Request Body`), so that `CreateTasksInBatchesRequest`
/// carries a `CreateTasksInBatchesRequestBody`. Only types the extractor named
/// after the page (`… Request Body`, `… Response Body`, `… Error Body`) and
/// used by one operation are renamed; shared, captioned types keep their names.
pub fn with_body_names(spec: &ServiceSpec, op_names: &BTreeMap<&str, String>) -> ServiceSpec {
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    let mut wanted: Vec<(String, String)> = Vec::new();
    for op in &spec.operations {
        let name = &op_names[op.id.as_str()];
        if let Some(id) = op.request_body.as_ref().and_then(|b| body_ref(&b.ty)) {
            wanted.push((id.clone(), format!("{name} Request Body")));
        }
        let success: Vec<&Response> = op.responses.iter().filter(|r| is_success(r)).collect();
        for response in &op.responses {
            let Some(id) = response.body.as_ref().and_then(|b| body_ref(&b.ty)) else {
                continue;
            };
            let status = response.status.split_whitespace().next().unwrap_or("");
            let label = match (is_success(response), success.len()) {
                (true, 1) => format!("{name} Response Body"),
                (true, _) => format!("{name} Response Body {status}"),
                (false, _) => format!("{name} Error Body {status}"),
            };
            wanted.push((id.clone(), label));
        }
    }
    for (id, _) in &wanted {
        *uses.entry(id.as_str()).or_default() += 1;
    }
    let mut renamed = spec.clone();
    for (id, label) in &wanted {
        if uses[id.as_str()] != 1 {
            continue;
        }
        if let Some(def) = renamed.types.get_mut(id)
            && ["Request Body", "Response Body", "Error Body"]
                .iter()
                .any(|suffix| def.name.ends_with(suffix))
        {
            def.name.clone_from(label);
        }
    }
    renamed
}

/// The object type of a body, or of each item of a list body (APIG's bare
/// `-` row read as a list of the table after it).
fn body_ref(ty: &TypeRef) -> Option<&String> {
    match ty {
        TypeRef::Ref { id } => Some(id),
        TypeRef::Array { items } => match &**items {
            TypeRef::Ref { id } => Some(id),
            _ => None,
        },
        _ => None,
    }
}

/// A documented 2xx status (`200`, `2xx`).
fn is_success(response: &Response) -> bool {
    matches!(
        status_pattern(&response.status),
        Some(StatusPattern::Exact(200..=299) | StatusPattern::Class(2))
    )
}

/// Request and response items ordered by operation name, then the service client.
pub fn emit(
    spec: &ServiceSpec,
    op_names: &BTreeMap<&str, String>,
    types: &TypeSpace,
    endpoint: Option<&str>,
) -> TokenStream {
    let mut items: BTreeMap<&str, TokenStream> = BTreeMap::new();
    let mut methods: BTreeMap<String, TokenStream> = BTreeMap::new();
    let mut method_names: BTreeSet<String> =
        ["new", "with_options", "inner"].map(str::to_owned).into();
    let mut needs_helper = false;
    for op in &spec.operations {
        let name = &op_names[op.id.as_str()];
        let method = names::unique(names::to_field_name(name), "_", &mut method_names);
        let (response, rejects_undocumented) = emit_response(op, name, types);
        let output = output_of(op, name, types);
        let request = emit_request(op, name, &method, &output, types);
        needs_helper |= rejects_undocumented;
        methods.insert(method.clone(), emit_method(op, name, &method, &output.ty));
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
    let client = emit_client(spec, endpoint, methods.values());
    let items = items.values();
    quote!(#client #(#items)* #helper)
}

/// The service description and its client type, one async method per operation.
fn emit_client<'t>(
    spec: &ServiceSpec,
    endpoint: Option<&str>,
    methods: impl Iterator<Item = &'t TokenStream>,
) -> TokenStream {
    let cloud = match spec.cloud.as_str() {
        "huawei" => quote!(Huawei),
        _ => quote!(Otc),
    };
    let service = &spec.service;
    let endpoint = match endpoint {
        Some(prefix) => quote!(::std::option::Option::Some(#prefix)),
        None => quote!(::std::option::Option::None),
    };
    let doc = format!(
        " Calls the {} API: one async method per documented operation.",
        docs::code(service)
    );
    quote! {
        /// This service: its cloud, name and host prefix (`https://{prefix}.{region}.{cloud domain}`).
        pub const SERVICE: ::runtime::Service = ::runtime::Service {
            cloud: ::runtime::Cloud::#cloud,
            name: #service,
            endpoint: #endpoint,
        };

        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct Client(::runtime::ServiceClient);

        impl Client {
            /// This service's client, sharing `client`'s configuration, connections and token.
            pub fn new(client: &::runtime::Client) -> Self {
                Self(client.service(SERVICE))
            }

            /// The same client with per-call options (retries, timeout, validation).
            pub fn with_options(self, options: ::runtime::CallOptions) -> Self {
                Self(self.0.with_options(options))
            }

            #(#methods)*
        }
    }
}

/// What a success returns: the Rust type and the runtime decoder.
struct Output {
    ty: TokenStream,
    decoder: TokenStream,
}

/// One documented 2xx status → its body (unit when it documents none); several
/// with different bodies → the `<Op>Response` enum; none → JSON.
fn output_of(op: &Operation, name: &str, types: &TypeSpace) -> Output {
    let bodies: BTreeSet<Option<&TypeRef>> = op
        .responses
        .iter()
        .filter(|r| is_success(r))
        .map(|r| r.body.as_ref().map(|b| &b.ty))
        .collect();
    let json = quote!(::runtime::json);
    match bodies.into_iter().collect::<Vec<_>>().as_slice() {
        [] | [Some(TypeRef::Any)] => Output {
            ty: quote!(::serde_json::Value),
            decoder: json,
        },
        [None] => Output {
            ty: quote!(()),
            decoder: quote!(::runtime::unit),
        },
        [Some(ty)] => Output {
            ty: types.rust_type(ty),
            decoder: json,
        },
        _ => {
            let enum_name = ident(&format!("{name}Response"));
            Output {
                ty: quote!(#enum_name),
                decoder: quote!(#enum_name::from_json),
            }
        }
    }
}

fn emit_method(op: &Operation, name: &str, method: &str, output: &TokenStream) -> TokenStream {
    let doc = docs::lines_to_attrs(&method_doc(op, name));
    let (method, request) = (ident(method), ident(&format!("{name}Request")));
    quote! {
        #doc
        pub async fn #method(&self, request: #request) -> ::runtime::Result<::runtime::Response<#output>> {
            self.0.call(request).await
        }
    }
}

/// Summary, `METHOD /path`, source page, and the errors.
fn method_doc(op: &Operation, name: &str) -> Vec<String> {
    let mut title = docs::render_lines(&op.title);
    title.truncate(1);
    let call = vec![docs::code(&format!(
        "{} {}",
        op.method.to_ascii_uppercase(),
        op.path
    ))];
    let source = vec![format!("Source: {}.", docs::code(&op.origin.file))];
    let errors: Vec<String> = op
        .responses
        .iter()
        .filter(|r| !is_success(r))
        .map(|r| docs::code(&r.status))
        .collect();
    let documented = if errors.is_empty() {
        "none documented".to_owned()
    } else {
        format!("documented {}", errors.join(", "))
    };
    let errors = vec![format!(
        "Errors: `runtime::Error::Status` for an error status ({documented}; the body reads into \
         [`{name}Response`] via `ApiError::typed`), else transport, timeout or decode errors."
    )];
    docs::paragraphs(vec![title, call, source, errors])
}

/// One request field: its Rust name, type, docs and how it is sent.
struct RequestField {
    rust: String,
    ty: TokenStream,
    doc: Vec<String>,
    /// `path`, `query`, `header` or `body`, and the wire name.
    place: &'static str,
    wire: String,
    /// Taken by `new` (required, not a scope placeholder the client fills).
    in_new: bool,
    /// The statement checking the parameter's documented length or range.
    check: Option<TokenStream>,
}

fn emit_request(
    op: &Operation,
    name: &str,
    method: &str,
    output: &Output,
    types: &TypeSpace,
) -> TokenStream {
    let fields = request_fields(op, types);
    let doc = docs::lines_to_attrs(&operation_doc(op));
    let struct_name = ident(&format!("{name}Request"));
    let field_items = fields.iter().map(|f| {
        let (doc, field, ty) = (docs::lines_to_attrs(&f.doc), ident(&f.rust), &f.ty);
        quote!(#doc pub #field: #ty,)
    });
    let new_params = fields.iter().filter(|f| f.in_new).map(|f| {
        let (field, ty) = (ident(&f.rust), &f.ty);
        quote!(#field: #ty)
    });
    let new_inits = fields.iter().map(|f| {
        let field = ident(&f.rust);
        if f.in_new {
            quote!(#field)
        } else {
            quote!(#field: ::std::default::Default::default())
        }
    });
    let parts = fields.iter().map(|f| {
        let (field, wire) = (ident(&f.rust), &f.wire);
        match f.place {
            "body" => quote!(p.body(&self.body);),
            place => {
                let place = ident(place);
                quote!(p.#place(#wire, &self.#field);)
            }
        }
    });
    let method_up = op.method.to_ascii_uppercase();
    let template = &op.path;
    let (output_ty, decoder) = (&output.ty, &output.decoder);
    let response = ident(&format!("{name}Response"));
    let debug = secret_debug(&struct_name, &fields);
    // `new()` without arguments wants a `Default` beside it (clippy::new_without_default).
    let default = fields.iter().all(|f| !f.in_new).then(|| quote!(Default,));
    let derives = if debug.is_some() {
        quote!(#[derive(Clone, PartialEq, #default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq, #default)])
    };
    // The body's documented constraints, checked by the client before sending
    // (`runtime::Request::check`; opt out per client or per call).
    let param_checks: Vec<&TokenStream> = fields.iter().filter_map(|f| f.check.as_ref()).collect();
    let (validate, check) = match (op.request_body.is_some(), param_checks.is_empty()) {
        (false, true) => (TokenStream::new(), TokenStream::new()),
        (has_body, _) => (
            if param_checks.is_empty() {
                quote! {
                    /// Checks the documented constraints of the body.
                    pub fn validate(&self) -> ::std::result::Result<(), crate::validation::ValidationErrors> {
                        crate::validation::validate(&self.body)
                    }
                }
            } else {
                let body = has_body.then(|| quote!(errors.check(&at, &self.body);));
                let doc = if has_body {
                    " Checks the documented limits of the parameters (at `query:<name>`, `path:<name>`, `header:<name>`) and the constraints of the body."
                } else {
                    " Checks the documented limits of the parameters (at `query:<name>`, `path:<name>`, `header:<name>`)."
                };
                quote! {
                    #[doc = #doc]
                    pub fn validate(&self) -> ::std::result::Result<(), crate::validation::ValidationErrors> {
                        let (mut errors, at) = (crate::validation::ValidationErrors::new(), crate::validation::Path::Root);
                        #(#param_checks)*
                        #body
                        errors.into_result()
                    }
                }
            },
            quote! {
                fn check(&self) -> ::std::result::Result<(), ::std::string::String> {
                    self.validate().map_err(|e| e.to_string())
                }
            },
        ),
    };
    let p = if fields.is_empty() {
        ident("_p")
    } else {
        ident("p")
    };
    quote! {
        #doc
        #derives
        #[non_exhaustive]
        pub struct #struct_name { #(#field_items)* }

        impl #struct_name {
            /// The request with its required parameters (an empty `project_id` takes the client's).
            pub fn new(#(#new_params),*) -> Self {
                Self { #(#new_inits),* }
            }
            #validate
        }

        impl ::runtime::Request for #struct_name {
            type Output = #output_ty;
            type Responses = #response;
            const OPERATION: &'static str = #method;
            const METHOD: &'static str = #method_up;
            const PATH: &'static str = #template;
            const OUTPUT: ::runtime::Decoder<Self::Output> = #decoder;
            const RESPONSES: ::runtime::Decoder<Self::Responses> = #response::from_json;
            fn parts(&self, #p: &mut ::runtime::Parts) {
                #(#parts)*
            }
            #check
        }
        #debug
    }
}

/// A field whose name says it holds a credential (the rule object types use).
fn is_secret_field(wire: &str) -> bool {
    super::validate::is_secret(wire)
}

/// A `Debug` that prints `***` for credential fields; `None` when there are none.
fn secret_debug(struct_name: &proc_macro2::Ident, fields: &[RequestField]) -> Option<TokenStream> {
    if !fields.iter().any(|f| is_secret_field(&f.wire)) {
        return None;
    }
    let label = struct_name.to_string();
    let entries = fields.iter().map(|f| {
        let (field, rust) = (ident(&f.rust), &f.rust);
        if is_secret_field(&f.wire) {
            quote!(.field(#rust, &"***"))
        } else {
            quote!(.field(#rust, &self.#field))
        }
    });
    Some(quote! {
        impl ::std::fmt::Debug for #struct_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#entries)* .finish()
            }
        }
    })
}

/// The request's fields: path, query and header parameters (without the
/// client's own headers), path placeholders the docs do not list, then `body`.
fn request_fields(op: &Operation, types: &TypeSpace) -> Vec<RequestField> {
    let mut taken: BTreeSet<String> = BTreeSet::from(["body".to_owned(), "p".to_owned()]);
    let mut fields = Vec::new();
    let mut path_fields = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut params: Vec<&Parameter> = op.parameters.iter().collect();
    params.sort_by_key(|p| p.location);
    for p in params {
        if !seen.insert((p.location, p.name.as_str())) {
            continue;
        }
        // Some pages list `X-Auth-Token` or `Content-Type` as query parameters
        // (DDS, IAM): a client header wherever it is filed.
        if p.location != Location::Path
            && CLIENT_HEADERS.contains(&p.name.to_ascii_lowercase().as_str())
        {
            continue;
        }
        let rust = names::unique(names::to_field_name(&p.name), "_", &mut taken);
        let place = match p.location {
            Location::Path => {
                path_fields.insert(p.name.clone());
                "path"
            }
            Location::Query => "query",
            Location::Header => "header",
        };
        let scope = p.location == Location::Path && SCOPE_PARAMS.contains(&p.name.as_str());
        let check = (!scope).then(|| param_check(p, &rust)).flatten();
        fields.push(RequestField {
            ty: param_type(p, types),
            doc: param_doc(p),
            rust,
            place,
            wire: p.name.clone(),
            in_new: (p.required || p.location == Location::Path) && !scope,
            check,
        });
    }
    // Placeholders the docs do not list still have to be filled.
    for placeholder in placeholders(&op.path) {
        if path_fields.insert(placeholder.clone()) {
            let rust = names::unique(names::to_field_name(&placeholder), "_", &mut taken);
            let doc = vec![format!(
                "Path parameter {} (in the path template, not in the docs\\' tables).",
                docs::code(&placeholder)
            )];
            fields.push(RequestField {
                rust,
                ty: quote!(::std::string::String),
                doc,
                place: "path",
                in_new: !SCOPE_PARAMS.contains(&placeholder.as_str()),
                wire: placeholder,
                check: None,
            });
        }
    }
    if let Some(body) = &op.request_body {
        fields.push(RequestField {
            rust: "body".into(),
            ty: types.rust_type(&body.ty),
            doc: vec!["The request body.".into()],
            place: "body",
            wire: "body".into(),
            in_new: true,
            check: None,
        });
    }
    fields
}

/// `errors.length(…)` / `errors.range(…)` for a parameter's documented
/// limits, at the path `query:limit` (`path:…`, `header:…`); `None` when it
/// has none to check.
fn param_check(p: &Parameter, rust: &str) -> Option<TokenStream> {
    let place = match p.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
    };
    let c = &p.constraints;
    let at = format!("{place}:{}", p.name);
    let field = ident(rust);
    let secret = super::validate::is_secret(&p.name);
    // Path parameters are always values (required); the others are optional unless required.
    let present = p.required || p.location == Location::Path;
    let bound = |v: Option<u64>, none: TokenStream| match v {
        Some(v) => Literal::u64_unsuffixed(v).into_token_stream(),
        None => none,
    };
    let signed = |v: Option<i64>, none: TokenStream| match v {
        Some(v) => Literal::i64_unsuffixed(v).into_token_stream(),
        None => none,
    };
    match &p.ty {
        TypeRef::String if c.has_length() => {
            let (min, max) = (
                bound(c.min_length, quote!(0)),
                bound(c.max_length, quote!(u64::MAX)),
            );
            let value = if present {
                quote!(self.#field.as_str())
            } else {
                quote!(self.#field.as_deref())
            };
            Some(quote!(errors.length(&at.field(#at), #value, #min, #max, #secret);))
        }
        TypeRef::Integer { bits } if c.has_range() => {
            let (min, max) = (
                signed(c.minimum, quote!(i64::MIN)),
                signed(c.maximum, quote!(i64::MAX)),
            );
            let value = match (*bits <= 32, present) {
                (true, true) => quote!(f64::from(self.#field)),
                (true, false) => quote!(self.#field.map(f64::from)),
                (false, true) => quote!(self.#field as f64),
                (false, false) => quote!(self.#field.map(|v| v as f64)),
            };
            Some(quote!(errors.range(&at.field(#at), #value, #min, #max, #secret);))
        }
        TypeRef::Number if c.has_range() => {
            let (min, max) = (
                signed(c.minimum, quote!(i64::MIN)),
                signed(c.maximum, quote!(i64::MAX)),
            );
            Some(quote!(errors.range(&at.field(#at), self.#field, #min, #max, #secret);))
        }
        _ => None,
    }
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

/// The `{name}` placeholders of a path template, in order (an unmatched `{` stays literal).
fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        names.push(rest[open + 1..close].to_owned());
        rest = &rest[close + 1..];
    }
    names
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

#[cfg(test)]
mod tests {
    use super::folder_qualifiers;
    use crate::spec::{Operation, Origin};

    fn op(file: &str) -> Operation {
        Operation {
            id: file.replace(['/', '.'], "_"),
            title: "Listing ECS Groups".into(),
            summary: None,
            method: "GET".into(),
            path: "/v1/{project_id}/groups".into(),
            uri: String::new(),
            deprecated: false,
            origin: Origin {
                file: file.into(),
                table: None,
            },
            parameters: Vec::new(),
            request_body: None,
            responses: Vec::new(),
            examples: Vec::new(),
        }
    }

    fn qualifiers(files: &[&str]) -> Option<Vec<String>> {
        let ops: Vec<Operation> = files.iter().map(|f| op(f)).collect();
        folder_qualifiers(&ops.iter().collect::<Vec<_>>())
    }

    #[test]
    fn ties_take_the_folder_that_sets_their_api_group_apart() {
        assert_eq!(
            qualifiers(&[
                "apis_recommended/ecs_group_management/listing_ecs_groups.rst",
                "native_openstack_nova_apis/ecs_group_management/listing_ecs_groups.rst",
            ]),
            Some(vec!["Recommended".into(), "NativeOpenstackNova".into()])
        );
        assert_eq!(
            qualifiers(&[
                "api_v3_recommended/db/x.rst",
                "api_v1_to_be_discarded/db/x.rst",
                "openstack_trove_api_v1.0_to_be_discarded/db/x.rst",
            ]),
            Some(vec![
                "V3Recommended".into(),
                "V1Discarded".into(),
                "OpenstackTroveV10Discarded".into()
            ])
        );
        // Adjacent versions stay one word, so names survive snake case.
        assert_eq!(
            qualifiers(&["vpc_apis_v1_v2/x.rst", "vpc_apis_v3/x.rst"]),
            Some(vec!["VpcV1v2".into(), "VpcV3".into()])
        );
        // Deeper folders decide when the top ones agree.
        assert_eq!(
            qualifiers(&["api/flink_job_related/q.rst", "api/sql_job_related/q.rst"]),
            Some(vec!["FlinkJobRelated".into(), "SqlJobRelated".into()])
        );
    }

    #[test]
    fn no_qualifier_without_a_distinct_folder_for_each() {
        // Same folder: only the file names differ.
        assert_eq!(qualifiers(&["api/a.rst", "api/b.rst"]), None);
        // A folder of filler words only.
        assert_eq!(qualifiers(&["apis/x/a.rst", "api/x/a.rst"]), None);
        // Two of three in one group's folder.
        assert_eq!(qualifiers(&["v1/a.rst", "v1/b.rst", "v2/a.rst"]), None);
    }
}
