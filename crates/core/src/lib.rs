//! Veza's application services, shared by the web app and the command line.
//!
//! - [`import`]: reads an agency file, computes each record's search keys with
//!   the names crate and commits the file in one transaction (or diverts bad
//!   rows to a reject file when asked).
//! - [`search`]: finds person records by a name typed in any script: the
//!   names crate's blocking keys select candidates in the store, its scorer
//!   ranks them, and every hit carries the explanation of its score.
//! - [`demo`]: fills a store with synthetic route data and demo accounts.

pub mod alerts;
pub mod checks;
pub mod demo;
mod error;
pub mod import;
pub mod keys;
pub mod password;
pub mod resolution;
pub mod search;
pub mod totp;

pub use error::{Error, Result};
