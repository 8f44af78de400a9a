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
use super::docs;
use super::names;
use crate::spec::{Field, ServiceSpec, TypeDef, TypeRef};
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
        };
        space.assign_names(reserved);
        space.boxed = find_boxed(spec, &space.canonical);
        Ok(space)
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
        let items = items.values();
        quote!(#(#items)*)
    }

    fn emit_struct(&self, id: &'a str, name: &str) -> TokenStream {
        let def = self.def(id);
        let doc = docs::lines_to_attrs(&type_doc(def));
        let fields = self.emit_fields(id, &def.fields);
        let name = ident(name);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name { #fields }
        }
    }

    fn emit_fields(&self, id: &'a str, fields: &[Field]) -> TokenStream {
        let mut taken = BTreeSet::new();
        let mut wires = BTreeSet::new();
        let mut out = TokenStream::new();
        for (index, field) in fields.iter().enumerate() {
            // A repeated wire name would make serde's match arms overlap; the first wins.
            if !wires.insert(field.name.as_str()) {
                continue;
            }
            let rust = names::unique(names::to_field_name(&field.name), "_", &mut taken);
            out.extend(self.emit_field(field, &rust, self.boxed.contains(&(id, index))));
        }
        out
    }

    fn emit_field(&self, field: &Field, rust: &str, boxed: bool) -> TokenStream {
        let mut ty = self.rust_type(&field.ty);
        if boxed {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        let mut serde_args = Vec::new();
        if rust != field.name {
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
        let doc = docs::lines_to_attrs(&field_doc(
            &field.description,
            field.required_note.as_deref(),
        ));
        let name = ident(rust);
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
    loop {
        let mut by_shape: BTreeMap<Vec<(String, bool, TypeRef)>, &str> = BTreeMap::new();
        let mut next = BTreeMap::new();
        for (id, def) in &spec.types {
            let shape = def
                .fields
                .iter()
                .map(|f| (f.name.clone(), f.required, resolve(&f.ty, &canonical)))
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
