//! Hits and their explanations.

use std::fmt;

use serde::Serialize;
use veza_model::{AlertCategory, WarningMarker};

use crate::scoring::{Agreement, DobAgreement};

/// One alert that the check hit, ranked.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The alert's identifier.
    pub alert_id: String,
    /// Combined score in [0, 1].
    pub score: f64,
    /// Rank among the hits of the check, from 1.
    pub rank: usize,
    /// The alert category.
    pub category: AlertCategory,
    /// True for missing persons, vulnerable persons and potential victims:
    /// the hit is a protection referral, never presented as "wanted".
    pub protective: bool,
    /// The action the issuing authority asks for.
    pub action: String,
    /// Warning markers of the alert.
    pub warning_markers: Vec<WarningMarker>,
    /// Why the hit scored as it did.
    pub explanation: HitExplanation,
}

impl Hit {
    /// How the hit is to be presented to the officer.
    pub fn headline(&self) -> String {
        if self.protective {
            format!(
                "protection referral ({}): {}",
                self.category.as_str().replace('_', " "),
                self.action.replace('_', " ")
            )
        } else {
            format!(
                "{}: {}",
                self.category.as_str().replace('_', " "),
                self.action.replace('_', " ")
            )
        }
    }
}

/// The evidence behind a hit, feature by feature, each with the log-odds
/// it contributed; `score` is the logistic of `prior` plus the weights.
#[derive(Debug, Clone, Serialize)]
pub struct HitExplanation {
    /// Log-odds before evidence.
    pub prior: f64,
    /// The best-matching pair of names and its alignment, when both sides
    /// have names.
    pub name: Option<veza_names::Explanation>,
    /// Name similarity in [0, 1] of that pair.
    pub name_score: f64,
    /// Its weight.
    pub name_weight: f64,
    /// The whole names disagree, but one name part agrees and the date of
    /// birth is exact: `name_weight` is the fixed partial-name weight.
    pub name_partial: bool,
    /// Date-of-birth agreement.
    pub date_of_birth: DobAgreement,
    /// Its weight.
    pub date_of_birth_weight: f64,
    /// Sex agreement.
    pub sex: Agreement,
    /// Its weight.
    pub sex_weight: f64,
    /// Nationality agreement.
    pub nationality: Agreement,
    /// Its weight.
    pub nationality_weight: f64,
    /// Document number (or plate, VIN) agreement after normalisation.
    pub identifier: Agreement,
    /// Its weight.
    pub identifier_weight: f64,
    /// The resulting score.
    pub score: f64,
}

impl fmt::Display for HitExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "score {:.4} = logistic(sum of log-odds)", self.score)?;
        writeln!(f, "  prior                {:+.2}", self.prior)?;
        match &self.name {
            Some(e) => {
                writeln!(
                    f,
                    "  name {:.3}           {:+.2}  {} ~ {}",
                    self.name_score, self.name_weight, e.a, e.b
                )?;
                for p in &e.pairs {
                    writeln!(
                        f,
                        "      {} ~ {}  {:.3}  {}",
                        p.a, p.b, p.similarity, p.rule
                    )?;
                }
                for u in &e.unmatched {
                    writeln!(f, "      unmatched {} ({})", u.token, u.side)?;
                }
                if self.name_partial {
                    writeln!(
                        f,
                        "      one name part agrees and the date of birth is exact: partial-name weight"
                    )?;
                }
            }
            None => writeln!(f, "  name                 n/a")?,
        }
        writeln!(
            f,
            "  date of birth        {:+.2}  {:?}",
            self.date_of_birth_weight, self.date_of_birth
        )?;
        writeln!(
            f,
            "  sex                  {:+.2}  {:?}",
            self.sex_weight, self.sex
        )?;
        writeln!(
            f,
            "  nationality          {:+.2}  {:?}",
            self.nationality_weight, self.nationality
        )?;
        write!(
            f,
            "  document/vehicle     {:+.2}  {:?}",
            self.identifier_weight, self.identifier
        )
    }
}
