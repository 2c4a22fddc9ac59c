//! Scores a pairs CSV (header `a,b`) to stdout as `a,b,score`: the same
//! contract as `veza names score --pairs FILE.csv`, for benchmarks that
//! cannot rely on the `veza` binary.
//!
//! Run with `cargo run --release -p veza-names --example score_pairs -- FILE.csv [v1|v2|v3|v4]`
//! (`v1` to `v4` scores with that matcher instead of the default).

use std::io::{BufReader, BufWriter};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: score_pairs FILE.csv");
        std::process::exit(2);
    };
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let start = std::time::Instant::now();
    let stdout = std::io::stdout();
    let matcher: &dyn veza_names::NameMatcher = match std::env::args().nth(2).as_deref() {
        Some("v1") => &veza_names::v1::MatcherV1,
        Some("v2") => &veza_names::v2::MatcherV2,
        Some("v3") => &veza_names::v3::MatcherV3,
        Some("v4") => &veza_names::v4::MatcherV4,
        _ => &veza_names::v5::MatcherV5,
    };
    match veza_names::batch::score_pairs_with(
        matcher,
        BufReader::new(file),
        BufWriter::new(stdout.lock()),
    ) {
        Ok(n) => {
            let secs = start.elapsed().as_secs_f64();
            eprintln!(
                "scored {n} pairs in {secs:.3}s ({:.0} pairs/s)",
                n as f64 / secs
            );
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
