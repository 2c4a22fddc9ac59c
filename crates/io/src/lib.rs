//! Import and export of person records in veza's canonical columns.
//!
//! Files are CSV (with a header) or JSON Lines (one object per line, keys are
//! column names). Every value is checked; a bad one is reported with the file,
//! the line, the column and the value, and never panics whatever the bytes.
//! The reader yields records one at a time so that the store can commit a
//! whole file in one transaction without holding it all in memory.
//!
//! ```
//! use veza_io::{ImportOptions, RecordReader};
//! let csv = "record_id,given_name,family_name,date_of_birth\nR1,Јован,Петровић,01.01.1990\n";
//! let opts = ImportOptions::new("RS-MUP");
//! let mut reader = RecordReader::from_reader("inline.csv", csv.as_bytes(), &opts).unwrap();
//! let record = reader.next().unwrap().unwrap();
//! assert_eq!(record.display_name(), "Јован Петровић");
//! ```

mod canonical;
mod error;
mod export;
mod reader;

pub use canonical::{CANONICAL_COLUMNS, Field, Mapping, RowContext, RowValues, build_record};
pub use error::{Error, Result, RowError};
pub use export::{ExportFormat, RecordWriter};
pub use reader::{Format, ImportOptions, RecordReader};

/// Longest accepted field, in bytes. Longer values are refused (a 10 MB
/// "name" is an attack or a broken export, not a name).
pub const MAX_FIELD_BYTES: usize = 4096;
