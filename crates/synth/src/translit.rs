//! Script conversions used when an agency writes a name down.
//!
//! Each function appends to an output buffer so that rendering a record
//! does not allocate per name. Tables follow names.md §1: Serbian Gaj Latin
//! (UN III/11), the Macedonian passport digraph system, the Bulgarian
//! Streamlined System (2009), Greek ELOT 743 and ICAO Doc 9303 §6 Table A.

/// Serbian Cyrillic letter for one Gaj Latin letter or digraph; the
/// digraphs lj, nj, dž are single letters in the names of the tables.
pub fn gaj_to_serbian_cyrillic(src: &str, out: &mut String) {
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let lower_next = next.to_lowercase().next().unwrap_or(' ');
        let upper = c.is_uppercase();
        let lc = c.to_lowercase().next().unwrap_or(c);
        let digraph = match (lc, lower_next) {
            ('l', 'j') => Some('љ'),
            ('n', 'j') => Some('њ'),
            ('d', 'ž') => Some('џ'),
            _ => None,
        };
        let (cy, step) = match digraph {
            Some(d) => (d, 2),
            None => (
                match lc {
                    'a' => 'а',
                    'b' => 'б',
                    'v' => 'в',
                    'g' => 'г',
                    'd' => 'д',
                    'đ' => 'ђ',
                    'e' => 'е',
                    'ž' => 'ж',
                    'z' => 'з',
                    'i' => 'и',
                    'j' => 'ј',
                    'k' => 'к',
                    'l' => 'л',
                    'm' => 'м',
                    'n' => 'н',
                    'o' => 'о',
                    'p' => 'п',
                    'r' => 'р',
                    's' => 'с',
                    't' => 'т',
                    'ć' => 'ћ',
                    'u' => 'у',
                    'f' => 'ф',
                    'h' => 'х',
                    'c' => 'ц',
                    'č' => 'ч',
                    'š' => 'ш',
                    other => other,
                },
                1,
            ),
        };
        if upper {
            out.extend(cy.to_uppercase());
        } else {
            out.push(cy);
        }
        i += step;
    }
}

/// Cyrillic (Macedonian or Bulgarian) to Latin by a per-letter table; the
/// table returns the lower-case Latin string for a lower-case letter.
fn cyrillic_by_table(src: &str, table: fn(char) -> Option<&'static str>, out: &mut String) {
    let mut start_of_word = true;
    for c in src.chars() {
        let lc = c.to_lowercase().next().unwrap_or(c);
        match table(lc) {
            Some(lat) => {
                if c.is_uppercase() {
                    // Title case for digraphs: Ж -> Zh, not ZH.
                    let mut it = lat.chars();
                    if let Some(f) = it.next() {
                        out.extend(f.to_uppercase());
                        out.push_str(it.as_str());
                    }
                } else {
                    out.push_str(lat);
                }
            }
            None => out.push(c),
        }
        start_of_word = !c.is_alphabetic();
    }
    let _ = start_of_word;
}

/// Macedonian official (passport) digraph system: Ѓ gj, Ќ kj, Ж zh, Ч ch,
/// Ш sh, Џ dj, Ѕ dz (names.md §1.3).
pub fn macedonian_to_latin(src: &str, out: &mut String) {
    cyrillic_by_table(src, macedonian_letter, out);
}

fn macedonian_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ѓ' => "gj",
        'ж' => "zh",
        'ѕ' => "dz",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ќ' => "kj",
        'ч' => "ch",
        'џ' => "dj",
        'ш' => "sh",
        'х' => "h",
        'ц' => "c",
        other => return common_cyrillic(other),
    })
}

/// Macedonian written with the ISO 9 / BGN diacritic forms, then folded the
/// way many foreign systems do (Ǵ→G, Ḱ→K, Č→C): "Gorgi Kosev".
pub fn macedonian_to_folded_latin(src: &str, out: &mut String) {
    cyrillic_by_table(src, macedonian_folded_letter, out);
}

fn macedonian_folded_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ѓ' => "g",
        'ж' => "z",
        'ѕ' => "dz",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ќ' => "k",
        'ч' => "c",
        'џ' => "dz",
        'ш' => "s",
        'х' => "h",
        'ц' => "c",
        other => return common_cyrillic(other),
    })
}

/// Macedonian name written in Serbian Cyrillic by a Serbian officer:
/// Ѓ→Ђ and Ќ→Ћ, the cognate letters; Ѕ→ДЗ.
pub fn macedonian_to_serbian_cyrillic(src: &str, out: &mut String) {
    for c in src.chars() {
        match c {
            'Ѓ' => out.push('Ђ'),
            'ѓ' => out.push('ђ'),
            'Ќ' => out.push('Ћ'),
            'ќ' => out.push('ћ'),
            'Ѕ' => out.push_str("Дз"),
            'ѕ' => out.push_str("дз"),
            other => out.push(other),
        }
    }
}

/// Bulgarian Streamlined System (2009 Transliteration Act), including the
/// word-final -ия → -ia rule (names.md §1.4).
pub fn bulgarian_to_latin(src: &str, out: &mut String) {
    let chars: Vec<char> = src.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let lc = c.to_lowercase().next().unwrap_or(c);
        let word_final = chars.get(i + 1).is_none_or(|n| !n.is_alphabetic());
        if lc == 'я' && word_final && i > 0 && chars[i - 1].to_lowercase().next() == Some('и') {
            out.push(if c.is_uppercase() { 'A' } else { 'a' });
            continue;
        }
        let lat = match lc {
            'ж' => "zh",
            'й' => "y",
            'х' => "h",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "sht",
            'ъ' => "a",
            'ь' => "y",
            'ю' => "yu",
            'я' => "ya",
            other => match common_cyrillic(other) {
                Some(s) => s,
                None => {
                    out.push(c);
                    continue;
                }
            },
        };
        push_cased(lat, c.is_uppercase(), out);
    }
}

/// Bulgarian in the superseded BGN 1952 style still found in foreign
/// records: Х→Kh, Ъ→U, Й→I (names.md §1.4, ICU `Bulgarian-Latin/BGN`).
pub fn bulgarian_to_old_latin(src: &str, out: &mut String) {
    for c in src.chars() {
        let lc = c.to_lowercase().next().unwrap_or(c);
        let lat = match lc {
            'ж' => "zh",
            'й' => "i",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "sht",
            'ъ' => "u",
            'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            other => match common_cyrillic(other) {
                Some(s) => s,
                None => {
                    out.push(c);
                    continue;
                }
            },
        };
        push_cased(lat, c.is_uppercase(), out);
    }
}

fn push_cased(lat: &str, upper: bool, out: &mut String) {
    if upper {
        let mut it = lat.chars();
        if let Some(f) = it.next() {
            out.extend(f.to_uppercase());
            out.push_str(it.as_str());
        }
    } else {
        out.push_str(lat);
    }
}

fn common_cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'з' => "z",
        'и' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        _ => return None,
    })
}

/// Greek to Latin by ELOT 743 / ISO 843 as used in Greek passports
/// (names.md §1.7), with the digraph rules for ου, αυ/ευ, γγ/γκ, μπ, ντ.
pub fn greek_to_latin(src: &str, out: &mut String) {
    let chars: Vec<char> = src.chars().map(strip_greek_accent).collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut i = 0;
    while i < chars.len() {
        let c = lower[i];
        let upper = chars[i].is_uppercase();
        let next = lower.get(i + 1).copied().unwrap_or(' ');
        let after = lower.get(i + 2).copied().unwrap_or(' ');
        let word_start = i == 0 || !lower[i - 1].is_alphabetic();
        let (lat, step): (&str, usize) = match (c, next) {
            ('ο', 'υ') => ("ou", 2),
            ('α' | 'ε' | 'η', 'υ') => {
                let voiceless = matches!(
                    after,
                    'θ' | 'κ' | 'ξ' | 'π' | 'σ' | 'ς' | 'τ' | 'φ' | 'χ' | 'ψ' | ' '
                ) || !after.is_alphabetic();
                let v = match (c, voiceless) {
                    ('α', true) => "af",
                    ('α', false) => "av",
                    ('ε', true) => "ef",
                    ('ε', false) => "ev",
                    (_, true) => "if",
                    (_, false) => "iv",
                };
                (v, 2)
            }
            ('γ', 'γ') => ("ng", 2),
            ('γ', 'ξ') => ("nx", 2),
            ('γ', 'χ') => ("nch", 2),
            ('μ', 'π') if word_start => ("b", 2),
            _ => (
                match c {
                    'α' => "a",
                    'β' => "v",
                    'γ' => "g",
                    'δ' => "d",
                    'ε' => "e",
                    'ζ' => "z",
                    'η' => "i",
                    'θ' => "th",
                    'ι' => "i",
                    'κ' => "k",
                    'λ' => "l",
                    'μ' => "m",
                    'ν' => "n",
                    'ξ' => "x",
                    'ο' => "o",
                    'π' => "p",
                    'ρ' => "r",
                    'σ' | 'ς' => "s",
                    'τ' => "t",
                    'υ' => "y",
                    'φ' => "f",
                    'χ' => "ch",
                    'ψ' => "ps",
                    'ω' => "o",
                    _ => {
                        out.push(chars[i]);
                        i += 1;
                        continue;
                    }
                },
                1,
            ),
        };
        push_cased(lat, upper, out);
        i += step;
    }
}

/// Greek letter without its accent (tonos, dialytika): Greek capitals are
/// written without accents.
pub fn strip_greek_accent(c: char) -> char {
    match c {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        'Ά' => 'Α',
        'Έ' => 'Ε',
        'Ή' => 'Η',
        'Ί' => 'Ι',
        'Ό' => 'Ο',
        'Ύ' => 'Υ',
        'Ώ' => 'Ω',
        other => other,
    }
}

/// Local phonetic habit of an officer writing a foreign (already romanised)
/// name in a Latin orthography: Serbo-Croatian `sh`→`š`, `j`→`dž`,
/// Albanian `j`→`xh`, Hungarian `s`→`sz`. These spellings are what real
/// registries contain ("Muhamed Šerzad"), and they defeat exact matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LatinHabit {
    /// Serbian, Croatian, Bosnian, Montenegrin Latin.
    SerboCroatian,
    /// Albanian orthography.
    Albanian,
    /// Hungarian orthography.
    Hungarian,
    /// German orthography (Austrian registers): Schahin, Dschamal, Jussuf.
    German,
}

/// Rewrites an English-style romanisation in a local Latin orthography.
pub fn localise_latin(src: &str, habit: LatinHabit, out: &mut String) {
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let upper = c.is_uppercase();
        let lc = c.to_ascii_lowercase();
        let next = chars.get(i + 1).map_or(' ', |n| n.to_ascii_lowercase());
        let prev = if i > 0 {
            chars[i - 1].to_ascii_lowercase()
        } else {
            ' '
        };
        let (rep, step): (&str, usize) = match habit {
            LatinHabit::SerboCroatian => match (lc, next) {
                ('s', 'h') => ("š", 2),
                ('c', 'h') => ("č", 2),
                ('k', 'h') => ("h", 2),
                ('z', 'h') => ("ž", 2),
                ('g', 'h') => ("g", 2),
                ('o', 'u') => ("u", 2),
                ('e', 'e') => ("i", 2),
                ('o', 'o') => ("u", 2),
                ('j', _) => ("dž", 1),
                ('y', _) => ("j", 1),
                ('w', _) => ("v", 1),
                ('q', _) => ("k", 1),
                ('x', _) => ("ks", 1),
                (a, b) if a == b && a.is_ascii_alphabetic() && !"aeiou".contains(a) => {
                    (single(a), 2)
                }
                _ => ("", 1),
            },
            LatinHabit::Albanian => match (lc, next) {
                ('c', 'h') => ("ç", 2),
                ('k', 'h') => ("h", 2),
                ('o', 'u') => ("u", 2),
                ('e', 'e') => ("i", 2),
                ('j', _) => ("xh", 1),
                ('y', _) if "aeiou".contains(next) || prev == ' ' => ("j", 1),
                ('w', _) => ("v", 1),
                _ => ("", 1),
            },
            LatinHabit::German => match (lc, next) {
                ('s', 'h') => ("sch", 2),
                ('c', 'h') => ("tsch", 2),
                ('o', 'u') => ("u", 2),
                ('e', 'e') => ("i", 2),
                ('j', _) => ("dsch", 1),
                ('y', _) => ("j", 1),
                ('w', _) => ("w", 1),
                ('v', _) => ("w", 1),
                _ => ("", 1),
            },
            LatinHabit::Hungarian => match (lc, next) {
                ('s', 'h') => ("s", 2),
                ('c', 'h') => ("cs", 2),
                ('k', 'h') => ("h", 2),
                ('s', _) => ("sz", 1),
                ('j', _) => ("dzs", 1),
                ('y', _) => ("j", 1),
                ('w', _) => ("v", 1),
                _ => ("", 1),
            },
        };
        if rep.is_empty() {
            out.push(c);
        } else {
            push_cased(rep, upper, out);
        }
        i += step;
    }
}

fn single(c: char) -> &'static str {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";
    let i = (c as u8 - b'a') as usize;
    &LETTERS[i..i + 1]
}

/// Transcribes a Latin romanisation into Cyrillic the way a Serbian,
/// Macedonian or Bulgarian officer would write a foreign name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CyrillicHabit {
    /// Serbian Cyrillic (also Montenegrin, Bosnian Serb).
    Serbian,
    /// Macedonian Cyrillic.
    Macedonian,
    /// Bulgarian Cyrillic.
    Bulgarian,
}

/// Latin (English-style or Gaj) to Cyrillic phonetic transcription.
pub fn latin_to_cyrillic(src: &str, habit: CyrillicHabit, out: &mut String) {
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let upper = c.is_uppercase();
        let lc = fold_char(c.to_lowercase().next().unwrap_or(c));
        let next = chars
            .get(i + 1)
            .map_or(' ', |n| fold_char(n.to_lowercase().next().unwrap_or(*n)));
        let (rep, step): (&str, usize) = match (lc, next) {
            ('s', 'h') => ("ш", 2),
            ('c', 'h') => ("ч", 2),
            ('k', 'h') => ("х", 2),
            ('z', 'h') => ("ж", 2),
            ('g', 'h') => ("г", 2),
            ('t', 'h') => ("т", 2),
            ('d', 'h') => ("д", 2),
            ('o', 'u') => ("у", 2),
            ('e', 'e') => ("и", 2),
            ('o', 'o') => ("у", 2),
            ('y', 'a') if habit == CyrillicHabit::Bulgarian => ("я", 2),
            ('y', 'u') if habit == CyrillicHabit::Bulgarian => ("ю", 2),
            (a, b) if a == b && a.is_ascii_alphabetic() && !"aeiou".contains(a) => {
                i += 1;
                continue;
            }
            ('a', _) => ("а", 1),
            ('b', _) => ("б", 1),
            ('c', _) => ("ц", 1),
            ('d', _) => ("д", 1),
            ('e', _) => ("е", 1),
            ('f', _) => ("ф", 1),
            ('g', _) => ("г", 1),
            ('h', _) => ("х", 1),
            ('i', _) => ("и", 1),
            ('j', _) => match habit {
                CyrillicHabit::Serbian => ("џ", 1),
                CyrillicHabit::Macedonian => ("џ", 1),
                CyrillicHabit::Bulgarian => ("дж", 1),
            },
            ('k' | 'q', _) => ("к", 1),
            ('l', _) => ("л", 1),
            ('m', _) => ("м", 1),
            ('n', _) => ("н", 1),
            ('o', _) => ("о", 1),
            ('p', _) => ("п", 1),
            ('r', _) => ("р", 1),
            ('s', _) => ("с", 1),
            ('t', _) => ("т", 1),
            ('u', _) => ("у", 1),
            ('v' | 'w', _) => ("в", 1),
            ('x', _) => ("кс", 1),
            ('y', _) => match habit {
                CyrillicHabit::Bulgarian => ("й", 1),
                _ => ("ј", 1),
            },
            ('z', _) => ("з", 1),
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        push_cased(rep, upper, out);
        i += step;
    }
}

/// Latin romanisation to Greek the way a Greek officer transcribes a
/// foreign name (no /h/, /b/ as μπ, /d/ as ντ, /dʒ/ as τζ).
pub fn latin_to_greek(src: &str, out: &mut String) {
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let upper = c.is_uppercase();
        let lc = fold_char(c.to_lowercase().next().unwrap_or(c));
        let next = chars
            .get(i + 1)
            .map_or(' ', |n| fold_char(n.to_lowercase().next().unwrap_or(*n)));
        let word_end = !next.is_alphabetic();
        let (rep, step): (&str, usize) = match (lc, next) {
            ('s', 'h') => ("σ", 2),
            ('c', 'h') => ("τσ", 2),
            ('k', 'h') => ("χ", 2),
            ('g', 'h') => ("γ", 2),
            ('t', 'h') => ("θ", 2),
            ('d', 'h') => ("δ", 2),
            ('o', 'u') | ('o', 'o') => ("ου", 2),
            ('e', 'e') => ("ι", 2),
            (a, b) if a == b && a.is_ascii_alphabetic() && !"aeiou".contains(a) => {
                i += 1;
                continue;
            }
            ('a', _) => ("α", 1),
            ('b', _) => ("μπ", 1),
            ('c', _) => ("κ", 1),
            ('d', _) => ("ντ", 1),
            ('e', _) => ("ε", 1),
            ('f', _) => ("φ", 1),
            ('g', _) => ("γκ", 1),
            ('h', _) => ("χ", 1),
            ('i', _) | ('y', _) => ("ι", 1),
            ('j', _) => ("τζ", 1),
            ('k' | 'q', _) => ("κ", 1),
            ('l', _) => ("λ", 1),
            ('m', _) => ("μ", 1),
            ('n', _) => ("ν", 1),
            ('o', _) => ("ο", 1),
            ('p', _) => ("π", 1),
            ('r', _) => ("ρ", 1),
            ('s', _) if word_end => ("ς", 1),
            ('s', _) => ("σ", 1),
            ('t', _) => ("τ", 1),
            ('u', _) => ("ου", 1),
            ('v' | 'w', _) => ("β", 1),
            ('x', _) => ("ξ", 1),
            ('z', _) => ("ζ", 1),
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        if upper {
            // Greek police registers write names in capitals; final sigma
            // has no capital form.
            for g in rep.chars() {
                out.extend(g.to_uppercase());
            }
        } else {
            out.push_str(rep);
        }
        i += step;
    }
}

/// Folds a Latin letter with diacritics to its ASCII base letter, or returns
/// it unchanged. Đ/đ has no Unicode decomposition and is handled explicitly.
pub fn fold_char(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'đ' | 'ð' => 'd',
        'Đ' | 'Ð' => 'D',
        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'E',
        'ğ' => 'g',
        'Ğ' => 'G',
        'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' | 'İ' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ő' | 'ø' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ő' | 'Ø' => 'O',
        'ś' | 'š' | 'ş' => 's',
        'Ś' | 'Š' | 'Ş' => 'S',
        'ú' | 'ù' | 'û' | 'ü' | 'ű' | 'ū' => 'u',
        'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ű' | 'Ū' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ź' | 'ž' | 'ż' => 'z',
        'Ź' | 'Ž' | 'Ż' => 'Z',
        other => other,
    }
}

/// Folds a Latin string to ASCII. With `dj` set, Đ becomes "Dj" (the
/// pre-2009 Serbian passport and foreign-registry habit) instead of "D"
/// (ICAO and the Serbian ID-card MRZ), and Dž becomes "Dz" either way.
pub fn fold_ascii(src: &str, dj: bool, out: &mut String) {
    if src.is_ascii() {
        out.push_str(src);
        return;
    }
    for c in src.chars() {
        match c {
            'Đ' if dj => out.push_str("Dj"),
            'đ' if dj => out.push_str("dj"),
            _ => out.push(fold_char(c)),
        }
    }
}

/// ICAO Doc 9303 MRZ form of a Latin name: upper case A–Z, other
/// characters (space, hyphen, apostrophe) as the filler `<` or dropped.
pub fn mrz_name(src: &str, out: &mut String) {
    for c in src.chars() {
        match c {
            'Ä' | 'ä' => out.push_str("AE"),
            'Ö' | 'ö' => out.push_str("OE"),
            'Ü' | 'ü' => out.push_str("UE"),
            'ß' => out.push_str("SS"),
            ' ' | '-' => out.push('<'),
            '\'' | '.' => {}
            _ => {
                let f = fold_char(c).to_ascii_uppercase();
                if f.is_ascii_uppercase() {
                    out.push(f);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: fn(&str, &mut String), s: &str) -> String {
        let mut o = String::new();
        f(s, &mut o);
        o
    }

    #[test]
    fn serbian_latin_to_cyrillic() {
        assert_eq!(
            run(gaj_to_serbian_cyrillic, "Đorđe Đorđević"),
            "Ђорђе Ђорђевић"
        );
        assert_eq!(
            run(gaj_to_serbian_cyrillic, "Ljubiša Njegoš"),
            "Љубиша Његош"
        );
        assert_eq!(run(gaj_to_serbian_cyrillic, "Džemal Hadžić"), "Џемал Хаџић");
    }

    #[test]
    fn macedonian_and_bulgarian() {
        assert_eq!(run(macedonian_to_latin, "Ѓорѓи Ќосев"), "Gjorgji Kjosev");
        assert_eq!(
            run(macedonian_to_folded_latin, "Ѓорѓи Ќосев"),
            "Gorgi Kosev"
        );
        assert_eq!(run(bulgarian_to_latin, "Христо Щерев"), "Hristo Shterev");
        assert_eq!(run(bulgarian_to_latin, "Мария"), "Maria");
        assert_eq!(run(bulgarian_to_old_latin, "Христо"), "Khristo");
    }

    #[test]
    fn greek_elot() {
        assert_eq!(
            run(greek_to_latin, "Ευάγγελος Μπακογιάννης"),
            "Evangelos Bakogiannis"
        );
        assert_eq!(
            run(greek_to_latin, "Γεώργιος Παπαδόπουλος"),
            "Georgios Papadopoulos"
        );
        assert_eq!(run(greek_to_latin, "Ευθυμίου"), "Efthymiou");
    }

    #[test]
    fn folds_and_mrz() {
        let mut o = String::new();
        fold_ascii("Đorđević", true, &mut o);
        assert_eq!(o, "Djordjevic");
        o.clear();
        fold_ascii("Đorđević", false, &mut o);
        assert_eq!(o, "Dordevic");
        assert_eq!(
            run(mrz_name, "Abd al-Rahman Öztürk"),
            "ABD<AL<RAHMAN<OEZTUERK"
        );
    }

    #[test]
    fn foreign_names_in_local_scripts() {
        let mut o = String::new();
        latin_to_cyrillic("Mohammad Shah", CyrillicHabit::Serbian, &mut o);
        assert_eq!(o, "Мохамад Шах");
        o.clear();
        localise_latin("Jamshid Sharifi", LatinHabit::SerboCroatian, &mut o);
        assert_eq!(o, "Džamšid Šarifi");
        o.clear();
        localise_latin("Jamshid Yousef", LatinHabit::German, &mut o);
        assert_eq!(o, "Dschamschid Jusef");
        o.clear();
        latin_to_greek("Ahmad", &mut o);
        assert_eq!(o, "Αχμαντ");
    }
}
