//! The Fellegi–Sunter model: m and u probabilities per comparison level,
//! learned without labels, term-frequency adjustments, explained scores.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::compare::{Kind, level};
use crate::record::{Dataset, Record, Schema};

/// The version of the scoring algorithm; a model records it with the name
/// matcher's ([`model_version`]).
pub const VERSION: &str = "resolve-v2";

/// The version a trained model records: the algorithm and the name
/// matcher its name levels come from. A stored model of another version is
/// retrained and its pairs scored again, so that a new name matcher never
/// mixes with scores of the old one.
pub fn model_version() -> String {
    format!("{VERSION}+{}", veza_names::MATCHER_VERSION)
}

/// Smallest probability kept, so that no level is impossible.
const FLOOR: f64 = 1e-6;

/// Term frequencies of one comparison's values.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TermFrequencies {
    /// Non-missing values counted.
    pub total: u64,
    /// Count per value key ([`crate::compare::Value::tf_key`]).
    pub counts: HashMap<u64, u32>,
}

impl TermFrequencies {
    /// The chance that another record has this value, given that one
    /// record has it: (count − 1) / (total − 1), at least one record. (The
    /// plain share counted the record itself, which in a small file made
    /// every value look common.)
    pub fn frequency(&self, key: u64) -> Option<f64> {
        let c = *self.counts.get(&key)?;
        (self.total > 0)
            .then(|| c.saturating_sub(1).max(1) as f64 / self.total.saturating_sub(1).max(1) as f64)
    }
}

/// Trained parameters. Versioned and serialisable: a stored link records
/// the model that made it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    /// Algorithm and name-matcher version ([`model_version`]).
    pub version: String,
    /// The comparisons, in the order of `m`, `u` and `tf`.
    pub schema: Schema,
    /// P(level | same person), per comparison and level (index 0, missing, unused).
    pub m: Vec<Vec<f64>>,
    /// P(level | different persons), from random pairs.
    pub u: Vec<Vec<f64>>,
    /// Prior probability that two random records are one person: the
    /// matches EM expects among the candidates over all possible pairs.
    pub lambda: f64,
    /// Links are pairs with a probability at or above this.
    pub threshold: f64,
    /// Term frequencies per comparison (empty for kinds without adjustment).
    pub tf: Vec<TermFrequencies>,
    /// Records the model was trained on.
    pub trained_on: u64,
    /// EM iterations run.
    pub em_iterations: u32,
    /// `log2(m / u)` per comparison and level, worked out once: scoring
    /// needs them for every candidate pair.
    #[serde(skip)]
    level_weights: OnceLock<Vec<Vec<f64>>>,
}

/// What one field contributed to a link: one bar of the waterfall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldContribution {
    /// Comparison name.
    pub field: String,
    /// Comparison kind.
    pub kind: Kind,
    /// Level index (0 = missing).
    pub level: u8,
    /// Level label.
    pub label: String,
    /// Value of the first record.
    pub a: String,
    /// Value of the second record.
    pub b: String,
    /// m probability used.
    pub m: f64,
    /// u probability used (the value's frequency when adjusted).
    pub u: f64,
    /// Whether `u` is the value's term frequency.
    pub tf_adjusted: bool,
    /// Weight of evidence, log2(m/u), in bits.
    pub weight: f64,
}

/// A scored pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// First record id.
    pub a: String,
    /// Second record id.
    pub b: String,
    /// Total weight in bits: prior plus every field.
    pub weight: f64,
    /// Probability that the records are one person.
    pub probability: f64,
    /// Prior weight, log2(λ/(1−λ)).
    pub prior: f64,
    /// Per-field contributions, in schema order.
    pub explanation: Vec<FieldContribution>,
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ~ {}: {:+.2} bits, probability {:.6}",
            self.a, self.b, self.weight, self.probability
        )?;
        let mut running = self.prior;
        writeln!(
            f,
            "  {:<18} {:>+8.2} {:>+8.2}",
            "prior", self.prior, running
        )?;
        for c in &self.explanation {
            running += c.weight;
            writeln!(
                f,
                "  {:<18} {:>+8.2} {:>+8.2}  {}{}: {:?} | {:?}",
                c.field,
                c.weight,
                running,
                c.label,
                if c.tf_adjusted {
                    " (value frequency)"
                } else {
                    ""
                },
                c.a,
                c.b
            )?;
        }
        Ok(())
    }
}

/// Converts a weight in bits to a probability.
pub fn probability(weight: f64) -> f64 {
    let p = 2f64.powf(weight);
    if p.is_infinite() { 1.0 } else { p / (1.0 + p) }
}

/// Converts a probability to a weight in bits.
pub fn weight_of(probability: f64) -> f64 {
    let p = probability.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).log2()
}

/// Options of training.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Random pairs drawn for u.
    pub u_pairs: usize,
    /// Most candidate pairs used by EM.
    pub em_pairs: usize,
    /// Most EM iterations.
    pub em_iterations: u32,
    /// Link threshold on probability.
    pub threshold: f64,
    /// Seed of the random pairs.
    pub seed: u64,
    /// Draw random pairs across inputs only.
    pub link_only: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            u_pairs: 300_000,
            em_pairs: 1_000_000,
            em_iterations: 40,
            threshold: 0.5,
            seed: 42,
            link_only: false,
        }
    }
}

/// Splitmix64: small, seeded, deterministic.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The comparison vector of a pair: one level per comparison.
pub fn levels(schema: &Schema, a: &Record, b: &Record) -> Vec<u8> {
    schema
        .comparisons
        .iter()
        .enumerate()
        .map(|(i, c)| level(c.kind, &a.values[i], &b.values[i]))
        .collect()
}

/// Worker threads for parallel work: one per core.
pub(crate) fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `f` on each of a few coarse parts, each on its own thread,
/// results in order.
pub(crate) fn par_parts<T: Sync, R: Send>(parts: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if parts.len() <= 1 {
        return parts.iter().map(&f).collect();
    }
    par_into(parts.iter().collect(), f)
}

/// [`par_parts`] for parts the workers take over (and free as they go).
pub(crate) fn par_into<T: Send, R: Send>(parts: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|p| {
                let f = &f;
                s.spawn(move || f(p))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker panicked"))
            .collect()
    })
}

/// Runs `f` over chunks of `items` on all cores, results in order.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads();
    if threads <= 1 || items.len() < 4096 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| {
                let f = &f;
                s.spawn(move || c.iter().map(f).collect::<Vec<R>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("worker panicked"))
            .collect()
    })
}

fn normalise(v: &mut [f64]) {
    for x in v.iter_mut().skip(1) {
        *x = x.max(FLOOR);
    }
    let s: f64 = v.iter().skip(1).sum();
    for x in v.iter_mut().skip(1) {
        *x /= s;
    }
    v[0] = 0.0;
}

/// Trains a model on a dataset, with candidate pairs for EM (usually the
/// blocked pairs, see [`crate::block`]).
pub fn train_on_pairs(ds: &Dataset, pairs: &[(u32, u32)], opts: &TrainOptions) -> Model {
    let schema = ds.schema.clone();
    let k = schema.comparisons.len();
    let n = ds.records.len();
    // Term frequencies.
    let mut tf: Vec<TermFrequencies> = vec![TermFrequencies::default(); k];
    for (i, c) in schema.comparisons.iter().enumerate() {
        if !c.kind.term_frequency() {
            continue;
        }
        for r in &ds.records {
            if let Some(key) = r.tf_key(i) {
                tf[i].total += 1;
                *tf[i].counts.entry(key).or_insert(0) += 1;
            }
        }
    }
    // u from random pairs.
    let mut u: Vec<Vec<f64>> = schema
        .comparisons
        .iter()
        .map(|c| vec![1.0; c.kind.levels().len()])
        .collect();
    if n >= 2 {
        let mut rng = Rng::new(opts.seed);
        let mut sample = Vec::with_capacity(opts.u_pairs);
        let mut tries = 0;
        while sample.len() < opts.u_pairs && tries < opts.u_pairs * 20 {
            tries += 1;
            let a = rng.below(n);
            let b = rng.below(n);
            if a == b || (opts.link_only && ds.records[a].input == ds.records[b].input) {
                continue;
            }
            sample.push((a as u32, b as u32));
        }
        let vectors = par_map(&sample, |&(a, b)| {
            levels(&schema, &ds.records[a as usize], &ds.records[b as usize])
        });
        for v in &vectors {
            for (i, &l) in v.iter().enumerate() {
                u[i][l as usize] += 1.0;
            }
        }
    }
    for x in u.iter_mut() {
        normalise(x);
    }
    // m by EM over distinct comparison vectors of candidate pairs, in
    // sessions: pairs that agree exactly on one comparison (a name, a date
    // of birth) estimate the m of the others, whose values among such pairs
    // are not skewed by the blocking. Each comparison's m is the mean over
    // the sessions that estimated it.
    let step = pairs.len().div_ceil(opts.em_pairs.max(1)).max(1);
    let sample: Vec<(u32, u32)> = pairs.iter().step_by(step).copied().collect();
    let vectors = par_map(&sample, |&(a, b)| {
        levels(&schema, &ds.records[a as usize], &ds.records[b as usize])
    });
    let mut patterns: HashMap<Vec<u8>, f64> = HashMap::new();
    for v in vectors {
        *patterns.entry(v).or_insert(0.0) += 1.0;
    }
    let patterns: Vec<(Vec<u8>, f64)> = patterns.into_iter().collect();
    let prior: Vec<Vec<f64>> = schema
        .comparisons
        .iter()
        .map(|c| c.kind.m_prior())
        .collect();
    let mut sums: Vec<Vec<f64>> = prior.iter().map(|x| vec![0.0; x.len()]).collect();
    let mut counts = vec![0u32; k];
    let mut iterations = 0;
    // Sessions: pairs agreeing exactly on a strong identifier (document,
    // phone, identifier), or on both name and date of birth, are nearly all
    // one person; among them the other comparisons show their m.
    let is_strong =
        |c: &crate::record::Comparison| matches!(c.kind, Kind::Document | Kind::Phone | Kind::Id);
    let name_i = schema.index("name");
    let date_i = schema.comparisons.iter().position(|c| c.kind == Kind::Date);
    let mut sessions: Vec<Vec<usize>> = schema
        .comparisons
        .iter()
        .enumerate()
        .filter(|(_, c)| is_strong(c))
        .map(|(i, _)| vec![i])
        .collect();
    if let (Some(n), Some(d)) = (name_i, date_i) {
        sessions.push(vec![n, d]);
    }
    // Fallbacks for comparisons no strong session covers.
    sessions.extend(name_i.map(|n| vec![n]));
    sessions.extend(date_i.map(|d| vec![d]));
    for anchor in &sessions {
        let subset: Vec<(Vec<u8>, f64)> = patterns
            .iter()
            .filter(|(v, _)| anchor.iter().all(|&a| v[a] == 1))
            .map(|(v, c)| {
                let mut v = v.clone();
                for &a in anchor {
                    v[a] = 0;
                }
                (v, *c)
            })
            .collect();
        let (m, _, it) = em(&subset, prior.clone(), &u, 0.9, opts.em_iterations);
        if it == 0 {
            continue;
        }
        iterations += it;
        for i in 0..k {
            // Fallback sessions only fill comparisons nothing else estimated.
            let fallback = anchor.len() == 1 && !is_strong(&schema.comparisons[anchor[0]]);
            if anchor.contains(&i) || (fallback && counts[i] > 0) {
                continue;
            }
            if m[i].iter().skip(1).all(|&x| x <= FLOOR * 10.0) {
                continue;
            }
            counts[i] += 1;
            for (s, x) in sums[i].iter_mut().zip(&m[i]) {
                *s += x;
            }
        }
    }
    let mut m: Vec<Vec<f64>> = (0..k)
        .map(|i| {
            if counts[i] == 0 {
                prior[i].clone()
            } else {
                let mut v: Vec<f64> = sums[i].iter().map(|s| s / counts[i] as f64).collect();
                normalise(&mut v);
                v
            }
        })
        .collect();
    for v in m.iter_mut() {
        normalise(v);
    }
    // The prior over all candidates, m and u held.
    let lambda_candidates = em_lambda(&patterns, &m, &u, 0.1, opts.em_iterations);
    // The prior is that of two random records, like u: the expected matches
    // among the candidates over all possible pairs. (A prior over candidate
    // pairs would count the blocking evidence twice.)
    let all_pairs = if opts.link_only {
        let mut per_input: HashMap<u32, f64> = HashMap::new();
        for r in &ds.records {
            *per_input.entry(r.input).or_default() += 1.0;
        }
        let total: f64 = per_input.values().sum();
        per_input.values().map(|c| c * (total - c)).sum::<f64>() / 2.0
    } else {
        n as f64 * (n as f64 - 1.0) / 2.0
    };
    let lambda = (lambda_candidates * pairs.len() as f64 / all_pairs.max(1.0)).clamp(1e-12, 0.5);
    Model {
        version: model_version(),
        schema,
        m,
        u,
        lambda,
        threshold: opts.threshold,
        tf,
        trained_on: n as u64,
        em_iterations: iterations,
        level_weights: OnceLock::new(),
    }
}

/// EM with u held: returns m, λ and the iterations run.
fn em(
    patterns: &[(Vec<u8>, f64)],
    mut m: Vec<Vec<f64>>,
    u: &[Vec<f64>],
    mut lambda: f64,
    max_iterations: u32,
) -> (Vec<Vec<f64>>, f64, u32) {
    let total: f64 = patterns.iter().map(|p| p.1).sum();
    if total < 10.0 {
        return (m, lambda, 0);
    }
    let mut iterations = 0;
    for _ in 0..max_iterations {
        iterations += 1;
        let mut new_m: Vec<Vec<f64>> = m.iter().map(|x| vec![0.0; x.len()]).collect();
        let mut matches = 0.0;
        for (v, count) in patterns {
            let p = posterior(v, &m, u, lambda);
            matches += p * count;
            for (i, &l) in v.iter().enumerate() {
                new_m[i][l as usize] += p * count;
            }
        }
        let new_lambda = (matches / total).clamp(1e-6, 1.0 - 1e-6);
        for x in new_m.iter_mut() {
            if x.iter().skip(1).sum::<f64>() > 0.0 {
                normalise(x);
            }
        }
        // Comparisons never observed keep their previous m.
        for (nm, om) in new_m.iter_mut().zip(&m) {
            if nm.iter().skip(1).all(|&x| x == 0.0) {
                nm.clone_from(om);
            }
        }
        let delta = m
            .iter()
            .flatten()
            .zip(new_m.iter().flatten())
            .map(|(a, b)| (a - b).abs())
            .fold((new_lambda - lambda).abs(), f64::max);
        m = new_m;
        lambda = new_lambda;
        if delta < 1e-5 {
            break;
        }
    }
    (m, lambda, iterations)
}

fn posterior(v: &[u8], m: &[Vec<f64>], u: &[Vec<f64>], lambda: f64) -> f64 {
    let mut w = (lambda / (1.0 - lambda)).ln();
    for (i, &l) in v.iter().enumerate() {
        if l > 0 {
            w += (m[i][l as usize] / u[i][l as usize]).ln();
        }
    }
    1.0 / (1.0 + (-w).exp())
}

/// EM on λ alone, m and u held.
fn em_lambda(
    patterns: &[(Vec<u8>, f64)],
    m: &[Vec<f64>],
    u: &[Vec<f64>],
    mut lambda: f64,
    max_iterations: u32,
) -> f64 {
    let total: f64 = patterns.iter().map(|p| p.1).sum();
    if total == 0.0 {
        return lambda;
    }
    for _ in 0..max_iterations * 5 {
        let matches: f64 = patterns
            .iter()
            .map(|(v, c)| posterior(v, m, u, lambda) * c)
            .sum();
        let new_lambda = (matches / total).clamp(1e-6, 1.0 - 1e-6);
        let done = (new_lambda - lambda).abs() < 1e-7;
        lambda = new_lambda;
        if done {
            break;
        }
    }
    lambda
}

/// Trains a model on a dataset: blocks it with the default rules, then
/// learns u from random pairs and m by EM over the candidate pairs.
pub fn train(ds: &Dataset, opts: &TrainOptions) -> Model {
    let blocked = crate::block::block(ds, opts.link_only, &crate::block::BlockOptions::default());
    train_on_pairs(ds, &blocked.pairs, opts)
}

impl Model {
    /// Prior weight in bits.
    pub fn prior(&self) -> f64 {
        (self.lambda / (1.0 - self.lambda)).log2()
    }

    /// `log2(m / u)` of comparison `i` at level `l`, without frequencies.
    fn level_weight(&self, i: usize, l: u8) -> f64 {
        self.level_weights.get_or_init(|| {
            self.m
                .iter()
                .zip(&self.u)
                .map(|(m, u)| m.iter().zip(u).map(|(m, u)| (m / u).log2()).collect())
                .collect()
        })[i][l as usize]
    }

    /// The best weight comparison `i` can give a pair below its top level.
    fn best_lower_weight(&self, i: usize) -> f64 {
        (2..self.m[i].len() as u8)
            .map(|l| self.level_weight(i, l))
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// Weight of one comparison at a level (bits) and whether TF applied.
    fn field_weight(&self, i: usize, l: u8, a: &Record, b: &Record) -> (f64, f64, f64, bool) {
        let m = self.m[i][l as usize];
        let u = self.u[i][l as usize];
        // At the top level, u is the frequency of the value (of the more
        // common of two spellings), as Splink does.
        if l == 1
            && self.schema.comparisons[i].kind.term_frequency()
            && let (Some(ka), Some(kb)) = (a.tf_key(i), b.tf_key(i))
            && let (Some(fa), Some(fb)) = (self.tf[i].frequency(ka), self.tf[i].frequency(kb))
        {
            let u = fa.max(fb).max(FLOOR);
            return ((m / u).log2(), m, u, true);
        }
        (self.level_weight(i, l), m, u, false)
    }

    /// Whether agreement on comparison `i` is implied by agreeing names:
    /// nationality and sex follow from a name far more often than random
    /// pairs suggest, so counting them again would count the name twice.
    fn implied(&self, i: usize, l: u8, name_level: u8) -> bool {
        l == 1
            && (1..=2).contains(&name_level)
            && matches!(
                self.schema.comparisons[i].name.as_str(),
                "nationality" | "sex"
            )
    }

    fn name_level(&self, a: &Record, b: &Record) -> u8 {
        self.schema
            .index("name")
            .map_or(0, |i| level(Kind::Name, &a.values[i], &b.values[i]))
    }

    /// Weight of a pair in bits, without the explanation (the fast path).
    pub fn weight(&self, a: &Record, b: &Record) -> f64 {
        let mut w = self.prior();
        let name_i = self.schema.index("name");
        let nl = self.name_level(a, b);
        for (i, c) in self.schema.comparisons.iter().enumerate() {
            let l = if Some(i) == name_i {
                nl
            } else {
                level(c.kind, &a.values[i], &b.values[i])
            };
            if l > 0 && !self.implied(i, l, nl) {
                w += self.field_weight(i, l, a, b).0;
            }
        }
        w
    }

    /// The weight of a pair if it can reach `at_least`, `None` when it
    /// certainly cannot. Names are the costly comparisons, so the others
    /// are compared first, with each name at its best possible weight; a
    /// name is then scored only while the pair can still reach `at_least`.
    /// Most candidate pairs of a common name token fail on the date and
    /// the rest, unscored. A pair that can reach it gets exactly
    /// [`Model::weight`] (the same sum in the same order).
    pub fn weight_reaching(&self, a: &Record, b: &Record, at_least: f64) -> Option<f64> {
        const MOST: usize = 32;
        let k = self.schema.comparisons.len();
        if k > MOST {
            let w = self.weight(a, b);
            return (w >= at_least).then_some(w);
        }
        let mut levels = [0u8; MOST];
        let mut names: [(usize, f64); 4] = [(0, 0.0); 4];
        let mut n_names = 0;
        let mut bound = self.prior();
        for (i, c) in self.schema.comparisons.iter().enumerate() {
            let (va, vb) = (&a.values[i], &b.values[i]);
            if va.is_missing() || vb.is_missing() {
                continue;
            }
            if c.kind == Kind::Name && n_names < names.len() {
                // The best level: agreement (its weight for these values'
                // frequencies) or any other, whichever weighs most.
                let best = self
                    .field_weight(i, 1, a, b)
                    .0
                    .max(self.best_lower_weight(i));
                names[n_names] = (i, best);
                n_names += 1;
                bound += best;
                continue;
            }
            let l = level(c.kind, va, vb);
            levels[i] = l;
            if l == 0 {
                continue;
            }
            let w = self.field_weight(i, l, a, b).0;
            // Sex and nationality may be implied by the name (not counted).
            let impliable = l == 1 && matches!(c.name.as_str(), "nationality" | "sex");
            bound += if impliable { w.max(0.0) } else { w };
        }
        if bound < at_least {
            return None;
        }
        // The names with the most at stake first: the first often settles it.
        let names = &mut names[..n_names];
        names.sort_by(|x, y| y.1.total_cmp(&x.1));
        for &(i, best) in names.iter() {
            let c = &self.schema.comparisons[i];
            let l = level(c.kind, &a.values[i], &b.values[i]);
            levels[i] = l;
            bound += self.field_weight(i, l, a, b).0 - best;
            if bound < at_least {
                return None;
            }
        }
        let name_i = self.schema.index("name");
        let nl = name_i.map_or(0, |i| levels[i]);
        let mut w = self.prior();
        for (i, &l) in levels[..k].iter().enumerate() {
            if l > 0 && !self.implied(i, l, nl) {
                w += self.field_weight(i, l, a, b).0;
            }
        }
        (w >= at_least).then_some(w)
    }

    /// The weight at the threshold.
    pub fn threshold_weight(&self) -> f64 {
        weight_of(self.threshold)
    }
}

/// Scores a pair with its explanation.
pub fn score_pair(model: &Model, a: &Record, b: &Record) -> Link {
    let prior = model.prior();
    let mut weight = prior;
    let mut explanation = Vec::with_capacity(model.schema.comparisons.len());
    let nl = model.name_level(a, b);
    for (i, c) in model.schema.comparisons.iter().enumerate() {
        let l = level(c.kind, &a.values[i], &b.values[i]);
        let implied = l > 0 && model.implied(i, l, nl);
        let (w, m, u, tf_adjusted) = if implied {
            (0.0, 1.0, 1.0, false)
        } else if l > 0 {
            model.field_weight(i, l, a, b)
        } else {
            (0.0, 1.0, 1.0, false)
        };
        weight += w;
        explanation.push(FieldContribution {
            field: c.name.clone(),
            kind: c.kind,
            level: l,
            label: if implied {
                format!("{} (implied by the name)", c.kind.levels()[l as usize])
            } else {
                c.kind.levels()[l as usize].to_owned()
            },
            a: a.values[i].display(),
            b: b.values[i].display(),
            m,
            u,
            tf_adjusted,
            weight: w,
        });
    }
    Link {
        a: a.id.clone(),
        b: b.id.clone(),
        weight,
        probability: probability(weight),
        prior,
        explanation,
    }
}
