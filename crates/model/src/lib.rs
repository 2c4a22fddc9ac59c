//! Veza's data model.
//!
//! Records are kept exactly as an agency reported them, never overwritten, with
//! their provenance (agency, country, time recorded, source reference) and a
//! SIENA handling code. Names keep their original string and script. The
//! data-subject category of the Law Enforcement Directive (Art. 6) belongs to
//! the link between a person and a case or event, never to the person.
//!
//! The set of entity kinds, their properties and the relation kinds is also
//! published as versioned data ([`schema::SCHEMA_JSON`]) so that other tools
//! can read it without Rust; a test keeps the Rust types and the data in step.
//!
//! ```
//! use veza_model::{PartialDate, Script};
//! let d: PartialDate = "1990-01-01".parse().unwrap();
//! assert!(d.is_placeholder());
//! assert_eq!(Script::of("Јован"), Script::Cyrillic);
//! ```

mod codes;
mod date;
mod entities;
mod error;
mod person;
mod phone;
pub mod schema;
mod script;

pub use codes::{
    AlertCategory, CountryCode, DocumentType, HandlingCode, RelationKind, Sex, SubjectCategory,
    UserRole, WarningMarker,
};
pub use date::{DatePrecision, PartialDate};
pub use entities::{
    Account, AccountKind, Alert, Case, CaseKind, CaseSubject, Event, EventKind, EventParticipant,
    Location, Relation, Vehicle,
};
pub use error::{Error, Result};
pub use person::{
    Address, IdentityDocument, NameKind, NameValue, PersonRecord, Provenance, RecordId,
};
pub use phone::normalize_phone;
pub use script::Script;

/// Version of the serialised model. Bumped whenever a stored JSON shape changes;
/// readers accept every version up to this one.
pub const SCHEMA_VERSION: u32 = 1;
