//! Border checks shared by the web app and the command line: building a
//! screening query from what an officer typed or pasted, and auditing it.

use serde::{Deserialize, Serialize};
use veza_model::{CountryCode, PartialDate, Sex};
use veza_screen::mrz::Mrz;
use veza_screen::{Hit, NameForm, Query};
use veza_store::{Actor, Store};

/// A check as typed or sent: any of name, MRZ, document number, plate, VIN.
#[derive(Debug, Default, Deserialize)]
pub struct CheckInput {
    /// Name in any script.
    #[serde(default)]
    pub name: String,
    /// Date of birth in any accepted form.
    #[serde(default)]
    pub date_of_birth: String,
    /// ISO 3166-1 alpha-2 codes, separated by spaces, commas or semicolons.
    #[serde(default)]
    pub nationality: String,
    /// M, F or U.
    #[serde(default)]
    pub sex: String,
    /// Document number as read.
    #[serde(default)]
    pub document_number: String,
    /// ICAO 9303 machine-readable zone, two or three lines.
    #[serde(default)]
    pub mrz: String,
    /// Vehicle number plate.
    #[serde(default)]
    pub plate: String,
    /// Vehicle identification number.
    #[serde(default)]
    pub vin: String,
    /// The session's CSRF token (forms only).
    #[serde(default)]
    pub csrf: String,
}

/// The outcome of reading the MRZ, for the officer.
#[derive(Debug, Clone, Serialize)]
pub struct MrzReport {
    /// Name as printed.
    pub name: String,
    /// Document number as printed.
    pub document_number: String,
    /// Failed check digits: field, printed and computed digit.
    pub failed_checks: Vec<String>,
}

/// Builds the screening query; an error names the field.
pub fn build_query(input: &CheckInput) -> Result<(Query, Option<MrzReport>), String> {
    let bad = |field: &str, e: String| format!("{field}: {e}");
    let mut query = Query::default();
    let mut report = None;
    if !input.mrz.trim().is_empty() {
        let mrz: Mrz =
            veza_screen::mrz::parse(&input.mrz).map_err(|e| bad("MRZ", e.to_string()))?;
        report = Some(MrzReport {
            name: mrz.display_name(),
            document_number: mrz.document_number.clone(),
            failed_checks: mrz
                .failed_checks()
                .map(|c| format!("{}: printed {}, computed {}", c.field, c.found, c.expected))
                .collect(),
        });
        query = Query::from_mrz(&mrz);
    }
    if !input.name.trim().is_empty() {
        query
            .names
            .push(NameForm::Whole(input.name.trim().to_owned()));
    }
    if !input.date_of_birth.trim().is_empty() {
        query.date_of_birth = Some(
            input
                .date_of_birth
                .parse::<PartialDate>()
                .map_err(|e| bad("date of birth", e.to_string()))?,
        );
    }
    if !input.nationality.trim().is_empty() {
        for code in input
            .nationality
            .split([';', ',', ' '])
            .filter(|c| !c.is_empty())
        {
            query.nationalities.push(
                code.parse::<CountryCode>()
                    .map_err(|e| bad("nationality", e.to_string()))?,
            );
        }
    }
    if !input.sex.trim().is_empty() {
        query.sex = Some(
            input
                .sex
                .parse::<Sex>()
                .map_err(|e| bad("sex", e.to_string()))?,
        );
    }
    for (value, slot) in [
        (&input.document_number, &mut query.document_number),
        (&input.plate, &mut query.plate),
        (&input.vin, &mut query.vin),
    ] {
        if !value.trim().is_empty() {
            *slot = Some(value.trim().to_owned());
        }
    }
    if query.names.iter().all(NameForm::is_blank)
        && query.document_number.is_none()
        && query.plate.is_none()
        && query.vin.is_none()
    {
        return Err("Enter a name, paste an MRZ, or give a document number, plate or VIN.".into());
    }
    Ok((query, report))
}

/// Writes the audit entry of a check: who, what was searched, what came back.
pub async fn audit_check(
    store: &Store,
    actor: &Actor,
    query: &Query,
    hits: &[Hit],
) -> Result<(), veza_store::Error> {
    let searched = format!(
        "names={:?} dob={} nat={} doc={} plate={} vin={}",
        query
            .names
            .iter()
            .map(NameForm::display)
            .collect::<Vec<_>>(),
        query
            .date_of_birth
            .map(|d| d.to_string())
            .unwrap_or_default(),
        query
            .nationalities
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(";"),
        query.document_number.as_deref().unwrap_or(""),
        query.plate.as_deref().unwrap_or(""),
        query.vin.as_deref().unwrap_or("")
    );
    let outcome = hits
        .iter()
        .map(|h| format!("{}:{:.3}", h.alert_id, h.score))
        .collect::<Vec<_>>()
        .join(" ");
    let outcome = if outcome.is_empty() {
        "no hit".to_owned()
    } else {
        outcome
    };
    store
        .audit_access(actor, "check", &searched, &outcome)
        .await?;
    Ok(())
}

/// Hits below this score are not put before an officer: a date of birth or
/// a nationality alone reaches it, and a list of unrelated alerts at a
/// border booth hides the hit that matters. (The batch contract, `veza
/// screen`, still returns its top K for evaluation.)
pub const DISPLAY_FLOOR: f64 = 0.2;

/// Keeps the hits worth showing to an officer, best first.
pub fn shown(hits: Vec<Hit>) -> Vec<Hit> {
    hits.into_iter()
        .filter(|h| h.score >= DISPLAY_FLOOR)
        .collect()
}
