//! SPARQL 1.1 Update: per figure, `DROP SILENT GRAPH <F>` then one
//! `INSERT DATA` of its triples into `GRAPH <F>`, the graph's commit
//! triple ([`FigureGraph::set_last`]) last. Operations are joined by `;`,
//! so any sequence of figure chunks is one update request.

use super::Serializer;
use super::ntriples::{push_statements, push_term};
use crate::graph::FigureGraph;

pub struct SparqlUpdate;

impl Serializer for SparqlUpdate {
    fn figure(&self, g: &FigureGraph, out: &mut Vec<u8>) {
        let Some(name) = g.name() else { return };
        out.extend_from_slice(b"DROP SILENT GRAPH ");
        push_term(out, name);
        out.extend_from_slice(b" ;\nINSERT DATA { GRAPH ");
        push_term(out, name);
        out.extend_from_slice(b" {\n");
        let last = g.ids().iter().filter(|t| g.is_last(t));
        push_statements(
            out,
            g,
            None,
            g.ids().iter().filter(|t| !g.is_last(t)).chain(last),
        );
        out.extend_from_slice(b"} }");
    }

    fn separator(&self) -> &'static [u8] {
        b" ;\n"
    }

    fn footer(&self, out: &mut Vec<u8>) {
        out.push(b'\n');
    }
}
