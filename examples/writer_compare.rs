//! Measures our serializers against `oxttl`'s on the same figure graphs
//! (the measurement behind writing RDF with our own code; README,
//! "Performance").
//!
//!     cargo run --release --example writer_compare -- DIR
//!
//! Maps every record under DIR once, then serializes all figure graphs as
//! N-Triples and Turtle with each writer and prints the time and bytes.

use std::time::Instant;

use pfocr2rdf::Format;
use pfocr2rdf::internal::{
    Diagnostics, FigureGraph, Files, Found, Mapper, Source, load_file, serializer,
};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: writer_compare DIR");
    let mut diags = Diagnostics::default();
    let mapper = Mapper::new(false);
    let prefixes = mapper.prefixes();
    let mut graphs = Vec::new();
    let mut files = Files::default();
    for found in pfocr2rdf::internal::Discovery::new(&[dir.into()]) {
        let Found::Source(Source::File { path, companions }) = found else {
            continue;
        };
        if let Some(record) = load_file(&path, &companions, &mut files, &mut diags) {
            let mut g = FigureGraph::new();
            if mapper.map(&record, &mut g, &mut diags).is_some() {
                g.finish();
                graphs.push(g);
            }
        }
    }
    let triples: usize = graphs.iter().map(|g| g.len()).sum();
    println!("{} figures, {triples} triples", graphs.len());
    for format in [Format::NTriples, Format::Turtle] {
        let ours = serializer(format, &prefixes);
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
                    for t in g.oxrdf_triples() {
                        s.serialize_triple(t).unwrap();
                    }
                    s.finish();
                }
                _ => {
                    let mut builder = oxttl::TurtleSerializer::new();
                    for (p, ns) in &prefixes {
                        builder = builder.with_prefix(*p, *ns).unwrap();
                    }
                    let mut s = builder.for_writer(&mut out);
                    for t in g.oxrdf_triples() {
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
