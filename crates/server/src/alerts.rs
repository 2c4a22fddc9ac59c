//! Alert lifecycle over the API: create, update, delete, read. Each change
//! is written to the store (audited) and applied to the screening index at
//! once, without a rebuild.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use veza_model::Alert;
use veza_store::Session;

use crate::pages::actor;
use crate::{AppError, AppState};

/// Applies an alert change to the screening index in memory (the API and
/// the alerts desk both call this after the store committed the change).
pub(crate) fn apply(state: &AppState, change: impl FnOnce(&mut veza_screen::Index)) {
    let mut index = state.alerts.write().unwrap_or_else(|p| p.into_inner());
    change(&mut index);
}

/// `POST /api/v1/alerts`.
pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Json(alert): Json<Alert>,
) -> Response {
    match state
        .store
        .create_alert(&actor(&session, "alert management"), &alert)
        .await
    {
        Ok(()) => {
            let id = alert.id.clone();
            apply(&state, |i| i.upsert(alert));
            (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
        }
        Err(veza_store::Error::DuplicateRecord(m)) => (
            StatusCode::CONFLICT,
            Json(serde_json::json!({ "error": format!("{m} exists") })),
        )
            .into_response(),
        Err(e) => AppError::from(e).into_json(),
    }
}

/// `PUT /api/v1/alerts/{id}`.
pub(crate) async fn update(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Json(alert): Json<Alert>,
) -> Response {
    if alert.id != id {
        return AppError::BadRequest("the alert's id must match the path".into()).into_json();
    }
    match state
        .store
        .update_alert(&actor(&session, "alert management"), &alert)
        .await
    {
        Ok(()) => {
            apply(&state, |i| i.upsert(alert));
            Json(serde_json::json!({ "id": id })).into_response()
        }
        Err(e) => AppError::from(e).into_json(),
    }
}

/// `DELETE /api/v1/alerts/{id}`.
pub(crate) async fn delete(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
) -> Response {
    match state
        .store
        .delete_alert(&actor(&session, "alert management"), &id)
        .await
    {
        Ok(true) => {
            apply(&state, |i| {
                i.remove(&id);
            });
            StatusCode::NO_CONTENT.into_response()
        }
        Ok(false) => AppError::NotFound.into_json(),
        Err(e) => AppError::from(e).into_json(),
    }
}

/// `GET /api/v1/alerts/{id}`.
pub(crate) async fn read(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
) -> Response {
    match state
        .store
        .alert(&actor(&session, "alert consultation"), &id)
        .await
    {
        Ok(Some(a)) => Json(a).into_response(),
        Ok(None) => AppError::NotFound.into_json(),
        Err(e) => AppError::from(e).into_json(),
    }
}
