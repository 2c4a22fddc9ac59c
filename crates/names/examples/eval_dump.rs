//! Regression dump for optimisation work: for every pair of the evaluation
//! set, the exact score (as f64 bits and decimal) and the explanation; for
//! 300,000 random pairs of its distinct names, digests of the exact scores;
//! for every distinct name, its blocking keys and folded form. Two runs of the
//! same algorithm must give identical files.
//!
//! Run with `cargo run --release -p veza-names --example eval_dump -- [v1|v2|v3|v4|v5] > dump.txt`
//! (default: the current matcher).

use std::io::Write;

fn main() {
    let text = include_str!("../eval/pairs.csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let pairs: Vec<(String, String)> = r
        .records()
        .filter_map(Result::ok)
        .map(|x| (x[0].to_string(), x[1].to_string()))
        .collect();
    let version = std::env::args().nth(1);
    let analyse = |s: &str| match version.as_deref() {
        Some("v1") => veza_names::v1::analysis::analyse(s),
        Some("v2") => veza_names::v2::analyse(s),
        Some("v3") => veza_names::v3::analyse(s),
        Some("v4") => veza_names::v4::analyse(s),
        Some("v5") => veza_names::v5::analyse(s),
        _ => veza_names::analyse(s),
    };
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for (a, b) in &pairs {
        let (x, y) = (analyse(a), analyse(b));
        let s = veza_names::score(&x, &y);
        let e = veza_names::explain(&x, &y);
        writeln!(out, "{a}\t{b}\t{:016x}\t{s}", s.to_bits()).unwrap();
        writeln!(out, "{e}").unwrap();
    }
    let mut names: Vec<&String> = pairs.iter().flat_map(|(a, b)| [a, b]).collect();
    names.sort();
    names.dedup();
    // Random pairs of distinct names, mostly unrelated: the paths where
    // comparisons stop early. One digest line per 10,000 pairs keeps the
    // dump small while any changed score still shows.
    let analysed: Vec<_> = names.iter().map(|n| analyse(n)).collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize % analysed.len()
    };
    let mut digest = 0u64;
    for k in 1..=300_000 {
        let (i, j) = (next(), next());
        let s = veza_names::score(&analysed[i], &analysed[j]);
        digest = digest.rotate_left(5) ^ s.to_bits();
        if k % 10_000 == 0 {
            writeln!(out, "random pairs to {k}: {digest:016x}").unwrap();
        }
    }
    for n in names {
        let x = analyse(n);
        writeln!(
            out,
            "{n}\t{:?}\t{}",
            veza_names::blocking_keys(&x),
            veza_names::search_folded(n)
        )
        .unwrap();
    }
}
