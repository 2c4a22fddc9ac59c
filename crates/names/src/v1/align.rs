//! Name against name: align tokens (order-free, merges allowed), then
//! combine token similarities with their weights.
//!
//! Alignment is greedy on similarity over all token pairs plus merged
//! adjacent pairs against single tokens. Names have few tokens, so greedy
//! matches the optimal assignment in practice and needs no allocation.

use crate::MAX_TOKENS;
use crate::v1::analysis::{AnalysedName, Inner, Role, Token, TokenKind};
use crate::v1::compare::{Ctx, MERGE_MIN_SIM, Rule, TokenMatch, compare};

/// Weight factor for tokens present on one side only, beyond those that
/// are paired as mismatches: patronymic chains and extra given names are
/// common and weigh less than a conflicting token.
pub const EXTRA_TOKEN_FACTOR: f32 = 0.3;

/// Similarity an extra token contributes (at its reduced weight).
pub const EXTRA_TOKEN_SIM: f32 = 0.5;

/// Floor under token similarities before taking logarithms: one fully
/// different token pulls the score far down but not to zero.
pub const SIM_FLOOR: f32 = 0.02;

/// Similarity factor when a given name aligns with a family name while both
/// roles are known (swapped fields are allowed but slightly suspicious).
pub const CROSS_ROLE_FACTOR: f32 = 0.92;

const STACK_CANDIDATES: usize = 24;

#[derive(Clone, Copy)]
pub(crate) struct Candidate {
    pub ia: u8,
    pub ib: u8,
    pub mask_a: u16,
    pub mask_b: u16,
    pub sim: f32,
    pub weight: f32,
    pub rule: Rule,
}

impl Candidate {
    const EMPTY: Candidate = Candidate {
        ia: 0,
        ib: 0,
        mask_a: 0,
        mask_b: 0,
        sim: 0.0,
        weight: 0.0,
        rule: Rule::Different,
    };
}

/// Weight of a token in a pair with similarity `sim`. A frequent name
/// (Mohammad, Ali) weighs little when it agrees, since agreement on it is
/// likely by chance, but fully when it disagrees: Hassan against Hussein is
/// as much a difference as any other pair of different names.
fn pair_weight(t: &Token, sim: f32) -> f32 {
    let f = t.freq_factor;
    t.weight * (f + (1.0 - f) * (1.0 - sim))
}

fn span_mask(t: &Token) -> u16 {
    let (s, e) = t.span;
    let mut m = 0u16;
    for i in s..=e {
        m |= 1 << i;
    }
    m
}

fn truncatable(name: &Inner, t: &Token) -> bool {
    name.long_form && t.span.1 == name.last_written
}

fn evaluate(a: &Inner, b: &Inner, ia: usize, ib: usize) -> Option<Candidate> {
    let (ta, tb) = (&a.tokens[ia], &b.tokens[ib]);
    let merged = ta.kind == TokenKind::Merge || tb.kind == TokenKind::Merge;
    // Matcher v4: an Arabic-script reading leaves out the short vowels,
    // so its length says little (محمدرضا has 7 units, Mohammad + Reza 11).
    // Such a pair is compared when the two share a variant group: the
    // attested spellings of the compound (Mohammadreza) decide, while an
    // edit distance that ignores vowels would let محمدحسین pass for
    // Mohammad + Hassan.
    let abjad =
        (ta.abjad || tb.abjad) && a.level.max(b.level).v4() && ta.group_bloom & tb.group_bloom != 0;
    if merged && !abjad {
        // A merge can only reach MERGE_MIN_SIM against a token of similar
        // length; skip the comparison otherwise.
        let (la, lb) = (ta.seqs()[0].units().len(), tb.seqs()[0].units().len());
        if la.abs_diff(lb) * 3 > la.max(lb) {
            return None;
        }
    }
    let ctx = Ctx {
        a_truncatable: truncatable(a, ta),
        b_truncatable: truncatable(b, tb),
        level: a.level.max(b.level),
        merge: merged,
    };
    let TokenMatch { mut sim, rule } = compare(ta, tb, ctx);
    if sim <= 0.0 {
        return None;
    }
    if merged && sim < MERGE_MIN_SIM {
        return None;
    }
    let cross = matches!(
        (ta.role, tb.role),
        (Role::Given, Role::Family) | (Role::Family, Role::Given)
    );
    if cross {
        sim *= CROSS_ROLE_FACTOR;
    }
    Some(Candidate {
        ia: ia as u8,
        ib: ib as u8,
        mask_a: span_mask(ta),
        mask_b: span_mask(tb),
        sim,
        weight: (pair_weight(ta, sim) + pair_weight(tb, sim)) / 2.0,
        rule,
    })
}

/// Result of an alignment: the score and, when asked, the chosen pairs.
pub(crate) struct Alignment {
    pub score: f64,
    pub pairs: Vec<Candidate>,
    pub unmatched_a: Vec<usize>,
    pub unmatched_b: Vec<usize>,
    pub swapped: bool,
}

impl Alignment {
    fn empty(swapped: bool) -> Alignment {
        Alignment {
            score: 0.0,
            pairs: Vec::new(),
            unmatched_a: Vec::new(),
            unmatched_b: Vec::new(),
            swapped,
        }
    }
}

/// Scores two analysed names. With `record`, also returns the alignment.
pub(crate) fn align(x: &AnalysedName, y: &AnalysedName, record: bool) -> Alignment {
    // Canonical order makes the score exactly symmetric even where greedy
    // tie-breaking would depend on argument order.
    let swapped = x.0.order_key > y.0.order_key;
    let (a, b) = if swapped {
        (&*y.0, &*x.0)
    } else {
        (&*x.0, &*y.0)
    };
    let mut out = Alignment::empty(swapped);
    if a.singles == 0 || b.singles == 0 {
        out.score = if a.singles == b.singles { 1.0 } else { 0.0 };
        return out;
    }
    // Candidates live on the stack for ordinary names; only names with many
    // tokens spill into a heap vector.
    let mut stack = [Candidate::EMPTY; STACK_CANDIDATES];
    let mut heap: Vec<Candidate> = Vec::new();
    let mut n = 0;
    let mut push = |c: Option<Candidate>| {
        if let Some(c) = c {
            if n < STACK_CANDIDATES {
                stack[n] = c;
            } else {
                if heap.is_empty() {
                    heap.extend_from_slice(&stack);
                }
                heap.push(c);
            }
            n += 1;
        }
    };
    for ia in 0..a.singles {
        for ib in 0..b.singles {
            push(evaluate(a, b, ia, ib));
        }
    }
    for ia in a.singles..a.tokens.len() {
        for ib in 0..b.singles {
            push(evaluate(a, b, ia, ib));
        }
    }
    for ib in b.singles..b.tokens.len() {
        for ia in 0..a.singles {
            push(evaluate(a, b, ia, ib));
        }
    }
    let cands: &mut [Candidate] = if n <= STACK_CANDIDATES {
        &mut stack[..n]
    } else {
        &mut heap[..]
    };
    // Highest similarity first; among equals, single tokens before merges
    // (identical names then align token by token), heavier first, then by
    // position for determinism.
    cands.sort_unstable_by(greedy_order);
    let v5 = a.level.max(b.level).v5();
    let (minor_a, minor_b) = assign(a, b, cands, record, v5, &mut out);
    // Matcher v5 also tries the names before the particles and titles, and
    // keeps the better of the two alignments: an article agreeing at 1.0
    // otherwise takes the ال of الكريم before the merge عبد ال كريم can
    // meet Abdulkarim (Abdulkarim Al-Hamwi against عبد الكريم الحموي scored
    // 0.32), while elsewhere the article's own pair is the right first
    // choice (Ahmad Al-Maamouri against احمد المعموري). The second order
    // can only differ where a particle or title chosen first overlaps a
    // pair of names, which it then blocked; else both choose the same.
    let minor = |c: &Candidate| is_minor(a, c.ia) || is_minor(b, c.ib);
    let blocked = |c: &Candidate| (c.mask_a & minor_a != 0 || c.mask_b & minor_b != 0) && !minor(c);
    if (minor_a | minor_b) != 0 && cands.iter().any(blocked) {
        let mut second = Alignment::empty(swapped);
        cands.sort_unstable_by(|p, q| minor(p).cmp(&minor(q)).then_with(|| greedy_order(p, q)));
        assign(a, b, cands, record, false, &mut second);
        if second.score > out.score {
            out = second;
        }
    }
    out
}

/// A particle or title (al, bin, haji): matcher v5 also aligns these after
/// the names.
#[inline(always)]
fn is_minor(name: &Inner, i: u8) -> bool {
    matches!(
        name.tokens[i as usize].kind,
        TokenKind::Particle | TokenKind::Title
    )
}

#[inline(always)]
fn greedy_order(p: &Candidate, q: &Candidate) -> std::cmp::Ordering {
    q.sim
        .total_cmp(&p.sim)
        .then(
            (p.mask_a.count_ones() + p.mask_b.count_ones())
                .cmp(&(q.mask_a.count_ones() + q.mask_b.count_ones())),
        )
        .then(q.weight.total_cmp(&p.weight))
        .then(p.ia.cmp(&q.ia))
        .then(p.ib.cmp(&q.ib))
}

/// Greedy assignment over sorted candidates, and the score it gives, into
/// `out`. With `track_minor`, returns the tokens of each side taken by
/// particle and title pairs (else none).
#[inline(always)]
fn assign(
    a: &Inner,
    b: &Inner,
    cands: &[Candidate],
    record: bool,
    track_minor: bool,
    out: &mut Alignment,
) -> (u16, u16) {
    let (mut used_a, mut used_b) = (0u16, 0u16);
    let (mut minor_a, mut minor_b) = (0u16, 0u16);
    // Weighted geometric mean of token similarities: agreement is combined
    // like independent evidence (a Fellegi–Sunter product), so one clearly
    // different token outweighs several agreeing ones.
    let (mut log_sum, mut den) = (0f32, 0f32);
    let mut acc = |w: f32, s: f32| {
        log_sum += w * s.max(SIM_FLOOR).ln();
        den += w;
    };
    for c in cands.iter() {
        if c.mask_a & used_a != 0 || c.mask_b & used_b != 0 {
            continue;
        }
        used_a |= c.mask_a;
        used_b |= c.mask_b;
        if track_minor && (is_minor(a, c.ia) || is_minor(b, c.ib)) {
            minor_a |= c.mask_a;
            minor_b |= c.mask_b;
        }
        acc(c.weight, c.sim);
        if record {
            out.pairs.push(*c);
        }
    }
    // Tokens left on both sides conflict; tokens left on one side only are
    // extra (a patronymic, a second given name) and weigh less.
    let mut left_a = [0f32; MAX_TOKENS];
    let mut left_b = [0f32; MAX_TOKENS];
    let (mut na, mut nb) = (0, 0);
    for i in 0..a.singles {
        if used_a & (1 << i) == 0 {
            left_a[na] = a.tokens[i].weight;
            na += 1;
            if record {
                out.unmatched_a.push(i);
            }
        }
    }
    for i in 0..b.singles {
        if used_b & (1 << i) == 0 {
            left_b[nb] = b.tokens[i].weight;
            nb += 1;
            if record {
                out.unmatched_b.push(i);
            }
        }
    }
    left_a[..na].sort_unstable_by(|p, q| q.total_cmp(p));
    left_b[..nb].sort_unstable_by(|p, q| q.total_cmp(p));
    let paired = na.min(nb);
    for k in 0..paired {
        acc((left_a[k] + left_b[k]) / 2.0, 0.0);
    }
    for &w in left_a[paired..na].iter().chain(left_b[paired..nb].iter()) {
        acc(EXTRA_TOKEN_FACTOR * w, EXTRA_TOKEN_SIM);
    }
    out.score = if den > 0.0 {
        ((log_sum / den).exp()).clamp(0.0, 1.0) as f64
    } else {
        0.0
    };
    (minor_a, minor_b)
}
