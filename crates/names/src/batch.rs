//! The `veza names score --pairs FILE.csv` contract.
//!
//! Input: CSV with a header containing `a` and `b` (other columns are
//! ignored). Output: CSV with header `a,b,score`, one row per input row, in
//! input order, scores with six decimals. Evaluations call this; keep it
//! exactly as it is.

use std::io::{Read, Write};

use crate::error::{Error, Result};

/// Reads pairs from `input`, writes `a,b,score` rows to `output`, returns
/// the number of rows scored. Each distinct name is analysed once.
pub fn score_pairs<R: Read, W: Write>(input: R, output: W) -> Result<usize> {
    score_pairs_with(&crate::v5::MatcherV5, input, output)
}

/// [`score_pairs`] with a given matcher version (evaluations compare
/// versions with it; the command line always uses the default).
pub fn score_pairs_with<R: Read, W: Write>(
    matcher: &dyn crate::NameMatcher,
    input: R,
    output: W,
) -> Result<usize> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(input);
    let headers = reader.headers().map_err(|e| row_error(&e, 1))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
    };
    let (Some(ia), Some(ib)) = (col("a"), col("b")) else {
        return Err(Error::Header {
            found: headers.iter().collect::<Vec<_>>().join(","),
        });
    };
    let mut writer = csv::WriterBuilder::new().from_writer(output);
    writer
        .write_record(["a", "b", "score"])
        .map_err(csv_write)?;
    let mut cache: std::collections::HashMap<String, crate::AnalysedName> =
        std::collections::HashMap::new();
    let mut record = csv::StringRecord::new();
    let mut n = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(row_error(&e, n as u64 + 2)),
        }
        let a = record.get(ia).unwrap_or("");
        let b = record.get(ib).unwrap_or("");
        let mut get = |s: &str| {
            cache
                .entry(s.to_string())
                .or_insert_with(|| matcher.analyse(s))
                .clone()
        };
        let (na, nb) = (get(a), get(b));
        let s = matcher.score(&na, &nb);
        writer
            .write_record([a, b, &format!("{s:.6}")])
            .map_err(csv_write)?;
        n += 1;
        if cache.len() > 1_000_000 {
            cache.clear();
        }
    }
    writer.flush()?;
    Ok(n)
}

fn row_error(e: &csv::Error, fallback_line: u64) -> Error {
    let line = e.position().map(|p| p.line()).unwrap_or(fallback_line);
    Error::Row {
        line,
        message: e.to_string(),
    }
}

fn csv_write(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::Write(io),
        other => Error::Write(std::io::Error::other(format!("{other:?}"))),
    }
}
