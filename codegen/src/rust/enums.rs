//! Enums for documented value sets.
//!
//! A field becomes an enum when it is a string or integer field whose
//! constraints list documented values: one is enough (DRS `node_type`:
//! `high`; other values arrive as `Unknown`), except a lone `null`, which is
//! JSON's null rather than a string; numbers and arrays stay plain. Identical value sets
//! of a service (same kind, same values in any order) share one enum.
//!
//! Names, in this order: the field's PascalCase name (`db_use_type` →
//! `DbUseType`) when every field of the set has that name, no other set
//! claims it and no struct, alias or operation type has it; otherwise the
//! first user's struct name plus the field name (`CreateJobReqStatus`, the
//! typify convention), with a counter for any remaining tie.
//!
//! Variants: the value's PascalCase words (`cloudDataGuard-mysql` →
//! `CloudDataGuardMysql`, `0` → `X0`, `-1` → `Minus1`, `` → `Empty`, a value
//! without ASCII letters or digits → `Value`, `Self` → `Self_`); a repeat
//! (values differing only in case or punctuation) gets a counter; `Unknown`
//! is kept for the catch-all variant that holds any value the docs do not
//! list, so a documented `unknown` is `Unknown2`.

use super::docs;
use super::names;
use super::types::ident;
use crate::spec::{Field, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The documented values of one enum.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Values {
    Str(Vec<String>),
    Int(Vec<i64>),
}

impl Values {
    /// The values of `field` when it qualifies as an enum.
    pub fn of(field: &Field) -> Option<Values> {
        let raw = &field.constraints.values;
        let values = match field.ty {
            TypeRef::String => {
                Values::Str(distinct(raw.iter().map(|v| v.as_str().map(str::to_owned)))?)
            }
            TypeRef::Integer { .. } => Values::Int(distinct(raw.iter().map(|v| v.as_i64()))?),
            _ => return None,
        };
        // One documented value is an enum too (`node_type`: `high`), but
        // `null` written as a value is JSON's null, not a string.
        let null_only = matches!(&values, Values::Str(v) if v.len() == 1 && v[0] == "null");
        (values.len() > 0 && !null_only).then_some(values)
    }

    fn len(&self) -> usize {
        match self {
            Values::Str(v) => v.len(),
            Values::Int(v) => v.len(),
        }
    }

    /// The values as written in the docs (the keys of `enum_descriptions`).
    pub fn texts(&self) -> Vec<String> {
        match self {
            Values::Str(v) => v.clone(),
            Values::Int(v) => v.iter().map(i64::to_string).collect(),
        }
    }

    /// The order-independent identity of the set.
    fn key(&self) -> Values {
        let mut key = self.clone();
        match &mut key {
            Values::Str(v) => v.sort(),
            Values::Int(v) => v.sort(),
        }
        key
    }
}

/// Every item converted, duplicates dropped (first kept); `None` if any fails.
fn distinct<T: Ord + Clone>(items: impl Iterator<Item = Option<T>>) -> Option<Vec<T>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for item in items {
        let item = item?;
        if seen.insert(item.clone()) {
            out.push(item);
        }
    }
    Some(out)
}

/// One field that uses an enum.
pub struct Use<'a> {
    /// The Rust name of the struct holding the field.
    pub struct_name: &'a str,
    pub field: &'a Field,
}

/// One generated enum.
pub struct EnumDef {
    pub name: String,
    pub values: Values,
    /// Variant name per value, parallel to `values`.
    pub variants: Vec<String>,
    /// Meaning text per value (as written), from the first field documenting it.
    descriptions: BTreeMap<String, String>,
    /// `Struct.field` of every user, in order.
    users: Vec<String>,
}

impl EnumDef {
    /// The variant of a documented value given as written (`"0"` for integers).
    pub fn variant_of(&self, text: &str) -> Option<&str> {
        let index = self.values.texts().iter().position(|t| t == text)?;
        Some(&self.variants[index])
    }

    pub fn is_int(&self) -> bool {
        matches!(self.values, Values::Int(_))
    }
}

/// The enums of a service and the fields using them.
#[derive(Default)]
pub struct EnumSpace {
    enums: Vec<EnumDef>,
    /// `Struct.field` (Rust struct name, wire field name) → index into `enums`.
    by_field: BTreeMap<(String, String), usize>,
}

impl EnumSpace {
    /// Builds the enums for `uses` (in struct-name order); `taken` holds every
    /// type name already in the module.
    pub fn new(uses: Vec<Use<'_>>, taken: &BTreeSet<String>) -> EnumSpace {
        let mut groups: BTreeMap<Values, Vec<(Values, &Use<'_>)>> = BTreeMap::new();
        let mut order: Vec<Values> = Vec::new();
        for u in &uses {
            let Some(values) = Values::of(u.field) else {
                continue;
            };
            let key = values.key();
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups.entry(key).or_default().push((values, u));
        }
        let candidates: Vec<Option<String>> = order
            .iter()
            .map(|key| shared_field_name(&groups[key]))
            .collect();
        let mut claims: BTreeMap<&str, usize> = BTreeMap::new();
        for name in candidates.iter().flatten() {
            *claims.entry(name).or_default() += 1;
        }
        let mut taken = taken.clone();
        let mut names: Vec<Option<String>> = candidates
            .iter()
            .map(|c| {
                c.as_ref()
                    .filter(|n| {
                        claims[n.as_str()] == 1
                            && !taken.contains(*n)
                            && !PRELUDE.contains(&n.as_str())
                    })
                    .cloned()
            })
            .collect();
        for name in names.iter().flatten() {
            taken.insert(name.clone());
        }
        let mut space = EnumSpace::default();
        for (index, key) in order.iter().enumerate() {
            let group = &groups[key];
            let name = match names[index].take() {
                Some(name) => name,
                None => {
                    let first = group[0].1;
                    let joined = names::join_type_names(
                        first.struct_name,
                        &names::to_type_name(&first.field.name),
                    );
                    names::unique(joined, "", &mut taken)
                }
            };
            let values = group[0].0.clone();
            let mut descriptions = BTreeMap::new();
            let mut users = Vec::new();
            for (_, u) in group {
                for (value, text) in &u.field.constraints.enum_descriptions {
                    if !text.trim().is_empty() {
                        descriptions
                            .entry(value.clone())
                            .or_insert_with(|| text.clone());
                    }
                }
                users.push(format!("{}.{}", u.struct_name, u.field.name));
                space.by_field.insert(
                    (u.struct_name.to_owned(), u.field.name.clone()),
                    space.enums.len(),
                );
            }
            let variants = variant_names(&values);
            space.enums.push(EnumDef {
                name,
                values,
                variants,
                descriptions,
                users,
            });
        }
        space
    }

    /// The enum of field `wire` of struct `struct_name`, if it has one.
    pub fn of_field(&self, struct_name: &str, wire: &str) -> Option<&EnumDef> {
        let index = self
            .by_field
            .get(&(struct_name.to_owned(), wire.to_owned()))?;
        Some(&self.enums[*index])
    }

    pub fn len(&self) -> usize {
        self.enums.len()
    }

    /// Every enum as `(Rust name, item tokens)`.
    pub fn emit(&self) -> Vec<(&str, TokenStream)> {
        self.enums
            .iter()
            .map(|e| (e.name.as_str(), emit_enum(e)))
            .collect()
    }
}

/// Names an enum must not take: they would shadow the prelude in user code
/// that glob-imports a module.
const PRELUDE: &[&str] = &[
    "Box", "Clone", "Copy", "Default", "Err", "Error", "Eq", "From", "Into", "Iterator", "None",
    "Ok", "Option", "Ord", "Result", "Send", "Some", "String", "Sync", "ToString", "Vec",
];

/// The PascalCase field name when every use has the same one.
fn shared_field_name(group: &[(Values, &Use<'_>)]) -> Option<String> {
    let mut names = group
        .iter()
        .map(|(_, u)| names::to_type_name(&u.field.name));
    let first = names.next()?;
    names.all(|n| n == first).then_some(first)
}

/// Variant names for the values, unique, `Unknown` reserved.
pub fn variant_names(values: &Values) -> Vec<String> {
    let mut taken = BTreeSet::from(["Unknown".to_owned()]);
    let candidates: Vec<String> = match values {
        Values::Str(v) => v.iter().map(|s| string_variant(s)).collect(),
        Values::Int(v) => v
            .iter()
            .map(|n| {
                if *n < 0 {
                    format!("Minus{}", n.unsigned_abs())
                } else {
                    format!("X{n}")
                }
            })
            .collect(),
    };
    candidates
        .into_iter()
        .map(|c| names::unique(c, "", &mut taken))
        .collect()
}

fn string_variant(value: &str) -> String {
    if value.is_empty() {
        return "Empty".to_owned();
    }
    if !value.chars().any(|c| c.is_ascii_alphanumeric()) {
        return "Value".to_owned();
    }
    names::to_value_variant_name(value)
}

/// A value as an inline code span (the empty string shows as `""`).
pub fn code(text: &str) -> String {
    if text.is_empty() {
        return "`\"\"`".to_owned();
    }
    super::docs::code(text)
}

fn emit_enum(e: &EnumDef) -> TokenStream {
    let name = ident(&e.name);
    let doc = docs::lines_to_attrs(&enum_doc(e));
    let variants: Vec<TokenStream> = e
        .values
        .texts()
        .iter()
        .zip(&e.variants)
        .map(|(text, variant)| {
            let lines = docs::paragraphs(vec![
                vec![code(text)],
                e.descriptions
                    .get(text)
                    .map(|d| docs::render_lines(d))
                    .unwrap_or_default(),
            ]);
            let (doc, variant) = (docs::lines_to_attrs(&lines), ident(variant));
            quote!(#doc #variant,)
        })
        .collect();
    let idents: Vec<_> = e.variants.iter().map(|v| ident(v)).collect();
    match &e.values {
        Values::Str(values) => emit_string_enum(&name, &doc, &variants, &idents, values),
        Values::Int(values) => emit_int_enum(&name, &doc, &variants, &idents, values),
    }
}

fn enum_doc(e: &EnumDef) -> Vec<String> {
    const SHOWN: usize = 4;
    let mut users: Vec<String> = e.users.iter().take(SHOWN).map(|u| code(u)).collect();
    if e.users.len() > SHOWN {
        users.push(format!("and {} more", e.users.len() - SHOWN));
    }
    vec![
        format!("Documented values of {}.", users.join(", ")),
        String::new(),
        "A value the docs do not list reads as `Unknown` and is sent back unchanged; \
         `validate()` reports it in a request."
            .to_owned(),
    ]
}

fn emit_string_enum(
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    variants: &[TokenStream],
    idents: &[proc_macro2::Ident],
    values: &[String],
) -> TokenStream {
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(from = "::std::string::String", into = "::std::string::String")]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the docs do not list, kept as received.
            Unknown(::std::string::String),
        }

        impl #name {
            /// The documented values, in the docs' order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::Unknown(value) => value,
                }
            }

            /// Whether the value is one the docs do not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    _ => Self::Unknown(value.to_owned()),
                }
            }
        }

        crate::validation::string_enum!(#name);
    }
}

fn emit_int_enum(
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    variants: &[TokenStream],
    idents: &[proc_macro2::Ident],
    values: &[i64],
) -> TokenStream {
    let values: Vec<Literal> = values.iter().map(|v| Literal::i64_unsuffixed(*v)).collect();
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(from = "i64", into = "i64")]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the docs do not list, kept as received.
            Unknown(i64),
        }

        impl #name {
            /// The documented values, in the docs' order.
            pub const VALUES: &'static [i64] = &[#(#values),*];

            /// The wire value.
            pub fn value(self) -> i64 {
                match self {
                    #(Self::#idents => #values,)*
                    Self::Unknown(value) => value,
                }
            }

            /// Whether the value is one the docs do not list.
            pub fn is_unknown(self) -> bool {
                matches!(self, Self::Unknown(_))
            }
        }

        impl ::std::convert::From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        crate::validation::int_enum!(#name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        variant_names(&Values::Str(values.iter().map(|s| s.to_string()).collect()))
    }

    #[test]
    fn variant_names_are_valid_and_unique() {
        assert_eq!(
            strings(&[
                "cloudDataGuard-mysql",
                "0",
                "ABC",
                "abc",
                "",
                "type",
                "Self",
                "Unknown",
                "unknown",
                "是",
                "a-b",
                "a_b"
            ]),
            [
                "CloudDataGuardMysql",
                "X0",
                "Abc",
                "Abc2",
                "Empty",
                "Type",
                "Self_",
                "Unknown2",
                "Unknown3",
                "Value",
                "AB",
                "AB2"
            ]
        );
        assert_eq!(
            variant_names(&Values::Int(vec![0, 1, -1, 10])),
            ["X0", "X1", "Minus1", "X10"]
        );
        for name in strings(&[
            "x", "Self", "self", "crate", "super", "_", "1.5", "%", "gen",
        ]) {
            assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{name}");
        }
    }
}
