//! Named romanisation systems, producing the several Latin forms a token may
//! take in documents: the keys shown by `veza names normalize` and used for
//! plain-text search. Matching itself compares phonetic units (see
//! [`crate::units`]), which subsume these forms.
//!
//! Tables follow docs/names.md §1: Serbian Gaj Latin with its MRZ and `dj`
//! folds; Macedonian official digraphs and the folded BGN form; Bulgarian
//! Streamlined (2009); Russian ICAO Doc 9303 and BGN/PCGN; Ukrainian KMU
//! 2010; Greek ELOT 743; ICAO Table A in simple and expanded forms.

use unicode_normalization::UnicodeNormalization;

use crate::parse::cyrillic::{CyrLang, guess};

/// A romanisation of one token under a named system.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Romanisation {
    /// System name, e.g. `sr-gaj`, `mk-digraph`, `ru-icao`, `icao-expanded`.
    pub system: &'static str,
    /// The form, lower case.
    pub form: String,
}

fn cyr_base(c: char) -> Option<&'static str> {
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
        '\u{301}' => "",
        _ => return None,
    })
}

fn sr_gaj(c: char) -> Option<&'static str> {
    Some(match c {
        'ђ' => "đ",
        'ж' => "ž",
        'ј' | 'й' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "ć",
        'х' => "h",
        'ц' => "c",
        'ч' => "č",
        'џ' => "dž",
        'ш' => "š",
        'ѓ' => "đ",
        'ќ' => "ć",
        'ѕ' => "dz",
        _ => return cyr_base(c),
    })
}

fn mk_digraph(c: char) -> Option<&'static str> {
    Some(match c {
        'ѓ' | 'ђ' => "gj",
        'ж' => "zh",
        'ѕ' => "dz",
        'ј' | 'й' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ќ' | 'ћ' => "kj",
        'х' => "h",
        'ц' => "c",
        'ч' => "ch",
        'џ' => "dj",
        'ш' => "sh",
        _ => return cyr_base(c),
    })
}

fn bg_streamlined(c: char) -> Option<&'static str> {
    Some(match c {
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
        _ => return cyr_base(c),
    })
}

fn ru_icao(c: char) -> Option<&'static str> {
    Some(match c {
        'ё' | 'э' => "e",
        'ж' => "zh",
        'й' => "i",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "ie",
        'ы' => "y",
        'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return cyr_base(c),
    })
}

fn ru_bgn(c: char) -> Option<&'static str> {
    Some(match c {
        'й' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ъ' => "",
        _ => return ru_icao(c),
    })
}

fn uk_kmu(c: char) -> Option<&'static str> {
    Some(match c {
        'г' => "h",
        'ґ' => "g",
        'є' => "ie",
        'и' => "y",
        'і' => "i",
        'ї' => "i",
        'й' => "i",
        'ю' => "iu",
        'я' => "ia",
        _ => return ru_icao(c),
    })
}

/// Ukrainian KMU 2010 writes є ї й ю я differently at the start of a word.
fn uk_initial(c: char) -> Option<&'static str> {
    Some(match c {
        'є' => "ye",
        'ї' => "yi",
        'й' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

fn apply(token: &str, table: fn(char) -> Option<&'static str>) -> String {
    token
        .chars()
        .map(|c| {
            table(c)
                .map(str::to_string)
                .unwrap_or_else(|| c.to_string())
        })
        .collect()
}

/// Strips Latin diacritics the ICAO Table A way (simple form).
pub fn icao_simple(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'đ' | 'ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            'þ' => out.push_str("th"),
            _ => out.extend(
                c.to_string()
                    .nfd()
                    .filter(|c| !matches!(*c as u32, 0x300..=0x36F)),
            ),
        }
    }
    out
}

/// ICAO Table A expanded form: ä→ae, ö→oe, ü→ue, å→aa, ß→ss.
pub fn icao_expanded(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' | 'ø' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'å' => out.push_str("aa"),
            _ => out.push_str(&icao_simple(&c.to_string())),
        }
    }
    out
}

/// ICAO simple folding except đ → dj, the form most foreign records use;
/// the plain-search folding of Latin names.
pub fn serbian_digraph_d(s: &str) -> String {
    icao_simple(&s.replace('đ', "dj"))
}

/// Serbian Latin with the pre-2009 digraph fold: đ→dj, ž→zh, č→ch, š→sh.
pub fn serbian_digraph(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'đ' => out.push_str("dj"),
            'ž' => out.push_str("zh"),
            'č' => out.push_str("ch"),
            'š' => out.push_str("sh"),
            _ => out.push_str(&icao_simple(&c.to_string())),
        }
    }
    out
}

/// Albanian orthography rewritten into Serbian Latin (Xhemajl → Džemajl,
/// Krasniqi → Krasnići), the form Serbian registrars write.
pub fn albanian_to_serbian(s: &str) -> String {
    let mut t = s.to_string();
    for (from, to) in [
        ("xh", "dž"),
        ("gj", "đ"),
        ("sh", "š"),
        ("zh", "ž"),
        ("dh", "d"),
        ("th", "t"),
        ("ll", "l"),
        ("ç", "č"),
        ("q", "ć"),
        ("ë", "e"),
        ("y", "i"),
        ("x", "dz"),
    ] {
        t = t.replace(from, to);
    }
    t
}

fn cyrillic_forms(token: &str, out: &mut Vec<Romanisation>) {
    let lang = guess(token);
    let gaj = apply(token, sr_gaj);
    let push = |out: &mut Vec<Romanisation>, system, form: String| {
        out.push(Romanisation { system, form });
    };
    let serbian = matches!(lang, CyrLang::Serbian | CyrLang::Unknown);
    let macedonian = matches!(lang, CyrLang::Macedonian | CyrLang::Unknown);
    if serbian {
        push(
            out,
            "sr-gaj",
            gaj.replace("с\u{301}", "ś").replace("з\u{301}", "ź"),
        );
        push(out, "sr-ascii", icao_simple(&gaj));
        push(out, "sr-dj", serbian_digraph(&gaj));
    }
    if macedonian {
        push(out, "mk-digraph", apply(token, mk_digraph));
        push(out, "mk-ascii", icao_simple(&gaj));
    }
    if matches!(lang, CyrLang::Bulgarian | CyrLang::Unknown) {
        let mut f = apply(token, bg_streamlined);
        if token.ends_with("ия") {
            f.truncate(f.len() - 3);
            f.push_str("ia");
        }
        push(out, "bg-2009", f);
    }
    if matches!(lang, CyrLang::Russian | CyrLang::Unknown) {
        push(out, "ru-icao", apply(token, ru_icao));
        let mut bgn = String::new();
        for (i, c) in token.chars().enumerate() {
            match c {
                'е' if i == 0 => bgn.push_str("ye"),
                'ё' => bgn.push_str("yo"),
                _ => bgn.push_str(ru_bgn(c).unwrap_or("")),
            }
        }
        push(out, "ru-bgn", bgn);
    }
    if matches!(lang, CyrLang::Ukrainian | CyrLang::Unknown) {
        let mut f = String::new();
        let mut prev = None;
        for (i, c) in token.chars().enumerate() {
            let s = if i == 0 {
                uk_initial(c).or_else(|| uk_kmu(c))
            } else if c == 'г' && prev == Some('з') {
                Some("gh")
            } else {
                uk_kmu(c)
            };
            f.push_str(s.unwrap_or(""));
            prev = Some(c);
        }
        push(out, "uk-kmu2010", f);
    }
}

fn greek_elot(token: &str) -> String {
    let chars: Vec<char> = token
        .nfd()
        .filter(|c| !matches!(*c as u32, 0x300..=0x36F))
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let n = chars.get(i + 1).copied();
        let voiceless = |k: usize| chars.get(k).is_none_or(|c| "θκξπστφχψ".contains(*c));
        let two = match (c, n) {
            ('α', Some('υ')) => Some(if voiceless(i + 2) { "af" } else { "av" }),
            ('ε', Some('υ')) => Some(if voiceless(i + 2) { "ef" } else { "ev" }),
            ('η', Some('υ')) => Some(if voiceless(i + 2) { "if" } else { "iv" }),
            ('ο', Some('υ')) => Some("ou"),
            ('μ', Some('π')) if i == 0 => Some("b"),
            ('ν', Some('τ')) if i == 0 => Some("d"),
            ('γ', Some('κ')) if i == 0 => Some("g"),
            ('γ', Some('γ')) => Some("ng"),
            ('γ', Some('ξ')) => Some("nx"),
            ('γ', Some('χ')) => Some("nch"),
            _ => None,
        };
        if let Some(s) = two {
            out.push_str(s);
            i += 2;
            continue;
        }
        out.push_str(match c {
            'α' => "a",
            'β' => "v",
            'γ' => "g",
            'δ' => "d",
            'ε' => "e",
            'ζ' => "z",
            'η' | 'ι' => "i",
            'θ' => "th",
            'κ' => "k",
            'λ' => "l",
            'μ' => "m",
            'ν' => "n",
            'ξ' => "x",
            'ο' | 'ω' => "o",
            'π' => "p",
            'ρ' => "r",
            'σ' => "s",
            'τ' => "t",
            'υ' => "y",
            'φ' => "f",
            'χ' => "ch",
            'ψ' => "ps",
            _ => "",
        });
        i += 1;
    }
    out
}

/// Romanisations of one cleaned token under every system that applies to
/// its script, deduplicated (first system wins).
pub fn romanisations(token: &str, script: crate::Script) -> Vec<Romanisation> {
    use crate::Script;
    let mut out = Vec::new();
    match script {
        Script::Cyrillic => cyrillic_forms(token, &mut out),
        Script::Greek => {
            let elot = greek_elot(token);
            let spoken = elot
                .replace("mp", "b")
                .replace("nt", "d")
                .replace("gk", "g");
            out.push(Romanisation {
                system: "el-elot743",
                form: elot,
            });
            out.push(Romanisation {
                system: "el-phonetic",
                form: spoken,
            });
        }
        Script::Latin => {
            out.push(Romanisation {
                system: "icao-simple",
                form: icao_simple(token),
            });
            out.push(Romanisation {
                system: "icao-expanded",
                form: icao_expanded(token),
            });
            out.push(Romanisation {
                system: "sr-dj",
                form: serbian_digraph(token),
            });
            if token.contains(['ë', 'ç', 'q']) || token.contains("xh") {
                out.push(Romanisation {
                    system: "sq-to-sr",
                    form: albanian_to_serbian(token),
                });
            }
        }
        Script::Arabic | Script::Other => {}
    }
    let mut seen: Vec<String> = Vec::new();
    out.retain(|r| {
        if seen.contains(&r.form) {
            false
        } else {
            seen.push(r.form.clone());
            true
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Script;

    fn forms(t: &str, s: Script) -> Vec<(&'static str, String)> {
        romanisations(t, s)
            .into_iter()
            .map(|r| (r.system, r.form))
            .collect()
    }

    #[test]
    fn serbian_forms() {
        let f = forms("ђорђевић", Script::Cyrillic);
        assert!(f.contains(&("sr-gaj", "đorđević".into())));
        assert!(f.contains(&("sr-ascii", "dordevic".into())));
        assert!(f.contains(&("sr-dj", "djordjevic".into())));
    }

    #[test]
    fn other_cyrillic_systems() {
        assert!(forms("ѓорѓи", Script::Cyrillic).contains(&("mk-digraph", "gjorgji".into())));
        assert!(forms("щерев", Script::Cyrillic).contains(&("bg-2009", "shterev".into())));
        assert!(forms("юлия", Script::Cyrillic).contains(&("ru-icao", "iuliia".into())));
        assert!(forms("згурський", Script::Cyrillic).contains(&("uk-kmu2010", "zghurskyi".into())));
        assert!(
            forms("христо", Script::Cyrillic)
                .iter()
                .any(|(_, f)| f == "hristo")
        );
    }

    #[test]
    fn greek_and_latin() {
        assert!(forms("ευάγγελος", Script::Greek).contains(&("el-elot743", "evangelos".into())));
        assert!(forms("müller", Script::Latin).contains(&("icao-expanded", "mueller".into())));
        assert!(forms("krasniqi", Script::Latin).contains(&("sq-to-sr", "krasnići".into())));
    }
}
