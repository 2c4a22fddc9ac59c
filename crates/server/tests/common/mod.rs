//! Shared set-up for the router tests: a store with one account per role and
//! a few records, and requests through `app()` without a socket.
#![allow(dead_code)] // each test binary uses a different part

use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;
use veza_model::UserRole;
use veza_server::{AppState, app};
use veza_store::{Actor, Store, User};

pub const ACCOUNTS: [(&str, UserRole, &str); 7] = [
    ("inv", UserRole::Investigator, "RS-MUP"),
    ("border", UserRole::BorderOfficer, "RS-MUP"),
    ("analyst", UserRole::Analyst, "RS-MUP"),
    ("support", UserRole::VictimSupport, "NGO-ASTRA"),
    ("liaison", UserRole::LiaisonOfficer, "ME-UP"),
    ("auditor", UserRole::Auditor, "RS-DPA"),
    ("admin", UserRole::Admin, "RS-MUP"),
];

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub state: AppState,
    _dir: tempfile::TempDir,
}

pub async fn setup() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_data_dir(dir.path()).await.unwrap();
    let hash = veza_core::password::hash_password(PASSWORD).unwrap();
    for (name, role, agency) in ACCOUNTS {
        let user = User {
            username: name.into(),
            password_hash: hash.clone(),
            role,
            agency: agency.into(),
            country: "RS".into(),
            display_name: name.into(),
            disabled: false,
            failed_logins: 0,
            locked_until: None,
            totp_secret: None,
        };
        store.create_user(&user, "test").await.unwrap();
    }
    let csv = "record_id,given_name,family_name,date_of_birth,nationality,role\n\
               R1,Jovan,Petrović,1985-03-02,RS,suspect\n\
               R2,Milena,Jovanović,1990,RS,witness\n\
               V1,Amina,Hadžić,2004-07-01,BA,presumed_victim\n";
    let actor = Actor::new("seed", UserRole::Investigator, "RS-MUP");
    veza_core::import::import_reader(
        &store,
        &actor,
        "seed.csv",
        csv.as_bytes(),
        &veza_io::ImportOptions::new("RS-MUP"),
        None,
    )
    .await
    .unwrap();
    let state = AppState::new(store);
    let alerts_csv = "alert_id,category,full_name,aliases,date_of_birth,sex,nationality,document_number\n\
        A1,arrest,Јован Петровић,,1985-03-02,M,RS,\n\
        A2,potential_trafficking_victim,Amina Hadžić,,2004-07-01,F,BA,\n\
        A3,document_stolen,,,,,,AB1234567\n";
    let path = dir.path().join("alerts.csv");
    std::fs::write(&path, alerts_csv).unwrap();
    let sirene = Actor::new("seed", UserRole::LiaisonOfficer, "RS-MUP").with_reason("test alerts");
    veza_core::alerts::import_alerts(&state.store, &sirene, &path)
        .await
        .unwrap();
    state.load_alerts().await.unwrap();
    TestApp { state, _dir: dir }
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Response<Body> {
        app(self.state.clone()).oneshot(req).await.unwrap()
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> Response<Body> {
        let mut req = Request::get(uri);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// Signs in through the real form and returns the session cookie and its CSRF token.
    pub async fn login(&self, user: &str) -> (String, String) {
        let res = self.try_login(user, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "sign-in of {user}");
        let cookie = set_cookies(&res)
            .into_iter()
            .find(|c| c.starts_with("veza_session="))
            .unwrap();
        let cookie = cookie.split(';').next().unwrap().to_owned();
        let me: serde_json::Value =
            serde_json::from_str(&body(self.get("/api/v1/me", Some(&cookie)).await).await).unwrap();
        (cookie, me["csrf"].as_str().unwrap().to_owned())
    }

    pub async fn try_login(&self, user: &str, password: &str) -> Response<Body> {
        self.try_login_with_code(user, password, "").await
    }

    pub async fn try_login_with_code(
        &self,
        user: &str,
        password: &str,
        code: &str,
    ) -> Response<Body> {
        let form = self.get("/login?next=/search", None).await;
        let pre = set_cookies(&form)
            .into_iter()
            .find(|c| c.starts_with("veza_login_csrf="))
            .unwrap();
        let pre = pre.split(';').next().unwrap().to_owned();
        let token = pre.trim_start_matches("veza_login_csrf=").to_owned();
        let body = format!(
            "username={user}&password={}&csrf={token}&next=%2Fsearch&code={code}",
            password.replace(' ', "+")
        );
        let req = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, pre)
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

pub fn set_cookies(res: &Response<Body>) -> Vec<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

pub async fn body(res: Response<Body>) -> String {
    String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
}

/// Adds R3 (R1 in Cyrillic) and a saved resolution run: person P-000001
/// is R1 and R3 (linked), P-000002 is R2, P-000003 is V1; the pair R2 ~ R3
/// is uncertain and waits in the review queue.
pub async fn seed_persons(t: &TestApp) {
    let csv = "record_id,given_name,family_name,date_of_birth,nationality,role\n\
               R3,Јован,Петровић,1985-03-02,RS,suspect\n";
    let actor = Actor::new("seed", UserRole::Investigator, "RS-MUP");
    veza_core::import::import_reader(
        &t.state.store,
        &actor,
        "seed-2.csv",
        csv.as_bytes(),
        &veza_io::ImportOptions::new("RS-MUP"),
        None,
    )
    .await
    .unwrap();
    let explanation = r#"[{"field":"name","kind":"name","level":1,"label":"same name across scripts","a":"Jovan Petrović","b":"Јован Петровић","m":0.9,"u":0.0001,"tf_adjusted":false,"weight":13.1},
        {"field":"date_of_birth","kind":"date","level":1,"label":"exact","a":"1985-03-02","b":"1985-03-02","m":0.8,"u":0.0002,"tf_adjusted":false,"weight":11.9}]"#;
    let pair = |a: &str, b: &str, probability: f64, linked: bool| veza_store::ScoredPair {
        a: a.into(),
        b: b.into(),
        weight: (probability / (1.0 - probability)).log2(),
        probability,
        linked,
        explanation: explanation.into(),
    };
    let run = veza_store::ResolutionRun {
        mode: "full".into(),
        model_version: "test".into(),
        model: "{}".into(),
        threshold: 9f64.log2(),
        records: 4,
        scored_pairs: 2,
        pairs: vec![pair("R1", "R3", 0.999, true), pair("R2", "R3", 0.5, false)],
        persons: vec![
            ("R1".into(), "P-000001".into()),
            ("R3".into(), "P-000001".into()),
            ("R2".into(), "P-000002".into()),
            ("V1".into(), "P-000003".into()),
        ],
    };
    let resolver = Actor::new("seed", UserRole::Investigator, "RS-MUP");
    t.state
        .store
        .save_resolution(&resolver, &run)
        .await
        .unwrap();
}
