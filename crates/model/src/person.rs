//! A person as one agency recorded them.

use serde::{Deserialize, Serialize};

use crate::{CountryCode, DocumentType, HandlingCode, PartialDate, Script, Sex, SubjectCategory};

/// A record identifier, unique within a store: the agency's own reference when
/// it gave one, prefixed by the agency so that two agencies' numbers never collide.
pub type RecordId = String;

/// Where a record came from. Never changed after import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Reporting agency code, e.g. `RS-MUP`, `MK-MVR`, `GR-HP`.
    pub agency: String,
    /// Country of the agency, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// When veza recorded it (RFC 3339, UTC).
    pub recorded_at: String,
    /// The agency's own reference, file and line, or message id.
    pub source_ref: String,
    /// SIENA handling code set by the provider.
    #[serde(default)]
    pub handling: HandlingCode,
}

/// What part of a person's name a string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// Given name(s).
    Given,
    /// Surname(s) / family name.
    Family,
    /// The whole name in one string when the parts were not separated.
    Full,
    /// Father's name (patronymic).
    Father,
    /// Name at birth.
    Birth,
    /// Alias or previously used name.
    Alias,
}

/// A name exactly as written, with its script. Matching works on analysed
/// forms computed from it; the original is never replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameValue {
    /// Which part of the name.
    pub kind: NameKind,
    /// The string as reported.
    pub value: String,
    /// Its script.
    pub script: Script,
}

impl NameValue {
    /// A name part, with its script detected.
    pub fn new(kind: NameKind, value: impl Into<String>) -> Self {
        let value = value.into();
        let script = Script::of(&value);
        NameValue {
            kind,
            value,
            script,
        }
    }
}

/// An identity document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityDocument {
    /// Kind of document.
    pub kind: DocumentType,
    /// Number as printed.
    pub number: String,
    /// Issuing country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// Expiry date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<PartialDate>,
}

/// A postal address as reported.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    /// Street and number.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub street: String,
    /// City or village.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    /// Postcode.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postcode: String,
    /// Region, municipality or district.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
}

impl Address {
    /// True when no part is filled.
    pub fn is_empty(&self) -> bool {
        self.street.is_empty()
            && self.city.is_empty()
            && self.postcode.is_empty()
            && self.region.is_empty()
    }
}

/// A person as one agency reported them: the unit of import, never overwritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    /// Store-wide identifier.
    pub id: RecordId,
    /// Where the record came from.
    pub provenance: Provenance,
    /// All name parts, each in its original script.
    pub names: Vec<NameValue>,
    /// Sex as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Date of birth as reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<PartialDate>,
    /// Age estimated by the agency when no date of birth is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_age: Option<u8>,
    /// Place of birth as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place_of_birth: String,
    /// Nationalities claimed or documented.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<CountryCode>,
    /// Identity documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<IdentityDocument>,
    /// Phones in E.164.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    /// Addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    /// National identification number (JMBG, EMBG, AFM...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub national_id: String,
    /// The data-subject category in the case this record was reported for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<SubjectCategory>,
    /// Free-text remarks of the agency.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remarks: String,
}

impl PersonRecord {
    /// An empty record with the given id and provenance.
    pub fn new(id: impl Into<RecordId>, provenance: Provenance) -> Self {
        PersonRecord {
            id: id.into(),
            provenance,
            names: Vec::new(),
            sex: None,
            date_of_birth: None,
            estimated_age: None,
            place_of_birth: String::new(),
            nationalities: Vec::new(),
            documents: Vec::new(),
            phones: Vec::new(),
            addresses: Vec::new(),
            national_id: String::new(),
            category: None,
            remarks: String::new(),
        }
    }

    /// The first name part of a kind.
    pub fn name(&self, kind: NameKind) -> Option<&str> {
        self.names
            .iter()
            .find(|n| n.kind == kind)
            .map(|n| n.value.as_str())
    }

    /// The name to show: given and family names, else the full name, in the
    /// original script.
    pub fn display_name(&self) -> String {
        match (self.name(NameKind::Given), self.name(NameKind::Family)) {
            (Some(g), Some(f)) => [g, " ", f].concat(),
            (Some(one), None) | (None, Some(one)) => one.to_owned(),
            (None, None) => self.name(NameKind::Full).unwrap_or("(no name)").to_owned(),
        }
    }

    /// Every name string that identifies the person (all kinds but the
    /// father's name, which names someone else), for search and matching.
    pub fn searchable_names(&self) -> impl Iterator<Item = String> + '_ {
        let main = match (self.name(NameKind::Given), self.name(NameKind::Family)) {
            (Some(g), Some(f)) => Some([g, " ", f].concat()),
            _ => None,
        };
        main.into_iter().chain(
            self.names
                .iter()
                .filter(|n| !matches!(n.kind, NameKind::Father))
                .filter(move |n| {
                    !(matches!(n.kind, NameKind::Given | NameKind::Family)
                        && self.name(NameKind::Given).is_some()
                        && self.name(NameKind::Family).is_some())
                })
                .map(|n| n.value.clone()),
        )
    }

    /// True when the record places the person among victims or presumed
    /// victims, which restricts who may see it.
    pub fn is_victim(&self) -> bool {
        self.category.is_some_and(SubjectCategory::is_victim)
    }
}
