//! The dataset description (`--void`, `--void-only`): a VoID and DCAT
//! description of the dump, with the SHACL prefix declarations
//! (`sh:declare`) SPARQL tools read, written in the dump's own format.
//!
//! Every node of the description is an IRI (no blank nodes), under the
//! dataset IRI [`DATASET`], so loading a new description after dropping the
//! old one (its named graph in N-Quads and TriG is [`DATASET`]) is clean.
//!
//! Definitions:
//! * `void:triples`: the triples written for the figures: each figure's triples
//!   once, a triple repeated in two figures (a gene's label) counted twice.
//!   The description itself is not counted.
//! * `void:entities` (and `void:distinctSubjects`, the same number): the distinct IRIs that are the subject of at least one
//!   triple (figures, articles, journals, publishers, images, mentions,
//!   genes, chemicals, diseases, taxa, WikiPathways), counted by a 64-bit
//!   hash of the IRI.
//! * the figure count: `void:classPartition <…/dataset#figures>` with
//!   `void:class pfocr:Figure` and `void:entities` = the figures converted.
//! * `void:vocabulary`: each vocabulary with at least one predicate or class
//!   in the dump, named by its namespace IRI (a trailing `#` dropped).

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::graph::{Datatype, FigureGraph, Id, Term};
use crate::map::iri;
use crate::vocab::{owl, rdf, rdfs};
use crate::write::Format;

/// The dataset IRI: the subject of the description, and its graph name.
pub const DATASET: &str = "https://w3id.org/pfocr/dataset";
/// The converter, as a PROV software agent (a version is appended).
pub const TOOL: &str = "https://w3id.org/pfocr/pfocr2rdf/";
pub use crate::map::VOCAB_VERSION;
/// This tool's version.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
/// How many example resources (the first figures, in output order).
pub const EXAMPLES: usize = 3;

const VOID: &str = "http://rdfs.org/ns/void#";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const SH: &str = "http://www.w3.org/ns/shacl#";
const PROV: &str = "http://www.w3.org/ns/prov#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";
const PFOCR_SITE: &str = "https://pfocr.wikipathways.org/";

/// The vocabularies the mapping can use, in the order they are listed.
/// `schema` is replaced by the namespace in use.
const VOCABULARIES: [&str; 9] = [
    iri::RDF,
    iri::RDFS,
    iri::SCHEMA,
    iri::DCTERMS,
    iri::FOAF,
    iri::OA,
    iri::WP,
    iri::PFOCR,
    iri::SKOS,
];

/// What one figure adds to the description.
#[derive(Clone, Debug, Default)]
pub struct FigureStats {
    /// The figure IRI (the graph name).
    figure: String,
    /// Hashes of the distinct subject IRIs that other figures may share
    /// (genes, articles, taxa, ...).
    subjects: Vec<u64>,
    /// Subjects that belong to this figure alone: the figure and its
    /// mentions (`F`, `F#gene-1`, ...). Counted, not hashed, so memory
    /// does not grow with every mention of the corpus.
    own: u64,
    /// Bit i: a term of `VOCABULARIES[i]` is used.
    vocabularies: u32,
}

fn hash(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

fn vocabulary_bit(term: &str, schema: &str) -> u32 {
    let mut bits = 0;
    for (i, ns) in VOCABULARIES.iter().enumerate() {
        let ns = if *ns == iri::SCHEMA { schema } else { ns };
        if let Some(local) = term.strip_prefix(ns)
            && !local.is_empty()
            && !local.contains(['/', '#'])
        {
            bits |= 1 << i;
        }
    }
    bits
}

impl FigureStats {
    /// Counts one finished figure graph (grouped by subject).
    pub fn of(g: &FigureGraph, schema: &str) -> FigureStats {
        let mut st = FigureStats {
            figure: g.name().map(|t| t.as_str().to_owned()).unwrap_or_default(),
            ..FigureStats::default()
        };
        let mut last = None;
        for [s, p, o] in g.triples() {
            if last != Some(s) {
                let own = s
                    .as_str()
                    .strip_prefix(st.figure.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'));
                if own && !st.figure.is_empty() {
                    st.own += 1;
                } else {
                    st.subjects.push(hash(s.as_str()));
                }
                last = Some(s);
            }
            let p = p.as_str();
            st.vocabularies |= vocabulary_bit(p, schema);
            if p == rdf::TYPE
                && let Term::Iri(class) = o
            {
                st.vocabularies |= vocabulary_bit(class, schema);
            }
        }
        st
    }
}

/// Adds up figures, in output order.
#[derive(Default)]
pub struct Counter {
    entities: HashSet<u64>,
    /// Figure-local subjects (figure IRIs are unique in a run).
    own: u64,
    examples: Vec<String>,
    vocabularies: u32,
}

impl Counter {
    pub fn add(&mut self, f: FigureStats) {
        self.entities.extend(f.subjects);
        self.own += f.own;
        self.vocabularies |= f.vocabularies;
        if self.examples.len() < EXAMPLES && !f.figure.is_empty() {
            self.examples.push(f.figure);
        }
    }

    pub fn finish(self) -> Stats {
        Stats {
            entities: self.entities.len() as u64 + self.own,
            examples: self.examples,
            vocabularies: self.vocabularies,
        }
    }
}

/// What the run counted for the description.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Distinct subject IRIs.
    pub entities: u64,
    /// The first figure IRIs, in output order.
    pub examples: Vec<String>,
    /// Bit i: `VOCABULARIES[i]` is used.
    pub vocabularies: u32,
}

/// The facts a description states: what the run counted, and how the dump
/// was written.
pub struct Facts<'a> {
    /// The dump's format (`void:feature`, and how the description is written).
    pub format: Format,
    /// The schema.org namespace in use.
    pub schema_ns: &'a str,
    /// The dump's prefixes, declared with `sh:declare`.
    pub prefixes: &'a [(&'a str, &'a str)],
    /// Triples written for the figures.
    pub triples: u64,
    /// Figures converted.
    pub figures: u64,
    /// What the figures added up to.
    pub stats: &'a Stats,
    /// Creation time, in seconds since 1970 (UTC).
    pub created: i64,
}

/// The prefixes of the description in Turtle and TriG.
const PREFIXES: &[(&str, &str)] = &[
    ("rdf", rdf::NS),
    ("rdfs", rdfs::NS),
    ("xsd", iri::XSD),
    ("owl", owl::NS),
    ("dcterms", iri::DCTERMS),
    ("void", VOID),
    ("dcat", DCAT),
    ("prov", PROV),
    ("sh", SH),
];

/// The description of one dump, as a graph named [`DATASET`].
pub struct Description {
    format: Format,
    graph: FigureGraph,
}

fn iso8601(epoch: i64) -> String {
    // Days to civil date (Howard Hinnant's algorithm), proleptic Gregorian, UTC.
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Builds the description's graph.
struct Builder {
    g: FigureGraph,
}

impl Builder {
    fn iri(&mut self, iri: &str) -> Id {
        self.g.iri(iri)
    }

    fn term(&mut self, ns: &str, local: &str) -> Id {
        self.g.iri_with(|b| {
            b.push_str(ns);
            b.push_str(local);
        })
    }

    fn add(&mut self, s: Id, ns: &str, local: &str, o: Id) {
        let p = self.term(ns, local);
        self.g.add(s, p, o);
    }

    fn a(&mut self, s: Id, ns: &str, class: &str) {
        let p = self.iri(rdf::TYPE);
        let o = self.term(ns, class);
        self.g.add(s, p, o);
    }

    fn link(&mut self, s: Id, ns: &str, local: &str, iri: &str) {
        let o = self.iri(iri);
        self.add(s, ns, local, o);
    }

    fn literal(&mut self, s: Id, ns: &str, local: &str, value: &str, dt: Datatype) {
        let o = self.g.literal(value, dt);
        self.add(s, ns, local, o);
    }
}

impl Description {
    pub fn new(facts: &Facts<'_>) -> Description {
        let created = iso8601(facts.created);
        let mut b = Builder {
            g: FigureGraph::new(),
        };
        let d = b.iri(DATASET);
        b.g.set_name(d);
        b.a(d, VOID, "Dataset");
        b.a(d, DCAT, "Dataset");
        b.literal(
            d,
            iri::DCTERMS,
            "title",
            "PFOCR: pathway figures of PubMed Central articles, with the genes, chemicals and diseases recognised in them",
            Datatype::String,
        );
        b.literal(
            d,
            iri::DCTERMS,
            "description",
            "Pathway Figure OCR (PFOCR) records converted to RDF by pfocr2rdf: one pfocr:Figure per figure, its article, and one oa:Annotation per gene, chemical and disease mention.",
            Datatype::String,
        );
        b.link(d, iri::DCTERMS, "license", iri::CC0);
        b.link(d, iri::DCTERMS, "source", PFOCR_SITE);
        b.link(d, iri::DCTERMS, "publisher", iri::WIKIPATHWAYS_ORG);
        b.literal(d, iri::DCTERMS, "created", &created, Datatype::DateTime);
        b.link(d, DCAT, "landingPage", PFOCR_SITE);
        for k in [
            "pathway figure",
            "optical character recognition",
            "PubMed Central",
        ] {
            b.literal(d, DCAT, "keyword", k, Datatype::String);
        }
        let int = |n: u64| n.to_string();
        b.literal(d, VOID, "triples", &int(facts.triples), Datatype::Integer);
        let entities = int(facts.stats.entities);
        b.literal(d, VOID, "entities", &entities, Datatype::Integer);
        b.literal(d, VOID, "distinctSubjects", &entities, Datatype::Integer);
        let figures = b.term(DATASET, "#figures");
        b.add(d, VOID, "classPartition", figures);
        for (i, ns) in VOCABULARIES.iter().enumerate() {
            if facts.stats.vocabularies & (1 << i) != 0 {
                let ns = if *ns == iri::SCHEMA {
                    facts.schema_ns
                } else {
                    ns
                };
                b.link(d, VOID, "vocabulary", ns.strip_suffix('#').unwrap_or(ns));
            }
        }
        for e in &facts.stats.examples {
            b.link(d, VOID, "exampleResource", e);
        }
        let feature = match facts.format {
            Format::Turtle => "Turtle",
            Format::NTriples => "N-Triples",
            Format::NQuads => "N-Quads",
            Format::TriG => "TriG",
            Format::JsonLd => "JSON-LD",
            // KGX and SPARQL Update have no dataset description (`convert_to`).
            Format::Kgx | Format::KgxJsonl | Format::SparqlUpdate => {
                unreachable!("no description of {}", facts.format)
            }
        };
        let feature = b.term(FORMATS, feature);
        b.add(d, VOID, "feature", feature);
        let activity = b.term(DATASET, "#conversion");
        b.add(d, PROV, "wasGeneratedBy", activity);
        let declarations: Vec<Id> = facts
            .prefixes
            .iter()
            .map(|(pfx, _)| {
                let decl = b.g.iri_with(|s| {
                    s.push_str(DATASET);
                    s.push_str("#prefix-");
                    s.push_str(pfx);
                });
                b.add(d, SH, "declare", decl);
                decl
            })
            .collect();

        b.a(figures, VOID, "Dataset");
        let figure_class = b.term(iri::PFOCR, "Figure");
        b.add(figures, VOID, "class", figure_class);
        b.literal(
            figures,
            VOID,
            "entities",
            &int(facts.figures),
            Datatype::Integer,
        );

        let tool = b.g.iri_with(|s| {
            s.push_str(TOOL);
            s.push_str(TOOL_VERSION);
        });
        b.a(activity, PROV, "Activity");
        b.add(activity, PROV, "wasAssociatedWith", tool);
        b.literal(activity, PROV, "endedAtTime", &created, Datatype::DateTime);
        b.a(tool, PROV, "SoftwareAgent");
        b.literal(
            tool,
            rdfs::NS,
            "label",
            &format!("pfocr2rdf {TOOL_VERSION} (pfocr vocabulary {VOCAB_VERSION})"),
            Datatype::String,
        );
        b.literal(tool, owl::NS, "versionInfo", TOOL_VERSION, Datatype::String);

        for (&decl, (pfx, ns)) in declarations.iter().zip(facts.prefixes) {
            b.a(decl, SH, "PrefixDeclaration");
            b.literal(decl, SH, "prefix", pfx, Datatype::String);
            b.literal(decl, SH, "namespace", ns, Datatype::AnyUri);
        }
        b.g.finish();
        Description {
            format: facts.format,
            graph: b.g,
        }
    }

    /// The description as a part of an open document of its format: after
    /// the figures (and the separator, for JSON-LD), before the footer.
    /// Turtle and TriG declare the description's own prefixes first.
    pub fn inline(&self) -> Vec<u8> {
        let serializer = self.format.serializer(PREFIXES);
        let mut out = Vec::new();
        if matches!(self.format, Format::Turtle | Format::TriG) {
            serializer.header(&mut out);
        }
        serializer.figure(&self.graph, &mut out);
        out
    }

    /// The description as a document of its own.
    pub fn document(&self) -> Vec<u8> {
        let serializer = self.format.serializer(PREFIXES);
        let mut out = Vec::new();
        serializer.header(&mut out);
        serializer.figure(&self.graph, &mut out);
        serializer.footer(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(iso8601(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn vocabulary_bits() {
        assert_eq!(
            vocabulary_bit("http://schema.org/name", iri::SCHEMA),
            1 << 2
        );
        assert_eq!(
            vocabulary_bit("http://schema.org/name", iri::SCHEMA_HTTPS),
            0
        );
        assert_eq!(
            vocabulary_bit("https://w3id.org/pfocr/vocab#Figure", iri::SCHEMA),
            1 << 7
        );
        assert_eq!(
            vocabulary_bit("https://identifiers.org/ncbigene/1", iri::SCHEMA),
            0
        );
    }
}
