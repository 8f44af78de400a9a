//! The hand-written runtime of the generated cloud client.
//!
//! The `generated` crate declares, per operation, a [`Request`]: method, path
//! template, parameters, body and how to read the answer. This crate does the
//! work: endpoints ([`Config`]), authentication (token, IAM password with a
//! cached token, AK/SK [`signer`]), retries ([`RetryPolicy`]) and errors
//! ([`Error`]). Secrets are [`Secret`]s and never appear in `Debug` output or
//! errors.

mod auth;
mod client;
pub mod clouds_yaml;
mod config;
mod error;
mod headers;
mod request;
mod retry;
mod secret;
pub mod signer;

pub use auth::token_request_body;
pub use client::{CallOptions, Client, Response, ServiceClient};
pub use config::{Cloud, Config, Credentials, PasswordAuth, ProjectScope, Service};
pub use error::{ApiError, Error, ErrorBody, Result, parse_error_body};
pub use headers::Headers;
pub use request::{Decoder, Parts, Request, json, unit};
pub use retry::{RetryPolicy, parse_retry_after};
pub use secret::{Secret, is_secret_header};
