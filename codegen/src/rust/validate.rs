//! Validators and secret redaction for object types.
//!
//! The generated crate's `validation` module (the `Validate` trait, `Path`,
//! `ValidationErrors`) is the fixed text in `templates/validation.rs`; this
//! module emits each struct's `Validate` impl from its fields' constraints,
//! and a `Debug` impl that hides secret fields when a struct has one.

use super::enums::EnumDef;
use super::names;
use super::types::{FieldInfo, ident};
use crate::extract::char_sets::{CharSet, Class};
use crate::spec::{Constraints, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens as _, quote};

/// The `validation` module of the generated crate (without the header line).
pub const MODULE: &str = include_str!("templates/validation.rs");

/// Words of a field name that mark its value as secret (`password`,
/// `db_password`, `adminPass`, `sk`, `auth_token`, `secret_key`).
const SECRET_WORDS: &[&str] = &[
    "credential",
    "credentials",
    "pass",
    "passphrase",
    "passwd",
    "password",
    "passwords",
    "pwd",
    "secret",
    "secrets",
    "sk",
    "token",
    "tokens",
];

/// Whether a field's value must never be shown (Debug, violations).
pub fn is_secret(wire: &str) -> bool {
    let snake = names::to_field_name(wire);
    let words: Vec<&str> = snake.trim_end_matches('_').split('_').collect();
    words.iter().any(|w| SECRET_WORDS.contains(w))
        || words.windows(2).any(|w| w == ["private", "key"])
}

/// The checks of one field's own value (not of what it contains).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Length,
    Range,
    Items,
}

/// Which of its constraints a field's generated code checks: lengths on
/// strings, ranges on numbers, item counts on arrays; enum fields only check
/// that the value is listed (their type does that).
pub fn checks(ty: &TypeRef, c: &Constraints, is_enum: bool) -> Option<Check> {
    if is_enum {
        return None;
    }
    match ty {
        TypeRef::String if c.has_length() => Some(Check::Length),
        TypeRef::Integer { .. } | TypeRef::Number if c.has_range() => Some(Check::Range),
        TypeRef::Array { .. } if c.min_items.is_some() || c.max_items.is_some() => {
            Some(Check::Items)
        }
        _ => None,
    }
}

/// The documented character set a (non-enum) string field's value is checked
/// against: a `pattern` in the canonical form the extraction writes (any other
/// regex is documented, not checked).
pub fn char_set(ty: &TypeRef, c: &Constraints, is_enum: bool) -> Option<CharSet> {
    match (ty, &c.pattern) {
        (TypeRef::String, Some(p)) if !is_enum => CharSet::parse(p),
        _ => None,
    }
}

fn chars_tokens(class: Option<&Class>) -> TokenStream {
    match class {
        Some(class) => {
            let flags =
                u8::from(class.upper) | u8::from(class.lower) << 1 | u8::from(class.digits) << 2;
            let flags = Literal::u8_unsuffixed(flags);
            let extra = &class.extra;
            quote!(Some(crate::validation::Chars(#flags, #extra)))
        }
        None => quote!(None),
    }
}

/// Whether values of `ty` may hold something to check (an object or an enum).
fn may_hold_checks(ty: &TypeRef, enum_def: Option<&EnumDef>) -> bool {
    enum_def.is_some()
        || match ty {
            TypeRef::Ref { .. } => true,
            TypeRef::Array { items: inner } | TypeRef::Map { values: inner } => {
                may_hold_checks(inner, None)
            }
            _ => false,
        }
}

fn bound_u64(v: Option<u64>, none: TokenStream) -> TokenStream {
    match v {
        Some(v) => Literal::u64_unsuffixed(v).into_token_stream(),
        None => none,
    }
}

fn bound_i64(v: Option<i64>, none: TokenStream) -> TokenStream {
    match v {
        Some(v) => Literal::i64_unsuffixed(v).into_token_stream(),
        None => none,
    }
}

/// The statement checking a string field's characters at path `at`.
fn pattern_check(info: &FieldInfo<'_>, at: &TokenStream) -> Option<TokenStream> {
    let c = &info.field.constraints;
    let set = char_set(&info.field.ty, c, info.enum_def.is_some())?;
    let field = ident(&info.rust);
    let value = if info.field.required {
        quote!(self.#field.as_str())
    } else {
        quote!(self.#field.as_deref())
    };
    let pattern = c.pattern.as_deref().unwrap_or_default();
    let (first, rest) = (
        chars_tokens(set.first.as_ref()),
        chars_tokens(set.rest.as_ref()),
    );
    let secret = is_secret(&info.field.name);
    Some(quote!(errors.chars(#at, #value, #pattern, #first, #rest, #secret);))
}

/// The statement checking one field's own value at path `at`.
fn own_check(info: &FieldInfo<'_>, at: &TokenStream) -> Option<TokenStream> {
    let c = &info.field.constraints;
    let secret = is_secret(&info.field.name);
    let field = ident(&info.rust);
    let required = info.field.required;
    let (min_u, max_u) = (quote!(0), quote!(u64::MAX));
    Some(match checks(&info.field.ty, c, info.enum_def.is_some())? {
        Check::Length => {
            let (min, max) = (
                bound_u64(c.min_length, min_u),
                bound_u64(c.max_length, max_u),
            );
            let value = if required {
                quote!(self.#field.as_str())
            } else {
                quote!(self.#field.as_deref())
            };
            quote!(errors.length(#at, #value, #min, #max, #secret);)
        }
        Check::Range => {
            let (min, max) = (
                bound_i64(c.minimum, quote!(i64::MIN)),
                bound_i64(c.maximum, quote!(i64::MAX)),
            );
            let value = match (&info.field.ty, required) {
                (TypeRef::Integer { bits }, true) if *bits <= 32 => quote!(f64::from(self.#field)),
                (TypeRef::Integer { bits }, false) if *bits <= 32 => {
                    quote!(self.#field.map(f64::from))
                }
                (TypeRef::Integer { .. }, true) => quote!(self.#field as f64),
                (TypeRef::Integer { .. }, false) => quote!(self.#field.map(|v| v as f64)),
                _ => quote!(self.#field),
            };
            quote!(errors.range(#at, #value, #min, #max, #secret);)
        }
        Check::Items => {
            let (min, max) = (bound_u64(c.min_items, min_u), bound_u64(c.max_items, max_u));
            let value = if required {
                quote!(self.#field.len())
            } else {
                quote!(self.#field.as_ref().map(::std::vec::Vec::len))
            };
            quote!(errors.items(#at, #value, #min, #max);)
        }
    })
}

/// `impl Validate for <name>` (with `validate()`), or the one-line form when
/// nothing is checked.
pub fn emit_validate_impl(name: &str, fields: &[FieldInfo<'_>]) -> TokenStream {
    let mut body = Vec::new();
    for info in fields {
        let (field, wire) = (ident(&info.rust), &info.field.name);
        let at = quote!(&at.field(#wire));
        body.extend(own_check(info, &at));
        body.extend(pattern_check(info, &at));
        if may_hold_checks(&info.field.ty, info.enum_def) {
            body.push(quote!(errors.check(#at, &self.#field);));
        }
    }
    let name = ident(name);
    if body.is_empty() {
        return quote!(crate::validation::checks_nothing!(#name););
    }
    quote! {
        crate::validation::validate_fn!(#name);
        impl crate::validation::Validate for #name {
            fn validate_at(&self, at: &crate::validation::Path<'_>, errors: &mut crate::validation::ValidationErrors) {
                #(#body)*
            }
        }
    }
}

/// A `Debug` impl that shows secret fields as `<redacted>`, when the struct has any.
pub fn emit_debug_impl(name: &str, fields: &[FieldInfo<'_>]) -> Option<TokenStream> {
    if !fields.iter().any(|f| is_secret(&f.field.name)) {
        return None;
    }
    let entries = fields.iter().map(|info| {
        let (field, label) = (ident(&info.rust), &info.rust);
        let shown = match (is_secret(&info.field.name), info.field.required) {
            (false, _) => quote!(&self.#field),
            (true, true) => quote!(&crate::validation::Redacted),
            (true, false) => quote!(&self.#field.as_ref().map(|_| crate::validation::Redacted)),
        };
        quote!(.field(#label, #shown))
    });
    let (name_lit, name) = (name, ident(name));
    Some(quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name_lit) #(#entries)* .finish()
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for name in [
            "password",
            "db_password",
            "adminPass",
            "sk",
            "auth_token",
            "X-Auth-Token",
            "secret_key",
            "user_pwd",
            "private_key",
            "newPassword",
        ] {
            assert!(is_secret(name), "{name}");
        }
        for name in [
            "name",
            "key",
            "ak",
            "passport",
            "bypass",
            "tokenizer",
            "skip",
            "task",
        ] {
            assert!(!is_secret(name), "{name}");
        }
    }
}
