//! Helpers for loopback tests: a wiremock request as the signature checker reads it.

pub mod sigcheck;

/// Checks the AK/SK signature of a request wiremock received.
pub fn verify(request: &wiremock::Request, sk: &str) -> Result<String, String> {
    let headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    sigcheck::verify(
        request.method.as_str(),
        &request.url,
        &headers,
        &request.body,
        sk,
    )
}
