//! Expanded JSON-LD (JSON-LD 1.1 "expanded document form"): a top-level
//! array of node objects, full IRIs, `@type` for `rdf:type`, every value in
//! an array, typed literals as `{"@value", "@type"}`. One node object per
//! subject of a figure, one per line, streamed figure by figure.

use super::Serializer;
use super::escape::push_json_string;
use crate::graph::{Datatype, FigureGraph, Term};
use crate::vocab::rdf;

pub struct JsonLd;

fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    push_json_string(out, s);
    out.push(b'"');
}

fn push_value(out: &mut Vec<u8>, term: Term<'_>) {
    match term {
        Term::Iri(iri) => {
            out.extend_from_slice(b"{\"@id\":");
            push_str(out, iri);
        }
        Term::Literal(value, dt) => {
            out.extend_from_slice(b"{\"@value\":");
            push_str(out, value);
            if dt != Datatype::String {
                out.extend_from_slice(b",\"@type\":");
                push_str(out, dt.iri());
            }
        }
    }
    out.push(b'}');
}

impl Serializer for JsonLd {
    fn header(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"[\n");
    }

    fn separator(&self) -> &'static [u8] {
        b",\n"
    }

    fn figure(&self, g: &FigureGraph, out: &mut Vec<u8>) {
        let ids = g.ids();
        let mut i = 0;
        while i < ids.len() {
            let s = ids[i].s;
            if i > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend_from_slice(b"{\"@id\":");
            push_str(out, g.term(s).as_str());
            while i < ids.len() && ids[i].s == s {
                let p = ids[i].p;
                let is_type = g.term(p) == Term::Iri(rdf::TYPE);
                out.push(b',');
                if is_type {
                    out.extend_from_slice(b"\"@type\"");
                } else {
                    push_str(out, g.term(p).as_str());
                }
                out.extend_from_slice(b":[");
                let mut first = true;
                while i < ids.len() && ids[i].s == s && ids[i].p == p {
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    let o = g.term(ids[i].o);
                    match (is_type, o) {
                        (true, Term::Iri(class)) => push_str(out, class),
                        _ => push_value(out, o),
                    }
                    i += 1;
                }
                out.push(b']');
            }
            out.push(b'}');
        }
    }

    fn footer(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"\n]\n");
    }
}
