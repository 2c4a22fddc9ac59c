//! Token against token: which rule makes two tokens equal, or how far apart
//! they are.

use crate::tables::{self, Tier};
use crate::units::{
    Cost, FULL, ModeTables, Unit, VowelMode, lower_bound, mode_tables, sub_cost, tables_for,
};
use crate::v1::analysis::{Level, Token, TokenKind};

/// Why two tokens got their similarity.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum Rule {
    /// Same cleaned text.
    Identical,
    /// Different text (often different script) that reads to the same units.
    SameUnits,
    /// Both in a variant group of the table.
    Variant {
        /// Relation between the two names.
        tier: Tier,
        /// Group identifier.
        group: &'static str,
    },
    /// Weighted edit distance over phonetic units.
    Edit {
        /// Edit cost, 1.0 being one unexplained edit.
        cost: f32,
    },
    /// Weighted edit distance, plus a penalty for a different ending
    /// (Jovan/Jovana, Milan/Milena: usually gender).
    Ending {
        /// Edit cost including the ending penalty.
        cost: f32,
    },
    /// Both names are in the tables, in different groups (Hassan/Hussein):
    /// a similar spelling does not make them the same name.
    KnownDistinct {
        /// Edit cost between them.
        cost: f32,
    },
    /// An initial against a name with that initial.
    Initial,
    /// A prefix of a long name's last part: MRZ truncation.
    Truncation,
    /// One token is a compound of the other and another known name
    /// (Mohammadreza / Mohammad, Raisul / Rais).
    CompoundPart,
    /// Nothing in common.
    Different,
}

/// Similarity of two tokens with the rule that produced it.
#[derive(Clone, Copy, Debug)]
pub struct TokenMatch {
    /// Similarity in [0, 1].
    pub sim: f32,
    /// The deciding rule.
    pub rule: Rule,
}

/// Context for one comparison.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// `a` is the last token of a name long enough to be MRZ-truncated.
    pub a_truncatable: bool,
    /// Same for `b`.
    pub b_truncatable: bool,
    /// The matcher version compared for: v2's cost tables (keyboard
    /// slips) from [`Level::V2`], v3's slipped insertions from
    /// [`Level::V3`].
    pub level: Level,
    /// One side is a merge of two tokens, which counts only from
    /// [`MERGE_MIN_SIM`]: distances beyond [`merge_limit`] need not be
    /// worked out.
    pub merge: bool,
}

/// A merged token must reach this similarity to be used.
pub const MERGE_MIN_SIM: f32 = 0.6;

/// The edit cost beyond which a pair of readings this long stays under
/// [`MERGE_MIN_SIM`]: 0.6 is reached at a relative cost of
/// 0.35 × (2/3)^(1/3) ≈ 0.3058 of the budget, rounded up to 0.31 so that no
/// pair that reaches it is cut (a unit test checks every length).
#[inline]
fn merge_limit(la: usize, lb: usize) -> Cost {
    budget(la, lb) * 31 / 100
}

/// Midpoint of the similarity curve over relative cost (its steepness, the
/// exponent 3, is written as a cube in `edit_similarity`).
const CURVE_X0: f32 = 0.35;

/// Similarity from an edit cost: a logistic-shaped curve of the cost
/// relative to the budget, flat near zero (romanisation classes barely
/// count) and steep around `CURVE_X0` (a real edit counts fully).
fn edit_similarity(cost: Cost, len: usize) -> f32 {
    let x = cost as f32 / budget(len, len) as f32;
    let r = x / CURVE_X0;
    1.0 / (1.0 + r * r * r)
}

/// Token pairs whose similarity would fall below this count as different
/// (similarity 0), which lets the distance stop early.
pub const MIN_EDIT_SIM: f32 = 0.1;

#[inline]
fn limit(la: usize, lb: usize) -> Cost {
    // budget × (1 − MIN_EDIT_SIM), in integers.
    budget(la, lb) * 9 / 10
}

/// Relative cost up to which distances are computed exactly (similarity
/// about 0.17 there); beyond, the lower bound stands in for the cost.
#[inline]
fn exact_limit(la: usize, lb: usize) -> Cost {
    budget(la, lb) * 6 / 10
}

/// The edit-cost budget for tokens of this length: the cost at which
/// similarity reaches zero. One real edit (cost 1.0) in an 8-unit name
/// leaves about 0.56 of the similarity, and the geometric mean over tokens
/// (see `align`) turns that into a strong penalty; ASCII folds and
/// romanisation classes (0.05–0.3) leave nearly all of it. Tuned on the
/// dev half of the evaluation set.
#[inline]
fn budget(la: usize, lb: usize) -> Cost {
    (100 + 16 * la.max(lb)) as Cost
}

/// Cost of swapping two adjacent units (Petrvoić for Petrović).
const TRANSPOSITION: Cost = 60;

/// Weighted Levenshtein over units with adjacent transpositions (optimal
/// string alignment), abandoned (returns `None`) once two consecutive rows
/// exceed `limit`.
pub fn distance(a: &[Unit], b: &[Unit], mode: VowelMode, limit: Cost) -> Option<Cost> {
    distance_in(a, b, mode_tables(mode), limit)
}

/// [`distance`] with explicit cost tables.
pub fn distance_in(a: &[Unit], b: &[Unit], t: &ModeTables, limit: Cost) -> Option<Cost> {
    edit_distance(
        a,
        b,
        t,
        limit,
        |i| t.indel[a[i] as usize],
        |j| t.indel[b[j] as usize],
    )
}

/// The dynamic programme behind [`distance_in`] and [`distance_slipped`]:
/// substitutions from `t`, insertions and deletions costed per position
/// (`del_a(i)` deletes `a[i]`, `ins_b(j)` inserts `b[j]`), adjacent
/// transpositions, abandoned once two consecutive rows exceed `limit`.
#[inline(always)]
fn edit_distance(
    a: &[Unit],
    b: &[Unit],
    t: &ModeTables,
    limit: Cost,
    del_a: impl Fn(usize) -> Cost,
    ins_b: impl Fn(usize) -> Cost,
) -> Option<Cost> {
    const W: usize = crate::MAX_UNITS + 1;
    let (n, m) = (a.len(), b.len());
    let mut prev2 = [0 as Cost; W];
    let mut prev = [0 as Cost; W];
    let mut cur = [0 as Cost; W];
    for j in 1..=m {
        prev[j] = prev[j - 1] + ins_b(j - 1);
    }
    let mut prev_min = 0;
    for i in 1..=n {
        let ai = a[i - 1];
        let del = del_a(i - 1);
        let sub_row = &t.sub[ai as usize];
        cur[0] = prev[0] + del;
        let mut row_min = cur[0];
        for j in 1..=m {
            let bj = b[j - 1];
            let s = prev[j - 1] + sub_row[bj as usize];
            let d = prev[j] + del;
            let ins = cur[j - 1] + ins_b(j - 1);
            let mut v = s.min(d).min(ins);
            // Adjacent letters swapped, the commonest typing slip.
            if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == bj && ai != bj {
                v = v.min(prev2[j - 2] + TRANSPOSITION);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        // A cell depends on the two rows above it at most: once two rows
        // in a row exceed the limit, every later one does.
        if row_min > limit && prev_min > limit {
            return None;
        }
        prev_min = row_min;
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[m];
    (d <= limit).then_some(d)
}

/// Whether the unit at `i` sits next to a letter typed with the same or a
/// neighbouring key: inserted there, it is a finger slipping onto or
/// repeating a key (Abduklah for Abdullah), not a different name. Doubled
/// units are already collapsed by the readers, so in practice this is the
/// keyboard neighbour.
fn slipped_insertion(s: &[Unit], i: usize) -> bool {
    let u = s[i];
    let near = |v: Unit| v == u || crate::units::keyboard_neighbours(u, v);
    (i > 0 && near(s[i - 1])) || s.get(i + 1).is_some_and(|&v| near(v))
}

/// Matcher v3's distance: [`distance_in`] with an insertion or deletion of
/// a unit next to its keyboard neighbour (see [`slipped_insertion`])
/// capped at [`crate::units::KEYBOARD_SLIP`], as a substitution between
/// neighbours is in v2's tables.
pub fn distance_slipped(a: &[Unit], b: &[Unit], t: &ModeTables, limit: Cost) -> Option<Cost> {
    let slip = crate::units::KEYBOARD_SLIP;
    let indel = |s: &[Unit], i: usize| {
        let c = t.indel[s[i] as usize];
        if c > slip && slipped_insertion(s, i) {
            slip
        } else {
            c
        }
    };
    let mut ins_b = [0 as Cost; crate::MAX_UNITS + 1];
    for (j, c) in ins_b.iter_mut().enumerate().take(b.len()) {
        *c = indel(b, j);
    }
    edit_distance(a, b, t, limit, |i| indel(a, i), |j| ins_b[j])
}

/// Matcher v4: last units this close (at most this substitution cost) are
/// one vowel written two ways, not two endings: ü/u (Türkü, Turku), i/y
/// (Dmitri, Dmitry), ä/a, ö/o, ë/e.
const SAME_ENDING_COST: Cost = 20;

/// A different last unit is a real difference in most European names
/// (gender: Jovan/Jovana, Milan/Milena, Aleksandar/Aleksandra).
fn ending_penalty(a: &[Unit], b: &[Unit], level: Level) -> Cost {
    let (Some(&la), Some(&lb)) = (a.last(), b.last()) else {
        return 0;
    };
    let neutral = |u: Unit| matches!(u, Unit::HFinal | Unit::Glottal | Unit::H | Unit::J);
    if la == lb || neutral(la) || neutral(lb) {
        return 0;
    }
    if level.v4() && sub_cost(la, lb, VowelMode::Plain) <= SAME_ENDING_COST {
        return 0;
    }
    match (la.is_vowel(), lb.is_vowel()) {
        (true, true) => 30,
        (false, false) => 0,
        _ => 60,
    }
}

fn initial_match(init: &Token, other: &Token) -> TokenMatch {
    if init.text == other.text {
        return TokenMatch {
            sim: 1.0,
            rule: Rule::Identical,
        };
    }
    let Some(&iu) = init.seqs()[0].units().first() else {
        return different();
    };
    let hit = other
        .seqs()
        .iter()
        .filter_map(|s| s.units().first())
        .any(|&u| sub_cost(iu, u, VowelMode::Plain) <= 20);
    if hit {
        let sim = if other.kind == TokenKind::Initial {
            1.0
        } else {
            0.75
        };
        TokenMatch {
            sim,
            rule: Rule::Initial,
        }
    } else {
        different()
    }
}

fn different() -> TokenMatch {
    TokenMatch {
        sim: 0.0,
        rule: Rule::Different,
    }
}

fn best_shared_group(a: &Token, b: &Token, level: Level) -> Option<(Tier, u32)> {
    let t = tables::tables_for(level);
    let mut best: Option<(Tier, u32)> = None;
    for &g in &a.groups {
        if b.groups.contains(&g) {
            let tier = t.groups[g as usize].tier;
            if best.is_none_or(|(bt, _)| tier < bt) {
                best = Some((tier, g));
            }
        }
    }
    best
}

/// Similarity of a token to a compound containing it.
const COMPOUND_SIM: f32 = 0.6;

/// Whether one token is the other plus a known name or the `-ul`/`-ur`
/// article of a compound (Mohammadali / Mohammad, Fazlur / Fazl).
fn is_compound_part(a: &Token, b: &Token, level: Level) -> bool {
    let t = tables::tables_for(level);
    let check = |short: &[Unit], long: &[Unit]| {
        if short.len() < 3
            || long.len() < short.len() + 2
            || (short[0] != long[0] && short.last() != long.last())
        {
            return false;
        }
        let (head, tail) = (&long[..short.len()], &long[short.len()..]);
        if head == short {
            let article = matches!(tail, [Unit::U, Unit::L | Unit::R]);
            return article || t.by_key.contains_key(&tables::hash_units(tail));
        }
        let (head, tail) = long.split_at(long.len() - short.len());
        tail == short && t.by_key.contains_key(&tables::hash_units(head))
    };
    let (ua, ub) = (a.seqs()[0].units(), b.seqs()[0].units());
    check(ua, ub) || check(ub, ua)
}

fn is_prefix(short: &[Unit], long: &[Unit]) -> bool {
    short.len() >= 3 && short.len() < long.len() && long.starts_with(short)
}

/// Compares two tokens.
pub fn compare(a: &Token, b: &Token, ctx: Ctx) -> TokenMatch {
    if a.kind == TokenKind::Initial {
        return initial_match(a, b);
    }
    if b.kind == TokenKind::Initial {
        return initial_match(b, a);
    }
    // Token-level bound over all readings at once: unrelated tokens stop
    // here without looking at any pair of readings. Equal readings have a
    // bound of zero, so the key comparison below can be skipped too.
    // A merge below MERGE_MIN_SIM is dropped whatever its similarity, so
    // its distances can stop at `merge_limit`. Not for two known names:
    // any nonzero similarity makes them "known distinct", which skips the
    // compound and truncation checks below.
    let merge_only = ctx.merge && !(a.known && b.known);
    let mut widest = limit(a.max_len as usize, b.max_len as usize);
    if merge_only {
        widest = widest.min(merge_limit(a.max_len as usize, b.max_len as usize));
    }
    let far = a.cover.lower_bound(&b.cover) > widest;
    for ka in a.keys[..a.nseq()].iter().filter(|_| !far) {
        if b.keys[..b.nseq()].contains(ka) {
            let rule = if a.text == b.text {
                Rule::Identical
            } else {
                Rule::SameUnits
            };
            return TokenMatch { sim: 1.0, rule };
        }
    }
    if a.max_len == 0 && a.text == b.text {
        return TokenMatch {
            sim: 1.0,
            rule: Rule::Identical,
        };
    }
    let shared = if a.group_bloom & b.group_bloom != 0 {
        best_shared_group(a, b, ctx.level)
    } else {
        None
    };
    let mode = if a.abjad || b.abjad {
        VowelMode::Abjad
    } else if a.arabic_origin || b.arabic_origin {
        VowelMode::Soft
    } else {
        VowelMode::Plain
    };
    // Edit distance over all reading pairs, keeping the cheapest.
    // (cost with ending penalty, penalty, longer length) of the best pair of
    // readings so far; later pairs only need to beat it (branch and bound).
    let mut best: Option<(Cost, Cost, usize)> = None;
    let seqs_a = if far { &[][..] } else { a.seqs() };
    // Pairs of readings that are far apart (relative cost above
    // EXACT_UP_TO) are not worth an exact distance: their similarity is
    // small whatever it is, so it is taken from the lower bound (which is
    // below the true cost, giving at most a slight overestimate). The best
    // such estimate, as (cost, longer length), is kept in `estimate`.
    let mut estimate: Option<(Cost, usize)> = None;
    let note = |cost: Cost, maxlen: usize, estimate: &mut Option<(Cost, usize)>| {
        if cost <= limit(maxlen, maxlen)
            && estimate.is_none_or(|(ec, el)| {
                (cost as u32) * (budget(el, el) as u32)
                    < (ec as u32) * (budget(maxlen, maxlen) as u32)
            })
        {
            *estimate = Some((cost, maxlen));
        }
    };
    'pairs: for sa in seqs_a {
        for sb in b.seqs() {
            let (ua, ub) = (sa.units(), sb.units());
            if ua.is_empty() || ub.is_empty() || (sa.foreign && sb.foreign) {
                continue;
            }
            let maxlen = ua.len().max(ub.len());
            let exact = exact_limit(ua.len(), ub.len());
            let mut limit = exact;
            if merge_only {
                limit = limit.min(merge_limit(ua.len(), ub.len()));
            }
            if let Some((bc, _, bl)) = best {
                if bc == 0 {
                    break 'pairs;
                }
                // Beating `bc` relative to its budget needs a cost below this.
                let beat =
                    (bc as u32 * budget(maxlen, maxlen) as u32).div_ceil(budget(bl, bl) as u32);
                limit = limit.min(beat.saturating_sub(1) as Cost);
            }
            // Cheap bounds first: most pairs of unrelated readings stop here.
            let sketch = sa.sketch.lower_bound(&sb.sketch);
            if sketch > limit {
                if best.is_none() {
                    note(sketch.max(exact + 1), maxlen, &mut estimate);
                }
                continue;
            }
            let tables = mode_tables(mode);
            let lb =
                lower_bound(ua, sb.set, tables, limit).max(lower_bound(ub, sa.set, tables, limit));
            if lb > limit {
                if best.is_none() {
                    note(lb.max(exact + 1), maxlen, &mut estimate);
                }
                continue;
            }
            let Some(mut d) = distance_in(ua, ub, tables, limit) else {
                if best.is_none() {
                    note(lb.max(exact + 1), maxlen, &mut estimate);
                }
                continue;
            };
            // Matcher v2: where an edit or two separate long readings, one
            // of them may be a keyboard slip. Not in short readings, where a
            // neighbouring key makes another real name as often as a slip
            // (Marić/Matić, Elif/Elof).
            //
            // Matcher v3 also takes a letter inserted or dropped next to its
            // keyboard neighbour as a slip (Abduklah/Abdullah). The reading
            // with the extra letter must be long; the other may be one unit
            // shorter, as an insertion makes it.
            let (short, long) = (ua.len().min(ub.len()), ua.len().max(ub.len()));
            if ctx.level.v3() {
                if d >= crate::units::KEYBOARD_SLIP
                    && long >= crate::units::SLIP_MIN_UNITS
                    && short + 1 >= crate::units::SLIP_MIN_UNITS
                    && let Some(slipped) = distance_slipped(ua, ub, tables_for(mode, true), limit)
                {
                    d = d.min(slipped);
                }
            } else if ctx.level.v2()
                && d >= crate::units::KEYBOARD_SLIP
                && short >= crate::units::SLIP_MIN_UNITS
                && let Some(slipped) = distance_in(ua, ub, tables_for(mode, true), limit)
            {
                d = d.min(slipped);
            }
            let pen = if mode != VowelMode::Abjad {
                ending_penalty(ua, ub, ctx.level)
            } else {
                0
            };
            let total = d + pen;
            let better = best.is_none_or(|(bc, _, bl)| {
                (total as u32) * (budget(bl, bl) as u32)
                    < (bc as u32) * (budget(maxlen, maxlen) as u32)
            });
            if better {
                best = Some((total, pen, maxlen));
            }
        }
    }
    if best.is_none() {
        best = estimate.map(|(c, l)| (c, 0, l));
    }
    let (edit_sim, edit_rule) = match best {
        Some((total, pen, maxlen)) => {
            let sim = edit_similarity(total, maxlen);
            let cost = total as f32 / FULL as f32;
            let rule = if pen > 0 {
                Rule::Ending { cost }
            } else {
                Rule::Edit { cost }
            };
            (sim, rule)
        }
        None => (0.0, Rule::Different),
    };
    let mut result = TokenMatch {
        sim: edit_sim,
        rule: edit_rule,
    };
    if let Some((tier, g)) = shared {
        let s = tier.similarity();
        if s >= result.sim {
            result = TokenMatch {
                sim: s,
                rule: Rule::Variant {
                    tier,
                    group: &tables::tables_for(ctx.level).groups[g as usize].id,
                },
            };
        }
    } else if a.known && b.known && result.sim > 0.0 {
        let cost = match result.rule {
            Rule::Edit { cost } | Rule::Ending { cost } => cost,
            _ => 1.0,
        };
        result = TokenMatch {
            sim: result.sim.min(0.25) * 0.5,
            rule: Rule::KnownDistinct { cost },
        };
        return result;
    }
    // Both checks below need the primary readings to share their first or
    // last unit; the head fields say so without touching the readings.
    let ends_meet = a.ends.0 == b.ends.0 || a.ends.1 == b.ends.1;
    if result.sim < COMPOUND_SIM && ends_meet && is_compound_part(a, b, ctx.level) {
        result = TokenMatch {
            sim: COMPOUND_SIM,
            rule: Rule::CompoundPart,
        };
    }
    // MRZ truncation: the truncated side is the last part of a long name.
    if result.sim < 0.85 && ends_meet && (ctx.a_truncatable || ctx.b_truncatable) {
        let (ua, ub) = (a.seqs()[0].units(), b.seqs()[0].units());
        if (ctx.a_truncatable && is_prefix(ua, ub)) || (ctx.b_truncatable && is_prefix(ub, ua)) {
            result = TokenMatch {
                sim: 0.85,
                rule: Rule::Truncation,
            };
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Unit::*;

    #[test]
    fn distance_basics() {
        assert_eq!(distance(&[A, B], &[A, B], VowelMode::Plain, 500), Some(0));
        assert_eq!(
            distance(&[P, E, T, R], &[P, E, T, K], VowelMode::Plain, 500),
            Some(100)
        );
        assert_eq!(
            distance(&[D, O, R], &[Dj, O, R], VowelMode::Plain, 500),
            Some(20)
        );
        assert_eq!(
            distance(&[A, B, C, D], &[M, N, L, R], VowelMode::Plain, 150),
            None
        );
    }

    #[test]
    fn merge_limit_cuts_no_pair_that_reaches_the_merge_threshold() {
        for len in 1..=crate::MAX_UNITS {
            let cut = merge_limit(len, len);
            assert!(edit_similarity(cut + 1, len) < MERGE_MIN_SIM, "{len}");
            assert!(
                edit_similarity(cut, len) < MERGE_MIN_SIM + 0.02,
                "{len}: not tight"
            );
        }
    }

    #[test]
    fn ending_penalty_marks_gender() {
        for level in [Level::V1, Level::V4] {
            assert_eq!(
                ending_penalty(&[J, O, V, A, N], &[J, O, V, A, N, A], level),
                60
            );
            assert_eq!(ending_penalty(&[M, A, R, K, O], &[M, A, R, K, O], level), 0);
            assert_eq!(
                ending_penalty(&[M, A, R, K, O], &[M, A, R, K, A], level),
                30
            );
        }
        // One vowel written two ways: an ending only before v4.
        assert_eq!(
            ending_penalty(&[T, U, R, K, Ue], &[T, U, R, K, U], Level::V3),
            30
        );
        assert_eq!(
            ending_penalty(&[T, U, R, K, Ue], &[T, U, R, K, U], Level::V4),
            0
        );
        assert_eq!(
            ending_penalty(&[D, M, I, T, R, I], &[D, M, I, T, R, Y], Level::V4),
            0
        );
    }
}
