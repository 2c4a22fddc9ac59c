//! The JSON API under `/api/v1`, described by `/api/v1/openapi.json`.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use veza_core::search::search_records as run_search;
use veza_model::PersonRecord;
use veza_store::Session;

use crate::pages::actor;
use crate::{AppError, AppState};

/// The OpenAPI description, kept beside the code and checked against the router by tests.
pub(crate) const OPENAPI: &str = include_str!("../assets/openapi.json");

#[derive(Deserialize)]
pub(crate) struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    reason: String,
    limit: Option<usize>,
}

#[derive(Serialize)]
struct ApiHit {
    score: f64,
    matched_name: String,
    explanation: veza_names::Explanation,
    record: PersonRecord,
}

#[derive(Serialize)]
struct SearchResponse {
    query: String,
    matcher: &'static str,
    hits: Vec<ApiHit>,
}

/// `GET /api/v1/records?q=NAME[&reason=…][&limit=N]`.
pub(crate) async fn search_records(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Query(p): Query<SearchParams>,
) -> Response {
    let q = p.q.trim();
    if q.is_empty() || q.chars().count() > 200 {
        return AppError::BadRequest("q must be a name of 1 to 200 characters".into()).into_json();
    }
    let limit = p.limit.unwrap_or(20).clamp(1, 200);
    match run_search(&state.store, &actor(&session, &p.reason), q, limit).await {
        Ok(hits) => Json(SearchResponse {
            query: q.to_owned(),
            matcher: veza_names::MATCHER_VERSION,
            hits: hits
                .into_iter()
                .map(|h| ApiHit {
                    score: h.score,
                    matched_name: h.matched_name,
                    explanation: h.explanation,
                    record: h.record,
                })
                .collect(),
        })
        .into_response(),
        Err(e) => AppError::from(e).into_json(),
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct ReasonParams {
    #[serde(default)]
    reason: String,
}

/// `GET /api/v1/records/{id}`.
pub(crate) async fn record(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Query(p): Query<ReasonParams>,
) -> Response {
    match state.store.record(&actor(&session, &p.reason), &id).await {
        Ok(Some(r)) => Json(r).into_response(),
        Ok(None) => AppError::NotFound.into_json(),
        Err(e) => AppError::from(e).into_json(),
    }
}

/// `GET /api/v1/me`: the signed-in user and the CSRF token for API writes.
pub(crate) async fn me(Extension(session): Extension<Session>) -> Response {
    let u = &session.user;
    Json(serde_json::json!({
        "username": u.username, "display_name": u.display_name, "role": u.role,
        "agency": u.agency, "country": u.country, "csrf": session.csrf, "session_expires_at": session.expires_at,
    }))
    .into_response()
}

/// `GET /healthz`, without authentication: liveness and database reachability.
pub(crate) async fn healthz(State(state): State<AppState>) -> Response {
    let db = state.store.ping().await;
    let status = if db {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(serde_json::json!({ "status": if db { "ok" } else { "degraded" }, "database": db, "version": env!("CARGO_PKG_VERSION") }))).into_response()
}

/// `GET /api/v1/openapi.json`.
pub(crate) async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// `GET /api/v1/schema`: the data model as versioned data.
pub(crate) async fn schema() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        veza_model::schema::SCHEMA_JSON,
    )
        .into_response()
}
