//! The batch contract: `veza resolve` reads any columns and writes
//! `record_id,cluster_id`, one row per input record.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use veza_resolve::{BatchOptions, Error, resolve};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn read_clusters(path: &Path) -> (String, Vec<(String, String)>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_owned();
    let rows = lines
        .map(|l| {
            let (a, b) = l.split_once(',').unwrap();
            (a.to_owned(), b.to_owned())
        })
        .collect();
    (header, rows)
}

const FEBRL_A: &str = "rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id
rec-1-org,mitchell,green,7,wallaby place,delmar,cleveland,2119,sa,19560409,1804974
rec-2-org,harley,mccarthy,177,pridham street,milton,marsden,3165,nsw,19080419,6089216
rec-3-org,madeline,mason,54,hoseason street,lakefront,granville,4881,nsw,19081128,2185997
rec-4-org,courtney,painter,12,pinkerton circuit,bega flats,richlands,4560,vic,19161214,4066625
rec-5-org,joshua,nguyen,3,ramsay street,,toowong,4066,qld,19790230,7716532
";

const FEBRL_B: &str = "rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id
rec-1-dup-0, mitchel ,green,7,wallaby pl,delmar,cleveland,2119,sa,19560409,1804974
rec-2-dup-0,harley,mccarthy,177,pridhamstreet,milton,marsden,3165,nsw,19080419,6089216
rec-3-dup-0,madeline,mason,54,hoseason st,lakefront,granville,4881,nsw,19081129,2185997
rec-6-org,emily,watson,99,george street,,sydney,2000,nsw,19850101,1234567
";

fn febrl_options(link_only: bool) -> BatchOptions {
    BatchOptions {
        link_only,
        maps: [
            "rec_id=record_id",
            "surname=family_name",
            "address_1=address",
            "suburb=city",
            "state=region",
            "soc_sec_id=national_id",
        ]
        .map(String::from)
        .to_vec(),
        fields: ["street_number:exact", "address_2:fuzzy"]
            .map(String::from)
            .to_vec(),
    }
}

#[test]
fn febrl_like_link_only() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.csv", FEBRL_A);
    let b = write(dir.path(), "b.csv", FEBRL_B);
    let out = dir.path().join("clusters.csv");
    let summary = resolve(&[a, b], &febrl_options(true), &out).unwrap();
    assert_eq!(summary.records, 9);
    // rec-5 has 30 February: malformed, counted, treated as missing.
    assert_eq!(summary.malformed_dates, 1);
    let (header, rows) = read_clusters(&out);
    assert_eq!(header, "record_id,cluster_id");
    assert_eq!(rows.len(), 9);
    let c: HashMap<_, _> = rows.into_iter().collect();
    assert_eq!(c["rec-1-org"], c["rec-1-dup-0"]);
    assert_eq!(c["rec-2-org"], c["rec-2-dup-0"]);
    assert_eq!(c["rec-3-org"], c["rec-3-dup-0"]);
    assert_ne!(c["rec-4-org"], c["rec-6-org"]);
    assert_ne!(c["rec-1-org"], c["rec-2-org"]);
    let text = summary.to_string();
    assert!(text.contains("blocking rule name keys"), "{text}");
}

#[test]
fn link_only_never_links_within_an_input() {
    let dir = tempfile::tempdir().unwrap();
    // Both copies of rec-1 are in the same file.
    let mut both = FEBRL_A.to_owned();
    both.push_str(
        "rec-1-dup-0,mitchell,green,7,wallaby place,delmar,cleveland,2119,sa,19560409,1804974\n",
    );
    let a = write(dir.path(), "a.csv", &both);
    let b = write(dir.path(), "b.csv", "rec_id,given_name\nx,zzz\n");
    let out = dir.path().join("c.csv");
    resolve(&[a.clone(), b.clone()], &febrl_options(true), &out).unwrap();
    let (_, rows) = read_clusters(&out);
    let c: HashMap<_, _> = rows.into_iter().collect();
    assert_ne!(c["rec-1-org"], c["rec-1-dup-0"]);
    // Deduplicating, they are one.
    resolve(&[a, b], &febrl_options(false), &out).unwrap();
    let (_, rows) = read_clusters(&out);
    let c: HashMap<_, _> = rows.into_iter().collect();
    assert_eq!(c["rec-1-org"], c["rec-1-dup-0"]);
}

#[test]
fn canonical_columns_dates_spaces_and_unknown_columns() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.csv",
        "record_id,given_name,family_name,date_of_birth,nationality,document_number,shoe_size\n\
         R1,Јован,Петровић,1990-03-04,RS,AB123456,44\n\
         R2, JOVAN , PETROVIC ,19900304,RS,AB123456,41\n\
         R3,Ana,Kovač,1985-01-02,HR,,38\n\
         R4,Ana,Kovač,not a date,HR,,38\n",
    );
    let out = dir.path().join("c.csv");
    let s = resolve(&[a], &BatchOptions::default(), &out).unwrap();
    assert_eq!(s.malformed_dates, 1);
    let (_, rows) = read_clusters(&out);
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(ids, ["R1", "R2", "R3", "R4"]);
    assert_eq!(rows[0].1, rows[1].1);
    assert_ne!(rows[0].1, rows[2].1);
}

#[test]
fn repeated_ids_across_inputs_keep_one_row_each() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.csv",
        "record_id,full_name\n1,Ali Hassan\n2,Mira Novak\n",
    );
    let b = write(dir.path(), "b.csv", "record_id,full_name\n1,Zoran Ilić\n");
    let out = dir.path().join("c.csv");
    let s = resolve(&[a, b], &BatchOptions::default(), &out).unwrap();
    assert_eq!(s.records, 3);
    let (_, rows) = read_clusters(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].0, "1");
    assert_eq!(rows[2].0, "1");
}

#[test]
fn errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.csv");
    let a = write(dir.path(), "noid.csv", "name,x\nA,B\n");
    let e = resolve(&[a], &BatchOptions::default(), &out).unwrap_err();
    assert!(matches!(e, Error::Header { .. }), "{e}");
    assert!(e.to_string().contains("noid.csv"));
    let b = write(
        dir.path(),
        "empty.csv",
        "record_id,full_name\nR1,A B\n,C D\n",
    );
    let e = resolve(&[b], &BatchOptions::default(), &out).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("empty.csv:3") && msg.contains("record_id"),
        "{msg}"
    );
    let c = write(dir.path(), "ok.csv", "record_id\nR1\n");
    let bad = BatchOptions {
        fields: vec!["x:nonsense".into()],
        ..BatchOptions::default()
    };
    assert!(matches!(
        resolve(std::slice::from_ref(&c), &bad, &out),
        Err(Error::Options(_))
    ));
    let bad = BatchOptions {
        maps: vec!["x=nonsense".into()],
        ..BatchOptions::default()
    };
    assert!(matches!(resolve(&[c], &bad, &out), Err(Error::Options(_))));
    let missing = dir.path().join("missing.csv");
    assert!(matches!(
        resolve(&[missing], &BatchOptions::default(), &out),
        Err(Error::Io { .. })
    ));
}

#[test]
fn synthetic_route_data() {
    let dir = tempfile::tempdir().unwrap();
    let config = veza_synth::Config {
        seed: 3,
        persons: 1500,
    };
    veza_synth::generate_to_dir(&config, dir.path()).unwrap();
    let out = dir.path().join("c.csv");
    let s = resolve(
        &[dir.path().join("records.csv")],
        &BatchOptions::default(),
        &out,
    )
    .unwrap();
    let (_, rows) = read_clusters(&out);
    assert_eq!(rows.len(), s.records);
    let mut truth = HashMap::new();
    let mut rdr = csv::Reader::from_path(dir.path().join("truth.csv")).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        truth.insert(r[0].to_owned(), r[1].to_owned());
    }
    let pred: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    let t: Vec<&str> = rows.iter().map(|r| truth[&r.0].as_str()).collect();
    let b3 = veza_resolve::eval::bcubed(&pred, &t);
    assert!(b3.f1 > 0.8, "{b3:?}");
}
