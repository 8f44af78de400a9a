#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ with real pages from the docs corpus.

Usage: python3 fuzz/seed.py [CORPUS_ROOT]   (default: ../shared/corpus next to
the repository). The corpus directories are gitignored: seeds are copies of
third-party pages and are not committed. Deterministic: same corpus, same seeds.
"""

import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "corpus")
MAX = 65536
PER_TARGET = 40
PAGE_SEP = b"\n\x00PAGE\x00\n"


def pages(ext):
    out = []
    for d, _, files in os.walk(ROOT):
        for f in files:
            if f.endswith(ext):
                p = os.path.join(d, f)
                if os.path.getsize(p) <= MAX:
                    out.append(p)
    out.sort()
    return out


def spread(items, n):
    """n items spread evenly over the sorted list (covers every service)."""
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def write(target, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data[:MAX])


def read(p):
    with open(p, "rb") as f:
        return f.read()


def is_operation(text):
    return b"\nURI\n---" in text or b"## URI" in text


def rst_tables(text):
    """Grid and simple tables, dedented, as found in a page."""
    lines = text.decode("utf-8", "replace").split("\n")
    found, i = [], 0
    while i < len(lines):
        s = lines[i].lstrip(" ")
        if s.startswith("+-") or s.startswith("=="):
            ind = len(lines[i]) - len(s)
            j = i
            while j < len(lines) and lines[j].strip() and (len(lines[j]) - len(lines[j].lstrip(" "))) >= ind:
                j += 1
            found.append("\n".join(l[ind:] for l in lines[i:j]))
            i = j
        else:
            i += 1
    return found


def strict_json(text):
    try:
        json.loads(text)
        return True
    except ValueError:
        return False


def main():
    rst = pages(".rst")
    md = pages(".md")
    rst_ops = [p for p in rst if is_operation(read(p))]
    md_ops = [p for p in md if is_operation(read(p))]
    for p in spread(rst_ops, PER_TARGET - 5) + spread(rst, 5):
        write("rst_reader", read(p))
    for p in spread(md_ops, PER_TARGET - 5) + spread(md, 5):
        write("markdown_reader", read(p))
    tables = []
    for p in spread(rst_ops, 60):
        tables += rst_tables(read(p))
    for t in spread(tables, PER_TARGET):
        write("rst_tables", t.encode())
    cells = []
    for p in spread(md_ops, 60):
        t = read(p).decode("utf-8", "replace")
        cells += re.findall(r"<table>(.*?)</table>", t, re.S)
    for c in spread(cells, PER_TARGET):
        write("html_table", c.encode())
    # extract: single operation pages, and pairs of pages of one service.
    for p in spread(rst_ops, 10):
        write("extract", b"\x00" + read(p))
    for p in spread(md_ops, 10):
        write("extract", b"\x03" + read(p))
    for group, flags in ((rst_ops, b"\x00"), (md_ops, b"\x03")):
        by_dir = {}
        for p in group:
            by_dir.setdefault(os.path.dirname(p), []).append(p)
        dirs = sorted(d for d in by_dir if len(by_dir[d]) >= 2)
        for d in spread(dirs, 10):
            a, b = by_dir[d][0], by_dir[d][-1]
            data = flags + read(a) + PAGE_SEP + read(b)
            if len(data) <= MAX:
                write("extract", data)
    # json_reader: example blocks of the committed specs (OTC) and fenced
    # blocks of Huawei pages (their examples), the odd shapes first.
    blocks = []
    specs = os.path.join(HERE, "..", "specs")
    for f in sorted(os.listdir(specs)):
        if f.endswith(".json") and f != "spec.schema.json":
            with open(os.path.join(specs, f), encoding="utf-8") as fh:
                spec = json.load(fh)
            for op in spec.get("operations", []):
                blocks += [e["text"] for e in op.get("examples", [])]
    for p in spread(md_ops, 60):
        t = read(p).decode("utf-8", "replace")
        blocks += re.findall(r"```[a-z]*\n(.*?)```", t, re.S)
    odd = [b for b in blocks if not strict_json(b)]
    for b in spread(odd, PER_TARGET // 2) + spread(blocks, PER_TARGET // 2):
        write("json_reader", b.encode())
    for t in ("rst_reader", "rst_tables", "markdown_reader", "html_table", "extract", "json_reader"):
        n = len(os.listdir(os.path.join(HERE, "corpus", t)))
        print(f"{t}: {n} seeds")


main()
