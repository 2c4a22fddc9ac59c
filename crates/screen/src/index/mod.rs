//! The in-memory screening index.
//!
//! Alerts are kept in compact [`entry`] form in slots; inverted postings
//! map candidate [`keys`] (name-token pairs, token × birth year, document
//! numbers, plates, VINs) to slots. A check looks its keys up, ranks the
//! candidates by a cheap pre-score (keys shared, date of birth, sex,
//! nationality, identifiers), analyses the names of the best
//! [`PRESELECT`] again and scores them in full. Upserts and removals
//! change the postings in place: the index follows every alert change
//! without a rebuild.

mod entry;
mod keys;
mod name_table;
mod score;
pub(crate) mod snapshot;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use veza_model::{Alert, DatePrecision, PartialDate};
use veza_names::AnalysedName;

use crate::hash::FastMap;
use crate::hit::Hit;
use crate::query::Query;
use entry::{Entry, StoredName, stored_names};
use keys::{
    TAG_DOCUMENT, TAG_PLATE, TAG_VIN, TokenKeys, date_key, identifier_key, pair_keys, token_keys,
    year_keys,
};
use name_table::{NameId, NameTable};
use score::{CandidateWeight, KeyKind, KeyWeightMemo, PreparedQuery, ScoredCandidate};

/// Default number of candidates scored in full per check: the pre-score
/// puts the true alert well inside this many in the synthetic evaluation
/// (docs/screening.md). [`Index::set_preselect`] trades recall for time.
pub const PRESELECT: usize = 24;

/// Candidates beyond the preselected ones are scored too when all their
/// names were analysed already, up to this many times [`PRESELECT`].
const POOL_FACTOR: usize = 4;

/// Alerts analysed per parallel batch during a bulk build; bounds the
/// memory held by keys not yet inserted.
const BUILD_BATCH: usize = 100_000;

/// Name posting lists up to this length are read whole. Longer pair lists
/// (a common name pair among millions of alerts) are read only for alerts
/// born within [`YEAR_WINDOW`] years of the query, or of unknown birth,
/// when the query has a date of birth: outside the window the date
/// conflicts, and such a namesake cannot outrank the many namesakes of a
/// common name whose dates agree. Longer token × year lists (every
/// Mohammad born in 1990) are read only at the query's full date, its
/// day/month swap and the placeholder 1 January; for a query without a
/// full date they are skipped, since one common name part and a year are
/// no evidence.
const SCAN_WHOLE_LIST: usize = 2048;
/// Entries read from a pair list by a query without a date of birth: a
/// name shared by more alerts than this cannot be told apart without one,
/// and reading them all would hold up every other check.
const NO_DATE_SCAN_LIMIT: usize = 4096;
/// Posting entries read per check at most, over all its keys: bounds the
/// slowest check whatever the name.
const SCAN_BUDGET: usize = 20_000;
/// Date-of-birth lists are read only up to this length (a few dozen
/// alerts per date per million; more means a date shared by a cohort, such
/// as a registration default, which tells nothing).
const DATE_LIST_LIMIT: usize = 1024;
/// Years either side of the query's birth year read in long pair lists.
const YEAR_WINDOW: u16 = 3;

/// Sex (bits 0–1: none, male, female, unknown) and the first nationality
/// (bits 2–11, five bits a letter; 0 for none) in 16 bits.
pub(crate) fn traits_code(e: &Entry) -> u16 {
    let sex = match e.sex {
        None => 0,
        Some(veza_model::Sex::Male) => 1,
        Some(veza_model::Sex::Female) => 2,
        Some(veza_model::Sex::Unknown) => 3,
    };
    sex | e.nationalities.first().map_or(0, |c| country_code(*c) << 2)
}

/// A country as ten bits (0 never occurs for a real code).
pub(crate) fn country_code(c: veza_model::CountryCode) -> u16 {
    let b = c.as_str().as_bytes();
    let letter = |i: usize| {
        b.get(i)
            .map_or(0, |&x| u16::from(x.saturating_sub(b'A') + 1) & 31)
    };
    (letter(0) << 5) | letter(1)
}

/// The inverse of [`date_code`].
fn decode_date(code: u32) -> Option<PartialDate> {
    if code == 0 {
        return None;
    }
    let part = |x: u32| u8::try_from(x).ok().filter(|&v| v != 0);
    Some(PartialDate {
        year: u16::try_from(code >> 9).unwrap_or(0),
        month: part((code >> 5) & 15),
        day: part(code & 31),
    })
}

/// A date of birth as one sortable number: year, month (0 unknown), day
/// (0 unknown); 0 for no date. Name postings are ordered by it.
fn date_code(d: Option<PartialDate>) -> u32 {
    d.map_or(0, |d| {
        (u32::from(d.year) << 9)
            | (u32::from(d.month.unwrap_or(0)) << 5)
            | u32::from(d.day.unwrap_or(0))
    })
}

/// An in-memory index over active alerts. `Send + Sync`: share it behind
/// an `RwLock`; checks take `&self`.
#[derive(Debug, Default)]
pub struct Index {
    slots: Vec<Option<Entry>>,
    free: Vec<u32>,
    /// The alerts' names, each distinct one once.
    name_table: NameTable,
    by_id: FastMap<Box<str>, u32>,
    /// Name keys (pairs and token × year) to slots.
    names: FastMap<u64, Vec<u32>>,
    /// Document numbers, plates and VINs to slots.
    identifiers: FastMap<u64, Vec<u32>>,
    actions: Vec<Box<str>>,
    action_ids: FastMap<Box<str>, u16>,
    /// Candidates scored in full per check; 0 means [`PRESELECT`].
    preselect: usize,
    /// The compact codes of each slot (see [`SlotCodes`]).
    codes: Vec<SlotCodes>,
}

/// What the pre-score and the posting order read of a slot, side by side:
/// a check gathers them for tens of thousands of candidates, and at
/// millions of alerts each read is a cache miss, so one line per
/// candidate instead of one per array is about half the gather.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SlotCodes {
    /// [`date_code`] of the birth date: the order of name postings.
    birth: u32,
    /// [`traits_code`] of sex and first nationality.
    traits: u16,
}

/// Alert names analysed during one check, with the best query name and
/// its similarity for each.
type NameMemo = FastMap<NameId, (AnalysedName, Option<(usize, f64)>)>;

/// Keys a batch of alerts on all cores, in input order; `caches` holds one
/// token-key cache per worker and lives across the batches of a build.
fn key_in_parallel(batch: &[Alert], caches: &mut Vec<TokenKeyCache>) -> Vec<Keyed> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    caches.resize_with(threads, TokenKeyCache::default);
    let next = AtomicUsize::new(0);
    let chunk = batch.len().div_ceil(threads * 8).max(1);
    let mut parts: Vec<(usize, Vec<Keyed>)> = std::thread::scope(|s| {
        let workers: Vec<_> = caches
            .iter_mut()
            .map(|cache| {
                let next = &next;
                s.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(chunk, Ordering::Relaxed);
                        if start >= batch.len() {
                            break done;
                        }
                        let end = (start + chunk).min(batch.len());
                        let keyed = batch[start..end].iter().map(|a| keyed(a, cache));
                        done.push((start, keyed.collect()));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    // Input order decides which of two alerts with one id wins.
    parts.sort_unstable_by_key(|(start, _)| *start);
    parts.into_iter().flat_map(|(_, k)| k).collect()
}

/// Keys of one entry, computed away from the index so that bulk builds can
/// run in parallel.
struct Keyed {
    entry: Entry,
    /// The entry's names, interned on insertion.
    stored: Vec<StoredName>,
    action: String,
    names: Vec<u64>,
    identifiers: Vec<u64>,
}

/// Token keys of names already analysed during a build: alert lists
/// repeat full names (every "MOHAMMAD AHMADI"), and analysis is the
/// dearest step of a build. One per worker, kept across batches; bounded,
/// and cleared when full.
#[derive(Default)]
struct TokenKeyCache(FastMap<StoredName, Arc<Vec<TokenKeys>>>);

/// Entries per worker's cache (a few hundred bytes each).
const TOKEN_KEY_CACHE_LIMIT: usize = 500_000;

impl TokenKeyCache {
    fn get(&mut self, name: &StoredName) -> Arc<Vec<TokenKeys>> {
        if let Some(t) = self.0.get(name) {
            return t.clone();
        }
        if self.0.len() >= TOKEN_KEY_CACHE_LIMIT {
            self.0.clear();
        }
        let t = Arc::new(token_keys(&name.analyse()));
        self.0.insert(name.clone(), t.clone());
        t
    }
}

fn keys_of<'a>(
    entry: &Entry,
    stored: impl IntoIterator<Item = &'a StoredName>,
) -> (Vec<u64>, Vec<u64>) {
    keys_of_cached(entry, stored, &mut TokenKeyCache::default())
}

/// Name keys and identifier keys of an entry whose names are `stored`.
fn keys_of_cached<'a>(
    entry: &Entry,
    stored: impl IntoIterator<Item = &'a StoredName>,
    cache: &mut TokenKeyCache,
) -> (Vec<u64>, Vec<u64>) {
    let mut names = Vec::new();
    let mut named = false;
    for n in stored {
        named = true;
        let tokens = cache.get(n);
        pair_keys(&tokens, &mut names);
        if let Some(d) = entry.dob {
            year_keys(&tokens, d.year, &mut names);
        }
    }
    if named && let Some(k) = entry.dob.and_then(date_key) {
        names.push(k);
    }
    names.sort_unstable();
    names.dedup();
    let mut ids: Vec<u64> = entry
        .documents
        .iter()
        .map(|d| identifier_key(TAG_DOCUMENT, d))
        .collect();
    if !entry.plate.is_empty() {
        ids.push(identifier_key(TAG_PLATE, &entry.plate));
    }
    if !entry.vin.is_empty() {
        ids.push(identifier_key(TAG_VIN, &entry.vin));
    }
    ids.sort_unstable();
    ids.dedup();
    (names, ids)
}

fn keyed(alert: &Alert, cache: &mut TokenKeyCache) -> Keyed {
    let entry = Entry::from_alert(alert, 0);
    let stored = stored_names(alert);
    let (names, identifiers) = keys_of_cached(&entry, &stored, cache);
    Keyed {
        entry,
        stored,
        action: alert.action.clone(),
        names,
        identifiers,
    }
}

impl Index {
    /// An empty index.
    pub fn new() -> Self {
        Index::default()
    }

    /// An index over `alerts`, analysed on all available cores.
    pub fn build(alerts: impl IntoIterator<Item = Alert>) -> Self {
        let mut index = Index::new();
        index.extend(alerts);
        index
    }

    /// Adds or replaces many alerts, analysing them on all available cores
    /// in batches (the input is consumed lazily, so it need not sit in
    /// memory at once).
    pub fn extend(&mut self, alerts: impl IntoIterator<Item = Alert>) {
        let mut alerts = alerts.into_iter();
        let mut caches = Vec::new();
        loop {
            let batch: Vec<Alert> = alerts.by_ref().take(BUILD_BATCH).collect();
            if batch.is_empty() {
                break;
            }
            let keyed = key_in_parallel(&batch, &mut caches);
            drop(batch);
            // Name postings of the batch are gathered as (key, slot) and
            // sorted by key, so that each key's list is found once per
            // batch and grows once, instead of a hash lookup and a push
            // (two cache misses) per posting.
            let mut pending: Vec<(u64, u32)> =
                Vec::with_capacity(keyed.iter().map(|k| k.names.len()).sum());
            for mut k in keyed {
                if self.by_id.contains_key(&*k.entry.id) {
                    // A repeated id replaces the earlier alert, whose
                    // postings must be in place to be removed.
                    self.post_pending(&mut pending);
                }
                let names = std::mem::take(&mut k.names);
                let slot = self.insert(k, false);
                pending.extend(names.into_iter().map(|key| (key, slot)));
            }
            self.post_pending(&mut pending);
        }
        self.sort_postings();
    }

    /// Appends gathered name postings to their lists (unsorted: a
    /// [`Index::sort_postings`] must follow).
    fn post_pending(&mut self, pending: &mut Vec<(u64, u32)>) {
        pending.sort_unstable_by_key(|p| p.0);
        for run in pending.chunk_by(|a, b| a.0 == b.0) {
            self.names
                .entry(run[0].0)
                .or_default()
                .extend(run.iter().map(|p| p.1));
        }
        pending.clear();
    }

    /// Adds an alert, or replaces the alert with the same id.
    pub fn upsert(&mut self, alert: Alert) {
        self.insert(keyed(&alert, &mut TokenKeyCache::default()), true);
    }

    /// Removes the alert with this id; false if there was none.
    pub fn remove(&mut self, alert_id: &str) -> bool {
        let Some(slot) = self.by_id.remove(alert_id) else {
            return false;
        };
        let Some(entry) = self.slots[slot as usize].take() else {
            return false;
        };
        let (names, ids) = keys_of(&entry, self.stored(&entry));
        unpost(&mut self.names, &names, slot);
        unpost(&mut self.identifiers, &ids, slot);
        for &id in entry.names.iter() {
            self.name_table.release(id);
        }
        self.free.push(slot);
        true
    }

    /// Sets how many candidates, ranked by the pre-score, are scored in
    /// full per check (at least `top` always are). Higher finds more of the
    /// hard variants and costs time linearly.
    pub fn set_preselect(&mut self, candidates: usize) {
        self.preselect = candidates;
    }

    /// Orders every name posting list by (birth year, slot), so that a
    /// check reads only the years near the query's in a long list. Already
    /// sorted prefixes make this linear after an incremental batch.
    fn sort_postings(&mut self) {
        let codes = &self.codes;
        let lists: Vec<&mut Vec<u32>> = self.names.values_mut().collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per = lists.len().div_ceil(threads).max(1);
        let mut lists = lists;
        std::thread::scope(|s| {
            for part in lists.chunks_mut(per) {
                s.spawn(move || {
                    for list in part {
                        list.sort_by_key(|&s| (codes[s as usize].birth, s));
                        list.shrink_to_fit();
                    }
                });
            }
        });
    }

    /// Number of alerts in the index.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether the index holds no alert.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Whether an alert with this id is in the index.
    pub fn contains(&self, alert_id: &str) -> bool {
        self.by_id.contains_key(alert_id)
    }

    /// Number of distinct keys and of postings (slot references), for
    /// memory accounting.
    pub fn key_stats(&self) -> (usize, usize) {
        let keys = self.names.len() + self.identifiers.len();
        let postings = self.names.values().map(Vec::len).sum::<usize>()
            + self.identifiers.values().map(Vec::len).sum::<usize>();
        (keys, postings)
    }

    /// Number of distinct alert names held (namesakes share one).
    pub fn distinct_names(&self) -> usize {
        self.name_table.len()
    }

    /// Inserts keyed alert; `sorted` keeps the postings in order at once
    /// (single updates), otherwise [`Index::sort_postings`] must follow.
    fn insert(&mut self, k: Keyed, sorted: bool) -> u32 {
        if self.by_id.contains_key(&*k.entry.id) {
            self.remove(&k.entry.id.clone());
        }
        let action = self.intern_action(&k.action);
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                let s = u32::try_from(self.slots.len()).expect("fewer than 2^32 alerts");
                self.slots.push(None);
                s
            }
        };
        let birth = date_code(k.entry.dob);
        if self.codes.len() <= slot as usize {
            self.codes.resize(slot as usize + 1, SlotCodes::default());
        }
        self.codes[slot as usize] = SlotCodes {
            birth,
            traits: traits_code(&k.entry),
        };
        for key in k.names {
            let list = self.names.entry(key).or_default();
            if sorted {
                let codes = &self.codes;
                let at = list.partition_point(|&s| (codes[s as usize].birth, s) < (birth, slot));
                list.insert(at, slot);
            } else {
                list.push(slot);
            }
        }
        for key in k.identifiers {
            self.identifiers.entry(key).or_default().push(slot);
        }
        let mut entry = k.entry;
        entry.action = action;
        entry.names = k
            .stored
            .into_iter()
            .map(|n| self.name_table.intern(n))
            .collect();
        self.by_id.insert(entry.id.clone(), slot);
        self.slots[slot as usize] = Some(entry);
        slot
    }

    fn intern_action(&mut self, action: &str) -> u16 {
        if let Some(&i) = self.action_ids.get(action) {
            return i;
        }
        // Actions are a short vocabulary; should a feed exceed it, further
        // ones share the last slot rather than fail.
        let i = u16::try_from(self.actions.len()).unwrap_or(u16::MAX);
        if i < u16::MAX {
            self.actions.push(action.into());
            self.action_ids.insert(action.into(), i);
        }
        i
    }

    /// The names of an entry, as stored.
    fn stored<'a>(&'a self, entry: &'a Entry) -> impl Iterator<Item = &'a StoredName> + 'a {
        entry.names.iter().map(|&id| self.name_table.get(id))
    }

    fn action(&self, i: u16) -> &str {
        self.actions.get(usize::from(i)).map_or("", |a| a)
    }

    /// Checks a person, document or vehicle against every alert: up to
    /// `top` hits, best first, ranks from 1.
    pub fn check(&self, query: &Query, top: usize) -> Vec<Hit> {
        if top == 0 {
            return Vec::new();
        }
        let prepared = PreparedQuery::new(query);
        let candidates: Vec<(u32, CandidateWeight)> =
            self.candidates(&prepared).into_iter().collect();
        // The pre-score reads only the compact per-slot codes: touching
        // every candidate's entry would cost a cache miss each. Even this
        // array is tens of megabytes at millions of alerts, so the codes
        // are gathered first, in a loop that does nothing but load: the
        // processor then keeps many of those misses in flight at once,
        // where a loop that also works out each pre-score waits on them
        // nearly one by one (p50 at 1M alerts 0.51 to 0.36 ms, HTTP checks
        // at 10M alerts 722 to about 1,150 per second).
        let codes: Vec<SlotCodes> = candidates
            .iter()
            .map(|&(slot, _)| self.codes[slot as usize])
            .collect();
        let mut names = KeyWeightMemo::default();
        let mut pre: Vec<(f64, u32)> = candidates
            .iter()
            .zip(&codes)
            .map(|(&(slot, weight), c)| {
                let dob = decode_date(c.birth);
                (prepared.pre_score(dob, c.traits, weight, &mut names), slot)
            })
            .collect();
        let preselect = if self.preselect == 0 {
            PRESELECT
        } else {
            self.preselect
        };
        let keep = preselect.max(top);
        // The best `keep` by pre-score are scored in full; so is every
        // further candidate of a larger pool whose names have all been
        // analysed already: namesakes share name strings, so they cost a
        // lookup, not an analysis, and ties among them are no longer cut
        // at random by the pre-score.
        let pool = keep.saturating_mul(POOL_FACTOR);
        // Namesakes tie on the pre-score. Ties are cut in an order fixed by
        // the slot but unrelated to it (slots follow the order alerts were
        // added in), and the same at the pool's edge as within it, so the
        // cut depends neither on the candidate map's layout nor on age.
        let order = |a: &(f64, u32), b: &(f64, u32)| {
            b.0.total_cmp(&a.0)
                .then(tie_order(a.1).cmp(&tie_order(b.1)))
        };
        if pre.len() > pool {
            pre.select_nth_unstable_by(pool - 1, order);
            pre.truncate(pool);
        }
        pre.sort_unstable_by(order);
        let mut memo: NameMemo = FastMap::default();
        let mut scored: Vec<ScoredCandidate> = Vec::with_capacity(keep);
        for (i, &(_, slot)) in pre.iter().enumerate() {
            let Some(entry) = self.slots[slot as usize].as_ref() else {
                continue;
            };
            if i >= keep && !entry.names.iter().all(|n| memo.contains_key(n)) {
                continue;
            }
            let per_name: Vec<Option<(usize, f64)>> = entry
                .names
                .iter()
                .map(|&n| {
                    memo.entry(n)
                        .or_insert_with(|| {
                            let analysed = self.name_table.get(n).analyse();
                            let best = prepared.best_name(&analysed);
                            (analysed, best)
                        })
                        .1
                })
                .collect();
            scored.push(prepared.score(slot, entry, per_name.into_iter()));
        }
        for c in &mut scored {
            if prepared.wants_partial_name(c)
                && let Some(entry) = self.slots[c.slot as usize].as_ref()
            {
                let names = entry.names.iter().filter_map(|n| memo.get(n).map(|m| &m.0));
                prepared.apply_partial_name(c, names);
            }
        }
        self.rank(&prepared, scored, top, &memo)
    }

    /// Scores every alert in the index against each query, ignoring the
    /// candidate keys: the recall ceiling for evaluations, far too slow
    /// for checks. Each alert's names are analysed once for all queries.
    pub fn check_exhaustive(&self, queries: &[Query], top: usize) -> Vec<Vec<Hit>> {
        let prepared: Vec<PreparedQuery> = queries.iter().map(PreparedQuery::new).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per = self.slots.len().div_ceil(threads).max(1);
        let partial: Vec<Vec<Vec<ScoredCandidate>>> = std::thread::scope(|s| {
            let workers: Vec<_> = self
                .slots
                .chunks(per)
                .enumerate()
                .map(|(c, chunk)| {
                    let prepared = &prepared;
                    s.spawn(move || {
                        let mut best: Vec<Vec<ScoredCandidate>> = vec![Vec::new(); prepared.len()];
                        for (i, entry) in chunk.iter().enumerate() {
                            let Some(entry) = entry else { continue };
                            let slot = u32::try_from(c * per + i).unwrap_or(u32::MAX);
                            let names: Vec<_> =
                                self.stored(entry).map(StoredName::analyse).collect();
                            for (q, b) in prepared.iter().zip(best.iter_mut()) {
                                let per_name = names.iter().map(|n| q.best_name(n));
                                let mut c = q.score(slot, entry, per_name);
                                q.apply_partial_name(&mut c, names.iter());
                                b.push(c);
                                if b.len() >= 4 * top.max(1) + 64 {
                                    score::keep_best(b, top);
                                }
                            }
                        }
                        for b in &mut best {
                            score::keep_best(b, top);
                        }
                        best
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_default())
                .collect()
        });
        prepared
            .iter()
            .enumerate()
            .map(|(q, p)| {
                let all: Vec<ScoredCandidate> = partial
                    .iter()
                    .flat_map(|part| part.get(q).into_iter().flatten().cloned())
                    .collect();
                self.rank(p, all, top, &FastMap::default())
            })
            .collect()
    }

    /// Candidate slots with the weight of the keys they share.
    fn candidates<'a>(&'a self, q: &PreparedQuery) -> FastMap<u32, CandidateWeight> {
        let dob = q.date_of_birth();
        let birth = |s: &u32| self.codes[*s as usize].birth;
        // Most selective lists first, so that the budget, if it runs out,
        // cuts the least informative ones.
        let mut lists: Vec<(&[u32], KeyKind)> = q
            .name_keys
            .iter()
            .filter_map(|&(key, kind)| Some((self.names.get(&key)?.as_slice(), kind)))
            .collect();
        lists.sort_by_key(|(l, _)| l.len());
        // The parts of the lists to scan are chosen first, so that the map
        // can be sized once: grown step by step, rehashing cost a twentieth
        // of a check at 10M alerts.
        let mut parts: Vec<(&[u32], f32)> = Vec::with_capacity(2 * lists.len());
        let mut budget = SCAN_BUDGET;
        for (slots, kind) in lists {
            let weight = kind.weight();
            let mut add = |part: &'a [u32]| {
                let part = &part[..part.len().min(budget)];
                budget -= part.len();
                parts.push((part, weight));
            };
            if kind == KeyKind::Date {
                if slots.len() <= DATE_LIST_LIMIT {
                    add(slots);
                }
                continue;
            }
            if slots.len() <= SCAN_WHOLE_LIST {
                add(slots);
                continue;
            }
            // Alerts without a date of birth sort first (code 0).
            let range = |lo: u32, hi: u32| {
                let from = slots.partition_point(|s| birth(s) < lo);
                let to = slots.partition_point(|s| birth(s) < hi);
                &slots[from..to]
            };
            match (kind, dob) {
                (KeyKind::Pair, None) => add(&slots[..slots.len().min(NO_DATE_SCAN_LIMIT)]),
                (KeyKind::Pair, Some(d)) => {
                    add(range(0, 1));
                    // Very long lists: only the neighbouring years.
                    let window = if slots.len() > 8 * SCAN_WHOLE_LIST {
                        1
                    } else {
                        YEAR_WINDOW
                    };
                    let lo = d.year.saturating_sub(window).max(1);
                    let hi = d.year.saturating_add(window + 1);
                    add(range(u32::from(lo) << 9, u32::from(hi) << 9));
                }
                (KeyKind::Year, Some(d))
                    if d.precision() == DatePrecision::Day && !d.is_placeholder() =>
                {
                    let (m, day) = (d.month.unwrap_or(0), d.day.unwrap_or(0));
                    let mut dates = vec![(m, day), (1, 1), (m, 0), (0, 0)];
                    if day <= 12 {
                        dates.push((day, m));
                    }
                    dates.sort_unstable();
                    dates.dedup();
                    for (mm, dd) in dates {
                        let code = date_code(Some(PartialDate {
                            year: d.year,
                            month: Some(mm).filter(|&x| x != 0),
                            day: Some(dd).filter(|&x| x != 0),
                        }));
                        add(range(code, code + 1));
                    }
                }
                _ => {}
            }
        }
        let identifiers: Vec<&[u32]> = q
            .identifier_keys
            .iter()
            .filter_map(|key| self.identifiers.get(key).map(Vec::as_slice))
            .collect();
        let mut out: FastMap<u32, CandidateWeight> = FastMap::default();
        out.reserve(
            parts.iter().map(|(p, _)| p.len()).sum::<usize>()
                + identifiers.iter().map(|p| p.len()).sum::<usize>(),
        );
        for (part, weight) in parts {
            for &s in part {
                out.entry(s).or_default().names += weight;
            }
        }
        for slots in identifiers {
            for &s in slots {
                out.entry(s).or_default().identifier = true;
            }
        }
        out
    }

    /// Orders scored candidates and makes the hits; `analysed` holds the
    /// alert names already analysed by the check, reused for explanations.
    fn rank(
        &self,
        q: &PreparedQuery,
        mut scored: Vec<ScoredCandidate>,
        top: usize,
        analysed: &NameMemo,
    ) -> Vec<Hit> {
        let id = |s: &ScoredCandidate| self.slots[s.slot as usize].as_ref().map(|e| &*e.id);
        let order = |a: &ScoredCandidate, b: &ScoredCandidate| {
            b.score.total_cmp(&a.score).then_with(|| id(a).cmp(&id(b)))
        };
        if scored.len() > top && top > 0 {
            scored.select_nth_unstable_by(top - 1, order);
            scored.truncate(top);
        }
        scored.sort_by(order);
        scored.truncate(top);
        scored
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let entry = self.slots[s.slot as usize].as_ref()?;
                Some(q.hit(entry, &s, i + 1, self.action(entry.action), |n| {
                    analysed
                        .get(&n)
                        .map_or_else(|| self.name_table.get(n).analyse(), |a| a.0.clone())
                }))
            })
            .collect()
    }
}

/// A permutation of slots for cutting ties between equal pre-scores:
/// multiplying by an odd constant and folding the high half down are both
/// one-to-one, so no two slots tie, and any run of slots (the oldest
/// alerts, or the newest) spreads evenly over the order. Cheap, because a
/// check with many namesakes calls it in most comparisons of its cut (an
/// integer hash of five steps, computed once per candidate, made checks at
/// 10M alerts 5–8 % slower with the same recall).
fn tie_order(slot: u32) -> u32 {
    let x = slot.wrapping_mul(0x9E37_79B9);
    x ^ (x >> 16)
}

fn unpost(map: &mut FastMap<u64, Vec<u32>>, keys: &[u64], slot: u32) {
    for key in keys {
        if let Some(list) = map.get_mut(key) {
            list.retain(|&s| s != slot);
            if list.is_empty() {
                map.remove(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_send_and_sync() {
        fn assert_both<T: Send + Sync>() {}
        assert_both::<Index>();
    }

    #[test]
    fn tie_order_is_one_to_one_and_unrelated_to_age() {
        let n = 1u32 << 20;
        let mut seen = std::collections::HashSet::with_capacity(n as usize);
        assert!(
            (0..n).all(|s| seen.insert(tie_order(s))),
            "no two slots tie"
        );
        // The oldest and the newest alerts spread evenly over the order:
        // as many of them in its first half as in its second.
        for run in [0..50_000u32, n - 50_000..n] {
            let first_half = run.clone().filter(|&s| tie_order(s) < u32::MAX / 2).count();
            assert!(
                (24_000..26_000).contains(&first_half),
                "{run:?}: {first_half}"
            );
        }
    }
}
