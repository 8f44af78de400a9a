//! The DRS "Task Creation Process": create a real-time migration task in
//! batches, query its status, test the connections, start it.
//!
//! ```sh
//! export OS_ACCESS_KEY=… OS_SECRET_KEY=…   # or OS_AUTH_TOKEN=…, or OS_CLOUD=… (clouds.yaml)
//! cargo run -p generated --example drs_migration_task --features data-replication-service -- \
//!     --project-id 054ba152d480d55b2f5dc0069e7ddef0 [--endpoint http://127.0.0.1:8080] [--region eu-de]
//! ```
//!
//! Each step is printed; the program exits non-zero at the first error.
//! (Copied into `generated/examples/` by `codegen generate` from
//! `codegen/templates/examples/`; edit it there.)

use generated::otc::data_replication_service as drs;
use generated::runtime::{Client, Cloud, Config};
use serde_json::{Value, json};
use std::process::ExitCode;

/// `--endpoint`, `--project-id`, `--region` from the command line.
struct Args {
    endpoint: Option<String>,
    project_id: Option<String>,
    region: Option<String>,
}

fn args() -> Result<Args, String> {
    let mut out = Args {
        endpoint: None,
        project_id: None,
        region: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let slot = match flag.as_str() {
            "--endpoint" => &mut out.endpoint,
            "--project-id" => &mut out.project_id,
            "--region" => &mut out.region,
            other => return Err(format!("unknown argument `{other}`")),
        };
        *slot = Some(it.next().ok_or(format!("{flag} needs a value"))?);
    }
    Ok(out)
}

fn config(args: &Args) -> Result<Config, Box<dyn std::error::Error>> {
    let mut config = Config::from_env(Cloud::Otc)?;
    if let Some(region) = &args.region {
        config = config.with_region(region);
    } else if config.region.is_none() {
        config = config.with_region("eu-de");
    }
    if let Some(project_id) = &args.project_id {
        config = config.with_project_id(project_id);
    }
    if let Some(endpoint) = &args.endpoint {
        config = config.with_endpoint_all(endpoint);
    }
    if config.project_id.is_none() {
        return Err("a project id is needed: --project-id or OS_PROJECT_ID".into());
    }
    Ok(config)
}

/// A body from JSON: the program does not depend on how the body types are built.
fn body<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value)
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(config(&args)?)?;
    let drs = drs::Client::new(&client);

    println!("1. create a real-time migration task");
    let created = drs
        .create_tasks_in_batches(drs::CreateTasksInBatchesRequest::new(body(json!({
            "jobs": [{
                "name": "DRS-example",
                "node_type": "high",
                "engine_type": "mysql",
                "net_type": "eip",
                "job_direction": "up",
                "db_use_type": "migration",
                "task_type": "FULL_INCR_TRANS",
                "customize_sutnet_id": "352ad828-3467-4f03-987a-c55a5a9dd417",
                "source_endpoint": { "db_type": "mysql" },
                "target_endpoint": {
                    "region": "eu-de",
                    "db_type": "mysql",
                    "inst_id": "e05a3679efe241d8b5dee80b17c1a863in01"
                },
                "is_target_readonly": false,
                "bind_eip": true
            }]
        }))?))
        .await?;
    let created = serde_json::to_value(&created.body)?;
    let job_id = created["results"][0]["id"]
        .as_str()
        .ok_or("the answer names no task id")?
        .to_owned();
    println!("   task {job_id}: {}", created["results"][0]["status"]);

    println!("2. query its status");
    let status = drs
        .query_task_statuses_in_batches(drs::QueryTaskStatusesInBatchesRequest::new(body(
            json!({ "jobs": [job_id] }),
        )?))
        .await?;
    let status = serde_json::to_value(&status.body)?;
    println!("   status: {}", status["results"][0]["status"]);

    println!("3. test the connections");
    let tested = drs
        .test_connections_in_batches(drs::TestConnectionsInBatchesRequest::new(body(json!({
            "jobs": [{
                "id": job_id,
                "ip": "192.168.0.27",
                "net_type": "eip",
                "db_type": "mysql",
                "db_port": 3306,
                "db_user": "root",
                "db_password": std::env::var("DRS_SOURCE_DB_PASSWORD").unwrap_or_default(),
                "ssl_link": false,
                "end_point_type": "so"
            }]
        }))?))
        .await?;
    let tested = serde_json::to_value(&tested.body)?;
    println!("   connection test: {}", tested["results"][0]["status"]);

    println!("4. start it");
    let started = drs
        .start_tasks_in_batches(drs::StartTasksInBatchesRequest::new(body(
            json!({ "jobs": [{ "job_id": job_id }] }),
        )?))
        .await?;
    let started = serde_json::to_value(&started.body)?;
    println!("   start: {}", started["results"][0]["status"]);
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let result = match args() {
        Ok(args) => run(args).await,
        Err(message) => Err(message.into()),
    };
    match result {
        Ok(()) => {
            println!("done");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
