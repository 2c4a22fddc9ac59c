//! Writing records back out in the canonical columns.

use std::io::Write;

use veza_model::{NameKind, PersonRecord};

use crate::canonical::CANONICAL_COLUMNS;
use crate::{Error, Result};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// CSV with the canonical header.
    Csv,
    /// One JSON object per line with the canonical keys (empty ones left out).
    Jsonl,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" => Ok(ExportFormat::Jsonl),
            other => Err(format!("unknown export format {other:?}: use csv or jsonl")),
        }
    }
}

/// Writes records one at a time.
pub struct RecordWriter<W: Write> {
    format: ExportFormat,
    csv: Option<csv::Writer<W>>,
    out: Option<W>,
}

impl<W: Write> RecordWriter<W> {
    /// Starts an export (the CSV header is written at once).
    pub fn new(out: W, format: ExportFormat) -> Result<Self> {
        Ok(match format {
            ExportFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(CANONICAL_COLUMNS)
                    .map_err(|e| Error::Export(e.to_string()))?;
                RecordWriter {
                    format,
                    csv: Some(w),
                    out: None,
                }
            }
            ExportFormat::Jsonl => RecordWriter {
                format,
                csv: None,
                out: Some(out),
            },
        })
    }

    /// Writes one record.
    pub fn write(&mut self, r: &PersonRecord) -> Result<()> {
        let cells = cells(r);
        match self.format {
            ExportFormat::Csv => {
                let w = self.csv.as_mut().expect("csv writer");
                w.write_record(&cells)
                    .map_err(|e| Error::Export(e.to_string()))
            }
            ExportFormat::Jsonl => {
                let object: serde_json::Map<String, serde_json::Value> = CANONICAL_COLUMNS
                    .iter()
                    .zip(cells)
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v)))
                    .collect();
                let out = self.out.as_mut().expect("jsonl writer");
                serde_json::to_writer(&mut *out, &object)
                    .map_err(|e| Error::Export(e.to_string()))?;
                out.write_all(b"\n")
                    .map_err(|e| Error::Export(e.to_string()))
            }
        }
    }

    /// Flushes and returns the sink.
    pub fn finish(self) -> Result<W> {
        match (self.csv, self.out) {
            (Some(w), _) => w.into_inner().map_err(|e| Error::Export(e.to_string())),
            (None, Some(mut out)) => {
                out.flush().map_err(|e| Error::Export(e.to_string()))?;
                Ok(out)
            }
            (None, None) => Err(Error::Export("writer already finished".into())),
        }
    }
}

/// The canonical cells of a record, in column order.
fn cells(r: &PersonRecord) -> Vec<String> {
    let name = |k| r.name(k).unwrap_or_default().to_owned();
    let doc = r.documents.first();
    let addr = r.addresses.first();
    let join = |items: Vec<String>| items.join(";");
    vec![
        r.id.clone(),
        r.provenance.agency.clone(),
        name(NameKind::Given),
        name(NameKind::Family),
        name(NameKind::Full),
        name(NameKind::Father),
        r.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
        r.sex.map(|s| s.to_string()).unwrap_or_default(),
        join(r.nationalities.iter().map(ToString::to_string).collect()),
        r.place_of_birth.clone(),
        doc.map(|d| d.kind.to_string()).unwrap_or_default(),
        doc.map(|d| d.number.clone()).unwrap_or_default(),
        doc.and_then(|d| d.country)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        join(r.phones.clone()),
        addr.map(|a| a.street.clone()).unwrap_or_default(),
        addr.map(|a| a.city.clone()).unwrap_or_default(),
        addr.map(|a| a.postcode.clone()).unwrap_or_default(),
        addr.map(|a| a.region.clone()).unwrap_or_default(),
        r.national_id.clone(),
        r.category.map(|c| c.to_string()).unwrap_or_default(),
    ]
}
