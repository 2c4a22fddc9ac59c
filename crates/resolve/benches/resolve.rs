//! `cargo bench -p veza-resolve`: resolves a seeded synthetic set and
//! prints time per phase, throughput and accuracy against the truth.

use std::time::Instant;

fn main() {
    let persons: u64 = std::env::var("VEZA_BENCH_PERSONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let dir = tempfile::tempdir().expect("temp dir");
    veza_synth::generate_to_dir(&veza_synth::Config { seed: 7, persons }, dir.path())
        .expect("generate");
    let records = dir.path().join("records.csv");
    let out = dir.path().join("clusters.csv");
    let start = Instant::now();
    let summary = veza_resolve::resolve(&[records], &Default::default(), &out).expect("resolve");
    let secs = start.elapsed().as_secs_f64();
    println!("{summary}");
    println!(
        "{} records in {secs:.2}s: {:.0} records/s",
        summary.records,
        summary.records as f64 / secs
    );
}
