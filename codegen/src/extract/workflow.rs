//! Workflow pages ("Example 1: creating a migration task", `示例1：创建迁移任务`) are not
//! operations: they mention an operation's URI (`URI格式：POST /v2/{project_id}/tasks`,
//! `Send POST https://…/jobs`) and show its requests. Their example blocks are attached
//! to the operation they exemplify.

use super::page::{PageParts, Role};
use super::uri;
use crate::doc::{Block, BlockKind, Document, plain_text};
use crate::spec::{Example, ExampleKind, Operation};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:URI格式|URI\s+format|\bsend)\s*[:：]?\s*((?:GET|POST|PUT|DELETE|PATCH|HEAD)\s+.+)",
    )
    .expect("valid regex")
});

static BARE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:URI格式|URI\s+format)\s*[:：]?\s*$").expect("valid regex")
});

/// (method, path with placeholders blanked) → operation indexes, for matching mentions.
pub fn op_keys(ops: &[Operation]) -> BTreeMap<(String, String), Vec<usize>> {
    let mut keys: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        keys.entry((op.method.clone(), blank(&op.path)))
            .or_default()
            .push(i);
    }
    keys
}

/// Attaches the example blocks of a non-operation page to the operations it mentions.
/// Returns (operation index, code block line) of each example attached.
pub fn attach(
    doc: &Document,
    parts: &PageParts,
    ops: &mut [Operation],
    keys: &BTreeMap<(String, String), Vec<usize>>,
) -> Vec<(usize, u32)> {
    let mut mentions: Vec<(u32, Option<usize>)> = Vec::new();
    collect_mentions(&doc.blocks, keys, ops, &mut false, &mut mentions);
    if mentions.is_empty() {
        return Vec::new();
    }
    let mut attached = Vec::new();
    for code in &parts.code {
        // The nearest mention above the block; a mention of an unknown operation ends the previous span.
        let Some(&(_, Some(op))) = mentions.iter().rev().find(|(line, _)| *line < code.line) else {
            continue;
        };
        let heading = code.ctx.heading.clone().unwrap_or_default();
        let heading_role = super::page::classify_heading(&heading);
        let kind = match (code.ctx.role, heading_role) {
            (_, Some(Role::ExampleResponse)) | (Role::ExampleResponse, _) => ExampleKind::Response,
            (_, Some(Role::ExampleRequest)) | (Role::ExampleRequest, _) => ExampleKind::Request,
            // A procedure step `Specify the following parameters in the request body:`.
            _ if names_request_body(&heading) => ExampleKind::Request,
            _ => continue,
        };
        let title = if heading.is_empty() {
            parts.title.clone()
        } else {
            format!("{} / {heading}", parts.title)
        };
        let status = match kind {
            ExampleKind::Response => super::examples::status_line(code.text),
            ExampleKind::Request => None,
        };
        ops[op].examples.push(Example {
            kind,
            status,
            title,
            text: code.text.to_string(),
        });
        attached.push((op, code.line));
    }
    attached
}

/// The one operation a paragraph links to by its page label (`For details
/// about the API, see :ref:`Creating Tasks in Batches <drs_03_0104>`.`).
fn referenced_op(text: &[crate::doc::Inline], ops: &[Operation]) -> Option<usize> {
    let mut found = text.iter().filter_map(|i| match i {
        // Ids are still the pages' `:original_name:` (`drs_03_0104.html`) here.
        crate::doc::Inline::Ref { target, .. } => ops
            .iter()
            .position(|o| o.id.trim_end_matches(".html") == target.as_str()),
        _ => None,
    });
    match (found.next(), found.next()) {
        (Some(op), None) => Some(op),
        _ => None,
    }
}

fn names_request_body(heading: &str) -> bool {
    let h = heading.to_ascii_lowercase();
    h.contains("in the request body")
        || heading.contains("请求体")
        || heading.contains("请求消息体")
}

fn collect_mentions(
    blocks: &[Block],
    keys: &BTreeMap<(String, String), Vec<usize>>,
    ops: &[Operation],
    label_pending: &mut bool,
    out: &mut Vec<(u32, Option<usize>)>,
) {
    for b in blocks {
        let line = match &b.kind {
            BlockKind::Paragraph { text } => {
                let plain = plain_text(text);
                *label_pending = BARE_LABEL.is_match(&plain);
                let mention = MENTION.captures(&plain).map(|c| c[1].to_string());
                if mention.is_none()
                    && let Some(op) = referenced_op(text, ops)
                {
                    out.push((b.line, Some(op)));
                }
                mention
            }
            // `URI格式：` with the line in a code block below it.
            BlockKind::Code { text, .. } if std::mem::take(label_pending) => {
                text.lines().next().map(str::to_string)
            }
            _ => None,
        };
        if let Some(u) = line.as_deref().and_then(uri::parse_method_line) {
            // Several pages can share a method and path (v1/v2 copies): prefer a current one.
            let best = keys
                .get(&(u.method.clone(), blank(&u.path)))
                .map(|candidates| {
                    candidates
                        .iter()
                        .copied()
                        .find(|&i| !ops[i].deprecated)
                        .unwrap_or(candidates[0])
                });
            out.push((b.line, best));
        }
        for child in b.children() {
            collect_mentions(std::slice::from_ref(child), keys, ops, label_pending, out);
        }
    }
}

/// `/v3/{projectId}/jobs` and `/v3/{project_id}/jobs` name the same path.
fn blank(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.trim_end_matches(['/', '.', '。']).chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    out.push_str("{}");
                }
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_and_paths() {
        assert_eq!(blank("/v3/{projectId}/jobs"), "/v3/{}/jobs");
        assert_eq!(blank("/v3/{project_id}/jobs/"), "/v3/{}/jobs");
        let c = MENTION
            .captures("URI格式：POST /v2/{project_id}/tasks")
            .expect("mention");
        assert_eq!(&c[1], "POST /v2/{project_id}/tasks");
        let c = MENTION
            .captures("Send POST https://{DRS endpoint}/v3/{projectId}/jobs.")
            .expect("mention");
        let u = uri::parse_method_line(&c[1]).expect("uri");
        assert_eq!(blank(&u.path), "/v3/{}/jobs");
    }
}
