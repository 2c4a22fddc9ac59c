//! Alert names, interned: every distinct name string is kept once and
//! entries refer to it by a [`NameId`].
//!
//! Why: a check keeps the names it has analysed in a memo, and asks it
//! for every candidate in its pool. Keyed by the name itself, each ask
//! hashed the strings, which sat two pointers away from the slot (a cache
//! miss each at millions of alerts): a tenth of a check's time at 10M
//! alerts. Keyed by id, the ask is an integer lookup. Namesakes, the bulk
//! of a large alert list, also share one copy of their name.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::entry::StoredName;
use crate::hash::FastBuild;

/// Index of a name in the [`NameTable`].
pub(crate) type NameId = u32;

/// Distinct alert names with reference counts; a name whose last alert is
/// removed is dropped and its id reused.
#[derive(Debug, Default)]
pub(crate) struct NameTable {
    names: Vec<StoredName>,
    /// Entries referring to each name; 0 for a free id.
    refs: Vec<u32>,
    free: Vec<NameId>,
    /// Ids by the hash of their name.
    lookup: HashTable<NameId>,
}

fn hash_of(name: &StoredName) -> u64 {
    FastBuild::default().hash_one(name)
}

impl NameTable {
    /// The name behind `id`.
    pub(crate) fn get(&self, id: NameId) -> &StoredName {
        &self.names[id as usize]
    }

    /// The id of `name`, adding it if new, and counts one more reference.
    pub(crate) fn intern(&mut self, name: StoredName) -> NameId {
        let hash = hash_of(&name);
        let names = &self.names;
        if let Some(&id) = self.lookup.find(hash, |&id| names[id as usize] == name) {
            self.refs[id as usize] += 1;
            return id;
        }
        let id = match self.free.pop() {
            Some(id) => {
                self.names[id as usize] = name;
                self.refs[id as usize] = 1;
                id
            }
            None => {
                let id = NameId::try_from(self.names.len()).expect("fewer than 2^32 names");
                self.names.push(name);
                self.refs.push(1);
                id
            }
        };
        let names = &self.names;
        self.lookup
            .insert_unique(hash, id, |&i| hash_of(&names[i as usize]));
        id
    }

    /// Counts one reference less to `id`; the last one drops the name.
    pub(crate) fn release(&mut self, id: NameId) {
        let i = id as usize;
        debug_assert!(
            self.refs[i] > 0,
            "name {id} released more often than interned"
        );
        self.refs[i] = self.refs[i].saturating_sub(1);
        if self.refs[i] > 0 {
            return;
        }
        let hash = hash_of(&self.names[i]);
        if let Ok(entry) = self.lookup.find_entry(hash, |&x| x == id) {
            entry.remove();
        }
        self.names[i] = StoredName::empty();
        self.free.push(id);
    }

    /// Number of distinct names held.
    pub(crate) fn len(&self) -> usize {
        self.lookup.len()
    }

    /// Every id in order: its name, or `None` for a free id (a snapshot
    /// keeps ids as they are, so that entries need no renumbering).
    pub(crate) fn by_id(&self) -> impl Iterator<Item = Option<&StoredName>> {
        self.names
            .iter()
            .zip(&self.refs)
            .map(|(n, &r)| (r > 0).then_some(n))
    }

    /// The table of a loaded snapshot: names by id (`None` for free ids)
    /// and the references counted over its entries. A name nothing refers
    /// to is dropped; a name held under two ids is an error.
    pub(crate) fn from_parts(
        names: Vec<Option<StoredName>>,
        refs: Vec<u32>,
    ) -> Result<NameTable, String> {
        let mut table = NameTable {
            names: Vec::with_capacity(names.len()),
            refs,
            free: Vec::new(),
            lookup: HashTable::with_capacity(names.len()),
        };
        for (i, name) in names.into_iter().enumerate() {
            let id = NameId::try_from(i).map_err(|_| "too many names".to_owned())?;
            match name {
                Some(name) if table.refs[i] > 0 => {
                    let hash = hash_of(&name);
                    let names = &table.names;
                    if table
                        .lookup
                        .find(hash, |&other| names[other as usize] == name)
                        .is_some()
                    {
                        return Err(format!("name {id} is held twice"));
                    }
                    table.names.push(name);
                    let names = &table.names;
                    table
                        .lookup
                        .insert_unique(hash, id, |&x| hash_of(&names[x as usize]));
                }
                _ => {
                    table.names.push(StoredName::empty());
                    table.refs[i] = 0;
                    table.free.push(id);
                }
            }
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(given: &str, family: &str) -> StoredName {
        StoredName {
            given: given.into(),
            family: family.into(),
            whole: false,
        }
    }

    #[test]
    fn equal_names_share_an_id_until_the_last_release() {
        let mut t = NameTable::default();
        let a = t.intern(name("Jovan", "Petrović"));
        let b = t.intern(name("Jovan", "Petrović"));
        let c = t.intern(name("Jovana", "Petrović"));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(t.len(), 2);
        t.release(a);
        assert_eq!(t.get(b), &name("Jovan", "Petrović"));
        t.release(b);
        assert_eq!(t.len(), 1);
        // The freed id is reused for the next new name, and the old name
        // is no longer found.
        let d = t.intern(name("Milan", "Marić"));
        assert_eq!(d, a);
        let e = t.intern(name("Jovan", "Petrović"));
        assert_ne!(e, d);
        assert_eq!(t.get(c), &name("Jovana", "Petrović"));
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn a_whole_name_differs_from_the_same_text_in_parts() {
        let mut t = NameTable::default();
        let whole = t.intern(StoredName {
            given: "".into(),
            family: "Ali".into(),
            whole: true,
        });
        let parts = t.intern(name("", "Ali"));
        assert_ne!(whole, parts);
    }
}
