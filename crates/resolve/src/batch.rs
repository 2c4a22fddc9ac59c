//! The batch contract: `veza resolve --input A.csv [--input B.csv …]
//! [--link-only] [--map COL=FIELD …] [--field COL:KIND …] --output C.csv`.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::block::{BlockOptions, Blocked, RuleStats, block};
use crate::cluster::{ClusterOptions, Edge, cluster_checked, merge_check_weight};
use crate::error::{Error, Result};
use crate::model::{Model, TrainOptions, par_parts, threads, train_on_pairs};
use crate::record::{Columns, Dataset};

/// Options of a batch run, as on the command line.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Link records across inputs only, never within one.
    pub link_only: bool,
    /// `COL=FIELD` pairs: a source column read as a canonical field.
    pub maps: Vec<String>,
    /// `COL:KIND` pairs: a column compared as exact, fuzzy, name, date or id.
    pub fields: Vec<String>,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Input files.
    pub inputs: usize,
    /// Records read.
    pub records: usize,
    /// Dates that could not be read and counted as missing.
    pub malformed_dates: usize,
    /// Candidate pairs per blocking rule.
    pub rules: Vec<RuleStats>,
    /// Distinct candidate pairs.
    pub candidate_pairs: u64,
    /// Pairs at or above the threshold.
    pub links: u64,
    /// Clusters (singletons included).
    pub clusters: usize,
    /// Clusters of two records or more.
    pub multi_record_clusters: usize,
    /// Model version, EM iterations and prior.
    pub model: String,
    /// Time per phase.
    pub phases: Vec<(&'static str, Duration)>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "records {} from {} input(s); malformed dates {} (treated as missing)",
            self.records, self.inputs, self.malformed_dates
        )?;
        for r in &self.rules {
            writeln!(
                f,
                "blocking rule {:<16} pairs {:>12}  new {:>12}  large buckets {}",
                r.rule, r.pairs, r.new_pairs, r.large_buckets
            )?;
        }
        writeln!(f, "candidate pairs {}", self.candidate_pairs)?;
        writeln!(f, "model {}", self.model)?;
        writeln!(
            f,
            "links {}; clusters {} ({} with two records or more)",
            self.links, self.clusters, self.multi_record_clusters
        )?;
        let total: Duration = self.phases.iter().map(|p| p.1).sum();
        let phases: Vec<String> = self
            .phases
            .iter()
            .map(|(n, d)| format!("{n} {:.2}s", d.as_secs_f64()))
            .collect();
        write!(f, "time {:.2}s: {}", total.as_secs_f64(), phases.join(", "))
    }
}

/// Everything a run computed, for callers that want more than the file.
#[derive(Debug)]
pub struct Resolution {
    /// The records.
    pub dataset: Dataset,
    /// The candidate pairs.
    pub blocked: Blocked,
    /// The trained model.
    pub model: Model,
    /// Links (pairs at or above the threshold).
    pub edges: Vec<Edge>,
    /// Cluster label per record (smallest record index of its cluster).
    pub labels: Vec<u32>,
    /// Time per phase.
    pub phases: Vec<(&'static str, Duration)>,
}

/// Scores candidate pairs, keeping those at or above the model threshold.
pub fn score_links(model: &Model, ds: &Dataset, pairs: &[(u32, u32)]) -> Vec<Edge> {
    let t = model.threshold_weight();
    // Each thread keeps only its links: the weights of all candidate pairs
    // (60M at a million records) are never held at once.
    let chunk = pairs.len().div_ceil(threads()).max(1);
    let parts: Vec<&[(u32, u32)]> = pairs.chunks(chunk).collect();
    par_parts(&parts, |part| {
        part.iter()
            .filter_map(|&(a, b)| {
                let weight =
                    model.weight_reaching(&ds.records[a as usize], &ds.records[b as usize], t)?;
                Some(Edge { a, b, weight })
            })
            .collect::<Vec<Edge>>()
    })
    .concat()
}

/// Resolves a dataset: blocks, trains (unless a model is given), scores
/// and clusters.
pub fn resolve_dataset(
    dataset: Dataset,
    link_only: bool,
    model: Option<Model>,
    cluster_options: Option<ClusterOptions>,
) -> Resolution {
    resolve_dataset_with(
        dataset,
        link_only,
        model,
        &BlockOptions::default(),
        cluster_options,
    )
}

/// [`resolve_dataset`] with blocking options.
pub fn resolve_dataset_with(
    dataset: Dataset,
    link_only: bool,
    model: Option<Model>,
    block_options: &BlockOptions,
    cluster_options: Option<ClusterOptions>,
) -> Resolution {
    let mut phases = Vec::new();
    let t = Instant::now();
    let blocked = block(&dataset, link_only, block_options);
    phases.push(("block", t.elapsed()));
    let t = Instant::now();
    let model = model.unwrap_or_else(|| {
        train_on_pairs(
            &dataset,
            &blocked.pairs,
            &TrainOptions {
                link_only,
                ..TrainOptions::default()
            },
        )
    });
    phases.push(("train", t.elapsed()));
    let t = Instant::now();
    let edges = score_links(&model, &dataset, &blocked.pairs);
    phases.push(("score", t.elapsed()));
    let t = Instant::now();
    let opts = cluster_options.unwrap_or(ClusterOptions {
        threshold: model.threshold_weight(),
        ..ClusterOptions::default()
    });
    let records = &dataset.records;
    let labels = cluster_checked(records.len(), &edges, &[], &opts, &|a, b| {
        merge_check_weight(&model, &records[a as usize], &records[b as usize], &opts)
    });
    phases.push(("cluster", t.elapsed()));
    Resolution {
        dataset,
        blocked,
        model,
        edges,
        labels,
        phases,
    }
}

/// Writes `record_id,cluster_id`, one row per record in input order.
/// Cluster ids are numbers in order of first appearance.
pub fn write_clusters(ds: &Dataset, labels: &[u32], output: &Path) -> Result<()> {
    let io = |source| Error::Io {
        path: output.to_owned(),
        source,
    };
    let file = std::fs::File::create(output).map_err(io)?;
    let mut w = std::io::BufWriter::new(file);
    let mut number = vec![0u32; labels.len()];
    let mut next = 0;
    let mut out = String::with_capacity(64);
    w.write_all(b"record_id,cluster_id\n").map_err(io)?;
    for (i, r) in ds.records.iter().enumerate() {
        let l = labels[i] as usize;
        if number[l] == 0 {
            next += 1;
            number[l] = next;
        }
        out.clear();
        if r.id.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&r.id.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&r.id);
        }
        out.push(',');
        out.push_str(&number[l].to_string());
        out.push('\n');
        w.write_all(out.as_bytes()).map_err(io)?;
    }
    w.flush().map_err(io)
}

/// Runs the batch contract: reads `inputs`, resolves, writes `output`.
///
/// Columns: canonical names are used directly, `--map COL=FIELD` renames
/// (`--map rec_id=record_id` names the id column), `--field COL:KIND`
/// declares others; any other column is ignored. Values are trimmed; empty
/// values are missing. A date that cannot be read is treated as missing,
/// counted in the summary and reported on stderr. Record ids are not
/// required to be unique: each input row is one record and one output row,
/// so an id repeated across inputs appears once per row.
pub fn resolve(inputs: &[PathBuf], options: &BatchOptions, output: &Path) -> Result<Summary> {
    if inputs.is_empty() {
        return Err(Error::Options("at least one --input is needed".into()));
    }
    let columns = Columns::parse(&options.maps, &options.fields)?;
    let t = Instant::now();
    let ds = Dataset::read_paths(inputs, &columns)?;
    let read = t.elapsed();
    if let Some(first) = ds.malformed_dates.first() {
        eprintln!(
            "warning: {} malformed date(s) treated as missing; first at {}:{} column {}: {:?}",
            ds.malformed_dates.len(),
            first.path.display(),
            first.line,
            first.column,
            first.value
        );
    }
    let malformed = ds.malformed_dates.len();
    let res = resolve_dataset(ds, options.link_only, None, None);
    let t = Instant::now();
    write_clusters(&res.dataset, &res.labels, output)?;
    let write = t.elapsed();
    let mut sizes = std::collections::HashMap::new();
    for &l in &res.labels {
        *sizes.entry(l).or_insert(0u32) += 1;
    }
    let mut phases = vec![("read", read)];
    phases.extend(res.phases.iter().copied());
    phases.push(("write", write));
    Ok(Summary {
        inputs: inputs.len(),
        records: res.dataset.records.len(),
        malformed_dates: malformed,
        rules: res.blocked.rules.clone(),
        candidate_pairs: res.blocked.pairs.len() as u64,
        links: res.edges.len() as u64,
        clusters: sizes.len(),
        multi_record_clusters: sizes.values().filter(|&&s| s > 1).count(),
        model: format!(
            "{} (EM iterations {}, prior {:.4}, threshold p >= {})",
            res.model.version, res.model.em_iterations, res.model.lambda, res.model.threshold
        ),
        phases,
    })
}
