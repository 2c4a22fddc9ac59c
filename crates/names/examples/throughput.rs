//! Throughput check for one workload, for `perf stat`: analyses the
//! evaluation names, then scores random pairs of them.
//!
//! Run with `cargo run --release -p veza-names --example throughput -- [analyse|score] N [v4]`
//! (`v4` runs matcher v4 instead of the default).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map(String::as_str).unwrap_or("score");
    let n: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let analyse = match args.get(3).map(String::as_str) {
        Some("v4") => veza_names::v4::analyse,
        _ => veza_names::analyse,
    };
    let text = include_str!("../eval/pairs.csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let mut names: Vec<String> = r
        .records()
        .filter_map(Result::ok)
        .flat_map(|x| [x[0].to_string(), x[1].to_string()])
        .collect();
    names.sort();
    names.dedup();
    let start = std::time::Instant::now();
    if what == "analyse" {
        let mut k = 0;
        while k < n {
            for s in &names {
                std::hint::black_box(analyse(s));
                k += 1;
            }
        }
        println!("{n} analyses in {:.3}s", start.elapsed().as_secs_f64());
        return;
    }
    let pool: Vec<_> = names.iter().map(|s| analyse(s)).collect();
    let start = std::time::Instant::now();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut acc = 0.0;
    for _ in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let i = (x % pool.len() as u64) as usize;
        let j = ((x >> 32) % pool.len() as u64) as usize;
        acc += veza_names::score(&pool[i], &pool[j]);
    }
    println!(
        "{n} scores in {:.3}s (checksum {acc:.3})",
        start.elapsed().as_secs_f64()
    );
}
