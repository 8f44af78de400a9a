//! Object types: reference checks, structural dedup, naming, cycle boxing and
//! struct emission.
//!
//! Passes run in this order, each over the whole service before anything is
//! emitted (typify/prost style):
//! 1. every `Ref` must name a type in the spec (else [`GenError`]);
//! 2. structurally identical types (same wire names, requiredness and types,
//!    with refs compared by their representative) collapse onto one
//!    representative: the smallest type id of the group;
//! 3. each representative gets a Rust name; names that collide (with each other
//!    or with the operations' request/response types) are derived from the
//!    type id instead, and any remaining tie gets a counter; other names of a
//!    collapsed group become `pub type` aliases when free (and refs to those
//!    types use the alias);
//! 4. a field is boxed when its type reaches back to the containing struct
//!    through non-`Vec`/non-map edges (the only cycles that make a struct
//!    infinitely sized).

use super::GenError;
use super::construct;
use super::docs;
use super::enums::{self, EnumDef, EnumSpace};
use super::names;
use super::validate;
use crate::spec::{Constraints, Field, ServiceSpec, TypeDef, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The resolved view of a service's types.
pub struct TypeSpace<'a> {
    spec: &'a ServiceSpec,
    /// Type id → the id of its group's representative.
    canonical: BTreeMap<&'a str, &'a str>,
    /// Representative id → Rust name.
    names: BTreeMap<&'a str, String>,
    /// Alias Rust name → the id of the merged type it names.
    aliases: BTreeMap<String, &'a str>,
    /// Merged type id → its alias, which refs to it use (so a field reads
    /// with the name its own page gives).
    alias_of: BTreeMap<&'a str, String>,
    /// (representative id, field index) pairs to box.
    boxed: BTreeSet<(&'a str, usize)>,
    /// Enums for documented value sets, by struct name and field.
    enums: EnumSpace,
    /// Representatives reachable from a request (they get setters).
    in_requests: BTreeSet<&'a str>,
}

/// One emitted field of a struct.
pub struct FieldInfo<'s> {
    pub field: &'s Field,
    /// Its Rust name.
    pub rust: String,
    /// Its Rust type without `Option` and `Box`.
    pub base: TokenStream,
    pub boxed: bool,
    pub enum_def: Option<&'s EnumDef>,
}

impl<'a> TypeSpace<'a> {
    /// Builds the type space; `reserved` holds names already taken by operations.
    pub fn new(spec: &'a ServiceSpec, reserved: &BTreeSet<String>) -> Result<Self, GenError> {
        check_refs(spec)?;
        let canonical = dedup(spec);
        let mut space = TypeSpace {
            spec,
            canonical,
            names: BTreeMap::new(),
            aliases: BTreeMap::new(),
            alias_of: BTreeMap::new(),
            boxed: BTreeSet::new(),
            enums: EnumSpace::default(),
            in_requests: BTreeSet::new(),
        };
        space.assign_names(reserved);
        space.boxed = find_boxed(spec, &space.canonical);
        space.enums = space.build_enums(reserved);
        space.in_requests = space.request_types();
        Ok(space)
    }

    /// Enums for the representatives' fields, named after every other type.
    fn build_enums(&self, reserved: &BTreeSet<String>) -> EnumSpace {
        let mut taken = reserved.clone();
        taken.extend(self.names.values().cloned());
        taken.extend(self.aliases.keys().cloned());
        let mut uses: Vec<enums::Use<'_>> = Vec::new();
        let by_name: BTreeMap<&str, &str> = self
            .names
            .iter()
            .map(|(id, name)| (name.as_str(), *id))
            .collect();
        for (struct_name, id) in by_name {
            let mut wires = BTreeSet::new();
            for field in &self.def(id).fields {
                if wires.insert(field.name.as_str()) {
                    uses.push(enums::Use { struct_name, field });
                }
            }
        }
        EnumSpace::new(uses, &taken)
    }

    /// Representatives reachable from a request body or parameter.
    fn request_types(&self) -> BTreeSet<&'a str> {
        let mut stack: Vec<&TypeRef> = Vec::new();
        for op in &self.spec.operations {
            stack.extend(op.request_body.iter().map(|b| &b.ty));
            stack.extend(op.parameters.iter().map(|p| &p.ty));
        }
        let mut seen = BTreeSet::new();
        while let Some(ty) = stack.pop() {
            match ty {
                TypeRef::Array { items: inner } | TypeRef::Map { values: inner } => {
                    stack.push(inner)
                }
                TypeRef::Ref { id } => {
                    if let Some(rep) = self.canonical.get(id.as_str())
                        && seen.insert(*rep)
                    {
                        stack.extend(self.def(rep).fields.iter().map(|f| &f.ty));
                    }
                }
                _ => {}
            }
        }
        seen
    }

    /// The enum a field of type `id` uses, if any (for example checks).
    pub fn enum_of(&self, id: &str, wire: &str) -> Option<&EnumDef> {
        let rep = self.canonical.get(id)?;
        self.enums.of_field(self.names.get(rep)?, wire)
    }

    /// Number of enums emitted.
    pub fn enum_count(&self) -> usize {
        self.enums.len()
    }

    fn def(&self, id: &str) -> &'a TypeDef {
        &self.spec.types[id]
    }

    /// Representatives in id order.
    fn representatives(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.canonical
            .iter()
            .filter(|(id, rep)| id == rep)
            .map(|(id, _)| *id)
    }

    fn assign_names(&mut self, reserved: &BTreeSet<String>) {
        let base: BTreeMap<&str, String> = self
            .representatives()
            .map(|id| (id, names::to_type_name(&self.def(id).name)))
            .collect();
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for name in base.values() {
            *uses.entry(name.as_str()).or_default() += 1;
        }
        let mut taken = reserved.clone();
        // Unambiguous names first, so that a derived name never steals one.
        for (id, name) in &base {
            if uses[name.as_str()] == 1 && !reserved.contains(name) {
                taken.insert(name.clone());
                self.names.insert(id, name.clone());
            }
        }
        for (id, name) in &base {
            if !self.names.contains_key(id) {
                let derived = derived_name(name, id);
                self.names
                    .insert(id, names::unique(derived, "", &mut taken));
            }
        }
        // A merged type keeps its own name as an alias, unless that name is
        // taken or contested (pointing a contested name at one of the
        // contenders would be arbitrary).
        for (id, rep) in self.canonical.clone() {
            let alias = names::to_type_name(&self.def(id).name);
            if id != rep && !taken.contains(&alias) && !uses.contains_key(alias.as_str()) {
                taken.insert(alias.clone());
                self.alias_of.insert(id, alias.clone());
                self.aliases.insert(alias, id);
            }
        }
    }

    /// The Rust name of the type `id`: its alias, else its representative's name.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        if let Some(alias) = self.alias_of.get(id) {
            return Some(alias);
        }
        let rep = self.canonical.get(id)?;
        self.names.get(rep).map(String::as_str)
    }

    /// Number of structs emitted.
    pub fn struct_count(&self) -> usize {
        self.names.len()
    }

    /// The Rust type for a spec type (refs must have been checked).
    pub fn rust_type(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::String => quote!(::std::string::String),
            TypeRef::Integer { bits } if *bits <= 32 => quote!(i32),
            TypeRef::Integer { .. } => quote!(i64),
            TypeRef::Number => quote!(f64),
            TypeRef::Boolean => quote!(bool),
            TypeRef::Any => quote!(::serde_json::Value),
            TypeRef::Array { items } => {
                let inner = self.rust_type(items);
                quote!(::std::vec::Vec<#inner>)
            }
            TypeRef::Map { values } => {
                let inner = self.rust_type(values);
                quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
            }
            TypeRef::Ref { id } => match self.name_of(id) {
                Some(name) => {
                    let name = ident(name);
                    quote!(#name)
                }
                // Unreachable after `check_refs`; a JSON value keeps the output compiling.
                None => quote!(::serde_json::Value),
            },
        }
    }

    /// All structs and aliases, ordered by Rust name.
    pub fn emit(&self) -> TokenStream {
        let mut items: BTreeMap<&str, TokenStream> = BTreeMap::new();
        for (id, name) in &self.names {
            items.insert(name, self.emit_struct(id, name));
        }
        for (alias, id) in &self.aliases {
            items.insert(alias, self.emit_alias(alias, id));
        }
        for (name, tokens) in self.enums.emit() {
            items.insert(name, tokens);
        }
        let items = items.values();
        quote!(#(#items)*)
    }

    fn emit_struct(&self, id: &'a str, name: &str) -> TokenStream {
        let def = self.def(id);
        let doc = docs::lines_to_attrs(&type_doc(def));
        let infos = self.field_infos(id, name);
        let fields = infos.iter().map(|info| self.emit_field(info, name));
        let debug = validate::emit_debug_impl(name, &infos);
        let mut derives = vec![quote!(Clone), quote!(PartialEq)];
        if debug.is_none() {
            derives.insert(0, quote!(Debug));
        }
        if infos.iter().all(|f| !f.field.required) {
            derives.push(quote!(Default));
        }
        let methods = construct::emit_impl(name, &infos, self.in_requests.contains(id));
        let validator = validate::emit_validate_impl(name, &infos);
        let ident_name = ident(name);
        quote! {
            #doc
            #[derive(#(#derives,)* ::serde::Serialize, ::serde::Deserialize)]
            #[non_exhaustive]
            pub struct #ident_name { #(#fields)* }
            #methods
            #validator
            #debug
        }
    }

    /// The struct's fields: a repeated wire name keeps its first field (serde's
    /// match arms would overlap).
    fn field_infos(&self, id: &'a str, struct_name: &str) -> Vec<FieldInfo<'_>> {
        let mut taken = BTreeSet::new();
        let mut wires = BTreeSet::new();
        let mut out = Vec::new();
        for (index, field) in self.def(id).fields.iter().enumerate() {
            if !wires.insert(field.name.as_str()) {
                continue;
            }
            let rust = names::unique(names::to_field_name(&field.name), "_", &mut taken);
            let enum_def = self.enums.of_field(struct_name, &field.name);
            let base = match enum_def {
                Some(e) => {
                    let name = ident(&e.name);
                    quote!(#name)
                }
                None => self.rust_type(&field.ty),
            };
            out.push(FieldInfo {
                field,
                rust,
                base,
                boxed: self.boxed.contains(&(id, index)),
                enum_def,
            });
        }
        out
    }

    fn emit_field(&self, info: &FieldInfo<'_>, struct_name: &str) -> TokenStream {
        let field = info.field;
        let mut ty = info.base.clone();
        if info.boxed {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        let mut serde_args = Vec::new();
        if info.rust != field.name {
            let wire = &field.name;
            serde_args.push(quote!(rename = #wire));
        }
        if !field.required {
            ty = quote!(::std::option::Option<#ty>);
            serde_args.push(quote!(
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            ));
        }
        let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
        let doc = docs::lines_to_attrs(&docs::paragraphs(vec![
            field_doc(&field.description, field.required_note.as_deref()),
            constraint_lines(info, struct_name),
        ]));
        let name = ident(&info.rust);
        quote! {
            #doc
            #serde_attr
            pub #name: #ty,
        }
    }

    fn emit_alias(&self, alias: &str, id: &str) -> TokenStream {
        let target = &self.names[self.canonical[id]];
        let lead = vec![format!(
            "The docs\\' {}: the same fields as [`{target}`].",
            docs::code(&self.def(id).name)
        )];
        let doc = docs::lines_to_attrs(&docs::paragraphs(vec![
            lead,
            docs::render_lines(&self.def(id).description),
            source_lines(self.def(id)),
        ]));
        let (alias, target) = (ident(alias), ident(target));
        quote! {
            #doc
            pub type #alias = #target;
        }
    }
}

/// An identifier from a name produced by [`names`] (always valid).
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A name for a type whose plain name collides: the PascalCase id when it
/// already contains the name, else name + PascalCase id.
fn derived_name(name: &str, id: &str) -> String {
    let id_name = names::to_type_name(id);
    if id_name.contains(name.trim_end_matches('_')) {
        id_name
    } else {
        names::join_type_names(name, &id_name)
    }
}

fn type_doc(def: &TypeDef) -> Vec<String> {
    docs::paragraphs(vec![
        docs::render_lines(&def.description),
        source_lines(def),
    ])
}

fn source_lines(def: &TypeDef) -> Vec<String> {
    let Some(first) = def.origins.first() else {
        return Vec::new();
    };
    let mut line = format!("Source: {}", docs::code(&first.file));
    if let Some(table) = &first.table {
        line.push_str(&format!(" ({})", docs::escape_inline(table)));
    }
    if def.origins.len() > 1 {
        line.push_str(&format!("; also {} other table(s)", def.origins.len() - 1));
    }
    line.push('.');
    vec![line]
}

/// A field's or parameter's doc lines: the description plus a conditional requirement.
pub fn field_doc(description: &str, required_note: Option<&str>) -> Vec<String> {
    let note = required_note.map(|n| vec![format!("Required: {}", docs::escape_inline(n.trim()))]);
    docs::paragraphs(vec![
        docs::render_lines(description),
        note.unwrap_or_default(),
    ])
}

/// The documented constraints of a field, for its rustdoc.
fn constraint_lines(info: &FieldInfo<'_>, struct_name: &str) -> Vec<String> {
    let c = &info.field.constraints;
    let mut parts = Vec::new();
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} characters")),
        (Some(min), None) => parts.push(format!("at least {min} characters")),
        (None, Some(max)) => parts.push(format!("at most {max} characters")),
        (None, None) => {}
    }
    match (c.minimum, c.maximum) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max}")),
        (Some(min), None) => parts.push(format!("at least {min}")),
        (None, Some(max)) => parts.push(format!("at most {max}")),
        (None, None) => {}
    }
    match (c.min_items, c.max_items) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} items")),
        (Some(min), None) => parts.push(format!("at least {min} items")),
        (None, Some(max)) => parts.push(format!("at most {max} items")),
        (None, None) => {}
    }
    if info.enum_def.is_none() && !c.values.is_empty() {
        let values: Vec<String> = c.values.iter().map(value_code).collect();
        parts.push(format!("one of {}", values.join(", ")));
    }
    if let Some(pattern) = &c.pattern {
        parts.push(format!("matches {}", enums::code(pattern)));
    }
    let mut lines = Vec::new();
    if !parts.is_empty() {
        lines.push(format!("Constraints: {}.", parts.join("; ")));
    }
    if let Some(default) = &c.default {
        let mut line = format!("Default: {}", value_code(default));
        if construct::default_const(info).is_some() {
            let name = construct::default_const_name(&info.rust);
            line.push_str(&format!(" ([`{struct_name}::{name}`])"));
        }
        line.push_str(if info.field.required {
            "."
        } else {
            "; not sent unless set."
        });
        lines.push(line);
    }
    lines
}

/// A documented value as inline code: strings as written, others as JSON.
fn value_code(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => enums::code(s),
        other => enums::code(&other.to_string()),
    }
}

/// The constraints two merged types must share: those that change the
/// generated field types, checks, constants (not meanings or sources, which
/// only change docs).
fn constraint_key(c: &Constraints) -> String {
    let key = (
        (c.minimum, c.maximum, c.min_length, c.max_length),
        (c.min_items, c.max_items, &c.pattern),
        (&c.values, &c.default),
    );
    serde_json::to_string(&key).unwrap_or_default()
}

/// Every `Ref` in the spec must resolve; the error names where it occurs.
fn check_refs(spec: &ServiceSpec) -> Result<(), GenError> {
    for (id, def) in &spec.types {
        for field in &def.fields {
            check_ref(spec, &field.ty, || {
                format!("type `{id}`, field `{}`", field.name)
            })?;
        }
    }
    for op in &spec.operations {
        let context = || format!("operation `{}`", op.id);
        for p in &op.parameters {
            check_ref(spec, &p.ty, context)?;
        }
        for body in op
            .request_body
            .iter()
            .chain(op.responses.iter().filter_map(|r| r.body.as_ref()))
        {
            check_ref(spec, &body.ty, context)?;
        }
    }
    Ok(())
}

fn check_ref(
    spec: &ServiceSpec,
    ty: &TypeRef,
    context: impl Fn() -> String,
) -> Result<(), GenError> {
    match ty {
        TypeRef::Array { items: inner } | TypeRef::Map { values: inner } => {
            check_ref(spec, inner, context)
        }
        TypeRef::Ref { id } if !spec.types.contains_key(id) => Err(GenError::new(
            format!("{}: {}", spec.service, context()),
            format!("reference to unknown type id `{id}`"),
        )),
        _ => Ok(()),
    }
}

/// Collapses structurally identical types, iterating to a fixpoint so that
/// types equal once their children are merged collapse too.
fn dedup(spec: &ServiceSpec) -> BTreeMap<&str, &str> {
    let mut canonical: BTreeMap<&str, &str> = spec
        .types
        .keys()
        .map(|k| (k.as_str(), k.as_str()))
        .collect();
    // Constraint keys are computed once; only refs change between rounds.
    let keys: BTreeMap<&str, Vec<String>> = spec
        .types
        .iter()
        .map(|(id, def)| {
            let keys = def.fields.iter().map(|f| constraint_key(&f.constraints));
            (id.as_str(), keys.collect())
        })
        .collect();
    loop {
        type Shape<'k> = Vec<(String, bool, TypeRef, &'k str)>;
        let mut by_shape: BTreeMap<Shape<'_>, &str> = BTreeMap::new();
        let mut next = BTreeMap::new();
        for (id, def) in &spec.types {
            let shape = def
                .fields
                .iter()
                .zip(&keys[id.as_str()])
                .map(|(f, key)| {
                    let ty = resolve(&f.ty, &canonical);
                    (f.name.clone(), f.required, ty, key.as_str())
                })
                .collect();
            // Ids iterate in order, so the first id of a shape is the smallest.
            let rep = *by_shape.entry(shape).or_insert(id.as_str());
            next.insert(id.as_str(), rep);
        }
        if next == canonical {
            return canonical;
        }
        canonical = next;
    }
}

/// `ty` with every ref replaced by its representative.
fn resolve(ty: &TypeRef, canonical: &BTreeMap<&str, &str>) -> TypeRef {
    match ty {
        TypeRef::Array { items } => TypeRef::Array {
            items: Box::new(resolve(items, canonical)),
        },
        TypeRef::Map { values } => TypeRef::Map {
            values: Box::new(resolve(values, canonical)),
        },
        TypeRef::Ref { id } => TypeRef::Ref {
            id: canonical
                .get(id.as_str())
                .map_or(id.as_str(), |r| r)
                .to_owned(),
        },
        other => other.clone(),
    }
}

/// Fields (representative id, index) whose type is a direct ref that reaches
/// back to the containing type through direct refs only.
fn find_boxed<'a>(
    spec: &'a ServiceSpec,
    canonical: &BTreeMap<&'a str, &'a str>,
) -> BTreeSet<(&'a str, usize)> {
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut direct: Vec<(&str, usize, &str)> = Vec::new();
    for (id, rep) in canonical {
        if id != rep {
            continue;
        }
        for (index, field) in spec.types[*id].fields.iter().enumerate() {
            if let TypeRef::Ref { id: target } = &field.ty {
                let target = canonical[target.as_str()];
                edges.entry(id).or_default().insert(target);
                direct.push((id, index, target));
            }
        }
    }
    direct
        .into_iter()
        .filter(|(from, _, to)| reaches(&edges, to, from))
        .map(|(from, index, _)| (from, index))
        .collect()
}

fn reaches(edges: &BTreeMap<&str, BTreeSet<&str>>, from: &str, goal: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(node) = stack.pop() {
        if node == goal {
            return true;
        }
        if seen.insert(node) {
            stack.extend(edges.get(node).into_iter().flatten().copied());
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Origin, TypeDef};

    fn field(name: &str, required: bool, ty: TypeRef) -> Field {
        let (name, required_note, description) = (name.to_owned(), None, String::new());
        Field {
            name,
            required,
            required_note,
            ty,
            description,
            constraints: Default::default(),
        }
    }

    fn reference(id: &str) -> TypeRef {
        TypeRef::Ref { id: id.to_owned() }
    }

    fn spec(types: &[(&str, &str, Vec<Field>)]) -> ServiceSpec {
        let origin = Origin {
            file: "page.rst".into(),
            table: None,
        };
        ServiceSpec {
            spec_version: 1,
            service: "svc".into(),
            cloud: "otc".into(),
            operations: Vec::new(),
            types: types
                .iter()
                .map(|(id, name, fields)| {
                    let def = TypeDef {
                        name: (*name).into(),
                        description: String::new(),
                        fields: fields.clone(),
                        origins: vec![origin.clone()],
                    };
                    ((*id).to_owned(), def)
                })
                .collect(),
            unsupported: Vec::new(),
            provenance: None,
        }
    }

    #[test]
    fn identical_parents_merge_once_their_children_do() {
        let s = spec(&[
            (
                "a.Parent",
                "Parent",
                vec![field("child", true, reference("a.Child"))],
            ),
            ("a.Child", "Child", vec![field("x", false, TypeRef::String)]),
            (
                "b.Parent",
                "Parent",
                vec![field("child", true, reference("b.Child"))],
            ),
            ("b.Child", "Child", vec![field("x", false, TypeRef::String)]),
            ("c.Child", "Child", vec![field("x", true, TypeRef::String)]),
        ]);
        let space = TypeSpace::new(&s, &BTreeSet::new()).unwrap();
        assert_eq!(space.name_of("a.Parent"), Some("Parent"));
        assert_eq!(space.name_of("b.Parent"), Some("Parent"));
        // `Child` is contested by two different shapes: both get id-derived names.
        assert_eq!(space.name_of("b.Child"), Some("AChild"));
        assert_eq!(space.name_of("c.Child"), Some("CChild"));
        assert_eq!(space.struct_count(), 3);
    }

    #[test]
    fn only_direct_cycle_edges_are_boxed() {
        let s = spec(&[
            (
                "Node",
                "Node",
                vec![
                    field("parent", false, reference("Node")),
                    field(
                        "children",
                        false,
                        TypeRef::Array {
                            items: Box::new(reference("Node")),
                        },
                    ),
                    field("leaf", false, reference("Leaf")),
                ],
            ),
            (
                "Leaf",
                "Leaf",
                vec![field("x", false, TypeRef::Integer { bits: 64 })],
            ),
        ]);
        let space = TypeSpace::new(&s, &BTreeSet::new()).unwrap();
        assert_eq!(space.boxed, BTreeSet::from([("Node", 0)]));
    }

    #[test]
    fn reserved_names_push_types_aside() {
        let s = spec(&[("v5.ShowResponse", "ShowResponse", vec![])]);
        let reserved = BTreeSet::from(["ShowResponse".to_owned()]);
        let space = TypeSpace::new(&s, &reserved).unwrap();
        assert_eq!(space.name_of("v5.ShowResponse"), Some("V5ShowResponse"));
    }

    #[test]
    fn unknown_ref_names_the_type_and_field() {
        let s = spec(&[("T", "T", vec![field("f", true, reference("Missing"))])]);
        let err = TypeSpace::new(&s, &BTreeSet::new())
            .err()
            .unwrap()
            .to_string();
        assert_eq!(
            err,
            "svc: type `T`, field `f`: reference to unknown type id `Missing`"
        );
    }
}
