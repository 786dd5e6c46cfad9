//! The figure `F` and its article `A` (with journal, publisher, image).

use super::emit::{Emitter, present, present_items};
use super::field::Field;
use super::iri::{self, Part, push_encoded, push_key};
use super::vocab::Vocab;
use super::{organisms, values};
use crate::diag::show;
use crate::graph::{Datatype, Id};
use crate::read::Text;

impl<'a> Emitter<'a> {
    pub(super) fn figure(&mut self, figid: &Text) {
        let r = self.r;
        let path = r.path.as_str();
        let f = self.f;

        self.a(f, Vocab::S_DATASET);
        self.a(f, Vocab::FIGURE);
        let p = self.c(Vocab::DC_IDENTIFIER);
        let o = self.g.literal(figid.text.trim(), Datatype::String);
        self.add(f, p, o);
        self.both(f, &r.figtitle, Vocab::DC_TITLE, Vocab::S_NAME);
        self.both(f, &r.caption, Vocab::DC_DESCRIPTION, Vocab::S_DESCRIPTION);

        // License and creator, on every figure.
        let cc0 = self.c(Vocab::CC0);
        self.link(f, Vocab::DC_LICENSE, cc0);
        self.link(f, Vocab::S_LICENSE, cc0);
        let wikipathways = self.c(Vocab::WIKIPATHWAYS_ORG);
        self.link(f, Vocab::S_CREATOR, wikipathways);
        self.a(wikipathways, Vocab::S_ORGANIZATION);
        let p = self.c(Vocab::S_NAME);
        let o = self.g.literal("WikiPathways", Datatype::String);
        self.add(wikipathways, p, o);

        let article = self.article();

        if let Some(v) = present(&r.figlink) {
            let link = v.text.trim();
            let o = self.iri(|b| {
                b.push_str(iri::NCBI);
                if !link.starts_with('/') {
                    b.push('/');
                }
                push_encoded(b, link, Part::Path);
            });
            self.link(f, Vocab::S_URL, o);
        }
        if let Some(v) = present(&r.filename) {
            match article {
                Some(pmcid) => {
                    let image = self.iri(|b| {
                        b.push_str(iri::PMC_PAGE);
                        b.push_str(pmcid);
                        b.push_str("/bin/");
                        push_encoded(b, &v.text, Part::Segment);
                    });
                    self.link(f, Vocab::S_IMAGE, image);
                    self.a(image, Vocab::S_IMAGE_OBJECT);
                }
                None => self.no_article(v, "filename"),
            }
        }
        self.opt_string(f, Vocab::FIGURE_NUMBER, &r.number);
        self.opt_string(f, Vocab::FIGURE_TYPE, &r.figtype);
        self.opt_string(f, Vocab::SEO_TYPE, &r.seo);
        self.opt_string(f, Vocab::S_ALTERNATE_NAME, &r.figid_alias);
        self.strings(f, Vocab::REDIRECT_FROM, &r.redirect_from);
        self.organisms(&r.organisms, Vocab::WP_ORGANISM_NAME, Vocab::WP_ORGANISM);
        self.organisms(
            &r.organisms_ner,
            Vocab::NER_ORGANISM_NAME,
            Vocab::NER_ORGANISM,
        );
        for (key, value, term, dt) in [
            (
                "pathway_score",
                &r.pathway_score,
                Vocab::PATHWAY_SCORE,
                Datatype::Decimal,
            ),
            (
                "automl_pathway",
                &r.automl_pathway,
                Vocab::AUTOML,
                Datatype::Decimal,
            ),
            (
                "pmc_ranked_result_index",
                &r.pmc_ranked_result_index,
                Vocab::PMC_INDEX,
                Datatype::Integer,
            ),
        ] {
            self.opt_typed(f, term, value, dt, Field::Key(key), path);
        }
        // Links to other resources: `rdfs:seeAlso` and a specific property.
        for (key, value, ok, what, ns, term) in [
            (
                "ndex",
                &r.ndex,
                values::is_uuid as fn(&str) -> bool,
                "NDEx network UUID",
                iri::NDEX,
                Vocab::NDEX_NETWORK,
            ),
            (
                "wpid",
                &r.wpid,
                values::is_wpid,
                "WikiPathways id (WP1234)",
                iri::WIKIPATHWAYS,
                Vocab::WIKIPATHWAY,
            ),
        ] {
            if let Some(v) = present(value)
                && let Some(id) = self.id(v, ok, what, Field::Key(key), path)
            {
                let o = self.iri(|b| {
                    b.push_str(ns);
                    b.push_str(id);
                });
                self.link(f, Vocab::SEE_ALSO, o);
                self.link(f, term, o);
            }
        }
        if let Some(v) = present(&r.schema_id) {
            let mut expected = String::new();
            iri::push_figure(&mut expected, &figid.text);
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
        self.strings(f, Vocab::S_KEYWORDS, &r.schema_keywords);
        self.mentions();
    }

    fn no_article(&mut self, v: &Text, key: &str) {
        let path = &self.r.path;
        self.diags.warn(
            path,
            Some(v.line),
            key,
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
        let pmcid = present(&r.pmcid).and_then(|v| {
            self.id(
                v,
                values::is_pmcid,
                "PMC id (PMC1234)",
                Field::Key("pmcid"),
                path,
            )
        });
        let Some(pmcid) = pmcid else {
            for (key, value) in [
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
                    self.no_article(v, key);
                }
            }
            return None;
        };
        let a = self.iri(|b| {
            b.push_str(iri::PMC);
            b.push_str(pmcid);
        });
        let (p1, p2) = (self.c(Vocab::DC_IS_PART_OF), self.c(Vocab::S_IS_PART_OF));
        self.add(f, p1, a);
        self.add(f, p2, a);
        self.a(a, Vocab::S_SCHOLARLY_ARTICLE);
        let p = self.c(Vocab::DC_IDENTIFIER);
        let o = self.g.literal(pmcid, Datatype::String);
        self.add(a, p, o);
        let page = self.iri(|b| {
            b.push_str(iri::PMC_PAGE);
            b.push_str(pmcid);
            b.push('/');
        });
        self.link(a, Vocab::FOAF_PAGE, page);

        self.both(a, &r.papertitle, Vocab::DC_TITLE, Vocab::S_NAME);
        self.opt_string(a, Vocab::DC_CITATION, &r.reftext);
        if let Some(v) = present(&r.year) {
            let year = self.typed(
                a,
                Vocab::DC_ISSUED,
                v,
                Datatype::GYear,
                Field::Key("year"),
                path,
            );
            if let Some(o) = year {
                self.link(a, Vocab::S_DATE_PUBLISHED, o);
            }
        }
        if let Some(v) = present(&r.doi) {
            let o = self.iri(|b| {
                b.push_str(iri::DOI);
                push_encoded(b, &v.text, Part::Path);
            });
            self.link(a, Vocab::S_SAME_AS, o);
        }
        let journal_key = present(&r.journal_nlm_ta).or(present(&r.journal_title));
        let journal = journal_key.map(|key| {
            let j = self.iri(|b| {
                b.push_str(iri::JOURNAL);
                push_key(b, &key.text);
            });
            self.link(a, Vocab::S_IS_PART_OF, j);
            self.a(j, Vocab::S_PERIODICAL);
            self.opt_string(j, Vocab::S_NAME, &r.journal_title);
            self.opt_string(j, Vocab::S_ALTERNATE_NAME, &r.journal_nlm_ta);
            j
        });
        if let Some(v) = present(&r.publisher_name) {
            let publisher = self.iri(|b| {
                b.push_str(iri::PUBLISHER);
                push_key(b, &v.text);
            });
            self.a(publisher, Vocab::S_ORGANIZATION);
            let p = self.c(Vocab::S_NAME);
            self.string(publisher, p, v);
            self.link(journal.unwrap_or(a), Vocab::S_PUBLISHER, publisher);
        }
        if let Some(v) = present(&r.keywords) {
            let p = self.c(Vocab::S_KEYWORDS);
            for kw in v.text.split(" | ").filter(|k| !values::is_sentinel(k)) {
                let o = self.g.literal(kw, Datatype::String);
                self.add(a, p, o);
            }
        }
        Some(pmcid)
    }

    /// `F name_term "name"`, and `F taxon_term T` where the name is in the
    /// organism table.
    fn organisms(&mut self, names: &[Text], name_term: Vocab, taxon_term: Vocab) {
        let f = self.f;
        for v in present_items(names) {
            let p = self.c(name_term);
            self.string(f, p, v);
            if let Some(taxon) = organisms::taxon(&v.text) {
                let o = self.taxon(taxon);
                self.link(f, taxon_term, o);
            }
        }
    }

    /// `T = NCBITaxon_{id}`.
    pub(super) fn taxon(&mut self, id: &str) -> Id {
        self.iri(|b| {
            b.push_str(iri::NCBITAXON);
            b.push_str(id);
        })
    }
}
