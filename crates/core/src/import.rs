//! Importing agency files: all or nothing, or with bad rows set aside.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use veza_io::{ImportOptions, RecordReader, RowError};
use veza_store::{Actor, ImportFailure, ImportMeta, NewRecord, Store};

use crate::keys::KeyCache;
use crate::{Error, Result};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// The store's import id.
    pub import_id: i64,
    /// Records committed.
    pub committed: u64,
    /// Rows set aside in the reject file (only with `--skip-invalid`).
    pub rejected: u64,
}

/// Where rejected rows go when bad rows should not stop the import: a CSV
/// with `line,column,value,reason`.
pub struct Rejects<'w> {
    writer: csv::Writer<&'w mut (dyn Write + Send)>,
    count: u64,
}

impl<'w> Rejects<'w> {
    /// Starts a reject file on `out`.
    pub fn new(out: &'w mut (dyn Write + Send)) -> Self {
        let mut writer = csv::Writer::from_writer(out);
        // A header write into a fresh writer only fails with the sink, which
        // the first row would report as well.
        let _ = writer.write_record(["file", "line", "column", "value", "reason"]);
        Rejects { writer, count: 0 }
    }

    fn push(&mut self, e: &RowError) -> std::io::Result<()> {
        self.count += 1;
        self.writer
            .write_record([
                e.file.as_str(),
                &e.line.to_string(),
                &e.column,
                &e.value,
                &e.reason,
            ])
            .map_err(std::io::Error::other)
    }
}

/// Imports a file from disk; see [`import_reader`].
pub async fn import_file(
    store: &Store,
    actor: &Actor,
    path: &Path,
    opts: &ImportOptions,
    rejects: Option<&mut Rejects<'_>>,
) -> Result<ImportReport> {
    let reader = RecordReader::open(path, opts)?;
    run(
        store,
        actor,
        reader,
        &path.display().to_string(),
        opts,
        rejects,
    )
    .await
}

/// Imports from any reader; `name` names the file in errors and the audit log.
///
/// Without `rejects`, the first bad row aborts the import and nothing is
/// committed. With it, bad rows are written there and the rest commits.
pub async fn import_reader<R: Read + Send>(
    store: &Store,
    actor: &Actor,
    name: &str,
    source: R,
    opts: &ImportOptions,
    rejects: Option<&mut Rejects<'_>>,
) -> Result<ImportReport> {
    let reader = RecordReader::from_reader(name, source, opts)?;
    run(store, actor, reader, name, opts, rejects).await
}

async fn run<R: Read + Send>(
    store: &Store,
    actor: &Actor,
    reader: RecordReader<R>,
    name: &str,
    opts: &ImportOptions,
    mut rejects: Option<&mut Rejects<'_>>,
) -> Result<ImportReport> {
    // New keys must join keys of the same matcher version.
    crate::keys::ensure_current(store, actor).await?;
    let mut reject_io: Option<std::io::Error> = None;
    let rows = with_keys(reader).filter_map(|row| match row {
        Ok(rec) => Some(Ok(rec)),
        Err(e) => match rejects.as_deref_mut() {
            Some(r) => {
                if let Err(io) = r.push(&e) {
                    reject_io.get_or_insert(io);
                }
                None
            }
            None => Some(Err(e)),
        },
    });
    let meta = ImportMeta {
        file: name.to_owned(),
        agency: opts.agency.clone(),
    };
    let summary = store.import(actor, &meta, rows).await.map_err(|f| match f {
        ImportFailure::Row(e) => Error::Row(e),
        ImportFailure::Store(e) => Error::Store(e),
    });
    let rejected = match rejects {
        Some(r) => {
            r.writer.flush().map_err(|source| Error::Io {
                path: "reject file".into(),
                source,
            })?;
            r.count
        }
        None => 0,
    };
    if let Some(source) = reject_io {
        return Err(Error::Io {
            path: "reject file".into(),
            source,
        });
    }
    let summary = summary?;
    Ok(ImportReport {
        import_id: summary.import_id,
        committed: summary.records,
        rejected,
    })
}

/// Rows read ahead and keyed together: computing name keys is the costly
/// part of reading, so it runs on another core while the database writes.
const KEY_CHUNK: usize = 2048;

type Keyed = Vec<Result<NewRecord, RowError>>;

/// Attaches search keys to each record; order and errors pass through
/// unchanged. While the caller writes one chunk, the next chunk is parsed
/// here and keyed on a second thread (records are owned, so that thread
/// needs nothing from the reader).
fn with_keys<I>(rows: I) -> impl Iterator<Item = Result<NewRecord, RowError>>
where
    I: Iterator<Item = Result<veza_model::PersonRecord, RowError>>,
{
    let mut rows = rows.peekable();
    let mut ahead: Option<std::thread::JoinHandle<Keyed>> = None;
    let cache = Arc::new(KeyCache::default());
    std::iter::from_fn(move || {
        if ahead.is_none() {
            ahead = start_chunk(&mut rows, &cache);
        }
        let current = ahead.take()?;
        // Start the following chunk before waiting for this one.
        ahead = start_chunk(&mut rows, &cache);
        Some(join(current))
    })
    .flatten()
}

fn start_chunk<I>(
    rows: &mut std::iter::Peekable<I>,
    cache: &Arc<KeyCache>,
) -> Option<std::thread::JoinHandle<Keyed>>
where
    I: Iterator<Item = Result<veza_model::PersonRecord, RowError>>,
{
    rows.peek()?;
    let chunk: Vec<_> = rows.by_ref().take(KEY_CHUNK).collect();
    let cache = cache.clone();
    Some(std::thread::spawn(move || key_chunk(chunk, &cache)))
}

fn join(handle: std::thread::JoinHandle<Keyed>) -> Keyed {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn key_chunk(chunk: Vec<Result<veza_model::PersonRecord, RowError>>, cache: &KeyCache) -> Keyed {
    chunk
        .into_iter()
        .map(|row| {
            row.map(|record| NewRecord {
                keys: cache.record_keys(&record),
                record,
            })
        })
        .collect()
}
