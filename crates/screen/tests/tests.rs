//! Integration tests of veza-screen, one binary.

mod batch;
mod index_updates;
mod mrz_golden;
mod properties;
mod ranking;
mod support;
