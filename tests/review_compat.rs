//! Checks the rule table against reality: for a sample of rules, a small
//! user program is compiled against the crate generated from a base spec and
//! against the crate generated after one change. A `breaking` verdict must
//! mean the program stops compiling; any other verdict, that it still does.
//!
//! The verdict is read for the API shape the generator has now (detected
//! from what it emits: `#[non_exhaustive]` structs with `new`, open enums,
//! `#[non_exhaustive]` response enums), so the test holds before and after
//! those choices land, and the table's `without` column is tested too.
//!
//! It compiles (~1 min cold, a few seconds per case warm), so it is ignored in
//! a plain `cargo test`; `.ci/run` runs it.

use codegen::review::diff;
use codegen::review::rules::{self, Level, Shape};
use codegen::rust::generate_crate;
use codegen::spec::ServiceSpec;
use codegen_tests::workspace_root;
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

fn base() -> Value {
    let origin = json!({"file": "things.rst"});
    let string = json!({"kind": "string"});
    json!({
        "spec_version": 1,
        "service": "compat",
        "cloud": "otc",
        "operations": [{
            "id": "create_thing",
            "title": "Creating a Thing",
            "method": "POST",
            "path": "/v1/{project_id}/things",
            "uri": "POST /v1/{project_id}/things",
            "origin": origin,
            "parameters": [
                {"name": "project_id", "in": "path", "required": true, "type": string, "origin": origin}
            ],
            "request_body": {"type": {"kind": "ref", "id": "CreateThingReq"}},
            "responses": [
                {"status": "200", "description": "OK", "body": {"type": {"kind": "ref", "id": "Thing"}}}
            ]
        }],
        "types": {
            "CreateThingReq": {
                "name": "CreateThingReq",
                "fields": [
                    {"name": "name", "required": true, "type": string, "constraints": {"max_length": 64}},
                    {"name": "size", "required": false, "type": {"kind": "integer", "bits": 32}},
                    {"name": "mode", "required": false, "type": string, "constraints": {"enum": ["a", "b"]}}
                ],
                "origins": [origin]
            },
            "Thing": {
                "name": "Thing",
                "fields": [
                    {"name": "id", "required": false, "type": string},
                    {"name": "state", "required": false, "type": string, "constraints": {"enum": ["on", "off"]}},
                    {"name": "note", "required": false, "type": string}
                ],
                "origins": [origin]
            }
        }
    })
}

fn spec(v: Value) -> ServiceSpec {
    serde_json::from_value(v).expect("valid spec")
}

fn fields<'a>(v: &'a mut Value, ty: &str) -> &'a mut Vec<Value> {
    v["types"][ty]["fields"].as_array_mut().expect("fields")
}

/// The Rust of the `compat` module generated from `v`.
fn module(v: &Value) -> String {
    let files = generate_crate(&[spec(v.clone())]).expect("crate generates");
    files
        .into_iter()
        .find(|(p, _)| p.ends_with("compat.rs"))
        .expect("compat module")
        .1
}

/// The attributes right above `item` (e.g. `pub struct Thing`).
fn attributes_of<'a>(source: &'a str, item: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = source.lines().collect();
    let Some(at) = lines.iter().position(|l| l.trim_start().starts_with(item)) else {
        return Vec::new();
    };
    lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.trim_start().starts_with("#[") || l.trim_start().starts_with("///"))
        .copied()
        .collect()
}

fn name_after<'a>(source: &'a str, prefix: &str, suffix: &str) -> &'a str {
    source
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix(prefix))
        .filter_map(|rest| rest.split([' ', '{', '(', '<']).next())
        .find(|name| name.ends_with(suffix))
        .unwrap_or_else(|| panic!("no `{prefix}…{suffix}` in the generated module"))
}

/// The generator's current API shape, read from what it emits.
fn detect_shape(source: &str) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let non_exhaustive = |item: &str| {
        attributes_of(source, item)
            .iter()
            .any(|a| a.contains("non_exhaustive"))
    };
    // The request body's struct: `#[non_exhaustive]` with a `new` constructor
    // (its attributes may sit anywhere among the derives and docs).
    let body_struct = non_exhaustive("pub struct CreateThingReq")
        || source.contains("#[non_exhaustive]\npub struct CreateThingReq")
        || (source.contains("impl CreateThingReq {") && source.contains("#[non_exhaustive]"));
    if body_struct && source.contains("pub fn new(") {
        shapes.push(Shape::BuiltStructs);
    }
    if source.contains("Unknown(") {
        shapes.push(Shape::OpenEnums);
    }
    let response = name_after(source, "pub enum ", "Response");
    if non_exhaustive(&format!("pub enum {response}")) {
        shapes.push(Shape::OpenResponses);
    }
    shapes
}

/// How user code builds a `CreateThingReq { name: "n" }` on this shape.
fn build_request(shapes: &[Shape]) -> &'static str {
    if shapes.contains(&Shape::BuiltStructs) {
        "CreateThingReq::new(String::from(\"n\"))"
    } else {
        "CreateThingReq { name: String::from(\"n\"), size: None, mode: None }"
    }
}

struct Case {
    rule: &'static str,
    edit: fn(&mut Value),
    /// The user program (module body); `{build}` builds a request body,
    /// `{Request}`/`{Response}` name the operation's types, `{wild}` is a
    /// wildcard match arm when the response enum is `#[non_exhaustive]`.
    program: &'static str,
}

const CASES: &[Case] = &[
    Case {
        rule: "response-property-removed",
        edit: |v| fields(v, "Thing").retain(|f| f["name"] != "note"),
        program: "pub fn f(t: &Thing) -> Option<&String> { t.note.as_ref() }",
    },
    Case {
        rule: "response-property-type-changed",
        edit: |v| fields(v, "Thing")[0]["type"] = json!({"kind": "integer", "bits": 64}),
        program: "pub fn f(t: &Thing) -> Option<String> { t.id.clone() }",
    },
    Case {
        rule: "new-required-request-property",
        edit: |v| {
            fields(v, "CreateThingReq")
                .push(json!({"name": "zone", "required": true, "type": {"kind": "string"}}))
        },
        program: "pub fn f() -> CreateThingReq { {build} }",
    },
    Case {
        rule: "new-optional-request-property",
        edit: |v| {
            fields(v, "CreateThingReq")
                .push(json!({"name": "color", "required": false, "type": {"kind": "string"}}))
        },
        program: "pub fn f() -> CreateThingReq { {build} }",
    },
    Case {
        rule: "request-property-max-length-decreased",
        edit: |v| fields(v, "CreateThingReq")[0]["constraints"]["max_length"] = json!(16),
        program: "pub fn f() -> CreateThingReq { {build} }",
    },
    Case {
        rule: "response-property-enum-value-added",
        edit: |v| {
            fields(v, "Thing")[1]["constraints"]["enum"]
                .as_array_mut()
                .unwrap()
                .push(json!("standby"))
        },
        program: "pub fn f(t: &Thing) -> bool { t.state.is_some() }",
    },
    Case {
        rule: "response-success-status-added",
        edit: |v| {
            v["operations"][0]["responses"].as_array_mut().unwrap().push(json!({"status": "202", "description": "Accepted", "body": {"type": {"kind": "ref", "id": "Thing"}}}))
        },
        program: "pub fn f(r: {Response}) -> bool { match r { {Response}::Status200(_) => true, {wild} } }",
    },
    Case {
        rule: "endpoint-added",
        edit: |v| {
            let mut op = v["operations"][0].clone();
            op["id"] = json!("delete_thing");
            op["title"] = json!("Deleting a Thing");
            op["method"] = json!("DELETE");
            v["operations"].as_array_mut().unwrap().push(op);
        },
        program: "pub fn f(_r: &{Request}) -> &'static str { <{Request} as generated::runtime::Request>::PATH }",
    },
    Case {
        rule: "endpoint-removed",
        edit: |v| {
            v["operations"] = json!([]);
        },
        program: "pub fn f(_r: &{Request}) -> &'static str { <{Request} as generated::runtime::Request>::PATH }",
    },
    Case {
        rule: "type-renamed",
        edit: |v| {
            let types = v["types"].as_object_mut().unwrap();
            let mut t = types.remove("Thing").unwrap();
            t["name"] = json!("Item");
            types.insert("Item".into(), t);
            v["operations"][0]["responses"][0]["body"]["type"]["id"] = json!("Item");
        },
        program: "pub fn f(t: &Thing) -> bool { t.id.is_some() }",
    },
];

/// A scratch workspace holding a generated crate and a user crate; `check`
/// compiles the user crate against the crate generated from a spec.
struct Scratch {
    dir: tempfile::TempDir,
    target: std::path::PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = workspace_root().canonicalize().expect("workspace root");
        let root_s = root.display().to_string();
        // The real workspace's dependency table, with its paths made absolute.
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
        let deps = manifest
            .split("[workspace.dependencies]")
            .nth(1)
            .map(|rest| rest.split("\n[").next().unwrap_or(rest))
            .unwrap_or("")
            .replace("path = \"", &format!("path = \"{root_s}/"));
        std::fs::write(
            dir.path().join("Cargo.toml"),
            format!(
                "[workspace]\nresolver = \"3\"\nmembers = [\"generated\", \"user\"]\n\n\
                 [workspace.package]\nedition = \"2024\"\n\n[workspace.dependencies]{deps}\n"
            ),
        )
        .unwrap();
        std::fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
        write(
            &dir.path().join("user/Cargo.toml"),
            "[package]\nname = \"user\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\ngenerated = { path = \"../generated\", features = [\"compat\"] }\n",
        );
        Scratch {
            dir,
            target: root.join("target/review-compat"),
        }
    }

    /// Whether `program` compiles against the crate generated from `v`.
    fn compiles(&self, v: &Value, program: &str) -> (bool, String) {
        let root = workspace_root().canonicalize().expect("workspace root");
        let gen_dir = self.dir.path().join("generated");
        let _ = std::fs::remove_dir_all(&gen_dir);
        for (path, text) in generate_crate(&[spec(v.clone())]).expect("crate generates") {
            let text = if path == "Cargo.toml" {
                text.replace("path = \"../", &format!("path = \"{}/", root.display()))
            } else {
                text
            };
            write(&gen_dir.join(path), &text);
        }
        write(
            &self.dir.path().join("user/src/lib.rs"),
            &format!(
                "#![allow(dead_code, unused_imports)]\nuse generated::otc::compat::*;\n{program}\n"
            ),
        );
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = Command::new(cargo)
            .args(["check", "--offline", "-q", "-p", "user"])
            .current_dir(self.dir.path())
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
#[ignore = "compiles generated crates (about a minute); run by .ci/run"]
fn sampled_rules_match_what_happens_to_user_code() {
    let base = base();
    let source = module(&base);
    let shapes = detect_shape(&source);
    let request = name_after(&source, "pub struct ", "Request");
    let response = name_after(&source, "pub enum ", "Response");
    let wild = if shapes.contains(&Shape::OpenResponses) {
        "_ => false"
    } else {
        ""
    };
    let scratch = Scratch::new();
    let mut failures = Vec::new();
    for case in CASES {
        let program = case
            .program
            .replace("{build}", build_request(&shapes))
            .replace("{Request}", request)
            .replace("{Response}", response)
            .replace("{wild}", wild);
        let mut after = base.clone();
        (case.edit)(&mut after);
        // The diff reports this change under this rule.
        let report = diff::diff(&[spec(base.clone())], &[spec(after.clone())]);
        let ids: Vec<&str> = report.changes().map(|c| c.id).collect();
        assert!(
            ids.contains(&case.rule),
            "{}: diff reported {ids:?}",
            case.rule
        );
        let (level, _) = rules::rule(case.rule).verdict_for(&shapes);
        let (before_ok, err) = scratch.compiles(&base, &program);
        assert!(
            before_ok,
            "{}: the program must compile before:\n{program}\n{err}",
            case.rule
        );
        let (after_ok, err) = scratch.compiles(&after, &program);
        let expected = level != Level::Breaking;
        eprintln!(
            "{}: {} ({shapes:?}); compiles after: {after_ok}",
            case.rule,
            level.as_str()
        );
        if after_ok != expected {
            failures.push(format!(
                "{}: verdict {} but the program {} after the change:\n{program}\n{err}",
                case.rule,
                level.as_str(),
                if after_ok { "compiles" } else { "fails" }
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
