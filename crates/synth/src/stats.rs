//! Distributions of one generation run, for `veza generate --stats`.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Counts of the noise applied to records.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Variants {
    /// Records with at least one typing error in a name.
    pub typo: u64,
    /// Given and family fields swapped.
    pub swapped_order: u64,
    /// Date of birth given as 1 January placeholder.
    pub dob_jan_first: u64,
    /// Date of birth with year only.
    pub dob_year_only: u64,
    /// Date of birth with year and month only.
    pub dob_year_month: u64,
    /// Day and month swapped.
    pub dob_day_month_swapped: u64,
    /// Claimed year of birth differs from the truth.
    pub dob_shifted_year: u64,
    /// Date of birth missing.
    pub dob_missing: u64,
    /// Nationality differs from the true one.
    pub changed_nationality: u64,
    /// Record made under an alias identity.
    pub alias_used: u64,
    /// Document number with an OCR confusion.
    pub ocr_document_number: u64,
    /// Foreign name respelled with a local Latin habit (š, dž, xh, sz).
    pub local_latin_habit: u64,
    /// Father's name recorded.
    pub father_name: u64,
    /// Full name written as a patronymic chain.
    pub patronymic_chain: u64,
    /// Family field filled with the father's name (no family name).
    pub father_as_family: u64,
    /// Original-script name kept in `full_name`.
    pub native_full_name: u64,
    /// Names in capitals.
    pub upper_case: u64,
    /// Names copied from a document.
    pub from_document: u64,
    /// Names read from the MRZ (ICAO transliteration: OE, UE, D for Đ).
    pub mrz_form: u64,
    /// No document recorded.
    pub no_document: u64,
    /// Compound given name merged into one token (Mohammadreza).
    pub compound_merged: u64,
    /// Compound given name with its first element dropped.
    pub compound_dropped: u64,
}

/// Everything `--stats` reports.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    /// Seed used.
    pub seed: u64,
    /// People generated.
    pub persons: u64,
    /// Migrants who are not victims of trafficking.
    pub migrants: u64,
    /// Facilitators (network members).
    pub facilitators: u64,
    /// Victims of trafficking (converted migrants and people recruited by
    /// trafficking rings).
    pub victims: u64,
    /// Rows of records.csv (and truth.csv).
    pub records: u64,
    /// Rows of events.csv.
    pub events: u64,
    /// Rows of relations.csv.
    pub relations: u64,
    /// Rows of alerts.csv.
    pub alerts: u64,
    /// Rows of queries.csv.
    pub queries: u64,
    /// Queries that should hit an alert.
    pub queries_hit: u64,
    /// Queries that should hit nothing.
    pub queries_no_hit: u64,
    /// No-hit queries that share the name of an alerted person.
    pub queries_near_miss: u64,
    /// Queries carrying an MRZ.
    pub queries_mrz: u64,
    /// Networks.
    pub networks: u64,
    /// Journeys (groups travelling together).
    pub journeys: u64,
    /// Records by agency and script of the names.
    pub scripts_per_agency: BTreeMap<String, BTreeMap<String, u64>>,
    /// Records by role.
    pub roles: BTreeMap<String, u64>,
    /// Events by kind.
    pub event_kinds: BTreeMap<String, u64>,
    /// Relations by kind.
    pub relation_kinds: BTreeMap<String, u64>,
    /// Alerts by category.
    pub alert_categories: BTreeMap<String, u64>,
    /// Number of people having k records (k capped at 10).
    pub records_per_person: BTreeMap<u32, u64>,
    /// Number of networks having n members (facilitators).
    pub network_sizes: BTreeMap<u32, u64>,
    /// Noise counts.
    pub variants: Variants,
}

fn rate(n: u64, d: u64) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "seed {}", self.seed)?;
        writeln!(
            f,
            "persons {} (migrants {}, facilitators {}, victims {})",
            self.persons, self.migrants, self.facilitators, self.victims
        )?;
        writeln!(
            f,
            "files: records {} | truth {} | events {} | relations {} | alerts {} | queries {}",
            self.records, self.records, self.events, self.relations, self.alerts, self.queries
        )?;
        writeln!(
            f,
            "queries: expected hit {} | no hit {} (near misses {}) | with MRZ {}",
            self.queries_hit, self.queries_no_hit, self.queries_near_miss, self.queries_mrz
        )?;
        writeln!(f, "networks {} | journeys {}", self.networks, self.journeys)?;
        writeln!(f, "\nscripts per agency (share of records):")?;
        for (agency, scripts) in &self.scripts_per_agency {
            let total: u64 = scripts.values().sum();
            write!(f, "  {agency:<8} {total:>9}")?;
            for (s, n) in scripts {
                write!(f, "  {s} {:.1}%", rate(*n, total))?;
            }
            writeln!(f)?;
        }
        writeln!(f, "\nvariant rates (share of records):")?;
        let v = &self.variants;
        let r = self.records;
        for (label, n) in [
            ("typing error in a name", v.typo),
            ("given/family swapped", v.swapped_order),
            ("DOB 1 January placeholder", v.dob_jan_first),
            ("DOB year only", v.dob_year_only),
            ("DOB year-month", v.dob_year_month),
            ("DOB day/month swapped", v.dob_day_month_swapped),
            ("DOB claimed year differs", v.dob_shifted_year),
            ("DOB missing", v.dob_missing),
            ("nationality differs from truth", v.changed_nationality),
            ("alias identity", v.alias_used),
            ("OCR confusion in document number", v.ocr_document_number),
            ("local Latin habit (š, dž, xh, sz)", v.local_latin_habit),
            ("father's name recorded", v.father_name),
            ("patronymic chain in full name", v.patronymic_chain),
            ("father's name as family name", v.father_as_family),
            ("original script in full name", v.native_full_name),
            ("names in capitals", v.upper_case),
            ("names copied from a document", v.from_document),
            ("names in MRZ transliteration", v.mrz_form),
            ("no document recorded", v.no_document),
            ("compound given name merged", v.compound_merged),
            ("compound given name shortened", v.compound_dropped),
        ] {
            writeln!(f, "  {label:<36} {:>6.2}%  ({n})", rate(n, r))?;
        }
        writeln!(f, "\nrecords per person:")?;
        for (k, n) in &self.records_per_person {
            let label = if *k >= 10 {
                "10+".to_string()
            } else {
                k.to_string()
            };
            writeln!(f, "  {label:>3}  {n}")?;
        }
        writeln!(f, "\nnetwork sizes (facilitators per network):")?;
        for (k, n) in &self.network_sizes {
            writeln!(f, "  {k:>3}  {n}")?;
        }
        for (title, map) in [
            ("roles in records", &self.roles),
            ("event kinds", &self.event_kinds),
            ("relation kinds", &self.relation_kinds),
            ("alert categories", &self.alert_categories),
        ] {
            writeln!(f, "\n{title}:")?;
            for (k, n) in map {
                writeln!(f, "  {k:<30} {n}")?;
            }
        }
        Ok(())
    }
}

/// Counts by static key without hashing or allocating: the keys are a
/// handful of string literals, found first by address.
#[derive(Default)]
pub struct Tally {
    items: Vec<(&'static str, &'static str, u64)>,
}

impl Tally {
    /// Adds one to the pair (`a`, `b`); use `""` for `b` in a flat tally.
    #[inline]
    pub fn add(&mut self, a: &'static str, b: &'static str) {
        let same =
            |x: &str, y: &str| std::ptr::eq(x.as_ptr(), y.as_ptr()) && x.len() == y.len() || x == y;
        for it in &mut self.items {
            if same(it.0, a) && same(it.1, b) {
                it.2 += 1;
                return;
            }
        }
        self.items.push((a, b, 1));
    }

    /// Adds the counts into a flat map.
    pub fn add_to_map(&self, map: &mut BTreeMap<String, u64>) {
        for (a, _, n) in &self.items {
            *map.entry((*a).to_string()).or_default() += n;
        }
    }

    /// Adds the counts into a nested map.
    pub fn add_to_nested(&self, map: &mut BTreeMap<String, BTreeMap<String, u64>>) {
        for (a, b, n) in &self.items {
            *map.entry((*a).to_string())
                .or_default()
                .entry((*b).to_string())
                .or_default() += n;
        }
    }
}

/// Adds one to `key` without allocating when the key exists.
#[inline]
pub fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(v) => *v += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// Script class of a written name, for the per-agency table.
pub fn script_class(s: &str) -> &'static str {
    let mut latin_diacritic = false;
    for c in s.chars() {
        match c as u32 {
            0x0600..=0x06FF => return "arabic",
            0x0980..=0x09FF => return "bengali",
            0x0400..=0x04FF => return "cyrillic",
            0x0370..=0x03FF => return "greek",
            0x00C0..=0x024F => latin_diacritic = true,
            _ => {}
        }
    }
    if latin_diacritic {
        "latin_diacritics"
    } else {
        "latin_ascii"
    }
}
