//! Writing: one serializer per format behind [`Serializer`].
//!
//! A serializer turns one figure's graph into a self-contained chunk of
//! bytes, so figures can be serialized on any thread and the chunks
//! concatenated in input order: the output is the same whatever the
//! number of threads.

mod escape;
pub mod jsonld;
pub mod ntriples;
pub mod turtle;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::graph::FigureGraph;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    JsonLd,
}

impl Format {
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
        ext.parse().ok()
    }

    /// The serializer for this format.
    pub fn serializer(self, prefixes: &[(&'static str, &'static str)]) -> Box<dyn Serializer> {
        match self {
            Format::Turtle => Box::new(turtle::Turtle::new(prefixes, false)),
            Format::TriG => Box::new(turtle::Turtle::new(prefixes, true)),
            Format::NTriples => Box::new(ntriples::NTriples { quads: false }),
            Format::NQuads => Box::new(ntriples::NTriples { quads: true }),
            Format::JsonLd => Box::new(jsonld::JsonLd),
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
        Ok(match s.to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => Format::Turtle,
            "ntriples" | "n-triples" | "nt" => Format::NTriples,
            "nquads" | "n-quads" | "nq" => Format::NQuads,
            "trig" => Format::TriG,
            "jsonld" | "json-ld" | "json" => Format::JsonLd,
            _ => {
                return Err(format!(
                    "unknown format {s:?}: use turtle (ttl), ntriples (nt), nquads (nq), trig or jsonld (json-ld)"
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
