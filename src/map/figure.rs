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

#[cfg(test)]
mod tests {
    use super::super::Mapper;
    use super::super::testing::{map, map_with, record, v};
    use crate::read::Record;

    const CC0: &str = "<http://creativecommons.org/publicdomain/zero/1.0/>";
    const WPORG: &str = "<https://www.wikipathways.org/>";

    fn sorted(lines: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    /// The triples of every figure `X`.
    fn fixed() -> Vec<String> {
        sorted(&[
            "fig:X.html rdf:type schema:Dataset",
            "fig:X.html rdf:type pfocr:Figure",
            r#"fig:X.html dcterms:identifier "X""#,
            &format!("fig:X.html dcterms:license {CC0}"),
            &format!("fig:X.html schema:license {CC0}"),
            &format!("fig:X.html schema:creator {WPORG}"),
            &format!("{WPORG} rdf:type schema:Organization"),
            &format!(r#"{WPORG} schema:name "WikiPathways""#),
        ])
    }

    /// The fixed triples and those of the article `PMC1`.
    fn with_article() -> Vec<String> {
        let mut v = fixed();
        v.extend(sorted(&[
            "fig:X.html dcterms:isPartOf pmc:PMC1",
            "fig:X.html schema:isPartOf pmc:PMC1",
            "pmc:PMC1 rdf:type schema:ScholarlyArticle",
            r#"pmc:PMC1 dcterms:identifier "PMC1""#,
            "pmc:PMC1 foaf:page <https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/>",
        ]));
        v.sort();
        v
    }

    /// The triples of `r` beyond `base`, and its reports.
    fn beyond(r: &Record, base: &[String]) -> (Vec<String>, Vec<String>) {
        let (_, triples, reports) = map(r);
        for t in base {
            assert!(triples.contains(t), "missing {t}: {triples:#?}");
        }
        let extra = triples.into_iter().filter(|t| !base.contains(t)).collect();
        (extra, reports)
    }

    fn article() -> Record<'static> {
        Record {
            pmcid: v(" PMC1 "),
            ..record()
        }
    }

    #[test]
    fn every_figure_has_its_fixed_triples() {
        let (figid, triples, reports) = map(&record());
        assert_eq!(figid.as_deref(), Some("X"));
        assert_eq!(triples, fixed());
        assert!(reports.is_empty(), "{reports:?}");
        let padded = Record {
            figid: v(" X "),
            ..record()
        };
        let (figid, triples, _) = map(&padded);
        assert_eq!(figid.as_deref(), Some("X"));
        assert_eq!(triples, fixed());
    }

    #[test]
    fn schema_https_switches_the_schema_terms() {
        let (_, triples, _) = map_with(&Mapper::new(true), &record());
        let want: Vec<String> = fixed()
            .iter()
            .map(|t| t.replace("schema:", "schemas:"))
            .collect();
        let mut want = want;
        want.sort();
        assert_eq!(triples, want);
    }

    #[test]
    fn no_figid_is_an_error_and_no_triple() {
        for figid in [None, v("NA"), v("")] {
            let r = Record { figid, ..record() };
            let (figid, triples, reports) = map(&r);
            assert_eq!(figid, None);
            assert!(triples.is_empty());
            assert_eq!(reports.len(), 1);
            assert!(
                reports[0].starts_with("error: figid: missing figid"),
                "{reports:?}"
            );
        }
    }

    #[test]
    fn a_valid_pmcid_gives_the_article() {
        assert_eq!(beyond(&article(), &with_article()), (vec![], vec![]));
    }

    #[test]
    fn without_a_valid_pmcid_there_is_no_article_and_each_field_is_reported_once() {
        let fields = [
            "papertitle",
            "reftext",
            "year",
            "doi",
            "journal_title",
            "journal_nlm_ta",
            "publisher_name",
            "keywords",
            "filename",
        ];
        for (pmcid, pmcid_report) in [
            (None, None),
            (v("NA"), None),
            (
                v("pmc1"),
                Some(r#"pmcid: "pmc1" is not a valid PMC id (PMC1234): no triple"#),
            ),
        ] {
            let r = Record {
                pmcid,
                papertitle: v("Title"),
                reftext: v("Ref"),
                year: v("2016"),
                doi: v("10.1/x"),
                journal_title: v("Journal"),
                journal_nlm_ta: v("J"),
                publisher_name: v("Pub"),
                keywords: v("a | b"),
                filename: v("f.jpg"),
                // Sentinels are not reported.
                number: v("NA"),
                ..record()
            };
            let (_, triples, reports) = map(&r);
            assert_eq!(triples, fixed());
            let mut want: Vec<String> = pmcid_report.into_iter().map(str::to_owned).collect();
            for key in fields {
                let value = match key {
                    "papertitle" => "Title",
                    "reftext" => "Ref",
                    "year" => "2016",
                    "doi" => "10.1/x",
                    "journal_title" => "Journal",
                    "journal_nlm_ta" => "J",
                    "publisher_name" => "Pub",
                    "keywords" => "a | b",
                    _ => "f.jpg",
                };
                want.push(format!(
                    "{key}: \"{value}\": no valid pmcid, so no article to attach it to: no triple"
                ));
            }
            assert_eq!(reports, want);
        }
        // Absent and sentinel article fields are not reported.
        let r = Record {
            papertitle: v("NA"),
            keywords: v(".na.character"),
            year: None,
            ..record()
        };
        assert_eq!(map(&r).2, Vec::<String>::new());
    }

    #[test]
    fn the_article_fields() {
        let r = Record {
            papertitle: v("Title"),
            reftext: v("Ref"),
            year: v(" 2016 "),
            doi: v("10.1/x y"),
            ..article()
        };
        let want = sorted(&[
            r#"pmc:PMC1 dcterms:title "Title""#,
            r#"pmc:PMC1 schema:name "Title""#,
            r#"pmc:PMC1 dcterms:bibliographicCitation "Ref""#,
            r#"pmc:PMC1 dcterms:issued "2016"^^xsd:gYear"#,
            r#"pmc:PMC1 schema:datePublished "2016"^^xsd:gYear"#,
            "pmc:PMC1 schema:sameAs <https://doi.org/10.1/x%20y>",
        ]);
        assert_eq!(beyond(&r, &with_article()), (want, vec![]));
        let r = Record {
            year: v("MMXX"),
            ..article()
        };
        let want = vec![r#"year: "MMXX" is not a valid xsd:gYear: no triple"#.to_owned()];
        assert_eq!(beyond(&r, &with_article()), (vec![], want));
    }

    #[test]
    fn the_journal_is_keyed_by_nlm_ta_else_title() {
        let both = Record {
            journal_nlm_ta: v("Front Immunol"),
            journal_title: v("Frontiers in Immunology"),
            ..article()
        };
        let want = sorted(&[
            "pmc:PMC1 schema:isPartOf journal:Front%20Immunol",
            "journal:Front%20Immunol rdf:type schema:Periodical",
            r#"journal:Front%20Immunol schema:name "Frontiers in Immunology""#,
            r#"journal:Front%20Immunol schema:alternateName "Front Immunol""#,
        ]);
        assert_eq!(beyond(&both, &with_article()), (want, vec![]));

        for nlm_ta in [None, v("NA")] {
            let title_only = Record {
                journal_nlm_ta: nlm_ta,
                journal_title: v("Frontiers in Immunology"),
                ..article()
            };
            let want = sorted(&[
                "pmc:PMC1 schema:isPartOf journal:Frontiers%20in%20Immunology",
                "journal:Frontiers%20in%20Immunology rdf:type schema:Periodical",
                r#"journal:Frontiers%20in%20Immunology schema:name "Frontiers in Immunology""#,
            ]);
            assert_eq!(beyond(&title_only, &with_article()), (want, vec![]));
        }

        let nlm_ta_only = Record {
            journal_nlm_ta: v("Front Immunol"),
            journal_title: v(".na.character"),
            ..article()
        };
        let want = sorted(&[
            "pmc:PMC1 schema:isPartOf journal:Front%20Immunol",
            "journal:Front%20Immunol rdf:type schema:Periodical",
            r#"journal:Front%20Immunol schema:alternateName "Front Immunol""#,
        ]);
        assert_eq!(beyond(&nlm_ta_only, &with_article()), (want, vec![]));
    }

    #[test]
    fn the_publisher_is_on_the_journal_else_on_the_article() {
        let publisher = [
            "publisher:Cell%20Press rdf:type schema:Organization",
            r#"publisher:Cell%20Press schema:name "Cell Press""#,
        ];
        let on_journal = Record {
            journal_nlm_ta: v("J"),
            publisher_name: v("Cell Press"),
            ..article()
        };
        let mut want = sorted(&[
            "pmc:PMC1 schema:isPartOf journal:J",
            "journal:J rdf:type schema:Periodical",
            r#"journal:J schema:alternateName "J""#,
            "journal:J schema:publisher publisher:Cell%20Press",
        ]);
        want.extend(publisher.map(str::to_owned));
        want.sort();
        assert_eq!(beyond(&on_journal, &with_article()), (want, vec![]));

        let on_article = Record {
            journal_title: v("NA"),
            publisher_name: v("Cell Press"),
            ..article()
        };
        let mut want = vec!["pmc:PMC1 schema:publisher publisher:Cell%20Press".to_owned()];
        want.extend(publisher.map(str::to_owned));
        want.sort();
        assert_eq!(beyond(&on_article, &with_article()), (want, vec![]));
    }

    #[test]
    fn keywords_are_split_on_the_bar_and_sentinels_dropped() {
        let r = Record {
            keywords: v("T cell | NA | apoptosis | .na.character | a|b"),
            schema_keywords: vec![
                crate::read::Text::new("k1", 4),
                crate::read::Text::new("NA", 5),
                crate::read::Text::new("", 6),
                crate::read::Text::new("k2", 7),
            ],
            ..article()
        };
        let want = sorted(&[
            r#"pmc:PMC1 schema:keywords "T cell""#,
            r#"pmc:PMC1 schema:keywords "apoptosis""#,
            r#"pmc:PMC1 schema:keywords "a|b""#,
            r#"fig:X.html schema:keywords "k1""#,
            r#"fig:X.html schema:keywords "k2""#,
        ]);
        assert_eq!(beyond(&r, &with_article()), (want, vec![]));
    }

    #[test]
    fn a_schema_jsonld_id_other_than_the_figure_is_a_warning() {
        let same = Record {
            schema_id: v(" https://pfocr.wikipathways.org/figures/X.html "),
            ..record()
        };
        assert_eq!(beyond(&same, &fixed()), (vec![], vec![]));
        let other = Record {
            schema_id: v("https://pfocr.wikipathways.org/figures/Y.html"),
            ..record()
        };
        let want = vec![
            "schema-jsonld.@id: \"https://pfocr.wikipathways.org/figures/Y.html\" differs \
             from the figure IRI <https://pfocr.wikipathways.org/figures/X.html>: ignored"
                .to_owned(),
        ];
        assert_eq!(beyond(&other, &fixed()), (vec![], want));
    }

    #[test]
    fn figlink_gets_a_leading_slash() {
        for link in [
            "pmc/articles/PMC1/figure/F1/",
            "/pmc/articles/PMC1/figure/F1/",
            " /pmc/articles/PMC1/figure/F1/ ",
        ] {
            let r = Record {
                figlink: v(link),
                ..record()
            };
            let want = vec![
                "fig:X.html schema:url <https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/figure/F1/>"
                    .to_owned(),
            ];
            assert_eq!(beyond(&r, &fixed()), (want, vec![]), "{link:?}");
        }
    }

    #[test]
    fn the_image_hangs_off_the_article_page() {
        let r = Record {
            filename: v("a b.jpg"),
            ..article()
        };
        let image = "<https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/bin/a%20b.jpg>";
        let want = sorted(&[
            &format!("fig:X.html schema:image {image}"),
            &format!("{image} rdf:type schema:ImageObject"),
        ]);
        assert_eq!(beyond(&r, &with_article()), (want, vec![]));
    }
}
