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

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn main() {
    let mut names = Vec::new();
    for g in GIVEN {
        for f in FAMILY {
            names.push(format!("{g} {f}"));
        }
    }
    // Warm the tables once so their parse is not timed.
    black_box(veza_names::analyse("warm up"));

    let rounds = 30;
    let start = Instant::now();
    let mut analysed = Vec::new();
    for _ in 0..rounds {
        analysed = names
            .iter()
            .map(|n| veza_names::analyse(n))
            .collect::<Vec<_>>();
        black_box(&analysed);
    }
    let secs = start.elapsed().as_secs_f64();
    let per_sec = (rounds * names.len()) as f64 / secs;
    println!(
        "analysis: {} names x {rounds} in {secs:.3}s = {per_sec:.0} names/s",
        names.len()
    );

    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let pairs: Vec<(usize, usize)> = (0..200_000)
        .map(|_| {
            let i = rng.next() as usize % analysed.len();
            let j = rng.next() as usize % analysed.len();
            (i, j)
        })
        .collect();
    let rounds = 5;
    let start = Instant::now();
    let mut acc = 0.0;
    for _ in 0..rounds {
        for &(i, j) in &pairs {
            acc += veza_names::score(&analysed[i], &analysed[j]);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    black_box(acc);
    let per_sec = (rounds * pairs.len()) as f64 / secs;
    println!(
        "scoring (random pairs): {} x {rounds} in {secs:.3}s = {per_sec:.0} scores/s",
        pairs.len()
    );

    // Same given name, family name from the list: the harder, near-match case.
    let near: Vec<(usize, usize)> = (0..200_000)
        .map(|_| {
            let i = rng.next() as usize % analysed.len();
            let g = i / FAMILY.len();
            let j = g * FAMILY.len() + rng.next() as usize % FAMILY.len();
            (i, j)
        })
        .collect();
    let start = Instant::now();
    for _ in 0..rounds {
        for &(i, j) in &near {
            acc += veza_names::score(&analysed[i], &analysed[j]);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    black_box(acc);
    let per_sec = (rounds * near.len()) as f64 / secs;
    println!(
        "scoring (shared given name): {} x {rounds} in {secs:.3}s = {per_sec:.0} scores/s",
        near.len()
    );
}
