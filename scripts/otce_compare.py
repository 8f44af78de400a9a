#!/usr/bin/env python3
"""Compare OTC specs with the hand-written Python SDK python-otcextensions (+ openstacksdk).

    otce_compare.py SDK_ROOT DOCS_CORPUS DOCS_UNSEEN SPEC_DIR [SPEC_DIR ...] [--top N] [--json OUT]

SDK_ROOT holds the unpacked wheels (`otcextensions/` and `openstack/` packages, e.g. /tmp/otce);
nothing is imported: resource classes are read with `ast`.
Conventions follow scripts/otc_sdk_compare.py (the Go SDK comparison): dotted wire-name paths,
arrays/maps transparent, a top-level `[items]` row transparent, fields left untyped on one side
prune the other side below them, depth capped at MAX_DEPTH; precision = spec fields the SDK
has / spec fields, recall = SDK fields the spec has / SDK fields.

SDK model per resource class (inherited attributes through the class bases, resolved in the
parsed modules; the implicit `id`/`name` Body of openstack.resource.Resource are soft, see below):
  list   GET  base_path            response: {resources_key: [fields]} (top-level array if None); query
  fetch  GET  base_path/{id}       (base_path when requires_id = False)  response: {resource_key: fields}
  create POST base_path            (create_method / create_opts.method; PUT adds /{id})  request+response
  commit PUT  base_path/{id}       (commit_method)  request+response under resource_key
  delete DELETE base_path/{id}     no sides
Request fields = all Body attributes (the SDK has no read-only marker). Query = the server-side
names of _query_mapping; the implicit pagination defaults limit/marker are soft (a spec query
parameter of that name counts as found, their absence from the spec is no miss). The implicit
`id`/`name` Body of the base Resource are soft the same way on the body sides. A Body without a Resource type (no type, dict, list of dict/str) prunes the
spec below it; a Body typed with a Resource class (type= or list_type=) is expanded.
Custom create()/fetch() overrides in the SDK (other URL, other wrapper) are not modelled.

Matching: method + path after the project placeholder (else after a leading version segment),
placeholders -> {}; the bare root is not matched; fallback: drop one or two leading literal segments
of the spec path below the project (endpoint suffix). Several candidates: prefer the SDK module whose
version directory has the spec path's major version; still several with different fields = ambiguous.
"""
import ast
import json
import os
import re
import sys
from collections import Counter, defaultdict

MAX_DEPTH = 6

O = "otcextensions.sdk."
OS = "openstack."
# spec service -> module prefixes
PACKAGES = {
    "anti-ddos": [O + "anti_ddos"],
    "application-operations-management": [O + "aomv1", O + "aomv2"],
    "auto-scaling": [O + "auto_scaling"],
    "bare-metal-server": [O + "bms"],
    "cloud-firewall": [O + "cfwv1", O + "cfwv2", O + "cfwv3"],
    "cloud-server-backup-service": [O + "csbs"],
    "config": [O + "rms"],
    "data-arts-studio": [O + "dataarts"],
    "data-lake-insight": [O + "dli"],
    "data-replication-service": [O + "drs"],
    "data-warehouse-service": [O + "dws"],
    "direct-connect": [O + "dcaas"],
    "distributed-cache-service": [O + "dcs"],
    "distributed-database-middleware": [O + "ddmv1", O + "ddmv2", O + "ddmv3"],
    "distributed-message-service-rocketmq": [],
    "distributed-message-service": [O + "dms", O + "dmsv2"],
    "document-database-service": [O + "dds"],
    "domain-name-service": [O + "dns", OS + "dns.v2"],
    "elastic-cloud-server": [O + "ecs", O + "compute", OS + "compute.v2"],
    "elastic-volume-service": [OS + "block_storage.v2", OS + "block_storage.v3"],
    "function-graph": [O + "function_graph"],
    "gaussdb-opengauss": [O + "gaussdb"],
    "identity-access-management": [O + "identity", OS + "identity.v3"],
    "key-management-service": [O + "kms"],
    "log-tank-service": [O + "lts"],
    "mapreduce-service": [O + "mrs"],
    "modelarts": [O + "modelartsv1", O + "modelartsv2"],
    "nat-gateway": [O + "nat", O + "natv3"],
    "object-storage-service": [],
    "relational-database-service": [O + "rds"],
    "resource-formation-service": [O + "rfs"],
    "scalable-file-service": [O + "sfsturbo", O + "sfs3"],
    "simple-message-notification": [O + "smn"],
    "software-repository-container": [O + "swr"],
    "tag-management-service": [O + "tms"],
    "virtual-private-cloud": [O + "vpc", O + "network", OS + "network.v2"],
    "volume-backup-service": [O + "volume_backup"],
    "web-application-firewall": [O + "waf"],
    # unseen
    "api-gateway": [O + "apig"],
    "cloud-backup-recovery": [O + "cbr"],
    "cloud-container-engine": [O + "cce"],
    "cloud-eye": [O + "ces"],
    "cloud-search-service": [O + "css"],
    "cloud-trace-service": [O + "cts", O + "ctsv2", O + "ctsv3"],
    "data-ingestion-service": [O + "dis"],
    "dedicated-host": [O + "deh"],
    "enterprise-router": [O + "er"],
    "image-management-service": [O + "imsv1", O + "imsv2", OS + "image.v2"],
    "load-balancer": [O + "vlb", O + "elb", OS + "load_balancer.v2"],
    "storage-disaster-recovery-service": [O + "sdrs"],
    "taurusdb": [O + "gaussdb"],
    "virtual-private-network": [O + "vpn", O + "evpn"],
    "vpc-endpoint": [O + "vpcep"],
    "web-application-firewall-dedicated": [O + "wafd"],
}

PRIMS = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
BASE_RESOURCES = {("openstack.resource", "Resource")}


# ------------------------------------------------------------------ SDK side (ast)
class Mod:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.tree = ast.parse(open(path, encoding="utf-8").read())
        self.imports = {}  # alias -> dotted target (module or module.attr)
        self.classes = {n.name: n for n in self.tree.body if isinstance(n, ast.ClassDef)}
        pkg = name.rsplit(".", 1)[0] if not path.endswith("__init__.py") else name
        for n in ast.walk(self.tree):
            if isinstance(n, ast.Import):
                for a in n.names:
                    self.imports[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
            elif isinstance(n, ast.ImportFrom):
                base = n.module or ""
                if n.level:
                    parts = pkg.split(".")
                    parts = parts[: len(parts) - (n.level - 1)]
                    base = ".".join(parts + ([n.module] if n.module else []))
                for a in n.names:
                    self.imports[a.asname or a.name] = base + "." + a.name


class SDK:
    def __init__(self, root):
        self.root = root
        self.mods = {}
        self.cls_cache = {}

    def mod(self, name):
        if name in self.mods:
            return self.mods[name]
        p = os.path.join(self.root, *name.split("."))
        m = None
        for f in (p + ".py", os.path.join(p, "__init__.py")):
            if os.path.exists(f):
                try:
                    m = Mod(name, f)
                except SyntaxError:
                    m = None
                break
        self.mods[name] = m
        return m

    def dotted(self, node):
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            d = self.dotted(node.value)
            return d and d + "." + node.attr
        return None

    def resolve(self, mod, node):
        """(module name, class name) of a class expression, or a builtin name, or None."""
        d = self.dotted(node)
        if not d:
            return None
        head, _, rest = d.partition(".")
        if not rest:
            if head in mod.classes:
                return (mod.name, head)
            if head in mod.imports:
                tgt = mod.imports[head]
                mname, _, cname = tgt.rpartition(".")
                m = self.mod(mname)
                if m and cname in m.classes:
                    return (mname, cname)
                if m and cname in m.imports:  # re-export
                    return self.resolve(m, ast.Name(id=cname))
                return None
            return head if head in PRIMS or head in ("dict", "list") else None
        if head in mod.imports:
            target = mod.imports[head] + "." + rest
        else:
            target = d
        mname, _, cname = target.rpartition(".")
        m = self.mod(mname)
        if m and cname in m.classes:
            return (mname, cname)
        return None

    def cls(self, key):
        """Class info: merged attributes along the bases."""
        if key in self.cls_cache:
            return self.cls_cache[key]
        self.cls_cache[key] = None  # cycle guard
        mname, cname = key
        mod = self.mod(mname)
        node = mod.classes[cname]
        info = {"key": key, "mod": mod, "attrs": {}, "body": {}, "is_resource": key in BASE_RESOURCES,
                "query": None, "bases": []}
        for b in node.bases:
            r = self.resolve(mod, b)
            if isinstance(r, tuple):
                bi = self.cls(r)
                if bi:
                    info["bases"].append(r)
                    info["is_resource"] |= bi["is_resource"]
                    if r in BASE_RESOURCES:
                        continue  # implicit id/name of openstack.resource.Resource not counted
                    info["attrs"].update(bi["attrs"])
                    info["body"].update(bi["body"])
                    if bi["query"] is not None:
                        info["query"] = bi["query"]
        if key in BASE_RESOURCES:
            self.cls_cache[key] = info
            return info
        for st in node.body:
            if isinstance(st, ast.AnnAssign) and st.value is not None:
                targets, value = [st.target], st.value
            elif isinstance(st, ast.Assign):
                targets, value = st.targets, st.value
            else:
                continue
            for t in targets:
                if not isinstance(t, ast.Name):
                    continue
                n = t.id
                if isinstance(value, ast.Call) and self.dotted(value.func) and self.dotted(value.func).split(".")[-1] == "Body":
                    info["body"][n] = self.body_attr(mod, value)
                elif isinstance(value, ast.Call) and n == "_query_mapping":
                    info["query"] = self.query(mod, value, info)
                elif isinstance(value, ast.Call) and n == "create_opts":
                    for kw in value.keywords:
                        if isinstance(kw.value, ast.Constant):
                            info["attrs"]["create_opts." + kw.arg] = kw.value.value
                elif n in ("base_path",):
                    info["attrs"][n] = self.strval(mod, value)
                elif isinstance(value, ast.Constant):
                    info["attrs"][n] = value.value
                elif n in info["body"] and not (isinstance(value, ast.Call)):
                    pass
        self.cls_cache[key] = info
        return info

    def strval(self, mod, v):
        if isinstance(v, ast.Constant) and isinstance(v.value, str):
            return v.value
        if isinstance(v, ast.BinOp) and isinstance(v.op, ast.Add):
            a, b = self.strval(mod, v.left), self.strval(mod, v.right)
            return a + b if a is not None and b is not None else None
        if isinstance(v, ast.JoinedStr):
            out = ""
            for p in v.values:
                if isinstance(p, ast.Constant):
                    out += p.value
                else:
                    s = self.strval(mod, p.value)
                    out += s if s is not None else "{}"
            return out
        if isinstance(v, ast.Attribute) and v.attr == "base_path":
            r = self.resolve(mod, v.value)
            if isinstance(r, tuple):
                ci = self.cls(r)
                return ci and ci["attrs"].get("base_path")
        return None

    def body_attr(self, mod, call):
        wire = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) else None
        kws = {k.arg: k.value for k in call.keywords if k.arg}
        t = self.resolve(mod, kws["type"]) if "type" in kws else None
        lt = self.resolve(mod, kws["list_type"]) if "list_type" in kws else None
        return {"wire": wire, "type": t, "list_type": lt}

    def query(self, mod, call, info):
        names = set()
        pag = True
        for k in call.keywords:
            if k.arg == "include_pagination_defaults" and isinstance(k.value, ast.Constant):
                pag = bool(k.value.value)
        if pag:
            names.add("?limit")  # implicit defaults: soft (see main)
            names.add("?marker")
        for a in call.args:
            if isinstance(a, ast.Constant) and isinstance(a.value, str):
                names.add(a.value)
        for k in call.keywords:
            if k.arg is None:  # **mapping: try a dict literal / other class's mapping
                continue
            if k.arg == "include_pagination_defaults":
                continue
            v = k.value
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                names.add(v.value)
            elif isinstance(v, ast.Dict):
                for dk, dv in zip(v.keys, v.values):
                    if isinstance(dk, ast.Constant) and dk.value == "name" and isinstance(dv, ast.Constant):
                        names.add(dv.value)
        return names

    def fields(self, key, depth=0, seen=()):
        """(paths, untyped paths) of a resource class's Body attributes."""
        out, unt = set(), set()
        ci = self.cls(key)
        if not ci or depth > MAX_DEPTH or key in seen:
            return out, unt
        for _n, b in ci["body"].items():
            w = b["wire"]
            if not w:
                continue
            out.add(w)
            sub = None
            if isinstance(b["type"], tuple):
                sub = b["type"]
            elif isinstance(b["list_type"], tuple):
                sub = b["list_type"]
            if sub and self.cls(sub):
                p, u = self.fields(sub, depth + 1, seen + (key,))
                out |= {w + "." + x for x in p}
                unt |= {w + "." + x for x in u}
                if not p:
                    unt.add(w)
            elif b["type"] in PRIMS or (b["type"] == "list" and b["list_type"] in PRIMS):
                pass  # scalar (or list of scalars): nothing below
            else:
                unt.add(w)
        return out, unt


class Action:
    def __init__(self, res, kind, method, path):
        self.res, self.kind, self.method, self.path = res, kind, method, path
        self.req = self.resp = None  # (paths, untyped) or None
        self.query = None
        self.wrap_key = {}


def soft_paths(a, side):
    key = a.wrap_key.get(side)
    base = {"id", "name"}
    return {key + "." + b for b in base} if key else base


def wrap(key, pu):
    p, u = pu
    if not key:
        return p, u
    return {key} | {key + "." + x for x in p}, {key + "." + x for x in u}


def sdk_actions(sdk, prefixes):
    acts = []
    files = []
    for pre in prefixes:
        d = os.path.join(sdk.root, *pre.split("."))
        for dp, _dn, fn in os.walk(d):
            if "tests" in dp.split(os.sep):
                continue
            for f in fn:
                if f.endswith(".py") and not f.startswith("_proxy"):
                    rel = os.path.relpath(os.path.join(dp, f), sdk.root)[:-3].replace(os.sep, ".")
                    files.append(rel[:-9] if rel.endswith(".__init__") else rel)
    for mname in sorted(set(files)):
        m = sdk.mod(mname)
        if not m:
            continue
        for cname in m.classes:
            ci = sdk.cls((mname, cname))
            if not ci or not ci["is_resource"]:
                continue
            a = ci["attrs"]
            bp = a.get("base_path")
            if not bp or bp.strip("/") == "":
                continue
            fields = sdk.fields((mname, cname))
            has_fields = bool(fields[0])
            rk, rsk = a.get("resource_key"), a.get("resources_key")
            req_id = a.get("requires_id", True)
            item = bp.rstrip("/") + "/{id}" if req_id is not False else bp
            res = (mname, cname)
            if a.get("allow_list"):
                x = Action(res, "list", "GET", bp)
                x.wrap_key = {"resp": rsk}
                if has_fields:
                    x.resp = wrap(rsk, fields)
                q = ci["query"]
                if q:
                    x.query = set(q)
                acts.append(x)
            if a.get("allow_fetch"):
                x = Action(res, "fetch", "GET", item)
                x.wrap_key = {"resp": rk}
                if has_fields:
                    x.resp = wrap(rk, fields)
                acts.append(x)
            if a.get("allow_create"):
                meth = a.get("create_opts.method") or a.get("create_method") or "POST"
                creq = a.get("create_opts.requires_id", a.get("create_requires_id"))
                if creq is None:
                    creq = meth == "PUT"
                reqk = a.get("create_opts.request_key", rk) if "create_opts.request_key" in a else rk
                respk = a.get("create_opts.response_key", rk) if "create_opts.response_key" in a else rk
                x = Action(res, "create", meth.upper(), bp.rstrip("/") + "/{id}" if creq else bp)
                x.wrap_key = {"req": reqk, "resp": respk}
                if has_fields:
                    x.req = wrap(reqk, fields)
                    x.resp = wrap(respk, fields)
                acts.append(x)
            if a.get("allow_commit"):
                x = Action(res, "commit", (a.get("commit_method") or "PUT").upper(), item)
                x.wrap_key = {"req": rk, "resp": rk}
                if has_fields:
                    x.req = wrap(rk, fields)
                    x.resp = wrap(rk, fields)
                acts.append(x)
            if a.get("allow_delete"):
                acts.append(Action(res, "delete", "DELETE", item))
    return acts


# ------------------------------------------------------------------ paths
PROJECT_RE = re.compile(r"^(\{(project_id|tenant_id|projectId|project|projectid)\}|%\((project_id|tenant_id)\)s)$")


def norm_segs(path):
    path = path.split("?")[0].strip()
    return [s for s in re.sub(r"/+", "/", path).strip("/").split("/") if s]


def canon(path):
    segs = norm_segs(path)
    for i, s in enumerate(segs):
        if PROJECT_RE.match(s):
            segs = segs[i + 1:]
            break
    else:
        if segs and re.fullmatch(r"v\d[\w.]*", segs[0]):
            segs = segs[1:]
    p = "/" + "/".join(segs)
    p = re.sub(r"\{[^}]*\}|%\([^)]*\)s", "{}", p)
    return p.rstrip("/") or "/"


def major_of_path(path):
    m = re.match(r"/?v(\d+)", path.strip())
    return m and m.group(1)


def major_of_mod(mname):
    ms = re.findall(r"(?:^|\.)v(\d+)(?:\.|$)", mname)
    return ms[-1] if ms else None


# ------------------------------------------------------------------ spec side
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
            if f["name"] == "[items]":
                sub, subu = self.paths(f["type"], depth, seen)
                out |= sub
                untyped |= subu
                continue
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
        if str(r.get("status")).startswith("2") and r.get("body"):
            return r["body"]["type"]
    return None


def prune(paths, untyped):
    return {p for p in paths if not any(p.startswith(u + ".") for u in untyped)}


def cap(paths):
    return {p for p in paths if p.count(".") <= MAX_DEPTH}


# ------------------------------------------------------------------ main
def main():
    args = sys.argv[1:]
    top, out_json = 40, None
    if "--top" in args:
        i = args.index("--top"); top = int(args[i + 1]); del args[i:i + 2]
    if "--json" in args:
        i = args.index("--json"); out_json = args[i + 1]; del args[i:i + 2]
    sdk_root, docs_corpus, docs_unseen, *spec_dirs = args
    sdk = SDK(sdk_root)
    groups = {}
    rows = []
    records = []  # (group, svc, side, path, op id, page, kind) for misses/extras
    texts = {}

    def page_text(page):
        if page not in texts:
            try:
                texts[page] = open(page, encoding="utf-8").read().lower()
            except OSError:
                texts[page] = ""
        return texts[page]

    for spec_dir in spec_dirs:
        group = "corpus" if "corpus" in spec_dir else "unseen"
        docs = docs_corpus if group == "corpus" else docs_unseen
        for fn in sorted(os.listdir(spec_dir)):
            if not fn.endswith(".json"):
                continue
            svc = fn[:-5]
            spec = Spec(os.path.join(spec_dir, fn))
            if spec.d.get("cloud") != "otc" or svc not in PACKAGES:
                continue
            acts = sdk_actions(sdk, PACKAGES[svc])
            by_key = defaultdict(list)
            for a in acts:
                by_key[(a.method, canon(a.path))].append(a)
            c = Counter()
            c["sdk_actions"] = len(acts)
            c["spec_ops"] = len(spec.d["operations"])
            used = set()
            for op in spec.d["operations"]:
                method = op.get("method", "").upper()
                ckey = canon(op.get("path", ""))
                if ckey == "/":
                    continue
                cands = list(by_key.get((method, ckey), []))
                segs = ckey.strip("/").split("/")
                has_project = any(PROJECT_RE.match(s) for s in norm_segs(op.get("path", "")))
                if not cands and has_project:
                    for k in (1, 2):
                        if len(segs) > k and "{}" not in segs[:k] and segs[k] != "{}":
                            maj0 = major_of_path(op.get("path", ""))
                            cands = [a for a in by_key.get((method, "/" + "/".join(segs[k:])), [])
                                     if major_of_mod(a.res[0]) == maj0]
                            if cands:
                                c["suffix_matched"] += 1
                                break
                if not cands:
                    continue
                maj = major_of_path(op.get("path", ""))
                if maj:
                    same = [a for a in cands if major_of_mod(a.res[0]) in (None, maj)]
                    if same:
                        cands = same
                    else:
                        c["version_mismatch_matched"] += 1
                if len(cands) > 1 and any(a.res[0].startswith("otcextensions.") for a in cands):
                    cands = [a for a in cands if a.res[0].startswith("otcextensions.")]  # OTC override wins
                if len(cands) > 1:
                    sig = {(frozenset(a.req[0]) if a.req else None, frozenset(a.resp[0]) if a.resp else None,
                            frozenset(a.query or ())) for a in cands}
                    if len(sig) > 1:
                        c["ambiguous"] += 1
                        continue
                a = cands[0]
                c["matched"] += 1
                c["matched_" + a.kind] += 1
                if a.res[0].startswith("openstack."):
                    c["matched_openstacksdk"] += 1
                used.add(id(a))
                page = os.path.join(docs, svc, op["origin"]["file"])
                where = (svc, op["id"], os.path.relpath(page, os.path.dirname(docs)), a.res[0] + "." + a.res[1] + ":" + a.kind)
                spec_req = spec.paths(op["request_body"]["type"]) if op.get("request_body") else (set(), set())
                sb = success_body(op)
                spec_resp = spec.paths(sb) if sb else (set(), set())
                spec_all_leaves = {p.split(".")[-1] for p in spec_req[0] | spec_resp[0]} | {
                    p["name"] for p in op.get("parameters", [])}
                spec_q = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
                for side, s_spec, s_sdk in (("req", spec_req, a.req), ("resp", spec_resp, a.resp)):
                    if s_sdk is None:
                        continue
                    sdk_p = cap(prune(s_sdk[0], s_spec[1]))
                    spec_p = cap(prune(s_spec[0], s_sdk[1]))
                    # implicit id/name of openstack.resource.Resource: the SDK has them, but they are not
                    # claimed fields: a spec path matching them counts as found, a spec lacking them is no miss
                    soft = soft_paths(a, side)
                    sdk_p |= soft & spec_p
                    c[side + "_spec"] += len(spec_p)
                    c[side + "_sdk"] += len(sdk_p)
                    c[side + "_both"] += len(spec_p & sdk_p)
                    c[side + "_ops"] += 1
                    other = spec_resp[0] if side == "req" else spec_req[0]
                    for p in sdk_p - spec_p:
                        records.append(classify(group, side, p, where, page_text(page), other, spec_all_leaves, spec_q, c,
                                               spec_p))
                    for p in spec_p - sdk_p:
                        records.append((group, svc, side + "_extra", p) + where[1:] + ("extra",))
                if a.query is not None and {q for q in a.query if not q.startswith("?")}:
                    # implicit pagination defaults limit/marker: found if the spec has them, no miss otherwise
                    sq = {q for q in a.query if not q.startswith("?")} | ({q[1:] for q in a.query if q.startswith("?")} & spec_q)
                    c["q_spec"] += len(spec_q)
                    c["q_sdk"] += len(sq)
                    c["q_both"] += len(spec_q & sq)
                    c["q_ops"] += 1
                    for p in sq - spec_q:
                        records.append(classify(group, "query", p, where, page_text(page), set(), spec_all_leaves, spec_q, c))
                    for p in spec_q - sq:
                        records.append((group, svc, "query_extra", p) + where[1:] + ("extra",))
            rows.append((group, svc, c))
            groups.setdefault(group, Counter()).update(c)

    def pct(a, b):
        return f"{100.0 * a / b:5.1f}%" if b else "   -  "

    hdr = (f"{'service':37} {'matched':>9} {'sdkact':>6} {'amb':>3}  {'req P':>6} {'req R':>6}  "
           f"{'resp P':>6} {'resp R':>6}  {'q P':>6} {'q R':>6}")
    for group in ("corpus", "unseen"):
        print(f"== {group}")
        print(hdr)
        for g, svc, c in rows + [(group, "TOTAL " + group, groups.get(group, Counter()))]:
            if g != group:
                continue
            print(f"{svc:37} {c['matched']:4}/{c['spec_ops']:<4} {c['sdk_actions']:6} {c['ambiguous']:3}  "
                  f"{pct(c['req_both'], c['req_spec'])} {pct(c['req_both'], c['req_sdk'])}  "
                  f"{pct(c['resp_both'], c['resp_spec'])} {pct(c['resp_both'], c['resp_sdk'])}  "
                  f"{pct(c['q_both'], c['q_spec'])} {pct(c['q_both'], c['q_sdk'])}")
        t = groups.get(group, Counter())
        print(f"  matched {t['matched']} (list {t['matched_list']}, fetch {t['matched_fetch']}, create {t['matched_create']}, "
              f"commit {t['matched_commit']}, delete {t['matched_delete']}; via openstacksdk {t['matched_openstacksdk']}; "
              f"suffix {t['suffix_matched']}; other major version {t['version_mismatch_matched']}); "
              f"sides counted: req {t['req_ops']} resp {t['resp_ops']} query {t['q_ops']}")
        print(f"  fields both/spec/sdk: req {t['req_both']}/{t['req_spec']}/{t['req_sdk']}  "
              f"resp {t['resp_both']}/{t['resp_spec']}/{t['resp_sdk']}  query {t['q_both']}/{t['q_spec']}/{t['q_sdk']}")
        for side in ("req", "resp", "query"):
            cnt = Counter(r[-1] for r in records if r[0] == group and r[2] == side)
            tot = sum(cnt.values())
            st = sum(v for k, v in cnt.items() if k.startswith("stated"))
            print(f"  missing {side:5}: {tot:5}  stated on page {st:5} (table row {cnt['stated']}, prose/example only "
                  f"{cnt['stated_text']}, on the spec's other side {cnt['stated_other_side']}, as query param "
                  f"{cnt['stated_as_query']}, same name at another spec path {cnt['stated_leaf_elsewhere']})  not stated {cnt['not_stated']}")

    for title, sel in (("SDK fields missing from the spec but named by a table row of the page (not on the spec's other side)",
                        lambda r: r[-1] == "stated"),
                       ("spec-only extras (spec fields the SDK lacks)", lambda r: r[-1] == "extra")):
        for group in ("corpus", "unseen"):
            recs = [r for r in records if r[0] == group and sel(r)]
            cnt = Counter((r[1], r[2], r[3]) for r in recs)
            first = {}
            for r in recs:
                first.setdefault((r[1], r[2], r[3]), r)
            print(f"\n-- {title} [{group}]: {len(recs)} total, top {top}")
            for k, v in cnt.most_common(top):
                r = first[k]
                print(f"  {v:3} {r[1]} {r[2]} {r[3]}  [{r[4]}] {r[5]}  ({r[6]})")
    if out_json:
        json.dump({"rows": [(g, s, dict(c)) for g, s, c in rows], "records": records}, open(out_json, "w"), indent=0)


ROW_RES = [re.compile(r"^\s*\|\s*([\w.\-\[\]]+)\s+\|", re.M),          # grid table first cell
           re.compile(r"^\s*\*\s+-\s+([\w.\-\[\]]+)\s*$", re.M),        # list-table first cell
           re.compile(r"^   ([\w.\-\[\]]+)\s{2,}\S", re.M)]                # simple table first column
_rows = {}


def row_names(text):
    k = id(text)
    if k not in _rows:
        _rows[k] = {m.group(1).lower().split(".")[-1] for r in ROW_RES for m in r.finditer(text)}
    return _rows[k]


def classify(group, side, p, where, text, other_side, spec_leaves, spec_q, c, same_side=()):
    leaf = p.split(".")[-1]
    if re.search(r"(?<![\w-])" + re.escape(leaf.lower()) + r"(?![\w-])", text):
        if side != "query" and p in other_side:
            kind = "stated_other_side"
        elif side != "query" and leaf in spec_q:
            kind = "stated_as_query"
        elif leaf in spec_leaves and not (("." in p) and p.rsplit(".", 1)[0] in same_side):
            # the spec has this name at another path of the op and lacks the SDK's parent (other nesting)
            kind = "stated_leaf_elsewhere"
        elif leaf.lower() in row_names(text):
            kind = "stated"          # a table row of the page names it
        else:
            kind = "stated_text"     # only in prose or an example
    else:
        kind = "not_stated"
    return (group, where[0], side, p) + where[1:] + (kind,)


if __name__ == "__main__":
    main()
