//! The report behind `veza names normalize NAME`: every form and key the
//! analyser derives from a name.

use std::fmt;

use crate::analyse;
use crate::romanise::{Romanisation, romanisations};
use crate::tables;
use crate::v1::analysis::{Role, TokenKind};
use crate::v1::keys::{blocking_keys, skeleton};
use crate::{Script, search_folded};

/// One token of a [`NormalizeReport`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct TokenReport {
    /// Cleaned token in its original script.
    pub text: String,
    /// Script.
    pub script: Script,
    /// Kind (name, particle, title, initial).
    pub kind: TokenKind,
    /// Role from the input layout.
    pub role: Role,
    /// Weight in scores.
    pub weight: f32,
    /// Romanisations under the systems that apply.
    pub romanisations: Vec<Romanisation>,
    /// Phonetic readings, rendered in expanded ASCII.
    pub readings: Vec<String>,
    /// Consonant skeletons of the readings (blocking keys before hashing).
    pub skeletons: Vec<String>,
    /// Variant groups the token belongs to, with their tier.
    pub variant_groups: Vec<String>,
    /// Attested Latin spellings from the variant groups (for Arabic script,
    /// the spellings documents actually use).
    pub attested: Vec<String>,
}

/// Everything `veza names normalize` shows.
#[derive(Clone, Debug, serde::Serialize)]
pub struct NormalizeReport {
    /// Matcher version.
    pub version: &'static str,
    /// The input.
    pub input: String,
    /// After Unicode hygiene.
    pub cleaned: String,
    /// Lower-case ASCII folding for display and plain search.
    pub search_folded: String,
    /// Tokens.
    pub tokens: Vec<TokenReport>,
    /// Hashed blocking keys, hexadecimal.
    pub blocking_keys: Vec<String>,
}

/// Builds the normalisation report of a name.
pub fn normalize_report(name: &str) -> NormalizeReport {
    // The default matcher's analysis, with the tables of its version: the
    // readings and keys shown are the ones checks and resolution use.
    let analysed = analyse(name);
    let t = tables::tables_for(analysed.level());
    let tokens = analysed
        .tokens()
        .iter()
        .map(|tok| {
            let readings: Vec<String> = tok
                .seqs()
                .iter()
                .map(|s| s.units().iter().map(|u| u.expanded()).collect())
                .collect();
            let skeletons = tok.seqs().iter().map(|s| skeleton(s.units())).collect();
            let mut attested = Vec::new();
            for &g in &tok.groups {
                let grp = &t.groups[g as usize];
                if grp.tier == tables::Tier::Spelling {
                    for m in &grp.members {
                        let m = m.to_lowercase();
                        if m.is_ascii() && !attested.contains(&m) {
                            attested.push(m);
                        }
                    }
                }
            }
            TokenReport {
                text: tok.text.clone(),
                script: tok.script,
                kind: tok.kind,
                role: tok.role,
                weight: tok.weight,
                romanisations: romanisations(&tok.text, tok.script),
                readings,
                skeletons,
                variant_groups: tok
                    .groups
                    .iter()
                    .map(|&g| {
                        let grp = &t.groups[g as usize];
                        format!("{} ({:?})", grp.id, grp.tier).to_lowercase()
                    })
                    .collect(),
                attested,
            }
        })
        .collect();
    NormalizeReport {
        version: crate::MATCHER_VERSION,
        input: name.to_string(),
        cleaned: analysed.cleaned().to_string(),
        search_folded: search_folded(name),
        tokens,
        blocking_keys: blocking_keys(&analysed)
            .iter()
            .map(|k| format!("{k:016x}"))
            .collect(),
    }
}

impl fmt::Display for NormalizeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "input:    {}", self.input)?;
        writeln!(f, "cleaned:  {}", self.cleaned)?;
        writeln!(f, "folded:   {}", self.search_folded)?;
        writeln!(f, "version:  {}", self.version)?;
        for t in &self.tokens {
            writeln!(
                f,
                "token {} [{:?}, {:?}, role {:?}, weight {:.2}]",
                t.text, t.script, t.kind, t.role, t.weight
            )?;
            for r in &t.romanisations {
                writeln!(f, "    {:<14} {}", r.system, r.form)?;
            }
            writeln!(f, "    readings       {}", t.readings.join(" | "))?;
            writeln!(f, "    skeletons      {}", t.skeletons.join(" | "))?;
            if !t.variant_groups.is_empty() {
                writeln!(f, "    groups         {}", t.variant_groups.join(", "))?;
            }
            if !t.attested.is_empty() {
                writeln!(f, "    attested       {}", t.attested.join(", "))?;
            }
        }
        writeln!(f, "blocking keys: {}", self.blocking_keys.join(" "))
    }
}
