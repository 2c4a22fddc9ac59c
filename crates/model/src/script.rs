//! Which writing system a string is in.

use serde::{Deserialize, Serialize};

/// The dominant script of a name, as written by the reporting agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// Latin, with or without diacritics.
    Latin,
    /// Cyrillic (Serbian, Macedonian, Bulgarian, Russian, Ukrainian...).
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic script (Arabic, Persian, Dari, Pashto, Urdu, Sorani).
    Arabic,
    /// Letters of more than one script: a typing accident or a confusable.
    Mixed,
    /// Any other script.
    Other,
    /// No letters at all.
    #[default]
    None,
}

impl Script {
    /// Classifies a single character, or `None` for non-letters.
    pub fn of_char(c: char) -> Option<Script> {
        if !c.is_alphabetic() {
            return None;
        }
        Some(match c as u32 {
            0x0041..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
            0x0400..=0x052F => Script::Cyrillic,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
            _ => Script::Other,
        })
    }

    /// The script of all letters in `s`; [`Script::Mixed`] when they disagree.
    pub fn of(s: &str) -> Script {
        let mut found = Script::None;
        for script in s.chars().filter_map(Script::of_char) {
            found = match found {
                Script::None => script,
                f if f == script => f,
                _ => return Script::Mixed,
            };
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_route_scripts() {
        assert_eq!(Script::of("Đorđević"), Script::Latin);
        assert_eq!(Script::of("Ђорђевић"), Script::Cyrillic);
        assert_eq!(Script::of("Γεώργιος"), Script::Greek);
        assert_eq!(Script::of("محمد رضا"), Script::Arabic);
        assert_eq!(
            Script::of("Pеtar"),
            Script::Mixed,
            "Cyrillic е inside a Latin name"
        );
        assert_eq!(Script::of("1234"), Script::None);
    }
}
