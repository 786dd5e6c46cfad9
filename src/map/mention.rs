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
