//! What generated code declares per operation ([`Request`]) and how its values
//! become path segments, query pairs, headers and a JSON body ([`Parts`]).

use crate::error::Error;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Reads a body of a given status into a value.
pub type Decoder<T> = fn(u16, &[u8]) -> Result<T, serde_json::Error>;

/// One operation's request: a declaration the runtime executes.
pub trait Request {
    /// What a success status returns.
    type Output;
    /// The operation's `<Op>Response` enum (one variant per documented status),
    /// read from error statuses into [`crate::ApiError::typed`].
    type Responses: Send + Sync + 'static;
    /// The operation's name, for errors.
    const OPERATION: &'static str;
    /// `GET`, `POST`, …
    const METHOD: &'static str;
    /// The documented path template, `{name}` placeholders included.
    const PATH: &'static str;
    /// Reads a success (2xx) body.
    const OUTPUT: Decoder<Self::Output>;
    /// Reads any body by status; an error for undocumented statuses.
    const RESPONSES: Decoder<Self::Responses>;

    /// Hands the parameters and the body to `parts`.
    fn parts(&self, parts: &mut Parts);

    /// Checks documented constraints before sending; `Err` is a message.
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

/// A JSON body of type `T` (empty reads as `null`).
pub fn json<T: DeserializeOwned>(_status: u16, body: &[u8]) -> Result<T, serde_json::Error> {
    let body: &[u8] = if body.is_empty() { b"null" } else { body };
    serde_json::from_slice(body)
}

/// No documented body: whatever arrives is ignored.
pub fn unit(_status: u16, _body: &[u8]) -> Result<(), serde_json::Error> {
    Ok(())
}

/// The parts of one request, filled by [`Request::parts`].
#[derive(Debug, Default)]
pub struct Parts {
    pub(crate) path: Vec<(&'static str, String)>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Vec<u8>>,
    pub(crate) error: Option<String>,
}

impl Parts {
    /// A path parameter; the value's text fills `{name}` (percent-encoded when sent).
    pub fn path<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let mut texts = Vec::new();
        self.texts(name, value, &mut texts);
        self.path.push((name, texts.join(",")));
    }

    /// A query parameter; `None` is left out, arrays repeat the key.
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let mut texts = Vec::new();
        self.texts(name, value, &mut texts);
        self.query
            .extend(texts.into_iter().map(|t| (name.to_owned(), t)));
    }

    /// A header parameter; `None` is left out, arrays are joined by `,`.
    pub fn header<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let mut texts = Vec::new();
        self.texts(name, value, &mut texts);
        if !texts.is_empty() {
            self.headers.push((name.to_owned(), texts.join(",")));
        }
    }

    /// The JSON body.
    pub fn body<T: Serialize + ?Sized>(&mut self, value: &T) {
        match serde_json::to_vec(value) {
            Ok(bytes) => self.body = Some(bytes),
            Err(e) => self.fail(format!("body: {e}")),
        }
    }

    fn texts<T: Serialize + ?Sized>(&mut self, name: &str, value: &T, out: &mut Vec<String>) {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Array(items)) => out.extend(items.iter().filter_map(text)),
            Ok(v) => out.extend(text(&v)),
            Err(e) => self.fail(format!("parameter `{name}`: {e}")),
        }
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }

    /// The path with every `{name}` replaced by its raw (not yet escaped)
    /// value; an empty value takes `scope(name)` (the configured project or
    /// domain id for `project_id`, `tenant_id`, `domain_id`).
    pub(crate) fn fill_path(
        &self,
        template: &str,
        scope: impl Fn(&str) -> Option<String>,
    ) -> Result<String, Error> {
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            out.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            let given = self
                .path
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone());
            let value = given.filter(|v| !v.is_empty()).or_else(|| scope(name));
            match value {
                // A value must stay one segment: `/`, `.` or `..` would send
                // the request to another resource.
                Some(value) if value.contains('/') || value == "." || value == ".." => {
                    return Err(Error::Config(format!(
                        "path parameter `{name}` must be one path segment, not `{value}`"
                    )));
                }
                Some(value) if !value.is_empty() => out.push_str(&value),
                _ => {
                    return Err(Error::Config(format!(
                        "path parameter `{name}` has no value"
                    )));
                }
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// Scalars as text; `null` is absent; objects as compact JSON.
fn text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}
