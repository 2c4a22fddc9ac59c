//! Search keys follow the name matcher: a store keyed by an older matcher
//! is re-keyed before the current matcher's queries rely on its keys.

use veza_model::{NameKind, NameValue, PersonRecord, Provenance, UserRole};
use veza_store::{Actor, ImportMeta, NewRecord, Store};

fn record(id: &str, given: &str, family: &str) -> PersonRecord {
    let mut r = PersonRecord::new(
        id,
        Provenance {
            agency: "RO-IGPF".into(),
            country: None,
            recorded_at: "2026-11-28T10:00:00Z".into(),
            source_ref: "t:1".into(),
            handling: Default::default(),
        },
    );
    r.names.push(NameValue::new(NameKind::Given, given));
    r.names.push(NameValue::new(NameKind::Family, family));
    r
}

/// The keys matcher v3 gave a record.
fn v3_keys(r: &PersonRecord) -> Vec<i64> {
    r.searchable_names()
        .flat_map(|n| veza_names::blocking_keys(&veza_names::v3::analyse(&n)))
        .map(|k| k as i64)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_keyed_by_an_older_matcher_is_rekeyed_before_it_is_searched() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_data_dir(dir.path()).await.unwrap();
    let actor = Actor::new("ana", UserRole::Investigator, "RO-IGPF").with_reason("case 2026/9");
    let recs = [
        record("R1", "Ștefănuț", "Țîrlea"),
        record("R2", "Mihai", "Popescu"),
    ];
    let meta = ImportMeta {
        file: "old.csv".into(),
        agency: "RO-IGPF".into(),
    };
    let rows = recs.iter().map(|r| {
        Ok::<_, std::io::Error>(NewRecord {
            keys: v3_keys(r),
            record: r.clone(),
        })
    });
    store.import(&actor, &meta, rows).await.unwrap();
    // As a store written by the release with matcher v3 left it.
    store
        .rekey_records(&actor, veza_names::v3::VERSION, v3_keys)
        .await
        .unwrap();

    // v3's keys of the Romanian spelling share none with v4's of its ASCII
    // form: the query misses the record.
    let query = "Stefanut Tirlea";
    let before = veza_core::search::search_records(&store, &actor, query, 10)
        .await
        .unwrap();
    assert!(before.is_empty(), "{:?}", before.len());

    let rekeyed = veza_core::keys::ensure_current(&store, &actor)
        .await
        .unwrap();
    assert_eq!(rekeyed, Some(2));
    assert_eq!(
        store.search_key_matcher().await.unwrap().as_deref(),
        Some(veza_names::MATCHER_VERSION)
    );
    let after = veza_core::search::search_records(&store, &actor, query, 10)
        .await
        .unwrap();
    assert_eq!(after[0].record.id, "R1");
    assert!(after[0].score >= 0.95, "{}", after[0].score);

    // Current keys are left alone.
    assert_eq!(
        veza_core::keys::ensure_current(&store, &actor)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_keys_a_new_store_with_the_current_matcher() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_data_dir(dir.path()).await.unwrap();
    let actor = Actor::new("ana", UserRole::Investigator, "TEST").with_reason("case 2026/9");
    let csv = "record_id,given_name,family_name\nA1,Ștefănuț,Țîrlea\n";
    let opts = veza_io::ImportOptions::new("TEST");
    veza_core::import::import_reader(&store, &actor, "a.csv", csv.as_bytes(), &opts, None)
        .await
        .unwrap();
    assert_eq!(
        store.search_key_matcher().await.unwrap().as_deref(),
        Some(veza_names::MATCHER_VERSION)
    );
    let hits = veza_core::search::search_records(&store, &actor, "Stefanut Tirlea", 10)
        .await
        .unwrap();
    assert_eq!(hits[0].record.id, "A1");
}
