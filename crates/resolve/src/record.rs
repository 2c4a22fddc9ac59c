//! Reading inputs: columns to comparisons, rows to prepared records.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use veza_io::{Field, Mapping};
use veza_names::AnalysedName;

use crate::compare::{Kind, Value};
use crate::error::{Error, Result};

/// One compared field: a name (canonical field or declared column) and a kind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Comparison {
    /// `name` (given, family and full names together), a canonical field
    /// name, or a declared column.
    pub name: String,
    /// How values are compared.
    pub kind: Kind,
}

/// The comparisons of a run, in a fixed order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Schema {
    /// The comparisons.
    pub comparisons: Vec<Comparison>,
}

impl Schema {
    /// The index of a comparison by name.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.comparisons.iter().position(|c| c.name == name)
    }

    fn add(&mut self, name: &str, kind: Kind) -> usize {
        if let Some(i) = self.index(name) {
            return i;
        }
        self.comparisons.push(Comparison {
            name: name.to_owned(),
            kind,
        });
        self.comparisons.len() - 1
    }
}

/// A prepared record.
#[derive(Debug, Clone)]
pub struct Record {
    /// The record id as given.
    pub id: String,
    /// Which input it came from (0-based), for link-only runs.
    pub input: u32,
    /// One value per comparison of the schema.
    pub values: Vec<Value>,
    /// The term-frequency key of each value ([`Value::tf_key`]; 0 where the
    /// value is missing), worked out once: scoring needs them for every
    /// candidate pair. [`Record::new`] fills them.
    pub tf_keys: Vec<u64>,
}

impl Record {
    /// A record with its values' term-frequency keys.
    pub fn new(id: String, input: u32, values: Vec<Value>) -> Record {
        let tf_keys = values.iter().map(|v| v.tf_key().unwrap_or(0)).collect();
        Record {
            id,
            input,
            values,
            tf_keys,
        }
    }

    /// The term-frequency key of value `i`, `None` when it is missing.
    #[inline]
    pub fn tf_key(&self, i: usize) -> Option<u64> {
        (!self.values[i].is_missing()).then(|| self.tf_keys[i])
    }
}

/// A date that could not be read; it counts as missing.
#[derive(Debug, Clone)]
pub struct MalformedDate {
    /// The file.
    pub path: PathBuf,
    /// One-based line.
    pub line: u64,
    /// The column.
    pub column: String,
    /// The value.
    pub value: String,
}

/// Records of all inputs with their schema.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// The comparisons.
    pub schema: Schema,
    /// The records, in input order.
    pub records: Vec<Record>,
    /// Dates treated as missing because they could not be read.
    pub malformed_dates: Vec<MalformedDate>,
    /// Columns ignored (neither canonical, mapped nor declared), per input.
    pub ignored_columns: Vec<(PathBuf, Vec<String>)>,
}

/// How input columns are read: `--map COL=FIELD` and `--field COL:KIND`.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    mapping: Mapping,
    declared: Vec<(String, Kind)>,
}

impl Columns {
    /// Parses `--map` and `--field` options.
    pub fn parse<S: AsRef<str>>(maps: &[S], fields: &[S]) -> Result<Columns> {
        let mapping = Mapping::parse(maps).map_err(Error::Options)?;
        let mut declared = Vec::new();
        for f in fields {
            let f = f.as_ref();
            let (col, kind) = f
                .rsplit_once(':')
                .ok_or_else(|| Error::Options(format!("--field {f:?}: expected COLUMN:KIND")))?;
            let kind = Kind::from_declared(kind).ok_or_else(|| {
                Error::Options(format!(
                    "--field {f:?}: unknown kind {kind:?}; kinds are exact, fuzzy, name, date, id"
                ))
            })?;
            declared.push((col.trim().to_owned(), kind));
        }
        Ok(Columns { mapping, declared })
    }
}

#[derive(Debug, Clone, Copy)]
enum Target {
    Ignore,
    Canonical(Field),
    Declared(usize),
}

/// Where each canonical field goes in the schema.
fn canonical_comparison(field: Field) -> Option<(&'static str, Kind)> {
    Some(match field {
        Field::GivenName | Field::FamilyName | Field::FullName => ("name", Kind::Name),
        Field::FatherName => ("father_name", Kind::Name),
        Field::DateOfBirth => ("date_of_birth", Kind::Date),
        Field::Sex => ("sex", Kind::Sex),
        Field::Nationality => ("nationality", Kind::Exact),
        Field::PlaceOfBirth => ("place_of_birth", Kind::Fuzzy),
        Field::DocumentNumber => ("document_number", Kind::Document),
        Field::Phone => ("phone", Kind::Phone),
        Field::Address => ("address", Kind::Fuzzy),
        Field::City => ("city", Kind::Fuzzy),
        Field::Region => ("region", Kind::Fuzzy),
        Field::Postcode => ("postcode", Kind::Postcode),
        Field::NationalId => ("national_id", Kind::Id),
        Field::RecordId
        | Field::Source
        | Field::DocumentType
        | Field::DocumentCountry
        | Field::Role => return None,
    })
}

struct Plan {
    targets: Vec<Target>,
    id_col: usize,
}

impl Dataset {
    /// Reads CSV files.
    pub fn read_paths(inputs: &[PathBuf], columns: &Columns) -> Result<Dataset> {
        let mut readers = Vec::new();
        for p in inputs {
            let f = std::fs::File::open(p).map_err(|source| Error::Io {
                path: p.clone(),
                source,
            })?;
            readers.push((p.clone(), std::io::BufReader::with_capacity(1 << 16, f)));
        }
        Dataset::read(readers, columns)
    }

    /// Reads CSV from readers, each named by a path for messages.
    pub fn read<R: Read>(inputs: Vec<(PathBuf, R)>, columns: &Columns) -> Result<Dataset> {
        let mut ds = Dataset::default();
        let mut csvs = Vec::new();
        let mut plans = Vec::new();
        // First pass over headers: the schema is the union of all inputs.
        for (path, r) in inputs {
            let mut rdr = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .flexible(false)
                .from_reader(r);
            let header = rdr.headers().map_err(|e| csv_error(&path, &e))?.clone();
            let mut targets = Vec::with_capacity(header.len());
            let mut id_col = None;
            let mut ignored = Vec::new();
            for col in header.iter() {
                let declared = columns.declared.iter().find(|(c, _)| c == col.trim());
                let t = if let Some((name, kind)) = declared {
                    Target::Declared(ds.schema.add(name, *kind))
                } else {
                    match columns.mapping.resolve(col) {
                        Ok(Some(Field::RecordId)) => {
                            if id_col.is_none() {
                                id_col = Some(targets.len());
                            }
                            Target::Ignore
                        }
                        Ok(Some(f)) => match canonical_comparison(f) {
                            Some((name, kind)) => {
                                ds.schema.add(name, kind);
                                Target::Canonical(f)
                            }
                            None => Target::Ignore,
                        },
                        Ok(None) => Target::Ignore,
                        Err(_) => {
                            ignored.push(col.to_owned());
                            Target::Ignore
                        }
                    }
                };
                targets.push(t);
            }
            let id_col = id_col.ok_or_else(|| Error::Header {
                path: path.clone(),
                message:
                    "no record id column; name it record_id or map one with --map COL=record_id"
                        .into(),
            })?;
            if !ignored.is_empty() {
                ds.ignored_columns.push((path.clone(), ignored));
            }
            plans.push(Plan { targets, id_col });
            csvs.push((path, rdr));
        }
        let schema = ds.schema.clone();
        let name_idx = schema.index("name");
        let mut names: HashMap<(String, String, String), Value> = HashMap::new();
        let mut cache =
            |kind: Kind, key: (String, String, String), make: &dyn Fn() -> AnalysedName| {
                if kind != Kind::Name {
                    return Value::Missing;
                }
                names
                    .entry(key)
                    .or_insert_with(|| {
                        let n = make();
                        if n.is_empty() {
                            Value::Missing
                        } else {
                            Value::Name(n)
                        }
                    })
                    .clone()
            };
        for (input, ((path, mut rdr), plan)) in csvs.into_iter().zip(&plans).enumerate() {
            let header = rdr.headers().map_err(|e| csv_error(&path, &e))?.clone();
            let mut row = csv::StringRecord::new();
            loop {
                match rdr.read_record(&mut row) {
                    Ok(false) => break,
                    Ok(true) => {}
                    Err(e) => return Err(csv_error(&path, &e)),
                }
                let line = row.position().map_or(0, |p| p.line());
                let id = row.get(plan.id_col).unwrap_or("").trim();
                if id.is_empty() {
                    return Err(Error::Value {
                        path: path.clone(),
                        line,
                        column: header.get(plan.id_col).unwrap_or("").to_owned(),
                        message: "empty record id".into(),
                    });
                }
                let mut values = vec![Value::Missing; schema.comparisons.len()];
                let mut canon: [Option<&str>; 20] = [None; 20];
                for (i, t) in plan.targets.iter().enumerate() {
                    let v = row.get(i).unwrap_or("").trim();
                    if v.is_empty() {
                        continue;
                    }
                    match *t {
                        Target::Ignore => {}
                        Target::Canonical(f) => {
                            if canon[f as usize].is_none() {
                                canon[f as usize] = Some(v);
                            }
                        }
                        Target::Declared(ci) => {
                            let kind = schema.comparisons[ci].kind;
                            let prepared = if kind == Kind::Name {
                                Some(cache(
                                    kind,
                                    (v.to_owned(), String::new(), "\u{1}".into()),
                                    &|| veza_names::analyse(v),
                                ))
                            } else {
                                Value::prepare(kind, v)
                            };
                            match prepared {
                                Some(p) => values[ci] = p,
                                None => ds.malformed_dates.push(MalformedDate {
                                    path: path.clone(),
                                    line,
                                    column: header.get(i).unwrap_or("").to_owned(),
                                    value: v.to_owned(),
                                }),
                            }
                        }
                    }
                }
                for f in Field::ALL {
                    let Some(v) = canon[f as usize] else { continue };
                    let Some((name, kind)) = canonical_comparison(f) else {
                        continue;
                    };
                    if kind == Kind::Name {
                        continue;
                    }
                    let ci = schema.index(name).expect("schema has every mapped field");
                    match Value::prepare(kind, v) {
                        Some(p) => values[ci] = p,
                        None => {
                            let col = plan
                                .targets
                                .iter()
                                .position(|t| matches!(t, Target::Canonical(g) if *g == f))
                                .and_then(|i| header.get(i))
                                .unwrap_or(f.name());
                            ds.malformed_dates.push(MalformedDate {
                                path: path.clone(),
                                line,
                                column: col.to_owned(),
                                value: v.to_owned(),
                            })
                        }
                    }
                }
                if let Some(ni) = name_idx {
                    let given = canon[Field::GivenName as usize].unwrap_or("");
                    let family = canon[Field::FamilyName as usize].unwrap_or("");
                    let full = canon[Field::FullName as usize].unwrap_or("");
                    values[ni] = if !given.is_empty() || !family.is_empty() {
                        cache(
                            Kind::Name,
                            (given.to_owned(), family.to_owned(), String::new()),
                            &|| veza_names::analyse_parts(given, family),
                        )
                    } else if !full.is_empty() {
                        cache(
                            Kind::Name,
                            (full.to_owned(), String::new(), "\u{1}".into()),
                            &|| veza_names::analyse(full),
                        )
                    } else {
                        Value::Missing
                    };
                }
                if let Some(fi) = schema.index("father_name")
                    && let Some(v) = canon[Field::FatherName as usize]
                {
                    values[fi] = cache(
                        Kind::Name,
                        (v.to_owned(), String::new(), "\u{1}".into()),
                        &|| veza_names::analyse(v),
                    );
                }
                ds.records
                    .push(Record::new(id.to_owned(), input as u32, values));
            }
        }
        Ok(ds)
    }
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    if let csv::ErrorKind::Io(io) = e.kind() {
        return Error::Io {
            path: path.to_owned(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        };
    }
    Error::Csv {
        path: path.to_owned(),
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    }
}
