//! Local accounts and sessions. Password hashing happens in the caller
//! (argon2id in the server crate); the store keeps hashes only, and keeps
//! sessions by the hash of their token.

use sqlx::Row;
use veza_audit::Draft;
use veza_model::UserRole;

use crate::audit_log::append;
use crate::{Error, Result, Store, clock};

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Unique user name.
    pub username: String,
    /// PHC string of the argon2id hash.
    pub password_hash: String,
    /// Role.
    pub role: UserRole,
    /// Agency code.
    pub agency: String,
    /// Country of the agency.
    pub country: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// Consecutive failed sign-ins.
    pub failed_logins: u32,
    /// Locked until this time (RFC 3339), after too many failures.
    pub locked_until: Option<String>,
    /// TOTP secret (base32) when a second factor is enrolled.
    pub totp_secret: Option<String>,
}

impl User {
    /// Whether a lockout is in force now.
    pub fn is_locked(&self) -> bool {
        self.locked_until
            .as_deref()
            .is_some_and(|t| !clock::is_past(t))
    }

    /// The actor for this user with an empty reason.
    pub fn actor(&self) -> crate::Actor {
        crate::Actor::new(&self.username, self.role, &self.agency).in_country(&self.country)
    }
}

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Its user.
    pub user: User,
    /// The CSRF token bound to the session.
    pub csrf: String,
    /// Expiry (RFC 3339).
    pub expires_at: String,
    /// Authenticated by an API token rather than a browser session.
    pub via_token: bool,
}

pub(crate) fn user_from_row(row: &sqlx::any::AnyRow) -> Result<User> {
    let role: String = row.try_get("role")?;
    Ok(User {
        username: row.try_get("username")?,
        password_hash: row.try_get("password_hash")?,
        role: role
            .parse()
            .map_err(|e: veza_model::Error| Error::Corrupt {
                table: "users",
                column: "role",
                detail: e.to_string(),
            })?,
        agency: row.try_get("agency")?,
        country: row.try_get("country")?,
        display_name: row.try_get("display_name")?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
        failed_logins: row.try_get::<i64, _>("failed_logins")? as u32,
        locked_until: row.try_get("locked_until")?,
        totp_secret: row.try_get("totp_secret")?,
    })
}

pub(crate) const USER_COLUMNS: &str = "username, password_hash, role, agency, country, display_name, disabled, failed_logins, locked_until, totp_secret";

impl Store {
    /// Creates an account; `by` names who did it, for the audit log.
    pub async fn create_user(&self, user: &User, by: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query("INSERT INTO users (username, password_hash, role, agency, country, display_name, created_at, disabled) VALUES ($1, $2, $3, $4, $5, $6, $7, 0)")
            .bind(&user.username)
            .bind(&user.password_hash)
            .bind(user.role.as_str())
            .bind(&user.agency)
            .bind(&user.country)
            .bind(&user.display_name)
            .bind(clock::now())
            .execute(&mut *tx)
            .await;
        match inserted {
            Err(e) if Error::is_unique_violation(&e) => {
                return Err(Error::DuplicateUser(user.username.clone()));
            }
            other => other?,
        };
        append(
            &mut tx,
            Draft::new(clock::now(), by, "account.create", &user.username)
                .outcome(format!("role {} agency {}", user.role, user.agency)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Looks an account up by name.
    pub async fn user(&self, username: &str) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Enrols (`Some`) or removes (`None`) a user's TOTP second factor.
    pub async fn set_totp(&self, username: &str, secret: Option<&str>, by: &str) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let n = sqlx::query("UPDATE users SET totp_secret = $1 WHERE username = $2")
            .bind(secret.map(str::to_owned))
            .bind(username)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n > 0 {
            let action = if secret.is_some() {
                "account.totp.enrol"
            } else {
                "account.totp.remove"
            };
            append(&mut tx, Draft::new(clock::now(), by, action, username)).await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    }

    /// Number of accounts.
    pub async fn user_count(&self) -> Result<u64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM users")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")? as u64)
    }

    /// Records a failed sign-in; locks the account for `lock_seconds` once
    /// `lock_after` consecutive failures are reached.
    pub async fn record_login_failure(
        &self,
        username: &str,
        lock_after: u32,
        lock_seconds: i64,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query("UPDATE users SET failed_logins = failed_logins + 1 WHERE username = $1 RETURNING failed_logins").bind(username).fetch_optional(&mut *tx).await?;
        if let Some(row) = row {
            let failures = row.try_get::<i64, _>("failed_logins")? as u32;
            if failures >= lock_after {
                sqlx::query("UPDATE users SET locked_until = $1 WHERE username = $2")
                    .bind(clock::in_seconds(lock_seconds))
                    .bind(username)
                    .execute(&mut *tx)
                    .await?;
                append(
                    &mut tx,
                    Draft::new(clock::now(), "system", "account.lock", username)
                        .outcome(format!("{failures} failed sign-ins")),
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Opens a session after a successful sign-in and clears the failure count.
    pub async fn create_session(
        &self,
        username: &str,
        token_hash: &str,
        csrf: &str,
        ttl_seconds: i64,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = $1")
            .bind(username)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO sessions (token_hash, username, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash)
            .bind(username)
            .bind(csrf)
            .bind(clock::now())
            .bind(clock::in_seconds(ttl_seconds))
            .execute(&mut *tx)
            .await?;
        append(
            &mut tx,
            Draft::new(clock::now(), username, "session.open", username),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The live session for a token hash; expired sessions are removed.
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        let sql = format!(
            "SELECT s.csrf AS csrf, s.expires_at AS expires_at, {} FROM sessions s JOIN users u ON u.username = s.username WHERE s.token_hash = $1",
            USER_COLUMNS
                .split(", ")
                .map(|c| format!("u.{c} AS {c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let expires_at: String = row.try_get("expires_at")?;
        let user = user_from_row(&row)?;
        if clock::is_past(&expires_at) || user.disabled {
            self.end_session(token_hash).await?;
            return Ok(None);
        }
        Ok(Some(Session {
            user,
            csrf: row.try_get("csrf")?,
            expires_at,
            via_token: false,
        }))
    }

    /// Ends every session of a user (a lost device, a compromised account);
    /// returns how many. API tokens are revoked separately.
    pub async fn end_sessions_of(&self, username: &str, by: &str) -> Result<u64> {
        let mut tx = self.pool.begin().await?;
        let n = sqlx::query("DELETE FROM sessions WHERE username = $1")
            .bind(username)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        append(
            &mut tx,
            Draft::new(clock::now(), by, "session.revoke_all", username)
                .outcome(format!("{n} sessions ended")),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Ends a session (sign-out or revocation).
    pub async fn end_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
