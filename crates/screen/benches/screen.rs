//! End-to-end screening benchmark (`bench/screen/run.sh` drives it).
//!
//! 1. `veza-synth` generates people, their SIS-category alerts and
//!    border-check queries with planted variants (transliterations, MRZ,
//!    OCR-confused document numbers, placeholder and swapped dates), each
//!    query labelled with the alert it should hit, or none.
//! 2. The alert list is padded to the target size with namesakes: names,
//!    sexes and nationalities recombined from the generated alerts, with
//!    random dates of birth (a quarter of them 1 January placeholders).
//!    They make the haystack as hard as the generated names are common.
//! 3. The index is built, saved, loaded; every sampled query is checked
//!    one at a time on one thread (p50, p99); recall@10 and false hits at
//!    or above the review threshold are counted; a sample is also scored
//!    exhaustively against every alert as the recall ceiling.
//! 4. Optionally the alerts and queries are written ASCII-folded for the
//!    PostgreSQL pg_trgm comparison run by the script.
//!
//! 5. With `--show-misses N`, up to N labelled queries whose alert is not
//!    in the top 10 are printed with the alert, where it ranks when every
//!    candidate is scored, how many alerts score at least as high, and the
//!    hits above it (the failure analysis in bench/results/), followed by
//!    the N slowest checks.
//!
//! Recall is also reported for name-only queries (no date of birth, no
//! document number), split into common names (ten or more other alerts
//! match the name at least as well and contradict nothing: no query field
//! can rank the true alert above them) and the rest.
//!
//! Usage: `screen [--persons N] [--alerts N] [--queries N] [--exhaustive N]
//! [--seed S] [--work DIR] [--pg-dir DIR] [--snapshot PATH] [--preselect N]
//! [--show-misses N]`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use veza_model::Alert;
use veza_screen::csv_io::{QueryRow, read_alerts, read_queries};
use veza_screen::namesakes::{Namesakes, neutral_id};
use veza_screen::{Hit, Index, NameForm, REVIEW_THRESHOLD};

// The allocator of the `veza` binary (crates/cli/src/main.rs), so that
// latency and memory are the deployed ones.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Args {
    persons: u64,
    alerts: usize,
    queries: usize,
    exhaustive: usize,
    seed: u64,
    work: PathBuf,
    pg_dir: Option<PathBuf>,
    snapshot: Option<PathBuf>,
    show_misses: usize,
    preselect: usize,
}

fn args() -> Args {
    let mut a = Args {
        persons: 200_000,
        alerts: 1_000_000,
        queries: 5_000,
        exhaustive: 100,
        seed: 1,
        work: PathBuf::from("/tmp/veza-screen-bench"),
        pg_dir: None,
        snapshot: None,
        show_misses: 0,
        preselect: 0,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < argv.len() {
        let v = argv.get(i + 1).cloned().unwrap_or_default();
        match argv[i].as_str() {
            "--persons" => a.persons = v.parse().expect("--persons N"),
            "--alerts" => a.alerts = v.parse().expect("--alerts N"),
            "--queries" => a.queries = v.parse().expect("--queries N"),
            "--exhaustive" => a.exhaustive = v.parse().expect("--exhaustive N"),
            "--seed" => a.seed = v.parse().expect("--seed S"),
            "--work" => a.work = PathBuf::from(v),
            "--pg-dir" => a.pg_dir = Some(PathBuf::from(v)),
            "--snapshot" => a.snapshot = Some(PathBuf::from(v)),
            "--preselect" => a.preselect = v.parse().expect("--preselect N"),
            "--show-misses" => a.show_misses = v.parse().expect("--show-misses N"),
            // `cargo bench` passes `--bench`; ignore it and anything unknown.
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    a
}

/// Peak resident memory of this process in MiB (Linux `VmHWM`).
fn peak_mib() -> f64 {
    status_kib("VmHWM:") / 1024.0
}

fn current_mib() -> f64 {
    status_kib("VmRSS:") / 1024.0
}

fn status_kib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0.0)
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i]
}

fn expected_ids(path: &Path) -> HashMap<String, String> {
    let mut r = csv::Reader::from_path(path).expect("queries.csv");
    let h = r.headers().expect("header").clone();
    let qi = h.iter().position(|c| c == "query_id").expect("query_id");
    let ei = h
        .iter()
        .position(|c| c == "expected_alert_id")
        .expect("expected_alert_id");
    r.records()
        .map(|rec| {
            let rec = rec.expect("record");
            let e = &rec[ei];
            let e = if e.is_empty() {
                String::new()
            } else {
                neutral_id(e)
            };
            (rec[qi].to_owned(), e)
        })
        .collect()
}

/// Recall and false hits of one system on the labelled queries.
#[derive(Default)]
struct Tally {
    labelled: usize,
    found_top10: usize,
    found_above: usize,
    false_above: usize,
    unlabelled: usize,
    unlabelled_false_above: usize,
    with_dob: usize,
    with_dob_found: usize,
    /// Labelled queries with neither a date of birth nor a document
    /// number: only names (and perhaps sex and nationality).
    name_only: usize,
    name_only_found: usize,
    /// Of those, queries whose name is common: at least ten other alerts
    /// match the query name at least as well as the true alert does and
    /// contradict nothing the query carries (see `common_name`).
    name_only_common: usize,
    name_only_common_found: usize,
    /// Score of the labelled alert when in the top 10.
    true_scores: Vec<f64>,
    /// Scores of the other hits, labelled and no-hit queries together.
    false_scores: Vec<f64>,
    queries: usize,
}

impl Tally {
    fn add(&mut self, expected: &str, has_dob: bool, hits: &[Hit]) {
        self.add_query(expected, has_dob, None, hits);
    }

    /// `name_only`: for a labelled query with only names, whether its name
    /// is common.
    fn add_query(&mut self, expected: &str, has_dob: bool, name_only: Option<bool>, hits: &[Hit]) {
        let found = !expected.is_empty() && hits.iter().take(10).any(|h| h.alert_id == expected);
        if let Some(common) = name_only.filter(|_| !expected.is_empty()) {
            self.name_only += 1;
            self.name_only_found += usize::from(found);
            self.name_only_common += usize::from(common);
            self.name_only_common_found += usize::from(common && found);
        }
        self.queries += 1;
        for h in hits {
            if h.alert_id == expected {
                self.true_scores.push(h.score);
            } else {
                self.false_scores.push(h.score);
            }
        }
        let false_above = hits
            .iter()
            .filter(|h| h.score >= REVIEW_THRESHOLD && h.alert_id != expected)
            .count();
        if expected.is_empty() {
            self.unlabelled += 1;
            self.unlabelled_false_above += false_above;
        } else {
            self.labelled += 1;
            self.with_dob += usize::from(has_dob);
            if let Some(h) = hits.iter().take(10).find(|h| h.alert_id == expected) {
                self.found_top10 += 1;
                self.with_dob_found += usize::from(has_dob);
                if h.score >= REVIEW_THRESHOLD {
                    self.found_above += 1;
                }
            }
            self.false_above += false_above;
        }
    }

    /// True hits kept and false hits per query at several thresholds.
    fn print_sweep(&self, prefix: &str) {
        for t in [0.5, 0.6, 0.7, 0.8, 0.9, 0.95] {
            let kept = self.true_scores.iter().filter(|&&s| s >= t).count();
            let false_hits = self.false_scores.iter().filter(|&&s| s >= t).count();
            println!(
                "{prefix}threshold={t:.2} true_hits_at_or_above={:.2}% false_hits_per_query={:.3}",
                100.0 * kept as f64 / self.labelled.max(1) as f64,
                false_hits as f64 / self.queries.max(1) as f64
            );
        }
    }

    fn print(&self, prefix: &str) {
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        println!("{prefix}labelled_queries={}", self.labelled);
        println!(
            "{prefix}recall_at_10={:.2}%",
            pct(self.found_top10, self.labelled)
        );
        println!(
            "{prefix}recall_at_10_queries_with_dob={:.2}% ({} queries) recall_at_10_queries_without_dob={:.2}% ({} queries)",
            pct(self.with_dob_found, self.with_dob),
            self.with_dob,
            pct(
                self.found_top10 - self.with_dob_found,
                self.labelled - self.with_dob
            ),
            self.labelled - self.with_dob
        );
        if self.name_only > 0 {
            let rest = self.name_only - self.name_only_common;
            println!(
                "{prefix}recall_at_10_name_only_queries={:.2}% ({} queries: no date of birth, no document) of_which_common_names={:.2}% ({} queries) other_names={:.2}% ({} queries)",
                pct(self.name_only_found, self.name_only),
                self.name_only,
                pct(self.name_only_common_found, self.name_only_common),
                self.name_only_common,
                pct(self.name_only_found - self.name_only_common_found, rest),
                rest
            );
            let rankable = self.labelled - self.name_only_common;
            println!(
                "{prefix}recall_at_10_without_common_name_only_queries={:.2}% ({} queries)",
                pct(self.found_top10 - self.name_only_common_found, rankable),
                rankable
            );
        }
        println!(
            "{prefix}true_hit_above_threshold={:.2}%",
            pct(self.found_above, self.labelled)
        );
        println!(
            "{prefix}false_hits_above_threshold_labelled={} ({:.3} per query)",
            self.false_above,
            self.false_above as f64 / self.labelled.max(1) as f64
        );
        println!(
            "{prefix}false_hits_above_threshold_no_hit_queries={} over {} queries ({:.3} per query)",
            self.unlabelled_false_above,
            self.unlabelled,
            self.unlabelled_false_above as f64 / self.unlabelled.max(1) as f64
        );
    }
}

fn folded_names(forms: &[NameForm]) -> Vec<String> {
    forms
        .iter()
        .map(|f| veza_names::search_folded(&f.display()))
        .filter(|s| !s.is_empty())
        .collect()
}

fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r', '\\'], " ")
}

/// Whether a name-only query's name is common in the index: at least ten
/// alerts other than the true one match the query name at least as well
/// as the true alert and contradict neither sex nor nationality. Such a
/// query carries nothing that could rank its alert above them; ties among
/// them are broken by alert id. A true alert that is not even a candidate
/// is counted as not common (the failure is then the index's).
fn common_name(index: &Index, query: &veza_screen::Query, expected: &str) -> bool {
    use veza_screen::Agreement;
    let all = index.check(query, 100_000);
    let Some(truth) = all.iter().find(|h| h.alert_id == expected) else {
        return false;
    };
    let s = truth.explanation.name_score;
    all.iter()
        .filter(|h| {
            h.alert_id != expected
                && h.explanation.name_score >= s
                && h.explanation.sex != Agreement::Differs
                && h.explanation.nationality != Agreement::Differs
        })
        .count()
        >= 10
}

/// A one-line summary of an alert for the miss dump.
fn alert_line(a: &Alert) -> String {
    let names: Vec<String> = a
        .names
        .iter()
        .map(|n| format!("{:?}:{}", n.kind, n.value))
        .collect();
    let docs: Vec<&str> = a.documents.iter().map(|d| d.number.as_str()).collect();
    format!(
        "{} {:?} [{}] dob={} sex={:?} nat={:?} docs={:?}",
        a.id,
        a.category,
        names.join(" | "),
        a.date_of_birth.map_or("-".to_owned(), |d| d.to_string()),
        a.sex,
        a.nationalities,
        docs
    )
}

/// Prints up to `--show-misses` labelled queries whose alert is not in the
/// top 10: the query, the labelled alert, where it ranks and why, and the
/// hits above it, for classifying the failures.
fn show_misses(
    a: &Args,
    index: &Index,
    sample: &[&QueryRow],
    hits: &[Vec<Hit>],
    expected: &HashMap<String, String>,
    alerts: &HashMap<String, Alert>,
) {
    let mut shown = 0;
    for (row, hits) in sample.iter().zip(hits) {
        let e = expected.get(&row.query_id).map_or("", String::as_str);
        if e.is_empty() || hits.iter().any(|h| h.alert_id == e) || shown >= a.show_misses {
            continue;
        }
        shown += 1;
        println!("MISS {} expected {e}", row.query_id);
        println!("  query: {:?}", row.query);
        match alerts.get(e) {
            Some(al) => println!("  alert: {}", alert_line(al)),
            None => println!("  alert: (not in the list)"),
        }
        let all = index.check(&row.query, 100_000);
        match all.iter().find(|h| h.alert_id == e) {
            Some(h) => println!(
                "  expected at rank {} of {}:\n{}",
                h.rank,
                all.len(),
                indent(&h.explanation.to_string())
            ),
            None => println!(
                "  expected alert not among the {} candidates scored",
                all.len()
            ),
        }
        let ties = all
            .iter()
            .filter(|h| all.get(9).is_some_and(|t| h.score >= t.score))
            .count();
        println!("  hits scoring at least the 10th: {ties}");
        if let Some(t) = all.iter().find(|h| h.alert_id == e) {
            let above = all
                .iter()
                .filter(|h| h.alert_id != e && h.score >= t.score)
                .count();
            println!("  other hits scoring at least the expected: {above}");
        }
        if row.query.date_of_birth.is_none() && row.query.document_number.is_none() {
            println!(
                "  name-only query, common name: {}",
                common_name(index, &row.query, e)
            );
        }
        for h in hits.iter().take(3) {
            let line = alerts.get(&h.alert_id).map_or(String::new(), alert_line);
            println!("  top #{} {:.4}: {line}", h.rank, h.score);
            println!("{}", indent(&h.explanation.to_string()));
        }
    }
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("      {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn main() {
    let a = args();
    println!("matcher: {}", veza_names::MATCHER_VERSION);
    std::fs::create_dir_all(&a.work).expect("work dir");
    let synth_dir = a.work.join(format!("synth-{}-{}", a.seed, a.persons));
    if !synth_dir.join("queries.csv").exists() {
        let t = Instant::now();
        let config = veza_synth::Config {
            seed: a.seed,
            persons: a.persons,
        };
        veza_synth::generate_to_dir(&config, &synth_dir).expect("generate");
        println!("synth_seconds={:.1}", t.elapsed().as_secs_f64());
    }
    let mut generated = read_alerts(&synth_dir.join("alerts.csv")).expect("alerts.csv");
    for al in &mut generated {
        al.id = neutral_id(&al.id);
    }
    let rows: Vec<QueryRow> = read_queries(&synth_dir.join("queries.csv")).expect("queries.csv");
    let expected = expected_ids(&synth_dir.join("queries.csv"));
    let step = (rows.len() / a.queries.max(1)).max(1);
    let sample: Vec<&QueryRow> = rows.iter().step_by(step).take(a.queries).collect();
    println!(
        "generated_alerts={} queries_total={} queries_sampled={}",
        generated.len(),
        rows.len(),
        sample.len()
    );

    let mut padder = Namesakes::new(&generated, a.seed ^ 0x5eed);
    let padding = a.alerts.saturating_sub(generated.len());
    let mut pg_alerts = a.pg_dir.as_ref().map(|d| {
        std::fs::create_dir_all(d).expect("pg dir");
        std::io::BufWriter::new(std::fs::File::create(d.join("alerts.tsv")).expect("alerts.tsv"))
    });
    let mut write_pg = |alerts: &[Alert]| {
        if let Some(w) = pg_alerts.as_mut() {
            for al in alerts {
                for name in folded_names(&NameForm::from_alert_names(&al.names)) {
                    writeln!(w, "{}\t{}", al.id, tsv(&name)).expect("write");
                }
            }
        }
    };

    // Build: the generated alerts, then the padding in chunks so the input
    // never sits in memory all at once.
    let base_mib = current_mib();
    let t_build = Instant::now();
    let mut build_input_secs = 0.0;
    write_pg(&generated);
    let mut dump: HashMap<String, Alert> = HashMap::new();
    if a.show_misses > 0 {
        dump.extend(generated.iter().map(|al| (al.id.clone(), al.clone())));
    }
    let mut index = Index::build(generated);
    // Padding is made lazily as the index consumes it; its cost (and the
    // folding for PostgreSQL) is timed separately and subtracted.
    let input_secs = std::cell::Cell::new(0.0);
    let dump_padding = std::cell::RefCell::new(Vec::new());
    let padding_alerts = (0..padding).map(|i| {
        let t = Instant::now();
        let alert = padder.alert(i);
        write_pg(std::slice::from_ref(&alert));
        if a.show_misses > 0 {
            dump_padding.borrow_mut().push(alert.clone());
        }
        input_secs.set(input_secs.get() + t.elapsed().as_secs_f64());
        alert
    });
    index.extend(padding_alerts);
    build_input_secs += input_secs.get();
    dump.extend(
        dump_padding
            .into_inner()
            .into_iter()
            .map(|al| (al.id.clone(), al)),
    );
    drop(pg_alerts);
    let build_secs = t_build.elapsed().as_secs_f64() - build_input_secs;
    let (keys, postings) = index.key_stats();
    println!("alerts_indexed={}", index.len());
    println!(
        "index_build_seconds={build_secs:.1} (excluding {build_input_secs:.1} s making the input)"
    );
    println!(
        "index_keys={keys} index_postings={postings} index_distinct_names={}",
        index.distinct_names()
    );
    println!(
        "rss_after_build_mib={:.0} (process before build {:.0}) peak_mib={:.0}",
        current_mib(),
        base_mib,
        peak_mib()
    );

    if let Some(path) = &a.snapshot {
        let t = Instant::now();
        index.save(path).expect("save");
        let save = t.elapsed().as_secs_f64();
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        drop(index);
        let t = Instant::now();
        index = Index::load(path).expect("load");
        println!(
            "snapshot_save_seconds={save:.1} snapshot_load_seconds={:.1} snapshot_mib={:.0}",
            t.elapsed().as_secs_f64(),
            size as f64 / 1048576.0
        );
        let _ = std::fs::remove_file(path);
        println!("peak_mib_after_reload={:.0}", peak_mib());
    }

    index.set_preselect(a.preselect);
    // Checks, one at a time on one thread.
    let mut times = Vec::with_capacity(sample.len());
    let mut tally = Tally::default();
    let mut all_hits = Vec::with_capacity(sample.len());
    let mut tally_pending: Vec<(&str, bool, Vec<Hit>)> = Vec::with_capacity(sample.len());
    let mut name_only_queries: Vec<Option<&str>> = Vec::with_capacity(sample.len());
    for row in &sample {
        let t = Instant::now();
        let hits = index.check(&row.query, 10);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        let e = expected.get(&row.query_id).map_or("", String::as_str);
        name_only_queries.push(
            (!e.is_empty()
                && row.query.date_of_birth.is_none()
                && row.query.document_number.is_none())
            .then_some(e),
        );
        tally_pending.push((e, row.query.date_of_birth.is_some(), hits.clone()));
        all_hits.push(hits);
    }
    // Commonness of name-only queries, outside the timed loop.
    for (((e, dob, hits), name_only), row) in
        tally_pending.iter().zip(&name_only_queries).zip(&sample)
    {
        let common = name_only.map(|e| common_name(&index, &row.query, e));
        tally.add_query(e, *dob, common, hits);
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    println!(
        "check_ms_p50={:.3} check_ms_p99={:.3} check_ms_mean={:.3} check_ms_max={:.3}",
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.99),
        times.iter().sum::<f64>() / times.len().max(1) as f64,
        sorted.last().copied().unwrap_or(f64::NAN)
    );
    tally.print("veza_");
    tally.print_sweep("veza_");
    if a.show_misses > 0 {
        let mut slow: Vec<(f64, usize)> = times.iter().copied().zip(0..).collect();
        slow.sort_by(|x, y| y.0.total_cmp(&x.0));
        for (ms, i) in slow.into_iter().take(a.show_misses) {
            println!("SLOW {ms:.2} ms: {:?}", sample[i].query);
        }
    }
    show_misses(&a, &index, &sample, &all_hits, &expected, &dump);

    // Exhaustive scoring of a sample of labelled queries: the ceiling.
    if a.exhaustive > 0 {
        let labelled: Vec<&&QueryRow> = sample
            .iter()
            .filter(|r| expected.get(&r.query_id).is_some_and(|e| !e.is_empty()))
            .collect();
        let stride = labelled.len().checked_div(a.exhaustive).unwrap_or(1).max(1);
        let chosen: Vec<&&QueryRow> = labelled
            .into_iter()
            .step_by(stride)
            .take(a.exhaustive)
            .collect();
        let queries: Vec<_> = chosen.iter().map(|r| r.query.clone()).collect();
        let t = Instant::now();
        let exhaustive = index.check_exhaustive(&queries, 10);
        let secs = t.elapsed().as_secs_f64();
        let mut ceiling = Tally::default();
        let mut indexed = Tally::default();
        for (row, hits) in chosen.iter().zip(&exhaustive) {
            let e = expected.get(&row.query_id).map_or("", String::as_str);
            let dob = row.query.date_of_birth.is_some();
            ceiling.add(e, dob, hits);
            indexed.add(e, dob, &index.check(&row.query, 10));
        }
        println!(
            "exhaustive_queries={} exhaustive_seconds={secs:.1}",
            queries.len()
        );
        ceiling.print("exhaustive_");
        indexed.print("veza_on_exhaustive_sample_");
    }

    if let Some(d) = &a.pg_dir {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(d.join("queries.tsv")).expect("queries.tsv"),
        );
        for row in &sample {
            let name = folded_names(&row.query.names)
                .into_iter()
                .next()
                .unwrap_or_default();
            let e = expected.get(&row.query_id).map_or("", String::as_str);
            writeln!(w, "{}\t{}\t{}", row.query_id, tsv(&name), e).expect("write");
        }
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(d.join("veza_hits.tsv")).expect("veza_hits.tsv"),
        );
        for (row, hits) in sample.iter().zip(&all_hits) {
            for h in hits {
                writeln!(
                    w,
                    "{}\t{}\t{}\t{:.6}",
                    row.query_id, h.alert_id, h.rank, h.score
                )
                .expect("write");
            }
        }
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(d.join("veza_times.tsv")).expect("veza_times.tsv"),
        );
        for (row, ms) in sample.iter().zip(&times) {
            writeln!(w, "{}\t{ms:.4}", row.query_id).expect("write");
        }
        println!("pg_files={}", d.display());
    }
    println!("peak_mib_end={:.0}", peak_mib());
}
