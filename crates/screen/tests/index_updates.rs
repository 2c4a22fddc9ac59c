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
        "1990-05-17",
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
        "1990-17-05".replace("17-05", "05-17").as_str(),
    ));
    let hits = index.check(&with_dob("محمد احمدی", "1990-05-17"), 10);
    let pos = |id: &str| hits.iter().position(|h| h.alert_id == id).unwrap();
    assert!(pos("same") < pos("older"));
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
