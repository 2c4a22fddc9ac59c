//! Evaluation against known truth: pairwise and B-cubed precision, recall
//! and F1, and blocking recall.

use std::collections::{HashMap, HashSet};

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Scores {
    fn new(precision: f64, recall: f64) -> Scores {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Scores {
            precision,
            recall,
            f1,
        }
    }
}

fn pairs_of<T: Eq + std::hash::Hash + Copy>(
    labels: &[T],
    inputs: Option<&[u32]>,
) -> HashSet<(u32, u32)> {
    let mut groups: HashMap<T, Vec<u32>> = HashMap::new();
    for (i, &l) in labels.iter().enumerate() {
        groups.entry(l).or_default().push(i as u32);
    }
    let mut out = HashSet::new();
    for g in groups.values() {
        for (i, &a) in g.iter().enumerate() {
            for &b in &g[i + 1..] {
                if inputs.is_none_or(|inp| inp[a as usize] != inp[b as usize]) {
                    out.insert((a, b));
                }
            }
        }
    }
    out
}

/// Pairwise scores of predicted clusters against true ones (labels per
/// record). With `inputs`, only pairs across inputs count (linking).
pub fn pairwise<P, T>(predicted: &[P], truth: &[T], inputs: Option<&[u32]>) -> Scores
where
    P: Eq + std::hash::Hash + Copy,
    T: Eq + std::hash::Hash + Copy,
{
    let p = pairs_of(predicted, inputs);
    let t = pairs_of(truth, inputs);
    let tp = p.intersection(&t).count() as f64;
    Scores::new(
        if p.is_empty() {
            1.0
        } else {
            tp / p.len() as f64
        },
        if t.is_empty() {
            1.0
        } else {
            tp / t.len() as f64
        },
    )
}

/// B-cubed scores: per record, the share of its predicted cluster that is
/// truly its, and of its true cluster that is predicted, averaged.
pub fn bcubed<P, T>(predicted: &[P], truth: &[T]) -> Scores
where
    P: Eq + std::hash::Hash + Copy,
    T: Eq + std::hash::Hash + Copy,
{
    let mut both: HashMap<(P, T), f64> = HashMap::new();
    let mut ps: HashMap<P, f64> = HashMap::new();
    let mut ts: HashMap<T, f64> = HashMap::new();
    for (&p, &t) in predicted.iter().zip(truth) {
        *both.entry((p, t)).or_default() += 1.0;
        *ps.entry(p).or_default() += 1.0;
        *ts.entry(t).or_default() += 1.0;
    }
    let n = predicted.len().max(1) as f64;
    let (mut prec, mut rec) = (0.0, 0.0);
    for (&p, &t) in predicted.iter().zip(truth) {
        let b = both[&(p, t)];
        prec += b / ps[&p];
        rec += b / ts[&t];
    }
    Scores::new(prec / n, rec / n)
}

/// Share of true pairs among the candidate pairs (sorted, a < b).
pub fn blocking_recall<T: Eq + std::hash::Hash + Copy>(
    candidates: &[(u32, u32)],
    truth: &[T],
    inputs: Option<&[u32]>,
) -> f64 {
    let t = pairs_of(truth, inputs);
    if t.is_empty() {
        return 1.0;
    }
    let found = candidates.iter().filter(|p| t.contains(p)).count();
    found as f64 / t.len() as f64
}
