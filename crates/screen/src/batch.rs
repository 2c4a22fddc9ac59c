//! `veza screen --alerts ALERTS.csv --queries QUERIES.csv --top K --output HITS.csv`.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::csv_io::{QueryRow, read_alerts, read_queries};
use crate::error::{Error, Result};
use crate::hit::Hit;
use crate::index::Index;

/// Header of the hits file, fixed by the contract.
pub const HITS_HEADER: &str = "query_id,alert_id,rank,score";

/// What a batch run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Alerts indexed.
    pub alerts: usize,
    /// Queries checked.
    pub queries: usize,
    /// Rows written to the hits file.
    pub hits: usize,
    /// Queries with at least one hit at or above [`crate::REVIEW_THRESHOLD`].
    pub queries_for_review: usize,
    /// Queries whose MRZ had a wrong check digit (possible forgery).
    pub mrz_failed_checks: usize,
    /// Queries whose MRZ could not be read at all.
    pub mrz_unreadable: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} alerts, {} queries, {} hits written, {} queries for review, \
             {} MRZ with failed check digits, {} MRZ unreadable",
            self.alerts,
            self.queries,
            self.hits,
            self.queries_for_review,
            self.mrz_failed_checks,
            self.mrz_unreadable
        )
    }
}

/// Checks every query against every alert and writes up to `top` hits per
/// query: header `query_id,alert_id,rank,score`, queries in input order,
/// ranks from 1, scores with six decimals; a query without hits writes no
/// row.
pub fn screen(alerts: &Path, queries: &Path, top: usize, output: &Path) -> Result<Summary> {
    let alert_list = read_alerts(alerts)?;
    let alert_count = alert_list.len();
    let index = Index::build(alert_list);
    let rows = read_queries(queries)?;
    let hits = check_all(&index, &rows, top);

    let file = std::fs::File::create(output).map_err(|e| Error::io(output, e))?;
    let mut out = std::io::BufWriter::new(file);
    let mut summary = Summary {
        alerts: alert_count,
        queries: rows.len(),
        ..Summary::default()
    };
    let mut write = || -> std::io::Result<()> {
        writeln!(out, "{HITS_HEADER}")?;
        for (row, hits) in rows.iter().zip(&hits) {
            match &row.mrz {
                Some(Ok(m)) if !m.all_checks_valid() => summary.mrz_failed_checks += 1,
                Some(Err(_)) => summary.mrz_unreadable += 1,
                _ => {}
            }
            if hits.iter().any(|h| h.score >= crate::REVIEW_THRESHOLD) {
                summary.queries_for_review += 1;
            }
            for h in hits {
                writeln!(
                    out,
                    "{},{},{},{:.6}",
                    csv_field(&row.query_id),
                    csv_field(&h.alert_id),
                    h.rank,
                    h.score
                )?;
                summary.hits += 1;
            }
        }
        out.flush()
    };
    write().map_err(|e| Error::io(output, e))?;
    Ok(summary)
}

/// Checks all rows on all cores, keeping input order.
pub fn check_all(index: &Index, rows: &[QueryRow], top: usize) -> Vec<Vec<Hit>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = AtomicUsize::new(0);
    const CHUNK: usize = 64;
    let mut parts: Vec<(usize, Vec<Vec<Hit>>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if start >= rows.len() {
                            break done;
                        }
                        let end = (start + CHUNK).min(rows.len());
                        let hits = rows[start..end]
                            .iter()
                            .map(|r| index.check(&r.query, top))
                            .collect();
                        done.push((start, hits));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    parts.sort_unstable_by_key(|p| p.0);
    parts.into_iter().flat_map(|p| p.1).collect()
}

/// Quotes a field when CSV needs it.
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}
