//! One record as an agency captures it, and its ground-truth row.

use super::addresses::{postcode, street};
use super::{Gen, Role, Unit, id};
use crate::Error;
use crate::person::{DocKind, Person, Sex};
use crate::render::{DobForm, choose_style, ocr_confuse, write_dob, write_nationality, write_sex};
use crate::rng::Rng;
use crate::stats::script_class;
use crate::world::{AgencyId, AgencyKind, PlaceId, PlaceKind, agency, country, place};
use crate::write_names::NameOpts;
use std::fmt::Write;

impl Gen<'_> {
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
