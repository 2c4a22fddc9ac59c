//! Networks, journeys and the events, relations and records they leave.
//!
//! Work is done one *unit* at a time (one network with the groups it moves,
//! or one trafficking ring) and written out before the next unit starts, so
//! memory stays flat however many people are generated.

use crate::Error;
use crate::alerts;
use crate::output::Output;
use crate::person::{
    DocKind, Document, NetRole, Person, Sex, Spec, add_alias, fill_shape, make_person,
};
use crate::rng::Rng;
use crate::stats::{Stats, Tally};
use crate::world::{PlaceId, PlaceKind, country, country_id, place, places_in};
use crate::write_names::NameFields;
use addresses::write_plate;

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

mod addresses;
mod network;
mod record;
mod trafficking;

pub use record::true_name;
