//! Entity resolution over the store: records become persons, incrementally,
//! with analysts' judgements always respected.
//!
//! A run reads every record (see [`veza_store::policy::may_resolve`]), blocks
//! them with the resolve crate's rules, and scores candidate pairs with a
//! Fellegi–Sunter model. The first run (or `retrain`) trains the model; later
//! runs reuse the stored model, keep the stored scores of pairs between known
//! records and score only pairs that involve a new record. Clustering then
//! runs over all links with every judgement applied, and person ids carry
//! over from the previous run so that a bookmark of a person stays valid.
//!
//! A judgement made in the web app re-clusters only the persons it touches
//! ([`apply_judgement`]), from stored scores, without reading any record.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::path::PathBuf;
use std::time::Instant;

use veza_resolve::batch::score_links;
use veza_resolve::block::{BlockOptions, block};
use veza_resolve::cluster::{ClusterOptions, Edge, cluster_checked, merge_check_weight};
use veza_resolve::model::{TrainOptions, probability, train_on_pairs, weight_of};
use veza_resolve::record::{Columns, Dataset};
use veza_resolve::{Model, Verdict, score_pair};
use veza_store::{
    Actor, Judgement, PairVerdict, REVIEW_BAND, ResolutionRun, ScoredPair, Store, StoredResolution,
};

use crate::{Error, Result};

/// What a run did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ResolveReport {
    /// `full` or `incremental`.
    pub mode: String,
    /// The stored run id.
    pub run_id: i64,
    /// Records resolved.
    pub records: u64,
    /// Records not seen by the previous run.
    pub new_records: u64,
    /// Candidate pairs from blocking.
    pub candidate_pairs: u64,
    /// Pairs scored in this run (the rest reused stored scores).
    pub scored_pairs: u64,
    /// Links (at or above the model's threshold).
    pub links: u64,
    /// Pairs waiting for review (in the uncertain band, not judged).
    pub uncertain_pairs: u64,
    /// Judgements applied.
    pub judgements: u64,
    /// Persons.
    pub persons: u64,
    /// Persons with more than one record.
    pub multi_record_persons: u64,
    /// The model version.
    pub model: String,
    /// Wall time in seconds.
    pub seconds: f64,
}

/// Resolves every record in the store into persons and saves the result.
pub async fn resolve_store(store: &Store, actor: &Actor, retrain: bool) -> Result<ResolveReport> {
    let started = Instant::now();
    let records = store.resolution_records(actor).await?;
    let stored = store.stored_resolution(actor).await?;
    let judgements = store.judgements(actor).await?;
    let dataset = dataset_of(&records)?;
    let previous = if retrain {
        None
    } else {
        stored_model(&stored, &dataset)
    };
    let mode = if previous.is_some() {
        "incremental"
    } else {
        "full"
    };
    let blocked = block(&dataset, false, &BlockOptions::default());
    let model = match previous {
        Some(m) => m,
        None => train_on_pairs(&dataset, &blocked.pairs, &TrainOptions::default()),
    };
    let recs = &dataset.records;
    let index: HashMap<&str, u32> = recs
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i as u32))
        .collect();
    let known = |i: u32| mode == "incremental" && stored.persons.contains_key(&recs[i as usize].id);
    // Pairs between two records the previous run saw keep their stored
    // scores; only pairs with a new record are scored now.
    let to_score: Vec<(u32, u32)> = blocked
        .pairs
        .iter()
        .copied()
        .filter(|&(a, b)| !(known(a) && known(b)))
        .collect();
    // Links and the uncertain pairs below the link threshold are both kept
    // (for review): score with the review band's floor as the cut, on all
    // cores.
    let mut wide = model.clone();
    wide.threshold = REVIEW_BAND.0;
    let mut weights: HashMap<(u32, u32), f64> = HashMap::new();
    for e in score_links(&wide, &dataset, &to_score) {
        weights.insert((e.a, e.b), e.weight);
    }
    let mut kept: Vec<ScoredPair> = Vec::new();
    if mode == "incremental" {
        for p in &stored.pairs {
            if let (Some(&a), Some(&b)) = (index.get(p.a.as_str()), index.get(p.b.as_str()))
                && known(a)
                && known(b)
            {
                weights.insert((a.min(b), a.max(b)), p.weight);
                kept.push(p.clone());
            }
        }
    }
    let threshold = model.threshold_weight();
    let explained: HashSet<(&str, &str)> =
        kept.iter().map(|p| (p.a.as_str(), p.b.as_str())).collect();
    let mut fresh = Vec::new();
    for (&(a, b), &w) in &weights {
        let (ra, rb) = (&recs[a as usize], &recs[b as usize]);
        let (x, y) = if ra.id <= rb.id { (ra, rb) } else { (rb, ra) };
        if explained.contains(&(x.id.as_str(), y.id.as_str())) {
            continue;
        }
        let link = score_pair(&model, x, y);
        fresh.push(ScoredPair {
            a: x.id.clone(),
            b: y.id.clone(),
            weight: w,
            probability: probability(w),
            linked: w >= threshold,
            explanation: serde_json::to_string(&link.explanation).map_err(json_error)?,
        });
    }
    kept.extend(fresh);
    kept.sort_by(|p, q| (&p.a, &p.b).cmp(&(&q.a, &q.b)));

    let mut edges: Vec<Edge> = weights
        .iter()
        .filter(|&(_, &w)| w >= threshold)
        .map(|(&(a, b), &weight)| Edge { a, b, weight })
        .collect();
    edges.sort_by_key(|e| (e.a, e.b));
    let judged = judgement_triples(&judgements, |id| index.get(id).copied());
    let opts = ClusterOptions {
        threshold,
        ..ClusterOptions::default()
    };
    let labels = cluster_checked(recs.len(), &edges, &judged, &opts, &|a, b| {
        weights
            .get(&(a.min(b), a.max(b)))
            .copied()
            .unwrap_or_else(|| {
                merge_check_weight(&model, &recs[a as usize], &recs[b as usize], &opts)
            })
    });
    let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
    let persons = stable_person_ids(&ids, &labels, &stored.persons);
    let judged_pairs: HashSet<(&str, &str)> = judgements
        .iter()
        .map(|j| (j.a.as_str(), j.b.as_str()))
        .collect();
    let uncertain = kept
        .iter()
        .filter(|p| in_review_band(p.probability))
        .filter(|p| !judged_pairs.contains(&(p.a.as_str(), p.b.as_str())))
        .count() as u64;
    let links = kept.iter().filter(|p| p.linked).count() as u64;
    let run = ResolutionRun {
        mode: mode.to_owned(),
        model_version: model.version.clone(),
        model: serde_json::to_string(&model).map_err(json_error)?,
        threshold,
        records: recs.len() as u64,
        scored_pairs: to_score.len() as u64,
        pairs: kept,
        persons: persons.clone(),
    };
    let run_id = store.save_resolution(actor, &run).await?;
    let mut sizes: HashMap<&str, u32> = HashMap::new();
    for (_, p) in &persons {
        *sizes.entry(p.as_str()).or_default() += 1;
    }
    Ok(ResolveReport {
        mode: mode.to_owned(),
        run_id,
        records: recs.len() as u64,
        new_records: recs
            .iter()
            .filter(|r| !stored.persons.contains_key(&r.id))
            .count() as u64,
        candidate_pairs: blocked.pairs.len() as u64,
        scored_pairs: to_score.len() as u64,
        links,
        uncertain_pairs: uncertain,
        judgements: judged.len() as u64,
        persons: sizes.len() as u64,
        multi_record_persons: sizes.values().filter(|&&n| n > 1).count() as u64,
        model: model.version,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Records a judgement and re-clusters the persons of its two records from
/// stored scores (no record is read). Returns the person ids of `a` and `b`
/// afterwards.
pub async fn apply_judgement(
    store: &Store,
    actor: &Actor,
    a: &str,
    b: &str,
    verdict: PairVerdict,
) -> Result<(Option<String>, Option<String>)> {
    store.judge(actor, a, b, verdict).await?;
    let hood = store.person_neighbourhood(actor, &[a, b]).await?;
    if hood.records.is_empty() {
        // Resolution has not run yet: the next run applies the judgement.
        return Ok((None, None));
    }
    let ids: Vec<&str> = hood.records.iter().map(|(r, _)| r.as_str()).collect();
    let index: HashMap<&str, u32> = ids
        .iter()
        .enumerate()
        .map(|(i, r)| (*r, i as u32))
        .collect();
    let mut weights: HashMap<(u32, u32), f64> = HashMap::new();
    for p in &hood.pairs {
        if let (Some(&x), Some(&y)) = (index.get(p.a.as_str()), index.get(p.b.as_str())) {
            weights.insert((x.min(y), x.max(y)), p.weight);
        }
    }
    let Some(threshold) = hood.threshold else {
        return Ok((None, None));
    };
    let edges: Vec<Edge> = hood
        .pairs
        .iter()
        .filter(|p| p.linked)
        .filter_map(|p| {
            let (x, y) = (*index.get(p.a.as_str())?, *index.get(p.b.as_str())?);
            Some(Edge {
                a: x.min(y),
                b: x.max(y),
                weight: p.weight,
            })
        })
        .collect();
    let judged = judgement_triples(&hood.judgements, |id| index.get(id).copied());
    let opts = ClusterOptions {
        threshold,
        ..ClusterOptions::default()
    };
    // Pairs not kept by the last run were below the review band.
    let floor = weight_of(REVIEW_BAND.0);
    let labels = cluster_checked(ids.len(), &edges, &judged, &opts, &|x, y| {
        weights.get(&(x.min(y), x.max(y))).copied().unwrap_or(floor)
    });
    let previous: HashMap<String, String> = hood.records.iter().cloned().collect();
    let assigned = stable_person_ids(&ids, &labels, &previous);
    store
        .assign_persons(actor, &assigned, &format!("judgement {a} ~ {b}: {verdict}"))
        .await?;
    let find = |id: &str| {
        assigned
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, p)| p.clone())
    };
    Ok((find(a), find(b)))
}

fn in_review_band(p: f64) -> bool {
    (REVIEW_BAND.0..=REVIEW_BAND.1).contains(&p)
}

fn judgement_triples(
    judgements: &[Judgement],
    index: impl Fn(&str) -> Option<u32>,
) -> Vec<(u32, u32, Verdict)> {
    judgements
        .iter()
        .filter_map(|j| {
            let verdict = match j.verdict {
                PairVerdict::Same => Verdict::Same,
                PairVerdict::NotSame => Verdict::NotSame,
                PairVerdict::Unsure => Verdict::Unsure,
            };
            Some((index(&j.a)?, index(&j.b)?, verdict))
        })
        .collect()
}

/// The records as the resolve crate's dataset: through the canonical CSV
/// export, so that the store and the batch contract compare the same fields
/// in the same way.
fn dataset_of(records: &[veza_model::PersonRecord]) -> Result<Dataset> {
    let mut w = veza_io::RecordWriter::new(Vec::new(), veza_io::ExportFormat::Csv)?;
    for r in records {
        w.write(r)?;
    }
    let csv = w.finish()?;
    Dataset::read(
        vec![(PathBuf::from("store"), Cursor::new(csv))],
        &Columns::default(),
    )
    .map_err(|e| Error::Resolve(e.to_string()))
}

/// The stored model, if it was made by this version (algorithm and name
/// matcher) for this schema.
fn stored_model(stored: &StoredResolution, dataset: &Dataset) -> Option<Model> {
    let (version, json) = stored.model.as_ref()?;
    if *version != veza_resolve::model_version() {
        return None;
    }
    let model: Model = serde_json::from_str(json).ok()?;
    (model.schema == dataset.schema).then_some(model)
}

/// Person ids for clusters: each cluster keeps the id most of its records
/// had before (largest clusters choose first); clusters of only new records,
/// and the smaller part of a split, get fresh ids.
pub fn stable_person_ids(
    ids: &[&str],
    labels: &[u32],
    previous: &HashMap<String, String>,
) -> Vec<(String, String)> {
    let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &l) in labels.iter().enumerate() {
        members.entry(l).or_default().push(i);
    }
    let mut clusters: Vec<(u32, Vec<usize>)> = members.into_iter().collect();
    clusters.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then(x.0.cmp(&y.0)));
    let mut next = previous
        .values()
        .filter_map(|p| p.strip_prefix("P-").and_then(|n| n.parse::<u64>().ok()))
        .max()
        .unwrap_or(0);
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for (_, records) in clusters {
        let mut votes: HashMap<&str, usize> = HashMap::new();
        for &i in &records {
            if let Some(p) = previous.get(ids[i]) {
                *votes.entry(p.as_str()).or_default() += 1;
            }
        }
        let mut ranked: Vec<(&str, usize)> = votes.into_iter().collect();
        ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        let id = match ranked.into_iter().find(|(p, _)| !taken.contains(*p)) {
            Some((p, _)) => p.to_owned(),
            None => {
                next += 1;
                format!("P-{next:06}")
            }
        };
        taken.insert(id.clone());
        for i in records {
            out.push((ids[i].to_owned(), id.clone()));
        }
    }
    out.sort();
    out
}

fn json_error(e: serde_json::Error) -> Error {
    Error::Resolve(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_ids_survive_growth_and_splits() {
        let previous: HashMap<String, String> =
            [("a", "P-000001"), ("b", "P-000001"), ("c", "P-000002")]
                .into_iter()
                .map(|(r, p)| (r.to_owned(), p.to_owned()))
                .collect();
        // a and b split apart; c gains a new record d; e is new alone.
        let ids = ["a", "b", "c", "d", "e"];
        let labels = [0, 1, 2, 2, 4];
        let got: HashMap<String, String> = stable_person_ids(&ids, &labels, &previous)
            .into_iter()
            .collect();
        assert_eq!(got["c"], "P-000002");
        assert_eq!(
            got["d"], "P-000002",
            "a new record joins the existing person"
        );
        let ab = [got["a"].as_str(), got["b"].as_str()];
        assert!(ab.contains(&"P-000001"), "one part of a split keeps the id");
        assert_ne!(got["a"], got["b"]);
        let fresh: HashSet<&str> = [got["e"].as_str(), ab[0], ab[1]]
            .into_iter()
            .filter(|p| *p != "P-000001")
            .collect();
        assert_eq!(fresh, HashSet::from(["P-000003", "P-000004"]));
    }
}
