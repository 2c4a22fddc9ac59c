//! Countries, agencies, places and routes of the Western Balkan route.

use crate::names::Table;
use crate::translit::{CyrillicHabit, LatinHabit};
use std::sync::OnceLock;

/// A country with the facts the generator needs.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2 (XK for Kosovo).
    pub a2: &'static str,
    /// ICAO three-letter code used in the MRZ (RKS for Kosovo passports).
    pub a3: &'static str,
    /// Country calling code without `+`.
    pub dial: &'static str,
    /// Mobile prefixes (national significant number starts).
    pub mobile_prefixes: &'static [&'static str],
    /// Length of the national significant number.
    pub mobile_len: usize,
    /// Passport number shape: `L` letter, `D` digit, other characters literal.
    pub passport: &'static str,
    /// Identity-card number shape, for countries whose citizens travel in the
    /// region on ID cards.
    pub id_card: Option<&'static str>,
    /// Naming groups with weights (a country may mix e.g. Arabic and Kurdish).
    pub groups: &'static [(Table, u32)],
    /// Cities of birth, in the Latin form most registries use.
    pub birth_places: &'static [&'static str],
}

macro_rules! country {
    ($a2:literal, $a3:literal, $dial:literal, $pre:expr, $len:literal, $pp:literal, $id:expr, $groups:expr, $births:expr) => {
        Country {
            a2: $a2,
            a3: $a3,
            dial: $dial,
            mobile_prefixes: $pre,
            mobile_len: $len,
            passport: $pp,
            id_card: $id,
            groups: $groups,
            birth_places: $births,
        }
    };
}

/// Every country the generator uses. Number shapes approximate the look of
/// each country's documents; they carry no national check rules.
pub static COUNTRIES: &[Country] = &[
    country!(
        "AF",
        "AFG",
        "93",
        &["70", "72", "77", "78", "79"],
        9,
        "PDDDDDDD",
        None,
        &[(Table::Persian, 1)],
        &[
            "Kabul",
            "Herat",
            "Mazar-i-Sharif",
            "Kunduz",
            "Jalalabad",
            "Ghazni",
            "Kandahar",
            "Baghlan"
        ]
    ),
    country!(
        "SY",
        "SYR",
        "963",
        &["93", "94", "95", "96", "98", "99"],
        9,
        "NDDDDDDDDD",
        None,
        &[(Table::Arabic, 85), (Table::Kurdish, 15)],
        &[
            "Aleppo",
            "Damascus",
            "Idlib",
            "Homs",
            "Deir ez-Zor",
            "Hama",
            "Qamishli",
            "Daraa",
            "Raqqa"
        ]
    ),
    country!(
        "PK",
        "PAK",
        "92",
        &["300", "301", "321", "333", "345"],
        10,
        "LLDDDDDDD",
        None,
        &[(Table::Urdu, 1)],
        &[
            "Lahore",
            "Karachi",
            "Gujrat",
            "Peshawar",
            "Mardan",
            "Sialkot",
            "Mandi Bahauddin",
            "Rawalpindi"
        ]
    ),
    country!(
        "IQ",
        "IRQ",
        "964",
        &["750", "770", "780", "790"],
        10,
        "ADDDDDDDD",
        None,
        &[(Table::Arabic, 65), (Table::Kurdish, 35)],
        &[
            "Baghdad",
            "Mosul",
            "Erbil",
            "Sulaymaniyah",
            "Duhok",
            "Basra",
            "Kirkuk"
        ]
    ),
    country!(
        "MA",
        "MAR",
        "212",
        &["6", "7"],
        9,
        "LLDDDDDDD",
        None,
        &[(Table::Arabic, 1)],
        &[
            "Casablanca",
            "Fes",
            "Tangier",
            "Oujda",
            "Beni Mellal",
            "Nador",
            "Marrakesh"
        ]
    ),
    country!(
        "DZ",
        "DZA",
        "213",
        &["5", "6", "7"],
        9,
        "DDDDDDDDD",
        None,
        &[(Table::Arabic, 1)],
        &[
            "Algiers",
            "Oran",
            "Annaba",
            "Constantine",
            "Tizi Ouzou",
            "Setif"
        ]
    ),
    country!(
        "BD",
        "BGD",
        "880",
        &["17", "18", "19", "16", "15"],
        10,
        "LLDDDDDDD",
        None,
        &[(Table::Bengali, 1)],
        &[
            "Dhaka",
            "Sylhet",
            "Chittagong",
            "Comilla",
            "Noakhali",
            "Madaripur"
        ]
    ),
    country!(
        "IR",
        "IRN",
        "98",
        &["91", "93", "90", "99"],
        10,
        "LDDDDDDDD",
        None,
        &[(Table::Persian, 1)],
        &[
            "Tehran",
            "Mashhad",
            "Kermanshah",
            "Tabriz",
            "Shiraz",
            "Isfahan",
            "Ahvaz"
        ]
    ),
    country!(
        "TR",
        "TUR",
        "90",
        &["53", "54", "55", "50"],
        10,
        "UDDDDDDDD",
        Some("LDDLDDDDD"),
        &[(Table::Turkish, 1)],
        &[
            "Istanbul",
            "Gaziantep",
            "Diyarbakır",
            "Van",
            "Şanlıurfa",
            "Izmir",
            "Edirne"
        ]
    ),
    country!(
        "EG",
        "EGY",
        "20",
        &["10", "11", "12", "15"],
        10,
        "ADDDDDDDD",
        None,
        &[(Table::Arabic, 1)],
        &[
            "Cairo",
            "Alexandria",
            "Kafr el-Sheikh",
            "Gharbia",
            "Asyut",
            "Mansoura"
        ]
    ),
    country!(
        "RS",
        "SRB",
        "381",
        &["60", "61", "62", "63", "64", "65", "66"],
        9,
        "DDDDDDDDD",
        Some("DDDDDDDDD"),
        &[(Table::SouthSlavic, 1)],
        &[
            "Beograd",
            "Novi Sad",
            "Niš",
            "Subotica",
            "Kragujevac",
            "Preševo",
            "Novi Pazar",
            "Šid"
        ]
    ),
    country!(
        "MK",
        "MKD",
        "389",
        &["70", "71", "72", "75", "76", "77", "78"],
        8,
        "MDDDDDDD",
        Some("LDDDDDDDD"),
        &[(Table::Macedonian, 70), (Table::Albanian, 30)],
        &[
            "Skopje",
            "Kumanovo",
            "Tetovo",
            "Gevgelija",
            "Bitola",
            "Gostivar"
        ]
    ),
    country!(
        "AL",
        "ALB",
        "355",
        &["67", "68", "69"],
        9,
        "LLDDDDDDD",
        Some("LDDDDDDDDL"),
        &[(Table::Albanian, 1)],
        &["Tiranë", "Shkodër", "Durrës", "Elbasan", "Korçë", "Vlorë"]
    ),
    country!(
        "XK",
        "RKS",
        "383",
        &["43", "44", "45", "49"],
        8,
        "PDDDDDDDD",
        Some("DDDDDDDDD"),
        &[(Table::Albanian, 1)],
        &[
            "Prishtinë",
            "Prizren",
            "Pejë",
            "Ferizaj",
            "Gjilan",
            "Mitrovicë"
        ]
    ),
    country!(
        "BA",
        "BIH",
        "387",
        &["61", "62", "63", "65", "66"],
        8,
        "LDDDDDDD",
        Some("DDLLLDDDD"),
        &[(Table::SouthSlavic, 1)],
        &[
            "Sarajevo",
            "Bihać",
            "Velika Kladuša",
            "Tuzla",
            "Zenica",
            "Banja Luka",
            "Bijeljina"
        ]
    ),
    country!(
        "ME",
        "MNE",
        "382",
        &["67", "68", "69"],
        8,
        "LLDDDDDD",
        Some("DDDDDDDDD"),
        &[(Table::SouthSlavic, 1)],
        &["Podgorica", "Nikšić", "Rožaje", "Bar", "Ulcinj", "Pljevlja"]
    ),
    country!(
        "GR",
        "GRC",
        "30",
        &["690", "693", "694", "695", "697", "698", "699"],
        10,
        "LLDDDDDDD",
        Some("LLDDDDDD"),
        &[(Table::Greek, 1)],
        &[
            "Athina",
            "Thessaloniki",
            "Alexandroupoli",
            "Ioannina",
            "Kilkis",
            "Orestiada"
        ]
    ),
    country!(
        "BG",
        "BGR",
        "359",
        &["87", "88", "89"],
        9,
        "DDDDDDDDD",
        Some("DDDDDDDDD"),
        &[(Table::Bulgarian, 1)],
        &[
            "Sofia",
            "Plovdiv",
            "Haskovo",
            "Svilengrad",
            "Burgas",
            "Yambol"
        ]
    ),
    country!(
        "HU",
        "HUN",
        "36",
        &["20", "30", "70"],
        9,
        "LLDDDDDDD",
        Some("DDDDDDLL"),
        &[(Table::Hungarian, 1)],
        &[
            "Budapest",
            "Szeged",
            "Kiskunhalas",
            "Debrecen",
            "Pécs",
            "Mórahalom"
        ]
    ),
    country!(
        "HR",
        "HRV",
        "385",
        &["91", "92", "95", "98", "99"],
        9,
        "DDDDDDDDD",
        Some("DDDDDDDDD"),
        &[(Table::SouthSlavic, 1)],
        &[
            "Zagreb",
            "Split",
            "Vukovar",
            "Osijek",
            "Karlovac",
            "Slavonski Brod"
        ]
    ),
];

/// Index into [`COUNTRIES`].
pub type CountryId = u8;

/// The country with alpha-2 code `a2`.
pub fn country_id(a2: &str) -> CountryId {
    COUNTRIES
        .iter()
        .position(|c| c.a2 == a2)
        .unwrap_or_else(|| panic!("unknown country {a2}")) as CountryId
}

/// The country record.
#[inline]
pub fn country(id: CountryId) -> &'static Country {
    &COUNTRIES[id as usize]
}

/// Origin countries of people moving on the route, with weights after the
/// top nationalities Frontex reported for the Western Balkan route in
/// 2022–2023 (Syrians, Afghans, Turks, Moroccans, Pakistanis, Iraqis lead).
pub const ORIGINS: &[(&str, u32)] = &[
    ("SY", 25),
    ("AF", 25),
    ("TR", 9),
    ("MA", 8),
    ("PK", 8),
    ("IQ", 8),
    ("DZ", 4),
    ("BD", 4),
    ("IR", 4),
    ("EG", 5),
];

/// What an agency is, which decides the roles it records and its habits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgencyKind {
    /// Border or criminal police.
    Police,
    /// Asylum or reception authority.
    Asylum,
    /// Non-governmental victim-support organisation.
    Ngo,
    /// International Organization for Migration office.
    Iom,
}

/// How an agency writes names and dates.
#[derive(Debug)]
pub struct Agency {
    /// Agency code used in `records.csv` `source`.
    pub code: &'static str,
    /// Country of the agency.
    pub country: &'static str,
    /// Kind of agency.
    pub kind: AgencyKind,
    /// Probability of writing a local (same-language) name in Cyrillic or
    /// Greek rather than Latin.
    pub local_native: f64,
    /// Script habit for foreign names written in Cyrillic, and how often.
    pub foreign_cyrillic: Option<(CyrillicHabit, f64)>,
    /// Probability of writing a foreign name in Greek letters.
    pub foreign_greek: f64,
    /// Local Latin spelling habit for foreign names, and how often.
    pub latin_habit: Option<(LatinHabit, f64)>,
    /// Keeps Latin diacritics (local keyboards have č ć š ž đ ë ç).
    pub diacritics: f64,
    /// Writes names in capitals (police registers, MRZ-style).
    pub upper: f64,
    /// Records the father's name (patronymic) when it knows it.
    pub father_name: f64,
    /// Writes the family name first in the given-name field order
    /// (Hungarian order), or swaps fields by mistake.
    pub family_first: f64,
    /// Keeps the original-script name in `full_name` (interpreter-assisted).
    pub native_full_name: f64,
    /// Date format: 0 ISO, 1 DD.MM.YYYY, 2 YYYYMMDD.
    pub date_style: u8,
}

macro_rules! agency {
    ($code:literal, $cc:literal, $kind:ident, $ln:expr, $fc:expr, $fg:expr, $lh:expr, $dia:expr, $up:expr, $fa:expr, $ff:expr, $nf:expr, $ds:expr) => {
        Agency {
            code: $code,
            country: $cc,
            kind: AgencyKind::$kind,
            local_native: $ln,
            foreign_cyrillic: $fc,
            foreign_greek: $fg,
            latin_habit: $lh,
            diacritics: $dia,
            upper: $up,
            father_name: $fa,
            family_first: $ff,
            native_full_name: $nf,
            date_style: $ds,
        }
    };
}

use CyrillicHabit as Cy;
use LatinHabit as Lh;

/// Every agency that captures records, with its writing habits. Serbian
/// police use both scripts; Macedonian and Bulgarian registers are mostly
/// Cyrillic; Greek police write Greek names in Greek; Hungarian order puts
/// the family name first.
pub static AGENCIES: &[Agency] = &[
    agency!(
        "RS-MUP",
        "RS",
        Police,
        0.40,
        Some((Cy::Serbian, 0.15)),
        0.0,
        Some((Lh::SerboCroatian, 0.30)),
        0.85,
        0.35,
        0.55,
        0.04,
        0.0,
        1
    ),
    agency!(
        "RS-KIRS",
        "RS",
        Asylum,
        0.50,
        Some((Cy::Serbian, 0.25)),
        0.0,
        Some((Lh::SerboCroatian, 0.35)),
        0.9,
        0.1,
        0.7,
        0.03,
        0.05,
        1
    ),
    agency!(
        "MK-MVR",
        "MK",
        Police,
        0.65,
        Some((Cy::Macedonian, 0.35)),
        0.0,
        None,
        0.1,
        0.4,
        0.5,
        0.04,
        0.0,
        1
    ),
    agency!(
        "GR-HP", "GR", Police, 0.75, None, 0.20, None, 0.0, 0.8, 0.6, 0.05, 0.0, 1
    ),
    agency!(
        "GR-RIS", "GR", Asylum, 0.6, None, 0.05, None, 0.0, 0.5, 0.8, 0.03, 0.15, 0
    ),
    agency!(
        "BG-MVR",
        "BG",
        Police,
        0.75,
        Some((Cy::Bulgarian, 0.40)),
        0.0,
        None,
        0.0,
        0.5,
        0.6,
        0.04,
        0.0,
        1
    ),
    agency!(
        "AL-ASP",
        "AL",
        Police,
        0.0,
        None,
        0.0,
        Some((Lh::Albanian, 0.30)),
        0.8,
        0.3,
        0.6,
        0.04,
        0.0,
        1
    ),
    agency!(
        "XK-KP",
        "XK",
        Police,
        0.0,
        None,
        0.0,
        Some((Lh::Albanian, 0.25)),
        0.8,
        0.3,
        0.5,
        0.04,
        0.0,
        1
    ),
    agency!(
        "BA-GP",
        "BA",
        Police,
        0.15,
        Some((Cy::Serbian, 0.05)),
        0.0,
        Some((Lh::SerboCroatian, 0.30)),
        0.85,
        0.4,
        0.5,
        0.04,
        0.0,
        1
    ),
    agency!(
        "ME-UP",
        "ME",
        Police,
        0.10,
        Some((Cy::Serbian, 0.05)),
        0.0,
        Some((Lh::SerboCroatian, 0.25)),
        0.85,
        0.35,
        0.5,
        0.04,
        0.0,
        1
    ),
    agency!(
        "HR-MUP",
        "HR",
        Police,
        0.0,
        None,
        0.0,
        Some((Lh::SerboCroatian, 0.15)),
        0.9,
        0.5,
        0.3,
        0.04,
        0.0,
        1
    ),
    agency!(
        "HU-ORFK",
        "HU",
        Police,
        0.0,
        None,
        0.0,
        Some((Lh::Hungarian, 0.10)),
        0.6,
        0.7,
        0.1,
        0.25,
        0.0,
        1
    ),
    agency!(
        "IOM-BA", "BA", Iom, 0.0, None, 0.0, None, 0.3, 0.0, 0.4, 0.02, 0.15, 0
    ),
    agency!(
        "IOM-RS", "RS", Iom, 0.2, None, 0.0, None, 0.5, 0.0, 0.4, 0.02, 0.15, 0
    ),
    agency!(
        "NGO-RS", "RS", Ngo, 0.5, None, 0.0, None, 0.9, 0.0, 0.3, 0.03, 0.10, 0
    ),
    agency!(
        "NGO-AL", "AL", Ngo, 0.0, None, 0.0, None, 0.9, 0.0, 0.3, 0.03, 0.05, 0
    ),
    agency!(
        "NGO-GR", "GR", Ngo, 0.5, None, 0.0, None, 0.0, 0.0, 0.4, 0.03, 0.10, 0
    ),
    agency!(
        "NGO-MK", "MK", Ngo, 0.5, None, 0.0, None, 0.3, 0.0, 0.4, 0.03, 0.10, 0
    ),
    // Destination states: trafficking victims are identified there, and
    // their SIS alerts are written with these habits.
    agency!(
        "AT-BK",
        "AT",
        Police,
        0.0,
        None,
        0.0,
        Some((Lh::German, 0.20)),
        0.7,
        0.4,
        0.1,
        0.05,
        0.0,
        1
    ),
    agency!(
        "SI-POL",
        "SI",
        Police,
        0.0,
        None,
        0.0,
        Some((Lh::SerboCroatian, 0.10)),
        0.8,
        0.4,
        0.2,
        0.04,
        0.0,
        1
    ),
];

/// Index into [`AGENCIES`].
pub type AgencyId = u8;

/// The police agency of a country, if any.
pub fn police_of(a2: &str) -> Option<AgencyId> {
    AGENCIES
        .iter()
        .position(|a| a.country == a2 && a.kind == AgencyKind::Police)
        .map(|i| i as AgencyId)
}

/// The agency that registers and hears asylum requests in a country: the
/// asylum authority where one is modelled, else the police.
pub fn registrar_of(a2: &str) -> Option<AgencyId> {
    AGENCIES
        .iter()
        .position(|a| a.country == a2 && a.kind == AgencyKind::Asylum)
        .map(|i| i as AgencyId)
        .or_else(|| police_of(a2))
}

/// A victim-support agency (NGO or IOM) working in a country, if any.
pub fn support_of(a2: &str, pick_iom: bool) -> Option<AgencyId> {
    let want = if pick_iom {
        AgencyKind::Iom
    } else {
        AgencyKind::Ngo
    };
    AGENCIES
        .iter()
        .position(|a| a.country == a2 && a.kind == want)
        .or_else(|| {
            AGENCIES.iter().position(|a| {
                a.country == a2 && matches!(a.kind, AgencyKind::Ngo | AgencyKind::Iom)
            })
        })
        .map(|i| i as AgencyId)
}

/// The agency record.
#[inline]
pub fn agency(id: AgencyId) -> &'static Agency {
    &AGENCIES[id as usize]
}

/// Kind of place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// Official border crossing point.
    Bcp,
    /// Green-border stretch used for irregular crossings.
    Green,
    /// Sea landing area.
    Sea,
    /// Reception, transit or asylum centre.
    Centre,
    /// City.
    City,
}

/// A place with coordinates.
#[derive(Debug)]
pub struct Place {
    /// Stable identifier (`RS-HU-01`).
    pub id: &'static str,
    /// Kind.
    pub kind: PlaceKind,
    /// Country the place is in (the entry side for crossings).
    pub country: &'static str,
    /// For crossings, the country left.
    pub from: &'static str,
    /// Name.
    pub name: &'static str,
    /// Latitude (WGS84).
    pub lat: &'static str,
    /// Longitude (WGS84).
    pub lon: &'static str,
}

/// Every place, parsed from the embedded table.
pub fn places() -> &'static [Place] {
    static PLACES: OnceLock<Vec<Place>> = OnceLock::new();
    PLACES.get_or_init(|| {
        include_str!("../data/places.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                Place {
                    id: c[0],
                    kind: match c[1] {
                        "bcp" => PlaceKind::Bcp,
                        "green" => PlaceKind::Green,
                        "sea" => PlaceKind::Sea,
                        "centre" => PlaceKind::Centre,
                        _ => PlaceKind::City,
                    },
                    country: c[2],
                    from: c[3],
                    name: c[4],
                    lat: c[5],
                    lon: c[6],
                }
            })
            .collect()
    })
}

/// Index into [`places`].
pub type PlaceId = u16;

/// The place record.
#[inline]
pub fn place(id: PlaceId) -> &'static Place {
    &places()[id as usize]
}

/// Lookups of places by country, computed once: journeys ask for them at
/// every leg, and scanning the table each time was a measurable cost.
struct PlaceIndex {
    crossings: std::collections::HashMap<(&'static str, &'static str), Vec<PlaceId>>,
    by_kind: std::collections::HashMap<(&'static str, u8), Vec<PlaceId>>,
}

fn place_index() -> &'static PlaceIndex {
    static INDEX: OnceLock<PlaceIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut crossings: std::collections::HashMap<(&'static str, &'static str), Vec<PlaceId>> =
            std::collections::HashMap::new();
        let mut by_kind: std::collections::HashMap<(&'static str, u8), Vec<PlaceId>> =
            std::collections::HashMap::new();
        for (i, p) in places().iter().enumerate() {
            if matches!(p.kind, PlaceKind::Bcp | PlaceKind::Green | PlaceKind::Sea) {
                crossings
                    .entry((p.from, p.country))
                    .or_default()
                    .push(i as PlaceId);
            }
            by_kind
                .entry((p.country, p.kind as u8))
                .or_default()
                .push(i as PlaceId);
        }
        PlaceIndex { crossings, by_kind }
    })
}

/// Crossings from `from` into `to`.
pub fn crossings(from: &'static str, to: &'static str) -> &'static [PlaceId] {
    let map = &place_index().crossings;
    map.get(&(from, to)).map_or(&[], Vec::as_slice)
}

/// Places of `kind` in country `cc`.
pub fn places_in(cc: &'static str, kind: PlaceKind) -> &'static [PlaceId] {
    let map = &place_index().by_kind;
    map.get(&(cc, kind as u8)).map_or(&[], Vec::as_slice)
}

/// A smuggling route: the sequence of countries crossed.
#[derive(Debug)]
#[allow(dead_code)] // the name documents the table and shows in debug output
pub struct Route {
    /// Short name.
    pub name: &'static str,
    /// Countries in order of travel, from the first transit country.
    pub countries: &'static [&'static str],
    /// Relative share of journeys.
    pub weight: u32,
}

/// The main corridors: Türkiye–Greece–North Macedonia–Serbia–Hungary or
/// Croatia; Greece–Albania–Montenegro–Bosnia and Herzegovina–Croatia;
/// Türkiye–Bulgaria–Serbia.
pub static ROUTES: &[Route] = &[
    Route {
        name: "TR-GR-MK-RS-HU",
        countries: &["TR", "GR", "MK", "RS", "HU", "AT"],
        weight: 30,
    },
    Route {
        name: "TR-GR-MK-RS-HR",
        countries: &["TR", "GR", "MK", "RS", "HR", "SI"],
        weight: 15,
    },
    Route {
        name: "TR-GR-AL-ME-BA-HR",
        countries: &["TR", "GR", "AL", "ME", "BA", "HR", "SI"],
        weight: 20,
    },
    Route {
        name: "TR-GR-AL-XK-RS-HU",
        countries: &["TR", "GR", "AL", "XK", "RS", "HU", "AT"],
        weight: 5,
    },
    Route {
        name: "TR-BG-RS-HU",
        countries: &["TR", "BG", "RS", "HU", "AT"],
        weight: 20,
    },
    Route {
        name: "TR-BG-RS-BA-HR",
        countries: &["TR", "BG", "RS", "BA", "HR", "SI"],
        weight: 15,
    },
];

/// Countries where trafficking victims are exploited, with weights.
pub const EXPLOITATION_COUNTRIES: &[(&str, u32)] = &[
    ("RS", 20),
    ("GR", 15),
    ("MK", 8),
    ("AL", 8),
    ("BA", 8),
    ("XK", 6),
    ("HR", 6),
    ("HU", 6),
    ("BG", 6),
    ("TR", 10),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_leg_has_a_crossing() {
        for r in ROUTES {
            for w in r.countries.windows(2) {
                assert!(
                    !crossings(w[0], w[1]).is_empty(),
                    "{} {}->{}",
                    r.name,
                    w[0],
                    w[1]
                );
            }
        }
    }

    #[test]
    fn fixed_strings_written_unquoted_need_no_quoting() {
        let special = |s: &str| s.contains([',', '"', '\n', '\r']);
        for c in COUNTRIES {
            assert!(!c.birth_places.iter().any(|b| special(b)), "{}", c.a2);
        }
        for p in places() {
            if p.kind == PlaceKind::City {
                assert!(!special(p.name), "{}", p.name);
            }
            assert!(!special(p.id) && !special(p.lat) && !special(p.lon));
        }
    }

    #[test]
    fn every_agency_country_and_origin_is_known() {
        for a in AGENCIES {
            // Destination states have agencies but no generated citizens.
            if !matches!(a.country, "AT" | "SI") {
                country_id(a.country);
            }
        }
        for (o, _) in ORIGINS {
            country_id(o);
        }
        assert_eq!(
            places().len(),
            places()
                .iter()
                .map(|p| p.id)
                .collect::<std::collections::HashSet<_>>()
                .len()
        );
    }
}
