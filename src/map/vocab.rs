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
    ORGANISM_GROUP = PFOCR:"organismGroup", SOURCE_DIGEST = PFOCR:"sourceDigest",
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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn every_term_resolves_with_the_schema_namespace_in_use() {
        for https in [false, true] {
            let resolved = resolved(https);
            assert_eq!(resolved.len(), TERMS.len());
            assert_eq!(TERMS.len(), Vocab::S_URL as usize + 1);
            for (&(ns, local), &term) in TERMS.iter().zip(resolved) {
                let want_ns = match (ns, https) {
                    (iri::SCHEMA, true) => iri::SCHEMA_HTTPS,
                    _ => ns,
                };
                assert_eq!(term, format!("{want_ns}{local}"));
            }
            let schema = if https {
                iri::SCHEMA_HTTPS
            } else {
                iri::SCHEMA
            };
            let other = if https {
                iri::SCHEMA
            } else {
                iri::SCHEMA_HTTPS
            };
            assert!(resolved.iter().all(|t| !t.starts_with(other)), "{https}");
            assert_eq!(resolved[Vocab::S_NAME as usize], format!("{schema}name"));
            assert_eq!(resolved[Vocab::S_URL as usize], format!("{schema}url"));
            assert_eq!(
                resolved[Vocab::TYPE as usize],
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
            );
            assert_eq!(
                resolved[Vocab::DC_IS_PART_OF as usize],
                "http://purl.org/dc/terms/isPartOf"
            );
            assert_eq!(resolved[Vocab::CC0 as usize], iri::CC0);
            assert_eq!(
                resolved[Vocab::WIKIPATHWAYS_ORG as usize],
                iri::WIKIPATHWAYS_ORG
            );
            assert_eq!(all_terms(https).collect::<Vec<_>>(), resolved);
        }
        // Resolved once per namespace.
        assert!(std::ptr::eq(resolved(true), resolved(true)));
    }

    /// The graph interns a term by its slot, so two slots with one IRI
    /// would give two terms for it (and duplicate triples).
    #[test]
    fn no_two_terms_resolve_to_the_same_iri() {
        for https in [false, true] {
            let mut seen = HashMap::new();
            for (i, &term) in resolved(https).iter().enumerate() {
                if let Some(j) = seen.insert(term, i) {
                    panic!("slots {j} and {i} are both <{term}>");
                }
            }
        }
    }
}
