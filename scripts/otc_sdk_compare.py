#!/usr/bin/env python3
"""Compare OTC specs with the gophertelekomcloud Go SDK (throw-away measurement).

    scripts/otc_sdk_compare.py SDK_DIR SPEC_DIR [--missing N] [--extra N] [--json OUT]

SDK_DIR is an unpacked checkout of github.com/opentelekomcloud/gophertelekomcloud
(`git archive HEAD | tar -x -C /tmp/gtc`; the SDK is not a dependency of the
project); SPEC_DIR holds the committed OTC specs (`specs/`).

The Go side is read with regular expressions, not a Go parser: every top-level
`func` of the service's packages (SDK_PACKAGES) that calls
`client.Get/Post/Put/Patch/Delete…(url, …)` or `pagination.NewPager(client, url, …)`
is an operation. The URL is resolved through `client.ServiceURL(…)`,
`NewURLBuilder().WithEndpoints(…)`, local variables, package constants and the
`urls.go` helpers (string literals stay, anything else becomes `{}`,
`client.ProjectID` marks the project). The `// GET https://…` comment of newer
files is the fallback. The request body is the struct given to
`build.RequestBody` / `golangsdk.BuildRequestBody` (directly or through the
`ToXxxMap` method of an `…OptsBuilder`), with its wrapper key; the response is
the variable given to `extract.Into*` (or, in the older `results.go` style, the
`Extract*` method of the returned `…Result`, or the extract function of a
pager's page type), with its wrapper key. Struct fields: `json` tags
recursively (embedded structs flattened, `json:"-"` skipped, types of other SDK
packages resolved through the imports); query parameters: `q:"name"` tags of
the function's opts structs.

Operations are matched by method + the path after the project placeholder (or
after the leading version segment when there is none), placeholders normalised
to `{}`; the bare root (version discovery) is not matched. When that finds
nothing, one or two leading literal segments of the spec path may belong to the
client's endpoint (`/v2/{project_id}/notifications/topics` ↔ `ServiceURL("topics")`,
SDK packages of the same version only). A package whose path names another
major version than the spec path (`dms/v2` for a `/v1.0/` page) is dropped.
When several SDK functions share a key, the ones whose package path holds the
spec path's version are preferred; a key that stays ambiguous (different
bodies) is unmatched. A top-level `[items]` row of the spec (the docs' name for
an array body) is transparent. Response paths are compared case-insensitively
(Go unmarshals keys so); fields the SDK types `interface{}`/maps of it prune the
spec's paths below them, like `any` on the spec side. For every matched operation it compares
  - request body fields: the set of dotted wire-name paths (arrays and maps transparent),
  - response body fields of the first 2xx response with a body,
  - query parameters (names) and their types (string, integer, number, boolean, array),
and prints precision (spec fields the SDK has) and recall (SDK fields the spec
has) per service and in total. A side the SDK does not resolve (no struct
found) is not counted for that operation. Nested paths below a type the spec
leaves untyped (`any`) are not counted on either side; depth is capped at
MAX_DEPTH. `--missing N` lists the N most frequent SDK fields missing from the
spec (service, side, path, count, an operation and its docs page); `--extra N`
the same for spec fields the SDK lacks.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

MAX_DEPTH = 6
MODULE = "github.com/opentelekomcloud/gophertelekomcloud"

# spec service -> SDK package directories (relative to SDK_DIR/openstack)
SDK_PACKAGES = {
    "anti-ddos": ["antiddos"],
    "auto-scaling": ["autoscaling"],
    "bare-metal-server": ["bms"],
    "cloud-server-backup-service": ["csbs", "cbr"],
    "config": ["rms"],
    "data-arts-studio": ["dataarts"],
    "data-replication-service": ["drs"],
    "data-warehouse-service": ["dws"],
    "direct-connect": ["dcaas"],
    "distributed-cache-service": ["dcs"],
    "distributed-database-middleware": ["ddm"],
    "distributed-message-service": ["dms"],
    "distributed-message-service-rocketmq": [],  # no RocketMQ package; dms/ is Kafka (same paths)
    "document-database-service": ["dds"],
    "domain-name-service": ["dns"],
    "elastic-cloud-server": ["ecs", "compute"],
    "elastic-volume-service": ["evs", "blockstorage"],
    "function-graph": ["fgs"],
    "gaussdb-opengauss": ["gaussdb"],
    "identity-access-management": ["identity"],
    "key-management-service": ["kms"],
    "log-tank-service": ["lts"],
    "mapreduce-service": ["mrs"],
    "nat-gateway": ["natgateway", "networking/v2/extensions/natgateways", "networking/v2/extensions/dnatrules",
                    "networking/v2/extensions/snatrules"],
    "object-storage-service": ["obs"],
    "relational-database-service": ["rds"],
    "resource-formation-service": ["rts"],
    "scalable-file-service": ["sfs", "sfs_turbo"],
    "simple-message-notification": ["smn"],
    "software-repository-container": ["swr"],
    "tag-management-service": ["tms"],
    "virtual-private-cloud": ["vpc", "networking"],
    "volume-backup-service": ["vbs"],
    "web-application-firewall": ["waf"],  # cloud WAF; waf-premium (dedicated) has the same paths on another host
    # services outside the developer corpus (docs fetched from opentelekomcloud-docs for unseen checks)
    "api-gateway": ["apigw"],
    "cloud-backup-recovery": ["cbr"],
    "cloud-container-engine": ["cce"],
    "cloud-eye": ["ces"],
    "cloud-search-service": ["css"],
    "cloud-trace-service": ["cts"],
    "data-ingestion-service": ["dis"],
    "dedicated-host": ["deh"],
    "enterprise-router": ["er"],
    "image-management-service": ["ims", "image"],
    "load-balancer": ["elb"],
    "storage-disaster-recovery-service": ["sdrs"],
    "taurusdb": [],
    "virtual-private-network": ["evpn"],
    "vpc-endpoint": ["vpcep"],
    "web-application-firewall-dedicated": ["waf-premium"],
    # second unseen set (docs fetched from opentelekomcloud-docs; no Go package
    # for CCI, GaussDB(for MySQL), GeminiDB, PLAS, UCS)
    "elastic-ip": ["vpc", "networking"],
    "host-security-service": ["hss"],
}

HTTP = {"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE",
        "DeleteWithBody": "DELETE", "DeleteWithResponse": "DELETE", "DeleteWithBodyResp": "DELETE",
        "Head": "HEAD", "PutWithResponse": "PUT"}
PROJECT = "{project}"


def norm_path(p):
    p = p.split("?")[0].strip()
    p = re.sub(r"\{[^}]*\}", "{}", p)
    p = re.sub(r"/+", "/", p)
    return p.rstrip("/") or "/"


def canon(segs, project_names=()):
    """Path after the project marker, else after a leading version segment."""
    for i, s in enumerate(segs):
        if s == PROJECT or s in project_names:
            return "/" + "/".join(segs[i + 1:])
    if segs and re.fullmatch(r"v\d[\w.]*", segs[0]):
        segs = segs[1:]
    return "/" + "/".join(segs)


def split_args(s):
    out, depth, cur, q = [], 0, "", None
    for ch in s:
        if q:
            cur += ch
            if ch == q:
                q = None
            continue
        if ch in "\"`":
            q = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def call_args(text, start):
    """Arguments of the call whose '(' is at text[start]."""
    depth, q = 0, None
    for i in range(start, len(text)):
        ch = text[i]
        if q:
            if ch == q:
                q = None
            continue
        if ch in "\"`":
            q = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return split_args(text[start + 1:i])
    return split_args(text[start + 1:])


def strip_comments(text):
    return re.sub(r"(?m)(^|\s)//.*$", r"\1", text)


# ---------------------------------------------------------------- Go side
class Pkg:
    def __init__(self, d):
        self.dir = d
        self.types = {}  # name -> ("struct", fields, file imports) | ("alias", typestr, imports)
        self.funcs = []  # (recv type, name, params, results, body, imports, file, raw body)
        self.consts = {}


class Go:
    def __init__(self, root):
        self.root = root
        self.pkgs = {}

    def pkg(self, d):
        if d in self.pkgs:
            return self.pkgs[d]
        p = Pkg(d)
        self.pkgs[d] = p
        full = os.path.join(self.root, d)
        if not os.path.isdir(full):
            return p
        for f in sorted(os.listdir(full)):
            if not f.endswith(".go") or f.endswith("_test.go"):
                continue
            raw = open(os.path.join(full, f), encoding="utf-8", errors="replace").read()
            self._file(p, os.path.join(d, f), raw)
        return p

    def _file(self, p, fname, raw):
        imports = {}
        block = re.search(r"(?m)^import \((.*?)\)", raw, re.S)
        for m in re.finditer(r'(?m)^\s*(\w+\s+)?"([^"]+)"\s*$', block.group(1) if block else ""):
            path = m.group(2)
            alias = (m.group(1) or "").strip() or path.rsplit("/", 1)[-1]
            imports[alias] = path
        for m in re.finditer(r'(?m)^import\s+(\w+\s+)?"([^"]+)"', raw):
            imports[(m.group(1) or "").strip() or m.group(2).rsplit("/", 1)[-1]] = m.group(2)
        imports.setdefault("golangsdk", MODULE)
        text = strip_comments(raw)
        for m in re.finditer(r'(?m)^\s*(\w+)\s*(?:\w+\s*)?=\s*"([^"]*)"\s*$', text):
            p.consts.setdefault(m.group(1), m.group(2))
        lines = text.split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            m = re.match(r"type (\w+)(?:\[[^\]]*\])? struct \{\s*(\})?", line)
            if m:
                if m.group(2):
                    p.types[m.group(1)] = ("struct", [], imports)
                    i += 1
                    continue
                j = i + 1
                while j < len(lines) and not lines[j].startswith("}"):
                    j += 1
                p.types[m.group(1)] = ("struct", parse_fields(lines[i + 1:j]), imports)
                i = j + 1
                continue
            m = re.match(r"type (\w+) (?:= )?([\w.*\[\]]+)\s*$", line)
            if m and not m.group(2).startswith("interface"):
                p.types.setdefault(m.group(1), ("alias", m.group(2), imports))
            m = re.match(r"func (?:\((\w+) \*?(\w+)\) )?(\w+)\((.*)$", line)
            if m:
                j = i
                while j < len(lines) and not lines[j].startswith("}"):
                    j += 1
                head = "\n".join(lines[i:j + 1])
                sig_end = head.find("{\n") if "{\n" in head else head.find("{")
                sig = head[:sig_end]
                body = head[sig_end:]
                pm = re.match(r"func (?:\([^)]*\) )?\w+\((.*?)\)\s*(.*)$", sig, re.S)
                params = {}
                results = ""
                if pm:
                    names = []
                    for a in split_args(pm.group(1)):
                        parts = a.split(None, 1)
                        if len(parts) == 2:
                            for n in names + [parts[0]]:
                                params[n] = parts[1]
                            names = []
                        elif parts:
                            names.append(parts[0])
                    results = pm.group(2)
                p.funcs.append((m.group(2), m.group(3), params, results, body, imports, fname, m.group(1)))
                i = j + 1
                continue
            i += 1

    # ---- type resolution
    def resolve(self, pkgdir, imports, tstr):
        """(pkgdir, struct fields) of a Go type expression's element type, or None."""
        for _ in range(8):
            t = tstr.strip()
            t = re.sub(r"^(\*|\[\d*\]|map\[[^\]]*\])+", "", t)
            if "." in t:
                alias, name = t.split(".", 1)
                path = imports.get(alias)
                if not path or not path.startswith(MODULE):
                    return None
                d = path[len(MODULE):].lstrip("/")
                if d.startswith("openstack/"):
                    d = d[len("openstack/"):]
                else:
                    return None
                pkgdir = d
            else:
                name = t
            p = self.pkg(pkgdir)
            td = p.types.get(name)
            if not td:
                return None
            if td[0] == "struct":
                return pkgdir, td[1], td[2]
            tstr, imports = td[1], td[2]
        return None

    def paths(self, pkgdir, imports, fields, depth=0, seen=()):
        out = set()
        if depth > MAX_DEPTH:
            return out
        for name, tstr, tags, inline in fields:
            js = tags.get("json")
            if js is not None:
                js = js.split(",")[0]
                if js == "-":
                    continue
            if name is None and not js:  # embedded: flatten
                r = self.resolve(pkgdir, imports, tstr)
                if r and (r[0], tstr) not in seen:
                    out |= self.paths(r[0], r[2], r[1], depth, seen + ((r[0], tstr),))
                continue
            if js is None:
                if "q" in tags or "h" in tags or not name or not name[0].isupper():
                    continue
                js = name
            if not js:
                js = name
            out.add(js)
            if re.search(r"interface\{\}|\bany$|RawMessage|map\[string\]interface", tstr):
                out.add(js + ".*")  # untyped on the SDK side
            if inline is not None:
                sub = self.paths(pkgdir, imports, inline, depth + 1, seen)
            else:
                r = self.resolve(pkgdir, imports, tstr)
                key = (r[0], re.sub(r"^[*\[\]\w]*?(\w+\.)?(?=\w+$)", "", tstr)) if r else None
                if not r or key in seen:
                    continue
                sub = self.paths(r[0], r[2], r[1], depth + 1, seen + (key,))
            out |= {js + "." + s for s in sub}
        return out

    def query(self, pkgdir, imports, fields, seen=0):
        out = {}
        for name, tstr, tags, inline in fields:
            if "q" in tags:
                out[tags["q"].split(",")[0]] = go_kind(tstr)
            elif name is None and seen < 4:
                r = self.resolve(pkgdir, imports, tstr)
                if r:
                    out.update(self.query(r[0], r[2], r[1], seen + 1))
        return out


def go_kind(t):
    t = t.lstrip("*")
    if t.startswith("[]"):
        return "array"
    if re.fullmatch(r"u?int\d*", t):
        return "integer"
    if t.startswith("float"):
        return "number"
    if t == "bool":
        return "boolean"
    if t == "string":
        return "string"
    return "other"


def parse_fields(lines):
    """Struct body lines -> [(name or None, type, tags, inline fields or None)]."""
    out = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        m = re.match(r"(\w+(?:\s*,\s*\w+)*)\s+(\*?(?:\[\])*)struct\s*\{\s*$", line)
        if m:
            depth, body = 1, []
            while i < len(lines):
                l2 = lines[i].strip()
                i += 1
                depth += l2.count("{") - l2.count("}")
                if depth <= 0:
                    tags = parse_tags(l2)
                    break
                body.append(lines[i - 1])
            else:
                tags = {}
            out.append((m.group(1), "struct", tags, parse_fields(body)))
            continue
        tagm = re.search(r"`([^`]*)`", line)
        tags = parse_tags(line) if tagm else {}
        decl = line[: tagm.start()].strip() if tagm else line
        parts = decl.split(None, 1)
        if len(parts) == 1:
            out.append((None, parts[0], tags, None))
        elif len(parts) == 2:
            names = [n.strip() for n in parts[0].split(",") if n.strip()] if "," in decl.split()[0] else [parts[0]]
            tstr = parts[1]
            if parts[0].endswith(","):
                nm = re.match(r"((?:\w+\s*,\s*)+\w+)\s+(.*)", decl)
                if nm:
                    names = [n.strip() for n in nm.group(1).split(",")]
                    tstr = nm.group(2)
            for n in names:
                out.append((n, tstr, tags, None))
    return out


def parse_tags(line):
    m = re.search(r"`([^`]*)`", line)
    return dict(re.findall(r'(\w+):"([^"]*)"', m.group(1))) if m else {}


class SdkOp:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def expr_at(body, start):
    """The expression starting at body[start], up to the end of its statement."""
    depth, q, i = 0, None, start
    while i < len(body):
        ch = body[i]
        if q:
            if ch == q:
                q = None
        elif ch in "\"`":
            q = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                break
        elif ch == "\n" and depth == 0 and not body[:i].rstrip().endswith("."):
            break
        i += 1
    return body[start:i].strip()


class Extractor:
    def __init__(self, go, pkgdir):
        self.go, self.pkgdir, self.p = go, pkgdir, go.pkg(pkgdir)

    def func(self, name):
        for f in self.p.funcs:
            if f[0] is None and f[1] == name:
                return f
        return None

    def local(self, body, var):
        m = re.search(r"(?m)^\s*(?:var\s+)?" + re.escape(var) + r"(?:\s*,\s*\w+)*\s*:?=\s*", body)
        if not m:
            return None
        return expr_at(body, m.end())

    # ---- URL
    def url(self, expr, body, params, depth=0):
        """Segments of a URL expression, or None."""
        if depth > 5:
            return None
        expr = expr.strip()
        for pat in (r"\.ServiceURL\(", r"\.WithEndpoints\(", r"\.ResourceBaseURL\(\)\s*\+|\.ResourceBase\s*\+"):
            m = re.search(pat, expr)
            if m and "(" in m.group(0) and not m.group(0).endswith("+"):
                args = call_args(expr, m.end() - 1)
                return self.segments(args, body, params, depth)
        m = re.fullmatch(r"(\w+)\.String\(\)", expr) or re.fullmatch(r"(\w+)", expr)
        if m and m.group(1) not in params:
            e = self.local(body, m.group(1))
            if e:
                return self.url(e, body, params, depth + 1)
            return None
        m = re.match(r"(\w+)\(", expr)
        if m:
            f = self.func(m.group(1))
            if f:
                ret = re.search(r"return\s+", f[4])
                if ret:
                    return self.url(expr_at(f[4], ret.end()), f[4], f[2], depth + 1)
        return None

    def segments(self, args, body, params, depth):
        segs = []
        for a in args:
            a = a.strip()
            if re.search(r"\bProjectID\b|\bProjectId\b|\bprojectID\b", a) and '"' not in a:
                segs.append(PROJECT)
                continue
            piece = ""
            for part in split_plus(a):
                part = part.strip()
                if re.fullmatch(r'"[^"]*"', part):
                    piece += part[1:-1]
                elif part in self.p.consts and part not in params:
                    piece += self.p.consts[part]
                else:
                    m = re.fullmatch(r"(\w+)\.String\(\)", part)
                    sub = self.url(part, body, params, depth + 1) if m else None
                    if sub is not None:
                        piece += "/".join(sub)
                    else:
                        piece += "{}"
            segs.extend(s for s in piece.split("/") if s)
        return ["{}" if "{" in s and s != PROJECT else s for s in segs]

    # ---- body / result
    def struct_of(self, tstr, imports):
        r = self.go.resolve(self.pkgdir, imports, tstr)
        return r

    def builder_target(self, var, ptype, body, imports):
        """Opts struct behind an ...OptsBuilder parameter: the receiver of the ToXxx method called."""
        m = re.search(re.escape(var) + r"\.(To\w+)\(", body)
        if not m:
            return None, None
        for f in self.p.funcs:
            if f[1] == m.group(1) and f[0]:
                w = re.search(r"(?:BuildRequestBody|RequestBody)\(\s*\w+\s*,\s*\"([^\"]*)\"", f[4])
                w = w.group(1) if w else ""
                mw = re.search(r'map\[string\]interface\{\}\{\s*"([^"]+)"\s*:\s*\w+\s*\}', f[4])
                if not w and mw:
                    w = mw.group(1)
                return f[0], w
        return None, None

    def request(self, body_arg, body, params, imports):
        """(fields paths, resolved?) of the request body."""
        if body_arg in ("nil", ""):
            return set(), True
        wrap, src = "", body_arg
        mw = re.fullmatch(r'map\[string\]interface\{\}\{\s*"([^"]+)"\s*:\s*(\w+)\s*,?\s*\}', body_arg)
        if mw:
            outer, body_arg = mw.group(1), mw.group(2)
            paths, ok = self.request(body_arg, body, params, imports)
            return {outer} | {outer + "." + p for p in paths}, ok
        m = re.fullmatch(r"&?(\w+)", body_arg)
        if m and m.group(1) not in params:
            e = self.local(body, m.group(1))
            if e is None:
                return set(), False
            src = e
        bm = re.search(r"(?:BuildRequestBody|build\.RequestBody)\(\s*&?([\w.]+)\s*,\s*\"([^\"]*)\"", src)
        if bm:
            src, wrap = bm.group(1), bm.group(2)
        tm = re.fullmatch(r"&?(\w+)(?:\.(To\w+)\(\))?", src.strip())
        if not tm:
            lit = re.match(r"&?([\w.]+)\{", src.strip())
            if lit:
                tstr = lit.group(1)
            else:
                return set(), False
        else:
            var = tm.group(1)
            if var not in params:
                return set(), False
            tstr = params[var]
            if tm.group(2) or tstr.endswith("Builder"):
                recv, w = self.builder_target(var, tstr, body, imports)
                if not recv:
                    recv = re.sub(r"Builder$", "", tstr)
                    w = ""
                tstr, wrap = recv, (w if wrap == "" else wrap)
        r = self.go.resolve(self.pkgdir, imports, tstr)
        if not r:
            return set(), False
        paths = self.go.paths(r[0], r[2], r[1])
        if wrap:
            paths = {wrap} | {wrap + "." + p for p in paths}
        return paths, True

    def result_paths(self, tstr, imports, key, inline=None):
        if inline is not None:
            paths = self.go.paths(self.pkgdir, imports, inline)
        else:
            r = self.go.resolve(self.pkgdir, imports, tstr)
            if not r:
                return None
            paths = self.go.paths(r[0], r[2], r[1])
        if key:
            paths = {key} | {key + "." + p for p in paths}
        return paths

    def var_type(self, body, var, imports):
        m = re.search(r"var\s+" + re.escape(var) + r"\s+struct\s*\{", body)
        if m:
            end = body.find("\n\t}", m.end())
            return None, parse_fields(body[m.end():end].split("\n"))
        m = (re.search(r"var\s+" + re.escape(var) + r"\s+([\w.*\[\]]+)", body)
             or re.search(re.escape(var) + r"\s*:=\s*new\(([\w.*\[\]]+)\)", body)
             or re.search(re.escape(var) + r"\s*:=\s*&?([\w.\[\]]+)\{", body))
        return (m.group(1), None) if m else (None, None)

    def extract_in(self, body, imports, params, results, recv=None):
        """Paths of what body unmarshals with extract.Into* / r.ExtractInto*."""
        m = re.search(r"(?:extract\.|\.)(Into|IntoStructPtr|IntoSlicePtr|ExtractInto|ExtractIntoStructPtr|"
                      r"ExtractIntoSlicePtr)\(([^)]*)\)", body)
        if not m:
            return None
        args = split_args(m.group(2))
        if m.group(1).startswith("Into"):
            args = args[1:]
        if not args:
            return None
        var = args[0].lstrip("&")
        key = args[1].strip('"') if len(args) > 1 and args[1].startswith('"') else ""
        if m.group(1) == "ExtractInto" and recv:
            # a result type's own ExtractInto adds the wrapper key
            for f in self.methods_of(recv):
                if f[1] == "ExtractInto":
                    km = re.search(r'ExtractInto(?:StructPtr|SlicePtr)\(\s*\w+\s*,\s*"([^"]*)"', f[4])
                    if km:
                        key = km.group(1)
                    break
        tstr, inline = self.var_type(body, var, imports)
        if tstr is None and inline is None:
            if var in params:
                tstr = params[var]
            else:
                rm = re.search(r"\b" + re.escape(var) + r"\s+([\w.*\[\]]+)", results)
                if rm:
                    tstr = rm.group(1)
        if tstr is None and inline is None:
            return None
        return self.result_paths(tstr, imports, key, inline)

    def methods_of(self, tname, seen=0):
        out = [f for f in self.p.funcs if f[0] == tname]
        td = self.p.types.get(tname)
        if td and td[0] == "struct" and seen < 3:
            for name, tstr, tags, inline in td[1]:
                if name is None and "." not in tstr:
                    out += self.methods_of(tstr.lstrip("*"), seen + 1)
        return out

    def response(self, body, params, results, imports):
        r = self.extract_in(body, imports, params, results)
        if r is not None:
            return r, True
        # older style: (r XResult) and its Extract method
        rm = re.search(r"\(?\s*\w*\s*\*?(\w+Result)\s*\)?", results)
        if rm:
            own = [f for f in self.p.funcs if f[0] == rm.group(1)]
            meths = [f for f in (own or self.methods_of(rm.group(1)))
                     if f[1].startswith("Extract") and f[1] not in ("ExtractErr", "ExtractInto")
                     and not f[1].endswith("Into")]
            if len(meths) > 1:
                # a shared commonResult with several Extract methods: which one applies is not in the code
                meths = [f for f in meths if f[1] == "Extract"] if own else []
            for f in meths[:1]:
                r = self.extract_in(f[4], f[5], f[2], f[3], rm.group(1))
                if r is not None:
                    return r, True
            if rm and len(meths) == 0 and not own and self.methods_of(rm.group(1)):
                return set(), False
        # pager: the extract function of the page type
        pm = re.search(r"return\s+(\w+Page)\{", body)
        if pm:
            for f in self.p.funcs:
                if f[0] is None and "(" + pm.group(1) + ")" in f[4] and "ExtractInto" in f[4]:
                    r = self.extract_in(f[4], f[5], f[2], f[3])
                    if r is not None:
                        return r, True
        return set(), False

    def ops(self):
        out = []
        for recv, name, params, results, body, imports, fname, _ in self.p.funcs:
            if recv is not None:
                continue
            m = re.search(r"\b\w+\.(" + "|".join(HTTP) + r")\(", body)
            pager = re.search(r"pagination\.NewPager\(", body)
            if not m and not pager:
                continue
            if m:
                method = HTTP[m.group(1)]
                args = call_args(body, m.end() - 1)
            else:
                method = "GET"
                args = call_args(body, pager.end() - 1)[1:]
            if not args:
                continue
            segs = self.url(args[0], body, params)
            comment = None
            if segs is None:
                raw = open(os.path.join(self.go.root, fname), encoding="utf-8", errors="replace").read()
                cm = re.search(r"//\s*(GET|POST|PUT|PATCH|DELETE)\s+(?:https?://)?\{?[Ee]ndpoint\}?(/\S+)", raw)
                if not cm:
                    continue
                method, comment = cm.group(1), cm.group(2)
                segs = [PROJECT if s in ("{project_id}", "{tenant_id}") else s
                        for s in norm_path(comment.replace("{project_id}", "{project_id}")).split("/") if s]
                segs = [s if s == PROJECT else s for s in segs]
            # request body
            if method in ("POST", "PUT", "PATCH") or (method == "DELETE" and len(args) > 2 and m and
                                                       "Body" in m.group(1)):
                req, req_ok = self.request(args[1] if len(args) > 1 else "nil", body, params, imports)
            else:
                req, req_ok = set(), True
            resp, resp_ok = self.response(body, params, results, imports)
            query = {}
            for pn, pt in params.items():
                r = self.go.resolve(self.pkgdir, imports, re.sub(r"Builder$", "", pt))
                if r:
                    query.update(self.go.query(r[0], r[2], r[1]))
            req_u = {p[:-2] for p in req if p.endswith(".*")}
            resp_u = {p[:-2] for p in resp if p.endswith(".*")}
            req = {p for p in req if not p.endswith(".*")}
            resp = {p for p in resp if not p.endswith(".*")}
            out.append(SdkOp(method=method, segs=segs, req=req, req_ok=req_ok, resp=resp, resp_ok=resp_ok,
                             req_untyped=req_u, resp_untyped=resp_u,
                             query=query, func=name, file=fname, pkg=self.pkgdir))
        return out


def split_plus(a):
    out, depth, cur, q = [], 0, "", None
    for ch in a:
        if q:
            cur += ch
            if ch == q:
                q = None
            continue
        if ch in "\"`":
            q = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "+" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def sdk_ops(go, dirs):
    out = []
    for top in dirs:
        base = os.path.join(go.root, top)
        for dirpath, dirnames, files in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d not in ("testing", "testhelper"))
            if any(f.endswith(".go") for f in files):
                rel = os.path.relpath(dirpath, go.root)
                out += Extractor(go, rel).ops()
    return out


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
            if f["name"] == "[items]":
                # the docs' row for a top-level array body (the spec keeps it as a key): transparent here
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
        st = str(r.get("status"))
        if st.startswith("2") and r.get("body"):
            return r["body"]["type"]
    return None


def prune(paths, untyped):
    return {p for p in paths if not any(p.startswith(u + ".") for u in untyped)}


def cap(paths):
    return {p for p in paths if p.count(".") <= MAX_DEPTH}


SPEC_PROJECT = ("{project_id}", "{tenant_id}", "{projectId}", "{project}", "{projectid}")


def spec_key(op):
    path = op.get("path", "").split("?")[0]
    segs = [s for s in re.sub(r"/+", "/", path).strip("/").split("/") if s]
    c = canon(segs, SPEC_PROJECT)
    return op.get("method", "").upper(), norm_path(c)


def stated(docs_root, missing):
    """SDK fields missing from the spec whose name the docs page does state (the extractor's share of the gap)."""
    texts, per = {}, Counter()
    hits = []
    for m in missing:
        side, path, svc, _op, page, _fn = m
        if side not in ("req", "resp", "query"):
            continue
        if page not in texts:
            try:
                texts[page] = open(os.path.join(docs_root, page), encoding="utf-8").read().lower()
            except OSError:
                texts[page] = ""
        leaf = path.split(".")[-1].lower()
        per[(side, "all")] += 1
        if re.search(r"(?<![\w-])" + re.escape(leaf) + r"(?![\w-])", texts[page]):
            per[(side, "stated")] += 1
            hits.append(m)
    print("--stated: SDK fields missing from the spec whose name the page states")
    for side in ("req", "resp", "query"):
        print(f"  {side:5} {per[(side, 'stated')]:5} of {per[(side, 'all')]:5} missing")
    for m in hits:
        print(f"    {m[2]} {m[0]} {m[1]}  [{m[3]}] {m[4]}  ({m[5]})")


def main():
    args = sys.argv[1:]
    opts = {"--missing": 0, "--extra": 0, "--json": None, "--stated": None}
    for k in list(opts):
        if k in args:
            i = args.index(k)
            opts[k] = args[i + 1] if k in ("--json", "--stated") else int(args[i + 1])
            del args[i:i + 2]
    sdk_dir, spec_dir = args
    go = Go(os.path.join(sdk_dir, "openstack"))
    totals = defaultdict(int)
    rows, missing = [], []
    for svc in sorted(SDK_PACKAGES):
        spec_path = os.path.join(spec_dir, svc + ".json")
        if not os.path.exists(spec_path):
            continue
        spec = Spec(spec_path)
        if spec.d.get("cloud") != "otc":
            continue
        ops = sdk_ops(go, SDK_PACKAGES[svc])
        by_key = defaultdict(list)
        for o in ops:
            by_key[(o.method, norm_path(canon(o.segs)))].append(o)
        c = defaultdict(int)
        c["sdk_ops"] = len(ops)
        for op in spec.d["operations"]:
            c["spec_ops"] += 1
            key = spec_key(op)
            cands = by_key.get(key, []) if key[1] != "/" else []  # version discovery: too generic to match
            if not cands:
                # the client endpoint may carry one or two more literal segments (`/v2/{project_id}/notifications/`)
                # (only below a project placeholder, and only SDK packages of the spec path's version)
                segs = key[1].strip("/").split("/")
                ver = re.match(r"/?(v\d[\w.]*)/", op.get("path", ""))
                has_project = any(p in op.get("path", "") for p in SPEC_PROJECT)
                for k in (1, 2):
                    if has_project and ver and len(segs) > k and "{}" not in segs[:k] and segs[k] != "{}":
                        cands = [o for o in by_key.get((key[0], "/" + "/".join(segs[k:])), [])
                                 if "/" + ver.group(1) + "/" in "/" + o.pkg + "/"]
                        if cands:
                            c["suffix_matched"] += 1
                            break
            # a package whose path names another major version (dms/v2 for a /v1.0/ page) is not the operation
            major = re.search(r"/v(\d+)(?:\.\d+)?(?=/|$)", op.get("path", ""))
            if major:
                n_before = len(cands)
                cands = [o for o in cands if not re.search(r"/v\d", "/" + o.pkg)
                         or re.search(r"/v" + major.group(1) + r"(\.\d+)?(/|$)", "/" + o.pkg)]
                c["version_mismatch"] += n_before > 0 and not cands
            if len(cands) > 1:
                ver = re.match(r"/?(v\d[\w.]*)/", op.get("path", ""))
                if ver:
                    pref = [o for o in cands if "/" + ver.group(1) in "/" + o.pkg + "/"]
                    cands = pref or cands
                if len({(o.req_ok and frozenset(o.req), frozenset(o.resp), frozenset(o.query)) for o in cands}) > 1:
                    c["ambiguous"] += 1
                    continue
            if not cands:
                continue
            o = cands[0]
            c["matched"] += 1
            page = os.path.join("otc", svc, op["origin"]["file"])
            where = (svc, op["id"], page, o.file + ":" + o.func)
            spec_req, spec_req_u = set(), set()
            if op.get("request_body"):
                spec_req, spec_req_u = spec.paths(op["request_body"]["type"])
            spec_resp, spec_resp_u = set(), set()
            sb = success_body(op)
            if sb:
                spec_resp, spec_resp_u = spec.paths(sb)
            for side, s_spec, s_sdk, unt, ok in (
                ("req", spec_req, o.req, spec_req_u, o.req_ok),
                ("resp", spec_resp, o.resp, spec_resp_u, o.resp_ok),
            ):
                if not ok:
                    c[side + "_unresolved"] += 1
                    continue
                sdk_unt = o.req_untyped if side == "req" else o.resp_untyped
                s_sdk = cap(prune(s_sdk, unt))
                s_spec = cap(prune(s_spec, sdk_unt))
                if side == "resp":  # Go unmarshals keys case-insensitively
                    s_sdk = {p.lower() for p in s_sdk}
                    s_spec = {p.lower() for p in s_spec}
                c[side + "_spec"] += len(s_spec)
                c[side + "_sdk"] += len(s_sdk)
                c[side + "_both"] += len(s_spec & s_sdk)
                for p in sorted(s_sdk - s_spec):
                    missing.append((side, p) + where)
                for p in sorted(s_spec - s_sdk):
                    missing.append((side + "_extra", p) + where)
            spec_q = {p["name"]: p["type"]["kind"] for p in op.get("parameters", []) if p["in"] == "query"}
            sdk_q = o.query if op.get("method", "").upper() in ("GET", "DELETE", "HEAD") or o.query else {}
            c["q_spec"] += len(spec_q)
            c["q_sdk"] += len(sdk_q)
            both = set(spec_q) & set(sdk_q)
            c["q_both"] += len(both)
            for n in sdk_q.keys() - spec_q.keys():
                missing.append(("query", n) + where)
            for n in spec_q.keys() - sdk_q.keys():
                missing.append(("query_extra", n) + where)
            for n in both:
                k = spec_q[n]
                ok = k == sdk_q[n] or (k == "number" and sdk_q[n] == "integer") or sdk_q[n] == "other"
                c["q_agree"] += ok
                if not ok:
                    missing.append(("qtype", f"{n}: spec {k} sdk {sdk_q[n]}") + where)
        rows.append((svc, dict(c)))
        for k, v in c.items():
            totals[k] += v

    def pct(a, b):
        return f"{100.0 * a / b:5.1f}%" if b else "   -  "

    print(f"{'service':37} {'matched':>9} {'sdkops':>6} {'amb':>3}  {'req P':>6} {'req R':>6}  "
          f"{'resp P':>6} {'resp R':>6}  {'q P':>6} {'q R':>6} {'q type':>6}")
    for svc, c in rows + [("total", dict(totals))]:
        g = defaultdict(int, c)
        print(
            f"{svc:37} {g['matched']:4}/{g['spec_ops']:<4} {g['sdk_ops']:6} {g['ambiguous']:3}  "
            f"{pct(g['req_both'], g['req_spec'])} {pct(g['req_both'], g['req_sdk'])}  "
            f"{pct(g['resp_both'], g['resp_spec'])} {pct(g['resp_both'], g['resp_sdk'])}  "
            f"{pct(g['q_both'], g['q_spec'])} {pct(g['q_both'], g['q_sdk'])} {pct(g['q_agree'], g['q_both'])}"
        )
    g = defaultdict(int, totals)
    print(
        f"fields: request {g['req_both']} both / {g['req_spec']} spec / {g['req_sdk']} sdk; "
        f"response {g['resp_both']} / {g['resp_spec']} / {g['resp_sdk']}; "
        f"query {g['q_both']} / {g['q_spec']} / {g['q_sdk']}, types agree {g['q_agree']}; "
        f"SDK side unresolved: request {g['req_unresolved']}, response {g['resp_unresolved']}; "
        f"matched by suffix {g['suffix_matched']}; dropped for another major version {g['version_mismatch']}"
    )
    if opts["--stated"]:
        stated(opts["--stated"], missing)
    for flag, sides in (("--missing", ("req", "resp", "query")), ("--extra", ("req_extra", "resp_extra", "query_extra"))):
        n = opts[flag]
        if not n:
            continue
        cnt = Counter((m[2], m[0], m[1]) for m in missing if m[0] in sides)
        first = {}
        for m in missing:
            first.setdefault((m[2], m[0], m[1]), m)
        print(f"{flag}: {'SDK fields the spec lacks' if flag == '--missing' else 'spec fields the SDK lacks'}")
        for k, v in cnt.most_common(n):
            m = first[k]
            print(f"  {v:3} {m[2]} {m[0]} {m[1]}  [{m[3]}] {m[4]}  ({m[5]})")
    if opts["--json"]:
        json.dump({"services": rows, "total": totals, "missing": missing}, open(opts["--json"], "w"),
                  ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
