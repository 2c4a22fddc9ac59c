//! Golden decisions: each case of `golden.csv` must land on its side of the
//! thresholds (a clear 0.70 for matches, the decision threshold for
//! non-matches), and the explanation must agree with the score.

const CASES: &str = include_str!("golden.csv");
const MATCH_MIN: f64 = 0.70;
const NO_MATCH_MAX: f64 = veza_names::v1::DECISION_THRESHOLD;

#[test]
fn golden_cases_decide_as_expected() {
    let mut failures = Vec::new();
    let mut n = 0;
    for line in CASES.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.splitn(4, ',').collect();
        let (a, b, expect, note) = (cols[0], cols[1], cols[2], cols[3]);
        let (x, y) = (veza_names::analyse(a), veza_names::analyse(b));
        let s = veza_names::score(&x, &y);
        let ok = match expect {
            "match" => s >= MATCH_MIN,
            "no_match" => s < NO_MATCH_MAX,
            other => panic!("bad expectation {other}"),
        };
        if !ok {
            failures.push(format!(
                "{a} / {b}: {s:.3}, expected {expect} ({note})\n{}",
                veza_names::explain(&x, &y)
            ));
        }
        n += 1;
    }
    assert!(n >= 60, "only {n} golden cases");
    assert!(
        failures.is_empty(),
        "{} of {n} golden cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn explanation_matches_score_and_names_rules() {
    let a = veza_names::analyse("Xhemajl Krasniqi");
    let b = veza_names::analyse("Džemajl Krasnići");
    let e = veza_names::explain(&a, &b);
    assert_eq!(e.score, veza_names::score(&a, &b));
    assert_eq!(e.version, veza_names::MATCHER_VERSION);
    assert_eq!(e.pairs.len(), 2);
    let json = serde_json::to_string(&e).unwrap();
    assert!(json.contains("\"rule\""), "{json}");
    let text = e.to_string();
    assert!(
        text.contains("xhemajl") && text.contains("džemajl"),
        "{text}"
    );
}

#[test]
fn hard_negative_explanation_shows_the_difference() {
    let a = veza_names::analyse("Ivan Petrović");
    let b = veza_names::analyse("Ivan Petković");
    let e = veza_names::explain(&a, &b);
    let p = e.pairs.iter().find(|p| p.a == "petrović").expect("aligned");
    assert_eq!(p.b, "petković");
    assert!(
        matches!(
            p.rule,
            veza_names::Rule::Edit { .. } | veza_names::Rule::KnownDistinct { .. }
        ),
        "{:?}",
        p.rule
    );
    assert!(p.similarity < 0.5);
}

#[test]
fn blocking_keys_link_cross_script_variants() {
    let pairs = [
        ("Ђорђе Петровић", "Dordevic Djordje"),
        ("Mehmet Yılmaz", "Muhammad Yilmaz"),
        ("محمد حسين", "Mohamed Hussein"),
        ("Xhemajl Krasniqi", "Džemajl Krasnići"),
    ];
    for (a, b) in pairs {
        let ka = veza_names::blocking_keys(&veza_names::analyse(a));
        let kb = veza_names::blocking_keys(&veza_names::analyse(b));
        assert!(
            ka.iter().any(|k| kb.contains(k)),
            "{a} / {b} share no blocking key"
        );
    }
    let ka = veza_names::blocking_keys(&veza_names::analyse("Petar Horvat"));
    let kb = veza_names::blocking_keys(&veza_names::analyse("Ana Kovačević"));
    assert!(!ka.iter().any(|k| kb.contains(k)));
}

#[test]
fn search_folding_is_ascii_and_readable() {
    assert_eq!(
        veza_names::search_folded("Đorđe Petrović"),
        "djordje petrovic"
    );
    assert_eq!(
        veza_names::search_folded("Ђорђе Петровић"),
        "djordje petrovic"
    );
    assert_eq!(veza_names::search_folded("Γεώργιος"), "georgios");
    assert_eq!(veza_names::search_folded("محمد"), "muhammad");
}

#[test]
fn roles_from_parts_weight_the_family_name() {
    let a = veza_names::analyse_parts("Marko", "Petrović");
    let b = veza_names::analyse_parts("Petrović", "Marko");
    let c = veza_names::analyse_parts("Marko", "Petrović");
    assert_eq!(veza_names::score(&a, &c), 1.0);
    let swapped = veza_names::score(&a, &b);
    assert!(swapped < 1.0 && swapped > 0.8, "{swapped}");
}

#[test]
fn normalize_report_lists_systems() {
    let r = veza_names::normalize_report("Ђорђе Петровић");
    let systems: Vec<&str> = r.tokens[0].romanisations.iter().map(|r| r.system).collect();
    assert!(
        systems.contains(&"sr-gaj") && systems.contains(&"sr-dj"),
        "{systems:?}"
    );
    assert!(!r.blocking_keys.is_empty());
    assert!(r.to_string().contains("djordje"));
}
