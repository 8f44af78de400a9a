//! Properties of a generated Rust module, checked the way rustc and rustdoc
//! would see it: the source parses (syn), every doc attribute is inert text
//! for rustdoc (pulldown-cmark with rustdoc's options), and the identifiers
//! the generator chose are valid, unique and shadow nothing in the prelude.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag};
use std::collections::BTreeSet;

/// Type and trait names of the Rust 2024 prelude (and `serde_json::Value`,
/// which users glob-import next to a module): a generated type of one of these
/// names shadows it for anyone who writes `use module::*`.
const PRELUDE: &[&str] = &[
    "Copy",
    "Send",
    "Sized",
    "Sync",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsyncFn",
    "AsyncFnMut",
    "AsyncFnOnce",
    "Box",
    "ToOwned",
    "Clone",
    "PartialEq",
    "PartialOrd",
    "Eq",
    "Ord",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "Default",
    "Iterator",
    "Extend",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "ToString",
    "Vec",
    "FromIterator",
    "TryFrom",
    "TryInto",
    "Future",
    "IntoFuture",
    "Self",
];

/// Fence info strings rustdoc reads as Rust (or as a doctest attribute).
const RUST_TAGS: &[&str] = &[
    "rust",
    "should_panic",
    "no_run",
    "ignore",
    "compile_fail",
    "test_harness",
    "standalone_crate",
    "standalone",
];

/// Every problem found in `source` (empty: all properties hold).
pub fn check_module(source: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let file = match syn::parse_file(source) {
        Ok(f) => f,
        Err(e) => return vec![format!("does not parse: {e}")],
    };
    let defined = check_names(&file, &mut problems);
    let tokens: TokenStream = match source.parse() {
        Ok(t) => t,
        Err(e) => return vec![format!("does not tokenize: {e}")],
    };
    let mut docs = Vec::new();
    collect_docs(tokens, &mut docs);
    for doc in &docs {
        for p in inert_problems(doc, &defined) {
            problems.push(format!("{p} in doc {doc:?}"));
        }
    }
    problems
}

/// The doc text of every attribute run (`#[doc]`/`#![doc]` attributes with
/// nothing but other attributes between them: one item's documentation).
fn collect_docs(tokens: TokenStream, out: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut current: Option<String> = None;
    let mut i = 0;
    while i < trees.len() {
        if let TokenTree::Punct(p) = &trees[i]
            && p.as_char() == '#'
        {
            // `#` [`!`] `[...]`
            let mut j = i + 1;
            if matches!(&trees.get(j), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                j += 1;
            }
            if let Some(TokenTree::Group(g)) = trees.get(j)
                && g.delimiter() == Delimiter::Bracket
            {
                if let Some(text) = doc_text(g.stream()) {
                    let doc = current.get_or_insert_with(String::new);
                    if !doc.is_empty() {
                        doc.push('\n');
                    }
                    doc.push_str(&text);
                } else {
                    collect_docs(g.stream(), out);
                }
                i = j + 1;
                continue;
            }
        }
        if let Some(doc) = current.take() {
            out.push(doc);
        }
        if let TokenTree::Group(g) = &trees[i] {
            collect_docs(g.stream(), out);
        }
        i += 1;
    }
    if let Some(doc) = current.take() {
        out.push(doc);
    }
}

/// The string of `doc = "..."`.
fn doc_text(attr: TokenStream) -> Option<String> {
    let mut it = attr.into_iter();
    match (it.next(), it.next(), it.next(), it.next()) {
        (
            Some(TokenTree::Ident(i)),
            Some(TokenTree::Punct(p)),
            Some(TokenTree::Literal(l)),
            None,
        ) if i == "doc" && p.as_char() == '=' => {
            let lit: syn::LitStr = syn::parse_str(&l.to_string()).ok()?;
            Some(lit.value())
        }
        _ => None,
    }
}

/// rustdoc's Markdown options (`main_body_opts`).
fn rustdoc_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Why `doc` is not inert text for rustdoc: code blocks rustdoc would
/// compile, raw HTML, images, footnotes, and links other than bare
/// `http(s)` autolinks and intra-doc links to items of this module written
/// as ``[`Name`]`` (the only links the generator writes itself).
pub fn inert_problems(doc: &str, defined: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut broken =
        |link: pulldown_cmark::BrokenLink<'_>| Some((link.reference.to_string().into(), "".into()));
    let parser = Parser::new_with_broken_link_callback(doc, rustdoc_options(), Some(&mut broken));
    for event in parser {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                problems.push("indented code block (a doctest)".to_owned())
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_rust(&info) => {
                problems.push(format!("code fence {info:?} that rustdoc compiles"))
            }
            Event::Html(h) | Event::InlineHtml(h) => problems.push(format!("raw HTML {h:?}")),
            Event::Start(Tag::Image { dest_url, .. }) => {
                problems.push(format!("image {dest_url:?}"))
            }
            Event::FootnoteReference(f) => problems.push(format!("footnote [^{f}]")),
            Event::Start(Tag::FootnoteDefinition(f)) => {
                problems.push(format!("footnote definition [^{f}]"))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let ok = match link_type {
                    LinkType::Autolink => {
                        dest_url.starts_with("http://") || dest_url.starts_with("https://")
                    }
                    LinkType::ShortcutUnknown => dest_url
                        .strip_prefix('`')
                        .and_then(|d| d.strip_suffix('`'))
                        .is_some_and(|name| defined.contains(name)),
                    _ => false,
                };
                if !ok {
                    problems.push(format!("link {link_type:?} to {dest_url:?}"));
                }
            }
            _ => {}
        }
    }
    problems
}

/// Whether rustdoc treats a fence with this info string as Rust (a doctest,
/// even if ignored): unless it is one plain token that is not a Rust tag.
fn is_rust(info: &str) -> bool {
    let tokens: Vec<&str> = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    match tokens.as_slice() {
        [one] => {
            !one.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.'))
                || RUST_TAGS.contains(one)
                || one.starts_with("edition")
                || one.starts_with("ignore")
                || one.starts_with('E') && one[1..].chars().all(|c| c.is_ascii_digit())
        }
        _ => true,
    }
}

/// Checks the names of types, fields and variants; returns the type names.
fn check_names(file: &syn::File, problems: &mut Vec<String>) -> BTreeSet<String> {
    let mut types = BTreeSet::new();
    let mut new_type = |name: String, problems: &mut Vec<String>| {
        if PRELUDE.contains(&name.as_str()) {
            problems.push(format!("type `{name}` shadows the prelude"));
        }
        if !is_camel(&name) {
            problems.push(format!("type `{name}` is not UpperCamelCase"));
        }
        if !types.insert(name.clone()) {
            problems.push(format!("type `{name}` defined twice"));
        }
    };
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => {
                new_type(s.ident.to_string(), problems);
                check_fields(&s.ident.to_string(), &s.fields, problems);
            }
            syn::Item::Enum(e) => {
                new_type(e.ident.to_string(), problems);
                let mut seen = BTreeSet::new();
                for v in &e.variants {
                    let name = v.ident.to_string();
                    if !is_camel(&name) || !seen.insert(name.clone()) {
                        problems.push(format!("variant `{}::{name}` invalid or twice", e.ident));
                    }
                    check_fields(&format!("{}::{name}", e.ident), &v.fields, problems);
                }
            }
            syn::Item::Type(t) => new_type(t.ident.to_string(), problems),
            _ => {}
        }
    }
    types
}

fn check_fields(owner: &str, fields: &syn::Fields, problems: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    for f in fields {
        if let Some(ident) = &f.ident {
            let name = ident.to_string();
            let core = name.trim_end_matches('_');
            if name.starts_with("r#")
                || core.is_empty()
                || core.contains("__")
                || name
                    .chars()
                    .any(|c| c.is_ascii_uppercase() || !c.is_ascii())
            {
                problems.push(format!("field `{owner}.{name}` is not snake_case"));
            }
            if !seen.insert(name.clone()) {
                problems.push(format!("field `{owner}.{name}` defined twice"));
            }
        }
    }
}

/// UpperCamelCase as rustc's `non_camel_case_types` lint wants it (a
/// trailing `_` after a keyword is allowed).
fn is_camel(name: &str) -> bool {
    let core = name.trim_end_matches('_');
    !name.starts_with("r#")
        && core.starts_with(|c: char| c.is_ascii_uppercase())
        && core.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_rustdoc_would_run_or_render() {
        let defined: BTreeSet<String> = ["Foo".to_owned()].into();
        let bad = [
            "```\nx\n```",
            "~~~\nx\n~~~",
            "````rust\nx\n````",
            "```text,rust\nx\n```",
            "```edition2021\nx\n```",
            "a\n\n    indented",
            "<script>x</script>",
            "a <img src=x onerror=y> b",
            "[std::process::exit]",
            "[x](std::process::exit)",
            "[`Bar`]",
            "![i](http://x/y.png)",
            "a[^1]\n\n[^1]: b",
            "<mailto:a@b.c>",
        ];
        for doc in bad {
            assert!(!inert_problems(doc, &defined).is_empty(), "{doc:?}");
        }
        let good = [
            "plain \\[x\\] \\<b\\>",
            "```text\nx\n```",
            "```json\n{}\n```",
            "see <https://example.com>",
            "Responses of [`Foo`].",
            "`<script>` in a code span",
            "&lt;b&gt;",
        ];
        for doc in good {
            assert_eq!(
                inert_problems(doc, &defined),
                Vec::<String>::new(),
                "{doc:?}"
            );
        }
    }
}
