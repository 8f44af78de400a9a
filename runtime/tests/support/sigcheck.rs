//! An independent check of `SDK-HMAC-SHA256` signatures as a server does it:
//! from the request as received (escaped path and query, headers, body bytes),
//! not from what the client meant to send. Shared by the runtime's and the
//! generated crate's loopback tests and the example checker.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// `Ok(ak)` when the `Authorization` header is a valid signature by `sk`.
pub fn verify(
    method: &str,
    url: &url::Url,
    headers: &[(String, String)],
    body: &[u8],
    sk: &str,
) -> Result<String, String> {
    let header = |name: &str| -> Vec<&str> {
        headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let auth = *header("authorization")
        .first()
        .ok_or("no Authorization header")?;
    let rest = auth
        .strip_prefix("SDK-HMAC-SHA256 ")
        .ok_or("not SDK-HMAC-SHA256")?;
    let mut ak = None;
    let mut signed = None;
    let mut signature = None;
    for part in rest.split(", ") {
        match part.split_once('=') {
            Some(("Access", v)) => ak = Some(v),
            Some(("SignedHeaders", v)) => signed = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return Err(format!("unexpected Authorization part `{part}`")),
        }
    }
    let (ak, signed, signature) = (
        ak.ok_or("no Access")?,
        signed.ok_or("no SignedHeaders")?,
        signature.ok_or("no Signature")?,
    );
    let date = *header("x-sdk-date").first().ok_or("no X-Sdk-Date")?;
    if !signed.split(';').any(|h| h == "x-sdk-date") {
        return Err("X-Sdk-Date is not signed".into());
    }
    let mut uri: Vec<String> = url
        .path()
        .split('/')
        .map(|s| encode(&decode(s)))
        .collect::<Vec<_>>();
    if uri.last().is_some_and(|s| !s.is_empty()) {
        uri.push(String::new());
    }
    let mut query: Vec<(String, String)> = url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (encode(&decode(k)), encode(&decode(v)))
        })
        .collect();
    query.sort();
    let query: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut canonical_headers = String::new();
    for name in signed.split(';') {
        let mut values = header(name);
        if values.is_empty() {
            return Err(format!("signed header `{name}` was not sent"));
        }
        values.sort();
        for v in values {
            canonical_headers.push_str(&format!("{name}:{}\n", v.trim()));
        }
    }
    let canonical = format!(
        "{method}\n{}\n{}\n{canonical_headers}\n{signed}\n{}",
        uri.join("/"),
        query.join("&"),
        hex::encode(Sha256::digest(body))
    );
    let to_sign = format!(
        "SDK-HMAC-SHA256\n{date}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(sk.as_bytes()).map_err(|e| e.to_string())?;
    mac.update(to_sign.as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    if expected == signature {
        Ok(ak.to_owned())
    } else {
        Err(format!(
            "signature mismatch; canonical request:\n{canonical}"
        ))
    }
}

fn decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    out
}

fn encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Headers of a request wiremock received, as pairs.
pub fn received_headers(request: &wiremock::Request) -> Vec<(String, String)> {
    request
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// [`verify`] on a request wiremock received.
pub fn verify_received(request: &wiremock::Request, sk: &str) -> Result<String, String> {
    verify(
        request.method.as_str(),
        &request.url,
        &received_headers(request),
        &request.body,
        sk,
    )
}
