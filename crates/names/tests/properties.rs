//! Invariants over arbitrary input: scores are symmetric, within [0, 1],
//! 1 for identical names; cleaning is idempotent; nothing panics.

use proptest::prelude::*;

/// Names drawn from the scripts and habits the matcher meets, plus noise.
fn name() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        "[A-Za-z]{1,10}",
        "[a-zđšžčćë]{1,10}",
        "[абвгдђежзијклљмнњопрстћуфхцчџш]{1,10}",
        "[αβγδεζηθικλμνξοπρστυφχψω]{1,10}",
        "[ابتثجحخدذرزسشصضطظعغفقكلمنهوي]{1,8}",
        Just("al-".to_string()),
        Just("bin".to_string()),
        Just("M.".to_string()),
        "\\PC{1,6}",
    ];
    proptest::collection::vec(part, 1..5).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn score_is_symmetric_and_bounded(a in name(), b in name()) {
        let (x, y) = (veza_names::analyse(&a), veza_names::analyse(&b));
        let s1 = veza_names::score(&x, &y);
        let s2 = veza_names::score(&y, &x);
        prop_assert_eq!(s1, s2);
        prop_assert!((0.0..=1.0).contains(&s1));
        prop_assert_eq!(veza_names::explain(&x, &y).score, s1);
    }

    /// Keys hash their prefix and text in parts; stored keys stay those of
    /// the joined string.
    #[test]
    fn hashing_in_parts_equals_hashing_the_joined_string(a in name(), b in name(), c in name()) {
        use veza_names::tables::{hash_parts, hash_str};
        prop_assert_eq!(hash_parts(&[&a, &b, &c]), hash_str(&[a.as_str(), &b, &c].concat()));
        prop_assert_eq!(hash_parts(&[]), hash_str(""));
    }

    #[test]
    fn identical_names_score_one(a in name()) {
        let x = veza_names::analyse(&a);
        let y = veza_names::analyse(&a);
        prop_assert_eq!(veza_names::score(&x, &y), 1.0);
    }

    #[test]
    fn cleaning_is_idempotent(a in "\\PC{0,40}") {
        let once = veza_names::clean(&a);
        prop_assert_eq!(veza_names::clean(&once), once);
    }

    #[test]
    fn any_bytes_compare_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        // The body of the fuzz target (fuzz/fuzz_targets/names_analyse.rs).
        let text = String::from_utf8_lossy(&bytes);
        let (a, b) = text.split_once('\0').unwrap_or((&text, ""));
        let (x, y) = (veza_names::analyse(a), veza_names::analyse(b));
        let s = veza_names::score(&x, &y);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert_eq!(s, veza_names::score(&y, &x));
        prop_assert_eq!(veza_names::score(&x, &x.clone()), 1.0);
    }

    #[test]
    fn any_text_analyses_without_panic(a in "\\PC{0,80}") {
        let x = veza_names::analyse(&a);
        let _ = veza_names::blocking_keys(&x);
        let _ = veza_names::search_folded(&a);
        let _ = veza_names::normalize_report(&a).to_string();
    }

    /// The per-token keys that screening and resolution combine are the
    /// whole name's blocking keys, token by token, without repeats.
    #[test]
    fn token_keys_are_the_blocking_keys(a in "\\PC{0,60}") {
        let x = veza_names::analyse(&a);
        let per_token = veza_names::token_blocking_keys(&x);
        let mut flat: Vec<u64> = per_token.iter().flat_map(|t| t.keys.iter().copied()).collect();
        for t in &per_token {
            let mut k = t.keys.clone();
            k.sort_unstable();
            k.dedup();
            prop_assert_eq!(k.len(), t.keys.len());
            prop_assert!(!t.keys.is_empty());
        }
        flat.sort_unstable();
        flat.dedup();
        prop_assert_eq!(flat, veza_names::blocking_keys(&x));
    }
}

/// Found by the proptest above: two tokens reading the same (ي and the
/// mathematical-alphabet 𞹉, which NFKC maps to it) once aligned as a merge.
#[test]
fn repeated_identical_tokens_score_one() {
    let x = veza_names::analyse("ي 𞹉 ");
    assert_eq!(veza_names::score(&x, &x.clone()), 1.0);
    let y = veza_names::analyse("Ali Ali");
    assert_eq!(veza_names::score(&y, &veza_names::analyse("Ali Ali")), 1.0);
}
