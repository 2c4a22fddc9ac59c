//! The compact form of an alert kept in the index: what a check needs to
//! score and present a hit, and nothing else (the full alert stays in the
//! store). Names are kept as written, once per distinct name in the
//! index's [`NameTable`](super::name_table::NameTable), and analysed again
//! only when the alert becomes a candidate, which keeps ten million alerts
//! in a few gigabytes.

use veza_model::{Alert, AlertCategory, CountryCode, PartialDate, Sex, WarningMarker};

use super::name_table::NameId;
use crate::normalize::{normalize_document_number, normalize_plate, normalize_vin};
use crate::query::NameForm;

/// A stored name: given and family parts, or whole (`given` empty and
/// `whole` true).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct StoredName {
    pub(crate) given: Box<str>,
    pub(crate) family: Box<str>,
    pub(crate) whole: bool,
}

impl StoredName {
    /// A blank name (the placeholder of a freed id).
    pub(crate) fn empty() -> Self {
        StoredName {
            given: "".into(),
            family: "".into(),
            whole: true,
        }
    }

    pub(crate) fn from_form(form: &NameForm) -> Self {
        match form {
            NameForm::Parts { given, family } => StoredName {
                given: given.as_str().into(),
                family: family.as_str().into(),
                whole: false,
            },
            NameForm::Whole(text) => StoredName {
                given: "".into(),
                family: text.as_str().into(),
                whole: true,
            },
        }
    }

    pub(crate) fn analyse(&self) -> veza_names::AnalysedName {
        if self.whole {
            veza_names::analyse(&self.family)
        } else {
            veza_names::analyse_parts(&self.given, &self.family)
        }
    }
}

/// One alert in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) id: Box<str>,
    pub(crate) category: AlertCategory,
    /// Ids in the index's name table.
    pub(crate) names: Box<[NameId]>,
    pub(crate) dob: Option<PartialDate>,
    pub(crate) sex: Option<Sex>,
    pub(crate) nationalities: Box<[CountryCode]>,
    /// Bit `i` set for `WarningMarker::ALL[i]`.
    pub(crate) markers: u8,
    /// Index into the index's table of actions (few distinct strings).
    pub(crate) action: u16,
    /// Normalised document numbers.
    pub(crate) documents: Box<[Box<str>]>,
    /// Normalised plate, empty if none.
    pub(crate) plate: Box<str>,
    /// Normalised VIN, empty if none.
    pub(crate) vin: Box<str>,
}

/// The names of an alert, as the index stores them.
pub(crate) fn stored_names(alert: &Alert) -> Vec<StoredName> {
    NameForm::from_alert_names(&alert.names)
        .iter()
        .map(StoredName::from_form)
        .collect()
}

impl Entry {
    /// The entry of `alert`, without names: the index interns them (see
    /// [`stored_names`]) and fills in their ids.
    pub(crate) fn from_alert(alert: &Alert, action: u16) -> Self {
        let mut markers = 0u8;
        for m in &alert.warning_markers {
            if let Some(i) = WarningMarker::ALL.iter().position(|x| x == m) {
                markers |= 1 << i;
            }
        }
        let mut documents: Vec<Box<str>> = alert
            .documents
            .iter()
            .map(|d| normalize_document_number(&d.number))
            .filter(|d| !d.is_empty())
            .map(Into::into)
            .collect();
        documents.dedup();
        let (plate, vin) = alert
            .vehicle
            .as_ref()
            .map_or((String::new(), String::new()), |v| {
                (normalize_plate(&v.plate), normalize_vin(&v.vin))
            });
        Entry {
            id: alert.id.as_str().into(),
            category: alert.category,
            names: Box::default(),
            dob: alert.date_of_birth,
            sex: alert.sex,
            nationalities: alert.nationalities.clone().into(),
            markers,
            action,
            documents: documents.into(),
            plate: plate.into(),
            vin: vin.into(),
        }
    }

    pub(crate) fn warning_markers(&self) -> Vec<WarningMarker> {
        WarningMarker::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| self.markers & (1 << i) != 0)
            .map(|(_, m)| *m)
            .collect()
    }
}
