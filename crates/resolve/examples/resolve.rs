//! The batch contract without the `veza` binary, for benchmarks:
//!
//! `cargo run --release -p veza-resolve --example resolve -- --input A.csv
//! [--input B.csv …] [--link-only] [--map COL=FIELD …] [--field COL:KIND …]
//! --output C.csv [--truth T.csv] [--no-guard]`
//!
//! With `--truth` (columns record_id,person_id) it also prints blocking
//! recall and pairwise and B-cubed precision, recall and F1.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use veza_resolve::batch::{resolve_dataset, write_clusters};
use veza_resolve::cluster::ClusterOptions;
use veza_resolve::eval;
use veza_resolve::record::{Columns, Dataset};

// The allocator of the `veza` binary (crates/cli/src/main.rs), so that the
// figures are those of `veza resolve`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut inputs, mut maps, mut fields) = (Vec::new(), Vec::new(), Vec::new());
    let (mut output, mut truth, mut link_only, mut guard) = (None, None, false, true);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--input" => inputs.push(PathBuf::from(args.next().ok_or("--input FILE")?)),
            "--map" => maps.push(args.next().ok_or("--map COL=FIELD")?),
            "--field" => fields.push(args.next().ok_or("--field COL:KIND")?),
            "--output" => output = Some(PathBuf::from(args.next().ok_or("--output FILE")?)),
            "--truth" => truth = Some(PathBuf::from(args.next().ok_or("--truth FILE")?)),
            "--link-only" => link_only = true,
            "--no-guard" => guard = false,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let output = output.ok_or("--output is required")?;
    if truth.is_none() && guard {
        let opts = veza_resolve::BatchOptions {
            link_only,
            maps,
            fields,
        };
        let summary = veza_resolve::resolve(&inputs, &opts, &output)?;
        eprintln!("{summary}");
        return Ok(());
    }
    let start = Instant::now();
    let columns = Columns::parse(&maps, &fields)?;
    let ds = Dataset::read_paths(&inputs, &columns)?;
    eprintln!(
        "read {} records in {:.2}s ({} malformed dates)",
        ds.records.len(),
        start.elapsed().as_secs_f64(),
        ds.malformed_dates.len()
    );
    let res = resolve_dataset(ds, link_only, None, None);
    let res = if guard {
        res
    } else {
        let opts = ClusterOptions {
            threshold: res.model.threshold_weight(),
            guard: false,
            ..ClusterOptions::default()
        };
        let labels = veza_resolve::cluster(res.dataset.records.len(), &res.edges, &[], &opts);
        veza_resolve::batch::Resolution { labels, ..res }
    };
    write_clusters(&res.dataset, &res.labels, &output)?;
    if let Ok(pair) = std::env::var("VEZA_RESOLVE_EXPLAIN") {
        let find = |id: &str| res.dataset.records.iter().find(|r| r.id == id);
        if let Some((a, b)) = pair.split_once(',')
            && let (Some(a), Some(b)) = (find(a), find(b))
        {
            eprintln!("{}", veza_resolve::score_pair(&res.model, a, b));
        }
    }
    for r in &res.blocked.rules {
        eprintln!(
            "rule {:<16} pairs {:>12} new {:>12}",
            r.rule, r.pairs, r.new_pairs
        );
    }
    eprintln!(
        "candidates {} links {} lambda {:.5} em iterations {}",
        res.blocked.pairs.len(),
        res.edges.len(),
        res.model.lambda,
        res.model.em_iterations
    );
    for (i, c) in res.model.schema.comparisons.iter().enumerate() {
        let w: Vec<String> = (1..c.kind.levels().len())
            .map(|l| format!("{:+.1}", (res.model.m[i][l] / res.model.u[i][l]).log2()))
            .collect();
        eprintln!("  {:<16} {}", c.name, w.join(" "));
    }
    for (p, d) in &res.phases {
        eprintln!("{p} {:.2}s", d.as_secs_f64());
    }
    eprintln!("total {:.2}s", start.elapsed().as_secs_f64());
    if let Some(t) = truth {
        let mut rdr = csv::Reader::from_path(&t)?;
        let h = rdr.headers()?.clone();
        let ri = h
            .iter()
            .position(|c| c == "record_id")
            .ok_or("truth: record_id")?;
        let pi = h
            .iter()
            .position(|c| c == "person_id")
            .ok_or("truth: person_id")?;
        let mut person: HashMap<String, String> = HashMap::new();
        for row in rdr.records() {
            let row = row?;
            person.insert(row[ri].to_owned(), row[pi].to_owned());
        }
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let truth_labels: Vec<u32> = res
            .dataset
            .records
            .iter()
            .map(|r| {
                let p = person.get(&r.id).map_or(r.id.as_str(), |s| s.as_str());
                let n = ids.len() as u32;
                *ids.entry(p).or_insert(n)
            })
            .collect();
        if std::env::var_os("VEZA_RESOLVE_SHOW_ERRORS").is_some() {
            let mut shown = 0;
            for e in &res.edges {
                if truth_labels[e.a as usize] != truth_labels[e.b as usize] && shown < 8 {
                    shown += 1;
                    let (a, b) = (
                        &res.dataset.records[e.a as usize],
                        &res.dataset.records[e.b as usize],
                    );
                    eprintln!("{}", veza_resolve::score_pair(&res.model, a, b));
                }
            }
        }
        let inputs: Vec<u32> = res.dataset.records.iter().map(|r| r.input).collect();
        let inp = link_only.then_some(inputs.as_slice());
        let br = eval::blocking_recall(&res.blocked.pairs, &truth_labels, inp);
        let pw = eval::pairwise(&res.labels, &truth_labels, inp);
        let b3 = eval::bcubed(&res.labels, &truth_labels);
        println!("blocking recall {br:.4}");
        if std::env::var_os("VEZA_RESOLVE_SWEEP").is_some() {
            let caps: Vec<f64> = std::env::var("VEZA_RESOLVE_SWEEP_CAPS")
                .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
                .unwrap_or_else(|_| vec![ClusterOptions::default().max_pair_weight]);
            for (p, cap) in [0.5, 0.8, 0.9, 0.95, 0.99]
                .into_iter()
                .flat_map(|p| caps.iter().map(move |&c| (p, c)))
            {
                let opts = ClusterOptions {
                    threshold: veza_resolve::model::weight_of(p),
                    guard,
                    max_pair_weight: cap,
                    ..ClusterOptions::default()
                };
                let recs = &res.dataset.records;
                let l =
                    veza_resolve::cluster_checked(recs.len(), &res.edges, &[], &opts, &|a, b| {
                        res.model.weight(&recs[a as usize], &recs[b as usize])
                    });
                let s = eval::pairwise(&l, &truth_labels, inp);
                println!(
                    "threshold {p} cap {cap}: pairwise P {:.4} R {:.4} F1 {:.4}",
                    s.precision, s.recall, s.f1
                );
            }
        }
        println!(
            "pairwise precision {:.4} recall {:.4} F1 {:.4}",
            pw.precision, pw.recall, pw.f1
        );
        println!(
            "b-cubed precision {:.4} recall {:.4} F1 {:.4}",
            b3.precision, b3.recall, b3.f1
        );
    }
    Ok(())
}
