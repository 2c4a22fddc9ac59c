//! Bad input must be reported precisely and never panic.

use veza_io::{ExportFormat, ImportOptions, Mapping, RecordReader, RecordWriter, RowError};

const HEADER: &str = "record_id,source,given_name,family_name,full_name,father_name,date_of_birth,sex,nationality,place_of_birth,document_type,document_number,document_country,phone,address,city,postcode,region,national_id,role";

fn read(
    name: &str,
    data: &[u8],
    opts: &ImportOptions,
) -> Vec<Result<veza_model::PersonRecord, RowError>> {
    RecordReader::from_reader(name, data, opts)
        .expect("header")
        .collect()
}

fn opts() -> ImportOptions {
    ImportOptions::new("RS-MUP")
}

#[test]
fn reads_every_canonical_column() {
    let data = format!(
        "{HEADER}\nR1,MK-MVR,Ѓорѓи,Трајковски,,Петар,1988-04-12,M,MK;AL,Скопје,P,A1234567,MK,+389 70 123 456,Партизанска 5,Skopje,1000,Centar,1204988450011,suspect\n"
    );
    let rows = read("f.csv", data.as_bytes(), &opts());
    let r = rows[0].as_ref().unwrap();
    assert_eq!(r.id, "R1");
    assert_eq!(r.provenance.agency, "MK-MVR");
    assert_eq!(r.provenance.country.unwrap().as_str(), "MK");
    assert_eq!(r.display_name(), "Ѓорѓи Трајковски");
    assert_eq!(r.nationalities.len(), 2);
    assert_eq!(r.phones, vec!["+38970123456"]);
    assert_eq!(r.documents[0].number, "A1234567");
    assert_eq!(r.addresses[0].city, "Skopje");
    assert_eq!(r.category.unwrap().as_str(), "suspect");
}

#[test]
fn bad_date_names_file_line_column_and_value() {
    let data = "record_id,given_name,family_name,date_of_birth\nR1,Ana,Kovač,1990-01-01\nR2,Ivo,Babić,31.02.1990\n";
    let rows = read("agency.csv", data.as_bytes(), &opts());
    assert!(rows[0].is_ok());
    let e = rows[1].as_ref().unwrap_err();
    assert_eq!(
        (e.file.as_str(), e.line, e.column.as_str(), e.value.as_str()),
        ("agency.csv", 3, "date_of_birth", "31.02.1990")
    );
    assert!(
        e.to_string()
            .starts_with("agency.csv:3: column date_of_birth: value \"31.02.1990\""),
        "{e}"
    );
}

#[test]
fn wrong_column_count_invalid_utf8_and_huge_field_are_row_errors() {
    let mut data = b"given_name,family_name\nAna,Kovac,extra\n".to_vec();
    data.extend_from_slice(b"B\xffad,Name\n");
    data.extend_from_slice(format!("{},Long\n", "x".repeat(10 * 1024 * 1024)).as_bytes());
    data.extend_from_slice(b"Ok,Fine\n");
    let rows = read("x.csv", &data, &opts());
    assert_eq!(rows.len(), 4);
    let errs: Vec<&RowError> = rows
        .iter()
        .take(3)
        .map(|r| r.as_ref().unwrap_err())
        .collect();
    assert!(
        errs[0].reason.contains("wrong number of columns"),
        "{}",
        errs[0]
    );
    assert_eq!(errs[0].line, 2);
    assert_eq!((errs[1].line, errs[1].column.as_str()), (3, "given_name"));
    assert!(errs[1].reason.contains("UTF-8"));
    assert_eq!(errs[2].line, 4);
    assert!(errs[2].reason.contains("longer than"), "{}", errs[2]);
    assert!(
        errs[2].value.len() < 200,
        "the message must not carry 10 MB"
    );
    assert!(rows[3].is_ok());
}

#[test]
fn empty_file_and_unknown_columns_are_refused_at_the_header() {
    let e = RecordReader::from_reader("empty.csv", &b""[..], &opts())
        .err()
        .unwrap();
    assert!(e.to_string().contains("empty file"), "{e}");
    let e = RecordReader::from_reader("h.csv", &b"vorname,nachname\nA,B\n"[..], &opts())
        .err()
        .unwrap();
    assert!(
        e.to_string().contains("h.csv:1: column vorname") && e.to_string().contains("--map"),
        "{e}"
    );
    let mut o = opts();
    o.mapping = Mapping::parse(&["vorname=given_name", "nachname=family_name"]).unwrap();
    let rows = read("h.csv", b"vorname,nachname\nA,B\n", &o);
    assert_eq!(rows[0].as_ref().unwrap().display_name(), "A B");
    assert!(Mapping::parse(&["x=nonsense"]).is_err());
}

#[test]
fn jsonl_reports_line_and_key() {
    let data = "{\"given_name\":\"Ali\",\"family_name\":\"Rezaei\",\"sex\":\"M\"}\n\n{\"given_name\":\"Sara\",\"sex\":\"Q\"}\n{broken\n";
    let rows = read("in.jsonl", data.as_bytes(), &opts());
    assert_eq!(rows.len(), 3);
    assert!(rows[0].is_ok());
    let e = rows[1].as_ref().unwrap_err();
    assert_eq!(
        (e.line, e.column.as_str(), e.value.as_str()),
        (3, "sex", "Q")
    );
    assert_eq!(rows[2].as_ref().unwrap_err().line, 4);
}

#[test]
fn csv_export_round_trips() {
    let data = format!(
        "{HEADER}\nR1,GR-HP,Γεώργιος,Παπαδόπουλος,,,1975,M,GR,Αθήνα,ID,AB123456,GR,+306912345678,,Athens,,,,witness\nR2,AF-X,,,محمد رضا احمدی,,1990-01,U,AF,,,,,,,,,,,smuggled_migrant\n"
    );
    let records: Vec<_> = read("rt.csv", data.as_bytes(), &opts())
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let mut w = RecordWriter::new(Vec::new(), ExportFormat::Csv).unwrap();
    for r in &records {
        w.write(r).unwrap();
    }
    let out = w.finish().unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), data);
    let mut w = RecordWriter::new(Vec::new(), ExportFormat::Jsonl).unwrap();
    for r in &records {
        w.write(r).unwrap();
    }
    let jsonl = w.finish().unwrap();
    let again: Vec<_> = read("rt.jsonl", &jsonl, &opts())
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(again.len(), 2);
    assert_eq!(again[1].display_name(), records[1].display_name());
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let mut data = b"given_name,family_name,date_of_birth,phone\n".to_vec();
        data.extend_from_slice(&bytes);
        for row in RecordReader::from_reader("f.csv", &data[..], &opts()).unwrap() {
            let _ = row;
        }
        if let Ok(reader) = RecordReader::from_reader("f.jsonl", &bytes[..], &opts()) {
            for row in reader { let _ = row; }
        }
    }
}
