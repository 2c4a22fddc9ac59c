//! One conformance suite, run on SQLite always and on PostgreSQL when
//! `VEZA_TEST_POSTGRES_URL` is set (CI sets it). Each test gets a fresh database.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Executor;
use veza_model::{
    HandlingCode, NameKind, NameValue, PartialDate, PersonRecord, Provenance, SubjectCategory,
    UserRole,
};
use veza_store::{
    Actor, Error, ImportFailure, ImportMeta, NewRecord, PairVerdict, ResolutionRun, ReviewKind,
    ScoredPair, Store, User,
};

struct Fixture {
    store: Store,
    url: String,
    cleanup: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl Fixture {
    async fn sqlite() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("veza.db").display());
        Fixture {
            store: Store::connect(&url).await.unwrap(),
            url,
            cleanup: None,
            _dir: Some(dir),
        }
    }

    async fn postgres() -> Option<Fixture> {
        static N: AtomicU32 = AtomicU32::new(0);
        let base = std::env::var("VEZA_TEST_POSTGRES_URL").ok()?;
        let name = format!(
            "veza_conf_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let admin = sqlx::AnyPool::connect(&base)
            .await
            .expect("VEZA_TEST_POSTGRES_URL reachable");
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .unwrap();
        admin.close().await;
        let url = match base.rfind('/') {
            Some(i) if i > base.find("://").unwrap() + 2 => format!("{}/{name}", &base[..i]),
            _ => format!("{base}/{name}"),
        };
        let store = Store::connect(&url).await.unwrap();
        Some(Fixture {
            store,
            url,
            cleanup: Some((base, name)),
            _dir: None,
        })
    }

    async fn raw(&self) -> sqlx::AnyPool {
        sqlx::AnyPool::connect(&self.url).await.unwrap()
    }

    async fn finish(self) {
        self.store.close().await;
        if let Some((base, name)) = self.cleanup {
            let admin = sqlx::AnyPool::connect(&base).await.unwrap();
            let _ = admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await;
        }
    }
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                sqlx::any::install_default_drivers();
                let f = super::Fixture::sqlite().await;
                super::$name(&f).await;
                f.finish().await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                sqlx::any::install_default_drivers();
                let Some(f) = super::Fixture::postgres().await else {
                    eprintln!("skipped: set VEZA_TEST_POSTGRES_URL to run the PostgreSQL conformance suite");
                    return;
                };
                super::$name(&f).await;
                f.finish().await;
            })*
        }
    };
}

conformance!(
    import_then_read_and_search,
    failed_import_commits_nothing,
    duplicate_ids_are_refused_and_nothing_overwritten,
    victims_hidden_from_investigators,
    h3_records_stay_in_their_agency,
    h2_records_stay_in_their_country,
    roles_without_record_access_are_refused_and_audited,
    export_returns_every_visible_record,
    audit_chain_verifies_and_detects_tampering,
    sessions_and_lockout,
    concurrent_audit_appends_keep_one_chain,
    group_commits_larger_than_one_insert_keep_one_chain,
    reading_without_a_reason_is_refused_and_audited,
    api_tokens_authenticate_until_revoked,
    review_queue_keeps_and_deletes_without_leaving_personal_data,
    alert_lifecycle_is_authorized_and_audited,
    pruned_audit_log_still_verifies_from_its_anchor,
    resolution_results_persons_and_judgements,
    large_failed_imports_leave_the_audit_head_unchanged,
    imports_and_audit_appends_keep_one_chain,
    rekeying_replaces_every_key_and_records_the_matcher,
    rekeying_and_a_concurrent_import_leave_each_key_once,
);

fn investigator() -> Actor {
    Actor::new("ana", UserRole::Investigator, "RS-MUP").with_reason("case 2026/17")
}

fn record(id: &str, given: &str, family: &str, category: Option<SubjectCategory>) -> PersonRecord {
    let mut r = PersonRecord::new(
        id,
        Provenance {
            agency: "RS-MUP".into(),
            country: Some("RS".parse().unwrap()),
            recorded_at: "2026-11-28T10:00:00Z".into(),
            source_ref: "t:1".into(),
            handling: HandlingCode::H0,
        },
    );
    r.names.push(NameValue::new(NameKind::Given, given));
    r.names.push(NameValue::new(NameKind::Family, family));
    r.date_of_birth = Some(PartialDate::ymd(1990, 5, 17).unwrap());
    r.category = category;
    r
}

fn keys_of(r: &PersonRecord) -> Vec<i64> {
    // A trivial stand-in for the names crate's keys: lowercase tokens hashed.
    r.searchable_names()
        .flat_map(|n| n.split_whitespace().map(key).collect::<Vec<_>>())
        .collect()
}

fn key(token: &str) -> i64 {
    token
        .to_lowercase()
        .bytes()
        .fold(1469598103934665603u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(1099511628211)
        }) as i64
}

fn rows(records: Vec<PersonRecord>) -> Vec<Result<NewRecord, std::io::Error>> {
    records
        .into_iter()
        .map(|record| {
            Ok(NewRecord {
                keys: keys_of(&record),
                record,
            })
        })
        .collect()
}

fn meta() -> ImportMeta {
    ImportMeta {
        file: "test.csv".into(),
        agency: "RS-MUP".into(),
    }
}

async fn import_then_read_and_search(f: &Fixture) {
    let s = &f.store;
    let recs: Vec<_> = (0..2500)
        .map(|i| record(&format!("R{i:05}"), "Jovan", &format!("Petrović{i}"), None))
        .collect();
    let summary = s
        .import(&investigator(), &meta(), rows(recs.clone()))
        .await
        .unwrap();
    assert_eq!(summary.records, 2500);
    let got = s.record(&investigator(), "R01234").await.unwrap().unwrap();
    assert_eq!(got, recs[1234], "a record reads back exactly as imported");
    assert!(s.record(&investigator(), "nope").await.unwrap().is_none());
    let hits = s
        .search(
            &investigator(),
            "Petrović7",
            &[key("petrović7"), key("jovan")],
            10,
        )
        .await
        .unwrap();
    assert_eq!(hits[0].record.id, "R00007");
    assert_eq!(hits[0].shared_keys, 2);
    assert_eq!(hits.len(), 10);
    let counts = s.counts().await.unwrap();
    assert_eq!(
        (counts.records, counts.imports, counts.agencies),
        (2500, 1, 1)
    );
}

async fn failed_import_commits_nothing(f: &Fixture) {
    let s = &f.store;
    let mut input = rows(
        (0..1500)
            .map(|i| record(&format!("R{i}"), "Ana", "Kovač", None))
            .collect(),
    );
    input.insert(
        1200,
        Err(std::io::Error::other(
            "f.csv:1201: column date_of_birth: bad",
        )),
    );
    let err = s.import(&investigator(), &meta(), input).await.unwrap_err();
    assert!(matches!(err, ImportFailure::Row(_)), "{err}");
    assert_eq!(
        s.counts().await.unwrap().records,
        0,
        "the first 1,000 rows (a flushed batch) rolled back too"
    );
    assert_eq!(s.counts().await.unwrap().imports, 0);
}

async fn duplicate_ids_are_refused_and_nothing_overwritten(f: &Fixture) {
    let s = &f.store;
    s.import(
        &investigator(),
        &meta(),
        rows(vec![record("R1", "Ana", "Kovač", None)]),
    )
    .await
    .unwrap();
    let again = rows(vec![
        record("R2", "Ivo", "Babić", None),
        record("R1", "Changed", "Name", None),
    ]);
    let err = s.import(&investigator(), &meta(), again).await.unwrap_err();
    assert!(
        matches!(err, ImportFailure::Store(Error::DuplicateRecord(ref id)) if id == "R1"),
        "{err}"
    );
    let within = rows(vec![
        record("R3", "A", "B", None),
        record("R3", "A", "B", None),
    ]);
    assert!(s.import(&investigator(), &meta(), within).await.is_err());
    assert_eq!(
        s.record(&investigator(), "R1")
            .await
            .unwrap()
            .unwrap()
            .display_name(),
        "Ana Kovač"
    );
    assert_eq!(s.counts().await.unwrap().records, 1);
}

async fn victims_hidden_from_investigators(f: &Fixture) {
    let s = &f.store;
    let recs = vec![
        record(
            "V1",
            "Lina",
            "Haddad",
            Some(SubjectCategory::PresumedVictim),
        ),
        record("S1", "Lina", "Haddad", Some(SubjectCategory::Suspect)),
    ];
    s.import(&investigator(), &meta(), rows(recs))
        .await
        .unwrap();
    let hits = s
        .search(
            &investigator(),
            "Lina Haddad",
            &[key("lina"), key("haddad")],
            10,
        )
        .await
        .unwrap();
    assert_eq!(
        hits.iter()
            .map(|h| h.record.id.as_str())
            .collect::<Vec<_>>(),
        vec!["S1"]
    );
    assert!(matches!(
        s.record(&investigator(), "V1").await,
        Err(Error::Forbidden(_))
    ));
    let support =
        Actor::new("vesna", UserRole::VictimSupport, "NGO-ASTRA").with_reason("assistance case 9");
    let hits = s
        .search(&support, "Lina Haddad", &[key("lina")], 10)
        .await
        .unwrap();
    assert_eq!(hits.len(), 2);
    assert!(s.record(&support, "V1").await.unwrap().is_some());
}

async fn h3_records_stay_in_their_agency(f: &Fixture) {
    let s = &f.store;
    let mut r = record("H3-1", "Marko", "Marković", None);
    r.provenance.handling = HandlingCode::H3;
    s.import(&investigator(), &meta(), rows(vec![r]))
        .await
        .unwrap();
    let foreign = Actor::new("goran", UserRole::Investigator, "MK-MVR").with_reason("joint case");
    assert!(
        s.search(&foreign, "Marko", &[key("marko")], 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(s.record(&foreign, "H3-1").await.is_err());
    assert_eq!(
        s.search(&investigator(), "Marko", &[key("marko")], 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn roles_without_record_access_are_refused_and_audited(f: &Fixture) {
    let s = &f.store;
    let before = s.audit_head().await.unwrap().seq;
    for role in [UserRole::Admin, UserRole::Auditor, UserRole::BorderOfficer] {
        let actor = Actor::new("x", role, "RS-MUP");
        assert!(matches!(
            s.search(&actor, "q", &[1], 5).await,
            Err(Error::Forbidden(_))
        ));
        assert!(matches!(
            s.import(&actor, &meta(), rows(vec![])).await,
            Err(ImportFailure::Store(Error::Forbidden(_)))
        ));
    }
    assert_eq!(
        s.audit_head().await.unwrap().seq,
        before + 3,
        "each refused search is in the audit log"
    );
}

async fn export_returns_every_visible_record(f: &Fixture) {
    let s = &f.store;
    let mut recs: Vec<_> = (0..12_001)
        .map(|i| record(&format!("E{i:06}"), "Ali", "Rezaei", None))
        .collect();
    recs.push(record(
        "V9",
        "Sara",
        "Ahmadi",
        Some(SubjectCategory::Victim),
    ));
    s.import(&investigator(), &meta(), rows(recs))
        .await
        .unwrap();
    let mut ids = Vec::new();
    let n = s
        .export(&investigator(), |r| {
            ids.push(r.id);
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(n, 12_001);
    assert_eq!(ids.first().map(String::as_str), Some("E000000"));
    assert!(!ids.contains(&"V9".to_string()));
}

async fn audit_chain_verifies_and_detects_tampering(f: &Fixture) {
    let s = &f.store;
    s.import(
        &investigator(),
        &meta(),
        rows(vec![record("R1", "Ana", "Kovač", None)]),
    )
    .await
    .unwrap();
    for _ in 0..4 {
        s.record(&investigator(), "R1").await.unwrap();
    }
    let head = s.verify_audit().await.unwrap();
    assert_eq!(head.seq, 5);
    let auditor = Actor::new("aud", UserRole::Auditor, "RS-MUP");
    let entries = s.audit_entries(&auditor, 0, 100).await.unwrap();
    assert_eq!(entries[1].draft.action, "record.read");
    assert_eq!(entries[1].draft.reason, "case 2026/17");
    assert!(entries[1].draft.actor.starts_with("ana["));
    assert!(s.audit_entries(&investigator(), 0, 10).await.is_err());

    let raw = f.raw().await;
    raw.execute("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3")
        .await
        .unwrap();
    let err = s.verify_audit().await.unwrap_err().to_string();
    assert!(err.contains("entry 3") && err.contains("altered"), "{err}");
    raw.execute("DELETE FROM audit_log WHERE seq = 3")
        .await
        .unwrap();
    let err = s.verify_audit().await.unwrap_err().to_string();
    assert!(err.contains("entry 3"), "{err}");
}

async fn sessions_and_lockout(f: &Fixture) {
    let s = &f.store;
    let user = User {
        username: "ana".into(),
        password_hash: "$argon2id$v=19$fake".into(),
        role: UserRole::Investigator,
        agency: "RS-MUP".into(),
        country: "RS".into(),
        display_name: "Ana".into(),
        disabled: false,
        failed_logins: 0,
        locked_until: None,
        totp_secret: None,
    };
    s.create_user(&user, "admin").await.unwrap();
    assert!(matches!(
        s.create_user(&user, "admin").await,
        Err(Error::DuplicateUser(_))
    ));
    assert_eq!(
        s.user("ana").await.unwrap().unwrap().role,
        UserRole::Investigator
    );
    for _ in 0..5 {
        s.record_login_failure("ana", 5, 600).await.unwrap();
    }
    let locked = s.user("ana").await.unwrap().unwrap();
    assert_eq!(locked.failed_logins, 5);
    assert!(locked.is_locked());
    s.create_session("ana", "hash1", "csrf1", 3600)
        .await
        .unwrap();
    let session = s.session("hash1").await.unwrap().unwrap();
    assert_eq!(
        (session.user.username.as_str(), session.csrf.as_str()),
        ("ana", "csrf1")
    );
    assert!(
        !session.user.is_locked(),
        "a successful sign-in clears the lock"
    );
    s.create_session("ana", "expired", "c", -1).await.unwrap();
    assert!(s.session("expired").await.unwrap().is_none());
    s.end_session("hash1").await.unwrap();
    assert!(s.session("hash1").await.unwrap().is_none());
    s.create_session("ana", "laptop", "c1", 3600).await.unwrap();
    s.create_session("ana", "phone", "c2", 3600).await.unwrap();
    assert_eq!(s.end_sessions_of("ana", "admin").await.unwrap(), 2);
    assert!(
        s.session("laptop").await.unwrap().is_none() && s.session("phone").await.unwrap().is_none()
    );
}

async fn concurrent_audit_appends_keep_one_chain(f: &Fixture) {
    let s = &f.store;
    let mut tasks = Vec::new();
    for t in 0..4 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..25 {
                s.audit(veza_audit::Draft::new(
                    "2026-11-28T10:00:00Z",
                    format!("t{t}"),
                    "test",
                    format!("{i}"),
                ))
                .await
                .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(s.verify_audit().await.unwrap().seq, 100);
}

/// More concurrent appends than one group commit takes (512): the groups
/// are written with one multi-row insert each, and the chain must come out
/// as if every entry had been appended alone: one entry per append, in
/// one unbroken chain.
async fn group_commits_larger_than_one_insert_keep_one_chain(f: &Fixture) {
    let s = &f.store;
    let before = s.verify_audit().await.unwrap().seq;
    let mut tasks = Vec::new();
    for i in 0..1300 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            s.audit(veza_audit::Draft::new(
                "2026-11-28T10:00:00Z",
                "checker",
                "check",
                format!("query {i}"),
            ))
            .await
            .unwrap()
        }));
    }
    let mut seqs = Vec::new();
    for t in tasks {
        let entry = t.await.unwrap();
        seqs.push(entry.seq);
    }
    seqs.sort_unstable();
    let expected: Vec<u64> = (before + 1..=before + 1300).collect();
    assert_eq!(seqs, expected);
    assert_eq!(s.verify_audit().await.unwrap().seq, before + 1300);
    let auditor = Actor::new("aud", UserRole::Auditor, "RS-MUP");
    let entries = s.audit_entries(&auditor, before, 2000).await.unwrap();
    let mut subjects: Vec<&str> = entries
        .iter()
        .filter(|e| e.draft.action == "check")
        .map(|e| e.draft.subject.as_str())
        .collect();
    subjects.sort_unstable();
    subjects.dedup();
    assert_eq!(subjects.len(), 1300);
}

async fn reading_without_a_reason_is_refused_and_audited(f: &Fixture) {
    let s = &f.store;
    s.import(
        &investigator(),
        &meta(),
        rows(vec![record("R1", "Ana", "Kovač", None)]),
    )
    .await
    .unwrap();
    let silent = Actor::new("ana", UserRole::Investigator, "RS-MUP");
    assert!(matches!(
        s.record(&silent, "R1").await,
        Err(Error::ReasonRequired)
    ));
    assert!(matches!(
        s.search(&silent, "Ana", &[key("ana")], 5).await,
        Err(Error::ReasonRequired)
    ));
    let auditor = Actor::new("aud", UserRole::Auditor, "RS-MUP");
    let entries = s.audit_entries(&auditor, 0, 100).await.unwrap();
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.draft.outcome.starts_with("refused: no reason"))
            .count(),
        2
    );
}

async fn api_tokens_authenticate_until_revoked(f: &Fixture) {
    let s = &f.store;
    let user = User {
        username: "svc".into(),
        password_hash: "$argon2id$v=19$x".into(),
        role: UserRole::LiaisonOfficer,
        agency: "ME-UP".into(),
        country: "ME".into(),
        display_name: "Exchange client".into(),
        disabled: false,
        failed_logins: 0,
        locked_until: None,
        totp_secret: None,
    };
    s.create_user(&user, "admin").await.unwrap();
    let id = s
        .create_api_token("svc", "nightly exchange", "tokhash", 3600, "admin")
        .await
        .unwrap();
    let session = s.token_session("tokhash").await.unwrap().unwrap();
    assert!(session.via_token);
    assert_eq!(session.user.role, UserRole::LiaisonOfficer);
    assert!(s.token_session("other").await.unwrap().is_none());
    assert_eq!(s.api_tokens("svc").await.unwrap().len(), 1);
    assert!(s.revoke_api_token(id, "admin").await.unwrap());
    assert!(!s.revoke_api_token(id, "admin").await.unwrap());
    assert!(s.token_session("tokhash").await.unwrap().is_none());
    s.create_api_token("svc", "expired", "old", -5, "admin")
        .await
        .unwrap();
    assert!(s.token_session("old").await.unwrap().is_none());
}

async fn review_queue_keeps_and_deletes_without_leaving_personal_data(f: &Fixture) {
    let s = &f.store;
    let recs = vec![
        record("K1", "Zoran", "Zorić", Some(SubjectCategory::Witness)),
        record("K2", "Dragan", "Dragić", Some(SubjectCategory::Suspect)),
        record("K3", "Mira", "Mirić", Some(SubjectCategory::Victim)),
    ];
    s.import(&investigator(), &meta(), rows(recs))
        .await
        .unwrap();
    assert!(
        s.review_queue(&investigator(), 10)
            .await
            .unwrap()
            .is_empty(),
        "nothing is due right after import"
    );
    for id in ["K1", "K2"] {
        s.set_review_due(&investigator(), id, "2000-01-01")
            .await
            .unwrap();
    }
    assert!(
        s.set_review_due(&investigator(), "K3", "2000-01-01")
            .await
            .is_err(),
        "victims' records are reviewed by victim support"
    );
    let due = s.review_queue(&investigator(), 10).await.unwrap();
    assert_eq!(
        due.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        vec!["K1", "K2"]
    );
    let next = s.keep_record(&investigator(), "K2").await.unwrap();
    assert!(next.as_str() > "2026-01-01", "{next}");
    let other = Actor::new("goran", UserRole::Investigator, "MK-MVR").with_reason("cleanup");
    assert!(
        matches!(
            s.delete_record(&other, "K1").await,
            Err(Error::Forbidden(_))
        ),
        "another agency cannot delete"
    );
    let raw = f.raw().await;
    let keys_of_k1 = "SELECT COUNT(*) AS n FROM record_keys WHERE record_id = 'K1'";
    let count = |row: sqlx::any::AnyRow| sqlx::Row::get::<i64, _>(&row, "n");
    assert_eq!(
        count(sqlx::query(keys_of_k1).fetch_one(&raw).await.unwrap()),
        2
    );
    s.delete_record(&investigator(), "K1").await.unwrap();
    assert!(s.record(&investigator(), "K1").await.unwrap().is_none());
    assert_eq!(
        count(sqlx::query(keys_of_k1).fetch_one(&raw).await.unwrap()),
        0,
        "a deleted record leaves no search key"
    );
    assert_eq!(
        count(
            sqlx::query("SELECT COUNT(*) AS n FROM record_keys WHERE record_id = 'K2'")
                .fetch_one(&raw)
                .await
                .unwrap()
        ),
        2,
        "other records keep theirs"
    );
    raw.close().await;
    assert!(
        s.review_queue(&investigator(), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let auditor = Actor::new("aud", UserRole::Auditor, "RS-MUP");
    let entries = s.audit_entries(&auditor, 0, 1000).await.unwrap();
    let deletion = entries
        .iter()
        .find(|e| e.draft.action == "record.delete")
        .unwrap();
    assert_eq!(deletion.draft.subject, "K1");
    assert!(
        !format!("{deletion:?}").contains("Zoran"),
        "the deletion trace holds no personal data"
    );
    s.verify_audit().await.unwrap();
}

fn alert(id: &str, name: &str, expiry: &str) -> veza_model::Alert {
    serde_json::from_value(serde_json::json!({
        "id": id, "category": "arrest",
        "names": [{"kind": "full", "value": name, "script": "latin"}],
        "action": "arrest and inform SIRENE", "issuing_authority": "RS-MUP", "issuing_country": "RS",
        "review_date": "2000-06-01", "expiry": expiry,
    }))
    .unwrap()
}

async fn alert_lifecycle_is_authorized_and_audited(f: &Fixture) {
    let generation_before = f.store.alerts_generation().await.unwrap();
    let s = &f.store;
    let sirene = Actor::new("lo", UserRole::LiaisonOfficer, "RS-MUP").with_reason("SIRENE");
    let border = Actor::new("bo", UserRole::BorderOfficer, "RS-MUP");
    assert!(matches!(
        s.create_alert(&border, &alert("A1", "Marko Marković", "2099-01-01"))
            .await,
        Err(Error::Forbidden(_))
    ));
    s.create_alert(&sirene, &alert("A1", "Marko Marković", "2099-01-01"))
        .await
        .unwrap();
    s.create_alert(&sirene, &alert("A2", "Old Alert", "2001-01-01"))
        .await
        .unwrap();
    assert!(
        s.create_alert(&sirene, &alert("A1", "Dup", "2099-01-01"))
            .await
            .is_err(),
        "ids are unique"
    );
    let active = s.active_alerts().await.unwrap();
    assert_eq!(
        active.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        vec!["A1"],
        "expired alerts are not screened"
    );
    s.update_alert(&sirene, &alert("A1", "Marko Markovic", "2099-01-01"))
        .await
        .unwrap();
    assert_eq!(
        s.alert(&border, "A1").await.unwrap().unwrap().names[0].value,
        "Marko Markovic"
    );
    assert!(
        s.update_alert(&sirene, &alert("A9", "Nobody", "2099-01-01"))
            .await
            .is_err()
    );
    assert_eq!(
        s.alerts_due(&sirene, 10).await.unwrap().len(),
        2,
        "both alerts are past their review date"
    );
    assert!(s.delete_alert(&sirene, "A2").await.unwrap());
    assert!(!s.delete_alert(&sirene, "A2").await.unwrap());
    assert_eq!(s.alert_count().await.unwrap(), 1);
    let auditor = Actor::new("aud", UserRole::Auditor, "RS-MUP");
    let actions: Vec<String> = s
        .audit_entries(&auditor, 0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.draft.action)
        .collect();
    for a in [
        "alert.create",
        "alert.update",
        "alert.delete",
        "alert.read",
        "alerts.load",
    ] {
        assert!(
            actions.iter().any(|x| x == a),
            "{a} missing from {actions:?}"
        );
    }
    let generation_after = f.store.alerts_generation().await.unwrap();
    assert_ne!(
        generation_before, generation_after,
        "alert changes move the generation the screening snapshot is stamped with"
    );
    assert_eq!(
        generation_after,
        f.store.alerts_generation().await.unwrap(),
        "reads do not"
    );
}

async fn pruned_audit_log_still_verifies_from_its_anchor(f: &Fixture) {
    let s = &f.store;
    for i in 0..6 {
        s.audit(veza_audit::Draft::new(
            format!("2020-01-0{}T00:00:00Z", i + 1),
            "u",
            "test",
            "x",
        ))
        .await
        .unwrap();
    }
    s.audit(veza_audit::Draft::new(
        "2026-01-01T00:00:00Z",
        "u",
        "test",
        "recent",
    ))
    .await
    .unwrap();
    assert_eq!(s.prune_audit("2020-01-04", "dpo").await.unwrap(), 3);
    assert_eq!(s.audit_anchor().await.unwrap().unwrap().seq, 3);
    let head = s.verify_audit().await.unwrap();
    assert_eq!(head.seq, 8, "7 entries and the pruning's own");
    let raw = f.raw().await;
    raw.execute("UPDATE audit_log SET subject = 'changed' WHERE seq = 5")
        .await
        .unwrap();
    assert!(
        s.verify_audit()
            .await
            .unwrap_err()
            .to_string()
            .contains("entry 5")
    );
}

async fn h2_records_stay_in_their_country(f: &Fixture) {
    let s = &f.store;
    let mut r = record("H2-1", "Nikola", "Nikolić", None);
    r.provenance.handling = HandlingCode::H2;
    s.import(&investigator(), &meta(), rows(vec![r]))
        .await
        .unwrap();
    let same_country = Actor::new("bp", UserRole::Investigator, "RS-BP")
        .in_country("RS")
        .with_reason("joint case");
    let foreign = Actor::new("mk", UserRole::Investigator, "MK-MVR")
        .in_country("MK")
        .with_reason("joint case");
    let nowhere = Actor::new("cli", UserRole::Investigator, "XX").with_reason("joint case");
    assert_eq!(
        s.search(&same_country, "Nikola", &[key("nikola")], 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(s.record(&same_country, "H2-1").await.unwrap().is_some());
    assert!(
        s.search(&foreign, "Nikola", &[key("nikola")], 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(s.record(&foreign, "H2-1").await.is_err());
    assert!(
        s.search(&nowhere, "Nikola", &[key("nikola")], 10)
            .await
            .unwrap()
            .is_empty()
    );
}

fn pair(a: &str, b: &str, probability: f64, linked: bool) -> ScoredPair {
    ScoredPair {
        a: a.into(),
        b: b.into(),
        weight: (probability / (1.0 - probability)).log2(),
        probability,
        linked,
        explanation: "[]".into(),
    }
}

async fn resolution_results_persons_and_judgements(f: &Fixture) {
    let s = &f.store;
    let recs = vec![
        record("A1", "Jovan", "Petrović", Some(SubjectCategory::Suspect)),
        record("A2", "Јован", "Петровић", None),
        record("A3", "Jovan", "Petrovic", Some(SubjectCategory::Victim)),
        record("B1", "Milan", "Stojanović", None),
        record("B2", "Milan", "Stanojević", None),
    ];
    s.import(&investigator(), &meta(), rows(recs))
        .await
        .unwrap();
    let support =
        Actor::new("vesna", UserRole::VictimSupport, "NGO-ASTRA").with_reason("assistance case 9");
    let analyst = Actor::new("an", UserRole::Analyst, "RS-MUP").with_reason("trend");
    assert!(matches!(
        s.resolution_records(&analyst).await,
        Err(Error::Forbidden(_))
    ));
    assert_eq!(
        s.resolution_records(&investigator()).await.unwrap().len(),
        5
    );
    let run = ResolutionRun {
        mode: "full".into(),
        model_version: "test/v1".into(),
        model: "{}".into(),
        threshold: 9f64.log2(),
        records: 5,
        scored_pairs: 4,
        pairs: vec![
            pair("A2", "A1", 0.95, true),
            pair("A1", "A3", 0.99, true),
            pair("B1", "B2", 0.6, false),
            pair("A1", "B1", 0.01, false),
        ],
        persons: vec![
            ("A1".into(), "P1".into()),
            ("A2".into(), "P1".into()),
            ("A3".into(), "P1".into()),
            ("B1".into(), "P2".into()),
            ("B2".into(), "P3".into()),
        ],
    };
    s.save_resolution(&investigator(), &run).await.unwrap();
    let stored = s.stored_resolution(&investigator()).await.unwrap();
    assert_eq!(stored.model.unwrap().0, "test/v1");
    assert_eq!(stored.pairs.len(), 4);
    assert!(
        stored.pairs.iter().all(|p| p.a < p.b),
        "pairs are stored in id order"
    );
    assert_eq!(stored.persons["A3"], "P1");

    // The investigator sees the person without its victim record, only counted.
    let p = s.person(&investigator(), "P1").await.unwrap();
    let ids: Vec<&str> = p.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["A1", "A2"]);
    assert_eq!(p.withheld, 1);
    assert_eq!(p.pairs.len(), 1, "pairs with a hidden record stay hidden");
    let p = s.person(&support, "P1").await.unwrap();
    assert_eq!(p.records.len(), 3);
    assert!(matches!(
        s.person(&investigator().with_reason(""), "P1").await,
        Err(Error::ReasonRequired)
    ));
    assert!(matches!(
        s.person(&investigator(), "P404").await,
        Err(Error::NotFound(_))
    ));
    assert_eq!(s.person_of("B2").await.unwrap().as_deref(), Some("P3"));
    let counts = s.resolution_counts().await.unwrap();
    assert_eq!(
        (
            counts.persons,
            counts.multi_record_persons,
            counts.pending_pairs,
            counts.pending_join
        ),
        (3, 1, 2, 1)
    );
    assert!(counts.last_run.is_some());

    // Uncertain pairs are queued, most uncertain first, until someone
    // judges them; a reviewer can ask for the pairs that could join two
    // persons or those within one.
    let ids = |q: &[veza_store::ReviewPair]| -> Vec<String> {
        q.iter()
            .map(|p| format!("{}~{}", p.pair.a, p.pair.b))
            .collect()
    };
    let queue = s
        .pair_review_queue(&investigator(), 10, ReviewKind::All)
        .await
        .unwrap();
    assert_eq!(ids(&queue), ["B1~B2", "A1~A2"]);
    let join = s
        .pair_review_queue(&investigator(), 10, ReviewKind::Join)
        .await
        .unwrap();
    assert_eq!(ids(&join), ["B1~B2"], "B1 and B2 are two persons");
    let within = s
        .pair_review_queue(&investigator(), 10, ReviewKind::Within)
        .await
        .unwrap();
    assert_eq!(ids(&within), ["A1~A2"], "A1 and A2 are one person");
    assert!(matches!(
        s.judge(&analyst, "B1", "B2", PairVerdict::NotSame).await,
        Err(Error::Forbidden(_))
    ));
    assert!(
        matches!(
            s.judge(&investigator(), "A1", "A3", PairVerdict::NotSame)
                .await,
            Err(Error::NotFound(_))
        ),
        "an investigator cannot judge a victim's record"
    );
    let j = s
        .judge(&investigator(), "B2", "B1", PairVerdict::NotSame)
        .await
        .unwrap();
    assert_eq!((j.a.as_str(), j.b.as_str()), ("B1", "B2"));
    assert!(
        s.pair_review_queue(&investigator(), 10, ReviewKind::Join)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        s.resolution_counts().await.unwrap().pending_pairs,
        1,
        "a judged pair leaves the queue"
    );
    s.judge(&investigator(), "B1", "B2", PairVerdict::Same)
        .await
        .unwrap();
    let js = s.judgements(&investigator()).await.unwrap();
    assert_eq!(js.len(), 1, "the latest judgement of a pair wins");
    assert_eq!(js[0].verdict, PairVerdict::Same);
    assert_eq!(js[0].reason, "case 2026/17");
    assert!("maybe".parse::<PairVerdict>().is_err());
    assert_eq!(
        "not-same".parse::<PairVerdict>().unwrap(),
        PairVerdict::NotSame
    );

    // Every step is in the audit log.
    let entries = s
        .audit_entries(&Actor::new("aud", UserRole::Auditor, "RS-MUP"), 0, 1000)
        .await
        .unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.draft.action.as_str()).collect();
    for a in [
        "resolution.read",
        "resolution.save",
        "person.read",
        "resolution.queue",
        "resolution.judge",
    ] {
        assert!(actions.contains(&a), "{a} audited");
    }
}

/// Many batches, so that a failure comes long after the first writes.
fn large_import(n: usize) -> Vec<Result<NewRecord, std::io::Error>> {
    rows(
        (0..n)
            .map(|i| record(&format!("L{i:06}"), "Marko", &format!("Jović{i}"), None))
            .collect(),
    )
}

async fn record_keys(f: &Fixture) -> i64 {
    let raw = f.raw().await;
    let n = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM record_keys")
        .fetch_one(&raw)
        .await
        .unwrap();
    raw.close().await;
    n
}

/// Nothing of a failed import stays: not its audit entry, its import row,
/// its records nor their keys.
async fn assert_unchanged(f: &Fixture, head: &veza_audit::Anchor, keys: i64, what: &str) {
    let s = &f.store;
    assert_eq!(&s.audit_head().await.unwrap(), head, "{what}: audit head");
    let counts = s.counts().await.unwrap();
    assert_eq!((counts.records, counts.imports), (1, 1), "{what}: counts");
    assert_eq!(record_keys(f).await, keys, "{what}: search keys");
}

async fn large_failed_imports_leave_the_audit_head_unchanged(f: &Fixture) {
    let s = &f.store;
    s.import(
        &investigator(),
        &meta(),
        rows(vec![record("R1", "Ana", "Kovač", None)]),
    )
    .await
    .unwrap();
    let head = s.audit_head().await.unwrap();
    let keys = record_keys(f).await;
    let unchanged = |what: &'static str| assert_unchanged(f, &head, keys, what);

    // A bad row deep into the file.
    let mut input = large_import(12_000);
    input.insert(
        11_000,
        Err(std::io::Error::other("f.csv:11001: column sex: bad")),
    );
    let err = s.import(&investigator(), &meta(), input).await.unwrap_err();
    assert!(matches!(err, ImportFailure::Row(_)), "{err}");
    unchanged("bad row").await;

    // A stored id again, in a later batch; a bad row after it is not what
    // the import reports, since the duplicate comes first in the file.
    let mut input = large_import(12_000);
    input[9_500] = rows(vec![record("R1", "Changed", "Name", None)]).remove(0);
    input.insert(
        11_500,
        Err(std::io::Error::other("f.csv:11501: column sex: bad")),
    );
    let err = s.import(&investigator(), &meta(), input).await.unwrap_err();
    assert!(
        matches!(err, ImportFailure::Store(Error::DuplicateRecord(ref id)) if id == "R1"),
        "{err}"
    );
    unchanged("stored id").await;

    // An id repeated within the file, batches apart.
    let mut input = large_import(12_000);
    input[10_500] = rows(vec![record("L000042", "Marko", "Jović42", None)]).remove(0);
    let err = s.import(&investigator(), &meta(), input).await.unwrap_err();
    assert!(
        matches!(err, ImportFailure::Store(Error::DuplicateRecord(ref id)) if id == "L000042"),
        "{err}"
    );
    unchanged("repeated id").await;

    assert_eq!(s.verify_audit().await.unwrap(), head);
    let summary = s
        .import(&investigator(), &meta(), large_import(12_000))
        .await
        .unwrap();
    assert_eq!(
        summary.records, 12_000,
        "the store takes the file once it is sound"
    );
    assert_eq!(s.verify_audit().await.unwrap().seq, head.seq + 1);
}

async fn imports_and_audit_appends_keep_one_chain(f: &Fixture) {
    let s = &f.store;
    let mut tasks = Vec::new();
    for t in 0..2 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..50 {
                s.audit(veza_audit::Draft::new(
                    "2026-11-28T10:00:00Z",
                    format!("t{t}"),
                    "test",
                    format!("{i}"),
                ))
                .await
                .unwrap();
            }
        }));
    }
    for part in 0..3 {
        let input = rows(
            (0..4000)
                .map(|i| record(&format!("P{part}-{i:05}"), "Ana", "Kovač", None))
                .collect(),
        );
        s.import(&investigator(), &meta(), input).await.unwrap();
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(s.verify_audit().await.unwrap().seq, 103);
    assert_eq!(s.counts().await.unwrap().records, 12_000);
}

/// SQLite only (PostgreSQL waits for row locks without a timeout): a
/// writer that holds the lock longer than the busy timeout, as a long
/// import does until its commit, delays a border check's audit entry but
/// does not make it fail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_entries_wait_out_a_write_lock_longer_than_the_busy_timeout() {
    sqlx::any::install_default_drivers();
    let f = Fixture::sqlite().await;
    let path = f
        .url
        .trim_start_matches("sqlite://")
        .trim_end_matches("?mode=rwc");
    let holder = rusqlite::Connection::open(path).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE audit_head SET seq = seq WHERE id = 1;")
        .unwrap();
    let s = f.store.clone();
    let check = tokio::spawn(async move {
        s.audit_access(&investigator(), "check.person", "query", "no hit")
            .await
    });
    // The pool's busy timeout is 10 s.
    tokio::time::sleep(std::time::Duration::from_secs(11)).await;
    assert!(!check.is_finished(), "the entry waits for the lock");
    holder.execute_batch("COMMIT").unwrap();
    let entry = check
        .await
        .unwrap()
        .expect("committed once the lock is free");
    assert_eq!(entry.draft.action, "check.person");
    assert_eq!(f.store.verify_audit().await.unwrap().seq, entry.seq);
    f.finish().await;
}

/// A newer name matcher re-keys every record at once: the old keys are
/// gone, the new ones find the records, the version is recorded, deletion
/// still removes a re-keyed record's keys, and the whole is audited.
async fn rekeying_replaces_every_key_and_records_the_matcher(f: &Fixture) {
    let s = &f.store;
    // More records than one re-keying page.
    let recs: Vec<_> = (0..2500)
        .map(|i| record(&format!("R{i:05}"), "Jovan", &format!("Petrović{i}"), None))
        .collect();
    s.import(&investigator(), &meta(), rows(recs))
        .await
        .unwrap();
    let before = record_keys(f).await;
    assert_eq!(s.search_key_matcher().await.unwrap(), None);
    let shifted = |r: &PersonRecord| -> Vec<i64> {
        keys_of(r).into_iter().map(|k| k.wrapping_add(1)).collect()
    };
    let analyst = Actor::new("an", UserRole::Analyst, "RS-MUP").with_reason("trends");
    assert!(matches!(
        s.rekey_records(&analyst, "m2", shifted).await,
        Err(veza_store::Error::Forbidden(_))
    ));
    assert_eq!(s.search_key_matcher().await.unwrap(), None);

    let n = s
        .rekey_records(&investigator(), "m2", shifted)
        .await
        .unwrap();
    assert_eq!(n, 2500);
    assert_eq!(s.search_key_matcher().await.unwrap().as_deref(), Some("m2"));
    assert_eq!(record_keys(f).await, before, "one new key for each old one");
    let old = s
        .search(&investigator(), "Petrović7", &[key("petrović7")], 10)
        .await
        .unwrap();
    assert!(old.is_empty(), "no old key is left");
    let new = s
        .search(
            &investigator(),
            "Petrović7",
            &[key("petrović7").wrapping_add(1)],
            10,
        )
        .await
        .unwrap();
    assert_eq!(new[0].record.id, "R00007");

    // The re-keyed list still finds the record's keys when it is deleted.
    s.delete_record(&investigator(), "R00007").await.unwrap();
    assert_eq!(record_keys(f).await, before - 2, "Jovan and Petrović7");

    let auditor = Actor::new("aud", UserRole::Auditor, "RS-MUP");
    let entries = s.audit_entries(&auditor, 0, 10_000).await.unwrap();
    let rekey = entries
        .iter()
        .find(|e| e.draft.action == "records.rekey")
        .unwrap();
    assert_eq!(rekey.draft.subject, "m2");
    assert!(rekey.draft.outcome.contains("2500 records"));
    s.verify_audit().await.unwrap();
}

/// An import that commits while a re-keying reads the records must not
/// leave its keys twice (PostgreSQL's key table has no primary key; SQLite
/// serialises the two anyway).
async fn rekeying_and_a_concurrent_import_leave_each_key_once(f: &Fixture) {
    let s = &f.store;
    let first: Vec<_> = (0..100)
        .map(|i| record(&format!("A{i:03}"), "Jovan", &format!("Petrović{i}"), None))
        .collect();
    s.import(&investigator(), &meta(), rows(first))
        .await
        .unwrap();
    use std::sync::atomic::{AtomicBool, Ordering};
    let inside = std::sync::Arc::new(AtomicBool::new(false));
    let rekey = {
        let (s, inside) = (s.clone(), inside.clone());
        tokio::spawn(async move {
            s.rekey_records(&investigator(), "m2", move |r| {
                // The first record keeps the re-keying busy, its records
                // read, while the import below runs.
                if !inside.swap(true, Ordering::SeqCst) {
                    std::thread::sleep(std::time::Duration::from_millis(600));
                }
                keys_of(r)
            })
            .await
        })
    };
    // The tasks run on the runtime's workers, so this thread may block.
    while !inside.load(Ordering::SeqCst) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let second: Vec<_> = (0..100)
        .map(|i| record(&format!("B{i:03}"), "Ana", &format!("Kovač{i}"), None))
        .collect();
    let import = {
        let s = s.clone();
        tokio::spawn(async move {
            let mut meta2 = meta();
            meta2.file = "second.csv".into();
            s.import(&investigator(), &meta2, rows(second)).await
        })
    };
    import.await.unwrap().unwrap();
    let rekeyed = rekey.await.unwrap().unwrap();
    assert_eq!(
        rekeyed, 100,
        "the re-keying saw only what was committed first"
    );

    let raw = f.raw().await;
    let all = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM record_keys")
        .fetch_one(&raw)
        .await
        .unwrap();
    let distinct = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM (SELECT DISTINCT key, record_id FROM record_keys) AS d",
    )
    .fetch_one(&raw)
    .await
    .unwrap();
    raw.close().await;
    assert_eq!(all, distinct, "no key row twice");
    let hits = s
        .search(&investigator(), "Kovač7", &[key("kovač7")], 10)
        .await
        .unwrap();
    assert_eq!(hits[0].record.id, "B007", "the import's keys are there");
}
