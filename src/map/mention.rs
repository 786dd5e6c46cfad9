//! Mentions: one `oa:Annotation` per inline item or TSV row, numbered by
//! its 1-based position among the rows of its kind (`F#gene-1`, ...).

use super::emit::{Emitter, present};
use super::field::Field;
use super::iri::{self, Part, push_encoded};
use super::values;
use super::vocab::Vocab;
use crate::diag::show;
use crate::graph::{Datatype, Id};
use crate::read::{GeneRow, Kind, Rows, TermRow};

/// What the mapping writes for a chemical or disease row beside MeSH.
struct TermVocab {
    class: Vocab,
    /// Namespace of the other body (ChEBI, DOID).
    ns: &'static str,
    /// The id's prefix in the TSV (`chebi:`), and its column.
    prefix: &'static str,
    column: &'static str,
}

fn term_vocab(kind: Kind) -> TermVocab {
    match kind {
        Kind::Chemicals => TermVocab {
            class: Vocab::CHEMICAL_MENTION,
            ns: iri::CHEBI,
            prefix: "chebi:",
            column: "chebi",
        },
        Kind::Diseases => TermVocab {
            class: Vocab::DISEASE_MENTION,
            ns: iri::DOID,
            prefix: "doid:",
            column: "doid",
        },
        Kind::Genes => unreachable!("gene rows are mapped by `gene`"),
    }
}

impl Emitter<'_> {
    pub(super) fn mentions(&mut self) {
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
            (Kind::Chemicals, &r.chemicals),
            (Kind::Diseases, &r.diseases),
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

    /// The mention node `F#{kind}-{n}`: `a oa:Annotation, class; oa:hasTarget F`.
    fn mention(&mut self, kind: Kind, n: usize, class: Vocab) -> Id {
        let m = self.g.fresh_iri_extending(self.f, |b| {
            b.push('#');
            b.push_str(kind.singular());
            b.push('-');
            b.push_str(itoa::Buffer::new().format(n));
        });
        self.a(m, Vocab::OA_ANNOTATION);
        self.a(m, class);
        let f = self.f;
        self.link(m, Vocab::OA_TARGET, f);
        m
    }

    fn gene(&mut self, rows: &Rows<GeneRow>, row: &GeneRow, n: usize) {
        let path = rows.path.as_str();
        let field = |column| Field::Row {
            inline: rows.inline,
            legacy: rows.legacy_keys,
            kind: Kind::Genes,
            n,
            column,
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
        let m = self.mention(Kind::Genes, n, Vocab::GENE_MENTION);
        let g = self.iri(|b| {
            b.push_str(iri::NCBIGENE);
            b.push_str(id);
        });
        self.link(m, Vocab::OA_BODY, g);
        self.link(f, Vocab::S_MENTIONS, g);
        let p = self.c(Vocab::DC_IDENTIFIER);
        let o = self.g.literal(id, Datatype::String);
        self.add(g, p, o);
        self.opt_mention_string(m, Vocab::OCR_WORD, &row.word);
        self.opt_mention_string(m, Vocab::LEXICON_SOURCE, &row.source);
        self.opt_mention_string(m, Vocab::MATCHED_TEXT, &row.matched);
        self.opt_mention_string(m, Vocab::SYMBOL, &row.symbol);
        self.opt_string(g, Vocab::LABEL, &row.ncbigene_symbol);
        self.opt_string(g, Vocab::LABEL, &row.hgnc_symbol);
        if let Some(v) = present(&row.hgnc_symbol) {
            let o = self.iri(|b| {
                b.push_str(iri::HGNC_SYMBOL);
                push_encoded(b, &v.text, Part::Segment);
            });
            self.link(g, Vocab::WP_HGNC, o);
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
                self.link(m, Vocab::WP_ORGANISM, tx);
                self.opt_string(tx, Vocab::LABEL, &row.organism_name);
                self.opt_string(tx, Vocab::ORGANISM_GROUP, &row.organism_group);
            }
        } else {
            for (column, value) in [
                ("organism_name", &row.organism_name),
                ("organism_group", &row.organism_group),
            ] {
                if let Some(v) = present(value) {
                    self.warn(
                        path,
                        v.line,
                        field(column),
                        format!("{}: no organism_id to describe: no triple", show(&v.text)),
                    );
                }
            }
        }
        for (column, value, term) in [
            ("count_direct", &row.count_direct, Vocab::COUNT_DIRECT),
            ("count_synonym", &row.count_synonym, Vocab::COUNT_SYNONYM),
            ("count_match", &row.count_match, Vocab::COUNT_MATCH),
        ] {
            self.opt_typed(m, term, value, Datatype::Integer, field(column), path);
        }
    }

    fn term_row(&mut self, kind: Kind, rows: &Rows<TermRow>, row: &TermRow, n: usize) {
        let path = rows.path.as_str();
        let vocab = term_vocab(kind);
        let other = vocab.column.to_uppercase();
        let field = |column| Field::Row {
            inline: rows.inline,
            legacy: rows.legacy_keys,
            kind,
            n,
            column,
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
        let other_id = present(&row.other_id).and_then(|v| {
            let stripped = strip_prefix_ci(v.text.trim(), vocab.prefix);
            if values::is_number_id(stripped) {
                Some(stripped)
            } else {
                self.warn(
                    path,
                    v.line,
                    field(vocab.column),
                    format!("{} is not a valid {other} id: no triple", show(&v.text)),
                );
                None
            }
        });
        if mesh.is_none() && other_id.is_none() {
            let what =
                present(&row.word).map_or(String::new(), |w| format!(" (word {})", show(&w.text)));
            self.warn(
                path,
                row.line,
                field("mesh"),
                format!("no MeSH or {other} id{what}: row gives no mention"),
            );
            return;
        }
        let f = self.f;
        let m = self.mention(kind, n, vocab.class);
        self.opt_mention_string(m, Vocab::OCR_WORD, &row.word);
        self.opt_mention_string(m, Vocab::LEXICON_SOURCE, &row.source);
        let body = self.c(Vocab::OA_BODY);
        let mentions = self.c(Vocab::S_MENTIONS);
        let label = self.c(Vocab::LABEL);
        if let Some(id) = mesh {
            let o = self.iri(|b| {
                b.push_str(iri::MESH);
                b.push_str(id);
            });
            self.add(m, body, o);
            self.add(f, mentions, o);
            if let Some(v) = present(&row.matched) {
                self.string(o, label, v);
            }
        } else {
            self.opt_mention_string(m, Vocab::MATCHED_TEXT, &row.matched);
        }
        if let Some(id) = other_id {
            let o = self.iri(|b| {
                b.push_str(vocab.ns);
                b.push_str(id);
            });
            self.add(m, body, o);
            self.add(f, mentions, o);
            if let Some(v) = present(&row.name) {
                self.string(o, label, v);
            }
            // Every ChEBI node names its identifiers.org form, as
            // WikiPathways writes metabolites.
            if kind == Kind::Chemicals {
                let same = self.iri(|b| {
                    b.push_str(iri::CHEBI_IDENTIFIERS);
                    b.push_str(id);
                });
                self.link(o, Vocab::EXACT_MATCH, same);
            }
        } else if let Some(v) = present(&row.name) {
            self.warn(
                path,
                v.line,
                field("name"),
                format!("{}: no {other} id to label: no triple", show(&v.text)),
            );
        }
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> &'a str {
    match s.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => &s[prefix.len()..],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{map, record, v};
    use crate::read::{GeneRow, Record, Rows, TermRow};

    /// Mention triples and reports only (the figure's own are left out).
    fn mentions(r: &Record) -> (Vec<String>, Vec<String>) {
        let (_, triples, reports) = map(r);
        let triples = triples
            .into_iter()
            .filter(|t| {
                t.starts_with("fig:X.html#")
                    || !t.starts_with("fig:X.html ")
                    || t.contains(" schema:mentions ")
            })
            .filter(|t| !t.starts_with("<https://www.wikipathways.org/>"))
            .collect();
        (triples, reports)
    }

    /// The mention nodes, in sorted order.
    fn nodes(triples: &[String]) -> Vec<String> {
        let mut n: Vec<String> = triples
            .iter()
            .filter(|t| t.contains(" rdf:type oa:Annotation"))
            .map(|t| t.split(' ').next().unwrap().to_owned())
            .collect();
        n.sort();
        n
    }

    fn gene(id: &str) -> Option<GeneRow<'_>> {
        Some(GeneRow {
            line: 9,
            ncbigene_id: v(id),
            ..GeneRow::default()
        })
    }

    fn rows<T>(inline: bool, rows: Vec<Option<T>>) -> Rows<T> {
        Rows {
            path: if inline { "r.md" } else { "r-genes.tsv" }.into(),
            inline,
            legacy_keys: inline,
            rows,
        }
    }

    fn term(mesh: Option<&'static str>, other: Option<&'static str>) -> Option<TermRow<'static>> {
        Some(TermRow {
            line: 9,
            word: v("w"),
            mesh: mesh.and_then(v),
            other_id: other.and_then(v),
            matched: v("Heading"),
            name: v("Name"),
            ..TermRow::default()
        })
    }

    #[test]
    fn a_gene_mention() {
        let r = Record {
            genes: vec![rows(
                false,
                vec![Some(GeneRow {
                    line: 9,
                    word: v("p53"),
                    source: v("hgnc"),
                    matched: v("P53"),
                    ncbigene_id: v(" 7157 "),
                    ncbigene_symbol: v("TP53"),
                    organism_id: v("9606"),
                    organism_name: v("Homo sapiens"),
                    organism_group: v("mammals"),
                    count_direct: v("2"),
                    count_synonym: v("x"),
                    ..GeneRow::default()
                })],
            )],
            ..record()
        };
        let (triples, reports) = mentions(&r);
        let mut want: Vec<String> = [
            "fig:X.html schema:mentions ncbigene:7157",
            "fig:X.html#gene-1 rdf:type oa:Annotation",
            "fig:X.html#gene-1 rdf:type pfocr:GeneMention",
            "fig:X.html#gene-1 oa:hasTarget fig:X.html",
            "fig:X.html#gene-1 oa:hasBody ncbigene:7157",
            r#"fig:X.html#gene-1 pfocr:ocrWord "p53""#,
            r#"fig:X.html#gene-1 pfocr:lexiconSource "hgnc""#,
            r#"fig:X.html#gene-1 pfocr:matchedText "P53""#,
            r#"fig:X.html#gene-1 pfocr:countDirect "2"^^xsd:integer"#,
            "fig:X.html#gene-1 wp:organism NCBITaxon:9606",
            r#"NCBITaxon:9606 rdfs:label "Homo sapiens""#,
            r#"NCBITaxon:9606 pfocr:organismGroup "mammals""#,
            r#"ncbigene:7157 dcterms:identifier "7157""#,
            r#"ncbigene:7157 rdfs:label "TP53""#,
        ]
        .map(str::to_owned)
        .to_vec();
        want.sort();
        assert_eq!(triples, want);
        assert_eq!(
            reports,
            [r#"genes.tsv row 1: count_synonym: "x" is not a valid xsd:integer: no triple"#]
        );
    }

    #[test]
    fn mentions_are_numbered_by_position() {
        let r = Record {
            genes: vec![rows(
                true,
                vec![
                    gene("7157"),
                    None,
                    Some(GeneRow {
                        line: 9,
                        word: v("w"),
                        ..GeneRow::default()
                    }),
                    gene("abc"),
                    gene("NA"),
                    gene("672"),
                ],
            )],
            ..record()
        };
        let (triples, reports) = mentions(&r);
        assert_eq!(nodes(&triples), ["fig:X.html#gene-1", "fig:X.html#gene-6"]);
        assert!(triples.contains(&"fig:X.html#gene-6 oa:hasBody ncbigene:672".to_owned()));
        assert_eq!(
            reports,
            [
                "genes[3].entrez: no NCBI Gene id: row gives no mention",
                r#"genes[4].entrez: "abc" is not a valid NCBI Gene id: no triple"#,
                "genes[5].entrez: no NCBI Gene id: row gives no mention",
            ]
        );
    }

    #[test]
    fn tsv_rows_continue_the_inline_numbering() {
        let r = Record {
            genes: vec![
                rows(true, vec![gene("1"), None]),
                rows(false, vec![gene("x3"), gene("4")]),
            ],
            chemicals: vec![
                rows(true, vec![term(Some("D1"), None)]),
                rows(false, vec![None, term(Some("mesh:D3"), None)]),
            ],
            diseases: vec![rows(false, vec![term(None, Some("doid:5"))])],
            ..record()
        };
        let (triples, reports) = mentions(&r);
        assert_eq!(
            nodes(&triples),
            [
                "fig:X.html#chemical-1",
                "fig:X.html#chemical-3",
                "fig:X.html#disease-1",
                "fig:X.html#gene-1",
                "fig:X.html#gene-4",
            ]
        );
        assert!(triples.contains(&"fig:X.html#gene-4 oa:hasBody ncbigene:4".to_owned()));
        assert!(triples.contains(&"fig:X.html#chemical-3 oa:hasBody mesh:D3".to_owned()));
        assert!(triples.contains(&"fig:X.html#disease-1 oa:hasBody DOID:5".to_owned()));
        assert_eq!(
            reports[0],
            r#"genes.tsv row 3: ncbigene_id: "x3" is not a valid NCBI Gene id: no triple"#
        );
    }

    /// The triples of one chemical row, without its type and target.
    fn chemical(row: Option<TermRow>) -> (Vec<String>, Vec<String>) {
        let r = Record {
            chemicals: vec![rows(false, vec![row])],
            ..record()
        };
        let (triples, reports) = mentions(&r);
        let common = [
            "fig:X.html#chemical-1 rdf:type oa:Annotation",
            "fig:X.html#chemical-1 rdf:type pfocr:ChemicalMention",
            "fig:X.html#chemical-1 oa:hasTarget fig:X.html",
            r#"fig:X.html#chemical-1 pfocr:ocrWord "w""#,
        ];
        for t in common {
            assert!(triples.contains(&t.to_owned()), "missing {t}: {triples:#?}");
        }
        let rest = triples
            .into_iter()
            .filter(|t| !common.contains(&t.as_str()))
            .collect();
        (rest, reports)
    }

    fn sorted(lines: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_chemical_with_only_chebi() {
        let want = sorted(&[
            "fig:X.html#chemical-1 oa:hasBody CHEBI:3165",
            "fig:X.html schema:mentions CHEBI:3165",
            r#"CHEBI:3165 rdfs:label "Name""#,
            "CHEBI:3165 skos:exactMatch <https://identifiers.org/chebi/CHEBI:3165>",
            r#"fig:X.html#chemical-1 pfocr:matchedText "Heading""#,
        ]);
        for chebi in ["chebi:3165", "CHEBI:3165", "ChEBI:3165", " 3165 "] {
            for mesh in [None, Some("NA")] {
                assert_eq!(chemical(term(mesh, Some(chebi))), (want.clone(), vec![]));
            }
        }
    }

    #[test]
    fn a_chemical_with_only_mesh() {
        let want = sorted(&[
            "fig:X.html#chemical-1 oa:hasBody mesh:D001920",
            "fig:X.html schema:mentions mesh:D001920",
            r#"mesh:D001920 rdfs:label "Heading""#,
        ]);
        let report = vec![
            r#"chemicals.tsv row 1: name: "Name": no CHEBI id to label: no triple"#.to_owned(),
        ];
        for mesh in ["mesh:D001920", "MeSH:D001920", "MESH:D001920", "D001920"] {
            assert_eq!(
                chemical(term(Some(mesh), None)),
                (want.clone(), report.clone())
            );
        }
    }

    #[test]
    fn a_chemical_with_both() {
        let want = sorted(&[
            "fig:X.html#chemical-1 oa:hasBody mesh:D001920",
            "fig:X.html schema:mentions mesh:D001920",
            r#"mesh:D001920 rdfs:label "Heading""#,
            "fig:X.html#chemical-1 oa:hasBody CHEBI:3165",
            "fig:X.html schema:mentions CHEBI:3165",
            r#"CHEBI:3165 rdfs:label "Name""#,
            "CHEBI:3165 skos:exactMatch <https://identifiers.org/chebi/CHEBI:3165>",
        ]);
        assert_eq!(
            chemical(term(Some("mesh:D001920"), Some("chebi:3165"))),
            (want, vec![])
        );
    }

    #[test]
    fn a_chemical_with_neither_is_reported() {
        let r = Record {
            chemicals: vec![rows(false, vec![term(Some("mesh:Q1"), Some("chebi:x"))])],
            ..record()
        };
        let (triples, reports) = mentions(&r);
        assert!(nodes(&triples).is_empty());
        assert_eq!(
            reports,
            [
                r#"chemicals.tsv row 1: mesh: "mesh:Q1" is not a valid MeSH id: no triple"#,
                r#"chemicals.tsv row 1: chebi: "chebi:x" is not a valid CHEBI id: no triple"#,
                r#"chemicals.tsv row 1: mesh: no MeSH or CHEBI id (word "w"): row gives no mention"#,
            ]
        );
    }

    #[test]
    fn a_disease_name_without_doid_is_reported() {
        let r = Record {
            diseases: vec![rows(
                false,
                vec![term(Some("MESH:D1"), None), term(None, Some("DOID:7"))],
            )],
            ..record()
        };
        let (triples, reports) = mentions(&r);
        assert!(triples.contains(&"fig:X.html#disease-1 oa:hasBody mesh:D1".to_owned()));
        assert!(triples.contains(&"fig:X.html#disease-2 oa:hasBody DOID:7".to_owned()));
        assert!(triples.contains(&"fig:X.html#disease-2 rdf:type pfocr:DiseaseMention".to_owned()));
        assert_eq!(
            reports,
            [r#"diseases.tsv row 1: name: "Name": no DOID id to label: no triple"#]
        );
    }

    #[test]
    fn an_organism_name_without_organism_id_is_reported() {
        for organism_id in [None, v("NA")] {
            let r = Record {
                genes: vec![rows(
                    false,
                    vec![Some(GeneRow {
                        line: 9,
                        ncbigene_id: v("7157"),
                        organism_id: organism_id.clone(),
                        organism_name: v("Homo sapiens"),
                        organism_group: v("mammals"),
                        ..GeneRow::default()
                    })],
                )],
                ..record()
            };
            let (triples, reports) = mentions(&r);
            assert!(
                !triples.iter().any(|t| t.contains("NCBITaxon")),
                "{triples:#?}"
            );
            assert!(!triples.iter().any(|t| t.contains("Homo sapiens")));
            assert_eq!(
                reports,
                [
                    r#"genes.tsv row 1: organism_name: "Homo sapiens": no organism_id to describe: no triple"#,
                    r#"genes.tsv row 1: organism_group: "mammals": no organism_id to describe: no triple"#,
                ]
            );
        }
    }

    #[test]
    fn prefixes_are_stripped_case_insensitively_only_at_the_start() {
        assert_eq!(super::strip_prefix_ci("MeSH:D1", "mesh:"), "D1");
        assert_eq!(super::strip_prefix_ci("chebi:1", "chebi:"), "1");
        assert_eq!(super::strip_prefix_ci("CHEBI:1", "chebi:"), "1");
        assert_eq!(super::strip_prefix_ci("D1", "mesh:"), "D1");
        assert_eq!(super::strip_prefix_ci("xmesh:D1", "mesh:"), "xmesh:D1");
        assert_eq!(super::strip_prefix_ci("κ", "mesh:"), "κ");
    }
}
