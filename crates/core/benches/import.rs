//! Bulk import into SQLite: records per second, end to end (read and check
//! the CSV, compute the search keys, insert in one transaction, audit).
//!
//! `cargo bench -p veza-core --bench import -- [PERSONS]` (default 100,000
//! synthetic persons; records are ~1.3 per person).

use std::time::Instant;

use veza_io::ImportOptions;
use veza_model::UserRole;
use veza_store::{Actor, Store};

// The allocator of the `veza` binary (crates/cli/src/main.rs), so that the
// figures are those of `veza import`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let persons: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let synth = dir.path().join("synthetic");
    let t = Instant::now();
    veza_synth::generate_to_dir(&veza_synth::Config { seed: 42, persons }, &synth)
        .expect("generate");
    let records_csv = synth.join("records.csv");
    let bytes = std::fs::metadata(&records_csv)
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "generated {persons} persons in {:.2} s ({:.1} MB records.csv)",
        t.elapsed().as_secs_f64(),
        bytes as f64 / 1e6
    );

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = Store::open_data_dir(&dir.path().join("store")).await.expect("store");
        let actor = Actor::new("bench", UserRole::Investigator, "BENCH");
        let mut opts = ImportOptions::new("BENCH");
        opts.recorded_at = "2026-11-28T00:00:00Z".into();
        let t = Instant::now();
        let report = veza_core::import::import_file(&store, &actor, &records_csv, &opts, None).await.expect("import");
        let secs = t.elapsed().as_secs_f64();
        println!("imported {} records into SQLite in {secs:.2} s: {:.0} records/s", report.committed, report.committed as f64 / secs);

        // A second agency's file into the filled store, its ids interleaved
        // with the first's (`R00000001` then `R00000001b`): every record and
        // key lands between existing ones instead of after them.
        let second = dir.path().join("second.csv");
        interleaved_copy(&records_csv, &second);
        let t = Instant::now();
        let report = veza_core::import::import_file(&store, &actor, &second, &opts, None).await.expect("second import");
        let secs = t.elapsed().as_secs_f64();
        println!("a second file into the filled store, ids interleaved: {} records in {secs:.2} s: {:.0} records/s", report.committed, report.committed as f64 / secs);

        // The reading side alone, as the import runs it (names analysed
        // once per distinct string, through the import's cache), on one
        // thread.
        let t = Instant::now();
        let mut n = 0u64;
        let cache = veza_core::keys::KeyCache::default();
        for r in veza_io::RecordReader::open(&records_csv, &opts).expect("open") {
            let r = r.expect("valid");
            n += cache.record_keys(&r).len() as u64;
        }
        let secs_keys = t.elapsed().as_secs_f64();
        println!("of which parsing and search keys alone: {secs_keys:.2} s ({:.0} records/s, {:.1} keys/record)", report.committed as f64 / secs_keys, n as f64 / report.committed as f64);
    });
}

/// `from` with every record id suffixed by `b`.
fn interleaved_copy(from: &std::path::Path, to: &std::path::Path) {
    let text = std::fs::read_to_string(from).expect("read records.csv");
    let mut lines = text.lines();
    let mut out = String::with_capacity(text.len() + text.len() / 50);
    let header = lines.next().expect("header");
    assert!(header.starts_with("record_id,"), "record_id comes first");
    out.push_str(header);
    out.push('\n');
    for line in lines {
        let (id, rest) = line.split_once(',').expect("a comma");
        out.push_str(id);
        out.push('b');
        out.push(',');
        out.push_str(rest);
        out.push('\n');
    }
    std::fs::write(to, out).expect("write second.csv");
}
