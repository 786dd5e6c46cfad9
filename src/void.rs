//! The dataset description (`--void`, `--void-only`): a VoID and DCAT
//! description of the dump, with the SHACL prefix declarations
//! (`sh:declare`) SPARQL tools read, written in the dump's own format.
//!
//! Every node of the description is an IRI (no blank nodes), under the
//! dataset IRI [`DATASET`], so loading a new description after dropping the
//! old one (its named graph in N-Quads and TriG is [`DATASET`]) is clean.
//!
//! Definitions:
//! * `void:triples`: the triples written for the figures, as
//!   [`Summary::triples`](crate::Summary::triples): each figure's triples
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

use crate::convert::{Options, Summary};
use crate::graph::{FigureGraph, Term};
use crate::map::iri;
use crate::write::Format;

/// The dataset IRI: the subject of the description, and its graph name.
pub const DATASET: &str = "https://w3id.org/pfocr/dataset";
/// The converter, as a PROV software agent (a version is appended).
pub const TOOL: &str = "https://w3id.org/pfocr/pfocr2rdf/";
/// The version of the `pfocr:` vocabulary (`owl:versionInfo` of
/// `vocab/pfocr.ttl`, read by `build.rs`).
pub const VOCAB_VERSION: &str = env!("PFOCR_VOCAB_VERSION");
/// This tool's version.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
/// How many example resources (the first figures, in output order).
pub const EXAMPLES: usize = 3;

const VOID: &str = "http://rdfs.org/ns/void#";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const SH: &str = "http://www.w3.org/ns/shacl#";
const PROV: &str = "http://www.w3.org/ns/prov#";
const OWL: &str = "http://www.w3.org/2002/07/owl#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";
const PFOCR_SITE: &str = "https://pfocr.wikipathways.org/";

/// The vocabularies the mapping can use, in the order they are listed.
/// `schema` is replaced by the namespace in use.
const VOCABULARIES: [&str; 8] = [
    iri::RDF,
    iri::RDFS,
    iri::SCHEMA,
    iri::DCTERMS,
    iri::FOAF,
    iri::OA,
    iri::WP,
    iri::PFOCR,
];

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

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
            if p == RDF_TYPE
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

enum Object {
    Iri(String),
    /// Lexical form, datatype IRI (`None`: `xsd:string`).
    Literal(String, Option<&'static str>),
}

/// The description of one dump, ready to serialize.
pub struct Description {
    format: Format,
    /// Subject, predicate, object; grouped by subject.
    triples: Vec<(String, String, Object)>,
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

/// The creation time: `SOURCE_DATE_EPOCH` when set (reproducible output),
/// else now. An unparsable `SOURCE_DATE_EPOCH` is an error.
pub fn created_from_env() -> Result<i64, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<i64>().map_err(|_| {
            format!("SOURCE_DATE_EPOCH={v:?} is not a whole number of seconds since 1970")
        }),
        Err(_) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)),
    }
}

impl Description {
    pub fn new(opts: &Options, summary: &Summary) -> Description {
        let schema = if opts.schema_https {
            iri::SCHEMA_HTTPS
        } else {
            iri::SCHEMA
        };
        let created = iso8601(
            opts.created
                .unwrap_or_else(|| created_from_env().unwrap_or(0)),
        );
        let d = DATASET.to_owned();
        let mut t: Vec<(String, String, Object)> = Vec::new();
        let mut add = |s: &str, p: String, o: Object| t.push((s.to_owned(), p, o));
        let iri = |s: &str| Object::Iri(s.to_owned());
        let lit = |s: &str| Object::Literal(s.to_owned(), None);
        let typed = |s: String, dt: &'static str| Object::Literal(s, Some(dt));
        let int = "http://www.w3.org/2001/XMLSchema#integer";
        let date_time = "http://www.w3.org/2001/XMLSchema#dateTime";
        let any_uri = "http://www.w3.org/2001/XMLSchema#anyURI";
        let p = |ns: &str, local: &str| format!("{ns}{local}");

        add(&d, p(iri::RDF, "type"), iri(&p(VOID, "Dataset")));
        add(&d, p(iri::RDF, "type"), iri(&p(DCAT, "Dataset")));
        add(
            &d,
            p(iri::DCTERMS, "title"),
            lit(
                "PFOCR: pathway figures of PubMed Central articles, with the genes, chemicals and diseases recognised in them",
            ),
        );
        add(
            &d,
            p(iri::DCTERMS, "description"),
            lit(
                "Pathway Figure OCR (PFOCR) records converted to RDF by pfocr2rdf: one pfocr:Figure per figure, its article, and one oa:Annotation per gene, chemical and disease mention.",
            ),
        );
        add(&d, p(iri::DCTERMS, "license"), iri(iri::CC0));
        add(&d, p(iri::DCTERMS, "source"), iri(PFOCR_SITE));
        add(&d, p(iri::DCTERMS, "publisher"), iri(iri::WIKIPATHWAYS_ORG));
        add(
            &d,
            p(iri::DCTERMS, "created"),
            typed(created.clone(), date_time),
        );
        add(&d, p(DCAT, "landingPage"), iri(PFOCR_SITE));
        for k in [
            "pathway figure",
            "optical character recognition",
            "PubMed Central",
        ] {
            add(&d, p(DCAT, "keyword"), lit(k));
        }
        add(
            &d,
            p(VOID, "triples"),
            typed(summary.triples.to_string(), int),
        );
        add(
            &d,
            p(VOID, "entities"),
            typed(summary.stats.entities.to_string(), int),
        );
        add(
            &d,
            p(VOID, "distinctSubjects"),
            typed(summary.stats.entities.to_string(), int),
        );
        let figures = format!("{DATASET}#figures");
        add(&d, p(VOID, "classPartition"), iri(&figures));
        for (i, ns) in VOCABULARIES.iter().enumerate() {
            if summary.stats.vocabularies & (1 << i) != 0 {
                let ns = if *ns == iri::SCHEMA { schema } else { ns };
                add(
                    &d,
                    p(VOID, "vocabulary"),
                    iri(ns.strip_suffix('#').unwrap_or(ns)),
                );
            }
        }
        for e in &summary.stats.examples {
            add(&d, p(VOID, "exampleResource"), iri(e));
        }
        let feature = match opts.format {
            Format::Turtle => "Turtle",
            Format::NTriples => "N-Triples",
            Format::NQuads => "N-Quads",
            Format::TriG => "TriG",
            Format::JsonLd => "JSON-LD",
        };
        add(&d, p(VOID, "feature"), iri(&p(FORMATS, feature)));
        let activity = format!("{DATASET}#conversion");
        add(&d, p(PROV, "wasGeneratedBy"), iri(&activity));
        let prefixes: Vec<(&str, &str)> = iri::PREFIXES
            .iter()
            .map(|&(pfx, ns)| {
                if pfx == "schema" {
                    (pfx, schema)
                } else {
                    (pfx, ns)
                }
            })
            .collect();
        for (pfx, _) in &prefixes {
            add(
                &d,
                p(SH, "declare"),
                iri(&format!("{DATASET}#prefix-{pfx}")),
            );
        }

        add(&figures, p(iri::RDF, "type"), iri(&p(VOID, "Dataset")));
        add(&figures, p(VOID, "class"), iri(&p(iri::PFOCR, "Figure")));
        add(
            &figures,
            p(VOID, "entities"),
            typed(summary.converted.to_string(), int),
        );

        let tool = format!("{TOOL}{TOOL_VERSION}");
        add(&activity, p(iri::RDF, "type"), iri(&p(PROV, "Activity")));
        add(&activity, p(PROV, "wasAssociatedWith"), iri(&tool));
        add(&activity, p(PROV, "endedAtTime"), typed(created, date_time));
        add(&tool, p(iri::RDF, "type"), iri(&p(PROV, "SoftwareAgent")));
        add(
            &tool,
            p(iri::RDFS, "label"),
            lit(&format!(
                "pfocr2rdf {TOOL_VERSION} (pfocr vocabulary {VOCAB_VERSION})"
            )),
        );
        add(&tool, p(OWL, "versionInfo"), lit(TOOL_VERSION));

        for (pfx, ns) in &prefixes {
            let decl = format!("{DATASET}#prefix-{pfx}");
            add(&decl, p(iri::RDF, "type"), iri(&p(SH, "PrefixDeclaration")));
            add(&decl, p(SH, "prefix"), lit(pfx));
            add(&decl, p(SH, "namespace"), typed((*ns).to_owned(), any_uri));
        }
        Description {
            format: opts.format,
            triples: t,
        }
    }

    /// The number of triples of the description.
    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// The description as a part of an open document of its format: after
    /// the figures (and the separator, for JSON-LD), before the footer.
    pub fn inline(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self.format {
            Format::NTriples | Format::NQuads => self.lines(&mut out),
            Format::Turtle | Format::TriG => self.turtle(&mut out),
            Format::JsonLd => self.nodes(&mut out),
        }
        out
    }

    /// The description as a document of its own.
    pub fn document(&self) -> Vec<u8> {
        match self.format {
            Format::JsonLd => {
                let mut out = b"[\n".to_vec();
                self.nodes(&mut out);
                out.extend_from_slice(b"\n]\n");
                out
            }
            _ => self.inline(),
        }
    }

    fn lines(&self, out: &mut Vec<u8>) {
        for (s, p, o) in &self.triples {
            push_iri(out, s);
            out.push(b' ');
            push_iri(out, p);
            out.push(b' ');
            push_object(out, o, &[]);
            if self.format == Format::NQuads {
                out.push(b' ');
                push_iri(out, DATASET);
            }
            out.extend_from_slice(b" .\n");
        }
    }

    fn turtle(&self, out: &mut Vec<u8>) {
        let prefixes: &[(&str, &str)] = &[
            ("rdf", iri::RDF),
            ("rdfs", iri::RDFS),
            ("xsd", iri::XSD),
            ("owl", OWL),
            ("dcterms", iri::DCTERMS),
            ("void", VOID),
            ("dcat", DCAT),
            ("prov", PROV),
            ("sh", SH),
        ];
        out.extend_from_slice(
            b"# The dataset description (VoID, DCAT, SHACL prefix declarations).\n",
        );
        for (pfx, ns) in prefixes {
            out.extend_from_slice(format!("@prefix {pfx}: <{ns}> .\n").as_bytes());
        }
        out.push(b'\n');
        let trig = self.format == Format::TriG;
        let indent = if trig { "    " } else { "" };
        if trig {
            push_iri(out, DATASET);
            out.extend_from_slice(b" {\n");
        }
        let mut i = 0;
        while i < self.triples.len() {
            let s = &self.triples[i].0;
            out.extend_from_slice(indent.as_bytes());
            push_iri(out, s);
            let mut first = true;
            while i < self.triples.len() && &self.triples[i].0 == s {
                let (_, p, o) = &self.triples[i];
                if !first {
                    out.extend_from_slice(format!(" ;\n{indent}   ").as_bytes());
                }
                first = false;
                out.push(b' ');
                if p == RDF_TYPE {
                    out.push(b'a');
                } else {
                    push_name(out, p, prefixes);
                }
                out.push(b' ');
                push_object(out, o, prefixes);
                i += 1;
            }
            out.extend_from_slice(b" .\n");
        }
        if trig {
            out.extend_from_slice(b"}\n");
        }
        out.push(b'\n');
    }

    fn nodes(&self, out: &mut Vec<u8>) {
        let mut i = 0;
        while i < self.triples.len() {
            let s = &self.triples[i].0;
            if i > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend_from_slice(b"{\"@id\":");
            push_json(out, s);
            // Properties in order of first appearance, values grouped.
            let mut props: Vec<&str> = Vec::new();
            let start = i;
            while i < self.triples.len() && &self.triples[i].0 == s {
                let p = self.triples[i].1.as_str();
                if !props.contains(&p) {
                    props.push(p);
                }
                i += 1;
            }
            for p in props {
                out.push(b',');
                if p == RDF_TYPE {
                    out.extend_from_slice(b"\"@type\"");
                } else {
                    push_json(out, p);
                }
                out.extend_from_slice(b":[");
                let mut first = true;
                for (_, _, o) in self.triples[start..i].iter().filter(|t| t.1 == p) {
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    match (p == RDF_TYPE, o) {
                        (true, Object::Iri(c)) => push_json(out, c),
                        (_, Object::Iri(v)) => {
                            out.extend_from_slice(b"{\"@id\":");
                            push_json(out, v);
                            out.push(b'}');
                        }
                        (_, Object::Literal(v, dt)) => {
                            out.extend_from_slice(b"{\"@value\":");
                            push_json(out, v);
                            if let Some(dt) = dt {
                                out.extend_from_slice(b",\"@type\":");
                                push_json(out, dt);
                            }
                            out.push(b'}');
                        }
                    }
                }
                out.push(b']');
            }
            out.push(b'}');
        }
    }
}

fn push_iri(out: &mut Vec<u8>, iri: &str) {
    out.push(b'<');
    out.extend_from_slice(iri.as_bytes());
    out.push(b'>');
}

/// A prefixed name when a prefix fits and the local part is plain, else `<iri>`.
fn push_name(out: &mut Vec<u8>, iri: &str, prefixes: &[(&str, &str)]) {
    for (pfx, ns) in prefixes {
        if let Some(local) = iri.strip_prefix(ns)
            && !local.is_empty()
            && local.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            out.extend_from_slice(format!("{pfx}:{local}").as_bytes());
            return;
        }
    }
    push_iri(out, iri);
}

/// Escapes a literal for N-Triples and Turtle. The description's literals
/// are this module's own text, prefixes and namespaces, but escape anyway.
fn push_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04X}", c as u32).as_bytes())
            }
            c => {
                let mut b = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
        }
    }
    out.push(b'"');
}

fn push_object(out: &mut Vec<u8>, o: &Object, prefixes: &[(&str, &str)]) {
    match o {
        Object::Iri(i) if prefixes.is_empty() => push_iri(out, i),
        Object::Iri(i) => push_name(out, i, prefixes),
        Object::Literal(v, dt) => {
            push_string(out, v);
            if let Some(dt) = dt {
                out.extend_from_slice(b"^^");
                if prefixes.is_empty() {
                    push_iri(out, dt);
                } else {
                    push_name(out, dt, prefixes);
                }
            }
        }
    }
}

fn push_json(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(serde_json::to_string(s).expect("a string").as_bytes());
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
