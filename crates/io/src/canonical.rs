//! The canonical person columns and how a row of them becomes a record.

use std::collections::HashMap;

use veza_model::{
    Address, CountryCode, DocumentType, IdentityDocument, NameKind, NameValue, PartialDate,
    PersonRecord, Provenance, normalize_phone,
};

/// The canonical columns, in file order.
pub const CANONICAL_COLUMNS: [&str; 20] = [
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

/// A canonical column; the discriminant indexes [`CANONICAL_COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is the column of the same name
pub enum Field {
    RecordId,
    Source,
    GivenName,
    FamilyName,
    FullName,
    FatherName,
    DateOfBirth,
    Sex,
    Nationality,
    PlaceOfBirth,
    DocumentType,
    DocumentNumber,
    DocumentCountry,
    Phone,
    Address,
    City,
    Postcode,
    Region,
    NationalId,
    Role,
}

impl Field {
    /// Every field in column order.
    pub const ALL: [Field; 20] = [
        Field::RecordId,
        Field::Source,
        Field::GivenName,
        Field::FamilyName,
        Field::FullName,
        Field::FatherName,
        Field::DateOfBirth,
        Field::Sex,
        Field::Nationality,
        Field::PlaceOfBirth,
        Field::DocumentType,
        Field::DocumentNumber,
        Field::DocumentCountry,
        Field::Phone,
        Field::Address,
        Field::City,
        Field::Postcode,
        Field::Region,
        Field::NationalId,
        Field::Role,
    ];

    /// The column name.
    pub fn name(self) -> &'static str {
        CANONICAL_COLUMNS[self as usize]
    }

    /// The field of a canonical column name (case-insensitive, spaces trimmed).
    pub fn from_name(name: &str) -> Option<Field> {
        let n = name.trim().to_ascii_lowercase();
        Field::ALL.iter().copied().find(|f| f.name() == n)
    }
}

/// How a file's header maps to fields: `--map SOURCE_COLUMN=FIELD` pairs, the
/// canonical names themselves, and `--map COLUMN=ignore` for columns to drop.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    explicit: HashMap<String, Option<Field>>,
}

impl Mapping {
    /// Parses `COL=FIELD` pairs. FIELD is a canonical column or `ignore`.
    pub fn parse<S: AsRef<str>>(pairs: &[S]) -> Result<Self, String> {
        let mut explicit = HashMap::new();
        for pair in pairs {
            let pair = pair.as_ref();
            let (col, field) = pair
                .split_once('=')
                .ok_or_else(|| format!("--map {pair:?}: expected SOURCE_COLUMN=FIELD"))?;
            let target = if field.trim().eq_ignore_ascii_case("ignore") {
                None
            } else {
                Some(Field::from_name(field).ok_or_else(|| {
                    format!(
                        "--map {pair:?}: unknown field {field:?}; fields are: {}, or ignore",
                        CANONICAL_COLUMNS.join(", ")
                    )
                })?)
            };
            explicit.insert(col.trim().to_owned(), target);
        }
        Ok(Mapping { explicit })
    }

    /// Resolves a header: `Ok(Some(field))`, `Ok(None)` to ignore, `Err` for
    /// a column that is neither canonical nor mapped (silently dropping data
    /// would lose what the agency sent).
    pub fn resolve(&self, column: &str) -> Result<Option<Field>, String> {
        if let Some(target) = self.explicit.get(column.trim()) {
            return Ok(*target);
        }
        Field::from_name(column).map(Some).ok_or_else(|| {
            format!(
                "unknown column; map it with --map {}=FIELD (or =ignore). Fields: {}",
                column.trim(),
                CANONICAL_COLUMNS.join(", ")
            )
        })
    }
}

/// The values of one row, by field; empty strings count as absent.
#[derive(Debug, Clone, Default)]
pub struct RowValues<'a> {
    values: [Option<&'a str>; 20],
}

impl<'a> RowValues<'a> {
    /// Sets a field (a later column mapped to the same field wins only when
    /// the earlier one was empty).
    pub fn set(&mut self, field: Field, value: &'a str) {
        let v = value.trim();
        if !v.is_empty() && self.values[field as usize].is_none() {
            self.values[field as usize] = Some(v);
        }
    }

    /// A field's value, if present.
    pub fn get(&self, field: Field) -> Option<&'a str> {
        self.values[field as usize]
    }
}

/// Provenance and identity defaults for the rows of one file.
#[derive(Debug, Clone)]
pub struct RowContext<'a> {
    /// Agency for rows without a `source` value.
    pub agency: &'a str,
    /// File name without extension, for generated ids and source references.
    pub file_stem: &'a str,
    /// RFC 3339 time of the import.
    pub recorded_at: &'a str,
    /// Handling code set by the provider for the whole file.
    pub handling: veza_model::HandlingCode,
    /// Country of the agency, when known.
    pub country: Option<CountryCode>,
}

/// Builds a record from one row. On error returns the field and the reason.
pub fn build_record(
    values: &RowValues<'_>,
    line: u64,
    ctx: &RowContext<'_>,
) -> Result<PersonRecord, (Field, String)> {
    use Field as F;
    let parse_err = |f: Field| move |e: veza_model::Error| (f, e.to_string());
    let agency = values.get(F::Source).unwrap_or(ctx.agency);
    let id = match values.get(F::RecordId) {
        Some(id) => id.to_owned(),
        None => format!("{agency}:{}:{line}", ctx.file_stem),
    };
    let provenance = Provenance {
        agency: agency.to_owned(),
        country: ctx
            .country
            .or_else(|| agency.get(..2).and_then(|c| c.parse().ok())),
        recorded_at: ctx.recorded_at.to_owned(),
        source_ref: [ctx.file_stem, ":", &line.to_string()].concat(),
        handling: ctx.handling,
    };
    let mut r = PersonRecord::new(id, provenance);
    for (field, kind) in [
        (F::GivenName, NameKind::Given),
        (F::FamilyName, NameKind::Family),
        (F::FullName, NameKind::Full),
        (F::FatherName, NameKind::Father),
    ] {
        if let Some(v) = values.get(field) {
            r.names.push(NameValue::new(kind, v));
        }
    }
    if r.names.iter().all(|n| n.kind == NameKind::Father) {
        return Err((
            F::FullName,
            "a record needs given_name, family_name or full_name".into(),
        ));
    }
    r.date_of_birth = values
        .get(F::DateOfBirth)
        .map(str::parse::<PartialDate>)
        .transpose()
        .map_err(parse_err(F::DateOfBirth))?;
    r.sex = values
        .get(F::Sex)
        .map(str::parse)
        .transpose()
        .map_err(parse_err(F::Sex))?;
    if let Some(v) = values.get(F::Nationality) {
        for code in split_list(v) {
            r.nationalities
                .push(code.parse().map_err(parse_err(F::Nationality))?);
        }
    }
    r.place_of_birth = values.get(F::PlaceOfBirth).unwrap_or_default().to_owned();
    if let Some(number) = values.get(F::DocumentNumber) {
        let kind = values
            .get(F::DocumentType)
            .map(str::parse)
            .transpose()
            .map_err(parse_err(F::DocumentType))?;
        let country = values
            .get(F::DocumentCountry)
            .map(str::parse)
            .transpose()
            .map_err(parse_err(F::DocumentCountry))?;
        r.documents.push(IdentityDocument {
            kind: kind.unwrap_or(DocumentType::Other),
            number: number.to_owned(),
            country,
            expiry: None,
        });
    } else if values.get(F::DocumentType).is_some() || values.get(F::DocumentCountry).is_some() {
        return Err((
            F::DocumentNumber,
            "document_type or document_country given without document_number".into(),
        ));
    }
    if let Some(v) = values.get(F::Phone) {
        for p in split_list(v) {
            r.phones
                .push(normalize_phone(p).map_err(parse_err(F::Phone))?);
        }
    }
    let address = Address {
        street: values.get(F::Address).unwrap_or_default().to_owned(),
        city: values.get(F::City).unwrap_or_default().to_owned(),
        postcode: values.get(F::Postcode).unwrap_or_default().to_owned(),
        region: values.get(F::Region).unwrap_or_default().to_owned(),
        country: None,
    };
    if !address.is_empty() {
        r.addresses.push(address);
    }
    r.national_id = values.get(F::NationalId).unwrap_or_default().to_owned();
    r.category = values
        .get(F::Role)
        .map(str::parse)
        .transpose()
        .map_err(parse_err(F::Role))?;
    Ok(r)
}

/// Splits a multi-valued cell on `;` or `|`.
fn split_list(v: &str) -> impl Iterator<Item = &str> {
    v.split([';', '|']).map(str::trim).filter(|s| !s.is_empty())
}
