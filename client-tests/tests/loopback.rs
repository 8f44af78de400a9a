//! The generated methods against a wiremock server on 127.0.0.1: for each
//! operation the request as sent (method, encoded path, query, headers,
//! signature recomputed independently, JSON body from the docs' request
//! example) and the docs' response example read back into the typed result;
//! documented and undocumented error statuses, retries, timeouts, and the IAM
//! password flow, on five services of both clouds.

use client_tests::{contained, example, operation, spec, success_status, verify};
use generated::huawei::oms;
use generated::otc::{
    anti_ddos, data_replication_service as drs, direct_connect as dc, nat_gateway as nat,
};
use generated::runtime::{
    self, CallOptions, Client, Cloud, Config, Error, PasswordAuth, ProjectScope, Response,
    RetryPolicy,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT: &str = "0549a6a31000d4e82fd1c00c3d6f2d76";
const SK: &str = "SK-LOOPBACK-SECRET";
const TOKEN: &str = "TOKEN-LOOPBACK-SECRET";

#[derive(Clone, Copy)]
enum Auth {
    AkSk,
    Token,
    Password,
}

/// One service's spec, a local server and a client in one authentication mode.
struct Harness {
    server: MockServer,
    client: Client,
    spec: Value,
    auth: Auth,
}

impl Harness {
    async fn new(stem: &str, cloud: Cloud, prefix: &str, auth: Auth) -> Self {
        let server = MockServer::start().await;
        let mut config = Config::new(cloud)
            .with_region("eu-de")
            .with_project_id(PROJECT)
            .with_endpoint(prefix, server.uri())
            .with_retry(fast_retries());
        config = match auth {
            Auth::AkSk => config.with_aksk("AK-LOOPBACK", SK),
            Auth::Token => config.with_token(TOKEN),
            Auth::Password => {
                Mock::given(method("POST"))
                    .and(path("/v3/auth/tokens"))
                    .respond_with(
                        ResponseTemplate::new(201)
                            .insert_header("X-Subject-Token", TOKEN)
                            .set_body_json(
                                json!({"token": {"expires_at": "2999-01-01T00:00:00.000000Z"}}),
                            ),
                    )
                    .expect(1)
                    .mount(&server)
                    .await;
                config
                    .with_iam_endpoint(server.uri())
                    .with_password(password())
            }
        };
        Harness {
            client: Client::new(config).expect("client"),
            spec: spec(stem),
            server,
            auth,
        }
    }

    /// The docs' request example of `id` as the body type.
    fn body<B: DeserializeOwned>(&self, id: &str) -> B {
        let value = example(operation(&self.spec, id), "request")
            .unwrap_or_else(|| panic!("{id}: no request example"));
        serde_json::from_value(value).unwrap_or_else(|e| {
            eprintln!("MISMATCH {id}: request example: {e}");
            panic!("{id}: request example: {e}")
        })
    }

    /// Answers `METHOD path` once with the docs' response example.
    async fn expect(&self, id: &str, expected_path: &str) {
        let op = operation(&self.spec, id);
        let verb = op["method"].as_str().expect("method").to_ascii_uppercase();
        let mut answer = ResponseTemplate::new(success_status(op));
        if let Some(body) = example(op, "response") {
            answer = answer.set_body_json(body);
        }
        Mock::given(method(verb.as_str()))
            .and(path(expected_path))
            .respond_with(answer)
            .expect(1)
            .named(id)
            .mount(&self.server)
            .await;
    }

    /// Checks the answer and the request the server received for `id`.
    async fn check<T: Serialize>(
        &self,
        id: &str,
        expected_path: &str,
        result: runtime::Result<Response<T>>,
    ) {
        let op = operation(&self.spec, id);
        let response = result.unwrap_or_else(|e| {
            eprintln!("MISMATCH {id}: {e}");
            panic!("{id}: {e} / {e:?}")
        });
        assert_eq!(response.status, success_status(op), "{id}");
        if let Some(expected) = example(op, "response") {
            let got = serde_json::to_value(&response.body).expect("serialise");
            if !got.is_null() {
                assert!(
                    contained(&got, &expected),
                    "{id}: read {got} from {expected}"
                );
                if got == json!({}) && expected != json!({}) {
                    eprintln!("MISMATCH {id}: nothing read from the response example");
                }
                assert!(
                    got != json!({}) || expected == json!({}),
                    "{id}: nothing read from {expected}"
                );
            }
        }
        let received = self.server.received_requests().await.expect("recording");
        let request = received
            .iter()
            .rev()
            .find(|r| r.url.path() == expected_path)
            .unwrap_or_else(|| panic!("{id}: nothing received at {expected_path}"));
        let verb = op["method"].as_str().expect("method").to_ascii_uppercase();
        assert_eq!(request.method.as_str(), verb, "{id}");
        match self.auth {
            Auth::AkSk => {
                assert_eq!(verify(request, SK), Ok("AK-LOOPBACK".to_owned()), "{id}");
                assert_eq!(
                    request
                        .headers
                        .get("x-project-id")
                        .map(|v| v.to_str().unwrap()),
                    Some(PROJECT)
                );
            }
            Auth::Token | Auth::Password => {
                assert_eq!(
                    request
                        .headers
                        .get("x-auth-token")
                        .map(|v| v.to_str().unwrap()),
                    Some(TOKEN),
                    "{id}"
                );
                assert!(request.headers.get("authorization").is_none());
            }
        }
        if op["request_body"].is_object() {
            assert_eq!(
                request
                    .headers
                    .get("content-type")
                    .map(|v| v.to_str().unwrap()),
                Some("application/json"),
                "{id}"
            );
            if let Some(expected) = example(op, "request") {
                let sent: Value = serde_json::from_slice(&request.body).expect("JSON body");
                assert!(
                    contained(&sent, &expected),
                    "{id}: sent {sent}, example {expected}"
                );
            }
        } else {
            assert!(request.body.is_empty(), "{id}: unexpected body");
        }
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

fn password() -> PasswordAuth {
    PasswordAuth {
        user_name: "loopback".into(),
        password: "PASSWORD-LOOPBACK-SECRET".into(),
        domain_name: "OTC-EU-DE-000".into(),
        scope: ProjectScope::Id(PROJECT.into()),
    }
}

/// Per-call options that skip the documented-constraint check.
fn no_validation() -> CallOptions {
    CallOptions {
        validate: Some(false),
        ..CallOptions::default()
    }
}

fn at(rest: &str) -> String {
    format!("/v3/{PROJECT}/jobs{rest}")
}

/// DRS, AK/SK: 15 operations with the docs' request and response examples.
#[tokio::test]
async fn drs_operations_signed_with_aksk() {
    let h = Harness::new("data-replication-service", Cloud::Otc, "drs", Auth::AkSk).await;
    let d = drs::Client::new(&h.client);
    macro_rules! case {
        ($id:literal, $rest:literal, $method:ident, $req:ident) => {{
            let p = at($rest);
            h.expect($id, &p).await;
            h.check($id, &p, d.$method(drs::$req::new(h.body($id))).await)
                .await;
        }};
    }
    case!(
        "drs_03_0104",
        "/batch-creation",
        create_tasks_in_batches,
        CreateTasksInBatchesRequest
    );
    case!(
        "drs_03_0105",
        "/batch-connection",
        test_connections_in_batches,
        TestConnectionsInBatchesRequest
    );
    case!(
        "drs_03_0106",
        "/cluster/batch-connection",
        test_connections_in_batches_cluster_mode,
        TestConnectionsInBatchesClusterModeRequest
    );
    case!(
        "drs_03_0107",
        "/batch-modification",
        modify_tasks_in_batches,
        ModifyTasksInBatchesRequest
    );
    case!(
        "drs_03_0109",
        "/batch-select-objects",
        select_database_objects_in_batches,
        SelectDatabaseObjectsInBatchesRequest
    );
    case!(
        "drs_03_0110",
        "/batch-precheck",
        perform_batch_pre_check,
        PerformBatchPreCheckRequest
    );
    case!(
        "drs_03_0111",
        "/batch-precheck-result",
        query_pre_check_results_in_batches,
        QueryPreCheckResultsInBatchesRequest
    );
    case!(
        "drs_03_0112",
        "/batch-starting",
        start_tasks_in_batches,
        StartTasksInBatchesRequest
    );
    case!(
        "drs_03_0130",
        "/batch-limit-speed",
        set_flow_control_for_tasks,
        SetFlowControlForTasksRequest
    );
    case!(
        "drs_03_0132",
        "/batch-retry-task",
        resume_or_retry_tasks_in_batches,
        ResumeOrRetryTasksInBatchesRequest
    );
    case!(
        "drs_03_0133",
        "/batch-pause-task",
        pause_tasks_in_batches,
        PauseTasksInBatchesRequest
    );
    case!(
        "drs_03_0136",
        "/create-compare-task",
        create_comparison_task,
        CreateComparisonTaskRequest
    );
    // The docs' example filters with `""` for enum fields (any value): the
    // client refuses it before sending, and sends it with validation off.
    let p = at("");
    h.expect("drs_03_0138", &p).await;
    let request = drs::QueryTasksOfTenantRequest::new(h.body("drs_03_0138"));
    match d.query_tasks_of_tenant(request.clone()).await {
        Err(Error::Request { message, .. }) => {
            assert!(message.contains("engine_type: enum one of"), "{message}")
        }
        other => panic!("drs_03_0138: not refused before sending: {other:?}"),
    }
    let unchecked = d.clone().with_options(no_validation());
    h.check(
        "drs_03_0138",
        &p,
        unchecked.query_tasks_of_tenant(request).await,
    )
    .await;
    case!(
        "drs_api_0150",
        "/batch-status",
        query_task_statuses_in_batches,
        QueryTaskStatusesInBatchesRequest
    );
    // A path parameter with characters that must be encoded.
    let p = at("/job%3A1%20%C3%A4/get-switch-vip-status");
    h.expect("drs_03_0148", &p).await;
    let r = d
        .query_switchover_result(drs::QuerySwitchoverResultRequest::new("job:1 ä".into()))
        .await;
    h.check("drs_03_0148", &p, r).await;
}

/// Anti-DDoS, token: 6 operations, path parameters.
#[tokio::test]
async fn anti_ddos_operations_with_a_token() {
    let h = Harness::new("anti-ddos", Cloud::Otc, "antiddos", Auth::Token).await;
    let a = anti_ddos::Client::new(&h.client);
    let v1 = format!("/v1/{PROJECT}");
    h.expect("antiddos_02_0002", "/").await;
    h.check(
        "antiddos_02_0002",
        "/",
        a.query_all_api_versions(anti_ddos::QueryAllApiVersionsRequest::new())
            .await,
    )
    .await;
    h.expect("antiddos_02_0007", "/v1").await;
    h.check(
        "antiddos_02_0007",
        "/v1",
        a.query_specified_api_version(anti_ddos::QuerySpecifiedApiVersionRequest::new("v1".into()))
            .await,
    )
    .await;
    let p = format!("{v1}/antiddos/query_config_list");
    h.expect("antiddos_02_0017", &p).await;
    h.check(
        "antiddos_02_0017",
        &p,
        a.query_optional_anti_d_do_s_defense_policies(
            anti_ddos::QueryOptionalAntiDDoSDefensePoliciesRequest::new(),
        )
        .await,
    )
    .await;
    let p = format!("{v1}/antiddos/ip-1");
    h.expect("antiddos_02_0020", &p).await;
    h.check(
        "antiddos_02_0020",
        &p,
        a.query_configured_anti_d_do_s_defense_policies(
            anti_ddos::QueryConfiguredAntiDDoSDefensePoliciesRequest::new("ip-1".into()),
        )
        .await,
    )
    .await;
    let p = format!("{v1}/antiddos/ip-2/status");
    h.expect("antiddos_02_0024", &p).await;
    h.check(
        "antiddos_02_0024",
        &p,
        a.query_defense_status_of_specified_eip(
            anti_ddos::QueryDefenseStatusOfSpecifiedEipRequest::new("ip-2".into()),
        )
        .await,
    )
    .await;
    let p = format!("{v1}/antiddos/default-config");
    h.expect("antiddos_02_0037", &p).await;
    h.check("antiddos_02_0037", &p, a.query_default_protection_policy_configured_for_newly_purchased_public_ip_addresses(anti_ddos::QueryDefaultProtectionPolicyConfiguredForNewlyPurchasedPublicIpAddressesRequest::new()).await).await;
}

/// Direct Connect (host prefix `dcaas`), IAM password: 2 operations; one token fetch serves all.
#[tokio::test]
async fn direct_connect_operations_with_iam_password() {
    let h = Harness::new("direct-connect", Cloud::Otc, "dcaas", Auth::Password).await;
    let c = dc::Client::new(&h.client);
    let base = "/v2.0/dcaas";
    let p = format!("{base}/direct-connects/dc-2");
    h.expect("apis_connection_deleting_a_connection", &p).await;
    h.check(
        "apis_connection_deleting_a_connection",
        &p,
        c.delete_connection(dc::DeleteConnectionRequest::new("dc-2".into()))
            .await,
    )
    .await;
    h.expect(
        "apis_obtaining_the_api_version_information_querying_all_api_versions",
        "/",
    )
    .await;
    h.check(
        "apis_obtaining_the_api_version_information_querying_all_api_versions",
        "/",
        c.query_all_api_versions(dc::QueryAllApiVersionsRequest::new())
            .await,
    )
    .await;
}

/// NAT Gateway, token: 5 operations, query parameters as repeated keys, 204 as unit.
#[tokio::test]
async fn nat_gateway_operations_with_a_token() {
    let h = Harness::new("nat-gateway", Cloud::Otc, "nat", Auth::Token).await;
    let n = nat::Client::new(&h.client);
    let base = format!("/v3/{PROJECT}/private-nat");
    let p = format!("{base}/gateways");
    h.expect("ListPrivateNats", &p).await;
    // A query parameter outside its documented range (1–2000) is refused
    // before anything is sent.
    let mut list = nat::ListPrivateNatsRequest::new();
    list.limit = Some(0);
    match n.list_private_nats(list.clone()).await {
        Err(Error::Request { message, .. }) => {
            assert_eq!(message, "query:limit: minimum 1, got 0")
        }
        other => panic!("limit 0 not refused: {other:?}"),
    }
    assert!(h.server.received_requests().await.unwrap().is_empty());
    list.limit = Some(2);
    list.id = Some(vec!["a b".into(), "c".into()]);
    h.check("ListPrivateNats", &p, n.list_private_nats(list).await)
        .await;
    let received = h.server.received_requests().await.unwrap();
    assert_eq!(
        received.last().unwrap().url.query(),
        Some("limit=2&id=a%20b&id=c")
    );
    let p = format!("{base}/gateways/gw-1");
    h.expect("ShowPrivateNat", &p).await;
    h.check(
        "ShowPrivateNat",
        &p,
        n.show_private_nat(nat::ShowPrivateNatRequest::new("gw-1".into()))
            .await,
    )
    .await;
    let p = format!("{base}/transit-ips/t-1");
    h.expect("ShowTransitIp", &p).await;
    h.check(
        "ShowTransitIp",
        &p,
        n.show_transit_ip(nat::ShowTransitIpRequest::new("t-1".into()))
            .await,
    )
    .await;
    let p = format!("{base}/gateways/gw-2");
    h.expect("DeletePrivateNat", &p).await;
    let deleted: Response<()> = n
        .delete_private_nat(nat::DeletePrivateNatRequest::new("gw-2".into()))
        .await
        .unwrap();
    assert_eq!(deleted.status, 204);
    let p = format!("{base}/transit-ips/t-2");
    h.expect("DeleteTransitIp", &p).await;
    h.check(
        "DeleteTransitIp",
        &p,
        n.delete_transit_ip(nat::DeleteTransitIpRequest::new("t-2".into()))
            .await,
    )
    .await;
}

/// OMS (Huawei), AK/SK: 5 operations named from method and path.
#[tokio::test]
async fn oms_operations_signed_with_aksk() {
    let h = Harness::new("huawei-oms", Cloud::Huawei, "oms", Auth::AkSk).await;
    let o = oms::Client::new(&h.client);
    let tasks = format!("/v2/{PROJECT}/tasks");
    h.expect("oms_api_0040", &tasks).await;
    // The docs' example says `"cloud_type": "cloud_type"`, not one of the
    // documented clouds: refused before sending unless validation is off.
    let request = oms::CreateTaskRequest::new(h.body("oms_api_0040"));
    match o.create_task(request.clone()).await {
        Err(Error::Request { message, .. }) => {
            assert!(message.contains("src_node.cloud_type"), "{message}")
        }
        other => panic!("oms_api_0040: not refused before sending: {other:?}"),
    }
    let unchecked = o.clone().with_options(no_validation());
    h.check("oms_api_0040", &tasks, unchecked.create_task(request).await)
        .await;
    let p = format!("{tasks}/200477729979132");
    h.expect("oms_api_0039", &p).await;
    h.check(
        "oms_api_0039",
        &p,
        o.show_task(oms::ShowTaskRequest::new(200477729979132))
            .await,
    )
    .await;
    let p = format!("{tasks}/7/start");
    h.expect("oms_api_0041", &p).await;
    h.check(
        "oms_api_0041",
        &p,
        o.start_task(oms::StartTaskRequest::new(7, h.body("oms_api_0041")))
            .await,
    )
    .await;
    let p = format!("{tasks}/7/stop");
    h.expect("oms_api_0042", &p).await;
    h.check(
        "oms_api_0042",
        &p,
        o.stop_task(oms::StopTaskRequest::new(7)).await,
    )
    .await;
    let p = format!("{tasks}/8");
    h.expect("oms_api_0043", &p).await;
    h.check(
        "oms_api_0043",
        &p,
        o.delete_task(oms::DeleteTaskRequest::new(8)).await,
    )
    .await;
}

/// A documented error status reads into the operation's typed response; an
/// undocumented one keeps the raw body and headers.
#[tokio::test]
async fn error_statuses_documented_and_not() {
    let h = Harness::new("data-replication-service", Cloud::Otc, "drs", Auth::Token).await;
    let d = drs::Client::new(&h.client);
    // DRS error bodies as the DRS error-code pages show them.
    let documented = json!({"error_code": "DRS.10000010", "error_msg": "Job does not exist."});
    Mock::given(method("POST"))
        .and(path(at("/batch-starting")))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(&documented)
                .insert_header("X-Request-Id", "req-400"),
        )
        .mount(&h.server)
        .await;
    let error = d
        .start_tasks_in_batches(drs::StartTasksInBatchesRequest::new(h.body("drs_03_0112")))
        .await
        .unwrap_err();
    let api = error.api().expect("an API error");
    assert!(api.documented);
    assert_eq!(
        (api.status, api.code.as_deref(), api.message.as_deref()),
        (400, Some("DRS.10000010"), Some("Job does not exist."))
    );
    assert_eq!(api.request_id.as_deref(), Some("req-400"));
    match api.typed::<drs::StartTasksInBatchesResponse>() {
        Some(drs::StartTasksInBatchesResponse::Status400(body)) => assert_eq!(body, &documented),
        other => panic!("{other:?}"),
    }
    Mock::given(method("POST"))
        .and(path(at("/batch-status")))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_string("<html>denied</html>")
                .insert_header("X-Openstack-Request-Id", "req-403"),
        )
        .mount(&h.server)
        .await;
    let error = d
        .query_task_statuses_in_batches(drs::QueryTaskStatusesInBatchesRequest::new(
            h.body("drs_api_0150"),
        ))
        .await
        .unwrap_err();
    let api = error.api().expect("an API error");
    assert!(!api.documented);
    assert_eq!(api.status, 403);
    assert_eq!(api.body_text(), "<html>denied</html>");
    assert_eq!(api.request_id.as_deref(), Some("req-403"));
    assert!(
        api.typed::<drs::QueryTaskStatusesInBatchesResponse>()
            .is_none()
    );
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(TOKEN), "{text}");
    }
}

/// GET is retried on 503 and succeeds; POST is not retried; a slow server times out.
#[tokio::test]
async fn retries_post_and_timeouts() {
    let h = Harness::new("anti-ddos", Cloud::Otc, "antiddos", Auth::Token).await;
    let a = anti_ddos::Client::new(&h.client);
    let p = format!("/v1/{PROJECT}/antiddos/ip-9/status");
    Mock::given(method("GET"))
        .and(path(p.as_str()))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .up_to_n_times(2)
        .mount(&h.server)
        .await;
    h.expect("antiddos_02_0024", &p).await;
    let r = a
        .query_defense_status_of_specified_eip(
            anti_ddos::QueryDefenseStatusOfSpecifiedEipRequest::new("ip-9".into()),
        )
        .await;
    h.check("antiddos_02_0024", &p, r).await;
    assert_eq!(
        h.server.received_requests().await.unwrap().len(),
        3,
        "two 503s, then 200"
    );

    let drs_h = Harness::new("data-replication-service", Cloud::Otc, "drs", Auth::Token).await;
    Mock::given(method("POST"))
        .and(path(at("/batch-starting")))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&drs_h.server)
        .await;
    let error = drs::Client::new(&drs_h.client)
        .start_tasks_in_batches(drs::StartTasksInBatchesRequest::new(
            drs_h.body("drs_03_0112"),
        ))
        .await
        .unwrap_err();
    assert_eq!(
        error.status(),
        Some(503),
        "a POST is answered once, not retried"
    );

    let p = format!("/v1/{PROJECT}/antiddos/ip-slow");
    Mock::given(method("GET"))
        .and(path(p.as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({}))
                .set_delay(Duration::from_secs(10)),
        )
        .mount(&h.server)
        .await;
    let slow = a.with_options(CallOptions {
        timeout: Some(Duration::from_millis(100)),
        retry: Some(RetryPolicy::none()),
        ..CallOptions::default()
    });
    let error = slow
        .query_configured_anti_d_do_s_defense_policies(
            anti_ddos::QueryConfiguredAntiDDoSDefensePoliciesRequest::new("ip-slow".into()),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
}

/// IAM password: a 401 from the service fetches a new token once and repeats the call.
#[tokio::test]
async fn password_401_reauthenticates_once() {
    let server = MockServer::start().await;
    for token in ["FIRST", "SECOND"] {
        Mock::given(method("POST"))
            .and(path("/v3/auth/tokens"))
            .respond_with(
                ResponseTemplate::new(201)
                    .insert_header("X-Subject-Token", token)
                    .set_body_json(json!({"token": {"expires_at": "2999-01-01T00:00:00Z"}})),
            )
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(header("x-auth-token", "FIRST"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("x-auth-token", "SECOND"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"direct_connect": {"id": "dc-1"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new(Cloud::Otc)
        .with_region("eu-de")
        .with_project_id(PROJECT)
        .with_endpoint_all(server.uri())
        .with_password(password());
    let client = Client::new(config).unwrap();
    let c = dc::Client::new(&client);
    let r = c
        .query_connection(dc::QueryConnectionRequest::new("dc-1".into()))
        .await
        .unwrap();
    assert_eq!(r.status, 200);
    let iam: Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(iam["auth"]["scope"]["project"]["id"], PROJECT);
    assert_eq!(
        iam["auth"]["identity"]["password"]["user"]["domain"]["name"],
        "OTC-EU-DE-000"
    );
}

/// Client-owned headers are not request fields: a DRS request has no `x_auth_token`.
#[test]
fn requests_hold_no_client_headers() {
    let request = drs::QuerySwitchoverResultRequest::new("j".into());
    let text = format!("{request:?}");
    assert!(
        text.contains("x_language")
            && !text.contains("x_auth_token")
            && !text.contains("content_type"),
        "{text}"
    );
}

/// Secrets never reach `Debug` or error output: a generated request holding a
/// database password, its body, a validation error on it, and the error of a
/// call made with AK/SK, a token and a password.
#[tokio::test]
async fn secrets_stay_out_of_debug_and_errors() {
    const DB_PASSWORD: &str = "DB-PASSWORD-LOOPBACK-SECRET";
    let body: drs::TestConnectionsInBatchesRequestBody = serde_json::from_value(json!({
        "jobs": [{
            "id": "j", "net_type": "eip", "db_type": "mysql", "ip": "192.168.0.27",
            "db_port": 3306, "db_user": "root", "db_password": DB_PASSWORD,
            "end_point_type": "so"
        }]
    }))
    .expect("body");
    let request = drs::TestConnectionsInBatchesRequest::new(body.clone());
    let mut texts = vec![
        format!("{request:?}"),
        format!("{body:?}"),
        format!("{request:#?}"),
    ];
    // A value refused by validation is described, never echoed, when secret.
    let short: drs::TestConnectionsInBatchesRequestBody = serde_json::from_value(json!({
        "jobs": [{ "id": "j", "net_type": "eip", "db_type": "mysql", "ip": "x",
                   "db_port": 0, "db_user": "root", "db_password": DB_PASSWORD,
                   "end_point_type": "so" }]
    }))
    .expect("body");
    if let Err(errors) = short.validate() {
        texts.push(errors.to_string());
        texts.push(format!("{errors:?}"));
    }
    for auth in [Auth::AkSk, Auth::Token, Auth::Password] {
        let h = Harness::new("data-replication-service", Cloud::Otc, "drs", auth).await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
            .mount(&h.server)
            .await;
        let d = drs::Client::new(&h.client);
        let error = d
            .test_connections_in_batches(request.clone())
            .await
            .unwrap_err();
        texts.extend([
            error.to_string(),
            format!("{error:?}"),
            format!("{:?}", h.client),
        ]);
        texts.push(format!("{d:?}"));
    }
    for text in &texts {
        for secret in [DB_PASSWORD, SK, TOKEN, "PASSWORD-LOOPBACK-SECRET"] {
            assert!(!text.contains(secret), "`{secret}` in: {text}");
        }
    }
}
