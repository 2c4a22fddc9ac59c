//! Matcher version 5, the default: version 4 with the extensions below
//! switched on. Versions 1 to 4 stay callable and unchanged
//! ([`crate::v1`] to [`crate::v4`]); the analysed name records the version
//! that analysed it ([`crate::Level`]), and a comparison follows the later
//! of its two names' versions.
//!
//! What v5 adds (docs/names.md, "Version 5"):
//!
//! - corrected variant tables ([`crate::tables::tables_for`],
//!   `data/corrections_v5.csv`): members that joined two different names
//!   leave the group they do not belong to (Samire made Samir a spelling
//!   of Samira, Amine made Amin one of Amina), so masculine and feminine
//!   forms keep their different ending; Somali and Kurmanji spellings
//!   join their groups (Maxamed, Cismaan, Hesen, Evdirehman), Mohamud
//!   moves from Muhammad to Mahmoud, and Cyrillic and Greek particles and
//!   titles (ал, бин, абу, хаџи, αλ) are weighted like their Latin forms;
//! - Cyrillic letters of the Central Asian alphabets (Tajik, Uzbek,
//!   Kazakh, Kyrgyz: ғ қ ҳ ҷ ӯ ӣ ә ө ү ұ ң һ) read as their sounds, where
//!   earlier versions dropped them (Ғулом = Ghulom = Gulom, Раҳимов =
//!   Rahimov), and the Uzbek ў as o (Ўткир = O'tkir);
//! - a Cyrillic name ending in Allah (Сейфулла, Нурулло, Наџибулах) read
//!   as the Latin reader reads Saifullah: the stem, then `lah`; a Cyrillic
//!   or Greek Abd- compound (Абдулрахман) as it reads Abdulrahman, and a
//!   Cyrillic or Greek Abdul merged with the next name as `abd` + the name;
//! - Greek τζ also read as dž (Τζαμάλ = Jamal), and a final -ах / -αχ with
//!   the silent h of Latin spellings (Шах = Shah);
//! - a Latin token in Somali spelling (x for ḥ, c for ʿ: Xasan, Cumar,
//!   Cabdullahi) or Kurmanji spelling (x for kh: Xelîl) also reads as the
//!   name it spells, when that reading is a name of the tables;
//!   Albanian x and c keep their values;
//! - a Latin `sht` before a vowel also read as written (Pashtun, Ishtiaq),
//!   beside the Bulgarian щ;
//! - a plainly Romanian Latin token also read with Romanian letter values
//!   (c as k, j as ž: Cojocaru = Кожокару);
//! - a Pashto word also read with the northern values of its letters (ږ g,
//!   ښ kh, ځ z, څ s; the feminine ۍ as ai: سپوږمۍ = Spogmai);
//! - an Arabic-script word with ض or ذ also read with them as z, as
//!   Persian, Urdu and Turkish say them (حضرت = Hazrat, رمضان = Ramazan);
//! - names aligned before particles and titles as a second order, the
//!   better alignment counting (Abdulkarim Al-Hamwi = عبد الكريم الحموي,
//!   where the article's pair took the ال of الكريم).

matcher_version!(V5, MatcherV5, "veza-names/v5");
