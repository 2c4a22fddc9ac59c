//! Border checks: a person, a pasted MRZ or a document number against the
//! alerts in the screening index, answered with ranked, explained hits and
//! the action to take. Protective alerts are presented as protection
//! referrals, never as "wanted". Every check is audited.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form, Json};
use serde::Serialize;
use veza_core::checks::{CheckInput, MrzReport};
use veza_model::UserRole;
use veza_screen::Hit;
use veza_store::Session;

use crate::auth::check_csrf;
use crate::views::{CheckPage, HitCard, Nav};
use crate::{AppError, AppState};

/// Hits shown per check.
const TOP: usize = 10;

/// Roles that run border checks.
pub(crate) fn may_check(role: UserRole) -> bool {
    matches!(
        role,
        UserRole::BorderOfficer | UserRole::Investigator | UserRole::LiaisonOfficer
    )
}

/// Runs a check and writes its audit entry (who, what was searched, what came back).
async fn run(
    state: &AppState,
    session: &Session,
    input: &CheckInput,
) -> Result<(Vec<Hit>, Option<MrzReport>), AppError> {
    if !may_check(session.user.role) {
        return Err(AppError::Forbidden(
            "Your role does not include border checks.".into(),
        ));
    }
    let (query, mrz) = veza_core::checks::build_query(input).map_err(AppError::BadRequest)?;
    let hits = {
        let index = state.alerts.read().unwrap_or_else(|p| p.into_inner());
        veza_core::checks::shown(index.check(&query, TOP))
    };
    let actor = session.user.actor().with_reason("border check");
    veza_core::checks::audit_check(&state.store, &actor, &query, &hits).await?;
    Ok((hits, mrz))
}

/// `GET /check`.
pub(crate) async fn form(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
) -> Result<Response, AppError> {
    if !may_check(session.user.role) {
        return Err(AppError::Forbidden(
            "Your role does not include border checks.".into(),
        ));
    }
    Ok(CheckPage::empty(Nav::of(&session), alert_count(&state)).into_response())
}

fn alert_count(state: &AppState) -> usize {
    state.alerts.read().map_or(0, |i| i.len())
}

/// `POST /check` (form). POST keeps names out of URLs and browser history.
pub(crate) async fn submit(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Form(input): Form<CheckInput>,
) -> Result<Response, AppError> {
    check_csrf(&session, &input.csrf)?;
    let mut page = CheckPage::empty(Nav::of(&session), alert_count(&state));
    page.name = input.name.clone();
    page.date_of_birth = input.date_of_birth.clone();
    page.nationality = input.nationality.clone();
    page.document_number = input.document_number.clone();
    page.mrz = input.mrz.clone();
    match run(&state, &session, &input).await {
        Ok((hits, mrz)) => {
            page.checked = true;
            page.hits = hits.iter().map(HitCard::of).collect();
            if let Some(m) = mrz {
                page.mrz_summary = format!("MRZ read: {} · document {}", m.name, m.document_number);
                page.mrz_warnings = m.failed_checks;
            }
        }
        Err(AppError::BadRequest(m)) => page.error = m,
        Err(e) => return Err(e),
    }
    Ok(page.into_response())
}

#[derive(Serialize)]
struct CheckResponse {
    matcher: &'static str,
    alerts_indexed: usize,
    mrz: Option<MrzReport>,
    hits: Vec<Hit>,
}

/// `POST /api/v1/checks` (JSON).
pub(crate) async fn api(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Json(input): Json<CheckInput>,
) -> Response {
    match run(&state, &session, &input).await {
        Ok((hits, mrz)) => Json(CheckResponse {
            matcher: veza_names::MATCHER_VERSION,
            alerts_indexed: alert_count(&state),
            mrz,
            hits,
        })
        .into_response(),
        Err(e) => e.into_json(),
    }
}
