//! Streaming readers for CSV and JSON Lines person files.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use veza_model::{CountryCode, HandlingCode, PersonRecord};

use crate::canonical::{Field, Mapping, RowContext, RowValues, build_record};
use crate::error::shorten;
use crate::{Error, MAX_FIELD_BYTES, Result, RowError};

/// Longest accepted JSON line; longer lines are refused without being held.
const MAX_JSON_LINE: usize = 1 << 20;

/// File formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl Format {
    /// The format of a file name's extension (`.csv`; `.jsonl`, `.ndjson`).
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" | "txt" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// What applies to every row of an import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Agency for rows that name none (`--source`).
    pub agency: String,
    /// Header mapping (`--map`).
    pub mapping: Mapping,
    /// Handling code for the whole file.
    pub handling: HandlingCode,
    /// Country of the agency.
    pub country: Option<CountryCode>,
    /// RFC 3339 time of the import, stamped on every record.
    pub recorded_at: String,
    /// Format, when the file name does not tell.
    pub format: Option<Format>,
}

impl ImportOptions {
    /// Defaults for an agency: canonical headers, H0, time left empty.
    pub fn new(agency: impl Into<String>) -> Self {
        ImportOptions {
            agency: agency.into(),
            mapping: Mapping::default(),
            handling: HandlingCode::H0,
            country: None,
            recorded_at: String::new(),
            format: None,
        }
    }
}

enum Inner<R: Read> {
    Csv {
        reader: csv::Reader<R>,
        fields: Vec<Option<Field>>,
        headers: Vec<String>,
        row: csv::ByteRecord,
    },
    Jsonl {
        reader: BufReader<R>,
        line: u64,
        buf: Vec<u8>,
    },
}

/// Yields the records of one file, each `Ok` or a located [`RowError`].
/// After an I/O error it yields that error and then ends.
pub struct RecordReader<R: Read> {
    file: String,
    stem: String,
    opts: ImportOptions,
    inner: Inner<R>,
    done: bool,
}

impl RecordReader<File> {
    /// Opens a file; the format comes from `opts.format` or the extension.
    pub fn open(path: &Path, opts: &ImportOptions) -> Result<Self> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|source| Error::Io {
            file: name.clone(),
            source,
        })?;
        Self::from_reader(&name, file, opts)
    }
}

impl<R: Read> RecordReader<R> {
    /// Reads from any source; `file` names it in errors. CSV unless the
    /// options or the name say JSON Lines.
    pub fn from_reader(file: &str, source: R, opts: &ImportOptions) -> Result<Self> {
        let path = Path::new(file);
        let format = opts
            .format
            .or_else(|| Format::from_path(path))
            .unwrap_or(Format::Csv);
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("input")
            .to_owned();
        let whole = |reason: String| RowError {
            file: file.to_owned(),
            line: 1,
            column: String::new(),
            value: String::new(),
            reason,
        };
        let inner = match format {
            Format::Jsonl => Inner::Jsonl {
                reader: BufReader::new(source),
                line: 0,
                buf: Vec::new(),
            },
            Format::Csv => {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(true)
                    .flexible(false)
                    .from_reader(source);
                let header = reader
                    .byte_headers()
                    .map_err(|e| whole(format!("cannot read the header: {e}")))?
                    .clone();
                if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
                    return Err(whole(
                        "empty file: expected a header row with the canonical columns".into(),
                    )
                    .into());
                }
                let mut fields = Vec::with_capacity(header.len());
                let mut headers = Vec::with_capacity(header.len());
                for raw in header.iter() {
                    let name = std::str::from_utf8(raw).map_err(|_| RowError {
                        file: file.to_owned(),
                        line: 1,
                        column: String::new(),
                        value: shorten(&String::from_utf8_lossy(raw)),
                        reason: "header is not valid UTF-8".into(),
                    })?;
                    let field = opts.mapping.resolve(name).map_err(|reason| RowError {
                        file: file.to_owned(),
                        line: 1,
                        column: name.to_owned(),
                        value: String::new(),
                        reason,
                    })?;
                    if let Some(f) = field
                        && fields.contains(&Some(f))
                    {
                        return Err(RowError {
                            file: file.to_owned(),
                            line: 1,
                            column: name.to_owned(),
                            value: String::new(),
                            reason: format!("a second column maps to {}", f.name()),
                        }
                        .into());
                    }
                    fields.push(field);
                    headers.push(name.to_owned());
                }
                if !fields.iter().any(|f| {
                    matches!(
                        f,
                        Some(Field::GivenName | Field::FamilyName | Field::FullName)
                    )
                }) {
                    return Err(whole("no name column: the header needs given_name, family_name or full_name (or a --map to one)".into()).into());
                }
                Inner::Csv {
                    reader,
                    fields,
                    headers,
                    row: csv::ByteRecord::new(),
                }
            }
        };
        Ok(RecordReader {
            file: file.to_owned(),
            stem,
            opts: opts.clone(),
            inner,
            done: false,
        })
    }

    fn context(&self) -> RowContext<'_> {
        RowContext {
            agency: &self.opts.agency,
            file_stem: &self.stem,
            recorded_at: &self.opts.recorded_at,
            handling: self.opts.handling,
            country: self.opts.country,
        }
    }

    fn error(&self, line: u64, column: &str, value: &str, reason: impl Into<String>) -> RowError {
        RowError {
            file: self.file.clone(),
            line,
            column: column.to_owned(),
            value: shorten(value),
            reason: reason.into(),
        }
    }

    fn next_csv(&mut self) -> Option<std::result::Result<PersonRecord, RowError>> {
        let Inner::Csv { reader, row, .. } = &mut self.inner else {
            unreachable!()
        };
        match reader.read_byte_record(row) {
            Ok(false) => None,
            Ok(true) => {
                let line = row.position().map_or(0, |p| p.line());
                Some(self.csv_row(line))
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let (reason, fatal) = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => (
                        format!("wrong number of columns: {len}, the header has {expected_len}"),
                        false,
                    ),
                    csv::ErrorKind::Io(io) => (format!("read error: {io}"), true),
                    _ => (e.to_string(), false),
                };
                self.done = fatal;
                Some(Err(self.error(line, "", "", reason)))
            }
        }
    }

    fn csv_row(&self, line: u64) -> std::result::Result<PersonRecord, RowError> {
        let Inner::Csv {
            fields,
            headers,
            row,
            ..
        } = &self.inner
        else {
            unreachable!()
        };
        let mut values = RowValues::default();
        for (i, raw) in row.iter().enumerate() {
            let Some(field) = fields[i] else { continue };
            let value = std::str::from_utf8(raw).map_err(|_| {
                self.error(
                    line,
                    &headers[i],
                    &String::from_utf8_lossy(raw),
                    "not valid UTF-8",
                )
            })?;
            if value.len() > MAX_FIELD_BYTES {
                return Err(self.error(
                    line,
                    &headers[i],
                    value,
                    format!("longer than {MAX_FIELD_BYTES} bytes"),
                ));
            }
            values.set(field, value);
        }
        build_record(&values, line, &self.context()).map_err(|(field, reason)| {
            let column = fields
                .iter()
                .position(|f| *f == Some(field))
                .map_or(field.name(), |i| headers[i].as_str());
            self.error(line, column, values.get(field).unwrap_or_default(), reason)
        })
    }

    fn next_jsonl(&mut self) -> Option<std::result::Result<PersonRecord, RowError>> {
        loop {
            let Inner::Jsonl { reader, line, buf } = &mut self.inner else {
                unreachable!()
            };
            buf.clear();
            *line += 1;
            let line_no = *line;
            let read = reader
                .by_ref()
                .take(MAX_JSON_LINE as u64 + 1)
                .read_until(b'\n', buf);
            match read {
                Ok(0) => return None,
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(line_no, "", "", format!("read error: {e}"))));
                }
                Ok(_) if buf.len() > MAX_JSON_LINE && !buf.ends_with(b"\n") => {
                    // Skip the rest of the oversized line so the next one starts clean.
                    let mut sink = Vec::new();
                    while let Ok(n) = reader.by_ref().take(1 << 16).read_until(b'\n', &mut sink) {
                        if n == 0 || sink.ends_with(b"\n") {
                            break;
                        }
                        sink.clear();
                    }
                    return Some(Err(self.error(
                        line_no,
                        "",
                        "",
                        format!("line longer than {MAX_JSON_LINE} bytes"),
                    )));
                }
                Ok(_) => {}
            }
            let Inner::Jsonl { buf, .. } = &self.inner else {
                unreachable!()
            };
            let text = match std::str::from_utf8(buf) {
                Ok(t) => t.trim(),
                Err(_) => return Some(Err(self.error(line_no, "", "", "line is not valid UTF-8"))),
            };
            if text.is_empty() {
                continue;
            }
            return Some(self.json_row(text, line_no));
        }
    }

    fn json_row(&self, text: &str, line: u64) -> std::result::Result<PersonRecord, RowError> {
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)
            .map_err(|e| {
                self.error(
                    line,
                    "",
                    "",
                    format!("not a JSON object (column {}): {e}", e.column()),
                )
            })?;
        let mut owned: Vec<(Field, String, String)> = Vec::with_capacity(object.len());
        for (key, value) in &object {
            let field = self
                .opts
                .mapping
                .resolve(key)
                .map_err(|reason| self.error(line, key, "", reason))?;
            let Some(field) = field else { continue };
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Null => continue,
                other => {
                    return Err(self.error(
                        line,
                        key,
                        &other.to_string(),
                        "expected a string, number or null",
                    ));
                }
            };
            if text.len() > MAX_FIELD_BYTES {
                return Err(self.error(
                    line,
                    key,
                    &text,
                    format!("longer than {MAX_FIELD_BYTES} bytes"),
                ));
            }
            owned.push((field, key.clone(), text));
        }
        let mut values = RowValues::default();
        for (field, _, text) in &owned {
            values.set(*field, text);
        }
        build_record(&values, line, &self.context()).map_err(|(field, reason)| {
            let key = owned
                .iter()
                .find(|(f, ..)| *f == field)
                .map_or(field.name(), |(_, k, _)| k.as_str());
            self.error(line, key, values.get(field).unwrap_or_default(), reason)
        })
    }
}

impl<R: Read> Iterator for RecordReader<R> {
    type Item = std::result::Result<PersonRecord, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.inner {
            Inner::Csv { .. } => self.next_csv(),
            Inner::Jsonl { .. } => self.next_jsonl(),
        }
    }
}
