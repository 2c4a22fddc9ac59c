//! The combined score: evidence weights (log-odds) per feature, summed and
//! mapped to [0, 1] by the logistic function, so that every hit can say
//! how much each feature moved it.
//!
//! The weights follow the Fellegi–Sunter reading of record linkage: a
//! feature that agrees adds the log of how much likelier that agreement is
//! for the same person than for a stranger; a conflict subtracts. Values
//! were set from the synthetic evaluation (docs/screening.md) and are kept
//! in this one file.

use serde::Serialize;
use veza_model::{CountryCode, DatePrecision, PartialDate, Sex};

/// Hits at or above this score (odds of four to one after the evidence)
/// are put before the officer for review. An exact name with nothing else
/// known stays just below; an exact name with an agreeing birth year, or a
/// good name with the exact date, is above.
pub const REVIEW_THRESHOLD: f64 = 0.8;

/// Log-odds before any evidence: most people checked are on no alert, and
/// a name alone, however exact, is shared by many.
pub(crate) const PRIOR: f64 = -2.4;

/// Name similarity at which the name is neutral evidence.
const NAME_NEUTRAL: f64 = 0.8;
/// Log-odds per unit of name similarity above the neutral point.
const NAME_SLOPE_AGREE: f64 = 14.0;
/// Log-odds per unit of name similarity below it: gentler, because the
/// same person is often recorded under another name (an alias, a name
/// taken from a claim), so a poor name match is weaker evidence against
/// than a good one is for.
const NAME_SLOPE_DISAGREE: f64 = 8.0;
/// Bounds of the name weight: a perfect name alone never outweighs a
/// conflicting date of birth, and a foreign name alone never buries an
/// exact date of birth with an identical document.
const NAME_WEIGHT_RANGE: (f64, f64) = (-6.0, 2.8);

/// Name weight when the whole names disagree but one name part (given
/// name or family name, three letters or more) agrees at
/// [`PARTIAL_NAME_SIMILARITY`] or better and the full date of birth agrees
/// exactly (or with day and month swapped). On the route people are
/// recorded under their father's or grandfather's name, a tribal name or
/// none at all, so a different second name beside an agreeing first name
/// and the exact date is weak evidence against; without the exact date it
/// is not used, since a common first name and a year are shared by many.
/// With the exact date such a hit scores about 0.7: ranked, below the
/// review threshold.
pub(crate) const PARTIAL_NAME_WEIGHT: f64 = -1.5;
/// Token similarity from which a name part counts as agreeing.
pub(crate) const PARTIAL_NAME_SIMILARITY: f32 = 0.9;

/// Whether a date agreement is exact enough for [`PARTIAL_NAME_WEIGHT`].
pub(crate) fn allows_partial_name(dob: DobAgreement) -> bool {
    matches!(dob, DobAgreement::Exact | DobAgreement::DayMonthSwapped)
}

/// Weight of a name similarity `s` from `veza_names::score`.
pub(crate) fn name_weight(s: f64) -> f64 {
    let d = s - NAME_NEUTRAL;
    let w = if d >= 0.0 {
        NAME_SLOPE_AGREE * d
    } else {
        NAME_SLOPE_DISAGREE * d
    };
    w.clamp(NAME_WEIGHT_RANGE.0, NAME_WEIGHT_RANGE.1)
}

/// How two dates of birth agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DobAgreement {
    /// One side has no date: no evidence.
    Unknown,
    /// The same full date.
    Exact,
    /// The same 1 January: a placeholder for an estimated year, which many
    /// people share, so it counts barely more than the year.
    SamePlaceholder,
    /// Same year; one side is a 1 January placeholder, so only the year
    /// can be compared.
    PlaceholderYear,
    /// Day and month exchanged (03.04 against 04.03): a frequent
    /// transcription error between date conventions.
    DayMonthSwapped,
    /// Same year and month; one side knows no day.
    SameMonth,
    /// Same year; one side knows only the year.
    SameYear,
    /// Same year and month, a different day: a typing error or another person.
    DayDiffers,
    /// Same year, another month and day.
    SameYearOtherDate,
    /// One year apart: estimated ages and year typos.
    YearOffByOne,
    /// A few years apart where one side is an estimate (placeholder or
    /// year only).
    EstimateApart,
    /// Dates that cannot both be right.
    Conflict,
}

impl DobAgreement {
    /// The log-odds this agreement adds.
    pub fn weight(self) -> f64 {
        match self {
            DobAgreement::Unknown => 0.0,
            DobAgreement::Exact => 4.0,
            DobAgreement::SamePlaceholder => 1.2,
            DobAgreement::PlaceholderYear => 0.8,
            DobAgreement::DayMonthSwapped => 2.5,
            DobAgreement::SameMonth => 2.0,
            DobAgreement::SameYear => 1.2,
            DobAgreement::DayDiffers => 0.5,
            DobAgreement::SameYearOtherDate => -1.0,
            DobAgreement::YearOffByOne => -1.0,
            DobAgreement::EstimateApart => -2.0,
            DobAgreement::Conflict => -4.0,
        }
    }

    /// Compares two dates of birth.
    pub fn of(a: Option<PartialDate>, b: Option<PartialDate>) -> Self {
        let (Some(a), Some(b)) = (a, b) else {
            return DobAgreement::Unknown;
        };
        let estimate = |d: &PartialDate| d.is_placeholder() || d.precision() == DatePrecision::Year;
        let apart = a.year.abs_diff(b.year);
        if apart > 0 {
            return match apart {
                1 => DobAgreement::YearOffByOne,
                2..=3 if estimate(&a) || estimate(&b) => DobAgreement::EstimateApart,
                _ => DobAgreement::Conflict,
            };
        }
        match (a.month, a.day, b.month, b.day) {
            (Some(am), Some(ad), Some(bm), Some(bd)) => {
                if am == bm && ad == bd {
                    if a.is_placeholder() {
                        DobAgreement::SamePlaceholder
                    } else {
                        DobAgreement::Exact
                    }
                } else if a.is_placeholder() || b.is_placeholder() {
                    DobAgreement::PlaceholderYear
                } else if am == bd && ad == bm {
                    DobAgreement::DayMonthSwapped
                } else if am == bm {
                    DobAgreement::DayDiffers
                } else {
                    DobAgreement::SameYearOtherDate
                }
            }
            (Some(am), _, Some(bm), _) if am == bm => DobAgreement::SameMonth,
            (Some(_), _, Some(_), _) if a.is_placeholder() || b.is_placeholder() => {
                DobAgreement::PlaceholderYear
            }
            (Some(_), _, Some(_), _) => DobAgreement::SameYearOtherDate,
            _ => DobAgreement::SameYear,
        }
    }
}

/// Agreement of a categorical feature (sex, nationality, document number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// Not known on one side.
    Unknown,
    /// The same value (for nationalities: at least one in common).
    Agrees,
    /// Different values.
    Differs,
}

/// Sex agreement; `Unknown` sex on either side is no evidence.
pub(crate) fn sex_agreement(a: Option<Sex>, b: Option<Sex>) -> Agreement {
    match (a, b) {
        (Some(x), Some(y)) if x != Sex::Unknown && y != Sex::Unknown => {
            if x == y {
                Agreement::Agrees
            } else {
                Agreement::Differs
            }
        }
        _ => Agreement::Unknown,
    }
}

pub(crate) fn sex_weight(a: Agreement) -> f64 {
    match a {
        Agreement::Unknown => 0.0,
        Agreement::Agrees => 0.3,
        Agreement::Differs => -2.5,
    }
}

/// Nationality agreement: any nationality in common agrees.
pub(crate) fn nationality_agreement(a: &[CountryCode], b: &[CountryCode]) -> Agreement {
    if a.is_empty() || b.is_empty() {
        Agreement::Unknown
    } else if a.iter().any(|x| b.contains(x)) {
        Agreement::Agrees
    } else {
        Agreement::Differs
    }
}

/// A differing nationality weighs little: people hold several, and
/// nationality is often recorded from a claim.
pub(crate) fn nationality_weight(a: Agreement) -> f64 {
    match a {
        Agreement::Unknown => 0.0,
        Agreement::Agrees => 0.5,
        Agreement::Differs => -0.7,
    }
}

/// A matching document number is strong evidence: a number is carried by
/// its holder and, after normalisation, by almost no one else (odds of
/// the order of a million to one, about 14 in log-odds), so it outweighs a
/// differing recorded name and a conflicting estimated date together and
/// ranks above an exact namesake of the same estimated year (a holder
/// recorded under another name and an age estimate is exactly the case to
/// find). A different one is no evidence (people carry several documents).
pub(crate) fn document_weight(a: Agreement) -> f64 {
    match a {
        Agreement::Agrees => 14.0,
        Agreement::Unknown | Agreement::Differs => 0.0,
    }
}

/// The logistic function: log-odds to a score in (0, 1).
pub(crate) fn logistic(log_odds: f64) -> f64 {
    1.0 / (1.0 + (-log_odds).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<PartialDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn dob_golden_table() {
        use DobAgreement::*;
        let table = [
            ("1990-05-17", "1990-05-17", Exact),
            ("1990-01-01", "1990-01-01", SamePlaceholder),
            ("1990-01-01", "1990-05-17", PlaceholderYear),
            ("1990-05-07", "1990-07-05", DayMonthSwapped),
            ("1990-05", "1990-05-17", SameMonth),
            ("1990", "1990-05-17", SameYear),
            ("1990-05-17", "1990-05-18", DayDiffers),
            ("1990-05-17", "1990-08-20", SameYearOtherDate),
            ("1990-05-17", "1991-05-17", YearOffByOne),
            ("1990-01-01", "1991-05-17", YearOffByOne),
            ("1990", "1989-12-31", YearOffByOne),
            ("1990", "1993-05-17", EstimateApart),
            ("1990-05-17", "1993-05-17", Conflict),
            ("1970-05-17", "1990-05-17", Conflict),
        ];
        for (a, b, want) in table {
            assert_eq!(DobAgreement::of(d(a), d(b)), want, "{a} vs {b}");
            assert_eq!(DobAgreement::of(d(b), d(a)), want, "{b} vs {a}");
        }
        assert_eq!(DobAgreement::of(None, d("1990")), Unknown);
    }

    #[test]
    fn review_threshold_golden_cases() {
        let score =
            |name: f64, dob: DobAgreement| logistic(PRIOR + name_weight(name) + dob.weight());
        use DobAgreement::*;
        assert!(score(1.0, Unknown) < REVIEW_THRESHOLD);
        assert!(score(1.0, SameYear) >= REVIEW_THRESHOLD);
        assert!(score(0.85, Exact) >= REVIEW_THRESHOLD);
        assert!(score(1.0, YearOffByOne) < REVIEW_THRESHOLD);
        assert!(score(1.0, Conflict) < 0.1);
        assert!(score(0.3, Exact) < REVIEW_THRESHOLD);
        // One agreeing name part with the exact date: ranked, not for review.
        let partial = logistic(PRIOR + PARTIAL_NAME_WEIGHT + Exact.weight());
        assert!(partial > 0.5 && partial < REVIEW_THRESHOLD);
        // An exact name with the year still ranks above it.
        assert!(score(1.0, SameYear) > partial);
        // An identical document number outweighs a foreign name and a
        // conflicting date.
        let doc = logistic(
            PRIOR + name_weight(0.0) + Conflict.weight() + document_weight(Agreement::Agrees),
        );
        assert!(doc > score(0.5, SameYear), "{doc}");
        assert!(doc > score(0.98, SamePlaceholder), "{doc}");
        // With a fair name and no date it is put before the officer.
        let doc_fair = logistic(PRIOR + name_weight(0.7) + document_weight(Agreement::Agrees));
        assert!(doc_fair >= REVIEW_THRESHOLD);
    }

    #[test]
    fn partial_names_only_with_an_exact_date() {
        use DobAgreement::*;
        for d in [Exact, DayMonthSwapped] {
            assert!(allows_partial_name(d));
        }
        for d in [
            Unknown,
            SamePlaceholder,
            PlaceholderYear,
            SameMonth,
            SameYear,
            DayDiffers,
            SameYearOtherDate,
            YearOffByOne,
            EstimateApart,
            Conflict,
        ] {
            assert!(!allows_partial_name(d), "{d:?}");
        }
        assert!(PARTIAL_NAME_WEIGHT > name_weight(0.5));
        const { assert!(PARTIAL_NAME_WEIGHT < 0.0) };
    }

    #[test]
    fn evidence_orders_as_intended() {
        use DobAgreement::*;
        assert!(Exact.weight() > DayMonthSwapped.weight());
        assert!(DayMonthSwapped.weight() > SameYear.weight());
        assert!(SameYear.weight() >= SamePlaceholder.weight());
        assert!(SamePlaceholder.weight() > Unknown.weight());
        assert!(Conflict.weight() < YearOffByOne.weight());
        assert!(YearOffByOne.weight() < PlaceholderYear.weight());
        assert!(EstimateApart.weight() < YearOffByOne.weight());
        assert!(name_weight(1.0) > name_weight(0.9));
        assert!(name_weight(0.5) < 0.0);
    }
}
