//! Writes a person's names into record fields as one agency would.

use crate::names::{Names, Script, Table};
use crate::person::Person;
use crate::render::{Style, render_token, typo};
use crate::rng::Rng;
use crate::world::Agency;

/// Name fields of one record.
#[derive(Default)]
pub struct NameFields {
    /// given_name
    pub given: String,
    /// family_name
    pub family: String,
    /// full_name
    pub full: String,
    /// father_name
    pub father: String,
    scratch: crate::render::TokenScratch,
}

/// What happened while writing the names.
#[derive(Default, Clone, Copy)]
pub struct NameNoise {
    /// A typing error was made.
    pub typo: bool,
    /// Given and family fields swapped.
    pub swapped: bool,
    /// Father's name recorded.
    pub father: bool,
    /// Full name as a patronymic chain.
    pub chain: bool,
    /// Father's name used as the family name.
    pub father_as_family: bool,
    /// Original script kept in the full name.
    pub native_full: bool,
    /// Local Latin habit applied.
    pub habit: bool,
    /// Compound given name merged.
    pub merged: bool,
    /// Compound given name shortened.
    pub dropped: bool,
}

/// Options beyond the agency's habits.
#[derive(Clone, Copy)]
pub struct NameOpts {
    /// Write under the alias identity.
    pub alias: bool,
    /// Allow the father's-name column.
    pub father_column: bool,
    /// Allow patronymic chains and original-script full names.
    pub chains: bool,
    /// Probability of swapping given and family fields.
    pub swap: f64,
}

impl NameFields {
    /// Clears all fields.
    pub fn clear(&mut self) {
        self.given.clear();
        self.family.clear();
        self.full.clear();
        self.father.clear();
    }

    /// Writes the names of `p` for `agency` with `style`.
    pub fn write(
        &mut self,
        rng: &mut Rng,
        p: &Person,
        agency: &Agency,
        style: &Style,
        opts: NameOpts,
    ) -> NameNoise {
        self.clear();
        let names = Names::get();
        let mut noise = NameNoise {
            habit: style.habit.is_some(),
            ..NameNoise::default()
        };
        let cc = crate::render::Locality::new(p.table, agency.country);
        let (given, prefix, family) = if opts.alias {
            let a = p.alias.as_ref().expect("alias requested only when present");
            (a.given, None, Some(a.family))
        } else {
            (p.given, p.given_prefix, p.family)
        };
        let sp = p.spelling;
        // Given name, possibly compound.
        let mut start = 0;
        if let Some(pre) = prefix {
            let x = rng.unit();
            if x < 0.15 && !style.from_document {
                noise.dropped = true;
            } else {
                render_token(rng, pre, sp, cc, style, &mut self.scratch, &mut self.given);
                noise.typo |= typo(rng, &mut self.given, 0, style.typo);
                // Persian compounds are often written as one word.
                let merge = p.table == Table::Persian
                    && matches!(style.script, crate::render::OutScript::Latin)
                    && rng.chance(0.3);
                if merge {
                    noise.merged = true;
                } else {
                    self.given.push(' ');
                }
                start = self.given.len();
            }
        }
        render_token(
            rng,
            given,
            sp,
            cc,
            style,
            &mut self.scratch,
            &mut self.given,
        );
        if noise.merged {
            // Mohammad + Reza -> Mohammadreza: the second element loses its capital.
            let tail = self.given.split_off(start);
            let upper = style.upper;
            for (i, c) in tail.chars().enumerate() {
                if i == 0 && !upper {
                    self.given.extend(c.to_lowercase());
                } else {
                    self.given.push(c);
                }
            }
        }
        noise.typo |= typo(rng, &mut self.given, start, style.typo);
        // Family name; people without one get the father's name (Afghan
        // practice), and Arab or Afghan records sometimes do so anyway.
        let arabic_script = matches!(names.name(p.given).script, Script::Arabic | Script::Bengali);
        let family_id = match family {
            Some(f) if !(arabic_script && !style.from_document && rng.chance(0.08)) => Some(f),
            Some(_) => {
                noise.father_as_family = true;
                Some(p.father)
            }
            None if rng.chance(0.75) => {
                noise.father_as_family = true;
                Some(p.father)
            }
            None => None,
        };
        if let Some(f) = family_id {
            render_token(rng, f, sp, cc, style, &mut self.scratch, &mut self.family);
            noise.typo |= typo(rng, &mut self.family, 0, style.typo);
        }
        if opts.father_column && rng.chance(agency.father_name) {
            render_token(
                rng,
                p.father,
                sp,
                cc,
                style,
                &mut self.scratch,
                &mut self.father,
            );
            noise.father = true;
        }
        // Full name.
        if opts.chains && arabic_script && rng.chance(agency.native_full_name) {
            // The interpreter writes the name in its own script.
            let pre = prefix.map(|x| names.name(x).native);
            if let Some(pre) = pre {
                self.full.push_str(pre);
                self.full.push(' ');
            }
            self.full.push_str(names.name(given).native);
            if let Some(f) = family_id {
                self.full.push(' ');
                self.full.push_str(names.name(f).native);
            }
            noise.native_full = true;
        } else if opts.chains && arabic_script && !opts.alias && rng.chance(0.12) {
            // ism + nasab chain: given, father, grandfather, family.
            self.full.push_str(&self.given);
            for id in [p.father, p.grandfather] {
                self.full.push(' ');
                render_token(rng, id, sp, cc, style, &mut self.scratch, &mut self.full);
            }
            if !self.family.is_empty() && family != Some(p.father) {
                self.full.push(' ');
                self.full.push_str(&self.family);
            }
            noise.chain = true;
        } else if rng.chance(0.85) {
            self.full.push_str(&self.given);
            if !self.family.is_empty() {
                self.full.push(' ');
                self.full.push_str(&self.family);
            }
        }
        if rng.chance(opts.swap) {
            std::mem::swap(&mut self.given, &mut self.family);
            noise.swapped = true;
        }
        noise
    }
}
