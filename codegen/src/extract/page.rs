//! Walks one page: classifies its sections and pseudo-headings (list items used as
//! headings) and lists its tables, code blocks and URI lines with their context.

use super::objects::caption_type_name;
use super::patterns::re;
use crate::doc::{Block, BlockKind, Document, Inline, Table, plain_text};
use regex::Regex;
use std::sync::LazyLock;

/// What a part of an operation page describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Function,
    Uri,
    Request,
    Response,
    ExampleRequest,
    ExampleResponse,
    /// An example section that does not say which side it shows.
    Example,
    StatusCodes,
    ErrorCodes,
    Other,
}

/// Where a table or code block sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub role: Role,
    /// The role of the enclosing section itself, before any example pseudo-heading in it.
    pub section_role: Role,
    /// Section titles from the page title down, joined by ` / `.
    pub section: String,
    /// The innermost pseudo-heading (list item lead) or caption-like paragraph before the block.
    pub heading: Option<String>,
    /// The field or type that heading names (`Parameters in the **volume** field` → `volume`).
    pub heading_names: Option<String>,
    /// The `**Status code: NNN**` in force, or `2XX`/`default` for Normal/Abnormal headings.
    pub status: Option<String>,
}

#[derive(Debug)]
pub struct TableItem<'a> {
    pub block: &'a Block,
    pub table: &'a Table,
    pub ctx: Context,
    /// A URI section's method table (`请求方法 | URI`): read as the operation
    /// line, not as parameters.
    pub gives_uri: bool,
}

/// A paragraph of a request or response part that links a table:
/// `Table 26 <link> describes the response parameters`, `For details about
/// the **virtual_gateway** field, see Table 1 <link>`.
#[derive(Debug, Clone)]
pub struct ProseLink {
    pub ctx: Context,
    /// The field it names in bold or as a literal, if any.
    pub field: Option<String>,
    /// The link targets, in order.
    pub targets: Vec<String>,
    /// The paragraph speaks of headers (`This response uses common headers`):
    /// its table is no body.
    pub headers: bool,
}

#[derive(Debug)]
pub struct CodeItem<'a> {
    pub line: u32,
    pub text: &'a str,
    pub ctx: Context,
}

/// Everything extraction needs from one page, in document order.
#[derive(Debug, Default)]
pub struct PageParts<'a> {
    pub title: String,
    pub title_line: u32,
    pub summary: Vec<String>,
    /// Text lines of URI sections and URI pseudo-headings, with their line.
    pub uri_lines: Vec<(u32, String)>,
    /// Whether the page has a URI/URL heading at all.
    pub has_uri_section: bool,
    /// Section titles seen (lower-cased), to recognise other page families.
    pub section_titles: Vec<String>,
    pub tables: Vec<TableItem<'a>>,
    pub code: Vec<CodeItem<'a>>,
    /// Paragraphs of request and response parts that link tables.
    pub prose_links: Vec<ProseLink>,
    /// `-  Normal` / `-  Abnormal` status codes from the status section.
    pub normal_codes: Vec<String>,
}

/// Classifies a heading or pseudo-heading text.
/// Where `word` (whole, or with a plural `s`) or `cjk` first occurs in `t`.
fn side_at(t: &str, word: &str, cjk: &str) -> Option<usize> {
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let whole = t.match_indices(word).map(|(i, _)| i).find(|&i| {
        let after = t[i + word.len()..]
            .strip_prefix('s')
            .unwrap_or(&t[i + word.len()..]);
        !alnum(t[..i].chars().next_back()) && !alnum(after.chars().next())
    });
    // `请求成功样例` / `请求失败样例` (GES): the outcome of a request, shown
    // by its response; that `请求` names no request side.
    let outcome = ["成功", "失败", "部分成功", "异常"];
    let cjk_at = t.match_indices(cjk).map(|(i, _)| i).find(|&i| {
        let after = &t[i + cjk.len()..];
        !(cjk == "请求" && outcome.iter().any(|o| after.starts_with(o)))
    });
    [whole, cjk_at].into_iter().flatten().min()
}

pub fn classify_heading(text: &str) -> Option<Role> {
    let t = text
        .trim()
        .trim_matches('*')
        .trim()
        .trim_end_matches([':', '：'])
        .to_lowercase();
    let t = t.as_str();
    // Whole words: `badrequest` in a heading names no request side.
    let has = |w: &str| {
        t.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word.strip_suffix('s').unwrap_or(word) == w || word == w)
    };
    let role = if has("example") || has("sample") || t.contains("示例") || t.contains("样例") {
        // The side named first: `Example response (request failed)` is a response.
        match (
            side_at(t, "request", "请求"),
            side_at(t, "response", "响应"),
        ) {
            (Some(q), Some(r)) if r < q => Role::ExampleResponse,
            (Some(_), _) => Role::ExampleRequest,
            (None, Some(_)) => Role::ExampleResponse,
            // `请求成功样例`: the request's outcome, a response.
            (None, None) if t.contains("请求") => Role::ExampleResponse,
            (None, None) => Role::Example,
        }
    } else if matches!(
        t,
        "function"
            | "functions"
            | "function description"
            | "api description"
            | "功能介绍"
            | "功能描述"
    ) {
        Role::Function
    } else if matches!(
        t,
        "uri"
            | "url"
            | "uri format"
            | "url format"
            | "request uri"
            | "request url"
            | "uri格式"
            | "url格式"
    ) {
        Role::Uri
    } else if t.starts_with("status code")
        || t.starts_with("returned value")
        || t.starts_with("return value")
        || t.starts_with("return code")
        || t == "状态码"
        || t == "返回值"
    {
        Role::StatusCodes
    } else if t.starts_with("error code") || t == "错误码" {
        Role::ErrorCodes
    } else if t.starts_with("request") || t.starts_with("请求") {
        Role::Request
    } else if t.starts_with("response")
        || t.starts_with("normal response")
        || t.starts_with("abnormal response")
        || t.starts_with("响应")
        || t.starts_with("正常响应")
        || t.starts_with("异常响应")
    {
        Role::Response
    } else {
        return None;
    };
    Some(role)
}

static STATUS_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:status\s*codes?|状态码)\s*(?:为|[:：])?\s*(\d{3})\b"));
static BARE_CODE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(\d{3})\b"));

/// `**Status code: 202**`, `**Status code**: **404**`, `Status code: 200`, `**状态码： 200**`.
/// Digits of other scripts (full-width `２００`, Arabic-Indic `٢٠١`) are read as
/// the digits they are, so two such statuses stay two responses.
pub fn status_of(text: &str) -> Option<String> {
    let text = ascii_digits(text);
    STATUS_LINE.captures(&text).map(|c| c[1].to_string())
}

/// `text` with the decimal digits of common scripts written as ASCII digits.
pub fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return text.into();
    }
    text.chars()
        .map(|c| {
            // Unicode decimal digit blocks: each runs from its zero to its nine.
            const ZEROS: [u32; 8] = [
                0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1040, 0x07C0,
            ];
            let code = c as u32;
            ZEROS
                .iter()
                .find(|&&zero| (zero..zero + 10).contains(&code))
                .and_then(|zero| char::from_digit(code - zero, 10))
                .unwrap_or(c)
        })
        .collect::<String>()
        .into()
}

/// Splits a page into its parts. `None` when the page has no title section.
pub fn walk(doc: &Document) -> PageParts<'_> {
    let mut parts = PageParts::default();
    let title_section = doc.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Section { title, blocks, .. } => Some((b.line, title, blocks)),
        _ => None,
    });
    let ctx = Context {
        role: Role::Other,
        section_role: Role::Other,
        section: String::new(),
        heading: None,
        heading_names: None,
        status: None,
    };
    match title_section {
        Some((line, title, blocks)) => {
            parts.title = plain_text(title).trim().to_string();
            parts.title_line = line;
            let mut w = Walker { parts: &mut parts };
            w.blocks(blocks, &ctx);
        }
        None => {
            let mut w = Walker { parts: &mut parts };
            w.blocks(&doc.blocks, &ctx);
        }
    }
    parts
}

struct Walker<'p, 'a> {
    parts: &'p mut PageParts<'a>,
}

impl<'a> Walker<'_, 'a> {
    fn blocks(&mut self, blocks: &'a [Block], ctx: &Context) {
        let mut ctx = ctx.clone();
        for block in blocks {
            self.block(block, &mut ctx);
        }
    }

    fn block(&mut self, block: &'a Block, ctx: &mut Context) {
        match &block.kind {
            BlockKind::Section { title, blocks, .. } => {
                self.section(block.line, title, blocks, ctx)
            }
            BlockKind::Paragraph { text } => self.paragraph(block.line, text, ctx),
            BlockKind::List { items, .. } => {
                for item in items {
                    match item.blocks.as_slice() {
                        // A lone short item (`-  Normal response`) heads the blocks after the list.
                        [
                            Block {
                                kind: BlockKind::Paragraph { text },
                                line,
                                ..
                            },
                        ] if items.len() == 1 => self.lone_item(*line, text, ctx),
                        _ => self.list_item(item.line, &item.blocks, ctx),
                    }
                }
            }
            BlockKind::Table(table) => {
                let method_rows = match ctx.role {
                    Role::Uri => method_uri_rows(table),
                    _ => Vec::new(),
                };
                for (line, text) in &method_rows {
                    self.uri_text(*line, text);
                }
                // BMS's `表14 正常响应要素说明` / `表15 异常响应要素说明`: a caption, not
                // a heading, says which response the table (and those after it) is.
                if ctx.role == Role::Response
                    && let Some(caption) = &table.caption
                    && let Some(status) = response_status(&plain_text(&caption.text))
                {
                    ctx.status = Some(status.into());
                }
                let mut ctx_here = ctx.clone();
                // DLI's `请求样例` item of the request section holding `表2 请求参数说明`
                // before its example: a table captioned as parameters belongs to the
                // section, not to the example heading above it.
                if is_example(ctx.role)
                    && matches!(ctx.section_role, Role::Request | Role::Response)
                    && (table.caption.as_ref())
                        .is_some_and(|c| names_parameters(&plain_text(&c.text).to_lowercase()))
                {
                    ctx_here.role = ctx.section_role;
                }
                self.parts.tables.push(TableItem {
                    block,
                    table,
                    ctx: ctx_here,
                    gives_uri: !method_rows.is_empty(),
                });
                ctx.heading = None;
            }
            BlockKind::Code { text, .. } => {
                if ctx.role == Role::Uri {
                    self.uri_text(block.line, text);
                }
                self.parts.code.push(CodeItem {
                    line: block.line,
                    text,
                    ctx: ctx.clone(),
                });
            }
            BlockKind::Admonition { blocks, .. } | BlockKind::Quote { blocks } => {
                let mut inner = ctx.clone();
                for b in blocks {
                    self.block(b, &mut inner);
                }
                // A status line inside a quote stays in force after it.
                ctx.status = inner.status;
            }
            BlockKind::Directive { .. } => {}
        }
    }

    fn section(&mut self, line: u32, title: &'a [Inline], blocks: &'a [Block], ctx: &Context) {
        let text = plain_text(title).trim().to_string();
        let lower = text.to_lowercase();
        self.parts.section_titles.push(lower.clone());
        let role = match classify_heading(&text) {
            Some(r) => refine(ctx.role, r),
            None if ctx.section.is_empty() => Role::Other,
            None => ctx.role,
        };
        if role == Role::Uri {
            self.parts.has_uri_section = true;
        }
        if role == Role::Function && self.parts.summary.is_empty() {
            self.parts.summary = blocks
                .iter()
                .filter_map(|b| match &b.kind {
                    BlockKind::Paragraph { text } => Some(plain_text(text).trim().to_string()),
                    _ => None,
                })
                .collect();
        }
        let section = if ctx.section.is_empty() {
            text.clone()
        } else {
            format!("{} / {}", ctx.section, text)
        };
        let inner = Context {
            role,
            section_role: role,
            section,
            heading: None,
            heading_names: None,
            status: None,
        };
        let _ = line;
        self.blocks(blocks, &inner);
    }

    fn paragraph(&mut self, line: u32, text: &'a [Inline], ctx: &mut Context) {
        let plain = plain_text(text);
        // A paragraph that is all bold (`**请求示例**`) heads the examples after it.
        if let [Inline::Strong { text: bold }] = text
            && let Some(role @ (Role::ExampleRequest | Role::ExampleResponse)) =
                classify_heading(bold)
        {
            ctx.role = refine(ctx.role, role);
        }
        if ctx.role == Role::Uri {
            self.uri_text(line, &plain);
        }
        if let Some(code) = status_of(&plain) {
            ctx.status = Some(code);
            ctx.heading = None;
            ctx.heading_names = None;
            return;
        }
        self.prose_link(text, ctx);
        if ctx.role == Role::StatusCodes
            && ctx.heading.as_deref().is_some_and(is_normal_heading)
            && let Some(c) = BARE_CODE.captures(&plain)
        {
            self.parts.normal_codes.push(c[1].to_string());
        }
        // Short paragraphs before a table act as its caption (`Parameters in the **volume** field`).
        let trimmed = plain.trim();
        if !trimmed.is_empty() && trimmed.chars().count() <= 120 && !trimmed.contains('\n') {
            ctx.heading = Some(trimmed.to_string());
            ctx.heading_names = caption_type_name(text);
        }
    }

    /// `-  Normal response` alone in its list: a heading for what follows the list.
    fn lone_item(&mut self, line: u32, text: &'a [Inline], ctx: &mut Context) {
        let lead = plain_text(text).trim().to_string();
        let _ = line;
        if let Some(code) = status_of(&lead) {
            ctx.status = Some(code);
        }
        let lower = lead.to_lowercase();
        if let Some(status) = response_status(&lower) {
            ctx.status = Some(status.into());
        }
        match classify_heading(&lead) {
            Some(role @ (Role::ExampleRequest | Role::ExampleResponse | Role::Example)) => {
                ctx.role = refine(ctx.role, role);
            }
            // `-  Example:` then `-  Parameter description` (MRS Manager pages; once
            // `Request parameter description` under Response): the parameters after
            // the example belong to the section again.
            _ if is_example(ctx.role) && names_parameters(&lower) => {
                ctx.role = ctx.section_role;
            }
            _ => {}
        }
        if ctx.role == Role::StatusCodes && is_normal_heading(&lower) {
            ctx.heading = Some(lead);
            return;
        }
        if lead.chars().count() <= 120 {
            ctx.heading = Some(lead);
            ctx.heading_names = caption_type_name(text);
        }
    }

    /// A list item whose first paragraph is short acts as a heading for the rest of the item.
    fn list_item(&mut self, line: u32, blocks: &'a [Block], ctx: &Context) {
        let mut inner = ctx.clone();
        let mut rest = blocks;
        if let Some(Block {
            kind: BlockKind::Paragraph { text },
            line: pline,
            ..
        }) = blocks.first()
        {
            let lead = plain_text(text).trim().to_string();
            if ctx.role == Role::Uri
                || crate::extract::uri::parse_method_line(&lead).is_some()
                || classify_heading(&lead) == Some(Role::Uri)
            {
                self.uri_text(*pline, &lead);
            }
            if let Some(code) = status_of(&lead) {
                inner.status = Some(code);
            } else if let Some(role) = classify_heading(&lead) {
                inner.role = match (ctx.section_role, role) {
                    // `-  正常响应` / `-  异常响应` items of a `响应样例` section (BMS):
                    // which response the example shows, still an example.
                    (Role::ExampleResponse | Role::Example, Role::Response) => {
                        Role::ExampleResponse
                    }
                    _ => refine(ctx.role, role),
                };
                if role == Role::Uri {
                    self.parts.has_uri_section = true;
                }
            }
            let lower = lead.to_lowercase();
            if let Some(status) = response_status(&lower) {
                inner.status = Some(status.into());
            }
            if ctx.role == Role::StatusCodes
                && let Some(c) = BARE_CODE.captures(&lead)
                && ctx.heading.as_deref().is_some_and(is_normal_heading)
            {
                self.parts.normal_codes.push(c[1].to_string());
            }
            inner.heading = Some(lead);
            inner.heading_names = caption_type_name(text);
            rest = &blocks[1..];
        }
        let _ = line;
        self.blocks(rest, &inner);
    }

    /// Records a request/response paragraph's links to tables.
    fn prose_link(&mut self, text: &[Inline], ctx: &Context) {
        if !matches!(ctx.role, Role::Request | Role::Response) {
            return;
        }
        let targets: Vec<String> = text
            .iter()
            .filter_map(|i| match i {
                Inline::Ref { target, .. } => Some(target.clone()),
                _ => None,
            })
            .collect();
        if targets.is_empty() {
            return;
        }
        let field = text.iter().find_map(|i| match i {
            Inline::Strong { text } | Inline::Literal { text } => {
                let t = text.trim();
                (!t.is_empty() && !t.contains(' ')).then(|| t.to_string())
            }
            _ => None,
        });
        let lower = plain_text(text).to_lowercase();
        let headers = ["header", "消息头", "请求头", "响应头"]
            .iter()
            .any(|w| lower.contains(w));
        self.parts.prose_links.push(ProseLink {
            ctx: ctx.clone(),
            field,
            targets,
            headers,
        });
    }

    fn uri_text(&mut self, line: u32, text: &str) {
        for (i, l) in text.lines().enumerate() {
            if !l.trim().is_empty() {
                self.parts
                    .uri_lines
                    .push((line + i as u32, l.trim().to_string()));
            }
        }
    }
}

/// `METHOD /path` lines of a URI section's method table (APIG's `表1
/// HTTP/HTTPS请求方法以及URI`: columns `请求方法` and `URI`, one row per call).
fn method_uri_rows(table: &crate::doc::Table) -> Vec<(u32, String)> {
    let Some(header) = table.header.last() else {
        return Vec::new();
    };
    let column = |names: &[&str]| {
        (header.cells.iter())
            .position(|c| names.contains(&c.plain().trim().to_lowercase().as_str()))
    };
    let method = column(&[
        "请求方法",
        "方法",
        "method",
        "http method",
        "request method",
    ]);
    let (Some(m), Some(u)) = (method, column(&["uri", "请求uri", "url", "path"])) else {
        return Vec::new();
    };
    (table.rows.iter())
        .filter_map(|r| {
            let cell = |i: usize| r.cells.get(i).map(|c| c.plain().trim().to_string());
            Some((r.line, format!("{} {}", cell(m)?, cell(u)?)))
        })
        .collect()
}

/// A generic `Example …` heading inside an example section keeps the section's side.
fn refine(current: Role, heading: Role) -> Role {
    match (current, heading) {
        (Role::ExampleRequest | Role::ExampleResponse, Role::Example) => current,
        // A bare `Example:` inside the Request or Response section (MRS Manager pages).
        (Role::Request, Role::Example) => Role::ExampleRequest,
        (Role::Response, Role::Example) => Role::ExampleResponse,
        _ => heading,
    }
}

/// A short pseudo-heading for a parameter table: `Parameter description`,
/// `Request parameter description`, `Response parameters` (not a sentence that
/// mentions a parameter).
fn names_parameters(lower: &str) -> bool {
    let t = lower.trim().trim_end_matches([':', '：']).trim();
    (t.split_whitespace().count() <= 4
        && (t.ends_with("parameter description") || t.ends_with("parameters")))
        || (t.chars().count() <= 8 && (t.ends_with("参数说明") || t.ends_with("参数")))
}

fn is_example(role: Role) -> bool {
    matches!(
        role,
        Role::ExampleRequest | Role::ExampleResponse | Role::Example
    )
}

/// `Normal response`, `正常响应`, `正常响应要素` (BMS: "normal response elements").
fn is_normal_heading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t == "normal" || t.starts_with("normal response") || t.starts_with("正常响应")
}

/// The status a `Normal response` / `Abnormal response` heading or caption
/// (`正常响应要素说明`, `异常响应`) gives what follows: `2XX` or `default`.
fn response_status(text: &str) -> Option<&'static str> {
    if is_normal_heading(text) {
        Some("2XX")
    } else if is_abnormal_heading(text) {
        Some("default")
    } else {
        None
    }
}

/// `Abnormal response`, `异常响应`, `异常响应要素`: the error body.
fn is_abnormal_heading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.starts_with("abnormal") || t.starts_with("异常响应")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let cases = [
            ("Function", Some(Role::Function)),
            ("URI", Some(Role::Uri)),
            ("URL", Some(Role::Uri)),
            ("URI format", Some(Role::Uri)),
            ("Request Parameters", Some(Role::Request)),
            ("Request", Some(Role::Request)),
            ("Response Parameters", Some(Role::Response)),
            ("Example Requests", Some(Role::ExampleRequest)),
            ("Example request", Some(Role::ExampleRequest)),
            (
                "Example response (request failed)",
                Some(Role::ExampleResponse),
            ),
            (
                "Example Response (Request Successful)",
                Some(Role::ExampleResponse),
            ),
            (
                "Example request (response omitted)",
                Some(Role::ExampleRequest),
            ),
            ("Response example", Some(Role::ExampleResponse)),
            ("Example normal response", Some(Role::ExampleResponse)),
            ("Status Codes", Some(Role::StatusCodes)),
            ("Returned Values", Some(Role::StatusCodes)),
            ("Error Codes", Some(Role::ErrorCodes)),
            ("**请求消息**", Some(Role::Request)),
            ("响应示例", Some(Role::ExampleResponse)),
            // GES: a request's outcome is shown by its response.
            ("请求成功样例", Some(Role::ExampleResponse)),
            ("请求失败样例", Some(Role::ExampleResponse)),
            ("请求部分成功样例", Some(Role::ExampleResponse)),
            ("请求样例", Some(Role::ExampleRequest)),
            ("请求样例（仅支持异步模式）", Some(Role::ExampleRequest)),
            ("Parameter description", None),
            ("Example badrequest response", Some(Role::ExampleResponse)),
            ("Examples of badrequest", Some(Role::Example)),
            ("Samples", Some(Role::Example)),
            ("Constraints", None),
        ];
        for (text, want) in cases {
            assert_eq!(classify_heading(text), want, "{text}");
        }
    }

    #[test]
    fn parameter_pseudo_headings() {
        for t in [
            "parameter description",
            "request parameter description",
            "response parameters:",
        ] {
            assert!(names_parameters(t), "{t}");
        }
        for t in [
            "1. if the body parameter is not specified, the links are returned.",
            "example",
            "the request contains the following parameters",
        ] {
            assert!(!names_parameters(t), "{t}");
        }
    }

    #[test]
    fn bold_paragraphs_head_examples() {
        let md = "# 创建\n\n## 请求消息\n\n**请求示例**\n\n-   示例：\n\n    ```\n    {\"a\": 1}\n    ```\n\n\
                  ## 响应消息\n\n**响应示例**\n\n```\n{\"b\": 2}\n```\n\n\
                  **Not an example heading** but prose\n";
        let mut diags = crate::diag::Diagnostics::default();
        let doc = crate::markdown::parse("p.md", md, &mut diags);
        let parts = walk(&doc);
        let roles: Vec<(&str, Role)> = parts.code.iter().map(|c| (c.text, c.ctx.role)).collect();
        assert_eq!(
            roles,
            [
                ("{\"a\": 1}", Role::ExampleRequest),
                ("{\"b\": 2}", Role::ExampleResponse)
            ]
        );
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_of("Status code: 202").as_deref(), Some("202"));
        assert_eq!(status_of("Status code: 404").as_deref(), Some("404"));
        assert_eq!(status_of("状态码： 200").as_deref(), Some("200"));
        assert_eq!(status_of("状态码为 400 时:").as_deref(), Some("400"));
        assert_eq!(status_of("Status codes are listed below"), None);
        assert_eq!(status_of("Status code: ２００").as_deref(), Some("200"));
        assert_eq!(status_of("状态码： ٢٠١").as_deref(), Some("201"));
    }
}
