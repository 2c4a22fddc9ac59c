//! `cargo run -p veza-synth --example generate -- SEED PERSONS DIR`: the
//! generator without the `veza` command line, for development and benches.

use std::time::Instant;

fn main() -> Result<(), veza_synth::Error> {
    let args: Vec<String> = std::env::args().collect();
    let seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let persons = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let dir = args.get(3).cloned().unwrap_or_else(|| "synth-out".into());
    let config = veza_synth::Config { seed, persons };
    let start = Instant::now();
    let stats = veza_synth::generate_to_dir(&config, std::path::Path::new(&dir))?;
    let secs = start.elapsed().as_secs_f64();
    println!("{stats}");
    println!(
        "elapsed {secs:.2} s, {:.0} records/s, {:.0} persons/s",
        stats.records as f64 / secs,
        stats.persons as f64 / secs
    );
    Ok(())
}
