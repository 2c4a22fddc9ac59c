//! Smuggling networks and the journeys of the groups they move: crossings,
//! apprehensions, registrations and asylum applications.

//!
//! Work is done one *unit* at a time (one network with the groups it moves,
//! or one trafficking ring) and written out before the next unit starts, so
//! memory stays flat however many people are generated.

use super::{Gen, JOURNEY_DAYS, Role, Unit, Where, format_pid};
use crate::Error;
use crate::person::{NetRole, Sex, base_day};
use crate::rng::Rng;
use crate::world::{
    ORIGINS, PlaceId, PlaceKind, ROUTES, crossings, place, places_in, police_of, registrar_of,
    support_of,
};

impl Gen<'_> {
    pub(super) fn smuggling_network(&mut self, rng: &mut Rng, budget: u64) -> Result<Unit, Error> {
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

    pub(super) fn self_organised(&mut self, rng: &mut Rng, budget: u64) -> Result<Unit, Error> {
        let mut u = Unit::new(None);
        let route = &ROUTES[rng.weighted_by(ROUTES, |r| r.weight)];
        let origin = ORIGINS[rng.weighted_by(ORIGINS, |o| o.1)].0;
        let day = base_day() + rng.range(0, JOURNEY_DAYS);
        let size = (1 + u64::from(rng.geometric(0, 0.6, 6))).min(budget);
        let g = self.group(rng, &mut u, origin, size, day);
        self.journey(rng, &mut u, &g, route.countries, day)?;
        Ok(u)
    }

    pub(super) fn membership(&mut self, _rng: &mut Rng, u: &Unit, day: i64) -> Result<(), Error> {
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
    pub(super) fn journey(
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
    pub(super) fn apprehension(
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
    pub(super) fn register(
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
}

/// Share of crossings into a country that end in an apprehension; high at
/// the fenced Hungarian and the Croatian borders, lower inside the region.
pub(super) fn apprehension_rate(to: &str) -> f64 {
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
pub(super) fn asylum_rate(cc: &str) -> f64 {
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
