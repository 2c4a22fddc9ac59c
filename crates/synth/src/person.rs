//! True identities of generated people.

use crate::date::{Date, civil_from_days, days_from_civil};
use crate::names::{NameId, Names, Table};
use crate::rng::Rng;
use crate::world::{CountryId, country, country_id};
use std::fmt::Write;

/// Sex.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    /// Male.
    M,
    /// Female.
    F,
}

/// Role of a person in a smuggling or trafficking network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetRole {
    /// Leads the network, sets prices, hires the others.
    Organiser,
    /// Finds clients in the origin community and online.
    Recruiter,
    /// Leads groups across green borders on foot.
    Guide,
    /// Drives groups in cars and vans.
    Driver,
    /// Keeps the flats and houses where groups wait.
    SafeHouseKeeper,
    /// Collects and settles payments, often through hawala.
    MoneyCollector,
    /// Exploits victims at destination (sexual, labour, begging).
    Exploiter,
}

impl NetRole {
    /// Snake-case code used in the CSV files.
    pub fn code(self) -> &'static str {
        match self {
            NetRole::Organiser => "organiser",
            NetRole::Recruiter => "recruiter",
            NetRole::Guide => "guide",
            NetRole::Driver => "driver",
            NetRole::SafeHouseKeeper => "safe_house_keeper",
            NetRole::MoneyCollector => "money_collector",
            NetRole::Exploiter => "exploiter",
        }
    }
}

/// Kind of document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// Passport.
    Passport,
    /// Identity card.
    IdCard,
    /// Residence permit.
    ResidencePermit,
}

/// A document the person holds.
#[derive(Clone, Debug)]
pub struct Document {
    /// Kind.
    pub kind: DocKind,
    /// Number as printed.
    pub number: String,
    /// Issuing country.
    pub country: CountryId,
    /// Expiry date.
    pub expiry: Date,
}

/// A false identity a person uses in some records.
#[derive(Clone, Debug)]
pub struct Alias {
    /// Given name.
    pub given: NameId,
    /// Family name.
    pub family: NameId,
    /// Claimed date of birth.
    pub birth: Date,
    /// Claimed nationality.
    pub nationality: CountryId,
}

/// What the person claims about their date of birth when no document is
/// shown: undocumented migrants often give 1 January of the year they
/// believe, or only a year; minors sometimes claim adulthood and adults
/// minority.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DobClaim {
    /// The true date.
    Exact,
    /// 1 January of the true year.
    JanFirst,
    /// The year only.
    YearOnly,
    /// A different year, with 1 January.
    ShiftedYear(i8),
}

/// A generated person: the ground truth behind records.
#[derive(Clone, Debug)]
pub struct Person {
    /// Sequential id (`P00000001`).
    pub id: u64,
    /// Sex.
    pub sex: Sex,
    /// True date of birth.
    pub birth: Date,
    /// What the person says when undocumented.
    pub dob_claim: DobClaim,
    /// Nationality.
    pub nationality: CountryId,
    /// Second nationality (e.g. MK citizens with Bulgarian passports).
    pub second_nationality: Option<CountryId>,
    /// Nationality the person claims in some records.
    pub claimed_nationality: Option<CountryId>,
    /// Naming table.
    pub table: Table,
    /// Given name.
    pub given: NameId,
    /// First element of a compound given name (Mohammad in Mohammad Zaman).
    pub given_prefix: Option<NameId>,
    /// Family name; `None` for people without one (many Afghans).
    pub family: Option<NameId>,
    /// Father's given name.
    pub father: NameId,
    /// Grandfather's given name.
    pub grandfather: NameId,
    /// Place of birth.
    pub birth_place: &'static str,
    /// Mobile number, E.164.
    pub phone: String,
    /// Document held, if any.
    pub document: Option<Document>,
    /// National identity number (JMBG, OIB, T.C. Kimlik No, …).
    pub national_id: Option<String>,
    /// Index of the spelling the person's own documents use.
    pub spelling: u8,
    /// Alias identity.
    pub alias: Option<Alias>,
    /// Network id when a facilitator.
    pub network: Option<u64>,
    /// Network role when a facilitator.
    pub role: Option<NetRole>,
    /// True when the person is a victim of trafficking.
    pub victim: bool,
    /// Under 18 at the time of the journey.
    pub minor: bool,
    /// Minor travelling without a parent or guardian.
    pub unaccompanied: bool,
}

/// Share of migrants who hold a passport, by nationality: many travel
/// without documents or destroy them (Frontex, WB-RAN reporting).
fn passport_share(a2: &str) -> f64 {
    match a2 {
        "SY" => 0.35,
        "AF" => 0.15,
        "PK" => 0.3,
        "IQ" => 0.4,
        "MA" | "DZ" => 0.4,
        "BD" => 0.5,
        "IR" => 0.45,
        "EG" => 0.5,
        "TR" => 0.85,
        _ => 0.9,
    }
}

/// Everything needed to create one person.
pub struct Spec {
    /// Nationality.
    pub nationality: CountryId,
    /// Sex.
    pub sex: Sex,
    /// Age range at the reference date, inclusive.
    pub age: (i32, i32),
    /// Reference day (days since epoch) for the age.
    pub at_day: i64,
    /// Whether the person is a migrant (drives document and DOB habits).
    pub migrant: bool,
}

/// Creates a person with id `id`.
pub fn make_person(rng: &mut Rng, id: u64, spec: &Spec) -> Person {
    let names = Names::get();
    let c = country(spec.nationality);
    let table = c.groups[rng.weighted_by(c.groups, |g| g.1)].0;
    let pools = names.group(table, c.a2);
    let given = match spec.sex {
        Sex::M => pools.male.draw(rng),
        Sex::F => pools.female.draw(rng),
    }
    .unwrap_or(0);
    // Compound male names (Mohammad Zaman, Ghulam Hazrat, Md Rafiq) are
    // common in Afghanistan, Pakistan and Bangladesh.
    let compound_p = match c.a2 {
        "AF" => 0.35,
        "PK" => 0.25,
        "BD" => 0.45,
        "IR" => 0.15,
        _ => 0.0,
    };
    let given_prefix = if spec.sex == Sex::M && rng.chance(compound_p) {
        pools
            .prefix
            .draw(rng)
            .filter(|&p| names.name(p).native != names.name(given).native)
    } else {
        None
    };
    let father = pools.male.draw(rng).unwrap_or(0);
    let grandfather = pools.male.draw(rng).unwrap_or(0);
    let no_family = c.a2 == "AF" && rng.chance(0.45);
    let family = if no_family {
        None
    } else if spec.sex == Sex::F && !pools.female_family.ids.is_empty() && rng.chance(0.6) {
        pools.female_family.draw(rng)
    } else {
        pools.family.draw(rng)
    };
    let age = rng.range(i64::from(spec.age.0), i64::from(spec.age.1));
    let birth_day = spec.at_day - age * 365 - rng.range(0, 364);
    let birth = civil_from_days(birth_day);
    let minor = age < 18;
    let dob_claim = if spec.migrant {
        let x = rng.unit();
        if x < 0.30 {
            DobClaim::JanFirst
        } else if x < 0.38 {
            DobClaim::YearOnly
        } else if x < 0.45 {
            // Minors claim to be adults to avoid separation from the group;
            // adults claim minority for protection.
            let shift = if minor {
                rng.range(1, 4)
            } else {
                -rng.range(1, 3)
            } as i8;
            DobClaim::ShiftedYear(-shift)
        } else {
            DobClaim::Exact
        }
    } else {
        DobClaim::Exact
    };
    let has_doc = if spec.migrant {
        rng.chance(passport_share(c.a2))
    } else {
        rng.chance(0.92)
    };
    let issue_day = spec.at_day - rng.range(100, 3000);
    let document = has_doc.then(|| {
        let regional_id = !spec.migrant && c.id_card.is_some() && rng.chance(0.45);
        let (kind, shape) = if regional_id {
            (DocKind::IdCard, c.id_card.unwrap_or(c.passport))
        } else {
            (DocKind::Passport, c.passport)
        };
        let mut number = String::with_capacity(12);
        fill_shape(rng, shape, &mut number);
        Document {
            kind,
            number,
            country: spec.nationality,
            expiry: civil_from_days(issue_day + 3652),
        }
    });
    let mut phone = String::with_capacity(16);
    // Migrants often carry a Turkish, Greek or Serbian prepaid SIM.
    let phone_country = if spec.migrant && rng.chance(0.45) {
        country(country_id(rng.pick_str(&["TR", "GR", "RS", "BA"])))
    } else {
        c
    };
    write_phone(
        rng,
        phone_country.dial,
        phone_country.mobile_prefixes,
        phone_country.mobile_len,
        &mut phone,
    );
    let national_id = national_id(rng, c.a2, birth, spec.sex);
    let second_nationality = match c.a2 {
        "MK" if rng.chance(0.12) => Some(country_id("BG")),
        "XK" if rng.chance(0.2) => Some(country_id("AL")),
        "BA" if rng.chance(0.1) => Some(country_id(if rng.chance(0.5) { "HR" } else { "RS" })),
        "ME" if rng.chance(0.08) => Some(country_id("RS")),
        "SY" if !spec.migrant && rng.chance(0.1) => Some(country_id("TR")),
        _ => None,
    };
    // Claimed nationalities follow the protection prospects of the time:
    // North Africans and Pakistanis claiming to be Syrian or Afghan.
    let claimed_nationality = if spec.migrant {
        match c.a2 {
            "MA" | "DZ" | "EG" if rng.chance(0.25) => Some(country_id("SY")),
            "PK" | "IR" if rng.chance(0.2) => Some(country_id("AF")),
            "BD" if rng.chance(0.1) => Some(country_id("PK")),
            "IQ" if rng.chance(0.1) => Some(country_id("SY")),
            _ => None,
        }
    } else {
        None
    };
    let spelling = {
        let x = rng.unit();
        if x < 0.6 {
            0
        } else if x < 0.85 {
            1
        } else {
            2
        }
    };
    Person {
        id,
        sex: spec.sex,
        birth,
        dob_claim,
        nationality: spec.nationality,
        second_nationality,
        claimed_nationality,
        table,
        given,
        given_prefix,
        family,
        father,
        grandfather,
        birth_place: rng.pick_str(c.birth_places),
        phone,
        document,
        national_id,
        spelling,
        alias: None,
        network: None,
        role: None,
        victim: false,
        minor,
        unaccompanied: false,
    }
}

/// Gives the person an alias identity from the same naming group.
pub fn add_alias(rng: &mut Rng, p: &mut Person) {
    let names = Names::get();
    let c = country(p.nationality);
    let pools = names.group(p.table, c.a2);
    let given = match p.sex {
        Sex::M => pools.male.draw(rng),
        Sex::F => pools.female.draw(rng),
    }
    .unwrap_or(p.given);
    let family = pools.family.draw(rng).unwrap_or(p.given);
    let shift = rng.range(-800, 800);
    p.alias = Some(Alias {
        given,
        family,
        birth: civil_from_days(p.birth.days() + shift),
        nationality: p.claimed_nationality.unwrap_or(p.nationality),
    });
}

/// Letters used in document numbers (I, O and Q avoided, as many issuers do).
const DOC_LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// Fills a number shape: `L` letter, `D` digit, anything else literal.
pub fn fill_shape(rng: &mut Rng, shape: &str, out: &mut String) {
    for c in shape.bytes() {
        match c {
            b'L' => out.push(char::from(DOC_LETTERS[rng.index(DOC_LETTERS.len())])),
            b'D' => out.push(char::from(b'0' + rng.below(10) as u8)),
            other => out.push(char::from(other)),
        }
    }
}

/// A mobile number in E.164 that no one can have: a real mobile prefix of
/// the country, then two digits more than that country's mobile numbers
/// have. Random numbers of the right length would be real subscribers'
/// numbers, and the data shows some of them as smugglers' phones. (Every
/// country here stays within E.164's fifteen digits; a test checks it.)
pub fn write_phone(rng: &mut Rng, dial: &str, prefixes: &[&str], len: usize, out: &mut String) {
    out.push('+');
    out.push_str(dial);
    let pre = rng.pick(prefixes);
    out.push_str(pre);
    let mut sum = 0u32;
    for _ in pre.len()..len {
        let d = rng.below(10) as u8;
        sum = sum.wrapping_mul(7).wrapping_add(u32::from(d));
        out.push(char::from(b'0' + d));
    }
    // The two extra digits come from the drawn ones, not from the random
    // stream, which every later draw of the generator depends on.
    for d in [sum % 10, (sum / 10) % 10] {
        out.push(char::from(b'0' + d as u8));
    }
}

/// National identity number with its real check rule where the country has
/// one: JMBG (RS, MK, BA, ME), OIB (HR), T.C. Kimlik No (TR).
fn national_id(rng: &mut Rng, a2: &str, birth: Date, sex: Sex) -> Option<String> {
    let region = match a2 {
        "RS" => rng.range(71, 89),
        "MK" => rng.range(41, 49),
        "BA" => rng.range(10, 19),
        "ME" => rng.range(21, 29),
        "HR" => return Some(oib(rng)),
        "TR" => return Some(tc_kimlik(rng)),
        _ => return None,
    };
    let serial = match sex {
        Sex::M => rng.range(0, 499),
        Sex::F => rng.range(500, 999),
    };
    let mut s = String::with_capacity(13);
    let _ = write!(
        s,
        "{:02}{:02}{:03}{:02}{:03}",
        birth.d,
        birth.m,
        birth.y.rem_euclid(1000),
        region,
        serial
    );
    let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum = 7 * (d[0] + d[6])
        + 6 * (d[1] + d[7])
        + 5 * (d[2] + d[8])
        + 4 * (d[3] + d[9])
        + 3 * (d[4] + d[10])
        + 2 * (d[5] + d[11]);
    let m = 11 - sum % 11;
    s.push(char::from(b'0' + if m > 9 { 0 } else { m as u8 }));
    Some(s)
}

/// Croatian OIB: ten random digits and an ISO 7064 MOD 11,10 check digit.
fn oib(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(11);
    let mut t = 10u32;
    for _ in 0..10 {
        let d = rng.below(10) as u32;
        s.push(char::from(b'0' + d as u8));
        t = (t + d) % 10;
        if t == 0 {
            t = 10;
        }
        t = (t * 2) % 11;
    }
    let c = (11 - t) % 10;
    s.push(char::from(b'0' + c as u8));
    s
}

/// Turkish identity number: nine digits (first non-zero) and two checks.
fn tc_kimlik(rng: &mut Rng) -> String {
    let mut d = [0u32; 11];
    d[0] = 1 + rng.below(9) as u32;
    for x in d.iter_mut().take(9).skip(1) {
        *x = rng.below(10) as u32;
    }
    let odd = d[0] + d[2] + d[4] + d[6] + d[8];
    let even = d[1] + d[3] + d[5] + d[7];
    d[9] = ((odd * 7 + 100 - even) % 10) % 10;
    d[10] = d[..10].iter().sum::<u32>() % 10;
    d.iter().map(|&x| char::from(b'0' + x as u8)).collect()
}

/// A reference day for ages: the journeys happen 2021–2025.
pub fn base_day() -> i64 {
    days_from_civil(2021, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_longer_than_the_countrys_and_valid_e164() {
        let mut rng = Rng::new(9, 0);
        for c in crate::world::COUNTRIES {
            for _ in 0..50 {
                let mut phone = String::new();
                write_phone(
                    &mut rng,
                    c.dial,
                    c.mobile_prefixes,
                    c.mobile_len,
                    &mut phone,
                );
                let digits = &phone[1..];
                assert!(phone.starts_with('+') && digits.bytes().all(|b| b.is_ascii_digit()));
                assert_eq!(digits.len(), c.dial.len() + c.mobile_len + 2, "{phone}");
                assert!((8..=15).contains(&digits.len()), "{phone}: not E.164");
            }
        }
    }

    #[test]
    fn check_digit_rules() {
        let mut rng = Rng::new(5, 0);
        for _ in 0..100 {
            let o = oib(&mut rng);
            let mut t = 10u32;
            for b in o.bytes().take(10) {
                t = (t + u32::from(b - b'0')) % 10;
                if t == 0 {
                    t = 10;
                }
                t = (t * 2) % 11;
            }
            assert_eq!((11 - t) % 10, u32::from(o.as_bytes()[10] - b'0'));
            let k = tc_kimlik(&mut rng);
            assert_eq!(k.len(), 11);
        }
        let j = national_id(
            &mut rng,
            "RS",
            Date {
                y: 1985,
                m: 4,
                d: 7,
            },
            Sex::F,
        )
        .unwrap();
        assert!(j.starts_with("0704985"));
        assert_eq!(j.len(), 13);
    }
}
