//! Retention review and the auditors' view of the audit log.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use veza_store::{Session, policy};

use crate::auth::check_csrf;
use crate::pages::actor;
use crate::views::{AuditPage, AuditRow, Nav, ReviewPage};
use crate::{AppError, AppState};

/// Entries shown on the audit page.
const AUDIT_PAGE_ROWS: u64 = 200;

/// `GET /review`: records of the user's agency whose review date has passed.
pub(crate) async fn review(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
) -> Result<Response, AppError> {
    if !Nav::of(&session).can_review {
        return Err(AppError::Forbidden("Records are reviewed by their agency's investigators, and by victim support for victims.".into()));
    }
    let due = state
        .store
        .review_queue(&actor(&session, "periodic review"), 200)
        .await?;
    Ok(ReviewPage {
        user: Some(Nav::of(&session)),
        due,
    }
    .into_response())
}

#[derive(Deserialize)]
pub(crate) struct ReviewForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// `POST /review/{id}/keep`.
pub(crate) async fn keep(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Form(form): Form<ReviewForm>,
) -> Result<Response, AppError> {
    check_csrf(&session, &form.csrf)?;
    state
        .store
        .keep_record(&actor(&session, &form.reason), &id)
        .await?;
    Ok(Redirect::to("/review").into_response())
}

/// `POST /review/{id}/delete`: needs a reason; leaves an audit trace without personal data.
pub(crate) async fn delete(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Form(form): Form<ReviewForm>,
) -> Result<Response, AppError> {
    check_csrf(&session, &form.csrf)?;
    state
        .store
        .delete_record(&actor(&session, &form.reason), &id)
        .await?;
    Ok(Redirect::to("/review").into_response())
}

/// `GET /audit`: the chain's state and the latest entries; auditors only.
pub(crate) async fn audit(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
) -> Result<Response, AppError> {
    if !policy::may_read_audit(session.user.role) {
        return Err(AppError::Forbidden(
            "Only auditors read the audit log.".into(),
        ));
    }
    let (intact, chain) = match state.store.verify_audit().await {
        Ok(head) => (
            true,
            format!(
                "Intact: all {} entries verify against the recorded head.",
                head.seq
            ),
        ),
        Err(veza_store::Error::AuditBroken(e)) => (false, e.to_string()),
        Err(e) => return Err(e.into()),
    };
    let head = state.store.audit_head().await?;
    let after = head.seq.saturating_sub(AUDIT_PAGE_ROWS);
    let entries = state
        .store
        .audit_entries(
            &actor(&session, "audit review"),
            after,
            AUDIT_PAGE_ROWS as u32,
        )
        .await?;
    let rows = entries
        .into_iter()
        .rev()
        .map(|e| AuditRow {
            seq: e.seq,
            at: e.draft.at,
            actor: e.draft.actor,
            action: e.draft.action,
            subject: e.draft.subject,
            reason: e.draft.reason,
            outcome: e.draft.outcome,
        })
        .collect();
    Ok(AuditPage {
        user: Some(Nav::of(&session)),
        chain,
        intact,
        head_seq: head.seq,
        head_hash: head.hash,
        rows,
    }
    .into_response())
}
