//! Vehicle plates, streets and postcodes of the places people live in.

use crate::person::fill_shape;
use crate::rng::Rng;

/// Vehicle plate in the country's format.
pub(super) fn write_plate(rng: &mut Rng, cc: &str, out: &mut String) {
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
pub(super) fn street(cc: &str, rng: &mut Rng) -> &'static str {
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
pub(super) fn postcode(city: &str) -> Option<(&'static str, &'static str)> {
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
