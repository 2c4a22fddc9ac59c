//! Veza's store: one API over SQLite (embedded default) and PostgreSQL
//! (production), with numbered migrations per backend.
//!
//! The store is the single choke point for personal data: every function that
//! reads or writes a person record takes an [`Actor`], applies the access
//! policy ([`policy`]) and appends to the hash-chained audit log in the same
//! transaction as the write, or before returning the data of a read. There is
//! no other path to the tables.
//!
//! Queries are written once against sqlx's `Any` driver with `$n`
//! placeholders, which both SQLite and PostgreSQL accept; what differs between
//! the backends (column types, identity columns) lives in the migrations.
//! The one exception is bulk import into SQLite, which writes through a
//! dedicated connection with prepared statements (see `sqlite_import`).

mod accounts;
mod alerts;
mod audit_log;
pub mod clock;
mod error;
mod persons;
pub mod policy;
mod records;
mod review;
mod search_keys;
mod sqlite_import;
mod tokens;

use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use veza_model::UserRole;

pub use accounts::{Session, User};
pub use error::{Error, Result};
pub use persons::{
    Judgement, Neighbourhood, PairVerdict, PersonView, REVIEW_BAND, ResolutionCounts,
    ResolutionRun, ReviewKind, ReviewPair, ScoredPair, StoredResolution,
};
pub use records::{Counts, ImportFailure, ImportMeta, ImportSummary, NewRecord, SearchHit};
pub use review::DueRecord;
pub use tokens::ApiToken;

/// Settings of every SQLite connection: the pool's and the bulk importer's.
///
/// WAL keeps readers off the writer's back and, with synchronous=NORMAL,
/// survives a crash of the process without corrupting the file. The page
/// cache is sized for bulk imports: the key index takes random inserts, and
/// with SQLite's 8 MB default every insert misses the cache once the index
/// outgrows it.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
     PRAGMA busy_timeout = 10000; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// Who is acting, and why. Every access to personal data carries one, and it
/// ends up in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Unique user identifier (`cli:<name>` for command-line work).
    pub user: String,
    /// The user's role.
    pub role: UserRole,
    /// The user's agency.
    pub agency: String,
    /// The reason given for this access (LED Art. 25), possibly empty.
    pub reason: String,
    /// The user's country (ISO 3166-1 alpha-2), when known.
    pub country: Option<String>,
}

impl Actor {
    /// An actor with an empty reason.
    pub fn new(user: impl Into<String>, role: UserRole, agency: impl Into<String>) -> Self {
        Actor {
            user: user.into(),
            role,
            agency: agency.into(),
            reason: String::new(),
            country: None,
        }
    }

    /// The same actor placed in a country.
    pub fn in_country(mut self, country: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self
    }

    /// The same actor with a reason.
    pub fn with_reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = reason.into();
        self
    }

    fn label(&self) -> String {
        format!("{}[{}@{}]", self.user, self.role, self.agency)
    }
}

/// The store. Cheap to clone (a connection pool).
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Stand-alone audit entries waiting to be written (group commit).
    audit_queue: std::sync::Arc<audit_log::AuditQueue>,
    /// The SQLite database file, for the bulk importer's own connection
    /// (none for PostgreSQL and in-memory databases).
    sqlite_file: Option<std::sync::Arc<std::path::PathBuf>>,
}

impl Store {
    /// Opens (creating if needed) the SQLite store `veza.db` in `data_dir`.
    pub async fn open_data_dir(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| Error::Database(sqlx::Error::Io(e)))?;
        let url = format!("sqlite://{}?mode=rwc", data_dir.join("veza.db").display());
        Store::connect(&url).await
    }

    /// Connects to `sqlite://…` or `postgres://…` and applies pending migrations.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(Error::UnsupportedUrl(redact_url(url)));
        };
        let options = AnyConnectOptions::from_str(url)?;
        let sqlite_file = match backend {
            Backend::Sqlite => sqlite_file(url)?,
            Backend::Postgres => None,
        };
        let pool = AnyPoolOptions::new()
            // SQLite allows one writer; more connections only help readers.
            .max_connections(if backend == Backend::Sqlite { 4 } else { 10 })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(SQLITE_PRAGMAS).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let store = Store {
            pool,
            backend,
            audit_queue: Default::default(),
            sqlite_file,
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers (for `/healthz`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Closes the pool, waiting for connections to finish.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The file behind a `sqlite:` URL, or `None` for an in-memory database,
/// which no second connection can reach.
fn sqlite_file(url: &str) -> Result<Option<std::sync::Arc<std::path::PathBuf>>> {
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
    let file = options.get_filename();
    let in_memory = url.contains(":memory:")
        || url.contains("mode=memory")
        || file.to_string_lossy().starts_with("file:");
    Ok((!in_memory).then(|| std::sync::Arc::new(file.to_owned())))
}

/// A database URL without its password, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{}:***@{}", &url[..scheme + 3], user, &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}
