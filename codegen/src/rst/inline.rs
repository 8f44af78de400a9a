//! Inline markup: strong, emphasis, literals, roles, links and escapes.
//!
//! Follows the docutils recognition rules closely enough for the corpus:
//! a start-string must follow whitespace or opening punctuation and precede
//! non-whitespace; an end-string must follow non-whitespace. Markup with no
//! valid end stays text. End searches are memoised per delimiter, so the scan
//! is linear even on lines full of unmatched `*`.

use crate::doc::{Inline, Inlines};

/// Parses one run of inline text (a paragraph's lines joined by spaces).
pub fn parse_inlines(text: &str) -> Inlines {
    // Most cell and paragraph texts hold no markup at all: one text run,
    // without the char-by-char walk.
    // (A role `:name:` needs a backquote after it, so `:` alone is plain.)
    if !text.bytes().any(|b| matches!(b, b'\\' | b'`' | b'*')) {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Inline::Text {
                text: text.to_string(),
            }]
        };
    }
    let chars: Vec<char> = text.chars().collect();
    let mut p = InlineParser {
        chars: &chars,
        out: Vec::new(),
        buf: String::with_capacity(text.len()),
        failed: [usize::MAX; 4],
    };
    p.run();
    p.flush();
    p.out.shrink_to_fit();
    p.out
}

/// Delimiter kinds whose end searches are memoised.
#[derive(Clone, Copy)]
enum Delim {
    Strong = 0,
    Emphasis = 1,
    Literal = 2,
    Backquote = 3,
}

struct InlineParser<'a> {
    chars: &'a [char],
    out: Inlines,
    /// Pending plain text.
    buf: String,
    /// Per delimiter: a position from which an end search already failed.
    failed: [usize; 4],
}

impl InlineParser<'_> {
    fn run(&mut self) {
        let mut i = 0;
        // The character that precedes position `i` for start-string rules;
        // an escaped space counts as whitespace.
        let mut prev: Option<char> = None;
        while i < self.chars.len() {
            let c = self.chars[i];
            if c == '\\' {
                i = self.escape(i);
                prev = Some(' ');
                continue;
            }
            if can_start(prev)
                && let Some(next) = self.markup(i)
            {
                i = next;
                prev = self.chars.get(i - 1).copied();
                continue;
            }
            self.buf.push(c);
            prev = Some(c);
            i += 1;
        }
    }

    /// `\x` → `x`; `\ ` and a trailing `\` → nothing.
    fn escape(&mut self, i: usize) -> usize {
        match self.chars.get(i + 1) {
            Some(' ') | None => i + 2,
            Some(&c) => {
                self.buf.push(c);
                i + 2
            }
        }
    }

    /// Tries every markup form starting at `i`; returns the position after it.
    fn markup(&mut self, i: usize) -> Option<usize> {
        let c = self.chars[i];
        let at = |k: usize| self.chars.get(i + k).copied();
        match c {
            '`' if at(1) == Some('`') => self.literal(i),
            '`' => self.interpreted(i, None),
            '*' if at(1) == Some('*') => self.simple(i, 2, Delim::Strong),
            '*' => self.simple(i, 1, Delim::Emphasis),
            ':' => self.role(i),
            _ => None,
        }
    }

    /// ``text`` — no escapes inside.
    fn literal(&mut self, i: usize) -> Option<usize> {
        let body = i + 2;
        if !starts_content(self.chars, body) {
            return None;
        }
        let end = self.find_end(body + 1, Delim::Literal, |cs, k| {
            cs[k] == '`' && cs.get(k + 1) == Some(&'`') && !cs[k - 1].is_whitespace()
        })?;
        let text: String = self.chars[body..end].iter().collect();
        self.emit(Inline::Literal { text });
        Some(end + 2)
    }

    /// `**strong**` and `*emphasis*`.
    fn simple(&mut self, i: usize, width: usize, delim: Delim) -> Option<usize> {
        let body = i + width;
        if !starts_content(self.chars, body) || closes_opener(self.chars, i, body) {
            return None;
        }
        let end = self.find_end(body + 1, delim, |cs, k| {
            let stars = cs[k] == '*' && (width == 1 || cs.get(k + 1) == Some(&'*'));
            stars
                && !cs[k - 1].is_whitespace()
                && cs[k - 1] != '\\'
                && can_end(cs.get(k + width).copied())
        })?;
        let text = unescape(&self.chars[body..end]);
        self.emit(match delim {
            Delim::Strong => Inline::Strong { text },
            _ => Inline::Emphasis { text },
        });
        Some(end + width)
    }

    /// `:role:`text``.
    fn role(&mut self, i: usize) -> Option<usize> {
        let mut k = i + 1;
        while k < self.chars.len() && is_role_char(self.chars[k]) {
            k += 1;
        }
        if k == i + 1 || self.chars.get(k) != Some(&':') || self.chars.get(k + 1) != Some(&'`') {
            return None;
        }
        let name: String = self.chars[i + 1..k].iter().collect();
        self.interpreted(k + 1, Some(name))
    }

    /// `` `text` ``, `` `text <url>`_ `` and the body of a role.
    fn interpreted(&mut self, i: usize, role: Option<String>) -> Option<usize> {
        let body = i + 1;
        if !starts_content(self.chars, body) {
            return None;
        }
        let end = self.find_end(body + 1, Delim::Backquote, |cs, k| {
            cs[k] == '`' && !cs[k - 1].is_whitespace() && cs[k - 1] != '\\'
        })?;
        let raw: String = self.chars[body..end].iter().collect();
        let mut next = end + 1;
        let underscores = self.chars[next..].iter().take_while(|&&c| c == '_').count();
        if role.is_none() && (1..=2).contains(&underscores) {
            next += underscores;
            self.emit(link(&raw));
        } else {
            self.emit(role_inline(role.as_deref(), &raw));
        }
        Some(next)
    }

    /// Finds the first `k >= from` with `is_end(chars, k)`, remembering failures.
    fn find_end(
        &mut self,
        from: usize,
        delim: Delim,
        is_end: impl Fn(&[char], usize) -> bool,
    ) -> Option<usize> {
        if from >= self.failed[delim as usize] {
            return None;
        }
        let found = (from..self.chars.len()).find(|&k| is_end(self.chars, k));
        if found.is_none() {
            self.failed[delim as usize] = from;
        }
        found
    }

    fn emit(&mut self, inline: Inline) {
        self.flush();
        self.out.push(inline);
    }

    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.buf);
        push_text(&mut self.out, &text);
    }
}

/// Appends text, merging with a preceding text run.
fn push_text(out: &mut Inlines, text: &str) {
    if let Some(Inline::Text { text: last }) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Inline::Text {
            text: text.to_string(),
        });
    }
}

/// The inline for a role (`:ref:` → Ref; other roles keep their text).
fn role_inline(role: Option<&str>, raw: &str) -> Inline {
    match role {
        Some("ref" | "doc" | "numref") => {
            let (title, target) = split_target(raw);
            Inline::Ref {
                target: target.to_string(),
                text: title.map(str::to_string),
            }
        }
        Some("literal" | "code" | "command" | "file") => Inline::Literal {
            text: unescape_str(raw),
        },
        Some("strong") => Inline::Strong {
            text: unescape_str(raw),
        },
        Some("emphasis") | None => Inline::Emphasis {
            text: unescape_str(raw),
        },
        Some(_) => Inline::Text {
            text: unescape_str(raw),
        },
    }
}

/// `` `text <url>`_ `` → Link; a bare `` `name`_ `` keeps its text.
fn link(raw: &str) -> Inline {
    match split_target(raw) {
        (Some(text), url) => Inline::Link {
            url: url.to_string(),
            text: unescape_str(text),
        },
        (None, url) if url.contains("://") => Inline::Link {
            url: url.to_string(),
            text: url.to_string(),
        },
        (None, name) => Inline::Text {
            text: unescape_str(name),
        },
    }
}

/// `Title <target>` → (Some("Title"), "target"); `target` → (None, "target").
fn split_target(raw: &str) -> (Option<&str>, &str) {
    let trimmed = raw.trim();
    if let Some(body) = trimmed.strip_suffix('>')
        && let Some(lt) = body.rfind('<')
    {
        let title = body[..lt].trim();
        let target = body[lt + 1..].trim();
        if !title.is_empty() {
            return (Some(title), target);
        }
        return (None, target);
    }
    (None, trimmed)
}

fn unescape(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        match (chars[i], chars.get(i + 1)) {
            ('\\', Some(' ') | None) => i += 2,
            ('\\', Some(&c)) => {
                out.push(c);
                i += 2;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn unescape_str(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    unescape(&chars)
}

fn is_role_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+')
}

/// docutils: start-strings follow whitespace, line start or opening punctuation.
fn can_start(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '-' | ':'
                        | '/'
                        | '\''
                        | '"'
                        | '<'
                        | '('
                        | '['
                        | '{'
                        | '|'
                        | '\u{2018}'
                        | '\u{201c}'
                )
        }
    }
}

/// docutils: end-strings precede whitespace, line end or closing punctuation.
fn can_end(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '-' | '.'
                        | ','
                        | ':'
                        | ';'
                        | '!'
                        | '?'
                        | '\\'
                        | '/'
                        | '\''
                        | '"'
                        | ')'
                        | ']'
                        | '}'
                        | '>'
                        | '|'
                        | '\u{2019}'
                        | '\u{201d}'
                )
        }
    }
}

/// The character after a start-string must exist and not be whitespace.
fn starts_content(chars: &[char], body: usize) -> bool {
    chars.get(body).is_some_and(|c| !c.is_whitespace())
}

/// `(*)`, `[*]`, `"*"`: a start-string between matching quotes is not markup.
fn closes_opener(chars: &[char], start: usize, body: usize) -> bool {
    let Some(&open) = start.checked_sub(1).and_then(|p| chars.get(p)) else {
        return false;
    };
    let close = chars.get(body).copied();
    matches!(
        (open, close),
        ('(', Some(')'))
            | ('[', Some(']'))
            | ('{', Some('}'))
            | ('<', Some('>'))
            | ('\'', Some('\''))
            | ('"', Some('"'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }
    fn strong(s: &str) -> Inline {
        Inline::Strong { text: s.into() }
    }
    fn em(s: &str) -> Inline {
        Inline::Emphasis { text: s.into() }
    }
    fn lit(s: &str) -> Inline {
        Inline::Literal { text: s.into() }
    }
    fn rf(target: &str, text: Option<&str>) -> Inline {
        Inline::Ref {
            target: target.into(),
            text: text.map(Into::into),
        }
    }

    #[test]
    fn inline_cases() {
        let cases: Vec<(&str, Vec<Inline>)> = vec![
            ("plain text", vec![t("plain text")]),
            ("Minimum: **1**", vec![t("Minimum: "), strong("1")]),
            ("a *b* c", vec![t("a "), em("b"), t(" c")]),
            ("``x*y``", vec![lit("x*y")]),
            ("``a\\_b``", vec![lit("a\\_b")]),
            (
                "Array of :ref:`CreateJobReq <drs_03_0104__request_createjobreq>` objects",
                vec![
                    t("Array of "),
                    rf("drs_03_0104__request_createjobreq", Some("CreateJobReq")),
                    t(" objects"),
                ],
            ),
            (
                "see :ref:`errorcode`.",
                vec![t("see "), rf("errorcode", None), t(".")],
            ),
            (
                "List<:ref:`resource_tag <x_tag>`>",
                vec![t("List<"), rf("x_tag", Some("resource_tag")), t(">")],
            ),
            (
                "Map<String,\\ :ref:`VS <vs>`>",
                vec![t("Map<String,"), rf("vs", Some("VS")), t(">")],
            ),
            (
                "/v3/{*project_id*}/x",
                vec![t("/v3/{"), em("project_id"), t("}/x")],
            ),
            (
                "https://{*Endpoint*}/v3",
                vec![t("https://{"), em("Endpoint"), t("}/v3")],
            ),
            (
                "/v2/*{project_id}*/instances",
                vec![t("/v2/"), em("{project_id}"), t("/instances")],
            ),
            (
                "See `Docs <https://x.org/a>`__ now",
                vec![
                    t("See "),
                    Inline::Link {
                        url: "https://x.org/a".into(),
                        text: "Docs".into(),
                    },
                    t(" now"),
                ],
            ),
            (
                "`Docs <https://x.org>`_",
                vec![Inline::Link {
                    url: "https://x.org".into(),
                    text: "Docs".into(),
                }],
            ),
            ("\\__system__encrypted", vec![t("__system__encrypted")]),
            (
                "scaling\\_ configuration \\_id",
                vec![t("scaling_ configuration _id")],
            ),
            ("a \\*b\\* c", vec![t("a *b* c")]),
            ("asterisks (*), and", vec![t("asterisks (*), and")]),
            ("2 * 3 * 4", vec![t("2 * 3 * 4")]),
            ("**unclosed bold", vec![t("**unclosed bold")]),
            ("``unclosed", vec![t("``unclosed")]),
            (":ref:`broken", vec![t(":ref:`broken")]),
            ("|sub| text", vec![t("|sub| text")]),
            ("a**b**", vec![t("a**b**")]),
            (
                "**a** and **b**",
                vec![strong("a"), t(" and "), strong("b")],
            ),
            ("**\\_sys_x**", vec![strong("_sys_x")]),
            ("``-``", vec![lit("-")]),
            ("=*<>\\,|/", vec![t("=*<>,|/")]),
        ];
        for (input, want) in cases {
            assert_eq!(parse_inlines(input), want, "input: {input:?}");
        }
    }

    #[test]
    fn linear_on_unmatched_markup() {
        let s = "* ".repeat(50_000) + &"*a ".repeat(50_000) + &"``x ".repeat(50_000);
        let out = parse_inlines(&s);
        assert_eq!(out.len(), 1);
    }
}
