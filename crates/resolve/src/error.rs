//! The one error type of the crate.

use std::path::PathBuf;

/// Errors of resolution; each names the file and, where it applies, the
/// line and column.
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
    /// The CSV structure is broken (unbalanced quotes, ragged rows, bad UTF-8).
    #[error("{path}:{line}: {message}")]
    Csv {
        /// The file concerned.
        path: PathBuf,
        /// One-based line, 0 when unknown.
        line: u64,
        /// What went wrong.
        message: String,
    },
    /// A value cannot be used (for example an empty record id).
    #[error("{path}:{line}: column {column}: {message}")]
    Value {
        /// The file concerned.
        path: PathBuf,
        /// One-based line.
        line: u64,
        /// The column name.
        column: String,
        /// What went wrong.
        message: String,
    },
    /// A file lacks a column it needs.
    #[error("{path}: {message}")]
    Header {
        /// The file concerned.
        path: PathBuf,
        /// What is missing.
        message: String,
    },
    /// An option (`--map`, `--field`) is malformed.
    #[error("{0}")]
    Options(String),
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
