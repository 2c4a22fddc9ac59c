//! Arabic-script tokens (Arabic, Persian/Dari, Pashto, Urdu, Kurdish
//! Sorani) to phonetic units.
//!
//! Rule-based romanisation cannot recover unwritten short vowels, so the
//! units here are a consonant skeleton plus the long-vowel letters ا و ي;
//! comparison against Latin spellings then treats Latin short vowels as
//! nearly free (see `units::indel_cost`). Attested Latin spellings come from
//! the variant tables, keyed by the original-script form.

use crate::units::Unit::{self, *};

/// Unifies letter variants for keys: أ إ آ ٱ→ا, ى ی ې ۍ ے→ي, ؤ→و, ئ→ي,
/// ة ۀ ہ→ه, ک→ك. Persian, Urdu and Arabic keyboards disagree on these.
pub fn unify(token: &str) -> String {
    token
        .chars()
        .filter_map(|c| {
            Some(match c {
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ى' | 'ی' | 'ې' | 'ۍ' | 'ے' | 'ئ' => 'ي',
                'ؤ' => 'و',
                'ة' | 'ۀ' | 'ہ' | 'ە' => 'ه',
                'ک' => 'ك',
                'ھ' => 'ه',
                'ء' => return None,
                _ => c,
            })
        })
        .collect()
}

/// Splits a glued definite article (الرحمن → ال + رحمن) and the
/// frequent glued Allah ending (نصرالله → نصر + له). Returns the article
/// separately so it can be weighted low rather than deleted.
pub fn split_article(token: &str) -> (Option<&'static str>, String) {
    let t = unify(token);
    let n = t.chars().count();
    let mut body = t.clone();
    let mut article = None;
    if n > 3 && t.starts_with("ال") {
        body = t.chars().skip(2).collect();
        article = Some("ال");
    }
    // عبدالله / نصرالله: the ending is `al-lah`, keep `lah`.
    if body.chars().count() > 4 && body.ends_with("الله") {
        let keep = body.chars().count() - 4;
        let mut s: String = body.chars().take(keep).collect();
        s.push_str("له");
        body = s;
    }
    (article, body)
}

/// Units for a unified Arabic-script token.
pub fn units(token: &str) -> Vec<Vec<Unit>> {
    let chars: Vec<char> = token.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let last = i + 1 == chars.len();
        let u: &[Unit] = match c {
            'ا' => &[LongA],
            'ب' => &[B],
            'پ' => &[P],
            'ت' | 'ط' | 'ٹ' | 'ټ' => &[T],
            'ث' => &[Th],
            'ج' => &[Jim],
            'چ' => &[Ch],
            'ح' => &[H],
            'خ' => &[X],
            'د' | 'ڈ' | 'ډ' => &[D],
            'ذ' => &[Dh],
            'ر' | 'ڑ' | 'ړ' | 'ڕ' => &[R],
            'ز' | 'ظ' => &[Z],
            'ژ' | 'ږ' => &[Zh],
            'س' | 'ص' => &[S],
            'ش' | 'ښ' => &[Sh],
            'ض' => &[Dh],
            'ع' | 'ء' => &[Glottal],
            'غ' => &[Gh],
            'ف' => &[F],
            'ڤ' => &[V],
            'ق' => &[Q],
            'ك' => &[K],
            'گ' | 'ګ' | 'ڨ' => &[G],
            'ل' | 'ڵ' => &[L],
            'م' => &[M],
            'ن' | 'ں' | 'ڼ' => &[N],
            'ه' if last && i > 0 => &[HFinal],
            'ه' => &[H],
            'و' | 'ۆ' | 'ۇ' => &[LongW],
            'ي' | 'ێ' => &[LongY],
            'ځ' => &[Dz],
            'څ' => &[C],
            _ => &[],
        };
        out.extend_from_slice(u);
    }
    out.dedup();
    vec![out]
}

/// Matcher v4: a word written as two names run together (محمدحسین,
/// غلامرضا), split into them: both parts at least three letters and each
/// a name of the tables. The analysis merges them again, so the whole,
/// with the attested spellings of the compound, is still compared; but
/// Latin records often write the parts apart or keep only the first
/// (Gholam Ghafuri for غلامرضا غفوري), and each part then meets its own
/// spellings and its known-distinct names (حسین is not Hassan). Words
/// with an article, the Allah ending or the theophoric عبد are left as
/// they are.
pub fn compound_parts(word: &str, tables: &crate::tables::Tables) -> Option<(String, String)> {
    let t = unify(word);
    let chars: Vec<char> = t.chars().collect();
    // Theophoric names (عبدالرحمن: servant of the Merciful) are one name
    // whose article the readers already handle.
    if chars.len() < 6
        || t.starts_with("ال")
        || t.starts_with("عبد")
        || t.ends_with("الله")
        || t.ends_with("اله")
    {
        return None;
    }
    let known = |part: &str| {
        units(part)
            .first()
            .is_some_and(|u| tables.by_key.contains_key(&crate::tables::hash_units(u)))
    };
    (3..=chars.len() - 3).find_map(|k| {
        let (a, b): (String, String) = (chars[..k].iter().collect(), chars[k..].iter().collect());
        (!a.ends_with("ال") && !b.starts_with("ال") && known(&a) && known(&b)).then_some((a, b))
    })
}

/// Matcher v4: a Kurdish Sorani token read with the vowels its alphabet
/// writes (ە e, ێ ê, ۆ o; an initial ئ only carries the vowel), which
/// [`unify`] would take for the consonants ه and ي (ئەحمەد = Ehmed, read
/// against Ahmed, not y-h-m-h-d). `None` for a token without those vowel
/// letters.
pub fn kurdish_units(word: &str) -> Option<Vec<Unit>> {
    if !word.contains(['ە', 'ێ', 'ۆ']) {
        return None;
    }
    let mut out = Vec::new();
    for (i, c) in word.chars().enumerate() {
        match c {
            'ئ' if i == 0 => {}
            'ە' | 'ێ' => out.push(E),
            'ۆ' => out.push(O),
            // In Sorani ه is always h: the final vowel is written ە.
            'ه' | 'ھ' => out.push(H),
            _ => push_letter(&mut out, c),
        }
    }
    out.dedup();
    out.truncate(crate::MAX_UNITS);
    (!out.is_empty()).then_some(out)
}

/// The units of one letter as [`units`] reads it, for the readers below
/// that give a few letters other values.
fn push_letter(out: &mut Vec<Unit>, c: char) {
    let one = unify(c.encode_utf8(&mut [0; 4]));
    out.extend(units(&one).into_iter().next().unwrap_or_default());
}

/// Matcher v5: a word with ض or ذ also read with them as z, as Persian,
/// Dari, Urdu, Pashto and Turkish speakers say and spell them (حضرت =
/// Hazrat beside the Arabic Hadrat, رمضان = Ramazan, نذير = Nazir); the
/// primary reading keeps the Arabic d and dh. `None` for a word without
/// them.
pub fn persian_z_units(word: &str) -> Option<Vec<Unit>> {
    if !word.contains(['ض', 'ذ']) {
        return None;
    }
    // Only these two letters read as dh.
    let mut u = units(&unify(word)).into_iter().next()?;
    for x in &mut u {
        if *x == Dh {
            *x = Z;
        }
    }
    u.dedup();
    Some(u)
}

/// Matcher v5: a Pashto word read with the values of its own letters that
/// the primary reading does not give. The primary reading follows the
/// southern (Kandahar) pronunciation, ږ as zh, ښ as sh, ځ as dz, څ as ts;
/// this one the northern and the usual Latin spellings, ږ as g (سپوږمۍ =
/// Spogmai), ښ as kh (Pakhtun), ځ as z (ځاځی = Zazai), څ as s, ې as e and
/// the feminine ending ۍ as ai (which the letter unification turns into
/// a plain ی). `None` for a word without these letters.
pub fn pashto_units(word: &str) -> Option<Vec<Unit>> {
    if !word.contains(['ږ', 'ښ', 'ځ', 'څ', 'ۍ', 'ې']) {
        return None;
    }
    let mut out = Vec::new();
    for c in word.chars() {
        match c {
            'ږ' => out.push(G),
            'ښ' => out.push(X),
            'ځ' => out.push(Z),
            'څ' => out.push(S),
            'ې' => out.push(E),
            'ۍ' => out.extend_from_slice(&[A, LongY]),
            _ => push_letter(&mut out, c),
        }
    }
    out.dedup();
    out.truncate(crate::MAX_UNITS);
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unifies_variants() {
        assert_eq!(unify("أحمد"), "احمد");
        assert_eq!(unify("علی"), "علي");
        assert_eq!(unify("فاطمة"), "فاطمه");
    }

    #[test]
    fn splits_article_and_allah() {
        assert_eq!(split_article("الرحمن"), (Some("ال"), "رحمن".to_string()));
        assert_eq!(split_article("نصرالله"), (None, "نصرله".to_string()));
        assert_eq!(split_article("علي"), (None, "علي".to_string()));
    }

    #[test]
    fn compounds_split_into_known_names() {
        let t = crate::tables::tables();
        assert_eq!(
            compound_parts("محمدحسین", t),
            Some(("محمد".to_string(), "حسين".to_string()))
        );
        assert_eq!(
            compound_parts("محمدرضا", t),
            Some(("محمد".to_string(), "رضا".to_string()))
        );
        // Single names and theophoric names stay whole.
        assert_eq!(compound_parts("ابراهيم", t), None);
        assert_eq!(compound_parts("عبدالله", t), None);
        assert_eq!(compound_parts("عبدالرحمن", t), None);
    }

    #[test]
    fn dad_and_dhal_as_z() {
        assert_eq!(persian_z_units("حضرت"), Some(vec![H, Z, R, T]));
        assert_eq!(persian_z_units("نذير"), Some(vec![N, Z, LongY, R]));
        assert_eq!(persian_z_units("احمد"), None);
    }

    #[test]
    fn pashto_letters_with_their_northern_values() {
        assert_eq!(
            pashto_units("سپوږمۍ"),
            Some(vec![S, P, LongW, G, M, A, LongY])
        );
        assert_eq!(pashto_units("ځاځی"), Some(vec![Z, LongA, Z, LongY]));
        assert_eq!(pashto_units("پښتون"), Some(vec![P, X, T, LongW, N]));
        assert_eq!(pashto_units("احمد"), None);
    }

    #[test]
    fn kurdish_vowels() {
        assert_eq!(kurdish_units("ئەحمەد"), Some(vec![E, H, M, E, D]));
        assert_eq!(kurdish_units("شێرکۆ"), Some(vec![Sh, E, R, K, O]));
        assert_eq!(kurdish_units("احمد"), None);
    }

    #[test]
    fn skeleton() {
        assert_eq!(units("محمد")[0], vec![M, H, M, D]);
        assert_eq!(units("حسين")[0], vec![H, S, LongY, N]);
    }
}
