//! Resolved persons through `app()`: the merged person page, the match
//! review queue, judgements by form and API, and victim protection.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{body, seed_persons, setup};

fn form_post(uri: &str, cookie: &str, form: String) -> Request<Body> {
    Request::post(uri)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap()
}

#[tokio::test]
async fn person_page_merges_records_with_provenance_and_explains_links() {
    let t = setup().await;
    seed_persons(&t).await;
    let (cookie, _) = t.login("inv").await;
    let ask = body(t.get("/persons/P-000001", Some(&cookie)).await).await;
    assert!(ask.contains("name=\"reason\""), "a reason is asked first");
    let page = body(
        t.get("/persons/P-000001?reason=case%2017", Some(&cookie))
            .await,
    )
    .await;
    for needle in [
        "person P-000001",
        "/records/R1?reason=case%2017",
        "/records/R3?reason=case%2017",
        "Петровић",
        "1985-03-02",
        "2 records: R1, R3",
        "same name across scripts",
        "+13.10",
        "name=\"verdict\" value=\"not_same\"",
    ] {
        assert!(
            page.contains(needle),
            "{needle} missing from the person page"
        );
    }
    assert!(!page.contains("Person to protect"));
    let dashboard = body(t.get("/", Some(&cookie)).await).await;
    assert!(
        dashboard.contains("<span class=\"n\" id=\"count-persons\">3</span>"),
        "{dashboard}"
    );
    assert!(dashboard.contains("<span class=\"n\">1</span><span>uncertain pairs"));
    let record = body(t.get("/records/R1?reason=case%2017", Some(&cookie)).await).await;
    assert!(record.contains("/persons/P-000001?reason=case%2017"));
}

#[tokio::test]
async fn victims_appear_as_persons_to_protect_and_only_to_victim_support() {
    let t = setup().await;
    seed_persons(&t).await;
    let (inv, _) = t.login("inv").await;
    let (support, _) = t.login("support").await;
    assert_eq!(
        t.get("/persons/P-000003?reason=case%2017", Some(&inv))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let page = body(
        t.get("/persons/P-000003?reason=assistance", Some(&support))
            .await,
    )
    .await;
    assert!(page.contains("Person to protect"), "{page}");
    assert!(!page.to_lowercase().contains("suspect"));
}

#[tokio::test]
async fn review_queue_judgements_apply_at_once_and_are_audited() {
    let t = setup().await;
    seed_persons(&t).await;
    let (cookie, csrf) = t.login("inv").await;
    let queue = body(t.get("/persons/review", Some(&cookie)).await).await;
    assert!(queue.contains("R2 ~ R3"), "{queue}");
    // R2 and R3 are two persons: the pair could join them, and is not
    // among the pairs within one person.
    let join = body(t.get("/persons/review?kind=join", Some(&cookie)).await).await;
    assert!(join.contains("R2 ~ R3"), "{join}");
    assert!(join.contains("Could join two persons (1)"), "{join}");
    assert!(join.contains(r#"name="kind" value="join""#), "{join}");
    let within = body(t.get("/persons/review?kind=within", Some(&cookie)).await).await;
    assert!(!within.contains("R2 ~ R3"), "{within}");
    let bad = t
        .get("/persons/review?kind=everything", Some(&cookie))
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let forged = t
        .send(form_post(
            "/persons/judge",
            &cookie,
            "csrf=forged&a=R2&b=R3&verdict=same&reason=x&back=queue".into(),
        ))
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let res = t
        .send(form_post(
            "/persons/judge",
            &cookie,
            format!("csrf={csrf}&a=R2&b=R3&verdict=same&reason=case+17&back=queue&kind=join"),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/persons/review?kind=join");
    let queue = body(t.get("/persons/review", Some(&cookie)).await).await;
    assert!(queue.contains("No uncertain pair"), "{queue}");
    // R2 joined R1 and R3 at once.
    let person: serde_json::Value = serde_json::from_str(
        &body(
            t.get("/api/v1/persons/P-000001?reason=case%2017", Some(&cookie))
                .await,
        )
        .await,
    )
    .unwrap();
    assert_eq!(person["records"].as_array().unwrap().len(), 3, "{person}");
    assert_eq!(person["judgements"][0]["verdict"], "same");
    assert_eq!(person["pairs"][0]["explanation"][0]["field"], "name");

    // Through the API: split R2 off again.
    let api = |json: &str| {
        Request::post("/api/v1/judgements")
            .header(header::COOKIE, &cookie)
            .header("x-csrf-token", &csrf)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json.to_owned()))
            .unwrap()
    };
    let res = t
        .send(api(
            r#"{"a":"R3","b":"R2","verdict":"not_same","reason":"case 17"}"#,
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body(res).await).unwrap();
    assert_ne!(v["person_a"], v["person_b"], "{v}");
    assert_eq!(v["person_a"], "P-000001");
    let bad = t
        .send(api(
            r#"{"a":"R3","b":"R2","verdict":"maybe","reason":"case 17"}"#,
        ))
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let hidden = t
        .send(api(
            r#"{"a":"R1","b":"V1","verdict":"same","reason":"case 17"}"#,
        ))
        .await;
    assert_eq!(
        hidden.status(),
        StatusCode::NOT_FOUND,
        "victims stay out of reach"
    );
    let no_reason = t.send(api(r#"{"a":"R1","b":"R2","verdict":"same"}"#)).await;
    assert_eq!(no_reason.status(), StatusCode::BAD_REQUEST);
    let (analyst, analyst_csrf) = t.login("analyst").await;
    let res = t
        .send(
            Request::post("/api/v1/judgements")
                .header(header::COOKIE, &analyst)
                .header("x-csrf-token", &analyst_csrf)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    r#"{"a":"R1","b":"R2","verdict":"same","reason":"x"}"#,
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let auditor = veza_store::Actor::new("aud", veza_model::UserRole::Auditor, "RS-DPA");
    let entries = t.state.store.audit_entries(&auditor, 0, 500).await.unwrap();
    let judged: Vec<_> = entries
        .iter()
        .filter(|e| e.draft.action == "resolution.judge")
        .collect();
    assert!(judged.len() >= 2);
    assert!(judged.iter().any(|e| e.draft.reason == "case 17"));
    assert!(
        entries
            .iter()
            .any(|e| e.draft.action == "resolution.recluster" && e.draft.outcome.contains("R2->")),
        "the move of R2 is audited"
    );
}
