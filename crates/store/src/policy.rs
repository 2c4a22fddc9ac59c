//! Who may see and do what. One module, so that every route and command asks
//! the same questions; the store applies it at its choke point.

use veza_model::{HandlingCode, SubjectCategory, UserRole};

use crate::Actor;

/// Roles that work with person records (search, read).
pub fn may_read_records(role: UserRole) -> bool {
    matches!(
        role,
        UserRole::Investigator
            | UserRole::Analyst
            | UserRole::VictimSupport
            | UserRole::LiaisonOfficer
    )
}

/// Roles that may bring agency files into the store.
pub fn may_import(role: UserRole) -> bool {
    matches!(
        role,
        UserRole::Investigator | UserRole::LiaisonOfficer | UserRole::VictimSupport
    )
}

/// Roles that may export records in bulk.
pub fn may_export(role: UserRole) -> bool {
    matches!(role, UserRole::Investigator)
}

/// Who creates, updates and deletes alerts: investigators and liaison
/// officers (the SIRENE function). Border officers only check against them.
pub fn may_manage_alerts(role: UserRole) -> bool {
    matches!(role, UserRole::Investigator | UserRole::LiaisonOfficer)
}

/// Only auditors read the audit log (LED Art. 25: logs serve self-monitoring).
pub fn may_read_audit(role: UserRole) -> bool {
    role == UserRole::Auditor
}

/// Only administrators manage accounts.
pub fn may_manage_accounts(role: UserRole) -> bool {
    role == UserRole::Admin
}

/// Victims and presumed victims are visible to victim support only: a victim
/// must never surface in an investigator's search as if a suspect.
pub fn may_see_victims(role: UserRole) -> bool {
    role == UserRole::VictimSupport
}

/// Whether `actor` may see a record with these attributes. H3 records (other
/// restrictions) stay within the providing agency; H2 records (not to be
/// disseminated without permission) within the providing country.
pub fn may_see_record(
    actor: &Actor,
    category: Option<SubjectCategory>,
    handling: HandlingCode,
    agency: &str,
    country: Option<&str>,
) -> bool {
    let same_agency = agency == actor.agency;
    let same_country = country.is_some() && country == actor.country.as_deref();
    may_read_records(actor.role)
        && (may_see_victims(actor.role) || !category.is_some_and(SubjectCategory::is_victim))
        && match handling {
            HandlingCode::H3 => same_agency,
            HandlingCode::H2 => same_agency || same_country,
            HandlingCode::H0 | HandlingCode::H1 => true,
        }
}

/// Years until a record must be reviewed for continued storage (LED Art. 5),
/// by data-subject category. Data on people who are not suspected of
/// anything is reviewed soonest; national law may shorten these.
pub fn review_years(category: Option<SubjectCategory>) -> u8 {
    match category {
        Some(SubjectCategory::Convicted) => 5,
        Some(SubjectCategory::Suspect) => 3,
        // Victims keep their protection file while assistance may run.
        Some(SubjectCategory::Victim | SubjectCategory::PresumedVictim) => 3,
        Some(
            SubjectCategory::Witness
            | SubjectCategory::Associate
            | SubjectCategory::SmuggledMigrant
            | SubjectCategory::Other,
        )
        | None => 1,
    }
}

/// Who may review (keep or delete) a record: its own agency's investigators,
/// and victim support for victims' records.
pub fn may_review(actor: &Actor, category: Option<SubjectCategory>, agency: &str) -> bool {
    let victim = category.is_some_and(SubjectCategory::is_victim);
    agency == actor.agency
        && if victim {
            actor.role == UserRole::VictimSupport
        } else {
            actor.role == UserRole::Investigator
        }
}

/// Who runs entity resolution over the whole store. The run reads every
/// record, victims included (the same victim in a police report and a
/// shelter's file must become one person), and writes only record ids,
/// weights and person ids; what each user then sees of a person is filtered
/// by [`may_see_record`].
pub fn may_resolve(role: UserRole) -> bool {
    role == UserRole::Investigator
}

/// Who decides whether two records are one person: the roles that work
/// with records case by case (analysts work with aggregates).
pub fn may_judge(role: UserRole) -> bool {
    matches!(
        role,
        UserRole::Investigator | UserRole::VictimSupport | UserRole::LiaisonOfficer
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn victims_are_hidden_from_everyone_but_victim_support() {
        for role in UserRole::ALL {
            let actor = Actor::new("u", *role, "RS-MUP");
            let sees = may_see_record(
                &actor,
                Some(SubjectCategory::PresumedVictim),
                HandlingCode::H0,
                "RS-MUP",
                Some("RS"),
            );
            assert_eq!(sees, *role == UserRole::VictimSupport, "{role}");
        }
    }

    #[test]
    fn h3_stays_in_the_agency_and_admins_see_no_records() {
        let inv = Actor::new("u", UserRole::Investigator, "RS-MUP").in_country("RS");
        assert!(may_see_record(
            &inv,
            None,
            HandlingCode::H3,
            "RS-MUP",
            Some("RS")
        ));
        assert!(!may_see_record(
            &inv,
            None,
            HandlingCode::H3,
            "RS-BP",
            Some("RS")
        ));
        assert!(
            may_see_record(&inv, None, HandlingCode::H2, "RS-BP", Some("RS")),
            "H2 stays in the country"
        );
        assert!(!may_see_record(
            &inv,
            None,
            HandlingCode::H2,
            "MK-MVR",
            Some("MK")
        ));
        assert!(may_see_record(
            &inv,
            None,
            HandlingCode::H1,
            "MK-MVR",
            Some("MK")
        ));
        let admin = Actor::new("a", UserRole::Admin, "RS-MUP");
        assert!(!may_see_record(
            &admin,
            None,
            HandlingCode::H0,
            "RS-MUP",
            Some("RS")
        ));
    }
}
