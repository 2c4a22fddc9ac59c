//! Throughput of the generator on one core: all six outputs are produced
//! and serialised, then discarded (`std::io::sink`), so the figure measures
//! generation and CSV encoding without the disk.
//!
//! `VEZA_SYNTH_BENCH_PERSONS` sets the size (default 300,000 persons).

use std::io::Write;
use std::time::Instant;

fn sinks() -> [Box<dyn Write>; 6] {
    std::array::from_fn(|_| Box::new(std::io::sink()) as Box<dyn Write>)
}

fn main() {
    let persons: u64 = std::env::var("VEZA_SYNTH_BENCH_PERSONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300_000);
    // Warm-up: parses the embedded tables once.
    veza_synth::generate_to_writers(
        &veza_synth::Config {
            seed: 0,
            persons: 1_000,
        },
        sinks(),
    )
    .expect("warm-up");
    let mut best = f64::MAX;
    let mut stats = None;
    for run in 0..3 {
        let start = Instant::now();
        let s = veza_synth::generate_to_writers(
            &veza_synth::Config {
                seed: 1 + run,
                persons,
            },
            sinks(),
        )
        .expect("generate");
        let secs = start.elapsed().as_secs_f64();
        best = best.min(secs);
        stats = Some(s);
    }
    let s = stats.expect("at least one run");
    println!("persons            {persons}");
    println!("records            {}", s.records);
    println!("events             {}", s.events);
    println!("relations          {}", s.relations);
    println!("alerts / queries   {} / {}", s.alerts, s.queries);
    println!("best of 3          {best:.3} s");
    println!("records/s          {:.0}", s.records as f64 / best);
    println!("persons/s          {:.0}", persons as f64 / best);
    println!(
        "rows/s (all files) {:.0}",
        (2 * s.records + s.events + s.relations + s.alerts + s.queries) as f64 / best
    );
}
