//! Wall-clock time as RFC 3339 text, the one format stored in both backends.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Now, UTC, RFC 3339 with seconds.
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

/// Now plus `seconds`, RFC 3339.
pub fn in_seconds(seconds: i64) -> String {
    format(OffsetDateTime::now_utc() + time::Duration::seconds(seconds))
}

fn format(t: OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

/// Whether an RFC 3339 time is in the past (unparseable times count as past,
/// so a corrupt expiry never keeps a session alive).
pub fn is_past(rfc3339: &str) -> bool {
    OffsetDateTime::parse(rfc3339, &Rfc3339).map_or(true, |t| t <= OffsetDateTime::now_utc())
}

/// The calendar date `years` from today (29 February falls back to 28),
/// as `YYYY-MM-DD`: review dates are days, not instants.
pub fn date_in_years(years: u8) -> String {
    let today = OffsetDateTime::now_utc().date();
    let year = today.year() + i32::from(years);
    let date = today
        .replace_year(year)
        .or_else(|_| today.replace_day(28).and_then(|d| d.replace_year(year)))
        .unwrap_or(today);
    date.to_string()
}

/// Today as `YYYY-MM-DD`.
pub fn today() -> String {
    OffsetDateTime::now_utc().date().to_string()
}
