//! Script-specific readers turning a cleaned token into phonetic units.

pub mod arabic;
pub mod cyrillic;
pub mod foreign;
pub mod greek;
pub mod latin;

use crate::hygiene::Script;
use crate::units::Unit;
use crate::v1::analysis::Level;

/// Unit sequences for a cleaned token of a known script. Tokens of other
/// scripts (digits, CJK...) get one unit per character class they share
/// with nothing, i.e. none: such tokens compare by their text only.
pub fn units_for(token: &str, script: Script) -> Vec<Vec<Unit>> {
    readings_for(token, script).0
}

/// Like [`units_for`], also returning the index from which readings are
/// foreign pronunciations (see [`foreign`]); equal to the length if none.
pub fn readings_for(token: &str, script: Script) -> (Vec<Vec<Unit>>, usize) {
    let mut foreign_from = usize::MAX;
    let mut seqs = match script {
        Script::Latin => {
            let (seqs, from) = latin::readings(token);
            foreign_from = from;
            seqs
        }
        Script::Cyrillic => cyrillic::units(token),
        Script::Greek => greek::units(token),
        Script::Arabic => arabic::units(token),
        Script::Other => vec![Vec::new()],
    };
    for s in &mut seqs {
        s.truncate(crate::MAX_UNITS);
    }
    seqs.truncate(crate::MAX_SEQS);
    let n = seqs.len();
    (seqs, foreign_from.min(n))
}

/// The readings of matcher v2: those of [`readings_for`] plus alternatives
/// for spellings v1 reads one way only, placed before the foreign
/// pronunciation readings:
///
/// - a final `lj` / `љ` read as `l` + `i` (Alj for Ali: the final i or y
///   of an Arabic or Persian name written with Serbian ј after l);
/// - the letters as written when the theophoric-compound rule reduced the
///   token to the bare `abd` (Abdol, Abdi: read a-b-d-o-l as well, as the
///   Cyrillic Абдол is);
/// - German `dsch` and Hungarian `dzs` as dž (Dschaber, Dzsafari), and,
///   in a token with a doubled `gg`, every g as the Arabic ج (Egyptian
///   Naggar for Najjar, Haggag for Hajjaj).
pub fn readings_for_v2(token: &str, script: Script) -> (Vec<Vec<Unit>>, usize) {
    readings_for_level(token, script, Level::V2)
}

/// The readings of a matcher version: [`readings_for`] for v1,
/// [`readings_for_v2`] for v2, and for v3 also (before the foreign
/// pronunciation readings):
///
/// - a Greek token with μπ, ντ or γκ inside the word read with the nasal
///   kept, as mb, nd, ng (Λάμπρος = Lambros, Παντελής = Pandelis,
///   Πάγκαλος = Pangalos), beside ELOT's mp, nt, gk and the plain b, d, g,
///   and an initial γ before a front vowel read y (Γεώργιος = Yeorgios,
///   Γιουσούφ = Yousouf): [`greek::spoken_units`];
/// - a Latin token opening with a consonant and `ph` (Mphammed) read
///   letter by letter: no name of the languages covered starts so, the
///   cluster is a slipped key over a vowel (p for o), and the Greek
///   initial-μπ reading (b) makes no sense before h.
///
/// and for v4 also:
///
/// - a Latin token with diacritics read as its ICAO simple (ASCII) form,
///   the way most databases and machine-readable zones store it
///   (Ștefănuț = Stefanut, Győző = Gyozo, Şükrü = Sukru), beside the
///   reading of the letters' own sounds;
/// - a Latin token with `ny`, `oy` or a lone `x` also read as
///   [`latin::plain_units`] gives it (Evgeny, Stoychkov, Alexei);
/// - a Cyrillic token also read as [`cyrillic::alternative_units`] gives
///   it (ё as yo, дз as dz, Ukrainian with Russian letter values);
/// - a Greek token also read as [`greek::v4_units`] gives it (γ before a
///   front vowel as y inside the word too, ξ as ks, τζ as dz).
pub fn readings_for_level(token: &str, script: Script, level: Level) -> (Vec<Vec<Unit>>, usize) {
    use crate::units::Unit::{I, L, Lj};
    if !level.v2() {
        return readings_for(token, script);
    }
    let (mut seqs, foreign_from) =
        if level.v5() && script == Script::Cyrillic && cyrillic::has_central_asian(token) {
            let mut seqs = cyrillic::central_asian_units(token);
            for s in &mut seqs {
                s.truncate(crate::MAX_UNITS);
            }
            let n = seqs.len();
            (seqs, n)
        } else {
            readings_for(token, script)
        };
    let mut extra: Vec<Vec<Unit>> = Vec::new();
    if script == Script::Latin {
        // One pass over the bytes for the spellings below (a substring
        // searcher costs more to set up than a name takes to scan).
        let b = token.as_bytes();
        let has = |pat: &[u8]| b.windows(pat.len()).any(|w| w == pat);
        if b.starts_with(b"abd") && b.len() > 3 && latin::rewrite_arabic_compounds(token) == "abd" {
            extra.push(latin::literal_units(token));
        }
        // Egyptian and Sudanese g for ج; a doubled gg (the geminate ج of
        // Naggar, Haggag) marks such a spelling.
        if has(b"gg")
            && let Some(mut u) = latin::units(token).into_iter().next()
        {
            for x in &mut u {
                if *x == crate::units::Unit::G {
                    *x = crate::units::Unit::Jim;
                }
            }
            extra.push(u);
        }
        if has(b"dsch") || has(b"dzs") {
            let t = token.replace("dsch", "dž").replace("dzs", "dž");
            extra.extend(latin::units(&t).into_iter().take(1));
        }
    }
    for s in &seqs[..foreign_from] {
        if s.len() >= 2 && s.last() == Some(&Lj) {
            let mut alt = s[..s.len() - 1].to_vec();
            alt.extend_from_slice(&[L, I]);
            extra.push(alt);
        }
    }
    // After v2's alternatives, so that v3 keeps every reading v2 had.
    if level.v3() {
        match script {
            Script::Greek => extra.extend(greek::spoken_units(token)),
            Script::Latin => extra.extend(latin::slipped_cluster_units(token)),
            _ => {}
        }
    }
    // And v4's after v3's.
    if level.v4() {
        match script {
            Script::Latin => {
                if !token.is_ascii() {
                    let folded = crate::romanise::icao_simple(token);
                    extra.push(latin::primary_units(&folded));
                }
                extra.extend(latin::plain_units(token));
            }
            Script::Cyrillic => extra.extend(cyrillic::alternative_units(token)),
            Script::Greek => extra.extend(greek::v4_units(token)),
            _ => {}
        }
    }
    // And v5's after v4's.
    if level.v5() {
        match script {
            Script::Latin => {
                extra.extend(latin::sht_units(token));
                extra.extend(latin::romanian_units(token));
                extra.extend(latin::arabic_name_spellings(
                    token,
                    crate::tables::tables_for(level),
                ));
            }
            Script::Cyrillic => {
                extra.extend(cyrillic::theophoric_units(token));
                extra.extend(final_kh_as_h(token, &['а'], 'х', &seqs));
            }
            Script::Greek => {
                extra.extend(greek::dzh_units(token));
                extra.extend(final_kh_as_h(token, &['α', 'ά'], 'χ', &seqs));
            }
            _ => {}
        }
        if matches!(script, Script::Cyrillic | Script::Greek) {
            extra.extend(seqs.iter().filter_map(|s| abd_compound(s)));
        }
    }
    let mut at = foreign_from;
    for mut e in extra {
        e.truncate(crate::MAX_UNITS);
        if !e.is_empty() && !seqs.contains(&e) {
            seqs.insert(at, e);
            at += 1;
        }
    }
    seqs.truncate(crate::MAX_SEQS);
    let n = seqs.len();
    (seqs, at.min(n))
}

/// Matcher v5: a Cyrillic or Greek reading of an Abd- compound
/// (Абдулрахман, Αμπντουλραχμάν) read as the Latin reader reads
/// Abdulrahman: `abd`, the article dropped, then the name (Latin
/// `rewrite_arabic_compounds` does the same with letters). The bare
/// particle (Абдул, Αμπντούλ) reads as `abd`, so that Абдул Рахман merges
/// like Abdul Rahman. `None` for a reading that is no such compound.
pub(crate) fn abd_compound(units: &[Unit]) -> Option<Vec<Unit>> {
    use crate::units::Unit::{A, B, D, L};
    let rest = units.strip_prefix(&[A, B, D][..])?;
    let vowels = rest.iter().take(2).take_while(|u| u.is_vowel()).count();
    if vowels == 0 {
        return None;
    }
    let tail = match rest.get(vowels) {
        Some(&L) => &rest[vowels + 1..],
        Some(_) => &rest[vowels..],
        None => &[][..],
    };
    let mut out = vec![A, B, D];
    if tail.len() >= 2 {
        out.extend_from_slice(tail);
    }
    Some(out)
}

/// Matcher v5: a Cyrillic or Greek name ending in -ах / -αχ also read with
/// that last х or χ as the silent final h of Latin spellings (Шах = Shah,
/// Фарах = Farah, Αλλάχ): both scripts write Arabic ه and ح with the
/// letter of kh. `None` for other tokens.
fn final_kh_as_h(token: &str, a: &[char], kh: char, seqs: &[Vec<Unit>]) -> Option<Vec<Unit>> {
    let mut chars = token.chars().rev();
    if chars.next() != Some(kh) || !chars.next().is_some_and(|c| a.contains(&c)) {
        return None;
    }
    let mut u = seqs.first()?.clone();
    match u.last_mut() {
        Some(last) if *last == Unit::X => *last = Unit::HFinal,
        _ => return None,
    }
    Some(u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Unit::*;

    #[test]
    fn abd_compounds_lose_their_article() {
        let latin = latin::primary_units("abdulrahman");
        let cyrillic = cyrillic::units("абдулрахман")[0].clone();
        let read = abd_compound(&cyrillic).unwrap();
        assert_eq!(read.len(), latin.len());
        assert_eq!(read[..4], [A, B, D, R]);
        // The bare particle, and the assimilated article of Abdurrahman.
        assert_eq!(abd_compound(&[A, B, D, U, L]), Some(vec![A, B, D]));
        assert_eq!(abd_compound(&[A, B, D, U, R, A, X, M, A, N]).unwrap()[3], R);
        // Not an Abd- compound.
        assert_eq!(abd_compound(&[A, B, D, R, A]), None);
        assert_eq!(abd_compound(&[A, M, I, R]), None);
    }

    #[test]
    fn final_kh_after_a_reads_as_the_silent_h() {
        let seqs = cyrillic::units("шах");
        assert_eq!(
            final_kh_as_h("шах", &['а'], 'х', &seqs),
            Some(vec![Sh, A, HFinal])
        );
        assert_eq!(
            final_kh_as_h("черных", &['а'], 'х', &cyrillic::units("черных")),
            None
        );
    }
}
