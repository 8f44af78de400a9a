//! A lenient JSON reader for the example code blocks of the docs.
//!
//! Example blocks are written for people: a request line above the body,
//! `...` where the author got bored, `// comments`, trailing commas, `xxx` or
//! `<token>` instead of a value. A strict parser rejects a third of them, so
//! this reader recovers the JSON value and lists every *repair* it made, each
//! at a byte offset with its 1-based line and column within the block. It is
//! hand-written because the repairs and their positions are the point.
//!
//! Grammar (`ws` is Unicode white space, `//…` / `#…` to the end of the line
//! and `/* … */`; every production may be preceded by `ws`):
//!
//! ```text
//! block     = preamble* value trailer
//! preamble  = blank line
//!           | METHOD SP … | "http" "s"? "://" …  (request line: skipped)
//!           | "HTTP/" …                         (status line: skipped)
//!           | NAME ":" SP …                     (header line: skipped)
//!           | ("//" | "#") …                    (comment line: skipped)
//! value     = object | array | string | number | literal | placeholder
//!           (a body starts with `{`, `[` or `"` on a line of its own;
//!            any other first line makes the block "not JSON")
//! object    = "{" (member (sep member)* sep?)? "}"   (a missing "," between
//!                                                      members is inserted)
//! member    = key colon (value | ellipsis) | ellipsis   (ellipses are dropped,
//!                                                      with their member)
//! key       = string | sq-string | [A-Za-z0-9_$.-]+
//! array     = "[" (item (sep item)* sep?)? "]"
//! sep       = "," | "，"                        (full-width: repaired)
//! colon     = ":" | "："
//! item      = value | ellipsis
//! ellipsis  = "..." "."* | "…"+
//! string    = '"' (char | escape)* '"'          (on one line)
//! sq-string = "'" (char | escape)* "'"
//! literal   = true | false | null | True | False | None
//! number    = a JSON number, followed by a delimiter
//! placeholder = any text up to `,` `}` `]`, a line end or ` //`, trimmed,
//!             read as a string (`xxx`, `<token>`, `{project_id}`, `2024-01-01`)
//! trailer   = ws | anything (dropped: a second value, prose)
//! ```
//!
//! [`read`] never panics, is linear in the input (apart from the key
//! locations, capped at [`MAX_LOCATIONS`]) and nests at most [`MAX_DEPTH`]
//! deep, so any input finishes in bounded time and memory. It does no I/O.

use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// Objects and arrays nested deeper than this are an error, not a stack overflow.
pub const MAX_DEPTH: usize = 64;

/// Locations recorded per block; later keys fall back to the block's start.
pub const MAX_LOCATIONS: usize = 10_000;

/// What the reader repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RepairKind {
    /// `POST https://{endpoint}/v3/…` (or the bare URL) above the body.
    RequestLineSkipped,
    /// `HTTP/1.1 200 OK` above the body.
    StatusLineSkipped,
    /// `Content-Type: application/json` above the body.
    HeaderSkipped,
    /// `// …`, `# …` or `/* … */`.
    CommentRemoved,
    /// `,` before `}` or `]`.
    TrailingComma,
    /// Two members or items with no `,` between them.
    CommaInserted,
    /// `...` or `…` standing for more members or items.
    EllipsisDropped,
    /// A bare value (`xxx`, `<token>`, `{project_id}`) read as a string.
    PlaceholderAsString,
    /// A key without double quotes.
    KeyUnquoted,
    /// A value in single quotes.
    SingleQuoted,
    /// `True`, `False` or `None`.
    PythonLiteral,
    /// A backslash escape JSON does not define, kept verbatim.
    InvalidEscape,
    /// A raw tab or control character inside a string.
    ControlCharacter,
    /// Text after the value (a second value, prose).
    TrailingTextDropped,
    /// A full-width `，` or `：` (Chinese punctuation) read as `,` or `:`.
    FullwidthPunctuation,
    /// A key opened with two quotes (`""description": …`): one is dropped.
    QuoteDoubled,
    /// An array item's object left open before the array's `]` (`{…, "b": 1 ]`): closed there.
    BraceInserted,
}

impl RepairKind {
    /// A stable name, for counts and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            RepairKind::RequestLineSkipped => "request-line-skipped",
            RepairKind::StatusLineSkipped => "status-line-skipped",
            RepairKind::HeaderSkipped => "header-skipped",
            RepairKind::CommentRemoved => "comment-removed",
            RepairKind::TrailingComma => "trailing-comma",
            RepairKind::CommaInserted => "comma-inserted",
            RepairKind::EllipsisDropped => "ellipsis-dropped",
            RepairKind::PlaceholderAsString => "placeholder-as-string",
            RepairKind::KeyUnquoted => "key-unquoted",
            RepairKind::SingleQuoted => "single-quoted",
            RepairKind::PythonLiteral => "python-literal",
            RepairKind::InvalidEscape => "invalid-escape",
            RepairKind::ControlCharacter => "control-character",
            RepairKind::TrailingTextDropped => "trailing-text-dropped",
            RepairKind::FullwidthPunctuation => "fullwidth-punctuation",
            RepairKind::QuoteDoubled => "quote-doubled",
            RepairKind::BraceInserted => "brace-inserted",
        }
    }
}

/// A position within the block: byte offset, 1-based line and column (in chars).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub offset: usize,
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub kind: RepairKind,
    pub pos: Pos,
}

/// A recovered value.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub value: Value,
    pub repairs: Vec<Repair>,
    /// JSON pointer (`/job/name`, `/items/0`) → where its key (or, for array
    /// items and the root, its value) starts. At most [`MAX_LOCATIONS`].
    pub locations: BTreeMap<String, Pos>,
}

impl Parsed {
    /// Where `pointer` (or its nearest recorded ancestor) starts.
    pub fn locate(&self, pointer: &str) -> Option<Pos> {
        let mut p = pointer;
        loop {
            if let Some(pos) = self.locations.get(p) {
                return Some(*pos);
            }
            p = &p[..p.rfind('/')?];
        }
    }
}

/// Why no value came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The block is not a JSON example (XML, prose, a curl command, a bare
    /// request line); `reason` says which.
    NotJson { reason: &'static str },
    /// It is JSON-shaped but broken beyond repair at `pos`.
    Invalid { pos: Pos, message: String },
}

/// Reads one example block.
pub fn read(text: &str) -> Result<Parsed, Failure> {
    read_with(text, true)
}

/// [`read`] without the key locations ([`Parsed::locations`] is empty):
/// building every key's pointer was most of the reader's allocations, and
/// only examples with findings need them (read those again with [`read`]).
pub fn read_value(text: &str) -> Result<Parsed, Failure> {
    read_with(text, false)
}

fn read_with(text: &str, track: bool) -> Result<Parsed, Failure> {
    let mut r = Reader::new(text);
    r.track = track;
    let start = r.preamble()?;
    r.pos = start;
    let value = r.value(0, String::new())?;
    // `"GET https://{Endpoint}/v3/…"`: a request line in quotes, not a body.
    if matches!(&value, Value::String(line) if is_request_line(line.trim())) {
        return Err(Failure::NotJson {
            reason: "a quoted request line",
        });
    }
    r.trailer();
    // Lines and columns in one sweep: per-offset counting is quadratic on a long line.
    let mut offsets: Vec<usize> = r.repairs.iter().map(|&(_, o)| o).collect();
    offsets.extend(r.locations.values());
    let at = positions(text, offsets);
    let pos = |o: usize| at.get(&o).copied().unwrap_or_else(|| position(text, o));
    Ok(Parsed {
        value,
        repairs: r
            .repairs
            .iter()
            .map(|&(kind, o)| Repair { kind, pos: pos(o) })
            .collect(),
        locations: r.locations.into_iter().map(|(k, o)| (k, pos(o))).collect(),
    })
}

/// Positions of `offsets`, in one pass over `text`.
fn positions(text: &str, mut offsets: Vec<usize>) -> BTreeMap<usize, Pos> {
    offsets.sort_unstable();
    offsets.dedup();
    let mut out = BTreeMap::new();
    let (mut line, mut col) = (1u32, 1u32);
    let mut next = offsets.iter().peekable();
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')))
    {
        while let Some(&&o) = next.peek() {
            if o > i {
                break;
            }
            out.insert(
                o,
                Pos {
                    offset: o,
                    line,
                    col,
                },
            );
            next.next();
        }
        if c == '\n' {
            line = line.saturating_add(1);
            col = 1;
        } else {
            col = col.saturating_add(1);
        }
    }
    out
}

/// The position of one offset (for errors: one per block).
fn position(text: &str, offset: usize) -> Pos {
    positions(text, vec![offset])
        .remove(&offset)
        .unwrap_or(Pos {
            offset,
            line: 1,
            col: 1,
        })
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    repairs: Vec<(RepairKind, usize)>,
    /// Whether key locations are recorded (see [`read_value`]).
    track: bool,
    /// Set by an array just before it reads an item, taken by the item's object.
    item: bool,
    locations: BTreeMap<String, usize>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            repairs: Vec::new(),
            track: true,
            item: false,
            locations: BTreeMap::new(),
        }
    }

    fn repair(&mut self, kind: RepairKind, offset: usize) {
        self.repairs.push((kind, offset));
    }

    fn fail<T>(&self, offset: usize, message: impl Into<String>) -> Result<T, Failure> {
        Err(Failure::Invalid {
            pos: position(self.text, offset),
            message: message.into(),
        })
    }

    fn locate(&mut self, pointer: String, offset: usize) {
        if !self.track {
            return;
        }
        if self.locations.len() < MAX_LOCATIONS || self.locations.contains_key(&pointer) {
            self.locations.insert(pointer, offset);
        }
    }

    /// The pointer of a child of `pointer` (empty when not tracking).
    fn child(&self, pointer: &str, segment: impl FnOnce() -> String) -> String {
        if self.track {
            format!("{pointer}/{}", segment())
        } else {
            String::new()
        }
    }

    /// Skips the lines above the body; returns the body's offset.
    fn preamble(&mut self) -> Result<usize, Failure> {
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim();
            let lead = offset + (line.len() - line.trim_start().len());
            let kind = if trimmed.is_empty() {
                None
            } else if trimmed.starts_with(['{', '[', '"']) {
                return Ok(lead);
            } else if is_request_line(trimmed) {
                Some(RepairKind::RequestLineSkipped)
            } else if trimmed.starts_with("HTTP/") {
                Some(RepairKind::StatusLineSkipped)
            } else if trimmed.starts_with("//") || trimmed.starts_with('#') {
                Some(RepairKind::CommentRemoved)
            } else if is_header_line(trimmed) {
                Some(RepairKind::HeaderSkipped)
            } else {
                return Err(Failure::NotJson {
                    reason: not_json_reason(trimmed),
                });
            };
            if let Some(kind) = kind {
                self.repair(kind, lead);
            }
            offset += line.len();
        }
        Err(Failure::NotJson {
            reason: if self.repairs.is_empty() {
                "empty"
            } else {
                "no body"
            },
        })
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// Skips white space and comments (each comment is a repair).
    fn skip(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.pos += rest.len() - trimmed.len();
            if trimmed.starts_with("//") || trimmed.starts_with('#') {
                self.repair(RepairKind::CommentRemoved, self.pos);
                self.pos += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if let Some(body) = trimmed.strip_prefix("/*") {
                self.repair(RepairKind::CommentRemoved, self.pos);
                self.pos += body.find("*/").map_or(trimmed.len(), |e| e + 4);
            } else {
                return;
            }
        }
    }

    /// Consumes an ellipsis at the current position, if there is one.
    fn ellipsis(&mut self) -> bool {
        let rest = self.rest();
        let dots = rest.bytes().take_while(|&b| b == b'.').count();
        let len = if dots >= 3 {
            dots
        } else {
            let n = rest.chars().take_while(|&c| c == '…').count();
            n * '…'.len_utf8()
        };
        if len == 0 {
            return false;
        }
        self.repair(RepairKind::EllipsisDropped, self.pos);
        self.pos += len;
        true
    }

    fn value(&mut self, depth: usize, pointer: String) -> Result<Value, Failure> {
        let item = std::mem::take(&mut self.item);
        self.skip();
        let start = self.pos;
        if self.track {
            self.locate(pointer.clone(), start);
        }
        match self.peek() {
            Some(b'{') if self.is_brace_placeholder() => Ok(self.brace_placeholder()),
            Some(b'{') => self.object(depth, pointer, item),
            Some(b'[') => self.array(depth, pointer),
            Some(b'"') => self.string(b'"').map(Value::String),
            Some(b'\'') => {
                self.repair(RepairKind::SingleQuoted, start);
                self.string(b'\'').map(Value::String)
            }
            Some(b'-' | b'0'..=b'9') => Ok(self.number()),
            Some(_) => self.word(),
            None => self.fail(start, "expected a value, found the end of the block"),
        }
    }

    /// `{project_id}` in value position: a placeholder, not an object.
    fn is_brace_placeholder(&self) -> bool {
        // Bounded look-ahead (one short line) keeps nested `{` linear.
        let rest = self.rest();
        let window = &rest.as_bytes()[..rest.len().min(128)];
        let Some(end) = window.iter().position(|&b| b == b'}' || b == b'\n') else {
            return false;
        };
        if window[end] != b'}' {
            return false;
        }
        let inner = &rest[1..end];
        !inner.trim().is_empty()
            && inner
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'))
    }

    /// `{project_id}` through its `}`, as a string.
    fn brace_placeholder(&mut self) -> Value {
        let start = self.pos;
        let len = self.rest().find('}').map_or(0, |e| e + 1);
        self.repair(RepairKind::PlaceholderAsString, start);
        self.pos += len;
        Value::String(self.text[start..start + len].to_string())
    }

    fn enter(&self, depth: usize) -> Result<(), Failure> {
        if depth >= MAX_DEPTH {
            return self.fail(self.pos, format!("nested deeper than {MAX_DEPTH} levels"));
        }
        Ok(())
    }

    fn object(&mut self, depth: usize, pointer: String, item: bool) -> Result<Value, Failure> {
        self.enter(depth)?;
        let open = self.pos;
        self.pos += 1;
        let mut map = Map::new();
        loop {
            self.skip();
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(map));
                }
                None => return self.fail(open, "object not closed"),
                _ => {}
            }
            if !self.ellipsis() {
                self.member(depth, &pointer, &mut map)?;
            }
            if self.separator(b'}')? {
                continue;
            }
            if item && self.peek() == Some(b']') {
                self.repair(RepairKind::BraceInserted, self.pos);
                return Ok(Value::Object(map));
            }
            return self.fail(self.pos, "expected `,` or `}` after a member");
        }
    }

    fn member(
        &mut self,
        depth: usize,
        pointer: &str,
        map: &mut Map<String, Value>,
    ) -> Result<(), Failure> {
        let key_at = self.pos;
        let key = self.key()?;
        self.skip();
        if self.rest().starts_with('：') {
            self.repair(RepairKind::FullwidthPunctuation, self.pos);
            self.pos += '：'.len_utf8();
        } else if self.peek() == Some(b':') {
            self.pos += 1;
        } else {
            return self.fail(self.pos, format!("expected `:` after key `{key}`"));
        }
        self.skip();
        if self.ellipsis() {
            return Ok(());
        }
        let child = self.child(pointer, || escape_pointer(&key));
        let value = self.value(depth + 1, child.clone())?;
        // The key's position, not the value's: findings point at the key.
        self.locate(child, key_at);
        map.insert(key, value);
        Ok(())
    }

    fn key(&mut self) -> Result<String, Failure> {
        let start = self.pos;
        match self.peek() {
            // `""name"`: a doubled opening quote before a key.
            Some(b'"')
                if self.rest().starts_with("\"\"")
                    && self.rest()[2..].starts_with(|c: char| c.is_ascii_alphabetic()) =>
            {
                self.repair(RepairKind::QuoteDoubled, start);
                self.pos += 1;
                self.string(b'"')
            }
            Some(b'"') => self.string(b'"'),
            Some(b'\'') => {
                self.repair(RepairKind::KeyUnquoted, start);
                self.string(b'\'')
            }
            _ => {
                let len = self
                    .rest()
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || b"_$.-".contains(b))
                    .count();
                if len == 0 {
                    return self.fail(start, "expected a key");
                }
                self.repair(RepairKind::KeyUnquoted, start);
                self.pos += len;
                Ok(self.text[start..start + len].to_string())
            }
        }
    }

    fn array(&mut self, depth: usize, pointer: String) -> Result<Value, Failure> {
        self.enter(depth)?;
        let open = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip();
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return self.fail(open, "array not closed"),
                _ => {}
            }
            if !self.ellipsis() {
                let child = self.child(&pointer, || items.len().to_string());
                self.item = true;
                let value = self.value(depth + 1, child);
                self.item = false;
                items.push(value?);
            }
            if self.separator(b']')? {
                continue;
            }
            return self.fail(self.pos, "expected `,` or `]` after an item");
        }
    }

    /// After a member or item: a `,` (a trailing one is repaired), the
    /// closing `close` (left for the caller), or a missing comma before the
    /// next member. False when none of these follows.
    fn separator(&mut self, close: u8) -> Result<bool, Failure> {
        self.skip();
        let fullwidth = self.rest().starts_with('，');
        if fullwidth {
            self.repair(RepairKind::FullwidthPunctuation, self.pos);
        }
        match self.peek() {
            _ if fullwidth || self.peek() == Some(b',') => {
                let comma = self.pos;
                self.pos += if fullwidth { '，'.len_utf8() } else { 1 };
                self.skip();
                if self.peek() == Some(close) {
                    self.repair(RepairKind::TrailingComma, comma);
                }
                Ok(true)
            }
            // The end of the block: the caller reports the unclosed bracket.
            Some(c) if c == close => Ok(true),
            None => Ok(true),
            Some(b'"' | b'\'' | b'{' | b'[') => {
                self.repair(RepairKind::CommaInserted, self.pos);
                Ok(true)
            }
            Some(_) if self.rest().starts_with('…') || self.rest().starts_with("...") => {
                self.repair(RepairKind::CommaInserted, self.pos);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// A string in `quote`s, on one line; the opening quote is at `pos`.
    fn string(&mut self, quote: u8) -> Result<String, Failure> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = self.rest();
            let Some(i) = rest.find(|c: char| {
                c == char::from(quote) || c == '\\' || c == '\n' || (c as u32) < 0x20
            }) else {
                return self.fail(open, "string not closed");
            };
            out.push_str(&rest[..i]);
            self.pos += i;
            match self.peek() {
                Some(c) if c == quote => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out),
                Some(b'\n') => return self.fail(open, "string not closed on its line"),
                Some(c) => {
                    self.repair(RepairKind::ControlCharacter, self.pos);
                    out.push(char::from(c));
                    self.pos += 1;
                }
                None => return self.fail(open, "string not closed"),
            }
        }
    }

    /// A backslash escape at `pos`.
    fn escape(&mut self, out: &mut String) {
        let at = self.pos;
        let next = self.rest()[1..].chars().next();
        let simple = match next {
            Some('"') => Some('"'),
            Some('\\') => Some('\\'),
            Some('/') => Some('/'),
            Some('\'') => Some('\''),
            Some('b') => Some('\u{8}'),
            Some('f') => Some('\u{c}'),
            Some('n') => Some('\n'),
            Some('r') => Some('\r'),
            Some('t') => Some('\t'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            self.pos += 2;
            return;
        }
        if next == Some('u')
            && let Some(c) = self.unicode_escape()
        {
            out.push(c);
            return;
        }
        // Unknown escape (or a lone `\` at the end): keep the backslash.
        self.repair(RepairKind::InvalidEscape, at);
        out.push('\\');
        self.pos += 1;
    }

    /// `\uXXXX` (with a following low surrogate when high); lone surrogates become U+FFFD.
    fn unicode_escape(&mut self) -> Option<char> {
        let hex = |s: &str| -> Option<u32> {
            let digits = s.get(2..6)?;
            if !s.starts_with("\\u") || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(digits, 16).ok()
        };
        let first = hex(self.rest())?;
        self.pos += 6;
        if (0xD800..0xDC00).contains(&first)
            && let Some(second) = hex(self.rest()).filter(|s| (0xDC00..0xE000).contains(s))
        {
            self.pos += 6;
            let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return Some(char::from_u32(c).unwrap_or('\u{FFFD}'));
        }
        Some(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }

    /// A number, or a placeholder starting with a digit (`2024-01-01`, `10GB`).
    fn number(&mut self) -> Value {
        let start = self.pos;
        let len = self
            .rest()
            .bytes()
            .take_while(|b| b.is_ascii_digit() || b"-+.eE".contains(b))
            .count();
        let delimited = self.delimited(start + len);
        if delimited && let Ok(n) = self.text[start..start + len].parse::<Number>() {
            self.pos += len;
            return Value::Number(n);
        }
        self.placeholder()
    }

    /// A literal or a placeholder.
    fn word(&mut self) -> Result<Value, Failure> {
        let start = self.pos;
        let len = self
            .rest()
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let word = &self.text[start..start + len];
        let delimited = self.delimited(start + len);
        let literal = match word {
            "true" | "false" | "null" => serde_json::from_str(word).ok(),
            "True" => Some(Value::Bool(true)),
            "False" => Some(Value::Bool(false)),
            "None" => Some(Value::Null),
            _ => None,
        };
        if let Some(v) = literal.filter(|_| delimited) {
            if word.starts_with(|c: char| c.is_ascii_uppercase()) {
                self.repair(RepairKind::PythonLiteral, start);
            }
            self.pos += len;
            return Ok(v);
        }
        if matches!(self.peek(), Some(b',' | b'}' | b']' | b':')) {
            return self.fail(start, "expected a value");
        }
        Ok(self.placeholder())
    }

    /// Whether a token ending at `end` is followed by a delimiter.
    fn delimited(&self, end: usize) -> bool {
        let rest = self.text.get(end..).unwrap_or("");
        rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || ",}]/#，".contains(c))
    }

    /// Bare text up to a delimiter, as a string.
    fn placeholder(&mut self) -> Value {
        let start = self.pos;
        let rest = self.rest();
        let mut end = rest.find([',', '}', ']', '\n', '，']).unwrap_or(rest.len());
        for comment in [" //", "\t//", " #"] {
            if let Some(i) = rest[..end].find(comment) {
                end = end.min(i);
            }
        }
        let word = rest[..end].trim_end();
        self.repair(RepairKind::PlaceholderAsString, start);
        self.pos += end;
        Value::String(word.to_string())
    }

    /// Anything after the value is dropped (and reported once).
    fn trailer(&mut self) {
        self.skip();
        if self.pos < self.bytes.len() {
            self.repair(RepairKind::TrailingTextDropped, self.pos);
        }
    }
}

fn is_request_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or("");
    (METHODS.contains(&first) && words.next().is_some())
        || first.starts_with("https://")
        || first.starts_with("http://")
}

/// `Content-Type: application/json`, `X-Auth-Token: …`.
fn is_header_line(line: &str) -> bool {
    let Some((name, value)) = line.split_once(':') else {
        return false;
    };
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && (value.is_empty() || value.starts_with([' ', '\t']))
}

fn not_json_reason(first: &str) -> &'static str {
    if first.starts_with('<') {
        "XML or HTML"
    } else if first.starts_with("curl") {
        "a curl command"
    } else {
        "text"
    }
}

/// RFC 6901 escaping of one pointer segment.
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests;
