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

/// CPU seconds (user + system) used by this process so far, from
/// `/proc/self/stat` (Linux); the machine is shared, so wall time alone
/// would understate single-core throughput.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
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
    let mut best_cpu = f64::MAX;
    let mut stats = None;
    for run in 0..3 {
        let start = Instant::now();
        let cpu0 = cpu_seconds();
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
        if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
        stats = Some(s);
    }
    let s = stats.expect("at least one run");
    println!("persons            {persons}");
    println!("records            {}", s.records);
    println!("events             {}", s.events);
    println!("relations          {}", s.relations);
    println!("alerts / queries   {} / {}", s.alerts, s.queries);
    println!("best of 3          {best:.3} s wall, {best_cpu:.2} s CPU");
    println!("records/s (wall)   {:.0}", s.records as f64 / best);
    if best_cpu < f64::MAX && best_cpu > 0.0 {
        println!("records/s (CPU)    {:.0}", s.records as f64 / best_cpu);
    }
    println!("persons/s (wall)   {:.0}", persons as f64 / best);
    println!(
        "rows/s (all files) {:.0}",
        (2 * s.records + s.events + s.relations + s.alerts + s.queries) as f64 / best
    );
}
