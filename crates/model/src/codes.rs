//! Closed vocabularies: each code has one canonical spelling used in files,
//! the database and the API, plus the aliases importers meet in the wild.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Expected;
use crate::{Error, Result};

/// Declares a closed vocabulary: canonical code, accepted aliases (matched
/// case-insensitively), `FromStr`, `Display` and string serde.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal, {
        $($(#[$vmeta:meta])* $variant:ident => $code:literal $(| $alias:literal)*,)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            const CODES: &'static [&'static str] = &[$($code),+];

            /// The canonical code.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                let t = s.trim();
                $(
                    if t.eq_ignore_ascii_case($code) $(|| t.eq_ignore_ascii_case($alias))* {
                        return Ok($name::$variant);
                    }
                )+
                Err(Error::InvalidCode { kind: $kind, value: s.to_owned(), expected: Expected(Self::CODES) })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let s = std::borrow::Cow::<str>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

code_enum! {
    /// Europol SIENA handling codes: what the receiver may do with the data.
    HandlingCode, "handling code", {
        /// Use only to prevent or combat crime.
        H0 => "H0" | "h0",
        /// Not to be disclosed in judicial proceedings without the provider's permission.
        H1 => "H1",
        /// Not to be disseminated further without the provider's permission.
        H2 => "H2",
        /// Other restrictions, stated with the record.
        H3 => "H3",
    }
}

impl Default for HandlingCode {
    /// Records enter as H0 unless the provider restricts them.
    fn default() -> Self {
        HandlingCode::H0
    }
}

code_enum! {
    /// Sex as recorded. `U` covers unknown and unspecified (ICAO `<` and `X`).
    Sex, "sex", {
        /// Male.
        Male => "M" | "male" | "m" | "м" | "муж" | "Α" | "ذكر",
        /// Female.
        Female => "F" | "female" | "ж" | "Ж" | "Θ" | "أنثى" | "W",
        /// Unknown or unspecified.
        Unknown => "U" | "X" | "<" | "unknown",
    }
}

code_enum! {
    /// Data-subject category after LED Art. 6. It belongs to a person's link to
    /// a case or event, never to the person: one can be a victim in one case
    /// and a witness in another.
    SubjectCategory, "data-subject category", {
        /// Serious grounds to believe the person committed or is about to commit an offence.
        Suspect => "suspect",
        /// Convicted of an offence.
        Convicted => "convicted",
        /// A victim of an offence.
        Victim => "victim",
        /// A person who may be a victim (presumed victim of trafficking).
        PresumedVictim => "presumed_victim" | "presumed victim" | "potential_victim",
        /// A witness.
        Witness => "witness",
        /// A contact or associate of a suspect.
        Associate => "associate" | "contact",
        /// A smuggled migrant: the object of smuggling, not an offender (Smuggling Protocol Art. 5).
        SmuggledMigrant => "smuggled_migrant" | "smuggled migrant" | "migrant",
        /// Any other party.
        Other => "other",
    }
}

impl SubjectCategory {
    /// Victims and presumed victims get the protections of the Trafficking
    /// Protocol and are never presented as suspects.
    pub fn is_victim(self) -> bool {
        matches!(
            self,
            SubjectCategory::Victim | SubjectCategory::PresumedVictim
        )
    }
}

code_enum! {
    /// What a user of veza does; the basis of every authorization decision.
    UserRole, "role", {
        /// Checks persons, documents and vehicles at a crossing point.
        BorderOfficer => "border_officer",
        /// Works cases and networks.
        Investigator => "investigator",
        /// Analyses trends and networks, pseudonymised unless assigned.
        Analyst => "analyst",
        /// Victim-support case worker.
        VictimSupport => "victim_support",
        /// Exchanges information with neighbouring countries.
        LiaisonOfficer => "liaison_officer",
        /// Reads the audit log.
        Auditor => "auditor",
        /// Manages accounts; sees no personal data by virtue of the role.
        Admin => "admin",
    }
}

code_enum! {
    /// Identity document types (ICAO 9303 first letters and common national ones).
    DocumentType, "document type", {
        /// Passport.
        Passport => "P" | "passport",
        /// National identity card.
        IdCard => "ID" | "I" | "id_card",
        /// Residence permit.
        ResidencePermit => "RP" | "residence_permit",
        /// Travel document (refugee or stateless).
        TravelDocument => "TD" | "travel_document",
        /// Driving licence.
        DrivingLicence => "DL" | "driving_licence",
        /// Any other document.
        Other => "OTHER",
    }
}

code_enum! {
    /// SIS alert categories (Regulations (EU) 2018/1860, 2018/1861, 2018/1862).
    AlertCategory, "alert category", {
        /// Arrest for surrender or extradition (2018/1862 Art. 26).
        Arrest => "arrest",
        /// Missing person (Art. 32).
        MissingPerson => "missing_person",
        /// Vulnerable person to be prevented from travelling (Art. 32).
        VulnerablePerson => "vulnerable_person",
        /// Potential victim of trafficking to be protected (Art. 32).
        PotentialTraffickingVictim => "potential_trafficking_victim",
        /// Sought for a judicial procedure (Art. 34).
        JudicialProcedure => "judicial_procedure",
        /// Discreet check (Art. 36).
        DiscreetCheck => "discreet_check",
        /// Inquiry check (Art. 36).
        InquiryCheck => "inquiry_check",
        /// Specific check (Art. 36).
        SpecificCheck => "specific_check",
        /// Refusal of entry and stay (2018/1861 Art. 24).
        RefusalOfEntry => "refusal_of_entry",
        /// Return (2018/1860 Art. 3).
        Return => "return",
        /// Issued identity document reported stolen (Art. 38).
        DocumentStolen => "document_stolen",
        /// Issued identity document reported lost.
        DocumentLost => "document_lost",
        /// Issued identity document invalidated.
        DocumentInvalidated => "document_invalidated",
        /// Blank official document.
        BlankDocument => "blank_document",
        /// Motor vehicle.
        Vehicle => "vehicle",
        /// Number plate.
        NumberPlate => "number_plate",
        /// Firearm.
        Firearm => "firearm",
    }
}

impl AlertCategory {
    /// Alerts that exist to protect the person: a hit is a protection
    /// referral, never presented as "wanted".
    pub fn is_protective(self) -> bool {
        matches!(
            self,
            AlertCategory::MissingPerson
                | AlertCategory::VulnerablePerson
                | AlertCategory::PotentialTraffickingVictim
        )
    }

    /// What the officer does on a hit when the issuing authority wrote no
    /// action: the default follow-up of the category (SIRENE manual).
    pub fn default_action(self) -> &'static str {
        use AlertCategory::*;
        match self {
            Arrest => "arrest the person and contact SIRENE at once",
            MissingPerson => {
                "locate and protect the person; inform SIRENE; do not disclose whereabouts without consent"
            }
            VulnerablePerson => {
                "prevent the journey, place the person in safety and contact SIRENE"
            }
            PotentialTraffickingVictim => {
                "refer to victim support, place the person in safety and contact SIRENE; do not treat as an offender"
            }
            JudicialProcedure => "communicate the place of residence or domicile to SIRENE",
            DiscreetCheck => {
                "record the check discreetly and report to SIRENE; do not alert the person"
            }
            InquiryCheck => "interview the person and report to SIRENE",
            SpecificCheck => "search the person and objects carried and report to SIRENE",
            RefusalOfEntry => "refuse entry and record the refusal",
            Return => "verify compliance with the return decision and inform SIRENE",
            DocumentStolen | DocumentLost | DocumentInvalidated | BlankDocument => {
                "seize the document and contact SIRENE"
            }
            Vehicle | NumberPlate => "seize the vehicle or plate and contact SIRENE",
            Firearm => "seize the firearm and contact SIRENE",
        }
    }

    /// Whether the alert is on a person (as opposed to an object).
    pub fn is_person(self) -> bool {
        (self as u8) <= (AlertCategory::Return as u8)
    }

    /// Years until review after Regulation 2018/1862 Art. 53 and 2018/1861 Art. 39.
    pub fn review_years(self) -> u8 {
        use AlertCategory::*;
        match self {
            Arrest | MissingPerson => 5,
            JudicialProcedure | RefusalOfEntry | Return => 3,
            VulnerablePerson
            | PotentialTraffickingVictim
            | DiscreetCheck
            | InquiryCheck
            | SpecificCheck => 1,
            DocumentStolen | DocumentLost | DocumentInvalidated | BlankDocument | Vehicle
            | NumberPlate | Firearm => 10,
        }
    }
}

code_enum! {
    /// SIS warning markers (2018/1862 Art. 20(3)(j)).
    WarningMarker, "warning marker", {
        /// Armed.
        Armed => "armed",
        /// Violent.
        Violent => "violent",
        /// Absconded or escaped.
        Escaped => "escaped" | "absconded",
        /// Suicide risk.
        SuicideRisk => "suicide_risk",
        /// Threat to public health.
        PublicHealth => "public_health",
        /// Involved in terrorist activity.
        Terrorism => "terrorism",
    }
}

code_enum! {
    /// Kinds of relation edges between entities.
    RelationKind, "relation kind", {
        /// Travelled together.
        TravelledWith => "travelled_with",
        /// Phone contact.
        Called => "called",
        /// Payment.
        Paid => "paid",
        /// Drove a vehicle or a person.
        Drove => "drove",
        /// Harboured in a safe house.
        Harboured => "harboured",
        /// Recruited.
        Recruited => "recruited",
        /// Transported.
        Transported => "transported",
        /// Exploited.
        Exploited => "exploited",
        /// Organised a journey or group.
        Organised => "organised",
        /// Member of a group.
        MemberOf => "member_of",
        /// Uses a phone, vehicle or account.
        Uses => "uses",
        /// Related by family.
        FamilyOf => "family_of",
    }
}

impl RelationKind {
    /// Symmetric relations have no meaningful direction.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            RelationKind::TravelledWith | RelationKind::Called | RelationKind::FamilyOf
        )
    }
}

/// ISO 3166-1 alpha-2 codes plus XK (Kosovo, user-assigned and used by the EU).
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS \
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK \
FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM \
JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS \
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM \
US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// An ISO 3166-1 alpha-2 country code (XK for Kosovo), upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// The two letters.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for CountryCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim().as_bytes();
        let bad = || Error::InvalidCode {
            kind: "country code",
            value: s.to_owned(),
            expected: Expected(&[
                "an ISO 3166-1 alpha-2 code such as RS, MK, GR, AF, SY, or XK for Kosovo",
            ]),
        };
        let [a, b] = t else { return Err(bad()) };
        let code = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
        // COUNTRIES is sorted, three bytes per code: binary search, no allocation.
        let table = COUNTRIES.as_bytes();
        let (mut lo, mut hi) = (0, table.len().div_ceil(3));
        while lo < hi {
            let mid = (lo + hi) / 2;
            match table[mid * 3..mid * 3 + 2].cmp(&code[..]) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(CountryCode(code)),
            }
        }
        Err(bad())
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_accept_aliases() {
        for c in SubjectCategory::ALL {
            assert_eq!(c.as_str().parse::<SubjectCategory>().unwrap(), *c);
        }
        assert_eq!(
            "presumed victim".parse::<SubjectCategory>().unwrap(),
            SubjectCategory::PresumedVictim
        );
        assert_eq!("ж".parse::<Sex>().unwrap(), Sex::Female);
        assert_eq!(" h2 ".parse::<HandlingCode>().unwrap(), HandlingCode::H2);
        let err = "H7".parse::<HandlingCode>().unwrap_err().to_string();
        assert!(err.contains("H0, H1, H2, H3"), "{err}");
    }

    #[test]
    fn countries_include_kosovo_and_refuse_unknown() {
        assert_eq!("xk".parse::<CountryCode>().unwrap().as_str(), "XK");
        assert_eq!("MK".parse::<CountryCode>().unwrap().as_str(), "MK");
        assert!("YU".parse::<CountryCode>().is_err());
        assert!("SRB".parse::<CountryCode>().is_err());
        let codes: Vec<&str> = COUNTRIES.split_ascii_whitespace().collect();
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "the table must stay sorted"
        );
        assert_eq!(COUNTRIES.len(), codes.len() * 3 - 1, "three bytes per code");
        for c in codes {
            assert_eq!(c.to_lowercase().parse::<CountryCode>().unwrap().as_str(), c);
        }
    }

    #[test]
    fn alert_categories_know_persons_and_protection() {
        assert!(AlertCategory::Return.is_person());
        assert!(!AlertCategory::DocumentStolen.is_person());
        assert!(AlertCategory::PotentialTraffickingVictim.is_protective());
        assert!(!AlertCategory::Arrest.is_protective());
    }
}
