//! Revocable API tokens for programmatic clients. A token authenticates as
//! its user (same role, agency and policy); only its SHA-256 is stored.

use sqlx::Row;
use veza_audit::Draft;

use crate::accounts::{USER_COLUMNS, user_from_row};
use crate::audit_log::append;
use crate::{Result, Session, Store, clock};

/// A token as listed (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Token id, for revocation.
    pub id: i64,
    /// Owner.
    pub username: String,
    /// What the token is for.
    pub name: String,
    /// Creation time.
    pub created_at: String,
    /// Expiry.
    pub expires_at: String,
    /// Revocation time, if revoked.
    pub revoked_at: Option<String>,
}

impl Store {
    /// Registers a token (by its hash) for `username`, valid `ttl_seconds`.
    pub async fn create_api_token(
        &self,
        username: &str,
        name: &str,
        token_hash: &str,
        ttl_seconds: i64,
        by: &str,
    ) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query("INSERT INTO api_tokens (token_hash, username, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(token_hash)
            .bind(username)
            .bind(name)
            .bind(clock::now())
            .bind(clock::in_seconds(ttl_seconds))
            .fetch_one(&mut *tx)
            .await?;
        let id: i64 = row.try_get("id")?;
        append(
            &mut tx,
            Draft::new(clock::now(), by, "token.create", username)
                .outcome(format!("token {id} ({name})")),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The user behind a live, unrevoked token, as a session without a CSRF
    /// token (bearer requests are not sent by browsers on their own, so they
    /// need none).
    pub async fn token_session(&self, token_hash: &str) -> Result<Option<Session>> {
        let cols = USER_COLUMNS
            .split(", ")
            .map(|c| format!("u.{c} AS {c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT t.expires_at AS expires_at, t.revoked_at AS revoked_at, {cols} FROM api_tokens t JOIN users u ON u.username = t.username WHERE t.token_hash = $1"
        );
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let expires_at: String = row.try_get("expires_at")?;
        let revoked: Option<String> = row.try_get("revoked_at")?;
        let user = user_from_row(&row)?;
        if revoked.is_some() || clock::is_past(&expires_at) || user.disabled {
            return Ok(None);
        }
        Ok(Some(Session {
            user,
            csrf: String::new(),
            expires_at,
            via_token: true,
        }))
    }

    /// Revokes a token; returns whether one was revoked.
    pub async fn revoke_api_token(&self, id: i64, by: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let n = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(clock::now())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n > 0 {
            append(
                &mut tx,
                Draft::new(clock::now(), by, "token.revoke", format!("token {id}")),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    }

    /// Every token of a user, newest first.
    pub async fn api_tokens(&self, username: &str) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query("SELECT id, username, name, created_at, expires_at, revoked_at FROM api_tokens WHERE username = $1 ORDER BY id DESC").bind(username).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    id: r.try_get("id")?,
                    username: r.try_get("username")?,
                    name: r.try_get("name")?,
                    created_at: r.try_get("created_at")?,
                    expires_at: r.try_get("expires_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                })
            })
            .collect()
    }
}
