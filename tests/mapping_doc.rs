//! docs/mapping.md keeps up with the mapper: every predicate and class
//! (rdf:type object) of the golden output examples/expected/records.nt, and
//! every `pfocr:` term vocab/pfocr.ttl defines, is named in docs/mapping.md
//! as a prefixed name (`schema:mentions`, `pfocr:GeneMention`), with the
//! prefixes of the golden Turtle file. Needs only the repository.

use std::collections::BTreeSet;
use std::path::PathBuf;

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const PFOCR: &str = "https://w3id.org/pfocr/vocab#";

fn read(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `(prefix, namespace)` from the `@prefix` lines of the golden Turtle file,
/// longest namespace first so the most specific prefix wins.
fn prefixes() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = read("examples/expected/records.ttl")
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("@prefix ")?;
            let (prefix, rest) = rest.split_once(':')?;
            let ns = rest.trim().strip_prefix('<')?.split_once('>')?.0;
            Some((prefix.to_owned(), ns.to_owned()))
        })
        .collect();
    assert!(out.len() > 10, "no @prefix lines in records.ttl");
    out.sort_by_key(|(_, ns)| std::cmp::Reverse(ns.len()));
    out
}

fn compact(iri: &str, prefixes: &[(String, String)]) -> String {
    prefixes
        .iter()
        .find_map(|(p, ns)| iri.strip_prefix(ns.as_str()).map(|l| format!("{p}:{l}")))
        .unwrap_or_else(|| panic!("no prefix for <{iri}> in records.ttl"))
}

/// Whether `doc` names `term` as a whole word (`schema:name` is not found
/// in `schema:nameX`).
fn names(doc: &str, term: &str) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    doc.match_indices(term).any(|(i, _)| {
        let before = doc[..i].chars().next_back();
        let after = doc[i + term.len()..].chars().next();
        !before.is_some_and(|c| is_word(c) || c == ':') && !after.is_some_and(is_word)
    })
}

/// Predicates and classes of the golden N-Triples.
fn golden_terms() -> BTreeSet<String> {
    let nt = read("examples/expected/records.nt");
    let mut terms = BTreeSet::new();
    for t in oxttl::NTriplesParser::new().for_slice(nt.as_bytes()) {
        let t = t.expect("records.nt parses");
        terms.insert(t.predicate.as_str().to_owned());
        if t.predicate.as_str() == RDF_TYPE
            && let oxrdf::Term::NamedNode(n) = &t.object
        {
            terms.insert(n.as_str().to_owned());
        }
    }
    terms
}

/// The `pfocr:` terms vocab/pfocr.ttl defines (subjects of `rdf:type`).
fn vocabulary_terms() -> BTreeSet<String> {
    let ttl = read("vocab/pfocr.ttl");
    oxttl::TurtleParser::new()
        .for_slice(ttl.as_bytes())
        .map(|t| t.expect("vocab/pfocr.ttl parses"))
        .filter(|t| t.predicate.as_str() == RDF_TYPE)
        .filter_map(|t| match t.subject {
            oxrdf::NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(PFOCR) => {
                Some(n.into_string())
            }
            _ => None,
        })
        .collect()
}

fn missing(terms: BTreeSet<String>) -> Vec<String> {
    let doc = read("docs/mapping.md");
    let prefixes = prefixes();
    terms
        .iter()
        .map(|t| compact(t, &prefixes))
        .filter(|t| !names(&doc, t))
        .collect()
}

#[test]
fn every_predicate_and_class_of_the_golden_output_is_in_the_mapping_doc() {
    let terms = golden_terms();
    assert!(terms.len() > 40, "only {} terms in records.nt", terms.len());
    let missing = missing(terms);
    assert!(
        missing.is_empty(),
        "used in examples/expected/records.nt but not named in docs/mapping.md: {missing:?}"
    );
}

#[test]
fn every_pfocr_term_of_the_vocabulary_is_in_the_mapping_doc() {
    let terms = vocabulary_terms();
    assert!(
        terms.len() > 20,
        "only {} terms in vocab/pfocr.ttl",
        terms.len()
    );
    let missing = missing(terms);
    assert!(
        missing.is_empty(),
        "defined in vocab/pfocr.ttl but not named in docs/mapping.md: {missing:?}"
    );
}

#[test]
fn a_term_counts_only_as_a_whole_word() {
    assert!(names("`schema:name` and", "schema:name"));
    assert!(!names("`schema:nameX`", "schema:name"));
    assert!(!names("`xschema:name`", "schema:name"));
    assert!(names("(schema:name)", "schema:name"));
}
