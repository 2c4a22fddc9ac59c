//! Matcher version 2: version 1's pipeline with the extensions below
//! switched on (the default before [`crate::v3`]). Version 1 stays
//! callable and unchanged ([`crate::v1`]); the analysed name records which
//! version analysed it, and scoring follows it (two v1 analyses are scored
//! by v1 exactly as before; if either name was analysed for v2, v2's cost
//! tables apply).
//!
//! What v2 adds (docs/names.md, "Version 2"):
//!
//! - readings: a final `lj`/`љ` also reads `l` + `i` (Alj = Ali); a
//!   spelling rewritten by the theophoric-compound rule also reads as
//!   written (Abdol = Абдол); German `dsch` and Hungarian `dzs` read dž
//!   (Dschuburi, Dzsafari = Juburi, Jafari);
//! - a Latin token with the Arabic article written together (Alahmad,
//!   Elamrani, Alhalabi) splits into article and name when the rest is
//!   plainly an Arabic name, keeping the unsplit reading;
//! - a substitution between keyboard neighbours costs
//!   [`crate::units::KEYBOARD_SLIP`] instead of a full edit between
//!   readings of at least [`crate::units::SLIP_MIN_UNITS`] units
//!   (Petkovic = Petkocic; not in short names, Marić/Matić), while other
//!   one-letter differences (Petrović/Petković, Marko/Mirko) keep their
//!   full cost.

use crate::v1::analysis::{self, AnalysedName, Level};
use crate::v1::explain::{self, Explanation};

/// Version string of this matcher, recorded in explanations.
pub const VERSION: &str = "veza-names/v2";

/// Suggested decision threshold, as in v1 (docs/names.md).
pub const DECISION_THRESHOLD: f64 = 0.55;

/// Analyses a free-text name for matcher v2.
pub fn analyse(name: &str) -> AnalysedName {
    analysis::analyse_with(name, Level::V2)
}

/// Analyses a name given as role-tagged parts, for matcher v2.
pub fn analyse_parts(given: &str, family: &str) -> AnalysedName {
    analysis::analyse_parts_with(given, family, Level::V2)
}

/// Score in [0, 1] of two names analysed for v2.
pub fn score(a: &AnalysedName, b: &AnalysedName) -> f64 {
    crate::v1::score(a, b)
}

/// Matcher v2 behind the [`crate::NameMatcher`] trait.
#[derive(Clone, Copy, Debug, Default)]
pub struct MatcherV2;

impl crate::NameMatcher for MatcherV2 {
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
