//! Writing: one serializer per format behind [`Serializer`].
//!
//! A serializer turns one figure's graph into a self-contained chunk of
//! bytes, so figures can be serialized on any thread and the chunks
//! concatenated in input order: the output is the same whatever the
//! number of threads.

mod escape;
pub mod jsonld;
pub mod kgx;
pub mod ntriples;
mod rendered;
pub mod sparql_update;
pub mod turtle;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::graph::FigureGraph;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Turtle: prefixes declared once, triples grouped by subject.
    Turtle,
    /// N-Triples: one triple a line.
    NTriples,
    /// N-Quads: one quad a line, each figure's in its named graph.
    NQuads,
    /// TriG: Turtle with one named graph per figure.
    TriG,
    /// Expanded JSON-LD: a top-level array of node objects.
    JsonLd,
    /// KGX TSV (Biolink Model): `nodes.tsv` and `edges.tsv` in a folder.
    Kgx,
    /// KGX JSON Lines: `nodes.jsonl` and `edges.jsonl` in a folder.
    KgxJsonl,
    /// SPARQL 1.1 Update: per figure, `DROP SILENT GRAPH` then `INSERT
    /// DATA` into the figure's graph (what `sync` sends).
    SparqlUpdate,
}

impl Format {
    /// The KGX formats (not RDF: two tables in a folder).
    pub const KGX: [Format; 2] = [Format::Kgx, Format::KgxJsonl];

    /// Whether this is a KGX format.
    pub fn is_kgx(self) -> bool {
        matches!(self, Format::Kgx | Format::KgxJsonl)
    }

    /// Every RDF format.
    pub const ALL: [Format; 5] = [
        Format::Turtle,
        Format::NTriples,
        Format::NQuads,
        Format::TriG,
        Format::JsonLd,
    ];

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Turtle => "ttl",
            Format::NTriples => "nt",
            Format::NQuads => "nq",
            Format::TriG => "trig",
            Format::JsonLd => "jsonld",
            Format::Kgx => "tsv",
            Format::KgxJsonl => "jsonl",
            Format::SparqlUpdate => "ru",
        }
    }

    /// The media type (`text/turtle`, ...), also accepted by `--format`.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Turtle => "text/turtle",
            Format::NTriples => "application/n-triples",
            Format::NQuads => "application/n-quads",
            Format::TriG => "application/trig",
            Format::JsonLd => "application/ld+json",
            Format::Kgx => "text/tab-separated-values",
            Format::KgxJsonl => "application/jsonl",
            Format::SparqlUpdate => "application/sparql-update",
        }
    }

    /// The canonical name, as accepted by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Turtle => "turtle",
            Format::NTriples => "ntriples",
            Format::NQuads => "nquads",
            Format::TriG => "trig",
            Format::JsonLd => "jsonld",
            Format::Kgx => "kgx",
            Format::KgxJsonl => "kgx-jsonl",
            Format::SparqlUpdate => "sparql-update",
        }
    }

    /// The format a file name implies (`out.nt`, `out.ttl.gz`, ...).
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = ["gz", "zst"]
            .iter()
            .find_map(|c| name.strip_suffix(&format!(".{c}")))
            .unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        ext.parse().ok().filter(|f: &Format| !f.is_kgx())
    }

    /// The serializer for this format; Turtle and TriG declare exactly
    /// `prefixes`, in their order, and abbreviate with them alone. A KGX
    /// format has none (see [`kgx::Syntax`]): this gives N-Triples, which
    /// `convert_to` never calls for it.
    pub(crate) fn serializer(self, prefixes: &[(&str, &str)]) -> Box<dyn Serializer> {
        match self {
            Format::Turtle => Box::new(turtle::Turtle::new(prefixes, false)),
            Format::TriG => Box::new(turtle::Turtle::new(prefixes, true)),
            Format::NTriples => Box::new(ntriples::NTriples { quads: false }),
            Format::NQuads => Box::new(ntriples::NTriples { quads: true }),
            Format::JsonLd => Box::new(jsonld::JsonLd),
            Format::SparqlUpdate => Box::new(sparql_update::SparqlUpdate),
            Format::Kgx | Format::KgxJsonl => Box::new(ntriples::NTriples { quads: false }),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let lower = s.trim().to_ascii_lowercase();
        // A media type may carry parameters (`text/turtle; charset=utf-8`).
        let name = lower.split(';').next().unwrap_or_default().trim();
        if let Some(&f) = Format::ALL
            .iter()
            .chain(&[Format::SparqlUpdate])
            .find(|f| f.media_type() == name)
        {
            return Ok(f);
        }
        Ok(match name {
            "turtle" | "ttl" => Format::Turtle,
            "ntriples" | "n-triples" | "nt" => Format::NTriples,
            "nquads" | "n-quads" | "nq" => Format::NQuads,
            "trig" => Format::TriG,
            "jsonld" | "json-ld" | "json" => Format::JsonLd,
            "kgx" | "kgx-tsv" => Format::Kgx,
            "kgx-jsonl" => Format::KgxJsonl,
            "sparql-update" | "ru" => Format::SparqlUpdate,
            _ => {
                return Err(format!(
                    "unknown format {s:?}: use turtle (ttl), ntriples (nt), nquads (nq), trig, jsonld (json-ld), kgx, kgx-jsonl or sparql-update (ru), or a media type (text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, application/sparql-update)"
                ));
            }
        })
    }
}

/// Turns figure graphs into bytes.
pub trait Serializer: Send + Sync {
    /// Written once before the first figure (e.g. Turtle prefixes).
    fn header(&self, _out: &mut Vec<u8>) {}
    /// One figure, grouped (see [`FigureGraph::finish`]). Appends to `out`.
    fn figure(&self, g: &FigureGraph, out: &mut Vec<u8>);
    /// Written between two non-empty figure chunks.
    fn separator(&self) -> &'static [u8] {
        b""
    }
    /// Written once at the end.
    fn footer(&self, _out: &mut Vec<u8>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_extension_and_media_type() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
            assert_eq!(f.extension().parse::<Format>(), Ok(f));
            assert_eq!(f.media_type().parse::<Format>(), Ok(f));
            assert_eq!(f.media_type().to_uppercase().parse::<Format>(), Ok(f));
        }
        assert_eq!(
            "text/turtle; charset=utf-8".parse::<Format>(),
            Ok(Format::Turtle)
        );
        assert_eq!("application/n-quads".parse::<Format>(), Ok(Format::NQuads));
        assert!("text/html".parse::<Format>().is_err());
        assert_eq!(
            Format::from_path(Path::new("x.nq.gz")),
            Some(Format::NQuads)
        );
    }
}
