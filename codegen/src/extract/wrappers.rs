//! Body tables that document the contents of a wrapper the example shows.
//!
//! Older pages list `nat_gateway_id, port_id, …` in the request table while the
//! example request is `{"dnat_rule": {…}}`, or list `func_urn, func_name, …` for
//! a response whose example is `{"functions": [{…}]}`. The example is what goes
//! over the wire: when every key under the example's single top-level key is a
//! field of the documented body (and that key is not), the body becomes a
//! wrapper with that one field, typed by the table. Each such reconciliation is
//! a documentation finding, reported where the example shows the wrapper.

use super::examples::{self, Source};
use super::{Direction, Extractor, example_json, provisional};
use crate::spec::{Example, ExampleKind, Field, Operation, TypeDef, TypeRef};
use serde_json::Value;

/// The example's wrapper around a documented body: its key and whether it holds an array.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wrapper {
    key: String,
    array: bool,
}

impl Extractor<'_> {
    /// Wraps `op`'s bodies whose examples show their fields under one extra key.
    pub(super) fn reconcile_wrappers(&mut self, op: &mut Operation, sources: &[Source]) {
        for (n, source) in sources.iter().enumerate().take(op.examples.len()) {
            let example = &op.examples[n];
            let Some(TypeRef::Ref { id }) = examples::target(op, example).cloned() else {
                continue;
            };
            let Some(slot) = provisional(&id) else {
                continue;
            };
            let Ok(parsed) = example_json::read(&example.text) else {
                continue;
            };
            let Some(def) = self.types.get(slot).map(|(_, d)| d) else {
                continue;
            };
            let Some(wrapper) = wrapper_of(&parsed.value, def) else {
                continue;
            };
            // Another example of the same body that shows its fields unwrapped
            // says the table is right after all.
            let target = TypeRef::Ref { id: id.clone() };
            let unwrapped = op.examples.iter().any(|e| {
                examples::target(op, e) == Some(&target)
                    && example_json::read_value(&e.text)
                        .is_ok_and(|p| shows_fields_at_top(&p.value, def))
            });
            if unwrapped {
                continue;
            }
            let block_line = parsed
                .locate(&format!("/{}", wrapper.key))
                .map_or(1, |p| p.line);
            let line = self.example_line(*source, block_line);
            let file = self.file(source.doc);
            let (kind, dir) = side(example);
            let body_name = def.name.clone();
            let message = format!(
                "{kind} example of `{}` wraps the documented fields in `{}`; the body is read as {{\"{}\": {}}} (the tables document the wrapper's contents)",
                op.id,
                wrapper.key,
                wrapper.key,
                if wrapper.array { "[…]" } else { "{…}" }
            );
            self.diags.note(&file, line, "body-wrapper", message);
            let description = format!(
                "The wrapper the example shows around the documented fields (`{}`).",
                wrapper.key
            );
            let wrapped = self.wrap(slot, &id, &wrapper, dir, &body_name, description);
            let old = TypeRef::Ref { id };
            match example.kind {
                ExampleKind::Request => {
                    if let Some(b) = op.request_body.as_mut().filter(|b| b.ty == old) {
                        b.ty = wrapped;
                    }
                }
                ExampleKind::Response => {
                    for b in op.responses.iter_mut().filter_map(|r| r.body.as_mut()) {
                        if b.ty == old {
                            b.ty = wrapped.clone();
                        }
                    }
                }
            }
        }
    }

    /// A request body wrapped in a field `key` a URI table documents (see
    /// `operation.rs`): like [`Self::wrap`], with the row's description.
    pub(super) fn wrap_body(
        &mut self,
        slot: usize,
        id: &str,
        key: &str,
        body_name: &str,
        description: String,
    ) -> TypeRef {
        let wrapper = Wrapper {
            key: key.to_string(),
            array: false,
        };
        self.wrap(
            slot,
            id,
            &wrapper,
            Direction::Request,
            body_name,
            description,
        )
    }

    /// A new type named like the body, with one field `key` holding the body's
    /// type (described by `description`); the body's type takes the key's name.
    fn wrap(
        &mut self,
        slot: usize,
        id: &str,
        wrapper: &Wrapper,
        dir: Direction,
        body_name: &str,
        description: String,
    ) -> TypeRef {
        let origins = self.types[slot].1.origins.clone();
        self.types[slot].1.name = wrapper.key.clone();
        let inner = TypeRef::Ref { id: id.to_string() };
        let ty = if wrapper.array {
            TypeRef::Array {
                items: Box::new(inner),
            }
        } else {
            inner
        };
        let provisional = format!("#{}", self.types.len());
        self.types.push((
            provisional.clone(),
            TypeDef {
                name: body_name.to_string(),
                description: String::new(),
                fields: vec![Field {
                    name: wrapper.key.clone(),
                    required: dir == Direction::Request,
                    required_note: None,
                    ty,
                    description,
                    constraints: Default::default(),
                }],
                origins,
            },
        ));
        TypeRef::Ref { id: provisional }
    }
}

fn side(example: &Example) -> (&'static str, Direction) {
    match example.kind {
        ExampleKind::Request => ("request", Direction::Request),
        ExampleKind::Response => ("response", Direction::Response),
    }
}

/// `{"key": {…}}` or `{"key": [{…}]}` where `key` is no field of `def` and the
/// keys inside are its fields: all of them, or, on an older page whose example
/// has drifted from its table, at least two and three in four of them. Beside
/// the wrapper the example may show scalars that are not fields either (a list's
/// `next_marker`, `count`): they stay undocumented and are reported as such.
fn wrapper_of(value: &Value, def: &TypeDef) -> Option<Wrapper> {
    let Value::Object(top) = value else {
        return None;
    };
    let is_field = |k: &str| def.fields.iter().any(|f| f.name == k);
    if def.fields.is_empty() || top.keys().any(|k| is_field(k)) {
        return None;
    }
    let mut wrappers = top.iter().filter(|(_, v)| v.is_object() || v.is_array());
    let (key, inner) = wrappers.next()?;
    if wrappers.next().is_some() {
        return None;
    }
    let (keys, array) = examples::shown_object(inner)?;
    let known = keys.iter().filter(|k| is_field(k)).count();
    let fits = known == keys.len() || (known >= 2 && known * 4 >= keys.len() * 3);
    (!keys.is_empty() && fits).then(|| Wrapper {
        key: key.clone(),
        array,
    })
}

/// Whether `value` is an object with a key that is a field of `def`.
fn shows_fields_at_top(value: &Value, def: &TypeDef) -> bool {
    match value {
        Value::Object(top) => top.keys().any(|k| def.fields.iter().any(|f| &f.name == k)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn def(fields: &[&str]) -> TypeDef {
        TypeDef {
            name: "Body".into(),
            description: String::new(),
            fields: fields
                .iter()
                .map(|n| Field {
                    name: (*n).into(),
                    required: false,
                    required_note: None,
                    ty: TypeRef::String,
                    description: String::new(),
                    constraints: Default::default(),
                })
                .collect(),
            origins: Vec::new(),
        }
    }

    #[test]
    fn wrappers() {
        let d = def(&["nat_gateway_id", "port_id"]);
        let w = |v: Value| wrapper_of(&v, &d);
        assert_eq!(
            w(json!({"dnat_rule": {"nat_gateway_id": "a", "port_id": "b"}})),
            Some(Wrapper {
                key: "dnat_rule".into(),
                array: false
            })
        );
        assert_eq!(
            w(json!({"dnat_rules": [{"port_id": "b"}]})),
            Some(Wrapper {
                key: "dnat_rules".into(),
                array: true
            })
        );
        // The example fits the table, or shows something else: no wrapper.
        assert_eq!(w(json!({"port_id": "b"})), None);
        assert_eq!(w(json!({"dnat_rule": {"other": 1}})), None);
        assert_eq!(w(json!({"dnat_rule": {"port_id": "b", "other": 1}})), None);
        assert_eq!(w(json!({"a": {"port_id": "b"}, "b": {}})), None);
        assert_eq!(w(json!({"dnat_rule": {}})), None);
        assert_eq!(w(json!({"dnat_rule": "x"})), None);
        // A list beside its paging scalars, its items drifted by one key from
        // the table (FunctionGraph's function list).
        let d = def(&["func_urn", "func_name", "handler", "runtime"]);
        assert_eq!(
            wrapper_of(
                &json!({"functions": [{"func_urn": "u", "func_name": "n", "handler": "h", "user_domain": "d"}], "next_marker": 45}),
                &d
            ),
            Some(Wrapper {
                key: "functions".into(),
                array: true
            })
        );
        // Two keys of four documented is no wrapper; nor is a documented key beside it.
        let two = json!({"functions": [{"func_urn": "u", "func_name": "n", "a": 1, "b": 2}]});
        assert_eq!(wrapper_of(&two, &d), None);
        let beside = json!({"functions": [{"func_urn": "u"}], "handler": "h"});
        assert_eq!(wrapper_of(&beside, &d), None);
    }
}
