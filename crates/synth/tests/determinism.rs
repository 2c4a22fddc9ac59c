//! Same seed, same bytes; different seed, different bytes.

mod common;
use common::{FILES, hash_file, temp_dir};
use veza_synth::{Config, generate_to_dir};

fn hashes(seed: u64, persons: u64, tag: &str) -> Vec<u64> {
    let dir = temp_dir(tag);
    generate_to_dir(&Config { seed, persons }, &dir).expect("generate");
    let h = FILES.iter().map(|f| hash_file(&dir.join(f))).collect();
    let _ = std::fs::remove_dir_all(&dir);
    h
}

#[test]
fn same_seed_gives_identical_bytes() {
    assert_eq!(hashes(42, 3000, "a"), hashes(42, 3000, "b"));
}

#[test]
fn different_seeds_differ() {
    let a = hashes(1, 2000, "c");
    let b = hashes(2, 2000, "d");
    for (x, y) in a.iter().zip(&b) {
        assert_ne!(x, y);
    }
}

#[test]
fn exact_person_count_and_rejects_out_of_range() {
    let dir = temp_dir("count");
    for n in [1, 2, 3, 7, 101] {
        let stats = generate_to_dir(
            &Config {
                seed: 5,
                persons: n,
            },
            &dir,
        )
        .expect("generate");
        assert_eq!(stats.persons, n);
    }
    assert!(
        generate_to_dir(
            &Config {
                seed: 5,
                persons: 0
            },
            &dir
        )
        .is_err()
    );
    assert!(
        generate_to_dir(
            &Config {
                seed: 5,
                persons: 10_000_001
            },
            &dir
        )
        .is_err()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stats_match_the_files_and_display_the_distributions() {
    let dir = temp_dir("stats");
    let stats = generate_to_dir(
        &Config {
            seed: 8,
            persons: 2500,
        },
        &dir,
    )
    .expect("generate");
    let rows = |name: &str| common::read_csv(&dir.join(name)).1.len() as u64;
    assert_eq!(stats.records, rows("records.csv"));
    assert_eq!(stats.records, rows("truth.csv"));
    assert_eq!(stats.events, rows("events.csv"));
    assert_eq!(stats.relations, rows("relations.csv"));
    assert_eq!(stats.alerts, rows("alerts.csv"));
    assert_eq!(stats.queries, rows("queries.csv"));
    assert_eq!(stats.queries, stats.queries_hit + stats.queries_no_hit);
    assert_eq!(
        stats.persons,
        stats.migrants + stats.facilitators + stats.victims
    );
    assert_eq!(
        stats.records_per_person.values().sum::<u64>(),
        stats.persons
    );
    let text = stats.to_string();
    for heading in [
        "scripts per agency",
        "variant rates",
        "records per person",
        "network sizes",
        "alert categories",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
