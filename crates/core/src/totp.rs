//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps,
//! six digits), the optional second factor at sign-in.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

const STEP_SECONDS: u64 = 30;
const DIGITS: u32 = 6;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A fresh 160-bit secret, base32 (what authenticator apps expect).
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::fill(&mut bytes);
    base32_encode(&bytes)
}

/// The `otpauth://` URI for enrolling an authenticator app.
pub fn otpauth_uri(secret: &str, username: &str) -> String {
    format!(
        "otpauth://totp/veza:{username}?secret={secret}&issuer=veza&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )
}

/// The code for a secret at a Unix time, or `None` for a malformed secret.
pub fn code_at(secret: &str, unix_seconds: u64) -> Option<u32> {
    let key = base32_decode(secret)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).ok()?;
    mac.update(&(unix_seconds / STEP_SECONDS).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    Some(binary % 10u32.pow(DIGITS))
}

/// Whether `code` is valid now, allowing one step of clock drift either way.
pub fn verify(secret: &str, code: &str, unix_seconds: u64) -> bool {
    let code = code.trim();
    let Ok(given) = code.parse::<u32>() else {
        return false;
    };
    if code.len() != DIGITS as usize {
        return false;
    }
    [
        unix_seconds.saturating_sub(STEP_SECONDS),
        unix_seconds,
        unix_seconds + STEP_SECONDS,
    ]
    .iter()
    .any(|&t| code_at(secret, t) == Some(given))
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = ALPHABET
            .iter()
            .position(|&a| a == c.to_ascii_uppercase() as u8)? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push((buffer >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, truncated to six digits.
    #[test]
    fn rfc_6238_vectors() {
        let secret = base32_encode(b"12345678901234567890");
        for (t, code) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
        ] {
            assert_eq!(code_at(&secret, t), Some(code), "t={t}");
        }
    }

    #[test]
    fn verification_allows_one_step_of_drift_only() {
        let secret = generate_secret();
        let t = 1_800_000_000;
        let code = format!("{:06}", code_at(&secret, t).unwrap());
        assert!(verify(&secret, &code, t));
        assert!(verify(&secret, &code, t + 30));
        assert!(!verify(&secret, &code, t + 90));
        assert!(!verify(&secret, "12345", t));
        assert!(!verify(&secret, "abcdef", t));
        assert!(!verify("not base32!", &code, t));
        assert_eq!(
            base32_decode(&base32_encode(b"any bytes at all")).unwrap(),
            b"any bytes at all"
        );
    }
}
