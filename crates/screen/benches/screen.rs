//! Screening benchmark; filled in by bench/screen/run.sh.

fn main() {}
