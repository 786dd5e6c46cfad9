//! `pfocr:sourceDigest`: it follows the recipe of `vocab/README.md`, and
//! changes exactly when an input byte, the mapping version or an option that
//! changes triples changes; the output format, `-j` and the folder's place
//! do not change it.

use std::path::{Path, PathBuf};
use std::process::Command;

use pfocr2rdf::internal::VOCAB_VERSION;
use pfocr2rdf::{Converter, Format, Options, RecordText, internal::Kind};
use sha2::{Digest, Sha256};

const FIGURE: &str = "examples/records/pfocr-database/_figures/PMC5883377__CN-16-151_F1B.md";
const DATA: &str = "examples/records/pfocr-database/_data/PMC5883377__CN-16-151_F1B";

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The recipe of `vocab/README.md`, written out independently.
fn recipe(parts: &[(&str, &[u8])], schema_ns: &str) -> String {
    let mut inputs = Sha256::new();
    for (label, bytes) in parts {
        inputs.update(format!("{label} {}\n", bytes.len()));
        inputs.update(bytes);
    }
    let text = format!(
        "pfocr2rdf source digest 1\nmapping {VOCAB_VERSION}\nschema.org {schema_ns}\ninputs {}\n",
        hex(&inputs.finalize())
    );
    hex(&Sha256::digest(text.as_bytes()))
}

/// A named change to the inputs.
type Edit = (&'static str, fn(&mut Inputs));

struct Inputs {
    front: String,
    genes: String,
    chemicals: String,
    diseases: String,
}

fn inputs() -> Inputs {
    Inputs {
        front: read(FIGURE),
        genes: read(&format!("{DATA}-genes.tsv")),
        chemicals: read(&format!("{DATA}-chemicals.tsv")),
        diseases: read(&format!("{DATA}-diseases.tsv")),
    }
}

fn digest_with(i: &Inputs, schema_https: bool) -> String {
    let options = Options {
        schema_https,
        ..Options::default()
    };
    let text = RecordText::new("f.md", &i.front)
        .companion(Kind::Genes, "g.tsv", &i.genes)
        .companion(Kind::Chemicals, "c.tsv", &i.chemicals)
        .companion(Kind::Diseases, "d.tsv", &i.diseases);
    let figure = Converter::new(&options).convert(&text).expect("converts");
    figure.source_digest().to_owned()
}

fn digest(i: &Inputs) -> String {
    digest_with(i, false)
}

#[test]
fn the_digest_follows_the_documented_recipe() {
    let i = inputs();
    let parts: [(&str, &[u8]); 4] = [
        ("record", i.front.as_bytes()),
        ("genes.tsv", i.genes.as_bytes()),
        ("chemicals.tsv", i.chemicals.as_bytes()),
        ("diseases.tsv", i.diseases.as_bytes()),
    ];
    assert_eq!(digest(&i), recipe(&parts, "http://schema.org/"));
    assert_eq!(digest_with(&i, true), recipe(&parts, "https://schema.org/"));
}

#[test]
fn every_input_byte_changes_the_digest_and_nothing_else_does() {
    let base = inputs();
    let d0 = digest(&base);
    assert_eq!(d0.len(), 64);
    assert!(
        d0.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    assert_eq!(digest(&inputs()), d0, "equal inputs, equal digests");

    let edits: [Edit; 6] = [
        ("a caption byte", |i| {
            i.front = i.front.replacen("a", "b", 1)
        }),
        ("a byte of the Markdown body", |i| i.front.push('\n')),
        ("a genes TSV byte", |i| {
            i.genes = i.genes.replacen('1', "2", 1)
        }),
        ("a chemicals TSV byte", |i| i.chemicals.push('\n')),
        ("a diseases TSV byte", |i| {
            i.diseases = i.diseases.replacen("D", "E", 1)
        }),
        ("moving bytes between the record and a companion", |i| {
            let c = i.genes.remove(0);
            i.front.push(c);
        }),
    ];
    for (what, edit) in edits {
        let mut i = inputs();
        edit(&mut i);
        assert_ne!(digest(&i), d0, "{what} must change the digest");
    }
    assert_ne!(digest_with(&base, true), d0, "--schema-https changes it");
}

#[test]
fn a_missing_companion_changes_the_digest() {
    let i = inputs();
    let full = digest(&i);
    let text = RecordText::new("f.md", &i.front)
        .companion(Kind::Genes, "g.tsv", &i.genes)
        .companion(Kind::Chemicals, "c.tsv", &i.chemicals);
    let fewer = Converter::new(&Options::default()).convert(&text).unwrap();
    assert_ne!(fewer.source_digest(), full);
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pfocr2rdf")
}

/// `figure IRI → digest` from the binary's N-Triples output.
fn digests_of(args: &[&str], input: &Path) -> Vec<(String, String)> {
    let out = Command::new(bin())
        .args(args)
        .arg(input)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut found: Vec<(String, String)> = text
        .lines()
        .filter(|l| l.contains("<https://w3id.org/pfocr/vocab#sourceDigest>"))
        .map(|l| {
            let s = l.split(' ').next().unwrap().to_owned();
            let d = l.split('"').nth(1).unwrap().to_owned();
            (s, d)
        })
        .collect();
    found.sort();
    found
}

#[test]
fn the_binary_writes_the_library_digest_whatever_the_jobs_and_folder() {
    let records = Path::new("examples/records");
    let one = digests_of(&["-f", "nt", "-j", "1"], records);
    assert_eq!(one.len(), 6, "one digest per example figure: {one:?}");
    assert_eq!(digests_of(&["-f", "nq", "-j", "2"], records), one);

    // The same files elsewhere: the same digests.
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(records, &tmp.path().join("moved"));
    assert_eq!(digests_of(&["-f", "nt"], &tmp.path().join("moved")), one);

    let i = inputs();
    let f = "<https://pfocr.wikipathways.org/figures/PMC5883377__CN-16-151_F1B.html>";
    let want = one
        .iter()
        .find(|(s, _)| *s == f)
        .expect("the figure")
        .1
        .clone();
    assert_eq!(digest(&i), want, "binary and library agree");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest: PathBuf = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn every_format_carries_the_digest() {
    for format in [Format::Turtle, Format::TriG, Format::JsonLd, Format::NQuads] {
        let out = Command::new(bin())
            .args(["-f", format.name(), "examples/records"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("sourceDigest"),
            "{}: no sourceDigest",
            format.name()
        );
    }
}
