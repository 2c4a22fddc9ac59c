//! Cyrillic tokens to phonetic units, letter by letter in the
//! Cyrillic→Latin direction only (the reverse is ambiguous: *nadživeti* is
//! надживети, not наџивети).
//!
//! The language is guessed from letters only one alphabet has (ђ ћ џ for
//! Serbian, ѓ ќ ѕ for Macedonian, і ї є ґ for Ukrainian, ы э ё for
//! Russian, ъ for Bulgarian); where the letters leave it open, the
//! ambiguous г (Ukrainian h, elsewhere g) gives an alternative sequence.
//! щ reads as š + č, which the Latin reader also gives for sht and shch.

use crate::units::Unit::{self, *};

/// A guess at the language of a Cyrillic token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CyrLang {
    /// Serbian, Montenegrin or Bosnian.
    Serbian,
    /// Macedonian.
    Macedonian,
    /// Bulgarian.
    Bulgarian,
    /// Russian.
    Russian,
    /// Ukrainian.
    Ukrainian,
    /// Nothing distinguishes it.
    Unknown,
}

/// Guesses the language from the letters present.
pub fn guess(token: &str) -> CyrLang {
    let has = |set: &[char]| token.chars().any(|c| set.contains(&c));
    if has(&['ѓ', 'ќ', 'ѕ']) {
        CyrLang::Macedonian
    } else if has(&['ђ', 'ћ', '\u{301}']) {
        CyrLang::Serbian
    } else if has(&['ј', 'љ', 'њ', 'џ']) {
        // Shared by Serbian and Macedonian; Serbian is the larger population.
        CyrLang::Serbian
    } else if has(&['і', 'ї', 'є', 'ґ']) {
        CyrLang::Ukrainian
    } else if has(&['ы', 'э', 'ё']) {
        CyrLang::Russian
    } else if has(&['ъ']) {
        // щ alone does not decide: Russian and Ukrainian have it too.
        CyrLang::Bulgarian
    } else {
        CyrLang::Unknown
    }
}

/// Units for a lower-case Cyrillic token; the first sequence is primary.
pub fn units(token: &str) -> Vec<Vec<Unit>> {
    let lang = guess(token);
    let south = matches!(lang, CyrLang::Serbian | CyrLang::Macedonian);
    let g_as_h = !south && token.contains('г') && lang != CyrLang::Ukrainian;
    readings(token, lang, g_as_h, false)
}

/// The token read as `lang` (with the Central Asian letters when
/// `central`), and read with г as h too when `g_as_h`; never empty.
fn readings(token: &str, lang: CyrLang, g_as_h: bool, central: bool) -> Vec<Vec<Unit>> {
    let mut out = vec![read(token, lang, false, false, central)];
    if g_as_h {
        out.push(read(token, lang, true, false, central));
    }
    out.retain(|s| !s.is_empty());
    out.dedup();
    if out.is_empty() {
        out.push(Vec::new());
    }
    out
}

/// Matcher v4: the token read the way English-language and older Soviet
/// documents romanise it, where that differs from [`units`]' readings:
///
/// - ё as yo (Пётр = Pyotr, Фёдоров = Fyodorov; ICAO's e stays the
///   primary reading), plain o after ж, ч, ш, щ, which already soften it;
/// - дз as the one sound dz that the Latin reader gives for `dz`
///   (Ґудзь = Gudz);
/// - a Ukrainian token with the Russian letter values г = g and и = i, as
///   Soviet-era passports and many foreign records wrote Ukrainian names
///   (Григорій = Grigoriy beside Hryhorii).
///
/// `None` when the token has none of these; the reading may equal one
/// [`units`] gives, which the caller drops.
pub fn alternative_units(token: &str) -> Option<Vec<Unit>> {
    let lang = guess(token);
    let applies = token.contains('ё')
        || token.contains("дз")
        || (lang == CyrLang::Ukrainian && token.contains(['г', 'и']));
    if !applies {
        return None;
    }
    // The caller drops a reading equal to one the token already has.
    let alt = read(token, lang, false, true, false);
    (!alt.is_empty()).then_some(alt)
}

/// Matcher v5: a name ending in Allah as Russian, Tajik, Uzbek, Serbian
/// and Macedonian Cyrillic write it (Сейфулла, Сайфулло, Хабибуллах,
/// Наџибулах, Рахматула), read as the Latin reader reads Saifullah,
/// Habibullah: the stem, then `lah`. Without it a Cyrillic Сейфулла keeps
/// its -ulla against the Latin reader's canonical -lah and scores 0.16
/// against Saifullah. `None` for other tokens, and where too few letters
/// precede the ending.
pub fn theophoric_units(token: &str) -> Option<Vec<Unit>> {
    // Serbian and Macedonian write the ending with one л (Наџибулах,
    // Рахматула); a bare -ула needs a longer stem (Урсула stays whole).
    const ENDINGS: [(&str, usize); 9] = [
        ("уллах", 2),
        ("уллох", 2),
        ("улла", 2),
        ("улло", 2),
        ("олла", 2),
        ("алла", 2),
        ("улах", 2),
        ("улох", 2),
        ("ула", 4),
    ];
    let stem = ENDINGS.iter().find_map(|&(e, min)| {
        token
            .strip_suffix(e)
            .filter(|stem| stem.chars().count() >= min)
    })?;
    let lang = guess(token);
    let mut out = if has_central_asian(stem) {
        read(stem, CyrLang::Unknown, false, false, true)
    } else {
        read(stem, lang, false, false, false)
    };
    out.extend(super::latin::primary_units("lah"));
    out.dedup();
    Some(out)
}

/// Letters of the Cyrillic alphabets of Central Asia (Tajik ғ қ ҳ ҷ ӯ ӣ;
/// Uzbek ғ қ ҳ; Kazakh and Kyrgyz ә ғ қ ң ө ұ ү һ), which the readers of
/// matchers v1 to v4 drop.
const CENTRAL_ASIAN: [char; 12] = ['ғ', 'қ', 'ҳ', 'ҷ', 'ӯ', 'ӣ', 'ә', 'ө', 'ү', 'ұ', 'ң', 'һ'];

/// Whether the token has a letter of [`CENTRAL_ASIAN`], or the Uzbek ў
/// (o‘): at the start of the word or after a consonant, where the
/// Belarusian ў (a u after a vowel) never stands.
pub fn has_central_asian(token: &str) -> bool {
    token.contains(CENTRAL_ASIAN) || uzbek_u_breve(token)
}

fn is_vowel(c: char) -> bool {
    "аеёиоуыэюяіїєәөүұ".contains(c)
}

fn uzbek_u_breve(token: &str) -> bool {
    let mut prev = None;
    for c in token.chars() {
        if c == 'ў' && prev.is_none_or(|p| !is_vowel(p)) {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// Matcher v5: the readings of a token written in a Central Asian
/// Cyrillic alphabet, with its own letters read as their sounds: ғ as the
/// gh of Ghulom (غ), қ as the q of Qodirov (ق), ҳ and һ as h, ҷ as j (dž),
/// ӯ ұ ү as u, ӣ as i, ә as a, ө as o, ң as n, and the Uzbek ў as o. The
/// other letters keep their Russian values (и = i, г = g, with the h
/// reading of г beside it), whatever a Kazakh і would make of the guess.
pub fn central_asian_units(token: &str) -> Vec<Vec<Unit>> {
    readings(token, CyrLang::Unknown, token.contains('г'), true)
}

/// Reads a token as `lang`; `g_as_h` reads г as h, `v4` gives the letter
/// values of [`alternative_units`], and `central` those of
/// [`central_asian_units`].
fn read(token: &str, lang: CyrLang, g_as_h: bool, v4: bool, central: bool) -> Vec<Unit> {
    let russian_values = v4 && lang == CyrLang::Ukrainian;
    let lang = if russian_values {
        CyrLang::Russian
    } else {
        lang
    };
    let mut chars: Vec<char> = token.chars().collect();
    // Final -ий / -ій / -ый is written i, ii, iy, yi or y: read it as one i.
    if chars.len() > 3
        && chars.last() == Some(&'й')
        && matches!(chars[chars.len() - 2], 'и' | 'і' | 'ы')
    {
        chars.pop();
    }
    let mut out = Vec::with_capacity(chars.len() + 2);
    for (i, &c) in chars.iter().enumerate() {
        let acute = chars.get(i + 1) == Some(&'\u{301}');
        let us: &[Unit] = match c {
            'а' => &[A],
            'б' => &[B],
            'в' => &[V],
            'г' if g_as_h || lang == CyrLang::Ukrainian => &[H],
            'г' | 'ґ' => &[G],
            // Bulgarian, Russian and Ukrainian write dž as дж (Хаджиев).
            'д' if chars.get(i + 1) == Some(&'ж') => &[Dzh],
            'ж' if i > 0 && chars[i - 1] == 'д' => &[],
            'д' if v4 && chars.get(i + 1) == Some(&'з') => &[Dz],
            'з' if v4 && i > 0 && chars[i - 1] == 'д' => &[],
            'д' => &[D],
            'ђ' | 'ѓ' => &[Dj],
            'ё' if v4 => {
                if i > 0 && matches!(chars[i - 1], 'ж' | 'ч' | 'ш' | 'щ') {
                    &[O]
                } else {
                    &[J, O]
                }
            }
            'е' | 'э' | 'ё' => &[E],
            'є' => &[J, E],
            'ж' => &[Zh],
            'з' if acute => &[Zh],
            'з' => &[Z],
            'ѕ' => &[Dz],
            'и' if lang == CyrLang::Ukrainian => &[Y],
            'и' | 'і' => &[I],
            'ї' => &[J, I],
            'й' | 'ј' => &[J],
            'к' => &[K],
            'ќ' | 'ћ' => &[Cj],
            'л' => &[L],
            'љ' => &[Lj],
            'м' => &[M],
            'н' => &[N],
            'њ' => &[Nj],
            'о' => &[O],
            'п' => &[P],
            'р' => &[R],
            'с' if acute => &[Sh],
            'с' => &[S],
            'т' => &[T],
            // Uzbek ў is o‘ (Ўткир = O‘tkir); after a vowel it is the
            // Belarusian u.
            'ў' if central && (i == 0 || !is_vowel(chars[i - 1])) => &[O],
            'у' | 'ў' => &[U],
            'ф' => &[F],
            'х' => &[X],
            'ц' => &[C],
            'ч' => &[Ch],
            'џ' => &[Dzh],
            'ш' => &[Sh],
            // щ is sht in Bulgarian and shch in Russian and Ukrainian; the
            // Latin reader reads both spellings as this one pair of units.
            'щ' => &[Sh, Ch],
            'ъ' => &[Schwa],
            'ы' => &[Y],
            'ь' => {
                // Bulgarian ьо = yo; elsewhere the soft sign is silent.
                if chars.get(i + 1) == Some(&'о') {
                    &[J]
                } else {
                    &[]
                }
            }
            'ю' => &[J, U],
            'я' => &[J, A],
            'ғ' if central => &[Gh],
            'қ' if central => &[Q],
            'ҳ' | 'һ' if central => &[H],
            'ҷ' if central => &[Dzh],
            'ӯ' | 'ұ' | 'ү' if central => &[U],
            'ӣ' if central => &[I],
            'ә' if central => &[A],
            'ө' if central => &[O],
            'ң' if central => &[N],
            _ => &[],
        };
        out.extend_from_slice(us);
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serbian_letters() {
        assert_eq!(units("ђорђе")[0], vec![Dj, O, R, Dj, E]);
        assert_eq!(units("љубиша")[0], vec![Lj, U, B, I, Sh, A]);
        assert_eq!(guess("ђорђе"), CyrLang::Serbian);
    }

    #[test]
    fn macedonian_and_ukrainian() {
        assert_eq!(guess("ѓорѓи"), CyrLang::Macedonian);
        assert_eq!(units("ѓорѓи")[0], vec![Dj, O, R, Dj, I]);
        assert_eq!(guess("їжаков"), CyrLang::Ukrainian);
    }

    #[test]
    fn ambiguous_g_gets_both_readings() {
        let u = units("олег");
        assert_eq!(u.len(), 2);
        assert_eq!(u[1], vec![O, L, E, H]);
    }

    #[test]
    fn v4_alternatives() {
        assert_eq!(alternative_units("пётр"), Some(vec![P, J, O, T, R]));
        assert_eq!(alternative_units("щёкин"), Some(vec![Sh, Ch, O, K, I, N]));
        assert_eq!(alternative_units("ґудзь"), Some(vec![G, U, Dz]));
        assert_eq!(
            alternative_units("григорій"),
            Some(vec![G, R, I, G, O, R, I])
        );
        // Nothing to add: no ё, дз, or Ukrainian г/и.
        assert_eq!(alternative_units("иван"), None);
        assert_eq!(alternative_units("дмитро"), None);
    }

    #[test]
    fn allah_endings_read_like_the_latin_compounds() {
        let latin = super::super::latin::primary_units("sajfullah");
        let cyr = theophoric_units("сайфулла").unwrap();
        assert_eq!(cyr, latin);
        assert_eq!(theophoric_units("сайфулло"), Some(latin));
        assert!(theophoric_units("алла").is_none());
        let lah = super::super::latin::primary_units("lah");
        let najib = theophoric_units("наџибулах").unwrap();
        assert_eq!(najib[..5], [N, A, Dzh, I, B]);
        assert!(najib.ends_with(&lah));
        assert!(theophoric_units("рахматула").unwrap().ends_with(&lah));
        assert!(theophoric_units("урсула").is_none());
        assert!(theophoric_units("иван").is_none());
    }

    #[test]
    fn central_asian_letters() {
        assert!(has_central_asian("ғулом"));
        assert!(!has_central_asian("иван"));
        assert_eq!(central_asian_units("ғулом")[0], vec![Gh, U, L, O, M]);
        assert_eq!(central_asian_units("қодиров")[0], vec![Q, O, D, I, R, O, V]);
        assert_eq!(central_asian_units("раҳимов")[0], vec![R, A, H, I, M, O, V]);
        assert_eq!(central_asian_units("ҷамшед")[0], vec![Dzh, A, M, Sh, E, D]);
        // Kazakh і does not make the token Ukrainian: и stays i, г is g.
        assert_eq!(central_asian_units("әлібек")[0], vec![A, L, I, B, E, K]);
        // Uzbek ў at the start or after a consonant; Belarusian after a vowel.
        assert!(has_central_asian("ўткир"));
        assert_eq!(central_asian_units("ўткир")[0], vec![O, T, K, I, R]);
        assert_eq!(central_asian_units("тўхтасин")[0][..3], [T, O, X]);
        assert!(!has_central_asian("уладзіслаў"));
        // The readers of earlier versions drop the letters.
        assert_eq!(units("ғулом")[0], vec![U, L, O, M]);
    }
}
