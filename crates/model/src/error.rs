use std::fmt;

/// Result alias for the model crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A value that does not fit the model. The message names the offending value,
/// so that importers can report it with the file, line and column around it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A date in none of the accepted forms, or an impossible calendar date.
    #[error("invalid date {value:?}: {reason}")]
    InvalidDate {
        /// The text as given.
        value: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A code that is not one of the known values of its kind.
    #[error("invalid {kind} {value:?}; expected one of: {expected}")]
    InvalidCode {
        /// Which code (sex, handling code, country...).
        kind: &'static str,
        /// The text as given.
        value: String,
        /// The accepted spellings.
        expected: Expected,
    },
    /// A phone number that cannot be brought to E.164.
    #[error("invalid phone number {value:?}: {reason}")]
    InvalidPhone {
        /// The text as given.
        value: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A JSON document of a schema version newer than this build understands.
    #[error("schema version {found} is newer than the supported version {supported}")]
    UnsupportedSchemaVersion {
        /// Version in the document.
        found: u32,
        /// Highest version this build reads.
        supported: u32,
    },
}

/// The accepted spellings of a code, printed comma-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected(pub &'static [&'static str]);

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(", "))
    }
}
