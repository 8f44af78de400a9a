//! Explicit markup starting with `..`: directives and comments.
//! (Labels `.. _x:` are taken by the block parser before it gets here.)

use super::blocks::{indented_end, join_text, parse_body};
use super::{Ctx, Line, dedent, inline::parse_inlines, trim_blank};
use crate::doc::{Block, BlockKind, Caption, Inline, Inlines};

const ADMONITIONS: &[&str] = &[
    "note",
    "important",
    "caution",
    "warning",
    "tip",
    "attention",
    "danger",
    "error",
    "hint",
];
const CODE: &[&str] = &["code-block", "code", "sourcecode"];
/// Directives kept as [`BlockKind::Directive`] without a diagnostic.
const KEPT: &[&str] = &["figure", "image", "toctree", "raw"];

/// The parts of a directive after splitting its head and body.
struct Parts<'s> {
    line: u32,
    name: String,
    argument: String,
    /// Content lines after the argument and options.
    content: Vec<Line<'s>>,
}

/// Parses the explicit markup block at `i`; returns the next line index and
/// the block (None for comments and external targets).
pub(crate) fn parse(ctx: &mut Ctx, lines: &[Line], i: usize, depth: usize) -> (usize, Vec<Block>) {
    let end = indented_end(lines, i + 1);
    let head = lines[i].text.get(2..).unwrap_or("").trim_start();
    let Some((name, rest)) = split_head(head) else {
        return (end, Vec::new()); // a comment
    };
    let name = name.to_ascii_lowercase();
    let body = dedent(&lines[i + 1..end]);
    let parts = split_parts(&lines[i], &name, rest, &body);
    (end, build(ctx, parts, depth))
}

/// `name:: rest` → (name, rest); None for comments and substitutions.
fn split_head(head: &str) -> Option<(&str, &str)> {
    let pos = head.find("::")?;
    let name = &head[..pos];
    let rest = &head[pos + 2..];
    let valid = !name.is_empty()
        && !name.contains(char::is_whitespace)
        && !name.starts_with('|')
        && !name.starts_with('_')
        && (rest.is_empty() || rest.starts_with(' '));
    valid.then(|| (name, rest.trim()))
}

fn split_parts<'s>(first: &Line<'_>, name: &str, rest: &'s str, body: &'s [Line<'_>]) -> Parts<'s> {
    let admonition = ADMONITIONS.contains(&name);
    let joins_argument = !admonition && !CODE.contains(&name);
    let mut argument = rest.to_string();
    let mut k = 0;
    while k < body.len() && !body[k].is_blank() {
        let text = body[k].text.trim();
        if text.starts_with(':') {
            k += 1; // an option
        } else if joins_argument {
            argument.push(' ');
            argument.push_str(text);
            k += 1;
        } else {
            break;
        }
    }
    let mut content = Vec::new();
    if admonition && !rest.is_empty() {
        content.push(Line::new(first.no, rest));
        argument.clear();
    }
    content.extend(dedent(trim_blank(&body[k..])));
    Parts {
        line: first.no,
        name: name.to_string(),
        argument,
        content,
    }
}

fn build(ctx: &mut Ctx, parts: Parts<'_>, depth: usize) -> Vec<Block> {
    let name = parts.name.as_str();
    if ADMONITIONS.contains(&name) {
        let blocks = parse_body(ctx, &parts.content, depth + 1);
        let kind = BlockKind::Admonition {
            kind: parts.name.clone(),
            blocks,
        };
        return vec![Block::new(parts.line, kind)];
    }
    if CODE.contains(&name) {
        let language = parts.argument.split_whitespace().next().map(str::to_string);
        let text = join_text(trim_blank(&dedent(&parts.content)));
        return vec![Block::new(parts.line, BlockKind::Code { language, text })];
    }
    if name == "table" {
        return table(ctx, parts, depth);
    }
    if !KEPT.contains(&name) {
        let msg = format!("directive `{name}` is not interpreted");
        ctx.note(parts.line, "rst-unknown-directive", msg);
    }
    let kind = BlockKind::Directive {
        name: parts.name,
        argument: parts.argument,
    };
    vec![Block::new(parts.line, kind)]
}

/// `.. table:: **Table N** Name` around a grid or simple table. The table
/// comes first (it owns the labels); any other content follows it.
fn table(ctx: &mut Ctx, parts: Parts<'_>, depth: usize) -> Vec<Block> {
    let caption = (!parts.argument.is_empty()).then(|| caption(&parts.argument));
    let mut blocks = parse_body(ctx, &parts.content, depth + 1);
    let pos = blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Table(_)));
    let Some(pos) = pos else {
        let msg = "`.. table::` holds no table; caption kept as a paragraph";
        ctx.warn(parts.line, "rst-table-without-table", msg);
        let text = caption.map(|c| c.text).unwrap_or_default();
        blocks.insert(0, Block::new(parts.line, BlockKind::Paragraph { text }));
        return blocks;
    };
    if blocks.len() > 1 {
        let msg = "`.. table::` holds more than one block; the others follow the table";
        ctx.warn(parts.line, "rst-table-extra-content", msg);
    }
    let mut block = blocks.remove(pos);
    if let BlockKind::Table(t) = &mut block.kind {
        t.caption = caption;
    }
    block.line = parts.line;
    blocks.insert(0, block);
    blocks
}

/// `**Table 4** CreateJobReq` → number "4", text "CreateJobReq".
pub(crate) fn caption(argument: &str) -> Caption {
    let inlines = parse_inlines(argument);
    let number = match inlines.first() {
        Some(Inline::Strong { text }) => table_number(text),
        _ => None,
    };
    let text = match number {
        Some(_) => trim_start(inlines[1..].to_vec()),
        None => inlines,
    };
    Caption { number, text }
}

fn table_number(strong: &str) -> Option<String> {
    let n = strong.trim().strip_prefix("Table")?.trim();
    (!n.is_empty() && !n.contains(char::is_whitespace)).then(|| n.to_string())
}

fn trim_start(mut inlines: Inlines) -> Inlines {
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        let trimmed = text.trim_start().to_string();
        if trimmed.is_empty() {
            inlines.remove(0);
        } else {
            *text = trimmed;
        }
    }
    inlines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::doc::plain_text;

    #[test]
    fn captions() {
        let cases = [
            ("**Table 4** CreateJobReq", Some("4"), "CreateJobReq"),
            (
                "**Table 12** Response body parameters",
                Some("12"),
                "Response body parameters",
            ),
            ("Plain caption", None, "Plain caption"),
            ("**Bold** caption", None, "Bold caption"),
            ("**Table** x", None, "Table x"),
        ];
        for (arg, number, text) in cases {
            let c = caption(arg);
            assert_eq!(c.number.as_deref(), number, "{arg}");
            assert_eq!(plain_text(&c.text), text, "{arg}");
        }
    }

    #[test]
    fn table_directive_keeps_extra_content() {
        let src = ".. _t1:\n\n.. table:: **Table 1** X\n\n   ===  ===\n   a    b\n   ===  ===\n\n   Trailing note.\n\n.. table:: **Table 2** Empty\n\n   No table here.\n";
        let mut d = Diagnostics::default();
        let doc = crate::rst::parse("t.rst", src, &mut d);
        let kinds: Vec<(&str, u32, &[String])> = doc
            .blocks
            .iter()
            .map(|b| {
                let k = match b.kind {
                    BlockKind::Table(_) => "table",
                    BlockKind::Paragraph { .. } => "p",
                    _ => "other",
                };
                (k, b.line, b.labels.as_slice())
            })
            .collect();
        let label = ["t1".to_string()];
        assert_eq!(
            kinds,
            [
                ("table", 3, &label[..]),
                ("p", 9, &[][..]),
                ("p", 11, &[][..]),
                ("p", 13, &[][..])
            ]
        );
        let codes: Vec<&str> = d.items.iter().map(|x| x.code).collect();
        assert_eq!(
            codes,
            ["rst-table-extra-content", "rst-table-without-table"]
        );
    }
}
