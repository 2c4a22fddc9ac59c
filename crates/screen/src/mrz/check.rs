//! Check digits (Doc 9303 Part 3 §4.9): weights 7, 3, 1 repeating over
//! the character values (digits as themselves, A–Z as 10–35, `<` as 0),
//! sum modulo 10.

/// Value of one MRZ character; anything outside the alphabet counts as a
/// filler so that a bad read still yields a digit to compare.
fn value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 0,
    }
}

/// The check digit (`'0'..='9'`) of a field in MRZ form.
pub fn check_digit(field: &[u8]) -> char {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let sum: u32 = field
        .iter()
        .enumerate()
        .map(|(i, &c)| value(c) * WEIGHTS[i % 3])
        .sum();
    char::from(b'0' + (sum % 10) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_9303_examples() {
        // Part 3 worked example and the specimen passport (Part 4 Appendix).
        assert_eq!(check_digit(b"520727"), '3');
        assert_eq!(check_digit(b"L898902C3"), '6');
        assert_eq!(check_digit(b"740812"), '2');
        assert_eq!(check_digit(b"120415"), '9');
        assert_eq!(check_digit(b"123456BB"), '5');
    }
}
