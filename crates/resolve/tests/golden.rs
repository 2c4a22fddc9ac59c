//! Golden link decisions with their explanations, and incremental
//! resolution equal to batch resolution.

use std::sync::OnceLock;

use veza_resolve::batch::{resolve_dataset_with, score_links};
use veza_resolve::block::BlockOptions;
use veza_resolve::cluster::{ClusterOptions, Judgement, Verdict, explain_cluster, judgement_edges};
use veza_resolve::incremental::Incremental;
use veza_resolve::record::{Columns, Dataset};
use veza_resolve::{Model, TrainOptions, score_pair, train};

const HEADER: &str = "record_id,source,given_name,family_name,full_name,father_name,date_of_birth,sex,nationality,place_of_birth,document_type,document_number,document_country,phone,address,city,postcode,region,national_id,role";

/// A model trained, without labels, on seeded synthetic route data.
fn trained() -> &'static (Model, Dataset) {
    static CELL: OnceLock<(Model, Dataset)> = OnceLock::new();
    CELL.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let config = veza_synth::Config {
            seed: 5,
            persons: 1200,
        };
        veza_synth::generate_to_dir(&config, dir.path()).unwrap();
        let ds =
            Dataset::read_paths(&[dir.path().join("records.csv")], &Columns::default()).unwrap();
        let model = train(&ds, &TrainOptions::default());
        (model, ds)
    })
}

fn pair(rows: &str) -> Dataset {
    let text = format!("{HEADER}\n{rows}");
    let ds = Dataset::read(
        vec![("golden.csv".into(), text.as_bytes())],
        &Columns::default(),
    )
    .unwrap();
    assert_eq!(ds.schema, trained().0.schema);
    ds
}

struct Case {
    rows: &'static str,
    link: bool,
    /// Field whose level is checked, and the expected level label.
    field: &'static str,
    label: &'static str,
}

const CASES: &[Case] = &[
    Case {
        rows: "A,RS,Јован,Петровић,,,1990-03-04,M,RS,Beograd,P,AB1234567,RS,,,,,,,\n\
               B,HR,JOVAN,PETROVIC,,,04.03.1990,M,RS,Beograd,P,AB1234567,RS,,,,,,,",
        link: true,
        field: "document_number",
        label: "exact",
    },
    Case {
        rows: "A,RS,Ahmad,Karimi,,Ali,1995-06-07,M,AF,Herat,,,,,,,,,,\n\
               B,HR,Ahmad,Karimi,,Ali,1995-07-06,M,AF,Herat,,,,,,,,,,",
        link: true,
        field: "date_of_birth",
        label: "day and month swapped",
    },
    Case {
        rows: "A,RS,Ahmad,Karimi,,,1995-06-07,M,AF,,P,P0123456,AF,,,,,,,\n\
               B,HR,Ahmad,Karimi,,,1995-06-07,M,AF,,P,PO123456,AF,,,,,,,",
        link: true,
        field: "document_number",
        label: "equal up to OCR confusions",
    },
    Case {
        rows: "A,RS,Mohammad,Ahmadi,,Reza,1988-02-11,M,AF,Kabul,P,P1111111,AF,,,,,,,\n\
               B,HR,Mohammad,Ahmadi,,Hamid,1971-09-23,M,AF,Kandahar,P,P9876543,AF,,,,,,,",
        link: false,
        field: "date_of_birth",
        label: "different",
    },
    Case {
        rows: "A,RS,Ana,Kovač,,,1985-01-02,F,HR,Split,,,,+385911234567,,,,,,\n\
               B,HR,Ivan,Horvat,,,1962-11-30,M,HR,Zagreb,,,,+385987654321,,,,,,",
        link: false,
        field: "name",
        label: "different",
    },
];

#[test]
fn golden_decisions_with_explanations() {
    let (model, _) = trained();
    for (i, case) in CASES.iter().enumerate() {
        let ds = pair(case.rows);
        let link = score_pair(model, &ds.records[0], &ds.records[1]);
        let decided = link.probability >= model.threshold;
        assert_eq!(decided, case.link, "case {i}:\n{link}");
        let c = link
            .explanation
            .iter()
            .find(|c| c.field == case.field)
            .unwrap();
        assert_eq!(c.label, case.label, "case {i}:\n{link}");
        // The waterfall adds up to the total.
        let sum: f64 = link.prior + link.explanation.iter().map(|c| c.weight).sum::<f64>();
        assert!((sum - link.weight).abs() < 1e-9);
        // Missing values are no evidence either way.
        for c in &link.explanation {
            if c.level == 0 {
                assert_eq!(c.weight, 0.0);
            }
        }
        // The weight agrees with the fast path.
        assert!((model.weight(&ds.records[0], &ds.records[1]) - link.weight).abs() < 1e-9);
        let text = link.to_string();
        assert!(text.contains(case.field), "{text}");
    }
}

#[test]
fn model_round_trips_through_json() {
    let (model, ds) = trained();
    let json = serde_json::to_string(model).unwrap();
    let back: Model = serde_json::from_str(&json).unwrap();
    assert_eq!(back.version, veza_resolve::model_version());
    let (a, b) = (&ds.records[0], &ds.records[1]);
    assert_eq!(back.weight(a, b), model.weight(a, b));
}

#[test]
fn judgements_cut_and_join_and_clusters_explain_themselves() {
    let (model, _) = trained();
    let ds = pair(
        "A,RS,Ahmad,Karimi,,Ali,1995-06-07,M,AF,Herat,P,P0123456,AF,,,,,,,\n\
         B,HR,Ahmad,Karimi,,Ali,1995-06-07,M,AF,Herat,P,P0123456,AF,,,,,,,\n\
         C,BA,Zoran,Ilić,,,1970-01-20,M,RS,Niš,,,,,,,,,,",
    );
    let pairs = [(0u32, 1u32), (0, 2), (1, 2)];
    let edges = score_links(model, &ds, &pairs);
    let opts = ClusterOptions {
        threshold: model.threshold_weight(),
        ..ClusterOptions::default()
    };
    assert_eq!(veza_resolve::cluster(3, &edges, &[], &opts), [0, 0, 2]);
    let judge = |a: &str, b: &str, verdict| Judgement {
        a: a.into(),
        b: b.into(),
        verdict,
        user: "analyst1".into(),
        at: "2026-11-28T02:00:00Z".into(),
    };
    let cut = judgement_edges(&ds, &[judge("A", "B", Verdict::NotSame)]);
    assert_eq!(veza_resolve::cluster(3, &edges, &cut, &opts), [0, 1, 2]);
    let join = judgement_edges(&ds, &[judge("A", "C", Verdict::Same)]);
    assert_eq!(veza_resolve::cluster(3, &edges, &join, &opts), [0, 0, 0]);
    let why = explain_cluster(model, &ds, &[0, 1, 2], &edges, &join);
    let text = why.to_string();
    assert!(text.contains("3 records are one person"), "{text}");
    assert!(text.contains("A ~ C: judged the same person"), "{text}");
    assert!(text.contains("document_number exact"), "{text}");
}

#[test]
fn incremental_equals_batch() {
    let (model, ds) = trained();
    // Blocking without sorted neighbourhood, as the incremental index.
    let all = BlockOptions {
        max_bucket: usize::MAX,
        ..BlockOptions::default()
    };
    let batch = resolve_dataset_with(ds.clone(), false, Some(model.clone()), &all, None);
    let mut inc = Incremental::new(model.clone(), false);
    for chunk in ds.records.chunks(257) {
        inc.add(chunk.iter().cloned());
    }
    assert_eq!(inc.labels(&[]), batch.labels);
    let mut a: Vec<(u32, u32)> = batch.edges.iter().map(|e| (e.a, e.b)).collect();
    let mut b: Vec<(u32, u32)> = inc
        .edges()
        .iter()
        .map(|e| (e.a.min(e.b), e.a.max(e.b)))
        .collect();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b);
}

/// Scoring with a bound (names scored only while a pair can still reach
/// the threshold) gives exactly the weight of full scoring for every pair
/// that reaches it, and drops only pairs that do not.
#[test]
fn bounded_scoring_equals_full_scoring() {
    let (model, ds) = trained();
    let n = ds.records.len().min(400);
    let mut kept = 0;
    for at_least in [-20.0, -5.0, 0.0, model.threshold_weight(), 8.0] {
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (&ds.records[i], &ds.records[j]);
                let full = model.weight(a, b);
                match model.weight_reaching(a, b, at_least) {
                    Some(w) => {
                        assert_eq!(w.to_bits(), full.to_bits(), "pair {i} {j}");
                        kept += 1;
                    }
                    None => assert!(full < at_least, "pair {i} {j}: {full} >= {at_least}"),
                }
            }
        }
    }
    assert!(kept > 0);
}
