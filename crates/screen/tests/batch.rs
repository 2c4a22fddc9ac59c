//! The batch contract: `veza screen --alerts A.csv --queries Q.csv --top K --output H.csv`.

use veza_screen::batch::screen;

use crate::support::scratch_dir;

const ALERTS: &str = "\
alert_id,category,full_name,given_name,family_name,aliases,date_of_birth,sex,nationality,document_number,extra
A1,arrest,,Jovan,Marković,Jovo Markovic,1980-03-14,M,RS,,x
A2,potential_trafficking_victim,Amina Hadžić,,,,2008,F,BA,,y
A3,document_stolen,,,,,,,,AB1234567,z
A4,refusal_of_entry,Ahmad Karimi,,,Ahmed Kerimi;احمد کریمی,01.01.1992,M,AFG,,
";

const QUERIES: &str = "\
query_id,full_name,given_name,family_name,date_of_birth,sex,nationality,document_number,mrz
Q1,ЈОВАН МАРКОВИЋ,,,19800314,M,RS,,
Q2,,Amina,Hadzic,2008-05,F,,,
Q3,,,,,,,A8I234567,
Q4,Nobody Atall,,,1950,,,,
Q5,,,,,,,,\"P<AFGKARIMI<<AHMAD<<<<<<<<<<<<<<<<<<<<<<<<<<
P1234567<0AFG9201017M3001012<<<<<<<<<<<<<<04\"
Q6,,,,,,,,garbage that is not an mrz
";

#[test]
fn writes_the_contract_format() {
    let dir = scratch_dir("batch");
    let (a, q, h) = (dir.join("a.csv"), dir.join("q.csv"), dir.join("h.csv"));
    std::fs::write(&a, ALERTS).unwrap();
    std::fs::write(&q, QUERIES).unwrap();
    let summary = screen(&a, &q, 2, &h).unwrap();
    assert_eq!(summary.alerts, 4);
    assert_eq!(summary.queries, 6);
    assert_eq!(summary.mrz_unreadable, 1);
    let out = std::fs::read_to_string(&h).unwrap();
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("query_id,alert_id,rank,score"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), summary.hits);
    let first = |qid: &str| rows.iter().find(|r| r[0] == qid).map(|r| r[1]);
    assert_eq!(first("Q1"), Some("A1"));
    assert_eq!(first("Q2"), Some("A2"));
    assert_eq!(first("Q3"), Some("A3"));
    assert_eq!(first("Q5"), Some("A4"));
    // Queries in input order, ranks from 1, at most K per query, six decimals.
    let order: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    for r in &rows {
        assert_eq!(r.len(), 4);
        let rank: usize = r[2].parse().unwrap();
        assert!((1..=2).contains(&rank));
        assert_eq!(r[3].split('.').nth(1).map(str::len), Some(6), "{r:?}");
        let s: f64 = r[3].parse().unwrap();
        assert!((0.0..=1.0).contains(&s));
    }
    for qid in ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"] {
        assert!(rows.iter().filter(|r| r[0] == qid).count() <= 2);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_values_are_located() {
    let dir = scratch_dir("batch-bad");
    let (a, q, h) = (dir.join("a.csv"), dir.join("q.csv"), dir.join("h.csv"));
    std::fs::write(
        &a,
        "alert_id,category,full_name,date_of_birth\nA1,arrest,X Y,1990-13-45\n",
    )
    .unwrap();
    std::fs::write(&q, "query_id,full_name\nQ1,X Y\n").unwrap();
    let err = screen(&a, &q, 10, &h).unwrap_err().to_string();
    assert!(
        err.contains("a.csv")
            && err.contains("line 2")
            && err.contains("date_of_birth")
            && err.contains("1990-13-45"),
        "{err}"
    );
    std::fs::write(&a, "alert_id,full_name\nA1,X\n").unwrap();
    let err = screen(&a, &q, 10, &h).unwrap_err().to_string();
    assert!(err.contains("category"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
