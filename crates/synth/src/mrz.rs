//! ICAO Doc 9303 TD3 (passport) machine-readable zone.
//!
//! Check digits use weights 7, 3, 1 repeating over the character values
//! (digits as themselves, A–Z as 10–35, `<` as 0), sum modulo 10
//! (Doc 9303 Part 3 §4.9).

/// Value of one MRZ character for the check-digit computation.
fn value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 0,
    }
}

/// The check digit of an MRZ field.
pub fn check_digit(field: &[u8]) -> u8 {
    const W: [u32; 3] = [7, 3, 1];
    let sum: u32 = field
        .iter()
        .enumerate()
        .map(|(i, &c)| value(c) * W[i % 3])
        .sum();
    b'0' + (sum % 10) as u8
}

/// Fields of a TD3 MRZ; names must already be in MRZ form (A–Z and `<`).
pub struct Td3<'a> {
    /// Issuing state, ICAO three-letter code.
    pub issuer: &'a str,
    /// Primary identifier (family name) in MRZ form.
    pub surname: &'a str,
    /// Secondary identifier (given names) in MRZ form.
    pub given: &'a str,
    /// Document number (up to 9 characters, A–Z 0–9).
    pub number: &'a str,
    /// Nationality, ICAO three-letter code.
    pub nationality: &'a str,
    /// Date of birth YYMMDD (`<<<<<<` when unknown).
    pub birth: &'a str,
    /// Sex `M`, `F` or `<`.
    pub sex: u8,
    /// Date of expiry YYMMDD.
    pub expiry: &'a str,
    /// Optional personal number (up to 14 characters), often empty.
    pub personal: &'a str,
}

fn pad(out: &mut Vec<u8>, s: &str, len: usize) {
    let start = out.len();
    out.extend(s.bytes().take(len));
    out.resize(start + len, b'<');
}

/// Writes the two 44-character lines joined by `\n` into `out`.
pub fn td3(f: &Td3<'_>, out: &mut String) {
    let mut l1: Vec<u8> = Vec::with_capacity(44);
    l1.extend_from_slice(b"P<");
    pad(&mut l1, f.issuer, 3);
    let mut name = Vec::with_capacity(39);
    name.extend(f.surname.bytes());
    name.extend_from_slice(b"<<");
    name.extend(f.given.bytes());
    // Doc 9303 truncates names that do not fit the 39 positions.
    name.truncate(39);
    name.resize(39, b'<');
    l1.extend(name);

    let mut l2: Vec<u8> = Vec::with_capacity(44);
    pad(&mut l2, f.number, 9);
    let c = check_digit(&l2[0..9]);
    l2.push(c);
    pad(&mut l2, f.nationality, 3);
    pad(&mut l2, f.birth, 6);
    let c = check_digit(&l2[13..19]);
    l2.push(c);
    l2.push(f.sex);
    pad(&mut l2, f.expiry, 6);
    let c = check_digit(&l2[21..27]);
    l2.push(c);
    pad(&mut l2, f.personal, 14);
    let c = check_digit(&l2[28..42]);
    l2.push(c);
    // Composite: number+check, birth+check, expiry+check, personal+check.
    let mut comp = Vec::with_capacity(39);
    comp.extend_from_slice(&l2[0..10]);
    comp.extend_from_slice(&l2[13..20]);
    comp.extend_from_slice(&l2[21..43]);
    let c = check_digit(&comp);
    l2.push(c);
    out.push_str(std::str::from_utf8(&l1).unwrap_or_default());
    out.push('\n');
    out.push_str(std::str::from_utf8(&l2).unwrap_or_default());
}

/// Verifies every check digit of a TD3 MRZ (`line1\nline2`).
pub fn verify_td3(mrz: &str) -> bool {
    let mut lines = mrz.split('\n');
    let (Some(l1), Some(l2), None) = (lines.next(), lines.next(), lines.next()) else {
        return false;
    };
    let (l1, l2) = (l1.as_bytes(), l2.as_bytes());
    if l1.len() != 44 || l2.len() != 44 || l1[0] != b'P' {
        return false;
    }
    let ok_chars = |l: &[u8]| {
        l.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'<')
    };
    if !ok_chars(l1) || !ok_chars(l2) {
        return false;
    }
    let mut comp = Vec::with_capacity(39);
    comp.extend_from_slice(&l2[0..10]);
    comp.extend_from_slice(&l2[13..20]);
    comp.extend_from_slice(&l2[21..43]);
    check_digit(&l2[0..9]) == l2[9]
        && check_digit(&l2[13..19]) == l2[19]
        && check_digit(&l2[21..27]) == l2[27]
        && check_digit(&l2[28..42]) == l2[42]
        && check_digit(&comp) == l2[43]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_9303_specimen() {
        // The Utopia specimen of ICAO Doc 9303 Part 4.
        let mut s = String::new();
        td3(
            &Td3 {
                issuer: "UTO",
                surname: "ERIKSSON",
                given: "ANNA<MARIA",
                number: "L898902C3",
                nationality: "UTO",
                birth: "740812",
                sex: b'F',
                expiry: "120415",
                personal: "ZE184226B",
            },
            &mut s,
        );
        assert_eq!(
            s,
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
        );
        assert!(verify_td3(&s));
        assert!(!verify_td3(&s.replace("C36", "C35")));
        assert_eq!(check_digit(b"123456BB"), b'5');
    }
}
