//! Normalisation of identifiers for exact lookups: document numbers, number
//! plates and vehicle identification numbers. Both the alert side and the
//! query side go through the same function, so a folded confusion matches
//! whichever way it was misread.

/// Latin letters that look like Cyrillic or Greek capitals on plates and
/// documents typed on a local keyboard.
fn homoglyph(c: char) -> char {
    match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'Е' | 'Ε' => 'E',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Н' | 'Η' => 'H',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'С' => 'C',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' => 'Y',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'Ζ' => 'Z',
        'Ν' => 'N',
        'Š' | 'Ш' => 'S',
        'Č' | 'Ć' | 'Ч' | 'Ћ' => 'C',
        'Ž' | 'Ж' => 'Z',
        'Đ' | 'Ђ' | 'Д' => 'D',
        other => other,
    }
}

/// Upper-case alphanumerics only, homoglyphs read as Latin; spaces, dashes,
/// dots, slashes and MRZ fillers dropped.
fn alphanumerics(raw: &str) -> impl Iterator<Item = char> + '_ {
    raw.chars()
        .flat_map(char::to_uppercase)
        .map(homoglyph)
        .filter(char::is_ascii_alphanumeric)
}

/// OCR confusions between letters and digits, folded towards the digit.
fn ocr_fold(c: char) -> char {
    match c {
        'O' | 'Q' | 'D' => '0',
        'I' | 'L' => '1',
        'Z' => '2',
        'B' => '8',
        'S' => '5',
        'G' => '6',
        other => other,
    }
}

/// A document number in its matching form: upper-case alphanumerics with
/// the OCR confusions O/0, I/1, B/8, S/5 (and Q, D → 0, L → 1, Z → 2,
/// G → 6) folded, so `AB 123 456` and `A8123456` compare equal.
///
/// ```
/// use veza_screen::normalize_document_number;
/// assert_eq!(normalize_document_number("ab-1234 56"), normalize_document_number("A81234S6"));
/// assert_eq!(normalize_document_number("  "), "");
/// ```
pub fn normalize_document_number(raw: &str) -> String {
    alphanumerics(raw).map(ocr_fold).collect()
}

/// A number plate in its matching form: upper-case alphanumerics, Cyrillic
/// and Greek look-alikes and Latin diacritics read as their Latin base
/// (`БГ` stays distinct, `ВЕ` reads `BE`), then the same OCR folding as
/// document numbers since plates are read by cameras.
///
/// ```
/// use veza_screen::normalize_plate;
/// assert_eq!(normalize_plate("BG 123-ŠĐ"), normalize_plate("bg123sd"));
/// ```
pub fn normalize_plate(raw: &str) -> String {
    alphanumerics(raw).map(ocr_fold).collect()
}

/// A vehicle identification number (ISO 3779) in its matching form:
/// upper-case alphanumerics with I, O and Q, which VINs never contain, read
/// as 1, 0 and 0.
///
/// ```
/// use veza_screen::normalize_vin;
/// assert_eq!(normalize_vin("wvw zzz1jz 3w386752"), "WVWZZZ1JZ3W386752");
/// assert_eq!(normalize_vin("WVWZZZIJZ3W386752"), "WVWZZZ1JZ3W386752");
/// ```
pub fn normalize_vin(raw: &str) -> String {
    alphanumerics(raw)
        .map(|c| match c {
            'I' => '1',
            'O' | 'Q' => '0',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_number_confusions_fold_both_ways() {
        let table = [
            ("P0123456", "PO123456"),
            ("A1B2S3", "AIB2S3"),
            ("AB123456", "A8123456"),
            ("55123", "SS123"),
            ("ab 12-34", "AB1234"),
            ("RS<<1234", "RS1234"),
        ];
        for (a, b) in table {
            assert_eq!(
                normalize_document_number(a),
                normalize_document_number(b),
                "{a} vs {b}"
            );
        }
        assert_ne!(
            normalize_document_number("AB123456"),
            normalize_document_number("AB123457")
        );
    }

    #[test]
    fn plates_read_cyrillic_lookalikes() {
        assert_eq!(normalize_plate("ВЕ 123 АК"), normalize_plate("BE123AK"));
        assert_ne!(normalize_plate("NS 123 AB"), normalize_plate("NS 124 AB"));
    }

    #[test]
    fn normalisation_is_idempotent() {
        for s in ["Ab-12 O", "ВЕ 12", "xx", ""] {
            let once = normalize_document_number(s);
            assert_eq!(normalize_document_number(&once), once);
            let p = normalize_plate(s);
            assert_eq!(normalize_plate(&p), p);
            let v = normalize_vin(s);
            assert_eq!(normalize_vin(&v), v);
        }
    }
}
