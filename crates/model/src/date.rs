//! Dates of birth as agencies report them: often partial, often a placeholder.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// A full calendar date.
    Day,
}

/// A date that may be known only to the month or the year.
///
/// Undocumented migrants are often registered with 1 January of an estimated
/// year; [`PartialDate::is_placeholder`] flags such dates so that matchers give
/// agreement on them little weight instead of treating them as strong evidence.
///
/// In JSON it is the ISO text at its precision (`"1990-05-17"`, `"1990-05"`,
/// `"1990"`), and any accepted input form is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Calendar year.
    pub year: u16,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day 1–31, when known (implies the month).
    pub day: Option<u8>,
}

/// Earliest and latest years accepted; outside them a date is a typing error.
const YEAR_RANGE: std::ops::RangeInclusive<u16> = 1850..=2100;

impl PartialDate {
    /// A full date, validated against the calendar.
    pub fn ymd(year: u16, month: u8, day: u8) -> Result<Self> {
        let d = PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        };
        d.validate(&d.to_string())?;
        Ok(d)
    }

    /// How much of the date is known.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// True for 1 January, the usual placeholder when only the year is known.
    pub fn is_placeholder(&self) -> bool {
        self.month == Some(1) && self.day == Some(1)
    }

    /// Age in whole years on `on`, as far as the precision allows (the year
    /// difference, reduced by one when the birthday provably has not come yet).
    pub fn age_on(&self, on: PartialDate) -> i32 {
        let mut age = i32::from(on.year) - i32::from(self.year);
        if let (Some(m), Some(om)) = (self.month, on.month) {
            let before =
                om < m || (om == m && matches!((self.day, on.day), (Some(d), Some(od)) if od < d));
            if before {
                age -= 1;
            }
        }
        age
    }

    fn validate(&self, raw: &str) -> Result<()> {
        let bad = |reason| {
            Err(Error::InvalidDate {
                value: raw.to_owned(),
                reason,
            })
        };
        if !YEAR_RANGE.contains(&self.year) {
            return bad("year outside 1850–2100");
        }
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return bad("month outside 1–12");
            }
            if let Some(d) = self.day
                && (d == 0 || d > days_in_month(self.year, m))
            {
                return bad("no such day in that month");
            }
        }
        Ok(())
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

fn digits(s: &str) -> Option<u16> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl FromStr for PartialDate {
    type Err = Error;

    /// Accepts `YYYY-MM-DD`, `YYYYMMDD`, `DD.MM.YYYY` (with or without the
    /// trailing dot usual in the region), `YYYY-MM` and `YYYY`; surrounding
    /// spaces are ignored.
    fn from_str(raw: &str) -> Result<Self> {
        let s = raw.trim();
        let s = s.strip_suffix('.').filter(|t| t.contains('.')).unwrap_or(s);
        let bad = |reason| Error::InvalidDate {
            value: raw.to_owned(),
            reason,
        };
        let num = |part: &str, len: usize| {
            if part.len() == len {
                digits(part)
            } else {
                None
            }
        };
        let (year, month, day) = if s.contains('-') {
            let parts: Vec<&str> = s.split('-').collect();
            match parts.as_slice() {
                [y, m, d] => (num(y, 4), num(m, 2).map(Some), num(d, 2).map(Some)),
                [y, m] => (num(y, 4), num(m, 2).map(Some), Some(None)),
                _ => return Err(bad("expected YYYY-MM-DD or YYYY-MM")),
            }
        } else if s.contains('.') {
            let parts: Vec<&str> = s.split('.').collect();
            match parts.as_slice() {
                [d, m, y] if (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) => {
                    (num(y, 4), digits(m).map(Some), digits(d).map(Some))
                }
                _ => return Err(bad("expected DD.MM.YYYY")),
            }
        } else if !s.is_ascii() {
            return Err(bad(
                "only ASCII digits and the separators - and . are accepted",
            ));
        } else if s.len() == 8 {
            (
                num(&s[..4], 4),
                num(&s[4..6], 2).map(Some),
                num(&s[6..], 2).map(Some),
            )
        } else if s.len() == 4 {
            (num(s, 4), Some(None), Some(None))
        } else if s.is_empty() {
            return Err(bad("empty"));
        } else {
            return Err(bad(
                "expected YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY, YYYY-MM or YYYY",
            ));
        };
        let (Some(year), Some(month), Some(day)) = (year, month, day) else {
            return Err(bad("not a number where digits were expected"));
        };
        let date = PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        };
        date.validate(raw)?;
        Ok(date)
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the known precision: `1990-05-17`, `1990-05` or `1990`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_every_documented_form() {
        let full = PartialDate::ymd(1987, 3, 9).unwrap();
        for s in [
            "1987-03-09",
            "19870309",
            "09.03.1987",
            "9.3.1987",
            "09.03.1987.",
            " 1987-03-09 ",
        ] {
            assert_eq!(s.parse::<PartialDate>().unwrap(), full, "{s}");
        }
        let month: PartialDate = "1987-03".parse().unwrap();
        assert_eq!(month.precision(), DatePrecision::Month);
        let year: PartialDate = "1987".parse().unwrap();
        assert_eq!(year.precision(), DatePrecision::Year);
        assert_eq!(year.to_string(), "1987");
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        for s in [
            "1987-02-30",
            "2001-02-29",
            "1987-13-01",
            "1987-00-10",
            "31.04.1990",
            "",
            "abcd",
            "1987/03/09",
            "87-03-09",
            "1987-3-9",
            "1700",
            "1987-03-09-01",
            "١٩٨٧",
            "+987",
        ] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should be refused");
        }
        assert!("2000-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn flags_placeholders_and_computes_age() {
        let d: PartialDate = "01.01.1995".parse().unwrap();
        assert!(d.is_placeholder());
        let on = PartialDate::ymd(2026, 11, 28).unwrap();
        assert_eq!(PartialDate::ymd(2000, 12, 1).unwrap().age_on(on), 25);
        assert_eq!(PartialDate::ymd(2000, 11, 28).unwrap().age_on(on), 26);
        assert_eq!("2000".parse::<PartialDate>().unwrap().age_on(on), 26);
    }

    #[test]
    fn json_is_the_iso_text() {
        let d = PartialDate::ymd(1990, 5, 17).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"1990-05-17\"");
        assert_eq!(
            serde_json::from_str::<PartialDate>("\"17.05.1990\"").unwrap(),
            d
        );
        assert!(serde_json::from_str::<PartialDate>("\"1990-02-30\"").is_err());
    }

    proptest! {
        #[test]
        fn display_round_trips(y in 1850u16..=2100, m in 1u8..=12, d in 1u8..=28) {
            let date = PartialDate::ymd(y, m, d).unwrap();
            prop_assert_eq!(date.to_string().parse::<PartialDate>().unwrap(), date);
        }

        #[test]
        fn never_panics(s in "\\PC{0,16}") {
            let _ = s.parse::<PartialDate>();
        }
    }
}
