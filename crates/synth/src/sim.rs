//! Networks, journeys and the events, relations and records they leave.
//!
//! Work is done one *unit* at a time (one network with the groups it moves,
//! or one trafficking ring) and written out before the next unit starts, so
//! memory stays flat however many people are generated.

use crate::Error;
use crate::alerts;
use crate::output::Output;
use crate::person::{
    DocKind, Document, NetRole, Person, Sex, Spec, add_alias, base_day, fill_shape, make_person,
};
use crate::render::{DobForm, choose_style, ocr_confuse, write_dob, write_nationality, write_sex};
use crate::rng::Rng;
use crate::stats::{Stats, Tally, script_class};
use crate::world::{
    AgencyId, AgencyKind, EXPLOITATION_COUNTRIES, ORIGINS, PlaceId, PlaceKind, ROUTES, agency,
    country, country_id, crossings, place, places_in, police_of, registrar_of, support_of,
};
use crate::write_names::{NameFields, NameOpts};
use std::fmt::Write;

/// Running id counters, shared by every unit.
#[derive(Default)]
pub struct Ids {
    /// Last person id.
    pub person: u64,
    /// Last record id.
    pub record: u64,
    /// Last event id.
    pub event: u64,
    /// Last relation id.
    pub relation: u64,
    /// Last alert id.
    pub alert: u64,
    /// Last query id.
    pub query: u64,
    /// Last network id.
    pub network: u64,
    /// Last journey id.
    pub journey: u64,
    /// Last case id.
    pub case: u64,
}

/// The people of one unit and what is known about them locally.
pub struct Unit {
    /// People.
    pub people: Vec<Person>,
    /// Where facilitators live.
    pub homes: Vec<Option<PlaceId>>,
    /// Vehicle plate of drivers.
    pub plates: Vec<Option<String>>,
    /// Records written per person.
    pub nrecords: Vec<u32>,
    /// Network id, if the unit is a network.
    pub network: Option<u64>,
}

impl Unit {
    fn new(network: Option<u64>) -> Unit {
        // Networks hold a few hundred people; reserving avoids copying the
        // (large) person records as the vector grows.
        Unit {
            people: Vec::with_capacity(256),
            homes: Vec::new(),
            plates: Vec::new(),
            nrecords: Vec::new(),
            network,
        }
    }

    fn push(&mut self, p: Person, home: Option<PlaceId>) -> usize {
        self.people.push(p);
        self.homes.push(home);
        self.plates.push(None);
        self.nrecords.push(0);
        self.people.len() - 1
    }

    fn find_role(&self, role: NetRole, cc: &str) -> Option<usize> {
        // Facilitators are created first, before any migrant.
        (0..self.people.len())
            .take_while(|&i| self.people[i].role.is_some())
            .find(|&i| {
                self.people[i].role == Some(role)
                    && self.homes[i].is_some_and(|h| place(h).country == cc)
            })
    }

    fn any_role(&self, role: NetRole) -> Option<usize> {
        (0..self.people.len())
            .take_while(|&i| self.people[i].role.is_some())
            .find(|&i| self.people[i].role == Some(role))
    }
}

/// Where an event happened.
#[derive(Clone, Copy)]
pub enum Where {
    /// A known place.
    At(PlaceId),
    /// Somewhere in a country (no better location known).
    Country(&'static str),
}

/// Data-subject category of a person in one record's case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Suspected facilitator.
    Suspect,
    /// Convicted facilitator.
    Convicted,
    /// Identified victim.
    Victim,
    /// Presumed victim.
    PresumedVictim,
    /// Witness.
    Witness,
    /// Associate.
    Associate,
    /// Smuggled migrant.
    SmuggledMigrant,
    /// Other (asylum applicant, routine check).
    Other,
}

impl Role {
    /// Canonical code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Suspect => "suspect",
            Role::Convicted => "convicted",
            Role::Victim => "victim",
            Role::PresumedVictim => "presumed_victim",
            Role::Witness => "witness",
            Role::Associate => "associate",
            Role::SmuggledMigrant => "smuggled_migrant",
            Role::Other => "other",
        }
    }
}

/// The generator state: outputs, counters, statistics and scratch buffers.
pub struct Gen<'a> {
    /// Output files.
    pub out: &'a mut Output,
    /// Statistics.
    pub stats: &'a mut Stats,
    /// Id counters.
    pub ids: Ids,
    /// Name fields scratch.
    pub names: NameFields,
    fields: Vec<String>,
    parts: String,
    buf2: String,
    /// Participants of the event being written (reused buffer).
    pub part_buf: Vec<(u64, &'static str)>,
    row_buf: Vec<String>,
    tally_events: Tally,
    tally_relations: Tally,
    tally_scripts: Tally,
    tally_roles: Tally,
}

/// Journey dates fall between 2021-01-01 and 2025-06-30.
const JOURNEY_DAYS: i64 = 1640;

/// Writes `prefix` and `n` zero-padded to at least eight digits (ids are
/// written millions of times, so this avoids the formatting machinery).
pub fn id(prefix: char, n: u64, out: &mut String) {
    out.push(prefix);
    crate::date::push_padded(n, 8, out);
}

impl<'a> Gen<'a> {
    /// A generator writing to `out`.
    pub fn new(out: &'a mut Output, stats: &'a mut Stats) -> Gen<'a> {
        Gen {
            out,
            stats,
            ids: Ids::default(),
            names: NameFields::default(),
            fields: vec![String::new(); 20],
            parts: String::new(),
            buf2: String::new(),
            part_buf: Vec::new(),
            row_buf: Vec::new(),
            tally_events: Tally::default(),
            tally_relations: Tally::default(),
            tally_scripts: Tally::default(),
            tally_roles: Tally::default(),
        }
    }

    /// A cleared row of at least `n` fields, reusing the strings of earlier rows
    /// (alerts and queries are written millions of times at full size).
    pub fn take_row(&mut self, n: usize) -> Vec<String> {
        let mut row = std::mem::take(&mut self.row_buf);
        for f in row.iter_mut() {
            f.clear();
        }
        if row.len() < n {
            row.resize(n, String::new());
        }
        row
    }

    /// Returns a row taken with [`Gen::take_row`].
    pub fn give_row(&mut self, row: Vec<String>) {
        self.row_buf = row;
    }

    /// Participants list for a group, reusing the buffer of earlier events.
    fn group_parts(
        &mut self,
        u: &Unit,
        members: &[usize],
        role: &'static str,
    ) -> Vec<(u64, &'static str)> {
        let mut v = std::mem::take(&mut self.part_buf);
        v.clear();
        v.extend(members.iter().map(|&m| (u.people[m].id, role)));
        v
    }

    /// Moves the running tallies into the statistics.
    pub fn finish(self) {
        self.tally_events.add_to_map(&mut self.stats.event_kinds);
        self.tally_relations
            .add_to_map(&mut self.stats.relation_kinds);
        self.tally_roles.add_to_map(&mut self.stats.roles);
        self.tally_scripts
            .add_to_nested(&mut self.stats.scripts_per_agency);
    }

    /// Generates one unit with at most `budget` people; returns how many
    /// people it created (at least one).
    pub fn unit(&mut self, rng: &mut Rng, budget: u64) -> Result<u64, Error> {
        let x = rng.unit();
        let mut u = if x < 0.10 && budget >= 3 {
            self.trafficking_ring(rng, budget)?
        } else if x < 0.16 || budget < 4 {
            self.self_organised(rng, budget)?
        } else {
            self.smuggling_network(rng, budget)?
        };
        alerts::alerts_and_queries(self, rng, &mut u)?;
        let n = u.people.len() as u64;
        for (i, p) in u.people.iter().enumerate() {
            self.stats.persons += 1;
            if p.role.is_some() {
                self.stats.facilitators += 1;
            } else if p.victim {
                self.stats.victims += 1;
            } else {
                self.stats.migrants += 1;
            }
            *self
                .stats
                .records_per_person
                .entry(u.nrecords[i].min(10))
                .or_default() += 1;
        }
        Ok(n)
    }

    fn new_person(&mut self, rng: &mut Rng, spec: &Spec) -> Person {
        self.ids.person += 1;
        make_person(rng, self.ids.person, spec)
    }

    fn facilitator(
        &mut self,
        rng: &mut Rng,
        u: &mut Unit,
        role: NetRole,
        nationality: &'static str,
        home_cc: &'static str,
        day: i64,
    ) -> usize {
        let sex = if rng.chance(if role == NetRole::Recruiter {
            0.25
        } else {
            0.08
        }) {
            Sex::F
        } else {
            Sex::M
        };
        let spec = Spec {
            nationality: country_id(nationality),
            sex,
            age: (20, 60),
            at_day: day,
            migrant: false,
        };
        let mut p = self.new_person(rng, &spec);
        p.network = u.network;
        p.role = Some(role);
        if rng.chance(0.15) {
            add_alias(rng, &mut p);
        }
        // Facilitators living abroad hold a residence permit there.
        if nationality != home_cc && country_id_opt(home_cc).is_some() && rng.chance(0.5) {
            let c = country(country_id(home_cc));
            let mut number = String::new();
            fill_shape(rng, c.id_card.unwrap_or(c.passport), &mut number);
            p.document = Some(Document {
                kind: DocKind::ResidencePermit,
                number,
                country: country_id(home_cc),
                expiry: crate::date::civil_from_days(day + 700),
            });
        }
        let cities = places_in(home_cc, PlaceKind::City);
        let home = if cities.is_empty() {
            None
        } else {
            Some(*rng.pick(cities))
        };
        let i = u.push(p, home);
        if role == NetRole::Driver {
            let mut plate = String::new();
            write_plate(rng, home_cc, &mut plate);
            u.plates[i] = Some(plate);
        }
        i
    }

    fn migrant(
        &mut self,
        rng: &mut Rng,
        u: &mut Unit,
        origin: &str,
        sex: Sex,
        age: (i32, i32),
        day: i64,
    ) -> usize {
        let spec = Spec {
            nationality: country_id(origin),
            sex,
            age,
            at_day: day,
            migrant: true,
        };
        let mut p = self.new_person(rng, &spec);
        if rng.chance(0.04) {
            add_alias(rng, &mut p);
        }
        u.push(p, None)
    }

    /// A group travelling together: single men mostly, some families with
    /// children, some unaccompanied boys (UNHCR/IOM profiles of the route).
    fn group(
        &mut self,
        rng: &mut Rng,
        u: &mut Unit,
        origin: &str,
        size: u64,
        day: i64,
    ) -> Vec<usize> {
        let mut g = Vec::with_capacity(size as usize);
        while (g.len() as u64) < size {
            let left = size - g.len() as u64;
            let x = rng.unit();
            if x < 0.2 && left >= 3 {
                let father = self.migrant(rng, u, origin, Sex::M, (25, 50), day);
                let mother = self.migrant(rng, u, origin, Sex::F, (20, 45), day);
                let fam = u.people[father].family;
                u.people[mother].family = if rng.chance(0.5) {
                    fam
                } else {
                    u.people[mother].family
                };
                g.push(father);
                g.push(mother);
                let kids = rng.range(1, (left - 2).min(3) as i64);
                for _ in 0..kids {
                    let sex = if rng.chance(0.5) { Sex::M } else { Sex::F };
                    let k = self.migrant(rng, u, origin, sex, (1, 15), day);
                    // Children carry the father's family name and have him as father.
                    u.people[k].family = fam;
                    u.people[k].father = u.people[father].given;
                    u.people[k].grandfather = u.people[father].father;
                    u.people[k].dob_claim = u.people[father].dob_claim;
                    g.push(k);
                }
            } else if x < 0.28 {
                let k = self.migrant(rng, u, origin, Sex::M, (14, 17), day);
                u.people[k].unaccompanied = true;
                g.push(k);
            } else if x < 0.33 {
                g.push(self.migrant(rng, u, origin, Sex::F, (18, 40), day));
            } else {
                g.push(self.migrant(rng, u, origin, Sex::M, (18, 45), day));
            }
        }
        g
    }

    fn smuggling_network(&mut self, rng: &mut Rng, budget: u64) -> Result<Unit, Error> {
        self.ids.network += 1;
        let net = self.ids.network;
        self.stats.networks += 1;
        let mut u = Unit::new(Some(net));
        let route = &ROUTES[rng.weighted_by(ROUTES, |r| r.weight)];
        let origin = ORIGINS[rng.weighted_by(ORIGINS, |o| o.1)].0;
        let day = base_day() + rng.range(0, JOURNEY_DAYS);
        let transit = &route.countries[1..route.countries.len() - 1];
        // Plan the members: organiser, recruiters and hawala collector in
        // Türkiye or at home; guides, drivers and safe-house keepers along
        // the route, locals or compatriots of the migrants.
        let mut plan: Vec<(NetRole, &str, &str)> = Vec::new();
        let org_nat = match rng.below(3) {
            0 => origin,
            1 => "TR",
            _ => *rng.pick(transit),
        };
        let org_home = if org_nat == "TR" || org_nat == origin {
            if rng.chance(0.6) {
                "TR"
            } else {
                *rng.pick(transit)
            }
        } else {
            org_nat
        };
        plan.push((NetRole::Organiser, org_nat, org_home));
        plan.push((NetRole::MoneyCollector, origin, "TR"));
        for _ in 0..rng.range(1, 2) {
            plan.push((NetRole::Recruiter, origin, "TR"));
        }
        for &c in transit {
            let local_ok = c == "TR" || police_of(c).is_some();
            if rng.chance(0.85) {
                let nat = if rng.chance(0.35) || !local_ok {
                    origin
                } else {
                    c
                };
                plan.push((NetRole::Guide, nat, c));
            }
            if rng.chance(0.45) && local_ok {
                plan.push((NetRole::Driver, c, c));
            }
            if rng.chance(0.45) {
                let nat = if rng.chance(0.4) { origin } else { c };
                plan.push((NetRole::SafeHouseKeeper, nat, c));
            }
        }
        if rng.chance(0.3) {
            if rng.chance(0.3) {
                // Exploitation at destination, by a diaspora member living there.
                let dest = route.countries[route.countries.len() - 1];
                let nat = rng.pick_str(&["RS", "BA", "AL", "XK", "TR", "MK"]);
                let nat = if rng.chance(0.3) { origin } else { nat };
                plan.push((NetRole::Exploiter, nat, dest));
            } else {
                let c = *rng.pick(&transit[1..]);
                plan.push((NetRole::Exploiter, c, c));
            }
        }
        let cap = (budget / 4).max(1) as usize;
        plan.truncate(cap);
        for (role, nat, home) in &plan {
            self.facilitator(rng, &mut u, *role, nat, home, day);
        }
        *self
            .stats
            .network_sizes
            .entry(plan.len() as u32)
            .or_default() += 1;
        self.membership(rng, &u, day)?;
        let mut remaining = budget - u.people.len() as u64;
        // Networks move many groups: a handful of facilitators per hundred
        // migrants (Europol and Frontex case descriptions).
        let groups = rng.geometric(3, 0.92, 60);
        let mut start = day;
        for _ in 0..groups {
            if remaining == 0 {
                break;
            }
            let size = (2 + u64::from(rng.geometric(0, 0.88, 28))).min(remaining);
            let o = if rng.chance(0.7) {
                origin
            } else {
                ORIGINS[rng.weighted_by(ORIGINS, |o| o.1)].0
            };
            let g = self.group(rng, &mut u, o, size, start);
            remaining = budget - u.people.len() as u64;
            self.journey(rng, &mut u, &g, route.countries, start)?;
            start += rng.range(5, 60);
        }
        Ok(u)
    }

    fn self_organised(&mut self, rng: &mut Rng, budget: u64) -> Result<Unit, Error> {
        let mut u = Unit::new(None);
        let route = &ROUTES[rng.weighted_by(ROUTES, |r| r.weight)];
        let origin = ORIGINS[rng.weighted_by(ORIGINS, |o| o.1)].0;
        let day = base_day() + rng.range(0, JOURNEY_DAYS);
        let size = (1 + u64::from(rng.geometric(0, 0.6, 6))).min(budget);
        let g = self.group(rng, &mut u, origin, size, day);
        self.journey(rng, &mut u, &g, route.countries, day)?;
        Ok(u)
    }

    fn membership(&mut self, _rng: &mut Rng, u: &Unit, day: i64) -> Result<(), Error> {
        let net = u.network.unwrap_or(0);
        let t = day * 86_400;
        let org = u.any_role(NetRole::Organiser);
        for i in 0..u.people.len() {
            let pid = u.people[i].id;
            self.relation("member_of", "person", pid, "network", net, t, 0, Some(net))?;
            if let Some(o) = org
                && o != i
            {
                self.relation(
                    "organised",
                    "person",
                    u.people[o].id,
                    "person",
                    pid,
                    t,
                    0,
                    Some(net),
                )?;
            }
            if let Some(plate) = &u.plates[i] {
                let plate = plate.clone();
                self.relation_str(
                    "drove",
                    "person",
                    &format_pid(pid),
                    "vehicle",
                    &plate,
                    t,
                    0,
                    Some(net),
                )?;
            }
        }
        Ok(())
    }

    /// One group's journey along `countries`.
    fn journey(
        &mut self,
        rng: &mut Rng,
        u: &mut Unit,
        group: &[usize],
        countries: &[&'static str],
        day: i64,
    ) -> Result<(), Error> {
        self.ids.journey += 1;
        self.stats.journeys += 1;
        let jid = self.ids.journey;
        let net = u.network;
        let mut t = day * 86_400 + rng.range(0, 86_399);
        // Victims-to-be: smuggling that converts into trafficking, more
        // often for women and unaccompanied children (UNODC e4j Module 11).
        let exploiter = u.any_role(NetRole::Exploiter);
        let mut victims = Vec::new();
        if exploiter.is_some() {
            for &m in group {
                let p = &u.people[m];
                // Children travelling with their parents stay with them.
                if p.minor && !p.unaccompanied {
                    continue;
                }
                let base = if p.sex == Sex::F { 0.15 } else { 0.04 };
                let pv = if p.unaccompanied { 0.2 } else { base };
                if rng.chance(pv) {
                    victims.push(m);
                }
            }
            // Ground truth is about the person: the conversion is certain
            // once chosen, so every record of the person carries it.
            for &v in &victims {
                u.people[v].victim = true;
            }
        }
        // Recruitment and payment before departure.
        let recruiter = u.any_role(NetRole::Recruiter);
        let collector = u.any_role(NetRole::MoneyCollector);
        let istanbul = places_in("TR", PlaceKind::City)[0];
        for &m in group {
            if u.people[m].minor && !u.people[m].unaccompanied {
                continue;
            }
            if let Some(r) = recruiter
                && rng.chance(0.6)
            {
                let e = self.event(
                    "call",
                    t - rng.range(86_400, 40 * 86_400),
                    Where::At(istanbul),
                    &[(u.people[m].id, "caller"), (u.people[r].id, "recruiter")],
                    "",
                    None,
                    "",
                    Some(jid),
                    net,
                )?;
                self.relation_str(
                    "called",
                    "phone",
                    &u.people[m].phone,
                    "phone",
                    &u.people[r].phone,
                    t,
                    e,
                    net,
                )?;
                self.relation(
                    "recruited",
                    "person",
                    u.people[r].id,
                    "person",
                    u.people[m].id,
                    t,
                    e,
                    net,
                )?;
            }
            if let Some(c) = collector {
                let amount = rng.range(15, 70) as u32 * 100;
                let e = self.event(
                    "payment",
                    t - rng.range(0, 5 * 86_400),
                    Where::At(istanbul),
                    &[
                        (u.people[m].id, "payer"),
                        (u.people[c].id, "hawala_collector"),
                    ],
                    "",
                    Some(amount),
                    "",
                    Some(jid),
                    net,
                )?;
                self.relation(
                    "paid",
                    "person",
                    u.people[m].id,
                    "person",
                    u.people[c].id,
                    t,
                    e,
                    net,
                )?;
            }
        }
        for pair in group.windows(2) {
            self.relation(
                "travelled_with",
                "person",
                u.people[pair[0]].id,
                "person",
                u.people[pair[1]].id,
                t,
                0,
                net,
            )?;
        }
        let mut present: Vec<usize> = group.to_vec();
        for leg in countries.windows(2) {
            let (from, to) = (leg[0], leg[1]);
            // Waiting in a safe house before the crossing.
            if let Some(k) = u.find_role(NetRole::SafeHouseKeeper, from) {
                let home = u.homes[k].map_or(Where::Country(from), Where::At);
                let mut parts = self.group_parts(u, &present, "migrant");
                parts.push((u.people[k].id, "safe_house_keeper"));
                let e = self.event_parts("stay", t, home, &parts, "", None, "", Some(jid), net)?;
                self.part_buf = parts;
                // One edge to the journey: its participants are in the event.
                self.relation(
                    "harboured",
                    "person",
                    u.people[k].id,
                    "journey",
                    jid,
                    t,
                    e,
                    net,
                )?;
                t += rng.range(2, 20) * 86_400;
            }
            let cross = crossings(from, to);
            let official: Vec<PlaceId> = cross
                .iter()
                .copied()
                .filter(|&c| place(c).kind == PlaceKind::Bcp)
                .collect();
            let irregular: Vec<PlaceId> = cross
                .iter()
                .copied()
                .filter(|&c| place(c).kind != PlaceKind::Bcp)
                .collect();
            let driver = u
                .find_role(NetRole::Driver, from)
                .or_else(|| u.find_role(NetRole::Driver, to));
            let by_vehicle = driver.is_some() && rng.chance(0.6);
            let at =
                if by_vehicle && !official.is_empty() && rng.chance(0.5) || irregular.is_empty() {
                    *rng.pick(if official.is_empty() {
                        cross
                    } else {
                        &official
                    })
                } else {
                    *rng.pick(&irregular)
                };
            let guide = u
                .find_role(NetRole::Guide, from)
                .or_else(|| u.find_role(NetRole::Guide, to));
            let mut escorts: Vec<(usize, &'static str)> = Vec::new();
            if let Some(d) = driver.filter(|_| by_vehicle) {
                escorts.push((d, "driver"));
                let plate = u.plates[d].clone().unwrap_or_default();
                let mut parts = self.group_parts(u, &present, "passenger");
                parts.push((u.people[d].id, "driver"));
                let e = self.event_parts(
                    "vehicle_use",
                    t,
                    Where::Country(from),
                    &parts,
                    &plate,
                    None,
                    "",
                    Some(jid),
                    net,
                )?;
                self.part_buf = parts;
                // One edge to the journey: its participants are in the event.
                self.relation(
                    "transported",
                    "person",
                    u.people[d].id,
                    "journey",
                    jid,
                    t,
                    e,
                    net,
                )?;
            }
            if let Some(g) = guide {
                escorts.push((g, "guide"));
            }
            t += rng.range(3600, 86_400);
            let mut parts = self.group_parts(u, &present, "migrant");
            for &(i, r) in &escorts {
                parts.push((u.people[i].id, r));
            }
            let e = self.event_parts(
                "border_crossing",
                t,
                Where::At(at),
                &parts,
                "",
                None,
                "",
                Some(jid),
                net,
            )?;
            self.part_buf = parts;
            if let Some(g) = guide {
                // One edge to the journey: its participants are in the event.
                self.relation(
                    "transported",
                    "person",
                    u.people[g].id,
                    "journey",
                    jid,
                    t,
                    e,
                    net,
                )?;
            }
            let apprehended = rng.chance(apprehension_rate(to)) && police_of(to).is_some();
            if !apprehended && matches!(to, "GR" | "BG") && rng.chance(0.6) {
                // Arrivals on the Aegean islands and at Evros are mostly
                // registered (fingerprinted for Eurodac) even when not caught.
                self.register(rng, u, &present, to, t, jid)?;
            }
            if apprehended {
                self.apprehension(rng, u, &present, &escorts, to, at, t, jid)?;
                t += rng.range(5, 60) * 86_400;
                // Push-backs to the country just left are frequent at the
                // Hungarian and Croatian borders; the group tries again.
                if matches!(to, "HU" | "HR") && rng.chance(0.5) {
                    t += rng.range(3, 20) * 86_400;
                    let again = *rng.pick(cross);
                    let parts = self.group_parts(u, &present, "migrant");
                    self.event_parts(
                        "border_crossing",
                        t,
                        Where::At(again),
                        &parts,
                        "",
                        None,
                        "",
                        Some(jid),
                        net,
                    )?;
                    self.part_buf = parts;
                }
            }
            t += rng.range(1, 10) * 86_400;
            // Victims are held back in a transit country for exploitation.
            if let Some(x) = exploiter
                && !victims.is_empty()
                && u.homes[x].is_some_and(|h| place(h).country == to)
            {
                let held: Vec<usize> = std::mem::take(&mut victims);
                present.retain(|m| !held.contains(m));
                self.exploitation(rng, u, &held, x, to, t, Some(jid))?;
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn apprehension(
        &mut self,
        rng: &mut Rng,
        u: &mut Unit,
        present: &[usize],
        escorts: &[(usize, &'static str)],
        to: &'static str,
        at: PlaceId,
        t: i64,
        jid: u64,
    ) -> Result<(), Error> {
        let net = u.network;
        let caught: Vec<usize> = if rng.chance(0.6) {
            present.to_vec()
        } else {
            present
                .iter()
                .copied()
                .filter(|_| rng.chance(0.5))
                .collect()
        };
        if caught.is_empty() {
            return Ok(());
        }
        let fac: Option<(usize, &'static str)> =
            escorts.first().copied().filter(|_| rng.chance(0.35));
        let mut parts = self.group_parts(u, &caught, "migrant");
        if let Some((f, r)) = fac {
            parts.push((u.people[f].id, r));
        }
        let e = self.event_parts(
            "apprehension",
            t,
            Where::At(at),
            &parts,
            "",
            None,
            "",
            Some(jid),
            net,
        )?;
        self.part_buf = parts;
        self.ids.case += 1;
        let case = self.ids.case;
        let police = police_of(to).expect("checked by caller");
        let mut witnesses = if fac.is_some() { 2 } else { 0 };
        for &m in &caught {
            let role = if witnesses > 0 && !u.people[m].minor && rng.chance(0.5) {
                witnesses -= 1;
                Role::Witness
            } else {
                Role::SmuggledMigrant
            };
            self.record(rng, u, m, police, role, case, e, Some(at))?;
        }
        if let Some((f, _)) = fac {
            self.record(rng, u, f, police, Role::Suspect, case, e, Some(at))?;
            if rng.chance(0.3) {
                self.record(rng, u, f, police, Role::Convicted, case, e, Some(at))?;
            }
        }
        self.register(rng, u, &caught, to, t, jid)?;
        Ok(())
    }

    /// Registration in a reception centre, and an asylum request where one
    /// is usually lodged (Greece, Bulgaria, Bosnia and Herzegovina).
    fn register(
        &mut self,
        rng: &mut Rng,
        u: &mut Unit,
        caught: &[usize],
        to: &'static str,
        t: i64,
        jid: u64,
    ) -> Result<(), Error> {
        let net = u.network;
        let centres = places_in(to, PlaceKind::Centre);
        if let (Some(reg), false) = (registrar_of(to), centres.is_empty())
            && rng.chance(0.75)
        {
            let c = *rng.pick(centres);
            let t2 = t + rng.range(3600, 3 * 86_400);
            let parts = self.group_parts(u, caught, "registered");
            let e2 = self.event_parts(
                "registration",
                t2,
                Where::At(c),
                &parts,
                "",
                None,
                "",
                Some(jid),
                net,
            )?;
            self.part_buf = parts;
            self.ids.case += 1;
            let case2 = self.ids.case;
            for &m in caught {
                self.record(rng, u, m, reg, Role::SmuggledMigrant, case2, e2, Some(c))?;
            }
            let asylum_p = asylum_rate(to);
            for &m in caught {
                if (u.people[m].unaccompanied || !u.people[m].minor) && rng.chance(asylum_p) {
                    let t3 = t2 + rng.range(1, 30) * 86_400;
                    let e3 = self.event(
                        "asylum_application",
                        t3,
                        Where::At(c),
                        &[(u.people[m].id, "applicant")],
                        "",
                        None,
                        "",
                        Some(jid),
                        net,
                    )?;
                    self.ids.case += 1;
                    let case3 = self.ids.case;
                    self.record(rng, u, m, reg, Role::Other, case3, e3, Some(c))?;
                }
                // IOM meets vulnerable people in the centres.
                if (u.people[m].unaccompanied || u.people[m].sex == Sex::F)
                    && rng.chance(0.3)
                    && let Some(iom) = support_of(to, true)
                {
                    self.ids.case += 1;
                    let case4 = self.ids.case;
                    self.record(rng, u, m, iom, Role::Other, case4, e2, Some(c))?;
                }
            }
        }
        Ok(())
    }

    /// Smuggling turned trafficking: the debt grows, documents are taken,
    /// the person is transferred and exploited, then (often) identified.
    #[allow(clippy::too_many_arguments)]
    fn exploitation(
        &mut self,
        rng: &mut Rng,
        u: &mut Unit,
        victims: &[usize],
        exploiter: usize,
        cc: &'static str,
        mut t: i64,
        jid: Option<u64>,
    ) -> Result<(), Error> {
        let net = u.network;
        let home = u.homes[exploiter].map_or(Where::Country(cc), Where::At);
        for &v in victims {
            u.people[v].victim = true;
            let collector = u.any_role(NetRole::MoneyCollector).unwrap_or(exploiter);
            let amount = rng.range(40, 150) as u32 * 100;
            let e = self.event(
                "payment",
                t,
                home,
                &[
                    (u.people[v].id, "debtor"),
                    (u.people[collector].id, "creditor"),
                ],
                "",
                Some(amount),
                "debt_bondage;deceived_about_conditions",
                jid,
                net,
            )?;
            self.relation(
                "paid",
                "person",
                u.people[v].id,
                "person",
                u.people[collector].id,
                t,
                e,
                net,
            )?;
            t += rng.range(1, 5) * 86_400;
            self.event(
                "stay",
                t,
                home,
                &[
                    (u.people[v].id, "held"),
                    (u.people[exploiter].id, "exploiter"),
                ],
                "",
                None,
                "confiscation_of_documents;isolation_confinement",
                jid,
                net,
            )?;
            if collector != exploiter {
                self.event(
                    "transfer",
                    t + 3600,
                    home,
                    &[
                        (u.people[v].id, "transferred"),
                        (u.people[collector].id, "from"),
                        (u.people[exploiter].id, "to"),
                    ],
                    "",
                    None,
                    "sold_or_transferred",
                    jid,
                    net,
                )?;
            }
            let indicators = if u.people[v].sex == Sex::F && !u.people[v].minor && rng.chance(0.7) {
                "sexual_exploitation;withholding_of_wages;threats_of_violence"
            } else if u.people[v].minor && rng.chance(0.4) {
                "forced_begging;forced_criminal_activity;withholding_of_wages"
            } else {
                "forced_labour;excessive_working_hours;withholding_of_wages;threats_of_violence"
            };
            t += rng.range(7, 120) * 86_400;
            let e = self.event(
                "exploitation",
                t,
                home,
                &[
                    (u.people[v].id, "victim"),
                    (u.people[exploiter].id, "exploiter"),
                ],
                "",
                None,
                indicators,
                jid,
                net,
            )?;
            self.relation(
                "exploited",
                "person",
                u.people[exploiter].id,
                "person",
                u.people[v].id,
                t,
                e,
                net,
            )?;
        }
        // Identification by police or a support organisation.
        if rng.chance(0.7) {
            t += rng.range(1, 60) * 86_400;
            let police = police_of(cc);
            let support = support_of(cc, rng.chance(0.3));
            let mut parts = self.group_parts(u, victims, "victim");
            let caught = rng.chance(0.5) && police.is_some();
            if caught {
                parts.push((u.people[exploiter].id, "exploiter"));
            }
            let e = self.event_parts(
                "victim_identification",
                t,
                home,
                &parts,
                "",
                None,
                "",
                jid,
                net,
            )?;
            self.part_buf = parts;
            self.ids.case += 1;
            let case = self.ids.case;
            for &v in victims {
                if let Some(p) = police {
                    let role = if rng.chance(0.6) {
                        Role::Victim
                    } else {
                        Role::PresumedVictim
                    };
                    self.record(rng, u, v, p, role, case, e, None)?;
                }
                if let Some(s) = support {
                    self.ids.case += 1;
                    let c2 = self.ids.case;
                    let role = if rng.chance(0.5) {
                        Role::PresumedVictim
                    } else {
                        Role::Victim
                    };
                    self.record(rng, u, v, s, role, c2, e, None)?;
                }
            }
            if caught && let Some(p) = police {
                self.record(rng, u, exploiter, p, Role::Suspect, case, e, None)?;
                // People around the exploiter turn up as associates.
                if let Some(d) = u.any_role(NetRole::Driver)
                    && rng.chance(0.4)
                {
                    self.record(rng, u, d, p, Role::Associate, case, e, None)?;
                }
                if rng.chance(0.3) {
                    self.record(rng, u, exploiter, p, Role::Convicted, case, e, None)?;
                }
            }
        }
        Ok(())
    }

    /// A trafficking ring recruiting in the region: "lover-boy" and false
    /// job-offer recruitment, transport, exploitation in a city.
    fn trafficking_ring(&mut self, rng: &mut Rng, budget: u64) -> Result<Unit, Error> {
        self.ids.network += 1;
        let net = self.ids.network;
        self.stats.networks += 1;
        let mut u = Unit::new(Some(net));
        let day = base_day() + rng.range(0, JOURNEY_DAYS);
        let cc = EXPLOITATION_COUNTRIES[rng.weighted(
            &EXPLOITATION_COUNTRIES
                .iter()
                .map(|x| x.1)
                .collect::<Vec<_>>(),
        )]
        .0;
        let victim_cc = if rng.chance(0.5) || cc == "TR" {
            if cc == "TR" { "GR" } else { cc }
        } else {
            *rng.pick(&["AL", "XK", "RS", "BA", "MK", "BG", "ME", "MA", "SY", "AF"])
        };
        let home_recruit = if police_of(victim_cc).is_some() {
            victim_cc
        } else {
            cc
        };
        let recruiter = self.facilitator(
            rng,
            &mut u,
            NetRole::Recruiter,
            home_recruit,
            home_recruit,
            day,
        );
        let exploiter = self.facilitator(rng, &mut u, NetRole::Exploiter, cc, cc, day);
        let mut size = 2;
        let driver = if budget > 3 && rng.chance(0.5) {
            size += 1;
            Some(self.facilitator(
                rng,
                &mut u,
                NetRole::Driver,
                home_recruit,
                home_recruit,
                day,
            ))
        } else {
            None
        };
        *self.stats.network_sizes.entry(size).or_default() += 1;
        self.membership(rng, &u, day)?;
        let n = (1 + u64::from(rng.geometric(0, 0.6, 5)))
            .min(budget - u.people.len() as u64)
            .max(1);
        let mut victims = Vec::new();
        for _ in 0..n {
            let sex = if rng.chance(0.85) { Sex::F } else { Sex::M };
            let age = if rng.chance(0.3) { (13, 17) } else { (18, 30) };
            let spec = Spec {
                nationality: country_id(victim_cc),
                sex,
                age,
                at_day: day,
                migrant: !matches!(
                    victim_cc,
                    "AL" | "XK" | "RS" | "BA" | "MK" | "BG" | "ME" | "GR"
                ),
            };
            let p = self.new_person(rng, &spec);
            let i = u.push(p, None);
            victims.push(i);
        }
        let mut t = day * 86_400;
        let rec_home = u.homes[recruiter].map_or(Where::Country(home_recruit), Where::At);
        for &v in &victims {
            let e = self.event(
                "call",
                t,
                rec_home,
                &[
                    (u.people[v].id, "recruited"),
                    (u.people[recruiter].id, "recruiter"),
                ],
                "",
                None,
                "deceptive_recruitment",
                None,
                Some(net),
            )?;
            self.relation_str(
                "called",
                "phone",
                &u.people[recruiter].phone,
                "phone",
                &u.people[v].phone,
                t,
                e,
                Some(net),
            )?;
            self.relation(
                "recruited",
                "person",
                u.people[recruiter].id,
                "person",
                u.people[v].id,
                t,
                e,
                Some(net),
            )?;
        }
        t += rng.range(3, 30) * 86_400;
        if let Some(d) = driver {
            let plate = u.plates[d].clone().unwrap_or_default();
            let mut parts = self.group_parts(&u, &victims, "passenger");
            parts.push((u.people[d].id, "driver"));
            let e = self.event_parts(
                "vehicle_use",
                t,
                rec_home,
                &parts,
                &plate,
                None,
                "",
                None,
                Some(net),
            )?;
            self.part_buf = parts;
            for &v in &victims {
                self.relation(
                    "transported",
                    "person",
                    u.people[d].id,
                    "person",
                    u.people[v].id,
                    t,
                    e,
                    Some(net),
                )?;
            }
        }
        if victim_cc != cc {
            let cross = crossings(victim_cc, cc);
            let at = if cross.is_empty() {
                Where::Country(cc)
            } else {
                Where::At(*rng.pick(cross))
            };
            let parts = self.group_parts(&u, &victims, "traveller");
            self.event_parts(
                "border_crossing",
                t + 7200,
                at,
                &parts,
                "",
                None,
                "",
                None,
                Some(net),
            )?;
            self.part_buf = parts;
        }
        self.exploitation(rng, &mut u, &victims, exploiter, cc, t + 86_400, None)?;
        Ok(u)
    }

    /// Writes one event row; `parts` are (unit, person index, role).
    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        kind: &'static str,
        t: i64,
        at: Where,
        parts: &[(u64, &'static str)],
        plate: &str,
        amount: Option<u32>,
        indicators: &str,
        jid: Option<u64>,
        net: Option<u64>,
    ) -> Result<u64, Error> {
        self.event_parts(kind, t, at, parts, plate, amount, indicators, jid, net)
    }

    #[allow(clippy::too_many_arguments)]
    fn event_parts(
        &mut self,
        kind: &'static str,
        t: i64,
        at: Where,
        parts: &[(u64, &'static str)],
        plate: &str,
        amount: Option<u32>,
        indicators: &str,
        jid: Option<u64>,
        net: Option<u64>,
    ) -> Result<u64, Error> {
        self.ids.event += 1;
        let eid = self.ids.event;
        self.tally_events.add(kind, "");
        self.stats.events += 1;
        let w = &mut self.out.events;
        w.id(b'E', eid);
        w.safe(kind);
        crate::date::push_rfc3339_bytes(t, w.raw());
        match at {
            Where::At(pid) => {
                let p = place(pid);
                w.safe(p.country);
                w.field(p.name);
                if matches!(p.kind, PlaceKind::Bcp | PlaceKind::Green | PlaceKind::Sea) {
                    w.safe(p.id);
                } else {
                    w.empty();
                }
                w.safe(p.lat);
                w.safe(p.lon);
            }
            Where::Country(c) => {
                w.safe(c);
                for _ in 0..4 {
                    w.empty();
                }
            }
        }
        let buf = w.raw();
        for (i, (pid, role)) in parts.iter().enumerate() {
            if i > 0 {
                buf.push(b';');
            }
            buf.push(b'P');
            crate::csvw::push_digits(buf, *pid, 8);
            buf.push(b':');
            buf.extend_from_slice(role.as_bytes());
        }
        w.safe(plate);
        match amount {
            Some(a) => {
                w.num(u64::from(a));
                w.safe("EUR");
            }
            None => {
                w.empty();
                w.empty();
            }
        }
        w.safe(indicators);
        w.opt_id(b'J', jid);
        w.opt_id(b'N', net);
        w.end().map_err(crate::output::io_error)?;
        Ok(eid)
    }

    /// Writes a relation between two ids given as numbers.
    #[allow(clippy::too_many_arguments)]
    fn relation(
        &mut self,
        kind: &'static str,
        from_type: &str,
        from: u64,
        to_type: &str,
        to: u64,
        t: i64,
        event: u64,
        net: Option<u64>,
    ) -> Result<(), Error> {
        self.relation_end(
            kind,
            from_type,
            End::Id(type_prefix(from_type), from),
            to_type,
            End::Id(type_prefix(to_type), to),
            t,
            event,
            net,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn relation_str(
        &mut self,
        kind: &'static str,
        from_type: &str,
        from: &str,
        to_type: &str,
        to: &str,
        t: i64,
        event: u64,
        net: Option<u64>,
    ) -> Result<(), Error> {
        self.relation_end(
            kind,
            from_type,
            End::Text(from),
            to_type,
            End::Text(to),
            t,
            event,
            net,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn relation_end(
        &mut self,
        kind: &'static str,
        from_type: &str,
        from: End<'_>,
        to_type: &str,
        to: End<'_>,
        t: i64,
        event: u64,
        net: Option<u64>,
    ) -> Result<(), Error> {
        self.ids.relation += 1;
        self.stats.relations += 1;
        self.tally_relations.add(kind, "");
        let w = &mut self.out.relations;
        w.id(b'L', self.ids.relation);
        w.safe(kind);
        w.safe(from_type);
        from.write(w);
        w.safe(to_type);
        to.write(w);
        crate::date::push_rfc3339_bytes(t, w.raw());
        w.opt_id(b'E', (event > 0).then_some(event));
        w.opt_id(b'N', net);
        w.end().map_err(crate::output::io_error)?;
        Ok(())
    }

    /// Writes one record of person `pi` by `agency_id`, and its truth row.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        rng: &mut Rng,
        u: &mut Unit,
        pi: usize,
        agency_id: AgencyId,
        role: Role,
        case: u64,
        event: u64,
        at: Option<PlaceId>,
    ) -> Result<(), Error> {
        let ag = agency(agency_id);
        let p = &u.people[pi];
        debug_assert!(!(p.victim && role == Role::Suspect));
        self.ids.record += 1;
        let rid = self.ids.record;
        let facilitator = p.role.is_some();
        let alias = p.alias.is_some() && rng.chance(if facilitator { 0.35 } else { 0.5 });
        let shows_doc =
            !alias && p.document.is_some() && rng.chance(if facilitator { 0.8 } else { 0.6 });
        let style = choose_style(rng, ag, p, shows_doc);
        let chains = matches!(
            ag.kind,
            AgencyKind::Asylum | AgencyKind::Iom | AgencyKind::Ngo
        ) || rng.chance(0.3);
        let noise = self.names.write(
            rng,
            p,
            ag,
            &style,
            NameOpts {
                alias,
                father_column: true,
                chains,
                swap: ag.family_first,
            },
        );
        let st = &mut self.stats;
        st.records += 1;
        let v = &mut st.variants;
        v.typo += u64::from(noise.typo);
        v.swapped_order += u64::from(noise.swapped);
        v.father_name += u64::from(noise.father);
        v.patronymic_chain += u64::from(noise.chain);
        v.father_as_family += u64::from(noise.father_as_family);
        v.native_full_name += u64::from(noise.native_full);
        v.local_latin_habit += u64::from(noise.habit);
        v.compound_merged += u64::from(noise.merged);
        v.compound_dropped += u64::from(noise.dropped);
        v.upper_case += u64::from(style.upper);
        v.from_document += u64::from(shows_doc);
        v.mrz_form += u64::from(style.mrz);
        v.alias_used += u64::from(alias);
        // The full name shows an original-script entry; fall back to the
        // given or family field when it is empty.
        let script = script_class(if !self.names.full.is_empty() {
            &self.names.full
        } else if !self.names.given.is_empty() {
            &self.names.given
        } else {
            &self.names.family
        });
        self.tally_scripts.add(ag.code, script);
        self.tally_roles.add(role.code(), "");

        let f = &mut self.fields;
        for s in f.iter_mut() {
            s.clear();
        }
        id('R', rid, &mut f[0]);
        // Columns 1–5 (source and names) are written straight from their
        // buffers below.
        let birth = if alias {
            p.alias.as_ref().map_or(p.birth, |a| a.birth)
        } else {
            p.birth
        };
        let form = write_dob(rng, p, birth, shows_doc, ag.date_style, &mut f[6]);
        let v = &mut self.stats.variants;
        match form {
            DobForm::JanFirst => v.dob_jan_first += 1,
            DobForm::YearOnly => v.dob_year_only += 1,
            DobForm::YearMonth => v.dob_year_month += 1,
            DobForm::Swapped => v.dob_day_month_swapped += 1,
            DobForm::Shifted => v.dob_shifted_year += 1,
            DobForm::Missing => v.dob_missing += 1,
            DobForm::Full => {}
        }
        write_sex(rng, p.sex, &mut f[7]);
        let changed = write_nationality(
            rng,
            p,
            if alias {
                p.alias.as_ref().map(|a| a.nationality)
            } else {
                None
            },
            &mut f[8],
        );
        v.changed_nationality += u64::from(changed);
        if rng.chance(0.35) {
            if style.diacritics {
                f[9].push_str(p.birth_place);
            } else {
                crate::translit::fold_ascii(p.birth_place, false, &mut f[9]);
            }
        }
        let mut has_doc = false;
        if let Some(d) = &p.document
            && !alias
            && (shows_doc || rng.chance(0.25))
        {
            has_doc = true;
            f[10].push_str(match d.kind {
                DocKind::Passport => "P",
                DocKind::IdCard => "ID",
                DocKind::ResidencePermit => "RP",
            });
            if rng.chance(0.03) {
                ocr_confuse(rng, &d.number, &mut f[11]);
                v.ocr_document_number += 1;
            } else {
                f[11].push_str(&d.number);
            }
            f[12].push_str(country(d.country).a2);
        }
        v.no_document += u64::from(!has_doc);
        if rng.chance(if facilitator { 0.55 } else { 0.3 }) {
            f[13].push_str(&p.phone);
        }
        // Address: the centre for registrations, home for facilitators.
        match (at, u.homes[pi]) {
            (_, Some(h)) if rng.chance(0.5) => {
                let c = place(h);
                let _ = write!(f[14], "{} {}", street(c.country, rng), rng.range(1, 120));
                f[15].push_str(c.name);
                if let Some((pc, region)) = postcode(c.name) {
                    f[16].push_str(pc);
                    f[17].push_str(region);
                }
            }
            (Some(a), None) if place(a).kind == PlaceKind::Centre && rng.chance(0.6) => {
                f[14].push_str(place(a).name);
            }
            _ => {}
        }
        if let Some(n) = &p.national_id
            && country(p.nationality).a2 == ag.country
            && !alias
            && rng.chance(0.7)
        {
            f[18].push_str(n);
        }
        f[19].push_str(role.code());
        // Only the address may need quoting (centre names contain commas):
        // names are checked when the tables are parsed, typing errors and
        // transliterations only produce letters, and birth places, cities and
        // regions are fixed strings without commas (debug builds verify all
        // unchecked columns).
        const FREE_TEXT: u32 = 1 << 14;
        let f = &self.fields;
        let n = &self.names;
        let cols: [&str; 20] = [
            &f[0], ag.code, &n.given, &n.family, &n.full, &n.father, &f[6], &f[7], &f[8], &f[9],
            &f[10], &f[11], &f[12], &f[13], &f[14], &f[15], &f[16], &f[17], &f[18], &f[19],
        ];
        self.out
            .records
            .row_checked(&cols, FREE_TEXT)
            .map_err(crate::output::io_error)?;
        u.nrecords[pi] += 1;

        // Truth row.
        let p = &u.people[pi];
        let w = &mut self.out.truth;
        w.id(b'R', rid);
        w.id(b'P', p.id);
        w.opt_id(b'N', p.network);
        w.safe(p.role.map_or("", |r| r.code()));
        w.safe(if p.victim { "true" } else { "false" });
        w.safe(if p.role.is_some() {
            "facilitator"
        } else if p.victim {
            "victim"
        } else {
            "migrant"
        });
        w.id(b'C', case);
        w.id(b'E', event);
        w.safe(if alias { "alias" } else { "true" });
        w.safe(if shows_doc { "true" } else { "false" });
        self.parts.clear();
        self.buf2.clear();
        true_name(p, &mut self.parts, &mut self.buf2);
        w.field(&self.parts);
        w.field(&self.buf2);
        crate::date::push_iso_bytes(p.birth, w.raw());
        w.safe(country(p.nationality).a2);
        w.safe(if p.sex == Sex::M { "M" } else { "F" });
        w.end().map_err(crate::output::io_error)?;
        Ok(())
    }
}

/// The true names of a person in their passport romanisation (or native
/// Latin form), for truth.csv.
pub fn true_name(p: &Person, given: &mut String, family: &mut String) {
    let names = crate::names::Names::get();
    let pick = |id: u32, out: &mut String| {
        let n = names.name(id);
        match n.script {
            crate::names::Script::Arabic | crate::names::Script::Bengali => {
                out.push_str(n.spellings[(p.spelling as usize).min(n.spellings.len() - 1)])
            }
            _ => out.push_str(n.native),
        }
    };
    if let Some(pre) = p.given_prefix {
        pick(pre, given);
        given.push(' ');
    }
    pick(p.given, given);
    if let Some(f) = p.family {
        pick(f, family);
    }
}

fn country_id_opt(a2: &str) -> Option<u8> {
    crate::world::COUNTRIES
        .iter()
        .position(|c| c.a2 == a2)
        .map(|i| i as u8)
}

fn type_prefix(t: &str) -> u8 {
    match t {
        "network" => b'N',
        "journey" => b'J',
        "record" => b'R',
        _ => b'P',
    }
}

/// One end of a relation: a generated id or a text key (phone, plate).
enum End<'a> {
    Id(u8, u64),
    Text(&'a str),
}

impl End<'_> {
    fn write(&self, w: &mut crate::csvw::CsvSink) {
        match self {
            End::Id(p, n) => w.id(*p, *n),
            End::Text(s) => w.safe(s),
        }
    }
}

fn format_pid(pid: u64) -> String {
    let mut s = String::with_capacity(9);
    id('P', pid, &mut s);
    s
}

/// Share of crossings into a country that end in an apprehension; high at
/// the fenced Hungarian and the Croatian borders, lower inside the region.
fn apprehension_rate(to: &str) -> f64 {
    match to {
        "HU" => 0.6,
        "HR" => 0.5,
        "BG" => 0.45,
        "GR" => 0.4,
        "MK" => 0.35,
        "RS" => 0.3,
        "BA" => 0.35,
        "AL" | "ME" => 0.3,
        "XK" => 0.25,
        _ => 0.0,
    }
}

/// Share of registered people who apply for asylum in a country.
fn asylum_rate(cc: &str) -> f64 {
    match cc {
        "GR" => 0.7,
        "BG" => 0.4,
        "BA" => 0.3,
        "ME" | "AL" => 0.25,
        "RS" => 0.15,
        "HR" => 0.2,
        "MK" => 0.05,
        "HU" => 0.01,
        _ => 0.0,
    }
}

/// Vehicle plate in the country's format.
fn write_plate(rng: &mut Rng, cc: &str, out: &mut String) {
    let shape = match cc {
        "RS" => *rng.pick(&["BG DDD-LL", "NS DDD-LL", "SU DDD-LL", "VR DDD-LL"]),
        "MK" => *rng.pick(&["SK DDDD LL", "KU DDDD LL", "GE DDDD LL"]),
        "GR" => "LLL-DDDD",
        "BG" => *rng.pick(&["CA DDDD LL", "H DDDD LL", "X DDDD LL"]),
        "HU" => "LLLL-DDD",
        "HR" => *rng.pick(&["ZG DDDD-LL", "VU DDD-LL", "KA DDD-L"]),
        "AL" => "LL DDD LL",
        "BA" => "LDD-L-DDD",
        "ME" => *rng.pick(&["PG LL DDD", "BR LL DDD"]),
        "XK" => "0D-DDD-LL",
        "TR" => "34 LLL DDD",
        _ => "LLL DDDD",
    };
    fill_shape(rng, shape, out);
}

/// A common street name of a country, for addresses.
fn street(cc: &str, rng: &mut Rng) -> &'static str {
    let list: &[&str] = match cc {
        "RS" | "BA" | "ME" => &[
            "Karađorđeva",
            "Njegoševa",
            "Vojvode Mišića",
            "Cara Dušana",
            "Maršala Tita",
            "Branka Radičevića",
        ],
        "HR" => &[
            "Ilica",
            "Vukovarska",
            "Ulica kralja Tomislava",
            "Zagrebačka",
        ],
        "MK" => &[
            "ul. Makedonija",
            "ul. Ilindenska",
            "bul. Partizanski Odredi",
            "ul. Goce Delčev",
        ],
        "AL" | "XK" => &[
            "Rruga e Durrësit",
            "Rruga Skënderbeu",
            "Rruga Nënë Tereza",
            "Rruga Myslym Shyri",
        ],
        "GR" => &[
            "Odos Egnatia",
            "Odos Ermou",
            "Odos Patision",
            "Leoforos Syngrou",
        ],
        "BG" => &[
            "ul. Vasil Levski",
            "bul. Bulgaria",
            "ul. Rakovski",
            "ul. Hristo Botev",
        ],
        "HU" => &[
            "Kossuth Lajos utca",
            "Petőfi Sándor utca",
            "Rákóczi út",
            "Dózsa György út",
        ],
        "TR" => &[
            "İstiklal Caddesi",
            "Atatürk Bulvarı",
            "Cumhuriyet Caddesi",
            "Fevzi Paşa Caddesi",
        ],
        "AT" => &[
            "Favoritenstraße",
            "Ottakringer Straße",
            "Landstraßer Hauptstraße",
            "Brünner Straße",
        ],
        "SI" => &[
            "Celovška cesta",
            "Dunajska cesta",
            "Slovenska cesta",
            "Zaloška cesta",
        ],
        _ => &["Main Street"],
    };
    rng.pick_str(list)
}

/// Postcode and region of the cities used as homes.
fn postcode(city: &str) -> Option<(&'static str, &'static str)> {
    Some(match city {
        "Belgrade" => ("11000", "Grad Beograd"),
        "Subotica" => ("24000", "Severnobački okrug"),
        "Sombor" => ("25000", "Zapadnobački okrug"),
        "Šid" => ("22240", "Sremski okrug"),
        "Skopje" => ("1000", "Skopje"),
        "Kumanovo" => ("1300", "Northeastern"),
        "Athens" => ("104 31", "Attica"),
        "Thessaloniki" => ("546 25", "Central Macedonia"),
        "Ioannina" => ("453 32", "Epirus"),
        "Sofia" => ("1000", "Sofia City"),
        "Tirana" => ("1001", "Tiranë"),
        "Shkodër" => ("4001", "Shkodër"),
        "Podgorica" => ("81000", "Podgorica"),
        "Sarajevo" => ("71000", "Kanton Sarajevo"),
        "Bihać" => ("77000", "Unsko-sanski kanton"),
        "Velika Kladuša" => ("77230", "Unsko-sanski kanton"),
        "Zagreb" => ("10000", "Grad Zagreb"),
        "Budapest" => ("1051", "Budapest"),
        "Pristina" => ("10000", "Prishtinë"),
        "Istanbul" => ("34000", "İstanbul"),
        "Edirne" => ("22000", "Edirne"),
        "İzmir" => ("35000", "İzmir"),
        "Vienna" => ("1100", "Wien"),
        "Ljubljana" => ("1000", "Osrednjeslovenska"),
        _ => return None,
    })
}
