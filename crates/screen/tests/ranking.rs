//! Golden cases for the ranking rules found by the screening benchmark's
//! failure analysis (docs/screening.md, bench/results/screen-*.md).

use veza_model::{AlertCategory, DocumentType, IdentityDocument};
use veza_screen::{Index, Query, REVIEW_THRESHOLD};

use crate::support::person_alert;

fn with_dob(name: &str, dob: &str) -> Query {
    let mut q = Query::name(name);
    q.date_of_birth = Some(dob.parse().unwrap());
    q
}

/// Namesakes that share the query's first name, born on other dates.
fn with_namesakes(index: &mut Index, given: &str, n: usize) {
    for i in 0..n {
        let dob = format!("19{:02}-0{}-1{}", 60 + i % 40, 1 + i % 9, i % 10);
        index.upsert(person_alert(
            &format!("N{i}"),
            AlertCategory::Return,
            given,
            &format!("Family{}", i % 7),
            &dob,
        ));
    }
}

#[test]
fn cyrillic_and_greek_kh_find_latin_h_alerts() {
    // Cyrillic х and Greek χ for Arabic ح: the keys must meet the Latin
    // spelling, which drops the h (benchmark: 17 misses at 200k alerts).
    let mut index = Index::new();
    index.upsert(person_alert(
        "A1",
        AlertCategory::Return,
        "MOHAMMAD",
        "HADAD",
        "1986-01-01",
    ));
    index.upsert(person_alert(
        "A2",
        AlertCategory::MissingPerson,
        "EBRAHIM",
        "HUSSAIN",
        "2007-03-05",
    ));
    for (q, want) in [
        (with_dob("Мохамад Хадад", "1986-01-01"), "A1"),
        (with_dob("ЕБРАХИМ ХУСАИН", "2007-03-05"), "A2"),
        (with_dob("ΜΟΧΑΜΑΝΤ ΧΑΝΤΑΝΤ", "1986-01-01"), "A1"),
    ] {
        let hits = index.check(&q, 10);
        assert_eq!(
            hits.first().map(|h| h.alert_id.as_str()),
            Some(want),
            "{q:?}"
        );
    }
}

#[test]
fn one_agreeing_name_part_with_the_exact_date_is_ranked_not_reviewed() {
    let mut index = Index::new();
    index.upsert(person_alert(
        "TRUE",
        AlertCategory::Return,
        "MUHAMMAD",
        "HUSSEIN",
        "1998-05-27",
    ));
    // A stranger born the same day with another first name.
    index.upsert(person_alert(
        "OTHER",
        AlertCategory::Return,
        "Karim",
        "Hussaini",
        "1998-05-27",
    ));
    with_namesakes(&mut index, "Muhammad", 30);
    // Recorded with his father's name as the second name.
    let hits = index.check(&with_dob("MOUHAMMAD ABDULLAH", "1998-05-27"), 10);
    let truth = hits.iter().find(|h| h.alert_id == "TRUE").expect("ranked");
    assert_eq!(truth.rank, 1, "{hits:#?}");
    assert!(truth.explanation.name_partial);
    assert!(truth.score > 0.5 && truth.score < REVIEW_THRESHOLD);
    assert!(
        truth
            .explanation
            .to_string()
            .contains("one name part agrees")
    );
    assert!(
        hits.iter()
            .all(|h| h.alert_id != "OTHER" || h.score < truth.score)
    );

    // With only a placeholder date the rule does not apply: a common first
    // name and a year are no evidence.
    let hits = index.check(&with_dob("MOUHAMMAD ABDULLAH", "1998-01-01"), 50);
    if let Some(t) = hits.iter().find(|h| h.alert_id == "TRUE") {
        assert!(!t.explanation.name_partial);
        assert!(t.score < 0.2);
    }
}

#[test]
fn the_alerts_document_number_outranks_namesakes() {
    let mut index = Index::new();
    let mut a = person_alert(
        "TRUE",
        AlertCategory::MissingPerson,
        "HAIDER",
        "ABDULLAH",
        "2010-05-16",
    );
    a.documents = vec![IdentityDocument {
        kind: DocumentType::Passport,
        number: "A23718833".into(),
        country: None,
        expiry: None,
    }];
    index.upsert(a);
    for i in 0..20 {
        index.upsert(person_alert(
            &format!("N{i}"),
            AlertCategory::Return,
            "Haider",
            "Omar",
            &format!("{}-01-01", 2000 + i % 10),
        ));
    }
    // Another recorded name and an estimated date, but the same passport.
    let mut q = with_dob("Haiedr Omar", "2006-01-01");
    q.document_number = Some("A2371 8833".into());
    let hits = index.check(&q, 10);
    assert_eq!(hits.first().map(|h| h.alert_id.as_str()), Some("TRUE"));
}

#[test]
fn a_single_name_with_a_typo_is_found_by_its_exact_date() {
    let mut index = Index::new();
    index.upsert(person_alert(
        "TRUE",
        AlertCategory::MissingPerson,
        "HAWRE",
        "QADIR",
        "2007-01-21",
    ));
    // Strangers born the same day, and namesakes born on other days.
    for i in 0..5 {
        index.upsert(person_alert(
            &format!("S{i}"),
            AlertCategory::Return,
            &format!("Stranger{i}"),
            "Petrović",
            "2007-01-21",
        ));
    }
    with_namesakes(&mut index, "Hawre", 30);
    let hits = index.check(&with_dob("Hawri", "2007-01-21"), 10);
    assert_eq!(hits.first().map(|h| h.alert_id.as_str()), Some("TRUE"));
    // The day/month swap is read too.
    index.upsert(person_alert(
        "SWAP",
        AlertCategory::Return,
        "KUJTIM",
        "SHEHU",
        "1998-11-01",
    ));
    let hits = index.check(&with_dob("Kujtm", "1998-01-11"), 10);
    assert_eq!(hits.first().map(|h| h.alert_id.as_str()), Some("SWAP"));
}
