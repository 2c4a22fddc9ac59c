//! Any bytes into the MRZ parser: no panic; a parsed zone has the shape of
//! its format, one result per check digit, and recomputing a digit that
//! passed gives the digit found.
#![no_main]

use libfuzzer_sys::fuzz_target;
use veza_screen::mrz::{MrzFormat, parse_with_year};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(m) = parse_with_year(&text, 2026) {
        let expected_checks = match m.format {
            MrzFormat::Td3 => 5,
            MrzFormat::Td1 | MrzFormat::Td2 => 4,
        };
        assert_eq!(m.checks.len(), expected_checks);
        for c in &m.checks {
            assert!(c.expected.is_ascii_digit());
            if c.valid && c.found != '<' {
                assert_eq!(c.found, c.expected);
            }
        }
        let _ = m.display_name();
        let _ = m.nationality_code();
        let _ = veza_screen::Query::from_mrz(&m);
    }
    let _ = veza_screen::normalize_document_number(&text);
});
