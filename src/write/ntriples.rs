//! N-Triples and N-Quads (graph = the figure IRI): one statement a line.

use super::Serializer;
use super::escape::push_turtle_string;
use crate::graph::{Datatype, FigureGraph, Term};

pub struct NTriples {
    /// Write N-Quads: every triple in the figure's named graph.
    pub quads: bool,
}

pub(crate) fn push_term(out: &mut Vec<u8>, term: Term<'_>) {
    match term {
        Term::Iri(iri) => {
            out.push(b'<');
            out.extend_from_slice(iri.as_bytes());
            out.push(b'>');
        }
        Term::Literal(value, dt) => {
            out.push(b'"');
            push_turtle_string(out, value);
            out.push(b'"');
            if dt != Datatype::String {
                out.extend_from_slice(b"^^<");
                out.extend_from_slice(dt.iri().as_bytes());
                out.push(b'>');
            }
        }
    }
}

impl Serializer for NTriples {
    fn figure(&self, g: &FigureGraph, out: &mut Vec<u8>) {
        let name = if self.quads { g.name() } else { None };
        for [s, p, o] in g.triples() {
            push_term(out, s);
            out.push(b' ');
            push_term(out, p);
            out.push(b' ');
            push_term(out, o);
            if let Some(name) = name {
                out.push(b' ');
                push_term(out, name);
            }
            out.extend_from_slice(b" .\n");
        }
    }
}
