//! Phone numbers in E.164.

use crate::{Error, Result};

/// Brings a phone number to E.164 (`+` and 8–15 digits).
///
/// Spaces, dots, dashes and brackets are dropped; a leading `00` becomes `+`.
/// National numbers without a country code are refused rather than guessed:
/// a wrong guess would link unrelated people.
pub fn normalize_phone(raw: &str) -> Result<String> {
    let bad = |reason| Error::InvalidPhone {
        value: raw.to_owned(),
        reason,
    };
    let mut out = String::with_capacity(16);
    for (i, c) in raw.trim().chars().enumerate() {
        match c {
            '+' if i == 0 => out.push('+'),
            '0'..='9' => out.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            _ => return Err(bad("only digits, spaces, + . - ( ) / are allowed")),
        }
    }
    if let Some(rest) = out.strip_prefix("00") {
        out = format!("+{rest}");
    }
    let Some(digits) = out.strip_prefix('+') else {
        return Err(bad("no country code (+ or 00)"));
    };
    if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
        return Err(bad(
            "E.164 numbers have 8 to 15 digits after the country code's +",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_common_forms() {
        assert_eq!(
            normalize_phone("+381 64 123-4567").unwrap(),
            "+381641234567"
        );
        assert_eq!(
            normalize_phone("00389 (70) 123 456").unwrap(),
            "+38970123456"
        );
        assert!(normalize_phone("064 123 4567").is_err());
        assert!(normalize_phone("+38164abc").is_err());
        assert!(normalize_phone("+1").is_err());
    }
}
