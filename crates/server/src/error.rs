//! One error type for every handler. Server errors are logged with their
//! detail and answered with a generic message, so database internals and
//! personal data never reach the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::views::ErrorPage;

/// An error a handler returns.
#[derive(Debug)]
pub enum AppError {
    /// 400: the request is malformed; the message is shown.
    BadRequest(String),
    /// 403: not allowed for this user; the message is shown.
    Forbidden(String),
    /// 404.
    NotFound,
    /// 500: detail logged, not shown.
    Internal(String),
}

impl AppError {
    fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, m.clone()),
            AppError::NotFound => (StatusCode::NOT_FOUND, "Not found.".into()),
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; it has been logged.".into(),
            ),
        }
    }

    /// The error as JSON, for the API.
    pub fn into_json(self) -> Response {
        self.log();
        let (status, message) = self.status_and_message();
        (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
    }

    fn log(&self) {
        if let AppError::Internal(detail) = self {
            tracing::error!(%detail, "internal error");
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let (status, message) = self.status_and_message();
        (
            status,
            ErrorPage {
                title: status.canonical_reason().unwrap_or("Error").to_owned(),
                message,
                user: None,
            },
        )
            .into_response()
    }
}

impl From<veza_store::Error> for AppError {
    fn from(e: veza_store::Error) -> Self {
        match e {
            veza_store::Error::Forbidden(m) => AppError::Forbidden(m),
            veza_store::Error::NotFound(_) => AppError::NotFound,
            veza_store::Error::Invalid(m) => AppError::BadRequest(m),
            veza_store::Error::ReasonRequired => AppError::BadRequest(
                "Give the reason for this access (a case number or a short purpose); it is kept in the audit log.".into(),
            ),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<veza_core::Error> for AppError {
    fn from(e: veza_core::Error) -> Self {
        match e {
            veza_core::Error::Store(s) => s.into(),
            veza_core::Error::Row(r) => AppError::BadRequest(r.to_string()),
            veza_core::Error::Input(i) => AppError::BadRequest(i.to_string()),
            other => AppError::Internal(other.to_string()),
        }
    }
}
