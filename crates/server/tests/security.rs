//! Security properties through `app()`: the authorization matrix (every
//! route × every role), API tokens, CSRF on state changes, review and audit
//! pages, and logs free of personal data and secrets.

mod common;

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{ACCOUNTS, body, seed_persons, setup};
use veza_model::UserRole;

/// Which roles may use each route; everyone else must be refused.
fn allowed(route: &str, role: UserRole) -> bool {
    use UserRole::*;
    match route {
        "/" | "/api/v1/me" => true,
        "/search?q=Jovan&reason=matrix"
        | "/api/v1/records?q=Jovan&reason=matrix"
        | "/records/R1?reason=matrix"
        | "/api/v1/records/R1?reason=matrix" => {
            matches!(
                role,
                Investigator | Analyst | VictimSupport | LiaisonOfficer
            )
        }
        "/import" | "/persons/review" => {
            matches!(role, Investigator | VictimSupport | LiaisonOfficer)
        }
        "/persons/P-000001?reason=matrix" | "/api/v1/persons/P-000001?reason=matrix" => {
            matches!(
                role,
                Investigator | Analyst | VictimSupport | LiaisonOfficer
            )
        }
        "/review" => matches!(role, Investigator | VictimSupport),
        "/audit" => role == Auditor,
        "/alerts" | "/alerts/new" => matches!(role, Investigator | LiaisonOfficer),
        "/check" => matches!(role, BorderOfficer | Investigator | LiaisonOfficer),
        other => panic!("route {other} missing from the matrix"),
    }
}

const ROUTES: [&str; 15] = [
    "/alerts",
    "/alerts/new",
    "/persons/review",
    "/persons/P-000001?reason=matrix",
    "/api/v1/persons/P-000001?reason=matrix",
    "/check",
    "/",
    "/api/v1/me",
    "/search?q=Jovan&reason=matrix",
    "/api/v1/records?q=Jovan&reason=matrix",
    "/records/R1?reason=matrix",
    "/api/v1/records/R1?reason=matrix",
    "/import",
    "/review",
    "/audit",
];

#[tokio::test]
async fn authorization_matrix_every_route_every_role() {
    let t = setup().await;
    seed_persons(&t).await;
    let mut failures = Vec::new();
    for (user, role, _) in ACCOUNTS {
        let (cookie, _) = t.login(user).await;
        for route in ROUTES {
            let status = t.get(route, Some(&cookie)).await.status();
            let expected = if allowed(route, role) {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            if status != expected {
                failures.push(format!("{role} {route}: {status}, expected {expected}"));
            }
        }
        for route in ROUTES {
            let status = t.get(route, None).await.status();
            let expected = if route.starts_with("/api/") {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::SEE_OTHER
            };
            assert_eq!(status, expected, "unauthenticated {route}");
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn api_tokens_work_for_the_api_only_until_revoked() {
    let t = setup().await;
    let token = veza_core::password::random_token();
    let id = t
        .state
        .store
        .create_api_token(
            "liaison",
            "exchange client",
            &veza_core::password::token_hash(&token),
            3600,
            "admin",
        )
        .await
        .unwrap();
    let get = |uri: &str, bearer: &str| {
        Request::get(uri)
            .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
            .body(Body::empty())
            .unwrap()
    };
    let me = t.send(get("/api/v1/me", &token)).await;
    assert_eq!(me.status(), StatusCode::OK);
    assert!(body(me).await.contains("liaison_officer"));
    assert_eq!(
        t.send(get("/api/v1/records?q=Jovan&reason=exchange", &token))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        t.send(get("/", &token)).await.status(),
        StatusCode::SEE_OTHER,
        "tokens do not open pages"
    );
    assert_eq!(
        t.send(get("/api/v1/me", "wrong")).await.status(),
        StatusCode::UNAUTHORIZED
    );
    t.state.store.revoke_api_token(id, "admin").await.unwrap();
    assert_eq!(
        t.send(get("/api/v1/me", &token)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn state_changes_need_the_csrf_token() {
    let t = setup().await;
    let (cookie, csrf) = t.login("inv").await;
    let post = |uri: &str, form: String| {
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie.clone())
            .body(Body::from(form))
            .unwrap()
    };
    assert_eq!(
        t.send(post("/review/R1/keep", "csrf=forged&reason=x".into()))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.send(post(
            "/review/R1/keep",
            format!("csrf={csrf}&reason=still+needed")
        ))
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let json = Request::post("/logout")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie.clone())
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(
        t.send(json).await.status(),
        StatusCode::FORBIDDEN,
        "a cookie request without form or CSRF header is refused"
    );
}

#[tokio::test]
async fn review_page_deletes_and_audit_page_shows_the_trace() {
    let t = setup().await;
    let inv = veza_store::Actor::new("inv", UserRole::Investigator, "RS-MUP").with_reason("test");
    t.state
        .store
        .set_review_due(&inv, "R2", "2001-01-01")
        .await
        .unwrap();
    let (cookie, csrf) = t.login("inv").await;
    let page = body(t.get("/review", Some(&cookie)).await).await;
    assert!(
        page.contains("R2") && page.contains("/review/R2/delete"),
        "{page}"
    );
    let del = Request::post("/review/R2/delete")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie.clone())
        .body(Body::from(format!("csrf={csrf}&reason=no+longer+needed")))
        .unwrap();
    assert_eq!(t.send(del).await.status(), StatusCode::SEE_OTHER);
    assert!(
        body(t.get("/review", Some(&cookie)).await)
            .await
            .contains("review-empty")
    );
    let (auditor, _) = t.login("auditor").await;
    let audit = body(t.get("/audit", Some(&auditor)).await).await;
    assert!(
        audit.contains("Intact:")
            && audit.contains("record.delete")
            && audit.contains("no longer needed"),
        "{audit}"
    );
}

/// A writer that keeps everything logged, for inspection.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_carry_no_personal_data_or_secrets() {
    // Global, so that every test of this binary running meanwhile is captured
    // too (a thread-scoped subscriber misses callsites cached by others).
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber)
        .expect("the only global subscriber of this test binary");

    let t = setup().await;
    let (cookie, csrf) = t.login("inv").await;
    t.try_login("inv", "a wrong but secret passphrase").await;
    for uri in [
        "/search?q=Jovan%20Petrovi%C4%87&reason=case%20Kilo",
        "/api/v1/records?q=Amina&reason=case%20Kilo",
        "/records/R1?reason=case%20Kilo",
        "/api/v1/records/R2?reason=case%20Kilo",
    ] {
        assert!(
            t.get(uri, Some(&cookie)).await.status().is_success(),
            "{uri}"
        );
    }
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("/api/v1/records"),
        "requests are logged: {logs}"
    );
    let session_token = cookie.trim_start_matches("veza_session=");
    for secret in [
        "Jovan",
        "Petrovi",
        "Amina",
        "Milena",
        "Kilo",
        "q=",
        "secret passphrase",
        common::PASSWORD,
        session_token,
        csrf.as_str(),
    ] {
        assert!(!logs.contains(secret), "logs contain {secret:?}:\n{logs}");
    }
}

#[tokio::test]
async fn a_second_factor_is_required_once_enrolled() {
    let t = setup().await;
    let secret = veza_core::totp::generate_secret();
    t.state
        .store
        .set_totp("inv", Some(&secret), "admin")
        .await
        .unwrap();
    assert_eq!(
        t.try_login("inv", common::PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED,
        "password alone no longer suffices"
    );
    let code = format!(
        "{:06}",
        veza_core::totp::code_at(&secret, veza_core::totp::now()).unwrap()
    );
    let res = t
        .try_login_with_code("inv", common::PASSWORD, "000000")
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = t.try_login_with_code("inv", common::PASSWORD, &code).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    t.state.store.set_totp("inv", None, "admin").await.unwrap();
    assert_eq!(
        t.try_login("inv", common::PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}
