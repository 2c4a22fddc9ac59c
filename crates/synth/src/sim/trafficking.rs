//! Trafficking: smuggling journeys that convert into exploitation, and
//! rings that recruit in the region.

//!
//! Work is done one *unit* at a time (one network with the groups it moves,
//! or one trafficking ring) and written out before the next unit starts, so
//! memory stays flat however many people are generated.

use super::{Gen, JOURNEY_DAYS, Role, Unit, Where};
use crate::Error;
use crate::person::{NetRole, Sex, Spec, base_day};
use crate::rng::Rng;
use crate::world::{EXPLOITATION_COUNTRIES, country_id, crossings, police_of, support_of};

impl Gen<'_> {
    /// Smuggling turned trafficking: the debt grows, documents are taken,
    /// the person is transferred and exploited, then (often) identified.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn exploitation(
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
    pub(super) fn trafficking_ring(&mut self, rng: &mut Rng, budget: u64) -> Result<Unit, Error> {
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
}
