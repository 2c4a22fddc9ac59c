//! Persisting the hash chain. Appends update the head row first, which takes
//! the write lock in SQLite and a row lock in PostgreSQL, so concurrent
//! writers queue instead of forking the chain.

use sqlx::{Any, AssertSqlSafe, Row, Transaction};
use tokio::sync::oneshot;
use veza_audit::{Anchor, Chain, Draft, Entry};

use crate::{Actor, Error, Result, Store, clock, policy};

/// Stand-alone entries (reads, checks) waiting for the next group commit.
///
/// Every border check and record read appends an entry before its answer
/// leaves the server. One transaction per entry would make the audit log the
/// bottleneck of the whole system: SQLite has a single writer, and waiting
/// writers back off with sleeps. Instead, callers queue their entry and one
/// of them — whoever takes the write lock — commits everything queued in one
/// transaction; each caller returns only once its own entry is committed.
#[derive(Debug, Default)]
pub(crate) struct AuditQueue {
    pending: std::sync::Mutex<Vec<(Draft, Waiter)>>,
    writer: tokio::sync::Mutex<()>,
}

/// Where a queued entry's caller waits for its commit (or its failure).
type Waiter = oneshot::Sender<Result<Entry, String>>;

/// Most entries in one group commit (and so in one multi-row insert of
/// [`append_many`]: 512 × 9 bound values stay well within SQLite's 32,766
/// and PostgreSQL's 65,535).
const GROUP_COMMIT_MAX: usize = 512;

/// How long a group commit keeps trying to take SQLite's write lock (each
/// attempt waits the connection's busy timeout, 10 s): about the time a
/// million-record import holds it, several times over.
const AUDIT_PATIENCE: std::time::Duration = std::time::Duration::from_secs(90);

/// Whether SQLite refused because another connection holds the lock
/// (`SQLITE_BUSY` and its extended codes).
fn is_busy(e: &sqlx::Error) -> bool {
    let sqlx::Error::Database(d) = e else {
        return false;
    };
    d.code()
        .and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| c & 0xff == 5)
        || d.message().contains("database is locked")
}

impl Store {
    /// Appends one entry, committed (possibly with others) before this returns.
    pub async fn audit(&self, draft: Draft) -> Result<Entry> {
        let (tx, rx) = oneshot::channel();
        self.audit_queue
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((draft, tx));
        // Lead a group commit if nobody else is writing; a leader that
        // finds its entry already taken by an earlier leader just waits.
        {
            let _writer = self.audit_queue.writer.lock().await;
            loop {
                let batch: Vec<_> = {
                    let mut pending = self
                        .audit_queue
                        .pending
                        .lock()
                        .unwrap_or_else(|p| p.into_inner());
                    let n = pending.len().min(GROUP_COMMIT_MAX);
                    pending.drain(..n).collect()
                };
                if batch.is_empty() {
                    break;
                }
                let (drafts, senders): (Vec<Draft>, Vec<_>) = batch.into_iter().unzip();
                match self.append_group(drafts).await {
                    Ok(entries) => {
                        for (entry, sender) in entries.into_iter().zip(senders) {
                            let _ = sender.send(Ok(entry));
                        }
                    }
                    Err(e) => {
                        let message = e.to_string();
                        for sender in senders {
                            let _ = sender.send(Err(message.clone()));
                        }
                    }
                }
            }
        }
        match rx.await {
            Ok(Ok(entry)) => Ok(entry),
            Ok(Err(message)) => Err(Error::AuditWrite(message)),
            Err(_) => Err(Error::AuditWrite("the group commit was abandoned".into())),
        }
    }

    /// Commits a group, waiting out another writer's lock for up to
    /// [`AUDIT_PATIENCE`]: SQLite's busy handler gives up after its
    /// timeout, and a long import holds the lock until its commit. A border
    /// check made meanwhile is answered late, not refused.
    async fn append_group(&self, drafts: Vec<Draft>) -> Result<Vec<Entry>> {
        let start = std::time::Instant::now();
        loop {
            let attempt = async {
                let mut tx = self.pool.begin().await?;
                let entries = append_many(&mut tx, drafts.clone()).await?;
                tx.commit().await?;
                Ok(entries)
            };
            match attempt.await {
                Err(Error::Database(e)) if is_busy(&e) && start.elapsed() < AUDIT_PATIENCE => {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
                outcome => return outcome,
            }
        }
    }

    /// Records an access that does not go through the store's tables (a
    /// border check against the in-memory screening index): who, what was
    /// searched, why (the actor's reason) and what came back.
    pub async fn audit_access(
        &self,
        actor: &Actor,
        action: &str,
        subject: &str,
        outcome: &str,
    ) -> Result<Entry> {
        self.audit(draft(actor, action, subject).outcome(outcome))
            .await
    }

    /// Where the stored chain starts after retention pruning, if it was pruned.
    pub async fn audit_anchor(&self) -> Result<Option<Anchor>> {
        let row = sqlx::query("SELECT seq, hash FROM audit_anchor WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(Anchor {
                seq: r.try_get::<i64, _>("seq")? as u64,
                hash: r.try_get("hash")?,
            })
        })
        .transpose()
    }

    /// Removes entries recorded before `before` (RFC 3339 or a date), keeping
    /// the chain verifiable: the last removed entry becomes the anchor the
    /// rest is checked from. The pruning itself is audited. Returns how many
    /// entries went.
    pub async fn prune_audit(&self, before: &str, by: &str) -> Result<u64> {
        let mut tx = self.pool.begin().await?;
        let row =
            sqlx::query("SELECT seq, hash FROM audit_log WHERE at < $1 ORDER BY seq DESC LIMIT 1")
                .bind(before.to_owned())
                .fetch_optional(&mut *tx)
                .await?;
        let Some(row) = row else { return Ok(0) };
        let seq: i64 = row.try_get("seq")?;
        let hash: String = row.try_get("hash")?;
        let removed = sqlx::query("DELETE FROM audit_log WHERE seq <= $1")
            .bind(seq)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM audit_anchor WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO audit_anchor (id, seq, hash) VALUES (1, $1, $2)")
            .bind(seq)
            .bind(hash.clone())
            .execute(&mut *tx)
            .await?;
        append(
            &mut tx,
            Draft::new(
                clock::now(),
                by,
                "audit.prune",
                format!("entries before {before}"),
            )
            .outcome(format!(
                "{removed} entries removed; chain anchored at {seq} {hash}"
            )),
        )
        .await?;
        tx.commit().await?;
        Ok(removed)
    }

    /// The recorded head of the chain.
    pub async fn audit_head(&self) -> Result<Anchor> {
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(Anchor {
            seq: row.try_get::<i64, _>("seq")? as u64,
            hash: row.try_get("hash")?,
        })
    }

    /// Audit entries from `after` (exclusive), oldest first; auditors only.
    pub async fn audit_entries(&self, actor: &Actor, after: u64, limit: u32) -> Result<Vec<Entry>> {
        if !policy::may_read_audit(actor.role) {
            return Err(Error::Forbidden("only auditors read the audit log".into()));
        }
        let entries = self.entries_after(after, limit).await?;
        self.audit(
            Draft::new(
                clock::now(),
                actor.label(),
                "audit.read",
                format!("after={after} limit={limit}"),
            )
            .reason(actor.reason.clone())
            .outcome(format!("{} entries", entries.len())),
        )
        .await?;
        Ok(entries)
    }

    async fn entries_after(&self, after: u64, limit: u32) -> Result<Vec<Entry>> {
        let rows = sqlx::query("SELECT seq, at, actor, action, subject, reason, outcome, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2")
            .bind(after as i64)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(entry_from_row).collect()
    }

    /// Verifies the whole chain against the recorded head, streaming it in
    /// pages. Returns the head on success, or the first bad entry.
    pub async fn verify_audit(&self) -> Result<Anchor> {
        let head = self.audit_head().await?;
        let mut prev: Option<Anchor> = self.audit_anchor().await?;
        loop {
            let after = prev.as_ref().map_or(0, |a| a.seq);
            let page = self.entries_after(after, 10_000).await?;
            if page.is_empty() {
                break;
            }
            prev = Some(veza_audit::verify(&page, prev.as_ref(), None)?);
        }
        let entries: [Entry; 0] = [];
        Ok(veza_audit::verify(&entries, prev.as_ref(), Some(head))?)
    }
}

fn entry_from_row(row: &sqlx::any::AnyRow) -> Result<Entry> {
    Ok(Entry {
        seq: row.try_get::<i64, _>("seq")? as u64,
        draft: Draft {
            at: row.try_get("at")?,
            actor: row.try_get("actor")?,
            action: row.try_get("action")?,
            subject: row.try_get("subject")?,
            reason: row.try_get("reason")?,
            outcome: row.try_get("outcome")?,
        },
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

/// Appends within the caller's transaction, so that a write and its audit
/// entry commit or roll back together.
pub(crate) async fn append(tx: &mut Transaction<'static, Any>, draft: Draft) -> Result<Entry> {
    append_many(tx, vec![draft])
        .await?
        .pop()
        .ok_or_else(|| Error::AuditWrite("no entry was appended".into()))
}

/// Columns of an audit entry row, in the order [`append_many`] binds them.
const ENTRY_COLUMNS: usize = 9;

/// Appends several entries within the caller's transaction, as [`append`]
/// one after the other would, in three statements whatever their number:
/// the head is moved past all of them at once, the chain is worked out in
/// memory, and the entries go in with one multi-row insert. A group commit
/// of a few hundred border checks thus costs a few round trips to the
/// database instead of three per entry (each a thread hand-off in SQLite).
pub(crate) async fn append_many(
    tx: &mut Transaction<'static, Any>,
    drafts: Vec<Draft>,
) -> Result<Vec<Entry>> {
    if drafts.is_empty() {
        return Ok(Vec::new());
    }
    let n = drafts.len() as i64;
    // Touch the head first: this is the lock that serialises appenders.
    let row = sqlx::query("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
        .bind(n)
        .fetch_one(&mut **tx)
        .await?;
    let last: i64 = row.try_get("seq")?;
    let mut chain = Chain::from_head(Anchor {
        seq: (last - n) as u64,
        hash: row.try_get("hash")?,
    });
    let entries: Vec<Entry> = drafts.into_iter().map(|d| chain.append(d)).collect();
    let rows = (0..entries.len())
        .map(|i| {
            let params = (1..=ENTRY_COLUMNS)
                .map(|c| format!("${}", i * ENTRY_COLUMNS + c))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({params})")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO audit_log (seq, at, actor, action, subject, reason, outcome, prev_hash, hash) VALUES {rows}"
    );
    // Only numbered placeholders are formatted into the text; values are
    // bound. Kept as a prepared statement for a single entry (every audited
    // write) only: the text varies with a group's size, and groups would
    // crowd the connection's statement cache.
    let mut insert = sqlx::query(AssertSqlSafe(sql)).persistent(entries.len() == 1);
    for e in &entries {
        insert = insert
            .bind(e.seq as i64)
            .bind(&e.draft.at)
            .bind(&e.draft.actor)
            .bind(&e.draft.action)
            .bind(&e.draft.subject)
            .bind(&e.draft.reason)
            .bind(&e.draft.outcome)
            .bind(&e.prev_hash)
            .bind(&e.hash);
    }
    insert.execute(&mut **tx).await?;
    let head = entries.last().map(|e| e.hash.clone()).unwrap_or_default();
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(head)
        .execute(&mut **tx)
        .await?;
    Ok(entries)
}

/// [`append`] on the SQLite bulk importer's connection, inside its
/// transaction: the same statements in the same order, so that the head row
/// serialises it with every other appender.
pub(crate) fn append_sqlite(conn: &rusqlite::Connection, draft: Draft) -> Result<Entry> {
    use crate::sqlite_import::sqlite;
    let (seq, prev_hash) = conn
        .query_row(
            "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(sqlite)?;
    let entry = chain_next(seq, prev_hash, draft);
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, subject, reason, outcome, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            entry.seq as i64,
            entry.draft.at,
            entry.draft.actor,
            entry.draft.action,
            entry.draft.subject,
            entry.draft.reason,
            entry.draft.outcome,
            entry.prev_hash,
            entry.hash,
        ],
    )
    .map_err(sqlite)?;
    conn.execute(
        "UPDATE audit_head SET hash = ?1 WHERE id = 1",
        [&entry.hash],
    )
    .map_err(sqlite)?;
    Ok(entry)
}

/// The entry that follows head `seq - 1` with hash `prev_hash`.
fn chain_next(seq: i64, prev_hash: String, draft: Draft) -> Entry {
    let mut chain = Chain::from_head(Anchor {
        seq: seq as u64 - 1,
        hash: prev_hash,
    });
    chain.append(draft)
}

/// A draft stamped now for `actor`.
pub(crate) fn draft(actor: &Actor, action: &str, subject: impl Into<String>) -> Draft {
    Draft::new(clock::now(), actor.label(), action, subject).reason(actor.reason.clone())
}
