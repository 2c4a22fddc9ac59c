//! Script-specific readers turning a cleaned token into phonetic units.

pub mod arabic;
pub mod cyrillic;
pub mod foreign;
pub mod greek;
pub mod latin;

use crate::hygiene::Script;
use crate::units::Unit;

/// Unit sequences for a cleaned token of a known script. Tokens of other
/// scripts (digits, CJK...) get one unit per character class they share
/// with nothing, i.e. none: such tokens compare by their text only.
pub fn units_for(token: &str, script: Script) -> Vec<Vec<Unit>> {
    readings_for(token, script).0
}

/// Like [`units_for`], also returning the index from which readings are
/// foreign pronunciations (see [`foreign`]); equal to the length if none.
pub fn readings_for(token: &str, script: Script) -> (Vec<Vec<Unit>>, usize) {
    let mut foreign_from = usize::MAX;
    let mut seqs = match script {
        Script::Latin => {
            let (seqs, from) = latin::readings(token);
            foreign_from = from;
            seqs
        }
        Script::Cyrillic => cyrillic::units(token),
        Script::Greek => greek::units(token),
        Script::Arabic => arabic::units(token),
        Script::Other => vec![Vec::new()],
    };
    for s in &mut seqs {
        s.truncate(crate::MAX_UNITS);
    }
    seqs.truncate(crate::MAX_SEQS);
    let n = seqs.len();
    (seqs, foreign_from.min(n))
}
