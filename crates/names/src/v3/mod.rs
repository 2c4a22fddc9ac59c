//! Matcher version 3, the default: version 2 (itself version 1's pipeline
//! with extensions) with the extensions below switched on. Versions 1 and
//! 2 stay callable and unchanged ([`crate::v1`], [`crate::v2`]); the
//! analysed name records the version that analysed it
//! ([`crate::Level`]), and a comparison follows the later of its two
//! names' versions.
//!
//! What v3 adds (docs/names.md, "Version 3"):
//!
//! - a letter inserted or dropped next to its keyboard neighbour costs
//!   [`crate::units::KEYBOARD_SLIP`] instead of a full edit (Abduklah =
//!   Abdullah: k pressed with l), under v2's long-name condition (the
//!   reading with the extra letter has at least
//!   [`crate::units::SLIP_MIN_UNITS`] units, the other at most one fewer);
//!   short names keep full costs (Marić/Matić, Elof/Elif);
//! - a Latin token opening with a consonant and `ph` (Mphammed), which no
//!   name does, also reads letter by letter, so the slip of p for o is
//!   seen as one;
//! - Greek tokens also read as spoken: μπ, ντ, γκ inside a word as mb,
//!   nd, ng (Λάμπρος = Lambros, Πάγκαλος = Pangalos), beside ELOT's mp,
//!   nt, gk and b, d, g; an initial γ before a front vowel as y
//!   (Γεώργιος = Yeorgios, Γιουσούφ = Yousouf);
//! - Cyrillic х and Greek χ also read h when looking up variant groups, so
//!   Мухамед and Μοχάμεντ get the groups (and group keys) of Muhamed and
//!   Mohamed;
//! - blocking keys: Greek tokens also get a key with κ as the Latin c of a
//!   name transliterated letter by letter (ΓΚΑΚΕΜ / GACEM), tokens with
//!   Macedonian ѓ, ќ (ǵ, ḱ) one with them as g, k (Ѓорѓиевски /
//!   Gorgievski).

use crate::v1::analysis::{self, AnalysedName, Level};
use crate::v1::explain::{self, Explanation};

/// Version string of this matcher, recorded in explanations.
pub const VERSION: &str = "veza-names/v3";

/// Suggested decision threshold, as in v1 and v2 (docs/names.md).
pub const DECISION_THRESHOLD: f64 = 0.55;

/// Analyses a free-text name for matcher v3.
pub fn analyse(name: &str) -> AnalysedName {
    analysis::analyse_with(name, Level::V3)
}

/// Analyses a name given as role-tagged parts, for matcher v3.
pub fn analyse_parts(given: &str, family: &str) -> AnalysedName {
    analysis::analyse_parts_with(given, family, Level::V3)
}

/// Score in [0, 1] of two names analysed for v3.
pub fn score(a: &AnalysedName, b: &AnalysedName) -> f64 {
    crate::v1::score(a, b)
}

/// Matcher v3 behind the [`crate::NameMatcher`] trait.
#[derive(Clone, Copy, Debug, Default)]
pub struct MatcherV3;

impl crate::NameMatcher for MatcherV3 {
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
