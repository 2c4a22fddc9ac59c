//! Candidate keys. The names crate gives coarse keys per token (consonant
//! skeletons of each reading, variant groups); a key of one token alone is
//! shared by a tenth of an Afghan alert list (every Mohammad), so the index
//! combines them:
//!
//! - **pair keys**: one key of one name token with one key of another, in
//!   either order: two matching names share one unless fewer than two of
//!   their tokens agree;
//! - **year keys**: one token key with the year of birth, for names where
//!   only one part agrees (a changed surname, a single name);
//! - **date keys**: the full date of birth, for alerts whose names share
//!   no key with the query (read only while the list is short);
//! - **identifier keys**: normalised document numbers, plates and VINs.
//!
//! Cyrillic х and Greek χ (and Latin kh) stand for Arabic ح as often as
//! for خ: Мохамад is Mohammad. The names crate's skeleton keeps them as
//! `k` while it drops Latin `h`, so such a token would share no key with
//! its Latin spelling although the two score 0.97. Tokens with that unit
//! therefore also get the keys of their reading with it read as `h`
//! (skeleton, and the variant groups of that reading).

use veza_names::AnalysedName;
use veza_names::tables::{Tables, hash_parts, hash_units, tables_for};
use veza_names::units::Unit;
use veza_names::v1::keys::skeleton;

use veza_model::PartialDate;

use crate::hash::{pair_key, stable_hash, year_key};

/// Token keys kept per token: enough for the readings and variant groups
/// of ordinary names; more would only grow the index.
const MAX_TOKEN_KEYS: usize = 6;
/// Tokens taken into pairs: long patronymic chains add little.
const MAX_PAIR_TOKENS: usize = 5;
/// Keys added per token for readings with `kh` read as `h`.
const MAX_H_KEYS: usize = 4;

/// Version of the key scheme, written into snapshots next to the matcher
/// version: a snapshot with other keys has its name keys recomputed.
pub(crate) const KEY_SCHEME: &str = "screen-keys/3";

/// The keys of each name token: the names crate's own keys per token
/// (`veza_names::token_blocking_keys`, at most [`MAX_TOKEN_KEYS`], the most
/// telling first), and the keys of readings with `kh` read as `h`.
/// Merged adjacent tokens (Abdul Rahman read as Abdulrahman) come after
/// the single ones, with the span of tokens they cover.
pub(crate) fn token_keys(name: &AnalysedName) -> Vec<TokenKeys> {
    let by_token = veza_names::token_blocking_keys(name);
    let tokens = name.tokens_and_merges();
    let tables = tables_for(name.level());
    let mut out = Vec::with_capacity(by_token.len());
    for t in by_token {
        // The names crate lists the most telling keys first.
        let mut keys = t.keys;
        keys.truncate(MAX_TOKEN_KEYS);
        keys.sort_unstable();
        let mut extra = Vec::new();
        for tok in tokens.iter().filter(|tok| tok.span == t.span) {
            for seq in tok.seqs() {
                h_reading_keys(seq.units(), tables, &mut extra);
            }
        }
        extra.sort_unstable();
        extra.dedup();
        extra.retain(|k| !keys.contains(k));
        extra.truncate(MAX_H_KEYS);
        keys.extend(extra);
        out.push(TokenKeys { span: t.span, keys });
    }
    out
}

/// Keys of a reading with `kh` (Cyrillic х, Greek χ) read as `h`, when it
/// has that unit: its skeleton (or its plain Latin rendering when the
/// skeleton is too short, as the names crate keys short tokens by their
/// text) and the variant groups of that reading.
fn h_reading_keys(units: &[Unit], t: &Tables, out: &mut Vec<u64>) {
    if !units.contains(&Unit::X) {
        return;
    }
    let h: Vec<Unit> = units
        .iter()
        .map(|&u| if u == Unit::X { Unit::H } else { u })
        .collect();
    let sk = skeleton(&h);
    if sk.len() >= 2 {
        out.push(hash_parts(&["s:", &sk]));
    } else {
        // Latin writes Cyrillic ш as sh or š: both renderings.
        for render in [Unit::simple, Unit::expanded] {
            let text: String = h.iter().map(|&u| render(u)).collect();
            out.push(hash_parts(&["t:", &text]));
        }
    }
    if let Some(groups) = t.by_key.get(&hash_units(&h)) {
        for &g in groups {
            out.push(hash_parts(&["g:", &t.groups[g as usize].id]));
        }
    }
}

/// The keys of one token or merge.
pub(crate) struct TokenKeys {
    /// First and last single token covered.
    span: (u8, u8),
    /// Its keys, sorted.
    keys: Vec<u64>,
}

impl TokenKeys {
    fn disjoint(&self, other: &TokenKeys) -> bool {
        self.span.1 < other.span.0 || other.span.1 < self.span.0
    }
}

/// Pair keys of a name: every key of a token with every key of a token it
/// does not overlap. A single-token name pairs its keys with themselves so
/// that mononyms are found too.
pub(crate) fn pair_keys(tokens: &[TokenKeys], out: &mut Vec<u64>) {
    let singles = tokens.iter().filter(|t| t.span.0 == t.span.1).count();
    if singles <= 1 {
        for t in tokens {
            out.extend(t.keys.iter().map(|&k| pair_key(k, k)));
        }
        return;
    }
    // A merge also pairs with itself: "Abdul Rahman" finds "Abdulrahman".
    for t in tokens.iter().filter(|t| t.span.0 != t.span.1) {
        out.extend(t.keys.iter().map(|&k| pair_key(k, k)));
    }
    let limited = |t: &TokenKeys| usize::from(t.span.1) < MAX_PAIR_TOKENS;
    for (i, x) in tokens.iter().enumerate().filter(|(_, t)| limited(t)) {
        for y in tokens[i + 1..]
            .iter()
            .filter(|t| limited(t) && x.disjoint(t))
        {
            for &a in &x.keys {
                for &b in &y.keys {
                    out.push(pair_key(a, b));
                }
            }
        }
    }
}

/// Year keys of a name: each token's keys with the birth year. Merges
/// take part, so that "Abdul Ismail" born in 1989 finds "Abdulismail
/// Hosseini" born in 1989 even though no pair of tokens agrees.
pub(crate) fn year_keys(tokens: &[TokenKeys], year: u16, out: &mut Vec<u64>) {
    for t in tokens {
        out.extend(t.keys.iter().map(|&k| year_key(k, year)));
    }
}

/// Key of a full date of birth (day, month and year, not a 1 January
/// placeholder): candidates whose name shares no key with the query (a
/// typo in a single recorded name, another second name) are still found
/// when the exact date agrees. A date alone is shared by a few dozen
/// alerts per million, so such lists are short.
pub(crate) fn date_key(d: PartialDate) -> Option<u64> {
    let (Some(m), Some(day)) = (d.month, d.day) else {
        return None;
    };
    if d.is_placeholder() {
        return None;
    }
    Some(stable_hash(
        b'B',
        &[(d.year >> 8) as u8, d.year as u8, m, day],
    ))
}

/// Tags keep the identifier kinds apart in one map.
pub(crate) const TAG_DOCUMENT: u8 = b'D';
/// Tag of plate keys.
pub(crate) const TAG_PLATE: u8 = b'P';
/// Tag of VIN keys.
pub(crate) const TAG_VIN: u8 = b'V';

/// Key of a normalised identifier.
pub(crate) fn identifier_key(tag: u8, normalised: &str) -> u64 {
    stable_hash(tag, normalised.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_keys_cover_the_names_crate_blocking_keys() {
        for name in [
            "Ђорђе Петровић",
            "Mohammad Ahmadi",
            "محمد رضا",
            "Abdul Rahman al Hassan",
        ] {
            let a = veza_names::analyse(name);
            let mine: Vec<u64> = token_keys(&a).into_iter().flat_map(|t| t.keys).collect();
            let theirs = veza_names::blocking_keys(&a);
            // Merges and the per-token cap aside, every key here is one of theirs.
            for k in &mine {
                assert!(theirs.contains(k), "{name}: key not in blocking_keys");
            }
            assert!(!mine.is_empty());
        }
    }

    fn share_pair_key(a: &str, b: &str) -> bool {
        let (mut ka, mut kb) = (Vec::new(), Vec::new());
        pair_keys(&token_keys(&veza_names::analyse(a)), &mut ka);
        pair_keys(&token_keys(&veza_names::analyse(b)), &mut kb);
        ka.iter().any(|k| kb.contains(k))
    }

    #[test]
    fn cyrillic_and_greek_kh_meet_latin_h() {
        for (a, b) in [
            ("Мохамад Хадад", "MOHAMMAD HADAD"),
            ("ЕБРАХИМ ХУСАИН", "EBRAHIM HUSSAIN"),
            ("МОХАМАД МОХАМАД", "MOHAMMAD MOHAMMAD"),
            ("ΜΟΧΑΜΑΝΤ ΧΑΣΑΝ", "MOHAMMAD HASAN"),
            ("Khalid Hussein", "Halid Husein"),
        ] {
            assert!(share_pair_key(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn pair_keys_ignore_order_and_script() {
        let a = veza_names::analyse("Petrović Đorđe");
        let b = veza_names::analyse("Ђорђе Петровић");
        let (mut ka, mut kb) = (Vec::new(), Vec::new());
        pair_keys(&token_keys(&a), &mut ka);
        pair_keys(&token_keys(&b), &mut kb);
        assert!(ka.iter().any(|k| kb.contains(k)));
    }
}
