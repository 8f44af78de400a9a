//! Whole-corpus tests over `../shared/corpus` (ignored in a plain `cargo test`: a
//! fresh clone has no corpus; `.ci/run` runs them with `--ignored`).
//!
//! The URI check is independent of the reader: it scans the raw page text for a
//! `URI`/`URL` heading followed by a method and path, the way a person would,
//! and compares with what extraction produced for that page.

use codegen::pipeline;
use codegen::spec::ServiceSpec;
use codegen_tests::{corpus_root, service_dirs};
use std::collections::BTreeMap;
use std::path::Path;

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// (method, path) from the raw text of a page's URI section, if it has one.
fn raw_uri(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.windows(2).position(|w| {
        let t = w[0].trim().trim_matches('*').to_ascii_uppercase();
        (t == "URI" || t == "URL") && w[1].starts_with("---")
    })?;
    let mut path: Option<String> = None;
    let mut method: Option<String> = None;
    for (i, line) in lines.iter().enumerate().skip(start + 2) {
        if lines
            .get(i + 1)
            .is_some_and(|n| n.starts_with("---") && !line.trim().is_empty())
        {
            break; // next section
        }
        let t = line.trim().trim_start_matches("-  ").trim();
        if let Some(p) = t.strip_prefix("PATH:") {
            path = Some(p.trim().to_string());
        }
        if let Some(m) = t.strip_prefix("Method:") {
            method = Some(m.trim().to_ascii_uppercase());
        }
        for m in METHODS {
            if let Some(rest) = t.strip_prefix(m) {
                let rest = rest.trim_start();
                if rest.starts_with('/') || rest.starts_with("http") {
                    return Some((m.to_string(), normalise(rest)));
                }
            }
        }
        if let (Some(m), Some(p)) = (&method, &path) {
            return Some((m.clone(), normalise(p)));
        }
    }
    None
}

/// Path of a documented target: no markup, host, query or spaces in placeholders.
fn normalise(target: &str) -> String {
    let t: String = target
        .chars()
        .filter(|c| !matches!(c, '*' | '\\'))
        .collect();
    let t = match t.find("://") {
        Some(i) => t[i + 3..]
            .find('/')
            .map_or("/".to_string(), |j| t[i + 3 + j..].to_string()),
        None => t,
    };
    let end = [t.find('?'), t.find("{?"), t.find("{&")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(t.len());
    let mut out = String::new();
    let mut depth = 0;
    for c in t[..end].chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if c.is_whitespace() && depth > 0 => continue,
            c if c.is_whitespace() => break,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// *Used* counts only tables whose types an operation reaches: the extractor
/// drops the types no operation reaches (reporting their tables as
/// `table-unreachable`), so every type of the spec must be reachable, checked
/// here from the spec alone.
fn assert_all_types_reachable(name: &str, spec: &codegen::spec::ServiceSpec) {
    use codegen::spec::TypeRef;
    let mut todo: Vec<&TypeRef> = Vec::new();
    for op in &spec.operations {
        todo.extend(op.parameters.iter().map(|p| &p.ty));
        todo.extend(op.request_body.iter().map(|b| &b.ty));
        for r in &op.responses {
            todo.extend(r.body.iter().map(|b| &b.ty));
            todo.extend(r.headers.iter().map(|h| &h.ty));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    while let Some(ty) = todo.pop() {
        match ty {
            TypeRef::Array { items } => todo.push(items),
            TypeRef::Map { values } => todo.push(values),
            TypeRef::Ref { id } if seen.insert(id.as_str()) => {
                if let Some(def) = spec.types.get(id) {
                    todo.extend(def.fields.iter().map(|f| &f.ty));
                }
            }
            _ => {}
        }
    }
    let unreached: Vec<&String> = spec
        .types
        .keys()
        .filter(|id| !seen.contains(id.as_str()))
        .collect();
    assert!(
        unreached.is_empty(),
        "{name}: types no operation reaches (their tables counted as used): {unreached:?}"
    );
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_otc_extracts_every_service() {
    let Some(root) = corpus_root() else {
        eprintln!("no corpus at ../shared/corpus; skipped");
        return;
    };
    let services = service_dirs(&root, "otc");
    let (mut op_pages, mut matched) = (0usize, 0usize);
    let mut misses = Vec::new();
    let mut totals: BTreeMap<&'static str, usize> = BTreeMap::new();
    println!(
        "{:<34} {:>5} {:>6} {:>5} {:>6} {:>6} {:>8}  diagnostics",
        "service", "pages", "oppgs", "ops", "used", "report", "uri-ok"
    );
    for dir in &services {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let ex = pipeline::extract_dir(dir, &name, "otc").expect("extracts");
        let (pages, hits, miss) = check_uris_with(dir, &ex.spec, "rst", raw_uri);
        op_pages += pages;
        matched += hits;
        misses.extend(miss);
        let s = &ex.stats;
        assert_eq!(
            s.tables_on_operation_pages,
            s.tables_used + s.tables_reported,
            "{name}: every table used or reported"
        );
        assert_all_types_reachable(&name, &ex.spec);
        for (code, n) in ex.diags.by_code() {
            *totals.entry(code).or_insert(0) += n;
        }
        let codes: Vec<String> = ex
            .diags
            .by_code()
            .iter()
            .map(|(c, n)| format!("{c}={n}"))
            .collect();
        println!(
            "{name:<34} {:>5} {:>6} {:>5} {:>6} {:>6} {:>4}/{:<4} {}",
            s.pages,
            s.operation_pages,
            s.operations,
            s.tables_used,
            s.tables_reported,
            hits,
            pages,
            codes.join(" ")
        );
    }
    println!("diagnostics in total: {totals:?}");
    for m in &misses {
        println!("uri mismatch: {m}");
    }
    let ratio = matched as f64 / op_pages as f64;
    println!(
        "operation pages with the right method and path: {matched}/{op_pages} = {:.2}%",
        ratio * 100.0
    );
    assert!(
        ratio >= 0.99,
        "only {:.2}% of operation pages yield the right operation",
        ratio * 100.0
    );
}

/// (operation pages by the raw scan, how many extracted with the same method and path, mismatches).
fn check_uris_with(
    dir: &Path,
    spec: &ServiceSpec,
    ext: &str,
    scan: fn(&str) -> Option<(String, String)>,
) -> (usize, usize, Vec<String>) {
    let by_file: BTreeMap<&str, (&str, &str)> = spec
        .operations
        .iter()
        .map(|o| (o.origin.file.as_str(), (o.method.as_str(), o.path.as_str())))
        .collect();
    let mut files = Vec::new();
    walk(dir, ext, &mut files);
    let (mut pages, mut hits, mut misses) = (0, 0, Vec::new());
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Some((method, path)) = scan(&text.replace("\r\n", "\n")) else {
            continue;
        };
        pages += 1;
        let rel = f
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        match by_file.get(rel.as_str()) {
            Some((m, p)) if *m == method && *p == path => hits += 1,
            got => misses.push(format!(
                "{}: want {method} {path}, got {got:?}",
                f.display()
            )),
        }
    }
    (pages, hits, misses)
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
}

/// (method, path) from the raw Markdown of a Huawei page: a `URI` heading (or a
/// `-   URI格式` item) followed by `METHOD /path` or `PATH：` + `Method：` lines.
fn raw_uri_md(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let is_heading = |l: &str| l.trim_start().starts_with('#');
    let start = lines.iter().position(|l| {
        let t = l.trim();
        let heading = t
            .trim_start_matches('#')
            .split("<a")
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('*')
            .trim();
        (is_heading(l) && (heading == "URI" || heading == "URL"))
            || t.trim_start_matches('-').trim() == "URI格式"
    })?;
    let (mut path, mut method) = (None, None);
    for line in lines.iter().skip(start + 1) {
        if is_heading(line) {
            break;
        }
        let t = line.trim().trim_start_matches('-').trim().replace('\\', "");
        let t = t.as_str();
        if let Some(p) = t.strip_prefix("PATH：").or_else(|| t.strip_prefix("PATH:")) {
            path = Some(p.trim().to_string());
        }
        if let Some(m) = t
            .strip_prefix("Method：")
            .or_else(|| t.strip_prefix("Method:"))
        {
            method = Some(m.trim().to_ascii_uppercase());
        }
        for m in METHODS {
            if let Some(rest) = t.strip_prefix(m) {
                let rest = rest.trim_start();
                if rest.starts_with('/') || rest.starts_with("http") {
                    return Some((m.to_string(), normalise(&strip_emphasis(rest))));
                }
            }
        }
        if let (Some(m), Some(p)) = (&method, &path) {
            return Some((m.clone(), normalise(&strip_emphasis(p))));
        }
    }
    None
}

/// `{_project_id_}` (Markdown emphasis inside a placeholder) → `{project_id}`.
fn strip_emphasis(t: &str) -> String {
    t.replace("{_", "{").replace("_}", "}")
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_huawei_extracts_every_service() {
    let Some(root) = corpus_root() else {
        eprintln!("no corpus at ../shared/corpus; skipped");
        return;
    };
    let services = service_dirs(&root, "huawei");
    let (mut op_pages, mut matched) = (0usize, 0usize);
    let mut misses = Vec::new();
    println!(
        "{:<6} {:>5} {:>6} {:>5} {:>6} {:>6} {:>8}  diagnostics",
        "service", "pages", "oppgs", "ops", "used", "report", "uri-ok"
    );
    for dir in &services {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let ex = pipeline::extract_dir(dir, &name, "huawei").expect("extracts");
        let (pages, hits, miss) = check_uris_with(dir, &ex.spec, "md", raw_uri_md);
        op_pages += pages;
        matched += hits;
        let s = &ex.stats;
        assert_eq!(
            s.tables_on_operation_pages,
            s.tables_used + s.tables_reported,
            "{name}: every table used or reported"
        );
        assert_all_types_reachable(&name, &ex.spec);
        let codes: Vec<String> = ex
            .diags
            .by_code()
            .iter()
            .map(|(c, n)| format!("{c}={n}"))
            .collect();
        println!(
            "{name:<6} {:>5} {:>6} {:>5} {:>6} {:>6} {:>4}/{:<4} {}",
            s.pages,
            s.operation_pages,
            s.operations,
            s.tables_used,
            s.tables_reported,
            hits,
            pages,
            codes.join(" ")
        );
        let ratio = hits as f64 / pages.max(1) as f64;
        assert!(
            ratio >= 0.98,
            "{name}: only {:.2}% of operation pages yield the right operation",
            ratio * 100.0
        );
        misses.extend(miss);
    }
    for m in &misses {
        println!("uri mismatch: {m}");
    }
    let ratio = matched as f64 / op_pages as f64;
    println!(
        "Huawei operation pages with the right method and path: {matched}/{op_pages} = {:.2}%",
        ratio * 100.0
    );
    assert!(ratio >= 0.98);
}

#[test]
fn raw_uri_scan() {
    let page = "Title\n=====\n\nURI\n---\n\n-  URI format\n\n   GET /v1/{project_id}/x?limit={limit}\n\nRequest\n-------\n";
    assert_eq!(
        raw_uri(page),
        Some(("GET".into(), "/v1/{project_id}/x".into()))
    );
    let page = "URI\n---\n\nPATH: /v1.0/{project_id}/backups\n\nMethod: POST\n";
    assert_eq!(
        raw_uri(page),
        Some(("POST".into(), "/v1.0/{project_id}/backups".into()))
    );
    assert_eq!(
        normalise("https://{*Endpoint*}/v3/{*project_id*}/x"),
        "/v3/{project_id}/x"
    );
    assert_eq!(
        normalise("/v3/{project_id}/backups?begin_time={begin \\_time}"),
        "/v3/{project_id}/backups"
    );
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_report_totals_agree() {
    let Some(root) = corpus_root() else {
        eprintln!("no corpus at ../shared/corpus; skipped");
        return;
    };
    let run = codegen::report::build(&root, |_, _| {}).expect("report builds");
    let report = &run.report;
    print!("{}", report.to_table());
    let mut sum = codegen::report::Counts::default();
    for s in &report.services {
        let c = &s.counts;
        assert_eq!(
            c.tables_on_operation_pages,
            c.tables_used + c.tables_reported,
            "{}/{}: every table used or reported",
            s.cloud,
            s.service
        );
        assert_eq!(
            c.errors + c.warnings + c.notes,
            c.diagnostics.values().sum::<usize>(),
            "{}/{}: severities add up to the codes",
            s.cloud,
            s.service
        );
        // The same numbers as a direct extraction of the service.
        let dir = root.join(&s.cloud).join(&s.service);
        let ex = pipeline::extract_dir(&dir, &s.service, &s.cloud).expect("extracts");
        assert_eq!(c.operations, ex.stats.operations, "{}", s.service);
        assert_eq!(c.pages, ex.stats.pages, "{}", s.service);
        assert_eq!(
            c.fields,
            ex.spec
                .types
                .values()
                .map(|t| t.fields.len())
                .sum::<usize>(),
            "{}: fields are the spec's",
            s.service
        );
        assert_eq!(c.types, ex.spec.types.len(), "{}", s.service);
        assert_eq!(c.operations, ex.spec.operations.len(), "{}", s.service);
        for kind in [
            c.ranges,
            c.lengths,
            c.enums,
            c.defaults,
            c.items,
            c.patterns,
            c.enum_descriptions,
        ] {
            assert!(
                kind <= c.constrained,
                "{}: a kind exceeds constrained",
                s.service
            );
        }
        assert_eq!(
            c.constrained,
            constrained_in(&ex.spec),
            "{}: constrained counts the spec's constraints",
            s.service
        );
        assert!(c.enum_descriptions <= c.enums, "{}", s.service);
        let by_kind = c.unread_ranges
            + c.unread_lengths
            + c.unread_enums
            + c.unread_defaults
            + c.unread_items;
        assert!(
            c.unread_limits <= by_kind && (by_kind == 0) == (c.unread_limits == 0),
            "{}: unread limits are counted once per field",
            s.service
        );
        check_example_counts(&s.service, c);
        sum.add(c);
    }
    assert_eq!(report.total, sum, "totals are the sum of the services");
    let t = &report.total;
    assert_eq!(
        t.tables_on_operation_pages,
        t.tables_used + t.tables_reported
    );
    let clouds: std::collections::BTreeSet<&str> =
        report.services.iter().map(|s| s.cloud.as_str()).collect();
    assert!(clouds.contains("otc"), "{clouds:?}");
    // The JSON document reads back to the same report.
    let back = codegen::report::Report::from_json(&report.to_json()).expect("round trip");
    assert_eq!(&back, report);
}

/// Fields and parameters (response headers included) with constraints in a spec.
fn constrained_in(spec: &codegen::spec::ServiceSpec) -> usize {
    let fields = spec.types.values().flat_map(|t| &t.fields);
    let fields = fields.filter(|f| !f.constraints.is_empty()).count();
    let params = spec.operations.iter().flat_map(|o| {
        let headers = o.responses.iter().flat_map(|r| &r.headers);
        o.parameters.iter().chain(headers)
    });
    fields + params.filter(|p| !p.constraints.is_empty()).count()
}

/// Every example is parsed, not JSON, or reported as invalid JSON; of the
/// parsed ones, each round-trips, has a finding, or has no body to check.
fn check_example_counts(service: &str, c: &codegen::report::Counts) {
    assert!(
        c.examples_parsed <= c.examples,
        "{service}: parsed <= examples"
    );
    assert!(
        c.examples_round_tripped <= c.examples_parsed,
        "{service}: round-tripped <= parsed"
    );
    let invalid = c
        .diagnostics
        .get("example-json-invalid")
        .copied()
        .unwrap_or(0);
    assert_eq!(
        c.examples_parsed + c.examples_not_json + invalid,
        c.examples,
        "{service}: every example parsed, not JSON or invalid"
    );
    let with_findings = c.examples_parsed - c.examples_round_tripped;
    assert!(
        with_findings <= c.example_findings,
        "{service}: an example that does not round-trip has a finding"
    );
    let finding_notes: usize = [
        "example-field-unknown",
        "example-type-mismatch",
        "example-field-missing",
        "example-json-broken",
        "example-body-item",
        "example-body-undocumented",
    ]
    .iter()
    .filter_map(|code| c.diagnostics.get(*code))
    .sum();
    assert_eq!(
        finding_notes, c.example_findings,
        "{service}: one note per finding"
    );
}
