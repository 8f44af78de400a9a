//! Drops the attributes the reader never looks at before html5ever sees a block.
//!
//! Huawei's generated tables put `id`, `class`, `width`, `valign` and
//! `headers` on every `<tr>`, `<th>`, `<td>`, `<p>` and `<strong>`: about half
//! of the corpus's table bytes. html5ever tokenizes them character by
//! character and stores each one, which made it the largest single cost of
//! reading the corpus. What the reader uses is kept verbatim: `href`, `name`,
//! `rowspan`, `colspan` everywhere, `id` on `<a>` (anchors), `class` on `<div>`
//! and `<span>` (notes).
//!
//! The scan follows the HTML tokenizer's rules for where tags and attributes
//! start and end (quoted values may hold `>`, comments and raw-text elements
//! hold no tags), so html5ever builds the same tree from the slimmed text,
//! minus the dropped attributes. Line numbers are not affected: tag lines are
//! read from the original block ([`super::html_table::TagLines`]).
//!
//! Inside tables, whitespace between two block or table tags (`</td>\n<td>`,
//! `</p>\n</td>`) is dropped too: it renders as nothing, the reader drops such
//! runs anyway, and html5ever spent a fifth of its time on them. Whitespace
//! next to text or inline tags, and anything inside `<pre>`, is kept.

/// Elements whose content the tokenizer reads as text, not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Whether `markup` (from its `<`) is a start or end tag of a block element ([`is_block`]).
fn block_tag(markup: &[u8]) -> bool {
    let rest = markup.get(1..).unwrap_or_default();
    let rest = rest.strip_prefix(b"/").unwrap_or(rest);
    is_block(&rest[..name_end(rest, 0, b"/>")])
}

/// Elements whose tags delimit blocks: the walker's block elements
/// ([`super::html_inline::is_block`]) and the parts of a table, whose reader
/// only looks at element children. Whitespace between two such tags is layout.
fn is_block(name: &[u8]) -> bool {
    let mut buf = [0u8; 10];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return false;
    };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|n| {
        super::html_inline::is_block(n)
            || matches!(
                n,
                "caption" | "colgroup" | "col" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th"
            )
    })
}

/// Element nesting deeper than this is cut before html5ever sees it: its tree
/// builder scans its stack of open elements at every tag, so nesting of depth
/// `d` costs `d²` (200,000 nested `<div>`s in one cell never finished). The
/// corpus nests at most a few dozen levels. Tags beyond the bound are dropped
/// with their end tags; their text stays.
pub(crate) const MAX_NESTING: usize = 256;

/// Elements that have no end tag and so open no nesting level.
fn is_void(name: &[u8]) -> bool {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    VOID.iter().any(|v| name.eq_ignore_ascii_case(v.as_bytes()))
}

/// HTML's whitespace (NBSP is text).
fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// `html` without the attributes the reader never reads.
#[cfg(test)]
pub(crate) fn slim(html: &str) -> String {
    slim_bounded(html).0
}

/// [`slim`], with nesting cut at [`MAX_NESTING`]: the text and how many start
/// tags were dropped for being too deep (the caller reports them).
pub(crate) fn slim_bounded(html: &str) -> (String, usize) {
    let mut out = String::with_capacity(html.len());
    let mut s = Scan {
        src: html,
        pos: 0,
        tables: 0,
        pre: 0,
        after_block: false,
        href: false,
        open: 0,
        cut: 0,
        dropped: 0,
    };
    while let Some(lt) = memchr::memchr(b'<', s.rest().as_bytes()) {
        let gap = &html[s.pos..s.pos + lt];
        if !s.is_layout(gap) {
            out.push_str(gap);
            s.after_block &= gap.is_empty();
        }
        s.pos += lt;
        s.markup(&mut out);
    }
    out.push_str(s.rest());
    (out, s.dropped)
}

/// Whether the reader needs attribute `attr` of element `tag`.
fn keep(tag: &[u8], attr: &[u8]) -> bool {
    let is = |a: &[u8], b: &str| a.eq_ignore_ascii_case(b.as_bytes());
    if ["href", "name", "rowspan", "colspan"]
        .iter()
        .any(|k| is(attr, k))
    {
        return true;
    }
    (is(attr, "id") && is(tag, "a")) || (is(attr, "class") && (is(tag, "div") || is(tag, "span")))
}

/// Where a tag or attribute name ends: the first byte in `stops` or a space.
fn name_end(bytes: &[u8], from: usize, stops: &[u8]) -> usize {
    bytes[from..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || stops.contains(b))
        .map_or(bytes.len(), |i| from + i)
}

struct Scan<'a> {
    src: &'a str,
    pos: usize,
    /// Open `<table>`s: anchors inside them label nothing the reader keeps.
    tables: usize,
    /// Open `<pre>`s: all their whitespace is content.
    pre: usize,
    /// The last markup was a block tag.
    after_block: bool,
    /// The current start tag has an `href`.
    href: bool,
    /// Start tags copied and not yet closed (void and self-closing ones aside).
    open: usize,
    /// Start tags dropped for depth whose end tags are still to drop.
    cut: usize,
    /// Start tags dropped for depth in all.
    dropped: usize,
}

impl<'a> Scan<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Whether `gap`, the text from the last markup up to the `<` at
    /// `pos + gap.len()`, is whitespace between two block tags in a table.
    fn is_layout(&self, gap: &str) -> bool {
        self.tables > 0
            && self.pre == 0
            && self.after_block
            && !gap.is_empty()
            && gap.bytes().all(is_html_space)
            && block_tag(&self.src.as_bytes()[self.pos + gap.len()..])
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + ahead).copied()
    }

    /// Copies `src[pos..pos + len]` and moves past it.
    fn copy(&mut self, len: usize, out: &mut String) {
        let end = (self.pos + len).min(self.src.len());
        out.push_str(&self.src[self.pos..end]);
        self.pos = end;
    }

    /// Copies through the first `end` (or to the end of the block).
    fn copy_through(&mut self, end: &str, out: &mut String) {
        let rest = self.rest();
        let found = match end.as_bytes() {
            [b] => memchr::memchr(*b, rest.as_bytes()),
            _ => rest.find(end),
        };
        let len = found.map_or(rest.len(), |i| i + end.len());
        self.copy(len, out);
    }

    /// At a `<`: a comment, a declaration, an end tag, a start tag or plain text.
    fn markup(&mut self, out: &mut String) {
        let before = std::mem::replace(&mut self.after_block, false);
        match self.peek(1) {
            Some(b'!') if self.rest().starts_with("<!--") => self.copy_through("-->", out),
            // Copying a CDATA section whole can only keep more than needed.
            Some(b'!') if self.rest().starts_with("<![CDATA[") => self.copy_through("]]>", out),
            Some(b'!' | b'?') => self.copy_through(">", out),
            Some(b'/') if self.cut > 0 => {
                // The end tag of a start tag dropped for depth.
                self.cut -= 1;
                let len = self.rest().find('>').map_or(self.rest().len(), |i| i + 1);
                self.pos += len;
            }
            Some(b'/') => {
                self.open = self.open.saturating_sub(1);
                if self.starts_with_ci("</table") {
                    self.tables = self.tables.saturating_sub(1);
                } else if self.starts_with_ci("</pre") {
                    self.pre = self.pre.saturating_sub(1);
                }
                self.after_block = block_tag(self.rest().as_bytes());
                self.copy_through(">", out)
            }
            Some(b) if b.is_ascii_alphabetic() => {
                if !self.start_tag(out) {
                    // A dropped anchor leaves the text as it was around it.
                    self.after_block = before;
                }
            }
            _ => self.copy(1, out),
        }
    }

    /// `<name attr…>`: the name, the kept attributes and the closing `/>` or `>`.
    /// False when the tag was dropped (an empty anchor in a table).
    fn start_tag(&mut self, out: &mut String) -> bool {
        let out_start = out.len();
        self.href = false;
        let bytes = self.src.as_bytes();
        let name_start = self.pos + 1;
        let name_end = name_end(bytes, name_start, b"/>");
        let name = &bytes[name_start..name_end];
        if self.open >= MAX_NESTING && !is_void(name) {
            return self.drop_start_tag();
        }
        self.copy(name_end - self.pos, out);
        self.after_block = is_block(name);
        loop {
            match self.peek(0) {
                None => return true,
                Some(b'>') => {
                    self.copy(1, out);
                    break;
                }
                Some(b) if b.is_ascii_whitespace() || b == b'/' => {
                    if b == b'/' && self.peek(1) == Some(b'>') {
                        out.push('/');
                    }
                    self.pos += 1;
                }
                Some(_) => self.attribute(name, out),
            }
        }
        // html5ever ignores `/>` on non-void elements: they open a level too.
        if !is_void(name) {
            self.open += 1;
        }
        if name.eq_ignore_ascii_case(b"table") {
            self.tables += 1;
        } else if name.eq_ignore_ascii_case(b"pre") {
            self.pre += 1;
        }
        // `<a name="…"></a>` in a table (Huawei doubles one into every
        // paragraph of every cell) only labels cell content, which the table
        // reader discards; dropping it spares html5ever much of its work.
        if self.tables > 0
            && name.eq_ignore_ascii_case(b"a")
            && !self.href
            && self.starts_with_ci("</a>")
        {
            out.truncate(out_start);
            self.pos += "</a>".len();
            self.open -= 1;
            return false;
        }
        let raw = RAW_TEXT
            .iter()
            .find(|t| name.eq_ignore_ascii_case(t.as_bytes()));
        if let Some(raw) = raw {
            self.raw_text(raw, out);
        }
        true
    }

    /// One attribute `name[=value]`, copied with a leading space when kept.
    fn attribute(&mut self, tag: &[u8], out: &mut String) {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        // A name may start with `=`; it ends at a space, `/`, `>` or `=`.
        let first = start + usize::from(bytes[start] == b'=');
        self.pos = name_end(bytes, first, b"/>=");
        let name = &bytes[start..self.pos];
        let after_name = self.pos;
        self.skip_space();
        if self.peek(0) == Some(b'=') {
            self.pos += 1;
            self.skip_space();
            self.value();
        } else {
            self.pos = after_name;
        }
        if keep(tag, name) {
            self.href |= name.eq_ignore_ascii_case(b"href");
            out.push(' ');
            out.push_str(&self.src[start..self.pos]);
        }
    }

    /// A quoted value runs to its closing quote (across `>`); an unquoted one to a space or `>`.
    fn value(&mut self) {
        let bytes = self.src.as_bytes();
        self.pos = match self.peek(0) {
            Some(q @ (b'"' | b'\'')) => bytes[self.pos + 1..]
                .iter()
                .position(|&b| b == q)
                .map_or(bytes.len(), |i| self.pos + i + 2),
            _ => name_end(bytes, self.pos, b">"),
        };
    }

    /// Skips a start tag nested too deep (its attributes may hold `>` in quotes).
    fn drop_start_tag(&mut self) -> bool {
        let bytes = self.src.as_bytes();
        self.pos = name_end(bytes, self.pos + 1, b"/>");
        loop {
            match self.peek(0) {
                None => break,
                Some(b'>') => {
                    self.pos += 1;
                    break;
                }
                Some(b) if b.is_ascii_whitespace() || b == b'/' => self.pos += 1,
                Some(_) => {
                    self.pos = name_end(bytes, self.pos + 1, b"/>=");
                    if self.peek(0) == Some(b'=') {
                        self.pos += 1;
                        self.skip_space();
                        self.value();
                    }
                }
            }
        }
        self.cut += 1;
        self.dropped += 1;
        false
    }

    fn starts_with_ci(&self, prefix: &str) -> bool {
        self.rest()
            .as_bytes()
            .get(..prefix.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(prefix.as_bytes()))
    }

    fn skip_space(&mut self) {
        while self.peek(0).is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// The content of a raw-text element, verbatim up to its end tag.
    fn raw_text(&mut self, name: &str, out: &mut String) {
        if name == "plaintext" {
            return self.copy(self.rest().len(), out);
        }
        // A case-insensitive search without copying the rest of the block:
        // lower-casing it for every raw-text element was quadratic.
        let rest = self.rest().as_bytes();
        let close = name.len() + 2;
        let len = memchr::memchr_iter(b'<', rest)
            .find(|&i| {
                rest.get(i + 1) == Some(&b'/')
                    && rest
                        .get(i + 2..i + close)
                        .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            })
            .unwrap_or(rest.len());
        self.copy(len, out);
    }
}

#[cfg(test)]
mod tests {
    use super::slim;

    #[test]
    fn drops_unused_attributes_and_keeps_the_rest() {
        let cases = [
            (
                r#"<td class="cellrowborder" valign="top" width="22%" rowspan="2">x</td>"#,
                r#"<td rowspan="2">x</td>"#,
            ),
            (
                r#"<p id="p1"><a name="n1"></a><a id="a1" href='#t'>y</a></p>"#,
                r#"<p><a name="n1"></a><a id="a1" href='#t'>y</a></p>"#,
            ),
            (
                r#"<div class="note" id="x"><span class="notetitle">说明：</span></div>"#,
                r#"<div class="note"><span class="notetitle">说明：</span></div>"#,
            ),
            // Unquoted, valueless, upper-case and odd spacing.
            (
                "<TD COLSPAN=3 nowrap Width = 5>a</TD>",
                "<TD COLSPAN=3>a</TD>",
            ),
            // A quoted `>` does not end the tag; self-closing is kept.
            (r#"<br title="a>b"/>c"#, "<br/>c"),
            // Comments, declarations and end tags are copied as they are.
            (
                r#"<!-- <td id="x"> --><!DOCTYPE html></td x="1">"#,
                r#"<!-- <td id="x"> --><!DOCTYPE html></td x="1">"#,
            ),
            // Raw-text content holds no tags.
            (
                r#"<style id="s">td[id="x"]{}</style><td id="y">"#,
                r#"<style>td[id="x"]{}</style><td>"#,
            ),
            // Empty anchors inside tables go; those outside or with text or href stay.
            (
                r#"<a name="t1"></a><table><tr><td><p id="p"><a name="x"></a><a name="x"></a>v</p></td></tr></table><a name="y"></a>"#,
                r#"<a name="t1"></a><table><tr><td><p>v</p></td></tr></table><a name="y"></a>"#,
            ),
            (
                r##"<table><td><a name="k">keep</a><a href="#z"></a></TD></TABLE><a name="after"></A>"##,
                r##"<table><td><a name="k">keep</a><a href="#z"></a></TD></TABLE><a name="after"></A>"##,
            ),
            // Text `<` and `=` are not markup.
            ("a < b = c <3 <= 4", "a < b = c <3 <= 4"),
        ];
        for (html, want) in cases {
            assert_eq!(slim(html), want, "{html}");
        }
    }

    #[test]
    fn drops_whitespace_between_block_tags_in_tables_only() {
        let cases = [
            (
                "<table>\n<tr>\n<td><p>a</p>\n</td>\n<td>b</td>\n</tr>\n</table>\n<p>x</p>",
                "<table><tr><td><p>a</p></td><td>b</td></tr></table>\n<p>x</p>",
            ),
            // Between inline tags, next to text, and in `<pre>`, it is content.
            (
                "<table><tr><td><b>a</b> <i>b</i> \n</td></tr></table>",
                "<table><tr><td><b>a</b> <i>b</i> \n</td></tr></table>",
            ),
            (
                "<table><tr><td><pre><p>a</p>\n<p>b</p></pre>\n</td></tr></table>",
                "<table><tr><td><pre><p>a</p>\n<p>b</p></pre></td></tr></table>",
            ),
            // NBSP is text; a dropped anchor leaves its surroundings as they were.
            (
                "<table><tr><td>\u{a0}<p>a</p></td><td><a name=\"x\"></a>\n<p>b</p></td></tr></table>",
                "<table><tr><td>\u{a0}<p>a</p></td><td><p>b</p></td></tr></table>",
            ),
            (
                "<table><tr><td>x<a name=\"x\"></a>\n<p>b</p></td></tr></table>",
                "<table><tr><td>x\n<p>b</p></td></tr></table>",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(slim(html), want, "{html}");
        }
    }

    #[test]
    fn truncated_input_ends_cleanly() {
        for html in [
            "<td",
            "<td id",
            "<td id=",
            r#"<td id="unterminated"#,
            "<td a='b",
            "<!--",
            "<!x",
            "<script>x",
            "<td colspan=2",
            "<é=1>",
            "<a é='ü' href=ö>",
        ] {
            let out = slim(html);
            assert!(out.len() <= html.len(), "{html} → {out}");
        }
    }

    #[test]
    fn nesting_is_cut_at_the_bound_and_text_kept() {
        use super::{MAX_NESTING, slim_bounded};
        let n = 200_000;
        let html = format!("{}deep{}", "<div>".repeat(n), "</div>".repeat(n));
        let (out, dropped) = slim_bounded(&html);
        assert_eq!(dropped, n - MAX_NESTING);
        assert_eq!(out.matches("<div>").count(), MAX_NESTING);
        assert_eq!(out.matches("</div>").count(), MAX_NESTING);
        assert!(out.contains("deep"));
        // Void and self-closed elements open no level; quoted `>` in a dropped tag.
        let html = format!(
            "{}<br><img src=x><b title=\"a>b\">t</b>{}",
            "<i>".repeat(MAX_NESTING),
            "</i>".repeat(MAX_NESTING)
        );
        let (out, dropped) = slim_bounded(&html);
        assert_eq!(dropped, 1);
        assert!(out.contains("<br><img>t</i>"), "{out}");
    }
}
