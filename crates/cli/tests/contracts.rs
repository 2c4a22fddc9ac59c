//! The command-line contracts of docs/contracts.md, through the real binary.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const HEADER: &str = "record_id,source,given_name,family_name,full_name,father_name,date_of_birth,sex,nationality,place_of_birth,document_type,document_number,document_country,phone,address,city,postcode,region,national_id,role";

fn veza(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veza"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("VEZA_DATABASE_URL")
        .env("VEZA_LOG", "warn")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_commits_whole_files_and_export_returns_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rs.csv");
    let rows = format!(
        "{HEADER}\nR1,RS-MUP,Јован,Петровић,,Милан,02.03.1985,M,RS,Ниш,P,012345678,RS,+381 64 1234567,,Niš,18000,,,suspect\nR2,,Ali,Rezaei,,,1990,M,AF,,,,,,,,,,,smuggled_migrant\n"
    );
    std::fs::write(&file, &rows).unwrap();
    let out = veza(
        dir.path(),
        &["import", file.to_str().unwrap(), "--source", "RS-MUP"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("imported 2 records"));
    let csv = veza(dir.path(), &["export", "--format", "csv"]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let text = stdout(&csv);
    assert!(text.starts_with(HEADER));
    assert!(text.contains("R1,RS-MUP,Јован,Петровић,,Милан,1985-03-02,M,RS,Ниш,P,012345678,RS,+381641234567,,Niš,18000,,,suspect"), "{text}");
    assert!(
        text.contains("R2,RS-MUP,Ali,Rezaei"),
        "rows without a source take --source: {text}"
    );
    let jsonl = stdout(&veza(dir.path(), &["export", "--format", "jsonl"]));
    assert_eq!(jsonl.lines().count(), 2);
    assert!(
        jsonl
            .lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
    );
    // Importing the same ids again never overwrites: the file fails whole.
    let again = veza(
        dir.path(),
        &["import", file.to_str().unwrap(), "--source", "RS-MUP"],
    );
    assert_eq!(again.status.code(), Some(3));
    assert!(
        stderr(&again).contains("R1 already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn bad_input_names_file_line_column_and_value_and_commits_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "given_name,family_name,date_of_birth\nAna,Kovač,1990-01-01\nIvo,Babić,1990-02-30\n",
    )
    .unwrap();
    let out = veza(
        dir.path(),
        &["import", file.to_str().unwrap(), "--source", "HR-MUP"],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("bad.csv:3: column date_of_birth: value \"1990-02-30\""),
        "{err}"
    );
    assert_eq!(
        stdout(&veza(dir.path(), &["export", "--format", "csv"]))
            .lines()
            .count(),
        1,
        "nothing committed"
    );
    for (name, bytes) in [
        ("empty.csv", b"".to_vec()),
        ("utf8.csv", b"given_name,family_name\n\xff\xfe,X\n".to_vec()),
        ("cols.csv", b"given_name,family_name\nA,B,C\n".to_vec()),
    ] {
        let f = dir.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        let out = veza(
            dir.path(),
            &["import", f.to_str().unwrap(), "--source", "HR-MUP"],
        );
        assert_eq!(out.status.code(), Some(3), "{name}");
        assert!(stderr(&out).contains(name), "{name}: {}", stderr(&out));
    }
    let out = veza(
        dir.path(),
        &[
            "import",
            file.to_str().unwrap(),
            "--source",
            "HR-MUP",
            "--skip-invalid",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rejects = std::fs::read_to_string(dir.path().join("bad.rejects.csv")).unwrap();
    assert!(rejects.contains("3,date_of_birth,1990-02-30"), "{rejects}");
    assert_eq!(
        stdout(&veza(dir.path(), &["export", "--format", "csv"]))
            .lines()
            .count(),
        2
    );
}

#[test]
fn map_renames_columns_and_data_dir_comes_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gr.jsonl");
    std::fs::write(
        &file,
        "{\"onoma\":\"Γεώργιος\",\"eponymo\":\"Παπαδόπουλος\",\"dob\":\"19750412\"}\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_veza"))
        .env("VEZA_DATA_DIR", dir.path())
        .env_remove("VEZA_DATABASE_URL")
        .args([
            "import",
            file.to_str().unwrap(),
            "--source",
            "GR-HP",
            "--map",
            "onoma=given_name",
            "--map",
            "eponymo=family_name",
            "--map",
            "dob=date_of_birth",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        dir.path().join("veza.db").exists(),
        "the store lives in VEZA_DATA_DIR"
    );
    assert!(
        stdout(&veza(dir.path(), &["export", "--format", "csv"]))
            .contains("Γεώργιος,Παπαδόπουλος,,,1975-04-12")
    );
}

#[test]
fn generate_writes_six_files_identical_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    for (out, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        let o = veza(
            dir.path(),
            &[
                "generate",
                "--seed",
                seed,
                "--persons",
                "300",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for f in [
        "records.csv",
        "truth.csv",
        "events.csv",
        "relations.csv",
        "alerts.csv",
        "queries.csv",
    ] {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(!x.is_empty(), "{f}");
        assert_eq!(x, y, "{f} differs for the same seed");
    }
    assert_ne!(
        std::fs::read(a.join("records.csv")).unwrap(),
        std::fs::read(c.join("records.csv")).unwrap()
    );
    let records = std::fs::read_to_string(a.join("records.csv")).unwrap();
    assert!(records.starts_with(HEADER));
    let imported = veza(
        dir.path(),
        &[
            "import",
            a.join("records.csv").to_str().unwrap(),
            "--source",
            "SYNTH",
        ],
    );
    assert!(
        imported.status.success(),
        "every generated record passes import: {}",
        stderr(&imported)
    );
}

#[test]
fn names_score_pairs_keeps_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.csv");
    std::fs::write(
        &pairs,
        "a,b\nЈован Петровић,Jovan Petrovic\nMilan,Milena\n\"Hussein, Ali\",Ali Husein\n",
    )
    .unwrap();
    let out = veza(
        dir.path(),
        &["names", "score", "--pairs", pairs.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "a,b,score");
    assert_eq!(lines.len(), 4);
    assert!(lines[1].starts_with("Јован Петровић,Jovan Petrovic,"));
    assert!(lines[2].starts_with("Milan,Milena,"));
    let score = |l: &str| l.rsplit(',').next().unwrap().parse::<f64>().unwrap();
    assert!(score(lines[1]) > 0.9 && score(lines[2]) < 0.8, "{text}");
    let one = veza(dir.path(), &["names", "score", "Mohammed Ali", "محمد علي"]);
    assert!(one.status.success());
    let norm = veza(dir.path(), &["names", "normalize", "Ђорђе Петровић"]);
    assert!(
        stdout(&norm).to_lowercase().contains("petrovic"),
        "{}",
        stdout(&norm)
    );
}

#[test]
fn audit_verify_passes_then_names_the_first_tampered_entry() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.csv");
    std::fs::write(&file, "given_name,family_name\nAna,Kovač\n").unwrap();
    for _ in 0..3 {
        let f = dir.path().join(format!("r{}.csv", rand_suffix()));
        std::fs::copy(&file, &f).unwrap();
        assert!(
            veza(
                dir.path(),
                &["import", f.to_str().unwrap(), "--source", "HR-MUP"]
            )
            .status
            .success()
        );
    }
    let ok = veza(dir.path(), &["audit", "verify"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    // Three imports, and before the first one the new store's search keys
    // were tied to the current name matcher (an audited re-keying).
    assert!(stdout(&ok).contains("intact: 4 entries"), "{}", stdout(&ok));
    let anchor: serde_json::Value =
        serde_json::from_str(&stdout(&veza(dir.path(), &["audit", "anchor"]))).unwrap();
    assert_eq!(anchor["seq"], 4);
    let pruned = veza(dir.path(), &["audit", "prune", "--before", "2000-01-01"]);
    assert!(stdout(&pruned).contains("removed 0"), "{}", stdout(&pruned));
    tamper(
        &dir.path().join("veza.db"),
        "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2",
    );
    let bad = veza(dir.path(), &["audit", "verify"]);
    assert_eq!(bad.status.code(), Some(4));
    assert!(stderr(&bad).contains("entry 2"), "{}", stderr(&bad));
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn tamper(db: &Path, sql: &'static str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::Executor;
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        pool.execute(sql).await.unwrap();
        pool.close().await;
    });
}

#[test]
fn admin_create_makes_an_account() {
    let dir = tempfile::tempdir().unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "a long enough passphrase\n").unwrap();
    let out = veza(
        dir.path(),
        &[
            "admin",
            "create",
            "--username",
            "root",
            "--agency",
            "RS-MUP",
            "--country",
            "RS",
            "--password-file",
            pw.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("created root (admin)"));
    let tok = veza(
        dir.path(),
        &[
            "admin",
            "token",
            "create",
            "--username",
            "root",
            "--name",
            "exchange",
        ],
    );
    assert!(tok.status.success(), "{}", stderr(&tok));
    assert_eq!(
        stdout(&tok).trim().len(),
        64,
        "the token is printed once, alone on stdout"
    );
    assert!(
        stdout(&veza(
            dir.path(),
            &["admin", "token", "list", "--username", "root"]
        ))
        .contains("exchange")
    );
    assert!(
        veza(dir.path(), &["admin", "token", "revoke", "--id", "1"])
            .status
            .success()
    );
    assert!(
        !veza(dir.path(), &["admin", "token", "revoke", "--id", "1"])
            .status
            .success()
    );
    std::fs::write(&pw, "short\n").unwrap();
    let weak = veza(
        dir.path(),
        &[
            "admin",
            "create",
            "--username",
            "x",
            "--agency",
            "RS-MUP",
            "--country",
            "RS",
            "--password-file",
            pw.to_str().unwrap(),
        ],
    );
    assert!(!weak.status.success());
}

fn http_get(addr: &str, path: &str) -> Option<String> {
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    Some(buf)
}

/// Starts `veza demo` on `addr` and returns the first answer to `path`
/// (waiting up to `wait`), then stops it.
fn demo_answer(
    data_dir: &Path,
    addr: &str,
    path: &str,
    wait: Duration,
) -> (Option<String>, Option<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_veza"))
        .args([
            "demo",
            "--data-dir",
            data_dir.to_str().unwrap(),
            "--listen",
            addr,
            "--persons",
            "300",
        ])
        .env_remove("VEZA_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + wait;
    let mut answer = None;
    while Instant::now() < deadline && answer.is_none() {
        answer = http_get(addr, path);
        std::thread::sleep(Duration::from_millis(200));
    }
    let health = http_get(addr, "/healthz");
    let _ = child.kill();
    let _ = child.wait();
    (answer, health)
}

#[test]
fn demo_serves_login_and_healthz() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let (login, health) = demo_answer(dir.path(), &addr, "/login", Duration::from_secs(120));
    // A second start reuses the store: nothing is loaded twice.
    let (second, _) = demo_answer(dir.path(), &addr, "/healthz", Duration::from_secs(60));
    assert!(
        second.is_some_and(|r| r.starts_with("HTTP/1.1 200")),
        "the demo restarts on its existing store"
    );
    let login = login.expect("the demo serves /login");
    assert!(login.starts_with("HTTP/1.1 200"), "{login}");
    assert!(health.unwrap().starts_with("HTTP/1.1 200"));
}

#[test]
fn screen_writes_ranked_hits_per_query() {
    let dir = tempfile::tempdir().unwrap();
    let alerts = dir.path().join("alerts.csv");
    let queries = dir.path().join("queries.csv");
    let hits = dir.path().join("hits.csv");
    std::fs::write(
        &alerts,
        "alert_id,category,full_name,aliases,date_of_birth,sex,nationality,document_number\n\
        A1,arrest,Јован Петровић,Jovica Petrović,1985-03-02,M,RS,\n\
        A2,potential_trafficking_victim,Amina Hadžić,,2004-07-01,F,BA,\n\
        A3,refusal_of_entry,Mohammad Rezaei,Mohammed Rezai,1990,M,AF,P1234567\n",
    )
    .unwrap();
    std::fs::write(
        &queries,
        "query_id,full_name,date_of_birth,sex,nationality,document_number\n\
        Q1,Jovan Petrovic,02.03.1985,M,RS,\n\
        Q2,Nikola Nikolić,1970-01-01,M,RS,\n\
        Q3,Muhammad Rezaee,1990-01-01,M,AF,\n",
    )
    .unwrap();
    let out = veza(
        dir.path(),
        &[
            "screen",
            "--alerts",
            alerts.to_str().unwrap(),
            "--queries",
            queries.to_str().unwrap(),
            "--top",
            "2",
            "--output",
            hits.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&hits).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "query_id,alert_id,rank,score");
    assert!(lines[1].starts_with("Q1,A1,1,"), "{text}");
    assert!(lines.iter().filter(|l| l.starts_with("Q1,")).count() <= 2);
    assert!(lines.iter().any(|l| l.starts_with("Q3,A3,1,")), "{text}");
    let q1 = lines.iter().position(|l| l.starts_with("Q1,")).unwrap();
    let q3 = lines.iter().position(|l| l.starts_with("Q3,")).unwrap();
    assert!(q1 < q3, "queries in input order");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "alert_id,category,full_name,date_of_birth\nA1,arrest,X Y,1985-13-40\n",
    )
    .unwrap();
    let out = veza(
        dir.path(),
        &[
            "screen",
            "--alerts",
            bad.to_str().unwrap(),
            "--queries",
            queries.to_str().unwrap(),
            "--top",
            "2",
            "--output",
            hits.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("bad.csv"), "{}", stderr(&out));
}

#[test]
fn check_runs_one_border_check_against_stored_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let alerts = dir.path().join("alerts.csv");
    std::fs::write(&alerts, "alert_id,category,full_name,aliases,date_of_birth,sex,nationality,document_number\nA1,arrest,Јован Петровић,,1985-03-02,M,RS,\n").unwrap();
    let out = veza(dir.path(), &["alerts", "import", alerts.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = veza(
        dir.path(),
        &["check", "--name", "Jovan Petrovic", "--dob", "1985"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("1. A1 "), "{}", stdout(&out));
    let none = veza(
        dir.path(),
        &["check", "--name", "Nikola Tesla", "--dob", "1856-07-10"],
    );
    assert!(!stdout(&none).contains("A1 0.9"), "{}", stdout(&none));
    let out = veza(dir.path(), &["check", "--mrz", "garbage"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("MRZ"), "{}", stderr(&out));
    let json = veza(dir.path(), &["check", "--name", "Jovan Petrovic", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["hits"][0]["alert_id"], "A1");
}

#[test]
fn resolve_writes_one_cluster_row_per_input_record() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(
        &a,
        "record_id,given_name,family_name,date_of_birth,nationality\n\
        a1,Јован,Петровић,1985-03-02,RS\n\
        a2,Amina,Hadžić,2004-07-01,BA\n\
        a3,Ali,Rezaei,1990,AF\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "rec_id,first,last,dob,nat\n\
        b1,Jovan,Petrovic, 19850302 ,RS\n\
        b2,Amina,Hadzic,01.07.2004,BA\n\
        b3,Mirjana,Stojanović,1971-11-11,RS\n",
    )
    .unwrap();
    let out = dir.path().join("clusters.csv");
    let run = veza(
        dir.path(),
        &[
            "resolve",
            "--input",
            a.to_str().unwrap(),
            "--input",
            b.to_str().unwrap(),
            "--link-only",
            "--map",
            "rec_id=record_id",
            "--map",
            "first=given_name",
            "--map",
            "last=family_name",
            "--map",
            "dob=date_of_birth",
            "--map",
            "nat=nationality",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&out).unwrap();
    let rows: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let (r, c) = l.split_once(',').unwrap();
            (r.to_owned(), c.to_owned())
        })
        .collect();
    assert_eq!(text.lines().next(), Some("record_id,cluster_id"));
    assert_eq!(rows.len(), 6, "one row per input record: {text}");
    let cluster = |id: &str| {
        rows.iter()
            .find(|(r, _)| r == id)
            .map(|(_, c)| c.clone())
            .unwrap()
    };
    assert_eq!(cluster("a1"), cluster("b1"), "{text}");
    assert_eq!(cluster("a2"), cluster("b2"), "{text}");
    assert_ne!(cluster("a3"), cluster("b3"));
    assert_ne!(cluster("a1"), cluster("a2"));
}

#[test]
fn resolve_over_the_store_then_judge_a_pair() {
    let dir = tempfile::tempdir().unwrap();
    let synth = dir.path().join("synth");
    let generated = veza(
        dir.path(),
        &[
            "generate",
            "--seed",
            "3",
            "--persons",
            "120",
            "--out",
            synth.to_str().unwrap(),
        ],
    );
    assert!(generated.status.success(), "{}", stderr(&generated));
    let records = synth.join("records.csv");
    let import = veza(
        dir.path(),
        &["import", records.to_str().unwrap(), "--source", "RS-MUP"],
    );
    assert!(import.status.success(), "{}", stderr(&import));
    let first = veza(dir.path(), &["resolve", "--store"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).starts_with("full resolution"),
        "{}",
        stdout(&first)
    );
    let again = veza(dir.path(), &["resolve", "--store"]);
    assert!(
        stdout(&again).starts_with("incremental resolution"),
        "{}",
        stdout(&again)
    );
    assert!(stdout(&again).contains("(0 new)"), "{}", stdout(&again));

    // Judge two records from the file: accepted and reported with persons.
    let text = std::fs::read_to_string(&records).unwrap();
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .take(2)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let judged = veza(
        dir.path(),
        &[
            "judge",
            ids[0],
            ids[1],
            "not-same",
            "--reason",
            "case 2026/31",
        ],
    );
    assert!(judged.status.success(), "{}", stderr(&judged));
    assert!(
        stdout(&judged).contains(": not_same; now P-"),
        "{}",
        stdout(&judged)
    );
    let bad = veza(
        dir.path(),
        &["judge", ids[0], ids[1], "maybe", "--reason", "x"],
    );
    assert_eq!(bad.status.code(), Some(3), "{}", stderr(&bad));
    let missing = veza(
        dir.path(),
        &["judge", ids[0], "nope", "same", "--reason", "x"],
    );
    assert_eq!(missing.status.code(), Some(3), "{}", stderr(&missing));
    let third = veza(dir.path(), &["resolve", "--store"]);
    assert!(
        stdout(&third).contains("1 judgements applied"),
        "{}",
        stdout(&third)
    );
    // --store and the file contract exclude each other.
    let both = veza(dir.path(), &["resolve", "--store", "--output", "x.csv"]);
    assert_eq!(both.status.code(), Some(2));
}
