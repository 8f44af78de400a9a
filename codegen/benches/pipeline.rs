//! Per-stage and end-to-end benchmarks: `cargo bench -p codegen`.
//!
//! Runs on the whole corpus (`../shared/corpus`, or `CODEGEN_CORPUS`) when it
//! exists, else on the test fixtures, so the benches always run. Throughput is
//! in pages (criterion prints `elem/s`). The per-stage benches are
//! single-threaded except `generate` (modules in parallel, as
//! `generate_crate` does) and the `end_to_end` group (the real `sync`).

use codegen::diag::Diagnostics;
use codegen::doc::Document;
use codegen::pipeline::{self, SyncScope};
use codegen::source::{self, Format, PagePath};
use codegen::spec::ServiceSpec;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One service directory of the corpus.
struct Service {
    name: String,
    cloud: String,
    /// Relative to the docs root.
    path: String,
    pages: Vec<PagePath>,
}

struct Corpus {
    root: PathBuf,
    services: Vec<Service>,
}

impl Corpus {
    fn load() -> Corpus {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let shared = std::env::var_os("CODEGEN_CORPUS")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest.join("../../shared/corpus"));
        let root = if shared.join("otc").is_dir() {
            eprintln!("benchmarking the corpus at {}", shared.display());
            shared
        } else {
            eprintln!(
                "no corpus at {} (set CODEGEN_CORPUS); benchmarking the test fixtures instead",
                shared.display()
            );
            manifest.join("../tests/fixtures")
        };
        let mut services = Vec::new();
        for cloud in ["otc", "huawei"] {
            let Ok(entries) = std::fs::read_dir(root.join(cloud)) else {
                continue;
            };
            let mut dirs: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect();
            dirs.sort();
            for dir in dirs {
                let name = dir.file_name().unwrap().to_string_lossy().into_owned();
                let pages = source::list(&dir).expect("lists the service");
                services.push(Service {
                    path: format!("{cloud}/{name}"),
                    name,
                    cloud: cloud.to_string(),
                    pages,
                });
            }
        }
        let corpus = Corpus { root, services };
        eprintln!(
            "{} services, {} pages ({} RST, {} Markdown)",
            corpus.services.len(),
            corpus.pages(None),
            corpus.pages(Some(Format::Rst)),
            corpus.pages(Some(Format::Markdown)),
        );
        corpus
    }

    fn pages(&self, format: Option<Format>) -> u64 {
        self.services
            .iter()
            .flat_map(|s| &s.pages)
            .filter(|p| format.is_none_or(|f| p.format == f))
            .count() as u64
    }

    /// Every page's bytes, per service.
    fn bytes(&self) -> Vec<Vec<(Format, String, Vec<u8>)>> {
        self.services
            .iter()
            .map(|s| {
                s.pages
                    .iter()
                    .map(|p| (p.format, p.rel.clone(), std::fs::read(&p.path).unwrap()))
                    .collect()
            })
            .collect()
    }

    /// A project root whose `specs/sources.toml` lists every service.
    fn project_root(&self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("specs")).unwrap();
        let mut toml = String::new();
        for s in &self.services {
            toml.push_str(&format!(
                "[[service]]\nname = \"{}\"\ncloud = \"{}\"\npath = \"{}\"\n\n",
                s.name, s.cloud, s.path
            ));
        }
        std::fs::write(dir.path().join("specs/sources.toml"), toml).unwrap();
        dir
    }
}

fn display_root(corpus: &Corpus, s: &Service) -> String {
    corpus.root.join(&s.path).display().to_string()
}

fn benches(c: &mut Criterion) {
    let corpus = Corpus::load();
    let bytes = corpus.bytes();
    let all = corpus.pages(None);

    // Stage inputs, computed once.
    let texts: Vec<Vec<(Format, String, String)>> = bytes
        .iter()
        .map(|pages| {
            pages
                .iter()
                .map(|(f, rel, b)| (*f, rel.clone(), String::from_utf8_lossy(b).into_owned()))
                .collect()
        })
        .collect();
    let docs: Vec<Vec<Document>> = corpus
        .services
        .iter()
        .zip(&texts)
        .map(|(s, pages)| {
            let root = display_root(&corpus, s);
            pages
                .iter()
                .map(|(format, rel, text)| {
                    let file = source::SourceFile {
                        rel: rel.clone(),
                        text: text.clone(),
                    };
                    pipeline::parse_page(*format, &root, file, &mut Diagnostics::default())
                })
                .collect()
        })
        .collect();
    let specs: Vec<ServiceSpec> = corpus
        .services
        .iter()
        .zip(&docs)
        .map(|(s, d)| {
            codegen::extract::extract_service(&s.name, &s.cloud, &display_root(&corpus, s), d).0
        })
        .collect();

    let mut g = c.benchmark_group("stage");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));

    g.throughput(Throughput::Elements(all));
    g.bench_function("read", |b| {
        b.iter(|| {
            for s in &corpus.services {
                for p in &s.pages {
                    let mut diags = Diagnostics::default();
                    black_box(source::read(p, "", &mut diags).unwrap());
                }
            }
        })
    });
    g.bench_function("decode", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                for (_, rel, b) in bytes.into_iter().flatten() {
                    let mut diags = Diagnostics::default();
                    black_box(source::decode(b, &|| rel.clone(), &mut diags));
                }
            },
            BatchSize::LargeInput,
        )
    });

    for (format, name) in [
        (Format::Rst, "rst_parse"),
        (Format::Markdown, "markdown_parse"),
    ] {
        let n = corpus.pages(Some(format));
        if n == 0 {
            eprintln!("{name}: no pages of this format; skipped");
            continue;
        }
        g.throughput(Throughput::Elements(n));
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut diags = Diagnostics::default();
                for (_, rel, text) in texts.iter().flatten().filter(|(f, ..)| *f == format) {
                    black_box(match format {
                        Format::Rst => codegen::rst::parse(rel, text, &mut diags),
                        Format::Markdown => codegen::markdown::parse(rel, text, &mut diags),
                    });
                }
            })
        });
    }

    g.throughput(Throughput::Elements(all));
    g.bench_function("extract", |b| {
        b.iter(|| {
            for (s, d) in corpus.services.iter().zip(&docs) {
                black_box(codegen::extract::extract_service(
                    &s.name,
                    &s.cloud,
                    &display_root(&corpus, s),
                    d,
                ));
            }
        })
    });
    g.bench_function("spec_json", |b| {
        b.iter(|| {
            for spec in &specs {
                black_box(spec.to_json());
            }
        })
    });
    g.bench_function("generate", |b| {
        b.iter(|| black_box(codegen::rust::generate_crate(&specs).unwrap()))
    });
    g.finish();

    let mut g = c.benchmark_group("end_to_end");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Elements(all));
    let project = corpus.project_root();
    for (name, scope) in [
        ("docs_to_specs", SyncScope::SpecsOnly),
        ("docs_to_rust", SyncScope::All),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    pipeline::sync_scoped(project.path(), &corpus.root, false, scope, &|_, _| {})
                        .unwrap(),
                )
            })
        });
    }
    g.finish();
}

criterion_group!(pipeline_benches, benches);
criterion_main!(pipeline_benches);
