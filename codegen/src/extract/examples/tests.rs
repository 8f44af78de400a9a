use super::*;
use crate::spec::Field;
use serde_json::json;

fn field(name: &str, required: bool, ty: TypeRef) -> Field {
    Field {
        name: name.into(),
        required,
        required_note: None,
        ty,
        description: String::new(),
        constraints: Default::default(),
    }
}

fn types() -> BTreeMap<String, TypeDef> {
    let job = TypeDef {
        name: "Job".into(),
        description: String::new(),
        fields: vec![
            field("name", true, TypeRef::String),
            field("count", false, TypeRef::Integer { bits: 32 }),
            field("ratio", false, TypeRef::Number),
            field(
                "tags",
                false,
                TypeRef::Array {
                    items: Box::new(TypeRef::String),
                },
            ),
            field(
                "labels",
                false,
                TypeRef::Map {
                    values: Box::new(TypeRef::Boolean),
                },
            ),
            field("extra", false, TypeRef::Any),
            field("child", false, TypeRef::Ref { id: "job".into() }),
        ],
        origins: Vec::new(),
    };
    BTreeMap::from([("job".to_string(), job)])
}

fn job() -> TypeRef {
    TypeRef::Ref { id: "job".into() }
}

#[test]
fn a_conforming_value_has_no_finding() {
    let v = json!({"name": "a", "count": 3, "ratio": 1.5, "tags": ["x"], "labels": {"k": true},
        "extra": [1, {"z": null}], "child": {"name": "b"}, "ratio": null});
    assert_eq!(check(&v, &job(), &types()), []);
}

#[test]
fn unknown_fields() {
    let v = json!({"name": "a", "nmae": "b", "child": {"name": "c", "x": 1}});
    assert_eq!(
        check(&v, &job(), &types()),
        [
            Finding::UnknownField {
                pointer: "/nmae".into(),
                type_name: "Job".into()
            },
            Finding::UnknownField {
                pointer: "/child/x".into(),
                type_name: "Job".into()
            },
        ]
    );
}

#[test]
fn wrong_types() {
    let v = json!({"name": 1, "count": 5_000_000_000i64, "tags": ["a", 2, null], "labels": {"k": "yes"}, "ratio": "1"});
    let found: Vec<(String, &str)> = check(&v, &job(), &types())
        .into_iter()
        .map(|f| match f {
            Finding::TypeMismatch { pointer, found, .. } => (pointer, found),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        [
            ("/name".to_string(), "an integer"),
            ("/count".to_string(), "an integer"),
            ("/tags/1".to_string(), "an integer"),
            ("/tags/2".to_string(), "null"),
            ("/labels/k".to_string(), "a string"),
            ("/ratio".to_string(), "a string"),
        ]
    );
    assert_eq!(
        check(&json!([]), &job(), &types()),
        [Finding::TypeMismatch {
            pointer: String::new(),
            expected: "an object (`Job`)".into(),
            found: "an array"
        }]
    );
    let f = &check(&json!(1.5), &TypeRef::Integer { bits: 64 }, &types())[0];
    assert_eq!(
        f.message(),
        "`/` is a number, the spec says an integer (64 bits)"
    );
}

#[test]
fn missing_required_fields() {
    let v = json!({"child": {"name": null}});
    assert_eq!(
        check(&v, &job(), &types()),
        [
            Finding::MissingField {
                pointer: "/child".into(),
                field: "name".into()
            },
            Finding::MissingField {
                pointer: String::new(),
                field: "name".into()
            },
        ]
    );
}

#[test]
fn unknown_refs_and_any_accept_everything() {
    let t = types();
    assert_eq!(
        check(&json!({"q": 1}), &TypeRef::Ref { id: "nope".into() }, &t),
        []
    );
    assert_eq!(check(&json!([{"q": 1}]), &TypeRef::Any, &t), []);
}

fn op(responses: Vec<Response>) -> Operation {
    Operation {
        id: "Op".into(),
        title: "Op".into(),
        summary: None,
        method: "POST".into(),
        path: "/x".into(),
        uri: "POST /x".into(),
        deprecated: false,
        origin: crate::spec::Origin {
            file: "op.rst".into(),
            table: None,
        },
        parameters: Vec::new(),
        request_body: Some(Body {
            ty: TypeRef::String,
        }),
        responses,
        examples: Vec::new(),
    }
}

fn response(status: &str, ty: Option<TypeRef>) -> Response {
    Response {
        status: status.into(),
        description: String::new(),
        body: ty.map(|ty| Body { ty }),
        headers: Vec::new(),
    }
}

fn example(kind: ExampleKind, status: Option<&str>) -> Example {
    Example {
        kind,
        status: status.map(str::to_string),
        title: String::new(),
        text: "{}".into(),
    }
}

#[test]
fn targets() {
    let o = op(vec![
        response("200", Some(TypeRef::Boolean)),
        response("400", Some(TypeRef::Number)),
        response("404", None),
    ]);
    let t = |kind, status| target(&o, &example(kind, status)).cloned();
    assert_eq!(t(ExampleKind::Request, None), Some(TypeRef::String));
    assert_eq!(
        t(ExampleKind::Response, Some("200")),
        Some(TypeRef::Boolean)
    );
    assert_eq!(t(ExampleKind::Response, Some("400")), Some(TypeRef::Number));
    assert_eq!(t(ExampleKind::Response, None), Some(TypeRef::Boolean));
    assert_eq!(
        t(ExampleKind::Response, Some("2XX")),
        Some(TypeRef::Boolean)
    );
    assert_eq!(
        t(ExampleKind::Response, Some("201")),
        Some(TypeRef::Boolean)
    );
    assert_eq!(t(ExampleKind::Response, Some("404")), None);
    assert_eq!(t(ExampleKind::Response, Some("500")), None);
    let two = op(vec![
        response("200", Some(TypeRef::Boolean)),
        response("201", Some(TypeRef::Number)),
    ]);
    assert_eq!(target(&two, &example(ExampleKind::Response, None)), None);
}

#[test]
fn a_status_line_names_the_status() {
    assert_eq!(
        status_line("HTTP/1.1 404 Not Found\n\n{\"error_code\": \"X\"}").as_deref(),
        Some("404")
    );
    assert_eq!(status_line("\nHTTP/2 200\n{}").as_deref(), Some("200"));
    assert_eq!(status_line("{\"a\": 1}"), None);
    assert_eq!(status_line("HTTP/x 200"), None);
    // GES and others state the status in words.
    for (text, code) in [
        ("Http Status Code: 200\n{\"jobId\": \"1\"}", "200"),
        ("Status Code: 400\n{}", "400"),
        ("状态码：404\n{}", "404"),
    ] {
        assert_eq!(status_line(text).as_deref(), Some(code), "{text}");
    }
    assert_eq!(status_line("Status Code: 2000\n{}"), None);
    assert_eq!(status_line("Status codes are listed below"), None);
}
