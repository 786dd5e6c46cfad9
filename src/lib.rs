//! pfocr2rdf: convert PFOCR (Pathway Figure OCR) records to RDF.
//!
//! Data flows one way:
//!
//! * [`read`]: discover inputs, split front matter, parse YAML and TSV into a
//!   typed [`read::Record`];
//! * [`map`]: one record → one [`graph::FigureGraph`] (the only module that
//!   knows the vocabulary; IRIs are defined once in [`map::iri`]);
//! * [`write`]: one serializer per format behind [`write::Serializer`].
//!
//! [`convert`] ties the three together for the command line.

pub mod convert;
pub mod diag;
pub mod graph;
pub mod map;
pub mod output;
pub mod read;
pub mod report;
pub mod void;
pub mod write;

pub use convert::{Events, Options, Summary, Void, convert, convert_to};
pub use write::Format;
