//! Runs the generated crate's example programs against a local server on
//! 127.0.0.1 that checks every AK/SK signature independently of the runtime
//! (`sigcheck`) and answers each documented operation with the docs' own
//! response example.
//!
//! ```sh
//! cargo build -p generated --features data-replication-service,huawei-oms --examples
//! cargo run -p client-tests --bin example_check -- target/debug/examples
//! ```
//!
//! Exit 0 only when both programs finish their whole flow (exit 0), every
//! request they sent carries a valid signature, and each sent the
//! operations its flow documents, in order.

use client_tests::{example, spec, success_status, verify};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const AK: &str = "AK-EXAMPLE-CHECK";
const SK: &str = "SK-EXAMPLE-CHECK-SECRET";
const PROJECT: &str = "054ba152d480d55b2f5dc0069e7ddef0";

/// One example program: its binary name, the spec it calls, the environment
/// that holds its AK/SK, and the operations its flow sends, in order.
struct Program {
    name: &'static str,
    spec: &'static str,
    env: [&'static str; 2],
    flow: &'static [&'static str],
}

const PROGRAMS: &[Program] = &[
    Program {
        name: "drs_migration_task",
        spec: "data-replication-service",
        env: ["OS_ACCESS_KEY", "OS_SECRET_KEY"],
        flow: &["drs_03_0104", "drs_api_0150", "drs_03_0105", "drs_03_0112"],
    },
    Program {
        name: "oms_create_task",
        spec: "huawei-oms",
        env: ["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"],
        flow: &["oms_api_0040", "oms_api_0039"],
    },
];

/// Answers a request with the response example of the operation whose
/// method and path template it matches; 404 when none does.
struct Docs(Value);

impl Docs {
    fn operation(&self, request: &Request) -> Option<&Value> {
        let method = request.method.as_str();
        self.0["operations"].as_array()?.iter().find(|op| {
            op["method"]
                .as_str()
                .is_some_and(|m| m.eq_ignore_ascii_case(method))
                && op["path"]
                    .as_str()
                    .is_some_and(|t| matches_template(t, request.url.path()))
        })
    }
}

impl Respond for Docs {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        if let Err(e) = verify(request, SK) {
            return ResponseTemplate::new(401).set_body_string(format!("bad signature: {e}"));
        }
        match self.operation(request) {
            Some(op) => {
                let answer = ResponseTemplate::new(success_status(op));
                match example(op, "response") {
                    Some(body) => answer.set_body_json(body),
                    None => answer,
                }
            }
            None => ResponseTemplate::new(404).set_body_string("no such operation"),
        }
    }
}

/// `/v3/{project_id}/jobs/{id}` against a request path, segment by segment.
fn matches_template(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}') && !p.is_empty()) || t == p)
}

async fn check(dir: &Path, program: &Program) -> Result<(), String> {
    let server = MockServer::start().await;
    let docs = Docs(spec(program.spec));
    Mock::given(wiremock::matchers::any())
        .respond_with(Docs(docs.0.clone()))
        .mount(&server)
        .await;
    let binary: PathBuf = dir.join(program.name);
    let out = Command::new(&binary)
        .args(["--endpoint", &server.uri(), "--project-id", PROJECT])
        .env_clear()
        .env(program.env[0], AK)
        .env(program.env[1], SK)
        .output()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    if !out.status.success() {
        return Err(format!(
            "{} exited with {}: {stderr}",
            program.name, out.status
        ));
    }
    if stdout.contains(SK) || stderr.contains(SK) {
        return Err(format!("{} printed its secret key", program.name));
    }
    let received = server.received_requests().await.unwrap_or_default();
    let mut sent = Vec::new();
    for request in &received {
        let signed = verify(request, SK)
            .map_err(|e| format!("{} {}: bad signature: {e}", request.method, request.url))?;
        if signed != AK {
            return Err(format!("{}: signed by {signed}", request.url));
        }
        if !request.url.path().contains(PROJECT) {
            return Err(format!("{}: not the given project", request.url));
        }
        let id = docs
            .operation(request)
            .and_then(|op| op["id"].as_str())
            .ok_or_else(|| {
                format!(
                    "{} {}: no documented operation",
                    request.method, request.url
                )
            })?;
        sent.push(id.to_owned());
    }
    if sent != program.flow {
        return Err(format!(
            "{}: sent {sent:?}, its flow is {:?}",
            program.name, program.flow
        ));
    }
    println!(
        "{}: {} requests, every signature valid, flow {:?}",
        program.name,
        sent.len(),
        program.flow
    );
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: example_check <dir of the built examples (target/debug/examples)>");
        return ExitCode::from(2);
    };
    let mut failed = false;
    for program in PROGRAMS {
        if let Err(e) = check(Path::new(&dir), program).await {
            eprintln!("error: {e}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
