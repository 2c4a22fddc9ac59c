/*!
Screening for border checks: is the person, document or vehicle in front
of the officer the subject of an alert, whatever script either was
written in?

# Overview

- [`mrz::parse`] reads an ICAO 9303 machine-readable zone (TD1, TD2,
  TD3), recomputes every check digit and reports a wrong one as a possible
  forgery instead of failing.
- [`normalize_document_number`], [`normalize_plate`] and [`normalize_vin`]
  fold OCR confusions and look-alike letters so that identifiers match
  exactly after normalisation.
- [`Index`] holds every active alert in compact form with inverted
  candidate keys (pairs of name-token keys from `veza-names`, token ×
  birth year, identifiers). [`Index::check`] ranks candidates by a cheap
  pre-score, analyses the best names again and returns [`Hit`]s with a
  score in [0, 1] and a [`HitExplanation`]. [`Index::upsert`] and
  [`Index::remove`] follow alert changes without a rebuild;
  [`Index::save`] and [`Index::load`] keep a versioned snapshot.
- [`Index::check_exhaustive`] scores every alert (the recall ceiling for
  evaluations); [`Index::set_preselect`] trades recall for time.
- [`REVIEW_THRESHOLD`] is the score from which a hit is put before the
  officer; [`HitExplanation`] lists every feature's log-odds.
- [`batch::screen`] implements the batch contract `veza screen --alerts
  A.csv --queries Q.csv --top K --output H.csv`, reading files with
  [`csv_io`].

A hit on a missing-person, vulnerable-person or potential-victim alert has
[`Hit::protective`] set: it is a protection referral, never "wanted".

Measured figures and the design are in `docs/screening.md`.

# Example

```
use veza_model::{Alert, AlertCategory, NameKind, NameValue};
use veza_screen::{Index, Query};

let alert = Alert {
    id: "A1".into(),
    category: AlertCategory::PotentialTraffickingVictim,
    names: vec![
        NameValue::new(NameKind::Given, "Ђорђе"),
        NameValue::new(NameKind::Family, "Петровић"),
    ],
    date_of_birth: Some("2007-03-04".parse().unwrap()),
    place_of_birth: String::new(),
    sex: None,
    nationalities: vec!["RS".parse().unwrap()],
    documents: vec![],
    vehicle: None,
    warning_markers: vec![],
    reason: String::new(),
    offence: String::new(),
    action: "protect_and_refer".into(),
    issuing_authority: "MUP".into(),
    issuing_country: "RS".parse().unwrap(),
    review_date: "2027".parse().unwrap(),
    expiry: "2027".parse().unwrap(),
    linked_alerts: vec![],
};
let mut index = Index::new();
index.upsert(alert);

let mut query = Query::name("DJORDJE PETROVIC");
query.date_of_birth = Some("04.03.2007".parse().unwrap()); // day and month swapped
let hits = index.check(&query, 10);
assert_eq!(hits[0].alert_id, "A1");
assert!(hits[0].protective);
assert!(hits[0].score >= veza_screen::REVIEW_THRESHOLD);
println!("{}\n{}", hits[0].headline(), hits[0].explanation);
```
*/
#![deny(missing_docs)]

pub mod batch;
pub mod csv_io;
mod error;
mod hash;
mod hit;
mod index;
pub mod mrz;
pub mod namesakes;
mod normalize;
mod query;
mod scoring;

pub use error::{Error, Result};
pub use hit::{Hit, HitExplanation};
pub use index::snapshot::{FORMAT_VERSION as SNAPSHOT_FORMAT_VERSION, MAGIC as SNAPSHOT_MAGIC};
pub use index::{Index, PRESELECT};
pub use normalize::{normalize_document_number, normalize_plate, normalize_vin};
pub use query::{NameForm, Query};
pub use scoring::{Agreement, DobAgreement, REVIEW_THRESHOLD};
