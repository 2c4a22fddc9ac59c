//! Border checks: a person, a pasted MRZ or a document number against the
//! alerts in the screening index, answered with ranked, explained hits and
//! the action to take. Protective alerts are presented as protection
//! referrals, never as "wanted". Every check is audited.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form, Json};
use serde::{Deserialize, Serialize};
use veza_model::{CountryCode, PartialDate, Sex, UserRole};
use veza_screen::mrz::Mrz;
use veza_screen::{Hit, NameForm, Query};
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

/// A check as typed or sent: any of name, MRZ, document number, plate, VIN.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct CheckInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub date_of_birth: String,
    #[serde(default)]
    pub nationality: String,
    #[serde(default)]
    pub sex: String,
    #[serde(default)]
    pub document_number: String,
    #[serde(default)]
    pub mrz: String,
    #[serde(default)]
    pub plate: String,
    #[serde(default)]
    pub vin: String,
    #[serde(default)]
    pub csrf: String,
}

/// The outcome of reading the MRZ, for the officer.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MrzReport {
    pub name: String,
    pub document_number: String,
    pub failed_checks: Vec<String>,
}

/// Builds the query; errors name the field.
fn query_of(input: &CheckInput) -> Result<(Query, Option<MrzReport>), AppError> {
    let bad = |field: &str, e: String| AppError::BadRequest(format!("{field}: {e}"));
    let mut query = Query::default();
    let mut report = None;
    if !input.mrz.trim().is_empty() {
        let mrz: Mrz =
            veza_screen::mrz::parse(&input.mrz).map_err(|e| bad("MRZ", e.to_string()))?;
        report = Some(MrzReport {
            name: mrz.display_name(),
            document_number: mrz.document_number.clone(),
            failed_checks: mrz
                .failed_checks()
                .map(|c| format!("{}: printed {}, computed {}", c.field, c.found, c.expected))
                .collect(),
        });
        query = Query::from_mrz(&mrz);
    }
    if !input.name.trim().is_empty() {
        query
            .names
            .push(NameForm::Whole(input.name.trim().to_owned()));
    }
    if !input.date_of_birth.trim().is_empty() {
        query.date_of_birth = Some(
            input
                .date_of_birth
                .parse::<PartialDate>()
                .map_err(|e| bad("date of birth", e.to_string()))?,
        );
    }
    if !input.nationality.trim().is_empty() {
        for code in input
            .nationality
            .split([';', ',', ' '])
            .filter(|c| !c.is_empty())
        {
            query.nationalities.push(
                code.parse::<CountryCode>()
                    .map_err(|e| bad("nationality", e.to_string()))?,
            );
        }
    }
    if !input.sex.trim().is_empty() {
        query.sex = Some(
            input
                .sex
                .parse::<Sex>()
                .map_err(|e| bad("sex", e.to_string()))?,
        );
    }
    for (value, slot) in [
        (&input.document_number, &mut query.document_number),
        (&input.plate, &mut query.plate),
        (&input.vin, &mut query.vin),
    ] {
        if !value.trim().is_empty() {
            *slot = Some(value.trim().to_owned());
        }
    }
    if query.names.iter().all(NameForm::is_blank)
        && query.document_number.is_none()
        && query.plate.is_none()
        && query.vin.is_none()
    {
        return Err(AppError::BadRequest(
            "Enter a name, paste an MRZ, or give a document number, plate or VIN.".into(),
        ));
    }
    Ok((query, report))
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
    let (query, mrz) = query_of(input)?;
    let hits = {
        let index = state.alerts.read().unwrap_or_else(|p| p.into_inner());
        index.check(&query, TOP)
    };
    let searched = format!(
        "names={:?} dob={} nat={} doc={} plate={} vin={}",
        query
            .names
            .iter()
            .map(NameForm::display)
            .collect::<Vec<_>>(),
        query
            .date_of_birth
            .map(|d| d.to_string())
            .unwrap_or_default(),
        query
            .nationalities
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(";"),
        query.document_number.as_deref().unwrap_or(""),
        query.plate.as_deref().unwrap_or(""),
        query.vin.as_deref().unwrap_or("")
    );
    let outcome = hits
        .iter()
        .map(|h| format!("{}:{:.3}", h.alert_id, h.score))
        .collect::<Vec<_>>()
        .join(" ");
    let actor = session.user.actor().with_reason("border check");
    let outcome = if outcome.is_empty() {
        "no hit".to_owned()
    } else {
        outcome
    };
    state
        .store
        .audit_access(&actor, "check", &searched, &outcome)
        .await?;
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
