//! Smoke tests of the `codegen` binary: `report` and `extract` on a made-up corpus.

use std::path::Path;
use std::process::Command;

const PAGE: &str = "Creating a Thing
================

URI
---

POST /v1/{project_id}/things

Request
-------

.. table:: **Table 1** Request body parameters

   +-----------+-----------+------------------------------+-------------+
   | Parameter | Mandatory | Type                         | Description |
   +===========+===========+==============================+=============+
   | thing     | Yes       | :ref:`Thing <missing_label>` | The thing.  |
   +-----------+-----------+------------------------------+-------------+
   | size      | No        | Integer                      | The size.   |
   +-----------+-----------+------------------------------+-------------+
";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let svc = dir.path().join("otc/svc");
    std::fs::create_dir_all(&svc).unwrap();
    std::fs::write(svc.join("creating_a_thing.rst"), PAGE).unwrap();
    dir
}

fn codegen(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(cwd)
        .env_remove("DOCS_ROOT")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn report_json_and_table() {
    let dir = corpus();
    let root = dir.path().to_str().unwrap();
    let out = codegen(&["report", root, "--json"], dir.path());
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["report_version"], 1);
    assert_eq!(v["services"][0]["cloud"], "otc");
    assert_eq!(v["services"][0]["service"], "svc");
    assert_eq!(v["total"]["operations"], 1);
    assert_eq!(v["total"]["fields"], 2);
    assert_eq!(v["total"]["diagnostics"]["ref-dangling"], 1);

    let out = codegen(&["report", root], dir.path());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("service "), "{table}");
    assert!(table.contains("otc/svc "), "{table}");
    assert!(table.contains("\ntotal "), "{table}");

    let out = codegen(&["report", root, "--deny-warnings"], dir.path());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn extract_renders_rich_and_short() {
    let dir = corpus();
    let svc = dir.path().join("otc/svc");
    let svc = svc.to_str().unwrap();
    let out = codegen(&["extract", svc], dir.path());
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("warning[ref-dangling]: "), "{err}");
    assert!(err.contains("creating_a_thing.rst:17:4\n"), "{err}");
    assert!(err.contains("17 |    | thing "), "{err}");
    assert!(err.contains("^^^^"), "{err}");
    assert!(
        err.contains("= help: check the label; labels match case-insensitively"),
        "{err}"
    );

    let out = codegen(
        &["extract", svc, "--format", "short", "--deny-warnings"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let first = err.lines().next().unwrap();
    assert!(
        first.ends_with("creating_a_thing.rst:17: warning[ref-dangling]: type of `thing` links `missing_label`, which no page of the service defines; using an untyped value"),
        "{err}"
    );
}

/// One service whose docs cannot be read does not stop `sync`: the other
/// service is written, the failure is named, its old spec is left alone, and
/// the exit code says something failed.
#[test]
fn sync_isolates_a_failing_service() {
    let dir = corpus();
    let root = dir.path();
    std::fs::create_dir_all(root.join("specs")).unwrap();
    std::fs::write(
        root.join("specs/sources.toml"),
        "[[service]]\nname = \"gone\"\ncloud = \"otc\"\npath = \"otc/gone\"\n\n\
         [[service]]\nname = \"svc\"\ncloud = \"otc\"\npath = \"otc/svc\"\n",
    )
    .unwrap();
    std::fs::write(root.join("specs/gone.json"), "kept as it was\n").unwrap();
    let docs = root.to_str().unwrap();
    let out = codegen(&["sync", "--specs-only", "--docs-root", docs], root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: gone: not extracted"), "{stderr}");
    let spec = std::fs::read_to_string(root.join("specs/svc.json")).unwrap();
    assert!(spec.contains("\"/v1/{project_id}/things\""), "{spec}");
    assert_eq!(
        std::fs::read_to_string(root.join("specs/gone.json")).unwrap(),
        "kept as it was\n"
    );
}

/// `codegen lint` on a copy of the DRS batch-creation page and the seed
/// *Task Creation Example* workflow page.
#[test]
fn lint_reports_the_seed_task_creation_example() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lint");
    let dir = fixture.to_str().unwrap();
    let out = codegen(&["lint", dir], &fixture);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let page = "data-replication-service/getting_started/task_creation_example.rst";
    for want in [
        format!("{page}:47: example-json-broken: /: "),
        format!(
            "{page}:54: example-field-unknown: /source_Endpoint: request example of `drs_03_0104` (read as one item of `jobs`): "
        ),
        "the table: `CreateJobReq` has `source_endpoint`".to_string(),
        format!("{page}:57: example-field-unknown: /target_Endpoint: "),
        "the table: `CreateJobReq` has `target_endpoint`".to_string(),
        "otc/data-replication-service: ".to_string(),
    ] {
        assert!(text.contains(&want), "missing {want:?} in\n{text}");
    }

    let out = codegen(&["lint", dir, "--format", "json"], &fixture);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let unknown: Vec<&str> = findings
        .iter()
        .filter(|f| f["kind"] == "example-field-unknown")
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(unknown, ["/source_Endpoint", "/target_Endpoint"]);
    let svc = &v["services"][0];
    assert_eq!(svc["findings"].as_u64().unwrap() as usize, findings.len());

    let out = codegen(&["lint", dir, "--deny-warnings"], &fixture);
    assert_eq!(out.status.code(), Some(1));
    let out = codegen(&["lint", dir, "--service", "nothing-here"], &fixture);
    assert_eq!(out.status.code(), Some(2));
}
