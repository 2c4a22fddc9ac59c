//! `names normalize NAME` and `names score A B`, as the `veza` binary
//! exposes them, for trying the matcher by hand.
//!
//! Run with `cargo run -p veza-names --example names -- score "A" "B"`.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["normalize", name] => {
            let _ = write!(std::io::stdout(), "{}", veza_names::normalize_report(name));
        }
        ["score", a, b] => {
            let (a, b) = (veza_names::analyse(a), veza_names::analyse(b));
            let _ = write!(std::io::stdout(), "{}", veza_names::explain(&a, &b));
        }
        _ => {
            eprintln!("usage: names normalize NAME | names score A B");
            std::process::exit(2);
        }
    }
}
