//! The output files follow the contract: exact headers, canonical values
//! that `veza import` accepts, consistent ground truth, valid MRZs.

mod common;
use common::{read_csv, temp_dir};
use std::collections::{HashMap, HashSet};
use veza_synth::{
    ALERT_HEADER, Config, EVENT_HEADER, QUERY_HEADER, RECORD_HEADER, RELATION_HEADER, TRUTH_HEADER,
    generate_to_dir, verify_td3,
};

const ISO: &[&str] = &[
    "AF", "SY", "PK", "IQ", "MA", "DZ", "BD", "IR", "TR", "EG", "RS", "MK", "AL", "XK", "BA", "ME",
    "GR", "BG", "HU", "HR", "SI", "AT", "DE", "IT",
];

const ROLES: &[&str] = &[
    "suspect",
    "convicted",
    "victim",
    "presumed_victim",
    "witness",
    "associate",
    "smuggled_migrant",
    "other",
];

const CATEGORIES: &[&str] = &[
    "arrest",
    "missing_person",
    "vulnerable_person",
    "potential_trafficking_victim",
    "judicial_procedure",
    "discreet_check",
    "inquiry_check",
    "specific_check",
    "refusal_of_entry",
    "return",
    "document_stolen",
    "document_lost",
    "document_invalidated",
    "blank_document",
    "vehicle",
    "number_plate",
    "firearm",
];

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn valid_ymd(y: &str, m: &str, d: &str) -> bool {
    if !(digits(y) && y.len() == 4 && digits(m) && m.len() == 2 && digits(d) && d.len() == 2) {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let max = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2030).contains(&y) && d >= 1 && d <= max
}

/// The date forms `veza import` accepts.
fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    match s.len() {
        0 => true,
        4 => digits(s),
        7 => {
            b[4] == b'-'
                && digits(&s[..4])
                && digits(&s[5..])
                && (1..=12).contains(&s[5..].parse::<u32>().unwrap_or(0))
        }
        8 => digits(s) && valid_ymd(&s[..4], &s[4..6], &s[6..]),
        10 if b[4] == b'-' && b[7] == b'-' => valid_ymd(&s[..4], &s[5..7], &s[8..]),
        10 if b[2] == b'.' && b[5] == b'.' => valid_ymd(&s[6..], &s[3..5], &s[..2]),
        _ => false,
    }
}

fn valid_e164(s: &str) -> bool {
    s.is_empty()
        || (s.starts_with('+')
            && digits(&s[1..])
            && (8..=16).contains(&s.len())
            && !s[1..].starts_with('0'))
}

fn valid_nationality(s: &str) -> bool {
    s.is_empty() || s.split(';').all(|c| ISO.contains(&c))
}

fn valid_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 20 && b[10] == b'T' && b[19] == b'Z' && valid_ymd(&s[..4], &s[5..7], &s[8..10])
}

struct Generated {
    records: Vec<Vec<String>>,
    truth: Vec<Vec<String>>,
    events: Vec<Vec<String>>,
    relations: Vec<Vec<String>>,
    alerts: Vec<Vec<String>>,
    queries: Vec<Vec<String>>,
}

fn generate(seed: u64, persons: u64) -> Generated {
    let dir = temp_dir(&format!("contract-{seed}"));
    generate_to_dir(&Config { seed, persons }, &dir).expect("generate");
    let load = |name: &str, header: &[&str]| {
        let (h, rows) = read_csv(&dir.join(name));
        assert_eq!(h, header, "{name} header");
        rows
    };
    let g = Generated {
        records: load("records.csv", &RECORD_HEADER),
        truth: load("truth.csv", &TRUTH_HEADER),
        events: load("events.csv", &EVENT_HEADER),
        relations: load("relations.csv", &RELATION_HEADER),
        alerts: load("alerts.csv", &ALERT_HEADER),
        queries: load("queries.csv", &QUERY_HEADER),
    };
    let _ = std::fs::remove_dir_all(&dir);
    g
}

#[test]
fn exact_header_strings() {
    assert_eq!(
        RECORD_HEADER.join(","),
        "record_id,source,given_name,family_name,full_name,father_name,date_of_birth,sex,nationality,place_of_birth,document_type,document_number,document_country,phone,address,city,postcode,region,national_id,role"
    );
    assert_eq!(
        ALERT_HEADER.join(","),
        "alert_id,category,full_name,given_name,family_name,aliases,date_of_birth,sex,nationality,document_number,document_country,vehicle_plate,warning_markers,action,issuing_country,person_id"
    );
    assert_eq!(
        QUERY_HEADER.join(","),
        "query_id,full_name,given_name,family_name,date_of_birth,sex,nationality,document_number,mrz,expected_alert_id"
    );
}

#[test]
fn every_record_passes_the_canonical_validator() {
    for seed in [3, 17] {
        let g = generate(seed, 4000);
        assert!(g.records.len() > 4000);
        let mut ids = HashSet::new();
        for r in &g.records {
            assert!(ids.insert(r[0].clone()), "duplicate record_id {}", r[0]);
            assert!(
                !r[1].is_empty() && r[1].bytes().all(|b| b.is_ascii_uppercase() || b == b'-'),
                "source {}",
                r[1]
            );
            assert!(
                !(r[2].is_empty() && r[3].is_empty() && r[4].is_empty()),
                "record without a name: {r:?}"
            );
            assert!(valid_date(&r[6]), "date_of_birth {:?} in {r:?}", r[6]);
            assert!(["M", "F", "U", ""].contains(&r[7].as_str()), "sex {}", r[7]);
            assert!(valid_nationality(&r[8]), "nationality {}", r[8]);
            assert!(
                ["P", "ID", "RP", "TD", ""].contains(&r[10].as_str()),
                "document_type {}",
                r[10]
            );
            assert_eq!(r[10].is_empty(), r[11].is_empty());
            assert!(
                r[12].is_empty() || ISO.contains(&r[12].as_str()),
                "document_country {}",
                r[12]
            );
            assert!(valid_e164(&r[13]), "phone {}", r[13]);
            assert!(ROLES.contains(&r[19].as_str()), "role {}", r[19]);
            for field in r {
                assert_eq!(field.trim(), field, "surrounding spaces in {r:?}");
                assert!(!field.contains('\n'));
            }
        }
    }
}

#[test]
fn truth_is_consistent() {
    let g = generate(5, 5000);
    assert_eq!(g.records.len(), g.truth.len());
    let members: HashSet<(String, String)> = g
        .relations
        .iter()
        .filter(|r| r[1] == "member_of")
        .map(|r| (r[3].clone(), r[5].clone()))
        .collect();
    let mut person_of_record = HashMap::new();
    let mut person_facts: HashMap<String, (String, String, String)> = HashMap::new();
    let mut victim_cases: HashSet<(String, String)> = HashSet::new();
    let mut suspect_cases: HashSet<(String, String)> = HashSet::new();
    for (rec, t) in g.records.iter().zip(&g.truth) {
        assert_eq!(rec[0], t[0], "truth rows follow records");
        person_of_record.insert(t[0].clone(), t[1].clone());
        if !t[2].is_empty() {
            assert!(
                members.contains(&(t[1].clone(), t[2].clone())),
                "{} not a member of {}",
                t[1],
                t[2]
            );
            assert!(!t[3].is_empty(), "network member without role");
        }
        // A person's true facts never change between records.
        let facts = (t[2].clone(), t[4].clone(), t[12].clone());
        let prev = person_facts
            .entry(t[1].clone())
            .or_insert_with(|| facts.clone());
        assert_eq!(*prev, facts);
        if t[4] == "true" {
            assert_ne!(rec[19], "suspect", "victim {} recorded as suspect", t[1]);
            victim_cases.insert((t[1].clone(), t[6].clone()));
        }
        if rec[19] == "suspect" {
            suspect_cases.insert((t[1].clone(), t[6].clone()));
            assert_eq!(t[5], "facilitator");
        }
        if rec[19] == "smuggled_migrant" {
            assert_ne!(
                t[5], "facilitator",
                "facilitator recorded as smuggled migrant"
            );
        }
    }
    assert!(victim_cases.is_disjoint(&suspect_cases));
    assert!(g.truth.iter().any(|t| t[4] == "true"), "some victims");
    assert!(
        g.truth.iter().any(|t| !t[2].is_empty()),
        "some network members"
    );
    // Events and relations refer to generated people.
    let persons: HashSet<&String> = person_of_record.values().collect();
    let mut seen = 0;
    for e in &g.events {
        assert!(valid_rfc3339(&e[2]), "time {}", e[2]);
        for part in e[8].split(';') {
            let (pid, _role) = part.split_once(':').expect("participant pid:role");
            assert!(pid.starts_with('P') && pid.len() == 9);
            seen += usize::from(persons.contains(&pid.to_string()));
        }
        if e[1] == "payment" {
            assert!(digits(&e[10]));
        }
    }
    assert!(seen > 0);
}

#[test]
fn alerts_and_queries_follow_the_contract() {
    let g = generate(9, 6000);
    let mut alert_ids = HashSet::new();
    for a in &g.alerts {
        assert!(alert_ids.insert(a[0].clone()));
        assert!(CATEGORIES.contains(&a[1].as_str()), "category {}", a[1]);
        let object = matches!(
            a[1].as_str(),
            "document_stolen"
                | "document_lost"
                | "document_invalidated"
                | "blank_document"
                | "vehicle"
                | "number_plate"
                | "firearm"
        );
        if object {
            for i in [2, 3, 4, 5, 6, 7, 8, 15] {
                assert!(
                    a[i].is_empty(),
                    "object alert with person column {i}: {a:?}"
                );
            }
            assert!(!(a[9].is_empty() && a[11].is_empty()));
        } else {
            assert!(!a[2].is_empty() && a[15].starts_with('P'), "{a:?}");
            assert!(valid_date(&a[6]));
            assert!(valid_nationality(&a[8]));
        }
    }
    // Documents with an alert: a check that should hit nothing never
    // presents one of them.
    let alerted_documents: HashSet<&str> = g
        .alerts
        .iter()
        .filter(|a| a[1].starts_with("document_") || a[1] == "blank_document")
        .map(|a| a[9].as_str())
        .collect();
    let mut hits = 0;
    let mut misses = 0;
    let mut mrz = 0;
    for q in &g.queries {
        if q[9].is_empty() {
            misses += 1;
            assert!(
                !alerted_documents.contains(q[7].as_str()),
                "no-hit query presents an alerted document: {q:?}"
            );
            if let Some(line2) = q[8].split('\n').nth(1) {
                let number = line2[..9].trim_end_matches('<');
                assert!(
                    !alerted_documents.contains(number),
                    "no-hit MRZ of an alerted document: {q:?}"
                );
            }
        } else {
            hits += 1;
            assert!(alert_ids.contains(&q[9]), "unknown expected alert {}", q[9]);
        }
        if !q[8].is_empty() {
            mrz += 1;
            assert!(verify_td3(&q[8]), "invalid MRZ {:?}", q[8]);
        }
        assert!(valid_date(&q[4]), "query date {}", q[4]);
        assert!(
            !(q[1].is_empty()
                && q[2].is_empty()
                && q[3].is_empty()
                && q[7].is_empty()
                && q[8].is_empty()),
            "empty query {q:?}"
        );
    }
    assert!(
        hits > 100 && misses > 100 && mrz > 10,
        "{hits} {misses} {mrz}"
    );
}

#[test]
fn common_names_are_common() {
    // Mohammad and its spellings are the most frequent given-name token
    // among men from Afghanistan, Pakistan and Syria.
    let g = generate(21, 8000);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (r, t) in g.records.iter().zip(&g.truth) {
        if ["AF", "PK", "SY"].contains(&t[13].as_str()) && t[14] == "M" {
            for tok in t[10].split(' ') {
                *counts.entry(tok.to_lowercase()).or_default() += 1;
            }
        }
        let _ = r;
    }
    let top = counts
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(k, _)| k.clone())
        .unwrap();
    assert!(
        top.starts_with("mu") || top.starts_with("mo") || top == "md",
        "top token {top}"
    );
}

#[test]
fn files_are_standard_csv_byte_for_byte() {
    // Re-encoding every row with the csv crate reproduces the files exactly:
    // the generator's encoder quotes as the csv crate does.
    let dir = temp_dir("reencode");
    generate_to_dir(
        &Config {
            seed: 77,
            persons: 3000,
        },
        &dir,
    )
    .expect("generate");
    for name in common::FILES {
        let original = std::fs::read(dir.join(name)).expect("read");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&original[..]);
        let mut writer = csv::Writer::from_writer(Vec::new());
        for row in reader.records() {
            writer.write_record(&row.expect("row")).expect("write");
        }
        let again = writer.into_inner().expect("bytes");
        assert!(again == original, "{name} differs after re-encoding");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
