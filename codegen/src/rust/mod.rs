//! Rust generation: spec → the `generated` crate (syn/quote → prettyplease).

use crate::spec::ServiceSpec;
use std::collections::BTreeMap;

/// A generation failure naming what could not be generated.
#[derive(Debug)]
pub struct GenError(pub String);

impl std::fmt::Display for GenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GenError {}

/// Placeholder until the generator lands: renders nothing.
pub fn generate_crate(_specs: &[ServiceSpec]) -> Result<BTreeMap<String, String>, GenError> {
    Err(GenError("generator not available".into()))
}
