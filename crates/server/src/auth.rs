//! Sign-in, sessions, CSRF and throttling.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use veza_core::password::{random_token, token_hash, verify_password};
use veza_store::Session;

use crate::views::LoginPage;
use crate::{AppError, AppState};

/// Session cookie name.
pub(crate) const SESSION_COOKIE: &str = "veza_session";
/// Cookie carrying the sign-in form's CSRF token before a session exists.
const LOGIN_CSRF_COOKIE: &str = "veza_login_csrf";

/// Failed sign-ins from one client address within a window; past the limit
/// the client gets 429 until the window ends.
#[derive(Debug)]
pub struct Throttle {
    window: Duration,
    limit: u32,
    failures: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::new(10, Duration::from_secs(15 * 60))
    }
}

impl Throttle {
    /// `limit` failures per `window` per client.
    pub fn new(limit: u32, window: Duration) -> Self {
        Throttle {
            window,
            limit,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn blocked(&self, client: &str) -> bool {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.get(client)
            .is_some_and(|(since, n)| *n >= self.limit && since.elapsed() < self.window)
    }

    fn fail(&self, client: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Bound memory under a spray of addresses: forget expired windows.
            let window = self.window;
            map.retain(|_, (since, _)| since.elapsed() < window);
        }
        let entry = map.entry(client.to_owned()).or_insert((Instant::now(), 0));
        if entry.0.elapsed() >= self.window {
            *entry = (Instant::now(), 0);
        }
        entry.1 += 1;
    }

    fn clear(&self, client: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(client);
    }
}

/// A cookie's value from the request headers.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn set_cookie(state: &AppState, name: &str, value: &str, max_age: i64) -> String {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

/// Requires a live session: pages redirect to `/login`, the API answers 401.
/// State-changing requests must carry the session's CSRF token.
pub(crate) async fn require_session(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let session = match (bearer, cookie(req.headers(), SESSION_COOKIE)) {
        // API tokens are for the API only; a page request with one is treated as signed out.
        (Some(token), _) if is_api => state.store.token_session(&token_hash(token)).await,
        (_, Some(token)) => state.store.session(&token_hash(token)).await,
        _ => Ok(None),
    };
    let session = match session {
        Ok(Some(s)) => s,
        Ok(None) if is_api => {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                axum::Json(serde_json::json!({"error": "sign in or send a valid API token"})),
            )
                .into_response();
        }
        Ok(None) => {
            let next = req.uri().path_and_query().map_or("/", |p| p.as_str());
            return Redirect::to(&format!("/login?next={}", encode(next))).into_response();
        }
        Err(e) => return AppError::from(e).into_response(),
    };
    if !req.method().is_safe() && !session.via_token {
        // Cookie-authenticated writes need the session's CSRF token: forms
        // carry it in a field (checked by the handler, since the body is not
        // read here), API calls in the X-CSRF-Token header. Bearer requests
        // are not sent by browsers on their own and need none.
        let header_ok = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            == Some(session.csrf.as_str());
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| {
                c.starts_with("application/x-www-form-urlencoded")
                    || c.starts_with("multipart/form-data")
            });
        if !header_ok && !is_form {
            return (StatusCode::FORBIDDEN, "missing or wrong CSRF token").into_response();
        }
    }
    req.extensions_mut().insert(session);
    next.run(req).await
}

/// Checks a form's CSRF field against the session.
pub(crate) fn check_csrf(session: &Session, token: &str) -> Result<(), AppError> {
    if token.is_empty() || token != session.csrf {
        return Err(AppError::Forbidden("The form expired or did not come from veza (CSRF check). Reload the page and try again.".into()));
    }
    Ok(())
}

pub(crate) fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Only local paths are followed after sign-in, never another site.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

#[derive(Deserialize)]
pub(crate) struct LoginQuery {
    next: Option<String>,
}

/// `GET /login`.
pub(crate) async fn login_form(
    State(state): State<AppState>,
    Query(q): Query<LoginQuery>,
) -> Response {
    let csrf = random_token();
    let page = LoginPage {
        user: None,
        csrf: csrf.clone(),
        next: safe_next(q.next.as_deref()),
        error: String::new(),
        username: String::new(),
    };
    (
        [(
            header::SET_COOKIE,
            set_cookie(&state, LOGIN_CSRF_COOKIE, &csrf, 3600),
        )],
        page,
    )
        .into_response()
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
    /// Six-digit code from an authenticator app, for users who enrolled one.
    #[serde(default)]
    code: String,
}

/// `POST /login`.
pub(crate) async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<LoginForm>,
) -> Response {
    let client = connect.map_or_else(
        || "local".to_owned(),
        |Extension(ConnectInfo(addr))| addr.ip().to_string(),
    );
    let fail = |status: StatusCode, error: &str| {
        let csrf = random_token();
        let page = LoginPage {
            user: None,
            csrf: csrf.clone(),
            next: safe_next(Some(&form.next)),
            error: error.to_owned(),
            username: form.username.clone(),
        };
        (
            status,
            [(
                header::SET_COOKIE,
                set_cookie(&state, LOGIN_CSRF_COOKIE, &csrf, 3600),
            )],
            page,
        )
            .into_response()
    };
    if form.csrf.is_empty() || cookie(&headers, LOGIN_CSRF_COOKIE) != Some(form.csrf.as_str()) {
        return fail(
            StatusCode::FORBIDDEN,
            "The sign-in form expired. Please try again.",
        );
    }
    if state.throttle.blocked(&client) {
        return fail(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many failed sign-ins from this computer. Wait 15 minutes.",
        );
    }
    let user = match state.store.user(form.username.trim()).await {
        Ok(u) => u,
        Err(e) => return AppError::from(e).into_response(),
    };
    if let Some(u) = &user
        && u.is_locked()
    {
        return fail(
            StatusCode::TOO_MANY_REQUESTS,
            "This account is locked after repeated failed sign-ins. Wait 15 minutes or ask an administrator.",
        );
    }
    // Verify even for unknown users so that timing does not reveal which names exist.
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY
        .get_or_init(|| veza_core::password::hash_password(&random_token()).unwrap_or_default());
    let ok = verify_password(
        &form.password,
        user.as_ref()
            .map_or(dummy.as_str(), |u| u.password_hash.as_str()),
    );
    // A user with a second factor needs a valid code too; a wrong code counts
    // as a failed sign-in like a wrong password.
    let second_factor_ok = |u: &veza_store::User| {
        u.totp_secret.as_deref().is_none_or(|secret| {
            veza_core::totp::verify(secret, &form.code, veza_core::totp::now())
        })
    };
    let Some(user) = user.filter(|u| ok && !u.disabled && second_factor_ok(u)) else {
        state.throttle.fail(&client);
        if let Err(e) = state
            .store
            .record_login_failure(
                form.username.trim(),
                state.config.lock_after_failures,
                state.config.lock_seconds,
            )
            .await
        {
            return AppError::from(e).into_response();
        }
        return fail(
            StatusCode::UNAUTHORIZED,
            "Wrong user name, password or code.",
        );
    };
    state.throttle.clear(&client);
    let token = random_token();
    let csrf = random_token();
    if let Err(e) = state
        .store
        .create_session(
            &user.username,
            &token_hash(&token),
            &csrf,
            state.config.session_ttl_seconds,
        )
        .await
    {
        return AppError::from(e).into_response();
    }
    let cookie = set_cookie(
        &state,
        SESSION_COOKIE,
        &token,
        state.config.session_ttl_seconds,
    );
    let clear = set_cookie(&state, LOGIN_CSRF_COOKIE, "", 0);
    let mut res = Redirect::to(&safe_next(Some(&form.next))).into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, cookie.parse().expect("cookie header"));
    res.headers_mut()
        .append(header::SET_COOKIE, clear.parse().expect("cookie header"));
    res
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /logout`: ends the session server-side, not just the cookie.
pub(crate) async fn logout(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    check_csrf(&session, &form.csrf)?;
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        state.store.end_session(&token_hash(token)).await?;
    }
    Ok((
        [(
            header::SET_COOKIE,
            set_cookie(&state, SESSION_COOKIE, "", 0),
        )],
        Redirect::to("/login"),
    )
        .into_response())
}
