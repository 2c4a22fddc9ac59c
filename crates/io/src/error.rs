use std::fmt;

/// Result alias for the io crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One bad value, located precisely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// File name as given.
    pub file: String,
    /// 1-based line number in the file.
    pub line: u64,
    /// Column (header name), or empty when the whole row is bad.
    pub column: String,
    /// The offending value, shortened for display.
    pub value: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if !self.column.is_empty() {
            write!(f, ": column {}", self.column)?;
        }
        if !self.value.is_empty() {
            write!(f, ": value {:?}", self.value)?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for RowError {}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{file}: {source}")]
    Io {
        /// File name.
        file: String,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A value or row is invalid.
    #[error("{0}")]
    Row(#[from] RowError),
    /// The options are inconsistent (an unknown field in `--map`...).
    #[error("{0}")]
    Options(String),
    /// Writing the export failed.
    #[error("export failed: {0}")]
    Export(String),
}

/// Shortens a value for an error message: long values and control characters
/// would make the message itself unreadable.
pub(crate) fn shorten(value: &str) -> String {
    const KEEP: usize = 60;
    let mut out: String = value
        .chars()
        .take(KEEP)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if value.chars().count() > KEEP {
        out.push_str(&format!("… ({} bytes)", value.len()));
    }
    out
}
