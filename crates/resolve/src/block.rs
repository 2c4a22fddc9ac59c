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

use crate::compare::{Kind, Value, ocr_fold};
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
    use veza_names::tables::hash_str;
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
                out.push(hash_str(&format!("p|{p}|{a}")));
            }
            if let Some(c) = text("city") {
                out.push(hash_str(&format!("c|{}|{a}", start(c))));
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

/// Candidate pairs of a dataset. With `link_only`, only pairs across inputs.
pub fn block(ds: &Dataset, link_only: bool, opts: &BlockOptions) -> Blocked {
    let mut all: Vec<u64> = Vec::new();
    let mut rules = Vec::new();
    let mut buf = Vec::new();
    for (rule, name) in RULES.iter().enumerate() {
        let mut entries: Vec<(u64, u32)> = Vec::new();
        for (idx, r) in ds.records.iter().enumerate() {
            buf.clear();
            keys(rule, ds, r, &mut buf);
            buf.sort_unstable();
            buf.dedup();
            entries.extend(buf.iter().map(|&k| (k, idx as u32)));
        }
        if entries.is_empty() {
            continue;
        }
        entries.sort_unstable();
        let mut pairs: Vec<u64> = Vec::new();
        let mut large = 0;
        let push = |a: u32, b: u32, pairs: &mut Vec<u64>| {
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            if a != b
                && !(link_only && ds.records[a as usize].input == ds.records[b as usize].input)
            {
                pairs.push((a as u64) << 32 | b as u64);
            }
        };
        for group in entries.chunk_by(|x, y| x.0 == y.0) {
            if group.len() < 2 {
                continue;
            }
            if group.len() <= opts.max_bucket {
                for (i, x) in group.iter().enumerate() {
                    for y in &group[i + 1..] {
                        push(x.1, y.1, &mut pairs);
                    }
                }
            } else {
                large += 1;
                let mut members: Vec<(String, u32)> = group
                    .iter()
                    .map(|&(_, i)| (sort_key(ds, &ds.records[i as usize]), i))
                    .collect();
                members.sort_unstable();
                for (i, x) in members.iter().enumerate() {
                    for y in members.iter().skip(i + 1).take(opts.window) {
                        push(x.1, y.1, &mut pairs);
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let before = all.len();
        let mut merged = Vec::with_capacity(all.len() + pairs.len());
        let (mut i, mut j) = (0, 0);
        while i < all.len() || j < pairs.len() {
            if j == pairs.len() || (i < all.len() && all[i] < pairs[j]) {
                merged.push(all[i]);
                i += 1;
            } else if i == all.len() || pairs[j] < all[i] {
                merged.push(pairs[j]);
                j += 1;
            } else {
                merged.push(all[i]);
                i += 1;
                j += 1;
            }
        }
        all = merged;
        rules.push(RuleStats {
            rule: name,
            pairs: pairs.len() as u64,
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
