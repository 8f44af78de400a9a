//! Reviewing a docs update: the semantic spec diff with rule ids, levels and
//! the semver consequence for the generated crate ([`diff`], [`rules`],
//! [`render`]), the OpenAPI 3.1 export ([`openapi`]) and where the docs came
//! from ([`provenance`]).

pub mod diff;
pub mod load;
pub mod openapi;
pub mod provenance;
pub mod render;
pub mod rules;

use rules::Level;

/// `--fail-on`: which changes make `codegen diff` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Any breaking change.
    Breaking,
    /// Any breaking or potentially breaking change.
    Potential,
    /// Any change at all.
    Any,
}

impl FailOn {
    /// Whether `report` fails this threshold.
    pub fn fails(self, report: &diff::Report) -> bool {
        let Some(level) = report.level() else {
            return false;
        };
        match self {
            FailOn::Breaking => level >= Level::Breaking,
            FailOn::Potential => level >= Level::PotentiallyBreaking,
            FailOn::Any => true,
        }
    }
}
