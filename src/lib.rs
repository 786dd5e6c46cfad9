//! pfocr2rdf: convert PFOCR (Pathway Figure OCR) figure records to RDF.
//!
//! A PFOCR record is one pathway figure of a PubMed Central article: YAML
//! front matter (`_figures/<figid>.md`) and, in the current generation,
//! companion TSV files of the genes, chemicals and diseases recognised in
//! it. Each record becomes the triples of one figure, in the named graph
//! of its IRI `https://pfocr.wikipathways.org/figures/{figid}.html`; the
//! mapping is documented in the project's `docs/mapping.md`.
//!
//! Two entry points:
//!
//! * one record, as [`oxrdf`] triples or quads: [`Converter::convert`] of a
//!   [`RecordText`] gives a [`Figure`] (or a [`RecordError`]);
//! * files and folders to a serialization ([`Format`]): [`convert`] (one
//!   document) and [`convert_to`] (shards, the dataset description),
//!   reporting each problem and each record done through [`Events`].
//!
//! ```
//! use pfocr2rdf::{Converter, MentionKind, Options, RecordText};
//!
//! let record = "---\nfigid: PMC1__f1.jpg\npmcid: PMC1\nfigtitle: TP53 signalling\n---\n";
//! let genes = "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_synonym\tcount_match\n\
//!              9606\tHomo sapiens\tmammals\tp53\tTP53\tTP53\t7157\tbe2\t1\t0\t0\n";
//! let text = RecordText::new("f1.md", record).companion(MentionKind::Genes, "f1-genes.tsv", genes);
//! let figure = Converter::new(&Options::default()).convert(&text)?;
//! let gene = "https://identifiers.org/ncbigene/7157";
//! assert!(figure.quads().any(|q| q.object.to_string() == format!("<{gene}>")
//!     && q.graph_name.to_string() == format!("<{}>", figure.iri().as_str())));
//! # Ok::<(), pfocr2rdf::RecordError>(())
//! ```
//!
//! The same figure graphs can also be written as KGX (Biolink Model) nodes
//! and edges ([`Format::Kgx`], [`Format::KgxJsonl`]; see [`convert_to`]),
//! or sent to a SPARQL 1.1 store, only the figures that changed
//! ([`sync::sync`]).
//!
//! Inside, data flows one way: `read` (discover inputs, split front
//! matter, YAML and TSV into a typed record) → `map` (one record → one
//! figure graph; the only module that knows the vocabulary) → `write` (one
//! serializer per format). `convert` runs them as a parallel,
//! order-preserving pipeline; `void` describes a dump; `sync` sends the
//! figures that changed to a store.

#![warn(missing_docs)]

mod compress;
mod convert;
mod diag;
mod figure;
mod graph;
mod map;
mod read;
mod swar;
pub mod sync;
mod vocab;
mod void;
mod write;

/// A per-thread buffer (a record's file bytes, a figure's rendered terms)
/// grown over this size is freed after the record that needed it, so that
/// one huge record does not pin its size for the rest of the run.
const KEEP_BUFFER: usize = 8 << 20;

pub use oxrdf;

pub use compress::Compression;
pub use convert::{Events, Options, Summary, Unmapped, Void, convert, convert_to, shard_of};
pub use diag::{Diagnostic, Severity};
pub use figure::{Converter, Figure, RecordError, RecordText};
pub use map::kgx::KgxCounts;
pub use read::Kind as MentionKind;
pub use void::Stats;
pub use write::Format;

/// Internals for the project's own tests, benchmarks and fuzz targets: not
/// part of the API, and may change in any release.
#[doc(hidden)]
pub mod internal {
    pub use crate::diag::{Diagnostics, show};
    pub use crate::graph::{Datatype, FigureGraph, Term};
    pub use crate::map::{Mapper, all_terms, iri, values};
    pub use crate::read::{
        Discovery, Files, Found, GeneRow, Kind, Record, Rows, Source, TermRow, Text, Value,
        fast_yaml, frontmatter, load_file, parse_document, record, schema, tree, tsv, yaml,
    };
    pub use crate::void::{DATASET, VOCAB_VERSION};
    pub use crate::write::Serializer;

    /// The serializer of `format`, declaring `prefixes`.
    pub fn serializer(format: crate::Format, prefixes: &[(&str, &str)]) -> Box<dyn Serializer> {
        format.serializer(prefixes)
    }
}
