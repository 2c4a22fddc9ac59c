//! Search keys of a record: the names crate's blocking keys of every name
//! that identifies the person, in every script it was written in.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use veza_model::PersonRecord;
use veza_store::{Actor, Store};

/// Deduplicated blocking keys over the record's searchable names, as the
/// signed integers both database backends store.
pub fn record_keys(record: &PersonRecord) -> Vec<i64> {
    record_keys_with(record, |name| name_keys(name).into())
}

/// [`record_keys`], taking each name's keys from `keys_of`.
fn record_keys_with(
    record: &PersonRecord,
    mut keys_of: impl FnMut(&str) -> Arc<[i64]>,
) -> Vec<i64> {
    let mut names: Vec<String> = record.searchable_names().collect();
    // A file's full name column usually repeats its given and family
    // columns: one analysis per distinct string.
    names.sort_unstable();
    names.dedup();
    let mut keys: Vec<i64> = Vec::new();
    for name in &names {
        keys.extend_from_slice(&keys_of(name));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn name_keys(name: &str) -> Vec<i64> {
    veza_names::blocking_keys(&veza_names::analyse(name))
        .into_iter()
        .map(|k| k as i64)
        .collect()
}

/// Brings the store's search keys to the current name matcher: when they
/// were computed with another version (or the store does not say), every
/// record is re-keyed with [`record_keys`] in one audited transaction
/// (`Store::rekey_records`). Imports call this first, so that one store
/// never holds keys of two versions, and so does `veza serve` at start.
/// Returns the number of records re-keyed, `None` when the keys were
/// current.
pub async fn ensure_current(store: &Store, actor: &Actor) -> veza_store::Result<Option<u64>> {
    let current = veza_names::MATCHER_VERSION;
    if store.search_key_matcher().await?.as_deref() == Some(current) {
        return Ok(None);
    }
    let cache = KeyCache::default();
    let n = store
        .rekey_records(actor, current, |record| cache.record_keys(record))
        .await?;
    Ok(Some(n))
}

/// Keys of a typed query.
pub fn query_keys(query: &str) -> Vec<i64> {
    name_keys(query)
}

/// Names analysed during an import, with their keys, shared by the threads
/// that key the file's chunks. Agency files repeat names (every "MOHAMMAD
/// AHMADI", every traveller seen at three crossings), and analysis is the
/// dearest part of reading a record: in the synthetic route data a tenth
/// of a million name strings hold about forty thousand distinct ones.
/// Bounded: cleared when full, so memory stays flat on any file.
#[derive(Debug, Default)]
pub struct KeyCache {
    names: Mutex<HashMap<String, Arc<[i64]>>>,
}

/// Names held by a [`KeyCache`] at most (a few hundred bytes each).
const KEY_CACHE_LIMIT: usize = 200_000;

impl KeyCache {
    /// [`record_keys`] through the cache: the same keys, each distinct name
    /// analysed once while it stays cached.
    pub fn record_keys(&self, record: &PersonRecord) -> Vec<i64> {
        record_keys_with(record, |name| self.name_keys(name))
    }

    fn name_keys(&self, name: &str) -> Arc<[i64]> {
        let lock = || self.names.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(keys) = lock().get(name) {
            return keys.clone();
        }
        // Analysed outside the lock, so that the other thread keying a
        // chunk does not wait on it.
        let keys: Arc<[i64]> = name_keys(name).into();
        let mut names = lock();
        if names.len() >= KEY_CACHE_LIMIT {
            names.clear();
        }
        names.insert(name.to_owned(), keys.clone());
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use veza_model::{NameKind, NameValue};

    fn record(id: &str, names: &[(NameKind, &str)]) -> PersonRecord {
        let mut r = PersonRecord::new(
            id,
            veza_model::Provenance {
                agency: "RS-MUP".into(),
                country: None,
                recorded_at: "2026-11-28T00:00:00Z".into(),
                source_ref: "test".into(),
                handling: Default::default(),
            },
        );
        r.names = names.iter().map(|(k, v)| NameValue::new(*k, *v)).collect();
        r
    }

    #[test]
    fn cached_keys_equal_computed_keys_for_every_record() {
        let cache = KeyCache::default();
        let records = [
            record(
                "A",
                &[
                    (NameKind::Given, "Jovan"),
                    (NameKind::Family, "Petrović"),
                    (NameKind::Full, "Jovan Petrović"),
                ],
            ),
            record(
                "B",
                &[
                    (NameKind::Given, "Јован"),
                    (NameKind::Family, "Петровић"),
                    (NameKind::Alias, "Jovan Petrović"),
                ],
            ),
            record("C", &[(NameKind::Full, "محمد الأحمد")]),
            record("D", &[(NameKind::Full, "Jovan Petrović")]),
            record("E", &[]),
        ];
        // Twice, so that the second round is served from the cache.
        for _ in 0..2 {
            for r in &records {
                assert_eq!(cache.record_keys(r), record_keys(r), "{}", r.id);
            }
        }
        assert!(!record_keys(&records[0]).is_empty());
        assert!(record_keys(&records[4]).is_empty());
    }
}
