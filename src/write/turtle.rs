//! Turtle and TriG: prefixes declared once, triples grouped by subject
//! (`;`) and predicate (`,`); TriG puts each figure in its named graph.

use super::Serializer;
use super::escape::push_turtle_string;
use super::rendered::Rendered;
use crate::graph::{Datatype, FigureGraph, Term};
use crate::vocab::rdf;

/// Turtle or TriG. Declares exactly the prefixes it is given, in their
/// order, and abbreviates only with those.
pub struct Turtle {
    /// As given: the order of the `@prefix` lines.
    declared: Vec<(String, String)>,
    /// Longest namespace first, so the most specific prefix wins.
    lookup: Vec<(String, String)>,
    /// Write TriG: `<F> { ... }` around each figure.
    trig: bool,
}

impl Turtle {
    pub fn new(prefixes: &[(&str, &str)], trig: bool) -> Self {
        let declared: Vec<(String, String)> = prefixes
            .iter()
            .map(|&(p, ns)| (p.to_owned(), ns.to_owned()))
            .collect();
        let mut lookup = declared.clone();
        lookup.sort_by_key(|(_, ns)| std::cmp::Reverse(ns.len()));
        Turtle {
            declared,
            lookup,
            trig,
        }
    }

    fn push_iri(&self, out: &mut Vec<u8>, iri: &str) {
        for (prefix, ns) in &self.lookup {
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

impl Serializer for Turtle {
    fn header(&self, out: &mut Vec<u8>) {
        for (prefix, ns) in &self.declared {
            out.extend_from_slice(format!("@prefix {prefix}: <{ns}> .\n").as_bytes());
        }
        out.push(b'\n');
    }

    fn figure(&self, g: &FigureGraph, out: &mut Vec<u8>) {
        let push = |out: &mut Vec<u8>, term: Term<'_>| self.push_term(out, term);
        Rendered::with(g, push, |r| {
            let indent: &[u8] = if self.trig {
                if let Some(name) = g.name_id() {
                    out.extend_from_slice(r.get(name));
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
                out.extend_from_slice(r.get(s));
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
                    if g.term(p) == Term::Iri(rdf::TYPE) {
                        out.push(b'a');
                    } else {
                        out.extend_from_slice(r.get(p));
                    }
                    let mut first_object = true;
                    while i < ids.len() && ids[i].s == s && ids[i].p == p {
                        if !first_object {
                            out.push(b',');
                        }
                        first_object = false;
                        out.push(b' ');
                        out.extend_from_slice(r.get(ids[i].o));
                        i += 1;
                    }
                }
                out.extend_from_slice(b" .\n");
            }
            if self.trig {
                out.extend_from_slice(b"}\n");
            }
            out.push(b'\n');
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(prefixes: &[(&str, &str)]) -> String {
        let mut g = FigureGraph::new();
        let s = g.iri("http://example.org/ns#s");
        let p = g.iri("http://example.org/ns#p");
        let o = g.literal("x", Datatype::String);
        g.add(s, p, o);
        let t = g.iri(rdf::TYPE);
        let c = g.iri("http://other.example/C");
        g.add(s, t, c);
        g.finish();
        let turtle = Turtle::new(prefixes, false);
        let mut out = Vec::new();
        turtle.header(&mut out);
        turtle.figure(&g, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn declares_exactly_the_prefixes_given() {
        assert_eq!(
            figure(&[("ex", "http://example.org/ns#")]),
            "@prefix ex: <http://example.org/ns#> .\n\nex:s ex:p \"x\" ;\n    a <http://other.example/C> .\n\n"
        );
        assert_eq!(
            figure(&[]),
            "\n<http://example.org/ns#s> <http://example.org/ns#p> \"x\" ;\n    a <http://other.example/C> .\n\n"
        );
    }

    #[test]
    fn the_longest_namespace_wins() {
        let out = figure(&[
            ("a", "http://example.org/"),
            ("b", "http://example.org/ns#"),
        ]);
        assert!(out.contains("b:s b:p"), "{out}");
        assert!(
            out.starts_with("@prefix a: <http://example.org/> .\n@prefix b:"),
            "{out}"
        );
    }
}
