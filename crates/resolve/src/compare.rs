//! Comparison kinds, the values they compare and their levels.
//!
//! Each kind turns a raw value into a [`Value`] once per record, and compares
//! two values into a level: 0 when either side is missing (no evidence
//! either way), then 1 for the strongest agreement down to the last level,
//! which is disagreement. Levels are named so that explanations read well.

use serde::{Deserialize, Serialize};
use veza_model::PartialDate;
use veza_names::AnalysedName;

/// How a field is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Person names, scored by the names crate (cross-script, variants).
    Name,
    /// Dates of birth, with partial dates and typical corruptions.
    Date,
    /// Sex (M/F).
    Sex,
    /// Exact agreement only (nationality, codes, declared `exact` columns).
    Exact,
    /// Identity document numbers: exact, OCR-confusable, one edit.
    Document,
    /// Phone numbers, normalised.
    Phone,
    /// Free text (place, city, address, region): exact, then Jaro-Winkler.
    Fuzzy,
    /// Postcodes: exact, one edit.
    Postcode,
    /// Identifiers (national id, declared `id` columns): exact, one edit.
    Id,
}

impl Kind {
    /// Parses a `--field COL:KIND` kind: exact, fuzzy, name, date, id.
    pub fn from_declared(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "exact" => Some(Kind::Exact),
            "fuzzy" => Some(Kind::Fuzzy),
            "name" => Some(Kind::Name),
            "date" => Some(Kind::Date),
            "id" => Some(Kind::Id),
            _ => None,
        }
    }

    /// Level labels, index 0 being "missing".
    pub fn levels(self) -> &'static [&'static str] {
        match self {
            Kind::Name => &[
                "missing",
                "same name (score >= 0.97)",
                "close variant (score >= 0.90)",
                "similar (score >= 0.80)",
                "weakly similar (score >= 0.65)",
                "a given name agrees",
                "another name part agrees",
                "different",
            ],
            Kind::Date => &[
                "missing",
                "exact",
                "placeholder 1 January, same year",
                "day and month swapped",
                "one digit differs",
                "same year and month",
                "same year",
                "within one year",
                "different",
            ],
            Kind::Sex | Kind::Exact => &["missing", "exact", "different"],
            Kind::Document => &[
                "missing",
                "exact",
                "equal up to OCR confusions",
                "one edit",
                "different",
            ],
            Kind::Phone => &["missing", "exact", "same last 8 digits", "different"],
            Kind::Fuzzy => &[
                "missing",
                "exact",
                "very similar (JW >= 0.92)",
                "similar (JW >= 0.80)",
                "different",
            ],
            Kind::Postcode | Kind::Id => &["missing", "exact", "one edit", "different"],
        }
    }

    /// Whether the exact level gets a term-frequency adjustment.
    pub fn term_frequency(self) -> bool {
        matches!(
            self,
            Kind::Name | Kind::Date | Kind::Fuzzy | Kind::Postcode | Kind::Exact
        )
    }

    /// Prior m probabilities (before EM), per level including "missing".
    pub(crate) fn m_prior(self) -> Vec<f64> {
        let n = self.levels().len();
        let mut m = vec![0.0; n];
        // Geometric decay: most true matches agree exactly.
        let mut rest = 1.0;
        for (i, slot) in m.iter_mut().enumerate().skip(1) {
            if i == n - 1 {
                *slot = rest;
            } else {
                *slot = rest * 0.8;
                rest -= *slot;
            }
        }
        m
    }
}

/// A prepared value of one field of one record.
#[derive(Debug, Clone)]
pub enum Value {
    /// Nothing recorded.
    Missing,
    /// An analysed name.
    Name(AnalysedName),
    /// A parsed date.
    Date(PartialDate),
    /// A normalised text.
    Text(Box<str>),
}

impl Value {
    /// Prepares a raw value for a kind. `None` for a malformed date (the
    /// caller counts it; it is then treated as missing).
    pub fn prepare(kind: Kind, raw: &str) -> Option<Value> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Some(Value::Missing);
        }
        Some(match kind {
            Kind::Name => {
                let n = veza_names::analyse(raw);
                if n.is_empty() {
                    Value::Missing
                } else {
                    Value::Name(n)
                }
            }
            Kind::Date => return raw.parse::<PartialDate>().ok().map(Value::Date),
            Kind::Sex => match raw.chars().next().map(|c| c.to_ascii_uppercase()) {
                Some('M') => Value::Text("M".into()),
                Some('F') | Some('W') | Some('Ž') => Value::Text("F".into()),
                _ => Value::Missing,
            },
            Kind::Exact | Kind::Postcode | Kind::Id => text_or_missing(fold_code(raw)),
            Kind::Document => text_or_missing(fold_code(raw)),
            Kind::Phone => text_or_missing(raw.chars().filter(char::is_ascii_digit).collect()),
            Kind::Fuzzy => text_or_missing(fold_text(raw)),
        })
    }

    /// Whether the value is missing.
    pub fn is_missing(&self) -> bool {
        matches!(self, Value::Missing)
    }

    /// Displayable form.
    pub fn display(&self) -> String {
        match self {
            Value::Missing => String::new(),
            Value::Name(n) => n.original().to_owned(),
            Value::Date(d) => d.to_string(),
            Value::Text(t) => t.to_string(),
        }
    }

    /// The key for term frequencies: equal values, equal keys.
    pub fn tf_key(&self) -> Option<u64> {
        match self {
            Value::Missing => None,
            Value::Name(n) => Some(name_frequency_key(n)),
            Value::Date(d) => Some(
                (d.year as u64) << 16
                    | (d.month.unwrap_or(0) as u64) << 8
                    | d.day.unwrap_or(0) as u64,
            ),
            Value::Text(t) => Some(veza_names::tables::hash_str(t)),
        }
    }
}

/// The key under which a name is counted for term frequencies: the name
/// rather than its spelling. Each name token stands for its first variant
/// group (Muhammad, Mohammad, Mohamed, Мухамед…), or for its first reading
/// when it is in no group, and the tokens are taken in sorted order, so
/// that every spelling, script and order of a common name adds to one
/// count. (Counting spellings apart made each rare transliteration of a
/// common name look rare, and weigh as much as a rare name.)
fn name_frequency_key(n: &AnalysedName) -> u64 {
    let mut parts = [0u64; veza_names::MAX_TOKENS + 6];
    let mut len = 0;
    for t in n.tokens() {
        if t.kind != veza_names::TokenKind::Name || len == parts.len() {
            continue;
        }
        parts[len] = match t.groups.iter().min() {
            Some(&g) => 0x8000_0000_0000_0000 | g as u64,
            None if t.nseq() > 0 => t.keys[0] & 0x7fff_ffff_ffff_ffff,
            None => veza_names::tables::hash_str(&t.text) & 0x7fff_ffff_ffff_ffff,
        };
        len += 1;
    }
    if len == 0 {
        return veza_names::tables::hash_str(n.cleaned());
    }
    let parts = &mut parts[..len];
    parts.sort_unstable();
    parts.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &p| {
        (h ^ p).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(23)
    })
}

fn text_or_missing(s: String) -> Value {
    if s.is_empty() {
        Value::Missing
    } else {
        Value::Text(s.into())
    }
}

/// Upper-case ASCII letters and digits only.
pub fn fold_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Lower case, letters and digits, single spaces.
pub fn fold_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for w in raw
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Folds characters that OCR confuses: O/Q/D→0, I/L→1, Z→2, S→5, G→6, B→8.
pub fn ocr_fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'O' | 'Q' | 'D' => '0',
            'I' | 'L' => '1',
            'Z' => '2',
            'S' => '5',
            'G' => '6',
            'B' => '8',
            c => c,
        })
        .collect()
}

/// At most one substitution, insertion, deletion or adjacent transposition.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a = a.as_bytes();
    let b = b.as_bytes();
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if la == lb {
        // substitution or transposition
        if a[p + 1..] == b[p + 1..] {
            return true;
        }
        return p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..];
    }
    let (long, short) = if la > lb { (a, b) } else { (b, a) };
    long[p + 1..] == short[p..]
}

/// The level of two values of a kind (0 when either is missing).
pub fn level(kind: Kind, a: &Value, b: &Value) -> u8 {
    match (a, b) {
        (Value::Missing, _) | (_, Value::Missing) => 0,
        (Value::Name(x), Value::Name(y)) => {
            let s = if x.cleaned() == y.cleaned() {
                1.0
            } else {
                veza_names::score(x, y)
            };
            if s >= 0.97 {
                1
            } else if s >= 0.90 {
                2
            } else if s >= 0.80 {
                3
            } else if s >= 0.65 {
                4
            } else {
                shared_token(x, y)
            }
        }
        (Value::Date(x), Value::Date(y)) => date_level(x, y),
        (Value::Text(x), Value::Text(y)) => text_level(kind, x, y),
        _ => 0,
    }
}

/// For names that do not match as a whole: 5 when a given name of one
/// matches a given name of the other (the family field often holds a
/// father's or grandfather's name instead of an inherited surname, or a
/// married name), 6 when any other name token matches, 7 otherwise. Tokens
/// match when they share a reading or a variant group. Without roles (a
/// full name), the first name token counts as the given name.
fn shared_token(x: &AnalysedName, y: &AnalysedName) -> u8 {
    use veza_names::{Role, TokenKind};
    fn names(n: &AnalysedName) -> Vec<(bool, &veza_names::Token)> {
        let mut first = true;
        n.tokens()
            .iter()
            .filter(|t| t.kind == TokenKind::Name)
            .map(|t| {
                let given = t.role == Role::Given || (t.role == Role::Unknown && first);
                first = false;
                (given, t)
            })
            .collect()
    }
    let matches = |a: &veza_names::Token, b: &veza_names::Token| {
        a.keys[..a.nseq()]
            .iter()
            .any(|k| b.keys[..b.nseq()].contains(k))
            || (a.group_bloom & b.group_bloom != 0 && a.groups.iter().any(|g| b.groups.contains(g)))
    };
    let (tx, ty) = (names(x), names(y));
    let mut any = false;
    for &(ga, a) in &tx {
        for &(gb, b) in &ty {
            if matches(a, b) {
                if ga && gb {
                    return 5;
                }
                any = true;
            }
        }
    }
    if any { 6 } else { 7 }
}

fn text_level(kind: Kind, x: &str, y: &str) -> u8 {
    let last = kind.levels().len() as u8 - 1;
    if x == y {
        return 1;
    }
    match kind {
        Kind::Document => {
            if ocr_fold(x) == ocr_fold(y) {
                2
            } else if within_one_edit(x, y) {
                3
            } else {
                4
            }
        }
        Kind::Phone => {
            let tail = |s: &str| s.len().checked_sub(8).map(|i| s[i..].to_owned());
            match (tail(x), tail(y)) {
                (Some(a), Some(b)) if a == b => 2,
                _ => 3,
            }
        }
        Kind::Fuzzy => {
            let jw = strsim::jaro_winkler(x, y);
            if jw >= 0.92 {
                2
            } else if jw >= 0.80 {
                3
            } else {
                4
            }
        }
        Kind::Postcode | Kind::Id => {
            if within_one_edit(x, y) {
                2
            } else {
                3
            }
        }
        _ => last,
    }
}

fn date_digits(d: &PartialDate) -> Option<[u8; 8]> {
    let (m, day) = (d.month?, d.day?);
    let y = d.year;
    Some([
        (y / 1000 % 10) as u8,
        (y / 100 % 10) as u8,
        (y / 10 % 10) as u8,
        (y % 10) as u8,
        m / 10,
        m % 10,
        day / 10,
        day % 10,
    ])
}

fn date_level(x: &PartialDate, y: &PartialDate) -> u8 {
    if x == y {
        return 1;
    }
    let full = |d: &PartialDate| d.month.is_some() && d.day.is_some();
    if x.year == y.year && (x.is_placeholder() || y.is_placeholder()) {
        return 2;
    }
    if full(x) && full(y) {
        if x.year == y.year && x.month == y.day && x.day == y.month {
            return 3;
        }
        if let (Some(a), Some(b)) = (date_digits(x), date_digits(y)) {
            let mut diff = [0usize; 8];
            let mut nd = 0;
            for i in 0..8 {
                if a[i] != b[i] {
                    diff[nd] = i;
                    nd += 1;
                }
            }
            let typo = nd == 1
                || (nd == 2
                    && diff[1] == diff[0] + 1
                    && a[diff[0]] == b[diff[1]]
                    && a[diff[1]] == b[diff[0]]);
            if typo {
                return 4;
            }
        }
        if x.year == y.year && x.month == y.month {
            return 5;
        }
    }
    if x.year == y.year {
        // Partial dates agreeing as far as they go count as "same year".
        return 6;
    }
    if x.year.abs_diff(y.year) == 1 && x.month == y.month && x.day == y.day {
        return 7;
    }
    8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Value {
        Value::prepare(Kind::Date, s).unwrap()
    }

    #[test]
    fn date_levels() {
        assert_eq!(level(Kind::Date, &d("1990-03-04"), &d("19900304")), 1);
        assert_eq!(level(Kind::Date, &d("1990-01-01"), &d("1990-06-07")), 2);
        assert_eq!(level(Kind::Date, &d("1990-03-04"), &d("1990-04-03")), 3);
        assert_eq!(level(Kind::Date, &d("1990-03-04"), &d("1990-03-05")), 4);
        assert_eq!(level(Kind::Date, &d("1990-03-04"), &d("1990-03-25")), 5);
        assert_eq!(level(Kind::Date, &d("1990-03-04"), &d("1990")), 6);
        assert_eq!(level(Kind::Date, &d("1990-03-04"), &d("1991-03-04")), 4);
        assert_eq!(level(Kind::Date, &d("1989-03-04"), &d("1990-03-04")), 7);
        assert_eq!(level(Kind::Date, &d("1960-03-04"), &d("1990-07-14")), 8);
        assert!(Value::prepare(Kind::Date, "1990-13-45").is_none());
    }

    #[test]
    fn edits() {
        assert!(within_one_edit("abcd", "abdc"));
        assert!(within_one_edit("abcd", "abd"));
        assert!(within_one_edit("abcd", "abxd"));
        assert!(!within_one_edit("abcd", "badc"));
        assert_eq!(ocr_fold("AB0IS"), ocr_fold("A8O15"));
    }
}
