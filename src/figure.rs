//! One record in, one figure out: the library's entry point for callers
//! that hold a record's text (from a file, a database, a network) and want
//! its triples as [`oxrdf`] terms.

use std::fmt;
use std::path::PathBuf;

use oxrdf::{GraphNameRef, NamedNodeRef, QuadRef, TripleRef};

use crate::convert::Options;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::graph::FigureGraph;
use crate::map::Mapper;
use crate::read::{self, Found, Kind, Record, Source};

/// A record's text: its front-matter file and, for the current generation,
/// its companion TSV files.
#[derive(Clone, Debug, Default)]
pub struct RecordText<'a> {
    path: &'a str,
    front_matter: &'a str,
    companions: Vec<(Kind, &'a str, &'a str)>,
}

impl<'a> RecordText<'a> {
    /// A front-matter file's text (`---`, YAML, `---`, an ignored body);
    /// `path` names it in diagnostics.
    pub fn new(path: &'a str, front_matter: &'a str) -> Self {
        RecordText {
            path,
            front_matter,
            companions: Vec::new(),
        }
    }

    /// Adds a companion TSV (`_data/<figid>-genes.tsv`, ...) of `kind`;
    /// `path` names it in diagnostics.
    pub fn companion(mut self, kind: Kind, path: &'a str, text: &'a str) -> Self {
        self.companions.push((kind, path, text));
        self
    }
}

/// Converts records to [`Figure`]s. Cheap to share between threads.
#[derive(Clone, Debug)]
pub struct Converter {
    mapper: Mapper,
}

impl Converter {
    /// A converter for `options` (of which only
    /// [`schema_https`](Options::schema_https) matters here).
    pub fn new(options: &Options) -> Self {
        Converter {
            mapper: Mapper::new(options.schema_https),
        }
    }

    /// Converts one record. Values that give no triple are warnings on the
    /// figure ([`Figure::warnings`]); a record that cannot be converted at
    /// all is an error.
    ///
    /// ```
    /// use pfocr2rdf::{Converter, Options, RecordText};
    ///
    /// let text = "---\nfigid: PMC1__f1.jpg\nfigtitle: A pathway\npmcid: PMC1\nyear: MMXX\n---\n";
    /// let figure = Converter::new(&Options::default())
    ///     .convert(&RecordText::new("f1.md", text))
    ///     .unwrap();
    /// assert_eq!(figure.iri().as_str(), "https://pfocr.wikipathways.org/figures/PMC1__f1.jpg.html");
    /// assert!(figure.triples().any(|t| t.predicate.as_str() == "http://schema.org/name"));
    /// // The year is not an xsd:gYear: a warning, no triple.
    /// assert_eq!(figure.warnings()[0].field, "year");
    /// ```
    pub fn convert(&self, record: &RecordText<'_>) -> Result<Figure, RecordError> {
        let mut diags = Diagnostics::default();
        let r = read::record_from_text(
            record.path,
            record.front_matter,
            &record.companions,
            &mut diags,
        );
        self.map(r, diags)
    }

    /// The figures of files and folders, one at a time, in input order
    /// (a folder with `_figures/` pairs each figure with its `_data/`
    /// TSVs, as the command line does). Each `Err` holds what was found
    /// wrong with one record, or a problem of the inputs themselves (a
    /// missing path, a TSV without its figure), whose severity says
    /// whether a record was lost. Standard input (`-`) is not read.
    pub fn figures(
        &self,
        inputs: &[PathBuf],
    ) -> impl Iterator<Item = Result<Figure, RecordError>> + '_ {
        read::Discovery::new(inputs).filter_map(move |found| match found {
            Found::Problem(d) => Some(Err(RecordError {
                diagnostics: vec![d],
            })),
            Found::Source(Source::File { path, companions }) => {
                let mut diags = Diagnostics::default();
                let mut files = read::Files::default();
                let r = read::load_file(&path, &companions, &mut files, &mut diags);
                Some(self.map(r, diags))
            }
            Found::Source(Source::Stdin) => None,
        })
    }

    fn map(
        &self,
        record: Option<Record<'_>>,
        mut diags: Diagnostics,
    ) -> Result<Figure, RecordError> {
        let mut graph = FigureGraph::new();
        let figid = record.and_then(|r| self.mapper.map(&r, &mut graph, &mut diags));
        match figid {
            Some(figid) if !diags.has_errors() => {
                graph.finish();
                Ok(Figure {
                    graph,
                    figid,
                    warnings: diags.diagnostics,
                    unmapped: diags.unmapped,
                })
            }
            _ => Err(RecordError {
                diagnostics: diags.diagnostics,
            }),
        }
    }
}

/// One converted figure: its triples, all in the named graph of the figure
/// IRI `F`, with no duplicates and no blank nodes.
pub struct Figure {
    graph: FigureGraph,
    figid: String,
    warnings: Vec<Diagnostic>,
    unmapped: Vec<String>,
}

impl Figure {
    /// The trimmed figid.
    pub fn figid(&self) -> &str {
        &self.figid
    }

    /// The figure IRI `https://pfocr.wikipathways.org/figures/{figid}.html`,
    /// also the graph name of its quads.
    pub fn iri(&self) -> NamedNodeRef<'_> {
        self.graph
            .name()
            .and_then(|t| t.to_named_node())
            .expect("a mapped figure has a name")
    }

    /// The triples, grouped by subject.
    pub fn triples(&self) -> impl Iterator<Item = TripleRef<'_>> + '_ {
        self.graph.oxrdf_triples()
    }

    /// The triples as quads in the figure's named graph.
    pub fn quads(&self) -> impl Iterator<Item = QuadRef<'_>> + '_ {
        let name = GraphNameRef::NamedNode(self.iri());
        self.triples().map(move |t| t.in_graph(name))
    }

    /// The number of triples.
    pub fn len(&self) -> usize {
        self.graph.len()
    }

    /// Whether the figure has no triples (never, for a converted figure).
    pub fn is_empty(&self) -> bool {
        self.graph.is_empty()
    }

    /// The figure's `pfocr:sourceDigest`: 64 hex digits that change
    /// exactly when the figure's inputs, the mapping version or an option
    /// that changes triples change (recipe: `vocab/README.md`).
    pub fn source_digest(&self) -> &str {
        match self.graph.last() {
            Some([_, _, crate::graph::Term::Literal(digest, _)]) => digest,
            _ => unreachable!("every mapped figure has a source digest"),
        }
    }

    /// Values that gave no triple, each with its file, line and field.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Keys of the record the mapping does not know (their values gave no
    /// triple), in order of appearance.
    pub fn unmapped_keys(&self) -> &[String] {
        &self.unmapped
    }
}

impl fmt::Debug for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Figure")
            .field("figid", &self.figid)
            .field("triples", &self.len())
            .field("warnings", &self.warnings.len())
            .finish()
    }
}

/// A record that could not be converted, with every problem found in it
/// (an error, and the warnings before it); or, from
/// [`Converter::figures`], a problem of the inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    diagnostics: Vec<Diagnostic>,
}

impl RecordError {
    /// Every problem, in the order found.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The first error (or, for a problem of the inputs that lost no
    /// record, that problem).
    pub fn error(&self) -> &Diagnostic {
        self.diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(self.diagnostics.first())
            .expect("a record error holds a diagnostic")
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error().fmt(f)
    }
}

impl std::error::Error for RecordError {}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = "---\nfigid: PMC1__f1.jpg\npmcid: PMC1\n---\n";

    #[test]
    fn companions_add_mentions_in_the_figure_graph() {
        let tsv = "word\tmesh\tmatch\tname\tchebi\nATP\tmesh:D000255\tAdenosine Triphosphate\tATP\tchebi:15422\n";
        let figure = Converter::new(&Options::default())
            .convert(&RecordText::new("f.md", RECORD).companion(
                Kind::Chemicals,
                "f-chemicals.tsv",
                tsv,
            ))
            .unwrap();
        let f = figure.iri();
        assert!(figure.triples().any(|t| {
            t.subject == f.into()
                && t.predicate.as_str() == "http://schema.org/mentions"
                && t.object
                    == NamedNodeRef::new_unchecked("http://purl.obolibrary.org/obo/CHEBI_15422")
                        .into()
        }));
        assert_eq!(figure.quads().count(), figure.len());
        assert!(
            figure
                .quads()
                .all(|q| q.graph_name == GraphNameRef::NamedNode(f))
        );
    }

    #[test]
    fn a_record_without_figid_is_an_error() {
        let e = Converter::new(&Options::default())
            .convert(&RecordText::new("x.md", "---\ntitle: x\n---\n"))
            .unwrap_err();
        assert_eq!(e.error().field, "figid");
        assert_eq!(e.error().path, "x.md");
        assert!(e.to_string().starts_with("x.md:"), "{e}");
        let broken = Converter::new(&Options::default())
            .convert(&RecordText::new("y.md", "figid: x\n"))
            .unwrap_err();
        assert!(broken.to_string().contains("front matter"), "{broken}");
    }
}
