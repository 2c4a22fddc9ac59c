//! Veza's audit log: append-only and hash-chained.
//!
//! Every entry commits to the one before it: `hash = SHA-256(prev_hash ‖
//! fields)`, with each field length-prefixed so that no two different entries
//! serialise alike. Altering an entry breaks its own hash; removing or
//! reordering entries breaks the chain of `prev_hash`; cutting entries off the
//! end is caught against the head (the last sequence number and hash), which
//! the store keeps beside the log and which can be exported as an anchor for
//! safekeeping elsewhere.
//!
//! The crate is pure: time, storage and the actor come from the caller.
//!
//! ```
//! use veza_audit::{Chain, Draft, verify};
//! let mut chain = Chain::genesis();
//! let e1 = chain.append(Draft::new("2026-11-28T10:00:00Z", "ana", "record.read", "R-1").reason("case 17"));
//! let e2 = chain.append(Draft::new("2026-11-28T10:00:01Z", "ana", "record.search", "q=Petrović"));
//! assert!(verify(&[e1, e2], None, Some(chain.head())).is_ok());
//! ```

mod chain;
mod error;

pub use chain::{Anchor, Chain, Draft, Entry, GENESIS_HASH, verify};
pub use error::{Error, Result, Tamper};
