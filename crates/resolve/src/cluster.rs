//! Clustering: connected components over links, judgements as edges, and a
//! guard against chaining.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Link, Model, score_pair};
use crate::record::Dataset;

/// A reviewer's decision on a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// One person: the records are always in one cluster.
    Same,
    /// Different persons: never in one cluster, whatever the links.
    NotSame,
    /// Undecided: the model decides.
    Unsure,
}

/// A judgement: an auditable edge between two records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    /// First record id.
    pub a: String,
    /// Second record id.
    pub b: String,
    /// The decision.
    pub verdict: Verdict,
    /// Who decided.
    pub user: String,
    /// When (RFC 3339).
    pub at: String,
}

/// A scored candidate pair (record indices, weight in bits).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// First record index.
    pub a: u32,
    /// Second record index.
    pub b: u32,
    /// Weight in bits.
    pub weight: f64,
}

/// Clustering settings.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Edges at or above this weight (bits) are links.
    pub threshold: f64,
    /// Split clusters of three or more whose links are sparse.
    pub guard: bool,
    /// Least share of a cluster's record pairs that must be linked
    /// ([`cluster`], which sees only the links).
    pub min_density: f64,
    /// Largest weight in bits, either way, that one pair brings to a merge
    /// check ([`cluster_checked`]).
    pub max_pair_weight: f64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            threshold: 0.0,
            guard: true,
            min_density: 0.4,
            max_pair_weight: 20.0,
        }
    }
}

/// Union-find with path halving and union by size.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }
    /// Adds a singleton, returning its index.
    pub fn push(&mut self) -> u32 {
        self.parent.push(self.parent.len() as u32);
        self.size.push(1);
        self.parent.len() as u32 - 1
    }
    /// The root of `x`.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = p;
            x = p;
        }
        x
    }
    /// Joins the sets of `a` and `b`; returns the new root.
    pub fn union(&mut self, a: u32, b: u32) -> u32 {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return a;
        }
        if self.size[a as usize] < self.size[b as usize] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b as usize] = a;
        self.size[a as usize] += self.size[b as usize];
        a
    }
}

/// Plain connected components: label of each node = smallest node index of
/// its component.
pub fn connected_components(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
    let mut uf = UnionFind::new(n);
    for &(a, b) in edges {
        uf.union(a, b);
    }
    canonical_labels(n, |x| uf.find(x))
}

fn canonical_labels(n: usize, mut root: impl FnMut(u32) -> u32) -> Vec<u32> {
    let mut first: HashMap<u32, u32> = HashMap::new();
    (0..n as u32)
        .map(|x| *first.entry(root(x)).or_insert(x))
        .collect()
}

/// Clusters `n` records: links are edges at or above the threshold; `Same`
/// judgements force a join, `NotSame` judgements forbid one (links are
/// taken strongest first, and a link that would join two records judged
/// different is dropped). With the guard, a cluster of three or more whose
/// linked share of pairs is below `min_density` is split by raising its
/// threshold past its weakest links until it is dense or apart.
///
/// Returns the label of each record: the smallest record index of its cluster.
pub fn cluster(
    n: usize,
    edges: &[Edge],
    judgements: &[(u32, u32, Verdict)],
    opts: &ClusterOptions,
) -> Vec<u32> {
    let same: Vec<(u32, u32)> = judgements
        .iter()
        .filter(|j| j.2 == Verdict::Same)
        .map(|j| (j.0, j.1))
        .collect();
    let not_same: Vec<(u32, u32)> = judgements
        .iter()
        .filter(|j| j.2 == Verdict::NotSame)
        .map(|j| (j.0.min(j.1), j.0.max(j.1)))
        .collect();
    let links = strongest_first(edges, opts.threshold);
    let labels = constrained(n, &same, &not_same, &links);
    if !opts.guard {
        return labels;
    }
    // Guard: examine each cluster of three or more.
    let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, &l) in labels.iter().enumerate() {
        members.entry(l).or_default().push(i as u32);
    }
    let mut by_cluster: HashMap<u32, Vec<Edge>> = HashMap::new();
    // Same judgements count as the strongest links.
    let judged = same.iter().map(|&(a, b)| Edge {
        a,
        b,
        weight: f64::INFINITY,
    });
    for e in links.iter().copied().chain(judged) {
        let l = labels[e.a as usize];
        if l == labels[e.b as usize] {
            by_cluster.entry(l).or_default().push(e);
        }
    }
    let mut out = labels.clone();
    for (label, ms) in members {
        if ms.len() < 3 {
            continue;
        }
        let es = by_cluster.remove(&label).unwrap_or_default();
        let sub = split_sparse(&ms, &es, &same, &not_same, opts.min_density);
        for (i, &m) in ms.iter().enumerate() {
            out[m as usize] = sub[i];
        }
    }
    // Relabel so each label is the smallest index of its cluster.
    canonical_labels(n, |x| out[x as usize])
}

/// Clusters `n` records like [`cluster`], but with the guard checking every
/// merge against all record pairs it would join, not only the links.
///
/// Links are taken strongest first. Two clusters A and B joined by a link
/// are merged only if the evidence over all pairs of A × B is for it: the
/// sum over those pairs of their weight above the threshold, each clamped
/// to ±[`ClusterOptions::max_pair_weight`] bits, is not negative
/// (`pair_weight(x, y)` scores any pair). This is the greedy merge of
/// correlation clustering with the model's log-odds as pair costs: a record
/// whose name and date contradict half a cluster does not join it through
/// one shared spelling of a common name. `Same` judgements join
/// unconditionally, `NotSame` judgements forbid joins, as in [`cluster`].
/// Without the guard this is [`cluster`] without the guard.
pub fn cluster_checked(
    n: usize,
    edges: &[Edge],
    judgements: &[(u32, u32, Verdict)],
    opts: &ClusterOptions,
    pair_weight: &dyn Fn(u32, u32) -> f64,
) -> Vec<u32> {
    if !opts.guard {
        return cluster(n, edges, judgements, opts);
    }
    let mut uf = UnionFind::new(n);
    let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
    let join = |uf: &mut UnionFind, members: &mut HashMap<u32, Vec<u32>>, a: u32, b: u32| {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            return ra;
        }
        let root = uf.union(ra, rb);
        let other = if root == ra { rb } else { ra };
        let mut moved = members.remove(&other).unwrap_or_else(|| vec![other]);
        members
            .entry(root)
            .or_insert_with(|| vec![root])
            .append(&mut moved);
        root
    };
    for j in judgements.iter().filter(|j| j.2 == Verdict::Same) {
        join(&mut uf, &mut members, j.0, j.1);
    }
    let mut cannot: HashMap<u32, Vec<u32>> = HashMap::new();
    for j in judgements.iter().filter(|j| j.2 == Verdict::NotSame) {
        let (ra, rb) = (uf.find(j.0), uf.find(j.1));
        if ra != rb {
            cannot.entry(ra).or_default().push(rb);
            cannot.entry(rb).or_default().push(ra);
        }
    }
    let links = strongest_first(edges, opts.threshold);
    // Refused merges, by both roots and sizes (a refusal stands until
    // either side grows).
    let mut refused: std::collections::HashSet<(u32, u32, u32, u32)> =
        std::collections::HashSet::new();
    let cap = opts.max_pair_weight;
    // Links between two clusters are scored already.
    let known: HashMap<(u32, u32), f64> = links
        .iter()
        .map(|e| ((e.a.min(e.b), e.a.max(e.b)), e.weight))
        .collect();
    for e in &links {
        let (ra, rb) = (uf.find(e.a), uf.find(e.b));
        if ra == rb {
            continue;
        }
        if cannot
            .get(&ra)
            .is_some_and(|v| v.iter().any(|&x| uf.find(x) == rb))
        {
            continue;
        }
        let (sa, sb) = (uf.size[ra as usize], uf.size[rb as usize]);
        let key = (ra.min(rb), ra.max(rb), sa.min(sb), sa.max(sb));
        if sa + sb > 2 {
            if refused.contains(&key) {
                continue;
            }
            let (alone_a, alone_b) = ([ra], [rb]);
            let ma = members.get(&ra).map_or(&alone_a[..], Vec::as_slice);
            let mb = members.get(&rb).map_or(&alone_b[..], Vec::as_slice);
            // Each pair adds at most ±cap, so the check stops as soon as
            // the pairs not yet seen can no longer change its outcome (with
            // a margin far above rounding, so the decision is the one the
            // full sum gives). Large clusters of namesakes are decided after
            // a fraction of their pairs.
            const MARGIN: f64 = 1e-6;
            let mut left = (ma.len() * mb.len()) as f64;
            let mut sum = 0.0;
            let mut decided = None;
            'pairs: for &x in ma {
                for &y in mb {
                    let w = match known.get(&(x.min(y), x.max(y))) {
                        Some(&w) => w,
                        None => pair_weight(x, y),
                    };
                    sum += (w - opts.threshold).clamp(-cap, cap);
                    left -= 1.0;
                    if sum + left * cap < -MARGIN {
                        decided = Some(false);
                        break 'pairs;
                    }
                    if sum - left * cap >= MARGIN {
                        decided = Some(true);
                        break 'pairs;
                    }
                }
            }
            if !decided.unwrap_or(sum >= 0.0) {
                refused.insert(key);
                continue;
            }
        }
        let root = join(&mut uf, &mut members, ra, rb);
        let other = if root == ra { rb } else { ra };
        if let Some(mut moved) = cannot.remove(&other) {
            cannot.entry(root).or_default().append(&mut moved);
        }
    }
    canonical_labels(n, |x| uf.find(x))
}

/// The weight of a pair as the merge check of [`cluster_checked`] needs it:
/// exact, unless it is so low that the check clamps it anyway (at or below
/// the threshold less [`ClusterOptions::max_pair_weight`]), which the
/// model can often tell without scoring the names; such a pair is given as
/// minus infinity, which the check clamps to the same value.
pub fn merge_check_weight(
    model: &Model,
    a: &crate::record::Record,
    b: &crate::record::Record,
    opts: &ClusterOptions,
) -> f64 {
    model
        .weight_reaching(a, b, opts.threshold - opts.max_pair_weight)
        .unwrap_or(f64::NEG_INFINITY)
}

/// The links among `edges` (at or above `threshold`, no self-pairs),
/// strongest first, ties by record order: the order both clusterings take
/// them in.
fn strongest_first(edges: &[Edge], threshold: f64) -> Vec<Edge> {
    let mut links: Vec<Edge> = edges
        .iter()
        .filter(|e| e.weight >= threshold && e.a != e.b)
        .copied()
        .collect();
    links.sort_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    links
}

/// Splits one cluster (members sorted ascending) until every part is dense.
fn split_sparse(
    members: &[u32],
    edges: &[Edge],
    same: &[(u32, u32)],
    not_same: &[(u32, u32)],
    min_density: f64,
) -> Vec<u32> {
    let k = members.len();
    let density = {
        let mut distinct: Vec<(u32, u32)> =
            edges.iter().map(|e| (e.a.min(e.b), e.a.max(e.b))).collect();
        distinct.sort_unstable();
        distinct.dedup();
        distinct.len() as f64 / (k * (k - 1) / 2) as f64
    };
    if k < 3 || density >= min_density || edges.is_empty() {
        return vec![members[0]; k];
    }
    // Drop the weakest tenth of the links (at least the weakest one).
    let mut weights: Vec<f64> = edges.iter().map(|e| e.weight).collect();
    weights.sort_by(f64::total_cmp);
    let cut = weights[(weights.len() / 10).max(1) - 1];
    let kept: Vec<Edge> = edges.iter().filter(|e| e.weight > cut).copied().collect();
    let index: HashMap<u32, u32> = members
        .iter()
        .enumerate()
        .map(|(i, &m)| (m, i as u32))
        .collect();
    let local = |e: &Edge| Edge {
        a: index[&e.a],
        b: index[&e.b],
        weight: e.weight,
    };
    let local_pairs = |ps: &[(u32, u32)]| -> Vec<(u32, u32)> {
        ps.iter()
            .filter_map(|&(a, b)| Some((*index.get(&a)?, *index.get(&b)?)))
            .collect()
    };
    let kept_local: Vec<Edge> = kept.iter().map(local).collect();
    let labels = constrained(k, &local_pairs(same), &local_pairs(not_same), &kept_local);
    let mut parts: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, &l) in labels.iter().enumerate() {
        parts.entry(l).or_default().push(i as u32);
    }
    // Edges per part, in one pass.
    let mut part_edges: HashMap<u32, Vec<Edge>> = HashMap::new();
    for e in &kept {
        let la = labels[index[&e.a] as usize];
        if la == labels[index[&e.b] as usize] {
            part_edges.entry(la).or_default().push(*e);
        }
    }
    let mut out = vec![0; k];
    for (label, part) in parts {
        let global: Vec<u32> = part.iter().map(|&i| members[i as usize]).collect();
        let es = part_edges.remove(&label).unwrap_or_default();
        let sub = if part.len() == k {
            // Same-judgements hold it together: stop.
            vec![global[0]; k]
        } else {
            split_sparse(&global, &es, same, not_same, min_density)
        };
        for (j, &i) in part.iter().enumerate() {
            out[i as usize] = sub[j];
        }
    }
    out
}

/// Union-find honouring judgements; `links` strongest first.
fn constrained(n: usize, same: &[(u32, u32)], not_same: &[(u32, u32)], links: &[Edge]) -> Vec<u32> {
    let mut uf = UnionFind::new(n);
    for &(a, b) in same {
        uf.union(a, b);
    }
    if not_same.is_empty() {
        for e in links {
            uf.union(e.a, e.b);
        }
        return canonical_labels(n, |x| uf.find(x));
    }
    // Cannot-link sets per root.
    let mut cannot: HashMap<u32, Vec<u32>> = HashMap::new();
    for &(a, b) in not_same {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            continue; // contradicted by Same judgements: Same wins
        }
        cannot.entry(ra).or_default().push(rb);
        cannot.entry(rb).or_default().push(ra);
    }
    for e in links {
        let (ra, rb) = (uf.find(e.a), uf.find(e.b));
        if ra == rb {
            continue;
        }
        let forbidden = cannot
            .get(&ra)
            .is_some_and(|v| v.iter().any(|&x| uf.find(x) == rb));
        if forbidden {
            continue;
        }
        let root = uf.union(ra, rb);
        let mut merged = cannot.remove(&ra).unwrap_or_default();
        merged.extend(cannot.remove(&rb).unwrap_or_default());
        if !merged.is_empty() {
            cannot.insert(root, merged);
        }
    }
    canonical_labels(n, |x| uf.find(x))
}

/// Judgements on record ids as index triples (unknown ids are skipped).
pub fn judgement_edges(ds: &Dataset, judgements: &[Judgement]) -> Vec<(u32, u32, Verdict)> {
    let mut index: HashMap<&str, u32> = HashMap::new();
    for (i, r) in ds.records.iter().enumerate() {
        index.entry(r.id.as_str()).or_insert(i as u32);
    }
    judgements
        .iter()
        .filter_map(|j| {
            Some((
                *index.get(j.a.as_str())?,
                *index.get(j.b.as_str())?,
                j.verdict,
            ))
        })
        .collect()
}

/// Why records are one cluster: the strongest links that hold it together
/// (a maximum spanning tree), each explained.
#[derive(Debug, Clone)]
pub struct ClusterExplanation {
    /// Member record ids.
    pub members: Vec<String>,
    /// Links of the spanning tree, strongest first.
    pub links: Vec<Link>,
    /// Pairs held together by a `Same` judgement rather than a link.
    pub judged: Vec<(String, String)>,
}

impl fmt::Display for ClusterExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} records are one person: {}",
            self.members.len(),
            self.members.join(", ")
        )?;
        for (a, b) in &self.judged {
            writeln!(f, "- {a} ~ {b}: judged the same person")?;
        }
        for l in &self.links {
            let mut top: Vec<_> = l.explanation.iter().filter(|c| c.level > 0).collect();
            top.sort_by(|x, y| y.weight.total_cmp(&x.weight));
            let reasons: Vec<String> = top
                .iter()
                .take(4)
                .map(|c| format!("{} {} ({:+.1})", c.field, c.label, c.weight))
                .collect();
            writeln!(
                f,
                "- {} ~ {}: {:+.1} bits, p={:.4}: {}",
                l.a,
                l.b,
                l.weight,
                l.probability,
                reasons.join("; ")
            )?;
        }
        Ok(())
    }
}

/// Explains a cluster given its members (record indices), the scored edges
/// among them and the judgements.
pub fn explain_cluster(
    model: &Model,
    ds: &Dataset,
    members: &[u32],
    edges: &[Edge],
    judgements: &[(u32, u32, Verdict)],
) -> ClusterExplanation {
    let set: std::collections::HashSet<u32> = members.iter().copied().collect();
    let index: HashMap<u32, u32> = members
        .iter()
        .enumerate()
        .map(|(i, &m)| (m, i as u32))
        .collect();
    let mut uf = UnionFind::new(members.len());
    let mut judged = Vec::new();
    for &(a, b, v) in judgements {
        if v == Verdict::Same && set.contains(&a) && set.contains(&b) {
            uf.union(index[&a], index[&b]);
            judged.push((
                ds.records[a as usize].id.clone(),
                ds.records[b as usize].id.clone(),
            ));
        }
    }
    let mut es: Vec<Edge> = edges
        .iter()
        .filter(|e| set.contains(&e.a) && set.contains(&e.b))
        .copied()
        .collect();
    es.sort_by(|x, y| y.weight.total_cmp(&x.weight));
    let mut links = Vec::new();
    for e in es {
        let (ia, ib) = (index[&e.a], index[&e.b]);
        if uf.find(ia) != uf.find(ib) {
            uf.union(ia, ib);
            links.push(score_pair(
                model,
                &ds.records[e.a as usize],
                &ds.records[e.b as usize],
            ));
        }
    }
    ClusterExplanation {
        members: members
            .iter()
            .map(|&m| ds.records[m as usize].id.clone())
            .collect(),
        links,
        judged,
    }
}
