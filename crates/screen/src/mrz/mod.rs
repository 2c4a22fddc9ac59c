//! ICAO Doc 9303 machine-readable zones: TD1 (3 × 30), TD2 (2 × 36) and
//! TD3 (2 × 44).
//!
//! [`parse`] reads a pasted zone, splits it into fields and recomputes
//! every check digit. A wrong check digit is not an error: it is reported
//! in [`Mrz::checks`] so that the officer sees a possible forgery (or a
//! misread) next to the hits, instead of losing the check. Only text that
//! cannot be a machine-readable zone at all is an [`MrzError`]. No input
//! makes the parser panic (see the fuzz target `fuzz/fuzz_targets/mrz_parse.rs`).

mod check;
mod country;
mod fields;

pub use check::check_digit;
pub use country::alpha3_to_alpha2;

use serde::Serialize;
use veza_model::{CountryCode, PartialDate, Sex};

/// The three machine-readable zone layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MrzFormat {
    /// Identity cards: three lines of 30 characters (Doc 9303 Part 5).
    Td1,
    /// Older official travel documents: two lines of 36 (Part 6).
    Td2,
    /// Passports: two lines of 44 (Part 4).
    Td3,
}

impl MrzFormat {
    /// Number of lines and characters per line.
    pub fn shape(self) -> (usize, usize) {
        match self {
            MrzFormat::Td1 => (3, 30),
            MrzFormat::Td2 => (2, 36),
            MrzFormat::Td3 => (2, 44),
        }
    }
}

/// The field a check digit protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckField {
    /// Document number.
    DocumentNumber,
    /// Date of birth.
    BirthDate,
    /// Date of expiry.
    ExpiryDate,
    /// Personal number / optional data (TD3 only).
    OptionalData,
    /// The composite digit over the whole data line(s).
    Composite,
}

impl std::fmt::Display for CheckField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CheckField::DocumentNumber => "document number",
            CheckField::BirthDate => "date of birth",
            CheckField::ExpiryDate => "date of expiry",
            CheckField::OptionalData => "optional data",
            CheckField::Composite => "composite",
        })
    }
}

/// One recomputed check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    /// The protected field.
    pub field: CheckField,
    /// The digit printed in the zone (may be any character on a bad read).
    pub found: char,
    /// The digit computed from the field.
    pub expected: char,
    /// Whether they agree.
    pub valid: bool,
}

/// A parsed machine-readable zone. Text fields keep the MRZ form with `<`
/// fillers removed; names have `<` read as spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mrz {
    /// Layout.
    pub format: MrzFormat,
    /// Document code, e.g. `P`, `I`, `ID`, `AC` (fillers removed).
    pub document_type: String,
    /// Issuing state or organisation, ICAO three-letter code (`D` for Germany).
    pub issuing_state: String,
    /// Primary identifier (surnames), words separated by single spaces.
    pub surname: String,
    /// Secondary identifier (given names), words separated by single spaces.
    pub given_names: String,
    /// True when the name field is full to the last character: the names
    /// were probably truncated to fit and should match by prefix.
    pub names_truncated: bool,
    /// Document number, including an extended number continued in the
    /// optional data (TD1, TD2).
    pub document_number: String,
    /// Nationality, ICAO three-letter code.
    pub nationality: String,
    /// Date of birth with the ICAO century rule (never in the future), or
    /// `None` when unreadable; unknown day or month (`<<`) give a partial date.
    pub birth_date: Option<PartialDate>,
    /// Sex as printed: `M`, `F`, or unknown for `X` and `<`.
    pub sex: Option<Sex>,
    /// Date of expiry, or `None` when unreadable.
    pub expiry_date: Option<PartialDate>,
    /// Optional data fields (personal number etc.), fillers removed.
    pub optional_data: Vec<String>,
    /// Every check digit, in the order they appear in the zone.
    pub checks: Vec<CheckResult>,
}

impl Mrz {
    /// Whether every check digit agrees.
    pub fn all_checks_valid(&self) -> bool {
        self.checks.iter().all(|c| c.valid)
    }

    /// Check digits that disagree: each is a possible forgery or misread.
    pub fn failed_checks(&self) -> impl Iterator<Item = &CheckResult> {
        self.checks.iter().filter(|c| !c.valid)
    }

    /// Nationality as an ISO 3166-1 alpha-2 code, when known.
    pub fn nationality_code(&self) -> Option<CountryCode> {
        alpha3_to_alpha2(&self.nationality)
    }

    /// The names as `SURNAME, GIVEN NAMES` for display.
    pub fn display_name(&self) -> String {
        if self.given_names.is_empty() {
            self.surname.clone()
        } else {
            format!("{}, {}", self.surname, self.given_names)
        }
    }
}

/// Why a text is not a machine-readable zone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MrzError {
    /// Nothing but whitespace.
    #[error("the machine-readable zone is empty")]
    Empty,
    /// The lines do not have a TD1, TD2 or TD3 shape.
    #[error(
        "not a machine-readable zone: {lines} line(s) of lengths {lengths:?}; \
         expected 3 × 30 (TD1), 2 × 36 (TD2) or 2 × 44 (TD3)"
    )]
    Shape {
        /// Number of non-empty lines.
        lines: usize,
        /// Their lengths in characters.
        lengths: Vec<usize>,
    },
    /// A character outside A–Z, 0–9 and `<`.
    #[error("character {found:?} at line {line}, column {column} is not A–Z, 0–9 or '<'")]
    Character {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The character found.
        found: char,
    },
}

/// Parses a pasted zone with the current year as reference for the century
/// of two-digit years.
pub fn parse(text: &str) -> Result<Mrz, MrzError> {
    parse_with_year(text, current_year())
}

/// Parses a zone, taking `reference_year` as "now": a birth year later than
/// it belongs to the previous century (Doc 9303 leaves the century to the
/// reader; a birth date cannot lie in the future).
pub fn parse_with_year(text: &str, reference_year: u16) -> Result<Mrz, MrzError> {
    let lines = fields::split_lines(text)?;
    fields::parse_lines(&lines, reference_year)
}

fn current_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Good to a day, which is all the century rule needs.
    let year = 1970 + secs / 31_556_952;
    u16::try_from(year).unwrap_or(2100)
}
