//! Shared helpers for the snapshot and end-to-end tests.
