use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Error, Result, Tamper};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What the caller records: who did what to which data, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// RFC 3339 time of the access.
    pub at: String,
    /// Unique user identifier (or `system`, `cli:<os user>`).
    pub actor: String,
    /// What was done, e.g. `record.read`, `record.search`, `import.commit`.
    pub action: String,
    /// Which data: record ids, the query, the file.
    pub subject: String,
    /// The reason given for the access (LED Art. 25 justification).
    pub reason: String,
    /// What came back or changed, without personal data beyond ids.
    pub outcome: String,
}

impl Draft {
    /// A draft with empty reason and outcome.
    pub fn new(
        at: impl Into<String>,
        actor: impl Into<String>,
        action: impl Into<String>,
        subject: impl Into<String>,
    ) -> Self {
        Draft {
            at: at.into(),
            actor: actor.into(),
            action: action.into(),
            subject: subject.into(),
            reason: String::new(),
            outcome: String::new(),
        }
    }

    /// Sets the reason.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = reason.into();
        self
    }

    /// Sets the outcome.
    pub fn outcome(mut self, outcome: impl Into<String>) -> Self {
        self.outcome = outcome.into();
        self
    }
}

/// A chained entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Position in the log, from 1.
    pub seq: u64,
    /// The recorded access.
    #[serde(flatten)]
    pub draft: Draft,
    /// Hash of the previous entry (hex).
    pub prev_hash: String,
    /// Hash of this entry (hex).
    pub hash: String,
}

impl Entry {
    /// The hash this entry should carry, recomputed from its content.
    pub fn compute_hash(&self) -> String {
        hash_of(self.seq, &self.prev_hash, &self.draft)
    }
}

fn hash_of(seq: u64, prev_hash: &str, d: &Draft) -> String {
    let mut h = Sha256::new();
    h.update(b"veza-audit-v1");
    h.update(seq.to_be_bytes());
    for field in [
        prev_hash, &d.at, &d.actor, &d.action, &d.subject, &d.reason, &d.outcome,
    ] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The last sequence number and hash: what a verifier compares the log's end
/// against, and what is exported for safekeeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Sequence number of the last entry (0 for an empty log).
    pub seq: u64,
    /// Its hash.
    pub hash: String,
}

/// The growing end of a chain.
#[derive(Debug, Clone)]
pub struct Chain {
    head: Anchor,
}

impl Chain {
    /// An empty chain.
    pub fn genesis() -> Self {
        Chain {
            head: Anchor {
                seq: 0,
                hash: GENESIS_HASH.to_owned(),
            },
        }
    }

    /// Continues a chain from a stored head.
    pub fn from_head(head: Anchor) -> Self {
        Chain { head }
    }

    /// The current head.
    pub fn head(&self) -> Anchor {
        self.head.clone()
    }

    /// Chains a draft after the head and returns the entry to store.
    pub fn append(&mut self, draft: Draft) -> Entry {
        let seq = self.head.seq + 1;
        let hash = hash_of(seq, &self.head.hash, &draft);
        let entry = Entry {
            seq,
            draft,
            prev_hash: std::mem::replace(&mut self.head.hash, hash.clone()),
            hash,
        };
        self.head.seq = seq;
        entry
    }
}

/// Checks entries in stored order.
///
/// `start` is the anchor the first entry follows (`None`: the genesis, so the
/// log must start at 1; after retention pruning, the anchor of the last pruned
/// entry). `head`, when given, is where the log must end. Returns the first bad
/// entry.
pub fn verify(entries: &[Entry], start: Option<&Anchor>, head: Option<Anchor>) -> Result<Anchor> {
    let genesis = Anchor {
        seq: 0,
        hash: GENESIS_HASH.to_owned(),
    };
    let mut prev = start.cloned().unwrap_or(genesis);
    for e in entries {
        let fail = |kind| Err(Error::Tampered { seq: e.seq, kind });
        if e.seq != prev.seq + 1 {
            return Err(Error::Tampered {
                seq: prev.seq + 1,
                kind: Tamper::SequenceGap {
                    expected: prev.seq + 1,
                },
            });
        }
        if e.compute_hash() != e.hash {
            return fail(Tamper::Altered);
        }
        if e.prev_hash != prev.hash {
            return fail(Tamper::BrokenLink);
        }
        prev = Anchor {
            seq: e.seq,
            hash: e.hash.clone(),
        };
    }
    if let Some(head) = head {
        if head.seq > prev.seq {
            return Err(Error::Tampered {
                seq: prev.seq + 1,
                kind: Tamper::Truncated { head_seq: head.seq },
            });
        }
        if head.seq < prev.seq || head.hash != prev.hash {
            return Err(Error::Tampered {
                seq: head.seq.max(1),
                kind: Tamper::BrokenLink,
            });
        }
    }
    Ok(prev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn log(n: usize) -> (Vec<Entry>, Anchor) {
        let mut chain = Chain::genesis();
        let entries = (0..n)
            .map(|i| {
                chain.append(
                    Draft::new(
                        format!("2026-11-28T10:00:{i:02}Z"),
                        "u1",
                        "record.read",
                        format!("R-{i}"),
                    )
                    .reason("case 1"),
                )
            })
            .collect();
        (entries, chain.head())
    }

    fn first_bad(entries: &[Entry], head: Anchor) -> u64 {
        match verify(entries, None, Some(head)) {
            Err(Error::Tampered { seq, .. }) => seq,
            Ok(_) => 0,
        }
    }

    #[test]
    fn intact_chain_verifies() {
        let (entries, head) = log(5);
        assert_eq!(verify(&entries, None, Some(head.clone())).unwrap(), head);
    }

    #[test]
    fn alteration_is_found_at_the_altered_entry() {
        let (mut entries, head) = log(5);
        entries[2].draft.reason = "curiosity".into();
        assert_eq!(first_bad(&entries, head), 3);
    }

    #[test]
    fn recomputed_hash_after_alteration_breaks_the_next_link() {
        let (mut entries, head) = log(5);
        entries[2].draft.subject = "R-99".into();
        entries[2].hash = entries[2].compute_hash();
        assert_eq!(first_bad(&entries, head), 4);
    }

    #[test]
    fn deletion_reordering_and_truncation_are_found() {
        let (entries, head) = log(5);
        let mut deleted = entries.clone();
        deleted.remove(1);
        assert_eq!(first_bad(&deleted, head.clone()), 2);
        let mut reordered = entries.clone();
        reordered.swap(1, 2);
        assert_eq!(first_bad(&reordered, head.clone()), 2);
        let truncated = &entries[..3];
        let err = verify(truncated, None, Some(head)).unwrap_err();
        assert_eq!(
            err,
            Error::Tampered {
                seq: 4,
                kind: Tamper::Truncated { head_seq: 5 }
            }
        );
        assert!(err.to_string().contains("entry 4"), "{err}");
    }

    #[test]
    fn pruned_log_verifies_from_its_anchor() {
        let (entries, head) = log(6);
        let anchor = Anchor {
            seq: 3,
            hash: entries[2].hash.clone(),
        };
        assert!(verify(&entries[3..], Some(&anchor), Some(head.clone())).is_ok());
        assert!(verify(&entries[3..], None, Some(head)).is_err());
    }

    proptest! {
        #[test]
        fn any_single_field_change_is_detected(i in 0usize..8, field in 0usize..6, junk in "[a-z]{1,8}") {
            let (mut entries, head) = log(8);
            let d = &mut entries[i].draft;
            let target = [&mut d.at, &mut d.actor, &mut d.action, &mut d.subject, &mut d.reason, &mut d.outcome];
            target.into_iter().nth(field).unwrap().push_str(&junk);
            prop_assert_eq!(first_bad(&entries, head), i as u64 + 1);
        }
    }
}
