//! Periodic review of stored records (LED Art. 5): a queue of records whose
//! review date has passed, kept for another period or deleted. Deletion
//! leaves an audit entry naming the record id, never its content.

use sqlx::Row;
use veza_model::SubjectCategory;

use crate::audit_log::{append, draft};
use crate::{Actor, Error, Result, Store, clock, policy};

/// A record due for review: enough to decide, nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRecord {
    /// Record id.
    pub id: String,
    /// Name as reported.
    pub display_name: String,
    /// Data-subject category.
    pub category: Option<SubjectCategory>,
    /// When it was recorded.
    pub recorded_at: String,
    /// When its review fell due.
    pub review_due: String,
}

impl Store {
    /// Records of the actor's agency whose review date has passed and which
    /// the actor may review, oldest first.
    pub async fn review_queue(&self, actor: &Actor, limit: u32) -> Result<Vec<DueRecord>> {
        let rows = sqlx::query(
            "SELECT id, display_name, category, recorded_at, review_due FROM records \
             WHERE agency = $1 AND review_due IS NOT NULL AND review_due <= $2 ORDER BY review_due, id LIMIT $3",
        )
        .bind(actor.agency.clone())
        .bind(clock::today())
        .bind(i64::from(limit) * 4)
        .fetch_all(&self.pool)
        .await?;
        let mut due = Vec::new();
        for row in rows {
            let category: Option<String> = row.try_get("category")?;
            let category =
                category
                    .map(|c| c.parse())
                    .transpose()
                    .map_err(|e: veza_model::Error| Error::Corrupt {
                        table: "records",
                        column: "category",
                        detail: e.to_string(),
                    })?;
            if !policy::may_review(actor, category, &actor.agency) {
                continue;
            }
            due.push(DueRecord {
                id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                category,
                recorded_at: row.try_get("recorded_at")?,
                review_due: row.try_get("review_due")?,
            });
            if due.len() == limit as usize {
                break;
            }
        }
        self.audit(
            draft(actor, "review.queue", &actor.agency)
                .outcome(format!("{} records due", due.len())),
        )
        .await?;
        Ok(due)
    }

    /// Keeps a record for another review period; returns the new date.
    pub async fn keep_record(&self, actor: &Actor, id: &str) -> Result<String> {
        let (category, agency) = self.review_target(actor, id).await?;
        let next = clock::date_in_years(policy::review_years(category));
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE records SET review_due = $1 WHERE id = $2")
            .bind(next.clone())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        append(
            &mut tx,
            draft(actor, "record.review.keep", id)
                .outcome(format!("agency {agency}; next review {next}")),
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Deletes a record and its search keys. The audit entry keeps the id,
    /// who and why, but no personal data.
    pub async fn delete_record(&self, actor: &Actor, id: &str) -> Result<()> {
        if actor.reason.trim().is_empty() {
            return Err(Error::ReasonRequired);
        }
        let (_, agency) = self.review_target(actor, id).await?;
        let mut tx = self.pool.begin().await?;
        // SQLite's key table is clustered by key alone: the record's own
        // key list finds its rows (records imported before the list was
        // kept fall back to a scan). The list is a blob of packed keys from
        // the SQLite import path, a JSON array from the portable one.
        // PostgreSQL indexes record_id.
        let packed: Option<Vec<u8>> = match self.backend {
            crate::Backend::Sqlite => sqlx::query_scalar(
                "SELECT search_keys FROM records WHERE id = $1 AND typeof(search_keys) = 'blob'",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?,
            crate::Backend::Postgres => None,
        };
        match (self.backend, packed) {
            (crate::Backend::Sqlite, Some(blob)) => {
                let keys = serde_json::to_string(&crate::sqlite_import::unpack_keys(&blob))
                    .unwrap_or_else(|_| "[]".into());
                sqlx::query(
                    "DELETE FROM record_keys WHERE record_id = $1 AND key IN (SELECT value FROM json_each($2))",
                )
                .bind(id)
                .bind(keys)
                .execute(&mut *tx)
                .await?;
            }
            (crate::Backend::Sqlite, None) => {
                for sql in [
                    "DELETE FROM record_keys WHERE record_id = $1 AND key IN \
                     (SELECT value FROM json_each(COALESCE((SELECT search_keys FROM records WHERE id = $1), '[]')))",
                    "DELETE FROM record_keys WHERE record_id = $1 \
                     AND (SELECT search_keys FROM records WHERE id = $1) IS NULL",
                ] {
                    sqlx::query(sql).bind(id).execute(&mut *tx).await?;
                }
            }
            (crate::Backend::Postgres, _) => {
                sqlx::query("DELETE FROM record_keys WHERE record_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        // Resolution results name the record by id only, but a deleted
        // record must leave no trace that could be joined back to it.
        for sql in [
            "DELETE FROM record_links WHERE record_a = $1 OR record_b = $1",
            "DELETE FROM person_of_record WHERE record_id = $1",
            "DELETE FROM judgements WHERE record_a = $1 OR record_b = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
        sqlx::query("DELETE FROM records WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        append(
            &mut tx,
            draft(actor, "record.delete", id)
                .outcome(format!("deleted on review; agency {agency}")),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn review_target(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<(Option<SubjectCategory>, String)> {
        let row = sqlx::query("SELECT category, agency FROM records WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            return Err(Error::Forbidden(format!("no record {id} to review")));
        };
        let category: Option<String> = row.try_get("category")?;
        let category = category.and_then(|c| c.parse().ok());
        let agency: String = row.try_get("agency")?;
        if !policy::may_review(actor, category, &agency) {
            self.audit(draft(actor, "record.review", id).outcome("denied"))
                .await?;
            return Err(Error::Forbidden("only the providing agency's investigators (victim support for victims) review a record".into()));
        }
        Ok((category, agency))
    }

    /// Test and operations hook: sets a record's review date (e.g. to bring
    /// it into the queue after a change of the retention schedule). Audited.
    pub async fn set_review_due(&self, actor: &Actor, id: &str, date: &str) -> Result<()> {
        let (_, _) = self.review_target(actor, id).await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE records SET review_due = $1 WHERE id = $2")
            .bind(date.to_owned())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        append(
            &mut tx,
            draft(actor, "record.review.reschedule", id).outcome(format!("review due {date}")),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
