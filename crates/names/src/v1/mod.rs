//! Matcher version 1: phonetic-unit edit distance with transliteration
//! equivalence classes, variant tables and weighted order-free alignment.
//!
//! Frozen once released: changes in behaviour go into a new module (`v2`,
//! `v3`) beside this one, so that stored scores stay reproducible.
//! Versions 2 and 3 reuse this code with their extensions behind the
//! [`analysis::Level`] that an analysed name carries; names analysed here
//! are at level v1 and take exactly v1's paths (checked bit for bit on the
//! whole evaluation set with `examples/eval_dump.rs`).

pub mod align;
pub mod analysis;
pub mod compare;
pub mod explain;
pub mod keys;

/// Version string of this matcher, recorded in explanations.
pub const VERSION: &str = "veza-names/v1";

/// Suggested decision threshold: at or above it, two names are treated as
/// denoting the same person. Near the best-F1 threshold on the dev half of
/// the evaluation set (docs/names.md); screening that must not miss should
/// review lower scores too, de-duplication may demand higher.
pub const DECISION_THRESHOLD: f64 = 0.55;

use analysis::AnalysedName;

/// Score in [0, 1] of two analysed names. Names analysed by
/// [`analysis::analyse`] are scored by v1 exactly; a name analysed for
/// [`crate::v2`] or [`crate::v3`] brings that version's cost tables.
pub fn score(a: &AnalysedName, b: &AnalysedName) -> f64 {
    align::align(a, b, false).score
}

/// Matcher v1 behind the [`crate::NameMatcher`] trait.
#[derive(Clone, Copy, Debug, Default)]
pub struct MatcherV1;

impl crate::NameMatcher for MatcherV1 {
    fn version(&self) -> &'static str {
        VERSION
    }
    fn analyse(&self, name: &str) -> AnalysedName {
        analysis::analyse(name)
    }
    fn score(&self, a: &AnalysedName, b: &AnalysedName) -> f64 {
        score(a, b)
    }
    fn explain(&self, a: &AnalysedName, b: &AnalysedName) -> explain::Explanation {
        explain::explain(a, b)
    }
}
