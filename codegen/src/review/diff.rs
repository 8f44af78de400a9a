//! The semantic diff of two sets of specs: every change as a rule id from
//! [`rules`](super::rules), with where it is and what changed.
//!
//! Services are matched by cloud and name, operations by id, parameters by
//! location and wire name, responses by status, fields by wire name and
//! types by id — after types that only moved (same fields under a new id)
//! are paired up as renames, so a rename is one change, not a removal and an
//! addition. A change inside a shared type is reported once per side that
//! uses it (request, response), naming the operations that reach it.

use super::rules::{self, Level, Rule, Semver};
use crate::rust::names;
use crate::spec::{
    Body, Constraints, Field, Location, Operation, Parameter, Response, ServiceSpec, TypeDef,
    TypeRef,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One reported change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    #[serde(rename = "rule")]
    pub id: &'static str,
    pub level: Level,
    pub semver: Semver,
    /// The operation id, for changes to an operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The type id (new id for renames), for changes to an object type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_id: Option<String>,
    /// One sentence: what changed.
    pub message: String,
    /// Operations that use the changed type on the side the rule is about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub used_by: Vec<String>,
}

/// The changes of one service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceDiff {
    pub service: String,
    pub cloud: String,
    /// The docs commit of each side, when the specs record it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_commit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_commit: Option<String>,
    pub changes: Vec<Change>,
}

impl ServiceDiff {
    /// The strongest level among the changes.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    pub fn semver(&self) -> Option<Semver> {
        self.changes.iter().map(|c| c.semver).max()
    }

    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }
}

/// All changes between two sets of specs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Services with at least one change, by cloud and name.
    pub services: Vec<ServiceDiff>,
}

impl Report {
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.services.iter().flat_map(|s| &s.changes)
    }

    pub fn level(&self) -> Option<Level> {
        self.changes().map(|c| c.level).max()
    }

    /// The version bump the whole change calls for (`None`: no change).
    pub fn semver(&self) -> Option<Semver> {
        self.changes().map(|c| c.semver).max()
    }

    pub fn count(&self, level: Level) -> usize {
        self.changes().filter(|c| c.level == level).count()
    }
}

/// Compares two sets of specs. When each side holds exactly one spec they
/// are compared whatever their names (a spec against an edited copy).
pub fn diff(old: &[ServiceSpec], new: &[ServiceSpec]) -> Report {
    let mut services = Vec::new();
    if let ([o], [n]) = (old, new) {
        services.push(diff_service(o, n));
    } else {
        let key = |s: &ServiceSpec| (s.cloud.clone(), s.service.clone());
        let olds: BTreeMap<_, _> = old.iter().map(|s| (key(s), s)).collect();
        let news: BTreeMap<_, _> = new.iter().map(|s| (key(s), s)).collect();
        let keys: BTreeSet<_> = olds.keys().chain(news.keys()).cloned().collect();
        for k in keys {
            services.push(match (olds.get(&k), news.get(&k)) {
                (Some(o), Some(n)) => diff_service(o, n),
                (Some(o), None) => whole_service(o, "service-removed", "removed"),
                (None, Some(n)) => whole_service(n, "service-added", "added"),
                (None, None) => continue,
            });
        }
    }
    // A service whose docs commit moved stays listed even without API changes.
    services.retain(|s| !s.changes.is_empty() || s.old_commit != s.new_commit);
    Report { services }
}

/// One change for a whole service that appeared or went (`id` is its rule).
pub fn whole_service(spec: &ServiceSpec, id: &str, what: &str) -> ServiceDiff {
    let mut out = Collector::default();
    out.push(
        id,
        None,
        None,
        format!(
            "service `{}` {what} ({} operations)",
            spec.service,
            spec.operations.len()
        ),
        Vec::new(),
    );
    ServiceDiff {
        service: spec.service.clone(),
        cloud: spec.cloud.clone(),
        old_commit: None,
        new_commit: None,
        changes: out.changes,
    }
}

fn commit(spec: &ServiceSpec) -> Option<String> {
    spec.provenance.as_ref().and_then(|p| p.commit.clone())
}

/// Every change between two versions of one service.
pub fn diff_service(old: &ServiceSpec, new: &ServiceSpec) -> ServiceDiff {
    let renames = find_renames(old, new);
    let ctx = Context {
        old,
        new,
        old_usage: Usage::of(old),
        new_usage: Usage::of(new),
        renames,
    };
    let mut out = Collector::default();
    diff_operations(&ctx, &mut out);
    diff_types(&ctx, &mut out);
    diff_unsupported(old, new, &mut out);
    ServiceDiff {
        service: new.service.clone(),
        cloud: new.cloud.clone(),
        old_commit: commit(old),
        new_commit: commit(new),
        changes: out.changes,
    }
}

#[derive(Default)]
struct Collector {
    changes: Vec<Change>,
}

impl Collector {
    fn push(
        &mut self,
        id: &str,
        operation: Option<&str>,
        type_id: Option<&str>,
        message: String,
        used_by: Vec<String>,
    ) {
        let rule: &'static Rule = rules::rule(id);
        self.changes.push(Change {
            id: rule.id.as_str(),
            level: rule.level,
            semver: rule.semver,
            operation: operation.map(str::to_string),
            type_id: type_id.map(str::to_string),
            message,
            used_by,
        });
    }
}

struct Context<'a> {
    old: &'a ServiceSpec,
    new: &'a ServiceSpec,
    old_usage: Usage,
    new_usage: Usage,
    /// Old type id → new type id, for types that only moved.
    renames: BTreeMap<String, String>,
}

impl Context<'_> {
    /// `ty` of the old spec with renamed type ids replaced by their new ids.
    fn renamed(&self, ty: &TypeRef) -> TypeRef {
        map_refs(ty, &self.renames)
    }
}

fn map_refs(ty: &TypeRef, renames: &BTreeMap<String, String>) -> TypeRef {
    match ty {
        TypeRef::Ref { id } => TypeRef::Ref {
            id: renames.get(id).cloned().unwrap_or_else(|| id.clone()),
        },
        TypeRef::Array { items } => TypeRef::Array {
            items: Box::new(map_refs(items, renames)),
        },
        TypeRef::Map { values } => TypeRef::Map {
            values: Box::new(map_refs(values, renames)),
        },
        other => other.clone(),
    }
}

/// Which operations reach each type from their request and from their responses.
#[derive(Default)]
struct Usage {
    request: BTreeMap<String, BTreeSet<String>>,
    response: BTreeMap<String, BTreeSet<String>>,
}

impl Usage {
    fn of(spec: &ServiceSpec) -> Usage {
        let mut usage = Usage::default();
        for op in &spec.operations {
            let mut req = Vec::new();
            for p in &op.parameters {
                req.push(&p.ty);
            }
            if let Some(b) = &op.request_body {
                req.push(&b.ty);
            }
            let resp: Vec<&TypeRef> = op
                .responses
                .iter()
                .filter_map(|r| r.body.as_ref().map(|b| &b.ty))
                .collect();
            for id in reachable(spec, &req) {
                usage.request.entry(id).or_default().insert(op.id.clone());
            }
            for id in reachable(spec, &resp) {
                usage.response.entry(id).or_default().insert(op.id.clone());
            }
        }
        usage
    }
}

/// Type ids reachable from `roots` (each visited once, so cycles end).
fn reachable(spec: &ServiceSpec, roots: &[&TypeRef]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&TypeRef> = roots.to_vec();
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Ref { id } => {
                if seen.insert(id.clone())
                    && let Some(def) = spec.types.get(id)
                {
                    stack.extend(def.fields.iter().map(|f| &f.ty));
                }
            }
            TypeRef::Array { items } => stack.push(items),
            TypeRef::Map { values } => stack.push(values),
            _ => {}
        }
    }
    seen
}

// ---------------------------------------------------------------- renames

/// Pairs removed and added types with the same fields (wire names,
/// requiredness, types with renames applied, constraints). Pairing repeats
/// so a parent whose child moved is found in the next round; a structure
/// shared by several candidates is ambiguous and not paired.
fn find_renames(old: &ServiceSpec, new: &ServiceSpec) -> BTreeMap<String, String> {
    let removed: Vec<&String> = old
        .types
        .keys()
        .filter(|id| !new.types.contains_key(*id))
        .collect();
    let added: Vec<&String> = new
        .types
        .keys()
        .filter(|id| !old.types.contains_key(*id))
        .collect();
    let mut renames = BTreeMap::new();
    // Each round pairs at least one type or stops: bounded by the removed count.
    for _ in 0..=removed.len() {
        let empty = BTreeMap::new();
        let mut by_shape: BTreeMap<String, Vec<&String>> = BTreeMap::new();
        for id in added
            .iter()
            .filter(|id| !renames.values().any(|v| v == **id))
        {
            by_shape
                .entry(shape(&new.types[*id], &empty))
                .or_default()
                .push(id);
        }
        let mut old_by_shape: BTreeMap<String, Vec<&String>> = BTreeMap::new();
        for id in removed.iter().filter(|id| !renames.contains_key(**id)) {
            old_by_shape
                .entry(shape(&old.types[*id], &renames))
                .or_default()
                .push(id);
        }
        let mut found = false;
        for (key, olds) in &old_by_shape {
            if let (Some(news), [o]) = (by_shape.get(key), olds.as_slice())
                && let [n] = news.as_slice()
            {
                renames.insert((*o).clone(), (*n).clone());
                found = true;
            }
        }
        if !found {
            break;
        }
    }
    renames
}

/// The structure of a type, for rename matching: its fields without their docs.
fn shape(def: &TypeDef, renames: &BTreeMap<String, String>) -> String {
    let fields: Vec<_> = def
        .fields
        .iter()
        .map(|f| {
            let c = &f.constraints;
            (
                &f.name,
                f.required,
                map_refs(&f.ty, renames),
                (c.minimum, c.maximum, c.min_length, c.max_length),
                (&c.values, &c.default, c.min_items, c.max_items, &c.pattern),
            )
        })
        .collect();
    serde_json::to_string(&fields).unwrap_or_default()
}

// ------------------------------------------------------------- operations

fn op_label(op: &Operation) -> String {
    format!("`{} {}` ({})", op.method, op.path, op.id)
}

fn diff_operations(ctx: &Context, out: &mut Collector) {
    let olds: BTreeMap<&str, &Operation> = ctx
        .old
        .operations
        .iter()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let news: BTreeMap<&str, &Operation> = ctx
        .new
        .operations
        .iter()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let ids: BTreeSet<&str> = olds.keys().chain(news.keys()).copied().collect();
    for id in ids {
        match (olds.get(id), news.get(id)) {
            (Some(o), Some(n)) => diff_operation(ctx, o, n, out),
            (Some(o), None) => out.push(
                "endpoint-removed",
                Some(id),
                None,
                format!("operation {} removed", op_label(o)),
                Vec::new(),
            ),
            (None, Some(n)) => out.push(
                "endpoint-added",
                Some(id),
                None,
                format!("operation {} added", op_label(n)),
                Vec::new(),
            ),
            (None, None) => {}
        }
    }
}

fn diff_operation(ctx: &Context, old: &Operation, new: &Operation, out: &mut Collector) {
    let id = Some(new.id.as_str());
    if old.method != new.method {
        out.push(
            "endpoint-method-changed",
            id,
            None,
            format!(
                "method {} → {} of {}",
                old.method,
                new.method,
                op_label(new)
            ),
            Vec::new(),
        );
    }
    if old.path != new.path {
        out.push(
            "endpoint-path-changed",
            id,
            None,
            format!("path `{}` → `{}` of {}", old.path, new.path, new.id),
            Vec::new(),
        );
    }
    match (old.deprecated, new.deprecated) {
        (false, true) => out.push(
            "endpoint-deprecated",
            id,
            None,
            format!("operation {} deprecated", op_label(new)),
            Vec::new(),
        ),
        (true, false) => out.push(
            "endpoint-reactivated",
            id,
            None,
            format!("operation {} no longer deprecated", op_label(new)),
            Vec::new(),
        ),
        _ => {}
    }
    let mut docs = Vec::new();
    if old.title != new.title {
        docs.push("title");
    }
    if old.summary != new.summary {
        docs.push("summary");
    }
    if old.uri != new.uri {
        docs.push("documented URI");
    }
    if old.origin.file != new.origin.file {
        docs.push("source page");
    }
    if !docs.is_empty() {
        out.push(
            "documentation-changed",
            id,
            None,
            format!("{} of {} changed", docs.join(", "), op_label(new)),
            Vec::new(),
        );
    }
    diff_parameters(ctx, old, new, out);
    diff_request_body(ctx, old, new, out);
    diff_responses(ctx, old, new, out);
    if old.examples != new.examples {
        out.push(
            "example-changed",
            id,
            None,
            format!(
                "examples of {} changed ({} → {})",
                op_label(new),
                old.examples.len(),
                new.examples.len()
            ),
            Vec::new(),
        );
    }
}

fn location(l: Location) -> &'static str {
    match l {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
    }
}

fn diff_parameters(ctx: &Context, old: &Operation, new: &Operation, out: &mut Collector) {
    let key = |p: &Parameter| (p.location, p.name.clone());
    let olds: BTreeMap<_, &Parameter> = old.parameters.iter().map(|p| (key(p), p)).collect();
    let news: BTreeMap<_, &Parameter> = new.parameters.iter().map(|p| (key(p), p)).collect();
    let keys: BTreeSet<_> = olds.keys().chain(news.keys()).cloned().collect();
    let id = Some(new.id.as_str());
    for k in keys {
        let what = format!("{} parameter `{}` of {}", location(k.0), k.1, op_label(new));
        match (olds.get(&k), news.get(&k)) {
            (Some(o), Some(n)) => {
                // Path parameters are never `Option`s in the crate.
                let field = |p: &Parameter| Field {
                    name: p.name.clone(),
                    required: p.required || p.location == Location::Path,
                    required_note: p.required_note.clone(),
                    ty: as_built(p),
                    description: p.description.clone(),
                    constraints: p.constraints.clone(),
                };
                let site = Site {
                    subject: "request-parameter",
                    what: &what,
                    operation: id,
                    type_id: None,
                    used_by: Vec::new(),
                };
                diff_field(ctx, &site, &field(o), &field(n), out);
            }
            (Some(_), None) => out.push(
                "request-parameter-removed",
                id,
                None,
                format!("{what} removed"),
                Vec::new(),
            ),
            (None, Some(n)) => {
                let rule = if n.required {
                    "new-required-request-parameter"
                } else {
                    "new-optional-request-parameter"
                };
                let req = if n.required { "required" } else { "optional" };
                out.push(rule, id, None, format!("{req} {what} added"), Vec::new());
            }
            (None, None) => {}
        }
    }
}

/// A parameter's type as the generator builds it: a path parameter that is
/// not a number or boolean is a `String` whatever the docs call it.
fn as_built(p: &Parameter) -> TypeRef {
    match (&p.location, &p.ty) {
        (Location::Path, TypeRef::Integer { .. } | TypeRef::Number | TypeRef::Boolean) => {
            p.ty.clone()
        }
        (Location::Path, _) => TypeRef::String,
        _ => p.ty.clone(),
    }
}

fn describe(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "string".into(),
        TypeRef::Integer { bits } => format!("integer ({bits} bits)"),
        TypeRef::Number => "number".into(),
        TypeRef::Boolean => "boolean".into(),
        TypeRef::Any => "any JSON".into(),
        TypeRef::Array { items } => format!("array of {}", describe(items)),
        TypeRef::Map { values } => format!("map of {}", describe(values)),
        TypeRef::Ref { id } => format!("`{id}`"),
    }
}

fn diff_body(
    ctx: &Context,
    old: Option<&Body>,
    new: Option<&Body>,
    [added, removed, changed]: [&str; 3],
    what: &str,
    op: &str,
    out: &mut Collector,
) {
    match (old, new) {
        (None, Some(n)) => out.push(
            added,
            Some(op),
            None,
            format!("{what} added ({})", describe(&n.ty)),
            Vec::new(),
        ),
        (Some(o), None) => out.push(
            removed,
            Some(op),
            None,
            format!("{what} removed (was {})", describe(&o.ty)),
            Vec::new(),
        ),
        (Some(o), Some(n)) if ctx.renamed(&o.ty) != n.ty => out.push(
            changed,
            Some(op),
            None,
            format!("{what}: {} → {}", describe(&o.ty), describe(&n.ty)),
            Vec::new(),
        ),
        _ => {}
    }
}

fn diff_request_body(ctx: &Context, old: &Operation, new: &Operation, out: &mut Collector) {
    diff_body(
        ctx,
        old.request_body.as_ref(),
        new.request_body.as_ref(),
        [
            "request-body-added",
            "request-body-removed",
            "request-body-type-changed",
        ],
        &format!("request body of {}", op_label(new)),
        &new.id,
        out,
    );
}

fn is_success(status: &str) -> bool {
    status.starts_with('2') || status == "default"
}

fn diff_responses(ctx: &Context, old: &Operation, new: &Operation, out: &mut Collector) {
    let olds: BTreeMap<&str, &Response> = old
        .responses
        .iter()
        .map(|r| (r.status.as_str(), r))
        .collect();
    let news: BTreeMap<&str, &Response> = new
        .responses
        .iter()
        .map(|r| (r.status.as_str(), r))
        .collect();
    let statuses: BTreeSet<&str> = olds.keys().chain(news.keys()).copied().collect();
    let id = Some(new.id.as_str());
    for status in statuses {
        let kind = if is_success(status) {
            "success"
        } else {
            "non-success"
        };
        let what = format!("response status {status} of {}", op_label(new));
        match (olds.get(status), news.get(status)) {
            (Some(o), Some(n)) => {
                diff_body(
                    ctx,
                    o.body.as_ref(),
                    n.body.as_ref(),
                    [
                        "response-body-added",
                        "response-body-removed",
                        "response-body-type-changed",
                    ],
                    &format!("body of {what}"),
                    &new.id,
                    out,
                );
                diff_headers(o, n, &what, &new.id, out);
                if o.description != n.description {
                    out.push(
                        "documentation-changed",
                        id,
                        None,
                        format!("description of {what} changed"),
                        Vec::new(),
                    );
                }
            }
            (Some(_), None) => out.push(
                &format!("response-{kind}-status-removed"),
                id,
                None,
                format!("{what} removed"),
                Vec::new(),
            ),
            (None, Some(_)) => out.push(
                &format!("response-{kind}-status-added"),
                id,
                None,
                format!("{what} added"),
                Vec::new(),
            ),
            (None, None) => {}
        }
    }
}

fn diff_headers(old: &Response, new: &Response, what: &str, op: &str, out: &mut Collector) {
    let olds: BTreeSet<&str> = old.headers.iter().map(|h| h.name.as_str()).collect();
    let news: BTreeSet<&str> = new.headers.iter().map(|h| h.name.as_str()).collect();
    for h in olds.difference(&news) {
        out.push(
            "response-header-removed",
            Some(op),
            None,
            format!("header `{h}` of {what} removed"),
            Vec::new(),
        );
    }
    for h in news.difference(&olds) {
        out.push(
            "response-header-added",
            Some(op),
            None,
            format!("header `{h}` of {what} added"),
            Vec::new(),
        );
    }
}

// ------------------------------------------------------------------ types

fn diff_types(ctx: &Context, out: &mut Collector) {
    let new_of = |old_id: &String| {
        ctx.renames
            .get(old_id)
            .cloned()
            .or_else(|| ctx.new.types.contains_key(old_id).then(|| old_id.clone()))
    };
    let mut pairs: Vec<(&String, String)> = ctx
        .old
        .types
        .keys()
        .filter_map(|o| new_of(o).map(|n| (o, n)))
        .collect();
    pairs.sort_by(|a, b| a.1.cmp(&b.1));
    for (old_id, new_id) in &pairs {
        let (o, n) = (&ctx.old.types[*old_id], &ctx.new.types[new_id]);
        if *old_id != new_id {
            let (from, to) = (names::to_type_name(&o.name), names::to_type_name(&n.name));
            let (rule, rust) = if from == to {
                ("type-id-changed", format!("Rust name `{to}` unchanged"))
            } else {
                ("type-renamed", format!("Rust name `{from}` → `{to}`"))
            };
            out.push(
                rule,
                None,
                Some(new_id),
                format!("type `{old_id}` renamed to `{new_id}` with the same fields ({rust})"),
                Vec::new(),
            );
        }
        diff_type(ctx, old_id, new_id, o, n, out);
    }
    let paired_new: BTreeSet<&String> = pairs.iter().map(|(_, n)| n).collect();
    for (id, def) in &ctx.old.types {
        if new_of(id).is_none() {
            out.push(
                "type-removed",
                None,
                Some(id),
                format!("type `{id}` removed ({} fields)", def.fields.len()),
                Vec::new(),
            );
        }
    }
    for (id, def) in &ctx.new.types {
        if !paired_new.contains(id) {
            out.push(
                "type-added",
                None,
                Some(id),
                format!("type `{id}` added ({} fields)", def.fields.len()),
                Vec::new(),
            );
        }
    }
}

/// The sides a type is used on, with the operations per side; a type no
/// operation reaches counts as a request type (the stricter verdicts).
fn sides(ctx: &Context, old_id: &str, new_id: &str) -> Vec<(&'static str, Vec<String>)> {
    let ops = |a: &BTreeMap<String, BTreeSet<String>>, b: &BTreeMap<String, BTreeSet<String>>| {
        let mut set: BTreeSet<String> = BTreeSet::new();
        set.extend(a.get(old_id).into_iter().flatten().cloned());
        set.extend(b.get(new_id).into_iter().flatten().cloned());
        set.into_iter().collect::<Vec<_>>()
    };
    let req = ops(&ctx.old_usage.request, &ctx.new_usage.request);
    let resp = ops(&ctx.old_usage.response, &ctx.new_usage.response);
    let mut out = Vec::new();
    if !req.is_empty() || resp.is_empty() {
        out.push(("request", req));
    }
    if !resp.is_empty() {
        out.push(("response", resp));
    }
    out
}

fn diff_type(
    ctx: &Context,
    old_id: &str,
    new_id: &str,
    old: &TypeDef,
    new: &TypeDef,
    out: &mut Collector,
) {
    let olds: BTreeMap<&str, &Field> = old.fields.iter().map(|f| (f.name.as_str(), f)).collect();
    let news: BTreeMap<&str, &Field> = new.fields.iter().map(|f| (f.name.as_str(), f)).collect();
    let type_id = Some(new_id);
    if old.description != new.description {
        out.push(
            "documentation-changed",
            None,
            type_id,
            format!("description of type `{new_id}` changed"),
            Vec::new(),
        );
    }
    for (side, used_by) in sides(ctx, old_id, new_id) {
        // Fields in the new order, then removed ones in the old order.
        let mut names: Vec<&str> = new.fields.iter().map(|f| f.name.as_str()).collect();
        names.extend(
            old.fields
                .iter()
                .map(|f| f.name.as_str())
                .filter(|n| !news.contains_key(n)),
        );
        for name in names {
            let what = format!("field `{name}` of `{new_id}`");
            match (olds.get(name), news.get(name)) {
                (Some(o), Some(n)) => {
                    let site = Site {
                        subject: if side == "request" {
                            "request-property"
                        } else {
                            "response-property"
                        },
                        what: &what,
                        operation: None,
                        type_id,
                        used_by: used_by.clone(),
                    };
                    diff_field(ctx, &site, o, n, out);
                }
                (Some(_), None) => out.push(
                    &format!("{side}-property-removed"),
                    None,
                    type_id,
                    format!("{what} removed"),
                    used_by.clone(),
                ),
                (None, Some(n)) => {
                    let rule = match (side, n.required) {
                        ("request", true) => "new-required-request-property",
                        ("request", false) => "new-optional-request-property",
                        _ => "response-property-added",
                    };
                    let req = if n.required { "required" } else { "optional" };
                    out.push(
                        rule,
                        None,
                        type_id,
                        format!("{req} {what} added ({})", describe(&n.ty)),
                        used_by.clone(),
                    );
                }
                (None, None) => {}
            }
        }
    }
}

// ----------------------------------------------------------------- fields

/// Where a field-level change is, and the rule prefix of its side.
struct Site<'a> {
    subject: &'static str,
    what: &'a str,
    operation: Option<&'a str>,
    type_id: Option<&'a str>,
    used_by: Vec<String>,
}

impl Site<'_> {
    fn push(&self, suffix: &str, detail: String, out: &mut Collector) {
        out.push(
            &format!("{}-{suffix}", self.subject),
            self.operation,
            self.type_id,
            format!("{}: {detail}", self.what),
            self.used_by.clone(),
        );
    }
}

fn diff_field(ctx: &Context, site: &Site, old: &Field, new: &Field, out: &mut Collector) {
    match (old.required, new.required) {
        (false, true) => site.push("became-required", "now required".into(), out),
        (true, false) => site.push("became-optional", "now optional".into(), out),
        _ => {}
    }
    let old_ty = ctx.renamed(&old.ty);
    if old_ty != new.ty {
        site.push(
            "type-changed",
            format!("{} → {}", describe(&old.ty), describe(&new.ty)),
            out,
        );
    }
    diff_constraints(site, &old.constraints, &new.constraints, out);
    let mut docs = Vec::new();
    if old.description != new.description {
        docs.push("description");
    }
    if old.required_note != new.required_note {
        docs.push("requirement note");
    }
    if old.constraints.enum_descriptions != new.constraints.enum_descriptions {
        docs.push("value descriptions");
    }
    if !docs.is_empty() {
        out.push(
            "documentation-changed",
            site.operation,
            site.type_id,
            format!("{}: {} changed", site.what, docs.join(", ")),
            Vec::new(),
        );
    }
}

fn show(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

fn diff_constraints(site: &Site, old: &Constraints, new: &Constraints, out: &mut Collector) {
    diff_enum(site, &old.values, &new.values, out);
    let n = |v: Option<u64>| v.map(i128::from);
    let i = |v: Option<i64>| v.map(i128::from);
    let bounds = [
        (
            "max-length",
            "max length",
            n(old.max_length),
            n(new.max_length),
        ),
        (
            "min-length",
            "min length",
            n(old.min_length),
            n(new.min_length),
        ),
        ("max", "maximum", i(old.maximum), i(new.maximum)),
        ("min", "minimum", i(old.minimum), i(new.minimum)),
        ("max-items", "max items", n(old.max_items), n(new.max_items)),
        ("min-items", "min items", n(old.min_items), n(new.min_items)),
    ];
    for (rule, name, o, n) in bounds {
        let suffix = match (o, n) {
            (None, Some(_)) => "set",
            (Some(_), None) => "unset",
            (Some(a), Some(b)) if b < a => "decreased",
            (Some(a), Some(b)) if b > a => "increased",
            _ => continue,
        };
        let show = |v: Option<i128>| v.map_or("none".to_string(), |v| v.to_string());
        site.push(
            &format!("{rule}-{suffix}"),
            format!("{name} {} → {}", show(o), show(n)),
            out,
        );
    }
    match (&old.pattern, &new.pattern) {
        (None, Some(p)) => site.push("pattern-added", format!("pattern `{p}` added"), out),
        (Some(p), None) => site.push("pattern-removed", format!("pattern `{p}` removed"), out),
        (Some(a), Some(b)) if a != b => {
            site.push("pattern-changed", format!("pattern `{a}` → `{b}`"), out)
        }
        _ => {}
    }
    match (&old.default, &new.default) {
        (None, Some(d)) => site.push("default-value-added", format!("default {}", show(d)), out),
        (Some(d), None) => site.push(
            "default-value-removed",
            format!("default {} removed", show(d)),
            out,
        ),
        (Some(a), Some(b)) if a != b => site.push(
            "default-value-changed",
            format!("default {} → {}", show(a), show(b)),
            out,
        ),
        _ => {}
    }
}

fn diff_enum(
    site: &Site,
    old: &[serde_json::Value],
    new: &[serde_json::Value],
    out: &mut Collector,
) {
    let list = |v: &[serde_json::Value]| v.iter().map(show).collect::<Vec<_>>().join(", ");
    match (old.is_empty(), new.is_empty()) {
        (true, true) => {}
        (true, false) => site.push(
            "enum-added",
            format!("values {} documented", list(new)),
            out,
        ),
        (false, true) => site.push(
            "enum-removed",
            format!("values {} no longer documented", list(old)),
            out,
        ),
        (false, false) => {
            for v in new.iter().filter(|v| !old.contains(v)) {
                site.push("enum-value-added", format!("value {} added", show(v)), out);
            }
            for v in old.iter().filter(|v| !new.contains(v)) {
                site.push(
                    "enum-value-removed",
                    format!("value {} removed", show(v)),
                    out,
                );
            }
        }
    }
}

fn diff_unsupported(old: &ServiceSpec, new: &ServiceSpec, out: &mut Collector) {
    let files = |s: &ServiceSpec| -> BTreeSet<String> {
        s.unsupported.iter().map(|u| u.file.clone()).collect()
    };
    let (o, n) = (files(old), files(new));
    for f in o.difference(&n) {
        out.push(
            "unsupported-page-changed",
            None,
            None,
            format!("unmodelled page `{f}` no longer listed"),
            Vec::new(),
        );
    }
    for f in n.difference(&o) {
        out.push(
            "unsupported-page-changed",
            None,
            None,
            format!("unmodelled page `{f}` listed"),
            Vec::new(),
        );
    }
}
