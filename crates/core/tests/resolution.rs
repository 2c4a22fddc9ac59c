//! Entity resolution over the store: a first full run, an incremental run
//! after a second import, and judgements that every later run respects.

use std::collections::HashMap;
use std::path::Path;

use veza_core::resolution::{apply_judgement, resolve_store};
use veza_io::ImportOptions;
use veza_model::UserRole;
use veza_store::{Actor, PairVerdict, Store};

fn split_csv(src: &Path, first: &Path, second: &Path, share: f64) -> usize {
    let text = std::fs::read_to_string(src).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let cut = (rows.len() as f64 * share) as usize;
    let write = |p: &Path, rows: &[&str]| {
        std::fs::write(p, format!("{header}\n{}\n", rows.join("\n"))).unwrap()
    };
    write(first, &rows[..cut]);
    write(second, &rows[cut..]);
    rows.len() - cut
}

fn truth(path: &Path) -> HashMap<String, String> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records()
        .map(|row| {
            let row = row.unwrap();
            (row[0].to_owned(), row[1].to_owned())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn store_resolution_is_incremental_and_respects_judgements() {
    let dir = tempfile::tempdir().unwrap();
    let synth = dir.path().join("synth");
    veza_synth::generate_to_dir(
        &veza_synth::Config {
            seed: 5,
            persons: 200,
        },
        &synth,
    )
    .unwrap();
    let (first, second) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    let later = split_csv(&synth.join("records.csv"), &first, &second, 0.7);
    let store = Store::open_data_dir(&dir.path().join("store"))
        .await
        .unwrap();
    let actor = Actor::new("ana", UserRole::Investigator, "TEST").with_reason("case 2026/5");
    let opts = ImportOptions::new("TEST");
    veza_core::import::import_file(&store, &actor, &first, &opts, None)
        .await
        .unwrap();

    let full = resolve_store(&store, &actor, false).await.unwrap();
    assert_eq!(full.mode, "full");
    assert_eq!(full.new_records, full.records);
    assert_eq!(full.scored_pairs, full.candidate_pairs);
    assert!(full.multi_record_persons > 0, "{full:?}");

    // Pairwise precision against the generator's truth.
    let truth = truth(&synth.join("truth.csv"));
    let stored = store.stored_resolution(&actor).await.unwrap();
    let linked: Vec<_> = stored.pairs.iter().filter(|p| p.linked).collect();
    let correct = linked
        .iter()
        .filter(|p| truth.get(&p.a) == truth.get(&p.b))
        .count();
    assert!(
        correct as f64 >= 0.9 * linked.len() as f64,
        "{correct} of {} links correct",
        linked.len()
    );

    veza_core::import::import_file(&store, &actor, &second, &opts, None)
        .await
        .unwrap();
    let inc = resolve_store(&store, &actor, false).await.unwrap();
    assert_eq!(inc.mode, "incremental");
    assert_eq!(inc.new_records as usize, later);
    assert!(
        inc.scored_pairs < inc.candidate_pairs,
        "pairs between known records keep their scores: {inc:?}"
    );
    let after = store.stored_resolution(&actor).await.unwrap();
    let kept = stored
        .persons
        .iter()
        .filter(|(r, p)| after.persons.get(*r) == Some(p))
        .count();
    assert!(
        kept as f64 >= 0.95 * stored.persons.len() as f64,
        "person ids stay stable: {kept} of {}",
        stored.persons.len()
    );

    // Split a linked pair, then join it again; every run respects the latest word.
    let pair = after
        .pairs
        .iter()
        .find(|p| p.linked)
        .expect("a link")
        .clone();
    let (pa, pb) = apply_judgement(&store, &actor, &pair.a, &pair.b, PairVerdict::NotSame)
        .await
        .unwrap();
    assert_ne!(pa, pb, "a not-same judgement splits at once");
    resolve_store(&store, &actor, false).await.unwrap();
    let now = store.stored_resolution(&actor).await.unwrap();
    assert_ne!(now.persons[&pair.a], now.persons[&pair.b]);
    let retrained = resolve_store(&store, &actor, true).await.unwrap();
    assert_eq!(retrained.mode, "full");
    let now = store.stored_resolution(&actor).await.unwrap();
    assert_ne!(now.persons[&pair.a], now.persons[&pair.b], "retraining too");

    let (pa, pb) = apply_judgement(&store, &actor, &pair.a, &pair.b, PairVerdict::Same)
        .await
        .unwrap();
    assert_eq!(pa, pb, "a same judgement joins at once");
    resolve_store(&store, &actor, false).await.unwrap();
    let now = store.stored_resolution(&actor).await.unwrap();
    assert_eq!(now.persons[&pair.a], now.persons[&pair.b]);

    // Roles without resolution rights are refused.
    let analyst = Actor::new("an", UserRole::Analyst, "TEST");
    assert!(resolve_store(&store, &analyst, false).await.is_err());
}
