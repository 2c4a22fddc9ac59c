//! The crate's error type.

/// Errors from the batch interface (the matcher itself cannot fail).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The pairs CSV lacks the `a` and `b` header columns.
    #[error("pairs CSV header must contain columns `a` and `b`, found: {found}")]
    Header {
        /// The header that was found.
        found: String,
    },
    /// A row of the pairs CSV could not be read.
    #[error("pairs CSV line {line}: {message}")]
    Row {
        /// 1-based line number in the input.
        line: u64,
        /// What was wrong.
        message: String,
    },
    /// Writing the output failed.
    #[error("writing scores: {0}")]
    Write(#[from] std::io::Error),
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
