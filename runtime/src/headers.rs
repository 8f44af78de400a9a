//! [`Headers`]: response headers, kept in arrival order, redacted in `Debug`.

use crate::secret::is_secret_header;
use std::fmt;

/// HTTP headers as received (names as sent by the server, values lossily UTF-8).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Headers(pairs)
    }

    pub(crate) fn from_http(map: &reqwest::header::HeaderMap) -> Self {
        Headers(
            map.iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
        )
    }

    /// The first value of a header, by case-insensitive name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The request id the cloud assigned (`X-Request-Id`, else `X-Openstack-Request-Id`).
    pub fn request_id(&self) -> Option<&str> {
        [
            "x-request-id",
            "x-openstack-request-id",
            "x-compute-request-id",
        ]
        .iter()
        .find_map(|n| self.get(n))
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in &self.0 {
            if is_secret_header(name) {
                map.entry(name, &"***");
            } else {
                map.entry(name, value);
            }
        }
        map.finish()
    }
}
