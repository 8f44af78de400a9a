//! Extraction of each odd form of the OTC docs, one small fake service per case
//! under `fixtures/otc-forms/<case>/`: spec, diagnostics and (for some) the Rust.

use codegen::pipeline::{Extracted, extract_dir};
use codegen::spec::{Location, ServiceSpec, TypeDef, TypeRef};
use codegen_tests::{field, fixture, op, type_of};
use std::path::Path;

/// Extracts a fixture service; diagnostics are rendered with paths relative to it.
fn extract(dir: &Path, service: &str) -> (ServiceSpec, Vec<String>) {
    let Extracted { spec, diags, .. } =
        extract_dir(dir, service, "otc").unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let root = format!("{}/", dir.display());
    let diags = diags
        .sorted()
        .iter()
        .map(|d| d.to_string().replace(&root, ""))
        .collect();
    (spec, diags)
}

/// The field names of the items of the list field `list` of `def`.
fn list_item_fields<'a>(spec: &'a ServiceSpec, def: &TypeDef, list: &str) -> Vec<&'a str> {
    let TypeRef::Array { items } = &field(def, list).ty else {
        panic!("{list} is not a list");
    };
    type_of(spec, items)
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect()
}

fn form(case: &str) -> (ServiceSpec, Vec<String>) {
    extract(&fixture(&format!("otc-forms/{case}")), case)
}

fn rust(spec: &ServiceSpec) -> String {
    codegen::rust::generate_module(spec).unwrap_or_else(|e| panic!("{}: {e}", spec.service))
}

/// Snapshots `<case>_spec` and `<case>_diagnostics`; returns the spec for assertions.
fn snapshot(case: &str) -> ServiceSpec {
    let (spec, diags) = form(case);
    insta::assert_snapshot!(format!("{case}_spec"), spec.to_json());
    insta::assert_json_snapshot!(format!("{case}_diagnostics"), diags);
    spec
}

#[test]
fn unwrapped_tables() {
    let spec = snapshot("unwrapped_tables");
    insta::assert_snapshot!("unwrapped_tables_rust", rust(&spec));
}

#[test]
fn path_method_lines() {
    let spec = snapshot("path_method_lines");
    insta::assert_snapshot!("path_method_lines_rust", rust(&spec));
}

#[test]
fn query_in_uri_table() {
    snapshot("query_in_uri_table");
}

#[test]
fn cross_page_refs() {
    snapshot("cross_page_refs");
}

#[test]
fn dangling_refs() {
    snapshot("dangling_refs");
}

#[test]
fn pipes_in_cells() {
    snapshot("pipes_in_cells");
}

#[test]
fn repeated_error_tables() {
    let spec = snapshot("repeated_error_tables");
    insta::assert_snapshot!("repeated_error_tables_rust", rust(&spec));
}

#[test]
fn duplicate_titles() {
    snapshot("duplicate_titles");
}

#[test]
fn bare_value_and_headers() {
    let spec = snapshot("bare_value_and_headers");
    insta::assert_snapshot!("bare_value_and_headers_rust", rust(&spec));
}

/// Example findings, modelled on real ones: an undocumented key, a missing
/// mandatory field and an integer for a `String` (each a note at the key's line).
#[test]
fn example_findings() {
    snapshot("example_findings");
}

#[test]
fn not_an_operation() {
    snapshot("not_an_operation");
}

/// The two seed pages, each on its own service directory: snapshots plus the
/// acceptance criteria as explicit assertions.
fn seed(service: &str) -> (ServiceSpec, Vec<String>) {
    extract(&fixture(&format!("otc/{service}")), service)
}

/// Field names and required flags, in table order.
fn flags(ty: &TypeDef) -> Vec<(&str, bool)> {
    ty.fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect()
}

#[test]
fn seed_data_replication_service() {
    let (spec, diags) = seed("data-replication-service");
    insta::assert_snapshot!("seed_drs_spec", spec.to_json());
    insta::assert_json_snapshot!("seed_drs_diagnostics", diags);
    insta::assert_snapshot!("seed_drs_rust", rust(&spec));

    let op = op(&spec, "POST", "/v3/{project_id}/jobs/batch-creation");
    let params: Vec<(&str, Location, bool)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("project_id", Location::Path, true),
            ("Content-Type", Location::Header, true),
            ("X-Auth-Token", Location::Header, true),
            ("X-Language", Location::Header, false),
        ]
    );

    // The request examples (JSON blocks; the URL lines above them are blocks
    // of their own, not JSON) fit the body type: they round-trip.
    let mut round_tripped = 0;
    for example in &op.examples {
        use codegen::extract::{example_json, examples};
        let Ok(parsed) = example_json::read(&example.text) else {
            assert!(example.text.starts_with("https://"), "{}", example.text);
            continue;
        };
        assert_eq!(parsed.repairs, [], "{}", example.text);
        let ty = examples::target(op, example).expect("has a body type");
        assert_eq!(examples::check(&parsed.value, ty, &spec.types), []);
        round_tripped += 1;
    }
    assert_eq!(round_tripped, 5, "4 requests and the 202 response");

    let body = type_of(&spec, &op.request_body.as_ref().expect("request body").ty);
    assert_eq!(flags(body), [("jobs", true)]);
    let jobs = field(body, "jobs");
    assert!(matches!(jobs.ty, TypeRef::Array { .. }), "{:?}", jobs.ty);
    let create_job_req = type_of(&spec, &jobs.ty);
    assert_eq!(create_job_req.name, "CreateJobReq");
    // Mandatory column of Table 4, row by row.
    assert_eq!(
        flags(create_job_req),
        [
            ("name", true),
            ("db_use_type", true),
            ("engine_type", true),
            ("job_direction", true),
            ("bind_eip", false),
            ("customize_sutnet_id", true),
            ("is_target_readonly", false),
            ("net_type", true),
            ("node_type", true),
            ("node_num", false),
            ("source_endpoint", true),
            ("target_endpoint", true),
            ("task_type", true),
            ("tags", false),
            ("description", false),
            ("multi_write", false),
            ("sys_tags", false),
            ("expired_days", false),
            ("master_az", false),
            ("slave_az", false),
        ]
    );
    let endpoint = type_of(&spec, &field(create_job_req, "source_endpoint").ty);
    assert_eq!(endpoint.name, "Endpoint");
    assert_eq!(
        type_of(&spec, &field(create_job_req, "target_endpoint").ty).name,
        "Endpoint"
    );
    // Table 5: all 20 rows say `No`.
    assert_eq!(endpoint.fields.len(), 20);
    assert!(endpoint.fields.iter().all(|f| !f.required));
    for tags in ["tags", "sys_tags"] {
        let tag = type_of(&spec, &field(create_job_req, tags).ty);
        assert_eq!(tag.name, "ResourceTag");
        assert_eq!(flags(tag), [("key", false), ("value", false)]);
    }

    // The Status Code table lists 202 and 400; only 202 has a body table.
    let statuses: Vec<&str> = op.responses.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(statuses, ["202", "400"]);
    assert!(op.responses[1].body.is_none());
    let ok = &op.responses[0];
    let resp = type_of(&spec, &ok.body.as_ref().expect("202 body").ty);
    let names: Vec<&str> = resp.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["results", "count"]);
    assert!(matches!(field(resp, "count").ty, TypeRef::Integer { .. }));
    let results = field(resp, "results");
    assert!(matches!(results.ty, TypeRef::Array { .. }));
    let create_job_resp = type_of(&spec, &results.ty);
    assert_eq!(create_job_resp.name, "CreateJobResp");
    let names: Vec<&str> = create_job_resp
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "id",
            "child_ids",
            "name",
            "status",
            "create_time",
            "error_code",
            "error_msg"
        ]
    );
    assert!(
        !diags.iter().any(|d| d.contains("table-unused")),
        "{diags:#?}"
    );
}

#[test]
fn seed_distributed_cache_service() {
    let (spec, diags) = seed("distributed-cache-service");
    insta::assert_snapshot!("seed_dcs_spec", spec.to_json());
    insta::assert_json_snapshot!("seed_dcs_diagnostics", diags);
    insta::assert_snapshot!("seed_dcs_rust", rust(&spec));

    let op = op(&spec, "POST", "/v2/{project_id}/migration-task");
    // Every table of the page is read: no table is reported unused or unbound.
    for code in ["table-unused", "table-unbound", "table-out-of-place"] {
        assert!(!diags.iter().any(|d| d.contains(code)), "{diags:#?}");
    }
    // The six body tables (Tables 2-7) all end up as types of the spec.
    let mut tables: Vec<&str> = spec
        .types
        .values()
        .flat_map(|t| &t.origins)
        .filter_map(|o| o.table.as_deref())
        .collect();
    tables.sort();
    tables.dedup();
    for want in [
        "Table 2 Request body parameters",
        "createmigrationtask__request_backupfilesbody",
        "createmigrationtask__request_files",
        "createmigrationtask__request_sourceinstancebody",
        "createmigrationtask__request_targetinstancebody",
        "Table 7 Response body parameters",
    ] {
        assert!(tables.contains(&want), "{want} not in {tables:?}");
    }
    let body = type_of(&spec, &op.request_body.as_ref().expect("request body").ty);
    let backup_files = type_of(&spec, &field(body, "backup_files").ty);
    assert_eq!(backup_files.name, "BackupFilesBody");
    let statuses: Vec<&str> = op.responses.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(statuses, ["200", "400", "401", "403", "404", "500"]);
    for r in &op.responses {
        assert!(r.body.is_some(), "status {} has no body", r.status);
    }
    let error = &op.responses[1].body.as_ref().expect("400 body").ty;
    for r in &op.responses[2..] {
        assert_eq!(&r.body.as_ref().expect("error body").ty, error);
    }
}

/// Constraint forms of the OTC pages (ranges, lengths, enumerations, defaults),
/// near misses that must not be read, and each contradiction diagnostic.
#[test]
fn constraints() {
    let spec = snapshot("constraints");
    let op = op(&spec, "POST", "/v2/{project_id}/queues");
    let limit = op
        .parameters
        .iter()
        .find(|p| p.name == "limit")
        .expect("limit");
    assert_eq!(
        (limit.constraints.minimum, limit.constraints.maximum),
        (Some(1), Some(1000))
    );
    assert_eq!(limit.ty, TypeRef::Integer { bits: 32 });
    let body = type_of(&spec, &op.request_body.as_ref().expect("body").ty);
    assert_eq!(field(body, "mode").constraints.values, ["NORMAL", "FIFO"]);
    for name in ["size", "priority", "tier", "note"] {
        assert!(field(body, name).constraints.is_empty(), "{name}");
    }
    let (_, diags) = form("constraints");
    let codes: Vec<&str> = diags
        .iter()
        .filter_map(|d| d.split('[').nth(1)?.split(']').next())
        .filter(|c| c.starts_with("constraint-"))
        .collect();
    assert_eq!(
        codes,
        [
            "constraint-default-conflict",
            "constraint-range-inverted",
            "constraint-enum-type"
        ]
    );
}

/// Issue 12 (1): a list page links the single-item page's response table; that
/// table is still the single-item page's own response body, named after it.
#[test]
fn own_body_first() {
    let spec = snapshot("own_body_first");
    let show = op(&spec, "GET", "/v1/{project_id}/servers/{server_id}");
    let body = show.responses[0].body.as_ref().expect("own response body");
    assert_eq!(
        body.ty,
        TypeRef::Ref {
            id: "Querying a Server Response Body".into()
        }
    );
    let list = &spec.types["Listing Servers Response Body"];
    assert_eq!(
        field(list, "servers").ty,
        TypeRef::Array {
            items: Box::new(body.ty.clone())
        }
    );
}

/// Issue 12 (5), (11): Go-style and other type cells, `Array of object X`, a row
/// with Type and Mandatory swapped; a query `Array` is an array of strings.
#[test]
fn type_cell_forms() {
    let spec = snapshot("type_cell_forms");
    let list = op(&spec, "GET", "/v2/{project_id}/jobs");
    let job_ids = list
        .parameters
        .iter()
        .find(|p| p.name == "job_ids")
        .unwrap();
    assert_eq!(
        (job_ids.location, &job_ids.ty),
        (
            Location::Query,
            &TypeRef::Array {
                items: Box::new(TypeRef::String)
            }
        )
    );
    let arr = |id: &str| TypeRef::Array {
        items: Box::new(TypeRef::Ref { id: id.into() }),
    };
    let offset = list.parameters.iter().find(|p| p.name == "offset");
    assert_eq!(offset.unwrap().ty, TypeRef::Integer { bits: 64 });
    let job = &spec.types["Job"];
    assert_eq!(field(job, "created_at").ty, TypeRef::String);
    assert_eq!(field(job, "retries").ty, TypeRef::Integer { bits: 64 });
    assert_eq!(field(job, "dependencies").ty, arr("dependency"));
    assert_eq!(field(job, "tags").ty, arr("resource_tag"));
    assert_eq!(
        field(job, "schedule").ty,
        TypeRef::Ref {
            id: "Schedule".into()
        }
    );
    let body = &spec.types["Creating a Job Request Body"];
    assert_eq!(field(body, "steps").ty, arr("JobStep"));
    let priority = field(body, "priority");
    assert_eq!(
        (&priority.ty, priority.required),
        (&TypeRef::Integer { bits: 64 }, false)
    );
}

/// Issue 12 (6): a `badrequest` heading names no request; the `HTTP/1.1 404`
/// line opening the example gives its status, so it is checked against the 404 body.
#[test]
fn example_sides() {
    let spec = snapshot("example_sides");
    let del = op(&spec, "DELETE", "/v1/{project_id}/keys/{key_id}");
    let sides: Vec<_> = del
        .examples
        .iter()
        .map(|e| (e.kind, e.status.as_deref()))
        .collect();
    assert_eq!(
        sides,
        [
            (codegen::spec::ExampleKind::Response, Some("404")),
            (codegen::spec::ExampleKind::Response, None)
        ]
    );
}

/// Issue 12 (10): the tables document the contents of the `dnat_rule` wrapper
/// both examples show; the bodies become that wrapper (a `body-wrapper` note each).
#[test]
fn body_wrapper() {
    let spec = snapshot("body_wrapper");
    let create = op(&spec, "POST", "/v2.0/dnat_rules");
    let body = &spec.types["Creating a DNAT Rule Request Body"];
    assert_eq!(
        create.request_body.as_ref().unwrap().ty,
        TypeRef::Ref {
            id: "Creating a DNAT Rule Request Body".into()
        }
    );
    let wrapper = field(body, "dnat_rule");
    assert!(wrapper.required);
    let inner = type_of(&spec, &wrapper.ty);
    assert_eq!(inner.name, "dnat_rule");
    assert!(field(inner, "external_port").required);
}

/// Issue 12, accounting: a `Normal response` table superseded by the
/// `Status code: 200` one is read as a type no operation reaches: reported
/// (`table-unreachable`), not counted as used, and not in the spec.
#[test]
fn unreachable_table() {
    let spec = snapshot("unreachable_table");
    assert_eq!(spec.types.len(), 1);
    let Extracted { stats, .. } = extract_dir(
        &fixture("otc-forms/unreachable_table"),
        "unreachable_table",
        "otc",
    )
    .unwrap();
    assert_eq!(
        (stats.tables_used, stats.tables_reported),
        (3, 1),
        "path, 200 body, status codes used; the Normal response table reported"
    );
}

/// DataArts Studio: `Schedule data structure` type cells, a `List<JobParam>` bound by the
/// caption `JobParam data structure description`, `Array String` and `[Long]`.
#[test]
fn data_structure_cells() {
    let spec = snapshot("data_structure_cells");
    let op = op(&spec, "POST", "/v1/{project_id}/jobs");
    let body = type_of(&spec, &op.request_body.as_ref().expect("body").ty);
    let schedule = type_of(&spec, &field(body, "schedule").ty);
    assert_eq!(schedule.name, "Schedule");
    assert_eq!(type_of(&spec, &field(schedule, "cron").ty).name, "Cron");
    let job_params = &field(body, "jobParams").ty;
    assert!(
        matches!(job_params, TypeRef::Array { .. }),
        "{job_params:?}"
    );
    assert_eq!(type_of(&spec, job_params).name, "JobParam");
    let array_of = |ty: TypeRef| TypeRef::Array {
        items: Box::new(ty),
    };
    assert_eq!(field(body, "nodes").ty, array_of(TypeRef::String));
    assert!(
        matches!(&field(body, "job_ids").ty, TypeRef::Array { items } if matches!(**items, TypeRef::Integer { .. }))
    );
}

/// VBS: `list<dict>` fields whose description says `see the **backup** field
/// description`, bound to the table under the heading `**backup** field description`.
#[test]
fn field_description_refs() {
    let spec = snapshot("field_description_refs");
    let op = op(&spec, "GET", "/v3/{project_id}/backups");
    let ok = op
        .responses
        .iter()
        .find(|r| r.status == "200")
        .expect("200");
    let body = type_of(&spec, &ok.body.as_ref().expect("body").ty);
    let backup = type_of(&spec, &field(body, "backups").ty);
    assert_eq!(field(backup, "id").ty, TypeRef::String);
    let links = type_of(&spec, &field(backup, "links").ty);
    assert_eq!(field(links, "rel").ty, TypeRef::String);
}

/// MRS Manager: `-  Example:` before `-  Parameter description` in the Request and
/// Response sections (once `Request parameter description` under Response), with
/// `REFERENCE` / `ARRAY_REFERENCE` type cells bound by the captions naming each field.
#[test]
fn example_then_parameters() {
    let (spec, diags) = form("example_then_parameters");
    insta::assert_snapshot!("example_then_parameters_spec", spec.to_json());
    insta::assert_json_snapshot!("example_then_parameters_diagnostics", diags);
    assert!(
        !diags.iter().any(|d| d.contains("table-out-of-place")),
        "{diags:#?}"
    );
    let op = op(&spec, "POST", "/web/v1/config/cluster/{cluster_id}/save");
    let body = type_of(&spec, &op.request_body.as_ref().expect("body").ty);
    let summary = type_of(&spec, &field(body, "configurations_summary").ty);
    assert_eq!(
        field(summary, "restart_affected_components").ty,
        TypeRef::Boolean
    );
    let ok = op
        .responses
        .iter()
        .find(|r| r.status == "200")
        .expect("200");
    let resp = type_of(&spec, &ok.body.as_ref().expect("body").ty);
    let res_obj = type_of(&spec, &field(resp, "res_obj").ty);
    let steps = &field(res_obj, "step_list").ty;
    assert!(matches!(steps, TypeRef::Array { .. }), "{steps:?}");
    assert!(matches!(
        field(type_of(&spec, steps), "progress").ty,
        TypeRef::Integer { .. }
    ));
}

/// Issue 12 (7): a method written `Get`; a page whose URI section defers to
/// its example request, which opens with the operation's line.
#[test]
fn operation_lines() {
    let spec = snapshot("operation_lines");
    let lines: Vec<_> = spec
        .operations
        .iter()
        .map(|o| (o.id.as_str(), o.method.as_str(), o.path.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("CreateGrant", "POST", "/v1.0/{project_id}/kms/create-grant"),
            ("ListKeys", "GET", "/v1.0/{project_id}/kms/keys")
        ]
    );
}

/// Issue 12 (2): a response part with no table whose prose names another
/// page's table as the response parameters, and a `**virtual_gateway**` field
/// typed by the overview page's table its prose links (Constraint column read
/// into the description).
#[test]
fn prose_links() {
    let spec = snapshot("prose_links");
    let state = op(
        &spec,
        "GET",
        "/v2.0/dcaas/virtual-gateways/{virtual_gateway_id}/state",
    );
    let body = type_of(&spec, &state.responses[0].body.as_ref().unwrap().ty);
    assert_eq!(body.fields.len(), 2);
    let query = op(
        &spec,
        "GET",
        "/v2.0/dcaas/virtual-gateways/{virtual_gateway_id}",
    );
    let wrapper = type_of(&spec, &query.responses[0].body.as_ref().unwrap().ty);
    let vgw = type_of(&spec, &field(wrapper, "virtual_gateway").ty);
    assert!(
        field(vgw, "name")
            .description
            .contains("0 to 64 characters")
    );
}

/// Issue 12 (3): the update page's `subnetpool` links the create page's table in
/// its Type cell while the page documents its own variant right below (Table 3,
/// only `name` and `description`): this page's table wins, and the conflict is
/// reported where it is.
#[test]
fn local_table_wins() {
    let (spec, diags) = form("local_table_wins");
    insta::assert_snapshot!("local_table_wins_spec", spec.to_json());
    insta::assert_json_snapshot!("local_table_wins_diagnostics", diags);
    let names = |t: &TypeDef| t.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    let update = op(&spec, "PUT", "/v2.0/subnetpools/{subnetpool_id}");
    let body = type_of(&spec, &update.request_body.as_ref().expect("body").ty);
    assert_eq!(
        names(type_of(&spec, &field(body, "subnetpool").ty)),
        ["name", "description"]
    );
    let create = op(&spec, "POST", "/v2.0/subnetpools");
    let body = type_of(&spec, &create.request_body.as_ref().expect("body").ty);
    assert_eq!(
        names(type_of(&spec, &field(body, "subnetpool").ty)),
        ["name", "prefixes", "default_prefixlen"]
    );
    assert!(diags.iter().any(|d| {
        d.starts_with("subnet_pool/updating_a_subnet_pool.rst:39: warning[type-link-conflict]")
    }));
}

/// A body table whose one row is bracketed (`[items]`, SWR, FunctionGraph,
/// AOM, Config; `*[items]*` in emphasis) is the array itself, not an object
/// with a `[items]` key that no JSON body has.
#[test]
fn bracketed_array_rows() {
    let spec = snapshot("bracketed_array_rows");
    let op = &spec.operations[0];
    let body = op.request_body.as_ref().expect("request body");
    assert!(
        matches!(&body.ty, TypeRef::Array { .. }),
        "request body is the array: {:?}",
        body.ty
    );
    let ok = op
        .responses
        .iter()
        .find(|r| r.status == "200")
        .expect("200");
    assert!(
        matches!(ok.body.as_ref().map(|b| &b.ty), Some(TypeRef::Array { .. })),
        "response body is the array: {:?}",
        ok.body
    );
    insta::assert_snapshot!("bracketed_array_rows_rust", rust(&spec));
}

/// GET sends no body: a flat request table without a location (EVS's bare
/// table under `Request filter parameters`, TMS's `Table 2 Parameters`) holds
/// query parameters, each page noted; a header-named row is a header; a table
/// with an object row stays a body.
#[test]
fn get_request_tables() {
    let spec = snapshot("get_request_tables");
    let by_path = |path: &str| {
        spec.operations
            .iter()
            .find(|o| o.path == path)
            .unwrap_or_else(|| panic!("{path}"))
    };
    let evs = by_path("/v3/{project_id}/os-volume-transfer");
    assert!(evs.request_body.is_none());
    let locations: Vec<(&str, Location)> = evs
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location))
        .collect();
    assert_eq!(
        locations,
        [
            ("project_id", Location::Path),
            ("limit", Location::Query),
            ("status", Location::Query)
        ]
    );
    let tms = by_path("/v1.0/predefine_tags");
    assert!(tms.request_body.is_none());
    let language = tms
        .parameters
        .iter()
        .find(|p| p.name == "X-Language")
        .unwrap();
    assert_eq!(language.location, Location::Header);
    let object = by_path("/v1.0/filtered_tags");
    assert!(
        object.request_body.is_some(),
        "an object row keeps the body"
    );
}

/// An object row of the URI table on a POST (DC's `direct_connect |
/// Dictionary`) is the body's wrapper, not a query parameter: the body is
/// `{"direct_connect": {…}}`, typed by the request table, and the example
/// round-trips.
#[test]
fn uri_row_wrapper() {
    let spec = snapshot("uri_row_wrapper");
    let op = &spec.operations[0];
    assert!(
        op.parameters.iter().all(|p| p.location != Location::Query),
        "no query parameter: {:?}",
        op.parameters
    );
    let body = op.request_body.as_ref().expect("body");
    let TypeRef::Ref { id } = &body.ty else {
        panic!("body is a type: {:?}", body.ty)
    };
    let wrapper = &spec.types[id];
    assert_eq!(wrapper.fields.len(), 1);
    assert_eq!(wrapper.fields[0].name, "direct_connect");
    let TypeRef::Ref { id: inner } = &wrapper.fields[0].ty else {
        panic!("wrapped: {:?}", wrapper.fields[0].ty)
    };
    let names: Vec<&str> = spec.types[inner]
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["name", "bandwidth"]);
}

/// Member rows listed flat after their `dict` / `list<dict>` parent row (VBS,
/// CSBS, API version lists): the example nests them, so they are the
/// parent's type, and the example round-trips without findings.
#[test]
fn flat_member_rows() {
    let spec = snapshot("flat_member_rows");
    let op = &spec.operations[0];
    let Some(TypeRef::Ref { id }) = op.request_body.as_ref().map(|b| &b.ty) else {
        panic!("request body")
    };
    let body = &spec.types[id];
    let names: Vec<&str> = body.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "backup_policy_name",
            "scheduled_policy",
            "tags",
            "time_zone"
        ]
    );
    let fields_of = |ty: &TypeRef| -> Vec<String> {
        let id = match ty {
            TypeRef::Ref { id } => id,
            TypeRef::Array { items } => match &**items {
                TypeRef::Ref { id } => id,
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        spec.types[id]
            .fields
            .iter()
            .map(|f| f.name.clone())
            .collect()
    };
    assert_eq!(fields_of(&body.fields[1].ty), ["start_time", "status"]);
    assert!(matches!(body.fields[2].ty, TypeRef::Array { .. }));
    assert_eq!(fields_of(&body.fields[2].ty), ["key", "value"]);
}

/// A row linking the very table it sits in (two types share one anchor: SFS
/// `Statement`, Huawei CCE `spec`) is bound to the next table of that name,
/// not read as a recursive type.
#[test]
fn self_link_anchor() {
    let spec = snapshot("self_link_anchor");
    let op = &spec.operations[0];
    let Some(TypeRef::Ref { id }) = op.request_body.as_ref().map(|b| &b.ty) else {
        panic!("request body")
    };
    let body = &spec.types[id];
    let TypeRef::Array { items } = &body.fields[0].ty else {
        panic!("{:?}", body.fields[0].ty)
    };
    let TypeRef::Ref { id: statement } = &**items else {
        panic!("{items:?}")
    };
    assert_ne!(statement, id, "not the body itself");
    let names: Vec<&str> = spec.types[statement]
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["Sid", "Effect"]);
}

/// A description's `see Table 3` that points at a table no name claims, while
/// a later table is named after the field (MRS `auto_scaling_policy`): the
/// named table types the field; the stray table is reported, not nested.
#[test]
fn misdirected_link() {
    let spec = snapshot("misdirected_link");
    let policy = spec
        .types
        .values()
        .flat_map(|t| &t.fields)
        .find(|f| f.name == "auto_scaling_policy")
        .expect("auto_scaling_policy");
    let TypeRef::Ref { id } = &policy.ty else {
        panic!("{:?}", policy.ty)
    };
    let names: Vec<&str> = spec.types[id]
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["auto_scaling_enable", "min_capacity"]);
}

/// MRS *Configuring an Auto Scaling Rule*: a table named after
/// `auto_scaling_policy`, which no row declares while the example request shows
/// it beside `node_group` holding the table's fields. The key becomes an
/// optional field of the body, typed by the table, with a note; a table named
/// after a key no example shows (`tags`) stays reported.
#[test]
fn table_named_field() {
    let (spec, diags) = form("table_named_field");
    insta::assert_snapshot!("table_named_field_spec", spec.to_json());
    insta::assert_json_snapshot!("table_named_field_diagnostics", diags);
    let post = op(
        &spec,
        "POST",
        "/v1.1/{project_id}/autoscaling-policy/{cluster_id}",
    );
    let body = type_of(&spec, &post.request_body.as_ref().unwrap().ty);
    let names: Vec<&str> = body.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["node_group", "auto_scaling_policy"]);
    let policy = field(body, "auto_scaling_policy");
    assert!(!policy.required);
    let policy = type_of(&spec, &policy.ty);
    let names: Vec<&str> = policy.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["auto_scaling_enable", "min_capacity"]);
    assert!(
        diags.iter().any(|d| d.contains("table-field-by-example")),
        "{diags:#?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.contains("table-unbound") && d.contains("`tags`")),
        "{diags:#?}"
    );
}

/// CCE *Reading Job Progress*: the `status` type's `subJobs` links back to the
/// response table (a job holds its sub-jobs). A link from the table's own tree
/// is a recursive type; the response table is still the response body.
#[test]
fn recursive_body() {
    let (spec, diags) = form("recursive_body");
    insta::assert_snapshot!("recursive_body_spec", spec.to_json());
    insta::assert_json_snapshot!("recursive_body_diagnostics", diags);
    let get = op(&spec, "GET", "/api/v3/projects/{project_id}/jobs/{job_id}");
    let body_ty = &get.responses[0].body.as_ref().expect("a response body").ty;
    let body = type_of(&spec, body_ty);
    let status = type_of(&spec, &field(body, "status").ty);
    assert_eq!(&field(status, "subJobs").ty, body_ty);
}

/// ECS *Querying the Networks of a Specified ECS* and IAM's policy `Condition`:
/// a table whose one row names a placeholder (`Network address of the ECS`,
/// `<operator>`, `<attribute>`) documents a map keyed by such names, not an
/// object with that field. The example (`"net1": [...]`, `"StringEquals": {...}`)
/// round-trips through the maps; no type keeps the placeholder as a field.
#[test]
fn placeholder_keys() {
    let (spec, diags) = form("placeholder_keys");
    insta::assert_snapshot!("placeholder_keys_spec", spec.to_json());
    insta::assert_json_snapshot!("placeholder_keys_diagnostics", diags);
    let get = op(&spec, "GET", "/v2.1/{project_id}/servers/{server_id}/ips");
    let body = type_of(&spec, &get.responses[0].body.as_ref().unwrap().ty);
    let TypeRef::Map { values } = &field(body, "addresses").ty else {
        panic!("addresses: {:?}", field(body, "addresses").ty);
    };
    let TypeRef::Array { items } = values.as_ref() else {
        panic!("{values:?}");
    };
    let names: Vec<&str> = type_of(&spec, items)
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["version", "addr"]);
    assert_eq!(
        field(body, "Condition").ty,
        TypeRef::Map {
            values: Box::new(TypeRef::Map {
                values: Box::new(TypeRef::Array {
                    items: Box::new(TypeRef::String)
                })
            })
        }
    );
    assert!(
        !spec
            .types
            .values()
            .flat_map(|t| &t.fields)
            .any(|f| f.name.contains(' ') || f.name.starts_with('<'))
    );
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.contains("placeholder-key-map"))
            .count(),
        3,
        "{diags:#?}"
    );
    assert!(!diags.iter().any(|d| d.contains("example-")), "{diags:#?}");
}

/// CCI's Kubernetes-style pages: the 200 body and its object tables are repeated
/// under 201 and 202 without their labels (the links in the copies still point
/// at the 200 ones), the last copy with a description that drifted. The copies
/// are the same tables, used by their first copy: no `table-unbound`, and every
/// status shares one body type.
#[test]
fn repeated_status_tables() {
    let (spec, diags) = form("repeated_status_tables");
    insta::assert_snapshot!("repeated_status_tables_spec", spec.to_json());
    insta::assert_json_snapshot!("repeated_status_tables_diagnostics", diags);
    assert!(
        diags.iter().all(|d| !d.contains("table-unbound")),
        "{diags:#?}"
    );
    let post = op(&spec, "POST", "/api/v1/namespaces/{namespace}/configmaps");
    let bodies: Vec<_> = (post.responses.iter())
        .map(|r| &r.body.as_ref().expect("a response body").ty)
        .collect();
    assert_eq!(bodies.len(), 3);
    assert!(bodies.iter().all(|b| *b == bodies[0]), "{bodies:?}");
}

/// A Type cell that names its table otherwise than the page does: the plural
/// element of a list (`Array of matches` documented as "Description of the
/// **match** field", `Array of resource_tags` as field **resource_tag**) and
/// the row's dotted path (`user` of `role_assignments` documented in the table
/// captioned `role_assignments.user`). Both bind with a note; a type no table
/// of the page names (`owners`) stays unresolved.
#[test]
fn named_otherwise() {
    let (spec, diags) = form("named_otherwise");
    insta::assert_snapshot!("named_otherwise_spec", spec.to_json());
    insta::assert_json_snapshot!("named_otherwise_diagnostics", diags);
    let post = op(
        &spec,
        "POST",
        "/v2/{project_id}/sfs/resource_instances/action",
    );
    let body = type_of(&spec, &post.request_body.as_ref().unwrap().ty);
    for (list, keys) in [("matches", ["key", "value"]), ("tags", ["key", "values"])] {
        assert_eq!(list_item_fields(&spec, body, list), keys, "{list}");
    }
    assert_eq!(
        field(body, "owners").ty,
        TypeRef::Array {
            items: Box::new(TypeRef::Any)
        }
    );
    let unresolved: Vec<&String> = diags
        .iter()
        .filter(|d| d.contains("type-unresolved"))
        .collect();
    assert_eq!(unresolved.len(), 1, "{unresolved:#?}");
    assert!(unresolved[0].contains("`owners`"));
    let scope = &spec.types["role_assignments.scope"];
    assert_eq!(
        field(scope, "project").ty,
        TypeRef::Ref {
            id: "role_assignments.scope.project".into()
        }
    );
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.contains("type-named-otherwise"))
            .count(),
        5
    );
    assert!(
        diags.iter().all(|d| !d.contains("table-unbound")),
        "{diags:#?}"
    );
}

/// A list of maps (`list<map<String, String>>`) whose description links the
/// table named after the field is a list of records of that table's fields
/// (EVS `links`, `attachments`), with a note. A list of maps without a link
/// stays one (`labels`), and so does a bare map whose table names well-known
/// keys of an open set (`metadata`: that table stays reported).
#[test]
fn map_list_records() {
    let (spec, diags) = form("map_list_records");
    insta::assert_snapshot!("map_list_records_spec", spec.to_json());
    insta::assert_json_snapshot!("map_list_records_diagnostics", diags);
    let volume = &spec.types["volume"];
    for (list, keys) in [
        ("links", ["href", "rel"]),
        ("attachments", ["server_id", "attachment_id"]),
    ] {
        assert_eq!(list_item_fields(&spec, volume, list), keys, "{list}");
    }
    let string_map = TypeRef::Map {
        values: Box::new(TypeRef::String),
    };
    assert_eq!(
        field(volume, "labels").ty,
        TypeRef::Array {
            items: Box::new(string_map.clone())
        }
    );
    assert_eq!(field(volume, "metadata").ty, string_map);
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.contains("type-cell-map-records"))
            .count(),
        2
    );
    let unbound: Vec<&String> = diags
        .iter()
        .filter(|d| d.contains("table-unbound"))
        .collect();
    assert_eq!(unbound.len(), 1, "{unbound:#?}");
    assert!(unbound[0].contains("`metadata`"));
}

/// A request documented flat with its wrapper row last (classic VPN): the
/// example nests the rows under `ikepolicy`, and `lifetime`'s own rows under
/// it; the rows the example leaves out (`description`, `tenant_id`) are the
/// wrapper's too. The response's example shows a key the table lacks
/// (`order_id`): three in four of its keys are rows, so it is still nested,
/// and the stray key is reported.
#[test]
fn flat_wrapper() {
    let (spec, diags) = form("flat_wrapper");
    insta::assert_snapshot!("flat_wrapper_spec", spec.to_json());
    insta::assert_json_snapshot!("flat_wrapper_diagnostics", diags);
    let post = op(&spec, "POST", "/v2.0/vpn/ikepolicies");
    let names =
        |def: &TypeDef| -> Vec<String> { def.fields.iter().map(|f| f.name.clone()).collect() };
    let body = type_of(&spec, &post.request_body.as_ref().unwrap().ty);
    assert_eq!(names(body), ["ikepolicy"]);
    let policy = type_of(&spec, &field(body, "ikepolicy").ty);
    assert_eq!(
        names(policy),
        [
            "name",
            "auth_algorithm",
            "lifetime",
            "pfs",
            "description",
            "tenant_id"
        ]
    );
    let lifetime = type_of(&spec, &field(policy, "lifetime").ty);
    assert_eq!(names(lifetime), ["value", "units"]);
    let response = type_of(&spec, &post.responses[0].body.as_ref().unwrap().ty);
    assert_eq!(names(response), ["ikepolicy"]);
    let policy = type_of(&spec, &field(response, "ikepolicy").ty);
    assert_eq!(
        names(policy),
        ["auth_algorithm", "name", "id", "created_at"]
    );
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.contains("flat-rows-nested"))
            .count(),
        5
    );
    assert!(
        diags
            .iter()
            .any(|d| d.contains("example-field-unknown") && d.contains("order_id"))
    );
}

/// A list whose Type cell names no item type (`Array`) is typed by the items
/// the examples of its side show at its place in the body: strings, integers,
/// numbers (integers beside fractions). Mixed kinds, an empty list, objects no
/// table describes, or items shown only by an error example leave it open. An
/// untyped object described as key-value pairs is a map to the one kind its
/// shown values have, unless the description names the keys shown (a record).
#[test]
fn open_values_by_example() {
    let (spec, diags) = form("open_values_by_example");
    insta::assert_snapshot!("open_values_by_example_spec", spec.to_json());
    insta::assert_json_snapshot!("open_values_by_example_diagnostics", diags);
    let post = op(&spec, "POST", "/v2.0/lbaas/listeners");
    let list = |items: TypeRef| TypeRef::Array {
        items: Box::new(items),
    };
    let request = type_of(&spec, &post.request_body.as_ref().unwrap().ty);
    let listener = type_of(&spec, &field(request, "listener").ty);
    for (name, items) in [
        ("sni_container_refs", TypeRef::String),
        ("ports", TypeRef::Integer { bits: 64 }),
        ("weights", TypeRef::Number),
        ("labels", TypeRef::Any),
        ("tags", TypeRef::Any),
        ("rules", TypeRef::Any),
    ] {
        assert_eq!(field(listener, name).ty, list(items), "{name}");
    }
    assert_eq!(
        field(listener, "metadata").ty,
        TypeRef::Map {
            values: Box::new(TypeRef::String)
        }
    );
    assert_eq!(field(listener, "quota").ty, TypeRef::Any);
    let response = (post.responses.iter())
        .find_map(|r| r.body.as_ref())
        .expect("a response body");
    let listener = type_of(&spec, &field(type_of(&spec, &response.ty), "listener").ty);
    assert_eq!(
        field(listener, "sni_container_refs").ty,
        list(TypeRef::String)
    );
    assert_eq!(field(listener, "ports").ty, list(TypeRef::Any));
    let notes = |code: &str| diags.iter().filter(|d| d.contains(code)).count();
    assert_eq!(notes("list-items-by-example"), 4, "{diags:#?}");
    assert_eq!(notes("map-values-by-example"), 1, "{diags:#?}");
}
