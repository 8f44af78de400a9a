//! [`Error`]: every way a call can fail. Never holds a credential; raw bodies
//! and headers are kept for the caller (headers redacted in `Debug`).

use crate::headers::Headers;
use std::any::Any;
use std::fmt;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failed call.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The configuration cannot make this call (no endpoint, no region, no credentials…).
    Config(String),
    /// The request could not be built (a parameter or body did not serialise).
    Request {
        operation: &'static str,
        message: String,
    },
    /// Connecting, sending or receiving failed.
    Transport {
        operation: &'static str,
        message: String,
    },
    /// No answer within the configured timeout.
    Timeout { operation: &'static str },
    /// The server answered with a non-success status.
    Status(Box<ApiError>),
    /// A success status whose body does not read as the documented type.
    Decode {
        operation: &'static str,
        status: u16,
        message: String,
        headers: Headers,
        body: Vec<u8>,
    },
    /// Obtaining an IAM token failed.
    Auth {
        message: String,
        source: Option<Box<Error>>,
    },
}

impl Error {
    /// The API error, when the server answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Status(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            Error::Auth {
                source: Some(s), ..
            } => s.status(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(m) => write!(f, "configuration: {m}"),
            Error::Request { operation, message } => {
                write!(f, "{operation}: cannot build the request: {message}")
            }
            Error::Transport { operation, message } => {
                write!(f, "{operation}: transport: {message}")
            }
            Error::Timeout { operation } => write!(f, "{operation}: timed out"),
            Error::Status(e) => fmt::Display::fmt(e, f),
            Error::Decode {
                operation,
                status,
                message,
                ..
            } => write!(f, "{operation}: HTTP {status}: unreadable body: {message}"),
            Error::Auth { message, source } => match source {
                Some(s) => write!(f, "authentication: {message}: {s}"),
                None => write!(f, "authentication: {message}"),
            },
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Auth {
                source: Some(s), ..
            } => Some(s.as_ref()),
            _ => None,
        }
    }
}

/// An error status from the server.
pub struct ApiError {
    pub operation: &'static str,
    pub status: u16,
    /// The docs list this status for the operation and the body read as documented.
    pub documented: bool,
    /// `error_code`, `code` or `error.code` of the body.
    pub code: Option<String>,
    /// `error_msg`, `message` or `error.message` of the body.
    pub message: Option<String>,
    /// `X-Request-Id` / `X-Openstack-Request-Id`, else `request_id` of the body.
    pub request_id: Option<String>,
    pub headers: Headers,
    /// The body exactly as received.
    pub body: Vec<u8>,
    typed: Option<Box<dyn Any + Send + Sync>>,
}

impl ApiError {
    pub(crate) fn new(
        operation: &'static str,
        status: u16,
        headers: Headers,
        body: Vec<u8>,
        typed: Option<Box<dyn Any + Send + Sync>>,
    ) -> Self {
        let parsed = parse_error_body(&body);
        let request_id = headers
            .request_id()
            .map(str::to_owned)
            .or(parsed.request_id);
        ApiError {
            operation,
            status,
            documented: typed.is_some(),
            code: parsed.code,
            message: parsed.message,
            request_id,
            headers,
            body,
            typed,
        }
    }

    /// The body read as the operation's documented response (its `<Op>Response`
    /// enum), when the status is documented and the body matched.
    pub fn typed<T: Any>(&self) -> Option<&T> {
        self.typed.as_ref().and_then(|t| t.downcast_ref())
    }

    /// The body as text (lossy UTF-8).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("documented", &self.documented)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("headers", &self.headers)
            .field("body", &self.body_text())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.documented {
            ""
        } else {
            " (undocumented)"
        };
        write!(f, "{}: HTTP {}{kind}", self.operation, self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// What an error body says, in any of the clouds' forms.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ErrorBody {
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
}

const CODE_KEYS: [&str; 3] = ["error_code", "code", "errorCode"];
const MESSAGE_KEYS: [&str; 5] = [
    "error_msg",
    "message",
    "error_message",
    "errorMessage",
    "msg",
];

/// Reads `{"error_code","error_msg"}`, `{"code","message"}`, `{"error": {…}}`
/// and OpenStack's `{"badRequest": {"code","message"}}` (one nested level).
pub fn parse_error_body(body: &[u8]) -> ErrorBody {
    let Ok(serde_json::Value::Object(top)) = serde_json::from_slice(body) else {
        return ErrorBody::default();
    };
    let mut out = read_fields(&top);
    if out.code.is_none() && out.message.is_none() {
        let nested = top.get("error").and_then(|v| v.as_object()).or_else(|| {
            match top.values().collect::<Vec<_>>().as_slice() {
                [serde_json::Value::Object(only)] => Some(only),
                _ => None,
            }
        });
        if let Some(inner) = nested {
            let inner = read_fields(inner);
            out.code = inner.code;
            out.message = inner.message;
            out.request_id = out.request_id.or(inner.request_id);
        }
    }
    out
}

fn read_fields(map: &serde_json::Map<String, serde_json::Value>) -> ErrorBody {
    let text = |keys: &[&str]| {
        keys.iter().find_map(|k| match map.get(*k)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    ErrorBody {
        code: text(&CODE_KEYS),
        message: text(&MESSAGE_KEYS),
        request_id: text(&["request_id", "requestId"]),
    }
}
