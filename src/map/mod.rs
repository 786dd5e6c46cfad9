//! Mapping: one [`Record`] → the triples of one figure. This is the only
//! module that knows the vocabulary (the project's `docs/mapping.md`).
//!
//! * `vocab`: every constant term, by name;
//! * `iri`: namespaces, IRI patterns and the encoders for record values;
//! * `emit`: the emitter and its helpers;
//! * `figure`: the figure and its article; `mention`: the mentions;
//! * `kgx`: the KGX (Biolink Model) view of a figure graph;
//! * `field`: how reports name a field;
//! * `values`, `organisms`: patterns, sentinels, lexical spaces, the
//!   organism table.

mod emit;
mod field;
mod figure;
pub mod iri;
pub mod kgx;
mod mention;
mod organisms;
pub mod values;
mod vocab;

use crate::diag::Diagnostics;
use crate::graph::{Datatype, FigureGraph};
use crate::read::Record;
use crate::read::digest::{hex, sha256_hex};
use emit::{Emitter, present};
pub use vocab::all_terms;

/// The mapping's version: `owl:versionInfo` of `vocab/pfocr.ttl` (read by
/// `build.rs`). Raised whenever the triples of any record change, since
/// it is part of every source digest.
pub const VOCAB_VERSION: &str = env!("PFOCR_VOCAB_VERSION");

/// Maps records to figure graphs. Cheap to share between threads.
#[derive(Clone, Debug)]
pub struct Mapper {
    schema_https: bool,
    terms: &'static [&'static str],
}

impl Default for Mapper {
    fn default() -> Self {
        Mapper::new(false)
    }
}

impl Mapper {
    /// `schema_https`: write `https://schema.org/` terms instead of `http://`.
    pub fn new(schema_https: bool) -> Self {
        Mapper {
            schema_https,
            terms: vocab::resolved(schema_https),
        }
    }

    /// The schema.org namespace in use.
    pub fn schema_ns(&self) -> &'static str {
        if self.schema_https {
            iri::SCHEMA_HTTPS
        } else {
            iri::SCHEMA
        }
    }

    /// The prefixes of the Turtle and TriG output, in the order they are
    /// declared, with `schema:` the namespace in use.
    pub fn prefixes(&self) -> Vec<(&'static str, &'static str)> {
        iri::PREFIXES
            .iter()
            .map(|&(p, ns)| (p, if p == "schema" { self.schema_ns() } else { ns }))
            .collect()
    }

    /// Maps one record into `g` (cleared first), and returns the trimmed
    /// figid. Values that give no triple are reported as warnings; a record
    /// that cannot be mapped at all (no figid) is reported as an error and
    /// gives `None`.
    pub fn map(&self, r: &Record, g: &mut FigureGraph, diags: &mut Diagnostics) -> Option<String> {
        g.clear();
        for (key, _line) in &r.unmapped {
            diags.unmapped.push(key.clone());
        }
        let Some(figid) = present(&r.figid) else {
            let line = r.figid.as_ref().map_or(r.line, |t| t.line);
            diags.error(
                &r.path,
                Some(line),
                "figid",
                "missing figid: the record has no figure identifier".into(),
            );
            return None;
        };
        let f = g.iri_with(|b| iri::push_figure(b, &figid.text));
        g.set_name(f);
        let mut emitter = Emitter {
            terms: self.terms,
            r,
            g,
            diags,
            f,
        };
        emitter.figure(figid);
        let p = emitter.c(vocab::Vocab::SOURCE_DIGEST);
        let o = g.literal(&self.source_digest(r), Datatype::String);
        g.set_last(f, p, o);
        Some(figid.text.trim().to_owned())
    }

    /// The figure's `pfocr:sourceDigest` (recipe: `vocab/README.md`,
    /// "Source digest"): SHA-256 of the mapping version, the options that
    /// change triples and the digest of the record's input bytes.
    fn source_digest(&self, r: &Record) -> String {
        let text = format!(
            "pfocr2rdf source digest 1\nmapping {VOCAB_VERSION}\nschema.org {}\ninputs {}\n",
            self.schema_ns(),
            hex(&r.inputs_digest)
        );
        sha256_hex(text.as_bytes())
    }
}

/// Test helpers shared by the rooms' unit tests: a graph's triples as
/// sorted, readable strings, and a record mapped to them and its reports.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Mapper, iri, values};
    use crate::diag::Diagnostics;
    use crate::graph::{Datatype, FigureGraph, Term};
    use crate::read::{Record, Text};

    /// Namespaces written as `prefix:local` (the longest match wins).
    fn namespaces() -> Vec<(&'static str, &'static str)> {
        let mut ns = Mapper::new(false).prefixes();
        ns.push(("schemas", iri::SCHEMA_HTTPS));
        ns.push(("fig", iri::FIGURE));
        ns.push(("journal", iri::JOURNAL));
        ns.push(("publisher", iri::PUBLISHER));
        ns
    }

    fn show_term(t: Term<'_>, ns: &[(&str, &str)]) -> String {
        match t {
            Term::Iri(s) => ns
                .iter()
                .filter(|(_, n)| s.starts_with(n))
                .max_by_key(|(_, n)| n.len())
                .map_or(format!("<{s}>"), |(p, n)| format!("{p}:{}", &s[n.len()..])),
            Term::Literal(v, Datatype::String) => format!("\"{v}\""),
            Term::Literal(v, dt) => format!("\"{v}\"^^{}", values::prefixed(dt)),
        }
    }

    /// The triples of `g`, one `s p o` string each, sorted.
    pub fn triples(g: &FigureGraph) -> Vec<String> {
        let ns = namespaces();
        let mut out: Vec<String> = g
            .triples()
            .map(|[s, p, o]| {
                format!(
                    "{} {} {}",
                    show_term(s, &ns),
                    show_term(p, &ns),
                    show_term(o, &ns)
                )
            })
            .collect();
        out.sort();
        out
    }

    /// The reports as `field: message` (warnings) or `error: field: message`.
    pub fn reports(d: &Diagnostics) -> Vec<String> {
        d.diagnostics
            .iter()
            .map(|d| match d.severity {
                crate::diag::Severity::Warning => format!("{}: {}", d.field, d.message),
                crate::diag::Severity::Error => format!("error: {}: {}", d.field, d.message),
            })
            .collect()
    }

    /// A record with figid `X` (line 2) in file `r.md`.
    pub fn record() -> Record<'static> {
        Record {
            path: "r.md".into(),
            line: 1,
            figid: Some(Text::new("X", 2)),
            ..Record::default()
        }
    }

    /// A present value on line 3.
    pub fn v(text: &str) -> Option<Text<'_>> {
        Some(Text::new(text, 3))
    }

    /// Maps `r` with the `http://schema.org/` namespace: the figid, the
    /// sorted triples and the reports.
    pub fn map(r: &Record) -> (Option<String>, Vec<String>, Vec<String>) {
        map_with(&Mapper::new(false), r)
    }

    /// [`map`] with a given mapper. The source digest triple is left out
    /// (its own test is below; its value is `tests/digest.rs`'s).
    pub fn map_with(m: &Mapper, r: &Record) -> (Option<String>, Vec<String>, Vec<String>) {
        let mut g = FigureGraph::new();
        let mut d = Diagnostics::default();
        let figid = m.map(r, &mut g, &mut d);
        let mut t = triples(&g);
        t.retain(|t| !t.contains(" pfocr:sourceDigest "));
        (figid, t, reports(&d))
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{record, triples};
    use super::*;
    use crate::graph::Term;

    #[test]
    fn every_figure_ends_with_its_source_digest() {
        let mut g = FigureGraph::new();
        let mut d = Diagnostics::default();
        Mapper::new(false).map(&record(), &mut g, &mut d);
        let Some(
            [
                Term::Iri(s),
                Term::Iri(p),
                Term::Literal(digest, Datatype::String),
            ],
        ) = g.last()
        else {
            panic!("no commit triple")
        };
        assert_eq!(s, "https://pfocr.wikipathways.org/figures/X.html");
        assert_eq!(p, "https://w3id.org/pfocr/vocab#sourceDigest");
        assert_eq!(digest.len(), 64);
        assert!(
            digest
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        );
        let all = triples(&g);
        assert_eq!(all.iter().filter(|t| t.contains("sourceDigest")).count(), 1);
        let https = {
            let mut g2 = FigureGraph::new();
            Mapper::new(true).map(&record(), &mut g2, &mut d);
            g2.last().map(|[_, _, o]| format!("{o:?}"))
        };
        assert_ne!(https, g.last().map(|[_, _, o]| format!("{o:?}")));
    }
}
