//! RST reader.
