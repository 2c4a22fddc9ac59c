//! Property tests: the MRZ parser never panics, and zones built from random
//! fields with computed check digits parse back with every digit valid.

use proptest::prelude::*;
use veza_screen::mrz::{check_digit, parse_with_year};

fn field(len: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[A-Z0-9<]{{{len}}}")).unwrap()
}

fn with_digit(s: &str) -> String {
    format!("{s}{}", check_digit(s.as_bytes()))
}

proptest! {
    #[test]
    fn never_panics_on_any_text(s in ".{0,200}") {
        let _ = parse_with_year(&s, 2026);
    }

    #[test]
    fn never_panics_on_mrz_alphabet(lines in proptest::collection::vec("[A-Z0-9<]{28,46}", 1..4)) {
        let _ = parse_with_year(&lines.join("\n"), 2026);
    }

    #[test]
    fn computed_digits_verify(
        names in "[A-Z]{1,15}<<[A-Z]{1,15}",
        number in field(9),
        birth in (0u8..100, 1u8..13, 1u8..29),
        expiry in (0u8..100, 1u8..13, 1u8..29),
        personal in field(14),
    ) {
        let yymmdd = |(y, m, d): (u8, u8, u8)| format!("{y:02}{m:02}{d:02}");
        let l1 = format!("P<UTO{names:<<39}").replace(' ', "<");
        let l1: String = l1.chars().take(44).collect();
        let body = format!(
            "{}UTO{}M{}{}",
            with_digit(&number),
            with_digit(&yymmdd(birth)),
            with_digit(&yymmdd(expiry)),
            with_digit(&personal)
        );
        let composite: String = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
        let l2 = format!("{body}{}", check_digit(composite.as_bytes()));
        let m = parse_with_year(&format!("{l1}\n{l2}"), 2026).unwrap();
        prop_assert!(m.all_checks_valid(), "{:?}", m.checks);
        prop_assert_eq!(m.birth_date.map(|d| (d.month, d.day)), Some((Some(birth.1), Some(birth.2))));
        prop_assert_eq!(m.document_number, number.trim_matches('<').to_owned());
    }
}
