//! What an officer checks: a person, a document, a vehicle, or all three.

use serde::Serialize;
use veza_model::{CountryCode, NameKind, NameValue, PartialDate, Sex};

use crate::mrz::Mrz;

/// A name as entered, in any script: either split into given and family
/// names (which tells the matcher the roles) or written whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameForm {
    /// Given and family names, either may be empty.
    Parts {
        /// Given name(s).
        given: String,
        /// Family name(s).
        family: String,
    },
    /// The whole name in one string (free order, `SURNAME<<GIVEN` or
    /// `Surname, Given` are recognised).
    Whole(String),
}

impl NameForm {
    /// The analysed form for matching.
    pub fn analyse(&self) -> veza_names::AnalysedName {
        match self {
            NameForm::Parts { given, family } => veza_names::analyse_parts(given, family),
            NameForm::Whole(text) => veza_names::analyse(text),
        }
    }

    /// The name for display, given names first.
    pub fn display(&self) -> String {
        match self {
            NameForm::Parts { given, family } => format!("{given} {family}").trim().to_owned(),
            NameForm::Whole(text) => text.clone(),
        }
    }

    /// Whether there is no name at all.
    pub fn is_blank(&self) -> bool {
        match self {
            NameForm::Parts { given, family } => {
                given.trim().is_empty() && family.trim().is_empty()
            }
            NameForm::Whole(text) => text.trim().is_empty(),
        }
    }

    /// The names an alert is known by: the given and family names together,
    /// each whole name, names at birth (with the given names) and aliases.
    /// Fathers' names are left out: they are no one's own name.
    pub fn from_alert_names(names: &[NameValue]) -> Vec<NameForm> {
        let join = |kind: NameKind| {
            names
                .iter()
                .filter(|n| n.kind == kind)
                .map(|n| n.value.trim())
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let given = join(NameKind::Given);
        let family = join(NameKind::Family);
        let mut forms = Vec::new();
        if !given.is_empty() || !family.is_empty() {
            forms.push(NameForm::Parts {
                given: given.clone(),
                family,
            });
        }
        for n in names {
            let v = n.value.trim();
            if v.is_empty() {
                continue;
            }
            let form = match n.kind {
                NameKind::Full | NameKind::Alias => NameForm::Whole(v.to_owned()),
                NameKind::Birth => NameForm::Parts {
                    given: given.clone(),
                    family: v.to_owned(),
                },
                NameKind::Given | NameKind::Family | NameKind::Father => continue,
            };
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        forms
    }
}

/// One check: any combination of names, personal details, a document
/// number and a vehicle. Empty fields are simply not compared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Query {
    /// Names in any script; the best-matching one counts.
    pub names: Vec<NameForm>,
    /// Date of birth, possibly partial.
    pub date_of_birth: Option<PartialDate>,
    /// Sex.
    pub sex: Option<Sex>,
    /// Nationalities.
    pub nationalities: Vec<CountryCode>,
    /// Document number as read (normalised before lookup).
    pub document_number: Option<String>,
    /// Number plate as read.
    pub plate: Option<String>,
    /// Vehicle identification number as read.
    pub vin: Option<String>,
}

impl Query {
    /// A query on one whole name.
    pub fn name(name: impl Into<String>) -> Self {
        Query {
            names: vec![NameForm::Whole(name.into())],
            ..Query::default()
        }
    }

    /// The person and document of a machine-readable zone: its names (split
    /// at `<<`), birth date, sex, nationality and document number. Check
    /// digits are not consulted here: a failed digit is reported beside
    /// the hits, and the check still runs.
    pub fn from_mrz(mrz: &Mrz) -> Self {
        let mut names = Vec::new();
        if !mrz.surname.is_empty() || !mrz.given_names.is_empty() {
            names.push(NameForm::Parts {
                given: mrz.given_names.clone(),
                family: mrz.surname.clone(),
            });
        }
        Query {
            names,
            date_of_birth: mrz.birth_date,
            sex: mrz.sex,
            nationalities: mrz.nationality_code().into_iter().collect(),
            document_number: Some(mrz.document_number.clone()).filter(|d| !d.is_empty()),
            plate: None,
            vin: None,
        }
    }
}
