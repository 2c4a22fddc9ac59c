//! Error analysis against known truth, for benchmarks on synthetic data:
//!
//! `cargo run --release -p veza-resolve --example diagnose -- --input A.csv
//! --truth T.csv [--samples N]`
//!
//! Resolves like the batch contract, then classifies every false-positive
//! pair (two persons in one cluster: a direct link or a chain) and every
//! false-negative pair (one person in two clusters: an alias identity, no
//! shared evidence, not blocked, a low weight, or split by the cluster
//! guard), with counts and sample waterfalls. The truth file needs
//! record_id and person_id; identity_used (true/alias) and the true_* columns
//! of veza-synth refine the classes when present.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use veza_resolve::batch::resolve_dataset;
use veza_resolve::compare::level;
use veza_resolve::record::{Columns, Dataset, Record};

/// Error classes: count and sample pairs.
type Classes = BTreeMap<String, (u64, Vec<(u32, u32)>)>;

struct Truth {
    person: u32,
    alias: bool,
    true_name: String,
}

fn lvl(ds: &Dataset, name: &str, a: &Record, b: &Record) -> u8 {
    ds.schema.index(name).map_or(0, |i| {
        level(ds.schema.comparisons[i].kind, &a.values[i], &b.values[i])
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut inputs, mut truth, mut samples) = (Vec::new(), None, 3usize);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--input" => inputs.push(PathBuf::from(args.next().ok_or("--input FILE")?)),
            "--truth" => truth = Some(PathBuf::from(args.next().ok_or("--truth FILE")?)),
            "--samples" => samples = args.next().ok_or("--samples N")?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let truth = truth.ok_or("--truth is required")?;
    let ds = Dataset::read_paths(&inputs, &Columns::default())?;
    let res = resolve_dataset(ds, false, None, None);
    let ds = &res.dataset;
    let model = &res.model;
    let t = model.threshold_weight();

    let mut rdr = csv::Reader::from_path(&truth)?;
    let h = rdr.headers()?.clone();
    let col = |n: &str| h.iter().position(|c| c == n);
    let (ri, pi) = (
        col("record_id").ok_or("record_id")?,
        col("person_id").ok_or("person_id")?,
    );
    let (ui, gi, fi) = (
        col("identity_used"),
        col("true_given_name"),
        col("true_family_name"),
    );
    let mut by_id: HashMap<String, (String, bool, String)> = HashMap::new();
    for row in rdr.records() {
        let row = row?;
        let alias = ui.is_some_and(|i| &row[i] == "alias");
        let name = match (gi, fi) {
            (Some(g), Some(f)) => format!("{} {}", &row[g], &row[f]).to_lowercase(),
            _ => String::new(),
        };
        by_id.insert(row[ri].to_owned(), (row[pi].to_owned(), alias, name));
    }
    let mut persons: HashMap<String, u32> = HashMap::new();
    let truth: Vec<Truth> = ds
        .records
        .iter()
        .map(|r| {
            let (p, alias, true_name) = by_id.get(&r.id).cloned().unwrap_or_default();
            let n = persons.len() as u32;
            Truth {
                person: *persons.entry(p).or_insert(n),
                alias,
                true_name,
            }
        })
        .collect();
    let key = |a: u32, b: u32| (a.min(b) as u64) << 32 | a.max(b) as u64;
    let blocked: HashSet<u64> = res.blocked.pairs.iter().map(|&(a, b)| key(a, b)).collect();
    let linked: HashMap<u64, f64> = res
        .edges
        .iter()
        .map(|e| (key(e.a, e.b), e.weight))
        .collect();
    let rec = |i: u32| &ds.records[i as usize];

    // False positives.
    let mut clusters: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, &l) in res.labels.iter().enumerate() {
        clusters.entry(l).or_default().push(i as u32);
    }
    let mut fp: Classes = BTreeMap::new();
    let mut fp_sig: HashMap<String, u64> = HashMap::new();
    let (mut fp_total, mut tp_total) = (0u64, 0u64);
    for m in clusters.values() {
        for (i, &a) in m.iter().enumerate() {
            for &b in &m[i + 1..] {
                if truth[a as usize].person == truth[b as usize].person {
                    tp_total += 1;
                    continue;
                }
                fp_total += 1;
                let (ra, rb) = (rec(a), rec(b));
                let class = if !linked.contains_key(&key(a, b)) {
                    "chain: no direct link, joined through other records".to_owned()
                } else {
                    let nl = lvl(ds, "name", ra, rb);
                    let dl = lvl(ds, "date_of_birth", ra, rb);
                    let doc = lvl(ds, "document_number", ra, rb);
                    let ph = lvl(ds, "phone", ra, rb);
                    let ad = lvl(ds, "address", ra, rb);
                    let same_true = !truth[a as usize].true_name.is_empty()
                        && truth[a as usize].true_name == truth[b as usize].true_name;
                    let date = match dl {
                        0 => "date missing on one side",
                        1 => "same date",
                        2 => "1 January placeholder, same year",
                        6 => "same year only (partial or different day)",
                        3..=5 => "near date",
                        _ => "different date",
                    };
                    let sig = format!(
                        "name {nl} date {dl} doc {doc} phone {ph} address {ad} true-namesake {same_true}"
                    );
                    *fp_sig.entry(sig).or_default() += 1;
                    if doc == 1 || ph == 1 {
                        "direct: shared document or phone".to_owned()
                    } else if nl <= 2 {
                        format!("direct: namesakes (name level {nl}), {date}")
                    } else {
                        format!("direct: different names (level {nl}), {date}, address level {ad}")
                    }
                };
                let e = fp.entry(class).or_default();
                e.0 += 1;
                if e.1.len() < samples {
                    e.1.push((a, b));
                }
            }
        }
    }
    // False negatives.
    let mut people: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, t) in truth.iter().enumerate() {
        people.entry(t.person).or_default().push(i as u32);
    }
    let mut fneg: Classes = BTreeMap::new();
    let mut fn_total = 0u64;
    let strong = ["document_number", "phone", "national_id"];
    for m in people.values() {
        for (i, &a) in m.iter().enumerate() {
            for &b in &m[i + 1..] {
                if res.labels[a as usize] == res.labels[b as usize] {
                    continue;
                }
                fn_total += 1;
                let (ra, rb) = (rec(a), rec(b));
                let (ta, tb) = (&truth[a as usize], &truth[b as usize]);
                let nl = lvl(ds, "name", ra, rb);
                let dl = lvl(ds, "date_of_birth", ra, rb);
                let shared_strong = strong.iter().any(|f| (1..=2).contains(&lvl(ds, f, ra, rb)));
                let evidence = nl <= 6 || (1..=5).contains(&dl) || shared_strong;
                let k = key(a, b);
                let why = if linked.contains_key(&k) {
                    "linked, split by the cluster guard".to_owned()
                } else if ta.alias != tb.alias && !evidence {
                    "alias identity, nothing shared".to_owned()
                } else if !evidence {
                    format!("no shared evidence (name level {nl}, date level {dl})")
                } else if !blocked.contains(&k) {
                    format!(
                        "not blocked{} (name level {nl}, date level {dl})",
                        if ta.alias != tb.alias { ", alias" } else { "" }
                    )
                } else {
                    let w = model.weight(ra, rb);
                    let link = veza_resolve::score_pair(model, ra, rb);
                    let worst = link
                        .explanation
                        .iter()
                        .min_by(|x, y| x.weight.total_cmp(&y.weight))
                        .map(|c| format!("{} {}", c.field, c.label))
                        .unwrap_or_default();
                    format!(
                        "blocked, weight {} below threshold; most negative: {worst}",
                        if w > t - 5.0 { "just" } else { "far" }
                    )
                };
                let e = fneg.entry(why).or_default();
                e.0 += 1;
                if e.1.len() < samples {
                    e.1.push((a, b));
                }
            }
        }
    }
    println!("true positives {tp_total}, false positives {fp_total}, false negatives {fn_total}");
    let show = |title: &str, map: &Classes| {
        println!("\n## {title}");
        let mut v: Vec<_> = map.iter().collect();
        v.sort_by_key(|y| std::cmp::Reverse(y.1.0));
        for (class, (n, _)) in &v {
            println!("{n:>8}  {class}");
        }
        for (class, (_, ex)) in v.iter().take(14) {
            println!("\n### {class}");
            for &(a, b) in ex {
                let (ra, rb) = (rec(a), rec(b));
                print!("{}", veza_resolve::score_pair(model, ra, rb));
                println!(
                    "  truth: {:?}{} | {:?}{}",
                    truth[a as usize].true_name,
                    if truth[a as usize].alias {
                        " (alias)"
                    } else {
                        ""
                    },
                    truth[b as usize].true_name,
                    if truth[b as usize].alias {
                        " (alias)"
                    } else {
                        ""
                    },
                );
            }
        }
    };
    show("False positives", &fp);
    let mut sig: Vec<_> = fp_sig.into_iter().collect();
    sig.sort_by_key(|y| std::cmp::Reverse(y.1));
    println!("\n## Direct false links by level signature");
    for (s, n) in sig.iter().take(25) {
        println!("{n:>8}  {s}");
    }
    show("False negatives", &fneg);
    Ok(())
}
