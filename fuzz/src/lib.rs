//! Fuzz harnesses for the codegen readers and the extractor.
//!
//! Each function takes raw fuzzer bytes, turns them into text the way the
//! pipeline does (`String::from_utf8_lossy`, as `codegen::source::read_dir`
//! does for invalid UTF-8) and drives a public entry point. Panics are the only
//! failure: every reader promises "never panics; odd input yields
//! diagnostics". The same functions replay `tests/fixtures/fuzz-regressions/`
//! in `tests/robustness.rs` (which includes this file by path), so a fixed
//! crasher stays covered by plain `cargo test`.

use codegen::diag::Diagnostics;
use codegen::doc::Document;

pub mod random_service;
pub mod rust_checks;

/// Separates the two pages of an [`extract`] input.
pub const PAGE_SEP: &[u8] = b"\n\x00PAGE\x00\n";

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn rst(file: &str, text: &str) -> Document {
    codegen::rst::parse(file, text, &mut Diagnostics::default())
}

fn md(file: &str, text: &str) -> Document {
    codegen::markdown::parse(file, text, &mut Diagnostics::default())
}

/// A whole RST page.
pub fn rst_reader(data: &[u8]) {
    rst("fuzz.rst", &text(data));
}

/// A whole Markdown page.
pub fn markdown_reader(data: &[u8]) {
    md("fuzz.md", &text(data));
}

/// The input as the body of a grid table and of a simple table, each both
/// bare and inside a `.. table::` directive, so `grid_table` and
/// `simple_table` see it through `rst::parse`.
pub fn rst_tables(data: &[u8]) {
    let body = text(data);
    for page in table_pages(&body) {
        rst("tables.rst", &page);
    }
}

/// RST pages that wrap `body` as grid and simple tables.
pub fn table_pages(body: &str) -> Vec<String> {
    let mut lines: Vec<&str> = body.split('\n').collect();
    // Grid: a first line starting with `+` is the border, else a default one;
    // lines that are not already row or border lines become one-cell rows.
    let border = match lines.first() {
        Some(l) if l.starts_with('+') => lines.remove(0).to_string(),
        _ => "+------------------+------------------+".to_string(),
    };
    let width = border.chars().count().saturating_sub(3);
    let mut grid = vec![border.clone()];
    for l in &lines {
        if l.starts_with('+') || l.starts_with('|') {
            grid.push((*l).to_string());
        } else {
            grid.push(format!("| {l:<width$}|"));
        }
    }
    grid.push(border);
    let grid = grid.join("\n");

    // Simple: a first line starting with `=` is the column rule, else a default.
    let mut lines: Vec<&str> = body.split('\n').collect();
    let rule = match lines.first() {
        Some(l) if l.starts_with('=') => lines.remove(0).to_string(),
        _ => "==========  ==========".to_string(),
    };
    let simple = format!("{rule}\n{}\n{rule}", lines.join("\n"));

    let mut pages = Vec::new();
    for table in [grid, simple] {
        pages.push(format!("Parameters\n----------\n\n{table}\n\nAfter.\n"));
        pages.push(format!(
            "Parameters\n----------\n\n.. _table1:\n\n.. table:: **Table 1** Fuzz\n\n{}\n\nAfter.\n",
            indent(&table, 3)
        ));
    }
    pages
}

fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.split('\n')
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The input inside `<table>…</table>` on a Markdown page, after a caption.
pub fn html_table(data: &[u8]) {
    md("table.md", &html_table_page(&text(data)));
}

/// A Markdown page holding `cells` as an HTML table.
pub fn html_table_page(cells: &str) -> String {
    format!(
        "# 查询<a name=\"x\"></a>\n\n## 请求参数\n\n**表 1**  参数\n\n<a name=\"t1\"></a>\n<table>{cells}</table>\n\n后文。\n"
    )
}

/// One or two pages (split at [`PAGE_SEP`]), each read as RST or Markdown as
/// the first byte's bits 0 and 1 say, then extracted as one service; the
/// spec is then rendered as Rust (an error is fine, a panic is not).
pub fn extract(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (a, b) = match find(rest, PAGE_SEP) {
        Some(i) => (&rest[..i], Some(&rest[i + PAGE_SEP.len()..])),
        None => (rest, None),
    };
    let mut docs = vec![page("a", flags & 1 != 0, a)];
    if let Some(b) = b {
        docs.push(page("b", flags & 2 != 0, b));
    }
    run_extraction(&docs);
}

/// Extracts `docs` as one service and renders the spec; returns whether
/// rendering succeeded.
pub fn run_extraction(docs: &[Document]) -> bool {
    let (spec, _stats, _diags) = codegen::extract::extract_service("fuzz", "otc", "fuzz", docs);
    codegen::rust::generate_module(&spec).is_ok()
}

fn page(stem: &str, markdown: bool, data: &[u8]) -> Document {
    let text = text(data);
    if markdown {
        let mut d = md(&format!("fuzz/{stem}.md"), &text);
        d.file = format!("{stem}.md");
        d
    } else {
        let mut d = rst(&format!("fuzz/{stem}.rst"), &text);
        d.file = format!("{stem}.rst");
        d
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The lenient JSON reader of example blocks (`extract::example_json`), with
/// its promises checked: positions inside the input, at most
/// `MAX_LOCATIONS` locations, and the same value as `serde_json` with no
/// repair whenever the input is strict JSON that the reader accepts, and
/// the same outcome from `read_value` (which skips the key locations).
/// The value is then checked against an untyped body, as extraction does.
pub fn json_reader(data: &[u8]) {
    use codegen::extract::example_json::{Failure, MAX_LOCATIONS, read, read_value};
    let text = text(data);
    let result = read(&text);
    match (&result, read_value(&text)) {
        (Ok(full), Ok(lean)) => {
            assert_eq!(full.value, lean.value);
            assert_eq!(full.repairs, lean.repairs);
        }
        (full, lean) => assert_eq!(full.as_ref().err(), lean.err().as_ref()),
    }
    match result {
        Ok(parsed) => {
            for r in &parsed.repairs {
                assert!(r.pos.offset <= text.len() && r.pos.line >= 1 && r.pos.col >= 1);
            }
            assert!(parsed.locations.len() <= MAX_LOCATIONS);
            if let Ok(strict) = serde_json::from_str::<serde_json::Value>(&text) {
                assert_eq!(strict, parsed.value, "strict JSON reads the same");
                assert!(parsed.repairs.is_empty(), "{:?}", parsed.repairs);
            }
            let types = std::collections::BTreeMap::new();
            let any = codegen::spec::TypeRef::Any;
            assert!(codegen::extract::examples::check(&parsed.value, &any, &types).is_empty());
        }
        Err(Failure::Invalid { pos, .. }) => assert!(pos.offset <= text.len()),
        Err(Failure::NotJson { .. }) => {}
    }
}

/// What one [`pipeline`] run produced (so a seeded test can show the
/// generator reached the interesting parts).
#[derive(Debug, Default, Clone, Copy)]
pub struct PipelineOutcome {
    pub pages: usize,
    pub operations: usize,
    pub types: usize,
    pub fields: usize,
    /// Bytes of generated Rust.
    pub rust_bytes: usize,
}

/// The whole pipeline on a random service built from `data`
/// ([`random_service`]): pages → documents → spec → JSON and back → Rust.
/// Panics on any broken promise: a panic inside codegen, a spec that does
/// not read back, a generation error, or generated source that does not
/// parse, carries doc text rustdoc would run, render as HTML or link, or has
/// invalid, clashing or prelude-shadowing names ([`rust_checks`]).
pub fn pipeline(data: &[u8]) -> PipelineOutcome {
    use codegen::source::{Format, SourceFile};
    let service = random_service::service(&mut random_service::Draw::new(data));
    let root = "fuzz-docs";
    let docs: Vec<Document> = service
        .pages
        .iter()
        .map(|page| {
            let format = match service.cloud {
                random_service::Cloud::Otc => Format::Rst,
                random_service::Cloud::Huawei => Format::Markdown,
            };
            let file = SourceFile {
                rel: page.rel.clone(),
                text: page.text.clone(),
            };
            codegen::pipeline::parse_page(format, root, file, &mut Diagnostics::default())
        })
        .collect();
    let cloud = match service.cloud {
        random_service::Cloud::Otc => "otc",
        random_service::Cloud::Huawei => "huawei",
    };
    let (spec, _stats, _diags) = codegen::extract::extract_service("fuzz", cloud, root, &docs);
    let json = spec.to_json();
    let back = codegen::spec::ServiceSpec::from_json(&json)
        .unwrap_or_else(|e| panic!("the spec does not read back: {e}"));
    assert_eq!(back.to_json(), json, "the spec changes when read back");
    let rust =
        codegen::rust::generate_module(&spec).unwrap_or_else(|e| panic!("generation failed: {e}"));
    let problems = rust_checks::check_module(&rust);
    assert!(
        problems.is_empty(),
        "{} problem(s) in the generated module:\n{}",
        problems.len(),
        problems.join("\n")
    );
    PipelineOutcome {
        pages: docs.len(),
        operations: spec.operations.len(),
        types: spec.types.len(),
        fields: spec.types.values().map(|t| t.fields.len()).sum(),
        rust_bytes: rust.len(),
    }
}

/// Every harness on one input (regression replay).
pub fn all(data: &[u8]) {
    json_reader(data);
    rst_reader(data);
    markdown_reader(data);
    rst_tables(data);
    html_table(data);
    extract(data);
    // The whole input as one page of each format, too (extract uses byte 0
    // as flags).
    for markdown in [false, true] {
        run_extraction(&[page("a", markdown, data)]);
    }
    pipeline(data);
}
