//! The on-disk snapshot: a versioned binary image of the index, so that a
//! restart reads postings instead of analysing every alert again.
//!
//! Layout (little-endian; strings are a `u32` byte length and UTF-8):
//!
//! ```text
//! magic "VEZASCRN" | format u32 | matcher version string
//! actions: u32 count, strings
//! names:   u32 count, by id, each: u8 0 free | 1 given and family | 2 whole,
//!          then (unless free) the given and the family string
//! slots:   u32 count, each: u8 present, then the entry fields (its names
//!          as a u32 count and that many u32 name ids)
//! postings ×2 (names, identifiers): u64 count, each: u64 key, u32 n, n × u32 slot
//! end marker "END!"
//! ```
//!
//! Format 1 had no name table: each entry carried its names as strings
//! (u8 whole, given, family). It is still read; names are interned as they
//! are loaded.
//!
//! A newer format is refused with a clear error; a snapshot written by
//! another name-matcher version or key scheme keeps its alerts but its
//! name keys are recomputed, since the keys belong to them. The version
//! string is the matcher's followed by `+` and the key scheme.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use veza_model::{AlertCategory, CountryCode, PartialDate, Sex};

use super::entry::{Entry, StoredName};
use super::name_table::{NameId, NameTable};
use super::{Index, keys_of};
use crate::error::{Error, Result};
use crate::hash::FastMap;

/// First bytes of every snapshot.
pub const MAGIC: &[u8; 8] = b"VEZASCRN";
/// The format this version writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 2;
const END: &[u8; 4] = b"END!";

struct W<T: Write>(T);

impl<T: Write> W<T> {
    fn bytes(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.0.write_all(b)
    }
    fn u8(&mut self, v: u8) -> std::io::Result<()> {
        self.bytes(&[v])
    }
    fn u16(&mut self, v: u16) -> std::io::Result<()> {
        self.bytes(&v.to_le_bytes())
    }
    fn u32(&mut self, v: u32) -> std::io::Result<()> {
        self.bytes(&v.to_le_bytes())
    }
    fn u64(&mut self, v: u64) -> std::io::Result<()> {
        self.bytes(&v.to_le_bytes())
    }
    fn len(&mut self, n: usize) -> std::io::Result<()> {
        let n = u32::try_from(n).map_err(|_| std::io::Error::other("length over 2^32"))?;
        self.u32(n)
    }
    fn str(&mut self, s: &str) -> std::io::Result<()> {
        self.len(s.len())?;
        self.bytes(s.as_bytes())
    }
}

fn sex_code(s: Option<Sex>) -> u8 {
    match s {
        None => 0,
        Some(Sex::Male) => 1,
        Some(Sex::Female) => 2,
        Some(Sex::Unknown) => 3,
    }
}

fn write_names<T: Write>(w: &mut W<T>, table: &NameTable) -> std::io::Result<()> {
    let names: Vec<Option<&StoredName>> = table.by_id().collect();
    w.len(names.len())?;
    for name in names {
        match name {
            None => w.u8(0)?,
            Some(n) => {
                w.u8(if n.whole { 2 } else { 1 })?;
                w.str(&n.given)?;
                w.str(&n.family)?;
            }
        }
    }
    Ok(())
}

fn write_entry<T: Write>(w: &mut W<T>, e: &Entry) -> std::io::Result<()> {
    w.str(&e.id)?;
    w.str(e.category.as_str())?;
    w.len(e.names.len())?;
    for &id in e.names.iter() {
        w.u32(id)?;
    }
    match e.dob {
        None => w.u8(0)?,
        Some(d) => {
            w.u8(1)?;
            w.u16(d.year)?;
            w.u8(d.month.unwrap_or(0))?;
            w.u8(d.day.unwrap_or(0))?;
        }
    }
    w.u8(sex_code(e.sex))?;
    w.len(e.nationalities.len())?;
    for c in e.nationalities.iter() {
        w.bytes(c.as_str().as_bytes())?;
    }
    w.u8(e.markers)?;
    w.u16(e.action)?;
    w.len(e.documents.len())?;
    for d in e.documents.iter() {
        w.str(d)?;
    }
    w.str(&e.plate)?;
    w.str(&e.vin)
}

fn write_postings<T: Write>(w: &mut W<T>, map: &FastMap<u64, Vec<u32>>) -> std::io::Result<()> {
    w.u64(map.len() as u64)?;
    for (key, slots) in map {
        w.u64(*key)?;
        w.len(slots.len())?;
        let bytes: Vec<u8> = slots.iter().flat_map(|s| s.to_le_bytes()).collect();
        w.bytes(&bytes)?;
    }
    Ok(())
}

impl Index {
    /// Writes a snapshot to `path` (through a temporary file renamed into
    /// place, so a crash never leaves half a snapshot under the name).
    pub fn save(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("tmp");
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mut w = W(BufWriter::with_capacity(1 << 20, file));
        let write = |w: &mut W<BufWriter<File>>| -> std::io::Result<()> {
            w.bytes(MAGIC)?;
            w.u32(FORMAT_VERSION)?;
            w.str(&key_version())?;
            w.len(self.actions.len())?;
            for a in &self.actions {
                w.str(a)?;
            }
            write_names(w, &self.name_table)?;
            w.len(self.slots.len())?;
            for slot in &self.slots {
                match slot {
                    None => w.u8(0)?,
                    Some(e) => {
                        w.u8(1)?;
                        write_entry(w, e)?;
                    }
                }
            }
            write_postings(w, &self.names)?;
            write_postings(w, &self.identifiers)?;
            w.bytes(END)?;
            w.0.flush()
        };
        write(&mut w).map_err(|e| Error::io(&tmp, e))?;
        drop(w);
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    }

    /// Reads a snapshot written by [`Index::save`].
    pub fn load(path: &Path) -> Result<Index> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        Index::load_from(BufReader::with_capacity(1 << 20, file), path)
    }

    /// Reads a snapshot from `reader` (buffer it); `path` names it in
    /// errors. Any bytes give an index or an error, never a panic, and a
    /// damaged length cannot make it allocate more than the bytes present
    /// warrant (a fuzz target checks both).
    pub fn load_from(reader: impl Read, path: &Path) -> Result<Index> {
        let mut r = Reader { inner: reader };
        let bad = |reason: String| Error::Snapshot {
            path: path.to_owned(),
            reason,
        };
        let mut magic = [0u8; 8];
        r.exact(&mut magic)
            .map_err(|_| bad("too short to be an index snapshot".into()))?;
        if &magic != MAGIC {
            return Err(bad("not a veza screening index snapshot (bad magic)".into()));
        }
        let version = r.u32().map_err(|e| bad(e.to_string()))?;
        if version > FORMAT_VERSION {
            return Err(bad(format!(
                "snapshot format {version} is newer than this veza reads ({FORMAT_VERSION}); \
                 upgrade veza or rebuild the index from the alerts"
            )));
        }
        if version == 0 {
            return Err(bad("snapshot format 0 does not exist".into()));
        }
        r.body(version)
            .map_err(|e| bad(format!("damaged snapshot: {e}")))
    }
}

struct Reader<T: Read> {
    inner: T,
}

/// An entry's names as a snapshot holds them.
enum EntryNames {
    /// Format 2: ids in the snapshot's name table.
    Ids(Vec<NameId>),
    /// Format 1: the names themselves.
    Inline(Vec<StoredName>),
}

type Io<T> = std::io::Result<T>;

/// Strings up to this many bytes are read with one exact read (a damaged
/// length costs at most this much memory before the read fails).
const SHORT_STRING: usize = 4096;

/// Most items reserved ahead from a count read in the file: beyond, the
/// collections grow as items are really read, so that a damaged count
/// cannot reserve gigabytes.
const RESERVE_LIMIT: usize = 1 << 20;

fn invalid(msg: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg.into())
}

impl<T: Read> Reader<T> {
    fn exact(&mut self, buf: &mut [u8]) -> Io<()> {
        self.inner.read_exact(buf)
    }
    fn u8(&mut self) -> Io<u8> {
        let mut b = [0u8; 1];
        self.exact(&mut b)?;
        Ok(b[0])
    }
    fn u16(&mut self) -> Io<u16> {
        let mut b = [0u8; 2];
        self.exact(&mut b)?;
        Ok(u16::from_le_bytes(b))
    }
    fn u32(&mut self) -> Io<u32> {
        let mut b = [0u8; 4];
        self.exact(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn u64(&mut self) -> Io<u64> {
        let mut b = [0u8; 8];
        self.exact(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn len(&mut self) -> Io<usize> {
        Ok(self.u32()? as usize)
    }
    fn string(&mut self) -> Io<String> {
        let n = self.len()?;
        let mut buf = Vec::new();
        if n <= SHORT_STRING {
            // Ids, names, codes: a copy out of the read buffer.
            buf.resize(n, 0);
            self.exact(&mut buf)?;
        } else {
            // `take` bounds the allocation by the bytes really present, so
            // that a damaged length cannot ask for gigabytes.
            (&mut self.inner).take(n as u64).read_to_end(&mut buf)?;
            if buf.len() != n {
                return Err(invalid("string runs past the end"));
            }
        }
        String::from_utf8(buf).map_err(|_| invalid("string is not UTF-8"))
    }
    fn boxed(&mut self) -> Io<Box<str>> {
        Ok(self.string()?.into_boxed_str())
    }

    fn stored_name(&mut self, whole: bool) -> Io<StoredName> {
        let given = self.boxed()?;
        let family = self.boxed()?;
        Ok(StoredName {
            given,
            family,
            whole,
        })
    }

    /// The name table of format 2, by id.
    fn names(&mut self) -> Io<Vec<Option<StoredName>>> {
        let n = self.len()?;
        let mut names = Vec::with_capacity(n.min(RESERVE_LIMIT));
        for _ in 0..n {
            names.push(match self.u8()? {
                0 => None,
                1 => Some(self.stored_name(false)?),
                2 => Some(self.stored_name(true)?),
                other => return Err(invalid(format!("name tag {other}"))),
            });
        }
        Ok(names)
    }

    /// An entry and its names: ids into the table (format 2) or the
    /// strings themselves (format 1).
    fn entry(&mut self, version: u32) -> Io<(Entry, EntryNames)> {
        let id = self.boxed()?;
        let category: AlertCategory = self
            .string()?
            .parse()
            .map_err(|e: veza_model::Error| invalid(e.to_string()))?;
        let n = self.len()?;
        let names = if version >= 2 {
            let mut ids = Vec::with_capacity(n.min(64));
            for _ in 0..n {
                ids.push(self.u32()?);
            }
            EntryNames::Ids(ids)
        } else {
            let mut names = Vec::with_capacity(n.min(64));
            for _ in 0..n {
                let whole = self.u8()? != 0;
                names.push(self.stored_name(whole)?);
            }
            EntryNames::Inline(names)
        };
        let dob = match self.u8()? {
            0 => None,
            _ => {
                let year = self.u16()?;
                let month = Some(self.u8()?).filter(|&m| m != 0);
                let day = Some(self.u8()?).filter(|&d| d != 0);
                Some(PartialDate { year, month, day })
            }
        };
        let sex = match self.u8()? {
            0 => None,
            1 => Some(Sex::Male),
            2 => Some(Sex::Female),
            3 => Some(Sex::Unknown),
            other => return Err(invalid(format!("sex code {other}"))),
        };
        let n = self.len()?;
        let mut nationalities = Vec::with_capacity(n.min(16));
        for _ in 0..n {
            let mut b = [0u8; 2];
            self.exact(&mut b)?;
            let s = std::str::from_utf8(&b).map_err(|_| invalid("country code"))?;
            let c: CountryCode = s.parse().map_err(|_| invalid(format!("country {s:?}")))?;
            nationalities.push(c);
        }
        let markers = self.u8()?;
        let action = self.u16()?;
        let n = self.len()?;
        let mut documents = Vec::with_capacity(n.min(16));
        for _ in 0..n {
            documents.push(self.boxed()?);
        }
        let plate = self.boxed()?;
        let vin = self.boxed()?;
        let entry = Entry {
            id,
            category,
            names: Box::default(),
            dob,
            sex,
            nationalities: nationalities.into(),
            markers,
            action,
            documents: documents.into(),
            plate,
            vin,
        };
        Ok((entry, names))
    }

    fn postings(&mut self, slots: usize) -> Io<FastMap<u64, Vec<u32>>> {
        let n = self.u64()?;
        let mut map = FastMap::default();
        map.reserve(usize::try_from(n).unwrap_or(0).min(RESERVE_LIMIT));
        let mut buf = Vec::new();
        for _ in 0..n {
            let key = self.u64()?;
            let len = self.len()?;
            // A list is read in one go (hundreds of millions of postings
            // at 10M alerts: one read call each would dominate a restart);
            // `take` bounds the buffer by the bytes really present.
            buf.clear();
            (&mut self.inner)
                .take(len as u64 * 4)
                .read_to_end(&mut buf)?;
            if buf.len() != len * 4 {
                return Err(invalid("posting list runs past the end"));
            }
            let list: Vec<u32> = buf
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            if let Some(&s) = list.iter().find(|&&s| s as usize >= slots) {
                return Err(invalid(format!("posting to slot {s} of {slots}")));
            }
            map.insert(key, list);
        }
        Ok(map)
    }

    fn body(&mut self, version: u32) -> Io<Index> {
        let matcher = self.string()?;
        let mut index = Index::new();
        let n = self.len()?;
        for i in 0..n {
            let a = self.boxed()?;
            index
                .action_ids
                .insert(a.clone(), u16::try_from(i).unwrap_or(u16::MAX));
            index.actions.push(a);
        }
        let table = if version >= 2 {
            self.names()?
        } else {
            Vec::new()
        };
        let mut refs = vec![0u32; table.len()];
        let n = self.len()?;
        index.slots.reserve(n.min(RESERVE_LIMIT));
        for slot in 0..n {
            let s = u32::try_from(slot).map_err(|_| invalid("too many slots"))?;
            if self.u8()? == 0 {
                index.slots.push(None);
                index.free.push(s);
                index.codes.push(super::SlotCodes::default());
            } else {
                let (mut e, names) = self.entry(version)?;
                e.names = match names {
                    EntryNames::Inline(names) => names
                        .into_iter()
                        .map(|n| index.name_table.intern(n))
                        .collect(),
                    EntryNames::Ids(ids) => {
                        for &id in &ids {
                            match table.get(id as usize) {
                                Some(Some(_)) => refs[id as usize] += 1,
                                _ => return Err(invalid(format!("unknown name {id}"))),
                            }
                        }
                        ids.into()
                    }
                };
                index.codes.push(super::SlotCodes {
                    birth: super::date_code(e.dob),
                    traits: super::traits_code(&e),
                });
                if index.by_id.insert(e.id.clone(), s).is_some() {
                    return Err(invalid(format!("alert {} twice", e.id)));
                }
                index.slots.push(Some(e));
            }
        }
        if version >= 2 {
            index.name_table = NameTable::from_parts(table, refs).map_err(invalid)?;
        }
        index.names = self.postings(n)?;
        index.identifiers = self.postings(n)?;
        let mut end = [0u8; 4];
        self.exact(&mut end)?;
        if &end != END {
            return Err(invalid("missing end marker"));
        }
        if matcher != key_version() {
            index.rekey_names();
        }
        Ok(index)
    }
}

/// The matcher version and the index's key scheme, as written into a
/// snapshot: name keys belong to both.
fn key_version() -> String {
    format!(
        "{}+{}",
        veza_names::MATCHER_VERSION,
        super::keys::KEY_SCHEME
    )
}

impl Index {
    /// Recomputes every name key from the stored names.
    fn rekey_names(&mut self) {
        let mut names: FastMap<u64, Vec<u32>> = FastMap::default();
        for (slot, e) in self.slots.iter().enumerate() {
            if let Some(e) = e {
                let (keys, _) = keys_of(e, self.stored(e));
                for k in keys {
                    names.entry(k).or_default().push(slot as u32);
                }
            }
        }
        self.names = names;
        self.sort_postings();
    }
}
