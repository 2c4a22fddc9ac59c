//! Greek tokens to phonetic units, following ELOT 743 (ISO 843), with an
//! alternative sequence for the usual passport-office forms where ELOT
//! writes the letters (μπ → mp, ντ → nt, γκ → gk) but people write the
//! sound (b, d, g: Babis, Dokos, Gikas).

use unicode_normalization::UnicodeNormalization;

use crate::units::Unit::{self, *};

/// Units for a lower-case Greek token; the first sequence is primary.
pub fn units(token: &str) -> Vec<Vec<Unit>> {
    // Drop tonos and dialytika: ELOT ignores them for matching purposes.
    let chars = letters(token);
    let letters = read(&chars, Mode::Letters, false);
    let sounds = read(&chars, Mode::Sounds, false);
    if letters == sounds {
        vec![letters]
    } else {
        vec![letters, sounds]
    }
}

/// Matcher v3's third reading, the name as spoken and most often written
/// in Latin: μπ, ντ, γκ as b, d, g at the start of the word and with the
/// nasal kept inside it (mb, nd, ng: Lambros, Pandelis, Pangalos), and an
/// initial γ before a front vowel as the y it is (γι + vowel as one y:
/// Yeorgios, Yannis, Yousouf). Inside a word Latin spellings mostly keep
/// the g (Panagiotis, Evgenia), which the ELOT reading already gives.
/// `None` for a token with neither.
pub fn spoken_units(token: &str) -> Option<Vec<Unit>> {
    let chars = letters(token);
    let nasal = chars
        .windows(2)
        .skip(1)
        .any(|w| matches!(w, ['μ', 'π'] | ['ν', 'τ'] | ['γ', 'κ']));
    let palatal =
        chars.first() == Some(&'γ') && matches!(chars.get(1), Some('ε' | 'η' | 'ι' | 'υ'));
    (nasal || palatal).then(|| read(&chars, Mode::Spoken, false))
}

/// Matcher v4's reading: v3's spoken reading with, also inside the word,
/// γ before a front vowel as y (Αυγερινός = Avyerinos, Μπακογιάννης =
/// Bakoyannis, Παναγιώτης = Panayiotis), ξ as the ks that spells it
/// beside ELOT's x (Ksanthopoulou), and τζ as the dz it sounds (Hadzis,
/// and the Hadji- of Χατζη- names). `None` for a token with none of these
/// inside it.
pub fn v4_units(token: &str) -> Option<Vec<Unit>> {
    let chars = letters(token);
    let palatal = chars
        .windows(2)
        .skip(1)
        .any(|w| matches!(w, ['γ', 'ε' | 'η' | 'ι' | 'υ']));
    let other = chars.contains(&'ξ') || chars.windows(2).any(|w| w == ['τ', 'ζ']);
    (palatal || other).then(|| read(&chars, Mode::Spoken, true))
}

/// Matcher v5: τζ as the dž that Greek writes for foreign names (Τζαμάλ =
/// Jamal = Džemal, Τζένη = Jenny), on v4's reading. `None` without τζ.
pub fn dzh_units(token: &str) -> Option<Vec<Unit>> {
    let chars = letters(token);
    if !chars.windows(2).any(|w| w == ['τ', 'ζ']) {
        return None;
    }
    let mut u = read(&chars, Mode::Spoken, true);
    for x in &mut u {
        if *x == Dz {
            *x = Dzh;
        }
    }
    Some(u)
}

/// The letters of a token without tonos and dialytika (ELOT ignores them
/// for matching purposes), final sigma as σ.
fn letters(token: &str) -> Vec<char> {
    token
        .nfd()
        .filter(|c| !matches!(*c as u32, 0x300..=0x36F))
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

/// How the digraphs μπ, ντ, γκ are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// ELOT 743: mp, nt, gk (initial μπ as b).
    Letters,
    /// The sounds b, d, g everywhere (Babis, Dokos, Gikas).
    Sounds,
    /// b, d, g initially, mb, nd, ng inside the word, palatal γ as y
    /// (matcher v3).
    Spoken,
}

fn is_greek_vowel(c: char) -> bool {
    matches!(c, 'α' | 'ε' | 'η' | 'ι' | 'ο' | 'υ' | 'ω')
}

fn is_voiceless_or_end(next: Option<&char>) -> bool {
    match next {
        None => true,
        Some(c) => matches!(c, 'θ' | 'κ' | 'ξ' | 'π' | 'σ' | 'τ' | 'φ' | 'χ' | 'ψ'),
    }
}

/// Reads the letters in `mode`; `v4` adds [`v4_units`]' letter values to
/// the spoken mode.
fn read(chars: &[char], mode: Mode, v4: bool) -> Vec<Unit> {
    let sounds = mode == Mode::Sounds;
    let spoken = mode == Mode::Spoken;
    let mut out = Vec::with_capacity(chars.len() + 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1);
        let initial = i == 0;
        let pair = next.map(|n| (c, *n));
        let (us, step): (&[Unit], usize) = match pair {
            Some(('ο', 'υ')) => (&[U], 2),
            Some(('α', 'υ')) if is_voiceless_or_end(chars.get(i + 2)) => (&[A, F], 2),
            Some(('α', 'υ')) => (&[A, V], 2),
            Some(('ε', 'υ')) if is_voiceless_or_end(chars.get(i + 2)) => (&[E, F], 2),
            Some(('ε', 'υ')) => (&[E, V], 2),
            Some(('η', 'υ')) if is_voiceless_or_end(chars.get(i + 2)) => (&[I, F], 2),
            Some(('η', 'υ')) => (&[I, V], 2),
            Some(('μ', 'π')) if initial || sounds => (&[B], 2),
            Some(('μ', 'π')) if spoken => (&[M, B], 2),
            Some(('ν', 'τ')) if spoken && initial => (&[D], 2),
            Some(('ν', 'τ')) if spoken => (&[N, D], 2),
            Some(('γ', 'κ')) if spoken && initial => (&[G], 2),
            Some(('γ', 'κ')) if spoken => (&[N, G], 2),
            Some(('μ', 'π')) => (&[M, P], 2),
            Some(('ν', 'τ')) if sounds => (&[D], 2),
            Some(('ν', 'τ')) => (&[N, T], 2),
            Some(('γ', 'κ')) if sounds => (&[G], 2),
            Some(('γ', 'κ')) => (&[G, K], 2),
            Some(('γ', 'γ')) => (&[N, G], 2),
            Some(('γ', 'ξ')) => (&[N, Xl], 2),
            Some(('γ', 'χ')) => (&[N, X], 2),
            Some(('γ', 'ι'))
                if spoken
                    && (initial || v4)
                    && chars.get(i + 2).is_some_and(|&c| is_greek_vowel(c)) =>
            {
                (&[J], 2)
            }
            Some(('γ', 'ε' | 'η' | 'ι' | 'υ')) if spoken && (initial || v4) => (&[J], 1),
            Some(('τ', 'ζ')) if v4 => (&[Dz], 2),
            Some(('τ', 'σ')) | Some(('τ', 'ζ')) => (&[C], 2),
            _ => {
                let u: &[Unit] = match c {
                    'α' => &[A],
                    'β' => &[V],
                    'γ' => &[G],
                    'δ' => &[D],
                    'ε' => &[E],
                    'ζ' => &[Z],
                    'η' | 'ι' => &[I],
                    'θ' => &[Th],
                    'κ' => &[K],
                    'λ' => &[L],
                    'μ' => &[M],
                    'ν' => &[N],
                    'ξ' if v4 => &[K, S],
                    'ξ' => &[Xl],
                    'ο' | 'ω' => &[O],
                    'π' => &[P],
                    'ρ' => &[R],
                    'σ' => &[S],
                    'τ' => &[T],
                    'υ' => &[Y],
                    'φ' => &[F],
                    'χ' => &[X],
                    'ψ' => &[P, S],
                    _ => &[],
                };
                (u, 1)
            }
        };
        out.extend_from_slice(us);
        i += step;
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elot_digraphs() {
        assert_eq!(units("γεώργιος")[0], vec![G, E, O, R, G, I, O, S]);
        assert_eq!(units("ευάγγελος")[0], vec![E, V, A, N, G, E, L, O, S]);
        assert_eq!(units("μπάμπης")[0], vec![B, A, M, P, I, S]);
        assert_eq!(units("μπάμπης")[1], vec![B, A, B, I, S]);
        assert_eq!(spoken_units("λάμπρος"), Some(vec![L, A, M, B, R, O, S]));
        assert_eq!(spoken_units("παντελής"), Some(vec![P, A, N, D, E, L, I, S]));
        assert_eq!(spoken_units("γιουσούφ"), Some(vec![J, U, S, U, F]));
        assert_eq!(spoken_units("γεώργιος"), Some(vec![J, E, O, R, G, I, O, S]));
        assert_eq!(spoken_units("ντίνος"), None);
        assert_eq!(
            v4_units("μπακογιάννης"),
            Some(vec![B, A, K, O, J, A, N, I, S])
        );
        assert_eq!(v4_units("αυγερινός"), Some(vec![A, V, J, E, R, I, N, O, S]));
        assert_eq!(v4_units("ξάνθη"), Some(vec![K, S, A, N, Th, I]));
        assert_eq!(v4_units("χατζής"), Some(vec![X, A, Dz, I, S]));
        assert_eq!(v4_units("γιάννης"), None);
        assert_eq!(dzh_units("τζαμάλ"), Some(vec![Dzh, A, M, A, L]));
        assert_eq!(dzh_units("γιάννης"), None);
        assert_eq!(
            units("παπαδόπουλος")[0],
            vec![P, A, P, A, D, O, P, U, L, O, S]
        );
    }
}
