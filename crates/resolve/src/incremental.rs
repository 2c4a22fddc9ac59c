//! Adding records to a resolved set without redoing the whole.
//!
//! The model is fixed (trained on a first batch); each new record is
//! blocked against an index of all records so far, scored against its
//! candidates, and its links are added. Clustering is recomputed from the
//! links, which is cheap next to scoring. With the same model and no bucket
//! larger than [`crate::block::BlockOptions::max_bucket`], the result
//! equals the batch result over all records.

use std::collections::HashMap;

use crate::block::{RULES, keys};
use crate::cluster::{ClusterOptions, Edge, Verdict, cluster_checked};
use crate::model::Model;
use crate::record::{Dataset, Record};

/// A growing resolved set.
#[derive(Debug)]
pub struct Incremental {
    model: Model,
    link_only: bool,
    dataset: Dataset,
    index: HashMap<(usize, u64), Vec<u32>>,
    edges: Vec<Edge>,
}

impl Incremental {
    /// An empty set with a trained model.
    pub fn new(model: Model, link_only: bool) -> Self {
        let dataset = Dataset {
            schema: model.schema.clone(),
            ..Dataset::default()
        };
        Incremental {
            model,
            link_only,
            dataset,
            index: HashMap::new(),
            edges: Vec::new(),
        }
    }

    /// Adds records (values in the model's schema order).
    pub fn add(&mut self, records: impl IntoIterator<Item = Record>) {
        let threshold = self.model.threshold_weight();
        let mut buf = Vec::new();
        for r in records {
            let idx = self.dataset.records.len() as u32;
            let mut candidates: Vec<u32> = Vec::new();
            let mut record_keys = Vec::new();
            for rule in 0..RULES.len() {
                buf.clear();
                keys(rule, &self.dataset, &r, &mut buf);
                buf.sort_unstable();
                buf.dedup();
                for &k in &buf {
                    if let Some(list) = self.index.get(&(rule, k)) {
                        candidates.extend(list);
                    }
                    record_keys.push((rule, k));
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            for c in candidates {
                let other = &self.dataset.records[c as usize];
                if self.link_only && other.input == r.input {
                    continue;
                }
                let w = self.model.weight(other, &r);
                if w >= threshold {
                    self.edges.push(Edge {
                        a: c,
                        b: idx,
                        weight: w,
                    });
                }
            }
            for k in record_keys {
                self.index.entry(k).or_default().push(idx);
            }
            self.dataset.records.push(r);
        }
    }

    /// The records so far.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The links so far.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// Cluster labels of all records so far.
    pub fn labels(&self, judgements: &[(u32, u32, Verdict)]) -> Vec<u32> {
        let records = &self.dataset.records;
        cluster_checked(
            records.len(),
            &self.edges,
            judgements,
            &ClusterOptions {
                threshold: self.model.threshold_weight(),
                ..ClusterOptions::default()
            },
            &|a, b| {
                self.model
                    .weight(&records[a as usize], &records[b as usize])
            },
        )
    }
}
