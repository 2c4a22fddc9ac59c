//! The web app through `app()`, without a socket.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{PASSWORD, body, set_cookies, setup};
use veza_model::UserRole;
use veza_store::Actor;

#[tokio::test]
async fn public_routes_answer_without_a_session() {
    let t = setup().await;
    assert_eq!(t.get("/healthz", None).await.status(), StatusCode::OK);
    assert_eq!(t.get("/login", None).await.status(), StatusCode::OK);
    let openapi: serde_json::Value =
        serde_json::from_str(&body(t.get("/api/v1/openapi.json", None).await).await).unwrap();
    assert_eq!(openapi["openapi"], "3.1.0");
    assert_eq!(
        t.get("/static/app.css", None).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn pages_redirect_to_login_and_api_answers_401() {
    let t = setup().await;
    for page in ["/", "/search?q=x", "/records/R1", "/import"] {
        let res = t.get(page, None).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{page}");
        assert!(
            res.headers()[header::LOCATION]
                .to_str()
                .unwrap()
                .starts_with("/login?next="),
            "{page}"
        );
    }
    for api in ["/api/v1/records?q=x", "/api/v1/records/R1", "/api/v1/me"] {
        assert_eq!(
            t.get(api, None).await.status(),
            StatusCode::UNAUTHORIZED,
            "{api}"
        );
    }
    assert_eq!(
        t.get("/api/v1/me", Some("veza_session=forged"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let t = setup().await;
    let (cookie, _) = t.login("inv").await;
    for (uri, c) in [
        ("/login", None),
        ("/healthz", None),
        ("/", Some(cookie.as_str())),
        ("/nowhere", None),
        ("/api/v1/records/R1", Some(cookie.as_str())),
    ] {
        let res = t.get(uri, c).await;
        let h = res.headers();
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline")
                && csp.contains("default-src 'none'"),
            "{uri}: {csp}"
        );
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{uri}");
    }
    let res = t.try_login("inv", PASSWORD).await;
    let session = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("veza_session="))
        .unwrap();
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Strict"),
        "{session}"
    );
}

#[tokio::test]
async fn sign_in_redirects_to_next_and_dashboard_shows_counts() {
    let t = setup().await;
    let res = t.try_login("inv", PASSWORD).await;
    assert_eq!(res.headers()[header::LOCATION], "/search");
    let (cookie, _) = t.login("inv").await;
    let html = body(t.get("/", Some(&cookie)).await).await;
    assert!(
        html.contains("id=\"count-records\">3<"),
        "dashboard counts records"
    );
}

#[tokio::test]
async fn wrong_passwords_are_throttled_and_lock_the_account() {
    let t = setup().await;
    for _ in 0..4 {
        assert_eq!(
            t.try_login("inv", "wrong password!!").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        t.try_login("inv", "wrong password!!").await.status(),
        StatusCode::UNAUTHORIZED
    );
    // Five failures lock the account: even the right password now gets 429.
    assert_eq!(
        t.try_login("inv", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // And ten failures from one client block that client for every account.
    for _ in 0..5 {
        t.try_login("nobody", "wrong password!!").await;
    }
    assert_eq!(
        t.try_login("support", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn login_without_its_csrf_cookie_is_refused() {
    let t = setup().await;
    let req = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "username=inv&password={PASSWORD}&csrf=abc"
        )))
        .unwrap();
    assert_eq!(t.send(req).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn cyrillic_search_finds_the_latin_record_with_an_explanation() {
    let t = setup().await;
    let (cookie, _) = t.login("inv").await;
    let q = "%D0%88%D0%BE%D0%B2%D0%B0%D0%BD%20%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2%D0%B8%D1%9B"; // Јован Петровић
    let res = t
        .get(
            &format!("/api/v1/records?q={q}&reason=case%2017"),
            Some(&cookie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body(res).await).unwrap();
    assert_eq!(json["hits"][0]["record"]["id"], "R1");
    assert!(json["hits"][0]["score"].as_f64().unwrap() > 0.9);
    assert!(json["hits"][0]["explanation"].is_object());
    let html = body(
        t.get(&format!("/search?q={q}&reason=case%2017"), Some(&cookie))
            .await,
    )
    .await;
    assert!(
        html.contains("/records/R1?reason=case%2017") && html.contains("explain"),
        "{html}"
    );
    let asked = body(t.get(&format!("/search?q={q}"), Some(&cookie)).await).await;
    assert!(
        asked.contains("id=\"search-error\"") && !asked.contains("/records/R1"),
        "no search without a reason"
    );
    let form = body(t.get("/records/R1", Some(&cookie)).await).await;
    assert!(form.contains("Why are you opening this record?"));
    assert_eq!(
        t.get("/api/v1/records/R1", Some(&cookie)).await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn victims_are_visible_to_victim_support_only() {
    let t = setup().await;
    let (inv, _) = t.login("inv").await;
    let (support, _) = t.login("support").await;
    let json: serde_json::Value = serde_json::from_str(
        &body(
            t.get(
                "/api/v1/records?q=Amina%20Hadzic&reason=case%201",
                Some(&inv),
            )
            .await,
        )
        .await,
    )
    .unwrap();
    assert!(
        json["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["record"]["id"] != "V1")
    );
    assert_eq!(
        t.get("/api/v1/records/V1?reason=case%201", Some(&inv))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.get("/records/V1?reason=case%201", Some(&inv))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.get("/api/v1/records/V1?reason=assistance", Some(&support))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn roles_without_record_access_are_refused() {
    let t = setup().await;
    for user in ["border", "admin"] {
        let (c, _) = t.login(user).await;
        assert_eq!(
            t.get("/api/v1/records?q=Jovan", Some(&c)).await.status(),
            StatusCode::FORBIDDEN,
            "{user}"
        );
        assert_eq!(
            t.get("/api/v1/records/R1", Some(&c)).await.status(),
            StatusCode::FORBIDDEN,
            "{user}"
        );
        assert_eq!(
            t.get("/search?q=Jovan", Some(&c)).await.status(),
            StatusCode::FORBIDDEN,
            "{user}"
        );
        assert_eq!(
            t.get("/import", Some(&c)).await.status(),
            StatusCode::FORBIDDEN,
            "{user}"
        );
        assert_eq!(
            t.get("/", Some(&c)).await.status(),
            StatusCode::OK,
            "{user}"
        );
    }
}

fn multipart(csrf: &str, file: &str, skip_invalid: bool) -> (String, String) {
    let b = "XyZboundary";
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{b}\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nMK-MVR\r\n"
    );
    if skip_invalid {
        body.push_str(&format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"skip_invalid\"\r\n\r\n1\r\n"
        ));
    }
    body.push_str(&format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mk.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{b}--\r\n"));
    (format!("multipart/form-data; boundary={b}"), body)
}

#[tokio::test]
async fn import_page_commits_whole_files_and_reports_bad_rows() {
    let t = setup().await;
    let (cookie, csrf) = t.login("inv").await;
    let post = |ct: String, body: String, cookie: String| {
        Request::post("/import")
            .header(header::CONTENT_TYPE, ct)
            .header(header::COOKIE, cookie)
            .body(Body::from(body))
            .unwrap()
    };
    let bad = "given_name,family_name,date_of_birth\nЃорѓи,Трајковски,1980-01-01\nМарија,Стојанова,31.02.1991\n";
    let (ct, b) = multipart(&csrf, bad, false);
    let html = body(t.send(post(ct, b, cookie.clone())).await).await;
    assert!(
        html.contains("Nothing was imported") && html.contains("mk.csv:3: column date_of_birth"),
        "{html}"
    );
    assert_eq!(t.state.store.counts().await.unwrap().records, 3);
    let (ct, b) = multipart(&csrf, bad, true);
    let html = body(t.send(post(ct, b, cookie.clone())).await).await;
    assert!(
        html.contains("Imported 1 records") && html.contains("1 rows set aside"),
        "{html}"
    );
    assert_eq!(t.state.store.counts().await.unwrap().records, 4);
    let (ct, b) = multipart("wrong-token", bad, true);
    assert_eq!(
        t.send(post(ct, b, cookie)).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(t.state.store.counts().await.unwrap().records, 4);
}

#[tokio::test]
async fn logout_needs_csrf_and_ends_the_session() {
    let t = setup().await;
    let (cookie, csrf) = t.login("inv").await;
    let post = |body: String| {
        Request::post("/logout")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie.clone())
            .body(Body::from(body))
            .unwrap()
    };
    assert_eq!(
        t.send(post("csrf=nope".into())).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.send(post(format!("csrf={csrf}"))).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        t.get("/api/v1/me", Some(&cookie)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn openapi_describes_exactly_the_api_routes() {
    let t = setup().await;
    common::seed_persons(&t).await;
    let (cookie, _) = t.login("inv").await;
    let doc: serde_json::Value =
        serde_json::from_str(&body(t.get("/api/v1/openapi.json", None).await).await).unwrap();
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for path in paths
        .iter()
        .filter(|p| doc["paths"][p.as_str()]["get"].is_object())
    {
        let id = if path.contains("alerts") {
            "A1"
        } else if path.contains("persons") {
            "P-000001"
        } else {
            "R1"
        };
        let uri = path.replace("{id}", id)
            + if path.ends_with("records") {
                "?q=Jovan&reason=case%2017"
            } else if path.contains("records/") || path.contains("persons/") {
                "?reason=case%2017"
            } else {
                ""
            };
        let status = t.get(&uri, Some(&cookie)).await.status();
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
    let mut documented: Vec<&str> = paths.iter().map(|p| p.as_str()).collect();
    assert!(doc["paths"]["/api/v1/checks"]["post"].is_object());
    documented.sort();
    assert_eq!(
        documented,
        [
            "/api/v1/alerts",
            "/api/v1/alerts/{id}",
            "/api/v1/checks",
            "/api/v1/judgements",
            "/api/v1/me",
            "/api/v1/openapi.json",
            "/api/v1/persons/{id}",
            "/api/v1/records",
            "/api/v1/records/{id}",
            "/api/v1/schema",
            "/healthz"
        ]
    );
}

#[tokio::test]
async fn every_access_is_audited_with_its_reason() {
    let t = setup().await;
    let (cookie, _) = t.login("inv").await;
    t.get("/api/v1/records/R1?reason=case%2042", Some(&cookie))
        .await;
    t.get("/api/v1/records?q=Jovan&reason=case%2042", Some(&cookie))
        .await;
    let auditor = Actor::new("aud", UserRole::Auditor, "RS-DPA");
    let entries = t
        .state
        .store
        .audit_entries(&auditor, 0, 1000)
        .await
        .unwrap();
    let read = entries
        .iter()
        .find(|e| e.draft.action == "record.read")
        .unwrap();
    assert_eq!(
        (read.draft.subject.as_str(), read.draft.reason.as_str()),
        ("R1", "case 42")
    );
    assert!(read.draft.actor.starts_with("inv["));
    assert!(
        entries
            .iter()
            .any(|e| e.draft.action == "record.search" && e.draft.subject == "Jovan")
    );
    t.state.store.verify_audit().await.unwrap();
}

#[tokio::test]
async fn border_checks_rank_explain_and_refer_victims_for_protection() {
    let t = setup().await;
    let (cookie, csrf) = t.login("border").await;
    let page = body(t.get("/check", Some(&cookie)).await).await;
    assert!(page.contains("Against 3 active alerts"), "{page}");
    let post = |form: String| {
        Request::post("/check")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie.clone())
            .body(Body::from(form))
            .unwrap()
    };
    let html = body(
        t.send(post(format!(
            "csrf={csrf}&name=Jovan+Petrovic&date_of_birth=02.03.1985&nationality=RS"
        )))
        .await,
    )
    .await;
    assert!(
        html.contains("alert A1") && html.contains("Why this score"),
        "{html}"
    );
    let html = body(
        t.send(post(format!(
            "csrf={csrf}&name=Amina+Hadzic&date_of_birth=2004"
        )))
        .await,
    )
    .await;
    assert!(
        html.contains("Protection referral") && !html.contains(">Hit ·"),
        "{html}"
    );
    // An OCR misreading (B read as 8) still finds the stolen-document alert.
    let html = body(
        t.send(post(format!("csrf={csrf}&document_number=A81234567")))
            .await,
    )
    .await;
    assert!(html.contains("alert A3"), "{html}");
    let html = body(t.send(post(format!("csrf={csrf}&mrz=garbage"))).await).await;
    assert!(
        html.contains("check-error"),
        "garbage MRZ is a clear error: {html}"
    );
    assert_eq!(
        t.send(post("csrf=forged&name=X".into())).await.status(),
        StatusCode::FORBIDDEN
    );

    let api = Request::post("/api/v1/checks")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie.clone())
        .header("x-csrf-token", csrf.clone())
        .body(Body::from(
            r#"{"name":"ЈОВАН ПЕТРОВИЋ","date_of_birth":"1985-03-02"}"#,
        ))
        .unwrap();
    let res = t.send(api).await;
    assert_eq!(res.status(), StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body(res).await).unwrap();
    assert_eq!(json["hits"][0]["alert_id"], "A1");
    assert!(json["hits"][0]["explanation"]["name"].is_object());
    let auditor = Actor::new("aud", UserRole::Auditor, "RS-DPA");
    let entries = t
        .state
        .store
        .audit_entries(&auditor, 0, 1000)
        .await
        .unwrap();
    let checks: Vec<_> = entries
        .iter()
        .filter(|e| e.draft.action == "check")
        .collect();
    assert!(checks.len() >= 4, "every check is audited");
    assert!(checks.iter().any(|e| e.draft.outcome.contains("A1:")));
}

#[tokio::test]
async fn alert_changes_reach_the_screening_index_without_a_rebuild() {
    let t = setup().await;
    let (lo, lo_csrf) = t.login("liaison").await;
    let (bo, bo_csrf) = t.login("border").await;
    let send = |method: &str, uri: &str, cookie: &str, csrf: &str, json: String| {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, cookie)
            .header("x-csrf-token", csrf)
            .body(Body::from(json))
            .unwrap()
    };
    let alert = |name: &str| {
        serde_json::json!({
            "id": "NEW-1", "category": "refusal_of_entry",
            "names": [{"kind": "full", "value": name, "script": "cyrillic"}],
            "date_of_birth": "1979-05-14",
            "action": "refuse entry", "issuing_authority": "ME-UP", "issuing_country": "ME",
            "review_date": "2029-11-28", "expiry": "2029-11-28",
        })
        .to_string()
    };
    let check = |cookie: &str, csrf: &str, name: &str| {
        send(
            "POST",
            "/api/v1/checks",
            cookie,
            csrf,
            serde_json::json!({"name": name, "date_of_birth": "1979-05-14"}).to_string(),
        )
    };
    let first = |json: &serde_json::Value| {
        json["hits"][0]["alert_id"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    let hits: serde_json::Value =
        serde_json::from_str(&body(t.send(check(&bo, &bo_csrf, "Dragan Nikolić")).await).await)
            .unwrap();
    assert_ne!(first(&hits), "NEW-1");
    assert_eq!(
        t.send(send(
            "POST",
            "/api/v1/alerts",
            &bo,
            &bo_csrf,
            alert("Драган Николић")
        ))
        .await
        .status(),
        StatusCode::FORBIDDEN,
        "border officers do not create alerts"
    );
    assert_eq!(
        t.send(send(
            "POST",
            "/api/v1/alerts",
            &lo,
            &lo_csrf,
            alert("Драган Николић")
        ))
        .await
        .status(),
        StatusCode::CREATED
    );
    assert_eq!(
        t.send(send(
            "POST",
            "/api/v1/alerts",
            &lo,
            &lo_csrf,
            alert("Драган Николић")
        ))
        .await
        .status(),
        StatusCode::CONFLICT
    );
    let hits: serde_json::Value =
        serde_json::from_str(&body(t.send(check(&bo, &bo_csrf, "Dragan Nikolić")).await).await)
            .unwrap();
    assert_eq!(first(&hits), "NEW-1", "{hits}");
    assert_eq!(
        t.send(send(
            "PUT",
            "/api/v1/alerts/NEW-1",
            &lo,
            &lo_csrf,
            alert("Милош Обреновић")
        ))
        .await
        .status(),
        StatusCode::OK
    );
    let hits: serde_json::Value =
        serde_json::from_str(&body(t.send(check(&bo, &bo_csrf, "Dragan Nikolić")).await).await)
            .unwrap();
    assert_ne!(
        first(&hits),
        "NEW-1",
        "the update replaced the names: {hits}"
    );
    assert_eq!(
        t.send(send(
            "DELETE",
            "/api/v1/alerts/NEW-1",
            &lo,
            &lo_csrf,
            String::new()
        ))
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    let hits: serde_json::Value =
        serde_json::from_str(&body(t.send(check(&bo, &bo_csrf, "Miloš Obrenović")).await).await)
            .unwrap();
    assert_ne!(first(&hits), "NEW-1", "deleted alerts no longer hit");
}
