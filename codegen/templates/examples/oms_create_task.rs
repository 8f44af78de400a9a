//! The OMS example "示例1：创建迁移任务" (create a migration task, then query it).
//!
//! ```sh
//! export HUAWEICLOUD_SDK_AK=… HUAWEICLOUD_SDK_SK=…
//! cargo run -p generated --example oms_create_task --features huawei-oms -- \
//!     --project-id 0215ef11e49d4743be23dd97a1561e91 [--endpoint http://127.0.0.1:8080] [--region cn-north-4]
//! ```
//!
//! The source and destination keys of the task come from `OMS_SRC_AK`,
//! `OMS_SRC_SK`, `OMS_DST_AK`, `OMS_DST_SK` (never printed). Each step is
//! printed; the program exits non-zero at the first error. The Huawei module
//! derives from docs under a non-commercial licence (see the crate README).
//! (Copied into `generated/examples/` by `codegen generate` from
//! `codegen/templates/examples/`; edit it there.)

use generated::huawei::oms;
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
    let mut config = Config::from_env(Cloud::Huawei)?;
    if let Some(region) = &args.region {
        config = config.with_region(region);
    } else if config.region.is_none() {
        config = config.with_region("cn-north-4");
    }
    if let Some(project_id) = &args.project_id {
        config = config.with_project_id(project_id);
    }
    if let Some(endpoint) = &args.endpoint {
        config = config.with_endpoint_all(endpoint);
    }
    if config.project_id.is_none() {
        return Err("a project id is needed: --project-id or HUAWEICLOUD_SDK_PROJECT_ID".into());
    }
    Ok(config)
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(config(&args)?)?;
    let oms = oms::Client::new(&client);

    println!("1. create a file/folder migration task");
    let body: Value = json!({
        "src_node": {
            "region": "source_bucket_region",
            "ak": env("OMS_SRC_AK"),
            "sk": env("OMS_SRC_SK"),
            "bucket": "source_bucket",
            "cloud_type": "HuaweiCloud",
            "object_key": ["01.png", "list.txt"]
        },
        "enable_kms": false,
        "description": "",
        "dst_node": {
            "region": "destination_bucket_region",
            "ak": env("OMS_DST_AK"),
            "sk": env("OMS_DST_SK"),
            "bucket": "destination_bucket"
        },
        "enable_failed_object_recording": true,
        "enable_restore": false,
        "task_type": "object"
    });
    let created = oms
        .create_task(oms::CreateTaskRequest::new(serde_json::from_value(body)?))
        .await?;
    let created = serde_json::to_value(&created.body)?;
    let task_id = created["id"]
        .as_i64()
        .ok_or("the answer names no task id")?;
    println!("   task {task_id} ({})", created["task_name"]);

    println!("2. query the task");
    let shown = oms.show_task(oms::ShowTaskRequest::new(task_id)).await?;
    let shown = serde_json::to_value(&shown.body)?;
    println!("   status: {}", shown["status"]);
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
