//! vocab/ and the mapper agree: every `pfocr:` term emitted is defined in
//! vocab/pfocr.ttl and every term defined there is emitted; the JSON-LD
//! context names every property and class the output uses.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;

const PFOCR: &str = "https://w3id.org/pfocr/vocab#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// Predicates and classes of the examples' output.
fn used() -> BTreeSet<String> {
    let mut terms = BTreeSet::new();
    for dir in [root().join("examples/records")] {
        let out = run_path(&dir, &["-f", "nt"]);
        for t in oxttl::NTriplesParser::new().for_slice(&out.stdout) {
            let t = t.unwrap();
            terms.insert(t.predicate.as_str().to_owned());
            if t.predicate.as_str() == RDF_TYPE
                && let oxrdf::Term::NamedNode(n) = &t.object
            {
                terms.insert(n.as_str().to_owned());
            }
        }
    }
    terms
}

/// Every predicate and class the mapper can write: the terms of its
/// vocabulary table in a declared namespace (not the constant objects, such
/// as the CC0 licence), and what the examples use.
fn emitted() -> BTreeSet<String> {
    let mut terms = used();
    terms.extend(
        pfocr2rdf::internal::all_terms(false)
            .filter(|t| {
                pfocr2rdf::internal::iri::PREFIXES
                    .iter()
                    .any(|(_, ns)| t.len() > ns.len() && t.starts_with(ns))
            })
            .map(str::to_owned),
    );
    terms
}

fn vocabulary() -> Vec<oxrdf::Triple> {
    let ttl = std::fs::read(root().join("vocab/pfocr.ttl")).unwrap();
    oxttl::TurtleParser::new()
        .for_slice(&ttl)
        .map(|t| t.expect("vocab/pfocr.ttl parses"))
        .collect()
}

#[test]
fn every_pfocr_term_emitted_is_defined_and_every_defined_term_is_emitted() {
    let emitted: BTreeSet<String> = emitted()
        .into_iter()
        .filter(|t| t.starts_with(PFOCR))
        .collect();
    let vocab = vocabulary();
    let defined: BTreeSet<String> = vocab
        .iter()
        .filter(|t| t.predicate.as_str() == RDF_TYPE)
        .filter_map(|t| match &t.subject {
            oxrdf::NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(PFOCR) => {
                Some(n.as_str().to_owned())
            }
            _ => None,
        })
        .collect();
    let undefined: Vec<_> = emitted.difference(&defined).collect();
    let unused: Vec<_> = defined.difference(&emitted).collect();
    assert!(
        undefined.is_empty(),
        "emitted but not defined in vocab/pfocr.ttl: {undefined:?}"
    );
    assert!(
        unused.is_empty(),
        "defined in vocab/pfocr.ttl but never emitted: {unused:?}"
    );
    // Each has a label and a comment.
    for term in &defined {
        for p in [
            "http://www.w3.org/2000/01/rdf-schema#label",
            "http://www.w3.org/2000/01/rdf-schema#comment",
        ] {
            assert!(
                vocab
                    .iter()
                    .any(|t| t.subject.to_string() == format!("<{term}>")
                        && t.predicate.as_str() == p),
                "{term} has no {p}"
            );
        }
    }
}

#[test]
fn the_jsonld_context_names_every_term_the_output_uses() {
    let context: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("vocab/context.jsonld")).unwrap(),
    )
    .unwrap();
    let context = context["@context"].as_object().expect("an @context object");
    let mut prefixes = BTreeMap::new();
    for (k, v) in context {
        if let Some(iri) = v.as_str().or_else(|| v.get("@id").and_then(|i| i.as_str())) {
            prefixes.insert(k.clone(), iri.to_owned());
        }
    }
    let expand = |v: &str| -> String {
        match v.split_once(':') {
            Some((p, local)) if !local.starts_with("//") => match prefixes.get(p) {
                Some(ns) => format!("{ns}{local}"),
                None => v.to_owned(),
            },
            _ => v.to_owned(),
        }
    };
    let named: BTreeSet<String> = prefixes.values().map(|v| expand(v)).collect();
    let missing: Vec<_> = emitted()
        .into_iter()
        .filter(|t| t != RDF_TYPE && !named.contains(t))
        .collect();
    assert!(
        missing.is_empty(),
        "no term in vocab/context.jsonld for {missing:?}"
    );
    // The prefixes of MAPPING.md are all there.
    for (prefix, ns) in pfocr2rdf::internal::iri::PREFIXES {
        assert_eq!(
            prefixes.get(*prefix).map(String::as_str),
            Some(*ns),
            "prefix {prefix}"
        );
    }
}

#[test]
fn the_shapes_parse_and_only_name_emitted_properties() {
    let ttl = std::fs::read(root().join("vocab/shapes.ttl")).unwrap();
    let shapes: Vec<_> = oxttl::TurtleParser::new()
        .for_slice(&ttl)
        .map(|t| t.expect("vocab/shapes.ttl parses"))
        .collect();
    let emitted = emitted();
    for t in &shapes {
        if t.predicate.as_str() == "http://www.w3.org/ns/shacl#path"
            && let oxrdf::Term::NamedNode(p) = &t.object
        {
            assert!(
                emitted.contains(p.as_str()),
                "vocab/shapes.ttl constrains {p}, which is never emitted"
            );
        }
    }
    assert!(shapes.len() > 50);
}
