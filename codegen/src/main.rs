//! The `codegen` command line: extract, generate, sync.

use clap::{Args, Parser, Subcommand, ValueEnum};
use codegen::diag::{Diagnostic, Diagnostics, Severity};
use codegen::pipeline;
use codegen::render::{self, Renderer};
use codegen::review;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The pipeline allocates many small strings and trees; mimalloc spends about
/// a third less time on that than the system allocator (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in `mimalloc.h` (the same index in mimalloc 2 and 3;
/// libmimalloc-sys names only some options).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A run is short and its peak is reached again and again as services come and
/// go: memory given back to the OS after the default 10 ms delay is faulted in
/// (and zeroed) anew moments later, which cost about a tenth of a corpus run.
/// Never purging keeps the peak as it was and saves that work.
fn keep_freed_memory() {
    // SAFETY: setting an option is a plain store in mimalloc; any value is valid.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

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

/// How diagnostics are shown.
#[derive(Clone, Copy, ValueEnum)]
enum DiagFormat {
    /// One line each: `file:line: severity[code]: message`.
    Short,
    /// rustc-style: the source line with a `^` marker and a `help:` line where a fix is known.
    Rich,
}

/// Options shared by the commands that extract.
#[derive(Args)]
struct DiagOpts {
    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value = "rich")]
    format: DiagFormat,
    /// Exit 1 if any warning (or error) was reported.
    #[arg(long)]
    deny_warnings: bool,
}

impl DiagOpts {
    fn renderer(&self) -> Renderer {
        let format = match self.format {
            DiagFormat::Short => render::Format::Short,
            DiagFormat::Rich => render::Format::Rich,
        };
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Renderer::new(format, color)
    }

    /// `code` unless warnings are denied and there are some.
    fn exit(&self, warnings: usize, code: ExitCode) -> ExitCode {
        if self.deny_warnings && warnings > 0 {
            eprintln!("error: {warnings} warning(s) with --deny-warnings");
            return ExitCode::from(1);
        }
        code
    }
}

/// How `lint` prints its findings.
#[derive(Clone, Copy, ValueEnum)]
enum LintFormat {
    /// One line per finding, then one per service.
    Text,
    /// One JSON document: `services` and `findings`.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// List every documentation finding about the docs' examples (unknown field,
    /// wrong type, missing mandatory field, broken JSON) with file:line, the field
    /// path and what the table says; then examples, parsed, round-tripped and
    /// findings per service.
    Lint {
        /// A corpus root (holding otc/ and huawei/) or one service's docs directory
        /// (default: $DOCS_ROOT, else ../shared/corpus beside the project).
        #[arg(env = "DOCS_ROOT")]
        docs_dir: Option<PathBuf>,
        /// Only this service (under a corpus root), or the name to give a service directory.
        #[arg(long)]
        service: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: LintFormat,
        /// Exit 1 if there is any finding.
        #[arg(long)]
        deny_warnings: bool,
    },
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
        #[command(flatten)]
        diag: DiagOpts,
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
        #[command(flatten)]
        diag: DiagOpts,
    },
    /// Extract every service directory under <DOCS_ROOT>/otc and <DOCS_ROOT>/huawei and
    /// print counts per service and in total (see codegen/REPORT.md).
    Report {
        /// The corpus root (default: $DOCS_ROOT, else ../shared/corpus beside the project).
        #[arg(env = "DOCS_ROOT")]
        docs_root: Option<PathBuf>,
        /// Print the report as JSON (stdout) instead of a table.
        #[arg(long)]
        json: bool,
        /// Also print every warning (stderr); `-vv` also the notes.
        #[arg(short, long, action = clap::ArgAction::Count)]
        verbose: u8,
        #[command(flatten)]
        diag: DiagOpts,
    },
    /// Compare two sets of specs: every change with its rule id, level and the
    /// semver consequence for the generated crate (see codegen/REVIEW.md).
    /// Exit 0, or 1 when --fail-on matches a change; 2 on an error.
    Diff {
        /// A spec file, a directory of specs, or a git revision (its specs/).
        old: Option<String>,
        /// Same forms as OLD; default: the working tree's specs/.
        new: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
        /// Exit 1 when a change at this level or above is found.
        #[arg(long, value_enum)]
        fail_on: Option<FailOnArg>,
        /// Print the rule table (Markdown) instead of comparing.
        #[arg(long, conflicts_with_all = ["old", "new"])]
        rules: bool,
    },
    /// Export an OpenAPI 3.1 document per service to specs/openapi/ (or -o DIR).
    Openapi {
        /// Only this service (its name or its spec file stem).
        #[arg(long)]
        service: Option<String>,
        /// Output directory (default: specs/openapi).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write nothing; exit 1 naming every file that differs.
        #[arg(long)]
        check: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    /// Any breaking change.
    Breaking,
    /// Any breaking or potentially breaking change.
    Potential,
    /// Any change.
    Any,
}

fn main() -> ExitCode {
    keep_freed_memory();
    // Input structure is bounded everywhere it recurses; a generous stack for
    // the worker threads (2 MiB by default) is the second wall.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(32 << 20)
        .build_global();
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
            diag,
        } => extract(&docs_dir, service, cloud, output, &diag),
        Command::Lint {
            docs_dir,
            service,
            format,
            deny_warnings,
        } => {
            let docs = match docs_dir {
                Some(d) => d,
                None => root(cli.root)?.join("../shared/corpus"),
            };
            let lint = codegen::lint::run(&docs, service.as_deref())?;
            match format {
                LintFormat::Text => print!("{}", lint.to_text()),
                LintFormat::Json => print!("{}", lint.to_json()),
            }
            let n = lint.findings.len();
            if deny_warnings && n > 0 {
                eprintln!("error: {n} documentation finding(s) with --deny-warnings");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
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
            diag,
        } => {
            let root = root(cli.root)?;
            let docs_root = docs_root.unwrap_or_else(|| root.join("../shared/corpus"));
            let scope = if specs_only {
                pipeline::SyncScope::SpecsOnly
            } else {
                pipeline::SyncScope::All
            };
            let bar = progress_bar();
            let outcome = pipeline::sync_scoped(&root, &docs_root, check, scope, &|name, n| {
                bar.set_length(n as u64);
                bar.set_message(name.to_string());
                bar.inc(1);
            });
            bar.finish_and_clear();
            let outcome = outcome?;
            let mut renderer = diag.renderer();
            let mut warnings = 0;
            for (name, stats, diags) in &outcome.per_service {
                warnings += diags.warnings();
                if verbose {
                    print_diagnostics(&mut renderer, diags);
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
            for line in review::render::summary_lines(&review::diff::Report {
                services: outcome.changes.clone(),
            }) {
                eprintln!("changed {line}");
            }
            let what = if specs_only {
                "specs/"
            } else {
                "specs/ and generated/"
            };
            let mut code = report_files(&root, &outcome.files, check, what);
            for (name, why) in &outcome.failed {
                eprintln!("error: {name}: not extracted; its spec was left as it was: {why}");
                code = ExitCode::FAILURE;
            }
            Ok(diag.exit(warnings, code))
        }
        Command::Diff {
            old,
            new,
            format,
            fail_on,
            rules,
        } => {
            if rules {
                print!("{}", review::rules::table_markdown());
                return Ok(ExitCode::SUCCESS);
            }
            let old =
                old.ok_or("codegen diff needs OLD (a spec file, a directory or a git revision)")?;
            diff(cli.root, &old, new.as_deref(), format, fail_on)
        }
        Command::Openapi {
            service,
            output,
            check,
        } => openapi(cli.root, service.as_deref(), output, check),
        Command::Report {
            docs_root,
            json,
            verbose,
            diag,
        } => {
            let docs_root = match docs_root {
                Some(d) => d,
                None => root(cli.root)?.join("../shared/corpus"),
            };
            let bar = progress_bar();
            let run = codegen::report::build(&docs_root, |name, n| {
                bar.set_length(n as u64);
                bar.set_message(name.to_string());
                bar.inc(1);
            });
            bar.finish_and_clear();
            let run = run?;
            if verbose > 0 {
                let mut renderer = diag.renderer();
                for diags in &run.diags {
                    print_diagnostics_with(&mut renderer, diags, verbose > 1);
                }
            }
            if json {
                print!("{}", run.report.to_json());
            } else {
                print!("{}", run.report.to_table());
            }
            let t = &run.report.total;
            Ok(diag.exit(t.warnings + t.errors, ExitCode::SUCCESS))
        }
    }
}

fn diff(
    root_flag: Option<PathBuf>,
    old: &str,
    new: Option<&str>,
    format: DiffFormat,
    fail_on: Option<FailOnArg>,
) -> Result<ExitCode, String> {
    // Revisions need the project; plain files and directories do not.
    let root = root(root_flag.clone()).or_else(|e| {
        if new.is_some() {
            std::env::current_dir().map_err(|e| e.to_string())
        } else {
            Err(e)
        }
    })?;
    let old_specs = review::load::load_side(&root, old)?;
    let new_specs = match new {
        Some(n) => review::load::load_side(&root, n)?,
        None => review::load::load_dir(&root.join("specs"))?,
    };
    let report = review::diff::diff(&old_specs, &new_specs);
    let text = match format {
        DiffFormat::Text => review::render::text(&report),
        DiffFormat::Markdown => review::render::markdown(&report),
        DiffFormat::Json => review::render::json(&report),
    };
    print!("{text}");
    let threshold = fail_on.map(|f| match f {
        FailOnArg::Breaking => review::FailOn::Breaking,
        FailOnArg::Potential => review::FailOn::Potential,
        FailOnArg::Any => review::FailOn::Any,
    });
    if threshold.is_some_and(|t| t.fails(&report)) {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn openapi(
    root_flag: Option<PathBuf>,
    service: Option<&str>,
    output: Option<PathBuf>,
    check: bool,
) -> Result<ExitCode, String> {
    let root = root(root_flag)?;
    let mut specs = pipeline::load_specs(&root)?;
    if let Some(name) = service {
        specs.retain(|s| {
            s.service == name || review::openapi::file_name(s) == format!("{name}.json")
        });
        if specs.is_empty() {
            return Err(format!("no service `{name}` in specs/sources.toml"));
        }
    }
    let (dir, prefix, owned): (PathBuf, &str, &[&str]) = match &output {
        Some(dir) => (dir.clone(), "", &[]),
        // All services: specs/openapi/ holds nothing else, so stale exports go.
        None if service.is_none() => (root.join("specs"), "openapi/", &["openapi"]),
        None => (root.join("specs"), "openapi/", &[]),
    };
    let files: std::collections::BTreeMap<String, String> = specs
        .iter()
        .map(|s| {
            (
                format!("{prefix}{}", review::openapi::file_name(s)),
                review::openapi::render(s),
            )
        })
        .collect();
    let changed = if check {
        codegen::output::differences(&dir, &files, owned)
    } else {
        codegen::output::write_all(&dir, &files, owned)
            .map_err(|e| format!("{}: {e}", dir.display()))?
    };
    Ok(report_files(&root, &changed, check, "specs/openapi/"))
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

fn extract(
    docs_dir: &Path,
    service: Option<String>,
    cloud: Option<String>,
    output: Option<PathBuf>,
    diag: &DiagOpts,
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
    let mut ex = pipeline::extract_dir(docs_dir, &service, &cloud)?;
    // A docs directory that is (inside) a git checkout names its commit.
    ex.spec.provenance = review::provenance::from_git(docs_dir, None);
    print_diagnostics(&mut diag.renderer(), &ex.diags);
    let warnings = ex.diags.warnings();
    let json = ex.spec.to_json();
    match output {
        Some(path) => codegen::output::write_atomic(&path, &json)
            .map_err(|e| format!("{}: {e}", path.display()))?,
        None => print!("{json}"),
    }
    Ok(diag.exit(warnings, ExitCode::SUCCESS))
}

fn root(flag: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(r) = flag {
        return Ok(r);
    }
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    pipeline::find_root(&cwd)
        .ok_or_else(|| "no specs/sources.toml in this directory or above; pass --root".to_string())
}

/// Warnings and errors, sorted (notes are only counted).
fn print_diagnostics(renderer: &mut Renderer, diags: &Diagnostics) {
    print_diagnostics_with(renderer, diags, false);
}

/// Sorted diagnostics; notes only when `notes`.
fn print_diagnostics_with(renderer: &mut Renderer, diags: &Diagnostics, notes: bool) {
    let sorted: Vec<Diagnostic> = diags.clone().sorted();
    for d in sorted
        .iter()
        .filter(|d| notes || d.severity != Severity::Note)
    {
        eprintln!("{}", renderer.render(d));
        if renderer.is_rich() {
            eprintln!();
        }
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
        // Each kind of output has its own writer: name the one that fixes it.
        let fix = match what {
            "specs/openapi/" => "openapi",
            w if w.contains("schema") => "schema",
            _ => "sync` (or `generate",
        };
        eprintln!(
            "{} file(s) out of date; run `cargo run -p codegen -- {fix}` and commit the result",
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
