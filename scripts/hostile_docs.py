#!/usr/bin/env python3
"""Writes a project root of hostile documentation services for `codegen sync`.

Documentation is untrusted input. Each service below is written the way the
corpus's pages are written (OTC RST grid tables, Huawei Markdown with HTML
tables) but carries one attack: code fences and HTML in descriptions, deep
nesting, huge spans, names that collide with Rust, odd paths and statuses.
One `good` service sits among them: it must still be written whatever the
others do. Usage: hostile_docs.py OUT_DIR  (OUT_DIR gets docs/ and specs/).
"""
import os
import sys


def grid(rows):
    """An RST grid table of string cells (first row is the header)."""
    widths = [max(len(line) for r in rows for line in [r[i]]) for i in range(len(rows[0]))]
    widths = [max(w, 3) for w in widths]
    sep = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    head = "+" + "+".join("=" * (w + 2) for w in widths) + "+"
    out = [sep]
    for n, r in enumerate(rows):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        out.append(head if n == 0 else sep)
    return out


def table(label, caption, rows):
    lines = []
    if label:
        lines += [f".. _{label}:", ""]
    lines += [f".. table:: **{caption}**", ""]
    lines += ["   " + l for l in grid(rows)]
    return "\n".join(lines) + "\n\n"


HEAD = ["Parameter", "Mandatory", "Type", "Description"]
RESP = ["Parameter", "Type", "Description"]


def otc_page(name, title, method_path, body_rows, extra="", resp_rows=None, status="200"):
    text = f":original_name: {name}.html\n\n.. _{name}:\n\n{title}\n{'=' * max(len(title), 3)}\n\n"
    text += "Function\n--------\n\nThis API is used for a test.\n\nURI\n---\n\n"
    text += f"{method_path}\n\n"
    text += table(None, "Table 1** Path Parameters", [HEAD, ["project_id", "Yes", "String", "The project ID."]])
    text += "Request Parameters\n------------------\n\n"
    text += table(None, "Table 2** Request body parameters", [HEAD] + body_rows)
    text += extra
    text += f"Response Parameters\n-------------------\n\n**Status code: {status}**\n\n"
    text += table(None, "Table 9** Response body parameters", [RESP] + (resp_rows or [["id", "String", "The ID."]]))
    return text


def write(root, service, rel, text):
    path = os.path.join(root, "docs", service, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


FENCES = [
    "```",
    "~~~",
    "````",
    "```should_panic",
    "```edition2021",
    "```text,rust",
    "```rust",
    "~~~rust",
]


def hostile_descriptions():
    """Descriptions that try to become code, HTML or links."""
    out = []
    for fence in FENCES:
        out.append(f"Fence {fence}::\n\n{fence}\nstd::process::abort();\n{fence[:3]}")
    out += [
        "Run <script>alert(1)</script> and <img src=x onerror=alert(1)>.",
        "A `<img src=x onerror=alert(1)>`` span` and ``<b onclick=x>``.",
        "See [std::process::exit] and [x](javascript:alert(1)).",
        "Quotes 'a' \"b\" -- dashes ... and !<>'&\"\\ characters.",
        "| a | b |",
    ]
    return out


def svc_markup(root):
    rows = []
    for i, d in enumerate(hostile_descriptions()):
        # RST cells cannot hold raw newlines inside a grid line: a literal block
        # in a cell is what the docs write; keep it on one logical line here and
        # put the multi-line forms in a page body instead.
        rows.append([f"field_{i}", "No", "String", d.replace("\n", " ")])
    extra = ""
    for i, d in enumerate(hostile_descriptions()):
        extra += f"Note {i}:\n\n" + "\n".join("   " + l if l.strip() else "" for l in d.split("\n")) + "\n\n"
    write(root, "markup", "api/markup.rst", otc_page("markup", "Markup in Descriptions", "POST /v1/{project_id}/markup", rows, extra))
    # The same in a Huawei HTML cell.
    cells = "".join(
        f"<tr><td><p>f{i}</p></td><td><p>否</p></td><td><p>String</p></td><td><p>{html_lines(d)}</p></td></tr>\n"
        for i, d in enumerate(hostile_descriptions())
    )
    cells += "<tr><td><p>g</p></td><td><p>否</p></td><td><p>String</p></td><td><p>~~~</p><p>std::process::abort();</p><p>~~~</p></td></tr>\n"
    write(root, "markup-md", "创建任务.md", huawei_page("创建任务", "POST /v1/{project_id}/tasks", cells))


def html_lines(d):
    return "</p><p>".join(d.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split("\n"))


def huawei_page(title, uri, body_cells, resp_cells=None, status="200"):
    head = "<tr><th><p>参数</p></th><th><p>是否必选</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr>"
    rhead = "<tr><th><p>参数</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr>"
    resp_cells = resp_cells or "<tr><td><p>id</p></td><td><p>String</p></td><td><p>ID。</p></td></tr>"
    return f"""# {title}<a name="{title}"></a>

## URI<a name="uri"></a>

{uri}

## 请求参数<a name="req"></a>

**表 1**  请求Body参数

<a name="table1"></a>
<table><thead align="left">{head}</thead>
<tbody>{body_cells}</tbody>
</table>

## 响应参数<a name="resp"></a>

状态码： {status}

**表 2**  响应Body参数

<a name="table2"></a>
<table><thead align="left">{rhead}</thead>
<tbody>{resp_cells}</tbody>
</table>
"""


def svc_nested_inline(root, n=5000):
    cell = "<b><i>" * n + "deep" + "</i></b>" * n
    cells = f"<tr><td><p>x</p></td><td><p>否</p></td><td><p>String</p></td><td><p>{cell}</p></td></tr>"
    write(root, "nested-inline", "内联.md", huawei_page("内联", "POST /v1/{project_id}/inline", cells))


def svc_nested_divs(root, n=200_000):
    cell = "<div>" * n + "deep" + "</div>" * n
    cells = f"<tr><td><p>x</p></td><td><p>否</p></td><td><p>String</p></td><td>{cell}</td></tr>"
    write(root, "nested-divs", "块.md", huawei_page("块", "POST /v1/{project_id}/divs", cells))


def svc_spans(root):
    cells = '<tr><td rowspan="65534" colspan="1000"><p>x</p></td><td><p>否</p></td><td><p>String</p></td><td><p>d</p></td></tr>'
    cells += "<tr><td><p>y</p></td><td><p>否</p></td><td><p>String</p></td><td><p>d</p></td></tr>" * 50
    # Rows that the span covers: each would get 1000 copies of the cell.
    cells += "<tr></tr>" * 3000
    write(root, "spans", "跨度.md", huawei_page("跨度", "POST /v1/{project_id}/spans", cells))


def svc_chain(root, service, n):
    """A chain of `n` object tables, each the type of a field of the one before."""
    extra = ""
    for i in range(1, n + 1):
        nxt = (
            [["child", "No", f":ref:`Level{i + 1} <chain__level{i + 1}>` object", f"Level {i + 1}."]]
            if i < n
            else [["leaf", "No", "String", "The end."]]
        )
        extra += table(f"chain__level{i}", f"Table {i + 10}** Level{i}", [HEAD] + nxt)
    rows = [["root", "Yes", ":ref:`Level1 <chain__level1>` object", "The chain."]]
    write(root, service, "api/chain.rst", otc_page("chain", "Creating a Chain", "POST /v1/{project_id}/chain", rows, extra))


def svc_array_of(root, service, n):
    rows = [["deep", "No", "Array of " * n + "String", "Nested arrays."]]
    write(root, service, "api/arrays.rst", otc_page("arrays", "Creating Arrays", "POST /v1/{project_id}/arrays", rows))


def svc_names(root):
    # Tables captioned after prelude items, a page titled `Self`, odd field names.
    extra = ""
    rows = [
        ["project id", "Yes", "String", "A name with a space."],
        ["type", "No", "String", "A keyword."],
        ["self", "No", "String", "Another keyword."],
        ["Self", "No", "String", "Differs from self in case only."],
        ["Ünïcode-名字", "No", "String", "Non-ASCII."],
        ["", "No", "String", "Empty name."],
    ]
    for cap in ["Option", "Result", "String", "Value", "Vec", "Box", "Self", "Some"]:
        rows.append([cap.lower() + "_obj", "No", f":ref:`{cap} <names__{cap.lower()}>` object", f"Typed {cap}."])
        extra += table(f"names__{cap.lower()}", f"Table {len(rows) + 10}** {cap}", [HEAD, ["inner", "No", "String", "Inner."]])
    extra += "- outer item\n\n  - nested item\n  - second nested\n\n  continued text\n\n"
    rows.append(["lists", "No", "String", "- a - b"])
    write(root, "names", "api/self.rst", otc_page("Self", "Self", "POST /v1/{project_id}/self", rows, extra))
    write(root, "names", "api/option.rst", otc_page("Option", "Option", "GET /v1/{project_id}/option", [["x", "No", "String", "x"]]))
    # A path with a space and statuses in non-ASCII digits.
    write(root, "names", "api/space.rst", otc_page("space", "Path With Space", "GET /v1/{project_id}/my files/{file id}", [["x", "No", "String", "x"]]))
    write(root, "names", "api/digits.rst", otc_page("digits", "Odd Statuses", "GET /v1/{project_id}/digits", [["x", "No", "String", "x"]], status="２００"))
    write(root, "names", "api/digits2.rst", otc_page("digits2", "Odd Statuses Two", "GET /v1/{project_id}/digits2", [["x", "No", "String", "x"]], status="٢٠١"))


def svc_good(root):
    rows = [["name", "Yes", "String", "The name. It can contain 4 to 50 characters."], ["size", "No", "Integer", "The size."]]
    write(root, "good", "api/creating_a_thing.rst", otc_page("CreateThing", "Creating a Thing", "POST /v1/{project_id}/things", rows))


SERVICES = [
    ("good", "otc"),
    ("markup", "otc"),
    ("markup-md", "huawei"),
    ("nested-inline", "huawei"),
    ("nested-divs", "huawei"),
    ("spans", "huawei"),
    ("chain-short", "otc"),
    ("chain-long", "otc"),
    ("array-of", "otc"),
    ("array-of-125", "otc"),
    ("array-of-8", "otc"),
    ("names", "otc"),
    ("example-tables", "huawei"),
    ("flat-wrapper", "huawei"),
    ("open-values", "huawei"),
]


def svc_example_tables(root, n=1000):
    """`n` untyped object fields, `n` tables no field links, and an example
    showing which field holds which table: every table is bound by the
    example (`table-typed-by-example`), once per table, without re-reading the
    example per table and field."""
    rows = "\n".join(f"|f{i}|是|Object|对象{i}。|" for i in range(n))
    tables = "\n\n".join(
        f"**表 {i + 2}**  详情{i}\n\n|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|x{i}|是|String|值。|\n|y{i}|否|String|值。|"
        for i in range(n)
    )
    example = "{\n" + ",\n".join(f'  "f{i}": {{"x{i}": "a", "y{i}": "b"}}' for i in range(n)) + "\n}"
    page = f"""# 创建对象<a name="CreateThings"></a>

## URI

POST /v1/things

## 请求参数

**表 1**  请求Body参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
{rows}

{tables}

## 请求示例

```
{example}
```
"""
    write(root, "example-tables", "创建对象.md", page)


def svc_flat_wrapper(root, n=1000, examples=300):
    """`n` rows listed flat with their wrapper row last, each row but one an
    object the example nests inside the one before (`o0` → `o1` → …, as deep
    as the example reader allows), and `examples` request examples naming every
    key (60 deep, within the example reader's limit): each level reads the table's remaining rows once, and the keys the
    examples name are read once per side, not once per example."""
    rows = "\n".join(f"|o{i}|否|Object|对象{i}。|" for i in range(n)) + "\n|leaf|否|String|值。|\n|w|是|Object|包装。|"
    depth = min(n, 60)
    inner = '{"leaf": "x"}'
    for i in reversed(range(depth)):
        inner = f'{{"o{i}": {inner}}}'
    one = '{"w": ' + inner + "}"
    blocks = "\n\n".join(f"```\n{one}\n```" for _ in range(examples))
    page = f"""# 创建包装<a name="CreateWrapped"></a>

## URI

POST /v1/wrapped

## 请求参数

**表 1**  请求Body参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
{rows}

## 请求示例

{blocks}
"""
    write(root, "flat-wrapper", "创建包装.md", page)


def svc_open_values(root, n=300, keys=10, examples=30, words=2000):
    """`n` key-value object fields with long descriptions (`words` words
    each) and `n` open lists, and `examples` request examples showing every
    field with `keys` keys or items: which fields are open is decided once,
    and each description is split into words once, not once per object the
    examples show."""
    text = " ".join(f"word{j}" for j in range(words))
    rows = "\n".join(
        f"|m{i}|否|Object|键值对。{text}|\n|l{i}|否|Array|列表。|" for i in range(n)
    )
    fields = ", ".join(
        f'"m{i}": {{' + ", ".join(f'"k{k}": "v"' for k in range(keys)) + "}, "
        f'"l{i}": [' + ", ".join(str(k) for k in range(keys)) + "]"
        for i in range(n)
    )
    blocks = "\n\n".join(f"```\n{{{fields}}}\n```" for _ in range(examples))
    page = f"""# 创建映射<a name="CreateMaps"></a>

## URI

POST /v1/maps

## 请求参数

**表 1**  请求Body参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
{rows}

## 请求示例

{blocks}
"""
    write(root, "open-values", "创建映射.md", page)


def main():
    root = sys.argv[1]
    svc_good(root)
    svc_markup(root)
    svc_nested_inline(root)
    svc_nested_divs(root)
    svc_spans(root)
    svc_chain(root, "chain-short", 90)
    svc_chain(root, "chain-long", 1000)
    svc_array_of(root, "array-of", 3000)
    svc_array_of(root, "array-of-125", 125)
    svc_array_of(root, "array-of-8", 8)
    svc_names(root)
    svc_example_tables(root)
    svc_flat_wrapper(root)
    svc_open_values(root)
    os.makedirs(os.path.join(root, "specs"), exist_ok=True)
    with open(os.path.join(root, "specs", "sources.toml"), "w") as f:
        for name, cloud in SERVICES:
            f.write(f'[[service]]\nname = "{name}"\ncloud = "{cloud}"\npath = "{name}"\n\n')


if __name__ == "__main__":
    main()
