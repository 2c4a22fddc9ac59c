//! Search keys of a record: the names crate's blocking keys of every name
//! that identifies the person, in every script it was written in.

use veza_model::PersonRecord;

/// Deduplicated blocking keys over the record's searchable names, as the
/// signed integers both database backends store.
pub fn record_keys(record: &PersonRecord) -> Vec<i64> {
    let mut keys: Vec<i64> = record
        .searchable_names()
        .flat_map(|name| veza_names::blocking_keys(&veza_names::analyse(&name)))
        .map(|k| k as i64)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Keys of a typed query.
pub fn query_keys(query: &str) -> Vec<i64> {
    veza_names::blocking_keys(&veza_names::analyse(query))
        .into_iter()
        .map(|k| k as i64)
        .collect()
}
