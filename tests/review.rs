//! `codegen diff` on the DRS spec against a copy edited by hand (the edits
//! are applied here, so the test keeps working when the committed spec
//! changes), its three output formats, `--fail-on`, and the OpenAPI export
//! against the official OpenAPI 3.1 schema. The command line (exit codes,
//! git revisions) is tested in `codegen/tests/cli_diff.rs`.

use codegen::review::diff::{self, Report};
use codegen::review::rules::{Level, Semver};
use codegen::review::{FailOn, openapi, render};
use codegen::spec::ServiceSpec;
use codegen_tests::workspace_root;
use serde_json::{Value, json};

fn drs() -> Value {
    let path = workspace_root().join("specs/data-replication-service.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("DRS spec")).expect("JSON")
}

/// The fields of type `id`.
fn fields<'a>(spec: &'a mut Value, id: &str) -> &'a mut Vec<Value> {
    spec["types"][id]["fields"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("type `{id}` in the DRS spec"))
}

fn field<'a>(spec: &'a mut Value, id: &str, name: &str) -> &'a mut Value {
    fields(spec, id)
        .iter_mut()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("field `{name}` of `{id}`"))
}

fn push_enum_value(spec: &mut Value, id: &str, name: &str, value: &str) {
    field(spec, id, name)["constraints"]["enum"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("`{name}` of `{id}` has documented values"))
        .push(json!(value));
}

/// Renames type `from` to `to` (id and name) and every reference to it.
fn rename_type(spec: &mut Value, from: &str, to: &str) {
    let types = spec["types"].as_object_mut().expect("types");
    let mut def = types
        .remove(from)
        .unwrap_or_else(|| panic!("type `{from}`"));
    def["name"] = json!(to);
    types.insert(to.to_string(), def);
    let mut sorted: Vec<(String, Value)> = std::mem::take(types).into_iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    types.extend(sorted);
    fn walk(v: &mut Value, from: &str, to: &str) {
        match v {
            Value::Object(m) => {
                if m.get("kind") == Some(&json!("ref")) && m.get("id") == Some(&json!(from)) {
                    m.insert("id".into(), json!(to));
                }
                m.values_mut().for_each(|v| walk(v, from, to));
            }
            Value::Array(a) => a.iter_mut().for_each(|v| walk(v, from, to)),
            _ => {}
        }
    }
    walk(spec, from, to);
}

/// The committed DRS spec (with `description`'s length and the docs commit pinned, so the
/// snapshots do not follow unrelated extraction changes) and the edited copy.
fn drs_pair() -> (ServiceSpec, ServiceSpec) {
    let mut base = drs();
    field(&mut base, "CreateJobReq", "description")["constraints"]["max_length"] = json!(256);
    let repository = "https://github.com/opentelekomcloud-docs/data-replication-service";
    base["provenance"] =
        json!({"repository": repository, "commit": "1111111111111111111111111111111111111111"});
    let mut edited = base.clone();
    // Read from a later docs commit.
    edited["provenance"]["commit"] = json!("2222222222222222222222222222222222222222");
    // A response field removed.
    fields(&mut edited, "QueryJobResp").retain(|f| f["name"] != "failed_reason");
    // A required and an optional request field added.
    let reqs = fields(&mut edited, "CreateJobReq");
    reqs.push(json!({"name": "charging_mode", "required": true, "type": {"kind": "string"}, "description": "Billing mode."}));
    reqs.push(json!({"name": "enterprise_project_id", "required": false, "type": {"kind": "string"}, "description": "Enterprise project ID."}));
    // An enum value added to a request field and to a response field.
    push_enum_value(&mut edited, "CreateJobReq", "net_type", "snat");
    push_enum_value(&mut edited, "QueryJobStatusResp", "status", "PAUSED");
    // A maximum length lowered.
    field(&mut edited, "CreateJobReq", "description")["constraints"]["max_length"] = json!(128);
    // An operation added (a copy of the switchover status query under a new id and path).
    let ops = edited["operations"].as_array_mut().expect("operations");
    let mut op = ops
        .iter()
        .find(|o| o["id"] == "drs_03_0148")
        .expect("drs_03_0148")
        .clone();
    op["id"] = json!("drs_03_0150");
    op["title"] = json!("Querying the Switchover History");
    op["path"] = json!("/v3/{project_id}/jobs/{job_id}/switch-history");
    op["uri"] = json!("GET /v3/{project_id}/jobs/{job_id}/switch-history");
    ops.push(op);
    ops.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    // A type renamed without other change.
    rename_type(&mut edited, "InstInfo", "InstanceInfo");
    let parse = |v: Value| serde_json::from_value::<ServiceSpec>(v).expect("valid spec");
    (parse(base), parse(edited))
}

fn drs_report() -> Report {
    let (old, new) = drs_pair();
    diff::diff(&[old], &[new])
}

#[test]
fn each_hand_edit_is_reported_with_its_rule_level_and_semver() {
    let report = drs_report();
    let expected = [
        (
            "response-property-removed",
            Level::Breaking,
            Semver::Major,
            "failed_reason",
        ),
        (
            "new-required-request-property",
            Level::Breaking,
            Semver::Major,
            "charging_mode",
        ),
        (
            "new-optional-request-property",
            Level::NonBreaking,
            Semver::Minor,
            "enterprise_project_id",
        ),
        (
            "request-property-enum-value-added",
            Level::NonBreaking,
            Semver::Minor,
            "snat",
        ),
        (
            "response-property-enum-value-added",
            Level::PotentiallyBreaking,
            Semver::Minor,
            "PAUSED",
        ),
        (
            "request-property-max-length-decreased",
            Level::PotentiallyBreaking,
            Semver::Minor,
            "256 → 128",
        ),
        (
            "endpoint-added",
            Level::NonBreaking,
            Semver::Minor,
            "drs_03_0150",
        ),
        (
            "type-renamed",
            Level::Breaking,
            Semver::Major,
            "`InstInfo` renamed to `InstanceInfo`",
        ),
    ];
    let changes: Vec<_> = report.changes().collect();
    for (id, level, semver, text) in expected {
        let found: Vec<_> = changes
            .iter()
            .filter(|c| c.id == id && c.message.contains(text))
            .collect();
        assert_eq!(found.len(), 1, "{id} ({text}) in {changes:#?}");
        assert_eq!((found[0].level, found[0].semver), (level, semver), "{id}");
    }
    // Nothing else: the rename is not also a removal and an addition.
    assert_eq!(changes.len(), expected.len(), "{changes:#?}");
    assert_eq!(report.semver(), Some(Semver::Major));
    assert!(FailOn::Breaking.fails(&report));
}

/// More edits, one per rule, each reported under its rule (levels and semver
/// come from the table, checked by the snapshots and the compile tests).
#[test]
fn operation_parameter_response_and_constraint_rules() {
    let (base, _) = drs_pair();
    // `engine_type` pinned without documented values, whatever extraction reads.
    let mut b = serde_json::to_value(&base).unwrap();
    field(&mut b, "CreateJobReq", "engine_type")
        .as_object_mut()
        .unwrap()
        .remove("constraints");
    let base: ServiceSpec = serde_json::from_value(b).expect("valid spec");
    let mut v = serde_json::to_value(&base).unwrap();
    let op = |v: &mut Value, id: &str| -> usize {
        v["operations"]
            .as_array()
            .unwrap()
            .iter()
            .position(|o| o["id"] == id)
            .unwrap_or_else(|| panic!("operation {id}"))
    };
    let i = op(&mut v, "drs_03_0148");
    let origin = v["operations"][i]["origin"].clone();
    let params = v["operations"][i]["parameters"].as_array_mut().unwrap();
    params.push(json!({"name": "limit", "in": "query", "required": false, "type": {"kind": "integer", "bits": 32}, "origin": origin}));
    params.push(json!({"name": "X-Project", "in": "header", "required": true, "type": {"kind": "string"}, "origin": origin}));
    v["operations"][i]["deprecated"] = json!(true);
    v["operations"][i]["responses"]
        .as_array_mut()
        .unwrap()
        .push(json!({"status": "201", "description": "Created"}));
    let i = op(&mut v, "drs_03_0104");
    v["operations"][i]["parameters"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["name"] != "X-Language");
    v["operations"][i]["responses"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["status"] != "400");
    v["operations"][i]["title"] = json!("Creating Tasks in Batches (v2)");
    let i = op(&mut v, "drs_03_0105");
    v["operations"][i]["request_body"]["type"] = json!({"kind": "ref", "id": "CreateJobReq"});
    let i = op(&mut v, "drs_03_0138");
    v["operations"].as_array_mut().unwrap().remove(i);
    let node_num = field(&mut v, "CreateJobReq", "node_num");
    node_num["constraints"]["maximum"] = json!(16);
    node_num["constraints"]
        .as_object_mut()
        .unwrap()
        .remove("minimum");
    field(&mut v, "CreateJobReq", "bind_eip")["required"] = json!(true);
    field(&mut v, "CreateJobReq", "task_type")["constraints"]["default"] = json!("FULL_TRANS");
    field(&mut v, "CreateJobReq", "customize_sutnet_id")["constraints"]["pattern"] =
        json!("^[A-Za-z0-9-]*$");
    field(&mut v, "CreateJobReq", "engine_type")["constraints"] =
        json!({"enum": ["mysql", "postgresql"]});
    field(&mut v, "CreateJobReq", "master_az")["description"] = json!("The primary AZ.");
    field(&mut v, "QueryJobResp", "node_num")["type"] = json!({"kind": "integer", "bits": 64});
    let new: ServiceSpec = serde_json::from_value(v).expect("valid spec");
    let report = diff::diff(&[base], &[new]);
    let ids: Vec<&str> = report.changes().map(|c| c.id).collect();
    for id in [
        "new-optional-request-parameter",
        "new-required-request-parameter",
        "request-parameter-removed",
        "endpoint-deprecated",
        "endpoint-removed",
        "response-success-status-added",
        "response-non-success-status-removed",
        "request-body-type-changed",
        "request-property-max-decreased",
        "request-property-min-unset",
        "request-property-became-required",
        "request-property-default-value-changed",
        "request-property-pattern-added",
        "request-property-enum-added",
        "response-property-type-changed",
        "documentation-changed",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:#?}");
    }
    let max = report
        .changes()
        .find(|c| c.id == "request-property-max-decreased")
        .unwrap();
    assert_eq!(
        max.message,
        "field `node_num` of `CreateJobReq`: maximum 32 → 16"
    );
    assert_eq!(
        (max.level, max.semver),
        (Level::PotentiallyBreaking, Semver::Minor)
    );
    assert!(
        max.used_by.contains(&"drs_03_0105".to_string()),
        "{:?}",
        max.used_by
    );
}

#[test]
fn fail_on_levels() {
    let (old, new) = drs_pair();
    let same = diff::diff(std::slice::from_ref(&old), std::slice::from_ref(&old));
    assert!(same.services.is_empty());
    assert!(!FailOn::Any.fails(&same));
    let mut minor = old.clone();
    minor.operations.push(
        new.operations
            .iter()
            .find(|o| o.id == "drs_03_0150")
            .unwrap()
            .clone(),
    );
    let minor = diff::diff(&[old], &[minor]);
    assert!(!FailOn::Breaking.fails(&minor));
    assert!(!FailOn::Potential.fails(&minor));
    assert!(FailOn::Any.fails(&minor));
}

#[test]
fn diff_text() {
    insta::assert_snapshot!(render::text(&drs_report()));
}

#[test]
fn diff_markdown() {
    insta::assert_snapshot!(render::markdown(&drs_report()));
}

#[test]
fn diff_json() {
    insta::assert_snapshot!(render::json(&drs_report()));
}

/// Every rule id the table documents is unique; the Markdown table lists them all.
#[test]
fn rule_table_is_documented() {
    let doc =
        std::fs::read_to_string(workspace_root().join("codegen/REVIEW.md")).expect("REVIEW.md");
    let table = codegen::review::rules::table_markdown();
    assert!(
        doc.contains(&table),
        "codegen/REVIEW.md's rule table is out of date: paste `codegen diff --rules` into it"
    );
}

// ------------------------------------------------------------------ OpenAPI

fn committed_specs() -> Vec<ServiceSpec> {
    codegen::pipeline::load_specs(&workspace_root()).expect("committed specs")
}

/// Every export is valid against the official OpenAPI 3.1 schema
/// (`fixtures/openapi/oas-3.1-schema-2022-10-07.json`, vendored unchanged).
#[test]
fn openapi_exports_validate_against_the_official_schema() {
    let path = codegen_tests::fixture("openapi/oas-3.1-schema-2022-10-07.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let specs = committed_specs();
    assert!(specs.len() >= 27, "{} specs", specs.len());
    for spec in &specs {
        let doc = openapi::document(spec);
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .take(5)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", spec.service);
    }
    // And the schema does reject a broken document.
    assert!(!validator.is_valid(&json!({"openapi": "3.1.0", "info": {"title": "x"}, "paths": {}})));
}

/// Constraints become JSON Schema keywords; the docs' places become extensions.
#[test]
fn openapi_carries_constraints_and_sources() {
    let spec = committed_specs()
        .into_iter()
        .find(|s| s.service == "data-replication-service")
        .expect("DRS");
    let doc = openapi::document(&spec);
    let req = &doc["components"]["schemas"]["CreateJobReq"];
    assert_eq!(req["x-codegen-type-id"], "CreateJobReq");
    assert_eq!(req["properties"]["name"]["minLength"], 4);
    assert_eq!(req["properties"]["name"]["maxLength"], 50);
    assert_eq!(req["properties"]["node_num"]["minimum"], 1);
    assert_eq!(req["properties"]["node_num"]["maximum"], 32);
    assert_eq!(
        req["properties"]["net_type"]["enum"],
        json!(["vpn", "vpc", "eip"])
    );
    assert_eq!(req["properties"]["task_type"]["default"], "FULL_INCR_TRANS");
    assert!(req["required"].as_array().unwrap().contains(&json!("name")));
    let op = &doc["paths"]["/v3/{project_id}/jobs/batch-creation"]["post"];
    assert_eq!(op["operationId"], "drs_03_0104");
    assert_eq!(
        op["x-codegen-source"]["file"],
        "api/public_api_management/creating_tasks_in_batches.rst"
    );
    assert!(op["responses"]["202"]["content"]["application/json"]["schema"]["$ref"].is_string());
    assert_eq!(openapi::render(&spec), openapi::render(&spec));
}
