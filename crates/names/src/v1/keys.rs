//! Blocking keys for candidate generation in an inverted index.
//!
//! Keys are deliberately coarse: a consonant skeleton over sound classes
//! (so Đorđević, Djordjevic, Dordevic and Ђорђевић share one), plus the
//! variant groups of each token (so Mehmet finds Muhammad). Two names that
//! can score well share at least one key in all but rare cases; the score
//! then decides.

use crate::hygiene::Script;
use crate::tables::{self, hash_parts};
use crate::units::Unit::{self, *};
use crate::v1::analysis::{AnalysedName, TokenKind};

/// Coarse sound class for skeletons; `None` for units dropped from it
/// (vowels, glides, h and the glottal stop, which romanisations drop or add).
fn class(u: Unit) -> Option<u8> {
    Some(match u {
        B | P | F => b'b',
        M => b'm',
        N | Nj => b'n',
        L | Lj => b'l',
        R => b'r',
        D | Dh | T | Th | Dj => b'd',
        S | Z | Sh | Zh | C | Ch | Cj | Dz | Dzh | Jim | Xl => b's',
        K | Q | G | Gh | X | SoftG => b'k',
        _ => return None,
    })
}

/// The consonant skeleton of a unit sequence, e.g. `mhmd` → "mmd".
pub fn skeleton(units: &[Unit]) -> String {
    let mut s = String::with_capacity(units.len());
    let mut last = 0u8;
    for &u in units {
        if let Some(c) = class(u)
            && c != last
        {
            s.push(c as char);
            last = c;
        }
    }
    s
}

/// The skeleton of matcher v2's second key: as [`skeleton`], with the
/// sounds one romanisation writes as a consonant and another as a glide or
/// nothing dropped too: the affricates written j in other spellings (дж,
/// dž, đ, Arabic ج: КУДЖТИМ / Kujtim, Naggar / Najjar) and kh (Cyrillic х,
/// Greek χ, Latin h: Хасан / Hasan).
pub fn soft_skeleton(units: &[Unit]) -> String {
    let soft: Vec<Unit> = units
        .iter()
        .copied()
        .filter(|u| !matches!(u, Dzh | Jim | Dj | X))
        .collect();
    skeleton(&soft)
}

/// The skeleton of matcher v3's key for Greek tokens: as [`skeleton`], with
/// κ taken as the Latin letter c it writes in names transliterated letter
/// by letter from a Latin spelling (Gacem as ΓΚΑΚΕΜ, Marcel as Μαρκέλ),
/// where the Latin side reads c as ц.
pub fn greek_c_skeleton(units: &[Unit]) -> String {
    let c: Vec<Unit> = units.iter().map(|&u| if u == K { C } else { u }).collect();
    skeleton(&c)
}

/// The skeleton of matcher v3's key for Macedonian ѓ and ќ (ǵ, ḱ in
/// Latin transliteration): as [`skeleton`], with them as the g and k that
/// ASCII folds and some transliterators make of them (Ѓорѓиевски /
/// Gorgievski), where the readers take them as đ and ć.
pub fn folded_gk_skeleton(units: &[Unit]) -> String {
    let g: Vec<Unit> = units
        .iter()
        .map(|&u| match u {
            Dj => G,
            Cj => K,
            u => u,
        })
        .collect();
    skeleton(&g)
}

/// Hashed blocking keys: one per token reading skeleton and one per variant
/// group. Particles, titles and initials give none. Sorted, deduplicated.
/// Names analysed for matcher v2 also get the [`soft_skeleton`] of each
/// reading where it differs; names analysed for v3 also, for Greek tokens,
/// the [`greek_c_skeleton`], and for tokens written with ѓ, ќ, ǵ or ḱ the
/// [`folded_gk_skeleton`], where they differ (and their tokens carry v3's
/// variant groups, see `v3`).
pub fn blocking_keys(name: &AnalysedName) -> Vec<u64> {
    let mut keys: Vec<u64> = token_blocking_keys(name)
        .into_iter()
        .flat_map(|t| t.keys)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The blocking keys of one token, or of a merge of adjacent tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenBlockingKeys {
    /// First and last single token covered (equal for a single token).
    pub span: (u8, u8),
    /// Its keys, without repeats, most telling first: reading skeletons
    /// (or the text of a token too short for one), then variant groups,
    /// then the looser skeletons of later versions. A caller that keeps
    /// only a few keys per token keeps the first.
    pub keys: Vec<u64>,
}

/// [`blocking_keys`] token by token: the screening index and entity
/// resolution combine keys of different tokens (pairs of tokens, a token
/// with a birth year), and take them from here so that their keys and the
/// matcher's never drift apart. Particles, titles and initials give none;
/// tokens without keys are left out.
pub fn token_blocking_keys(name: &AnalysedName) -> Vec<TokenBlockingKeys> {
    let level = name.0.level;
    let t = tables::tables_for(level);
    let mut out = Vec::new();
    for tok in name.tokens_and_merges() {
        if !matches!(tok.kind, TokenKind::Name | TokenKind::Merge) {
            continue;
        }
        let mut keys = Vec::with_capacity(6);
        let mut loose = Vec::new();
        let macedonian_gk = level.v3() && tok.text.contains(['ѓ', 'ќ', 'ǵ', 'ḱ']);
        for seq in tok.seqs() {
            let sk = skeleton(seq.units());
            if sk.len() >= 2 {
                keys.push(hash_parts(&["s:", &sk]));
            } else if !tok.text.is_empty() {
                keys.push(hash_parts(&["t:", &tok.text]));
            }
            let mut also = |other: String| {
                if other.len() >= 2 && other != sk {
                    loose.push(hash_parts(&["s:", &other]));
                }
            };
            if level.v2() {
                also(soft_skeleton(seq.units()));
            }
            if level.v3() && tok.script == Script::Greek {
                also(greek_c_skeleton(seq.units()));
            }
            if macedonian_gk {
                also(folded_gk_skeleton(seq.units()));
            }
        }
        for &g in &tok.groups {
            keys.push(hash_parts(&["g:", &t.groups[g as usize].id]));
        }
        keys.extend(loose);
        let mut seen = Vec::with_capacity(keys.len());
        keys.retain(|k| {
            let new = !seen.contains(k);
            seen.push(*k);
            new
        });
        if !keys.is_empty() {
            out.push(TokenBlockingKeys {
                span: tok.span,
                keys,
            });
        }
    }
    out
}
