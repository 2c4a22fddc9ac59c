//! Civil dates and timestamps without a date-time dependency.

use std::fmt::Write;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u8,
    /// Day 1–31.
    pub d: u8,
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    Date {
        y: (if m <= 2 { y + 1 } else { y }) as i32,
        m,
        d,
    }
}

/// Appends `n` in decimal, left-padded with zeros to `width` digits.
#[inline]
pub fn push_padded(n: u64, width: usize, out: &mut String) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    let mut x = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (x % 10) as u8;
        x /= 10;
        if x == 0 {
            break;
        }
    }
    let start = i.min(buf.len() - width.min(buf.len()));
    out.reserve(buf.len() - start);
    for &b in &buf[start..] {
        out.push(char::from(b));
    }
}

impl Date {
    /// Day count since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.y, self.m, self.d)
    }

    /// `YYYY-MM-DD`.
    pub fn write_iso(self, out: &mut String) {
        push_padded(self.y as u64, 4, out);
        out.push('-');
        push_padded(u64::from(self.m), 2, out);
        out.push('-');
        push_padded(u64::from(self.d), 2, out);
    }

    /// `DD.MM.YYYY`, the form of Balkan police registers.
    pub fn write_dotted(self, out: &mut String) {
        push_padded(u64::from(self.d), 2, out);
        out.push('.');
        push_padded(u64::from(self.m), 2, out);
        out.push('.');
        push_padded(self.y.max(0) as u64, 4, out);
    }

    /// `YYYYMMDD`.
    pub fn write_compact(self, out: &mut String) {
        push_padded(self.y.max(0) as u64, 4, out);
        push_padded(u64::from(self.m), 2, out);
        push_padded(u64::from(self.d), 2, out);
    }

    /// `YYMMDD` for the MRZ.
    pub fn write_mrz(self, out: &mut String) {
        let _ = write!(
            out,
            "{:02}{:02}{:02}",
            self.y.rem_euclid(100),
            self.m,
            self.d
        );
    }
}

/// `YYYY-MM-DD` as bytes.
pub fn push_iso_bytes(d: Date, buf: &mut Vec<u8>) {
    use crate::csvw::push_fixed;
    push_fixed::<4>(buf, d.y.clamp(0, 9999) as u64);
    buf.push(b'-');
    push_fixed::<2>(buf, u64::from(d.m));
    buf.push(b'-');
    push_fixed::<2>(buf, u64::from(d.d));
}

/// RFC 3339 UTC time as bytes.
pub fn push_rfc3339_bytes(secs: i64, buf: &mut Vec<u8>) {
    use crate::csvw::push_fixed;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    push_iso_bytes(civil_from_days(days), buf);
    buf.push(b'T');
    push_fixed::<2>(buf, (rem / 3600) as u64);
    buf.push(b':');
    push_fixed::<2>(buf, ((rem / 60) % 60) as u64);
    buf.push(b':');
    push_fixed::<2>(buf, (rem % 60) as u64);
    buf.push(b'Z');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_format() {
        for z in [-1000, 0, 1, 365, 19_000, 20_000, 30_000] {
            let d = civil_from_days(z);
            assert_eq!(d.days(), z);
        }
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        let mut s = Vec::new();
        push_rfc3339_bytes(
            days_from_civil(2023, 5, 1) * 86_400 + 3600 * 14 + 180,
            &mut s,
        );
        assert_eq!(s, b"2023-05-01T14:03:00Z");
    }
}
