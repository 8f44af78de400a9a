use super::*;
use serde_json::json;

fn ok(text: &str) -> Parsed {
    match read(text) {
        Ok(p) => p,
        Err(e) => panic!("{text:?}: {e:?}"),
    }
}

fn kinds(p: &Parsed) -> Vec<(RepairKind, u32, u32)> {
    p.repairs
        .iter()
        .map(|r| (r.kind, r.pos.line, r.pos.col))
        .collect()
}

fn invalid(text: &str) -> (Pos, String) {
    match read(text) {
        Err(Failure::Invalid { pos, message }) => (pos, message),
        other => panic!("{text:?}: {other:?}"),
    }
}

#[test]
fn pure_json_needs_no_repair() {
    let p = ok("{\n  \"a\": [1, 2.5, -3e2],\n  \"b\": {\"c\": null, \"d\": \"\\u00e9\\n\"}\n}");
    assert_eq!(
        p.value,
        json!({"a": [1, 2.5, -3e2], "b": {"c": null, "d": "é\n"}})
    );
    assert!(p.repairs.is_empty());
    assert_eq!(p.locate("/b/c").map(|p| (p.line, p.col)), Some((3, 9)));
    assert_eq!(p.locate("/a/1").map(|p| p.line), Some(2));
    // An unrecorded pointer falls back to its nearest ancestor.
    assert_eq!(p.locate("/b/zzz").map(|p| p.line), Some(3));
}

#[test]
fn key_order_is_kept() {
    let p = ok(r#"{"z": 1, "a": 2}"#);
    let keys: Vec<&String> = p.value.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["z", "a"]);
}

#[test]
fn request_line_headers_and_status_line() {
    let text = "POST https://{endpoint}/v3/{project_id}/jobs\nContent-Type: application/json\n\n{\"a\": 1}";
    let p = ok(text);
    assert_eq!(p.value, json!({"a": 1}));
    assert_eq!(
        kinds(&p),
        [
            (RepairKind::RequestLineSkipped, 1, 1),
            (RepairKind::HeaderSkipped, 2, 1)
        ]
    );
    let p = ok("HTTP/1.1 200 OK\n{}");
    assert_eq!(kinds(&p), [(RepairKind::StatusLineSkipped, 1, 1)]);
}

#[test]
fn comments() {
    let p = ok("// the body\n{\n  \"a\": 1, // one\n  # two\n  /* three */ \"b\": 2\n}");
    assert_eq!(p.value, json!({"a": 1, "b": 2}));
    assert_eq!(
        kinds(&p),
        [
            (RepairKind::CommentRemoved, 1, 1),
            (RepairKind::CommentRemoved, 3, 11),
            (RepairKind::CommentRemoved, 4, 3),
            (RepairKind::CommentRemoved, 5, 3)
        ]
    );
}

#[test]
fn trailing_commas_and_missing_commas() {
    let p = ok("{\"a\": [1, 2,],\n \"b\": 1,\n}");
    assert_eq!(p.value, json!({"a": [1, 2], "b": 1}));
    assert_eq!(
        kinds(&p),
        [
            (RepairKind::TrailingComma, 1, 12),
            (RepairKind::TrailingComma, 2, 8)
        ]
    );
    let p = ok("{\"a\": 1\n \"b\": {}\n}");
    assert_eq!(p.value, json!({"a": 1, "b": {}}));
    assert_eq!(kinds(&p), [(RepairKind::CommaInserted, 2, 2)]);
}

#[test]
fn fullwidth_punctuation() {
    let p = ok("{\"a\"： 1， \"b\": [0， 1]}");
    assert_eq!(p.value, json!({"a": 1, "b": [0, 1]}));
    assert_eq!(
        kinds(&p),
        [
            (RepairKind::FullwidthPunctuation, 1, 5),
            (RepairKind::FullwidthPunctuation, 1, 8),
            (RepairKind::FullwidthPunctuation, 1, 17)
        ]
    );
    let p = ok("https://{endpoint}/v1/x\n{}");
    assert_eq!(kinds(&p), [(RepairKind::RequestLineSkipped, 1, 1)]);
}

#[test]
fn ellipses_are_dropped() {
    let p = ok("{\"items\": [{\"a\": 1}, ...],\n \"b\": …,\n ......\n}");
    assert_eq!(p.value, json!({"items": [{"a": 1}]}));
    assert_eq!(
        kinds(&p),
        [
            (RepairKind::EllipsisDropped, 1, 22),
            (RepairKind::EllipsisDropped, 2, 7),
            (RepairKind::EllipsisDropped, 3, 2)
        ]
    );
}

#[test]
fn placeholders_are_strings() {
    let p = ok(
        "{\"id\": xxx, \"token\": <token>, \"p\": {project_id}, \"t\": 2024-01-01T00:00:00Z, \"n\": 10GB // size\n}",
    );
    assert_eq!(
        p.value,
        json!({"id": "xxx", "token": "<token>", "p": "{project_id}", "t": "2024-01-01T00:00:00Z", "n": "10GB"})
    );
    let k: Vec<RepairKind> = p.repairs.iter().map(|r| r.kind).collect();
    assert_eq!(
        k,
        [
            RepairKind::PlaceholderAsString,
            RepairKind::PlaceholderAsString,
            RepairKind::PlaceholderAsString,
            RepairKind::PlaceholderAsString,
            RepairKind::PlaceholderAsString,
            RepairKind::CommentRemoved
        ]
    );
}

#[test]
fn quotes_and_python_literals() {
    let p = ok("{'a': 'x\\'y', b: True, \"c\": None, \"d\": False}");
    assert_eq!(
        p.value,
        json!({"a": "x'y", "b": true, "c": null, "d": false})
    );
    assert_eq!(
        kinds(&p),
        [
            (RepairKind::KeyUnquoted, 1, 2),
            (RepairKind::SingleQuoted, 1, 7),
            (RepairKind::KeyUnquoted, 1, 15),
            (RepairKind::PythonLiteral, 1, 18),
            (RepairKind::PythonLiteral, 1, 29),
            (RepairKind::PythonLiteral, 1, 40)
        ]
    );
}

#[test]
fn escapes_and_control_characters() {
    let p = ok("[\"a\\d\", \"\\ud83d\\ude00\", \"\\ud800\", \"tab\there\"]");
    assert_eq!(p.value, json!(["a\\d", "😀", "\u{FFFD}", "tab\there"]));
    assert_eq!(
        kinds(&p),
        [
            (RepairKind::InvalidEscape, 1, 4),
            (RepairKind::ControlCharacter, 1, 39)
        ]
    );
}

#[test]
fn trailing_text_is_dropped() {
    let p = ok("{\"a\": 1}\n// second\n{\"a\": 2}");
    assert_eq!(p.value, json!({"a": 1}));
    assert_eq!(
        kinds(&p),
        [
            (RepairKind::CommentRemoved, 2, 1),
            (RepairKind::TrailingTextDropped, 3, 1)
        ]
    );
}

#[test]
fn columns_count_characters() {
    let p = ok("{\"名前\": 1, \"b\": x}");
    assert_eq!(kinds(&p), [(RepairKind::PlaceholderAsString, 1, 16)]);
}

#[test]
fn not_json() {
    for (text, reason) in [
        ("", "empty"),
        ("GET /v1/servers", "no body"),
        ("<?xml version=\"1.0\"?>\n<a/>", "XML or HTML"),
        ("curl -X POST https://x -d '{}'", "a curl command"),
        ("None", "text"),
        ("The request succeeded.", "text"),
        (
            "\"GET https://{Endpoint}/v3/{project_id}/vpc/vpcs?name=vpc-test\"",
            "a quoted request line",
        ),
    ] {
        assert_eq!(read(text), Err(Failure::NotJson { reason }), "{text:?}");
    }
}

#[test]
fn a_quoted_string_that_is_not_a_request_line_is_a_value() {
    assert_eq!(read_value("\"GET\"").unwrap().value, "GET");
    assert_eq!(read_value("\"a text\"").unwrap().value, "a text");
}

#[test]
fn errors_have_positions() {
    let (pos, msg) = invalid("{\n  \"a\": 1,\n  \"b\" 2\n}");
    assert_eq!((pos.line, pos.col), (3, 7));
    assert!(msg.contains("`:`"), "{msg}");
    let (pos, msg) = invalid("{\"a\": [1, 2}");
    assert_eq!((pos.line, pos.col), (1, 12));
    assert!(msg.contains("`]`"), "{msg}");
    let (pos, msg) = invalid("{\"a\": \"open\n}");
    assert_eq!((pos.line, pos.col), (1, 7));
    assert!(msg.contains("not closed"), "{msg}");
    let (pos, _) = invalid("{\"a\": 1");
    assert_eq!((pos.line, pos.col), (1, 1));
    let (pos, _) = invalid("[1,,2]");
    assert_eq!(pos.col, 4);
}

#[test]
fn deep_nesting_is_an_error() {
    let deep = "[".repeat(100_000);
    let (pos, msg) = invalid(&deep);
    assert_eq!(pos.offset, MAX_DEPTH);
    assert!(msg.contains("nested deeper"), "{msg}");
    let ok_depth = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(read(&ok_depth).is_ok());
    let objects = "{\"a\":".repeat(10_000);
    assert!(matches!(read(&objects), Err(Failure::Invalid { .. })));
}

/// Huge inputs are read completely, with the location cap holding. How long
/// they take is measured by `cargo bench -p codegen --bench example_json`
/// (the same two shapes at n and 2n), not asserted here: a wall-clock bound
/// fails on a loaded machine and passes a quadratic reader on a fast one.
#[test]
fn huge_input_is_read_whole() {
    let n = 200_000;
    let p = ok(&huge_array(n));
    assert_eq!(p.value.as_array().map(Vec::len), Some(n));
    assert_eq!(p.repairs.len(), n);
    assert!(p.locations.len() <= MAX_LOCATIONS);
    assert!(read(&brace_run(200_000)).is_err());
}

/// `[{"k0": x0},{"k1": x1},…]`: n objects, each with a placeholder to repair.
fn huge_array(n: usize) -> String {
    let items: Vec<String> = (0..n).map(|i| format!("{{\"k{i}\": x{i}}}")).collect();
    format!("[{}]", items.join(","))
}

/// Fifty `{` then n `{x`: brace placeholders that never close.
fn brace_run(n: usize) -> String {
    "{".repeat(50) + &"{x".repeat(n)
}

#[test]
fn odd_bytes_never_panic() {
    for text in [
        "{\"a\": \"\\",
        "{\"a\": \"\\u12",
        "[\"\\ud800\\u",
        "{…",
        "[..]",
        "{'",
        "[-]",
        "[1e]",
        "{\"a\":}",
        "[\u{a0}1\u{3000}]",
        "{/*",
        "[{}",
        "\"",
        "[é",
    ] {
        let _ = read(text);
    }
}

#[test]
fn read_value_reads_the_same_without_locations() {
    for text in [
        "{\n  \"a\": [1, {\"b\": 'x'}],\n  c: 2,\n}",
        "POST /v1/x\n\n[{\"k\": xxx}, ...]",
        "{\"a\": }",
        "not json",
    ] {
        match (read(text), read_value(text)) {
            (Ok(full), Ok(lean)) => {
                assert_eq!(full.value, lean.value, "{text}");
                assert_eq!(full.repairs, lean.repairs, "{text}");
                assert!(!full.locations.is_empty(), "{text}");
                assert!(lean.locations.is_empty(), "{text}");
            }
            (full, lean) => assert_eq!(full.err(), lean.err(), "{text}"),
        }
    }
}

#[test]
fn an_array_item_left_open_is_closed_at_the_arrays_bracket() {
    // FunctionGraph's function list: the item's `}` is missing before `]`.
    let p = ok("{\"functions\": [\n {\"a\": 1,\n  \"b\": {\"c\": 2}\n ],\n \"next_marker\": 45\n}");
    assert_eq!(
        p.value,
        json!({"functions": [{"a": 1, "b": {"c": 2}}], "next_marker": 45})
    );
    assert_eq!(kinds(&p), [(RepairKind::BraceInserted, 4, 2)]);
    // Only inside an array: an object member's object left open stays an error.
    let (_, message) = invalid("{\"a\": {\"b\": 1 ]}");
    assert!(message.contains("expected `,` or `}`"), "{message}");
    // An item that is an array does not let a later member's object close early.
    let (_, message) = invalid("[[1], {\"a\": {\"b\": 1 ]}]");
    assert!(message.contains("expected `,` or `}`"), "{message}");
}
