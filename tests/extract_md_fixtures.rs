//! Extraction of the forms of the Huawei Cloud Markdown pages, one small fake
//! service per case under `fixtures/huawei-forms/<case>/`: spec, diagnostics and
//! the generated Rust module.

use codegen::pipeline::{Extracted, extract_dir};
use codegen::spec::{ExampleKind, Location, Operation, ServiceSpec, TypeDef, TypeRef};
use codegen_tests::{field, fixture, op, type_of};

/// Extracts a fixture service; diagnostics are rendered with paths relative to it.
fn form(case: &str) -> (ServiceSpec, Vec<String>) {
    let dir = fixture(&format!("huawei-forms/{case}"));
    let Extracted { spec, diags, .. } =
        extract_dir(&dir, case, "huawei").unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let root = format!("{}/", dir.display());
    let diags = diags
        .sorted()
        .iter()
        .map(|d| d.to_string().replace(&root, ""))
        .collect();
    (spec, diags)
}

fn rust(spec: &ServiceSpec) -> String {
    codegen::rust::generate_module(spec).unwrap_or_else(|e| panic!("{}: {e}", spec.service))
}

/// Snapshots `<case>_spec`, `<case>_diagnostics` and `<case>_rust`; returns the
/// spec and diagnostics for assertions.
fn snapshot(case: &str) -> (ServiceSpec, Vec<String>) {
    let (spec, diags) = form(case);
    insta::assert_snapshot!(format!("{case}_spec"), spec.to_json());
    insta::assert_json_snapshot!(format!("{case}_diagnostics"), diags);
    insta::assert_snapshot!(format!("{case}_rust"), rust(&spec));
    (spec, diags)
}

/// Field names and required flags, in table order.
fn flags(ty: &TypeDef) -> Vec<(&str, bool)> {
    ty.fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect()
}

fn params(op: &Operation) -> Vec<(&str, Location, bool)> {
    op.parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect()
}

#[test]
fn generated_style() {
    let (spec, _) = snapshot("generated_style");
    let op = op(&spec, "GET", "/v2/{project_id}/demo/instances");
    assert_eq!(
        params(op),
        [
            ("project_id", Location::Path, true),
            ("offset", Location::Query, false),
            ("limit", Location::Query, false),
            ("status", Location::Query, false),
            ("X-Auth-Token", Location::Header, true),
            ("X-Language", Location::Header, false),
        ]
    );
    let statuses: Vec<&str> = op.responses.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(statuses, ["200", "400"]);
    let ok = type_of(&spec, &op.responses[0].body.as_ref().expect("200 body").ty);
    let instances = field(ok, "instances");
    assert!(matches!(instances.ty, TypeRef::Array { .. }));
    assert_eq!(type_of(&spec, &instances.ty).name, "DemoInstance");
}

#[test]
fn pipe_tables() {
    let (spec, _) = snapshot("pipe_tables");
    let op = op(
        &spec,
        "POST",
        "/v3/{project_id}/vpc/traffic-mirror-sessions",
    );
    let body = type_of(&spec, &op.request_body.as_ref().expect("request body").ty);
    let option = type_of(&spec, &field(body, "traffic_mirror_session").ty);
    assert_eq!(option.name, "CreateTrafficMirrorSessionOption");
    assert_eq!(
        flags(option),
        [
            ("name", true),
            ("traffic_mirror_sources", true),
            ("priority", true),
            ("virtual_network_id", false),
        ]
    );
}

#[test]
fn spans() {
    let (_, diags) = snapshot("spans");
    // The status/operation table (rowspan, colspan) is reported, not silently dropped.
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("变更示例实例状态.md:") && d.contains("table-not-parameters")),
        "{diags:#?}"
    );
}

#[test]
fn cross_page() {
    let (spec, diags) = snapshot("cross_page");
    let op = op(&spec, "GET", "/v2.0/demo/routetables/{routetable_id}");
    let resp = type_of(&spec, &op.responses[0].body.as_ref().expect("body").ty);
    let routes = type_of(&spec, &field(resp, "routes").ty);
    assert_eq!(routes.origins[0].file, "路由对象.md");
    assert_eq!(
        field(resp, "peer").ty,
        TypeRef::Array {
            items: Box::new(TypeRef::Any)
        }
    );
    assert!(
        diags.iter().any(|d| d.starts_with("查询示例路由表.md:")
            && d.contains("ref-dangling")
            && d.contains("table999")),
        "{diags:#?}"
    );
}

#[test]
fn classic() {
    snapshot("classic");
}

/// The OMS operation page with its nested tables, plus the seed workflow page
/// whose `Body：` block is the operation's request example.
#[test]
fn oms() {
    let (spec, diags) = snapshot("oms");
    let op = op(&spec, "POST", "/v2/{project_id}/tasks");
    assert_eq!(params(op), [("project_id", Location::Path, true)]);
    let body = type_of(&spec, &op.request_body.as_ref().expect("request body").ty);
    assert_eq!(
        flags(body),
        [
            ("task_type", false),
            ("src_node", true),
            ("dst_node", true),
            ("enable_kms", false),
            ("description", false),
            ("enable_restore", false),
            ("enable_failed_object_recording", false),
        ]
    );
    // `task_type` is a String whose note links 表3: still a string.
    assert_eq!(field(body, "task_type").ty, TypeRef::String);
    let src = type_of(&spec, &field(body, "src_node").ty);
    assert_eq!(src.origins[0].table.as_deref(), Some("oms_table_src"));
    // `ak` and `sk` link back to 表2 from their description: they stay strings.
    assert_eq!(field(src, "ak").ty, TypeRef::String);
    assert_eq!(field(src, "sk").ty, TypeRef::String);
    let list_file = type_of(&spec, &field(src, "list_file").ty);
    assert_eq!(
        flags(list_file),
        [("list_file_key", true), ("obs_bucket", true)]
    );
    let dst = type_of(&spec, &field(body, "dst_node").ty);
    assert_eq!(dst.origins[0].table.as_deref(), Some("oms_table_dst"));
    assert_eq!(dst.fields.len(), 5);
    // 表2 is the body only, never a nested type.
    let body_tables = spec
        .types
        .values()
        .filter(|t| {
            t.origins
                .iter()
                .any(|o| o.table.as_deref() == Some("oms_table_body"))
        })
        .count();
    assert_eq!(body_tables, 1);

    let seed = "示例1-创建迁移任务.md";
    let seed_body = op
        .examples
        .iter()
        .find(|e| {
            e.kind == ExampleKind::Request
                && e.title.ends_with("Body：")
                && e.text.contains("\"enable_failed_object_recording\" : true")
        })
        .unwrap_or_else(|| panic!("no Body example from {seed}: {:#?}", op.examples));
    assert!(
        seed_body
            .text
            .contains("\"object_key\" : [\"01.png\", \"list.txt\"]")
    );
    // The workflow's request examples fit the spec; its response example shows
    // a `task_name` the response table does not list (a finding, a note).
    assert_eq!(
        diags,
        [
            "示例1-创建迁移任务.md:130: note[example-field-unknown]: response example of `oms_api_0040`: `/task_name` is not a field of `oms_api_0040 Response Body`; it would be dropped"
        ],
        "{diags:#?}"
    );
}

/// Chinese constraint forms in HTML and pipe tables: lengths, `取值范围`, a
/// list under `取值范围：`, `枚举值：`, `默认值：`/`默认为“…”`, and per-case ranges
/// that must not be read.
#[test]
fn constraints() {
    let (spec, diags) = snapshot("constraints");
    assert!(diags.is_empty(), "{diags:#?}");
    let op = op(&spec, "POST", "/v1/{project_id}/demo-queues");
    let body = type_of(&spec, &op.request_body.as_ref().expect("body").ty);
    let c = &field(body, "charge_mode").constraints;
    assert_eq!(c.values, ["prePaid", "postPaid"]);
    assert_eq!(c.default, Some(serde_json::json!("postPaid")));
    let c = &field(body, "capacity").constraints;
    assert_eq!((c.minimum, c.maximum), (Some(40), Some(1024)));
    assert!(field(body, "period_num").constraints.is_empty());
}

/// Issue 12 (9), (4): the Type cell links the page itself while the description
/// links the table's anchor inside the list item; the response row's `vpc对象`
/// is the table of that name below it, not the request one; `List<route>` binds
/// to the table captioned `route参数说明`.
#[test]
fn indented_anchor() {
    let (spec, diags) = snapshot("indented_anchor");
    assert_eq!(diags, Vec::<String>::new());
    let create = op(&spec, "POST", "/v1/{project_id}/vpcs");
    let request = type_of(&spec, &create.request_body.as_ref().unwrap().ty);
    let vpc = type_of(&spec, &field(request, "vpc").ty);
    assert_eq!(
        field(type_of(&spec, &field(vpc, "routes").ty), "nexthop").ty,
        TypeRef::String
    );
    let response = type_of(&spec, &create.responses[0].body.as_ref().unwrap().ty);
    let vpc = type_of(&spec, &field(response, "vpc").ty);
    assert!(vpc.fields.iter().any(|f| f.name == "status"));
}

/// Issue 12 (8): one field documented by a table per action (RDS *创建实例*:
/// `instance` for a single or primary/standby instance, and for a read replica).
/// The field's type is the union of both tables; a field missing from one of them
/// is optional, and a note says so. The same for a whole request body documented
/// by a table per case (IMS *制作镜像*), and a body whose one row is `[数组]`.
#[test]
fn action_variants() {
    let (spec, diags) = snapshot("action_variants");
    let create = op(&spec, "POST", "/v1/{project_id}/demo/instances");
    let body = type_of(&spec, &create.request_body.as_ref().expect("body").ty);
    let instance = type_of(&spec, &field(body, "instance").ty);
    assert_eq!(
        flags(instance),
        [
            ("name", true),
            ("flavorRef", true),
            ("ha_mode", false),
            ("replicaOfId", false)
        ]
    );
    assert!(instance.description.contains("Union"));
    // A request documented by a table per case (from a server / from an OBS file):
    // the body is the union of both tables.
    let image = op(&spec, "POST", "/v2/demo/images");
    let body = type_of(&spec, &image.request_body.as_ref().expect("body").ty);
    assert_eq!(
        flags(body),
        [
            ("name", true),
            ("description", false),
            ("instance_id", false),
            ("min_ram", false),
            ("image_url", false),
            ("min_disk", false)
        ]
    );
    // A body table whose one row is `[数组]`: the body is the array itself.
    let patch = op(&spec, "PATCH", "/v2/demo/cloudimages/{image_id}");
    let TypeRef::Array { items } = &patch.request_body.as_ref().expect("body").ty else {
        panic!("the body is an array");
    };
    assert_eq!(
        flags(type_of(&spec, items)),
        [("op", true), ("path", true), ("value", false)]
    );
    assert!(
        diags
            .iter()
            .any(|d| d.contains("table-variant-merged") && d.contains("创建实例.md"))
    );
}

/// Older Huawei pages (EVS, FunctionGraph) slip in ways the example settles:
/// - an anchor on a list item's lead line (`-  <a name="li…"></a>volumes参数说明`)
///   labels the item's table, so the description's link types `volume`;
/// - a `String` row that cites a table named after it (`请参考表2`, `func_code参数说明`)
///   is that object when the example shows an object, a list of it when the
///   example shows a list (`links`), and stays a string when the example shows a
///   string (`metric_list`: JSON inside a string; its table stays reported);
/// - the table lists one function while the example wraps a list of them in
///   `functions` beside a paging `next_marker`, with one undocumented key per item
///   and the item's `}` missing before the `]` (read as closed there).
#[test]
fn older_page_slips() {
    let (spec, diags) = snapshot("older_page_slips");
    let update = op(&spec, "PUT", "/v2/{project_id}/cloudvolumes/{volume_id}");
    let body = type_of(&spec, &update.responses[0].body.as_ref().unwrap().ty);
    let volume = type_of(&spec, &field(body, "volume").ty);
    assert_eq!(flags(volume), [("id", false), ("name", false)]);

    let list = op(&spec, "GET", "/v2/{project_id}/fgs/functions");
    let body = type_of(&spec, &list.responses[0].body.as_ref().unwrap().ty);
    let TypeRef::Array { items } = &field(body, "functions").ty else {
        panic!("functions is no list: {:?}", field(body, "functions").ty);
    };
    let function = type_of(&spec, items);
    let code = type_of(&spec, &field(function, "func_code").ty);
    assert_eq!(flags(code), [("file", false), ("link", false)]);
    let TypeRef::Array { items } = &field(function, "links").ty else {
        panic!("links is no list");
    };
    assert_eq!(
        flags(type_of(&spec, items)),
        [("rel", false), ("href", false)]
    );
    assert_eq!(field(function, "metric_list").ty, TypeRef::String);
    let has = |code: &str, text: &str| diags.iter().any(|d| d.contains(code) && d.contains(text));
    assert!(has("type-cell-object", "`func_code`"), "{diags:#?}");
    assert!(
        has("type-cell-object", "a list of that object"),
        "{diags:#?}"
    );
    assert!(has("body-wrapper", "functions"), "{diags:#?}");
    assert!(has("table-unbound", "metric_list"), "{diags:#?}");
}

/// DEW's error bodies (`error | Object`, then a table captioned `ErrorDetail`
/// under every status) and older tag pages (`tags | Array of objects`, then a
/// table captioned `resource_tag`): the only table after a body, named for no
/// field, describes the body's only untyped object, one status at a time. With
/// two untyped objects (`spec`, `status`) the table stays unbound: nothing says
/// which one it is.
#[test]
fn sole_object() {
    let (spec, diags) = snapshot("sole_object");
    let alias = op(&spec, "PUT", "/v1.0/{project_id}/kms/key-alias");
    for r in alias.responses.iter().filter(|r| r.status != "200") {
        let body = type_of(&spec, &r.body.as_ref().expect("an error body").ty);
        let TypeRef::Ref { id } = &field(body, "error").ty else {
            panic!("{}: `error` is untyped", r.status);
        };
        assert_eq!(
            flags(&spec.types[id]),
            [("error_code", false), ("error_msg", false)]
        );
    }
    let tags = op(
        &spec,
        "POST",
        "/v1.0/{project_id}/instances/{instance_id}/tags/action",
    );
    let body = type_of(&spec, &tags.request_body.as_ref().expect("a body").ty);
    let TypeRef::Array { items } = &field(body, "tags").ty else {
        panic!("`tags` is not a list");
    };
    assert_eq!(
        flags(type_of(&spec, items)),
        [("key", true), ("value", true)]
    );
    let show = op(&spec, "GET", "/v1.0/{project_id}/instances/{instance_id}");
    let body = type_of(&spec, &show.responses[0].body.as_ref().expect("a body").ty);
    assert_eq!(field(body, "spec").ty, TypeRef::Any);
    assert!(
        diags
            .iter()
            .any(|d| d.contains("table-unbound") && d.contains("InstanceSpec"))
    );
}

/// DLI's edge pages put `表2 请求参数说明` inside the `请求样例` item of the
/// request section, before any example: a table captioned as parameters is the
/// section's (the request body), not a table of the example heading above it.
#[test]
fn parameters_under_example() {
    let (spec, diags) = snapshot("parameters_under_example");
    assert!(
        diags.iter().all(|d| !d.contains("table-out-of-place")),
        "{diags:#?}"
    );
    let post = op(&spec, "POST", "/v1/{project_id}/edgesrv/job-report");
    let body = type_of(
        &spec,
        &post.request_body.as_ref().expect("a request body").ty,
    );
    assert_eq!(flags(body), [("message_id", false), ("state", true)]);
}

/// APIG's shared-gateway pages: the operation line is a table (`请求方法 | URI`),
/// objects are typed `字典数据类型` and described by tables their rows do not
/// link (`健康检查详情`, `后端实例详情`), the response is a bare `-` row with its
/// table after it, times are typed `Timestamp`. The examples say which field
/// each table describes, and that `vpc_instances` and the body are lists.
#[test]
fn method_table() {
    let (spec, diags) = snapshot("method_table");
    assert!(diags.iter().all(|d| !d.contains("warning")), "{diags:#?}");
    let put = op(&spec, "PUT", "/v1.0/apigw/vpc-channels/{id}");
    let body = type_of(
        &spec,
        &put.request_body.as_ref().expect("a request body").ty,
    );
    let health = type_of(&spec, &field(body, "vpc_health_config").ty);
    assert_eq!(flags(health), [("protocol", true), ("port", false)]);
    let TypeRef::Array { items } = &field(body, "vpc_instances").ty else {
        panic!("`vpc_instances` is not a list");
    };
    assert_eq!(
        flags(type_of(&spec, items)),
        [("instance_id", true), ("weight", true)]
    );
    let TypeRef::Array { items } = &put.responses[0].body.as_ref().expect("a body").ty else {
        panic!("the response body is not a list");
    };
    let instance = type_of(&spec, items);
    assert_eq!(field(instance, "create_time").ty, TypeRef::String);
}

/// BMS's older pages: `表4 正常响应要素说明` and `表5 异常响应要素说明` are
/// captions, not headings, yet they say which response a table (and the
/// `error数据结构` table after it) documents; `os:scheduler_hints字段数据结构说明`
/// names a field with a colon; `stringarray` is a list of strings; the
/// `正常响应` / `异常响应` items of the examples section are response examples.
#[test]
fn response_captions() {
    let (spec, diags) = snapshot("response_captions");
    assert!(diags.iter().all(|d| !d.contains("warning")), "{diags:#?}");
    let post = op(
        &spec,
        "POST",
        "/v1/{project_id}/baremetalservers/{server_id}/attachvolume",
    );
    let statuses: Vec<&str> = post.responses.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(statuses, ["2XX", "default"]);
    // `-  正常响应` / `-  异常响应` items of the `响应样例` section: response examples.
    let shown: Vec<Option<&str>> = (post.examples.iter())
        .filter(|e| e.kind == ExampleKind::Response)
        .map(|e| e.status.as_deref())
        .collect();
    assert_eq!(shown, [Some("2XX"), Some("default")]);
    let error = type_of(
        &spec,
        &post.responses[1].body.as_ref().expect("an error body").ty,
    );
    let detail = type_of(&spec, &field(error, "error").ty);
    assert_eq!(flags(detail), [("message", false), ("code", false)]);
    let body = type_of(
        &spec,
        &post.request_body.as_ref().expect("a request body").ty,
    );
    let hints = type_of(&spec, &field(body, "os:scheduler_hints").ty);
    assert_eq!(flags(hints), [("group", false)]);
    let attachment = type_of(&spec, &field(body, "volumeAttachment").ty);
    assert_eq!(
        field(attachment, "tags").ty,
        TypeRef::Array {
            items: Box::new(TypeRef::String)
        }
    );
}

/// APIG documents `backend_params` once (`backend_params参数说明`) and uses it
/// in the body and again inside `policy_https`: the second, with no table of
/// its own, is typed like the first, with a note. `root_volume.metadata`
/// shares its name with the body's `metadata`, but the example shows it
/// holding a key that table lacks (`__system__encrypted`): it stays untyped.
#[test]
fn same_name() {
    let (spec, diags) = snapshot("same_name");
    let post = op(&spec, "POST", "/v1.0/apigw/apis");
    let body = type_of(&spec, &post.request_body.as_ref().unwrap().ty);
    let https = type_of(&spec, &field(body, "policy_https").ty);
    assert_eq!(
        field(https, "backend_params").ty,
        field(body, "backend_params").ty
    );
    assert!(
        matches!(&field(https, "backend_params").ty, TypeRef::Array { items } if matches!(**items, TypeRef::Ref { .. }))
    );
    let root_volume = type_of(&spec, &field(body, "root_volume").ty);
    assert_eq!(field(root_volume, "metadata").ty, TypeRef::Any);
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.contains("type-same-name"))
            .count(),
        1,
        "{diags:#?}"
    );
}

/// GES's forms: a Type cell naming its type in Chinese (`JobDetail数据结构`),
/// captions naming a field's attributes (`schemaPath属性列表`) or two fields at
/// once (`edgesetPath和vertexsetPath属性列表`), and name cells annotated with
/// the version or edition that added the field (`delimiter（2.2.8）`), whose
/// wire name is the part before the parentheses; Type cells that point at a
/// table (`List结构，参见X类型数据结构说明。`) or say `character`.
#[test]
fn ges_forms() {
    let (spec, diags) = snapshot("ges_forms");
    let get = op(
        &spec,
        "GET",
        "/v1.0/{project_id}/graphs/{graph_id}/jobs/{job_id}/status",
    );
    let body = (get.responses.iter())
        .find_map(|r| r.body.as_ref())
        .expect("a response body");
    let body = type_of(&spec, &body.ty);
    let names: Vec<&str> = body.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["jobId", "jobDetail", "delimiter", "cause", "history"]
    );
    // `character` is a string; `List结构，参见JobDetail类型数据结构说明。` a list of
    // the type whose table it points at.
    assert_eq!(field(body, "delimiter").ty, TypeRef::String);
    assert_eq!(
        field(body, "history").ty,
        TypeRef::Array {
            items: Box::new(field(body, "jobDetail").ty.clone())
        }
    );
    assert!(field(body, "delimiter").description.starts_with("(2.2.8)"));
    let detail = type_of(&spec, &field(body, "jobDetail").ty);
    let items = |name: &str| match &field(detail, name).ty {
        TypeRef::Array { items } => (**items).clone(),
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(items("edgesetPath"), items("vertexsetPath"));
    assert!(matches!(items("vertexsetPath"), TypeRef::Ref { .. }));
    assert!(matches!(items("schemaPath"), TypeRef::Ref { .. }));
    assert_ne!(items("schemaPath"), items("edgesetPath"));
    assert!(
        diags.iter().all(|d| !d.contains("table-unbound")),
        "{diags:#?}"
    );
    let annotated = diags.iter().filter(|d| d.contains("name-annotated"));
    assert_eq!(annotated.count(), 2, "{diags:#?}");
    // `请求成功样例` / `请求失败样例` show the request's outcome: responses,
    // with the status their `Http Status Code:` line gives.
    let sides: Vec<_> = (get.examples.iter())
        .map(|e| (e.kind, e.status.as_deref()))
        .collect();
    assert_eq!(
        sides,
        [
            (codegen::spec::ExampleKind::Response, Some("200")),
            (codegen::spec::ExampleKind::Response, Some("400"))
        ]
    );
}
