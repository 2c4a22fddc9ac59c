/*!
Cross-script person-name matching for veza.

Decides how likely two name strings denote the same person, across Latin,
Cyrillic, Greek and Arabic scripts and the romanisation habits of the
Western Balkan route. Pure code: no IO, no global state beyond embedded
tables parsed on first use.

# Brief overview

1. **Hygiene** ([`clean`]): NFKC, invisible and bidi marks, tatweel, Arabic
   vowel signs, Turkish İ/ı, apostrophes, mixed-script confusables.
2. **Tokens and roles**: free text, MRZ (`SURNAME<<GIVEN`), comma form, or
   role-tagged parts ([`analyse_parts`]). Particles and titles (al, bin,
   abu, haji, seyed) are kept with low weights; `Md.` reads as Muhammad.
3. **Phonetic units**: each token is read, per script, into sound-class
   units (`đ`, `dj`, `gj`, `ђ`, `ѓ` are all one unit), with alternative
   readings where a spelling is ambiguous. Arabic script gives a consonant
   skeleton with its long-vowel letters.
4. **Variant tables** (`data/variants.csv`): attested spellings keyed by
   any script, regional forms, hypocoristics and cognates, each tier with
   its own similarity, and name-frequency classes for weights.
5. **Token comparison**: identical → same units → variant tier → weighted
   edit distance over units with transliteration equivalence classes;
   different endings (Jovan/Jovana) and known distinct names
   (Hassan/Hussein) stay different; initials and MRZ truncation.
6. **Alignment**: order-free greedy assignment, merged adjacent tokens
   (Abdul Rahman / Abdulrahman), weighted mean with reduced weight for
   extra tokens (patronymic chains).

Every score can be explained ([`explain`]); every analysis yields blocking
keys ([`blocking_keys`]) for candidate generation.

# Example

```
let a = veza_names::analyse("Ђорђе Петровић");
let b = veza_names::analyse("DJORDJE PETROVIC");
let c = veza_names::analyse("Đorđe Petković");
assert!(veza_names::score(&a, &b) > 0.95);
assert!(veza_names::score(&a, &c) < 0.8);
println!("{}", veza_names::explain(&a, &c));
```

# Command-line contract

The `veza` binary calls [`normalize_report`] for `veza names normalize
NAME`, [`explain`] for `veza names score A B`, and
[`batch::score_pairs`] for `veza names score --pairs FILE.csv`, which reads
a CSV with header `a,b` and prints `a,b,score`, one row per input row, in
input order, six decimals.

# Versions

[`MATCHER_VERSION`] names the algorithm behind [`score`]. Algorithms live
in versioned modules ([`v1`], [`v2`], [`v3`], [`v4`]); a new version is
added beside the old ones, never changed silently. The default is v4.
*/
#![deny(missing_docs)]

/// The public face of a matcher version after v1: its version string,
/// decision threshold, `analyse`, `analyse_parts`, `score` and the
/// [`NameMatcher`] type. Every version runs the one pipeline of [`v1`] with
/// its extensions switched on by the [`Level`] its analyses carry, so the
/// modules differ only in these names and in their documentation.
macro_rules! matcher_version {
    ($level:ident, $matcher:ident, $version:literal) => {
        use crate::v1::analysis::{self, AnalysedName, Level};
        use crate::v1::explain::{self, Explanation};

        /// Version string of this matcher, recorded in explanations.
        pub const VERSION: &str = $version;

        /// Suggested decision threshold, as in v1 (docs/names.md).
        pub const DECISION_THRESHOLD: f64 = 0.55;

        #[doc = concat!("Analyses a free-text name for matcher `", $version, "`.")]
        pub fn analyse(name: &str) -> AnalysedName {
            analysis::analyse_with(name, Level::$level)
        }

        #[doc = concat!("Analyses a name given as role-tagged parts, for matcher `", $version, "`.")]
        pub fn analyse_parts(given: &str, family: &str) -> AnalysedName {
            analysis::analyse_parts_with(given, family, Level::$level)
        }

        #[doc = concat!("Score in [0, 1] of two names analysed for `", $version, "`.")]
        pub fn score(a: &AnalysedName, b: &AnalysedName) -> f64 {
            crate::v1::score(a, b)
        }

        #[doc = concat!("Matcher `", $version, "` behind the [`crate::NameMatcher`] trait.")]
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $matcher;

        impl crate::NameMatcher for $matcher {
            fn version(&self) -> &'static str {
                VERSION
            }
            fn analyse(&self, name: &str) -> AnalysedName {
                analyse(name)
            }
            fn score(&self, a: &AnalysedName, b: &AnalysedName) -> f64 {
                score(a, b)
            }
            fn explain(&self, a: &AnalysedName, b: &AnalysedName) -> Explanation {
                explain::explain(a, b)
            }
        }
    };
}

pub mod batch;
mod error;
pub mod hygiene;
pub mod parse;
pub mod report;
pub mod romanise;
pub mod tables;
pub mod units;
pub mod v1;
pub mod v2;
pub mod v3;
pub mod v4;
pub mod v5;

pub use error::{Error, Result};
pub use hygiene::{Script, clean};
pub use report::{NormalizeReport, normalize_report};
pub use v1::analysis::{AnalysedName, Level, Role, Token, TokenKind};
pub use v1::compare::Rule;
pub use v1::explain::{AlignedPair, Explanation, Unmatched};
pub use v1::keys::TokenBlockingKeys;
pub use v5::{analyse, analyse_parts};

/// The version of the default matcher: [`analyse`], [`analyse_parts`],
/// [`score`], [`explain`] and [`blocking_keys`] implement it. Versions 1
/// to 4 stay callable through [`v1`] (`v1::analysis::analyse`,
/// `v1::score`, [`v1::MatcherV1`]), [`v2`] (`v2::analyse`, `v2::score`,
/// [`v2::MatcherV2`]), [`v3`] (`v3::analyse`, `v3::score`,
/// [`v3::MatcherV3`]) and [`v4`] (`v4::analyse`, `v4::score`,
/// [`v4::MatcherV4`]).
pub const MATCHER_VERSION: &str = v5::VERSION;

/// Units kept per token reading.
pub const MAX_UNITS: usize = 24;
/// Readings kept per token.
pub const MAX_SEQS: usize = 4;
/// Tokens kept per name.
pub const MAX_TOKENS: usize = 10;

/// A versioned name-matching algorithm.
pub trait NameMatcher: Send + Sync {
    /// Version string, recorded with stored scores.
    fn version(&self) -> &'static str;
    /// Analyses a name once, for many comparisons.
    fn analyse(&self, name: &str) -> AnalysedName;
    /// Score in [0, 1].
    fn score(&self, a: &AnalysedName, b: &AnalysedName) -> f64;
    /// Score with its alignment and rules.
    fn explain(&self, a: &AnalysedName, b: &AnalysedName) -> Explanation;
}

/// Score in [0, 1] that two analysed names denote the same person, with
/// the matcher that analysed them (the current one for names from
/// [`analyse`]). Symmetric; 1 for identical names.
pub fn score(a: &AnalysedName, b: &AnalysedName) -> f64 {
    v5::score(a, b)
}

/// The alignment, per-pair rules and weights behind [`score`].
pub fn explain(a: &AnalysedName, b: &AnalysedName) -> Explanation {
    v1::explain::explain(a, b)
}

/// Hashed keys for candidate generation: two names likely to match share
/// at least one. Sorted and deduplicated. The keys follow the version that
/// analysed the name (v4's for names from [`analyse`]).
pub fn blocking_keys(name: &AnalysedName) -> Vec<u64> {
    v1::keys::blocking_keys(name)
}

/// [`blocking_keys`] token by token (and merge by merge), most telling key
/// first, for indexes that combine the keys of different tokens.
pub fn token_blocking_keys(name: &AnalysedName) -> Vec<TokenBlockingKeys> {
    v1::keys::token_blocking_keys(name)
}

/// Lower-case ASCII folding of a name for display, sorting and plain-text
/// search: Latin diacritics stripped (đ → dj), other scripts romanised
/// (Serbian Cyrillic as Gaj Latin folded the same way, so Ђорђе and Đorđe
/// both give djordje; Greek by ELOT 743; Arabic script by its first
/// attested spelling or its skeleton).
pub fn search_folded(name: &str) -> String {
    // Folding is display and plain-text search, not matching: it stays on
    // the v1 analysis so that stored folded forms do not change.
    let analysed = v1::analysis::analyse(name);
    let t = tables::tables();
    let mut words: Vec<String> = Vec::new();
    for tok in analysed.tokens() {
        let w = match tok.script {
            Script::Latin => romanise::serbian_digraph_d(&tok.text),
            Script::Cyrillic | Script::Greek => {
                // Prefer the `dj` form, so that Ђорђе folds like Đorđe.
                let forms = romanise::romanisations(&tok.text, tok.script);
                forms
                    .iter()
                    .find(|r| r.system == "sr-dj")
                    .or_else(|| forms.iter().find(|r| r.form.is_ascii()))
                    .map(|r| r.form.clone())
                    .unwrap_or_default()
            }
            Script::Arabic => tok
                .groups
                .iter()
                .filter(|&&g| t.groups[g as usize].tier == tables::Tier::Spelling)
                .flat_map(|&g| t.groups[g as usize].members.iter())
                .find(|m| m.is_ascii())
                .map(|m| m.to_ascii_lowercase())
                .unwrap_or_else(|| tok.seqs()[0].units().iter().map(|u| u.simple()).collect()),
            Script::Other => tok.text.clone(),
        };
        if !w.is_empty() {
            words.push(w);
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn analysed_names_are_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<crate::AnalysedName>();
        let a = crate::analyse("Marko Petrović");
        let b = a.clone();
        assert!(std::sync::Arc::ptr_eq(&a.0, &b.0));
    }
}
