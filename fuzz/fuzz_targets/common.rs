//! Shared by the fuzz targets: serialize a figure graph in every format,
//! parse each output back and compare with the graph itself.
#![allow(dead_code)]

use std::collections::BTreeSet;

use oxrdf::NamedNode;
use pfocr2rdf::Format;
use pfocr2rdf::internal::{FigureGraph, Mapper, serializer};

/// The graph's triples as oxrdf prints them. Every IRI must be valid.
pub fn expected(g: &FigureGraph) -> BTreeSet<String> {
    g.oxrdf_triples()
        .map(|t| {
            for iri in [t.subject.to_string(), t.predicate.to_string()] {
                let iri = &iri[1..iri.len() - 1];
                NamedNode::new(iri).unwrap_or_else(|e| panic!("invalid IRI <{iri}>: {e}"));
            }
            if let oxrdf::TermRef::NamedNode(o) = t.object {
                NamedNode::new(o.as_str())
                    .unwrap_or_else(|e| panic!("invalid IRI <{}>: {e}", o.as_str()));
            }
            t.to_string()
        })
        .collect()
}

#[path = "../../tests/common/parse.rs"]
mod parse;

fn parse(format: Format, data: &[u8]) -> BTreeSet<String> {
    parse::parse_any(format, data)
        .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(data)))
}

/// Serializes `g` (already `finish`ed) in every format, twice when it is
/// small (so the separator between figures is exercised), and checks that each output
/// parses back to exactly the graph's triples.
pub fn round_trip(mapper: &Mapper, g: &FigureGraph) {
    let want = expected(g);
    assert_eq!(want.len(), g.len(), "the graph holds duplicate triples");
    let prefixes = mapper.prefixes();
    for format in Format::ALL {
        let ser = serializer(format, &prefixes);
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
