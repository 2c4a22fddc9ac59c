//! Bulk import into SQLite through a dedicated connection to the same file.
//!
//! sqlx's `Any` driver converts every bound value and asks SQLite for each
//! parameter's name, and the JSON batches that avoid this cost SQLite more in
//! unpacking (every extracted field re-parses its element) than the inserts
//! themselves. Here the statements are prepared once per import and values
//! are bound directly. The writes run on their own thread, fed batches
//! through a short queue, so that reading and keying the file (on the
//! caller's side) overlap with the inserts. Search keys are held back and
//! written in key order (in runs of at most [`KEY_RUN`]): inserted in record
//! order they land all over the key B-tree, which cost more than the records.
//!
//! The guarantees are those of the portable path: one transaction holds the
//! `imports` row, the records, their search keys and the audit entry, which is
//! chained by the same rules as every other append ([`append_sqlite`]).
//! Anything short of the final commit rolls back. As on the portable path,
//! the import holds SQLite's write lock from its first batch to its commit;
//! other writers wait for it (up to the busy timeout) and readers do not.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};
use tokio::sync::{mpsc, oneshot};
use veza_model::SubjectCategory;

use crate::audit_log::{append_sqlite, draft};
use crate::records::{ImportFailure, ImportMeta, ImportSummary, NewRecord, RECORD_BATCH};
use crate::{Actor, Error, Result, SQLITE_PRAGMAS, clock, policy};

/// Batches queued between the reader and the writer: enough to keep the
/// writer busy while the next chunk is keyed, little enough to bound memory.
const QUEUE: usize = 4;

/// The import connection's page cache: 4 MiB instead of the pool's 256.
/// With the large cache every page the import dirties stays in memory until
/// the commit, which then writes them all to the WAL at once and checkpoints
/// them; with a small one, finished pages (the import appends) go to the WAL
/// as the import runs and their memory is reused. Measured with the import
/// benchmark: 93,000–98,000 records/s with 256 MiB against
/// 114,000–118,000 with 4 MiB, and into a filled store with interleaved ids
/// 58,000–66,000 against 78,000–84,000.
const IMPORT_CACHE: &str = "PRAGMA cache_size = -4096;";

/// How long the writer waits for another writer's lock, as the pool does.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

enum Message {
    Batch(Vec<Row>),
    /// Every row was read and accepted: write the audit entry and commit.
    Commit,
}

/// Imports `rows` into the SQLite database at `path`; see [`crate::Store::import`].
pub(crate) async fn import<E, I>(
    path: &Path,
    actor: &Actor,
    meta: &ImportMeta,
    rows: I,
) -> Result<ImportSummary, ImportFailure<E>>
where
    E: std::error::Error + 'static,
    I: IntoIterator<Item = Result<NewRecord, E>>,
{
    let (queue, inbox) = mpsc::channel(QUEUE);
    let (done, outcome) = oneshot::channel();
    let writer = Writer {
        path: path.to_owned(),
        actor: actor.clone(),
        meta: meta.clone(),
    };
    std::thread::Builder::new()
        .name("veza-import".into())
        .spawn(move || {
            let _ = done.send(writer.run(inbox));
        })
        .map_err(|e| Error::Database(sqlx::Error::Io(e)))?;

    let mut batch = Vec::with_capacity(RECORD_BATCH);
    let mut failure = None;
    for row in rows {
        match row.map(Row::new) {
            Ok(Ok(row)) => batch.push(row),
            Ok(Err(e)) => {
                failure = Some(ImportFailure::Store(e));
                break;
            }
            Err(e) => {
                failure = Some(ImportFailure::Row(e));
                break;
            }
        }
        if batch.len() == RECORD_BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(RECORD_BATCH));
            if queue.send(Message::Batch(full)).await.is_err() {
                // The writer stopped (a duplicate id, a database error): its
                // outcome says why.
                break;
            }
        }
    }
    if failure.is_none() {
        if !batch.is_empty() {
            let _ = queue.send(Message::Batch(batch)).await;
        }
        let _ = queue.send(Message::Commit).await;
    }
    // Closing the queue without `Commit` makes the writer roll back; waiting
    // for it means that nothing of a failed import is pending on return.
    drop(queue);
    let outcome = outcome.await.unwrap_or_else(|_| {
        Err(Stop::Failed(Error::Sqlite(
            "the import writer panicked".into(),
        )))
    });
    match (outcome, failure) {
        (Ok(summary), None) => Ok(summary),
        // The writer is behind the reader: its failure (a duplicate id)
        // comes earlier in the file than a bad row the reader met since.
        (Err(Stop::Failed(e)), _) => Err(ImportFailure::Store(e)),
        // (The writer commits only when asked, which it was not.)
        (_, Some(failure)) => Err(failure),
        (Err(Stop::Abandoned), None) => Err(ImportFailure::Store(Error::Sqlite(
            "the import was abandoned before its commit".into(),
        ))),
    }
}

/// Why the writer stopped without committing.
enum Stop {
    /// The reader closed the queue without asking for the commit.
    Abandoned,
    /// The database refused or failed.
    Failed(Error),
}

impl From<Error> for Stop {
    fn from(e: Error) -> Self {
        Stop::Failed(e)
    }
}

struct Writer {
    path: PathBuf,
    actor: Actor,
    meta: ImportMeta,
}

impl Writer {
    fn run(self, mut inbox: mpsc::Receiver<Message>) -> Result<ImportSummary, Stop> {
        let mut conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        conn.execute_batch(SQLITE_PRAGMAS).map_err(sqlite)?;
        conn.execute_batch(IMPORT_CACHE).map_err(sqlite)?;

        // The write lock is taken only once the first batch is ready, so
        // other writers are not held up while the file starts to be read.
        let mut next = inbox.blocking_recv();
        if next.is_none() {
            return Err(Stop::Abandoned);
        }
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        let import_id: i64 = tx
            .query_row(
                "INSERT INTO imports (file, agency, actor, at, records) VALUES (?1, ?2, ?3, ?4, 0) RETURNING id",
                params![self.meta.file, self.meta.agency, self.actor.user, clock::now()],
                |r| r.get(0),
            )
            .map_err(sqlite)?;
        let mut total = 0i64;
        {
            let mut rows = Rows::prepare(&tx, import_id)?;
            loop {
                match next {
                    Some(Message::Batch(batch)) => {
                        total += batch.len() as i64;
                        rows.insert(batch)?;
                    }
                    Some(Message::Commit) => break,
                    // The reader gave up (a bad row) or went away: dropping
                    // the transaction rolls everything back.
                    None => return Err(Stop::Abandoned),
                }
                next = inbox.blocking_recv();
            }
            rows.flush_keys()?;
        }
        tx.execute(
            "UPDATE imports SET records = ?1 WHERE id = ?2",
            params![total, import_id],
        )
        .map_err(sqlite)?;
        append_sqlite(
            &tx,
            draft(
                &self.actor,
                "import.commit",
                format!("{} from {}", self.meta.file, self.meta.agency),
            )
            .outcome(format!("import {import_id}: {total} records")),
        )?;
        tx.commit().map_err(sqlite)?;
        Ok(ImportSummary {
            import_id,
            records: total as u64,
        })
    }
}

/// A record with its columns and search keys ready to bind, prepared on the
/// reading side so that the writer does nothing but write.
struct Row {
    id: String,
    agency: String,
    handling: &'static str,
    category: Option<&'static str>,
    display_name: String,
    date_of_birth: Option<String>,
    recorded_at: String,
    country: Option<String>,
    review_years: u8,
    data: String,
    /// Sorted and without repeats; also stored as `search_keys`.
    keys: Vec<i64>,
    /// `keys` packed for the `search_keys` column, see [`pack_keys`].
    search_keys: Vec<u8>,
}

/// A record's search keys as SQLite stores them on this path: a blob of
/// 8-byte little-endian integers. As a JSON array (the portable path's
/// form, still read) they took 159 bytes per record in the synthetic data,
/// the blob takes 62: every byte is written twice (to the WAL, then by the
/// checkpoint), and at 830,000 records per import this alone took the
/// import from 84,000–95,000 to 101,000–108,000 records per second.
pub(crate) fn pack_keys(keys: &[i64]) -> Vec<u8> {
    keys.iter().flat_map(|k| k.to_le_bytes()).collect()
}

/// The keys of a [`pack_keys`] blob (a trailing partial key is ignored).
pub(crate) fn unpack_keys(blob: &[u8]) -> Vec<i64> {
    blob.chunks_exact(8)
        .map(|c| i64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect()
}

impl Row {
    fn new(r: NewRecord) -> Result<Row> {
        let NewRecord { record, mut keys } = r;
        let data = serde_json::to_string(&record).map_err(|e| Error::Corrupt {
            table: "records",
            column: "data",
            detail: e.to_string(),
        })?;
        keys.sort_unstable();
        keys.dedup();
        let search_keys = pack_keys(&keys);
        Ok(Row {
            handling: record.provenance.handling.as_str(),
            category: record.category.map(SubjectCategory::as_str),
            display_name: record.display_name(),
            date_of_birth: record.date_of_birth.map(|d| d.to_string()),
            country: record.provenance.country.map(|c| c.to_string()),
            review_years: policy::review_years(record.category),
            id: record.id,
            agency: record.provenance.agency,
            recorded_at: record.provenance.recorded_at,
            data,
            keys,
            search_keys,
        })
    }
}

/// Search keys per key statement. Multi-row statements save a statement
/// execution (and a fresh B-tree descent) per key.
const KEYS_PER_STATEMENT: usize = 64;

/// Search keys held back before they are written in key order: 64 MB.
const KEY_RUN: usize = 1 << 22;

/// The prepared inserts of one import.
struct Rows<'c> {
    record: rusqlite::Statement<'c>,
    keys: rusqlite::Statement<'c>,
    key: rusqlite::Statement<'c>,
    import_id: i64,
    /// Search keys not yet written, as (key, index into `ids`).
    pending: Vec<(i64, u32)>,
    /// Ids of the records inserted since the keys were last written.
    ids: Vec<String>,
    /// Review dates by retention period: one import is dated once.
    review_due: Vec<(u8, String)>,
}

impl<'c> Rows<'c> {
    fn prepare(conn: &'c Connection, import_id: i64) -> Result<Self> {
        let values = (0..KEYS_PER_STATEMENT)
            .map(|i| format!("(?{}, ?{})", 2 * i + 1, 2 * i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        Ok(Rows {
            record: conn
                .prepare(
                    "INSERT INTO records (id, agency, handling, category, display_name, date_of_birth, recorded_at, import_id, data, review_due, country, search_keys) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .map_err(sqlite)?,
            keys: conn
                .prepare(&format!(
                    "INSERT OR IGNORE INTO record_keys (key, record_id) VALUES {values}"
                ))
                .map_err(sqlite)?,
            key: conn
                .prepare("INSERT OR IGNORE INTO record_keys (key, record_id) VALUES (?1, ?2)")
                .map_err(sqlite)?,
            import_id,
            pending: Vec::new(),
            ids: Vec::new(),
            review_due: Vec::new(),
        })
    }

    /// Index into `review_due` of the date `years` from today.
    fn review_due(&mut self, years: u8) -> usize {
        match self.review_due.iter().position(|(y, _)| *y == years) {
            Some(i) => i,
            None => {
                self.review_due.push((years, clock::date_in_years(years)));
                self.review_due.len() - 1
            }
        }
    }

    fn insert(&mut self, batch: Vec<Row>) -> Result<()> {
        for r in &batch {
            let due = self.review_due(r.review_years);
            let due = &self.review_due[due].1;
            self.record
                .execute(params![
                    r.id,
                    r.agency,
                    r.handling,
                    r.category,
                    r.display_name,
                    r.date_of_birth,
                    r.recorded_at,
                    self.import_id,
                    r.data,
                    due,
                    r.country,
                    r.search_keys,
                ])
                .map_err(|e| {
                    if is_primary_key_violation(&e) {
                        Error::DuplicateRecord(r.id.clone())
                    } else {
                        sqlite(e)
                    }
                })?;
        }
        for r in batch {
            let idx = self.ids.len() as u32;
            self.pending.extend(r.keys.iter().map(|k| (*k, idx)));
            self.ids.push(r.id);
        }
        if self.pending.len() >= KEY_RUN {
            self.flush_keys()?;
        }
        Ok(())
    }

    /// Writes the keys held back so far, in key order: consecutive inserts
    /// land on neighbouring pages of the key B-tree (on an empty one, they
    /// only append) instead of all over it.
    fn flush_keys(&mut self) -> Result<()> {
        self.pending.sort_unstable();
        let mut chunks = self.pending.chunks_exact(KEYS_PER_STATEMENT);
        for chunk in &mut chunks {
            for (i, (key, idx)) in chunk.iter().enumerate() {
                self.keys
                    .raw_bind_parameter(2 * i + 1, key)
                    .map_err(sqlite)?;
                self.keys
                    .raw_bind_parameter(2 * i + 2, &self.ids[*idx as usize])
                    .map_err(sqlite)?;
            }
            self.keys.raw_execute().map_err(sqlite)?;
        }
        for (key, idx) in chunks.remainder() {
            self.key
                .execute(params![key, self.ids[*idx as usize]])
                .map_err(sqlite)?;
        }
        self.pending.clear();
        self.ids.clear();
        Ok(())
    }
}

fn is_primary_key_violation(e: &rusqlite::Error) -> bool {
    e.sqlite_error()
        .is_some_and(|e| e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

pub(crate) fn sqlite(e: rusqlite::Error) -> Error {
    Error::Sqlite(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_keys_unpack_to_the_same_keys() {
        let keys = [i64::MIN, -8_883_795_721_886_170_462, -1, 0, 1, i64::MAX];
        let blob = pack_keys(&keys);
        assert_eq!(blob.len(), 8 * keys.len());
        assert_eq!(unpack_keys(&blob), keys);
        assert!(unpack_keys(&[]).is_empty());
    }
}
