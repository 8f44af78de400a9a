//! Docs-to-client code generation for cloud APIs documented as tables.
//!
//! One direction of flow: [`source`] reads files → a reader ([`rst`], [`markdown`]) builds the
//! [`doc`] model → [`extract`] builds the [`spec`] → [`rust`] emits the crate.

pub mod diag;
pub mod doc;
pub mod extract;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod rst;
pub mod rust;
pub mod source;
pub mod sources;
pub mod spec;
