//! The `veza names score --pairs` contract: header `a,b` in, `a,b,score`
//! out, one row per input row, input order, six decimals.

use veza_names::batch::score_pairs;

fn run(input: &str) -> Result<(usize, String), veza_names::Error> {
    let mut out = Vec::new();
    let n = score_pairs(input.as_bytes(), &mut out)?;
    Ok((n, String::from_utf8(out).unwrap()))
}

#[test]
fn scores_rows_in_input_order() {
    let input = "a,b\nĐorđe Petrović,Djordje Petrovic\n\"Petrović, Marko\",Marko Petrović\nIvan Petrović,Ivan Petković\n";
    let (n, out) = run(input).unwrap();
    assert_eq!(n, 3);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(r.headers().unwrap(), vec!["a", "b", "score"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][0], "Đorđe Petrović");
    assert_eq!(&rows[1][0], "Petrović, Marko");
    assert_eq!(&rows[2][1], "Ivan Petković");
    for row in &rows {
        let s = &row[2];
        assert_eq!(s.split('.').nth(1).map(str::len), Some(6), "{s}");
        let v: f64 = s.parse().unwrap();
        assert!((0.0..=1.0).contains(&v));
        let direct =
            veza_names::score(&veza_names::analyse(&row[0]), &veza_names::analyse(&row[1]));
        assert_eq!(s, format!("{direct:.6}"));
    }
}

#[test]
fn empty_input_gives_header_only() {
    let (n, out) = run("a,b\n").unwrap();
    assert_eq!(n, 0);
    assert_eq!(out, "a,b,score\n");
}

#[test]
fn extra_columns_are_ignored_and_order_of_columns_is_free() {
    let (n, out) = run("id,b,a\n1,Ana,Anna\n").unwrap();
    assert_eq!(n, 1);
    assert!(out.starts_with("a,b,score\nAnna,Ana,"), "{out}");
}

#[test]
fn missing_header_is_an_error() {
    let err = run("x,y\n1,2\n").unwrap_err();
    assert!(matches!(err, veza_names::Error::Header { .. }), "{err}");
}

#[test]
fn malformed_row_names_its_line() {
    let err = run("a,b\nAna,Anna\nonly-one-field\n").unwrap_err();
    match err {
        veza_names::Error::Row { line, .. } => assert_eq!(line, 3),
        other => panic!("unexpected {other}"),
    }
}
