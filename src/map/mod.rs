//! Mapping: one [`Record`] → the triples of one figure. This is the only
//! module that knows the vocabulary (MAPPING.md).

pub mod iri;
pub mod organisms;
pub mod values;

use crate::diag::{Diagnostics, show};
use crate::graph::{Datatype, FigureGraph, Id};
use std::sync::OnceLock;

use crate::read::{GeneRow, Record, Rows, TermRow, Text, Value};
use iri::{Part, push_encoded, push_key};

/// Every constant IRI the mapper writes, by name: `C::X` indexes the
/// resolved table (schema.org's namespace is chosen at run time).
macro_rules! vocabulary {
    ($($name:ident = $ns:ident : $local:literal),* $(,)?) => {
        #[derive(Clone, Copy, Debug)]
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, clippy::enum_variant_names)]
        enum C { $($name),* }
        const TERMS: &[(&str, &str)] = &[$((iri::$ns, $local)),*];
    };
}

vocabulary! {
    TYPE = RDF:"type",
    LABEL = RDFS:"label", SEE_ALSO = RDFS:"seeAlso",
    DC_IDENTIFIER = DCTERMS:"identifier", DC_TITLE = DCTERMS:"title",
    DC_DESCRIPTION = DCTERMS:"description", DC_LICENSE = DCTERMS:"license",
    DC_IS_PART_OF = DCTERMS:"isPartOf", DC_CITATION = DCTERMS:"bibliographicCitation",
    DC_ISSUED = DCTERMS:"issued",
    FOAF_PAGE = FOAF:"page",
    OA_ANNOTATION = OA:"Annotation", OA_TARGET = OA:"hasTarget", OA_BODY = OA:"hasBody",
    WP_ORGANISM_NAME = WP:"organismName", WP_ORGANISM = WP:"organism",
    WP_HGNC = WP:"bdbHgncSymbol",
    FIGURE = PFOCR:"Figure", GENE_MENTION = PFOCR:"GeneMention",
    CHEMICAL_MENTION = PFOCR:"ChemicalMention", DISEASE_MENTION = PFOCR:"DiseaseMention",
    FIGURE_NUMBER = PFOCR:"figureNumber", FIGURE_TYPE = PFOCR:"figureType",
    REDIRECT_FROM = PFOCR:"redirectFrom", NER_ORGANISM_NAME = PFOCR:"nerOrganismName",
    NER_ORGANISM = PFOCR:"nerOrganism", PATHWAY_SCORE = PFOCR:"pathwayScore",
    AUTOML = PFOCR:"automlPathwayScore", PMC_INDEX = PFOCR:"pmcRankedResultIndex",
    NDEX_NETWORK = PFOCR:"ndexNetwork", SEO_TYPE = PFOCR:"seoType",
    WIKIPATHWAY = PFOCR:"wikipathway", OCR_WORD = PFOCR:"ocrWord",
    LEXICON_SOURCE = PFOCR:"lexiconSource", MATCHED_TEXT = PFOCR:"matchedText",
    SYMBOL = PFOCR:"symbol", COUNT_DIRECT = PFOCR:"countDirect",
    COUNT_SYNONYM = PFOCR:"countSynonym", COUNT_MATCH = PFOCR:"countMatch",
    ORGANISM_GROUP = PFOCR:"organismGroup",
    CC0 = CC0:"", WIKIPATHWAYS_ORG = WIKIPATHWAYS_ORG:"",
    SDataset = SCHEMA:"Dataset",
    SImageObject = SCHEMA:"ImageObject",
    SOrganization = SCHEMA:"Organization",
    SPeriodical = SCHEMA:"Periodical",
    SScholarlyArticle = SCHEMA:"ScholarlyArticle",
    SAlternateName = SCHEMA:"alternateName",
    SCreator = SCHEMA:"creator",
    SDatePublished = SCHEMA:"datePublished",
    SDescription = SCHEMA:"description",
    SImage = SCHEMA:"image",
    SIsPartOf = SCHEMA:"isPartOf",
    SKeywords = SCHEMA:"keywords",
    SLicense = SCHEMA:"license",
    SMentions = SCHEMA:"mentions",
    SName = SCHEMA:"name",
    SPublisher = SCHEMA:"publisher",
    SSameAs = SCHEMA:"sameAs",
    SUrl = SCHEMA:"url",
}

/// The table of [`C`] resolved for one schema.org namespace. Built once per
/// process and namespace, so terms are `&'static str` the graph can hold.
fn terms(schema_https: bool) -> &'static [&'static str] {
    static HTTP: OnceLock<Vec<&'static str>> = OnceLock::new();
    static HTTPS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let cell = if schema_https { &HTTPS } else { &HTTP };
    cell.get_or_init(|| {
        TERMS
            .iter()
            .map(|&(ns, local)| {
                let ns = if ns == iri::SCHEMA && schema_https {
                    iri::SCHEMA_HTTPS
                } else {
                    ns
                };
                &*Box::leak(format!("{ns}{local}").into_boxed_str())
            })
            .collect()
    })
}

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

/// What one mapped record was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    /// The trimmed figid (to find a figure given twice).
    pub figid: String,
}

impl Mapper {
    /// `schema_https`: write `https://schema.org/` terms instead of `http://`.
    pub fn new(schema_https: bool) -> Self {
        Mapper {
            schema_https,
            terms: terms(schema_https),
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

    /// Maps one record into `g` (cleared first). Values that give no triple
    /// are reported as warnings; a record that cannot be mapped at all (no
    /// figid) is reported as an error and gives `None`.
    pub fn map(&self, r: &Record, g: &mut FigureGraph, report: &mut Diagnostics) -> Option<Mapped> {
        g.clear();
        for (key, line) in &r.unmapped {
            report.unmapped.push(key.clone());
            let _ = line;
        }
        let Some(figid) = present(&r.figid) else {
            let line = r.figid.as_ref().map_or(Some(r.line), |t| Some(t.line));
            report.error(
                &r.path,
                line,
                "figid",
                "missing figid: the record has no figure identifier".into(),
            );
            return None;
        };
        let f = g.iri_with(|b| iri::push_figure(b, &figid.text));
        g.set_name(f);
        let mut cx = Cx {
            terms: self.terms,
            r,
            g,
            report,
            f,
        };
        cx.figure(figid);
        Some(Mapped {
            figid: figid.text.trim().to_owned(),
        })
    }
}

/// A value that is present and not a missing-value sentinel.
fn present(v: &Value) -> Option<&Text> {
    v.as_ref().filter(|t| !values::is_sentinel(&t.text))
}

struct Cx<'a> {
    terms: &'static [&'static str],
    r: &'a Record,
    g: &'a mut FigureGraph,
    report: &'a mut Diagnostics,
    f: Id,
}

impl<'a> Cx<'a> {
    /// A vocabulary term: no hashing, one table look-up per figure.
    fn c(&mut self, term: C) -> Id {
        self.g.constant(term as usize, self.terms[term as usize])
    }

    fn add(&mut self, s: Id, p: Id, o: Id) {
        self.g.add(s, p, o);
    }

    fn a(&mut self, s: Id, class: Id) {
        let p = self.c(C::TYPE);
        self.add(s, p, class);
    }

    /// A string on a mention (a fresh node): not looked up.
    fn mention_string(&mut self, m: Id, p: Id, v: &Text) {
        let o = self.g.fresh_literal(&v.text, Datatype::String);
        self.add(m, p, o);
    }

    fn string(&mut self, s: Id, p: Id, v: &Text) {
        let o = self.g.literal(&v.text, Datatype::String);
        self.add(s, p, o);
    }

    fn warn(&mut self, path: &str, line: u32, field: Field<'_>, message: String) {
        self.report
            .warn(path, Some(line), &field.to_string(), message);
    }

    /// A typed literal: trimmed, checked against its lexical space.
    fn typed(&mut self, s: Id, p: Id, v: &Text, dt: Datatype, field: Field<'_>, path: &str) {
        let lexical = v.text.trim();
        let ok = match dt {
            Datatype::Integer => values::is_integer(lexical),
            Datatype::Decimal => values::is_decimal(lexical),
            Datatype::GYear => values::is_gyear(lexical),
            Datatype::String => true,
        };
        if ok {
            let o = self.g.literal(lexical, dt);
            self.add(s, p, o);
        } else {
            let name = match dt {
                Datatype::Integer => "xsd:integer",
                Datatype::Decimal => "xsd:decimal",
                Datatype::GYear => "xsd:gYear",
                Datatype::String => "xsd:string",
            };
            self.warn(
                path,
                v.line,
                field,
                format!("{} is not a valid {name}: no triple", show(&v.text)),
            );
        }
    }

    /// An identifier checked against its pattern: the trimmed id, or a
    /// warning and `None`.
    fn id<'v>(
        &mut self,
        v: &'v Text,
        ok: fn(&str) -> bool,
        what: &str,
        field: Field<'_>,
        path: &str,
    ) -> Option<&'v str> {
        let id = v.text.trim();
        if ok(id) {
            Some(id)
        } else {
            self.warn(
                path,
                v.line,
                field,
                format!("{} is not a valid {what}: no triple", show(&v.text)),
            );
            None
        }
    }

    fn figure(&mut self, figid: &Text) {
        let r = self.r;
        let path = r.path.as_str();
        let f = self.f;

        let dataset = self.c(C::SDataset);
        self.a(f, dataset);
        let figure_class = self.c(C::FIGURE);
        self.a(f, figure_class);
        let p = self.c(C::DC_IDENTIFIER);
        let o = self.g.literal(figid.text.trim(), Datatype::String);
        self.add(f, p, o);

        let (dc_title, s_name) = (self.c(C::DC_TITLE), self.c(C::SName));
        self.both(f, &r.figtitle, dc_title, s_name);
        let (dc_desc, s_desc) = (self.c(C::DC_DESCRIPTION), self.c(C::SDescription));
        self.both(f, &r.caption, dc_desc, s_desc);

        // License and creator, on every figure.
        let cc0 = self.c(C::CC0);
        let p = self.c(C::DC_LICENSE);
        self.add(f, p, cc0);
        let p = self.c(C::SLicense);
        self.add(f, p, cc0);
        let wikipathways = self.c(C::WIKIPATHWAYS_ORG);
        let p = self.c(C::SCreator);
        self.add(f, p, wikipathways);
        let org = self.c(C::SOrganization);
        self.a(wikipathways, org);
        let p = self.c(C::SName);
        let o = self.g.literal("WikiPathways", Datatype::String);
        self.add(wikipathways, p, o);

        let article = self.article();

        if let Some(v) = present(&r.figlink) {
            let link = v.text.trim();
            let o = self.g.iri_with(|b| {
                b.push_str(iri::NCBI);
                if !link.starts_with('/') {
                    b.push('/');
                }
                push_encoded(b, link, Part::Path);
            });
            let p = self.c(C::SUrl);
            self.add(f, p, o);
        }
        if let Some(v) = present(&r.filename) {
            match article {
                Some(pmcid) => {
                    let image = self.g.iri_with(|b| {
                        b.push_str(iri::PMC_PAGE);
                        b.push_str(pmcid);
                        b.push_str("/bin/");
                        push_encoded(b, &v.text, Part::Segment);
                    });
                    let p = self.c(C::SImage);
                    self.add(f, p, image);
                    let class = self.c(C::SImageObject);
                    self.a(image, class);
                }
                None => self.no_article(v, "filename"),
            }
        }
        for (field, value, term) in [
            ("number", &r.number, C::FIGURE_NUMBER),
            ("figtype", &r.figtype, C::FIGURE_TYPE),
            ("seo", &r.seo, C::SEO_TYPE),
        ] {
            if let Some(v) = present(value) {
                let _ = field;
                let p = self.c(term);
                self.string(f, p, v);
            }
        }
        if let Some(v) = present(&r.figid_alias) {
            let p = self.c(C::SAlternateName);
            self.string(f, p, v);
        }
        for v in r
            .redirect_from
            .iter()
            .filter(|v| !values::is_sentinel(&v.text))
        {
            let p = self.c(C::REDIRECT_FROM);
            self.string(f, p, v);
        }
        self.organisms(&r.organisms, C::WP_ORGANISM_NAME, C::WP_ORGANISM);
        self.organisms(&r.organisms_ner, C::NER_ORGANISM_NAME, C::NER_ORGANISM);
        for (field, value, term, dt) in [
            (
                "pathway_score",
                &r.pathway_score,
                C::PATHWAY_SCORE,
                Datatype::Decimal,
            ),
            (
                "automl_pathway",
                &r.automl_pathway,
                C::AUTOML,
                Datatype::Decimal,
            ),
            (
                "pmc_ranked_result_index",
                &r.pmc_ranked_result_index,
                C::PMC_INDEX,
                Datatype::Integer,
            ),
        ] {
            if let Some(v) = present(value) {
                let p = self.c(term);
                self.typed(f, p, v, dt, Field::Key(field), path);
            }
        }
        // Links to other resources: `rdfs:seeAlso` and a specific property.
        for (field, value, ok, what, ns, term) in [
            (
                "ndex",
                &r.ndex,
                values::is_uuid as fn(&str) -> bool,
                "NDEx network UUID",
                iri::NDEX,
                C::NDEX_NETWORK,
            ),
            (
                "wpid",
                &r.wpid,
                values::is_wpid,
                "WikiPathways id (WP1234)",
                iri::WIKIPATHWAYS,
                C::WIKIPATHWAY,
            ),
        ] {
            if let Some(v) = present(value)
                && let Some(id) = self.id(v, ok, what, Field::Key(field), path)
            {
                let o = self.g.iri_with(|b| {
                    b.push_str(ns);
                    b.push_str(id);
                });
                let p = self.c(C::SEE_ALSO);
                self.add(f, p, o);
                let p = self.c(term);
                self.add(f, p, o);
            }
        }
        if let Some(v) = present(&r.schema_id) {
            let expected = {
                let mut s = String::new();
                iri::push_figure(&mut s, &figid.text);
                s
            };
            if v.text.trim() != expected {
                self.warn(
                    path,
                    v.line,
                    Field::Key("schema-jsonld.@id"),
                    format!(
                        "{} differs from the figure IRI <{expected}>: ignored",
                        show(&v.text)
                    ),
                );
            }
        }
        for v in r
            .schema_keywords
            .iter()
            .filter(|v| !values::is_sentinel(&v.text))
        {
            let p = self.c(C::SKeywords);
            self.string(f, p, v);
        }
        self.mentions();
    }

    /// The same literal under a Dublin Core and a schema.org property.
    fn both(&mut self, s: Id, v: &Value, p1: Id, p2: Id) {
        if let Some(v) = present(v) {
            let o = self.g.literal(&v.text, Datatype::String);
            self.add(s, p1, o);
            self.add(s, p2, o);
        }
    }

    fn no_article(&mut self, v: &Text, field: &str) {
        let path = &self.r.path;
        self.report.warn(
            path,
            Some(v.line),
            field,
            format!(
                "{}: no valid pmcid, so no article to attach it to: no triple",
                show(&v.text)
            ),
        );
    }

    /// The article node `A`; returns the valid pmcid.
    fn article(&mut self) -> Option<&'a str> {
        let r = self.r;
        let path = r.path.as_str();
        let f = self.f;
        let pmcid = match present(&r.pmcid) {
            Some(v) => self.id(
                v,
                values::is_pmcid,
                "PMC id (PMC1234)",
                Field::Key("pmcid"),
                path,
            ),
            None => None,
        };
        let Some(pmcid) = pmcid else {
            for (field, value) in [
                ("papertitle", &r.papertitle),
                ("reftext", &r.reftext),
                ("year", &r.year),
                ("doi", &r.doi),
                ("journal_title", &r.journal_title),
                ("journal_nlm_ta", &r.journal_nlm_ta),
                ("publisher_name", &r.publisher_name),
                ("keywords", &r.keywords),
            ] {
                if let Some(v) = present(value) {
                    self.no_article(v, field);
                }
            }
            return None;
        };
        let a = self.g.iri_with(|b| {
            b.push_str(iri::PMC);
            b.push_str(pmcid);
        });
        let (p1, p2) = (self.c(C::DC_IS_PART_OF), self.c(C::SIsPartOf));
        self.add(f, p1, a);
        self.add(f, p2, a);
        let class = self.c(C::SScholarlyArticle);
        self.a(a, class);
        let p = self.c(C::DC_IDENTIFIER);
        let o = self.g.literal(pmcid, Datatype::String);
        self.add(a, p, o);
        let page = self.g.iri_with(|b| {
            b.push_str(iri::PMC_PAGE);
            b.push_str(pmcid);
            b.push('/');
        });
        let p = self.c(C::FOAF_PAGE);
        self.add(a, p, page);

        let (p1, p2) = (self.c(C::DC_TITLE), self.c(C::SName));
        self.both(a, &r.papertitle, p1, p2);
        if let Some(v) = present(&r.reftext) {
            let p = self.c(C::DC_CITATION);
            self.string(a, p, v);
        }
        if let Some(v) = present(&r.year) {
            let p = self.c(C::DC_ISSUED);
            self.typed(a, p, v, Datatype::GYear, Field::Key("year"), path);
            let p = self.c(C::SDatePublished);
            // Reported once, above, if invalid.
            if values::is_gyear(v.text.trim()) {
                let o = self.g.literal(v.text.trim(), Datatype::GYear);
                self.add(a, p, o);
            }
        }
        if let Some(v) = present(&r.doi) {
            let o = self.g.iri_with(|b| {
                b.push_str(iri::DOI);
                push_encoded(b, &v.text, Part::Path);
            });
            let p = self.c(C::SSameAs);
            self.add(a, p, o);
        }
        let journal_key = present(&r.journal_nlm_ta).or(present(&r.journal_title));
        let journal = journal_key.map(|key| {
            let j = self.g.iri_with(|b| {
                b.push_str(iri::JOURNAL);
                push_key(b, &key.text);
            });
            let p = self.c(C::SIsPartOf);
            self.add(a, p, j);
            let class = self.c(C::SPeriodical);
            self.a(j, class);
            if let Some(v) = present(&r.journal_title) {
                let p = self.c(C::SName);
                self.string(j, p, v);
            }
            if let Some(v) = present(&r.journal_nlm_ta) {
                let p = self.c(C::SAlternateName);
                self.string(j, p, v);
            }
            j
        });
        if let Some(v) = present(&r.publisher_name) {
            let pb = self.g.iri_with(|b| {
                b.push_str(iri::PUBLISHER);
                push_key(b, &v.text);
            });
            let class = self.c(C::SOrganization);
            self.a(pb, class);
            let p = self.c(C::SName);
            self.string(pb, p, v);
            let p = self.c(C::SPublisher);
            self.add(journal.unwrap_or(a), p, pb);
        }
        if let Some(v) = present(&r.keywords) {
            let p = self.c(C::SKeywords);
            for kw in v.text.split(" | ").filter(|k| !values::is_sentinel(k)) {
                let o = self.g.literal(kw, Datatype::String);
                self.add(a, p, o);
            }
        }
        Some(pmcid)
    }

    fn organisms(&mut self, names: &[Text], name_term: C, taxon_term: C) {
        let f = self.f;
        for v in names.iter().filter(|v| !values::is_sentinel(&v.text)) {
            let p = self.c(name_term);
            self.string(f, p, v);
            if let Some(taxon) = organisms::taxon(&v.text) {
                let o = self.taxon(taxon);
                let p = self.c(taxon_term);
                self.add(f, p, o);
            }
        }
    }

    fn taxon(&mut self, id: &str) -> Id {
        self.g.iri_with(|b| {
            b.push_str(iri::NCBITAXON);
            b.push_str(id);
        })
    }

    /// The mention node `F#{kind}-{n}`.
    fn mention(&mut self, kind: &str, n: usize, class: C) -> Id {
        let m = self.g.fresh_iri_extending(self.f, |b| {
            b.push('#');
            b.push_str(kind);
            b.push('-');
            b.push_str(itoa_usize(n).as_str());
        });
        let annotation = self.c(C::OA_ANNOTATION);
        self.a(m, annotation);
        let class = self.c(class);
        self.a(m, class);
        let p = self.c(C::OA_TARGET);
        let f = self.f;
        self.add(m, p, f);
        m
    }

    fn mentions(&mut self) {
        let r = self.r;
        let mut n = 0;
        for rows in &r.genes {
            for row in &rows.rows {
                n += 1;
                if let Some(row) = row {
                    self.gene(rows, row, n);
                }
            }
        }
        for (kind, lists) in [
            (TermKind::Chemical, &r.chemicals),
            (TermKind::Disease, &r.diseases),
        ] {
            let mut n = 0;
            for rows in lists {
                for row in &rows.rows {
                    n += 1;
                    if let Some(row) = row {
                        self.term_row(kind, rows, row, n);
                    }
                }
            }
        }
    }

    fn gene(&mut self, rows: &Rows<GeneRow>, row: &GeneRow, n: usize) {
        let path = rows.path.as_str();
        let field = |name| Field::Row {
            inline: rows.inline,
            list: "genes",
            n,
            name,
        };
        let Some(id_value) = present(&row.ncbigene_id) else {
            self.warn(
                path,
                row.line,
                field("ncbigene_id"),
                "no NCBI Gene id: row gives no mention".into(),
            );
            return;
        };
        let Some(id) = self.id(
            id_value,
            values::is_number_id,
            "NCBI Gene id",
            field("ncbigene_id"),
            path,
        ) else {
            return;
        };
        let f = self.f;
        let m = self.mention("gene", n, C::GENE_MENTION);
        let g = self.g.iri_with(|b| {
            b.push_str(iri::NCBIGENE);
            b.push_str(id);
        });
        let p = self.c(C::OA_BODY);
        self.add(m, p, g);
        let p = self.c(C::SMentions);
        self.add(f, p, g);
        let p = self.c(C::DC_IDENTIFIER);
        let o = self.g.literal(id, Datatype::String);
        self.add(g, p, o);
        for (value, term) in [
            (&row.word, C::OCR_WORD),
            (&row.source, C::LEXICON_SOURCE),
            (&row.matched, C::MATCHED_TEXT),
            (&row.symbol, C::SYMBOL),
        ] {
            if let Some(v) = present(value) {
                let p = self.c(term);
                self.mention_string(m, p, v);
            }
        }
        for (value, term) in [
            (&row.ncbigene_symbol, C::LABEL),
            (&row.hgnc_symbol, C::LABEL),
        ] {
            if let Some(v) = present(value) {
                let p = self.c(term);
                self.string(g, p, v);
            }
        }
        if let Some(v) = present(&row.hgnc_symbol) {
            let o = self.g.iri_with(|b| {
                b.push_str(iri::HGNC_SYMBOL);
                push_encoded(b, &v.text, Part::Segment);
            });
            let p = self.c(C::WP_HGNC);
            self.add(g, p, o);
        }
        if let Some(v) = present(&row.organism_id) {
            if let Some(taxon) = self.id(
                v,
                values::is_number_id,
                "NCBI Taxonomy id",
                field("organism_id"),
                path,
            ) {
                let tx = self.taxon(taxon);
                let p = self.c(C::WP_ORGANISM);
                self.add(m, p, tx);
                if let Some(v) = present(&row.organism_name) {
                    let p = self.c(C::LABEL);
                    self.string(tx, p, v);
                }
                if let Some(v) = present(&row.organism_group) {
                    let p = self.c(C::ORGANISM_GROUP);
                    self.string(tx, p, v);
                }
            }
        } else {
            for (name, value) in [
                ("organism_name", &row.organism_name),
                ("organism_group", &row.organism_group),
            ] {
                if let Some(v) = present(value) {
                    self.warn(
                        path,
                        v.line,
                        field(name),
                        format!("{}: no organism_id to describe: no triple", show(&v.text)),
                    );
                }
            }
        }
        for (name, value, term) in [
            ("count_direct", &row.count_direct, C::COUNT_DIRECT),
            ("count_synonym", &row.count_synonym, C::COUNT_SYNONYM),
            ("count_match", &row.count_match, C::COUNT_MATCH),
        ] {
            if let Some(v) = present(value) {
                let p = self.c(term);
                self.typed(m, p, v, Datatype::Integer, field(name), path);
            }
        }
    }

    fn term_row(&mut self, kind: TermKind, rows: &Rows<TermRow>, row: &TermRow, n: usize) {
        let path = rows.path.as_str();
        let (key, class, other_ns, other_prefix, other_name) = match kind {
            TermKind::Chemical => (
                "chemical",
                C::CHEMICAL_MENTION,
                iri::CHEBI,
                "chebi:",
                "chebi",
            ),
            TermKind::Disease => ("disease", C::DISEASE_MENTION, iri::DOID, "doid:", "doid"),
        };
        let list = if kind == TermKind::Chemical {
            "chemicals"
        } else {
            "diseases"
        };
        let field = |name| Field::Row {
            inline: rows.inline,
            list,
            n,
            name,
        };
        let mesh = present(&row.mesh).and_then(|v| {
            let stripped = strip_prefix_ci(v.text.trim(), "mesh:");
            if values::is_mesh(stripped) {
                Some(stripped)
            } else {
                self.warn(
                    path,
                    v.line,
                    field("mesh"),
                    format!("{} is not a valid MeSH id: no triple", show(&v.text)),
                );
                None
            }
        });
        let other = present(&row.other_id).and_then(|v| {
            let stripped = strip_prefix_ci(v.text.trim(), other_prefix);
            if values::is_number_id(stripped) {
                Some(stripped)
            } else {
                self.warn(
                    path,
                    v.line,
                    field(other_name),
                    format!(
                        "{} is not a valid {} id: no triple",
                        show(&v.text),
                        other_name.to_uppercase()
                    ),
                );
                None
            }
        });
        if mesh.is_none() && other.is_none() {
            let what =
                present(&row.word).map_or(String::new(), |w| format!(" (word {})", show(&w.text)));
            self.warn(
                path,
                row.line,
                field("mesh"),
                format!(
                    "no MeSH or {} id{what}: row gives no mention",
                    other_name.to_uppercase()
                ),
            );
            return;
        }
        let f = self.f;
        let m = self.mention(key, n, class);
        if let Some(v) = present(&row.word) {
            let p = self.c(C::OCR_WORD);
            self.mention_string(m, p, v);
        }
        if let Some(v) = present(&row.source) {
            let p = self.c(C::LEXICON_SOURCE);
            self.mention_string(m, p, v);
        }
        let body = self.c(C::OA_BODY);
        let mentions = self.c(C::SMentions);
        let label = self.c(C::LABEL);
        if let Some(id) = mesh {
            let o = self.g.iri_with(|b| {
                b.push_str(iri::MESH);
                b.push_str(id);
            });
            self.add(m, body, o);
            self.add(f, mentions, o);
            if let Some(v) = present(&row.matched) {
                self.string(o, label, v);
            }
        } else if let Some(v) = present(&row.matched) {
            let p = self.c(C::MATCHED_TEXT);
            self.mention_string(m, p, v);
        }
        if let Some(id) = other {
            let o = self.g.iri_with(|b| {
                b.push_str(other_ns);
                b.push_str(id);
            });
            self.add(m, body, o);
            self.add(f, mentions, o);
            if let Some(v) = present(&row.name) {
                self.string(o, label, v);
            }
        } else if let Some(v) = present(&row.name) {
            self.warn(
                path,
                v.line,
                field("name"),
                format!(
                    "{}: no {} id to label: no triple",
                    show(&v.text),
                    other_name.to_uppercase()
                ),
            );
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TermKind {
    Chemical,
    Disease,
}

/// Names a field in a report; formatted only when something is reported.
#[derive(Clone, Copy)]
enum Field<'x> {
    /// A top-level key (`ndex`, `year`).
    Key(&'x str),
    /// A mention field: the YAML key of an inline item (`genes[3].entrez`)
    /// or the TSV column (`genes.tsv row 3: ncbigene_id`).
    Row {
        inline: bool,
        list: &'x str,
        n: usize,
        name: &'x str,
    },
}

impl std::fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Field::Key(key) => f.write_str(key),
            Field::Row {
                inline: true,
                list,
                n,
                name,
            } => {
                let key = match name {
                    "ncbigene_id" => "entrez",
                    "mesh" => "identifier",
                    other => other,
                };
                write!(f, "{list}[{n}].{key}")
            }
            Field::Row {
                inline: false,
                list,
                n,
                name,
            } => write!(f, "{list}.tsv row {n}: {name}"),
        }
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> &'a str {
    match s.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => &s[prefix.len()..],
        _ => s,
    }
}

/// A small decimal rendering without allocation.
struct Itoa {
    buf: [u8; 20],
    start: usize,
}

impl Itoa {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.start..]).unwrap()
    }
}

fn itoa_usize(mut n: usize) -> Itoa {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    Itoa { buf, start: i }
}
