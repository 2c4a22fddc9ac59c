//! Deterministic synthetic data for veza.
//!
//! People moving along the Western Balkan route, the smuggling networks
//! that move them and the trafficking that some journeys turn into; the
//! events of their journeys; the records agencies make of them, with each
//! agency's scripts, transliteration habits and errors; SIS-category alerts;
//! border-check queries; and the ground truth behind every record.
//!
//! No real person's data is used: names are drawn independently from
//! frequency tables of common names, and every other attribute is random.
//! Output depends only on the seed and the number of persons, and is the
//! same byte for byte on every machine and every dependency version (the
//! random generator is part of this crate).
//!
//! ```no_run
//! let config = veza_synth::Config { seed: 7, persons: 10_000, ..Default::default() };
//! let stats = veza_synth::generate_to_dir(&config, std::path::Path::new("out"))?;
//! println!("{stats}");
//! # Ok::<(), veza_synth::Error>(())
//! ```

mod alerts;
mod csvw;
mod date;
mod mrz;
mod names;
mod output;
mod person;
mod render;
mod rng;
mod sim;
mod stats;
mod translit;
mod world;
mod write_names;

pub use mrz::{check_digit as mrz_check_digit, verify_td3};
pub use output::{
    ALERT_HEADER, EVENT_HEADER, QUERY_HEADER, RECORD_HEADER, RELATION_HEADER, TRUTH_HEADER,
};
pub use stats::{Stats, Variants};

use std::io::Write;
use std::path::Path;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Seed; the same seed and size give identical files.
    pub seed: u64,
    /// Number of people to generate (migrants, facilitators and victims).
    pub persons: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 1,
            persons: 10_000,
        }
    }
}

/// Largest supported `persons`.
pub const MAX_PERSONS: u64 = 10_000_000;

/// Errors of the generator.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be created or written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path concerned.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The configuration is out of range.
    #[error("invalid configuration: {0}")]
    Config(String),
}

/// Generates the six files into `out` (created if missing): `records.csv`,
/// `truth.csv`, `events.csv`, `relations.csv`, `alerts.csv`, `queries.csv`.
pub fn generate_to_dir(config: &Config, out: &Path) -> Result<Stats, Error> {
    check(config)?;
    let mut output = output::Output::create(out)?;
    generate(config, &mut output)
}

/// Generates into arbitrary writers (in the order records, truth, events,
/// relations, alerts, queries); benchmarks use `std::io::sink()`.
pub fn generate_to_writers(config: &Config, writers: [Box<dyn Write>; 6]) -> Result<Stats, Error> {
    check(config)?;
    let mut output = output::Output::from_writers(writers)?;
    generate(config, &mut output)
}

fn check(config: &Config) -> Result<(), Error> {
    if config.persons == 0 || config.persons > MAX_PERSONS {
        return Err(Error::Config(format!(
            "persons must be between 1 and {MAX_PERSONS}, got {}",
            config.persons
        )));
    }
    Ok(())
}

fn generate(config: &Config, output: &mut output::Output) -> Result<Stats, Error> {
    let mut stats = Stats {
        seed: config.seed,
        ..Stats::default()
    };
    {
        let mut g = sim::Gen::new(output, &mut stats);
        let mut made = 0u64;
        let mut unit = 0u64;
        while made < config.persons {
            // Each unit draws from its own stream, so a unit's output never
            // depends on how many numbers earlier units consumed.
            let mut rng = rng::Rng::new(config.seed, unit);
            made += g.unit(&mut rng, config.persons - made)?;
            unit += 1;
        }
        g.finish();
    }
    output.flush()?;
    Ok(stats)
}
