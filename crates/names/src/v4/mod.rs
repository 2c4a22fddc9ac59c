//! Matcher version 4, the default: version 3 with the extensions below
//! switched on. Versions 1 to 3 stay callable and unchanged
//! ([`crate::v1`], [`crate::v2`], [`crate::v3`]); the analysed name records
//! the version that analysed it ([`crate::Level`]), and a comparison
//! follows the later of its two names' versions.
//!
//! What v4 adds (docs/names.md, "Version 4"):
//!
//! - a Latin token with diacritics also reads as its ICAO simple (ASCII)
//!   form, the form most databases and machine-readable zones hold
//!   (Ștefănuț = Stefanut, Győző = Gyozo, Țîrlea = Tirlea): the letters'
//!   own sounds (ț as ts, ă as a schwa) stay the primary reading;
//! - a Latin token with `ny`, `oy` or a lone `x` also reads them as
//!   English-language romanisations write them (Evgeny, Stoychkov,
//!   Alexei), beside the Hungarian ny, the Greek ου and the Albanian x;
//! - Cyrillic ё also reads yo (Пётр = Pyotr, Фёдоров = Fyodorov), дз also
//!   reads as the one sound dz (Ґудзь = Gudz), and a Ukrainian token also
//!   reads with the Russian letter values г = g, и = i (Григорій =
//!   Grigoriy beside Hryhorii);
//! - a Greek token also reads γ before a front vowel as y inside the word
//!   (Αυγερινός = Avyerinos, Μπακογιάννης = Bakoyannis), ξ as ks
//!   (Ksanthopoulou) and τζ as dz (Χατζηγεωργίου = Hadjigeorgiou);
//! - a Kurdish Sorani token also reads with the vowels its alphabet writes
//!   (ئەحمەد = Ehmed ~ Ahmed, شێرکۆ = Sherko), which the letter
//!   unification takes for consonants;
//! - an Arabic-script word that is two names of the tables run together
//!   (محمدحسین) is analysed as the two names, merged again like Abdul
//!   Rahman: each part meets its own spellings and known-distinct names;
//! - merged adjacent tokens are compared with an Arabic-script token
//!   whatever their lengths when the two share a variant group
//!   (محمدرضا ~ Mohammad + Reza through the attested Mohammadreza);
//! - two last units that are one vowel written two ways (ü/u, i/y, ä/a,
//!   ö/o, ë/e) are no different ending (Türkü = Turku, Dmitri = Dmitry);
//!   Jovan/Jovana and Marko/Marka keep their penalty.

matcher_version!(V4, MatcherV4, "veza-names/v4");
