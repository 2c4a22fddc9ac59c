//! Alerts for tests, built field by field.

use veza_model::{
    Alert, AlertCategory, DocumentType, IdentityDocument, NameKind, NameValue, Vehicle,
};

pub fn person_alert(
    id: &str,
    category: AlertCategory,
    given: &str,
    family: &str,
    dob: &str,
) -> Alert {
    Alert {
        id: id.into(),
        category,
        names: vec![
            NameValue::new(NameKind::Given, given),
            NameValue::new(NameKind::Family, family),
        ],
        date_of_birth: (!dob.is_empty()).then(|| dob.parse().unwrap()),
        place_of_birth: String::new(),
        sex: None,
        nationalities: vec![],
        documents: vec![],
        vehicle: None,
        warning_markers: vec![],
        reason: String::new(),
        offence: String::new(),
        action: "arrest_and_surrender".into(),
        issuing_authority: "test".into(),
        issuing_country: "HU".parse().unwrap(),
        review_date: "2030".parse().unwrap(),
        expiry: "2030".parse().unwrap(),
        linked_alerts: vec![],
    }
}

pub fn document_alert(id: &str, number: &str) -> Alert {
    let mut a = person_alert(id, AlertCategory::DocumentStolen, "", "", "");
    a.names.clear();
    a.action = "seize".into();
    a.documents = vec![IdentityDocument {
        kind: DocumentType::Passport,
        number: number.into(),
        country: None,
        expiry: None,
    }];
    a
}

pub fn vehicle_alert(id: &str, plate: &str, vin: &str) -> Alert {
    let mut a = person_alert(id, AlertCategory::Vehicle, "", "", "");
    a.names.clear();
    a.action = "seize".into();
    a.vehicle = Some(Vehicle {
        id: String::new(),
        plate: plate.into(),
        vin: vin.into(),
        make_model: String::new(),
        country: None,
    });
    a
}

/// A unique scratch directory under the system temporary directory.
pub fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("veza-screen-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
