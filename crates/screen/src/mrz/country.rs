//! ICAO three-letter codes (Doc 9303 Part 3, mostly ISO 3166-1 alpha-3) to
//! the alpha-2 codes the model uses.

use veza_model::CountryCode;

/// Pairs `ALPHA3 ALPHA2`: Europe, the route's countries of origin and
/// transit, and the larger states elsewhere. `D` is Germany's one-letter
/// code; `RKS` and `UNK` are read as Kosovo (XK).
const PAIRS: &str = "\
AFG AF ALB AL DZA DZ AND AD AGO AO ARG AR ARM AM AUS AU AUT AT AZE AZ BHR BH BGD BD BLR BY \
BEL BE BEN BJ BTN BT BOL BO BIH BA BWA BW BRA BR BGR BG BFA BF BDI BI KHM KH CMR CM CAN CA \
CAF CF TCD TD CHL CL CHN CN COL CO COM KM COG CG COD CD CRI CR CIV CI HRV HR CUB CU CYP CY \
CZE CZ DNK DK DJI DJ DOM DO ECU EC EGY EG SLV SV GNQ GQ ERI ER EST EE SWZ SZ ETH ET FIN FI \
FRA FR GAB GA GMB GM GEO GE DEU DE GHA GH GRC GR GTM GT GIN GN GNB GW GUY GY HTI HT HND HN \
HUN HU ISL IS IND IN IDN ID IRN IR IRQ IQ IRL IE ISR IL ITA IT JAM JM JPN JP JOR JO KAZ KZ \
KEN KE PRK KP KOR KR KWT KW KGZ KG LAO LA LVA LV LBN LB LSO LS LBR LR LBY LY LIE LI LTU LT \
LUX LU MDG MG MWI MW MYS MY MDV MV MLI ML MLT MT MRT MR MUS MU MEX MX MDA MD MCO MC MNG MN \
MNE ME MAR MA MOZ MZ MMR MM NAM NA NPL NP NLD NL NZL NZ NIC NI NER NE NGA NG MKD MK NOR NO \
OMN OM PAK PK PSE PS PAN PA PNG PG PRY PY PER PE PHL PH POL PL PRT PT QAT QA ROU RO RUS RU \
RWA RW SAU SA SEN SN SRB RS SLE SL SGP SG SVK SK SVN SI SOM SO ZAF ZA SSD SS ESP ES LKA LK \
SDN SD SUR SR SWE SE CHE CH SYR SY TWN TW TJK TJ TZA TZ THA TH TGO TG TTO TT TUN TN TUR TR \
TKM TM UGA UG UKR UA ARE AE GBR GB USA US URY UY UZB UZ VAT VA VEN VE VNM VN YEM YE ZMB ZM \
ZWE ZW D DE RKS XK UNK XK";

/// The alpha-2 code for an ICAO three-letter nationality or issuing-state
/// code; `None` for unknown codes and for the stateless and refugee codes
/// (`XXA`, `XXB`, `XXC`, `XXX`), which name no state.
pub fn alpha3_to_alpha2(code: &str) -> Option<CountryCode> {
    let code = code.trim_matches('<');
    let mut words = PAIRS.split_ascii_whitespace();
    while let (Some(a3), Some(a2)) = (words.next(), words.next()) {
        if a3.eq_ignore_ascii_case(code) {
            return a2.parse().ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_countries_and_specials() {
        let two = |s: &str| alpha3_to_alpha2(s).map(|c| c.as_str().to_owned());
        assert_eq!(two("AFG").as_deref(), Some("AF"));
        assert_eq!(two("SRB").as_deref(), Some("RS"));
        assert_eq!(two("MKD").as_deref(), Some("MK"));
        assert_eq!(two("D<<").as_deref(), Some("DE"));
        assert_eq!(two("RKS").as_deref(), Some("XK"));
        assert_eq!(two("XXA"), None);
        assert_eq!(two("ZZZ"), None);
    }

    #[test]
    fn every_pair_is_a_valid_model_code() {
        let words: Vec<&str> = PAIRS.split_ascii_whitespace().collect();
        assert_eq!(words.len() % 2, 0);
        for pair in words.chunks(2) {
            assert!(pair[1].parse::<CountryCode>().is_ok(), "{pair:?}");
        }
    }
}
