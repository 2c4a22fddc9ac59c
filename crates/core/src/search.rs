//! Finding person records by a name typed in any script.

use veza_model::PersonRecord;
use veza_names::{AnalysedName, Explanation};
use veza_store::{Actor, Store};

use crate::Result;
use crate::keys::query_keys;

/// Candidates fetched from the store before ranking: enough that a common
/// name's true match is not cut off by key overlap alone.
const CANDIDATES: u32 = 300;

/// Hits scoring below this are not shown: they share a key but not a name.
pub const MIN_SCORE: f64 = 0.55;

/// A ranked search hit.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The record.
    pub record: PersonRecord,
    /// Name score in [0, 1] of the record's best-matching name.
    pub score: f64,
    /// Which of the record's names matched best.
    pub matched_name: String,
    /// Why: the token alignment and rules.
    pub explanation: Explanation,
}

/// Searches records by name, ranked by the names crate's score, best first.
/// The store applies the access policy and audits the search.
pub async fn search_records(
    store: &Store,
    actor: &Actor,
    query: &str,
    limit: usize,
) -> Result<Vec<Hit>> {
    let analysed = veza_names::analyse(query);
    let keys = query_keys(query);
    let candidates = store.search(actor, query, &keys, CANDIDATES).await?;
    let mut hits: Vec<Hit> = candidates
        .into_iter()
        .filter_map(|c| rank(&analysed, c.record))
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.record.id.cmp(&b.record.id))
    });
    hits.truncate(limit);
    Ok(hits)
}

fn rank(query: &AnalysedName, record: PersonRecord) -> Option<Hit> {
    let (score, name, analysed) = record
        .searchable_names()
        .map(|n| {
            let a = veza_names::analyse(&n);
            (veza_names::score(query, &a), n, a)
        })
        .max_by(|x, y| x.0.total_cmp(&y.0))?;
    (score >= MIN_SCORE).then(|| Hit {
        explanation: veza_names::explain(query, &analysed),
        record,
        score,
        matched_name: name,
    })
}
