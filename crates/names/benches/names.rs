//! Throughput of analysis and of scoring pre-analysed names, printed as
//! plain figures (no harness): `cargo bench -p veza-names`.
//!
//! Names are built from given and family names across the scripts of the
//! route, combined deterministically; pairs are drawn with a fixed
//! xorshift generator, so runs are comparable.

use std::hint::black_box;
use std::time::Instant;

const GIVEN: &[&str] = &[
    "Mohammad",
    "Muhammad",
    "Ahmed",
    "Ali",
    "Hussein",
    "Hassan",
    "Omar",
    "Yusuf",
    "Ibrahim",
    "Abdul Rahman",
    "Gul Agha",
    "Mehmet",
    "Hüseyin",
    "Xhemajl",
    "Đorđe",
    "Ђорђе",
    "Marko",
    "Милан",
    "Jovana",
    "Георги",
    "Γεώργιος",
    "Ευάγγελος",
    "محمد",
    "حسين",
    "عبد الله",
    "Fatima",
    "Aisha",
    "Maryam",
    "Zainab",
    "Nikola",
    "Stefan",
    "Aleksandar",
    "Ivan",
    "Ana",
    "Elena",
    "Jürgen",
    "George",
    "Džemal",
    "Qasim",
    "Ghulam Hazrat",
];
const FAMILY: &[&str] = &[
    "Karimi",
    "Rahimi",
    "Ahmadi",
    "Hosseini",
    "Petrović",
    "Petrovic",
    "Jovanović",
    "Петровић",
    "Stojanović",
    "Krasniqi",
    "Gashi",
    "Berisha",
    "Yılmaz",
    "Kaya",
    "Papadopoulos",
    "Παπαδόπουλος",
    "Nikolaou",
    "Dimitrov",
    "Иванов",
    "Horvat",
    "Nagy",
    "Müller",
    "Al-Masri",
    "bin Laden",
    "Khan",
    "Popal",
    "Durrani",
    "کریمی",
    "حداد",
    "Hadžić",
];

/// CPU time of this thread in seconds (Linux), so that figures stay
/// meaningful on a shared machine; falls back to `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime), counted after the comm field.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Runs `f`, printing its rate by wall time and by CPU time.
fn timed(label: &str, count: usize, f: impl FnOnce()) {
    let cpu0 = cpu_seconds();
    let start = Instant::now();
    f();
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    match cpu {
        Some(c) if c > 0.0 => println!(
            "{label}: {count} in {wall:.3}s wall = {:.0}/s; {c:.2}s CPU = {:.0}/s per core",
            count as f64 / wall,
            count as f64 / c
        ),
        _ => println!(
            "{label}: {count} in {wall:.3}s = {:.0}/s",
            count as f64 / wall
        ),
    }
}

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The evaluation set: its distinct names form a realistic pool across
/// scripts, and its pairs are the near-match workload.
const EVAL: &str = include_str!("../eval/pairs.csv");

fn eval_pairs() -> Vec<(String, String)> {
    let mut r = csv::Reader::from_reader(EVAL.as_bytes());
    r.records()
        .filter_map(Result::ok)
        .map(|rec| (rec[0].to_string(), rec[1].to_string()))
        .collect()
}

fn main() {
    let mut names = Vec::new();
    for g in GIVEN {
        for f in FAMILY {
            names.push(format!("{g} {f}"));
        }
    }
    let eval = eval_pairs();
    let mut pool: Vec<String> = eval
        .iter()
        .flat_map(|(a, b)| [a.clone(), b.clone()])
        .collect();
    pool.sort();
    pool.dedup();
    // Warm the tables once so their parse is not timed.
    black_box(veza_names::analyse("warm up"));

    let rounds = 60;
    let mut analysed = Vec::new();
    timed("analysis (names)", rounds * names.len(), || {
        for _ in 0..rounds {
            analysed = names
                .iter()
                .map(|n| veza_names::analyse(n))
                .collect::<Vec<_>>();
            black_box(&analysed);
        }
    });

    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let pool: Vec<_> = pool.iter().map(|n| veza_names::analyse(n)).collect();
    let pool_pairs: Vec<(usize, usize)> = (0..200_000)
        .map(|_| {
            (
                rng.next() as usize % pool.len(),
                rng.next() as usize % pool.len(),
            )
        })
        .collect();
    let mut acc = 0.0;
    timed(
        &format!(
            "scoring, random pairs of the {} evaluation names (scores)",
            pool.len()
        ),
        10 * pool_pairs.len(),
        || {
            for _ in 0..10 {
                for &(i, j) in &pool_pairs {
                    acc += veza_names::score(&pool[i], &pool[j]);
                }
            }
        },
    );
    let eval_analysed: Vec<_> = eval
        .iter()
        .map(|(a, b)| (veza_names::analyse(a), veza_names::analyse(b)))
        .collect();
    timed(
        "scoring, the evaluation pairs (scores)",
        50 * eval_analysed.len(),
        || {
            for _ in 0..50 {
                for (a, b) in &eval_analysed {
                    acc += veza_names::score(a, b);
                }
            }
        },
    );
    let pairs: Vec<(usize, usize)> = (0..200_000)
        .map(|_| {
            let i = rng.next() as usize % analysed.len();
            let j = rng.next() as usize % analysed.len();
            (i, j)
        })
        .collect();
    let rounds = 10;
    timed(
        "scoring, random pairs of the synthetic grid (scores)",
        rounds * pairs.len(),
        || {
            for _ in 0..rounds {
                for &(i, j) in &pairs {
                    acc += veza_names::score(&analysed[i], &analysed[j]);
                }
            }
        },
    );
    // Same given name, family name from the list: the near-match case.
    let near: Vec<(usize, usize)> = (0..200_000)
        .map(|_| {
            let i = rng.next() as usize % analysed.len();
            let g = i / FAMILY.len();
            let j = g * FAMILY.len() + rng.next() as usize % FAMILY.len();
            (i, j)
        })
        .collect();
    timed(
        "scoring, shared given name (scores)",
        rounds * near.len(),
        || {
            for _ in 0..rounds {
                for &(i, j) in &near {
                    acc += veza_names::score(&analysed[i], &analysed[j]);
                }
            }
        },
    );
    // Matcher v1 beside the default, on the same names.
    let mut v1_names = Vec::new();
    timed(
        "analysis, matcher v1 (names)",
        rounds * 6 * names.len(),
        || {
            for _ in 0..rounds * 6 {
                v1_names = names
                    .iter()
                    .map(|n| veza_names::v1::analysis::analyse(n))
                    .collect::<Vec<_>>();
                black_box(&v1_names);
            }
        },
    );
    timed(
        "scoring, random pairs of the synthetic grid, matcher v1 (scores)",
        rounds * pairs.len(),
        || {
            for _ in 0..rounds {
                for &(i, j) in &pairs {
                    acc += veza_names::v1::score(&v1_names[i], &v1_names[j]);
                }
            }
        },
    );
    black_box(acc);
}
