//! Every constant IRI the mapper writes, by name. `Vocab::X` indexes the
//! table resolved for one schema.org namespace (chosen at run time).

use std::sync::OnceLock;

use super::iri;

macro_rules! vocabulary {
    ($($name:ident = $ns:ident : $local:literal),* $(,)?) => {
        /// A term of the mapping's vocabulary.
        #[derive(Clone, Copy, Debug)]
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, clippy::enum_variant_names)]
        pub(super) enum Vocab { $($name),* }
        /// Namespace and local name of each [`Vocab`] term, in its order.
        pub(super) const TERMS: &[(&str, &str)] = &[$((iri::$ns, $local)),*];
    };
}

vocabulary! {
    TYPE = RDF:"type",
    LABEL = RDFS:"label", SEE_ALSO = RDFS:"seeAlso",
    EXACT_MATCH = SKOS:"exactMatch",
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
    S_DATASET = SCHEMA:"Dataset",
    S_IMAGE_OBJECT = SCHEMA:"ImageObject",
    S_ORGANIZATION = SCHEMA:"Organization",
    S_PERIODICAL = SCHEMA:"Periodical",
    S_SCHOLARLY_ARTICLE = SCHEMA:"ScholarlyArticle",
    S_ALTERNATE_NAME = SCHEMA:"alternateName",
    S_CREATOR = SCHEMA:"creator",
    S_DATE_PUBLISHED = SCHEMA:"datePublished",
    S_DESCRIPTION = SCHEMA:"description",
    S_IMAGE = SCHEMA:"image",
    S_IS_PART_OF = SCHEMA:"isPartOf",
    S_KEYWORDS = SCHEMA:"keywords",
    S_LICENSE = SCHEMA:"license",
    S_MENTIONS = SCHEMA:"mentions",
    S_NAME = SCHEMA:"name",
    S_PUBLISHER = SCHEMA:"publisher",
    S_SAME_AS = SCHEMA:"sameAs",
    S_URL = SCHEMA:"url",
}

/// The [`TERMS`] resolved for one schema.org namespace. Built once per
/// process and namespace, so terms are `&'static str` the graph can hold.
pub(super) fn resolved(schema_https: bool) -> &'static [&'static str] {
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

/// Every term the mapper can write (for the vocabulary test).
pub fn all_terms(schema_https: bool) -> impl Iterator<Item = &'static str> {
    resolved(schema_https).iter().copied()
}
