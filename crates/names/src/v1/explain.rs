//! Explanations: the alignment behind a score, in a form a reviewer can read
//! and a program can store.

use std::fmt;

use crate::v1::align::{Alignment, EXTRA_TOKEN_FACTOR, align};
use crate::v1::analysis::{AnalysedName, Token};
use crate::v1::compare::Rule;

/// One aligned pair of tokens (a side may be two merged tokens).
#[derive(Clone, Debug, serde::Serialize)]
pub struct AlignedPair {
    /// Token(s) from the first name, cleaned.
    pub a: String,
    /// Token(s) from the second name, cleaned.
    pub b: String,
    /// Similarity in [0, 1].
    pub similarity: f32,
    /// Weight of the pair in the score.
    pub weight: f32,
    /// The rule or distance that decided the similarity.
    pub rule: Rule,
}

/// A token without a counterpart.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Unmatched {
    /// Which name it comes from: "a" or "b".
    pub side: &'static str,
    /// The token, cleaned.
    pub token: String,
    /// Its weight.
    pub weight: f32,
}

/// Why two names got their score.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Explanation {
    /// Matcher version that produced it.
    pub version: &'static str,
    /// The score, identical to [`crate::score`].
    pub score: f64,
    /// First name as given.
    pub a: String,
    /// Second name as given.
    pub b: String,
    /// Aligned pairs, best first.
    pub pairs: Vec<AlignedPair>,
    /// Tokens left over. When both names have some, they are counted as
    /// conflicting; otherwise as extra tokens at a reduced weight.
    pub unmatched: Vec<Unmatched>,
    /// Weight factor of extra tokens.
    pub extra_token_factor: f32,
}

fn span_text(t: &Token, all: &[Token]) -> String {
    if t.span.0 == t.span.1 {
        t.text.clone()
    } else {
        let (s, e) = (t.span.0 as usize, t.span.1 as usize);
        all[s..=e]
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Explains the score of two names.
pub fn explain(x: &AnalysedName, y: &AnalysedName) -> Explanation {
    let Alignment {
        score,
        pairs,
        unmatched_a,
        unmatched_b,
        swapped,
    } = align(x, y, true);
    let (a, b) = if swapped { (y, x) } else { (x, y) };
    let (ta, tb) = (a.tokens_and_merges(), b.tokens_and_merges());
    let mut out_pairs: Vec<AlignedPair> = pairs
        .iter()
        .map(|c| {
            let (pa, pb) = (
                span_text(&ta[c.ia as usize], ta),
                span_text(&tb[c.ib as usize], tb),
            );
            let (pa, pb) = if swapped { (pb, pa) } else { (pa, pb) };
            AlignedPair {
                a: pa,
                b: pb,
                similarity: c.sim,
                weight: c.weight,
                rule: c.rule,
            }
        })
        .collect();
    out_pairs.sort_by(|p, q| q.similarity.total_cmp(&p.similarity));
    let (side_a, side_b) = if swapped { ("b", "a") } else { ("a", "b") };
    let mut unmatched: Vec<Unmatched> = unmatched_a
        .iter()
        .map(|&i| Unmatched {
            side: side_a,
            token: ta[i].text.clone(),
            weight: ta[i].weight,
        })
        .chain(unmatched_b.iter().map(|&i| Unmatched {
            side: side_b,
            token: tb[i].text.clone(),
            weight: tb[i].weight,
        }))
        .collect();
    unmatched.sort_by_key(|u| u.side);
    Explanation {
        version: x.0.level.max(y.0.level).version(),
        score,
        a: x.original().to_string(),
        b: y.original().to_string(),
        pairs: out_pairs,
        unmatched,
        extra_token_factor: EXTRA_TOKEN_FACTOR,
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Identical => write!(f, "identical"),
            Rule::SameUnits => write!(f, "same reading across spellings/scripts"),
            Rule::Variant { tier, group } => write!(f, "{tier:?} variant (group {group})"),
            Rule::Edit { cost } => write!(f, "edit cost {cost:.2}"),
            Rule::Ending { cost } => write!(f, "different ending, cost {cost:.2}"),
            Rule::KnownDistinct { cost } => {
                write!(f, "known distinct names (edit cost {cost:.2})")
            }
            Rule::Initial => write!(f, "initial"),
            Rule::Truncation => write!(f, "prefix of a truncated name"),
            Rule::CompoundPart => write!(f, "part of a compound name"),
            Rule::Different => write!(f, "different"),
        }
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "score {:.4}  ({})", self.score, self.version)?;
        writeln!(f, "  a: {}", self.a)?;
        writeln!(f, "  b: {}", self.b)?;
        for p in &self.pairs {
            writeln!(
                f,
                "  {:>20} ~ {:<20} sim {:.3} weight {:.2}  {}",
                p.a, p.b, p.similarity, p.weight, p.rule
            )?;
        }
        for u in &self.unmatched {
            writeln!(
                f,
                "  unmatched ({}) {} weight {:.2}",
                u.side, u.token, u.weight
            )?;
        }
        Ok(())
    }
}
