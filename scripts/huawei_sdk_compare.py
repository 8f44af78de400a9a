#!/usr/bin/env python3
"""Compare Huawei specs with the official Huawei Cloud Python SDK's models (throw-away measurement).

    scripts/huawei_sdk_compare.py SDK_DIR SPEC_DIR [--missing N] [--json OUT]

SDK_DIR holds the unpacked `huaweicloud-sdk-<service>/` directories of
github.com/huaweicloud/huaweicloud-sdk-python-v3 (the SDK is not a dependency of
the project); SPEC_DIR holds `<service>.json` specs of the Huawei corpus services
(`codegen extract ../shared/corpus/huawei/<service> -o SPEC_DIR/<service>.json`).

Operations are matched by method + path (placeholders normalised to `{}`, the
version prefix kept). For every matched operation it compares
  - request body fields: the set of dotted wire-name paths (arrays transparent),
  - response body fields of the success response (the SDK response model minus
    its response headers),
  - query parameters (names) and their types (string, integer, number, boolean, array),
and prints precision (spec fields the SDK has) and recall (SDK fields the spec has)
per service and in total. Nested paths below a type either side leaves
untyped (the spec's `any`, the SDK's `object`) are not counted on either side.
"""
import ast
import json
import os
import re
import sys
from collections import defaultdict

SERVICES = ["cce", "dcs", "drs", "ecs", "ims", "oms", "rds", "vpc",
            # outside the developer corpus (docs fetched from huaweicloudDocs for unseen checks)
            "bms", "dns", "eip", "evs", "functiongraph", "iam", "nat", "smn",
            "apig", "dli", "elb", "kafka", "swr", "dds", "kms",
            "css", "dws", "ges", "mrs", "tms",
            "aom", "sms", "scm", "cph", "ocr", "modelarts"]
MAX_DEPTH = 6


def norm_path(p):
    p = p.split("?")[0].strip()
    p = re.sub(r"\{[^}]*\}", "{}", p)
    p = re.sub(r"/+", "/", p)
    return p.rstrip("/") or "/"


# ---------------------------------------------------------------- SDK side
class Sdk:
    def __init__(self, root):
        self.models = {}  # class name -> (openapi_types, attribute_map)
        self.ops = []  # (method, path, request_type, response_type, query attrs, body?, resp headers, file)
        for dirpath, _, files in os.walk(root):
            for f in sorted(files):
                if not f.endswith(".py"):
                    continue
                full = os.path.join(dirpath, f)
                if "/model/" in full:
                    self._model(full)
                elif f.endswith("_client.py") and "async" not in f:
                    self._client(full)

    def _model(self, path):
        tree = ast.parse(open(path, encoding="utf-8").read())
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                types, amap = {}, {}
                for st in node.body:
                    if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name):
                        name = st.targets[0].id
                        if name in ("openapi_types", "attribute_map"):
                            try:
                                val = ast.literal_eval(st.value)
                            except ValueError:
                                val = {}
                            if name == "openapi_types":
                                types = val
                            else:
                                amap = val
                self.models[node.name] = (types, amap)

    def _client(self, path):
        text = open(path, encoding="utf-8").read()
        for m in re.finditer(r"def _(\w+)_http_info\(cls, request\):(.*?)return http_info", text, re.S):
            body = m.group(2)
            method = re.search(r'"method": "(\w+)"', body).group(1)
            rpath = re.search(r'"resource_path": "([^"]*)"', body).group(1)
            resp = re.search(r'"response_type": "(\w+)"', body).group(1)
            req = resp[: -len("Response")] + "Request"
            query = re.findall(r"query_params\.append\(\('([^']+)', local_var_params\['([^']+)'\]", body)
            has_body = "body = local_var_params['body']" in body
            headers = re.search(r"response_headers = \[(.*?)\]", body, re.S)
            hdrs = set(re.findall(r'"([^"]+)"', headers.group(1))) if headers else set()
            self.ops.append((method.upper(), rpath, req, resp, query, has_body, hdrs, path))

    def paths(self, cls, depth=0, seen=()):
        """Dotted wire paths of a model class."""
        out = set()
        if cls not in self.models or depth > MAX_DEPTH or cls in seen:
            return out
        types, amap = self.models[cls]
        for attr, t in types.items():
            wire = amap.get(attr, attr)
            out.add(wire)
            inner = self.elem(t)
            if inner in self.models:
                for sub in self.paths(inner, depth + 1, seen + (cls,)):
                    out.add(wire + "." + sub)
        return out

    def untyped(self, cls, depth=0, seen=()):
        """Dotted wire paths of a model class's fields typed `object` (opaque JSON)."""
        out = set()
        if cls not in self.models or depth > MAX_DEPTH or cls in seen:
            return out
        types, amap = self.models[cls]
        for attr, t in types.items():
            wire = amap.get(attr, attr)
            inner = self.elem(t)
            if inner == "object":
                out.add(wire)
            elif inner in self.models:
                out |= {wire + "." + s for s in self.untyped(inner, depth + 1, seen + (cls,))}
        return out

    @staticmethod
    def elem(t):
        while True:
            m = re.fullmatch(r"list\[(.*)\]", t) or re.fullmatch(r"dict\(str, (.*)\)", t)
            if not m:
                return t
            t = m.group(1)


def sdk_kind(t):
    if t.startswith("list["):
        return "array"
    return {"str": "string", "int": "integer", "bool": "boolean", "float": "number"}.get(t, "other")


# --------------------------------------------------------------- spec side
class Spec:
    def __init__(self, path):
        self.d = json.load(open(path, encoding="utf-8"))
        self.types = self.d["types"]

    def paths(self, tref, depth=0, seen=()):
        out, untyped = set(), set()
        t = tref
        while t.get("kind") in ("array", "map"):
            t = t.get("items") or t.get("values")
        if t.get("kind") != "ref" or depth > MAX_DEPTH or t["id"] in seen:
            return out, untyped
        for f in self.types.get(t["id"], {}).get("fields", []):
            out.add(f["name"])
            ft = f["type"]
            while ft.get("kind") in ("array", "map"):
                ft = ft.get("items") or ft.get("values")
            if ft.get("kind") == "any":
                untyped.add(f["name"])
            sub, subu = self.paths(f["type"], depth + 1, seen + (t["id"],))
            out |= {f["name"] + "." + s for s in sub}
            untyped |= {f["name"] + "." + s for s in subu}
        return out, untyped


def success_body(op):
    for r in op.get("responses", []):
        st = str(r.get("status"))
        if st.startswith("2") and r.get("body"):
            return r["body"]["type"]
    return None


def prune(paths, untyped):
    """Drop paths below a prefix the other side leaves untyped."""
    return {p for p in paths if not any(p.startswith(u + ".") for u in untyped)}


def main():
    args = sys.argv[1:]
    missing_n = 0
    out_json = None
    if "--missing" in args:
        i = args.index("--missing")
        missing_n = int(args[i + 1])
        del args[i : i + 2]
    if "--json" in args:
        i = args.index("--json")
        out_json = args[i + 1]
        del args[i : i + 2]
    sdk_dir, spec_dir = args
    totals = defaultdict(int)
    rows = []
    missing = []
    for svc in SERVICES:
        spec_path = os.path.join(spec_dir, svc + ".json")
        sdk_root = os.path.join(sdk_dir, "huaweicloud-sdk-" + svc)
        if not os.path.exists(spec_path) or not os.path.isdir(sdk_root):
            continue
        # One model namespace per API version (`v2/model`, `v3/model`): both
        # define classes of one name (`BandwidthResp`) with different fields.
        spec = Spec(spec_path)
        by_key = defaultdict(list)
        for ns in sorted({os.path.dirname(d) for d, _, _ in os.walk(sdk_root) if d.endswith("/model")}):
            sdk = Sdk(ns)
            for o in sdk.ops:
                by_key[(o[0], norm_path(o[1]))].append((o, sdk))
        c = defaultdict(int)
        for op in spec.d["operations"]:
            key = (op.get("method", "").upper(), norm_path(op.get("path", "")))
            c["spec_ops"] += 1
            if key not in by_key:
                continue
            c["matched"] += 1
            (method, rpath, req, resp, query, has_body, hdrs, _), sdk = by_key[key][0]
            # request body
            sdk_req, sdk_req_u = set(), set()
            if has_body and req in sdk.models:
                btype = sdk.models[req][0].get("body")
                if btype:
                    sdk_req = sdk.paths(Sdk.elem(btype))
                    sdk_req_u = sdk.untyped(Sdk.elem(btype))
            spec_req, spec_req_u = set(), set()
            if op.get("request_body"):
                spec_req, spec_req_u = spec.paths(op["request_body"]["type"])
            # response body
            sdk_resp, sdk_resp_u = set(), set()
            if resp in sdk.models:
                types, amap = sdk.models[resp]
                # an array body is the model's `body` attribute, beside any response headers
                if {a for a in types if amap.get(a, a) not in hdrs and a not in hdrs} == {"body"}:
                    sdk_resp = sdk.paths(Sdk.elem(types["body"]))
                    sdk_resp_u = sdk.untyped(Sdk.elem(types["body"]))
                else:
                    for attr, t in types.items():
                        wire = amap.get(attr, attr)
                        if wire in hdrs or attr in hdrs:
                            continue
                        sdk_resp.add(wire)
                        inner = Sdk.elem(t)
                        sdk_resp |= {wire + "." + s for s in sdk.paths(inner)}
                        if inner == "object":
                            sdk_resp_u.add(wire)
                        sdk_resp_u |= {wire + "." + s for s in sdk.untyped(inner)}
            spec_resp, spec_resp_u = set(), set()
            sb = success_body(op)
            if sb:
                spec_resp, spec_resp_u = spec.paths(sb)
            for side, s_spec, s_sdk, unt, sdk_unt in (
                ("req", spec_req, sdk_req, spec_req_u, sdk_req_u),
                ("resp", spec_resp, sdk_resp, spec_resp_u, sdk_resp_u),
            ):
                s_sdk = prune(s_sdk, unt)
                s_spec = prune(s_spec, sdk_unt)
                c[side + "_spec"] += len(s_spec)
                c[side + "_sdk"] += len(s_sdk)
                c[side + "_both"] += len(s_spec & s_sdk)
                for p in sorted(s_sdk - s_spec):
                    missing.append((svc, side, op["origin"]["file"], p))
                for p in sorted(s_spec - s_sdk):
                    missing.append((svc, side + "_extra", op["origin"]["file"], p))
            # query parameters
            sdk_q = {}
            req_types, req_map = sdk.models.get(req, ({}, {}))
            for wire, attr in query:
                sdk_q[wire] = sdk_kind(req_types.get(attr, "str"))
            spec_q = {p["name"]: p["type"]["kind"] for p in op.get("parameters", []) if p["in"] == "query"}
            c["q_spec"] += len(spec_q)
            c["q_sdk"] += len(sdk_q)
            both = set(spec_q) & set(sdk_q)
            c["q_both"] += len(both)
            for n in both:
                k = spec_q[n]
                ok = k == sdk_q[n] or (k == "number" and sdk_q[n] == "integer")
                c["q_agree"] += ok
                c["q_arrays"] += sdk_q[n] == "array"
                c["q_arrays_agree"] += ok and sdk_q[n] == "array"
                if not ok:
                    missing.append((svc, "qtype", op["origin"]["file"], f"{n}: spec {k} sdk {sdk_q[n]}"))
        rows.append((svc, dict(c)))
        for k, v in c.items():
            totals[k] += v

    def pct(a, b):
        return f"{100.0 * a / b:5.1f}%" if b else "   -  "

    print(f"{'service':8} {'ops':>9}  {'req P':>6} {'req R':>6}  {'resp P':>6} {'resp R':>6}  {'q P':>6} {'q R':>6} {'q type':>6}")
    for svc, c in rows + [("total", dict(totals))]:
        g = defaultdict(int, c)
        print(
            f"{svc:8} {g['matched']:4}/{g['spec_ops']:<4}  "
            f"{pct(g['req_both'], g['req_spec'])} {pct(g['req_both'], g['req_sdk'])}  "
            f"{pct(g['resp_both'], g['resp_spec'])} {pct(g['resp_both'], g['resp_sdk'])}  "
            f"{pct(g['q_both'], g['q_spec'])} {pct(g['q_both'], g['q_sdk'])} {pct(g['q_agree'], g['q_both'])}"
        )
    g = defaultdict(int, totals)
    print(
        f"fields: request {g['req_both']}/{g['req_spec']} spec, {g['req_sdk']} sdk; "
        f"response {g['resp_both']}/{g['resp_spec']} spec, {g['resp_sdk']} sdk; "
        f"query {g['q_both']} both, types agree {g['q_agree']} (arrays {g['q_arrays_agree']}/{g['q_arrays']})"
    )
    if missing_n:
        for m in missing[:missing_n]:
            print("  ", *m)
    if out_json:
        json.dump({"services": rows, "total": totals, "missing": missing}, open(out_json, "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
