//! Resolved persons: which records are one person, the scored pairs that
//! explain it, and analysts' judgements on pairs.
//!
//! The store keeps results, not matching logic: a resolution run (see
//! `veza_core::resolution`) reads every record through
//! [`Store::resolution_records`], scores pairs with the resolve crate and
//! saves what it found with [`Store::save_resolution`]. Users then see a
//! person only through the records they may see: a person page never
//! reveals that a hidden record exists beyond a count.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use sqlx::{AssertSqlSafe, Row};
use veza_model::PersonRecord;

use crate::audit_log::{append, draft};
use crate::records::{decode, placeholders, visible};
use crate::{Actor, Error, Result, Store, clock, policy};

/// An analyst's decision on a pair of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairVerdict {
    /// One person: always linked, whatever the scores.
    Same,
    /// Two people: never in one person, whatever the scores.
    NotSame,
    /// Looked at, undecided: the scores decide, and the pair leaves the queue.
    Unsure,
}

impl PairVerdict {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            PairVerdict::Same => "same",
            PairVerdict::NotSame => "not_same",
            PairVerdict::Unsure => "unsure",
        }
    }
}

impl fmt::Display for PairVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PairVerdict {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "same" => Ok(PairVerdict::Same),
            "not_same" => Ok(PairVerdict::NotSame),
            "unsure" => Ok(PairVerdict::Unsure),
            other => Err(Error::Invalid(format!(
                "verdict {other:?}: use same, not_same or unsure"
            ))),
        }
    }
}

/// A scored pair of records, ordered so that `a < b`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredPair {
    /// First record id.
    pub a: String,
    /// Second record id.
    pub b: String,
    /// Total weight of evidence in bits.
    pub weight: f64,
    /// Probability that the records are one person.
    pub probability: f64,
    /// Whether the model linked them (at or above its threshold).
    pub linked: bool,
    /// Per-field weight of evidence, as JSON (the resolve crate's
    /// `FieldContribution` list).
    pub explanation: String,
}

/// What a resolution run found, to be saved in one transaction.
#[derive(Debug, Clone)]
pub struct ResolutionRun {
    /// `full` (trained anew) or `incremental` (stored model, new records).
    pub mode: String,
    /// The model's version.
    pub model_version: String,
    /// The trained model, JSON.
    pub model: String,
    /// The model's link threshold as a weight in bits.
    pub threshold: f64,
    /// Records resolved.
    pub records: u64,
    /// Pairs scored in this run.
    pub scored_pairs: u64,
    /// Every pair to keep (replaces the stored set).
    pub pairs: Vec<ScoredPair>,
    /// Person id of every record (replaces the stored assignment).
    pub persons: Vec<(String, String)>,
}

/// The stored result of the last run.
#[derive(Debug, Clone, Default)]
pub struct StoredResolution {
    /// The model of the last run, JSON, with its version.
    pub model: Option<(String, String)>,
    /// The kept pairs.
    pub pairs: Vec<ScoredPair>,
    /// Person id by record id.
    pub persons: HashMap<String, String>,
}

/// One judgement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Judgement {
    /// First record id (`a < b`).
    pub a: String,
    /// Second record id.
    pub b: String,
    /// The decision.
    pub verdict: PairVerdict,
    /// Who decided.
    pub user: String,
    /// When (RFC 3339).
    pub at: String,
    /// Why.
    pub reason: String,
}

/// A person as one user may see it.
#[derive(Debug, Clone)]
pub struct PersonView {
    /// Person id.
    pub person_id: String,
    /// The records the user may see, oldest first.
    pub records: Vec<PersonRecord>,
    /// Records of this person the user may not see (counted, never shown).
    pub withheld: u32,
    /// Scored pairs between visible records.
    pub pairs: Vec<ScoredPair>,
    /// Judgements between visible records, latest first.
    pub judgements: Vec<Judgement>,
}

/// The persons of some records, with every record, pair and judgement that
/// touches them (ids and scores only): what re-clustering after a judgement
/// needs.
#[derive(Debug, Clone, Default)]
pub struct Neighbourhood {
    /// The link threshold (bits) of the last run, if one ran.
    pub threshold: Option<f64>,
    /// (record id, person id) of every record of the persons.
    pub records: Vec<(String, String)>,
    /// Stored pairs touching those records.
    pub pairs: Vec<ScoredPair>,
    /// Latest judgement of each pair touching those records.
    pub judgements: Vec<Judgement>,
}

/// A pair waiting for a human decision, with both records.
#[derive(Debug, Clone)]
pub struct ReviewPair {
    /// The scores.
    pub pair: ScoredPair,
    /// Record `a`.
    pub record_a: PersonRecord,
    /// Record `b`.
    pub record_b: PersonRecord,
}

/// Pairs whose probability lies in this band go to human review: the model
/// is unsure either way.
pub const REVIEW_BAND: (f64, f64) = (0.2, 0.98);

/// Which uncertain pairs a reviewer wants: a decision matters differently
/// depending on where the two records stand now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReviewKind {
    /// Every uncertain pair.
    #[default]
    All,
    /// The records are in two different persons: "same" would join them
    /// (a possibly missed link).
    Join,
    /// The records are in one person: "not same" would split it (a
    /// possibly false link).
    Within,
}

impl ReviewKind {
    /// The SQL condition on `pa`/`pb`, the persons of the pair's records.
    fn condition(self) -> &'static str {
        match self {
            ReviewKind::All => "1 = 1",
            ReviewKind::Join => {
                "(pa.person_id IS NULL OR pb.person_id IS NULL OR pa.person_id <> pb.person_id)"
            }
            ReviewKind::Within => "pa.person_id = pb.person_id",
        }
    }
}

/// Rows per insert statement when saving a run.
const SAVE_CHUNK: usize = 200;

fn ordered<'s>(a: &'s str, b: &'s str) -> (&'s str, &'s str) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Aggregate figures of the last resolution (no personal data).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolutionCounts {
    /// Resolved persons.
    pub persons: u64,
    /// Persons with more than one record.
    pub multi_record_persons: u64,
    /// Uncertain pairs nobody has judged.
    pub pending_pairs: u64,
    /// Of those, pairs whose records are in two different persons.
    pub pending_join: u64,
    /// When the last run finished, if any.
    pub last_run: Option<String>,
}

impl Store {
    /// Dashboard figures of the resolution (aggregates only).
    pub async fn resolution_counts(&self) -> Result<ResolutionCounts> {
        let sql = format!(
            "SELECT (SELECT COUNT(DISTINCT person_id) FROM person_of_record) AS persons, \
             (SELECT COUNT(*) FROM (SELECT person_id FROM person_of_record GROUP BY person_id HAVING COUNT(*) > 1) m) AS multi, \
             (SELECT COUNT(*) FROM record_links l WHERE l.probability >= $1 AND l.probability <= $2 \
                AND NOT EXISTS (SELECT 1 FROM judgements j WHERE j.record_a = l.record_a AND j.record_b = l.record_b)) AS pending, \
             (SELECT COUNT(*) FROM record_links l \
                LEFT JOIN person_of_record pa ON pa.record_id = l.record_a \
                LEFT JOIN person_of_record pb ON pb.record_id = l.record_b \
                WHERE l.probability >= $1 AND l.probability <= $2 AND {join} \
                AND NOT EXISTS (SELECT 1 FROM judgements j WHERE j.record_a = l.record_a AND j.record_b = l.record_b)) AS pending_join, \
             (SELECT MAX(at) FROM resolution_runs) AS last_run",
            join = ReviewKind::Join.condition()
        );
        // The only interpolation is a fixed condition of `ReviewKind`.
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(REVIEW_BAND.0)
            .bind(REVIEW_BAND.1)
            .fetch_one(&self.pool)
            .await?;
        let n = |c: &str| row.try_get::<i64, _>(c).map(|v| v as u64);
        Ok(ResolutionCounts {
            persons: n("persons")?,
            multi_record_persons: n("multi")?,
            pending_pairs: n("pending")?,
            pending_join: n("pending_join")?,
            last_run: row.try_get("last_run")?,
        })
    }

    /// Every record, for a resolution run. Only [`policy::may_resolve`]
    /// roles; the read is audited with its size.
    pub async fn resolution_records(&self, actor: &Actor) -> Result<Vec<PersonRecord>> {
        self.require_resolver(actor, "resolution.read").await?;
        let rows = sqlx::query("SELECT data FROM records ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        let records = rows.iter().map(decode).collect::<Result<Vec<_>>>()?;
        self.audit(
            draft(actor, "resolution.read", "all records")
                .outcome(format!("{} records", records.len())),
        )
        .await?;
        Ok(records)
    }

    /// The stored result of the last run (ids and scores, no personal data).
    pub async fn stored_resolution(&self, actor: &Actor) -> Result<StoredResolution> {
        self.require_resolver(actor, "resolution.load").await?;
        let model = sqlx::query(
            "SELECT model_version, model FROM resolution_runs ORDER BY id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?
        .map(|r| -> Result<(String, String)> {
            Ok((r.try_get("model_version")?, r.try_get("model")?))
        })
        .transpose()?;
        let pairs = sqlx::query(
            "SELECT record_a, record_b, weight, probability, linked, explanation FROM record_links",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(pair_of_row)
        .collect::<Result<Vec<_>>>()?;
        let mut persons = HashMap::new();
        for row in sqlx::query("SELECT record_id, person_id FROM person_of_record")
            .fetch_all(&self.pool)
            .await?
        {
            persons.insert(row.try_get("record_id")?, row.try_get("person_id")?);
        }
        Ok(StoredResolution {
            model,
            pairs,
            persons,
        })
    }

    /// Replaces the stored pairs and person assignment with a run's, in one
    /// transaction with its audit entry.
    pub async fn save_resolution(&self, actor: &Actor, run: &ResolutionRun) -> Result<i64> {
        self.require_resolver(actor, "resolution.save").await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM record_links")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM person_of_record")
            .execute(&mut *tx)
            .await?;
        for chunk in run.pairs.chunks(SAVE_CHUNK) {
            let rows = (0..chunk.len())
                .map(|i| format!("({})", placeholders(self.backend, i * 6 + 1, 6)))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO record_links (record_a, record_b, weight, probability, linked, explanation) VALUES {rows}"
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for p in chunk {
                let (a, b) = ordered(&p.a, &p.b);
                q = q
                    .bind(a.to_owned())
                    .bind(b.to_owned())
                    .bind(p.weight)
                    .bind(p.probability)
                    .bind(i64::from(p.linked))
                    .bind(p.explanation.clone());
            }
            q.execute(&mut *tx).await?;
        }
        for chunk in run.persons.chunks(SAVE_CHUNK * 3) {
            let rows = (0..chunk.len())
                .map(|i| format!("({})", placeholders(self.backend, i * 2 + 1, 2)))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!("INSERT INTO person_of_record (record_id, person_id) VALUES {rows}");
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for (record, person) in chunk {
                q = q.bind(record.clone()).bind(person.clone());
            }
            q.execute(&mut *tx).await?;
        }
        let persons = run
            .persons
            .iter()
            .map(|(_, p)| p.as_str())
            .collect::<HashSet<_>>()
            .len();
        let links = run.pairs.iter().filter(|p| p.linked).count();
        let row = sqlx::query(
            "INSERT INTO resolution_runs (at, actor, mode, model_version, model, threshold, records, scored_pairs, links, persons) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(clock::now())
        .bind(actor.user.clone())
        .bind(run.mode.clone())
        .bind(run.model_version.clone())
        .bind(run.model.clone())
        .bind(run.threshold)
        .bind(run.records as i64)
        .bind(run.scored_pairs as i64)
        .bind(links as i64)
        .bind(persons as i64)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        append(
            &mut tx,
            draft(actor, "resolution.save", format!("run {id}")).outcome(format!(
                "{} {}: {} records, {} pairs scored, {links} links, {persons} persons",
                run.mode, run.model_version, run.records, run.scored_pairs
            )),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The latest judgement of every judged pair (ids only), for a run.
    pub async fn judgements(&self, actor: &Actor) -> Result<Vec<Judgement>> {
        self.require_resolver(actor, "resolution.judgements")
            .await?;
        let rows = sqlx::query(
            "SELECT record_a, record_b, verdict, username, at, reason FROM judgements ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut latest: HashMap<(String, String), Judgement> = HashMap::new();
        for row in &rows {
            let j = judgement_of_row(row)?;
            latest.insert((j.a.clone(), j.b.clone()), j);
        }
        let mut out: Vec<Judgement> = latest.into_values().collect();
        out.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        Ok(out)
    }

    /// Records a judgement on two records the actor may both see. A reason
    /// is required; the judgement and its audit entry commit together.
    pub async fn judge(
        &self,
        actor: &Actor,
        a: &str,
        b: &str,
        verdict: PairVerdict,
    ) -> Result<Judgement> {
        let subject = format!("{a} ~ {b}");
        if !policy::may_judge(actor.role) {
            self.audit(draft(actor, "resolution.judge", &subject).outcome("denied"))
                .await?;
            return Err(Error::Forbidden(format!(
                "role {} may not judge record pairs",
                actor.role
            )));
        }
        if actor.reason.trim().is_empty() {
            return Err(Error::ReasonRequired);
        }
        if a == b {
            return Err(Error::Invalid(
                "a judgement needs two different records".into(),
            ));
        }
        let (a, b) = ordered(a, b);
        let records = self.records_by_id(&[a.to_owned(), b.to_owned()]).await?;
        if records.len() != 2 || !records.iter().all(|r| visible(actor, r)) {
            self.audit(draft(actor, "resolution.judge", &subject).outcome("denied"))
                .await?;
            return Err(Error::NotFound(subject));
        }
        let judgement = Judgement {
            a: a.to_owned(),
            b: b.to_owned(),
            verdict,
            user: actor.user.clone(),
            at: clock::now(),
            reason: actor.reason.clone(),
        };
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO judgements (record_a, record_b, verdict, username, at, reason) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(judgement.a.clone())
        .bind(judgement.b.clone())
        .bind(verdict.as_str())
        .bind(judgement.user.clone())
        .bind(judgement.at.clone())
        .bind(judgement.reason.clone())
        .execute(&mut *tx)
        .await?;
        append(
            &mut tx,
            draft(actor, "resolution.judge", &subject).outcome(verdict.as_str()),
        )
        .await?;
        tx.commit().await?;
        Ok(judgement)
    }

    /// The person a record belongs to, if resolution has run (ids only).
    pub async fn person_of(&self, record_id: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT person_id FROM person_of_record WHERE record_id = $1")
            .bind(record_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("person_id")).transpose()?)
    }

    /// A person as the actor may see it. Needs a reason; audited with the
    /// ids shown and the number withheld.
    pub async fn person(&self, actor: &Actor, person_id: &str) -> Result<PersonView> {
        if !policy::may_read_records(actor.role) {
            self.audit(draft(actor, "person.read", person_id).outcome("denied"))
                .await?;
            return Err(Error::Forbidden(format!(
                "role {} may not read persons",
                actor.role
            )));
        }
        if actor.reason.trim().is_empty() {
            self.audit(draft(actor, "person.read", person_id).outcome("refused: no reason given"))
                .await?;
            return Err(Error::ReasonRequired);
        }
        let ids: Vec<String> = sqlx::query(
            "SELECT record_id FROM person_of_record WHERE person_id = $1 ORDER BY record_id",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get("record_id"))
        .collect::<std::result::Result<_, _>>()?;
        let all = self.records_by_id(&ids).await?;
        let total = all.len();
        let mut records: Vec<PersonRecord> =
            all.into_iter().filter(|r| visible(actor, r)).collect();
        records.sort_by(|x, y| {
            (&x.provenance.recorded_at, &x.id).cmp(&(&y.provenance.recorded_at, &y.id))
        });
        let withheld = (total - records.len()) as u32;
        let shown: HashSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
        let pairs = self
            .pairs_touching(&ids)
            .await?
            .into_iter()
            .filter(|p| shown.contains(p.a.as_str()) && shown.contains(p.b.as_str()))
            .collect();
        let mut judgements: Vec<Judgement> = self
            .judgements_touching(&ids)
            .await?
            .into_iter()
            .filter(|j| shown.contains(j.a.as_str()) && shown.contains(j.b.as_str()))
            .collect();
        judgements.reverse();
        let outcome = if records.is_empty() && total == 0 {
            "not found".to_owned()
        } else {
            let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
            format!("shown {}; withheld {withheld}", ids.join(" "))
        };
        self.audit(draft(actor, "person.read", person_id).outcome(outcome))
            .await?;
        if records.is_empty() {
            return Err(Error::NotFound(format!("person {person_id}")));
        }
        Ok(PersonView {
            person_id: person_id.to_owned(),
            records,
            withheld,
            pairs,
            judgements,
        })
    }

    /// Uncertain pairs (probability within [`REVIEW_BAND`]) that nobody has
    /// judged yet and whose two records the actor may see, most uncertain
    /// first. Audited with the pair ids shown.
    pub async fn pair_review_queue(
        &self,
        actor: &Actor,
        limit: u32,
        kind: ReviewKind,
    ) -> Result<Vec<ReviewPair>> {
        if !policy::may_judge(actor.role) {
            self.audit(draft(actor, "resolution.queue", "uncertain pairs").outcome("denied"))
                .await?;
            return Err(Error::Forbidden(format!(
                "role {} may not review record pairs",
                actor.role
            )));
        }
        let sql = format!(
            "SELECT l.record_a, l.record_b, l.weight, l.probability, l.linked, l.explanation FROM record_links l \
             LEFT JOIN person_of_record pa ON pa.record_id = l.record_a \
             LEFT JOIN person_of_record pb ON pb.record_id = l.record_b \
             WHERE l.probability >= $1 AND l.probability <= $2 AND {} \
               AND NOT EXISTS (SELECT 1 FROM judgements j WHERE j.record_a = l.record_a AND j.record_b = l.record_b) \
             ORDER BY ABS(l.probability - 0.5), l.record_a, l.record_b LIMIT $3",
            kind.condition()
        );
        // The only interpolation is a fixed condition of `ReviewKind`.
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(REVIEW_BAND.0)
            .bind(REVIEW_BAND.1)
            .bind(i64::from(limit) * 8)
            .fetch_all(&self.pool)
            .await?;
        let pairs = rows.iter().map(pair_of_row).collect::<Result<Vec<_>>>()?;
        let ids: Vec<String> = pairs
            .iter()
            .flat_map(|p| [p.a.clone(), p.b.clone()])
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let records: HashMap<String, PersonRecord> = self
            .records_by_id(&ids)
            .await?
            .into_iter()
            .filter(|r| visible(actor, r))
            .map(|r| (r.id.clone(), r))
            .collect();
        let mut out = Vec::new();
        for pair in pairs {
            let (Some(ra), Some(rb)) = (records.get(&pair.a), records.get(&pair.b)) else {
                continue;
            };
            out.push(ReviewPair {
                record_a: ra.clone(),
                record_b: rb.clone(),
                pair,
            });
            if out.len() == limit as usize {
                break;
            }
        }
        let shown: Vec<String> = out
            .iter()
            .map(|p| format!("{}~{}", p.pair.a, p.pair.b))
            .collect();
        self.audit(
            draft(actor, "resolution.queue", "uncertain pairs").outcome(format!(
                "{} pairs: {}",
                out.len(),
                shown.join(" ")
            )),
        )
        .await?;
        Ok(out)
    }

    /// The persons of `record_ids` and everything touching them, ids only.
    pub async fn person_neighbourhood(
        &self,
        actor: &Actor,
        record_ids: &[&str],
    ) -> Result<Neighbourhood> {
        self.require_judge_or_resolver(actor).await?;
        let mut persons = Vec::new();
        for id in record_ids {
            if let Some(p) = self.person_of(id).await? {
                persons.push(p);
            }
        }
        persons.sort();
        persons.dedup();
        let mut records: Vec<(String, String)> = Vec::new();
        for p in &persons {
            for row in sqlx::query(
                "SELECT record_id, person_id FROM person_of_record WHERE person_id = $1 ORDER BY record_id",
            )
            .bind(p.clone())
            .fetch_all(&self.pool)
            .await?
            {
                records.push((row.try_get("record_id")?, row.try_get("person_id")?));
            }
        }
        let ids: Vec<String> = records.iter().map(|(r, _)| r.clone()).collect();
        let pairs = self.pairs_touching(&ids).await?;
        let mut latest: HashMap<(String, String), Judgement> = HashMap::new();
        for j in self.judgements_touching(&ids).await? {
            latest.insert((j.a.clone(), j.b.clone()), j);
        }
        let mut judgements: Vec<Judgement> = latest.into_values().collect();
        judgements.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        let threshold =
            sqlx::query("SELECT threshold FROM resolution_runs ORDER BY id DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?
                .map(|r| r.try_get::<f64, _>("threshold"))
                .transpose()?;
        Ok(Neighbourhood {
            threshold,
            records,
            pairs,
            judgements,
        })
    }

    /// Moves records to persons (after a judgement re-clustered them), in
    /// one transaction with its audit entry.
    pub async fn assign_persons(
        &self,
        actor: &Actor,
        assignments: &[(String, String)],
        why: &str,
    ) -> Result<()> {
        self.require_judge_or_resolver(actor).await?;
        let mut tx = self.pool.begin().await?;
        let mut moved = Vec::new();
        for (record, person) in assignments {
            let changed = sqlx::query(
                "UPDATE person_of_record SET person_id = $1 WHERE record_id = $2 AND person_id <> $1",
            )
            .bind(person.clone())
            .bind(record.clone())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed > 0 {
                moved.push(format!("{record}->{person}"));
            }
        }
        append(
            &mut tx,
            draft(actor, "resolution.recluster", why).outcome(if moved.is_empty() {
                "no change".to_owned()
            } else {
                moved.join(" ")
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn require_judge_or_resolver(&self, actor: &Actor) -> Result<()> {
        if policy::may_judge(actor.role) || policy::may_resolve(actor.role) {
            return Ok(());
        }
        Err(Error::Forbidden(format!(
            "role {} may not change resolved persons",
            actor.role
        )))
    }

    async fn require_resolver(&self, actor: &Actor, action: &str) -> Result<()> {
        if policy::may_resolve(actor.role) {
            return Ok(());
        }
        self.audit(draft(actor, action, "all records").outcome("denied"))
            .await?;
        Err(Error::Forbidden(format!(
            "role {} may not run entity resolution",
            actor.role
        )))
    }

    /// Records by id (no policy: callers filter with `visible`).
    async fn records_by_id(&self, ids: &[String]) -> Result<Vec<PersonRecord>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT data FROM records WHERE id IN ({})",
                placeholders(self.backend, 1, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(id.clone());
            }
            for row in q.fetch_all(&self.pool).await? {
                out.push(decode(&row)?);
            }
        }
        Ok(out)
    }

    async fn pairs_touching(&self, ids: &[String]) -> Result<Vec<ScoredPair>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(250) {
            let list = placeholders(self.backend, 1, chunk.len());
            let sql = format!(
                "SELECT record_a, record_b, weight, probability, linked, explanation FROM record_links \
                 WHERE record_a IN ({list}) OR record_b IN ({list}) ORDER BY probability DESC"
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(id.clone());
            }
            for row in q.fetch_all(&self.pool).await? {
                out.push(pair_of_row(&row)?);
            }
        }
        out.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        out.dedup_by(|x, y| x.a == y.a && x.b == y.b);
        Ok(out)
    }

    async fn judgements_touching(&self, ids: &[String]) -> Result<Vec<Judgement>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(250) {
            let list = placeholders(self.backend, 1, chunk.len());
            let sql = format!(
                "SELECT id, record_a, record_b, verdict, username, at, reason FROM judgements \
                 WHERE record_a IN ({list}) OR record_b IN ({list}) ORDER BY id"
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(id.clone());
            }
            for row in q.fetch_all(&self.pool).await? {
                out.push((row.try_get::<i64, _>("id")?, judgement_of_row(&row)?));
            }
        }
        out.sort_by_key(|(id, _)| *id);
        out.dedup_by_key(|(id, _)| *id);
        Ok(out.into_iter().map(|(_, j)| j).collect())
    }
}

fn pair_of_row(row: &sqlx::any::AnyRow) -> Result<ScoredPair> {
    Ok(ScoredPair {
        a: row.try_get("record_a")?,
        b: row.try_get("record_b")?,
        weight: row.try_get("weight")?,
        probability: row.try_get("probability")?,
        linked: row.try_get::<i64, _>("linked")? != 0,
        explanation: row.try_get("explanation")?,
    })
}

fn judgement_of_row(row: &sqlx::any::AnyRow) -> Result<Judgement> {
    let verdict: String = row.try_get("verdict")?;
    Ok(Judgement {
        a: row.try_get("record_a")?,
        b: row.try_get("record_b")?,
        verdict: verdict.parse().map_err(|_| Error::Corrupt {
            table: "judgements",
            column: "verdict",
            detail: verdict.clone(),
        })?,
        user: row.try_get("username")?,
        at: row.try_get("at")?,
        reason: row.try_get("reason")?,
    })
}
