//! The index follows creates, updates and deletes; snapshots round-trip.

use veza_model::{AlertCategory, WarningMarker};
use veza_screen::{Index, NameForm, Query, REVIEW_THRESHOLD};

use crate::support::{document_alert, person_alert, scratch_dir, vehicle_alert};

fn ids(index: &Index, q: &Query) -> Vec<String> {
    index.check(q, 10).into_iter().map(|h| h.alert_id).collect()
}

fn with_dob(name: &str, dob: &str) -> Query {
    let mut q = Query::name(name);
    q.date_of_birth = Some(dob.parse().unwrap());
    q
}

#[test]
fn create_update_delete_then_check() {
    let mut index = Index::new();
    assert!(index.is_empty());
    index.upsert(person_alert(
        "A1",
        AlertCategory::Arrest,
        "Jovan",
        "Marković",
        "1980-03-14",
    ));
    index.upsert(person_alert(
        "A2",
        AlertCategory::Arrest,
        "Ahmad",
        "Karimi",
        "1992-01-01",
    ));
    assert_eq!(index.len(), 2);

    let jovan = with_dob("ЈОВАН МАРКОВИЋ", "1980-03-14");
    assert_eq!(ids(&index, &jovan).first().map(String::as_str), Some("A1"));

    // Update: A1 now names someone else; the old name no longer finds it.
    index.upsert(person_alert(
        "A1",
        AlertCategory::Arrest,
        "Stefan",
        "Ilić",
        "1975-06-02",
    ));
    assert_eq!(index.len(), 1 + 1);
    assert!(!ids(&index, &jovan).contains(&"A1".to_owned()));
    let stefan = with_dob("Stefan Ilic", "1975-06-02");
    assert_eq!(ids(&index, &stefan).first().map(String::as_str), Some("A1"));

    // Delete.
    assert!(index.remove("A1"));
    assert!(!index.remove("A1"));
    assert_eq!(index.len(), 1);
    assert!(ids(&index, &stefan).is_empty());

    // The freed slot is reused without ghosts of the old alert.
    index.upsert(person_alert(
        "A3",
        AlertCategory::Return,
        "Jovan",
        "Marković",
        "1980-03-14",
    ));
    assert_eq!(ids(&index, &jovan), vec!["A3".to_owned()]);
}

#[test]
fn exact_name_and_date_rank_first_and_conflicts_rank_low() {
    let mut index = Index::new();
    index.upsert(person_alert(
        "same",
        AlertCategory::Arrest,
        "Mohammad",
        "Ahmadi",
        "1990-05-07",
    ));
    index.upsert(person_alert(
        "older",
        AlertCategory::Arrest,
        "Mohammad",
        "Ahmadi",
        "1961-02-03",
    ));
    index.upsert(person_alert(
        "swap",
        AlertCategory::Arrest,
        "Mohammad",
        "Ahmadi",
        "1990-07-05",
    ));
    let hits = index.check(&with_dob("محمد احمدی", "1990-05-07"), 10);
    let pos = |id: &str| hits.iter().position(|h| h.alert_id == id).unwrap();
    assert!(pos("same") < pos("swap"));
    assert!(pos("swap") < pos("older"));
    assert_eq!(
        hits[pos("swap")].explanation.date_of_birth,
        veza_screen::DobAgreement::DayMonthSwapped
    );
    let older = &hits[pos("older")];
    assert!(older.score < REVIEW_THRESHOLD, "{}", older.explanation);
    assert!(hits[0].score >= REVIEW_THRESHOLD);
    for (i, h) in hits.iter().enumerate() {
        assert_eq!(h.rank, i + 1);
    }
}

#[test]
fn protective_alerts_are_referrals() {
    let mut index = Index::new();
    let mut a = person_alert(
        "V1",
        AlertCategory::PotentialTraffickingVictim,
        "Amina",
        "Hadžić",
        "2008-04-03",
    );
    a.action = "protect_and_refer".into();
    index.upsert(a);
    let mut b = person_alert("W1", AlertCategory::Arrest, "Amina", "Hadžić", "2008-04-03");
    b.warning_markers = vec![WarningMarker::Armed];
    index.upsert(b);
    let hits = index.check(&with_dob("Amina Hadzic", "2008-03-04"), 10);
    let v = hits.iter().find(|h| h.alert_id == "V1").unwrap();
    assert!(v.protective);
    assert!(v.headline().starts_with("protection referral"));
    assert!(!v.headline().contains("wanted"));
    let w = hits.iter().find(|h| h.alert_id == "W1").unwrap();
    assert!(!w.protective);
    assert_eq!(w.warning_markers, vec![WarningMarker::Armed]);
    assert_eq!(
        v.explanation.date_of_birth,
        veza_screen::DobAgreement::DayMonthSwapped
    );
}

#[test]
fn documents_and_vehicles_are_exact_after_normalisation() {
    let mut index = Index::new();
    index.upsert(document_alert("D1", "AB1234567"));
    index.upsert(vehicle_alert("C1", "BG 123-ŠĐ", "WVWZZZ1JZ3W386752"));
    let q = Query {
        document_number: Some("A8 I234S67".into()),
        ..Query::default()
    };
    assert_eq!(ids(&index, &q), vec!["D1".to_owned()]);
    let q = Query {
        plate: Some("bg123sd".into()),
        ..Query::default()
    };
    assert_eq!(ids(&index, &q), vec!["C1".to_owned()]);
    let q = Query {
        vin: Some("WVWZZZIJZ3W386752".into()),
        ..Query::default()
    };
    assert_eq!(ids(&index, &q), vec!["C1".to_owned()]);
    let q = Query {
        document_number: Some("AB1234568".into()),
        ..Query::default()
    };
    assert!(ids(&index, &q).is_empty());
    assert!(index.remove("D1"));
    let q = Query {
        document_number: Some("AB1234567".into()),
        ..Query::default()
    };
    assert!(ids(&index, &q).is_empty());
}

#[test]
fn snapshot_round_trip_and_versions() {
    let mut index = Index::new();
    index.upsert(person_alert(
        "A1",
        AlertCategory::Arrest,
        "Jovan",
        "Marković",
        "1980-03-14",
    ));
    index.upsert(person_alert(
        "A2",
        AlertCategory::MissingPerson,
        "Ahmad",
        "Karimi",
        "1992-01-01",
    ));
    index.upsert(document_alert("D1", "AB1234567"));
    index.remove("A2");
    let dir = scratch_dir("snapshot");
    let path = dir.join("index.vzs");
    index.save(&path).unwrap();
    let loaded = Index::load(&path).unwrap();
    assert_eq!(loaded.len(), index.len());
    assert_eq!(loaded.key_stats(), index.key_stats());
    assert_eq!(loaded.distinct_names(), index.distinct_names());
    let q = Query {
        names: vec![NameForm::Parts {
            given: "Jovan".into(),
            family: "Markovic".into(),
        }],
        document_number: Some("AB1234567".into()),
        ..Query::default()
    };
    let a: Vec<(String, String)> = index
        .check(&q, 5)
        .iter()
        .map(|h| (h.alert_id.clone(), format!("{:.9}", h.score)))
        .collect();
    let b: Vec<(String, String)> = loaded
        .check(&q, 5)
        .iter()
        .map(|h| (h.alert_id.clone(), format!("{:.9}", h.score)))
        .collect();
    assert_eq!(a, b);
    assert_eq!(a.len(), 2);

    // A newer format is refused with a clear error.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[8..12].copy_from_slice(&(veza_screen::SNAPSHOT_FORMAT_VERSION + 1).to_le_bytes());
    let newer = dir.join("newer.vzs");
    std::fs::write(&newer, &bytes).unwrap();
    let err = Index::load(&newer).unwrap_err().to_string();
    assert!(err.contains("newer"), "{err}");

    // Not a snapshot; a truncated one.
    let other = dir.join("other.vzs");
    std::fs::write(&other, b"hello world, not an index").unwrap();
    assert!(
        Index::load(&other)
            .unwrap_err()
            .to_string()
            .contains("magic")
    );
    let full = std::fs::read(&path).unwrap();
    std::fs::write(&other, &full[..full.len() - 7]).unwrap();
    assert!(
        Index::load(&other)
            .unwrap_err()
            .to_string()
            .contains("damaged")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn long_name_lists_are_read_near_the_query_date() {
    // More namesakes than a list is read whole for: the windows by date
    // must still find the one born on the query's date, whether it came
    // in the bulk build or by a later upsert.
    let alerts = (0..3000).map(|i| {
        let year = 1950 + (i % 60);
        let dob = format!("{year}-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        person_alert(
            &format!("N{i:05}"),
            AlertCategory::Return,
            "Mohammad",
            "Ahmadi",
            &dob,
        )
    });
    let mut index = Index::build(alerts);
    let q = with_dob("Mohammad Ahmadi", "1957-08-08");
    assert_eq!(ids(&index, &q).first().map(String::as_str), Some("N00007"));

    index.upsert(person_alert(
        "LATE",
        AlertCategory::Arrest,
        "Mohammad",
        "Ahmadi",
        "1983-05-17",
    ));
    let q = with_dob("Muhammad Ahmady", "1983-05-17");
    assert_eq!(ids(&index, &q).first().map(String::as_str), Some("LATE"));
    // Day and month swapped still reach it through the token × year lists.
    let mut q = with_dob("Mohammad Ahmadi", "1983-05-17");
    q.date_of_birth = Some(veza_model::PartialDate {
        year: 1983,
        month: Some(5),
        day: Some(17),
    });
    let swapped = person_alert(
        "SWAP",
        AlertCategory::Arrest,
        "Mohammad",
        "Ahmadi",
        "1983-12-03",
    );
    index.upsert(swapped);
    let q2 = with_dob("Mohammad Ahmadi", "1983-03-12");
    assert_eq!(ids(&index, &q2).first().map(String::as_str), Some("SWAP"));
    assert_eq!(ids(&index, &q).first().map(String::as_str), Some("LATE"));
    assert!(index.remove("LATE"));
    let q = with_dob("Mohammad Ahmadi", "1983-05-17");
    assert!(!ids(&index, &q).contains(&"LATE".to_owned()));
}

mod update_sequences {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use veza_model::AlertCategory;
    use veza_screen::{Index, Query};

    use crate::support::person_alert;

    /// Few names, so that alerts share them (namesakes) and updates move
    /// an alert from one shared name to another.
    const GIVEN: [&str; 3] = ["Jovan", "Ahmad", "Мохамед"];
    const FAMILY: [&str; 3] = ["Petrović", "Karimi", "Алиу"];
    const DOB: [&str; 3] = ["1980-03-14", "1992-01-01", "1992"];

    #[derive(Debug, Clone)]
    enum Op {
        Upsert {
            id: u8,
            given: usize,
            family: usize,
            dob: usize,
        },
        Remove {
            id: u8,
        },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => (0u8..8, 0..3usize, 0..3usize, 0..3usize)
                .prop_map(|(id, given, family, dob)| Op::Upsert { id, given, family, dob }),
            1 => (0u8..8).prop_map(|id| Op::Remove { id }),
        ]
    }

    fn hits(index: &Index) -> Vec<String> {
        let mut out = Vec::new();
        for (g, f) in [(0, 0), (1, 1), (2, 2), (1, 2)] {
            let mut q = Query::name(format!("{} {}", GIVEN[g], FAMILY[f]));
            q.date_of_birth = Some(DOB[g % 2].parse().unwrap());
            out.extend(index.check(&q, 10).iter().map(|h| format!("{h:?}")));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any sequence of creates, updates and deletes leaves the index
        /// as a fresh build of the surviving alerts would be: the same
        /// hits with the same explanations, keys, postings and names (no
        /// name outlives its last alert), and so does its snapshot.
        #[test]
        fn updates_equal_a_fresh_build(ops in proptest::collection::vec(op(), 1..40)) {
            let mut index = Index::new();
            let mut alive = BTreeMap::new();
            for op in &ops {
                match *op {
                    Op::Upsert { id, given, family, dob } => {
                        let id = format!("A{id}");
                        let a = person_alert(&id, AlertCategory::Arrest, GIVEN[given], FAMILY[family], DOB[dob]);
                        index.upsert(a.clone());
                        alive.insert(id, a);
                    }
                    Op::Remove { id } => {
                        let id = format!("A{id}");
                        prop_assert_eq!(index.remove(&id), alive.remove(&id).is_some());
                    }
                }
            }
            let fresh = Index::build(alive.into_values());
            prop_assert_eq!(index.len(), fresh.len());
            prop_assert_eq!(index.key_stats(), fresh.key_stats());
            prop_assert_eq!(index.distinct_names(), fresh.distinct_names());
            prop_assert_eq!(hits(&index), hits(&fresh));

            let dir = crate::support::scratch_dir("update-sequences");
            let path = dir.join("index.vzs");
            index.save(&path).unwrap();
            let loaded = Index::load(&path).unwrap();
            std::fs::remove_dir_all(&dir).unwrap();
            prop_assert_eq!(loaded.distinct_names(), fresh.distinct_names());
            prop_assert_eq!(hits(&loaded), hits(&fresh));
        }
    }
}

/// The alerts behind `tests/fixtures/snapshot-format-1.vzs`: created, one
/// updated, one removed (a free slot), as a server's index would be.
fn format_1_fixture_index() -> Index {
    let mut index = Index::new();
    index.upsert(person_alert(
        "F1",
        AlertCategory::Arrest,
        "Jovan",
        "Petrović",
        "1980-03-14",
    ));
    index.upsert(person_alert(
        "F2",
        AlertCategory::MissingPerson,
        "Мохамед",
        "Алиу",
        "1992-01-01",
    ));
    index.upsert(person_alert(
        "F3",
        AlertCategory::Arrest,
        "Jovan",
        "Petrović",
        "1975",
    ));
    index.upsert(person_alert(
        "F4",
        AlertCategory::Arrest,
        "Ahmad",
        "Karimi",
        "1990-05-05",
    ));
    index.upsert(document_alert("F5", "AB1234567"));
    index.upsert(person_alert(
        "F3",
        AlertCategory::Arrest,
        "Jovana",
        "Petrović",
        "1975",
    ));
    index.remove("F4");
    index
}

/// Snapshots written before the name table (format 1, names with every
/// alert) still load, into the same index as a fresh build would give.
#[test]
fn format_1_snapshots_still_load() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/snapshot-format-1.vzs");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(u32::from_le_bytes(bytes[8..12].try_into().unwrap()), 1);
    let loaded = Index::load(&path).unwrap();
    let fresh = format_1_fixture_index();
    assert_eq!(loaded.len(), 4);
    assert_eq!(loaded.key_stats(), fresh.key_stats());
    assert_eq!(loaded.distinct_names(), fresh.distinct_names());
    for q in [
        with_dob("Јован Петровић", "1980-03-14"),
        with_dob("Mohamed Aliu", "1992-01-01"),
        with_dob("Jovana Petrovic", "1975-01-01"),
        Query::name("Ahmad Karimi"),
    ] {
        let hits = |i: &Index| {
            i.check(&q, 10)
                .iter()
                .map(|h| format!("{h:?}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(hits(&loaded), hits(&fresh));
    }
    let doc = Query {
        document_number: Some("AB1234567".into()),
        ..Query::default()
    };
    assert_eq!(ids(&loaded, &doc), vec!["F5".to_owned()]);
    // Saved again, it is written in the current format and loads the same.
    let dir = scratch_dir("format-1");
    let again = dir.join("index.vzs");
    loaded.save(&again).unwrap();
    let bytes = std::fs::read(&again).unwrap();
    assert_eq!(
        u32::from_le_bytes(bytes[8..12].try_into().unwrap()),
        veza_screen::SNAPSHOT_FORMAT_VERSION
    );
    let reloaded = Index::load(&again).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(reloaded.distinct_names(), fresh.distinct_names());
    assert_eq!(reloaded.key_stats(), fresh.key_stats());
}

mod damaged_snapshots {
    use std::path::Path;

    use proptest::prelude::*;
    use veza_screen::{Index, Query};

    /// A snapshot of the format-1 fixture's alerts, in the current format.
    fn snapshot() -> Vec<u8> {
        // A directory per call: the tests of this module run in parallel.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = crate::support::scratch_dir(&format!("damaged-{call}"));
        let path = dir.join("index.vzs");
        super::format_1_fixture_index().save(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        bytes
    }

    fn load(bytes: &[u8]) {
        if let Ok(index) = Index::load_from(bytes, Path::new("damaged.vzs")) {
            let _ = index.check(&Query::name("Jovan Petrović"), 10);
        }
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = snapshot();
        for end in 0..bytes.len() {
            assert!(
                Index::load_from(&bytes[..end], Path::new("cut.vzs")).is_err(),
                "cut at {end} of {}",
                bytes.len()
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Damaged bytes give an index or an error, never a panic (nor a
        /// huge allocation from a damaged count).
        #[test]
        fn damaged_bytes_never_panic(
            damage in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
        ) {
            let mut bytes = snapshot();
            for (at, value) in damage {
                let i = at.index(bytes.len());
                bytes[i] = value;
            }
            load(&bytes);
        }
    }
}
