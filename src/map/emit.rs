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
pub(super) fn present(v: &Value) -> Option<&Text> {
    v.as_ref().filter(|t| !values::is_sentinel(&t.text))
}

/// The items of a list that are not missing-value sentinels.
pub(super) fn present_items(list: &[Text]) -> impl Iterator<Item = &Text> {
    list.iter().filter(|v| !values::is_sentinel(&v.text))
}

pub(super) struct Emitter<'a> {
    /// The vocabulary, resolved for the schema.org namespace in use.
    pub terms: &'static [&'static str],
    pub r: &'a Record,
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
