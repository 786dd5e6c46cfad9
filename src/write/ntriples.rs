//! N-Triples and N-Quads (graph = the figure IRI): one statement a line.

use std::cell::RefCell;

use super::Serializer;
use super::escape::push_turtle_string;
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

/// Every term of one figure written once, each followed by a space; a
/// statement is then the copies of its terms' text. A figure's subject and
/// predicates recur on most of its lines.
#[derive(Default)]
struct Rendered {
    text: Vec<u8>,
    /// End of each term's text, by term id; it starts where the one
    /// before ends.
    ends: Vec<u32>,
}

thread_local! {
    static RENDERED: RefCell<Rendered> = RefCell::default();
}

impl Rendered {
    fn render(&mut self, g: &FigureGraph) {
        self.text.clear();
        self.ends.clear();
        for term in g.terms() {
            push_term(&mut self.text, term);
            self.text.push(b' ');
            self.ends.push(self.text.len() as u32);
        }
    }

    fn get(&self, id: Id) -> &[u8] {
        let i = id.index();
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn free_if_large(&mut self) {
        if self.text.capacity() > crate::KEEP_BUFFER {
            *self = Rendered::default();
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
    RENDERED.with_borrow_mut(|r| {
        r.render(g);
        let graph = graph.map(|id| r.get(id)).unwrap_or_default();
        for t in triples {
            out.extend_from_slice(r.get(t.s));
            out.extend_from_slice(r.get(t.p));
            out.extend_from_slice(r.get(t.o));
            out.extend_from_slice(graph);
            out.extend_from_slice(b".\n");
        }
        r.free_if_large();
    });
}

impl Serializer for NTriples {
    fn figure(&self, g: &FigureGraph, out: &mut Vec<u8>) {
        let graph = if self.quads { g.name_id() } else { None };
        push_statements(out, g, graph, g.ids().iter());
    }
}
