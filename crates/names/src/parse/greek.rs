//! Greek tokens to phonetic units, following ELOT 743 (ISO 843), with an
//! alternative sequence for the usual passport-office forms where ELOT
//! writes the letters (μπ → mp, ντ → nt, γκ → gk) but people write the
//! sound (b, d, g: Babis, Dokos, Gikas).

use unicode_normalization::UnicodeNormalization;

use crate::units::Unit::{self, *};

/// Units for a lower-case Greek token; the first sequence is primary.
pub fn units(token: &str) -> Vec<Vec<Unit>> {
    // Drop tonos and dialytika: ELOT ignores them for matching purposes.
    let chars: Vec<char> = token
        .nfd()
        .filter(|c| !matches!(*c as u32, 0x300..=0x36F))
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect();
    let letters = read(&chars, false);
    let sounds = read(&chars, true);
    if letters == sounds {
        vec![letters]
    } else {
        vec![letters, sounds]
    }
}

fn is_voiceless_or_end(next: Option<&char>) -> bool {
    match next {
        None => true,
        Some(c) => matches!(c, 'θ' | 'κ' | 'ξ' | 'π' | 'σ' | 'τ' | 'φ' | 'χ' | 'ψ'),
    }
}

fn read(chars: &[char], sounds: bool) -> Vec<Unit> {
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
            Some(('μ', 'π')) => (&[M, P], 2),
            Some(('ν', 'τ')) if sounds => (&[D], 2),
            Some(('ν', 'τ')) => (&[N, T], 2),
            Some(('γ', 'κ')) if sounds => (&[G], 2),
            Some(('γ', 'κ')) => (&[G, K], 2),
            Some(('γ', 'γ')) => (&[N, G], 2),
            Some(('γ', 'ξ')) => (&[N, Xl], 2),
            Some(('γ', 'χ')) => (&[N, X], 2),
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
        assert_eq!(
            units("παπαδόπουλος")[0],
            vec![P, A, P, A, D, O, P, U, L, O, S]
        );
    }
}
