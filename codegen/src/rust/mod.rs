//! Rust generation: spec → the `generated` crate (syn/quote → prettyplease).
