//! Any string as a date of birth: parsed or refused, never a panic, and a
//! parsed date prints back to a form that parses to the same date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use veza_model::PartialDate;

fuzz_target!(|s: &str| {
    if let Ok(d) = s.parse::<PartialDate>() {
        assert_eq!(d.to_string().parse::<PartialDate>().unwrap(), d);
    }
});
