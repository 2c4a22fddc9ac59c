//! Embedded data tables: name variant groups and particles.
//!
//! The tables are plain CSV under `data/`, embedded with `include_str!`
//! and parsed once on first use. Every name in them goes through the same
//! analyser as input names, so a table entry written in Cyrillic or Arabic
//! script is found from any romanisation that reads to the same units.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::hygiene::{self, Script};
use crate::parse;
use crate::units::Unit;
use crate::v1::analysis::Level;

/// A fast, deterministic hasher for the table maps (FNV-1a over the key
/// bytes): keys are short and not attacker-chosen in a way that matters
/// here, and the standard SipHash dominated analysis time.
#[derive(Clone, Copy, Default)]
pub struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
    fn write_u64(&mut self, v: u64) {
        // Keys are already FNV hashes: mix once more and take them as is.
        self.0 = (self.0 ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Builder for [`FnvHasher`].
pub type FnvBuild = std::hash::BuildHasherDefault<FnvHasher>;

/// How two names in one group relate; each tier has its own similarity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Spellings of the same name (Muhammad / Mohammed / محمد).
    Spelling,
    /// Regional forms of one name (Mehmet / Muhamed / Muhammad).
    Regional,
    /// Standard hypocoristics (Saša / Aleksandar).
    Hypocoristic,
    /// Translated cognates (Yusuf / Joseph).
    Cognate,
}

impl Tier {
    /// The similarity two names of one group get from this tier.
    pub fn similarity(self) -> f32 {
        match self {
            Tier::Spelling => 0.97,
            Tier::Regional => 0.9,
            Tier::Hypocoristic => 0.8,
            Tier::Cognate => 0.7,
        }
    }

    fn parse(s: &str) -> Option<Tier> {
        Some(match s {
            "spelling" => Tier::Spelling,
            "regional" => Tier::Regional,
            "hypocoristic" => Tier::Hypocoristic,
            "cognate" => Tier::Cognate,
            _ => return None,
        })
    }
}

/// One variant group from `data/variants.csv`.
#[derive(Debug)]
pub struct Group {
    /// Identifier, e.g. `muhammad` or `muhammad~regional`.
    pub id: String,
    /// Relation between its members.
    pub tier: Tier,
    /// Frequency class: 1 very common, 2 common, 3 ordinary.
    pub freq: u8,
    /// Members as written in the table (first is the display form).
    pub members: Vec<String>,
    /// The name is of Arabic origin (a member is written in Arabic script):
    /// its Latin spellings vary in their vowels.
    pub arabic_origin: bool,
    /// Written by hand (`variants.csv`) rather than generated from attested
    /// data (`arabic_attested.csv`): only curated groups are complete enough
    /// to say that two names are distinct.
    pub curated: bool,
}

/// Kind of a particle-table entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParticleKind {
    /// Article or patronymic/kunya particle (al, bin, abu...).
    Particle,
    /// Title or honorific (haji, seyed, dr).
    Title,
    /// Abbreviation of a name (md → muhammad).
    Abbreviation,
}

/// A particle-table entry.
#[derive(Debug)]
pub struct Particle {
    /// What it is.
    pub kind: ParticleKind,
    /// Weight in the score.
    pub weight: f32,
    /// For abbreviations: the name it stands for.
    pub expands_to: Option<String>,
}

/// All tables, parsed.
pub struct Tables {
    /// Variant groups, indexed by position.
    pub groups: Vec<Group>,
    /// Unit-sequence hash → group indices.
    pub by_key: HashMap<u64, Vec<u32>, FnvBuild>,
    /// Cleaned token → particle.
    pub particles: HashMap<String, Particle, FnvBuild>,
}

const VARIANTS: &str = include_str!("../data/variants.csv");
const ATTESTED: &str = include_str!("../data/arabic_attested.csv");
const PARTICLES: &str = include_str!("../data/particles.csv");
const CORRECTIONS_V5: &str = include_str!("../data/corrections_v5.csv");

/// The tables of matchers v1 to v4 (built on first use).
pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| build(None))
}

/// The tables a matcher version reads: from v5 on, with the corrections
/// of `data/corrections_v5.csv` (members removed from the groups they do
/// not belong to, spellings added to groups, particles and titles added,
/// new groups after the others). Group indices of the earlier tables keep their meaning, so an
/// index names the same group in both.
pub fn tables_for(level: Level) -> &'static Tables {
    static T5: OnceLock<Tables> = OnceLock::new();
    if level.v5() {
        T5.get_or_init(|| build(Some(CORRECTIONS_V5)))
    } else {
        tables()
    }
}

/// Hash of a unit sequence (FNV-1a, stable across runs and platforms so that
/// blocking keys can be stored).
pub fn hash_units(units: &[Unit]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &u in units {
        h ^= u as u64 + 1;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Hash of a string (FNV-1a), for group and skeleton keys.
pub fn hash_str(s: &str) -> u64 {
    hash_parts(&[s])
}

/// [`hash_str`] of the parts written one after the other, without building
/// the string: keys are a prefix and a text (`s:` and a skeleton), and
/// keying a file computes millions of them.
pub fn hash_parts(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.iter().flat_map(|p| p.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Unit sequences of a single table word, read like an input token.
pub fn word_keys(word: &str) -> Vec<u64> {
    let cleaned = hygiene::clean(word).replace(' ', "");
    let script = hygiene::token_script(&cleaned);
    let body = if script == Script::Arabic {
        parse::arabic::split_article(&cleaned).1
    } else {
        cleaned
    };
    parse::units_for(&body, script)
        .iter()
        .map(|s| hash_units(s))
        .collect()
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A corrections file: members to remove from a group (`-id,A|B`),
/// members to add to one (`+id,A|B`), particles and titles to add
/// (`*forms,kind,weight,expands_to`, as in `particles.csv`), and groups
/// to add (written like `variants.csv`, placed after all the others).
struct Corrections<'a> {
    removed: HashMap<&'a str, Vec<String>>,
    extra: HashMap<&'a str, Vec<&'a str>>,
    particles: Vec<&'a str>,
    added: Vec<&'a str>,
}

/// The group id and members of a `-id,…` or `+id,…` line.
fn id_and_members(rest: &str) -> (&str, impl Iterator<Item = &str>) {
    let (id, names) = rest.split_once(',').unwrap_or((rest, ""));
    (id.trim(), names.split('|').map(str::trim))
}

fn parse_corrections(text: &str) -> Corrections<'_> {
    let mut removed: HashMap<&str, Vec<String>> = HashMap::new();
    let mut extra: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut particles = Vec::new();
    let mut added = Vec::new();
    for line in data_lines(text).skip(1) {
        if let Some(rest) = line.strip_prefix('*') {
            particles.push(rest);
            continue;
        }
        if let Some(rest) = line.strip_prefix('-') {
            let (id, names) = id_and_members(rest);
            removed
                .entry(id)
                .or_default()
                .extend(names.map(hygiene::clean));
        } else if let Some(rest) = line.strip_prefix('+') {
            let (id, names) = id_and_members(rest);
            extra.entry(id).or_default().extend(names);
        } else {
            added.push(line);
        }
    }
    Corrections {
        removed,
        extra,
        particles,
        added,
    }
}

fn build(corrections: Option<&str>) -> Tables {
    let corrections = corrections.map(parse_corrections);
    let mut groups = Vec::new();
    let mut by_key: HashMap<u64, Vec<u32>, FnvBuild> = HashMap::default();
    let mut by_id: HashMap<String, Vec<String>> = HashMap::new();
    let added = corrections.iter().flat_map(|c| c.added.iter().copied());
    let lines = data_lines(VARIANTS)
        .skip(1)
        .chain(data_lines(ATTESTED).skip(1))
        .chain(added);
    for line in lines {
        let mut cols = line.splitn(4, ',');
        let (Some(id), Some(tier), Some(freq), Some(names)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let Some(tier) = Tier::parse(tier.trim()) else {
            continue;
        };
        // `@id` includes every member of an earlier group, so regional and
        // cognate groups can be written over whole spelling groups.
        let mut members: Vec<String> = Vec::new();
        for m in names.split('|').map(str::trim).filter(|s| !s.is_empty()) {
            match m.strip_prefix('@') {
                Some(r) => members.extend(by_id.get(r).cloned().unwrap_or_default()),
                None => members.push(m.to_string()),
            }
        }
        if let Some(c) = &corrections {
            if let Some(gone) = c.removed.get(id.trim()) {
                members.retain(|m| !gone.contains(&hygiene::clean(m)));
            }
            if let Some(more) = c.extra.get(id.trim()) {
                members.extend(more.iter().map(|m| m.to_string()));
            }
        }
        by_id
            .entry(id.trim().to_string())
            .or_default()
            .extend(members.iter().cloned());
        let idx = groups.len() as u32;
        for m in &members {
            for k in word_keys(m) {
                let entry = by_key.entry(k).or_default();
                if !entry.contains(&idx) {
                    entry.push(idx);
                }
            }
        }
        let arabic_origin = members
            .iter()
            .any(|m| hygiene::token_script(m) == Script::Arabic);
        groups.push(Group {
            arabic_origin,
            curated: !id.starts_with("anr:"),
            id: id.trim().to_string(),
            tier,
            freq: freq.trim().parse().unwrap_or(3),
            members,
        });
    }
    let mut particles = HashMap::default();
    let more = corrections.iter().flat_map(|c| c.particles.iter().copied());
    for line in data_lines(PARTICLES).skip(1).chain(more) {
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        if cols.len() < 3 {
            continue;
        }
        let kind = match cols[1] {
            "particle" => ParticleKind::Particle,
            "title" => ParticleKind::Title,
            "abbreviation" => ParticleKind::Abbreviation,
            _ => continue,
        };
        let weight = cols[2].parse().unwrap_or(0.2);
        let expands_to = cols.get(3).filter(|s| !s.is_empty()).map(|s| s.to_string());
        for form in cols[0].split('|') {
            particles.insert(
                hygiene::clean(form),
                Particle {
                    kind,
                    weight,
                    expands_to: expands_to.clone(),
                },
            );
        }
    }
    Tables {
        groups,
        by_key,
        particles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_and_link_scripts() {
        let t = tables();
        assert!(t.groups.len() > 100, "{}", t.groups.len());
        let latin = word_keys("Muhammad");
        let arabic = word_keys("محمد");
        let g1: Vec<u32> = latin.iter().flat_map(|k| t.by_key[k].clone()).collect();
        let g2: Vec<u32> = arabic.iter().flat_map(|k| t.by_key[k].clone()).collect();
        assert!(g1.iter().any(|g| g2.contains(g)));
        assert!(t.particles.contains_key("bin"));
    }
}
