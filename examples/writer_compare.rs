//! Measures our serializers against `oxttl`'s on the same figure graphs
//! (the measurement behind writing RDF with our own code; README,
//! "Performance").
//!
//!     cargo run --release --example writer_compare -- DIR
//!
//! Maps every record under DIR once, then serializes all figure graphs as
//! N-Triples and Turtle with each writer and prints the time and bytes.

use std::time::Instant;

use oxrdf::{LiteralRef, NamedNodeRef, TermRef, TripleRef};
use pfocr2rdf::diag::Diagnostics;
use pfocr2rdf::graph::{FigureGraph, Term};
use pfocr2rdf::map::{Mapper, iri::PREFIXES};
use pfocr2rdf::read::{self, Source};
use pfocr2rdf::write::Format;

fn ox(term: Term<'_>) -> TermRef<'_> {
    match term {
        Term::Iri(i) => NamedNodeRef::new_unchecked(i).into(),
        Term::Literal(v, dt) => {
            LiteralRef::new_typed_literal(v, NamedNodeRef::new_unchecked(dt.iri())).into()
        }
    }
}

/// A figure graph's triples as oxrdf references (no allocation).
fn ox_triples(g: &FigureGraph) -> impl Iterator<Item = TripleRef<'_>> {
    g.triples().map(|[s, p, o]| {
        let (Term::Iri(s), Term::Iri(p)) = (s, p) else {
            unreachable!("subjects and predicates are IRIs")
        };
        TripleRef::new(
            NamedNodeRef::new_unchecked(s),
            NamedNodeRef::new_unchecked(p),
            ox(o),
        )
    })
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: writer_compare DIR");
    let mut report = Diagnostics::default();
    let mapper = Mapper::new(false);
    let mut graphs = Vec::new();
    for source in read::discover(&[dir.into()], &mut report) {
        let Source::File { path, companions } = source else {
            continue;
        };
        if let Some(record) = read::load_file(&path, &companions, &mut report) {
            let mut g = FigureGraph::new();
            if mapper.map(&record, &mut g, &mut report).is_some() {
                g.finish();
                graphs.push(g);
            }
        }
    }
    let triples: usize = graphs.iter().map(|g| g.len()).sum();
    println!("{} figures, {triples} triples", graphs.len());
    for format in [Format::NTriples, Format::Turtle] {
        let ours = format.serializer(PREFIXES);
        let start = Instant::now();
        let mut bytes = 0;
        let mut out = Vec::new();
        for g in &graphs {
            out.clear();
            ours.figure(g, &mut out);
            bytes += out.len();
        }
        let t_ours = start.elapsed().as_secs_f64();

        let start = Instant::now();
        let mut ox_bytes = 0;
        for g in &graphs {
            out.clear();
            // One serializer per figure, as a parallel writer needs.
            match format {
                Format::NTriples => {
                    let mut s = oxttl::NTriplesSerializer::new().for_writer(&mut out);
                    for t in ox_triples(g) {
                        s.serialize_triple(t).unwrap();
                    }
                    s.finish();
                }
                _ => {
                    let mut builder = oxttl::TurtleSerializer::new();
                    for (p, ns) in PREFIXES {
                        builder = builder.with_prefix(*p, *ns).unwrap();
                    }
                    let mut s = builder.for_writer(&mut out);
                    for t in ox_triples(g) {
                        s.serialize_triple(t).unwrap();
                    }
                    s.finish().unwrap();
                }
            }
            ox_bytes += out.len();
        }
        let t_ox = start.elapsed().as_secs_f64();
        println!(
            "{format}: ours {t_ours:.3} s ({:.1} M triples/s, {bytes} bytes); oxttl {t_ox:.3} s ({:.1} M triples/s, {ox_bytes} bytes); oxttl/ours = {:.2}",
            triples as f64 / t_ours / 1e6,
            triples as f64 / t_ox / 1e6,
            t_ox / t_ours
        );
    }
}
