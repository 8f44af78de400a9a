//! IAM password authentication: `POST {iam}/v3/auth/tokens`, token from the
//! `X-Subject-Token` header, expiry from `token.expires_at`; cached and renewed
//! before it expires.

use crate::config::{Config, PasswordAuth, ProjectScope};
use crate::error::{ApiError, Error};
use crate::headers::Headers;
use crate::secret::Secret;
use serde_json::json;
use time::OffsetDateTime;
use tokio::sync::Mutex;

/// A token and when it stops working.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub value: Secret,
    pub expires_at: OffsetDateTime,
}

/// The cached token; one fetch at a time.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    token: Mutex<Option<Token>>,
}

impl TokenCache {
    /// A token with more than the refresh margin left, fetched when needed.
    /// `stale` (a token a server just refused) is dropped if still cached.
    pub async fn get(
        &self,
        http: &reqwest::Client,
        config: &Config,
        auth: &PasswordAuth,
        stale: Option<&Secret>,
    ) -> Result<Secret, Error> {
        let mut slot = self.token.lock().await;
        if let (Some(cached), Some(stale)) = (slot.as_ref(), stale)
            && &cached.value == stale
        {
            *slot = None;
        }
        let margin = time::Duration::try_from(config.token_refresh_margin).unwrap_or_default();
        if let Some(cached) = slot.as_ref()
            && cached.expires_at - margin > OffsetDateTime::now_utc()
        {
            return Ok(cached.value.clone());
        }
        let token = fetch(http, config, auth).await?;
        let value = token.value.clone();
        *slot = Some(token);
        Ok(value)
    }
}

/// The token request body.
pub fn token_request_body(auth: &PasswordAuth) -> serde_json::Value {
    let scope = match &auth.scope {
        ProjectScope::Id(id) => json!({ "project": { "id": id } }),
        ProjectScope::Name(name) => json!({ "project": { "name": name } }),
        ProjectScope::Domain => json!({ "domain": { "name": auth.domain_name } }),
    };
    json!({
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {
                        "name": auth.user_name,
                        "password": auth.password.expose(),
                        "domain": { "name": auth.domain_name }
                    }
                }
            },
            "scope": scope
        }
    })
}

async fn fetch(
    http: &reqwest::Client,
    config: &Config,
    auth: &PasswordAuth,
) -> Result<Token, Error> {
    const OPERATION: &str = "iam password token";
    let url = format!("{}/v3/auth/tokens", config.iam_base()?);
    let body = serde_json::to_vec(&token_request_body(auth)).map_err(|e| Error::Auth {
        message: e.to_string(),
        source: None,
    })?;
    let wrap = |e: Error| Error::Auth {
        message: "cannot obtain an IAM token".into(),
        source: Some(Box::new(e)),
    };
    let response = http
        .post(&url)
        .header("Content-Type", "application/json;charset=utf8")
        .body(body)
        .send()
        .await
        .map_err(|e| wrap(crate::client::transport_error(OPERATION, &e)))?;
    let status = response.status().as_u16();
    let headers = Headers::from_http(response.headers());
    let bytes = response
        .bytes()
        .await
        .map_err(|e| wrap(crate::client::transport_error(OPERATION, &e)))?
        .to_vec();
    if !(200..300).contains(&status) {
        return Err(wrap(Error::Status(Box::new(ApiError::new(
            OPERATION, status, headers, bytes, None,
        )))));
    }
    let value = headers
        .get("x-subject-token")
        .map(Secret::from)
        .ok_or_else(|| Error::Auth {
            message: "IAM answered without an X-Subject-Token header".into(),
            source: None,
        })?;
    let expires_at = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.pointer("/token/expires_at")?.as_str().map(str::to_owned))
        .and_then(|t| {
            OffsetDateTime::parse(&t, &time::format_description::well_known::Rfc3339).ok()
        })
        .ok_or_else(|| Error::Auth {
            message: "IAM token response has no readable token.expires_at".into(),
            source: None,
        })?;
    Ok(Token { value, expires_at })
}
