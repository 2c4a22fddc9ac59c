//! Border checks over HTTP on loopback: checks per second and latency
//! through the whole stack (TCP, bearer-token authentication, JSON, the
//! screening index, the audit entry every check writes).
//!
//! `cargo bench -p veza-server --bench http_checks -- [PERSONS] [SECONDS] [CONNECTIONS] [ALERTS]`
//! (defaults 400,000 synthetic persons → about 50,000 alerts, 20 s, 32
//! connections; with ALERTS the list is padded to that many alerts with
//! namesakes, as the screening benchmark does, `veza_screen::namesakes`). The load generator runs in the same process on its own
//! runtime thread; the server gets the other threads.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use veza_model::UserRole;
use veza_server::{AppState, app};
use veza_store::{Store, User};

// The allocator of the `veza` binary (crates/cli/src/main.rs), so that the
// figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn arg(i: usize, default: u64) -> u64 {
    std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .nth(i)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

/// Query bodies from the generator's queries.csv (names, dates, MRZ,
/// document numbers, as a border officer would type or scan them).
fn bodies(path: &std::path::Path) -> Vec<String> {
    let mut r = csv::Reader::from_path(path).expect("queries.csv");
    let h = r.headers().expect("header").clone();
    let col = |name: &str| h.iter().position(|c| c == name);
    let get = |row: &csv::StringRecord, name: &str| {
        col(name).and_then(|i| row.get(i)).unwrap_or("").to_owned()
    };
    r.records()
        .map(|row| {
            let row = row.expect("row");
            let name = match get(&row, "full_name") {
                n if !n.is_empty() => n,
                _ => format!("{} {}", get(&row, "given_name"), get(&row, "family_name"))
                    .trim()
                    .to_owned(),
            };
            serde_json::json!({
                "name": name,
                "date_of_birth": get(&row, "date_of_birth"),
                "nationality": get(&row, "nationality"),
                "sex": get(&row, "sex"),
                "document_number": get(&row, "document_number"),
                "mrz": get(&row, "mrz"),
            })
            .to_string()
        })
        .collect()
}

fn main() {
    let persons = arg(0, 400_000);
    let seconds = arg(1, 20);
    let connections = arg(2, 32) as usize;
    let pad_to = arg(3, 0) as usize;
    let dir = tempfile::tempdir().expect("temp dir");
    let synth = dir.path().join("synthetic");
    veza_synth::generate_to_dir(&veza_synth::Config { seed: 7, persons }, &synth)
        .expect("generate");
    let alerts = veza_screen::csv_io::read_alerts(&synth.join("alerts.csv")).expect("alerts");
    let queries = Arc::new(bodies(&synth.join("queries.csv")));
    let generated = alerts.len();
    let padding = pad_to.saturating_sub(generated);
    let mut padder = veza_screen::namesakes::Namesakes::new(&alerts, 0x5eed);
    let t = Instant::now();
    let mut index = veza_screen::Index::build(alerts);
    index.extend((0..padding).map(|i| padder.alert(i)));
    println!(
        "index: {} alerts ({generated} generated, {padding} namesakes) in {:.2} s; {} queries",
        index.len(),
        t.elapsed().as_secs_f64(),
        queries.len()
    );

    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("server")
        .enable_all()
        .build()
        .expect("runtime");
    let (addr, token) = server_rt.block_on(async {
        let store = Store::open_data_dir(&dir.path().join("store"))
            .await
            .expect("store");
        let user = User {
            username: "bench".into(),
            password_hash: "-".into(),
            role: UserRole::BorderOfficer,
            agency: "RS-GP".into(),
            country: "RS".into(),
            display_name: "Bench".into(),
            disabled: false,
            failed_logins: 0,
            locked_until: None,
            totp_secret: None,
        };
        store.create_user(&user, "bench").await.expect("user");
        let token = veza_core::password::random_token();
        store
            .create_api_token(
                "bench",
                "load test",
                &veza_core::password::token_hash(&token),
                3600,
                "bench",
            )
            .await
            .expect("token");
        let state = AppState::new(store);
        *state.alerts.write().expect("index lock") = index;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            axum::serve(
                listener,
                app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
            .expect("serve");
        });
        (addr, token)
    });

    // Named apart from the server's threads, so that a profile shows what
    // the load generator itself takes of the two cores.
    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("load-generator")
        .enable_all()
        .build()
        .expect("client runtime");
    let (latencies, errors, elapsed) = client_rt.block_on(async move {
        let client: Client<_, Full<bytes::Bytes>> = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(connections)
            .build_http();
        let stop = Arc::new(AtomicBool::new(false));
        let uri: hyper::Uri = format!("http://{addr}/api/v1/checks").parse().expect("uri");
        let auth = format!("Bearer {token}");
        // Warm-up: one check per connection.
        let start = Instant::now();
        let mut tasks = Vec::new();
        for c in 0..connections {
            let (client, stop, uri, auth, queries) = (
                client.clone(),
                stop.clone(),
                uri.clone(),
                auth.clone(),
                queries.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut errors = std::collections::BTreeMap::<u16, u64>::new();
                let mut i = c * 7919;
                while !stop.load(Ordering::Relaxed) {
                    let body = queries[i % queries.len()].clone();
                    i += connections;
                    let req = hyper::Request::post(uri.clone())
                        .header("authorization", &auth)
                        .header("content-type", "application/json")
                        .body(Full::new(bytes::Bytes::from(body)))
                        .expect("request");
                    let t = Instant::now();
                    match client.request(req).await {
                        Ok(res) => {
                            let status = res.status().as_u16();
                            let _ = res.into_body().collect().await;
                            // A 400 is an answer too: the officer is told
                            // the MRZ or date cannot be read.
                            if status == 200 || status == 400 {
                                lat.push(t.elapsed());
                            }
                            if status != 200 {
                                *errors.entry(status).or_default() += 1;
                            }
                        }
                        Err(_) => *errors.entry(0).or_default() += 1,
                    }
                }
                (lat, errors)
            }));
        }
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        stop.store(true, Ordering::Relaxed);
        let mut all = Vec::new();
        let mut errors = std::collections::BTreeMap::<u16, u64>::new();
        for t in tasks {
            let (lat, e) = t.await.expect("task");
            all.extend(lat);
            for (status, n) in e {
                *errors.entry(status).or_default() += n;
            }
        }
        (all, errors, start.elapsed())
    });
    let mut lat = latencies;
    lat.sort_unstable();
    let q = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    println!(
        "http checks: {} answered (non-200 by status, 0 = connection error: {errors:?}) in {:.1} s with {connections} connections: {:.0} checks/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        elapsed.as_secs_f64(),
        lat.len() as f64 / elapsed.as_secs_f64(),
        q(0.5),
        q(0.99),
        q(1.0)
    );
    println!("each check wrote one hash-chained audit entry (SQLite, WAL)");
}
