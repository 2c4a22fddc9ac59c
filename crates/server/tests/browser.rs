//! The main pages in a real headless Chromium: sign in, find a person by a
//! Cyrillic spelling of a Latin name, open the record.
//!
//! Needs `chromium` and `chromedriver` (Debian packages, installed by
//! `.ci/run`). Without them the test says it was skipped, except under CI,
//! where a missing browser is a failure.

use std::net::TcpListener as StdListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use veza_model::UserRole;
use veza_server::{AppState, app};
use veza_store::{Actor, Store, User};

const PASSWORD: &str = "correct horse battery staple";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_chromedriver() -> Option<(Driver, u16)> {
    let binary = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())?;
    let port = free_port();
    let child = Command::new(binary)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some((driver, port))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_and_find_a_latin_name_by_its_cyrillic_spelling() {
    let Some((_driver, port)) = start_chromedriver() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromedriver is missing under CI: .ci/run must install chromium-driver"
        );
        eprintln!("skipped: install chromium and chromium-driver to run the browser test");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_data_dir(dir.path()).await.unwrap();
    let user = User {
        username: "inv".into(),
        password_hash: veza_core::password::hash_password(PASSWORD).unwrap(),
        role: UserRole::Investigator,
        agency: "RS-MUP".into(),
        country: "RS".into(),
        display_name: "Ana Investigator".into(),
        disabled: false,
        failed_logins: 0,
        locked_until: None,
        totp_secret: None,
    };
    store.create_user(&user, "test").await.unwrap();
    let csv = "record_id,given_name,family_name,date_of_birth,nationality,role\nR-7,Jovan,Petrović,1985-03-02,RS,suspect\nR-8,Petar,Jovanović,1979,RS,witness\n";
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

    let alerts = dir.path().join("alerts.csv");
    std::fs::write(&alerts, "alert_id,category,full_name,aliases,date_of_birth,sex,nationality,document_number\nA-77,potential_trafficking_victim,Амина Хаџић,,2004-07-01,F,BA,\n").unwrap();
    let sirene = Actor::new("seed", UserRole::LiaisonOfficer, "RS-MUP").with_reason("test alerts");
    veza_core::alerts::import_alerts(&store, &sirene, &alerts)
        .await
        .unwrap();
    let store_handle = store.clone();
    let state = AppState::new(store);
    state.load_alerts().await.unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });

    let profile = tempfile::tempdir().unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                     format!("--user-data-dir={}", profile.path().display())]
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session");

    client.goto(&format!("{base}/search")).await.unwrap();
    assert!(
        client
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/login"),
        "unauthenticated pages send to sign-in"
    );
    fill(&client, Locator::Id("username"), "inv").await;
    fill(&client, Locator::Id("password"), PASSWORD).await;
    press(&client, Locator::Id("sign-in")).await;
    client.wait().for_element(Locator::Id("q")).await.unwrap();
    assert_eq!(
        client.current_url().await.unwrap().path(),
        "/search",
        "sign-in returns to the page asked for"
    );

    fill(&client, Locator::Id("q"), "Јован Петровић").await;
    fill(&client, Locator::Id("reason"), "case 2026/17").await;
    press(&client, Locator::Id("search")).await;
    let table = client
        .wait()
        .for_element(Locator::Id("hits"))
        .await
        .unwrap();
    let text = table.text().await.unwrap();
    let first = client
        .find(Locator::Css("#hits tbody tr:first-child .hit-name"))
        .await
        .unwrap();
    assert_eq!(
        first.text().await.unwrap(),
        "Jovan Petrović",
        "the Latin record ranks first for its Cyrillic spelling: {text}"
    );
    save_screenshot(&client, "search.png").await;
    first.click().await.unwrap();
    let title = client
        .wait()
        .for_element(Locator::Id("record-title"))
        .await
        .unwrap();
    assert_eq!(title.text().await.unwrap(), "Jovan Petrović");
    assert!(
        client.source().await.unwrap().contains("RS-MUP"),
        "the record page shows provenance"
    );

    // The border check: a Latin spelling finds the Cyrillic alert, and a
    // potential victim is shown as a protection referral.
    let text = border_check(&client, &base, "Amina Hadzic", "01.07.2004").await;
    assert!(
        text.contains("Protection referral") && text.contains("A-77"),
        "{text}"
    );
    save_screenshot(&client, "check.png").await;

    // A resolved person: the Latin record and its Cyrillic twin, merged
    // with provenance and the link explained; an uncertain pair to judge.
    veza_core::import::import_reader(
        &store_handle,
        &actor,
        "seed-2.csv",
        "record_id,given_name,family_name,date_of_birth,nationality,role\nR-9,Јован,Петровић,1985-03-02,RS,suspect\n".as_bytes(),
        &veza_io::ImportOptions::new("MK-MVR"),
        None,
    )
    .await
    .unwrap();
    let explanation = r#"[{"field":"name","kind":"name","level":1,"label":"same name across scripts","a":"Jovan Petrović","b":"Јован Петровић","m":0.9,"u":0.0001,"tf_adjusted":false,"weight":13.1}]"#;
    let pair = |a: &str, b: &str, probability: f64| veza_store::ScoredPair {
        a: a.into(),
        b: b.into(),
        weight: (probability / (1.0 - probability)).log2(),
        probability,
        linked: probability >= 0.9,
        explanation: explanation.into(),
    };
    store_handle
        .save_resolution(
            &actor,
            &veza_store::ResolutionRun {
                mode: "full".into(),
                model_version: "test".into(),
                model: "{}".into(),
                threshold: 9f64.log2(),
                records: 3,
                scored_pairs: 2,
                pairs: vec![pair("R-7", "R-9", 0.999), pair("R-8", "R-9", 0.5)],
                persons: vec![
                    ("R-7".into(), "P-000001".into()),
                    ("R-9".into(), "P-000001".into()),
                    ("R-8".into(), "P-000002".into()),
                ],
            },
        )
        .await
        .unwrap();
    client
        .goto(&format!("{base}/persons/P-000001"))
        .await
        .unwrap();
    fill(&client, Locator::Id("reason"), "case 2026/117").await;
    press(&client, Locator::Id("open-record")).await;
    let title = client
        .wait()
        .for_element(Locator::Id("person-title"))
        .await
        .unwrap();
    assert!(title.text().await.unwrap().contains("P-000001"));
    let merged = client
        .find(Locator::Id("merged"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        merged.contains("Петровић") && merged.contains("2 records: R-7, R-9"),
        "{merged}"
    );
    let page = client.source().await.unwrap();
    assert!(page.contains("same name across scripts") && page.contains("MK-MVR"));
    save_screenshot(&client, "person.png").await;

    // Match review: decide the uncertain pair; it leaves the queue.
    client
        .goto(&format!("{base}/persons/review"))
        .await
        .unwrap();
    fill(
        &client,
        Locator::Css("form.judge input[name=reason]"),
        "case 2026/117: different fathers",
    )
    .await;
    save_screenshot(&client, "match-review.png").await;
    press(&client, Locator::Css("form.judge button[value=not_same]")).await;
    client
        .wait()
        .for_element(Locator::Id("pairs-empty"))
        .await
        .unwrap();

    // The alerts desk: a new alert typed in Cyrillic is hit at once by a
    // Latin check.
    client.goto(&format!("{base}/alerts/new")).await.unwrap();
    fill(
        &client,
        Locator::Css("textarea[name=family_names]"),
        "Обреновић",
    )
    .await;
    fill(&client, Locator::Css("textarea[name=given_names]"), "Милош").await;
    fill(
        &client,
        Locator::Css("input[name=date_of_birth]"),
        "1980-02-03",
    )
    .await;
    press(&client, Locator::Id("save-alert")).await;
    let done = client
        .wait()
        .for_element(Locator::Id("alert-done"))
        .await
        .unwrap();
    assert!(done.text().await.unwrap().contains("Alert created"));
    assert!(client.source().await.unwrap().contains("Обреновић"));
    save_screenshot(&client, "alerts.png").await;
    let text = border_check(&client, &base, "Milos Obrenovic", "1980-02-03").await;
    assert!(
        text.starts_with("1. Hit · alert RS-MUP-") && text.contains("arrest the person"),
        "{text}"
    );

    client.close().await.unwrap();
    server.abort();
}

/// Fills and submits the border-check form; returns the hit list's text.
async fn border_check(client: &fantoccini::Client, base: &str, name: &str, dob: &str) -> String {
    client.goto(&format!("{base}/check")).await.unwrap();
    fill(client, Locator::Id("check-name"), name).await;
    fill(client, Locator::Id("check-dob"), dob).await;
    press(client, Locator::Id("check-submit")).await;
    client
        .wait()
        .for_element(Locator::Id("check-hits"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Keeps a screenshot under target/screenshots for the docs (best effort:
/// a failed screenshot is not a failed test).
async fn save_screenshot(client: &fantoccini::Client, name: &str) {
    if let Ok(png) = client.screenshot().await {
        let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        let _ = std::fs::create_dir_all(&out);
        let _ = std::fs::write(out.join(name), png);
    }
}

/// Types `text` into the element found by `at`.
async fn fill(client: &fantoccini::Client, at: Locator<'_>, text: &str) {
    client
        .find(at)
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

/// Clicks the element found by `at`.
async fn press(client: &fantoccini::Client, at: Locator<'_>) {
    client.find(at).await.unwrap().click().await.unwrap();
}
