//! The one error type of the crate.

use std::path::PathBuf;

/// Errors of screening: reading alert and query files, writing hits,
/// loading and saving index snapshots.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be opened, read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A CSV file is malformed (bad quoting, unequal rows).
    #[error("{path}: line {line}: {message}")]
    Csv {
        /// The file concerned.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What went wrong.
        message: String,
    },
    /// A column required by the batch contract is missing from the header.
    #[error("{path}: missing column {column:?} (header: {header})")]
    MissingColumn {
        /// The file concerned.
        path: PathBuf,
        /// The column expected.
        column: &'static str,
        /// The header found, comma-separated.
        header: String,
    },
    /// A value cannot be read.
    #[error("{path}: line {line}, column {column}: invalid value {value:?}: {reason}")]
    Value {
        /// The file concerned.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// Column name.
        column: String,
        /// The value as found.
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// An index snapshot is not one, is damaged, or comes from a newer veza.
    #[error("{path}: {reason}")]
    Snapshot {
        /// The snapshot file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_owned(),
            source,
        }
    }
}
