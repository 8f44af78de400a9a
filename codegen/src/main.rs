//! The `codegen` command line: extract, generate, sync.

use clap::{Parser, Subcommand};
use codegen::diag::{Diagnostic, Severity};
use codegen::pipeline;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The pipeline allocates many small strings and trees; mimalloc spends about
/// a third less time on that than the system allocator (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "codegen",
    version,
    about = "Cloud API docs (RST, Markdown) → spec → Rust client crate"
)]
struct Cli {
    /// Project root (holds specs/ and generated/); default: the nearest ancestor with specs/sources.toml.
    #[arg(long, global = true)]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one service's docs into its spec JSON (stdout unless -o).
    Extract {
        /// The service's docs directory (e.g. ../shared/corpus/otc/data-replication-service).
        docs_dir: PathBuf,
        /// Service name recorded in the spec (default: the directory name).
        #[arg(long)]
        service: Option<String>,
        /// `otc` or `huawei` (default: by page format).
        #[arg(long)]
        cloud: Option<String>,
        /// Write the spec here instead of stdout (atomically).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Generate generated/ from the committed specs/.
    Generate {
        /// Write nothing; exit 1 naming every file that differs.
        #[arg(long)]
        check: bool,
    },
    /// Write the JSON Schema of the spec format to specs/spec.schema.json.
    Schema {
        /// Write nothing; exit 1 if the committed schema differs.
        #[arg(long)]
        check: bool,
    },
    /// Extract every service in specs/sources.toml, then generate.
    Sync {
        /// Root of the docs; service paths in sources.toml are relative to it.
        #[arg(long, env = "DOCS_ROOT")]
        docs_root: Option<PathBuf>,
        /// Write nothing; exit 1 naming every file that differs.
        #[arg(long)]
        check: bool,
        /// Print every diagnostic, not only the per-service summary.
        #[arg(short, long)]
        verbose: bool,
        /// Only docs → specs/: generate no Rust (for timing the extraction).
        #[arg(long)]
        specs_only: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Extract {
            docs_dir,
            service,
            cloud,
            output,
        } => extract(&docs_dir, service, cloud, output),
        Command::Generate { check } => {
            let root = root(cli.root)?;
            let files = pipeline::generate(&root, check)?;
            Ok(report_files(&root, &files, check, "generated/"))
        }
        Command::Schema { check } => {
            let root = root(cli.root)?;
            let files = std::collections::BTreeMap::from([(
                "spec.schema.json".to_string(),
                codegen::spec::json_schema(),
            )]);
            let dir = root.join("specs");
            let changed = if check {
                codegen::output::differences(&dir, &files, &[])
            } else {
                codegen::output::write_all(&dir, &files, &[])
                    .map_err(|e| format!("{}: {e}", dir.display()))?
            };
            Ok(report_files(
                &root,
                &changed,
                check,
                "specs/spec.schema.json",
            ))
        }
        Command::Sync {
            docs_root,
            check,
            verbose,
            specs_only,
        } => {
            let root = root(cli.root)?;
            let docs_root = docs_root.unwrap_or_else(|| root.join("../shared/corpus"));
            let scope = if specs_only {
                pipeline::SyncScope::SpecsOnly
            } else {
                pipeline::SyncScope::All
            };
            let outcome = pipeline::sync_scoped(&root, &docs_root, check, scope)?;
            for (name, stats, diags) in &outcome.per_service {
                if verbose {
                    print_diagnostics(&diags.clone().sorted());
                }
                let codes: Vec<String> = diags
                    .by_code()
                    .iter()
                    .map(|(c, n)| format!("{c}={n}"))
                    .collect();
                eprintln!(
                    "{name}: {} operations from {} pages; tables {} used, {} reported; diagnostics: {}",
                    stats.operations,
                    stats.pages,
                    stats.tables_used,
                    stats.tables_reported,
                    if codes.is_empty() {
                        "none".to_string()
                    } else {
                        codes.join(" ")
                    }
                );
            }
            Ok(report_files(
                &root,
                &outcome.files,
                check,
                if specs_only {
                    "specs/"
                } else {
                    "specs/ and generated/"
                },
            ))
        }
    }
}

fn extract(
    docs_dir: &Path,
    service: Option<String>,
    cloud: Option<String>,
    output: Option<PathBuf>,
) -> Result<ExitCode, String> {
    let service = match service {
        Some(s) => s,
        None => docs_dir
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .ok_or_else(|| {
                format!(
                    "{}: cannot name the service; pass --service",
                    docs_dir.display()
                )
            })?,
    };
    let cloud = cloud.unwrap_or_else(|| pipeline::infer_cloud(docs_dir).to_string());
    let ex = pipeline::extract_dir(docs_dir, &service, &cloud)?;
    print_diagnostics(&ex.diags.sorted());
    let json = ex.spec.to_json();
    match output {
        Some(path) => codegen::output::write_atomic(&path, &json)
            .map_err(|e| format!("{}: {e}", path.display()))?,
        None => print!("{json}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn root(flag: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(r) = flag {
        return Ok(r);
    }
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    pipeline::find_root(&cwd)
        .ok_or_else(|| "no specs/sources.toml in this directory or above; pass --root".to_string())
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags.iter().filter(|d| d.severity != Severity::Note) {
        eprintln!("{d}");
    }
}

fn report_files(root: &Path, files: &[PathBuf], check: bool, what: &str) -> ExitCode {
    let shown = |p: &PathBuf| p.strip_prefix(root).unwrap_or(p).display().to_string();
    if check {
        if files.is_empty() {
            eprintln!("{what} up to date");
            return ExitCode::SUCCESS;
        }
        for f in files {
            eprintln!("differs: {}", shown(f));
        }
        eprintln!(
            "{} file(s) out of date; run `cargo run -p codegen -- sync` (or `generate`) and commit the result",
            files.len()
        );
        return ExitCode::from(1);
    }
    for f in files {
        eprintln!("wrote {}", shown(f));
    }
    if files.is_empty() {
        eprintln!("{what} already up to date");
    }
    ExitCode::SUCCESS
}
