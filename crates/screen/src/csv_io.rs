//! Alert and query files of the batch contract (docs/contracts.md).
//!
//! Columns are found by name in the header (case and surrounding spaces
//! ignored); extra columns are ignored and any value may be empty. Every
//! refused value is reported with its file, line, column and value.

use std::path::Path;

use veza_model::{
    Alert, AlertCategory, CountryCode, DocumentType, IdentityDocument, NameKind, NameValue,
    PartialDate, Sex, Vehicle, WarningMarker,
};

use crate::error::{Error, Result};
use crate::mrz::{self, Mrz, MrzError};
use crate::query::{NameForm, Query};

/// One row of a query file.
#[derive(Debug, Clone)]
pub struct QueryRow {
    /// The `query_id` column.
    pub query_id: String,
    /// The check to run.
    pub query: Query,
    /// The parsed `mrz` column, when there was one: its check digits are
    /// reported beside the hits.
    pub mrz: Option<std::result::Result<Mrz, MrzError>>,
}

/// Issuing country used when a file names none. The model has no
/// "unknown country" code; screening never reads this field.
const DEFAULT_ISSUER: &str = "AT";

struct Columns {
    header: Vec<String>,
}

impl Columns {
    fn find(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

struct Row<'a> {
    path: &'a Path,
    line: u64,
    record: &'a csv::StringRecord,
    columns: &'a Columns,
}

impl Row<'_> {
    fn get(&self, name: &str) -> &str {
        self.columns
            .find(name)
            .and_then(|i| self.record.get(i))
            .map_or("", str::trim)
    }

    fn error(&self, column: &str, value: &str, reason: impl Into<String>) -> Error {
        Error::Value {
            path: self.path.to_owned(),
            line: self.line,
            column: column.to_owned(),
            value: value.to_owned(),
            reason: reason.into(),
        }
    }

    fn parsed<T: std::str::FromStr>(&self, column: &str) -> Result<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.get(column);
        if v.is_empty() {
            return Ok(None);
        }
        v.parse::<T>()
            .map(Some)
            .map_err(|e| self.error(column, v, e.to_string()))
    }

    fn date(&self, column: &str) -> Result<Option<PartialDate>> {
        self.parsed(column)
    }

    fn sex(&self) -> Result<Option<Sex>> {
        self.parsed("sex")
    }

    /// Nationalities separated by `;` or `,`, alpha-2 or ICAO alpha-3.
    fn countries(&self, column: &str) -> Result<Vec<CountryCode>> {
        let v = self.get(column);
        let mut out = Vec::new();
        for part in v
            .split([';', ',', '|'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let code = match part.len() {
                3 => mrz::alpha3_to_alpha2(&part.to_ascii_uppercase()),
                _ => part.parse().ok(),
            };
            match code {
                Some(c) if !out.contains(&c) => out.push(c),
                Some(_) => {}
                None => return Err(self.error(column, part, "not an ISO 3166 country code")),
            }
        }
        Ok(out)
    }

    /// Names: given and family parts, the full name, aliases.
    fn names(&self) -> Vec<NameValue> {
        let mut names = Vec::new();
        for (col, kind) in [
            ("given_name", NameKind::Given),
            ("family_name", NameKind::Family),
            ("full_name", NameKind::Full),
            ("father_name", NameKind::Father),
        ] {
            let v = self.get(col);
            if !v.is_empty() {
                names.push(NameValue::new(kind, v));
            }
        }
        for alias in self.get("aliases").split(';').map(str::trim) {
            if !alias.is_empty() {
                names.push(NameValue::new(NameKind::Alias, alias));
            }
        }
        names
    }
}

fn open(path: &Path) -> Result<(csv::Reader<std::fs::File>, Columns)> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let header = reader
        .headers()
        .map_err(|e| csv_error(path, &e))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    Ok((reader, Columns { header }))
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    Error::Csv {
        path: path.to_owned(),
        line: e.position().map_or(0, csv::Position::line),
        message: e.to_string(),
    }
}

fn require(path: &Path, columns: &Columns, name: &'static str) -> Result<()> {
    if columns.find(name).is_none() {
        return Err(Error::MissingColumn {
            path: path.to_owned(),
            column: name,
            header: columns.header.join(","),
        });
    }
    Ok(())
}

fn this_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    u16::try_from(1970 + secs / 31_556_952).unwrap_or(2100)
}

/// Reads an alert file. Required columns: `alert_id`, `category`. Read when
/// present: `full_name`, `given_name`, `family_name`, `father_name`,
/// `aliases` (`;`-separated), `date_of_birth`, `sex`, `nationality`,
/// `document_number`, `document_type`, `document_country`, `vehicle_plate`
/// (or `plate`), `vin`, `warning_markers` (`;`-separated), `action`,
/// `reason`, `offence`, `issuing_authority`, `issuing_country`,
/// `review_date`, `expiry`. A missing review date is set by the
/// category's review period from this year.
pub fn read_alerts(path: &Path) -> Result<Vec<Alert>> {
    let (mut reader, columns) = open(path)?;
    require(path, &columns, "alert_id")?;
    require(path, &columns, "category")?;
    let year = this_year();
    let mut alerts = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_error(path, &e))?
    {
        let row = Row {
            path,
            line: record.position().map_or(0, csv::Position::line),
            record: &record,
            columns: &columns,
        };
        let id = row.get("alert_id");
        if id.is_empty() {
            return Err(row.error("alert_id", id, "an alert needs an id"));
        }
        let category: AlertCategory = match row.parsed("category")? {
            Some(c) => c,
            None => return Err(row.error("category", "", "an alert needs a category")),
        };
        let document_country = row.countries("document_country")?.first().copied();
        let document_type: DocumentType =
            row.parsed("document_type")?.unwrap_or(DocumentType::Other);
        let documents = row
            .get("document_number")
            .split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|number| IdentityDocument {
                kind: document_type,
                number: number.to_owned(),
                country: document_country,
                expiry: None,
            })
            .collect();
        let plate = match row.get("vehicle_plate") {
            "" => row.get("plate"),
            p => p,
        };
        let vin = row.get("vin");
        let vehicle = (!plate.is_empty() || !vin.is_empty()).then(|| Vehicle {
            id: String::new(),
            plate: plate.to_owned(),
            vin: vin.to_owned(),
            make_model: String::new(),
            country: None,
        });
        let mut warning_markers = Vec::new();
        for m in row
            .get("warning_markers")
            .split(';')
            .map(str::trim)
            .filter(|m| !m.is_empty())
        {
            let marker: WarningMarker = m
                .parse()
                .map_err(|e: veza_model::Error| row.error("warning_markers", m, e.to_string()))?;
            warning_markers.push(marker);
        }
        let nationalities = row.countries("nationality")?;
        let issuing_country = row
            .countries("issuing_country")?
            .first()
            .copied()
            .or_else(|| DEFAULT_ISSUER.parse().ok())
            .ok_or_else(|| row.error("issuing_country", "", "no country"))?;
        let review_date = row.date("review_date")?.unwrap_or(PartialDate {
            year: year.saturating_add(u16::from(category.review_years())),
            month: None,
            day: None,
        });
        let expiry = row.date("expiry")?.unwrap_or(review_date);
        alerts.push(Alert {
            id: id.to_owned(),
            category,
            names: row.names(),
            date_of_birth: row.date("date_of_birth")?,
            place_of_birth: row.get("place_of_birth").to_owned(),
            sex: row.sex()?,
            nationalities,
            documents,
            vehicle,
            warning_markers,
            reason: row.get("reason").to_owned(),
            offence: row.get("offence").to_owned(),
            action: match row.get("action") {
                "" => category.default_action().to_owned(),
                written => written.to_owned(),
            },
            issuing_authority: row.get("issuing_authority").to_owned(),
            issuing_country,
            review_date,
            expiry,
            linked_alerts: row
                .get("linked_alerts")
                .split(';')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        });
    }
    Ok(alerts)
}

/// Reads a query file: `query_id` and the person columns of the alert file
/// (`full_name` or `given_name` and `family_name`, `aliases`,
/// `date_of_birth`, `sex`, `nationality`, `document_number`), or `mrz`, and
/// optionally `vehicle_plate` and `vin`. An MRZ fills what the person
/// columns leave empty; an unreadable MRZ is kept as its error and the
/// person columns are used alone.
pub fn read_queries(path: &Path) -> Result<Vec<QueryRow>> {
    let (mut reader, columns) = open(path)?;
    require(path, &columns, "query_id")?;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_error(path, &e))?
    {
        let row = Row {
            path,
            line: record.position().map_or(0, csv::Position::line),
            record: &record,
            columns: &columns,
        };
        let mrz_text = row.get("mrz");
        let mrz = (!mrz_text.is_empty()).then(|| mrz::parse(mrz_text));
        let mut query = match &mrz {
            Some(Ok(m)) => Query::from_mrz(m),
            _ => Query::default(),
        };
        let names = NameForm::from_alert_names(&row.names());
        // Names typed by the officer come first; the MRZ name stays as a
        // further reading.
        let mut all = names;
        all.append(&mut query.names);
        query.names = all;
        if let Some(d) = row.date("date_of_birth")? {
            query.date_of_birth = Some(d);
        }
        if let Some(s) = row.sex()? {
            query.sex = Some(s);
        }
        for c in row.countries("nationality")? {
            if !query.nationalities.contains(&c) {
                query.nationalities.push(c);
            }
        }
        let doc = row.get("document_number");
        if !doc.is_empty() {
            query.document_number = Some(doc.to_owned());
        }
        let plate = match row.get("vehicle_plate") {
            "" => row.get("plate"),
            p => p,
        };
        if !plate.is_empty() {
            query.plate = Some(plate.to_owned());
        }
        let vin = row.get("vin");
        if !vin.is_empty() {
            query.vin = Some(vin.to_owned());
        }
        rows.push(QueryRow {
            query_id: row.get("query_id").to_owned(),
            query,
            mrz,
        });
    }
    Ok(rows)
}
