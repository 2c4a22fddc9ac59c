//! Field positions of the three layouts, and the reading of each field.

use veza_model::{PartialDate, Sex};

use super::check::check_digit;
use super::{CheckField, CheckResult, Mrz, MrzError, MrzFormat};

/// Longest input looked at; a zone is at most 90 characters plus line
/// breaks, so anything longer is garbage and is not worth scanning.
const MAX_INPUT: usize = 4096;

/// Normalises a pasted zone into its lines: surrounding whitespace, CR,
/// spaces inside lines (OCR and hand typing insert them) and lower case are
/// forgiven; a zone pasted as one line is split when its length fits.
pub(super) fn split_lines(text: &str) -> Result<Vec<Vec<u8>>, MrzError> {
    if text.len() > MAX_INPUT {
        return Err(MrzError::Shape {
            lines: text.lines().count(),
            lengths: Vec::new(),
        });
    }
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for (line_no, line) in text.lines().enumerate() {
        let mut out = Vec::with_capacity(44);
        for (col, ch) in line.chars().enumerate() {
            if ch.is_whitespace() {
                continue;
            }
            let up = ch.to_ascii_uppercase();
            if up.is_ascii_uppercase() || up.is_ascii_digit() || up == '<' {
                out.push(up as u8);
            } else {
                return Err(MrzError::Character {
                    line: line_no + 1,
                    column: col + 1,
                    found: ch,
                });
            }
        }
        if !out.is_empty() {
            lines.push(out);
        }
    }
    if lines.is_empty() {
        return Err(MrzError::Empty);
    }
    if lines.len() == 1 {
        let one = &lines[0];
        let per_line = match one.len() {
            90 => Some(30),
            72 => Some(36),
            88 => Some(44),
            _ => None,
        };
        if let Some(n) = per_line {
            lines = one.chunks(n).map(<[u8]>::to_vec).collect();
        }
    }
    Ok(lines)
}

/// Picks the layout from the shape and reads it.
pub(super) fn parse_lines(lines: &[Vec<u8>], reference_year: u16) -> Result<Mrz, MrzError> {
    let lengths: Vec<usize> = lines.iter().map(Vec::len).collect();
    match lengths.as_slice() {
        [30, 30, 30] => Ok(td1(&lines[0], &lines[1], &lines[2], reference_year)),
        [36, 36] => Ok(td2(&lines[0], &lines[1], reference_year)),
        [44, 44] => Ok(td3(&lines[0], &lines[1], reference_year)),
        _ => Err(MrzError::Shape {
            lines: lines.len(),
            lengths,
        }),
    }
}

/// A field with its `<` fillers removed at both ends.
fn text(field: &[u8]) -> String {
    let s: String = field.iter().map(|&b| char::from(b)).collect();
    s.trim_matches('<').to_owned()
}

/// `SURNAME<<GIVEN<NAMES` into its two identifiers, `<` read as spaces.
fn names(field: &[u8]) -> (String, String, bool) {
    let raw: String = field.iter().map(|&b| char::from(b)).collect();
    let truncated = field.last().is_some_and(|&b| b != b'<');
    let (sur, given) = raw.split_once("<<").unwrap_or((raw.as_str(), ""));
    let words = |s: &str| {
        s.split('<')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    (words(sur), words(given), truncated)
}

fn check(field: CheckField, data: &[u8], found: u8) -> CheckResult {
    let expected = check_digit(data);
    // An all-filler optional field may carry '<' instead of '0'.
    let found_char = char::from(found);
    let valid = found_char == expected
        || (found == b'<' && expected == '0' && data.iter().all(|&b| b == b'<'));
    CheckResult {
        field,
        found: found_char,
        expected,
        valid,
    }
}

fn two_digits(b: &[u8]) -> Option<u8> {
    match b {
        [a @ b'0'..=b'9', c @ b'0'..=b'9'] => Some((a - b'0') * 10 + (c - b'0')),
        _ => None,
    }
}

/// YYMMDD with `<<` for an unknown month or day.
fn date(field: &[u8], century_of: impl Fn(u8) -> u16) -> Option<PartialDate> {
    let yy = two_digits(field.get(0..2)?)?;
    let year = century_of(yy);
    let month = field.get(2..4)?;
    let day = field.get(4..6)?;
    if month == b"<<" {
        return PartialDate::ymd(year, 1, 1).ok().map(|_| PartialDate {
            year,
            month: None,
            day: None,
        });
    }
    let m = two_digits(month)?;
    if day == b"<<" {
        return PartialDate::ymd(year, m, 1).ok().map(|_| PartialDate {
            year,
            month: Some(m),
            day: None,
        });
    }
    PartialDate::ymd(year, m, two_digits(day)?).ok()
}

fn birth(field: &[u8], reference_year: u16) -> Option<PartialDate> {
    let now = u16::from((reference_year % 100) as u8);
    let base = reference_year - now;
    date(field, |yy| {
        if u16::from(yy) > now {
            base - 100 + u16::from(yy)
        } else {
            base + u16::from(yy)
        }
    })
}

fn expiry(field: &[u8], reference_year: u16) -> Option<PartialDate> {
    let now = reference_year % 100;
    let base = reference_year - now;
    // Documents run at most a few decades ahead; anything further back in
    // the cycle is an expired document of the previous century.
    date(field, |yy| {
        let y = base + u16::from(yy);
        if y > reference_year + 50 { y - 100 } else { y }
    })
}

fn sex(b: u8) -> Option<Sex> {
    match b {
        b'M' => Some(Sex::Male),
        b'F' => Some(Sex::Female),
        b'X' | b'<' => Some(Sex::Unknown),
        _ => None,
    }
}

/// A document number of nine characters whose check digit position holds
/// `<` continues in the optional data; the last character before the
/// first filler there is its check digit (Doc 9303 Part 5 §4.2.4).
fn document_number(
    number: &[u8],
    check_pos: u8,
    optional: &[u8],
) -> (String, CheckResult, Vec<u8>) {
    if check_pos == b'<' {
        let ext_len = optional
            .iter()
            .position(|&b| b == b'<')
            .unwrap_or(optional.len());
        if ext_len >= 2 {
            let mut full = number.to_vec();
            full.extend_from_slice(&optional[..ext_len - 1]);
            let found = optional[ext_len - 1];
            let result = check(CheckField::DocumentNumber, &full, found);
            let rest = optional[ext_len..].to_vec();
            return (text(&full), result, rest);
        }
    }
    (
        text(number),
        check(CheckField::DocumentNumber, number, check_pos),
        optional.to_vec(),
    )
}

fn optional_list(fields: &[&[u8]]) -> Vec<String> {
    fields
        .iter()
        .map(|f| text(f))
        .filter(|s| !s.is_empty())
        .collect()
}

fn td3(l1: &[u8], l2: &[u8], year: u16) -> Mrz {
    let (surname, given_names, names_truncated) = names(&l1[5..44]);
    let mut composite = Vec::with_capacity(39);
    composite.extend_from_slice(&l2[0..10]);
    composite.extend_from_slice(&l2[13..20]);
    composite.extend_from_slice(&l2[21..43]);
    let checks = vec![
        check(CheckField::DocumentNumber, &l2[0..9], l2[9]),
        check(CheckField::BirthDate, &l2[13..19], l2[19]),
        check(CheckField::ExpiryDate, &l2[21..27], l2[27]),
        check(CheckField::OptionalData, &l2[28..42], l2[42]),
        check(CheckField::Composite, &composite, l2[43]),
    ];
    Mrz {
        format: MrzFormat::Td3,
        document_type: text(&l1[0..2]),
        issuing_state: text(&l1[2..5]),
        surname,
        given_names,
        names_truncated,
        document_number: text(&l2[0..9]),
        nationality: text(&l2[10..13]),
        birth_date: birth(&l2[13..19], year),
        sex: sex(l2[20]),
        expiry_date: expiry(&l2[21..27], year),
        optional_data: optional_list(&[&l2[28..42]]),
        checks,
    }
}

fn td2(l1: &[u8], l2: &[u8], year: u16) -> Mrz {
    let (surname, given_names, names_truncated) = names(&l1[5..36]);
    let (document_number, number_check, rest) = document_number(&l2[0..9], l2[9], &l2[28..35]);
    let mut composite = Vec::with_capacity(31);
    composite.extend_from_slice(&l2[0..10]);
    composite.extend_from_slice(&l2[13..20]);
    composite.extend_from_slice(&l2[21..35]);
    let checks = vec![
        number_check,
        check(CheckField::BirthDate, &l2[13..19], l2[19]),
        check(CheckField::ExpiryDate, &l2[21..27], l2[27]),
        check(CheckField::Composite, &composite, l2[35]),
    ];
    Mrz {
        format: MrzFormat::Td2,
        document_type: text(&l1[0..2]),
        issuing_state: text(&l1[2..5]),
        surname,
        given_names,
        names_truncated,
        document_number,
        nationality: text(&l2[10..13]),
        birth_date: birth(&l2[13..19], year),
        sex: sex(l2[20]),
        expiry_date: expiry(&l2[21..27], year),
        optional_data: optional_list(&[&rest]),
        checks,
    }
}

fn td1(l1: &[u8], l2: &[u8], l3: &[u8], year: u16) -> Mrz {
    let (surname, given_names, names_truncated) = names(&l3[0..30]);
    let (document_number, number_check, rest) = document_number(&l1[5..14], l1[14], &l1[15..30]);
    let mut composite = Vec::with_capacity(48);
    composite.extend_from_slice(&l1[5..30]);
    composite.extend_from_slice(&l2[0..7]);
    composite.extend_from_slice(&l2[8..15]);
    composite.extend_from_slice(&l2[18..29]);
    let checks = vec![
        number_check,
        check(CheckField::BirthDate, &l2[0..6], l2[6]),
        check(CheckField::ExpiryDate, &l2[8..14], l2[14]),
        check(CheckField::Composite, &composite, l2[29]),
    ];
    Mrz {
        format: MrzFormat::Td1,
        document_type: text(&l1[0..2]),
        issuing_state: text(&l1[2..5]),
        surname,
        given_names,
        names_truncated,
        document_number,
        nationality: text(&l2[15..18]),
        birth_date: birth(&l2[0..6], year),
        sex: sex(l2[7]),
        expiry_date: expiry(&l2[8..14], year),
        optional_data: optional_list(&[&rest, &l2[18..29]]),
        checks,
    }
}
