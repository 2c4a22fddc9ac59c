//! A minimal CSV encoder with the `csv` crate's default rules (comma
//! separator, `\n` terminator, a field quoted only when it contains a comma,
//! a double quote, `\r` or `\n`, inner quotes doubled). Generation writes
//! millions of rows, and a direct byte buffer is several times faster than
//! the general-purpose writer; the tests re-encode every generated row with
//! the `csv` crate and require identical bytes.

use std::io::{self, Write};

/// A buffered CSV row writer.
pub struct CsvSink {
    inner: Box<dyn Write>,
    buf: Vec<u8>,
    /// True once a field of the current row has been written.
    started: bool,
}

/// "00" to "99", for writing two digits at a time.
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Appends exactly `N` digits of `n` (which must be below 10^N); the
/// constant size lets the copy compile to a few stores.
#[inline(always)]
pub fn push_fixed<const N: usize>(buf: &mut Vec<u8>, n: u64) {
    let mut out = [b'0'; N];
    let mut x = n;
    let mut i = N;
    while i >= 2 {
        let p = (x % 100) as usize * 2;
        out[i - 2] = PAIRS[p];
        out[i - 1] = PAIRS[p + 1];
        x /= 100;
        i -= 2;
    }
    if i == 1 {
        out[0] = b'0' + (x % 10) as u8;
    }
    buf.extend_from_slice(&out);
}

/// Appends `n` in decimal, zero-padded to `width` digits. Ids and dates
/// are most of the bytes written, so the common widths have fast paths.
#[inline]
pub fn push_digits(buf: &mut Vec<u8>, n: u64, width: usize) {
    match width {
        8 if n < 100_000_000 => return push_fixed::<8>(buf, n),
        4 if n < 10_000 => return push_fixed::<4>(buf, n),
        2 if n < 100 => return push_fixed::<2>(buf, n),
        _ => {}
    }
    let mut tmp = [b'0'; 20];
    let mut i = tmp.len();
    let mut x = n;
    loop {
        i -= 1;
        tmp[i] = b'0' + (x % 10) as u8;
        x /= 10;
        if x == 0 {
            break;
        }
    }
    let start = i.min(tmp.len() - width.min(tmp.len()));
    buf.extend_from_slice(&tmp[start..]);
}

const FLUSH_AT: usize = 1 << 18;

/// Bytes that force quoting: `,` `"` `\n` `\r`.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t
};

impl CsvSink {
    /// Wraps a writer.
    pub fn new(inner: Box<dyn Write>) -> CsvSink {
        CsvSink {
            inner,
            buf: Vec::with_capacity(FLUSH_AT + 4096),
            started: false,
        }
    }

    #[inline]
    fn sep(&mut self) {
        if self.started {
            self.buf.push(b',');
        }
        self.started = true;
    }

    #[inline]
    fn push_quoted(&mut self, f: &[u8]) {
        if f.iter().any(|&b| SPECIAL[b as usize]) {
            self.buf.push(b'"');
            for &b in f {
                if b == b'"' {
                    self.buf.push(b'"');
                }
                self.buf.push(b);
            }
            self.buf.push(b'"');
        } else {
            self.buf.extend_from_slice(f);
        }
    }

    /// Appends a text field, quoted when needed.
    #[inline]
    pub fn field(&mut self, f: &str) {
        self.sep();
        self.push_quoted(f.as_bytes());
    }

    /// Appends a field the generator knows needs no quoting (codes, ids,
    /// coordinates); checked in debug builds.
    #[inline]
    pub fn safe(&mut self, f: &str) {
        debug_assert!(
            !f.bytes().any(|b| SPECIAL[b as usize]),
            "unquoted field {f:?}"
        );
        self.sep();
        self.buf.extend_from_slice(f.as_bytes());
    }

    /// Appends an empty field.
    #[inline]
    pub fn empty(&mut self) {
        self.sep();
    }

    /// Appends an id such as `P00000042`.
    #[inline]
    pub fn id(&mut self, prefix: u8, n: u64) {
        self.sep();
        self.buf.push(prefix);
        if n < 100_000_000 {
            push_fixed::<8>(&mut self.buf, n);
        } else {
            push_digits(&mut self.buf, n, 8);
        }
    }

    /// Appends an id, or an empty field for `None`.
    #[inline]
    pub fn opt_id(&mut self, prefix: u8, n: Option<u64>) {
        match n {
            Some(n) => self.id(prefix, n),
            None => self.empty(),
        }
    }

    /// Appends a number.
    #[inline]
    pub fn num(&mut self, n: u64) {
        self.sep();
        push_digits(&mut self.buf, n, 1);
    }

    /// Appends a field whose bytes the caller writes and guarantees to need
    /// no quoting (ids, codes, digits, `;` and `:` separators).
    #[inline]
    pub fn raw(&mut self) -> &mut Vec<u8> {
        self.sep();
        &mut self.buf
    }

    /// Ends the current row.
    #[inline]
    pub fn end(&mut self) -> io::Result<()> {
        self.buf.push(b'\n');
        self.started = false;
        if self.buf.len() >= FLUSH_AT {
            self.inner.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes one row.
    pub fn row<I, S>(&mut self, fields: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        for f in fields {
            self.sep();
            self.push_quoted(f.as_ref());
        }
        self.end()
    }

    /// Writes one row, scanning for characters that need quoting only the
    /// fields whose bit is set in `check` (the others are ids, codes, digits
    /// and dates produced by the generator itself).
    pub fn row_checked(&mut self, fields: &[&str], check: u32) -> io::Result<()> {
        for (i, f) in fields.iter().enumerate() {
            self.sep();
            if check & (1 << i) != 0 {
                self.push_quoted(f.as_bytes());
            } else {
                debug_assert!(
                    !f.bytes().any(|b| SPECIAL[b as usize]),
                    "unchecked field {f:?}"
                );
                self.buf.extend_from_slice(f.as_bytes());
            }
        }
        self.end()
    }

    /// Writes out the buffer and flushes the inner writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.write_all(&self.buf)?;
        self.buf.clear();
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn digits() {
        for (n, w, want) in [
            (0, 8, "00000000"),
            (42, 8, "00000042"),
            (123_456_789, 8, "123456789"),
            (7, 2, "07"),
            (2023, 4, "2023"),
            (5, 1, "5"),
            (1600, 1, "1600"),
            (99, 2, "99"),
            (12_345, 4, "12345"),
        ] {
            let mut b = Vec::new();
            push_digits(&mut b, n, w);
            assert_eq!(String::from_utf8(b).unwrap(), want);
        }
    }

    #[test]
    fn same_bytes_as_the_csv_crate() {
        let rows: Vec<Vec<&str>> = vec![
            vec!["a", "", "b c", "\"Babrru reception centre, Tirana\""],
            vec!["P<AFG\nP123", "x\"y", "Đorđe", "محمد"],
            vec!["", "", "", ""],
            vec!["trailing,", " space ", "\r", "a;b:c"],
        ];
        let out = Arc::new(Mutex::new(Vec::new()));
        let mut ours = CsvSink::new(Box::new(Shared(out.clone())));
        let mut theirs = csv::Writer::from_writer(Vec::new());
        for r in &rows {
            ours.row(r).unwrap();
            theirs.write_record(r).unwrap();
        }
        ours.flush().unwrap();
        let theirs = theirs.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(out.lock().unwrap().clone()).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }
}
