//! Snapshots of the RST reader's document model, plus an ignored whole-corpus run.

use codegen::diag::Diagnostics;
use codegen::doc::{Block, BlockKind, Document, TableForm};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Parses a fixture; the diagnostics are snapshotted alongside the model.
fn read(rel: &str) -> (Document, Vec<String>) {
    let text = std::fs::read_to_string(fixtures().join(rel)).expect("fixture exists");
    let mut diags = Diagnostics::default();
    let doc = codegen::rst::parse(rel, &text, &mut diags);
    let diags = diags.sorted().iter().map(ToString::to_string).collect();
    (doc, diags)
}

macro_rules! snapshot {
    ($name:ident, $rel:expr) => {
        #[test]
        fn $name() {
            let (doc, diags) = read($rel);
            insta::assert_json_snapshot!(stringify!($name), doc);
            insta::assert_json_snapshot!(concat!(stringify!($name), "_diagnostics"), diags);
        }
    };
}

snapshot!(
    seed_creating_tasks_in_batches,
    "otc/data-replication-service/api/creating_tasks_in_batches.rst"
);
snapshot!(
    seed_creating_a_backup_import_task,
    "otc/distributed-cache-service/api/creating_a_backup_import_task.rst"
);
snapshot!(unwrapped_tables, "rst/unwrapped_tables.rst");
snapshot!(pseudo_headings, "rst/pseudo_headings.rst");
snapshot!(cells_with_pipes, "rst/cells_with_pipes.rst");
snapshot!(list_item_labels, "rst/list_item_labels.rst");
snapshot!(simple_multiline, "rst/simple_multiline.rst");
snapshot!(literal_blocks, "rst/literal_blocks.rst");

/// Every table of a document, with whether it sits in a table cell.
fn visit<'a>(blocks: &'a [Block], in_cell: bool, f: &mut dyn FnMut(&'a Block, bool)) {
    for b in blocks {
        f(b, in_cell);
        match &b.kind {
            BlockKind::Section { blocks, .. }
            | BlockKind::Admonition { blocks, .. }
            | BlockKind::Quote { blocks } => visit(blocks, in_cell, f),
            BlockKind::List { items, .. } => {
                items.iter().for_each(|i| visit(&i.blocks, in_cell, f))
            }
            BlockKind::Table(t) => t
                .header
                .iter()
                .chain(&t.rows)
                .flat_map(|r| &r.cells)
                .for_each(|c| visit(&c.blocks, true, f)),
            _ => {}
        }
    }
}

#[test]
fn seed_create_job_req_has_twenty_rows() {
    let (doc, _) = read("otc/data-replication-service/api/creating_tasks_in_batches.rst");
    let mut found = None;
    visit(&doc.blocks, false, &mut |b, _| {
        if let BlockKind::Table(t) = &b.kind
            && t.caption
                .as_ref()
                .is_some_and(|c| c.number.as_deref() == Some("4"))
        {
            found = Some((b.labels.clone(), t.clone()));
        }
    });
    let (labels, table) = found.expect("Table 4 exists");
    assert_eq!(labels, ["drs_03_0104__request_createjobreq"]);
    assert_eq!(table.header.len(), 1);
    assert_eq!(table.rows.len(), 20);
    let names: Vec<String> = table
        .rows
        .iter()
        .map(|r| r.cells[0].plain().into_owned())
        .collect();
    assert_eq!(names.first().map(String::as_str), Some("name"));
    assert!(table.rows.iter().all(|r| r.cells.len() == 4));
}

#[derive(Default, Debug)]
struct Totals {
    files: usize,
    grid: usize,
    simple: usize,
    wrapped: usize,
    code: usize,
    code_in_cells: usize,
    code_with_language: usize,
    admonitions: BTreeMap<String, usize>,
    directives: BTreeMap<String, usize>,
    sections: BTreeMap<u8, usize>,
    block_labels: usize,
    quotes: usize,
    item_labels: usize,
    /// Paragraphs holding text that looks like missed block markup.
    suspicious_paragraphs: usize,
}

#[test]
#[ignore = "needs ../shared/corpus; run with --ignored"]
fn corpus_otc_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/otc");
    if !root.is_dir() {
        println!("corpus not found at {}; skipped", root.display());
        return;
    }
    let mut files = Vec::new();
    collect_rst(&root, &mut files);
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            (
                rel,
                std::fs::read_to_string(p).expect("readable corpus file"),
            )
        })
        .collect();
    let mut diags = Diagnostics::default();
    let mut totals = Totals {
        files: texts.len(),
        ..Totals::default()
    };
    let debug_cells = std::env::var_os("RST_DEBUG_CELL_CODE").is_some();
    let mut elapsed = std::time::Duration::ZERO;
    for (rel, text) in &texts {
        let start = std::time::Instant::now();
        let doc = codegen::rst::parse(rel, text, &mut diags);
        elapsed += start.elapsed();
        visit(&doc.blocks, false, &mut |b, in_cell| {
            count(&mut totals, b, in_cell);
            if debug_cells && in_cell && matches!(b.kind, BlockKind::Code { .. }) {
                println!("cell-code {}:{}", doc.file, b.line);
            }
            if let BlockKind::Paragraph { text } = &b.kind {
                let t = codegen::doc::plain_text(text);
                let listy = t.starts_with("- ") || t.starts_with("* ") || t.starts_with("#.");
                if listy
                    || t.contains("+--")
                    || t.contains("===")
                    || t.contains(".. ")
                    || t.contains("::")
                {
                    totals.suspicious_paragraphs += 1;
                    if debug_cells {
                        println!(
                            "suspicious {}:{} {}",
                            doc.file,
                            b.line,
                            t.chars().take(120).collect::<String>()
                        );
                    }
                }
            }
            totals.block_labels += b.labels.len();
            if let BlockKind::Quote { blocks } = &b.kind {
                totals.quotes += 1;
                if debug_cells {
                    println!(
                        "quote {}:{} {}",
                        doc.file,
                        b.line,
                        codegen::doc::blocks_plain(blocks)
                            .chars()
                            .take(100)
                            .collect::<String>()
                    );
                }
            }
            if let BlockKind::List { items, .. } = &b.kind {
                totals.item_labels += items.iter().map(|i| i.labels.len()).sum::<usize>();
            }
            if let BlockKind::Section { level, .. } = &b.kind {
                *totals.sections.entry(*level).or_default() += 1;
            }
        });
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    println!(
        "parsed {} files, {bytes} bytes in {elapsed:?}",
        totals.files
    );
    println!("{totals:#?}");
    println!(
        "tables: {} (grid {}, simple {})",
        totals.grid + totals.simple,
        totals.grid,
        totals.simple
    );
    println!("diagnostics by code: {:#?}", diags.by_code());
    for d in diags
        .items
        .iter()
        .filter(|d| d.code != "rst-unknown-directive")
        .take(40)
    {
        println!("{d}");
    }
}

fn count(totals: &mut Totals, b: &Block, in_cell: bool) {
    match &b.kind {
        BlockKind::Table(t) => {
            match t.form {
                TableForm::Grid => totals.grid += 1,
                _ => totals.simple += 1,
            }
            totals.wrapped += usize::from(t.caption.is_some());
        }
        BlockKind::Code { language, .. } => {
            totals.code += 1;
            totals.code_in_cells += usize::from(in_cell);
            totals.code_with_language += usize::from(language.is_some());
        }
        BlockKind::Admonition { kind, .. } => {
            *totals.admonitions.entry(kind.clone()).or_default() += 1
        }
        BlockKind::Directive { name, .. } => {
            *totals.directives.entry(name.clone()).or_default() += 1
        }
        _ => {}
    }
}

fn collect_rst(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_rst(&p, out);
        } else if p.extension().is_some_and(|x| x == "rst") {
            out.push(p);
        }
    }
}

/// Debug aid: `RST_DUMP=path/to/page.rst cargo test -p codegen-tests --test
/// rst_reader -- --ignored dump_rst --nocapture` prints the document model.
#[test]
#[ignore = "debug aid; set RST_DUMP"]
fn dump_rst() {
    let Some(path) = std::env::var_os("RST_DUMP") else {
        println!("set RST_DUMP to a .rst file");
        return;
    };
    let text = std::fs::read_to_string(&path).expect("RST_DUMP is readable");
    let mut diags = Diagnostics::default();
    let doc = codegen::rst::parse(&path.to_string_lossy(), &text, &mut diags);
    println!(
        "{}",
        serde_json::to_string_pretty(&doc).expect("serialisable")
    );
    for d in diags.sorted() {
        eprintln!("{d}");
    }
}
