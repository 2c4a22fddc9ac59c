//! Any bytes as a screening index snapshot: an index or an error, never a
//! panic; a loaded index answers checks, and saved again it loads back
//! with the same alerts, keys and names.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use veza_screen::{Index, Query};

fuzz_target!(|data: &[u8]| {
    let Ok(index) = Index::load_from(data, Path::new("fuzz.vzs")) else {
        return;
    };
    let _ = index.check(&Query::name("Jovan Petrović"), 10);
    let dir = std::env::temp_dir().join(format!("veza-fuzz-snapshot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("index.vzs");
    index.save(&path).unwrap();
    let again = Index::load(&path).unwrap();
    assert_eq!(again.len(), index.len());
    assert_eq!(again.key_stats(), index.key_stats());
    assert_eq!(again.distinct_names(), index.distinct_names());
});
