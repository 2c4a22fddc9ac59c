//! Alerts and their lifecycle: create, update, delete, review. Every change
//! is audited in the same transaction. The screening index follows these
//! changes in memory (see the server); [`Store::active_alerts`] feeds it at start.

use sqlx::Row;
use veza_model::Alert;

use crate::audit_log::{append, draft};
use crate::{Actor, Error, Result, Store, clock, policy};

impl Store {
    /// Creates an alert. Its id must be new.
    pub async fn create_alert(&self, actor: &Actor, alert: &Alert) -> Result<()> {
        self.write_alert(actor, alert, true).await
    }

    /// Replaces an existing alert (same id).
    pub async fn update_alert(&self, actor: &Actor, alert: &Alert) -> Result<()> {
        self.write_alert(actor, alert, false).await
    }

    async fn write_alert(&self, actor: &Actor, alert: &Alert, create: bool) -> Result<()> {
        if !policy::may_manage_alerts(actor.role) {
            return Err(Error::Forbidden(format!(
                "role {} may not manage alerts",
                actor.role
            )));
        }
        let data = serde_json::to_string(alert).map_err(|e| Error::Corrupt {
            table: "alerts",
            column: "data",
            detail: e.to_string(),
        })?;
        let now = clock::now();
        let mut tx = self.pool.begin().await?;
        let sql = if create {
            "INSERT INTO alerts (id, category, issuing_country, agency, review_date, expiry, created_at, updated_at, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)"
        } else {
            "UPDATE alerts SET category = $2, issuing_country = $3, agency = $4, review_date = $5, expiry = $6, updated_at = $7, data = $8 WHERE id = $1"
        };
        let result = sqlx::query(sql)
            .bind(alert.id.clone())
            .bind(alert.category.as_str())
            .bind(alert.issuing_country.to_string())
            .bind(actor.agency.clone())
            .bind(alert.review_date.to_string())
            .bind(alert.expiry.to_string())
            .bind(now)
            .bind(data)
            .execute(&mut *tx)
            .await;
        let n = match result {
            Err(e) if Error::is_unique_violation(&e) => {
                return Err(Error::DuplicateRecord(format!("alert {}", alert.id)));
            }
            other => other?.rows_affected(),
        };
        if n == 0 {
            return Err(Error::Forbidden(format!("no alert {} to update", alert.id)));
        }
        bump_generation(&mut tx).await?;
        let action = if create {
            "alert.create"
        } else {
            "alert.update"
        };
        append(
            &mut tx,
            draft(actor, action, &alert.id)
                .outcome(format!("{} until {}", alert.category, alert.expiry)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes an alert; the audit entry keeps its id and category.
    pub async fn delete_alert(&self, actor: &Actor, id: &str) -> Result<bool> {
        if !policy::may_manage_alerts(actor.role) {
            return Err(Error::Forbidden(format!(
                "role {} may not manage alerts",
                actor.role
            )));
        }
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query("DELETE FROM alerts WHERE id = $1 RETURNING category")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(false) };
        let category: String = row.try_get("category")?;
        bump_generation(&mut tx).await?;
        append(&mut tx, draft(actor, "alert.delete", id).outcome(category)).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// One alert, audited as a consultation.
    pub async fn alert(&self, actor: &Actor, id: &str) -> Result<Option<Alert>> {
        if !policy::may_manage_alerts(actor.role)
            && actor.role != veza_model::UserRole::BorderOfficer
        {
            return Err(Error::Forbidden(format!(
                "role {} may not read alerts",
                actor.role
            )));
        }
        let row = sqlx::query("SELECT data FROM alerts WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        self.audit(draft(actor, "alert.read", id).outcome(if row.is_some() {
            "shown"
        } else {
            "not found"
        }))
        .await?;
        row.map(|r| decode_alert(&r)).transpose()
    }

    /// Every alert not past its expiry, for building the screening index.
    /// The load itself is audited (the index is the data's only other home).
    pub async fn active_alerts(&self) -> Result<Vec<Alert>> {
        let rows = sqlx::query("SELECT data FROM alerts WHERE expiry >= $1 ORDER BY id")
            .bind(clock::today())
            .fetch_all(&self.pool)
            .await?;
        let alerts = rows.iter().map(decode_alert).collect::<Result<Vec<_>>>()?;
        self.audit(
            veza_audit::Draft::new(clock::now(), "system", "alerts.load", "screening index")
                .outcome(format!("{} active alerts", alerts.len())),
        )
        .await?;
        Ok(alerts)
    }

    /// Alerts whose review date has passed, oldest first (ids, categories, dates).
    pub async fn alerts_due(
        &self,
        actor: &Actor,
        limit: u32,
    ) -> Result<Vec<(String, String, String)>> {
        if !policy::may_manage_alerts(actor.role) {
            return Err(Error::Forbidden(format!(
                "role {} may not review alerts",
                actor.role
            )));
        }
        let rows = sqlx::query("SELECT id, category, review_date FROM alerts WHERE review_date <= $1 ORDER BY review_date, id LIMIT $2")
            .bind(clock::today())
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("id")?,
                    r.try_get("category")?,
                    r.try_get("review_date")?,
                ))
            })
            .collect()
    }

    /// Alerts for the management page, most recently changed first,
    /// optionally of one category or with ids starting with `id_prefix`.
    /// Audited as a consultation with the ids shown.
    pub async fn alert_list(
        &self,
        actor: &Actor,
        category: Option<veza_model::AlertCategory>,
        id_prefix: &str,
        limit: u32,
    ) -> Result<Vec<Alert>> {
        if !policy::may_manage_alerts(actor.role) {
            return Err(Error::Forbidden(format!(
                "role {} may not manage alerts",
                actor.role
            )));
        }
        let rows = sqlx::query(
            "SELECT data FROM alerts WHERE ($1 = '' OR category = $1) AND ($2 = '' OR id LIKE $3) \
             ORDER BY updated_at DESC, id LIMIT $4",
        )
        .bind(category.map(|c| c.as_str()).unwrap_or_default())
        .bind(id_prefix.to_owned())
        .bind(format!("{}%", id_prefix.replace(['%', '_'], "")))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let alerts = rows.iter().map(decode_alert).collect::<Result<Vec<_>>>()?;
        let ids: Vec<&str> = alerts.iter().map(|a| a.id.as_str()).collect();
        self.audit(
            draft(actor, "alert.list", category.map_or("all", |c| c.as_str())).outcome(format!(
                "{} alerts: {}",
                alerts.len(),
                ids.join(" ")
            )),
        )
        .await?;
        Ok(alerts)
    }

    /// A counter that changes with every alert change: the screening
    /// snapshot is valid while it matches (see `veza serve`).
    pub async fn alerts_generation(&self) -> Result<String> {
        let row = sqlx::query(
            "SELECT n, (SELECT COUNT(*) FROM alerts) AS alerts FROM alert_generation WHERE id = 1",
        )
        .fetch_one(&self.pool)
        .await?;
        // Today's date is part of it: alerts expire by date, not by change.
        Ok(format!(
            "{}:{}:{}",
            row.try_get::<i64, _>("n")?,
            row.try_get::<i64, _>("alerts")?,
            clock::today()
        ))
    }

    /// Number of alerts stored.
    pub async fn alert_count(&self) -> Result<u64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM alerts")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")? as u64)
    }
}

fn decode_alert(row: &sqlx::any::AnyRow) -> Result<Alert> {
    let data: String = row.try_get("data")?;
    serde_json::from_str(&data).map_err(|e| Error::Corrupt {
        table: "alerts",
        column: "data",
        detail: e.to_string(),
    })
}

async fn bump_generation(tx: &mut sqlx::Transaction<'static, sqlx::Any>) -> Result<()> {
    sqlx::query("UPDATE alert_generation SET n = n + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await?;
    Ok(())
}
