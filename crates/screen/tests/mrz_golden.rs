//! Golden machine-readable zones: the Doc 9303 specimens, each check digit
//! wrong in turn, truncated names, and garbage.

use veza_model::{PartialDate, Sex};
use veza_screen::mrz::{CheckField, MrzError, MrzFormat, parse_with_year};

const TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\
                   L898902C36UTO7408122F1204159ZE184226B<<<<<10";
const TD2: &str = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n\
                   D231458907UTO7408122F1204159<<<<<<<6";
const TD1: &str = "I<UTOD231458907<<<<<<<<<<<<<<<\n\
                   7408122F1204159UTO<<<<<<<<<<<6\n\
                   ERIKSSON<<ANNA<MARIA<<<<<<<<<<";

fn date(s: &str) -> Option<PartialDate> {
    Some(s.parse().unwrap())
}

#[test]
fn td3_specimen() {
    let m = parse_with_year(TD3, 2026).unwrap();
    assert_eq!(m.format, MrzFormat::Td3);
    assert_eq!(m.document_type, "P");
    assert_eq!(m.issuing_state, "UTO");
    assert_eq!(m.surname, "ERIKSSON");
    assert_eq!(m.given_names, "ANNA MARIA");
    assert!(!m.names_truncated);
    assert_eq!(m.document_number, "L898902C3");
    assert_eq!(m.nationality, "UTO");
    assert_eq!(m.birth_date, date("1974-08-12"));
    assert_eq!(m.sex, Some(Sex::Female));
    assert_eq!(m.expiry_date, date("2012-04-15"));
    assert_eq!(m.optional_data, vec!["ZE184226B".to_owned()]);
    assert_eq!(m.checks.len(), 5);
    assert!(m.all_checks_valid(), "{:?}", m.checks);
}

#[test]
fn td2_specimen() {
    let m = parse_with_year(TD2, 2026).unwrap();
    assert_eq!(m.format, MrzFormat::Td2);
    assert_eq!(m.document_number, "D23145890");
    assert_eq!(m.given_names, "ANNA MARIA");
    assert_eq!(m.birth_date, date("1974-08-12"));
    assert!(m.all_checks_valid(), "{:?}", m.checks);
}

#[test]
fn td1_specimen() {
    let m = parse_with_year(TD1, 2026).unwrap();
    assert_eq!(m.format, MrzFormat::Td1);
    assert_eq!(m.document_type, "I");
    assert_eq!(m.document_number, "D23145890");
    assert_eq!(m.surname, "ERIKSSON");
    assert_eq!(m.given_names, "ANNA MARIA");
    assert_eq!(m.nationality, "UTO");
    assert_eq!(m.birth_date, date("1974-08-12"));
    assert_eq!(m.expiry_date, date("2012-04-15"));
    assert!(m.all_checks_valid(), "{:?}", m.checks);
}

#[test]
fn pasted_loosely_still_parses() {
    let messy = format!(
        "  \r\n{}\r\n\r\n",
        TD3.to_lowercase().replace('\n', "\r\n   ")
    );
    let m = parse_with_year(&messy, 2026).unwrap();
    assert!(m.all_checks_valid());
    let one_line = TD3.replace('\n', "");
    assert_eq!(
        parse_with_year(&one_line, 2026).unwrap(),
        parse_with_year(TD3, 2026).unwrap()
    );
}

/// Replaces the character at (line, column) and returns the zone.
fn with_char(zone: &str, line: usize, col: usize, c: char) -> String {
    zone.lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line {
                l.chars()
                    .enumerate()
                    .map(|(j, x)| if j == col { c } else { x })
                    .collect()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<String>>()
        .join("\n")
}

fn wrong_digit(zone: &str, line: usize, col: usize) -> String {
    let current = zone.lines().nth(line).unwrap().as_bytes()[col];
    let other = if current == b'1' { '2' } else { '1' };
    with_char(zone, line, col, other)
}

#[test]
fn each_wrong_check_digit_is_reported_not_an_error() {
    use CheckField::*;
    // (zone, line, column of the check digit, field)
    let cases = [
        (TD3, 1, 9, DocumentNumber),
        (TD3, 1, 19, BirthDate),
        (TD3, 1, 27, ExpiryDate),
        (TD3, 1, 42, OptionalData),
        (TD3, 1, 43, Composite),
        (TD2, 1, 9, DocumentNumber),
        (TD2, 1, 19, BirthDate),
        (TD2, 1, 27, ExpiryDate),
        (TD2, 1, 35, Composite),
        (TD1, 0, 14, DocumentNumber),
        (TD1, 1, 6, BirthDate),
        (TD1, 1, 14, ExpiryDate),
        (TD1, 1, 29, Composite),
    ];
    for (zone, line, col, field) in cases {
        let bad = wrong_digit(zone, line, col);
        let m = parse_with_year(&bad, 2026).unwrap();
        let failed: Vec<CheckField> = m.failed_checks().map(|c| c.field).collect();
        assert!(
            failed.contains(&field),
            "{field:?} not reported for\n{bad}: {failed:?}"
        );
        // A check digit is itself inside the composite, so the composite
        // fails with it; nothing else may.
        assert!(
            failed.iter().all(|f| *f == field || *f == Composite),
            "{field:?}: {failed:?}"
        );
    }
}

#[test]
fn altered_data_fails_its_digit() {
    // A forged birth date (1974 → 1984) without recomputing the digits.
    let forged = with_char(TD3, 1, 13, '8');
    let m = parse_with_year(&forged, 2026).unwrap();
    assert_eq!(m.birth_date, date("1984-08-12"));
    let failed: Vec<CheckField> = m.failed_checks().map(|c| c.field).collect();
    assert_eq!(failed, vec![CheckField::BirthDate, CheckField::Composite]);
}

#[test]
fn truncated_names_are_flagged() {
    let zone = "P<AFGABDULRAHMANZAI<<MOHAMMAD<AZIZULLAHKHANS\n\
                P1234567<0AFG9001017M3001012<<<<<<<<<<<<<<04";
    let m = parse_with_year(zone, 2026).unwrap();
    assert!(m.names_truncated);
    assert_eq!(m.surname, "ABDULRAHMANZAI");
    assert_eq!(m.given_names, "MOHAMMAD AZIZULLAHKHANS");
    assert_eq!(m.document_number, "P1234567");
}

#[test]
fn century_rule_and_unknown_day() {
    let zone = "P<SYRALI<<AHMAD<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n\
                N0000000<0SYR15<<<<0M3001012<<<<<<<<<<<<<<02";
    let m = parse_with_year(zone, 2026).unwrap();
    assert_eq!(
        m.birth_date,
        Some(PartialDate {
            year: 2015,
            month: None,
            day: None
        })
    );
    let m = parse_with_year(zone, 2012).unwrap();
    assert_eq!(m.birth_date.map(|d| d.year), Some(1915));
}

#[test]
fn garbage_is_an_error() {
    assert_eq!(parse_with_year("", 2026), Err(MrzError::Empty));
    assert_eq!(parse_with_year(" \n\r\n ", 2026), Err(MrzError::Empty));
    assert!(matches!(
        parse_with_year("hello", 2026),
        Err(MrzError::Shape { .. })
    ));
    assert!(matches!(
        parse_with_year("P<UTO€RIKSSON", 2026),
        Err(MrzError::Character {
            line: 1,
            column: 6,
            found: '€'
        })
    ));
    let short = TD3.lines().next().unwrap();
    assert!(matches!(
        parse_with_year(short, 2026),
        Err(MrzError::Shape { lines: 1, .. })
    ));
    let huge = "<".repeat(100_000);
    assert!(parse_with_year(&huge, 2026).is_err());
    // Right shape, nonsense content: parsed, every date unreadable, digits failed.
    let nonsense = format!("{}\n{}", "Z".repeat(44), "Z".repeat(44));
    let m = parse_with_year(&nonsense, 2026).unwrap();
    assert_eq!(m.birth_date, None);
    assert!(!m.all_checks_valid());
}
