//! The six CSV files and their headers.

use crate::Error;
use crate::csvw::CsvSink;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Canonical person columns of `records.csv`, in order.
pub const RECORD_HEADER: [&str; 20] = [
    "record_id",
    "source",
    "given_name",
    "family_name",
    "full_name",
    "father_name",
    "date_of_birth",
    "sex",
    "nationality",
    "place_of_birth",
    "document_type",
    "document_number",
    "document_country",
    "phone",
    "address",
    "city",
    "postcode",
    "region",
    "national_id",
    "role",
];

/// Columns of `truth.csv`.
pub const TRUTH_HEADER: [&str; 15] = [
    "record_id",
    "person_id",
    "network_id",
    "network_role",
    "is_victim",
    "person_kind",
    "case_id",
    "event_id",
    "identity_used",
    "from_document",
    "true_given_name",
    "true_family_name",
    "true_date_of_birth",
    "true_nationality",
    "true_sex",
];

/// Columns of `events.csv`.
pub const EVENT_HEADER: [&str; 15] = [
    "event_id",
    "kind",
    "time",
    "country",
    "place",
    "bcp_id",
    "lat",
    "lon",
    "participants",
    "vehicle_plate",
    "amount",
    "currency",
    "indicators",
    "journey_id",
    "network_id",
];

/// Columns of `relations.csv`.
pub const RELATION_HEADER: [&str; 9] = [
    "relation_id",
    "kind",
    "from_type",
    "from_id",
    "to_type",
    "to_id",
    "time",
    "event_id",
    "network_id",
];

/// Columns of `alerts.csv`.
pub const ALERT_HEADER: [&str; 16] = [
    "alert_id",
    "category",
    "full_name",
    "given_name",
    "family_name",
    "aliases",
    "date_of_birth",
    "sex",
    "nationality",
    "document_number",
    "document_country",
    "vehicle_plate",
    "warning_markers",
    "action",
    "issuing_country",
    "person_id",
];

/// Columns of `queries.csv`.
pub const QUERY_HEADER: [&str; 10] = [
    "query_id",
    "full_name",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "nationality",
    "document_number",
    "mrz",
    "expected_alert_id",
];

type Sink = CsvSink;

/// Buffered CSV writers for the six outputs.
pub struct Output {
    /// records.csv
    pub records: Sink,
    /// truth.csv
    pub truth: Sink,
    /// events.csv
    pub events: Sink,
    /// relations.csv
    pub relations: Sink,
    /// alerts.csv
    pub alerts: Sink,
    /// queries.csv
    pub queries: Sink,
}

fn sink(w: Box<dyn Write>, header: &[&str]) -> Result<Sink, Error> {
    let mut s = CsvSink::new(w);
    s.row(header).map_err(io_error)?;
    Ok(s)
}

/// Wraps an output error.
pub fn io_error(e: std::io::Error) -> Error {
    Error::Io {
        path: "output".into(),
        source: e,
    }
}

impl Output {
    /// Creates the six files in `dir` (created if missing).
    pub fn create(dir: &Path) -> Result<Output, Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let open = |name: &str| -> Result<Box<dyn Write>, Error> {
            let path = dir.join(name);
            let f = File::create(&path).map_err(|e| Error::Io {
                path: path.display().to_string(),
                source: e,
            })?;
            Ok(Box::new(BufWriter::with_capacity(1 << 20, f)))
        };
        Output::from_writers([
            open("records.csv")?,
            open("truth.csv")?,
            open("events.csv")?,
            open("relations.csv")?,
            open("alerts.csv")?,
            open("queries.csv")?,
        ])
    }

    /// Wraps six writers, in the order records, truth, events, relations,
    /// alerts, queries (benchmarks pass `std::io::sink()`).
    pub fn from_writers(w: [Box<dyn Write>; 6]) -> Result<Output, Error> {
        let [r, t, e, l, a, q] = w;
        Ok(Output {
            records: sink(r, &RECORD_HEADER)?,
            truth: sink(t, &TRUTH_HEADER)?,
            events: sink(e, &EVENT_HEADER)?,
            relations: sink(l, &RELATION_HEADER)?,
            alerts: sink(a, &ALERT_HEADER)?,
            queries: sink(q, &QUERY_HEADER)?,
        })
    }

    /// Flushes every writer.
    pub fn flush(&mut self) -> Result<(), Error> {
        for s in [
            &mut self.records,
            &mut self.truth,
            &mut self.events,
            &mut self.relations,
            &mut self.alerts,
            &mut self.queries,
        ] {
            s.flush().map_err(|e| Error::Io {
                path: "output".into(),
                source: e,
            })?;
        }
        Ok(())
    }
}
