//! Search keys follow the name matcher. Each record's keys are the name
//! matcher's blocking keys, computed at import; a newer matcher reads names
//! in more ways and keys them differently, and its queries would miss
//! records keyed by the old one. The store records which matcher its keys
//! came from (`settings`), and [`Store::rekey_records`] recomputes them all
//! at once.

use serde::Serialize;
use sqlx::Row;
use veza_model::PersonRecord;

use crate::audit_log::{append, draft};
use crate::{Actor, Error, Result, Store, policy};

/// The setting naming the matcher version of the stored search keys.
const MATCHER_SETTING: &str = "search_keys.matcher";

/// Records re-keyed per round trip.
const REKEY_PAGE: i64 = 2_000;

/// One record's new keys, as the key statements unpack them.
#[derive(Serialize)]
struct KeyRow {
    id: String,
    keys: Vec<i64>,
    search_keys: String,
}

/// Indexed by [`crate::Backend`]: SQLite, then PostgreSQL.
const UPDATE_KEY_LISTS: [&str; 2] = [
    "UPDATE records SET search_keys = j.value ->> '$.search_keys' \
     FROM json_each($1) AS j WHERE records.id = j.value ->> '$.id'",
    "UPDATE records SET search_keys = x.search_keys \
     FROM json_to_recordset($1::json) AS x(id text, search_keys text) WHERE records.id = x.id",
];

impl Store {
    /// The matcher version the stored search keys were computed with;
    /// `None` for a store never keyed since the version was recorded.
    pub async fn search_key_matcher(&self) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE name = $1")
                .bind(MATCHER_SETTING)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Recomputes every record's search keys with `keys_of` and records
    /// `matcher` as their version. One transaction with its audit entry:
    /// searches see the old keys or the new ones, never a mixture, and a
    /// failure (an unreadable record, a crash) leaves the old keys in
    /// place. Needs the right to import, since it rewrites the index
    /// imports build. Returns the number of records re-keyed.
    pub async fn rekey_records(
        &self,
        actor: &Actor,
        matcher: &str,
        keys_of: impl Fn(&PersonRecord) -> Vec<i64>,
    ) -> Result<u64> {
        if !policy::may_import(actor.role) {
            return Err(Error::Forbidden(format!(
                "role {} may not re-key records",
                actor.role
            )));
        }
        let backend = self.backend as usize;
        let mut tx = self.pool.begin().await?;
        // An import that committed keys while this transaction read the
        // records would leave them twice. SQLite's one writer rules that
        // out; PostgreSQL needs the key table locked against inserts
        // (which take ROW EXCLUSIVE) until the commit.
        if self.backend == crate::Backend::Postgres {
            sqlx::query("LOCK TABLE record_keys IN SHARE ROW EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM record_keys")
            .execute(&mut *tx)
            .await?;
        let (mut after, mut total) = (String::new(), 0u64);
        loop {
            let rows =
                sqlx::query("SELECT id, data FROM records WHERE id > $1 ORDER BY id LIMIT $2")
                    .bind(&after)
                    .bind(REKEY_PAGE)
                    .fetch_all(&mut *tx)
                    .await?;
            let Some(last) = rows.last() else { break };
            after = last.try_get("id")?;
            let mut batch = Vec::with_capacity(rows.len());
            for row in &rows {
                let id: String = row.try_get("id")?;
                let data: String = row.try_get("data")?;
                let record: PersonRecord =
                    serde_json::from_str(&data).map_err(|e| Error::Corrupt {
                        table: "records",
                        column: "data",
                        detail: format!("record {id}: {e}"),
                    })?;
                let mut keys = keys_of(&record);
                keys.sort_unstable();
                keys.dedup();
                let search_keys = serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into());
                batch.push(KeyRow {
                    id,
                    keys,
                    search_keys,
                });
            }
            let json = serde_json::to_string(&batch).map_err(|e| Error::Corrupt {
                table: "records",
                column: "search_keys",
                detail: e.to_string(),
            })?;
            sqlx::query(UPDATE_KEY_LISTS[backend])
                .bind(&json)
                .execute(&mut *tx)
                .await?;
            sqlx::query(crate::records::INSERT_KEYS[backend])
                .bind(&json)
                .execute(&mut *tx)
                .await?;
            total += batch.len() as u64;
        }
        sqlx::query(
            "INSERT INTO settings (name, value) VALUES ($1, $2) \
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(MATCHER_SETTING)
        .bind(matcher)
        .execute(&mut *tx)
        .await?;
        append(
            &mut tx,
            draft(actor, "records.rekey", matcher)
                .outcome(format!("search keys of {total} records recomputed")),
        )
        .await?;
        tx.commit().await?;
        Ok(total)
    }
}
