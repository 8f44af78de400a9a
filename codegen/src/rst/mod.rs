//! RST reader (placeholder until the reader lands).
use crate::diag::Diagnostics;
use crate::doc::Document;

pub fn parse(file: &str, _text: &str, _diags: &mut Diagnostics) -> Document {
    Document { file: file.to_string(), original_name: None, blocks: Vec::new() }
}
