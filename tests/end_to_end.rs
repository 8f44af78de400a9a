//! End-to-end checks on the committed contract: `specs/` is valid against its
//! published JSON Schema, `generated/` is exactly what `specs/` produce, and the
//! generated crate (a dependency of this crate, so it is built by `cargo test`)
//! reads the documentation's own examples.

use codegen::pipeline;
use codegen::spec::{self, ServiceSpec};
use codegen_tests::{corpus_root, workspace_root};
use std::fs;

fn committed_specs() -> Vec<(String, String)> {
    let dir = workspace_root().join("specs");
    let mut out: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("specs/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("spec.schema.json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn generated_crate_is_in_sync_with_specs() {
    let differing = pipeline::generate(&workspace_root(), true).expect("generate --check runs");
    assert!(
        differing.is_empty(),
        "generated/ is stale; run `cargo run -p codegen -- generate`: {differing:?}"
    );
}

#[test]
fn published_schema_is_current() {
    let committed = fs::read_to_string(workspace_root().join("specs/spec.schema.json"))
        .expect("specs/spec.schema.json");
    assert_eq!(
        committed,
        spec::json_schema(),
        "specs/spec.schema.json is stale; run `cargo run -p codegen -- schema`"
    );
}

#[test]
fn every_spec_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&spec::json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let specs = committed_specs();
    assert!(
        specs.len() >= 26,
        "expected every OTC service in specs/, found {}",
        specs.len()
    );
    for (name, text) in &specs {
        let value: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{name} violates spec.schema.json: {errors:#?}"
        );
    }
}

#[test]
fn specs_are_in_canonical_form() {
    for (name, text) in committed_specs() {
        let spec = ServiceSpec::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            spec.to_json() == text,
            "{name} is not in canonical form (ordering or formatting)"
        );
        let ids: Vec<&str> = spec.operations.iter().map(|o| o.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted, "{name}: operation ids sorted and unique");
    }
}

#[test]
fn schema_rejects_a_broken_spec() {
    let schema: serde_json::Value = serde_json::from_str(&spec::json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let bad = serde_json::json!({"spec_version": 1, "service": "x", "cloud": "otc", "operations": [{"id": "a"}], "types": {}});
    assert!(!validator.is_valid(&bad));
}

/// The DRS page's own example request reads into the generated body type.
#[test]
fn generated_types_read_the_documented_example() {
    use generated::otc::data_replication_service as drs;
    let text =
        fs::read_to_string(workspace_root().join("specs/data-replication-service.json")).unwrap();
    let spec = ServiceSpec::from_json(&text).unwrap();
    let op = spec
        .operations
        .iter()
        .find(|o| o.id == "drs_03_0104")
        .expect("Creating Tasks in Batches");
    let example = op
        .examples
        .iter()
        .find(|e| e.kind == spec::ExampleKind::Request && e.text.trim_start().starts_with('{'))
        .expect("a JSON request example");
    let body: drs::CreateTasksInBatchesRequestBody =
        serde_json::from_str(&example.text).expect("example reads into the body type");
    let job = &body.jobs[0];
    assert_eq!(job.name, "DRS-9228");
    assert_eq!(job.engine_type.as_str(), "mysql");
    assert_eq!(
        job.source_endpoint.db_type.as_ref().map(|t| t.as_str()),
        Some("mysql")
    );
    let again: serde_json::Value = serde_json::to_value(&body).unwrap();
    assert_eq!(again["jobs"][0]["target_endpoint"]["region"], "eu-de");
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn sync_check_passes_against_the_corpus() {
    let Some(docs) = corpus_root() else {
        eprintln!("no corpus; skipped");
        return;
    };
    let outcome = pipeline::sync(&workspace_root(), &docs, true).expect("sync --check runs");
    assert!(
        outcome.files.is_empty(),
        "specs/ or generated/ differ from what the docs produce: {:?}",
        outcome.files
    );
}

/// The OMS workflow page's request body (seed `示例1：创建迁移任务`) is attached to
/// `POST /v2/{project_id}/tasks` and reads into the generated body type.
#[test]
fn huawei_workflow_example_reads_into_the_generated_type() {
    use generated::huawei::oms;
    let text = fs::read_to_string(workspace_root().join("specs/huawei-oms.json")).unwrap();
    let spec = ServiceSpec::from_json(&text).unwrap();
    let op = spec
        .operations
        .iter()
        .find(|o| o.method == "POST" && o.path == "/v2/{project_id}/tasks")
        .expect("创建迁移任务");
    let example = op
        .examples
        .iter()
        .find(|e| {
            e.title.starts_with("示例1")
                && e.text.trim_start().starts_with('{')
                && e.kind == spec::ExampleKind::Request
        })
        .expect("the workflow page's body is attached as an example");
    let body: oms::CreateTaskRequestBody =
        serde_json::from_str(&example.text).expect("reads into the body type");
    assert_eq!(body.src_node.bucket.as_deref(), Some("source_bucket"));
    assert_eq!(body.dst_node.bucket, "destination_bucket");
    assert_eq!(body.enable_kms, Some(false));
}

/// Every committed service names its API host prefix: without it the
/// generated client has no default endpoint (see `specs/sources.toml`).
#[test]
fn every_listed_service_has_an_endpoint() {
    let sources =
        codegen::sources::Sources::load(&workspace_root().join("specs/sources.toml")).unwrap();
    let missing: Vec<&str> = sources
        .services
        .iter()
        .filter(|s| s.endpoint.as_deref().is_none_or(str::is_empty))
        .map(|s| s.name.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "add `endpoint = \"<host prefix>\"` (https://<prefix>.<region>.otc.t-systems.com) to these \
         [[service]] entries in specs/sources.toml: {missing:?}"
    );
}
