//! The whole flow, as the CLI and the tests use it: docs → documents → spec → crate.

use crate::diag::Diagnostics;
use crate::doc::Document;
use crate::extract::{self, Stats};
use crate::output;
use crate::review::{self, diff::ServiceDiff, provenance};
use crate::source::{self, Format, PagePath};
use crate::sources::Sources;
use crate::spec::{SPEC_VERSION, ServiceSpec};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One service's extraction result.
#[derive(Debug)]
pub struct Extracted {
    pub spec: ServiceSpec,
    pub stats: Stats,
    pub diags: Diagnostics,
}

/// The directories of `generated/` that `generate` owns entirely (stale files there are removed).
const GENERATED_OWNED: &[&str] = &["src", "tests", "examples"];

/// Every page of a service directory, in path order.
pub fn list_pages(dir: &Path) -> Result<Vec<PagePath>, String> {
    if !dir.is_dir() {
        return Err(format!("{}: not a directory", dir.display()));
    }
    source::list(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

/// Reads and parses the `pages` of service directory `dir`, in parallel.
/// The documents are in path order and the diagnostics in the order a
/// sequential run would emit them (page by page, in path order).
pub fn parse_pages(
    dir: &Path,
    pages: &[PagePath],
    display_root: &str,
    diags: &mut Diagnostics,
) -> Result<Vec<Document>, String> {
    let parsed: Vec<Result<(Document, Diagnostics), String>> = pages
        .par_iter()
        .map(|page| {
            let mut page_diags = Diagnostics::default();
            let file = source::read(page, display_root, &mut page_diags)
                .map_err(|e| format!("{}: {e}", dir.display()))?;
            let doc = parse_page(page.format, display_root, file, &mut page_diags);
            Ok((doc, page_diags))
        })
        .collect();
    let mut docs = Vec::with_capacity(parsed.len());
    for result in parsed {
        let (doc, page_diags) = result?;
        diags.extend(page_diags);
        docs.push(doc);
    }
    Ok(docs)
}

/// Parses one page read from a service directory with the reader of its format.
pub fn parse_page(
    format: Format,
    display_root: &str,
    file: source::SourceFile,
    diags: &mut Diagnostics,
) -> Document {
    let shown = format!("{}/{}", display_root.trim_end_matches('/'), file.rel);
    let mut doc = match format {
        Format::Rst => crate::rst::parse(&shown, &file.text, diags),
        Format::Markdown => crate::markdown::parse(&shown, &file.text, diags),
    };
    doc.file = file.rel;
    doc
}

/// Extracts one service from its docs directory. Diagnostics come sorted
/// (file, line, severity, code, message).
pub fn extract_dir(dir: &Path, service: &str, cloud: &str) -> Result<Extracted, String> {
    extract_pages(dir, &list_pages(dir)?, service, cloud)
}

/// [`extract_dir`] on pages already listed by [`list_pages`].
pub fn extract_pages(
    dir: &Path,
    pages: &[PagePath],
    service: &str,
    cloud: &str,
) -> Result<Extracted, String> {
    let display_root = dir.display().to_string();
    let mut diags = Diagnostics::default();
    let docs = parse_pages(dir, pages, &display_root, &mut diags)?;
    let (spec, stats, more) = extract::extract_service(service, cloud, &display_root, &docs);
    diags.extend(more);
    diags.items.sort();
    Ok(Extracted { spec, stats, diags })
}

/// `f` of every item, in parallel, started biggest first (by `size`) as
/// threads come free; the results are in the items' order. Extraction of one
/// service is sequential after its pages are parsed, so a big service started
/// last would run alone at the end and set the wall time of a many-service run.
pub fn biggest_first<I: Sync, T: Send>(
    items: &[I],
    size: impl Fn(&I) -> u64 + Sync + Send,
    f: impl Fn(&I) -> T + Sync + Send,
) -> Vec<T> {
    let sizes: Vec<u64> = items.par_iter().map(size).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(sizes[i]), i));
    // `par_bridge` hands out the items in this order, one per free thread.
    let mut done: Vec<(usize, T)> = order
        .into_iter()
        .par_bridge()
        .map(|i| (i, f(&items[i])))
        .collect();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

/// Runs `f`, turning a panic into an error naming it: a bug of ours on one
/// service's pages must not take the other services down with it.
fn isolated<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(format!("internal error (panic) while extracting: {what}"))
        }
    }
}

/// The cloud a docs directory belongs to, by its page format.
pub fn infer_cloud(dir: &Path) -> &'static str {
    let found = source::list(dir).unwrap_or_default();
    let md = found
        .iter()
        .filter(|p| p.format == Format::Markdown)
        .count();
    if md * 2 > found.len() {
        "huawei"
    } else {
        "otc"
    }
}

/// The project root: the nearest ancestor holding `specs/sources.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join("specs/sources.toml").is_file())
        .map(Path::to_path_buf)
}

/// Loads the committed specs of every service in `specs/sources.toml`, in its order.
pub fn load_specs(root: &Path) -> Result<Vec<ServiceSpec>, String> {
    let sources = Sources::load(&root.join("specs/sources.toml"))?;
    let mut specs = Vec::new();
    for s in &sources.services {
        let path = root.join("specs").join(s.spec_file());
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let spec = ServiceSpec::from_json(&text)
            .map_err(|e| format!("{}: invalid spec: {e}", path.display()))?;
        if spec.spec_version != SPEC_VERSION {
            return Err(format!(
                "{}: spec_version {} is not the supported {SPEC_VERSION}",
                path.display(),
                spec.spec_version
            ));
        }
        specs.push(spec);
    }
    Ok(specs)
}

/// All files of `generated/` rendered from the specs, with each service's
/// host prefix from `specs/sources.toml` (keyed by spec stem).
pub fn render_crate(
    specs: &[ServiceSpec],
    endpoints: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, String> {
    crate::rust::generate_crate_with(specs, endpoints).map_err(|e| e.to_string())
}

/// `codegen generate`: specs → `generated/`. In check mode nothing is written;
/// the result lists the files that differ. Otherwise it lists the files written.
pub fn generate(root: &Path, check: bool) -> Result<Vec<PathBuf>, String> {
    let specs = load_specs(root)?;
    let endpoints = Sources::load(&root.join("specs/sources.toml"))?.endpoints();
    let files = render_crate(&specs, &endpoints)?;
    let dir = root.join("generated");
    if check {
        return Ok(output::differences(&dir, &files, GENERATED_OWNED));
    }
    output::write_all(&dir, &files, GENERATED_OWNED).map_err(|e| format!("{}: {e}", dir.display()))
}

/// The result of `codegen sync`.
#[derive(Debug, Default)]
pub struct SyncOutcome {
    pub per_service: Vec<(String, Stats, Diagnostics)>,
    /// What changed in each spec that differs from the disk (the review summary).
    pub changes: Vec<ServiceDiff>,
    /// Files that differ (check mode) or were written.
    pub files: Vec<PathBuf>,
    /// Services that could not be extracted (unreadable docs, or a bug of
    /// ours that panicked), with why. Their specs on disk are left as they
    /// were and still generate their modules; every other service is written.
    pub failed: Vec<(String, String)>,
}

/// What `codegen sync` writes or checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncScope {
    /// `specs/` and `generated/`.
    All,
    /// Only `specs/` (docs → specs; no Rust is generated).
    SpecsOnly,
}

/// `codegen sync`: for every listed service, docs → spec, then specs → `generated/`.
/// Nothing is written unless every service extracts and the crate renders.
pub fn sync(root: &Path, docs_root: &Path, check: bool) -> Result<SyncOutcome, String> {
    sync_scoped(root, docs_root, check, SyncScope::All, &|_, _| {})
}

/// [`sync`], calling `progress(name, count)` as each service is extracted.
pub fn sync_with_progress(
    root: &Path,
    docs_root: &Path,
    check: bool,
    progress: impl Fn(&str, usize) + Sync,
) -> Result<SyncOutcome, String> {
    sync_scoped(root, docs_root, check, SyncScope::All, &progress)
}

/// [`sync`], optionally stopping after the specs. Services are extracted in
/// parallel; results, errors and files are in `specs/sources.toml` order.
pub fn sync_scoped(
    root: &Path,
    docs_root: &Path,
    check: bool,
    scope: SyncScope,
    progress: &(dyn Fn(&str, usize) + Sync),
) -> Result<SyncOutcome, String> {
    let sources = Sources::load(&root.join("specs/sources.toml"))?;
    let specs_dir = root.join("specs");
    // A spec that is already on disk is not kept: the specs of the whole
    // corpus are a third of a run's peak memory, and fresh memory is costly.
    // Each directory is listed once: for its size (the schedule) and its pages.
    let listed: Vec<(PathBuf, Result<Vec<PagePath>, String>)> = sources
        .services
        .par_iter()
        .map(|s| {
            let dir = docs_root.join(&s.path);
            let pages = list_pages(&dir);
            (dir, pages)
        })
        .collect();
    let jobs: Vec<_> = sources.services.iter().zip(&listed).collect();
    type Done = (Extracted, Option<String>, Option<ServiceDiff>);
    let extracted: Vec<Result<Done, String>> = biggest_first(
        &jobs,
        |(_, (_, pages))| pages.as_deref().map_or(0, source::size),
        |(s, (dir, pages))| {
            progress(&s.name, sources.services.len());
            // One service's failure, even a panic of ours, must not stop the
            // others: it is reported and the rest are written.
            let mut ex = isolated(|| {
                extract_pages(
                    dir,
                    pages.as_ref().map_err(String::clone)?,
                    &s.name,
                    &s.cloud,
                )
            })?;
            ex.spec.provenance = provenance::resolve(docs_root, s);
            let json = ex.spec.to_json();
            let path = specs_dir.join(s.spec_file());
            let changed = (!output::same_on_disk(&path, &json)).then_some(json);
            let review = changed.as_ref().map(|_| diff_with_disk(&path, &ex.spec));
            Ok((ex, changed, review))
        },
    );
    let mut outcome = SyncOutcome::default();
    // Only the specs that differ from the disk: specs/ holds no stale files to find.
    let mut spec_files = BTreeMap::new();
    let mut specs = Vec::new();
    let sources_path = root.join("specs/sources.toml");
    let sources_text = std::fs::read_to_string(&sources_path)
        .map_err(|e| format!("{}: {e}", sources_path.display()))?;
    let mut new_sources = sources_text.clone();
    for (s, result) in sources.services.iter().zip(extracted) {
        let (ex, changed, review) = match result {
            Ok(done) => done,
            Err(why) => {
                outcome.failed.push((s.name.clone(), why));
                // The module keeps being generated from the spec on disk, if any.
                let path = specs_dir.join(s.spec_file());
                if scope == SyncScope::All
                    && let Ok(text) = std::fs::read_to_string(&path)
                    && let Ok(spec) = ServiceSpec::from_json(&text)
                {
                    specs.push(spec);
                }
                continue;
            }
        };
        if let Some(json) = changed {
            spec_files.insert(s.spec_file(), json);
        }
        if let Some(p) = &ex.spec.provenance {
            new_sources = provenance::update_sources_toml(&new_sources, &s.name, &s.cloud, p);
        }
        outcome.changes.extend(review);
        if scope == SyncScope::All {
            specs.push(ex.spec);
        }
        outcome
            .per_service
            .push((s.name.clone(), ex.stats, ex.diags));
    }
    if new_sources != sources_text {
        spec_files.insert("sources.toml".to_string(), new_sources);
    }
    let crate_files = match scope {
        SyncScope::All => Some(render_crate(&specs, &sources.endpoints())?),
        SyncScope::SpecsOnly => None,
    };
    let gen_dir = root.join("generated");
    if check {
        outcome.files = output::differences(&specs_dir, &spec_files, &[]);
        if let Some(crate_files) = &crate_files {
            outcome
                .files
                .extend(output::differences(&gen_dir, crate_files, GENERATED_OWNED));
        }
        return Ok(outcome);
    }
    let mut written = output::write_all(&specs_dir, &spec_files, &[])
        .map_err(|e| format!("{}: {e}", specs_dir.display()))?;
    if let Some(crate_files) = &crate_files {
        written.extend(
            output::write_all(&gen_dir, crate_files, GENERATED_OWNED)
                .map_err(|e| format!("{}: {e}", gen_dir.display()))?,
        );
    }
    outcome.files = written;
    Ok(outcome)
}

/// The review diff of a spec against its version on disk (a new service
/// when there is none or it does not parse).
fn diff_with_disk(path: &Path, new: &ServiceSpec) -> ServiceDiff {
    let old = std::fs::read_to_string(path)
        .ok()
        .and_then(|t| ServiceSpec::from_json(&t).ok());
    match old {
        // Kept even without changes: the docs commit may be what moved.
        Some(old) => review::diff::diff_service(&old, new),
        None => review::diff::whole_service(new, "service-added", "added"),
    }
}

#[cfg(test)]
mod tests {
    use super::biggest_first;
    use std::sync::Mutex;

    #[test]
    fn biggest_first_starts_big_items_first_and_keeps_the_order_of_results() {
        let sizes = [3u64, 10, 1, 10, 7];
        let started = Mutex::new(Vec::new());
        // One thread makes the start order observable.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool");
        let results = pool.install(|| {
            biggest_first(
                &sizes,
                |s| *s,
                |s| {
                    started.lock().expect("lock").push(*s);
                    s * 2
                },
            )
        });
        assert_eq!(results, [6, 20, 2, 20, 14]);
        assert_eq!(started.into_inner().expect("lock"), [10, 10, 7, 3, 1]);
    }
}
