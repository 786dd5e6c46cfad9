//! The emitter: adds one record's triples to a figure graph and reports
//! the values that give none. The helpers make the mapping read as a list
//! of statements: `opt_*` add a triple only for a present value (not
//! absent, not a missing-value sentinel).

use super::field::Field;
use super::values;
use super::vocab::Vocab;
use crate::diag::{Diagnostics, show};
use crate::graph::{Datatype, FigureGraph, Id};
use crate::read::{Record, Text, Value};

/// A value that is present and not a missing-value sentinel.
pub(super) fn present<'v, 'a>(v: &'v Value<'a>) -> Option<&'v Text<'a>> {
    v.as_ref().filter(|t| !values::is_sentinel(&t.text))
}

/// The items of a list that are not missing-value sentinels.
pub(super) fn present_items<'v, 'a>(list: &'v [Text<'a>]) -> impl Iterator<Item = &'v Text<'a>> {
    list.iter().filter(|v| !values::is_sentinel(&v.text))
}

pub(super) struct Emitter<'a> {
    /// The vocabulary, resolved for the schema.org namespace in use.
    pub terms: &'static [&'static str],
    pub r: &'a Record<'a>,
    pub g: &'a mut FigureGraph,
    pub diags: &'a mut Diagnostics,
    /// The figure `F`.
    pub f: Id,
}

impl Emitter<'_> {
    /// A vocabulary term: no hashing, one table look-up per figure.
    pub fn c(&mut self, term: Vocab) -> Id {
        self.g.constant(term as usize, self.terms[term as usize])
    }

    pub fn add(&mut self, s: Id, p: Id, o: Id) {
        self.g.add(s, p, o);
    }

    /// `s a class`.
    pub fn a(&mut self, s: Id, class: Vocab) {
        let class = self.c(class);
        let p = self.c(Vocab::TYPE);
        self.add(s, p, class);
    }

    /// `s term o`.
    pub fn link(&mut self, s: Id, term: Vocab, o: Id) {
        let p = self.c(term);
        self.add(s, p, o);
    }

    /// An IRI the caller writes with `build` (see `map::iri`).
    pub fn iri(&mut self, build: impl FnOnce(&mut String)) -> Id {
        self.g.iri_with(build)
    }

    /// `s p "v"`.
    pub fn string(&mut self, s: Id, p: Id, v: &Text) {
        let o = self.g.literal(&v.text, Datatype::String);
        self.add(s, p, o);
    }

    /// `s term "v"` when `v` is present.
    pub fn opt_string(&mut self, s: Id, term: Vocab, v: &Value) {
        if let Some(v) = present(v) {
            let p = self.c(term);
            self.string(s, p, v);
        }
    }

    /// `s term "v"` for every present item of `list`.
    pub fn strings(&mut self, s: Id, term: Vocab, list: &[Text]) {
        for v in present_items(list) {
            let p = self.c(term);
            self.string(s, p, v);
        }
    }

    /// The same literal under a Dublin Core and a schema.org property.
    pub fn both(&mut self, s: Id, v: &Value, t1: Vocab, t2: Vocab) {
        let (p1, p2) = (self.c(t1), self.c(t2));
        if let Some(v) = present(v) {
            let o = self.g.literal(&v.text, Datatype::String);
            self.add(s, p1, o);
            self.add(s, p2, o);
        }
    }

    /// `m term "v"` on a mention (a fresh node, whose literals are not
    /// looked up) when `v` is present.
    pub fn opt_mention_string(&mut self, m: Id, term: Vocab, v: &Value) {
        if let Some(v) = present(v) {
            let p = self.c(term);
            let o = self.g.fresh_literal(&v.text, Datatype::String);
            self.add(m, p, o);
        }
    }

    pub fn warn(&mut self, path: &str, line: u32, field: Field<'_>, message: String) {
        self.diags
            .warn(path, Some(line), &field.to_string(), message);
    }

    /// `s term "v"^^dt`: trimmed and checked against the datatype's lexical
    /// space (a warning and no triple if it does not fit). Returns the
    /// literal.
    pub fn typed(
        &mut self,
        s: Id,
        term: Vocab,
        v: &Text,
        dt: Datatype,
        field: Field<'_>,
        path: &str,
    ) -> Option<Id> {
        let p = self.c(term);
        let lexical = v.text.trim();
        if values::is_lexical(dt, lexical) {
            let o = self.g.literal(lexical, dt);
            self.add(s, p, o);
            Some(o)
        } else {
            self.warn(
                path,
                v.line,
                field,
                format!(
                    "{} is not a valid {}: no triple",
                    show(&v.text),
                    values::prefixed(dt)
                ),
            );
            None
        }
    }

    /// [`typed`](Self::typed) when `v` is present.
    pub fn opt_typed(
        &mut self,
        s: Id,
        term: Vocab,
        v: &Value,
        dt: Datatype,
        field: Field<'_>,
        path: &str,
    ) {
        if let Some(v) = present(v) {
            self.typed(s, term, v, dt, field, path);
        }
    }

    /// An identifier checked against its pattern: the trimmed id, or a
    /// warning and `None`.
    pub fn id<'v>(
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
}

#[cfg(test)]
mod tests {
    use super::super::testing::{reports, triples};
    use super::super::vocab;
    use super::*;

    const SENTINELS: [&str; 4] = ["NA", "", ".na.character", "  "];

    /// Runs `body` on an emitter over an empty record whose subject is
    /// `<http://x/s>`; returns the sorted triples and the reports.
    fn run(body: impl FnOnce(&mut Emitter<'_>, Id)) -> (Vec<String>, Vec<String>) {
        let r = Record::default();
        let mut g = FigureGraph::new();
        let mut diags = Diagnostics::default();
        let s = g.iri("http://x/s");
        let mut e = Emitter {
            terms: vocab::resolved(false),
            r: &r,
            g: &mut g,
            diags: &mut diags,
            f: s,
        };
        body(&mut e, s);
        (triples(&g), reports(&diags))
    }

    fn t(text: &str) -> Text<'_> {
        Text::new(text, 7)
    }

    fn none() -> (Vec<String>, Vec<String>) {
        (vec![], vec![])
    }

    #[test]
    fn opt_string_adds_one_triple_for_a_present_value_only() {
        let got = run(|e, s| e.opt_string(s, Vocab::LABEL, &Some(t("v "))));
        assert_eq!(
            got,
            (vec![r#"<http://x/s> rdfs:label "v ""#.into()], vec![])
        );
        assert_eq!(run(|e, s| e.opt_string(s, Vocab::LABEL, &None)), none());
        for x in SENTINELS {
            let got = run(|e, s| e.opt_string(s, Vocab::LABEL, &Some(t(x))));
            assert_eq!(got, none(), "{x:?}");
        }
    }

    #[test]
    fn strings_adds_one_triple_per_present_item() {
        let mut list = vec![t("a")];
        list.extend(SENTINELS.map(t));
        list.push(t("b"));
        let got = run(|e, s| e.strings(s, Vocab::S_KEYWORDS, &list));
        let want = vec![
            r#"<http://x/s> schema:keywords "a""#.to_owned(),
            r#"<http://x/s> schema:keywords "b""#.to_owned(),
        ];
        assert_eq!(got, (want, vec![]));
        let only_sentinels = SENTINELS.map(t);
        let got = run(|e, s| e.strings(s, Vocab::S_KEYWORDS, &only_sentinels));
        assert_eq!(got, none());
    }

    #[test]
    fn both_adds_the_literal_under_both_terms() {
        let got = run(|e, s| e.both(s, &Some(t("T")), Vocab::DC_TITLE, Vocab::S_NAME));
        let want = vec![
            r#"<http://x/s> dcterms:title "T""#.to_owned(),
            r#"<http://x/s> schema:name "T""#.to_owned(),
        ];
        assert_eq!(got, (want, vec![]));
        assert_eq!(
            run(|e, s| e.both(s, &None, Vocab::DC_TITLE, Vocab::S_NAME)),
            none()
        );
        for x in SENTINELS {
            let got = run(|e, s| e.both(s, &Some(t(x)), Vocab::DC_TITLE, Vocab::S_NAME));
            assert_eq!(got, none(), "{x:?}");
        }
    }

    #[test]
    fn opt_mention_string_adds_one_triple_on_the_mention() {
        let mention =
            |e: &mut Emitter<'_>, s: Id| e.g.fresh_iri_extending(s, |b| b.push_str("#gene-1"));
        let got = run(|e, s| {
            let m = mention(e, s);
            e.opt_mention_string(m, Vocab::OCR_WORD, &Some(t("TP53")));
        });
        let want = vec![r#"<http://x/s#gene-1> pfocr:ocrWord "TP53""#.to_owned()];
        assert_eq!(got, (want, vec![]));
        let got = run(|e, s| {
            let m = mention(e, s);
            e.opt_mention_string(m, Vocab::OCR_WORD, &None);
            for x in SENTINELS {
                e.opt_mention_string(m, Vocab::OCR_WORD, &Some(t(x)));
            }
        });
        assert_eq!(got, none());
    }

    #[test]
    fn typed_trims_and_accepts_the_lexical_space() {
        for (value, dt, want) in [
            (" 2016 ", Datatype::GYear, r#""2016"^^xsd:gYear"#),
            ("-3", Datatype::Integer, r#""-3"^^xsd:integer"#),
            ("+01\n", Datatype::Integer, r#""+01"^^xsd:integer"#),
            (
                "0.9152256",
                Datatype::Decimal,
                r#""0.9152256"^^xsd:decimal"#,
            ),
            (" .5", Datatype::Decimal, r#"".5"^^xsd:decimal"#),
        ] {
            let mut returned = None;
            let got = run(|e, s| {
                returned = e
                    .typed(s, Vocab::PMC_INDEX, &t(value), dt, Field::Key("k"), "r.md")
                    .map(|o| e.g.term(o).as_str().to_owned());
            });
            let want = vec![format!("<http://x/s> pfocr:pmcRankedResultIndex {want}")];
            assert_eq!(got, (want, vec![]), "{value:?}");
            assert_eq!(returned.as_deref(), Some(value.trim()));
        }
    }

    #[test]
    fn typed_warns_with_the_field_and_gives_no_triple_outside_the_lexical_space() {
        for (value, dt, key, what) in [
            ("MMXX", Datatype::GYear, "year", "xsd:gYear"),
            (
                "-3.5",
                Datatype::Integer,
                "pmc_ranked_result_index",
                "xsd:integer",
            ),
            ("n/a", Datatype::Decimal, "pathway_score", "xsd:decimal"),
        ] {
            let mut returned_none = false;
            let got = run(|e, s| {
                returned_none = e
                    .typed(s, Vocab::DC_ISSUED, &t(value), dt, Field::Key(key), "r.md")
                    .is_none();
            });
            let want = vec![format!(
                "{key}: \"{value}\" is not a valid {what}: no triple"
            )];
            assert_eq!(got, (vec![], want));
            assert!(returned_none);
        }
        // The report carries the value's line.
        let r = Record::default();
        let mut g = FigureGraph::new();
        let mut diags = Diagnostics::default();
        let f = g.iri("http://x/s");
        let mut e = Emitter {
            terms: vocab::resolved(false),
            r: &r,
            g: &mut g,
            diags: &mut diags,
            f,
        };
        e.typed(
            f,
            Vocab::DC_ISSUED,
            &t("MMXX"),
            Datatype::GYear,
            Field::Key("year"),
            "r.md",
        );
        assert_eq!(diags.diagnostics[0].line, Some(7));
        assert_eq!(diags.diagnostics[0].path, "r.md");
    }

    #[test]
    fn opt_typed_skips_absent_and_sentinel_values() {
        let field = Field::Key("pathway_score");
        let got = run(|e, s| {
            e.opt_typed(
                s,
                Vocab::PATHWAY_SCORE,
                &None,
                Datatype::Decimal,
                field,
                "r.md",
            );
            for x in SENTINELS {
                let v = Some(t(x));
                e.opt_typed(
                    s,
                    Vocab::PATHWAY_SCORE,
                    &v,
                    Datatype::Decimal,
                    field,
                    "r.md",
                );
            }
        });
        assert_eq!(got, none());
        let got = run(|e, s| {
            let v = Some(t(" 0.5 "));
            e.opt_typed(
                s,
                Vocab::PATHWAY_SCORE,
                &v,
                Datatype::Decimal,
                field,
                "r.md",
            );
        });
        let want = vec![r#"<http://x/s> pfocr:pathwayScore "0.5"^^xsd:decimal"#.to_owned()];
        assert_eq!(got, (want, vec![]));
        let got = run(|e, s| {
            let v = Some(t("n/a"));
            e.opt_typed(
                s,
                Vocab::PATHWAY_SCORE,
                &v,
                Datatype::Decimal,
                field,
                "r.md",
            );
        });
        let want = vec![r#"pathway_score: "n/a" is not a valid xsd:decimal: no triple"#.to_owned()];
        assert_eq!(got, (vec![], want));
    }

    #[test]
    fn id_trims_and_warns_on_a_pattern_mismatch() {
        let mut ok = None;
        let got = run(|e, _| {
            ok = e
                .id(
                    &t(" WP4760 "),
                    values::is_wpid,
                    "WikiPathways id",
                    Field::Key("wpid"),
                    "r.md",
                )
                .map(str::to_owned);
        });
        assert_eq!(got, none());
        assert_eq!(ok.as_deref(), Some("WP4760"));
        let mut bad = Some(String::new());
        let got = run(|e, _| {
            bad = e
                .id(
                    &t("WP47x"),
                    values::is_wpid,
                    "WikiPathways id",
                    Field::Key("wpid"),
                    "r.md",
                )
                .map(str::to_owned);
        });
        let want = vec![r#"wpid: "WP47x" is not a valid WikiPathways id: no triple"#.to_owned()];
        assert_eq!(got, (vec![], want));
        assert_eq!(bad, None);
    }

    #[test]
    fn link_and_a_add_exactly_their_triple() {
        let got = run(|e, s| {
            let o = e.iri(|b| b.push_str("http://x/o"));
            e.link(s, Vocab::SEE_ALSO, o);
        });
        let want = vec!["<http://x/s> rdfs:seeAlso <http://x/o>".to_owned()];
        assert_eq!(got, (want, vec![]));
        let got = run(|e, s| e.a(s, Vocab::FIGURE));
        let want = vec!["<http://x/s> rdf:type pfocr:Figure".to_owned()];
        assert_eq!(got, (want, vec![]));
        // Twice is once.
        let got = run(|e, s| {
            e.a(s, Vocab::S_DATASET);
            e.a(s, Vocab::S_DATASET);
        });
        let want = vec!["<http://x/s> rdf:type schema:Dataset".to_owned()];
        assert_eq!(got, (want, vec![]));
    }
}
