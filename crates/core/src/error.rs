/// Result alias for the core crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong in an application service.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input file is invalid; nothing was committed.
    #[error("{0}")]
    Input(#[from] veza_io::Error),
    /// A row is invalid; nothing was committed.
    #[error("{0}")]
    Row(#[from] veza_io::RowError),
    /// The store refused or failed.
    #[error("{0}")]
    Store(#[from] veza_store::Error),
    /// Entity resolution failed.
    #[error("entity resolution: {0}")]
    Resolve(String),
    /// Synthetic data generation failed.
    #[error("{0}")]
    Synth(#[from] veza_synth::Error),
}
