//! Name tables: parsed once from the embedded data files into per-country
//! pools with cumulative weights for fast draws.

use crate::rng::{Cumulative, Rng};
use std::sync::OnceLock;

/// The writing system of a name's native form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// Latin, possibly with diacritics.
    Latin,
    /// Arabic script (Arabic, Persian/Dari, Urdu, Sorani Kurdish).
    Arabic,
    /// Bengali script.
    Bengali,
    /// Cyrillic.
    Cyrillic,
    /// Greek.
    Greek,
}

/// One name as it exists for one country: native form and the Latin
/// spellings attested there, most usual first.
#[derive(Debug)]
pub struct Name {
    /// The name in its own script.
    pub native: &'static str,
    /// Script of `native`.
    pub script: Script,
    /// Attested romanisations (empty for names whose script is Latin or
    /// whose romanisation follows from rules).
    pub spellings: Vec<&'static str>,
    /// Which table the name comes from; decides rendering rules.
    pub table: Table,
}

/// The source table of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// Arabic names (SY, IQ, EG, MA, DZ).
    Arabic,
    /// Persian/Dari names (AF, IR).
    Persian,
    /// Urdu names (PK).
    Urdu,
    /// Bengali names (BD).
    Bengali,
    /// Sorani Kurdish names.
    Kurdish,
    /// Turkish names.
    Turkish,
    /// Serbian/Croatian/Bosniak/Montenegrin names in Gaj Latin.
    SouthSlavic,
    /// Macedonian Cyrillic names.
    Macedonian,
    /// Bulgarian Cyrillic names.
    Bulgarian,
    /// Greek names.
    Greek,
    /// Albanian names.
    Albanian,
    /// Hungarian names.
    Hungarian,
}

/// Index of a name in [`Names::all`].
pub type NameId = u32;

/// A weighted list of names of one kind for one group of people.
#[derive(Debug, Default)]
pub struct Pool {
    /// Name ids.
    pub ids: Vec<NameId>,
    /// Cumulative weights over `ids`.
    pub cum: Cumulative,
}

impl Pool {
    /// Draws a name id; `None` when the pool is empty.
    pub fn draw(&self, rng: &mut Rng) -> Option<NameId> {
        if self.ids.is_empty() {
            None
        } else {
            Some(self.ids[self.cum.draw(rng)])
        }
    }
}

/// The pools for one naming group (a table restricted to one country).
#[derive(Debug, Default)]
pub struct GroupPools {
    /// Male given names.
    pub male: Pool,
    /// Female given names.
    pub female: Pool,
    /// Family names.
    pub family: Pool,
    /// Family names used by women only.
    pub female_family: Pool,
    /// Prefixes of compound male names.
    pub prefix: Pool,
}

/// All parsed names plus pools keyed by (table, country).
#[derive(Debug)]
pub struct Names {
    /// Every name, indexed by [`NameId`].
    pub all: Vec<Name>,
    groups: Vec<(Table, &'static str, GroupPools)>,
}

const FILES: &[(Table, &str)] = &[
    (Table::Arabic, include_str!("../data/arabic.tsv")),
    (Table::Persian, include_str!("../data/persian.tsv")),
    (Table::Urdu, include_str!("../data/urdu.tsv")),
    (Table::Bengali, include_str!("../data/bengali.tsv")),
    (Table::Kurdish, include_str!("../data/kurdish.tsv")),
    (Table::Turkish, include_str!("../data/turkish.tsv")),
    (Table::SouthSlavic, include_str!("../data/south_slavic.tsv")),
    (Table::Macedonian, include_str!("../data/macedonian.tsv")),
    (Table::Bulgarian, include_str!("../data/bulgarian.tsv")),
    (Table::Greek, include_str!("../data/greek.tsv")),
    (Table::Albanian, include_str!("../data/albanian.tsv")),
    (Table::Hungarian, include_str!("../data/hungarian.tsv")),
];

/// The countries that draw names from each table.
fn table_countries(t: Table) -> &'static [&'static str] {
    match t {
        Table::Arabic => &["SY", "IQ", "EG", "MA", "DZ"],
        Table::Persian => &["AF", "IR"],
        Table::Urdu => &["PK"],
        Table::Bengali => &["BD"],
        Table::Kurdish => &["IQ", "SY"],
        Table::Turkish => &["TR"],
        Table::SouthSlavic => &["RS", "BA", "ME", "HR"],
        Table::Macedonian => &["MK"],
        Table::Bulgarian => &["BG"],
        Table::Greek => &["GR"],
        Table::Albanian => &["AL", "XK", "MK"],
        Table::Hungarian => &["HU"],
    }
}

impl Names {
    /// The parsed tables, built on first use.
    pub fn get() -> &'static Names {
        static NAMES: OnceLock<Names> = OnceLock::new();
        NAMES.get_or_init(|| Names::parse().expect("embedded name tables are well-formed"))
    }

    /// The pools of `table` for `country`.
    pub fn group(&self, table: Table, country: &str) -> &GroupPools {
        self.groups
            .iter()
            .find(|(t, c, _)| *t == table && *c == country)
            .map(|(_, _, g)| g)
            .expect("every table/country pair used by the generator exists")
    }

    /// The name with id `id`.
    #[inline]
    pub fn name(&self, id: NameId) -> &Name {
        &self.all[id as usize]
    }

    fn parse() -> Result<Names, String> {
        let mut all = Vec::new();
        let mut groups = Vec::new();
        for &(table, text) in FILES {
            let mut script = Script::Latin;
            // Per country: (kind, id, weight) lists.
            let countries = table_countries(table);
            let mut per_country: Vec<Vec<(String, NameId, u64)>> =
                vec![Vec::new(); countries.len()];
            for (lineno, line) in text.lines().enumerate() {
                if let Some(s) = line.strip_prefix("#!script=") {
                    script = match s.trim() {
                        "arab" => Script::Arabic,
                        "beng" => Script::Bengali,
                        "cyrl" => Script::Cyrillic,
                        "grek" => Script::Greek,
                        _ => Script::Latin,
                    };
                    continue;
                }
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let cols: Vec<&'static str> = line.split('\t').collect();
                if cols.len() != 5 {
                    return Err(format!("{table:?} line {}: expected 5 columns", lineno + 1));
                }
                let (kind, ccs, weight, native, roms) =
                    (cols[0], cols[1], cols[2], cols[3], cols[4]);
                // Names are written to CSV without a quoting check: none may
                // contain a character that would need quoting (commas only
                // separate country codes in the spelling groups).
                if native.contains([',', '"', '\n', '\r']) || roms.contains(['"', '\n', '\r']) {
                    return Err(format!(
                        "{table:?} line {}: comma or quote in a name",
                        lineno + 1
                    ));
                }
                let weight: u64 = weight
                    .parse()
                    .map_err(|_| format!("{table:?} line {}: bad weight", lineno + 1))?;
                for (ci, &cc) in countries.iter().enumerate() {
                    if ccs != "*" && !ccs.split(',').any(|c| c == cc) {
                        continue;
                    }
                    let spellings = spellings_for(roms, cc);
                    if spellings.iter().any(|x| x.contains(',')) {
                        return Err(format!(
                            "{table:?} line {}: comma in a spelling",
                            lineno + 1
                        ));
                    }
                    if script != Script::Latin
                        && script != Script::Cyrillic
                        && script != Script::Greek
                        && spellings.is_empty()
                    {
                        return Err(format!(
                            "{table:?} line {}: no spelling for {cc}",
                            lineno + 1
                        ));
                    }
                    let id = all.len() as NameId;
                    all.push(Name {
                        native,
                        script,
                        spellings,
                        table,
                    });
                    per_country[ci].push((kind.to_string(), id, weight));
                }
            }
            for (ci, &cc) in countries.iter().enumerate() {
                let mut g = GroupPools::default();
                for kind in ["m", "f", "s", "sf", "p"] {
                    let items: Vec<(NameId, u64)> = per_country[ci]
                        .iter()
                        .filter(|(k, _, _)| k == kind)
                        .map(|(_, id, w)| (*id, *w))
                        .collect();
                    let pool = Pool {
                        ids: items.iter().map(|x| x.0).collect(),
                        cum: Cumulative::new(items.iter().map(|x| x.1)),
                    };
                    match kind {
                        "m" => g.male = pool,
                        "f" => g.female = pool,
                        "s" => g.family = pool,
                        "sf" => g.female_family = pool,
                        _ => g.prefix = pool,
                    }
                }
                if g.male.ids.is_empty() || g.female.ids.is_empty() || g.family.ids.is_empty() {
                    return Err(format!(
                        "{table:?}: country {cc} lacks given or family names"
                    ));
                }
                groups.push((table, cc, g));
            }
        }
        Ok(Names { all, groups })
    }
}

/// The spellings group that applies to `cc`: its own group, else `*`.
///
/// Groups are separated by spaces, but spellings may contain spaces
/// themselves ("El Sayed", "Abdul Rahman"): a new group starts only at a
/// token of the form `*=` or `CC,CC=`.
fn spellings_for(field: &'static str, cc: &str) -> Vec<&'static str> {
    if field == "-" {
        return Vec::new();
    }
    let mut groups: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut offset = 0;
    for token in field.split(' ') {
        let start = offset;
        offset += token.len() + 1;
        if let Some((keys, _)) = token.split_once('=')
            && (keys == "*"
                || keys
                    .split(',')
                    .all(|k| k.len() == 2 && k.bytes().all(|b| b.is_ascii_uppercase())))
        {
            groups.push((keys, start + keys.len() + 1, start + token.len()));
        } else if let Some(last) = groups.last_mut() {
            last.2 = start + token.len();
        }
    }
    let mut default = Vec::new();
    for (keys, a, b) in groups {
        let spellings: Vec<&'static str> = field[a..b].split('|').collect();
        if keys == "*" {
            default = spellings;
        } else if keys.split(',').any(|k| k == cc) {
            return spellings;
        }
    }
    default
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_and_mohammad_dominates_afghan_men() {
        let names = Names::get();
        let af = names.group(Table::Persian, "AF");
        let mut rng = Rng::new(3, 0);
        let mut mohammad = 0;
        for _ in 0..10_000 {
            let id = af.male.draw(&mut rng).unwrap();
            if names.name(id).native == "محمد" {
                mohammad += 1;
                assert_eq!(names.name(id).spellings[0], "Mohammad");
            }
        }
        // Roughly a fifth of the draws: the most frequent name by far.
        assert!(mohammad > 1_000, "{mohammad}");
    }

    #[test]
    fn spellings_with_spaces() {
        let f = "*=El Sayed|Elsayed|Al-Sayed EG,SY=El Sayed|El-Sayed MA=Abd al-Rahman|Abdul Rahman";
        assert_eq!(
            spellings_for(f, "IQ"),
            vec!["El Sayed", "Elsayed", "Al-Sayed"]
        );
        assert_eq!(spellings_for(f, "SY"), vec!["El Sayed", "El-Sayed"]);
        assert_eq!(
            spellings_for(f, "MA"),
            vec!["Abd al-Rahman", "Abdul Rahman"]
        );
        // Every spelling of every table is a non-empty name without '='.
        for n in &Names::get().all {
            for s in &n.spellings {
                assert!(
                    !s.is_empty() && !s.contains('=') && !s.contains('|'),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn country_specific_spellings() {
        let names = Names::get();
        let eg = names.group(Table::Arabic, "EG");
        let first = eg.male.ids[0];
        assert_eq!(names.name(first).spellings[0], "Mohamed");
        let dz = names.group(Table::Arabic, "DZ");
        assert!(
            dz.male
                .ids
                .iter()
                .any(|&i| names.name(i).spellings[0] == "Youcef")
        );
    }
}
