//! Shared by the fuzz targets: serialize a figure graph in every format,
//! parse each output back and compare with the graph itself.
#![allow(dead_code)]

use std::collections::BTreeSet;

use oxrdf::{Literal, NamedNode, Triple};
use pfocr2rdf::Format;
use pfocr2rdf::graph::{Datatype, FigureGraph, Term};
use pfocr2rdf::map::Mapper;

fn named(iri: &str) -> NamedNode {
    NamedNode::new(iri).unwrap_or_else(|e| panic!("invalid IRI <{iri}>: {e}"))
}

/// The graph's triples as oxrdf would print them. Every IRI must be valid.
pub fn expected(g: &FigureGraph) -> BTreeSet<String> {
    g.triples()
        .map(|[s, p, o]| {
            let o: oxrdf::Term = match o {
                Term::Iri(i) => named(i).into(),
                Term::Literal(v, Datatype::String) => Literal::new_simple_literal(v).into(),
                Term::Literal(v, dt) => Literal::new_typed_literal(v, named(dt.iri())).into(),
            };
            Triple::new(named(s.as_str()), named(p.as_str()), o).to_string()
        })
        .collect()
}

fn parse(format: Format, data: &[u8]) -> BTreeSet<String> {
    let text = String::from_utf8_lossy(data);
    let fail =
        |e: &dyn std::fmt::Display| -> ! { panic!("{format} does not parse back: {e}\n{text}") };
    let mut out = BTreeSet::new();
    match format {
        Format::Turtle => {
            for t in oxttl::TurtleParser::new().for_slice(data) {
                out.insert(t.unwrap_or_else(|e| fail(&e)).to_string());
            }
        }
        Format::NTriples => {
            for t in oxttl::NTriplesParser::new().for_slice(data) {
                out.insert(t.unwrap_or_else(|e| fail(&e)).to_string());
            }
        }
        Format::NQuads => {
            for q in oxttl::NQuadsParser::new().for_slice(data) {
                out.insert(Triple::from(q.unwrap_or_else(|e| fail(&e))).to_string());
            }
        }
        Format::TriG => {
            for q in oxttl::TriGParser::new().for_slice(data) {
                out.insert(Triple::from(q.unwrap_or_else(|e| fail(&e))).to_string());
            }
        }
        Format::JsonLd => {
            for q in oxjsonld::JsonLdParser::new().for_slice(data) {
                out.insert(Triple::from(q.unwrap_or_else(|e| fail(&e))).to_string());
            }
        }
    }
    out
}

/// Serializes `g` (already `finish`ed) in every format, twice when it is
/// small (so the separator between figures is exercised), and checks that each output
/// parses back to exactly the graph's triples.
pub fn round_trip(mapper: &Mapper, g: &FigureGraph) {
    let want = expected(g);
    assert_eq!(want.len(), g.len(), "the graph holds duplicate triples");
    let prefixes = pfocr2rdf::convert::prefixes(mapper);
    for format in Format::ALL {
        let ser = format.serializer(&prefixes);
        let mut out = Vec::new();
        ser.header(&mut out);
        ser.figure(g, &mut out);
        // Small graphs only: parsing back costs most of a run.
        if !g.is_empty() && g.len() <= 100 {
            out.extend_from_slice(ser.separator());
            ser.figure(g, &mut out);
        }
        ser.footer(&mut out);
        let got = parse(format, &out);
        if got != want {
            let missing: Vec<_> = want.difference(&got).collect();
            let extra: Vec<_> = got.difference(&want).collect();
            panic!("{format} gives another graph:\nmissing {missing:#?}\nextra {extra:#?}");
        }
    }
}
