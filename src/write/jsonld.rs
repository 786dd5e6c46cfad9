//! Expanded JSON-LD (JSON-LD 1.1 "expanded document form"): a top-level
//! array of node objects, full IRIs, `@type` for `rdf:type`, every value in
//! an array, typed literals as `{"@value", "@type"}`. One node object per
//! subject of a figure, one per line, streamed figure by figure.

use super::Serializer;
use super::escape::push_json_string;
use super::rendered::Rendered;
use crate::graph::{Datatype, FigureGraph, Term};
use crate::vocab::rdf;

pub struct JsonLd;

/// An object value: `{"@id": ...}` for an IRI, `{"@value": ...}` (with
/// its `@type` unless `xsd:string`) for a literal, `text` being the term
/// as a JSON string.
fn push_value(out: &mut Vec<u8>, term: Term<'_>, text: &[u8]) {
    match term {
        Term::Iri(_) => out.extend_from_slice(b"{\"@id\":"),
        Term::Literal(..) => out.extend_from_slice(b"{\"@value\":"),
    }
    out.extend_from_slice(text);
    if let Term::Literal(_, dt) = term
        && dt != Datatype::String
    {
        out.extend_from_slice(b",\"@type\":");
        push_json_string(out, dt.iri());
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
        // Each term as a JSON string.
        let push = |out: &mut Vec<u8>, term: Term<'_>| push_json_string(out, term.as_str());
        Rendered::with(g, push, |r| {
            let ids = g.ids();
            let mut i = 0;
            while i < ids.len() {
                let s = ids[i].s;
                if i > 0 {
                    out.extend_from_slice(b",\n");
                }
                out.extend_from_slice(b"{\"@id\":");
                out.extend_from_slice(r.get(s));
                while i < ids.len() && ids[i].s == s {
                    let p = ids[i].p;
                    let is_type = g.term(p) == Term::Iri(rdf::TYPE);
                    out.push(b',');
                    if is_type {
                        out.extend_from_slice(b"\"@type\"");
                    } else {
                        out.extend_from_slice(r.get(p));
                    }
                    out.extend_from_slice(b":[");
                    let mut first = true;
                    while i < ids.len() && ids[i].s == s && ids[i].p == p {
                        if !first {
                            out.push(b',');
                        }
                        first = false;
                        let o = ids[i].o;
                        match (is_type, g.term(o)) {
                            (true, Term::Iri(_)) => out.extend_from_slice(r.get(o)),
                            (_, term) => push_value(out, term, r.get(o)),
                        }
                        i += 1;
                    }
                    out.push(b']');
                }
                out.push(b'}');
            }
        });
    }

    fn footer(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"\n]\n");
    }
}
