//! Any bytes into the name analyser: no panic, and the invariants hold.
//! The input is split at the first NUL into two names to compare.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\0').unwrap_or((&text, ""));
    let x = veza_names::analyse(a);
    let y = veza_names::analyse(b);
    let s = veza_names::score(&x, &y);
    assert!((0.0..=1.0).contains(&s));
    assert_eq!(s, veza_names::score(&y, &x));
    assert_eq!(veza_names::score(&x, &x.clone()), 1.0);
    let _ = veza_names::explain(&x, &y).to_string();
    let _ = veza_names::blocking_keys(&x);
    let _ = veza_names::search_folded(a);
    let _ = veza_names::normalize_report(a).to_string();
    let cleaned = veza_names::clean(a);
    assert_eq!(veza_names::clean(&cleaned), cleaned);
});
