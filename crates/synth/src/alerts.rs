//! SIS-category alerts on a subset of people, documents and vehicles, and
//! border-check queries with the alert each should hit (or none).

use crate::Error;
use crate::mrz::{Td3, td3};
use crate::person::{DocKind, NetRole, Person, Sex};
use crate::render::{OutScript, choose_style, ocr_confuse, write_dob, write_sex};
use crate::rng::Rng;
use crate::sim::{Gen, Unit};
use crate::translit::mrz_name;
use crate::world::{AGENCIES, Agency, AgencyKind, agency, country, police_of};
use crate::write_names::NameOpts;
use std::fmt::Write;

/// SIS member states that issue the alerts, weighted by their share of
/// person alerts on this route.
const ISSUERS: &[(&str, u32)] = &[
    ("HU", 20),
    ("HR", 20),
    ("GR", 15),
    ("BG", 10),
    ("AT", 15),
    ("DE", 15),
    ("SI", 5),
];

/// Alert as kept in memory while the unit's queries are made.
struct Issued {
    id: u64,
    person: Option<usize>,
    given: String,
    family: String,
    document: bool,
}

/// Central SIS entries from states without a modelled agency are written
/// in ICAO Latin capitals.
static SIS_LATIN: Agency = Agency {
    code: "SIS",
    country: "AT",
    kind: AgencyKind::Police,
    local_native: 0.0,
    foreign_cyrillic: None,
    foreign_greek: 0.0,
    latin_habit: None,
    diacritics: 0.0,
    upper: 1.0,
    father_name: 0.0,
    family_first: 0.0,
    native_full_name: 0.0,
    date_style: 0,
};

fn issuer_agency(cc: &str) -> &'static Agency {
    police_of(cc).map_or(&SIS_LATIN, agency)
}

/// The person alert category for `p`, if any, with its action.
fn person_category(rng: &mut Rng, p: &Person) -> Option<(&'static str, &'static str)> {
    let x = rng.unit();
    if p.victim {
        return if x < 0.35 {
            Some(("potential_trafficking_victim", "protect_and_refer"))
        } else if x < 0.35 + if p.minor { 0.3 } else { 0.08 } {
            Some(("missing_person", "place_under_protection"))
        } else if x < 0.5 {
            Some(("vulnerable_person", "prevent_travel"))
        } else {
            None
        };
    }
    match p.role {
        Some(NetRole::Organiser) if x < 0.3 => Some(("arrest", "arrest_and_surrender")),
        Some(NetRole::Organiser) if x < 0.4 => Some(("discreet_check", "discreet_check")),
        Some(NetRole::Exploiter) if x < 0.2 => Some(("arrest", "arrest_and_surrender")),
        Some(_) if x < 0.08 => Some(("arrest", "arrest_and_surrender")),
        Some(_) if x < 0.14 => Some(("discreet_check", "discreet_check")),
        Some(_) if x < 0.17 => Some(("specific_check", "specific_check")),
        Some(_) if x < 0.19 => Some(("inquiry_check", "inquiry_check")),
        Some(_) if x < 0.21 => Some(("judicial_procedure", "communicate_place_of_residence")),
        Some(_) => None,
        None if p.unaccompanied && x < 0.25 => Some(("missing_person", "place_under_protection")),
        None if p.minor && x < 0.03 => Some(("vulnerable_person", "prevent_travel")),
        None if x < 0.05 => Some(("return", "verify_return")),
        None if x < 0.08 => Some(("refusal_of_entry", "refuse_entry")),
        None if x < 0.085 => Some(("judicial_procedure", "communicate_place_of_residence")),
        None => None,
    }
}

/// Writes the unit's alerts and queries.
pub fn alerts_and_queries(g: &mut Gen<'_>, rng: &mut Rng, u: &mut Unit) -> Result<(), Error> {
    let mut issued: Vec<Issued> = Vec::new();
    let mut alerted = vec![false; u.people.len()];
    #[allow(clippy::needless_range_loop)] // `i` indexes several parallel vectors
    for i in 0..u.people.len() {
        if let Some((cat, action)) = person_category(rng, &u.people[i]) {
            let a = person_alert(g, rng, u, i, cat, action)?;
            issued.push(a);
            alerted[i] = true;
        } else if u.people[i]
            .document
            .as_ref()
            .is_some_and(|d| d.kind == DocKind::Passport)
            && rng.chance(0.02)
        {
            let cat = *rng.pick(&[
                "document_stolen",
                "document_lost",
                "document_lost",
                "document_invalidated",
            ]);
            issued.push(document_alert(g, rng, u, i, cat)?);
            // The holder's passport is on file: checks on them would hit it.
            alerted[i] = true;
        }
        if let Some(plate) = u.plates[i].clone()
            && rng.chance(0.12)
        {
            let cat = if rng.chance(0.6) {
                "vehicle"
            } else {
                "number_plate"
            };
            object_alert(g, rng, cat, "", "", &plate, "discreet_check")?;
        }
    }
    if rng.chance(0.01) {
        // Blank passports stolen from an issuing office.
        let c = country(rng.below(crate::world::COUNTRIES.len() as u64) as u8);
        let mut n = String::new();
        crate::person::fill_shape(rng, c.passport, &mut n);
        object_alert(g, rng, "blank_document", &n, c.a2, "", "seize")?;
    }
    // Queries that should hit.
    let mut hits = 0u64;
    for a in &issued {
        if !rng.chance(0.85) {
            continue;
        }
        let repeats = if rng.chance(0.25) { 2 } else { 1 };
        for _ in 0..repeats {
            match a.person {
                Some(pi) if !a.document => {
                    person_query(g, rng, &u.people[pi], Some(a.id), None)?;
                }
                Some(pi) => {
                    // The lost or stolen passport presented at a border,
                    // by its holder or by a look-alike.
                    // A look-alike without alerts of their own, so that the
                    // document alert is the only expected hit.
                    let clean: Vec<usize> = (0..u.people.len()).filter(|&j| !alerted[j]).collect();
                    let bearer = if !clean.is_empty() && rng.chance(0.6) {
                        *rng.pick(&clean)
                    } else {
                        pi
                    };
                    person_query(g, rng, &u.people[bearer], Some(a.id), Some(&u.people[pi]))?;
                }
                None => continue,
            }
            hits += 1;
        }
    }
    // Queries that should hit nothing: ordinary travellers of the unit and
    // namesakes of alerted people (same name, another person).
    let mut misses = hits.max(1);
    let candidates: Vec<usize> = (0..u.people.len()).filter(|&i| !alerted[i]).collect();
    while misses > 0 {
        misses -= 1;
        let person_alerts: Vec<&Issued> = issued
            .iter()
            .filter(|a| !a.document && a.person.is_some())
            .collect();
        let namesake = !person_alerts.is_empty() && (candidates.is_empty() || rng.chance(0.4));
        if namesake {
            let a = *rng.pick(&person_alerts);
            namesake_query(
                g,
                rng,
                &u.people[a.person.unwrap_or(0)],
                &a.given,
                &a.family,
            )?;
        } else if !candidates.is_empty() {
            let i = *rng.pick(&candidates);
            person_query(g, rng, &u.people[i], None, None)?;
        }
    }
    Ok(())
}

fn push_opt_id(prefix: char, n: u64, out: &mut String) {
    let _ = write!(out, "{prefix}{n:08}");
}

fn person_alert(
    g: &mut Gen<'_>,
    rng: &mut Rng,
    u: &Unit,
    i: usize,
    cat: &'static str,
    action: &str,
) -> Result<Issued, Error> {
    let p = &u.people[i];
    g.ids.alert += 1;
    let aid = g.ids.alert;
    let issuer = ISSUERS[rng.weighted_by(ISSUERS, |x| x.1)].0;
    let ag = issuer_agency(issuer);
    let has_doc = p.document.is_some() && rng.chance(0.7);
    let mut style = choose_style(rng, ag, p, has_doc);
    // SIS keeps names in Latin (ICAO transliteration, Greek by ISO 843).
    style.script = OutScript::Latin;
    style.typo = 0.01;
    g.names.write(
        rng,
        p,
        ag,
        &style,
        NameOpts {
            alias: false,
            father_column: false,
            chains: false,
            swap: 0.0,
        },
    );
    let mut row = g.take_row(16);
    push_opt_id('A', aid, &mut row[0]);
    row[1].push_str(cat);
    if g.names.full.is_empty() {
        row[2].push_str(&g.names.given);
        row[2].push(' ');
        row[2].push_str(&g.names.family);
    } else {
        row[2].push_str(&g.names.full);
    }
    row[3].push_str(&g.names.given);
    row[4].push_str(&g.names.family);
    let given = g.names.given.clone();
    let family = g.names.family.clone();
    // Aliases: the alias identity, and a second spelling of the true name.
    if p.alias.is_some() {
        let s = choose_style(rng, ag, p, false);
        g.names.write(
            rng,
            p,
            ag,
            &s,
            NameOpts {
                alias: true,
                father_column: false,
                chains: false,
                swap: 0.0,
            },
        );
        let _ = write!(row[5], "{} {}", g.names.given, g.names.family);
    }
    if rng.chance(0.3) {
        let mut s = choose_style(rng, ag, p, false);
        s.script = OutScript::Latin;
        g.names.write(
            rng,
            p,
            ag,
            &s,
            NameOpts {
                alias: false,
                father_column: false,
                chains: false,
                swap: 0.0,
            },
        );
        let alt = format!("{} {}", g.names.given, g.names.family);
        if alt != row[2] {
            if !row[5].is_empty() {
                row[5].push(';');
            }
            row[5].push_str(&alt);
        }
    }
    write_dob(rng, p, p.birth, has_doc, 0, &mut row[6]);
    write_sex(rng, p.sex, &mut row[7]);
    row[8].push_str(country(p.nationality).a2);
    if let Some(d) = &p.document
        && has_doc
    {
        row[9].push_str(&d.number);
        row[10].push_str(country(d.country).a2);
    }
    if cat == "arrest" {
        let mut markers = Vec::new();
        if rng.chance(0.1) {
            markers.push("armed");
        }
        if rng.chance(0.15) {
            markers.push("violent");
        }
        if rng.chance(0.05) {
            markers.push("absconded");
        }
        row[12].push_str(&markers.join(";"));
    }
    row[13].push_str(action);
    row[14].push_str(issuer);
    push_opt_id('P', p.id, &mut row[15]);
    g.out
        .alerts
        .row(&row[..16])
        .map_err(crate::output::io_error)?;
    g.give_row(row);
    count_alert(g, cat);
    Ok(Issued {
        id: aid,
        person: Some(i),
        given,
        family,
        document: false,
    })
}

fn count_alert(g: &mut Gen<'_>, cat: &str) {
    g.stats.alerts += 1;
    crate::stats::bump(&mut g.stats.alert_categories, cat);
}

fn document_alert(
    g: &mut Gen<'_>,
    rng: &mut Rng,
    u: &Unit,
    i: usize,
    cat: &'static str,
) -> Result<Issued, Error> {
    let d = u.people[i].document.as_ref().expect("checked by caller");
    let aid = object_alert(
        g,
        rng,
        cat,
        &d.number.clone(),
        country(d.country).a2,
        "",
        "seize",
    )?;
    Ok(Issued {
        id: aid,
        person: Some(i),
        given: String::new(),
        family: String::new(),
        document: true,
    })
}

fn object_alert(
    g: &mut Gen<'_>,
    rng: &mut Rng,
    cat: &str,
    number: &str,
    doc_country: &str,
    plate: &str,
    action: &str,
) -> Result<u64, Error> {
    g.ids.alert += 1;
    let aid = g.ids.alert;
    let issuer = ISSUERS[rng.weighted_by(ISSUERS, |x| x.1)].0;
    let mut row = g.take_row(16);
    push_opt_id('A', aid, &mut row[0]);
    row[1].push_str(cat);
    row[9].push_str(number);
    row[10].push_str(doc_country);
    row[11].push_str(plate);
    row[13].push_str(action);
    row[14].push_str(issuer);
    g.out
        .alerts
        .row(&row[..16])
        .map_err(crate::output::io_error)?;
    g.give_row(row);
    count_alert(g, cat);
    Ok(aid)
}

/// Border agencies that run checks.
fn border_agency(rng: &mut Rng) -> &'static Agency {
    loop {
        let a = &AGENCIES[rng.index(AGENCIES.len())];
        if a.kind == AgencyKind::Police {
            return a;
        }
    }
}

/// A border check on `p` as the officer types it. With `document_of`, the
/// document presented is that person's (a lost or stolen passport).
fn person_query(
    g: &mut Gen<'_>,
    rng: &mut Rng,
    p: &Person,
    expected: Option<u64>,
    document_of: Option<&Person>,
) -> Result<(), Error> {
    g.ids.query += 1;
    let qid = g.ids.query;
    let ag = border_agency(rng);
    let doc_holder = document_of.unwrap_or(p);
    let passport = doc_holder
        .document
        .as_ref()
        .filter(|d| d.kind == DocKind::Passport);
    let use_mrz =
        passport.is_some() && (document_of.is_some() && rng.chance(0.5) || rng.chance(0.3));
    let mut row = g.take_row(10);
    push_opt_id('Q', qid, &mut row[0]);
    let mut style = choose_style(rng, ag, p, false);
    style.typo = 0.05;
    g.names.write(
        rng,
        p,
        ag,
        &style,
        NameOpts {
            alias: false,
            father_column: false,
            chains: false,
            swap: 0.08,
        },
    );
    let typed_names = !use_mrz || rng.chance(0.5);
    if typed_names {
        if rng.chance(0.5) {
            row[1].push_str(if g.names.full.is_empty() {
                &g.names.given
            } else {
                &g.names.full
            });
        } else {
            row[2].push_str(&g.names.given);
            row[3].push_str(&g.names.family);
        }
        if rng.chance(0.9) {
            write_dob(rng, p, p.birth, false, ag.date_style, &mut row[4]);
        }
        write_sex(rng, p.sex, &mut row[5]);
        if rng.chance(0.8) {
            row[6].push_str(
                country(
                    p.claimed_nationality
                        .filter(|_| rng.chance(0.3))
                        .unwrap_or(p.nationality),
                )
                .a2,
            );
        }
    }
    if let Some(d) = doc_holder.document.as_ref()
        && (document_of.is_some() || rng.chance(0.35))
    {
        if rng.chance(0.05) {
            ocr_confuse(rng, &d.number, &mut row[7]);
        } else {
            row[7].push_str(&d.number);
        }
    }
    if use_mrz && let Some(d) = passport {
        write_mrz(rng, doc_holder, d, &mut row[8]);
        g.stats.queries_mrz += 1;
    }
    if let Some(a) = expected {
        push_opt_id('A', a, &mut row[9]);
        g.stats.queries_hit += 1;
    } else {
        g.stats.queries_no_hit += 1;
    }
    g.stats.queries += 1;
    g.out
        .queries
        .row(&row[..10])
        .map_err(crate::output::io_error)?;
    g.give_row(row);
    Ok(())
}

/// The MRZ of the holder's passport, names in the passport spelling.
fn write_mrz(rng: &mut Rng, holder: &Person, d: &crate::person::Document, out: &mut String) {
    let mut given = String::new();
    let mut family = String::new();
    crate::sim::true_name(holder, &mut given, &mut family);
    if family.is_empty() {
        // No family name: issuers put the father's name there.
        let n = crate::names::Names::get().name(holder.father);
        family.push_str(n.spellings.first().copied().unwrap_or(n.native));
    }
    let mut g2 = String::new();
    let mut f2 = String::new();
    latinise(&given, &mut g2);
    latinise(&family, &mut f2);
    let (mut gm, mut fm) = (String::new(), String::new());
    mrz_name(&g2, &mut gm);
    mrz_name(&f2, &mut fm);
    let mut birth = String::new();
    holder.birth.write_mrz(&mut birth);
    let mut expiry = String::new();
    d.expiry.write_mrz(&mut expiry);
    let c = country(d.country);
    let _ = rng;
    td3(
        &Td3 {
            issuer: c.a3,
            surname: &fm,
            given: &gm,
            number: &d.number,
            nationality: country(holder.nationality).a3,
            birth: &birth,
            sex: if holder.sex == Sex::M { b'M' } else { b'F' },
            expiry: &expiry,
            personal: "",
        },
        out,
    );
}

/// Latin form of a true name for the MRZ (Cyrillic and Greek names are
/// transliterated by the national system first).
fn latinise(s: &str, out: &mut String) {
    let first = s.chars().find(|c| c.is_alphabetic()).unwrap_or('a');
    match first as u32 {
        0x0400..=0x04FF => {
            if s.contains(['ѓ', 'ќ', 'џ', 'ѕ', 'Ѓ', 'Ќ', 'Џ', 'Ѕ', 'ј', 'Ј', 'љ', 'њ'])
            {
                crate::translit::macedonian_to_latin(s, out)
            } else {
                crate::translit::bulgarian_to_latin(s, out)
            }
        }
        0x0370..=0x03FF => crate::translit::greek_to_latin(s, out),
        _ => out.push_str(s),
    }
}

/// A different person with the same name as an alerted one: same given
/// and family name as the alert, another date of birth and document.
fn namesake_query(
    g: &mut Gen<'_>,
    rng: &mut Rng,
    p: &Person,
    given: &str,
    family: &str,
) -> Result<(), Error> {
    g.ids.query += 1;
    let qid = g.ids.query;
    let mut row = g.take_row(10);
    push_opt_id('Q', qid, &mut row[0]);
    if rng.chance(0.5) {
        let _ = write!(row[1], "{given} {family}");
    } else {
        row[2].push_str(given);
        row[3].push_str(family);
    }
    // Another adult: born at least four years earlier or later, never a child.
    let mut shift = rng.range(4, 20) as i32 * if rng.chance(0.5) { 1 } else { -1 };
    if p.birth.y + shift > 2004 {
        shift = -shift.abs();
    }
    let y = p.birth.y + shift;
    if rng.chance(0.4) {
        let _ = write!(row[4], "{y:04}-01-01");
    } else {
        let _ = write!(
            row[4],
            "{y:04}-{:02}-{:02}",
            rng.range(1, 12),
            rng.range(1, 28)
        );
    }
    write_sex(rng, p.sex, &mut row[5]);
    row[6].push_str(country(p.nationality).a2);
    g.stats.queries += 1;
    g.stats.queries_no_hit += 1;
    g.stats.queries_near_miss += 1;
    g.out
        .queries
        .row(&row[..10])
        .map_err(crate::output::io_error)?;
    g.give_row(row);
    Ok(())
}
