#!/usr/bin/env python3
"""Extraction figures of a set of specs (throw-away measurement for issue 12).

    scripts/spec_figures.py SPEC_DIR [REPORT_JSON]

Per cloud: operations, body fields per operation (every field reachable from the
request body and the success response bodies, nested types counted per path),
untyped fields (leaf `any`), query parameters and untyped-string query
parameters; with REPORT_JSON (`codegen report --json`), the `type-unresolved`,
`table-unbound`, `table-shadowed`, `type-link-conflict`, `table-variant-merged`
counts and the tables used/reported.
"""
import json
import os
import sys
from collections import defaultdict


def leaf(t):
    while t.get("kind") in ("array", "map"):
        t = t.get("items") or t.get("values")
    return t


def walk(types, t, seen, c):
    t = leaf(t)
    if t.get("kind") != "ref" or t["id"] in seen or len(seen) > 8:
        return
    for f in types.get(t["id"], {}).get("fields", []):
        c["fields"] += 1
        if leaf(f["type"]).get("kind") == "any":
            c["untyped"] += 1
        walk(types, f["type"], seen | {t["id"]}, c)


def main():
    spec_dir = sys.argv[1]
    out = defaultdict(lambda: defaultdict(int))
    for f in sorted(os.listdir(spec_dir)):
        if not f.endswith(".json") or f == "spec.schema.json":
            continue
        d = json.load(open(os.path.join(spec_dir, f), encoding="utf-8"))
        c = out[d.get("cloud", "?")]
        types = d["types"]
        for op in d["operations"]:
            c["operations"] += 1
            if op.get("request_body"):
                walk(types, op["request_body"]["type"], frozenset(), c)
            for r in op.get("responses", []):
                if str(r["status"]).startswith("2") and r.get("body"):
                    walk(types, r["body"]["type"], frozenset(), c)
            for p in op.get("parameters", []):
                if p["in"] == "query":
                    c["query"] += 1
                    c["query_string"] += p["type"]["kind"] == "string"
    for cloud, c in sorted(out.items()):
        print(
            f"{cloud}: {c['operations']} operations, {c['fields']} body fields "
            f"({c['fields'] / max(c['operations'], 1):.1f} per operation), untyped {c['untyped']}, "
            f"query parameters {c['query']} (strings {c['query_string']})"
        )
    if len(sys.argv) > 2:
        rep = json.load(open(sys.argv[2]))
        per = defaultdict(lambda: defaultdict(int))
        for s in rep["services"]:
            c = per[s["cloud"]]
            for k in ("tables_on_operation_pages", "tables_used", "tables_reported", "fields", "types"):
                c[k] += s["counts"][k]
            for k, v in s["counts"]["diagnostics"].items():
                c[k] += v
        keys = ["type-unresolved", "table-unbound", "table-shadowed", "type-link-conflict",
                "table-variant-merged", "table-unreachable", "ref-not-a-table"]
        for cloud, c in sorted(per.items()):
            print(
                f"{cloud} report: tables {c['tables_used']} used + {c['tables_reported']} reported of "
                f"{c['tables_on_operation_pages']}; fields {c['fields']}, types {c['types']}; "
                + ", ".join(f"{k} {c[k]}" for k in keys)
            )


if __name__ == "__main__":
    main()
