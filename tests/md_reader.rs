//! Snapshots of the Markdown reader's document model, plus an ignored
//! whole-corpus run over the Huawei pages.

use codegen::diag::Diagnostics;
use codegen::doc::{Block, BlockKind, Document, Inline, TableForm};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Parses a fixture; the diagnostics are snapshotted alongside the model.
fn read(rel: &str) -> (Document, Vec<String>) {
    let text = std::fs::read_to_string(fixtures().join(rel)).expect("fixture exists");
    let mut diags = Diagnostics::default();
    let doc = codegen::markdown::parse(rel, &text, &mut diags);
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

snapshot!(seed_oms_workflow, "huawei/oms/示例1-创建迁移任务.md");
snapshot!(generated_style, "md/generated_style.md");
snapshot!(pipe_tables, "md/pipe_tables.md");
snapshot!(spans, "md/spans.md");
snapshot!(classic_uri, "md/classic_uri.md");
snapshot!(cross_page_a, "md/cross_page_a.md");
snapshot!(cross_page_b, "md/cross_page_b.md");

/// Every block of a document, with whether it sits in a table cell.
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

/// Every `Ref` inline of a document.
fn refs(doc: &Document) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    visit(&doc.blocks, false, &mut |b, _| {
        let inlines: Vec<&Inline> = match &b.kind {
            BlockKind::Paragraph { text } => text.iter().collect(),
            _ => Vec::new(),
        };
        for i in inlines {
            if let Inline::Ref { target, text } = i {
                out.push((target.clone(), text.clone()));
            }
        }
    });
    out
}

#[test]
fn cross_page_links_keep_page_and_anchor() {
    let (a, _) = read("md/cross_page_a.md");
    let targets: Vec<String> = refs(&a).into_iter().map(|(t, _)| t).collect();
    assert!(targets.iter().any(|t| t == "cross_page_b.md#table123"));
    let (b, _) = read("md/cross_page_b.md");
    let mut labels = Vec::new();
    visit(&b.blocks, false, &mut |blk, _| {
        labels.extend(blk.labels.clone())
    });
    assert!(labels.iter().any(|l| l == "table123"));
}

#[test]
fn spans_make_rectangular_grids() {
    let (doc, _) = read("md/spans.md");
    visit(&doc.blocks, false, &mut |b, in_cell| {
        if let BlockKind::Table(t) = &b.kind
            && !in_cell
        {
            let width = t.header[0].cells.len();
            assert!(t.rows.iter().all(|r| r.cells.len() == width));
        }
    });
}

#[derive(Default, Debug)]
struct Totals {
    files: usize,
    html_tables: usize,
    pipe_tables: usize,
    tables_in_cells: usize,
    captions_html: usize,
    captions_pipe: usize,
    labelled_tables: usize,
    code: usize,
    code_in_cells: usize,
    /// Code blocks whose first line is a ``` or ~~~ fence.
    fences: usize,
    admonitions: BTreeMap<String, usize>,
    quotes: usize,
    sections: BTreeMap<u8, usize>,
    original_names: usize,
    refs_same_page: usize,
    refs_other_page: usize,
    links: usize,
    /// Paragraphs still holding `**表 N**` caption text (unbound captions).
    caption_paragraphs: usize,
    /// Paragraphs with raw HTML or pipe-table markup left in them.
    suspicious_paragraphs: usize,
}

#[test]
#[ignore = "needs ../shared/corpus; run with --ignored"]
fn corpus_huawei_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/huawei");
    if !root.is_dir() {
        println!("corpus not found at {}; skipped", root.display());
        return;
    }
    let mut files = Vec::new();
    collect_md(&root, &mut files);
    files.sort();
    let debug = std::env::var_os("MD_DEBUG").is_some();
    let mut diags = Diagnostics::default();
    let mut totals = Totals {
        files: files.len(),
        ..Totals::default()
    };
    let mut elapsed = std::time::Duration::ZERO;
    let mut bytes = 0;
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).expect("readable corpus file");
        bytes += text.len();
        let start = std::time::Instant::now();
        let doc = codegen::markdown::parse(&rel, &text, &mut diags);
        elapsed += start.elapsed();
        totals.original_names += usize::from(doc.original_name.is_some());
        let lines: Vec<&str> = text.lines().collect();
        visit(&doc.blocks, false, &mut |b, in_cell| {
            count(&mut totals, b, in_cell);
            let first = lines
                .get(b.line as usize - 1)
                .map_or("", |l| l.trim_start());
            if matches!(b.kind, BlockKind::Code { .. })
                && !in_cell
                && (first.starts_with("```")
                    || first.starts_with("~~~")
                    || first.starts_with("-   ```"))
            {
                totals.fences += 1;
            }
            if debug && let BlockKind::Paragraph { text } = &b.kind {
                let t = codegen::doc::plain_text(text);
                if t.contains("<t") || t.starts_with('|') || t.starts_with("表") {
                    println!(
                        "suspicious {rel}:{} {}",
                        b.line,
                        t.chars().take(100).collect::<String>()
                    );
                }
            }
        });
    }
    println!(
        "parsed {} files, {bytes} bytes in {elapsed:?}",
        totals.files
    );
    println!("{totals:#?}");
    println!(
        "tables: {} (html {}, pipe {}); captions bound: {}",
        totals.html_tables + totals.pipe_tables,
        totals.html_tables,
        totals.pipe_tables,
        totals.captions_html + totals.captions_pipe
    );
    println!("diagnostics by code: {:#?}", diags.by_code());
    for d in diags.items.iter().take(40) {
        println!("{d}");
    }
}

fn count(totals: &mut Totals, b: &Block, in_cell: bool) {
    totals.labelled_tables +=
        usize::from(matches!(b.kind, BlockKind::Table(_)) && !b.labels.is_empty());
    match &b.kind {
        BlockKind::Table(t) => {
            totals.tables_in_cells += usize::from(in_cell);
            let captioned = usize::from(t.caption.is_some());
            match t.form {
                TableForm::Pipe => {
                    totals.pipe_tables += 1;
                    totals.captions_pipe += captioned;
                }
                _ => {
                    totals.html_tables += 1;
                    totals.captions_html += captioned;
                }
            }
        }
        BlockKind::Code { .. } => {
            totals.code += 1;
            totals.code_in_cells += usize::from(in_cell);
        }
        BlockKind::Admonition { kind, .. } => {
            *totals.admonitions.entry(kind.clone()).or_default() += 1
        }
        BlockKind::Quote { .. } => totals.quotes += 1,
        BlockKind::Section { level, .. } => *totals.sections.entry(*level).or_default() += 1,
        BlockKind::Paragraph { text } => {
            for i in text {
                match i {
                    Inline::Ref { target, .. } if target.contains(".md") => {
                        totals.refs_other_page += 1
                    }
                    Inline::Ref { .. } => totals.refs_same_page += 1,
                    Inline::Link { .. } => totals.links += 1,
                    _ => {}
                }
            }
            let t = codegen::doc::plain_text(text);
            if matches!(text.first(), Some(Inline::Strong { text }) if text.starts_with('表')) {
                totals.caption_paragraphs += 1;
            }
            if t.contains("<table") || t.contains("<td") || t.starts_with("|--") {
                totals.suspicious_paragraphs += 1;
            }
        }
        _ => {}
    }
}

fn collect_md(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_md(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// Debug aid: `MD_DUMP=path/to/page.md cargo test -p codegen-tests --test
/// md_reader -- --ignored dump_md --nocapture` prints the document model.
#[test]
#[ignore = "debug aid; set MD_DUMP"]
fn dump_md() {
    let Some(path) = std::env::var_os("MD_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("readable file");
    let mut diags = Diagnostics::default();
    let doc = codegen::markdown::parse(&path.to_string_lossy(), &text, &mut diags);
    println!(
        "{}",
        serde_json::to_string_pretty(&doc).expect("serialisable")
    );
    for d in diags.sorted() {
        println!("{d}");
    }
}
