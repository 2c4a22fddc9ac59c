/// Result alias for the store.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database failed. The detail is for logs, not for end users.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The SQLite bulk-import connection failed. The detail is for logs,
    /// not for end users.
    #[error("database error: {0}")]
    Sqlite(String),
    /// Applying migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database URL names no supported backend.
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://...")]
    UnsupportedUrl(String),
    /// A stored value could not be read back.
    #[error("corrupt stored value in {table}.{column}: {detail}")]
    Corrupt {
        /// Table.
        table: &'static str,
        /// Column.
        column: &'static str,
        /// What failed.
        detail: String,
    },
    /// A record with this id already exists: imports never overwrite.
    #[error("record {0} already exists; records are never overwritten")]
    DuplicateRecord(String),
    /// A user with this name already exists.
    #[error("user {0} already exists")]
    DuplicateUser(String),
    /// The actor may not do this.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// Nothing with this id exists (or none the actor may see).
    #[error("not found: {0}")]
    NotFound(String),
    /// A value given to the store is not acceptable.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The caller's sink refused a record during an export (a closed pipe...).
    #[error("export output failed: {0}")]
    Sink(String),
    /// Consulting personal data needs a stated reason (LED Art. 25).
    #[error("give the reason for this access; it is kept in the audit log")]
    ReasonRequired,
    /// A batch of audit entries could not be written; the access it
    /// recorded was refused.
    #[error("audit log write failed: {0}")]
    AuditWrite(String),
    /// The audit chain failed verification.
    #[error(transparent)]
    AuditBroken(#[from] veza_audit::Error),
}

impl Error {
    /// True for unique-constraint violations.
    pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
        matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
    }
}
