//! Helpers for loopback tests: a wiremock request as the signature checker reads it.

pub mod sigcheck;

pub use sigcheck::verify_received as verify;
