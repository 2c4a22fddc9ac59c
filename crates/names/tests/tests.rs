//! Integration tests for veza-names, built as one binary.

mod batch;
mod golden;
mod properties;
