//! Person records: import, read, search, export — each authorized and audited.

use std::collections::HashSet;

use sqlx::{Any, AssertSqlSafe, Row};
use veza_model::{PersonRecord, SubjectCategory};

use crate::audit_log::{append, draft};
use crate::{Actor, Backend, Error, Result, Store, clock, policy};

/// A record to import with its search keys (hashed name keys from the names
/// crate, computed by the caller so that the store stays free of matching logic).
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// The record as reported.
    pub record: PersonRecord,
    /// Search keys.
    pub keys: Vec<i64>,
}

/// What is being imported.
#[derive(Debug, Clone)]
pub struct ImportMeta {
    /// File name or upload name.
    pub file: String,
    /// Agency the file came from.
    pub agency: String,
}

/// The result of a committed import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// Import id.
    pub import_id: i64,
    /// Records committed.
    pub records: u64,
}

/// Why an import committed nothing: a bad row from the reader, or the store.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure<E: std::error::Error + 'static> {
    /// A row was invalid; nothing was committed.
    #[error("{0}")]
    Row(#[source] E),
    /// The store refused or failed; nothing was committed.
    #[error("{0}")]
    Store(#[from] Error),
}

/// A search candidate and how many of the query's keys it shares.
#[derive(Debug, Clone)]
pub struct SearchHit {
    /// The record.
    pub record: PersonRecord,
    /// Shared keys.
    pub shared_keys: u32,
}

/// Aggregate counts for the dashboard: no personal data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Person records.
    pub records: u64,
    /// Distinct agencies.
    pub agencies: u64,
    /// Committed imports.
    pub imports: u64,
    /// Records of victims and presumed victims.
    pub victims: u64,
    /// Audit entries.
    pub audit_entries: u64,
}

/// Records per flushed batch (the unit of memory held during an import).
pub(crate) const RECORD_BATCH: usize = 1000;

impl Store {
    /// Imports a file's records in one transaction: all commit, or none (a
    /// bad row, a duplicate id or a crash leaves the store as it was).
    pub async fn import<E, I>(
        &self,
        actor: &Actor,
        meta: &ImportMeta,
        rows: I,
    ) -> Result<ImportSummary, ImportFailure<E>>
    where
        E: std::error::Error + 'static,
        I: IntoIterator<Item = Result<NewRecord, E>>,
    {
        if !policy::may_import(actor.role) {
            return Err(
                Error::Forbidden(format!("role {} may not import records", actor.role)).into(),
            );
        }
        if let Some(file) = &self.sqlite_file {
            return crate::sqlite_import::import(file, actor, meta, rows).await;
        }
        let mut tx = self.pool.begin().await.map_err(Error::from)?;
        let row = sqlx::query("INSERT INTO imports (file, agency, actor, at, records) VALUES ($1, $2, $3, $4, 0) RETURNING id")
            .bind(&meta.file)
            .bind(&meta.agency)
            .bind(&actor.user)
            .bind(clock::now())
            .fetch_one(&mut *tx)
            .await
            .map_err(Error::from)?;
        let import_id: i64 = row.try_get("id").map_err(Error::from)?;
        let mut seen = HashSet::new();
        let mut batch = Vec::with_capacity(RECORD_BATCH);
        let mut total = 0u64;
        for row in rows {
            let rec = row.map_err(ImportFailure::Row)?;
            if !seen.insert(rec.record.id.clone()) {
                return Err(Error::DuplicateRecord(rec.record.id).into());
            }
            batch.push(rec);
            if batch.len() == RECORD_BATCH {
                total += insert_batch(self.backend, &mut tx, import_id, &batch).await?;
                batch.clear();
            }
        }
        total += insert_batch(self.backend, &mut tx, import_id, &batch).await?;
        sqlx::query("UPDATE imports SET records = $1 WHERE id = $2")
            .bind(total as i64)
            .bind(import_id)
            .execute(&mut *tx)
            .await
            .map_err(Error::from)?;
        append(
            &mut tx,
            draft(
                actor,
                "import.commit",
                format!("{} from {}", meta.file, meta.agency),
            )
            .outcome(format!("import {import_id}: {total} records")),
        )
        .await?;
        tx.commit().await.map_err(Error::from)?;
        Ok(ImportSummary {
            import_id,
            records: total,
        })
    }

    /// Reads one record. Audited whether allowed or not.
    pub async fn record(&self, actor: &Actor, id: &str) -> Result<Option<PersonRecord>> {
        if actor.reason.trim().is_empty() && policy::may_read_records(actor.role) {
            self.audit(draft(actor, "record.read", id).outcome("refused: no reason given"))
                .await?;
            return Err(Error::ReasonRequired);
        }
        let row = sqlx::query("SELECT data FROM records WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let record = row.map(|r| decode(&r)).transpose()?;
        let allowed = record.as_ref().is_none_or(|r| visible(actor, r));
        let outcome = match (&record, allowed) {
            (None, _) => "not found",
            (Some(_), true) => "shown",
            (Some(_), false) => "denied",
        };
        self.audit(draft(actor, "record.read", id).outcome(outcome))
            .await?;
        if !allowed || !policy::may_read_records(actor.role) {
            return Err(Error::Forbidden(
                "this record is not available to your role or agency".into(),
            ));
        }
        Ok(record)
    }

    /// Candidate records sharing any of `keys`, most shared keys first, with
    /// the policy applied in SQL so that hidden records never leave the
    /// database. `query` is what the user typed, kept in the audit entry.
    pub async fn search(
        &self,
        actor: &Actor,
        query: &str,
        keys: &[i64],
        limit: u32,
    ) -> Result<Vec<SearchHit>> {
        if !policy::may_read_records(actor.role) {
            self.audit(draft(actor, "record.search", query).outcome("denied"))
                .await?;
            return Err(Error::Forbidden(format!(
                "role {} may not search records",
                actor.role
            )));
        }
        if actor.reason.trim().is_empty() {
            self.audit(draft(actor, "record.search", query).outcome("refused: no reason given"))
                .await?;
            return Err(Error::ReasonRequired);
        }
        let mut hits = Vec::new();
        if !keys.is_empty() {
            let keys = &keys[..keys.len().min(512)];
            let (vis, vis_binds) = visibility(self.backend, actor, keys.len() + 1);
            let sql = format!(
                "SELECT r.data AS data, COUNT(*) AS shared FROM record_keys k JOIN records r ON r.id = k.record_id \
                 WHERE k.key IN ({}){vis} GROUP BY r.id, r.data ORDER BY shared DESC, r.id LIMIT {}",
                placeholders(self.backend, 1, keys.len()),
                limit.min(10_000)
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for k in keys {
                q = q.bind(*k);
            }
            for b in vis_binds {
                q = q.bind(b);
            }
            for row in q.fetch_all(&self.pool).await? {
                hits.push(SearchHit {
                    record: decode(&row)?,
                    shared_keys: row.try_get::<i64, _>("shared")? as u32,
                });
            }
        }
        let ids: Vec<&str> = hits.iter().map(|h| h.record.id.as_str()).collect();
        self.audit(draft(actor, "record.search", query).outcome(format!(
            "{} candidates: {}",
            hits.len(),
            ids.join(" ")
        )))
        .await?;
        Ok(hits)
    }

    /// Streams every record the actor may see to `sink`, in id order.
    pub async fn export(
        &self,
        actor: &Actor,
        mut sink: impl FnMut(PersonRecord) -> Result<()>,
    ) -> Result<u64> {
        if !policy::may_export(actor.role) {
            self.audit(draft(actor, "record.export", "all").outcome("denied"))
                .await?;
            return Err(Error::Forbidden(format!(
                "role {} may not export records",
                actor.role
            )));
        }
        let mut last = String::new();
        let mut count = 0u64;
        loop {
            let (vis, vis_binds) = visibility(self.backend, actor, 2);
            let sql = format!(
                "SELECT r.data AS data, r.id AS id FROM records r WHERE r.id > {} {vis} ORDER BY r.id LIMIT 5000",
                placeholders(self.backend, 1, 1)
            );
            let mut q = sqlx::query(AssertSqlSafe(sql)).bind(last.clone());
            for b in vis_binds {
                q = q.bind(b);
            }
            let rows = q.fetch_all(&self.pool).await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                sink(decode(row)?)?;
                count += 1;
            }
            last = rows
                .last()
                .map(|r| r.try_get("id"))
                .transpose()?
                .unwrap_or_default();
        }
        self.audit(draft(actor, "record.export", "all").outcome(format!("{count} records")))
            .await?;
        Ok(count)
    }

    /// Dashboard counts (aggregates only).
    pub async fn counts(&self) -> Result<Counts> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM records) AS records, (SELECT COUNT(DISTINCT agency) FROM records) AS agencies, \
             (SELECT COUNT(*) FROM imports) AS imports, \
             (SELECT COUNT(*) FROM records WHERE category IN ('victim', 'presumed_victim')) AS victims, \
             (SELECT seq FROM audit_head WHERE id = 1) AS audit_entries",
        )
        .fetch_one(&self.pool)
        .await?;
        let n = |c: &str| row.try_get::<i64, _>(c).map(|v| v as u64);
        Ok(Counts {
            records: n("records")?,
            agencies: n("agencies")?,
            imports: n("imports")?,
            victims: n("victims")?,
            audit_entries: n("audit_entries")?,
        })
    }
}

pub(crate) fn visible(actor: &Actor, r: &PersonRecord) -> bool {
    let country = r.provenance.country.map(|c| c.to_string());
    policy::may_see_record(
        actor,
        r.category,
        r.provenance.handling,
        &r.provenance.agency,
        country.as_deref(),
    )
}

/// The policy of [`policy::may_see_record`] as a SQL condition on `r`, with
/// its bind values; placeholders are numbered from `first`.
fn visibility(backend: Backend, actor: &Actor, first: usize) -> (String, Vec<String>) {
    let mut sql = String::new();
    if !policy::may_see_victims(actor.role) {
        sql.push_str(
            " AND (r.category IS NULL OR r.category NOT IN ('victim', 'presumed_victim'))",
        );
    }
    let agency = placeholders(backend, first, 1);
    let country = placeholders(backend, first + 1, 1);
    sql.push_str(&format!(
        " AND (r.handling NOT IN ('H2', 'H3') OR r.agency = {agency} OR (r.handling = 'H2' AND r.country = {country}))"
    ));
    // An actor without a country matches no record's country.
    (
        sql,
        vec![
            actor.agency.clone(),
            actor.country.clone().unwrap_or_default(),
        ],
    )
}

/// `$start, $start+1, …` for `count` values. PostgreSQL wants `$n`
/// (sqlx's `QueryBuilder<Any>` emits `?`, which it refuses). SQLite reads
/// `$n` as a *named* parameter and resolves each name by a linear search, so
/// a 9,000-value insert costs tens of millions of string compares to
/// prepare; its numbered form `?n` costs nothing.
pub(crate) fn placeholders(backend: Backend, start: usize, count: usize) -> String {
    let sigil = match backend {
        Backend::Sqlite => '?',
        Backend::Postgres => '$',
    };
    (start..start + count)
        .map(|i| format!("{sigil}{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn decode(row: &sqlx::any::AnyRow) -> Result<PersonRecord> {
    let data: String = row.try_get("data")?;
    serde_json::from_str(&data).map_err(|e| Error::Corrupt {
        table: "records",
        column: "data",
        detail: e.to_string(),
    })
}

/// Writes one batch with two statements whatever its size: the rows travel
/// as one JSON document that the database unpacks itself (`json_each` in
/// SQLite, `json_to_recordset` in PostgreSQL). Binding values one by one
/// costs more in sqlx and SQLite's parameter bookkeeping than the inserts.
/// (SQLite files take the faster path in `sqlite_import`; this one serves
/// PostgreSQL and in-memory SQLite databases.)
async fn insert_batch(
    backend: Backend,
    tx: &mut sqlx::Transaction<'static, Any>,
    import_id: i64,
    batch: &[NewRecord],
) -> Result<u64> {
    if batch.is_empty() {
        return Ok(0);
    }
    // The batch is serialised straight from borrowed fields (no JSON value
    // tree), and the keys travel inside their record's object.
    let review_due: Vec<String> = batch
        .iter()
        .map(|r| clock::date_in_years(policy::review_years(r.record.category)))
        .collect();
    let mut out = Vec::with_capacity(batch.len());
    for (r, due) in batch.iter().zip(&review_due) {
        let rec = &r.record;
        let data = serde_json::to_string(rec).map_err(|e| Error::Corrupt {
            table: "records",
            column: "data",
            detail: e.to_string(),
        })?;
        let mut keys = r.keys.clone();
        keys.sort_unstable();
        keys.dedup();
        out.push(BatchRow {
            id: &rec.id,
            agency: &rec.provenance.agency,
            handling: rec.provenance.handling.as_str(),
            category: rec.category.map(SubjectCategory::as_str),
            display_name: rec.display_name(),
            date_of_birth: rec.date_of_birth.map(|d| d.to_string()),
            recorded_at: &rec.provenance.recorded_at,
            country: rec.provenance.country.map(|c| c.to_string()),
            review_due: due,
            search_keys: serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into()),
            keys,
            data,
        });
    }
    let has_keys = out.iter().any(|r| !r.keys.is_empty());
    let rows = serde_json::to_string(&out).map_err(|e| Error::Corrupt {
        table: "records",
        column: "data",
        detail: e.to_string(),
    })?;
    let inserted = sqlx::query(INSERT_RECORDS[backend as usize])
        .bind(rows.clone())
        .bind(import_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if inserted != batch.len() as u64 {
        // ON CONFLICT DO NOTHING skipped ids that exist; name one. The import
        // rolls back, so nothing of this batch stays.
        let row = sqlx::query(EXISTING_ID[backend as usize])
            .bind(rows)
            .bind(import_id)
            .fetch_optional(&mut **tx)
            .await?;
        let id = row
            .map(|r| r.try_get::<String, _>("id"))
            .transpose()?
            .unwrap_or_else(|| "(unknown)".into());
        return Err(Error::DuplicateRecord(id));
    }
    if has_keys {
        sqlx::query(INSERT_KEYS[backend as usize])
            .bind(rows)
            .execute(&mut **tx)
            .await?;
    }
    Ok(batch.len() as u64)
}

/// Indexed by [`Backend`]: SQLite, then PostgreSQL. (SQLite needs the
/// `WHERE true` to parse an upsert after a SELECT.)
const INSERT_RECORDS: [&str; 2] = [
    "INSERT INTO records (id, agency, handling, category, display_name, date_of_birth, recorded_at, import_id, data, review_due, country, search_keys) \
     SELECT value ->> '$.id', value ->> '$.agency', value ->> '$.handling', value ->> '$.category', value ->> '$.display_name', \
            value ->> '$.date_of_birth', value ->> '$.recorded_at', $2, value ->> '$.data', value ->> '$.review_due', value ->> '$.country', \
            value ->> '$.search_keys' \
     FROM json_each($1) WHERE true ON CONFLICT (id) DO NOTHING",
    "INSERT INTO records (id, agency, handling, category, display_name, date_of_birth, recorded_at, import_id, data, review_due, country, search_keys) \
     SELECT x.id, x.agency, x.handling, x.category, x.display_name, x.date_of_birth, x.recorded_at, $2, x.data, x.review_due, x.country, x.search_keys \
     FROM json_to_recordset($1::json) \
          AS x(id text, agency text, handling text, category text, display_name text, date_of_birth text, recorded_at text, \
               data text, review_due text, country text, search_keys text) \
     ON CONFLICT (id) DO NOTHING",
];

const EXISTING_ID: [&str; 2] = [
    "SELECT r.id AS id FROM records r JOIN json_each($1) j ON r.id = j.value ->> '$.id' WHERE r.import_id <> $2 LIMIT 1",
    "SELECT r.id AS id FROM records r JOIN json_to_recordset($1::json) AS x(id text) ON r.id = x.id WHERE r.import_id <> $2 LIMIT 1",
];

pub(crate) const INSERT_KEYS: [&str; 2] = [
    "INSERT OR IGNORE INTO record_keys (key, record_id) \
     SELECT k.value, r.value ->> '$.id' FROM json_each($1) r, json_each(r.value, '$.keys') k",
    "INSERT INTO record_keys (key, record_id) \
     SELECT k.key_text::bigint, x.id FROM json_to_recordset($1::json) AS x(id text, keys json) \
     CROSS JOIN LATERAL json_array_elements_text(x.keys) AS k(key_text)",
];

/// One record of a batch as the database unpacks it.
#[derive(serde::Serialize)]
struct BatchRow<'a> {
    id: &'a str,
    agency: &'a str,
    handling: &'static str,
    category: Option<&'static str>,
    display_name: String,
    date_of_birth: Option<String>,
    recorded_at: &'a str,
    country: Option<String>,
    review_due: &'a str,
    search_keys: String,
    keys: Vec<i64>,
    data: String,
}
