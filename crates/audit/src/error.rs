/// Result alias for the audit crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What verification found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Tamper {
    /// The entry's content no longer matches its hash.
    Altered,
    /// The entry does not follow the one before it (removed or reordered entries).
    BrokenLink,
    /// Sequence numbers skip or go backwards.
    SequenceGap {
        /// The sequence number that should have come.
        expected: u64,
    },
    /// The log ends before the recorded head: entries were cut off the end.
    Truncated {
        /// The head's sequence number.
        head_seq: u64,
    },
}

/// Why a chain failed verification. `seq` names the first bad entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The chain is broken at `seq`.
    #[error("audit chain broken at entry {seq}: {}", describe(.kind))]
    Tampered {
        /// First bad entry (for truncation: the first missing one).
        seq: u64,
        /// What is wrong.
        kind: Tamper,
    },
}

fn describe(kind: &Tamper) -> String {
    match kind {
        Tamper::Altered => "content does not match its hash (altered)".into(),
        Tamper::BrokenLink => {
            "does not follow the previous entry (entries removed or reordered)".into()
        }
        Tamper::SequenceGap { expected } => {
            format!("sequence gap, expected entry {expected} (entries removed or reordered)")
        }
        Tamper::Truncated { head_seq } => {
            format!("log ends before the recorded head {head_seq} (entries cut off the end)")
        }
    }
}
