//! Turtle and TriG: prefixes declared once, triples grouped by subject
//! (`;`) and predicate (`,`); TriG puts each figure in its named graph.

use super::Serializer;
use super::escape::push_turtle_string;
use crate::graph::{Datatype, FigureGraph, Term};
use crate::map::iri::RDF;

pub struct Turtle {
    prefixes: Vec<(&'static str, &'static str)>,
    /// Write TriG: `<F> { ... }` around each figure.
    trig: bool,
}

impl Turtle {
    pub fn new(prefixes: &[(&'static str, &'static str)], trig: bool) -> Self {
        let mut prefixes = prefixes.to_vec();
        // Longest namespace first, so the most specific prefix wins.
        prefixes.sort_by_key(|(_, ns)| std::cmp::Reverse(ns.len()));
        Turtle { prefixes, trig }
    }

    fn push_iri(&self, out: &mut Vec<u8>, iri: &str) {
        for (prefix, ns) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(ns)
                && is_safe_local(local)
            {
                out.extend_from_slice(prefix.as_bytes());
                out.push(b':');
                out.extend_from_slice(local.as_bytes());
                return;
            }
        }
        out.push(b'<');
        out.extend_from_slice(iri.as_bytes());
        out.push(b'>');
    }

    fn push_term(&self, out: &mut Vec<u8>, term: Term<'_>) {
        match term {
            Term::Iri(iri) => self.push_iri(out, iri),
            Term::Literal(value, dt) => {
                out.push(b'"');
                push_turtle_string(out, value);
                out.push(b'"');
                if dt != Datatype::String {
                    out.extend_from_slice(b"^^");
                    self.push_iri(out, dt.iri());
                }
            }
        }
    }
}

/// A local name that is a valid `PN_LOCAL` in every Turtle parser: ASCII
/// letters, digits, `_` and `-` (not first). Anything else is written as a
/// full IRI rather than risk an escape some parser reads differently.
fn is_safe_local(local: &str) -> bool {
    let b = local.as_bytes();
    !b.is_empty()
        && b[0] != b'-'
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
}

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

impl Serializer for Turtle {
    fn header(&self, out: &mut Vec<u8>) {
        // Declared in MAPPING.md's order, not the lookup order.
        // The namespace is the one in use (`--schema-https` changes
        // `schema:`), not the table's default: found by the record_rdf fuzz target.
        for (prefix, _) in crate::map::iri::PREFIXES {
            if let Some((_, ns)) = self.prefixes.iter().find(|(p, _)| p == prefix) {
                out.extend_from_slice(format!("@prefix {prefix}: <{ns}> .\n").as_bytes());
            }
        }
        out.push(b'\n');
    }

    fn figure(&self, g: &FigureGraph, out: &mut Vec<u8>) {
        debug_assert!(RDF_TYPE.starts_with(RDF));
        let indent: &[u8] = if self.trig {
            if let Some(name) = g.name() {
                self.push_term(out, name);
            }
            out.extend_from_slice(b" {\n");
            b"    "
        } else {
            b""
        };
        let ids = g.ids();
        let mut i = 0;
        while i < ids.len() {
            let s = ids[i].s;
            out.extend_from_slice(indent);
            self.push_term(out, g.term(s));
            let mut first_predicate = true;
            while i < ids.len() && ids[i].s == s {
                let p = ids[i].p;
                if !first_predicate {
                    out.extend_from_slice(b" ;\n");
                    out.extend_from_slice(indent);
                    out.extend_from_slice(b"   ");
                }
                first_predicate = false;
                out.push(b' ');
                match g.term(p) {
                    Term::Iri(RDF_TYPE) => out.push(b'a'),
                    term => self.push_term(out, term),
                }
                let mut first_object = true;
                while i < ids.len() && ids[i].s == s && ids[i].p == p {
                    if !first_object {
                        out.push(b',');
                    }
                    first_object = false;
                    out.push(b' ');
                    self.push_term(out, g.term(ids[i].o));
                    i += 1;
                }
            }
            out.extend_from_slice(b" .\n");
        }
        if self.trig {
            out.extend_from_slice(b"}\n");
        }
        out.push(b'\n');
    }
}
