//! How an agency writes a person down: script, transliteration habit,
//! case, field order, date form, and the typing and reading errors of
//! real registers. Every choice is counted in [`crate::stats`].

use crate::date::Date;
use crate::names::{Name, NameId, Names, Script, Table};
use crate::person::{DobClaim, Person, Sex};
use crate::rng::Rng;
use crate::translit::{self, CyrillicHabit, LatinHabit};
use crate::world::{Agency, country};

/// The script the names of one record end up in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutScript {
    /// Latin.
    Latin,
    /// Cyrillic with a national habit.
    Cyrillic(CyrillicHabit),
    /// Greek.
    Greek,
}

/// Choices fixed for one record, applied to every name token in it.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Output script.
    pub script: OutScript,
    /// Local Latin spelling habit for foreign names.
    pub habit: Option<LatinHabit>,
    /// Keep diacritics.
    pub diacritics: bool,
    /// Đ folded to Dj rather than D.
    pub dj: bool,
    /// Capitals.
    pub upper: bool,
    /// Names copied from the person's own document (passport spelling).
    pub from_document: bool,
    /// Per-token probability of a typing error.
    pub typo: f64,
    /// Names read from the document's machine-readable zone: ICAO
    /// transliteration (Ö→OE, Ş→S, Đ→D), capitals, no diacritics.
    pub mrz: bool,
}

/// True when names of `table` are the agency's own language.
pub fn is_local(table: Table, agency_country: &str) -> bool {
    matches!(
        (table, agency_country),
        (Table::SouthSlavic, "RS" | "BA" | "ME" | "HR")
            | (Table::Macedonian, "MK")
            | (Table::Bulgarian, "BG")
            | (Table::Greek, "GR")
            | (Table::Albanian, "AL" | "XK" | "MK")
            | (Table::Hungarian, "HU")
            | (Table::Turkish, "TR")
    )
}

/// Draws the style of one record for `person` at `agency`.
pub fn choose_style(rng: &mut Rng, agency: &Agency, person: &Person, from_document: bool) -> Style {
    let local = is_local(person.table, agency.country);
    let script = if local {
        let native_script = matches!(
            person.table,
            Table::Macedonian | Table::Bulgarian | Table::Greek
        ) || (person.table == Table::SouthSlavic && agency.country != "HR");
        if native_script && rng.chance(agency.local_native) {
            match agency.country {
                "GR" => OutScript::Greek,
                "MK" => OutScript::Cyrillic(CyrillicHabit::Macedonian),
                "BG" => OutScript::Cyrillic(CyrillicHabit::Bulgarian),
                _ => OutScript::Cyrillic(CyrillicHabit::Serbian),
            }
        } else {
            OutScript::Latin
        }
    } else if from_document {
        OutScript::Latin
    } else {
        match agency.foreign_cyrillic {
            Some((h, p)) if rng.chance(p) => OutScript::Cyrillic(h),
            _ if rng.chance(agency.foreign_greek) => OutScript::Greek,
            _ => OutScript::Latin,
        }
    };
    let habit = match agency.latin_habit {
        Some((h, p)) if !local && !from_document && rng.chance(p) => Some(h),
        _ => None,
    };
    Style {
        script,
        habit,
        diacritics: rng.chance(agency.diacritics),
        dj: rng.chance(0.4),
        upper: from_document || rng.chance(agency.upper),
        from_document,
        mrz: from_document && rng.chance(0.35),
        typo: if from_document { 0.003 } else { 0.025 },
    }
}

/// Which attested spelling or romanisation variant a token uses; drawn
/// before rendering so that rendering itself is a pure function.
#[derive(Clone, Copy)]
struct Variant {
    /// Index into the attested spellings (Arabic and Bengali script).
    spelling: u8,
    /// Alternative romanisation for Cyrillic names: the folded ISO form for
    /// Macedonian (Gorgi), the old BGN form for Bulgarian (Khristo).
    alternative: bool,
}

/// Draws the variant exactly where the rendering needs a Latin base form.
fn draw_variant(rng: &mut Rng, name: &Name, person_spelling: u8, style: &Style) -> Variant {
    let mut v = Variant {
        spelling: 0,
        alternative: false,
    };
    match name.script {
        Script::Arabic | Script::Bengali => {
            let n = name.spellings.len();
            let i = if style.from_document {
                (person_spelling as usize).min(n - 1)
            } else {
                // Officers pick by ear: the usual spelling most often.
                let x = rng.unit();
                let i = if x < 0.5 {
                    0
                } else if x < 0.75 {
                    1
                } else {
                    2 + rng.index(n.max(3) - 2)
                };
                i.min(n - 1)
            };
            v.spelling = i as u8;
        }
        Script::Cyrillic => {
            let p = if name.table == Table::Macedonian {
                0.3
            } else {
                0.2
            };
            v.alternative = !style.from_document && rng.chance(p);
        }
        Script::Greek | Script::Latin => {}
    }
    v
}

/// The Latin base form of a name before local habits: an attested spelling
/// for Arabic/Bengali script, the national romanisation for Cyrillic and
/// Greek, the name itself for Latin-script names.
fn latin_base(name: &Name, v: Variant, out: &mut String) {
    match name.script {
        Script::Arabic | Script::Bengali => out.push_str(name.spellings[v.spelling as usize]),
        Script::Cyrillic => match (name.table, v.alternative) {
            (Table::Macedonian, true) => translit::macedonian_to_folded_latin(name.native, out),
            (Table::Macedonian, false) => translit::macedonian_to_latin(name.native, out),
            (_, true) => translit::bulgarian_to_old_latin(name.native, out),
            (_, false) => translit::bulgarian_to_latin(name.native, out),
        },
        Script::Greek => translit::greek_to_latin(name.native, out),
        Script::Latin => out.push_str(name.native),
    }
}

/// Scratch buffers for rendering tokens, reused across records.
#[derive(Default)]
pub struct TokenScratch {
    scratch: String,
}

/// Whether the names of one record are in the agency's own language,
/// computed once per record for the person's naming table.
#[derive(Clone, Copy)]
pub struct Locality<'a> {
    /// The person's naming table.
    pub table: Table,
    /// `is_local(table, country)`.
    pub local: bool,
    /// The agency's country.
    pub country: &'a str,
}

impl<'a> Locality<'a> {
    /// Locality of names of `table` for an agency in `country`.
    pub fn new(table: Table, country: &'a str) -> Self {
        Locality {
            table,
            local: is_local(table, country),
            country,
        }
    }
}

/// Writes one name token as the agency would.
pub fn render_token(
    rng: &mut Rng,
    id: NameId,
    person_spelling: u8,
    locality: Locality<'_>,
    style: &Style,
    scratch: &mut TokenScratch,
    out: &mut String,
) {
    let name = Names::get().name(id);
    let local = if name.table == locality.table {
        locality.local
    } else {
        is_local(name.table, locality.country)
    };
    let needs_base = match style.script {
        OutScript::Cyrillic(_) => !matches!(
            name.table,
            Table::SouthSlavic | Table::Macedonian | Table::Bulgarian
        ),
        OutScript::Greek => name.table != Table::Greek,
        OutScript::Latin => true,
    };
    let v = if needs_base {
        draw_variant(rng, name, person_spelling, style)
    } else {
        Variant {
            spelling: 0,
            alternative: false,
        }
    };
    // Fast path, the common case: a Latin record of an ASCII spelling with no
    // local respelling needs no transformation beyond capitals (identical to
    // what `render_pure` does, without its scratch copies).
    if style.script == OutScript::Latin && !style.mrz {
        let base = match name.script {
            Script::Arabic | Script::Bengali if style.habit.is_none() || local => {
                Some(name.spellings[v.spelling as usize])
            }
            Script::Latin => Some(name.native),
            _ => None,
        };
        if let Some(b) = base.filter(|b| b.is_ascii()) {
            let start = out.len();
            out.push_str(b);
            if style.upper {
                out[start..].make_ascii_uppercase();
            }
            return;
        }
    }
    render_pure(name, v, local, style, &mut scratch.scratch, out);
}

/// Renders a token from its drawn variant; no randomness.
fn render_pure(
    name: &Name,
    v: Variant,
    local: bool,
    style: &Style,
    scratch: &mut String,
    out: &mut String,
) {
    let start = out.len();
    match style.script {
        OutScript::Cyrillic(h) => match name.table {
            Table::SouthSlavic => translit::gaj_to_serbian_cyrillic(name.native, out),
            Table::Macedonian if h == CyrillicHabit::Serbian => {
                translit::macedonian_to_serbian_cyrillic(name.native, out)
            }
            Table::Macedonian | Table::Bulgarian => out.push_str(name.native),
            _ => {
                scratch.clear();
                latin_base(name, v, scratch);
                translit::latin_to_cyrillic(scratch, h, out);
            }
        },
        OutScript::Greek => {
            if name.table == Table::Greek {
                out.push_str(name.native);
            } else {
                scratch.clear();
                latin_base(name, v, scratch);
                translit::latin_to_greek(scratch, out);
            }
        }
        OutScript::Latin => {
            scratch.clear();
            latin_base(name, v, scratch);
            let foreign_romanised = matches!(name.script, Script::Arabic | Script::Bengali);
            match style.habit {
                Some(h) if foreign_romanised && !local => {
                    let mark = out.len();
                    translit::localise_latin(scratch, h, out);
                    if !style.diacritics {
                        let s = out.split_off(mark);
                        translit::fold_ascii(&s, style.dj, out);
                    }
                }
                _ if style.mrz => {
                    let mark = out.len();
                    translit::mrz_name(scratch, out);
                    if out[mark..].contains('<') {
                        let s = out.split_off(mark);
                        out.push_str(&s.replace('<', " "));
                    }
                }
                _ => {
                    if style.diacritics || style.from_document && name.table == Table::Turkish {
                        out.push_str(scratch);
                    } else {
                        translit::fold_ascii(scratch, style.dj, out);
                    }
                }
            }
        }
    }
    if style.upper {
        if out[start..].is_ascii() {
            out[start..].make_ascii_uppercase();
        } else {
            let s = out.split_off(start);
            for c in s.chars() {
                out.extend(translit::strip_greek_accent(c).to_uppercase());
            }
        }
    }
}

/// A keyboard-neighbour, deletion, doubling or transposition error in the
/// token that starts at `start`; returns true when one was made.
pub fn typo(rng: &mut Rng, out: &mut String, start: usize, p: f64) -> bool {
    if !rng.chance(p) {
        return false;
    }
    let tail: Vec<char> = out[start..].chars().collect();
    if tail.len() < 3 {
        return false;
    }
    let i = 1 + rng.index(tail.len() - 2);
    let mut t = tail.clone();
    match rng.below(4) {
        0 => {
            t.remove(i);
        }
        1 => t.insert(i, t[i]),
        2 => t.swap(i, i + 1),
        _ => {
            let c = t[i];
            t[i] = neighbour(c).unwrap_or(c);
        }
    }
    if t == tail {
        // Swapping a double letter changes nothing: drop one instead.
        t.remove(i);
    }
    out.truncate(start);
    out.extend(t);
    true
}

/// A QWERTY neighbour of an ASCII letter.
fn neighbour(c: char) -> Option<char> {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let lower = c.to_ascii_lowercase();
    for row in ROWS {
        if let Some(i) = row.find(lower) {
            let b = row.as_bytes();
            let j = if i + 1 < b.len() { i + 1 } else { i - 1 };
            let n = char::from(b[j]);
            return Some(if c.is_ascii_uppercase() {
                n.to_ascii_uppercase()
            } else {
                n
            });
        }
    }
    None
}

/// OCR confusions when a document number is read by a scanner or copied
/// from a photo: 0/O, 1/I, 5/S, 8/B, 2/Z, 6/G.
pub fn ocr_confuse(rng: &mut Rng, number: &str, out: &mut String) {
    let positions: Vec<usize> = number
        .char_indices()
        .filter(|(_, c)| "01582O6ISBZG".contains(*c))
        .map(|(i, _)| i)
        .collect();
    let target = if positions.is_empty() {
        usize::MAX
    } else {
        *rng.pick(&positions)
    };
    for (i, c) in number.char_indices() {
        if i == target {
            out.push(match c {
                '0' => 'O',
                'O' => '0',
                '1' => 'I',
                'I' => '1',
                '5' => 'S',
                'S' => '5',
                '8' => 'B',
                'B' => '8',
                '2' => 'Z',
                'Z' => '2',
                '6' => 'G',
                'G' => '6',
                o => o,
            });
        } else {
            out.push(c);
        }
    }
}

/// How a date of birth was written in one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DobForm {
    /// Full date as known.
    Full,
    /// 1 January placeholder.
    JanFirst,
    /// Year only.
    YearOnly,
    /// Year and month.
    YearMonth,
    /// Day and month swapped.
    Swapped,
    /// Claimed year differs from the truth.
    Shifted,
    /// Left empty.
    Missing,
}

/// Writes the date of birth of `p` as recorded, returning its form.
pub fn write_dob(
    rng: &mut Rng,
    p: &Person,
    birth: Date,
    from_document: bool,
    date_style: u8,
    out: &mut String,
) -> DobForm {
    let (date, mut form) = if from_document {
        (birth, DobForm::Full)
    } else {
        match p.dob_claim {
            DobClaim::Exact => (birth, DobForm::Full),
            DobClaim::JanFirst => (
                Date {
                    y: birth.y,
                    m: 1,
                    d: 1,
                },
                DobForm::JanFirst,
            ),
            DobClaim::YearOnly => (birth, DobForm::YearOnly),
            DobClaim::ShiftedYear(s) => (
                Date {
                    y: birth.y + i32::from(s),
                    m: 1,
                    d: 1,
                },
                DobForm::Shifted,
            ),
        }
    };
    if !from_document && form == DobForm::Full {
        let x = rng.unit();
        if x < 0.03 {
            form = DobForm::Missing;
        } else if x < 0.05 {
            form = DobForm::YearMonth;
        } else if x < 0.07 && date.d <= 12 && date.d != date.m {
            form = DobForm::Swapped;
        }
    }
    match form {
        DobForm::Missing => {}
        DobForm::YearOnly => {
            crate::date::push_padded(date.y.max(0) as u64, 4, out);
        }
        DobForm::YearMonth => {
            crate::date::push_padded(date.y.max(0) as u64, 4, out);
            out.push('-');
            crate::date::push_padded(u64::from(date.m), 2, out);
        }
        _ => {
            let d = if form == DobForm::Swapped {
                Date {
                    y: date.y,
                    m: date.d,
                    d: date.m,
                }
            } else {
                date
            };
            match date_style {
                1 if rng.chance(0.5) => d.write_dotted(out),
                2 => d.write_compact(out),
                _ => d.write_iso(out),
            }
        }
    }
    form
}

/// `M`, `F`, sometimes `U` or empty when not recorded.
pub fn write_sex(rng: &mut Rng, sex: Sex, out: &mut String) {
    let x = rng.unit();
    if x < 0.01 {
        out.push('U');
    } else if x < 0.02 {
    } else {
        out.push(match sex {
            Sex::M => 'M',
            Sex::F => 'F',
        });
    }
}

/// ISO code of the nationality as recorded; a claimed nationality in some
/// records, both nationalities of dual citizens in some.
pub fn write_nationality(
    rng: &mut Rng,
    p: &Person,
    alias_nat: Option<u8>,
    out: &mut String,
) -> bool {
    if let Some(n) = alias_nat {
        out.push_str(country(n).a2);
        return n != p.nationality;
    }
    if let Some(c) = p.claimed_nationality
        && rng.chance(0.5)
    {
        out.push_str(country(c).a2);
        return true;
    }
    out.push_str(country(p.nationality).a2);
    if let Some(s) = p.second_nationality
        && rng.chance(0.5)
    {
        out.push(';');
        out.push_str(country(s).a2);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_changes_one_confusable_character() {
        let mut rng = Rng::new(9, 0);
        let mut out = String::new();
        ocr_confuse(&mut rng, "AB1234567", &mut out);
        assert_ne!(out, "AB1234567");
        assert_eq!(out.len(), 9);
    }

    #[test]
    fn typo_keeps_most_of_the_token() {
        let mut rng = Rng::new(1, 0);
        let mut s = String::from("Mohammad");
        assert!(typo(&mut rng, &mut s, 0, 1.0));
        assert!(s.len() >= 7 && s.len() <= 9 && s != "Mohammad", "{s}");
    }
}
