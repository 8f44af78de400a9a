//! Extraction of each odd form of the OTC docs, one small fake service per case
//! under `fixtures/otc-forms/<case>/`: spec, diagnostics and (for some) the Rust.

use codegen::pipeline::{Extracted, extract_dir};
use codegen::spec::{Location, Operation, ServiceSpec, TypeDef, TypeRef};
use codegen_tests::fixture;
use std::path::Path;

/// Extracts a fixture service; diagnostics are rendered with paths relative to it.
fn extract(dir: &Path, service: &str) -> (ServiceSpec, Vec<String>) {
    let Extracted { spec, diags, .. } =
        extract_dir(dir, service, "otc").unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let root = format!("{}/", dir.display());
    let diags = diags
        .sorted()
        .iter()
        .map(|d| d.to_string().replace(&root, ""))
        .collect();
    (spec, diags)
}

fn form(case: &str) -> (ServiceSpec, Vec<String>) {
    extract(&fixture(&format!("otc-forms/{case}")), case)
}

fn rust(spec: &ServiceSpec) -> String {
    codegen::rust::generate_module(spec).unwrap_or_else(|e| panic!("{}: {e}", spec.service))
}

/// Snapshots `<case>_spec` and `<case>_diagnostics`; returns the spec for assertions.
fn snapshot(case: &str) -> ServiceSpec {
    let (spec, diags) = form(case);
    insta::assert_snapshot!(format!("{case}_spec"), spec.to_json());
    insta::assert_json_snapshot!(format!("{case}_diagnostics"), diags);
    spec
}

fn op<'a>(spec: &'a ServiceSpec, method: &str, path: &str) -> &'a Operation {
    spec.operations
        .iter()
        .find(|o| o.method == method && o.path == path)
        .unwrap_or_else(|| panic!("{}: no {method} {path}", spec.service))
}

fn type_of<'a>(spec: &'a ServiceSpec, ty: &TypeRef) -> &'a TypeDef {
    let mut ty = ty;
    while let TypeRef::Array { items } = ty {
        ty = items;
    }
    match ty {
        TypeRef::Ref { id } => &spec.types[id],
        other => panic!("not a named type: {other:?}"),
    }
}

#[test]
fn unwrapped_tables() {
    let spec = snapshot("unwrapped_tables");
    insta::assert_snapshot!("unwrapped_tables_rust", rust(&spec));
}

#[test]
fn path_method_lines() {
    let spec = snapshot("path_method_lines");
    insta::assert_snapshot!("path_method_lines_rust", rust(&spec));
}

#[test]
fn query_in_uri_table() {
    snapshot("query_in_uri_table");
}

#[test]
fn cross_page_refs() {
    snapshot("cross_page_refs");
}

#[test]
fn dangling_refs() {
    snapshot("dangling_refs");
}

#[test]
fn pipes_in_cells() {
    snapshot("pipes_in_cells");
}

#[test]
fn repeated_error_tables() {
    let spec = snapshot("repeated_error_tables");
    insta::assert_snapshot!("repeated_error_tables_rust", rust(&spec));
}

#[test]
fn duplicate_titles() {
    snapshot("duplicate_titles");
}

#[test]
fn bare_value_and_headers() {
    let spec = snapshot("bare_value_and_headers");
    insta::assert_snapshot!("bare_value_and_headers_rust", rust(&spec));
}

#[test]
fn not_an_operation() {
    snapshot("not_an_operation");
}
