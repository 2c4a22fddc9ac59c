//! Namesake padding for measurements at scale: a list of millions of
//! person alerts made from a few thousand generated ones. Given names,
//! sexes and nationalities are recombined with family names of the same
//! nationality and random dates of birth (a quarter of them 1 January
//! placeholders, an eighth a year only), so the haystack is as hard as
//! the generated names are common. The screening and HTTP benchmarks pad
//! their alert lists with it; nothing else uses it.

use std::collections::HashMap;

use veza_model::{Alert, AlertCategory, CountryCode, NameKind, NameValue, PartialDate, Sex};

/// Makes namesake alerts from a list of generated alerts, deterministically.
pub struct Namesakes {
    pools: Pools,
    template: Alert,
    rng: Rng,
}

impl Namesakes {
    /// Pools the names of `alerts`' person alerts; `seed` fixes the
    /// sequence. Panics if `alerts` holds no person alert with a
    /// recognisable given and family name.
    pub fn new(alerts: &[Alert], seed: u64) -> Namesakes {
        let pools = pools(alerts);
        assert!(!pools.given.is_empty(), "no person alerts to recombine");
        // Fields other than the person's (issuer, dates of review and
        // expiry) are those of the first alert.
        let template = alerts[0].clone();
        Namesakes {
            pools,
            template,
            rng: Rng(seed),
        }
    }

    /// The `i`-th padding alert (ids are neutral, see [`neutral_id`]).
    pub fn alert(&mut self, i: usize) -> Alert {
        padding_alert(i, &mut self.rng, &self.pools, &self.template)
    }
}

/// SplitMix64: a small deterministic generator for the padding alerts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Name parts of the generated person alerts, by nationality, to
/// recombine into namesakes.
struct Pools {
    /// (given, sex, nationality) of each person alert.
    given: Vec<(String, Option<Sex>, Vec<CountryCode>)>,
    family_by_nationality: HashMap<Option<CountryCode>, Vec<String>>,
    categories: Vec<(AlertCategory, String)>,
}

fn split_name(a: &Alert) -> Option<(String, String)> {
    let get = |k: NameKind| {
        a.names
            .iter()
            .find(|n| n.kind == k)
            .map(|n| n.value.clone())
    };
    match (get(NameKind::Given), get(NameKind::Family)) {
        (Some(g), Some(f)) => Some((g, f)),
        _ => {
            let full = get(NameKind::Full)?;
            let (g, f) = full.rsplit_once(' ')?;
            Some((g.to_owned(), f.to_owned()))
        }
    }
}

fn pools(alerts: &[Alert]) -> Pools {
    let mut p = Pools {
        given: Vec::new(),
        family_by_nationality: HashMap::new(),
        categories: Vec::new(),
    };
    for a in alerts.iter().filter(|a| a.category.is_person()) {
        let Some((g, f)) = split_name(a) else {
            continue;
        };
        p.given.push((g, a.sex, a.nationalities.clone()));
        p.family_by_nationality
            .entry(a.nationalities.first().copied())
            .or_default()
            .push(f);
        p.categories.push((a.category, a.action.clone()));
    }
    p
}

fn padding_alert(i: usize, rng: &mut Rng, p: &Pools, template: &Alert) -> Alert {
    let (given, sex, nats) = &p.given[rng.below(p.given.len())];
    let families = &p.family_by_nationality[&nats.first().copied()];
    let family = &families[rng.below(families.len())];
    let year = 1950 + rng.below(63) as u16;
    let dob = match rng.below(100) {
        0..=24 => PartialDate {
            year,
            month: Some(1),
            day: Some(1),
        },
        25..=32 => PartialDate {
            year,
            month: None,
            day: None,
        },
        _ => {
            let month = 1 + rng.below(12) as u8;
            let day = 1 + rng.below(28) as u8;
            PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            }
        }
    };
    let (category, action) = p.categories[rng.below(p.categories.len())].clone();
    Alert {
        id: neutral_id(&format!("F{i:09}")),
        category,
        names: vec![
            NameValue::new(NameKind::Given, given.clone()),
            NameValue::new(NameKind::Family, family.clone()),
        ],
        date_of_birth: Some(dob),
        sex: *sex,
        nationalities: nats.clone(),
        documents: Vec::new(),
        vehicle: None,
        warning_markers: Vec::new(),
        action,
        ..template.clone()
    }
}

/// An alert id that carries no hint of whether the alert was generated
/// or padding, so that ties between namesakes are broken without bias.
pub fn neutral_id(id: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("A{:016x}", Rng(h).next())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated() -> Vec<Alert> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("alerts.csv");
        std::fs::write(
            &path,
            "alert_id,category,given_name,family_name,aliases,date_of_birth,sex,nationality,document_number\n\
             A1,arrest,Ahmad,Karimi,,1990-05-06,M,AF,\n\
             A2,refusal_of_entry,Fatima,Rahimi,,1988,F,AF,\n\
             A3,arrest,Jovan,Petrović,,1975-01-02,M,RS,\n",
        )
        .expect("write");
        crate::csv_io::read_alerts(&path).expect("alerts")
    }

    /// Same seed, same alerts; names recombined within a nationality.
    #[test]
    fn namesakes_are_deterministic_recombinations() {
        let alerts = generated();
        let mut a = Namesakes::new(&alerts, 7);
        let mut b = Namesakes::new(&alerts, 7);
        for i in 0..200 {
            let (x, y) = (a.alert(i), b.alert(i));
            assert_eq!(format!("{x:?}"), format!("{y:?}"));
            let family = &x.names[1].value;
            let afghan = x.nationalities.first().is_some_and(|c| c.as_str() == "AF");
            assert_eq!(
                afghan,
                family != "Petrović",
                "{family} for {:?}",
                x.nationalities
            );
            assert!(x.date_of_birth.is_some());
        }
        assert_ne!(a.alert(1000).id, a.alert(1001).id);
    }
}
