//! Resolved persons: the merged person page, the review queue of uncertain
//! pairs, and judgements (web and API).

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use serde::{Deserialize, Serialize};
use veza_model::PersonRecord;
use veza_resolve::FieldContribution;
use veza_store::{PairVerdict, PersonView, ReviewKind, ScoredPair, Session, policy};

use crate::auth::{check_csrf, encode};
use crate::pages::{ReasonQuery, actor};
use crate::views::{Nav, PairReviewPage, PersonPage, ReasonPage};
use crate::{AppError, AppState};

/// Pairs shown on one review page.
const QUEUE_PAGE: u32 = 25;

/// `GET /persons/{id}`: every record of a person the user may see, merged
/// field by field with provenance, and why they were linked.
pub(crate) async fn page(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Query(q): Query<ReasonQuery>,
) -> Result<Response, AppError> {
    if q.reason.trim().is_empty() && policy::may_read_records(session.user.role) {
        return Ok(ReasonPage {
            user: Some(Nav::of(&session)),
            action: format!("/persons/{}", encode(&id)),
        }
        .into_response());
    }
    let view = state.store.person(&actor(&session, &q.reason), &id).await?;
    Ok(PersonPage::of(
        Nav::of(&session),
        &view,
        &q.reason,
        policy::may_judge(session.user.role),
    )
    .into_response())
}

/// `?kind=` of the review queue.
#[derive(Deserialize)]
pub(crate) struct QueueQuery {
    #[serde(default)]
    kind: String,
}

/// The review filter named in a query string (empty or `all` for all).
fn review_kind(name: &str) -> Option<ReviewKind> {
    match name {
        "" | "all" => Some(ReviewKind::All),
        "join" => Some(ReviewKind::Join),
        "within" => Some(ReviewKind::Within),
        _ => None,
    }
}

/// The query-string name of a review filter (empty for all).
pub(crate) fn review_kind_name(kind: ReviewKind) -> &'static str {
    match kind {
        ReviewKind::All => "",
        ReviewKind::Join => "join",
        ReviewKind::Within => "within",
    }
}

/// `GET /persons/review[?kind=join|within]`: uncertain pairs nobody has
/// judged yet; all of them, those whose records are in two persons (a
/// "same" would join them), or those within one person (a "not same"
/// would split it).
pub(crate) async fn queue(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Query(q): Query<QueueQuery>,
) -> Result<Response, AppError> {
    let Some(kind) = review_kind(&q.kind) else {
        return Err(AppError::BadRequest(format!(
            "unknown review filter {:?}: use join or within",
            q.kind
        )));
    };
    if !policy::may_judge(session.user.role) {
        return Err(AppError::Forbidden(
            "Pairs of records are judged by investigators, liaison officers and victim support."
                .into(),
        ));
    }
    let pairs = state
        .store
        .pair_review_queue(
            &actor(&session, "entity resolution review"),
            QUEUE_PAGE,
            kind,
        )
        .await?;
    let counts = state.store.resolution_counts().await?;
    Ok(PairReviewPage::of(Nav::of(&session), &pairs, kind, &counts).into_response())
}

#[derive(Deserialize)]
pub(crate) struct JudgeForm {
    #[serde(default)]
    csrf: String,
    a: String,
    b: String,
    verdict: String,
    #[serde(default)]
    reason: String,
    /// Where to go afterwards: the queue or a person page.
    #[serde(default)]
    back: String,
    /// The queue's filter to return to.
    #[serde(default)]
    kind: String,
}

/// `POST /persons/judge`: records a judgement and re-clusters at once.
pub(crate) async fn judge_form(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Form(form): Form<JudgeForm>,
) -> Result<Response, AppError> {
    check_csrf(&session, &form.csrf)?;
    let verdict: PairVerdict = form.verdict.parse()?;
    let (pa, _) = veza_core::resolution::apply_judgement(
        &state.store,
        &actor(&session, &form.reason),
        &form.a,
        &form.b,
        verdict,
    )
    .await?;
    // Only two destinations: the queue, or the (possibly new) person of `a`.
    let to = match (form.back.as_str(), pa) {
        ("person", Some(p)) => format!(
            "/persons/{}?reason={}",
            encode(&p),
            encode(form.reason.trim())
        ),
        _ => match review_kind(&form.kind).map(review_kind_name) {
            Some(name) if !name.is_empty() => format!("/persons/review?kind={name}"),
            _ => "/persons/review".to_owned(),
        },
    };
    Ok(Redirect::to(&to).into_response())
}

/// JSON body of `POST /api/v1/judgements`.
#[derive(Deserialize)]
pub(crate) struct JudgeRequest {
    a: String,
    b: String,
    verdict: String,
    #[serde(default)]
    reason: String,
}

#[derive(Serialize)]
struct JudgeResponse {
    a: String,
    b: String,
    verdict: PairVerdict,
    person_a: Option<String>,
    person_b: Option<String>,
}

/// `POST /api/v1/judgements`.
pub(crate) async fn judge_api(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Json(req): Json<JudgeRequest>,
) -> Response {
    let run = async {
        let verdict: PairVerdict = req.verdict.parse()?;
        let (person_a, person_b) = veza_core::resolution::apply_judgement(
            &state.store,
            &actor(&session, &req.reason),
            &req.a,
            &req.b,
            verdict,
        )
        .await?;
        Ok::<_, AppError>(JudgeResponse {
            a: req.a.clone(),
            b: req.b.clone(),
            verdict,
            person_a,
            person_b,
        })
    };
    match run.await {
        Ok(r) => Json(r).into_response(),
        Err(e) => e.into_json(),
    }
}

#[derive(Serialize)]
struct PersonJson {
    person_id: String,
    records: Vec<PersonRecord>,
    withheld: u32,
    pairs: Vec<PairJson>,
    judgements: Vec<veza_store::Judgement>,
}

#[derive(Serialize)]
struct PairJson {
    a: String,
    b: String,
    weight: f64,
    probability: f64,
    linked: bool,
    explanation: Vec<FieldContribution>,
}

/// `GET /api/v1/persons/{id}?reason=…`.
pub(crate) async fn api(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Query(q): Query<ReasonQuery>,
) -> Response {
    match state.store.person(&actor(&session, &q.reason), &id).await {
        Ok(v) => Json(PersonJson {
            person_id: v.person_id,
            records: v.records,
            withheld: v.withheld,
            pairs: v
                .pairs
                .iter()
                .map(|p| PairJson {
                    a: p.a.clone(),
                    b: p.b.clone(),
                    weight: p.weight,
                    probability: p.probability,
                    linked: p.linked,
                    explanation: contributions(p),
                })
                .collect(),
            judgements: v.judgements,
        })
        .into_response(),
        Err(e) => AppError::from(e).into_json(),
    }
}

/// The stored explanation of a pair (empty if it cannot be read).
pub(crate) fn contributions(p: &ScoredPair) -> Vec<FieldContribution> {
    serde_json::from_str(&p.explanation).unwrap_or_default()
}

/// Values of one field across a person's records, each with the records
/// that reported it.
pub(crate) fn merge_values(
    view: &PersonView,
    values: impl Fn(&PersonRecord) -> Vec<String>,
) -> Vec<(String, Vec<String>)> {
    let mut merged: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &view.records {
        for v in values(r) {
            if !v.trim().is_empty() {
                merged.entry(v).or_default().push(r.id.clone());
            }
        }
    }
    let mut out: Vec<(String, Vec<String>)> = merged.into_iter().collect();
    // Most widely reported first: agreement across agencies is the signal.
    out.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then(x.0.cmp(&y.0)));
    out
}
