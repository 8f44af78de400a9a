//! Construction that survives docs updates: `new(<required fields>)`,
//! `with_<field>` setters for the optional fields, and `DEFAULT_<FIELD>`
//! constants for documented defaults (never sent unless set).
//!
//! Structs are `#[non_exhaustive]`, so code outside the crate builds them
//! through these functions (or `Default`, derived when every field is
//! optional) and keeps compiling when the docs add an optional field. Setters
//! are emitted for types reachable from a request (the ones users build);
//! response-only types get `Default` and public fields.

use super::enums::EnumDef;
use super::types::{FieldInfo, ident};
use crate::spec::TypeRef;
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens as _, quote};
use serde_json::Value;

/// `DEFAULT_<FIELD>` for a field's Rust name.
pub fn default_const_name(rust: &str) -> String {
    format!(
        "DEFAULT_{}",
        rust.trim_end_matches('_').to_ascii_uppercase()
    )
}

/// The constant's type and value for a documented default, when it fits the field.
pub fn default_const(info: &FieldInfo<'_>) -> Option<(TokenStream, TokenStream)> {
    let value = info.field.constraints.default.as_ref()?;
    if let Some(e) = info.enum_def {
        return enum_default(e, value);
    }
    match (&info.field.ty, value) {
        (TypeRef::String, Value::String(s)) => Some((quote!(&'static str), quote!(#s))),
        (TypeRef::Boolean, Value::Bool(b)) => Some((quote!(bool), quote!(#b))),
        (TypeRef::Integer { bits }, Value::Number(n)) => {
            let n = n.as_i64()?;
            if *bits <= 32 {
                let n = i32::try_from(n).ok()?;
                Some((quote!(i32), Literal::i32_unsuffixed(n).into_token_stream()))
            } else {
                Some((quote!(i64), Literal::i64_unsuffixed(n).into_token_stream()))
            }
        }
        (TypeRef::Number, Value::Number(n)) => {
            let n = n.as_f64().filter(|f| f.is_finite())?;
            Some((quote!(f64), Literal::f64_unsuffixed(n).into_token_stream()))
        }
        _ => None,
    }
}

fn enum_default(e: &EnumDef, value: &Value) -> Option<(TokenStream, TokenStream)> {
    let text = match value {
        Value::String(s) if !e.is_int() => s.clone(),
        Value::Number(n) if e.is_int() => n.as_i64()?.to_string(),
        _ => return None,
    };
    let variant = ident(e.variant_of(&text)?);
    let name = ident(&e.name);
    Some((quote!(#name), quote!(#name::#variant)))
}

/// A parameter's type and how it becomes the field's value.
fn param(info: &FieldInfo<'_>) -> (TokenStream, TokenStream) {
    let base = &info.base;
    let field = ident(&info.rust);
    let (ty, mut value) = if takes_into(info) {
        (
            quote!(impl ::std::convert::Into<#base>),
            quote!(#field.into()),
        )
    } else {
        (base.clone(), quote!(#field))
    };
    if info.boxed {
        value = quote!(::std::boxed::Box::new(#value));
    }
    (ty, value)
}

/// `field: value` in a struct literal, shorthand when the value is the
/// parameter itself (`clippy::redundant_field_names`).
fn init(info: &FieldInfo<'_>) -> TokenStream {
    let field = ident(&info.rust);
    if !takes_into(info) && !info.boxed {
        return quote!(#field);
    }
    let (_, value) = param(info);
    quote!(#field: #value)
}

/// Strings and enums are taken as `impl Into<_>` (`"text"`, `"value"`).
fn takes_into(info: &FieldInfo<'_>) -> bool {
    info.enum_def.is_some() || matches!(info.field.ty, TypeRef::String)
}

/// The inherent impl: default constants, `new` and setters (for types users build: `setters`).
pub fn emit_impl(name: &str, fields: &[FieldInfo<'_>], setters: bool) -> TokenStream {
    let consts = fields.iter().filter_map(|info| {
        let (ty, value) = default_const(info)?;
        let cname = ident(&default_const_name(&info.rust));
        let doc = format!(
            " The documented default of `{}` (not sent unless set).",
            info.field.name.replace('`', "'")
        );
        Some(quote!(#[doc = #doc] pub const #cname: #ty = #value;))
    });
    let consts: Vec<TokenStream> = consts.collect();
    let all_optional = fields.iter().all(|f| !f.field.required);
    let new = if all_optional && !setters {
        // Response-only types: `Default` and public fields are enough.
        None
    } else if all_optional {
        Some(quote! {
            /// An instance with every field unset.
            pub fn new() -> Self {
                Self::default()
            }
        })
    } else {
        let required: Vec<&FieldInfo> = fields.iter().filter(|f| f.field.required).collect();
        let params = required.iter().map(|info| {
            let (ty, _) = param(info);
            let field = ident(&info.rust);
            quote!(#field: #ty)
        });
        let inits = fields.iter().map(|info| {
            let field = ident(&info.rust);
            if info.field.required {
                init(info)
            } else {
                quote!(#field: ::std::option::Option::None)
            }
        });
        let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        Some(quote! {
            /// An instance with the required fields, in the docs' order; the others unset.
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
        })
    };
    let setters: Vec<TokenStream> = fields
        .iter()
        .filter(|f| setters && !f.field.required)
        .map(|info| {
            let (ty, value) = param(info);
            let field = ident(&info.rust);
            let setter = ident(&format!("with_{}", info.rust.trim_end_matches('_')));
            let doc = format!(" Sets `{}`.", info.field.name.replace('`', "'"));
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, #field: #ty) -> Self {
                    self.#field = ::std::option::Option::Some(#value);
                    self
                }
            }
        })
        .collect();
    if consts.is_empty() && new.is_none() && setters.is_empty() {
        return TokenStream::new();
    }
    let name = ident(name);
    quote! {
        impl #name {
            #(#consts)*
            #new
            #(#setters)*
        }
    }
}
