//! N-Triples and N-Quads (graph = the figure IRI): one statement a line.

use super::Serializer;
use super::escape::push_turtle_string;
use super::rendered::Rendered;
use crate::graph::{Datatype, FigureGraph, Id, Term, Triple};

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

/// Writes `triples` of `g` as N-Triples lines, or N-Quads lines in graph
/// `graph`.
pub(crate) fn push_statements<'t>(
    out: &mut Vec<u8>,
    g: &FigureGraph,
    graph: Option<Id>,
    triples: impl Iterator<Item = &'t Triple>,
) {
    // Each term followed by its space: a line is then four copies.
    let push = |out: &mut Vec<u8>, term: Term<'_>| {
        push_term(out, term);
        out.push(b' ');
    };
    Rendered::with(g, push, |r| {
        let graph = graph.map(|id| r.get(id)).unwrap_or_default();
        for t in triples {
            out.extend_from_slice(r.get(t.s));
            out.extend_from_slice(r.get(t.p));
            out.extend_from_slice(r.get(t.o));
            out.extend_from_slice(graph);
            out.extend_from_slice(b".\n");
        }
    });
}

impl Serializer for NTriples {
    fn figure(&self, g: &FigureGraph, out: &mut Vec<u8>) {
        let graph = if self.quads { g.name_id() } else { None };
        push_statements(out, g, graph, g.ids().iter());
    }
}
