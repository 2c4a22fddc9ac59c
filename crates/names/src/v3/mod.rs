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

matcher_version!(V3, MatcherV3, "veza-names/v3");
