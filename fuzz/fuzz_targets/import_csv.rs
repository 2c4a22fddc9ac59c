//! Any bytes as a CSV or JSON Lines agency file: every row must come back as a
//! record or a located error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use veza_io::{Format, ImportOptions, RecordReader};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Csv, Format::Jsonl] {
        let mut opts = ImportOptions::new("FUZZ");
        opts.format = Some(format);
        if let Ok(reader) = RecordReader::from_reader("fuzz", data, &opts) {
            for row in reader {
                if let Err(e) = row {
                    // Messages must stay printable and short whatever the input.
                    assert!(e.value.chars().count() < 200);
                }
            }
        }
    }
});
