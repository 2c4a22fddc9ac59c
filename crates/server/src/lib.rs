//! Veza's web app and JSON API.
//!
//! [`app`] builds the whole router from an [`AppState`]; tests drive it with
//! `tower::ServiceExt::oneshot`, without a socket. Pages are server-side
//! templates (askama, checked at compile time, escaped by default); the one
//! stylesheet is embedded in the binary; no page runs a script, so the
//! Content-Security-Policy forbids all of them.
//!
//! Every route but `/login`, `/healthz` and `/static/*` requires a session;
//! pages redirect to `/login`, API calls get 401. State-changing requests
//! carry the session's CSRF token. Access to personal data goes through the
//! store, which authorizes and audits it.

mod alert_pages;
mod alerts;
mod api;
mod auth;
mod checks;
mod error;
mod oversight;
mod pages;
mod persons;
mod security;
mod views;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use veza_store::Store;

pub use auth::Throttle;
pub use error::AppError;

/// Largest accepted upload (agency files on the import page).
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// Settings of the web app.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (set when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Session lifetime in seconds.
    pub session_ttl_seconds: i64,
    /// Failed sign-ins before an account is locked.
    pub lock_after_failures: u32,
    /// How long a lock lasts, in seconds.
    pub lock_seconds: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: false,
            session_ttl_seconds: 8 * 3600,
            lock_after_failures: 5,
            lock_seconds: 15 * 60,
        }
    }
}

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Store,
    /// Settings.
    pub config: Arc<Config>,
    /// Sign-in throttling per client address.
    pub throttle: Arc<Throttle>,
    /// The screening index over the active alerts, shared by every check.
    pub alerts: Arc<std::sync::RwLock<veza_screen::Index>>,
}

impl AppState {
    /// Builds the screening index from the store's active alerts.
    pub async fn load_alerts(&self) -> Result<usize, veza_store::Error> {
        let alerts = self.store.active_alerts().await?;
        let index = tokio::task::spawn_blocking(move || veza_screen::Index::build(alerts))
            .await
            .map_err(|e| veza_store::Error::Sink(e.to_string()))?;
        let n = index.len();
        *self.alerts.write().unwrap_or_else(|p| p.into_inner()) = index;
        Ok(n)
    }

    /// Loads the screening index from the snapshot in `dir` when it was
    /// saved for the store's current alerts; otherwise builds it from the
    /// store and saves a new snapshot for the next start. A snapshot that
    /// cannot be read (another version, a torn file) is rebuilt, never
    /// trusted.
    pub async fn load_alerts_cached(
        &self,
        dir: &std::path::Path,
    ) -> Result<AlertLoad, veza_store::Error> {
        let snapshot = dir.join("alerts-index.snapshot");
        let stamp = dir.join("alerts-index.generation");
        let generation = format!(
            "{}\n{}",
            self.store.alerts_generation().await?,
            veza_names::MATCHER_VERSION
        );
        let fresh = std::fs::read_to_string(&stamp).is_ok_and(|s| s == generation);
        if fresh {
            let path = snapshot.clone();
            let loaded = tokio::task::spawn_blocking(move || veza_screen::Index::load(&path))
                .await
                .map_err(|e| veza_store::Error::Sink(e.to_string()))?;
            match loaded {
                Ok(index) => {
                    let n = index.len();
                    *self.alerts.write().unwrap_or_else(|p| p.into_inner()) = index;
                    self.store
                        .audit(
                            veza_audit::Draft::new(
                                veza_store::clock::now(),
                                "system",
                                "alerts.load",
                                "screening index",
                            )
                            .outcome(format!("{n} active alerts from the snapshot")),
                        )
                        .await?;
                    return Ok(AlertLoad {
                        alerts: n,
                        from_snapshot: true,
                    });
                }
                Err(e) => tracing::warn!(error = %e, "alert snapshot unreadable; rebuilding"),
            }
        }
        let n = self.load_alerts().await?;
        let index = self.alerts.clone();
        let saved = tokio::task::spawn_blocking(move || -> Result<(), String> {
            let _ = std::fs::remove_file(&stamp);
            let guard = index.read().unwrap_or_else(|p| p.into_inner());
            guard.save(&snapshot).map_err(|e| e.to_string())?;
            drop(guard);
            // The stamp is written last: a crash in between leaves no stamp,
            // so the next start rebuilds.
            std::fs::write(&stamp, generation).map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| veza_store::Error::Sink(e.to_string()))?;
        if let Err(e) = saved {
            tracing::warn!(error = %e, "alert snapshot not saved");
        }
        Ok(AlertLoad {
            alerts: n,
            from_snapshot: false,
        })
    }

    /// State with default settings.
    pub fn new(store: Store) -> Self {
        AppState {
            store,
            config: Arc::new(Config::default()),
            throttle: Arc::new(Throttle::default()),
            alerts: Arc::new(std::sync::RwLock::new(veza_screen::Index::new())),
        }
    }
}

/// How the screening index was loaded at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertLoad {
    /// Alerts in the index.
    pub alerts: usize,
    /// Read from the snapshot (true) or built from the store.
    pub from_snapshot: bool,
}

/// The whole web app.
pub fn app(state: AppState) -> Router {
    let protected = Router::new()
        .route("/", get(pages::dashboard))
        .route("/search", get(pages::search))
        .route("/records/{id}", get(pages::record))
        .route(
            "/import",
            get(pages::import_form).post(pages::import_upload),
        )
        .route("/alerts", get(alert_pages::list))
        .route(
            "/alerts/new",
            get(alert_pages::new_form).post(alert_pages::create),
        )
        .route(
            "/alerts/{id}",
            get(alert_pages::edit_form).post(alert_pages::update),
        )
        .route("/alerts/{id}/extend", post(alert_pages::extend))
        .route("/alerts/{id}/delete", post(alert_pages::delete))
        .route("/persons/review", get(persons::queue))
        .route("/persons/judge", post(persons::judge_form))
        .route("/persons/{id}", get(persons::page))
        .route("/api/v1/persons/{id}", get(persons::api))
        .route("/api/v1/judgements", post(persons::judge_api))
        .route("/review", get(oversight::review))
        .route("/review/{id}/keep", post(oversight::keep))
        .route("/review/{id}/delete", post(oversight::delete))
        .route("/audit", get(oversight::audit))
        .route("/check", get(checks::form).post(checks::submit))
        .route("/api/v1/checks", post(checks::api))
        .route("/api/v1/alerts", post(alerts::create))
        .route(
            "/api/v1/alerts/{id}",
            get(alerts::read).put(alerts::update).delete(alerts::delete),
        )
        .route("/logout", post(auth::logout))
        .route("/api/v1/records", get(api::search_records))
        .route("/api/v1/records/{id}", get(api::record))
        .route("/api/v1/me", get(api::me))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_session,
        ));
    Router::new()
        .merge(protected)
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/healthz", get(api::healthz))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/schema", get(api::schema))
        .route("/static/app.css", get(security::stylesheet))
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(axum::middleware::from_fn(security::log_requests))
        .with_state(state)
}
