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
    let mut seqs = match script {
        Script::Latin => latin::units(token),
        Script::Cyrillic => cyrillic::units(token),
        Script::Greek => greek::units(token),
        Script::Arabic => arabic::units(token),
        Script::Other => vec![Vec::new()],
    };
    for s in &mut seqs {
        s.truncate(crate::MAX_UNITS);
    }
    seqs.truncate(crate::MAX_SEQS);
    seqs
}
