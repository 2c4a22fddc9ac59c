//! Blocking: candidate pairs from several rules, each reported.
//!
//! Rules: the names crate's name keys (any one name token); two name tokens
//! together with the birth year; one name token with the full date of
//! birth; the document number (OCR-folded); the phone (last 8 digits);
//! identifiers; the start of the address within a postcode or city. A date
//! of birth alone is no rule: in a million records every date is shared by
//! dozens of people, and pairs that share only a date can reach the
//! threshold only through an identifier, which has its own rule.
//!
//! Every rule gives each record zero or more keys; records sharing a key are
//! candidates. A bucket larger than [`BlockOptions::max_bucket`] is not
//! expanded to all its pairs (a common name would give billions) but paired
//! by sorted neighbourhood: its records sorted by name and date, each paired
//! with the next [`BlockOptions::window`] ones.
//!
//! Keys are computed on all cores and split into key ranges; each core
//! gathers, sorts and pairs one range at a time, so memory holds a
//! sixteenth of a rule's keys at once, and each record's place in the
//! sorted-neighbourhood order is computed once, not once per bucket.

use std::sync::OnceLock;

use crate::compare::{Kind, Value, ocr_fold};
use crate::model::{par_into, par_map, par_parts, threads};
use crate::record::{Dataset, Record};

/// Blocking settings.
#[derive(Debug, Clone)]
pub struct BlockOptions {
    /// Largest bucket expanded to all its pairs.
    pub max_bucket: usize,
    /// Neighbours paired within a larger bucket.
    pub window: usize,
}

impl Default for BlockOptions {
    fn default() -> Self {
        BlockOptions {
            max_bucket: 100,
            window: 10,
        }
    }
}

/// Pairs produced by one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleStats {
    /// Rule name.
    pub rule: &'static str,
    /// Distinct pairs the rule produces.
    pub pairs: u64,
    /// Of those, pairs no earlier rule produced.
    pub new_pairs: u64,
    /// Buckets paired by sorted neighbourhood instead of in full.
    pub large_buckets: u64,
}

/// The result of blocking.
#[derive(Debug, Clone, Default)]
pub struct Blocked {
    /// Distinct candidate pairs (a < b, record indices), sorted.
    pub pairs: Vec<(u32, u32)>,
    /// Per rule.
    pub rules: Vec<RuleStats>,
}

/// The rules, in order.
pub const RULES: [&str; 7] = [
    "name keys",
    "two names, birth year",
    "one name, date of birth",
    "document number",
    "phone",
    "identifier",
    "address",
];

/// The keys of each name token (the names crate's, token by token), one
/// set per token. Particles, titles and initials have none.
fn token_keys(n: &veza_names::AnalysedName) -> Vec<Vec<u64>> {
    veza_names::token_blocking_keys(n)
        .into_iter()
        .map(|t| t.keys)
        .collect()
}

/// Keys for two name tokens together (in either order), salted with the
/// birth year.
fn pair_keys(n: &veza_names::AnalysedName, salt: u64, out: &mut Vec<u64>) {
    let toks = token_keys(n);
    for (i, a) in toks.iter().enumerate() {
        for b in &toks[i + 1..] {
            for &x in a {
                for &y in b {
                    let (x, y) = if x < y { (x, y) } else { (y, x) };
                    out.push(x.rotate_left(17) ^ y.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ salt);
                }
            }
        }
    }
}

/// The date of birth of a record (the first date compared when there is no
/// `date_of_birth`).
fn birth_date<'a>(ds: &Dataset, r: &'a Record) -> Option<&'a veza_model::PartialDate> {
    let i = ds.schema.index("date_of_birth").or_else(|| {
        ds.schema
            .comparisons
            .iter()
            .position(|c| c.kind == Kind::Date)
    })?;
    match &r.values[i] {
        Value::Date(d) => Some(d),
        _ => None,
    }
}

pub(crate) fn keys(rule: usize, ds: &Dataset, r: &Record, out: &mut Vec<u64>) {
    use veza_names::tables::{hash_parts, hash_str};
    for (i, c) in ds.schema.comparisons.iter().enumerate() {
        let v = &r.values[i];
        match (rule, c.kind, v) {
            (0, Kind::Name, Value::Name(n)) if c.name == "name" => {
                out.extend(veza_names::blocking_keys(n));
            }
            (1, Kind::Name, Value::Name(n)) if c.name == "name" => {
                if let Some(d) = birth_date(ds, r) {
                    pair_keys(
                        n,
                        (d.year as u64 + 1).wrapping_mul(0xff51_afd7_ed55_8ccd),
                        out,
                    );
                }
            }
            (2, Kind::Name, Value::Name(n)) if c.name == "name" => {
                if let Some(d) = birth_date(ds, r).filter(|d| d.day.is_some()) {
                    let day = (d.year as u64) << 16
                        | (d.month.unwrap_or(0) as u64) << 8
                        | d.day.unwrap_or(0) as u64;
                    let salt = (day + 1).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
                    for ks in token_keys(n) {
                        out.extend(ks.iter().map(|k| k.rotate_left(29) ^ salt));
                    }
                }
            }
            (3, Kind::Document, Value::Text(t)) if t.len() >= 4 => {
                out.push(hash_str(&ocr_fold(t)));
            }
            (4, Kind::Phone, Value::Text(t)) if t.len() >= 6 => {
                let tail = &t[t.len().saturating_sub(8)..];
                out.push(hash_str(tail));
            }
            (5, Kind::Id, Value::Text(t)) => {
                out.push(hash_str(t) ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            }
            _ => {}
        }
    }
    if rule == 6 {
        // The same start of the address in the same postcode or city.
        let text = |name: &str| match ds.schema.index(name).map(|i| &r.values[i]) {
            Some(Value::Text(t)) => Some(t.as_ref()),
            _ => None,
        };
        let start =
            |s: &str| -> String { s.chars().filter(|c| c.is_alphabetic()).take(4).collect() };
        if let Some(a) = text("address") {
            let a = start(a);
            if let Some(p) = text("postcode") {
                out.push(hash_parts(&["p|", p, "|", &a]));
            }
            if let Some(c) = text("city") {
                out.push(hash_parts(&["c|", &start(c), "|", &a]));
            }
        }
    }
}

fn sort_key(ds: &Dataset, r: &Record) -> String {
    let mut s = String::new();
    for (i, c) in ds.schema.comparisons.iter().enumerate() {
        match (&r.values[i], c.kind) {
            (Value::Name(n), Kind::Name) if c.name == "name" => s.insert_str(0, n.cleaned()),
            (Value::Date(d), Kind::Date) => {
                s.push('|');
                s.push_str(&d.to_string());
            }
            _ => {}
        }
    }
    s
}

/// Each record's place in the sorted-neighbourhood order (name, then
/// date), computed once: a record sits in many large buckets, and sorting
/// each bucket by rank costs no string comparison.
fn neighbourhood_ranks(ds: &Dataset) -> Vec<u32> {
    let mut order: Vec<(String, u32)> = par_map(&ds.records, |r| sort_key(ds, r))
        .into_iter()
        .zip(0..)
        .collect();
    order.sort_unstable();
    let mut rank = vec![0; order.len()];
    for (pos, (_, idx)) in order.into_iter().enumerate() {
        rank[idx as usize] = pos as u32;
    }
    rank
}

/// Appends the merge of two sorted slices.
fn merge_into<T: Ord + Copy>(a: &[T], b: &[T], out: &mut Vec<T>) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if b[j] < a[i] {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// Key ranges a rule's entries are split into. A rule's (key, record)
/// entries are the largest thing blocking holds (two names with the birth
/// year give a record dozens of keys); one range at a time is gathered and
/// sorted, so only a sixteenth of them is ever copied.
const KEY_RANGES: usize = 16;

/// (key, record) entries of one key range, one vector per thread that
/// computed them.
type RangeEntries = Vec<Vec<(u64, u32)>>;

/// The key range of a key (keys are hashes: its top bits).
fn key_range(key: u64) -> usize {
    (key >> 60) as usize
}

/// A rule's keys, computed on all cores, split by key range: one vector
/// per range per thread.
fn rule_entries(rule: usize, ds: &Dataset) -> Vec<RangeEntries> {
    let chunk = ds.records.len().div_ceil(threads()).max(1);
    let parts: Vec<(usize, &[Record])> =
        (0..).step_by(chunk).zip(ds.records.chunks(chunk)).collect();
    let per_thread = par_parts(&parts, |&(first, records)| {
        let mut out: Vec<Vec<(u64, u32)>> = vec![Vec::new(); KEY_RANGES];
        let mut buf = Vec::new();
        for (idx, r) in (first..).zip(records) {
            buf.clear();
            keys(rule, ds, r, &mut buf);
            buf.sort_unstable();
            buf.dedup();
            for &k in &buf {
                out[key_range(k)].push((k, idx as u32));
            }
        }
        out
    });
    // Transpose to one list of per-thread vectors per key range.
    let mut by_range: Vec<RangeEntries> = vec![Vec::new(); KEY_RANGES];
    for thread in per_thread {
        for (range, v) in thread.into_iter().enumerate() {
            by_range[range].push(v);
        }
    }
    by_range
}

/// Merges sorted runs into one sorted vector, freeing each run as it goes.
fn merge_runs<T: Ord + Copy>(runs: &mut Vec<Vec<T>>) -> Vec<T> {
    while runs.len() > 1 {
        let b = runs.pop().unwrap_or_default();
        let a = runs.pop().unwrap_or_default();
        let mut merged = Vec::with_capacity(a.len() + b.len());
        merge_into(&a, &b, &mut merged);
        runs.push(merged);
    }
    runs.pop().unwrap_or_default()
}

/// Candidate pairs of a dataset. With `link_only`, only pairs across inputs.
pub fn block(ds: &Dataset, link_only: bool, opts: &BlockOptions) -> Blocked {
    let mut all: Vec<u64> = Vec::new();
    let mut rules = Vec::new();
    let rank: OnceLock<Vec<u32>> = OnceLock::new();
    for (rule, name) in RULES.iter().enumerate() {
        let by_range = rule_entries(rule, ds);
        if by_range.iter().flatten().all(Vec::is_empty) {
            continue;
        }
        // Key ranges dealt to the threads in turn; each thread gathers and
        // sorts one range at a time and pairs its buckets.
        let mut dealt: Vec<Vec<RangeEntries>> = (0..threads()).map(|_| Vec::new()).collect();
        let n = dealt.len();
        for (range, runs) in by_range.into_iter().enumerate() {
            dealt[range % n].push(runs);
        }
        let per_thread = par_into(dealt, |ranges| {
            let mut pairs: Vec<u64> = Vec::new();
            let mut large = 0u64;
            let mut members: Vec<(u32, u32)> = Vec::new();
            // Records sharing several keys give the same pair again and
            // again: repeats are dropped whenever the list has doubled.
            let mut compacted = 1 << 20;
            for runs in ranges {
                if pairs.len() > 2 * compacted {
                    pairs.sort_unstable();
                    pairs.dedup();
                    compacted = pairs.len().max(1 << 20);
                }
                let mut entries: Vec<(u64, u32)> = runs.concat();
                drop(runs);
                entries.sort_unstable();
                for group in entries.chunk_by(|x, y| x.0 == y.0) {
                    if group.len() < 2 {
                        continue;
                    }
                    if group.len() <= opts.max_bucket {
                        for (i, x) in group.iter().enumerate() {
                            for y in &group[i + 1..] {
                                push_pair(ds, link_only, x.1, y.1, &mut pairs);
                            }
                        }
                    } else {
                        large += 1;
                        let rank = rank.get_or_init(|| neighbourhood_ranks(ds));
                        members.clear();
                        members.extend(group.iter().map(|&(_, i)| (rank[i as usize], i)));
                        members.sort_unstable();
                        for (i, x) in members.iter().enumerate() {
                            for y in members.iter().skip(i + 1).take(opts.window) {
                                push_pair(ds, link_only, x.1, y.1, &mut pairs);
                            }
                        }
                    }
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            (pairs, large)
        });
        let large = per_thread.iter().map(|p| p.1).sum();
        let mut runs: Vec<Vec<u64>> = per_thread.into_iter().map(|p| p.0).collect();
        let mut distinct = merge_runs(&mut runs);
        distinct.dedup();
        let before = all.len();
        let mut merged = Vec::with_capacity(all.len() + distinct.len());
        merge_into(&all, &distinct, &mut merged);
        merged.dedup();
        all = merged;
        rules.push(RuleStats {
            rule: name,
            pairs: distinct.len() as u64,
            new_pairs: (all.len() - before) as u64,
            large_buckets: large,
        });
    }
    Blocked {
        pairs: all
            .into_iter()
            .map(|p| ((p >> 32) as u32, p as u32))
            .collect(),
        rules,
    }
}

/// Adds a candidate pair as `a < b` packed in a u64, unless it is a record
/// with itself or (`link_only`) two records of one input.
fn push_pair(ds: &Dataset, link_only: bool, a: u32, b: u32, pairs: &mut Vec<u64>) {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    if a != b && !(link_only && ds.records[a as usize].input == ds.records[b as usize].input) {
        pairs.push((a as u64) << 32 | b as u64);
    }
}
