//! Alert management pages through `app()`: list, create (with errors that
//! name the field), edit, review (keep or delete), each reaching border
//! checks at once and each audited.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{body, setup};
use veza_model::UserRole;
use veza_store::Actor;

fn form_post(uri: &str, cookie: &str, form: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form.to_owned()))
        .unwrap()
}

async fn first_hit(t: &common::TestApp, name: &str) -> String {
    let (bo, csrf) = t.login("border").await;
    let req = Request::post("/api/v1/checks")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, &bo)
        .header("x-csrf-token", &csrf)
        .body(Body::from(
            serde_json::json!({"name": name, "date_of_birth": "1980-02-03"}).to_string(),
        ))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&body(t.send(req).await).await).unwrap();
    // The strongest hit that a border officer would act on (a date of birth
    // alone may still surface an alert, far down and with a low score).
    let hit = &v["hits"][0];
    if hit["score"].as_f64().unwrap_or(0.0) >= 0.5 {
        hit["alert_id"].as_str().unwrap_or("").to_owned()
    } else {
        String::new()
    }
}

#[tokio::test]
async fn alerts_are_listed_for_the_sirene_desk_only() {
    let t = setup().await;
    let (inv, _) = t.login("inv").await;
    let page = body(t.get("/alerts", Some(&inv)).await).await;
    for id in ["A1", "A2", "A3"] {
        assert!(page.contains(&format!("/alerts/{id}")), "{id} listed");
    }
    assert!(page.contains("potential trafficking victim"));
    let filtered = body(t.get("/alerts?category=document_stolen", Some(&inv)).await).await;
    assert!(filtered.contains("/alerts/A3") && !filtered.contains("/alerts/A1\""));
    assert_eq!(
        t.get("/alerts?category=nonsense", Some(&inv))
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    for user in ["border", "analyst", "support", "auditor", "admin"] {
        let (c, _) = t.login(user).await;
        assert_eq!(
            t.get("/alerts", Some(&c)).await.status(),
            StatusCode::FORBIDDEN,
            "{user}"
        );
        assert_eq!(
            t.get("/alerts/new", Some(&c)).await.status(),
            StatusCode::FORBIDDEN,
            "{user}"
        );
    }
}

#[tokio::test]
async fn an_alert_created_edited_and_deleted_in_the_form_reaches_checks_at_once() {
    let t = setup().await;
    let (lo, csrf) = t.login("liaison").await;
    // A bad date names the field and creates nothing.
    let bad = t
        .send(form_post(
            "/alerts/new",
            &lo,
            &format!("csrf={csrf}&id=W-1&category=arrest&family_names=Obrenovi%C4%87&date_of_birth=31.02.1980"),
        ))
        .await;
    assert_eq!(bad.status(), StatusCode::OK);
    let page = body(bad).await;
    assert!(
        page.contains("id=\"form-error\"") && page.contains("Date of birth"),
        "{page}"
    );
    assert!(page.contains("Obrenović"), "the typed values are kept");
    let forged = t
        .send(form_post(
            "/alerts/new",
            &lo,
            "csrf=forged&category=arrest&family_names=X",
        ))
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    let created = t
        .send(form_post(
            "/alerts/new",
            &lo,
            &format!(
                "csrf={csrf}&id=W-1&category=arrest&family_names=%D0%9E%D0%B1%D1%80%D0%B5%D0%BD%D0%BE%D0%B2%D0%B8%D1%9B\
                 &given_names=%D0%9C%D0%B8%D0%BB%D0%BE%D1%88&date_of_birth=1980-02-03&nationalities=RS&armed=on&reason=warrant+17"
            ),
        ))
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    assert_eq!(created.headers()[header::LOCATION], "/alerts?done=created");
    assert_eq!(first_hit(&t, "Milos Obrenovic").await, "W-1");
    let stored = t
        .state
        .store
        .alert(&Actor::new("x", UserRole::LiaisonOfficer, "ME-UP"), "W-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.issuing_country.to_string(), "RS");
    assert_eq!(
        stored.action,
        veza_model::AlertCategory::Arrest.default_action()
    );
    assert_eq!(stored.warning_markers, [veza_model::WarningMarker::Armed]);

    let edit = body(t.get("/alerts/W-1", Some(&lo)).await).await;
    assert!(edit.contains("Обреновић") && edit.contains("name=\"armed\" checked"));
    let updated = t
        .send(form_post(
            "/alerts/W-1",
            &lo,
            &format!("csrf={csrf}&category=arrest&family_names=Karad%C5%BEi%C4%87&given_names=Petar&date_of_birth=1980-02-03"),
        ))
        .await;
    assert_eq!(updated.status(), StatusCode::SEE_OTHER);
    assert_eq!(first_hit(&t, "Petar Karadzic").await, "W-1");
    assert_ne!(first_hit(&t, "Milos Obrenovic").await, "W-1");

    let no_reason = t
        .send(form_post(
            "/alerts/W-1/delete",
            &lo,
            &format!("csrf={csrf}&reason="),
        ))
        .await;
    assert_eq!(no_reason.status(), StatusCode::BAD_REQUEST);
    let deleted = t
        .send(form_post(
            "/alerts/W-1/delete",
            &lo,
            &format!("csrf={csrf}&reason=warrant+withdrawn"),
        ))
        .await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    assert_ne!(first_hit(&t, "Petar Karadzic").await, "W-1");
    let auditor = Actor::new("aud", UserRole::Auditor, "RS-DPA");
    let entries = t.state.store.audit_entries(&auditor, 0, 500).await.unwrap();
    let actions: Vec<(&str, &str)> = entries
        .iter()
        .filter(|e| e.draft.subject == "W-1")
        .map(|e| (e.draft.action.as_str(), e.draft.reason.as_str()))
        .collect();
    assert!(actions.contains(&("alert.create", "alert management")));
    assert!(actions.contains(&("alert.update", "alert management")));
    assert!(
        actions.contains(&("alert.delete", "warrant withdrawn")),
        "{actions:?}"
    );
}

#[tokio::test]
async fn alerts_due_for_review_are_kept_for_another_period() {
    let t = setup().await;
    let lo_actor = Actor::new("lo", UserRole::LiaisonOfficer, "ME-UP");
    let mut old = t.state.store.alert(&lo_actor, "A1").await.unwrap().unwrap();
    old.review_date = "2020-01-01".parse().unwrap();
    t.state.store.update_alert(&lo_actor, &old).await.unwrap();
    let (lo, csrf) = t.login("liaison").await;
    let page = body(t.get("/alerts", Some(&lo)).await).await;
    assert!(page.contains("id=\"alerts-due\"") && page.contains("/alerts/A1/extend"));
    let kept = t
        .send(form_post("/alerts/A1/extend", &lo, &format!("csrf={csrf}")))
        .await;
    assert_eq!(kept.status(), StatusCode::SEE_OTHER);
    let page = body(t.get("/alerts?done=extended", Some(&lo)).await).await;
    assert!(!page.contains("id=\"alerts-due\""), "{page}");
    assert!(page.contains("kept for another period"));
    let a1 = t.state.store.alert(&lo_actor, "A1").await.unwrap().unwrap();
    assert!(a1.review_date.to_string() > veza_store::clock::today());
}

#[tokio::test]
async fn the_screening_index_restarts_from_its_snapshot_until_alerts_change() {
    let t = setup().await;
    let dir = tempfile::tempdir().unwrap();
    let first = t.state.load_alerts_cached(dir.path()).await.unwrap();
    assert!(!first.from_snapshot);
    assert_eq!(first.alerts, 3);
    let second = t.state.load_alerts_cached(dir.path()).await.unwrap();
    assert!(
        second.from_snapshot,
        "an unchanged store starts from the snapshot"
    );
    assert_eq!(second.alerts, 3);

    let lo = Actor::new("lo", UserRole::LiaisonOfficer, "ME-UP");
    let mut a1 = t.state.store.alert(&lo, "A1").await.unwrap().unwrap();
    a1.id = "A9".into();
    t.state.store.create_alert(&lo, &a1).await.unwrap();
    let third = t.state.load_alerts_cached(dir.path()).await.unwrap();
    assert!(!third.from_snapshot, "a changed store rebuilds");
    assert_eq!(third.alerts, 4);

    // A torn snapshot with a valid stamp is rebuilt, not trusted.
    let snapshot = dir.path().join("alerts-index.snapshot");
    let bytes = std::fs::read(&snapshot).unwrap();
    std::fs::write(&snapshot, &bytes[..bytes.len() / 2]).unwrap();
    let fourth = t.state.load_alerts_cached(dir.path()).await.unwrap();
    assert!(!fourth.from_snapshot);
    assert_eq!(fourth.alerts, 4);
    assert!(
        t.state
            .load_alerts_cached(dir.path())
            .await
            .unwrap()
            .from_snapshot
    );
}
