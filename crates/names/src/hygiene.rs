//! Unicode hygiene and tokenisation.
//!
//! Names arrive with invisible joiners, bidirectional marks, tatweel, Arabic
//! vowel signs, compatibility ligatures (ǅ, ǉ), Turkish dotted capitals and a
//! zoo of apostrophes. Everything here is deterministic and idempotent:
//! cleaning a cleaned string changes nothing.

use unicode_normalization::UnicodeNormalization;

/// The writing system of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Latin letters, with or without diacritics.
    Latin,
    /// Cyrillic (Serbian, Macedonian, Bulgarian, Russian, Ukrainian...).
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic script (Arabic, Persian/Dari, Pashto, Urdu, Kurdish Sorani).
    Arabic,
    /// Digits or letters of another script; compared literally.
    Other,
}

/// Script of one character, `None` for marks and punctuation.
pub fn char_script(c: char) -> Option<Script> {
    let u = c as u32;
    if c.is_ascii_alphabetic() || (0xC0..=0x24F).contains(&u) || (0x1E00..=0x1EFF).contains(&u) {
        if c == '×' || c == '÷' {
            return None;
        }
        Some(Script::Latin)
    } else if (0x400..=0x52F).contains(&u) {
        Some(Script::Cyrillic)
    } else if (0x370..=0x3FF).contains(&u) || (0x1F00..=0x1FFF).contains(&u) {
        Some(Script::Greek)
    } else if (0x600..=0x6FF).contains(&u)
        || (0x750..=0x77F).contains(&u)
        || (0xFB50..=0xFDFF).contains(&u)
        || (0xFE70..=0xFEFF).contains(&u)
    {
        Some(Script::Arabic)
    } else if c.is_alphanumeric() {
        Some(Script::Other)
    } else {
        None
    }
}

/// Characters that carry no letter and are removed outright.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' // soft hyphen
        | '\u{034F}' // combining grapheme joiner
        | '\u{061C}' // Arabic letter mark
        | '\u{0640}' // tatweel
        | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180E}'
        | '\u{200B}'..='\u{200F}' // zero widths, ZWNJ, ZWJ, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' // bidi isolates and deprecated formats
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FEFF}'
    )
}

/// Arabic harakat, shadda, sukun, superscript alef and Quranic marks: the
/// optional vocalisation, removed so vocalised and bare text agree.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '´'
            | '‘'
            | '’'
            | '‛'
            | 'ʹ'
            | 'ʻ'
            | 'ʼ'
            | 'ʽ'
            | 'ʾ'
            | 'ʿ'
            | 'ˈ'
            | '′'
            | '＇'
    )
}

/// Lower-cases one character the way names need: Turkish İ and ı become a
/// plain `i` so that `İBRAHİM`, `Ibrahim` and `ıbrahım` agree.
fn push_lower(c: char, out: &mut String) {
    match c {
        'İ' | 'I' | 'ı' => out.push('i'),
        'ẞ' => out.push('ß'),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Cleans a raw name: NFKC (expands ǅ ǉ ǌ and full-width forms), removes
/// invisible and bidi characters, tatweel and Arabic vowel marks, folds
/// case (Turkish-aware), turns apostrophes into nothing and every other
/// separator (spaces, hyphens, commas, MRZ fillers) into one space.
///
/// The result is NFC. It keeps diacritics and the original script: folding
/// to ASCII is a separate, lossy step.
pub fn clean(raw: &str) -> String {
    if raw.is_ascii() {
        return clean_ascii(raw);
    }
    let mut lowered = String::with_capacity(raw.len());
    // Most names are already in NFKC (the quick check says so without
    // normalising): their characters are then taken as they are.
    let already_nfkc = unicode_normalization::is_nfkc_quick(raw.chars())
        == unicode_normalization::IsNormalized::Yes;
    let mut decomposed;
    let mut direct;
    let chars: &mut dyn Iterator<Item = char> = if already_nfkc {
        direct = raw.chars();
        &mut direct
    } else {
        decomposed = raw.nfkc();
        &mut decomposed
    };
    for c in chars {
        if is_invisible(c) || is_arabic_mark(c) {
            continue;
        }
        if is_apostrophe(c) {
            continue;
        }
        // Keep the Montenegrin acute on с́/з́ and other combining marks: NFC
        // below recombines what can be recombined.
        if char_script(c).is_some() || is_combining(c) {
            push_lower(c, &mut lowered);
        } else if !lowered.ends_with(' ') && !lowered.is_empty() {
            lowered.push(' ');
        }
    }
    let trimmed_len = lowered.trim_end().len();
    lowered.truncate(trimmed_len);
    let composed: String = if unicode_normalization::is_nfc_quick(lowered.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        lowered
    } else {
        lowered.nfc().collect()
    };
    // NFC can yield characters whose lowercase form differs (rare); one
    // more pass keeps the function idempotent.
    fix_confusables(composed)
}

/// The same as [`clean`] for ASCII input, where normalisation and
/// confusables cannot apply: most Latin names take this path.
fn clean_ascii(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b.to_ascii_lowercase() as char);
        } else if b == b'\'' || b == b'`' {
            continue;
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F)
}

/// Latin letters that look like Cyrillic ones and vice versa (UTS #39
/// confusables restricted to the letters found in names).
const LATIN_TO_CYRILLIC: &[(char, char)] = &[
    ('a', 'а'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('c', 'с'),
    ('x', 'х'),
    ('y', 'у'),
    ('i', 'і'),
    ('j', 'ј'),
    ('s', 'ѕ'),
    ('k', 'к'),
    ('m', 'м'),
    ('h', 'н'),
    ('b', 'в'),
    ('t', 'т'),
];

/// In a token that mixes Latin and Cyrillic letters, rewrites the
/// confusable minority letters into the majority script (a Latin `a`
/// typed inside a Cyrillic word, a Cyrillic `о` inside a Latin one).
fn fix_confusables(s: String) -> String {
    let (mut any_latin, mut any_cyrillic) = (false, false);
    for c in s.chars() {
        match char_script(c) {
            Some(Script::Latin) => any_latin = true,
            Some(Script::Cyrillic) => any_cyrillic = true,
            _ => {}
        }
    }
    if !(any_latin && any_cyrillic) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for (k, word) in s.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let (mut lat, mut cyr) = (0usize, 0usize);
        for c in word.chars() {
            match char_script(c) {
                Some(Script::Latin) => lat += 1,
                Some(Script::Cyrillic) => cyr += 1,
                _ => {}
            }
        }
        if lat == 0 || cyr == 0 {
            out.push_str(word);
            continue;
        }
        let to_cyrillic = cyr >= lat;
        for c in word.chars() {
            let mapped = if to_cyrillic {
                LATIN_TO_CYRILLIC.iter().find(|p| p.0 == c).map(|p| p.1)
            } else {
                LATIN_TO_CYRILLIC.iter().find(|p| p.1 == c).map(|p| p.0)
            };
            out.push(mapped.unwrap_or(c));
        }
    }
    out
}

/// The dominant script of a cleaned token.
pub fn token_script(token: &str) -> Script {
    let mut counts = [0usize; 5];
    for c in token.chars() {
        if let Some(s) = char_script(c) {
            counts[s as usize] += 1;
        }
    }
    let order = [
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Other,
    ];
    let mut best = Script::Other;
    let mut best_n = 0;
    for s in order {
        if counts[s as usize] > best_n {
            best = s;
            best_n = counts[s as usize];
        }
    }
    best
}

/// Splits an MRZ-style name (`SURNAME<<GIVEN<NAMES`) or a comma form
/// (`Surname, Given`) into (family, given). Returns `None` for free text.
pub fn split_structured(raw: &str) -> Option<(&str, &str)> {
    // One byte scan for `<<` and the first comma: a substring searcher
    // costs more to set up than a name takes to scan.
    let bytes = raw.as_bytes();
    let mut comma = None;
    for (k, &c) in bytes.iter().enumerate() {
        if c == b'<' && bytes.get(k + 1) == Some(&b'<') {
            let (fam, given) = (&raw[..k], &raw[k + 2..]);
            return Some((fam, given.trim_matches('<')));
        }
        if c == b',' && comma.is_none() {
            comma = Some(k);
        }
    }
    let k = comma?;
    let (fam, given) = (&raw[..k], &raw[k + 1..]);
    if given.contains(',') || fam.trim().is_empty() || given.trim().is_empty() {
        return None;
    }
    Some((fam, given))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_invisibles_and_folds_turkish() {
        assert_eq!(clean("İbrahim\u{200C} YILDIZ"), "ibrahim yildiz");
        assert_eq!(clean("ǅemal"), "džemal");
        assert_eq!(clean("O’Brien-Smith"), "obrien smith");
        assert_eq!(clean("مُحَمَّد"), "محمد");
        assert_eq!(clean("عـــلي"), "علي");
        assert_eq!(clean("  DOE<<JOHN<<  "), "doe john");
    }

    #[test]
    fn ascii_fast_path_agrees_with_general_path() {
        for s in [
            "  DOE<<JOHN<<  ",
            "O'Brien-Smith",
            "Ali  bin\tAhmed, 2",
            "x",
            "",
        ] {
            let mut general = String::new();
            // Force the general path by appending a non-ASCII separator.
            general.push_str(&clean(&format!("{s}\u{00A0}")));
            assert_eq!(clean(s), general, "{s:?}");
        }
    }

    #[test]
    fn fixes_mixed_script_tokens() {
        // Latin 'o' and 'a' typed into a Cyrillic name.
        assert_eq!(clean("Пeтрoвић"), "петровић");
        // Cyrillic 'о' typed into a Latin name.
        assert_eq!(clean("Petrоvic"), "petrovic");
    }

    #[test]
    fn keeps_montenegrin_acute() {
        assert_eq!(clean("С́уљо"), "с\u{301}уљо");
    }

    #[test]
    fn splits_mrz_and_comma_forms() {
        assert_eq!(
            split_structured("PETROVIC<<MARKO"),
            Some(("PETROVIC", "MARKO"))
        );
        assert_eq!(
            split_structured("Petrović, Marko"),
            Some(("Petrović", " Marko"))
        );
        assert_eq!(split_structured("Marko Petrović"), None);
    }
}
