//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// A fresh directory under the system temporary directory.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("veza-synth-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Reads a CSV file into its header and rows.
pub fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("open csv");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|x| x.expect("row").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// 64-bit FNV-1a of a file's bytes.
pub fn hash_file(path: &std::path::Path) -> u64 {
    let bytes = std::fs::read(path).expect("read");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The six output files.
pub const FILES: [&str; 6] = [
    "records.csv",
    "truth.csv",
    "events.csv",
    "relations.csv",
    "alerts.csv",
    "queries.csv",
];
