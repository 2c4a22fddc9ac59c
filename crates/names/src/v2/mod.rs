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

matcher_version!(V2, MatcherV2, "veza-names/v2");
