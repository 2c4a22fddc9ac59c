//! Objects, events, cases, relations and alerts around person records.

use serde::{Deserialize, Serialize};

use crate::{
    AlertCategory, CountryCode, HandlingCode, IdentityDocument, NameValue, PartialDate, Provenance,
    RecordId, RelationKind, Sex, SubjectCategory, WarningMarker,
};

/// A vehicle used on a route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vehicle {
    /// Identifier in the store.
    pub id: String,
    /// Number plate as read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plate: String,
    /// Vehicle identification number (ISO 3779).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vin: String,
    /// Make and model.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub make_model: String,
    /// Registration country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
}

/// How money moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// A bank account (IBAN).
    Iban,
    /// A crypto-asset wallet.
    Wallet,
    /// A hawala broker's reference.
    Hawala,
    /// A money-transfer operator's control number.
    MoneyTransfer,
}

/// An account that sent or received money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Identifier in the store.
    pub id: String,
    /// Kind of account.
    pub kind: AccountKind,
    /// IBAN, wallet address or reference.
    pub reference: String,
}

/// A place: a city, or a border crossing point with coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Identifier in the store.
    pub id: String,
    /// Country.
    pub country: CountryCode,
    /// Name of the city or crossing point.
    pub name: String,
    /// Whether the place is a border crossing point.
    #[serde(default)]
    pub border_crossing: bool,
    /// Latitude (WGS 84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude (WGS 84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A crossing of a border, regular or irregular.
    BorderCrossing,
    /// An apprehension by police or border guards.
    Apprehension,
    /// Registration by migration authorities.
    Registration,
    /// An asylum application.
    AsylumApplication,
    /// A stay (camp, safe house, hotel).
    Stay,
    /// A transfer between places or authorities.
    Transfer,
    /// A payment.
    Payment,
    /// A phone call or message.
    Call,
    /// Use of a vehicle.
    VehicleUse,
}

/// A person or object taking part in an event, in a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventParticipant {
    /// Record, phone, vehicle or account id.
    pub entity: String,
    /// Role in the event (driver, guide, payer...).
    pub role: String,
    /// LED data-subject category of a person in this event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<SubjectCategory>,
}

/// Something that happened at a time and place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Identifier in the store.
    pub id: String,
    /// What happened.
    pub kind: EventKind,
    /// When (RFC 3339).
    pub time: String,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Location>,
    /// Who and what took part.
    pub participants: Vec<EventParticipant>,
    /// Amount in euro for payments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_eur: Option<f64>,
    /// Where the event was reported.
    pub provenance: Provenance,
}

/// An investigation or an assistance case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// A criminal investigation.
    Investigation,
    /// Victim assistance.
    Assistance,
}

/// A person record's part in a case. The category can change over time
/// (a presumed victim is confirmed; a suspect turns out to be a victim).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSubject {
    /// The record.
    pub record: RecordId,
    /// LED Art. 6 category in this case.
    pub category: SubjectCategory,
    /// Since when (RFC 3339).
    pub since: String,
}

/// A case grouping records and events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Identifier.
    pub id: String,
    /// Investigation or assistance.
    pub kind: CaseKind,
    /// Short title, free of personal data.
    pub title: String,
    /// User who owns the case.
    pub owner: String,
    /// Agency that owns the case.
    pub agency: String,
    /// Handling code of the case file.
    pub handling: HandlingCode,
    /// Persons in the case, each with a category.
    pub subjects: Vec<CaseSubject>,
    /// Events in the case.
    #[serde(default)]
    pub events: Vec<String>,
}

/// An edge between any two entities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Source entity id.
    pub from: String,
    /// Target entity id.
    pub to: String,
    /// Kind of relation; direction is from → to unless the kind is symmetric.
    pub kind: RelationKind,
    /// When, if known (RFC 3339 or a partial date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Who reported it.
    pub provenance: Provenance,
}

/// A SIS-style alert on a person or an object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    /// Alert identifier.
    pub id: String,
    /// SIS category.
    pub category: AlertCategory,
    /// Names in their original scripts: surnames, forenames, names at birth, aliases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<NameValue>,
    /// Date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<PartialDate>,
    /// Place of birth.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place_of_birth: String,
    /// Sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Nationalities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<CountryCode>,
    /// Documents the alert is on, or the person's documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<IdentityDocument>,
    /// Vehicle plate or VIN for object alerts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle: Option<Vehicle>,
    /// Warning markers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warning_markers: Vec<WarningMarker>,
    /// Reason for the alert.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Type of offence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub offence: String,
    /// Action to take on a hit.
    pub action: String,
    /// Issuing authority.
    pub issuing_authority: String,
    /// Issuing country.
    pub issuing_country: CountryCode,
    /// Date the alert must be reviewed.
    pub review_date: PartialDate,
    /// Date the alert expires unless extended.
    pub expiry: PartialDate,
    /// Linked alerts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linked_alerts: Vec<String>,
}
