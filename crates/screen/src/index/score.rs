//! Scoring a candidate against a prepared query.

use veza_model::PartialDate;
use veza_names::AnalysedName;

use super::entry::Entry;
use super::keys::{
    TAG_DOCUMENT, TAG_PLATE, TAG_VIN, TokenKeys, date_key, identifier_key, pair_keys, token_keys,
    year_keys,
};
use super::name_table::NameId;
use crate::hit::{Hit, HitExplanation};
use crate::normalize::{normalize_document_number, normalize_plate, normalize_vin};
use crate::query::Query;
use crate::scoring::{
    Agreement, DobAgreement, PARTIAL_NAME_SIMILARITY, PARTIAL_NAME_WEIGHT, PRIOR,
    allows_partial_name, document_weight, logistic, name_weight, nationality_agreement,
    nationality_weight, sex_agreement, sex_weight,
};

/// The two kinds of name keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyKind {
    /// A pair of name-token keys.
    Pair,
    /// A name-token key with the birth year.
    Year,
    /// The full date of birth: finds a candidate, adds no name weight.
    Date,
}

impl KeyKind {
    /// Pre-score weight of a shared key: a token × year key is weaker,
    /// since one name part and a year are shared by many.
    pub(super) fn weight(self) -> f32 {
        match self {
            KeyKind::Pair => 1.0,
            KeyKind::Year => 0.5,
            KeyKind::Date => 0.0,
        }
    }
}
/// What a candidate shares with the query, from the postings.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CandidateWeight {
    /// Sum of the weights of the name keys shared.
    pub(super) names: f32,
    /// Whether a document number, plate or VIN is shared.
    pub(super) identifier: bool,
}
/// Pre-score log-odds per unit of log(1 + key weight shared): each further
/// shared key adds less, so a long name with many readings does not
/// outrank a short exact one by its key count alone, while an alert that
/// shares every key of the query still ranks above one that shares a
/// single token's keys. (A hard cap here made all namesakes and near
/// namesakes tie, and the cut to the preselected few then fell at random.)
const KEY_WEIGHT_SLOPE: f64 = 1.5;
/// The name term of the pre-score never exceeds this.
const KEY_WEIGHT_CAP: f64 = 4.5;

/// The name term of the pre-score.
pub(super) fn key_weight(shared: f32) -> f64 {
    (KEY_WEIGHT_SLOPE * f64::from(shared).ln_1p()).min(KEY_WEIGHT_CAP)
}

/// [`key_weight`] remembered for the few distinct sums of key weights a
/// check meets: a check at millions of alerts pre-scores tens of
/// thousands of candidates, and the logarithm was about 6 % of the
/// server's profile under load at 10M alerts. Direct-mapped on the
/// value's bits; a collision only recomputes.
pub(super) struct KeyWeightMemo([(u32, f64); 32]);

impl Default for KeyWeightMemo {
    fn default() -> Self {
        // NaN bits never come from a sum of key weights.
        KeyWeightMemo([(u32::MAX, 0.0); 32])
    }
}

impl KeyWeightMemo {
    /// The same value as [`key_weight`]`(shared)`.
    pub(super) fn get(&mut self, shared: f32) -> f64 {
        let bits = shared.to_bits();
        let slot = &mut self.0[((bits ^ (bits >> 13) ^ (bits >> 23)) & 31) as usize];
        if slot.0 != bits {
            *slot = (bits, key_weight(shared));
        }
        slot.1
    }
}

/// A query analysed once for all candidates.
pub(super) struct PreparedQuery<'q> {
    query: &'q Query,
    names: Vec<AnalysedName>,
    pub(super) name_keys: Vec<(u64, KeyKind)>,
    pub(super) identifier_keys: Vec<u64>,
    document: String,
    plate: String,
    vin: String,
    /// The query's nationalities in the index's ten-bit form.
    nationality_codes: Vec<u16>,
}

/// A fully scored candidate.
#[derive(Debug, Clone)]
pub(super) struct ScoredCandidate {
    pub(super) slot: u32,
    pub(super) score: f64,
    log_odds: f64,
    name: Option<(usize, usize, f64)>,
    /// The name weight: from the similarity, or the partial-name weight.
    name_weight: f64,
    /// Whether the name weight is [`PARTIAL_NAME_WEIGHT`] for one agreeing
    /// name part.
    partial: bool,
    dob: DobAgreement,
    sex: Agreement,
    nationality: Agreement,
    identifier: Agreement,
}

/// Keeps the `top` best of `v` (by score), in no particular order.
pub(super) fn keep_best(v: &mut Vec<ScoredCandidate>, top: usize) {
    let top = top.max(1);
    if v.len() > top {
        v.select_nth_unstable_by(top - 1, |a, b| b.score.total_cmp(&a.score));
        v.truncate(top);
    }
}

impl<'q> PreparedQuery<'q> {
    pub(super) fn new(query: &'q Query) -> Self {
        let names: Vec<AnalysedName> = query
            .names
            .iter()
            .filter(|n| !n.is_blank())
            .map(|n| n.analyse())
            .collect();
        let mut name_keys: Vec<(u64, KeyKind)> = Vec::new();
        let mut buf = Vec::new();
        for n in &names {
            let tokens: Vec<TokenKeys> = token_keys(n);
            buf.clear();
            pair_keys(&tokens, &mut buf);
            name_keys.extend(buf.iter().map(|&k| (k, KeyKind::Pair)));
            if let Some(d) = query.date_of_birth {
                buf.clear();
                year_keys(&tokens, d.year, &mut buf);
                name_keys.extend(buf.iter().map(|&k| (k, KeyKind::Year)));
            }
        }
        if !names.is_empty()
            && let Some(d) = query.date_of_birth
        {
            // The date and its day/month swap.
            let mut dates = vec![d];
            if let (Some(m), Some(day)) = (d.month, d.day)
                && day <= 12
                && day != m
            {
                dates.push(PartialDate {
                    month: Some(day),
                    day: Some(m),
                    ..d
                });
            }
            name_keys.extend(
                dates
                    .into_iter()
                    .filter_map(date_key)
                    .map(|k| (k, KeyKind::Date)),
            );
        }
        name_keys.sort_unstable_by_key(|k| k.0);
        name_keys.dedup_by_key(|k| k.0);
        let document = query
            .document_number
            .as_deref()
            .map(normalize_document_number)
            .unwrap_or_default();
        let plate = query
            .plate
            .as_deref()
            .map(normalize_plate)
            .unwrap_or_default();
        let vin = query.vin.as_deref().map(normalize_vin).unwrap_or_default();
        let mut identifier_keys = Vec::new();
        if !document.is_empty() {
            identifier_keys.push(identifier_key(TAG_DOCUMENT, &document));
        }
        if !plate.is_empty() {
            identifier_keys.push(identifier_key(TAG_PLATE, &plate));
        }
        if !vin.is_empty() {
            identifier_keys.push(identifier_key(TAG_VIN, &vin));
        }
        let nationality_codes = query
            .nationalities
            .iter()
            .map(|&c| super::country_code(c))
            .collect();
        PreparedQuery {
            query,
            names,
            nationality_codes,
            name_keys,
            identifier_keys,
            document,
            plate,
            vin,
        }
    }

    /// The query's date of birth, when known.
    pub(super) fn date_of_birth(&self) -> Option<PartialDate> {
        self.query.date_of_birth
    }

    fn identifier(&self, e: &Entry) -> Agreement {
        let mut compared = false;
        if !self.document.is_empty() && !e.documents.is_empty() {
            if e.documents.iter().any(|d| **d == *self.document) {
                return Agreement::Agrees;
            }
            compared = true;
        }
        for (mine, theirs) in [(&self.plate, &e.plate), (&self.vin, &e.vin)] {
            if !mine.is_empty() && !theirs.is_empty() {
                if **mine == **theirs {
                    return Agreement::Agrees;
                }
                compared = true;
            }
        }
        if compared {
            Agreement::Differs
        } else {
            Agreement::Unknown
        }
    }

    fn evidence(&self, e: &Entry) -> (DobAgreement, Agreement, Agreement, Agreement) {
        (
            DobAgreement::of(self.query.date_of_birth, e.dob),
            sex_agreement(self.query.sex, e.sex),
            nationality_agreement(&self.query.nationalities, &e.nationalities),
            self.identifier(e),
        )
    }

    /// Cheap ranking of a candidate before its names are analysed: the
    /// keys it shares and its date of birth.
    pub(super) fn pre_score(
        &self,
        dob: Option<PartialDate>,
        traits: u16,
        w: CandidateWeight,
        names: &mut KeyWeightMemo,
    ) -> f64 {
        let id = if w.identifier {
            Agreement::Agrees
        } else {
            Agreement::Unknown
        };
        let sex = match traits & 3 {
            1 => Some(veza_model::Sex::Male),
            2 => Some(veza_model::Sex::Female),
            3 => Some(veza_model::Sex::Unknown),
            _ => None,
        };
        let nationality = traits >> 2;
        let nat = if nationality == 0 || self.nationality_codes.is_empty() {
            Agreement::Unknown
        } else if self.nationality_codes.contains(&nationality) {
            Agreement::Agrees
        } else {
            Agreement::Differs
        };
        names.get(w.names)
            + DobAgreement::of(self.query.date_of_birth, dob).weight()
            + sex_weight(sex_agreement(self.query.sex, sex))
            + nationality_weight(nat)
            + document_weight(id)
    }

    /// The best query name for one alert name: (query name, similarity).
    pub(super) fn best_name(&self, alert_name: &AnalysedName) -> Option<(usize, f64)> {
        let mut best: Option<(usize, f64)> = None;
        for (qi, qn) in self.names.iter().enumerate() {
            let s = veza_names::score(qn, alert_name);
            if best.is_none_or(|b| s > b.1) {
                best = Some((qi, s));
            }
        }
        best
    }

    /// Full score, given the best query name for each of the alert's names
    /// (from [`PreparedQuery::best_name`], memoised by the caller since
    /// namesakes share name strings).
    pub(super) fn score(
        &self,
        slot: u32,
        e: &Entry,
        per_name: impl Iterator<Item = Option<(usize, f64)>>,
    ) -> ScoredCandidate {
        let mut best: Option<(usize, usize, f64)> = None;
        for (ai, b) in per_name.enumerate() {
            if let Some((qi, s)) = b
                && best.is_none_or(|x| s > x.2)
            {
                best = Some((qi, ai, s));
            }
        }
        let (dob, sex, nationality, identifier) = self.evidence(e);
        let name_w = best.map_or(0.0, |b| name_weight(b.2));
        let log_odds = PRIOR
            + name_w
            + dob.weight()
            + sex_weight(sex)
            + nationality_weight(nationality)
            + document_weight(identifier);
        ScoredCandidate {
            slot,
            score: logistic(log_odds),
            log_odds,
            name: best,
            name_weight: name_w,
            partial: false,
            dob,
            sex,
            nationality,
            identifier,
        }
    }

    /// Whether [`PreparedQuery::apply_partial_name`] could raise this
    /// candidate's score: an exact date of birth and a name weight below
    /// the partial-name weight.
    pub(super) fn wants_partial_name(&self, c: &ScoredCandidate) -> bool {
        allows_partial_name(c.dob) && c.name.is_some() && c.name_weight < PARTIAL_NAME_WEIGHT
    }

    /// Raises the name weight to [`PARTIAL_NAME_WEIGHT`] when one name part
    /// of one of the alert's names agrees with a part of a query name
    /// (given the exact date, see [`PreparedQuery::wants_partial_name`]).
    pub(super) fn apply_partial_name<'a>(
        &self,
        c: &mut ScoredCandidate,
        alert_names: impl Iterator<Item = &'a AnalysedName>,
    ) {
        if !self.wants_partial_name(c) {
            return;
        }
        let mut found: Option<(usize, usize)> = None;
        'names: for (ai, an) in alert_names.enumerate() {
            for (qi, qn) in self.names.iter().enumerate() {
                let x = veza_names::explain(qn, an);
                if x.pairs.iter().any(|p| {
                    p.similarity >= PARTIAL_NAME_SIMILARITY
                        && p.a.chars().count() >= 3
                        && p.b.chars().count() >= 3
                }) {
                    found = Some((qi, ai));
                    break 'names;
                }
            }
        }
        let Some((qi, ai)) = found else { return };
        let old = c.name_weight;
        c.name_weight = PARTIAL_NAME_WEIGHT;
        c.partial = true;
        // The explanation shows the pair whose part agrees.
        let s = c.name.map_or(0.0, |n| n.2);
        c.name = Some((qi, ai, s));
        c.log_odds += PARTIAL_NAME_WEIGHT - old;
        c.score = logistic(c.log_odds);
    }

    /// The hit with its explanation (the name alignment is worked out
    /// again here, for the few hits shown only).
    pub(super) fn hit(
        &self,
        e: &Entry,
        s: &ScoredCandidate,
        rank: usize,
        action: &str,
        analysed: impl Fn(NameId) -> AnalysedName,
    ) -> Hit {
        let name = s.name.and_then(|(qi, ai, _)| {
            let alert_name = analysed(*e.names.get(ai)?);
            Some(veza_names::explain(self.names.get(qi)?, &alert_name))
        });
        let name_score = name
            .as_ref()
            .map_or_else(|| s.name.map_or(0.0, |b| b.2), |x| x.score);
        Hit {
            alert_id: e.id.to_string(),
            score: s.score,
            rank,
            category: e.category,
            protective: e.category.is_protective(),
            action: action.to_owned(),
            warning_markers: e.warning_markers(),
            explanation: HitExplanation {
                prior: PRIOR,
                name,
                name_score,
                name_weight: s.name_weight,
                name_partial: s.partial,
                date_of_birth: s.dob,
                date_of_birth_weight: s.dob.weight(),
                sex: s.sex,
                sex_weight: sex_weight(s.sex),
                nationality: s.nationality,
                nationality_weight: nationality_weight(s.nationality),
                identifier: s.identifier,
                identifier_weight: document_weight(s.identifier),
                score: s.score,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_weight_memo_gives_the_computed_value_bit_for_bit() {
        let mut memo = KeyWeightMemo::default();
        // Many more distinct values than slots, revisited in another
        // order: collisions must recompute, never return a neighbour's.
        let values: Vec<f32> = (0..400).map(|i| i as f32 * 0.37).collect();
        for round in 0..3 {
            for (k, &v) in values.iter().enumerate() {
                let v = if round == 1 {
                    values[values.len() - 1 - k]
                } else {
                    v
                };
                assert_eq!(memo.get(v).to_bits(), key_weight(v).to_bits(), "{v}");
            }
        }
        assert_eq!(memo.get(0.0), 0.0);
        assert_eq!(memo.get(1e6), KEY_WEIGHT_CAP);
    }
}
