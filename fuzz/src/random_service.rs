//! Random services for the whole-pipeline property (`pipeline` target and
//! `tests/robustness.rs`): a few operation pages whose parameter tables hold
//! random names, types and descriptions, with object tables linked to each
//! other (chains, cycles, other pages, dangling links), written either as OTC
//! RST pages (grid tables) or as Huawei Markdown pages (HTML or pipe tables).
//!
//! Every choice is drawn from a [`Draw`] over the input bytes, so libFuzzer
//! mutates the structure, and a seeded byte stream gives the same service in
//! `cargo test`. An exhausted stream draws zeros, which always means "the
//! smallest choice": generation ends for any input.

/// Choices read from bytes; zeros once the bytes run out.
pub struct Draw<'a> {
    data: &'a [u8],
    pos: usize,
    /// Whether this service may hold deep shapes (long `Array of` runs,
    /// thousands of nested tags, long table chains): decided once per
    /// service, so most services exercise everything else.
    deep: bool,
}

impl<'a> Draw<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Draw {
            data,
            pos: 0,
            deep: false,
        }
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    fn u16(&mut self) -> u16 {
        u16::from(self.byte()) << 8 | u16::from(self.byte())
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        if n <= 256 {
            usize::from(self.byte()) % n
        } else {
            usize::from(self.u16()) % n
        }
    }

    /// True with probability `num / 256` (false on exhausted input).
    fn chance(&mut self, num: u8) -> bool {
        self.byte() >= 255 - num.saturating_sub(1) && num > 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A size: usually small, sometimes up to `big` in a deep service.
    fn size(&mut self, small: usize, big: usize) -> usize {
        if self.chance(16) && (self.deep || big <= 4 * small.max(4)) {
            self.below(big + 1)
        } else {
            self.below(small + 1)
        }
    }
}

/// A small deterministic PRNG (SplitMix64) for seeded byte streams in tests.
pub fn seeded_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    out.truncate(len);
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cloud {
    Otc,
    Huawei,
}

/// One page file of the service: its path relative to the service directory and its text.
#[derive(Clone, Debug)]
pub struct PageFile {
    pub rel: String,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub cloud: Cloud,
    pub pages: Vec<PageFile>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Path,
    Query,
    Header,
    Body,
    Response,
    Object,
}

struct Table {
    kind: Kind,
    /// The page the table is on.
    page: usize,
    label: String,
    /// The name in the caption (object tables: the type's name).
    name: String,
    rows: Vec<Row>,
    /// Response tables: the documented status.
    status: String,
    /// Markdown: written as a pipe table instead of HTML.
    pipe: bool,
}

struct Row {
    name: String,
    mandatory: Option<bool>,
    ty: String,
    /// A link to another table, with how it is written around the type text.
    link: Option<(usize, String)>,
    description: String,
}

struct PageMeta {
    stem: String,
    title: String,
    id: String,
    method: String,
    path: String,
    extra: Vec<String>,
}

/// Field and caption names: ordinary, prelude and keyword clashes, escapes,
/// spaces, non-ASCII, empty.
const NAMES: &[&str] = &[
    "id",
    "name",
    "project_id",
    "project id",
    "project\\_id",
    "Self",
    "self",
    "type",
    "Type",
    "Option",
    "Some",
    "None",
    "String",
    "Result",
    "Ok",
    "Err",
    "Value",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "crate",
    "super",
    "r#type",
    "gen",
    "async",
    "_",
    "__x__",
    "名称",
    "名称id",
    "ÄÖÜ",
    "name😀",
    "X-Auth-Token",
    "OS-EXT:vm_state",
    "a.b",
    "$ref",
    "@timestamp",
    "123",
    "１２３",
    "",
    " ",
    "`code`",
    "**bold**",
    "[link]",
    "<b>",
    "a<b>c",
    "&lt;x&gt;",
    "std::process::exit",
    "Request",
    "Response",
    "RequestBody",
    "ResponseBody",
    "UndocumentedStatus",
    "Status200",
    "METHOD",
    "PATH",
    "path",
    "body",
    "from_json",
    "new",
    "snake_Case",
    "HTTPServer",
    "v2.1",
];

/// Words for random ASCII names.
const WORDS: &[&str] = &[
    "job", "task", "rule", "tag", "flavor", "node", "policy", "config", "item", "list", "info",
    "spec", "port", "vpc", "ip", "key", "status", "size", "count", "mode",
];

const PLAIN_TYPES: &[&str] = &[
    "String",
    "string",
    "Integer",
    "int",
    "Long",
    "Boolean",
    "Float",
    "Double",
    "Number",
    "Object",
    "object",
    "Array",
    "Array of strings",
    "Array of integers",
    "List<String>",
    "Map<String,String>",
    "Map<String,Object>",
    "JSON",
    "Self",
    "Option",
    "Result",
    "String?",
    "fn",
    "struct",
    "字符串",
    "整数",
    "Integer(int32)",
    "String (1–64)",
    "",
    "Array of Array of String",
    "<String>",
    "[String]",
    "`String`",
];

/// Hostile description pieces: every fence and code form, raw HTML, link
/// forms, entities, Markdown and RST markup, control and bidi characters.
const HOSTILE: &[&str] = &[
    "```",
    "```\nstd::process::abort();\n```",
    "~~~\nstd::process::abort();\n~~~",
    "````\nfn main() { std::process::exit(1) }\n````",
    "```rust\nstd::process::abort();\n```",
    "```should_panic\npanic!();\n```",
    "```edition2021\nstd::process::abort();\n```",
    "```text,rust\nstd::process::abort();\n```",
    "``` rust\nlet x = 1;\n```",
    "```{.rust}\nlet x = 1;\n```",
    "~~~ignore\nlet x = 1;\n~~~",
    "```compile_fail\nlet x: u8 = \"\";\n```",
    "  ```\n  std::process::abort();\n  ```",
    "- ```\n  std::process::abort();\n  ```",
    "> ```\n> std::process::abort();\n> ```",
    "\n    std::process::abort();\n",
    "\n\tstd::process::abort();\n",
    "\n\n        fn x() {}\n\n",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<!-- comment -->",
    "<div>block</div>",
    "</p>",
    "<p>~~~</p>",
    "<pre>\nstd::process::abort();\n</pre>",
    "<code>x</code>",
    "<details><summary>s</summary>d</details>",
    "<br>",
    "<style>*{}</style>",
    "[std::process::exit]",
    "[`Vec`]",
    "[x](std::process::exit)",
    "[x][y]\n\n[y]: std::process::exit",
    "[^1]\n\n[^1]: a note",
    "![img](http://x.example/y.png)",
    "<https://example.com>",
    "https://example.com/a_(b)?c=<d>",
    "http://evil.example/<script>",
    "javascript:alert(1)",
    "mailto:a@b.c",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&amp;lt;b&amp;gt;",
    "&nbsp;",
    "&#x3C;b&#x3E;",
    "`",
    "``",
    "` [x] <b> `",
    "``a ` b``",
    "`<script>` [y]",
    "\\",
    "\\[x\\]",
    "\\<b\\>",
    "*",
    "**bold**",
    "_x_",
    "# heading",
    "## 请求参数",
    "> quote",
    "- item\ncontinued",
    "- a\n  - b\n    - c",
    "1. one\n2) two",
    "---",
    "===",
    "| a | b |\n|---|---|\n| c | d |",
    "\r\n",
    "\t",
    "\u{202E}rtl",
    "\u{2066}iso",
    "\u{0}",
    "\u{FEFF}",
    "中文描述。",
    "取值范围：1～64。",
    "é",
    "😀",
    "２００",
    ":ref:`x <nowhere>`",
    "``literal``",
    "`link <http://x.example>`_",
    ".. code-block:: rust\n\n   std::process::abort();",
    "::\n\n    std::process::abort();",
    ".. raw:: html\n\n   <script>alert(1)</script>",
    "|sub|",
    "{project_id}",
    "'single' \"double\"",
    "!<>'&\"\\",
    "#[doc = \"x\"]",
    "*/ /* //",
    "\"]",
];

/// A random identifier-ish word run: `job_task`, `JobTask`, `jobTask`.
fn random_name(d: &mut Draw) -> String {
    let n = 1 + d.below(3);
    let words: Vec<&str> = (0..n).map(|_| d.pick(WORDS)).collect();
    match d.below(3) {
        0 => words.join("_"),
        1 => words.iter().map(|w| capitalise(w)).collect(),
        _ => {
            let mut s = words[0].to_owned();
            s.extend(words[1..].iter().map(|w| capitalise(w)));
            s
        }
    }
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn name(d: &mut Draw) -> String {
    if d.chance(96) {
        d.pick(NAMES).to_string()
    } else {
        random_name(d)
    }
}

/// A description: words and hostile pieces, sometimes deeply nested markup.
fn description(d: &mut Draw, cloud: Cloud) -> String {
    let mut out = String::new();
    for _ in 0..d.size(4, 24) {
        if !out.is_empty() {
            out.push_str(d.pick(&[" ", " ", "\n", "\n\n", "", "  "]));
        }
        match d.below(8) {
            0..=3 => out.push_str(d.pick(HOSTILE)),
            4 | 5 => out.push_str(d.pick(WORDS)),
            6 => out.push_str(&nested(d, cloud)),
            _ => out.push(char::from_u32(u32::from(d.u16())).unwrap_or('?')),
        }
    }
    out
}

/// Deep inline or block nesting around a hostile piece.
fn nested(d: &mut Draw, cloud: Cloud) -> String {
    let depth = d.size(4, 3000);
    let inner = d.pick(HOSTILE).to_string();
    let (open, close) = match (cloud, d.below(4)) {
        (Cloud::Huawei, 0) => ("<b>", "</b>"),
        (Cloud::Huawei, 1) => ("<div>", "</div>"),
        (Cloud::Huawei, 2) => ("<span><i>", "</i></span>"),
        (_, 0) => ("> ", ""),
        (_, 1) => ("- ", ""),
        _ => ("*", "*"),
    };
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// A type cell's text around an optional link (`{}` is where the link goes).
fn type_text(d: &mut Draw) -> (String, bool) {
    let arrays = d.size(2, 3000);
    let prefix = "Array of ".repeat(arrays);
    if d.chance(140) {
        let suffix = d.pick(&[" objects", " object", "", "s", " 对象", " array"]);
        (format!("{prefix}{{}}{suffix}"), true)
    } else {
        (format!("{prefix}{}", d.pick(PLAIN_TYPES)), false)
    }
}

fn row(d: &mut Draw, cloud: Cloud, tables: usize) -> Row {
    let (ty, linked) = type_text(d);
    let link = (linked && tables > 0).then(|| (d.below(tables), name(d)));
    Row {
        name: name(d),
        mandatory: match d.below(3) {
            0 => None,
            1 => Some(true),
            _ => Some(false),
        },
        ty: if linked && link.is_none() {
            ty.replace("{}", "Object")
        } else {
            ty
        },
        link,
        description: description(d, cloud),
    }
}

fn operation_page(d: &mut Draw, i: usize) -> PageMeta {
    let title = match d.below(4) {
        0 => format!("Creating a {}", capitalise(d.pick(WORDS))),
        1 => d.pick(NAMES).to_string(),
        2 => format!("Querying {}", random_name(d)),
        _ => format!("查询{}", d.pick(WORDS)),
    };
    let id = match d.below(3) {
        0 => format!("api_{i:04}"),
        1 => format!("{}{i}", capitalise(&random_name(d))),
        _ => d.pick(NAMES).to_string(),
    };
    let method = d
        .pick(&["GET", "POST", "PUT", "DELETE", "PATCH", "get"])
        .to_string();
    let mut path = String::from("/v1/{project_id}");
    for _ in 0..d.size(2, 8) {
        path.push('/');
        path.push_str(d.pick(&[
            "jobs",
            "{job_id}",
            "{name}",
            "a b",
            "{project id}",
            "名称",
            "{Self}",
            "action?x=1",
            "{type}",
            "<x>",
            "`y`",
        ]));
    }
    PageMeta {
        stem: format!("page_{i}"),
        title,
        id,
        method,
        path,
        extra: Vec::new(),
    }
}

/// A random service: 1–4 operation pages plus object tables.
pub fn service(d: &mut Draw) -> Service {
    d.deep = d.chance(24);
    let cloud = if d.below(2) == 0 {
        Cloud::Otc
    } else {
        Cloud::Huawei
    };
    let pages = 1 + d.below(4);
    let mut metas: Vec<PageMeta> = (0..pages).map(|i| operation_page(d, i)).collect();
    let mut tables: Vec<Table> = Vec::new();
    for page in 0..pages {
        let kinds = [
            Kind::Path,
            Kind::Query,
            Kind::Header,
            Kind::Body,
            Kind::Response,
            Kind::Response,
            Kind::Object,
            Kind::Object,
        ];
        for _ in 0..d.size(4, 10) {
            let kind = d.pick(&kinds);
            tables.push(Table {
                kind,
                page,
                label: format!("p{page}_t{}", tables.len()),
                name: if d.below(2) == 0 {
                    name(d)
                } else {
                    random_name(d)
                },
                rows: Vec::new(),
                status: d
                    .pick(&[
                        "200",
                        "201",
                        "202",
                        "204",
                        "400",
                        "default",
                        "２００",
                        "2xx",
                        "OK",
                    ])
                    .to_string(),
                pipe: d.chance(64),
            });
        }
    }
    // A chain of object tables, each linking to the next (deep nesting).
    let chain = d.size(0, 300);
    let first = tables.len();
    for i in 0..chain {
        tables.push(Table {
            kind: Kind::Object,
            page: d.below(pages),
            label: format!("chain_{i}"),
            name: format!("Level{i}"),
            rows: Vec::new(),
            status: String::new(),
            pipe: false,
        });
    }
    let count = tables.len();
    for table in &mut tables[..first] {
        let rows = d.size(4, 12);
        table.rows = (0..rows).map(|_| row(d, cloud, count)).collect();
    }
    for i in 0..chain {
        let next = if i + 1 < chain { first + i + 1 } else { first };
        tables[first + i].rows = vec![Row {
            name: format!("next_{i}"),
            mandatory: Some(false),
            ty: "{} object".into(),
            link: Some((next, format!("Level{}", i + 1))),
            description: "The next level.".into(),
        }];
    }
    if chain > 0 && first > 0 {
        // Something on a page points at the head of the chain.
        let t = d.below(first);
        tables[t].rows.push(Row {
            name: "chain".into(),
            mandatory: Some(true),
            ty: "{}".into(),
            link: Some((first, "Level0".into())),
            description: String::new(),
        });
    }
    for meta in &mut metas {
        if d.chance(32) {
            meta.extra.push(description(d, cloud));
        }
    }
    let pages = metas
        .iter()
        .enumerate()
        .map(|(i, meta)| {
            let on_page: Vec<&Table> = tables.iter().filter(|t| t.page == i).collect();
            match cloud {
                Cloud::Otc => PageFile {
                    rel: format!("api/{}.rst", meta.stem),
                    text: rst_page(meta, &on_page, &tables),
                },
                Cloud::Huawei => PageFile {
                    rel: format!("{}.md", meta.stem),
                    text: md_page(meta, &on_page, &tables, &metas),
                },
            }
        })
        .collect();
    Service { cloud, pages }
}

// ---------------------------------------------------------------- RST (OTC)

fn rst_page(meta: &PageMeta, on_page: &[&Table], all: &[Table]) -> String {
    let mut out = format!(
        ":original_name: {}.html\n\n.. _{}:\n\n{}\n{}\n\n",
        meta.id,
        meta.id,
        one_line(&meta.title),
        "=".repeat(meta.title.chars().count().max(1))
    );
    out.push_str("Function\n--------\n\nThis API is used for a test.\n\n");
    for extra in &meta.extra {
        out.push_str(extra);
        out.push_str("\n\n");
    }
    out.push_str(&format!("URI\n---\n\n{} {}\n\n", meta.method, meta.path));
    let mut n = 1;
    let sections: [(&str, &[Kind]); 3] = [
        ("", &[Kind::Path, Kind::Query]),
        (
            "Request Parameters",
            &[Kind::Header, Kind::Body, Kind::Object],
        ),
        ("Response Parameters", &[Kind::Response]),
    ];
    for (title, kinds) in sections {
        if !title.is_empty() {
            out.push_str(&format!("{title}\n{}\n\n", "-".repeat(title.len())));
        }
        for t in on_page.iter().filter(|t| kinds.contains(&t.kind)) {
            if t.kind == Kind::Response {
                out.push_str(&format!("**Status code: {}**\n\n", t.status));
            }
            let caption = match t.kind {
                Kind::Path => "Path Parameters".to_owned(),
                Kind::Query => "Query Parameters".to_owned(),
                Kind::Header => "Request header parameters".to_owned(),
                Kind::Body => "Request body parameters".to_owned(),
                Kind::Response => "Response body parameters".to_owned(),
                Kind::Object => one_line(&t.name),
            };
            out.push_str(&format!(
                ".. _{}:\n\n.. table:: **Table {n}** {caption}\n\n",
                t.label
            ));
            n += 1;
            out.push_str(&indent(&grid(t, all), 3));
            out.push_str("\n\n");
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn rst_type(r: &Row, all: &[Table]) -> String {
    match &r.link {
        Some((t, text)) => {
            let text = if text.trim().is_empty() { "x" } else { text };
            let link = format!(
                ":ref:`{} <{}>`",
                text.replace(['<', '>', '`'], ""),
                all[*t].label
            );
            r.ty.replacen("{}", &link, 1)
        }
        None => r.ty.clone(),
    }
}

fn yes_no(m: Option<bool>, otc: bool) -> &'static str {
    match (m, otc) {
        (None, _) => "",
        (Some(true), true) => "Yes",
        (Some(false), true) => "No",
        (Some(true), false) => "是",
        (Some(false), false) => "否",
    }
}

/// A grid table; each cell's text is split into lines and padded by chars.
fn grid(t: &Table, all: &[Table]) -> String {
    let response = t.kind == Kind::Response || t.kind == Kind::Object && t.rows.len() % 2 == 1;
    let header: Vec<&str> = if response {
        vec!["Parameter", "Type", "Description"]
    } else {
        vec!["Parameter", "Mandatory", "Type", "Description"]
    };
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.name.clone()];
            if !response {
                cells.push(yes_no(r.mandatory, true).to_owned());
            }
            cells.push(rst_type(r, all));
            cells.push(r.description.clone());
            cells
        })
        .collect();
    let lines_of = |s: &str| -> Vec<String> {
        s.replace('\r', "")
            .replace('\t', "    ")
            .split('\n')
            .map(str::to_owned)
            .collect()
    };
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            for l in lines_of(c) {
                widths[i] = widths[i].max(l.chars().count());
            }
        }
    }
    let border = |fill: char| {
        let mut s = String::from("+");
        for w in &widths {
            s.push_str(&fill.to_string().repeat(w + 2));
            s.push('+');
        }
        s
    };
    let row_lines = |cells: Vec<Vec<String>>| {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        let mut out = Vec::new();
        for line in 0..height {
            let mut s = String::from("|");
            for (i, c) in cells.iter().enumerate() {
                let text = c.get(line).map_or("", String::as_str);
                let pad = widths[i] - text.chars().count();
                s.push_str(&format!(" {text}{} |", " ".repeat(pad)));
            }
            out.push(s);
        }
        out.join("\n")
    };
    let mut out = vec![border('-')];
    out.push(row_lines(
        header.iter().map(|h| vec![(*h).to_owned()]).collect(),
    ));
    out.push(border('='));
    for r in rows {
        out.push(row_lines(r.iter().map(|c| lines_of(c)).collect()));
        out.push(border('-'));
    }
    out.join("\n")
}

// ------------------------------------------------------- Markdown (Huawei)

fn md_page(meta: &PageMeta, on_page: &[&Table], all: &[Table], metas: &[PageMeta]) -> String {
    let mut out = format!(
        "# {}<a name=\"{}\"></a>\n\n## 功能介绍\n\n测试接口。\n\n",
        one_line(&meta.title),
        meta.id
    );
    for extra in &meta.extra {
        out.push_str(extra);
        out.push_str("\n\n");
    }
    let path = meta
        .path
        .replace('_', "\\_")
        .replace('{', "\\{")
        .replace('}', "\\}");
    out.push_str(&format!("## URI\n\n{} {path}\n\n", meta.method));
    let mut n = 1;
    let sections: [(&str, &[Kind]); 3] = [
        ("", &[Kind::Path, Kind::Query]),
        ("## 请求参数", &[Kind::Header, Kind::Body, Kind::Object]),
        ("## 响应参数", &[Kind::Response]),
    ];
    for (title, kinds) in sections {
        if !title.is_empty() {
            out.push_str(&format!("{title}\n\n"));
        }
        for t in on_page.iter().filter(|t| kinds.contains(&t.kind)) {
            if t.kind == Kind::Response {
                out.push_str(&format!("**状态码： {}**\n\n", t.status));
            }
            let caption = match t.kind {
                Kind::Path => "路径参数".to_owned(),
                Kind::Query => "Query参数".to_owned(),
                Kind::Header => "请求Header参数".to_owned(),
                Kind::Body => "请求Body参数".to_owned(),
                Kind::Response => "响应Body参数".to_owned(),
                Kind::Object => one_line(&t.name),
            };
            out.push_str(&format!(
                "**表 {n}**  {caption}\n\n<a name=\"{}\"></a>\n",
                t.label
            ));
            n += 1;
            if t.pipe {
                out.push_str(&pipe_table(t, all, metas));
            } else {
                out.push_str(&html_table(t, all, metas));
            }
            out.push_str("\n\n");
        }
    }
    out
}

fn md_link(r: &Row, all: &[Table], metas: &[PageMeta], from: usize, html: bool) -> String {
    match &r.link {
        Some((t, text)) => {
            let target = &all[*t];
            let href = if target.page == from {
                format!("#{}", target.label)
            } else {
                format!("{}.md#{}", metas[target.page].stem, target.label)
            };
            let link = if html {
                format!("<a href=\"{href}\">{}</a>", text.replace(['<', '>'], ""))
            } else {
                format!("[{}]({href})", text.replace(['[', ']', '|', '\n'], ""))
            };
            r.ty.replacen("{}", &link, 1)
        }
        None => r.ty.clone(),
    }
}

fn md_columns(t: &Table) -> bool {
    t.kind == Kind::Response || t.kind == Kind::Object && t.rows.len() % 2 == 1
}

fn html_table(t: &Table, all: &[Table], metas: &[PageMeta]) -> String {
    let response = md_columns(t);
    let header: &[&str] = if response {
        &["参数", "参数类型", "描述"]
    } else {
        &["参数", "是否必选", "参数类型", "描述"]
    };
    let mut out = String::from("<table><thead align=\"left\"><tr>");
    for h in header {
        out.push_str(&format!(
            "<th class=\"cellrowborder\" valign=\"top\"><p>{h}</p>\n</th>\n"
        ));
    }
    out.push_str("</tr>\n</thead>\n<tbody>");
    for (i, r) in t.rows.iter().enumerate() {
        let mut cells = vec![html_text(&r.name, i % 3 == 0)];
        if !response {
            cells.push(yes_no(r.mandatory, false).to_owned());
        }
        cells.push(md_link(r, all, metas, t.page, true));
        // Every other row: the description as text (escaped), else as raw HTML.
        cells.push(html_text(&r.description, i % 2 == 0));
        out.push_str("<tr>");
        for c in cells {
            out.push_str(&format!(
                "<td class=\"cellrowborder\" valign=\"top\"><p>{c}</p>\n</td>\n"
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>");
    out
}

fn html_text(s: &str, escape: bool) -> String {
    if escape {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\n', "<br>")
    } else {
        s.to_owned()
    }
}

fn pipe_table(t: &Table, all: &[Table], metas: &[PageMeta]) -> String {
    let response = md_columns(t);
    let header = if response {
        "|参数|参数类型|描述|\n|--|--|--|"
    } else {
        "|参数|是否必选|参数类型|描述|\n|--|--|--|--|"
    };
    let cell = |s: &str| {
        s.replace('|', "\\|")
            .replace("\r\n", "<br>")
            .replace('\n', "<br>")
    };
    let mut out = String::from(header);
    for r in &t.rows {
        out.push_str("\n|");
        out.push_str(&cell(&r.name));
        out.push('|');
        if !response {
            out.push_str(yes_no(r.mandatory, false));
            out.push('|');
        }
        out.push_str(&cell(&md_link(r, all, metas, t.page, false)));
        out.push('|');
        out.push_str(&cell(&r.description));
        out.push('|');
    }
    out
}
