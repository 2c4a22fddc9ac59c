//! Property tests: every generated MRZ check digit validates, and the
//! check-digit function matches the ICAO definition.

use proptest::prelude::*;
use veza_synth::{mrz_check_digit, verify_td3};

proptest! {
    #[test]
    fn check_digit_is_weighted_sum(s in "[A-Z0-9<]{1,20}") {
        let w = [7u32, 3, 1];
        let sum: u32 = s.bytes().enumerate().map(|(i, c)| {
            let v = match c { b'0'..=b'9' => u32::from(c - b'0'), b'A'..=b'Z' => u32::from(c - b'A') + 10, _ => 0 };
            v * w[i % 3]
        }).sum();
        prop_assert_eq!(mrz_check_digit(s.as_bytes()), b'0' + (sum % 10) as u8);
    }

    #[test]
    fn corrupted_mrz_fails(pos in 0usize..44, seed in 0u64..50) {
        let dir = std::env::temp_dir().join(format!("veza-synth-prop-{}-{seed}", std::process::id()));
        veza_synth::generate_to_dir(&veza_synth::Config { seed, persons: 300 }, &dir).unwrap();
        let mut r = csv::Reader::from_path(dir.join("queries.csv")).unwrap();
        for row in r.records() {
            let row = row.unwrap();
            let m = &row[8];
            if m.is_empty() { continue; }
            prop_assert!(verify_td3(m));
            let line2 = m.split('\n').nth(1).unwrap();
            let c = line2.as_bytes()[pos];
            if c.is_ascii_digit() && matches!(pos, 0..=9 | 13..=19 | 21..=27) {
                let mut b = line2.as_bytes().to_vec();
                b[pos] = if c == b'9' { b'0' } else { c + 1 };
                let bad = format!("{}\n{}", m.split('\n').next().unwrap(), String::from_utf8(b).unwrap());
                prop_assert!(!verify_td3(&bad));
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
