//! [`Client`]: sends a [`Request`] with authentication and retries, and reads
//! the answer into a [`Response`] or an [`Error`].

use crate::auth::TokenCache;
use crate::config::{Config, Credentials, Service};
use crate::error::{ApiError, Error};
use crate::headers::Headers;
use crate::request::{Parts, Request};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::signer;
use std::sync::Arc;
use time::OffsetDateTime;

/// A success: status, headers and the documented body.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    pub status: u16,
    pub headers: Headers,
    pub body: T,
}

/// Per-call settings that override the client's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// Replaces the client's retry policy.
    pub retry: Option<RetryPolicy>,
    /// Replaces the client's timeout.
    pub timeout: Option<std::time::Duration>,
    /// `Some(false)` skips [`Request::check`].
    pub validate: Option<bool>,
}

/// The shared client: configuration, HTTP connection pool, token cache. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    http: reqwest::Client,
    tokens: TokenCache,
}

/// A [`Client`] bound to one service, as each generated service client holds it.
#[derive(Debug, Clone)]
pub struct ServiceClient {
    client: Client,
    service: Service,
    options: CallOptions,
}

/// One prepared request: everything but authentication.
struct Prepared {
    method: &'static str,
    base: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

impl Client {
    pub fn new(config: Config) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(config.connect_timeout)
            .user_agent(config.user_agent.clone())
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                http,
                tokens: TokenCache::default(),
            }),
        })
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// This client, bound to `service`.
    pub fn service(&self, service: Service) -> ServiceClient {
        ServiceClient {
            client: self.clone(),
            service,
            options: CallOptions::default(),
        }
    }

    /// Sends `request` to `service` and reads the answer.
    pub async fn call<R: Request>(
        &self,
        service: &Service,
        request: &R,
        options: &CallOptions,
    ) -> Result<Response<R::Output>, Error> {
        let config = &self.inner.config;
        if options.validate.unwrap_or(config.validate) {
            request.check().map_err(|message| Error::Request {
                operation: R::OPERATION,
                message,
            })?;
        }
        let prepared = prepare::<R>(config, service, request)?;
        // The exchange is not generic: one copy serves every operation.
        let (status, headers, body) = self.execute(&prepared, R::OPERATION, options).await?;
        if (200..300).contains(&status) {
            return match (R::OUTPUT)(status, &body) {
                Ok(body) => Ok(Response {
                    status,
                    headers,
                    body,
                }),
                Err(e) => Err(Error::Decode {
                    operation: R::OPERATION,
                    status,
                    message: e.to_string(),
                    headers,
                    body,
                }),
            };
        }
        let typed = (R::RESPONSES)(status, &body)
            .ok()
            .map(|t| Box::new(t) as Box<dyn std::any::Any + Send + Sync>);
        Err(Error::Status(Box::new(ApiError::new(
            R::OPERATION,
            status,
            headers,
            body,
            typed,
        ))))
    }

    /// Attempts until an answer that is not retried: retries, backoff and the
    /// one re-authentication after a 401 in password mode.
    async fn execute(
        &self,
        prepared: &Prepared,
        operation: &'static str,
        options: &CallOptions,
    ) -> Result<(u16, Headers, Vec<u8>), Error> {
        let config = &self.inner.config;
        let retry = options.retry.unwrap_or(config.retry);
        let timeout = options.timeout.unwrap_or(config.timeout);
        let mut reauthenticated = false;
        let mut refused: Option<Secret> = None;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let last = attempt >= retry.max_attempts.max(1);
            let sent = self
                .send_once(prepared, operation, timeout, refused.as_ref())
                .await;
            let (status, headers, body, token) = match sent {
                Ok(answer) => answer,
                Err((error, reached_server)) => {
                    let repeat = !reached_server || retry.may_repeat(prepared.method);
                    if last || !repeat || matches!(error, Error::Config(_) | Error::Auth { .. }) {
                        return Err(error);
                    }
                    tokio::time::sleep(retry.delay(attempt - 1, None)).await;
                    continue;
                }
            };
            if status == 401
                && !reauthenticated
                && matches!(config.credentials, Credentials::Password(_))
            {
                // The token may have been revoked early: fetch a new one, once.
                reauthenticated = true;
                refused = token;
                attempt -= 1;
                continue;
            }
            if !last && RetryPolicy::retryable_status(status) && retry.may_repeat(prepared.method) {
                tokio::time::sleep(retry.delay(attempt - 1, Some(&headers))).await;
                continue;
            }
            return Ok((status, headers, body));
        }
    }

    /// One attempt. `Err((error, reached_server))`; `Ok` carries the token
    /// used (password mode), so a 401 can drop exactly that one.
    async fn send_once(
        &self,
        prepared: &Prepared,
        operation: &'static str,
        timeout: std::time::Duration,
        refused: Option<&Secret>,
    ) -> Result<(u16, Headers, Vec<u8>, Option<Secret>), (Error, bool)> {
        let config = &self.inner.config;
        let url = url_of(prepared).map_err(|e| (e, false))?;
        let mut headers = prepared.headers.clone();
        let mut token_used = None;
        match &config.credentials {
            Credentials::None => {}
            Credentials::Token(token) => {
                headers.push(("X-Auth-Token".into(), token.expose().to_owned()));
            }
            Credentials::Password(auth) => {
                let token = self
                    .inner
                    .tokens
                    .get(&self.inner.http, config, auth, refused)
                    .await
                    .map_err(|e| (e, false))?;
                headers.push(("X-Auth-Token".into(), token.expose().to_owned()));
                token_used = Some(token);
            }
            Credentials::AkSk {
                ak,
                sk,
                security_token,
            } => {
                sign_request(
                    prepared,
                    &url,
                    &mut headers,
                    config,
                    ak,
                    sk,
                    security_token.as_ref(),
                );
            }
        }
        let method = reqwest::Method::from_bytes(prepared.method.as_bytes())
            .map_err(|e| (Error::Config(e.to_string()), false))?;
        let mut builder = self.inner.http.request(method, url).timeout(timeout);
        for (name, value) in &headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &prepared.body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.map_err(|e| {
            let reached = !e.is_connect();
            (transport_error(operation, &e), reached)
        })?;
        let status = response.status().as_u16();
        let headers = Headers::from_http(response.headers());
        let body = response
            .bytes()
            .await
            .map_err(|e| (transport_error(operation, &e), true))?;
        Ok((status, headers, body.to_vec(), token_used))
    }
}

impl ServiceClient {
    pub fn with_options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn service(&self) -> &Service {
        &self.service
    }

    /// Sends `request` with this service client's options.
    pub async fn call<R: Request>(&self, request: R) -> Result<Response<R::Output>, Error> {
        self.client
            .call(&self.service, &request, &self.options)
            .await
    }
}

pub(crate) fn transport_error(operation: &'static str, e: &reqwest::Error) -> Error {
    if e.is_timeout() {
        return Error::Timeout { operation };
    }
    // reqwest's Display names the URL, never headers; the chain says why.
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Transport { operation, message }
}

fn prepare<R: Request>(config: &Config, service: &Service, request: &R) -> Result<Prepared, Error> {
    let mut parts = Parts::default();
    request.parts(&mut parts);
    if let Some(message) = parts.error.take() {
        return Err(Error::Request {
            operation: R::OPERATION,
            message,
        });
    }
    let path = parts.fill_path(R::PATH, |name| match name {
        "project_id" | "tenant_id" => config.project_id.clone(),
        "domain_id" => config.domain_id.clone(),
        _ => None,
    })?;
    if parts.body.is_some() {
        parts
            .headers
            .push(("Content-Type".into(), "application/json".into()));
    }
    Ok(Prepared {
        method: R::METHOD,
        base: config.endpoint_of(service)?,
        path,
        query: parts.query,
        headers: parts.headers,
        body: parts.body,
    })
}

/// The URL sent: each path segment and query key/value escaped as the signer
/// escapes them, so the server sees exactly what was signed.
fn url_of(prepared: &Prepared) -> Result<reqwest::Url, Error> {
    let path: Vec<String> = prepared.path.split('/').map(signer::escape).collect();
    let mut url = format!("{}{}", prepared.base, path.join("/"));
    for (i, (k, v)) in prepared.query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&signer::escape(k));
        url.push('=');
        url.push_str(&signer::escape(v));
    }
    reqwest::Url::parse(&url)
        .map_err(|e| Error::Config(format!("endpoint `{}`: {e}", prepared.base)))
}

/// Adds `Host`-derived signing, `X-Sdk-Date`, `Authorization`, `X-Project-Id`
/// (or `X-Domain-Id`) and `X-Security-Token`; called again on every attempt.
fn sign_request(
    prepared: &Prepared,
    url: &reqwest::Url,
    headers: &mut Vec<(String, String)>,
    config: &Config,
    ak: &str,
    sk: &Secret,
    security_token: Option<&Secret>,
) {
    if let Some(project) = &config.project_id {
        headers.push(("X-Project-Id".into(), project.clone()));
    } else if let Some(domain) = &config.domain_id {
        headers.push(("X-Domain-Id".into(), domain.clone()));
    }
    if let Some(token) = security_token {
        headers.push(("X-Security-Token".into(), token.expose().to_owned()));
    }
    let host = match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        _ => String::new(),
    };
    let mut signed: Vec<(String, String)> = headers.clone();
    signed.push(("Host".into(), host));
    let input = signer::SignInput {
        method: prepared.method,
        path: &prepared.path,
        query: &prepared.query,
        headers: &signed,
        body: prepared.body.as_deref().unwrap_or_default(),
    };
    let signature = signer::sign(
        &input,
        ak,
        sk.expose(),
        OffsetDateTime::now_utc(),
        signer::HeaderRule::default(),
    );
    headers.extend(signature.headers);
}
