//! The command line around the conversion: progress bar, dataset
//! description, completions, man page, version.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn ex() -> String {
    root().join("examples/records").display().to_string()
}

fn ok(o: &std::process::Output) {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
}

fn make_corpus(dir: &Path, n: usize) -> PathBuf {
    let out = dir.join(format!("corpus-{n}"));
    let st = Command::new(shared().join("tools/make-corpus"))
        .arg(&out)
        .arg(n.to_string())
        .status()
        .unwrap();
    assert!(st.success());
    out
}

/// Runs the converter with its standard error on a pseudo-terminal
/// (`script` from util-linux), returning what the terminal showed.
fn on_a_terminal(args: &[&str]) -> String {
    let mut cmd = vec![env!("CARGO_BIN_EXE_pfocr2rdf").to_owned()];
    cmd.extend(args.iter().map(|a| a.to_string()));
    let line = cmd
        .iter()
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect::<Vec<_>>()
        .join(" ");
    let o = Command::new("script")
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .env("TERM", "xterm")
        .output()
        .expect("`script` (util-linux) runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
#[ignore = "needs ../shared (make-corpus) and util-linux script"]
fn a_progress_bar_on_a_terminal_only() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = make_corpus(dir.path(), 600);
    let c = corpus.to_str().unwrap();
    let out = dir.path().join("out.nt");
    let o = out.to_str().unwrap();

    let tty = on_a_terminal(&[c, "-j", "2", "-o", o]);
    assert!(tty.contains("/600 records"), "a bar on a terminal:\n{tty}");
    assert!(tty.contains("600 records converted"), "{tty}");

    // -q: no bar (and no summary).
    let quiet = on_a_terminal(&[c, "-q", "-o", o]);
    assert!(!quiet.contains("records"), "-q shows nothing:\n{quiet}");

    // Standard error not a terminal: no bar, only the summary.
    let piped = run(&[c, "-o", o], b"");
    ok(&piped);
    let err = stderr(&piped);
    assert!(!err.contains("/600"), "{err}");
    assert!(!err.contains('\u{1b}'), "no terminal codes: {err:?}");
    assert!(
        err.lines()
            .last()
            .unwrap()
            .contains("600 records converted"),
        "{err}"
    );

    // A small run on a terminal: no bar.
    let small = on_a_terminal(&[&ex(), "-o", o]);
    assert!(!small.contains("/6 records"), "{small}");
    assert!(small.contains("6 records converted"), "{small}");
}

const VOID: &str = "http://rdfs.org/ns/void#";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCT: &str = "http://purl.org/dc/terms/";
const SH: &str = "http://www.w3.org/ns/shacl#";
const PROV: &str = "http://www.w3.org/ns/prov#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DATASET: &str = "https://w3id.org/pfocr/dataset";

/// The triples of a parsed output as (s, p, o) N-Triples terms.
fn spo(triples: &BTreeSet<String>) -> Vec<(String, String, String)> {
    triples
        .iter()
        .map(|t| {
            let t = t.trim_end_matches(" .");
            let (s, rest) = t.split_once(' ').unwrap();
            let (p, o) = rest.split_once(' ').unwrap();
            (s.to_owned(), p.to_owned(), o.to_owned())
        })
        .collect()
}

fn iri(s: &str) -> String {
    format!("<{s}>")
}

/// The description's triples: those whose subject is the dataset IRI or
/// one of its `#` nodes, or the tool.
fn description(all: &BTreeSet<String>) -> Vec<(String, String, String)> {
    spo(all)
        .into_iter()
        .filter(|(s, _, _)| {
            s.starts_with(&format!("<{DATASET}"))
                || s.starts_with("<https://w3id.org/pfocr/pfocr2rdf/")
        })
        .collect()
}

fn objects<'a>(d: &'a [(String, String, String)], s: &str, p: &str) -> Vec<&'a str> {
    d.iter()
        .filter(|t| t.0 == s && t.1 == p)
        .map(|t| t.2.as_str())
        .collect()
}

fn integer(o: &str) -> u64 {
    let v = o
        .strip_suffix(&format!("^^<{XSD}integer>"))
        .unwrap_or_else(|| panic!("{o} is an xsd:integer"));
    v.trim_matches('"').parse().unwrap()
}

/// The VoID, DCAT, Dublin Core, PROV and SHACL terms the description may
/// use, with what their vocabularies say of them: `(term, domain class the
/// subject must have, what the object must be)`. From the VoID vocabulary
/// (http://rdfs.org/ns/void#), DCAT 3, DCMI terms, PROV-O and SHACL.
fn known_terms() -> BTreeMap<String, (Option<String>, &'static str)> {
    let v = |l: &str| format!("{VOID}{l}");
    let mut m = BTreeMap::new();
    let dataset = Some(v("Dataset"));
    for l in ["triples", "entities", "distinctSubjects"] {
        m.insert(v(l), (dataset.clone(), "xsd:integer"));
    }
    m.insert(v("classPartition"), (dataset.clone(), "void:Dataset"));
    m.insert(v("class"), (dataset.clone(), "iri"));
    m.insert(v("vocabulary"), (dataset.clone(), "iri"));
    m.insert(v("exampleResource"), (dataset.clone(), "iri"));
    m.insert(v("feature"), (dataset.clone(), "iri"));
    m.insert(format!("{DCAT}keyword"), (None, "literal"));
    m.insert(format!("{DCAT}landingPage"), (None, "iri"));
    for l in ["title", "description"] {
        m.insert(format!("{DCT}{l}"), (None, "literal"));
    }
    for l in ["license", "source", "publisher"] {
        m.insert(format!("{DCT}{l}"), (None, "iri"));
    }
    m.insert(format!("{DCT}created"), (None, "xsd:dateTime"));
    m.insert(format!("{PROV}wasGeneratedBy"), (None, "prov:Activity"));
    m.insert(
        format!("{PROV}wasAssociatedWith"),
        (Some(format!("{PROV}Activity")), "prov:SoftwareAgent"),
    );
    m.insert(
        format!("{PROV}endedAtTime"),
        (Some(format!("{PROV}Activity")), "xsd:dateTime"),
    );
    m.insert(format!("{SH}declare"), (None, "sh:PrefixDeclaration"));
    m.insert(
        format!("{SH}prefix"),
        (Some(format!("{SH}PrefixDeclaration")), "string"),
    );
    m.insert(
        format!("{SH}namespace"),
        (Some(format!("{SH}PrefixDeclaration")), "xsd:anyURI"),
    );
    m.insert(
        "http://www.w3.org/2000/01/rdf-schema#label".into(),
        (None, "string"),
    );
    m.insert(
        "http://www.w3.org/2002/07/owl#versionInfo".into(),
        (None, "string"),
    );
    m
}

fn check_description(d: &[(String, String, String)]) {
    let known = known_terms();
    let classes: BTreeSet<String> = [
        format!("{VOID}Dataset"),
        format!("{DCAT}Dataset"),
        format!("{PROV}Activity"),
        format!("{PROV}SoftwareAgent"),
        format!("{SH}PrefixDeclaration"),
    ]
    .into();
    let types = |s: &str| -> BTreeSet<String> {
        objects(d, s, &iri(RDF_TYPE))
            .iter()
            .map(|o| o.trim_matches(['<', '>']).to_owned())
            .collect()
    };
    for (s, p, o) in d {
        assert!(
            !s.starts_with("_:") && !o.starts_with("_:"),
            "no blank nodes: {s} {p} {o}"
        );
        let p = p.trim_matches(['<', '>']);
        if p == RDF_TYPE {
            assert!(
                classes.contains(o.trim_matches(['<', '>'])),
                "unknown class {o}"
            );
            continue;
        }
        let (domain, range) = known.get(p).unwrap_or_else(|| panic!("unknown term {p}"));
        if let Some(domain) = domain {
            assert!(
                types(s).contains(domain),
                "{s} uses {p}: it must be a {domain}"
            );
        }
        let ok = match *range {
            "iri" => o.starts_with('<'),
            "literal" | "string" => o.starts_with('"') && !o.contains("\"^^"),
            "xsd:integer" => o.ends_with(&format!("^^<{XSD}integer>")),
            "xsd:dateTime" => o.ends_with(&format!("^^<{XSD}dateTime>")),
            "xsd:anyURI" => o.ends_with(&format!("^^<{XSD}anyURI>")),
            class => {
                let (pfx, local) = class.split_once(':').unwrap();
                let ns = match pfx {
                    "void" => VOID,
                    "prov" => PROV,
                    "sh" => SH,
                    _ => unreachable!(),
                };
                types(o).contains(&format!("{ns}{local}"))
            }
        };
        assert!(ok, "{s} {p} {o}: the object must be {range}");
    }
}

#[test]
fn void_describes_the_dump_in_every_format() {
    let mut whole_nt = run(&[&ex(), "-q", "-f", "nt"], b"");
    ok(&whole_nt);
    // void:triples counts each figure's triples (a gene label stated in two
    // figures twice): the statements written.
    let statements = lines(&whole_nt.stdout);
    let data = parse("ntriples", &std::mem::take(&mut whole_nt.stdout));
    assert!(
        statements > data.len(),
        "the examples repeat some triples across figures"
    );
    let subjects: BTreeSet<String> = spo(&data).into_iter().map(|t| t.0).collect();
    let figures: BTreeSet<&String> = subjects
        .iter()
        .filter(|s| s.starts_with("<https://pfocr.wikipathways.org/figures/") && !s.contains('#'))
        .collect();
    for format in FORMATS {
        let o = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
            .args([&ex(), "-q", "-f", format, "--void"])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        ok(&o);
        let all = parse(format, &o.stdout);
        let d = description(&all);
        // The data is unchanged, the description added.
        let rest: BTreeSet<String> = all
            .iter()
            .filter(|t| {
                !t.starts_with(&format!("<{DATASET}"))
                    && !t.starts_with("<https://w3id.org/pfocr/pfocr2rdf/")
            })
            .cloned()
            .collect();
        assert_eq!(rest, data, "{format}");
        check_description(&d);
        let ds = iri(DATASET);
        let types = objects(&d, &ds, &iri(RDF_TYPE));
        assert!(types.contains(&iri(&format!("{VOID}Dataset")).as_str()));
        assert!(types.contains(&iri(&format!("{DCAT}Dataset")).as_str()));
        assert_eq!(
            integer(objects(&d, &ds, &iri(&format!("{VOID}triples")))[0]) as usize,
            statements
        );
        assert_eq!(
            integer(objects(&d, &ds, &iri(&format!("{VOID}entities")))[0]) as usize,
            subjects.len()
        );
        let part = format!("<{DATASET}#figures>");
        assert_eq!(
            objects(&d, &ds, &iri(&format!("{VOID}classPartition"))),
            [part.as_str()]
        );
        assert_eq!(
            integer(objects(&d, &part, &iri(&format!("{VOID}entities")))[0]) as usize,
            figures.len()
        );
        assert_eq!(
            objects(&d, &part, &iri(&format!("{VOID}class"))),
            ["<https://w3id.org/pfocr/vocab#Figure>"]
        );
        assert_eq!(
            objects(&d, &ds, &iri(&format!("{DCT}license"))),
            ["<http://creativecommons.org/publicdomain/zero/1.0/>"]
        );
        assert_eq!(
            objects(&d, &ds, &iri(&format!("{DCT}created"))),
            [format!("\"2023-11-14T22:13:20Z\"^^<{XSD}dateTime>").as_str()]
        );
        for e in objects(&d, &ds, &iri(&format!("{VOID}exampleResource"))) {
            assert!(
                figures.contains(&e.to_owned()),
                "{e} is a figure of the dump"
            );
        }
        // Every vocabulary of a predicate or class in the data is listed.
        let vocabs: BTreeSet<&str> = objects(&d, &ds, &iri(&format!("{VOID}vocabulary")))
            .into_iter()
            .collect();
        for (_, p, o) in spo(&data) {
            let terms = if p == iri(RDF_TYPE) {
                vec![p, o]
            } else {
                vec![p]
            };
            for t in terms {
                let t = t.trim_matches(['<', '>']);
                let ns = &t[..t.rfind(['#', '/']).unwrap() + 1];
                let v = iri(ns.strip_suffix('#').unwrap_or(ns));
                assert!(
                    vocabs.contains(v.as_str()),
                    "{t}: {v} not in void:vocabulary {vocabs:?}"
                );
            }
        }
        // sh:declare: one declaration per prefix of the Turtle output.
        let decls = objects(&d, &ds, &iri(&format!("{SH}declare")));
        let ttl = String::from_utf8(run(&[&ex(), "-q"], b"").stdout).unwrap();
        let prefixes: Vec<(&str, &str)> = ttl
            .lines()
            .filter_map(|l| l.strip_prefix("@prefix "))
            .map(|l| {
                let (p, rest) = l.split_once(": <").unwrap();
                (p, rest.strip_suffix("> .").unwrap())
            })
            .collect();
        assert_eq!(decls.len(), prefixes.len());
        for (p, ns) in prefixes {
            let decl = format!("<{DATASET}#prefix-{p}>");
            assert!(decls.contains(&decl.as_str()));
            assert_eq!(
                objects(&d, &decl, &iri(&format!("{SH}prefix"))),
                [format!("\"{p}\"").as_str()]
            );
            assert_eq!(
                objects(&d, &decl, &iri(&format!("{SH}namespace"))),
                [format!("\"{ns}\"^^<{XSD}anyURI>").as_str()]
            );
        }
        // The tool and its version.
        let tool = format!(
            "<https://w3id.org/pfocr/pfocr2rdf/{}>",
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(
            objects(
                &d,
                &format!("<{DATASET}#conversion>"),
                &iri(&format!("{PROV}wasAssociatedWith"))
            ),
            [tool.as_str()]
        );
        assert!(
            objects(&d, &tool, "<http://www.w3.org/2000/01/rdf-schema#label>")[0]
                .contains("pfocr2rdf")
        );
        // Quads: the description is in its own graph, the dataset IRI.
        if format == "nquads" {
            for line in String::from_utf8_lossy(&o.stdout).lines() {
                if line.starts_with(&format!("<{DATASET}")) {
                    assert!(line.ends_with(&format!(" <{DATASET}> .")), "{line}");
                }
            }
        }
    }
}

#[test]
fn void_only_and_source_date_epoch_are_reproducible() {
    let go = |extra: &[&str], epoch: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
            .args([&ex(), "-q"])
            .args(extra)
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        ok(&o);
        o.stdout
    };
    let a = go(&["--void-only", "-f", "ttl", "-j", "1"], "0");
    let b = go(&["--void-only", "-f", "ttl", "-j", "3"], "0");
    assert_eq!(
        a, b,
        "byte-identical for the same SOURCE_DATE_EPOCH, any -j"
    );
    let text = String::from_utf8(a.clone()).unwrap();
    assert!(
        text.contains("\"1970-01-01T00:00:00Z\"^^xsd:dateTime"),
        "{text}"
    );
    assert_ne!(go(&["--void-only", "-f", "ttl"], "86400"), a);
    // Only the description: nothing of the figures but their IRIs as examples.
    let d = parse("turtle", &a);
    assert_eq!(description(&d).len(), d.len(), "only the description");
    check_description(&description(&d));
    let jsonld = go(&["--void-only", "-f", "jsonld"], "0");
    let v: serde_json::Value = serde_json::from_slice(&jsonld).unwrap();
    assert!(v.as_array().unwrap().len() >= 3);
    // The same description, but for the format it names.
    let feature = |t: &String| t.contains("<http://rdfs.org/ns/void#feature>");
    let j = parse("jsonld", &jsonld);
    assert_eq!(
        j.iter().filter(|t| !feature(t)).collect::<Vec<_>>(),
        d.iter().filter(|t| !feature(t)).collect::<Vec<_>>()
    );
    assert!(
        j.iter()
            .any(|t| feature(t) && t.contains("<http://www.w3.org/ns/formats/JSON-LD>"))
    );
    // An unusable SOURCE_DATE_EPOCH is a usage error.
    let o = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
        .args([&ex(), "--void"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn void_beside_shards_describes_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = format!("{}/dump/", dir.path().display());
    let o = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
        .args([
            &ex(),
            "-q",
            "-f",
            "nq",
            "--split",
            "3",
            "--void",
            "-o",
            &out,
        ])
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .unwrap();
    ok(&o);
    let mut union = BTreeSet::new();
    for i in 0..3 {
        let data = std::fs::read(format!("{out}part-{i:04}.nq")).unwrap();
        assert!(
            !String::from_utf8_lossy(&data).contains(DATASET),
            "shards hold only figures"
        );
        union.extend(parse("nquads", &data));
    }
    let void = parse("nquads", &std::fs::read(format!("{out}void.nq")).unwrap());
    check_description(&description(&void));
    let triples = description(&void)
        .into_iter()
        .find(|t| t.1 == iri(&format!("{VOID}triples")))
        .unwrap()
        .2;
    let whole = run(&[&ex(), "-q", "-f", "nq"], b"");
    assert_eq!(integer(&triples) as usize, lines(&whole.stdout));
    assert_eq!(union, parse("nquads", &whole.stdout));
}

#[test]
fn completions_and_man_page_come_from_the_clap_definition() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell], b"");
        ok(&o);
        let s = String::from_utf8(o.stdout).unwrap();
        for flag in ["split", "void-only", "schema-https", "compress", "report"] {
            assert!(s.contains(flag), "{shell} completion lacks --{flag}");
        }
    }
    let o = run(&["completions", "tcsh"], b"");
    assert_eq!(o.status.code(), Some(2));
    let man = run(&["manpage"], b"");
    ok(&man);
    let text = String::from_utf8(man.stdout).unwrap();
    assert!(
        text.starts_with(".ie \\n(.g .ds Aq \\(aq") || text.contains(".TH pfocr2rdf 1"),
        "{text}"
    );
    for flag in ["split", "void\\-only", "schema\\-https", "report"] {
        assert!(text.contains(flag), "man page lacks {flag}");
    }
    // The committed man page is the generated one.
    let committed = std::fs::read_to_string(root().join("docs/pfocr2rdf.1")).unwrap();
    assert_eq!(
        committed, text,
        "docs/pfocr2rdf.1 is stale: pfocr2rdf manpage > docs/pfocr2rdf.1"
    );
}

#[test]
fn version_names_the_vocabulary_version() {
    let ttl = std::fs::read_to_string(root().join("vocab/pfocr.ttl")).unwrap();
    let vocab = ttl
        .lines()
        .find_map(|l| l.trim().strip_prefix("owl:versionInfo \""))
        .and_then(|l| l.split('"').next())
        .unwrap();
    let o = run(&["--version"], b"");
    ok(&o);
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        format!(
            "pfocr2rdf {} (pfocr vocabulary {vocab})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
#[ignore = "needs python3"]
fn the_model_picture_is_generated_from_the_vocabulary() {
    let o = Command::new("python3")
        .arg(root().join("docs/make-model.py"))
        .output()
        .expect("python3 runs docs/make-model.py");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let committed = std::fs::read(root().join("docs/model.svg")).unwrap();
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(committed).unwrap(),
        "docs/model.svg is stale: docs/make-model.py > docs/model.svg"
    );
}
