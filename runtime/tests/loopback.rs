//! The runtime against a wiremock server on 127.0.0.1: authentication modes,
//! retries, timeouts, errors and redaction, with hand-written requests.

mod support;

use runtime::{
    CallOptions, Client, Cloud, Config, Credentials, Error, Parts, PasswordAuth, ProjectScope,
    Request, RetryPolicy, Service,
};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SERVICE: Service = Service {
    cloud: Cloud::Otc,
    name: "demo-service",
    endpoint: Some("demo"),
};

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Job {
    id: String,
}

/// GET /v3/{project_id}/jobs/{job_id}?limit=&tag=… with an optional header.
struct ShowJob {
    project_id: String,
    job_id: String,
    limit: Option<i32>,
    tags: Vec<String>,
    language: Option<String>,
}

impl Request for ShowJob {
    type Output = Job;
    type Responses = serde_json::Value;
    const OPERATION: &'static str = "show_job";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/v3/{project_id}/jobs/{job_id}";
    const OUTPUT: runtime::Decoder<Job> = runtime::json;
    const RESPONSES: runtime::Decoder<serde_json::Value> = documented_400;
    fn parts(&self, p: &mut Parts) {
        p.path("project_id", &self.project_id);
        p.path("job_id", &self.job_id);
        p.query("limit", &self.limit);
        p.query("tag", &self.tags);
        p.header("X-Language", &self.language);
    }
}

fn documented_400(status: u16, body: &[u8]) -> Result<serde_json::Value, serde_json::Error> {
    if status == 400 {
        serde_json::from_slice(body)
    } else {
        Err(<serde_json::Error as serde::de::Error>::custom(
            "undocumented",
        ))
    }
}

/// POST /v3/{project_id}/jobs with a JSON body.
struct CreateJob {
    project_id: String,
    body: serde_json::Value,
}

impl Request for CreateJob {
    type Output = ();
    type Responses = ();
    const OPERATION: &'static str = "create_job";
    const METHOD: &'static str = "POST";
    const PATH: &'static str = "/v3/{project_id}/jobs";
    const OUTPUT: runtime::Decoder<()> = runtime::unit;
    const RESPONSES: runtime::Decoder<()> = runtime::unit;
    fn parts(&self, p: &mut Parts) {
        p.path("project_id", &self.project_id);
        p.body(&self.body);
    }
}

fn show_job() -> ShowJob {
    ShowJob {
        project_id: "p 1".into(),
        job_id: "job:ä".into(),
        limit: Some(10),
        tags: vec!["a b".into(), "c".into()],
        language: Some("en-us".into()),
    }
}

fn config(server: &MockServer) -> Config {
    Config::new(Cloud::Otc)
        .with_region("eu-de")
        .with_endpoint("demo", server.uri())
        .with_retry(RetryPolicy {
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            ..RetryPolicy::default()
        })
}

const JOB_PATH: &str = "/v3/p%201/jobs/job%3A%C3%A4";

#[tokio::test]
async fn token_mode_sends_encoded_path_query_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(JOB_PATH))
        .and(query_param("limit", "10"))
        .and(header("x-auth-token", "tok-123"))
        .and(header("x-language", "en-us"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "j1"}))
                .insert_header("X-Request-Id", "r-1"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(config(&server).with_token("tok-123")).unwrap();
    let response = client
        .call(&SERVICE, &show_job(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, Job { id: "j1".into() });
    assert_eq!(response.headers.get("x-request-id"), Some("r-1"));
    let received = &server.received_requests().await.unwrap()[0];
    assert_eq!(received.url.path(), JOB_PATH);
    assert_eq!(received.url.query(), Some("limit=10&tag=a%20b&tag=c"));
    assert!(
        received.headers.get("content-type").is_none(),
        "no body, no content type"
    );
}

#[tokio::test]
async fn aksk_mode_signs_every_attempt_and_the_signature_checks_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "j2"})))
        .mount(&server)
        .await;
    let config = config(&server)
        .with_project_id("proj-1")
        .with_credentials(Credentials::AkSk {
            ak: "AK-TEST".into(),
            sk: "SK-SECRET-VALUE".into(),
            security_token: Some("STS-TOKEN-VALUE".into()),
        });
    let client = Client::new(config).unwrap();
    let response = client
        .call(&SERVICE, &show_job(), &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(response.body.id, "j2");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2, "503 retried once");
    for request in &received {
        assert_eq!(
            support::verify(request, "SK-SECRET-VALUE"),
            Ok("AK-TEST".into())
        );
        assert_eq!(request.headers.get("x-project-id").unwrap(), "proj-1");
        assert_eq!(
            request.headers.get("x-security-token").unwrap(),
            "STS-TOKEN-VALUE"
        );
        assert!(request.headers.get("x-auth-token").is_none());
    }
    // A wrong key fails the same check: the checker is not vacuous.
    assert!(support::verify(&received[0], "other").is_err());
}

#[tokio::test]
async fn aksk_post_body_is_signed_and_typed_as_json() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/p/jobs"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"name": "x y", "n": 1})))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(
        config(&server)
            .with_domain_id("dom-9")
            .with_aksk("AK2", "SK2"),
    )
    .unwrap();
    let request = CreateJob {
        project_id: "p".into(),
        body: json!({"name": "x y", "n": 1}),
    };
    client
        .call(&SERVICE, &request, &CallOptions::default())
        .await
        .unwrap();
    let received = &server.received_requests().await.unwrap()[0];
    assert_eq!(support::verify(received, "SK2"), Ok("AK2".into()));
    assert_eq!(received.headers.get("x-domain-id").unwrap(), "dom-9");
}

#[tokio::test]
async fn post_is_not_retried_unless_opted_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_json(json!({"error_code": "DRS.0503", "error_msg": "busy"})),
        )
        .mount(&server)
        .await;
    let client = Client::new(config(&server)).unwrap();
    let request = CreateJob {
        project_id: "p".into(),
        body: json!({}),
    };
    let error = client
        .call(&SERVICE, &request, &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    let options = CallOptions {
        retry: Some(RetryPolicy {
            retry_non_idempotent: true,
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::default()
        }),
        ..CallOptions::default()
    };
    let error = client.call(&SERVICE, &request, &options).await.unwrap_err();
    let api = error.api().unwrap();
    assert_eq!(api.code.as_deref(), Some("DRS.0503"));
    assert_eq!(api.message.as_deref(), Some("busy"));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        4,
        "1 + 3 attempts"
    );
}

#[tokio::test]
async fn retries_stop_after_max_attempts_and_honour_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;
    let client = Client::new(config(&server)).unwrap();
    let error = client
        .call(&SERVICE, &show_job(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    let once = CallOptions {
        retry: Some(RetryPolicy::none()),
        ..CallOptions::default()
    };
    client.call(&SERVICE, &show_job(), &once).await.unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "late"}))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = Client::new(
        config(&server)
            .with_timeout(Duration::from_millis(100))
            .with_retry(RetryPolicy::none()),
    )
    .unwrap();
    let error = client
        .call(&SERVICE, &show_job(), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                operation: "show_job"
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn error_bodies_of_every_form_are_read() {
    let cases = [
        (json!({"error_code": "E1", "error_msg": "m1"}), "E1", "m1"),
        (json!({"code": "E2", "message": "m2"}), "E2", "m2"),
        (
            json!({"error": {"code": "E3", "message": "m3"}}),
            "E3",
            "m3",
        ),
        (
            json!({"error": {"error_code": "E4", "error_msg": "m4"}}),
            "E4",
            "m4",
        ),
        (
            json!({"badRequest": {"code": 400, "message": "m5"}}),
            "400",
            "m5",
        ),
    ];
    for (body, code, message) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(400)
                    .set_body_json(body.clone())
                    .insert_header("X-Openstack-Request-Id", "req-7"),
            )
            .mount(&server)
            .await;
        let client = Client::new(config(&server)).unwrap();
        let error = client
            .call(&SERVICE, &show_job(), &CallOptions::default())
            .await
            .unwrap_err();
        let api = error.api().unwrap();
        assert_eq!(
            (api.code.as_deref(), api.message.as_deref()),
            (Some(code), Some(message))
        );
        assert_eq!(api.request_id.as_deref(), Some("req-7"));
        assert!(api.documented, "400 is documented by ShowJob");
        assert_eq!(api.typed::<serde_json::Value>(), Some(&body));
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&api.body).unwrap(),
            body
        );
    }
}

#[tokio::test]
async fn undocumented_status_keeps_raw_body_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_string("<html>oops</html>")
                .insert_header("X-Trace", "t"),
        )
        .mount(&server)
        .await;
    let client = Client::new(config(&server).with_retry(RetryPolicy::none())).unwrap();
    let error = client
        .call(&SERVICE, &show_job(), &CallOptions::default())
        .await
        .unwrap_err();
    let api = error.api().unwrap();
    assert!(!api.documented);
    assert_eq!(api.body_text(), "<html>oops</html>");
    assert_eq!(api.headers.get("x-trace"), Some("t"));
    assert_eq!(error.to_string(), "show_job: HTTP 500 (undocumented)");
}

#[tokio::test]
async fn unreadable_success_body_is_a_decode_error_with_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("not json"))
        .mount(&server)
        .await;
    let client = Client::new(config(&server)).unwrap();
    let error = client
        .call(&SERVICE, &show_job(), &CallOptions::default())
        .await
        .unwrap_err();
    match error {
        Error::Decode { status, body, .. } => {
            assert_eq!((status, body.as_slice()), (200, &b"not json"[..]))
        }
        other => panic!("{other:?}"),
    }
}

fn password_auth() -> PasswordAuth {
    PasswordAuth {
        user_name: "alice".into(),
        password: "PW-SECRET-1".into(),
        domain_name: "dom".into(),
        scope: ProjectScope::Name("eu-de_demo".into()),
    }
}

fn iam_token(token: &str, expires_at: &str) -> ResponseTemplate {
    ResponseTemplate::new(201)
        .insert_header("X-Subject-Token", token)
        .set_body_json(json!({"token": {"expires_at": expires_at, "methods": ["password"]}}))
}

#[tokio::test]
async fn password_flow_caches_refreshes_and_reauthenticates_on_401() {
    let server = MockServer::start().await;
    // First token expires within the refresh margin: the second call must renew it.
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(body_json(runtime::token_request_body(&password_auth())))
        .respond_with(iam_token("TOKEN-A", "2000-01-01T00:00:00.000000Z"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(iam_token("TOKEN-B", "2999-01-01T00:00:00.000000Z"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(iam_token("TOKEN-C", "2999-01-01T00:00:00.000000Z"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("x-auth-token", "TOKEN-B"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": {"code": 401, "message": "expired"}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "ok"})))
        .mount(&server)
        .await;
    let config = config(&server)
        .with_iam_endpoint(format!("{}/v3", server.uri()))
        .with_password(password_auth());
    let client = Client::new(config).unwrap();
    let options = CallOptions::default();
    // Call 1: TOKEN-A (already within the margin, still used once as fetched).
    client.call(&SERVICE, &show_job(), &options).await.unwrap();
    // Call 2: TOKEN-A is stale → TOKEN-B → 401 → TOKEN-C → 200.
    client.call(&SERVICE, &show_job(), &options).await.unwrap();
    // Call 3: TOKEN-C is cached.
    client.call(&SERVICE, &show_job(), &options).await.unwrap();
    let received = server.received_requests().await.unwrap();
    let seen: Vec<String> = received
        .iter()
        .map(|r| match r.headers.get("x-auth-token") {
            Some(t) => format!("{} {}", r.method, t.to_str().unwrap()),
            None => format!("{} {}", r.method, r.url.path()),
        })
        .collect();
    assert_eq!(
        seen,
        [
            "POST /v3/auth/tokens",
            "GET TOKEN-A",
            "POST /v3/auth/tokens",
            "GET TOKEN-B",
            "POST /v3/auth/tokens",
            "GET TOKEN-C",
            "GET TOKEN-C",
        ]
    );
    let body: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(body["auth"]["scope"]["project"]["name"], "eu-de_demo");
}

#[tokio::test]
async fn a_second_401_is_returned_not_looped() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(iam_token("T", "2999-01-01T00:00:00Z"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let client = Client::new(
        config(&server)
            .with_endpoint_all(server.uri())
            .with_password(password_auth()),
    )
    .unwrap();
    let error = client
        .call(&SERVICE, &show_job(), &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        4,
        "token, 401, token, 401"
    );
}

#[tokio::test]
async fn iam_failure_is_an_auth_error_without_the_password() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": {"code": 401, "message": "bad password"}})),
        )
        .mount(&server)
        .await;
    let client = Client::new(
        config(&server)
            .with_endpoint_all(server.uri())
            .with_password(password_auth()),
    )
    .unwrap();
    let error = client
        .call(&SERVICE, &show_job(), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    assert_eq!(error.status(), Some(401));
    for text in [
        format!("{error}"),
        format!("{error:?}"),
        format!("{client:?}"),
    ] {
        assert!(!text.contains("PW-SECRET-1"), "{text}");
    }
}

#[test]
fn no_secret_in_any_debug_output() {
    let config = Config::new(Cloud::Huawei).with_credentials(Credentials::AkSk {
        ak: "AK".into(),
        sk: "SK-SECRET-VALUE".into(),
        security_token: Some("STS-SECRET-VALUE".into()),
    });
    let token = Config::new(Cloud::Otc).with_token("TOKEN-SECRET-VALUE");
    let password = Config::new(Cloud::Otc).with_password(password_auth());
    let headers = runtime::Headers::new(vec![
        ("X-Subject-Token".into(), "TOKEN-SECRET-VALUE".into()),
        (
            "Authorization".into(),
            "SDK-HMAC-SHA256 Signature=SIGNATURE-VALUE".into(),
        ),
    ]);
    let texts = [
        format!("{config:?}"),
        format!("{token:?}"),
        format!("{password:?}"),
        format!("{:?}", Client::new(config.clone()).unwrap()),
        format!("{headers:?}"),
    ];
    for text in texts {
        for secret in [
            "SK-SECRET-VALUE",
            "STS-SECRET-VALUE",
            "TOKEN-SECRET-VALUE",
            "PW-SECRET-1",
            "SIGNATURE-VALUE",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}

#[test]
fn environment_and_clouds_yaml_configure_credentials() {
    let vars = |name: &str| {
        match name {
            "OS_ACCESS_KEY" => Some("AK1"),
            "OS_SECRET_KEY" => Some("SK1"),
            "OS_REGION_NAME" => Some("eu-nl"),
            "OS_PROJECT_ID" => Some("p1"),
            _ => None,
        }
        .map(str::to_owned)
    };
    let config = Config::from_vars(Cloud::Otc, vars).unwrap();
    assert_eq!(config.region.as_deref(), Some("eu-nl"));
    assert!(
        matches!(&config.credentials, Credentials::AkSk { ak, sk, .. } if ak == "AK1" && sk.expose() == "SK1")
    );
    assert_eq!(
        config.endpoint_of(&SERVICE).unwrap(),
        "https://demo.eu-nl.otc.t-systems.com"
    );
    let huawei = Config::from_vars(Cloud::Huawei, |n| match n {
        "HUAWEICLOUD_SDK_AK" => Some("HAK".to_owned()),
        "HUAWEICLOUD_SDK_SK" => Some("HSK".to_owned()),
        "HUAWEICLOUD_SDK_PROJECT_ID" => Some("hp".to_owned()),
        "HUAWEICLOUD_SDK_REGION" => Some("cn-north-4".to_owned()),
        _ => None,
    })
    .unwrap();
    let oms = Service {
        cloud: Cloud::Huawei,
        name: "oms",
        endpoint: Some("oms"),
    };
    assert_eq!(
        huawei.endpoint_of(&oms).unwrap(),
        "https://oms.cn-north-4.myhuaweicloud.com"
    );
    assert_eq!(huawei.project_id.as_deref(), Some("hp"));

    let yaml = "clouds:\n  otc:\n    region_name: eu-de\n    auth:\n      auth_url: https://iam.eu-de.otc.t-systems.com/v3\n      username: bob\n      password: PW-SECRET-1\n      project_name: eu-de_x\n      user_domain_name: OTC-EU-DE-000\n";
    let config = runtime::clouds_yaml::parse(yaml, "otc").unwrap();
    match &config.credentials {
        Credentials::Password(p) => {
            assert_eq!(
                (p.user_name.as_str(), p.domain_name.as_str()),
                ("bob", "OTC-EU-DE-000")
            );
            assert_eq!(p.scope, ProjectScope::Name("eu-de_x".into()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        config.iam_base().unwrap(),
        "https://iam.eu-de.otc.t-systems.com"
    );
    assert!(runtime::clouds_yaml::parse(yaml, "missing").is_err());
    let broken = runtime::clouds_yaml::parse("clouds: [password: PW-SECRET-1", "otc").unwrap_err();
    assert!(!broken.contains("PW-SECRET-1"), "{broken}");
}

#[tokio::test]
async fn missing_endpoint_and_bad_path_values_are_config_errors() {
    let client = Client::new(Config::new(Cloud::Otc)).unwrap();
    let unknown = Service {
        cloud: Cloud::Otc,
        name: "x",
        endpoint: None,
    };
    let error = client
        .call(&unknown, &show_job(), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("no endpoint is known for service `x`"),
        "{error}"
    );
    let error = client
        .call(&SERVICE, &show_job(), &CallOptions::default())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no region"), "{error}");
    let mut request = show_job();
    request.job_id = "../admin".into();
    let client = Client::new(Config::new(Cloud::Otc).with_region("eu-de")).unwrap();
    let error = client
        .call(&SERVICE, &request, &CallOptions::default())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("one path segment"), "{error}");
}
