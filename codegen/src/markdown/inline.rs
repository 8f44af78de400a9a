//! Inline content: pulldown inline events (and the HTML cell walker in
//! [`super::html_inline`]) drive one [`InlineBuf`], so Markdown and HTML
//! spans map onto the model identically.
//!
//! The model's spans are flat (`Strong{text}`), so nested markup is flattened:
//! a link wins over formatting around or inside it, and the outermost
//! formatting span decides the kind of the text within it.

use crate::doc::{Inline, Inlines};
use pulldown_cmark::{Event, Tag, TagEnd};

/// Formatting span kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fmt {
    Strong,
    Emphasis,
    Literal,
}

struct LinkFrame {
    dest: String,
    text: String,
}

/// Builds one run of inlines plus the `<a name>` anchors met on the way.
#[derive(Default)]
pub(crate) struct InlineBuf {
    out: Inlines,
    labels: Vec<String>,
    /// Open formatting spans; `fmt_base` is the kind of the outermost one
    /// opened outside any link (its text collects in `fmt_text`).
    fmt_depth: usize,
    fmt_base: Option<Fmt>,
    fmt_text: String,
    link: Option<LinkFrame>,
    link_depth: usize,
    /// Inside `![alt](src)`: the alt text is dropped with the image.
    image_depth: usize,
    /// Kinds of open `<a>` tags: true for `href` links, false for anchors.
    html_a: Vec<bool>,
    /// Sources of dropped images (the note icons decide admonition kinds).
    images: Vec<String>,
}

/// A finished run of inlines.
#[derive(Debug, Default)]
pub(crate) struct InlineRun {
    pub inlines: Inlines,
    pub labels: Vec<String>,
    pub images: Vec<String>,
}

impl InlineBuf {
    pub fn text(&mut self, t: &str) {
        if self.image_depth > 0 || t.is_empty() {
            return;
        }
        if let Some(link) = &mut self.link {
            link.text.push_str(t);
        } else if self.fmt_base.is_some() {
            self.fmt_text.push_str(t);
        } else {
            push_text(&mut self.out, t);
        }
    }

    /// An inline code span: literal unless it sits inside another span.
    pub fn code(&mut self, t: &str) {
        if self.link.is_some() || self.fmt_base.is_some() || self.image_depth > 0 {
            self.text(t);
        } else {
            self.out.push(Inline::Literal {
                text: t.to_string(),
            });
        }
    }

    pub fn open_fmt(&mut self, kind: Fmt) {
        if self.fmt_depth == 0 && self.link.is_none() {
            self.fmt_base = Some(kind);
        }
        self.fmt_depth += 1;
    }

    pub fn close_fmt(&mut self) {
        self.fmt_depth = self.fmt_depth.saturating_sub(1);
        if self.fmt_depth == 0 {
            self.flush_fmt();
            self.fmt_base = None;
        }
    }

    fn flush_fmt(&mut self) {
        let text = std::mem::take(&mut self.fmt_text);
        if text.is_empty() {
            return;
        }
        let inline = match self.fmt_base {
            Some(Fmt::Strong) => Inline::Strong { text },
            Some(Fmt::Emphasis) => Inline::Emphasis { text },
            Some(Fmt::Literal) => Inline::Literal { text },
            None => Inline::Text { text },
        };
        self.out.push(inline);
    }

    pub fn open_link(&mut self, dest: &str) {
        self.link_depth += 1;
        if self.link.is_some() {
            return;
        }
        // Text before the link inside a formatting span keeps its kind.
        self.flush_fmt();
        self.link = Some(LinkFrame {
            dest: dest.to_string(),
            text: String::new(),
        });
    }

    pub fn close_link(&mut self) {
        self.link_depth = self.link_depth.saturating_sub(1);
        if self.link_depth > 0 {
            return;
        }
        if let Some(LinkFrame { dest, text }) = self.link.take() {
            self.out.push(link_inline(dest, text));
        }
    }

    pub fn label(&mut self, name: &str) {
        if !name.is_empty() && !self.labels.iter().any(|l| l == name) {
            self.labels.push(name.to_string());
        }
    }

    pub fn open_image(&mut self, src: &str) {
        if self.image_depth == 0 {
            self.images.push(src.to_string());
        }
        self.image_depth += 1;
    }

    pub fn close_image(&mut self) {
        self.image_depth = self.image_depth.saturating_sub(1);
    }

    /// Feeds one inline HTML tag (`<a name>`, `<a href>`, `<br>`, `<strong>`…);
    /// unknown tags are dropped and their text kept.
    pub fn html_tag(&mut self, raw: &str) {
        let Some(tag) = parse_tag(raw) else { return };
        match (tag.name.as_str(), tag.closing) {
            ("a", false) => match (tag.attr("href"), tag.attr("name").or(tag.attr("id"))) {
                (Some(href), _) => {
                    self.html_a.push(true);
                    self.open_link(href);
                }
                (None, name) => {
                    self.html_a.push(false);
                    if let Some(name) = name {
                        self.label(name);
                    }
                }
            },
            // The guard pops the `<a>` in either arm; only `href` ones close a link.
            ("a", true) if self.html_a.pop() == Some(true) => self.close_link(),
            ("a", true) => {}
            ("br", _) => self.text("\n"),
            ("strong" | "b", c) => self.fmt_tag(Fmt::Strong, c),
            ("em" | "i", c) => self.fmt_tag(Fmt::Emphasis, c),
            ("code", c) => self.fmt_tag(Fmt::Literal, c),
            _ => {}
        }
    }

    fn fmt_tag(&mut self, kind: Fmt, closing: bool) {
        if closing {
            self.close_fmt();
        } else {
            self.open_fmt(kind);
        }
    }

    /// The inlines (whitespace trimmed at both ends, text runs merged) and labels.
    pub fn finish(mut self) -> InlineRun {
        // Unclosed spans still keep their text.
        if let Some(LinkFrame { dest, text }) = self.link.take() {
            self.out.push(link_inline(dest, text));
        }
        self.flush_fmt();
        InlineRun {
            inlines: trim_inlines(self.out),
            labels: self.labels,
            images: self.images,
        }
    }
}

/// `#x` → same-page ref, `http(s)://` → link, anything else → page ref.
fn link_inline(dest: String, text: String) -> Inline {
    let is_external = ["http://", "https://", "mailto:", "ftp://"]
        .iter()
        .any(|p| dest.to_ascii_lowercase().starts_with(p));
    if is_external {
        return Inline::Link { url: dest, text };
    }
    let target = dest.strip_prefix('#').map(str::to_string).unwrap_or(dest);
    let text = (!text.trim().is_empty()).then_some(text);
    Inline::Ref { target, text }
}

fn push_text(out: &mut Inlines, t: &str) {
    if let Some(Inline::Text { text }) = out.last_mut() {
        text.push_str(t);
    } else {
        // Most runs are one text: room for one, not the default four.
        out.reserve_exact(usize::from(out.is_empty()));
        out.push(Inline::Text {
            text: t.to_string(),
        });
    }
}

/// Merges adjacent text runs and trims whitespace at both ends of the run.
pub(crate) fn trim_inlines(mut out: Inlines) -> Inlines {
    // In place: this runs for every paragraph of every cell.
    out.dedup_by(|next, prev| match (next, prev) {
        (Inline::Text { text }, Inline::Text { text: before }) => {
            before.push_str(text);
            true
        }
        _ => false,
    });
    if let Some(Inline::Text { text }) = out.first_mut() {
        text.drain(..text.len() - text.trim_start().len());
    }
    if let Some(Inline::Text { text }) = out.last_mut() {
        text.truncate(text.trim_end().len());
    }
    out.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    out.shrink_to_fit();
    out
}

/// Feeds one pulldown inline event; returns false for events that are not
/// inline (the caller then ends the run).
pub(crate) fn feed_event(buf: &mut InlineBuf, ev: &Event) -> bool {
    match ev {
        Event::Text(t) => buf.text(t),
        Event::Code(t) => buf.code(t),
        Event::SoftBreak => buf.text(" "),
        Event::HardBreak => buf.text("\n"),
        Event::InlineHtml(h) => buf.html_tag(h),
        Event::Start(Tag::Strong) => buf.open_fmt(Fmt::Strong),
        Event::Start(Tag::Emphasis | Tag::Strikethrough) => buf.open_fmt(Fmt::Emphasis),
        Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough) => buf.close_fmt(),
        Event::Start(Tag::Link { dest_url, .. }) => buf.open_link(dest_url),
        Event::End(TagEnd::Link) => buf.close_link(),
        Event::Start(Tag::Image { dest_url, .. }) => buf.open_image(dest_url),
        Event::End(TagEnd::Image) => buf.close_image(),
        Event::InlineMath(t) | Event::DisplayMath(t) => buf.text(t),
        Event::FootnoteReference(t) => buf.text(t),
        _ => return false,
    }
    true
}

/// Parses standalone Markdown inline text (e.g. extra pipe-table cells).
pub(crate) fn parse_text(text: &str) -> Inlines {
    let mut buf = InlineBuf::default();
    for ev in pulldown_cmark::Parser::new(text) {
        feed_event(&mut buf, &ev);
    }
    buf.finish().inlines
}

/// One HTML tag: name (lower case), closing or not, attributes.
pub(crate) struct HtmlTag {
    pub name: String,
    pub closing: bool,
    attrs: Vec<(String, String)>,
}

impl HtmlTag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one inline tag such as `<a name="x">` or `</a>`. This is a scanner
/// for a single tag that pulldown already isolated, not an HTML parser;
/// comments and declarations yield `None`.
pub(crate) fn parse_tag(raw: &str) -> Option<HtmlTag> {
    let inner = raw.trim().strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let inner = inner.trim_end_matches('/');
    let name_end = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(HtmlTag {
        name,
        closing,
        attrs: parse_attrs(&inner[name_end..]),
    })
}

fn parse_attrs(mut s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return attrs;
        }
        let key_end = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        let key = s[..key_end].to_ascii_lowercase();
        s = s[key_end..].trim_start();
        let mut value = String::new();
        if let Some(rest) = s.strip_prefix('=') {
            let rest = rest.trim_start();
            let (v, after) = attr_value(rest);
            value = v.to_string();
            s = after;
        }
        if key.is_empty() {
            // Stray `=`: skip one character to guarantee progress.
            s = s.get(1..).unwrap_or("");
            continue;
        }
        attrs.push((key, value));
    }
}

/// A quoted or unquoted attribute value and the rest of the tag.
fn attr_value(s: &str) -> (&str, &str) {
    for q in ['"', '\''] {
        if let Some(rest) = s.strip_prefix(q) {
            return match rest.find(q) {
                Some(end) => (&rest[..end], &rest[end + 1..]),
                None => (rest, ""),
            };
        }
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], &s[end..])
}
